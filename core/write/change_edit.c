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

/* HEAD's version: it takes the edit, or nothing is changed. */
static enum change_verdict
head_side(struct change_edit *ed, const struct change_text old[CHANGE__SIDES],
    struct buf *out, struct buf *why, struct diags *d)
{
	const struct change_text *t = &old[CHANGE_HEAD];
	int errors = 0;

	if (!t->exists) {
		/* A file's own errors, not git, keep it from a commit. */
		errors = ed->invalid != NULL && old[CHANGE_WORK].exists &&
		    !old[CHANGE_WORK].link &&
		    ed->invalid(&old[CHANGE_WORK], ed->arg);
		if (!errors)
			buf_printf(why, "%s is not in git yet: commit it first "
			    "('rapport commit')", ed->path);
	} else if (t->link || old[CHANGE_WORK].link)
		buf_printf(why, "%s is a symbolic link: rapport changes and "
		    "commits only files", ed->path);
	else if (!old[CHANGE_WORK].exists)
		buf_printf(why, "%s was removed from the work tree: restore "
		    "it (git checkout -- %s) or commit its removal", ed->path,
		    ed->path);
	else {
		switch (ed->fn(CHANGE_HEAD, old, out, why, ed->arg, d)) {
		case CHANGE_EDIT_DONE:
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
		buf_printf(why, "%s has errors: fix them first ('rapport check "
		    "%s')", ed->path, ed->path);
	}
	buf_reset(out);
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
		v = head_side(ed, old, out, &why, d);
		goto out;
	}
	/* A staged removal or link gets the commit's. */
	if (!t->exists || t->link)
		goto out;
	/* The same text as HEAD's gets the same result. */
	if (t->len == old[CHANGE_HEAD].len &&
	    memcmp(t->s, old[CHANGE_HEAD].s, t->len) == 0) {
		buf_putn(out, ed->head_out.s, ed->head_out.len);
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
	if (got == CHANGE_EDIT_STOP) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s; nothing was "
		    "changed", why.s != NULL ? why.s : ed->path);
		v = CHANGE_ABORT;
	} else
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "%s; they stay as "
		    "they are, uncommitted", why.s != NULL ? why.s : ed->path);
out:
	buf_free(&why);
	return v;
}

void
change_file_edit(struct change *ch, const char *path, struct change_edit *ed)
{
	change_file(ch, path, change_edit_side, ed);
}

void
change_edit_free(struct change_edit *ed)
{
	if (ed == NULL)
		return;
	buf_free(&ed->head_out);
}
