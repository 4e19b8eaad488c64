#!/usr/bin/python3
"""The round trip of the cards (SPEC section 9), read by a real parser.

    contacts.py WORKSPACE CARDS...
    contacts.py --same CARDS CARDS

CARDS are .vcf files or folders of them (a vdir).  Every card is parsed
with vobject (Debian's python3-vobject); the people of the workspace's
active clients and leads are read from the client files themselves (their
INI front-matter, with Python's configparser), and the two must be the
same: one card per person with a name, FN, ORG, TITLE, the e-mails and
the phone; never a NOTE; every UID unique.  Prints what differs and
exits 1, else one line and 0.
"""
import configparser
import glob
import os
import re
import sys

import vobject


def front_matter(path):
    text = open(path, encoding="utf-8").read()
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",),
                                   comment_prefixes=(";", "#"),
                                   interpolation=None, strict=False)
    cp.optionxform = str
    cp.read_string("[top]\n" + m.group(1))
    return cp


def expected(ws):
    want = {}
    for path in sorted(glob.glob(os.path.join(ws, "clients", "**", "*.md"),
                                 recursive=True)):
        cp = front_matter(path)
        top = cp["top"]
        if top.get("status", "active") not in ("active", "lead"):
            continue
        org = top["name"]
        for sect in cp.sections():
            if sect not in ("contact", "escalation") and \
                    not sect.startswith("person "):
                continue
            s = cp[sect]
            if "name" not in s:
                continue
            emails = [e.strip() for e in s.get("email", "").split(",")
                      if e.strip()]
            key = (org, s["name"])
            want[key] = {"title": s.get("role"), "emails": emails,
                         "phone": s.get("phone")}
    return want


def cards(paths, ours=True):
    """The cards in paths; ours (rapport's) must be CRLF, folded at 75."""
    got = []
    for p in paths:
        files = sorted(glob.glob(os.path.join(p, "*.vcf"))) \
            if os.path.isdir(p) else [p]
        for f in files:
            raw = open(f, "rb").read()
            if ours and (b"\r\n" not in raw or re.search(rb"[^\r]\n", raw)):
                sys.exit("contacts: %s: lines must end in CRLF" % f)
            for line in raw.split(b"\r\n") if ours else []:
                if len(line) > 75:
                    sys.exit("contacts: %s: a line of %d octets" % (
                        f, len(line)))
            got.extend(vobject.readComponents(raw.decode("utf-8")))
    return got


def props(c):
    """A card's properties, as comparable values."""
    out = {}
    for name, lines in c.contents.items():
        if name in ("prodid", "version"):
            continue
        out[name] = sorted(repr(l.value) for l in lines)
    return out


def same(a, b):
    ca = {c.uid.value: props(c) for c in cards([a])}
    cb = {c.uid.value: props(c) for c in cards([b], ours=False)}
    problems = ["%s only in %s" % (u, a) for u in sorted(set(ca) - set(cb))]
    problems += ["%s only in %s" % (u, b) for u in sorted(set(cb) - set(ca))]
    problems += ["%s differs: %r and %r" % (u, ca[u], cb[u])
                 for u in sorted(set(ca) & set(cb)) if ca[u] != cb[u]]
    for p in problems:
        print("contacts: " + p)
    if problems:
        sys.exit(1)
    print("contacts: the same %d cards" % len(ca))


def main():
    if sys.argv[1] == "--same":
        same(sys.argv[2], sys.argv[3])
        return
    ws, paths = sys.argv[1], sys.argv[2:]
    want = expected(ws)
    problems = []
    uids = set()
    seen = {}
    for c in cards(paths):
        uid = c.uid.value
        if uid in uids:
            problems.append("UID %s twice" % uid)
        uids.add(uid)
        if not re.fullmatch(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-"
                            r"[89ab][0-9a-f]{3}-[0-9a-f]{12}", uid):
            problems.append("UID %s is not a version 8 UUID" % uid)
        if "note" in c.contents:
            problems.append("%s has a NOTE" % c.fn.value)
        org = c.org.value[0] if isinstance(c.org.value, list) else \
            c.org.value
        key = (org, c.fn.value)
        seen[key] = {
            "title": c.title.value if "title" in c.contents else None,
            "emails": [e.value for e in c.contents.get("email", [])],
            "phone": c.tel.value if "tel" in c.contents else None,
        }
    for key in sorted(set(want) | set(seen)):
        if key not in seen:
            problems.append("no card of %s at %s" % (key[1], key[0]))
        elif key not in want:
            problems.append("a card of %s at %s, who is nobody" % (
                key[1], key[0]))
        else:
            w, g = want[key], seen[key]
            if g["phone"] is not None and w["phone"] is not None and \
                    g["phone"].startswith("tel:"):
                w = dict(w, phone="tel:" + re.sub(r"[^0-9+]", "",
                                                  w["phone"]))
            if w != g:
                problems.append("%s at %s: file %r, card %r" % (
                    key[1], key[0], w, g))
    for p in problems:
        print("contacts: " + p)
    if problems:
        sys.exit(1)
    print("contacts: %d cards, each a person of the files" % len(seen))


main()
