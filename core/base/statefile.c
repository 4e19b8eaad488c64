/*
 * statefile.c: the framing of rapport's state files (see statefile.h).
 */
#ifdef __linux__
#define _GNU_SOURCE		/* O_TMPFILE */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "fileio_int.h"
#include "statefile.h"

#define KEYLINE		17	/* 16 hex digits and '\n' */
#define ENDLINE		21	/* "end ", 16 hex digits and '\n' */
#define OUTBUF		((size_t)64 << 10)	/* writes, and a quarter of reads */

/* The checksum of a state file's len first bytes (all but its end line). */
static uint64_t
checksum(const char *data, size_t len)
{
	struct hash_stream hs = { 0 };

	hash_stream_add(&hs, data, len);
	return hash_stream_end(&hs);
}

void
statefile_begin(struct buf *b, const char *magic, uint64_t key)
{
	buf_printf(b, "%s\n%016llx\n", magic, (unsigned long long)key);
}

int
statefile_mkdir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc = 0;

	if (slash == NULL || slash == path)
		return 0;
	dir = xstrndup(path, (size_t)(slash - path));
	if (mkdir(dir, 0777) == -1 && errno != EEXIST)
		rc = -1;
	free(dir);
	return rc;
}

int
statefile_write(const char *path, struct buf *b)
{
	int rc = -1, err;

	buf_printf(b, "end %016llx\n",
	    (unsigned long long)checksum(b->s, b->len));
	if (statefile_mkdir(path) == 0)
		rc = file_write_atomic(path, b->s, b->len);
	err = errno;
	buf_free(b);
	errno = err;
	return rc;
}

/* The 16 hex digits at s and the newline after them, as a number. */
static int
hex_line(const char *s, uint64_t *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < 16; i++) {
		const char *d = strchr("0123456789abcdef", s[i]);

		if (s[i] == '\0' || d == NULL)
			return -1;
		*v = *v << 4 | (uint64_t)(d - "0123456789abcdef");
	}
	return s[16] == '\n' ? 0 : -1;
}

/* Whether the head bytes at data are magic's line and key's. */
static int
head_ok(const char *data, const char *magic, uint64_t key)
{
	size_t mlen = strlen(magic);
	uint64_t got;

	return memcmp(data, magic, mlen) == 0 && data[mlen] == '\n' &&
	    hex_line(data + mlen + 1, &got) == 0 && got == key;
}

/* The checksum an end line (ENDLINE bytes at s) gives: 0, or -1. */
static int
end_line(const char *s, uint64_t *sum)
{
	return memcmp(s, "end ", 4) == 0 ? hex_line(s + 4, sum) : -1;
}

int
statefile_check(const char *data, size_t len, const char *magic,
    uint64_t key, size_t *off, size_t *bodylen)
{
	size_t head = strlen(magic) + 1 + KEYLINE;
	uint64_t got;

	if (len < head + ENDLINE || !head_ok(data, magic, key))
		return -1;
	/* The checksum line closes the file and covers all before it. */
	if (end_line(data + len - ENDLINE, &got) == -1 ||
	    got != checksum(data, len - ENDLINE))
		return -1;
	*off = head;
	*bodylen = len - ENDLINE - head;
	return 0;
}

int
statefile_check_fd(int fd, const char *magic, uint64_t key, size_t *off,
    size_t *bodylen)
{
	size_t head = strlen(magic) + 1 + KEYLINE, n;
	struct hash_stream hs = { 0 };
	struct stat st;
	uint64_t got, at, len;
	char *chunk = NULL, end[ENDLINE];
	int rc = -1;

	if (fstat(fd, &st) == -1 || st.st_size < 0 ||
	    (uint64_t)st.st_size < head + ENDLINE ||
	    (uint64_t)st.st_size > SIZE_MAX / 2)
		return -1;
	len = (uint64_t)st.st_size;
	chunk = xmalloc(OUTBUF * 4);
	if (file_read_at(fd, chunk, head, 0) == -1 ||
	    !head_ok(chunk, magic, key) ||
	    file_read_at(fd, end, ENDLINE, len - ENDLINE) == -1 ||
	    end_line(end, &got) == -1)
		goto out;
	/* The rest a piece at a time: a cache of 100,000 records is big. */
	for (at = 0; at < len - ENDLINE; at += n) {
		n = (size_t)(len - ENDLINE - at < OUTBUF * 4 ?
		    len - ENDLINE - at : OUTBUF * 4);
		if (file_read_at(fd, chunk, n, at) == -1)
			goto out;
		hash_stream_add(&hs, chunk, n);
	}
	if (hash_stream_end(&hs) != got)
		goto out;
	*off = head;
	*bodylen = (size_t)(len - ENDLINE - head);
	rc = 0;
out:
	free(chunk);
	return rc;
}

int
statefile_read(const char *path, const char *magic, uint64_t key,
    char **data, size_t *off, size_t *bodylen)
{
	size_t len;

	if (file_read_all(path, data, &len) == -1) {
		*data = NULL;
		return -1;
	}
	if (statefile_check(*data, len, magic, key, off, bodylen) == -1) {
		free(*data);
		*data = NULL;
		return -1;
	}
	(*data)[*off + *bodylen] = '\0';
	return 0;
}

