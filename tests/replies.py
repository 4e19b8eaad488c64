#!/usr/bin/env python3
"""Reply times (SPEC section 10) computed again, independently, and
compared with rapport stats --json.

    python3 tests/replies.py RAPPORT DIR [SEED]

Makes a workspace in DIR of random clients whose entries are written in
a shuffled order (so the order of entries, SPEC section 2, decides what
answers what): same-day pairs, untimed entries among timed ones,
weekends, several messages before one reply, entries after today, notes
between.  For several days it runs `rapport --today DAY stats --json`
(with and without --owner and --since) and compares every figure with
this file's own computation.  Prints "replies: N figures compared, N
differences" and exits 1 on any difference.
"""
import datetime
import json
import math
import os
import random
import subprocess
import sys

OWNERS = ["dana", "lee", "sam"]


def make_clients(rng, n):
    base = datetime.date(2026, 6, 1)
    clients = []
    for i in range(n):
        entries = []
        for _ in range(rng.randint(0, 14)):
            d = base + datetime.timedelta(days=rng.randint(0, 200))
            timed = rng.random() < 0.6
            m = rng.randint(0, 1439) if timed else None
            kind = rng.choice(["in", "in", "out", "out", "note"])
            entries.append((d, m, kind))
            if rng.random() < 0.25:
                # A same-day pair: an answer later that day, or untimed.
                m2 = (rng.randint(m, 1439) if (timed and rng.random() < 0.7)
                      else None)
                entries.append((d, m2, "out" if kind == "in" else "in"))
        rng.shuffle(entries)
        owner = rng.choice(OWNERS)
        clients.append({"slug": "c%04d" % i, "owner": owner,
                        "entries": entries})
    return clients


def write(clients, root):
    os.makedirs(os.path.join(root, "clients"), exist_ok=True)
    with open(os.path.join(root, "rapport.ini"), "w") as f:
        f.write("[workspace]\nname = Test\n")
        for o in OWNERS:
            f.write("[owner %s]\nname = %s\n" % (o, o.title()))
    for c in clients:
        lines = ["---", "name = %s" % c["slug"].upper()]
        if c["owner"]:
            lines.append("owner = %s" % c["owner"])
        lines += ["since = 2026-01-01", "---", ""]
        for k, (d, m, kind) in enumerate(c["entries"]):
            arrow = {"in": "<- email: ", "out": "-> call: ", "note": ""}[kind]
            t = " %02d:%02d" % divmod(m, 60) if m is not None else ""
            lines.append("## %s%s %sentry %d" % (d.isoformat(), t, arrow, k))
            lines.append("")
        with open(os.path.join(root, "clients", c["slug"] + ".md"), "w") as f:
            f.write("\n".join(lines))


def ordered(entries):
    """The order of entries: date, then time, an untimed entry taking
    the time of the nearest timed entry of its date above it in the file
    (00:00 when none), then the position in the file."""
    keyed = []
    for pos, (d, m, kind) in enumerate(entries):
        at = m
        if at is None:
            at = 0
            for q in range(pos - 1, -1, -1):
                if entries[q][0] == d and entries[q][1] is not None:
                    at = entries[q][1]
                    break
        keyed.append(((d, at, pos), d, m, kind))
    keyed.sort(key=lambda k: k[0])
    return [(d, m, kind) for _, d, m, kind in keyed]


def business(d1, m1, d2, m2):
    """Minutes of [d1 m1, d2 m2) on Monday to Friday, day by day."""
    total, d = 0, d1
    while d <= d2:
        lo = m1 if d == d1 else 0
        hi = m2 if d == d2 else 1440
        if d.weekday() < 5 and hi > lo:
            total += hi - lo
        d += datetime.timedelta(days=1)
    return total


def replies(c, today):
    """Each inbound entry up to today: (date, wall, business, answered)."""
    out = []
    seq = [e for e in ordered(c["entries"]) if e[0] <= today and
           e[2] != "note"]
    for i, (d, m, kind) in enumerate(seq):
        if kind != "in":
            continue
        reply = next((e for e in seq[i + 1:] if e[2] == "out"), None)
        if reply is None:
            d2, m1, m2 = today, 0, 0
        else:
            d2, m2 = reply[0], reply[1]
            m1 = m
            if m1 is None or m2 is None:
                m1 = m2 = 0
        wall = (d2 - d).days * 1440 + m2 - m1
        out.append((d, wall, business(d, m1, d2, m2), reply is not None))
    return out


