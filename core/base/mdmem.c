/*
 * mdmem.c: a thread's arena for cmark (see mdmem.h).
 *
 * Blocks are carved from the front.  Every allocation carries its size in
 * a header, for realloc.  Invariants: cur is the block allocations come
 * from (NULL before the first); last is the newest allocation and lies at
 * the end of cur's used part, or is NULL; spare holds emptied blocks.
 * cmark grows its buffers by realloc of the newest allocation most of the
 * time, which then grows in place.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mdmem.h"
#include "util.h"

#define BLOCK_SIZE	((size_t)256 << 10)
#define ALIGN		16

struct block {
	struct block	*next;
	size_t		 size;		/* bytes in data */
	size_t		 used;
	_Alignas(ALIGN) unsigned char data[];
};

struct hdr {
	size_t		 size;		/* as asked for */
	size_t		 pad;		/* keeps the data aligned */
};
_Static_assert(sizeof(struct hdr) % ALIGN == 0, "header keeps alignment");

struct arena {
	struct block	*cur;		/* newest; the older ones follow */
	struct block	*spare;		/* emptied, for the next document */
	unsigned char	*last;		/* newest allocation, or NULL */
};

static _Thread_local struct arena *A;
static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
blocks_free(struct block *b)
{
	struct block *next;

	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
}

/* At a thread's exit: its arena goes back to the system. */
static void
arena_free(void *arg)
{
	struct arena *a = arg;

	blocks_free(a->cur);
	blocks_free(a->spare);
	free(a);
}

static void
key_make(void)
{
	if (pthread_key_create(&key, arena_free) != 0)
		abort();
}

static size_t
rounded(size_t n)
{
	/* SIZE_MAX: more than a header and a block could ever hold. */
	if (n > SIZE_MAX / 2)
		return SIZE_MAX;
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static void *
arena_alloc(size_t n)
{
	size_t need = rounded(n);
	struct block *b = A->cur;
	struct hdr *h;

	if (need == SIZE_MAX)
		return xmalloc(SIZE_MAX);	/* reports, aborts */
	need += sizeof(struct hdr);
	if (b == NULL || b->size - b->used < need) {
		struct block **s = &A->spare;

		/* A spare block big enough, else a new one. */
		while (*s != NULL && (*s)->size < need)
			s = &(*s)->next;
		if ((b = *s) != NULL)
			*s = b->next;
		else {
			size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;

			b = xmalloc(offsetof(struct block, data) + size);
			b->size = size;
		}
		b->used = 0;
		b->next = A->cur;
		A->cur = b;
	}
	h = (struct hdr *)(void *)(b->data + b->used);
	h->size = n;
	b->used += need;
	A->last = (unsigned char *)(h + 1);
	return A->last;
}

static void *
mem_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		return xcalloc(n, size);	/* reports, aborts */
	p = arena_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
mem_realloc(void *old, size_t n)
{
	struct hdr *h;
	struct block *b = A->cur;
	void *p;

	if (old == NULL)
		return arena_alloc(n);
	h = (struct hdr *)old - 1;
	/* The newest allocation grows or shrinks where it is. */
	if (old == A->last && rounded(n) != SIZE_MAX) {
		size_t was = rounded(h->size), now = rounded(n);

		if (now <= was || now - was <= b->size - b->used) {
			b->used = b->used - was + now;
			h->size = n;
			return old;
		}
	}
	p = arena_alloc(n);
	memcpy(p, old, h->size < n ? h->size : n);
	return p;
}

static void
mem_free(void *p)
{
	/* Only the newest allocation's room can be given back. */
	if (p != NULL && p == A->last) {
		struct hdr *h = (struct hdr *)p - 1;

		A->cur->used -= rounded(h->size) + sizeof(*h);
		A->last = NULL;
	}
}

static cmark_mem mem = { mem_calloc, mem_realloc, mem_free };

cmark_mem *
mdmem_begin(void)
{
	if (A == NULL) {
		(void)pthread_once(&once, key_make);
		A = xcalloc(1, sizeof(*A));
		if (pthread_setspecific(key, A) != 0)
			abort();
	}
	return &mem;
}

void
mdmem_end(void)
{
	struct block *b, *next;
	size_t kept = 0;

	if (A == NULL)
		return;
	for (b = A->spare; b != NULL; b = b->next)
		kept += b->size;
	for (b = A->cur; b != NULL; b = next) {
		next = b->next;
		if (kept + b->size > MDMEM_KEEP) {
			free(b);
			continue;
		}
		kept += b->size;
		b->next = A->spare;
		A->spare = b;
	}
	A->cur = NULL;
	A->last = NULL;
}
