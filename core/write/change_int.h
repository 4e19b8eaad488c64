/*
 * change_int.h: what the files of the write path share (change.c, the
 * transaction; commit.c, the commit object and the branch; recover.c,
 * after a crash); not for other modules.
 */
#ifndef RAPPORT_CHANGE_INT_H
#define RAPPORT_CHANGE_INT_H

#include <git2.h>

#include "change.h"
#include "diag.h"
#include "gitindex.h"
#include "journal.h"
#include "repo.h"

/* How long change_begin waits for another rapport, and for git's index. */
#define LOCK_WAIT_MS	10000
#define INDEX_WAIT_MS	2000
#define STEP_MS		10

struct item {
	char		*path;		/* relative to the workspace root */
	char		*gpath;		/* relative to the repository */
	char		*full;		/* absolute */
	change_fn	*fn;
	void		*arg;
	struct change_text old[CHANGE__SIDES];
	char		*text[CHANGE__SIDES];	/* owns old[].s; NULL: none, or
					   HEAD's or the index's is the work
					   tree's (side_blob) */
	git_oid		 head_id, index_id;
	unsigned	 head_mode, index_mode;
	int		 staged;	/* the index holds what HEAD does not */
	/* What the change makes of it. */
	int		 commit_exists, commit_changed;
	git_oid		 commit_id;
	unsigned	 commit_mode;
	int		 index_exists;
	git_oid		 new_index_id;
	unsigned	 new_index_mode;
	enum change_verdict work;	/* WRITE, REMOVE or KEEP */
	struct buf	 work_text;	/* unless work_in_git */
	int		 work_in_git;	/* the text is blob work_id's */
	git_oid		 work_id;
	char		*backup;	/* the old work file, while it lasts */
	char		*tmp;		/* the new one, until it is in place */
	int		 backed, done;	/* backup made; work file changed */
	unsigned	 want_mode;	/* change_mode's, or 0 */
	int		 conflicted;	/* the index holds it in conflict */
	int		 conflict;	/* and is to (change_conflict) */
	git_oid		 stage[3];
	unsigned	 stage_mode[3];
};

struct change {
	struct repo	*r;
	int		 lockfd;
	struct item	*v;
	size_t		 n, cap;
	git_oid		 parents[8];
	size_t		 nparents;
	int		 resolve;	/* change_resolve */
	int		 merging;	/* a merge: target, parent or conflict */
	int		 recording;	/* change_merge_head: */
	git_oid		 merge_head;
	char		*merge_msg;
	int		 targeted;	/* change_target: */
	git_oid		 target;
	char		*target_log;
	change_msg_fn	*msgfn;		/* change_message: */
	void		*msgarg;
	struct buf	 msgbuf;	/* its message, or the hooks' */
	int		 msg_edited;	/* the hooks edited the message */
	unsigned	 hooks;		/* change_hooks */
};

/* Where the old text of the work file full is kept: allocated. */
char	*change_backup_name(const char *full);
/* GITDIR/rapport/NAME, allocated. */
char	*change_path(const struct repo *, const char *name);

/*
 * sides.c.  change_read_sides reads HEAD's (from base), the index's and
 * the work tree's version of it; change_edit_item runs its edit on each
 * and makes the new blobs.  change_tree_file finds path in tree (1, 0
 * when absent, -1).  All return -1 when reported to d.
 */
int	 change_read_sides(struct change *, struct item *, git_tree *base,
	    struct gitindex *, struct diags *);
int	 change_edit_item(struct change *, struct item *, struct diags *);
int	 change_tree_file(git_tree *, const char *path, git_oid *id,
	    unsigned *mode);

/*
 * commit.c.  commit_make writes the tree and the commit of the change on
 * base (NULL: none) and old (NULL: the branch is unborn): 0, 1 when the
 * tree is base's (nothing to commit), -1 (reported).  commit_stored tells
 * whether a fresh object database holds the commit, its tree and every
 * new blob.  commit_branch gives the branch HEAD names (allocated) and
 * where it points; commit_move moves it from old (NULL: unborn) to new if
 * it is still at old, and reads it back; commit_reflog is the reflog's
 * line as git writes it.
 */
int	 commit_make(struct change *, git_tree *base, const git_oid *old,
	    const char *msg, git_oid *tree_id, git_oid *commit_id,
	    struct diags *);
int	 commit_stored(struct change *, const git_oid *commit,
	    const git_oid *tree);
int	 commit_branch(git_repository *, char **name, git_oid *id, int *unborn,
	    struct diags *);
int	 commit_move(git_repository *, const char *name, const git_oid *old,
	    const git_oid *new, const char *log, struct diags *);
char	*commit_reflog(const char *msg, int initial, int merge);
/*
 * git's record of a merge in progress: commit_record writes MERGE_MSG
 * (msg), MERGE_MODE and, last, MERGE_HEAD (id), each replaced whole;
 * commit_recorded tells whether MERGE_HEAD names id; commit_unrecord
 * removes the three when MERGE_HEAD names id or is absent.
 */
extern const char *const commit_merge_files[3];	/* MERGE_HEAD, ... */
int	 commit_record(git_repository *, const git_oid *id, const char *msg);
int	 commit_recorded(git_repository *, const git_oid *id);
void	 commit_unrecord(git_repository *, const git_oid *id);

/*
 * change_hooks.c: git's hooks (change_hooks in change.h).
 * change_hooks_pre runs those before a commit of tree with message msg,
 * with the change in the work tree: 0, 1 when they edited the message
 * (now in ch->msgbuf), -1 when one refused (reported).
 * change_hooks_post runs the one after it (its failure is no error).
 */
int	 change_hooks_pre(struct change *, const git_oid *tree,
	    const char *msg, struct diags *);
void	 change_hooks_post(struct change *, struct diags *);

/*
 * change_steps.c: the steps of a change, in change_run's order.
 *	change_item_safe, change_items_safe: no path of the change (or of
 *	    one item) leaves the work tree or passes through a link; 0 or -1
 *	    (reported), folders made when make is set
 *	change_fill_journal: what the change is about to do, into j
 *	change_hooks_before: git's hooks before a commit, and the commit
 *	    made again when they edit its message
 *	change_conflicts_settled: no file the change takes is in conflict
 *	    unless it resolves them
 *	change_write_work, change_undo_work: the work-tree files put in
 *	    place (old text kept beside, every new text flushed at once),
 *	    and put back
 *	change_index_item: one item's entry of git's index
 */
int	 change_item_safe(const struct change *, const struct item *,
	    int make, struct diags *);
int	 change_items_safe(const struct change *, struct diags *);
void	 change_fill_journal(struct change *, struct journal *,
	    const char *ref, const git_oid *old, const git_oid *new);
int	 change_hooks_before(struct change *, git_tree *base,
	    const git_oid *old, const char **msg, git_oid *tree_id,
	    git_oid *commit_id, struct journal *, const char *jpath,
	    struct diags *);
int	 change_conflicts_settled(const struct change *,
	    const struct gitindex *, struct diags *);
int	 change_write_work(struct change *, struct diags *);
void	 change_undo_work(struct change *);
int	 change_index_item(struct gitindex *, const struct item *,
	    struct diags *);

/*
 * recover.c: finishes or takes back what a crashed rapport left; -1
 * (reported, nothing touched) when its journal cannot be trusted.
 */
int	 change_recover(struct change *, struct diags *);

#endif
