/*
 * cache.h: what reading each client file gave, kept between runs.
 *
 * Parsing ten thousand files is most of what status, check and build do,
 * and between two runs few files change.  A record keeps, per client file,
 * a hash of its bytes, the file's stamp (so that an unchanged file is not
 * even read) and what parsing them gave: the summary the commands use
 * (client_slim), its followup and its messages, plus two numbers the
 * caller owns (the site keeps its page's key and size there).
 *
 * The whole cache is keyed by everything else a record depends on: the
 * program itself (the caller hashes its own executable), rapport.ini's
 * bytes, today and the record format.  Any difference, or any damage (the
 * file ends with a checksum of all of it), empties the cache: a record is
 * used only when it would give exactly what parsing gives, and deleting
 * the cache costs nothing but time.  It lives in GITDIR/rapport/clients.
 *
 * Lookups may run on several threads at once; so may cache_put.
 */
#ifndef RAPPORT_CACHE_H
#define RAPPORT_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "diag.h"
#include "followup.h"

struct cache;

/*
 * Reads the cache at path (absent, damaged or of another key: empty).
 * Never fails; allocation failure is fatal as everywhere.
 */
struct cache	*cache_open(const char *path, uint64_t key);
/* The key it was opened with: what every record depends on. */
uint64_t	 cache_key(const struct cache *);
/*
 * The record of the client file path whose bytes hash to hash: restores
 * the summary into c (as client_slim leaves it, errors = the file's own),
 * the followup into f (f->client = c), appends the messages to d and sets
 * aux.  Returns 1, or 0 when there is no such record.
 */
int		 cache_get(const struct cache *, const char *path, uint64_t hash,
		    struct client *c, struct followup *f, struct diags *d,
		    uint64_t aux[2]);
/*
 * Records what parsing path gave (c may be whole or slim), written out
 * to the new file at once: the records are never held in memory.
 */
void		 cache_put(struct cache *, const char *path, uint64_t hash,
		    uint64_t stamp, const struct client *c,
		    const struct followup *f, const struct diags *d,
		    const uint64_t aux[2]);
/*
 * The hash of path's bytes that the record of path gives, when the file's
 * stamp (ws_stamp, taken before it was read) was stamp, not 0: 1 with
 * *hash set, else 0.  A file whose stamp is unchanged need not be read
 * again to be known, as git trusts its index.
 */
int		 cache_hash(const struct cache *, const char *path,
		    uint64_t stamp, uint64_t *hash);
/*
 * The caller's note: a few bytes kept with the records under the same key
 * (the site keeps what its shared pages were made from).  NULL when there
 * is none; valid until cache_free.
 */
const char	*cache_note(const struct cache *, size_t *len);
/* Sets the note cache_write keeps (copied); without it the old one stays. */
void		 cache_set_note(struct cache *, const char *, size_t len);
/*
 * Replaces the file with the records put since cache_open (so removed
 * clients drop out), atomically; nothing for a NULL cache.  Once: the
 * records go to the new file as they are put, and any put after the
 * write is not kept.  A cache that cannot be written is not an error:
 * returns -1 with errno set and changes nothing.
 */
int		 cache_write(struct cache *);
void		 cache_free(struct cache *);

#endif
