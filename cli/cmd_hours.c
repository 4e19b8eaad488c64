/*
 * cmd_hours.c: rapport hours [--month YYYY-MM] [--by client|owner]
 * [--csv|--json]
 *
 * The hours of a month (today's by default) per client or per owner,
 * against the contracts' hours, and rate x hours where a rate is set,
 * with the totals (SPEC section 10; the rules are hours.h's).  As a
 * table, as CSV (RFC 4180, csv.h) or as JSON; rapport(1) gives the
 * columns.  The summaries come from the client cache, as status reads
 * them.  A client file with errors counts for nothing until it is
 * fixed: it is named on stderr and the exit status is 1, as with stats;
 * so is a figure too large to count.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csv.h"
#include "hours.h"
#include "json.h"
#include "text.h"
#include "util.h"

enum col {
	COL_CLIENT,
	COL_NAME,
	COL_OWNER,
	COL_STATUS,
	COL_CLIENTS,
	COL_HOURS,
	COL_CONTRACT,
	COL_OVER,
	COL_RATE,
	COL_AMOUNT,
	COL__COUNT
};

/*
 * The columns: the name in the CSV header and the JSON, the table's
 * heading (NULL: not in the table), whether by client or by owner has it,
 * and whether it is a figure (money: two decimals).
 */
static const struct column {
	const char	*key;
	const char	*head;
	unsigned	 by;		/* 1 << HOURS_BY_* */
	int		 number;	/* 1 hours, 2 money */
} cols[] = {
	[COL_CLIENT] = { "client", "client", 1 << HOURS_BY_CLIENT, 0 },
	[COL_NAME] = { "name", NULL, 1 << HOURS_BY_CLIENT, 0 },
	[COL_OWNER] = { "owner", "owner", 3, 0 },
	[COL_STATUS] = { "status", "status", 1 << HOURS_BY_CLIENT, 0 },
	[COL_CLIENTS] = { "clients", "clients", 1 << HOURS_BY_OWNER, 0 },
	[COL_HOURS] = { "hours", "hours", 3, 1 },
	[COL_CONTRACT] = { "contract", "contract", 3, 1 },
	[COL_OVER] = { "over_under", "over/under", 3, 1 },
	[COL_RATE] = { "rate", "rate", 1 << HOURS_BY_CLIENT, 2 },
	[COL_AMOUNT] = { "amount", "amount", 3, 2 },
};
_Static_assert(sizeof(cols) / sizeof(cols[0]) == COL__COUNT,
    "a row of cols[] per enum col");

#define HAS(b, c)	((cols[c].by >> (b)) & 1)

/*
 * Cell c of row r as text into buf (24 bytes): NULL when it is empty
 * (no owner, no contract, no rate), else buf or the row's own string.
 */
static const char *
cell(const struct hours_row *r, enum col c, char buf[24])
{
	int64_t v;

	switch (c) {
	case COL_CLIENT:
		return r->client ? r->client->slug : NULL;
	case COL_NAME:
		return r->client ? r->client->name : NULL;
	case COL_OWNER:
		return r->owner;
	case COL_STATUS:
		return r->client ? client_status_name(r->client->status) :
		    NULL;
	case COL_CLIENTS:
		snprintf(buf, 24, "%zu", r->nclients);
		return buf;
	case COL_HOURS:
		v = r->hours;
		break;
	case COL_CONTRACT:
		v = r->contract;
		break;
	case COL_OVER:
		v = r->over;
		break;
	case COL_RATE:
		v = r->rate;
		break;
	case COL_AMOUNT:
		v = r->amount;
		break;
	default:
		return NULL;
	}
	if (v == HOURS_NONE)
		return NULL;
	if (cols[c].number == 2)
		text_money_format(v, buf);
	else
		text_hours_format(v, buf);
	return buf;
}

static void
print_csv(const struct hours_table *t)
{
	struct buf b = { 0 };
	char m[8], tmp[24];
	size_t i;
	int c, first;

	month_format(t->month, m);
	csv_text(&b, "month", 1);
	for (c = 0; c < COL__COUNT; c++)
		if (HAS(t->by, c))
			csv_text(&b, cols[c].key, 0);
	csv_eol(&b);
	/* The rows, then the totals: "Total" where the month is. */
	for (i = 0; i <= t->nrows; i++) {
		const struct hours_row *r = i < t->nrows ? &t->rows[i] :
		    &t->total;

		csv_text(&b, i < t->nrows ? m : "Total", 1);
		for (c = 0; c < COL__COUNT; c++) {
			const char *s;

			if (!HAS(t->by, c))
				continue;
			first = 0;
			s = cell(r, c, tmp);	/* the total has no rate */
			if (cols[c].number || c == COL_CLIENTS)
				csv_number(&b, s ? s : "", first);
			else
				csv_text(&b, s, first);
		}
		csv_eol(&b);
	}
	fwrite(b.s, 1, b.len, stdout);
	buf_free(&b);
}

/*
 * The members of row r (the totals: total set), in the columns' order:
 * those of the CSV's columns, with null for an empty field.
 */
static void
json_row(struct buf *b, const struct hours_table *t,
    const struct hours_row *r, int total)
{
	char tmp[24];
	const char *s;
	int c, n = 0;

	buf_putc(b, '{');
	for (c = 0; c < COL__COUNT; c++) {
		/* The totals: the figures the CSV's last row has. */
		if (!HAS(t->by, c) || (total && ((c != COL_CLIENTS &&
		    !cols[c].number) || c == COL_RATE)))
			continue;
		buf_printf(b, "%s\"%s\": ", n++ ? ", " : "", cols[c].key);
		s = cell(r, c, tmp);
		if (s == NULL)
			buf_puts(b, "null");
		else if (cols[c].number || c == COL_CLIENTS)
			buf_puts(b, s);		/* exact decimals */
		else
			json_string(b, s);
	}
	buf_putc(b, '}');
}

