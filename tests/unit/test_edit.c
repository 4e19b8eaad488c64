/*
 * test_edit.c: the policy of a one-file edit over HEAD's, the index's and
 * the work tree's versions (change_edit_side, change.h), with an edit
 * whose outcome each text names: "no", "stop" and "err" in a text make
 * it say NO, STOP and ERRORS; otherwise it appends "+".
 */
#include <string.h>

#include "change.h"
#include "diag.h"
#include "unit.h"

static int calls;

static enum change_edit_got
plus(enum change_side side, const struct change_text old[CHANGE__SIDES],
    struct buf *out, struct buf *why, void *arg, struct diags *d)
{
	const char *s = old[side].s;

	(void)arg;
	(void)d;
	calls++;
	if (strstr(s, "stop") != NULL) {
		buf_puts(why, "it said stop");
		return CHANGE_EDIT_STOP;
	}
	if (strstr(s, "no") != NULL) {
		buf_puts(why, "it said no");
		return CHANGE_EDIT_NO;
	}
	buf_printf(out, "%s+", s);
	return strstr(s, "err") != NULL ? CHANGE_EDIT_ERRORS :
	    CHANGE_EDIT_DONE;
}

/* A text with "err" in it has errors of its own. */
static int
invalid(const struct change_text *t, void *arg)
{
	(void)arg;
	return strstr(t->s, "err") != NULL;
}

/* A version: NULL for a missing one. */
static struct change_text
text(const char *s)
{
	struct change_text t = { 0 };

	if (s != NULL) {
		t.s = s;
		t.len = strlen(s);
		t.exists = 1;
	}
	return t;
}

/*
 * Runs the edit over versions h, i (NULL: the index holds HEAD's) and w
 * with a fresh edit; the verdicts into v, the texts into got.
 */
static void
run_as(int skip, const char *h, const char *i, const char *w,
    enum change_verdict v[3], char got[3][64], char *refused,
    struct diags *d)
{
	struct change_edit ed = { 0 };
	struct change_text old[CHANGE__SIDES];
	enum change_side sides[] = { CHANGE_HEAD, CHANGE_INDEX, CHANGE_WORK };
	struct buf out = { 0 };
	int k;

	ed.path = "clients/a.md";
	ed.fn = plus;
	ed.invalid = invalid;
	ed.skip = skip;
	old[CHANGE_HEAD] = text(h);
	old[CHANGE_INDEX] = text(i != NULL ? i : h);
	old[CHANGE_WORK] = text(w);
	for (k = 0; k < 3; k++) {
		buf_reset(&out);
		v[k] = change_edit_side(sides[k], old, &out, &ed, d);
		snprintf(got[k], 64, "%s", out.s != NULL ? out.s : "");
		if (v[k] == CHANGE_ABORT)
			break;
	}
	if (refused != NULL)
		snprintf(refused, 128, "%s", ed.refused.s != NULL ?
		    ed.refused.s : "");
	buf_free(&out);
	change_edit_free(&ed);
}

static void
run(const char *h, const char *i, const char *w, enum change_verdict v[3],
    char got[3][64], struct diags *d)
{
	run_as(0, h, i, w, v, got, NULL, d);
}

/*
 * With skip (import-mail's): the file takes the edit in every version or
 * in none; why not is kept, never said, and the change goes on.
 */
static void
test_skip(void)
{
	enum change_verdict v[3];
	char got[3][64], why[128];
	struct diags d = { 0 };
	struct change_edit ed = { 0 };
	struct change_text old[CHANGE__SIDES] = { { 0 } };

	run_as(1, "a", NULL, "a hand", v, got, why, &d);
	CHECK(v[0] == CHANGE_WRITE && v[1] == CHANGE_WRITE &&
	    v[2] == CHANGE_WRITE);
	CHECK_STR(got[2], "a hand+");
	CHECK_STR(why, "");
	/* A work tree the edit does not fit: no version takes it. */
	calls = 0;
	run_as(1, "a", NULL, "a no", v, got, why, &d);
	CHECK(v[0] == CHANGE_KEEP && v[1] == CHANGE_KEEP &&
	    v[2] == CHANGE_KEEP);
	CHECK_STR(why, "it said no");
	CHECK_INT(calls, 2);
	run_as(1, "a", NULL, "a stop", v, got, why, &d);
	CHECK(v[0] == CHANGE_KEEP && v[2] == CHANGE_KEEP);
	/* HEAD's refusals name the file as "it". */
	run_as(1, NULL, NULL, "a", v, got, why, &d);
	CHECK(v[0] == CHANGE_KEEP && v[2] == CHANGE_KEEP);
	CHECK_STR(why, "it is not in git yet: commit it first ('rapport "
	    "commit')");
	run_as(1, "err", NULL, "err", v, got, why, &d);
	CHECK(strncmp(why, "it has errors: fix them first", 29) == 0);
	run_as(1, "err", NULL, "mended", v, got, why, &d);
	CHECK(strncmp(why, "git's version of it has errors", 30) == 0);
	CHECK_INT((int)d.n, 0);

	/* A dry run decides as the change would, with nothing written. */
	ed.path = "clients/a.md";
	ed.fn = plus;
	ed.skip = 1;
	old[CHANGE_HEAD] = text("a");
	old[CHANGE_WORK] = text("a no");
	CHECK_INT(change_edit_decide(&ed, old, &d), 0);
	CHECK_STR(ed.refused.s, "it said no");
	old[CHANGE_WORK] = text("a");
	CHECK_INT(change_edit_decide(&ed, old, &d), 1);
	CHECK_INT((int)ed.refused.len, 0);
	change_edit_free(&ed);
	CHECK_INT((int)d.n, 0);
}

