/*
 * cmd_stats.c: rapport stats [--owner H] [--since DATE] [--json]
 *
 * How fast the team answers (SPEC section 10): for everyone, each owner,
 * each month and each client, the inbound entries answered, the median
 * and 90th percentile of their reply times in hours and in business
 * hours, and what is still waiting.  The figures come from stats.h, the
 * summaries from the client cache, as status reads them.  A client file
 * with errors counts for nothing until it is fixed: it is named on
 * stderr and the exit status is 1, as with status.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "stats.h"
#include "util.h"

/* One row: a label and the figures of what it selects. */
struct row {
	char			*label;		/* allocated */
	const char		*owner;		/* the owners' rows */
	const struct client	*client;	/* the clients' rows */
	month_t			 month;		/* the months' rows, or NONE */
	struct stats_figures	 s;
};

struct table {
	struct row	*v;
	size_t		 n, cap;
};

static struct row *
add_row(struct table *t, char *label)
{
	struct row *r;

	xgrow(&t->v, &t->cap, t->n + 1, sizeof(*t->v));
	r = &t->v[t->n++];
	memset(r, 0, sizeof(*r));
	r->label = label;
	r->month = MONTH_NONE;
	return r;
}

static void
table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].label);
	free(t->v);
}

static int
cmp_slug(const void *a, const void *b)
{
	const struct followup *x = a, *y = b;

	return strcmp(x->client->slug, y->client->slug);
}

/* The unit after a figure, none after "-". */
#define H(m)	((m) < 0 ? " " : "h")

static void
print_row(const struct row *r, int width)
{
	const struct stats_figures *s = &r->s;
	char a[24], b[24], c[24], d[24], since[11];

	stats_hours(a, s->median);
	stats_hours(b, s->p90);
	stats_hours(c, s->median_business);
	stats_hours(d, s->p90_business);
	printf("  %-*s %8zu %7s%s %7s%s %8s%s %7s%s %8zu", width, r->label,
	    s->answered, a, H(s->median), b, H(s->p90), c,
	    H(s->median_business), d, H(s->p90_business), s->waiting);
	if (s->longest_client != NULL) {
		date_format(s->longest_date, since);
		printf("  %lld days, %s%ssince %s",
		    (long long)(s->longest / 1440), r->client != NULL ? "" :
		    s->longest_client->slug, r->client != NULL ? "" : " ",
		    since);
	}
	putchar('\n');
}

static void
print_table(const struct table *t, const char *title, int width)
{
	size_t i;

	if (t->n == 0)
		return;
	printf("\n%s\n", title);
	printf("  %-*s %8s %8s %8s %9s %8s %8s  %s\n", width, "", "answered",
	    "median", "p90", "median bh", "p90 bh", "waiting",
	    "longest waiting");
	for (i = 0; i < t->n; i++)
		print_row(&t->v[i], width);
}

static void
json_rows(struct buf *b, const char *key, const struct table *t)
{
	size_t i;

	buf_printf(b, ",\n \"%s\": [", key);
	for (i = 0; i < t->n; i++) {
		const struct row *r = &t->v[i];
		char m[8];

		buf_puts(b, i ? ",\n  {" : "\n  {");
		if (r->client != NULL) {
			buf_puts(b, "\"slug\": ");
			json_string(b, r->client->slug);
			buf_puts(b, ", \"owner\": ");
			if (r->client->owner != NULL)
				json_string(b, r->client->owner);
			else
				buf_puts(b, "null");
		} else if (r->month != MONTH_NONE) {
			month_format(r->month, m);
			buf_printf(b, "\"month\": \"%s\"", m);
		} else {
			buf_puts(b, "\"owner\": ");
			json_string(b, r->owner);
		}
		buf_puts(b, ",\n   ");
		json_figures(b, &r->s);
		buf_putc(b, '}');
	}
	buf_puts(b, t->n ? "\n ]" : "]");
}

/* The owners to list: those declared, else those the clients name. */
static void
owners(struct table *t, const struct workspace *ws,
    const struct followup *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < ws->cfg.nowners; i++)
		add_row(t, xasprintf("%s", ws->cfg.owners[i].handle))->owner =
		    ws->cfg.owners[i].handle;
	if (ws->cfg.nowners > 0)
		return;
	/* v is sorted by slug; owners are few. */
	for (i = 0; i < n; i++) {
		const char *o = v[i].client->owner;

		if (o == NULL)
			continue;
		for (j = 0; j < t->n && strcmp(t->v[j].owner, o) != 0; j++)
			;
		if (j == t->n)
			add_row(t, xasprintf("%s", o))->owner = o;
	}
}

