/*
 * cmd_history.c: rapport history CLIENT
 *
 * The commits that changed the client's file, newest first, one a line:
 * date, author, message, short id; the file is followed across moves
 * between folders of clients/.  Dates are the author's, in the author's
 * time zone, as git log shows them.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "text.h"
#include "util.h"

struct line {
	char	 day[11];
	char	*author;
	char	*summary;
	char	 id[16];
};

struct lines {
	struct line	*v;
	size_t		 n;
	size_t		 cap;
};

/* Characters in a UTF-8 string: the bytes that start one. */
static size_t
width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int
collect(const struct repo_commit *c, void *arg)
{
	struct lines *l = arg;
	struct line *x;

	xgrow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	x = &l->v[l->n++];
	date_format(c->day, x->day);
	/* A commit's author and message may hold anything: shown visibly. */
	if ((x->author = text_visible(c->author)) == NULL)
		x->author = xstrdup(c->author);
	if ((x->summary = text_visible(c->summary)) == NULL)
		x->summary = xstrdup(c->summary);
	snprintf(x->id, sizeof(x->id), "%s", c->short_id);
	return 0;
}

int
cmd_history(const struct globals *g, int argc, char **argv)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct diags d = { 0 };
	struct lines l = { NULL, 0, 0 };
	const char *rel;
	size_t i, w = 0;
	long n;
	int rc = EXIT_USAGE;

	memset(&ws, 0, sizeof(ws));
	if (argc != 2 || argv[1][0] == '-') {
		fputs("usage: rapport history CLIENT\n", stderr);
		return EXIT_USAGE;
	}
	if (ws_open(&ws, ".", g->today, &d) == -1 ||
	    repo_open(&r, ws.root, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	if ((rel = cli_client(&ws, argv[1])) == NULL)
		goto out;
	if ((n = repo_history(r, rel, collect, &l, &d)) < 0) {
		cli_diags(&d);
		goto out;
	}
	if (n == 0 && !repo_shallow(r))
		printf("%s has no commits yet: 'rapport commit' records it\n",
		    rel);
	/* Authors padded to one width, in characters, not bytes. */
	for (i = 0; i < l.n; i++)
		if (width(l.v[i].author) > w)
			w = width(l.v[i].author);
	for (i = 0; i < l.n; i++)
		printf("%s  %s%*s  %s  %s\n", l.v[i].day, l.v[i].author,
		    (int)(w - width(l.v[i].author)), "", l.v[i].summary,
		    l.v[i].id);
	if (repo_shallow(r))
		printf("(the history is cut: this is a shallow clone; 'git "
		    "fetch --unshallow' brings the rest)\n");
	rc = EXIT_OK;
out:
	for (i = 0; i < l.n; i++) {
		free(l.v[i].author);
		free(l.v[i].summary);
	}
	free(l.v);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
