/*
 * test_followup.c: every rule of SPEC section 3 at its edges: business
 * days over weekends, month and year ends, 29 February, next before and
 * after the last contact, inbound and outbound on one day both ways,
 * several unanswered messages, hours from the
 * current month only, the renewal window, paused and former clients,
 * goals with and without an outcome, reports from the first report month
 * on, and a client with no entries.
 */
#include <stdlib.h>
#include <string.h>

#include "followup.h"
#include "unit.h"

static struct config cfg;

#define D(iso) unit_date(iso)

/* Parses a client from fm and body and computes its signals for today. */
static void
run(const char *fm, const char *body, const char *today, struct client *c,
    struct followup *f)
{
	unit_client(&cfg, "acme", "Acme", fm, body, today, c, f);
}

/* The first signal of a kind, or NULL. */
static const struct signal *
find(const struct followup *f, enum signal_kind k)
{
	size_t i;

	for (i = 0; i < f->nsignals; i++)
		if (f->signals[i].kind == k)
			return &f->signals[i];
	return NULL;
}

static size_t
count(const struct followup *f, enum signal_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < f->nsignals; i++)
		n += f->signals[i].kind == k;
	return n;
}

static void
done(struct client *c, struct followup *f)
{
	followup_free(f);
	client_free(c);
}

#define CHECK_SIG(f, kind, want_due, want_level) do {			\
	const struct signal *s_ = find((f), (kind));			\
	CHECK(s_ != NULL);						\
	if (s_ != NULL) {						\
		CHECK_INT(s_->due, D(want_due));			\
		CHECK_INT(s_->level, (want_level));			\
	}								\
} while (0)

static void
test_levels(void)
{
	struct duration soon = { 3, DUR_DAYS }, bsoon = { 2, DUR_BUSINESS };

	CHECK_INT(level_of(D("2026-11-22"), D("2026-11-23"), soon),
	    LEVEL_OVERDUE);
	CHECK_INT(level_of(D("2026-11-23"), D("2026-11-23"), soon), LEVEL_DUE);
	CHECK_INT(level_of(D("2026-11-26"), D("2026-11-23"), soon), LEVEL_DUE);
	CHECK_INT(level_of(D("2026-11-27"), D("2026-11-23"), soon),
	    LEVEL_UPCOMING);
	/* due_soon in business days reaches over a weekend. */
	CHECK_INT(level_of(D("2026-11-30"), D("2026-11-27"), bsoon),
	    LEVEL_DUE);
	CHECK_INT(level_of(D("2026-12-02"), D("2026-11-27"), bsoon),
	    LEVEL_UPCOMING);
	CHECK_STR(level_name(LEVEL_OVERDUE), "overdue");
	CHECK_STR(signal_kind_name(FU_WAITING), "waiting-on-client");
}

