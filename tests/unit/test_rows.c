/*
 * test_rows.c: rows kept from the last build (rowstore.h) are copied
 * only where rendering them would give the same bytes, and a damaged,
 * locked or foreign store only costs rendering.
 */
#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "rowstore.h"
#include "tpl.h"
#include "unit.h"
#include "util.h"

/* The rows of a list: their names, and how many were made. */
struct rows {
	const char	*name[3];
	const char	*extra;		/* the second row's "x", or NULL */
	int		 flag;		/* the page's boolean "on" */
	int		 made;
	int		 unwritten;	/* the store could not be written */
};

static struct tv *
row_gen(struct tv_pool *p, size_t i, void *arg)
{
	struct rows *r = arg;
	struct tv *m = tv_map(p);

	r->made++;
	tv_put(m, "name", tv_str(p, r->name[i]));
	if (i == 1 && r->extra != NULL)
		tv_put(m, "x", tv_str(p, r->extra));
	return m;
}

static uint64_t
row_key(size_t i, void *arg)
{
	struct rows *r = arg;
	uint64_t h = hash64(r->name[i], strlen(r->name[i]), 7);

	return i == 1 && r->extra ? hash64(r->extra, strlen(r->extra), h) : h;
}

/* The page, rendered with the store at path under key (NULL: none). */
static char *
page(const char *path, uint64_t key, struct rows *r, const char *title,
    const char *x, int *made)
{
	static const char text[] = "{{title}}:{{#rows}}<{{name}}|{{title}}|"
	    "{{x}}|{{counts.n}}|{{#on}}+{{/on}}{{^on}}-{{/on}}>{{/rows}}\n";
	struct tpl_set *set = tpl_set_new();
	struct rowstore *rs = path ? rowstore_open(path, key) : NULL;
	struct tv_pool p = { NULL, { NULL } };
	struct tv *m = tv_map(&p);
	struct diags d = { 0 };
	struct buf out = { 0 };

	tpl_set_add(set, "p", text, strlen(text), "p");
	tpl_set_rows(set, rs);
	tv_put(m, "title", tv_str(&p, title));
	if (x != NULL)
		tv_put(m, "x", tv_str(&p, x));
	tv_put(tv_put(m, "counts", tv_map(&p)), "n", tv_str(&p, "3"));
	tv_put(m, "on", tv_bool(&p, r->flag));
	tv_put(m, "rows", tv_lazy_keyed(&p, 3, row_gen, row_key, r));
	r->made = 0;
	CHECK_INT(tpl_render(set, "p", m, &out, &d), 0);
	*made = r->made;
	r->unwritten = rs != NULL && rowstore_write(rs) == -1;
	rowstore_free(rs);
	tpl_set_free(set);
	tv_pool_free(&p);
	diags_free(&d);
	buf_putc(&out, '\0');
	return out.s;
}

/* A page with the store equals the page without, and made n rows. */
static void
same(const char *path, uint64_t key, struct rows *r, const char *title,
    const char *x, int want_made, int line)
{
	int made, none;
	char *got = page(path, key, r, title, x, &made);
	char *want = page(NULL, 0, r, title, x, &none);

	if (strcmp(got, want) != 0)
		unit_fail(__FILE__, line, "with the store \"%s\", without "
		    "\"%s\"", got, want);
	else
		unit_passed++;
	CHECK(!r->unwritten);
	if (want_made >= 0 && made != want_made)
		unit_fail(__FILE__, line, "%d rows made, want %d", made,
		    want_made);
	else
		unit_passed++;
	free(got);
	free(want);
}

/* Flips byte off of both files of the store. */
static void
flip(const char *path, long off)
{
	int i;

	for (i = 0; i < 2; i++) {
		char *p = xasprintf("%s.%d", path, i);
		int fd = open(p, O_RDWR);
		char c;

		CHECK(fd != -1);
		if (fd != -1) {
			CHECK(pread(fd, &c, 1, off) == 1);
			c ^= 0x20;
			CHECK(pwrite(fd, &c, 1, off) == 1);
			close(fd);
		}
		free(p);
	}
}

/* Where text is in the file at path, or 0. */
static long
find_in(const char *path, const char *text)
{
	size_t len, n = strlen(text), i;
	char *data;
	long off = 0;

	if (file_read_all(path, &data, &len) == -1)
		return 0;
	for (i = 0; off == 0 && i + n <= len; i++)
		if (memcmp(data + i, text, n) == 0)
			off = (long)i;
	free(data);
	CHECK(off > 0);
	return off;
}

