/*
 * cmd_status.c: rapport status [--owner H] [--all] [--json]
 *
 * What needs doing, most urgent first: one line per signal, with the
 * client, what to do and when, each under its own level (Overdue, Due,
 * Upcoming) and, within one, by due date; with --all each line also names
 * its level.  Without --all only overdue and due signals are listed;
 * --json prints the SPEC's document (every signal of each listed client).
 * A client file with errors is listed first of all, under Overdue (and in
 * the document's "invalid"): its follow-ups are unknown until it is
 * fixed.  With --owner it is listed when its owner is that one or could
 * not be read at all.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "followup.h"
#include "invalid.h"
#include "json.h"
#include "text.h"
#include "util.h"


/* One line of the listing: a signal, or (s NULL) a client with none. */
struct line {
	const struct followup	*f;
	const struct signal	*s;
	enum level		 level;
	size_t			 seq;	/* the order followup gave */
};

/* Most urgent level first; within one, the earliest due; then as given. */
static int
line_cmp(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	int c;

	/*
	 * A line without a signal is a client with nothing to follow up:
	 * followup lists those last, so the order they came in keeps them
	 * under OK, after every signal.
	 */
	if (x->s != NULL && y->s != NULL && (c = signal_order(x->s, y->s)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * The lines to show, into *out (allocated, *nl of them): a line per
 * signal at or above due (every one with all), a client without any on
 * a line of its own with all.  count gets the clients per state, hidden
 * the signals left out.
 */
static struct line *
collect(const struct followup *v, size_t n, int all, size_t *nl,
    size_t count[LEVEL__COUNT], size_t *hidden)
{
	struct line *l = NULL;
	size_t i, j, cap = 0;

	*nl = 0;
	*hidden = 0;
	for (i = 0; i < n; i++) {
		const struct followup *f = &v[i];

		count[f->state]++;
		for (j = 0; j < f->nsignals || (j == 0 && f->nsignals == 0);
		    j++) {
			const struct signal *s = f->nsignals > 0 ?
			    &f->signals[j] : NULL;

			if (!all && (s == NULL || s->level < LEVEL_DUE)) {
				*hidden += s != NULL;
				continue;
			}
			xgrow(&l, &cap, *nl + 1, sizeof(*l));
			l[*nl].f = f;
			l[*nl].s = s;
			l[*nl].level = s != NULL ? s->level : LEVEL_OK;
			l[*nl].seq = *nl;
			++*nl;
		}
	}
	if (*nl > 1)
		qsort(l, *nl, sizeof(*l), line_cmp);
	return l;
}

/* The slugs' column: the longest shown, from 4 to 28. */
static size_t
slug_width(const struct line *l, size_t nl,
    const struct invalid *const *bad, size_t nbad)
{
	size_t i, width = 4;

	for (i = 0; i < nl; i++)
		if (strlen(l[i].f->client->slug) > width)
			width = strlen(l[i].f->client->slug);
	for (i = 0; i < nbad; i++)
		if (strlen(bad[i]->slug) > width)
			width = strlen(bad[i]->slug);
	return width > 28 ? 28 : width;
}

/*
 * Files with errors, first, under the overdue heading: their follow-ups
 * could be anything.
 */
static void
print_bad(const struct invalid *const *bad, size_t nbad, size_t width,
    int all, int colour)
{
	size_t i;

	printf("%s%s%s\n", colour ? level_colour(LEVEL_OVERDUE) : "",
	    level_label(LEVEL_OVERDUE), colour ? "\033[0m" : "");
	for (i = 0; i < nbad; i++) {
		/* A file's name and its error may quote anything. */
		char *slug = text_visible(bad[i]->slug);
		char *text = text_visible(bad[i]->text);

		printf("  %-*s  %s%s%s%s\n", (int)width,
		    slug ? slug : bad[i]->slug, all ? "error     " : "",
		    colour ? level_colour(LEVEL_OVERDUE) : "",
		    text ? text : bad[i]->text, colour ? "\033[0m" : "");
		free(slug);
		free(text);
	}
}

static void
print_text(const struct followup *v, size_t n,
    const struct invalid *const *bad, size_t nbad, date_t today, int all,
    int colour)
{
	size_t i, j, nl, width, hidden, count[LEVEL__COUNT] = { 0 };
	struct line *l = collect(v, n, all, &nl, count, &hidden);
	int level = -1;
	char w[48], d[16], tag[16];

	width = slug_width(l, nl, bad, nbad);
	if (nbad > 0) {
		level = LEVEL_OVERDUE;
		print_bad(bad, nbad, width, all, colour);
	}
	/* Each line under its own level, with --all its level on it too. */
	for (i = 0; i < nl; i++) {
		const struct line *x = &l[i];

		if ((int)x->level != level) {
			printf("%s%s%s%s\n", level >= 0 ? "\n" : "",
			    colour ? level_colour(x->level) : "",
			    level_label(x->level), colour ? "\033[0m" : "");
			level = (int)x->level;
		}
		tag[0] = '\0';
		if (all) {
			snprintf(tag, sizeof(tag), "%-10s", level_label(x->level));
			for (j = 0; tag[j] != '\0'; j++)
				tag[j] = (char)tolower((unsigned char)tag[j]);
		}
		if (x->s == NULL) {
			printf("  %-*s  %snothing to follow up (%s)\n", (int)width,
			    x->f->client->slug, tag,
			    client_status_name(x->f->client->status));
			continue;
		}
		followup_when(w, sizeof(w), x->s, today);
		printf("  %-*s  %s%s%s%s — %s\n", (int)width, x->f->client->slug,
		    tag, colour ? level_colour(x->s->level) : "", x->s->text,
		    colour ? "\033[0m" : "", w);
	}
	free(l);
	/* A reference date in another year makes the year show. */
	date_human(today, today - 366, d);
	if (n == 0 && nbad == 0) {
		printf("no clients to report\n");
		return;
	}
	printf("%s", level >= 0 ? "\n" : "");
	if (hidden > 0)
		printf("and %zu upcoming ('rapport status --all' lists them)\n",
		    hidden);
	if (nbad > 0)
		printf("%zu with errors, ", nbad);
	printf("%zu overdue, %zu due, %zu upcoming, %zu ok: %s\n",
	    count[LEVEL_OVERDUE], count[LEVEL_DUE], count[LEVEL_UPCOMING],
	    count[LEVEL_OK], d);
}

/* The JSON of what is due (of all with --all), sorted as v is. */
static void
print_json(const struct followup *v, size_t n,
    const struct invalid *const *bad, size_t nbad, date_t today, int all)
{
	struct buf b = { 0 };
	size_t shown;

	for (shown = 0; shown < n && (all || v[shown].state >= LEVEL_DUE);
	    shown++)
		continue;
	json_status(&b, today, v, shown, bad, nbad);
	fwrite(b.s, 1, b.len, stdout);
	buf_free(&b);
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
	struct invalids inv = { NULL, 0 };
	const struct invalid **bad = NULL;
	const char *owner = NULL;
	size_t i, n = 0, nbad = 0;
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
	loaded = cli_load_cached(&ws, NULL, &d, 1);
	if (cli_owner_ok(&ws, owner) == -1)
		goto out;
	invalid_collect(&inv, &ws, &d);
	bad = xcalloc(inv.n + 1, sizeof(*bad));
	for (i = 0; i < inv.n; i++)
		if (invalid_owned_by(&inv.v[i], owner))
			bad[nbad++] = &inv.v[i];
	v = cli_listed(&ws, owner, &n);
	followup_sort(v, n);
	if (json)
		print_json(v, n, bad, nbad, ws.today, all);
	else
		print_text(v, n, bad, nbad, ws.today, all, cli_colour(stdout));
	rc = loaded == 1 ? EXIT_PROBLEMS : EXIT_OK;
out:
	invalid_free(&inv);
	free(bad);
	free(v);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
