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

/*
 * The mark of what is ours alone (SPEC section 5): a commitment whose text
 * holds "@internal" in any letter case, or that sits under such a one, is
 * never on the client's report page.  The one rule, for the page and for
 * check alike: "@Internal", "@INTERNAL", "@internals" and an address such
 * as ops@internal.example all hold it, since a promise kept off the page
 * by mistake is still on the internal one, while a note shown by mistake
 * has left.
 */
int	commitment_marked(const char *text);
/* Whether commitment i of c, or one it sits under, is marked. */
int	commitment_internal(const struct client *c, size_t i);
/*
 * The first near-miss of the mark in text: what a person who meant the
 * mark may have written, which does not hold it.  That is an at sign ('@',
 * or the fullwidth U+FF20 or small U+FE6B one) that does not follow a
 * letter, a digit or one of "._%+-" (then it is an address:
 * jo@intern.example), then at most two of ' ', '-' and '_', then a word of
 * ASCII or fullwidth Latin letters, not followed by a digit, that is
 * "internal..." spelled in any of those ways ("＠internal", "@ internal",
 * "@-Internal"), or "intern" or "interna", or one typing slip away from
 * "internal" ("@internl", "@intenral").  Words further off ("@interns",
 * "@internet", "@international") are words.  Returns it, with its length
 * in bytes in *len, or NULL.
 */
const char *commitment_mark_near(const char *text, size_t *len);
/*
 * A warning at each near-miss of the mark in commitment i's text that
 * leaves it unmarked (one that is internal anyway says nothing), at most
 * four for one item, pointed at the near-miss in src when the item's
 * lines hold it as written, else at the item's box: the item is not kept
 * off the client's report page.
 */
void	commitment_check_mark(const struct client *c, size_t i,
	    const struct source *src, struct diags *d);

#endif
