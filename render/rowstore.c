/*
 * rowstore.c: the rows of the shared pages, kept from the last build (see
 * rowstore.h).
 *
 * A file: a header (magic, key, number of records, offset of the index,
 * generation), the records, the index (one entry per record, sorted by
 * key) and a checksum of the index and header.  A record: its names
 * (count, then per name its length, digest and bytes), the steps it took,
 * then the row's bytes; its entry holds a hash of it, checked when it is
 * found.
 *
 * Two files, PATH.0 and PATH.1, take turns: a build reads the newer whole
 * one (mapped, under a shared flock) and writes its rows over the other
 * in place (under an exclusive flock, the header last), so that no build
 * deletes, and the kernel frees, a file of 25 MB: that costs more than
 * the rows save.  A torn or half-written file fails its checks; the other
 * is older but still right, as every row is checked on its own.  When
 * either lock is held by another build, this one goes without.  So this
 * is the one file of GITDIR/rapport that is not a state file replaced
 * whole (statefile.h): its framing is its own, for the reason above.
 */
#include <sys/file.h>
#include <sys/mman.h>
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
#include "rowstore.h"
#include "statefile.h"
#include "util.h"

#define MAGIC		"RPROWS\0\1"
#define HDR		40	/* magic, key, count, index offset, generation */
#define IOBUF		((size_t)1 << 20)	/* glibc's own is 4 KiB */

struct entry {
	uint64_t	 key;
	uint64_t	 off;
	uint64_t	 len;
	uint64_t	 hash;
};
_Static_assert(sizeof(struct entry) == 32, "entries are written as is");

struct rowstore {
	char		*path[2];
	uint64_t	 key;
	/* The last build's, mapped; rfd holds the shared lock. */
	int		 rfd;
	uint64_t	 gen;
	const char	*map;
	size_t		 maplen;
	const struct entry *old;
	size_t		 nold;
	/* This build's: records in the other file, their entries here. */
	pthread_mutex_t	 lock;
	int		 cur;		/* the file read: 0, 1 or -1 */
	int		 wfd;		/* the other, locked, or -1 */
	FILE		*fp;
	char		*iobuf;		/* fp's */
	uint64_t	 off;
	struct entry	*v;
	size_t		 n, cap;
	struct hmap	 seen;		/* the keys kept this build */
	int		 failed;
};

static uint64_t
get_u64(const char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint64_t
index_sum(const char *idx, size_t n, uint64_t key, uint64_t gen)
{
	return hash64(idx, n * sizeof(struct entry), key ^ n ^ (gen << 32));
}

/*
 * Maps path when it is whole, of this key, not being written and newer
 * than the one mapped: returns 1 then, 0 when not.
 */
static int
load(struct rowstore *rs, const char *path)
{
	struct stat st;
	uint64_t n, idx, gen;
	const char *map;
	size_t len;
	void *m;
	int fd;

	if ((fd = file_open_regular(path, 0)) == -1)
		return 0;
	if (flock(fd, LOCK_SH | LOCK_NB) == -1 || fstat(fd, &st) == -1 ||
	    !S_ISREG(st.st_mode) || st.st_size < HDR + 8 ||
	    (m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
	    0)) == MAP_FAILED) {
		close(fd);
		return 0;
	}
	map = m;
	len = (size_t)st.st_size;
	n = get_u64(map + 16);
	idx = get_u64(map + 24);
	gen = get_u64(map + 32);
	if (memcmp(map, MAGIC, 8) != 0 || get_u64(map + 8) != rs->key ||
	    idx < HDR || idx % 8 != 0 || idx > len ||
	    n > (len - idx) / sizeof(struct entry) ||
	    idx + n * sizeof(struct entry) + 8 != len ||
	    index_sum(map + idx, n, rs->key, gen) != get_u64(map + len - 8) ||
	    (rs->map != NULL && gen <= rs->gen)) {
		munmap(m, len);
		close(fd);
		return 0;
	}
	if (rs->map != NULL) {
		munmap((void *)(uintptr_t)rs->map, rs->maplen);
		close(rs->rfd);
	}
	rs->rfd = fd;
	rs->gen = gen;
	rs->map = map;
	rs->maplen = len;
	rs->old = (const struct entry *)(const void *)(map + idx);
	rs->nold = n;
	return 1;
}

