/*
 * date.h: calendar dates, months and durations.
 *
 * A date is a day number (days since 1970-01-01, proleptic Gregorian), so
 * arithmetic is plain integer arithmetic and no time zone or C library
 * normalisation can move it: 2026-02-30 is rejected, never turned into
 * 2 March.  Years 1000-9999 only, which keeps every date exactly ten
 * characters in ISO form.
 */
#ifndef RAPPORT_DATE_H
#define RAPPORT_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t date_t;
#define DATE_NONE INT32_MIN

/* A month as year * 12 + (month - 1). */
typedef int32_t month_t;
#define MONTH_NONE INT32_MIN

enum date_err {
	DATE_OK = 0,
	DATE_MALFORMED,		/* not YYYY-MM-DD */
	DATE_IMPOSSIBLE		/* well-formed but not on the calendar */
};

/* Parses exactly len bytes as YYYY-MM-DD. */
enum date_err	date_parse(const char *, size_t len, date_t *);
/* Writes YYYY-MM-DD and a NUL into buf (11 bytes). */
void		date_format(date_t, char buf[11]);
/* Earlier first, DATE_NONE last: a qsort-style comparison of due dates. */
int		date_order(date_t, date_t);
date_t		date_from_ymd(int y, int m, int d);
void		date_to_ymd(date_t, int *y, int *m, int *d);
int		date_valid_ymd(int y, int m, int d);
int		date_days_in_month(int y, int m);
/* 0 = Monday ... 6 = Sunday. */
int		date_weekday(date_t);
/*
 * Adds n (>= 0) business days, Monday to Friday: each step moves to the
 * next weekday, so Friday + 1 is Monday and Saturday + 1 is Monday too.
 */
date_t		date_add_business(date_t, int n);
/*
 * Why len bytes at s are not a date, for messages: "'2026-02-30' does not
 * exist: February 2026 has 28 days".  Allocated; the caller frees it.
 */
char		*date_problem(const char *, size_t len, enum date_err);
/*
 * "Wed 25 Nov" for people, with the year ("Wed 25 Nov 2027") when it is
 * not the year of ref.  buf holds at least 16 bytes.
 */
void		date_human(date_t, date_t ref, char buf[16]);
/* Today's local date. */
date_t		date_today(void);
/*
 * Parses exactly len bytes as a time of day, H:MM or HH:MM from 00:00 to
 * 23:59, into minutes after midnight; -1 when it is not one.
 */
int		date_time_parse(const char *, size_t len, int *minutes);
/* The local time of day in minutes after midnight (0 if unknown). */
int		date_clock_minutes(void);

/* Parses exactly len bytes as YYYY-MM. */
enum date_err	month_parse(const char *, size_t len, month_t *);
void		month_format(month_t, char buf[8]);
month_t		month_of(date_t);
/* The given day of a month, clamped to the month's last day. */
date_t		month_day(month_t, int day);

enum dur_unit {
	DUR_DAYS,
	DUR_WEEKS,
	DUR_BUSINESS
};

struct duration {
	int		n;
	enum dur_unit	unit;
};

#define DURATION_MAX 9999

/* Parses exactly len bytes as Nd, Nw or Nbd (0 <= N <= DURATION_MAX). */
int		duration_parse(const char *, size_t len, struct duration *);
date_t		duration_add(date_t, struct duration);
/* Writes "14d", "2w" or "1bd" (at most 7 bytes with the NUL). */
void		duration_format(struct duration, char buf[8]);

#endif
