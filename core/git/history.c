/*
 * history.c: the history of every client file in one walk (history.h).
 *
 * Per commit, the clients/ tree is compared with each parent's by a merge
 * of the two sorted entry lists; equal ids (blobs or whole folders) are
 * skipped without reading them.  What differs is gathered as (slug, new
 * blob, old blob) and a slug whose blobs differ was touched.  For a merge
 * the touched sets of all parents are intersected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "history_int.h"
#include "repo_int.h"
#include "util.h"

/* Folders deeper than this under clients/ are not read (as workspace.c). */
#define HIST_DEPTH	8

/* ---- the slug table -------------------------------------------------- */

static struct slot *
slot_find(const struct history *h, const char *slug, size_t len)
{
	size_t cur = 0, *i;

	while ((i = hmap_next(&h->index, hash64(slug, len, 0), &cur)) !=
	    NULL) {
		struct slot *s = &h->slots[*i];

		if (strncmp(s->slug, slug, len) == 0 && s->slug[len] == '\0')
			return s;
	}
	return NULL;
}

struct slot *
history_slot_get(struct history *h, const char *slug, size_t len)
{
	struct slot *s = slot_find(h, slug, len);

	if (s != NULL)
		return s;
	xgrow(&h->slots, &h->capslots, h->nslots + 1, sizeof(*h->slots));
	hmap_put(&h->index, hash64(slug, len, 0), h->nslots);
	s = &h->slots[h->nslots++];
	memset(s, 0, sizeof(*s));
	s->slug = pool_strndup(&h->pool, slug, len);
	return s;
}

void
history_slot_add(struct history *h, struct slot *s, uint32_t commit)
{
	if (s->n >= h->max || (s->n > 0 && s->idx[s->n - 1] == commit))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		if (s->cap > h->max)
			s->cap = (uint32_t)h->max;
		s->idx = xrealloc(s->idx, s->cap * sizeof(*s->idx));
	}
	s->idx[s->n++] = commit;
}

/* ---- comparing trees ------------------------------------------------- */

/* One client file that differs between a commit and a parent. */
struct change {
	const char	*slug;		/* in a tree entry's name */
	size_t		 len;
	git_oid		 id[2];		/* 0: the commit's, 1: the parent's */
	int		 has[2];
};

struct changes {
	struct change	*v;
	size_t		 n, cap;
};

static void
change_add(struct changes *c, const git_tree_entry *e, int side)
{
	const char *name = git_tree_entry_name(e);
	size_t len = strlen(name);

	if (name[0] == '.' || len <= 3 || strcmp(name + len - 3, ".md") != 0)
		return;
	xgrow(&c->v, &c->cap, c->n + 1, sizeof(*c->v));
	memset(&c->v[c->n], 0, sizeof(c->v[c->n]));
	c->v[c->n].slug = name;
	c->v[c->n].len = len - 3;
	git_oid_cpy(&c->v[c->n].id[side], git_tree_entry_id(e));
	c->v[c->n].has[side] = 1;
	c->n++;
}

/* git's order of tree entries: a folder sorts as if its name ended in /. */
static int
entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *x = git_tree_entry_name(a), *y = git_tree_entry_name(b);
	size_t lx = strlen(x), ly = strlen(y), n = lx < ly ? lx : ly;
	int c = memcmp(x, y, n), ca, cb;

	if (c != 0)
		return c;
	ca = lx > n ? (unsigned char)x[n] :
	    git_tree_entry_type(a) == GIT_OBJECT_TREE ? '/' : 0;
	cb = ly > n ? (unsigned char)y[n] :
	    git_tree_entry_type(b) == GIT_OBJECT_TREE ? '/' : 0;
	return ca - cb;
}

/*
 * Gathers the client files that differ between trees a (side 0) and b
 * (side 1); either may be NULL (empty).  Trees found in the commit keep
 * the entries' names alive: the caller holds every tree it gathered from
 * in keep until the changes are used.
 */
struct walkctx {
	git_repository	*git;
	git_tree	**keep;
	size_t		 nkeep, capkeep;
	int		 failed;
};

