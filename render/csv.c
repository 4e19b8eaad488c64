/*
 * csv.c: CSV fields (see csv.h).
 */
#include <string.h>

#include "csv.h"

/* Whether a spreadsheet would take s for a formula. */
static int
formula(const char *s)
{
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
}

void
csv_text(struct buf *b, const char *s, int first)
{
	const char *p;
	int quote;

	if (!first)
		buf_putc(b, ',');
	if (s == NULL)
		return;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (formula(s))
		buf_putc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

void
csv_number(struct buf *b, const char *s, int first)
{
	if (!first)
		buf_putc(b, ',');
	buf_puts(b, s);
}

void
csv_eol(struct buf *b)
{
	buf_puts(b, "\r\n");
}
