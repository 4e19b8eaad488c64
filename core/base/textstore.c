/*
 * textstore.c: texts kept by their ids in one file of records, appended,
 * checked as they are read, compacted now and then (textstore.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "hmap.h"
#include "statefile.h"
#include "textstore.h"
#include "util.h"

#define MAGIC		"rapport-texts 1\n"
#define MAGIC_LEN	(sizeof(MAGIC) - 1)
#define ID_LEN		20
#define HEAD_LEN	(ID_LEN + 4 + 8)	/* id, length, hash */

/* An id, and the length of its text. */
struct known {
	unsigned char	 id[ID_LEN];
	size_t		 len;
};

struct textstore {
	char		*path;
	int		 fd;		/* -1: a store that keeps nothing */
	struct hmap	 index;		/* hash of id -> record's offset */
	struct hmap	 added;		/* hash of id -> added[i] */
	struct known	*add;
	size_t		 nadd, capadd;
	struct hmap	 wanted;	/* hash of id -> want[i] */
	struct known	*want;
	size_t		 nwant, capwant;
	pthread_mutex_t	 lock;
};

static uint64_t
id_hash(const unsigned char *id)
{
	return hash64(id, ID_LEN, 0x74657874);
}

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/*
 * Lists the records of the file (len bytes) in index, up to the first
 * that the end cuts or that is too long to be one.  Headers alone are
 * read: the texts stay on disk until asked for.
 */
static void
scan(int fd, size_t len, struct hmap *index)
{
	unsigned char head[HEAD_LEN];
	size_t off = MAGIC_LEN, n;

	if (len < MAGIC_LEN || file_read_at(fd, head, MAGIC_LEN, 0) == -1 ||
	    memcmp(head, MAGIC, MAGIC_LEN) != 0)
		return;
	while (len - off >= HEAD_LEN && file_read_at(fd, head, HEAD_LEN,
	    off) == 0) {
		n = get32(head + ID_LEN);
		if (n > TEXTSTORE_MAX || len - off - HEAD_LEN < n)
			break;
		hmap_put(index, id_hash(head), off);
		off += HEAD_LEN + n;
	}
}

/*
 * The record of id, whole and as its hash says: allocated (its header,
 * then the text and a NUL), its text's length in *len; or NULL.
 */
static unsigned char *
find(int fd, const struct hmap *index, const unsigned char *id, size_t *len)
{
	unsigned char head[HEAD_LEN], *r;
	size_t cur = 0, *off;

	while ((off = hmap_next(index, id_hash(id), &cur)) != NULL) {
		if (file_read_at(fd, head, HEAD_LEN, *off) == -1 ||
		    memcmp(head, id, ID_LEN) != 0)
			continue;
		*len = get32(head + ID_LEN);
		r = xmalloc(HEAD_LEN + *len + 1);
		if (file_read_at(fd, r, HEAD_LEN + *len, *off) == 0 &&
		    hash64(r + HEAD_LEN, *len, 0) == get64(head + ID_LEN + 4)) {
			r[HEAD_LEN + *len] = '\0';
			return r;
		}
		free(r);
	}
	return NULL;
}

struct textstore *
textstore_open(const char *path)
{
	struct textstore *s;
	struct stat st;

	if (statefile_mkdir(path) == -1)
		return NULL;
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	pthread_mutex_init(&s->lock, NULL);
	/* A new store appears whole, its magic in place, for all at once. */
	s->fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK);
	if (s->fd == -1 && errno == ENOENT &&
	    file_write_atomic(path, MAGIC, MAGIC_LEN) == 0)
		s->fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW |
		    O_NONBLOCK);
	if (s->fd != -1 && (fstat(s->fd, &st) == -1 ||
	    !S_ISREG(st.st_mode))) {
		close(s->fd);
		s->fd = -1;
	}
	if (s->fd == -1)
		return s;
	scan(s->fd, (size_t)st.st_size, &s->index);
	return s;
}

int
textstore_get(struct textstore *s, const unsigned char id[20], char **buf,
    size_t *len)
{
	unsigned char *r;

	if (s == NULL || s->fd == -1)
		return -1;
	/* pread needs no lock; the index is only read while others read. */
	if ((r = find(s->fd, &s->index, id, len)) == NULL)
		return -1;
	memmove(r, r + HEAD_LEN, *len + 1);
	*buf = (char *)r;
	return 0;
}

