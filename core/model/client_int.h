/*
 * client_int.h: what client.c, client_front.c, body.c, body_guard.c and
 * entry.c share; not for other modules.
 */
#ifndef RAPPORT_CLIENT_INT_H
#define RAPPORT_CLIENT_INT_H

#include "client.h"

struct ini_event;

/* The sections of a client file's front-matter. */
enum sect {
	SECT_TOP,
	SECT_CONTACT,
	SECT_ESCALATION,
	SECT_CONTRACT,
	SECT_METRICS,
	SECT_REPORT,
	SECT_GOAL,
	SECT_SHARE,
	SECT_PERSON,
	SECT_IGNORED		/* reported already: its keys are dropped */
};

/* A pass over a client file's front-matter (client_parse). */
struct fmpass {
	struct client		*c;
	const struct source	*src;
	const struct config	*cfg;
	struct diags		*d;
	enum sect		 sect;
	size_t			 capreports, capgoals, captags, capmetrics;
	size_t			 capemails, capdomains;
	size_t			 cappeople, cappersonemails;
	const struct ini_event	*e;	/* the key being split */
	int			 owner_line, owner_col;
	int			 cadence_line, reply_line;
};

/*
 * Reads one front-matter event of inifile_parse into the client of pass
 * arg (a struct fmpass), reporting what is wrong with it.
 */
void	client_on_event(void *arg, const struct ini_event *e);

/* Reads entries and commitments from the body of c's file. */
void	body_parse(struct client *, const struct source *, date_t today,
	    unsigned flags, struct diags *);
/*
 * Whether cmark may parse the body of c's file (from c->body_line): 0, or
 * -1 after reporting why not.
 */
int	body_guard(struct client *c, const struct source *src,
	    struct diags *d);

#endif
