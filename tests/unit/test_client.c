/*
 * test_client.c: client files into the model.  The SPEC's own example is
 * read field by field; then every validation rule is triggered alone and
 * must be reported at its line, and the Markdown structure must decide
 * what is an entry and what is a commitment.  It stays one file past 600
 * lines: one case per rule of one parser, read side by side.
 */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "unit.h"

#define TODAY "2026-11-23"

static const char spec_example[] =
    "---\n"
    "name = Acme Widgets Ltd\n"
    "status = active            ; lead | active | paused | former\n"
    "owner = dana\n"
    "health = green             ; green | amber | red\n"
    "cadence = 14d              ; overrides the workspace default\n"
    "next = 2026-12-02          ; optional explicit next check-in\n"
    "since = 2024-03-01         ; start of the relationship\n"
    "tags = retainer, seo\n"
    "\n"
    "[contact]\n"
    "name = Jo Rivera\n"
    "role = Marketing Director\n"
    "email = jo@acme.example\n"
    "phone = +1 555 0100\n"
    "\n"
    "[escalation]               ; the decision maker\n"
    "name = Sam Ortiz\n"
    "role = President\n"
    "email = sam@acme.example\n"
    "\n"
    "[contract]\n"
    "hours = 40                 ; contracted hours per calendar month\n"
    "renews = 2027-03-01\n"
    "\n"
    "[metrics]\n"
    "track = sessions, leads, cpl\n"
    "\n"
    "[report 2026-10]\n"
    "sessions = 12400\n"
    "leads = 310\n"
    "cpl = 41.20\n"
    "\n"
    "[goal traffic]\n"
    "target = +30% organic sessions\n"
    "by = 2027-06-30\n"
    "confidence = 50            ; percent, stated honestly\n"
    "---\n"
    "\n"
    "Free Markdown notes about the client.\n"
    "\n"
    "## 2026-11-18 <- email: October invoice question\n"
    "Jo asked about the over-service line on the October invoice.\n"
    "\n"
    "## 2026-11-20 -> call: Walked Jo through the Q4 plan (1.5h)\n"
    "- [ ] Send the revised timeline due:2026-11-25\n"
    "- [ ] @client Send brand assets due:2026-11-22\n"
    "- [x] Share the October report\n";

static struct config cfg;

/* Parses text as clients/<slug>.md; the caller frees c and d. */
static int
parse(const char *text, struct client *c, struct diags *d)
{
	struct source src;
	date_t today;
	int rc;

	date_parse(TODAY, 10, &today);
	source_from_mem(&src, "clients/t.md", text, strlen(text), d);
	rc = client_parse(c, &src, "t", &cfg, today, CLIENT_HTML, d);
	source_free(&src);
	return rc;
}

#define D(iso) unit_date(iso)

