/*
 * cmd_history.c: rapport history [-n N] CLIENT
 *
 * The commits that changed the client's file, newest first, one a line:
 * date and time, author, message (without the "slug: " of rapport's own
 * commits), short id.  The commits are the client page's, from the one
 * history of the site (history.h), which follows the file across moves
 * between folders of clients/ as "git log --follow" does.  Dates and
 * times are the author's, in the author's time zone, as git log shows
 * them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "history.h"
#include "text.h"
#include "util.h"

/* The most commits shown: as many as there are, unless -n says. */
#define HISTORY_ALL	UINT32_MAX

/* Characters in a UTF-8 string: the bytes that start one. */
static size_t
width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A commit's author and message may hold anything: shown visibly. */
static char *
visible(const char *s)
{
	char *v = text_visible(s);

	return v != NULL ? v : xstrdup(s);
}

int
cmd_history(const struct globals *g, int argc, char **argv)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct history *h = NULL;
	struct diags d = { 0 };
	const struct repo_commit *c;
	const char *rel;
	char *slug = NULL, *end, day[11];
	size_t i, w = 0, max = HISTORY_ALL;
	long n;
	int ch, rc = EXIT_USAGE;

	memset(&ws, 0, sizeof(ws));
	while ((ch = getopt(argc, argv, "n:")) != -1) {
		if (ch != 'n')
			return cli_usage(NULL);
		errno = 0;
		n = strtol(optarg, &end, 10);
		if (errno != 0 || end == optarg || *end != '\0' || n < 1 ||
		    n > (long)HISTORY_ALL) {
			cli_error("-n '%s' is not a number of commits: give a "
			    "whole number from 1, like -n 20", optarg);
			return EXIT_USAGE;
		}
		max = (size_t)n;
	}
	if (argc - optind != 1)
		return cli_usage(argc - optind < 1 ? "history needs the "
		    "client" : "history shows one client: give one");
	if (ws_open(&ws, ".", g->today, &d) == -1 ||
	    repo_open(&r, ws.root, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	if ((rel = cli_client(&ws, argv[optind])) == NULL)
		goto out;
	slug = ws_slug(rel);
	/*
	 * The site's one walk, for this command uncached: the cache holds
	 * the site's fifty a client, this may need them all.
	 */
	if ((h = history_load(r, max, 0, g->jobs, &d)) == NULL) {
		cli_diags(&d);
		goto out;
	}
	/* Authors padded to one width, in characters, not bytes. */
	for (i = 0; (c = history_get(h, slug, i)) != NULL; i++) {
		char *a = visible(c->author);

		if (width(a) > w)
			w = width(a);
		free(a);
	}
	if (i == 0 && !history_cut(h))
		printf("%s has no commits yet: 'rapport commit' records it\n",
		    rel);
	for (i = 0; (c = history_get(h, slug, i)) != NULL; i++) {
		char *a = visible(c->author);
		char *m = visible(history_message(c, slug));

		date_format(c->day, day);
		printf("%s %02d:%02d  %s%*s  %s  %s\n", day, c->minutes / 60,
		    c->minutes % 60, a, (int)(w - width(a)), "", m,
		    c->short_id);
		free(a);
		free(m);
	}
	if (history_cut(h))
		printf("(the history is cut: this is a shallow clone; 'git "
		    "fetch --unshallow' brings the rest)\n");
	rc = EXIT_OK;
out:
	history_free(h);
	free(slug);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
