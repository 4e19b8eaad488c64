/*
 * test_mail.c: mail import's parts, each on its own: the subject made
 * safe (control characters, line breaks, bidirectional controls, invalid
 * UTF-8, entry syntax, length), the entry of a message in the local time
 * zone (across the date line), what mail_read takes from a header
 * (encoded words, groups, Bcc, the Message-ID with its "--" escaped or
 * the hash of the identifying headers, Received when Date fails,
 * automatic and list mail), the marks found in a file, whose a message
 * is (exact beats domain, ties, public domains, our domains), and what an
 * import keeps (known marks, second copies, the future, the order).  It
 * stays one file past 600 lines: one subsystem's cases, read together.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "config.h"
#include "mail.h"
#include "mailbook.h"
#include "mailimport.h"
#include "text.h"
#include "unit.h"

#define CHECK_SAFE(in, want) do {					\
	struct buf b_ = { 0 };						\
	mail_subject_safe((in), &b_);					\
	CHECK_STR(b_.s, (want));					\
	buf_free(&b_);							\
} while (0)

/*
 * n copies of the character c (its UTF-8 bytes) with no space: cut at
 * exactly MAIL_SUMMARY_MAX characters, counted as characters, not bytes,
 * and an ellipsis after them; not cut at all when there are no more.
 */
static void
check_cut(const char *c, size_t n, size_t want_chars, int cut_mark)
{
	struct buf in = { 0 }, want = { 0 }, got = { 0 };
	size_t i;

	for (i = 0; i < n; i++)
		buf_puts(&in, c);
	for (i = 0; i < want_chars; i++)
		buf_puts(&want, c);
	if (cut_mark)
		buf_puts(&want, "\xe2\x80\xa6");
	mail_subject_safe(in.s, &got);
	CHECK_INT(got.len, want.len);
	CHECK(got.s != NULL && strcmp(got.s, want.s) == 0);
	buf_free(&in);
	buf_free(&want);
	buf_free(&got);
}

static void
test_cut_exact(void)
{
	CHECK_INT(MAIL_SUMMARY_MAX, 200);
	/* 250 letters without a space: 200 of them and "...". */
	check_cut("a", 250, 200, 1);
	/* Two-byte and three-byte letters count once each. */
	check_cut("\xc3\xa9", 250, 200, 1);
	check_cut("\xe2\x82\xac", 250, 200, 1);
	/* At the limit nothing is cut; one more is. */
	check_cut("a", 200, 200, 0);
	check_cut("\xc3\xa9", 200, 200, 0);
	check_cut("a", 201, 200, 1);
}

static void
test_subject(void)
{
	struct buf b = { 0 };
	char big[1200];
	size_t i, n;

	CHECK_SAFE("October invoice question", "October invoice question");
	CHECK_SAFE("  spaced \t out  ", "spaced out");
	CHECK_SAFE("line\r\nbreak\nand\ttab", "line break and tab");
	CHECK_SAFE("bell\a and \x1b" "[31mred", "bell and [31mred");
	CHECK_SAFE("del\x7f" " here", "del here");
	CHECK_SAFE("c1 \xc2\x85 next line", "c1 next line");
	CHECK_SAFE("sep\xe2\x80\xa8" "para\xe2\x80\xa9" "end", "sep para end");
	CHECK_SAFE("bidi \xe2\x80\xae" "gnp.exe", "bidi gnp.exe");
	CHECK_SAFE("bad \xff utf", "bad \xef\xbf\xbd" " utf");
	CHECK_SAFE("", "(no subject)");
	CHECK_SAFE(NULL, "(no subject)");
	CHECK_SAFE(" \r\n ", "(no subject)");
	/* What would read as hours becomes brackets; other parentheses stay. */
	CHECK_SAFE("Call notes (2h)", "Call notes [2h]");
	CHECK_SAFE("Moved (90 min)", "Moved [90 min]");
	CHECK_SAFE("Comma (1,5h)", "Comma [1,5h]");
	CHECK_SAFE("Hours (1.255h)", "Hours [1.255h]");
	CHECK_SAFE("Budget (approved)", "Budget (approved)");
	CHECK_SAFE("(no subject)", "(no subject)");
	CHECK_SAFE("a (b) (3h)", "a (b) [3h]");
	/* A closing run of '#' stays text, behind a no-break space. */
	CHECK_SAFE("Order ##", "Order\xc2\xa0" "##");
	CHECK_SAFE("#", "\xc2\xa0" "#");
	CHECK_SAFE("Issue #12", "Issue #12");
	CHECK_SAFE("C#", "C#");
	/* Entry syntax inside the subject is harmless after "email:". */
	CHECK_SAFE("10:30 -> call: x", "10:30 -> call: x");
	/* Long subjects are cut at a word, with an ellipsis. */
	for (i = 0; i + 5 < sizeof(big); i += 5)
		memcpy(big + i, "word ", 5);
	big[i] = '\0';
	mail_subject_safe(big, &b);
	n = text_utf8_len((const unsigned char *)b.s + b.len - 3, 3);
	CHECK_INT(n, 3);
	CHECK(strcmp(b.s + b.len - 3, "\xe2\x80\xa6") == 0);
	CHECK(b.len - 3 <= MAIL_SUMMARY_MAX);
	CHECK(b.s[b.len - 4] != ' ');
	buf_free(&b);
	test_cut_exact();
}

