/*
 * gitdate.c: dates as git reads GIT_AUTHOR_DATE (see gitdate.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "gitdate.h"
#include "zone.h"

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Reads exactly n digits. */
static int
digits(const char **s, int n, int *out)
{
	int v = 0;

	while (n-- > 0) {
		if (!isdigit((unsigned char)**s))
			return -1;
		v = v * 10 + (*(*s)++ - '0');
	}
	*out = v;
	return 0;
}

/* "+HHMM", "+HH:MM", "+HH" or "Z"; *s moves past it.  0, 1 (none) or -1. */
static int
zone(const char **s, int *offset)
{
	const char *p = skip_ws(*s);
	int sign, h, m = 0;

	if (*p == 'Z' || *p == 'z') {
		*offset = 0;
		*s = p + 1;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return 1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &h) == -1)
		return -1;
	if (*p == ':')
		p++;
	if (isdigit((unsigned char)*p) && digits(&p, 2, &m) == -1)
		return -1;
	if (h > 14 || m > 59)
		return -1;
	*offset = sign * (h * 60 + m);
	*s = p;
	return 0;
}

/* Local wall-clock time to seconds, and the zone in force then. */
static int
local_time(int y, int mo, int dd, int h, int mi, int sec, int64_t *when,
    int *offset)
{
	struct tm tm = { 0 };
	time_t t;

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = dd;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	/* A date git's variables give without a zone is the person's. */
	if ((t = zone_person_mktime(&tm)) == (time_t)-1)
		return -1;
	*when = (int64_t)t;
	*offset = (int)(tm.tm_gmtoff / 60);
	return 0;
}

static int
finish(int y, int mo, int dd, int h, int mi, int sec, const char *rest,
    int64_t *when, int *offset)
{
	int off, z;

	if (!date_valid_ymd(y, mo, dd) || h > 23 || mi > 59 || sec > 60)
		return -1;
	if ((z = zone(&rest, &off)) == -1 || *skip_ws(rest) != '\0')
		return -1;
	if (z == 1)
		return local_time(y, mo, dd, h, mi, sec, when, offset);
	*when = (int64_t)date_from_ymd(y, mo, dd) * 86400 + h * 3600 +
	    mi * 60 + sec - (int64_t)off * 60;
	*offset = off;
	return 0;
}

/* HH:MM[:SS[.fraction]] */
static int
clock_time(const char **s, int *h, int *mi, int *sec)
{
	*sec = 0;
	if (digits(s, 2, h) == -1 || *(*s)++ != ':' || digits(s, 2, mi) == -1)
		return -1;
	if (**s == ':') {
		(*s)++;
		if (digits(s, 2, sec) == -1)
			return -1;
		if (**s == '.' || **s == ',')
			for ((*s)++; isdigit((unsigned char)**s); (*s)++)
				continue;
	}
	return 0;
}

static int
parse_iso(const char *s, int64_t *when, int *offset)
{
	int y, mo, dd, h, mi, sec;

	if (digits(&s, 4, &y) == -1 || *s++ != '-' ||
	    digits(&s, 2, &mo) == -1 || *s++ != '-' ||
	    digits(&s, 2, &dd) == -1 || (*s != 'T' && *s != ' '))
		return -1;
	s++;
	if (clock_time(&s, &h, &mi, &sec) == -1)
		return -1;
	return finish(y, mo, dd, h, mi, sec, s, when, offset);
}

static int
parse_rfc2822(const char *s, int64_t *when, int *offset)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	int y, mo = 0, dd, h, mi, sec, i;
	char name[4];

	/* An optional day name: "Mon," */
	if (isalpha((unsigned char)*s)) {
		while (isalpha((unsigned char)*s))
			s++;
		if (*s++ != ',')
			return -1;
		s = skip_ws(s);
	}
	if (!isdigit((unsigned char)*s))
		return -1;
	dd = *s++ - '0';
	if (isdigit((unsigned char)*s))
		dd = dd * 10 + (*s++ - '0');
	s = skip_ws(s);
	for (i = 0; i < 3; i++) {
		if (!isalpha((unsigned char)s[i]))
			return -1;
		name[i] = (char)tolower((unsigned char)s[i]);
	}
	name[3] = '\0';
	s += 3;
	for (i = 0; i < 12; i++)
		if (strncmp(months + 3 * i, name, 3) == 0)
			mo = i + 1;
	if (mo == 0)
		return -1;
	s = skip_ws(s);
	if (digits(&s, 4, &y) == -1)
		return -1;
	s = skip_ws(s);
	if (clock_time(&s, &h, &mi, &sec) == -1)
		return -1;
	return finish(y, mo, dd, h, mi, sec, s, when, offset);
}

int
gitdate_parse(const char *s, int64_t *when, int *offset)
{
	const char *p;
	int64_t t = 0;
	int off = 0, n = 0;

	s = skip_ws(s);
	p = s + (*s == '@');
	/* Git's own format: seconds since the epoch and a zone. */
	if (isdigit((unsigned char)*p)) {
		const char *q = p;

		while (isdigit((unsigned char)*q) && n < 18)
			t = t * 10 + (*q++ - '0'), n++;
		if ((*q == '\0' || *q == ' ') && (*s == '@' || n > 8)) {
			if (zone(&q, &off) == -1 || *skip_ws(q) != '\0')
				return -1;
			*when = t;
			*offset = off;
			return 0;
		}
		if (parse_iso(s, when, offset) == 0)
			return 0;
	}
	return parse_rfc2822(s, when, offset);
}

