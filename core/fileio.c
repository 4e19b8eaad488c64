/*
 * fileio.c: atomic, durable file replacement (see fileio.h).
 *
 * The temporary file is named ".NAME.XXXXXX" next to the target: the same
 * folder keeps the rename atomic (one file system), and the leading dot
 * keeps a leftover from a crash out of the workspace walk and out of the
 * site.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"

/* The folder part of path ("." when there is none), allocated. */
static char *
parent_of(const char *path)
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
	char *dir = parent_of(path);
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

static int
write_all(int fd, const char *data, size_t len)
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

int
file_write_atomic(const char *path, const char *data, size_t len)
{
	const char *base = strrchr(path, '/');
	char *dir = parent_of(path), *tmp;
	struct stat st;
	mode_t mode, mask;
	int fd = -1, rc = -1, saved;

	base = base == NULL ? path : base + 1;
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode))
		mode = st.st_mode & 07777;
	else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	if ((fd = mkstemp(tmp)) == -1)
		goto out;
	if (fchmod(fd, mode) == -1 || write_all(fd, data, len) == -1 ||
	    fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto fail;
	/*
	 * The new file is in place; flushing the folder makes the rename
	 * durable.  Its failure is reported, but the content is already
	 * complete under the new name.
	 */
	rc = file_sync_parent(path);
	goto out;
fail:
	saved = errno;
	if (fd != -1)
		close(fd);
	unlink(tmp);
	errno = saved;
out:
	saved = errno;
	free(tmp);
	free(dir);
	errno = saved;
	return rc;
}

int
file_read_all(const char *path, char **data, size_t *len)
{
	struct buf b = { NULL, 0, 0 };
	char chunk[65536];
	ssize_t n;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	for (;;) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			close(fd);
			buf_free(&b);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		buf_putn(&b, chunk, (size_t)n);
	}
	close(fd);
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
}