static const char msg_plain[] =
    "From: Jo Rivera <Jo@Acme.Example>\r\n"
    "To: dana@brightline.example, \"Team\" <team@brightline.example>\r\n"
    "Cc: undisclosed-recipients:;\r\n"
    "Bcc: friends: a@x.example, b@y.example;\r\n"
    "Subject: =?UTF-8?Q?=C3=9Cber_die_Rechnung?= (2h)\r\n"
    "Date: Mon, 23 Nov 2026 01:30:00 +1300\r\n"
    "Message-ID: <abc.123@mail.example>\r\n"
    "\r\n"
    "Body (never read)\r\n";

/* Ours to a stranger, the client in Cc only. */
static const char msg_cc[] =
    "From: Dana Kim <dana@brightline.example>\n"
    "To: Printer <quotes@printshop.example>\n"
    "Cc: Jo Rivera <jo@acme.example>\n"
    "Subject: Print quote\n"
    "Date: Fri, 20 Nov 2026 10:00:00 +0000\n"
    "Message-ID: <cc.1@mail.example>\n"
    "\n"
    "body\n";

static void
test_read(void)
{
	struct mail m;
	struct mail_entry e;
	const char *why = NULL;
	const char *old = getenv("TZ");
	char *saved = old != NULL ? strdup(old) : NULL;
	char day[11];

	CHECK_INT(mail_read(&m, msg_plain, sizeof(msg_plain) - 1, &why), 0);
	CHECK_STR(m.from, "jo@acme.example");
	CHECK_INT(m.nrcpt, 4);
	if (m.nrcpt == 4) {
		CHECK_STR(m.rcpt[0], "dana@brightline.example");
		CHECK_STR(m.rcpt[1], "team@brightline.example");
		CHECK_STR(m.rcpt[2], "a@x.example");
		CHECK_STR(m.rcpt[3], "b@y.example");
	}
	CHECK_STR(m.subject, "\xc3\x9c" "ber die Rechnung (2h)");
	CHECK_STR(m.mark, "message-id: <abc.123@mail.example>");
	CHECK(m.automatic == NULL);
	CHECK_INT(m.dated, 1);
	/* 2026-11-22 12:30 UTC. */
	CHECK_INT(m.when, 1795350600);
	mail_free(&m);
	/* Cc counts as a recipient, after To. */
	CHECK_INT(mail_read(&m, msg_cc, sizeof(msg_cc) - 1, &why), 0);
	CHECK_INT(m.nrcpt, 2);
	if (m.nrcpt == 2) {
		CHECK_STR(m.rcpt[0], "quotes@printshop.example");
		CHECK_STR(m.rcpt[1], "jo@acme.example");
	}
	mail_free(&m);
	CHECK_INT(mail_read(&m, msg_plain, sizeof(msg_plain) - 1, &why), 0);

	/* Local time: the same moment on either side of the date line. */
	setenv("TZ", "UTC", 1);
	tzset();
	CHECK_INT(mail_entry(&m, ENTRY_IN, &e, &why), 0);
	date_format(e.date, day);
	CHECK_STR(day, "2026-11-22");
	CHECK_INT(e.minutes, 12 * 60 + 30);
	CHECK_STR(e.heading, "2026-11-22 12:30 <- email: \xc3\x9c"
	    "ber die Rechnung [2h]");
	CHECK_STR(e.comment, "<!-- message-id: <abc.123@mail.example> -->");
	setenv("TZ", "UTC-13", 1);
	tzset();
	CHECK_INT(mail_entry(&m, ENTRY_OUT, &e, &why), 0);
	CHECK_STR(e.heading, "2026-11-23 01:30 -> email: \xc3\x9c"
	    "ber die Rechnung [2h]");
	setenv("TZ", "UTC+12", 1);
	tzset();
	CHECK_INT(mail_entry(&m, ENTRY_IN, &e, &why), 0);
	CHECK_STR(e.heading, "2026-11-22 00:30 <- email: \xc3\x9c"
	    "ber die Rechnung [2h]");
	if (saved != NULL)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	mail_free(&m);
}

