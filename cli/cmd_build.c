/*
 * cmd_build.c: rapport build [--rev REV] [--only share] [-o DIR]
 *
 * Renders the site into DIR (default: _site/ in the workspace).  Clients
 * whose files have errors are left out, named on standard error and listed
 * on the index page; the exit status is then 1.  The git history of each
 * client is read when the workspace is in a repository.  With --rev the
 * site is that of a commit, in any repository (bare ones too), history
 * read from it: what a server publishes after a push.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ftree.h"
#include "publish.h"
#include "share.h"
#include "site.h"
#include "util.h"

/*
 * Puts the rendered site in place at out, not to be cut short by a
 * signal; then the cache may say so.  Says what was written: 0, or -1.
 */
static int
put_in_place(struct site *s, struct cache *cache, const char *out,
    struct diags *d)
{
	struct site_stats st;
	int rc;

	cli_hold();
	rc = site_commit(s, &st, d);
	cli_diags(d);
	if (rc == 0)
		(void)cache_write(cache);
	cli_release();
	if (rc == -1)
		return -1;
	printf("%s: %zu files, %zu written, %zu unchanged%s", out, st.pages,
	    st.written, st.pages - st.written, st.removed ? ", " : "\n");
	if (st.removed)
		printf("%zu stale removed\n", st.removed);
	return 0;
}

/* The clients are read through cache, each page rendered as its is read. */
static struct ws_each
site_reader(struct site *s, struct cache *cache)
{
	struct ws_each each = { 0 };

	each.flags = CLIENT_HTML;
	each.visit = site_visit;
	each.need = site_need;
	each.arg = s;
	each.cache = cache;
	return each;
}

/* -o DIR, --only share and --rev REV; -1 (said) for anything else. */
static int
build_options(int argc, char **argv, const char **out, int *share,
    const char **rev)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "only", required_argument, NULL, 'O' },
		{ "rev", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *why = NULL;
	int ch;

	while (why == NULL && (ch = getopt_long(argc, argv, "o:", opts,
	    NULL)) != -1) {
		if (ch == 'o')
			*out = optarg;
		else if (ch == 'r')
			*rev = optarg;
		else if (ch == 'O' && strcmp(optarg, "share") == 0)
			*share = 1;
		else
			why = ch == 'O' ? "--only takes 'share': the clients' "
			    "report pages alone" : "";
	}
	if (why == NULL && optind < argc) {
		(void)cli_usage("'%s' is not an option of build: the folder "
		    "the site goes to is given with -o DIR", argv[optind]);
		return -1;
	}
	/* Never into the internal site's folder, which it would empty. */
	if (why == NULL && *share && *out == NULL)
		why = "--only share writes the report pages apart from the "
		    "site: give their folder with -o DIR";
	/* A bare repository has no _site/ to default to. */
	if (why == NULL && *rev != NULL && *out == NULL)
		why = "--rev builds a commit's site: give its folder with -o "
		    "DIR";
	if (why != NULL)
		(void)cli_usage(*why != '\0' ? "%s" : NULL, why);
	return why != NULL ? -1 : 0;
}

static int build(const struct globals *, const struct cli_build *);

/*
 * A build into a folder served as it is written: into the build not
 * served, then the link turned to it (publish.h), taking turns.
 */
static int
build_published(const struct globals *g, const struct cli_build *o)
{
	struct diags d = { 0 };
	struct publish *p;
	struct cli_build in = *o;
	int rc = EXIT_USAGE;

	if ((p = publish_begin(o->out, &d)) == NULL)
		goto out;
	in.out = publish_slot(p);
	in.cache = publish_cache(p);
	in.publish = 0;
	/* No one reads the build not served: its pages are written over. */
	in.in_place = 1;
	rc = build(g, &in);
	/* A site with invalid clients is still the site (they are listed). */
	if ((rc == EXIT_OK || rc == EXIT_PROBLEMS) &&
	    publish_commit(p, &d) == -1)
		rc = EXIT_USAGE;
out:
	cli_diags(&d);
	publish_free(p);
	diags_free(&d);
	return rc;
}

