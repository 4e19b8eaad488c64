/*
 * test_merge.c: the rapport merge, rule by rule of SPEC section 6: an
 * unchanged side, entries as a set in the order of entries, the same
 * bytes whichever side is ours, edits and removals of entries, the
 * front-matter key by key and section by section, the notes as text,
 * rapport.ini, a file that is not a client file, line ends; additions
 * after the same anchor, section headers with blanks in their brackets.
 */
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "unit.h"

#define FM	"---\nname = Acme\nstatus = active\n\n[contract]\nhours = 40\n" \
		"---\n\nNotes.\n\n"
#define E1	"## 2026-11-18 09:40 <- email: Invoice question\nJo asked.\n"
#define E2	"## 2026-11-20 -> call: Plan (1.5h)\n- [ ] Send it due:2026-11-25\n"
#define BASE	FM E1 "\n" E2

/* Merges and returns the text (allocated); *n gets the conflicts. */
static char *
merge(enum merge_kind k, const char *b, const char *o, const char *t,
    int *n)
{
	struct merge_text mb = { b, b ? strlen(b) : 0 };
	struct merge_text mo = { o, o ? strlen(o) : 0 };
	struct merge_text mt = { t, t ? strlen(t) : 0 };
	struct buf out = { 0 };

	*n = merge_file(k, &mb, &mo, &mt, &out);
	buf_putc(&out, '\0');
	return buf_detach(&out);
}

/* Merges both ways round and checks they agree; returns ours-first. */
static char *
both(const char *b, const char *o, const char *t, int *n)
{
	int n2;
	char *x = merge(MERGE_CLIENT, b, o, t, n);
	char *y = merge(MERGE_CLIENT, b, t, o, &n2);

	if (*n == 0) {
		CHECK_INT(n2, 0);
		CHECK_STR(y, x);
	}
	free(y);
	return x;
}

static void
test_unchanged(void)
{
	char *s;
	int n;
	const char *o = BASE "\n## 2026-11-23 10:00 -> email: Sent\n";

	/* An unchanged side gives the other, byte for byte. */
	s = merge(MERGE_CLIENT, BASE, BASE, o, &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, o);
	free(s);
	s = merge(MERGE_CLIENT, BASE, o, BASE, &n);
	CHECK_STR(s, o);
	free(s);
	/* x with itself is x, also when not a client file at all. */
	s = merge(MERGE_CLIENT, "junk\n", o, o, &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, o);
	free(s);
	s = merge(MERGE_CLIENT, o, o, o, &n);
	CHECK_STR(s, o);
	free(s);
}