static void
test_spec_example(void)
{
	struct client c;
	struct diags d = { 0 };

	CHECK_INT(parse(spec_example, &c, &d), 0);
	CHECK_INT(d.n, 0);
	unit_dump(&d);
	CHECK_STR(c.name, "Acme Widgets Ltd");
	CHECK_INT(c.status, STATUS_ACTIVE);
	CHECK_STR(c.owner, "dana");
	CHECK_INT(c.health, HEALTH_GREEN);
	CHECK_INT(c.cadence.n, 14);
	CHECK_INT(c.cadence.unit, DUR_DAYS);
	CHECK_INT(c.next, D("2026-12-02"));
	CHECK_INT(c.since, D("2024-03-01"));
	CHECK_INT(c.ntags, 2);
	CHECK_STR(c.tags[1], "seo");
	CHECK_STR(c.contact.name, "Jo Rivera");
	CHECK_STR(c.contact.role, "Marketing Director");
	CHECK_STR(c.contact.email, "jo@acme.example");
	CHECK_STR(c.contact.phone, "+1 555 0100");
	CHECK_STR(c.escalation.name, "Sam Ortiz");
	CHECK(c.contract_hours == 4000);
	CHECK(c.rate < 0);
	CHECK_INT(c.renews, D("2027-03-01"));
	CHECK_INT(c.nmetrics, 3);
	CHECK_STR(c.metrics[2], "cpl");
	CHECK_INT(c.nreports, 1);
	CHECK_INT(c.reports[0].month, 2026 * 12 + 9);
	CHECK_INT(c.reports[0].n, 3);
	CHECK(c.reports[0].values[2] == 41.20);
	CHECK_INT(c.ngoals, 1);
	CHECK_STR(c.goals[0].name, "traffic");
	CHECK_STR(c.goals[0].target, "+30% organic sessions");
	CHECK_INT(c.goals[0].by, D("2027-06-30"));
	CHECK_INT(c.goals[0].confidence, 50);
	CHECK(c.goals[0].outcome == NULL);
	CHECK_INT(c.body_line, 39);

	CHECK_INT(c.nentries, 2);
	CHECK_INT(c.entries[0].dir, ENTRY_IN);
	CHECK_INT(c.entries[0].line, 42);
	CHECK_INT(c.entries[0].end_line, 44);
	CHECK_STR(c.entries[0].summary, "October invoice question");
	CHECK_INT(c.entries[1].dir, ENTRY_OUT);
	CHECK(c.entries[1].hours == 150);
	CHECK_INT(c.entries[1].line, 45);
	CHECK_INT(c.entries[1].end_line, 48);

	CHECK_INT(c.ncommitments, 3);
	CHECK_STR(c.commitments[0].text, "Send the revised timeline");
	CHECK_INT(c.commitments[0].due, D("2026-11-25"));
	CHECK_INT(c.commitments[0].theirs, 0);
	CHECK_INT(c.commitments[0].done, 0);
	CHECK_INT(c.commitments[0].entry, 1);
	CHECK_INT(c.commitments[0].line, 46);
	CHECK_INT(c.commitments[0].col, 3);
	CHECK_STR(c.commitments[1].text, "Send brand assets");
	CHECK_INT(c.commitments[1].theirs, 1);
	CHECK_INT(c.commitments[2].done, 1);
	CHECK_INT(c.commitments[2].due, DATE_NONE);
	client_free(&c);
	diags_free(&d);
}

/* Parses "---\n" fm "---\n" body and checks one message. */
static void
expect(const char *fm, const char *body, int line, int level,
    const char *sub, int nerrors)
{
	struct client c;
	struct diags d = { 0 };
	char *text = xasprintf("---\n%s---\n%s", fm, body);

	CHECK_INT(parse(text, &c, &d), nerrors);
	CHECK_DIAG(&d, line, level, sub);
	client_free(&c);
	diags_free(&d);
	free(text);
}

/* One message, one entry: the same mark twice is a warning at the second. */
static void
test_message_twice(void)
{
	struct client c;
	struct diags d = { 0 };
	static const char twice[] = "---\nname = A\n---\n\n"
	    "## 2026-11-06 19:30 <- email: Renewal\n"
	    "<!-- message-id: <r1@x> -->\n\n"
	    "## 2026-11-07 00:30 <- email: Renewal\n"
	    "<!-- message-id: <r1@x> -->\n\n"
	    "## 2026-11-07 08:00 <- email: Other\n"
	    "<!-- message-id: <r2@x> -->\n";

	expect("name = A\n", "\n## 2026-11-06 19:30 <- email: Renewal\n"
	    "<!-- message-hash: 0123 -->\n\n## 2026-11-07 00:30 <- email: "
	    "Renewal\n<!-- message-hash: 0123 -->\n", 9, 1,
	    "the message of line 6 is here again (message-hash: 0123): delete "
	    "one of the two entries", 0);
	CHECK_INT(parse(twice, &c, &d), 0);
	CHECK_INT((int)d.nwarn, 1);
	CHECK_DIAG(&d, 9, 1, "the message of line 6 is here again "
	    "(message-id: <r1@x>)");
	client_free(&c);
	diags_free(&d);
}

