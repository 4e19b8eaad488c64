/*
 * test_zone.c: the workspace's time zone (zone.h): which names are zones,
 * the clock after the switch, and the person's own zone kept for git.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "source.h"
#include "unit.h"
#include "util.h"
#include "zone.h"

/* The local hour and offset (minutes) at when, on the process's clock. */
static void
local(time_t when, int *hour, int *offset)
{
	struct tm tm;

	localtime_r(&when, &tm);
	*hour = tm.tm_hour;
	*offset = (int)(tm.tm_gmtoff / 60);
}

void
test_zone(void)
{
	/* 2026-07-01 12:00 UTC: New York is 08:00 (EDT), Tokyo 21:00. */
	time_t noon = 1782907200;
	struct config c;
	struct source src;
	struct diags d = { 0 };
	struct tm tm;
	char *was = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	static const char ini[] = "[workspace]\ntimezone = Europe/Londn\n";
	int hour, off;

	CHECK(zone_valid("Europe/London"));
	CHECK(zone_valid("America/New_York"));
	CHECK(zone_valid("UTC"));
	CHECK(!zone_valid("Europe/Londn"));
	CHECK(!zone_valid("Europe"));		/* a folder */
	CHECK(!zone_valid(""));
	CHECK(!zone_valid(NULL));
	CHECK(!zone_valid("/usr/share/zoneinfo/UTC"));
	CHECK(!zone_valid("../../../etc/passwd"));
	CHECK(!zone_valid("Europe/../UTC"));
	CHECK(!zone_valid("UTC-13"));		/* POSIX, not a name */

	/* The person is in Tokyo; the workspace in New York. */
	setenv("TZ", "Asia/Tokyo", 1);
	tzset();
	zone_use("America/New_York");
	CHECK_STR(zone_current(), "America/New_York");
	local(noon, &hour, &off);
	CHECK_INT(hour, 8);
	CHECK_INT(off, -240);
	/* What git records stays the person's. */
	CHECK_INT(zone_person_offset(noon), 540);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = 126;
	tm.tm_mon = 6;
	tm.tm_mday = 1;
	tm.tm_hour = 21;
	tm.tm_isdst = -1;
	CHECK_INT((long long)zone_person_mktime(&tm), (long long)noon);
	/* ... and the workspace's clock is back after each. */
	local(noon, &hour, &off);
	CHECK_INT(hour, 8);
	{
		char *name = zone_local_name();

		CHECK_STR(name, "Asia/Tokyo");
		free(name);
	}
	zone_use(NULL);
	CHECK(zone_current() == NULL);
	local(noon, &hour, &off);
	CHECK_INT(hour, 21);

	/* rapport.ini: a name that is not a zone is an error at its line. */
	config_defaults(&c);
	CHECK(source_from_mem(&src, "rapport.ini", ini, sizeof(ini) - 1,
	    &d) == 0);
	config_parse(&c, &src, &d);
	CHECK_DIAG(&d, 2, 2, "'Europe/Londn' is not a zone of the tz database");
	CHECK(c.timezone == NULL);
	source_free(&src);
	config_free(&c);
	diags_free(&d);

	if (was != NULL)
		setenv("TZ", was, 1);
	else
		unsetenv("TZ");
	tzset();
	free(was);
}
