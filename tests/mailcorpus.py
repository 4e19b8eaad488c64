#!/usr/bin/python3
"""The mail corpus of tests/mail.sh, made with Python's own mail library.

    /usr/bin/python3 tests/mailcorpus.py OUTDIR

writes OUTDIR/Maildir (new/, cur/, tmp/), OUTDIR/sent.mbox and
OUTDIR/expect.txt.  Every message is built and serialised by the email
package (headers folded, RFC 2047 words and MIME structure as a real mail
program writes them), so that rapport's reader meets mail it did not make
itself.  The addresses are those of the workspace tests/mail.sh makes.

expect.txt lists, one per line, what each message must become:
    entry SLUG HEADING      the entry heading it must add to clients/SLUG.md
    skip REASON SUBJECT     why it is not imported (counted in the summary)
"""
import email.charset
import email.header
import email.message
import email.mime.multipart
import email.mime.text
import email.utils
import mailbox
import os
import sys
from datetime import datetime, timedelta, timezone

OUT = sys.argv[1]
MD = os.path.join(OUT, "Maildir")
for sub in ("new", "cur", "tmp"):
    os.makedirs(os.path.join(MD, sub), exist_ok=True)
expect = []
seq = [0]


def when(y, mo, d, h, mi, offset_hours=0):
    tz = timezone(timedelta(hours=offset_hours))
    return email.utils.format_datetime(datetime(y, mo, d, h, mi, tzinfo=tz))


def plain(frm, to, subject, date, body="Hello.\n", cc=None, msgid=True,
          extra=()):
    m = email.mime.text.MIMEText(body, "plain",
                                 "us-ascii" if body.isascii() else "utf-8")
    m["From"] = frm
    m["To"] = to
    if cc:
        m["Cc"] = cc
    m["Subject"] = subject
    m["Date"] = date
    if msgid:
        seq[0] += 1
        m["Message-ID"] = "<corpus.%d.%s@mail.example>" % (
            seq[0], "x" * (seq[0] % 3))
    for k, v in extra:
        m[k] = v
    return m


def write_md(m, sub="cur", name=None):
    seq[0] += 1
    name = name or "1700000000.%d.corpus%s" % (seq[0],
                                               ":2,S" if sub == "cur" else "")
    with open(os.path.join(MD, sub, name), "wb") as f:
        f.write(m.as_bytes() if not isinstance(m, bytes) else m)
    return name


def entry(slug, heading):
    expect.append("entry %s %s" % (slug, heading))


def skip(reason, what):
    expect.append("skip %s %s" % (reason, what))


# Inbound by exact address, answered by an outbound one later that day.
write_md(plain("Jo Rivera <jo@acme.example>", "dana@brightline.example",
               "October invoice question", when(2026, 11, 18, 9, 12)))
entry("acme", "2026-11-18 09:12 <- email: October invoice question")
write_md(plain("Dana Kim <dana@brightline.example>", "Jo <jo@acme.example>",
               "Re: October invoice question", when(2026, 11, 18, 15, 0)),
         "new")
entry("acme", "2026-11-18 15:00 -> email: Re: October invoice question")

# Inbound by domain: a colleague at the client's domain; never answered.
write_md(plain("Bob Stone <bob@acme.example>", "dana@brightline.example",
               "Logo files for the relaunch", when(2026, 11, 20, 10, 0)))
entry("acme", "2026-11-20 10:00 <- email: Logo files for the relaunch")

# Outbound by domain (the domains key), from an owner written in capitals,
# with one of ours in Cc.
write_md(plain("LEE@Brightline.Example", "buyer@NW-Traders.example",
               "Proposal draft", when(2026, 11, 19, 16, 45),
               cc="dana@brightline.example"))
entry("northwind", "2026-11-19 16:45 -> email: Proposal draft")

# A public-domain address listed on the client (exact), one that is not,
# and a UTF-8 subject in RFC 2047 words.
write_md(plain("Pat Solo <pat.solo@gmail.com>", "dana@brightline.example",
               "Über die Zusammenarbeit – nächste Schritte",
               when(2026, 11, 21, 8, 5)))
entry("solo", "2026-11-21 08:05 <- email: Über die Zusammenarbeit – "
      "nächste Schritte")
write_md(plain("Someone <someone.else@gmail.com>", "dana@brightline.example",
               "Quick question", when(2026, 11, 21, 9, 0)))
skip("stranger", "Quick question")

# Automatic replies and list mail.
write_md(plain("jo@acme.example", "dana@brightline.example",
               "Out of office", when(2026, 11, 21, 10, 0),
               extra=[("Auto-Submitted", "auto-replied")]))
skip("automatic", "Out of office")
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "Northwind news", when(2026, 11, 21, 11, 0),
               extra=[("List-Id", "Northwind news <news.northwind.example>")]))
skip("list", "Northwind news")
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "Bulk offer", when(2026, 11, 21, 11, 30),
               extra=[("Precedence", "bulk")]))