static void
test_read_kinds(void)
{
	static const char noid[] = "From: a@b.example\nDate: Fri, 20 Nov "
	    "2026 10:00:00 +0000\nSubject: x\n\nbody\n";
	static const char badid[] = "From: a@b.example\nDate: Fri, 20 Nov "
	    "2026 10:00:00 +0000\nMessage-ID: <a--b---c@d>\n\n";
	/* noid delivered again, and another message like it. */
	static const char noid2[] = "Delivered-To: z@b.example\nFrom: "
	    "a@b.example\nDate:  Fri,  20 Nov\n 2026 10:00:00 +0000\nSubject: "
	    "x\n\nbody\n";
	static const char noid3[] = "From: a@b.example\nDate: Fri, 20 Nov "
	    "2026 10:00:00 +0000\nSubject: y\n\nbody\n";
	static const char goodid[] = "From: a@b.example\nDate: Fri, 20 Nov "
	    "2026 10:00:00 +0000\nMessage-ID: <a-b.c%d@e>\n\n";
	static const char utf8id[] = "From: a@b.example\nDate: Fri, 20 Nov "
	    "2026 10:00:00 +0000\nMessage-ID: <caf\xc3\xa9@d>\n\n";
	static const char latin1[] = "From: a@b.example\nDate: Fri, 20 Nov "
	    "2026 10:00:00 +0000\nSubject: =?ISO-8859-1?Q?R=E9sum=E9?=\n\n";
	static const char raw8[] = "From: a@b.example\nDate: Fri, 20 Nov "
	    "2026 10:00:00 +0000\nSubject: caf\xe9\n\n";
	static const char autom[] = "From: a@b.example\nAuto-Submitted: "
	    "auto-replied\nDate: Fri, 20 Nov 2026 10:00:00 +0000\n\n";
	static const char human[] = "From: a@b.example\nAuto-Submitted: "
	    "No\nDate: Fri, 20 Nov 2026 10:00:00 +0000\n\n";
	static const char list[] = "From: a@b.example\nList-Id: <l.b.example>\n"
	    "Date: Fri, 20 Nov 2026 10:00:00 +0000\n\n";
	static const char bulk[] = "From: a@b.example\nPrecedence: Bulk\n"
	    "Date: Fri, 20 Nov 2026 10:00:00 +0000\n\n";
	/* Precedence: bulk, list and junk are a machine's, in any case. */
	static const char *const prec[] = { "junk", "list", "JUNK", "List",
	    "bulk" };
	static const char person[] = "From: a@b.example\nPrecedence: "
	    "first-class\nDate: Fri, 20 Nov 2026 10:00:00 +0000\n\n";
	static const char notmail[] = "just some words\nand more\n";
	static const char nodate[] = "From: a@b.example\nSubject: x\n\n";
	static const char received[] = "Received: from a by b; Mon, 23 Nov "
	    "2026 09:00:00 +0000\nReceived: from c by d (with; semicolons);\n"
	    " Tue, 24 Nov 2026 11:00:00 +0100\nReceived: nothing dated\n"
	    "From: a@b.example\nSubject: x\n\n";
	static const char baddate[] = "Received: from c by d; Tue, 24 Nov "
	    "2026 10:00:00 +0000\nDate: someday\nFrom: a@b.example\n\n";
	struct mail m;
	const char *why = NULL;
	struct mail_entry e;
	char mark[128], old[128];

	/*
	 * No Message-ID: a hash of the headers that identify it, the same
	 * for another delivery; the old mark is git's blob id of the bytes.
	 */
	CHECK_INT(mail_read(&m, noid, sizeof(noid) - 1, &why), 0);
	CHECK(m.mark != NULL && strncmp(m.mark, "message-hash: ", 14) == 0 &&
	    strlen(m.mark) == 14 + 40);
	CHECK(m.old_mark != NULL && strncmp(m.old_mark, "message-hash: ",
	    14) == 0 && strlen(m.old_mark) == 14 + 40);
	CHECK(m.old_mark != NULL && m.mark != NULL &&
	    strcmp(m.old_mark, m.mark) != 0);
	snprintf(mark, sizeof(mark), "%s", m.mark != NULL ? m.mark : "");
	snprintf(old, sizeof(old), "%s", m.old_mark ? m.old_mark : "");
	mail_free(&m);
	CHECK_INT(mail_read(&m, noid2, sizeof(noid2) - 1, &why), 0);
	CHECK_STR(m.mark, mark);
	CHECK(m.old_mark != NULL && strcmp(m.old_mark, old) != 0);
	mail_free(&m);
	CHECK_INT(mail_read(&m, noid3, sizeof(noid3) - 1, &why), 0);
	CHECK(m.mark != NULL && strcmp(m.mark, mark) != 0);
	mail_free(&m);
	/* An id with "--": kept, each "--" written "-\-"; an old mark. */
	CHECK_INT(mail_read(&m, badid, sizeof(badid) - 1, &why), 0);
	CHECK_STR(m.mark, "message-id: <a-\\-b-\\-\\-c@d>");
	CHECK(m.old_mark != NULL && strncmp(m.old_mark, "message-hash: ",
	    14) == 0);
	mail_free(&m);
	/* An id rapport always wrote as it is has no old mark. */
	CHECK_INT(mail_read(&m, goodid, sizeof(goodid) - 1, &why), 0);
	CHECK_STR(m.mark, "message-id: <a-b.c%d@e>");
	CHECK(m.old_mark == NULL);
	mail_free(&m);
	/* UTF-8 (RFC 6532) is kept; white space inside makes none. */
	CHECK_INT(mail_read(&m, utf8id, sizeof(utf8id) - 1, &why), 0);
	CHECK_STR(m.mark, "message-id: <caf\xc3\xa9@d>");
	mail_free(&m);
	/* A control inside (U+0085, a C1) would break the file: hashed. */
	{
		static const char c1id[] = "From: a@b.example\nDate: Fri, 20 Nov "
		    "2026 10:00:00 +0000\nMessage-ID: <a\xc2\x85" "b@d>\n\n";

		CHECK_INT(mail_read(&m, c1id, sizeof(c1id) - 1, &why), 0);
		CHECK(m.mark != NULL && strncmp(m.mark, "message-hash: ",
		    14) == 0);
		mail_free(&m);
	}
	/* An id over 250 bytes is hashed. */
	{
		struct buf b = { 0 };
		size_t k;

		buf_puts(&b, "From: a@b.example\nDate: Fri, 20 Nov 2026 "
		    "10:00:00 +0000\nMessage-ID: <");
		for (k = 0; k < 251; k++)
			buf_putc(&b, 'x');
		buf_puts(&b, "@d>\n\n");
		CHECK_INT(mail_read(&m, b.s, b.len, &why), 0);
		CHECK(m.mark != NULL && strncmp(m.mark, "message-hash: ",
		    14) == 0);
		mail_free(&m);
		buf_free(&b);
	}
	CHECK_INT(mail_read(&m, latin1, sizeof(latin1) - 1, &why), 0);
	CHECK_STR(m.subject, "R\xc3\xa9sum\xc3\xa9");
	mail_free(&m);
	CHECK_INT(mail_read(&m, raw8, sizeof(raw8) - 1, &why), 0);
	CHECK_STR(m.subject, "caf\xc3\xa9");
	mail_free(&m);
	CHECK_INT(mail_read(&m, autom, sizeof(autom) - 1, &why), 0);
	CHECK_STR(m.automatic, "automatic");
	mail_free(&m);
	CHECK_INT(mail_read(&m, human, sizeof(human) - 1, &why), 0);
	CHECK(m.automatic == NULL);
	mail_free(&m);
	CHECK_INT(mail_read(&m, list, sizeof(list) - 1, &why), 0);
	CHECK_STR(m.automatic, "list");
	mail_free(&m);
	CHECK_INT(mail_read(&m, bulk, sizeof(bulk) - 1, &why), 0);
	CHECK_STR(m.automatic, "list");
	mail_free(&m);
	for (size_t i = 0; i < sizeof(prec) / sizeof(prec[0]); i++) {
		struct buf b = { 0 };

		buf_printf(&b, "From: a@b.example\nPrecedence: %s\nDate: "
		    "Fri, 20 Nov 2026 10:00:00 +0000\n\n", prec[i]);
		CHECK_INT(mail_read(&m, b.s, b.len, &why), 0);
		if (m.automatic == NULL || strcmp(m.automatic, "list") != 0)
			unit_fail(__FILE__, __LINE__, "Precedence: %s is not "
			    "taken for list mail", prec[i]);
		else
			unit_passed++;
		mail_free(&m);
		buf_free(&b);
	}
	/* Any other precedence is a person's mail. */
	CHECK_INT(mail_read(&m, person, sizeof(person) - 1, &why), 0);
	CHECK(m.automatic == NULL);
	mail_free(&m);
	CHECK_INT(mail_read(&m, notmail, sizeof(notmail) - 1, &why), -1);
	CHECK(why != NULL && strstr(why, "not an e-mail message") != NULL);
	mail_free(&m);
	/* Without a Date: read, but it makes no entry. */
	CHECK_INT(mail_read(&m, nodate, sizeof(nodate) - 1, &why), 0);
	CHECK_INT(m.dated, 0);
	CHECK_INT(mail_entry(&m, ENTRY_IN, &e, &why), -1);
	mail_free(&m);
	/* ... unless it has Received headers: the newest of their dates. */
	CHECK_INT(mail_read(&m, received, sizeof(received) - 1, &why), 0);
	CHECK_INT(m.dated, 1);
	CHECK_INT(m.when, 1795514400);	/* 2026-11-24 10:00 UTC */
	mail_free(&m);
	/* A Date that cannot be read is no Date. */
	CHECK_INT(mail_read(&m, baddate, sizeof(baddate) - 1, &why), 0);
	CHECK_INT(m.dated, 1);
	CHECK_INT(m.when, 1795514400);
	mail_free(&m);
}

