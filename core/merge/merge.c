/*
 * merge.c: see merge.h.
 *
 * Each version is cut into lines (each with its own line end), then into
 * parts: the front-matter between its two "---" lines, the notes, and
 * one chunk per entry, from its heading to the next entry's.  Parts are
 * units with a key: an INI section by its name, a key by its name, an
 * entry by its heading; a unit's text is its lines.  Each unit is decided
 * on its own, three ways (decide), and only a unit both sides changed
 * differently is a conflict.  The front-matter is merge_ini.c's, the
 * entries merge_entries.c's, the notes merge_text.c's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "merge.h"
#include "merge_int.h"
#include "text.h"


/* ---- the lines of a side --------------------------------------------- */

static int
is_fence(const struct line *ln)
{
	size_t n = bare(ln);
	const char *s = ln->s;

	/* A byte-order mark may precede the first fence. */
	if (n >= 6 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
	}
	while (n > 3 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 3 && memcmp(s, "---", 3) == 0;
}

/* 2 when the first line ends in CRLF, 1 in LF, 0 when it has no end. */
static int
eol_kind(const struct lines *l)
{
	if (l->n == 0 || bare(&l->v[0]) == l->v[0].len)
		return 0;
	return bare(&l->v[0]) + 2 == l->v[0].len ? 2 : 1;
}

/*
 * The line end that new lines get: CRLF when the sides that have line
 * ends both use it, else LF; the same whichever side is ours.
 */
static const char *
eol_of(const struct lines *o, const struct lines *t)
{
	int a = eol_kind(o), b = eol_kind(t);

	return a != 1 && b != 1 && (a == 2 || b == 2) ? "\r\n" : "\n";
}

/* ---- client files: the parts ----------------------------------------- */

/* Whether the line is an entry's heading: "## " and a date, unindented. */
static int
is_entry(const struct line *ln)
{
	size_t n = bare(ln);

	return n > 3 && memcmp(ln->s, "##", 2) == 0 &&
	    (ln->s[2] == ' ' || ln->s[2] == '\t') &&
	    entry_heading_is_dated(ln->s + 3, n - 3);
}

/* Whether the line opens or closes a fenced code block. */
static int
is_code_fence(const struct line *ln)
{
	size_t i = 0, n = bare(ln);

	while (i < n && i < 3 && ln->s[i] == ' ')
		i++;
	return n - i >= 3 && (memcmp(ln->s + i, "```", 3) == 0 ||
	    memcmp(ln->s + i, "~~~", 3) == 0);
}

static int
by_date_then_place(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a;
	const struct unit *y = *(const struct unit *const *)b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->first > y->first) - (x->first < y->first);
}

/* Entries' date and order time, as the order of entries has them. */
static void
entry_order(struct side *sd)
{
	struct units *u = &sd->entries;
	struct pool pool = { NULL };
	struct unit **v;
	size_t i;
	int last = 0;

	for (i = 0; i < u->n; i++) {
		const struct line *h = &sd->l.v[u->v[i].first];
		struct entry e;
		size_t col;
		const char *why;

		if (entry_parse_heading(h->s + 3, bare(h) - 3, &e, &pool, &col,
		    &why) == 0) {
			u->v[i].date = e.date;
			u->v[i].minutes = e.minutes;
		} else {
			u->v[i].date = 0;
			u->v[i].minutes = -1;
		}
	}
	pool_free(&pool);
	/*
	 * An untimed entry takes the time of the nearest timed one of its
	 * date above it: walked date by date, each in file order.
	 */
	v = xcalloc(u->n + 1, sizeof(*v));
	for (i = 0; i < u->n; i++)
		v[i] = &u->v[i];
	qsort(v, u->n, sizeof(*v), by_date_then_place);
	for (i = 0; i < u->n; i++) {
		if (i == 0 || v[i]->date != v[i - 1]->date)
			last = 0;
		if (v[i]->minutes >= 0)
			last = v[i]->minutes;
		v[i]->at = v[i]->minutes >= 0 ? v[i]->minutes : last;
	}
	free(v);
}

