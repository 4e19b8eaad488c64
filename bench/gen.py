#!/usr/bin/env python3
"""Generate a realistic rapport workspace of any size, deterministically.

    gen.py --clients N [--seed S] [--today YYYY-MM-DD] --out DIR
           [--hugo DIR] [--commits C]

The same arguments always give the same bytes.  Each client file has the
front-matter of a real account (owner, cadence, contacts, contract, tracked
metrics with monthly reports, goals), a few paragraphs of notes and about
twenty dated entries with commitments, ~5 KB in all, so 10,000 clients is
~50 MB of Markdown.  Clients live in clients/<owner>/, which exercises
subfolders.

--hugo DIR writes the same clients as a Hugo site (TOML front-matter, the
same Markdown body, plain layouts listing and showing them), for comparing
build times on the same content.

--commits C makes DIR a git repository whose history has C commits (through
git fast-import): clients are added over the first half of the history and
their last entries appended over all of it, so the final commit is exactly
the files in the work tree and every intermediate file is valid.
"""

import argparse
import datetime
import os
import random
import subprocess
import sys

FIRST = ("Copper Granite Harbor Maple Summit Alder Riverbend Northfield "
         "Bluewater Vertex Cedar Lantern Meridian Juniper Orchard Beacon "
         "Falcon Willow Ironwood Saffron Pinnacle Heron Cobalt Lumen Quarry "
         "Tidewater Redwood Aspen Harvest Silverline Foxglove Keystone").split()
SECOND = ("Kettle Valley Dental Widget Trail Hotel Logistics Yoga Bakery "
          "Studio Partners Labs Foods Outfitters Clinic Brewing Motors "
          "Analytics Dynamics Gardens Works Supply Realty Press Health "
          "Robotics Coffee Fitness Apparel Energy Software Legal").split()
SUFFIX = ["", "", "", " Co", " Group", " Ltd", " Inc", " & Sons"]
PEOPLE = ("Arjun Mehta|Clara Whitfield|Jo Okafor|Lena Fischer|Sam Reyes|"
          "Mina Park|Tomas Novak|Aisha Bello|Ruth Lindqvist|Omar Haddad|"
          "Ines Duarte|Kenji Sato|Grace Mwangi|Pavel Ivanov|Nora Quinn|"
          "Luca Romano").split("|")
ROLES = ["Marketing Manager", "Head of Growth", "Owner", "COO",
         "Office Manager", "Brand Lead", "Founder", "CEO", "CFO"]
OWNERS = [("dana", "Dana Kim"), ("marco", "Marco Bellini"),
          ("priya", "Priya Raman"), ("tom", "Tom Okoro"),
          ("sofia", "Sofia Alvarez"), ("wen", "Wen Li"),
          ("ahmed", "Ahmed Karim"), ("eva", "Eva Novak")]
TAGS = ("seo ppc paid-social cro email content retail b2b saas local "
        "nonprofit finance health hospitality ecommerce brand").split()
METRICS = ["sessions", "leads", "signups", "trials", "mrr", "cac",
           "orders", "revenue", "calls", "bookings"]
CHANNELS = ["call", "email", "meeting", "report", "chat", None]
SUBJECTS = ["Weekly sync", "Monthly report sent", "Campaign review",
            "Budget question", "Landing page feedback", "Quarterly plan",
            "Invoice query", "New brief for the spring launch",
            "Results of the A/B test", "Keyword research delivered",
            "Asked for access to analytics", "Reviewed ad copy together"]
WORDS = ("the a we they client campaign budget report traffic conversion "
         "numbers plan quarter team launch page copy ads search results "
         "agreed asked sent reviewed next week month improve slower better "
         "data export meeting follow call email draft final goal target "
         "cost lead rate growth brand social content test").split()
TASKS = ["Send the revised timeline", "Share the report",
         "Draft the nurture sequence", "Book the quarterly review",
         "Fix tracking on the checkout", "Prepare the budget proposal",
         "Send brand assets", "Approve the ad copy", "Export the CRM data"]


