/*
 * cmd_commit.c: rapport commit [-m MSG] [-n|--no-verify] [FILE...]
 *
 * Commits the client files (clients/ ** / *.md) and rapport.ini that differ
 * from HEAD, or only the FILEs given (a moved file with its old place), as
 * the work tree holds them, whether staged or not; nothing else in the
 * repository is touched.  With FILEs, errors in the other changed files
 * are reported and do not stop it.  The changed client files and
 * rapport.ini are validated first and errors stop the commit unless
 * --no-verify, which also skips git's pre-commit and commit-msg hooks; a
 * file that changes after it was validated is refused.  A
 * file git ignores, or one rapport does not read (hidden, too deep), is
 * never committed: each is named.  Without -m the message names the
 * clients.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "cli.h"
#include "commit_plan.h"
#include "util.h"

/* A summary line longer than this moves the list of clients to the body. */
#define SUMMARY_MAX	72

struct group {
	const char	*verb;
	struct buf	 list;
	size_t		 n;
};

static void
group_add(struct group *g, const char *slug)
{
	buf_printf(&g->list, "%s%s", g->n > 0 ? ", " : "", slug);
	g->n++;
}

/*
 * "add acme; update beta, gamma; remove delta" from the files the plan
 * takes, a move named once as such (plan_file.moved).
 */
static char *
default_message(const struct commit_plan *p)
{
	struct group g[] = {
		{ "add", { 0 }, 0 },
		{ "update", { 0 }, 0 },
		{ "move", { 0 }, 0 },
		{ "remove", { 0 }, 0 },
	};
	struct buf sum = { 0 }, body = { 0 };
	const struct plan_file *f;
	size_t i, k, nclients = 0;
	int settings = 0;

	for (i = 0; i < p->n; i++) {
		f = &p->v[i];
		if (f->left != PLAN_TAKEN)
			continue;
		if (strcmp(f->path, "rapport.ini") == 0) {
			settings = 1;
			continue;
		}
		/* A move is named once, at its new place. */
		if (!(f->moved && f->kind == REPO_REMOVED)) {
			k = f->moved ? 2 : f->kind == REPO_ADDED ? 0 :
			    f->kind == REPO_MODIFIED ? 1 : 3;
			group_add(&g[k], f->slug);
			nclients++;
		}
	}
	for (k = 0; k < 4; k++)
		if (g[k].n > 0)
			buf_printf(&sum, "%s%s %s", sum.len ? "; " : "",
			    g[k].verb, g[k].list.s);
	if (settings)
		buf_printf(&sum, "%supdate rapport.ini", sum.len ? "; " : "");
	if (sum.len > SUMMARY_MAX) {
		for (k = 0; k < 4; k++)
			if (g[k].n > 0)
				buf_printf(&body, "%s: %s\n", g[k].verb,
				    g[k].list.s);
		buf_reset(&sum);
		buf_printf(&sum, "update %zu clients%s\n\n%s", nclients,
		    settings ? " and rapport.ini" : "", body.s);
	}
	for (k = 0; k < 4; k++)
		buf_free(&g[k].list);
	buf_free(&body);
	return buf_detach(&sum);
}

/*
 * A file as the work tree holds it, exactly the text that was validated:
 * one that changed since is refused rather than committed unchecked.
 */
struct take {
	const char	*path;
	uint64_t	 hash;		/* of the validated bytes */
	int		 removed;
};

static enum change_verdict
take_work(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct take *t = arg;
	const struct change_text *w = &old[CHANGE_WORK];

	if (side == CHANGE_WORK)
		return CHANGE_KEEP;
	if (!w->exists)
		return CHANGE_REMOVE;
	if (t->removed || hash64(w->s, w->len, 0) != t->hash) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s changed while it "
		    "was being committed: nothing was committed; run 'rapport "
		    "commit' again", t->path);
		return CHANGE_ABORT;
	}
	buf_putn(out, w->s, w->len);
	return CHANGE_WRITE;
}

/* Whether text has a line that starts one of git's conflict markers. */
static int
marked(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 8 <= len; i++)
		if ((i == 0 || s[i - 1] == '\n') &&
		    (memcmp(s + i, "<<<<<<< ", 8) == 0 ||
		    memcmp(s + i, ">>>>>>> ", 8) == 0))
			return 1;
	return 0;
}

/*
 * A file of a merge that is not a client file: the work tree's text once
 * its conflict is resolved, else what the merge staged.
 */