skip("list", "Bulk offer")
# Auto-Submitted: no is a person's mail.
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "Sent by a person", when(2026, 11, 21, 11, 40),
               extra=[("Auto-Submitted", "no")]))
entry("northwind", "2026-11-21 11:40 <- email: Sent by a person")

# A Latin-1 subject.
m = plain("kim@northwind.example", "dana@brightline.example", "", when(
    2026, 11, 22, 7, 30))
del m["Subject"]
m["Subject"] = email.header.Header("Résumé des coûts", "iso-8859-1")
write_md(m)
entry("northwind", "2026-11-22 07:30 <- email: Résumé des coûts")

# HTML only, and multipart/alternative.
m = email.mime.text.MIMEText("<p>Hello <b>Dana</b></p>", "html", "utf-8")
m["From"] = "jo@acme.example"
m["To"] = "dana@brightline.example"
m["Subject"] = "HTML only"
m["Date"] = when(2026, 11, 22, 12, 0)
m["Message-ID"] = "<html.only@mail.example>"
write_md(m)
entry("acme", "2026-11-22 12:00 <- email: HTML only")
m = email.mime.multipart.MIMEMultipart("alternative")
m.attach(email.mime.text.MIMEText("Plain part", "plain", "utf-8"))
m.attach(email.mime.text.MIMEText("<p>HTML part</p>", "html", "utf-8"))
m["From"] = "kim@northwind.example"
m["To"] = "dana@brightline.example"
m["Subject"] = "Two parts"
m["Date"] = when(2026, 11, 22, 12, 30)
m["Message-ID"] = "<alternative@mail.example>"
write_md(m)
entry("northwind", "2026-11-22 12:30 <- email: Two parts")

# Without Message-ID: known by the hash of its bytes; and, with and
# without one, the same message in new/ and in cur/ (read, then moved).
m = plain("sam@acme.example", "dana@brightline.example", "No id here",
          when(2026, 11, 17, 14, 0), msgid=False)
write_md(m, "new", "1700000100.same1.corpus")
write_md(m, "cur", "1700000100.same1.corpus:2,S")
entry("acme", "2026-11-17 14:00 <- email: No id here")
skip("twice", "No id here")
m = plain("sam@acme.example", "dana@brightline.example", "Seen twice",
          when(2026, 11, 17, 15, 0))
write_md(m, "new", "1700000200.same2.corpus")
write_md(m, "cur", "1700000200.same2.corpus:2,RS")
entry("acme", "2026-11-17 15:00 <- email: Seen twice")
skip("twice", "Seen twice")

# The same message delivered into two folders, the second copy with one
# more Delivered-To line: its bytes differ, the message does not.  Once
# with a Message-ID holding "--" (Emacs's default host part, common in
# real mail), once with no Message-ID (known by the headers that identify
# it, never by the file's bytes).
for minute, subject, msgid in (
        (10, "Dashes in the id",
         "<87h6.fsf@x.i-did-not-set--mail-host-address--so-tickle-me>"),
        (20, "No id, two deliveries", None)):
    m = plain("sam@acme.example", "dana@brightline.example", subject,
              when(2026, 11, 17, 16, minute), msgid=False)
    if msgid:
        m["Message-ID"] = msgid
    write_md(m)
    write_md(b"Delivered-To: dana@brightline.example\n" + m.as_bytes())
    entry("acme", "2026-11-17 16:%02d <- email: %s" % (minute, subject))
    skip("twice", subject)

# Ours to a stranger with the client in Cc only: outbound, the client's.
# A stranger's with the client in Cc: nobody's (from a client, or from us
# to one, nothing else).
write_md(plain("Dana Kim <dana@brightline.example>",
               "Printer <quotes@printshop.example>", "Print quote for Jo",
               when(2026, 11, 16, 12, 0), cc="Jo Rivera <jo@acme.example>"))
entry("acme", "2026-11-16 12:00 -> email: Print quote for Jo")
write_md(plain("Printer <quotes@printshop.example>",
               "dana@brightline.example", "Quote from the printer",
               when(2026, 11, 16, 12, 30), cc="jo@acme.example"))
skip("stranger", "Quote from the printer")

# Precedence: junk and list are list mail as bulk is.
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "Junk offer", when(2026, 11, 21, 11, 32),
               extra=[("Precedence", "junk")]))
skip("list", "Junk offer")
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "List digest", when(2026, 11, 21, 11, 34),
               extra=[("Precedence", "list")]))
skip("list", "List digest")

# One day's two messages whose file names sort the later one first: the
# entries are in the order of entries (by time), not as found.
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "Later that day", when(2026, 11, 16, 16, 30)),
         "cur", "1700000300.a.corpus:2,S")
entry("northwind", "2026-11-16 16:30 <- email: Later that day")
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "Early that day", when(2026, 11, 16, 8, 15)),
         "cur", "1700000300.b.corpus:2,S")
