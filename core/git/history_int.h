/*
 * history_int.h: what history.c (the walk) and history_file.c (its cache
 * file, GITDIR/rapport/history) share; private to core/git.
 */
#ifndef RAPPORT_HISTORY_INT_H
#define RAPPORT_HISTORY_INT_H

#include <stdint.h>

#include "history.h"
#include "hmap.h"
#include "repo_int.h"
#include "util.h"

#define HIST_MAGIC	"rapport-history 4"

struct slot {
	char		*slug;		/* in the pool */
	uint32_t	*idx;		/* into commits, newest first */
	uint32_t	 n, cap;
};

/* A client file renamed in one commit, its blob unchanged: to was from. */
struct rename {
	char		*to;		/* in the pool */
	char		*from;
};

struct history {
	struct pool		 pool;
	struct rename		*renames;	/* in no order */
	size_t			 nrenames, caprenames;
	struct repo_commit	*commits;
	size_t			 ncommits, capcommits;
	struct slot		*slots;		/* one per slug touched */
	size_t			 nslots, capslots;
	struct hmap		 index;		/* hash of a slug: its slot */
	size_t			 max;
	char			 head[GIT_OID_HEXSZ + 1];
	int			 cut;		/* a shallow clone's */
};

/* The slot of slug (len bytes), made when there is none. */
struct slot	*history_slot_get(struct history *, const char *slug,
		    size_t len);
/* Adds commit (an index into h->commits) to slot s, newest first. */
void		 history_slot_add(struct history *, struct slot *,
		    uint32_t commit);
/* The slugs one commit touched, allocated; what a worker hands back. */
struct touched {
	char	**slug;
	size_t	 n;
	char	**from, **to;	/* its renames: to[i] was from[i] */
	size_t	 nrenames;
	int	 failed;
};
/* Notes that slug to was from (strings copied into h's pool). */
void		 history_rename_add(struct history *, const char *to,
		    const char *from);

/*
 * The client files commit c changed, as slugs, into t (history_diff.c).
 * Safe to run on several threads at once, each with its own repository
 * handle; history_touched_free frees what t holds.
 */
void		 history_touched(git_repository *, const char *prefix,
		    git_commit *c, struct touched *t);
void		 history_touched_free(struct touched *t);
/* Sets c's day and minutes from its when, in the author's time zone. */
void		 history_commit_local(struct repo_commit *);
/*
 * The cache file (history_file.c): written whole and checksummed; read
 * into an empty h, 0, or -1 when there is none or anything about it is
 * not exactly as history_file_write makes it.  A cache that cannot be
 * written is simply not kept.
 */
void		 history_file_write(struct repo *, const struct history *);
int		 history_file_read(struct repo *, struct history *);

#endif
