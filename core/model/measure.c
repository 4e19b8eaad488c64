/*
 * measure.c: reply times and hours per month (see measure.h).
 */
#include <stdlib.h>
#include <string.h>

#include "measure.h"
#include "util.h"

#define DAY	1440

/*
 * Sorts ix (n indices of c's entries) into the order of entries: a merge
 * sort, so a file of any size and any order costs n log n, and no state
 * outside the call (parsing runs on several threads).  Entries mostly
 * come in order, and a run already in order is merged in one pass.
 */
static void
sort_entries(const struct entry *v, size_t *ix, size_t n)
{
	size_t *tmp, w, lo, mid, hi, a, b, k;

	if (n < 2)
		return;
	tmp = xcalloc(n, sizeof(*tmp));
	for (w = 1; w < n; w *= 2) {
		for (lo = 0; lo + w < n; lo += 2 * w) {
			mid = lo + w;
			hi = mid + w < n ? mid + w : n;
			if (!entry_later(&v[ix[mid - 1]], &v[ix[mid]]))
				continue;
			for (a = lo, b = mid, k = lo; k < hi; k++)
				tmp[k] = b >= hi || (a < mid &&
				    !entry_later(&v[ix[a]], &v[ix[b]])) ?
				    ix[a++] : ix[b++];
			memcpy(ix + lo, tmp + lo, (hi - lo) * sizeof(*ix));
		}
	}
	free(tmp);
}

static void
replies(struct measure *m, const struct client *c, date_t today)
{
	size_t *ix, i, n = 0, cap = 0;
	const struct entry *next = NULL;

	ix = xcalloc(c->nentries + 1, sizeof(*ix));
	for (i = 0; i < c->nentries; i++)
		if (c->entries[i].dir != ENTRY_NOTE &&
		    c->entries[i].date <= today)
			ix[n++] = i;
	sort_entries(c->entries, ix, n);
	/* From the last: the next outbound entry is the reply of those above. */
	m->nreplies = 0;
	for (i = n; i-- > 0;) {
		const struct entry *e = &c->entries[ix[i]];

		if (e->dir == ENTRY_OUT) {
			next = e;
			continue;
		}
		xgrow(&m->replies, &cap, m->nreplies + 1, sizeof(*m->replies));
		m->replies[m->nreplies++] = (struct reply){
			.in = e->date,
			.in_min = (int16_t)e->minutes,
			.out = next != NULL ? next->date : DATE_NONE,
			.out_min = (int16_t)(next != NULL ? next->minutes : -1),
		};
	}
	/* Collected from the last: put them in the order of entries. */
	for (i = 0; i < m->nreplies / 2; i++) {
		struct reply t = m->replies[i];

		m->replies[i] = m->replies[m->nreplies - 1 - i];
		m->replies[m->nreplies - 1 - i] = t;
	}
	free(ix);
}

static void
months(struct measure *m, const struct client *c)
{
	size_t i, j, cap = 0;

	for (i = 0; i < c->nentries; i++) {
		const struct entry *e = &c->entries[i];
		month_t mo = month_of(e->date);

		if (!e->has_hours)
			continue;
		/* Few months per client, most entries in the last one. */
		for (j = m->nmonths; j > 0 && m->months[j - 1].month > mo; j--)
			;
		if (j > 0 && m->months[j - 1].month == mo) {
			m->months[j - 1].hours += e->hours;
			if (m->months[j - 1].hours > MEASURE_HOURS_MAX)
				m->months[j - 1].hours = MEASURE_HOURS_MAX;
			continue;
		}
		xgrow(&m->months, &cap, m->nmonths + 1, sizeof(*m->months));
		memmove(m->months + j + 1, m->months + j,
		    (m->nmonths - j) * sizeof(*m->months));
		m->months[j] = (struct month_hours){ mo, e->hours };
		m->nmonths++;
	}
}

void
measure_compute(struct measure *m, const struct client *c, date_t today)
{
	memset(m, 0, sizeof(*m));
	replies(m, c, today);
	months(m, c);
}

void
measure_free(struct measure *m)
{
	if (m == NULL)
		return;
	free(m->replies);
	free(m->months);
	memset(m, 0, sizeof(*m));
}

int64_t
measure_hours(const struct measure *m, month_t mo)
{
	size_t lo = 0, hi = m->nmonths, mid;

	/* Months ascend: a page of thirteen months asks 13 n times. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m->months[mid].month < mo)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->nmonths && m->months[lo].month == mo ?
	    m->months[lo].hours : 0;
}

/*
 * The ends of r's span: its reply, or today's midnight while it waits.
 * When either end has no time, both are taken at midnight: whole days.
 */
static void
span(const struct reply *r, date_t today, date_t *d1, int64_t *m1,
    date_t *d2, int64_t *m2)
{
	*d1 = r->in;
	*d2 = reply_answered(r) ? r->out : today;
	*m1 = r->in_min;
	*m2 = reply_answered(r) ? r->out_min : 0;
	if (*m1 < 0 || *m2 < 0 || !reply_answered(r))
		*m1 = *m2 = 0;
	if (*d2 < *d1 || (*d2 == *d1 && *m2 < *m1)) {
		*d2 = *d1;		/* never negative */
		*m2 = *m1;
	}
}

int64_t
reply_minutes(const struct reply *r, date_t today)
{
	date_t d1, d2;
	int64_t m1, m2;

	span(r, today, &d1, &m1, &d2, &m2);
	return (int64_t)(d2 - d1) * DAY + m2 - m1;
}

/* The days of [a, b) that are Monday to Friday. */
static int64_t
weekdays(date_t a, date_t b)
{
	int64_t n = (int64_t)b - a, k = n / 7 * 5;
	int w = date_weekday(a), i;

	for (i = 0; i < n % 7; i++)
		k += (w + i) % 7 < 5;
	return k;
}

int64_t
reply_business(const struct reply *r, date_t today)
{
	date_t d1, d2;
	int64_t m1, m2;

	span(r, today, &d1, &m1, &d2, &m2);
	if (d1 == d2)
		return date_weekday(d1) < 5 ? m2 - m1 : 0;
	return (date_weekday(d1) < 5 ? DAY - m1 : 0) +
	    weekdays(d1 + 1, d2) * DAY + (date_weekday(d2) < 5 ? m2 : 0);
}
