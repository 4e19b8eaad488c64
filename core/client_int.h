/*
 * client_int.h: what client.c, body.c and entry.c share; not for other
 * modules.
 */
#ifndef RAPPORT_CLIENT_INT_H
#define RAPPORT_CLIENT_INT_H

#include <stdarg.h>

#include "client.h"

/* Reports a problem in a client file. */
void	client_error(const char *path, struct diags *, int line, int col,
	    enum diag_level, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/* Reads entries and commitments from the body of c's file. */
void	body_parse(struct client *, const struct source *, date_t today,
	    struct diags *);

#endif