static void
test_front_matter_rules(void)
{
	struct client c;
	struct diags d = { 0 };

	parse("no fence\nname = X\n", &c, &d);
	CHECK_DIAG(&d, 1, 2, "no front-matter");
	client_free(&c);
	diags_free(&d);
	parse("---\nname = X\n\n## 2026-11-01 -> call: x\n", &c, &d);
	CHECK_DIAG(&d, 1, 2, "front-matter is not closed");
	client_free(&c);
	diags_free(&d);

	expect("status = lead\n", "", 1, 2, "missing 'name'", 1);
	/* An empty value is an error for every key: the name, and an
	 * outcome, which would otherwise silence the goal's review. */
	expect("name =\n", "", 2, 2, "'name' has no value", 2);
	expect("name = X\n[goal g]\nby = 2027-01-01\noutcome =\n", "", 5, 2,
	    "'outcome' has no value", 1);
	expect("name = X\nowner = \n", "", 3, 2, "'owner' has no value", 1);
	expect("name = X\nhelth = red\n", "", 3, 2,
	    "unknown key 'helth': did you mean 'health'?", 1);
	expect("name = X\nfavourite = tea\n", "", 3, 2,
	    "unknown key 'favourite'", 1);
	expect("name = X\n[contacts]\nname = Y\n", "", 3, 2,
	    "unknown section [contacts]: did you mean [contact]?", 1);
	expect("name = X\n[reports 2026-10]\n", "", 3, 2,
	    "did you mean [report 2026-10]?", 1);
	expect("name = X\n[billing]\n", "", 3, 2, "unknown section [billing]; "
	    "client files have", 1);
	expect("name = X\n[contact]\nmobile = 1\n", "", 4, 2,
	    "unknown key 'mobile' in [contact]", 1);
	expect("name = X\n[contract]\nhour = 1\n", "", 4, 2,
	    "did you mean 'hours'?", 1);
	expect("name = X\nstatus = actve\n", "", 3, 2,
	    "status 'actve' is not one of lead, active, paused or former: "
	    "did you mean 'active'?", 1);
	expect("name = X\nhealth = purple\n", "", 3, 2,
	    "health 'purple' is not one of green, amber or red", 1);
	expect("name = X\nsince = 2026-02-30\n", "", 3, 2,
	    "since: '2026-02-30' does not exist: February 2026 has 28 days", 1);
	expect("name = X\nnext = 12/02/2026\n", "", 3, 2,
	    "next: '12/02/2026' is not a date", 1);
	expect("name = X\n[contract]\nrenews = 2027-02-29\n", "", 4, 2,
	    "renews: '2027-02-29' does not exist", 1);
	expect("name = X\ncadence = 2 weeks\n", "", 3, 2,
	    "cadence: '2 weeks' is not a duration", 1);
	expect("name = X\ncadence = 0d\n", "", 3, 2,
	    "cadence: '0d' is not a duration", 1);
	expect("name = X\nreply_within = 4h\n", "", 3, 2,
	    "reply_within: '4h' is not a duration", 1);
	expect("name = X\n[contract]\nhours = forty\n", "", 4, 2,
	    "hours: 'forty' is not a number", 1);
	expect("name = X\n[contract]\nhours = 12.125\n", "", 4, 2,
	    "hours: '12.125' has more than two decimals", 1);
	expect("name = X\n[contract]\nhours = -4\n", "", 4, 2,
	    "hours: '-4' is not a number of hours", 1);
	expect("name = X\n[contract]\nrate = -5\n", "", 4, 2,
	    "rate: '-5' is not an amount per hour", 1);
	expect("name = X\n[contract]\nrate = 95.555\n", "", 4, 2,
	    "rate: '95.555' has more than two decimals", 1);
	expect("name = X\n[goal g]\nby = 2027-01-01\nconfidence = 150\n", "",
	    5, 2, "confidence: '150' is not a percentage", 1);
	expect("name = X\n[goal g]\nby = 2027-01-01\nconfidence = likely\n",
	    "", 5, 2, "confidence: 'likely' is not a percentage", 1);
	expect("name = X\n[contact]\nemail = jo at acme\n", "", 4, 2,
	    "email: 'jo at acme' is not an e-mail address", 1);
	expect("name = X\n[escalation]\nemail = @acme.example\n", "", 4, 2,
	    "is not an e-mail address", 1);
	expect("name = X\n[contact]\nphone = ask reception\n", "", 4, 1,
	    "does not look like a phone number", 0);
	expect("name = X\nname = Y\n", "", 3, 2,
	    "duplicate key 'name' (first at line 2)", 1);
	expect("name = X\n[metrics]\ntrack = a, B c\n", "", 4, 2,
	    "metric name 'B c' may hold only", 1);
	expect("name = X\n[metrics]\ntrack = a, a\n", "", 4, 2,
	    "metric 'a' is tracked twice", 1);
	expect("name = X\n[report 2026-13]\n", "", 3, 2,
	    "write [report YYYY-MM]", 1);
	expect("name = X\n[report]\n", "", 3, 2, "write [report YYYY-MM]", 1);
	expect("name = X\n[goal]\n", "", 3, 2, "a goal needs a name", 1);
	expect("name = X\n[contact x]\n", "", 3, 2, "[contact x] takes no "
	    "name", 1);
	expect("name = X\n[metrics]\ntrack = a\n[report 2026-10]\na = 1,5\n",
	    "", 6, 2, "a: '1,5' is not a number", 1);
}

