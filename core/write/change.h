/*
 * change.h: the one write path.  Every command that commits (init, new,
 * log, edit, commit, and later done, sync, share and import-mail) says
 * what it changes as edits of files and hands them here; nothing else in
 * rapport writes the work tree, git's index or a branch.
 *
 * A change is a transaction on the workspace's repository:
 *
 *	change_begin	takes the workspace lock, GITDIR/rapport/lock, held
 *			with flock(2) so that a holder that dies lets go of
 *			it; then finishes or takes back a change that a
 *			rapport which died left half done (journal.h)
 *	change_file	adds the edit of one file (see change_fn)
 *	change_parent	adds a parent beyond HEAD (a merge)
 *	change_commit	puts it all in place, or nothing
 *	change_free	lets go of the lock
 *
 * change_commit reads each file three ways: HEAD's version, the index's
 * and the work tree's.  The edit makes each new version from its old one.
 * Then, in this order:
 *	1. git's index.lock is taken (git's own protocol, gitindex.h);
 *	2. the new blobs, tree and commit are written, then read back from
 *	   a fresh object database: libgit2 1.5 has reported a commit as
 *	   written when a full disk had kept it out;
 *	3. a journal records what is about to change, durably;
 *	4. the work-tree files are replaced (each old file kept as a hidden
 *	   hard link beside it until the end; every new text written and
 *	   flushed, one by one for a few files, with one flush of the file
 *	   system for many, before any file is replaced);
 *	5. the new index is written into index.lock;
 *	   git's hooks before a commit run (change_hooks), and a message
 *	   they edit makes the commit anew;
 *	6. the branch is moved only if it still points at the commit the
 *	   change was built on (compare and swap), and read back (a change
 *	   that commits nothing, change_apply, skips 2 and makes this step
 *	   the record of its merge, MERGE_HEAD, when it has one);
 *	7. index.lock is renamed over the index; the journal goes.
 * A failure at any step before 7 puts every file back and leaves the
 * index and the branch as they were.  A crash leaves the journal, and the
 * next change_begin completes the change if the branch moved, or takes it
 * back if it did not.  Signals are the caller's to hold (cli_change).
 *
 * The committed version of a file is its edit of HEAD's version, never
 * the work tree's: hand edits sitting in the same file stay in the work
 * tree, uncommitted, exactly as they were.  Staged text for the file gets
 * the edit too, and keeps its staged mode (chmod +x; git add); when it
 * cannot take the edit, the index gets the committed version (the staged
 * text is still in the work tree).  A file git
 * ignores is never added.  Paths are relative to the workspace root.
 * Errors go to the diagnostics about "rapport"; nothing here prints.
 */
#ifndef RAPPORT_CHANGE_H
#define RAPPORT_CHANGE_H

#include <stddef.h>

#include "diag.h"
#include "repo.h"
#include "util.h"

enum change_side {
	CHANGE_HEAD,		/* the version the change commits */
	CHANGE_INDEX,		/* staged text that differs from HEAD's */
	CHANGE_WORK,		/* the work tree's file */
	CHANGE__SIDES
};

/* One version of a file; s is NUL-terminated. */
struct change_text {
	const char	*s;
	size_t		 len;
	int		 exists;
	int		 link;		/* a symbolic link: s is its target */
};

enum change_verdict {
	CHANGE_ABORT = -1,	/* refuse the whole change (reported to d) */
	CHANGE_WRITE,		/* the side becomes the text in out */
	CHANGE_REMOVE,		/* the file goes from that side */
	CHANGE_KEEP		/* the side stays as it is */
};

/*
 * Makes side's new version of the file into out, seeing every side's old
 * version.  Called for CHANGE_HEAD, then for CHANGE_INDEX (only when the
 * index holds a version that is not HEAD's; KEEP or ABORT there give the
 * index the committed version), then CHANGE_WORK.  out starts empty.
 */
typedef enum change_verdict change_fn(enum change_side side,
		    const struct change_text old[CHANGE__SIDES],
		    struct buf *out, void *arg, struct diags *d);

struct change;

