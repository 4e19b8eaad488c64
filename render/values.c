/*
 * values.c: the values several pages show (see values.h).
 */
#include <stdint.h>
#include <string.h>

#include "text.h"
#include "values.h"


struct tv *
val_date(struct tv_pool *p, date_t d, date_t today)
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

static const char *const month_names[12] = { "January", "February",
    "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December" };

struct tv *
val_month(struct tv_pool *p, month_t m)
{
	struct tv *v = tv_map(p);
	char iso[8];

	month_format(m, iso);
	tv_put(v, "iso", tv_copy(p, iso));
	tv_put(v, "human", tv_strf(p, "%s %d", month_names[m % 12], m / 12));
	return v;
}

const char *
val_month_name(month_t m)
{
	return month_names[m % 12];
}

struct tv *
val_hours_months(struct tv_pool *p, const struct followup *f, date_t today)
{
	const struct client *c = f->client;
	struct tv *list = tv_list(p);
	month_t now = month_of(today), oldest = now - VAL_HOUR_MONTHS, mo;
	char h[24];

	/*
	 * No month before the relationship began: a row of "0 of 40" there
	 * would read as hours the client paid for and did not get.  This
	 * month stays, whatever since says.
	 */
	if (c->since != DATE_NONE && month_of(c->since) > oldest)
		oldest = month_of(c->since) < now ? month_of(c->since) : now;
	for (mo = now; mo >= oldest; mo--) {
		struct tv *v = val_month(p, mo);
		int64_t used = measure_hours(&f->measure, mo);

		text_hours_format(used, h);
		tv_put(v, "used", tv_copy(p, h));
		tv_put(v, "over", tv_bool(p, c->contract_hours >= 0 &&
		    used > c->contract_hours));
		tv_put(v, "this", tv_bool(p, mo == now));
		tv_push(list, v);
	}
	return list;
}

struct tv *
val_count(struct tv_pool *p, size_t n, const char *one, const char *many)
{
	return tv_strf(p, "%zu %s", n, n == 1 ? one : many);
}

struct tv *
val_page(struct tv_pool *p, const struct pages *pg, const char *title,
    const char *root, const char *nav)
{
	const struct config *cfg = &pg->ws->cfg;
	struct tv *m = tv_map(p), *n = tv_map(p);
	const char *site = cfg->site_title ? cfg->site_title :
	    cfg->name ? cfg->name : "rapport";

	tv_put(m, "root", tv_str(p, root));
	tv_put(m, "site_title", tv_str(p, site));
	tv_put(m, "title", title ? tv_copy(p, title) : tv_str(p, site));
	/* The document's: the site's name once, after the page's own. */
	tv_put(m, "page_title", title ? tv_strf(p, "%s \xc2\xb7 %s", title,
	    site) : tv_str(p, site));
	tv_put(m, "today", val_date(p, pg->ws->today, pg->ws->today));
	tv_put(m, "this_month", val_month(p, month_of(pg->ws->today)));
	{
		/* The header says the year: a page may be read next year. */
		char full[16];

		date_human(pg->ws->today, pg->ws->today - 366, full);
		tv_put(m, "today_full", tv_copy(p, full));
	}
	tv_put(n, nav, tv_bool(p, 1));
	tv_put(m, "nav", n);
	return m;
}

void
val_list(struct tv_pool *p, struct tv *m, const char *key, const char *has,
    struct tv *list)
{
	tv_put(m, key, list);
	tv_put(m, has, tv_bool(p, list->n > 0));
}

struct tv *
val_signal(struct tv_pool *p, const struct signal *sg, date_t today)
{
	struct tv *m = tv_map(p);
	char when[48];

	followup_when(when, sizeof(when), sg, today);
	tv_put(m, "kind", tv_str(p, signal_kind_name(sg->kind)));
	tv_put(m, "level", tv_str(p, level_name(sg->level)));
	tv_put(m, "level_label", tv_str(p, level_label(sg->level)));
	tv_put(m, "text", tv_str(p, sg->text));
	tv_put(m, "when", tv_copy(p, when));
	tv_put(m, "due", val_date(p, sg->due, today));
	return m;
}

struct tv *
val_buf(struct tv_pool *p, const struct buf *b)
{
	return tv_strn(p, pool_strndup(&p->strings, b->s ? b->s : "",
	    b->len), b->len);
}

struct tv *
val_href(struct tv_pool *p, struct buf *b, const char *root, const char *dir,
    const char *slug)
{
	buf_reset(b);
	buf_puts(b, root);
	buf_puts(b, dir);
	buf_putc(b, '/');
	buf_puts(b, slug);
	buf_puts(b, ".html");
	return val_buf(p, b);
}

