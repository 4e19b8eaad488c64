/*
 * test_date.c: calendar dates, months and durations.  Parsing must tell a
 * malformed string from a well-formed but impossible date (the leap-year
 * rules included), day numbers must round-trip through YYYY-MM-DD for
 * every day of a span of decades, business-day arithmetic must skip
 * weekends exactly as documented, months clamp to their last day, and the
 * messages that explain a bad date are checked word for word because
 * users read them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "unit.h"

/* Formats got and compares it with want, keeping the caller's line. */
#define CHECK_DATE(got, want) do {					\
	char b_[11];							\
	date_format((got), b_);						\
	CHECK_STR(b_, (want));						\
} while (0)

/* Parses a NUL-terminated string; the common case in these tests. */
static enum date_err
parse(const char *s, date_t *t)
{
	return date_parse(s, strlen(s), t);
}

/* The day number of a date the test knows to be valid, else DATE_NONE. */
static date_t
day(const char *s)
{
	date_t t;

	return parse(s, &t) == DATE_OK ? t : DATE_NONE;
}

static int
dur(const char *s, struct duration *d)
{
	return duration_parse(s, strlen(s), d);
}

/* Parses s and explains why it is not a date; the caller frees it. */
static char *
problem(const char *s)
{
	date_t t;

	return date_problem(s, strlen(s), parse(s, &t));
}

/*
 * An independent month length, written the long way so that a mistake in
 * date.c's leap rule cannot also hide in the oracle.
 */
