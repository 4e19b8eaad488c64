/*
 * page_share.c: a client's report page, for the client (SPEC section 5):
 * share/KEY/index.html.
 *
 * Nothing internal may reach it, so its values are made here from an
 * allow-list of fields, never by filtering the internal page's: the
 * client's and the agency's names, goals, every tracked metric for every
 * month from the first report to last month (a month without a report is
 * "not reported", in the table and as a gap in the chart), our open
 * promises and those kept in the last 90 days, what we wait on from the
 * client, hours against the contract this month and in the six before
 * (none before the client's since), the next check-in and the renewal.
 * Not the notes, entries, health, escalation contact, tags, owners,
 * history, or any promise whose text has "@internal".  The page links
 * nowhere else in the site.
 */
#include <stdlib.h>
#include <string.h>

#include "commitment.h"
#include "fmt.h"
#include "pages.h"
#include "text.h"
#include "util.h"

/* Promises kept this many days back are shown. */
#define KEPT_DAYS	90

static int
report_at(const struct client *c, month_t m, const char *metric, double *v)
{
	size_t i;

	for (i = 0; i < c->nreports; i++)
		if (c->reports[i].month == m &&
		    client_report_value(&c->reports[i], metric, v))
			return 1;
	return 0;
}

/* Every tracked metric for every month, first report to last month. */
static void
metrics_val(struct tv_pool *p, struct tv *m, const struct client *c,
    date_t today)
{
	month_t first = 0, last = month_of(today) - 1, mo;
	struct tv *months, *metrics, *rows;
	size_t i, j, n;
	int any = 0;

	for (i = 0; i < c->nreports; i++)
		if (!any || c->reports[i].month < first) {
			first = c->reports[i].month;
			any = 1;
		}
	if (!any || c->nmetrics == 0 || first > last)
		return;
	n = (size_t)(last - first + 1);
	months = tv_put(m, "metric_names", tv_list(p));
	for (j = 0; j < c->nmetrics; j++)
		tv_push(months, tv_str(p, c->metrics[j]));
	metrics = tv_put(m, "metrics", tv_list(p));
	for (j = 0; j < c->nmetrics; j++) {
		double *v = xcalloc(n, sizeof(*v));
		int *has = xcalloc(n, sizeof(*has));
		struct tv *mv = tv_map(p);
		char *svg, *label;
		size_t missing = 0;

		for (i = 0; i < n; i++) {
			has[i] = report_at(c, first + (month_t)i, c->metrics[j],
			    &v[i]);
			missing += !has[i];
		}
		label = xasprintf("%s, %zu months, %zu not reported",
		    c->metrics[j], n, missing);
		svg = fmt_sparkline(v, has, n, label);
		tv_put(mv, "name", tv_str(p, c->metrics[j]));
		if (svg != NULL)
			tv_put(mv, "chart", tv_copy(p, svg));
		tv_put(mv, "missing", tv_strf(p, "%zu", missing));
		tv_push(metrics, mv);
		free(svg);
		free(label);
		free(v);
		free(has);
	}
	/* The table, newest month first. */
	rows = tv_put(m, "months", tv_list(p));
	for (mo = last; mo >= first; mo--) {
		struct tv *row = val_month(p, mo), *cells = tv_list(p);

		for (j = 0; j < c->nmetrics; j++) {
			struct tv *cell = tv_map(p);
			double v;

			if (report_at(c, mo, c->metrics[j], &v)) {
				char *t = fmt_number(v);

				tv_put(cell, "value", tv_copy(p, t));
				free(t);
			} else
				tv_put(cell, "missing", tv_bool(p, 1));
			tv_push(cells, cell);
		}
		tv_put(row, "cells", cells);
		tv_push(rows, row);
	}
	tv_put(m, "has_metrics", tv_bool(p, 1));
}

static void
hours_val(struct tv_pool *p, struct tv *m, const struct followup *f,
    date_t today)
{
	const struct client *c = f->client;
	char h[24];

	if (c->contract_hours < 0)
		return;
	tv_put(m, "hours", val_hours_months(p, f, today));
	text_hours_format(c->contract_hours, h);
	tv_put(m, "contract_hours", tv_copy(p, h));
	text_hours_format(f->hours_month, h);
	tv_put(m, "hours_now", tv_copy(p, h));
	tv_put(m, "has_hours", tv_bool(p, 1));
}

int
pages_share(const struct pages *pg, const void *item, struct buf *out,
    struct diags *d)
{
	const struct followup *f = item;
	const struct client *c = f->client;
	const struct config *cfg = &pg->ws->cfg;
	date_t today = pg->ws->today;
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = tv_map(&p);
	struct tv *goals = tv_list(&p), *open = tv_list(&p);
	struct tv *kept = tv_list(&p), *theirs = tv_list(&p);
	/* [workspace] name, never the internal site's title (SPEC 5). */
	const char *agency = cfg->name;
	size_t i;
	int rc;

	tv_put(m, "client", tv_str(&p, c->name));
	tv_put_str(&p, m, "agency", agency);
	tv_put(m, "today", val_date(&p, today, today));
	for (i = 0; i < c->ngoals; i++)
		tv_push(goals, val_goal(&p, &c->goals[i], today));
	val_list(&p, m, "goals", "has_goals", goals);
	metrics_val(&p, m, c, today);
	for (i = 0; i < c->ncommitments; i++) {
		const struct commitment *k = &c->commitments[i];
		struct tv *v;

		/* The one rule for the mark, check's too (commitment.h). */
		if (commitment_internal(c, i) || (k->done && (k->theirs ||
		    k->done_on == DATE_NONE || k->done_on < today - KEPT_DAYS ||
		    k->done_on > today)))
			continue;
		v = tv_map(&p);
		/*
		 * As read: reading took the "@client" mark out already, and
		 * an address such as ops@clientco.example holds no mark
		 * (cutting "@client" out of the text showed "opsco.example").
		 */
		tv_put(v, "text", tv_str(&p, k->text));
		tv_put(v, "due", val_date(&p, k->due, today));
		tv_put(v, "kept", val_date(&p, k->done_on, today));
		tv_put(v, "late", tv_bool(&p, !k->done && k->due != DATE_NONE &&
		    k->due < today));
		tv_push(k->done ? kept : k->theirs ? theirs : open, v);
	}
	val_list(&p, m, "open", "has_open", open);
	val_list(&p, m, "kept", "has_kept", kept);
	val_list(&p, m, "theirs", "has_theirs", theirs);
	tv_put(m, "kept_days", tv_strf(&p, "%d", KEPT_DAYS));
	hours_val(&p, m, f, today);
	tv_put(m, "next", val_date(&p, f->next_contact, today));
	tv_put(m, "renews", val_date(&p, c->renews, today));
	rc = tpl_render(pg->tpl, "share.html", m, out, d);
	tv_pool_free(&p);
	return rc;
}