static enum change_verdict
take_merged(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct repo_merge_file *m = arg;
	const struct change_text *t = &old[m->conflicted ? CHANGE_WORK :
	    CHANGE_INDEX];

	if (side != CHANGE_HEAD)
		return CHANGE_KEEP;
	if (!t->exists)
		return CHANGE_REMOVE;
	if (m->conflicted && marked(t->s, t->len)) {
		diag_msg(d, m->path, 0, 0, DIAG_ERROR, "still holds conflict "
		    "markers (<<<<<<< and >>>>>>> lines): resolve them, then "
		    "commit");
		return CHANGE_ABORT;
	}
	buf_putn(out, t->s, t->len);
	return CHANGE_WRITE;
}

/*
 * Whether path's errors are the commit's to report: rapport.ini's and
 * rapport's own, and those of the changed client files it checked.
 */
static int
reported(const struct commit_plan *p, const char *path)
{
	const struct plan_file *f = commit_plan_find(p, path);

	return strcmp(path, "rapport.ini") == 0 ||
	    strcmp(path, "rapport") == 0 || (f != NULL &&
	    (f->left == PLAN_TAKEN || f->left == PLAN_NOT_GIVEN));
}

/*
 * Whether path's errors stop the commit: all that are reported, or with
 * files given, rapport's and those of the files it takes.
 */
static int
stops(const struct commit_plan *p, const char *path, size_t nfiles)
{
	const struct plan_file *f = commit_plan_find(p, path);

	return nfiles == 0 || strcmp(path, "rapport") == 0 || (f != NULL &&
	    f->left == PLAN_TAKEN);
}

/* Names each changed file the plan leaves for git or for rapport. */
static void
print_left(const struct commit_plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].left == PLAN_IGNORED)
			printf("skipped %s: git ignores it (a .gitignore names "
			    "it)\n", p->v[i].path);
		else if (p->v[i].left == PLAN_UNREAD)
			printf("skipped %s: rapport does not read it%s%s\n",
			    p->v[i].path, p->v[i].why ? ": " : "",
			    p->v[i].why ? p->v[i].why : "");
}

/*
 * Validates the changed client files that still exist, into d, which
 * holds rapport.ini's problems already (ws_open), and prints those of
 * the commit.  -1 (said) when errors stop it.
 */
static int
check(const struct commit_plan *p, struct workspace *ws, size_t nfiles,
    int no_verify, struct diags *d)
{
	struct diags mine = { 0 };
	size_t i, n, nerr = 0;
	const char **only = commit_plan_to_check(p, &n);

	ws_load(ws, only, n, d);
	free(only);
	for (i = 0; i < d->n; i++)
		if (reported(p, d->v[i].file))
			diag_msg(&mine, d->v[i].file, d->v[i].line,
			    d->v[i].col, d->v[i].level, "%s", d->v[i].msg);
	cli_diags(&mine);
	for (i = 0; i < mine.n; i++)
		nerr += mine.v[i].level == DIAG_ERROR &&
		    stops(p, mine.v[i].file, nfiles);
	if (nerr > 0 && !no_verify) {
		cli_error("commit stopped: %zu error%s in the %s files; fix %s, "
		    "or commit anyway with --no-verify", nerr, nerr == 1 ? "" :
		    "s", nfiles > 0 ? "given" : "changed", nerr == 1 ? "it" :
		    "them");
		diags_free(&mine);
		return -1;
	}
	if (nfiles > 0 && mine.nerr > nerr)
		fprintf(stderr, "rapport: the errors above are in files not "
		    "given: those stay as they are, uncommitted\n");
	diags_free(&mine);
	return 0;
}

/*
 * Adds to the change each file the plan takes, as the text that was
 * validated (take[i], one per file of the plan), a merge's other files,
 * and its heads.  -1 (to d) when a head cannot be read.
 */
static int
put(const struct commit_plan *p, const struct workspace *ws,
    struct change *change, struct take *take, struct diags *d)
{
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		if (p->v[i].left != PLAN_TAKEN)
			continue;
		take[i].path = p->v[i].path;
		take[i].removed = p->v[i].kind == REPO_REMOVED;
		if (strcmp(take[i].path, "rapport.ini") == 0)
			take[i].hash = ws->ini_hash;
		for (j = 0; j < ws->nclients; j++)
			if (strcmp(ws->clients[j].path, take[i].path) == 0)
				take[i].hash = ws->clients[j].hash;
		change_file(change, take[i].path, take_work, &take[i]);
	}
	for (i = 0; i < p->nmf; i++)
		if (!repo_workspace_file(p->mf[i].path))
			change_file(change, p->mf[i].path, take_merged,
			    &p->mf[i]);
	for (i = 0; i < (size_t)p->nheads; i++)
		if (change_parent(change, p->heads[i], d) == -1)
			return -1;
	if (p->nheads > 0)
		change_resolve(change);
	return 0;
}

