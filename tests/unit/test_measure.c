/*
 * test_measure.c: reply times and hours per month (measure.h) and their
 * figures (stats.h): the reply is the next outbound entry in the order of
 * entries, not in the file's; several inbound entries wait for one reply;
 * untimed entries count whole days; a weekend is no business time;
 * entries after today neither ask nor answer; nearest-rank percentiles;
 * the cache gives back what was measured.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "stats.h"
#include "unit.h"

static struct config cfg;

#define D(iso) unit_date(iso)

static void
run(const char *body, const char *today, struct client *c,
    struct followup *f)
{
	unit_client(&cfg, "acme", "Acme", "owner = dana\n", body, today, c, f);
}

static void
test_order(void)
{
	struct client c;
	struct followup f;
	const struct measure *m = &f.measure;

	/*
	 * The file lists the reply first; the order of entries puts it after
	 * both questions.  The note between answers nothing.
	 */
	run("## 2026-11-20 09:30 -> email: Answer\n"
	    "## 2026-11-20 08:00 <- email: First\n"
	    "## 2026-11-20 09:00 Internal note\n"
	    "## 2026-11-20 09:10 <- call: Second\n"
	    "## 2026-11-23 <- email: Monday, untimed\n"
	    "## 2026-11-24 10:00 -> call: Back\n"
	    "## 2026-11-25 11:00 <- email: Still waiting\n",
	    "2026-11-27", &c, &f);
	CHECK_INT(m->nreplies, 4);
	if (m->nreplies == 4) {
		CHECK_INT(reply_minutes(&m->replies[0], D("2026-11-27")), 90);
		CHECK_INT(reply_minutes(&m->replies[1], D("2026-11-27")), 20);
		/* Untimed: whole days, Monday to Tuesday. */
		CHECK_INT(reply_minutes(&m->replies[2], D("2026-11-27")), 1440);
		CHECK(!reply_answered(&m->replies[3]));
		/* Waiting since Wednesday: until Friday's midnight. */
		CHECK_INT(reply_minutes(&m->replies[3], D("2026-11-27")),
		    2 * 1440);
	}
	followup_free(&f);
	client_free(&c);
}

static void
test_weekend_and_future(void)
{
	struct client c;
	struct followup f;
	const struct measure *m = &f.measure;

	/* Friday 16:00 to Monday 10:00: 66 hours, 18 of them on weekdays. */
	run("## 2026-11-20 16:00 <- email: Friday\n"
	    "## 2026-11-23 10:00 -> email: Monday\n"
	    "## 2026-11-28 <- email: Saturday\n"
	    "## 2026-11-29 -> call: Sunday\n"
	    "## 2026-12-01 09:00 <- email: Tuesday\n"
	    "## 2026-12-09 -> call: planned, after today\n",
	    "2026-12-02", &c, &f);
	CHECK_INT(m->nreplies, 3);
	if (m->nreplies == 3) {
		CHECK_INT(reply_minutes(&m->replies[0], D("2026-12-02")),
		    66 * 60);
		CHECK_INT(reply_business(&m->replies[0], D("2026-12-02")),
		    18 * 60);
		CHECK_INT(reply_minutes(&m->replies[1], D("2026-12-02")), 1440);
		CHECK_INT(reply_business(&m->replies[1], D("2026-12-02")), 0);
		/* The call after today has not happened yet. */
		CHECK(!reply_answered(&m->replies[2]));
	}
	followup_free(&f);
	client_free(&c);
}

static void
test_months(void)
{
	struct client c;
	struct followup f;

	run("## 2026-10-31 Work (1.5h)\n"
	    "## 2026-12-01 -> call: Plan (0.25h)\n"
	    "## 2026-11-02 Work (2h)\n"
	    "## 2026-12-20 Planned (3h)\n"
	    "## 2026-10-01 More (0.05h)\n",
	    "2026-12-02", &c, &f);
	CHECK_INT(f.measure.nmonths, 3);
	CHECK_INT(measure_hours(&f.measure, month_of(D("2026-10-01"))), 155);
	CHECK_INT(measure_hours(&f.measure, month_of(D("2026-11-01"))), 200);
	/* Every entry of the month, as the budget counts. */
	CHECK_INT(measure_hours(&f.measure, month_of(D("2026-12-01"))), 325);
	CHECK_INT(f.hours_month, 325);
	CHECK_INT(measure_hours(&f.measure, month_of(D("2026-09-01"))), 0);
	followup_free(&f);
	client_free(&c);
}

/* stats_percentile of a copy: it reorders what it reads. */
static int64_t
pct(const int64_t *v, size_t n, int p)
{
	int64_t c[16];

	memcpy(c, v, n * sizeof(*v));
	return stats_percentile(c, n, p);
}