def sentence(rng, n):
    w = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(w).capitalize() + "."


def paragraph(rng, lo=2, hi=4):
    return "\n".join(sentence(rng, rng.randint(8, 14))
                     for _ in range(rng.randint(lo, hi)))


class Client:
    """One client: its header and its entries, as text pieces."""

    def __init__(self, rng, i, today, used):
        base = rng.choice(FIRST) + " " + rng.choice(SECOND)
        name = base + rng.choice(SUFFIX)
        slug = "-".join("".join(ch for ch in part if ch.isalnum())
                        for part in base.lower().split())
        if slug in used:
            slug = "%s-%d" % (slug, i)
            name = "%s %d" % (name, i)
        used.add(slug)
        self.slug, self.name = slug, name
        self.owner = OWNERS[rng.randrange(len(OWNERS))][0]
        since = today - datetime.timedelta(days=rng.randint(200, 1500))
        status = rng.choices(["active", "lead", "paused", "former"],
                             [80, 8, 7, 5])[0]
        health = rng.choices(["green", "amber", "red"], [70, 20, 10])[0]
        metrics = rng.sample(METRICS, rng.randint(2, 4))
        h = ["---", "name = %s" % name, "status = %s" % status,
             "owner = %s" % self.owner, "health = %s" % health]
        if rng.random() < 0.4:
            h.append("cadence = %dd" % rng.choice([7, 14, 21, 30]))
        h.append("since = %s" % since.isoformat())
        h.append("tags = %s" % ", ".join(rng.sample(TAGS, rng.randint(1, 4))))
        for sect in ("contact", "escalation"):
            who = rng.choice(PEOPLE)
            h += ["", "[%s]" % sect, "name = %s" % who,
                  "role = %s" % rng.choice(ROLES),
                  "email = %s@%s.example" % (who.split()[0].lower(), slug)]
            if sect == "contact":
                h.append("phone = +1 555 %04d" % rng.randint(0, 9999))
        # A third person, as [person KEY] (issue 37's cards: 3 a client).
        who = rng.choice(PEOPLE)
        h += ["", "[person finance]", "name = %s" % who,
              "role = Finance Lead",
              "email = %s.ap@%s.example" % (who.split()[0].lower(), slug)]
        h += ["", "[contract]", "hours = %d" % rng.choice([10, 20, 30, 40]),
              "renews = %s" % (today + datetime.timedelta(
                  days=rng.randint(-10, 300))).isoformat(),
              "rate = %d" % rng.choice([120, 140, 160, 180])]
        h += ["", "[metrics]", "track = %s" % ", ".join(metrics)]
        month = (today.year, today.month)
        reps = []
        late = 1 if rng.random() < 0.6 else 2
        for k in range(rng.randint(3, 6) + late - 1, late - 1, -1):
            y, m = month[0], month[1] - k
            while m < 1:
                y, m = y - 1, m + 12
            reps.append("%04d-%02d" % (y, m))
        for rep in reps:
            h += ["", "[report %s]" % rep]
            h += ["%s = %d" % (mt, rng.randint(10, 60000)) for mt in metrics]
        h += ["", "[goal %s-growth]" % metrics[0],
              "target = %d more %s a month" % (rng.randint(10, 500),
                                               metrics[0]),
              "by = %s" % (today + datetime.timedelta(
                  days=rng.randint(-20, 200))).isoformat(),
              "confidence = %d" % rng.randint(10, 95), "---", ""]
        notes = [paragraph(rng), "", "### Key facts"]
        notes += ["- " + sentence(rng, rng.randint(5, 9))
                  for _ in range(rng.randint(2, 4))]
        notes.append("")
        self.head = "\n".join(h + notes)
        # Twenty entries, oldest first, ending near today.
        self.entries = []
        day = since + datetime.timedelta(days=rng.randint(0, 30))
        n = 20
        span = (today - day).days
        for k in range(n):
            d = day + datetime.timedelta(days=span * (k + 1) // n -
                                         rng.randint(0, 12))
            if d > today:
                d = today
            self.entries.append(self.entry(rng, d, today))

    def entry(self, rng, d, today):
        arrow = rng.choices(["-> ", "<- ", ""], [50, 30, 20])[0]
        ch = rng.choice(CHANNELS) if arrow else None
        text = rng.choice(SUBJECTS)
        hours = " (%gh)" % rng.choice([0.25, 0.5, 1, 1.5, 2, 3]) \
            if arrow != "<- " and rng.random() < 0.7 else ""
        lines = ["## %s %s%s%s%s" % (d.isoformat(), arrow,
                                     ch + ": " if ch else "", text, hours)]
        lines.append(paragraph(rng, 1, 3))
        if rng.random() < 0.35:
            due = d + datetime.timedelta(days=rng.randint(2, 20))
            done = "x" if due < today - datetime.timedelta(days=14) \
                and rng.random() < 0.97 else " "
            who = "@client " if rng.random() < 0.25 else ""
            lines.append("- [%s] %s%s due:%s" % (done, who,
                                                rng.choice(TASKS),
                                                due.isoformat()))
        return "\n".join(lines) + "\n\n"

    def text(self, upto=None):
        e = self.entries if upto is None else self.entries[:upto]
        return self.head + "\n" + "".join(e)


