/*
 * repo_int.h: what repo.c and history.c share; not for other modules.
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

/* The repository's path for a workspace path, allocated. */
char	*repo_git_path(const struct repo *, const char *path);
/* Reports libgit2's last error as "what: why" about the file "rapport". */
void	repo_git_fail(struct diags *, const char *what);

#endif
