/*
 * load.c: open and read the workspace for the commands that report on it
 * (status, show).  Invalid files are left out of the report and named on
 * standard error with a pointer to "rapport check"; the diagnostics
 * themselves are check's job.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#ifndef RAPPORT_BUILD
#define RAPPORT_BUILD __DATE__ " " __TIME__
#endif

#include "cli.h"
#include "ftree.h"
#include "text.h"
#include "fileio.h"
#include "repo.h"
#include "util.h"

int
cli_jobs(void)
{
	const char *e = getenv("RAPPORT_JOBS");
	long n;

	if (e != NULL && (n = strtol(e, NULL, 10)) >= 1 && n <= UTIL_MAX_JOBS)
		return (int)n;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > UTIL_MAX_JOBS ? UTIL_MAX_JOBS : (int)n;
}

int
cli_open(struct workspace *ws, const struct globals *g, struct diags *d)
{
	if (ws_open(ws, ".", g->today, d) == -1) {
		diag_print(d, stderr, cli_colour(stderr));
		return -1;
	}
	ws->jobs = g->jobs;
	return 0;
}

int
cli_open_rev(struct workspace *ws, struct repo **r, struct ftree *t,
    const char *rev, const struct globals *g, struct diags *d)
{
	char *root = NULL;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	if (repo_open_rev(r, ".", rev, d) == -1 || repo_rev_tree(*r, t,
	    cli_caching(), d) == -1)
		goto out;
	root = repo_rev_root(*r);
	if (ws_open_tree(ws, root, t, g->today, d) == -1)
		goto out;
	ws->jobs = g->jobs;
	rc = 0;
out:
	if (rc == -1)
		diag_print(d, stderr, cli_colour(stderr));
	free(root);
	return rc;
}

static int
loaded(struct workspace *ws, struct diags *d, int name_bad)
{
	size_t i, nbad = 0, ini_errors;

	ini_errors = diag_count(d, "rapport.ini", DIAG_ERROR);
	for (i = 0; i < ws->nclients; i++)
		if (ws->clients[i].errors > 0)
			nbad++;
	if (ini_errors > 0)
		fprintf(stderr, "rapport: rapport.ini has %zu error%s; defaults "
		    "stand in for the bad values: run 'rapport check'\n",
		    ini_errors, ini_errors == 1 ? "" : "s");
	if (nbad > 0 && name_bad) {
		fprintf(stderr, "rapport: %zu client file%s with errors, so "
		    "follow-ups unknown:", nbad, nbad == 1 ? "" : "s");
		for (i = 0; i < ws->nclients; i++)
			if (ws->clients[i].errors > 0) {
				char *v = text_visible(ws->clients[i].path);

				fprintf(stderr, " %s", v ? v : ws->clients[i].path);
				free(v);
			}
		fputs("; run 'rapport check'\n", stderr);
	}
	return nbad > 0 || ini_errors > 0 ? 1 : 0;
}

int
cli_load(struct workspace *ws, const struct globals *g, struct diags *d,
    int name_bad)
{
	if (ws->root == NULL && cli_open(ws, g, d) == -1)
		return -1;
	ws_load(ws, NULL, 0, d);
	return loaded(ws, d, name_bad);
}

int
cli_load_each(struct workspace *ws, struct diags *d, int name_bad,
    const struct ws_each *each)
{
	ws_load_each(ws, NULL, 0, each, d);
	return loaded(ws, d, name_bad);
}

int
cli_load_cached(struct workspace *ws, struct repo *r, struct diags *d,
    int name_bad)
{
	struct ws_each each = { 0 };
	int rc;

	each.cache = cli_cache(ws, r, NULL);
	rc = cli_load_each(ws, d, name_bad, &each);
	(void)cache_write(each.cache);
	cache_free(each.cache);
	return rc;
}

struct followup *
cli_listed(const struct workspace *ws, const char *owner, size_t *n)
{
	struct followup *v = xcalloc(ws->nclients + 1, sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < ws->nclients; i++) {
		const struct client *c = &ws->clients[i];

		if (c->errors > 0 || (owner != NULL && (c->owner == NULL ||
		    strcmp(c->owner, owner) != 0)))
			continue;
		v[(*n)++] = ws->follow[i];	/* its insides still ws's */
	}
	return v;
}

int
cli_owner_ok(const struct workspace *ws, const char *owner)
{
	if (owner == NULL || ws->cfg.nowners == 0 ||
	    config_owner(&ws->cfg, owner) != NULL)
		return 0;
	cli_error("owner '%s' is not declared in rapport.ini", owner);
	return -1;
}

/*
 * A hash of this program's bytes: a cache written by another build of
 * rapport, whatever its version says, is never read.
 */
static uint64_t
program_hash(void)
{
	char *data = NULL;
	size_t len = 0;
	uint64_t h = 0x72617070;

	if (file_read_all("/proc/self/exe", &data, &len) == 0)
		h = hash64(data, len, h);
	else
		h = hash64(RAPPORT_BUILD, strlen(RAPPORT_BUILD), h);
	free(data);
	return h;
}

int
cli_caching(void)
{
	const char *e = getenv("RAPPORT_NO_CACHE");

	return e == NULL || *e == '\0';
}

struct cache *
cli_cache(const struct workspace *ws, struct repo *r, const char *name)
{
	struct repo *mine = NULL;
	struct diags quiet = { 0 };
	struct cache *k = NULL;
	char *path;

	if (!cli_caching() || (r == NULL && repo_open(&mine, ws->root,
	    &quiet) == -1))
		goto out;
	path = repo_state_path(repo_gitdir(r ? r : mine), name != NULL ?
	    name : "clients");
	k = cache_open(path, ws_cache_key(ws, program_hash()));
	free(path);
out:
	repo_close(mine);
	diags_free(&quiet);
	return k;
}
