/*
 * cmd_edit.c: rapport edit [-m MSG] CLIENT
 *
 * Opens the client's file in $VISUAL, else $EDITOR, else vi (as git does),
 * then validates it.  A valid file that differs from HEAD is committed
 * (also when it already differed before the editor ran).  A file with
 * errors is shown with its errors and, as visudo does, the user chooses:
 * edit again, keep the file as it is without committing, or discard the
 * changes.  Without a terminal nothing is asked and the file is kept as
 * edited: what the user typed is never thrown away unasked.
 *
 * The editor works on a copy with the file's name (GITDIR/rapport/edit/
 * SLUG.md), as visudo edits a copy: the file itself changes only when the
 * edit is committed, and only if neither HEAD's version nor the work
 * tree's changed while the editor was open (a log from another terminal);
 * otherwise the edited text stays in the copy, named, with how to apply
 * it.  The workspace lock is taken only to commit: an editor may stay
 * open for hours.
 *
 * During a merge (rapport sync or git merge stopped at a conflict), a
 * file of the merge is not committed: the valid text goes into the work
 * tree and git's index, resolving its conflict, and the merge's commit
 * (rapport commit) takes it with the rest of the merge.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "change.h"
#include "cli.h"
#include "fileio.h"
#include "statefile.h"
#include "util.h"

enum choice {
	CHOICE_EDIT,
	CHOICE_KEEP,
	CHOICE_DISCARD
};

static const char *
editor(void)
{
	const char *e;

	if ((e = getenv("VISUAL")) != NULL && *e != '\0')
		return e;
	if ((e = getenv("EDITOR")) != NULL && *e != '\0')
		return e;
	return "vi";
}

/*
 * Runs the editor on path as git does: the editor setting is shell text
 * (EDITOR="code --wait" works) and the file is one quoted argument.
 * Returns the exit status, or -1.
 */
static int
run_editor(const char *ed, const char *path)
{
	struct sigaction ign, oldint, oldquit;
	char *script = xasprintf("%s \"$@\"", ed);
	pid_t pid;
	int status;

	/* Ctrl-C belongs to the editor while it runs. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oldint);
	sigaction(SIGQUIT, &ign, &oldquit);
	fflush(stdout);
	if ((pid = fork()) == -1) {
		status = -1;
		goto out;
	}
	if (pid == 0) {
		sigaction(SIGINT, &oldint, NULL);
		sigaction(SIGQUIT, &oldquit, NULL);
		execl("/bin/sh", "sh", "-c", script, ed, path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			status = -1;
			goto out;
		}
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 +
	    (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
out:
	sigaction(SIGINT, &oldint, NULL);
	sigaction(SIGQUIT, &oldquit, NULL);
	free(script);
	return status;
}

/* Every answer the question takes: the prompt lists them all. */
static const struct answer {
	char		 key;
	enum choice	 choice;
} answers[] = {
	{ 'e', CHOICE_EDIT },
	{ 'k', CHOICE_KEEP },
	{ 'q', CHOICE_KEEP },		/* visudo's "quit" */
	{ 'd', CHOICE_DISCARD },
	{ 'x', CHOICE_DISCARD },	/* visudo's "exit without saving" */
};

static enum choice
ask(const char *rel)
{
	char line[64];
	size_t i;

	for (;;) {
		fprintf(stderr, "What now? (e)dit %s again; (k)eep your text "
		    "in it, not committed (or q); (d)iscard your changes (or x) "
		    "[e]: ", rel);
		fflush(stderr);
		if (fgets(line, sizeof(line), stdin) == NULL) {
			fputc('\n', stderr);
			return CHOICE_KEEP;
		}
		if (line[0] == '\n')
			return CHOICE_EDIT;
		for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
			if (tolower((unsigned char)line[0]) == answers[i].key &&
			    (line[1] == '\n' || line[1] == '\0'))
				return answers[i].choice;
		fputs("Answer e, k, q, d or x.\n", stderr);
	}
}

/*
 * What the edited text becomes.  The commit, the index and the work tree
 * all get it, but only if HEAD's version and the work tree's are still
 * what they were when the editor opened: a log made meanwhile is never
 * overwritten.
 */
struct edited {
	const char	*rel;
	const char	*head;		/* HEAD's text then, NULL: none */
	size_t		 hlen;
	const char	*orig;		/* the work tree's then */
	size_t		 olen;
	const char	*now;		/* what the editor saved */
	size_t		 nlen;
};

static int
same(const struct change_text *t, const char *s, size_t len)
{
	return s == NULL ? !t->exists : t->exists && t->len == len &&
	    memcmp(t->s, s, len) == 0;
}

static enum change_verdict
put_edited(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct edited *e = arg;

	if (side == CHANGE_HEAD && !same(&old[CHANGE_HEAD], e->head,
	    e->hlen)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s was committed "
		    "while you were editing it (a log, say)", e->rel);
		return CHANGE_ABORT;
	}
	if (side == CHANGE_WORK && !same(&old[CHANGE_WORK], e->orig,
	    e->olen)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s changed on disk "
		    "while you were editing it", e->rel);
		return CHANGE_ABORT;
	}
	buf_putn(out, e->now, e->nlen);
	return CHANGE_WRITE;
}

