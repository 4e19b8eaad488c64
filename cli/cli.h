/*
 * cli.h: what main.c hands to each command, and the commands.
 *
 * Each command parses its own options, runs, prints, and returns the exit
 * status: 0 success, 1 problems found, 2 bad usage or a failed operation.
 */
#ifndef RAPPORT_CLI_H
#define RAPPORT_CLI_H

#include <stdio.h>

#include "change.h"
#include "client.h"
#include "date.h"
#include "diag.h"
#include "repo.h"
#include "workspace.h"

#define EXIT_OK		0
#define EXIT_PROBLEMS	1
#define EXIT_USAGE	2

/* -C DIR has been applied (the process is in DIR) before a command runs. */
struct globals {
	date_t		 today;
	int		 jobs;		/* threads for parsing and rendering */
};

/* RAPPORT_JOBS when set (1..16), else the processors online. */
int	cli_jobs(void);

/* Whether to colour output written to f (a terminal, and no NO_COLOR). */
int	cli_colour(FILE *);
/* Prints a usage or operation error as "rapport: error: ..." to stderr. */
void	cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * A usage error of the running command: "rapport CMD: error: WHY" (when
 * fmt is not NULL: getopt has said why already), then its usage line and
 * where to read more.  Returns EXIT_USAGE.
 */
int	cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Opens the workspace in the current folder; -1 (reported) if none. */
int	cli_open(struct workspace *, const struct globals *, struct diags *);
struct ftree;
/*
 * Opens the workspace as commit rev holds it, in the repository at or
 * above the current folder, bare ones too (--rev): *r and *t are then
 * the caller's, closed after ws_close (repo_close, then ftree_free).
 * Returns -1 (reported) when it cannot.
 */
int	cli_open_rev(struct workspace *, struct repo **r, struct ftree *t,
	    const char *rev, const struct globals *, struct diags *);
/*
 * Loads the workspace for a reporting command: cli_load opens the one in
 * the current folder and reads whole clients (show); cli_load_each reads
 * an opened one a client at a time with ws_load_each (status, build).
 * They return 1 when some files have errors (those clients have errors >
 * 0; named on stderr when name_bad is set), else 0; cli_load returns -1
 * when there is no workspace (reported).
 */
int	cli_load(struct workspace *, const struct globals *, struct diags *,
	    int name_bad);
int	cli_load_each(struct workspace *, struct diags *, int name_bad,
	    const struct ws_each *);
/*
 * cli_load_each of summaries through the workspace's client cache
 * (cli_cache; r as there), written back after: how a command that needs
 * no whole client loads (status, stats, hours, export).  The same
 * return value.
 */
int	cli_load_cached(struct workspace *, struct repo *r, struct diags *,
	    int name_bad);
/*
 * The clients a listing shows (status, stats, hours), after a load: the
 * followups of those whose file has no errors, and of owner alone when
 * it is not NULL.  The array is the caller's to free (*n of them); what
 * the followups point to stays ws's.
 */
struct followup *cli_listed(const struct workspace *, const char *owner,
	    size_t *n);
/*
 * Whether owner (NULL: none asked) may be asked for: declared in
 * rapport.ini, or any when none is.  Prints why not and returns -1.
 */
int	cli_owner_ok(const struct workspace *, const char *owner);
/* Whether caches may be used: RAPPORT_NO_CACHE unset or empty. */
int	cli_caching(void);
/*
 * The client cache of the workspace (GITDIR/rapport/NAME, name NULL:
 * "clients"), keyed by this program's own bytes, rapport.ini and today;
 * NULL outside a git repository or when !cli_caching().  r is the
 * workspace's repository if the caller has it open, else NULL.  Write it
 * with cache_write after a full ws_load_each.  A site built into another
 * folder by turns (publish.h) keeps a cache of its own per folder.
 */
struct cache *cli_cache(const struct workspace *, struct repo *r,
	    const char *name);


/* For the commands that commit (commit_util.c). */

/* Prints d's messages, sorted, to stderr. */
void	cli_diags(struct diags *);
/*
 * Opens the workspace in the current folder and its repository, and checks
 * that a commit can be made (branch, no merge in progress, an identity).
 * Prints what stands in the way and returns -1; *r is then NULL or open
 * and the caller closes both.
 */
