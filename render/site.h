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

#include "cache.h"
#include "diag.h"
#include "repo.h"
#include "workspace.h"

struct site_stats {
	size_t	 pages;		/* files the site consists of */
	size_t	 written;	/* of which new or changed */
	size_t	 removed;	/* stale pages deleted */
};

/*
 * A build in three steps, so that pages are rendered while the clients are
 * read, one whole client per thread at a time:
 *
 *	s = site_new(ws, repo, outdir, cache, d);  (ws opened, not loaded)
 *	each = { CLIENT_HTML, site_visit, site_need, s, cache };
 *	ws_load_each(ws, NULL, 0, &each, d);
 *	site_finish(s, cache, &stats, d);
 *	site_free(s);
 *
 * site_new checks the templates, makes the folders and reads the history
 * (repo may be NULL: no history), through its cache when cache is set; it
 * returns NULL, reported in d, when it cannot.  site_visit renders one client's page (a ws_visit_fn) and
 * notes in aux what the page depended on and its size; site_need (a
 * ws_need_fn) says whether a client the cache knows needs its page made
 * again (a template, its history or the output folder changed, or the
 * page is gone or not the size it was made), so an unchanged client is
 * neither parsed nor rendered.
 * site_finish renders what needs every client (index, owners, agenda,
 * feed, JSON), then puts every new or changed file in place at once and
 * removes stale pages.  With a cache (NULL: none) it skips those shared
 * pages when the note it left there says they were made from the same
 * files and templates and are all still in place at their sizes, and
 * leaves such a note after making them (cache_write keeps it).  Clients
 * whose files have errors are left out and listed on the index page.  It
 * returns 0, or -1 (reported in d) when a template fails or a file cannot
 * be written; the output folder then keeps its old files.
 */
struct site;
struct site	*site_new(const struct workspace *, struct repo *,
		    const char *outdir, int cache, struct diags *);
ws_visit_fn	 site_visit;
ws_need_fn	 site_need;
int		 site_finish(struct site *, struct cache *,
		    struct site_stats *, struct diags *);
void		 site_free(struct site *);
/*
 * Renders the page of one valid client (f->client, parsed whole with
 * CLIENT_HTML) with the workspace's templates, without history, appending
 * it to out instead of writing it (tests, fuzzers).  Returns 0, or -1
 * (reported in d).
 */
int		 site_page(const struct workspace *, const struct followup *,
		    struct buf *out, struct diags *);

#endif
