/*
 * json.h: the status of a workspace as JSON, exactly the shape of SPEC
 * section 4 ("rapport status --json" and the site's status.json).
 */
#ifndef RAPPORT_JSON_H
#define RAPPORT_JSON_H

#include <stddef.h>

#include "followup.h"
#include "invalid.h"
#include "stats.h"
#include "util.h"

/* Appends s as a JSON string, quotes included. */
void	json_string(struct buf *, const char *s);
/*
 * Appends the whole document for these clients, in this order, and these
 * files with errors (its "invalid", always there).
 */
void	json_status(struct buf *, date_t today, const struct followup *,
	    size_t n, const struct invalid *const *bad, size_t nbad);

/* Appends a date as "YYYY-MM-DD", or null for DATE_NONE. */
void	json_date(struct buf *, date_t);
/*
 * Appends the members of one set of reply figures (rapport stats --json,
 * rapport(1) has their shape), without braces: "answered": 3, ...
 */
void	json_figures(struct buf *, const struct stats_figures *);

#endif
