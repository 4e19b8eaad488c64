/*
 * page_client.c: a client's own page (see pages.h): facts and people,
 * signals, commitments, hours against the contract, metrics with a chart
 * each, goals, the notes, the timeline and the file's git history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "pages.h"
#include "text.h"
#include "util.h"

/* A phone number's tel: address (digits and a leading '+'), or NULL. */
static struct tv *
tel_val(struct tv_pool *p, const char *phone)
{
	struct buf tel = { 0 };
	struct tv *v = NULL;
	const char *s;

	for (s = phone; *s != '\0'; s++)
		if ((*s >= '0' && *s <= '9') || (*s == '+' && tel.len == 0))
			buf_putc(&tel, *s);
	if (tel.len > 0)
		v = tv_copy(p, tel.s);
	buf_free(&tel);
	return v;
}

static void
contact_val(struct tv_pool *p, struct tv *m, const char *key,
    const struct contact *ct)
{
	struct tv *v, *t;

	if (ct->name == NULL && ct->email == NULL && ct->phone == NULL)
		return;
	v = tv_put(m, key, tv_map(p));
	tv_put_str(p, v, "name", ct->name);
	tv_put_str(p, v, "role", ct->role);
	tv_put_str(p, v, "email", ct->email);
	if (ct->email != NULL)
		tv_put(v, "mailto", val_mailto(p, ct->email));
	tv_put_str(p, v, "phone", ct->phone);
	if (ct->phone != NULL && (t = tel_val(p, ct->phone)) != NULL)
		tv_put(v, "tel", t);
}

/*
 * The [person KEY] sections, in file order: each with its name, role,
 * e-mails (mailto: links), phone and notes as "about" (the internal page
 * only).
 */
static void
people_val(struct tv_pool *p, struct tv *m, const struct client *c)
{
	struct tv *list, *v, *emails, *e, *t;
	size_t i, j;

	if (c->npeople == 0)
		return;
	list = tv_put(m, "people", tv_list(p));
	for (i = 0; i < c->npeople; i++) {
		const struct person *pe = &c->people[i];

		/*
		 * Every key set, false when empty: Mustache would look a
		 * missing one up in the client's map ("notes" is the
		 * client's notes there).
		 */
		v = tv_push(list, tv_map(p));
		tv_put_str(p, v, "key", pe->key);
		tv_put_str(p, v, "name", pe->name);
		tv_put(v, "role", pe->role ? tv_str(p, pe->role) :
		    tv_bool(p, 0));
		emails = tv_put(v, "emails", tv_list(p));
		for (j = 0; j < pe->nemails; j++) {
			e = tv_push(emails, tv_map(p));
			tv_put_str(p, e, "email", pe->emails[j]);
			tv_put(e, "mailto", val_mailto(p, pe->emails[j]));
		}
		tv_put(v, "phone", pe->phone ? tv_str(p, pe->phone) :
		    tv_bool(p, 0));
		t = pe->phone != NULL ? tel_val(p, pe->phone) : NULL;
		tv_put(v, "tel", t != NULL ? t : tv_bool(p, 0));
		tv_put(v, "about", pe->notes ? tv_str(p, pe->notes) :
		    tv_bool(p, 0));
	}
}

static int
report_cmp(const void *a, const void *b)
{
	const struct report *x = *(const struct report *const *)a;
	const struct report *y = *(const struct report *const *)b;

	return (x->month > y->month) - (x->month < y->month);
}

