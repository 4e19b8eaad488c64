/*
 * cline.c: content lines, folded and escaped (cline.h).
 */
#include <string.h>

#include "cline.h"
#include "text.h"

/*
 * Most lines are short and go in whole: the feed of 10,000 clients has
 * 200,000 of them.
 */
void
cline_put(struct buf *b, const char *s, size_t n)
{
	size_t col = 0, i = 0;

	if (n <= 75) {
		buf_putn(b, s, n);
		buf_putn(b, "\r\n", 2);
		return;
	}
	while (i < n) {
		/* A whole UTF-8 character; a stray byte on its own. */
		size_t c = text_utf8_len((const unsigned char *)s + i, n - i);

		if (c == 0)
			c = 1;
		if (col + c > 75) {
			buf_putn(b, "\r\n ", 3);
			col = 1;
		}
		buf_putn(b, s + i, c);
		col += c;
		i += c;
	}
	buf_putn(b, "\r\n", 2);
}

void
cline_puts(struct buf *b, const char *s)
{
	cline_put(b, s, strlen(s));
}

void
cline_text(struct buf *b, const char *s)
{
	for (;;) {
		size_t run = strcspn(s, "\\;,\n\r");

		buf_putn(b, s, run);
		s += run;
		switch (*s++) {
		case '\0':
			return;
		case '\n':
			buf_putn(b, "\\n", 2);
			break;
		case '\r':
			break;
		default:
			buf_putc(b, '\\');
			buf_putc(b, s[-1]);
		}
	}
}
