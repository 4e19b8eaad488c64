/*
 * repo_int.h: what the files of the git folder (repo*.c, history.c)
 * share; not for other modules, which use repo.h's accessors.
 */
#ifndef RAPPORT_REPO_INT_H
#define RAPPORT_REPO_INT_H

#include <git2.h>

#include "diag.h"
#include "repo.h"

struct repo {
	git_repository	*git;
	char		*workdir;	/* resolved, ends in '/' */
	char		*prefix;	/* workspace root in the work tree: "" or "a/b/" */
	int		 ready;
	struct repo_ident author;
	struct repo_ident committer;
};

/*
 * Makes every object written through git (blobs, trees, commits) go
 * through one writer that writes it again when git's maintenance removed
 * its folder meanwhile (repo_odb.c).  Returns 0, or -1 (libgit2's error
 * set).
 */
int	repo_odb_retry(git_repository *);

#endif