struct seen {
	int	n;
	char	v[4][64];
};

static void
on_mark(void *arg, const char *s, size_t n)
{
	struct seen *k = arg;

	if (k->n < 4 && n < sizeof(k->v[0])) {
		memcpy(k->v[k->n], s, n);
		k->v[k->n][n] = '\0';
	}
	k->n++;
}

static void
test_marks(void)
{
	static const char text[] =
	    "## 2026-11-18 09:12 <- email: x\n"
	    "<!-- message-id: <a@b> -->\n"
	    "text <!-- message-id: <inline@b> --> is no mark\n"
	    "<!-- message-hash: 0123 -->\r\n"
	    "<!-- a comment -->\n"
	    "<!-- message-id: <unclosed@b>\n"
	    "<!-- message-id: <last@b> -->";
	struct seen k = { 0 };

	mail_marks(text, sizeof(text) - 1, on_mark, &k);
	CHECK_INT(k.n, 3);
	CHECK_STR(k.v[0], "message-id: <a@b>");
	CHECK_STR(k.v[1], "message-hash: 0123");
	CHECK_STR(k.v[2], "message-id: <last@b>");
}

static void
test_book(void)
{
	struct config cfg;
	struct client c[4];
	struct mailbook *b;
	struct mail_match m;
	struct owner own = { (char *)(uintptr_t)"dana", NULL,
	    (char *)(uintptr_t)"dana@brightline.example", 1 };
	char *ownpat[] = { (char *)(uintptr_t)"*@brightline.example",
	    (char *)(uintptr_t)"dana.kim@gmail.com" };
	char *pub[] = { (char *)(uintptr_t)"mailbox.example" };
	char *acme_emails[] = { (char *)(uintptr_t)"billing@other.example" };
	char *twin_domains[] = { (char *)(uintptr_t)"shared.example" };
	char *rc1[] = { (char *)(uintptr_t)"jo@acme.example" };
	char *rc2[] = { (char *)(uintptr_t)"lee@brightline.example",
	    (char *)(uintptr_t)"x@acme.example" };
	char *rc3[] = { (char *)(uintptr_t)"jo@acme.example",
	    (char *)(uintptr_t)"x@shared.example" };
	char *rc4[] = { (char *)(uintptr_t)"jo@acme.example",
	    (char *)(uintptr_t)"pat@gmail.com" };
	char *rc5[] = { (char *)(uintptr_t)"quotes@printshop.example",
	    (char *)(uintptr_t)"jo@acme.example" };
	char *ana_emails[] = { (char *)(uintptr_t)"ana@solo.example",
	    (char *)(uintptr_t)"Ana.Lima@gmail.com" };
	struct person solo_people[2];

	config_defaults(&cfg);
	cfg.owners = &own;
	cfg.nowners = 1;
	cfg.mail_own = ownpat;
	cfg.nmail_own = 2;
	cfg.public_domains = pub;
	cfg.npublic_domains = 1;
	memset(c, 0, sizeof(c));
	c[0].slug = (char *)(uintptr_t)"acme";
	c[0].contact.email = (char *)(uintptr_t)"Jo@Acme.example";
	c[0].emails = acme_emails;
	c[0].nemails = 1;
	c[1].slug = (char *)(uintptr_t)"twin-a";
	c[1].contact.email = (char *)(uintptr_t)"ann@shared.example";
	c[1].domains = twin_domains;
	c[1].ndomains = 1;
	c[2].slug = (char *)(uintptr_t)"twin-b";
	c[2].domains = twin_domains;
	c[2].ndomains = 1;
	c[3].slug = (char *)(uintptr_t)"solo";
	c[3].contact.email = (char *)(uintptr_t)"pat@gmail.com";
	c[3].escalation.email = (char *)(uintptr_t)"boss@mailbox.example";
	/* A [person KEY]'s addresses are the client's too, each of them. */
	memset(solo_people, 0, sizeof(solo_people));
	solo_people[1].key = (char *)(uintptr_t)"finance";
	solo_people[1].emails = ana_emails;
	solo_people[1].nemails = 2;
	c[3].people = solo_people;
	c[3].npeople = 2;
	b = mailbook_new(&cfg, c, 4);

	CHECK(config_public_domain(&cfg, "gmail.com"));
	CHECK(config_public_domain(&cfg, "mailbox.example"));
	CHECK(!config_public_domain(&cfg, "acme.example"));
	CHECK(mailbook_ours(b, "dana@brightline.example"));
	CHECK(mailbook_ours(b, "anyone@brightline.example"));
	CHECK(mailbook_ours(b, "dana.kim@gmail.com"));
	CHECK(!mailbook_ours(b, "other@gmail.com"));

	/* Inbound: the exact address, in any case as written. */
	mailbook_match(b, "jo@acme.example", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_INBOUND);
	CHECK_INT(m.client, 0);
	CHECK_INT(m.by_domain, 0);
	/* A colleague at the client's domain; the emails key's domain. */
	mailbook_match(b, "bob@acme.example", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_INBOUND);
	CHECK_INT(m.client, 0);
	CHECK_INT(m.by_domain, 1);
	mailbook_match(b, "cfo@other.example", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_INBOUND);
	CHECK_INT(m.client, 0);
	/* Exact beats a domain two clients share; the domain alone ties. */
	mailbook_match(b, "ann@shared.example", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_INBOUND);
	CHECK_INT(m.client, 1);
	mailbook_match(b, "zed@shared.example", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_TIE);
	CHECK_INT(m.client, 1);
	CHECK_INT(m.other, 2);
	CHECK_INT(m.by_domain, 1);
	/* Public domains: the listed address only, never the domain. */
	mailbook_match(b, "pat@gmail.com", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_INBOUND);
	CHECK_INT(m.client, 3);
	mailbook_match(b, "someone@gmail.com", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_NOBODY);
	mailbook_match(b, "boss@mailbox.example", NULL, 0, &m);
	CHECK_INT(m.client, 3);
	mailbook_match(b, "ana.lima@gmail.com", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_INBOUND);
	CHECK_INT(m.client, 3);
	CHECK_INT(m.by_domain, 0);
	mailbook_match(b, "other@solo.example", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_INBOUND);
	CHECK_INT(m.client, 3);
	CHECK_INT(m.by_domain, 1);
	mailbook_match(b, "other@mailbox.example", NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_NOBODY);
	mailbook_match(b, NULL, NULL, 0, &m);
	CHECK_INT(m.whose, MAIL_NOBODY);

	/* Outbound: from ours, to the client its recipients name. */
	mailbook_match(b, "dana@brightline.example", rc1, 1, &m);
	CHECK_INT(m.whose, MAIL_OUTBOUND);
	CHECK_INT(m.client, 0);
	/* A colleague in copy is passed over; a domain then counts. */
	mailbook_match(b, "lee@brightline.example", rc2, 2, &m);
	CHECK_INT(m.whose, MAIL_OUTBOUND);
	CHECK_INT(m.client, 0);
	CHECK_INT(m.by_domain, 1);
	/* An exact recipient wins over another's domain... */
	mailbook_match(b, "dana@brightline.example", rc3, 2, &m);
	CHECK_INT(m.whose, MAIL_OUTBOUND);
	CHECK_INT(m.client, 0);
	/* ...but two exact ones are a tie. */
	mailbook_match(b, "dana@brightline.example", rc4, 2, &m);
	CHECK_INT(m.whose, MAIL_TIE);
	/* To a stranger, the client only in copy: the client's. */
	mailbook_match(b, "dana@brightline.example", rc5, 2, &m);
	CHECK_INT(m.whose, MAIL_OUTBOUND);
	CHECK_INT(m.client, 0);
	CHECK_INT(m.by_domain, 0);
	/* From a stranger, the client in copy: nobody's (SPEC 7). */
	mailbook_match(b, "quotes@printshop.example", rc1, 1, &m);
	CHECK_INT(m.whose, MAIL_NOBODY);
	/* Ours to ours only: nobody's. */
	mailbook_match(b, "dana@brightline.example", rc2, 1, &m);
	CHECK_INT(m.whose, MAIL_NOBODY);
	mailbook_free(b);
	mailbook_free(NULL);
}

