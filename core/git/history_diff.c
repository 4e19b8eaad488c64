/*
 * history_diff.c: which client files one commit touched (history_int.h).
 *
 * The clients/ tree of a commit is compared with each parent's by a merge
 * of the two sorted entry lists; equal ids (blobs or whole folders) are
 * skipped without reading them.  What differs is gathered as (slug, new
 * blob, old blob) and a slug whose blobs differ was touched.  For a merge
 * the touched sets of all parents are intersected.
 */
#include <stdlib.h>
#include <string.h>

#include "history_int.h"
#include "util.h"

/* Folders deeper than this under clients/ are not read (as workspace.c). */
#define HIST_DEPTH	8

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



/*
 * The renames among one commit's changes: a slug gone and another new
 * with the very same blob, as "git mv" makes (git's exact renames).  A
 * rename with edits in the same commit is not followed.
 */
static void
find_renames(const struct change *v, size_t n, struct touched *t)
{
	size_t i, j, cap = 0, capto = 0;

	for (i = 0; i < n; i++) {
		if (!v[i].has[1] || v[i].has[0])
			continue;		/* not gone in this commit */
		for (j = 0; j < n; j++)
			if (v[j].has[0] && !v[j].has[1] &&
			    git_oid_equal(&v[j].id[0], &v[i].id[1]))
				break;
		if (j == n)
			continue;
		xgrow(&t->from, &cap, t->nrenames + 1, sizeof(*t->from));
		xgrow(&t->to, &capto, t->nrenames + 1, sizeof(*t->to));
		t->from[t->nrenames] = xstrndup(v[i].slug, v[i].len);
		t->to[t->nrenames++] = xstrndup(v[j].slug, v[j].len);
	}
}

void
history_touched(git_repository *git, const char *prefix, git_commit *c,
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
	if (np <= 1)
		find_renames(acc.v, n, t);
out:
	for (k = 0; k < w.nkeep; k++)
		git_tree_free(w.keep[k]);
	free(w.keep);
	free(got.v);
	free(acc.v);
}

void
history_touched_free(struct touched *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->slug[i]);
	free(t->slug);
	for (i = 0; i < t->nrenames; i++) {
		free(t->from[i]);
		free(t->to[i]);
	}
	free(t->from);
	free(t->to);
}

