#!/usr/bin/env python3
"""rapport hours (SPEC section 10) checked from the outside.

    python3 tests/hours.py reference RAPPORT DIR [SEED]
    python3 tests/hours.py csv CSVFILE JSONFILE
    python3 tests/hours.py page PAGE.html JSONFILE

reference: makes a workspace in DIR of random clients (entries over
several months with fractional hours, contracts, rates, statuses, owners,
names with commas, quotes and formula characters) and, for each month and
both --by, reads `hours --csv` with Python's csv module and checks it
equals `hours --json`, figure by figure, as decimals; checks both against
this file's own computation (hundredths summed exactly, rate x hours
rounded half up); and checks each client's hours this month against the
budget's figure in `status --json --all` and `show`.  Prints
"hours: N figures compared, N differences" and exits 1 on any difference.

csv: one CSV and one JSON document of the same run are equal.
page: an hours page of the site shows the JSON's rows and totals.
"""
import csv
import io
import json
import os
import random
import re
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

# No owner is declared, so a client may have none, or one with a comma.
OWNERS = ["dana", "lee", "sam, \"jr\""]
TODAY = "2026-11-23"
MONTHS = ["2026-%02d" % m for m in range(6, 13)]
FORMULA = tuple("=+-@\t\r")
CENT = Decimal("0.01")

differences = 0
compared = 0


def differ(what, got, want):
    global differences, compared
    compared += 1
    if got != want:
        differences += 1
        if differences <= 20:
            print("DIFF %s: got %r, want %r" % (what, got, want))


def make_clients(rng, n):
    clients = []
    names = ["Plain %d", "Comma, Inc %d", 'Quote "Q" %d', "=HYPERLINK(\"http://x\",\"%d\")",
             "+1 %d", "-x %d", "@x %d", "Émile %d"]
    for i in range(n):
        entries = []
        for _ in range(rng.randint(0, 10)):
            mo = rng.choice(MONTHS[:-1])
            day = rng.randint(1, 28)
            h = rng.choice([None, "0.25", "0.33", "1", "1.5", "2.75",
                            "0.01", "8", "12.5"])
            entries.append(("%s-%02d" % (mo, day), h))
        c = {
            "slug": "c%03d" % i,
            "name": rng.choice(names) % i,
            "owner": rng.choice(OWNERS + [None]),
            "status": rng.choice(["active", "active", "lead", "paused",
                                  "former"]),
            "contract": rng.choice([None, "10", "20.5", "0.75", "40"]),
            "rate": rng.choice([None, "33.33", "95.50", "125", "0.01",
                                "140"]),
            "since": rng.choice([None, "2026-01-01", "2026-09-15"]),
            "entries": entries,
        }
        clients.append(c)
    return clients


def write(clients, root):
    os.makedirs(os.path.join(root, "clients"), exist_ok=True)
    with open(os.path.join(root, "rapport.ini"), "w") as f:
        f.write("[workspace]\nname = Test\n")
    for c in clients:
        lines = ["---", "name = %s" % c["name"], "status = %s" % c["status"]]
        if c["owner"]:
            lines.append("owner = %s" % c["owner"])
        if c["since"]:
            lines.append("since = %s" % c["since"])
        if c["contract"] or c["rate"]:
            lines.append("[contract]")
            if c["contract"]:
                lines.append("hours = %s" % c["contract"])
            if c["rate"]:
                lines.append("rate = %s" % c["rate"])
        lines += ["---", ""]
        for d, h in c["entries"]:
            lines.append("## %s Work%s" % (d, " (%sh)" % h if h else ""))
        with open(os.path.join(root, "clients", c["slug"] + ".md"), "w") as f:
            f.write("\n".join(lines) + "\n")


def dec(s):
    return None if s is None or s == "" else Decimal(s)


def reference(clients, month, by):
    """The rows and totals this file expects, as decimals."""
    rows = []
    for c in sorted(clients, key=lambda c: c["slug"]):
        h = sum((Decimal(x) for d, x in c["entries"]
                 if x and d[:7] == month), Decimal(0))
        contract = dec(c["contract"])
        active = c["status"] in ("active", "lead")
        started = c["since"] is None or c["since"][:7] <= month
        if h == 0 and not (contract is not None and active and started):
            continue
        rate = dec(c["rate"])
        rows.append({
            "client": c["slug"], "name": c["name"], "owner": c["owner"],
            "status": c["status"], "hours": h, "contract": contract,
            "over_under": None if contract is None else h - contract,
            "rate": rate,
            "amount": None if rate is None else
            (rate * h).quantize(CENT, rounding=ROUND_HALF_UP),
            "clients": 1,
        })
    cols = ["hours", "contract", "over_under", "amount"]

    def total(rs):
        t = {"clients": len(rs)}
        for k in cols:
            v = [r[k] for r in rs if r[k] is not None]
            t[k] = sum(v, Decimal(0)) if v else None
        return t
    tot = total(rows)
    if by == "owner":
        groups = {}
        for r in rows:
            groups.setdefault(r["owner"], []).append(r)
        keys = sorted((k for k in groups if k is not None))
        if None in groups:
            keys.append(None)
        rows = []
        for k in keys:
            t = total(groups[k])
            t["owner"] = k
            rows.append(t)
    return rows, tot


NUMERIC = {"hours", "contract", "over_under", "rate", "amount"}


def from_json(doc):
    """The JSON's rows and total with figures as decimals."""
    def conv(r):
        return {k: (dec(str(v)) if k in NUMERIC and v is not None else v)
                for k, v in r.items()}
    return [conv(r) for r in doc["rows"]], conv(doc["total"])


