/*
 * main.c: runs every unit test suite and prints the totals.
 */
#include <stdarg.h>
#include <stdio.h>

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
main(void)
{
	test_date();
	test_text();
	test_entry();
	test_inifile();
	test_client();
	test_workspace();
	printf("%d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed ? 1 : 0;
}
