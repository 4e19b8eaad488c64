/*
 * merge.c: see merge.h.
 *
 * Each version is cut into lines (each with its own line end), then into
 * parts: the front-matter between its two "---" lines, the notes, and
 * one chunk per entry, from its heading to the next entry's.  Parts are
 * units with a key: an INI section by its name, a key by its name, an
 * entry by its heading; a unit's text is its lines.  Each unit is decided
 * on its own, three ways (decide), and only a unit both sides changed
 * differently is a conflict.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "hmap.h"
#include "merge.h"
#include "merge_int.h"
#include "text.h"

/* One version, cut. */
struct side {
	struct lines	 l;
	int		 shaped;	/* has front-matter */
	size_t		 fm_first, fm_end;	/* between the fences */
	size_t		 notes_first, notes_end;
	size_t		 body_end;	/* end of the entries: l.n */
	struct units	 entries;
};

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

/* ---- entries --------------------------------------------------------- */

/* One entry of the result: a side's chunk, or a conflict of two. */
struct outent {
	const struct lines	*l;	/* the chunk that sets the order */
	const struct unit	*u;
	const struct unit	*o, *t;	/* a conflict's sides; else NULL */
	char			*text;	/* both sides' changes, merged */
	size_t			 rank;	/* in the order of reference */
	date_t			 date;	/* where it goes (keep_order) */
	int			 at;
};

static int
rank_cmp(const void *a, const void *b)
{
	const struct outent *x = a, *y = b;

	return (x->rank > y->rank) - (x->rank < y->rank);
}

/* Lines of the chunk without its trailing blank lines. */
static size_t
trimmed(const struct lines *l, const struct unit *u)
{
	size_t n = u->n;

	while (n > 1 && blank(&l->v[u->first + n - 1]))
		n--;
	return n;
}

/* The bytes of two entries, line by line. */
static int
bytes_cmp(const struct outent *x, const struct outent *y)
{
	size_t i, nx, ny;

	nx = trimmed(x->l, x->u);
	ny = trimmed(y->l, y->u);
	for (i = 0; i < nx && i < ny; i++) {
		const struct line *p = &x->l->v[x->u->first + i];
		const struct line *q = &y->l->v[y->u->first + i];
		size_t lp = bare(p), lq = bare(q);
		int c = memcmp(p->s, q->s, lp < lq ? lp : lq);

		if (c != 0)
			return c;
		if (lp != lq)
			return lp < lq ? -1 : 1;
	}
	return (nx > ny) - (nx < ny);
}

static int
outent_cmp(const void *a, const void *b)
{
	const struct outent *x = a, *y = b;

	if (x->u->date != y->u->date)
		return x->u->date < y->u->date ? -1 : 1;
	if (x->u->at != y->u->at)
		return x->u->at < y->u->at ? -1 : 1;
	/* Ties by the bytes of the entry, line by line. */
	return bytes_cmp(x, y);
}

/*
 * An entry both sides changed, merged as text with its list items a set
 * (merge_text): the merged lines, allocated, or NULL when a conflict is
 * left.  bu NULL: both added it, from nothing.
 */
static char *
entry_text(const struct side *b, const struct unit *bu, const struct side *o,
    const struct unit *ou, const struct side *t, const struct unit *tu,
    const char *eol)
{
	struct buf m = { 0 };

	if (merge_text(&m, &b->l, bu != NULL ? bu->first : 0, bu != NULL ?
	    trimmed(&b->l, bu) : 0, &o->l, ou->first, trimmed(&o->l, ou),
	    &t->l, tu->first, trimmed(&t->l, tu), 1, eol) > 0) {
		buf_free(&m);
		return NULL;
	}
	return m.s != NULL ? buf_detach(&m) : xstrdup("");
}

/*
 * The mark of the message an entry was imported from ("message-id: <...>"
 * or "message-hash: ...", as import-mail writes it on a line of its own),
 * pointing into its lines; NULL when it has none.
 */
