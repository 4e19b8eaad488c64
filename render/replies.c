/*
 * replies.c: the reply times block of a page (see replies.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "replies.h"
#include "stats.h"
#include "values.h"

/* A reply time for the page: hours, or a dash when none was answered. */
static struct tv *
hours(struct tv_pool *p, int64_t minutes)
{
	char h[24];

	if (minutes < 0)
		return tv_str(p, "\u2014");
	stats_hours(h, minutes);
	return tv_copy(p, h);
}

static struct tv *
window(struct tv_pool *p, const struct pages *pg, const char *owner,
    const char *root, int days)
{
	const struct stats_filter flt = { owner, pg->ws->today - days + 1,
	    pg->ws->today };
	struct stats_figures s;
	struct tv *m = tv_map(p), *lw;
	struct buf b = { 0 };

	stats_figures(&s, pg->f, pg->nf, &flt, pg->ws->today);
	tv_put(m, "label", tv_strf(p, "Last %d days", days));
	tv_put(m, "answered", tv_strf(p, "%zu", s.answered));
	tv_put(m, "median", hours(p, s.median));
	tv_put(m, "p90", hours(p, s.p90));
	tv_put(m, "median_bh", hours(p, s.median_business));
	tv_put(m, "p90_bh", hours(p, s.p90_business));
	tv_put(m, "waiting", tv_strf(p, "%zu", s.waiting));
	if (s.longest_client != NULL) {
		lw = tv_put(m, "longest", tv_map(p));
		tv_put(lw, "client", tv_str(p, s.longest_client->name ?
		    s.longest_client->name : s.longest_client->slug));
		tv_put(lw, "href", val_href(p, &b, root, "clients",
		    s.longest_client->slug));
		tv_put(lw, "since", val_date(p, s.longest_date,
		    pg->ws->today));
		tv_put(lw, "days", val_count(p, (size_t)(s.longest / 1440),
		    "day", "days"));
	}
	buf_free(&b);
	return m;
}

static void
chart(struct tv_pool *p, struct tv *m, const struct pages *pg,
    const char *owner)
{
	/* Under the bars; the label says the whole month. */
	static const char *const abbr[12] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	const struct stats_filter flt = { owner, DATE_NONE, DATE_NONE };
	struct stats_figures fm[REPLIES_MONTHS];
	double v[REPLIES_MONTHS];
	int has[REPLIES_MONTHS];
	const char *names[REPLIES_MONTHS], *texts[REPLIES_MONTHS];
	char text[REPLIES_MONTHS][24];
	month_t now = month_of(pg->ws->today), mo;
	struct buf label = { 0 };
	char name[8], *svg;
	size_t i;

	stats_by_month(fm, now - (REPLIES_MONTHS - 1), now, pg->f, pg->nf,
	    &flt, pg->ws->today);
	buf_puts(&label, "Median reply time by month, in hours:");
	for (i = 0; i < REPLIES_MONTHS; i++) {
		mo = now - (month_t)(REPLIES_MONTHS - 1 - i);
		has[i] = fm[i].answered > 0;
		v[i] = has[i] ? (double)fm[i].median / 60 : 0;
		stats_hours(text[i], fm[i].median);
		texts[i] = text[i];
		names[i] = abbr[mo % 12];
		month_format(mo, name);
		buf_printf(&label, "%s %s %s", i ? "," : "", name,
		    has[i] ? text[i] : "none");
	}
	svg = fmt_bars(v, has, REPLIES_MONTHS, names, texts, label.s);
	if (svg != NULL) {
		tv_put(m, "chart", tv_copy(p, svg));
		month_format(now - (REPLIES_MONTHS - 1), name);
		tv_put(m, "chart_from", tv_copy(p, name));
		month_format(now, name);
		tv_put(m, "chart_to", tv_copy(p, name));
	}
	free(svg);
	buf_free(&label);
}

struct tv *
replies_value(struct tv_pool *p, const struct pages *pg, const char *owner,
    const char *root)
{
	struct tv *m = tv_map(p), *w = tv_list(p);

	tv_push(w, window(p, pg, owner, root, REPLIES_WINDOW_SHORT));
	tv_push(w, window(p, pg, owner, root, REPLIES_WINDOW_LONG));
	tv_put(m, "windows", w);
	chart(p, m, pg, owner);
	return m;
}
