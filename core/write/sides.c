/*
 * sides.c: the three versions of a file in a change (HEAD's, the
 * index's, the work tree's) and what the change's edit makes of each (see
 * change.h): the new blobs, the index's entry and the work tree's text.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "change_int.h"
#include "fileio.h"
#include "gitindex.h"
#include "util.h"

/* ---- reading the three versions -------------------------------------- */

/* The entry at path in tree: 1 (id, mode set), 0 when none, -1 failed. */
int
change_tree_file(git_tree *tree, const char *path, git_oid *id, unsigned *mode)
{
	git_tree_entry *e = NULL;
	int rc;

	if (tree == NULL)
		return 0;
	if ((rc = git_tree_entry_bypath(&e, tree, path)) == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return -1;
	rc = git_tree_entry_type(e) == GIT_OBJECT_BLOB;
	if (rc) {
		git_oid_cpy(id, git_tree_entry_id(e));
		*mode = (unsigned)git_tree_entry_filemode(e);
	}
	git_tree_entry_free(e);
	return rc;
}

static void
set_text(struct item *it, enum change_side side, char *s, size_t len,
    int link)
{
	it->text[side] = s;
	it->old[side].s = s;
	it->old[side].len = len;
	it->old[side].exists = 1;
	it->old[side].link = link;
}

/* The text of side goes; whether it existed, and was a link, stays. */
static void
drop_text(struct item *it, enum change_side side)
{
	free(it->text[side]);
	it->text[side] = NULL;
	it->old[side].s = NULL;
	it->old[side].len = 0;
}

/* The work tree's version of it; -1 (reported) when it cannot be read. */
static int
read_work(struct item *it, struct diags *d)
{
	struct stat st;
	char *s;
	size_t len;
	ssize_t n;

	if (lstat(it->full, &st) == -1) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		diag_errno(d, "read", it->path);
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		s = xmalloc((size_t)st.st_size + 2);
		if ((n = readlink(it->full, s, (size_t)st.st_size + 1)) < 0) {
			free(s);
			diag_errno(d, "read the link", it->path);
			return -1;
		}
		s[n] = '\0';
		set_text(it, CHANGE_WORK, s, (size_t)n, 1);
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is not a regular "
		    "file: rapport changes only files", it->path);
		return -1;
	}
	if (file_read_all(it->full, &s, &len) == -1) {
		diag_errno(d, "read", it->path);
		return -1;
	}
	set_text(it, CHANGE_WORK, s, len, 0);
	return 0;
}

/*
 * Side's text: blob id's.  The work tree's text is that blob when its
 * hash is id, as it is for every file without hand edits: then side
 * shares the work tree's text (it is not copied, nor owned twice: side's
 * text[] stays NULL), else it is read from git.  A blob at the end of a
 * long delta chain in a pack costs an inflate per link; hashing the bytes
 * at hand costs far less (an import into thousands of files spent half
 * its time inflating), and a copy of each would double what an import
 * holds.
 */
static int
side_blob(git_repository *git, struct item *it, enum change_side side,
    const git_oid *id, unsigned mode)
{
	const struct change_text *w = &it->old[CHANGE_WORK];
	git_oid wid;
	char *s;
	size_t len;

	if (w->exists && !w->link && git_odb_hash(&wid, w->s, w->len,
	    GIT_OBJECT_BLOB) == 0 && git_oid_equal(&wid, id)) {
		it->old[side] = *w;
		it->old[side].link = mode == GIT_FILEMODE_LINK;
		return 0;
	}
	if (repo_blob_text(git, id, &s, &len) == -1)
		return -1;
	set_text(it, side, s, len, mode == GIT_FILEMODE_LINK);
	return 0;
}

int
change_read_sides(struct change *ch, struct item *it, git_tree *base,
    struct gitindex *gi, struct diags *d)
{
	git_repository *git = repo_git(ch->r);
	int in_head, in_index, conflicted;

