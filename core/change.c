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
#include <dirent.h>
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
#include "fileio.h"
#include "gitindex.h"
#include "journal.h"
#include "repo_int.h"
#include "util.h"

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
	char		*text[CHANGE__SIDES];	/* owns old[].s */
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
	struct buf	 work_text;
	git_oid		 work_id;
	char		*backup;	/* the old work file, while it lasts */
	int		 backed, done;	/* backup made; work file changed */
};

struct change {
	struct repo	*r;
	int		 lockfd;
	struct item	*v;
	size_t		 n, cap;
	git_oid		 parents[8];
	size_t		 nparents;
};

static void
fail_git(struct diags *d, const char *what)
{
	const git_error *e = git_error_last();

	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s: %s", what,
	    e != NULL && e->message != NULL && *e->message != '\0' ?
	    e->message : "libgit2 gave no reason");
}

static void
fail_errno(struct diags *d, const char *what, const char *path)
{
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot %s %s: %s", what,
	    path, strerror(errno));
}

static char *
rapport_path(const struct repo *r, const char *name)
{
	return xasprintf("%srapport/%s", git_repository_path(r->git), name);
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
	char *dir = rapport_path(ch->r, ""), *path = rapport_path(ch->r, "lock");
	struct stat a, b;
	int fd = -1, waited = 0, rc = -1;

	dir[strlen(dir) - 1] = '\0';
	if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
		fail_errno(d, "make the folder", dir);
		goto out;
	}
	for (;;) {
		if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666)) == -1) {
			fail_errno(d, "open the lock", path);
			goto out;
		}
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
			    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
				break;
		} else if (errno != EWOULDBLOCK && errno != EINTR) {
			fail_errno(d, "lock", path);
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
	free(dir);
	free(path);
	return rc;
}

/* ---- reading the three versions -------------------------------------- */

/* Copies a blob's bytes into an allocated, NUL-terminated buffer. */
static int
blob_text(git_repository *git, const git_oid *id, char **s, size_t *len)
{
	git_blob *blob = NULL;
	size_t n;

	if (git_blob_lookup(&blob, git, id) < 0)
		return -1;
	n = (size_t)git_blob_rawsize(blob);
	*s = xmalloc(n + 1);
	memcpy(*s, git_blob_rawcontent(blob), n);
	(*s)[n] = '\0';
	*len = n;
	git_blob_free(blob);
	return 0;
}

/* The entry at path in tree: 1 (id, mode set), 0 when none, -1 failed. */
static int
tree_file(git_tree *tree, const char *path, git_oid *id, unsigned *mode)
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
		fail_errno(d, "read", it->path);
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		s = xmalloc((size_t)st.st_size + 2);
		if ((n = readlink(it->full, s, (size_t)st.st_size + 1)) < 0) {
			free(s);
			fail_errno(d, "read the link", it->path);
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
		fail_errno(d, "read", it->path);
		return -1;
	}
	set_text(it, CHANGE_WORK, s, len, 0);
	return 0;
}

static int
read_sides(struct change *ch, struct item *it, git_tree *base,
    struct gitindex *gi, struct diags *d)
{
	git_repository *git = ch->r->git;
	char *s;
	size_t len;
	int in_head, in_index, conflicted;