/* The text safe, and how to use it: said when the file moved on. */
static void
kept_in(const char *rel, const char *copy, const char *slug)
{
	fprintf(stderr, "rapport: your edited text is kept in %s; nothing "
	    "was committed.  See what differs with\n"
	    "  git diff --no-index %s %s\n"
	    "then make your changes again with 'rapport edit %s'\n",
	    copy, rel, copy, slug);
}

/*
 * The edited text in the work tree alone ("keep"): HEAD's version and a
 * staged one stay as they are, and the work tree's only if it is still
 * the text the editor started from.
 */
static enum change_verdict
keep_edited(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct edited *e = arg;

	if (side == CHANGE_HEAD)
		return CHANGE_KEEP;
	if (side == CHANGE_INDEX) {
		/* What is staged is written back as it is. */
		buf_putn(out, old[CHANGE_INDEX].s, old[CHANGE_INDEX].len);
		return old[CHANGE_INDEX].exists ? CHANGE_WRITE : CHANGE_REMOVE;
	}
	if (!same(&old[CHANGE_WORK], e->orig, e->olen)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s changed on disk "
		    "while you were editing it", e->rel);
		return CHANGE_ABORT;
	}
	buf_putn(out, e->now, e->nlen);
	return CHANGE_WRITE;
}

/*
 * Puts the edited text in the work tree without committing it, through
 * the write path (under the workspace lock, journalled, never through a
 * link).  Returns 0, or -1 (said) when it could not.
 */
static int
keep_uncommitted(struct repo *r, struct edited *e)
{
	struct change *ch;
	struct diags d = { 0 };
	int rc = -1;

	if ((ch = cli_change(r, 0)) == NULL)
		return -1;
	change_file(ch, e->rel, keep_edited, e);
	if (change_apply(ch, &d) != -1)
		rc = 0;
	cli_diags(&d);
	diags_free(&d);
	cli_change_end(ch);
	return rc;
}

/*
 * Whether rel is one of the files of a merge in progress: then an edit
 * resolves it, and the merge's commit (rapport commit) commits it.
 */
static int
in_merge(struct repo *r, const char *rel, struct diags *d)
{
	struct repo_merge_file *f = NULL;
	char heads[8][41];
	size_t n = 0, i;
	int rc = repo_merge_heads(r, heads, 8, d);

	if (rc > 0) {
		if (repo_merge_files(r, &f, &n, d) == -1)
			return -1;
		for (rc = 0, i = 0; i < n; i++)
			rc |= strcmp(f[i].path, rel) == 0;
		repo_merge_files_free(f, n);
	}
	return rc;
}

