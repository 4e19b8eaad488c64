/*
 * site.c: the model turned into the pages of the site (see site.h).
 *
 * Each page is a value tree (tpl.h) built from the model and rendered by
 * one template; the tree is freed after the page is written.  Values are
 * always escaped by the templates except three kinds of trusted HTML made
 * here: Markdown rendered by cmark in its safe mode (raw HTML and
 * javascript:, vbscript:, file: and data: links removed), the inline SVG
 * charts (numbers only) and nothing else.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark.h>

#include "builtin.h"
#include "fileio.h"
#include "followup.h"
#include "ics.h"
#include "json.h"
#include "site.h"
#include "source.h"
#include "tpl.h"
#include "util.h"

/* Days the agenda covers, today included. */
#define AGENDA_DAYS	28
/* Commits of a client's file listed on its page. */
#define HISTORY_MAX	50

struct site {
	const struct workspace	*ws;
	struct repo		*repo;
	const char		*outdir;
	struct tpl_set		*tpl;
	struct diags		*d;
	struct site_stats	*stats;
	struct followup		*f;	/* valid clients, sorted */
	size_t			 nf;
	char			**written;	/* pages of this build */
	size_t			 nwritten;
	size_t			 capwritten;
	int			 failed;
};

/* ---- writing ------------------------------------------------------ */

