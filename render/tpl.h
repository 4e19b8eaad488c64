/*
 * tpl.h: a logic-less template engine (Mustache) and the values it renders.
 *
 * Templates follow the Mustache specification's interpolation, sections,
 * inverted sections, comments, partials and set-delimiter modules (lambdas
 * are not offered): {{name}} is HTML-escaped, {{{name}}} and {{& name}} are
 * not.  tests/mustache.c runs the official specification files.
 *
 * Values form a tree (struct tv) allocated from a tv_pool and freed with
 * it.  Strings given to tv_str and tv_put_str are not copied: they must
 * outlive the pool's use (the model's strings do); tv_strf copies.
 *
 * Sections treat null, false, "" and an empty list as false.
 */
#ifndef RAPPORT_TPL_H
#define RAPPORT_TPL_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

struct tv_pool;
struct rowstore;

enum tv_kind {
	TV_NULL,
	TV_BOOL,
	TV_STR,
	TV_LIST,
	TV_MAP
};

struct tv {
	enum tv_kind	 kind;
	int		 b;		/* TV_BOOL */
	const char	*s;		/* TV_STR, s[len] need not be NUL */
	size_t		 len;
	const char	*key;		/* set when the value is in a map */
	size_t		 keylen;
	uint32_t	 keyhash;	/* tpl_hash of key */
	struct tv	*head;		/* TV_LIST, TV_MAP: members in order */
	struct tv	*tail;
	struct tv	*next;
	size_t		 n;
	/* A lazy list (tv_lazy) makes member i when it is rendered. */
	struct tv	*(*gen)(struct tv_pool *, size_t i, void *arg);
	void		*genarg;
	/* and may say what member i is made from (tv_lazy_keyed). */
	uint64_t	 (*rowkey)(size_t i, void *arg);
};

struct tv_block;
struct tv_pool {
	struct tv_block	*blocks;
	struct pool	 strings;
};

struct tv	*tv_null(struct tv_pool *);
struct tv	*tv_bool(struct tv_pool *, int);
struct tv	*tv_str(struct tv_pool *, const char *);
struct tv	*tv_strn(struct tv_pool *, const char *, size_t);
struct tv	*tv_strf(struct tv_pool *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* A string copied into the pool. */
struct tv	*tv_copy(struct tv_pool *, const char *);
struct tv	*tv_list(struct tv_pool *);
/*
 * A list of n members made only when a section renders them: gen(p, i,
 * arg) returns member i, allocated from p, which is freed right after.
 * Only sections iterate it (it is truthy when n > 0); it takes no tv_push.
 */
typedef struct tv *tv_gen_fn(struct tv_pool *, size_t i, void *arg);
struct tv	*tv_lazy(struct tv_pool *, size_t n, tv_gen_fn *, void *arg);
/*
 * A lazy list whose member i is made from what key(i, arg) names, and
 * from nothing else: with a row store (tpl_set_rows), a member's output
 * is copied from the last build's where it would come out the same.
 */
typedef uint64_t tv_key_fn(size_t i, void *arg);
struct tv	*tv_lazy_keyed(struct tv_pool *, size_t n, tv_gen_fn *,
		    tv_key_fn *, void *arg);
struct tv	*tv_map(struct tv_pool *);
/* Appends v to list (a TV_LIST); returns v. */
struct tv	*tv_push(struct tv *list, struct tv *v);
/* Sets key (not copied) in map to v, which must not be in another
 * container; returns v.  Later lookups find the first one set. */
struct tv	*tv_put(struct tv *map, const char *key, struct tv *v);
/* tv_put of a string, or of nothing when s is NULL. */
void		 tv_put_str(struct tv_pool *, struct tv *map, const char *key,
		    const char *s);
void		 tv_pool_free(struct tv_pool *);

/*
 * A set of named templates, the partials of one another.  Sources are
 * copied in; compiled forms are cached.
 */
struct tpl_set;

struct tpl_set	*tpl_set_new(void);
/* Adds (or replaces) template name; path names it in messages. */
void		 tpl_set_add(struct tpl_set *, const char *name,
		    const char *text, size_t len, const char *path);
int		 tpl_set_has(const struct tpl_set *, const char *name);
/*
 * Reads the workspace's file rel ("templates/NAME") whole, never through
 * a symbolic link: 0 with *text allocated, or -1 when there is none.
 */
typedef int	 tpl_read_fn(const void *arg, const char *rel, char **text,
		    size_t *len);
/*
 * The built-in templates and assets (builtin.h), each replaced by the
 * workspace's templates/NAME when read gives it.  *hash gets a hash of
 * every text, for cache keys.  Messages name a workspace's file
 * "templates/NAME".
 */
struct tpl_set	*tpl_set_load(tpl_read_fn *read, const void *arg,
		    uint64_t *hash);
/*
 * Bounds every render from the set: more than max_bytes of output or
 * max_steps nodes rendered is an error at the template (0: no bound).
 */
void		 tpl_set_limits(struct tpl_set *, size_t max_bytes,
		    size_t max_steps);
/*
 * Renders the members of keyed lazy lists (tv_lazy_keyed) through rows,
 * a store of the last build's (rowstore.h; NULL: none): a member whose
 * row is kept is copied, the others rendered and kept.  The output is the
 * same either way.  rows must outlive the set's renders.
 */
void		 tpl_set_rows(struct tpl_set *, struct rowstore *rows);
/* The set's row store, or NULL: pages that keep rows of their own. */
struct rowstore	*tpl_set_rowstore(const struct tpl_set *);
/*
 * Compiles every template of the set, so syntax errors are reported once
 * (to d) before any rendering; returns -1 when any has one.  After it,
 * several threads may render from the set at once.
 */
int		 tpl_set_check(struct tpl_set *, struct diags *);
/*
 * Renders template name with data as the root context, appending to out.
 * Syntax errors go to d (FILE:LINE:COL) and make it return -1; a missing
 * partial renders as nothing, as the specification wants, with a warning.
 * It also returns -1 past the set's limits (reported), and when run_stop
 * was called (not reported: the caller knows why).
 */
int		 tpl_render(struct tpl_set *, const char *name,
		    const struct tv *data, struct buf *out, struct diags *d);
void		 tpl_set_free(struct tpl_set *);

/* The hash names are found by (FNV-1a): keys and tags carry theirs. */
static inline uint32_t
tpl_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Appends s with & < > " ' escaped for HTML text and attribute values. */
void		 tpl_escape(struct buf *, const char *s, size_t len);

#endif