/*
 * The editor's copy, with the file's own name, in rapport's folder of the
 * repository: the file itself changes only with the commit, so a log
 * made meanwhile is seen, not lost.  A copy an earlier edit left is kept
 * aside (NAME.md~).  Returns the copy's path (allocated), or NULL (said).
 */
static char *
edit_copy(struct repo *r, const struct edited *e, const char *slug)
{
	char *dir = repo_state_path(repo_gitdir(r), "edit"), *copy, *old;

	copy = xasprintf("%s/%s.md", dir, slug);
	old = xasprintf("%s~", copy);
	/* GITDIR/rapport, then its edit/ in it. */
	if (statefile_mkdir(dir) == -1 || statefile_mkdir(copy) == -1) {
		cli_error("cannot make %s: %s", dir, strerror(errno));
		goto fail;
	}
	if (access(copy, F_OK) == 0 && rename(copy, old) == 0)
		fprintf(stderr, "rapport: an earlier edit of %s was not "
		    "finished; its text is kept in %s\n", e->rel, old);
	if (file_write_atomic(copy, e->orig, e->olen) == -1) {
		cli_error("cannot write %s: %s", copy, strerror(errno));
		goto fail;
	}
	free(dir);
	free(old);
	return copy;
fail:
	free(dir);
	free(old);
	free(copy);
	return NULL;
}

/*
 * Runs the editor on copy until what it saves is a valid client file
 * (e->now, e->nlen: 0), or the user chose otherwise on a terminal, or
 * there is none (kept uncommitted or discarded: 1, said), or it failed
 * (-1, said).  Warnings of the valid text are printed.
 */
static int
edit_until_valid(const struct workspace *ws, struct repo *r,
    struct edited *e, const char *copy, const char *slug, char **now)
{
	const char *ed = editor();
	int status, tty = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);
	struct diags d = { 0 };
	struct client c;
	enum choice what;

	for (;;) {
		if ((status = run_editor(ed, copy)) != 0) {
			cli_error("the editor (%s) failed (exit status %d): "
			    "nothing was committed; what it saved is in %s%s",
			    ed, status, copy, status == 127 ? "; set VISUAL or "
			    "EDITOR to one that is installed" : "");
			return -1;
		}
		free(*now);
		*now = NULL;
		if (file_read_all(copy, now, &e->nlen) == -1) {
			cli_error("cannot read %s after editing: %s", copy,
			    strerror(errno));
			return -1;
		}
		e->now = *now;
		status = cli_parse(ws, e->rel, e->now, e->nlen, &c, &d);
		client_free(&c);
		cli_diags(&d);		/* the errors, or warnings */
		diags_free(&d);
		if (status == 0)
			return 0;
		what = tty ? ask(e->rel) : CHOICE_KEEP;
		if (what != CHOICE_EDIT)
			break;
	}
	if (what == CHOICE_DISCARD) {
		(void)unlink(copy);
		fprintf(stderr, "rapport: %s is as it was; nothing was "
		    "committed\n", e->rel);
	} else if (keep_uncommitted(r, e) == 0) {
		(void)unlink(copy);
		fprintf(stderr, "rapport: %s keeps your changes, not "
		    "committed: fix the errors, then run 'rapport "
		    "commit'\n", e->rel);
	} else
		kept_in(e->rel, copy, slug);
	return 1;
}

/*
 * Commits the edited text (or, for a file of a merge being concluded,
 * puts it in place for the merge's commit).  The exit code; the copy
 * goes when its text is safe in git or the work tree, else it is named.
 */
