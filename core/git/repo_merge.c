/*
 * repo_merge.c: a merge in progress, as git records it (see repo.h):
 * GITDIR/MERGE_HEAD names the commits being merged in, MERGE_MSG the
 * message, and the index holds each unresolved file as stages 1 to 3
 * beside the merged files, staged.  rapport sync leaves exactly what git
 * merge leaves, so that either program can conclude either's merge.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "fileio.h"
#include "repo_int.h"
#include "util.h"

int
repo_merge_heads(struct repo *r, char (*ids)[41], size_t max,
    struct diags *d)
{
	char *path = xasprintf("%sMERGE_HEAD", git_repository_path(r->git));
	char *data = NULL, *s;
	size_t len = 0, n = 0;
	git_oid id;
	int rc = 0;

	if (file_read_all(path, &data, &len) == -1)
		goto out;	/* no merge */
	for (s = data; *s != '\0' && rc == 0; s += strcspn(s, "\n"),
	    s += *s == '\n') {
		if (strcspn(s, "\n") == 0)
			continue;
		if (strcspn(s, "\n") != GIT_OID_HEXSZ ||
		    git_oid_fromstrn(&id, s, GIT_OID_HEXSZ) < 0 || n >= max) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is not a "
			    "list of commits that rapport can conclude: "
			    "conclude this merge with git commit", path);
			rc = -1;
			break;
		}
		git_oid_tostr(ids[n++], 41, &id);
	}
	if (rc == 0)
		rc = (int)n;
out:
	free(data);
	free(path);
	return rc;
}

static int
by_path(const void *a, const void *b)
{
	const struct repo_merge_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

struct collect {
	struct repo		*r;
	struct repo_merge_file	*v;
	size_t			 n, cap;
	int			 outside;
	struct diags		*d;
};

static void
collect_add(struct collect *c, const char *gpath, int conflicted)
{
	size_t np = strlen(c->r->prefix), i;

	if (strncmp(gpath, c->r->prefix, np) != 0) {
		diag_msg(c->d, "rapport", 0, 0, DIAG_ERROR, "the merge holds "
		    "%s, outside the workspace: conclude it with git commit",
		    gpath);
		c->outside = 1;
		return;
	}
	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].path, gpath + np) == 0) {
			c->v[i].conflicted |= conflicted;
			return;
		}
	xgrow(&c->v, &c->cap, c->n + 1, sizeof(*c->v));
	c->v[c->n].path = xstrdup(gpath + np);
	c->v[c->n++].conflicted = conflicted;
}

int
repo_merge_files(struct repo *r, struct repo_merge_file **out, size_t *n,
    struct diags *d)
{
	struct collect c;
	git_index *idx = NULL;
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *a, *o, *t;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_diff *diff = NULL;
	git_oid id;
	size_t i;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.d = d;
	*out = NULL;
	*n = 0;
	if (git_repository_index(&idx, r->git) < 0 ||
	    git_index_read(idx, 1) < 0) {
		repo_fail_git(d, "cannot read git's index");
		goto out;
	}
	if (git_reference_name_to_id(&id, r->git, "HEAD") == 0 &&
	    (git_commit_lookup(&head, r->git, &id) < 0 ||
	    git_commit_tree(&tree, head) < 0)) {
		repo_fail_git(d, "cannot read HEAD");
		goto out;
	}
	if (git_diff_tree_to_index(&diff, r->git, tree, idx, NULL) < 0) {
		repo_fail_git(d, "cannot compare git's index with HEAD");
		goto out;
	}
	for (i = 0; i < git_diff_num_deltas(diff); i++) {
		const git_diff_delta *g = git_diff_get_delta(diff, i);

		if (g->status != GIT_DELTA_CONFLICTED)
			collect_add(&c, g->status == GIT_DELTA_DELETED ?
			    g->old_file.path : g->new_file.path, 0);
	}
	if (git_index_conflict_iterator_new(&it, idx) < 0) {
		repo_fail_git(d, "cannot read git's index");
		goto out;
	}
	while (git_index_conflict_next(&a, &o, &t, it) == 0)
		collect_add(&c, (a != NULL ? a : o != NULL ? o : t)->path, 1);
	if (c.outside)
		goto out;
	if (c.n > 1)
		qsort(c.v, c.n, sizeof(*c.v), by_path);
	*out = c.v;
	*n = c.n;
	c.v = NULL;
	c.n = 0;
	rc = 0;
out:
	repo_merge_files_free(c.v, c.n);
	git_index_conflict_iterator_free(it);
	git_diff_free(diff);
	git_tree_free(tree);
	git_commit_free(head);
	git_index_free(idx);
	return rc;
}

void
repo_merge_files_free(struct repo_merge_file *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].path);
	free(v);
}

char *
repo_merge_message(struct repo *r)
{
	char *path = xasprintf("%sMERGE_MSG", git_repository_path(r->git));
	char *data = NULL, *s;
	struct buf b = { 0 };
	size_t len = 0, l;

	if (file_read_all(path, &data, &len) == 0)
		for (s = data; *s != '\0'; s += l + (s[l] == '\n')) {
			l = strcspn(s, "\n");
			if (*s != '#')
				buf_printf(&b, "%.*s\n", (int)l, s);
		}
	free(data);
	free(path);
	/* Without the blank lines the comments left at its end. */
	while (b.len > 0 && b.s[b.len - 1] == '\n')
		b.s[--b.len] = '\0';
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

int
repo_merge_end(struct repo *r, struct diags *d)
{
	if (git_repository_state_cleanup(r->git) < 0) {
		repo_fail_git(d, "the merge is committed, but git's record of "
		    "it could not be removed");
		return -1;
	}
	return 0;
}

int
repo_conflicted(struct repo *r, const char *path)
{
	git_index *idx = NULL;
	const git_index_entry *a, *o, *t;
	char *gpath = xasprintf("%s%s", r->prefix, path);
	int rc = -1;

	if (git_repository_index(&idx, r->git) == 0 &&
	    git_index_read(idx, 1) == 0)
		rc = git_index_conflict_get(&a, &o, &t, idx, gpath) == 0;
	git_index_free(idx);
	free(gpath);
	return rc;
}
