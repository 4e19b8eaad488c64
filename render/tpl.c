/*
 * tpl.c: Mustache templates (see tpl.h): rendering.
 *
 * The values are tpl_value.c's, the set of templates tpl_set.c's.  A
 * template is compiled once (tpl_compile.c) into a flat array of nodes, so
 * rendering is a loop over a range of nodes with a stack of contexts; a
 * standalone partial's indentation is added to every line of the partial,
 * which is compiled once per indentation.
 *
 * Hostile templates cannot make rendering unbounded: partials nest at most
 * TPL_MAX_DEPTH deep and contexts at most TPL_MAX_STACK, and a set's
 * limits bound the bytes and the steps of one render (tpl_set_limits),
 * which also stops when run_stop is called (Ctrl-C).
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "rowstore.h"
#include "tpl.h"
#include "tpl_int.h"
#include "util.h"

#define TPL_MAX_DEPTH	64

struct render {
	struct tpl_set		*set;
	struct buf		*out;
	struct diags		*d;
	const struct tv		*stack[TPL_MAX_STACK];
	size_t			 depth;		/* contexts on the stack */
	int			 partials;	/* nesting of partials */
	int			 failed;
	const char		*page;		/* the template asked for */
	size_t			 start;		/* buf_total(out) when it began */
	size_t			 steps;		/* nodes rendered */
	/*
	 * While a keyed row renders (rowbase > 0), out is row, page is
	 * where the row goes once made (prior bytes in it before), and the
	 * names the row finds below its own context (at stack[rowbase]) or
	 * not at all are recorded in deps.
	 */
	size_t			 rowbase;
	struct buf		*page_out;
	struct buf		 row;
	size_t			 prior;
	struct rowstore_batch	 keep;		/* rows for the next build */
	struct rowstore_dep	 deps[ROWSTORE_MAX_DEPS];
	size_t			 ndeps;
	int			 deps_ok;	/* all recorded, all digestible */
};

/* Bytes rendered so far, the row being made included. */
static size_t
out_total(const struct render *r)
{
	return r->rowbase > 0 ? r->prior + r->row.len : buf_total(r->out);
}

/*
 * Whether rendering may go on: within the set's limits of bytes and
 * steps (a template that includes itself thirty times at each of eight
 * levels produces nothing, forever), and not asked to stop (run_stop:
 * Ctrl-C).  An overrun is reported once, at the template being rendered.
 */
static int
limits_ok(struct render *r, const struct compiled *c)
{
	const struct tpl_set *set = r->set;

	if (set->max_steps > 0 && r->steps > set->max_steps) {
		diag_msg(r->d, c->path, 0, 0, DIAG_ERROR, "rendering %s takes "
		    "more than %zu steps (does a template include itself over "
		    "and over?): nothing was put in place", r->page,
		    set->max_steps);
		return 0;
	}
	if (set->max_bytes > 0 && out_total(r) - r->start > set->max_bytes) {
		diag_msg(r->d, c->path, 0, 0, DIAG_ERROR, "rendering %s makes "
		    "more than %zu MiB (does a template include itself over "
		    "and over?): nothing was put in place", r->page,
		    set->max_bytes >> 20);
		return 0;
	}
	return 1;
}

static int
within_limits(struct render *r, const struct compiled *c)
{
	r->steps++;
	if ((r->steps & 1023) == 0 && run_stopped())
		return 0;
	return limits_ok(r, c);
}

static const struct tv *
member(const struct tv *map, const char *key, size_t len, uint32_t hash)
{
	const struct tv *m;

	if (map == NULL || map->kind != TV_MAP)
		return NULL;
	for (m = map->head; m != NULL; m = m->next)
		if (m->keyhash == hash && m->keylen == len &&
		    memcmp(m->key, key, len) == 0)
			return m;
	return NULL;
}

/*
 * Resolves a name in the contexts below depth: "." is the top context;
 * "a.b.c" finds a in the nearest context that has it, then b and c inside
 * it only.  *frame is where a was found (0: nowhere).
 */
