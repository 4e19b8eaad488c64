/*
 * hours.h: the hours of a month against the contracts, and what they are
 * worth (SPEC section 10): rapport hours and the site's hours pages ask
 * here, so they show the same figures.
 *
 * Every figure is an exact count of hundredths (of an hour, or of money),
 * never a floating-point number: hours as measure.h sums them, the
 * contract's hours and rate as the client file gives them.
 *
 * Decisions where the SPEC is silent:
 * - A month's rows: every client with hours logged in it, and every
 *   active or lead client with [contract] hours (from its since's month
 *   on, when since is set), with 0 hours if none: an unused contract is
 *   news too.  A paused or former client shows only when it has hours.
 * - The contract's hours and the rate are the client file's today: the
 *   file keeps no history of them, so a past month reads today's.
 * - over = hours - contract: positive over, negative under; none without
 *   a contract.
 * - amount = rate x hours: the exact product of two counts of hundredths
 *   is in ten-thousandths; divided by 100 and rounded half away from zero
 *   (both are never negative, so half up): 3 x 0.33h at 33.33 is 0.99h,
 *   32.9967, 33.00.  None without a rate.  A product past an int64_t is
 *   no amount, and the row says so (overflow): only an absurd file
 *   gets there (a month's hours stop at MEASURE_HOURS_MAX, a rate has
 *   at most nine digits before the point).
 * - A total is the sum of its column over the rows that have a value in
 *   it (none when no row has one): the total over is the contracted
 *   clients' hours over their contracts, the total amount is what the
 *   rated clients' hours are worth.  A sum past an int64_t, or one with
 *   a row's figure too large in it, is none, with overflow set.
 * - By owner: one row per owner with the sums of that owner's clients'
 *   rows, by handle, clients with no owner last.
 */
#ifndef RAPPORT_HOURS_H
#define RAPPORT_HOURS_H

#include <stddef.h>
#include <stdint.h>

#include "followup.h"

/* A figure that is not there (no contract, no rate, an overflow). */
#define HOURS_NONE	INT64_MIN

enum hours_by {
	HOURS_BY_CLIENT,
	HOURS_BY_OWNER
};

struct hours_row {
	const struct client *client;	/* by client; NULL in other rows */
	const char	*owner;		/* the client's or the group's, or
					   NULL (none); borrowed */
	size_t		 nclients;	/* clients summed: 1 for a client */
	int64_t		 hours;		/* hundredths of an hour */
	int64_t		 contract;	/* hundredths, or HOURS_NONE */
	int64_t		 over;		/* hours - contract, or HOURS_NONE */
	int64_t		 rate;		/* money per hour in hundredths, or
					   HOURS_NONE (by client only) */
	int64_t		 amount;	/* money in hundredths, or NONE */
	int		 overflow;	/* HOURS_OVER_*: the figures too large
					   for an int64_t (they are none) */
};
#define HOURS_OVER_HOURS	0x1
#define HOURS_OVER_CONTRACT	0x2
#define HOURS_OVER_OVER		0x4
#define HOURS_OVER_AMOUNT	0x8

struct hours_table {
	month_t		 month;
	enum hours_by	 by;
	struct hours_row *rows;		/* allocated */
	size_t		 nrows;
	struct hours_row total;		/* owner NULL, rate HOURS_NONE */
};

/*
 * Fills t with the rows of month mo among v's n followups (valid clients;
 * the caller leaves out those with errors), by client (by slug) or by
 * owner.  order, when not NULL, is v's indices by slug (hours_order):
 * the site makes thirteen months' tables from one sort.  Everything
 * borrowed stays v's clients'.  Free with hours_free.
 */
void	hours_table(struct hours_table *t, const struct followup *v,
	    const size_t *order, size_t n, month_t mo, enum hours_by by);
/* v's n indices by slug, allocated: hours_table's order. */
size_t	*hours_order(const struct followup *v, size_t n);
void	hours_free(struct hours_table *);
/*
 * rate x hours in hundredths of money, rounded half away from zero, into
 * *amount: 0, or -1 when it does not fit an int64_t (*amount unchanged).
 */
int	hours_amount(int64_t rate, int64_t hours, int64_t *amount);
/*
 * The months with hours among v's n followups, with month also when it
 * is not MONTH_NONE (the current one), ascending and each once: *out is
 * allocated (free it), the count returned.
 */
size_t	hours_months(const struct followup *v, size_t n, month_t also,
	    month_t **out);

#endif
