/*
 * main.c: runs every unit test suite and prints the totals.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "date.h"
#include "diag.h"
#include "followup.h"
#include "unit.h"
#include "util.h"

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

void
unit_client(const struct config *cfg, const char *slug, const char *name,
    const char *front, const char *body, const char *today,
    struct client *c, struct followup *f)
{
	struct diags d = { 0 };
	struct source src;
	char *text = xasprintf("---\nname = %s\n%s---\n%s", name, front, body);
	char *path = xasprintf("clients/%s.md", slug);

	source_from_mem(&src, path, text, strlen(text), &d);
	client_parse(c, &src, slug, cfg, unit_date(today), 0, &d);
	if (d.nerr > 0) {
		unit_fail(__FILE__, __LINE__, "fixture %s has errors", path);
		unit_dump(&d);
	}
	followup_compute(f, c, cfg, unit_date(today));
	source_free(&src);
	diags_free(&d);
	free(text);
	free(path);
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

/* "cd 'dir' && { CMD; }" and how its output goes, from fmt. */
static char *shell_line(const char *, const char *, const char *, va_list)
    __attribute__((format(printf, 3, 0)));

static char *
shell_line(const char *dir, const char *redirect, const char *fmt,
    va_list ap)
{
	char *cmd = xvasprintf(fmt, ap), *line;

	line = dir != NULL ? xasprintf("cd '%s' && { %s\n} %s", dir, cmd,
	    redirect) : xasprintf("{ %s\n} %s", cmd, redirect);
	free(cmd);
	return line;
}

int
unit_sh(const char *dir, const char *fmt, ...)
{
	va_list ap;
	char *line;
	int rc;

	va_start(ap, fmt);
	line = shell_line(dir, ">/dev/null 2>&1", fmt, ap);
	va_end(ap);
	rc = system(line);
	free(line);
	return rc == -1 || !WIFEXITED(rc) ? -1 : WEXITSTATUS(rc);
}

char *
unit_sh_out(const char *dir, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;
	char *line, chunk[4096];
	FILE *f;
	size_t n;

	va_start(ap, fmt);
	line = shell_line(dir, "2>&1", fmt, ap);
	va_end(ap);
	f = popen(line, "r");
	free(line);
	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_putn(&b, chunk, n);
	pclose(f);
	/* "" rather than NULL for no output. */
	return b.s != NULL ? buf_detach(&b) : xstrdup("");
}

int
unit_rmtree(const char *dir)
{
	return unit_sh(NULL, "rm -rf '%s'", dir) == 0 ? 0 : -1;
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