static void
test_reports_and_goals(void)
{
	/* A report must have every tracked metric, and only those. */
	expect("name = X\n[metrics]\ntrack = a, b, c\n[report 2026-10]\na = 1\n",
	    "", 5, 1, "report 2026-10 misses tracked metrics 'b', 'c'", 0);
	expect("name = X\n[metrics]\ntrack = a\n[report 2026-10]\na = 1\n"
	    "z = 2\n", "", 7, 1, "metric 'z' is not tracked", 0);
	/* Reports without any tracked metrics are all untracked. */
	expect("name = X\n[report 2026-10]\nz = 2\n", "", 4, 1,
	    "metric 'z' is not tracked", 0);
	expect("name = X\n[goal g]\nconfidence = 40\n", "", 3, 1,
	    "goal 'g' has no 'by' date", 0);
	expect("name = X\n[goal g]\nby = 2027-01-01\n", "", 3, 1,
	    "goal 'g' has no 'confidence'", 0);
}

static void
test_owners(void)
{
	static char dana[] = "dana", marco[] = "marco";
	struct owner o[2] = { { dana, NULL, NULL, 1 },
	    { marco, NULL, NULL, 2 } };
	struct client c;
	struct diags d = { 0 };

	/* Without declared owners any handle goes. */
	CHECK_INT(parse("---\nname = X\nowner = zoe\n---\n", &c, &d), 0);
	CHECK_INT(d.n, 0);
	client_free(&c);
	cfg.owners = o;
	cfg.nowners = 2;
	expect("name = X\nowner = dnaa\n", "", 3, 2, "owner 'dnaa' is not "
	    "declared in rapport.ini: did you mean 'dana'? (owners: dana, "
	    "marco)", 1);
	expect("name = X\n", "", 1, 2, "missing 'owner'", 1);
	CHECK_INT(parse("---\nname = X\nowner = marco\n---\n", &c, &d), 0);
	client_free(&c);
	cfg.owners = NULL;
	cfg.nowners = 0;
	diags_free(&d);
}

static void
test_defaults(void)
{
	struct client c;
	struct diags d = { 0 };

	cfg.cadence = (struct duration){ 3, DUR_WEEKS };
	parse("---\nname = X\n---\n", &c, &d);
	CHECK_INT(c.cadence.n, 3);
	CHECK_INT(c.cadence.unit, DUR_WEEKS);
	CHECK_INT(c.reply_within.unit, DUR_BUSINESS);
	CHECK_INT(c.status, STATUS_ACTIVE);
	CHECK_INT(c.health, HEALTH_GREEN);
	CHECK(c.contract_hours < 0);
	CHECK_INT(c.renews, DATE_NONE);
	client_free(&c);
	parse("---\nname = X\ncadence = 5bd\nstatus = paused\n---\n", &c, &d);
	CHECK_INT(c.cadence.n, 5);
	CHECK_INT(c.cadence.unit, DUR_BUSINESS);
	CHECK_INT(c.status, STATUS_PAUSED);
	client_free(&c);
	config_defaults(&cfg);
	diags_free(&d);
}