static git_tree *
tree_of(struct walkctx *w, const git_oid *id)
{
	git_tree *t;

	if (git_tree_lookup(&t, w->git, id) < 0) {
		w->failed = 1;
		return NULL;
	}
	xgrow(&w->keep, &w->capkeep, w->nkeep + 1, sizeof(*w->keep));
	w->keep[w->nkeep++] = t;
	return t;
}

static void
tree_diff(struct walkctx *w, const git_tree *a, const git_tree *b,
    struct changes *out, int depth)
{
	size_t i = 0, j = 0, na = a ? git_tree_entrycount(a) : 0;
	size_t nb = b ? git_tree_entrycount(b) : 0;

	while (i < na || j < nb) {
		const git_tree_entry *x = i < na ?
		    git_tree_entry_byindex(a, i) : NULL;
		const git_tree_entry *y = j < nb ?
		    git_tree_entry_byindex(b, j) : NULL;
		int c = x == NULL ? 1 : y == NULL ? -1 : entry_cmp(x, y);
		const git_tree_entry *one = c < 0 ? x : y;
		int xt, yt;

		if (c == 0) {
			i++;
			j++;
			if (git_oid_equal(git_tree_entry_id(x),
			    git_tree_entry_id(y)))
				continue;
			xt = git_tree_entry_type(x) == GIT_OBJECT_TREE;
			yt = git_tree_entry_type(y) == GIT_OBJECT_TREE;
			if (xt && yt) {
				if (depth > 0 && git_tree_entry_name(x)[0] !=
				    '.')
					tree_diff(w, tree_of(w,
					    git_tree_entry_id(x)), tree_of(w,
					    git_tree_entry_id(y)), out,
					    depth - 1);
				continue;
			}
			if (xt && depth > 0)
				tree_diff(w, tree_of(w, git_tree_entry_id(x)),
				    NULL, out, depth - 1);
			else if (!xt)
				change_add(out, x, 0);
			if (yt && depth > 0)
				tree_diff(w, NULL, tree_of(w,
				    git_tree_entry_id(y)), out, depth - 1);
			else if (!yt)
				change_add(out, y, 1);
			continue;
		}
		if (c < 0)
			i++;
		else
			j++;
		if (git_tree_entry_type(one) == GIT_OBJECT_TREE) {
			if (depth > 0 && git_tree_entry_name(one)[0] != '.') {
				git_tree *t = tree_of(w,
				    git_tree_entry_id(one));

				tree_diff(w, c < 0 ? t : NULL, c < 0 ? NULL : t,
				    out, depth - 1);
			}
		} else if (git_tree_entry_type(one) == GIT_OBJECT_BLOB)
			change_add(out, one, c < 0 ? 0 : 1);
	}
}

static int
change_cmp(const void *p, const void *q)
{
	const struct change *a = p, *b = q;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->slug, b->slug, n);

	return c ? c : (a->len > b->len) - (a->len < b->len);
}

/*
 * Folds the gathered changes by slug and keeps the touched slugs, in
 * order, at the front.  Returns how many.  A move between folders shows
 * as a removal and an addition of the slug: it touched the client even
 * with the same blob, as "git log --follow" lists the commit of a rename.
 */
static size_t
changes_fold(struct changes *c)
{
	size_t i, j, n = 0;

	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), change_cmp);
	for (i = 0; i < c->n; i = j) {
		struct change m = c->v[i];

		for (j = i + 1; j < c->n && change_cmp(&c->v[i],
		    &c->v[j]) == 0; j++) {
			int s;

			for (s = 0; s < 2; s++)
				if (c->v[j].has[s]) {
					m.has[s] = 1;
					m.id[s] = c->v[j].id[s];
				}
		}
		if (j - i > 1 || m.has[0] != m.has[1] || (m.has[0] &&
		    !git_oid_equal(&m.id[0], &m.id[1])))
			c->v[n++] = m;
	}
	return n;
}