static const struct tv *
resolve(const struct tv *const *stack, size_t depth, const char *name,
    size_t len, uint32_t hash, size_t *frame)
{
	const struct tv *v = NULL;
	const char *dot;
	size_t first, i;

	*frame = depth;
	if (len == 1 && name[0] == '.')
		return depth > 0 ? stack[depth - 1] : NULL;
	dot = memchr(name, '.', len);
	first = dot ? (size_t)(dot - name) : len;
	for (i = depth; i > 0 && v == NULL; i--)
		v = member(stack[i - 1], name, first, hash);
	*frame = v != NULL ? i + 1 : 0;
	while (v != NULL && dot != NULL) {
		const char *part = dot + 1;
		size_t rest = len - (size_t)(part - name), plen;

		dot = memchr(part, '.', rest);
		plen = dot ? (size_t)(dot - part) : rest;
		v = member(v, part, plen, tpl_hash(part, plen));
	}
	return v;
}

/* Notes that the row being made looked up name outside itself. */
static void
depend(struct render *r, const char *name, size_t len, const struct tv *v)
{
	size_t i;

	for (i = 0; i < r->ndeps; i++)
		if (r->deps[i].len == len && memcmp(r->deps[i].name, name,
		    len) == 0)
			return;
	if (r->ndeps == ROWSTORE_MAX_DEPS) {
		r->deps_ok = 0;
		return;
	}
	r->deps[r->ndeps].name = name;
	r->deps[r->ndeps].len = len;
	r->deps[r->ndeps++].digest = rowstore_digest(v, &r->deps_ok);
}

static const struct tv *
lookup(struct render *r, const struct node *n)
{
	size_t frame;
	const struct tv *v = resolve(r->stack, r->depth, n->s, n->len,
	    n->hash, &frame);

	/* Frames count from 1: the row's own is rowbase + 1. */
	if (r->rowbase > 0 && frame <= r->rowbase)
		depend(r, n->s, n->len, v);
	return v;
}

static int
truthy(const struct tv *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case TV_NULL:
		return 0;
	case TV_BOOL:
		return v->b;
	case TV_STR:
		return v->len > 0;
	case TV_LIST:
		return v->n > 0;
	default:
		return 1;
	}
}

/* What each byte becomes in HTML: the index of its entity, or 0. */
static const unsigned char esc_of[256] = {
	['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\''] = 5
};
static const struct {
	const char	*s;
	size_t		 len;
} esc_ent[] = {
	{ "", 0 }, { "&amp;", 5 }, { "&lt;", 4 }, { "&gt;", 4 },
	{ "&quot;", 6 }, { "&#39;", 5 }
};
_Static_assert(sizeof(esc_ent) / sizeof(esc_ent[0]) == 6,
    "an entity for each escaped byte");

void
tpl_escape(struct buf *b, const char *s, size_t len)
{
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		unsigned e = esc_of[(unsigned char)s[i]];

		if (e == 0)
			continue;
		buf_putn(b, s + start, i - start);
		buf_putn(b, esc_ent[e].s, esc_ent[e].len);
		start = i + 1;
	}
	buf_putn(b, s + start, len - start);
}

static void
interpolate(struct render *r, const struct tv *v, int escape)
{
	const char *s = NULL;
	size_t len = 0;

	if (v == NULL)
		return;
	if (v->kind == TV_STR) {
		s = v->s;
		len = v->len;
	} else if (v->kind == TV_BOOL) {
		s = v->b ? "true" : "false";
		len = strlen(s);
	}
	if (s == NULL)
		return;
	if (escape)
		tpl_escape(r->out, s, len);
	else
		buf_putn(r->out, s, len);
}

static int	render_range(struct render *, const struct compiled *, size_t,
		    size_t);

static int
push(struct render *r, const struct tv *v)
{
	if (r->depth == TPL_MAX_STACK) {
		diag_msg(r->d, "templates", 0, 0, DIAG_ERROR, "templates nest "
		    "contexts deeper than %d", TPL_MAX_STACK);
		return -1;
	}
	r->stack[r->depth++] = v;
	return 0;
}

