/*
 * pages.c: the pages made from every client (see pages.h): the index, the
 * owners' pages, the agenda, status.json, the calendar feed and the
 * assets.
 */
#include <stdlib.h>
#include <string.h>

#include "ics.h"
#include "json.h"
#include "pages.h"
#include "replies.h"
#include "rowstore.h"
#include "tpl.h"
#include "vcard.h"
#include "util.h"

/* Days the agenda covers, today included. */
#define AGENDA_DAYS	28

int
pages_index(const struct pages *pg, const void *item, struct buf *out,
    struct diags *d)
{
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = val_page(&p, pg, NULL, "", "index");
	struct tv *counts = tv_map(&p);
	struct tv *owners = tv_list(&p), *badv = tv_list(&p);
	size_t i, j, count[LEVEL__COUNT] = { 0 }, natt = 0;
	int rc;
	const struct config *cfg = &pg->ws->cfg;
	struct val_rows att = { pg, "", LEVEL_DUE, NULL };
	struct val_rows all = { pg, "", LEVEL_UPCOMING, NULL };

	(void)item;
	/* pg->f is sorted most urgent first: those needing attention lead. */
	for (i = 0; i < pg->nf; i++) {
		count[pg->f[i].state]++;
		natt += pg->f[i].state >= LEVEL_DUE;
	}
	for (i = 0; i < LEVEL__COUNT; i++)
		tv_put(counts, level_name((enum level)i), tv_strf(&p, "%zu", count[i]));
	for (i = 0; i < cfg->nowners; i++) {
		struct tv *o = tv_map(&p);
		size_t n = 0;

		for (j = 0; j < pg->nf; j++)
			n += pg->f[j].client->owner != NULL &&
			    strcmp(pg->f[j].client->owner,
			    cfg->owners[i].handle) == 0;
		tv_put(o, "handle", tv_str(&p, cfg->owners[i].handle));
		tv_put_str(&p, o, "name", cfg->owners[i].name);
		tv_put(o, "href", tv_strf(&p, "owners/%s.html",
		    cfg->owners[i].handle));
		tv_put(o, "clients", tv_strf(&p, "%zu", n));
		tv_put(o, "clients_text", val_count(&p, n, "client",
		    "clients"));
		tv_push(owners, o);
	}
	for (i = 0; i < pg->nbad; i++) {
		struct tv *b = tv_map(&p);

		/* A signal of its own, and the most urgent of all. */
		tv_put(b, "file", tv_str(&p, pg->bad[i]->file));
		tv_put(b, "state", tv_str(&p, level_name(LEVEL_OVERDUE)));
		tv_put(b, "state_label", tv_str(&p,
		    level_label(LEVEL_OVERDUE)));
		tv_put(b, "text", tv_str(&p, pg->bad[i]->text));
		if (pg->bad[i]->line > 0)
			tv_put(b, "where", tv_strf(&p, "line %d, column %d",
			    pg->bad[i]->line, pg->bad[i]->col));
		tv_push(badv, b);
	}
	tv_put(m, "attention", val_rows(&p, natt, &att));
	tv_put(m, "clients", val_rows(&p, pg->nf, &all));
	tv_put(m, "nclients", tv_strf(&p, "%zu", pg->nf));
	tv_put(m, "counts", counts);
	val_list(&p, m, "owners", "has_owners", owners);
	tv_put(m, "replies", replies_value(&p, pg, NULL, ""));
	tv_put(m, "ninvalid", tv_strf(&p, "%zu", pg->nbad));
	val_list(&p, m, "invalid", "has_invalid", badv);
	rc = tpl_render(pg->tpl, "index.html", m, out, d);
	tv_pool_free(&p);
	return rc;
}

int
pages_owner(const struct pages *pg, const void *item, struct buf *out,
    struct diags *d)
{
	const struct owner *o = item;
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = val_page(&p, pg, o->name ? o->name : o->handle, "../",
	    "owner");
	struct tv *ov = tv_put(m, "owner", tv_map(&p));
	size_t i, n = 0, count[LEVEL__COUNT] = { 0 };
	size_t *pick = xcalloc(pg->nf + 1, sizeof(*pick));
	struct val_rows rows = { pg, "../", LEVEL_UPCOMING, pick };
	int rc;

