/*
 * lookalike.h: the clients a new one may be a second file of.
 *
 * "rapport new 'Acme Widgets'" beside acme-widgets-ltd would make two
 * files of one client, and "show acme" would then match both.  A client
 * looks like the new one when
 *	its slug and the new slug are one and the same words but for more
 *	    at the end ("acme-widgets" and "acme-widgets-ltd");
 *	its name and the new name are the same words once case, accents,
 *	    punctuation and a company's form (Ltd, Inc, LLC, GmbH...) are
 *	    set aside ("ACME Widgets, Inc." and "Acme Widgets Ltd");
 *	an address of the new client's is at a mail domain of its (contact,
 *	    escalation, emails, domains), public mail domains aside.
 */
#ifndef RAPPORT_LOOKALIKE_H
#define RAPPORT_LOOKALIKE_H

#include <stddef.h>

#include "workspace.h"

enum lookalike_why {
	LOOK_SLUG,
	LOOK_NAME,
	LOOK_DOMAIN,
	LOOK__KINDS
};

struct lookalike {
	size_t			 client;	/* index into ws->clients */
	enum lookalike_why	 why;
};

/*
 * The clients of ws (loaded) that look like a new client of slug, name
 * and email (NULL: none), the first reason of each, in ws's order: at
 * most max into out.  Returns how many there are in all.
 */
size_t		 lookalike_find(const struct workspace *, const char *slug,
		    const char *name, const char *email,
		    struct lookalike *out, size_t max);
/* What makes it look alike, for people: "its file name begins the same". */
const char	*lookalike_why_text(enum lookalike_why);

#endif
