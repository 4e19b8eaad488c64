/*
 * ftree.h: a workspace's files as a list, for a workspace that is not a
 * folder on disk but a commit's tree (core/git/revtree.h makes one).
 *
 * The list holds every file, folder, symbolic link and submodule the
 * workspace reads (rapport.ini, clients/ and templates/), each by its path
 * relative to the workspace's root, sorted by strcmp: a folder's contents
 * follow it in one run.  Folders are listed as themselves.  A link holds
 * the text git keeps for it, and ftree_resolve works out what it names
 * inside the tree, as the operating system would inside a work tree: a
 * relative target is taken from the link's folder, ".." and "." are
 * followed by name, and a link to a link is followed up to a limit.  A
 * target outside the root (absolute, or above it) is never followed:
 * rapport reads only what the workspace holds.
 *
 * The bytes of a file come from the maker's read function, which may be
 * called on several threads at once (t numbers the thread, below
 * UTIL_MAX_JOBS).  The list and its strings live until ftree_free.
 */
#ifndef RAPPORT_FTREE_H
#define RAPPORT_FTREE_H

#include <stddef.h>
#include <stdint.h>

enum ftree_kind {
	FTREE_FILE,
	FTREE_DIR,
	FTREE_LINK,
	FTREE_OTHER		/* a submodule: nothing rapport can read */
};

struct ftree_entry {
	char			*path;	/* relative to the root, no '/' at the end */
	enum ftree_kind		 kind;
	char			*target;	/* FTREE_LINK: the link's text */
	/* FTREE_LINK after ftree_resolve: what it names, never a link. */
	const struct ftree_entry *to;	/* NULL: outside, missing or a loop */
	int			 outside;	/* it names something above the root */
	unsigned char		 id[20];	/* the maker's (git's object id) */
};

struct ftree {
	struct ftree_entry	*v;
	size_t			 n;
	/*
	 * Reads file entry e: 0 with *buf allocated (len bytes and a NUL
	 * after them), or -1 with errno set; EFBIG when it is larger than
	 * max bytes, *len then its size and nothing read.
	 */
	int			(*read)(void *arg, const struct ftree_entry *e,
				    int t, size_t max, char **buf, size_t *len);
	void			*arg;
	size_t			 cap;
};

/* Appends an entry (path and target are copied; target may be NULL). */
struct ftree_entry *ftree_add(struct ftree *, const char *path,
		    enum ftree_kind, const char *target);
/* Sorts the list and resolves its links: call once, after the last add. */
void		 ftree_resolve(struct ftree *);
/* The entry at path, or NULL. */
const struct ftree_entry *ftree_find(const struct ftree *, const char *path);
/*
 * The entries inside folder dir (dir's own contents and theirs, to any
 * depth): *n of them from the returned one on.  NULL when there are none.
 */
const struct ftree_entry *ftree_within(const struct ftree *, const char *dir,
		    size_t *n);
/*
 * Reads path as the workspace's folder would give it: through links
 * inside the tree when follow is set, else only a file itself.  Returns
 * as ftree's read does; -1 with ENOENT when there is no such file (or a
 * link names nothing readable), EINVAL when it is not a file.
 */
int		 ftree_read(const struct ftree *, const char *path, int follow,
		    int t, size_t max, char **buf, size_t *len);
void		 ftree_free(struct ftree *);

#endif