def compare_csv(text, doc, what):
    """The CSV (read by the csv module) equals the JSON document."""
    if "\r\n" not in text or re.search(r"[^\r]\n", text):
        differ(what + " line ends", "not CRLF", "CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    month = doc["month"]
    jrows, jtot = from_json(doc)
    differ(what + " rows", len(body), len(jrows) + 1)
    for cr, jr in zip(body, jrows + [jtot]):
        is_total = jr is jtot
        differ(what + " month", cr[0], "Total" if is_total else month)
        for k, v in zip(header[1:], cr[1:]):
            if is_total and k not in jr:
                differ(what + " total " + k, v, "")
                continue
            want = jr[k]
            if k in NUMERIC:
                differ("%s %s" % (what, k), dec(v), want)
            elif k == "clients":
                differ("%s %s" % (what, k), int(v), want)
            else:
                # Text as the JSON has it, a formula made text with "'".
                w = "" if want is None else want
                if w.startswith(FORMULA):
                    w = "'" + w
                differ("%s %s" % (what, k), v, w)
        for k in jr:
            if k not in header:
                differ(what + " column " + k, "missing", "there")


def run(rapport, root, *args):
    p = subprocess.run([rapport, "-C", root, "--today", TODAY] + list(args),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("%s: exit %d: %s" % (" ".join(args), p.returncode,
                                      p.stderr.decode()))
    return p.stdout.decode()


def cmd_reference(rapport, root, seed):
    rng = random.Random(seed)
    clients = make_clients(rng, 120)
    write(clients, root)
    for month in MONTHS:
        for by in ("client", "owner"):
            args = ["hours", "--month", month, "--by", by]
            doc = json.loads(run(rapport, root, *(args + ["--json"])),
                             parse_float=Decimal)
            text = run(rapport, root, *(args + ["--csv"]))
            what = "%s by %s" % (month, by)
            compare_csv(text, doc, what + " csv")
            jrows, jtot = from_json(doc)
            rrows, rtot = reference(clients, month, by)
            differ(what + " count", len(jrows), len(rrows))
            for jr, rr in zip(jrows, rrows):
                for k in jr:
                    differ("%s %s %s" % (what, jr.get("client",
                           jr.get("owner")), k), jr[k], rr[k])
            for k in jtot:
                differ(what + " total " + k, jtot[k], rtot[k])
    # The budget's figure: "N of M contract hours used this month" in
    # status, "Hours N of M this month" in show, for today's month.
    doc = json.loads(run(rapport, root, "hours", "--json"),
                     parse_float=Decimal)
    hours = {r["client"]: dec(str(r["hours"])) for r in doc["rows"]}
    status = json.loads(run(rapport, root, "status", "--json", "--all"))
    budgets = 0
    for c in status["clients"]:
        for s in c["signals"]:
            m = re.match(r"([0-9.]+) of [0-9.]+ contract hours used this "
                         r"month", s["text"])
            if s["kind"] == "budget" and m:
                budgets += 1
                differ("budget of " + c["slug"], hours.get(c["slug"]),
                       Decimal(m.group(1)))
    for c in clients[:40]:
        out = run(rapport, root, "show", c["slug"])
        m = re.search(r"^Hours +([0-9.]+) (of [0-9.]+ )?this month", out,
                      re.M)
        differ("show %s" % c["slug"], hours.get(c["slug"], Decimal(0)),
               Decimal(m.group(1)) if m else None)
    differ("some budget signals to compare", budgets > 0, True)


def cmd_page(page, jsonfile):
    """The page's rows and totals are the JSON's, as the page writes them."""
    doc = json.load(open(jsonfile), parse_float=Decimal)
    html = open(page, encoding="utf-8").read()
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    foot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S)
    got = re.findall(r'<td class="num" data-label="[^"]*">([^<]*)</td>',
                     body.group(1) if body else "")
    want = []

    def cell(v, money):
        if v is None:
            return "\u2014"
        s = str(Decimal(str(v)).quantize(CENT))
        return s if money else s.rstrip("0").rstrip(".")
    for r in doc["rows"]:
        want += [cell(r["hours"], 0), cell(r["contract"], 0),
                 cell(r["over_under"], 0), cell(r["rate"], 1),
                 cell(r["amount"], 1)]
    differ(page + " rows", got, want)
    links = re.findall(r'<th scope="row"><a href="../clients/([^"]*)\.html">',
                       body.group(1) if body else "")
    differ(page + " clients", links, [r["client"] for r in doc["rows"]])
    t = doc["total"]
    got = re.findall(r'<td class="num" data-label="[^"]*">([^<]*)</td>',
                     foot.group(1) if foot else "")
    differ(page + " total", got, [cell(t["hours"], 0),
           cell(t["contract"], 0), cell(t["over_under"], 0), "",
           cell(t["amount"], 1)])


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "reference":
        cmd_reference(sys.argv[2], sys.argv[3],
                      int(sys.argv[4]) if len(sys.argv) > 4 else 38)
    elif len(sys.argv) == 4 and sys.argv[1] == "csv":
        compare_csv(open(sys.argv[2], newline="").read(),
                    json.load(open(sys.argv[3]), parse_float=Decimal), "csv")
    elif len(sys.argv) == 4 and sys.argv[1] == "page":
        cmd_page(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
    print("hours: %d figures compared, %d differences" % (compared,
                                                        differences))
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
