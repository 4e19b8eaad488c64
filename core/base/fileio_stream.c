/*
 * fileio_stream.c: one file of a batch or a stage written piece by piece
 * (see fileio.h).
 *
 * Into a batch, each piece is read back from the old file and compared;
 * the temporary file beside it (fileio.c's) is made only at the first
 * difference, with the bytes that matched copied from the old file, so a
 * page whose bytes are unchanged costs reads and no write.  A batch in
 * place writes over the old file from that difference on instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "fileio_int.h"
#include "util.h"

/*
 * Invariants: while old is open, the done bytes given so far equal the
 * old file's first done bytes and fd is -1; once they differ (or there
 * is no old file) fd holds everything given.  err is the first failure.
 */
struct file_out {
	struct file_batch *batch;	/* NULL: into a stage */
	char		*path;		/* where the file ends up */
	char		*tmp;		/* batch: the new file, once made */
	int		 fd;
	int		 old;
	int		 in_place;	/* fd is the old file, written over */
	unsigned long long done;
	int		 err;
};

struct file_out *
file_batch_stream(struct file_batch *b, const char *path)
{
	struct file_out *fo = xcalloc(1, sizeof(*fo));
	struct stat st;

	fo->batch = b;
	fo->path = xstrdup(path);
	fo->fd = -1;
	/* A link there is not the file: it gets replaced, never read. */
	fo->old = open(path, (b->in_place ? O_RDWR : O_RDONLY) | O_CLOEXEC |
	    O_NOFOLLOW);
	if (fo->old != -1 && (fstat(fo->old, &st) == -1 ||
	    !S_ISREG(st.st_mode))) {
		close(fo->old);
		fo->old = -1;
	}
	if (fo->old == -1 && (fo->fd = file_open_temp(path, b->mode, -1,
	    &fo->tmp)) == -1) {
		int saved = errno;

		free(fo->path);
		free(fo);
		errno = saved;
		return NULL;
	}
	return fo;
}

struct file_out *
file_stage_stream(struct file_stage *st, const char *rel)
{
	struct file_out *fo = xcalloc(1, sizeof(*fo));
	int saved;

	fo->path = xasprintf("%s/%s", st->dir, rel);
	fo->old = -1;
	if ((fo->fd = open(fo->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0666)) == -1) {
		saved = errno;
		free(fo->path);
		free(fo);
		errno = saved;
		return NULL;
	}
	return fo;
}

/* The pieces differ from the old file: the new file gets its first part. */
static int
diverge(struct file_out *fo)
{
	char chunk[65536];
	unsigned long long off = 0;

	if (fo->batch->in_place) {
		/* The bytes before done are the old file's already. */
		if (lseek(fo->old, (off_t)fo->done, SEEK_SET) == -1)
			return -1;
		fo->fd = fo->old;
		fo->old = -1;
		fo->in_place = 1;
		return 0;
	}
	if ((fo->fd = file_open_temp(fo->path, fo->batch->mode, -1,
	    &fo->tmp)) == -1)
		return -1;
	while (off < fo->done) {
		size_t n = fo->done - off < sizeof(chunk) ?
		    (size_t)(fo->done - off) : sizeof(chunk);

		if (file_read_at(fo->old, chunk, n, off) == -1 ||
		    file_write_all(fo->fd, chunk, n) == -1)
			return -1;
		off += n;
	}
	close(fo->old);
	fo->old = -1;
	return 0;
}

/* Whether the old file's next len bytes are data. */
static int
old_matches(struct file_out *fo, const char *data, size_t len)
{
	char chunk[65536];
	size_t off = 0;

	while (off < len) {
		size_t n = len - off < sizeof(chunk) ? len - off :
		    sizeof(chunk);

		if (file_read_at(fo->old, chunk, n, fo->done + off) == -1 ||
		    memcmp(chunk, data + off, n) != 0)
			return 0;
		off += n;
	}
	return 1;
}

int
file_out_write(struct file_out *fo, const char *data, size_t len)
{
	if (fo->err != 0)
		return -1;
	if (fo->old != -1 && !old_matches(fo, data, len) && diverge(fo) == -1)
		fo->err = errno ? errno : EIO;
	else if (fo->old == -1 && file_write_all(fo->fd, data, len) == -1)
		fo->err = errno;
	if (fo->err != 0) {
		errno = fo->err;
		return -1;
	}
	fo->done += len;
	return 0;
}

int
file_out_close(struct file_out *fo, int ok)
{
	char c;
	int rc = 1, err = ok ? fo->err : ECANCELED;

	if (err == 0 && fo->old != -1) {
		/* Every piece matched: unchanged if the old file ends here. */
		if (pread(fo->old, &c, 1, (off_t)fo->done) == 0)
			rc = 0;
		else if (diverge(fo) == -1)
			err = errno ? errno : EIO;
	}
	if (fo->old != -1)
		close(fo->old);
	/* Written over: the old file may have been longer. */
	if (err == 0 && fo->in_place && ftruncate(fo->fd, (off_t)fo->done) ==
	    -1)
		err = errno;
	if (fo->fd != -1 && close(fo->fd) == -1 && err == 0)
		err = errno;
	if (err != 0)
		rc = -1;
	if (rc == 1 && fo->batch != NULL) {
		file_batch_join(fo->batch, fo->tmp, fo->path);
		fo->tmp = NULL;
	} else if (rc == -1) {
		/*
		 * Nothing left behind: the temporary file, or the stage's;
		 * one written over half is removed, never left half old.
		 */
		if (fo->tmp != NULL)
			unlink(fo->tmp);
		else if (fo->batch == NULL || fo->in_place)
			unlink(fo->path);
	}
	free(fo->tmp);
	free(fo->path);
	free(fo);
	if (rc == -1)
		errno = err;
	return rc;
}
