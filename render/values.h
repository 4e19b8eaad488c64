/*
 * values.h: what the pages of the site are made from (struct pages), and
 * the values (tpl.h) that several pages show: dates, the page's frame,
 * signals, links and the row of a client in a list.
 */
#ifndef RAPPORT_VALUES_H
#define RAPPORT_VALUES_H

#include <stddef.h>

#include "followup.h"
#include "history.h"
#include "invalid.h"
#include "tpl.h"
#include "workspace.h"

/*
 * Everything a page needs.  f lists the valid clients, most urgent first
 * (followup_sort), for the pages that show every client; bad the files
 * with errors, for the index.  hist is NULL without a repository.  All
 * borrowed, for as long as pages are made.
 */
struct pages {
	const struct workspace	*ws;
	struct tpl_set		*tpl;
	const struct history	*hist;
	const struct followup	*f;
	size_t			 nf;
	const struct invalid *const *bad;
	size_t			 nbad;
};

/* A month as { iso "2026-11", human "November 2026" }. */
struct tv	*val_month(struct tv_pool *, month_t);
/* The month's name, "November". */
const char	*val_month_name(month_t);
/* Months of hours shown before this one, on both of a client's pages. */
#define VAL_HOUR_MONTHS	6
/*
 * The hours of this month and the VAL_HOUR_MONTHS before it (none before
 * the client's since), newest first: each a month with used, over (the
 * contract's hours) and this (the month of today).  The report page and
 * the client's own page show the same months from it.
 */
struct tv	*val_hours_months(struct tv_pool *, const struct followup *,
		    date_t today);
/* "1 client", "4 clients": n and the word for that many. */
struct tv	*val_count(struct tv_pool *, size_t n, const char *one,
		    const char *many);
/* A date as { iso, human }, or null for DATE_NONE. */
struct tv	*val_date(struct tv_pool *, date_t, date_t today);
/*
 * The frame every page has: the site's title, the page's (NULL: the
 * site's), the document's (page_title: "PAGE · SITE", or the site's
 * alone), the way back to the root ("" or "../"), today, this_month (its
 * month, as val_month gives it) and nav.NAV set.
 */
struct tv	*val_page(struct tv_pool *, const struct pages *,
		    const char *title, const char *root, const char *nav);
/* Puts list under key in m, and whether it has members under has. */
void		 val_list(struct tv_pool *, struct tv *m, const char *key,
		    const char *has, struct tv *list);
struct tv	*val_signal(struct tv_pool *, const struct signal *,
		    date_t today);
/* The text in b as a value, copied into the pool. */
struct tv	*val_buf(struct tv_pool *, const struct buf *);
/* root + dir + "/" + slug + ".html", built in b. */
struct tv	*val_href(struct tv_pool *, struct buf *b, const char *root,
		    const char *dir, const char *slug);
/*
 * An e-mail address for a mailto: link: every byte but letters, digits
 * and "@.-_~+" percent-encoded, so that nothing in it (a '?', a '#')
 * can add a subject or a body to the message.
 */
struct tv	*val_mailto(struct tv_pool *, const char *email);
/* A goal as the client may see it: name, target, by, confidence, outcome. */
struct tv	*val_goal(struct tv_pool *, const struct goal *, date_t today);
/*
 * A client as a row of a list: name, link, owner, state, the signals of
 * level min and above, tags and the text the filter box matches.
 */
struct tv	*val_row(struct tv_pool *, const struct config *,
		    const struct followup *, const char *root, date_t today,
		    enum level min);

/*
 * A lazy list (tv_lazy) of n rows: a row is made when the template
 * reaches it, so a page of ten thousand clients holds one row at a time.
 * Member i is pg->f[i], or pg->f[pick[i]] when pick is set.  r must live
 * as long as the list.
 */
struct val_rows {
	const struct pages	*pg;
	const char		*root;
	enum level		 min;
	const size_t		*pick;
};
struct tv	*val_rows(struct tv_pool *, size_t n, const struct val_rows *);
/*
 * What a client's rows are made from, besides rapport.ini and today
 * (which key the row store): its file's path and bytes; seed is what the
 * list adds.
 */
uint64_t	 val_client_key(const struct client *, uint64_t seed);

#endif
