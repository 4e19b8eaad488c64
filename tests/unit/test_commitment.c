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

/* The near-miss commitment_mark_near finds in text, or "" for none. */
static const char *
near(const char *text)
{
	static char got[64];
	const char *s;
	size_t n;

	if ((s = commitment_mark_near(text, &n)) == NULL || n >= sizeof(got))
		return "";
	memcpy(got, s, n);
	got[n] = '\0';
	return got;
}

/*
 * The mark of what is ours alone (issue 33): one rule for the report page
 * and check, any letter case, and an item under a marked one is marked.
 */
static void
test_mark(void)
{
	static const char text[] =
	    "---\nname = X\n---\n"
	    "- [ ] Rate @INTERNAL due:2026-12-01\n"		/* 4 */
	    "  - [ ] Nested @intern due:2026-12-01\n"		/* 5 */
	    "    - [ ] Deeper due:2026-12-01\n"			/* 6 */
	    "- [ ] Ask @intern, then *@Intenral* due:2026-12-01\n"	/* 7 */
	    "- [ ] Mail jo@intern.example and bob@internal.example.com\n"	/* 8 */
	    "- [ ] Two\n  ＠internal lines due:2026-12-01\n"	/* 9 */
	    "- [ ] Plain @interns @internet due:2026-12-01\n"	/* 11 */
	    "- [ ] Mail jo@intern.example, ask @intern due:2026-12-01\n"	/* 12 */
	    "- [ ] @intern @intern @intern @intern @intern @intern\n";	/* 13 */
	struct source src;
	struct diags d = { 0 };
	struct client c;
	date_t today;

	CHECK_INT(commitment_marked("Margins @internal"), 1);
	CHECK_INT(commitment_marked("@Internal margins"), 1);
	CHECK_INT(commitment_marked("x @INTERNAL"), 1);
	CHECK_INT(commitment_marked("@internals"), 1);
	CHECK_INT(commitment_marked("bob@internal.example.com"), 1);
	CHECK_INT(commitment_marked("@intern"), 0);
	CHECK_INT(commitment_marked("\xef\xbc\xa0internal"), 0);
	CHECK_INT(commitment_marked("@ internal"), 0);
	CHECK_INT(commitment_marked(""), 0);

	/* Near-misses: a person meant the mark. */
	CHECK_STR(near("Ask @intern to do it"), "@intern");
	CHECK_STR(near("@Intern"), "@Intern");
	CHECK_STR(near("x @interna."), "@interna");
	CHECK_STR(near("x \xef\xbc\xa0internal y"), "\xef\xbc\xa0internal");
	CHECK_STR(near("x \xef\xb9\xabInternal"), "\xef\xb9\xabInternal");
	CHECK_STR(near("@\xef\xbd\x89nternal"), "@\xef\xbd\x89nternal");
	CHECK_STR(near("(@ internal)"), "@ internal");
	CHECK_STR(near("@-internal"), "@-internal");
	CHECK_STR(near("@_Internal"), "@_Internal");
	CHECK_STR(near("@internl"), "@internl");
	CHECK_STR(near("@intrnal"), "@intrnal");
	CHECK_STR(near("@intenral"), "@intenral");
	CHECK_STR(near("@internak"), "@internak");
	CHECK_STR(near("@innternal"), "@innternal");
	CHECK_STR(near("*@intern*"), "@intern");
	/* Not near-misses: the mark itself, addresses, words, handles. */
	CHECK_STR(near("@internal"), "");
	CHECK_STR(near("@INTERNAL and more"), "");
	CHECK_STR(near("@internals"), "");
	CHECK_STR(near("jo@intern.example"), "");
	CHECK_STR(near("bob@internal.example.com"), "");
	CHECK_STR(near("a.b@intern x_@intern x-@intern x+@intern"), "");
	CHECK_STR(near("@interns @internet @international @internship"), "");
	CHECK_STR(near("@intern2 @inter @int @client @"), "");
	CHECK_STR(near("@   internal"), "");
	CHECK_STR(near("intern internal"), "");
	CHECK_STR(near(""), "");
	/* The first of two, then the next after it. */
	CHECK_STR(near("@interns @intern @internl"), "@intern");

	date_parse("2026-11-23", 10, &today);
	source_from_mem(&src, "clients/t.md", text, strlen(text), &d);
	client_parse(&c, &src, "t", &cfg, today, 0, &d);
	CHECK_INT(c.ncommitments, 9);
	if (c.ncommitments == 9) {
		CHECK_INT(commitment_internal(&c, 0), 1);
		CHECK_INT(commitment_internal(&c, 1), 1);
		CHECK_INT(commitment_internal(&c, 2), 1);
		CHECK_INT(commitment_internal(&c, 3), 0);
		CHECK_INT(commitment_internal(&c, 4), 1);
		CHECK_INT(commitment_internal(&c, 5), 0);
	}
	/* Under a marked item, a near-miss says nothing. */
	CHECK(!unit_has_diag(&d, 5, 1, "not the @internal mark"));
	/* At the near-miss itself, each of two on a line. */
	CHECK_DIAG(&d, 7, 1, "'@intern' is not the @internal mark, so the "
	    "client's report page shows this item: write @internal");
	CHECK_DIAG(&d, 7, 1, "'@Intenral' is not the @internal mark");
	CHECK_DIAG(&d, 10, 1, "'\xef\xbc\xa0internal' is not the @internal");
	CHECK(!unit_has_diag(&d, 8, 1, "not the @internal mark"));
	CHECK(!unit_has_diag(&d, 11, 1, "not the @internal mark"));
	{
		size_t i, n = 0;

		for (i = 0; i < d.n; i++) {
			if (strstr(d.v[i].msg, "@internal mark") == NULL ||
			    d.v[i].line > 11)
				continue;
			n++;
			if (strstr(d.v[i].msg, "'@intern'") != NULL)
				CHECK_INT(d.v[i].col, 11);
			else if (strstr(d.v[i].msg, "Intenral") != NULL)
				CHECK_INT(d.v[i].col, 26);
			else
				CHECK_INT(d.v[i].col, 3);
		}
		CHECK_INT(n, 3);
		/* Past an address holding the same letters. */
		for (i = 0, n = 0; i < d.n; i++)
			if (d.v[i].line == 12 && strstr(d.v[i].msg,
			    "@internal mark") != NULL) {
				CHECK_INT(d.v[i].col, 35);
				n++;
			}
		CHECK_INT(n, 1);
		/* At most four of one item, each at its own column. */
		for (i = 0, n = 0; i < d.n; i++)
			if (d.v[i].line == 13 && strstr(d.v[i].msg,
			    "@internal mark") != NULL)
				CHECK_INT(d.v[i].col, 7 + 8 * (int)n++);
		CHECK_INT(n, 4);
	}
	client_free(&c);
	source_free(&src);
	diags_free(&d);
}

void
test_commitment(void)
{
	config_defaults(&cfg);
	test_find();
	test_tick();
	test_mark();
	config_free(&cfg);
}
