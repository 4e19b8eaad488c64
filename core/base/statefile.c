/*
 * statefile.c: the framing of rapport's state files (see statefile.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "statefile.h"

#define KEYLINE		17	/* 16 hex digits and '\n' */
#define ENDLINE		21	/* "end ", 16 hex digits and '\n' */

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
	    (unsigned long long)hash64(b->s, b->len, 0));
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

int
statefile_check(const char *data, size_t len, const char *magic,
    uint64_t key, size_t *off, size_t *bodylen)
{
	size_t mlen = strlen(magic), head = mlen + 1 + KEYLINE;
	uint64_t got;

	if (len < head + ENDLINE || memcmp(data, magic, mlen) != 0 ||
	    data[mlen] != '\n')
		return -1;
	if (hex_line(data + mlen + 1, &got) == -1 || got != key)
		return -1;
	/* The checksum line closes the file and covers all before it. */
	if (memcmp(data + len - ENDLINE, "end ", 4) != 0 ||
	    hex_line(data + len - ENDLINE + 4, &got) == -1 ||
	    got != hash64(data, len - ENDLINE, 0))
		return -1;
	*off = head;
	*bodylen = len - ENDLINE - head;
	return 0;
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
