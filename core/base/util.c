/*
 * util.c: allocation wrappers, growable buffers and string pools.
 * Allocation failure is fatal here and nowhere else.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void
oom(size_t n)
{
	fprintf(stderr, "rapport: out of memory (%zu bytes)\n", n);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom(n * sz);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

void
xgrow(void *arr, size_t *cap, size_t n, size_t sz)
{
	void **p = arr;
	size_t ncap;

	if (n <= *cap)
		return;
	ncap = *cap ? *cap * 2 : 8;
	while (ncap < n)
		ncap *= 2;
	if (ncap > (size_t)-1 / sz)
		oom((size_t)-1);
	*p = xrealloc(*p, ncap * sz);
	*cap = ncap;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	struct buf b = { 0 };
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		oom(0);
	b.s = xmalloc((size_t)n + 1);
	vsnprintf(b.s, (size_t)n + 1, fmt, ap);
	return b.s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
buf_grow(struct buf *b, size_t n)
{
	/*
	 * A buffer's first text sets its size, when larger than 64: a
	 * file read whole, a blob, a text to append to (sized by its
	 * caller) then hold no slack, where doubling left up to half of
	 * each unused (a change of 5,000 files holds three texts of each).
	 */
	size_t cap = b->cap ? b->cap : b->len + n + 1 > 64 ? b->len + n + 1 :
	    64;

	if (b->len + n + 1 <= b->cap)
		return;
	if (b->flush != NULL && b->len > 0) {
		/* A streamed buffer makes room by handing its text on. */
		b->flush(b);
		b->flushed += b->len;
		b->len = 0;
		b->s[0] = '\0';
		if (n + 1 <= b->cap)
			return;
	}
	if (n > SIZE_MAX / 2 - b->len)
		oom(n);
	while (cap < b->len + n + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void
buf_putn_slow(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Straight into the room there is; again with enough if too little. */
	buf_grow(b, 64);
	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom(0);
	if ((size_t)n >= b->cap - b->len) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		(void)vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

char *
buf_detach(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->s);
	b->s = NULL;
	b->len = b->cap = b->flushed = 0;
}

/* Strings are carved from blocks of at least POOL_BLOCK bytes. */
#define POOL_BLOCK 4000

struct pool_block {
	struct pool_block *next;
	size_t		 used;
	size_t		 size;
	char		 data[];
};

char *
pool_strndup(struct pool *p, const char *s, size_t n)
{
	struct pool_block *b = p->head;
	char *d;

	if (b == NULL || b->size - b->used < n + 1) {
		size_t sz = n + 1 > POOL_BLOCK ? n + 1 : POOL_BLOCK;

		b = xmalloc(sizeof(*b) + sz);
		b->size = sz;
		b->used = 0;
		b->next = p->head;
		p->head = b;
	}
	d = b->data + b->used;
	memcpy(d, s, n);
	d[n] = '\0';
	b->used += n + 1;
	return d;
}

void
pool_reserve(struct pool *p, size_t n)
{
	struct pool_block *b = p->head;

	if (b != NULL && b->size - b->used >= n)
		return;
	b = xmalloc(sizeof(*b) + (n ? n : 1));
	b->size = n ? n : 1;
	b->used = 0;
	b->next = p->head;
	p->head = b;
}

char *
pool_strdup(struct pool *p, const char *s)
{
	return s ? pool_strndup(p, s, strlen(s)) : NULL;
}

void
pool_clear(struct pool *p)
{
	struct pool_block *b;

	if (p == NULL || p->head == NULL)
		return;
	/* The newest block stays, empty; the others go. */
	b = p->head->next;
	p->head->next = NULL;
	p->head->used = 0;
	while (b != NULL) {
		struct pool_block *next = b->next;

		free(b);
		b = next;
	}
}

void
pool_free(struct pool *p)
{
	struct pool_block *b, *next;

	if (p == NULL)
		return;
	for (b = p->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	p->head = NULL;
}

static uint64_t
hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* One 8-byte word into the state h: hash64's and hash_stream's step. */
static uint64_t
hash_word(uint64_t h, const unsigned char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
	w *= 0x87c37b91114253d5ULL;
	w = (w << 31) | (w >> 33);
	return ((h ^ w) << 27 | (h ^ w) >> 37) * 5 + 0x52dce729;
}

/* The last n < 8 bytes at s, as one number. */
static uint64_t
hash_tail(const unsigned char *s, size_t n)
{
	uint64_t w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		w |= (uint64_t)s[i] << (8 * i);
	return w;
}

uint64_t
hash64(const void *data, size_t n, uint64_t seed)
{
	const unsigned char *s = data;
	uint64_t h = seed ^ ((uint64_t)n * 0x9e3779b97f4a7c15ULL);

	for (; n >= 8; s += 8, n -= 8)
		h = hash_word(h, s);
	return hash_mix(h ^ hash_tail(s, n) * 0x4cf5ad432745937fULL);
}

void
hash_stream_add(struct hash_stream *hs, const void *data, size_t n)
{
	const unsigned char *s = data;
	size_t k;

	hs->n += n;
	if (hs->npart > 0) {
		k = 8 - hs->npart < n ? 8 - hs->npart : n;
		memcpy(hs->part + hs->npart, s, k);
		hs->npart += k;
		s += k;
		n -= k;
		if (hs->npart < 8)
			return;
		hs->h = hash_word(hs->h, hs->part);
		hs->npart = 0;
	}
	for (; n >= 8; s += 8, n -= 8)
		hs->h = hash_word(hs->h, s);
	memcpy(hs->part, s, n);
	hs->npart = n;
}

uint64_t
hash_stream_end(const struct hash_stream *hs)
{
	return hash_mix(hs->h ^ hash_tail(hs->part, hs->npart) *
	    0x4cf5ad432745937fULL ^ hs->n * 0x9e3779b97f4a7c15ULL);
}

/* Set by run_stop; a run_each item already started still finishes. */
static atomic_int stopping;

void
run_stop(void)
{
	atomic_store(&stopping, 1);
}

int
run_stopped(void)
{
	return atomic_load(&stopping);
}

struct each {
	size_t		 n;
	void		(*fn)(size_t, int, void *);
	void		*arg;
	atomic_size_t	 next;
};

struct worker {
	struct each	*e;
	int		 t;
};

static void *
each_worker(void *p)
{
	struct worker *w = p;
	size_t i;

	while (!atomic_load(&stopping) &&
	    (i = atomic_fetch_add(&w->e->next, 1)) < w->e->n)
		w->e->fn(i, w->t, w->e->arg);
	return NULL;
}

void
run_each(size_t n, int jobs, void (*fn)(size_t, int, void *), void *arg)
{
	pthread_t th[UTIL_MAX_JOBS];
	struct worker w[UTIL_MAX_JOBS];
	struct each e;
	int t, started = 0;

	e.n = n;
	e.fn = fn;
	e.arg = arg;
	atomic_init(&e.next, 0);
	if (jobs > UTIL_MAX_JOBS)
		jobs = UTIL_MAX_JOBS;
	for (t = 0; t < UTIL_MAX_JOBS; t++) {
		w[t].e = &e;
		w[t].t = t;
	}
	for (t = 1; t < jobs && (size_t)t < n; t++)
		if (pthread_create(&th[t], NULL, each_worker, &w[t]) == 0)
			started = t;
		else
			break;
	each_worker(&w[0]);
	for (t = 1; t <= started; t++)
		pthread_join(th[t], NULL);
}