static void
test_entries(void)
{
	struct client c;
	struct diags d = { 0 };

	parse("---\nname = X\n---\n"
	    "# Notes\n"				/* 4 */
	    "## Background\n"			/* 5 */
	    "## 2026-11-01 -> call: One\n"	/* 6 */
	    "text\n"
	    "### 2026-11-02 sub heading, part of the entry\n"
	    "> ## 2026-11-03 -> quoted: not an entry\n"
	    "## 2026-11-04 <- email: Two ##\n"	/* 10 */
	    "\n"
	    "# Next part\n"			/* 12 */
	    "2026-11-05 -> call: setext\n"	/* 13 */
	    "---\n"
	    "last\n", &c, &d);
	CHECK_INT(d.n, 0);
	unit_dump(&d);
	CHECK_INT(c.nentries, 3);
	CHECK_INT(c.entries[0].line, 6);
	CHECK_INT(c.entries[0].end_line, 9);
	CHECK_STR(c.entries[1].summary, "Two");	/* closing #s dropped */
	CHECK_INT(c.entries[1].end_line, 11);
	CHECK_INT(c.entries[2].line, 13);
	CHECK_STR(c.entries[2].channel, "call");
	CHECK_INT(c.entries[2].end_line, 15);
	client_free(&c);
	diags_free(&d);

	expect("name = X\n", "## 2026-02-30 -> call: x\n", 4, 2,
	    "entry heading: '2026-02-30' does not exist", 1);
	expect("name = X\n", "## 2026-11-02 => call: x\n", 4, 2,
	    "entry heading: malformed arrow", 1);
	expect("name = X\n", "## 2026-11-24 -> call: x\n", 4, 1,
	    "entry is dated 2026-11-24, after today (2026-11-23)", 0);
	/* A date at the start of a level-3 heading is not an entry. */
	expect("name = X\n", "### 2026-02-30 not checked\n- [ ] a\n", 5, 1,
	    "no due date", 0);
}

/* Returns the indices of c's entries in the order of SPEC section 2. */
static void
sorted(const struct client *c, size_t *ix)
{
	size_t i, j, t;

	for (i = 0; i < c->nentries; i++)
		ix[i] = i;
	for (i = 1; i < c->nentries; i++)
		for (j = i; j > 0 && entry_later(&c->entries[ix[j - 1]],
		    &c->entries[ix[j]]); j--) {
			t = ix[j];
			ix[j] = ix[j - 1];
			ix[j - 1] = t;
		}
}

