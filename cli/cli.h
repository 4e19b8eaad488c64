/*
 * cli.h: what main.c hands to each command, and the commands.
 *
 * Each command parses its own options, runs, prints, and returns the exit
 * status: 0 success, 1 problems found, 2 bad usage or a failed operation.
 */
#ifndef RAPPORT_CLI_H
#define RAPPORT_CLI_H

#include <stdio.h>

#include "date.h"
#include "diag.h"
#include "workspace.h"

#define EXIT_OK		0
#define EXIT_PROBLEMS	1
#define EXIT_USAGE	2

/* -C DIR has been applied (the process is in DIR) before a command runs. */
struct globals {
	date_t		 today;
};

/* Whether to colour output written to f (a terminal, and no NO_COLOR). */
int	cli_colour(FILE *);
/* Prints a usage or operation error as "rapport: error: ..." to stderr. */
void	cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Opens and loads the workspace in the current folder for a reporting
 * command.  Returns -1 when there is none (reported), 1 when some files
 * have errors (those clients have errors > 0; named on stderr when
 * name_bad is set), else 0.
 */
int	cli_load(struct workspace *, const struct globals *, struct diags *,
	    int name_bad);

struct signal;
/* When a signal is due, for people: "due today", "3 days late (...)". */
void	cli_when(char *, size_t, const struct signal *, date_t today);

int	cmd_check(const struct globals *, int argc, char **argv);
int	cmd_show(const struct globals *, int argc, char **argv);
int	cmd_status(const struct globals *, int argc, char **argv);

#endif
