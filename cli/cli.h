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

int	cmd_check(const struct globals *, int argc, char **argv);

#endif
