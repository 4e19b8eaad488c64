/*
 * commit_plan.c: what "rapport commit" commits (see commit_plan.h).
 */
#include <stdlib.h>
#include <string.h>

#include "commit_plan.h"
#include "util.h"

/* Whether path is one of rapport's workspace files that the walk read. */
static int
read_by_rapport(const struct workspace *ws, const char *path)
{
	size_t j;

	if (strcmp(path, "rapport.ini") == 0)
		return 1;
	for (j = 0; j < ws->npaths; j++)
		if (strcmp(ws->paths[j], path) == 0)
			return 1;
	return 0;
}

/*
 * Whether the added or removed file i has its other half among the files
 * in[] marks: a file of the other kind (removed, added) under the same
 * slug.  The one rule of what a move is.
 */
static int
other_half(const struct commit_plan *p, size_t i, const int *in)
{
	const struct plan_file *f = &p->v[i], *o;
	size_t j;

	if (f->kind != REPO_ADDED && f->kind != REPO_REMOVED)
		return 0;
	for (j = 0; j < p->n; j++) {
		o = &p->v[j];
		if (in[j] && (o->kind == REPO_ADDED || o->kind == REPO_REMOVED) &&
		    o->kind != f->kind && strcmp(o->slug, f->slug) == 0)
			return 1;
	}
	return 0;
}

/*
 * Leaves every file not given, but for the old place of a file given
 * that moved (removed here, added there under the same slug).
 */
static void
pick(struct commit_plan *p, char *const *files, size_t nfiles)
{
	int *given = xcalloc(p->n + 1, sizeof(*given));
	size_t i, j;

	for (i = 0; i < p->n; i++)
		for (j = 0; j < nfiles && !given[i]; j++)
			given[i] = p->v[i].left == PLAN_TAKEN &&
			    strcmp(p->v[i].path, files[j]) == 0;
	/*
	 * Then each removed file whose new place was given: other_half
	 * looks only at added files for it, which this loop never marks.
	 */
	for (i = 0; i < p->n; i++)
		if (!given[i] && p->v[i].left == PLAN_TAKEN &&
		    p->v[i].kind == REPO_REMOVED && other_half(p, i, given))
			given[i] = 1;
	for (i = 0; i < p->n; i++)
		if (p->v[i].left == PLAN_TAKEN && !given[i]) {
			p->v[i].left = PLAN_NOT_GIVEN;
			p->ntaken--;
		}
	free(given);
}

/* Marks the halves of each move among the files taken. */
static void
pair_moves(struct commit_plan *p)
{
	int *taken = xcalloc(p->n + 1, sizeof(*taken));
	size_t i;

	for (i = 0; i < p->n; i++)
		taken[i] = p->v[i].left == PLAN_TAKEN;
	for (i = 0; i < p->n; i++)
		p->v[i].moved = taken[i] && other_half(p, i, taken);
	free(taken);
}

int
commit_plan_make(struct commit_plan *p, struct repo *r,
    const struct workspace *ws, char *const *files, size_t nfiles,
    struct diags *d)
{
	struct repo_file *f = NULL;
	size_t n = 0, i;

	memset(p, 0, sizeof(*p));
	if (repo_changes(r, &f, &n, d) == -1 ||
	    (p->nheads = repo_merge_heads(r, p->heads, 8, d)) == -1 ||
	    (p->nheads > 0 && repo_merge_files(r, &p->mf, &p->nmf, d) == -1)) {
		repo_files_free(f, n);
		return -1;
	}
	if (p->nheads > 0 && nfiles > 0) {
		repo_files_free(f, n);
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "a merge is concluded "
		    "whole: run 'rapport commit' without files");
		return -1;
	}
	p->v = xcalloc(n + p->nmf + 1, sizeof(*p->v));
	for (i = 0; i < n; i++) {
		struct plan_file *pf = &p->v[p->n++];
		const struct ws_skip *k;

		pf->path = f[i].path;	/* the plan's now */
		pf->slug = ws_slug(pf->path);
		pf->kind = f[i].kind;
		if (f[i].kind == REPO_IGNORED)
			pf->left = PLAN_IGNORED;
		else if (f[i].kind != REPO_REMOVED &&
		    !read_by_rapport(ws, f[i].path)) {
			pf->left = PLAN_UNREAD;
			k = ws_skipped(ws, f[i].path);
			pf->why = k != NULL ? k->why : NULL;
		} else
			p->ntaken++;
	}
	free(f);
	/*
	 * Concluding a merge: its client files are committed as the work
	 * tree holds them, validated like any other.
	 */
	for (i = 0; i < p->nmf; i++) {
		const char *path = p->mf[i].path;

		if (!repo_workspace_file(path) || commit_plan_find(p, path))
			continue;
		p->v[p->n].path = xstrdup(path);
		p->v[p->n].slug = ws_slug(path);
		p->v[p->n++].kind = REPO_MODIFIED;
		p->ntaken++;
	}
	if (nfiles > 0)
		pick(p, files, nfiles);
	pair_moves(p);
	return 0;
}

const char **
commit_plan_to_check(const struct commit_plan *p, size_t *n)
{
	const char **v = xcalloc(p->n + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < p->n; i++)
		if ((p->v[i].left == PLAN_TAKEN ||
		    p->v[i].left == PLAN_NOT_GIVEN) &&
		    p->v[i].kind != REPO_REMOVED &&
		    strcmp(p->v[i].path, "rapport.ini") != 0)
			v[(*n)++] = p->v[i].path;
	return v;
}

const struct plan_file *
commit_plan_find(const struct commit_plan *p, const char *path)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].path, path) == 0)
			return &p->v[i];
	return NULL;
}

void
commit_plan_free(struct commit_plan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->v[i].path);
		free(p->v[i].slug);
	}
	free(p->v);
	repo_merge_files_free(p->mf, p->nmf);
	memset(p, 0, sizeof(*p));
}
