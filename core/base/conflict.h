/*
 * conflict.h: what a conflict that git's markers enclose is about, said
 * for people.  sync and merge-file describe the conflicts they leave, and
 * check the ones it finds in a file, with this one reading of the marked
 * lines:
 *	one key on each side (or on one, the other side without it):
 *	    "'cadence' is 7d here and 21d on origin/main";
 *	a whole file on one side: "the file is changed here and removed
 *	    on origin/main";
 *	entries: "the entry '2026-11-20 14:00 -> call: Q4 plan' differs
 *	    here and on origin/main", or "... is changed here and removed
 *	    on ...";
 *	anything else: "N lines here and M on origin/main differ".
 */
#ifndef RAPPORT_CONFLICT_H
#define RAPPORT_CONFLICT_H

#include <stddef.h>

#include "util.h"

/*
 * Describes the conflict whose "<<<<<<<" line starts at offset at of the
 * len bytes of text, into out, naming the sides with ours and theirs
 * (phrases such as "here" and "on origin/main"; NULL: "in" and the
 * label the marker lines carry, "in ours", "in HEAD").  Returns 0, or -1
 * when no whole conflict starts at at (out is left as it was).
 */
int	conflict_describe(const char *text, size_t len, size_t at,
	    const char *ours, const char *theirs, struct buf *out);
/*
 * Whether the line p (len bytes, its line end left off but for a CR) is
 * git's marker of c: '<', '|' and '>' seven times alone or before a
 * space and a label, '=' seven times alone.
 */
int	conflict_marker(const char *p, size_t len, char c);

#endif
