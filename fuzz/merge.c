/*
 * merge.c: fuzzes the rapport merge with its properties (merge.h).  The
 * input is three texts, base, ours and theirs, split at the first two NUL
 * bytes (missing ones are empty).  For any three:
 *	- a side merged with itself is itself;
 *	- an unchanged side gives the other side, byte for byte;
 *	- a clean merge gives the same bytes with ours and theirs swapped,
 *	  but when both reordered, differently (ours' order is kept);
 *	- the result keeps every entry heading that ours or theirs added.
 * A broken property aborts, so that libFuzzer keeps the input.
 */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "common.h"
#include "merge.h"

static int
equal(const struct buf *b, const struct merge_text *t)
{
	return b->len == t->len && (t->len == 0 || memcmp(b->s, t->s,
	    t->len) == 0);
}

static int
run(enum merge_kind k, const struct merge_text *b, const struct merge_text *o,
    const struct merge_text *t, struct buf *out)
{
	buf_reset(out);
	return merge_file(k, b, o, t, out);
}

/* Whether [s, s + n) (no line end) is a line of text, blanks aside. */
static int
has_line(const struct buf *text, const char *s, size_t n)
{
	const char *p = text->s, *end = text->s + text->len;

	while (p != NULL && p + n <= end) {
		const char *nl;

		if (memcmp(p, s, n) == 0) {
			const char *q = p + n;

			/* Blanks at the end are no part of the heading. */
			while (q < end && (*q == ' ' || *q == '\t'))
				q++;
			if (q == end || *q == '\n' || *q == '\r')
				return 1;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl != NULL ? nl + 1 : NULL;
	}
	return 0;
}

/* Every "## DATE" line of side s that base lacks is in out. */
static int
keeps_added(const struct merge_text *base, const struct merge_text *s,
    const struct buf *out)
{
	struct buf b = { 0 };
	const char *p = s->s, *end = s->s + s->len;
	int ok = 1, code = 0;

	buf_putn(&b, base->s, base->len);
	while (ok && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (nl != NULL ? (size_t)(nl - p) : (size_t)(end - p));
		size_t m = n > 0 && p[n - 1] == '\r' ? n - 1 : n;

		if (m >= 3 && (memcmp(p, "```", 3) == 0 ||
		    memcmp(p, "~~~", 3) == 0))
			code = !code;
		/* Trailing blanks are the heading's, but not its key's. */
		while (m > 0 && (p[m - 1] == ' ' || p[m - 1] == '\t'))
			m--;
		if (!code && m > 3 && memcmp(p, "## ", 3) == 0 &&
		    entry_heading_is_dated(p + 3, m - 3) &&
		    memchr(p, '\0', m) == NULL && !has_line(&b, p, m) &&
		    !has_line(out, p, m))
			ok = 0;
		p = nl != NULL ? nl + 1 : end;
	}
	buf_free(&b);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *z1, *z2;
	struct merge_text t[3];
	struct buf out = { 0 }, swapped = { 0 };
	unsigned said;
	int k, c;

	z1 = memchr(s, '\0', size);
	z2 = z1 != NULL ? memchr(z1 + 1, '\0', size - (size_t)(z1 + 1 - s)) :
	    NULL;
	t[0].s = s;
	t[0].len = z1 != NULL ? (size_t)(z1 - s) : size;
	t[1].s = z1 != NULL ? z1 + 1 : s + size;
	t[1].len = z1 == NULL ? 0 : z2 != NULL ? (size_t)(z2 - z1 - 1) :
	    size - (size_t)(z1 + 1 - s);
	t[2].s = z2 != NULL ? z2 + 1 : s + size;
	t[2].len = z2 != NULL ? size - (size_t)(z2 + 1 - s) : 0;
	for (k = MERGE_CLIENT; k <= MERGE_INI; k++) {
		run(k, &t[0], &t[1], &t[1], &out);
		if (!equal(&out, &t[1]))
			abort();
		run(k, &t[0], &t[0], &t[2], &out);
		if (!equal(&out, &t[2]))
			abort();
		run(k, &t[0], &t[1], &t[0], &out);
		if (!equal(&out, &t[1]))
			abort();
		buf_reset(&out);
		c = merge_said(k, &t[0], &t[1], &t[2], &out, &said);
		if (c == 0 && !(said & MERGE_BOTH_REORDERED)) {
			buf_reset(&swapped);
			if (merge_file(k, &t[0], &t[2], &t[1], &swapped) != 0 ||
			    swapped.len != out.len || (out.len > 0 &&
			    memcmp(swapped.s, out.s, out.len) != 0))
				abort();
			if (k == MERGE_CLIENT && (!keeps_added(&t[0], &t[1],
			    &out) || !keeps_added(&t[0], &t[2], &out)))
				abort();
		}
	}
	buf_free(&out);
	buf_free(&swapped);
	return 0;
}
