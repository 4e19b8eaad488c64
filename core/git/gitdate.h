/*
 * gitdate.h: dates as git reads them in GIT_AUTHOR_DATE and
 * GIT_COMMITTER_DATE, so that rapport's commits carry the dates a git
 * user set.
 */
#ifndef RAPPORT_GITDATE_H
#define RAPPORT_GITDATE_H

#include <stdint.h>

/*
 * Reads a date as git reads GIT_AUTHOR_DATE: "@SECONDS [+-]HHMM",
 * "SECONDS [+-]HHMM", ISO 8601 ("2026-11-23T10:15:00+01:00", with a space
 * for the T, without seconds, with "Z" or no zone = local time) and
 * RFC 2822 ("Mon, 23 Nov 2026 10:15:00 +0100").  *when gets seconds
 * since the epoch, *offset minutes east of UTC.  Returns 0 or -1.
 */
int	gitdate_parse(const char *, int64_t *when, int *offset);

#endif
