/*
 * recover.c: after a crash (see change.h and journal.h).  The journal
 * says what the dead rapport was about to do; where its branch points says
 * whether it got there.  Run by change_begin, under the workspace lock.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "change_int.h"
#include "fileio.h"
#include "gitindex.h"
#include "journal.h"
#include "util.h"
#include "wpath.h"

/* Whether the file at full holds blob id (absent: when removed is set). */
static int
holds(const char *full, const git_oid *id, int removed)
{
	struct stat st;
	git_oid got;
	char *data = NULL;
	size_t len = 0;
	int same;

	if (lstat(full, &st) == -1)
		return removed && errno == ENOENT;
	if (removed || !S_ISREG(st.st_mode) ||
	    file_read_all(full, &data, &len) == -1)
		return 0;
	same = git_odb_hash(&got, data, len, GIT_OBJECT_BLOB) == 0 &&
	    git_oid_equal(&got, id);
	free(data);
	return same;
}

/* Removes ".NAME.XXXXXX" files that file_write_atomic left beside full. */
static void
remove_temps(const char *full)
{
	const char *base = strrchr(full, '/');
	char *dir = xstrndup(full, (size_t)(base - full));
	size_t n = strlen(base + 1);
	struct dirent *e;
	DIR *dp;

	if ((dp = opendir(dir)) != NULL) {
		while ((e = readdir(dp)) != NULL) {
			char *p;

			if (e->d_name[0] != '.' || strlen(e->d_name) != n + 8 ||
			    strncmp(e->d_name + 1, base + 1, n) != 0 ||
			    e->d_name[n + 1] != '.')
				continue;
			p = xasprintf("%s/%s", dir, e->d_name);
			(void)unlink(p);
			free(p);
		}
		closedir(dp);
	}
	free(dir);
}

/*
 * The branch's lock, when the crash came while libgit2 moved it.  A git
 * command holds such a lock for milliseconds: one still there after a
 * second is the dead rapport's, and removed.
 */
static void
clear_ref_lock(struct change *ch, const char *ref, struct diags *d)
{
	struct timespec step = { 0, STEP_MS * 1000000L };
	/* Branches are in the common folder (a linked worktree's too). */
	char *lock = xasprintf("%s%s.lock",
	    git_repository_commondir(repo_git(ch->r)), ref);
	int waited = 0;

	while (access(lock, F_OK) == 0 && waited < 1000) {
		nanosleep(&step, NULL);
		waited += STEP_MS;
	}
	if (access(lock, F_OK) == 0) {
		if (unlink(lock) == 0)
			diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "removed %s, "
			    "left by an interrupted rapport", lock);
		else
			diag_errno(d, "remove", lock);
	}
	free(lock);
}

/* The index of a finished change whose lock was lost: set it anew. */
static void
redo_index(struct change *ch, const struct journal *j, struct diags *d)
{
	struct gitindex *gi = gitindex_lock(repo_git(ch->r), INDEX_WAIT_MS, d);
	size_t i;

	if (gi == NULL)
		return;
	for (i = 0; i < j->nindex; i++) {
		const struct journal_index *e = &j->index[i];
		char *full = xasprintf("%s%s", repo_workdir(ch->r), e->path);
		const git_oid *stage[3];
		struct stat st;
		int k, match = !e->removed && holds(full, &e->id, 0) &&
		    lstat(full, &st) == 0;

		for (k = 0; k < 3; k++)
			stage[k] = e->nostage[k] ? NULL : &e->stage[k];
		if (e->conflict ? gitindex_conflict(gi, e->path, stage,
		    e->stage_mode, d) == -1 : gitindex_set(gi, e->path,
		    e->removed ? NULL : &e->id, e->mode, match ? &st : NULL,
		    d) == -1) {
			free(full);
			goto out;
		}
		free(full);
	}
	if (gitindex_prepare(gi, d) == 0)
		(void)gitindex_commit(gi, d);
out:
	gitindex_free(gi);
}

/*
 * The journal names nothing rapport would not have written: its branch is
 * a valid name under refs/ (its lock inside the git folder), each file a
 * path in the work tree through no link, each backup the name the write
 * path gives that file's, each index path a good name (wpath.h).  A
 * journal that fails is not rapport's, or not this work tree's: nothing
 * in it is acted on.  0, or -1 (reported).
 */
static int
journal_trusted(struct change *ch, const struct journal *j, const char *jpath,
    struct diags *d)
{
	const char *bad;
	char *why = NULL, *lock, *full, *want;
	size_t i;
	int rc = 0;

	if ((bad = wpath_ref_why(j->ref)) != NULL)
		why = xasprintf("its branch '%s': %s", j->ref, bad);
	lock = xasprintf("%s.lock", j->ref);
	if (why == NULL && wpath_check(git_repository_commondir(repo_git(ch->r)),
	    lock, 0, &why) == -1) {
		want = why;
		why = xasprintf("its branch's lock: %s", want);
		free(want);
	}
	free(lock);
	for (i = 0; why == NULL && i < j->nfiles; i++) {
		const struct journal_file *f = &j->files[i];

		if (wpath_check(repo_workdir(ch->r), f->path, 0, &why) == -1)
			break;
		full = xasprintf("%s%s", repo_workdir(ch->r), f->path);
		want = change_backup_name(full);
		if (f->backup != NULL && strcmp(f->backup, want) != 0)
			why = xasprintf("a backup '%s' that is not %s's own "
			    "(%s)", f->backup, f->path, want);
		free(want);
		free(full);
	}
	for (i = 0; why == NULL && i < j->nindex; i++)
		if ((bad = wpath_name_why(j->index[i].path)) != NULL)
			why = xasprintf("an index path '%s': %s",
			    j->index[i].path, bad);
	if (why != NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is not a journal "
		    "rapport wrote for this work tree, and nothing in it was "
		    "acted on: it names %s.  Nothing was changed; see what it "
		    "holds, check 'git status', then remove it by hand (rm %s)",
		    jpath, why, jpath);
		rc = -1;
	}
	free(why);
	return rc;
}