int
cmd_stats(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "owner", required_argument, NULL, 'o' },
		{ "since", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct diags d = { 0 };
	struct followup *v = NULL;
	struct table all = { 0 }, by_owner = { 0 }, by_month = { 0 },
	    by_client = { 0 };
	struct stats_filter flt = { NULL, DATE_NONE, DATE_NONE };
	const char *owner = NULL;
	size_t i, n = 0;
	month_t first;
	int ch, json = 0, loaded, width = 8, rc = EXIT_USAGE;
	char day[11], *why;
	enum date_err err;

	memset(&ws, 0, sizeof(ws));
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			owner = optarg;
			break;
		case 's':
			if ((err = date_parse(optarg, strlen(optarg),
			    &flt.from)) != DATE_OK) {
				why = date_problem(optarg, strlen(optarg), err);
				rc = cli_usage("--since: %s", why);
				free(why);
				return rc;
			}
			break;
		case 'j':
			json = 1;
			break;
		default:
			return cli_usage(NULL);
		}
	}
	if (optind < argc)
		return cli_usage("stats takes no client: its figures are in "
		    "the list by client");
	if (cli_open(&ws, g, &d) == -1)
		goto out;
	loaded = cli_load_cached(&ws, NULL, &d, 1);
	if (cli_owner_ok(&ws, owner) == -1)
		goto out;
	v = cli_listed(&ws, owner, &n);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_slug);
	flt.owner = owner;
	stats_figures(&add_row(&all, xasprintf("%s", owner ? owner :
	    "everyone"))->s, v, n, &flt, ws.today);
	if (owner == NULL)
		owners(&by_owner, &ws, v, n);
	for (i = 0; i < by_owner.n; i++) {
		struct stats_filter f = flt;

		f.owner = by_owner.v[i].owner;
		stats_figures(&by_owner.v[i].s, v, n, &f, ws.today);
	}
	first = stats_first_month(v, n, owner);
	if (first != MONTH_NONE && flt.from != DATE_NONE &&
	    month_of(flt.from) > first)
		first = month_of(flt.from);
	if (first != MONTH_NONE && first <= month_of(ws.today)) {
		size_t nm = (size_t)(month_of(ws.today) - first) + 1;
		struct stats_figures *fm = xcalloc(nm, sizeof(*fm));
		char m[8];
		struct row *r;

		stats_by_month(fm, first, month_of(ws.today), v, n, &flt,
		    ws.today);
		for (i = 0; i < nm; i++) {
			month_format(first + (month_t)i, m);
			r = add_row(&by_month, xasprintf("%s", m));
			r->month = first + (month_t)i;
			r->s = fm[i];
		}
		free(fm);
	}
	for (i = 0; i < n; i++) {
		struct stats_figures s;

		stats_figures(&s, &v[i], 1, &flt, ws.today);
		if (s.answered + s.waiting == 0)
			continue;
		add_row(&by_client, xasprintf("%s", v[i].client->slug))->s = s;
		by_client.v[by_client.n - 1].client = v[i].client;
		if ((int)strlen(v[i].client->slug) > width)
			width = (int)strlen(v[i].client->slug);
	}
	if (width > 28)
		width = 28;
	if (json) {
		struct buf b = { 0 };

		buf_puts(&b, "{\"today\": ");
		json_date(&b, ws.today);
		buf_puts(&b, ", \"since\": ");
		json_date(&b, flt.from);
		buf_puts(&b, ", \"owner\": ");
		if (owner != NULL)
			json_string(&b, owner);
		else
			buf_puts(&b, "null");
		buf_puts(&b, ",\n \"all\": {");
		json_figures(&b, &all.v[0].s);
		buf_putc(&b, '}');
		json_rows(&b, "owners", &by_owner);
		json_rows(&b, "months", &by_month);
		json_rows(&b, "clients", &by_client);
		buf_puts(&b, "}\n");
		fwrite(b.s, 1, b.len, stdout);
		buf_free(&b);
	} else {
		date_format(ws.today, day);
		printf("Reply times as of %s: from a client's message to our "
		    "next one, in hours;\nbh: business hours, Monday to "
		    "Friday only.\n", day);
		if (flt.from != DATE_NONE) {
			date_format(flt.from, day);
			printf("Messages since %s.\n", day);
		}
		print_table(&all, "All", width);
		print_table(&by_owner, "By owner", width);
		print_table(&by_month, "By month", width);
		print_table(&by_client, "By client", width);
	}
	rc = loaded == 1 ? EXIT_PROBLEMS : EXIT_OK;
out:
	table_free(&all);
	table_free(&by_owner);
	table_free(&by_month);
	table_free(&by_client);
	free(v);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
