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
#include "gitdate.h"
#include "repo.h"
#include "source.h"
#include "unit.h"
#include "util.h"

static void
check_date(const char *s, int64_t when, int offset)
{
	int64_t t = -1;
	int off = 9999;

	if (gitdate_parse(s, &t, &off) != 0) {
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
	CHECK(gitdate_parse("2026-02-30T10:00:00Z", &t, &off) == -1);
	CHECK(gitdate_parse("2026-11-20T24:00:00Z", &t, &off) == -1);
	CHECK(gitdate_parse("2026-11-20", &t, &off) == -1);
	CHECK(gitdate_parse("next tuesday", &t, &off) == -1);
	CHECK(gitdate_parse("", &t, &off) == -1);
	CHECK(gitdate_parse("20 Foo 2026 10:00 +0000", &t, &off) == -1);
	CHECK(gitdate_parse("1795147200 +2500", &t, &off) == -1);
	CHECK(gitdate_parse("2026-11-20T04:00:00Z junk", &t, &off) == -1);
	CHECK(gitdate_parse("Fri 20 Nov 2026 04:00 +0000", &t, &off) == -1);
}

/* The rapport.ini init writes reads back as the defaults, silently. */
static void
test_default_ini(void)
{
	struct config def, got;
	struct diags d = { 0 };
	struct source src;
	char *text = config_default_text("Brightline", "Europe/London");

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
	/*
	 * The execute bits as git checks a file out, set before the rename:
	 * where the file may be read, then none; -1 keeps them.
	 */
	CHECK(file_write_atomic_exec(path, "x\n", 2, 1) == 0);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0750);
	CHECK(file_write_atomic_exec(path, "y\n", 2, -1) == 0);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0750);
	CHECK(file_write_atomic_exec(path, "z\n", 2, 0) == 0);
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

/* Nonzero when the file at path holds exactly want. */
static int
holds(const char *path, const char *want)
{
	char *data = NULL;
	size_t len = 0;
	int same;

	if (file_read_all(path, &data, &len) == -1)
		return 0;
	same = len == strlen(want) && memcmp(data, want, len) == 0;
	free(data);
	return same;
}

/*
 * file_write_atomic with rule (tests/fault.c) in force must fail with
 * want_errno and leave path holding "old\n" and no temporary file.
 */
static void
check_failed_write(const char *dir, const char *path, const char *rule,
    int want_errno)
{
	int rc, err;

	CHECK(file_write_atomic(path, "old\n", 4) == 0);
	setenv("RAPPORT_FAULT", rule, 1);
	rc = file_write_atomic(path, "a new text\n", 11);
	err = errno;
	unsetenv("RAPPORT_FAULT");
	if (rc != -1 || err != want_errno)
		unit_fail(__FILE__, __LINE__, "%s: returned %d, errno %s", rule,
		    rc, strerror(err));
	else
		unit_passed++;
	if (!holds(path, "old\n"))
		unit_fail(__FILE__, __LINE__, "%s: the old file changed", rule);
	else
		unit_passed++;
	CHECK_INT(count_named(dir, ".acme.md."), 0);
}

/* The events of the fault log at path, one string, and the log removed. */
static char *
take_log(const char *path)
{
	char *data = NULL;
	size_t len = 0;

	if (file_read_all(path, &data, &len) == -1)
		return xstrdup("");
	unlink(path);
	return data;
}

/*
 * The first line of log "WHAT ..." that contains name, or NULL.  A line
 * is the event's name and its paths (tests/fault.c).
 */
static const char *
logged(const char *log, const char *what, const char *name)
{
	size_t n = strlen(what);
	const char *p, *end;
	char line[8192];

	for (p = log; *p != '\0'; p = *end == '\n' ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		if ((size_t)(end - p) >= sizeof(line))
			continue;
		memcpy(line, p, (size_t)(end - p));
		line[end - p] = '\0';
		if (strncmp(line, what, n) == 0 && line[n] == ' ' &&
		    strstr(line + n, name) != NULL)
			return p;
	}
	return NULL;
}

/* Nonzero when events a and b were both logged, a first. */
static int
ordered(const char *a, const char *b)
{
	return a != NULL && b != NULL && a < b;
}

