/*
 * test_stream.c: pages made piece by piece (streamed buffers, file_out)
 * and cmark's arena (mdmem).
 */
#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "mdmem.h"
#include "tpl.h"
#include "unit.h"
#include "util.h"

/* A flush that collects what a streamed buffer hands on, in pieces. */
struct collect {
	struct buf	 all;
	size_t		 pieces;
};

static void
collect_flush(struct buf *b)
{
	struct collect *c = b->arg;

	buf_putn(&c->all, b->s, b->len);
	c->pieces++;
}

static int
holds(const char *path, const char *want, size_t len)
{
	char *data;
	size_t n;
	int same;

	if (file_read_all(path, &data, &n) == -1)
		return 0;
	same = n == len && memcmp(data, want, len) == 0;
	free(data);
	return same;
}

/* Files in dir whose name contains part. */
static int
count_named(const char *dir, const char *part)
{
	struct dirent *e;
	DIR *dp = opendir(dir);
	int n = 0;

	if (dp == NULL)
		return -1;
	while ((e = readdir(dp)) != NULL)
		n += strstr(e->d_name, part) != NULL;
	closedir(dp);
	return n;
}

/*
 * A streamed buffer gives on every byte, in order, whatever appends to it
 * (buf_putn, buf_printf), and holds no more than its capacity: a page
 * rendered through one equals the page rendered whole.
 */
static void
test_streamed_buf(void)
{
	struct collect c = { { 0 }, 0 };
	struct buf whole = { 0 }, b = { 0 };
	struct tv_pool p = { NULL, { NULL } };
	struct tpl_set *set = tpl_set_new();
	struct tv *m = tv_map(&p), *list = tv_list(&p);
	struct diags d = { 0 };
	const char *page = "{{#rows}}<li id=\"r{{n}}\">{{name}}</li>\n"
	    "{{/rows}}";
	size_t i;

	for (i = 0; i < 3000; i++) {
		struct tv *row = tv_map(&p);

		tv_put(row, "n", tv_strf(&p, "%zu", i));
		tv_put(row, "name", tv_str(&p, "Acme & <Sons> \"Ltd\""));
		tv_push(list, row);
	}
	tv_put(m, "rows", list);
	tpl_set_add(set, "page", page, strlen(page), NULL);
	CHECK(tpl_render(set, "page", m, &whole, &d) == 0);
	buf_grow(&b, 1000);
	b.flush = collect_flush;
	b.arg = &c;
	CHECK(tpl_render(set, "page", m, &b, &d) == 0);
	buf_printf(&b, "%s %d\n", "end", 42);
	buf_printf(&whole, "%s %d\n", "end", 42);
	collect_flush(&b);
	CHECK(whole.len > 100000);
	CHECK(c.all.len == whole.len && memcmp(c.all.s, whole.s,
	    whole.len) == 0);
	CHECK(c.pieces > 100);
	CHECK(b.cap <= 2048);
	CHECK_INT(buf_total(&b), whole.len);
	CHECK_INT(d.n, 0);
	buf_free(&b);
	buf_free(&whole);
	buf_free(&c.all);
	tv_pool_free(&p);
	tpl_set_free(set);
	diags_free(&d);
}

/*
 * Writes text to path through a batch in pieces of n bytes; over the old
 * file when in_place is set.
 */
static int
stream_how(const char *path, const char *text, size_t len, size_t n, int ok,
    int in_place)
{
	struct file_batch *b = file_batch_new();
	struct file_out *fo;

	if (in_place)
		file_batch_in_place(b);
	fo = file_batch_stream(b, path);
	size_t off;
	int rc;

	if (fo == NULL) {
		file_batch_free(b);
		return -2;
	}
	for (off = 0; off < len; off += n)
		(void)file_out_write(fo, text + off, len - off < n ? len - off :
		    n);
	rc = file_out_close(fo, ok);
	if (rc == 1 && file_batch_commit(b) == -1)
		rc = -3;
	file_batch_free(b);
	return rc;
}