static int
render_partial(struct render *r, struct node *n)
{
	struct compiled *c = atomic_load_explicit(&n->part,
	    memory_order_acquire);
	char *name;
	int rc = 0;

	/* Found before: compiled forms never change while a set renders. */
	if (c != NULL && r->partials < TPL_MAX_DEPTH) {
		r->partials++;
		rc = render_range(r, c, 0, c->n);
		r->partials--;
		return rc;
	}
	name = xstrndup(n->s, n->len);
	if (r->partials >= TPL_MAX_DEPTH) {
		diag_msg(r->d, "templates", 0, 0, DIAG_ERROR, "partial '%s' "
		    "nests deeper than %d: is it including itself without "
		    "end?", name, TPL_MAX_DEPTH);
		free(name);
		return -1;
	}
	if (!tpl_set_has(r->set, name)) {
		diag_msg(r->d, "templates", 0, 0, DIAG_WARNING, "no template "
		    "'%s' for the partial {{>%s}}: it renders as nothing",
		    name, name);
		free(name);
		return 0;
	}
	if ((c = tpl_compiled_get(r->set, name, n->indent, r->d)) ==
	    NULL)
		rc = -1;
	else {
		atomic_store_explicit(&n->part, c, memory_order_release);
		r->partials++;
		rc = render_range(r, c, 0, c->n);
		r->partials--;
	}
	free(name);
	return rc;
}

/* What the rows of section node i of c have in common: where they sit. */
static uint64_t
rows_base(const struct compiled *c, size_t i)
{
	size_t nlen = strlen(c->key);
	uint64_t h = hash64(c->key, nlen + 1 + strlen(c->key + nlen + 1), 0);

	return hash64(&i, sizeof(i), h);
}

/*
 * Copies the row kept under key when every name it looked up outside
 * itself is what it was: 1, 0 when there is no such row, -1 past the
 * limits (reported).
 */
static int
splice(struct render *r, const struct compiled *c, uint64_t key)
{
	struct rowstore_row row;
	size_t i, frame;

	if (!rowstore_find(r->set->rows, key, &row))
		return 0;
	for (i = 0; i < row.ndeps; i++) {
		const struct rowstore_dep *dp = &row.dep[i];
		const char *dot = memchr(dp->name, '.', dp->len);
		size_t first = dot ? (size_t)(dot - dp->name) : dp->len;
		int ok = 1;
		const struct tv *v = resolve(r->stack, r->depth, dp->name,
		    dp->len, tpl_hash(dp->name, first), &frame);

		if (rowstore_digest(v, &ok) != dp->digest || !ok)
			return 0;
	}
	buf_putn(r->out, row.data, row.len);
	rowstore_batch_keep(&r->keep, &row);
	/* As many steps as rendering it takes, for the same limits. */
	r->steps += row.steps;
	return limits_ok(r, c) ? 1 : -1;
}

/* A keyed row is made in r->row, the page set aside. */
static void
row_begin(struct render *r)
{
	r->page_out = r->out;
	r->prior = buf_total(r->out);
	r->row.len = 0;
	r->out = &r->row;
	r->rowbase = r->depth;
	r->ndeps = 0;
	r->deps_ok = 1;
}

/*
 * The row is made (rc 0) or failed: back to the page, with the row, and
 * into the store when it depends on nothing it could not name and was
 * made without a word.
 */
static void
row_end(struct render *r, uint64_t key, int rc, size_t ndiags, size_t steps)
{
	r->out = r->page_out;
	r->rowbase = 0;
	if (rc == -1)
		return;
	buf_putn(r->out, r->row.s, r->row.len);
	if (r->deps_ok && r->d->n == ndiags && r->steps - steps <=
	    UINT32_MAX)
		rowstore_batch_put(&r->keep, key, r->deps, r->ndeps, r->row.s,
		    r->row.len, (uint32_t)(r->steps - steps));
}

