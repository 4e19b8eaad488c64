/*
 * replies.h: the reply times block of the index and the owners' pages
 * (SPEC section 10): the figures of the last 30 and 90 days, and a chart
 * of the median by month over the last twelve, from stats.h as rapport
 * stats gives them.
 */
#ifndef RAPPORT_REPLIES_H
#define RAPPORT_REPLIES_H

#include "pages.h"
#include "tpl.h"

/* Days each window of the block covers, today included. */
#define REPLIES_WINDOW_SHORT	30
#define REPLIES_WINDOW_LONG	90
/* Months the chart shows, this one included. */
#define REPLIES_MONTHS		12

/*
 * The block's value for the clients of owner (NULL: all of pg's): a map
 * of windows (label, days, answered, median, p90, median_bh, p90_bh,
 * waiting, longest: client, href, since, days), chart (trusted SVG, or
 * absent) and chart_text.  root leads to the site's root from the page.
 */
struct tv	*replies_value(struct tv_pool *, const struct pages *,
		    const char *owner, const char *root);

#endif
