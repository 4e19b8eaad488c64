/*
 * gitindex.c: git's index under git's own lock (see gitindex.h).
 *
 * libgit2 parses and writes the index, but only as a standalone index on
 * a copy (GITDIR/rapport/index.new): a standalone index writes through
 * "PATH.lock", and GITDIR/index.lock is the lock this module holds.  The
 * copy is made while the lock is held, so it is the index as it is; the
 * new bytes are written into the held lock file, which keeps its identity
 * (the marker's) until it is renamed over the index.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "gitindex.h"
#include "repo.h"
#include "statefile.h"
#include "util.h"

#define LOCK_STEP_MS	5

struct gitindex {
	char		*lock;		/* GITDIR/index.lock */
	char		*index;		/* GITDIR/index */
	char		*marker;	/* GITDIR/rapport/index-lock */
	char		*copy;		/* GITDIR/rapport/index.new */
	int		 fd;		/* the lock file, open for writing */
	int		 held;		/* index.lock is ours */
	int		 committed;	/* and renamed over the index */
	git_index	*idx;
};

/* Copies the file at from to a new file to; -1 with errno set. */
static int
copy_file(const char *from, const char *to)
{
	char *data = NULL;
	size_t len = 0;
	int fd, rc = -1, saved;

	if (file_read_all(from, &data, &len) == -1)
		return -1;
	if ((fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) != -1) {
		rc = file_write_all(fd, data, len);
		saved = errno;
		if (close(fd) == -1 && rc == 0)
			rc = -1;
		else
			errno = saved;
	}
	saved = errno;
	free(data);
	errno = saved;
	return rc;
}

/* Removes the copy and the lock libgit2 writes it through. */
static void
remove_copy(const char *copy)
{
	char *l = xasprintf("%s.lock", copy);

	(void)unlink(copy);
	(void)unlink(l);
	free(l);
}

/*
 * Creates the lock: a hard link to the marker, or where links cannot be
 * made an exclusive create whose identity goes into the marker.  Returns
 * 0, 1 when a git command holds the lock, -1 with errno set.
 */
static int
take_lock(struct gitindex *g, int marker_fd)
{
	struct stat st;
	char id[64];
	int fd;

	if (link(g->marker, g->lock) == 0) {
		g->fd = marker_fd;
		return 0;
	}
	if (errno == EEXIST)
		return 1;
	if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP &&
	    errno != EMLINK && errno != ENOSYS)
		return -1;
	if ((fd = open(g->lock, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC,
	    0666)) == -1)
		return errno == EEXIST ? 1 : -1;
	if (fstat(fd, &st) == 0) {
		snprintf(id, sizeof(id), "%lu %lu\n", (unsigned long)st.st_dev,
		    (unsigned long)st.st_ino);
		(void)file_write_all(marker_fd, id, strlen(id));
	}
	close(marker_fd);
	g->fd = fd;
	return 0;
}

