/*
 * cmd_edit.c: rapport edit CLIENT
 *
 * Opens the client's file in $VISUAL, else $EDITOR, else vi (as git does),
 * then validates it.  A valid file that differs from HEAD is committed
 * (also when it already differed before the editor ran).  A file with
 * errors is shown with its errors and, as visudo does, the user chooses:
 * edit again, keep the file as it is without committing, or discard the
 * changes.  Without a terminal nothing is asked and the file is kept as
 * edited: what the user typed is never thrown away unasked.
 *
 * The editor works on the file itself, so the editor sees its real name
 * and a crash of rapport leaves the user's text where they expect it.  The
 * workspace lock is taken only to commit: an editor may stay open for
 * hours.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "fileio.h"
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

static enum choice
ask(const char *rel)
{
	char line[64];

	for (;;) {
		fprintf(stderr, "What now? (e)dit %s again, (k)eep it as it is "
		    "without committing, (d)iscard your changes [e]: ", rel);
		fflush(stderr);
		if (fgets(line, sizeof(line), stdin) == NULL) {
			fputc('\n', stderr);
			return CHOICE_KEEP;
		}
		switch (line[0]) {
		case '\n':
		case 'e':
		case 'E':
			return CHOICE_EDIT;
		case 'k':
		case 'K':
		case 'q':
		case 'Q':
			return CHOICE_KEEP;
		case 'd':
		case 'D':
		case 'x':
		case 'X':
			return CHOICE_DISCARD;
		default:
			break;
		}
	}
}

int
cmd_edit(const struct globals *g, int argc, char **argv)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct diags d = { 0 };
	struct client c;
	struct repo_change ch;
	const char *rel, *ed = editor();
	char *full = NULL, *orig = NULL, *now = NULL, *slug = NULL;
	char *msg = NULL;
	size_t olen = 0, nlen = 0;
	int rc = EXIT_USAGE, status, tty = isatty(STDIN_FILENO) &&
	    isatty(STDERR_FILENO);
	enum choice what;

	memset(&ws, 0, sizeof(ws));
	memset(&c, 0, sizeof(c));
	if (argc != 2 || argv[1][0] == '-') {
		fputs("usage: rapport edit CLIENT\n", stderr);
		return EXIT_USAGE;
	}
	/* Everything that would stop the commit is checked before editing. */
	if (cli_begin(&ws, &r, g, &d) == -1)
		goto out;
	if ((rel = cli_client(&ws, argv[1])) == NULL ||
	    cli_writable(&ws, rel) == -1)
		goto out;
	full = xasprintf("%s/%s", ws.root, rel);
	slug = ws_slug(rel);
	if (file_read_all(full, &orig, &olen) == -1) {
		cli_error("cannot read %s: %s", rel, strerror(errno));
		goto out;
	}
	for (;;) {
		if ((status = run_editor(ed, full)) != 0) {
			cli_error("the editor (%s) failed (exit status %d): "
			    "nothing was committed%s", ed, status,
			    status == 127 ? "; set VISUAL or EDITOR to one "
			    "that is installed" : "");
			goto out;
		}
		free(now);
		now = NULL;
		if (file_read_all(full, &now, &nlen) == -1) {
			cli_error("cannot read %s after editing: %s", rel,
			    strerror(errno));
			goto out;
		}
		client_free(&c);
		diags_free(&d);
		memset(&d, 0, sizeof(d));
		if (cli_parse(&ws, rel, now, nlen, &c, &d) == 0)
			break;
		cli_diags(&d);
		what = tty ? ask(rel) : CHOICE_KEEP;
		if (what == CHOICE_EDIT)
			continue;
		if (what == CHOICE_DISCARD) {
			if (file_write_atomic(full, orig, olen) == -1) {
				cli_error("cannot put %s back: %s; your "
				    "changes are still in it", rel,
				    strerror(errno));
				goto out;
			}
			fprintf(stderr, "rapport: %s is back as it was; "
			    "nothing was committed\n", rel);
		} else
			fprintf(stderr, "rapport: %s keeps your changes, "
			    "not committed: fix the errors, then run "
			    "'rapport commit'\n", rel);
		rc = EXIT_PROBLEMS;
		goto out;
	}
	cli_diags(&d);		/* warnings */
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	if (cli_lock(r, &d) == -1) {
		cli_diags(&d);
		fprintf(stderr, "rapport: %s keeps your changes, not "
		    "committed: run 'rapport commit' later\n", rel);
		goto out;
	}
	ch.path = rel;
	ch.remove = 0;
	msg = xasprintf("%s: edit", slug);
	switch (cli_commit(r, &ch, 1, msg, &d)) {
	case -1:
		cli_diags(&d);
		fprintf(stderr, "rapport: %s keeps your changes, not "
		    "committed\n", rel);
		goto out;
	case 1:
		printf("%s: no changes to commit\n", rel);
		break;
	default:
		break;
	}
	cli_diags(&d);
	rc = EXIT_OK;
out:
	client_free(&c);
	free(full);
	free(orig);
	free(now);
	free(slug);
	free(msg);
	cli_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
