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

int64_t
stats_percentile(const int64_t *v, size_t n, int p)
{
	size_t k;

	if (n == 0)
		return -1;
	k = (n * (size_t)p + 99) / 100;		/* ceil(p * n / 100) */
	return v[k > 0 ? k - 1 : 0];
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

static int
selected(const struct followup *f, const struct reply *r,
    const struct stats_filter *flt)
{
	const char *owner = f->client->owner;

	if (flt->owner != NULL && (owner == NULL ||
	    strcmp(owner, flt->owner) != 0))
		return 0;
	return (flt->from == DATE_NONE || r->in >= flt->from) &&
	    (flt->to == DATE_NONE || r->in <= flt->to);
}

void
stats_figures(struct stats_figures *s, const struct followup *v, size_t n,
    const struct stats_filter *flt, date_t today)
{
	int64_t *wall = NULL, *bus = NULL;
	size_t i, j, cap = 0, cap2 = 0;

	memset(s, 0, sizeof(*s));
	s->longest_date = DATE_NONE;
	for (i = 0; i < n; i++) {
		const struct measure *m = &v[i].measure;

		for (j = 0; j < m->nreplies; j++) {
			const struct reply *r = &m->replies[j];

			if (!selected(&v[i], r, flt))
				continue;
			if (!reply_answered(r)) {
				int64_t w = reply_minutes(r, today);

				/* The earliest waits longest; ties: first. */
				if (s->waiting++ == 0 || w > s->longest) {
					s->longest = w;
					s->longest_business =
					    reply_business(r, today);
					s->longest_client = v[i].client;
					s->longest_date = r->in;
				}
				continue;
			}
			xgrow(&wall, &cap, s->answered + 1, sizeof(*wall));
			xgrow(&bus, &cap2, s->answered + 1, sizeof(*bus));
			wall[s->answered] = reply_minutes(r, today);
			bus[s->answered] = reply_business(r, today);
			s->answered++;
		}
	}
	if (s->answered > 1) {
		qsort(wall, s->answered, sizeof(*wall), cmp_i64);
		qsort(bus, s->answered, sizeof(*bus), cmp_i64);
	}
	s->median = stats_percentile(wall, s->answered, 50);
	s->p90 = stats_percentile(wall, s->answered, 90);
	s->median_business = stats_percentile(bus, s->answered, 50);
	s->p90_business = stats_percentile(bus, s->answered, 90);
	free(wall);
	free(bus);
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
