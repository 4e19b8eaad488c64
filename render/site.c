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
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark.h>

#include "builtin.h"
#include "fileio.h"
#include "followup.h"
#include "history.h"
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
	struct history		*hist;		/* NULL without a repository */
	char			*outdir;
	struct tpl_set		*tpl;
	struct file_batch	*batch;
	struct followup		*f;	/* valid clients, sorted (copies) */
	size_t			 nf;
	atomic_size_t		 pages;
	atomic_size_t		 written;
	atomic_int		 failed;
	pthread_mutex_t		 lock;		/* errs */
	struct diags		 errs;		/* from site_visit */
	uint64_t		 tpl_hash;	/* of every template's text */
	int			 finishing;	/* site_finish's pages */
	struct file_stage	*stage;		/* a new output folder */
	struct buf		*capture;	/* site_page: the page, unwritten */
	struct buf		 shared;	/* their names and sizes */
};

/* ---- writing ------------------------------------------------------ */

static int
make_dir(const char *path)
{
	if (mkdir(path, 0777) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

/*
 * Queues rel under the output folder unless it already holds the bytes;
 * site_finish puts every queued file in place at once.  A new output
 * folder is staged instead: each page is written straight into it.  Safe
 * to call from several threads.
 */
static void
put(struct site *s, const char *rel, const char *data, size_t len,
    struct diags *d)
{
	char *full;

	if (s->capture != NULL) {
		buf_putn(s->capture, data, len);
		return;
	}
	full = xasprintf("%s/%s", s->outdir, rel);
	atomic_fetch_add(&s->pages, 1);
	if (s->finishing) {
		uint64_t size = len;
		uint32_t n = (uint32_t)strlen(rel);

		pthread_mutex_lock(&s->lock);
		buf_putn(&s->shared, (const char *)&size, sizeof(size));
		buf_putn(&s->shared, (const char *)&n, sizeof(n));
		buf_putn(&s->shared, rel, n);
		pthread_mutex_unlock(&s->lock);
	}
	if (s->stage != NULL) {
		if (file_stage_put(s->stage, rel, data, len) == -1) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot "
			    "write %s/%s: %s", file_stage_dir(s->stage), rel,
			    strerror(errno));
			s->failed = 1;
			goto out;
		}
	} else if (file_same(full, data, len))
		goto out;
	else if (file_batch_add(s->batch, full, data, len) == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot write %s: "
		    "%s", full, strerror(errno));
		s->failed = 1;
		goto out;
	}
	atomic_fetch_add(&s->written, 1);
out:
	free(full);
}

