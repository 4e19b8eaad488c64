/*
 * commitment.c: see commitment.h.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "commitment.h"
#include "text.h"

/* The mark (SPEC section 5). */
static const char mark[] = "@internal";

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

int
commitment_marked(const char *text)
{
	return contains(text, mark);
}

int
commitment_internal(const struct client *c, size_t i)
{
	int k;

	/* An item sits under one met before it: k only goes down. */
	for (k = (int)i; k >= 0; k = c->commitments[k].under)
		if (commitment_marked(c->commitments[k].text))
			return 1;
	return 0;
}

/* The length of an at sign at s: '@', U+FF20 or U+FE6B; 0 if none. */
static size_t
at_sign(const unsigned char *s)
{
	if (s[0] == '@')
		return 1;
	if (s[0] == 0xef && ((s[1] == 0xbc && s[2] == 0xa0) ||
	    (s[1] == 0xb9 && s[2] == 0xab)))
		return 3;
	return 0;
}

/*
 * The length of a Latin letter at s, ASCII or fullwidth (U+FF21..FF3A,
 * U+FF41..FF5A), with it as a lowercase ASCII letter in *c; 0 if none.
 */
static size_t
letter(const unsigned char *s, char *c)
{
	if (isalpha(s[0])) {
		*c = (char)tolower(s[0]);
		return 1;
	}
	if (s[0] == 0xef && s[1] == 0xbc && s[2] >= 0xa1 && s[2] <= 0xba) {
		*c = (char)('a' + (s[2] - 0xa1));
		return 3;
	}
	if (s[0] == 0xef && s[1] == 0xbd && s[2] >= 0x81 && s[2] <= 0x9a) {
		*c = (char)('a' + (s[2] - 0x81));
		return 3;
	}
	return 0;
}

/*
 * Whether the at sign at s, in a text that starts at start, is an
 * address's: after a letter, a digit or one of "._%+-".
 */
static int
address_at(const unsigned char *start, const unsigned char *s)
{
	return s > start && (isalnum(s[-1]) || strchr("._%+-", s[-1]) != NULL);
}

/* Whether the word (lowercase ASCII) is one a person meaning the mark wrote. */
static int
near_word(const char *w)
{
	return strncmp(w, mark + 1, strlen(mark + 1)) == 0 ||
	    strcmp(w, "intern") == 0 || strcmp(w, "interna") == 0 ||
	    text_distance(w, mark + 1, 1) == 1;
}

const char *
commitment_mark_near(const char *text, size_t *len)
{
	const unsigned char *s = (const unsigned char *)text, *w;
	char word[24], c;
	size_t a, n, k;

	for (; *s != '\0'; s++) {
		if ((a = at_sign(s)) == 0 ||
		    strncasecmp((const char *)s, mark, strlen(mark)) == 0)
			continue;
		if (address_at((const unsigned char *)text, s))
			continue;
		for (w = s + a, n = 0; n < 2 && (*w == ' ' || *w == '-' ||
		    *w == '_'); w++, n++)
			continue;
		for (n = 0; n + 1 < sizeof(word) &&
		    (k = letter(w, &c)) > 0; w += k)
			word[n++] = c;
		word[n] = '\0';
		if (n == 0 || letter(w, &c) > 0 || isdigit(*w) ||
		    !near_word(word))
			continue;
		*len = (size_t)(w - s);
		return (const char *)s;
	}
	return NULL;
}

/*
 * Warnings about near-misses of the mark in one item at most: what the
 * text holds but its lines do not as written ("@" and "intern" on two
 * lines) is looked for to the item's end each time, so a hostile item of
 * many such stays linear.
 */
#define NEAR_MAX	4

/*
 * Finds the len bytes at q in lines *line..last of src, from byte *off of
 * the first, not after an address's character (as in text): 1 with *line
 * and *off set to where they are, or 0 with both untouched.
 */
static int
find_in_lines(const struct source *src, int last, const char *q, size_t len,
    int *line, size_t *off)
{
	const char *s, *f;
	size_t n;
	int l;

	for (l = *line; l <= last; l++) {
		if ((s = source_line(src, (size_t)l, &n)) == NULL)
			return 0;
		for (f = s + (l == *line && *off <= n ? *off : 0);
		    f + len <= s + n; f++)
			if (memcmp(f, q, len) == 0 &&
			    !address_at((const unsigned char *)s,
			    (const unsigned char *)f)) {
				*line = l;
				*off = (size_t)(f - s);
				return 1;
			}
	}
	return 0;
}

void
commitment_check_mark(const struct client *c, size_t i,
    const struct source *src, struct diags *d)
{
	const struct commitment *cm = &c->commitments[i];
	const char *s, *t;
	size_t len, off = cm->col > 0 ? (size_t)cm->col - 1 : 0, at;
	int line = cm->line, l, n = 0;

	if (commitment_internal(c, i))
		return;
	/* The text's near-misses are in its lines in the same order. */
	for (s = cm->text; n++ < NEAR_MAX &&
	    (t = commitment_mark_near(s, &len)) != NULL; s = t + len) {
		l = line;
		at = off;
		if (find_in_lines(src, cm->end_line, t, len, &l, &at)) {
			line = l;
			off = at + len;
		} else {
			l = cm->line;
			at = (size_t)cm->col - 1;
		}
		diag_msg(d, src->path, l, (int)at + 1, DIAG_WARNING, "'%.*s' is "
		    "not the @internal mark, so the client's report page shows "
		    "this item: write @internal (ASCII, no space after the "
		    "'@') to keep it ours alone", (int)len, t);
	}
}
