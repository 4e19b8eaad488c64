/*
 * workspace_int.h: what workspace.c and workspace_walk.c share; not for
 * other modules.
 */
#ifndef RAPPORT_WORKSPACE_INT_H
#define RAPPORT_WORKSPACE_INT_H

#include "diag.h"
#include "workspace.h"

/* The folder of the client files, under the root. */
#define CLIENTS_DIR "clients"

/* Whether path is a folder (links followed). */
int	ws_is_dir(const char *path);
/* Nonzero when the resolved path is the root or below it. */
int	ws_inside(const char *root, const char *resolved);
/*
 * Lists the client files of clients/ into ws->paths, what is not read
 * into ws->skipped and the links to folders into ws->links, each sorted;
 * problems of a file (a link out of the workspace) go to d.
 */
void	ws_walk_clients(struct workspace *, struct diags *);

#endif