void
test_edit(void)
{
	enum change_verdict v[3];
	char got[3][64];
	struct diags d = { 0 };

	/* Every version takes it; a text that is HEAD's is not edited again. */
	calls = 0;
	run("a", NULL, "a", v, got, &d);
	CHECK_INT(v[0], CHANGE_WRITE);
	CHECK_INT(v[1], CHANGE_WRITE);
	CHECK_INT(v[2], CHANGE_WRITE);
	CHECK_STR(got[0], "a+");
	CHECK_STR(got[2], "a+");
	CHECK_INT(calls, 1);
	CHECK_INT((int)d.n, 0);

	/* HEAD's must take it: else nothing is changed, and why is said. */
	run(NULL, NULL, "a", v, got, &d);
	CHECK_INT(v[0], CHANGE_ABORT);
	CHECK_DIAG(&d, 0, 2, "clients/a.md is not in git yet: commit it first");
	diags_free(&d);
	/* ... unless the file's own errors keep it from git. */
	run(NULL, NULL, "a err", v, got, &d);
	CHECK_INT(v[0], CHANGE_ABORT);
	CHECK_DIAG(&d, 0, 2, "clients/a.md has errors: fix them first");
	diags_free(&d);
	run("a", NULL, NULL, v, got, &d);
	CHECK_INT(v[0], CHANGE_ABORT);
	CHECK_DIAG(&d, 0, 2, "was removed from the work tree");
	diags_free(&d);
	run("no", NULL, "no", v, got, &d);
	CHECK_INT(v[0], CHANGE_ABORT);
	CHECK_DIAG(&d, 0, 2, "it said no; nothing was changed");
	diags_free(&d);
	run("err", NULL, "err", v, got, &d);
	CHECK_INT(v[0], CHANGE_ABORT);
	CHECK_DIAG(&d, 0, 2, "clients/a.md has errors: fix them first");
	diags_free(&d);

	/* A staged text the edit does not fit gets the commit's. */
	run("a", "a no", "a", v, got, &d);
	CHECK_INT(v[1], CHANGE_KEEP);
	CHECK_INT(v[2], CHANGE_WRITE);
	CHECK_INT((int)d.n, 0);
	run("a", "a stop", "a", v, got, &d);
	CHECK_INT(v[1], CHANGE_KEEP);
	CHECK_INT(v[2], CHANGE_WRITE);
	CHECK_INT((int)d.n, 0);

	/* The work tree's: kept with a warning, or written with one... */
	run("a", NULL, "a no", v, got, &d);
	CHECK_INT(v[2], CHANGE_KEEP);
	CHECK_DIAG(&d, 0, 1, "it said no; they stay as they are, uncommitted");
	diags_free(&d);
	run("a", NULL, "a err", v, got, &d);
	CHECK_INT(v[2], CHANGE_WRITE);
	CHECK_STR(got[2], "a err+");
	CHECK_DIAG(&d, 0, 1, "the uncommitted changes in clients/a.md have "
	    "errors");
	diags_free(&d);
	/* ... or, when the edit says so, nothing is changed. */
	run("a", NULL, "a stop", v, got, &d);
	CHECK_INT(v[2], CHANGE_ABORT);
	CHECK_DIAG(&d, 0, 2, "it said stop; nothing was changed");
	diags_free(&d);
	/* HEAD's errors in a file whose work tree is mended: git's. */
	run("err", NULL, "mended", v, got, &d);
	CHECK_INT(v[0], CHANGE_ABORT);
	CHECK_DIAG(&d, 0, 2, "git's version of clients/a.md has errors");
	diags_free(&d);
	test_skip();
}
