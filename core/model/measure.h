/*
 * measure.h: what a client's entries add up to (SPEC section 10): how
 * long each inbound message waited for its reply, and the hours logged
 * in each month.
 *
 * Computed from a whole client for a today, kept in its followup (and so
 * in the client cache): the commands that report them, stats, hours and
 * the site, read summaries alone, as status does.
 *
 * Decisions where the SPEC is silent:
 * - An inbound entry's reply is the first outbound entry after it in the
 *   order of entries (SPEC section 2); several inbound entries before one
 *   reply each wait until it.  Entries dated after today are not there
 *   yet: they neither ask nor answer.
 * - Time is the workspace's wall clock, as entries are written: minutes
 *   from one heading's date and time to the other's.  When either has no
 *   time, both count from midnight, so the wait is in whole days.
 * - Business time is the part of that span on Monday to Friday, all day
 *   (the SPEC's business days have no office hours).
 * - Automatic mail starts no clock because import-mail never makes an
 *   entry of it (SPEC section 7).
 */
#ifndef RAPPORT_MEASURE_H
#define RAPPORT_MEASURE_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "date.h"

/* One inbound entry's clock. */
struct reply {
	date_t		 in;		/* the inbound entry's date */
	date_t		 out;		/* its reply's, DATE_NONE: unanswered */
	int16_t		 in_min;	/* minutes of the day, -1: no time */
	int16_t		 out_min;
};

/*
 * The hours (hundredths) of a month's entries, for a month with some.  A
 * month's sum stops at MEASURE_HOURS_MAX, far beyond any month and times
 * 100 far inside an int64_t (the budget's percentage, an amount).
 */
#define MEASURE_HOURS_MAX	((int64_t)1 << 50)
struct month_hours {
	month_t		 month;
	int64_t		 hours;
};

struct measure {
	struct reply	*replies;	/* in the order of the inbound entries */
	size_t		 nreplies;
	struct month_hours *months;	/* ascending */
	size_t		 nmonths;
};

/*
 * Fills m from c's entries as of today (every inbound entry dated up to
 * today; the hours of every entry, whatever its date, as the budget
 * counts them).  Free with measure_free.
 */
void	measure_compute(struct measure *, const struct client *, date_t today);
void	measure_free(struct measure *);
/* The hours (hundredths) logged in month mo: 0 when none. */
int64_t	measure_hours(const struct measure *, month_t mo);

/* Whether r has been answered. */
#define reply_answered(r)	((r)->out != DATE_NONE)
/*
 * The wall-clock minutes from r's inbound entry to its reply (to today's
 * midnight while it is unanswered), and the part of them on Monday to
 * Friday.  Both are 0 or more.
 */
int64_t	reply_minutes(const struct reply *, date_t today);
int64_t	reply_business(const struct reply *, date_t today);

#endif
