/*
 * load.c: open and read the workspace for the commands that report on it
 * (status, show).  Invalid files are left out of the report and named on
 * standard error with a pointer to "rapport check"; the diagnostics
 * themselves are check's job.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int
cli_load(struct workspace *ws, const struct globals *g, struct diags *d,
    int name_bad)
{
	size_t i, nbad = 0, ini_errors;

	if (ws_open(ws, ".", g->today, d) == -1) {
		diag_print(d, stderr, cli_colour(stderr));
		return -1;
	}
	ini_errors = diag_count(d, "rapport.ini", DIAG_ERROR);
	ws_load(ws, NULL, 0, d);
	for (i = 0; i < ws->nclients; i++)
		if (ws->clients[i].errors > 0)
			nbad++;
	if (ini_errors > 0)
		fprintf(stderr, "rapport: rapport.ini has %zu error%s; defaults "
		    "stand in for the bad values: run 'rapport check'\n",
		    ini_errors, ini_errors == 1 ? "" : "s");
	if (nbad > 0 && name_bad) {
		fprintf(stderr, "rapport: %zu client file%s with errors left "
		    "out:", nbad, nbad == 1 ? "" : "s");
		for (i = 0; i < ws->nclients; i++)
			if (ws->clients[i].errors > 0)
				fprintf(stderr, " %s", ws->clients[i].path);
		fputs("; run 'rapport check'\n", stderr);
	}
	return nbad > 0 || ini_errors > 0 ? 1 : 0;
}
