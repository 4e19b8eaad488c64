/*
 * cmd_show.c: rapport show CLIENT
 *
 * One client on one screen: facts and contacts, signals, open
 * commitments and the latest kept ones (with the day each was kept),
 * hours this month against the contract, the latest reports, goals, and
 * the latest entries.  CLIENT is a slug, or an
 * unambiguous start of a slug or a name.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "stats.h"
#include "followup.h"
#include "text.h"
#include "util.h"

#define SHOW_REPORTS	3
#define SHOW_ENTRIES	8
#define SHOW_KEPT	5

static void
contact(const char *label, const struct contact *c)
{
	if (c->name == NULL && c->email == NULL && c->phone == NULL)
		return;
	printf("%-12s%s", label, c->name ? c->name : "");
	if (c->role)
		printf(", %s", c->role);
	if (c->email)
		printf(" <%s>", c->email);
	if (c->phone)
		printf("  %s", c->phone);
	putchar('\n');
}

/* Its reply times, as rapport stats gives them by client. */
static void
replies(const struct followup *f, date_t today)
{
	const struct stats_filter all = { NULL, DATE_NONE, DATE_NONE };
	struct stats_figures s;
	char a[24], b[24], d[11];

	stats_figures(&s, f, 1, &all, today);
	if (s.answered + s.waiting == 0)
		return;
	printf("Replies     %zu answered", s.answered);
	if (s.answered > 0) {
		stats_hours(a, s.median);
		stats_hours(b, s.p90);
		printf(", median %sh, 90th percentile %sh", a, b);
	}
	if (s.waiting > 0) {
		date_format(s.longest_date, d);
		printf("; %zu waiting, the first since %s", s.waiting, d);
	}
	putchar('\n');
}

static void
facts(const struct client *c, const struct followup *f, date_t today)
{
	char d[11], cad[8], h[24];
	size_t i;

	printf("%s (%s)\n", c->name ? c->name : c->slug, c->slug);
	printf("  %s, health %s", client_status_name(c->status),
	    client_health_name(c->health));
	if (c->owner)
		printf(", owner %s", c->owner);
	if (c->since != DATE_NONE) {
		date_format(c->since, d);
		printf(", client since %s", d);
	}
	putchar('\n');
	if (c->ntags > 0) {
		fputs("  tags:", stdout);
		for (i = 0; i < c->ntags; i++)
			printf(" %s", c->tags[i]);
		putchar('\n');
	}
	printf("  %s\n\n", c->path);
	contact("Contact", &c->contact);
	contact("Escalation", &c->escalation);
	if (c->contract_hours >= 0 || c->renews != DATE_NONE) {
		fputs("Contract    ", stdout);
		if (c->contract_hours >= 0) {
			text_hours_format(c->contract_hours, h);
			printf("%s hours a month", h);
		}
		if (c->renews != DATE_NONE) {
			date_format(c->renews, d);
			printf("%srenews %s", c->contract_hours >= 0 ? ", " :
			    "", d);
		}
		if (c->rate >= 0) {
			text_money_format(c->rate, h);
			printf(", rate %s an hour", h);
		}
		putchar('\n');
	}
	text_hours_format(f->hours_month, h);
	printf("Hours       %s", h);
	if (c->contract_hours > 0) {
		text_hours_format(c->contract_hours, h);
		printf(" of %s", h);
	}
	printf(" this month");
	if (c->contract_hours > 0)
		printf(" (%lld%%)", (long long)followup_budget_percent(
		    f->hours_month, c->contract_hours));
	putchar('\n');
	replies(f, today);
	duration_format(c->cadence, cad);
	printf("Cadence     every %s", cad);
	if (f->last_contact != DATE_NONE) {
		date_format(f->last_contact, d);
		printf("; last contact %s", d);
	}
	if (f->next_contact != DATE_NONE) {
		date_format(f->next_contact, d);
		printf("; next check-in %s", d);
	}
	putchar('\n');
}

