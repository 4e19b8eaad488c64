/*
 * mailbook.h: whose an e-mail is (SPEC section 7), from the addresses in
 * rapport.ini and the client files, indexed once for a whole import.
 *
 * Our addresses are the owners' e-mails and [mail] own (addresses, and
 * whole domains written *@DOMAIN).  A client's are its [contact],
 * [escalation] and [person KEY] e-mails and its emails key; its domains
 * are the domains of those addresses and its domains key, except public
 * mail domains (a built-in list and [mail] public_domains), which are
 * never matched by domain.  Everything is compared in lower case.
 *
 * A message from one of ours is outbound, to the client its recipients
 * name; any other is inbound, from the client its sender names.  An exact
 * address wins over a domain; two clients matched equally (at the same
 * strength) is a tie, which goes to neither.
 */
#ifndef RAPPORT_MAILBOOK_H
#define RAPPORT_MAILBOOK_H

#include <stddef.h>

#include "client.h"
#include "config.h"

enum mail_whose {
	MAIL_INBOUND,		/* from client */
	MAIL_OUTBOUND,		/* from us to client */
	MAIL_NOBODY,		/* from us to no client, or from a stranger */
	MAIL_TIE		/* two clients equally: client and other */
};

struct mail_match {
	enum mail_whose	 whose;
	size_t		 client;	/* index into the clients given */
	size_t		 other;		/* MAIL_TIE: the second client */
	int		 by_domain;	/* matched by domain, not address */
	const char	*key;		/* the address or domain that matched
					   (the book's, or the caller's) */
};

struct mailbook;

/*
 * Indexes cfg's and the n clients' addresses; the book keeps its own
 * copies of them, so the clients may go before it.
 */
struct mailbook	*mailbook_new(const struct config *cfg,
		    const struct client *clients, size_t n);
/* Whether addr (lower case) is one of ours. */
int		 mailbook_ours(const struct mailbook *, const char *addr);
/*
 * Whose a message from from to the nrcpt recipients is (all lower case;
 * from may be NULL).
 */
void		 mailbook_match(const struct mailbook *, const char *from,
		    char *const *rcpt, size_t nrcpt, struct mail_match *);
void		 mailbook_free(struct mailbook *);

#endif
