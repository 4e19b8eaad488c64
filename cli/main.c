/*
 * main.c: global options and dispatch to the commands.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define RAPPORT_VERSION "0.1.0"

/*
 * The commands, one row each: how to call it, what it does in a line, and
 * its options, a line each ("  OPTION  what it does").  help, --help and
 * every usage error print from here.
 */
static const struct command {
	const char	*name;
	int		(*run)(const struct globals *, int, char **);
	const char	*usage;
	const char	*what;
	const char	*options;
} commands[] = {
	{ "init", cmd_init, "init [--no-verify] [DIR] | init --shared DIR "
	    "[--site W] [--share W] [--strict]",
	    "make a workspace in DIR (rapport.ini, clients/, .gitignore, "
	    ".gitattributes,\na git repository, a first commit); in an "
	    "existing one, set up the rapport merge;\nwith --shared, the "
	    "team's bare repository on a server, its hooks installed",
	    "  --no-verify     skip git's pre-commit and commit-msg hooks\n"
	    "  --shared DIR    make DIR the server's bare repository (or add "
	    "the hooks to it)\n"
	    "  --site W        where each push publishes the site "
	    "(rapport.site)\n"
	    "  --share W       where it publishes the report pages alone "
	    "(rapport.share)\n"
	    "  --strict        refuse pushes with warnings too "
	    "(rapport.strict)\n" },
	{ "new", cmd_new, "new NAME [--owner H] [--slug S] [--email ADDR] "
	    "[--force] [-n|--no-verify]",
	    "create clients/SLUG.md for the client NAME and commit it",
	    "  --owner H        the owner's handle, as rapport.ini lists it\n"
	    "  --slug S         the file's name (default: made from NAME)\n"
	    "  --email ADDR     the contact's e-mail address\n"
	    "  --force          make it though a client looks like it\n"
	    "  -n, --no-verify  skip git's pre-commit and commit-msg hooks\n" },
	{ "check", cmd_check, "check [--strict] [--rev REV | FILE...]",
	    "validate the workspace, or the FILEs: FILE:LINE:COL: level: "
	    "message",
	    "  --strict    warnings fail too (exit status 1)\n"
	    "  --rev REV   the files of commit REV (bare repositories too)\n" },
	{ "status", cmd_status, "status [--owner H] [--all] [--json]",
	    "what needs doing, most urgent first",
	    "  --owner H   only the clients of owner H\n"
	    "  --all       every client, also those with nothing due\n"
	    "  --json      as JSON (rapport(1) has its shape)\n" },
	{ "stats", cmd_stats, "stats [--owner H] [--since DATE] [--json]",
	    "how fast we answer: reply times per owner, month and client",
	    "  --owner H     only the clients of owner H\n"
	    "  --since DATE  only messages from DATE on (YYYY-MM-DD)\n"
	    "  --json        as JSON (rapport(1) has its shape)\n" },
	{ "hours", cmd_hours, "hours [--month YYYY-MM] [--by client|owner] "
	    "[--csv|--json]",
	    "hours per client and month against the contract, and rate x hours",
	    "  --month M     that month (YYYY-MM), not this one\n"
	    "  --by W        a row per client (the default) or per owner\n"
	    "  --csv         as CSV with a header row (rapport(1) has the "
	    "columns)\n"
	    "  --json        as JSON (rapport(1) has its shape)\n" },
	{ "log", cmd_log, "log CLIENT (--in|--out|--note) [--channel W] "
	    "[--hours N] [--date D] [--time HH:MM] [--no-verify] MESSAGE",
	    "append an entry to the client's file (today, now) and commit it "
	    "alone",
	    "  --in          a message from the client (an email, a call)\n"
	    "  --out         a message to the client\n"
	    "  --note        neither: a note of ours\n"
	    "  --channel W   how: email, call, meeting, ... (one word)\n"
	    "  --hours N     time spent, in hours: 1.5\n"
	    "  --date D      the day it happened, YYYY-MM-DD (default today)\n"
	    "  --time HH:MM  the time it happened (default now)\n"
	    "  --no-verify   skip git's pre-commit and commit-msg hooks\n" },
	{ "done", cmd_done, "done [-n|--no-verify] CLIENT TEXT",
	    "mark the one open commitment containing TEXT done (done:TODAY) "
	    "and commit it",
	    "  -n, --no-verify  skip git's pre-commit and commit-msg hooks\n" },
	{ "share", cmd_share, "share [--rotate|--revoke] [-n|--no-verify] "
	    "CLIENT",
	    "give the client a report page of its own (a [share] key) and "
	    "commit it",
	    "  --rotate         a new key: the old address stops working\n"
	    "  --revoke         no page any more\n"
	    "  -n, --no-verify  skip git's pre-commit and commit-msg hooks\n" },
	{ "import-mail", cmd_import_mail, "import-mail [--dry-run] "
	    "[-v|--verbose] [--no-verify] SOURCE...",
	    "turn the e-mail in Maildir folders and mbox files into entries "
	    "of the clients\nit is from or to, and commit them at once",
	    "  --dry-run     print what would be added, and change nothing\n"
	    "  -v, --verbose list each message not imported: file, id, why\n"
	    "  --no-verify   skip git's pre-commit and commit-msg hooks\n" },
	{ "import-contacts", cmd_import_contacts, "import-contacts [--dry-run] "
	    "[--owner H] [-n|--no-verify] FILE...",
	    "read people from vCard files and CSV exports into the clients "
	    "they belong to,\nnew clients for the others, and commit them "
	    "at once",
	    "  --dry-run        print what would be added, and change nothing\n"
	    "  --owner H        the owner of the new clients\n"
	    "  -n, --no-verify  skip git's pre-commit and commit-msg hooks\n" },
	{ "digest", cmd_digest, "digest [--owner H] [--to ADDR] [--send] "
	    "[--always]",
	    "one e-mail per owner: what is overdue and due today, replies "
	    "owed, promises due\nthis week, and what changed since the last "
	    "digest sent; printed as an mbox,\nor sent through sendmail -t -i",
	    "  --owner H    only owner H's digest\n"
	    "  --to ADDR    send it to ADDR instead of the owner's email\n"
	    "  --send       pipe each to sendmail -t -i ([digest] sendmail) "
	    "and record it\n"
	    "  --always     also to an owner with nothing to do\n" },
	{ "edit", cmd_edit, "edit [-m MSG] [-n|--no-verify] CLIENT",
	    "open the client's file in $VISUAL or $EDITOR, validate it, "
	    "commit it",
	    "  -m MSG           the commit message (default: SLUG: edit)\n"
	    "  -n, --no-verify  skip git's pre-commit and commit-msg hooks\n" },
	{ "commit", cmd_commit, "commit [-m MSG] [-n|--no-verify] [FILE...]",
	    "validate and commit the changed client files and rapport.ini, or "
	    "only the FILEs;\nduring a merge, conclude it",
	    "  -m MSG           the commit message (default: names the "
	    "clients)\n"
	    "  -n, --no-verify  commit files with errors too, and skip git's "
	    "pre-commit\n"
	    "                   and commit-msg hooks\n" },
	{ "history", cmd_history, "history [-n N] CLIENT",
	    "the commits that changed the client's file, newest first",
	    "  -n N        the latest N only\n" },
	{ "show", cmd_show, "show CLIENT",
	    "one client's facts, signals, commitments and recent entries",
	    NULL },
	{ "build", cmd_build, "build [-o DIR] [--only share] [--rev REV]",
	    "render the static site",
	    "  -o DIR        where (default _site/)\n"
	    "  --only share  the clients' report pages alone (share/KEY/), "
	    "into -o DIR\n"
	    "  --rev REV     the site of commit REV (bare repositories too), "
	    "into -o DIR\n" },
	{ "export", cmd_export, "export vcard [--version 3.0|4.0] DIR",
	    "write every person of the active clients and leads as a vCard "
	    "file in DIR\n(a vdir for khard and vdirsyncer: named by UID, "
	    "gone people's cards removed)",
	    "  --version V   3.0 (the default, read everywhere) or 4.0 (RFC "
	    "6350)\n" },
	{ "sync", cmd_sync, "sync [--tries N] [--no-verify] [REMOTE]",
	    "fetch, merge with the rapport merge, validate, commit the merge, "
	    "push",
	    "  --tries N     rounds when someone pushed meanwhile (default 5)\n"
	    "  --no-verify   skip git's pre-merge-commit and commit-msg hooks\n" },
	{ "hook", cmd_hook, "hook pre-receive|post-receive",
	    "what git runs on the team's server (init --shared installs it): "
	    "check each push\nof the workspace branch, then publish its site",
	    NULL },
	{ "merge-file", cmd_merge_file, "merge-file BASE OURS THEIRS [PATH]",
	    "the rapport merge of one file, as git's merge driver (the result "
	    "replaces OURS)", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

/* The command running, for cli_usage. */
static const struct command *current;

static const struct command *
command_find(const char *name)
{
	const struct command *c;

	for (c = commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void
command_help(const struct command *c, FILE *f)
{
	fprintf(f, "usage: rapport %s\n\n%c%s.\n", c->usage,
	    toupper((unsigned char)c->what[0]), c->what + 1);
	if (c->options != NULL)
		fprintf(f, "\noptions:\n%s", c->options);
	fputs("\nglobal options, before the command or after it (before --):\n"
	    "  -C DIR        run in DIR\n"
	    "  --today DATE  take DATE (YYYY-MM-DD) as today\n"
	    "see rapport(1) for more\n", f);
}

int
cli_usage(const char *fmt, ...)
{
	va_list ap;

	if (fmt != NULL) {
		fprintf(stderr, "rapport%s%s: error: ", current ? " " : "",
		    current ? current->name : "");
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	if (current != NULL)
		fprintf(stderr, "usage: rapport %s\n('rapport help %s' says "
		    "more)\n", current->usage, current->name);
	return EXIT_USAGE;
}

int
cli_colour(FILE *f)
{
	const char *nc = getenv("NO_COLOR");

	return (nc == NULL || *nc == '\0') && isatty(fileno(f));
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("rapport: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void
usage(FILE *f)
{
	const struct command *c;

	fputs("usage: rapport [-C DIR] [--today DATE] COMMAND [ARGS]\n"
	    "commands:\n", f);
	for (c = commands; c->name != NULL; c++)
		fprintf(f, "  %s\n", c->usage);
	fputs("'rapport help COMMAND' says what one does; rapport(1) has the "
	    "commands,\nrapport(5) the files\n", f);
}

static int
parse_today(const char *s, date_t *out, const char *from)
{
	if (date_parse(s, strlen(s), out) != DATE_OK) {
		cli_error("%s '%s' is not a date: write YYYY-MM-DD", from, s);
		return -1;
	}
	return 0;
}

/*
 * One global option at argv[i], where a command's arguments may hold it
 * too: the number of words it takes (0: not one), or -1 (said).
 */
static int
global_option(int argc, char **argv, int i, struct globals *g)
{
	const char *v = NULL;
	int n = 0;

	if (strcmp(argv[i], "-C") == 0 || strcmp(argv[i], "--today") == 0) {
		if (i + 1 >= argc) {
			cli_error("%s needs a value: %s", argv[i],
			    argv[i][1] == 'C' ? "-C DIR" : "--today YYYY-MM-DD");
			return -1;
		}
		v = argv[i + 1];
		n = 2;
	} else if (strncmp(argv[i], "--today=", 8) == 0) {
		v = argv[i] + 8;
		n = 1;
	} else if (strncmp(argv[i], "-C", 2) == 0) {
		v = argv[i] + 2;
		n = 1;
	} else
		return 0;
	if (argv[i][1] == 'C') {
		/* As git and make do: the command runs in DIR. */
		if (chdir(v) == -1) {
			cli_error("cannot change to %s: %s", v, strerror(errno));
			return -1;
		}
	} else if (parse_today(v, &g->today, "--today") == -1)
		return -1;
	return n;
}

/*
 * Takes the global options out of a command's arguments (those before
 * "--"), as git takes -c after the command: "rapport status --today D".
 * Sets *help for --help or -h.  Returns -1 (said) on a bad one.
 */
static int
globals_after(int *argc, char **argv, struct globals *g, int *help)
{
	int i = 1, k, n;

	while (i < *argc && strcmp(argv[i], "--") != 0) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			*help = 1;
			i++;
			continue;
		}
		if ((n = global_option(*argc, argv, i, g)) == -1)
			return -1;
		if (n == 0) {
			i++;
			continue;
		}
		for (k = i; k + n <= *argc; k++)
			argv[k] = argv[k + n];
		*argc -= n;
	}
	return 0;
}

static int
help(const char *name)
{
	const struct command *c;

	if (name == NULL) {
		usage(stdout);
		return EXIT_OK;
	}
	if ((c = command_find(name)) == NULL) {
		cli_error("there is no command '%s'", name);
		usage(stderr);
		return EXIT_USAGE;
	}
	command_help(c, stdout);
	return EXIT_OK;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "today", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct globals g = { DATE_NONE, 1 };
	char name[64];
	const struct command *c;
	const char *env;
	int ch, rc, asked = 0;

	while ((ch = getopt_long(argc, argv, "+C:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			if (chdir(optarg) == -1) {
				cli_error("cannot change to %s: %s", optarg,
				    strerror(errno));
				return EXIT_USAGE;
			}
			break;
		case 't':
			if (parse_today(optarg, &g.today, "--today") == -1)
				return EXIT_USAGE;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			puts("rapport " RAPPORT_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[optind], "help") == 0)
		return argc - optind > 2 ? (cli_error("help takes one command "
		    "at most: rapport help COMMAND"), EXIT_USAGE) :
		    help(optind + 1 < argc ? argv[optind + 1] : NULL);
	if ((c = command_find(argv[optind])) == NULL) {
		cli_error("there is no command '%s'", argv[optind]);
		usage(stderr);
		return EXIT_USAGE;
	}
	argv += optind;
	argc -= optind;
	if (globals_after(&argc, argv, &g, &asked) == -1)
		return EXIT_USAGE;
	if (asked) {
		command_help(c, stdout);
		return EXIT_OK;
	}
	if (g.today == DATE_NONE && (env = getenv("RAPPORT_TODAY")) != NULL &&
	    *env != '\0' && parse_today(env, &g.today, "RAPPORT_TODAY") == -1)
		return EXIT_USAGE;
	g.jobs = cli_jobs();
	/* getopt's own messages then say "rapport check:". */
	snprintf(name, sizeof(name), "rapport %s", c->name);
	argv[0] = name;
	optind = 0;	/* glibc: restart for the command */
	current = c;
	rc = c->run(&g, argc, argv);
	/* Output that did not all arrive is a failure. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("cannot write the output: %s", strerror(errno));
		rc = EXIT_USAGE;
	}
	return rc;
}
