/*
 * cmd_status.c: rapport status [--owner H] [--all] [--json]
 *
 * What needs doing, most urgent first: clients grouped by state, one line
 * per signal with the client, what to do, and when.  Without --all only
 * overdue and due clients are listed, with their overdue and due signals;
 * --json prints the SPEC's document (every signal of each listed client).
 * A client file with errors is listed first of all, under Overdue (and in
 * the document's "invalid"): its follow-ups are unknown until it is
 * fixed.  With --owner it is listed when its owner is that one or could
 * not be read at all.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "followup.h"
#include "invalid.h"
#include "json.h"
#include "text.h"
#include "util.h"


static void
print_text(const struct followup *v, size_t n,
    const struct invalid *const *bad, size_t nbad, date_t today, int all,
    int colour)
{
	size_t i, j, width = 4, count[LEVEL__COUNT] = { 0 };
	int state = -1;
	char w[48], d[16];

	for (i = 0; i < n; i++)
		if (strlen(v[i].client->slug) > width)
			width = strlen(v[i].client->slug);
	for (i = 0; i < nbad; i++)
		if (strlen(bad[i]->slug) > width)
			width = strlen(bad[i]->slug);
	if (width > 28)
		width = 28;
	/* Files with errors first: their follow-ups could be anything. */
	if (nbad > 0) {
		state = LEVEL_OVERDUE;
		printf("%s%s%s\n", colour ? level_colour(LEVEL_OVERDUE) : "",
		    level_label(LEVEL_OVERDUE), colour ? "\033[0m" : "");
	}
	for (i = 0; i < nbad; i++) {
		/* A file's name and its error may quote anything. */
		char *slug = text_visible(bad[i]->slug);
		char *text = text_visible(bad[i]->text);

		printf("  %-*s  %s%s%s\n", (int)width,
		    slug ? slug : bad[i]->slug,
		    colour ? level_colour(LEVEL_OVERDUE) : "",
		    text ? text : bad[i]->text, colour ? "\033[0m" : "");
		free(slug);
		free(text);
	}
	for (i = 0; i < n; i++) {
		const struct followup *f = &v[i];
		size_t hidden = 0;

		count[f->state]++;
		if (!all && f->state < LEVEL_DUE)
			continue;
		if ((int)f->state != state) {
			printf("%s%s%s%s\n", state >= 0 ? "\n" : "",
			    colour ? level_colour(f->state) : "",
			    level_label(f->state), colour ? "\033[0m" : "");
			state = (int)f->state;
		}
		if (f->nsignals == 0)
			printf("  %-*s  nothing to follow up (%s)\n", (int)width,
			    f->client->slug,
			    client_status_name(f->client->status));
		for (j = 0; j < f->nsignals; j++) {
			const struct signal *s = &f->signals[j];

			if (!all && s->level < LEVEL_DUE) {
				hidden++;
				continue;
			}
			followup_when(w, sizeof(w), s, today);
			printf("  %-*s  %s%s%s — %s\n", (int)width,
			    f->client->slug,
			    colour ? level_colour(s->level) : "", s->text,
			    colour ? "\033[0m" : "", w);
		}
		if (hidden > 0)
			printf("  %-*s  (and %zu upcoming)\n", (int)width, "",
			    hidden);
	}
	/* A reference date in another year makes the year show. */
	date_human(today, today - 366, d);
	if (n == 0 && nbad == 0) {
		printf("no clients to report\n");
		return;
	}
	printf("%s", state >= 0 ? "\n" : "");
	if (nbad > 0)
		printf("%zu with errors, ", nbad);
	printf("%zu overdue, %zu due, %zu upcoming, %zu ok: %s\n",
	    count[LEVEL_OVERDUE], count[LEVEL_DUE], count[LEVEL_UPCOMING],
	    count[LEVEL_OK], d);
}

int
cmd_status(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "owner", required_argument, NULL, 'o' },
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct diags d = { 0 };
	struct followup *v = NULL;
	struct ws_each each = { 0 };
	struct invalids inv = { NULL, 0 };
	const struct invalid **bad = NULL;
	const char *owner = NULL;
	size_t i, n = 0, nbad = 0, shown;
	int ch, all = 0, json = 0, loaded, rc = EXIT_USAGE;

	memset(&ws, 0, sizeof(ws));
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			owner = optarg;
			break;
		case 'a':
			all = 1;
			break;
		case 'j':
			json = 1;
			break;
		default:
			return cli_usage(NULL);
		}
	}
	if (optind < argc)
		return cli_usage("status takes no client: 'rapport show %s' "
		    "shows one", argv[optind]);
	if (cli_open(&ws, g, &d) == -1)
		goto out;
	each.cache = cli_cache(&ws, NULL);
	loaded = cli_load_each(&ws, &d, 1, &each);
	(void)cache_write(each.cache);
	if (owner != NULL && ws.cfg.nowners > 0 &&
	    config_owner(&ws.cfg, owner) == NULL) {
		cli_error("owner '%s' is not declared in rapport.ini", owner);
		goto out;
	}
	invalid_collect(&inv, &ws, &d);
	bad = xcalloc(inv.n + 1, sizeof(*bad));
	for (i = 0; i < inv.n; i++)
		if (invalid_owned_by(&inv.v[i], owner))
			bad[nbad++] = &inv.v[i];
	v = xcalloc(ws.nclients, sizeof(*v));
	for (i = 0; i < ws.nclients; i++) {
		const struct client *c = &ws.clients[i];

		if (c->errors > 0 || (owner != NULL && (c->owner == NULL ||
		    strcmp(c->owner, owner) != 0)))
			continue;
		v[n++] = ws.follow[i];		/* still owned by ws */
	}
	followup_sort(v, n);
	if (json) {
		struct buf b = { 0 };

		for (shown = 0; shown < n && (all ||
		    v[shown].state >= LEVEL_DUE); shown++)
			continue;
		json_status(&b, g->today, v, shown, bad, nbad);
		fwrite(b.s, 1, b.len, stdout);
		buf_free(&b);
	} else
		print_text(v, n, bad, nbad, g->today, all, cli_colour(stdout));
	rc = loaded == 1 ? EXIT_PROBLEMS : EXIT_OK;
	goto out;
out:
	cache_free(each.cache);
	invalid_free(&inv);
	free(bad);
	free(v);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
