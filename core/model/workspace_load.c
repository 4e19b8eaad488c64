/*
 * workspace_load.c: the clients of a workspace: slugs checked across
 * files, the files read and parsed in parallel (through the cache when
 * there is one), and clients found by slug or name.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "source.h"
#include "text.h"
#include "util.h"
#include "workspace.h"

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static size_t
slug_len(const char *b)
{
	size_t n = strlen(b);

	return n > 3 && strcmp(b + n - 3, ".md") == 0 ? n - 3 : n;
}

char *
ws_slug(const char *path)
{
	const char *b = base_name(path);

	return xstrndup(b, slug_len(b));
}

/* The same, in a pool. */
static char *
ws_slug_in(struct pool *p, const char *path)
{
	const char *b = base_name(path);

	return pool_strndup(p, b, slug_len(b));
}

static int
wanted(const char *path, const char *const *only, size_t nonly)
{
	size_t i;

	if (only == NULL)
		return 1;
	for (i = 0; i < nonly; i++)
		if (strcmp(only[i], path) == 0)
			return 1;
	return 0;
}

static int
casecmp(const char *a, const char *b)
{
	for (; *a && tolower((unsigned char)*a) ==
	    tolower((unsigned char)*b); a++, b++)
		continue;
	return tolower((unsigned char)*a) - tolower((unsigned char)*b);
}

struct slugref {
	char		*slug;
	const char	*path;
	size_t		 index;		/* in ws->paths */
};

static int
slugref_cmp(const void *a, const void *b)
{
	const struct slugref *x = a, *y = b;
	int c = casecmp(x->slug, y->slug);

	return c ? c : strcmp(x->path, y->path);
}

/*
 * A warning for each part of a client file's path under clients/ that
 * Windows keeps for a device (clients/con.md, clients/aux/x.md): Git for
 * Windows cannot check such a file out, so a colleague on Windows could
 * not clone the workspace.  Not an error: the file is read here.
 */
static void
check_reserved(const char *path, struct diags *d)
{
	const char *s = strchr(path, '/'), *e;
	char *slug, *good;

	for (s = s != NULL ? s + 1 : path; ; s = e + 1) {
		e = strchr(s, '/');
		if (!text_name_reserved(s, e != NULL ? (size_t)(e - s) :
		    strlen(s))) {
			if (e == NULL)
				return;
			continue;
		}
		if (e != NULL) {
			diag_msg(d, path, 0, 0, DIAG_WARNING, "folder name "
			    "'%.*s' is a device name on Windows: Git for "
			    "Windows cannot check this file out; rename the "
			    "folder with git mv", (int)(e - s), s);
			continue;
		}
		slug = ws_slug(s);
		good = text_slugify(slug);
		diag_msg(d, path, 0, 0, DIAG_WARNING, "file name '%s' is a "
		    "device name on Windows: Git for Windows cannot check it "
		    "out; rename it: git mv %s %.*s%s.md", s, path,
		    (int)(s - path), path, good != NULL ? good : "client");
		free(slug);
		free(good);
		return;
	}
}

/*
 * Slugs must be slugs, and unique across the workspace even ignoring case:
 * sorted without case, clashing files are neighbours.
 */
