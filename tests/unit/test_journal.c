/*
 * test_journal.c: the journal's text format (journal.h) on its own: what
 * is written reads back the same, a journal cut short or not rapport's is
 * refused, one that is no regular file is named and never opened, and
 * one over JOURNAL_MAX is never written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "journal.h"
#include "unit.h"
#include "util.h"

static void
oid(git_oid *id, char c)
{
	char hex[41];

	memset(hex, c, 40);
	hex[40] = '\0';
	git_oid_fromstr(id, hex);
}

static int
same_oid(const git_oid *a, char c)
{
	git_oid b;

	oid(&b, c);
	return git_oid_equal(a, &b);
}

/* The sample's strings, writable as struct journal's members are. */
static char ref[] = "refs/heads/main with space";
static char path0[] = "clients/ünï cödé.md";
static char backup0[] = "/w/clients/.ünï cödé.md.rapport-old";
static char path1[] = "clients/gone.md";
static char path2[] = "clients/conflict.md";

/* A journal of every kind of record: a merge, a file kept, one removed. */
static void
sample(struct journal *j, struct journal_file f[2],
    struct journal_index ix[2])
{
	memset(j, 0, sizeof(*j));
	memset(f, 0, 2 * sizeof(*f));
	memset(ix, 0, 2 * sizeof(*ix));
	j->ref = ref;
	oid(&j->old, 'a');
	oid(&j->new, 'b');
	j->merging = 1;
	oid(&j->merge, 'c');
	f[0].path = path0;
	f[0].backup = backup0;
	oid(&f[0].id, 'd');
	f[1].path = path1;
	f[1].removed = 1;
	j->files = f;
	j->nfiles = 2;
	ix[0].path = path0;
	oid(&ix[0].id, 'd');
	ix[0].mode = 0100644;
	ix[1].path = path2;
	ix[1].conflict = 1;
	oid(&ix[1].stage[0], 'e');
	ix[1].stage_mode[0] = 0100644;
	ix[1].nostage[1] = 1;
	oid(&ix[1].stage[2], 'f');
	ix[1].stage_mode[2] = 0100755;
	j->index = ix;
	j->nindex = 2;
}

void
test_journal(void)
{
	char dir[] = "/tmp/rapport-journal.XXXXXX", *path, *what = NULL;
	char *data = NULL, *big;
	size_t len = 0;
	struct journal j, back;
	struct journal_file f[2];
	struct journal_index ix[2];

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp failed");
		return;
	}
	path = xasprintf("%s/journal", dir);
	/* None there. */
	CHECK_INT(journal_read(path, &back, &what), 1);

	/* Written, read back the same. */
	sample(&j, f, ix);
	CHECK_INT(journal_write(path, &j), 0);
	memset(&back, 0, sizeof(back));
	CHECK_INT(journal_read(path, &back, &what), 0);
	CHECK_STR(back.ref, j.ref);
	CHECK(same_oid(&back.old, 'a') && !back.unborn);
	CHECK(same_oid(&back.new, 'b') && !back.nocommit);
	CHECK(back.merging && same_oid(&back.merge, 'c'));
	CHECK_INT((int)back.nfiles, 2);
	CHECK_INT((int)back.nindex, 2);
	if (back.nfiles == 2 && back.nindex == 2) {
		CHECK_STR(back.files[0].path, f[0].path);
		CHECK_STR(back.files[0].backup, f[0].backup);
		CHECK(same_oid(&back.files[0].id, 'd'));
		CHECK(back.files[1].removed && back.files[1].backup == NULL);
		CHECK_INT((int)back.index[0].mode, 0100644);
		CHECK(back.index[1].conflict && back.index[1].nostage[1] &&
		    same_oid(&back.index[1].stage[2], 'f'));
		CHECK_INT((int)back.index[1].stage_mode[2], 0100755);
	}
	journal_free(&back);

	/* Paths are hexadecimal: no name can break a line. */
	CHECK_INT(file_read_all(path, &data, &len), 0);
	CHECK(data != NULL && strstr(data, "clients/") == NULL);
	CHECK(data != NULL && strncmp(data, "rapport-journal 1\n", 18) == 0);

	/* Cut short (no "end"): not a whole journal. */
	if (data != NULL && len > 4) {
		CHECK_INT(file_write_atomic(path, data, len - 4), 0);
		CHECK_INT(journal_read(path, &back, &what), -1);
		journal_free(&back);
	}
	free(data);
	/* Not rapport's. */
	CHECK_INT(file_write_atomic(path, "hello\nend\n", 10), 0);
	CHECK_INT(journal_read(path, &back, &what), -1);
	journal_free(&back);

	/* No regular file: named, never opened. */
	CHECK_INT(unlink(path), 0);
	CHECK_INT(mkdir(path, 0700), 0);
	CHECK_INT(journal_read(path, &back, &what), -2);
	CHECK_STR(what, "a folder");
	free(what);
	what = NULL;
	CHECK_INT(rmdir(path), 0);
	CHECK_INT(symlink("/dev/zero", path), 0);
	CHECK_INT(journal_read(path, &back, &what), -2);
	CHECK(what != NULL && strstr(what, "symbolic link") != NULL);
	free(what);
	what = NULL;
	CHECK_INT(unlink(path), 0);

	/* Over JOURNAL_MAX: refused before a byte is written. */
	big = xmalloc(JOURNAL_MAX / 2 + 2);
	memset(big, 'x', JOURNAL_MAX / 2 + 1);
	big[JOURNAL_MAX / 2 + 1] = '\0';
	sample(&j, f, ix);
	f[0].path = big;	/* written as hex: twice as long */
	errno = 0;
	CHECK_INT(journal_write(path, &j), -1);
	CHECK_INT(errno, EFBIG);
	CHECK(access(path, F_OK) == -1);
	free(big);

	free(path);
	CHECK_INT(rmdir(dir), 0);
}
