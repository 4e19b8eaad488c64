/*
 * publish.h: a site published into a web server's folder, switched whole.
 *
 * A web server reads its folder while a build writes it, so the post-
 * receive hook never builds in place: the folder DIR is a symbolic link
 * that rapport owns, to one of two builds beside it (.NAME.rapport-a and
 * .NAME.rapport-b, NAME being DIR's own name).  A build goes into the one
 * not served, which holds the build before last, so that it only writes
 * what changed since; then one rename turns DIR to it.  A reader gets
 * every file of one build or of the other, never half of each.
 *
 *	p = publish_begin(dir, d);	(waits for another publish)
 *	build into publish_slot(p), cache publish_cache(p)
 *	publish_commit(p, d);
 *	publish_free(p);
 *
 * A DIR that is a real folder is never emptied or moved: it is refused
 * unless empty, so that nothing a person put there is lost.
 */
#ifndef RAPPORT_PUBLISH_H
#define RAPPORT_PUBLISH_H

#include "diag.h"

struct publish;

/*
 * Takes dir's lock (the file .NAME.rapport-lock beside it), waiting for
 * whoever holds it: a build of a branch by name resolves it once it has
 * the lock, so that of two builds the later never shows the older tip.
 * Returns the descriptor to close to let go, or -1 (reported).
 */
int		 publish_lock(const char *dir, struct diags *);
/*
 * Whether dir is a folder published this way (a link to one of its two
 * builds): a build into it must go through publish_begin too.
 */
int		 publish_managed(const char *dir);

/*
 * Takes DIR's lock (the file .NAME.rapport-lock beside it, waiting for
 * another publish to end) and picks the build to write.  Returns NULL,
 * reported, when DIR's folder does not exist or DIR is in the way.
 */
struct publish	*publish_begin(const char *dir, struct diags *);
/* The folder to build into (absolute). */
const char	*publish_slot(const struct publish *);
/* A name for the client cache of that folder ("site-a", "site-b"). */
const char	*publish_cache(const struct publish *);
/* Points DIR at the slot, at once.  0, or -1 reported. */
int		 publish_commit(struct publish *, struct diags *);
/* Lets the next publish go on; NULL is fine. */
void		 publish_free(struct publish *);

#endif