/*
 * Rows are made for every client of the index, the owners' pages and the
 * agenda, so the strings are put together without printf.
 */
struct tv *
val_row(struct tv_pool *p, const struct config *cfg,
    const struct followup *f, const char *root, date_t today, enum level min)
{
	const struct client *c = f->client;
	struct tv *m = tv_map(p), *sigs = tv_list(p), *tags = tv_list(p);
	const struct owner *o = c->owner != NULL ? config_owner(cfg,
	    c->owner) : NULL;
	struct buf b = { 0 };
	size_t i;

	tv_put(m, "name", tv_str(p, c->name));
	tv_put(m, "slug", tv_str(p, c->slug));
	tv_put(m, "href", val_href(p, &b, root, "clients", c->slug));
	tv_put_str(p, m, "owner", c->owner);
	if (o != NULL) {
		tv_put(m, "owner_href", val_href(p, &b, root, "owners",
		    c->owner));
		tv_put_str(p, m, "owner_name", o->name);
	}
	tv_put(m, "status", tv_str(p, client_status_name(c->status)));
	tv_put(m, "health", tv_str(p, client_health_name(c->health)));
	tv_put(m, "state", tv_str(p, level_name(f->state)));
	tv_put(m, "state_label", tv_str(p, level_label(f->state)));
	tv_put(m, "last_contact", val_date(p, f->last_contact, today));
	tv_put(m, "next_contact", val_date(p, f->next_contact, today));
	for (i = 0; i < f->nsignals; i++)
		if (f->signals[i].level >= min)
			tv_push(sigs, val_signal(p, &f->signals[i], today));
	val_list(p, m, "signals", "has_signals", sigs);
	/*
	 * What the filter box matches: the words as they are, folded by
	 * the page's script on both sides alike (filter.js).
	 */
	buf_reset(&b);
	buf_puts(&b, c->name);
	buf_putc(&b, ' ');
	buf_puts(&b, c->slug);
	buf_putc(&b, ' ');
	buf_puts(&b, c->owner ? c->owner : "");
	if (o != NULL && o->name != NULL) {
		buf_putc(&b, ' ');
		buf_puts(&b, o->name);
	}
	buf_putc(&b, ' ');
	buf_puts(&b, client_status_name(c->status));
	for (i = 0; i < c->ntags; i++) {
		tv_push(tags, tv_str(p, c->tags[i]));
		buf_putc(&b, ' ');
		buf_puts(&b, c->tags[i]);
	}
	val_list(p, m, "tags", "has_tags", tags);
	tv_put(m, "search", val_buf(p, &b));
	buf_free(&b);
	return m;
}

/* A member of a lazy list of rows (val_rows). */
static struct tv *
row_gen(struct tv_pool *p, size_t i, void *arg)
{
	const struct val_rows *r = arg;

	return val_row(p, &r->pg->ws->cfg, &r->pg->f[r->pick ? r->pick[i] :
	    i], r->root, r->pg->ws->today, r->min);
}

uint64_t
val_client_key(const struct client *c, uint64_t seed)
{
	return hash64(c->path, strlen(c->path), hash64(&c->hash,
	    sizeof(c->hash), seed));
}

/*
 * What a row is made from besides rapport.ini and today: the client's
 * file and the list's root and threshold.
 */
static uint64_t
row_key(size_t i, void *arg)
{
	const struct val_rows *r = arg;
	const struct followup *f = &r->pg->f[r->pick ? r->pick[i] : i];
	uint64_t h = hash64(r->root, strlen(r->root), r->min);

	return val_client_key(f->client, h);
}

struct tv *
val_rows(struct tv_pool *p, size_t n, const struct val_rows *r)
{
	return tv_lazy_keyed(p, n, row_gen, row_key, (void *)(uintptr_t)r);
}


struct tv *
val_goal(struct tv_pool *p, const struct goal *g, date_t today)
{
	struct tv *v = tv_map(p);

	tv_put(v, "name", tv_str(p, g->name));
	tv_put_str(p, v, "target", g->target);
	tv_put_str(p, v, "outcome", g->outcome);
	tv_put(v, "by", val_date(p, g->by, today));
	if (g->confidence >= 0)
		tv_put(v, "confidence", tv_strf(p, "%d", g->confidence));
	return v;
}

struct tv *
val_mailto(struct tv_pool *p, const char *email)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b = { 0 };
	const unsigned char *s;
	struct tv *v;

	for (s = (const unsigned char *)email; *s != '\0'; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("@.-_~+", *s) != NULL)
			buf_putc(&b, (char)*s);
		else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*s >> 4]);
			buf_putc(&b, hex[*s & 15]);
		}
	v = val_buf(p, &b);
	buf_free(&b);
	return v;
}