/* A message from jo@acme.example with this id, subject, day and time. */
static void
feed_at(struct mail_import *im, const char *id, const char *subject, int day,
    const char *hhmm)
{
	struct buf b = { 0 };
	struct mailsrc_msg m;

	buf_printf(&b, "From: jo@acme.example\nTo: dana@us.example\n"
	    "Subject: %s\nDate: %d Nov 2026 %s:00 +0000\n", subject, day,
	    hhmm);
	if (id != NULL)
		buf_printf(&b, "Message-ID: <%s>\n", id);
	buf_puts(&b, "\nbody\n");
	mailsrc_msg_mem(&m, "test", b.s, b.len);
	mail_import_message(im, &m);
	buf_free(&b);
}

static void
feed(struct mail_import *im, const char *id, const char *subject, int day)
{
	feed_at(im, id, subject, day, "10:00");
}

/* What an import keeps: new messages, once, in the order of entries. */
static void
test_import(void)
{
	static const char file[] = "## 2026-11-01 10:00 <- email: old\n"
	    "<!-- message-id: <old@x> -->\n";
	struct config cfg;
	struct client c;
	struct diags d = { 0 };
	struct mail_import im;

	config_defaults(&cfg);
	memset(&c, 0, sizeof(c));
	c.slug = (char *)(uintptr_t)"acme";
	c.contact.email = (char *)(uintptr_t)"jo@acme.example";
	mail_import_init(&im, &cfg, &c, 1, unit_date("2026-11-23"), &d);
	feed(&im, "c@x", "third", 22);
	feed(&im, "a@x", "first", 20);
	feed(&im, "old@x", "known", 1);
	feed(&im, "a@x", "first again", 20);
	feed(&im, "f@x", "future", 24);
	feed(&im, NULL, "no id", 21);
	mail_import_marks(&im, file, sizeof(file) - 1);
	mail_import_settle(&im);
	CHECK_INT(im.nread, 6);
	CHECK_INT(im.np, 3);
	if (im.np == 3) {
		CHECK_STR(im.p[0].summary, "first");
		CHECK_STR(im.p[1].summary, "no id");
		CHECK_STR(im.p[2].summary, "third");
		CHECK(strncmp(im.p[1].mark, "message-hash: ", 14) == 0);
	}
	CHECK_INT(im.skipped[MAIL_SKIP_KNOWN], 1);
	CHECK_INT(im.skipped[MAIL_SKIP_TWICE], 1);
	CHECK_INT(im.skipped[MAIL_SKIP_FUTURE], 1);
	CHECK_STR(mail_skip_name(MAIL_SKIP_TWICE), "a second copy");
	mail_import_free(&im);

	/*
	 * One day's messages found latest first (as Maildir names can sort
	 * them): in the order of entries, by time, whatever their marks.
	 */
	mail_import_init(&im, &cfg, &c, 1, unit_date("2026-11-23"), &d);
	feed_at(&im, "a1@x", "evening", 21, "18:45");
	feed_at(&im, "b2@x", "noon", 21, "12:00");
	feed_at(&im, "c3@x", "morning", 21, "08:05");
	feed_at(&im, "d4@x", "next day, early", 22, "07:00");
	mail_import_settle(&im);
	CHECK_INT(im.np, 4);
	if (im.np == 4) {
		CHECK_STR(im.p[0].summary, "morning");
		CHECK_STR(im.p[1].summary, "noon");
		CHECK_STR(im.p[2].summary, "evening");
		CHECK_STR(im.p[3].summary, "next day, early");
		CHECK_INT(im.p[0].minutes, 8 * 60 + 5);
	}
	mail_import_free(&im);
	mail_import_free(NULL);
	diags_free(&d);
}

