/*
 * cmd_merge_file.c: rapport merge-file BASE OURS THEIRS [PATH]
 *
 * git's merge-driver protocol (gitattributes(5), "Defining a custom
 * merge driver"), so that a plain git merge or git pull merges client
 * files and rapport.ini with the rapport merge (merge.h):
 *
 *	[merge "rapport"]
 *		name = the rapport merge of client files
 *		driver = rapport merge-file %O %A %B %P
 *
 * BASE, OURS and THEIRS are the three versions git wrote to temporary
 * files; the result replaces OURS (written whole, or not at all).  PATH,
 * the file's path in the tree, says whether it is rapport.ini.  Exit
 * status 0 when the merge is clean, 1 when conflicts are marked in the
 * result, 2 when a file could not be read or written (OURS is then as it
 * was, and git reports a conflict).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "conflict.h"
#include "fileio.h"
#include "merge.h"
#include "util.h"


/* Whether path names rapport.ini: its last component is that. */
static int
is_ini(const char *path)
{
	const char *base = strrchr(path, '/');

	return strcmp(base != NULL ? base + 1 : path, "rapport.ini") == 0;
}

/* Each conflict marked in out, where it is and what it is about. */
static void
say_conflicts(const char *path, const struct buf *out)
{
	const char *p = out->s, *end = out->s + out->len;
	int line = 1;

	for (; p != NULL && p < end; line++) {
		struct buf what = { 0 };

		if (conflict_describe(out->s, out->len, (size_t)(p - out->s),
		    NULL, NULL, &what) == 0)
			fprintf(stderr, "%s:%d:1: conflict: %s\n", path, line,
			    what.s);
		buf_free(&what);
		if ((p = memchr(p, '\n', (size_t)(end - p))) != NULL)
			p++;
	}
}

int
cmd_merge_file(const struct globals *g, int argc, char **argv)
{
	char *s[3] = { NULL, NULL, NULL };
	size_t len[3] = { 0, 0, 0 };
	struct merge_text t[3];
	struct buf out = { 0 };
	const char *path;
	int i, n, rc = EXIT_USAGE;
	unsigned said = 0;

	(void)g;
	if (argc < 4 || argc > 5) {
		return cli_usage("merge-file takes the three versions git "
		    "gives a merge driver, and the path: %%O %%A %%B %%P");
	}
	path = argc == 5 ? argv[4] : argv[2];
	for (i = 0; i < 3; i++) {
		if (file_read_all(argv[i + 1], &s[i], &len[i]) == -1) {
			cli_error("cannot read %s: %s", argv[i + 1],
			    strerror(errno));
			goto out;
		}
		t[i].s = s[i];
		t[i].len = len[i];
	}
	n = merge_said(is_ini(path) ? MERGE_INI : MERGE_CLIENT, &t[0], &t[1],
	    &t[2], &out, &said);
	if (said & MERGE_BOTH_REORDERED)
		fprintf(stderr, "%s: warning: reordered on both sides, "
		    "differently: ours is kept, with their new entries and keys "
		    "placed in it\n", path);
	if (file_write_atomic(argv[2], out.s ? out.s : "", out.len) == -1) {
		cli_error("cannot write %s: %s", argv[2], strerror(errno));
		goto out;
	}
	if (n > 0) {
		say_conflicts(path, &out);
		fprintf(stderr, "rapport: %d conflict%s in %s: fix %s ('rapport "
		    "check' shows where), then commit\n", n, n == 1 ? "" : "s",
		    path, n == 1 ? "it" : "them");
	}
	rc = n > 0 ? EXIT_PROBLEMS : EXIT_OK;
out:
	for (i = 0; i < 3; i++)
		free(s[i]);
	buf_free(&out);
	return rc;
}
