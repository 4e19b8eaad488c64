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
 * "add acme; update beta, gamma; remove delta" from the changed files.  A
 * slug removed in one folder and added in another was moved.
 */
static char *
default_message(const struct repo_file *f, size_t n)
{
	struct group g[] = {
		{ "add", { 0 }, 0 },
		{ "update", { 0 }, 0 },
		{ "move", { 0 }, 0 },
		{ "remove", { 0 }, 0 },
	};
	struct buf sum = { 0 }, body = { 0 };
	char **slug = xcalloc(n, sizeof(*slug));
	size_t i, j, k, nclients = 0;
	int settings = 0;

	for (i = 0; i < n; i++)
		slug[i] = ws_slug(f[i].path);
	for (i = 0; i < n; i++) {
		int moved = 0;

		if (strcmp(f[i].path, "rapport.ini") == 0) {
			settings = 1;
			continue;
		}
		/* Added here and removed there (or the other way round). */
		for (j = 0; f[i].kind != REPO_MODIFIED && j < n && !moved; j++)
			moved = f[j].kind != REPO_MODIFIED &&
			    f[j].kind != f[i].kind &&
			    strcmp(slug[j], slug[i]) == 0;
		/* A move is named once, at its new place. */
		if (!(moved && f[i].kind == REPO_REMOVED)) {
			k = moved ? 2 : f[i].kind == REPO_ADDED ? 0 :
			    f[i].kind == REPO_MODIFIED ? 1 : 3;
			group_add(&g[k], slug[i]);
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
	for (i = 0; i < n; i++)
		free(slug[i]);
	free(slug);
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
 * Marks the changed files the user named (picked[i]), and with a file
 * moved its old place, which is half of the same change.  Returns how
 * many are marked.
 */
static size_t
pick_files(const struct repo_file *f, size_t n, char **files,
    size_t nfiles, int *picked)
{
	char **slug = xcalloc(n + 1, sizeof(*slug));
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		slug[i] = ws_slug(f[i].path);
		for (j = 0, picked[i] = 0; j < nfiles && !picked[i]; j++)
			picked[i] = strcmp(f[i].path, files[j]) == 0;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; !picked[i] && f[i].kind == REPO_REMOVED && j < n;
		    j++)
			picked[i] = picked[j] && f[j].kind == REPO_ADDED &&
			    strcmp(slug[i], slug[j]) == 0;
		k += picked[i] != 0;
	}
	for (i = 0; i < n; i++)
		free(slug[i]);
	free(slug);
	return k;
}

static int
picked_path(const struct repo_file *f, size_t n, const int *picked,
    const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (picked[i] && strcmp(f[i].path, path) == 0)
			return 1;
	return 0;
}

/* Whether path is one of the n changed files. */
static int
changed(const struct repo_file *f, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i].path, path) == 0)
			return 1;
	return 0;
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
	struct diags d = { 0 }, mine = { 0 };
	struct repo_file *f = NULL;
	struct change *change = NULL;
	struct take *take = NULL;
	struct repo_merge_file *mf = NULL;
	const char **only = NULL;
	const char *msg_arg = NULL;
	char *msg = NULL, heads[8][41], **files = NULL;
	size_t n = 0, i, j, nonly = 0, ntake = 0, nmf = 0, nfiles = 0, nerr;
	int *picked = NULL;
	int ch, rc = EXIT_USAGE, no_verify = 0, nheads = 0;

	memset(&ws, 0, sizeof(ws));
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
	/* The files given, as paths in the workspace. */
	files = xcalloc(nfiles + 1, sizeof(*files));
	for (i = 0; i < nfiles; i++) {
		files[i] = ws_relpath(&ws, argv[optind + (int)i]);
		if (files[i] == NULL || !repo_workspace_file(files[i])) {
			rc = cli_usage("%s is not a client file (clients/ ** / "
			    "*.md) or the rapport.ini of this workspace",
			    argv[optind + (int)i]);
			goto out;
		}
	}
	if ((change = cli_change(r, no_verify ? CHANGE_NO_VERIFY :
	    0)) == NULL)
		goto out;
	if (repo_changes(r, &f, &n, &d) == -1 ||
	    (nheads = repo_merge_heads(r, heads, 8, &d)) == -1 ||
	    (nheads > 0 && repo_merge_files(r, &mf, &nmf, &d) == -1)) {
		cli_diags(&d);
		goto out;
	}
	if (nheads > 0 && nfiles > 0) {
		cli_error("a merge is concluded whole: run 'rapport commit' "
		    "without files");
		goto out;
	}
	/*
	 * Concluding a merge: its client files are committed as the work
	 * tree holds them, validated like any other.
	 */
	for (i = 0; i < nmf; i++) {
		if (!repo_workspace_file(mf[i].path) || changed(f, n, mf[i].path))
			continue;
		f = xrealloc(f, (n + 1) * sizeof(*f));
		f[n].path = xstrdup(mf[i].path);
		f[n++].kind = REPO_MODIFIED;
	}
	/*
	 * Only what rapport reads and git keeps: an ignored file, or one the
	 * workspace walk does not read (too deep, say), is named and left.
	 */
	take = xcalloc(n + 1, sizeof(*take));
	only = xcalloc(n + 1, sizeof(*only));
	picked = xcalloc(n + 1, sizeof(*picked));
	for (i = 0; i < n; i++) {
		const struct ws_skip *k;
		int read = strcmp(f[i].path, "rapport.ini") == 0;

		for (j = 0; !read && j < ws.npaths; j++)
			read = strcmp(ws.paths[j], f[i].path) == 0;
		if (f[i].kind == REPO_IGNORED) {
			printf("skipped %s: git ignores it (a .gitignore names "
			    "it)\n", f[i].path);
			free(f[i].path);
			continue;
		}
		if (!read && f[i].kind != REPO_REMOVED) {
			k = ws_skipped(&ws, f[i].path);
			printf("skipped %s: rapport does not read it%s%s\n",
			    f[i].path, k ? ": " : "", k ? k->why : "");
			free(f[i].path);
			continue;
		}
		if (f[i].kind != REPO_REMOVED &&
		    strcmp(f[i].path, "rapport.ini") != 0)
			only[nonly++] = f[i].path;
		take[ntake].path = f[i].path;
		take[ntake].removed = f[i].kind == REPO_REMOVED;
		f[ntake++] = f[i];
	}
	n = ntake;
	if (nfiles > 0 && pick_files(f, n, files, nfiles, picked) == 0) {
		puts("nothing to commit: the files given match HEAD");
		rc = EXIT_OK;
		goto out;
	}
	if (n == 0 && nheads == 0) {
		puts("nothing to commit: the client files and rapport.ini "
		    "match HEAD");
		rc = EXIT_OK;
		goto out;
	}

	/* Validate what changed and still exists, and rapport.ini. */
	ws_load(&ws, only, nonly, &d);
	for (i = 0; i < d.n; i++) {
		const struct diag *m = &d.v[i];

		if (strcmp(m->file, "rapport.ini") == 0 ||
		    strcmp(m->file, "rapport") == 0 || changed(f, n, m->file))
			diag_msg(&mine, m->file, m->line, m->col, m->level,
			    "%s", m->msg);
	}
	cli_diags(&mine);
	/* Only the errors of what is committed stop it. */
	for (i = 0, nerr = 0; i < mine.n; i++)
		nerr += mine.v[i].level == DIAG_ERROR && (nfiles == 0 ||
		    strcmp(mine.v[i].file, "rapport") == 0 ||
		    picked_path(f, n, picked, mine.v[i].file));
	if (nerr > 0 && !no_verify) {
		cli_error("commit stopped: %zu error%s in the %s files; fix %s, "
		    "or commit anyway with --no-verify", nerr, nerr == 1 ? "" :
		    "s", nfiles > 0 ? "given" : "changed", nerr == 1 ? "it" :
		    "them");
		rc = EXIT_PROBLEMS;
		goto out;
	}
	if (nfiles > 0 && mine.nerr > nerr)
		fprintf(stderr, "rapport: the errors above are in files not "
		    "given: those stay as they are, uncommitted\n");
	/* From here on, the files to commit. */
	for (i = 0, j = 0; nfiles > 0 && i < n; i++) {
		if (!picked[i]) {
			free(f[i].path);
			continue;
		}
		take[j] = take[i];
		take[j].path = f[i].path;
		f[j++] = f[i];
	}
	if (nfiles > 0)
		n = j;
	/* What was validated is what is committed. */
	for (i = 0; i < n; i++) {
		if (strcmp(take[i].path, "rapport.ini") == 0)
			take[i].hash = ws.ini_hash;
		for (j = 0; j < ws.nclients; j++)
			if (strcmp(ws.clients[j].path, take[i].path) == 0)
				take[i].hash = ws.clients[j].hash;
		change_file(change, take[i].path, take_work, &take[i]);
	}
	for (i = 0; i < nmf; i++)
		if (!repo_workspace_file(mf[i].path))
			change_file(change, mf[i].path, take_merged, &mf[i]);
	for (i = 0; i < (size_t)nheads; i++)
		if (change_parent(change, heads[i], &d) == -1) {
			cli_diags(&d);
			goto out;
		}
	if (nheads > 0)
		change_resolve(change);
	if (msg_arg != NULL)
		msg = xstrdup(msg_arg);
	else if (nheads > 0 && (msg = repo_merge_message(r)) == NULL)
		msg = xstrdup("Merge");
	else if (msg == NULL)
		msg = default_message(f, n);
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	switch (cli_commit(change, msg, &d)) {
	case 0:
		if (nheads > 0 && repo_merge_end(r, &d) == 0)
			puts("the merge is concluded: 'rapport sync' pushes it");
		cli_diags(&d);
		rc = EXIT_OK;
		break;
	case 1:
		puts("nothing to commit: the changed files match HEAD");
		rc = EXIT_OK;
		break;
	default:
		cli_diags(&d);
		break;
	}
out:
	cli_change_end(change);
	repo_files_free(f, n);
	repo_merge_files_free(mf, nmf);
	for (i = 0; files != NULL && i < nfiles; i++)
		free(files[i]);
	free(files);
	free(picked);
	free(take);
	free(only);
	free(msg);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	diags_free(&mine);
	return rc;
}