/* Renders and queues a page; returns its length. */
static size_t
render_page(struct site *s, const char *tmpl, const char *rel,
    const struct tv *data, struct diags *d)
{
	struct buf out = { NULL, 0, 0 };
	size_t len = 0;

	if (tpl_render(s->tpl, tmpl, data, &out, d) == -1)
		s->failed = 1;
	else {
		put(s, rel, out.s ? out.s : "", out.len, d);
		len = out.len;
	}
	buf_free(&out);
	return len;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Removes the pages in dir/ (clients/, owners/) other than NAME.html for
 * the n names given (sorting names).  Hidden files are left alone.
 */
static void
remove_stale(struct site *s, const char *dir, const char **names, size_t n,
    size_t *removed)
{
	char *full = xasprintf("%s/%s", s->outdir, dir);
	DIR *dp = opendir(full);
	struct dirent *e;

	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	while (dp != NULL && (e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		char *stem;
		int keep;

		if (len < 6 || strcmp(e->d_name + len - 5, ".html") != 0 ||
		    e->d_name[0] == '.')
			continue;
		stem = xstrndup(e->d_name, len - 5);
		keep = bsearch(&stem, names, n, sizeof(*names), name_cmp) !=
		    NULL;
		free(stem);
		if (!keep) {
			char *p = xasprintf("%s/%s", full, e->d_name);

			if (unlink(p) == 0)
				(*removed)++;
			free(p);
		}
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
			s->tpl_hash = hash64(text, len, s->tpl_hash);
			free(text);
		} else {
			tpl_set_add(s->tpl, b->name, b->data, b->len,
			    b->name);
			s->tpl_hash = hash64(b->data, b->len, s->tpl_hash);
		}
		free(rel);
		free(path);
	}
	free(dir);
}

/* The bytes of asset name (a template used as a file). */
static void
put_asset(struct site *s, const char *name, struct diags *d)
{
	struct tv_pool p = { NULL, { NULL } };

	render_page(s, name, name, tv_map(&p), d);
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
	tv_put(m, "iso", tv_copy(p, iso));
	tv_put(m, "human", tv_copy(p, human));
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
	tv_put(m, "title", title ? tv_copy(p, title) : tv_str(p, site));
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
	tv_put(m, "when", tv_copy(p, when));
	tv_put(m, "due", date_val(p, sg->due, today));
	return m;
}

/* The text in b as a value (copied into the pool). */
static struct tv *
buf_val(struct tv_pool *p, const struct buf *b)
{
	return tv_strn(p, pool_strndup(&p->strings, b->s ? b->s : "",
	    b->len), b->len);
}

/* root + dir + "/" + slug + ".html" as a value. */
static struct tv *
href_val(struct tv_pool *p, struct buf *b, const char *root, const char *dir,
    const char *slug)
{
	buf_reset(b);
	buf_puts(b, root);
	buf_puts(b, dir);
	buf_putc(b, '/');
	buf_puts(b, slug);
	buf_puts(b, ".html");
	return buf_val(p, b);
}

/*
 * A client as a row of a list: name, link, state and its signals.  Rows
 * are made for every client of the index, the owners' pages and the
 * agenda, so the strings are put together without printf.
 */
static struct tv *
client_row(struct tv_pool *p, const struct config *cfg,
    const struct followup *f, const char *root, date_t today, enum level min)
{
	const struct client *c = f->client;
	struct tv *m = tv_map(p), *sigs = tv_list(p), *tags = tv_list(p);
	struct buf b = { NULL, 0, 0 };
	size_t i;

	tv_put(m, "name", tv_str(p, c->name));
	tv_put(m, "slug", tv_str(p, c->slug));
	tv_put(m, "href", href_val(p, &b, root, "clients", c->slug));
	tv_put_str(p, m, "owner", c->owner);
	if (c->owner != NULL && config_owner(cfg, c->owner) != NULL)
		tv_put(m, "owner_href", href_val(p, &b, root, "owners",
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
	/* What the filter box matches: lower-case words. */
	buf_reset(&b);
	buf_puts(&b, c->name);
	buf_putc(&b, ' ');
	buf_puts(&b, c->slug);
	buf_putc(&b, ' ');
	buf_puts(&b, c->owner ? c->owner : "");
	buf_putc(&b, ' ');
	buf_puts(&b, client_status_name(c->status));
	for (i = 0; i < c->ntags; i++) {
		tv_push(tags, tv_str(p, c->tags[i]));
		buf_putc(&b, ' ');
		buf_puts(&b, c->tags[i]);
	}
	for (i = 0; i < b.len; i++)
		if (b.s[i] >= 'A' && b.s[i] <= 'Z')
			b.s[i] = (char)(b.s[i] - 'A' + 'a');
	put_list(p, m, "tags", "has_tags", tags);
	tv_put(m, "search", buf_val(p, &b));
	buf_free(&b);
	return m;
}

/*
 * Lists of client rows are lazy (tv_lazy): a row is made when the template
 * reaches it, so a page of ten thousand clients holds one row at a time.
 * Member i is s->f[i], or s->f[pick[i]] when pick is set.
 */
struct rows {
	struct site	*s;
	const char	*root;
	enum level	 min;
	const size_t	*pick;
};

static struct tv *
row_gen(struct tv_pool *p, size_t i, void *arg)
{
	const struct rows *r = arg;

	return client_row(p, &r->s->ws->cfg, &r->s->f[r->pick ? r->pick[i] :
	    i], r->root, r->s->ws->today, r->min);
}

/* ---- the index ---------------------------------------------------- */

static void
build_index(struct site *s, const char **bad, size_t nbad, struct diags *d)
{
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = page(&p, s, NULL, "", "index");
	struct tv *counts = tv_map(&p);
	struct tv *owners = tv_list(&p), *badv = tv_list(&p);
	size_t i, j, count[4] = { 0 }, natt = 0;
	const struct config *cfg = &s->ws->cfg;
	struct rows att = { s, "", LEVEL_DUE, NULL };
	struct rows all = { s, "", LEVEL_UPCOMING, NULL };

	/* s->f is sorted most urgent first: those needing attention lead. */
	for (i = 0; i < s->nf; i++) {
		count[s->f[i].state]++;
		natt += s->f[i].state >= LEVEL_DUE;
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
	tv_put(m, "attention", tv_lazy(&p, natt, row_gen, &att));
	tv_put(m, "clients", tv_lazy(&p, s->nf, row_gen, &all));
	tv_put(m, "nclients", tv_strf(&p, "%zu", s->nf));
	tv_put(m, "counts", counts);
	put_list(&p, m, "owners", "has_owners", owners);
	put_list(&p, m, "invalid", "has_invalid", badv);
	render_page(s, "index.html", "index.html", m, d);
	tv_pool_free(&p);
}

/* ---- a client ----------------------------------------------------- */

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
			tv_put(v, "tel", tv_copy(p, tel.s));
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

/*
 * Appends v with dec (0..3) decimals, as printf's "%.*f" would, without
 * printf's cost (charts and tables format thousands of numbers): the
 * value is rounded to an integer count of 10^-dec, ties to even like
 * the default rounding mode.  Huge or odd values go to printf.
 */
static void
fixed(struct buf *b, double v, int dec)
{
	static const double scale[] = { 1, 10, 100, 1000 };
	char tmp[32], *e = tmp + sizeof(tmp);
	double r = rint(v * scale[dec]);
	unsigned long long u;
	int k, neg = r < 0;

	if (!isfinite(v) || fabs(r) >= 1e15) {
		buf_printf(b, "%.*f", dec, v);
		return;
	}
	u = (unsigned long long)(neg ? -r : r);
	for (k = 0; k < dec; k++) {
		*--e = (char)('0' + u % 10);
		u /= 10;
	}
	if (dec > 0)
		*--e = '.';
	do {
		*--e = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (neg)
		*--e = '-';
	buf_putn(b, e, (size_t)(tmp + sizeof(tmp) - e));
}

/* "40", "1.5", "41.25": at most two decimals, no trailing zeros. */
static char *
number(double v)
{
	struct buf b = { NULL, 0, 0 };
	char *s, *e;

	fixed(&b, v, 2);
	s = buf_detach(&b);

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
		if (b.s[b.len - 1] != '"')
			buf_putc(&b, ' ');
		fixed(&b, x, 1);
		buf_putc(&b, ',');
		fixed(&b, y, 1);
	}
	buf_puts(&b, "\"/>");
	for (i = n; i > 0; i--)
		if (has[i - 1]) {
			double x = n > 1 ? 4 + 112.0 * (double)(i - 1) /
			    (double)(n - 1) : 60;
			double y = hi > lo ? 32 - 28 * (v[i - 1] - lo) /
			    (hi - lo) : 18;

			buf_puts(&b, "<circle cx=\"");
			fixed(&b, x, 1);
			buf_puts(&b, "\" cy=\"");
			fixed(&b, y, 1);
			buf_puts(&b, "\" r=\"2.5\"/>");
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

			if (report_value(r[i - 1], c->metrics[j], &v)) {
				char *t = number(v);

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

		tv_put(m, "date", date_val(p, rc->day, today));
		tv_put(m, "author", tv_str(p, rc->author));
		tv_put(m, "summary", tv_str(p, rc->summary));
		tv_put(m, "id", tv_str(p, rc->short_id));
		tv_push(list, m);
	}
	return list;
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

static size_t
build_client(struct site *s, const struct followup *f, struct diags *d)
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
	const struct owner *o;
	char *rel;
	size_t i, len;

	tv_put(cl, "path", tv_str(&p, c->path));
	if (c->owner != NULL && (o = config_owner(cfg, c->owner)) != NULL)
		tv_put_str(&p, cl, "owner_name", o->name);
	tv_put(cl, "since", date_val(&p, c->since, today));
	{
		char dur[8];

		duration_format(c->cadence, dur);
		tv_put(cl, "cadence", tv_copy(&p, dur));
	}
	contact_val(&p, cl, "contact", &c->contact);
	contact_val(&p, cl, "escalation", &c->escalation);
	if (c->contract_hours >= 0 || c->renews != DATE_NONE) {
		struct tv *ct = tv_put(cl, "contract", tv_map(&p));
		char *h = number(f->hours_month);

		tv_put(ct, "used", tv_copy(&p, h));
		free(h);
		if (c->contract_hours > 0) {
			double pct = 100 * f->hours_month / c->contract_hours;
			char *cap = number(c->contract_hours);

			tv_put(ct, "hours", tv_copy(&p, cap));
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

				tv_put(v, "hours", tv_copy(&p, h));
				free(h);
			}
			tv_put(v, "html", html_val(&p, e->html));
			tv_push(ent, v);
		}
		free(order);
	}
	put_list(&p, cl, "entries", "has_entries", ent);
	if (s->hist != NULL)
		put_list(&p, cl, "history", "has_history", history_val(&p,
		    s->hist, c->slug, today));
	rel = xasprintf("clients/%s.html", c->slug);
	len = render_page(s, "client.html", rel, m, d);
	free(rel);
	tv_pool_free(&p);
	return len;
}

/* ---- owners and the agenda ---------------------------------------- */

static void
build_owner(struct site *s, const struct owner *o, struct diags *d)
{
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = page(&p, s, o->name ? o->name : o->handle, "../",
	    "owner");
	struct tv *ov = tv_put(m, "owner", tv_map(&p));
	size_t i, n = 0, count[4] = { 0 };
	size_t *pick = xcalloc(s->nf + 1, sizeof(*pick));
	struct rows rows = { s, "../", LEVEL_UPCOMING, pick };
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
		pick[n++] = i;
	}
	tv_put(m, "clients", tv_lazy(&p, n, row_gen, &rows));
	tv_put(m, "nclients", tv_strf(&p, "%zu", n));
	tv_put(m, "overdue", tv_strf(&p, "%zu", count[LEVEL_OVERDUE]));
	tv_put(m, "due", tv_strf(&p, "%zu", count[LEVEL_DUE]));
	rel = xasprintf("owners/%s.html", o->handle);
	render_page(s, "owner.html", rel, m, d);
	free(rel);
	free(pick);
	tv_pool_free(&p);
}

static struct tv *
agenda_item(struct tv_pool *p, const struct followup *f,
    const struct signal *sg, date_t today)
{
	struct tv *v = signal_val(p, sg, today);
	struct buf b = { NULL, 0, 0 };

	tv_put(v, "client", tv_str(p, f->client->name));
	tv_put(v, "href", href_val(p, &b, "", "clients", f->client->slug));
	buf_free(&b);
	return v;
}

/* Signals listed on the agenda, made lazily like client rows. */
struct sigref {
	size_t	f;		/* in s->f */
	size_t	sg;		/* in its signals */
};

struct items {
	struct site		*s;
	const struct sigref	*v;
};

static struct tv *
item_gen(struct tv_pool *p, size_t i, void *arg)
{
	const struct items *it = arg;
	const struct followup *f = &it->s->f[it->v[i].f];

	return agenda_item(p, f, &f->signals[it->v[i].sg], it->s->ws->today);
}

static void
build_agenda(struct site *s, struct diags *dg)
{
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = page(&p, s, "Agenda", "", "agenda");
	struct tv *days = tv_list(&p);
	date_t today = s->ws->today, d;
	struct sigref *v = NULL;
	struct items over = { s, NULL }, on[AGENDA_DAYS];
	size_t i, j, n = 0, cap = 0, start[AGENDA_DAYS + 2];

	/* Overdue first, then each day's, in the order of s->f. */
	for (d = today - 1; d < today + AGENDA_DAYS; d++) {
		start[d - today + 1] = n;
		for (i = 0; i < s->nf; i++)
			for (j = 0; j < s->f[i].nsignals; j++) {
				const struct signal *sg = &s->f[i].signals[j];
				int late = sg->due < today ||
				    sg->level == LEVEL_OVERDUE;

				if (d < today ? !late : late || sg->due != d)
					continue;
				xgrow(&v, &cap, n + 1, sizeof(*v));
				v[n].f = i;
				v[n++].sg = j;
			}
	}
	start[AGENDA_DAYS + 1] = n;
	over.v = v;
	for (d = today; d < today + AGENDA_DAYS; d++) {
		struct tv *day = tv_map(&p);
		size_t k = (size_t)(d - today);

		on[k].s = s;
		on[k].v = v + start[k + 1];
		tv_put(day, "date", date_val(&p, d, today));
		tv_put(day, "today", tv_bool(&p, d == today));
		tv_put(day, "weekend", tv_bool(&p, date_weekday(d) >= 5));
		put_list(&p, day, "items", "has_items", tv_lazy(&p,
		    start[k + 2] - start[k + 1], item_gen, &on[k]));
		tv_push(days, day);
	}
	put_list(&p, m, "overdue", "has_overdue", tv_lazy(&p, start[1],
	    item_gen, &over));
	tv_put(m, "days", days);
	tv_put(m, "last", date_val(&p, today + AGENDA_DAYS - 1, today));
	render_page(s, "agenda.html", "agenda.html", m, dg);
	tv_pool_free(&p);
	free(v);
}

/* ---- the whole site ----------------------------------------------- */

static int
make_dirs(const char *outdir, int owners, struct diags *d)
{
	char *dir = NULL;
	int rc = -1;

	if (make_dir(outdir) == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot make %s: %s",
		    outdir, strerror(errno));
		return -1;
	}
	dir = xasprintf("%s/clients", outdir);
	if (make_dir(dir) == -1)
		goto fail;
	free(dir);
	dir = xasprintf("%s/owners", outdir);
	if (owners && make_dir(dir) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot make %s: %s", dir,
	    strerror(errno));
out:
	free(dir);
	return rc;
}

struct site *
site_new(const struct workspace *ws, struct repo *repo, const char *outdir,
    int cache, struct diags *d)
{
	struct site *s = xcalloc(1, sizeof(*s));

	struct stat st;

	s->ws = ws;
	s->outdir = xstrdup(outdir);
	s->batch = file_batch_new();
	pthread_mutex_init(&s->lock, NULL);
	load_templates(s);
	if (tpl_set_check(s->tpl, d) == -1)
		goto fail;
	/* A new site is made beside its name, then renamed into place. */
	if (lstat(outdir, &st) == -1 && errno == ENOENT &&
	    (s->stage = file_stage_new(outdir)) == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot make a "
		    "folder beside %s: %s", outdir, strerror(errno));
		goto fail;
	}
	if (make_dirs(s->stage ? file_stage_dir(s->stage) : outdir,
	    ws->cfg.nowners > 0, d) == -1)
		goto fail;
	if (repo != NULL && (s->hist = history_load(repo, HISTORY_MAX, cache,
	    ws->jobs, d)) == NULL)
		goto fail;
	return s;
fail:
	site_free(s);
	return NULL;
}

int
site_page(const struct workspace *ws, const struct followup *f,
    struct buf *out, struct diags *d)
{
	struct site s;
	char none[1] = "";
	int rc = -1;

	memset(&s, 0, sizeof(s));
	s.ws = ws;
	s.outdir = none;
	s.capture = out;
	pthread_mutex_init(&s.lock, NULL);
	load_templates(&s);
	if (tpl_set_check(s.tpl, d) == 0) {
		build_client(&s, f, d);
		rc = s.failed ? -1 : 0;
	}
	tpl_set_free(s.tpl);
	pthread_mutex_destroy(&s.lock);
	return rc;
}

/*
 * What a client's page depends on besides the client's file, whose bytes
 * the client cache already matched, and the program, rapport.ini and
 * today, which key that cache: the templates, the file's history and
 * where the page goes.
 */
static uint64_t
page_key(const struct site *s, const char *slug)
{
	uint64_t k = s->tpl_hash;

	if (s->hist != NULL)
		k ^= history_hash(s->hist, slug) * 0x9e3779b97f4a7c15ULL;
	return hash64(s->outdir, strlen(s->outdir), k) | 1;
}

int
site_need(const struct workspace *ws, size_t i, const struct client *c,
    const uint64_t aux[2], void *arg)
{
	struct site *s = arg;
	struct stat st;
	char *path;
	int need;

	(void)ws;
	(void)i;
	if (c->errors > 0)
		return 0;
	/* The page as it was made, still there at the size it had. */
	path = xasprintf("%s/clients/%s.html", s->outdir, c->slug);
	need = aux[0] != page_key(s, c->slug) || stat(path, &st) == -1 ||
	    !S_ISREG(st.st_mode) || (uint64_t)st.st_size != aux[1];
	free(path);
	if (!need)
		atomic_fetch_add(&s->pages, 1);
	return need;
}

void
site_visit(const struct workspace *ws, size_t i, const struct client *c,
    const struct followup *f, uint64_t aux[2], struct diags *d, void *arg)
{
	struct site *s = arg;
	struct diags mine = { 0 };

	/*
	 * d is for problems with the file, which check reports; the
	 * build's own problems are kept apart for site_finish to report.
	 */
	(void)ws;
	(void)i;
	(void)d;
	aux[0] = aux[1] = 0;
	if (c->errors == 0 && !s->failed) {
		aux[1] = build_client(s, f, &mine);
		if (mine.nerr == 0)
			aux[0] = page_key(s, c->slug);
	}
	if (mine.n > 0) {
		pthread_mutex_lock(&s->lock);
		diags_take(&s->errs, &mine);
		pthread_mutex_unlock(&s->lock);
	}
}

/* What site_finish makes once every client is read: one task each. */
#define FINISH_TASKS	5

struct finish {
	struct site	*s;
	const char	**bad;
	size_t		 nbad;
	struct diags	 d[FINISH_TASKS];
};

/* Makes page or file t (a run_each item). */
static void
finish_task(size_t t, int thread, void *arg)
{
	struct finish *fin = arg;
	struct site *s = fin->s;
	const struct workspace *ws = s->ws;
	struct diags *d = &fin->d[t];
	struct buf b = { NULL, 0, 0 };
	size_t i, shown;

	switch (t) {
	case 0:
		build_index(s, fin->bad, fin->nbad, d);
		break;
	case 1:
		build_agenda(s, d);
		break;
	case 2:
		for (i = 0; i < ws->cfg.nowners && !s->failed; i++)
			build_owner(s, &ws->cfg.owners[i], d);
		put_asset(s, "style.css", d);
		put_asset(s, "filter.js", d);
		break;
	case 3:
		/* status.json: exactly what "rapport status --json" prints. */
		for (shown = 0; shown < s->nf && s->f[shown].state >=
		    LEVEL_DUE; shown++)
			continue;
		json_status(&b, ws->today, s->f, shown);
		put(s, "status.json", b.s, b.len, d);
		break;
	case 4:
		ics_write(&b, s->f, s->nf, ws->today, ws->cfg.site_title ?
		    ws->cfg.site_title : ws->cfg.name);
		put(s, "followups.ics", b.s, b.len, d);
		break;
	}
	buf_free(&b);
	(void)thread;
}

/*
 * What the shared pages are made from, beyond the program, rapport.ini and
 * today, which key the cache that keeps this: the templates, the output
 * folder and every client file's path, bytes and whether it has errors
 * (the followups and the index's list of broken files follow from those).
 * No shared page shows history.
 */
static uint64_t
shared_key(const struct site *s)
{
	const struct workspace *ws = s->ws;
	uint64_t k = hash64(s->outdir, strlen(s->outdir), s->tpl_hash);
	size_t i;

	for (i = 0; i < ws->nclients; i++) {
		const struct client *c = &ws->clients[i];
		uint64_t h[2] = { c->hash, c->errors > 0 };

		k = hash64(c->path, strlen(c->path), k);
		k = hash64(h, sizeof(h), k);
	}
	return k;
}

/*
 * Whether the note kept in the cache says the shared pages were made from
 * exactly this (key) and every one of them is still there at the size it
 * was written; counts them as pages when so.  The note is the key, then
 * per file its size, name length and name.
 */
static int
shared_current(struct site *s, struct cache *cache, uint64_t key)
{
	const char *p, *end;
	size_t len, n = 0;
	uint64_t k;

	if (cache == NULL || (p = cache_note(cache, &len)) == NULL ||
	    len < sizeof(k))
		return 0;
	end = p + len;
	memcpy(&k, p, sizeof(k));
	if (k != key)
		return 0;
	for (p += sizeof(k); p < end; n++) {
		struct stat st;
		uint64_t size;
		uint32_t nlen;
		char *full;
		int ok;

		if ((size_t)(end - p) < sizeof(size) + sizeof(nlen))
			return 0;
		memcpy(&size, p, sizeof(size));
		memcpy(&nlen, p + sizeof(size), sizeof(nlen));
		p += sizeof(size) + sizeof(nlen);
		if (nlen > (size_t)(end - p))
			return 0;
		full = xasprintf("%s/%.*s", s->outdir, (int)nlen, p);
		ok = stat(full, &st) == 0 && S_ISREG(st.st_mode) &&
		    (uint64_t)st.st_size == size;
		free(full);
		if (!ok)
			return 0;
		p += nlen;
	}
	if (n == 0)
		return 0;
	atomic_fetch_add(&s->pages, n);
	return 1;
}

int
site_finish(struct site *s, struct cache *cache, struct site_stats *stats,
    struct diags *d)
{
	const struct workspace *ws = s->ws;
	const char **bad = xcalloc(ws->nclients + 1, sizeof(*bad));
	const char **names = xcalloc(ws->nclients + ws->cfg.nowners + 1,
	    sizeof(*names));
	struct finish fin;
	uint64_t key = 0;
	size_t i, nbad = 0;
	int quiet = 1, shared = 1;

	memset(stats, 0, sizeof(*stats));
	diags_take(d, &s->errs);
	s->f = xcalloc(ws->nclients + 1, sizeof(*s->f));
	for (i = 0; i < ws->nclients; i++) {
		if (ws->clients[i].errors > 0)
			bad[nbad++] = ws->clients[i].path;
		else
			s->f[s->nf++] = ws->follow[i];	/* borrowed */
	}
	followup_sort(s->f, s->nf);
	if (s->failed)
		goto out;
	if (cache != NULL) {
		key = shared_key(s);
		shared = !shared_current(s, cache, key);
	}
	if (shared) {
		memset(&fin, 0, sizeof(fin));
		fin.s = s;
		fin.bad = bad;
		fin.nbad = nbad;
		buf_putn(&s->shared, (const char *)&key, sizeof(key));
		s->finishing = 1;
		/* The pages that need every client, side by side. */
		run_each(FINISH_TASKS, ws->jobs, finish_task, &fin);
		s->finishing = 0;
		for (i = 0; i < FINISH_TASKS; i++) {
			quiet = quiet && fin.d[i].n == 0;
			diags_take(d, &fin.d[i]);
		}
		if (s->failed)
			goto out;
	}
	if (s->stage != NULL ? file_stage_commit(s->stage) :
	    file_batch_commit(s->batch)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot write the "
		    "pages into %s: %s", s->outdir, strerror(errno));
		s->failed = 1;
		goto out;
	}
	/* Made without a word and in place: worth remembering. */
	if (cache != NULL && shared && quiet)
		cache_set_note(cache, s->shared.s, s->shared.len);
	for (i = 0; i < s->nf; i++)
		names[i] = s->f[i].client->slug;
	remove_stale(s, "clients", names, s->nf, &stats->removed);
	for (i = 0; i < ws->cfg.nowners; i++)
		names[i] = ws->cfg.owners[i].handle;
	remove_stale(s, "owners", names, ws->cfg.nowners, &stats->removed);
out:
	stats->pages = s->pages;
	stats->written = s->failed ? 0 : s->written;
	free(names);
	free(bad);
	return s->failed ? -1 : 0;
}

void
site_free(struct site *s)
{
	if (s == NULL)
		return;
	file_batch_free(s->batch);
	file_stage_free(s->stage);
	buf_free(&s->shared);
	pthread_mutex_destroy(&s->lock);
	diags_free(&s->errs);
	history_free(s->hist);
	tpl_set_free(s->tpl);
	free(s->f);
	free(s->outdir);
	free(s);
}