/*
 * An edit of one client file that a command adds to the file's text (log
 * an entry, tick a commitment, set a share key, import mail), and the
 * policy for its three versions, written once (change_edit.c):
 *	HEAD's text must take it: a file not in git, a link, a file gone
 *	    from the work tree, a text with errors after the edit or one the
 *	    edit does not fit stops the change (nothing is changed);
 *	    or, with skip, leaves this file as it is in every version,
 *	    saying why in refused, and the change goes on without it;
 *	the index's and the work tree's take it too, so that hand edits stay
 *	    there, uncommitted: a text that is HEAD's gets HEAD's result; a
 *	    staged text the edit does not fit gets the commit's; a work
 *	    tree's keeps its text with a warning; one with errors after the
 *	    edit is written with a warning; one the edit says STOP to (or a
 *	    removed file) stops the change; with skip, a work tree's text
 *	    that the edit does not fit leaves the file as it is, decided
 *	    before anything is written.
 * The edit reads one version and says what came of it, with why (what
 * is wrong and how to fix it, naming the file) for NO and STOP; the
 * messages around why are the policy's.
 */
enum change_edit_got {
	CHANGE_EDIT_DONE,	/* out holds the edited text */
	CHANGE_EDIT_ERRORS,	/* out holds it, and it has errors */
	CHANGE_EDIT_NO,		/* the edit does not fit this text */
	CHANGE_EDIT_STOP	/* it does not, and the change must not go on */
};

/*
 * Edits version side of the file (old[side], which exists and is no link)
 * into out, seeing every version; errors of HEAD's version go to d.
 */
typedef enum change_edit_got change_edit_fn(enum change_side side,
		    const struct change_text old[CHANGE__SIDES],
		    struct buf *out, struct buf *why, void *arg,
		    struct diags *d);

struct change_edit {
	const char	*path;		/* the file, as messages name it */
	change_edit_fn	*fn;
	void		*arg;
	/*
	 * Optional: whether a text has errors of its own; asked of the work
	 * tree's when the file is not in git, since they, not git, are then
	 * what keeps it from being committed.
	 */
	int		(*invalid)(const struct change_text *, void *arg);
	/*
	 * 0: a refusal stops the change (log, done, share: the user's one
	 * edit).  1: it skips the file (import-mail: many files, each on its
	 * own); refused then says why, with the file as "it".
	 */
	int		 skip;
	struct buf	 refused;	/* with skip: why not, or empty */
	struct buf	 head_out;	/* HEAD's result: change_edit_free */
	struct buf	 work_out;	/* with skip: the work tree's */
	int		 work_done;	/* work_out holds it */
};

/* The versions a conflicted file is merged from: 40 hex digits, or "". */
struct change_stages {
	char		 id[3][41];	/* the base, ours, theirs */
	unsigned	 mode[3];	/* git's file modes */
};

/* NULL (reported) when the lock cannot be had. */
struct change	*change_begin(struct repo *, struct diags *);
/*
 * Puts right what a rapport that died left half done, and changes nothing
 * else: for a command that looks at the work tree before it begins a
 * change of its own (sync refuses uncommitted files, and a half-done
 * change looks like them).  0, or -1 (reported) as change_begin.
 */
int		 change_settle(struct repo *, struct diags *);
void		 change_file(struct change *, const char *path, change_fn *,
		    void *arg);
/*
 * change_file of an edit (the caller's, living until change_commit or
 * change_apply returns): its calls run ed->fn under the policy above.
 */
void		 change_file_edit(struct change *, const char *path,
		    struct change_edit *ed);
/*
 * Whether a file whose versions are old (HEAD's and the work tree's are
 * read) takes the edit, as change_file_edit would decide it, changing
 * nothing: for a dry run.  1 or 0; with skip, refused says why not.
 */
int		 change_edit_decide(struct change_edit *ed,
		    const struct change_text old[CHANGE__SIDES],
		    struct diags *d);
/* The change_fn that change_file_edit gives: exposed for tests. */
enum change_verdict change_edit_side(enum change_side,
		    const struct change_text old[CHANGE__SIDES],
		    struct buf *out, void *ed, struct diags *);
