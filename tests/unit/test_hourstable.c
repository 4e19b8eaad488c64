/*
 * test_hourstable.c: a month's hours against the contracts (hours.h) and the
 * CSV they are written as (csv.h): rate x hours exact and rounded half
 * up, an overflow is no amount, which clients a month lists, the totals
 * over the rows that have a figure, the rows by owner (none last), signed
 * hours, RFC 4180 quoting and no formula.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "hours.h"
#include "text.h"
#include "unit.h"

static struct config cfg;

#define D(iso) unit_date(iso)

/* A client from its front-matter lines and body, measured for today. */
static void
make(struct client *c, struct followup *f, const char *slug,
    const char *front, const char *body)
{
	unit_client(&cfg, slug, slug, front, body, "2026-11-23", c, f);
}

static void
test_amount(void)
{
	int64_t a = 0;

	/* 3 x 0.33h = 0.99h at 33.33: 32.9967, rounded to 33.00. */
	CHECK_INT(hours_amount(3333, 99, &a), 0);
	CHECK_INT(a, 3300);
	/* 0.01 an hour for half an hour: 0.005, half up. */
	CHECK_INT(hours_amount(1, 50, &a), 0);
	CHECK_INT(a, 1);
	CHECK_INT(hours_amount(1, 49, &a), 0);
	CHECK_INT(a, 0);
	/* 95.50 x 12.5h = 1193.75 exactly. */
	CHECK_INT(hours_amount(9550, 1250, &a), 0);
	CHECK_INT(a, 119375);
	CHECK_INT(hours_amount(0, 1250, &a), 0);
	CHECK_INT(a, 0);
	a = 7;
	CHECK_INT(hours_amount(99999999999, MEASURE_HOURS_MAX, &a), -1);
	CHECK_INT(a, 7);
}

static void
test_format(void)
{
	char b[24];

	text_hours_format(-150, b);
	CHECK_STR(b, "-1.5");
	text_hours_format(-50, b);
	CHECK_STR(b, "-0.5");
	text_hours_format(-5, b);
	CHECK_STR(b, "-0.05");
	text_hours_format(4000, b);
	CHECK_STR(b, "40");
	text_hours_format(INT64_MIN + 1, b);
	CHECK_STR(b, "-92233720368547758.07");
}

static void
test_table(void)
{
	struct client c[6];
	struct followup f[6];
	struct hours_table t;
	size_t i;

	make(&c[0], &f[0], "bravo", "owner = dana\n[contract]\nhours = 1\n"
	    "rate = 33.33\n",
	    "## 2026-11-02 Work (0.33h)\n## 2026-11-03 Work (0.33h)\n"
	    "## 2026-11-04 Work (0.33h)\n## 2026-10-04 Work (5h)\n");
	/* Active with a contract and no hours: listed, all under. */
	make(&c[1], &f[1], "alpha", "owner = marco\n[contract]\nhours = 10\n",
	    "");
	/* Paused with a contract: only a month with hours lists it. */
	make(&c[2], &f[2], "charlie", "status = paused\n[contract]\n"
	    "hours = 10\n", "## 2026-10-05 Work (2h)\n");
	/* Hours but no contract, no owner, a rate. */
	make(&c[3], &f[3], "delta", "[contract]\nrate = 100\n",
	    "## 2026-11-05 Work (1.25h)\n");
	/* A contract from December on: not November's. */
	make(&c[4], &f[4], "echo", "owner = dana\nsince = 2026-12-01\n"
	    "[contract]\nhours = 5\n", "");
	/* Former, no hours this month. */
	make(&c[5], &f[5], "foxtrot", "status = former\n[contract]\n"
	    "hours = 3\n", "");

	hours_table(&t, f, NULL, 6, month_of(D("2026-11-01")), HOURS_BY_CLIENT);
	CHECK_INT(t.nrows, 3);
	if (t.nrows == 3) {
		CHECK_STR(t.rows[0].client->slug, "alpha");
		CHECK_INT(t.rows[0].hours, 0);
		CHECK_INT(t.rows[0].over, -1000);
		CHECK_INT(t.rows[0].amount, HOURS_NONE);
		CHECK_STR(t.rows[1].client->slug, "bravo");
		CHECK_INT(t.rows[1].hours, 99);
		CHECK_INT(t.rows[1].contract, 100);
		CHECK_INT(t.rows[1].over, -1);
		CHECK_INT(t.rows[1].rate, 3333);
		CHECK_INT(t.rows[1].amount, 3300);
		CHECK_STR(t.rows[2].client->slug, "delta");
		CHECK_INT(t.rows[2].contract, HOURS_NONE);
		CHECK_INT(t.rows[2].over, HOURS_NONE);
		CHECK_INT(t.rows[2].amount, 12500);
	}
	/* Each column's total is over the rows that have it. */
	CHECK_INT(t.total.nclients, 3);
	CHECK_INT(t.total.hours, 224);
	CHECK_INT(t.total.contract, 1100);
	CHECK_INT(t.total.over, -1001);
	CHECK_INT(t.total.amount, 15800);
	CHECK_INT(t.total.overflow, 0);
	hours_free(&t);
	/* The same rows from the clients out of order, by hours_order. */
	{
		struct followup rev[6];
		size_t k, *o;

		for (k = 0; k < 6; k++)
			rev[k] = f[5 - k];
		o = hours_order(rev, 6);
		for (k = 1; k < 6; k++)
			CHECK(strcmp(rev[o[k - 1]].client->slug,
			    rev[o[k]].client->slug) < 0);
		hours_table(&t, rev, o, 6, month_of(D("2026-11-01")),
		    HOURS_BY_CLIENT);
		CHECK_INT(t.nrows, 3);
		if (t.nrows == 3) {
			CHECK_STR(t.rows[0].client->slug, "alpha");
			CHECK_STR(t.rows[1].client->slug, "bravo");
			CHECK_STR(t.rows[2].client->slug, "delta");
			CHECK_INT(t.rows[1].amount, 3300);
		}
		CHECK_INT(t.total.hours, 224);
		hours_free(&t);
		free(o);
	}

	hours_table(&t, f, NULL, 6, month_of(D("2026-11-01")), HOURS_BY_OWNER);
	CHECK_INT(t.nrows, 3);
	if (t.nrows == 3) {
		CHECK_STR(t.rows[0].owner, "dana");
		CHECK_INT(t.rows[0].nclients, 1);
		CHECK_INT(t.rows[0].amount, 3300);
		CHECK_STR(t.rows[1].owner, "marco");
		CHECK_INT(t.rows[1].amount, HOURS_NONE);
		CHECK(t.rows[2].owner == NULL);
		CHECK_INT(t.rows[2].hours, 125);
		CHECK_INT(t.rows[2].contract, HOURS_NONE);
	}
	CHECK_INT(t.total.hours, 224);
	CHECK_INT(t.total.amount, 15800);
	hours_free(&t);

	/* October: charlie has hours; echo's contract is not yet. */
	hours_table(&t, f, NULL, 6, month_of(D("2026-10-01")), HOURS_BY_CLIENT);
	CHECK_INT(t.nrows, 3);
	if (t.nrows == 3) {
		CHECK_STR(t.rows[1].client->slug, "bravo");
		CHECK_INT(t.rows[1].amount, 16665);
		CHECK_STR(t.rows[2].client->slug, "charlie");
		CHECK_INT(t.rows[2].over, -800);
	}
	hours_free(&t);
	hours_table(&t, f, NULL, 6, month_of(D("2026-12-01")), HOURS_BY_CLIENT);
	/* alpha, bravo, and echo from now on. */
	CHECK_INT(t.nrows, 3);
	if (t.nrows == 3)
		CHECK_STR(t.rows[2].client->slug, "echo");
	hours_free(&t);

	{
		month_t *m = NULL;
		size_t n = hours_months(f, 6, month_of(D("2027-01-01")), &m);

		CHECK_INT(n, 3);
		if (n == 3) {
			CHECK_INT(m[0], month_of(D("2026-10-01")));
			CHECK_INT(m[1], month_of(D("2026-11-01")));
			CHECK_INT(m[2], month_of(D("2027-01-01")));
		}
		free(m);
	}
	for (i = 0; i < 6; i++) {
		followup_free(&f[i]);
		client_free(&c[i]);
	}
}

