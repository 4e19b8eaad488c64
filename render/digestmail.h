/*
 * digestmail.h: an owner's digest (digest.h) written for people: the
 * text/plain and text/html bodies of its e-mail (mailout.h sends it).
 *
 * Both say the same, in the same order: a greeting naming the day, the
 * parts that have items (Overdue, Due today, Replies owed, Promises this
 * week), each client once with its last entry where the part shows one
 * and its signals under it with when each is due, the files with errors,
 * then what changed since the last digest (or that this is the first).
 * Every value in the HTML is escaped; no value becomes markup or a link.
 */
#ifndef RAPPORT_DIGESTMAIL_H
#define RAPPORT_DIGESTMAIL_H

#include "digest.h"
#include "util.h"

/* Who the digest is for and from: may be NULL (the handle, no name). */
struct digestmail {
	const char	*owner_name;	/* the owner's name, else NULL */
	const char	*agency;	/* [workspace] name, else NULL */
};

/* Appends the text body to out. */
void	digestmail_text(const struct digest *, const struct digestmail *,
	    struct buf *out);
/* Appends the HTML body (a whole document) to out. */
void	digestmail_html(const struct digest *, const struct digestmail *,
	    struct buf *out);

#endif
