/*
 * mailsrc.h: the messages of the places mail programs keep them: Maildir
 * folders (the files of new/ and cur/, as mbsync, getmail, offlineimap
 * and most mail programs keep them) and mbox files (messages after
 * "From " lines).
 *
 * Only regular files are read: a symbolic link or anything else in a
 * Maildir is reported and passed over, so that a source cannot make
 * import read a file outside it.  Files are read in the order of their
 * names (new/ before cur/), so an import is the same on every machine.
 */
#ifndef RAPPORT_MAILSRC_H
#define RAPPORT_MAILSRC_H

#include <stddef.h>

#include "diag.h"

/* One message: valid during the call only. */
struct mailsrc_msg {
	const char	*where;		/* the file, as the source was named */
	int		 line;		/* mbox: the line of its "From ";
					   Maildir: 0 */
	const char	*s;		/* its bytes, without the "From " line */
	size_t		 len;
};

/* Nonzero stops the reading (mailsrc_read then returns 1). */
typedef int	mailsrc_fn(void *arg, const struct mailsrc_msg *);

/*
 * Calls fn for each message of the Maildir folder or mbox file at path.
 * Returns 0; 1 when fn stopped it; -1 when path is neither or cannot be
 * read (reported to d about path, as an error).  Files it passes over
 * are warnings.
 */
int	mailsrc_read(const char *path, mailsrc_fn *, void *arg,
	    struct diags *);

#endif