static void
test_percentiles(void)
{
	static const int64_t v[] = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };
	/* In any order, as the replies come. */
	static const int64_t u[] = { 70, 10, 100, 40, 90, 20, 60, 30, 80, 50 };

	CHECK_INT(pct(v, 0, 50), -1);
	CHECK_INT(pct(v, 1, 50), 10);
	CHECK_INT(pct(v, 2, 50), 10);
	CHECK_INT(pct(v, 3, 50), 20);
	CHECK_INT(pct(v, 10, 50), 50);
	CHECK_INT(pct(v, 10, 90), 90);
	CHECK_INT(pct(v, 9, 90), 90);
	CHECK_INT(pct(v, 3, 90), 30);
	CHECK_INT(pct(u, 10, 50), 50);
	CHECK_INT(pct(u, 10, 90), 90);
	CHECK_INT(pct(u, 10, 100), 100);
	CHECK_INT(pct(u, 10, 1), 10);
}

static void
test_figures(void)
{
	struct client c;
	struct followup f;
	struct stats_figures s;
	struct stats_filter all = { NULL, DATE_NONE, DATE_NONE };
	struct stats_filter nov = { "dana", DATE_NONE, DATE_NONE };
	struct stats_filter other = { "lee", DATE_NONE, DATE_NONE };

	run("## 2026-11-02 09:00 <- email: A\n"
	    "## 2026-11-02 10:00 -> email: a\n"
	    "## 2026-11-03 09:00 <- email: B\n"
	    "## 2026-11-03 12:00 -> email: b\n"
	    "## 2026-11-04 09:00 <- email: C\n"
	    "## 2026-11-05 09:00 -> email: c\n"
	    "## 2026-11-24 <- email: D\n"
	    "## 2026-11-30 <- email: E\n",
	    "2026-12-01", &c, &f);
	stats_figures(&s, &f, 1, &all, D("2026-12-01"));
	CHECK_INT(s.answered, 3);
	CHECK_INT(s.median, 180);
	CHECK_INT(s.p90, 1440);
	CHECK_INT(s.waiting, 2);
	CHECK(s.longest_client == &c);
	CHECK_INT(s.longest_date, D("2026-11-24"));
	CHECK_INT(s.longest, 7 * 1440);
	CHECK_INT(s.longest_business, 5 * 1440);
	nov.from = D("2026-11-03");
	nov.to = D("2026-11-04");
	stats_figures(&s, &f, 1, &nov, D("2026-12-01"));
	CHECK_INT(s.answered, 2);
	CHECK_INT(s.median, 180);
	CHECK_INT(s.waiting, 0);
	CHECK(s.longest_client == NULL);
	stats_figures(&s, &f, 1, &other, D("2026-12-01"));
	CHECK_INT(s.answered, 0);
	CHECK_INT(s.median, -1);
	CHECK_INT(stats_first_month(&f, 1, NULL), month_of(D("2026-11-01")));
	followup_free(&f);
	client_free(&c);
}

/* What the cache gives back is what was measured. */
static void
test_cached(void)
{
	struct client c, c2;
	struct followup f, f2;
	struct diags d = { 0 }, d2 = { 0 };
	struct cache *k;
	char dir[] = "/tmp/rapport-measure.XXXXXX", *path;
	uint64_t aux[2] = { 0, 0 };
	size_t i;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp");
		return;
	}
	path = xasprintf("%s/cache", dir);
	run("## 2026-11-02 09:00 <- email: A\n"
	    "## 2026-11-02 10:00 -> email: a (1.5h)\n"
	    "## 2026-11-03 <- email: B\n"
	    "## 2026-10-03 Note (0.25h)\n",
	    "2026-12-01", &c, &f);
	k = cache_open(path, 7);
	cache_put(k, c.path, 1, 0, &c, &f, &d, aux);
	CHECK_INT(cache_write(k), 0);
	cache_free(k);
	k = cache_open(path, 7);
	CHECK_INT(cache_get(k, c.path, 1, &c2, &f2, &d2, aux), 1);
	CHECK_INT(f2.measure.nreplies, f.measure.nreplies);
	for (i = 0; i < f.measure.nreplies && i < f2.measure.nreplies; i++)
		CHECK(memcmp(&f.measure.replies[i], &f2.measure.replies[i],
		    sizeof(struct reply)) == 0);
	CHECK_INT(f2.measure.nmonths, 2);
	CHECK_INT(measure_hours(&f2.measure, month_of(D("2026-11-01"))),
	    150);
	cache_free(k);
	followup_free(&f2);
	client_free(&c2);
	followup_free(&f);
	client_free(&c);
	diags_free(&d);
	diags_free(&d2);
	unlink(path);
	rmdir(dir);
	free(path);
}

void
test_measure(void)
{
	config_defaults(&cfg);
	test_order();
	test_weekend_and_future();
	test_months();
	test_percentiles();
	test_figures();
	test_cached();
	config_free(&cfg);
}
