/*
 * change_steps.c: the steps of a change that touch the work tree, git's
 * index and the journal (see change.c for their order), one function each.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "change.h"
#include "change_int.h"
#include "fileio.h"
#include "gitindex.h"
#include "journal.h"
#include "util.h"
#include "wpath.h"

/* Hidden, in the file's own folder: a hard link needs one file system. */
char *
change_backup_name(const char *full)
{
	const char *base = strrchr(full, '/');

	return xasprintf("%.*s/.%s.rapport-old", (int)(base - full), full,
	    base + 1);
}

/*
 * Whether it's folders are real folders inside the work tree, no link
 * among them (wpath.h), making the missing ones when make is set: 0, or
 * -1 (reported when d is not NULL).
 */
int
change_item_safe(const struct change *ch, const struct item *it, int make,
    struct diags *d)
{
	char *why = NULL;
	int rc = wpath_check(repo_workdir(ch->r), it->gpath, make, &why);

	if (rc == -1 && d != NULL)
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "will not write %s: "
		    "%s; nothing was changed", it->path, why);
	free(why);
	return rc;
}

/*
 * item_safe for every item, before anything is written: 0, or -1 when
 * any is refused (each reported).  Items come in folders of thousands
 * (a sync of 100,000 files), so the folders of the item before, checked
 * already, are not walked again; write_work walks them anew for each.
 */
int
change_items_safe(const struct change *ch, struct diags *d)
{
	const char *last = NULL, *slash;
	size_t i, n, lastn = 0;
	int rc = 0;

	for (i = 0; i < ch->n; i++) {
		const char *g = ch->v[i].gpath;

		n = (slash = strrchr(g, '/')) != NULL ? (size_t)(slash - g) : 0;
		if (last != NULL && n == lastn && strncmp(g, last, n) == 0 &&
		    wpath_name_why(g) == NULL)
			continue;
		if (change_item_safe(ch, &ch->v[i], 0, d) == -1) {
			rc = -1;
			last = NULL;
		} else {
			last = g;
			lastn = n;
		}
	}
	return rc;
}

/*
 * Puts back every work-tree file changed so far; a file whose folder has
 * become a link meanwhile is left, its backup with it.  A new text not
 * in place yet is removed.
 */
void
change_undo_work(struct change *ch)
{
	size_t i;

	for (i = ch->n; i-- > 0;) {
		struct item *it = &ch->v[i];

		if (it->tmp != NULL) {
			(void)unlink(it->tmp);
			free(it->tmp);
			it->tmp = NULL;
		}
		if ((it->done || it->backed) && change_item_safe(ch, it, 0, NULL) == -1)
			continue;
		if (it->done) {
			if (it->backed)
				(void)rename(it->backup, it->full);
			else
				(void)unlink(it->full);
			(void)file_sync_parent(it->full);
			it->done = 0;
		} else if (it->backed)
			(void)unlink(it->backup);
		it->backed = 0;
	}
}

/*
 * A copy of the file at from (never through a link) as to, made whole;
 * where no hard link can be made.  0, or -1 with errno set.
 */
static int
copy_file(const char *from, const char *to)
{
	char *s = NULL;
	size_t len;
	int fd, rc = -1, err;

	if ((fd = file_open_regular(from, 0)) == -1)
		return -1;
	(void)close(fd);
	if (file_read_all(from, &s, &len) == 0)
		rc = file_write_atomic(to, s, len);
	err = errno;
	free(s);
	errno = err;
	return rc;
}

/*
 * An item's old text kept beside it (a hard link, or a copy where none
 * can be made) and its new text written to a temporary file beside it,
 * flushed when sync is set.
 */