static void
print_json(const struct hours_table *t, date_t today)
{
	struct buf b = { 0 };
	char m[8];
	size_t i;

	month_format(t->month, m);
	buf_printf(&b, "{\"month\": \"%s\", \"today\": ", m);
	json_date(&b, today);
	buf_printf(&b, ", \"by\": \"%s\",\n \"rows\": [",
	    t->by == HOURS_BY_OWNER ? "owner" : "client");
	for (i = 0; i < t->nrows; i++) {
		buf_puts(&b, i ? ",\n  " : "\n  ");
		json_row(&b, t, &t->rows[i], 0);
	}
	buf_puts(&b, t->nrows ? "\n ],\n \"total\": " : "],\n \"total\": ");
	json_row(&b, t, &t->total, 1);
	buf_puts(&b, "}\n");
	fwrite(b.s, 1, b.len, stdout);
	buf_free(&b);
}

static void
print_text(const struct hours_table *t, date_t today)
{
	static const char *const names[] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };
	size_t i, w[COL__COUNT];
	char tmp[24], day[11];
	const char *s;
	int c;

	date_format(today, day);
	printf("Hours in %s %d, as of %s\n", names[t->month % 12],
	    (int)(t->month / 12), day);
	if (t->nrows == 0) {
		printf("no hours logged and no contract that month\n");
		return;
	}
	for (c = 0; c < COL__COUNT; c++) {
		w[c] = cols[c].head ? strlen(cols[c].head) : 0;
		for (i = 0; i <= t->nrows; i++) {
			s = cell(i < t->nrows ? &t->rows[i] : &t->total, c,
			    tmp);
			if (s != NULL && strlen(s) > w[c])
				w[c] = strlen(s);
		}
	}
	if (w[COL_CLIENT] > 28)
		w[COL_CLIENT] = 28;
	/* "Total" goes in the first column. */
	if (w[COL_CLIENT] < 5)
		w[COL_CLIENT] = 5;
	if (w[COL_OWNER] < 5)
		w[COL_OWNER] = 5;
	for (i = 0; i <= t->nrows + 1; i++) {
		const struct hours_row *r = i == 0 ? NULL : i <= t->nrows ?
		    &t->rows[i - 1] : &t->total;
		int n = 0;

		for (c = 0; c < COL__COUNT; c++) {
			if (!HAS(t->by, c) || cols[c].head == NULL)
				continue;
			if (r == NULL)
				s = cols[c].head;
			else if (r == &t->total && n == 0)
				s = "Total";
			else if (r == &t->total && !cols[c].number &&
			    c != COL_CLIENTS)
				s = "";		/* the owner, the status */
			else if (r == &t->total && c == COL_RATE)
				s = "";
			else if ((s = cell(r, c, tmp)) == NULL)
				s = "-";
			if (cols[c].number || c == COL_CLIENTS)
				printf("  %*s", (int)w[c], s);
			else
				printf("  %-*s", (int)w[c], s);
			n++;
		}
		putchar('\n');
	}
}

int
cmd_hours(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "by", required_argument, NULL, 'b' },
		{ "csv", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct diags d = { 0 };
	struct followup *v = NULL;
	struct hours_table t = { 0 };
	enum hours_by by = HOURS_BY_CLIENT;
	month_t month = MONTH_NONE;
	size_t n = 0;
	int ch, fmt = 0, loaded, rc = EXIT_USAGE;

	memset(&ws, 0, sizeof(ws));
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'm':
			if (month_parse(optarg, strlen(optarg), &month) !=
			    DATE_OK)
				return cli_usage("--month '%s' is not a month "
				    "like 2026-11 (YYYY-MM)", optarg);
			break;
		case 'b':
			if (strcmp(optarg, "client") == 0)
				by = HOURS_BY_CLIENT;
			else if (strcmp(optarg, "owner") == 0)
				by = HOURS_BY_OWNER;
			else
				return cli_usage("--by '%s': say client or "
				    "owner", optarg);
			break;
		case 'c':
		case 'j':
			if (fmt != 0 && fmt != ch)
				return cli_usage("--csv or --json, not both");
			fmt = ch;
			break;
		default:
			return cli_usage(NULL);
		}
	}
	if (optind < argc)
		return cli_usage("hours takes no client: 'rapport show %s' "
		    "shows one's hours", argv[optind]);
	if (cli_open(&ws, g, &d) == -1)
		goto out;
	loaded = cli_load_cached(&ws, NULL, &d, 1);
	if (month == MONTH_NONE)
		month = month_of(ws.today);
	v = cli_listed(&ws, NULL, &n);
	hours_table(&t, v, NULL, n, month, by);
	if (fmt == 'c')
		print_csv(&t);
	else if (fmt == 'j')
		print_json(&t, ws.today);
	else
		print_text(&t, ws.today);
	rc = loaded == 1 ? EXIT_PROBLEMS : EXIT_OK;
	if (t.total.overflow) {
		cli_error("some figures are too large to count: their cells "
		    "are empty");
		rc = EXIT_PROBLEMS;
	}
out:
	hours_free(&t);
	free(v);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
