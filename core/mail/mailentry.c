/*
 * mailentry.c: the entry a message becomes, and the marks of imported
 * messages (see mail.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mail.h"
#include "text.h"

/* The code point of the valid UTF-8 sequence of n bytes at p. */
static unsigned
code_point(const unsigned char *p, size_t n)
{
	switch (n) {
	case 1:
		return p[0];
	case 2:
		return ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
	case 3:
		return ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) |
		    (p[2] & 0x3fu);
	default:
		return ((p[0] & 0x07u) << 18) | ((p[1] & 0x3fu) << 12) |
		    ((p[2] & 0x3fu) << 6) | (p[3] & 0x3fu);
	}
}

/* Characters that steer a terminal or break a line: written as a space. */
static int
breaking(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    cp == 0x2028 || cp == 0x2029;
}

/* Bidirectional controls, which can make text read other than it is. */
static int
bidi(unsigned cp)
{
	return cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

int
mail_char_shown(const unsigned char *p, size_t n)
{
	unsigned cp = code_point(p, n);

	return !breaking(cp) && !bidi(cp);
}

/* Whether "DATE HH:MM <- email: s" would read s back as the summary. */
static int
summary_reads_back(const char *s, struct entry *e)
{
	struct buf h = { 0 };
	struct pool pool = { NULL };
	size_t start, len, col;
	const char *why;
	int ok;

	buf_printf(&h, "## 2000-01-01 00:00 <- email: %s", s);
	entry_atx_text(h.s, h.len, &start, &len);
	ok = entry_parse_heading(h.s + start, len, e, &pool, &col,
	    &why) == 0 && !e->has_hours && strcmp(e->summary, s) == 0;
	pool_free(&pool);
	buf_free(&h);
	return ok;
}

/* Cuts b (valid UTF-8) to MAIL_SUMMARY_MAX characters, at a word. */
static void
cut(struct buf *b)
{
	size_t i = 0, nchars = 0, space = 0;

	while (i < b->len && nchars < MAIL_SUMMARY_MAX) {
		size_t n = text_utf8_len((const unsigned char *)b->s + i,
		    b->len - i);

		if (b->s[i] == ' ')
			space = i;
		i += n > 0 ? n : 1;
		nchars++;
	}
	if (i >= b->len)
		return;
	/* At the last space, unless that throws most of it away. */
	if (space > i / 2)
		i = space;
	b->len = i;
	while (b->len > 0 && b->s[b->len - 1] == ' ')
		b->len--;
	b->s[b->len] = '\0';
	buf_puts(b, "\xe2\x80\xa6");
}

void
mail_subject_safe(const char *subject, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)(subject ? subject :
	    "");
	struct buf b = { 0 };
	struct entry e;
	const unsigned char *end = p + strlen((const char *)p);
	char *open;
	size_t n;
	int space = 0;

	while (p < end) {
		unsigned cp;

		if ((n = text_utf8_len(p, (size_t)(end - p))) == 0) {
			cp = 0xfffd;	/* not UTF-8: the replacement mark */
			n = 1;
		} else
			cp = code_point(p, n);
		if (breaking(cp) || cp == ' ')
			space = 1;
		else if (!bidi(cp)) {
			if (space && b.len > 0)
				buf_putc(&b, ' ');
			space = 0;
			if (cp == 0xfffd && n == 1)
				buf_puts(&b, "\xef\xbf\xbd");
			else
				buf_putn(&b, (const char *)p, n);
		}
		p += n;
	}
	if (b.len == 0)
		buf_puts(&b, "(no subject)");
	cut(&b);
	/* A trailing "(2h)" would be hours spent: make it "[2h]". */
	if (!summary_reads_back(b.s, &e) && b.s[b.len - 1] == ')' &&
	    (open = strrchr(b.s, '(')) != NULL) {
		*open = '[';
		b.s[b.len - 1] = ']';
	}
	/* A trailing run of '#' would close the heading: keep it text. */
	if (b.s[b.len - 1] == '#') {
		size_t h = b.len;

		while (h > 0 && b.s[h - 1] == '#')
			h--;
		if (h == 0 || b.s[h - 1] == ' ') {
			struct buf t = { 0 };

			buf_putn(&t, b.s, h > 0 ? h - 1 : 0);
			buf_puts(&t, "\xc2\xa0");	/* U+00A0 */
			buf_puts(&t, b.s + h);
			buf_free(&b);
			b = t;
			/*
			 * A subject of only '#' got a character more, which
			 * can take it past MAIL_SUMMARY_MAX: cut again.
			 */
			cut(&b);
		}
	}
	buf_putn(out, b.s, b.len);
	buf_free(&b);
}

int
mail_entry(struct mail *m, enum entry_dir dir, struct mail_entry *e,
    const char **why)
{
	struct pool *pool = &m->pool;
	struct buf b = { 0 };
	struct tm tm;
	time_t t = (time_t)m->when;
	struct entry back;
	struct entry_spec spec = { 0 };
	size_t start, len, col;
	const char *perr;
	int rc = -1;

	memset(e, 0, sizeof(*e));
	if (!m->dated || m->year_out || (int64_t)t != m->when ||
	    localtime_r(&t, &tm) == NULL || tm.tm_year + 1900 < 1000 ||
	    tm.tm_year + 1900 > 9999) {
		*why = "its Date is not a day of the years 1000 to 9999";
		return -1;
	}
	e->date = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	e->minutes = tm.tm_hour * 60 + tm.tm_min;
	e->dir = dir;
	mail_subject_safe(m->subject, &b);
	e->summary = pool_strdup(pool, b.s);
	buf_reset(&b);
	spec.date = e->date;
	spec.minutes = e->minutes;
	spec.dir = dir;
	spec.channel = "email";
	spec.summary = e->summary;
	buf_puts(&b, "## ");
	entry_format(&spec, &b);
	/* The proof: it reads back as this entry, as a file's heading is read. */
	entry_atx_text(b.s, b.len, &start, &len);
	if (entry_parse_heading(b.s + start, len, &back, pool, &col,
	    &perr) != 0 || !entry_is(&back, &spec)) {
		*why = "its subject cannot be made to read back as one entry";
		goto out;
	}
	e->heading = pool_strdup(pool, b.s + 3);
	buf_reset(&b);
	buf_printf(&b, "<!-- %s -->", m->mark);
	e->comment = pool_strdup(pool, b.s);
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

void
mail_marks(const char *text, size_t len,
    void (*fn)(void *, const char *mark, size_t n), void *arg)
{
	const char *p = text, *end = text + len, *eol;

	/* Line by line: a mark is a line of its own. */
	for (; p < end; p = eol + 1) {
		const char *m;
		size_t n;

		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (entry_mark(p, (size_t)(eol - p), &m, &n))
			fn(arg, m, n);
	}
}
