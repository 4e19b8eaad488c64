/*
 * mail.c: fuzzes mail import's message-to-entry step (mail.h).  The input
 * is a message file.  When mail_read takes it and it is dated, the entry
 * of each direction is checked here, apart from the proof mail_entry
 * makes itself:
 *	- mail_entry fails only for a date outside the years 1000 to 9999,
 *	  and gives the day and time of Date in UTC;
 *	- the heading is valid UTF-8 and holds no control character (C0,
 *	  DEL, C1), no line or paragraph separator and no bidirectional
 *	  control;
 *	- the summary is at most MAIL_SUMMARY_MAX characters, and one more
 *	  only when that is the ellipsis of a cut;
 *	- a client file of the heading and its comment, as import-mail
 *	  appends them, parses without errors into exactly that one entry
 *	  (with no cadence or reply_within, which could run past 9999);
 *	- mail_marks finds in that file exactly the message's mark.
 * A broken one aborts, so that libFuzzer keeps the input.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "common.h"
#include "config.h"
#include "mail.h"
#include "source.h"

/* Far enough ahead that no entry of a message is "in the future". */
#define FUZZ_MAIL_TODAY	date_from_ymd(9999, 12, 31)

#define ELLIPSIS	"\xe2\x80\xa6"

/*
 * The code point of the UTF-8 sequence at p (n bytes left) and its
 * length in *len, or -1 when it is not valid UTF-8: overlong forms,
 * surrogates and values past U+10FFFF included.  Written out here rather
 * than taken from text.c, so that a bug there cannot hide one.
 */
static long
decode(const unsigned char *p, size_t n, size_t *len)
{
	static const unsigned long min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	unsigned long cp;
	size_t k, i;

	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	if (p[0] >= 0xc0 && p[0] < 0xe0) {
		k = 2;
		cp = p[0] & 0x1fu;
	} else if (p[0] >= 0xe0 && p[0] < 0xf0) {
		k = 3;
		cp = p[0] & 0x0fu;
	} else if (p[0] >= 0xf0 && p[0] < 0xf8) {
		k = 4;
		cp = p[0] & 0x07u;
	} else
		return -1;
	if (k > n)
		return -1;
	for (i = 1; i < k; i++) {
		if ((p[i] & 0xc0u) != 0x80)
			return -1;
		cp = (cp << 6) | (p[i] & 0x3fu);
	}
	if (cp < min[k] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*len = k;
	return (long)cp;
}

/* Whether the heading holds only what a terminal shows as text. */
static int
heading_clean(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), k;
	long cp;

	while (n > 0) {
		if ((cp = decode(p, n, &k)) < 0)
			return 0;
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0x061c ||
		    cp == 0x200e || cp == 0x200f ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			return 0;
		p += k;
		n -= k;
	}
	return 1;
}

/* Whether the summary (valid UTF-8, checked above) is short enough. */
static int
summary_short(const char *s)
{
	size_t n = strlen(s), chars = 0, k, el = sizeof(ELLIPSIS) - 1;

	while (n > 0 && decode((const unsigned char *)s, n, &k) >= 0) {
		chars++;
		s += k;
		n -= k;
	}
	if (n > 0)
		return 0;
	if (chars <= MAIL_SUMMARY_MAX)
		return 1;
	/* s is at the end now: the last character must be the ellipsis. */
	return chars == MAIL_SUMMARY_MAX + 1 && memcmp(s - el, ELLIPSIS,
	    el) == 0;
}

struct marks {
	const char	*want;
	size_t		 n;		/* marks found */
	int		 same;		/* the one found is want */
};

static void
count_mark(void *arg, const char *mark, size_t n)
{
	struct marks *k = arg;

	k->n++;
	k->same = strlen(k->want) == n && memcmp(k->want, mark, n) == 0;
}

/* Whether the entry reads back from a client file as import-mail writes. */
static int
reads_back(const struct mail *m, const struct mail_entry *e)
{
	struct config cfg;
	struct source src;
	struct client c;
	struct diags d = { 0 };
	struct buf file = { 0 };
	struct marks k = { m->mark, 0, 0 };
	const struct entry *x;
	int ok = 0;

	buf_printf(&file, "---\nname = Fuzz\n---\n\n## %s\n%s\n", e->heading,
	    e->comment);
	config_defaults(&cfg);
	/*
	 * Mail of the last days of 9999 puts the default cadence's next
	 * check-in (and reply) past the calendar: an error client_parse
	 * reports about the workspace's settings, not about the entry.
	 */
	cfg.cadence = (struct duration){ 0, DUR_DAYS };
	cfg.reply_within = (struct duration){ 0, DUR_DAYS };
	memset(&c, 0, sizeof(c));
	if (source_from_mem(&src, "clients/fuzz.md", file.s, file.len,
	    &d) == 0 && client_parse(&c, &src, "fuzz", &cfg, FUZZ_MAIL_TODAY, 0,
	    &d) == 0 && d.nerr == 0 && c.nentries == 1) {
		x = &c.entries[0];
		ok = x->date == e->date && x->minutes == e->minutes &&
		    x->dir == e->dir && x->channel != NULL &&
		    strcmp(x->channel, "email") == 0 && !x->has_hours &&
		    strcmp(x->summary, e->summary) == 0;
	}
	mail_marks(file.s, file.len, count_mark, &k);
	ok = ok && k.n == 1 && k.same;
	client_free(&c);
	source_free(&src);
	config_free(&cfg);
	fuzz_diags_done(&d);
	buf_free(&file);
	return ok;
}

static void
check(struct mail *m, enum entry_dir dir)
{
	struct mail_entry e;
	struct tm tm;
	time_t t = (time_t)m->when;
	const char *why;
	int in_range;

	/*
	 * The day of Date in UTC (TZ is set so), as gmtime reads it; a year
	 * the header writes outside 1000 to 9999 has no time (year_out).
	 */
	in_range = !m->year_out && (int64_t)t == m->when &&
	    gmtime_r(&t, &tm) != NULL && tm.tm_year + 1900 >= 1000 &&
	    tm.tm_year + 1900 <= 9999;
	if (mail_entry(m, dir, &e, &why) != 0) {
		if (in_range)
			abort();
		return;
	}
	if (!in_range || e.date != date_from_ymd(tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday) ||
	    e.minutes != tm.tm_hour * 60 + tm.tm_min || e.dir != dir)
		abort();
	if (!heading_clean(e.heading) || !summary_short(e.summary))
		abort();
	if (!reads_back(m, &e))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int once;
	struct mail m;
	const char *why;

	if (!once) {
		/* Local time is the entry's: one zone, so runs replay. */
		setenv("TZ", "UTC", 1);
		tzset();
		mail_setup();
		once = 1;
	}
	if (mail_read(&m, (const char *)data, size, &why) == 0 && m.dated) {
		check(&m, ENTRY_IN);
		check(&m, ENTRY_OUT);
	}
	mail_free(&m);
	return 0;
}
