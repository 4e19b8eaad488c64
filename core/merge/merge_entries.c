/*
 * merge_entries.c: the entries of a client file, merged (merge_int.h):
 * a set, each entry decided three ways; one both sides changed merged as
 * text, its list items a set; one message one entry; in the order the
 * file keeps (order_ref), new entries placed by day and time.
 */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "hmap.h"
#include "merge_int.h"

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
outent_mark(const struct outent *e, size_t *len)
{
	const char *s, *end, *nl, *m;

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
		if (entry_mark(s, n, &m, len))
			return m;
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
	uint64_t hash;
	const char *m, *other;

	for (i = 0; i < n; i++) {
		int dup = 0;

		if (v[i].o == NULL && v[i].t == NULL &&
		    (m = outent_mark(&v[i], &len)) != NULL) {
			cur = 0;
			hash = hash64(m, len, 0);
			while (!dup && (at = hmap_next(&seen, hash, &cur)) !=
			    NULL)
				if ((other = outent_mark(&v[*at], &mlen)) != NULL &&
				    mlen == len && memcmp(other, m, len) == 0)
					dup = 1;
			if (!dup)
				hmap_put(&seen, hash, k);
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

int
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

