/*
 * hmap.h: the one hash table: open addressing from 64-bit hashes to
 * values (offsets, indexes, counts).
 *
 * It keeps no keys.  A lookup hands out, one by one, the values put under
 * the same hash; the caller, which holds its keys, skips those that are
 * not its own.  A set of 64-bit keys that are their own hash (the rows'
 * keys, a UID's hash) needs no such check.  The hash 0 is kept as 1, so a
 * zeroed slot is free; slots are probed linearly and the table doubles
 * when half full.
 *
 *	struct hmap m = { 0 };
 *	size_t cur = 0, *v;
 *
 *	hmap_put(&m, hash64(key, len, 0), i);
 *	while ((v = hmap_next(&m, hash64(key, len, 0), &cur)) != NULL)
 *		if (strcmp(names[*v], key) == 0)
 *			break;
 *	hmap_free(&m);
 *
 * Not thread-safe: callers that share a table lock around it.
 */
#ifndef RAPPORT_HMAP_H
#define RAPPORT_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap_slot {
	uint64_t	 hash;		/* 0: free */
	size_t		 value;
};

struct hmap {
	struct hmap_slot *slot;
	size_t		 cap;		/* 0 or a power of two */
	size_t		 n;		/* slots in use, < cap / 2 */
};

/* Makes room for n values without growing.  m may be zeroed. */
void	 hmap_reserve(struct hmap *m, size_t n);
/*
 * Adds value under hash, beside any already there, and returns where it
 * is kept: valid until the next hmap_put or hmap_reserve.
 */
size_t	*hmap_put(struct hmap *m, uint64_t hash, size_t value);
/*
 * The next value under hash, or NULL when there is none.  *cursor is 0 for
 * the first call of a lookup; the pointer is valid until the next put.
 */
size_t	*hmap_next(const struct hmap *m, uint64_t hash, size_t *cursor);
/* The first value under hash, made with value when there is none. */
size_t	*hmap_get_or_put(struct hmap *m, uint64_t hash, size_t value);
/* Releases the slots; m is zeroed and may be used again. */
void	 hmap_free(struct hmap *m);

#endif