struct gitindex *
gitindex_lock(git_repository *git, int wait_ms, struct diags *d)
{
	struct gitindex *g = xcalloc(1, sizeof(*g));
	struct timespec step = { 0, LOCK_STEP_MS * 1000000L };
	const char *gd = git_repository_path(git);
	int mfd, waited = 0, rc;

	g->fd = -1;
	g->lock = xasprintf("%sindex.lock", gd);
	g->index = xasprintf("%sindex", gd);
	g->marker = repo_state_path(gd, "index-lock");
	g->copy = repo_state_path(gd, "index.new");
	if (statefile_mkdir(g->marker) == -1) {
		diag_errno(d, "make the folder of", g->marker);
		goto fail;
	}
	/* What a rapport that died left of its copy is ours to remove. */
	remove_copy(g->copy);
	if ((mfd = open(g->marker, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1) {
		diag_errno(d, "create", g->marker);
		goto fail;
	}
	while ((rc = take_lock(g, mfd)) == 1 && waited < wait_ms) {
		nanosleep(&step, NULL);
		waited += LOCK_STEP_MS;
	}
	if (rc != 0) {
		if (rc == 1)
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "git is using "
			    "this repository (%s exists): wait for that git "
			    "command to finish; if none is running, one "
			    "crashed: remove the file", g->lock);
		else
			diag_errno(d, "create", g->lock);
		close(mfd);
		(void)unlink(g->marker);
		goto fail;
	}
	g->held = 1;
	/* Read while held: no git command changes the index now. */
	if (copy_file(g->index, g->copy) == -1 && errno != ENOENT) {
		diag_errno(d, "read", g->index);
		goto fail;
	}
	if (git_index_open(&g->idx, g->copy) < 0) {
		repo_fail_git(d, "cannot read git's index");
		goto fail;
	}
	return g;
fail:
	gitindex_free(g);
	return NULL;
}

int
gitindex_get(const struct gitindex *g, const char *path, git_oid *id,
    unsigned *mode, int *conflicted)
{
	const git_index_entry *e = git_index_get_bypath(g->idx, path, 0);
	const git_index_entry *a, *o, *t;

	*conflicted = git_index_conflict_get(&a, &o, &t, g->idx, path) == 0;
	if (e == NULL)
		return 0;
	git_oid_cpy(id, &e->id);
	*mode = e->mode;
	return 1;
}

int
gitindex_set(struct gitindex *g, const char *path, const git_oid *id,
    unsigned mode, const struct stat *st, struct diags *d)
{
	const git_index_entry *a, *o, *t;
	git_index_entry e;

	if (git_index_conflict_get(&a, &o, &t, g->idx, path) == 0 &&
	    git_index_conflict_remove(g->idx, path) < 0) {
		repo_fail_git(d, "cannot update git's index");
		return -1;
	}
	if (id == NULL) {
		if (git_index_get_bypath(g->idx, path, 0) != NULL &&
		    git_index_remove(g->idx, path, 0) < 0) {
			repo_fail_git(d, "cannot update git's index");
			return -1;
		}
		return 0;
	}
	memset(&e, 0, sizeof(e));
	e.path = path;
	e.mode = mode;
	git_oid_cpy(&e.id, id);
	if (st != NULL) {
		e.ctime.seconds = (int32_t)st->st_ctim.tv_sec;
		e.ctime.nanoseconds = (uint32_t)st->st_ctim.tv_nsec;
		e.mtime.seconds = (int32_t)st->st_mtim.tv_sec;
		e.mtime.nanoseconds = (uint32_t)st->st_mtim.tv_nsec;
		e.dev = (uint32_t)st->st_dev;
		e.ino = (uint32_t)st->st_ino;
		e.uid = (uint32_t)st->st_uid;
		e.gid = (uint32_t)st->st_gid;
		e.file_size = (uint32_t)st->st_size;
	}
	if (git_index_add(g->idx, &e) < 0) {
		repo_fail_git(d, "cannot update git's index");
		return -1;
	}
	return 0;
}

int
gitindex_conflict(struct gitindex *g, const char *path,
    const git_oid *const id[3], const unsigned mode[3], struct diags *d)
{
	git_index_entry e[3];
	const git_index_entry *p[3];
	int i;

	if (gitindex_set(g, path, NULL, 0, NULL, d) == -1)
		return -1;
	for (i = 0; i < 3; i++) {
		p[i] = NULL;
		if (id[i] == NULL)
			continue;
		memset(&e[i], 0, sizeof(e[i]));
		e[i].path = path;
		e[i].mode = mode[i];
		git_oid_cpy(&e[i].id, id[i]);
		p[i] = &e[i];
	}
	if (git_index_conflict_add(g->idx, p[0], p[1], p[2]) < 0) {
		repo_fail_git(d, "cannot update git's index");
		return -1;
	}
	return 0;
}

int
gitindex_prepare(struct gitindex *g, struct diags *d)
{
	char *data = NULL;
	size_t len = 0;
	int rc = -1;

	if (git_index_write(g->idx) < 0) {
		repo_fail_git(d, "cannot write git's index");
		return -1;
	}
	if (file_read_all(g->copy, &data, &len) == -1) {
		diag_errno(d, "read", g->copy);
		return -1;
	}
	if (ftruncate(g->fd, 0) == -1 || lseek(g->fd, 0, SEEK_SET) == -1 ||
	    file_write_all(g->fd, data, len) == -1)
		diag_errno(d, "write", g->lock);
	else
		rc = 0;
	free(data);
	return rc;
}

int
gitindex_commit(struct gitindex *g, struct diags *d)
{
	if (rename(g->lock, g->index) == -1) {
		diag_errno(d, "put in place", g->lock);
		return -1;
	}
	g->committed = 1;
	g->held = 0;
	return 0;
}

void
gitindex_free(struct gitindex *g)
{
	if (g == NULL)
		return;
	if (g->held)
		(void)unlink(g->lock);
	if (g->fd != -1)
		close(g->fd);
	if (g->marker != NULL)
		(void)unlink(g->marker);
	if (g->copy != NULL)
		remove_copy(g->copy);
	git_index_free(g->idx);
	free(g->lock);
	free(g->index);
	free(g->marker);
	free(g->copy);
	free(g);
}

/* Whether the lock at lock is the marker's file (or the one it names). */
static int
is_ours(const char *marker, const struct stat *m, const char *lock)
{
	struct stat l;
	unsigned long dev, ino;
	char *data = NULL;
	size_t len = 0;
	int ours = 0;

	if (lstat(lock, &l) == -1)
		return 0;
	if (l.st_dev == m->st_dev && l.st_ino == m->st_ino)
		return 1;
	if (file_read_all(marker, &data, &len) == 0 && len > 0 &&
	    sscanf(data, "%lu %lu", &dev, &ino) == 2)
		ours = dev == (unsigned long)l.st_dev &&
		    ino == (unsigned long)l.st_ino;
	free(data);
	return ours;
}

int
gitindex_recover(git_repository *git, int forward, struct diags *d)
{
	const char *gd = git_repository_path(git);
	char *marker = repo_state_path(gd, "index-lock");
	char *lock = xasprintf("%sindex.lock", gd);
	char *index = xasprintf("%sindex", gd);
	char *copy = repo_state_path(gd, "index.new");
	struct stat m;
	int rc = 0;

	if (lstat(marker, &m) == -1)
		goto out;
	if (is_ours(marker, &m, lock)) {
		rc = 1;
		if (forward ? rename(lock, index) : unlink(lock)) {
			diag_errno(d, forward ? "put in place" : "remove", lock);
			rc = -1;
			goto out;
		}
	}
	(void)unlink(marker);
	remove_copy(copy);
out:
	free(marker);
	free(lock);
	free(index);
	free(copy);
	return rc;
}
