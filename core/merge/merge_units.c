/*
 * merge_units.c: lines, units, the three-way rule and the order of
 * added units, for the rapport merge (merge_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "merge_int.h"
#include "text.h"

/* ---- lines ----------------------------------------------------------- */

void
lines_split(struct lines *l, const char *s, size_t len)
{
	size_t i = 0;

	memset(l, 0, sizeof(*l));
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl != NULL ? (size_t)(nl - s) + 1 : len;

		xgrow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
		l->v[l->n].s = s + i;
		l->v[l->n++].len = e - i;
		i = e;
	}
}

/* The line's text without its line end. */
size_t
bare(const struct line *ln)
{
	size_t n = ln->len;

	if (n > 0 && ln->s[n - 1] == '\n')
		n--;
	if (n > 0 && ln->s[n - 1] == '\r')
		n--;
	return n;
}

int
blank(const struct line *ln)
{
	size_t i, n = bare(ln);

	for (i = 0; i < n; i++)
		if (!text_is_space((unsigned char)ln->s[i]))
			return 0;
	return 1;
}

int
same_run(const struct lines *a, size_t af, size_t an, const struct lines *b,
    size_t bf, size_t bn)
{
	size_t i;

	if (an != bn)
		return 0;
	for (i = 0; i < an; i++)
		if (a->v[af + i].len != b->v[bf + i].len ||
		    memcmp(a->v[af + i].s, b->v[bf + i].s, a->v[af + i].len))
			return 0;
	return 1;
}

/* Appends lines [f, f + n), the last one ended if it is not. */
void
put_run(struct buf *out, const struct lines *l, size_t f, size_t n,
    const char *eol)
{
	size_t i;

	for (i = f; i < f + n; i++)
		buf_putn(out, l->v[i].s, l->v[i].len);
	if (n > 0 && bare(&l->v[f + n - 1]) == l->v[f + n - 1].len)
		buf_puts(out, eol);
}

/* A conflict: ours' lines and theirs', between git's markers. */
void
put_conflict(struct buf *out, const struct lines *o, size_t of, size_t on,
    const struct lines *t, size_t tf, size_t tn, const char *eol)
{
	buf_printf(out, "%s%s", MARK_OURS, eol);
	put_run(out, o, of, on, eol);
	buf_printf(out, "%s%s", MARK_SPLIT, eol);
	put_run(out, t, tf, tn, eol);
	buf_printf(out, "%s%s", MARK_THEIRS, eol);
}

/* ---- units ----------------------------------------------------------- */

void
unit_add(struct units *u, const char *key, size_t klen, size_t first,
    size_t n)
{
	struct unit *x;

	xgrow(&u->v, &u->cap, u->n + 1, sizeof(*u->v));
	x = &u->v[u->n++];
	memset(x, 0, sizeof(*x));
	x->key = xstrndup(key, klen);
	x->first = first;
	x->n = n;
	x->at = -1;
}

static int
unit_ptr_cmp(const void *a, const void *b)
{
	const struct unit *x = *(const struct unit *const *)a;
	const struct unit *y = *(const struct unit *const *)b;
	int c = strcmp(x->key, y->key);

	return c != 0 ? c : (x->first > y->first) - (x->first < y->first);
}

/*
 * Makes keys unique (a key's second and later units, in file order, get
 * "\nN": no key holds a line end) and indexes them for units_find.
 */
void
units_index(struct units *u)
{
	size_t i, start = 0, run = 0;

	u->sorted = xcalloc(u->n + 1, sizeof(*u->sorted));
	for (i = 0; i < u->n; i++)
		u->sorted[i] = &u->v[i];
	qsort(u->sorted, u->n, sizeof(*u->sorted), unit_ptr_cmp);
	for (i = 1; i < u->n; i++) {
		char *k;

		/* sorted[start] keeps its key: the run's first. */
		if (strcmp(u->sorted[i]->key, u->sorted[start]->key) != 0) {
			start = i;
			run = 0;
			continue;
		}
		k = xasprintf("%s\n%zu", u->sorted[i]->key, ++run);
		free(u->sorted[i]->key);
		u->sorted[i]->key = k;
	}
	qsort(u->sorted, u->n, sizeof(*u->sorted), unit_ptr_cmp);
}

