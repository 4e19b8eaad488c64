/*
 * sync.h: a workspace shared through a git remote (SPEC section 6).
 *
 * sync_run is one "rapport sync": with no uncommitted client work, it
 * fetches the remote branch (through the git program, gitproc.h), merges
 * it (treemerge.h) and puts the result in place through the write path
 * (change.h), then pushes; a push refused because the remote moved meanwhile
 * starts the round again, up to opts->tries rounds.
 *	- A remote that has only what we have: nothing to merge.
 *	- We have only what the remote has, and less: the branch moves to
 *	  the remote's commit (a fast-forward), no commit is made.
 *	- Both have changes: one merge commit, with the remote's as second
 *	  parent, once every merged client file and rapport.ini validates.
 *	- A conflict: nothing is committed or pushed; the work tree holds the
 *	  merged files, the conflicting ones marked; git's index holds those
 *	  in conflict and the rest staged, and MERGE_HEAD names the remote's
 *	  commit: the state a "git merge" leaves, which "rapport commit" (or
 *	  git commit) concludes.
 * The branch is HEAD's; the remote is opts->remote, else the branch's
 * upstream, else "origin"; the remote branch is the upstream's, else the
 * one of the same name.
 */
#ifndef RAPPORT_SYNC_H
#define RAPPORT_SYNC_H

#include <stddef.h>

#include "diag.h"
#include "repo.h"

/*
 * Validates text, the merged version of path (relative to the workspace:
 * a client file, or rapport.ini), reporting to d; returns the number of
 * errors.
 */
typedef int sync_valid_fn(const char *path, const char *text, size_t len,
    void *arg, struct diags *d);

struct sync_opts {
	const char	*remote;	/* NULL: the upstream's, or origin */
	int		 tries;		/* rounds when the push is refused */
	int		 no_verify;	/* skip pre-merge-commit, commit-msg */
	sync_valid_fn	*valid;
	void		*arg;
};

/* A file left in conflict. */
struct sync_conflict {
	char		*path;		/* relative to the workspace */
	int		 n;		/* conflicts marked in it */
	const char	*why;
	int		*lines;		/* where each starts (its <<<<<<< line) */
	char		**what;		/* what each is about (conflict.h) */
	int		 nlines;
};

struct sync_result {
	char		*remote;	/* "origin" */
	char		*branch;	/* "origin/main", as people write it */
	size_t		 fetched;	/* commits new here, over all rounds */
	size_t		 merged;	/* client files the merges changed */
	size_t		 pushed;	/* commits the push sent */
	int		 rounds;
	int		 fast_forward;	/* the last round moved the branch */
	int		 merge_commit;	/* a round made a merge commit */
	int		 nothing;	/* remote and branch were the same */
	int		 no_remote_branch; /* the push made it */
	struct sync_conflict *conflicts;
	size_t		 nconflicts;
};

enum {
	SYNC_FAILED = -1,	/* reported; nothing merged or pushed */
	SYNC_DONE = 0,		/* merged and pushed, or nothing to do */
	SYNC_CONFLICTS = 1,	/* stopped at conflicts (res->conflicts) */
	SYNC_BUSY = 2		/* the remote kept moving: tries used up */
};

/* Needs repo_ready.  One of the values above; res is filled as it goes. */
int	sync_run(struct repo *, const struct sync_opts *, struct sync_result *,
	    struct diags *);
void	sync_result_free(struct sync_result *);

#endif
