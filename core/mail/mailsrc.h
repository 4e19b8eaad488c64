/*
 * mailsrc.h: the messages of the places mail programs keep them: Maildir
 * folders (the files of new/ and cur/, as mbsync, getmail, offlineimap
 * and most mail programs keep them) and mbox files (messages after
 * "From " lines).
 *
 * Only regular files are read: a symbolic link or anything else in a
 * Maildir (a FIFO, a device) is reported and passed over, so that a
 * source cannot make import read a file outside it, wait for a writer or
 * read without end; so is an mbox that is not a regular file.  Files
 * are read in the order of their names (new/ before cur/), so an import
 * is the same on every machine.
 */
#ifndef RAPPORT_MAILSRC_H
#define RAPPORT_MAILSRC_H

#include <stddef.h>

#include "diag.h"

/*
 * The bytes of one message held at once: its first MAILSRC_HEAD, which
 * hold any header mail import reads (mail.h's MAIL_HEADER_MAX), never
 * the whole of a large message.  The rest stays in its file, read again
 * piece by piece only to hash it (mailsrc_blob_id), so that a message of
 * any size costs the same memory.
 */
#define MAILSRC_HEAD	((size_t)2 << 20)

/* One message: valid during the call only. */
struct mailsrc_msg {
	const char	*where;		/* the file, as the source was named */
	int		 line;		/* mbox: the line of its "From ";
					   Maildir: 0 */
	const char	*s;		/* its first bytes, without the
					   "From " line: all of them, or
					   MAILSRC_HEAD */
	size_t		 len;
	unsigned long long size;	/* all its bytes */
	/* Where the rest is (fd -1: s holds all of it). */
	int		 fd;
	unsigned long long off;
};

/* A message held whole in memory (where names it in diagnostics). */
void	mailsrc_msg_mem(struct mailsrc_msg *, const char *where,
	    const char *s, size_t len);
/*
 * The id git gives all of the message's bytes as a blob (what git
 * hash-object prints for its file), in hex, into hex[41]; read piece by
 * piece from its file when it is not held whole.  Returns 0, or -1 when
 * the bytes cannot be read again (the file changed meanwhile).
 */
int	mailsrc_blob_id(const struct mailsrc_msg *, char hex[41]);

/* Nonzero stops the reading (mailsrc_read then returns 1). */
typedef int	mailsrc_fn(void *arg, const struct mailsrc_msg *);

/*
 * Calls fn for each message of the Maildir folder or mbox file at path.
 * Returns 0; 1 when fn stopped it; -1 when path is neither or cannot be
 * read (reported to d about path, as an error).  Files it passes over,
 * path itself when it is a FIFO or a device, are warnings.
 */
int	mailsrc_read(const char *path, mailsrc_fn *, void *arg,
	    struct diags *);

#endif