void		 change_edit_free(struct change_edit *);
/*
 * For the changes that merges make, beside change_file:
 *	change_mode	the file added last is committed with mode (one of
 *			git's file modes) rather than the mode it had, and
 *			its work file gets it too (x bits as git checks a
 *			file out), rewritten if only the mode differs
 *	change_conflict	the file added last stays in conflict: git's index
 *			gets the versions it was merged from (stages 1 to 3)
 *			rather than one; only with change_apply
 *	change_resolve	the change may take files that git's index holds in
 *			conflict (concluding a merge); without it a change
 *			that touches one is refused, naming it
 *	change_target	the change moves the branch to the existing commit
 *			id (a fast-forward) rather than making a commit;
 *			the edits must make HEAD's tree into id's, and log
 *			is the reflog's line
 */
/*
 * change_merge_head: change_apply also records a merge in progress, of
 * commit id with message msg, as git merge does (GITDIR/MERGE_HEAD,
 * MERGE_MSG): the files and that record are put in place together, or
 * neither is.
 */
int		 change_merge_head(struct change *, const char *id,
		    const char *msg, struct diags *);
void		 change_mode(struct change *, unsigned mode);
void		 change_conflict(struct change *, const struct change_stages *);
void		 change_resolve(struct change *);
int		 change_target(struct change *, const char *id,
		    const char *log, struct diags *);
/*
 * change_message: the commit's message is made by fn, into msg, once
 * every edit has run (so that it can say what they did), rather than
 * given to change_commit, whose msg is then ignored.
 */
typedef void	change_msg_fn(struct buf *msg, void *arg);
void		 change_message(struct change *, change_msg_fn *, void *arg);
/*
 * The message fn or the hooks made for the last change_commit, or NULL
 * when neither did; it lives as long as the change.
 */
const char	*change_made_message(const struct change *);
/*
 * change_hooks: which of git's hooks (githooks(5), hook.h) change_commit
 * runs; flags 0 is the default.  Those of git commit: pre-commit, then
 * prepare-commit-msg (MSGFILE "message", or "merge" for a merge), then
 * commit-msg (MSGFILE), and post-commit once the branch moved.  With
 * CHANGE_AS_MERGE those of git merge: pre-merge-commit for a merge commit,
 * the same two for its message, and post-merge ("0") after the merge or a
 * fast-forward.  CHANGE_NO_VERIFY skips pre-commit, pre-merge-commit and
 * commit-msg, as git's --no-verify does.
 * The hooks before the commit run with the change in the work tree and
 * GIT_INDEX_FILE an index of exactly the commit's tree (as git gives the
 * hooks of "git commit FILE..."), GIT_EDITOR=:, the message in
 * GITDIR/COMMIT_EDITMSG.  One that fails (non-zero) refuses the change:
 * nothing is changed.  What they leave in COMMIT_EDITMSG is committed
 * (cleaned up as git does a -m message; empty refuses); what they change
 * in files or in their index is not.  change_apply runs none.
 */
enum {
	CHANGE_AS_MERGE = 1,
	CHANGE_NO_VERIFY = 2
};
void		 change_hooks(struct change *, unsigned flags);
/* A parent beyond HEAD, as 40 hex digits. */
int		 change_parent(struct change *, const char *id,
		    struct diags *);
/*
 * Commits with message msg (a summary line, then optionally a blank line
 * and a body).  Needs repo_ready.  Returns 0 when committed (id gets the
 * commit's 40 hex digits), 1 when the edits leave HEAD's tree as it is
 * (nothing changed anywhere), -1 when refused or failed (reported;
 * nothing changed).
 */
int		 change_commit(struct change *, const char *msg, char id[41],
		    struct diags *);
/*
 * Puts the edits in the work tree and git's index, and commits nothing:
 * the index gets what change_commit would have committed (or, for a file
 * staged, the edit of the staged text).  A crash leaves it taken back.
 * Returns 0, 1 when nothing changed, -1 (reported; nothing changed).
 */
int		 change_apply(struct change *, struct diags *);
void		 change_free(struct change *);

/*
 * The text of path (relative to the workspace root) in HEAD, allocated
 * and NUL-terminated: returns 1, 0 when HEAD has no such file, -1
 * (reported) when it cannot be read.
 */
int		 change_head_text(struct repo *, const char *path, char **data,
		    size_t *len, struct diags *);

#endif
