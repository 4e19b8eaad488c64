/*
 * test_ftree.c: a commit's files as a list (ftree.h): links resolved by
 * name as a folder on disk resolves them (relative to the link's folder,
 * "." and "..", through links to folders, links to links), never above
 * the root, loops and dangling links naming nothing; the contents of a
 * folder found as one run; reads through links only when asked.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ftree.h"
#include "unit.h"
#include "util.h"

/* An ftree read function: the entry's path is its text. */
static int
read_path(void *arg, const struct ftree_entry *e, int t, size_t max,
    char **buf, size_t *len)
{
	(void)arg;
	(void)t;
	*len = strlen(e->path);
	if (*len > max) {
		errno = EFBIG;
		return -1;
	}
	*buf = xstrdup(e->path);
	return 0;
}

/* What link path names: its path, "outside", or "nothing". */
static const char *
names(const struct ftree *t, const char *path)
{
	const struct ftree_entry *e = ftree_find(t, path);

	if (e == NULL || e->kind != FTREE_LINK)
		return "not a link";
	return e->to != NULL ? e->to->path : e->outside ? "outside" :
	    "nothing";
}

void
test_ftree(void)
{
	struct ftree t = { 0 };
	const struct ftree_entry *e;
	char *buf = NULL;
	size_t n, len;

	ftree_add(&t, "rapport.ini", FTREE_FILE, NULL);
	ftree_add(&t, "clients", FTREE_DIR, NULL);
	ftree_add(&t, "clients/a.md", FTREE_FILE, NULL);
	ftree_add(&t, "clients/sub", FTREE_DIR, NULL);
	ftree_add(&t, "clients/sub/b.md", FTREE_FILE, NULL);
	ftree_add(&t, "clients/sub-x.md", FTREE_FILE, NULL);
	ftree_add(&t, "notes", FTREE_DIR, NULL);
	ftree_add(&t, "notes/n.txt", FTREE_FILE, NULL);
	ftree_add(&t, "clients/rel.md", FTREE_LINK, "a.md");
	ftree_add(&t, "clients/up.md", FTREE_LINK, "../notes/n.txt");
	ftree_add(&t, "clients/dots.md", FTREE_LINK, "./sub/../sub//b.md");
	ftree_add(&t, "clients/abs.md", FTREE_LINK, "/etc/passwd");
	ftree_add(&t, "clients/above.md", FTREE_LINK, "../../x.md");
	ftree_add(&t, "clients/gone.md", FTREE_LINK, "gone.md.txt");
	ftree_add(&t, "clients/loop.md", FTREE_LINK, "loop2.md");
	ftree_add(&t, "clients/loop2.md", FTREE_LINK, "loop.md");
	ftree_add(&t, "clients/chain.md", FTREE_LINK, "rel.md");
	ftree_add(&t, "clients/dir", FTREE_LINK, "../notes");
	ftree_add(&t, "clients/via.md", FTREE_LINK, "dir/n.txt");
	ftree_add(&t, "clients/root", FTREE_LINK, "..");
	ftree_add(&t, "clients/through.md", FTREE_LINK, "a.md/b");
	ftree_add(&t, "clients/unread.md", FTREE_LINK, NULL);
	ftree_resolve(&t);
	t.read = read_path;

	CHECK_STR(names(&t, "clients/rel.md"), "clients/a.md");
	CHECK_STR(names(&t, "clients/up.md"), "notes/n.txt");
	CHECK_STR(names(&t, "clients/dots.md"), "clients/sub/b.md");
	CHECK_STR(names(&t, "clients/abs.md"), "outside");
	CHECK_STR(names(&t, "clients/above.md"), "outside");
	CHECK_STR(names(&t, "clients/gone.md"), "nothing");
	CHECK_STR(names(&t, "clients/loop.md"), "nothing");
	CHECK_STR(names(&t, "clients/chain.md"), "clients/a.md");
	CHECK_STR(names(&t, "clients/dir"), "notes");
	CHECK_STR(names(&t, "clients/via.md"), "notes/n.txt");
	CHECK_STR(names(&t, "clients/root"), "");
	CHECK_STR(names(&t, "clients/through.md"), "nothing");
	CHECK_STR(names(&t, "clients/unread.md"), "nothing");

	/* A folder's contents are one run, "sub-x.md" not among sub's. */
	e = ftree_within(&t, "clients/sub", &n);
	CHECK_INT(n, 1);
	CHECK(e != NULL && strcmp(e->path, "clients/sub/b.md") == 0);
	e = ftree_within(&t, "clients", &n);
	CHECK_INT(n, 18);
	CHECK(ftree_within(&t, "clients/a.md", &n) == NULL && n == 0);
	CHECK(ftree_find(&t, "clients/none.md") == NULL);

	/* Reads: through a link when asked; a folder is no file. */
	CHECK_INT(ftree_read(&t, "clients/up.md", 1, 0, 100, &buf, &len), 0);
	CHECK_STR(buf, "notes/n.txt");
	free(buf);
	buf = NULL;
	CHECK_INT(ftree_read(&t, "clients/up.md", 0, 0, 100, &buf, &len), -1);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(ftree_read(&t, "clients/gone.md", 1, 0, 100, &buf, &len), -1);
	CHECK_INT(errno, ENOENT);
	CHECK_INT(ftree_read(&t, "notes", 1, 0, 100, &buf, &len), -1);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(ftree_read(&t, "clients/a.md", 1, 0, 3, &buf, &len), -1);
	CHECK_INT(errno, EFBIG);
	ftree_free(&t);
	CHECK(t.v == NULL && t.n == 0);
	ftree_free(NULL);
}
