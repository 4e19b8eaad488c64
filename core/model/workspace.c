/*
 * workspace.c: find the root, read settings, list and parse client files,
 * and the checks that span files.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "source.h"
#include "text.h"
#include "util.h"
#include "workspace.h"

#define CLIENTS_DIR "clients"
/* Deeper folders than this under clients/ are not entered. */
#define MAX_DEPTH 8

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The first folder from dir upwards that holds rapport.ini or clients/. */
static char *
find_root(const char *start)
{
	char *dir = realpath(start, NULL), *p, *probe;
	int found;

	if (dir == NULL)
		return NULL;
	for (;;) {
		probe = xasprintf("%s/rapport.ini", strcmp(dir, "/") ? dir : "");
		found = is_file(probe);
		free(probe);
		if (!found) {
			probe = xasprintf("%s/" CLIENTS_DIR,
			    strcmp(dir, "/") ? dir : "");
			found = is_dir(probe);
			free(probe);
		}
		if (found)
			return dir;
		if (strcmp(dir, "/") == 0)
			break;
		p = strrchr(dir, '/');
		if (p == dir)
			p[1] = '\0';
		else
			*p = '\0';
	}
	free(dir);
	return NULL;
}

/* Nonzero when the resolved path is the root or below it. */
static int
inside(const char *root, const char *resolved)
{
	size_t n = strlen(root);

	return strncmp(resolved, root, n) == 0 &&
	    (resolved[n] == '\0' || resolved[n] == '/');
}

struct walk {
	struct workspace	*ws;
	struct diags		*d;
	size_t			 cap;
	size_t			 capskip;
	size_t			 caplink;
};

/* Notes that crel (relative to the root) is a link to a folder. */
static void
note_link(struct walk *w, const char *crel, const char *cabs)
{
	char target[4096];
	ssize_t n = readlink(cabs, target, sizeof(target) - 1);
	struct ws_link *k;

	if (n < 0)
		return;
	target[n] = '\0';
	xgrow(&w->ws->links, &w->caplink, w->ws->nlinks + 1,
	    sizeof(*w->ws->links));
	k = &w->ws->links[w->ws->nlinks++];
	k->path = xstrdup(crel);
	k->target = xstrdup(target);
}

/* Notes a file or folder of clients/ that the walk does not read. */
static void
skip(struct walk *w, const char *rel, const char *name, const char *why)
{
	struct ws_skip *k;

	xgrow(&w->ws->skipped, &w->capskip, w->ws->nskipped + 1,
	    sizeof(*w->ws->skipped));
	k = &w->ws->skipped[w->ws->nskipped++];
	k->path = xasprintf("%s/%s", rel, name);
	k->why = why;
}

/* Why a hidden name is not read: what rapport itself leaves, or hidden. */
static const char *
hidden_why(const char *name)
{
	size_t n = strlen(name);
	const char *p;

	if (n > 12 && strcmp(name + n - 12, ".rapport-old") == 0)
		return "the earlier text of a client file, kept by a rapport "
		    "that was interrupted: compare it with the file, then "
		    "remove it";
	if (n > 11 && (p = strstr(name, ".md.")) != NULL && p[10] == '\0')
		return "a temporary file left by an interrupted write: remove "
		    "it";
	return "hidden (its name starts with '.'): rapport does not read it; "
	    "rename it if it is a client";
}

static void
walk_dir(struct walk *w, const char *rel, int depth)
{
	char *abs = xasprintf("%s/%s", w->ws->root, rel);
	DIR *dir = opendir(abs);
	struct dirent *de;
	struct stat st;

	if (dir == NULL) {
		diag_msg(w->d, rel, 0, 0, DIAG_ERROR, "cannot read folder: %s",
		    strerror(errno));
		free(abs);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		char *crel, *cabs, *real;
		size_t len = strlen(de->d_name);
		int md;

		if (de->d_name[0] == '.') {
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0 &&
			    strcmp(de->d_name, ".gitkeep") != 0)
				skip(w, rel, de->d_name, hidden_why(de->d_name));
			continue;
		}
		md = len > 3 && strcmp(de->d_name + len - 3, ".md") == 0;
		/*
		 * The folder entry's type spares a stat per client (10,000
		 * of them are a third of a 'rapport log'); file systems
		 * that do not fill it in get the lstat.
		 */
		if (de->d_type == DT_REG && !md) {
			skip(w, rel, de->d_name, "not a client file (client "
			    "files end in .md): rapport does not read it");
			continue;
		}
		crel = xasprintf("%s/%s", rel, de->d_name);
		cabs = xasprintf("%s/%s", w->ws->root, crel);
		if (de->d_type == DT_REG || de->d_type == DT_DIR)
			st.st_mode = de->d_type == DT_REG ? S_IFREG : S_IFDIR;
		else if (lstat(cabs, &st) == -1)
			goto next;
		if (S_ISLNK(st.st_mode)) {
			real = realpath(cabs, NULL);
			if (!md && stat(cabs, &st) == 0 && S_ISDIR(st.st_mode))
				note_link(w, crel, cabs);
			if (real == NULL || !inside(w->ws->root, real)) {
				if (md)
					diag_msg(w->d, crel, 0, 0, DIAG_ERROR,
					    "symbolic link to %s: rapport "
					    "follows links only inside the "
					    "workspace; copy the file in",
					    real ? "a file outside the "
					    "workspace" : "a missing file");
				free(real);
				goto next;
			}
			free(real);
			if (stat(cabs, &st) == -1 || S_ISDIR(st.st_mode))
				goto next;	/* no loops through links */
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth < MAX_DEPTH)
				walk_dir(w, crel, depth + 1);
			else
				skip(w, rel, de->d_name, "a folder more than 8 "
				    "levels below clients/: rapport does not "
				    "read what is in it; move its files up");
			goto next;
		}
		if (!md && S_ISREG(st.st_mode))
			skip(w, rel, de->d_name, "not a client file (client "
			    "files end in .md): rapport does not read it");
		if (md) {
			xgrow(&w->ws->paths, &w->cap, w->ws->npaths + 1,
			    sizeof(*w->ws->paths));
			w->ws->paths[w->ws->npaths++] = crel;
			crel = NULL;
		}