static void
test_order(void)
{
	struct client c;
	struct diags d = { 0 };
	size_t ix[8];

	/*
	 * Out of order in the file, timed and untimed mixed: an untimed
	 * entry takes the time of the nearest timed entry of its date above
	 * it, else 00:00; then the place in the file decides.
	 */
	parse("---\nname = X\n---\n"
	    "## 2026-11-03 -> call: c\n"		/* 0: 11-03 00:00 */
	    "## 2026-11-02 14:00 -> email: b2\n"	/* 1: 11-02 14:00 */
	    "## 2026-11-02 <- email: b3\n"		/* 2: 11-02 14:00 */
	    "## 2026-11-02 09:30 <- email: b1\n"	/* 3: 11-02 09:30 */
	    "## 2026-11-01 <- email: a\n"		/* 4: 11-01 00:00 */
	    "## 2026-11-02 <- email: b4\n"		/* 5: 11-02 09:30 */
	    "## 2026-11-02 16:00 -> call: b5\n",	/* 6: 11-02 16:00 */
	    &c, &d);
	CHECK_INT(d.n, 0);
	unit_dump(&d);
	CHECK_INT(c.nentries, 7);
	CHECK_INT(c.entries[0].at, 0);
	CHECK_INT(c.entries[2].at, 14 * 60);
	CHECK_INT(c.entries[2].minutes, -1);
	CHECK_INT(c.entries[5].at, 9 * 60 + 30);
	sorted(&c, ix);
	CHECK_INT(ix[0], 4);
	CHECK_INT(ix[1], 3);
	CHECK_INT(ix[2], 5);
	CHECK_INT(ix[3], 1);
	CHECK_INT(ix[4], 2);
	CHECK_INT(ix[5], 6);
	CHECK_INT(ix[6], 0);
	client_free(&c);

	/* Untimed only: the file decides; a timed entry of another date
	   above gives no time. */
	parse("---\nname = X\n---\n"
	    "## 2026-11-01 18:00 -> call: x\n"
	    "## 2026-11-02 -> call: y\n"
	    "## 2026-11-02 <- email: z\n", &c, &d);
	CHECK_INT(c.entries[1].at, 0);
	CHECK_INT(c.entries[2].at, 0);
	CHECK(entry_later(&c.entries[2], &c.entries[1]));
	CHECK(entry_later(&c.entries[1], &c.entries[0]));
	client_free(&c);
	diags_free(&d);
}

static void
test_commitments(void)
{
	struct client c;
	struct diags d = { 0 };

	parse("---\nname = X\n---\n"
	    "- [ ] top due:2026-12-01\n"		/* 4 */
	    "  - [X] nested done\n"
	    "> - [ ] quoted due:2026-12-02\n"
	    "1. [ ] numbered due:2026-12-03\n"
	    "-\t[ ] tab due:2026-12-04\n"
	    "- [ ]no space is not a box\n"
	    "- [-] not a box either\n"
	    "- plain item\n"
	    "```\n"
	    "- [ ] in a code block\n"
	    "```\n"
	    "    - [ ] in an indented code block\n"
	    "\n"
	    "- [ ] (due:2026-12-05) @client, please\n", &c, &d);
	CHECK_INT(c.ncommitments, 6);
	CHECK_INT(d.n, 0);
	unit_dump(&d);
	if (c.ncommitments == 6) {
		CHECK_STR(c.commitments[0].text, "top");
		CHECK_INT(c.commitments[1].done, 1);
		CHECK_INT(c.commitments[2].due, D("2026-12-02"));
		CHECK_INT(c.commitments[3].line, 7);
		CHECK_INT(c.commitments[4].col, 3);
		CHECK_INT(c.commitments[5].due, D("2026-12-05"));
		CHECK_INT(c.commitments[5].theirs, 1);
		CHECK_INT(c.commitments[5].entry, -1);
	}
	client_free(&c);
	diags_free(&d);

	/* "[x]" turned into a link by a reference definition. */
	parse("---\nname = X\n---\n- [x] done via link\n\n[x]: /url\n", &c, &d);
	CHECK_INT(c.ncommitments, 1);
	CHECK_INT(c.commitments[0].done, 1);
	CHECK_STR(c.commitments[0].text, "done via link");
	client_free(&c);
	diags_free(&d);

	expect("name = X\n", "- [ ] x due:2026-11-31\n", 4, 2,
	    "due date '2026-11-31' does not exist: November 2026 has 30 days",
	    1);
	expect("name = X\n", "- [ ] x due:soon\n", 4, 2,
	    "due date 'soon' is not a date", 1);
	expect("name = X\n", "- [ ] x due:2026-12-01 due:2026-12-02\n", 4, 2,
	    "two due dates", 1);
	expect("name = X\n", "- [ ] no date\n", 4, 1,
	    "open commitment has no due date", 0);
	/* A due date on a continuation line is found at its line. */
	expect("name = X\n", "- [ ] x\n  more due:2026-02-31\n", 5, 2,
	    "due date '2026-02-31'", 1);

	/* done:DATE is the day it was kept, out of the text like due:. */
	parse("---\nname = X\n---\n- [x] sent it due:2026-11-20 "
	    "done:2026-11-21\n- [x] (done:2026-11-22) old\n"
	    "- [ ] open\n  on two lines due:2026-12-01\n", &c, &d);
	CHECK_INT(c.ncommitments, 3);
	if (c.ncommitments == 3) {
		CHECK_STR(c.commitments[0].text, "sent it");
		CHECK_INT(c.commitments[0].due, D("2026-11-20"));
		CHECK_INT(c.commitments[0].done_on, D("2026-11-21"));
		CHECK_INT(c.commitments[0].end_line, 4);
		CHECK_STR(c.commitments[1].text, "old");
		CHECK_INT(c.commitments[1].done_on, D("2026-11-22"));
		CHECK_INT(c.commitments[2].done_on, DATE_NONE);
		CHECK_INT(c.commitments[2].line, 6);
		CHECK_INT(c.commitments[2].end_line, 7);
	}
	CHECK_INT(d.n, 0);
	client_free(&c);
	diags_free(&d);
	expect("name = X\n", "- [x] x done:2026-11-31\n", 4, 2,
	    "done date '2026-11-31' does not exist", 1);
	expect("name = X\n", "- [x] x done:2026-11-20 done:2026-11-21\n", 4,
	    2, "two done dates", 1);
	expect("name = X\n", "- [ ] x due:2026-11-30 done:2026-11-20\n", 4, 2,
	    "commitment has a done date but an open box", 1);
	expect("name = X\n", "- [x] x done:2026-11-24\n", 4, 1,
	    "kept on 2026-11-24, after today (2026-11-23)", 0);
	/* The second of two dates is reported at its own column. */
	{
		struct diags dd = { 0 };

		parse("---\nname = X\n---\n- [x] a due:2026-11-01 "
		    "due:2026-11-02\n", &c, &dd);
		CHECK_INT(dd.n, 1);
		if (dd.n == 1)
			CHECK_INT(dd.v[0].col, 24);
		client_free(&c);
		diags_free(&dd);
	}
}