static void
side_cut(struct side *sd, const struct merge_text *t, enum merge_kind kind)
{
	size_t i, close = 0, start = 0;
	int code = 0;

	memset(sd, 0, sizeof(*sd));
	lines_split(&sd->l, t->s != NULL ? t->s : "", t->s != NULL ? t->len :
	    0);
	sd->body_end = sd->l.n;
	if (kind == MERGE_INI) {
		sd->shaped = 1;
		sd->fm_end = sd->l.n;
		sd->notes_first = sd->notes_end = sd->l.n;
		units_index(&sd->entries);
		return;
	}
	if (sd->l.n > 0 && is_fence(&sd->l.v[0]))
		for (close = 1; close < sd->l.n; close++)
			if (is_fence(&sd->l.v[close]))
				break;
	sd->shaped = sd->l.n > 0 && close > 0 && close < sd->l.n;
	if (!sd->shaped) {
		units_index(&sd->entries);
		return;
	}
	sd->fm_first = 1;
	sd->fm_end = close;
	sd->notes_first = close + 1;
	sd->notes_end = sd->l.n;
	for (i = close + 1; i < sd->l.n; i++) {
		if (is_code_fence(&sd->l.v[i]))
			code = !code;
		if (code || !is_entry(&sd->l.v[i]))
			continue;
		if (sd->entries.n == 0)
			sd->notes_end = i;
		else
			sd->entries.v[sd->entries.n - 1].n = i - start;
		{
			const struct line *h = &sd->l.v[i];
			size_t n = bare(h);

			while (n > 0 && text_is_space((unsigned char)h->s[n - 1]))
				n--;
			unit_add(&sd->entries, h->s, n, i, 0);
		}
		start = i;
	}
	if (sd->entries.n > 0)
		sd->entries.v[sd->entries.n - 1].n = sd->l.n - start;
	/*
	 * The blank lines that end the notes are layout, before the first
	 * entry: the file's first entry adds one, and that is no edit of
	 * the notes.  They go with the entries' part.
	 */
	while (sd->notes_end > sd->notes_first &&
	    blank(&sd->l.v[sd->notes_end - 1]))
		sd->notes_end--;
	/* The blank lines between entries are no part of them. */
	for (i = 0; i < sd->entries.n; i++) {
		struct unit *u = &sd->entries.v[i];

		while (u->n > 1 && blank(&sd->l.v[u->first + u->n - 1]))
			u->n--;
	}
	entry_order(sd);
	units_index(&sd->entries);
}

static void
side_free(struct side *sd)
{
	free(sd->l.v);
	units_free(&sd->entries);
}

/* ---- the file -------------------------------------------------------- */

/*
 * A fence line, three ways (line bi of base, SIZE_MAX when base has
 * none); when all three differ (in their line ends, say) the smaller
 * bytes, so that the result does not depend on which side is ours.
 */
static void
put_fence(struct buf *out, const struct side *b, size_t bi,
    const struct side *o, size_t oi, const struct side *t, size_t ti,
    const char *eol)
{
	const struct line *bl = bi != SIZE_MAX ? &b->l.v[bi] : NULL;
	const struct line *ol = &o->l.v[oi], *tl = &t->l.v[ti], *pick;

#define EQ(x, y) ((x)->len == (y)->len && memcmp((x)->s, (y)->s, (x)->len) == 0)
	if (EQ(ol, tl) || (bl != NULL && EQ(bl, tl)))
		pick = ol;
	else if (bl != NULL && EQ(bl, ol))
		pick = tl;
	else
		pick = memcmp(ol->s, tl->s, ol->len < tl->len ? ol->len :
		    tl->len) < 0 || (memcmp(ol->s, tl->s, ol->len < tl->len ?
		    ol->len : tl->len) == 0 && ol->len < tl->len) ? ol : tl;
#undef EQ
	buf_putn(out, pick->s, pick->len);
	if (bare(pick) == pick->len)
		buf_puts(out, eol);
}

int
merge_file(enum merge_kind kind, const struct merge_text *base,
    const struct merge_text *ours, const struct merge_text *theirs,
    struct buf *out)
{
	return merge_said(kind, base, ours, theirs, out, NULL);
}

