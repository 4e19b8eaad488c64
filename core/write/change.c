/*
 * change.c: the one write path (see change.h).
 *
 * The order of the steps is what makes a change whole or absent.  Until
 * the journal is written nothing outside the object database has changed
 * (objects nobody points at are harmless, git gc takes them).  From the
 * journal on, every step can be undone from what the journal names: the
 * old work-tree files are hard links beside the new ones, the new index
 * waits in index.lock, and the branch is moved by compare and swap, last.
 * Once the branch points at the new commit the change is done, and the
 * rest (the index rename, removing backups) is only finished, never
 * undone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "change.h"
#include "change_int.h"
#include "gitindex.h"
#include "journal.h"
#include "statefile.h"
#include "util.h"

char *
change_path(const struct repo *r, const char *name)
{
	return repo_state_path(repo_gitdir(r), name);
}

/* ---- the workspace lock ---------------------------------------------- */

/*
 * flock(2) on a file that stays: a process that dies lets go of it, so a
 * lock is never stale.  The path is checked again once held, in case the
 * file was removed and made anew by someone who then locked the new one.
 */
static int
lock_take(struct change *ch, struct diags *d)
{
	struct timespec step = { 0, STEP_MS * 1000000L };
	char *path = change_path(ch->r, "lock");
	struct stat a, b;
	int fd = -1, waited = 0, rc = -1;

	if (statefile_mkdir(path) == -1) {
		diag_errno(d, "make the folder of", path);
		goto out;
	}
	for (;;) {
		if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) == -1) {
			diag_errno(d, "open the lock", path);
			goto out;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
			    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
				break;
		} else if (errno != EWOULDBLOCK && errno != EINTR) {
			diag_errno(d, "lock", path);
			goto out;
		} else if (waited >= LOCK_WAIT_MS) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "another "
			    "rapport is changing this workspace (it holds %s) "
			    "and has not finished in %d seconds: try again "
			    "when it is done", path, LOCK_WAIT_MS / 1000);
			goto out;
		} else {
			nanosleep(&step, NULL);
			waited += STEP_MS;
		}
		close(fd);
		fd = -1;
	}
	ch->lockfd = fd;
	fd = -1;
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(path);
	return rc;
}

/*
 * The transaction, committing (apply 0) or putting the edits in place
 * without a commit (apply 1): then nothing moves the branch, and the
 * journal says so, so that a crash takes the change back.
 */
static int
change_run(struct change *ch, const char *msg, int apply, char id[41],
    struct diags *d)
{
	git_repository *git = repo_git(ch->r);
	struct gitindex *gi = NULL;
	struct journal j;
	git_commit *head = NULL;
	git_tree *base = NULL;
	git_oid old, tree_id, commit_id;
	char *branch = NULL, *jpath = change_path(ch->r, "journal");
	char *log = NULL;
	size_t i;
	int unborn = 0, rc = -1, journaled = 0, moved = 0, keep = 0;
	int recorded = 0;

	memset(&j, 0, sizeof(j));
	ch->msg_edited = 0;
	if (!repo_is_ready(ch->r) || ch->lockfd == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "internal error: "
		    "commit without repo_ready and change_begin");
		goto out;
	}
	if (commit_branch(git, &branch, &old, &unborn, d) == -1)
		goto out;
	/* Every path inside the work tree, through no link: else nothing. */
	if (change_items_safe(ch, d) == -1)
		goto out;
	if (!unborn && (git_commit_lookup(&head, git, &old) < 0 ||
	    git_commit_tree(&base, head) < 0)) {
		repo_fail_git(d, "cannot read HEAD");
		goto out;
	}
	/* 1. git's own lock, then the index read while it is held. */
	if ((gi = gitindex_lock(git, INDEX_WAIT_MS, d)) == NULL)
		goto out;
	if (change_conflicts_settled(ch, gi, d) == -1)
		goto out;
	/*
	 * Each file read and edited in turn: an edit drops the old texts,
	 * so that a change of thousands of files never holds them all.
	 */
	for (i = 0; i < ch->n; i++)
		if (change_read_sides(ch, &ch->v[i], base, gi, d) == -1 ||
		    change_edit_item(ch, &ch->v[i], d) == -1)
			goto out;
	if (ch->msgfn != NULL) {
		buf_reset(&ch->msgbuf);
		ch->msgfn(&ch->msgbuf, ch->msgarg);
		msg = ch->msgbuf.s != NULL ? ch->msgbuf.s : "";
	}
	if (apply) {
		/* Nothing to commit: only the index and the work tree. */
		if (ch->n == 0) {
			rc = 1;
			goto out;
		}
		memset(&commit_id, 0, sizeof(commit_id));
		goto place;
	}
	/* 2. The objects, and proof that they are stored. */
	if ((rc = commit_make(ch, base, unborn ? NULL : &old, msg, &tree_id,
	    &commit_id, d)) != 0)
		goto out;
	rc = -1;
	if (!commit_stored(ch, &commit_id, &tree_id)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "git could not store "
		    "the commit (is the disk full?): nothing was changed");
		goto out;
	}