int	cli_begin(struct workspace *, struct repo **r, const struct globals *,
	    struct diags *);
/*
 * The words joined by spaces, allocated: the message of log, the text of
 * done.  NULL when there are none or one holds a line end.
 */
char	*cli_words(int argc, char **argv);
/*
 * The path (owned by ws) of the one client a user means by q; otherwise
 * prints why not (no match, or the candidates) and returns NULL.
 */
const char *cli_client(struct workspace *, const char *q);
/*
 * Refuses (with a message, -1) a client file that is a symbolic link (a
 * commit would record the link, not the text written through it) or one
 * git ignores (rapport never commits those).
 */
int	cli_writable(const struct workspace *, struct repo *, const char *rel);
struct change;
/*
 * Parses len bytes of text as the client file at path into c (which the
 * caller frees with client_free); problems go to d.  Returns the number
 * of errors.
 */
int	cli_parse(const struct workspace *, const char *path, const char *text,
	    size_t len, struct client *, struct diags *);
/*
 * The change of a committing command (core/write/change.h): cli_change begins
 * it with SIGINT, SIGTERM, SIGHUP and SIGQUIT held back, so that the
 * transaction is never cut in half by them, and prints what it put right
 * after a crashed rapport; cli_change_end ends it and lets the signals
 * through.  cli_change returns NULL (printed) when the lock cannot be had.
 * hooks is change_hooks's flags: CHANGE_NO_VERIFY for --no-verify.
 */
struct change	*cli_change(struct repo *, unsigned hooks);
void		 cli_change_end(struct change *);
/*
 * change_commit, then prints "[1a2b3c4] summary" when it committed: the
 * first line of msg, or of the message change_message made.  Same return
 * value.
 */
int	cli_commit(struct change *, const char *msg, struct diags *);

/*
 * Signals (signals.c).  cli_catch makes them stop the worker threads
 * (run_stop) instead of the process; cli_caught is the signal caught, or
 * 0.  cli_hold and cli_release hold them back for a moment.
 */
void	cli_catch(void);
int	cli_caught(void);
void	cli_hold(void);
void	cli_release(void);

/*
 * check and build as functions, for the commands and the server's hooks
 * alike: cli_check checks the workspace (the commit rev when not NULL,
 * else the files named, else every file) and prints what it found;
 * cli_build builds the site as o says.  They return the command's exit
 * status.
 */
int	cli_check(const struct globals *, const char *rev, int strict,
	    char **files, int nfiles);
struct cli_build {
	const char	*rev;		/* NULL: the work tree */
	const char	*out;		/* NULL: _site/ in the workspace */
	int		 share;		/* --only share */
	const char	*cache;		/* cli_cache's name; NULL: the usual */
	/*
	 * Into out switched whole (publish.h); a folder published so
	 * already is built that way without it.
	 */
	int		 publish;
	int		 in_place;	/* SITE_IN_PLACE: out is not served */
};
int	cli_build(const struct globals *, const struct cli_build *);

int	cmd_build(const struct globals *, int argc, char **argv);
int	cmd_check(const struct globals *, int argc, char **argv);
int	cmd_digest(const struct globals *, int argc, char **argv);
int	cmd_done(const struct globals *, int argc, char **argv);
int	cmd_share(const struct globals *, int argc, char **argv);
int	cmd_commit(const struct globals *, int argc, char **argv);
int	cmd_edit(const struct globals *, int argc, char **argv);
int	cmd_export(const struct globals *, int argc, char **argv);
int	cmd_history(const struct globals *, int argc, char **argv);
int	cmd_hook(const struct globals *, int argc, char **argv);
int	cmd_import_contacts(const struct globals *, int argc, char **argv);
int	cmd_import_mail(const struct globals *, int argc, char **argv);
int	cmd_init(const struct globals *, int argc, char **argv);
int	cmd_log(const struct globals *, int argc, char **argv);
int	cmd_merge_file(const struct globals *, int argc, char **argv);
int	cmd_new(const struct globals *, int argc, char **argv);
int	cmd_show(const struct globals *, int argc, char **argv);
int	cmd_stats(const struct globals *, int argc, char **argv);
int	cmd_hours(const struct globals *, int argc, char **argv);
int	cmd_status(const struct globals *, int argc, char **argv);
int	cmd_sync(const struct globals *, int argc, char **argv);

#endif