	tv_put(ov, "handle", tv_str(&p, o->handle));
	tv_put_str(&p, ov, "name", o->name);
	tv_put_str(&p, ov, "email", o->email);
	if (o->email != NULL)
		tv_put(ov, "mailto", val_mailto(&p, o->email));
	for (i = 0; i < pg->nf; i++) {
		const struct followup *f = &pg->f[i];

		if (f->client->owner == NULL ||
		    strcmp(f->client->owner, o->handle) != 0)
			continue;
		count[f->state]++;
		pick[n++] = i;
	}
	tv_put(m, "clients", val_rows(&p, n, &rows));
	tv_put(m, "nclients", tv_strf(&p, "%zu", n));
	tv_put(m, "nclients_text", val_count(&p, n, "client", "clients"));
	tv_put(m, "overdue", tv_strf(&p, "%zu", count[LEVEL_OVERDUE]));
	tv_put(m, "due", tv_strf(&p, "%zu", count[LEVEL_DUE]));
	tv_put(m, "replies", replies_value(&p, pg, o->handle, "../"));
	rc = tpl_render(pg->tpl, "owner.html", m, out, d);
	free(pick);
	tv_pool_free(&p);
	return rc;
}

static struct tv *
agenda_item(struct tv_pool *p, const struct followup *f,
    const struct signal *sg, date_t today)
{
	struct tv *v = val_signal(p, sg, today);
	struct buf b = { 0 };

	tv_put(v, "client", tv_str(p, f->client->name));
	tv_put(v, "href", val_href(p, &b, "", "clients", f->client->slug));
	buf_free(&b);
	return v;
}

/* Signals listed on the agenda, made lazily like client rows. */
struct sigref {
	size_t	f;		/* in pg->f */
	size_t	sg;		/* in its signals */
};

struct items {
	const struct pages	*pg;
	const struct sigref	*v;
};

static struct tv *
item_gen(struct tv_pool *p, size_t i, void *arg)
{
	const struct items *it = arg;
	const struct followup *f = &it->pg->f[it->v[i].f];

	return agenda_item(p, f, &f->signals[it->v[i].sg], it->pg->ws->today);
}

/* An item is made from its client's file and which of its signals it is. */
static uint64_t
item_key(size_t i, void *arg)
{
	const struct items *it = arg;

	return val_client_key(it->pg->f[it->v[i].f].client, it->v[i].sg);
}

int
pages_agenda(const struct pages *pg, const void *item, struct buf *out,
    struct diags *dg)
{
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = val_page(&p, pg, "Agenda", "", "agenda");
	struct tv *days = tv_list(&p);
	date_t today = pg->ws->today, d;
	struct sigref *v = NULL;
	struct items over = { pg, NULL }, on[AGENDA_DAYS];
	size_t i, j, n = 0, cap = 0, start[AGENDA_DAYS + 2], empty = 0;
	int rc;

	(void)item;
	/* Overdue first, then each day's, in the order of pg->f. */
	for (d = today - 1; d < today + AGENDA_DAYS; d++) {
		start[d - today + 1] = n;
		for (i = 0; i < pg->nf; i++)
			for (j = 0; j < pg->f[i].nsignals; j++) {
				const struct signal *sg = &pg->f[i].signals[j];
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
		struct tv *day;
		size_t k = (size_t)(d - today);

		/* Only the days that have something; the others are counted. */
		if (start[k + 2] == start[k + 1] && d != today) {
			empty++;
			continue;
		}
		day = tv_map(&p);
		on[k].pg = pg;
		on[k].v = v + start[k + 1];
		tv_put(day, "date", val_date(&p, d, today));
		tv_put(day, "today", tv_bool(&p, d == today));
		tv_put(day, "weekend", tv_bool(&p, date_weekday(d) >= 5));
		val_list(&p, day, "items", "has_items", tv_lazy_keyed(&p,
		    start[k + 2] - start[k + 1], item_gen, item_key, &on[k]));
		tv_push(days, day);
	}
	val_list(&p, m, "overdue", "has_overdue", tv_lazy_keyed(&p, start[1],
	    item_gen, item_key, &over));
	tv_put(m, "days", days);
	if (empty > 0) {
		tv_put(m, "empty_days", tv_strf(&p, "%zu", empty));
		tv_put(m, "empty_days_text", val_count(&p, empty, "day",
		    "days"));
	}
	tv_put(m, "last", val_date(&p, today + AGENDA_DAYS - 1, today));
	rc = tpl_render(pg->tpl, "agenda.html", m, out, dg);
	tv_pool_free(&p);
	free(v);
	return rc;
}

int
pages_status(const struct pages *pg, const void *item, struct buf *out,
    struct diags *d)
{
	(void)item;
	(void)d;
	/* What "rapport status --json --all" prints: every client. */
	json_status(out, pg->ws->today, pg->f, pg->nf, pg->bad, pg->nbad);
	return 0;
}

/*
 * The feed, each client's events kept in the row store (when the build has
 * one) under a key of its file's bytes and path: the store's own key
 * covers today, rapport.ini (the site's address) and the program, all
 * else they come from.  A one-client rebuild makes one client's.
 */
int
pages_feed(const struct pages *pg, const void *item, struct buf *out,
    struct diags *d)
{
	const struct config *cfg = &pg->ws->cfg;
	struct rowstore *rs = tpl_set_rowstore(pg->tpl);
	struct rowstore_batch keep = { .rs = rs };
	struct rowstore_row row;
	struct buf one = { 0 };
	size_t i;