/* The id of the workspace's clients/ tree in commit c; 0, or -1 if none. */
static int
clients_tree(const char *prefix, const git_commit *c, git_oid *id)
{
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	char *path = xasprintf("%sclients", prefix);
	int rc = -1;

	if (git_commit_tree(&t, c) == 0 &&
	    git_tree_entry_bypath(&e, t, path) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_TREE) {
		git_oid_cpy(id, git_tree_entry_id(e));
		rc = 0;
	}
	git_tree_entry_free(e);
	git_tree_free(t);
	free(path);
	return rc;
}

/* The day and time of day of c's when, in the author's time zone. */
void
history_commit_local(struct repo_commit *c)
{
	int64_t local = c->when + (int64_t)c->offset * 60, sec;

	c->day = (date_t)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
	sec = local - (int64_t)c->day * 86400;
	c->minutes = (int)(sec / 60);
}

/*
 * The one conversion of a git commit into rapport's record of it; the
 * cache keeps the record (history_file_write, history_file_read).
 */
static uint32_t
commit_add(struct history *h, git_commit *c, const git_oid *oid)
{
	const git_signature *a = git_commit_author(c);
	struct repo_commit *rc;
	git_buf sb = { NULL, 0, 0 };
	const char *sum = git_commit_summary(c);

	xgrow(&h->commits, &h->capcommits, h->ncommits + 1,
	    sizeof(*h->commits));
	rc = &h->commits[h->ncommits];
	memset(rc, 0, sizeof(*rc));
	git_oid_tostr(rc->id, sizeof(rc->id), oid);
	if (git_object_short_id(&sb, (const git_object *)c) == 0)
		snprintf(rc->short_id, sizeof(rc->short_id), "%s", sb.ptr);
	else
		snprintf(rc->short_id, sizeof(rc->short_id), "%.7s", rc->id);
	git_buf_dispose(&sb);
	rc->author = pool_strdup(&h->pool, a->name ? a->name : "");
	rc->email = pool_strdup(&h->pool, a->email ? a->email : "");
	rc->when = (int64_t)a->when.time;
	rc->offset = a->when.offset;
	history_commit_local(rc);
	rc->summary = pool_strdup(&h->pool, sum ? sum : "");
	return (uint32_t)h->ncommits++;
}

/* The slugs one commit touched, allocated; what a worker hands back. */
struct touched {
	char	**slug;
	size_t	 n;
	int	 failed;
};

/*
 * The client files commit c changed, as slugs, into t.  Safe to run on
 * several threads at once, each with its own repository handle.
 */
static void
touched(git_repository *git, const char *prefix, git_commit *c,
    struct touched *t)
{
	struct walkctx w = { git, NULL, 0, 0, 0 };
	struct changes got = { NULL, 0, 0 }, acc = { NULL, 0, 0 };
	unsigned int i, np = git_commit_parentcount(c);
	git_oid mine, theirs;
	int have = clients_tree(prefix, c, &mine) == 0;
	size_t k, n = 0;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < (np ? np : 1); i++) {
		git_commit *p = NULL;
		int phave = 0;
		size_t m;

		if (np > 0) {
			/* A shallow clone cut this parent off: a root then. */
			if (git_commit_parent(&p, c, i) < 0) {
				if (git_repository_is_shallow(git) != 1) {
					t->failed = 1;
					goto out;
				}
			} else {
				phave = clients_tree(prefix, p, &theirs) == 0;
				git_commit_free(p);
			}
		}
		if (have == phave && (!have || git_oid_equal(&mine, &theirs))) {
			n = 0;		/* the same as this parent: untouched */
			break;
		}
		got.n = 0;
		tree_diff(&w, have ? tree_of(&w, &mine) : NULL,
		    phave ? tree_of(&w, &theirs) : NULL, &got, HIST_DEPTH);
		if (w.failed) {
			t->failed = 1;
			goto out;
		}
		m = changes_fold(&got);
		if (i == 0) {
			xgrow(&acc.v, &acc.cap, m + 1, sizeof(*acc.v));
			/* got.v is NULL when nothing changed: no memcpy then. */
			if (m > 0)
				memcpy(acc.v, got.v, m * sizeof(*got.v));
			n = m;
		} else {
			/* A merge touched what differs from every parent. */
			size_t a, b = 0, keep = 0;

			for (a = 0; a < n; a++) {
				while (b < m && change_cmp(&got.v[b],
				    &acc.v[a]) < 0)
					b++;
				if (b < m && change_cmp(&got.v[b],
				    &acc.v[a]) == 0)
					acc.v[keep++] = acc.v[a];
			}
			n = keep;
		}
		if (n == 0)
			break;
	}
	t->slug = xcalloc(n + 1, sizeof(*t->slug));
	for (k = 0; k < n; k++)
		t->slug[k] = xstrndup(acc.v[k].slug, acc.v[k].len);
	t->n = n;
