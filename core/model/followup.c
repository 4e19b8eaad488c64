/*
 * followup.c: the signals of SPEC section 3, one function per kind.
 *
 * Decisions where the SPEC is silent:
 * - reply-owed: any outbound entry after an inbound one (in the order
 *   of entries, SPEC section 2) answers it and every inbound one before.
 * - last contact is the latest entry with an arrow; since, then today,
 *   stand in for it only to date the follow-up.
 * - budget counts every entry of today's calendar month; at exactly 100%
 *   the level is "due", over it "overdue".
 * - report-due needs a start: the first report's month, else since's; a
 *   client tracking metrics with neither has nothing to be late with.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "followup.h"
#include "text.h"
#include "util.h"

static const struct kind_row {
	const char	*name;		/* in status.json and the feed */
	int		 once;		/* at most one per client */
} kinds[] = {
	[FU_REPLY_OWED]		= { "reply-owed", 0 },
	[FU_COMMITMENT]		= { "commitment", 0 },
	[FU_WAITING]		= { "waiting-on-client", 0 },
	[FU_FOLLOW_UP]		= { "follow-up", 1 },
	[FU_REPORT_DUE]		= { "report-due", 0 },
	[FU_BUDGET]		= { "budget", 1 },
	[FU_RENEWAL]		= { "renewal", 1 },
	[FU_ESCALATE]		= { "escalate", 1 },
	[FU_GOAL_REVIEW]	= { "goal-review", 0 },
};
_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == FU__KINDS,
    "one row per signal kind");

static const struct level_row {
	const char	*name;		/* "overdue" */
	const char	*label;		/* "Overdue" */
	const char	*colour;	/* on a terminal */
} levels[] = {
	[LEVEL_OK]		= { "ok", "OK", "\033[32m" },
	[LEVEL_UPCOMING]	= { "upcoming", "Upcoming", "\033[2m" },
	[LEVEL_DUE]		= { "due", "Due", "\033[33m" },
	[LEVEL_OVERDUE]		= { "overdue", "Overdue", "\033[31m" },
};
_Static_assert(sizeof(levels) / sizeof(levels[0]) == LEVEL__COUNT,
    "one row per level");

struct sigs {
	struct followup	*f;
	size_t		 cap;
	date_t		 today;
	struct duration	 due_soon;
};

const char *
signal_kind_name(enum signal_kind k)
{
	return kinds[k].name;
}

int
signal_kind_once(enum signal_kind k)
{
	return kinds[k].once;
}

const char *
level_name(enum level l)
{
	return levels[l].name;
}

const char *
level_label(enum level l)
{
	return levels[l].label;
}

const char *
level_colour(enum level l)
{
	return levels[l].colour;
}

enum level
level_of(date_t due, date_t today, struct duration window)
{
	if (due < today)
		return LEVEL_OVERDUE;
	if (due <= duration_add(today, window))
		return LEVEL_DUE;
	return LEVEL_UPCOMING;
}

static void
add(struct sigs *s, enum signal_kind kind, date_t due, enum level level,
    int line, char *text)
{
	struct followup *f = s->f;
	struct signal *g;

	xgrow(&f->signals, &s->cap, f->nsignals + 1, sizeof(*f->signals));
	g = &f->signals[f->nsignals++];
	g->kind = kind;
	g->due = due;
	g->level = level;
	g->line = line;
	g->text = text;
}

const struct entry *
followup_last_contact(const struct client *c)
{
	const struct entry *last = NULL;
	size_t i;

	for (i = 0; i < c->nentries; i++)
		if (c->entries[i].dir != ENTRY_NOTE &&
		    (last == NULL || entry_later(&c->entries[i], last)))
			last = &c->entries[i];
	return last;
}

/*
 * Every inbound entry after the last outbound one (in the order of
 * entries) is unanswered; the earliest sets the deadline, since its
 * reply was due first, and the text counts the rest.
 */
static void
reply_owed(struct sigs *s, const struct client *c)
{
	const struct entry *out = NULL, *first = NULL, *e;
	size_t i, n = 0;
	date_t due;
	char d[11], more[48] = "";

	for (i = 0; i < c->nentries; i++) {
		e = &c->entries[i];
		if (e->dir == ENTRY_OUT && (out == NULL || entry_later(e, out)))
			out = e;
	}
	for (i = 0; i < c->nentries; i++) {
		e = &c->entries[i];
		if (e->dir != ENTRY_IN || (out != NULL && !entry_later(e, out)))
			continue;
		n++;
		if (first == NULL || entry_later(first, e))
			first = e;
	}
	if (first == NULL)
		return;
	if (n > 1)
		snprintf(more, sizeof(more), " (and %zu later message%s)",
		    n - 1, n > 2 ? "s" : "");
	due = duration_add(first->date, c->reply_within);
	date_format(first->date, d);
	add(s, FU_REPLY_OWED, due, level_of(due, s->today, s->due_soon),
	    first->line, xasprintf("reply to the %s %s%s%s%s", d,
	    first->channel ? first->channel : "message",
	    *first->summary ? ": " : "", first->summary, more));
}