next:
		free(crel);
		free(cabs);
	}
	closedir(dir);
	free(abs);
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
link_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ws_link *)a)->path,
	    ((const struct ws_link *)b)->path);
}

static int
skip_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ws_skip *)a)->path,
	    ((const struct ws_skip *)b)->path);
}

int
ws_open(struct workspace *ws, const char *start, date_t today,
    struct diags *d)
{
	struct walk w = { 0 };
	struct source src;
	char *ini, *cl;

	memset(ws, 0, sizeof(*ws));
	config_defaults(&ws->cfg);
	ws->today = today;
	if ((ws->root = find_root(start)) == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "no workspace here "
		    "or in any folder above (looked for rapport.ini or "
		    "clients/): run 'rapport init', or pass -C DIR");
		return -1;
	}
	ini = xasprintf("%s/rapport.ini", ws->root);
	if (is_file(ini)) {
		ws->has_ini = 1;
		if (source_read(&src, ini, "rapport.ini", d) == 0)
			config_parse(&ws->cfg, &src, d);
		ws->ini_hash = src.hash;
		source_free(&src);
	}
	free(ini);
	cl = xasprintf("%s/" CLIENTS_DIR, ws->root);
	w.ws = ws;
	w.d = d;
	if (is_link(cl))
		note_link(&w, CLIENTS_DIR, cl);
	if (is_dir(cl))
		walk_dir(&w, CLIENTS_DIR, 1);
	free(cl);
	if (ws->npaths > 1)
		qsort(ws->paths, ws->npaths, sizeof(*ws->paths), path_cmp);
	if (ws->nskipped > 1)
		qsort(ws->skipped, ws->nskipped, sizeof(*ws->skipped),
		    skip_cmp);
	if (ws->nlinks > 1)
		qsort(ws->links, ws->nlinks, sizeof(*ws->links), link_cmp);
	return 0;
}

const struct ws_skip *
ws_skipped(const struct workspace *ws, const char *rel)
{
	size_t i, n;

	for (i = 0; i < ws->nskipped; i++) {
		n = strlen(ws->skipped[i].path);
		if (strncmp(rel, ws->skipped[i].path, n) == 0 &&
		    (rel[n] == '\0' || rel[n] == '/'))
			return &ws->skipped[i];
	}
	return NULL;
}

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
	char *abs = xasprintf("%s/%s", ws->root, ws->paths[i]);
	char *slug = NULL;
	uint64_t aux[2] = { 0, 0 };
	int raw;

	(void)t;
	/*
	 * The bytes' hash is all the cache needs; the text is made ready
	 * for parsing only when it does not know them.
	 */
	raw = source_raw(&src, abs, ws->paths[i], d);
	if (raw == 0 && l->each && l->opt.cache != NULL &&
	    cache_get(l->opt.cache, ws->paths[i], src.hash, c, f, d, aux)) {
		c->errors += l->bad[i];
		c->hash = src.hash;
		c->slug = ws_slug_in(&c->pool, ws->paths[i]);
		if (l->opt.need == NULL || !l->opt.need(ws, k, c, aux,
		    l->opt.arg)) {
			cache_put(l->opt.cache, ws->paths[i], src.hash, c, f,
			    d, aux);
			goto out;
		}
		/* The caller wants it whole: parse what was read after all. */
		followup_free(f);
		client_free(c);
		diags_free(d);
	}
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
			cache_put(l->opt.cache, ws->paths[i], src.hash, c, f,
			    d, aux);
		client_slim(c);
	}
out:
	source_free(&src);
	free(slug);
	free(abs);
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

char *
ws_relpath(const struct workspace *ws, const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir, *real, *rel = NULL;
	size_t n = strlen(ws->root);

	/* Resolve the folder only: a link keeps the name it was given. */
	dir = slash ? xstrndup(file, slash == file ? 1 : (size_t)(slash -
	    file)) : xstrdup(".");
	real = realpath(dir, NULL);
	if (real != NULL && inside(ws->root, real))
		rel = real[n] == '\0' ? xstrdup(slash ? slash + 1 : file) :
		    xasprintf("%s/%s", real + n + 1, slash ? slash + 1 : file);
	free(real);
	free(dir);
	return rel;
}

void
ws_close(struct workspace *ws)
{
	size_t i;

	if (ws == NULL)
		return;
	for (i = 0; i < ws->nclients; i++) {
		client_free(&ws->clients[i]);
		if (ws->follow != NULL)
			followup_free(&ws->follow[i]);
	}
	free(ws->follow);
	for (i = 0; i < ws->npaths; i++)
		free(ws->paths[i]);
	for (i = 0; i < ws->nskipped; i++)
		free(ws->skipped[i].path);
	free(ws->skipped);
	for (i = 0; i < ws->nlinks; i++) {
		free(ws->links[i].path);
		free(ws->links[i].target);
	}
	free(ws->links);
	free(ws->clients);
	free(ws->paths);
	config_free(&ws->cfg);
	free(ws->root);
	memset(ws, 0, sizeof(*ws));
}