	if ((in_head = tree_file(base, it->gpath, &it->head_id,
	    &it->head_mode)) < 0) {
		fail_git(d, "cannot read HEAD");
		return -1;
	}
	if (in_head) {
		if (blob_text(git, &it->head_id, &s, &len) == -1) {
			fail_git(d, "cannot read HEAD");
			return -1;
		}
		set_text(it, CHANGE_HEAD, s, len,
		    it->head_mode == GIT_FILEMODE_LINK);
	}
	in_index = gitindex_get(gi, it->gpath, &it->index_id, &it->index_mode,
	    &conflicted);
	it->staged = conflicted || in_index != in_head || (in_index &&
	    (!git_oid_equal(&it->index_id, &it->head_id) ||
	    it->index_mode != it->head_mode));
	if (in_index && it->staged) {
		if (blob_text(git, &it->index_id, &s, &len) == -1) {
			fail_git(d, "cannot read git's index");
			return -1;
		}
		set_text(it, CHANGE_INDEX, s, len,
		    it->index_mode == GIT_FILEMODE_LINK);
	}
	return read_work(it, d);
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

/* Runs the edit for each side and makes the new blobs.  0 or -1. */
static int
edit_item(struct change *ch, struct item *it, struct diags *d)
{
	git_repository *git = ch->r->git;
	struct buf out = { NULL, 0, 0 };
	enum change_verdict v;
	int rc = -1, ignored;

	/* The commit's version. */
	v = it->fn(CHANGE_HEAD, it->old, &out, it->arg, d);
	if (v == CHANGE_ABORT)
		goto out;
	it->commit_exists = v == CHANGE_WRITE ||
	    (v == CHANGE_KEEP && it->old[CHANGE_HEAD].exists);
	if (v == CHANGE_WRITE) {
		if (git_blob_create_from_buffer(&it->commit_id, git,
		    out.s ? out.s : "", out.len) < 0) {
			fail_git(d, "cannot store the new text in git");
			goto out;
		}
		/* The work tree's file taken whole keeps its kind. */
		if (same_text(&it->old[CHANGE_WORK], &out))
			it->commit_mode = work_mode(it);
		else if (it->old[CHANGE_HEAD].exists)
			it->commit_mode = it->head_mode;
		else
			it->commit_mode = GIT_FILEMODE_BLOB;
	} else if (it->commit_exists) {
		git_oid_cpy(&it->commit_id, &it->head_id);
		it->commit_mode = it->head_mode;
	}
	it->commit_changed = it->commit_exists != it->old[CHANGE_HEAD].exists ||
	    (it->commit_exists && (!git_oid_equal(&it->commit_id,
	    &it->head_id) || it->commit_mode != it->head_mode));
	/* Never a file git ignores, unless git has it already. */
	if (it->commit_exists && !it->old[CHANGE_HEAD].exists) {
		if (git_ignore_path_is_ignored(&ignored, git, it->gpath) < 0) {
			fail_git(d, "cannot read .gitignore");
			goto out;
		}
		if (ignored) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is ignored "
			    "by git (a .gitignore names it): rapport never "
			    "commits an ignored file; change .gitignore "
			    "first if it should be kept in git", it->path);
			goto out;
		}
	}

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
				fail_git(d, "cannot store the new text in git");
				goto out;
			}
			it->index_exists = 1;
		}
	}

	/* The work tree's. */
	buf_reset(&out);
	v = it->fn(CHANGE_WORK, it->old, &out, it->arg, d);
	if (v == CHANGE_ABORT)
		goto out;
	if (v == CHANGE_WRITE && same_text(&it->old[CHANGE_WORK], &out))
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
		buf_putn(&it->work_text, out.s ? out.s : "", out.len);
		if (git_odb_hash(&it->work_id, it->work_text.s, out.len,
		    GIT_OBJECT_BLOB) < 0) {
			fail_git(d, "cannot hash the new text");
			goto out;
		}
	}
	rc = 0;
out:
	buf_free(&out);
	return rc;
}

/* ---- writing --------------------------------------------------------- */

/*
 * Whether a fresh object database holds the commit, its tree and every
 * new blob: a reopened database has nothing cached, so what it reads
 * back is on disk.
 */
static int
objects_stored(struct change *ch, const git_oid *commit, const git_oid *tree)
{
	char *dir = xasprintf("%sobjects", git_repository_path(ch->r->git));
	git_odb *odb = NULL;
	git_odb_object *o = NULL;
	size_t i;
	int ok = 0;

	if (git_odb_open(&odb, dir) < 0)
		goto out;
	if (git_odb_read(&o, odb, commit) < 0 ||
	    git_odb_object_type(o) != GIT_OBJECT_COMMIT)
		goto out;
	git_odb_object_free(o);
	o = NULL;
	if (git_odb_read(&o, odb, tree) < 0 ||
	    git_odb_object_type(o) != GIT_OBJECT_TREE)
		goto out;
	for (i = 0; i < ch->n; i++) {
		const struct item *it = &ch->v[i];

		if ((it->commit_changed && it->commit_exists &&
		    !git_odb_exists(odb, &it->commit_id)) ||
		    (it->index_exists && !git_odb_exists(odb,
		    &it->new_index_id)))
			goto out;
	}
	ok = 1;
out:
	git_odb_object_free(o);
	git_odb_free(odb);
	free(dir);
	return ok;
}

