/*
 * site.h: the static site of a workspace (SPEC section 5).
 *
 * site_build renders index.html, clients/<slug>.html, owners/<handle>.html,
 * agenda.html, followups.ics, status.json and the assets (style.css,
 * filter.js) into an output folder.  Pages come from the built-in templates
 * (templates/ of this project, compiled in), each of which the workspace's
 * own templates/ may replace file by file.  Every link is relative.
 *
 * The output depends only on the workspace, its git history and today: the
 * same input gives the same bytes.  A file whose content is unchanged is
 * not rewritten (its modification time stays); every written file goes
 * through file_write_atomic.  Pages of clients and owners that no longer
 * exist are removed, and nothing else in the output folder is touched.
 */
#ifndef RAPPORT_SITE_H
#define RAPPORT_SITE_H

#include <stddef.h>

#include "diag.h"
#include "repo.h"
#include "workspace.h"

struct site_stats {
	size_t	 pages;		/* files the site consists of */
	size_t	 written;	/* of which new or changed */
	size_t	 removed;	/* stale pages deleted */
};

/*
 * Renders the loaded workspace ws (ws_load done) into outdir, creating it.
 * repo gives each client's history and may be NULL.  Clients whose files
 * have errors are left out and listed on the index page.  Returns 0, or -1
 * (reported in d) when a template is broken or a file cannot be written.
 */
int	site_build(const struct workspace *ws, struct repo *repo,
	    const char *outdir, struct site_stats *, struct diags *d);

#endif
