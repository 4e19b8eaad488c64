/*
 * repo.h: the workspace's git repository, through libgit2.
 *
 * Everything rapport records becomes one commit that holds exactly the files
 * the command changed.  The commit is built from HEAD's tree with those
 * files replaced, never from the index, so whatever else the user has
 * staged or left unstaged stays as it was; afterwards only the committed
 * paths are updated in the index.  The workspace may be a subfolder of a
 * larger repository: paths here are relative to the workspace root and
 * repo_* adds the prefix.
 *
 * Writers are serialised by a lock file in the git folder (rapport.lock)
 * held from before the files are read until the commit and the index are
 * written: without it two processes each write an index built from a stale
 * read and one silently reverts the other's change.
 *
 * Errors go to the diagnostics as messages about "rapport" that say what to
 * do; nothing here prints or exits.
 */
#ifndef RAPPORT_REPO_H
#define RAPPORT_REPO_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "diag.h"

struct repo;

/* Who made a change, as git would record it. */
struct repo_ident {
	char	*name;
	char	*email;
	int64_t	 when;		/* seconds since the epoch */
	int	 offset;	/* minutes east of UTC */
};

/* One path a commit adds or replaces (remove == 0) or deletes. */
struct repo_change {
	const char	*path;	/* relative to the workspace root */
	int		 remove;
};

/* One commit in a file's history; valid only during the callback. */
struct repo_commit {
	char		 id[41];
	char		 short_id[16];
	const char	*author;
	const char	*email;
	int64_t		 when;
	int		 offset;	/* minutes east of UTC */
	date_t		 day;		/* when, in the author's time zone */
	const char	*summary;	/* first line of the message */
	const char	*path;		/* the file's path in that commit */
};

/*
 * Opens the repository holding the workspace at root (an absolute path),
 * searching upwards from it as git does.  Returns -1 (reported) when there
 * is none or it has no work tree.
 */
int	repo_open(struct repo **, const char *root, struct diags *);
/*
 * Checks that a commit can be made now: HEAD is on a branch (or unborn), no
 * merge, rebase, cherry-pick, revert, bisect or am is in progress, and an
 * identity is known.  Returns -1 (reported) when not; changes nothing.
 */
int	repo_ready(struct repo *, struct diags *);
/*
 * Takes the workspace lock, waiting a few seconds for another rapport that
 * holds it; refuses when git's own index.lock is present.  A lock left by a
 * process that no longer runs is reported, never removed.  Returns -1
 * (reported) when the lock cannot be had.
 */
int	repo_lock(struct repo *, struct diags *);
/* Releases the lock taken by repo_lock; harmless when none is held. */
void	repo_unlock(struct repo *);
/*
 * Commits the n changes (their content is what the work tree holds now)
 * on HEAD with message msg, then updates those paths, and only those, in
 * the index.  Needs repo_ready and repo_lock.  Returns 0 when committed
 * (id receives the commit id), 1 when the changes leave HEAD's tree as it
 * is (nothing committed), -1 on failure (reported; HEAD unchanged).
 */
int	repo_commit(struct repo *, const struct repo_change *, size_t n,
	    const char *msg, char id[41], struct diags *);
enum repo_kind {
	REPO_ADDED,		/* not in HEAD */
	REPO_MODIFIED,
	REPO_REMOVED		/* in HEAD, not in the work tree */
};

/* A file that differs from HEAD; see repo_changes. */
struct repo_file {
	char		*path;	/* relative to the workspace root */
	enum repo_kind	 kind;
};

/*
 * The workspace files that differ between HEAD and the work tree (staged
 * or not, including new and deleted ones) among clients/ and rapport.ini,
 * sorted by path, in an allocated array that repo_files_free releases.
 * Returns -1 (reported) on failure.
 */
int	repo_changes(struct repo *, struct repo_file **, size_t *n,
	    struct diags *);
void	repo_files_free(struct repo_file *, size_t n);
/*
 * Calls cb for each commit that changed the file at path (relative to the
 * workspace root), newest first, following the file when it was moved
 * between folders of clients/ (the slug is unique, so the same file name
 * elsewhere under clients/ is the same client).  Stops early when cb
 * returns nonzero.  Returns the number of commits, or -1 (reported).
 */
long	repo_history(struct repo *, const char *path,
	    int (*cb)(const struct repo_commit *, void *), void *arg,
	    struct diags *);
/*
 * Makes dir a git repository unless it is already inside one.  Sets
 * *created.  Returns -1 (reported) on failure.
 */
int	repo_init(const char *dir, int *created, struct diags *);
/* The repository's git folder (".git/"), ending in '/'. */
const char *repo_gitdir(const struct repo *);
/* The author and committer that repo_ready found (never NULL after it). */
const struct repo_ident *repo_author(const struct repo *);
void	repo_close(struct repo *);

/*
 * Reads a date as git reads GIT_AUTHOR_DATE: "@SECONDS [+-]HHMM",
 * "SECONDS [+-]HHMM", ISO 8601 ("2026-11-23T10:15:00+01:00", with a space
 * for the T, without seconds, with "Z" or no zone = local time) and
 * RFC 2822 ("Mon, 23 Nov 2026 10:15:00 +0100").  Returns 0 or -1.
 */
int	repo_parse_date(const char *, int64_t *when, int *offset);

#endif
