/*
 * tpl_compile.c: a Mustache template's source into nodes (tpl_int.h).
 *
 * A scanner finds each tag, reads its name and whether it stands alone
 * on its line; then a handler per kind of tag (the table kinds, as cmark's
 * parse_inline dispatches on a character) adds its node or changes the
 * scanner's state.  "Standalone" tags (a section, inverted section,
 * closing tag, comment, partial or delimiter change alone on its line)
 * take their whole line with them, as the specification wants; a
 * standalone partial keeps its line's indentation, which rendering adds
 * to every line of the partial.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl.h"
#include "tpl_int.h"
#include "util.h"

/* The compiler's state, from one tag to the next. */
struct scan {
	struct compiled		*c;
	const struct source_tpl	*st;
	struct diags		*d;
	const char		*s;		/* c->src */
	size_t			 len;
	char			 otag[16];	/* the delimiters: "{{", "}}" */
	char			 ctag[16];
	size_t			 olen, clen;
	size_t			 open[TPL_MAX_STACK];	/* open sections' nodes */
	size_t			 nopen;
};

/* One tag as read, "{{#name}}" at at. */
struct tag {
	size_t		 at;		/* its opening delimiter */
	char		 type;		/* its sigil, '\0' for a variable */
	size_t		 name, nend;	/* its name, blanks trimmed */
	size_t		 ls;		/* standalone: its line's start */
	size_t		 after;		/* what follows it (its line's end) */
	int		 standalone;
};

static void	scan_error(struct scan *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Reports a problem at byte off of the template's source. */
static void
scan_error(struct scan *sc, size_t off, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	size_t i;
	int line = 1, col = 1;

	for (i = 0; i < off; i++) {
		if (sc->s[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)sc->s[i] & 0xc0) != 0x80)
			col++;
	}
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_msg(sc->d, sc->st->path, line, col, DIAG_ERROR, "%s", msg);
	free(msg);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static struct node *
add_node(struct compiled *c, enum node_kind kind, const char *s, size_t len,
    size_t off)
{
	struct node *n;

	xgrow(&c->v, &c->cap, c->n + 1, sizeof(*c->v));
	n = &c->v[c->n++];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->s = s;
	n->len = len;
	n->off = off;
	if (kind != N_TEXT) {
		const char *dot = memchr(s, '.', len);

		n->hash = tpl_hash(s, dot ? (size_t)(dot - s) : len);
	}
	atomic_init(&n->part, NULL);
	return n;
}

/* Finds needle (nlen bytes) in s[from, len); returns its offset or len. */
static size_t
find(const char *s, size_t len, size_t from, const char *needle, size_t nlen)
{
	size_t i;

	for (i = from; i + nlen <= len; i++)
		if (memcmp(s + i, needle, nlen) == 0)
			return i;
	return len;
}

/* ---- the kinds of tag ------------------------------------------------ */

static int
tag_comment(struct scan *sc, const struct tag *t)
{
	(void)sc;
	(void)t;
	return 0;
}

/* "{{=<% %>=}}": two delimiters, blank-separated. */
static int
tag_delims(struct scan *sc, const struct tag *t)
{
	const char *s = sc->s;
	size_t a = t->name, b, e = t->nend;

	while (a < e && !is_blank(s[a]))
		a++;
	for (b = a; b < e && is_blank(s[b]); b++)
		continue;
	if (a == t->name || b == e || a - t->name >= sizeof(sc->otag) ||
	    e - b >= sizeof(sc->ctag) || memchr(s + b, ' ', e - b) != NULL ||
	    memchr(s + t->name, '=', a - t->name) != NULL) {
		scan_error(sc, t->at, "bad delimiter change: write "
		    "{{=<%% %%>=}} with two delimiters and no '=' or space in "
		    "them");
		return -1;
	}
	sc->olen = a - t->name;
	memcpy(sc->otag, s + t->name, sc->olen);
	sc->otag[sc->olen] = '\0';
	sc->clen = e - b;
	memcpy(sc->ctag, s + b, sc->clen);
	sc->ctag[sc->clen] = '\0';
	return 0;
}

static int
tag_open(struct scan *sc, const struct tag *t)
{
	if (sc->nopen == TPL_MAX_STACK) {
		scan_error(sc, t->at, "sections nest deeper than %d",
		    TPL_MAX_STACK);
		return -1;
	}
	sc->open[sc->nopen++] = sc->c->n;
	add_node(sc->c, t->type == '#' ? N_SECTION : N_INVERTED,
	    sc->s + t->name, t->nend - t->name, t->at);
	return 0;
}

static int
tag_close(struct scan *sc, const struct tag *t)
{
	size_t n = t->nend - t->name;
	const struct node *o = sc->nopen > 0 ?
	    &sc->c->v[sc->open[sc->nopen - 1]] : NULL;

	if (o == NULL) {
		scan_error(sc, t->at, "'%.*s' closes a section that was never "
		    "opened", (int)n, sc->s + t->name);
		return -1;
	}
	if (o->len != n || memcmp(o->s, sc->s + t->name, n) != 0) {
		scan_error(sc, t->at, "'%.*s' closes section '%.*s': close "
		    "that one first", (int)n, sc->s + t->name, (int)o->len,
		    o->s);
		return -1;
	}
	sc->c->v[sc->open[--sc->nopen]].end = sc->c->n;
	add_node(sc->c, N_CLOSE, sc->s + t->name, n, t->at);
	return 0;
}

static int
tag_partial(struct scan *sc, const struct tag *t)
{
	struct node *n = add_node(sc->c, N_PARTIAL, sc->s + t->name,
	    t->nend - t->name, t->at);

	n->indent = t->standalone ? xstrndup(sc->s + t->ls, t->at - t->ls) :
	    xstrdup("");
	return 0;
}

static int
tag_var(struct scan *sc, const struct tag *t)
{
	add_node(sc->c, t->type == '\0' ? N_VAR : N_RAW, sc->s + t->name,
	    t->nend - t->name, t->at);
	return 0;
}

/*
 * One row per sigil; the last, '\0', is a variable's (no sigil).  Tags
 * that may stand alone on their line take it with them.
 */
static const struct {
	char	 sigil;
	int	 may_stand_alone;
	int	(*fn)(struct scan *, const struct tag *);
} kinds[] = {
	{ '!', 1, tag_comment },
	{ '=', 1, tag_delims },
	{ '#', 1, tag_open },
	{ '^', 1, tag_open },
	{ '/', 1, tag_close },
	{ '>', 1, tag_partial },
	{ '{', 0, tag_var },		/* {{{x}}}: unescaped */
	{ '&', 0, tag_var },		/* {{&x}}: unescaped */
	{ '\0', 0, tag_var }		/* {{x}}: escaped */
};
_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == 9,
    "one row per Mustache sigil, the variable's last");

