/*
 * pages.h: each page of the site rendered from the model into a buffer,
 * with the templates of struct pages (values.h).  Writing the pages is the
 * site's (site.c): a page knows nothing of files.
 *
 * Every page is a pages_fn.  item is what the page is about: the followup
 * of a client for pages_client, the owner for pages_owner, the month for
 * pages_hours, the template's name for pages_asset, nothing for the
 * others.  A page returns 0, or -1
 * with the reason in d (a template's error or limit).
 */
#ifndef RAPPORT_PAGES_H
#define RAPPORT_PAGES_H

#include "values.h"

typedef int pages_fn(const struct pages *, const void *item,
		    struct buf *out, struct diags *);

pages_fn	pages_index;	/* index.html */
pages_fn	pages_agenda;	/* agenda.html */
pages_fn	pages_owner;	/* owners/HANDLE.html */
pages_fn	pages_client;	/* clients/SLUG.html */
pages_fn	pages_share;	/* share/KEY/index.html */
pages_fn	pages_status;	/* status.json */
pages_fn	pages_feed;	/* followups.ics */
pages_fn	pages_contacts;	/* contacts.vcf */
pages_fn	pages_asset;	/* style.css, filter.js */
pages_fn	pages_hours;	/* hours/YYYY-MM.html, item a pages_month */

/*
 * An hours page's month, the site's months before and after it, and its
 * table when the caller made it already (else pages_hours makes it).
 */
struct hours_table;
struct pages_month {
	month_t		 month;
	month_t		 prev;		/* MONTH_NONE: the first */
	month_t		 next;		/* MONTH_NONE: the last */
	const struct hours_table *table;	/* borrowed, or NULL */
};

#endif