struct unit *
units_find(const struct units *u, const char *key)
{
	size_t lo = 0, hi = u->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(u->sorted[mid]->key, key);

		if (c == 0)
			return u->sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void
units_free(struct units *u)
{
	size_t i;

	for (i = 0; i < u->n; i++)
		free(u->v[i].key);
	free(u->v);
	free(u->sorted);
	memset(u, 0, sizeof(*u));
}

/*
 * A unit's lines without the blank lines at its end: those are layout
 * (the blank line before the next section moves with a moved section),
 * not what the unit says.
 */
static size_t
content(const struct lines *l, const struct unit *u)
{
	size_t n = u->n;

	while (n > 0 && blank(&l->v[u->first + n - 1]))
		n--;
	return n;
}

/* The three-way rule, for any unit (NULL: not on that side). */
enum verdict
decide(const struct lines *bl, const struct unit *b, const struct lines *ol,
    const struct unit *o, const struct lines *tl, const struct unit *t)
{
#define SAME(xl, x, yl, y) ((x) == NULL ? (y) == NULL : (y) != NULL && \
	same_run(xl, (x)->first, content(xl, x), yl, (y)->first, \
	content(yl, y)))

	if (SAME(ol, o, tl, t))
		return o != NULL ? TAKE_OURS : TAKE_NONE;
	if (SAME(bl, b, ol, o))
		return t != NULL ? TAKE_THEIRS : TAKE_NONE;
	if (SAME(bl, b, tl, t))
		return o != NULL ? TAKE_OURS : TAKE_NONE;
	return TAKE_CONFLICT;
#undef SAME
}

/* A unit a side added, and the unit of base it follows on that side. */
struct added {
	size_t		 anchor;	/* 0: the start; a: base unit a - 1 */
	size_t		 idx;		/* in the side's units */
};

