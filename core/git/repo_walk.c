/*
 * repo_walk.c: the commits reachable from HEAD, for history.c (see
 * repo_int.h), also in a shallow clone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "repo.h"
#include "repo_int.h"
#include "util.h"

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