def ini():
    out = ["; Generated by bench/gen.py.", "", "[workspace]",
           "name = Benchmark Agency Network", "", "[defaults]",
           "cadence = 14d", "reply_within = 1bd", "due_soon = 3d",
           "budget_warn = 80", "renewal_notice = 30d", "report_day = 5", ""]
    for handle, name in OWNERS:
        out += ["[owner %s]" % handle, "name = %s" % name,
                "email = %s@agency.example" % handle, ""]
    out += ["[site]", "title = Benchmark clients", ""]
    return "\n".join(out)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def relpath(c):
    return "clients/%s/%s.md" % (c.owner, c.slug)


def hugo(clients, out):
    write(os.path.join(out, "config.toml"),
          'baseURL = "http://example.org/"\ntitle = "Benchmark clients"\n'
          'disableKinds = ["RSS", "sitemap", "robotsTXT"]\n'
          '[taxonomies]\n  tag = "tags"\n  owner = "owners"\n')
    write(os.path.join(out, "layouts/_default/baseof.html"),
          '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
          '<title>{{ .Title }}</title></head><body>'
          '<nav><a href="/">Index</a></nav>{{ block "main" . }}{{ end }}'
          '</body></html>\n')
    write(os.path.join(out, "layouts/_default/single.html"),
          '{{ define "main" }}<h1>{{ .Title }}</h1><dl>'
          '<dt>Status</dt><dd>{{ .Params.status }}</dd>'
          '<dt>Owner</dt><dd>{{ .Params.owner }}</dd>'
          '<dt>Health</dt><dd>{{ .Params.health }}</dd></dl>'
          '<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>'
          '{{ .Content }}{{ end }}\n')
    write(os.path.join(out, "layouts/_default/list.html"),
          '{{ define "main" }}<h1>{{ .Title }}</h1><table>'
          '{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">'
          '{{ .Title }}</a></td><td>{{ .Params.owner }}</td>'
          '<td>{{ .Params.status }}</td></tr>{{ end }}</table>{{ end }}\n')
    for c in clients:
        body = c.text()
        fm_end = body.index("\n---\n", 4) + 5
        tags = [t.strip() for t in body.split("tags = ", 1)[1]
                .split("\n", 1)[0].split(",")]
        status = body.split("status = ", 1)[1].split("\n", 1)[0]
        health = body.split("health = ", 1)[1].split("\n", 1)[0]
        fm = ["+++", 'title = "%s"' % c.name, 'status = "%s"' % status,
              'health = "%s"' % health, 'owners = ["%s"]' % c.owner,
              'owner = "%s"' % c.owner,
              "tags = [%s]" % ", ".join('"%s"' % t for t in tags), "+++", ""]
        write(os.path.join(out, "content/clients/%s.md" % c.slug),
              "\n".join(fm) + body[fm_end:])


