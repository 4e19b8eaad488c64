/*
 * repo_status.c: what differs from HEAD among the workspace's files (see
 * repo.h, repo_changes).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>

#include "repo.h"
#include "repo_int.h"
#include "util.h"

/* HEAD's commit and tree; both NULL on an unborn branch. */
static int
head_tree(struct repo *r, git_commit **commit, git_tree **tree,
    struct diags *d)
{
	git_oid id;
	int unborn;

	*commit = NULL;
	*tree = NULL;
	if ((unborn = git_repository_head_unborn(r->git)) == 1)
		return 0;
	if (unborn < 0 || git_reference_name_to_id(&id, r->git, "HEAD") < 0 ||
	    git_commit_lookup(commit, r->git, &id) < 0 ||
	    git_commit_tree(tree, *commit) < 0) {
		repo_fail_git(d, "cannot read HEAD");
		git_commit_free(*commit);
		*commit = NULL;
		return -1;
	}
	return 0;
}

static int
in_tree(git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;

	if (tree == NULL || git_tree_entry_bypath(&e, tree, path) < 0)
		return 0;
	git_tree_entry_free(e);
	return 1;
}

int
repo_workspace_file(const char *p)
{
	size_t n = strlen(p);
	const char *s;

	if (strcmp(p, "rapport.ini") == 0)
		return 1;
	if (strncmp(p, "clients/", 8) != 0 || n < 12 ||
	    strcmp(p + n - 3, ".md") != 0)
		return 0;
	/* Hidden files and folders are not part of the workspace. */
	for (s = p + 7; s != NULL; s = strchr(s + 1, '/'))
		if (s[1] == '.')
			return 0;
	return 1;
}

static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct repo_file *)a)->path,
	    ((const struct repo_file *)b)->path);
}

void
repo_files_free(struct repo_file *f, size_t n)
{
	size_t i;

	for (i = 0; f != NULL && i < n; i++)
		free(f[i].path);
	free(f);
}

int
repo_changes(struct repo *r, struct repo_file **out, size_t *np,
    struct diags *d)
{
	git_status_options opts;
	git_status_list *list = NULL;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	struct repo_file *f = NULL;
	char *spec[2], *full;
	size_t i, n = 0, cap = 0, plen = strlen(r->prefix), count;
	int rc = -1;
	struct stat st;

	*out = NULL;
	*np = 0;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	    GIT_STATUS_OPT_INCLUDE_IGNORED |
	    GIT_STATUS_OPT_RECURSE_IGNORED_DIRS |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	spec[0] = xasprintf("%sclients", r->prefix);
	spec[1] = xasprintf("%srapport.ini", r->prefix);
	/* Pathspecs are patterns: a prefix with pattern characters is not. */
	if (strpbrk(r->prefix, "*?[\\") == NULL) {
		opts.pathspec.strings = spec;
		opts.pathspec.count = 2;
	}
	if (head_tree(r, &head, &tree, d) == -1)
		goto out;
	if (git_status_list_new(&list, r->git, &opts) < 0) {
		repo_fail_git(d, "cannot compare the work tree with HEAD");
		goto out;
	}
	count = git_status_list_entrycount(list);
	for (i = 0; i < count; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *dd;
		const char *p;

		if (e->status == GIT_STATUS_CURRENT)
			continue;
		dd = e->index_to_workdir ? e->index_to_workdir :
		    e->head_to_index;
		if (dd == NULL)
			continue;
		p = dd->new_file.path ? dd->new_file.path : dd->old_file.path;
		if (strncmp(p, r->prefix, plen) != 0 ||
		    !repo_workspace_file(p + plen))
			continue;
		xgrow(&f, &cap, n + 1, sizeof(*f));
		f[n].path = xstrdup(p + plen);
		full = xasprintf("%s%s", r->workdir, p);
		if (e->status & GIT_STATUS_IGNORED)
			f[n].kind = REPO_IGNORED;
		else if (lstat(full, &st) == -1 && errno == ENOENT)
			f[n].kind = REPO_REMOVED;
		else
			f[n].kind = in_tree(tree, p) ? REPO_MODIFIED :
			    REPO_ADDED;
		free(full);
		/* Staged, then deleted: HEAD never had it, nothing changed. */
		if (f[n].kind == REPO_REMOVED && !in_tree(tree, p)) {
			free(f[n].path);
			continue;
		}
		n++;
	}
	if (n > 1)
		qsort(f, n, sizeof(*f), file_cmp);
	*out = f;
	*np = n;
	f = NULL;
	rc = 0;
out:
	repo_files_free(f, n);
	free(spec[0]);
	free(spec[1]);
	git_status_list_free(list);
	git_tree_free(tree);
	git_commit_free(head);
	return rc;
}

