/*
 * zone.h: the workspace's time zone (rapport.ini's [workspace] timezone).
 *
 * Entry times are written and read in one zone, whatever TZ the person
 * running rapport has, so that the same message imported by two people
 * gives the same bytes and entries of one team order alike.  The C
 * library knows one zone at a time, TZ: zone_use switches the whole
 * process to the workspace's, once, before anything reads the clock or
 * a thread starts; from then on localtime, mktime and date_today are in
 * the workspace's zone.  What git records of the person (a commit's time
 * zone, a GIT_AUTHOR_DATE without one) stays in the person's own zone:
 * zone_person_offset and zone_person_mktime.
 */
#ifndef RAPPORT_ZONE_H
#define RAPPORT_ZONE_H

#include <stddef.h>
#include <time.h>

/*
 * Whether name is a zone of the tz database: an IANA name (Area/City,
 * UTC) whose file is in TZDIR (or /usr/share/zoneinfo) and is a zone
 * file.  Names that reach outside the database are never zones.
 */
int	 zone_valid(const char *name);
/*
 * The IANA name of the person's own zone, as far as it can be told: TZ
 * when it names one, else /etc/timezone, else where /etc/localtime links
 * into the database.  Allocated; NULL when none of them says.
 */
char	*zone_local_name(void);
/*
 * Switches the process to zone name (checked with zone_valid first);
 * NULL switches back to the person's own zone.
 */
void	 zone_use(const char *name);
/* The zone in use since zone_use, or NULL: the person's own. */
const char *zone_current(void);
/* Minutes east of UTC at when, in the person's own zone. */
int	 zone_person_offset(time_t when);
/* mktime in the person's own zone: tm is local there.  -1 as mktime. */
time_t	 zone_person_mktime(struct tm *tm);

#endif