static int
make_dir(const char *path)
{
	if (mkdir(path, 0777) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

/* Writes rel under the output folder unless it already holds the bytes. */
static void
put(struct site *s, const char *rel, const char *data, size_t len)
{
	char *full = xasprintf("%s/%s", s->outdir, rel), *old = NULL;
	size_t oldlen = 0;

	s->stats->pages++;
	xgrow(&s->written, &s->capwritten, s->nwritten + 1,
	    sizeof(*s->written));
	s->written[s->nwritten++] = xstrdup(rel);
	if (file_read_all(full, &old, &oldlen) == 0 && oldlen == len &&
	    memcmp(old, data, len) == 0)
		goto out;
	if (file_write_atomic(full, data, len) == -1) {
		diag_msg(s->d, "rapport", 0, 0, DIAG_ERROR, "cannot write %s: "
		    "%s", full, strerror(errno));
		s->failed = 1;
		goto out;
	}
	s->stats->written++;
out:
	free(old);
	free(full);
}

static void
render_page(struct site *s, const char *tmpl, const char *rel,
    const struct tv *data)
{
	struct buf out = { NULL, 0, 0 };

	if (tpl_render(s->tpl, tmpl, data, &out, s->d) == -1)
		s->failed = 1;
	else
		put(s, rel, out.s ? out.s : "", out.len);
	buf_free(&out);
}

static int
was_written(const struct site *s, const char *rel)
{
	size_t i;

	for (i = 0; i < s->nwritten; i++)
		if (strcmp(s->written[i], rel) == 0)
			return 1;
	return 0;
}

/* Removes the pages in dir/ (clients/, owners/) this build did not make. */
static void
remove_stale(struct site *s, const char *dir)
{
	char *full = xasprintf("%s/%s", s->outdir, dir);
	DIR *dp = opendir(full);
	struct dirent *e;

	while (dp != NULL && (e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		char *rel;

		if (n < 6 || strcmp(e->d_name + n - 5, ".html") != 0 ||
		    e->d_name[0] == '.')
			continue;
		rel = xasprintf("%s/%s", dir, e->d_name);
		if (!was_written(s, rel)) {
			char *p = xasprintf("%s/%s", s->outdir, rel);

			if (unlink(p) == 0)
				s->stats->removed++;
			free(p);
		}
		free(rel);
	}
	if (dp != NULL)
		closedir(dp);
	free(full);
}

/* ---- templates ---------------------------------------------------- */

static void
load_templates(struct site *s)
{
	const struct builtin *b;
	char *dir = xasprintf("%s/templates", s->ws->root);

	s->tpl = tpl_set_new();
	for (b = builtin_files; b->name != NULL; b++) {
		char *path = xasprintf("%s/%s", dir, b->name), *text;
		char *rel = xasprintf("templates/%s", b->name);
		size_t len;
		struct stat st;

		/* The workspace's own file wins, but never through a link. */
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    file_read_all(path, &text, &len) == 0) {
			tpl_set_add(s->tpl, b->name, text, len, rel);
			free(text);
		} else
			tpl_set_add(s->tpl, b->name, b->data, b->len,
			    b->name);
		free(rel);
		free(path);
	}
	free(dir);
}

/* The bytes of asset name (a template used as a file). */
static void
put_asset(struct site *s, const char *name)
{
	struct tv_pool p = { NULL, { NULL } };

	render_page(s, name, name, tv_map(&p));
	tv_pool_free(&p);
}

/* ---- values shared by pages --------------------------------------- */

static const char *const level_labels[] = { "OK", "Upcoming", "Due",
    "Overdue" };

static struct tv *
date_val(struct tv_pool *p, date_t d, date_t today)
{
	struct tv *m = tv_map(p);
	char iso[11], human[16];

	if (d == DATE_NONE)
		return tv_null(p);
	date_format(d, iso);
	date_human(d, today, human);
	tv_put(m, "iso", tv_strf(p, "%s", iso));
	tv_put(m, "human", tv_strf(p, "%s", human));
	return m;
}

static struct tv *
page(struct tv_pool *p, const struct site *s, const char *title,
    const char *root, const char *nav)
{
	const struct config *cfg = &s->ws->cfg;
	struct tv *m = tv_map(p), *n = tv_map(p);
	const char *site = cfg->site_title ? cfg->site_title :
	    cfg->name ? cfg->name : "rapport";

	tv_put(m, "root", tv_str(p, root));
	tv_put(m, "site_title", tv_str(p, site));
	tv_put(m, "title", title ? tv_strf(p, "%s", title) : tv_str(p, site));
	tv_put(m, "today", date_val(p, s->ws->today, s->ws->today));
	tv_put(n, nav, tv_bool(p, 1));
	tv_put(m, "nav", n);
	return m;
}

/* Puts list under key, and whether it has members under has. */
static void
put_list(struct tv_pool *p, struct tv *m, const char *key, const char *has,
    struct tv *list)
{
	tv_put(m, key, list);
	tv_put(m, has, tv_bool(p, list->n > 0));
}

static struct tv *
signal_val(struct tv_pool *p, const struct signal *sg, date_t today)
{
	struct tv *m = tv_map(p);
	char when[48];

	followup_when(when, sizeof(when), sg, today);
	tv_put(m, "kind", tv_str(p, signal_kind_name(sg->kind)));
	tv_put(m, "level", tv_str(p, level_name(sg->level)));
	tv_put(m, "level_label", tv_str(p, level_labels[sg->level]));
	tv_put(m, "text", tv_str(p, sg->text));
	tv_put(m, "when", tv_strf(p, "%s", when));
	tv_put(m, "due", date_val(p, sg->due, today));
	return m;
}

/* A client as a row of a list: name, link, state and its signals. */
static struct tv *
client_row(struct tv_pool *p, const struct config *cfg,
    const struct followup *f, const char *root, date_t today, enum level min)
{
	const struct client *c = f->client;
	struct tv *m = tv_map(p), *sigs = tv_list(p), *tags = tv_list(p);
	struct buf search = { NULL, 0, 0 };
	size_t i;

	tv_put(m, "name", tv_str(p, c->name));
	tv_put(m, "slug", tv_str(p, c->slug));
	tv_put(m, "href", tv_strf(p, "%sclients/%s.html", root, c->slug));
	tv_put_str(p, m, "owner", c->owner);
	if (c->owner != NULL && config_owner(cfg, c->owner) != NULL)
		tv_put(m, "owner_href", tv_strf(p, "%sowners/%s.html", root,
		    c->owner));
	tv_put(m, "status", tv_str(p, client_status_name(c->status)));
	tv_put(m, "health", tv_str(p, client_health_name(c->health)));
	tv_put(m, "state", tv_str(p, level_name(f->state)));
	tv_put(m, "state_label", tv_str(p, level_labels[f->state]));
	tv_put(m, "last_contact", date_val(p, f->last_contact, today));
	tv_put(m, "next_contact", date_val(p, f->next_contact, today));
	for (i = 0; i < f->nsignals; i++)
		if (f->signals[i].level >= min)
			tv_push(sigs, signal_val(p, &f->signals[i], today));
	put_list(p, m, "signals", "has_signals", sigs);
	buf_printf(&search, "%s %s %s %s", c->name, c->slug,
	    c->owner ? c->owner : "", client_status_name(c->status));
	for (i = 0; i < c->ntags; i++) {
		tv_push(tags, tv_str(p, c->tags[i]));
		buf_printf(&search, " %s", c->tags[i]);
	}
	for (i = 0; i < search.len; i++)
		if (search.s[i] >= 'A' && search.s[i] <= 'Z')
			search.s[i] = (char)(search.s[i] - 'A' + 'a');
	put_list(p, m, "tags", "has_tags", tags);
	tv_put(m, "search", tv_strf(p, "%s", search.s));
	buf_free(&search);
	return m;
}

/* ---- the index ---------------------------------------------------- */

static void
build_index(struct site *s, const char **bad, size_t nbad)
{
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = page(&p, s, NULL, "", "index");
	struct tv *att = tv_list(&p), *all = tv_list(&p), *counts = tv_map(&p);
	struct tv *owners = tv_list(&p), *badv = tv_list(&p);
	size_t i, j, count[4] = { 0 };
	const struct config *cfg = &s->ws->cfg;

	for (i = 0; i < s->nf; i++) {
		const struct followup *f = &s->f[i];

		count[f->state]++;
		if (f->state >= LEVEL_DUE)
			tv_push(att, client_row(&p, &s->ws->cfg, f, "", s->ws->today,
			    LEVEL_DUE));
		tv_push(all, client_row(&p, &s->ws->cfg, f, "", s->ws->today,
		    LEVEL_UPCOMING));
	}
	for (i = 0; i < 4; i++)
		tv_put(counts, level_name((enum level)i), tv_strf(&p, "%zu", count[i]));
	for (i = 0; i < cfg->nowners; i++) {
		struct tv *o = tv_map(&p);
		size_t n = 0;

		for (j = 0; j < s->nf; j++)
			n += s->f[j].client->owner != NULL &&
			    strcmp(s->f[j].client->owner,
			    cfg->owners[i].handle) == 0;
		tv_put(o, "handle", tv_str(&p, cfg->owners[i].handle));
		tv_put_str(&p, o, "name", cfg->owners[i].name);
		tv_put(o, "href", tv_strf(&p, "owners/%s.html",
		    cfg->owners[i].handle));
		tv_put(o, "clients", tv_strf(&p, "%zu", n));
		tv_push(owners, o);
	}
	for (i = 0; i < nbad; i++)
		tv_push(badv, tv_str(&p, bad[i]));
	tv_put(m, "attention", att);
	tv_put(m, "clients", all);
	tv_put(m, "nclients", tv_strf(&p, "%zu", s->nf));
	tv_put(m, "counts", counts);
	put_list(&p, m, "owners", "has_owners", owners);
	put_list(&p, m, "invalid", "has_invalid", badv);
	render_page(s, "index.html", "index.html", m);
	tv_pool_free(&p);
}

/* ---- a client ----------------------------------------------------- */

/*
 * Shows commitments as boxes: a list item that starts "[ ] " or "[x] "
 * gets a ballot box in place of the brackets (same length, in place).
 */
static void
tasks(char *html)
{
	char *p = html;

	while ((p = strstr(p, "<li>[")) != NULL) {
		p += 4;
		if ((p[1] == ' ' || p[1] == 'x' || p[1] == 'X') &&
		    p[2] == ']' && p[3] == ' ')
			/* U+2610 or U+2611 is three bytes, like "[ ]". */
			memcpy(p, p[1] == ' ' ? "\xe2\x98\x90" :
			    "\xe2\x98\x91", 3);
	}
}

/* Markdown of lines [from, to] (1-based, inclusive) of src, as safe HTML. */
static struct tv *
markdown(struct tv_pool *p, const struct source *src, size_t from, size_t to)
{
	size_t a, b;
	char *html;
	struct tv *v;

	if (from < 1 || from > src->nlines || to < from)
		return tv_null(p);
	if (to > src->nlines)
		to = src->nlines;
	a = src->line[from - 1];
	b = to < src->nlines ? src->line[to] : src->len;
	/* CMARK_OPT_DEFAULT is safe: no raw HTML, no dangerous links. */
	html = cmark_markdown_to_html(src->buf + a, b - a, CMARK_OPT_DEFAULT);
	tasks(html);
	v = tv_strf(p, "%s", html);
	free(html);
	return v->len > 0 ? v : tv_null(p);
}

static void
contact_val(struct tv_pool *p, struct tv *m, const char *key,
    const struct contact *ct)
{
	struct tv *v;
	struct buf tel = { NULL, 0, 0 };
	const char *s;

	if (ct->name == NULL && ct->email == NULL && ct->phone == NULL)
		return;
	v = tv_put(m, key, tv_map(p));
	tv_put_str(p, v, "name", ct->name);
	tv_put_str(p, v, "role", ct->role);
	tv_put_str(p, v, "email", ct->email);
	tv_put_str(p, v, "phone", ct->phone);
	if (ct->phone != NULL) {
		/* tel: takes digits and a leading '+' only. */
		for (s = ct->phone; *s != '\0'; s++)
			if ((*s >= '0' && *s <= '9') || (*s == '+' && tel.len
			    == 0))
				buf_putc(&tel, *s);
		if (tel.len > 0)
			tv_put(v, "tel", tv_strf(p, "%s", tel.s));
		buf_free(&tel);
	}
}

static int
report_cmp(const void *a, const void *b)
{
	const struct report *x = *(const struct report *const *)a;
	const struct report *y = *(const struct report *const *)b;

	return (x->month > y->month) - (x->month < y->month);
}

static int
report_value(const struct report *r, const char *metric, double *v)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->keys[i], metric) == 0) {
			*v = r->values[i];
			return 1;
		}
	return 0;
}