/*
 * A lazy list's members are made one at a time, each in a pool of its
 * own that is freed once it is rendered: a page listing ten thousand
 * clients never holds ten thousand value trees.  With a row store the
 * members of a keyed list, not within another's, go through it.
 */
static int
render_lazy(struct render *r, const struct compiled *c, size_t i,
    const struct tv *list)
{
	const struct node *n = &c->v[i];
	int keyed = list->rowkey != NULL && r->set->rows != NULL &&
	    r->rowbase == 0;
	uint64_t base = keyed ? rows_base(c, i) : 0;
	size_t k;
	int rc = 0;

	struct tv_pool p = { NULL, { NULL } };

	/* One pool, emptied after each member: its blocks are reused. */
	for (k = 0; k < list->n && rc == 0; k++) {
		struct tv *item;
		uint64_t key = 0;
		size_t ndiags = r->d->n, steps = r->steps;

		if (keyed) {
			key = list->rowkey(k, list->genarg);
			key = hash64(&key, sizeof(key), base);
			if ((rc = splice(r, c, key)) != 0) {
				rc = rc == 1 ? 0 : -1;
				continue;
			}
			row_begin(r);
		}
		item = list->gen(&p, k, list->genarg);
		if (push(r, item) == -1 || render_range(r, c, i + 1,
		    n->end) == -1)
			rc = -1;
		else
			r->depth--;
		if (keyed)
			row_end(r, key, rc, ndiags, steps);
		tv_pool_clear(&p);
	}
	tv_pool_free(&p);
	return rc;
}

static int
render_range(struct render *r, const struct compiled *c, size_t from,
    size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		struct node *n = &c->v[i];	/* its partial is cached */
		const struct tv *v, *item;

		if (!within_limits(r, c))
			return -1;
		switch (n->kind) {
		case N_TEXT:
			buf_putn(r->out, n->s, n->len);
			break;
		case N_VAR:
		case N_RAW:
			interpolate(r, lookup(r, n),
			    n->kind == N_VAR);
			break;
		case N_SECTION:
			v = lookup(r, n);
			if (v != NULL && v->kind == TV_LIST && v->gen) {
				if (render_lazy(r, c, i, v) == -1)
					return -1;
			} else if (v != NULL && v->kind == TV_LIST) {
				for (item = v->head; item != NULL;
				    item = item->next) {
					if (push(r, item) == -1 ||
					    render_range(r, c, i + 1,
					    n->end) == -1)
						return -1;
					r->depth--;
				}
			} else if (truthy(v)) {
				if (push(r, v) == -1 ||
				    render_range(r, c, i + 1, n->end) == -1)
					return -1;
				r->depth--;
			}
			i = n->end;
			break;
		case N_INVERTED:
			v = lookup(r, n);
			if (!truthy(v) && render_range(r, c, i + 1,
			    n->end) == -1)
				return -1;
			i = n->end;
			break;
		case N_PARTIAL:
			if (render_partial(r, n) == -1)
				return -1;
			break;
		case N_CLOSE:
			break;
		}
	}
	return 0;
}

int
tpl_render(struct tpl_set *set, const char *name, const struct tv *data,
    struct buf *out, struct diags *d)
{
	struct render *r = xcalloc(1, sizeof(*r));
	struct compiled *c;
	int rc = -1;

	if (!tpl_set_has(set, name)) {
		diag_msg(d, "templates", 0, 0, DIAG_ERROR, "no template '%s'",
		    name);
		goto out;
	}
	if ((c = tpl_compiled_get(set, name, "", d)) == NULL)
		goto out;
	r->set = set;
	r->out = out;
	r->d = d;
	r->page = name;
	r->start = buf_total(out);
	r->keep.rs = set->rows;
	r->stack[r->depth++] = data;
	rc = render_range(r, c, 0, c->n);
out:
	if (r->keep.rs != NULL)
		rowstore_batch_free(&r->keep);
	buf_free(&r->row);
	free(r);
	return rc;
}
