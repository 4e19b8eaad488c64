"""Reads back what rapport digest sent or printed (tests/digest.sh).

    digest.py count MAILDIR [ADDR]    messages delivered (to ADDR)
    digest.py check MAILDIR ADDR SUBJECT TEXT...
        the one message delivered to ADDR (its envelope recipient, and
        its To header) parses, has a Date and a Message-ID, is
        multipart/alternative with a text/plain and a text/html part,
        both UTF-8, its decoded Subject is SUBJECT, and each TEXT is in
        both parts (in the HTML as escaped)
    digest.py lacks MAILDIR ADDR TEXT...  no TEXT in that message's parts
    digest.py mbox FILE N              FILE is an mbox of N such messages

Python's email package reads the messages (policy.default: RFC 5322,
RFC 2047 subjects); nothing is parsed by hand.
"""
import email
import email.policy
import email.utils
import html
import mailbox
import sys


def fail(why):
    print("digest.py: " + why, file=sys.stderr)
    sys.exit(1)


def messages(folder):
    box = mailbox.Maildir(folder, factory=None, create=False)
    for key in box.keys():
        with box.get_file(key) as f:
            yield email.message_from_binary_file(f, policy=email.policy.default)


def to_addr(m, addr):
    rcpt = (m.get("X-RcptTo") or "").lower()
    tos = [a.lower() for _, a in email.utils.getaddresses(m.get_all("To", []))]
    rcpts = [r.strip() for r in rcpt.split(",")]
    return addr.lower() in rcpts and addr.lower() in tos


def parts(m):
    if m.get_content_type() != "multipart/alternative":
        fail("not multipart/alternative: " + m.get_content_type())
    got = {}
    for p in m.iter_parts():
        if p.get_content_charset() != "utf-8":
            fail("part %s not utf-8: %s" % (p.get_content_type(),
                                            p.get_content_charset()))
        got[p.get_content_type()] = p.get_content()
    if set(got) != {"text/plain", "text/html"}:
        fail("parts: %s" % sorted(got))
    return got["text/plain"], got["text/html"]


def whole(m):
    for h in ("Date", "Message-ID", "From", "To", "Subject", "MIME-Version"):
        if m.get(h) is None:
            fail("no " + h)
    if email.utils.parsedate_to_datetime(m["Date"]) is None:
        fail("bad Date " + m["Date"])
    if not (m["Message-ID"].startswith("<") and "@" in m["Message-ID"]):
        fail("bad Message-ID " + m["Message-ID"])
    return parts(m)


def one(folder, addr):
    found = [m for m in messages(folder) if to_addr(m, addr)]
    if len(found) != 1:
        fail("%d messages to %s" % (len(found), addr))
    return found[0]


def main(argv):
    cmd = argv[1]
    if cmd == "count":
        ms = list(messages(argv[2]))
        if len(argv) > 3:
            ms = [m for m in ms if to_addr(m, argv[3])]
        print(len(ms))
    elif cmd == "check":
        m = one(argv[2], argv[3])
        text, page = whole(m)
        if str(m["Subject"]) != argv[4]:
            fail("subject %r, expected %r" % (str(m["Subject"]), argv[4]))
        for t in argv[5:]:
            if t not in text:
                fail("text part lacks %r:\n%s" % (t, text))
            if html.escape(t, quote=True) not in page and \
                    html.escape(t, quote=False) not in page:
                fail("html part lacks %r:\n%s" % (t, page))
    elif cmd == "lacks":
        m = one(argv[2], argv[3])
        text, page = whole(m)
        for t in argv[4:]:
            if t in text or html.escape(t, quote=False) in page:
                fail("has %r:\n%s" % (t, text))
    elif cmd == "mbox":
        box = mailbox.mbox(argv[2], create=False)
        n = 0
        for key in box.keys():
            raw = box.get_bytes(key)
            whole(email.message_from_bytes(raw, policy=email.policy.default))
            n += 1
        if n != int(argv[3]):
            fail("%d messages in the mbox, expected %s" % (n, argv[3]))
    else:
        fail("unknown command " + cmd)


main(sys.argv)
