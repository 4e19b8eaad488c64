/*
 * fileio.c: atomic, durable file replacement (see fileio.h): one file,
 * a batch of files, a new folder made whole.  A file of a batch or a stage
 * written piece by piece is fileio_stream.c's; reading is fileio_read.c's.
 *
 * The temporary file is named ".NAME.XXXXXX" next to the target: the same
 * folder keeps the rename atomic (one file system), and the leading dot
 * keeps a leftover from a crash out of the workspace walk and out of the
 * site.
 */
#ifdef __linux__
#define _GNU_SOURCE		/* syncfs */
#endif
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "fileio_int.h"
#include "util.h"

char *
file_parent(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
file_sync_parent(const char *path)
{
	char *dir = file_parent(path);
	int fd, rc = -1, saved;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		goto out;
	rc = fsync(fd);
	saved = errno;
	close(fd);
	errno = saved;
out:
	saved = errno;
	free(dir);
	errno = saved;
	return rc;
}

int
file_write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

mode_t
file_new_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

/*
 * The execute bits of mode as git checks a file out: where it may be read
 * when exec is 1, none when 0; as they are when -1.
 */
static mode_t
exec_bits(mode_t mode, int exec)
{
	if (exec == 1)
		return mode | (mode & 0444) >> 2;
	return exec == 0 ? mode & ~(mode_t)0111 : mode;
}

int
file_open_temp(const char *path, mode_t mode, int exec, char **tmpout)
{
	const char *base = strrchr(path, '/');
	char *dir = file_parent(path), *tmp;
	struct stat st;
	int fd, saved;

	base = base == NULL ? path : base + 1;
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	free(dir);
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		mode = st.st_mode & 07777;
	mode = exec_bits(mode, exec);
	if ((fd = mkstemp(tmp)) == -1 || fchmod(fd, mode) == -1) {
		saved = errno;
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		errno = saved;
		return -1;
	}
	*tmpout = tmp;
	return fd;
}

/*
 * Writes data to a new temporary file beside path (its mode as
 * file_open_temp gives it), flushed when sync is set, and stores its
 * name in *tmpout.
 * Returns 0, or -1 with errno set and nothing left behind.
 */
static int
write_temp(const char *path, const char *data, size_t len, mode_t mode,
    int exec, int sync, char **tmpout)
{
	char *tmp;
	int fd, saved;

	if ((fd = file_open_temp(path, mode, exec, &tmp)) == -1)
		return -1;
	if (file_write_all(fd, data, len) == -1 ||
	    (sync && fsync(fd) == -1)) {
		saved = errno;
		close(fd);
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	if (close(fd) == -1) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		goto fail;
	}
	*tmpout = tmp;
	return 0;
fail:
	saved = errno;
	free(tmp);
	errno = saved;
	return -1;
}

int
file_write_atomic(const char *path, const char *data, size_t len)
{
	return file_write_atomic_exec(path, data, len, -1);
}

int
file_write_atomic_exec(const char *path, const char *data, size_t len,
    int exec)
{
	char *tmp = NULL;
	int rc = -1, saved;

	if (write_temp(path, data, len, file_new_mode(), exec, 1, &tmp) == -1)
		return -1;
	if (rename(tmp, path) == -1) {
		saved = errno;
		unlink(tmp);
		errno = saved;
		goto out;
	}
	/*
	 * The new file is in place; flushing the folder makes the rename
	 * durable.  Its failure is reported, but the content is already
	 * complete under the new name.
	 */
	rc = file_sync_parent(path);
out:
	saved = errno;
	free(tmp);
	errno = saved;
	return rc;
}

int
file_write_temp(const char *path, const char *data, size_t len, int exec,
    int sync, char **tmp)
{
	return write_temp(path, data, len, file_new_mode(), exec, sync, tmp);
}

/* ---- batches --------------------------------------------------------- */

struct file_batch *
file_batch_new(void)
{
	struct file_batch *b = xcalloc(1, sizeof(*b));

	pthread_mutex_init(&b->lock, NULL);
	b->mode = file_new_mode();	/* once: umask() is process-wide */
	return b;
}

void
file_batch_join(struct file_batch *b, char *tmp, const char *path)
{
	pthread_mutex_lock(&b->lock);
	xgrow(&b->v, &b->cap, b->n + 1, sizeof(*b->v));
	b->v[b->n].tmp = tmp;
	b->v[b->n].path = xstrdup(path);
	b->n++;
	pthread_mutex_unlock(&b->lock);
}

void
file_batch_in_place(struct file_batch *b)
{
	b->in_place = 1;
}

int
file_batch_add(struct file_batch *b, const char *path, const char *data,
    size_t len)
{
	char *tmp;

	if (write_temp(path, data, len, b->mode, -1, 0, &tmp) == -1)
		return -1;
	file_batch_join(b, tmp, path);
	return 0;
}

int
file_each_folder(size_t n, const char *(*path)(size_t i, void *arg),
    void *arg, int (*fn)(int))
{
	char **seen = xcalloc(n + 1, sizeof(*seen));
	const char *p;
	size_t i, j, nseen = 0;
	int rc = 0, fd, saved = 0;

	for (i = 0; i < n; i++) {
		char *dir;

		if ((p = path(i, arg)) == NULL)
			continue;
		dir = file_parent(p);
		for (j = 0; j < nseen && strcmp(seen[j], dir) != 0; j++)
			continue;
		if (j < nseen) {
			free(dir);
			continue;
		}
		seen[nseen++] = dir;
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) ==
		    -1 || fn(fd) == -1) {
			rc = -1;
			saved = errno;
		}
		if (fd != -1)
			close(fd);
	}
	for (j = 0; j < nseen; j++)
		free(seen[j]);
	free(seen);
	errno = saved;
	return rc;
}

