/*
 * ics.h: the follow-ups as an iCalendar feed (RFC 5545) for calendar apps.
 */
#ifndef RAPPORT_ICS_H
#define RAPPORT_ICS_H

#include <stddef.h>

#include "followup.h"
#include "util.h"

/*
 * Appends a VCALENDAR with one all-day VEVENT per signal of the n clients.
 * Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
 * character.  A signal that is late is dated today, its summary saying
 * since when ("late since Wed 18 Nov"), so that a calendar's today shows
 * what is late.  UIDs are unique in the feed and stable across builds: a
 * signal that a client has at most once (follow-up, budget, renewal,
 * escalate) keeps its UID when its date moves; the others are told apart
 * by their text, and a second one of the same text gets "-2".  The
 * description has the client's contact.  URL, the client's page, only
 * when url (the site's absolute address, ending in '/') is given.
 * DTSTAMP is today at midnight UTC, so the same day gives the same bytes.
 * name (may be NULL) becomes the calendar's name.
 */
void	ics_write(struct buf *, const struct followup *, size_t n,
	    date_t today, const char *name, const char *url);
/*
 * ics_write in three parts, for a caller that keeps each client's events
 * (the site, in its row store): the calendar's head, one client's events
 * (which depend on nothing but the client, today and url: the UIDs a
 * client's events share carry its slug, unique in the workspace), and
 * its end.  ics_begin, ics_client for each followup, ics_end make the
 * bytes ics_write makes.
 */
void	ics_begin(struct buf *, const char *name);
void	ics_client(struct buf *, const struct followup *, date_t today,
	    const char *url);
void	ics_end(struct buf *);

#endif