static void
check_slugs(struct workspace *ws, const char *const *only, size_t nonly,
    int *bad, struct diags *d)
{
	struct slugref *v = xcalloc(ws->npaths, sizeof(*v));
	size_t i, j, run;

	for (i = 0; i < ws->npaths; i++) {
		v[i].path = ws->paths[i];
		v[i].slug = ws_slug(ws->paths[i]);
		v[i].index = i;
		if (wanted(v[i].path, only, nonly))
			check_reserved(v[i].path, d);
		if (wanted(v[i].path, only, nonly) &&
		    !text_slug_ok(v[i].slug, strlen(v[i].slug))) {
			bad[i]++;
			char *good = text_slugify(v[i].slug);

			if (good != NULL)
				diag_msg(d, v[i].path, 0, 0, DIAG_ERROR, "file "
				    "name '%s.md' is not a slug (lowercase "
				    "letters, digits and '-'): rename it to "
				    "'%s.md'", v[i].slug, good);
			else
				diag_msg(d, v[i].path, 0, 0, DIAG_ERROR, "file "
				    "name '%s.md' is not a slug: rename it to "
				    "lowercase ASCII letters, digits and '-', "
				    "like 'acme-widgets.md'", v[i].slug);
			free(good);
		}
	}
	if (ws->npaths > 1)
		qsort(v, ws->npaths, sizeof(*v), slugref_cmp);
	for (i = 0; i < ws->npaths; i = run) {
		for (run = i + 1; run < ws->npaths &&
		    casecmp(v[i].slug, v[run].slug) == 0; run++)
			continue;
		for (j = i; run - i > 1 && j < run; j++) {
			size_t k;

			if (!wanted(v[j].path, only, nonly))
				continue;
			for (k = i; k < run; k++) {
				if (k == j)
					continue;
				bad[v[j].index]++;
				if (strcmp(v[j].slug, v[k].slug) == 0)
					diag_msg(d, v[j].path, 0, 0,
					    DIAG_ERROR, "slug '%s' is also "
					    "used by %s: slugs are unique in "
					    "the workspace; rename one",
					    v[j].slug, v[k].path);
				else
					diag_msg(d, v[j].path, 0, 0,
					    DIAG_ERROR, "'%s' and '%s' differ "
					    "only in case, and are one file on "
					    "macOS and Windows: rename one",
					    base_name(v[j].path),
					    base_name(v[k].path));
			}
		}
	}
	for (i = 0; i < ws->npaths; i++)
		free(v[i].slug);
	free(v);
}

/*
 * The parallel part of loading: worker threads take the next file from a
 * shared counter, so a slow file delays nobody.  Each file's messages go
 * to a sink of its own; they are merged in path order at the end, so the
 * output never depends on the threads' timing.
 */
struct load {
	struct workspace	*ws;
	size_t			*idx;		/* clients[k] is paths[idx[k]] */
	int			*bad;		/* name problems, per path */
	struct diags		*per;		/* per client */
	int			 each;		/* ws_load_each: followup, slim */
	struct ws_each		 opt;
};

/* Reads client k (a run_each item). */
static void
load_one(size_t k, int t, void *arg)
{
	struct load *l = arg;
	struct workspace *ws = l->ws;
	struct client *c = &ws->clients[k];
	struct followup *f = l->each ? &ws->follow[k] : NULL;
	struct diags *d = &l->per[k];
	size_t i = l->idx[k];
	struct source src;
	char *slug = NULL;
	uint64_t aux[2] = { 0, 0 }, hash = 0, stamp = 0;
	int raw = 1;	/* 1: not read yet */

	/*
	 * The bytes' hash is all the cache needs; the text is made ready
	 * for parsing only when it does not know them.  A commit's file is
	 * known by its id, a file whose stamp is unchanged by the cache,
	 * without reading it.  The stamp is taken before the file is read:
	 * a write after it changes the stamp (workspace.h says why).
	 */
	if (!ws_hash_known(ws, ws->paths[i], &hash)) {
		if (l->each && l->opt.cache != NULL)
			stamp = ws_stamp(ws, ws->paths[i]);
		if (!cache_hash(l->opt.cache, ws->paths[i], stamp, &hash) &&
		    (raw = ws_source_raw(ws, ws->paths[i], t, &src, d)) == 0)
			hash = src.hash;
	}
	if (raw != -1 && l->each && l->opt.cache != NULL &&
	    cache_get(l->opt.cache, ws->paths[i], hash, c, f, d, aux)) {
		c->errors += l->bad[i];
		c->hash = hash;
		c->slug = ws_slug_in(&c->pool, ws->paths[i]);
		if (l->opt.need == NULL || !l->opt.need(ws, k, c, aux,
		    l->opt.arg)) {
			cache_put(l->opt.cache, ws->paths[i], hash, stamp, c,
			    f, d, aux);
			goto out;
		}
		/* The caller wants it whole: parse it after all. */
		followup_free(f);
		client_free(c);
		diags_free(d);
	}
	if (raw == 1)
		raw = ws_source_raw(ws, ws->paths[i], t, &src, d);
	if (raw == 0)
		source_ready(&src, d);
	slug = ws_slug(ws->paths[i]);
	client_parse(c, &src, slug, &ws->cfg, ws->today, l->opt.flags, d);
	/* Count problems found while reading, and with the name. */
	c->errors = (int)d->nerr + l->bad[i];
	c->hash = src.hash;
	if (l->each) {
		if (c->errors == 0)
			followup_compute(f, c, &ws->cfg, ws->today);
		else
			f->client = c;
		if (l->opt.visit != NULL)
			l->opt.visit(ws, k, c, f, aux, d, l->opt.arg);
		if (l->opt.cache != NULL && src.buf != NULL)
			cache_put(l->opt.cache, ws->paths[i], src.hash, stamp,
			    c, f, d, aux);
		client_slim(c);
	}
out:
	if (raw != 1)
		source_free(&src);
	free(slug);
}