/* "40", "1.5", "41.25": at most two decimals, no trailing zeros. */
static char *
number(double v)
{
	char *s = xasprintf("%.2f", v), *e;

	if ((e = strchr(s, '.')) != NULL) {
		char *z = s + strlen(s);

		while (z > e + 1 && z[-1] == '0')
			*--z = '\0';
		if (z == e + 1)
			*e = '\0';
	}
	return s;
}

/* A sparkline of the values, oldest first; numbers only, so trusted. */
static char *
sparkline(const double *v, const int *has, size_t n, const char *label)
{
	struct buf b = { NULL, 0, 0 };
	double lo = 0, hi = 0;
	size_t i, k = 0;
	int first = 1;

	for (i = 0; i < n; i++)
		if (has[i]) {
			if (first || v[i] < lo)
				lo = v[i];
			if (first || v[i] > hi)
				hi = v[i];
			first = 0;
			k++;
		}
	if (k == 0)
		return NULL;
	buf_puts(&b, "<svg class=\"spark\" viewBox=\"0 0 120 36\" "
	    "role=\"img\" aria-label=\"");
	tpl_escape(&b, label, strlen(label));
	buf_puts(&b, "\"><polyline points=\"");
	for (i = 0; i < n; i++) {
		double x, y;

		if (!has[i])
			continue;
		x = n > 1 ? 4 + 112.0 * (double)i / (double)(n - 1) : 60;
		y = hi > lo ? 32 - 28 * (v[i] - lo) / (hi - lo) : 18;
		buf_printf(&b, "%s%.1f,%.1f", b.s[b.len - 1] == '"' ? "" : " ",
		    x, y);
	}
	buf_puts(&b, "\"/>");
	for (i = n; i > 0; i--)
		if (has[i - 1]) {
			double x = n > 1 ? 4 + 112.0 * (double)(i - 1) /
			    (double)(n - 1) : 60;
			double y = hi > lo ? 32 - 28 * (v[i - 1] - lo) /
			    (hi - lo) : 18;

			buf_printf(&b, "<circle cx=\"%.1f\" cy=\"%.1f\" "
			    "r=\"2.5\"/>", x, y);
			break;
		}
	buf_puts(&b, "</svg>");
	return buf_detach(&b);
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

		for (i = 0; i < c->nreports; i++)
			has[i] = report_value(r[i], c->metrics[j], &v[i]);
		for (i = c->nreports; i > 0 && last == NULL; i--)
			if (has[i - 1])
				last = number(v[i - 1]);
		label = xasprintf("%s over %zu months%s%s", c->metrics[j],
		    c->nreports, last ? ", latest " : "", last ? last : "");
		svg = sparkline(v, has, c->nreports, label);
		tv_put(mv, "name", tv_str(p, c->metrics[j]));
		if (last != NULL)
			tv_put(mv, "latest", tv_strf(p, "%s", last));
		if (svg != NULL)
			tv_put(mv, "chart", tv_strf(p, "%s", svg));
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
		tv_put(row, "month", tv_strf(p, "%s", mon));
		for (j = 0; j < c->nmetrics; j++) {
			double v;

			if (report_value(r[i - 1], c->metrics[j], &v)) {
				char *t = number(v);

				tv_push(cells, tv_strf(p, "%s", t));
				free(t);
			} else
				tv_push(cells, tv_str(p, "—"));
		}
		tv_put(row, "values", cells);
		tv_push(months, row);
	}
	free(r);
}