int
cli_build(const struct globals *g, const struct cli_build *o)
{
	struct diags d = { 0 };
	int fd, rc;

	if (o->out != NULL && (o->publish || publish_managed(o->out)))
		return build_published(g, o);
	if (o->rev == NULL)
		return build(g, o);
	/* A commit's build takes turns, its branch resolved in its turn. */
	if ((fd = publish_lock(o->out, &d)) == -1) {
		cli_diags(&d);
		diags_free(&d);
		return EXIT_USAGE;
	}
	rc = build(g, o);
	close(fd);
	diags_free(&d);
	return rc;
}

static int
build(const struct globals *g, const struct cli_build *o)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct diags d = { 0 }, quiet = { 0 };
	struct ftree tree = { 0 };
	struct site *s = NULL;
	struct ws_each each = { 0 };
	struct invalids inv = { NULL, 0 };
	char *out = NULL;
	int rc = EXIT_USAGE, loaded;

	memset(&ws, 0, sizeof(ws));
	if (o->rev != NULL ? cli_open_rev(&ws, &r, &tree, o->rev, g,
	    &d) == -1 : cli_open(&ws, g, &d) == -1)
		goto out;
	/* A signal stops the work; what was staged is then removed. */
	cli_catch();
	out = o->out != NULL ? xstrdup(o->out) :
	    xasprintf("%s/_site", ws.root);
	/* Without a repository the site simply has no history. */
	if (o->rev == NULL && repo_open(&r, ws.root, &quiet) == -1)
		r = NULL;
	/* The report pages show no history: not read for them alone. */
	if ((s = site_new(&ws, o->share ? NULL : r, out, (cli_caching() ?
	    SITE_CACHE : 0) | (o->share ? SITE_SHARE_ONLY : 0) |
	    (o->in_place ? SITE_IN_PLACE : 0), &d)) == NULL) {
		if (cli_caught())
			goto interrupted;
		cli_diags(&d);
		goto out;
	}
	/*
	 * The report pages alone go elsewhere than the site: a cache of
	 * their own keeps each build's pages known to it.
	 */
	each = site_reader(s, cli_cache(&ws, r, o->cache != NULL ? o->cache :
	    o->share ? "share" : NULL));
	loaded = cli_load_each(&ws, &d, 1, &each);
	if (cli_caught())
		goto interrupted;
	/* Problems in files are check's to show; the build names them. */
	invalid_collect(&inv, &ws, &d);
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	/* One key on two clients would make one page of two: refused. */
	if (share_check_unique(&ws, &d) > 0) {
		cli_diags(&d);
		cli_error("nothing was built: give each client a key of its "
		    "own");
		goto out;
	}
	if (site_render(s, each.cache, &inv, &d) == -1) {
		if (cli_caught())
			goto interrupted;
		cli_diags(&d);
		goto out;
	}
	if (put_in_place(s, each.cache, out, &d) == 0)
		rc = loaded == 1 ? EXIT_PROBLEMS : EXIT_OK;
	goto out;
interrupted:
	cli_error("interrupted (signal %d): %s is as it was", cli_caught(),
	    out);
	rc = 128 + cli_caught();
out:
	cache_free(each.cache);
	invalid_free(&inv);
	site_free(s);
	free(out);
	ws_close(&ws);
	repo_close(r);
	ftree_free(&tree);
	diags_free(&d);
	diags_free(&quiet);
	return rc;
}

int
cmd_build(const struct globals *g, int argc, char **argv)
{
	struct cli_build o = { NULL, NULL, 0, NULL, 0, 0 };

	if (build_options(argc, argv, &o.out, &o.share, &o.rev) == -1)
		return EXIT_USAGE;
	return cli_build(g, &o);
}
