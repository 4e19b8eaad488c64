/*
 * conflict.c: what a conflict is about (see conflict.h).
 *
 * The marked region is read as lines: ours from the line after
 * "<<<<<<<" to "|||||||" or "=======", theirs from "=======" to
 * ">>>>>>>".  Only the shape of the lines is read (key = value, "## "
 * headings), so the same reading serves a client file and rapport.ini,
 * a merge's output and a file a person left half resolved.
 */
#include <string.h>

#include "conflict.h"

/* A value or heading longer than this is cut, with "...". */
#define SHOWN_MAX	60

struct side {
	const char	*s;		/* first line */
	const char	*end;		/* after the last line's newline */
	size_t		 nlines;
	const char	*label;		/* after the marker, up to the line end */
	size_t		 labellen;
};

/* The line at p: its length without the line end; *next after it. */
static size_t
line_at(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t n = (size_t)((nl != NULL ? nl : end) - p);

	*next = nl != NULL ? nl + 1 : end;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	return n;
}

int
conflict_marker(const char *p, size_t n, char c)
{
	size_t i;

	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n < 7)
		return 0;
	for (i = 0; i < 7; i++)
		if (p[i] != c)
			return 0;
	/* "=======" stands alone; the others may carry a label. */
	return n == 7 || (c != '=' && p[7] == ' ');
}

/* The label a marker line carries ("ours"), as a side's. */
static void
label_of(struct side *sd, const char *p, size_t n)
{
	sd->label = n > 8 ? p + 8 : "";
	sd->labellen = n > 8 ? n - 8 : 0;
}

/*
 * Splits the conflict at p into its two sides.  0, or -1 when the
 * markers are not all there, in order.
 */
static int
split(const char *p, const char *end, struct side *o, struct side *t)
{
	const char *next;
	size_t n = line_at(p, end, &next);
	int in = 0;		/* 0 ours, 1 base (diff3), 2 theirs */

	if (!conflict_marker(p, n, '<'))
		return -1;
	label_of(o, p, n);
	o->s = next;
	o->nlines = t->nlines = 0;
	for (p = next; p < end; p = next) {
		n = line_at(p, end, &next);
		if (in < 2 && (conflict_marker(p, n, '|') || conflict_marker(p, n, '='))) {
			if (in == 0)
				o->end = p;
			if (conflict_marker(p, n, '=')) {
				t->s = next;
				in = 2;
			} else
				in = 1;
		} else if (in == 2 && conflict_marker(p, n, '>')) {
			t->end = p;
			label_of(t, p, n);
			return 0;
		} else if (in == 0)
			o->nlines++;
		else if (in == 2)
			t->nlines++;
	}
	return -1;
}

/*
 * The key and value of the side's one line "key = value ; comment",
 * pointing into it; 0, or -1 when the side is not one such line.
 */
static int
key_line(const struct side *sd, const char **key, size_t *klen,
    const char **val, size_t *vlen)
{
	const char *next, *eq, *p = sd->s;
	size_t n, i;

	if (sd->nlines != 1)
		return -1;
	n = line_at(p, sd->end, &next);
	if ((eq = memchr(p, '=', n)) == NULL || eq == p || *p == ' ' ||
	    *p == '\t' || *p == ';' || *p == '#' || *p == '[')
		return -1;
	*key = p;
	for (*klen = (size_t)(eq - p); *klen > 0 && (p[*klen - 1] == ' ' ||
	    p[*klen - 1] == '\t'); --*klen)
		continue;
	for (eq++; eq < p + n && (*eq == ' ' || *eq == '\t'); eq++)
		continue;
	*val = eq;
	*vlen = (size_t)(p + n - eq);
	/* An inline comment is whitespace and ';' (as inih reads it). */
	for (i = 0; i + 1 < *vlen; i++)
		if ((eq[i] == ' ' || eq[i] == '\t') && eq[i + 1] == ';') {
			*vlen = i;
			break;
		}
	while (*vlen > 0 && (eq[*vlen - 1] == ' ' || eq[*vlen - 1] == '\t'))
		--*vlen;
	return 0;
}

/* Whether the side begins with a front-matter's "---": a whole file. */
static int
starts_file(const struct side *sd)
{
	const char *next;
	size_t n = line_at(sd->s, sd->end, &next);

	return sd->nlines > 0 && n == 3 && memcmp(sd->s, "---", 3) == 0;
}