struct hist {
	struct tv_pool	*p;
	struct tv	*list;
	date_t		 today;
};

static int
history_row(const struct repo_commit *rc, void *arg)
{
	struct hist *h = arg;
	struct tv *m = tv_map(h->p);

	tv_put(m, "date", date_val(h->p, rc->day, h->today));
	tv_put(m, "author", tv_strf(h->p, "%s", rc->author));
	tv_put(m, "summary", tv_strf(h->p, "%s", rc->summary));
	tv_put(m, "id", tv_strf(h->p, "%s", rc->short_id));
	tv_push(h->list, m);
	return h->list->n >= HISTORY_MAX;
}

static void
build_client(struct site *s, const struct followup *f)
{
	const struct client *c = f->client;
	const struct config *cfg = &s->ws->cfg;
	date_t today = s->ws->today;
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = page(&p, s, c->name, "../", "client");
	struct tv *cl = tv_put(m, "client", client_row(&p, cfg, f, "../",
	    today, LEVEL_UPCOMING));
	struct tv *open = tv_list(&p), *done = tv_list(&p), *ent = tv_list(&p);
	struct tv *goals = tv_list(&p);
	struct diags quiet = { 0 };
	struct source src;
	const struct owner *o;
	char *abs = xasprintf("%s/%s", s->ws->root, c->path), *rel;
	size_t i, notes_end;
	int have_src;

	tv_put(cl, "path", tv_str(&p, c->path));
	if (c->owner != NULL && (o = config_owner(cfg, c->owner)) != NULL)
		tv_put_str(&p, cl, "owner_name", o->name);
	tv_put(cl, "since", date_val(&p, c->since, today));
	{
		char dur[8];

		duration_format(c->cadence, dur);
		tv_put(cl, "cadence", tv_strf(&p, "%s", dur));
	}
	contact_val(&p, cl, "contact", &c->contact);
	contact_val(&p, cl, "escalation", &c->escalation);
	if (c->contract_hours >= 0 || c->renews != DATE_NONE) {
		struct tv *ct = tv_put(cl, "contract", tv_map(&p));
		char *h = number(f->hours_month);

		tv_put(ct, "used", tv_strf(&p, "%s", h));
		free(h);
		if (c->contract_hours > 0) {
			double pct = 100 * f->hours_month / c->contract_hours;
			char *cap = number(c->contract_hours);

			tv_put(ct, "hours", tv_strf(&p, "%s", cap));
			tv_put(ct, "percent", tv_strf(&p, "%.0f", pct));
			tv_put(ct, "bar", tv_strf(&p, "%.0f", pct > 100 ? 100 :
			    pct));
			tv_put(ct, "over", tv_bool(&p, pct > 100));
			tv_put(ct, "warn", tv_bool(&p, pct >= cfg->budget_warn));
			free(cap);
		}
		tv_put(ct, "renews", date_val(&p, c->renews, today));
	}
	for (i = 0; i < c->ncommitments; i++) {
		const struct commitment *k = &c->commitments[i];
		struct tv *v = tv_map(&p);

		tv_put(v, "text", tv_str(&p, k->text));
		tv_put(v, "due", date_val(&p, k->due, today));
		tv_put(v, "theirs", tv_bool(&p, k->theirs));
		tv_put(v, "late", tv_bool(&p, !k->done && k->due != DATE_NONE &&
		    k->due < today));
		tv_push(k->done ? done : open, v);
	}
	put_list(&p, cl, "open", "has_open", open);
	tv_put(cl, "ndone", tv_strf(&p, "%zu", done->n));
	put_list(&p, cl, "done", "has_done", done);
	metrics_val(&p, cl, c);
	for (i = 0; i < c->ngoals; i++) {
		const struct goal *g = &c->goals[i];
		struct tv *v = tv_map(&p);

		tv_put(v, "name", tv_str(&p, g->name));
		tv_put_str(&p, v, "target", g->target);
		tv_put_str(&p, v, "outcome", g->outcome);
		tv_put(v, "by", date_val(&p, g->by, today));
		if (g->confidence >= 0)
			tv_put(v, "confidence", tv_strf(&p, "%d",
			    g->confidence));
		tv_put(v, "review", tv_bool(&p, g->outcome == NULL &&
		    g->by != DATE_NONE && g->by < today));
		tv_push(goals, v);
	}
	put_list(&p, cl, "goals", "has_goals", goals);

	have_src = source_read(&src, abs, c->path, &quiet) == 0;
	notes_end = c->nentries > 0 ? (size_t)c->entries[0].line - 1 :
	    have_src ? src.nlines : 0;
	for (i = 0; i < c->nentries; i++)
		if ((size_t)c->entries[i].line - 1 < notes_end)
			notes_end = (size_t)c->entries[i].line - 1;
	if (have_src)
		tv_put(cl, "notes", markdown(&p, &src, c->body_line,
		    notes_end));
	/* The timeline, newest first. */
	{
		size_t *order = xcalloc(c->nentries + 1, sizeof(*order)), k;

		for (i = 0; i < c->nentries; i++) {
			for (k = i; k > 0 && entry_later(&c->entries[i],
			    &c->entries[order[k - 1]]); k--)
				order[k] = order[k - 1];
			order[k] = i;
		}
		for (k = 0; k < c->nentries; k++) {
			const struct entry *e = &c->entries[order[k]];
			struct tv *v = tv_map(&p);

			tv_put(v, "date", date_val(&p, e->date, today));
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
				char *h = number(e->hours);

				tv_put(v, "hours", tv_strf(&p, "%s", h));
				free(h);
			}
			if (have_src)
				tv_put(v, "html", markdown(&p, &src,
				    (size_t)e->line + 1, (size_t)e->end_line));
			tv_push(ent, v);
		}
		free(order);
	}
	put_list(&p, cl, "entries", "has_entries", ent);
	if (s->repo != NULL) {
		struct hist h = { &p, tv_list(&p), today };

		if (repo_history(s->repo, c->path, history_row, &h,
		    &quiet) >= 0)
			put_list(&p, cl, "history", "has_history", h.list);
	}
	rel = xasprintf("clients/%s.html", c->slug);
	render_page(s, "client.html", rel, m);
	free(rel);
	free(abs);
	if (have_src)
		source_free(&src);
	diags_free(&quiet);
	tv_pool_free(&p);
}

