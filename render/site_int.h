/*
 * site_int.h: the state of a build of the site, shared by site.c (the
 * pages and their order) and site_note.c (what a build may keep of the
 * last one's shared pages).  Private to render/.
 */
#ifndef RAPPORT_SITE_INT_H
#define RAPPORT_SITE_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "cache.h"
#include "history.h"
#include "pages.h"
#include "site.h"
#include "siteout.h"
#include "util.h"

struct site {
	const struct workspace	*ws;
	struct pages		 pg;
	struct history		*hist;		/* NULL without a repository */
	char			*rows;		/* the row store's path, or NULL */
	struct siteout		*out;
	uint64_t		 tpl_hash;	/* of every template's text */
	struct followup		*f;		/* valid clients, sorted */
	size_t			*by_slug;	/* f's indices by slug, or NULL */
	struct pages_month	*months;	/* the hours pages' */
	size_t			 nmonths;
	atomic_size_t		 pages;
	atomic_size_t		 written;
	atomic_int		 failed;
	pthread_mutex_t		 lock;		/* errs, shared */
	struct diags		 errs;		/* from site_visit */
	int			 finishing;	/* the shared pages */
	struct buf		 shared;	/* their names, sizes and keys */
	const struct cache	*cache;		/* the last build's note */
	int			 share_only;	/* SITE_SHARE_ONLY */
};

struct hours_table;

/* Adds a shared page (name, size, its own key or 0) to this build's note. */
void	 site_note_page(struct site *, const char *rel, uint64_t size,
	    uint64_t key);
/*
 * The key of everything the shared pages are made from besides what keys
 * the cache: the templates, the output folder and every client file's
 * path, bytes and whether it has errors.
 */
uint64_t site_shared_key(const struct site *);
/*
 * Whether the cache's note says the shared pages were made from key and
 * are all still there; they are then pages of this build too.
 */
int	 site_shared_current(struct site *, struct cache *, uint64_t key);
/* The key of a month's hours page, made from its table t. */
uint64_t site_month_key(const struct site *, const struct pages_month *,
	    const struct hours_table *t);
/*
 * Keeps the last build's page rel when it was made from key and is still
 * there at its size: 1, and it is in this build's note; else 0.
 */
int	 site_page_reuse(struct site *, const char *rel, uint64_t key);

#endif
