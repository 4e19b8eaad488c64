/*
 * cmd_sync.c: rapport sync [--tries N] [REMOTE]
 *
 * Fetches, merges with the rapport merge, commits, pushes (core/sync/sync.h),
 * and says what it did in a line: "origin/main: fetched 3 commits, merged
 * 2 clients, pushed 1 commit".  Exit 0 when done, 1 when conflicts wait
 * for a person (each named with what to do), 2 when it failed or the
 * remote kept moving.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "source.h"
#include "sync.h"
#include "util.h"

#define SYNC_TRIES	5

/* The merged version of a file, validated as check would. */
static int
valid(const char *path, const char *text, size_t len, void *arg,
    struct diags *d)
{
	const struct workspace *ws = arg;
	struct client c;
	struct config cfg;
	struct source src;
	size_t before = d->nerr;
	int n;

	if (strcmp(path, "rapport.ini") != 0) {
		n = cli_parse(ws, path, text, len, &c, d);
		client_free(&c);
		return n;
	}
	config_defaults(&cfg);
	if (source_from_mem(&src, path, text, len, d) == 0)
		config_parse(&cfg, &src, d);
	source_free(&src);
	config_free(&cfg);
	return (int)(d->nerr - before);
}

static const char *
plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void
say(const struct sync_result *res, int rc)
{
	struct buf b = { 0 };

	buf_printf(&b, "%s: ", res->branch);
	if (res->nothing) {
		printf("%salready in sync: nothing to fetch, merge or push\n",
		    b.s);
		buf_free(&b);
		return;
	}
	buf_printf(&b, "fetched %zu %s", res->fetched, plural(res->fetched,
	    "commit", "commits"));
	if (res->merged > 0 || res->merge_commit || rc == SYNC_CONFLICTS)
		buf_printf(&b, ", %s %zu %s", res->fast_forward ? "took" :
		    "merged", res->merged, plural(res->merged, "client",
		    "clients"));
	if (rc == SYNC_DONE && res->pushed > 0)
		buf_printf(&b, ", pushed %zu %s%s", res->pushed,
		    plural(res->pushed, "commit", "commits"),
		    res->no_remote_branch ? " (a new branch there)" : "");
	else if (rc == SYNC_DONE)
		buf_puts(&b, ", nothing to push");
	if (res->rounds > 1)
		buf_printf(&b, " (%d rounds: the remote moved meanwhile)",
		    res->rounds);
	puts(b.s);
	buf_free(&b);
}

/* Each conflict where it is, as check reports it, and what to do. */
static void
print_conflicts(const struct sync_result *res)
{
	struct diags c = { 0 };
	size_t i;
	int k;

	for (i = 0; i < res->nconflicts; i++) {
		const struct sync_conflict *x = &res->conflicts[i];

		for (k = 0; k < x->nlines; k++)
			diag_msg(&c, x->path, x->lines[k], 1, DIAG_ERROR,
			    "conflict: %s", x->what[k] != NULL ? x->what[k] :
			    x->why);
		if (x->nlines == 0)
			diag_msg(&c, x->path, 0, 0, DIAG_ERROR, "conflict: %s",
			    x->why);
	}
	diag_sort(&c);
	diag_print(&c, stdout, cli_colour(stdout));
	diags_free(&c);
	printf("nothing was committed or pushed: resolve %s ('rapport edit' "
	    "opens a client, 'rapport check' shows what is left), then "
	    "'rapport commit' concludes the merge and 'rapport sync' pushes "
	    "it\n", plural(res->nconflicts, "it", "them"));
}

int
cmd_sync(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "tries", required_argument, NULL, 't' },
		{ "no-verify", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct repo *r = NULL;
	struct diags d = { 0 };
	struct sync_opts o;
	struct sync_result res;
	char *end;
	int ch, rc = EXIT_USAGE, s;

	memset(&ws, 0, sizeof(ws));
	memset(&res, 0, sizeof(res));
	memset(&o, 0, sizeof(o));
	o.tries = SYNC_TRIES;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 't') {
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || v < 1 || v > 100) {
				cli_error("--tries '%s' is not a number of rounds "
				    "from 1 to 100", optarg);
				return EXIT_USAGE;
			}
			o.tries = (int)v;
		} else if (ch == 'V')
			o.no_verify = 1;
		else
			return cli_usage(NULL);
	}
	if (argc - optind > 1)
		return cli_usage("sync takes one remote at most");
	o.remote = optind < argc ? argv[optind] : NULL;
	if (cli_begin(&ws, &r, g, &d) == -1)
		goto out;
	o.valid = valid;
	o.arg = &ws;
	cli_hold();
	s = sync_run(r, &o, &res, &d);
	cli_release();
	cli_diags(&d);
	if (s == SYNC_FAILED)
		goto out;
	if (res.branch != NULL && s != SYNC_BUSY)
		say(&res, s);
	if (s == SYNC_CONFLICTS) {
		print_conflicts(&res);
		rc = EXIT_PROBLEMS;
		goto out;
	}
	rc = s == SYNC_DONE ? EXIT_OK : EXIT_USAGE;
out:
	sync_result_free(&res);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