/*
 * A failed write, wherever it fails, leaves the old file whole and no
 * temporary file, as root too: faults are injected by tests/fault.c,
 * linked into this program, not made with file permissions.  And every
 * write is flushed before it is renamed, its folder after.
 */
static void
test_failed_writes(void)
{
	char dir[] = "/tmp/rapport-unit.XXXXXX", *path, *log, *events;
	const char *fsync_tmp, *rename_at, *fsync_dir;
	char *dirline;
	struct file_batch *b;
	struct file_stage *st;
	char *dest, *page, *page2;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		return;
	}
	path = xasprintf("%s/acme.md", dir);
	log = xasprintf("%s/fault.log", dir);
	check_failed_write(dir, path, "mkstemp:*/.acme.md.*:fail=EACCES",
	    EACCES);
	check_failed_write(dir, path, "write:*/.acme.md.*:fail=ENOSPC",
	    ENOSPC);
	check_failed_write(dir, path, "write:*/.acme.md.*:half", ENOSPC);
	check_failed_write(dir, path, "fsync:*/.acme.md.*:fail=EIO", EIO);
	check_failed_write(dir, path, "rename:*/acme.md:fail=EXDEV", EXDEV);
	/* A rule for another file changes nothing. */
	setenv("RAPPORT_FAULT", "write:*/other.md*:fail=ENOSPC", 1);
	CHECK(file_write_atomic(path, "new\n", 4) == 0);
	unsetenv("RAPPORT_FAULT");
	CHECK(holds(path, "new\n"));

	/* Flushed, then renamed, then the folder flushed: in that order. */
	setenv("RAPPORT_FAULT_LOG", log, 1);
	CHECK(file_write_atomic(path, "flushed\n", 8) == 0);
	unsetenv("RAPPORT_FAULT_LOG");
	events = take_log(log);
	fsync_tmp = logged(events, "fsync", "/.acme.md.");
	rename_at = logged(events, "rename", "/.acme.md.");
	dirline = xasprintf("fsync %s\n", dir);
	fsync_dir = strstr(events, dirline);
	free(dirline);
	CHECK(ordered(fsync_tmp, rename_at));
	CHECK(ordered(rename_at, fsync_dir));
	free(events);

	/*
	 * A batch: a failed add or flush leaves every old file; a commit
	 * flushes the file system once before its renames.
	 */
	page = xasprintf("%s/a.html", dir);
	page2 = xasprintf("%s/b.html", dir);
	CHECK(file_write_atomic(page, "old a\n", 6) == 0);
	CHECK(file_write_atomic(page2, "old b\n", 6) == 0);
	b = file_batch_new();
	CHECK(file_batch_add(b, page, "new a\n", 6) == 0);
	setenv("RAPPORT_FAULT", "write:*/.b.html.*:fail=ENOSPC", 1);
	CHECK(file_batch_add(b, page2, "new b\n", 6) == -1);
	unsetenv("RAPPORT_FAULT");
	file_batch_free(b);
	CHECK(holds(page, "old a\n") && holds(page2, "old b\n"));
	b = file_batch_new();
	CHECK(file_batch_add(b, page, "new a\n", 6) == 0);
	CHECK(file_batch_add(b, page2, "new b\n", 6) == 0);
	setenv("RAPPORT_FAULT", "syncfs:*:fail=EIO", 1);
	CHECK(file_batch_commit(b) == -1 && errno == EIO);
	unsetenv("RAPPORT_FAULT");
	file_batch_free(b);
	CHECK(holds(page, "old a\n") && holds(page2, "old b\n"));
	CHECK_INT(count_named(dir, ".a.html."), 0);
	CHECK_INT(count_named(dir, ".b.html."), 0);
	b = file_batch_new();
	CHECK(file_batch_add(b, page, "new a\n", 6) == 0);
	setenv("RAPPORT_FAULT_LOG", log, 1);
	CHECK(file_batch_commit(b) == 0);
	unsetenv("RAPPORT_FAULT_LOG");
	file_batch_free(b);
	CHECK(holds(page, "new a\n"));
	events = take_log(log);
	CHECK(ordered(logged(events, "syncfs", dir),
	    logged(events, "rename", "/a.html")));
	free(events);

	/* A stage that fails leaves no folder; a commit flushes first. */
	dest = xasprintf("%s/site", dir);
	CHECK((st = file_stage_new(dest)) != NULL);
	setenv("RAPPORT_FAULT", "write:*/site.rapport-*:fail=ENOSPC", 1);
	CHECK(st != NULL && file_stage_put(st, "index.html", "x\n", 2) == -1);
	unsetenv("RAPPORT_FAULT");
	file_stage_free(st);
	CHECK(access(dest, F_OK) == -1);
	CHECK_INT(count_named(dir, "site"), 0);
	CHECK((st = file_stage_new(dest)) != NULL);
	CHECK(st != NULL && file_stage_put(st, "index.html", "x\n", 2) == 0);
	setenv("RAPPORT_FAULT", "rename:*/site:fail=EIO", 1);
	CHECK(st != NULL && file_stage_commit(st) == -1);
	unsetenv("RAPPORT_FAULT");
	file_stage_free(st);
	CHECK(access(dest, F_OK) == -1);
	CHECK_INT(count_named(dir, "site"), 0);
	CHECK((st = file_stage_new(dest)) != NULL);
	CHECK(st != NULL && file_stage_put(st, "index.html", "x\n", 2) == 0);
	setenv("RAPPORT_FAULT_LOG", log, 1);
	CHECK(st != NULL && file_stage_commit(st) == 0);
	unsetenv("RAPPORT_FAULT_LOG");
	file_stage_free(st);
	events = take_log(log);
	CHECK(ordered(logged(events, "syncfs", "/site.rapport-"),
	    logged(events, "rename", "/site.rapport-")));
	CHECK(ordered(logged(events, "rename", "/site.rapport-"),
	    logged(events, "fsync", dir)));
	free(events);
	CHECK(access(dest, F_OK) == 0);
	{
		char *index = xasprintf("%s/index.html", dest);

		CHECK(holds(index, "x\n"));
		unlink(index);
		free(index);
	}
	rmdir(dest);

	unlink(path);
	unlink(page);
	unlink(page2);
	CHECK_INT(count_named(dir, "."), 2);	/* "." and ".." */
	rmdir(dir);
	free(dest);
	free(page);
	free(page2);
	free(path);
	free(log);
}

