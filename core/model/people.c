/*
 * people.c: the addresses of every client, and those two clients share
 * (people.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "people.h"
#include "util.h"

/* One address of a client, where it is written. */
struct addr {
	const char	*email;
	const struct client *c;
	int		 line;		/* its section's; 0: the emails key */
};

static int
addr_cmp(const void *a, const void *b)
{
	const struct addr *x = a, *y = b;
	int c = strcasecmp(x->email, y->email);

	if (c == 0)
		c = strcmp(x->c->path, y->c->path);
	if (c == 0)
		c = (x->line > y->line) - (x->line < y->line);
	return c;
}

static void
add(struct addr **v, size_t *n, size_t *cap, const char *email,
    const struct client *c, int line)
{
	if (email == NULL)
		return;
	xgrow(v, cap, *n + 1, sizeof(**v));
	(*v)[*n].email = email;
	(*v)[*n].c = c;
	(*v)[*n].line = line;
	(*n)++;
}

size_t
people_check_unique(const struct workspace *ws, struct diags *d)
{
	struct addr *v = NULL;
	size_t i, j, k, n = 0, cap = 0, warned = 0, run;

	for (i = 0; i < ws->nclients; i++) {
		const struct client *c = &ws->clients[i];

		if (c->errors > 0)
			continue;
		add(&v, &n, &cap, c->contact.email, c, c->contact.line);
		add(&v, &n, &cap, c->escalation.email, c, c->escalation.line);
		for (j = 0; j < c->npeople; j++)
			for (k = 0; k < c->people[j].nemails; k++)
				add(&v, &n, &cap, c->people[j].emails[k], c,
				    c->people[j].line);
		for (j = 0; j < c->nemails; j++)
			add(&v, &n, &cap, c->emails[j], c, 0);
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), addr_cmp);
	for (i = 0; i < n; i = run) {
		for (run = i + 1; run < n && strcasecmp(v[i].email,
		    v[run].email) == 0; run++)
			continue;
		/* The first place of each other client, after the first's. */
		for (j = i + 1; j < run; j++) {
			if (v[j].c == v[j - 1].c)
				continue;
			diag_msg(d, v[j].c->path, v[j].line, 0, DIAG_WARNING,
			    "e-mail '%s' is also %s's: mail from it goes to "
			    "neither client (rapport import-mail takes no "
			    "sides); keep it in one file", v[j].email,
			    v[i].c->path);
			warned++;
		}
	}
	free(v);
	return warned;
}
