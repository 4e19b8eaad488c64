/*
 * site_note.c: what the shared pages of a build were made from, kept in
 * the client cache's note, and which of the last build's a build may
 * keep (see site_int.h).
 *
 * The note is a key of everything the shared pages are made from (beyond
 * what keys the cache itself), then per page its size, its own key (0:
 * none) and its name.  When the key is the same and every page is still
 * there at its size, the build keeps them all (site_shared_current);
 * when it is not, a page with a key of its own (a month's hours page)
 * is kept while that key is the same (site_page_reuse).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "hours.h"
#include "site_int.h"
#include "siteout.h"
#include "util.h"

void
site_note_page(struct site *s, const char *rel, uint64_t size, uint64_t key)
{
	uint32_t n = (uint32_t)strlen(rel);

	pthread_mutex_lock(&s->lock);
	buf_putn(&s->shared, (const char *)&size, sizeof(size));
	buf_putn(&s->shared, (const char *)&key, sizeof(key));
	buf_putn(&s->shared, (const char *)&n, sizeof(n));
	buf_putn(&s->shared, rel, n);
	pthread_mutex_unlock(&s->lock);
}

/*
 * What a month's hours page is made from, besides the program,
 * rapport.ini and today (the cache's key): the templates, the output
 * folder, the months around it, and every figure and name of its table.
 * Not the client files' bytes: an entry logged this month changes this
 * month's page alone.  Never 0 (0 is "no key").
 */
uint64_t
site_month_key(const struct site *s, const struct pages_month *pm,
    const struct hours_table *t)
{
	const char *dir = siteout_dir(s->out);
	int64_t head[3] = { pm->month, pm->prev, pm->next };
	uint64_t k = s->tpl_hash;
	size_t i;

	k = hash64(dir, strlen(dir), k);
	k = hash64(head, sizeof(head), k);
	for (i = 0; i <= t->nrows; i++) {
		const struct hours_row *r = i < t->nrows ? &t->rows[i] :
		    &t->total;
		const struct client *c = r->client;
		int64_t v[7] = { r->hours, r->contract, r->over, r->rate,
		    r->amount, r->overflow, (int64_t)r->nclients };

		k = hash64(v, sizeof(v), k);
		if (c != NULL) {
			k = hash64(c->slug, strlen(c->slug) + 1, k);
			k = hash64(c->name ? c->name : "", c->name ?
			    strlen(c->name) + 1 : 0, k);
		}
		k = hash64(r->owner ? r->owner : "", r->owner ?
		    strlen(r->owner) + 1 : 0, k);
	}
	return k | 1;
}

/*
 * One page of a note: its size, its own key (0: none) and its name (nlen
 * bytes, not NUL-terminated), as site_note_page writes them.
 */
struct note_rec {
	uint64_t	 size, key;
	const char	*name;
	uint32_t	 nlen;
};

/*
 * The record at *p (before end) into r, and *p past it: 1; 0 at the end;
 * -1 when what is left is not a whole record (a note damaged or cut).
 */
static int
note_next(const char **p, const char *end, struct note_rec *r)
{
	size_t head = 2 * sizeof(uint64_t) + sizeof(uint32_t);

	if (*p == end)
		return 0;
	if ((size_t)(end - *p) < head)
		return -1;
	memcpy(&r->size, *p, sizeof(r->size));
	memcpy(&r->key, *p + sizeof(r->size), sizeof(r->key));
	memcpy(&r->nlen, *p + 2 * sizeof(uint64_t), sizeof(r->nlen));
	if (r->nlen > (size_t)(end - *p) - head)
		return -1;
	r->name = *p + head;
	*p = r->name + r->nlen;
	return 1;
}

/*
 * The last build's note past its key (*p to *end): 0, or -1 when there is
 * none.  *key gets the key.
 */
static int
note_records(const struct cache *cache, const char **p, const char **end,
    uint64_t *key)
{
	size_t len;

	if (cache == NULL || (*p = cache_note(cache, &len)) == NULL ||
	    len < sizeof(*key))
		return -1;
	*end = *p + len;
	memcpy(key, *p, sizeof(*key));
	*p += sizeof(*key);
	return 0;
}

/*
 * The last build's page rel, kept when it was made from key and is still
 * there at the size it had: 1, and it is in this build's note too.
 */
int
site_page_reuse(struct site *s, const char *rel, uint64_t key)
{
	const char *p, *end;
	size_t rlen = strlen(rel);
	struct note_rec r;
	uint64_t k;

	if (note_records(s->cache, &p, &end, &k) == -1)
		return 0;
	while (note_next(&p, end, &r) == 1) {
		if (r.key != key || r.nlen != rlen ||
		    memcmp(r.name, rel, rlen) != 0)
			continue;
		if (!siteout_has(s->out, rel, r.size))
			return 0;
		siteout_keep(s->out, rel);
		atomic_fetch_add(&s->pages, 1);
		site_note_page(s, rel, r.size, key);
		return 1;
	}
	return 0;
}

/*
 * What the shared pages are made from, beyond the program, rapport.ini and
 * today, which key the cache that keeps this: the templates, the output
 * folder and every client file's path, bytes and whether it has errors
 * (the followups and the index's list of broken files follow from those).
 * No shared page shows history.
 */
uint64_t
site_shared_key(const struct site *s)
{
	const struct workspace *ws = s->ws;
	const char *dir = siteout_dir(s->out);
	uint64_t k = hash64(dir, strlen(dir), s->tpl_hash);
	size_t i;

	for (i = 0; i < ws->nclients; i++) {
		const struct client *c = &ws->clients[i];
		uint64_t h[2] = { c->hash, c->errors > 0 };

		k = hash64(c->path, strlen(c->path), k);
		k = hash64(h, sizeof(h), k);
	}
	return k;
}

/*
 * Whether the note kept in the cache says the shared pages were made from
 * exactly this (key) and every one of them is still there at the size it
 * was written; counts them as pages of the site when so.  The note is the
 * key, then per file its size, its own key (0: none; site_page_reuse),
 * name length and name.
 */
int
site_shared_current(struct site *s, struct cache *cache, uint64_t key)
{
	const char *start, *p, *end;
	struct note_rec r;
	uint64_t k;
	char *rel;
	int more, ok = 1;

	if (note_records(cache, &start, &end, &k) == -1 || k != key)
		return 0;
	for (p = start; ok && (more = note_next(&p, end, &r)) != 0;) {
		if (more == -1)
			return 0;
		rel = xstrndup(r.name, r.nlen);
		ok = siteout_has(s->out, rel, r.size);
		free(rel);
	}
	if (!ok)
		return 0;
	/* All there: they are files of this site too. */
	for (p = start; note_next(&p, end, &r) == 1;) {
		rel = xstrndup(r.name, r.nlen);
		siteout_keep(s->out, rel);
		free(rel);
		atomic_fetch_add(&s->pages, 1);
	}
	return 1;
}
