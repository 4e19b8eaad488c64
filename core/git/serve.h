/*
 * serve.h: the team's server, which is a bare repository whose hooks
 * check every push of the workspace branch and publish its site
 * (docs/SERVER.md).  rapport is no server: git, sshd and a web server
 * are, and this makes rapport a good citizen of them.
 *
 * The workspace branch is the one the repository's HEAD names (main for
 * a repository serve_init made).  The settings live in the repository's
 * git config, so that "git config" changes them:
 *
 *	rapport.site	the folder the hook publishes the internal site to
 *	rapport.share	the folder it publishes the report pages alone to
 *	rapport.strict	a push with warnings is refused too (a boolean)
 *
 * The hooks are one-line scripts that exec rapport by its absolute path:
 *
 *	#!/bin/sh
 *	exec '/usr/bin/rapport' hook pre-receive
 */
#ifndef RAPPORT_SERVE_H
#define RAPPORT_SERVE_H

#include <stddef.h>

#include "diag.h"

struct serve_settings {
	char	*site;		/* NULL: none */
	char	*share;		/* NULL: none */
	int	 strict;	/* 1, 0; serve_init: -1 leaves it as it is */
};

/* One line of a receive hook's standard input: "OLD NEW REF". */
struct serve_update {
	char	 old[41];	/* 40 zeros: the ref is new */
	char	 new[41];	/* 40 zeros: the ref is deleted */
	char	*ref;
};

/* What serve_init did. */
struct serve_made {
	int	 repository;	/* the repository was made */
	int	 hooks;		/* hooks written (new or brought up to date) */
};

/*
 * Makes dir a bare repository for a team when it does not exist or is
 * an empty folder (shared by the folder's group, core.sharedRepository
 * = group; its HEAD names main), or takes the bare repository there as
 * it is; installs both hooks, naming program (an absolute path without
 * a "'"), and stores the settings given (NULL and -1 are left alone).
 * A hook file that is not one of rapport's is never replaced.  Returns
 * 0, or -1 (reported) with nothing changed when dir is something else
 * (a work tree, a folder with files) or a hook is in the way.
 */
int	 serve_init(const char *dir, const char *program,
	    const struct serve_settings *, struct serve_made *,
	    struct diags *);

struct serve;
/*
 * Opens the repository at or above start (a hook runs in the git folder)
 * and reads its settings.  Returns NULL (reported) when there is none.
 */
struct serve *serve_open(const char *start, struct diags *);
const struct serve_settings *serve_settings(const struct serve *);
/* The workspace branch, such as "refs/heads/main". */
const char *serve_branch(const struct serve *);
/*
 * The workspace branch's commit as it is now, read again at each call
 * (a later push may have moved it): 0 with id set, 1 when the branch
 * does not exist, -1 (reported).
 */
int	 serve_tip(struct serve *, char id[41], struct diags *);
void	 serve_close(struct serve *);

/*
 * Parses a receive hook's standard input (len bytes of text) into an
 * allocated array.  Returns 0, or -1 (reported) for a line that is not
 * "OLD NEW REF".
 */
int	 serve_updates_parse(const char *text, size_t len,
	    struct serve_update **, size_t *n, struct diags *);
/* Whether id is git's id of nothing (40 zeros). */
int	 serve_id_none(const char *id);
void	 serve_updates_free(struct serve_update *, size_t n);

#endif
