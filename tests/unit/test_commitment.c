/*
 * test_commitment.c: naming a commitment by its words and ticking it in
 * the text of its file, as "rapport done" does: one, none, several,
 * already kept, a whole text inside another's, inside a quote (a
 * commitment) and a code block (not one), on two lines, in CRLF files.
 */
#include <stdlib.h>
#include <string.h>

#include "commitment.h"
#include "unit.h"

/* A string literal and its length. */
#define D(iso)	unit_date(iso)
#define K(s)	(s), sizeof(s) - 1

static struct config cfg;

static void
parse(const char *text, struct client *c)
{
	struct source src;
	struct diags d = { 0 };
	date_t today;

	date_parse("2026-11-23", 10, &today);
	source_from_mem(&src, "clients/t.md", text, strlen(text), &d);
	client_parse(c, &src, "t", &cfg, today, 0, &d);
	source_free(&src);
	diags_free(&d);
}

static const char body[] =
    "---\nname = X\n---\n"
    "## 2026-11-20 -> call: Plan\n"
    "- [ ] Send invoice due:2026-11-25\n"			/* 5 */
    "- [ ] Send invoice reminder due:2026-11-30\n"	/* 6 */
    "- [ ] @client Approve the COPY due:2026-11-22\n"	/* 7 */
    "- [x] Share the deck done:2026-11-21\n"		/* 8 */
    "> - [ ] Quoted promise due:2026-12-01\n"		/* 9 */
    "\n"
    "```\n"
    "- [ ] Fenced example due:2026-12-01\n"
    "```\n"
    "- [ ] Two\n"					/* 14 */
    "  lines due:2026-12-03   \n";			/* 15 */

static void
test_find(void)
{
	const struct commitment *m[4];
	struct client c;

	parse(body, &c);
	/* One, in any case. */
	CHECK_INT(commitment_find(&c, "approve the copy", 0, m, 4), 1);
	CHECK_INT(m[0]->line, 7);
	/* Several: both, in file order. */
	CHECK_INT(commitment_find(&c, "send", 0, m, 4), 2);
	CHECK_INT(m[0]->line, 5);
	CHECK_INT(m[1]->line, 6);
	/* A whole text is chosen over those that contain it. */
	CHECK_INT(commitment_find(&c, "SEND INVOICE", 0, m, 4), 1);
	CHECK_INT(m[0]->line, 5);
	CHECK_INT(commitment_find(&c, "invoice rem", 0, m, 4), 1);
	CHECK_INT(m[0]->line, 6);
	/* None open; the kept one is found among the kept. */
	CHECK_INT(commitment_find(&c, "deck", 0, m, 4), 0);
	CHECK_INT(commitment_find(&c, "deck", 1, m, 4), 1);
	CHECK_INT(m[0]->done_on, D("2026-11-21"));
	/* A quote holds commitments; a code block does not. */
	CHECK_INT(commitment_find(&c, "quoted", 0, m, 4), 1);
	CHECK_INT(commitment_find(&c, "fenced", 0, m, 4), 0);
	CHECK_INT(commitment_find(&c, "fenced", 1, m, 4), 0);
	/* due: and @client are not part of the text. */
	CHECK_INT(commitment_find(&c, "due:", 0, m, 4), 0);
	CHECK_INT(commitment_find(&c, "@client", 0, m, 4), 0);
	/* More than max: counted, max stored. */
	CHECK_INT(commitment_find(&c, "e", 0, m, 1), 5);
	CHECK_INT(m[0]->line, 5);
	client_free(&c);
}

/* Ticks the one commitment q names in text; returns the new text. */
static char *
tick(const char *text, const char *q)
{
	const struct commitment *m[2];
	struct client c;
	struct buf out = { 0 };
	date_t day;

	date_parse("2026-11-23", 10, &day);
	parse(text, &c);
	if (commitment_find(&c, q, 0, m, 2) != 1 ||
	    commitment_tick(text, strlen(text), m[0], day, &out) == -1)
		buf_free(&out);
	client_free(&c);
	return out.s;
}

static void
test_tick(void)
{
	struct commitment bad;
	struct buf out = { 0 };
	char *s, *want;
	date_t day;

	s = tick(body, "approve");
	want = xstrdup(body);
	{
		char *p = strstr(want, "- [ ] @client Approve the COPY "
		    "due:2026-11-22\n");
		struct buf w = { 0 };

		buf_putn(&w, want, (size_t)(p - want));
		buf_puts(&w, "- [x] @client Approve the COPY due:2026-11-22 "
		    "done:2026-11-23\n");
		buf_puts(&w, p + strlen("- [ ] @client Approve the COPY "
		    "due:2026-11-22\n"));
		free(want);
		want = buf_detach(&w);
	}
	CHECK_STR(s, want);
	free(s);
	free(want);

	/* Inside a quote. */
	s = tick(body, "quoted");
	CHECK(s != NULL && strstr(s, "> - [x] Quoted promise due:2026-12-01 "
	    "done:2026-11-23\n\n```") != NULL);
	free(s);
	/* On two lines: at the end of the last, trailing blanks dropped. */
	s = tick(body, "two lines");
	CHECK(s != NULL && strstr(s, "- [x] Two\n  lines due:2026-12-03 "
	    "done:2026-11-23\n") != NULL);
	free(s);
	/* CRLF stays CRLF; a last line without a line end gets none. */
	s = tick("---\r\nname = X\r\n---\r\n- [ ] a due:2026-12-01\r\n"
	    "- [ ] b due:2026-12-01", "a");
	CHECK_STR(s, "---\r\nname = X\r\n---\r\n- [x] a due:2026-12-01 "
	    "done:2026-11-23\r\n- [ ] b due:2026-12-01");
	free(s);
	s = tick("---\r\nname = X\r\n---\r\n- [ ] a due:2026-12-01\r\n"
	    "- [ ] b due:2026-12-01", "b");
	CHECK_STR(s, "---\r\nname = X\r\n---\r\n- [ ] a due:2026-12-01\r\n"
	    "- [x] b due:2026-12-01 done:2026-11-23");
	free(s);

	/* A commitment that is not the text's: refused, out untouched. */
	date_parse("2026-11-23", 10, &day);
	memset(&bad, 0, sizeof(bad));
	bad.line = 4;
	bad.col = 3;
	bad.end_line = 4;
	CHECK_INT(commitment_tick(K("---\nname = X\n---\n- [x] kept\n"), &bad,
	    day, &out), -1);
	CHECK_INT(commitment_tick(K("---\nname = X\n---\n- [ ]"), &bad, day,
	    &out), 0);
	CHECK_STR(out.s, "---\nname = X\n---\n- [x] done:2026-11-23");
	buf_reset(&out);
	bad.line = 9;
	bad.end_line = 9;
	CHECK_INT(commitment_tick(K("---\nname = X\n---\n- [ ] a\n"), &bad,
	    day, &out), -1);
	bad.line = 4;
	bad.col = 30;
	CHECK_INT(commitment_tick(K("---\nname = X\n---\n- [ ] a\n- [ ] b\n"),
	    &bad, day, &out), -1);
	bad.col = 3;
	bad.end_line = 3;
	CHECK_INT(commitment_tick(K("---\nname = X\n---\n- [ ] a\n"), &bad,
	    day, &out), -1);
	CHECK_INT(out.len, 0);
	buf_free(&out);
}

void
test_commitment(void)
{
	config_defaults(&cfg);
	test_find();
	test_tick();
	config_free(&cfg);
}
