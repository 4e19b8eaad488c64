/*
 * test_history.c: the history's cache file (core/git/history_file.c)
 * through history_load: a second load with HEAD where it was reads the
 * file, not the commits (a name changed in the file, its frame made
 * right, is what it returns); a load with other settings (how many
 * commits a client keeps) refuses the file, as the key says it must.
 */
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "history.h"
#include "repo.h"
#include "statefile.h"
#include "unit.h"
#include "util.h"

#define HIST_MAGIC	"rapport-history 4"

/* The author of slug's newest commit, by a load with max and the cache. */
static char *
author(const char *dir, size_t max)
{
	struct repo *r = NULL;
	struct diags d = { 0 };
	struct history *h = NULL;
	const struct repo_commit *c;
	char *who = NULL;

	if (repo_open(&r, dir, &d) == 0 &&
	    (h = history_load(r, max, 1, 1, &d)) != NULL &&
	    (c = history_get(h, "a", 0)) != NULL)
		who = xstrdup(c->author);
	if (d.n > 0)
		unit_dump(&d);
	history_free(h);
	repo_close(r);
	diags_free(&d);
	return who;
}

/*
 * Replaces from with to in the cache file's body, keeping its key and
 * making its checksum right, as a cache that the program wrote would be.
 */
static int
rewrite(const char *path, const char *from, const char *to)
{
	char *data = NULL, *at;
	size_t len, mlen = strlen(HIST_MAGIC);
	unsigned long long key;
	struct buf b = { 0 };
	int rc = -1;

	if (file_read_all(path, &data, &len) == -1 ||
	    sscanf(data + mlen + 1, "%16llx", &key) != 1 ||
	    (at = strstr(data, from)) == NULL)
		goto out;
	statefile_begin(&b, HIST_MAGIC, (uint64_t)key);
	/* The body: from after the key line up to the checksum line. */
	buf_putn(&b, data + mlen + 18, (size_t)(at - data) - mlen - 18);
	buf_puts(&b, to);
	buf_putn(&b, at + strlen(from), len - 21 - (size_t)(at - data) -
	    strlen(from));
	rc = statefile_write(path, &b);
out:
	free(data);
	return rc;
}

void
test_history(void)
{
	char dir[] = "/tmp/rapport-history.XXXXXX", *path, *who;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp failed");
		return;
	}
	CHECK_INT(unit_sh(dir, "git init -q && mkdir clients && echo x "
	    ">clients/a.md && git add -A && git -c user.name=Alice -c "
	    "user.email=a@x.example commit -qm one"), 0);
	path = xasprintf("%s/.git/rapport/history", dir);

	/* The first load walks and writes the file. */
	who = author(dir, 20);
	CHECK_STR(who, "Alice");
	free(who);
	CHECK_INT(rewrite(path, "\tAlice\t", "\tAlyce\t"), 0);
	/* HEAD has not moved: the file is the answer. */
	who = author(dir, 20);
	CHECK_STR(who, "Alyce");
	free(who);
	/* Made for other settings: refused, the commits read again. */
	who = author(dir, 10);
	CHECK_STR(who, "Alice");
	free(who);

	free(path);
	CHECK_INT(unit_rmtree(dir), 0);
}