int
merge_said(enum merge_kind kind, const struct merge_text *base,
    const struct merge_text *ours, const struct merge_text *theirs,
    struct buf *out, unsigned *said)
{
	struct side b, o, t;
	const char *eol;
	int conflicts = 0;
	size_t bl = base->s ? base->len : 0, ol = ours->s ? ours->len : 0;
	size_t tl = theirs->s ? theirs->len : 0;

	if (said != NULL)
		*said = 0;
	/* One side unchanged, or both the same: no need to look inside. */
	if ((ol == tl && (ol == 0 || memcmp(ours->s, theirs->s, ol) == 0)) ||
	    (bl == tl && (bl == 0 || memcmp(base->s, theirs->s, bl) == 0))) {
		buf_putn(out, ours->s ? ours->s : "", ol);
		return 0;
	}
	if (bl == ol && (bl == 0 || memcmp(base->s, ours->s, bl) == 0)) {
		buf_putn(out, theirs->s ? theirs->s : "", tl);
		return 0;
	}
	side_cut(&b, base, kind);
	side_cut(&o, ours, kind);
	side_cut(&t, theirs, kind);
	eol = eol_of(&o.l, &t.l);
	if (!o.shaped || !t.shaped || (!b.shaped && b.l.n > 0)) {
		/* Not a client file on some side: the whole text, as text. */
		conflicts = merge_text(out, &b.l, 0, b.l.n, &o.l, 0, o.l.n,
		    &t.l, 0, t.l.n, 0, eol);
		goto done;
	}
	if (kind == MERGE_CLIENT) {
		put_fence(out, &b, b.shaped ? 0 : SIZE_MAX, &o, 0, &t, 0, eol);
		/* An empty base (added on both sides) has no front-matter. */
		if (!b.shaped)
			b.fm_first = b.fm_end = b.notes_first = b.notes_end = 0;
	}
	conflicts += merge_ini(out, &b.l, b.fm_first, b.fm_end, &o.l,
	    o.fm_first, o.fm_end, &t.l, t.fm_first, t.fm_end, eol, said);
	if (kind == MERGE_INI)
		goto done;
	put_fence(out, &b, b.shaped ? b.fm_end : SIZE_MAX, &o, o.fm_end, &t,
	    t.fm_end, eol);
	/* The notes, as text, as git merge-file merges them. */
	conflicts += merge_text(out, &b.l, b.notes_first, b.notes_end -
	    b.notes_first, &o.l, o.notes_first, o.notes_end - o.notes_first,
	    &t.l, t.notes_first, t.notes_end - t.notes_first, 0, eol);
	if (same_run(&o.l, o.notes_end, o.body_end - o.notes_end, &t.l,
	    t.notes_end, t.body_end - t.notes_end) ||
	    same_run(&b.l, b.notes_end, b.body_end - b.notes_end, &t.l,
	    t.notes_end, t.body_end - t.notes_end))
		put_run(out, &o.l, o.notes_end, o.body_end - o.notes_end, eol);
	else if (same_run(&b.l, b.notes_end, b.body_end - b.notes_end, &o.l,
	    o.notes_end, o.body_end - o.notes_end))
		put_run(out, &t.l, t.notes_end, t.body_end - t.notes_end, eol);
	else {
		const char *last = out->len > 0 ? out->s + out->len : NULL;
		int blank_before = last == NULL || (out->len >= 2 &&
		    last[-1] == '\n' && (last[-2] == '\n' || (out->len >= 3 &&
		    last[-2] == '\r' && last[-3] == '\n')));

		conflicts += merge_entries(out, &b, &o, &t, !blank_before,
		    eol, said);
	}
done:
	side_free(&b);
	side_free(&o);
	side_free(&t);
	return conflicts;
}

int
merge_marks(const char *s, size_t len, int *lines)
{
	size_t i;
	int n = 0, line = 1;

	for (i = 0; i < len; i++) {
		if ((i == 0 || s[i - 1] == '\n') && i + 8 <= len &&
		    memcmp(s + i, MARK_OURS " ", 8) == 0) {
			if (lines != NULL)
				lines[n] = line;
			n++;
		}
		line += s[i] == '\n';
	}
	return n;
}
