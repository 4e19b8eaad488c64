/*
 * util.h: memory and string helpers shared by every module.
 *
 * Out-of-memory is handled in exactly one place: the x* wrappers print one
 * line and abort.  No caller checks for NULL after them.  Every free function
 * in the project accepts NULL.
 */
#ifndef RAPPORT_UTIL_H
#define RAPPORT_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* Grows *arr (of *cap elements of size sz) so that it holds at least n. */
void	 xgrow(void *arr, size_t *cap, size_t n, size_t sz);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/*
 * A growable, always NUL-terminated byte buffer.  Zero-initialise it; buf_free
 * releases it; buf_detach hands its memory to the caller.
 */
struct buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	/*
	 * A streamed buffer (flush set): when it is full, flush(b) takes
	 * s[0, len) away (to a file) and empties it, so a page of any size
	 * is held in cap bytes.  flushed counts the bytes gone that way.
	 */
	size_t	 flushed;
	void	(*flush)(struct buf *);
	void	*arg;
};

/* Every byte ever appended, flushed ones included. */
static inline size_t
buf_total(const struct buf *b)
{
	return b->flushed + b->len;
}

/*
 * Makes room for n more bytes (and the NUL): by growing, or, streamed,
 * by flushing the text there is first.
 */
void	 buf_grow(struct buf *, size_t n);
void	 buf_putn_slow(struct buf *, const char *, size_t);

/*
 * Appending is the inner loop of every page: inline while there is room,
 * which is nearly always once a buffer is reused.
 */
static inline void
buf_putn(struct buf *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) {
		if (n > 0)
			memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else
		buf_putn_slow(b, s, n);
}

static inline void
buf_puts(struct buf *b, const char *s)
{
	buf_putn(b, s, strlen(s));
}

static inline void
buf_putc(struct buf *b, char c)
{
	buf_putn(b, &c, 1);
}
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);
char	*buf_detach(struct buf *);
void	 buf_free(struct buf *);

/*
 * A pool owns many small strings and frees them together: a client's strings
 * live exactly as long as the client.
 */
struct pool_block;
struct pool {
	struct pool_block *head;
};

char	*pool_strndup(struct pool *, const char *, size_t);
char	*pool_strdup(struct pool *, const char *);
/* Makes room for n bytes of strings in one block of just that size. */
void	 pool_reserve(struct pool *, size_t n);
/* Forgets every string but keeps the newest block for the next ones. */
void	 pool_clear(struct pool *);
void	 pool_free(struct pool *);

/* Threads any parallel work uses, at most. */
#define UTIL_MAX_JOBS 16

/*
 * Calls fn(i, t, arg) once for each i below n, on up to jobs threads (the
 * calling thread is one of them; fewer when threads cannot be made), each
 * taking the next i from a shared counter, so a slow item delays nobody.
 * t (below UTIL_MAX_JOBS) numbers the thread making the call: what is
 * kept per t is never touched by two threads at once.  Returns when every
 * call has returned.
 */
void	 run_each(size_t n, int jobs,
	    void (*fn)(size_t i, int t, void *arg), void *arg);
/*
 * Makes every run_each, running or to come, stop handing out items: the
 * caller of one that returned after run_stop must not trust its results.
 * Safe to call from a signal handler (a lock-free atomic store).
 */
void	 run_stop(void);
int	 run_stopped(void);

/*
 * A 64-bit hash of n bytes, for cache keys and checksums: fast (8 bytes a
 * step) and well mixed, not cryptographic.  seed chains hashes.
 */
uint64_t hash64(const void *, size_t n, uint64_t seed);
/*
 * The same kind of hash of bytes that come piece by piece, their length
 * unknown until the end (a state file written as it is made).  It is
 * its own function of the bytes, not hash64's value:
 *
 *	struct hash_stream hs = { .h = seed };
 *	hash_stream_add(&hs, piece, n);		(as often as need be)
 *	h = hash_stream_end(&hs);
 */
struct hash_stream {
	uint64_t	 h;		/* the seed, then the state */
	uint64_t	 n;		/* bytes so far */
	unsigned char	 part[8];	/* the last word, not yet whole */
	size_t		 npart;
};
void	 hash_stream_add(struct hash_stream *, const void *, size_t n);
uint64_t hash_stream_end(const struct hash_stream *);

#endif
