/*
 * test_entry.c: the entry heading grammar,
 * DATE [HH:MM] [ARROW] [channel:] summary [(Nh)], part by part, and every
 * way it can be wrong.
 */
#include <string.h>

#include "client.h"
#include "unit.h"

static struct pool pool;

/* Parses s; returns 0 or -1 and fills e, *col and *why. */
static int
parse(const char *s, struct entry *e, size_t *col, const char **why)
{
	*col = 999;
	*why = NULL;
	return entry_parse_heading(s, strlen(s), e, &pool, col, why);
}

static void
test_full_form(void)
{
	struct entry e;
	const char *why;
	size_t col;
	char d[11];

	CHECK_INT(parse("2026-11-20 -> call: Walked Jo through the Q4 plan "
	    "(1.5h)", &e, &col, &why), 0);
	date_format(e.date, d);
	CHECK_STR(d, "2026-11-20");
	CHECK_INT(e.dir, ENTRY_OUT);
	CHECK_STR(e.channel, "call");
	CHECK_STR(e.summary, "Walked Jo through the Q4 plan");
	CHECK_INT(e.has_hours, 1);
	CHECK(e.hours == 150);
	CHECK_INT(e.minutes, -1);

	CHECK_INT(parse("2026-11-18 09:05 <- Email: October invoice question",
	    &e, &col, &why), 0);
	CHECK_INT(e.dir, ENTRY_IN);
	CHECK_INT(e.minutes, 9 * 60 + 5);
	CHECK_STR(e.channel, "email");		/* folded to lowercase */
	CHECK_STR(e.summary, "October invoice question");
	CHECK_INT(e.has_hours, 0);
}

static void
test_optional_parts(void)
{
	struct entry e;
	const char *why;
	size_t col;

	/* No arrow: an internal note. */
	CHECK_INT(parse("2026-11-01 Pricing review for renewal", &e, &col,
	    &why), 0);
	CHECK_INT(e.dir, ENTRY_NOTE);
	CHECK(e.channel == NULL);
	CHECK_STR(e.summary, "Pricing review for renewal");

	/* Date alone. */
	CHECK_INT(parse("2026-11-01", &e, &col, &why), 0);
	CHECK_STR(e.summary, "");

	/* A note with a channel and hours. */
	CHECK_INT(parse("2026-11-01 report: October numbers (2h)", &e, &col,
	    &why), 0);
	CHECK_INT(e.dir, ENTRY_NOTE);
	CHECK_STR(e.channel, "report");
	CHECK(e.hours == 200);

	/* Arrow and no channel; a colon later is part of the summary. */
	CHECK_INT(parse("2026-11-02 -> Sent the plan: v2", &e, &col, &why), 0);
	CHECK(e.channel == NULL);
	CHECK_STR(e.summary, "Sent the plan: v2");

	/* A time H:MM with one hour digit. */
	CHECK_INT(parse("2026-11-02 7:30 -> call: Early", &e, &col, &why), 0);
	CHECK_INT(e.minutes, 7 * 60 + 30);

	/* A dash after the date is a separator, not an arrow. */
	CHECK_INT(parse("2026-11-02 - quick note", &e, &col, &why), 0);
	CHECK_INT(e.dir, ENTRY_NOTE);
	CHECK_STR(e.summary, "- quick note");

	/* Parentheses that are not hours stay in the summary. */
	CHECK_INT(parse("2026-11-02 -> email: Budget (see notes)", &e, &col,
	    &why), 0);
	CHECK_STR(e.summary, "Budget (see notes)");
	CHECK_INT(e.has_hours, 0);
	CHECK_INT(parse("2026-11-02 -> call: Q4 (2026)", &e, &col, &why), 0);
	CHECK_STR(e.summary, "Q4 (2026)");

	/* Spaces around the hours are forgiven. */
	CHECK_INT(parse("2026-11-02 -> call: Plan ( 0.25 h )  ", &e, &col,
	    &why), 0);
	CHECK(e.hours == 25);
	CHECK_STR(e.summary, "Plan");
}

static void
test_errors(void)
{
	struct entry e;
	const char *why;
	size_t col;

	CHECK_INT(parse("2026-02-30 -> call: x", &e, &col, &why), -1);
	CHECK_INT(col, 0);
	CHECK_STR(why, "'2026-02-30' does not exist: February 2026 has 28 "
	    "days");
	CHECK_INT(parse("2026-11-5 -> call: x", &e, &col, &why), -1);
	CHECK_INT(col, 0);
	CHECK_INT(parse("2026-11-18: call", &e, &col, &why), -1);

	CHECK_INT(parse("2026-11-02 => email: x", &e, &col, &why), -1);
	CHECK_INT(col, 11);
	CHECK(strstr(why, "malformed arrow") != NULL);
	CHECK_INT(parse("2026-11-02 <-- email: x", &e, &col, &why), -1);
	CHECK_INT(parse("2026-11-02 --> email: x", &e, &col, &why), -1);
	CHECK_INT(parse("2026-11-02 < email: x", &e, &col, &why), -1);
	CHECK_INT(parse("2026-11-02 \xe2\x86\x92 email: x", &e, &col, &why),
	    -1);
	CHECK_INT(col, 11);
	CHECK_INT(parse("2026-11-02 <-email: x", &e, &col, &why), -1);
	CHECK_INT(col, 13);
	CHECK_STR(why, "put a space after the arrow");

	CHECK_INT(parse("2026-11-02 25:00 -> call: x", &e, &col, &why), -1);
	CHECK_INT(col, 11);
	CHECK_INT(parse("2026-11-02 12:60 -> call: x", &e, &col, &why), -1);

	CHECK_INT(parse("2026-11-02 -> call: x (1,5h)", &e, &col, &why), -1);
	CHECK_INT(col, 22);
	CHECK_INT(parse("2026-11-02 -> call: x (90m)", &e, &col, &why), -1);
	CHECK_INT(parse("2026-11-02 -> call: x (2 hours)", &e, &col, &why),
	    -1);
	CHECK_INT(parse("2026-11-02 -> call: x (1.2.3h)", &e, &col, &why),
	    -1);
	/* Hundredths are the grain: a third decimal is an error, not
	 * rounded away. */
	CHECK_INT(parse("2026-11-02 -> call: x (1.255h)", &e, &col, &why),
	    -1);
	CHECK_INT(col, 22);
	CHECK(strstr(why, "at most two decimals") != NULL);
	CHECK_INT(parse("2026-11-02 -> call: x (1.25h)", &e, &col, &why), 0);
	CHECK(e.hours == 125);
}