/* The keys of client files and rapport.ini that mail import reads. */
static void
test_keys(void)
{
	static const char file[] = "---\nname = X\nemails = A@B.example, "
	    "c@d.example\ndomains = E.example, *@f.example, gmail.com, "
	    "not a domain\n---\n";
	static const char ini[] = "[mail]\nown = *@Us.example, me@x.example, "
	    "bad\npublic_domains = Mail.example, -bad\n";
	struct source src;
	struct client c;
	struct config cfg;
	struct diags d = { 0 };

	config_defaults(&cfg);
	CHECK_INT(source_from_mem(&src, "clients/x.md", file, sizeof(file) - 1,
	    &d), 0);
	client_parse(&c, &src, "x", &cfg, unit_date("2026-11-23"), 0, &d);
	CHECK_INT(c.nemails, 2);
	if (c.nemails == 2) {
		CHECK_STR(c.emails[0], "a@b.example");
		CHECK_STR(c.emails[1], "c@d.example");
	}
	CHECK_INT(c.ndomains, 2);
	if (c.ndomains == 2) {
		CHECK_STR(c.domains[0], "e.example");
		CHECK_STR(c.domains[1], "f.example");
	}
	CHECK_DIAG(&d, 4, 1, "'gmail.com' is a public mail domain");
	CHECK_DIAG(&d, 4, 2, "'not a domain' is not a domain");
	/* What lists keep of a client keeps them too. */
	client_slim(&c);
	CHECK_INT(c.nemails, 2);
	CHECK_INT(c.ndomains, 2);
	if (c.ndomains == 2)
		CHECK_STR(c.domains[1], "f.example");
	client_free(&c);
	source_free(&src);
	diags_free(&d);

	CHECK_INT(source_from_mem(&src, "rapport.ini", ini, sizeof(ini) - 1,
	    &d), 0);
	config_parse(&cfg, &src, &d);
	CHECK_INT(cfg.nmail_own, 2);
	if (cfg.nmail_own == 2) {
		CHECK_STR(cfg.mail_own[0], "*@us.example");
		CHECK_STR(cfg.mail_own[1], "me@x.example");
	}
	CHECK_INT(cfg.npublic_domains, 1);
	CHECK(config_public_domain(&cfg, "mail.example"));
	CHECK_DIAG(&d, 2, 2, "own: 'bad' is neither");
	CHECK_DIAG(&d, 3, 2, "public_domains: '-bad' is not a domain");
	config_free(&cfg);
	source_free(&src);
	diags_free(&d);
}

