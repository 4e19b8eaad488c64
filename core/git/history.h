/*
 * history.h: the git history of every client file at once.
 *
 * One walk of the commits reachable from HEAD (or from the commit that
 * repo_open_rev reads), newest first, compares each
 * commit's clients/ tree with its parents' and descends only into folders
 * whose tree ids differ, so a commit that touched no client costs a lookup
 * and one that touched a few costs a few folders.  Commits are filed by
 * slug (the file name, unique in the workspace), so a client moved between
 * folders of clients/ keeps its history, as "git log --follow" follows
 * the move; a merge counts for a client only when it differs from every
 * parent, as "git log" does.  (A file renamed to another slug is another
 * client to rapport: its history starts at the rename.)
 *
 * The result is kept in GITDIR/rapport/history, keyed by that commit:
 * when it has not moved the walk is skipped, and when it moved forward
 * only the new commits are walked.  The file is a cache: it is checked whole
 * (format, workspace, limit, checksum) and any doubt means a full walk,
 * so deleting or damaging it changes nothing but the time taken.
 */
#ifndef RAPPORT_HISTORY_H
#define RAPPORT_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "repo.h"

struct history;

/*
 * Reads the history of every client file, at most max commits per
 * client, through the cache when cache is nonzero, comparing trees on up
 * to jobs threads.  Returns NULL (reported) when the repository cannot be
 * read.
 */
struct history	*history_load(struct repo *, size_t max, int cache, int jobs,
		    struct diags *);
/*
 * The i-th newest commit that changed the client slug, or NULL past the
 * last.  It and its strings live as long as the history; path is NULL.
 * This is the one answer to "which commits touched this client": the
 * history command and the client's page both ask it.
 */
const struct repo_commit *history_get(const struct history *,
		    const char *slug, size_t i);
/*
 * The commit's summary without the "slug: " that rapport's own commits
 * start with, where the client is already named; points into c.
 */
const char	*history_message(const struct repo_commit *, const char *slug);
/*
 * The first name of the client slug: the slug its file had before the
 * renames the history holds (a file renamed in a commit that left its
 * blob as it was, as "git mv" does), or slug itself.  It lives as long
 * as the history, or is slug.
 */
const char	*history_origin(const struct history *, const char *slug);
/* Whether the history is cut: the repository is a shallow clone. */
int		 history_cut(const struct history *);
/* A hash of what history_get returns for slug, for cache keys. */
uint64_t	 history_hash(const struct history *, const char *slug);
void		 history_free(struct history *);

#endif