/*
 * Finishes the change a crashed rapport left (its branch moved) or takes
 * it back (it did not); a file changed since by someone else is left as
 * it is, with its earlier text kept and named.  A journal that is no
 * regular file, or too big, or names paths rapport never writes, stops
 * the command (-1, reported) with nothing touched; else 0.
 */
int
change_recover(struct change *ch, struct diags *d)
{
	git_repository *git = repo_git(ch->r);
	char *jpath = change_path(ch->r, "journal"), *what = NULL;
	struct journal j;
	git_oid now;
	char sid[GIT_OID_HEXSZ + 1];
	size_t i;
	int rc, at, forward, back, left = 0;

	remove_temps(jpath);
	if ((rc = journal_read(jpath, &j, &what)) == 1) {
		/* Died before its journal: at most git's lock to remove. */
		(void)gitindex_recover(git, 0, d);
		free(jpath);
		return 0;
	}
	if (rc == -2) {
		/* Not rapport's file: never opened, never removed. */
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is %s, not a "
		    "journal rapport wrote: nothing was changed, and no "
		    "command that commits can run while it is there; see what "
		    "it is, then move it aside or remove it by hand (rm -r %s)",
		    jpath, what, jpath);
		free(what);
		free(jpath);
		return -1;
	}
	if (rc == -1) {
		(void)gitindex_recover(git, 0, d);
		if (unlink(jpath) == 0)
			diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "%s cannot be "
			    "read; it is removed: check 'git status' for a "
			    "change a crashed rapport may have left", jpath);
		else {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s cannot be "
			    "read, nor removed (%s): remove it by hand (rm %s), "
			    "then check 'git status' for a change a crashed "
			    "rapport may have left", jpath, strerror(errno),
			    jpath);
			free(jpath);
			return -1;
		}
		free(jpath);
		return 0;
	}
	if (journal_trusted(ch, &j, jpath, d) == -1) {
		journal_free(&j);
		free(jpath);
		return -1;
	}
	clear_ref_lock(ch, j.ref, d);
	at = git_reference_name_to_id(&now, git, j.ref);
	/* An apply is whole once its merge is recorded, never otherwise. */
	forward = j.nocommit ? j.merging && commit_recorded(git, &j.merge) :
	    at == 0 && git_oid_equal(&now, &j.new);
	if (j.merging) {
		for (i = 0; i < 3; i++) {
			char *p = xasprintf("%s%s", git_repository_path(git),
			    commit_merge_files[i]);

			remove_temps(p);
			free(p);
		}
		if (!forward)
			commit_unrecord(git, &j.merge);
	}
	back = (at == GIT_ENOTFOUND && j.unborn) ||
	    (at == 0 && !j.unborn && git_oid_equal(&now, &j.old));
	if (forward) {
		if (gitindex_recover(git, 1, d) != 1)
			redo_index(ch, &j, d);
	} else
		(void)gitindex_recover(git, 0, d);
	for (i = 0; i < j.nfiles; i++) {
		const struct journal_file *f = &j.files[i];
		char *full = xasprintf("%s%s", repo_workdir(ch->r), f->path);
		struct stat a, b;
		int has_backup = f->backup != NULL && lstat(f->backup, &b) == 0;

		remove_temps(full);
		if (forward) {
			/* Committed: the new text stays, the old goes. */
			if (has_backup)
				(void)unlink(f->backup);
		} else if (back && holds(full, &f->id, f->removed)) {
			/* The new text is there, uncommitted: undo it. */
			(void)(has_backup ? rename(f->backup, full) :
			    unlink(full));
			(void)file_sync_parent(full);
		} else if (back && has_backup && lstat(full, &a) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			/* Kept, but never replaced. */
			(void)unlink(f->backup);
		} else if (has_backup && !back && holds(full, &f->id,
		    f->removed)) {
			/* The branch moved on, perhaps with this text in it. */
			diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "%s is left "
			    "as an interrupted rapport wrote it; its text from "
			    "before is kept in %s", f->path, f->backup);
		} else if (has_backup) {
			diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "%s was changed "
			    "after a rapport was interrupted, and is left as "
			    "it is; its text from before is kept in %s",
			    f->path, f->backup);
			left++;
		} else if (back && f->backup == NULL && lstat(full, &a) == 0) {
			/* One the change made, with other text now. */
			diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "%s was changed "
			    "after a rapport was interrupted, and is left as "
			    "it is", f->path);
			left++;
		}
		free(full);
	}
	git_oid_tostr(sid, sizeof(sid), &j.new);
	if (forward && j.nocommit)
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "finished putting in "
		    "place the merge an interrupted rapport had begun: its "
		    "conflicts wait for you ('rapport check')");
	else if (forward)
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "finished a change "
		    "that an interrupted rapport had committed (%.7s)", sid);
	else if (back)
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "took back a change "
		    "that an interrupted rapport had not committed: the files "
		    "are as they were%s", left > 0 ? ", but for those named "
		    "above" : "");
	else
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "found a change an "
		    "interrupted rapport left (%.7s), but the branch has moved "
		    "since: the files are left as they are", sid);
	(void)unlink(jpath);
	journal_free(&j);
	free(jpath);
	return 0;
}

