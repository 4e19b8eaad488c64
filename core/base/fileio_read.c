/*
 * fileio_read.c: reading files (see fileio.h): only regular files, opened
 * so that a FIFO or a device is never reached, and a file compared with
 * the bytes that would replace it, piece by piece.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"

int
file_open_regular(const char *path, int follow)
{
	struct stat st;
	int fd, fl;

	/*
	 * A FIFO would block the open (and every read after it) until a
	 * writer comes; a device can be endless (/dev/zero) or act on being
	 * opened.  stat first keeps the open from reaching such a thing at
	 * all; O_NONBLOCK and fstat make sure of what was opened, if the
	 * name was replaced in between.
	 */
	if ((follow ? stat(path, &st) : lstat(path, &st)) == -1)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISLNK(st.st_mode) ? ELOOP : EINVAL;
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
	    (follow ? 0 : O_NOFOLLOW))) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
		int saved = S_ISREG(st.st_mode) ? errno : EINVAL;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

int
file_read_all(const char *path, char **data, size_t *len)
{
	struct buf b = { 0 };
	char chunk[65536];
	ssize_t n;
	int fd, saved;

	if ((fd = file_open_regular(path, 1)) == -1)
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

int
file_same(const char *path, const char *data, size_t len)
{
	char chunk[65536];
	struct stat st;
	size_t off = 0;
	ssize_t n;
	int fd, same = 0;

	/* A link there is not the file: it gets replaced, never read. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return 0;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size != len)
		goto out;
	while (off < len) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1 &&
		    errno == EINTR)
			continue;
		if (n <= 0 || (size_t)n > len - off ||
		    memcmp(chunk, data + off, (size_t)n) != 0)
			goto out;
		off += (size_t)n;
	}
	same = read(fd, chunk, 1) == 0;
out:
	close(fd);
	return same;
}

int
file_read_at(int fd, void *buf, size_t len, unsigned long long off)
{
	char *p = buf;

	while (len > 0) {
		ssize_t n = pread(fd, p, len, (off_t)off);

		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = 0;
			return -1;
		}
		p += n;
		len -= (size_t)n;
		off += (unsigned long long)n;
	}
	return 0;
}