static int
stream_to(const char *path, const char *text, size_t len, size_t n, int ok)
{
	return stream_how(path, text, len, n, ok, 0);
}

/*
 * A batch in place (for a folder no one reads meanwhile): the old file
 * is written over, the same inode, from its first changed byte, to
 * exactly the new bytes, longer or shorter; unchanged, nothing written;
 * a new file is made; one whose writing fails or is dropped is removed.
 */
static void
test_file_in_place(void)
{
	char dir[] = "/tmp/rapport-unit.XXXXXX";
	char *path, *big, *other;
	struct stat before, after;
	size_t n = 150000, i;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		return;
	}
	path = xasprintf("%s/page.html", dir);
	big = xmalloc(n);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 19);
	other = xmalloc(n + 10);
	memcpy(other, big, n);
	CHECK_INT(stream_how(path, big, n, 5000, 1, 1), 1);
	CHECK(holds(path, big, n));
	CHECK(stat(path, &before) == 0);
	CHECK_INT(stream_how(path, big, n, 5000, 1, 1), 0);
	other[120001] = 'Z';
	CHECK_INT(stream_how(path, other, n, 5000, 1, 1), 1);
	CHECK(holds(path, other, n));
	CHECK(stat(path, &after) == 0 && after.st_ino == before.st_ino);
	memcpy(other + n, "0123456789", 10);
	CHECK_INT(stream_how(path, other, n + 10, 4096, 1, 1), 1);
	CHECK(holds(path, other, n + 10));
	CHECK_INT(stream_how(path, other, n - 7, 4096, 1, 1), 1);
	CHECK(holds(path, other, n - 7));
	CHECK(stat(path, &after) == 0 && after.st_ino == before.st_ino);
	CHECK_INT(count_named(dir, ".page.html."), 0);
	/* Dropped after the difference: gone, never half old. */
	other[0] = 'Y';
	CHECK_INT(stream_how(path, other, n, 4096, 0, 1), -1);
	CHECK(access(path, F_OK) == -1);
	CHECK_INT(count_named(dir, ".page.html."), 0);
	unlink(path);
	rmdir(dir);
	free(path);
	free(big);
	free(other);
}

/*
 * A file written piece by piece into a batch: unchanged bytes write
 * nothing (no temporary file, the old file stays); a difference anywhere
 * (first piece, a later one, longer, shorter) gives exactly the new bytes;
 * a failed or dropped file leaves the old one and nothing beside it.
 */
