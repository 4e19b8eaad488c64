/*
 * repo_history.c: the commits of one client file, following it between
 * folders of clients/ (see repo.h, repo_history).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "repo.h"
#include "repo_int.h"
#include "util.h"

/*
 * Looks under tree for a blob named base, at most depth folders down;
 * returns its path below prefix (allocated) or NULL.
 */
static char *
find_blob(git_repository *git, const git_tree *tree, const char *prefix,
    const char *base, int depth)
{
	size_t i, n = git_tree_entrycount(tree);
	char *found = NULL;

	for (i = 0; i < n && found == NULL; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		git_tree *sub;

		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
		    strcmp(name, base) == 0)
			found = xasprintf("%s/%s", prefix, name);
		else if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		    depth > 0 && name[0] != '.' &&
		    git_tree_lookup(&sub, git, git_tree_entry_id(e)) == 0) {
			char *p = xasprintf("%s/%s", prefix, name);

			found = find_blob(git, sub, p, base, depth - 1);
			free(p);
			git_tree_free(sub);
		}
	}
	return found;
}

/* The blob id at path in commit c's tree; 0, or -1 when absent. */
static int
blob_at(const git_commit *c, const char *path, git_oid *id)
{
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	int rc = -1;

	if (git_commit_tree(&t, c) == 0 &&
	    git_tree_entry_bypath(&e, t, path) == 0) {
		git_oid_cpy(id, git_tree_entry_id(e));
		rc = 0;
	}
	git_tree_entry_free(e);
	git_tree_free(t);
	return rc;
}

/* Where the client file at path was in parent, when it moved there. */
static char *
moved_from(struct repo *r, const git_commit *parent, const char *path)
{
	const char *base = strrchr(path, '/');
	git_tree *t = NULL, *cl = NULL;
	git_tree_entry *e = NULL;
	char *dir = xasprintf("%sclients", r->prefix), *found = NULL;

	base = base ? base + 1 : path;
	if (git_commit_tree(&t, parent) == 0 &&
	    git_tree_entry_bypath(&e, t, dir) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&cl, r->git, git_tree_entry_id(e)) == 0)
		found = find_blob(r->git, cl, dir, base, 8);
	git_tree_free(cl);
	git_tree_entry_free(e);
	git_tree_free(t);
	free(dir);
	return found;
}

long
repo_history(struct repo *r, const char *path,
    int (*cb)(const struct repo_commit *, void *), void *arg,
    struct diags *d)
{
	git_revwalk *walk = NULL;
	git_oid oid, mine, theirs;
	char *cur = repo_git_path(r, path);
	long count = 0;
	int unborn;

	if ((unborn = git_repository_head_unborn(r->git)) == 1)
		goto out;
	if (unborn < 0 || git_revwalk_new(&walk, r->git) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL |
	    GIT_SORT_TIME) < 0 ||
	    git_revwalk_push_head(walk) < 0) {
		repo_git_fail(d, "cannot read the history");
		count = -1;
		goto out;
	}
	while (git_revwalk_next(&oid, walk) == 0) {
		git_commit *c = NULL;
		unsigned int i, np;
		int touched, stop = 0;
		char *moved = NULL;

		if (git_commit_lookup(&c, r->git, &oid) < 0) {
			repo_git_fail(d, "cannot read a commit");
			count = -1;
			goto out;
		}
		if (blob_at(c, cur, &mine) == -1) {
			git_commit_free(c);
			continue;
		}
		/*
		 * A commit touched the file when it differs from every
		 * parent (a merge that took one side's version did not).
		 */
		np = git_commit_parentcount(c);
		touched = 1;
		for (i = 0; i < np && touched; i++) {
			git_commit *p = NULL;

			if (git_commit_parent(&p, c, i) < 0)
				continue;
			if (blob_at(p, cur, &theirs) == 0) {
				if (git_oid_equal(&mine, &theirs))
					touched = 0;
			} else if (i == 0)
				moved = moved_from(r, p, cur);
			git_commit_free(p);
		}
		if (touched) {
			const git_signature *a = git_commit_author(c);
			struct repo_commit info;
			git_buf sb = { NULL, 0, 0 };
			int64_t local;

			memset(&info, 0, sizeof(info));
			git_oid_tostr(info.id, sizeof(info.id), &oid);
			if (git_object_short_id(&sb, (const git_object *)c) == 0)
				snprintf(info.short_id, sizeof(info.short_id), "%s",
				    sb.ptr);
			else
				snprintf(info.short_id, sizeof(info.short_id),
				    "%.7s", info.id);
			git_buf_dispose(&sb);
			info.author = a->name;
			info.email = a->email;
			info.when = (int64_t)a->when.time;
			info.offset = a->when.offset;
			local = info.when + (int64_t)info.offset * 60;
			info.day = (date_t)(local >= 0 ? local / 86400 :
			    (local - 86399) / 86400);
			info.summary = git_commit_summary(c);
			if (info.summary == NULL)
				info.summary = "";
			info.path = cur + strlen(r->prefix);
			count++;
			stop = cb(&info, arg);
		}
		git_commit_free(c);
		if (moved != NULL) {
			free(cur);
			cur = moved;
		}
		if (stop)
			break;
	}
out:
	git_revwalk_free(walk);
	free(cur);
	return count;
}