/* Hidden, in the file's own folder: a hard link needs one file system. */
static char *
backup_name(const char *full)
{
	const char *base = strrchr(full, '/');

	return xasprintf("%.*s/.%s.rapport-old", (int)(base - full), full,
	    base + 1);
}

/* mkdir -p of the folders above full, inside the work tree. */
static int
make_parents(const char *workdir, const char *full)
{
	char *p = xstrdup(full), *s;
	int rc = 0;

	for (s = p + strlen(workdir); rc == 0 && (s = strchr(s, '/')) != NULL;
	    s++) {
		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(p);
	return rc;
}

/* Puts back every work-tree file changed so far. */
static void
undo_work(struct change *ch)
{
	size_t i;

	for (i = ch->n; i-- > 0;) {
		struct item *it = &ch->v[i];

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

static int
write_work(struct change *ch, struct item *it, struct diags *d)
{
	if (it->work == CHANGE_KEEP)
		return 0;
	if (it->old[CHANGE_WORK].exists) {
		(void)unlink(it->backup);
		/* Where no hard link can be made, a copy does. */
		if (link(it->full, it->backup) == -1 &&
		    file_write_atomic(it->backup, it->old[CHANGE_WORK].s,
		    it->old[CHANGE_WORK].len) == -1) {
			fail_errno(d, "keep the old text of", it->path);
			return -1;
		}
		it->backed = 1;
	}
	if (it->work == CHANGE_WRITE) {
		if (make_parents(ch->r->workdir, it->full) == -1 ||
		    file_write_atomic(it->full, it->work_text.s,
		    it->work_text.len) == -1) {
			fail_errno(d, "write", it->path);
			return -1;
		}
	} else if (unlink(it->full) == -1 || file_sync_parent(it->full) == -1) {
		fail_errno(d, "remove", it->path);
		return -1;
	}
	it->done = 1;
	return 0;
}

/*
 * What git's index gets for it.  When the work file ends up holding
 * exactly the index's text, its stat goes in too, so that git sees it as
 * unchanged without reading it; otherwise git compares the text.
 */
static int
index_item(struct gitindex *gi, const struct item *it, struct diags *d)
{
	const struct change_text *w = &it->old[CHANGE_WORK];
	struct stat st;
	git_oid final;
	int match = 0;

	if (!it->index_exists)
		return gitindex_set(gi, it->gpath, NULL, 0, NULL, d);
	if (it->work == CHANGE_WRITE)
		match = git_oid_equal(&it->work_id, &it->new_index_id);
	else if (it->work == CHANGE_KEEP && w->exists && !w->link)
		match = git_odb_hash(&final, w->s, w->len, GIT_OBJECT_BLOB) ==
		    0 && git_oid_equal(&final, &it->new_index_id);
	match = match && it->new_index_mode != GIT_FILEMODE_LINK &&
	    lstat(it->full, &st) == 0 && S_ISREG(st.st_mode);
	return gitindex_set(gi, it->gpath, &it->new_index_id,
	    it->new_index_mode, match ? &st : NULL, d);
}

static void
fill_journal(struct change *ch, struct journal *j, const char *ref,
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
	}
	j->nfiles = nf;
	j->nindex = ch->n;
}

/* The branch HEAD names (allocated) and where it points (NULL: unborn). */
static int
head_branch(git_repository *git, char **name, git_oid *id, int *unborn,
    struct diags *d)
{
	git_reference *head = NULL;
	const char *target;
	int rc;

	*name = NULL;
	if (git_reference_lookup(&head, git, "HEAD") < 0 ||
	    (target = git_reference_symbolic_target(head)) == NULL) {
		git_reference_free(head);
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "HEAD is not on a "
		    "branch: switch to a branch first (git switch NAME)");
		return -1;
	}
	*name = xstrdup(target);
	git_reference_free(head);
	rc = git_reference_name_to_id(id, git, *name);
	*unborn = rc == GIT_ENOTFOUND;
	if (rc < 0 && !*unborn) {
		fail_git(d, "cannot read the branch");
		free(*name);
		*name = NULL;
		return -1;
	}
	return 0;
}

/*
 * Moves branch name from old (NULL: it does not exist) to new, only if it
 * is still there, and reads it back.  0, or -1 (reported).
 */
static int
move_branch(git_repository *git, const char *name, const git_oid *old,
    const git_oid *new, const char *log, struct diags *d)
{
	git_reference *ref = NULL;
	git_oid now;
	int err;

	if (old == NULL)
		err = git_reference_create(&ref, git, name, new, 0, log);
	else
		err = git_reference_create_matching(&ref, git, name, new, 1,
		    old, log);
	git_reference_free(ref);
	if (err == GIT_ELOCKED) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "git is updating the "
		    "branch (%s%s.lock exists): wait for that git command to "
		    "finish; if none is running, one crashed: remove the file; "
		    "nothing was changed", git_repository_path(git), name);
		return -1;
	}
	if (err == GIT_EMODIFIED || err == GIT_EEXISTS) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the branch moved "
		    "while rapport was committing (another git command?): "
		    "nothing was changed; try again");
		return -1;
	}
	if (err < 0) {
		fail_git(d, "cannot move the branch");
		return -1;
	}
	if (git_reference_name_to_id(&now, git, name) < 0 ||
	    !git_oid_equal(&now, new)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the branch %s does "
		    "not point at the new commit after moving it", name);
		return -1;
	}
	return 0;
}