static void
test_encodings(void)
{
	struct client a, b;
	struct diags d = { 0 };
	const char *p;
	char *crlf;
	struct buf bb = { 0 };

	/* CRLF and a BOM give the same model as LF. */
	for (p = spec_example; *p != '\0'; p++) {
		if (*p == '\n')
			buf_putc(&bb, '\r');
		buf_putc(&bb, *p);
	}
	crlf = xasprintf("\xef\xbb\xbf%s", bb.s);
	parse(spec_example, &a, &d);
	parse(crlf, &b, &d);
	CHECK_INT(d.n, 0);
	CHECK_INT(b.nentries, a.nentries);
	CHECK_INT(b.ncommitments, a.ncommitments);
	CHECK_STR(b.entries[1].summary, a.entries[1].summary);
	CHECK_INT(b.entries[1].line, a.entries[1].line);
	CHECK_STR(b.contact.email, a.contact.email);
	client_free(&a);
	client_free(&b);
	free(crlf);
	buf_free(&bb);

	/* Invalid UTF-8 and a NUL late in the file are reported. */
	parse("---\nname = X\xff\n---\nnotes\n", &a, &d);
	CHECK_DIAG(&d, 2, 2, "invalid UTF-8");
	client_free(&a);
	diags_free(&d);

	/* A NUL in the first bytes: a binary file, not parsed at all. */
	{
		struct source src;
		static const char bin[] = "---\nname = X\n\0\n---\n";

		source_from_mem(&src, "clients/t.md", bin, sizeof(bin) - 1,
		    &d);
		CHECK(src.binary);
		CHECK_INT(client_parse(&a, &src, "t", &cfg, 0, 0, &d), 1);
		CHECK_DIAG(&d, 0, 2, "binary file");
		CHECK(a.name == NULL);
		client_free(&a);
		source_free(&src);
		diags_free(&d);
	}

	/* Conflict markers, wherever they are. */
	parse("---\nname = X\n<<<<<<< HEAD\nhealth = amber\n=======\n"
	    "health = red\n>>>>>>> branch\n---\n", &a, &d);
	CHECK_DIAG(&d, 3, 2, "git conflict marker");
	CHECK_DIAG(&d, 5, 2, "git conflict marker");
	CHECK_DIAG(&d, 7, 2, "git conflict marker");
	client_free(&a);
	diags_free(&d);
	/* A lone "=======" is a setext underline, not a marker. */
	parse("---\nname = X\n---\nTitle\n=======\n", &a, &d);
	CHECK_INT(d.n, 0);
	client_free(&a);
	diags_free(&d);
}

