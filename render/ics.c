/*
 * ics.c: iCalendar output (see ics.h).
 */
#include <stdint.h>
#include <string.h>

#include "ics.h"

/* Appends one content line, escaped text already in place, folded. */
static void
line(struct buf *b, const char *s)
{
	size_t n = strlen(s), col = 0, i = 0;

	while (i < n) {
		size_t c = 1;

		/* The length of this UTF-8 character. */
		if (((unsigned char)s[i] & 0xe0) == 0xc0)
			c = 2;
		else if (((unsigned char)s[i] & 0xf0) == 0xe0)
			c = 3;
		else if (((unsigned char)s[i] & 0xf8) == 0xf0)
			c = 4;
		if (i + c > n)
			c = n - i;
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
	char day[11], next[11], stamp[11];
	size_t i, j;

	date_format(today, stamp);
	line(b, "BEGIN:VCALENDAR");
	line(b, "VERSION:2.0");
	line(b, "PRODID:-//rapport//follow-ups//EN");
	line(b, "CALSCALE:GREGORIAN");
	if (name != NULL) {
		buf_reset(&l);
		buf_puts(&l, "X-WR-CALNAME:");
		text(&l, name);
		line(b, l.s);
	}
	for (i = 0; i < n; i++)
		for (j = 0; j < f[i].nsignals; j++) {
			const struct signal *s = &f[i].signals[j];
			const char *slug = f[i].client->slug;
			const char *kind = signal_kind_name(s->kind);

			date_format(s->due, day);
			date_format(s->due + 1, next);
			line(b, "BEGIN:VEVENT");
			buf_reset(&l);
			if (once_per_client(s->kind))
				buf_printf(&l, "UID:%s-%s@rapport", kind, slug);
			else
				buf_printf(&l, "UID:%s-%s-%08x@rapport", kind,
				    slug, (unsigned)fnv1a(s->text));
			line(b, l.s);
			buf_reset(&l);
			buf_printf(&l, "DTSTAMP:%.4s%.2s%.2sT000000Z", stamp,
			    stamp + 5, stamp + 8);
			line(b, l.s);
			buf_reset(&l);
			buf_printf(&l, "DTSTART;VALUE=DATE:%.4s%.2s%.2s", day,
			    day + 5, day + 8);
			line(b, l.s);
			buf_reset(&l);
			buf_printf(&l, "DTEND;VALUE=DATE:%.4s%.2s%.2s", next,
			    next + 5, next + 8);
			line(b, l.s);
			buf_reset(&l);
			buf_puts(&l, "SUMMARY:");
			text(&l, f[i].client->name);
			buf_puts(&l, ": ");
			text(&l, s->text);
			line(b, l.s);
			buf_reset(&l);
			buf_printf(&l, "CATEGORIES:%s,%s", kind,
			    level_name(s->level));
			line(b, l.s);
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
