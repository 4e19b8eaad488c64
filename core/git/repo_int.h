/*
 * repo_int.h: what the files of the git folder (repo*.c, history.c)
 * share; not for other modules, which use repo.h's accessors.
 */
#ifndef RAPPORT_REPO_INT_H
#define RAPPORT_REPO_INT_H

#include <git2.h>

#include "diag.h"
#include "repo.h"
#include "textstore.h"
#include "util.h"

struct repo {
	git_repository	*git;
	char		*workdir;	/* resolved, ends in '/' */
	char		*prefix;	/* workspace root in the work tree: "" or "a/b/" */
	int		 ready;
	struct repo_ident author;
	struct repo_ident committer;
	/* repo_open_rev: the commit read instead of the work tree. */
	git_oid		 tip;
	int		 has_tip;
	char		*tip_hex;
	struct textstore *texts;	/* the texts read before (textstore.h) */
	/* Handles of the threads reading its files (repo_tree.c). */
	git_repository	*readers[UTIL_MAX_JOBS];
	int		 tried[UTIL_MAX_JOBS];
};

/* git_libgit2_init and rapport's settings, once per repo_open. */
void	repo_lib_init(void);
/* Frees what repo_open_rev added (repo_close calls it). */
void	repo_rev_close(struct repo *);

/*
 * Makes every object written through git (blobs, trees, commits) go
 * through one writer that writes it again when git's maintenance removed
 * its folder meanwhile (repo_odb.c).  Returns 0, or -1 (libgit2's error
 * set).
 */
int	repo_odb_retry(git_repository *);

#endif
