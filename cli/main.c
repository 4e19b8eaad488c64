/*
 * main.c: global options and dispatch to the commands.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define RAPPORT_VERSION "0.1.0"

static const struct command {
	const char	*name;
	int		(*run)(const struct globals *, int, char **);
	const char	*usage;
} commands[] = {
	{ "init", cmd_init, "init [DIR]" },
	{ "new", cmd_new, "new NAME [--owner H] [--slug S]" },
	{ "check", cmd_check, "check [--strict] [FILE...]" },
	{ "status", cmd_status, "status [--owner H] [--all] [--json]" },
	{ "log", cmd_log, "log CLIENT (--in|--out|--note) [--channel W] "
	    "[--hours N] [--date D] [--time HH:MM] MESSAGE" },
	{ "done", cmd_done, "done CLIENT TEXT" },
	{ "edit", cmd_edit, "edit CLIENT" },
	{ "commit", cmd_commit, "commit [-m MSG] [--no-verify]" },
	{ "history", cmd_history, "history [-n N] CLIENT" },
	{ "show", cmd_show, "show CLIENT" },
	{ "build", cmd_build, "build [-o DIR]" },
	{ "sync", cmd_sync, "sync [--tries N] [REMOTE]" },
	{ "merge-file", cmd_merge_file, "merge-file BASE OURS THEIRS [PATH]" },
	{ NULL, NULL, NULL }
};

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
	fputs("see rapport(1) for the file format and every command\n", f);
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
	int rc;
	const struct command *c;
	const char *env;
	int ch;

	while ((ch = getopt_long(argc, argv, "+C:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			/* As git and make do: the command runs in DIR. */
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
	if (g.today == DATE_NONE && (env = getenv("RAPPORT_TODAY")) != NULL &&
	    *env != '\0' && parse_today(env, &g.today, "RAPPORT_TODAY") == -1)
		return EXIT_USAGE;
	if (g.today == DATE_NONE)
		g.today = date_today();
	g.jobs = cli_jobs();
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (c = commands; c->name != NULL; c++)
		if (strcmp(c->name, argv[optind]) == 0) {
			char name[64];

			argv += optind;
			argc -= optind;
			/* getopt's own messages then say "rapport check:". */
			snprintf(name, sizeof(name), "rapport %s", c->name);
			argv[0] = name;
			optind = 0;	/* glibc: restart for the command */
			rc = c->run(&g, argc, argv);
			/* Output that did not all arrive is a failure. */
			if (fflush(stdout) != 0 || ferror(stdout)) {
				cli_error("cannot write the output: %s",
				    strerror(errno));
				rc = EXIT_USAGE;
			}
			return rc;
		}
	cli_error("unknown command '%s'", argv[optind]);
	usage(stderr);
	return EXIT_USAGE;
}
