/*
 * source.h: one input file, read whole into one buffer, with the offset of
 * every line, so every message can point into the original file.
 *
 * The buffer is normalised for the parsers but keeps every line and column
 * where it was: a UTF-8 byte order mark is dropped (columns then count from
 * after it), CRLF becomes LF, and bytes the parsers must never see (NUL,
 * a lone CR) become spaces after being reported.  The file on disk is never
 * changed by reading it.
 */
#ifndef RAPPORT_SOURCE_H
#define RAPPORT_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Client files and rapport.ini larger than this are refused, unread. */
#define SOURCE_MAX_BYTES (4u * 1024 * 1024)

struct source {
	char	*path;		/* for messages, relative to the workspace */
	char	*buf;		/* NUL-terminated, len bytes */
	size_t	 len;
	size_t	*line;		/* line[i] = offset of line i+1 */
	size_t	 nlines;
	int	 crlf;		/* the file used CRLF line ends */
	int	 bom;		/* the file started with a byte order mark */
	int	 binary;	/* looks like a binary file: do not parse */
	uint64_t hash;		/* hash64 of the bytes as read (cache keys) */
};

/*
 * Reads the file at fspath (a path the OS can open) and names it relpath in
 * messages.  Returns 0, or -1 after reporting why the file cannot be used
 * (unreadable, too large, not a regular file).  Encoding problems are
 * reported, not fatal, except for binary files.
 */
int	 source_read(struct source *, const char *fspath, const char *relpath,
	    struct diags *);
/*
 * source_read in two steps, for a caller that may need only the bytes'
 * hash (a cache): source_raw reads the bytes as they are (buf, len and
 * hash set, no lines) and returns 0, or -1 as source_read does;
 * source_ready then checks, normalises and indexes them as source_read
 * would have, with the same messages and result.
 */
int	 source_raw(struct source *, const char *fspath, const char *relpath,
	    struct diags *);
int	 source_ready(struct source *, struct diags *);
/*
 * source_raw for bytes read elsewhere (a commit's tree): takes buf, len
 * bytes allocated with room for a NUL after them, as the file's bytes.
 */
void	 source_raw_take(struct source *, const char *relpath, char *buf,
	    size_t len);
/*
 * What source_raw reports for a file of len bytes, over the limit: the
 * source is left empty but for its path.
 */
void	 source_too_large(struct source *, const char *relpath, size_t len,
	    struct diags *);
/* source_read from memory (tests, fuzzers); buf is copied. */
int	 source_from_mem(struct source *, const char *relpath, const char *,
	    size_t, struct diags *);
/* Line n (1-based) without its line end, and its length; NULL if none. */
const char *source_line(const struct source *, size_t n, size_t *len);
/* The 1-based line holding byte offset off. */
size_t	 source_line_at(const struct source *, size_t off);
void	 source_free(struct source *);

#endif
