/*
 * hmap.c: the one hash table (see hmap.h).
 *
 * Invariant: a value put under hash h sits in the first slot at or after
 * h's home slot (wrapping) that was free when it was put, and no slot
 * between is freed later (nothing is ever removed), so a probe from the
 * home slot that stops at the first free slot sees every value of h.
 */
#include <stdlib.h>

#include "hmap.h"
#include "util.h"

static uint64_t
stored(uint64_t hash)
{
	return hash != 0 ? hash : 1;
}

/*
 * The slot a probe for hash visits at step i.  The home slot comes from
 * the high bits of a Fibonacci product, so that keys whose low bits
 * agree (offsets, counters) still spread.
 */
static size_t
probe(const struct hmap *m, uint64_t hash, size_t i)
{
	return ((size_t)((hash * UINT64_C(0x9E3779B97F4A7C15)) >> 32) + i) &
	    (m->cap - 1);
}

static size_t *
place(struct hmap *m, uint64_t hash, size_t value)
{
	size_t i, s;

	for (i = 0;; i++) {
		s = probe(m, hash, i);
		if (m->slot[s].hash == 0)
			break;
	}
	m->slot[s].hash = hash;
	m->slot[s].value = value;
	m->n++;
	return &m->slot[s].value;
}

void
hmap_reserve(struct hmap *m, size_t n)
{
	struct hmap_slot *old = m->slot;
	size_t i, cap = m->cap, want = m->cap ? m->cap : 16;

	/* n values each hold a slot of memory: want cannot overflow. */
	while (want / 2 <= n)
		want *= 2;
	if (want == m->cap)
		return;
	m->slot = xcalloc(want, sizeof(*m->slot));
	m->cap = want;
	m->n = 0;
	for (i = 0; i < cap; i++)
		if (old[i].hash != 0)
			place(m, old[i].hash, old[i].value);
	free(old);
}

size_t *
hmap_put(struct hmap *m, uint64_t hash, size_t value)
{
	hmap_reserve(m, m->n + 1);
	return place(m, stored(hash), value);
}

size_t *
hmap_next(const struct hmap *m, uint64_t hash, size_t *cursor)
{
	size_t s;

	if (m->cap == 0)
		return NULL;
	hash = stored(hash);
	/* Half the slots at most are used: the probe meets a free one. */
	for (; (s = probe(m, hash, *cursor), m->slot[s].hash != 0);) {
		(*cursor)++;
		if (m->slot[s].hash == hash)
			return &m->slot[s].value;
	}
	return NULL;
}

size_t *
hmap_get_or_put(struct hmap *m, uint64_t hash, size_t value)
{
	size_t cur = 0, *v = hmap_next(m, hash, &cur);

	return v != NULL ? v : hmap_put(m, hash, value);
}

void
hmap_free(struct hmap *m)
{
	if (m == NULL)
		return;
	free(m->slot);
	m->slot = NULL;
	m->cap = m->n = 0;
}
