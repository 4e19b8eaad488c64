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
 * character.  UIDs are stable across builds: a signal that a client has
 * at most once (follow-up, budget, renewal, escalate) keeps its UID when
 * its date moves; the others are told apart by their text.  DTSTAMP is
 * today at midnight UTC, so the same day gives the same bytes.  name
 * (may be NULL) becomes the calendar's name.
 */
void	ics_write(struct buf *, const struct followup *, size_t n,
	    date_t today, const char *name);

#endif