/*
 * One rule for what git ignores (repo_ignores): a file a .gitignore names
 * is ignored until git has it, in HEAD or in the index alone.
 */
static void
test_ignored(void)
{
	char dir[] = "/tmp/rapport-unit.XXXXXX", *p;
	struct diags d = { 0 };
	struct repo *r = NULL;
	git_index *idx = NULL;
	int created;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		return;
	}
	CHECK_INT(repo_init(dir, &created, &d), 0);
	p = xasprintf("%s/.gitignore", dir);
	CHECK_INT(file_write_atomic(p, "secret.md\n", 10), 0);
	free(p);
	p = xasprintf("%s/secret.md", dir);
	CHECK_INT(file_write_atomic(p, "x\n", 2), 0);
	free(p);
	CHECK_INT(repo_open(&r, dir, &d), 0);
	if (r != NULL) {
		CHECK_INT(repo_ignored(r, "secret.md"), 1);
		CHECK_INT(repo_ignored(r, "open.md"), 0);
		CHECK_INT(repo_ignores(repo_git(r), "secret.md", 1), 0);
		/* Staged with git add -f: git has it, so it is not ignored. */
		CHECK(git_repository_index(&idx, repo_git(r)) == 0 &&
		    git_index_add_bypath(idx, "secret.md") == 0 &&
		    git_index_write(idx) == 0);
		git_index_free(idx);
		CHECK_INT(repo_ignored(r, "secret.md"), 0);
	}
	repo_close(r);
	diags_free(&d);
	CHECK_INT(unit_rmtree(dir), 0);
}

void
test_repo(void)
{
	test_dates();
	test_default_ini();
	test_atomic_write();
	test_failed_writes();
	test_ignored();
}