def history(clients, out, commits, rng, today):
    """A fast-import stream that reveals the clients over commits."""
    n = len(clients)
    half = max(1, commits // 2)
    adds = {}
    appends = {}
    for i, c in enumerate(clients):
        a = i * half // n
        adds.setdefault(a, []).append(i)
        keep = len(c.entries) - rng.randint(0, 4)
        c.shown = keep
        for _ in range(len(c.entries) - keep):
            appends.setdefault(rng.randint(a + 1, max(a + 1, commits - 1)),
                               []).append(i)
    start = datetime.datetime(today.year, today.month, today.day,
                              tzinfo=datetime.timezone.utc)
    t0 = int(start.timestamp()) - commits * 3600
    stream = []
    mark = 0

    def blob(text):
        nonlocal mark
        mark += 1
        data = text.encode("utf-8")
        stream.append(b"blob\nmark :%d\ndata %d\n" % (mark, len(data)))
        stream.append(data + b"\n")
        return mark

    stream.append(b"")
    for j in range(commits):
        changes = []
        if j == 0:
            changes.append(("rapport.ini", blob(ini())))
        for i in adds.get(j, []):
            c = clients[i]
            changes.append((relpath(c), blob(c.text(c.shown))))
        for i in sorted(set(appends.get(j, []))):
            c = clients[i]
            if c.shown < len(c.entries):
                c.shown += 1
                changes.append((relpath(c), blob(c.text(c.shown))))
        if j == commits - 1:
            for c in clients:
                if c.shown < len(c.entries):
                    c.shown = len(c.entries)
                    changes.append((relpath(c), blob(c.text())))
        who = OWNERS[j % len(OWNERS)]
        msg = ("update %d clients" % len(changes)).encode()
        ts = t0 + j * 3600
        stream.append(b"commit refs/heads/main\n")
        stream.append(b"author %s <%s@agency.example> %d +0000\n" % (
            who[1].encode(), who[0].encode(), ts))
        stream.append(b"committer %s <%s@agency.example> %d +0000\n" % (
            who[1].encode(), who[0].encode(), ts))
        stream.append(b"data %d\n%s\n" % (len(msg), msg))
        for path, m in changes:
            stream.append(b"M 100644 :%d %s\n" % (m, path.encode()))
        stream.append(b"\n")
    env = dict(os.environ, GIT_DIR=os.path.join(out, ".git"))
    subprocess.run(["git", "init", "-q", "-b", "main", out], check=True)
    subprocess.run(["git", "fast-import", "--quiet"], input=b"".join(stream),
                   env=env, check=True)
    subprocess.run(["git", "-C", out, "reset", "-q", "--hard", "main"],
                   check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", default="2026-11-23")
    ap.add_argument("--out", required=True)
    ap.add_argument("--hugo")
    ap.add_argument("--commits", type=int, default=0)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    today = datetime.date.fromisoformat(a.today)
    used = set()
    clients = [Client(rng, i, today, used) for i in range(a.clients)]
    if os.path.exists(a.out) and os.listdir(a.out):
        sys.exit("gen.py: %s exists and is not empty" % a.out)
    if a.commits > 0:
        history(clients, a.out, a.commits, random.Random(a.seed + 1), today)
    else:
        write(os.path.join(a.out, "rapport.ini"), ini())
        for c in clients:
            write(os.path.join(a.out, relpath(c)), c.text())
    if a.hugo:
        hugo(clients, a.hugo)


if __name__ == "__main__":
    main()