static void
test_reply_owed(void)
{
	struct client c;
	struct followup f;

	/* Friday inbound, 1bd: due Monday. */
	run("", "## 2026-11-20 <- email: Invoice question\n", "2026-11-23",
	    &c, &f);
	CHECK_SIG(&f, FU_REPLY_OWED, "2026-11-23", LEVEL_DUE);
	CHECK_STR(find(&f, FU_REPLY_OWED)->text,
	    "reply to the 2026-11-20 email: Invoice question");
	done(&c, &f);
	/* Saturday inbound: due Monday; then overdue on Tuesday. */
	run("", "## 2026-11-21 <- chat: Weekend ping\n", "2026-11-24", &c, &f);
	CHECK_SIG(&f, FU_REPLY_OWED, "2026-11-23", LEVEL_OVERDUE);
	done(&c, &f);
	/* Over a year end: Thursday 31 Dec + 2bd = Monday 4 Jan. */
	run("reply_within = 2bd\n", "## 2026-12-31 <- email: Happy new year\n",
	    "2026-12-31", &c, &f);
	CHECK_SIG(&f, FU_REPLY_OWED, "2027-01-04", LEVEL_UPCOMING);
	done(&c, &f);
	/*
	 * Same-day pairs, untimed: the place in the file decides (the
	 * issue's new user: quote sent, then "too high" the same day).
	 */
	run("", "## 2026-11-20 -> email: Sent the quote\n"
	    "## 2026-11-20 <- email: Too high, wants a call\n", "2026-11-23",
	    &c, &f);
	CHECK_SIG(&f, FU_REPLY_OWED, "2026-11-23", LEVEL_DUE);
	CHECK_STR(find(&f, FU_REPLY_OWED)->text,
	    "reply to the 2026-11-20 email: Too high, wants a call");
	done(&c, &f);
	run("", "## 2026-11-20 <- email: Question\n"
	    "## 2026-11-20 -> call: Called back\n", "2026-11-23", &c, &f);
	CHECK(find(&f, FU_REPLY_OWED) == NULL);
	done(&c, &f);
	/* Same-day pairs, timed: the time decides, whatever the file says. */
	run("", "## 2026-11-20 16:30 <- email: Afternoon question\n"
	    "## 2026-11-20 09:00 -> call: Morning call\n", "2026-11-23",
	    &c, &f);
	CHECK_SIG(&f, FU_REPLY_OWED, "2026-11-23", LEVEL_DUE);
	done(&c, &f);
	run("", "## 2026-11-20 17:00 -> call: Answered\n"
	    "## 2026-11-20 16:30 <- email: Afternoon question\n", "2026-11-23",
	    &c, &f);
	CHECK(find(&f, FU_REPLY_OWED) == NULL);
	done(&c, &f);
	/* An untimed reply below a timed message takes its time: answered. */
	run("", "## 2026-11-20 16:30 <- email: Question\n"
	    "## 2026-11-20 -> email: Answer\n", "2026-11-23", &c, &f);
	CHECK(find(&f, FU_REPLY_OWED) == NULL);
	done(&c, &f);
	/*
	 * Several unanswered: the earliest sets the deadline (Monday's was
	 * due Tuesday, not Thursday) and the text counts the rest; an
	 * earlier answered message does not count.
	 */
	run("", "## 2026-11-19 <- email: Wednesday\n"
	    "## 2026-11-10 <- email: Old\n"
	    "## 2026-11-12 -> email: Answered old\n"
	    "## 2026-11-16 <- email: Monday\n", "2026-11-20", &c, &f);
	CHECK_SIG(&f, FU_REPLY_OWED, "2026-11-17", LEVEL_OVERDUE);
	CHECK_STR(find(&f, FU_REPLY_OWED)->text,
	    "reply to the 2026-11-16 email: Monday (and 1 later message)");
	CHECK_INT(find(&f, FU_REPLY_OWED)->line, 7);
	CHECK_INT(count(&f, FU_REPLY_OWED), 1);
	done(&c, &f);
	run("", "## 2026-11-16 <- email: One\n## 2026-11-17 <- call: Two\n"
	    "## 2026-11-18 <- chat: Three\n", "2026-11-20", &c, &f);
	CHECK_STR(find(&f, FU_REPLY_OWED)->text,
	    "reply to the 2026-11-16 email: One (and 2 later messages)");
	done(&c, &f);
	/* One reply after all of them answers all of them. */
	run("", "## 2026-11-16 <- email: One\n## 2026-11-17 <- call: Two\n"
	    "## 2026-11-18 -> email: All answered\n", "2026-11-20", &c, &f);
	CHECK(find(&f, FU_REPLY_OWED) == NULL);
	done(&c, &f);
	/* A note is not a reply. */
	run("", "## 2026-11-19 <- email: Q\n## 2026-11-20 Internal note\n",
	    "2026-11-23", &c, &f);
	CHECK(find(&f, FU_REPLY_OWED) != NULL);
	done(&c, &f);
}

