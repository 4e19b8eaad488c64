/*
 * sync_int.h: what the files of sync share (sync.c, the rounds and the
 * merge; sync_remote.c, the remote); not for other modules.
 */
#ifndef RAPPORT_SYNC_INT_H
#define RAPPORT_SYNC_INT_H

#include <git2.h>

#include "diag.h"
#include "gitproc.h"
#include "repo.h"

/* The branch and where it meets the remote. */
struct sync_names {
	char	*local;		/* refs/heads/main */
	char	*remote;	/* origin */
	char	*merge;		/* refs/heads/main, on the remote */
	char	*tracking;	/* refs/remotes/origin/main */
	int	 explicit_fetch; /* no refspec of the remote's maps merge */
};

/*
 * sync_names_find: the branch, the remote (want, else the upstream's,
 * else origin), the remote's branch and where fetching keeps it; -1
 * (reported).  sync_ref: where ref points: 1, 0 when it does not exist,
 * -1 (reported).  sync_fetch: fetches the remote branch; -1 (reported,
 * with git's words).  sync_push: pushes the branch: 0 when the remote
 * took it, -1 when it did not (git's words left in p), -2 when git could
 * not run (reported).
 */
int	sync_names_find(struct repo *, const char *want, struct sync_names *,
	    struct diags *);
void	sync_names_free(struct sync_names *);
int	sync_ref(struct repo *, const char *ref, git_oid *id, struct diags *);
int	sync_fetch(struct repo *, const struct sync_names *, struct diags *);
int	sync_push(struct repo *, const struct sync_names *, struct gitproc *p,
	    struct diags *);

#endif
