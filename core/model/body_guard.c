/*
 * body_guard.c: whether a client file's body may be handed to cmark: the
 * bounds that keep a hostile body from taking the Markdown parser
 * minutes, checked on the source's lines before body.c parses them.
 */
#include <ctype.h>
#include <stddef.h>

#include "client_int.h"

/*
 * Debian's cmark 0.30.2 is quadratic in two ways that a client file can
 * trigger (both measured, and fixed upstream later):
 * - every blank line walks every open container, so one line that opens
 *   thousands of nested lists ("- - - - ... x") followed by thousands of
 *   blank lines takes 25 s for 120 KB;
 * - repeated "![[]()" (CVE-2023-22486) takes 11 s for 480 KB.
 * The guard bounds the nesting a line can open, the product of depth and
 * blank lines, and the number of image openers; bodies past a bound are
 * not handed to cmark.  Real notes stay far below (nesting 8-11, and
 * 4 MiB of notes with 50,000 blank lines is 9x under the budget).
 */
#define GUARD_MAX_NESTING	32
#define GUARD_BLANK_BUDGET	8000000
#define GUARD_MAX_IMAGES	5000

/*
 * The nesting a line's prefix can open: its block-quote and list markers
 * (each with the one space that belongs to it), plus one level per two
 * further columns of indentation.  A line without markers opens nothing.
 */
static int
line_nesting(const char *s, size_t len)
{
	size_t i = 0, k;
	int markers = 0, cols = 0;

	while (i < len) {
		if (s[i] == ' ') {
			cols++;
			i++;
			continue;
		}
		if (s[i] == '\t') {
			cols += 4;
			i++;
			continue;
		}
		k = i;
		if (s[i] == '>')
			k = i + 1;
		else if (s[i] == '-' || s[i] == '+' || s[i] == '*')
			k = (i + 1 == len || s[i + 1] == ' ' ||
			    s[i + 1] == '\t') ? i + 1 : i;
		else if (isdigit((unsigned char)s[i])) {
			for (k = i; k < len && k - i < 9 &&
			    isdigit((unsigned char)s[k]); k++)
				continue;
			k = (k < len && (s[k] == '.' || s[k] == ')') &&
			    (k + 1 == len || s[k + 1] == ' ' ||
			    s[k + 1] == '\t')) ? k + 1 : i;
		}
		if (k == i)
			break;
		markers++;
		i = k < len && s[k] == ' ' ? k + 1 : k;
	}
	return markers == 0 ? 0 : markers + cols / 2;
}

int
body_guard(struct client *c, const struct source *src, struct diags *d)
{
	size_t n, len, i, blanks = 0, images = 0;
	int worst = 0, worst_line = 0;

	for (n = c->body_line; n <= src->nlines; n++) {
		const char *s = source_line(src, n, &len);
		int est = line_nesting(s, len);

		if (est > GUARD_MAX_NESTING) {
			diag_msg(d, src->path, (int)n, 1, DIAG_ERROR,
			    "this line nests lists or quotes %d levels deep; "
			    "rapport reads at most %d: flatten it",
			    est, GUARD_MAX_NESTING);
			return -1;
		}
		if (est > worst) {
			worst = est;
			worst_line = (int)n;
		}
		for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '>'); i++)
			continue;
		if (i == len)
			blanks++;
		for (i = 0; i + 1 < len; i++)
			if (s[i] == '!' && s[i + 1] == '[')
				images++;
	}
	if (blanks * (size_t)(worst + 1) > GUARD_BLANK_BUDGET) {
		diag_msg(d, src->path, worst_line, 1, DIAG_ERROR,
		    "%zu blank lines after nesting %d levels deep would take "
		    "the Markdown parser minutes: flatten the nesting or "
		    "remove blank lines", blanks, worst);
		return -1;
	}
	if (images > GUARD_MAX_IMAGES) {
		diag_msg(d, src->path, (int)c->body_line, 1, DIAG_ERROR,
		    "%zu image links; rapport reads at most %d in one file: "
		    "move some to another file", images, GUARD_MAX_IMAGES);
		return -1;
	}
	return 0;
}
