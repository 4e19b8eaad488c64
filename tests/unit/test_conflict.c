/*
 * test_conflict.c: what a conflict between git's markers is about
 * (conflict.h): one key both ways or removed on a side, an entry changed
 * both ways or removed, other lines counted; the marker's labels or the
 * caller's phrases; markers that are not whole describe nothing.
 */
#include <string.h>

#include "conflict.h"
#include "unit.h"
#include "util.h"

/* The description of the conflict at the first "<<<<<<<" of text. */
static const char *
what(const char *text, const char *ours, const char *theirs)
{
	static struct buf b;
	const char *at = strstr(text, "<<<<<<<");

	buf_free(&b);
	if (at == NULL || conflict_describe(text, strlen(text),
	    (size_t)(at - text), ours, theirs, &b) == -1)
		return NULL;
	return b.s;
}

void
test_conflict(void)
{
	CHECK_STR(what("---\nname = A\n<<<<<<< ours\ncadence = 7d   ; often\n"
	    "=======\ncadence = 21d\n>>>>>>> theirs\n---\n", NULL, NULL),
	    "'cadence' is 7d in ours and 21d in theirs");
	CHECK_STR(what("<<<<<<< ours\ncadence = 7d\n=======\ncadence = 21d\n"
	    ">>>>>>> theirs\n", "here", "on origin/main"),
	    "'cadence' is 7d here and 21d on origin/main");
	/* CRLF, and git's own labels. */
	CHECK_STR(what("<<<<<<< HEAD\r\nhealth = amber\r\n=======\r\n"
	    "health = red\r\n>>>>>>> feature\r\n", NULL, NULL),
	    "'health' is amber in HEAD and red in feature");
	/* Removed on one side. */
	CHECK_STR(what("<<<<<<< ours\n=======\nnext = 2026-12-01\n"
	    ">>>>>>> theirs\n", "here", "there"),
	    "'next' is removed here and 2026-12-01 there");
	/* diff3: the base between ||||||| and ======= is no side's. */
	CHECK_STR(what("<<<<<<< ours\nowner = dana\n||||||| base\nowner = "
	    "lee\n=======\nowner = sam\n>>>>>>> theirs\n", NULL, NULL),
	    "'owner' is dana in ours and sam in theirs");
	/* A heading in base's part is no side's. */
	CHECK_STR(what("<<<<<<< ours\nText X.\n||||||| base\n## 2026-11-20 "
	    "<- Old\n=======\nText Y.\n>>>>>>> theirs\n", NULL, NULL),
	    "1 line in ours and 1 in theirs differ");
	/* Two keys are lines, not a key. */
	CHECK_STR(what("<<<<<<< ours\nname = A\n=======\nowner = sam\n"
	    ">>>>>>> theirs\n", NULL, NULL),
	    "1 line in ours and 1 in theirs differ");
	/* Entries. */
	CHECK_STR(what("<<<<<<< ours\n## 2026-11-20 14:00 -> call: Q4 plan\n"
	    "X.\n=======\n## 2026-11-20 14:00 -> call: Q4 plan\nY.\n"
	    ">>>>>>> theirs\n", "here", "on origin/main"),
	    "the entry '2026-11-20 14:00 -> call: Q4 plan' differs here and "
	    "on origin/main");
	CHECK_STR(what("<<<<<<< ours\n=======\n## 2026-11-20 <- email: Hi\n"
	    "Y.\n>>>>>>> theirs\n", "here", "there"),
	    "the entry '2026-11-20 <- email: Hi' is changed there and "
	    "removed here");
	/* A whole file against nothing: the file was removed there. */
	CHECK_STR(what("<<<<<<< ours\n---\nname = B\n---\n\n## 2026-11-23 "
	    "<- Still\n=======\n>>>>>>> theirs\n", "here", "on origin/main"),
	    "the file is changed here and removed on origin/main");
	/* A long value is cut, never inside a character. */
	{
		/* "x" and 31 two-byte letters: byte 60 is inside the 30th. */
		struct buf v = { 0 }, want = { 0 };
		int k;

		buf_puts(&v, "<<<<<<< ours\ntitle = x");
		buf_puts(&want, "'title' is x");
		for (k = 0; k < 31; k++)
			buf_puts(&v, "\xc3\xa9");
		for (k = 0; k < 29; k++)
			buf_puts(&want, "\xc3\xa9");
		buf_puts(&v, "\n=======\ntitle = b\n>>>>>>> theirs\n");
		buf_puts(&want, "... in ours and b in theirs");
		CHECK_STR(what(v.s, NULL, NULL), want.s);
		buf_free(&v);
		buf_free(&want);
	}
	/* Markers that are not whole: nothing to say. */
	CHECK(what("<<<<<<< ours\ncadence = 7d\n=======\ncadence = 21d\n",
	    NULL, NULL) == NULL);
	CHECK(what("<<<<<<< ours\ncadence = 7d\n>>>>>>> theirs\n", NULL,
	    NULL) == NULL);
	CHECK(what("<<<<<<<< ours\n=======\n>>>>>>> theirs\n", NULL,
	    NULL) == NULL);
	what("", NULL, NULL);

	/* The markers themselves: "=======" alone, the others labelled. */
	CHECK(conflict_marker("=======", 7, '='));
	CHECK(conflict_marker("=======\r", 8, '='));
	CHECK(!conflict_marker("======= x", 9, '='));
	CHECK(conflict_marker("<<<<<<< HEAD", 12, '<'));
	CHECK(conflict_marker(">>>>>>>", 7, '>'));
	CHECK(!conflict_marker("<<<<<<<< x", 10, '<'));
	CHECK(!conflict_marker("<<<<<<", 6, '<'));
}
