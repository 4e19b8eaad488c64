/*
 * statefile.h: the one framing of rapport's own files in GITDIR/rapport/
 * (the client cache, the history cache).
 *
 * A state file is a line naming its format and version (the magic, e.g.
 * "rapport-cache 6"), a line with the 16 hex digits of the key it was made
 * for (what its contents depend on: the program, the settings), the body
 * (text or bytes, the format's own business), and a last line "end " and
 * the 16 hex digits of hash_stream (util.h) over everything before it.
 * It is replaced whole, never edited: by file_write_atomic, or written
 * piece by piece beside it and renamed over it (statefile_create), so
 * that a cache of 100,000 records is never held whole.  Reading refuses a
 * file
 * whose magic, key or checksum is not exactly right: a torn, damaged,
 * older or foreign file is never trusted, only made again.
 *
 * render/rowstore.c is the one state file framed otherwise: it is written
 * in place, over the older of two files, and says why.
 */
#ifndef RAPPORT_STATEFILE_H
#define RAPPORT_STATEFILE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Starts the empty b as a file of magic (one line, no '\n') for key. */
void	 statefile_begin(struct buf *b, const char *magic, uint64_t key);
/*
 * Ends b with its checksum line and replaces path with it, making the
 * folder path is in when missing (one level, as GITDIR/rapport).  Returns
 * 0, or -1 with errno set; b is emptied either way.
 */
int	 statefile_write(const char *path, struct buf *b);
/*
 * A state file made piece by piece: statefile_create starts it (magic and
 * key) in a new file beside path, without a name until it is whole where
 * the system allows (O_TMPFILE, so that a run killed meanwhile leaves
 * nothing behind), else a temporary one; statefile_put appends to its
 * body, statefile_finish adds the checksum line and puts it in place of
 * path as statefile_write does (0, or -1 with errno set), and
 * statefile_abandon removes it.  A failure to create or write is kept
 * and reported by statefile_finish: puts need no checks.  Both finish
 * and abandon free it (NULL is ignored).  One thread at a time; create
 * reads the umask, which no thread may be creating files meanwhile.
 */
struct statefile_out;
struct statefile_out *statefile_create(const char *path, const char *magic,
	    uint64_t key);
void	 statefile_put(struct statefile_out *, const void *, size_t len);
int	 statefile_finish(struct statefile_out *);
void	 statefile_abandon(struct statefile_out *);
/*
 * The body of the len bytes at data when they are a state file of magic
 * for key: its offset in *off and its bytes in *bodylen.  Returns 0, or
 * -1 when anything of the frame is not exactly right.
 */
int	 statefile_check(const char *data, size_t len, const char *magic,
	    uint64_t key, size_t *off, size_t *bodylen);
/*
 * statefile_check of the file open at fd, read a piece at a time rather
 * than held whole (the file may be a hundred megabytes): 0 with where
 * its body is in the file, or -1.  The caller reads the body itself.
 */
int	 statefile_check_fd(int fd, const char *magic, uint64_t key,
	    size_t *off, size_t *bodylen);
/*
 * Reads the state file at path.  Returns 0 with *data the whole file
 * (allocated, the caller frees it) and its body at *data + *off, *bodylen
 * bytes followed by a NUL (written over the checksum line, so a text body
 * is a C string); or -1 when it is missing, unreadable or not a state file
 * of magic for key, with *data NULL.
 */
int	 statefile_read(const char *path, const char *magic, uint64_t key,
	    char **data, size_t *off, size_t *bodylen);
/*
 * Makes the folder path is in, when it is missing (one level: its parent
 * must exist).  Returns 0, or -1 with errno set.
 */
int	 statefile_mkdir(const char *path);

#endif
