/*
 * test_wpath.c: the one check of where rapport writes (core/base/wpath.h), fed
 * the paths a hostile test planted (issue 33) and good ones, on real
 * folders and links in a temporary folder.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "unit.h"
#include "util.h"
#include "wpath.h"

/* Names alone: what a journal, a remote's tree or a user may give. */
static void
test_names(void)
{
	static const char *const bad[] = {
		"", "/etc/passwd", "/tmp/x/.b.rapport-old", "../outside/b",
		"../../outside/data", "clients/../../x", "clients/./a.md",
		"./clients/a.md", "clients//a.md", "clients/", "clients/a.md/",
		".git/hooks/pre-commit", "clients/.git/config",
		".GIT/hooks/x", "clients/.Git/x", "..", ".", "a/..",
	};
	static const char *const good[] = {
		"clients/acme.md", "clients/eu/euro.md", "rapport.ini",
		"a", "clients/.acme.md.rapport-old", "clients/..md",
		"clients/.gitkeep", "clients/x.git/a.md", "clients/...",
	};
	size_t i;

	CHECK(wpath_name_why(NULL) != NULL);
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (wpath_name_why(bad[i]) == NULL)
			unit_fail(__FILE__, __LINE__, "'%s' taken", bad[i]);
		else
			unit_passed++;
	for (i = 0; i < sizeof(good) / sizeof(*good); i++)
		CHECK_STR(wpath_name_why(good[i]), NULL);
}

static void
test_refs(void)
{
	CHECK_STR(wpath_ref_why("refs/heads/main"), NULL);
	CHECK_STR(wpath_ref_why("refs/heads/team/eu"), NULL);
	CHECK(wpath_ref_why("../../outside/data") != NULL);
	CHECK(wpath_ref_why("refs/heads/../../../outside/data") != NULL);
	CHECK(wpath_ref_why("refs/../config") != NULL);
	CHECK(wpath_ref_why("/tmp/data") != NULL);
	CHECK(wpath_ref_why("HEAD") != NULL);
	CHECK(wpath_ref_why("refs/heads/a.lock") != NULL);
	CHECK(wpath_ref_why("refs/heads/.git") != NULL);
	CHECK(wpath_ref_why("refs/heads/a b") != NULL);
	CHECK(wpath_ref_why(NULL) != NULL);
}

/* want: 0, or the errno of a refusal; sub: in its sentence. */
static void
check_one(const char *root, const char *rel, int make, int want,
    const char *sub)
{
	char *why = NULL;
	int rc;

	errno = 0;
	rc = wpath_check(root, rel, make, &why);
	if (want == 0 && (rc != 0 || why != NULL))
		unit_fail(__FILE__, __LINE__, "'%s' refused: %s", rel,
		    why ? why : "(no reason)");
	else if (want != 0 && (rc != -1 || errno != want || why == NULL ||
	    strstr(why, sub) == NULL))
		unit_fail(__FILE__, __LINE__, "'%s': rc %d errno %d why %s",
		    rel, rc, errno, why ? why : "(null)");
	else
		unit_passed++;
	free(why);
}

/* On disk: links and files on the way, made folders. */
static void
test_disk(void)
{
	char dir[] = "/tmp/rapport-unit.XXXXXX", *root, *out, *p;
	struct stat st;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		return;
	}
	root = xasprintf("%s/ws", dir);
	out = xasprintf("%s/elsewhere", dir);
	CHECK(mkdir(root, 0777) == 0 && mkdir(out, 0777) == 0);
	p = xasprintf("%s/clients", root);
	CHECK(mkdir(p, 0777) == 0);
	free(p);
	p = xasprintf("%s/clients/sub", root);
	CHECK(mkdir(p, 0777) == 0);
	free(p);
	p = xasprintf("%s/clients/shared", root);
	CHECK(symlink(out, p) == 0);
	free(p);
	p = xasprintf("%s/clients/rel", root);
	CHECK(symlink("sub", p) == 0);	/* inside, but a link all the same */
	free(p);
	p = xasprintf("%s/clients/file.md", root);
	CHECK(close(creat(p, 0666)) == 0);
	free(p);
	p = xasprintf("%s/clients/last.md", root);
	CHECK(symlink(out, p) == 0);	/* the last part may be a link */
	free(p);

	check_one(root, "clients/acme.md", 0, 0, NULL);
	check_one(root, "clients/sub/acme.md", 0, 0, NULL);
	check_one(root, "clients/last.md", 0, 0, NULL);
	check_one(root, "clients/missing/deeper/a.md", 0, 0, NULL);
	check_one(root, "clients/shared/evil.md", 0, ELOOP,
	    "clients/shared is a symbolic link to ");
	check_one(root, "clients/shared/evil.md", 1, ELOOP, out);
	check_one(root, "clients/shared/new/evil.md", 1, ELOOP,
	    "replace the link by a real folder");
	check_one(root, "clients/rel/a.md", 0, ELOOP, "clients/rel is a "
	    "symbolic link to sub");
	check_one(root, "clients/file.md/a.md", 1, ENOTDIR,
	    "clients/file.md is a file");
	check_one(root, "../elsewhere/evil.md", 0, EINVAL, "'..'");
	check_one(root, "/tmp/evil.md", 0, EINVAL, "absolute");
	check_one(root, ".git/hooks/pre-commit", 1, EINVAL, ".git");
	check_one(root, "clients//a.md", 0, EINVAL, "empty");
	/* make: the missing folders come into being, checked. */
	check_one(root, "clients/new/eu/a.md", 1, 0, NULL);
	p = xasprintf("%s/clients/new/eu", root);
	CHECK(lstat(p, &st) == 0 && S_ISDIR(st.st_mode));
	free(p);
	p = xasprintf("%s/evil.md", out);
	CHECK(lstat(p, &st) == -1 && errno == ENOENT);
	free(p);
	p = xasprintf("%s/new", out);
	CHECK(lstat(p, &st) == -1 && errno == ENOENT);
	free(p);
	check_one(out, "x", 0, 0, NULL);
	check_one("/nonexistent-rapport-root", "a/b", 0, ENOENT, "cannot "
	    "open the folder");

	CHECK_INT(unit_rmtree(dir), 0);
	free(root);
	free(out);
}

void
test_wpath(void)
{
	test_names();
	git_libgit2_init();	/* for the ref names, as main() does */
	test_refs();
	git_libgit2_shutdown();
	test_disk();
}
