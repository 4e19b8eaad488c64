/*
 * site.c: a build of the site (see site.h): which pages there are, when
 * each must be made again, and putting them in the output folder.
 *
 * The pages are a table: one row per kind of page, naming its file, the
 * function that renders it (pages.h) and what it is made for (the site,
 * each owner, each recent month with hours, each client).  Adding a page
 * is one template, one function and one row.  A client's pages are made while the clients are read
 * (site_visit); the others once every client is, side by side
 * (site_finish).  Writing is siteout.c's; what a build may keep of the
 * last one's shared pages, site_note.c's.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "followup.h"
#include "history.h"
#include "hours.h"
#include "pages.h"
#include "rowstore.h"
#include "site.h"
#include "site_int.h"
#include "siteout.h"
#include "tpl.h"
#include "util.h"

/* Commits of a client's file listed on its page. */
/*
 * The most one page may take to render: 32 MiB plus 4 KiB a client (the
 * index of 10,000 clients is 11 MB), and steps in proportion.  A
 * template that includes itself over and over stops there.
 */
#define PAGE_BYTES(n)	((size_t)32 << 20) + (size_t)(n) * 4096
#define PAGE_STEPS(n)	(PAGE_BYTES(n) / 4)

enum page_for {
	FOR_SITE,		/* one file */
	FOR_OWNER,		/* one per owner: %s is the handle */
	FOR_CLIENT,		/* one per valid client: %s is the slug */
	FOR_MONTH,		/* this month, and each of the twelve before
				   it with hours: %s is YYYY-MM */
	FOR_SHARE		/* one per valid client with a [share] key:
				   %s is the key */
};

static const struct page_row {
	const char	*path;
	pages_fn	*make;
	enum page_for	 of;
	const char	*item;		/* FOR_SITE: pages_fn's item */
} page_rows[] = {
	{ "index.html", pages_index, FOR_SITE, NULL },
	{ "agenda.html", pages_agenda, FOR_SITE, NULL },
	{ "owners/%s.html", pages_owner, FOR_OWNER, NULL },
	{ "hours/%s.html", pages_hours, FOR_MONTH, NULL },
	{ "status.json", pages_status, FOR_SITE, NULL },
	{ "followups.ics", pages_feed, FOR_SITE, NULL },
	{ "contacts.vcf", pages_contacts, FOR_SITE, NULL },
	{ "style.css", pages_asset, FOR_SITE, "style.css" },
	{ "filter.js", pages_asset, FOR_SITE, "filter.js" },
	{ "clients/%s.html", pages_client, FOR_CLIENT, NULL },
	{ "share/%s/index.html", pages_share, FOR_SHARE, NULL },
	{ "share/%s/share.css", pages_asset, FOR_SHARE, "share.css" },
};
#define NROWS	(sizeof(page_rows) / sizeof(page_rows[0]))

/* The file of a row for an item's name ("index.html", "clients/x.html"). */
static char *
row_path(const struct page_row *row, const char *name)
{
	const char *at = strstr(row->path, "%s");

	if (row->of == FOR_SITE || at == NULL)
		return xstrdup(row->path);
	return xasprintf("%.*s%s%s", (int)(at - row->path), row->path, name,
	    at + 2);
}

/*
 * Renders a page straight into its file in the site (a buffer of
 * SITEOUT_PIECE at a time, however large the page); returns its length.
 * A shared page's name, size and key (0: none of its own) go into the
 * note (site_note.c).
 */
static size_t
make_page(struct site *s, const struct page_row *row, const void *item,
    const char *rel, uint64_t key, struct diags *d)
{
	struct buf out = { 0 };
	struct siteout_file *sf;
	size_t len = 0;
	int ok, rc;

	if ((sf = siteout_start(s->out, rel, &out, d)) == NULL) {
		s->failed = 1;
		goto out;
	}
	ok = row->make(&s->pg, item, &out, d) == 0;
	if ((rc = siteout_finish(s->out, sf, &out, ok, d)) == -1 || !ok) {
		s->failed = 1;
		goto out;
	}
	len = buf_total(&out);
	if (rc == 1)
		atomic_fetch_add(&s->written, 1);
	atomic_fetch_add(&s->pages, 1);
	if (s->finishing)
		site_note_page(s, rel, len, key);
out:
	buf_free(&out);
	return len;
}

