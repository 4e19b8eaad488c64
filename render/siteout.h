/*
 * siteout.h: the output folder of a build, which is the site's alone.
 *
 * A workspace is something people clone and build in CI, so the folder it
 * names is not trusted: a committed _site link, "-o ." or "-o clients"
 * must not make a build write or delete anything outside the site.  The
 * rules (SPEC section 5):
 *	- the folder is not a symbolic link, nor its clients/ or owners/;
 *	- it does not contain the workspace, nor lie inside its clients/ or
 *	  its git folder;
 *	- it is new, holds nothing but hidden files, or is marked as a site
 *	  of this workspace: .rapport-site names the workspace and lists
 *	  every file the last build wrote;
 *	- a build removes only files that list names and it did not write
 *	  again: files put there by hand are never touched.
 * Builds into one folder take turns (flock on the folder above it); the
 * staging folders of builds that were killed are removed by the next.
 *
 *	o = siteout_open(dir, root, d);
 *	f = siteout_start(o, "clients/acme.html", &b, d);	(any threads)
 *	... append the page to b ...
 *	siteout_finish(o, f, &b, 1, d);
 *	siteout_keep(o, "index.html");			(unchanged, not made)
 *	siteout_commit(o, &removed, d);
 *	siteout_free(o);
 *
 * Until the commit the folder holds its old files, all of them.
 */
#ifndef RAPPORT_SITEOUT_H
#define RAPPORT_SITEOUT_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

struct siteout;

/*
 * Opens dir (relative to the current folder or absolute) as the site of
 * the workspace at root (absolute), waiting for another build into it to
 * finish.  A folder that does not exist is made whole beside its name and
 * renamed into place by the commit.  subdirs (NULL-terminated) are made
 * in it.  Returns NULL, reported in d, when refused or when it cannot.
 */
struct siteout	*siteout_open(const char *dir, const char *root,
		    const char *const *subdirs, struct diags *);
/*
 * Pages of an existing folder are written over in place (fileio.h's
 * file_batch_in_place) rather than replaced: only for a folder no one
 * reads until the build is done (publish.h).
 */
void		 siteout_in_place(struct siteout *);
/* The folder's absolute path, as the site will have it. */
const char	*siteout_dir(const struct siteout *);
/*
 * Puts rel (a path inside the site, no ".." or absolute part) unless it
 * holds exactly these bytes already, made piece by piece and safe from
 * several threads.  From siteout_start on, what is appended to b goes
 * to rel whenever b is full (b is streamed, see util.h: a page of 100 MB
 * takes SITEOUT_PIECE bytes of memory), and siteout_finish puts the rest; with ok 0 (the page failed) it drops
 * what was written and returns -1 unreported.  b is the caller's, empty
 * at the start, and no longer streamed after the finish.  Start returns
 * NULL, reported, when rel cannot be made; finish returns 1 when
 * written (or queued), 0 when unchanged, -1 reported.
 */
#define SITEOUT_PIECE	((size_t)256 << 10)
struct siteout_file;
struct siteout_file *siteout_start(struct siteout *, const char *rel,
		    struct buf *b, struct diags *);
int		 siteout_finish(struct siteout *, struct siteout_file *,
		    struct buf *b, int ok, struct diags *);
/* Counts rel as a file of the site that is already in place. */
void		 siteout_keep(struct siteout *, const char *rel);
/* Whether rel is in place, a regular file of size bytes. */
int		 siteout_has(const struct siteout *, const char *rel,
		    unsigned long long size);
/* The size of rel when it is in place, a regular file: 0, else -1. */
int		 siteout_size(const struct siteout *, const char *rel,
		    unsigned long long *size);
/*
 * Puts every new file in place at once, marks the folder with the list
 * of the site's files, then removes what the last build wrote and this
 * one did not (*removed counts them).  Returns 0, or -1 (reported; the
 * folder keeps its old files).
 */
int		 siteout_commit(struct siteout *, size_t *removed,
		    struct diags *);
/* Removes what a build that did not commit staged, and lets go. */
void		 siteout_free(struct siteout *);

#endif