	(void)item;
	(void)d;
	ics_begin(out, cfg->site_title ? cfg->site_title : cfg->name);
	for (i = 0; i < pg->nf; i++) {
		const struct client *c = pg->f[i].client;
		uint64_t key = hash64(c->path, strlen(c->path),
		    c->hash ^ UINT64_C(0x6963732d6576656e));

		if (rs != NULL && rowstore_find(rs, key, &row) &&
		    row.ndeps == 0) {
			buf_putn(out, row.data, row.len);
			rowstore_batch_keep(&keep, &row);
			continue;
		}
		buf_reset(&one);
		ics_client(&one, &pg->f[i], pg->ws->today, cfg->site_url);
		buf_putn(out, one.s != NULL ? one.s : "", one.len);
		if (rs != NULL)
			rowstore_batch_put(&keep, key, NULL, 0, one.s != NULL ?
			    one.s : "", one.len, 0);
	}
	ics_end(out);
	if (rs != NULL)
		rowstore_batch_free(&keep);
	buf_free(&one);
	return 0;
}

static int
path_order(const void *a, const void *b)
{
	const struct followup *x = *(const struct followup *const *)a;
	const struct followup *y = *(const struct followup *const *)b;

	return strcmp(x->client->path, y->client->path);
}

/*
 * Every person of every active client and lead, as vCards 3.0 (vcard.h),
 * in the order of the files: the bytes change only when people do.
 */
int
pages_contacts(const struct pages *pg, const void *item, struct buf *out,
    struct diags *d)
{
	const struct config *cfg = &pg->ws->cfg;
	struct vcard_ctx x = { cfg->name, cfg->site_url, VCARD_3, pg->hist,
	    NULL, 0 };
	const struct followup **v = xcalloc(pg->nf + 1, sizeof(*v));
	struct vcard_person *p = NULL;
	const char **slugs;
	size_t i, j, n, cap = 0;

	(void)item;
	(void)d;
	for (i = 0; i < pg->nf; i++)
		v[i] = &pg->f[i];
	qsort(v, pg->nf, sizeof(*v), path_order);
	/* The names in use: a valid client's (the others have no cards). */
	slugs = xcalloc(pg->nf + 1, sizeof(*slugs));
	for (i = 0; i < pg->nf; i++)
		slugs[i] = v[i]->client->slug;
	vcard_ctx_slugs(&x, slugs, pg->nf);
	free(slugs);
	for (i = 0; i < pg->nf; i++) {
		const struct client *c = v[i]->client;

		if (!vcard_wanted(c))
			continue;
		xgrow(&p, &cap, c->npeople + 2, sizeof(*p));
		n = vcard_people(c, p);
		for (j = 0; j < n; j++)
			vcard_write(out, &x, c, &p[j]);
	}
	vcard_ctx_free(&x);
	free(p);
	free(v);
	return 0;
}

int
pages_asset(const struct pages *pg, const void *item, struct buf *out,
    struct diags *d)
{
	struct tv_pool p = { NULL, { NULL } };
	int rc = tpl_render(pg->tpl, item, tv_map(&p), out, d);

	tv_pool_free(&p);
	return rc;
}
