/*
 * merge_int.h: what the parts of the rapport merge share (merge.h is the
 * contract): a version as lines, keyed runs of lines (units), the
 * three-way rule, the order of units added on both sides, the INI merge.
 */
#ifndef RAPPORT_MERGE_INT_H
#define RAPPORT_MERGE_INT_H

#include <stddef.h>

#include "date.h"
#include "merge.h"
#include "util.h"

struct line {
	const char	*s;
	size_t		 len;		/* with its line end */
};

struct lines {
	struct line	*v;
	size_t		 n, cap;
};

/* A keyed run of lines of one version: lines [first, first + n). */
struct unit {
	char		*key;		/* allocated, unique in its list */
	size_t		 first, n;
	date_t		 date;		/* entries: for the order of entries */
	int		 minutes;	/* as written, or -1 */
	int		 at;		/* the order's time of day */
};

struct units {
	struct unit	*v;
	size_t		 n, cap;
	struct unit	**sorted;	/* by key, for find */
};

enum verdict { TAKE_NONE, TAKE_OURS, TAKE_THEIRS, TAKE_CONFLICT };

/* One version, cut. */
struct side {
	struct lines	 l;
	int		 shaped;	/* has front-matter */
	size_t		 fm_first, fm_end;	/* between the fences */
	size_t		 notes_first, notes_end;
	size_t		 body_end;	/* end of the entries: l.n */
	struct units	 entries;
};

/*
 * Merges the entries of the three sides (merge_entries.c) into out, a
 * blank line first when after_notes; returns the conflicts.
 */
int		 merge_entries(struct buf *out, const struct side *b,
		    const struct side *o, const struct side *t,
		    int after_notes, const char *eol, unsigned *said);

/* Cuts s into lines, each with its line end; l->v points into s. */
void		 lines_split(struct lines *, const char *s, size_t len);
/* A line's length without its line end. */
size_t		 bare(const struct line *);
/* Whether a line holds only blanks. */
int		 blank(const struct line *);
/* Whether runs of lines [af, af + an) and [bf, bf + bn) hold the same bytes. */
int		 same_run(const struct lines *a, size_t af, size_t an,
		    const struct lines *b, size_t bf, size_t bn);
/* Appends lines [f, f + n), the last one ended with eol if it is not. */
void		 put_run(struct buf *, const struct lines *, size_t f,
		    size_t n, const char *eol);
/* A conflict: ours' run and theirs', between git's markers. */
void		 put_conflict(struct buf *, const struct lines *o, size_t of,
		    size_t on, const struct lines *t, size_t tf, size_t tn,
		    const char *eol);
/* Adds a unit of lines [first, first + n) keyed by key (copied). */
void		 unit_add(struct units *, const char *key, size_t klen,
		    size_t first, size_t n);
/* Makes the keys unique and indexes them; then units_find works. */
void		 units_index(struct units *);
struct unit	*units_find(const struct units *, const char *key);
void		 units_free(struct units *);
/* The three-way rule for one unit; NULL: not on that side. */
enum verdict	 decide(const struct lines *bl, const struct unit *b,
		    const struct lines *ol, const struct unit *o,
		    const struct lines *tl, const struct unit *t);
/*
 * Writes what verdict v takes: o's lines, t's, nothing, or both between
 * conflict markers (then returns 1, else 0).  The blank lines that end
 * the unit taken are those of the layout unit lu of ll (the unit of the
 * side whose order the result has), or its own when lu is NULL.
 */
int		 put_verdict(struct buf *, enum verdict v,
		    const struct lines *ol, const struct unit *o,
		    const struct lines *tl, const struct unit *t,
		    const char *eol, const struct lines *ll,
		    const struct unit *lu);
/*
 * Merges runs of lines as git merge-file does (merge_text.c): base
 * [bf, bf + bn), ours, theirs; conflicts marked as put_conflict marks
 * them.  With items, both sides' list items added at one place are both
 * kept.  Returns the conflicts.
 */
int		 merge_text(struct buf *, const struct lines *bl, size_t bf,
		    size_t bn, const struct lines *ol, size_t of, size_t on,
		    const struct lines *tl, size_t tf, size_t tn, int items,
		    const char *eol);
/*
 * The order of reference of base's units (indexes into b->v, b->n of
 * them, allocated): base's own; the order a side gave them when it
 * reordered them (what a side did on purpose stays done); ours when both
 * did, differently, which adds MERGE_BOTH_REORDERED to *said (said may be
 * NULL).  *by: 0 base's, 1 ours', 2 theirs', 3 both sides' alike.
 */
size_t		*order_ref(const struct units *b, const struct units *o,
		    const struct units *t, unsigned *said, int *by);
/*
 * The order of the merged units (merge_units.c); keys allocated.  *by
 * says whose order it is: 0 base's, 1 ours', 2 theirs' (order_ref).
 */
size_t		 order_units(const struct units *b, const struct units *o,
		    const struct units *t, const char ***keys, unsigned *said,
		    int *by);
/*
 * Merges INI lines base [bf, be), ours [of, oe), theirs [tf, te) into
 * out, key by key and section by section; returns the conflicts.
 */
int		 merge_ini(struct buf *out, const struct lines *bl, size_t bf,
		    size_t be, const struct lines *ol, size_t of, size_t oe,
		    const struct lines *tl, size_t tf, size_t te,
		    const char *eol, unsigned *said);

#endif