/* The reflog's line, as git writes it. */
static char *
reflog_message(const char *msg, int initial, int merge)
{
	size_t n = strcspn(msg, "\n");

	return xasprintf("commit%s: %.*s", initial ? " (initial)" : merge ?
	    " (merge)" : "", (int)n, msg);
}

static int
make_commit(struct change *ch, git_tree *base, const git_oid *old,
    const char *msg, git_oid *tree_id, git_oid *commit_id, struct diags *d)
{
	git_repository *git = ch->r->git;
	git_tree_update *up = xcalloc(ch->n + 1, sizeof(*up));
	const git_commit *parents[9];
	git_commit *pc[9];
	git_signature *author = NULL, *committer = NULL;
	git_tree *tree = NULL;
	char *message = NULL;
	size_t i, nup = 0, np = 0, mlen;
	int rc = -1;

	memset(pc, 0, sizeof(pc));
	for (i = 0; i < ch->n; i++) {
		struct item *it = &ch->v[i];

		if (!it->commit_changed)
			continue;
		up[nup].path = it->gpath;
		if (it->commit_exists) {
			up[nup].action = GIT_TREE_UPDATE_UPSERT;
			git_oid_cpy(&up[nup].id, &it->commit_id);
			up[nup].filemode = (git_filemode_t)it->commit_mode;
		} else
			up[nup].action = GIT_TREE_UPDATE_REMOVE;
		nup++;
	}
	if (git_tree_create_updated(tree_id, git, base, nup, up) < 0) {
		fail_git(d, "cannot make the commit's tree");
		goto out;
	}
	if (ch->nparents == 0 && ((base != NULL &&
	    git_oid_equal(tree_id, git_tree_id(base))) ||
	    (base == NULL && nup == 0))) {
		rc = 1;
		goto out;
	}
	if (old != NULL && git_commit_lookup(&pc[np++], git, old) < 0) {
		fail_git(d, "cannot read HEAD");
		goto out;
	}
	for (i = 0; i < ch->nparents; i++)
		if (git_commit_lookup(&pc[np++], git, &ch->parents[i]) < 0) {
			fail_git(d, "cannot read a parent of the merge");
			goto out;
		}
	for (i = 0; i < np; i++)
		parents[i] = pc[i];
	mlen = strlen(msg);
	message = xasprintf("%s%s", msg, mlen > 0 && msg[mlen - 1] == '\n' ?
	    "" : "\n");
	if (git_tree_lookup(&tree, git, tree_id) < 0 ||
	    git_signature_new(&author, ch->r->author.name,
	    ch->r->author.email, (git_time_t)ch->r->author.when,
	    ch->r->author.offset) < 0 ||
	    git_signature_new(&committer, ch->r->committer.name,
	    ch->r->committer.email, (git_time_t)ch->r->committer.when,
	    ch->r->committer.offset) < 0 ||
	    git_commit_create(commit_id, git, NULL, author, committer, NULL,
	    message, tree, np, parents) < 0) {
		fail_git(d, "cannot make the commit");
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < np; i++)
		git_commit_free(pc[i]);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	free(message);
	free(up);
	return rc;
}