place:
	/* 3. What is about to happen, for the next rapport after a crash. */
	change_fill_journal(ch, &j, branch, unborn ? NULL : &old, &commit_id);
	j.nocommit = apply;
	j.merging = apply && ch->recording;
	git_oid_cpy(&j.merge, &ch->merge_head);
	if (journal_write(jpath, &j) == -1) {
		if (errno == EFBIG)
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the change "
			    "touches too many files for one journal (over %zu "
			    "MiB): nothing was changed; change fewer files at "
			    "once", JOURNAL_MAX >> 20);
		else
			diag_errno(d, "write", jpath);
		goto out;
	}
	journaled = 1;
	/* 4. The work tree, 5. the index into its lock, 6. the branch. */
	if (change_write_work(ch, d) == -1)
		goto out;
	for (i = 0; i < ch->n; i++)
		if (change_index_item(gi, &ch->v[i], d) == -1)
			goto out;
	if (gitindex_prepare(gi, d) == -1)
		goto out;
	if (!apply && !ch->targeted && change_hooks_before(ch, base, unborn ? NULL :
	    &old, &msg, &tree_id, &commit_id, &j, jpath, d) == -1)
		goto out;
	if (!apply) {
		log = ch->targeted ? xstrdup(ch->target_log) :
		    commit_reflog(msg, unborn, ch->nparents > 0);
		if (commit_move(git, branch, unborn ? NULL : &old, &commit_id,
		    log, d) == -1)
			goto out;
		moved = 1;
	} else if (ch->recording) {
		/* 6. The merge's record: for an apply, what the branch is. */
		if (commit_record(git, &ch->merge_head, ch->merge_msg) == -1) {
			diag_errno(d, "record the merge in",
			    git_repository_path(git));
			commit_unrecord(git, &ch->merge_head);
			goto out;
		}
		recorded = 1;
	}
	/* 7. The index in place: the change is whole. */
	if (gitindex_commit(gi, d) == -1)
		goto out;
	if (id != NULL)
		git_oid_tostr(id, 41, &commit_id);
	rc = 0;
out:
	/*
	 * Only the index rename failed: take the branch back too.  Should
	 * that fail, the change stands, and the journal stays for the next
	 * rapport to put the index right.
	 */
	if (rc == -1 && moved && (unborn ? git_reference_remove(git,
	    branch) == 0 : commit_move(git, branch, &commit_id, &old, log,
	    d) == 0))
		moved = 0;
	if (rc == -1 && recorded)
		commit_unrecord(git, &ch->merge_head);
	keep = rc == -1 && moved;
	if (rc == -1 && !moved)
		change_undo_work(ch);
	gitindex_free(gi);
	for (i = 0; i < ch->n; i++)
		if (ch->v[i].backed &&
		    change_item_safe(ch, &ch->v[i], 0, NULL) == 0) {
			(void)unlink(ch->v[i].backup);
			ch->v[i].backed = 0;
		}
	if (journaled && !keep)
		(void)unlink(jpath);
	/* The journal's strings are the items' own but for ref. */
	free(j.ref);
	free(j.files);
	free(j.index);
	free(jpath);
	free(branch);
	free(log);
	git_tree_free(base);
	git_commit_free(head);
	if (rc == 0 && !apply)
		change_hooks_post(ch, d);
	return rc;
}

int
change_commit(struct change *ch, const char *msg, char id[41],
    struct diags *d)
{
	return change_run(ch, msg, 0, id, d);
}

int
change_apply(struct change *ch, struct diags *d)
{
	return change_run(ch, "", 1, NULL, d);
}

/* ---- the transaction ------------------------------------------------- */

/*
 * A change reads every file it edits from HEAD's tree by path, so the
 * folders' trees are read again for each: libgit2 keeps only trees under
 * 4 KiB in its object cache by default, and clients/ of ten thousand files
 * is some 400 KiB, inflated anew for every file (an import of mail into
 * ten thousand files spent most of its time there).  While a change is
 * open, and while change_head_text looks, trees of any size are kept;
 * then the default is back, so that a walk of the history (which reads a
 * tree per commit once) does not fill memory with them.  Changes run on
 * one thread (the workspace lock), so a plain counter nests them.
 */
static void
cache_trees(int on)
{
	static int depth;	/* the callers that want them: nested */

	depth += on ? 1 : -1;
	if ((on && depth == 1) || (!on && depth == 0))
		git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT,
		    (int)GIT_OBJECT_TREE, on ? (size_t)64 << 20 :
		    (size_t)4096);
}

struct change *
change_begin(struct repo *r, struct diags *d)
{
	struct change *ch = xcalloc(1, sizeof(*ch));

	ch->r = r;
	ch->lockfd = -1;
	if (lock_take(ch, d) == -1) {
		free(ch);
		return NULL;
	}
	cache_trees(1);
	if (change_recover(ch, d) == -1) {
		change_free(ch);
		return NULL;
	}
	return ch;
}

int
change_settle(struct repo *r, struct diags *d)
{
	struct change *ch = change_begin(r, d);

	change_free(ch);	/* nothing added: lets go of the lock */
	return ch == NULL ? -1 : 0;
}