struct rowstore *
rowstore_open(const char *path, uint64_t key)
{
	struct rowstore *rs = xcalloc(1, sizeof(*rs));
	int cur = -1;

	rs->path[0] = xasprintf("%s.0", path);
	rs->path[1] = xasprintf("%s.1", path);
	rs->key = key;
	rs->rfd = rs->wfd = -1;
	pthread_mutex_init(&rs->lock, NULL);
	if (load(rs, rs->path[0]))
		cur = 0;
	if (load(rs, rs->path[1]))
		cur = 1;
	rs->cur = cur;
	return rs;
}

int
rowstore_find(const struct rowstore *rs, uint64_t key,
    struct rowstore_row *row)
{
	size_t lo = 0, hi = rs->nold, i;
	const struct entry *e = NULL;
	const char *p, *end;
	uint32_t nd, nlen;
	uint64_t idx;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (rs->old[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == rs->nold || rs->old[lo].key != key)
		return 0;
	e = &rs->old[lo];
	idx = get_u64(rs->map + 24);
	if (e->off < HDR || e->off > idx || e->len > idx - e->off)
		return 0;
	p = rs->map + e->off;
	end = p + e->len;
	if (hash64(p, (size_t)e->len, key) != e->hash || end - p < 4)
		return 0;
	memcpy(&nd, p, 4);
	p += 4;
	if (nd > ROWSTORE_MAX_DEPS)
		return 0;
	for (i = 0; i < nd; i++) {
		if (end - p < 12)
			return 0;
		memcpy(&nlen, p, 4);
		row->dep[i].digest = get_u64(p + 4);
		p += 12;
		if ((size_t)(end - p) < nlen)
			return 0;
		row->dep[i].name = p;
		row->dep[i].len = nlen;
		p += nlen;
	}
	if (end - p < 4)
		return 0;
	memcpy(&row->steps, p, 4);
	p += 4;
	row->key = key;
	row->ndeps = nd;
	row->data = p;
	row->len = (size_t)(end - p);
	row->rec = rs->map + e->off;
	row->reclen = (size_t)e->len;
	row->hash = e->hash;
	return 1;
}

/*
 * Whether key was kept in this build already; marks it.  The table holds
 * the keys themselves (hash 0 and 1 are one: a row then goes unkept,
 * which only costs its rebuild).  Locked.
 */
static int
seen_add(struct rowstore *rs, uint64_t key)
{
	size_t cur = 0;

	if (hmap_next(&rs->seen, key, &cur) != NULL)
		return 1;
	hmap_put(&rs->seen, key, 0);
	return 0;
}

/*
 * Opens the file not read for this build's rows, locked, at its start.
 * Locked.
 */
static int
start(struct rowstore *rs)
{
	static const char zero[HDR];
	const char *path;
	struct stat st;
	int fd = -1;

	if (rs->fp != NULL || rs->failed)
		return rs->failed ? -1 : 0;
	path = rs->path[rs->cur == 0 ? 1 : 0];
	/* GITDIR/rapport may not be there before the first cache is. */
	(void)statefile_mkdir(path);
	/*
	 * Never anything but a regular file: a FIFO put in its place opens
	 * for writing and then blocks the build once its buffer is full.
	 */
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
	    O_NONBLOCK, 0666)) == -1 || fstat(fd, &st) == -1 ||
	    !S_ISREG(st.st_mode) || flock(fd, LOCK_EX | LOCK_NB) == -1 ||
	    (rs->wfd = dup(fd)) == -1 ||
	    (rs->fp = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd);
		if (rs->wfd != -1)
			close(rs->wfd);
		rs->wfd = -1;
		rs->failed = 1;
		return -1;
	}
	/* Its header is zero until the whole is written. */
	if (setvbuf(rs->fp, rs->iobuf = xmalloc(IOBUF), _IOFBF, IOBUF) != 0 ||
	    fwrite(zero, 1, HDR, rs->fp) != HDR)
		rs->failed = 1;
	rs->off = HDR;
	return rs->failed ? -1 : 0;
}

