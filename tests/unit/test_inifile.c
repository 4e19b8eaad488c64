/*
 * test_inifile.c: the guard in front of inih.  Each test feeds INI text and
 * checks both what reached the model (the events) and what was reported:
 * no long value may be cut or turn into a key, no bad line may be skipped
 * in silence, and line numbers must stay true.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inifile.h"
#include "unit.h"
#include "util.h"

/* Every event as one line of text, for easy comparison. */
static void
record(void *arg, const struct ini_event *e)
{
	struct buf *b = arg;

	if (e->type == INI_SECTION)
		buf_printf(b, "%d [%s] @%d\n", e->line, e->section, e->col);
	else
		buf_printf(b, "%d %s.%s=%s @%d,%d\n", e->line, e->section,
		    e->key, e->value, e->col, e->vcol);
}

/* Parses all of text; returns the events, fills d. */
static char *
run(const char *text, struct diags *d)
{
	struct source src;
	struct buf b = { 0 };

	source_from_mem(&src, "t.ini", text, strlen(text), d);
	inifile_parse(&src, 1, src.nlines, record, &b, d);
	source_free(&src);
	return buf_detach(&b);
}

static void
test_plain(void)
{
	struct diags d = { 0 };
	char *ev = run("a = 1\n; comment\n# comment\n\n[sec]\n"
	    "b = two words ; inline comment\n  c = indented\nd: colon\n"
	    "e = 0\n", &d);

	CHECK_STR(ev, "1 .a=1 @1,5\n5 [sec] @2\n6 sec.b=two words @1,5\n"
	    "7 sec.c=indented @3,7\n8 sec.d=colon @1,4\n9 sec.e=0 @1,5\n");
	CHECK_INT(d.n, 0);
	free(ev);
	diags_free(&d);
}

static void
test_long_line(void)
{
	struct diags d = { 0 };
	struct buf in = { 0 };
	char *ev;
	int i;

	/* 199 bytes: inih would cut it and read "draft = false" as a key. */
	buf_puts(&in, "name = A\ntitle = ");
	for (i = 0; i < 199 - 8 - 13; i++)
		buf_putc(&in, 'x');
	buf_puts(&in, "draft = false\nowner = dana\n");
	ev = run(in.s, &d);
	CHECK_STR(ev, "1 .name=A @1,8\n3 .owner=dana @1,9\n");
	CHECK_DIAG(&d, 2, 2, "line is 199 bytes long");
	CHECK_INT(d.v[0].col, 199);
	free(ev);
	diags_free(&d);
	buf_free(&in);

	/* 198 bytes is the longest line inih reads whole. */
	buf_puts(&in, "title = ");
	for (i = 0; i < 190; i++)
		buf_putc(&in, 'y');
	buf_puts(&in, "\nnext = 1\n");
	ev = run(in.s, &d);
	CHECK_INT(d.n, 0);
	CHECK(strstr(ev, "2 .next=1") != NULL);
	CHECK_INT((int)strlen(ev), (int)strlen("1 .title= @1,9\n2 .next=1 "
	    "@1,8\n") + 190);
	free(ev);
	diags_free(&d);
	buf_free(&in);
}

static void
test_sections(void)
{
	struct diags d = { 0 };
	char *ev;

	/* A name past 49 bytes would be cut by inih: refused instead, and
	 * its keys do not fall into the section before. */
	ev = run("[a]\nx = 1\n[goal 0123456789012345678901234567890123456789"
	    "012345]\ny = 2\n[ b ]\nz = 3\n", &d);
	CHECK_STR(ev, "1 [a] @2\n2 a.x=1 @1,5\n5 [b] @2\n6 b.z=3 @1,5\n");
	CHECK_DIAG(&d, 3, 2, "section name is 51 bytes long");
	free(ev);
	diags_free(&d);

	ev = run("[open\nk = 1\n[x] trailing\n[]\n[  goal   big  win ]\n", &d);
	CHECK_DIAG(&d, 1, 2, "section header is not closed");
	CHECK_DIAG(&d, 3, 2, "text after the section header");
	CHECK_DIAG(&d, 4, 2, "empty section name");
	CHECK(strstr(ev, "5 [goal big win]") != NULL);
	CHECK(strstr(ev, "k=1") == NULL);
	free(ev);
	diags_free(&d);

	/* A repeated section would be merged by inih: refused. */
	ev = run("[contact]\nname = A\n[contact]\nname = B\n", &d);
	CHECK_DIAG(&d, 3, 2, "section [contact] appears twice (first at "
	    "line 1)");
	CHECK_STR(ev, "1 [contact] @2\n2 contact.name=A @1,8\n");
	free(ev);
	diags_free(&d);

	/* A comment after a header is fine. */
	ev = run("[site] ; the site\ntitle = T\n", &d);
	CHECK_INT(d.n, 0);
	free(ev);
	diags_free(&d);
}

static void
test_bad_lines(void)
{
	struct diags d = { 0 };
	char *ev;

	ev = run("a = 1\njust words\n  indented words\n= no key\na = 2\n"
	    "b = 3 ; c = 4\n", &d);
	CHECK_DIAG(&d, 2, 2, "expected 'key = value'");
	CHECK_DIAG(&d, 3, 2, "expected 'key = value'");
	CHECK_DIAG(&d, 4, 2, "without a key before it");
	CHECK_DIAG(&d, 5, 2, "duplicate key 'a' (first at line 1)");
	CHECK_INT(d.n, 4);
	/* The first value wins; the inline comment hides "c". */
	CHECK_STR(ev, "1 .a=1 @1,5\n6 .b=3 @1,5\n");
	free(ev);
	diags_free(&d);

	/* Duplicates are per section. */
	ev = run("[a]\nk = 1\n[b]\nk = 2\n", &d);
	CHECK_INT(d.n, 0);
	free(ev);
	diags_free(&d);

	/* An empty value is an error at its line, whatever the key and
	 * however it is empty; such a key never arrives. */
	ev = run("a =\n[goal g]\noutcome =   \nb = ; later\n  c:\nd = 0\n",
	    &d);
	CHECK_DIAG(&d, 1, 2, "'a' has no value");
	CHECK_DIAG(&d, 3, 2, "'outcome' has no value");
	CHECK_DIAG(&d, 4, 2, "'b' has no value");
	CHECK_DIAG(&d, 5, 2, "'c' has no value");
	CHECK_INT(d.n, 4);
	CHECK_STR(ev, "2 [goal g] @2\n6 goal g.d=0 @1,5\n");
	free(ev);
	diags_free(&d);
}

static void
test_encodings(void)
{
	struct diags d = { 0 };
	char *ev;

	/* BOM and CRLF are accepted and leave lines and columns true. */
	ev = run("\xef\xbb\xbf" "a = 1\r\nb = 2\r\n", &d);
	CHECK_STR(ev, "1 .a=1 @1,5\n2 .b=2 @1,5\n");
	CHECK_INT(d.n, 0);
	free(ev);
	diags_free(&d);

	/* A lone CR is reported, and does not join or split lines. */
	ev = run("a = 1\rb = 2\nc = 3\n", &d);
	CHECK_DIAG(&d, 1, 2, "carriage return");
	CHECK(strstr(ev, "2 .c=3") != NULL);
	free(ev);
	diags_free(&d);
}

void
test_inifile(void)
{
	test_plain();
	test_long_line();
	test_sections();
	test_bad_lines();
	test_encodings();
}
