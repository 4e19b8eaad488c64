/*
 * textstore.h: the bytes of files known by a content id (git's blob ids),
 * kept flat in one file, so that a build from a commit reads them without
 * inflating git's packs again.
 *
 * Reading a workspace from a commit (repo_tree.c) costs what inflating
 * its blobs costs, and in a packed repository a client file is a chain
 * of up to 50 deltas: libgit2 took 5 s for 10,000 of them, where the
 * same bytes from a file take 0.05 s.  A build with nothing changed but
 * the day (every page says the day) must read every file, so a server's
 * daily rebuild paid that every day.  The store keeps each text read
 * once, by its id; a later run finds it here.
 *
 * The file (GITDIR/rapport/texts) is a magic line, then records
 *
 *	id (20 bytes) | length (4, little-endian) | hash64 of the bytes (8)
 *	| the bytes
 *
 * appended one write(2) each, with O_APPEND, so that several rapports
 * (a push's hook, the daily rebuild) add to it at once.  It is a cache:
 * a record whose bytes do not hash as it says, or that the end of the
 * file cuts, is never used; a damaged file costs time only.  Records of
 * texts no longer wanted pile up until textstore_close compacts the file
 * (when that run added to it and it is twice what is wanted), replacing
 * it whole.
 *
 * Lookups and additions may run on several threads at once.
 */
#ifndef RAPPORT_TEXTSTORE_H
#define RAPPORT_TEXTSTORE_H

#include <stddef.h>
#include <stdint.h>

/* No text larger than this is kept (nor any client file: source.h). */
#define TEXTSTORE_MAX (4u * 1024 * 1024)

struct textstore;

/*
 * Opens the store at path, reading what it holds (absent or damaged:
 * empty; its folder is made when missing).  Never fails for want of a
 * store: returns NULL only when path's folder cannot hold one.
 */
struct textstore *textstore_open(const char *path);
/*
 * The text of id: 0 with *buf allocated (len bytes and a NUL), or -1
 * when the store does not hold it whole.
 */
int	 textstore_get(struct textstore *, const unsigned char id[20],
	    char **buf, size_t *len);
/* Keeps len bytes as the text of id (not when held already). */
void	 textstore_put(struct textstore *, const unsigned char id[20],
	    const char *buf, size_t len);
/*
 * Marks id as wanted (a text of the commit read), for the compaction:
 * texts never marked are dropped when the file is rewritten.
 */
void	 textstore_want(struct textstore *, const unsigned char id[20]);
/*
 * Compacts the file when compact is set, texts were put and it holds more
 * than twice the bytes of the wanted texts (every file of the commit must
 * have been marked), then releases the store.  NULL is fine.
 */
void	 textstore_close(struct textstore *, int compact);

#endif
