/*
 * treemerge.h: the merge of two commits from their merge base, file by
 * file (SPEC section 6), for sync.
 *
 * Each side's changes from the base are found as git finds them (a diff
 * of trees, renames detected by content), then merged per file:
 *	- changed on one side only: that side's version, at that side's path
 *	  (a file moved into clients/archive/ on one side and changed on the
 *	  other ends moved and changed);
 *	- changed on both: the rapport merge (merge.h) for client files and
 *	  rapport.ini, git's line merge for any other text, and a conflict
 *	  for other bytes (ours is kept);
 *	- removed on one side and changed on the other: a conflict, the
 *	  changed text kept between markers whose other half is empty, so
 *	  that check reports it and either answer is one edit away;
 *	- added on both at one path: merged as if from an empty file.
 * The result names only the files whose outcome differs from ours, which
 * is what the work tree and the index need to take.  Nothing is written
 * but the merged texts; the write path (change.h) puts them in place.
 */
#ifndef RAPPORT_TREEMERGE_H
#define RAPPORT_TREEMERGE_H

#include <stddef.h>

#include <git2.h>

#include "diag.h"

/* Where git's index keeps the versions of a conflict. */
enum { STAGE_BASE, STAGE_OURS, STAGE_THEIRS, STAGE__N };

struct treemerge_file {
	char		*path;		/* relative to the repository */
	int		 exists;	/* 0: the merge removes it */
	char		*text;		/* merged bytes (marked if conflicted) */
	size_t		 len;
	unsigned	 mode;
	int		 conflicts;	/* conflicts marked in it (0: clean) */
	const char	*why;		/* the kind of conflict, for people */
	unsigned	 said;		/* merge_said's (MERGE_BOTH_REORDERED) */
	int		 client;	/* a client file or rapport.ini */
	/* For git's index when conflicted: each side's blob (zero: none). */
	git_oid		 stage[STAGE__N];
	unsigned	 stage_mode[STAGE__N];
};

struct treemerge {
	struct treemerge_file	*v;	/* sorted by path */
	size_t			 n;
	size_t			 nconflicts;	/* files with conflicts */
	size_t			 nclients;	/* client files it changes */
};

/*
 * Merges theirs into ours from base (NULL: no common history, merged as
 * if from an empty tree).  prefix is the workspace's folder in the
 * repository ("" or "a/b/").  Returns 0, or -1 (reported) when it cannot
 * read the commits or meets what it does not merge (a symbolic link or a
 * submodule changed on their side).
 */
int	treemerge_run(git_repository *, const char *prefix,
	    const git_oid *base, const git_oid *ours, const git_oid *theirs,
	    struct treemerge *, struct diags *);
void	treemerge_free(struct treemerge *);
/*
 * Whether a merge may write path with git file mode mode: 1 for a file;
 * 0 (reported: merge it with git) for a symbolic link or a submodule.
 */
int	treemerge_mergeable(const char *path, unsigned mode, struct diags *);
/*
 * Whether path (relative to the repository) is a client file or the
 * rapport.ini of the workspace at prefix: what the rapport merge takes.
 */
int	treemerge_client(const char *prefix, const char *path);

#endif
