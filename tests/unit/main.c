/*
 * main.c: runs every unit test suite and prints the totals.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "unit.h"

int unit_passed, unit_failed;

void
unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	unit_failed++;
	fprintf(stderr, "%s:%d: FAIL: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
unit_date(const char *iso)
{
	date_t t = DATE_NONE;

	date_parse(iso, strlen(iso), &t);
	return t;
}

int
unit_has_diag(const struct diags *d, int line, int level, const char *sub)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if ((line == 0 || d->v[i].line == line) &&
		    (int)d->v[i].level == level &&
		    strstr(d->v[i].msg, sub) != NULL)
			return 1;
	return 0;
}

void
unit_dump(const struct diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		fputs("    ", stderr);
		diag_print_one(&d->v[i], stderr, 0);
	}
}

int
main(void)
{
#define UNIT_SUITE(name)	name();
#include "unit-suites.h"
#undef UNIT_SUITE
	printf("%d passed, %d failed, 0 skipped\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}
