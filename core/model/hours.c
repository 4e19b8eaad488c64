/*
 * hours.c: a month's hours against the contracts and their amounts (see
 * hours.h for the rules).  One pass over the followups' measures, which
 * the client cache keeps: no client file is read again.
 */
#include <stdlib.h>
#include <string.h>

#include "hours.h"
#include "util.h"

int
hours_amount(int64_t rate, int64_t hours, int64_t *amount)
{
	int64_t p, q, r;

	if (__builtin_mul_overflow(rate, hours, &p))
		return -1;
	/* Ten-thousandths to hundredths, the half away from zero. */
	q = p / 100;
	r = p % 100;
	if (r >= 50)
		q++;
	else if (r <= -50)
		q--;
	*amount = q;
	return 0;
}

/*
 * Adds v to *sum unless v is none.  An overflow makes the sum none for
 * good: bit is the column's in *overflow, which remembers it.
 */
static void
add(int64_t *sum, int64_t v, int *overflow, int bit)
{
	if (*overflow & bit)
		*sum = HOURS_NONE;
	else if (v == HOURS_NONE)
		return;
	else if (*sum == HOURS_NONE)
		*sum = v;
	else if (__builtin_add_overflow(*sum, v, sum) || *sum == HOURS_NONE) {
		*sum = HOURS_NONE;
		*overflow |= bit;
	}
}

/* Sums row r into s (its hours, contract, over and amount). */
static void
sum_row(struct hours_row *s, const struct hours_row *r)
{
	s->nclients += r->nclients;
	s->overflow |= r->overflow;
	add(&s->hours, r->hours, &s->overflow, HOURS_OVER_HOURS);
	add(&s->contract, r->contract, &s->overflow, HOURS_OVER_CONTRACT);
	add(&s->over, r->over, &s->overflow, HOURS_OVER_OVER);
	add(&s->amount, r->amount, &s->overflow, HOURS_OVER_AMOUNT);
}

static void
row_empty(struct hours_row *r)
{
	memset(r, 0, sizeof(*r));
	r->contract = r->over = r->rate = r->amount = HOURS_NONE;
}

/* The row of client f in month mo, or 0 when it has none. */
static int
client_row(struct hours_row *r, const struct followup *f, month_t mo)
{
	const struct client *c = f->client;
	int64_t h = measure_hours(&f->measure, mo);
	int contract = c->contract_hours >= 0 &&
	    (c->since == DATE_NONE || month_of(c->since) <= mo);

	if (h == 0 && !(contract && (c->status == STATUS_ACTIVE ||
	    c->status == STATUS_LEAD)))
		return 0;
	row_empty(r);
	r->client = c;
	r->owner = c->owner;
	r->nclients = 1;
	r->hours = h;
	if (c->contract_hours >= 0) {
		r->contract = c->contract_hours;
		/* Both under 2^51: no overflow. */
		r->over = h - c->contract_hours;
	}
	if (c->rate >= 0) {
		r->rate = c->rate;
		if (hours_amount(c->rate, h, &r->amount) == -1) {
			r->amount = HOURS_NONE;
			r->overflow = HOURS_OVER_AMOUNT;
		}
	}
	return 1;
}

/* By handle, no owner last. */
static int
cmp_owner(const void *a, const void *b)
{
	const struct hours_row *x = a, *y = b;

	if (x->owner == NULL || y->owner == NULL)
		return (x->owner == NULL) - (y->owner == NULL);
	return strcmp(x->owner, y->owner);
}

/* Sums the client rows, sorted by owner, into one row per owner. */
static size_t
by_owner(struct hours_row *v, size_t n)
{
	size_t i, k = 0;

	qsort(v, n, sizeof(*v), cmp_owner);
	for (i = 0; i < n; i++) {
		struct hours_row r = v[i];

		if (k > 0 && cmp_owner(&v[k - 1], &r) == 0) {
			sum_row(&v[k - 1], &r);
			continue;
		}
		row_empty(&v[k]);
		v[k].owner = r.owner;
		sum_row(&v[k], &r);
		k++;
	}
	return k;
}

/* A client's slug and its index, for hours_order. */
struct slug_at {
	const char	*slug;
	size_t		 i;
};

static int
cmp_slug_at(const void *a, const void *b)
{
	return strcmp(((const struct slug_at *)a)->slug,
	    ((const struct slug_at *)b)->slug);
}

size_t *
hours_order(const struct followup *v, size_t n)
{
	struct slug_at *at = xcalloc(n + 1, sizeof(*at));
	size_t *o = xcalloc(n + 1, sizeof(*o)), i;

	for (i = 0; i < n; i++) {
		at[i].slug = v[i].client->slug;
		at[i].i = i;
	}
	qsort(at, n, sizeof(*at), cmp_slug_at);
	for (i = 0; i < n; i++)
		o[i] = at[i].i;
	free(at);
	return o;
}

void
hours_table(struct hours_table *t, const struct followup *v,
    const size_t *order, size_t n, month_t mo, enum hours_by by)
{
	/* The one sort by slug: the caller's, or hours_order's here. */
	size_t *own = order == NULL ? hours_order(v, n) : NULL, i;

	memset(t, 0, sizeof(*t));
	t->month = mo;
	t->by = by;
	t->rows = xcalloc(n + 1, sizeof(*t->rows));
	for (i = 0; i < n; i++)
		t->nrows += client_row(&t->rows[t->nrows],
		    &v[own != NULL ? own[i] : order[i]], mo);
	free(own);
	row_empty(&t->total);
	for (i = 0; i < t->nrows; i++)
		sum_row(&t->total, &t->rows[i]);
	if (by == HOURS_BY_OWNER)
		t->nrows = by_owner(t->rows, t->nrows);
}

void
hours_free(struct hours_table *t)
{
	if (t == NULL)
		return;
	free(t->rows);
	t->rows = NULL;
	t->nrows = 0;
}

static int
cmp_month(const void *a, const void *b)
{
	const month_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

size_t
hours_months(const struct followup *v, size_t n, month_t also,
    month_t **out)
{
	month_t *m = NULL;
	size_t i, j, k, cap = 0, nm = 0;

	if (also != MONTH_NONE) {
		xgrow(&m, &cap, 1, sizeof(*m));
		m[nm++] = also;
	}
	for (i = 0; i < n; i++) {
		const struct measure *me = &v[i].measure;

		for (j = 0; j < me->nmonths; j++) {
			if (me->months[j].hours == 0)
				continue;
			xgrow(&m, &cap, nm + 1, sizeof(*m));
			m[nm++] = me->months[j].month;
		}
	}
	if (nm > 1)
		qsort(m, nm, sizeof(*m), cmp_month);
	for (i = k = 0; i < nm; i++)
		if (k == 0 || m[k - 1] != m[i])
			m[k++] = m[i];
	*out = m;
	return k;
}