/*
 * The files given (n of argv) as paths in the workspace, into files:
 * each a client file or rapport.ini.  -1 (said) when one is not.
 */
static int
given(const struct workspace *ws, char **argv, char **files, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		files[i] = ws_relpath(ws, argv[i]);
		if (files[i] == NULL || !repo_workspace_file(files[i])) {
			cli_usage("%s is not a client file (clients/ ** / *.md) "
			    "or the rapport.ini of this workspace", argv[i]);
			return -1;
		}
	}
	return 0;
}

/* Commits, and says what came of it; a merge concluded ends.  Exit code. */
static int
commit(struct change *change, struct repo *r, const struct commit_plan *p,
    const char *msg, struct diags *d)
{
	int rc = EXIT_USAGE;

	switch (cli_commit(change, msg, d)) {
	case 0:
		if (p->nheads > 0 && repo_merge_end(r, d) == 0)
			puts("the merge is concluded: 'rapport sync' pushes it");
		rc = EXIT_OK;
		break;
	case 1:
		puts("nothing to commit: the changed files match HEAD");
		rc = EXIT_OK;
		break;
	}
	cli_diags(d);
	return rc;
}

/* -m's message, a merge's (git's words, else "Merge"), or one made here. */
static char *
message(const char *given, struct repo *r, const struct commit_plan *plan)
{
	char *msg;

	if (given != NULL)
		return xstrdup(given);
	if (plan->nheads > 0)
		return (msg = repo_merge_message(r)) != NULL ? msg :
		    xstrdup("Merge");
	return default_message(plan);
}

int
cmd_commit(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "no-verify", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct repo *r = NULL;
	struct diags d = { 0 };
	struct commit_plan plan;
	struct change *change = NULL;
	struct take *take = NULL;
	const char *msg_arg = NULL;
	char *msg = NULL, **files = NULL;
	size_t nfiles = 0, i;
	int ch, rc = EXIT_USAGE, no_verify = 0;

	memset(&ws, 0, sizeof(ws));
	memset(&plan, 0, sizeof(plan));
	while ((ch = getopt_long(argc, argv, "m:n", opts, NULL)) != -1) {
		if (ch == 'm')
			msg_arg = optarg;
		else if (ch == 'n')
			no_verify = 1;
		else
			return cli_usage(NULL);
	}
	nfiles = (size_t)(argc - optind);
	if (msg_arg != NULL && msg_arg[strspn(msg_arg, " \t\n")] == '\0') {
		cli_error("the commit message is empty: say what changed, or "
		    "leave -m out for one that names the clients");
		return EXIT_USAGE;
	}
	if (cli_begin(&ws, &r, g, &d) == -1)
		goto out;
	files = xcalloc(nfiles + 1, sizeof(*files));
	if (given(&ws, argv + optind, files, nfiles) == -1) {
		rc = EXIT_USAGE;
		goto out;
	}
	if ((change = cli_change(r, no_verify ? CHANGE_NO_VERIFY :
	    0)) == NULL)
		goto out;
	if (commit_plan_make(&plan, r, &ws, files, nfiles, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	print_left(&plan);
	if (plan.ntaken == 0 && plan.nheads == 0) {
		puts(nfiles > 0 ? "nothing to commit: the files given match "
		    "HEAD" : "nothing to commit: the client files and "
		    "rapport.ini match HEAD");
		rc = EXIT_OK;
		goto out;
	}
	if (check(&plan, &ws, nfiles, no_verify, &d) == -1) {
		rc = EXIT_PROBLEMS;
		goto out;
	}
	take = xcalloc(plan.n + 1, sizeof(*take));
	if (put(&plan, &ws, change, take, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	msg = message(msg_arg, r, &plan);
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	rc = commit(change, r, &plan, msg, &d);
out:
	cli_change_end(change);
	commit_plan_free(&plan);
	for (i = 0; files != NULL && i < nfiles; i++)
		free(files[i]);
	free(files);
	free(take);
	free(msg);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