void
change_file(struct change *ch, const char *path, change_fn *fn, void *arg)
{
	struct item *it;

	xgrow(&ch->v, &ch->cap, ch->n + 1, sizeof(*ch->v));
	it = &ch->v[ch->n++];
	memset(it, 0, sizeof(*it));
	it->path = xstrdup(path);
	it->gpath = xasprintf("%s%s", repo_prefix(ch->r), path);
	it->full = xasprintf("%s%s", repo_workdir(ch->r), it->gpath);
	it->backup = change_backup_name(it->full);
	it->fn = fn;
	it->arg = arg;
	it->work = CHANGE_KEEP;
}

/*
 * The existing commit a merge change names (id, 40 hex digits) into *oid,
 * and the text that goes with it into *keep: 0, or -1 (reported).
 */
static int
merge_commit(struct change *ch, const char *id, git_oid *oid,
    const char *text, char **keep, struct diags *d)
{
	if (git_oid_fromstr(oid, id) < 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "'%s' is not a "
		    "commit id", id);
		return -1;
	}
	ch->merging = 1;
	free(*keep);
	*keep = xstrdup(text);
	return 0;
}

int
change_merge_head(struct change *ch, const char *id, const char *msg,
    struct diags *d)
{
	if (merge_commit(ch, id, &ch->merge_head, msg, &ch->merge_msg,
	    d) == -1)
		return -1;
	ch->recording = 1;
	return 0;
}

void
change_mode(struct change *ch, unsigned mode)
{
	if (ch->n > 0)
		ch->v[ch->n - 1].want_mode = mode;
}

void
change_conflict(struct change *ch, const struct change_stages *s)
{
	struct item *it;
	int k;

	if (ch->n == 0)
		return;
	it = &ch->v[ch->n - 1];
	it->conflict = 1;
	ch->merging = 1;
	for (k = 0; k < 3; k++) {
		memset(&it->stage[k], 0, sizeof(it->stage[k]));
		if (s->id[k][0] != '\0')
			(void)git_oid_fromstr(&it->stage[k], s->id[k]);
		it->stage_mode[k] = s->mode[k];
	}
}

void
change_resolve(struct change *ch)
{
	ch->resolve = 1;
}

int
change_target(struct change *ch, const char *id, const char *log,
    struct diags *d)
{
	if (merge_commit(ch, id, &ch->target, log, &ch->target_log, d) == -1)
		return -1;
	ch->targeted = 1;
	return 0;
}

int
change_parent(struct change *ch, const char *id, struct diags *d)
{
	if (ch->nparents >= sizeof(ch->parents) / sizeof(ch->parents[0]) ||
	    git_oid_fromstr(&ch->parents[ch->nparents], id) < 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "'%s' cannot be a "
		    "parent of the commit", id);
		return -1;
	}
	ch->nparents++;
	ch->merging = 1;
	return 0;
}

void
change_message(struct change *ch, change_msg_fn *fn, void *arg)
{
	ch->msgfn = fn;
	ch->msgarg = arg;
}

const char *
change_made_message(const struct change *ch)
{
	return ch->msgfn != NULL || ch->msg_edited ? ch->msgbuf.s : NULL;
}

void
change_hooks(struct change *ch, unsigned flags)
{
	ch->hooks = flags;
}

void
change_free(struct change *ch)
{
	size_t i;
	int s;

	if (ch == NULL)
		return;
	for (i = 0; i < ch->n; i++) {
		struct item *it = &ch->v[i];

		for (s = 0; s < CHANGE__SIDES; s++)
			free(it->text[s]);
		buf_free(&it->work_text);
		free(it->path);
		free(it->gpath);
		free(it->full);
		free(it->backup);
		free(it->tmp);
	}
	free(ch->v);
	free(ch->target_log);
	free(ch->merge_msg);
	buf_free(&ch->msgbuf);
	if (ch->lockfd != -1)
		close(ch->lockfd);
	cache_trees(0);
	free(ch);
}

int
change_head_text(struct repo *r, const char *path, char **data, size_t *len,
    struct diags *d)
{
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid id;
	char *gpath = xasprintf("%s%s", repo_prefix(r), path);
	unsigned mode;
	int rc = -1, unborn;

	*data = NULL;
	*len = 0;
	cache_trees(1);
	if ((unborn = git_repository_head_unborn(repo_git(r))) == 1) {
		rc = 0;
		goto out;
	}
	if (unborn < 0 || git_reference_name_to_id(&id, repo_git(r), "HEAD") < 0 ||
	    git_commit_lookup(&head, repo_git(r), &id) < 0 ||
	    git_commit_tree(&tree, head) < 0 ||
	    (rc = change_tree_file(tree, gpath, &id, &mode)) < 0 ||
	    (rc == 1 && repo_blob_text(repo_git(r), &id, data, len) == -1)) {
		repo_fail_git(d, "cannot read HEAD");
		rc = -1;
	}
out:
	git_tree_free(tree);
	git_commit_free(head);
	cache_trees(0);
	free(gpath);
	return rc;
}