static int
work_stage(struct change *ch, struct item *it, int sync, struct diags *d)
{
	/* Checked again right before writing: the window stays short. */
	if (change_item_safe(ch, it, it->work == CHANGE_WRITE, d) == -1)
		return -1;
	if (it->old[CHANGE_WORK].exists) {
		(void)unlink(it->backup);
		if (link(it->full, it->backup) == -1 &&
		    copy_file(it->full, it->backup) == -1) {
			diag_errno(d, "keep the old text of", it->path);
			return -1;
		}
		it->backed = 1;
	}
	if (it->work == CHANGE_WRITE) {
		/*
		 * A merge's mode, as git checks a file out: executable where
		 * it may be read, or by nobody (the old file's mode may be
		 * the other); else the old file's mode.
		 */
		int exec = it->want_mode == GIT_FILEMODE_BLOB_EXECUTABLE ? 1 :
		    it->want_mode == GIT_FILEMODE_BLOB ? 0 : -1;
		git_blob *blob = NULL;
		const char *s = it->work_text.s;
		size_t len = it->work_text.len;
		int rc;

		if (it->work_in_git) {
			if (git_blob_lookup(&blob, repo_git(ch->r),
			    &it->work_id) < 0) {
				repo_fail_git(d, "cannot read the new text back");
				return -1;
			}
			s = git_blob_rawcontent(blob);
			len = (size_t)git_blob_rawsize(blob);
		}
		rc = file_write_temp(it->full, s, len, exec, sync, &it->tmp);
		git_blob_free(blob);
		if (rc == -1) {
			diag_errno(d, "write", it->path);
			return -1;
		}
	}
	return 0;
}

/* The item's new text in place of the old, or the file gone. */
static int
work_place(struct change *ch, struct item *it, struct diags *d)
{
	if (change_item_safe(ch, it, 0, d) == -1)
		return -1;
	if (it->work == CHANGE_WRITE) {
		if (rename(it->tmp, it->full) == -1) {
			diag_errno(d, "write", it->path);
			return -1;
		}
		free(it->tmp);
		it->tmp = NULL;
	} else if (unlink(it->full) == -1) {
		diag_errno(d, "remove", it->path);
		return -1;
	}
	it->done = 1;
	return 0;
}

/* The full path of item i when the work tree changes it, else NULL. */
static const char *
placed_path(size_t i, void *arg)
{
	const struct change *ch = arg;

	return ch->v[i].work != CHANGE_KEEP ? ch->v[i].full : NULL;
}

/*
 * Up to this many files, each new text is flushed on its own (fsync); a
 * larger change flushes the file system once (syncfs), which on a busy
 * machine waits for other writers' data too, but spares a flush a file.
 */
#define WORK_SYNC_EACH	8

/*
 * Step 4, every work-tree file: the old texts kept and the new ones
 * written beside them and flushed (each, or the file system once); each
 * put in place; each folder flushed once, for the renames.  Two flushes
 * a file made a change of thousands of files (import-mail's first day)
 * cost several times git's own commit of them.  A crash at any point
 * leaves the journal, and what the next change_begin does is as before:
 * a temporary file is removed, a backup put back or dropped (recover.c).
 */
int
change_write_work(struct change *ch, struct diags *d)
{
	size_t i, n = 0, first = 0;
	int each;

	for (i = 0; i < ch->n; i++)
		if (ch->v[i].work != CHANGE_KEEP && n++ == 0)
			first = i;
	if (n == 0)
		return 0;
	each = n <= WORK_SYNC_EACH;
	for (i = 0; i < ch->n; i++)
		if (ch->v[i].work != CHANGE_KEEP &&
		    work_stage(ch, &ch->v[i], each, d) == -1)
			return -1;
	/* Every new text and backup on disk before any file changes. */
	if (!each && file_flush_fs(ch->v[first].full) == -1) {
		diag_errno(d, "flush to disk the new text of",
		    ch->v[first].path);
		return -1;
	}
	for (i = 0; i < ch->n; i++)
		if (ch->v[i].work != CHANGE_KEEP &&
		    work_place(ch, &ch->v[i], d) == -1)
			return -1;
	/* The folders, each once, for the renames. */
	if (file_each_folder(ch->n, placed_path, ch, fsync) == -1) {
		diag_errno(d, "flush the folders of the files written, such as",
		    ch->v[first].path);
		return -1;
	}
	return 0;
}

/*
 * What git's index gets for it.  When the work file ends up holding
 * exactly the index's text, its stat goes in too, so that git sees it as
 * unchanged without reading it; otherwise git compares the text.
 */
