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

/* ---- the commits from HEAD ------------------------------------------ */

/* A commit waiting to be listed: a max-heap by commit time. */
struct pending {
	git_oid		 id;
	int64_t		 time;
};

static void
heap_push(struct pending **h, size_t *n, size_t *cap, const git_oid *id,
    int64_t t)
{
	size_t i;

	xgrow(h, cap, *n + 1, sizeof(**h));
	for (i = (*n)++; i > 0 && (*h)[(i - 1) / 2].time < t; i = (i - 1) / 2)
		(*h)[i] = (*h)[(i - 1) / 2];
	git_oid_cpy(&(*h)[i].id, id);
	(*h)[i].time = t;
}

static struct pending
heap_pop(struct pending *h, size_t *n)
{
	struct pending top = h[0], last = h[--*n];
	size_t i = 0, c;

	while ((c = 2 * i + 1) < *n) {
		if (c + 1 < *n && h[c + 1].time > h[c].time)
			c++;
		if (h[c].time <= last.time)
			break;
		h[i] = h[c];
		i = c;
	}
	if (*n > 0)
		h[i] = last;
	return top;
}

/*
 * A shallow clone's commits, newest first by commit time: libgit2 1.5's
 * revwalk gives up at the first parent the clone cut off, so this walk
 * stops there instead.
 */
static int
walk_shallow(struct repo *r, const git_oid *head, git_oid **out, size_t *n)
{
	struct pending *heap = NULL;
	git_oid *seen = NULL;
	size_t nh = 0, caph = 0, ns = 0, caps = 0, capo = 0, i;
	git_commit *c = NULL;

	if (git_commit_lookup(&c, r->git, head) < 0)
		return -1;
	heap_push(&heap, &nh, &caph, head, git_commit_time(c));
	git_commit_free(c);
	while (nh > 0) {
		struct pending p = heap_pop(heap, &nh);
		unsigned k;

		for (i = 0; i < ns && !git_oid_equal(&seen[i], &p.id); i++)
			continue;
		if (i < ns || git_commit_lookup(&c, r->git, &p.id) < 0)
			continue;	/* listed, or cut off by the clone */
		xgrow(&seen, &caps, ns + 1, sizeof(*seen));
		git_oid_cpy(&seen[ns++], &p.id);
		xgrow(out, &capo, *n + 1, sizeof(**out));
		git_oid_cpy(&(*out)[(*n)++], &p.id);
		for (k = 0; k < git_commit_parentcount(c); k++) {
			git_commit *parent = NULL;

			if (git_commit_parent(&parent, c, k) == 0) {
				heap_push(&heap, &nh, &caph,
				    git_commit_id(parent),
				    git_commit_time(parent));
				git_commit_free(parent);
			}
		}
		git_commit_free(c);
	}
	free(heap);
	free(seen);
	return 0;
}

int
repo_walk(struct repo *r, const git_oid *head, const git_oid *hide,
    git_oid **out, size_t *n)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	size_t cap = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (git_repository_is_shallow(r->git) == 1)
		return walk_shallow(r, head, out, n);
	if (git_revwalk_new(&walk, r->git) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME) <
	    0 || git_revwalk_push(walk, head) < 0 ||
	    (hide != NULL && git_revwalk_hide(walk, hide) < 0))
		goto out;
	while ((rc = git_revwalk_next(&oid, walk)) == 0) {
		xgrow(out, &cap, *n + 1, sizeof(**out));
		git_oid_cpy(&(*out)[(*n)++], &oid);
	}
	rc = rc == GIT_ITEROVER ? 0 : -1;
out:
	git_revwalk_free(walk);
	return rc;
}

int
repo_shallow(const struct repo *r)
{
	return git_repository_is_shallow(r->git) == 1;
}

long
repo_history(struct repo *r, const char *path,
    int (*cb)(const struct repo_commit *, void *), void *arg,
    struct diags *d)
{
	git_oid head, oid, mine, theirs, *oids = NULL;
	char *cur = repo_git_path(r, path);
	size_t noids = 0, at;
	long count = 0;
	int unborn;

	if ((unborn = git_repository_head_unborn(r->git)) == 1)
		goto out;
	if (unborn < 0 || git_reference_name_to_id(&head, r->git, "HEAD") < 0 ||
	    repo_walk(r, &head, NULL, &oids, &noids) == -1) {
		repo_git_fail(d, "cannot read the history");
		count = -1;
		goto out;
	}
	for (at = 0; at < noids; at++) {
		git_commit *c = NULL;
		unsigned int i, np;
		int touched, stop = 0;
		char *moved = NULL;

		oid = oids[at];
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
	free(oids);
	free(cur);
	return count;
}
