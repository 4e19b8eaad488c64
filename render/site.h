/*
 * site.h: the static site of a workspace (SPEC section 5).
 *
 * A build renders index.html, clients/<slug>.html, owners/<handle>.html,
 * agenda.html, followups.ics, status.json, the assets (style.css,
 * filter.js) and, for each client with a [share] key, its report page
 * share/<key>/index.html with share.css (page_share.c) into an output
 * folder.  Pages come from the built-in templates
 * (templates/ of this project, compiled in), each of which the workspace's
 * own templates/ may replace file by file.  Every link is relative.
 *
 * The output depends only on the workspace, its git history and today: the
 * same input gives the same bytes.  A file whose content is unchanged is
 * not rewritten (its modification time stays).  Pages of clients and
 * owners that no longer exist are removed, and nothing else in the output
 * folder is touched.
 */
#ifndef RAPPORT_SITE_H
#define RAPPORT_SITE_H

#include <stddef.h>

#include "cache.h"
#include "diag.h"
#include "repo.h"
#include "invalid.h"
#include "workspace.h"

struct site_stats {
	size_t	 pages;		/* files the site consists of */
	size_t	 written;	/* of which new or changed */
	size_t	 removed;	/* stale pages deleted */
};

/*
 * A build in four steps, so that pages are rendered while the clients are
 * read, one whole client per thread at a time:
 *
 *	s = site_new(ws, repo, outdir, flags, d);  (ws opened, not loaded)
 *	each = { CLIENT_HTML, site_visit, site_need, s, cache };
 *	ws_load_each(ws, NULL, 0, &each, d);
 *	invalid_collect(&inv, ws, d);
 *	site_render(s, cache, &inv, d);
 *	site_commit(s, &stats, d);	(signals held: nothing else is)
 *	site_free(s);
 *
 * site_new checks the templates, opens the output folder (siteout.h: it
 * refuses a folder that is not the site's alone, and waits for another
 * build into it) and reads the history (repo may be NULL: no history),
 * through its cache when flags hold SITE_CACHE; it returns NULL, reported in d,
 * when it cannot.  site_visit renders a client's pages (a ws_visit_fn)
 * and notes in aux what the page depended on and its size; site_need (a
 * ws_need_fn) says whether a client the cache knows needs its page made
 * again (a template, its history or the output folder changed, or the
 * page is gone or not the size it was made), so an unchanged client is
 * neither parsed nor rendered.  site_render makes what needs every client
 * (index, owners, agenda, feed, JSON, assets); with a cache (NULL: none)
 * it skips them when the note it left there says they were made from the
 * same files and templates and are all still in place at their sizes,
 * and leaves such a note after making them (cache_write keeps it); when
 * it makes them, their rows come from the last build's where they would
 * come out the same (rowstore.h, GITDIR/rapport/rows.*).  It
 * returns -1 when a page failed (reported: a template's error or limit)
 * or run_stop was called (Ctrl-C; not reported).  site_commit puts every
 * new or changed file in place at once and removes the pages of the last
 * build that this one did not make.  Clients whose files have errors (inv,
 * borrowed until site_render returns) have no page; the index lists them
 * first under "Needs attention" and status.json in its "invalid".  Until
 * the commit the output folder keeps its old files.
 */
struct site;
/* The commits of a client's history the site (and REV of cards) reads. */
#define SITE_HISTORY_MAX	50

/* site_new's flags. */
#define SITE_CACHE	1u	/* the history's and the rows' caches */
/*
 * The clients' report pages alone (share/KEY/, the same bytes as in the
 * whole site), so that they can be published apart from the internal
 * site; a key revoked or rotated leaves the folder with the next build.
 */
#define SITE_SHARE_ONLY	2u
/*
 * The pages of an existing folder are written over, not replaced: for a
 * folder no one reads until the build is done (publish.h).
 */
#define SITE_IN_PLACE	4u
struct site	*site_new(const struct workspace *, struct repo *,
		    const char *outdir, unsigned flags, struct diags *);
ws_visit_fn	 site_visit;
ws_need_fn	 site_need;
int		 site_render(struct site *, struct cache *,
		    const struct invalids *inv, struct diags *);
int		 site_commit(struct site *, struct site_stats *,
		    struct diags *);
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
