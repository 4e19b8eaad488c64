/*
 * ics.c: iCalendar output (see ics.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "hmap.h"
#include "cline.h"
#include "ics.h"
#include "text.h"
#include "util.h"

/* A fixed line. */
static void
lit(struct buf *b, const char *s)
{
	cline_puts(b, s);
}

/* The line built in l. */
static void
flush(struct buf *b, const struct buf *l)
{
	cline_put(b, l->s, l->len);
}

/* A DATE value: YYYYMMDD (years 0-9999, as date_t holds). */
static void
basic_date(date_t d, char out[16])
{
	int y, m, dd, i;

	date_to_ymd(d, &y, &m, &dd);
	for (i = 3; i >= 0; i--, y /= 10)
		out[i] = (char)('0' + y % 10);
	out[4] = (char)('0' + m / 10);
	out[5] = (char)('0' + m % 10);
	out[6] = (char)('0' + dd / 10);
	out[7] = (char)('0' + dd % 10);
	out[8] = '\0';
}

static uint32_t
fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/*
 * How many times base came before (0 the first time): the UIDs given so
 * far, counted by their hash, so that each is unique in the feed.  A
 * client's own: every UID carries its slug, unique in the workspace.
 */
static size_t
uid_seen(struct hmap *u, const char *base)
{
	return (*hmap_get_or_put(u, hash64(base, strlen(base), 0), 0))++;
}

/* One line "NAME:" and a TEXT value. */
static void
text_line(struct buf *b, struct buf *l, const char *name, const char *v)
{
	buf_reset(l);
	buf_puts(l, name);
	cline_text(l, v);
	flush(b, l);
}

/* The client's contact, for the event's description. */
static void
contact_text(struct buf *l, const struct client *c)
{
	const struct contact *ct = &c->contact;

	if (ct->name == NULL && ct->email == NULL && ct->phone == NULL)
		return;
	buf_puts(l, "\nContact: ");
	if (ct->name != NULL)
		buf_puts(l, ct->name);
	if (ct->email != NULL) {
		buf_puts(l, ct->name ? ", " : "");
		buf_puts(l, ct->email);
	}
	if (ct->phone != NULL) {
		buf_puts(l, ct->name || ct->email ? ", " : "");
		buf_puts(l, ct->phone);
	}
}

void
ics_begin(struct buf *b, const char *name)
{
	struct buf l = { 0 };

	lit(b, "BEGIN:VCALENDAR");
	lit(b, "VERSION:2.0");
	lit(b, "PRODID:-//rapport//follow-ups//EN");
	lit(b, "CALSCALE:GREGORIAN");
	if (name != NULL)
		text_line(b, &l, "X-WR-CALNAME:", name);
	buf_free(&l);
}

void
ics_end(struct buf *b)
{
	lit(b, "END:VCALENDAR");
}

void
ics_client(struct buf *b, const struct followup *fu, date_t today,
    const char *url)
{
	struct buf l = { 0 }, t = { 0 };
	struct hmap u = { 0 };
	char day[16], next[16], stamp[16], late[16], when[48];
	date_t max = date_from_ymd(9999, 12, 31);
	const char *slug = fu->client->slug;
	size_t j;

	if (fu->nsignals == 0)
		return;
	hmap_reserve(&u, fu->nsignals);
	basic_date(today, stamp);
	for (j = 0; j < fu->nsignals; j++) {
		const struct signal *s = &fu->signals[j];
		const char *kind = signal_kind_name(s->kind);
		/* What is late shows on the build's day, not buried. */
		int overdue = s->due < today || s->level == LEVEL_OVERDUE;
		date_t start = overdue ? today : s->due;
		size_t dup;

		basic_date(start, day);
		lit(b, "BEGIN:VEVENT");
		buf_reset(&l);
		buf_puts(&l, "UID:");
		buf_puts(&l, kind);
		buf_putc(&l, '-');
		buf_puts(&l, slug);
		if (!signal_kind_once(s->kind)) {
			char hex[9];
			uint32_t h = fnv1a(s->text);
			int k;

			for (k = 7; k >= 0; k--, h >>= 4)
				hex[k] = "0123456789abcdef"[h & 15];
			hex[8] = '\0';
			buf_putc(&l, '-');
			buf_puts(&l, hex);
		}
		/* Two promises of one text: the second is "-2". */
		if ((dup = uid_seen(&u, l.s + 4)) > 0)
			buf_printf(&l, "-%zu", dup + 1);
		buf_puts(&l, "@rapport");
		flush(b, &l);
		buf_reset(&l);
		buf_puts(&l, "DTSTAMP:");
		buf_puts(&l, stamp);
		buf_puts(&l, "T000000Z");
		flush(b, &l);
		buf_reset(&l);
		buf_puts(&l, "DTSTART;VALUE=DATE:");
		buf_puts(&l, day);
		flush(b, &l);
		if (start < max) {
			basic_date(start + 1, next);
			buf_reset(&l);
			buf_puts(&l, "DTEND;VALUE=DATE:");
			buf_puts(&l, next);
			flush(b, &l);
		}
		buf_reset(&t);
		buf_puts(&t, fu->client->name);
		buf_puts(&t, ": ");
		buf_puts(&t, s->text);
		if (overdue && s->due < today) {
			date_human(s->due, today, late);
			buf_puts(&t, " (late since ");
			buf_puts(&t, late);
			buf_putc(&t, ')');
		}
		text_line(b, &l, "SUMMARY:", t.s);
		followup_when(when, sizeof(when), s, today);
		buf_reset(&t);
		buf_puts(&t, s->text);
		buf_puts(&t, " — ");
		buf_puts(&t, when);
		contact_text(&t, fu->client);
		text_line(b, &l, "DESCRIPTION:", t.s);
		buf_reset(&l);
		buf_puts(&l, "CATEGORIES:");
		buf_puts(&l, kind);
		buf_putc(&l, ',');
		buf_puts(&l, level_name(s->level));
		flush(b, &l);
		/* A calendar needs the page's whole address. */
		if (url != NULL) {
			buf_reset(&t);
			buf_puts(&t, url);
			buf_puts(&t, "clients/");
			buf_puts(&t, slug);
			buf_puts(&t, ".html");
			buf_reset(&l);
			buf_puts(&l, "URL:");
			buf_putn(&l, t.s, t.len);
			flush(b, &l);
		}
		lit(b, "TRANSP:TRANSPARENT");
		lit(b, "END:VEVENT");
	}
	hmap_free(&u);
	buf_free(&l);
	buf_free(&t);
}

void
ics_write(struct buf *b, const struct followup *f, size_t n, date_t today,
    const char *name, const char *url)
{
	size_t i;

	ics_begin(b, name);
	for (i = 0; i < n; i++)
		ics_client(b, &f[i], today, url);
	ics_end(b);
}
