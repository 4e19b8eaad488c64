/*
 * since.h: what became of some workspace files between an earlier commit
 * and HEAD, for the digest's "changed since the last one" (SPEC section
 * 10): each file's text then and now, and each commit between that
 * changed it, with its author and the file before and after it.
 *
 * Texts are raw bytes as the blobs hold them; reading them as client
 * files is the caller's business.  Nothing here prints.
 */
#ifndef RAPPORT_SINCE_H
#define RAPPORT_SINCE_H

#include <stddef.h>

#include "diag.h"
#include "repo.h"

/* One commit (not a merge) that changed a file; since_file owns it all. */
struct since_step {
	char		*author;	/* the commit's author's name */
	char		*email;		/* and address */
	char		*before;	/* the file in its parent; NULL: none */
	size_t		 beforelen;
	char		*after;		/* in the commit; NULL: removed */
	size_t		 afterlen;
};

struct since_file {
	char		*path;		/* at HEAD (else then), relative to
					   the workspace */
	char		*then;		/* at the base commit; NULL: absent */
	size_t		 thenlen;
	char		*now;		/* at HEAD; NULL: removed */
	size_t		 nowlen;
	struct since_step *steps;	/* newest first */
	size_t		 nsteps;
};

/* HEAD's commit as 40 hex digits into id: 0, or -1 when HEAD is unborn. */
int	since_head(struct repo *, char id[41]);
/*
 * The client files (clients/ ** / *.md) that differ between commit base
 * (40 hex digits) and HEAD and that want (called with each path relative
 * to the workspace) accepts, renames followed, in *out (allocated, *n of
 * them; since_free releases them), with the steps of at most max_commits
 * commits of base..HEAD (newest first; older ones are not looked at).
 * Returns 0; 1 when base is no longer an ancestor commit that can be
 * read (the caller starts over); -1 (reported).
 */
typedef int	since_want_fn(const char *path, void *arg);
int	since_files(struct repo *, const char *base, since_want_fn *want,
	    void *arg, size_t max_commits, struct since_file **out,
	    size_t *n, struct diags *);
void	since_free(struct since_file *, size_t n);

#endif