static int
signal_cmp(const void *a, const void *b)
{
	const struct signal *x = *(const struct signal *const *)a;
	const struct signal *y = *(const struct signal *const *)b;
	int c = signal_order(x, y);

	/* Otherwise as followup gave them. */
	return c != 0 ? c : (x > y) - (x < y);
}

/* By level, then by due date: as status lists them. */
static void
signals(const struct followup *f, date_t today)
{
	const struct signal **v = xcalloc(f->nsignals + 1, sizeof(*v));
	char w[48];
	size_t i;

	for (i = 0; i < f->nsignals; i++)
		v[i] = &f->signals[i];
	if (f->nsignals > 1)
		qsort(v, f->nsignals, sizeof(*v), signal_cmp);
	printf("\nState: %s\n", level_name(f->state));
	for (i = 0; i < f->nsignals; i++) {
		followup_when(w, sizeof(w), v[i], today);
		printf("  %-8s  %s — %s\n", level_name(v[i]->level), v[i]->text,
		    w);
	}
	free(v);
}

/* Open ones by due date (none last), then as in the file. */
static int
due_first(const void *a, const void *b)
{
	const struct commitment *x = *(const struct commitment *const *)a;
	const struct commitment *y = *(const struct commitment *const *)b;

	int c = date_order(x->due, y->due);

	return c != 0 ? c : (x->line > y->line) - (x->line < y->line);
}

static void
commitments(const struct client *c)
{
	const struct commitment **v = xcalloc(c->ncommitments + 1,
	    sizeof(*v));
	size_t i, n = 0;
	char d[11];

	for (i = 0; i < c->ncommitments; i++)
		if (!c->commitments[i].done)
			v[n++] = &c->commitments[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), due_first);
	if (n > 0)
		printf("\nOpen commitments (%zu)\n", n);
	for (i = 0; i < n; i++) {
		date_format(v[i]->due, d);
		printf("  [ ] %-10s  %s%s\n", v[i]->due == DATE_NONE ?
		    "no date" : d, v[i]->theirs ? "@client " : "", v[i]->text);
	}
	free(v);
}

/* Latest kept first; those without a done date after, newest in the
 * file first. */
static int
kept_first(const void *a, const void *b)
{
	const struct commitment *x = *(const struct commitment *const *)a;
	const struct commitment *y = *(const struct commitment *const *)b;

	if (x->done_on != y->done_on)
		return x->done_on > y->done_on ? -1 : 1;
	return (x->line < y->line) - (x->line > y->line);
}

static void
kept(const struct client *c)
{
	const struct commitment **v;
	size_t i, n = 0;
	char d[11];

	v = xcalloc(c->ncommitments + 1, sizeof(*v));
	for (i = 0; i < c->ncommitments; i++)
		if (c->commitments[i].done)
			v[n++] = &c->commitments[i];
	if (n > 0) {
		qsort(v, n, sizeof(*v), kept_first);
		printf("\nKept commitments (%zu in all)\n", n);
	}
	for (i = 0; i < n && i < SHOW_KEPT; i++) {
		date_format(v[i]->done_on, d);
		printf("  [x] %-10s  %s%s\n", v[i]->done_on == DATE_NONE ?
		    "no date" : d, v[i]->theirs ? "@client " : "", v[i]->text);
	}
	free(v);
}

static int
report_cmp(const void *a, const void *b)
{
	const struct report *x = *(const struct report *const *)a;
	const struct report *y = *(const struct report *const *)b;

	return (x->month < y->month) - (x->month > y->month);
}

