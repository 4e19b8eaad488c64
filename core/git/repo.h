/*
 * repo.h: the workspace's git repository, through libgit2: opening it,
 * whether a commit can be made now and by whom, what differs from HEAD,
 * a file's history, and making a repository.  Commits themselves are
 * made by the write path, change.h.  The workspace may be a subfolder of
 * a larger repository: paths here are relative to the workspace root and
 * repo_* adds the prefix.
 *
 * Errors go to the diagnostics as messages about "rapport" that say what to
 * do; nothing here prints or exits.
 */
#ifndef RAPPORT_REPO_H
#define RAPPORT_REPO_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

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

/* One commit in a client's history (history.h owns them). */
struct repo_commit {
	char		 id[41];
	char		 short_id[16];
	const char	*author;
	const char	*email;
	int64_t		 when;
	int		 offset;	/* minutes east of UTC */
	date_t		 day;		/* when, in the author's time zone */
	int		 minutes;	/* of that day, 0..1439 */
	const char	*summary;	/* first line of the message */
};

/*
 * Opens the repository holding the workspace at root (an absolute path),
 * searching upwards from it as git does.  Returns -1 (reported) when there
 * is none or it has no work tree.
 */
int	repo_open(struct repo **, const char *root, struct diags *);
/*
 * Opens the repository at or above start, bare or not, to read the
 * workspace as commit rev holds it (anything "git rev-parse" takes that
 * names a commit: main, HEAD~2, an id) instead of the work tree: history
 * then runs from rev, and nothing can be committed (repo_ready refuses).
 * The workspace is the tree's root in a bare repository; in a work tree
 * it is found in rev's tree as ws_open finds it on disk, from the folder
 * start is in upwards.  Returns -1 (reported) when there is no repository,
 * rev names no commit or its tree holds no workspace.
 */
int	repo_open_rev(struct repo **, const char *start, const char *rev,
	    struct diags *);
/* The commit repo_open_rev reads, as 40 hex digits; NULL after repo_open. */
const char *repo_rev(const struct repo *);
/*
 * Where the workspace of repo_open_rev is, allocated: the work tree's
 * folder of it, or the git folder (no '/' at the end) of a bare one.
 */
char	*repo_rev_root(const struct repo *);
struct ftree;
/*
 * Lists the workspace's files in rev's tree into t (ftree.h: sorted,
 * links resolved), each read by t's read function through a repository
 * handle of the reading thread; with cache set, through the texts read
 * before (GITDIR/rapport/texts, textstore.h) too.  t lives no longer
 * than the repository.  Returns 0, or -1 (reported).
 */
int	repo_rev_tree(struct repo *, struct ftree *, int cache,
	    struct diags *);
/*
 * Checks that a commit can be made now: HEAD is on a branch (or unborn), no
 * rebase, cherry-pick, revert, bisect or am is in progress, and an
 * identity is known.  A merge in progress is no obstacle: commits go on
 * beside it, and the one that takes its files concludes it (repo_merge_*).
 * Returns -1 (reported) when not; changes nothing.
 */
int	repo_ready(struct repo *, struct diags *);
enum repo_kind {
	REPO_ADDED,		/* not in HEAD */
	REPO_MODIFIED,
	REPO_REMOVED,		/* in HEAD, not in the work tree */
	REPO_IGNORED		/* not in HEAD, and git ignores it */
};

/* A file that differs from HEAD; see repo_changes. */
struct repo_file {
	char		*path;	/* relative to the workspace root */
	enum repo_kind	 kind;
};

/*
 * The workspace files that differ between HEAD and the work tree (staged
 * or not, including new and deleted ones, and new ones git ignores) among
 * clients/ and rapport.ini, sorted by path, in an allocated array that
 * repo_files_free releases.  Returns -1 (reported) on failure.
 */
int	repo_changes(struct repo *, struct repo_file **, size_t *n,
	    struct diags *);