/* The first "## " heading of a side, without the hashes; or NULL. */
static const char *
heading(const struct side *sd, size_t *hlen)
{
	const char *p, *next;
	size_t n;

	for (p = sd->s; p < sd->end; p = next) {
		n = line_at(p, sd->end, &next);
		if (n > 3 && memcmp(p, "## ", 3) == 0) {
			*hlen = n - 3;
			return p + 3;
		}
	}
	return NULL;
}

/* s (n bytes), quoted, cut at SHOWN_MAX bytes without splitting UTF-8. */
static void
put_shown(struct buf *out, const char *s, size_t n, int quote)
{
	size_t k = n;

	if (k > SHOWN_MAX) {
		k = SHOWN_MAX;
		while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
	}
	if (quote)
		buf_putc(out, '\'');
	buf_putn(out, s, k);
	if (k < n)
		buf_puts(out, "...");
	if (quote)
		buf_putc(out, '\'');
}

/* "here", or "in " and the marker's label. */
static void
put_side(struct buf *out, const char *phrase, const struct side *sd)
{
	if (phrase != NULL)
		buf_puts(out, phrase);
	else {
		buf_puts(out, "in ");
		if (sd->labellen > 0)
			buf_putn(out, sd->label, sd->labellen);
		else
			buf_puts(out, "one side");
	}
}

int
conflict_describe(const char *text, size_t len, size_t at, const char *ours,
    const char *theirs, struct buf *out)
{
	struct side o, t;
	const char *k[2], *v[2], *h[2];
	size_t kl[2], vl[2], hl[2];
	int has[2];

	if (at >= len || split(text + at, text + len, &o, &t) == -1)
		return -1;
	has[0] = key_line(&o, &k[0], &kl[0], &v[0], &vl[0]) == 0;
	has[1] = key_line(&t, &k[1], &kl[1], &v[1], &vl[1]) == 0;
	if ((has[0] || o.nlines == 0) && (has[1] || t.nlines == 0) &&
	    (has[0] || has[1]) && (!has[0] || !has[1] || (kl[0] == kl[1] &&
	    memcmp(k[0], k[1], kl[0]) == 0))) {
		int i = has[0] ? 0 : 1;

		put_shown(out, k[i], kl[i], 1);
		buf_puts(out, " is ");
		if (has[0])
			put_shown(out, v[0], vl[0], 0);
		else
			buf_puts(out, "removed");
		buf_putc(out, ' ');
		put_side(out, ours, &o);
		buf_puts(out, " and ");
		if (has[1])
			put_shown(out, v[1], vl[1], 0);
		else
			buf_puts(out, "removed");
		buf_putc(out, ' ');
		put_side(out, theirs, &t);
		return 0;
	}
	/* A whole file on one side, nothing on the other: removed there. */
	if ((o.nlines == 0) != (t.nlines == 0) && starts_file(o.nlines > 0 ?
	    &o : &t)) {
		buf_puts(out, "the file is changed ");
		put_side(out, o.nlines > 0 ? ours : theirs, o.nlines > 0 ?
		    &o : &t);
		buf_puts(out, " and removed ");
		put_side(out, o.nlines > 0 ? theirs : ours, o.nlines > 0 ?
		    &t : &o);
		return 0;
	}
	h[0] = heading(&o, &hl[0]);
	h[1] = heading(&t, &hl[1]);
	if (h[0] != NULL || h[1] != NULL) {
		int i = h[0] != NULL ? 0 : 1;

		buf_puts(out, "the entry ");
		put_shown(out, h[i], hl[i], 1);
		if (o.nlines > 0 && t.nlines > 0) {
			buf_puts(out, " differs ");
			put_side(out, ours, &o);
			buf_puts(out, " and ");
			put_side(out, theirs, &t);
		} else {
			buf_puts(out, " is changed ");
			put_side(out, i == 0 ? ours : theirs, i == 0 ? &o : &t);
			buf_puts(out, " and removed ");
			put_side(out, i == 0 ? theirs : ours, i == 0 ? &t : &o);
		}
		return 0;
	}
	buf_printf(out, "%zu line%s ", o.nlines, o.nlines == 1 ? "" : "s");
	put_side(out, ours, &o);
	buf_printf(out, " and %zu ", t.nlines);
	put_side(out, theirs, &t);
	buf_puts(out, " differ");
	return 0;
}