void
test_rows(void)
{
	char dir[] = "/tmp/rapport-unit.XXXXXX", *path, *p0, *p1;
	struct rows r = { { "ann", "bob", "cy" }, NULL, 0, 0, 0 };
	int fd0, fd1;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		return;
	}
	path = xasprintf("%s/sub/rows", dir);
	p0 = xasprintf("%s.0", path);
	p1 = xasprintf("%s.1", path);
	/* None yet (its folder too): all made; then all copied. */
	same(path, 1, &r, "T", NULL, 3, __LINE__);
	same(path, 1, &r, "T", NULL, 0, __LINE__);
	same(path, 1, &r, "T", NULL, 0, __LINE__);
	/* One row's values changed: that one made. */
	r.name[1] = "bea";
	same(path, 1, &r, "T", NULL, 1, __LINE__);
	same(path, 1, &r, "T", NULL, 0, __LINE__);
	/* What rows look up outside themselves: all made again. */
	same(path, 1, &r, "U", NULL, 3, __LINE__);
	same(path, 1, &r, "U", NULL, 0, __LINE__);
	/* An outer boolean the rows read flips: all made, both ways. */
	r.flag = 1;
	same(path, 1, &r, "U", NULL, 3, __LINE__);
	same(path, 1, &r, "U", NULL, 0, __LINE__);
	r.flag = 0;
	same(path, 1, &r, "U", NULL, 3, __LINE__);
	same(path, 1, &r, "U", NULL, 0, __LINE__);
	/* A name a row lacks, now on the page: all fall through to it. */
	same(path, 1, &r, "U", "page-x", 3, __LINE__);
	/* The second row has it itself: that one made. */
	r.extra = "own-x";
	same(path, 1, &r, "U", "page-x", 1, __LINE__);
	same(path, 1, &r, "U", "page-x", 0, __LINE__);
	/* Another key (program, rapport.ini, today, templates): none kept. */
	same(path, 2, &r, "U", "page-x", 3, __LINE__);
	same(path, 2, &r, "U", "page-x", 0, __LINE__);
	/* A byte of a row flipped: that row made. */
	flip(path, find_in(p0, "<ann|") + 1);
	same(path, 2, &r, "U", "page-x", 1, __LINE__);
	/* The index's or the header's: none kept. */
	same(path, 2, &r, "U", "page-x", 0, __LINE__);
	{
		int i;

		for (i = 0; i < 2; i++) {
			char *p = i ? p1 : p0;
			long size;
			FILE *f = fopen(p, "r");

			CHECK(f != NULL);
			if (f == NULL)
				continue;
			fseek(f, 0, SEEK_END);
			size = ftell(f);
			fclose(f);
			flip(path, size - 20);	/* in the last entry */
			break;
		}
	}
	same(path, 2, &r, "U", "page-x", 3, __LINE__);
	same(path, 2, &r, "U", "page-x", 0, __LINE__);
	CHECK(truncate(p0, 10) == 0 && truncate(p1, 10) == 0);
	same(path, 2, &r, "U", "page-x", 3, __LINE__);
	same(path, 2, &r, "U", "page-x", 0, __LINE__);
	/* Both locked by another build: made, and right; none written. */
	fd0 = open(p0, O_RDONLY);
	fd1 = open(p1, O_RDONLY);
	CHECK(fd0 != -1 && flock(fd0, LOCK_EX) == 0);
	CHECK(fd1 != -1 && flock(fd1, LOCK_EX) == 0);
	{
		int made;
		char *got = page(path, 2, &r, "U", "page-x", &made);

		CHECK_INT(made, 3);
		CHECK(r.unwritten);
		free(got);
	}
	close(fd0);
	close(fd1);
	same(path, 2, &r, "U", "page-x", 0, __LINE__);
	/* Garbage of every length in both: made, and right. */
	{
		static const char junk[] = "RPROWS\0\1not a store at all";
		size_t n;

		for (n = 0; n < sizeof(junk); n += 7) {
			CHECK(file_write_atomic(p0, junk, n) == 0);
			CHECK(file_write_atomic(p1, junk, n) == 0);
			same(path, 2, &r, "U", "page-x", 3, __LINE__);
		}
	}
	/* A build without rows (a workspace without clients) keeps none. */
	{
		struct rowstore *rs = rowstore_open(path, 3);
		struct rowstore_row row;

		CHECK_INT(rowstore_write(rs), 0);
		rowstore_free(rs);
		rs = rowstore_open(path, 3);
		CHECK(!rowstore_find(rs, 1, &row));
		rowstore_free(rs);
	}
	unlink(p0);
	unlink(p1);
	free(p0);
	free(p1);
	*strrchr(path, '/') = '\0';
	rmdir(path);
	rmdir(dir);
	free(path);
}