out:
	for (k = 0; k < w.nkeep; k++)
		git_tree_free(w.keep[k]);
	free(w.keep);
	free(got.v);
	free(acc.v);
}

static void
touched_free(struct touched *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->slug[i]);
	free(t->slug);
}

/*
 * The commits to walk are listed first (cheap), then compared with their
 * parents on several threads, each with a repository handle of its own
 * (libgit2 objects are not shared between threads), in any order; the
 * results are filed in walk order, so the outcome is the same.
 */
struct walkjob {
	const char	*gitdir;
	const char	*prefix;
	const git_oid	*oids;
	struct touched	*out;
	git_repository	*git[UTIL_MAX_JOBS];	/* per thread, opened lazily */
	int		 tried[UTIL_MAX_JOBS];
};

/* Compares commit i with its parents (a run_each item on thread t). */
static void
walk_one(size_t i, int t, void *arg)
{
	struct walkjob *j = arg;
	git_commit *c = NULL;
	git_repository *git;

	if (!j->tried[t]) {
		j->tried[t] = 1;
		if (git_repository_open_bare(&j->git[t], j->gitdir) < 0)
			j->git[t] = NULL;
	}
	git = j->git[t];
	if (git == NULL || git_commit_lookup(&c, git, &j->oids[i]) < 0) {
		j->out[i].failed = 1;
		return;
	}
	touched(git, j->prefix, c, &j->out[i]);
	git_commit_free(c);
}

/* Files the commits in oids (walk order) under the slugs they touched. */
static int
walk_commits(struct repo *r, struct history *h, const git_oid *oids,
    size_t n, int jobs)
{
	struct walkjob j;
	size_t i, k;
	int t, rc = 0;

	memset(&j, 0, sizeof(j));
	j.gitdir = git_repository_path(r->git);
	j.prefix = r->prefix;
	j.oids = oids;
	j.out = xcalloc(n + 1, sizeof(*j.out));
	run_each(n, jobs, walk_one, &j);
	/* An interrupted walk is incomplete: never cached, never used. */
	if (run_stopped())
		rc = -1;
	for (t = 0; t < UTIL_MAX_JOBS; t++)
		git_repository_free(j.git[t]);
	for (i = 0; i < n; i++) {
		uint32_t idx = UINT32_MAX;

		if (j.out[i].failed)
			rc = -1;
		for (k = 0; k < j.out[i].n && rc == 0; k++) {
			struct slot *s = history_slot_get(h, j.out[i].slug[k],
			    strlen(j.out[i].slug[k]));
			git_commit *c;

			if (s->n >= h->max)
				continue;
			if (idx == UINT32_MAX) {
				if (git_commit_lookup(&c, r->git, &oids[i]) < 0) {
					rc = -1;
					break;
				}
				idx = commit_add(h, c, &oids[i]);
				git_commit_free(c);
			}
			history_slot_add(h, s, idx);
		}
		touched_free(&j.out[i]);
	}
	free(j.out);
	return rc;
}

/* ---- loading --------------------------------------------------------- */

static struct history *
history_new(size_t max)
{
	struct history *h = xcalloc(1, sizeof(*h));

	h->max = max ? max : 1;
	return h;
}