/* Appends one record whose hash is h.  Locked. */
static void
append(struct rowstore *rs, uint64_t key, const char *rec, size_t len,
    uint64_t h)
{
	struct entry *e;

	if (start(rs) == -1 || seen_add(rs, key))
		return;
	if (fwrite(rec, 1, len, rs->fp) != len) {
		rs->failed = 1;
		return;
	}
	xgrow(&rs->v, &rs->cap, rs->n + 1, sizeof(*rs->v));
	e = &rs->v[rs->n++];
	e->key = key;
	e->off = rs->off;
	e->len = len;
	e->hash = h;
	rs->off += len;
}

/* Rows are handed over a batch at a time: the lock is taken rarely. */
#define BATCH_BYTES	((size_t)256 << 10)
#define BATCH_ROWS	4096

void
rowstore_batch_flush(struct rowstore_batch *b)
{
	size_t i, off = 0;
	const char *lo = NULL, *hi = NULL;

	if (b->n > 0) {
		pthread_mutex_lock(&b->rs->lock);
		for (i = 0; i < b->n; i++) {
			const struct rowstore_pending *p = &b->v[i];

			if (p->rec != NULL) {
				append(b->rs, p->key, p->rec, p->len, p->hash);
				if (lo == NULL || p->rec < lo)
					lo = p->rec;
				if (hi == NULL || p->rec + p->len > hi)
					hi = p->rec + p->len;
			} else {
				append(b->rs, p->key, b->data.s + off, p->len,
				    p->hash);
				off += p->len;
			}
		}
		pthread_mutex_unlock(&b->rs->lock);
	}
	/*
	 * The old file's pages just copied are dropped from this process
	 * (the file is never written through the map: a page needed again
	 * is read again), so that the store costs no memory in proportion
	 * to the clients.
	 */
	if (lo != NULL) {
		uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
		uintptr_t a = ((uintptr_t)lo + pg - 1) & ~(pg - 1);
		uintptr_t z = (uintptr_t)hi & ~(pg - 1);

		if (a < z)
			(void)madvise((void *)a, z - a, MADV_DONTNEED);
	}
	b->n = 0;
	b->data.len = 0;
}

void
rowstore_batch_free(struct rowstore_batch *b)
{
	if (b == NULL)
		return;
	rowstore_batch_flush(b);
	buf_free(&b->data);
	free(b->v);
	b->v = NULL;
	b->cap = 0;
}

/* Takes the record at the end of b->data, from start on. */
static void
batch_add(struct rowstore_batch *b, uint64_t key, size_t start)
{
	struct rowstore_pending *p;
	size_t len = b->data.len - start;

	xgrow(&b->v, &b->cap, b->n + 1, sizeof(*b->v));
	p = &b->v[b->n++];
	p->key = key;
	p->rec = NULL;
	p->len = len;
	p->hash = hash64(b->data.s + start, len, key);
	if (b->data.len >= BATCH_BYTES || b->n >= BATCH_ROWS)
		rowstore_batch_flush(b);
}

void
rowstore_batch_keep(struct rowstore_batch *b, const struct rowstore_row *row)
{
	struct rowstore_pending *p;

	/* Its bytes stay where they are, in the old file, until written. */
	xgrow(&b->v, &b->cap, b->n + 1, sizeof(*b->v));
	p = &b->v[b->n++];
	p->key = row->key;
	p->rec = row->rec;
	p->len = row->reclen;
	p->hash = row->hash;
	if (b->n >= BATCH_ROWS)
		rowstore_batch_flush(b);
}