void	repo_files_free(struct repo_file *, size_t n);
/*
 * Whether path (relative to the workspace root) is one of the files
 * repo_changes reports: rapport.ini, or clients/ ** / *.md outside hidden
 * folders.
 */
int	repo_workspace_file(const char *path);
/*
 * Whether the repository is a shallow clone, whose history is cut at the
 * depth it was cloned with (git fetch --unshallow brings the rest).
 */
int	repo_shallow(const struct repo *);
/*
 * Makes dir a git repository unless it is already inside one.  Sets
 * *created.  Returns -1 (reported) on failure.
 */
int	repo_init(const char *dir, int *created, struct diags *);
/*
 * Whether git ignores the file at path (relative to the workspace root):
 * 1 when a .gitignore names it and git tracks it in neither HEAD nor the
 * index (git ignores no file it has), 0 when not, -1 when it cannot tell.
 */
int	repo_ignored(struct repo *, const char *path);
/*
 * The same rule, the one implementation, for gpath (a path in the
 * repository) when the caller knows already whether HEAD or the index
 * has it (tracked): 1, 0, or -1 (libgit2's error set).
 */
int	repo_ignores(git_repository *, const char *gpath, int tracked);
/*
 * What the write path, merges and sync work with: libgit2's repository
 * (the repo's, never freed by the caller); the work tree, resolved and
 * ending in '/'; the workspace's folder in it, "" or "a/b/"; whether
 * repo_ready found a commit possible.
 */
git_repository	*repo_git(const struct repo *);
const char	*repo_workdir(const struct repo *);
const char	*repo_prefix(const struct repo *);
int		 repo_is_ready(const struct repo *);
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
 * Reports libgit2's last error as an error "WHAT: WHY" about "rapport",
 * as every failed libgit2 call is reported.
 */
void	repo_fail_git(struct diags *, const char *what);
/* The repository's git folder (".git/"), ending in '/'. */
const char *repo_gitdir(const struct repo *);
/*
 * GITDIR/rapport/NAME, allocated: where rapport keeps its own state (the
 * lock, the journal, the caches, edit's copies), in the git folder of the
 * work tree (a linked worktree has its own); NAME "" is the folder,
 * ending in '/'.  The one place that names the folder.
 */
char	*repo_state_path(const char *gitdir, const char *name);
/* Sets key to value in the repository's own config (.git/config). */
int	repo_config_set(struct repo *, const char *key, const char *value,
	    struct diags *);
/*
 * A merge in progress: git's MERGE_HEAD, left by rapport sync or by git
 * merge, waiting for a person to resolve its conflicts.
 *	repo_merge_heads	the commits being merged in, as 40 hex digits
 *				(at most max): how many, 0 when no merge
 *				is in progress, -1 (reported)
 *	repo_merge_files	the files of the merge: each path git's
 *				index holds in conflict or staged unlike
 *				HEAD, relative to the workspace, sorted, in
 *				an allocated array (repo_merge_files_free);
 *				-1 (reported), also when one lies outside
 *				the workspace
 *	repo_merge_message	MERGE_MSG without its comment lines,
 *				allocated, or NULL
 *	repo_merge_end		removes git's record of the merge, once
 *				its commit is made
 *	repo_conflicted		whether git's index holds path (relative to
 *				the workspace) in conflict: 1, 0, -1
 */
struct repo_merge_file {
	char	*path;
	int	 conflicted;
};

int	repo_merge_heads(struct repo *, char (*ids)[41], size_t max,
	    struct diags *);
int	repo_merge_files(struct repo *, struct repo_merge_file **, size_t *n,
	    struct diags *);
void	repo_merge_files_free(struct repo_merge_file *, size_t n);
char	*repo_merge_message(struct repo *);
int	repo_merge_end(struct repo *, struct diags *);
int	repo_conflicted(struct repo *, const char *path);
/* The author and committer that repo_ready found (never NULL after it). */
const struct repo_ident *repo_author(const struct repo *);
const struct repo_ident *repo_committer(const struct repo *);
void	repo_close(struct repo *);

#endif
