/*
 * importplan.h: what import-contacts does with the people it read
 * (SPEC section 9): which client each joins, which are new clients, and
 * the text of every file that changes, decided before anything is
 * written.
 *
 * A person joins the client that has one of their e-mail addresses
 * already; else the client whose name is their organization's (compared
 * as slugs: "ACME Widgets, Inc." is "acme-widgets-inc"), or whose mail
 * domain is their address's (never a public one, gmail.com and the
 * like); else the new client of their organization (of their own name
 * when they have none).  A person a client has already (an address of
 * theirs, or their name) is left as it is, so that importing the same
 * file again changes nothing.  In a client a person is the [contact] when
 * the client has none yet, else a [person KEY], KEY made from their name.
 * New clients are leads' accounts like any other: status active, owned by
 * the owner given, their first check-ins spread evenly over the cadence
 * (today, then one cadence / N apart), so that an import of 300 clients
 * does not make 300 follow-ups due on one day.
 */
#ifndef RAPPORT_IMPORTPLAN_H
#define RAPPORT_IMPORTPLAN_H

#include <stddef.h>

#include "cardin.h"
#include "diag.h"
#include "workspace.h"

/* A file the import writes: a new client's, or one more people's. */
struct import_file {
	char		*path;		/* relative to the workspace */
	const struct client *client;	/* NULL: a new client */
	char		*name;		/* the client's */
	struct buf	 add;		/* what goes in: the sections */
	struct buf	 text;		/* a new client's whole file */
	size_t		 npeople;	/* how many join */
	char		**names;	/* theirs, for the report */
};

struct import_plan {
	struct import_file *v;
	size_t		 n, cap;
	size_t		 known;		/* people the clients have already */
};

/*
 * Plans the import of in into ws (loaded): owner (may be NULL) owns the
 * new clients, today dates them.  Returns 0, or -1 (said in d) when
 * nothing could be planned.
 */
int	import_plan_make(const struct workspace *, const struct cardins *in,
	    const char *owner, struct import_plan *, struct diags *);
/*
 * text (len bytes, a client file) with what plan file f adds, into out:
 * the sections before the front-matter's closing line.  Returns 0, or -1
 * when text has no front-matter to add to.
 */
int	import_apply(const struct import_file *f, const char *text, size_t len,
	    struct buf *out);
void	import_plan_free(struct import_plan *);

#endif
