/*
 * test_repo.c: the parts of committing that need no repository: dates as
 * git reads GIT_AUTHOR_DATE, the rapport.ini that init writes, and the
 * atomic file writer.  Repositories themselves are tested by tests/git.sh
 * against the git program.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "config.h"
#include "fileio.h"
#include "repo.h"
#include "source.h"
#include "unit.h"
#include "util.h"

static void
check_date(const char *s, int64_t when, int offset)
{
	int64_t t = -1;
	int off = 9999;

	if (repo_parse_date(s, &t, &off) != 0) {
		unit_fail(__FILE__, __LINE__, "'%s' not read", s);
		return;
	}
	CHECK_INT(t, when);
	CHECK_INT(off, offset);
}

static void
test_dates(void)
{
	int64_t t;
	int off;

	/* 2026-11-20 04:00:00 UTC is 1795147200. */
	check_date("@1795147200 +0000", 1795147200, 0);
	check_date("1795147200 +0530", 1795147200, 330);
	check_date("@1795147200", 1795147200, 0);
	check_date("  1795147200 -0800", 1795147200, -480);
	check_date("2026-11-20T09:30:00+05:30", 1795147200, 330);
	check_date("2026-11-20 09:30:00 +0530", 1795147200, 330);
	check_date("2026-11-20T04:00:00Z", 1795147200, 0);
	check_date("2026-11-20T04:00Z", 1795147200, 0);
	check_date("2026-11-20T04:00:00.250Z", 1795147200, 0);
	check_date("2026-11-19T20:00:00-08:00", 1795147200, -480);
	check_date("Fri, 20 Nov 2026 04:00:00 +0000", 1795147200, 0);
	check_date("20 Nov 2026 09:30:00 +0530", 1795147200, 330);
	check_date("Fri, 20 nov 2026 04:00 +0000", 1795147200, 0);
	/* Leap day, and a date before 1970. */
	check_date("2028-02-29T00:00:00Z", 1835395200, 0);
	check_date("1969-12-31T23:59:59Z", -1, 0);
	/* Git refuses these; so do we (never a silently moved date). */
	CHECK(repo_parse_date("2026-02-30T10:00:00Z", &t, &off) == -1);
	CHECK(repo_parse_date("2026-11-20T24:00:00Z", &t, &off) == -1);
	CHECK(repo_parse_date("2026-11-20", &t, &off) == -1);
	CHECK(repo_parse_date("next tuesday", &t, &off) == -1);
	CHECK(repo_parse_date("", &t, &off) == -1);
	CHECK(repo_parse_date("20 Foo 2026 10:00 +0000", &t, &off) == -1);
	CHECK(repo_parse_date("1795147200 +2500", &t, &off) == -1);
	CHECK(repo_parse_date("2026-11-20T04:00:00Z junk", &t, &off) == -1);
	CHECK(repo_parse_date("Fri 20 Nov 2026 04:00 +0000", &t, &off) == -1);
}

/* The rapport.ini init writes reads back as the defaults, silently. */
static void
test_default_ini(void)
{
	struct config def, got;
	struct diags d = { 0 };
	struct source src;
	char *text = config_default_text("Brightline");

	config_defaults(&def);
	config_defaults(&got);
	CHECK(source_from_mem(&src, "rapport.ini", text, strlen(text),
	    &d) == 0);
	config_parse(&got, &src, &d);
	CHECK_INT(d.n, 0);
	if (d.n > 0)
		unit_dump(&d);
	CHECK_STR(got.name, "Brightline");
	CHECK(got.site_title == NULL);
	CHECK_INT(got.cadence.n, def.cadence.n);
	CHECK_INT(got.cadence.unit, def.cadence.unit);
	CHECK_INT(got.reply_within.n, def.reply_within.n);
	CHECK_INT(got.reply_within.unit, def.reply_within.unit);
	CHECK_INT(got.due_soon.n, def.due_soon.n);
	CHECK_INT(got.renewal_notice.n, def.renewal_notice.n);
	CHECK_INT(got.budget_warn, def.budget_warn);
	CHECK_INT(got.report_day, def.report_day);
	CHECK_INT(got.nowners, 0);
	/* Every setting is written out, not left implicit. */
	CHECK(strstr(text, "\ncadence = 14d ") != NULL);
	CHECK(strstr(text, "\nreply_within = 1bd ") != NULL);
	CHECK(strstr(text, "\ndue_soon = 3d ") != NULL);
	CHECK(strstr(text, "\nbudget_warn = 80 ") != NULL);
	CHECK(strstr(text, "\nrenewal_notice = 30d ") != NULL);
	CHECK(strstr(text, "\nreport_day = 5 ") != NULL);
	source_free(&src);
	config_free(&got);
	config_free(&def);
	diags_free(&d);
	free(text);
}

/* Files in dir whose name starts with prefix. */
static int
count_named(const char *dir, const char *prefix)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (dp != NULL && (e = readdir(dp)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	if (dp != NULL)
		closedir(dp);
	return n;
}

static void
test_atomic_write(void)
{
	char dir[] = "/tmp/rapport-unit.XXXXXX", *path, *link, *data = NULL;
	char *outside;
	size_t len = 0;
	struct stat st;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		return;
	}
	path = xasprintf("%s/acme.md", dir);
	link = xasprintf("%s/link.md", dir);
	outside = xasprintf("%s/outside.md", dir);

	CHECK(file_write_atomic(path, "one\n", 4) == 0);
	CHECK(file_read_all(path, &data, &len) == 0);
	CHECK_INT(len, 4);
	CHECK_STR(data, "one\n");
	free(data);
	/* The mode survives a rewrite; no temporary file is left. */
	CHECK(chmod(path, 0640) == 0);
	CHECK(file_write_atomic(path, "two\n", 4) == 0);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640);
	CHECK_INT(count_named(dir, ".acme.md."), 0);
	/* An empty file is a file. */
	CHECK(file_write_atomic(path, "", 0) == 0);
	CHECK(file_read_all(path, &data, &len) == 0 && len == 0);
	free(data);
	/* A link is replaced, never written through. */
	CHECK(file_write_atomic(outside, "keep\n", 5) == 0);
	CHECK(symlink(outside, link) == 0);
	CHECK(file_write_atomic(link, "new\n", 4) == 0);
	CHECK(lstat(link, &st) == 0 && S_ISREG(st.st_mode));
	CHECK(file_read_all(outside, &data, &len) == 0);
	CHECK_STR(data, "keep\n");
	free(data);
	/* A failed write leaves the old file and no temporary file. */
	if (geteuid() != 0) {
		CHECK(chmod(dir, 0555) == 0);
		CHECK(file_write_atomic(path, "three\n", 6) == -1);
		CHECK_INT(errno, EACCES);
		CHECK(chmod(dir, 0755) == 0);
	}
	CHECK(file_write_atomic("/nonexistent-dir/x.md", "x", 1) == -1);
	CHECK_INT(errno, ENOENT);
	CHECK(file_read_all(path, &data, &len) == 0 && len == 0);
	free(data);
	CHECK(file_read_all("/nonexistent-dir/x.md", &data, &len) == -1);
	CHECK_INT(count_named(dir, "."), 2);	/* "." and ".." */

	unlink(path);
	unlink(link);
	unlink(outside);
	rmdir(dir);
	free(path);
	free(link);
	free(outside);
}

void
test_repo(void)
{
	test_dates();
	test_default_ini();
	test_atomic_write();
}