	/* The work tree's first: HEAD's and the index's may be its bytes. */
	if (read_work(it, d) == -1)
		return -1;
	if ((in_head = change_tree_file(base, it->gpath, &it->head_id,
	    &it->head_mode)) < 0) {
		repo_fail_git(d, "cannot read HEAD");
		return -1;
	}
	if (in_head && side_blob(git, it, CHANGE_HEAD, &it->head_id,
	    it->head_mode) == -1) {
		repo_fail_git(d, "cannot read HEAD");
		return -1;
	}
	in_index = gitindex_get(gi, it->gpath, &it->index_id, &it->index_mode,
	    &conflicted);
	it->conflicted = conflicted;
	it->staged = conflicted || in_index != in_head || (in_index &&
	    (!git_oid_equal(&it->index_id, &it->head_id) ||
	    it->index_mode != it->head_mode));
	if (in_index && it->staged && side_blob(git, it, CHANGE_INDEX,
	    &it->index_id, it->index_mode) == -1) {
		repo_fail_git(d, "cannot read git's index");
		return -1;
	}
	return 0;
}

/* ---- what the edits make --------------------------------------------- */

/* Whether out is exactly the old text of side. */
static int
same_text(const struct change_text *t, const struct buf *out)
{
	return t->exists && t->len == out->len &&
	    memcmp(t->s, out->s ? out->s : "", out->len) == 0;
}

static unsigned
work_mode(const struct item *it)
{
	struct stat st;

	if (it->old[CHANGE_WORK].link)
		return GIT_FILEMODE_LINK;
	if (lstat(it->full, &st) == 0 && (st.st_mode & S_IXUSR))
		return GIT_FILEMODE_BLOB_EXECUTABLE;
	return GIT_FILEMODE_BLOB;
}

/*
 * The mode of side's new version, out: the change's own (change_mode);
 * the work tree file's when out is that file whole (its kind goes with
 * it); else the mode side had, so that a mode staged by hand (chmod +x;
 * git add) stays staged as staged text does; else none (a side without
 * the file) gives none.
 */
static unsigned
new_mode(const struct item *it, enum change_side side, unsigned had,
    unsigned none, const struct buf *out)
{
	if (it->want_mode != 0)
		return it->want_mode;
	if (same_text(&it->old[CHANGE_WORK], out))
		return work_mode(it);
	return it->old[side].exists ? had : none;
}