/* ---- made piece by piece --------------------------------------------- */

struct statefile_out {
	char			*path;
	char			*tmp;		/* NULL: nothing was created */
	int			 fd;
	int			 err;		/* the first failure's errno */
	struct hash_stream	 hs;
	struct buf		 b;		/* written when it fills */
};

/* Writes out what b holds; a failure is kept in err. */
static void
out_flush(struct statefile_out *o)
{
	if (o->err == 0 && o->b.len > 0 &&
	    file_write_all(o->fd, o->b.s, o->b.len) == -1)
		o->err = errno != 0 ? errno : EIO;
	buf_reset(&o->b);
}

/*
 * A file without a name in path's folder (O_TMPFILE), named only when it
 * is whole: a run killed while it writes leaves nothing behind.  -1 where
 * the file system or the system has no such files, or no /proc to name
 * one through (name_unnamed).
 */
static int
open_unnamed(const char *path)
{
#ifdef O_TMPFILE
	char *dir;
	int fd;

	if (access("/proc/self/fd", X_OK) == -1)
		return -1;
	dir = file_parent(path);
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
	free(dir);
	return fd;
#else
	(void)path;
	return -1;
#endif
}

/*
 * The unnamed file at fd linked under a new name beside path: the name,
 * or NULL (errno set).  Through /proc, as open(2) shows: linkat with
 * AT_EMPTY_PATH would need a privilege.
 */
static char *
name_unnamed(int fd, const char *path)
{
	char proc[64];
	const char *base = strrchr(path, '/');
	int i;

	base = base == NULL ? path : base + 1;
	(void)snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	for (i = 0; i < 100; i++) {
		/* The process and the descriptor: unique while it is open. */
		char *name = xasprintf("%.*s.%s.%ld-%d-%d", (int)(base - path),
		    path, base, (long)getpid(), fd, i);

		if (linkat(AT_FDCWD, proc, AT_FDCWD, name,
		    AT_SYMLINK_FOLLOW) == 0)
			return name;
		free(name);
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

struct statefile_out *
statefile_create(const char *path, const char *magic, uint64_t key)
{
	struct statefile_out *o = xcalloc(1, sizeof(*o));
	struct buf head = { 0 };

	o->path = xstrdup(path);
	o->fd = -1;
	/* Where there are no unnamed files, a temporary file as usual. */
	if (statefile_mkdir(path) == -1 ||
	    ((o->fd = open_unnamed(path)) == -1 &&
	    (o->fd = file_open_temp(path, file_new_mode(), -1,
	    &o->tmp)) == -1))
		o->err = errno != 0 ? errno : EIO;
	buf_grow(&o->b, OUTBUF);
	statefile_begin(&head, magic, key);
	statefile_put(o, head.s, head.len);
	buf_free(&head);
	return o;
}

/* Appends len bytes to the file, through b. */
static void
out_raw(struct statefile_out *o, const void *data, size_t len)
{
	if (o->err != 0)
		return;
	if (o->b.len + len > OUTBUF)
		out_flush(o);
	if (len >= OUTBUF) {
		if (file_write_all(o->fd, data, len) == -1)
			o->err = errno != 0 ? errno : EIO;
	} else
		buf_putn(&o->b, data, len);
}

void
statefile_put(struct statefile_out *o, const void *data, size_t len)
{
	hash_stream_add(&o->hs, data, len);
	out_raw(o, data, len);
}

void
statefile_abandon(struct statefile_out *o)
{
	if (o == NULL)
		return;
	if (o->fd != -1)
		close(o->fd);
	if (o->tmp != NULL)
		(void)unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	buf_free(&o->b);
	free(o);
}

int
statefile_finish(struct statefile_out *o)
{
	char end[ENDLINE + 1];
	int rc = -1, err;

	if (o == NULL)
		return 0;
	(void)snprintf(end, sizeof(end), "end %016llx\n",
	    (unsigned long long)hash_stream_end(&o->hs));
	out_raw(o, end, ENDLINE);
	out_flush(o);
	/* As file_write_atomic: flushed, renamed, the folder flushed. */
	if (o->err == 0 && fsync(o->fd) == -1)
		o->err = errno != 0 ? errno : EIO;
	if (o->err == 0 && o->tmp == NULL &&
	    (o->tmp = name_unnamed(o->fd, o->path)) == NULL)
		o->err = errno != 0 ? errno : EIO;
	if (o->fd != -1 && close(o->fd) == -1 && o->err == 0)
		o->err = errno != 0 ? errno : EIO;
	o->fd = -1;
	if (o->err == 0) {
		if (rename(o->tmp, o->path) == -1)
			o->err = errno != 0 ? errno : EIO;
		else {
			free(o->tmp);
			o->tmp = NULL;
			rc = file_sync_parent(o->path);
		}
	}
	err = rc == 0 ? 0 : o->err != 0 ? o->err : errno;
	statefile_abandon(o);
	errno = err;
	return rc;
}