static void
commitments(struct sigs *s, const struct client *c)
{
	size_t i;

	for (i = 0; i < c->ncommitments; i++) {
		const struct commitment *m = &c->commitments[i];

		if (m->done || m->due == DATE_NONE)
			continue;
		add(s, m->theirs ? FU_WAITING : FU_COMMITMENT, m->due,
		    level_of(m->due, s->today, s->due_soon), m->line,
		    xasprintf("%s%s", m->theirs ? "waiting on the client: " :
		    "promised: ", m->text));
	}
}

static void
follow_up(struct sigs *s, const struct client *c, date_t last)
{
	struct followup *f = s->f;
	const char *who = c->contact.name, *since;
	char d[11], cad[8], plan[40];
	date_t due;

	date_format(last, d);
	if (c->next != DATE_NONE && c->next > last) {
		due = c->next;
		snprintf(plan, sizeof(plan), "as planned");
	} else {
		due = duration_add(last, c->cadence);
		duration_format(c->cadence, cad);
		snprintf(plan, sizeof(plan), "every %s", cad);
	}
	f->next_contact = due;
	since = f->last_contact != DATE_NONE ? "last contact" :
	    c->since == last ? "client since" : "no contact yet, as of";
	add(s, FU_FOLLOW_UP, due, level_of(due, s->today, s->due_soon), 0,
	    xasprintf("check in%s%s (%s, %s %s)", who ? " with " : "",
	    who ? who : "", plan, since, d));
}

static void
reports_due(struct sigs *s, const struct client *c, int report_day)
{
	month_t start = MONTH_NONE, end = month_of(s->today) - 1, mo;
	size_t i;
	char m[8];

	if (c->nmetrics == 0)
		return;
	for (i = 0; i < c->nreports; i++)
		if (start == MONTH_NONE || c->reports[i].month < start)
			start = c->reports[i].month;
	if (start == MONTH_NONE && c->since != DATE_NONE)
		start = month_of(c->since);
	if (start == MONTH_NONE)
		return;
	for (mo = start; mo <= end; mo++) {
		struct buf names = { 0 };
		date_t due;

		for (i = 0; i < c->nreports; i++)
			if (c->reports[i].month == mo)
				break;
		if (i < c->nreports)
			continue;
		for (i = 0; i < c->nmetrics; i++)
			buf_printf(&names, "%s%s", i ? ", " : "",
			    c->metrics[i]);
		due = month_day(mo + 1, report_day);
		month_format(mo, m);
		add(s, FU_REPORT_DUE, due, level_of(due, s->today,
		    s->due_soon), c->metrics_line, xasprintf("send the %s "
		    "report: %s", m, names.s));
		buf_free(&names);
	}
}

int64_t
followup_budget_percent(int64_t used, int64_t contract)
{
	if (used <= contract)
		return used * 100 / contract;
	return (used * 100 + contract - 1) / contract;
}

/* Exact: hundredths on both sides, compared without division. */
int
followup_budget_warns(int64_t used, int64_t contract, int warn)
{
	return contract > 0 && used * 100 >= (int64_t)warn * contract;
}

static void
budget(struct sigs *s, const struct client *c, int warn)
{
	int64_t used = s->f->hours_month, cap = c->contract_hours;
	char u[24], h[24];

	if (!followup_budget_warns(used, cap, warn))
		return;
	text_hours_format(used, u);
	text_hours_format(cap, h);
	add(s, FU_BUDGET, s->today, used > cap ? LEVEL_OVERDUE : LEVEL_DUE, 0,
	    xasprintf("%s of %s contract hours used this month (%lld%%)", u, h,
	    (long long)followup_budget_percent(used, cap)));
}

static void
renewal(struct sigs *s, const struct client *c, struct duration notice)
{
	char d[11];

	if (c->renews == DATE_NONE ||
	    c->renews > duration_add(s->today, notice))
		return;
	date_format(c->renews, d);
	add(s, FU_RENEWAL, c->renews, level_of(c->renews, s->today, notice),
	    0, c->renews < s->today ? xasprintf("contract renewal date %s "
	    "has passed: renew it and update renews", d) :
	    xasprintf("contract renews on %s", d));
}

