/*
 * stats.c: reply times summed up (see stats.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Puts the k-th smallest of v[0 .. n) at v[k], smaller ones before it and
 * larger after (quickselect, Hoare's partition around a median of three):
 * two ranks of a group cost linear time where sorting it cost n log n.
 * Ranges that halve need log2(n) rounds; after twice that (pivots a file
 * of chosen times could make bad), what is left is sorted instead, so
 * n log n bounds it whatever the values.
 */
static void
select_kth(int64_t *v, size_t n, size_t k)
{
	size_t lo = 0, hi = n, i, j, budget = 2;
	int64_t pivot, t, a, b, c;

	for (i = n; i > 1; i /= 2)
		budget += 2;
	while (hi - lo > 2) {
		if (budget-- == 0) {
			qsort(v + lo, hi - lo, sizeof(*v), cmp_i64);
			return;
		}
		a = v[lo];
		b = v[lo + (hi - lo) / 2];
		c = v[hi - 1];
		pivot = a < b ? (b < c ? b : a < c ? c : a) :
		    (a < c ? a : b < c ? c : b);
		i = lo;
		j = hi - 1;
		for (;;) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i >= j)
				break;
			t = v[i];
			v[i] = v[j];
			v[j] = t;
			i++;
			j--;
		}
		/* v[lo .. j] <= pivot <= v[j + 1 .. hi) */
		if (k <= j)
			hi = j + 1;
		else
			lo = j + 1;
	}
	if (hi - lo == 2 && v[lo] > v[lo + 1]) {
		t = v[lo];
		v[lo] = v[lo + 1];
		v[lo + 1] = t;
	}
}

/* The 0-based rank of the nearest-rank p-th percentile of n values. */
static size_t
rank_of(size_t n, int p)
{
	size_t k = (n * (size_t)p + 99) / 100;		/* ceil(p * n / 100) */

	return k > 0 ? k - 1 : 0;
}

int64_t
stats_percentile(int64_t *v, size_t n, int p)
{
	if (n == 0)
		return -1;
	select_kth(v, n, rank_of(n, p));
	return v[rank_of(n, p)];
}

void
stats_hours(char buf[24], int64_t minutes)
{
	int64_t tenths = (minutes * 10 + 30) / 60;

	if (minutes < 0)
		snprintf(buf, 24, "-");
	else
		snprintf(buf, 24, "%lld.%lld", (long long)(tenths / 10),
		    (long long)(tenths % 10));
}

/* Whether the filter takes f's client: once a client, not a reply. */
static int
client_selected(const struct followup *f, const struct stats_filter *flt)
{
	const char *owner = f->client->owner;

	return flt->owner == NULL || (owner != NULL &&
	    strcmp(owner, flt->owner) == 0);
}

/* Whether it takes reply r of a client it takes. */
static int
selected(const struct reply *r, const struct stats_filter *flt)
{
	return (flt->from == DATE_NONE || r->in >= flt->from) &&
	    (flt->to == DATE_NONE || r->in <= flt->to);
}

/* The times of one group's answered replies, gathered then summed up. */
struct group {
	int64_t		*wall, *bus;
	size_t		 cap, cap2;
};

static void
group_add(struct stats_figures *s, struct group *g, const struct followup *f,
    const struct reply *r, date_t today)
{
	int64_t w = reply_minutes(r, today);

	if (!reply_answered(r)) {
		/* The earliest waits longest; of equals, the first. */
		if (s->waiting++ == 0 || w > s->longest) {
			s->longest = w;
			s->longest_business = reply_business(r, today);
			s->longest_client = f->client;
			s->longest_date = r->in;
		}
		return;
	}
	xgrow(&g->wall, &g->cap, s->answered + 1, sizeof(*g->wall));
	xgrow(&g->bus, &g->cap2, s->answered + 1, sizeof(*g->bus));
	g->wall[s->answered] = w;
	g->bus[s->answered] = reply_business(r, today);
	s->answered++;
}

static void
group_end(struct stats_figures *s, struct group *g)
{
	/* The median first: the 90th is then among the larger ones. */
	s->median = stats_percentile(g->wall, s->answered, 50);
	s->p90 = stats_percentile(g->wall, s->answered, 90);
	s->median_business = stats_percentile(g->bus, s->answered, 50);
	s->p90_business = stats_percentile(g->bus, s->answered, 90);
	free(g->wall);
	free(g->bus);
	memset(g, 0, sizeof(*g));
}

static void
figures_init(struct stats_figures *s)
{
	memset(s, 0, sizeof(*s));
	s->longest_date = DATE_NONE;
}

void
stats_figures(struct stats_figures *s, const struct followup *v, size_t n,
    const struct stats_filter *flt, date_t today)
{
	struct group g = { NULL, NULL, 0, 0 };
	size_t i, j;

	figures_init(s);
	for (i = 0; i < n; i++) {
		if (!client_selected(&v[i], flt))
			continue;
		for (j = 0; j < v[i].measure.nreplies; j++)
			if (selected(&v[i].measure.replies[j], flt))
				group_add(s, &g, &v[i],
				    &v[i].measure.replies[j], today);
	}
	group_end(s, &g);
}

void
stats_by_month(struct stats_figures *out, month_t first, month_t last,
    const struct followup *v, size_t n, const struct stats_filter *flt,
    date_t today)
{
	size_t i, j, k, nm = last >= first ? (size_t)(last - first) + 1 : 0;
	struct group *g = xcalloc(nm + 1, sizeof(*g));
	month_t mo;

	for (k = 0; k < nm; k++)
		figures_init(&out[k]);
	for (i = 0; i < n; i++) {
		if (!client_selected(&v[i], flt))
			continue;
		for (j = 0; j < v[i].measure.nreplies; j++) {
			const struct reply *r = &v[i].measure.replies[j];

			mo = month_of(r->in);
			if (mo < first || mo > last || !selected(r, flt))
				continue;
			k = (size_t)(mo - first);
			group_add(&out[k], &g[k], &v[i], r, today);
		}
	}
	for (k = 0; k < nm; k++)
		group_end(&out[k], &g[k]);
	free(g);
}

month_t
stats_first_month(const struct followup *v, size_t n, const char *owner)
{
	date_t first = DATE_NONE;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct measure *m = &v[i].measure;
		const char *o = v[i].client->owner;

		if (m->nreplies == 0 || (owner != NULL && (o == NULL ||
		    strcmp(o, owner) != 0)))
			continue;
		/* Replies are in the order of entries: the first is earliest. */
		if (first == DATE_NONE || m->replies[0].in < first)
			first = m->replies[0].in;
	}
	return first == DATE_NONE ? MONTH_NONE : month_of(first);
}
