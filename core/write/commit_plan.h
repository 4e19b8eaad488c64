/*
 * commit_plan.h: what "rapport commit" commits (rapport(1)): the client
 * files (clients/ ** / *.md) and rapport.ini that differ from HEAD, or
 * only the files given (a moved file with its old place, half of the same
 * change), and why each other changed file is left; with a merge being
 * concluded, its heads and files.  The command prints and commits from
 * it; the rules are here, once.
 */
#ifndef RAPPORT_COMMIT_PLAN_H
#define RAPPORT_COMMIT_PLAN_H

#include <stddef.h>

#include "diag.h"
#include "repo.h"
#include "workspace.h"

/* Why a changed file is committed or left. */
enum plan_left {
	PLAN_TAKEN,		/* committed */
	PLAN_IGNORED,		/* git ignores it (a .gitignore names it) */
	PLAN_UNREAD,		/* rapport does not read it (hidden, too deep) */
	PLAN_NOT_GIVEN		/* files were given, and not this one */
};

struct plan_file {
	char		*path;	/* in the workspace; owned by the plan */
	enum repo_kind	 kind;	/* REPO_ADDED, REPO_MODIFIED or REPO_REMOVED;
				   REPO_IGNORED when left so */
	enum plan_left	 left;
	const char	*why;	/* PLAN_UNREAD: the workspace's reason, or
				   NULL; lives as long as the workspace */
	char		*slug;	/* ws_slug of path; owned by the plan */
	int		 moved;	/* taken, added or removed, with a taken
				   file of the other kind and the same
				   slug: the two halves of a move */
};

struct commit_plan {
	struct plan_file	*v;	/* every changed file, by path */
	size_t			 n;
	size_t			 ntaken;
	char			 heads[8][41];	/* a merge's other heads */
	int			 nheads;
	struct repo_merge_file	*mf;	/* and its files */
	size_t			 nmf;
};

/*
 * Makes the plan of a commit of files (nfiles workspace paths, each a
 * client file or rapport.ini), or of every changed file when nfiles is 0:
 * a merge being concluded adds its client files as changed.  Returns 0;
 * -1 (reported to d) when git cannot be read, or files are given while a
 * merge is concluded (it is concluded whole).  commit_plan_free frees it
 * whatever is returned.
 */
int	commit_plan_make(struct commit_plan *, struct repo *,
	    const struct workspace *, char *const *files, size_t nfiles,
	    struct diags *);
/*
 * The changed client files that still exist, read or not left for being
 * unread or ignored: what is validated (their errors are reported, and
 * stop the commit only when taken).  An allocated array of the plan's
 * strings, *n of them.
 */
const char **commit_plan_to_check(const struct commit_plan *, size_t *n);
/* The file of path in the plan, or NULL when it did not change. */
const struct plan_file *commit_plan_find(const struct commit_plan *,
	    const char *path);
void	commit_plan_free(struct commit_plan *);

#endif