/* Inputs that make Debian's cmark 0.30.2 quadratic never reach it. */
static void
test_cmark_guard(void)
{
	struct client c;
	struct diags d = { 0 };
	struct buf b = { 0 };
	int i;

	/* One line opening 40,000 lists, then blank lines: 25 s unguarded. */
	buf_puts(&b, "---\nname = X\n---\n- [ ] fine due:2026-12-01\n");
	for (i = 0; i < 40000; i++)
		buf_puts(&b, "- ");
	buf_puts(&b, "x\n");
	for (i = 0; i < 40000; i++)
		buf_putc(&b, '\n');
	CHECK_INT(parse(b.s, &c, &d), 1);
	CHECK_DIAG(&d, 5, 2, "this line nests lists or quotes 40000 levels "
	    "deep; rapport reads at most 32");
	CHECK_INT(c.ncommitments, 0);	/* the body is not read at all */
	client_free(&c);
	diags_free(&d);
	buf_reset(&b);

	/* Nesting by indentation and by quotes counts too. */
	buf_puts(&b, "---\nname = X\n---\n");
	for (i = 0; i < 40; i++) {
		int k;

		for (k = 0; k < i; k++)
			buf_puts(&b, "  ");
		buf_puts(&b, "- x\n");
	}
	CHECK_INT(parse(b.s, &c, &d), 1);
	CHECK_DIAG(&d, 36, 2, "33 levels deep");
	client_free(&c);
	diags_free(&d);
	buf_reset(&b);

	/* 32 levels pass; with enough blank lines after them they do not. */
	buf_puts(&b, "---\nname = X\n---\n");
	for (i = 0; i < 32; i++)
		buf_puts(&b, "> ");
	buf_puts(&b, "x\n");
	for (i = 0; i < 1000; i++)
		buf_putc(&b, '\n');
	CHECK_INT(parse(b.s, &c, &d), 0);
	client_free(&c);
	for (i = 0; i < 250000; i++)
		buf_puts(&b, ">\n");
	CHECK_INT(parse(b.s, &c, &d), 1);
	CHECK_DIAG(&d, 4, 2, "blank lines after nesting 32 levels deep");
	client_free(&c);
	diags_free(&d);
	buf_reset(&b);

	/* CVE-2023-22486: repeated "![[]()". */
	buf_puts(&b, "---\nname = X\n---\n");
	for (i = 0; i < 5001; i++)
		buf_puts(&b, "![[]()");
	CHECK_INT(parse(b.s, &c, &d), 1);
	CHECK_DIAG(&d, 4, 2, "5001 image links; rapport reads at most 5000");
	client_free(&c);
	diags_free(&d);
	buf_free(&b);

	/* Ordinary deep-ish notes are read. */
	CHECK_INT(parse("---\nname = X\n---\n- a\n  - b\n    - c\n"
	    "      1. d\n         > e\n         > - [ ] f due:2026-12-01\n",
	    &c, &d), 0);
	CHECK_INT(c.ncommitments, 1);
	client_free(&c);
	diags_free(&d);
}

void
test_client(void)
{
	config_defaults(&cfg);
	test_spec_example();
	test_front_matter_rules();
	test_message_twice();
	test_reports_and_goals();
	test_owners();
	test_defaults();
	test_entries();
	test_order();
	test_commitments();
	test_encodings();
	test_cmark_guard();
	config_free(&cfg);
}
