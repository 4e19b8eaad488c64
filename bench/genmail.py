#!/usr/bin/env python3
"""Generate a Maildir of mail to and from the clients of bench/gen.py.

    genmail.py --clients N [--seed S] [--today YYYY-MM-DD] --out DIR
               [--messages M]

DIR becomes a Maildir (cur/, new/, tmp/) of M message files (default
10,000) addressed to and from the clients that gen.py makes with the same
--clients, --seed and --today (gen.py's own Client class is run again, so
the addresses are the workspace's).  The same arguments always give the
same bytes.  The mix, as a mail program keeps it:

  - inbound, ~60 %: from a client's [contact] or [escalation] address to
    the client's owner (owner@agency.example), sometimes Cc'd;
  - outbound, ~15 %: from the owner to the contact, sometimes Cc the
    escalation address;
  - by domain, ~8 %: a colleague at the client's domain (slug.example)
    whose address the client file does not name;
  - automatic or list mail, ~7 %: out-of-office replies from clients
    (Auto-Submitted), notifications (Auto-Submitted), newsletters from
    vendors and from clients (List-Id, Precedence: bulk): all skipped;
  - strangers, ~5 %: mail to an owner from someone who is no client:
    skipped;
  - second copies, ~5 % of the files: a message already in new/ or cur/
    again in the other folder, byte for byte.

Replies ("Re: ...") carry In-Reply-To and quote the message they answer;
about 1 % have no Message-ID (rapport marks them by a hash of their
bytes); some subjects and names are not ASCII (RFC 2047).  Bodies are a
few KB of text, a third of them multipart/alternative with an HTML part,
and about 1 % carry a ~200 KB attachment, so reading costs what real mail
costs (10,000 messages are ~80 MB).  Dates are spread over the 120 days
before --today, never after it.

The expected counts (what import-mail should import and skip) are written
to DIR/../NAME.expect as JSON, NAME being DIR's base name.
"""

import argparse
import datetime
import email.policy
import email.utils
import json
import os
import random
import sys
from email.message import EmailMessage

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402  (gen.py beside this file)

COLLEAGUES = ("accounts billing hello info ops team jordan alex taylor "
              "morgan casey riley quinn devon").split()
VENDORS = ["news@adplatform.example", "updates@analyticsco.example",
           "digest@seo-weekly.example", "hello@design-tools.example"]
NOTIFIERS = ["noreply@calendar.example", "notifications@tracker.example",
             "no-reply@invoices.example"]
STRANGERS = ["Pat Somers <pat@recruiting.example>",
             "Lee Carver <lee.carver@printshop.example>",
             "Office <office@landlord.example>",
             "Jamie Fox <jamie@conference.example>",
             "Ana Sousa <ana.sousa@freelance.example>"]
SUBJECTS = gen.SUBJECTS + [
    "Question about last month's invoice", "Can we move Thursday's call?",
    "Draft copy for the newsletter", "Access to Search Console",
    "Café campaign: first results", "Überarbeitung der Landingpage",
    "Numbers for the board deck", "Holiday schedule", "Next steps",
    "Photos from the shoot", "Contract renewal", "Quick question"]
ZONES = [0, -300, -240, 60, 120, 330, -480]
RATIOS = [("inbound", 60), ("outbound", 15), ("domain", 8),
          ("automatic", 7), ("stranger", 5)]


def addresses(c):
    """The [contact] and [escalation] (name, address) of a gen.Client."""
    out, sect, name = {}, None, None
    for line in c.head.split("\n"):
        if line.startswith("["):
            sect, name = line.strip("[]"), None
        elif line.startswith("name = ") and sect:
            name = line[7:]
        elif line.startswith("email = ") and sect:
            out[sect] = (name, line[8:])
    return out["contact"], out["escalation"]


def body_text(rng, lo, hi):
    """Plain text of about lo..hi bytes, in paragraphs."""
    want = rng.randint(lo, hi)
    parts, size = [], 0
    while size < want:
        p = gen.paragraph(rng, 2, 5)
        parts.append(p)
        size += len(p) + 2
    return "\n\n".join(parts)