static void
test_overflow(void)
{
	struct client c[2];
	struct followup f[2];
	struct hours_table t;
	char *body = NULL;
	size_t i;

	/* Hours stop at MEASURE_HOURS_MAX; a rate of nine digits is past. */
	for (i = 0; i < 70; i++) {
		char *e = xasprintf("%s## 2026-11-%02zu Work (999999999h)\n",
		    body ? body : "", i % 20 + 1);

		free(body);
		body = e;
	}
	/* A client worth 100.00 first, so the total had an amount. */
	make(&c[0], &f[0], "fine", "[contract]\nrate = 100\n",
	    "## 2026-11-02 Work (1h)\n");
	make(&c[1], &f[1], "huge", "[contract]\nhours = 1\nrate = 999999999\n",
	    body);
	free(body);
	hours_table(&t, f, NULL, 2, month_of(D("2026-11-01")), HOURS_BY_CLIENT);
	CHECK_INT(t.nrows, 2);
	if (t.nrows == 2) {
		CHECK_INT(t.rows[0].amount, 10000);
		CHECK_INT(t.rows[1].amount, HOURS_NONE);
		CHECK_INT(t.rows[1].overflow, HOURS_OVER_AMOUNT);
	}
	/* Not 100.00: a total with an unknown amount in it is none. */
	CHECK_INT(t.total.amount, HOURS_NONE);
	CHECK(t.total.overflow & HOURS_OVER_AMOUNT);
	CHECK(t.total.hours > 0);
	hours_free(&t);
	for (i = 0; i < 2; i++) {
		followup_free(&f[i]);
		client_free(&c[i]);
	}
}

static void
test_csv(void)
{
	struct buf b = { 0 };

	csv_text(&b, "plain", 1);
	csv_text(&b, "a, \"b\"", 0);
	csv_text(&b, NULL, 0);
	csv_text(&b, "=HYPERLINK(\"x\")", 0);
	csv_text(&b, "+1", 0);
	csv_text(&b, "-x", 0);
	csv_text(&b, "@x", 0);
	csv_text(&b, "\tx", 0);
	csv_text(&b, "", 0);
	csv_text(&b, "x=1", 0);
	csv_number(&b, "-27.5", 0);
	csv_eol(&b);
	CHECK_STR(b.s, "plain,\"a, \"\"b\"\"\",,\"'=HYPERLINK(\"\"x\"\")\","
	    "'+1,'-x,'@x,'\tx,,x=1,-27.5\r\n");
	buf_free(&b);
}

void
test_hourstable(void)
{
	config_defaults(&cfg);
	test_amount();
	test_format();
	test_table();
	test_overflow();
	test_csv();
	config_free(&cfg);
}
