/*
 * merge.h: the rapport merge, three ways, of a client file or rapport.ini
 * (SPEC section 6).
 *
 * git merges lines; a client file is a model.  Two people who both log a
 * call append at the same place, and git calls that a conflict every
 * time.  Here the file is read as what it is:
 *	- the front-matter (all of rapport.ini) key by key: a key changed on
 *	  one side takes that side, the same change on both is taken once,
 *	  different changes are a conflict; sections added on either side are
 *	  kept, a section removed on one side and untouched on the other goes;
 *	- the notes before the first entry as text;
 *	- the entries as a set, keyed by their heading: added on either side,
 *	  kept once; edited on one side, the edit; edited two ways, or edited
 *	  on one side and removed on the other, a conflict.  Merged entries
 *	  are in the order of entries, ties broken by their bytes, so that two
 *	  people merging the same pair get the same file.
 * A conflict is marked with git's markers around the conflicting key,
 * section or entry alone, so check reports it at its line and nothing
 * else needs a person.  No entry is ever dropped or doubled: each is in
 * the result once, or inside a conflict's markers.
 *
 * Where one side is unchanged the other is the result, byte for byte;
 * where both made the same change, that change.  Only when both sides
 * changed a part differently is it rebuilt: then entries are separated by
 * one blank line and the file ends with a line end.
 */
#ifndef RAPPORT_MERGE_H
#define RAPPORT_MERGE_H

#include <stddef.h>

#include "util.h"

/* git's conflict markers, as the merge writes them (without line ends). */
#define MARK_OURS	"<<<<<<< ours"
#define MARK_SPLIT	"======="
#define MARK_THEIRS	">>>>>>> theirs"

/* A version of the file; s == NULL means the side has no such file. */
struct merge_text {
	const char	*s;
	size_t		 len;
};

enum merge_kind {
	MERGE_CLIENT,		/* front-matter, notes and entries */
	MERGE_INI		/* rapport.ini: INI alone */
};

/*
 * Merges ours and theirs, both made from base, into out (appended).
 * Returns the number of conflicts marked in out: 0 when the merge is
 * clean.  A client file without front-matter on some side is merged as
 * text: the whole file one side's, or a conflict.  The file itself being
 * absent on a side (added on both, or removed) is the caller's to decide:
 * an absent side counts as an empty text here.
 */
int	merge_file(enum merge_kind, const struct merge_text *base,
	    const struct merge_text *ours, const struct merge_text *theirs,
	    struct buf *out);

/* What merge_said tells beside the conflicts. */
#define MERGE_BOTH_REORDERED	0x1u	/* both sides reordered sections,
					   keys or entries, differently:
					   ours' order is kept */

/* merge_file, and what it tells into *said (0 when nothing). */
int	merge_said(enum merge_kind, const struct merge_text *base,
	    const struct merge_text *ours, const struct merge_text *theirs,
	    struct buf *out, unsigned *said);

/*
 * The conflicts marked in s: the number of lines that start git's
 * "<<<<<<< " marker, and when lines is not NULL their line numbers (from
 * 1; room for len / 8 + 1 of them is enough).
 */
int	merge_marks(const char *s, size_t len, int *lines);

#endif
