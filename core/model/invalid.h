/*
 * invalid.h: client files with errors, as a signal of their own.
 *
 * A file that does not read as a client has no follow-ups rapport can
 * trust, but it still has obligations: one typo must not make its
 * overdue reply vanish from status and the site.  Every listing that
 * shows what needs doing (status, status --json, the site's index and
 * status.json) shows these first, from this one list.
 */
#ifndef RAPPORT_INVALID_H
#define RAPPORT_INVALID_H

#include "diag.h"
#include "workspace.h"

struct invalid {
	const char	*file;		/* the client's path (owned by ws) */
	const char	*slug;		/* owned by ws */
	const char	*owner;		/* as far as it was read, or NULL */
	int		 errors;
	int		 line, col;	/* of the first error; 0 for the
					   whole file */
	char		*first;		/* "LINE:COL: message" of its first
					   error, or the message when it is
					   about the whole file */
	char		*text;		/* "FILE has N errors, so its
					   follow-ups are unknown: fix it
					   (rapport check): message" */
};

struct invalids {
	struct invalid	*v;		/* in ws's path order */
	size_t		 n;
};

/*
 * The clients of ws with errors, each with its first error (by line and
 * column) among the load's diagnostics d.  The entries point into ws,
 * which must outlive them.  Free with invalid_free.
 */
void	invalid_collect(struct invalids *, const struct workspace *,
	    const struct diags *d);
/* Whether the file belongs in owner's listing: its owner, or none read. */
int	invalid_owned_by(const struct invalid *, const char *owner);
void	invalid_free(struct invalids *);

#endif
