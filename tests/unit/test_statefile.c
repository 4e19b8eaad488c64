/*
 * test_statefile.c: the framing of rapport's state files (statefile.h):
 * what is written reads back, with its body as written; a file of another
 * magic or key, one with a byte changed or cut short, is refused; the
 * folder is made on the way; nothing is left beside the file.  A file
 * made piece by piece (statefile_create) is the same file, and the hash
 * of pieces does not depend on where they are cut.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "statefile.h"
#include "unit.h"
#include "util.h"

#define MAGIC	"rapport-test 1"

/* Whether the state file text (len bytes) passes the check; its body. */
static int
passes(const char *text, size_t len, const char *magic, uint64_t key,
    size_t *off, size_t *body)
{
	return statefile_check(text, len, magic, key, off, body) == 0;
}

/* A frame with a right checksum around anything: a magic, a key line. */
static char *
framed(const char *head, size_t *len)
{
	struct buf b = { 0 };

	struct hash_stream hs = { 0 };

	buf_puts(&b, head);
	hash_stream_add(&hs, b.s, b.len);
	buf_printf(&b, "end %016llx\n",
	    (unsigned long long)hash_stream_end(&hs));
	*len = b.len;
	return buf_detach(&b);
}

void
test_statefile(void)
{
	char dir[] = "/tmp/rapport-statefile.XXXXXX", *path, *data, *copy;
	struct buf b = { 0 };
	size_t off, body, len, i;
	int all;
	struct stat st;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp failed");
		return;
	}
	path = xasprintf("%s/rapport/cache", dir);

	/* None there: refused, nothing handed out. */
	data = (char *)path;
	CHECK_INT(statefile_read(path, MAGIC, 7, &data, &off, &body), -1);
	CHECK(data == NULL);

	/* Written (its folder made), read back: a binary body with a NUL. */
	statefile_begin(&b, MAGIC, UINT64_C(0x0123456789abcdef));
	buf_putn(&b, "body\0bytes\n", 11);
	CHECK_INT(statefile_write(path, &b), 0);
	CHECK(b.s == NULL && b.len == 0);
	CHECK_INT(statefile_read(path, MAGIC, UINT64_C(0x0123456789abcdef),
	    &data, &off, &body), 0);
	CHECK_INT(body, 11);
	CHECK(data != NULL && memcmp(data + off, "body\0bytes\n", 11) == 0);
	CHECK(data != NULL && data[off + body] == '\0');
	CHECK(data != NULL && strncmp(data, MAGIC "\n0123456789abcdef\n",
	    strlen(MAGIC) + 18) == 0);
	free(data);
	/* Another key, another magic: refused. */
	CHECK_INT(statefile_read(path, MAGIC, 8, &data, &off, &body), -1);
	CHECK_INT(statefile_read(path, "rapport-test 2", UINT64_C(
	    0x0123456789abcdef), &data, &off, &body), -1);

	/* Every byte changed, every length cut short: refused. */
	CHECK_INT(file_read_all(path, &data, &len), 0);
	CHECK(passes(data, len, MAGIC, UINT64_C(0x0123456789abcdef), &off,
	    &body));
	copy = xmalloc(len + 1);
	all = 1;
	for (i = 0; i < len; i++) {
		memcpy(copy, data, len);
		copy[i] ^= 0x20;
		if (passes(copy, len, MAGIC, UINT64_C(0x0123456789abcdef),
		    &off, &body))
			all = 0;
		if (passes(data, i, MAGIC, UINT64_C(0x0123456789abcdef),
		    &off, &body))
			all = 0;
	}
	CHECK(all);
	free(copy);
	free(data);

	/* A right checksum does not make a wrong frame right. */
	data = framed(MAGIC "\n0123456789abcdeF\nbody", &len);
	CHECK(!passes(data, len, MAGIC, UINT64_C(0x0123456789abcdef), &off,
	    &body));
	free(data);
	data = framed("rapport-test 10\n0123456789abcdef\nbody", &len);
	CHECK(!passes(data, len, MAGIC, UINT64_C(0x0123456789abcdef), &off,
	    &body));
	free(data);
	data = framed(MAGIC "\n0123456789abcdef\n", &len);
	CHECK(passes(data, len, MAGIC, UINT64_C(0x0123456789abcdef), &off,
	    &body));
	CHECK_INT(body, 0);
	free(data);

	/* Made piece by piece: the same bytes as written whole. */
	statefile_begin(&b, MAGIC, 42);
	for (i = 0; i < 200000; i++)
		buf_putc(&b, (char)(i * 7 % 251));
	copy = xmalloc(b.len + 1);
	memcpy(copy, b.s, len = b.len);
	CHECK_INT(statefile_write(path, &b), 0);
	CHECK_INT(file_read_all(path, &data, &body), 0);
	{
		struct statefile_out *o = statefile_create(path, MAGIC, 42);
		size_t head = strlen(MAGIC) + 18, cut = 1;
		char *again = NULL;

		/* Pieces of 1, 2, 3... bytes, and one larger than a buffer. */
		for (i = head; i < len; i += cut, cut = cut * 2 + 1)
			statefile_put(o, copy + i, cut < len - i ? cut :
			    len - i);
		CHECK_INT(statefile_finish(o), 0);
		CHECK_INT(file_read_all(path, &again, &off), 0);
		CHECK(again != NULL && off == body &&
		    memcmp(again, data, body) == 0);
		free(again);
	}
	free(data);
	free(copy);
	/* Abandoned, or never able to start: nothing changes or is left. */
	statefile_abandon(statefile_create(path, MAGIC, 43));
	CHECK_INT(statefile_read(path, MAGIC, 42, &data, &off, &body), 0);
	free(data);
	{
		char *deep = xasprintf("%s/no/such/cache", dir);
		struct statefile_out *o = statefile_create(deep, MAGIC, 1);

		statefile_put(o, "x", 1);
		CHECK_INT(statefile_finish(o), -1);
		free(deep);
	}
	CHECK_INT(unit_sh(dir, "test \"$(ls -A rapport)\" = cache && "
	    "test ! -e no"), 0);
	/* The hash of pieces: one value however the bytes are cut. */
	{
		struct hash_stream whole = { .h = 5 }, cut = { .h = 5 };
		const char *t = "The hash of a state file, in pieces of any size";
		size_t n = strlen(t), k = 0, step = 1;

		hash_stream_add(&whole, t, n);
		for (; k < n; k += step, step++)
			hash_stream_add(&cut, t + k, step < n - k ? step :
			    n - k);
		CHECK(hash_stream_end(&whole) == hash_stream_end(&cut));
		cut.h = 6;
		CHECK(hash_stream_end(&whole) != hash_stream_end(&cut));
	}

	/* Only the file itself is there: no temporary one beside it. */
	free(path);
	path = xasprintf("%s/rapport", dir);
	CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
	free(path);
	CHECK_INT(unit_sh(dir, "rm rapport/cache && rmdir rapport && cd / && "
	    "rmdir '%s'", dir), 0);
}