static void
escalate(struct sigs *s, const struct client *c)
{
	const struct contact *e = &c->escalation;

	if (c->health != HEALTH_RED)
		return;
	if (e->name == NULL && e->email == NULL)
		add(s, FU_ESCALATE, s->today, LEVEL_OVERDUE, 0,
		    xstrdup("health is red: involve the decision maker (add "
		    "an [escalation] contact)"));
	else
		add(s, FU_ESCALATE, s->today, LEVEL_OVERDUE, e->line,
		    xasprintf("health is red: involve %s%s%s%s%s%s",
		    e->name ? e->name : e->email, e->role ? ", " : "",
		    e->role ? e->role : "", e->name && e->email ? " (" : "",
		    e->name && e->email ? e->email : "",
		    e->name && e->email ? ")" : ""));
}

static void
goal_reviews(struct sigs *s, const struct client *c)
{
	size_t i;
	char d[11];

	for (i = 0; i < c->ngoals; i++) {
		const struct goal *g = &c->goals[i];

		/* Prepared before its day, as a promise is (SPEC 3). */
		if (g->by == DATE_NONE || g->outcome != NULL)
			continue;
		date_format(g->by, d);
		add(s, FU_GOAL_REVIEW, g->by, level_of(g->by, s->today,
		    s->due_soon), g->line,
		    xasprintf("review goal '%s' (%s%sby %s): record its "
		    "outcome", g->name, g->target ? g->target : "",
		    g->target ? ", " : "", d));
	}
}

static int
signal_cmp(const void *a, const void *b)
{
	const struct signal *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

void
followup_compute(struct followup *f, const struct client *c,
    const struct config *cfg, date_t today)
{
	struct sigs s = { f, 0, today, cfg->due_soon };
	const struct entry *last;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->client = c;
	f->next_contact = DATE_NONE;
	last = followup_last_contact(c);
	f->last_contact = last ? last->date : DATE_NONE;
	measure_compute(&f->measure, c, today);
	f->hours_month = measure_hours(&f->measure, month_of(today));

	reply_owed(&s, c);
	commitments(&s, c);
	if (c->status == STATUS_ACTIVE || c->status == STATUS_LEAD) {
		follow_up(&s, c, last ? last->date : c->since != DATE_NONE ?
		    c->since : today);
		reports_due(&s, c, cfg->report_day);
		budget(&s, c, cfg->budget_warn);
		renewal(&s, c, cfg->renewal_notice);
		escalate(&s, c);
		goal_reviews(&s, c);
	}
	if (f->nsignals > 1)
		qsort(f->signals, f->nsignals, sizeof(*f->signals),
		    signal_cmp);
	f->state = LEVEL_OK;
	for (i = 0; i < f->nsignals; i++)
		if (f->signals[i].level > f->state)
			f->state = f->signals[i].level;
}

/* The earliest due date among the signals at the client's state. */
static date_t
first_due(const struct followup *f)
{
	size_t i;

	for (i = 0; i < f->nsignals; i++)
		if (f->signals[i].level == f->state)
			return f->signals[i].due;
	return DATE_NONE;
}

static int
followup_cmp(const void *a, const void *b)
{
	const struct followup *x = a, *y = b;
	date_t dx = first_due(x), dy = first_due(y);
	int c;

	if (x->state != y->state)
		return x->state > y->state ? -1 : 1;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	if ((c = strcasecmp(x->client->name ? x->client->name : "",
	    y->client->name ? y->client->name : "")) != 0)
		return c;
	return strcmp(x->client->slug, y->client->slug);
}

void
followup_sort(struct followup *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), followup_cmp);
}

void
followup_free(struct followup *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nsignals; i++)
		free(f->signals[i].text);
	free(f->signals);
	measure_free(&f->measure);
	memset(f, 0, sizeof(*f));
}

void
followup_when(char *buf, size_t sz, const struct signal *s, date_t today)
{
	char d[16];
	int late = today - s->due;

	date_human(s->due, today, d);
	if (late <= 0 && s->level == LEVEL_OVERDUE)
		snprintf(buf, sz, "now");
	else if (late == 0)
		snprintf(buf, sz, "due today");
	else if (late == -1)
		snprintf(buf, sz, "due tomorrow (%s)", d);
	else if (late < 0)
		snprintf(buf, sz, "due %s", d);
	else
		snprintf(buf, sz, "%d day%s late (%s)", late,
		    late == 1 ? "" : "s", d);
}

int
signal_order(const struct signal *x, const struct signal *y)
{
	if (x->level != y->level)
		return x->level > y->level ? -1 : 1;
	return date_order(x->due, y->due);
}
