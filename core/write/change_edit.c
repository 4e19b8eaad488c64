/*
 * change_edit.c: the policy of an edit of one client file over its three
 * versions (see change.h), so that log, done and share say only how they
 * edit a text, and each of them treats HEAD's, the index's and the work
 * tree's versions, and words the outcome, alike.
 */
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "util.h"

static int
same_text(const struct change_text *a, const struct change_text *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/*
 * With skip, the work tree's text is edited before anything is written,
 * so that the file takes the edit in every version or in none.  Returns
 * 0, or -1 with why.
 */
static int
work_first(struct change_edit *ed, const struct change_text old[],
    struct buf *why, struct diags *d)
{
	enum change_edit_got got;

	if (same_text(&old[CHANGE_WORK], &old[CHANGE_HEAD]))
		return 0;
	buf_reset(&ed->work_out);
	got = ed->fn(CHANGE_WORK, old, &ed->work_out, why, ed->arg, d);
	if (got == CHANGE_EDIT_NO || got == CHANGE_EDIT_STOP) {
		if (why->len == 0)
			buf_puts(why, "its uncommitted changes do not take it: "
			    "commit or undo them first");
		return -1;
	}
	ed->work_done = 1;
	return 0;
}

/*
 * HEAD's version: it takes the edit, or nothing is changed (with skip:
 * this file is not).  Messages name the file, or say "it" with skip,
 * where the caller names it.
 */
static enum change_verdict
head_side(struct change_edit *ed, const struct change_text old[CHANGE__SIDES],
    struct buf *out, struct buf *why, struct diags *d)
{
	const struct change_text *t = &old[CHANGE_HEAD], *w = &old[CHANGE_WORK];
	const char *who = ed->skip ? "it" : ed->path;
	int errors = 0;

	if (!t->exists) {
		/* A file's own errors, not git, keep it from a commit. */
		errors = ed->invalid != NULL && w->exists && !w->link &&
		    ed->invalid(w, ed->arg);
		if (!errors)
			buf_printf(why, "%s is not in git yet: commit it first "
			    "('rapport commit')", who);
	} else if (t->link || w->link)
		buf_printf(why, "%s is a symbolic link: rapport changes and "
		    "commits only files", who);
	else if (!w->exists)
		buf_printf(why, "%s was removed from the work tree: restore "
		    "it (git checkout -- %s) or commit its removal", who,
		    ed->path);
	else {
		switch (ed->fn(CHANGE_HEAD, old, out, why, ed->arg, d)) {
		case CHANGE_EDIT_DONE:
			if (ed->skip && work_first(ed, old, why, d) == -1)
				break;
			buf_putn(&ed->head_out, out->s, out->len);
			return CHANGE_WRITE;
		case CHANGE_EDIT_ERRORS:
			errors = 1;
			break;
		case CHANGE_EDIT_NO:
		case CHANGE_EDIT_STOP:
			break;
		}
	}
	if (errors) {
		buf_reset(why);
		/* check reads the work tree: say which text has them. */
		if (t->exists && !same_text(w, t))
			buf_printf(why, "git's version of %s has errors: fix "
			    "them and commit ('rapport check %s', then "
			    "'rapport commit')", who, ed->path);
		else
			buf_printf(why, "%s has errors: fix them first "
			    "('rapport check %s')", who, ed->path);
	}
	buf_reset(out);
	if (ed->skip) {
		buf_reset(&ed->refused);
		buf_puts(&ed->refused, why->s != NULL ? why->s :
		    "it does not take it");
		return CHANGE_KEEP;
	}
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s; nothing was changed",
	    why->s != NULL ? why->s : ed->path);
	return CHANGE_ABORT;
}

enum change_verdict
change_edit_side(enum change_side side,
    const struct change_text old[CHANGE__SIDES], struct buf *out, void *arg,
    struct diags *d)
{
	struct change_edit *ed = arg;
	const struct change_text *t = &old[side];
	struct buf why = { 0 };
	enum change_verdict v = CHANGE_KEEP;
	enum change_edit_got got;

	if (side == CHANGE_HEAD) {
		buf_reset(&ed->refused);
		ed->work_done = 0;
		v = head_side(ed, old, out, &why, d);
		goto out;
	}
	/* A file skipped, a staged removal or link: as they are. */
	if (ed->refused.len > 0 || !t->exists || t->link)
		goto out;
	/* The same text as HEAD's gets the same result. */
	if (same_text(t, &old[CHANGE_HEAD])) {
		buf_putn(out, ed->head_out.s, ed->head_out.len);
		v = CHANGE_WRITE;
		goto out;
	}
	if (side == CHANGE_WORK && ed->work_done) {
		buf_putn(out, ed->work_out.s, ed->work_out.len);
		v = CHANGE_WRITE;
		goto out;
	}
	got = ed->fn(side, old, out, &why, ed->arg, d);
	if (got == CHANGE_EDIT_DONE || got == CHANGE_EDIT_ERRORS) {
		if (got == CHANGE_EDIT_ERRORS && side == CHANGE_WORK)
			diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "the "
			    "uncommitted changes in %s have errors ('rapport "
			    "check %s'); they stay as they are, uncommitted",
			    ed->path, ed->path);
		v = CHANGE_WRITE;
		goto out;
	}
	/* Not fitted: a staged text gets the commit's. */
	buf_reset(out);
	if (side != CHANGE_WORK)
		goto out;
	/* With skip, work_first said yes to this very text. */
	if (got == CHANGE_EDIT_STOP || ed->skip) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s; nothing was "
		    "changed", why.s != NULL ? why.s : ed->path);
		v = CHANGE_ABORT;
	} else
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "%s; they stay as "
		    "they are, uncommitted", why.s != NULL ? why.s : ed->path);
out:
	buf_free(&why);
	/*
	 * The work tree's side comes last (sides.c): the results kept for
	 * it are done with, and a change of thousands of files would
	 * otherwise hold a copy of each new text to the end.
	 */
	if (side == CHANGE_WORK) {
		buf_free(&ed->head_out);
		buf_free(&ed->work_out);
	}
	return v;
}

void
change_file_edit(struct change *ch, const char *path, struct change_edit *ed)
{
	change_file(ch, path, change_edit_side, ed);
}

int
change_edit_decide(struct change_edit *ed,
    const struct change_text old[CHANGE__SIDES], struct diags *d)
{
	struct buf out = { 0 };
	enum change_verdict v;

	v = change_edit_side(CHANGE_HEAD, old, &out, ed, d);
	buf_free(&out);
	return v == CHANGE_WRITE;
}

void
change_edit_free(struct change_edit *ed)
{
	if (ed == NULL)
		return;
	buf_free(&ed->refused);
	buf_free(&ed->head_out);
	buf_free(&ed->work_out);
}
