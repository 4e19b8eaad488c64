/*
 * stats.h: how fast the team answers (SPEC section 10), in figures.
 *
 * Reads the replies each followup measured (measure.h) and sums up those
 * a filter selects: how many inbound entries were answered, the median
 * and 90th percentile of their reply times, in wall-clock and in
 * business minutes, and the one that has waited longest without a reply.
 * rapport stats and the site's pages ask here, so they agree.
 *
 * Percentiles are nearest-rank: the p-th is the smallest time that at
 * least p% of the answered ones are within (the ceil(p * n / 100)-th of
 * them, shortest first), so each figure is a time some message really
 * waited: of two, the median is the shorter.
 */
#ifndef RAPPORT_STATS_H
#define RAPPORT_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "followup.h"

/* Which inbound entries count: all the fields together. */
struct stats_filter {
	const char	*owner;		/* the clients' owner; NULL: any */
	date_t		 from;		/* dated from (DATE_NONE: any) */
	date_t		 to;		/* up to and including (NONE: any) */
};

struct stats_figures {
	size_t		 answered;
	int64_t		 median, p90;	/* minutes; -1 when none answered */
	int64_t		 median_business, p90_business;
	size_t		 waiting;	/* not answered yet */
	/* The one waiting longest (earliest): NULL client when none. */
	const struct client *longest_client;
	date_t		 longest_date;
	int64_t		 longest;	/* minutes until today's midnight */
	int64_t		 longest_business;
};

/*
 * The figures of the replies the filter selects among v's n followups,
 * as of today (the day their measures were computed for).
 */
void	stats_figures(struct stats_figures *, const struct followup *v,
	    size_t n, const struct stats_filter *, date_t today);
/*
 * The figures of each month from first to last (months are inbound
 * entries' months; the filter's dates still apply) into out[0 ..
 * last - first], in one pass over the replies.
 */
void	stats_by_month(struct stats_figures *out, month_t first, month_t last,
	    const struct followup *v, size_t n, const struct stats_filter *,
	    date_t today);
/*
 * The nearest-rank p-th percentile of n values, which it reorders (a
 * selection, not a sort); -1 when n is 0.
 */
int64_t	stats_percentile(int64_t *v, size_t n, int p);
/*
 * Minutes as hours with one decimal, rounded half up: "3.5", "0.0",
 * "72.0"; "-" when minutes < 0 (none answered).  How rapport stats and
 * the site write a reply time.
 */
void	stats_hours(char buf[24], int64_t minutes);
/*
 * The month of the earliest inbound entry among v's (MONTH_NONE when
 * there is none): where a listing by month starts.
 */
month_t	stats_first_month(const struct followup *v, size_t n,
	    const char *owner);

#endif
