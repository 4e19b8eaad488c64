/*
 * test_textstore.c: texts kept by id (textstore.h): a text put is got
 * back by the next opener, byte for byte; a record whose bytes were
 * changed, or that the end of the file cuts, is never given; a foreign
 * file gives nothing and is mended by a compaction, which keeps the
 * wanted texts alone (and only when they are under half of it); two
 * stores open at once both add.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "textstore.h"
#include "unit.h"
#include "util.h"

/* An id of twenty bytes of c. */
static void
id_of(unsigned char id[20], int c)
{
	memset(id, c, 20);
}

/* Whether the store at path gives text for id. */
static int
gives(const char *path, int c, const char *text)
{
	struct textstore *s = textstore_open(path);
	unsigned char id[20];
	char *buf = NULL;
	size_t len;
	int yes;

	id_of(id, c);
	yes = textstore_get(s, id, &buf, &len) == 0 && text != NULL &&
	    len == strlen(text) && memcmp(buf, text, len) == 0 &&
	    buf[len] == '\0';
	free(buf);
	textstore_close(s, 0);
	return yes;
}

static off_t
size_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_size : -1;
}

void
test_textstore(void)
{
	char dir[] = "/tmp/rapport-unit.XXXXXX";
	char *path, *big, *data = NULL;
	struct textstore *a, *b;
	unsigned char id[20];
	size_t len, i;
	int fd;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp: %s", strerror(errno));
		return;
	}
	path = xasprintf("%s/rapport/texts", dir);
	a = textstore_open(path);
	CHECK(a != NULL);
	id_of(id, 1);
	CHECK(textstore_get(a, id, &data, &len) == -1);
	textstore_put(a, id, "first text\n", 11);
	id_of(id, 2);
	textstore_put(a, id, "", 0);
	textstore_put(a, id, "", 0);
	/* Two at once: both add, neither loses the other's. */
	b = textstore_open(path);
	id_of(id, 3);
	textstore_put(b, id, "from b", 6);
	textstore_close(b, 0);
	textstore_close(a, 0);
	CHECK(gives(path, 1, "first text\n"));
	CHECK(gives(path, 2, ""));
	CHECK(gives(path, 3, "from b"));
	CHECK(!gives(path, 4, NULL));

	/* A changed byte in a text: that record is not given. */
	CHECK(file_read_all(path, &data, &len) == 0);
	data[len - 1] ^= 1;
	CHECK(file_write_atomic(path, data, len) == 0);
	CHECK(!gives(path, 3, "from b"));
	CHECK(gives(path, 1, "first text\n"));
	/* Cut by the end: the records before it stay. */
	CHECK(truncate(path, (off_t)len - 3) == 0);
	CHECK(!gives(path, 3, "from b"));
	CHECK(gives(path, 2, ""));
	free(data);
	data = NULL;

	/* A foreign file: nothing given, mended when compacted. */
	big = xmalloc(100000);
	memset(big, 'x', 100000);
	CHECK(file_write_atomic(path, big, 100000) == 0);
	CHECK(!gives(path, 1, "first text\n"));
	a = textstore_open(path);
	id_of(id, 5);
	textstore_want(a, id);
	textstore_put(a, id, "wanted", 6);
	id_of(id, 6);
	textstore_put(a, id, big, 99000);
	textstore_close(a, 1);
	CHECK(size_of(path) < 1000);
	/* What followed the foreign bytes was never found: gone with them. */
	CHECK(!gives(path, 6, NULL));
	a = textstore_open(path);
	id_of(id, 5);
	textstore_put(a, id, "wanted", 6);
	textstore_close(a, 1);
	CHECK(gives(path, 5, "wanted"));

	/* Not compacted while the wanted texts are most of it. */
	a = textstore_open(path);
	for (i = 0; i < 20; i++) {
		id_of(id, 0x40 + (int)i);
		textstore_want(a, id);
		textstore_put(a, id, big, 10000);
	}
	textstore_close(a, 1);
	CHECK(size_of(path) > 200000);
	CHECK(gives(path, 0x53, NULL) == 0);
	a = textstore_open(path);
	id_of(id, 0x53);
	CHECK(textstore_get(a, id, &data, &len) == 0 && len == 10000);
	free(data);
	textstore_close(a, 0);
	/* The next commit wants one of them and a new one: the rest go. */
	a = textstore_open(path);
	id_of(id, 0x40);
	textstore_want(a, id);
	id_of(id, 8);
	textstore_want(a, id);
	textstore_put(a, id, "new", 3);
	textstore_close(a, 1);
	CHECK(size_of(path) < 11000);
	CHECK(gives(path, 8, "new"));
	CHECK(!gives(path, 0x41, NULL));
	a = textstore_open(path);
	id_of(id, 0x40);
	CHECK(textstore_get(a, id, &data, &len) == 0 && len == 10000);
	free(data);
	textstore_close(a, 0);

	/* A FIFO where the store goes: a store that keeps nothing. */
	CHECK(unlink(path) == 0 && mkfifo(path, 0600) == 0);
	a = textstore_open(path);
	id_of(id, 7);
	textstore_put(a, id, "lost", 4);
	CHECK(textstore_get(a, id, &data, &len) == -1);
	textstore_close(a, 1);
	textstore_close(NULL, 1);
	fd = open(path, O_RDONLY | O_NONBLOCK);
	CHECK(fd != -1);
	if (fd != -1)
		close(fd);
	unlink(path);
	free(big);
	path[strlen(path) - 6] = '\0';
	rmdir(path);
	rmdir(dir);
	free(path);
}