static void
metrics_val(struct tv_pool *p, struct tv *m, const struct client *c)
{
	const struct report **r;
	struct tv *metrics, *months, *head;
	size_t i, j;

	if (c->nmetrics == 0 && c->nreports == 0)
		return;
	r = xcalloc(c->nreports ? c->nreports : 1, sizeof(*r));
	for (i = 0; i < c->nreports; i++)
		r[i] = &c->reports[i];
	qsort(r, c->nreports, sizeof(*r), report_cmp);
	tv_put(m, "has_metrics", tv_bool(p, c->nmetrics > 0));
	tv_put(m, "has_reports", tv_bool(p, c->nreports > 0 &&
	    c->nmetrics > 0));
	metrics = tv_put(m, "metrics", tv_list(p));
	head = tv_put(m, "metric_names", tv_list(p));
	for (j = 0; j < c->nmetrics; j++) {
		double *v = xcalloc(c->nreports + 1, sizeof(*v));
		int *has = xcalloc(c->nreports + 1, sizeof(*has));
		struct tv *mv = tv_map(p);
		char *svg, *label, *last = NULL;
		double lo = 0, hi = 0;
		size_t k;

		for (i = 0; i < c->nreports; i++)
			has[i] = client_report_value(r[i], c->metrics[j], &v[i]);
		for (i = c->nreports; i > 0 && last == NULL; i--)
			if (has[i - 1])
				last = fmt_number(v[i - 1]);
		label = xasprintf("%s over %zu months%s%s", c->metrics[j],
		    c->nreports, last ? ", latest " : "", last ? last : "");
		/* The chart's scale: its lowest and highest value. */
		for (i = 0, k = 0; i < c->nreports; i++)
			if (has[i]) {
				if (k == 0 || v[i] < lo)
					lo = v[i];
				if (k == 0 || v[i] > hi)
					hi = v[i];
				k++;
			}
		if (k > 1) {
			char *a = fmt_number(lo), *b = fmt_number(hi);

			tv_put(mv, "min", tv_copy(p, a));
			tv_put(mv, "max", tv_copy(p, b));
			free(a);
			free(b);
		}
		svg = fmt_sparkline(v, has, c->nreports, label);
		tv_put(mv, "name", tv_str(p, c->metrics[j]));
		if (last != NULL)
			tv_put(mv, "latest", tv_copy(p, last));
		if (svg != NULL)
			tv_put(mv, "chart", tv_copy(p, svg));
		tv_push(metrics, mv);
		tv_push(head, tv_str(p, c->metrics[j]));
		free(svg);
		free(label);
		free(last);
		free(v);
		free(has);
	}
	months = tv_put(m, "reports", tv_list(p));
	for (i = c->nreports; i > 0; i--) {
		struct tv *row = tv_map(p), *cells = tv_list(p);
		char mon[8];

		month_format(r[i - 1]->month, mon);
		tv_put(row, "month", tv_copy(p, mon));
		for (j = 0; j < c->nmetrics; j++) {
			double v;

			if (client_report_value(r[i - 1], c->metrics[j], &v)) {
				char *t = fmt_number(v);

				tv_push(cells, tv_copy(p, t));
				free(t);
			} else
				tv_push(cells, tv_str(p, "—"));
		}
		tv_put(row, "values", cells);
		tv_push(months, row);
	}
	free(r);
}

/* Markdown rendered by client_parse (CLIENT_HTML), or nothing. */
static struct tv *
html_val(struct tv_pool *p, const char *html)
{
	return html != NULL && *html != '\0' ? tv_str(p, html) : tv_null(p);
}

/* The commits of the client's file, newest first. */
static struct tv *
history_val(struct tv_pool *p, const struct history *h, const char *slug,
    date_t today)
{
	struct tv *list = tv_list(p);
	const struct repo_commit *rc;
	size_t i;

	for (i = 0; (rc = history_get(h, slug, i)) != NULL; i++) {
		struct tv *m = tv_map(p);

		tv_put(m, "date", val_date(p, rc->day, today));
		tv_put(m, "time", tv_strf(p, "%02d:%02d", rc->minutes / 60,
		    rc->minutes % 60));
		tv_put(m, "author", tv_str(p, rc->author));
		tv_put(m, "summary", tv_str(p, history_message(rc, slug)));
		tv_put(m, "id", tv_str(p, rc->short_id));
		tv_push(list, m);
	}
	return list;
}

/*
 * The day the key was made: of the newest commit rapport share made with
 * a new key (rapport's own messages; a key put in by hand has no day).
 */
static date_t
key_made(const struct history *h, const char *slug)
{
	const struct repo_commit *rc;
	size_t i;

	for (i = 0; (rc = history_get(h, slug, i)) != NULL; i++) {
		const char *m = history_message(rc, slug);

		if (strcmp(m, "share: new key") == 0 ||
		    strcmp(m, "share: key rotated") == 0)
			return rc->day;
	}
	return DATE_NONE;
}

/*
 * Orders pointers into one array of entries: later first, then as in the
 * file (a sort in n log n: a file may hold a hundred thousand entries).
 */
static int
newest_first(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	if (entry_later(x, y))
		return -1;
	if (entry_later(y, x))
		return 1;
	return x < y ? -1 : x > y;
}

int
pages_client(const struct pages *pg, const void *item, struct buf *out,
    struct diags *d)
{
	const struct followup *f = item;
	const struct client *c = f->client;
	const struct config *cfg = &pg->ws->cfg;
	date_t today = pg->ws->today;
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = val_page(&p, pg, c->name, "../", "client");
	struct tv *cl = tv_put(m, "client", val_row(&p, cfg, f, "../",
	    today, LEVEL_UPCOMING));
	struct tv *open = tv_list(&p), *done = tv_list(&p), *ent = tv_list(&p);
	struct tv *goals = tv_list(&p);
	const struct owner *o;
	size_t i;
	int rc;