static void
reports_and_goals(const struct client *c)
{
	const struct report **r;
	size_t i, j;
	char m[8], d[11];

	if (c->nmetrics > 0 || c->nreports > 0) {
		fputs("\nReports", stdout);
		for (i = 0; i < c->nmetrics; i++)
			printf("%s%s", i ? ", " : " (tracked: ", c->metrics[i]);
		puts(c->nmetrics ? ")" : "");
		r = xcalloc(c->nreports, sizeof(*r));
		for (i = 0; i < c->nreports; i++)
			r[i] = &c->reports[i];
		if (c->nreports > 1)
			qsort(r, c->nreports, sizeof(*r), report_cmp);
		for (i = 0; i < c->nreports && i < SHOW_REPORTS; i++) {
			month_format(r[i]->month, m);
			printf("  %s ", m);
			for (j = 0; j < r[i]->n; j++)
				printf(" %s %g", r[i]->keys[j],
				    r[i]->values[j]);
			putchar('\n');
		}
		free(r);
	}
	if (c->ngoals > 0)
		puts("\nGoals");
	for (i = 0; i < c->ngoals; i++) {
		const struct goal *g = &c->goals[i];

		printf("  %s: %s", g->name, g->target ? g->target : "(no target)");
		if (g->by != DATE_NONE) {
			date_format(g->by, d);
			printf(", by %s", d);
		}
		if (g->confidence >= 0)
			printf(", confidence %d%%", g->confidence);
		if (g->outcome)
			printf("; outcome: %s", g->outcome);
		putchar('\n');
	}
}

/* Newest first. */
static int
newest_first(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	return entry_later(x, y) ? -1 : entry_later(y, x);
}

static void
entries(const struct client *c)
{
	static const char *const arrows[] = { "  ", "<-", "->" };
	const struct entry **v;
	size_t i;
	char d[11], h[24];

	if (c->nentries == 0)
		return;
	v = xcalloc(c->nentries, sizeof(*v));
	for (i = 0; i < c->nentries; i++)
		v[i] = &c->entries[i];
	qsort(v, c->nentries, sizeof(*v), newest_first);
	printf("\nLatest entries (%zu in all)\n", c->nentries);
	for (i = 0; i < c->nentries && i < SHOW_ENTRIES; i++) {
		date_format(v[i]->date, d);
		printf("  %s", d);
		if (v[i]->minutes >= 0)
			printf(" %02d:%02d", v[i]->minutes / 60,
			    v[i]->minutes % 60);
		printf(" %s %s%s%s", arrows[v[i]->dir],
		    v[i]->channel ? v[i]->channel : "",
		    v[i]->channel ? ": " : "", v[i]->summary);
		if (v[i]->has_hours) {
			text_hours_format(v[i]->hours, h);
			printf(" (%sh)", h);
		}
		putchar('\n');
	}
	free(v);
}

int
cmd_show(const struct globals *g, int argc, char **argv)
{
	struct workspace ws;
	struct diags d = { 0 };
	struct followup f;
	const struct client *m[8];
	size_t n, i;
	int rc = EXIT_USAGE;

	memset(&ws, 0, sizeof(ws));
	memset(&f, 0, sizeof(f));
	if (argc != 2 || argv[1][0] == '-') {
		return cli_usage(argc < 2 ? "show needs the client to show" :
		    argc > 2 ? "show shows one client: give one" :
		    "'%s' is not an option of show", argv[argc < 2 ? 0 : 1]);
	}
	if (cli_load(&ws, g, &d, 0) == -1)
		goto out;
	n = ws_lookup(&ws, argv[1], m, 8);
	if (n == 0) {
		cli_error("no client matches '%s': give a slug, or the start "
		    "of a slug or a name", argv[1]);
		goto out;
	}
	if (n > 1) {
		cli_error("'%s' matches %zu clients; say which:", argv[1], n);
		for (i = 0; i < n && i < 8; i++)
			fprintf(stderr, "  %s  %s\n", m[i]->slug,
			    m[i]->name ? m[i]->name : "");
		goto out;
	}
	followup_compute(&f, m[0], &ws.cfg, ws.today);
	facts(m[0], &f, ws.today);
	signals(&f, ws.today);
	commitments(m[0]);
	kept(m[0]);
	reports_and_goals(m[0]);
	entries(m[0]);
	rc = EXIT_OK;
	if (m[0]->errors > 0) {
		fprintf(stderr, "rapport: %s has %d error%s; what is shown may "
		    "be incomplete: run 'rapport check %s'\n", m[0]->path,
		    m[0]->errors, m[0]->errors == 1 ? "" : "s", m[0]->path);
		rc = EXIT_PROBLEMS;
	}
out:
	followup_free(&f);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