/* ---- issue 32: the audit ---- */

/* The UTF-8 bytes of code point cp (below U+10000) into s. */
static void
utf8_of(unsigned cp, char s[4])
{
	if (cp < 0x800) {
		s[0] = (char)(0xc0 | cp >> 6);
		s[1] = (char)(0x80 | (cp & 0x3f));
		s[2] = '\0';
	} else {
		s[0] = (char)(0xe0 | cp >> 12);
		s[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		s[2] = (char)(0x80 | (cp & 0x3f));
		s[3] = '\0';
	}
}

/*
 * Every bidirectional control goes from a subject, to the first and last
 * of each range; the characters beside the ranges stay (the paragraph
 * separator before U+202A becomes a space, as every line break does).
 */
static void
test_audit_bidi(void)
{
	static const struct {
		unsigned	 cp;
		int		 gone;
	} t[] = {
		{ 0x061b, 0 }, { 0x061c, 1 }, { 0x061d, 0 },
		{ 0x200d, 0 }, { 0x200e, 1 }, { 0x200f, 1 }, { 0x2010, 0 },
		{ 0x202a, 1 }, { 0x202b, 1 }, { 0x202c, 1 }, { 0x202d, 1 },
		{ 0x202e, 1 }, { 0x202f, 0 },
		{ 0x2065, 0 }, { 0x2066, 1 }, { 0x2067, 1 }, { 0x2068, 1 },
		{ 0x2069, 1 }, { 0x206a, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct buf in = { 0 }, want = { 0 }, got = { 0 };
		char c[4];

		utf8_of(t[i].cp, c);
		buf_printf(&in, "left%sright", c);
		buf_printf(&want, "left%sright", t[i].gone ? "" : c);
		mail_subject_safe(in.s, &got);
		if (got.s != NULL && strcmp(got.s, want.s) == 0)
			unit_passed++;
		else
			unit_fail(__FILE__, __LINE__, "U+%04X: \"%s\", want "
			    "\"%s\"", t[i].cp, got.s ? got.s : "(null)",
			    want.s);
		buf_free(&in);
		buf_free(&want);
		buf_free(&got);
	}
	CHECK_SAFE("left\xe2\x80\xa9right", "left right");	/* U+2029 */
}

/* Issue 33: the year a Date writes, as RFC 5322 reads it. */
static void
test_date_year(void)
{
	static const struct {
		const char	*date;
		int		 found, year;
	} t[] = {
		{ "Fri, 20 Nov 2026 10:00:00 +0000", 1, 2026 },
		{ "Fri, 20 Nov 0026 10:00:00 +0000", 1, 26 },
		{ "20 Nov 0000 10:00 +0000", 1, 0 },
		{ "20 Nov 0999 10:00 +0000", 1, 999 },
		{ "20 Nov 1000 10:00 +0000", 1, 1000 },
		{ "20 Nov 126 10:00 +0000", 1, 2026 },
		{ "20 Nov 099 10:00 +0000", 1, 1999 },
		{ "20 Nov 49 10:00 +0000", 1, 2049 },
		{ "20 Nov 50 10:00 +0000", 1, 1950 },
		{ "20 Nov 99 10:00 +0000", 1, 1999 },
		{ "20 Nov 00 10:00 +0000", 1, 2000 },
		{ "Fri Nov 20 10:00:00 2026", 1, 2026 },
		{ "Fri Nov 20 10:00:00 0026", 1, 26 },
		{ "Fri,20 NOV 2026 10:00 (UTC)", 1, 2026 },
		{ "20 November 2026 10:00 -0500", 1, 2026 },
		{ "2026-11-20 10:00", 0, 0 },
		{ "", 0, 0 },
	};
	size_t i, at, n;
	int y;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		int year = -1, found = mail_date_year(t[i].date, &year, &at,
		    &n);

		if (found == t[i].found && (!found || year == t[i].year))
			unit_passed++;
		else
			unit_fail(__FILE__, __LINE__, "\"%s\": %d, year %d; "
			    "want %d, %d", t[i].date, found, year, t[i].found,
			    t[i].year);
	}
	CHECK_INT(mail_date_year("Fri, 20 Nov 126 10:00", &y, &at, &n), 1);
	CHECK_INT(at, 12);
	CHECK_INT(n, 3);
}

/* A message of this Date read and made an entry: its day, or -1. */
static long
entry_day(const char *date)
{
	struct buf b = { 0 };
	struct mail m;
	struct mail_entry e;
	const char *why = NULL;
	long day = -1;

	buf_printf(&b, "From: jo@acme.example\nDate: %s\n\nbody\n", date);
	if (mail_read(&m, b.s, b.len, &why) == 0 && mail_entry(&m, ENTRY_IN,
	    &e, &why) == 0)
		day = (long)e.date;
	else if (why == NULL || strstr(why, "years 1000 to 9999") == NULL)
		day = -2;
	mail_free(&m);
	buf_free(&b);
	return day;
}

static void
test_read_years(void)
{
	CHECK_INT(entry_day("Fri, 20 Nov 0026 10:00:00 +0000"), -1);
	CHECK_INT(entry_day("Sat, 20 Nov 0000 10:00:00 +0000"), -1);
	CHECK_INT(entry_day("20 Nov 0099 10:00:00 +0000"), -1);
	CHECK_INT(entry_day("20 Nov 126 10:00:00 +0000"),
	    (long)date_from_ymd(2026, 11, 20));
	CHECK_INT(entry_day("20 Nov 55 10:00:00 +0000"),
	    (long)date_from_ymd(1955, 11, 20));
	CHECK_INT(entry_day("20 Nov 26 10:00:00 +0000"),
	    (long)date_from_ymd(2026, 11, 20));
	CHECK_INT(entry_day("Fri, 20 Nov 2026 10:00:00 +0000"),
	    (long)date_from_ymd(2026, 11, 20));
	/* GMime reads none before 1969 (nor three digits) itself. */
	CHECK_INT(entry_day("Sun, 20 Nov 1955 10:00:00 +0000"),
	    (long)date_from_ymd(1955, 11, 20));
	CHECK_INT(entry_day("29 Feb 1600 10:00:00 +0000"),
	    (long)date_from_ymd(1600, 2, 29));
	CHECK_INT(entry_day("1 Jan 1000 10:00:00 +0000"),
	    (long)date_from_ymd(1000, 1, 1));
}

/*
 * A header block over MAIL_HEADER_MAX is refused before GMime; one just
 * within it is read.  A message held in part is hashed from its file as
 * a message held whole is.
 */
static void
test_read_limits(void)
{
	struct buf b = { 0 };
	struct mail m;
	struct mailsrc_msg src;
	const char *why = NULL;
	char hex[41], path[] = "/tmp/rapport-unit-mail.XXXXXX";
	size_t pad = MAIL_HEADER_MAX - 200;
	FILE *f;
	int fd;

	buf_puts(&b, "From: jo@acme.example\nDate: Fri, 20 Nov 2026 10:00:00 "
	    "+0000\nSubject: ");
	while (b.len < pad)
		buf_puts(&b, "word ");
	buf_puts(&b, "\n\nbody\n");
	CHECK_INT(mail_read(&m, b.s, b.len, &why), 0);
	mail_free(&m);
	b.len -= 7;
	while (b.len < MAIL_HEADER_MAX + 1)
		buf_puts(&b, "word ");
	buf_puts(&b, "\n\nbody\n");
	CHECK_INT(mail_read(&m, b.s, b.len, &why), -2);
	CHECK(why != NULL && strstr(why, "over 1 MiB") != NULL);
	mail_free(&m);
	/* No blank line in what is held: over it too. */
	CHECK_INT(mail_read(&m, b.s, MAIL_HEADER_MAX + 1, &why), -2);
	mail_free(&m);
	buf_free(&b);

	/* git hash-object of "hello\n". */
	mailsrc_msg_mem(&src, "t", "hello\n", 6);
	CHECK_INT(mailsrc_blob_id(&src, hex), 0);
	CHECK_STR(hex, "ce013625030ba8dba906f756967f9e9ca394464a");
	if ((fd = mkstemp(path)) == -1 || (f = fdopen(fd, "w+")) == NULL) {
		unit_fail(__FILE__, __LINE__, "no temporary file");
		return;
	}
	fputs("..hello\n", f);
	fflush(f);
	mailsrc_msg_mem(&src, "t", "he", 2);
	src.size = 6;
	src.fd = fd;
	src.off = 2;
	CHECK_INT(mailsrc_blob_id(&src, hex), 0);
	CHECK_STR(hex, "ce013625030ba8dba906f756967f9e9ca394464a");
	/* The file shorter than the message: it changed, no id. */
	src.size = 60;
	CHECK_INT(mailsrc_blob_id(&src, hex), -1);
	fclose(f);
	unlink(path);
}

void
test_mail(void)
{
	mail_setup();
	test_subject();
	test_read();
	test_read_kinds();
	test_marks();
	test_book();
	test_import();
	test_keys();
	test_audit_bidi();
	test_date_year();
	test_read_years();
	test_read_limits();
	mail_shutdown();
}