static int
oracle_days(int y, int m)
{
	if (m == 2) {
		if (y % 400 == 0)
			return 29;
		if (y % 100 == 0)
			return 28;
		return y % 4 == 0 ? 29 : 28;
	}
	return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

static void
test_parse_valid(void)
{
	date_t t;

	CHECK_INT(parse("1970-01-01", &t), DATE_OK);
	CHECK_INT(t, 0);
	CHECK_INT(parse("1970-01-02", &t), DATE_OK);
	CHECK_INT(t, 1);
	CHECK_INT(parse("1969-12-31", &t), DATE_OK);
	CHECK_INT(t, -1);
	CHECK_INT(parse("2000-01-01", &t), DATE_OK);
	CHECK_INT(t, 10957);
	CHECK_INT(parse("2026-11-23", &t), DATE_OK);
	CHECK_INT(t, 20780);
	CHECK_INT(parse("2026-12-31", &t), DATE_OK);
	CHECK_INT(t, 20818);

	/* Leap days: every fourth year, not centuries, but every 400th. */
	CHECK_INT(parse("2024-02-29", &t), DATE_OK);
	CHECK_INT(t, 19782);
	CHECK_INT(parse("2000-02-29", &t), DATE_OK);
	CHECK_INT(t, day("2000-03-01") - 1);

	/* The ends of the supported range, years 1000 to 9999. */
	CHECK_INT(parse("1000-01-01", &t), DATE_OK);
	CHECK_INT(t, -354285);
	CHECK_INT(parse("9999-12-31", &t), DATE_OK);
	CHECK_INT(t, 2932896);
	CHECK_DATE(day("1000-01-01"), "1000-01-01");
	CHECK_DATE(day("9999-12-31"), "9999-12-31");

	/* Only len bytes are read: a longer buffer holding a date is fine. */
	CHECK_INT(date_parse("2026-11-23T09:00", 10, &t), DATE_OK);
	CHECK_INT(t, 20780);
}

static void
test_parse_impossible(void)
{
	date_t t = 12345;

	CHECK_INT(parse("2026-02-29", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("1900-02-29", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2100-02-29", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-02-30", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2024-02-30", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-04-31", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-06-31", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-09-31", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-11-31", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-01-32", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-13-01", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-00-10", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-01-00", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("2026-99-99", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("0999-12-31", &t), DATE_IMPOSSIBLE);
	CHECK_INT(parse("0000-01-01", &t), DATE_IMPOSSIBLE);
	/* Rejected, never normalised: the output is left alone. */
	CHECK_INT(t, 12345);

	/* The last real day of each month around the impossible ones. */
	CHECK_INT(parse("2026-04-30", &t), DATE_OK);
	CHECK_INT(parse("2026-01-31", &t), DATE_OK);
	CHECK_INT(parse("2026-02-28", &t), DATE_OK);
}

static void
test_parse_malformed(void)
{
	date_t t;

	CHECK_INT(parse("2026-1-01", &t), DATE_MALFORMED);
	CHECK_INT(parse("2026-01-1", &t), DATE_MALFORMED);
	CHECK_INT(parse("2026/01/01", &t), DATE_MALFORMED);
	CHECK_INT(parse("2026.01.01", &t), DATE_MALFORMED);
	CHECK_INT(parse("26-01-01", &t), DATE_MALFORMED);
	CHECK_INT(parse("2026-01-011", &t), DATE_MALFORMED);
	CHECK_INT(parse("", &t), DATE_MALFORMED);
	CHECK_INT(parse("2026-01-0x", &t), DATE_MALFORMED);
	CHECK_INT(parse("2026-0x-01", &t), DATE_MALFORMED);
	CHECK_INT(parse("20x6-01-01", &t), DATE_MALFORMED);
	CHECK_INT(parse("2026-01- 1", &t), DATE_MALFORMED);
	CHECK_INT(parse(" 2026-01-1", &t), DATE_MALFORMED);
	CHECK_INT(parse("+026-01-01", &t), DATE_MALFORMED);
	CHECK_INT(parse("20260101xx", &t), DATE_MALFORMED);
	CHECK_INT(parse("2026-01-01 ", &t), DATE_MALFORMED);

	/* The length decides, not the NUL: 9 or 11 bytes are never a date. */
	CHECK_INT(date_parse("2026-01-01", 9, &t), DATE_MALFORMED);
	CHECK_INT(date_parse("2026-01-011", 11, &t), DATE_MALFORMED);
	CHECK_INT(date_parse("2026-01-01", 0, &t), DATE_MALFORMED);
}

/*
 * Every day from 1999 through 2031, walked with an independent calendar:
 * the day numbers must be consecutive, and each must format to the
 * expected text and parse back to itself.  One check per property keeps
 * the pass count meaningful; the first bad day is named on failure.
 */
static void
test_round_trip(void)
{
	char want[40], got[11], first[200] = "";
	int y, m, d, yy, mm, dd, wd, ndays = 0;
	date_t t, back, expect = day("1999-01-01");

	CHECK_INT(expect, 10592);
	wd = date_weekday(expect);
	CHECK_INT(wd, 4);			/* a Friday */
	for (y = 1999; y <= 2031; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= oracle_days(y, m); d++) {
				snprintf(want, sizeof(want), "%04d-%02d-%02d",
				    y, m, d);
				t = date_from_ymd(y, m, d);
				date_format(t, got);
				date_to_ymd(t, &yy, &mm, &dd);
				back = DATE_NONE;
				if (first[0] == '\0' && (t != expect ||
				    strcmp(got, want) != 0 || yy != y ||
				    mm != m || dd != d ||
				    !date_valid_ymd(y, m, d) ||
				    date_parse(got, 10, &back) != DATE_OK ||
				    back != t || date_weekday(t) != wd))
					snprintf(first, sizeof(first),
					    "%s: day %ld (want %ld), formats "
					    "%s, parses to %ld, weekday %d",
					    want, (long)t, (long)expect, got,
					    (long)back, date_weekday(t));
				expect++;
				wd = (wd + 1) % 7;
				ndays++;
			}
	CHECK_STR(first, "");
	/* 33 years, 8 of them leap (2000 included). */
	CHECK_INT(ndays, 33 * 365 + 8);
	CHECK_INT(expect - 1, day("2031-12-31"));
	CHECK_INT(expect - 1, 22644);
}

static void
test_weekday(void)
{
	CHECK_INT(date_weekday(0), 3);			/* 1970-01-01, Thu */
	CHECK_INT(date_weekday(-1), 2);			/* 1969-12-31, Wed */
	CHECK_INT(date_weekday(day("2026-11-23")), 0);	/* Monday */
	CHECK_INT(date_weekday(day("2026-11-27")), 4);	/* Friday */
	CHECK_INT(date_weekday(day("2026-11-28")), 5);	/* Saturday */
	CHECK_INT(date_weekday(day("2026-11-29")), 6);	/* Sunday */
	CHECK_INT(date_weekday(day("2026-12-31")), 3);	/* Thursday */
	CHECK_INT(date_weekday(day("1000-01-01")), 2);	/* Wednesday */
	CHECK_INT(date_weekday(day("9999-12-31")), 4);	/* Friday */
}

static void
test_business_days(void)
{
	date_t mon = day("2026-11-23"), t, u;
	int n, k, errors = 0;

	CHECK_DATE(date_add_business(day("2026-11-27"), 1), "2026-11-30");
	CHECK_DATE(date_add_business(day("2026-11-28"), 1), "2026-11-30");
	CHECK_DATE(date_add_business(day("2026-11-29"), 1), "2026-11-30");
	CHECK_DATE(date_add_business(mon, 1), "2026-11-24");
	CHECK_DATE(date_add_business(mon, 5), "2026-11-30");
	CHECK_DATE(date_add_business(mon, 10), "2026-12-07");
	CHECK_DATE(date_add_business(day("2026-11-25"), 3), "2026-11-30");
	CHECK_DATE(date_add_business(day("2026-11-27"), 2), "2026-12-01");

	/* Zero is no step at all, even from a weekend day. */
	CHECK_DATE(date_add_business(mon, 0), "2026-11-23");
	CHECK_DATE(date_add_business(day("2026-11-28"), 0), "2026-11-28");
	CHECK_DATE(date_add_business(day("2026-11-29"), 0), "2026-11-29");

	/* Across a month end and a year end (2026-12-31 is a Thursday). */
	CHECK_DATE(date_add_business(day("2026-10-30"), 1), "2026-11-02");
	CHECK_DATE(date_add_business(day("2026-12-31"), 1), "2027-01-01");
	CHECK_DATE(date_add_business(day("2026-12-31"), 2), "2027-01-04");
	CHECK_DATE(date_add_business(day("2024-02-28"), 2), "2024-03-01");

	/*
	 * Against the definition: from any start, n steps land on a weekday
	 * and pass exactly n weekdays after the start.
	 */
	for (t = mon; t < mon + 28; t++)
		for (n = 1; n <= 15; n++) {
			date_t r = date_add_business(t, n);

			for (k = 0, u = t + 1; u <= r; u++)
				k += date_weekday(u) < 5;
			if (r <= t || date_weekday(r) >= 5 || k != n)
				errors++;
		}
	CHECK_INT(errors, 0);
}

static void
test_months(void)
{
	month_t mo = 999;
	char buf[8];
	int y, m, errors = 0;

	CHECK_INT(date_days_in_month(2026, 1), 31);
	CHECK_INT(date_days_in_month(2026, 2), 28);
	CHECK_INT(date_days_in_month(2024, 2), 29);
	CHECK_INT(date_days_in_month(2000, 2), 29);
	CHECK_INT(date_days_in_month(1900, 2), 28);
	CHECK_INT(date_days_in_month(2100, 2), 28);
	CHECK_INT(date_days_in_month(2026, 4), 30);
	CHECK_INT(date_days_in_month(2026, 12), 31);
	CHECK_INT(date_days_in_month(2026, 0), 0);
	CHECK_INT(date_days_in_month(2026, 13), 0);
	for (y = 1899; y <= 2101; y++)
		for (m = 1; m <= 12; m++)
			errors += date_days_in_month(y, m) != oracle_days(y, m);
	CHECK_INT(errors, 0);

	CHECK_INT(month_parse("2026-11", 7, &mo), DATE_OK);
	CHECK_INT(mo, 2026 * 12 + 10);
	CHECK_INT(month_parse("2026-01", 7, &mo), DATE_OK);
	CHECK_INT(mo, 2026 * 12);
	CHECK_INT(month_parse("2026-12", 7, &mo), DATE_OK);
	CHECK_INT(mo, 2026 * 12 + 11);
	mo = 999;
	CHECK_INT(month_parse("2026-13", 7, &mo), DATE_IMPOSSIBLE);
	CHECK_INT(month_parse("2026-00", 7, &mo), DATE_IMPOSSIBLE);
	CHECK_INT(month_parse("0999-01", 7, &mo), DATE_IMPOSSIBLE);
	CHECK_INT(month_parse("2026-1", 6, &mo), DATE_MALFORMED);
	CHECK_INT(month_parse("2026/11", 7, &mo), DATE_MALFORMED);
	CHECK_INT(month_parse("2026-1x", 7, &mo), DATE_MALFORMED);
	CHECK_INT(month_parse("", 0, &mo), DATE_MALFORMED);
	CHECK_INT(month_parse("2026-11-23", 10, &mo), DATE_MALFORMED);
	CHECK_INT(month_parse("2026-11", 6, &mo), DATE_MALFORMED);
	CHECK_INT(mo, 999);
	/* Seven bytes of a longer buffer are a month. */
	CHECK_INT(month_parse("2026-11-23", 7, &mo), DATE_OK);
	CHECK_INT(mo, 2026 * 12 + 10);

	month_format(2026 * 12 + 10, buf);
	CHECK_STR(buf, "2026-11");
	month_format(2026 * 12, buf);
	CHECK_STR(buf, "2026-01");
	month_format(1000 * 12 + 11, buf);
	CHECK_STR(buf, "1000-12");

	month_format(month_of(day("2026-11-23")), buf);
	CHECK_STR(buf, "2026-11");
	CHECK_INT(month_of(day("2026-12-31")), 2026 * 12 + 11);
	CHECK_INT(month_of(day("2027-01-01")), 2027 * 12);
	CHECK_INT(month_of(day("2024-02-29")), 2024 * 12 + 1);
	CHECK_INT(month_of(0), 1970 * 12);

	/* Clamped to the month's last day, and up to the first. */
	CHECK_DATE(month_day(2026 * 12 + 1, 31), "2026-02-28");
	CHECK_DATE(month_day(2024 * 12 + 1, 31), "2024-02-29");
	CHECK_DATE(month_day(1900 * 12 + 1, 29), "1900-02-28");
	CHECK_DATE(month_day(2026 * 12 + 10, 5), "2026-11-05");
	CHECK_DATE(month_day(2026 * 12 + 10, 31), "2026-11-30");
	CHECK_DATE(month_day(2026 * 12 + 11, 31), "2026-12-31");
	CHECK_DATE(month_day(2026 * 12 + 10, 1), "2026-11-01");
	CHECK_DATE(month_day(2026 * 12 + 10, 0), "2026-11-01");
}

static void
test_duration(void)
{
	struct duration d;
	char buf[8];

	CHECK_INT(dur("14d", &d), 0);
	CHECK_INT(d.n, 14);
	CHECK_INT(d.unit, DUR_DAYS);
	CHECK_INT(dur("2w", &d), 0);
	CHECK_INT(d.n, 2);
	CHECK_INT(d.unit, DUR_WEEKS);
	CHECK_INT(dur("1bd", &d), 0);
	CHECK_INT(d.n, 1);
	CHECK_INT(d.unit, DUR_BUSINESS);
	CHECK_INT(dur("0d", &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(d.unit, DUR_DAYS);
	CHECK_INT(dur("9999d", &d), 0);
	CHECK_INT(d.n, DURATION_MAX);
	CHECK_INT(dur("9999bd", &d), 0);
	CHECK_INT(d.n, 9999);
	CHECK_INT(d.unit, DUR_BUSINESS);

	CHECK_INT(dur("14", &d), -1);
	CHECK_INT(dur("d", &d), -1);
	CHECK_INT(dur("w", &d), -1);
	CHECK_INT(dur("bd", &d), -1);
	CHECK_INT(dur("", &d), -1);
	CHECK_INT(dur("1.5d", &d), -1);
	CHECK_INT(dur("-1d", &d), -1);
	CHECK_INT(dur("+1d", &d), -1);
	CHECK_INT(dur("1 d", &d), -1);
	CHECK_INT(dur(" 1d", &d), -1);
	CHECK_INT(dur("1d ", &d), -1);
	CHECK_INT(dur("1D", &d), -1);
	CHECK_INT(dur("1W", &d), -1);
	CHECK_INT(dur("1BD", &d), -1);
	CHECK_INT(dur("10000d", &d), -1);
	CHECK_INT(dur("99999999999d", &d), -1);
	CHECK_INT(dur("1bdx", &d), -1);
	CHECK_INT(dur("1db", &d), -1);
	CHECK_INT(dur("1b", &d), -1);
	CHECK_INT(dur("1dd", &d), -1);
	CHECK_INT(dur("1m", &d), -1);
	/* len bounds the unit too: "1b" of "1bd" is not a duration. */
	CHECK_INT(duration_parse("1bd", 2, &d), -1);
	CHECK_INT(duration_parse("14dx", 3, &d), 0);
	CHECK_INT(d.n, 14);
	CHECK_INT(d.unit, DUR_DAYS);

	d.n = 14;
	d.unit = DUR_DAYS;
	CHECK_DATE(duration_add(day("2026-11-23"), d), "2026-12-07");
	CHECK_DATE(duration_add(day("2026-12-25"), d), "2027-01-08");
	d.n = 2;
	d.unit = DUR_WEEKS;
	CHECK_DATE(duration_add(day("2026-11-23"), d), "2026-12-07");
	CHECK_DATE(duration_add(day("2024-02-20"), d), "2024-03-05");
	d.n = 1;
	d.unit = DUR_BUSINESS;
	CHECK_DATE(duration_add(day("2026-11-27"), d), "2026-11-30");
	d.n = 0;
	CHECK_DATE(duration_add(day("2026-11-28"), d), "2026-11-28");
	d.unit = DUR_DAYS;
	CHECK_DATE(duration_add(day("2026-11-28"), d), "2026-11-28");

	d.n = 14;
	d.unit = DUR_DAYS;
	duration_format(d, buf);
	CHECK_STR(buf, "14d");
	d.n = 2;
	d.unit = DUR_WEEKS;
	duration_format(d, buf);
	CHECK_STR(buf, "2w");
	d.n = 1;
	d.unit = DUR_BUSINESS;
	duration_format(d, buf);
	CHECK_STR(buf, "1bd");
	d.n = 0;
	d.unit = DUR_DAYS;
	duration_format(d, buf);
	CHECK_STR(buf, "0d");
	d.n = 9999;
	d.unit = DUR_BUSINESS;
	duration_format(d, buf);
	CHECK_STR(buf, "9999bd");
	d.n = 100;
	d.unit = DUR_WEEKS;
	duration_format(d, buf);
	CHECK_STR(buf, "100w");

	/* What is formatted parses back to the same duration. */
	CHECK_INT(dur(buf, &d), 0);
	CHECK_INT(d.n, 100);
	CHECK_INT(d.unit, DUR_WEEKS);
}

static void
test_problem(void)
{
	char *p;

	p = problem("2026/01/01");
	CHECK_STR(p, "'2026/01/01' is not a date: write YYYY-MM-DD");
	free(p);
	p = problem("2026-1-01");
	CHECK_STR(p, "'2026-1-01' is not a date: write YYYY-MM-DD");
	free(p);
	p = problem("");
	CHECK_STR(p, "'' is not a date: write YYYY-MM-DD");
	free(p);
	/* Only len bytes are quoted. */
	p = date_problem("next tuesday", 4, DATE_MALFORMED);
	CHECK_STR(p, "'next' is not a date: write YYYY-MM-DD");
	free(p);
	/* A runaway value is cut to 40 bytes rather than quoted whole. */
	p = problem("0123456789012345678901234567890123456789EXTRA");
	CHECK_STR(p, "'0123456789012345678901234567890123456789' is not a "
	    "date: write YYYY-MM-DD");
	free(p);

	p = problem("2026-02-30");
	CHECK_STR(p, "'2026-02-30' does not exist: February 2026 has 28 days");
	free(p);
	p = problem("2026-02-29");
	CHECK_STR(p, "'2026-02-29' does not exist: February 2026 has 28 days");
	free(p);
	p = problem("2024-02-30");
	CHECK_STR(p, "'2024-02-30' does not exist: February 2024 has 29 days");
	free(p);
	p = problem("2026-04-31");
	CHECK_STR(p, "'2026-04-31' does not exist: April 2026 has 30 days");
	free(p);
	p = problem("2026-12-32");
	CHECK_STR(p, "'2026-12-32' does not exist: December 2026 has 31 days");
	free(p);
	p = problem("2026-13-01");
	CHECK_STR(p, "'2026-13-01' does not exist: months run from 01 to 12");
	free(p);
	p = problem("2026-00-10");
	CHECK_STR(p, "'2026-00-10' does not exist: months run from 01 to 12");
	free(p);
	p = problem("0999-12-31");
	CHECK_STR(p, "'0999-12-31' is out of range: write a year from 1000 "
	    "to 9999");
	free(p);
}

/* Due dates in order: earlier first, none last. */
static void
test_order(void)
{
	date_t a = date_from_ymd(2026, 11, 23), b = date_from_ymd(2026, 12, 1);

	CHECK(date_order(a, b) < 0);
	CHECK(date_order(b, a) > 0);
	CHECK_INT(date_order(a, a), 0);
	CHECK(date_order(a, DATE_NONE) < 0);
	CHECK(date_order(DATE_NONE, a) > 0);
	CHECK_INT(date_order(DATE_NONE, DATE_NONE), 0);
}

void
test_date(void)
{
	test_order();
	test_parse_valid();
	test_parse_impossible();
	test_parse_malformed();
	test_round_trip();
	test_weekday();
	test_business_days();
	test_months();
	test_duration();
	test_problem();
}