/* ---- owners and the agenda ---------------------------------------- */

static void
build_owner(struct site *s, const struct owner *o)
{
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = page(&p, s, o->name ? o->name : o->handle, "../",
	    "owner");
	struct tv *ov = tv_put(m, "owner", tv_map(&p)), *list = tv_list(&p);
	size_t i, count[4] = { 0 };
	char *rel;

	tv_put(ov, "handle", tv_str(&p, o->handle));
	tv_put_str(&p, ov, "name", o->name);
	tv_put_str(&p, ov, "email", o->email);
	for (i = 0; i < s->nf; i++) {
		const struct followup *f = &s->f[i];

		if (f->client->owner == NULL ||
		    strcmp(f->client->owner, o->handle) != 0)
			continue;
		count[f->state]++;
		tv_push(list, client_row(&p, &s->ws->cfg, f, "../", s->ws->today,
		    LEVEL_UPCOMING));
	}
	tv_put(m, "clients", list);
	tv_put(m, "nclients", tv_strf(&p, "%zu", list->n));
	tv_put(m, "overdue", tv_strf(&p, "%zu", count[LEVEL_OVERDUE]));
	tv_put(m, "due", tv_strf(&p, "%zu", count[LEVEL_DUE]));
	rel = xasprintf("owners/%s.html", o->handle);
	render_page(s, "owner.html", rel, m);
	free(rel);
	tv_pool_free(&p);
}

