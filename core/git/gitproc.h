/*
 * gitproc.h: the git program, for the network alone.  libgit2 1.5 lacks
 * what people's remotes need (ssh config, agents, credential helpers), so
 * fetch and push run git itself, which brings all of it; everything local
 * stays in libgit2.
 *
 * git runs in the repository's work tree with rapport's environment and
 * standard input (so that a credential prompt still reaches the person);
 * its output and errors are collected for the caller, who shows them.
 */
#ifndef RAPPORT_GITPROC_H
#define RAPPORT_GITPROC_H

#include "diag.h"
#include "util.h"

struct gitproc {
	struct buf	 out;		/* what git wrote to standard output */
	struct buf	 err;		/* and to standard error */
	int		 status;	/* its exit status; 128 + N: signal N */
};

/*
 * Runs "git -C dir ARGS..." (args ends with NULL) and waits for it.
 * Returns 0 when git ran (whatever its status), -1 (reported) when it
 * could not be started.  gitproc_free releases p's buffers.
 */
int	gitproc_run(const char *dir, const char *const args[],
	    struct gitproc *p, struct diags *);
/*
 * Each line git wrote to standard error, as diagnostics about "git" at
 * level: what git said, shown rather than swallowed.
 */
void	gitproc_report(const struct gitproc *p, enum diag_level level,
	    struct diags *);
void	gitproc_free(struct gitproc *p);

#endif