/* Appends old's commits and lists after h's (newer) ones, up to max. */
static void
history_append(struct history *h, const struct history *old)
{
	size_t base = h->ncommits, i, j;

	for (i = 0; i < old->ncommits; i++) {
		struct repo_commit c = old->commits[i];

		c.author = pool_strdup(&h->pool, c.author);
		c.email = pool_strdup(&h->pool, c.email);
		c.summary = pool_strdup(&h->pool, c.summary);
		xgrow(&h->commits, &h->capcommits, h->ncommits + 1,
		    sizeof(*h->commits));
		h->commits[h->ncommits++] = c;
	}
	for (i = 0; i < old->nslots; i++) {
		const struct slot *o = &old->slots[i];
		struct slot *s;

		s = history_slot_get(h, o->slug, strlen(o->slug));
		for (j = 0; j < o->n; j++)
			history_slot_add(h, s, (uint32_t)(base + o->idx[j]));
	}
}

struct history *
history_load(struct repo *r, size_t max, int cache, int jobs,
    struct diags *d)
{
	struct history *h = history_new(max), *old = NULL;
	git_oid head, base, *oids = NULL;
	size_t noids = 0;
	int unborn;

	if ((unborn = git_repository_head_unborn(r->git)) == 1)
		return h;
	if (unborn < 0 || git_reference_name_to_id(&head, r->git, "HEAD") < 0)
		goto fail;
	git_oid_tostr(h->head, sizeof(h->head), &head);
	/* A shallow clone's history grows without HEAD moving: no cache. */
	if (repo_shallow(r))
		cache = 0;
	if (cache) {
		old = history_new(max);
		if (history_file_read(r, old) == -1 || git_oid_fromstr(&base,
		    old->head) < 0 || (!git_oid_equal(&base, &head) &&
		    git_graph_descendant_of(r->git, &head, &base) != 1)) {
			history_free(old);
			old = NULL;
		} else if (git_oid_equal(&base, &head)) {
			history_free(h);
			return old;
		}
	}
	/*
	 * Reading, as "git log" does, without hashing every object again:
	 * verifying each tree's id doubled the walk.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (repo_walk(r, &head, old != NULL ? &base : NULL, &oids,
	    &noids) == -1)
		goto fail;
	if (walk_commits(r, h, oids, noids, jobs) == -1)
		goto fail;
	if (old != NULL)
		history_append(h, old);
	h->cut = repo_shallow(r);
	free(oids);
	history_free(old);
	if (cache)
		history_file_write(r, h);
	return h;
fail:
	repo_fail_git(d, "cannot read the history");
	free(oids);
	history_free(old);
	history_free(h);
	return NULL;
}

int
history_cut(const struct history *h)
{
	return h->cut;
}

/* The slot of slug, or NULL when no commit touched it. */
static const struct slot *
slot_of(const struct history *h, const char *slug)
{
	return slot_find(h, slug, strlen(slug));
}

const char *
history_message(const struct repo_commit *c, const char *slug)
{
	size_t n = strlen(slug);

	if (strncmp(c->summary, slug, n) == 0 && c->summary[n] == ':' &&
	    c->summary[n + 1] == ' ' && c->summary[n + 2] != '\0')
		return c->summary + n + 2;
	return c->summary;
}

const struct repo_commit *
history_get(const struct history *h, const char *slug, size_t i)
{
	const struct slot *s = slot_of(h, slug);

	return s != NULL && i < s->n ? &h->commits[s->idx[i]] : NULL;
}

uint64_t
history_hash(const struct history *h, const char *slug)
{
	const struct slot *s = slot_of(h, slug);
	uint64_t v = 0;
	size_t i;

	for (i = 0; s != NULL && i < s->n; i++)
		v = hash64(h->commits[s->idx[i]].id, 40, v);
	return v ^ (uint64_t)h->cut;
}

void
history_free(struct history *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nslots; i++)
		free(h->slots[i].idx);
	free(h->slots);
	hmap_free(&h->index);
	free(h->commits);
	pool_free(&h->pool);
	free(h);
}