static int
added_cmp(const void *a, const void *b)
{
	const struct added *x = a, *y = b;

	if (x->anchor != y->anchor)
		return x->anchor < y->anchor ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/* Whether side u has base's units that it kept in base's order. */
static int
in_base_order(const struct units *b, const struct units *u)
{
	size_t i, last = 0;
	int any = 0;

	for (i = 0; i < u->n; i++) {
		const struct unit *in = units_find(b, u->v[i].key);

		if (in == NULL)
			continue;
		if (any && (size_t)(in - b->v) < last)
			return 0;
		last = (size_t)(in - b->v);
		any = 1;
	}
	return 1;
}

/*
 * Base's units in the order of side u, into ref (indexes into b->v):
 * those u kept in u's order, each that u removed right after the unit
 * that precedes it in base (a linked list, so that it is linear).
 */
static void
side_order(const struct units *b, const struct units *u, size_t *ref)
{
	size_t *next = xcalloc(b->n + 2, sizeof(*next)), head = SIZE_MAX;
	unsigned char *kept = xcalloc(b->n + 1, 1);
	size_t i, a, tail = SIZE_MAX, n = 0;

	for (i = 0; i < b->n + 2; i++)
		next[i] = SIZE_MAX;
	for (i = 0; i < u->n; i++) {
		const struct unit *in = units_find(b, u->v[i].key);

		if (in == NULL)
			continue;
		a = (size_t)(in - b->v);
		kept[a] = 1;
		if (tail == SIZE_MAX)
			head = a;
		else
			next[tail] = a;
		tail = a;
	}
	for (a = 0; a < b->n; a++) {
		if (kept[a])
			continue;
		if (a == 0) {
			next[a] = head;
			head = a;
		} else {
			next[a] = next[a - 1];
			next[a - 1] = a;
		}
		kept[a] = 1;
	}
	for (a = head; a != SIZE_MAX && n < b->n; a = next[a])
		ref[n++] = a;
	free(next);
	free(kept);
}

size_t *
order_ref(const struct units *b, const struct units *o, const struct units *t,
    unsigned *said, int *by)
{
	size_t *ref = xcalloc(b->n + 1, sizeof(*ref)), *other, a;
	int ro = !in_base_order(b, o), rt = !in_base_order(b, t);

	*by = ro ? 1 : rt ? 2 : 0;
	if (!ro && !rt) {
		for (a = 0; a < b->n; a++)
			ref[a] = a;
		return ref;
	}
	side_order(b, ro ? o : t, ref);
	if (ro && rt) {
		/*
		 * Both reordered: ours, and said, unless they agree (then
		 * the layout is neither side's: the same either way).
		 */
		other = xcalloc(b->n + 1, sizeof(*other));
		side_order(b, t, other);
		if (memcmp(ref, other, b->n * sizeof(*ref)) == 0)
			*by = 3;
		else if (said != NULL)
			*said |= MERGE_BOTH_REORDERED;
		free(other);
	}
	return ref;
}

/*
 * The order of the merged units of an INI part: the order of reference
 * (order_ref: base's, or the order a side gave base's units), each unit
 * that a side added placed after the unit of base that precedes it on
 * that side.  When both sides added after the same unit, the two runs
 * go in the order of their first keys, so that the result does not
 * depend on which side is ours; a key both added goes where it comes
 * first.  Fills keys (borrowed) and returns how many.  n log n.
 */
size_t
order_units(const struct units *b, const struct units *o,
    const struct units *t, const char ***keys, unsigned *said, int *by)
{
	const struct units *sides[2] = { o, t };
	struct added *add[2];
	unsigned char *done[2];
	size_t nadd[2], *from[2], n = 0, p, i, *ref;
	const char **v = xcalloc(b->n + o->n + t->n + 1, sizeof(*v));
	int s;

	ref = order_ref(b, o, t, said, by);
	for (s = 0; s < 2; s++) {
		const struct units *u = sides[s];
		size_t anchor = 0;

		add[s] = xcalloc(u->n + 1, sizeof(*add[s]));
		done[s] = xcalloc(u->n + 1, 1);
		nadd[s] = 0;
		for (i = 0; i < u->n; i++) {
			struct unit *in = units_find(b, u->v[i].key);

			if (in != NULL)
				anchor = (size_t)(in - b->v) + 1;
			else {
				add[s][nadd[s]].anchor = anchor;
				add[s][nadd[s]++].idx = i;
			}
		}
		qsort(add[s], nadd[s], sizeof(*add[s]), added_cmp);
		/* from[s][a]: the first added after anchor a (sorted). */
		from[s] = xcalloc(b->n + 2, sizeof(*from[s]));
		for (i = nadd[s], p = b->n + 1; p-- > 0;) {
			while (i > 0 && add[s][i - 1].anchor >= p)
				i--;
			from[s][p] = i;
		}
		from[s][b->n + 1] = nadd[s];
	}
	for (p = 0; p <= b->n; p++) {
		/* The start, then each unit of base in the order of reference. */
		size_t a = p == 0 ? 0 : ref[p - 1] + 1, at[2], end[2];
		int first, k;

		if (p > 0)
			v[n++] = b->v[ref[p - 1]].key;
		for (s = 0; s < 2; s++) {
			at[s] = from[s][a];
			end[s] = from[s][a + 1];
		}
		/* The runs in the order of their keys. */
		first = 0;
		for (i = 0; ; i++) {
			int c;

			if (at[1] + i == end[1] || at[0] + i == end[0]) {
				first = at[1] + i == end[1] &&
				    at[0] + i != end[0];
				break;
			}
			c = strcmp(t->v[add[1][at[1] + i].idx].key,
			    o->v[add[0][at[0] + i].idx].key);
			if (c != 0) {
				first = c < 0;
				break;
			}
		}
		for (k = 0; k < 2; k++) {
			s = k == 0 ? first : !first;
			for (i = at[s]; i < end[s]; i++) {
				size_t x = add[s][i].idx;
				const char *key = sides[s]->v[x].key;
				struct unit *twin = units_find(sides[!s], key);

				if (done[s][x])
					continue;
				done[s][x] = 1;
				if (twin != NULL)
					done[!s][twin - sides[!s]->v] = 1;
				v[n++] = key;
			}
		}
	}
	for (s = 0; s < 2; s++) {
		free(add[s]);
		free(done[s]);
		free(from[s]);
	}
	free(ref);
	*keys = v;
	return n;
}

/*
 * The unit u of l, its blank lines at the end those of the layout unit
 * (lu of ll; NULL: u's own).
 */
static void
put_laid(struct buf *out, const struct lines *l, const struct unit *u,
    const struct lines *ll, const struct unit *lu, const char *eol)
{
	size_t n = content(l, u);

	if (lu == NULL) {
		ll = l;
		lu = u;
	}
	put_run(out, l, u->first, n, eol);
	put_run(out, ll, lu->first + content(ll, lu), lu->n - content(ll, lu),
	    eol);
}

/*
 * Of two units' closing blank lines, the fewer (the smaller bytes when as
 * many): the same whichever side is ours.  Returns o or t, in *ll its
 * lines.
 */
static const struct unit *
fewer_blanks(const struct lines *ol, const struct unit *o,
    const struct lines *tl, const struct unit *t, const struct lines **ll)
{
	size_t on = o->n - content(ol, o), tn = t->n - content(tl, t), i;
	int c = (on > tn) - (on < tn);

	for (i = 0; c == 0 && i < on; i++) {
		const struct line *x = &ol->v[o->first + o->n - on + i];
		const struct line *y = &tl->v[t->first + t->n - tn + i];

		c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
		if (c == 0)
			c = (x->len > y->len) - (x->len < y->len);
	}
	*ll = c <= 0 ? ol : tl;
	return c <= 0 ? o : t;
}

int
put_verdict(struct buf *out, enum verdict v, const struct lines *ol,
    const struct unit *o, const struct lines *tl, const struct unit *t,
    const char *eol, const struct lines *ll, const struct unit *lu)
{
	/* No side's layout to follow: one that does not depend on sides. */
	if (lu == NULL && o != NULL && t != NULL && v != TAKE_CONFLICT)
		lu = fewer_blanks(ol, o, tl, t, &ll);
	switch (v) {
	case TAKE_NONE:
		break;
	case TAKE_OURS:
		put_laid(out, ol, o, ll, lu, eol);
		break;
	case TAKE_THEIRS:
		put_laid(out, tl, t, ll, lu, eol);
		break;
	case TAKE_CONFLICT:
		put_conflict(out, ol, o ? o->first : 0, o ? o->n : 0, tl,
		    t ? t->first : 0, t ? t->n : 0, eol);
		return 1;
	}
	return 0;
}