int
change_commit(struct change *ch, const char *msg, char id[41],
    struct diags *d)
{
	git_repository *git = ch->r->git;
	struct gitindex *gi = NULL;
	struct journal j;
	git_commit *head = NULL;
	git_tree *base = NULL;
	git_oid old, tree_id, commit_id;
	char *branch = NULL, *jpath = rapport_path(ch->r, "journal");
	char *log = NULL;
	size_t i;
	int unborn = 0, rc = -1, journaled = 0, moved = 0, keep = 0;

	memset(&j, 0, sizeof(j));
	if (!ch->r->ready || ch->lockfd == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "internal error: "
		    "commit without repo_ready and change_begin");
		goto out;
	}
	if (head_branch(git, &branch, &old, &unborn, d) == -1)
		goto out;
	if (!unborn && (git_commit_lookup(&head, git, &old) < 0 ||
	    git_commit_tree(&base, head) < 0)) {
		fail_git(d, "cannot read HEAD");
		goto out;
	}
	/* 1. git's own lock, then the index read while it is held. */
	if ((gi = gitindex_lock(git, INDEX_WAIT_MS, d)) == NULL)
		goto out;
	for (i = 0; i < ch->n; i++)
		if (read_sides(ch, &ch->v[i], base, gi, d) == -1 ||
		    edit_item(ch, &ch->v[i], d) == -1)
			goto out;
	/* 2. The objects, and proof that they are stored. */
	if ((rc = make_commit(ch, base, unborn ? NULL : &old, msg, &tree_id,
	    &commit_id, d)) != 0)
		goto out;
	rc = -1;
	if (!objects_stored(ch, &commit_id, &tree_id)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "git could not store "
		    "the commit (is the disk full?): nothing was changed");
		goto out;
	}
	/* 3. What is about to happen, for the next rapport after a crash. */
	fill_journal(ch, &j, branch, unborn ? NULL : &old, &commit_id);
	if (journal_write(jpath, &j) == -1) {
		fail_errno(d, "write", jpath);
		goto out;
	}
	journaled = 1;
	/* 4. The work tree, 5. the index into its lock, 6. the branch. */
	for (i = 0; i < ch->n; i++)
		if (write_work(ch, &ch->v[i], d) == -1)
			goto out;
	for (i = 0; i < ch->n; i++)
		if (index_item(gi, &ch->v[i], d) == -1)
			goto out;
	if (gitindex_prepare(gi, d) == -1)
		goto out;
	log = reflog_message(msg, unborn, ch->nparents > 0);
	if (move_branch(git, branch, unborn ? NULL : &old, &commit_id, log,
	    d) == -1)
		goto out;
	moved = 1;
	/* 7. The index in place: the change is whole. */
	if (gitindex_commit(gi, d) == -1)
		goto out;
	git_oid_tostr(id, 41, &commit_id);
	rc = 0;
out:
	/*
	 * Only the index rename failed: take the branch back too.  Should
	 * that fail, the change stands, and the journal stays for the next
	 * rapport to put the index right.
	 */
	if (rc == -1 && moved && (unborn ? git_reference_remove(git,
	    branch) == 0 : move_branch(git, branch, &commit_id, &old, log,
	    d) == 0))
		moved = 0;
	keep = rc == -1 && moved;
	if (rc == -1 && !moved)
		undo_work(ch);
	gitindex_free(gi);
	for (i = 0; i < ch->n; i++)
		if (ch->v[i].backed) {
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
	return rc;
}

/* ---- after a crash --------------------------------------------------- */

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