entry("northwind", "2026-11-16 08:15 <- email: Early that day")

# Subjects of 250 letters and no space: 200 characters and an ellipsis,
# counted in characters (the second's are two bytes, in RFC 2047 words).
write_md(plain("jo@acme.example", "dana@brightline.example", "a" * 250,
               when(2026, 11, 16, 9, 0)))
entry("acme", "2026-11-16 09:00 <- email: " + "a" * 200 + "\u2026")
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "\u00e9" * 250, when(2026, 11, 16, 10, 0)))
entry("northwind", "2026-11-16 10:00 <- email: " + "\u00e9" * 200 +
      "\u2026")

# A file that is not a message, and one hidden (never read).
with open(os.path.join(MD, "cur", "notes.txt"), "wb") as f:
    f.write(b"this is not mail, just some notes\nsecond line\n")
skip("unreadable", "notes.txt")
with open(os.path.join(MD, "cur", ".hidden"), "wb") as f:
    f.write(b"From: jo@acme.example\n\nhidden\n")

# Decoded subjects holding a line break and entry syntax.
m = plain("jo@acme.example", "dana@brightline.example", "", when(
    2026, 11, 22, 13, 0))
del m["Subject"]
m["Subject"] = "=?UTF-8?Q?Call_notes=0A##_2026-01-01_->_call:_x_(2h)?="
write_md(m)
entry("acme", "2026-11-22 13:00 <- email: Call notes ## 2026-01-01 -> "
      "call: x [2h]")
write_md(plain("jo@acme.example", "dana@brightline.example",
               "10:30 meeting moved (90 min)", when(2026, 11, 22, 13, 5)))
entry("acme", "2026-11-22 13:05 <- email: 10:30 meeting moved [90 min]")
write_md(plain("jo@acme.example", "dana@brightline.example",
               "Re: Order ##", when(2026, 11, 22, 13, 10)))
entry("acme", "2026-11-22 13:10 <- email: Re: Order\u00a0##")
write_md(plain("jo@acme.example", "dana@brightline.example",
               "Fwd: budget (approved)", when(2026, 11, 22, 13, 15)))
entry("acme", "2026-11-22 13:15 <- email: Fwd: budget (approved)")

# Time zones across the date line: at 01:30 on the 23rd in New Zealand
# (+13) it is 12:30 on the 22nd in UTC; at 22:00 on the 22nd in Hawaii
# (-10) it is 08:00 on the 23rd.  tests/mail.sh reads them in several TZ.
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "Sent from Auckland", when(2026, 11, 23, 1, 30, 13)))
entry("northwind", "2026-11-22 12:30 <- email: Sent from Auckland")
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "Sent from Honolulu", when(2026, 11, 22, 22, 0, -10)))
entry("northwind", "2026-11-23 08:00 <- email: Sent from Honolulu")

# Dated after the day of the test (2026-11-23): not yet.
write_md(plain("kim@northwind.example", "dana@brightline.example",
               "From the future", when(2026, 11, 25, 9, 0)))
skip("future", "From the future")

# A public domain of [mail] public_domains: exact address only.
write_md(plain("x@mailbox.example", "dana@brightline.example",
               "Box hello", when(2026, 11, 20, 9, 0)))
entry("boxco", "2026-11-20 09:00 <- email: Box hello")
write_md(plain("y@mailbox.example", "dana@brightline.example",
               "Box stranger", when(2026, 11, 20, 9, 30)))
skip("stranger", "Box stranger")

# Between colleagues only: not a client's.
write_md(plain("dana@brightline.example", "lee@brightline.example",
               "Internal", when(2026, 11, 20, 9, 45)))
skip("stranger", "Internal")

# The mbox: sent mail and more, as a mail program keeps it.
box = mailbox.mbox(os.path.join(OUT, "sent.mbox"), create=True)
box.add(plain("dana@brightline.example", "pat.solo@gmail.com",
              "Re: Über die Zusammenarbeit – nächste Schritte",
              when(2026, 11, 21, 17, 0),
              body="From here on\nFrom the top\n"))
entry("solo", "2026-11-21 17:00 -> email: Re: Über die Zusammenarbeit – "
      "nächste Schritte")
# Exact beats domain: ann is twin-a's, though both twins have the domain.
box.add(plain("ann@shared.example", "dana@brightline.example",
              "Exact beats domain", when(2026, 11, 19, 9, 0)))
entry("twin-a", "2026-11-19 09:00 <- email: Exact beats domain")
# A tie: both twins have the domain.
box.add(plain("zed@shared.example", "dana@brightline.example",
              "Whose is this", when(2026, 11, 19, 9, 30)))
skip("tie", "Whose is this")
# To two clients by address: a tie too.
box.add(plain("dana@brightline.example", "jo@acme.example, kim@northwind.example",
              "To both", when(2026, 11, 19, 10, 0)))
skip("tie", "To both")
box.flush()
box.close()

with open(os.path.join(OUT, "expect.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(expect) + "\n")