static struct tv *
agenda_item(struct tv_pool *p, const struct followup *f,
    const struct signal *sg, date_t today)
{
	struct tv *v = signal_val(p, sg, today);

	tv_put(v, "client", tv_str(p, f->client->name));
	tv_put(v, "href", tv_strf(p, "clients/%s.html", f->client->slug));
	return v;
}

static void
build_agenda(struct site *s)
{
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = page(&p, s, "Agenda", "", "agenda");
	struct tv *over = tv_list(&p), *days = tv_list(&p);
	date_t today = s->ws->today, d;
	size_t i, j;

	for (i = 0; i < s->nf; i++)
		for (j = 0; j < s->f[i].nsignals; j++)
			if (s->f[i].signals[j].due < today ||
			    s->f[i].signals[j].level == LEVEL_OVERDUE)
				tv_push(over, agenda_item(&p, &s->f[i],
				    &s->f[i].signals[j], today));
	for (d = today; d < today + AGENDA_DAYS; d++) {
		struct tv *day = tv_map(&p), *items = tv_list(&p);

		for (i = 0; i < s->nf; i++)
			for (j = 0; j < s->f[i].nsignals; j++)
				if (s->f[i].signals[j].due == d &&
				    s->f[i].signals[j].level != LEVEL_OVERDUE)
					tv_push(items, agenda_item(&p, &s->f[i],
					    &s->f[i].signals[j], today));
		tv_put(day, "date", date_val(&p, d, today));
		tv_put(day, "today", tv_bool(&p, d == today));
		tv_put(day, "weekend", tv_bool(&p, date_weekday(d) >= 5));
		put_list(&p, day, "items", "has_items", items);
		tv_push(days, day);
	}
	put_list(&p, m, "overdue", "has_overdue", over);
	tv_put(m, "days", days);
	tv_put(m, "last", date_val(&p, today + AGENDA_DAYS - 1, today));
	render_page(s, "agenda.html", "agenda.html", m);
	tv_pool_free(&p);
}