def rank(values, p):
    if not values:
        return None
    values = sorted(values)
    return values[max(1, math.ceil(p * len(values) / 100)) - 1]


def figures(clients, today, owner=None, lo=None, hi=None):
    answered, bus, waiting, longest = [], [], 0, None
    for c in sorted(clients, key=lambda c: c["slug"]):
        if owner is not None and c["owner"] != owner:
            continue
        for d, wall, b, ok in replies(c, today):
            if (lo and d < lo) or (hi and d > hi):
                continue
            if ok:
                answered.append(wall)
                bus.append(b)
                continue
            waiting += 1
            if longest is None or wall > longest["minutes"]:
                longest = {"client": c["slug"], "since": d.isoformat(),
                           "minutes": wall, "business_minutes": b}
    return {"answered": len(answered),
            "median_minutes": rank(answered, 50),
            "p90_minutes": rank(answered, 90),
            "median_business_minutes": rank(bus, 50),
            "p90_business_minutes": rank(bus, 90),
            "waiting": waiting, "longest_waiting": longest}


def months_from(first, today):
    y, m = first.year, first.month
    while (y, m) <= (today.year, today.month):
        yield datetime.date(y, m, 1)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def expected(clients, today, owner, since):
    pool = [c for c in clients if owner is None or c["owner"] == owner]
    doc = {"today": today.isoformat(),
           "since": since.isoformat() if since else None, "owner": owner,
           "all": figures(pool, today, None, since)}
    doc["owners"] = [] if owner else [
        dict({"owner": o}, **figures(pool, today, o, since)) for o in OWNERS]
    firsts = [d for c in pool for d, _, _, _ in replies(c, today)]
    doc["months"] = []
    if firsts:
        first = min(firsts)
        if since and since > first:
            first = since
        for mo in months_from(first, today):
            nxt = (mo.replace(year=mo.year + 1, month=1) if mo.month == 12
                   else mo.replace(month=mo.month + 1))
            lo = max(mo, since) if since else mo
            doc["months"].append(dict(
                {"month": mo.strftime("%Y-%m")},
                **figures(pool, today, None, lo,
                          nxt - datetime.timedelta(days=1))))
    doc["clients"] = []
    for c in sorted(pool, key=lambda c: c["slug"]):
        f = figures([c], today, None, since)
        if f["answered"] + f["waiting"]:
            doc["clients"].append(dict({"slug": c["slug"],
                                        "owner": c["owner"]}, **f))
    return doc


def compare(want, got, where, diffs):
    """Counts figures compared; appends differences."""
    if isinstance(want, dict) and isinstance(got, dict):
        n = 0
        for k in set(want) | set(got):
            n += compare(want.get(k, "<missing>"), got.get(k, "<missing>"),
                         where + "." + k, diffs)
        return n
    if isinstance(want, list) and isinstance(got, list):
        if len(want) != len(got):
            diffs.append("%s: %d rows, want %d" % (where, len(got),
                                                   len(want)))
            return 1
        return sum(compare(w, g, "%s[%d]" % (where, i), diffs)
                   for i, (w, g) in enumerate(zip(want, got)))
    if want != got:
        diffs.append("%s: %r, want %r" % (where, got, want))
    return 1


def main():
    rapport, root = sys.argv[1], sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 38
    rng = random.Random(seed)
    clients = make_clients(rng, 300)
    write(clients, root)
    days = ["2026-07-04", "2026-09-14", "2026-11-01", "2026-12-07",
            "2027-01-02"]
    compared, diffs = 0, []
    for day in days:
        today = datetime.date.fromisoformat(day)
        for owner, since in [(None, None), ("lee", None),
                             (None, today - datetime.timedelta(days=29)),
                             ("sam", datetime.date(2026, 8, 15))]:
            args = [rapport, "-C", root, "--today", day, "stats", "--json"]
            if owner:
                args += ["--owner", owner]
            if since:
                args += ["--since", since.isoformat()]
            p = subprocess.run(args, capture_output=True, text=True)
            if p.returncode != 0:
                print("replies: %s exited %d: %s" % (" ".join(args[3:]),
                      p.returncode, p.stderr.strip()))
                return 1
            compared += compare(expected(clients, today, owner, since),
                                json.loads(p.stdout),
                                "%s %s %s" % (day, owner, since), diffs)
    for d in diffs[:20]:
        print("  " + d)
    print("replies: %d figures compared, %d differences" % (compared,
                                                           len(diffs)))
    return 1 if diffs or compared < 1000 else 0


if __name__ == "__main__":
    sys.exit(main())