/* Notes id (of a text of len bytes) in the set m over v. */
static int
note(struct hmap *m, struct known **v, size_t *n, size_t *cap,
    const unsigned char *id, size_t len)
{
	size_t cur = 0, *i;

	while ((i = hmap_next(m, id_hash(id), &cur)) != NULL)
		if (memcmp((*v)[*i].id, id, ID_LEN) == 0)
			return 0;
	xgrow(v, cap, *n + 1, sizeof(**v));
	memcpy((*v)[*n].id, id, ID_LEN);
	(*v)[*n].len = len;
	hmap_put(m, id_hash(id), (*n)++);
	return 1;
}

void
textstore_put(struct textstore *s, const unsigned char id[20],
    const char *buf, size_t len)
{
	unsigned char *rec;
	size_t cur = 0;
	int fresh;

	if (s == NULL || s->fd == -1 || len > TEXTSTORE_MAX)
		return;
	/* Held already (the caller read it elsewhere after a miss): once. */
	if (hmap_next(&s->index, id_hash(id), &cur) != NULL)
		return;
	pthread_mutex_lock(&s->lock);
	fresh = note(&s->added, &s->add, &s->nadd, &s->capadd, id, len);
	pthread_mutex_unlock(&s->lock);
	if (!fresh)
		return;
	/* One write, appended whole beside other rapports' records. */
	rec = xmalloc(HEAD_LEN + len);
	memcpy(rec, id, ID_LEN);
	put32(rec + ID_LEN, (uint32_t)len);
	put32(rec + ID_LEN + 4, (uint32_t)hash64(buf, len, 0));
	put32(rec + ID_LEN + 8, (uint32_t)(hash64(buf, len, 0) >> 32));
	memcpy(rec + HEAD_LEN, buf, len);
	(void)file_write_all(s->fd, (const char *)rec, HEAD_LEN + len);
	free(rec);
}

void
textstore_want(struct textstore *s, const unsigned char id[20])
{
	if (s == NULL)
		return;
	pthread_mutex_lock(&s->lock);
	(void)note(&s->wanted, &s->want, &s->nwant, &s->capwant, id, 0);
	pthread_mutex_unlock(&s->lock);
}

/* The bytes of id's record by its header, 0 when there is none. */
static size_t
head_len(int fd, const struct hmap *index, const unsigned char *id)
{
	unsigned char head[HEAD_LEN];
	size_t cur = 0, *off;

	while ((off = hmap_next(index, id_hash(id), &cur)) != NULL)
		if (file_read_at(fd, head, HEAD_LEN, *off) == 0 &&
		    memcmp(head, id, ID_LEN) == 0)
			return HEAD_LEN + get32(head + ID_LEN);
	return 0;
}

/*
 * Rewrites the file with the wanted texts alone, when it holds more than
 * twice their bytes.  The file as it is now is read again: records other
 * rapports added since the store was opened count too.
 */
static void
compact(struct textstore *s)
{
	struct hmap index = { 0 };
	struct buf out = { 0 };
	struct stat st;
	unsigned char *r;
	size_t i, len, live = MAGIC_LEN;

	if (fstat(s->fd, &st) == -1 || st.st_size <= (off_t)(64 << 10))
		return;
	scan(s->fd, (size_t)st.st_size, &index);
	for (i = 0; i < s->nwant; i++)
		live += head_len(s->fd, &index, s->want[i].id);
	if ((size_t)st.st_size > 2 * live) {
		buf_grow(&out, live);
		buf_putn(&out, MAGIC, MAGIC_LEN);
		for (i = 0; i < s->nwant; i++)
			if ((r = find(s->fd, &index, s->want[i].id, &len)) !=
			    NULL) {
				buf_putn(&out, (const char *)r, HEAD_LEN + len);
				free(r);
			}
		/* Records others append meanwhile go with the old file. */
		(void)file_write_atomic(s->path, out.s, out.len);
	}
	buf_free(&out);
	hmap_free(&index);
}

void
textstore_close(struct textstore *s, int do_compact)
{
	if (s == NULL)
		return;
	/* Only what was added can have made the file too big. */
	if (do_compact && s->fd != -1 && s->nwant > 0 && s->nadd > 0)
		compact(s);
	if (s->fd != -1)
		close(s->fd);
	hmap_free(&s->index);
	hmap_free(&s->added);
	hmap_free(&s->wanted);
	free(s->add);
	free(s->want);
	pthread_mutex_destroy(&s->lock);
	free(s->path);
	free(s);
}