/* A workspace's template over this size is not read (tpl_read_fn). */
#define TEMPLATE_MAX (64u << 20)

/* A tpl_read_fn: templates/NAME from the workspace's folder or commit. */
static int
template_read(const void *arg, const char *rel, char **text, size_t *len)
{
	return ws_read(arg, rel, 0, TEMPLATE_MAX, text, len);
}

struct site *
site_new(const struct workspace *ws, struct repo *repo, const char *outdir,
    unsigned flags, struct diags *d)
{
	static const char *const with_owners[] = { "clients", "owners", NULL };
	static const char *const without[] = { "clients", NULL };
	static const char *const none[] = { NULL };
	int cache = (flags & SITE_CACHE) != 0;
	struct site *s = xcalloc(1, sizeof(*s));

	s->ws = ws;
	pthread_mutex_init(&s->lock, NULL);
	s->pg.ws = ws;
	s->pg.tpl = tpl_set_load(template_read, ws, &s->tpl_hash);
	tpl_set_limits(s->pg.tpl, PAGE_BYTES(ws->npaths),
	    PAGE_STEPS(ws->npaths));
	if (tpl_set_check(s->pg.tpl, d) == -1)
		goto fail;
	s->share_only = (flags & SITE_SHARE_ONLY) != 0;
	if ((s->out = siteout_open(outdir, ws->root, s->share_only ? none :
	    ws->cfg.nowners > 0 ? with_owners : without, d)) == NULL)
		goto fail;
	if (flags & SITE_IN_PLACE)
		siteout_in_place(s->out);
	if (repo != NULL && (s->hist = history_load(repo, SITE_HISTORY_MAX, cache,
	    ws->jobs, d)) == NULL)
		goto fail;
	s->pg.hist = s->hist;
	if (repo != NULL && cache)
		s->rows = repo_state_path(repo_gitdir(repo), "rows");
	return s;
fail:
	site_free(s);
	return NULL;
}

int
site_page(const struct workspace *ws, const struct followup *f,
    struct buf *out, struct diags *d)
{
	struct pages pg;
	uint64_t hash;
	int rc = -1;

	memset(&pg, 0, sizeof(pg));
	pg.ws = ws;
	pg.tpl = tpl_set_load(template_read, ws, &hash);
	tpl_set_limits(pg.tpl, PAGE_BYTES(1), PAGE_STEPS(1));
	if (tpl_set_check(pg.tpl, d) == 0)
		rc = pages_client(&pg, f, out, d);
	tpl_set_free(pg.tpl);
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
	const char *dir = siteout_dir(s->out);
	uint64_t k = s->tpl_hash;

	if (s->hist != NULL)
		k ^= history_hash(s->hist, slug) * 0x9e3779b97f4a7c15ULL;
	return hash64(dir, strlen(dir), k) | 1;
}

/*
 * Whether row makes a page of client c, and its path (allocated) when so:
 * a client's own page (not when the build is the report pages alone),
 * and its report page's files when it has a key.
 */
static char *
client_row(const struct site *s, const struct page_row *row,
    const struct client *c)
{
	if (row->of == FOR_CLIENT && !s->share_only)
		return row_path(row, c->slug);
	if (row->of == FOR_SHARE && c->share_key != NULL &&
	    client_share_key_ok(c->share_key))
		return row_path(row, c->share_key);
	return NULL;
}

int
site_need(const struct workspace *ws, size_t i, const struct client *c,
    const uint64_t aux[2], void *arg)
{
	struct site *s = arg;
	char *rel[NROWS] = { NULL };
	uint64_t sizes = 0;
	size_t r, n = 0;
	int need = 0;

	(void)ws;
	(void)i;
	if (c->errors > 0)
		return 0;
	/* The pages as they were made, still there at the sizes they had. */
	for (r = 0; r < NROWS; r++) {
		unsigned long long size;

		if ((rel[r] = client_row(s, &page_rows[r], c)) == NULL)
			continue;
		if (siteout_size(s->out, rel[r], &size) == -1) {
			need = 1;
			size = 0;
		}
		sizes = hash64(&size, sizeof(size), sizes);
		n++;
	}
	need = need || aux[0] != page_key(s, c->slug) || aux[1] != sizes;
	for (r = 0; r < NROWS; r++) {
		if (rel[r] != NULL && !need) {
			siteout_keep(s->out, rel[r]);
			atomic_fetch_add(&s->pages, 1);
		}
		free(rel[r]);
	}
	return need;
}

