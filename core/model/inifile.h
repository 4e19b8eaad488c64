/*
 * inifile.h: INI text read through inih, with inih's limits caught first.
 *
 * Debian's inih cuts lines of 199 bytes or more and parses the rest as a new
 * line (a long value can then inject a key), cuts section names to 49
 * characters, reports only the first bad line and cannot tell a duplicate
 * key from a repeated one.  inifile looks at every line itself before inih
 * does: each such line is reported at its place and kept from inih, so no
 * value is ever silently cut or invented.
 *
 * Indentation is insignificant (inih's multi-line values are switched off):
 * an indented "key = value" is a key, an indented word is an error.
 */
#ifndef RAPPORT_INIFILE_H
#define RAPPORT_INIFILE_H

#include "date.h"
#include "diag.h"
#include "source.h"

/* inih reads at most this many bytes of a line (without its line end). */
#define INIFILE_MAX_LINE 198
/* inih keeps at most this many bytes of a section name. */
#define INIFILE_MAX_SECTION 49

enum ini_event_type {
	INI_SECTION,		/* a [section] header */
	INI_KEY			/* a key = value line */
};

/*
 * An event is valid only during the callback.  section is the trimmed name
 * of the current section ("" before the first header); key and value are
 * trimmed, inline comments removed.  line and columns point into the source.
 * A section or key that was already reported as an error never arrives,
 * nor does a key with an empty value (an error at its line): value is
 * never "".
 */
struct ini_event {
	enum ini_event_type type;
	const char	*section;
	const char	*key;		/* INI_KEY only */
	const char	*value;		/* INI_KEY only */
	int		 line;
	int		 col;		/* of the section name or key */
	int		 vcol;		/* of the value */
};

typedef void (*ini_event_fn)(void *, const struct ini_event *);

/*
 * Reads lines first..last (1-based, inclusive) of src as INI and calls fn
 * for every section header and key in line order.  Problems go to d.
 */
void	inifile_parse(const struct source *src, size_t first, size_t last,
	    ini_event_fn fn, void *arg, struct diags *d);

/*
 * Reports e's key as unknown in the file path, suggesting the closest of
 * the NULL-terminated keys when one is a plausible typo.
 */
void	inifile_unknown_key(const struct ini_event *e, const char *path,
	    const char *const *keys, struct diags *d);
/*
 * Reads e's value as a duration of at least min units into *out; on a bad
 * value reports it, leaves *out alone and returns -1.
 */
int	inifile_duration(const struct ini_event *e, const char *path, int min,
	    struct duration *out, struct diags *d);

#endif