class Mailer:
    def __init__(self, rng, clients, today):
        self.rng = rng
        self.clients = clients
        self.addrs = [addresses(c) for c in clients]
        end = datetime.datetime(today.year, today.month, today.day,
                                tzinfo=datetime.timezone.utc)
        # Never after today in any time zone: the last day is yesterday.
        self.t_end = int(end.timestamp()) - 86400 - 14 * 3600
        self.t_start = self.t_end - 120 * 86400
        self.last = {}          # client index -> (msgid, subject, text)
        self.n = 0

    def msgid(self, domain):
        self.n += 1
        return "<%d.%08x.%d@%s>" % (self.t_start + self.n,
                                    self.rng.getrandbits(32), self.n,
                                    domain)

    def date(self):
        rng = self.rng
        t = rng.randint(self.t_start, self.t_end)
        day = t - t % 86400
        t = day + rng.randint(7 * 3600, 19 * 3600) + rng.randint(0, 3599)
        off = rng.choice(ZONES)
        tz = datetime.timezone(datetime.timedelta(minutes=off))
        return t, datetime.datetime.fromtimestamp(t, tz)

    def message(self, kind):
        """One message of kind: (EmailMessage, its time)."""
        rng = self.rng
        i = rng.randrange(len(self.clients))
        c = self.clients[i]
        contact, escal = self.addrs[i]
        domain = "%s.example" % c.slug
        owner = dict(gen.OWNERS)[c.owner]
        ours = "%s <%s@agency.example>" % (owner, c.owner)
        m = EmailMessage(policy=email.policy.default)
        t, when = self.date()
        reply = None
        mid_domain = domain
        if kind == "inbound":
            who = contact if rng.random() < 0.7 else escal
            m["From"] = "%s <%s>" % who
            m["To"] = ours
            if rng.random() < 0.2:
                m["Cc"] = "%s <%s>" % (escal if who is contact else contact)
            reply = self.last.get(i)
        elif kind == "outbound":
            m["From"] = ours
            m["To"] = "%s <%s>" % contact
            if rng.random() < 0.3:
                m["Cc"] = "%s <%s>" % escal
            if rng.random() < 0.1:
                o = rng.choice(gen.OWNERS)
                m["Bcc"] = "%s <%s@agency.example>" % (o[1], o[0])
            reply = self.last.get(i)
            mid_domain = "agency.example"
        elif kind == "domain":
            who = rng.choice(COLLEAGUES)
            m["From"] = "%s <%s@%s>" % (who.capitalize() + " at " + c.name,
                                        who, domain)
            m["To"] = ours
        elif kind == "stranger":
            m["From"] = rng.choice(STRANGERS)
            m["To"] = ours
            mid_domain = m["From"].split("@")[1].rstrip(">")
        else:  # automatic
            sort = rng.choice(["ooo", "notify", "vendor", "clientnews"])
            if sort == "ooo":
                m["From"] = "%s <%s>" % contact
                m["To"] = ours
                m["Auto-Submitted"] = "auto-replied"
                m["Subject"] = "Out of office: %s" % rng.choice(SUBJECTS)
            elif sort == "notify":
                m["From"] = rng.choice(NOTIFIERS)
                m["To"] = ours
                m["Auto-Submitted"] = "auto-generated"
                m["Subject"] = "Reminder: %s" % rng.choice(gen.TASKS)
            else:
                sender = rng.choice(VENDORS) if sort == "vendor" else \
                    "news@%s" % domain
                m["From"] = "Newsletter <%s>" % sender
                m["To"] = ours
                m["List-Id"] = "<news.%s>" % sender.split("@")[1]
                m["List-Unsubscribe"] = "<mailto:unsub@%s>" % \
                    sender.split("@")[1]
                m["Precedence"] = "bulk"
                m["Subject"] = "%s: this month's news" % (
                    c.name if sort == "clientnews" else
                    sender.split("@")[1].split(".")[0])
            mid_domain = m["From"].split("@")[1].rstrip(">")
        text = body_text(rng, 1200, 5000)
        if "Subject" not in m:
            if reply and rng.random() < 0.6:
                m["Subject"] = "Re: " + reply[1]
                m["In-Reply-To"] = reply[0]
                m["References"] = reply[0]
                text += "\n\nOn %s, you wrote:\n" % when.strftime("%d %b") + \
                    "\n".join("> " + ln for ln in reply[2][:1500].split("\n"))
            else:
                m["Subject"] = rng.choice(SUBJECTS)
        sig = m["From"].split("<")[0].strip() or "Sent from my phone"
        text += "\n\nBest,\n%s\n" % sig
        m["Date"] = email.utils.format_datetime(when)
        if rng.random() >= 0.01:
            mid = self.msgid(mid_domain)
            m["Message-ID"] = mid
        else:
            mid = None
        m["MIME-Version"] = "1.0"
        m["X-Mailer"] = rng.choice(["Thunderbird 115.4", "Apple Mail (2.3731)",
                                    "Microsoft Outlook 16.0", "Mutt 2.2"])
        # Trace headers first, newest hop on top, as servers prepend them.
        out = EmailMessage(policy=email.policy.default)
        out["Return-Path"] = "<%s>" % email.utils.parseaddr(
            str(m["From"]))[1]
        for hop in range(rng.randint(2, 4)):
            out["Received"] = ("from mx%d.%s (mx%d.%s [192.0.2.%d]) by "
                               "mail.agency.example with ESMTPS id %08x; "
                               "%s" % (hop, mid_domain, hop, mid_domain,
                                       rng.randint(1, 254),
                                       rng.getrandbits(32),
                                       email.utils.format_datetime(when)))
        for k, v in m.items():
            out[k] = v
        m = out
        m.set_content(text)
        if rng.random() < 0.33:
            html = "<html><body>%s</body></html>" % "".join(
                "<p>%s</p>" % p.replace("\n", "<br>\n")
                for p in text.split("\n\n"))
            m.add_alternative(html, subtype="html")
        if rng.random() < 0.01:
            m.add_attachment(rng.randbytes(rng.randint(150, 250) * 1024),
                             maintype="application", subtype="pdf",
                             filename="report-%d.pdf" % self.n)
        for part in m.walk():
            if part.is_multipart():
                part.set_boundary("=_bench_%016x" % rng.getrandbits(64))
        if kind in ("inbound", "outbound") and mid:
            subj = str(m["Subject"])
            self.last[i] = (mid, subj[4:] if subj.startswith("Re: ")
                            else subj, text)
        return m, t


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--today", default="2026-11-23")
    ap.add_argument("--messages", type=int, default=10000)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if os.path.exists(a.out) and os.listdir(a.out):
        sys.exit("genmail.py: %s exists and is not empty" % a.out)
    today = datetime.date.fromisoformat(a.today)
    # gen.py's clients, exactly: the same generator run the same way.
    rng = random.Random(a.seed)
    used = set()
    clients = [gen.Client(rng, i, today, used) for i in range(a.clients)]
    rng = random.Random("mail %d" % a.seed)
    mailer = Mailer(rng, clients, today)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(a.out, sub), exist_ok=True)
    ndup = a.messages // 20
    nuniq = a.messages - ndup
    kinds = rng.choices([k for k, _ in RATIOS], [w for _, w in RATIOS],
                        k=nuniq)
    count = dict((k, 0) for k, _ in RATIOS)
    msgs = []
    for kind in kinds:
        m, t = mailer.message(kind)
        msgs.append((t, kind, m.as_bytes()))
        count[kind] += 1
    # Oldest first, as they arrived; the newest tenth is still unread.
    msgs.sort(key=lambda x: x[0])
    files = []
    for k, (t, kind, data) in enumerate(msgs):
        unread = k >= nuniq - nuniq // 10
        name = "%d.M%dP%d.bench" % (t, k, 4242)
        files.append((unread, name, kind, data))
    dups = rng.sample(range(nuniq), ndup)
    size = 0
    for unread, name, kind, data in files:
        path = os.path.join(a.out, "new" if unread else "cur",
                            name if unread else name + ":2,S")
        with open(path, "wb") as f:
            f.write(data)
        size += len(data)
    twice = 0
    for k in sorted(dups):
        unread, name, kind, data = files[k]
        # The same message in the other folder, under the same name: one
        # moved to cur/ whose new/ copy stayed, or the other way round.
        path = os.path.join(a.out, "cur" if unread else "new",
                            name + ":2,S" if unread else name)
        with open(path, "wb") as f:
            f.write(data)
        size += len(data)
        twice += kind in ("inbound", "outbound", "domain")
    # What import-mail should say: second copies of skipped mail are
    # skipped for what they are, not as copies.
    expect = {"messages": a.messages, "copies": ndup,
              "second_copies": twice,
              "bytes": size,
              "imported": count["inbound"] + count["outbound"] +
              count["domain"]}
    expect.update(count)
    base = os.path.basename(os.path.normpath(a.out))
    with open(os.path.join(os.path.dirname(os.path.normpath(a.out)) or ".",
                           base + ".expect"), "w") as f:
        json.dump(expect, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