static void
test_commitments(void)
{
	struct client c;
	struct followup f;

	run("", "- [ ] Ours due:2026-11-20\n- [ ] @client Theirs "
	    "due:2026-11-26\n- [x] Done due:2026-11-01\n- [ ] Far due:2027-01-"
	    "01\n", "2026-11-23", &c, &f);
	CHECK_INT(count(&f, FU_COMMITMENT), 2);
	CHECK_SIG(&f, FU_COMMITMENT, "2026-11-20", LEVEL_OVERDUE);
	CHECK_STR(find(&f, FU_COMMITMENT)->text, "promised: Ours");
	CHECK_SIG(&f, FU_WAITING, "2026-11-26", LEVEL_DUE);
	CHECK_STR(find(&f, FU_WAITING)->text, "waiting on the client: "
	    "Theirs");
	CHECK_INT(f.signals[f.nsignals - 1].level, LEVEL_UPCOMING);
	CHECK_INT(f.state, LEVEL_OVERDUE);
	done(&c, &f);
	/* Without a date there is nothing to follow (check warns). */
	run("", "- [ ] Someday\n", "2026-11-23", &c, &f);
	CHECK_INT(count(&f, FU_COMMITMENT), 0);
	done(&c, &f);
}

static void
test_follow_up(void)
{
	struct client c;
	struct followup f;

	/* Last contact + cadence; a note does not count as contact. */
	run("", "## 2026-11-10 -> call: Check-in\n## 2026-11-20 Note\n",
	    "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_FOLLOW_UP, "2026-11-24", LEVEL_DUE);
	CHECK_INT(f.last_contact, D("2026-11-10"));
	CHECK_INT(f.next_contact, D("2026-11-24"));
	done(&c, &f);
	/* next after the last contact wins... */
	run("next = 2026-12-20\n", "## 2026-11-10 -> call: x\n", "2026-11-23",
	    &c, &f);
	CHECK_SIG(&f, FU_FOLLOW_UP, "2026-12-20", LEVEL_UPCOMING);
	done(&c, &f);
	/* ... but a next before it is stale: cadence again. */
	run("next = 2026-11-05\n", "## 2026-11-10 -> call: x\n", "2026-11-23",
	    &c, &f);
	CHECK_SIG(&f, FU_FOLLOW_UP, "2026-11-24", LEVEL_DUE);
	done(&c, &f);
	/* next on the day of the last contact is not after it. */
	run("next = 2026-11-10\ncadence = 1w\n", "## 2026-11-10 <- call: x\n"
	    "## 2026-11-10 -> call: y\n", "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_FOLLOW_UP, "2026-11-17", LEVEL_OVERDUE);
	done(&c, &f);
	/* No entries: since stands in; without since, today. */
	run("since = 2026-11-01\ncadence = 30d\n", "", "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_FOLLOW_UP, "2026-12-01", LEVEL_UPCOMING);
	CHECK_INT(f.last_contact, DATE_NONE);
	done(&c, &f);
	run("", "", "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_FOLLOW_UP, "2026-12-07", LEVEL_UPCOMING);
	CHECK_INT(f.nsignals, 1);
	CHECK_INT(f.state, LEVEL_UPCOMING);
	done(&c, &f);
	/* A lead is followed up too; business-day cadence over a weekend. */
	run("status = lead\ncadence = 3bd\n", "## 2026-11-19 -> email: x\n",
	    "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_FOLLOW_UP, "2026-11-24", LEVEL_DUE);
	done(&c, &f);
	/* 29 February: a leap-day contact plus 1w. */
	run("cadence = 1w\n", "## 2028-02-29 -> call: Leap day\n", "2028-03-01",
	    &c, &f);
	CHECK_SIG(&f, FU_FOLLOW_UP, "2028-03-07", LEVEL_UPCOMING);
	done(&c, &f);
}

static void
test_paused_former(void)
{
	static const char body[] =
	    "## 2026-11-20 <- email: Still there?\n"
	    "- [ ] Ours due:2026-11-01\n- [ ] @client Theirs due:2026-11-02\n";
	static const char fm[] =
	    "health = red\n[contract]\nhours = 1\nrenews = 2026-11-30\n"
	    "[metrics]\ntrack = a\n[report 2026-01]\na = 1\n"
	    "[goal g]\nby = 2026-01-01\nconfidence = 5\n";
	static const char *const st[] = { "paused", "former" };
	struct client c;
	struct followup f;
	size_t i;
	char *text;

	for (i = 0; i < 2; i++) {
		text = xasprintf("status = %s\n%s", st[i], fm);
		run(text, body, "2026-11-23", &c, &f);
		CHECK_INT(f.nsignals, 3);
		CHECK(find(&f, FU_REPLY_OWED) != NULL);
		CHECK(find(&f, FU_COMMITMENT) != NULL);
		CHECK(find(&f, FU_WAITING) != NULL);
		CHECK_INT(f.next_contact, DATE_NONE);
		done(&c, &f);
		free(text);
	}
	/* The same file, active: every other kind appears. */
	text = xasprintf("status = active\n%s", fm);
	run(text, body, "2026-11-23", &c, &f);
	CHECK(find(&f, FU_FOLLOW_UP) != NULL);
	CHECK(find(&f, FU_REPORT_DUE) != NULL);
	CHECK(find(&f, FU_RENEWAL) != NULL);
	CHECK(find(&f, FU_ESCALATE) != NULL);
	CHECK(find(&f, FU_GOAL_REVIEW) != NULL);
	done(&c, &f);
	free(text);
	/* A former client with nothing open is ok. */
	run("status = former\n", "- [x] All done\n", "2026-11-23", &c, &f);
	CHECK_INT(f.nsignals, 0);
	CHECK_INT(f.state, LEVEL_OK);
	done(&c, &f);
}

static void
test_reports(void)
{
	struct client c;
	struct followup f;
	static const char track[] = "[metrics]\ntrack = a, b\n";
	char *fm;

	/* From the first report's month on, up to last month. */
	fm = xasprintf("%s[report 2026-08]\na = 1\nb = 2\n[report 2026-10]\n"
	    "a = 1\nb = 2\n", track);
	run(fm, "", "2026-11-23", &c, &f);
	CHECK_INT(count(&f, FU_REPORT_DUE), 1);
	CHECK_SIG(&f, FU_REPORT_DUE, "2026-10-05", LEVEL_OVERDUE);
	CHECK_STR(find(&f, FU_REPORT_DUE)->text, "send the 2026-09 report: "
	    "a, b");
	done(&c, &f);
	free(fm);
	/* Last month's report is due on report_day: due, then overdue. */
	fm = xasprintf("%s[report 2026-09]\na = 1\nb = 2\n", track);
	run(fm, "", "2026-11-03", &c, &f);
	CHECK_SIG(&f, FU_REPORT_DUE, "2026-11-05", LEVEL_DUE);
	done(&c, &f);
	run(fm, "", "2026-11-06", &c, &f);
	CHECK_SIG(&f, FU_REPORT_DUE, "2026-11-05", LEVEL_OVERDUE);
	done(&c, &f);
	free(fm);
	/* No report: from since's month; across a year end. */
	fm = xasprintf("since = 2026-11-15\n%s", track);
	run(fm, "", "2027-01-10", &c, &f);
	CHECK_INT(count(&f, FU_REPORT_DUE), 2);
	CHECK_SIG(&f, FU_REPORT_DUE, "2026-12-05", LEVEL_OVERDUE);
	CHECK_STR(find(&f, FU_REPORT_DUE)->text, "send the 2026-11 report: "
	    "a, b");
	done(&c, &f);
	free(fm);
	/* Neither report nor since: nothing to be late with. */
	run(track, "", "2027-01-10", &c, &f);
	CHECK_INT(count(&f, FU_REPORT_DUE), 0);
	done(&c, &f);
	/* No metrics tracked: no reports due. */
	run("since = 2025-01-01\n", "", "2026-11-23", &c, &f);
	CHECK_INT(count(&f, FU_REPORT_DUE), 0);
	done(&c, &f);
	/* report_day past the end of February is its last day. */
	cfg.report_day = 31;
	fm = xasprintf("since = 2027-01-20\n%s", track);
	run(fm, "", "2027-02-10", &c, &f);
	CHECK_SIG(&f, FU_REPORT_DUE, "2027-02-28", LEVEL_UPCOMING);
	done(&c, &f);
	free(fm);
	cfg.report_day = 5;
}

static void
test_budget(void)
{
	struct client c;
	struct followup f;
	static const char fm[] = "[contract]\nhours = 10\n";

	/* Only this calendar month's hours count. */
	run(fm, "## 2026-10-30 -> call: x (20h)\n## 2026-11-02 -> call: x (5h)\n"
	    "## 2026-11-20 Note (2.9h)\n", "2026-11-23", &c, &f);
	CHECK(f.hours_month == 790);
	CHECK(find(&f, FU_BUDGET) == NULL);
	done(&c, &f);
	/* 80%: due, today. */
	run(fm, "## 2026-11-02 -> call: x (8h)\n", "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_BUDGET, "2026-11-23", LEVEL_DUE);
	CHECK_STR(find(&f, FU_BUDGET)->text, "8 of 10 contract hours used "
	    "this month (80%)");
	done(&c, &f);
	/* Exactly 100% is still due; over is overdue. */
	run(fm, "## 2026-11-02 -> call: x (10h)\n", "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_BUDGET, "2026-11-23", LEVEL_DUE);
	done(&c, &f);
	run(fm, "## 2026-11-02 -> call: x (10.5h)\n", "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_BUDGET, "2026-11-23", LEVEL_OVERDUE);
	done(&c, &f);
	/* Hours add up exactly: 0.2 + 2.2 + 0.6 is the contract, as
	 * 1.0 x 3 is; both are due, at 100%, not overdue. */
	run("[contract]\nhours = 3\n", "## 2026-11-02 -> call: a (0.2h)\n"
	    "## 2026-11-03 -> call: b (2.2h)\n## 2026-11-04 -> call: c (0.6h)\n",
	    "2026-11-23", &c, &f);
	CHECK(f.hours_month == 300);
	CHECK_SIG(&f, FU_BUDGET, "2026-11-23", LEVEL_DUE);
	CHECK_STR(find(&f, FU_BUDGET)->text, "3 of 3 contract hours used "
	    "this month (100%)");
	done(&c, &f);
	run("[contract]\nhours = 3\n", "## 2026-11-02 -> call: a (1.0h)\n"
	    "## 2026-11-03 -> call: b (1h)\n## 2026-11-04 -> call: c (1.00h)\n",
	    "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_BUDGET, "2026-11-23", LEVEL_DUE);
	done(&c, &f);
	/* A hundredth over is overdue and reads 101%, never 100%. */
	run("[contract]\nhours = 3\n", "## 2026-11-02 -> call: a (3.01h)\n",
	    "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_BUDGET, "2026-11-23", LEVEL_OVERDUE);
	CHECK_STR(find(&f, FU_BUDGET)->text, "3.01 of 3 contract hours used "
	    "this month (101%)");
	done(&c, &f);
	/* On the first of the month the slate is clean. */
	run(fm, "## 2026-11-02 -> call: x (10.5h)\n", "2026-12-01", &c, &f);
	CHECK(find(&f, FU_BUDGET) == NULL);
	done(&c, &f);
	/* No contract hours: no budget. */
	run("", "## 2026-11-02 -> call: x (100h)\n", "2026-11-23", &c, &f);
	CHECK(find(&f, FU_BUDGET) == NULL);
	done(&c, &f);
}

static void
test_budget_percent(void)
{
	CHECK(followup_budget_percent(0, 300) == 0);
	CHECK(followup_budget_percent(299, 300) == 99);
	CHECK(followup_budget_percent(300, 300) == 100);
	CHECK(followup_budget_percent(301, 300) == 101);
	CHECK(followup_budget_percent(240, 300) == 80);
	CHECK(followup_budget_percent(239, 300) == 79);
	CHECK(followup_budget_percent(600, 300) == 200);
	CHECK(followup_budget_percent(601, 300) == 201);
}

static void
test_renewal(void)
{
	struct client c;
	struct followup f;

	/* 30 days away: shows, due. 31 days away: not yet. */
	run("[contract]\nrenews = 2026-12-23\n", "", "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_RENEWAL, "2026-12-23", LEVEL_DUE);
	done(&c, &f);
	run("[contract]\nrenews = 2026-12-24\n", "", "2026-11-23", &c, &f);
	CHECK(find(&f, FU_RENEWAL) == NULL);
	done(&c, &f);
	/* Passed: overdue until renews is updated. */
	run("[contract]\nrenews = 2026-11-01\n", "", "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_RENEWAL, "2026-11-01", LEVEL_OVERDUE);
	CHECK(strstr(find(&f, FU_RENEWAL)->text, "has passed") != NULL);
	done(&c, &f);
}

static void
test_escalate_and_goals(void)
{
	struct client c;
	struct followup f;

	run("health = red\n[escalation]\nname = Sam Ortiz\nrole = President\n"
	    "email = sam@acme.example\n", "", "2026-11-23", &c, &f);
	CHECK_SIG(&f, FU_ESCALATE, "2026-11-23", LEVEL_OVERDUE);
	CHECK_STR(find(&f, FU_ESCALATE)->text, "health is red: involve Sam "
	    "Ortiz, President (sam@acme.example)");
	done(&c, &f);
	run("health = red\n", "", "2026-11-23", &c, &f);
	CHECK(strstr(find(&f, FU_ESCALATE)->text, "add an [escalation]") !=
	    NULL);
	done(&c, &f);
	run("health = amber\n", "", "2026-11-23", &c, &f);
	CHECK(find(&f, FU_ESCALATE) == NULL);
	done(&c, &f);

	/*
	 * A goal without an outcome is reviewed as a promise is kept:
	 * upcoming, due within due_soon (3 days) of its by, overdue after.
	 */
	run("[goal g]\ntarget = +30%\nby = 2026-11-22\nconfidence = 50\n"
	    "[goal i]\nby = 2026-01-01\nconfidence = 50\noutcome = reached\n",
	    "", "2026-11-23", &c, &f);
	CHECK_INT(count(&f, FU_GOAL_REVIEW), 1);
	CHECK_SIG(&f, FU_GOAL_REVIEW, "2026-11-22", LEVEL_OVERDUE);
	CHECK_STR(find(&f, FU_GOAL_REVIEW)->text, "review goal 'g' (+30%, by "
	    "2026-11-22): record its outcome");
	done(&c, &f);
	run("[goal h]\nby = 2026-11-23\nconfidence = 50\n", "", "2026-11-23",
	    &c, &f);
	CHECK_SIG(&f, FU_GOAL_REVIEW, "2026-11-23", LEVEL_DUE);
	done(&c, &f);
	run("[goal h]\nby = 2026-11-26\nconfidence = 50\n", "", "2026-11-23",
	    &c, &f);
	CHECK_SIG(&f, FU_GOAL_REVIEW, "2026-11-26", LEVEL_DUE);
	done(&c, &f);
	run("[goal h]\nby = 2026-11-27\nconfidence = 50\n", "", "2026-11-23",
	    &c, &f);
	CHECK_SIG(&f, FU_GOAL_REVIEW, "2026-11-27", LEVEL_UPCOMING);
	done(&c, &f);
}

static void
test_sorting(void)
{
	static char zed[] = "Zed", able[] = "Able";
	struct client c[4];
	struct followup f[4];

	run("", "- [ ] x due:2026-11-20\n", "2026-11-23", &c[0], &f[0]);
	run("", "- [ ] x due:2026-11-10\n", "2026-11-23", &c[1], &f[1]);
	run("status = former\n", "", "2026-11-23", &c[2], &f[2]);
	run("", "- [ ] x due:2026-11-24\n- [ ] y due:2026-11-01\n",
	    "2026-11-23", &c[3], &f[3]);
	c[1].name = zed;
	c[3].name = able;
	followup_sort(f, 4);
	/* Overdue first, earliest overdue date first; ok last. */
	CHECK(f[0].client == &c[3]);
	CHECK(f[1].client == &c[1]);
	CHECK(f[2].client == &c[0]);
	CHECK(f[3].client == &c[2]);
	CHECK_INT(f[3].state, LEVEL_OK);
	done(&c[0], &f[0]);
	done(&c[1], &f[1]);
	done(&c[2], &f[2]);
	done(&c[3], &f[3]);
}

void
test_followup(void)
{
	config_defaults(&cfg);
	test_levels();
	test_reply_owed();
	test_commitments();
	test_follow_up();
	test_paused_former();
	test_reports();
	test_budget();
	test_budget_percent();
	test_renewal();
	test_escalate_and_goals();
	test_sorting();
}
