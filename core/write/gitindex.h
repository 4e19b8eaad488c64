/*
 * gitindex.h: git's index, read and written the way git itself does it.
 *
 * git's protocol: a writer creates GITDIR/index.lock exclusively, reads the
 * index while it holds that lock, writes the new index into the lock file
 * and renames it over GITDIR/index.  libgit2 1.5 reads the index outside
 * the lock and takes it only to write, so a "git add" that lands in
 * between is silently undone; this module follows git's protocol instead,
 * with libgit2 only parsing and serialising the file.
 *
 * The lock is taken as a hard link to a marker of rapport's own,
 * GITDIR/rapport/index-lock: after a crash the next rapport can tell a lock
 * it left (the same file as the marker) from a git command's, and finish
 * or remove it (gitindex_recover).  A file system without hard links gets
 * an exclusive create instead, with the lock's identity in the marker.
 *
 * Calling sequence, all under the workspace lock (change.h):
 *	gitindex_lock	take index.lock (waiting briefly) and read the index
 *	gitindex_get	read entries; gitindex_set: change them
 *	gitindex_prepare	write the new index into the lock file
 *	gitindex_commit	rename it into place
 *	gitindex_free	let go: without a commit the index is as it was
 * Errors go to the diagnostics about "rapport"; nothing here prints.
 */
#ifndef RAPPORT_GITINDEX_H
#define RAPPORT_GITINDEX_H

#include <sys/stat.h>

#include <git2.h>

#include "diag.h"

struct gitindex;

/*
 * Takes GITDIR/index.lock for repository git, waiting up to wait_ms for a
 * git command that holds it, and reads the index.  Returns NULL (reported:
 * what holds it, what to do) when it cannot; nothing is then changed.
 */
struct gitindex	*gitindex_lock(git_repository *, int wait_ms, struct diags *);
/*
 * The stage-0 entry of path (relative to the repository): *id and *mode,
 * returning 1; 0 when there is none.  *conflicted tells whether the path
 * has conflict stages (a merge left it unresolved).
 */
int	 gitindex_get(const struct gitindex *, const char *path, git_oid *id,
	    unsigned *mode, int *conflicted);
/*
 * Sets path to blob id with mode, dropping its conflict stages; id NULL
 * removes it.  st, when not NULL, is the work-tree file's lstat and must
 * be given only when that file holds exactly blob id: git then sees the
 * file as unchanged without reading it.  Without st git reads the file to
 * compare, so a work tree that holds other text shows as changed.
 * Returns 0, or -1 (reported).
 */
int	 gitindex_set(struct gitindex *, const char *path, const git_oid *id,
	    unsigned mode, const struct stat *st, struct diags *);
/*
 * Leaves path in conflict, as a merge does: its stage-0 entry goes and
 * the versions it was merged from become stages 1 (the base), 2 (ours)
 * and 3 (theirs); a NULL id is a side that has no such file.
 * Returns 0, or -1 (reported).
 */
int	 gitindex_conflict(struct gitindex *, const char *path,
	    const git_oid *const id[3], const unsigned mode[3],
	    struct diags *);
/* Writes the new index into the lock file.  0, or -1 (reported). */
int	 gitindex_prepare(struct gitindex *, struct diags *);
/* Puts the prepared index in place.  0, or -1 (reported). */
int	 gitindex_commit(struct gitindex *, struct diags *);
/* Lets go of the lock; unless committed, the index is as it was. */
void	 gitindex_free(struct gitindex *);

/*
 * After a crash: when the marker shows that index.lock is rapport's own,
 * puts it in place (forward nonzero: the lock holds a whole new index) or
 * removes it; then removes the marker.  Returns 1 when a lock of
 * rapport's was found, 0 when none, -1 (reported) on failure.
 */
int	 gitindex_recover(git_repository *, int forward, struct diags *);

#endif
