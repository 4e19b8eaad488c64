/*
 * json.h: the status of a workspace as JSON, exactly the shape of SPEC
 * section 4 ("rapport status --json" and the site's status.json).
 */
#ifndef RAPPORT_JSON_H
#define RAPPORT_JSON_H

#include <stddef.h>

#include "followup.h"
#include "invalid.h"
#include "util.h"

/* Appends s as a JSON string, quotes included. */
void	json_string(struct buf *, const char *s);
/*
 * Appends the whole document for these clients, in this order, and these
 * files with errors (its "invalid", always there).
 */
void	json_status(struct buf *, date_t today, const struct followup *,
	    size_t n, const struct invalid *const *bad, size_t nbad);

#endif
