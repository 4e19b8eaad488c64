/*
 * cmd_done.c: rapport done [-n|--no-verify] CLIENT TEXT...
 *
 * Keeps a promise: the one open commitment of the client whose text
 * contains TEXT (case aside) gets its box ticked and " done:TODAY" at its
 * end, and that alone is committed, through the write path (change.h), as
 * log's entry is: the commit is HEAD's text with the box ticked, and hand
 * edits in the file stay in the work tree, uncommitted.
 *
 * The commitment is chosen in the work tree's text, the one the user
 * sees: none or several matching is an error whose notes list the
 * candidates at their lines in it (the open ones, or the matching ones);
 * one already kept says so.  A commitment whose whole text is TEXT is
 * chosen over those that only contain it, so that "Send invoice" can be
 * kept beside "Send invoice reminder".  Then, under the change's lock,
 * HEAD's text must have that commitment (the same text) open once: one
 * only in uncommitted changes must be committed first.  The index's text
 * gets the tick where it has it open once too, else the committed text.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "cli.h"
#include "commitment.h"
#include "fileio.h"
#include "util.h"

#define DONE_LIST	8	/* candidates listed at most */

struct tick {
	const struct workspace	*ws;
	const char		*rel;
	const char		*q;
	date_t			 today;
	char			*text;		/* the chosen one's */
};

/* Notes listing the candidates, with their due or done date. */
static void
list(struct diags *d, const char *rel, const struct commitment *const *m,
    size_t n, size_t total)
{
	char day[11];
	size_t i;

	for (i = 0; i < n; i++) {
		const struct commitment *k = m[i];
		date_t when = k->done ? k->done_on : k->due;

		date_format(when, day);
		diag_msg(d, rel, k->line, k->col, DIAG_NOTE, "%s%s%s%s",
		    k->text, when == DATE_NONE ? "" : k->done ? ", kept on " :
		    ", due ", when == DATE_NONE ? "" : day,
		    k->theirs ? " (theirs)" : "");
	}
	if (total > n)
		diag_msg(d, rel, 0, 0, DIAG_NOTE, "and %zu more", total - n);
}

/* Every open commitment of c, for the notes of "none matches". */
static size_t
open_ones(const struct client *c, const struct commitment **m, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < c->ncommitments; i++)
		if (!c->commitments[i].done) {
			if (n < max)
				m[n] = &c->commitments[i];
			n++;
		}
	return n;
}

/*
 * Says why q names no one open commitment of the work tree's text c: n
 * of them match, the first in m.
 */
static void
no_choice(const struct tick *a, const struct client *c, size_t n,
    const struct commitment *const *m, struct diags *d)
{
	const struct commitment *k[DONE_LIST];
	size_t nk;

	if (n > 1) {
		diag_msg(d, a->rel, 0, 0, DIAG_ERROR, "'%s' is in %zu open "
		    "commitments: give more of the words of the one you "
		    "kept; nothing was changed", a->q, n);
		list(d, a->rel, m, n < DONE_LIST ? n : DONE_LIST, n);
	} else if ((nk = commitment_find(c, a->q, 1, k, DONE_LIST)) > 0) {
		diag_msg(d, a->rel, 0, 0, DIAG_ERROR, "'%s' was kept already: "
		    "nothing was changed", a->q);
		list(d, a->rel, k, nk < DONE_LIST ? nk : DONE_LIST, nk);
	} else if ((nk = open_ones(c, k, DONE_LIST)) == 0)
		diag_msg(d, a->rel, 0, 0, DIAG_ERROR, "no open commitments, so "
		    "none with '%s': nothing was changed", a->q);
	else {
		diag_msg(d, a->rel, 0, 0, DIAG_ERROR, "no open commitment "
		    "contains '%s'; the open ones are below: nothing was "
		    "changed", a->q);
		list(d, a->rel, k, nk < DONE_LIST ? nk : DONE_LIST, nk);
	}
}

/*
 * Chooses the commitment q names in the work tree's file: sets a->text
 * and returns 0, or reports why not to d and returns -1.
 */
static int
choose(struct tick *a, struct diags *d)
{
	const struct commitment *m[DONE_LIST];
	struct diags quiet = { 0 };
	struct client c;
	char *path = xasprintf("%s/%s", a->ws->root, a->rel), *s = NULL;
	size_t len, n;
	int rc = -1;

	memset(&c, 0, sizeof(c));
	if (file_read_all(path, &s, &len) == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot read %s: %s",
		    a->rel, strerror(errno));
		goto out;
	}
	/* Errors of hand edits are check's business; the boxes still read. */
	cli_parse(a->ws, a->rel, s, len, &c, &quiet);
	if ((n = commitment_find(&c, a->q, 0, m, DONE_LIST)) != 1)
		no_choice(a, &c, n, m, d);
	else {
		a->text = xstrdup(m[0]->text);
		rc = 0;
	}
out:
	client_free(&c);
	diags_free(&quiet);
	free(path);
	free(s);
	return rc;
}

/*
 * Whether text t (cm ticked in it) parses with as many commitments as
 * before and cm's now kept today with the same text: the tick reads back.
 * Sets *errors to the errors of t.
 */
static int
reads_back(const struct tick *a, const struct buf *t, size_t before,
    const struct commitment *cm, struct diags *d, int *errors)
{
	struct client c;
	size_t i;
	int ok = 0;

	*errors = cli_parse(a->ws, a->rel, t->s, t->len, &c, d);
	if (c.ncommitments == before)
		for (i = 0; i < c.ncommitments; i++)
			if (c.commitments[i].line == cm->line &&
			    c.commitments[i].col == cm->col)
				ok = c.commitments[i].done &&
				    c.commitments[i].done_on == a->today &&
				    strcmp(c.commitments[i].text,
				    cm->text) == 0;
	client_free(&c);
	return ok;
}

