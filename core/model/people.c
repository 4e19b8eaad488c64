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

/* The list being made, and the client whose addresses come next. */
struct list {
	struct addr	**v;
	size_t		 *n, *cap;
	const struct client *c;
};

/* A client_address_fn: one more address of l's client. */
static int
add(const char *email, int line, void *arg)
{
	struct list *l = arg;

	xgrow(l->v, l->cap, *l->n + 1, sizeof(**l->v));
	(*l->v)[*l->n].email = email;
	(*l->v)[*l->n].c = l->c;
	(*l->v)[*l->n].line = line;
	(*l->n)++;
	return 0;
}

size_t
people_check_unique(const struct workspace *ws, struct diags *d)
{
	struct addr *v = NULL;
	size_t i, j, n = 0, cap = 0, warned = 0, run;

	for (i = 0; i < ws->nclients; i++) {
		const struct client *c = &ws->clients[i];

		if (c->errors > 0)
			continue;
		struct list l = { &v, &n, &cap, c };

		(void)client_each_address(c, add, &l);
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
