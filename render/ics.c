/*
 * ics.c: iCalendar output (see ics.h).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ics.h"
#include "text.h"

/* Appends one content line, escaped text already in place, folded. */
static void
line(struct buf *b, const char *s)
{
	size_t n = strlen(s), col = 0, i = 0;

	while (i < n) {
		/* A whole UTF-8 character; a stray byte on its own. */
		size_t c = text_utf8_len((const unsigned char *)s + i, n - i);

		if (c == 0)
			c = 1;
		if (col + c > 75) {
			buf_puts(b, "\r\n ");
			col = 1;
		}
		buf_putn(b, s + i, c);
		col += c;
		i += c;
	}
	buf_puts(b, "\r\n");
}

/* Appends one content line made by a format (no TEXT escaping). */
static void
linef(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
linef(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	line(b, s);
	free(s);
}

/* A DATE value: YYYYMMDD. */
static void
basic_date(date_t d, char out[16])
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	snprintf(out, 16, "%04d%02d%02d", y, m, dd);
}

/* TEXT value escaping: backslash, semicolon, comma, line ends. */
static void
text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '\\':
		case ';':
		case ',':
			buf_putc(b, '\\');
			buf_putc(b, *s);
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			break;
		default:
			buf_putc(b, *s);
		}
}

static uint32_t
fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int
once_per_client(enum signal_kind k)
{
	return k == SIG_FOLLOW_UP || k == SIG_BUDGET || k == SIG_RENEWAL ||
	    k == SIG_ESCALATE;
}

void
ics_write(struct buf *b, const struct followup *f, size_t n, date_t today,
    const char *name)
{
	struct buf l = { NULL, 0, 0 };
	char day[16], next[16], stamp[16];
	size_t i, j;

	basic_date(today, stamp);
	line(b, "BEGIN:VCALENDAR");
	line(b, "VERSION:2.0");
	line(b, "PRODID:-//rapport//follow-ups//EN");
	line(b, "CALSCALE:GREGORIAN");
	if (name != NULL) {
		buf_puts(&l, "X-WR-CALNAME:");
		text(&l, name);
		line(b, l.s);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < f[i].nsignals; j++) {
			const struct signal *s = &f[i].signals[j];
			const char *slug = f[i].client->slug;
			const char *kind = signal_kind_name(s->kind);

			basic_date(s->due, day);
			basic_date(s->due + 1, next);
			line(b, "BEGIN:VEVENT");
			if (once_per_client(s->kind))
				linef(b, "UID:%s-%s@rapport", kind, slug);
			else
				linef(b, "UID:%s-%s-%08x@rapport", kind, slug,
				    (unsigned)fnv1a(s->text));
			linef(b, "DTSTAMP:%sT000000Z", stamp);
			linef(b, "DTSTART;VALUE=DATE:%s", day);
			linef(b, "DTEND;VALUE=DATE:%s", next);
			buf_reset(&l);
			buf_puts(&l, "SUMMARY:");
			text(&l, f[i].client->name);
			buf_puts(&l, ": ");
			text(&l, s->text);
			line(b, l.s);
			linef(b, "CATEGORIES:%s,%s", kind,
			    level_name(s->level));
			buf_reset(&l);
			buf_puts(&l, "URL:clients/");
			text(&l, slug);
			buf_puts(&l, ".html");
			line(b, l.s);
			line(b, "TRANSP:TRANSPARENT");
			line(b, "END:VEVENT");
		}
	line(b, "END:VCALENDAR");
	buf_free(&l);
}