static void
load(struct workspace *ws, const char *const *only, size_t nonly,
    struct load *l, struct diags *d)
{
	size_t i, k, n = 0;

	l->ws = ws;
	l->bad = xcalloc(ws->npaths + 1, sizeof(*l->bad));
	l->idx = xcalloc(ws->npaths + 1, sizeof(*l->idx));
	check_slugs(ws, only, nonly, l->bad, d);
	for (i = 0; i < ws->npaths; i++)
		if (wanted(ws->paths[i], only, nonly))
			l->idx[n++] = i;
	ws->clients = xcalloc(n + 1, sizeof(*ws->clients));
	if (l->each)
		ws->follow = xcalloc(n + 1, sizeof(*ws->follow));
	l->per = xcalloc(n + 1, sizeof(*l->per));
	ws->nclients = n;
	run_each(n, ws->jobs, load_one, l);
	for (k = 0; k < n; k++)
		diags_take(d, &l->per[k]);
	ws->nfiles_checked += n;
	free(l->per);
	free(l->idx);
	free(l->bad);
}

void
ws_load(struct workspace *ws, const char *const *only, size_t nonly,
    struct diags *d)
{
	struct load l;

	memset(&l, 0, sizeof(l));
	load(ws, only, nonly, &l, d);
}

void
ws_load_each(struct workspace *ws, const char *const *only, size_t nonly,
    const struct ws_each *opt, struct diags *d)
{
	struct load l;

	memset(&l, 0, sizeof(l));
	l.each = 1;
	l.opt = *opt;
	load(ws, only, nonly, &l, d);
}

uint64_t
ws_cache_key(const struct workspace *ws, uint64_t seed)
{
	int64_t today = ws->today;

	seed = hash64(&ws->ini_hash, sizeof(ws->ini_hash), seed);
	seed = hash64(&today, sizeof(today), seed);
	return hash64(ws->root, strlen(ws->root), seed);
}

size_t
ws_lookup(const struct workspace *ws, const char *q,
    const struct client **match, size_t max)
{
	size_t i, n = 0, len = strlen(q);

	for (i = 0; i < ws->nclients; i++)
		if (strcmp(ws->clients[i].slug, q) == 0) {
			if (max > 0)
				match[0] = &ws->clients[i];
			return 1;
		}
	for (i = 0; i < ws->nclients; i++) {
		const struct client *c = &ws->clients[i];

		if (strncmp(c->slug, q, len) == 0 || (c->name != NULL &&
		    strncasecmp(c->name, q, len) == 0)) {
			if (n < max)
				match[n] = c;
			n++;
		}
	}
	return n;
}

size_t
ws_find(struct workspace *ws, const char *q, const char **match, size_t max,
    struct diags *d)
{
	const struct client *m[16];
	size_t i, n;

	for (i = 0; i < ws->npaths; i++) {
		char *slug = ws_slug(ws->paths[i]);
		int same = strcmp(slug, q) == 0;

		free(slug);
		if (same) {
			if (max > 0)
				match[0] = ws->paths[i];
			return 1;
		}
	}
	if (ws->clients == NULL)
		ws_load(ws, NULL, 0, d);
	n = ws_lookup(ws, q, m, sizeof(m) / sizeof(m[0]));
	for (i = 0; i < n && i < max && i < sizeof(m) / sizeof(m[0]); i++)
		match[i] = m[i]->path;
	return n;
}
