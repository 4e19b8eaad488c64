/*
 * rowstore.h: the rows of the shared pages, kept from the last build.
 *
 * The index, the owners' pages and the agenda are lists of rows, one or a
 * few per client, and when one client file changes every other row comes
 * out as it did the last time.  A build keeps each row it rendered here,
 * under a key (the row key) made of what the row's values come from (the
 * client file's path and bytes, and whatever the list adds) and where it
 * sits (the template and the section that renders it); the next build
 * copies the bytes of a row instead of rendering it again.
 *
 * A row's values come from its key, but its template may also look up
 * names its values do not have (a "root" of the page, or a name a client
 * lacks, which then falls through to the page): each row records those
 * names with a digest of what they were, and is used again only where
 * every one of them has the same digest.  So a kept row is used only
 * where rendering it would give exactly its bytes; tests/cache.sh checks
 * that builds with the store equal builds without it.
 *
 * The whole store is keyed by what every row depends on (the program,
 * rapport.ini, today, the templates): another key, a damaged index or a
 * record whose bytes do not hash as they did make it, or the record,
 * absent, never wrong.  It lives in GITDIR/rapport/rows and holds the rows
 * of the last build only.  It is a cache: it is not flushed to disk, a
 * torn file after a crash being one that fails its checks.
 *
 *	rs = rowstore_open(path, key);
 *	b = { rs };                                  (one per thread)
 *	rowstore_find(rs, k, &row) ... rowstore_batch_keep(&b, &row);
 *	rowstore_batch_put(&b, k, deps, n, bytes, len, steps);
 *	rowstore_batch_free(&b);
 *	rowstore_write(rs);
 *	rowstore_free(rs);
 */
#ifndef RAPPORT_ROWSTORE_H
#define RAPPORT_ROWSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "tpl.h"
#include "util.h"

/* Names a row may look up outside its own values; more: not kept. */
#define ROWSTORE_MAX_DEPS	16

struct rowstore_dep {
	const char	*name;		/* not NUL-terminated */
	size_t		 len;
	uint64_t	 digest;	/* rowstore_digest of what it named */
};

/* A kept row, valid until rowstore_free. */
struct rowstore_row {
	uint64_t		 key;
	const char		*data;	/* the row's bytes */
	size_t			 len;
	uint32_t		 steps;	/* template steps its rendering took */
	size_t			 ndeps;
	struct rowstore_dep	 dep[ROWSTORE_MAX_DEPS];
	const char		*rec;	/* the whole record, for keep */
	size_t			 reclen;
	uint64_t		 hash;	/* of rec */
};

struct rowstore;

/* Reads the store at path (absent, damaged or of another key: empty). */
struct rowstore	*rowstore_open(const char *path, uint64_t key);
/* The row kept under key: 1 and *row, or 0. */
int		 rowstore_find(const struct rowstore *, uint64_t key,
		    struct rowstore_row *row);
/*
 * The rows a thread keeps for the next build, handed to the store (which
 * several threads share) a few hundred kilobytes at a time.  Set rs, the
 * rest zero; flush hands over what is pending, free flushes and frees.
 */
struct rowstore_pending {
	uint64_t	 key;
	const char	*rec;		/* kept: in the old file; else in data */
	size_t		 len;
	uint64_t	 hash;
};
struct rowstore_batch {
	struct rowstore		*rs;
	struct buf		 data;
	struct rowstore_pending	*v;
	size_t			 n, cap;
};
/* Keeps a found row. */
void		 rowstore_batch_keep(struct rowstore_batch *,
		    const struct rowstore_row *);
/* Keeps a row just rendered (a key kept already stays as it was). */
void		 rowstore_batch_put(struct rowstore_batch *, uint64_t key,
		    const struct rowstore_dep *, size_t ndeps,
		    const char *data, size_t len, uint32_t steps);
void		 rowstore_batch_flush(struct rowstore_batch *);
void		 rowstore_batch_free(struct rowstore_batch *);
/*
 * Replaces the file with the rows kept or put since the open; nothing for
 * NULL.  A store that cannot be written is no error: -1 with errno set,
 * and the old file stays.
 */
int		 rowstore_write(struct rowstore *);
void		 rowstore_free(struct rowstore *);

/*
 * A digest of a value as a template sees it; *ok is set to 0 when it
 * cannot be had (a lazy list without row keys).
 */
uint64_t	 rowstore_digest(const struct tv *, int *ok);

#endif