static void
test_entries(void)
{
	char *s;
	int n;

	/* Both log a call: both entries, in the order of entries. */
	s = both(BASE, BASE "\n## 2026-11-23 14:00 -> call: Dana's call\n",
	    BASE "\n## 2026-11-23 09:15 <- email: Jo's mail\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, FM E1 "\n" E2 "\n## 2026-11-23 09:15 <- email: Jo's "
	    "mail\n\n## 2026-11-23 14:00 -> call: Dana's call\n");
	free(s);
	/* The same entry on both sides is kept once. */
	s = both(BASE, BASE "\n## 2026-11-23 14:00 -> call: Same\n\n"
	    "## 2026-11-23 15:00 Ours\n", BASE "\n## 2026-11-23 14:00 -> call: "
	    "Same\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, BASE "\n## 2026-11-23 14:00 -> call: Same\n\n"
	    "## 2026-11-23 15:00 Ours\n");
	free(s);
	/* Untimed entries of one day: the time of the timed one above,
	 * then their bytes, whichever side is ours. */
	s = both(BASE, BASE "\n## 2026-11-23 Zed note\n",
	    BASE "\n## 2026-11-23 Alpha note\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, BASE "\n## 2026-11-23 Alpha note\n\n## 2026-11-23 Zed "
	    "note\n");
	free(s);
	s = both(BASE, BASE "\n## 2026-11-23 12:00 Noon\n\n## 2026-11-23 A "
	    "after noon\n", BASE "\n## 2026-11-23 11:00 Eleven\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, BASE "\n## 2026-11-23 11:00 Eleven\n\n## 2026-11-23 "
	    "12:00 Noon\n\n## 2026-11-23 A after noon\n");
	free(s);
	/* The order is by time, not by the bytes of the time, and an
	 * untimed entry sits at the time of the timed one above it. */
	s = both(BASE, BASE "\n## 2026-11-23 9:05 Early\n\n## 2026-11-23 "
	    "12:00 Noon\n\n## 2026-11-23 Aaa\n",
	    BASE "\n## 2026-11-23 12:30 Half\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, BASE "\n## 2026-11-23 9:05 Early\n\n## 2026-11-23 "
	    "12:00 Noon\n\n## 2026-11-23 Aaa\n\n## 2026-11-23 12:30 Half\n");
	free(s);
	/* An edit on one side and an entry on the other: both. */
	s = both(BASE, FM E1 "Jo asked again.\n\n" E2,
	    BASE "\n## 2026-11-23 Note\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, FM E1 "Jo asked again.\n\n" E2 "\n## 2026-11-23 Note\n");
	free(s);
	/* Removed on one side, untouched on the other: removed. */
	s = both(BASE, FM E2, BASE "\n## 2026-11-23 Note\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, FM E2 "\n## 2026-11-23 Note\n");
	free(s);
	/* Edited two ways: a conflict around that entry alone. */
	s = merge(MERGE_CLIENT, BASE, FM E1 "Ours.\n\n" E2 "\n## 2026-11-23 "
	    "A\n", FM E1 "Theirs.\n\n" E2, &n);
	CHECK_INT(n, 1);
	CHECK_STR(s, FM "<<<<<<< ours\n" E1 "Ours.\n=======\n" E1 "Theirs.\n"
	    ">>>>>>> theirs\n\n" E2 "\n## 2026-11-23 A\n");
	free(s);
	/* Edited on one side, removed on the other: a conflict. */
	s = merge(MERGE_CLIENT, BASE, FM E2, FM E1 "More.\n\n" E2, &n);
	CHECK_INT(n, 1);
	CHECK_STR(s, FM "<<<<<<< ours\n=======\n" E1 "More.\n>>>>>>> "
	    "theirs\n\n" E2);
	free(s);
}

static void
test_front_matter(void)
{
	char *s;
	int n;
	const char *fm2 = "---\nname = Acme\nstatus = paused\n\n[contract]\n"
	    "hours = 40\n---\n\nNotes.\n\n";
	const char *fm3 = "---\nname = Acme\nstatus = active\n\n[contract]\n"
	    "hours = 45\n---\n\nNotes.\n\n";
	struct buf b = { 0 }, c = { 0 };

	/* Different keys on the two sides, and an entry: all of it. */
	buf_printf(&b, "%s%s\n%s\n## 2026-11-23 Note\n", fm2, E1, E2);
	buf_printf(&c, "%s%s\n%s", fm3, E1, E2);
	s = both(BASE, b.s, c.s, &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = Acme\nstatus = paused\n\n[contract]\n"
	    "hours = 45\n---\n\nNotes.\n\n" E1 "\n" E2 "\n## 2026-11-23 Note\n");
	free(s);
	buf_free(&b);
	buf_free(&c);
	/* One key changed two ways: markers around that key alone. */
	s = merge(MERGE_CLIENT, BASE, "---\nname = Acme\nstatus = paused\n\n"
	    "[contract]\nhours = 40\n---\n\nNotes.\n\n" E1 "\n" E2 "\n## "
	    "2026-11-23 Ours\n", "---\nname = Acme\nstatus = former\n\n"
	    "[contract]\nhours = 50\n---\n\nNotes.\n\n" E1 "\n" E2, &n);
	CHECK_INT(n, 1);
	CHECK_STR(s, "---\nname = Acme\n<<<<<<< ours\nstatus = paused\n\n"
	    "=======\nstatus = former\n\n>>>>>>> theirs\n[contract]\n"
	    "hours = 50\n---\n\nNotes.\n\n" E1 "\n" E2 "\n## 2026-11-23 Ours\n");
	free(s);
	/* Sections added on either side are kept, after what precedes
	 * them, in the same order whichever side is ours. */
	s = both("---\nname = A\n[report 2026-09]\nx = 1\n[goal g]\nby = "
	    "2027-01-01\n---\n", "---\nname = A\n[report 2026-09]\nx = 1\n"
	    "[report 2026-10]\nx = 2\n[goal g]\nby = 2027-01-01\n---\n",
	    "---\nname = A\n[report 2026-09]\nx = 1\n[goal g]\nby = "
	    "2027-01-01\n[goal h]\nby = 2027-02-01\n---\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\n[report 2026-09]\nx = 1\n[report "
	    "2026-10]\nx = 2\n[goal g]\nby = 2027-01-01\n[goal h]\nby = "
	    "2027-02-01\n---\n");
	free(s);
	/* A section removed on one side, untouched on the other, goes; a
	 * key added to the section that the other removed is a conflict. */
	s = both("---\nname = A\n[goal g]\nby = 2027-01-01\n---\n",
	    "---\nname = B\n[goal g]\nby = 2027-01-01\n---\n",
	    "---\nname = A\n---\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = B\n---\n");
	free(s);
	s = merge(MERGE_CLIENT, "---\nname = A\n[goal g]\nby = 2027-01-01\n"
	    "---\n", "---\nname = B\n[goal g]\nby = 2027-01-01\noutcome = "
	    "met\n---\n", "---\nname = A\n---\n", &n);
	CHECK_INT(n, 1);
	CHECK_STR(s, "---\nname = B\n<<<<<<< ours\n[goal g]\nby = "
	    "2027-01-01\noutcome = met\n=======\n>>>>>>> theirs\n---\n");
	free(s);
	/* The same change on both sides is taken once. */
	s = both(BASE, "---\nname = Acme\nstatus = paused\n\n[contract]\n"
	    "hours = 40\n---\n\nNotes.\n\n" E1 "\n" E2 "\n## 2026-11-23 A\n",
	    "---\nname = Acme\nstatus = paused\n\n[contract]\nhours = 40\n"
	    "---\n\nNotes.\n\n" E1 "\n" E2 "\n## 2026-11-23 B\n", &n);
	CHECK_INT(n, 0);
	CHECK(strstr(s, "status = paused\n\n[contract]") != NULL);
	CHECK(strstr(s, "## 2026-11-23 A\n\n## 2026-11-23 B\n") != NULL);
	free(s);
}

static void
test_notes_and_files(void)
{
	char *s;
	int n;

	/* Notes changed on one side, entries on the other. */
	s = both(BASE, "---\nname = Acme\nstatus = active\n\n[contract]\n"
	    "hours = 40\n---\n\nNotes, more.\n\n" E1 "\n" E2,
	    BASE "\n## 2026-11-23 Note\n", &n);
	CHECK_INT(n, 0);
	CHECK(strstr(s, "Notes, more.\n\n" E1) != NULL);
	CHECK(strstr(s, "## 2026-11-23 Note\n") != NULL);
	free(s);
	/*
	 * Notes changed two ways: a conflict of the lines both changed
	 * alone, as git merge-file marks it.
	 */
	s = merge(MERGE_CLIENT, BASE, "---\nname = Acme\nstatus = active\n\n"
	    "[contract]\nhours = 40\n---\n\nOurs.\n\n" E1 "\n" E2,
	    "---\nname = Acme\nstatus = active\n\n[contract]\nhours = 40\n"
	    "---\n\nTheirs.\n\n" E1 "\n" E2 "\n## 2026-11-23 Note\n", &n);
	CHECK_INT(n, 1);
	CHECK(strstr(s, "---\n\n<<<<<<< ours\nOurs.\n=======\nTheirs.\n"
	    ">>>>>>> theirs\n\n") != NULL);
	CHECK(strstr(s, "## 2026-11-23 Note\n") != NULL);
	free(s);
	/* rapport.ini is INI alone. */
	s = merge(MERGE_INI, "cadence = 14d\n[owner dana]\nname = Dana\n",
	    "cadence = 7d\n[owner dana]\nname = Dana\n",
	    "cadence = 14d\n[owner dana]\nname = Dana\n[owner sam]\nname = "
	    "Sam\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "cadence = 7d\n[owner dana]\nname = Dana\n[owner sam]\n"
	    "name = Sam\n");
	free(s);
	/* A key given three times (an error check reports) is three keys,
	 * each merged in its place. */
	s = merge(MERGE_INI, "a = 1\na = 2\na = 3\n", "a = 1\na = 2\na = 4\n",
	    "a = 1\na = 2\na = 3\nb = 1\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "a = 1\na = 2\na = 4\nb = 1\n");
	free(s);
	/* Not a client file on one side: the whole text, as text. */
	s = merge(MERGE_CLIENT, BASE, "no front-matter\n", BASE "x\n", &n);
	CHECK_INT(n, 1);
	CHECK_STR(s, "<<<<<<< ours\nno front-matter\n=======\n" BASE "x\n"
	    ">>>>>>> theirs\n");
	free(s);
	/* Added on both sides (no base): the union of their entries. */
	s = both(NULL, "---\nname = A\n---\n\n## 2026-11-23 10:00 One\n",
	    "---\nname = A\n---\n\n## 2026-11-23 11:00 Two\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\n---\n\n## 2026-11-23 10:00 One\n\n"
	    "## 2026-11-23 11:00 Two\n");
	free(s);
	/* CRLF files stay CRLF, new separators included. */
	s = both("---\r\nname = A\r\n---\r\n",
	    "---\r\nname = A\r\n---\r\n\r\n## 2026-11-23 10:00 One\r\n",
	    "---\r\nname = A\r\n---\r\n\r\n## 2026-11-23 11:00 Two", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\r\nname = A\r\n---\r\n\r\n## 2026-11-23 10:00 "
	    "One\r\n\r\n## 2026-11-23 11:00 Two\r\n");
	free(s);
	/* LF on one side, CRLF on the other: the same bytes both ways. */
	s = both("---\r\nname = A\r\n---\r\n\r\n", "---\nname = A\n---\n"
	    "\n## 2026-11-23 10:00 One\n", "---\r\nname = A\r\n---\r\n\r\n"
	    "## 2026-11-23 11:00 Two\r\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\n---\n\n## 2026-11-23 10:00 One\n\n"
	    "## 2026-11-23 11:00 Two\r\n");
	free(s);
	s = both("---\nname = A\n---\n", "---\nname = A\n---\n\n## "
	    "2026-11-23 10:00 One\n", "---\nname = A\n---\n\n## "
	    "2026-11-23 11:00 Two\r\n", &n);
	CHECK_INT(n, 0);
	free(s);
	/* A heading in a code block is not an entry. */
	s = both(BASE, BASE "\n```\n## 2026-11-23 not an entry\n```\n",
	    BASE "\n## 2026-11-23 10:00 Real\n", &n);
	CHECK_INT(n, 0);
	CHECK(strstr(s, E2 "\n```\n## 2026-11-23 not an entry\n```\n") !=
	    NULL);
	CHECK(strstr(s, "## 2026-11-23 10:00 Real\n") != NULL);
	free(s);
}

/*
 * Keys and sections that the two sides add after the same anchor: the
 * result is the same whichever side is ours (both() checks it), and the
 * two runs go in the order of their first keys (merge_units.c).
 */
static void
test_same_anchor(void)
{
	char *s;
	int n;
	const char *b = "---\nname = A\nstatus = active\n\n[contract]\nhours = "
	    "40\nrenews = 2027-03-01\n\n[metrics]\ntrack = leads\n---\n";

	/* A key each after the same key, in a section. */
	s = both(b, "---\nname = A\nstatus = active\n\n[contract]\nhours = "
	    "40\nrate = 120\nrenews = 2027-03-01\n\n[metrics]\ntrack = leads\n"
	    "---\n", "---\nname = A\nstatus = active\n\n[contract]\nhours = "
	    "40\ncap = 50\nrenews = 2027-03-01\n\n[metrics]\ntrack = leads\n"
	    "---\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\nstatus = active\n\n[contract]\nhours = "
	    "40\ncap = 50\nrate = 120\nrenews = 2027-03-01\n\n[metrics]\n"
	    "track = leads\n---\n");
	free(s);
	/* Runs of two keys and one, before a section's first key. */
	s = both(b, "---\nname = A\nstatus = active\n\n[contract]\ncap = 50\n"
	    "zone = eu\nhours = 40\nrenews = 2027-03-01\n\n[metrics]\ntrack = "
	    "leads\n---\n", "---\nname = A\nstatus = active\n\n[contract]\n"
	    "budget = 9\nhours = 40\nrenews = 2027-03-01\n\n[metrics]\ntrack = "
	    "leads\n---\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\nstatus = active\n\n[contract]\nbudget = "
	    "9\ncap = 50\nzone = eu\nhours = 40\nrenews = 2027-03-01\n\n"
	    "[metrics]\ntrack = leads\n---\n");
	free(s);
	/* Keys of the top section after the same key. */
	s = both(b, "---\nname = A\nowner = dana\nstatus = active\n\n[contract]\n"
	    "hours = 40\nrenews = 2027-03-01\n\n[metrics]\ntrack = leads\n---\n",
	    "---\nname = A\nhealth = amber\nstatus = active\n\n[contract]\n"
	    "hours = 40\nrenews = 2027-03-01\n\n[metrics]\ntrack = leads\n---\n",
	    &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\nhealth = amber\nowner = dana\nstatus = "
	    "active\n\n[contract]\nhours = 40\nrenews = 2027-03-01\n\n"
	    "[metrics]\ntrack = leads\n---\n");
	free(s);
	/* A section each after the same section, between two of base's. */
	b = "---\nname = A\n\n[contract]\nhours = 40\n\n[metrics]\ntrack = "
	    "leads\n---\n";
	s = both(b, "---\nname = A\n\n[contract]\nhours = 40\n\n[report "
	    "2026-10]\nleads = 2\n\n[metrics]\ntrack = leads\n---\n",
	    "---\nname = A\n\n[contract]\nhours = 40\n\n[report 2026-09]\n"
	    "leads = 1\n\n[metrics]\ntrack = leads\n---\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\n\n[contract]\nhours = 40\n\n[report "
	    "2026-09]\nleads = 1\n\n[report 2026-10]\nleads = 2\n\n[metrics]\n"
	    "track = leads\n---\n");
	free(s);
	/* ... and after the last one, two on one side, one on the other. */
	s = both(b, "---\nname = A\n\n[contract]\nhours = 40\n\n[metrics]\n"
	    "track = leads\n[goal b]\nby = 2027-01-01\n[goal z]\nby = "
	    "2027-03-01\n---\n", "---\nname = A\n\n[contract]\nhours = 40\n\n"
	    "[metrics]\ntrack = leads\n[goal a]\nby = 2027-02-01\n---\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\n\n[contract]\nhours = 40\n\n[metrics]\n"
	    "track = leads\n[goal a]\nby = 2027-02-01\n[goal b]\nby = "
	    "2027-01-01\n[goal z]\nby = 2027-03-01\n---\n");
	free(s);
	/* rapport.ini, whose sections are people. */
	{
		const char *ib = "cadence = 14d\n[owner dana]\nname = Dana\n";
		const char *io = "cadence = 14d\n[owner dana]\nname = Dana\n"
		    "[owner sam]\nname = Sam\n";
		const char *it = "cadence = 14d\n[owner dana]\nname = Dana\n"
		    "[owner kim]\nname = Kim\n";
		char *x, *y;
		int n2;

		x = merge(MERGE_INI, ib, io, it, &n);
		y = merge(MERGE_INI, ib, it, io, &n2);
		CHECK_INT(n, 0);
		CHECK_INT(n2, 0);
		CHECK_STR(x, "cadence = 14d\n[owner dana]\nname = Dana\n"
		    "[owner kim]\nname = Kim\n[owner sam]\nname = Sam\n");
		CHECK_STR(y, x);
		free(x);
		free(y);
	}
}

/*
 * A section header with blanks inside its brackets names the section as
 * check reads it ("[ contract ]" is [contract], "[goal  big win]" is
 * [goal big win]): one side respelling the header and changing a key,
 * the other changing another key of that section, merge cleanly.
 */
static void
test_spaced_headers(void)
{
	char *s;
	int n;
	const char *b = "---\nname = A\n\n[contract]\nhours = 40\nrenews = "
	    "2027-03-01\n\n[goal big win]\nby = 2027-06-30\n---\n";

	s = both(b, "---\nname = A\n\n[ contract ]\nhours = 45\nrenews = "
	    "2027-03-01\n\n[goal big win]\nby = 2027-06-30\n---\n",
	    "---\nname = A\n\n[contract]\nhours = 40\nrenews = 2028-03-01\n\n"
	    "[goal big win]\nby = 2027-06-30\n---\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\n\n[ contract ]\nhours = 45\nrenews = "
	    "2028-03-01\n\n[goal big win]\nby = 2027-06-30\n---\n");
	free(s);
	s = both(b, "---\nname = A\n\n[contract]\nhours = 40\nrenews = "
	    "2027-03-01\n\n[  goal  big\twin ]\nby = 2027-07-31\n---\n",
	    "---\nname = A\n\n[contract]\nhours = 40\nrenews = 2027-03-01\n\n"
	    "[goal big win]\nby = 2027-06-30\nconfidence = 50\n---\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\n\n[contract]\nhours = 40\nrenews = "
	    "2027-03-01\n\n[  goal  big\twin ]\nby = 2027-07-31\n"
	    "confidence = 50\n---\n");
	free(s);
	/* Spaced in base and on one side, plain on the other. */
	s = both("---\nname = A\n[ contract ]\nhours = 40\nrenews = "
	    "2027-03-01\n---\n", "---\nname = A\n[contract]\nhours = 40\n"
	    "renews = 2028-03-01\n---\n", "---\nname = A\n[ contract ]\n"
	    "hours = 50\nrenews = 2027-03-01\n---\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = A\n[contract]\nhours = 50\nrenews = "
	    "2028-03-01\n---\n");
	free(s);
}

/* ---- issue 32: the audit ---- */

/*
 * An untimed entry first on its day sits at the start of that day: the
 * time of the last timed entry of an earlier day is no part of it.
 */
static void
test_audit_untimed_first_of_a_day(void)
{
	static const char base[] = FM "## 2026-11-01 15:00 Call A\n\n"
	    "## 2026-11-02 Untimed B\n";
	char *s;
	int n;

	s = both(base, FM "## 2026-11-01 15:00 Call A\n\n## 2026-11-02 "
	    "Untimed B\n\n## 2026-11-02 09:00 Timed C\n", FM "## 2026-11-01 "
	    "15:00 Call A\n\n## 2026-11-02 Untimed B\n\n## 2026-11-03 "
	    "Later D\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, FM "## 2026-11-01 15:00 Call A\n\n## 2026-11-02 Untimed "
	    "B\n\n## 2026-11-02 09:00 Timed C\n\n## 2026-11-03 Later D\n");
	free(s);
}

/*
 * Issue 35: what a side did on purpose stays done.  A hand reordering
 * (newest first, a section moved) survives the other side's log; list
 * items under one entry are a set; text git merge-file merges cleanly
 * merges cleanly; two entries of one message are one.
 */
#define H	"---\nname = Acme\n\n[contact]\nname = Jo\n\n[contract]\n" \
		"hours = 40\n---\n\nNotes.\n\n"
#define A	"## 2026-11-01 -> call: One\n"
#define B	"## 2026-11-05 -> call: Two\n"
#define C	"## 2026-11-09 -> call: Three\n"

static void
test_on_purpose(void)
{
	struct merge_text mb, mo, mt;
	struct buf out = { 0 };
	unsigned said = 9;
	char *s;
	int n;

	/* Newest first on one side, a new entry on the other: placed by date. */
	s = both(H A "\n" B "\n" C, H C "\n" B "\n" A,
	    H A "\n" B "\n" C "\n## 2026-11-12 <- email: Four\n\n"
	    "## 2026-11-03 <- email: Between\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, H "## 2026-11-12 <- email: Four\n\n" C "\n" B "\n"
	    "## 2026-11-03 <- email: Between\n\n" A);
	free(s);
	/* A section moved on one side, a key changed in it on the other. */
	s = both(H, "---\nname = Acme\n\n[contract]\nhours = 40\n\n"
	    "[contact]\nname = Jo\n---\n\nNotes.\n\n", "---\nname = Acme\n\n"
	    "[contact]\nname = Jo Smith\n\n[contract]\nhours = 40\n---\n\n"
	    "Notes.\n\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = Acme\n\n[contract]\nhours = 40\n\n"
	    "[contact]\nname = Jo Smith\n---\n\nNotes.\n\n");
	free(s);
	/* Both reordered, differently: ours, and said. */
	mb.s = H A "\n" B "\n" C;
	mo.s = H C "\n" B "\n" A;
	mt.s = H B "\n" A "\n" C "\n## 2026-11-12 <- email: Four\n";
	mb.len = strlen(mb.s);
	mo.len = strlen(mo.s);
	mt.len = strlen(mt.s);
	CHECK_INT(merge_said(MERGE_CLIENT, &mb, &mo, &mt, &out, &said), 0);
	CHECK_INT(said, MERGE_BOTH_REORDERED);
	buf_putc(&out, '\0');
	CHECK_STR(out.s, H "## 2026-11-12 <- email: Four\n\n" C "\n" B "\n"
	    A);
	buf_free(&out);
	/* The same reordering on both sides is said nowhere. */
	CHECK_INT(merge_said(MERGE_CLIENT, &mb, &mo, &mo, &out, &said), 0);
	CHECK_INT(said, 0);
	buf_free(&out);

	/* Two list items added under one entry: both, the same either way. */
	s = both(H B "- [ ] One due:2026-12-01\n",
	    H B "- [ ] One due:2026-12-01\n- [ ] Zed, ours due:2026-12-02\n",
	    H B "- [ ] One due:2026-12-01\n- [ ] Alpha, theirs due:2026-12-03\n",
	    &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, H B "- [ ] One due:2026-12-01\n- [ ] Alpha, theirs "
	    "due:2026-12-03\n- [ ] Zed, ours due:2026-12-02\n");
	free(s);
	/* ... but a line both changed is still a conflict, of that line. */
	s = merge(MERGE_CLIENT, H B "Text.\n", H B "Ours.\n", H B "Theirs.\n",
	    &n);
	CHECK_INT(n, 1);
	CHECK(strstr(s, "<<<<<<< ours\n" B "Ours.\n=======\n" B "Theirs.\n"
	    ">>>>>>> theirs\n") != NULL);
	free(s);

	/* Notes edited on one side, the first entry on the other. */
	s = both("---\nname = Acme\n---\n\nLine one.\nLine two.\n",
	    "---\nname = Acme\n---\n\nLine one, edited.\nLine two.\n",
	    "---\nname = Acme\n---\n\nLine one.\nLine two.\n\n" A, &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, "---\nname = Acme\n---\n\nLine one, edited.\nLine two.\n"
	    "\n" A);
	free(s);

	/*
	 * The same key added on both sides, its closing blank lines not the
	 * same: the fewer, whichever side is ours (found by fuzz-merge).
	 */
	{
		int n2;
		char *x = merge(MERGE_INI, "", "a = 1\n\n\nb = 2\n",
		    "a = 1\n\nc = 3\n", &n);
		char *y = merge(MERGE_INI, "", "a = 1\n\nc = 3\n",
		    "a = 1\n\n\nb = 2\n", &n2);

		CHECK_INT(n, 0);
		CHECK_INT(n2, 0);
		CHECK_STR(x, y);
		free(x);
		free(y);
	}
	/* Both sides moved [b] up alike: no one side's blank lines. */
	{
		int n2;
		const char *b = "[a]\nx = 1\n\n[b]\ny = 2\n";
		const char *o = "[b]\ny = 2\n\n[a]\nx = 1\nz = 3\n";
		const char *t = "[b]\ny = 2\nw = 4\n\n\n[a]\nx = 1\n";
		char *x = merge(MERGE_INI, b, o, t, &n);
		char *y = merge(MERGE_INI, b, t, o, &n2);

		CHECK_INT(n, 0);
		CHECK_INT(n2, 0);
		CHECK_STR(x, y);
		free(x);
		free(y);
	}
	/* A side git takes for binary (a NUL) is a conflict, never lost. */
	{
		struct merge_text b0 = { "", 0 }, o1 = { "#\n", 2 };
		struct merge_text t1 = { "---\nname = A\n---\n\0\n## 2026-11-20 "
		    "x\n", 30 };

		CHECK_INT(merge_file(MERGE_CLIENT, &b0, &o1, &t1, &out), 1);
		CHECK(out.len > 30 && memcmp(out.s, "<<<<<<< ours\n#\n", 15) == 0);
		buf_free(&out);
	}
	/* One message twice, a heading each: the earlier heading stays. */
	s = both(H, H "## 2026-12-07 00:30 <- email: Renewal\n<!-- message-id: "
	    "<r1@x> -->\n", H "## 2026-12-06 19:30 <- email: Renewal\n"
	    "<!-- message-id: <r1@x> -->\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, H "## 2026-12-06 19:30 <- email: Renewal\n<!-- "
	    "message-id: <r1@x> -->\n");
	free(s);
	/* Earlier by time, not by the bytes of the time. */
	s = both(H, H "## 2026-12-06 10:00 <- email: Renewal\n<!-- message-id: "
	    "<r1@x> -->\n", H "## 2026-12-06 9:05 <- email: Renewal\n"
	    "<!-- message-id: <r1@x> -->\n", &n);
	CHECK_INT(n, 0);
	CHECK_STR(s, H "## 2026-12-06 9:05 <- email: Renewal\n<!-- "
	    "message-id: <r1@x> -->\n");
	free(s);
}

/*
 * issue 37: [person KEY] sections are keys like the others: people added
 * on both sides are both kept; one edited here and another added there
 * merge clean; the same person's e-mail changed two ways is a conflict.
 */
static void
test_merge_people(void)
{
#define PFM(x)	"---\nname = Acme\n\n[contact]\nname = Jo\n" x "---\n\nNotes.\n"
	const char *b = PFM("\n[person ann]\nname = Ann\nemail = ann@acme.example\n");
	const char *o = PFM("\n[person ann]\nname = Ann\nemail = ann@acme.example\n"
	    "\n[person bo]\nname = Bo\n");
	const char *t = PFM("\n[person ann]\nname = Ann\nemail = ann@acme.example\n"
	    "\n[person cy]\nname = Cy\n");
	const char *t2 = PFM("\n[person ann]\nname = Ann\nemail = ann@new.example\n");
	const char *o3 = PFM("\n[person ann]\nname = Ann\nemail = ann@other.example\n");
	char *s;
	int n;

	s = both(b, o, t, &n);
	CHECK_INT(n, 0);
	CHECK(strstr(s, "[person bo]\nname = Bo\n") != NULL);
	CHECK(strstr(s, "[person cy]\nname = Cy\n") != NULL);
	CHECK(strstr(s, "[person ann]") != NULL && strstr(strstr(s,
	    "[person ann]") + 1, "[person ann]") == NULL);
	free(s);
	s = both(b, o, t2, &n);
	CHECK_INT(n, 0);
	CHECK(strstr(s, "email = ann@new.example") != NULL);
	CHECK(strstr(s, "[person bo]") != NULL);
	free(s);
	s = merge(MERGE_CLIENT, b, o3, t2, &n);
	CHECK_INT(n, 1);
	free(s);
#undef PFM
}

void
test_merge(void)
{
	test_unchanged();
	test_entries();
	test_front_matter();
	test_notes_and_files();
	test_same_anchor();
	test_spaced_headers();
	test_audit_untimed_first_of_a_day();
	test_on_purpose();
	test_merge_people();
}