/*
 * Ticks the one open commitment with a->text in side's text t into out:
 * 1 when done, 0 when t has it open nowhere, -1 when more than once.
 * The tick must read back; errors == 1 when the result has errors.
 */
static int
tick_text(const struct tick *a, const struct change_text *t,
    struct buf *out, int *errors)
{
	const struct commitment *m[2];
	struct diags quiet = { 0 };
	struct client c;
	size_t n;
	int rc = 0, bad = 0;

	cli_parse(a->ws, a->rel, t->s, t->len, &c, &quiet);
	n = commitment_find(&c, a->text, 0, m, 2);
	if (n > 0 && strcmp(m[0]->text, a->text) != 0)
		n = 0;		/* only containing it: not the same one */
	if (n > 1)
		rc = -1;
	else if (n == 1 && commitment_tick(t->s, t->len, m[0], a->today,
	    out) == 0) {
		diags_free(&quiet);
		if (reads_back(a, out, c.ncommitments, m[0], &quiet, &bad))
			rc = 1;
		else
			buf_reset(out);
	}
	*errors = bad > 0;
	client_free(&c);
	diags_free(&quiet);
	return rc;
}

/*
 * Every version gets the tick where it has the commitment open once
 * (change_edit: HEAD's is what is committed; hand edits stay in the work
 * tree).  Open twice in the work tree stops it: which one was meant?
 */
static enum change_edit_got
tick_fn(enum change_side side, const struct change_text old[],
    struct buf *out, struct buf *why, void *arg, struct diags *d)
{
	struct tick *a = arg;
	int rc, errors;

	(void)d;
	rc = tick_text(a, &old[side], out, &errors);
	if (rc == 1)
		return errors ? CHANGE_EDIT_ERRORS : CHANGE_EDIT_DONE;
	if (side == CHANGE_HEAD && rc == 0)
		buf_printf(why, "'%s' is not open in the last commit of %s: "
		    "commit your changes first ('rapport commit')", a->text,
		    a->rel);
	else if (side == CHANGE_HEAD)
		buf_printf(why, "the last commit of %s has '%s' open twice: "
		    "keep one ('rapport edit')", a->rel, a->text);
	else if (rc == 0)
		buf_printf(why, "the uncommitted changes in %s do not have "
		    "'%s' open", a->rel, a->text);
	else
		buf_printf(why, "the uncommitted changes in %s have '%s' open "
		    "twice: commit them or undo them first", a->rel, a->text);
	return side != CHANGE_HEAD && rc == -1 ? CHANGE_EDIT_STOP :
	    CHANGE_EDIT_NO;
}

/*
 * The words asked for, read as a commitment's text is (body.c): one
 * space apart, none at the ends.  In place; returns q.
 */
static char *
one_space(char *q)
{
	size_t n = 0;
	const char *p;

	for (p = q; *p != '\0'; p++)
		if ((*p != ' ' && *p != '\t') || (n > 0 && q[n - 1] != ' '))
			q[n++] = *p == '\t' ? ' ' : *p;
	while (n > 0 && q[n - 1] == ' ')
		n--;
	q[n] = '\0';
	return q;
}

int
cmd_done(const struct globals *g, int argc, char **argv)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct change *ch = NULL;
	struct diags d = { 0 };
	struct tick a;
	struct change_edit ed = { 0 };
	struct buf msg = { 0 };
	const char *rel;
	char *q = NULL, *slug = NULL;
	static const struct option opts[] = {
		{ "no-verify", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	int rc = EXIT_USAGE, c;
	unsigned hooks = 0;

	memset(&ws, 0, sizeof(ws));
	memset(&a, 0, sizeof(a));
	while ((c = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
		if (c != 'n')
			return cli_usage(NULL);
		hooks = CHANGE_NO_VERIFY;
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc < 2)
		return cli_usage("done needs the client first, then words of "
		    "the commitment it keeps");
	if (argc < 3)
		return cli_usage("which commitment of %s? give words of its "
		    "text after the client", argv[1]);
	if ((q = cli_words(argc - 2, argv + 2)) == NULL) {
		cli_error("TEXT is a few words of the commitment, on one line");
		return EXIT_USAGE;
	}
	if (*one_space(q) == '\0') {
		cli_error("TEXT is empty: give a few words of the commitment");
		goto out;
	}
	if (cli_begin(&ws, &r, g, &d) == -1)
		goto out;
	if ((rel = cli_client(&ws, argv[1])) == NULL ||
	    cli_writable(&ws, r, rel) == -1)
		goto out;
	slug = ws_slug(rel);
	a.ws = &ws;
	a.rel = rel;
	a.q = q;
	a.today = ws.today;
	if (choose(&a, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	if ((ch = cli_change(r, hooks)) == NULL)
		goto out;
	ed.path = rel;
	ed.fn = tick_fn;
	ed.arg = &a;
	change_file_edit(ch, rel, &ed);
	buf_printf(&msg, "%s: done: %s", slug, a.text);
	if (cli_commit(ch, msg.s, &d) != 0) {
		cli_diags(&d);
		goto out;
	}
	cli_diags(&d);		/* warnings, if any */
	rc = EXIT_OK;
out:
	cli_change_end(ch);
	change_edit_free(&ed);
	buf_free(&msg);
	free(a.text);
	free(slug);
	free(q);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