static int
edit_commit(struct repo *r, struct edited *e, const char *copy,
    const char *slug, const char *msg_arg, unsigned hooks, int merging)
{
	struct change *change;
	struct diags d = { 0 };
	char *msg = NULL;
	int rc = EXIT_USAGE;

	if ((change = cli_change(r, hooks)) == NULL) {
		kept_in(e->rel, copy, slug);
		return rc;
	}
	change_file(change, e->rel, put_edited, e);
	if (merging) {
		/* Part of the merge: the merge's commit takes it. */
		change_resolve(change);
		if (change_apply(change, &d) != -1) {
			printf("%s: resolved, not committed: 'rapport commit' "
			    "concludes the merge\n", e->rel);
			rc = EXIT_OK;
		}
		goto out;
	}
	msg = msg_arg != NULL ? xstrdup(msg_arg) :
	    xasprintf("%s: edit", slug);
	switch (cli_commit(change, msg, &d)) {
	case -1:
		goto out;
	case 1:
		/* HEAD has it already: the work tree may still differ. */
		cli_change_end(change);
		change = NULL;
		if ((e->nlen != e->olen || memcmp(e->now, e->orig, e->olen) !=
		    0) && keep_uncommitted(r, e) == -1)
			goto out;
		printf("%s: no changes to commit\n", e->rel);
		break;
	default:
		break;
	}
	rc = EXIT_OK;
out:
	cli_change_end(change);
	cli_diags(&d);
	if (rc == EXIT_OK)
		(void)unlink(copy);
	else
		kept_in(e->rel, copy, slug);
	diags_free(&d);
	free(msg);
	return rc;
}

int
cmd_edit(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "no-verify", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct repo *r = NULL;
	struct diags d = { 0 };
	struct edited e;
	const char *msg_arg = NULL;
	char *full = NULL, *orig = NULL, *now = NULL, *head = NULL;
	char *slug = NULL, *copy = NULL;
	size_t hlen = 0;
	int rc = EXIT_USAGE, inhead, merging, ch;
	unsigned hooks = 0;

	memset(&ws, 0, sizeof(ws));
	memset(&e, 0, sizeof(e));
	while ((ch = getopt_long(argc, argv, "m:n", opts, NULL)) != -1) {
		if (ch == 'm')
			msg_arg = optarg;
		else if (ch == 'n')
			hooks = CHANGE_NO_VERIFY;
		else
			return cli_usage(NULL);
	}
	if (msg_arg != NULL && msg_arg[strspn(msg_arg, " \t\n")] == '\0')
		return cli_usage("the commit message is empty: say what "
		    "changed, or leave -m out");
	if (argc - optind != 1)
		return cli_usage(argc - optind < 1 ? "edit needs the client to "
		    "open" : "edit opens one client: give one");
	/* Everything that would stop the commit is checked before editing. */
	if (cli_begin(&ws, &r, g, &d) == -1 ||
	    (e.rel = cli_client(&ws, argv[optind])) == NULL ||
	    cli_writable(&ws, r, e.rel) == -1)
		goto out;
	full = xasprintf("%s/%s", ws.root, e.rel);
	slug = ws_slug(e.rel);
	if (file_read_all(full, &orig, &e.olen) == -1) {
		cli_error("cannot read %s: %s", e.rel, strerror(errno));
		goto out;
	}
	e.orig = orig;
	if ((inhead = change_head_text(r, e.rel, &head, &hlen, &d)) == -1 ||
	    (merging = in_merge(r, e.rel, &d)) == -1) {
		cli_diags(&d);
		goto out;
	}
	e.head = inhead ? head : NULL;
	e.hlen = hlen;
	if ((copy = edit_copy(r, &e, slug)) == NULL)
		goto out;
	switch (edit_until_valid(&ws, r, &e, copy, slug, &now)) {
	case 0:
		rc = edit_commit(r, &e, copy, slug, msg_arg, hooks, merging);
		break;
	case 1:
		rc = EXIT_PROBLEMS;
		break;
	}
out:
	free(full);
	free(orig);
	free(now);
	free(head);
	free(slug);
	free(copy);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