static const char *
entry_mark(const struct outent *e, size_t *len)
{
	const char *s, *end, *nl;

	if (e->text != NULL) {
		s = e->text;
		end = s + strlen(s);
	} else {
		s = e->l->v[e->u->first].s;
		end = e->l->v[e->u->first + e->u->n - 1].s +
		    e->l->v[e->u->first + e->u->n - 1].len;
	}
	for (; s < end; s = nl + 1) {
		size_t n;

		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		n = (size_t)(nl - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n > 9 && memcmp(s, "<!-- ", 5) == 0 &&
		    memcmp(s + n - 4, " -->", 4) == 0 &&
		    (strncmp(s + 5, "message-id: <", 13) == 0 ||
		    strncmp(s + 5, "message-hash: ", 14) == 0)) {
			*len = n - 9;
			return s + 5;
		}
		if (nl == end)
			break;
	}
	return NULL;
}

/*
 * Two entries of one message (imported by two people, say) are one: of
 * entries v[0, n) in the order of entries, the first of each message is
 * kept, the earliest heading; a conflict is never dropped.  Returns how
 * many are left.
 */
static size_t
one_per_message(struct outent *v, size_t n)
{
	struct hmap seen = { 0 };
	size_t i, k = 0, len, cur, *at, mlen;
	const char *m, *other;

	for (i = 0; i < n; i++) {
		int dup = 0;

		if (v[i].o == NULL && v[i].t == NULL &&
		    (m = entry_mark(&v[i], &len)) != NULL) {
			cur = 0;
			while ((at = hmap_next(&seen, hash64(m, len, 0), &cur)) !=
			    NULL)
				if ((other = entry_mark(&v[*at], &mlen)) != NULL &&
				    mlen == len && memcmp(other, m, len) == 0)
					dup = 1;
			if (!dup)
				hmap_put(&seen, hash64(m, len, 0), k);
		}
		if (dup) {
			free(v[i].text);
			continue;
		}
		v[k++] = v[i];
	}
	hmap_free(&seen);
	return k;
}

/* Where entries go, by day and time alone: <0, 0, >0. */
static int
when_cmp(const struct outent *x, const struct outent *y)
{
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->at > y->at) - (x->at < y->at);
}

/* New entries, by where they go, then by their bytes. */
static int
new_cmp(const void *a, const void *b)
{
	int c = when_cmp(a, b);

	return c != 0 ? c : bytes_cmp(a, b);
}

/*
 * Puts v[0, n) (in the order of entries) in the order the file keeps:
 * base's entries in the order of reference (order_ref: base's, or the
 * one a side gave them on purpose), each new entry placed by its day and
 * time among them, the way they run (newest first when they run so).
 */