static const char *
batch_path(size_t i, void *arg)
{
	return ((struct file_batch *)arg)->v[i].path;
}

/* Calls fn on each distinct folder of the batch's files. */
static int
each_folder(struct file_batch *b, int (*fn)(int))
{
	return file_each_folder(b->n, batch_path, b, fn);
}

static int
flush_fs(int fd)
{
#ifdef __linux__
	return syncfs(fd);
#else
	(void)fd;
	sync();
	return 0;
#endif
}

int
file_batch_commit(struct file_batch *b)
{
	size_t i;
	int rc = 0, saved = 0;

	/* Every temporary file durable at once, then the renames. */
	if (b->n == 0)
		return 0;
	if (each_folder(b, flush_fs) == -1)
		return -1;
	for (i = 0; i < b->n; i++) {
		if (b->v[i].tmp != NULL && rename(b->v[i].tmp,
		    b->v[i].path) == -1) {
			saved = errno;
			rc = -1;
			unlink(b->v[i].tmp);
		}
		free(b->v[i].tmp);
		b->v[i].tmp = NULL;
	}
	if (each_folder(b, fsync) == -1 && rc == 0) {
		saved = errno;
		rc = -1;
	}
	errno = saved;
	return rc;
}

void
file_batch_free(struct file_batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		if (b->v[i].tmp != NULL)
			unlink(b->v[i].tmp);
		free(b->v[i].tmp);
		free(b->v[i].path);
	}
	free(b->v);
	pthread_mutex_destroy(&b->lock);
	free(b);
}

/* ---- a new folder made whole, then put in place ---------------------- */

struct file_stage *
file_stage_new(const char *dest)
{
	struct file_stage *st = xcalloc(1, sizeof(*st));
	unsigned i;

	st->dest = xstrdup(dest);
	for (i = 0; i < 100; i++) {
		st->dir = xasprintf("%s.rapport-%ld-%u", dest, (long)getpid(),
		    i);
		if (mkdir(st->dir, 0777) == 0)
			return st;
		free(st->dir);
		st->dir = NULL;
		if (errno != EEXIST)
			break;
	}
	file_stage_free(st);
	return NULL;
}

const char *
file_stage_dir(const struct file_stage *st)
{
	return st->dir;
}

int
file_stage_put(struct file_stage *st, const char *rel, const char *data,
    size_t len)
{
	char *path = xasprintf("%s/%s", st->dir, rel);
	int fd, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	free(path);
	if (fd == -1)
		return -1;
	if (file_write_all(fd, data, len) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

int
file_flush_fs(const char *path)
{
	char *dir = file_parent(path);
	int fd, rc = -1, saved;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		rc = flush_fs(fd);
		saved = errno;
		close(fd);
		errno = saved;
	}
	saved = errno;
	free(dir);
	errno = saved;
	return rc;
}

int
file_stage_commit(struct file_stage *st)
{
	int fd, rc;

	if ((fd = open(st->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = flush_fs(fd);
	close(fd);
	if (rc == -1 || rename(st->dir, st->dest) == -1)
		return -1;
	free(st->dir);
	st->dir = NULL;
	return file_sync_parent(st->dest);
}

static int
remove_one(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)f;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

void
file_stage_free(struct file_stage *st)
{
	if (st == NULL)
		return;
	/* Only what this stage made: the folder and what was put in it. */
	if (st->dir != NULL)
		(void)nftw(st->dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	free(st->dir);
	free(st->dest);
	free(st);
}
