/*
 * commitment.c: see commitment.h.
 */
#include <ctype.h>
#include <string.h>

#include "commitment.h"

/* Whether q occurs in s, ASCII letters compared without case. */
static int
contains(const char *s, const char *q)
{
	size_t n = strlen(q), i;

	for (; *s != '\0'; s++) {
		for (i = 0; i < n && s[i] != '\0'; i++)
			if (tolower((unsigned char)s[i]) !=
			    tolower((unsigned char)q[i]))
				break;
		if (i == n)
			return 1;
	}
	return n == 0;
}

static int
same(const char *s, const char *q)
{
	for (; *s != '\0' && *q != '\0'; s++, q++)
		if (tolower((unsigned char)*s) != tolower((unsigned char)*q))
			return 0;
	return *s == *q;
}

size_t
commitment_find(const struct client *c, const char *q, int done,
    const struct commitment **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < c->ncommitments; i++) {
		const struct commitment *k = &c->commitments[i];

		if (!k->done != !done || !same(k->text, q))
			continue;
		if (n < max)
			out[n] = k;
		n++;
	}
	if (n > 0)
		return n;
	for (i = 0; i < c->ncommitments; i++) {
		const struct commitment *k = &c->commitments[i];

		if (!k->done != !done || !contains(k->text, q))
			continue;
		if (n < max)
			out[n] = k;
		n++;
	}
	return n;
}

/* The offset of the start of line n (1-based), or len when there is none. */
static size_t
line_start(const char *s, size_t len, int n)
{
	size_t off = 0;
	const char *nl;

	while (--n > 0) {
		if ((nl = memchr(s + off, '\n', len - off)) == NULL)
			return len;
		off = (size_t)(nl - s) + 1;
	}
	return off;
}

int
commitment_tick(const char *s, size_t len, const struct commitment *cm,
    date_t day, struct buf *out)
{
	size_t start, box, end, cut;
	const char *nl;
	char d[11];

	if (cm->col < 1 || cm->end_line < cm->line)
		return -1;
	start = line_start(s, len, cm->line);
	box = start + (size_t)cm->col - 1;
	if (box + 3 > len || memcmp(s + box, "[ ]", 3) != 0 ||
	    memchr(s + start, '\n', box - start) != NULL)
		return -1;
	/* The end of the paragraph's last line, before its line end. */
	end = line_start(s, len, cm->end_line);
	nl = memchr(s + end, '\n', len - end);
	end = nl != NULL ? (size_t)(nl - s) : len;
	if (nl != NULL && end > box + 3 && s[end - 1] == '\r')
		end--;
	for (cut = end; cut > box + 3 && (s[cut - 1] == ' ' ||
	    s[cut - 1] == '\t'); cut--)
		continue;
	date_format(day, d);
	buf_putn(out, s, box);
	buf_puts(out, "[x]");
	buf_putn(out, s + box + 3, cut - box - 3);
	buf_printf(out, " done:%s", d);
	buf_putn(out, s + end, len - end);
	return 0;
}