static void
keep_order(struct outent *v, size_t n, const struct side *b,
    const struct side *o, const struct side *t, unsigned *said)
{
	int by;
	size_t *ref = order_ref(&b->entries, &o->entries, &t->entries, said,
	    &by);
	size_t *rank = xcalloc(b->entries.n + 1, sizeof(*rank));
	struct outent *old = xcalloc(n + 1, sizeof(*old));
	struct outent *add = xcalloc(n + 1, sizeof(*add));
	size_t i, j, k, nold = 0, nadd = 0;
	int desc = 0, asc = 0;

	for (i = 0; i < b->entries.n; i++)
		rank[ref[i]] = i;
	for (i = 0; i < n; i++) {
		const struct unit *in = units_find(&b->entries, v[i].u->key);

		/*
		 * Base's entries go by base's day and time, a new one by its
		 * side's; one both added by the earlier of their two: the
		 * time an untimed entry borrows from the timed one above it
		 * may differ from side to side.
		 */
		if (in != NULL) {
			old[nold] = v[i];
			old[nold].date = in->date;
			old[nold].at = in->at;
			old[nold++].rank = rank[in - b->entries.v];
		} else {
			const struct unit *ou = units_find(&o->entries,
			    v[i].u->key), *tu = units_find(&t->entries,
			    v[i].u->key);

			add[nadd] = v[i];
			add[nadd].date = v[i].u->date;
			add[nadd].at = v[i].u->at;
			if (ou != NULL && tu != NULL)
				add[nadd].at = ou->at < tu->at ? ou->at : tu->at;
			nadd++;
		}
	}
	qsort(old, nold, sizeof(*old), rank_cmp);
	qsort(add, nadd, sizeof(*add), new_cmp);
	for (i = 1; i < nold; i++) {
		int c = when_cmp(&old[i - 1], &old[i]);

		asc |= c < 0;
		desc |= c > 0;
	}
	desc = desc && !asc;
	/* New ones, in the way the file runs: after their equals. */
	for (i = 0, j = 0, k = 0; k < n; k++) {
		size_t a = desc ? nadd - 1 - j : j;

		if (j < nadd && (i == nold || (desc ?
		    when_cmp(&old[i], &add[a]) < 0 :
		    when_cmp(&old[i], &add[a]) > 0))) {
			v[k] = add[a];
			j++;
		} else
			v[k] = old[i++];
	}
	free(ref);
	free(rank);
	free(old);
	free(add);
}

static int
merge_entries(struct buf *out, const struct side *b, const struct side *o,
    const struct side *t, int after_notes, const char *eol, unsigned *said)
{
	const struct side *sides[3] = { b, o, t };
	struct outent *v;
	size_t n = 0, i, s;
	int conflicts = 0;

	v = xcalloc(b->entries.n + o->entries.n + t->entries.n + 1,
	    sizeof(*v));
	/* Every key once: ours' and theirs', then base's (removed ones). */
	for (s = 0; s < 3; s++) {
		const struct units *u = &sides[s]->entries;

		for (i = 0; i < u->n; i++) {
			const char *key = u->v[i].key;
			const struct unit *bu = units_find(&b->entries, key);
			const struct unit *ou = units_find(&o->entries, key);
			const struct unit *tu = units_find(&t->entries, key);

			/* Each key is decided where it is first seen. */
			if ((s == 0 && (ou != NULL || tu != NULL)) ||
			    (s == 2 && ou != NULL))
				continue;
			switch (decide(&b->l, bu, &o->l, ou, &t->l, tu)) {
			case TAKE_NONE:
				break;
			case TAKE_OURS:
				v[n].l = &o->l;
				v[n++].u = ou;
				break;
			case TAKE_THEIRS:
				v[n].l = &t->l;
				v[n++].u = tu;
				break;
			case TAKE_CONFLICT:
				v[n].l = ou != NULL ? &o->l : &t->l;
				v[n].u = ou != NULL ? ou : tu;
				/* Changed two ways: merged as text, if it can. */
				if (ou != NULL && tu != NULL &&
				    (v[n].text = entry_text(b, bu, o, ou, t, tu,
				    eol)) != NULL) {
					n++;
					break;
				}
				v[n].o = ou;
				v[n++].t = tu;
				conflicts++;
			}
		}
	}
	qsort(v, n, sizeof(*v), outent_cmp);
	n = one_per_message(v, n);
	keep_order(v, n, b, o, t, said);
	for (i = 0; i < n; i++) {
		if (i > 0 || after_notes)
			buf_puts(out, eol);
		if (v[i].text != NULL)
			buf_puts(out, v[i].text);
		else if (v[i].o == NULL && v[i].t == NULL)
			put_run(out, v[i].l, v[i].u->first, trimmed(v[i].l,
			    v[i].u), eol);
		else
			put_conflict(out, &o->l, v[i].o ? v[i].o->first : 0,
			    v[i].o ? trimmed(&o->l, v[i].o) : 0, &t->l,
			    v[i].t ? v[i].t->first : 0,
			    v[i].t ? trimmed(&t->l, v[i].t) : 0, eol);
	}
	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
	return conflicts;
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
