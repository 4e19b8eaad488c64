/*
 * fmt.h: numbers and charts as the pages show them.  Tables and charts
 * format thousands of numbers a build, so none of this goes through
 * printf in the common case.
 */
#ifndef RAPPORT_FMT_H
#define RAPPORT_FMT_H

#include <stddef.h>

#include "util.h"

/* Appends v with dec (0..3) decimals, as printf's "%.*f" would. */
void	 fmt_fixed(struct buf *, double v, int dec);
/* "40", "1.5", "41.25": at most two decimals, no trailing zeros; allocated. */
char	*fmt_number(double v);
/*
 * An inline SVG sparkline of the n values, oldest first, where has[i] says
 * whether value i exists (a month without a report is a gap); label is its
 * accessible name (escaped here).  Numbers only, so the markup can be
 * trusted.  Allocated; NULL when no value exists.
 */
char	*fmt_sparkline(const double *v, const int *has, size_t n,
	    const char *label);

/*
 * An inline SVG bar chart of the n values (>= 0), oldest first, where
 * has[i] says whether value i exists (no bar, not a zero); each bar has
 * names[i] under it and texts[i] (its value for people) over it.  label
 * is its accessible name, which should say the values too.  Text is
 * escaped here.  Allocated; NULL when no value exists.
 */
char	*fmt_bars(const double *v, const int *has, size_t n,
	    const char *const *names, const char *const *texts,
	    const char *label);

#endif