static void
test_file_out(void)
{
	char dir[] = "/tmp/rapport-unit.XXXXXX";
	char *path, *big, *other, *stage_dest;
	struct file_stage *st;
	struct file_out *fo;
	struct stat before, after;
	size_t n = 200000, i;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		return;
	}
	path = xasprintf("%s/index.html", dir);
	big = xmalloc(n);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 23);
	other = xmalloc(n + 10);
	memcpy(other, big, n);

	/* New file, then the same bytes again: the second writes nothing. */
	CHECK_INT(stream_to(path, big, n, 7000, 1), 1);
	CHECK(holds(path, big, n));
	CHECK(stat(path, &before) == 0);
	setenv("RAPPORT_FAULT", "mkstemp:*:fail=EACCES", 1);
	CHECK_INT(stream_to(path, big, n, 7000, 1), 0);
	unsetenv("RAPPORT_FAULT");
	CHECK(stat(path, &after) == 0 && after.st_ino == before.st_ino);
	CHECK_INT(count_named(dir, ".index.html."), 0);

	/* Different in a late piece, in the first byte, longer, shorter. */
	other[150001] = 'Z';
	CHECK_INT(stream_to(path, other, n, 7000, 1), 1);
	CHECK(holds(path, other, n));
	other[0] = 'Z';
	CHECK_INT(stream_to(path, other, n, 65536, 1), 1);
	CHECK(holds(path, other, n));
	memcpy(other + n, "0123456789", 10);
	CHECK_INT(stream_to(path, other, n + 10, 4096, 1), 1);
	CHECK(holds(path, other, n + 10));
	CHECK_INT(stream_to(path, other, n - 5, 4096, 1), 1);
	CHECK(holds(path, other, n - 5));
	CHECK_INT(count_named(dir, ".index.html."), 0);

	/* Dropped, or the disk full at the difference: the old file stays. */
	CHECK_INT(stream_to(path, big, n, 7000, 0), -1);
	CHECK(holds(path, other, n - 5));
	setenv("RAPPORT_FAULT", "write:*/.index.html.*:fail=ENOSPC", 1);
	CHECK_INT(stream_to(path, big, n, 7000, 1), -1);
	CHECK(errno == ENOSPC);
	unsetenv("RAPPORT_FAULT");
	CHECK(holds(path, other, n - 5));
	CHECK_INT(count_named(dir, ".index.html."), 0);

	/* Into a stage: the file is there under its name, or not at all. */
	stage_dest = xasprintf("%s/site", dir);
	st = file_stage_new(stage_dest);
	CHECK(st != NULL);
	if (st != NULL) {
		char *in = xasprintf("%s/a.html", file_stage_dir(st));

		fo = file_stage_stream(st, "a.html");
		CHECK(fo != NULL && file_out_write(fo, big, 1000) == 0 &&
		    file_out_write(fo, big + 1000, 500) == 0);
		CHECK_INT(file_out_close(fo, 1), 1);
		CHECK(holds(in, big, 1500));
		fo = file_stage_stream(st, "b.html");
		CHECK(fo != NULL && file_out_write(fo, big, 10) == 0);
		CHECK_INT(file_out_close(fo, 0), -1);
		free(in);
		in = xasprintf("%s/b.html", file_stage_dir(st));
		CHECK(access(in, F_OK) == -1);
		free(in);
		file_stage_free(st);
	}
	free(stage_dest);
	unlink(path);
	free(path);
	free(big);
	free(other);
	CHECK_INT(unit_rmtree(dir), 0);
}

/*
 * cmark in the arena parses and renders as with its own allocator, over
 * and over on one thread, and the arena's calloc and realloc keep their
 * promises (zeroed memory; contents kept when growing, in place or not).
 */
static void
test_mdmem(void)
{
	static const char doc[] = "# Title\n\nSome *text* and a [link](x).\n\n"
	    "- [ ] one\n- two\n\n```\ncode\n```\n";
	char *want = cmark_markdown_to_html(doc, sizeof(doc) - 1,
	    CMARK_OPT_DEFAULT);
	cmark_mem *mem;
	char *a, *b;
	int round, i, zero = 1;

	for (round = 0; round < 50; round++) {
		cmark_parser *p;
		cmark_node *root;
		char *got;

		mem = mdmem_begin();
		p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem);
		cmark_parser_feed(p, doc, sizeof(doc) - 1);
		root = cmark_parser_finish(p);
		cmark_parser_free(p);
		got = cmark_render_html(root, CMARK_OPT_DEFAULT);
		if (round == 0 || round == 49)
			CHECK_STR(got, want);
		mem->free(got);
		cmark_node_free(root);
		mdmem_end();
	}
	mem = mdmem_begin();
	a = mem->calloc(100, 3);
	for (i = 0; i < 300; i++)
		zero = zero && a[i] == 0;
	CHECK(zero);
	memset(a, 'x', 300);
	a = mem->realloc(a, 5000);		/* newest: grows in place */
	b = mem->calloc(1, 16);
	CHECK(a[0] == 'x' && a[299] == 'x');
	memset(a + 300, 'y', 4700);
	a = mem->realloc(a, 1 << 20);		/* not newest, bigger than a block */
	CHECK(a[299] == 'x' && a[300] == 'y' && a[4999] == 'y');
	CHECK(b != NULL && b[15] == 0);
	a = mem->realloc(a, 10);		/* shrinks */
	CHECK(a[9] == 'x');
	mem->free(b);
	mem->free(a);
	mdmem_end();
	free(want);
}

void
test_stream(void)
{
	test_streamed_buf();
	test_file_out();
	test_file_in_place();
	test_mdmem();
}
