/*
 * workspace.h: the workspace: its root, its settings and its clients.
 *
 * The root is found like git finds its repository: from a start folder
 * upwards, the first folder holding rapport.ini or clients/.  Client files
 * are clients/ ** / *.md; the slug is the file name without ".md" and is
 * unique in the workspace.  Hidden files and folders are skipped, as are
 * files not ending in .md and folders more than 8 levels down; each is
 * listed in skipped, so that check can name it.  Symbolic links are read
 * only when they resolve inside the workspace, and folders behind links
 * are never entered; each such link, and clients/ when it is a link
 * itself, is listed in links: rapport writes through no link (wpath.h),
 * so that check can name them.
 *
 * A workspace may also be read from a commit (ws_open_tree): the same
 * files, rules and messages, from a list of the commit's files instead
 * of the folder (ftree.h), so that a bare repository can be checked and
 * built.  Such a workspace is read only.
 */
#ifndef RAPPORT_WORKSPACE_H
#define RAPPORT_WORKSPACE_H

#include <stddef.h>

#include "cache.h"
#include "client.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "followup.h"
#include "ftree.h"
#include "source.h"

/* A file or folder under clients/ that is not read, and why. */
struct ws_skip {
	char		*path;		/* relative to the root */
	const char	*why;		/* what it is and what to do; static */
};

/* A symbolic link to a folder: clients/ itself, or one under it. */
struct ws_link {
	char		*path;		/* relative to the root */
	char		*target;	/* what the link holds */
};

struct workspace {
	char		*root;		/* absolute, no trailing '/' */
	const struct ftree *tree;	/* borrowed; NULL: the folder root */
	int		 has_ini;	/* rapport.ini exists */
	uint64_t	 ini_hash;	/* of its bytes, for cache keys */
	struct config	 cfg;
	date_t		 today;
	char		**paths;	/* client files, relative, sorted */
	size_t		 npaths;
	struct ws_skip	*skipped;	/* not read, sorted by path */
	size_t		 nskipped;
	struct ws_link	*links;		/* linked folders, sorted by path */
	size_t		 nlinks;
	struct client	*clients;	/* parsed, in path order */
	struct followup	*follow;	/* ws_load_each: clients[i]'s */
	size_t		 nclients;
	size_t		 nfiles_checked;	/* files read, for summaries */
	int		 jobs;		/* threads that parse (1 if 0) */
};

/*
 * What ws_load_each does with each client while its whole model is in
 * memory.  It is called once per client, from worker threads, several at
 * once: it may read the workspace, and change only what belongs to client
 * i (its own slot in the caller's arrays).  Its messages go to d, the
 * client's own sink, merged into the caller's in path order afterwards.
 * aux holds what the cache kept for the caller (zeros if nothing), and
 * what the visitor stores there is kept for the next run.
 */
typedef void	ws_visit_fn(const struct workspace *, size_t i,
		    const struct client *, const struct followup *,
		    uint64_t aux[2], struct diags *d, void *arg);
/*
 * Whether the visitor needs client i whole although the cache holds its
 * summary (slim) and aux: nonzero makes ws_load_each parse the file.
 */
typedef int	ws_need_fn(const struct workspace *, size_t i,
		    const struct client *slim, const uint64_t aux[2],
		    void *arg);

struct ws_each {
	unsigned	 flags;		/* for client_parse */
	ws_visit_fn	*visit;		/* may be NULL */
	ws_need_fn	*need;		/* NULL: a cached summary will do */
	void		*arg;
	struct cache	*cache;		/* may be NULL: parse every file */
};

/*
 * Finds the workspace above start (a folder), reads rapport.ini and lists
 * the client files.  With a [workspace] timezone, the process's clock is
 * the workspace's from here on (zone_use); today DATE_NONE is the date of
 * now on that clock.  Returns 0, or -1 when there is no workspace (a
 * message is in d, about the file "rapport").  Problems in files go to d.
 */
int	ws_open(struct workspace *, const char *start, date_t today,
	    struct diags *);
/*
 * ws_open for the workspace at the root of tree (a commit's files, which
 * the caller keeps until ws_close).  root names it: the key of its caches
 * and the workspace its site belongs to (siteout.h); the caller's choice.
 */