/* Runs the edit for each side and makes the new blobs.  0 or -1. */
int
change_edit_item(struct change *ch, struct item *it, struct diags *d)
{
	git_repository *git = repo_git(ch->r);
	struct buf out = { 0 };
	enum change_verdict v;
	int rc = -1;

	/*
	 * Never a file git ignores, unless git has it already: the check
	 * comes first, so that it is what a command refusing one says.  A
	 * merge takes the files the other side committed, ignored or not.
	 */
	if (!it->old[CHANGE_HEAD].exists && !ch->merging) {
		switch (repo_ignores(git, it->gpath, it->staged)) {
		case -1:
			repo_fail_git(d, "cannot read .gitignore");
			goto out;
		case 1:
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is ignored "
			    "by git (a .gitignore names it): rapport never "
			    "commits an ignored file; change .gitignore "
			    "first if it should be kept in git", it->path);
			goto out;
		}
	}
	/* The commit's version. */
	v = it->fn(CHANGE_HEAD, it->old, &out, it->arg, d);
	if (v == CHANGE_ABORT)
		goto out;
	it->commit_exists = v == CHANGE_WRITE ||
	    (v == CHANGE_KEEP && it->old[CHANGE_HEAD].exists);
	if (v == CHANGE_WRITE) {
		if (git_blob_create_from_buffer(&it->commit_id, git,
		    out.s ? out.s : "", out.len) < 0) {
			repo_fail_git(d, "cannot store the new text in git");
			goto out;
		}
		it->commit_mode = new_mode(it, CHANGE_HEAD, it->head_mode,
		    GIT_FILEMODE_BLOB, &out);
	} else if (it->commit_exists) {
		git_oid_cpy(&it->commit_id, &it->head_id);
		it->commit_mode = it->head_mode;
	}
	it->commit_changed = it->commit_exists != it->old[CHANGE_HEAD].exists ||
	    (it->commit_exists && (!git_oid_equal(&it->commit_id,
	    &it->head_id) || it->commit_mode != it->head_mode));

	/* The index's: the commit's, or the edit of what is staged. */
	it->index_exists = it->commit_exists;
	git_oid_cpy(&it->new_index_id, &it->commit_id);
	it->new_index_mode = it->commit_mode;
	if (it->staged) {
		buf_reset(&out);
		v = it->fn(CHANGE_INDEX, it->old, &out, it->arg, d);
		if (v == CHANGE_REMOVE) {
			it->index_exists = 0;
		} else if (v == CHANGE_WRITE) {
			if (git_blob_create_from_buffer(&it->new_index_id, git,
			    out.s ? out.s : "", out.len) < 0) {
				repo_fail_git(d, "cannot store the new text in git");
				goto out;
			}
			it->index_exists = 1;
			it->new_index_mode = new_mode(it, CHANGE_INDEX,
			    it->index_mode, it->commit_mode, &out);
		}
	}

	/* The work tree's. */
	buf_reset(&out);
	v = it->fn(CHANGE_WORK, it->old, &out, it->arg, d);
	if (v == CHANGE_ABORT)
		goto out;
	/* The same text is kept, unless a merge changes the file's mode. */
	if (v == CHANGE_WRITE && same_text(&it->old[CHANGE_WORK], &out) &&
	    (it->want_mode == 0 || it->old[CHANGE_WORK].link ||
	    work_mode(it) == it->want_mode))
		v = CHANGE_KEEP;
	if (v == CHANGE_REMOVE && !it->old[CHANGE_WORK].exists)
		v = CHANGE_KEEP;
	if (v == CHANGE_WRITE && it->old[CHANGE_WORK].link) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is a symbolic "
		    "link: rapport changes and commits only the file itself; "
		    "change the file it points to, or replace the link by the "
		    "file", it->path);
		goto out;
	}
	it->work = v;
	if (v == CHANGE_WRITE) {
		/* out's memory becomes the work text: no second copy. */
		buf_free(&it->work_text);
		it->work_text = out;
		memset(&out, 0, sizeof(out));
		if (git_odb_hash(&it->work_id, it->work_text.s ?
		    it->work_text.s : "", it->work_text.len,
		    GIT_OBJECT_BLOB) < 0) {
			repo_fail_git(d, "cannot hash the new text");
			goto out;
		}
		/*
		 * The commit's blob, stored already (as it is unless the
		 * file had hand edits): read back from git when the file is
		 * written, rather than held.  An import into thousands of
		 * files would otherwise hold every new text at once.
		 */
		if (it->commit_exists &&
		    git_oid_equal(&it->work_id, &it->commit_id)) {
			buf_free(&it->work_text);
			it->work_in_git = 1;
		}
	}
	/*
	 * A work file kept as it is: its id, for the index's stat.
	 */
	if (v == CHANGE_KEEP && it->old[CHANGE_WORK].exists &&
	    !it->old[CHANGE_WORK].link && git_odb_hash(&it->work_id,
	    it->old[CHANGE_WORK].s, it->old[CHANGE_WORK].len,
	    GIT_OBJECT_BLOB) < 0) {
		repo_fail_git(d, "cannot hash the text");
		goto out;
	}
	/*
	 * No old text is needed from here on: HEAD's and the index's are in
	 * git, and the work tree's is the file itself, kept by a hard link
	 * (or a copy of the file) before it is replaced.  An import into
	 * thousands of files would otherwise hold them all at once.
	 */
	drop_text(it, CHANGE_HEAD);
	drop_text(it, CHANGE_INDEX);
	drop_text(it, CHANGE_WORK);
	rc = 0;
out:
	buf_free(&out);
	return rc;
}