static size_t
kind_of(char c)
{
	size_t k;

	for (k = 0; kinds[k].sigil != '\0' && kinds[k].sigil != c; k++)
		continue;
	return k;
}

/* ---- the scanner ----------------------------------------------------- */

/*
 * Reads the tag whose opening delimiter is at at into t, of kind *k; a
 * standalone tag's blanks before it are taken from the text node before.
 * Returns 0, or -1 (reported) when it is never closed.
 */
static int
scan_tag(struct scan *sc, size_t at, struct tag *t, size_t *k)
{
	const char *s = sc->s;
	size_t len = sc->len, tag = at + sc->olen, close_at, q;
	struct compiled *c = sc->c;

	memset(t, 0, sizeof(*t));
	t->at = at;
	*k = kind_of(tag < len ? s[tag] : '\0');
	t->type = kinds[*k].sigil;
	if (t->type == '{' || t->type == '=') {
		/* "{{{x}}}" and "{{=a b=}}" close with their sigil too. */
		char tclose[17];

		snprintf(tclose, sizeof(tclose), "%c%s",
		    t->type == '{' ? '}' : '=', sc->ctag);
		close_at = find(s, len, tag + 1, tclose, sc->clen + 1);
		t->after = close_at + sc->clen + 1;
	} else {
		close_at = find(s, len, tag, sc->ctag, sc->clen);
		t->after = close_at + sc->clen;
	}
	if (close_at == len) {
		scan_error(sc, at, "tag '%s' is not closed: end it with '%s'",
		    sc->otag, sc->ctag);
		return -1;
	}
	t->name = tag + (t->type != '\0');
	t->nend = close_at;
	while (t->name < t->nend && is_blank(s[t->name]))
		t->name++;
	while (t->nend > t->name && is_blank(s[t->nend - 1]))
		t->nend--;

	/* Standalone: only blanks on the line around the tag. */
	t->ls = at;
	if (!kinds[*k].may_stand_alone)
		return 0;
	while (t->ls > 0 && is_blank(s[t->ls - 1]))
		t->ls--;
	for (q = t->after; q < len && is_blank(s[q]); q++)
		continue;
	if ((t->ls == 0 || s[t->ls - 1] == '\n') && (q == len ||
	    s[q] == '\n' || (s[q] == '\r' && q + 1 < len && s[q + 1] == '\n'))) {
		t->standalone = 1;
		/* The blanks before belong to the tag's line. */
		if (c->n > 0 && c->v[c->n - 1].kind == N_TEXT && t->ls < at) {
			c->v[c->n - 1].len -= at - t->ls;
			if (c->v[c->n - 1].len == 0)
				c->n--;
		}
		t->after = q == len ? q : s[q] == '\r' ? q + 2 : q + 1;
	} else
		t->ls = at;
	return 0;
}

int
tpl_compile(struct compiled *c, const struct source_tpl *st, struct diags *d)
{
	struct scan sc;
	struct tag t;
	size_t p = 0, at, k;

	memset(&sc, 0, sizeof(sc));
	sc.c = c;
	sc.st = st;
	sc.d = d;
	sc.s = c->src;
	sc.len = c->srclen;
	memcpy(sc.otag, "{{", 3);
	memcpy(sc.ctag, "}}", 3);
	sc.olen = sc.clen = 2;
	while (p < sc.len) {
		at = find(sc.s, sc.len, p, sc.otag, sc.olen);
		if (at > p)
			add_node(c, N_TEXT, sc.s + p, at - p, p);
		if (at == sc.len)
			break;
		if (scan_tag(&sc, at, &t, &k) == -1 || kinds[k].fn(&sc, &t) == -1)
			return -1;
		p = t.after;
	}
	if (sc.nopen > 0) {
		const struct node *o = &c->v[sc.open[sc.nopen - 1]];

		scan_error(&sc, o->off, "section '%.*s' is never closed: add "
		    "{{/%.*s}}", (int)o->len, o->s, (int)o->len, o->s);
		return -1;
	}
	return 0;
}

char *
tpl_indented(const struct source_tpl *st, const char *indent, size_t *outlen)
{
	struct buf b = { 0 };
	size_t i, start = 0;

	for (i = 0; i < st->len; i++)
		if (st->text[i] == '\n') {
			if (*indent != '\0')
				buf_puts(&b, indent);
			buf_putn(&b, st->text + start, i + 1 - start);
			start = i + 1;
		}
	if (start < st->len) {
		buf_puts(&b, indent);
		buf_putn(&b, st->text + start, st->len - start);
	}
	*outlen = b.len;
	return buf_detach(&b);
}