void
rowstore_batch_put(struct rowstore_batch *b, uint64_t key,
    const struct rowstore_dep *deps, size_t ndeps, const char *data,
    size_t len, uint32_t steps)
{
	size_t start = b->data.len, i;
	uint32_t u;

	if (ndeps > ROWSTORE_MAX_DEPS)
		return;
	u = (uint32_t)ndeps;
	buf_putn(&b->data, (const char *)&u, 4);
	for (i = 0; i < ndeps; i++) {
		u = (uint32_t)deps[i].len;
		buf_putn(&b->data, (const char *)&u, 4);
		buf_putn(&b->data, (const char *)&deps[i].digest, 8);
		buf_putn(&b->data, deps[i].name, deps[i].len);
	}
	buf_putn(&b->data, (const char *)&steps, 4);
	buf_putn(&b->data, data, len);
	batch_add(b, key, start);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

int
rowstore_write(struct rowstore *rs)
{
	char hdr[HDR];
	uint64_t u, sum, gen;
	int rc = -1, saved;

	if (rs == NULL)
		return 0;
	pthread_mutex_lock(&rs->lock);
	if (start(rs) == -1)
		goto out;
	/* The index is read in place: it starts at a multiple of 8. */
	while (rs->off % 8 != 0 && !rs->failed) {
		if (fputc(0, rs->fp) == EOF)
			rs->failed = 1;
		rs->off++;
	}
	if (rs->n > 1)
		qsort(rs->v, rs->n, sizeof(*rs->v), entry_cmp);
	gen = rs->gen + 1;
	sum = index_sum((const char *)rs->v, rs->n, rs->key, gen);
	memcpy(hdr, MAGIC, 8);
	memcpy(hdr + 8, &rs->key, 8);
	u = rs->n;
	memcpy(hdr + 16, &u, 8);
	memcpy(hdr + 24, &rs->off, 8);
	memcpy(hdr + 32, &gen, 8);
	if ((rs->n > 0 && fwrite(rs->v, sizeof(*rs->v), rs->n, rs->fp) !=
	    rs->n) ||
	    fwrite(&sum, 8, 1, rs->fp) != 1 || fflush(rs->fp) != 0 ||
	    ftruncate(rs->wfd, (off_t)(rs->off + rs->n * sizeof(*rs->v) +
	    8)) == -1 ||
	    pwrite(rs->wfd, hdr, HDR, 0) != HDR)
		rs->failed = 1;
	else
		rc = 0;
out:
	saved = errno;
	if (rs->fp != NULL && fclose(rs->fp) != 0)
		rc = -1;
	rs->fp = NULL;
	rs->failed = 1;		/* written once */
	pthread_mutex_unlock(&rs->lock);
	errno = saved;
	return rc;
}

void
rowstore_free(struct rowstore *rs)
{
	if (rs == NULL)
		return;
	if (rs->fp != NULL)
		fclose(rs->fp);
	if (rs->wfd != -1)
		close(rs->wfd);
	if (rs->map != NULL) {
		munmap((void *)(uintptr_t)rs->map, rs->maplen);
		close(rs->rfd);
	}
	pthread_mutex_destroy(&rs->lock);
	free(rs->iobuf);
	free(rs->path[0]);
	free(rs->path[1]);
	free(rs->v);
	hmap_free(&rs->seen);
	free(rs);
}

uint64_t
rowstore_digest(const struct tv *v, int *ok)
{
	const struct tv *m;
	uint64_t h;
	size_t i;

	if (v == NULL)
		return 1;
	switch (v->kind) {
	case TV_NULL:
		return 2;
	case TV_BOOL:
		return 3 + (v->b != 0);
	case TV_STR:
		return hash64(v->s, v->len, 5);
	case TV_LIST:
	case TV_MAP:
		break;
	}
	h = hash64(&v->n, sizeof(v->n), (uint64_t)v->kind);
	if (v->gen != NULL) {
		/* A lazy list is what its rows' keys say. */
		if (v->rowkey == NULL) {
			*ok = 0;
			return 0;
		}
		for (i = 0; i < v->n; i++) {
			uint64_t k = v->rowkey(i, v->genarg);

			h = hash64(&k, sizeof(k), h);
		}
		return h;
	}
	for (m = v->head; m != NULL; m = m->next) {
		uint64_t d = rowstore_digest(m, ok);

		if (v->kind == TV_MAP)
			h = hash64(m->key, m->keylen, h);
		h = hash64(&d, sizeof(d), h);
	}
	return h;
}
