/*
 * client_int.h: what client.c, body.c and entry.c share; not for other
 * modules.
 */
#ifndef RAPPORT_CLIENT_INT_H
#define RAPPORT_CLIENT_INT_H

#include "client.h"

/* Reads entries and commitments from the body of c's file. */
void	body_parse(struct client *, const struct source *, date_t today,
	    unsigned flags, struct diags *);

#endif