void
site_visit(const struct workspace *ws, size_t i, const struct client *c,
    const struct followup *f, uint64_t aux[2], struct diags *d, void *arg)
{
	struct site *s = arg;
	struct diags mine = { 0 };
	size_t r;

	/*
	 * d is for problems with the file, which check reports; the
	 * build's own problems are kept apart for site_finish to report.
	 */
	(void)ws;
	(void)i;
	(void)d;
	aux[0] = aux[1] = 0;
	if (c->errors > 0 || s->failed)
		return;
	for (r = 0; r < NROWS; r++) {
		const struct page_row *row = &page_rows[r];
		unsigned long long size;
		char *rel;

		if ((rel = client_row(s, row, c)) == NULL)
			continue;
		size = make_page(s, row, row->item ? (const void *)row->item :
		    f, rel, 0, &mine);
		/* As site_need will find them. */
		aux[1] = hash64(&size, sizeof(size), aux[1]);
		free(rel);
	}
	if (mine.nerr == 0)
		aux[0] = page_key(s, c->slug);
	if (mine.n > 0) {
		pthread_mutex_lock(&s->lock);
		diags_take(&s->errs, &mine);
		pthread_mutex_unlock(&s->lock);
	}
}

/*
 * A month's hours page: its table made once, for its key and, unless the
 * last build's page was made from the same, for the page.  Its rows are
 * every contracted client, so making the thirteen pages again after any
 * change cost a quarter of a one-client rebuild at 10,000 clients.
 */
static void
month_page(struct site *s, const struct page_row *row,
    const struct pages_month *m, const char *rel, struct diags *d)
{
	struct pages_month pm = *m;
	struct hours_table t;
	uint64_t key;

	hours_table(&t, s->f, s->by_slug, s->pg.nf, m->month,
	    HOURS_BY_CLIENT);
	key = site_month_key(s, m, &t);
	if (!site_page_reuse(s, rel, key)) {
		pm.table = &t;
		make_page(s, row, &pm, rel, key, d);
	}
	hours_free(&t);
}

/* The rows made once every client is read, one task each. */
struct finish {
	struct site	*s;
	size_t		 rows[NROWS];
	struct diags	 d[NROWS];
};

static void
finish_task(size_t t, int thread, void *arg)
{
	struct finish *fin = arg;
	struct site *s = fin->s;
	const struct page_row *row = &page_rows[fin->rows[t]];
	const struct config *cfg = &s->ws->cfg;
	size_t i;

	(void)thread;
	if (row->of == FOR_SITE) {
		make_page(s, row, row->item, row->path, 0, &fin->d[t]);
		return;
	}
	if (row->of == FOR_MONTH) {
		for (i = 0; i < s->nmonths && !s->failed && !run_stopped();
		    i++) {
			char iso[8], *rel;

			month_format(s->months[i].month, iso);
			rel = row_path(row, iso);
			month_page(s, row, &s->months[i], rel, &fin->d[t]);
			free(rel);
		}
		return;
	}
	for (i = 0; i < cfg->nowners && !s->failed && !run_stopped(); i++) {
		char *rel = row_path(row, cfg->owners[i].handle);

		make_page(s, row, &cfg->owners[i], rel, 0, &fin->d[t]);
		free(rel);
	}
}

/*
 * The months of the hours pages: this one, and those of the twelve before
 * it with hours in them, each with the one before and after it among
 * them.  A page lists every client with a contract, so a page per month
 * of a long history would outweigh the rest of the site (48 months of
 * 1,000 clients were 11 MB, and tripled the time of a full build);
 * rapport hours --month gives any month.
 */
#define SITE_HOUR_MONTHS	12