/* The index of a finished change whose lock was lost: set it anew. */
static void
redo_index(struct change *ch, const struct journal *j, struct diags *d)
{
	struct gitindex *gi = gitindex_lock(ch->r->git, INDEX_WAIT_MS, d);
	size_t i;

	if (gi == NULL)
		return;
	for (i = 0; i < j->nindex; i++) {
		const struct journal_index *e = &j->index[i];
		char *full = xasprintf("%s%s", ch->r->workdir, e->path);
		struct stat st;
		int match = !e->removed && holds(full, &e->id, 0) &&
		    lstat(full, &st) == 0;

		if (gitindex_set(gi, e->path, e->removed ? NULL : &e->id,
		    e->mode, match ? &st : NULL, d) == -1) {
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
 * Finishes the change a crashed rapport left (its branch moved) or takes
 * it back (it did not); a file changed since by someone else is left as
 * it is, with its earlier text kept and named.
 */
static void
recover(struct change *ch, struct diags *d)
{
	git_repository *git = ch->r->git;
	char *jpath = rapport_path(ch->r, "journal");
	struct journal j;
	git_oid now;
	char sid[GIT_OID_HEXSZ + 1];
	size_t i;
	int rc, at, forward, back;

	remove_temps(jpath);
	if ((rc = journal_read(jpath, &j)) == 1) {
		/* Died before its journal: at most git's lock to remove. */
		(void)gitindex_recover(git, 0, d);
		free(jpath);
		return;
	}
	if (rc == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "%s cannot be read; "
		    "it is removed: check 'git status' for a change a crashed "
		    "rapport may have left", jpath);
		(void)gitindex_recover(git, 0, d);
		(void)unlink(jpath);
		free(jpath);
		return;
	}
	at = git_reference_name_to_id(&now, git, j.ref);
	forward = at == 0 && git_oid_equal(&now, &j.new);
	back = (at == GIT_ENOTFOUND && j.unborn) ||
	    (at == 0 && !j.unborn && git_oid_equal(&now, &j.old));
	if (forward) {
		if (gitindex_recover(git, 1, d) != 1)
			redo_index(ch, &j, d);
	} else
		(void)gitindex_recover(git, 0, d);
	for (i = 0; i < j.nfiles; i++) {
		const struct journal_file *f = &j.files[i];
		char *full = xasprintf("%s%s", ch->r->workdir, f->path);
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
		} else if (has_backup) {
			diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "%s was changed "
			    "after a rapport was interrupted, and is left as "
			    "it is; its text from before is kept in %s",
			    f->path, f->backup);
		}
		free(full);
	}
	git_oid_tostr(sid, sizeof(sid), &j.new);
	if (forward)
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "finished a change "
		    "that an interrupted rapport had committed (%.7s)", sid);
	else if (back)
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "took back a change "
		    "that an interrupted rapport had not committed: the files "
		    "are as they were");
	else
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "found a change an "
		    "interrupted rapport left (%.7s), but the branch has moved "
		    "since: the files are left as they are", sid);
	(void)unlink(jpath);
	journal_free(&j);
	free(jpath);
}

/* ---- the transaction ------------------------------------------------- */

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
	recover(ch, d);
	return ch;
}

void
change_file(struct change *ch, const char *path, change_fn *fn, void *arg)
{
	struct item *it;

	xgrow(&ch->v, &ch->cap, ch->n + 1, sizeof(*ch->v));
	it = &ch->v[ch->n++];
	memset(it, 0, sizeof(*it));
	it->path = xstrdup(path);
	it->gpath = xasprintf("%s%s", ch->r->prefix, path);
	it->full = xasprintf("%s%s", ch->r->workdir, it->gpath);
	it->backup = backup_name(it->full);
	it->fn = fn;
	it->arg = arg;
	it->work = CHANGE_KEEP;
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
	return 0;
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
	}
	free(ch->v);
	if (ch->lockfd != -1)
		close(ch->lockfd);
	free(ch);
}

int
change_head_text(struct repo *r, const char *path, char **data, size_t *len,
    struct diags *d)
{
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid id;
	char *gpath = xasprintf("%s%s", r->prefix, path);
	unsigned mode;
	int rc = -1, unborn;

	*data = NULL;
	*len = 0;
	if ((unborn = git_repository_head_unborn(r->git)) == 1) {
		rc = 0;
		goto out;
	}
	if (unborn < 0 || git_reference_name_to_id(&id, r->git, "HEAD") < 0 ||
	    git_commit_lookup(&head, r->git, &id) < 0 ||
	    git_commit_tree(&tree, head) < 0 ||
	    (rc = tree_file(tree, gpath, &id, &mode)) < 0 ||
	    (rc == 1 && blob_text(r->git, &id, data, len) == -1)) {
		fail_git(d, "cannot read HEAD");
		rc = -1;
	}
out:
	git_tree_free(tree);
	git_commit_free(head);
	free(gpath);
	return rc;
}