	tv_put(cl, "path", tv_str(&p, c->path));
	if (c->share_key != NULL && client_share_key_ok(c->share_key)) {
		struct tv *sh = tv_put(cl, "share", tv_map(&p));

		tv_put(sh, "key", tv_str(&p, c->share_key));
		tv_put(sh, "href", tv_strf(&p, "../share/%s/index.html",
		    c->share_key));
		if (cfg->site_url != NULL)
			tv_put(sh, "url", tv_strf(&p, "%sshare/%s/",
			    cfg->site_url, c->share_key));
		if (pg->hist != NULL)
			tv_put(sh, "made", val_date(&p, key_made(pg->hist,
			    c->slug), today));
	}
	if (c->owner != NULL && (o = config_owner(cfg, c->owner)) != NULL)
		tv_put_str(&p, cl, "owner_name", o->name);
	tv_put(cl, "since", val_date(&p, c->since, today));
	{
		char dur[8];

		duration_format(c->cadence, dur);
		tv_put(cl, "cadence", tv_copy(&p, dur));
	}
	contact_val(&p, cl, "contact", &c->contact);
	contact_val(&p, cl, "escalation", &c->escalation);
	people_val(&p, cl, c);
	if (c->contract_hours >= 0 || c->renews != DATE_NONE) {
		struct tv *ct = tv_put(cl, "contract", tv_map(&p));
		char h[24];

		text_hours_format(f->hours_month, h);
		tv_put(ct, "used", tv_copy(&p, h));
		if (c->contract_hours > 0) {
			long long pct = (long long)followup_budget_percent(
			    f->hours_month, c->contract_hours);

			text_hours_format(c->contract_hours, h);
			tv_put(ct, "hours", tv_copy(&p, h));
			tv_put(ct, "percent", tv_strf(&p, "%lld", pct));
			tv_put(ct, "bar", tv_strf(&p, "%lld", pct > 100 ? 100 :
			    pct));
			tv_put(ct, "over", tv_bool(&p, f->hours_month >
			    c->contract_hours));
			tv_put(ct, "warn", tv_bool(&p, followup_budget_warns(
			    f->hours_month, c->contract_hours,
			    cfg->budget_warn)));
		}
		tv_put(ct, "renews", val_date(&p, c->renews, today));
		/* The months the report page shows, the same rows. */
		if (c->contract_hours >= 0)
			val_list(&p, ct, "months", "has_months",
			    val_hours_months(&p, f, today));
	}
	for (i = 0; i < c->ncommitments; i++) {
		const struct commitment *k = &c->commitments[i];
		struct tv *v = tv_map(&p);

		tv_put(v, "text", tv_str(&p, k->text));
		tv_put(v, "due", val_date(&p, k->due, today));
		tv_put(v, "kept", val_date(&p, k->done_on, today));
		tv_put(v, "theirs", tv_bool(&p, k->theirs));
		tv_put(v, "late", tv_bool(&p, !k->done && k->due != DATE_NONE &&
		    k->due < today));
		tv_push(k->done ? done : open, v);
	}
	val_list(&p, cl, "open", "has_open", open);
	tv_put(cl, "ndone", tv_strf(&p, "%zu", done->n));
	val_list(&p, cl, "done", "has_done", done);
	metrics_val(&p, cl, c);
	for (i = 0; i < c->ngoals; i++) {
		const struct goal *g = &c->goals[i];
		struct tv *v = val_goal(&p, g, today);

		tv_put(v, "review", tv_bool(&p, g->outcome == NULL &&
		    g->by != DATE_NONE && g->by < today));
		tv_push(goals, v);
	}
	val_list(&p, cl, "goals", "has_goals", goals);

	tv_put(cl, "notes", html_val(&p, c->notes_html));
	/* The timeline, newest first; entries of the same time in file order. */
	{
		const struct entry **order = xcalloc(c->nentries + 1,
		    sizeof(*order));

		for (i = 0; i < c->nentries; i++)
			order[i] = &c->entries[i];
		qsort(order, c->nentries, sizeof(*order), newest_first);
		for (i = 0; i < c->nentries; i++) {
			const struct entry *e = order[i];
			struct tv *v = tv_map(&p);

			tv_put(v, "date", val_date(&p, e->date, today));
			if (e->minutes >= 0)
				tv_put(v, "time", tv_strf(&p, "%02d:%02d",
				    e->minutes / 60, e->minutes % 60));
			tv_put(v, "dir", tv_str(&p, e->dir == ENTRY_IN ? "in" :
			    e->dir == ENTRY_OUT ? "out" : "note"));
			tv_put(v, "dir_label", tv_str(&p, e->dir == ENTRY_IN ?
			    "from the client" : e->dir == ENTRY_OUT ?
			    "to the client" : "internal note"));
			tv_put(v, e->dir == ENTRY_IN ? "in" : e->dir ==
			    ENTRY_OUT ? "out" : "note", tv_bool(&p, 1));
			tv_put_str(&p, v, "channel", e->channel);
			tv_put(v, "summary", tv_str(&p, e->summary));
			if (e->has_hours) {
				char h[24];

				text_hours_format(e->hours, h);
				tv_put(v, "hours", tv_copy(&p, h));
			}
			tv_put(v, "html", html_val(&p, e->html));
			tv_push(ent, v);
		}
		free(order);
	}
	val_list(&p, cl, "entries", "has_entries", ent);
	if (pg->hist != NULL)
		tv_put(cl, "history_cut", tv_bool(&p, history_cut(pg->hist)));
	if (pg->hist != NULL)
		val_list(&p, cl, "history", "has_history", history_val(&p,
		    pg->hist, c->slug, today));
	rc = tpl_render(pg->tpl, "client.html", m, out, d);
	tv_pool_free(&p);
	return rc;
}

