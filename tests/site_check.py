#!/usr/bin/python3
"""site_check.py: checks a site that 'rapport build' wrote.

    site_check.py SITE_DIR

Every HTML page: every relative link and source resolves to a file of the
site (and every '#fragment' to an id of its page); no script other than
the site's own filter.js, no inline script, no event-handler attribute, no
javascript:, vbscript: or data:text/html URL, no iframe, object or embed.
followups.ics: parses with the icalendar library, every event has a unique
UID, a date and a summary, lines end in CRLF and are at most 75 octets,
and each line on its own is valid UTF-8 (a fold never splits a character:
RFC 5545 3.1 asks that, and a parser that rejoins bytes would hide it);
in TEXT values every backslash, semicolon and comma is escaped (3.3.11:
lenient parsers read them either way, strict ones do not).
Prints one line per problem and ends with "site: N pages, N problems".
"""
import html.parser
import os
import sys
import urllib.parse

from icalendar import Calendar

URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster",
             "srcset", "data", "background", "cite", "longdesc"}
BAD_TAGS = {"iframe", "object", "embed", "frame", "frameset", "base",
            "form", "meta-refresh"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "livescript:")
# Properties whose value is one TEXT (RFC 5545 3.3.11).
TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "CONTACT",
              "X-WR-CALNAME"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()
        self.problems = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append("event handler attribute %s=%r on <%s>"
                                     % (name, value, tag))
            if name in URL_ATTRS and value is not None:
                v = "".join(value.split()).lower()
                if v.startswith(BAD_SCHEMES):
                    self.problems.append("dangerous URL %s=%r on <%s>"
                                         % (name, value, tag))
                self.links.append((tag, name, value))
            if name == "style" and value and "url(" in value.lower():
                self.problems.append("url() in a style attribute")
        if tag in BAD_TAGS:
            self.problems.append("<%s> element" % tag)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "script":
            src = a.get("src")
            if src is None or os.path.basename(src) != "filter.js":
                self.problems.append("script element %r" % (attrs,))
            self.in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append("inline script %r" % data[:60])


def check_html(site, rel, ids_of):
    problems = []
    path = os.path.join(site, rel)
    p = ids_of[rel]
    for tag, attr, value in p.links:
        url = urllib.parse.urlsplit(value)
        if url.scheme in ("mailto", "tel", "http", "https"):
            continue
        if url.scheme:
            problems.append("%s: unexpected scheme in %s=%r" % (rel, attr, value))
            continue
        if value.startswith("/"):
            problems.append("%s: absolute link %r (links must be relative)"
                            % (rel, value))
            continue
        target = rel
        if url.path:
            target = os.path.normpath(os.path.join(os.path.dirname(rel),
                                                   urllib.parse.unquote(url.path)))
            if target.startswith(".."):
                problems.append("%s: link leaves the site: %r" % (rel, value))
                continue
            if not os.path.isfile(os.path.join(site, target)):
                problems.append("%s: broken link %s=%r" % (rel, attr, value))
                continue
        if url.fragment and target in ids_of and url.fragment not in ids_of[target].ids:
            problems.append("%s: no id %r in %s" % (rel, url.fragment, target))
    problems.extend("%s: %s" % (rel, x) for x in p.problems)
    return problems


def check_ics(site):
    problems = []
    path = os.path.join(site, "followups.ics")
    raw = open(path, "rb").read()
    for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problems.append("followups.ics:%d: bare line end" % n)
        if len(line) > 75:
            problems.append("followups.ics:%d: %d octets" % (n, len(line)))
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append("followups.ics:%d: not UTF-8 on its own (%s)"
                            % (n, e.reason))
    if not raw.endswith(b"\r\n"):
        problems.append("followups.ics: does not end in CRLF")
    unfolded = raw.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    for line in unfolded.decode("utf-8", "replace").split("\r\n"):
        name, _, value = line.partition(":")
        if name.split(";")[0] not in TEXT_PROPS:
            continue
        i = 0
        while i < len(value):
            if value[i] == "\\":
                if value[i + 1:i + 2] not in ("\\", ";", ",", "n", "N"):
                    problems.append("followups.ics: bad escape in %s" % line)
                    break
                i += 2
                continue
            if value[i] in ";,":
                problems.append("followups.ics: unescaped %r in %s"
                                % (value[i], line))
                break
            i += 1
    cal = Calendar.from_ical(raw)
    uids = set()
    events = 0
    for ev in cal.walk("VEVENT"):
        events += 1
        uid = str(ev.get("UID"))
        if uid in uids:
            problems.append("followups.ics: UID %s twice" % uid)
        uids.add(uid)
        if ev.get("DTSTART") is None or ev.get("SUMMARY") is None or \
                ev.get("DTSTAMP") is None:
            problems.append("followups.ics: event %s lacks a field" % uid)
    return problems, events


def main():
    site = sys.argv[1]
    pages = []
    for root, _, files in os.walk(site):
        for f in files:
            if f.endswith(".html"):
                pages.append(os.path.relpath(os.path.join(root, f), site))
    pages.sort()
    ids_of = {}
    for rel in pages:
        p = Page()
        p.feed(open(os.path.join(site, rel), encoding="utf-8").read())
        p.close()
        ids_of[rel] = p
    problems = []
    for rel in pages:
        problems.extend(check_html(site, rel, ids_of))
    ics_problems, events = check_ics(site)
    problems.extend(ics_problems)
    for x in problems:
        print(x)
    print("site: %d pages, %d calendar events, %d problems"
          % (len(pages), events, len(problems)))
    sys.exit(1 if problems else 0)


main()
