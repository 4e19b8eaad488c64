/*
 * date.c: day numbers from and to civil dates (the days-from-civil
 * algorithm: shift the year to start in March so the leap day is last),
 * business days and durations.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "util.h"

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

int
date_valid_ymd(int y, int m, int d)
{
	return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= date_days_in_month(y, m);
}

date_t
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;			/* y >= 999, so no negative eras */
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_to_ymd(date_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* Reads n decimal digits; -1 when any is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

enum date_err
date_parse(const char *s, size_t len, date_t *out)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return DATE_MALFORMED;
	if ((y = digits(s, 4)) < 0 || (m = digits(s + 5, 2)) < 0 ||
	    (d = digits(s + 8, 2)) < 0)
		return DATE_MALFORMED;
	if (!date_valid_ymd(y, m, d))
		return DATE_IMPOSSIBLE;
	*out = date_from_ymd(y, m, d);
	return DATE_OK;
}

/* Writes v as exactly n decimal digits (v is within range). */
static void
put_digits(char *p, int v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
date_format(date_t t, char buf[11])
{
	int y, m, d;

	if (t == DATE_NONE) {
		memcpy(buf, "none", 5);
		return;
	}
	date_to_ymd(t, &y, &m, &d);
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, d, 2);
	buf[10] = '\0';
}

int
date_weekday(date_t t)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (t + 3) % 7;

	return w < 0 ? w + 7 : w;
}

date_t
date_add_business(date_t t, int n)
{
	while (n > 0) {
		t++;
		if (date_weekday(t) < 5)
			n--;
	}
	return t;
}

date_t
date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return DATE_NONE;
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

int
date_time_parse(const char *s, size_t len, int *minutes)
{
	int h, m;

	if (len == 4 && isdigit((unsigned char)s[0])) {
		h = s[0] - '0';
		s += 1;
	} else if (len == 5 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1])) {
		h = (s[0] - '0') * 10 + (s[1] - '0');
		s += 2;
	} else
		return -1;
	if (s[0] != ':' || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]))
		return -1;
	m = (s[1] - '0') * 10 + (s[2] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

int
date_clock_minutes(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return tm.tm_hour * 60 + tm.tm_min;
}

enum date_err
month_parse(const char *s, size_t len, month_t *out)
{
	int y, m;

	if (len != 7 || s[4] != '-')
		return DATE_MALFORMED;
	if ((y = digits(s, 4)) < 0 || (m = digits(s + 5, 2)) < 0)
		return DATE_MALFORMED;
	if (y < 1000 || m < 1 || m > 12)
		return DATE_IMPOSSIBLE;
	*out = y * 12 + m - 1;
	return DATE_OK;
}

void
month_format(month_t mo, char buf[8])
{
	put_digits(buf, mo / 12, 4);
	buf[4] = '-';
	put_digits(buf + 5, mo % 12 + 1, 2);
	buf[7] = '\0';
}

month_t
month_of(date_t t)
{
	int y, m, d;

	date_to_ymd(t, &y, &m, &d);
	return y * 12 + m - 1;
}

date_t
month_day(month_t mo, int day)
{
	int y = mo / 12, m = mo % 12 + 1, last = date_days_in_month(y, m);

	return date_from_ymd(y, m, day > last ? last : day < 1 ? 1 : day);
}

int
duration_parse(const char *s, size_t len, struct duration *out)
{
	size_t i = 0;
	int n = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9') {
		n = n * 10 + (s[i] - '0');
		if (n > DURATION_MAX)
			return -1;
		i++;
	}
	if (i == 0)
		return -1;
	if (len - i == 1 && s[i] == 'd')
		out->unit = DUR_DAYS;
	else if (len - i == 1 && s[i] == 'w')
		out->unit = DUR_WEEKS;
	else if (len - i == 2 && s[i] == 'b' && s[i + 1] == 'd')
		out->unit = DUR_BUSINESS;
	else
		return -1;
	out->n = n;
	return 0;
}

date_t
duration_add(date_t t, struct duration d)
{
	switch (d.unit) {
	case DUR_WEEKS:
		return t + 7 * d.n;
	case DUR_BUSINESS:
		return date_add_business(t, d.n);
	case DUR_DAYS:
	default:
		return t + d.n;
	}
}

void
duration_format(struct duration d, char buf[8])
{
	const char *unit = d.unit == DUR_WEEKS ? "w" :
	    d.unit == DUR_BUSINESS ? "bd" : "d";
	int n = d.n % 10000, w = n >= 1000 ? 4 : n >= 100 ? 3 : n >= 10 ? 2 : 1;

	put_digits(buf, n, w);
	memcpy(buf + w, unit, strlen(unit) + 1);
}

char *
date_problem(const char *s, size_t len, enum date_err err)
{
	static const char *const months[12] = { "January", "February",
	    "March", "April", "May", "June", "July", "August", "September",
	    "October", "November", "December" };
	int y, m, d;

	if (len > 40)
		len = 40;
	if (err != DATE_IMPOSSIBLE)
		return xasprintf("'%.*s' is not a date: write YYYY-MM-DD",
		    (int)len, s);
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1000)
		return xasprintf("'%.*s' is out of range: write a year from "
		    "1000 to 9999", (int)len, s);
	if (m < 1 || m > 12)
		return xasprintf("'%.*s' does not exist: months run from 01 "
		    "to 12", (int)len, s);
	(void)d;
	return xasprintf("'%.*s' does not exist: %s %d has %d days",
	    (int)len, s, months[m - 1], y, date_days_in_month(y, m));
}

void
date_human(date_t t, date_t ref, char buf[16])
{
	static const char days[] = "MonTueWedThuFriSatSun";
	static const char mons[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	int y, m, d, ry, rm, rd, w = 4;

	date_to_ymd(t, &y, &m, &d);
	date_to_ymd(ref, &ry, &rm, &rd);
	memcpy(buf, days + 3 * date_weekday(t), 3);
	buf[3] = ' ';
	put_digits(buf + w, d, d >= 10 ? 2 : 1);
	w += d >= 10 ? 2 : 1;
	buf[w++] = ' ';
	memcpy(buf + w, mons + 3 * (m - 1), 3);
	w += 3;
	if (y != ry) {
		buf[w++] = ' ';
		put_digits(buf + w, y, 4);
		w += 4;
	}
	buf[w] = '\0';
}

int
date_order(date_t a, date_t b)
{
	if (a == b)
		return 0;
	return a == DATE_NONE ? 1 : b == DATE_NONE ? -1 : a < b ? -1 : 1;
}
