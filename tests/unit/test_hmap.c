/*
 * test_hmap.c: the one hash table (hmap.h): every value put under a hash
 * is found again, also when hashes share a slot or the table has grown;
 * the hash 0 works; a missing hash finds nothing.
 */
#include <stdint.h>

#include "hmap.h"
#include "unit.h"
#include "util.h"

/* How many values under hash, and whether want is among them. */
static int
count(const struct hmap *m, uint64_t hash, size_t want, int *found)
{
	size_t cur = 0, *v;
	int n = 0;

	*found = 0;
	while ((v = hmap_next(m, hash, &cur)) != NULL) {
		n++;
		if (*v == want)
			*found = 1;
	}
	return n;
}

void
test_hmap(void)
{
	struct hmap m = { 0 };
	size_t i, cur = 0, *v;
	int found, all = 1;

	CHECK(hmap_next(&m, 42, &cur) == NULL);

	/* Through several doublings, each value under its own hash. */
	for (i = 0; i < 5000; i++)
		hmap_put(&m, hash64(&i, sizeof(i), 0), i);
	CHECK_INT(m.n, 5000);
	CHECK(m.n < m.cap / 2 + 1);
	for (i = 0; i < 5000; i++)
		if (count(&m, hash64(&i, sizeof(i), 0), i, &found) != 1 ||
		    !found)
			all = 0;
	CHECK(all);
	cur = 0;
	CHECK(hmap_next(&m, hash64("absent", 6, 0), &cur) == NULL);
	hmap_free(&m);
	CHECK(m.slot == NULL && m.cap == 0 && m.n == 0);

	/* Values under one hash are all handed out; their neighbours too. */
	for (i = 0; i < 40; i++) {
		hmap_put(&m, 7, 100 + i);
		hmap_put(&m, 8, 200 + i);
	}
	CHECK_INT(count(&m, 7, 139, &found), 40);
	CHECK(found);
	CHECK_INT(count(&m, 8, 200, &found), 40);
	CHECK(found);
	CHECK_INT(count(&m, 9, 0, &found), 0);

	/* The hash 0 is a hash like any other (kept as 1). */
	hmap_put(&m, 0, 5);
	CHECK_INT(count(&m, 0, 5, &found), 1);
	CHECK(found);

	/* get_or_put counts, and a pointer writes through. */
	v = hmap_get_or_put(&m, 12345, 0);
	(*v)++;
	v = hmap_get_or_put(&m, 12345, 0);
	CHECK_INT(*v, 1);
	hmap_free(&m);
	hmap_free(NULL);

	/* Reserved room is not grown again by as many puts. */
	hmap_reserve(&m, 100);
	i = m.cap;
	for (cur = 0; cur < 100; cur++)
		hmap_put(&m, cur * 1024, cur);
	CHECK_INT(m.cap, i);
	CHECK_INT(count(&m, 99 * 1024, 99, &found), 1);
	CHECK(found);
	hmap_free(&m);
}
