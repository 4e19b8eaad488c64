/*
 * commitment.h: finding a commitment by its words, and keeping it.
 *
 * What "rapport done" needs of the model: which commitments a few words
 * name, and the text of the file with one of them ticked.  Reading
 * commitments from a file is body.c's (struct commitment in client.h).
 */
#ifndef RAPPORT_COMMITMENT_H
#define RAPPORT_COMMITMENT_H

#include "client.h"
#include "date.h"
#include "util.h"

/*
 * The commitments of c, open ones when done is 0, kept ones when 1, whose
 * text contains q, ASCII letters compared without case.  When one's whole
 * text is q it alone matches, so a commitment whose text is part of
 * another's can still be named.  Stores up to max pointers (into c) in
 * file order and returns how many match, which may be more than max.
 */
size_t	commitment_find(const struct client *c, const char *q, int done,
	    const struct commitment **out, size_t max);

/*
 * Appends to out the text s (len bytes; the text cm was parsed from) with
 * cm's box "[ ]" made "[x]" and " done:DATE" put at the end of the item's
 * paragraph, trailing blanks of that line dropped.  Nothing else changes,
 * line ends included.  Returns -1, with out untouched, when s does not
 * have an open box at cm's line and column.
 */
int	commitment_tick(const char *s, size_t len, const struct commitment *cm,
	    date_t day, struct buf *out);

#endif
