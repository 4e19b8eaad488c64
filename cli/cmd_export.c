/*
 * cmd_export.c: rapport export vcard [--version 3.0|4.0] DIR
 *
 * Writes every person of the active clients and leads as a vdir: one
 * vCard per file, named by its UID, for khard and vdirsyncer (vdir.h).
 * The history (through its cache) gives each card's REV.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "util.h"
#include "site.h"
#include "vdir.h"

int
cmd_export(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct repo *r = NULL;
	struct history *hist = NULL;
	struct diags d = { 0 }, quiet = { 0 };
	struct vcard_ctx x = { NULL, NULL, VCARD_3, NULL, NULL, 0 };
	struct vdir_stats st;
	const char **slugs;
	size_t i;
	int ch, rc = EXIT_USAGE;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'v' && strcmp(optarg, "3.0") == 0)
			x.version = VCARD_3;
		else if (ch == 'v' && strcmp(optarg, "4.0") == 0)
			x.version = VCARD_4;
		else
			return cli_usage(ch == 'v' ? "--version is 3.0 (the "
			    "default, read everywhere) or 4.0 (RFC 6350)" :
			    NULL);
	}
	if (optind + 2 != argc || strcmp(argv[optind], "vcard") != 0)
		return cli_usage(optind < argc && strcmp(argv[optind],
		    "vcard") != 0 ? "export writes 'vcard' alone: rapport "
		    "export vcard DIR" : "give the folder of the cards: "
		    "rapport export vcard DIR");
	memset(&ws, 0, sizeof(ws));
	if (cli_open(&ws, g, &d) == -1)
		goto out;
	/* Without a repository the cards simply have no REV. */
	if (repo_open(&r, ws.root, &quiet) == -1)
		r = NULL;
	if (r != NULL && (hist = history_load(r, SITE_HISTORY_MAX,
	    cli_caching(), ws.jobs, &d)) == NULL) {
		cli_diags(&d);
		goto out;
	}
	(void)cli_load_cached(&ws, r, &d, 1);
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	x.workspace = ws.cfg.name;
	x.site_url = ws.cfg.site_url;
	x.hist = hist;
	slugs = xcalloc(ws.nclients + 1, sizeof(*slugs));
	for (i = 0; i < ws.nclients; i++)
		slugs[i] = ws.clients[i].slug;
	vcard_ctx_slugs(&x, slugs, ws.nclients);
	free(slugs);
	if (vdir_write(&ws, &x, argv[optind + 1], &st, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	printf("%s: %zu cards, %zu written, %zu unchanged%s", argv[optind + 1],
	    st.cards, st.written, st.cards - st.written, st.removed ? ", " :
	    "\n");
	if (st.removed)
		printf("%zu removed\n", st.removed);
	rc = EXIT_OK;
out:
	vcard_ctx_free(&x);
	history_free(hist);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	diags_free(&quiet);
	return rc;
}
