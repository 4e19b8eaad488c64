/*
 * unit.h: a tiny test harness in the manner of cmark's api_test.
 *
 * A test is a function taking no arguments; CHECK records a failure with
 * its file and line and goes on, so one run shows every failing check.
 * The runner ends with the line "N passed, N failed, 0 skipped", counting
 * checks: a unit test never skips (faults are injected, never waited for).
 */
#ifndef RAPPORT_UNIT_H
#define RAPPORT_UNIT_H

#include <string.h>

extern int unit_passed, unit_failed;

void	unit_fail(const char *file, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

#define CHECK(cond) do {						\
	if (cond)							\
		unit_passed++;						\
	else								\
		unit_fail(__FILE__, __LINE__, "%s", #cond);		\
} while (0)

#define CHECK_INT(got, want) do {					\
	long long g_ = (got), w_ = (want);				\
	if (g_ == w_)							\
		unit_passed++;						\
	else								\
		unit_fail(__FILE__, __LINE__, "%s is %lld, want %lld",	\
		    #got, g_, w_);					\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)		\
		unit_passed++;						\
	else if (g_ == NULL && w_ == NULL)				\
		unit_passed++;						\
	else								\
		unit_fail(__FILE__, __LINE__, "%s is \"%s\", want \"%s\"", \
		    #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");	\
} while (0)

struct diags;
struct config;
struct client;
struct followup;

/* The day number of an ISO date, or DATE_NONE (for test data). */
int	unit_date(const char *iso);

/*
 * Nonzero when d holds a message at line (any line when 0) of level
 * (1 warning, 2 error) whose text contains sub.
 */
int	unit_has_diag(const struct diags *d, int line, int level,
	    const char *sub);
/* Prints every message in d to stderr, to explain a failure. */
void	unit_dump(const struct diags *d);
/*
 * A client fixture: clients/SLUG.md holding "name = NAME", the front
 * lines front (each ending in a line end) and body, parsed with cfg as
 * of today (an ISO date), and its followup computed for that day.  A
 * fixture with errors fails the test.  The caller frees both
 * (followup_free, client_free).
 */
void	unit_client(const struct config *, const char *slug, const char *name,
	    const char *front, const char *body, const char *today,
	    struct client *, struct followup *);

/*
 * The shell, for what a test sets up with the git program: runs the
 * command made from fmt in dir (NULL: where the tests run) and returns
 * its exit status (-1 when it could not run); unit_sh throws its output
 * away, unit_sh_out returns it (standard output and error, allocated;
 * NULL when it could not run).  unit_rmtree removes a test's folder.
 */
int	unit_sh(const char *dir, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
char	*unit_sh_out(const char *dir, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	unit_rmtree(const char *dir);

#define CHECK_DIAG(d, line, level, sub) do {				\
	if (unit_has_diag((d), (line), (level), (sub)))			\
		unit_passed++;						\
	else {								\
		unit_fail(__FILE__, __LINE__, "no %s at line %d with \"%s\"", \
		    (level) == 2 ? "error" : "warning", (line), (sub));	\
		unit_dump(d);						\
	}								\
} while (0)

/*
 * Each tests/unit/test_NAME.c provides the suite test_NAME; the build
 * lists them all in unit-suites.h, one UNIT_SUITE(test_NAME) a line.
 */
#define UNIT_SUITE(name)	void name(void);
#include "unit-suites.h"
#undef UNIT_SUITE

#endif
