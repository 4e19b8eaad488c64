/*
 * page_hours.c: a month's hours page, hours/YYYY-MM.html (pages.h): the
 * table rapport hours prints, from hours.h, with each client linked to
 * its page and its owner to theirs, and links to the months before and
 * after that have a page.
 */
#include <stdlib.h>
#include <string.h>

#include "hours.h"
#include "pages.h"
#include "text.h"
#include "util.h"

/* A figure as text, or "—" when it is not there. */
static struct tv *
figure(struct tv_pool *p, int64_t v, int money)
{
	char b[24];

	if (v == HOURS_NONE)
		return tv_str(p, "\xe2\x80\x94");
	if (money)
		text_money_format(v, b);
	else
		text_hours_format(v, b);
	return tv_copy(p, b);
}

static void
figures(struct tv_pool *p, struct tv *m, const struct hours_row *r)
{
	tv_put(m, "hours", figure(p, r->hours, 0));
	tv_put(m, "contract", figure(p, r->contract, 0));
	tv_put(m, "over_under", figure(p, r->over, 0));
	tv_put(m, "rate", figure(p, r->rate, 1));
	tv_put(m, "amount", figure(p, r->amount, 1));
	tv_put(m, "over", tv_bool(p, r->over != HOURS_NONE && r->over > 0));
}

/* The link to another month's page, or nothing. */
static void
month_link(struct tv_pool *p, struct tv *m, const char *key, month_t mo)
{
	struct tv *v;
	char iso[8];

	if (mo == MONTH_NONE)
		return;
	month_format(mo, iso);
	v = tv_put(m, key, val_month(p, mo));
	tv_put(v, "href", tv_strf(p, "%s.html", iso));
}

/* The rows of one month's table, made lazily as the index's are. */
struct hrows {
	const struct pages	*pg;
	const struct hours_table *t;
	month_t			 month;
};

static struct tv *
hrow_gen(struct tv_pool *p, size_t i, void *arg)
{
	const struct hrows *h = arg;
	const struct hours_row *r = &h->t->rows[i];
	const struct client *c = r->client;
	struct tv *v = tv_map(p);
	struct buf b = { 0 };

	tv_put(v, "name", tv_str(p, c->name));
	tv_put(v, "href", val_href(p, &b, "../", "clients", c->slug));
	tv_put_str(p, v, "owner", c->owner);
	if (c->owner != NULL && config_owner(&h->pg->ws->cfg, c->owner) != NULL)
		tv_put(v, "owner_href", val_href(p, &b, "../", "owners",
		    c->owner));
	figures(p, v, r);
	buf_free(&b);
	return v;
}

/*
 * A row is made from the client's file (its name, owner, contract, rate
 * and the month's hours) and the month, besides rapport.ini and today:
 * after one client changes, the rows of the others are the last build's
 * (rowstore.h) and a month's page costs little more than a copy.
 */
static uint64_t
hrow_key(size_t i, void *arg)
{
	const struct hrows *h = arg;
	uint64_t seed = hash64("hours", 5, (uint64_t)(uint32_t)h->month);

	return val_client_key(h->t->rows[i].client, seed);
}

int
pages_hours(const struct pages *pg, const void *item, struct buf *out,
    struct diags *d)
{
	const struct pages_month *pm = item;
	struct tv_pool p = { NULL, { NULL } };
	struct hours_table t;
	struct hrows hr;
	struct tv *m, *rows, *tot;
	char *title;
	int rc;

	title = xasprintf("Hours in %s %d", val_month_name(pm->month),
	    (int)(pm->month / 12));
	m = val_page(&p, pg, title, "../", "hours");
	free(title);
	tv_put(m, "month", val_month(&p, pm->month));
	month_link(&p, m, "prev", pm->prev);
	month_link(&p, m, "next", pm->next);
	if (pm->table == NULL)
		hours_table(&t, pg->f, NULL, pg->nf, pm->month,
		    HOURS_BY_CLIENT);
	else
		t = *pm->table;		/* borrowed: not freed below */
	hr.pg = pg;
	hr.t = &t;
	hr.month = pm->month;
	rows = tv_lazy_keyed(&p, t.nrows, hrow_gen, hrow_key, &hr);
	val_list(&p, m, "rows", "has_rows", rows);
	tot = tv_put(m, "total", tv_map(&p));
	figures(&p, tot, &t.total);
	tv_put(tot, "nclients_text", val_count(&p, t.total.nclients, "client",
	    "clients"));
	tv_put(tot, "has_contract", tv_bool(&p, t.total.contract !=
	    HOURS_NONE));
	tv_put(tot, "has_amount", tv_bool(&p, t.total.amount != HOURS_NONE));
	rc = tpl_render(pg->tpl, "hours.html", m, out, d);
	if (pm->table == NULL)
		hours_free(&t);
	tv_pool_free(&p);
	return rc;
}