static void
site_months(struct site *s)
{
	month_t *m = NULL, now = month_of(s->ws->today);
	size_t i, k, n;

	n = hours_months(s->f, s->pg.nf, now, &m);
	for (i = k = 0; i < n; i++)
		if (m[i] >= now - SITE_HOUR_MONTHS && m[i] <= now)
			m[k++] = m[i];
	s->months = xcalloc(k + 1, sizeof(*s->months));
	for (i = 0; i < k; i++) {
		s->months[i].month = m[i];
		s->months[i].prev = i > 0 ? m[i - 1] : MONTH_NONE;
		s->months[i].next = i + 1 < k ? m[i + 1] : MONTH_NONE;
	}
	s->nmonths = k;
	free(m);
}

int
site_render(struct site *s, struct cache *cache, const struct invalids *inv,
    struct diags *d)
{
	const struct workspace *ws = s->ws;
	const struct invalid **bad = xcalloc(inv->n + 1, sizeof(*bad));
	struct finish fin;
	uint64_t key = 0;
	size_t i, nbad = 0, nf = 0, ntasks = 0;
	int quiet = 1, shared = 1;

	diags_take(d, &s->errs);
	s->f = xcalloc(ws->nclients + 1, sizeof(*s->f));
	for (i = 0; i < ws->nclients; i++)
		if (ws->clients[i].errors == 0)
			s->f[nf++] = ws->follow[i];	/* borrowed */
	for (nbad = 0; nbad < inv->n; nbad++)
		bad[nbad] = &inv->v[nbad];
	followup_sort(s->f, nf);
	s->pg.f = s->f;
	s->pg.nf = nf;
	s->pg.bad = bad;
	s->pg.nbad = nbad;
	/* The report pages alone need nothing made of every client. */
	if (s->failed || s->share_only)
		goto out;
	if (cache != NULL) {
		key = site_shared_key(s);
		shared = !site_shared_current(s, cache, key);
		s->cache = cache;
	}
	if (shared) {
		struct rowstore *rows = NULL;

		/* Rows from the last build, for what is the same in this one. */
		if (cache != NULL && s->rows != NULL) {
			rows = rowstore_open(s->rows, hash64(&s->tpl_hash,
			    sizeof(s->tpl_hash), cache_key(cache)));
			tpl_set_rows(s->pg.tpl, rows);
		}
		memset(&fin, 0, sizeof(fin));
		fin.s = s;
		site_months(s);
		/* One sort for the thirteen months' hours tables. */
		s->by_slug = hours_order(s->f, s->pg.nf);
		for (i = 0; i < NROWS; i++)
			if (page_rows[i].of == FOR_SITE ||
			    page_rows[i].of == FOR_MONTH ||
			    (page_rows[i].of == FOR_OWNER &&
			    ws->cfg.nowners > 0))
				fin.rows[ntasks++] = i;
		buf_putn(&s->shared, (const char *)&key, sizeof(key));
		s->finishing = 1;
		/* The pages that need every client, side by side. */
		run_each(ntasks, ws->jobs, finish_task, &fin);
		s->finishing = 0;
		for (i = 0; i < ntasks; i++) {
			quiet = quiet && fin.d[i].n == 0;
			diags_take(d, &fin.d[i]);
		}
		/* Made without a word: worth remembering once in place. */
		if (cache != NULL && quiet && !s->failed && !run_stopped())
			cache_set_note(cache, s->shared.s, s->shared.len);
		tpl_set_rows(s->pg.tpl, NULL);
		if (!s->failed && !run_stopped())
			(void)rowstore_write(rows);
		rowstore_free(rows);
	}
out:
	s->pg.bad = NULL;
	s->pg.nbad = 0;
	free(bad);
	return s->failed || run_stopped() ? -1 : 0;
}

int
site_commit(struct site *s, struct site_stats *stats, struct diags *d)
{
	memset(stats, 0, sizeof(*stats));
	if (!s->failed && siteout_commit(s->out, &stats->removed, d) == -1)
		s->failed = 1;
	stats->pages = s->pages;
	stats->written = s->failed ? 0 : s->written;
	return s->failed ? -1 : 0;
}

void
site_free(struct site *s)
{
	if (s == NULL)
		return;
	siteout_free(s->out);
	buf_free(&s->shared);
	pthread_mutex_destroy(&s->lock);
	diags_free(&s->errs);
	history_free(s->hist);
	free(s->rows);
	tpl_set_free(s->pg.tpl);
	free(s->f);
	free(s->by_slug);
	free(s->months);
	free(s);
}