int	ws_open_tree(struct workspace *, const char *root,
	    const struct ftree *, date_t today, struct diags *);
/*
 * Reads the workspace's file rel (relative to the root) as source_raw
 * does, from the folder or the tree; t numbers the calling thread as
 * run_each does (0 on the main thread).  A commit's file gets the hash
 * ws_hash_known gives.
 */
int	ws_source_raw(const struct workspace *, const char *rel, int t,
	    struct source *, struct diags *);
/*
 * Whether rel's hash (source.h: for cache keys) is known without reading
 * it, as a commit's file is by its id: 1 with *hash set, else 0.
 */
int	ws_hash_known(const struct workspace *, const char *rel,
	    uint64_t *hash);
/*
 * The stamp of the work tree's file rel, as git's index keeps one: a
 * hash of its device, inode, size, mode and times (to the nanosecond,
 * the change time too, which no program can set back).  A file whose
 * stamp is the same was not written since.  0, never a stamp, when
 * there is none to trust: the file cannot be looked at, it is a commit's,
 * or it was changed within WS_STAMP_RACY seconds of now (or after now),
 * where a write in the same tick of the file system's clock would leave
 * its times as they are.
 */
#define WS_STAMP_RACY	2
uint64_t ws_stamp(const struct workspace *, const char *rel);
/*
 * Reads the regular file rel of the workspace whole, through symbolic
 * links inside it only when follow is set: 0 with *text allocated (len
 * bytes, then a NUL), or -1 with errno set: ENOENT (no such file),
 * EINVAL (not a regular file), EFBIG (over max bytes).
 */
int	ws_read(const struct workspace *, const char *rel, int follow,
	    size_t max, char **text, size_t *len);
/*
 * Parses the client files, on ws->jobs threads.  With only non-NULL,
 * parses just the listed relative paths (nonly of them) and reports the
 * workspace-wide checks (duplicate slugs) only for them.  Messages reach d
 * in path order, whatever the threads did.
 */
void	ws_load(struct workspace *, const char *const *only, size_t nonly,
	    struct diags *);
/*
 * Reads the client files as ws_load does and keeps little of each: the
 * followup for ws->today goes to follow[i] (empty for files with errors),
 * the visitor (if any) sees the whole model, then the client is slimmed
 * (client_slim).  Memory then holds one whole client per thread, not every
 * client.  With a cache, a file whose bytes hash as recorded is not parsed
 * (unless need says so): its summary, followup and messages come from the
 * record, and every file's outcome is put back into the cache.
 */
void	ws_load_each(struct workspace *, const char *const *only,
	    size_t nonly, const struct ws_each *, struct diags *);
/*
 * The key of a client cache for this workspace today: seed (the caller's
 * own, such as a hash of the program) with rapport.ini's bytes and today.
 */
uint64_t ws_cache_key(const struct workspace *, uint64_t seed);
/*
 * Finds the loaded clients a user means by q: the client whose slug is q,
 * else every client whose slug, or name ignoring case, starts with q.
 * Stores up to max of them in match and returns how many there are.
 */
size_t	ws_lookup(const struct workspace *, const char *q,
	    const struct client **match, size_t max);
/*
 * The same for commands that change one client and should not parse every
 * file to find it: an exact slug is found from the file names alone; only
 * a prefix makes it load the workspace (problems in files then go to d).
 * Stores up to max relative paths (owned by ws) in match.
 */
size_t	ws_find(struct workspace *, const char *q, const char **match,
	    size_t max, struct diags *);
/*
 * Why rel (relative to the root) is not read: the skipped entry that is
 * rel or a folder above it, or NULL when the walk reads it or never saw it.
 */
const struct ws_skip *ws_skipped(const struct workspace *, const char *rel);
/* The slug of a client path: its file name without ".md".  Allocated. */
char	*ws_slug(const char *path);
/*
 * The path of file (as the user typed it, relative to cwd or absolute)
 * relative to the root, or NULL when it is not inside the workspace.
 * Allocated.
 */
char	*ws_relpath(const struct workspace *, const char *file);
void	ws_close(struct workspace *);

#endif
