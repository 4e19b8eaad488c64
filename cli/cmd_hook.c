/*
 * cmd_hook.c: rapport hook pre-receive|post-receive
 *
 * What git runs on the team's server (rapport init --shared installs
 * it; core/git/serve.h has the settings).  Both read git's "OLD NEW REF"
 * lines on standard input and care only for the workspace branch.
 *
 * pre-receive checks the branch's new commit as check --rev does (with
 * --strict when rapport.strict is set) and refuses the push when it
 * fails, or when it deletes the branch.  git shows what it prints to the
 * pusher, each line after "remote: ".
 *
 * post-receive publishes the branch as it is when its build's turn comes
 * (a push that came in meanwhile may have moved it: the site then shows
 * the later one, and never goes back to an earlier one) into
 * rapport.site, switched whole (publish.h), and its report pages alone
 * into rapport.share.  Publishes take turns.  Its exit status cannot
 * undo the push: a failed build says why and leaves the old site up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "serve.h"
#include "util.h"

/* git's lines are short: more than this is not git talking. */
#define HOOK_INPUT_MAX (16u << 20)

/* The hook's standard input, read whole; NULL (said) when too long. */
static char *
read_input(size_t *len)
{
	struct buf b = { 0 };
	char chunk[8192];
	size_t n;

	buf_grow(&b, 1);
	b.s[0] = '\0';
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (b.len + n > HOOK_INPUT_MAX) {
			cli_error("the hook's input is over %u MiB: run it "
			    "from git", HOOK_INPUT_MAX >> 20);
			buf_free(&b);
			return NULL;
		}
		buf_putn(&b, chunk, n);
	}
	*len = b.len;
	return buf_detach(&b);
}

/* The branch's name as people say it: main, not refs/heads/main. */
static const char *
short_ref(const char *ref)
{
	return strncmp(ref, "refs/heads/", 11) == 0 ? ref + 11 : ref;
}

/* Checks each new commit of the branch; the worst exit status. */
static int
pre_receive(const struct globals *g, struct serve *sv,
    const struct serve_update *u, size_t n)
{
	const char *branch = serve_branch(sv);
	size_t i;
	int rc = EXIT_OK, st;

	for (i = 0; i < n; i++) {
		if (strcmp(u[i].ref, branch) != 0)
			continue;
		if (serve_id_none(u[i].new)) {
			fprintf(stderr, "rapport: %s is the workspace's branch, "
			    "which the server's site is built from: it is "
			    "not deleted\n", short_ref(branch));
			rc = EXIT_PROBLEMS;
			continue;
		}
		fflush(stdout);
		st = cli_check(g, u[i].new, serve_settings(sv)->strict, NULL,
		    0);
		fflush(stdout);
		if (st != EXIT_OK) {
			fprintf(stderr, "rapport: the push to %s was refused: "
			    "%s; fix %s, commit and push again\n",
			    short_ref(branch),
			    st == EXIT_PROBLEMS ? "its files have the "
			    "problems above" : "it could not be checked",
			    st == EXIT_PROBLEMS ? "them" : "what is said above");
			rc = st;
		}
	}
	return rc;
}

/* Publishes the branch as it is now, when the push moved it. */
static int
post_receive(const struct globals *g, struct serve *sv,
    const struct serve_update *u, size_t n)
{
	const struct serve_settings *set = serve_settings(sv);
	struct diags d = { 0 };
	struct cli_build site = { NULL, NULL, 0, NULL, 1, 0 };
	struct cli_build share = { NULL, NULL, 1, NULL, 0, 0 };
	char id[41];
	size_t i;
	int rc = EXIT_OK, st, moved = 0;

	for (i = 0; i < n; i++)
		if (strcmp(u[i].ref, serve_branch(sv)) == 0)
			moved = 1;
	if (!moved || (set->site == NULL && set->share == NULL))
		return EXIT_OK;
	if ((st = serve_tip(sv, id, &d)) != 0) {
		cli_diags(&d);
		diags_free(&d);
		return st == 1 ? EXIT_OK : EXIT_USAGE;
	}
	/*
	 * The branch by name, resolved once the build's turn has come: a
	 * build that waited for another must not put an older tip back.
	 */
	site.rev = share.rev = serve_branch(sv);
	site.out = set->site;
	share.out = set->share;
	/* A site with invalid clients is still the site (they are listed). */
	if (set->site != NULL && (st = cli_build(g, &site)) != EXIT_OK &&
	    st != EXIT_PROBLEMS) {
		fprintf(stderr, "rapport: %s still shows the site as it was "
		    "before\n", set->site);
		rc = st;
	}
	if (set->share != NULL && (st = cli_build(g, &share)) != EXIT_OK &&
	    st != EXIT_PROBLEMS && rc == EXIT_OK)
		rc = st;
	return rc;
}

int
cmd_hook(const struct globals *g, int argc, char **argv)
{
	struct diags d = { 0 };
	struct serve *sv = NULL;
	struct serve_update *u = NULL;
	char *input = NULL;
	size_t n = 0, len = 0;
	int rc = EXIT_USAGE, pre;

	if (argc < 2)
		return cli_usage("which hook: pre-receive or post-receive");
	if (argc > 2 || (strcmp(argv[1], "pre-receive") != 0 &&
	    strcmp(argv[1], "post-receive") != 0))
		return cli_usage("'%s' is not a hook of rapport's: pre-receive "
		    "or post-receive", argv[argc > 2 ? 2 : 1]);
	pre = strcmp(argv[1], "pre-receive") == 0;
	if ((input = read_input(&len)) == NULL)
		goto out;
	if ((sv = serve_open(".", &d)) == NULL ||
	    serve_updates_parse(input, len, &u, &n, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	rc = pre ? pre_receive(g, sv, u, n) : post_receive(g, sv, u, n);
out:
	serve_updates_free(u, n);
	serve_close(sv);
	free(input);
	diags_free(&d);
	return rc;
}