int
change_index_item(struct gitindex *gi, const struct item *it, struct diags *d)
{
	const struct change_text *w = &it->old[CHANGE_WORK];
	struct stat st;
	int match = 0;

	if (it->conflict) {
		const git_oid *id[3];
		int k;

		for (k = 0; k < 3; k++)
			id[k] = git_oid_is_zero(&it->stage[k]) ? NULL :
			    &it->stage[k];
		return gitindex_conflict(gi, it->gpath, id, it->stage_mode, d);
	}
	if (!it->index_exists)
		return gitindex_set(gi, it->gpath, NULL, 0, NULL, d);
	if (it->work == CHANGE_WRITE ||
	    (it->work == CHANGE_KEEP && w->exists && !w->link))
		match = git_oid_equal(&it->work_id, &it->new_index_id);
	match = match && it->new_index_mode != GIT_FILEMODE_LINK &&
	    lstat(it->full, &st) == 0 && S_ISREG(st.st_mode);
	return gitindex_set(gi, it->gpath, &it->new_index_id,
	    it->new_index_mode, match ? &st : NULL, d);
}

void
change_fill_journal(struct change *ch, struct journal *j, const char *ref,
    const git_oid *old, const git_oid *new)
{
	size_t i, nf = 0;

	memset(j, 0, sizeof(*j));
	j->ref = xstrdup(ref);
	j->unborn = old == NULL;
	if (old != NULL)
		git_oid_cpy(&j->old, old);
	git_oid_cpy(&j->new, new);
	j->files = xcalloc(ch->n + 1, sizeof(*j->files));
	j->index = xcalloc(ch->n + 1, sizeof(*j->index));
	for (i = 0; i < ch->n; i++) {
		struct item *it = &ch->v[i];
		struct journal_index *e = &j->index[i];

		if (it->work != CHANGE_KEEP) {
			struct journal_file *f = &j->files[nf++];

			f->path = it->gpath;
			f->backup = it->old[CHANGE_WORK].exists ? it->backup :
			    NULL;
			f->removed = it->work == CHANGE_REMOVE;
			if (!f->removed)
				git_oid_cpy(&f->id, &it->work_id);
		}
		e->path = it->gpath;
		e->removed = !it->index_exists;
		git_oid_cpy(&e->id, &it->new_index_id);
		e->mode = it->new_index_mode;
		if (it->conflict) {
			int k;

			e->conflict = 1;
			for (k = 0; k < 3; k++) {
				git_oid_cpy(&e->stage[k], &it->stage[k]);
				e->nostage[k] = git_oid_is_zero(&it->stage[k]);
				e->stage_mode[k] = it->stage_mode[k];
			}
		}
	}
	j->nfiles = nf;
	j->nindex = ch->n;
}

/*
 * A file in conflict is the merge's to settle: only a change that says it
 * settles one (change_resolve) may take it.
 */
int
change_conflicts_settled(const struct change *ch, const struct gitindex *gi,
    struct diags *d)
{
	git_oid id;
	unsigned mode;
	size_t i;
	int rc = 0, conflicted;

	for (i = 0; i < ch->n; i++)
		if (gitindex_get(gi, ch->v[i].gpath, &id, &mode,
		    &conflicted) >= 0 && conflicted && !ch->resolve) {
			diag_msg(d, ch->v[i].path, 0, 0, DIAG_ERROR, "this file "
			    "has merge conflicts: resolve them first (rapport "
			    "edit opens it; rapport commit then concludes the "
			    "merge)");
			rc = -1;
		}
	return rc;
}

/*
 * git's hooks before the commit (change_hooks.c).  A message they edited
 * makes the commit anew, and the journal names that one.  0, or -1.
 */
int
change_hooks_before(struct change *ch, git_tree *base, const git_oid *old,
    const char **msg, git_oid *tree_id, git_oid *commit_id,
    struct journal *j, const char *jpath, struct diags *d)
{
	int rc = change_hooks_pre(ch, tree_id, *msg, d);

	if (rc != 1)
		return rc;
	*msg = ch->msgbuf.s;
	if (commit_make(ch, base, old, *msg, tree_id, commit_id, d) != 0)
		return -1;
	if (!commit_stored(ch, commit_id, tree_id)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "git could not store "
		    "the commit (is the disk full?): nothing was changed");
		return -1;
	}
	git_oid_cpy(&j->new, commit_id);
	if (journal_write(jpath, j) == -1) {
		diag_errno(d, "write", jpath);
		return -1;
	}
	return 0;
}