static void
test_is_dated(void)
{
	CHECK(entry_heading_is_dated("2026-11-02 x", 12));
	CHECK(entry_heading_is_dated("2026-1", 6));
	CHECK(!entry_heading_is_dated("2026 roadmap", 12));
	CHECK(!entry_heading_is_dated("Notes", 5));
	CHECK(!entry_heading_is_dated("2026-", 5));
}

static void
test_later(void)
{
	struct entry a = { 0 }, b = { 0 };

	/* at is what orders: the parser fills it (see test_client.c). */
	a.date = b.date = 100;
	a.at = 9 * 60;
	b.at = 16 * 60;
	a.line = 20;
	b.line = 10;
	/* On one day, the time decides... */
	CHECK(entry_later(&b, &a));
	CHECK(!entry_later(&a, &b));
	/* ... then the place in the file. */
	b.at = a.at;
	CHECK(entry_later(&a, &b));
	CHECK(!entry_later(&b, &a));
	/* An entry is never after itself. */
	CHECK(!entry_later(&a, &a));
	/* A later date wins over everything. */
	b.date = 101;
	CHECK(entry_later(&b, &a));
	CHECK(!entry_later(&a, &b));
}

/* What log and import-mail write, and that it reads back as itself. */
static void
test_format(void)
{
	struct entry_spec full = { date_from_ymd(2026, 11, 20), 9 * 60 + 5,
	    ENTRY_OUT, "call", "Walked Jo through the plan", 150 };
	struct entry_spec note = { date_from_ymd(2026, 1, 2), 0, ENTRY_NOTE,
	    NULL, "Pricing review", 0 };
	struct entry e;
	struct buf b = { 0 };
	const char *why;
	size_t col;

	entry_format(&full, &b);
	CHECK_STR(b.s, "2026-11-20 09:05 -> call: Walked Jo through the plan "
	    "(1.5h)");
	CHECK_INT(parse(b.s, &e, &col, &why), 0);
	CHECK(entry_is(&e, &full));
	full.hours = 25;
	CHECK(!entry_is(&e, &full));		/* other hours */
	buf_reset(&b);
	entry_format(&full, &b);
	CHECK_STR(b.s, "2026-11-20 09:05 -> call: Walked Jo through the plan "
	    "(0.25h)");
	buf_reset(&b);
	entry_format(&note, &b);
	CHECK_STR(b.s, "2026-01-02 00:00 Pricing review");
	CHECK_INT(parse(b.s, &e, &col, &why), 0);
	CHECK(entry_is(&e, &note));
	/* Each part counts: another entry is not the one asked for. */
	CHECK(!entry_is(&e, &full));
	note.channel = "call";
	CHECK(!entry_is(&e, &note));
	note.channel = NULL;
	note.hours = 25;
	CHECK(!entry_is(&e, &note));
	note.hours = 0;
	note.minutes = 1;
	CHECK(!entry_is(&e, &note));
	note.minutes = 0;
	note.dir = ENTRY_IN;
	CHECK(!entry_is(&e, &note));
	note.dir = ENTRY_NOTE;
	note.summary = "Pricing";
	CHECK(!entry_is(&e, &note));
	buf_free(&b);
}

/* appended: text, then entry_append of heading (and comment). */
static void
appended(const char *text, const char *comment, const char *want)
{
	struct buf b = { 0 };

	buf_puts(&b, text);
	entry_append(&b, "H", comment);
	CHECK_STR(b.s, want);
	buf_free(&b);
}

static void
test_append(void)
{
	appended("", NULL, "## H\n");
	appended("x", NULL, "x\n\n## H\n");
	appended("x\n", NULL, "x\n\n## H\n");
	appended("x\n\n", NULL, "x\n\n## H\n");
	appended("x\n\n\n", NULL, "x\n\n\n## H\n");
	/* The file's own line ends, taken from its first line. */
	appended("a\r\nb", "<!-- m -->", "a\r\nb\r\n\r\n## H\r\n<!-- m -->\r\n");
	appended("a\r\n\r\n", NULL, "a\r\n\r\n## H\r\n");
	appended("a\nb\r\n", NULL, "a\nb\r\n\n## H\n");
	appended("", "<!-- m -->", "## H\n<!-- m -->\n");
}

void
test_entry(void)
{
	test_full_form();
	test_optional_parts();
	test_errors();
	test_is_dated();
	test_later();
	test_format();
	test_append();
	pool_free(&pool);
}