/* ---- the whole site ----------------------------------------------- */

int
site_build(const struct workspace *ws, struct repo *repo, const char *outdir,
    struct site_stats *stats, struct diags *d)
{
	struct site s;
	struct buf b = { NULL, 0, 0 };
	const char **bad = xcalloc(ws->nclients + 1, sizeof(*bad));
	size_t i, nbad = 0, shown;
	char *dir;

	memset(&s, 0, sizeof(s));
	memset(stats, 0, sizeof(*stats));
	s.ws = ws;
	s.repo = repo;
	s.outdir = outdir;
	s.d = d;
	s.stats = stats;
	s.f = xcalloc(ws->nclients + 1, sizeof(*s.f));
	for (i = 0; i < ws->nclients; i++) {
		if (ws->clients[i].errors > 0)
			bad[nbad++] = ws->clients[i].path;
		else
			followup_compute(&s.f[s.nf++], &ws->clients[i],
			    &ws->cfg, ws->today);
	}
	followup_sort(s.f, s.nf);
	load_templates(&s);

	if (make_dir(outdir) == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot make %s: %s",
		    outdir, strerror(errno));
		s.failed = 1;
		goto out;
	}
	dir = xasprintf("%s/clients", outdir);
	if (make_dir(dir) == -1)
		s.failed = 1;
	free(dir);
	dir = xasprintf("%s/owners", outdir);
	if (ws->cfg.nowners > 0 && make_dir(dir) == -1)
		s.failed = 1;
	free(dir);
	if (s.failed) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot make the "
		    "folders of %s: %s", outdir, strerror(errno));
		goto out;
	}

	put_asset(&s, "style.css");
	put_asset(&s, "filter.js");
	build_index(&s, bad, nbad);
	for (i = 0; i < s.nf && !s.failed; i++)
		build_client(&s, &s.f[i]);
	for (i = 0; i < ws->cfg.nowners && !s.failed; i++)
		build_owner(&s, &ws->cfg.owners[i]);
	build_agenda(&s);

	/* status.json: exactly what "rapport status --json" prints. */
	for (shown = 0; shown < s.nf && s.f[shown].state >= LEVEL_DUE; shown++)
		continue;
	json_status(&b, ws->today, s.f, shown);
	put(&s, "status.json", b.s, b.len);
	buf_reset(&b);
	ics_write(&b, s.f, s.nf, ws->today,
	    ws->cfg.site_title ? ws->cfg.site_title : ws->cfg.name);
	put(&s, "followups.ics", b.s, b.len);
	if (!s.failed) {
		remove_stale(&s, "clients");
		remove_stale(&s, "owners");
	}
out:
	for (i = 0; i < s.nf; i++)
		followup_free(&s.f[i]);
	for (i = 0; i < s.nwritten; i++)
		free(s.written[i]);
	free(s.written);
	free(s.f);
	free(bad);
	buf_free(&b);
	tpl_set_free(s.tpl);
	return s.failed ? -1 : 0;
}
