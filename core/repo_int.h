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
/*
 * The commits reachable from head and not from hide (may be NULL), newest
 * first, in *out (allocated, *n of them).  In a shallow clone the walk
 * stops where the clone was cut (libgit2's revwalk fails there).
 * Returns 0, or -1 (libgit2's error set).
 */
int	repo_walk(struct repo *, const git_oid *head, const git_oid *hide,
	    git_oid **out, size_t *n);
/*
 * Copies blob id into an allocated, NUL-terminated buffer (*s, *len
 * bytes): 0, or -1 (libgit2's error set).
 */
int	repo_blob_text(git_repository *, const git_oid *id, char **s,
	    size_t *len);
/*
 * Makes every object written through git (blobs, trees, commits) go
 * through one writer that writes it again when git's maintenance removed
 * its folder meanwhile (repo_odb.c).  Returns 0, or -1 (libgit2's error
 * set).
 */
int	repo_odb_retry(git_repository *);

#endif
