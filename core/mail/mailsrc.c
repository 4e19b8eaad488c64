/*
 * mailsrc.c: Maildir folders and mbox files (see mailsrc.h).
 *
 * Neither is ever held whole: an mbox of a gigabyte, or one message of
 * twenty megabytes, is read in pieces of CHUNK bytes, and of each message
 * only its first MAILSRC_HEAD bytes are kept while it is handed on.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "fileio.h"
#include "mailsrc.h"
#include "util.h"

#define CHUNK	65536

void
mailsrc_msg_mem(struct mailsrc_msg *m, const char *where, const char *s,
    size_t len)
{
	memset(m, 0, sizeof(*m));
	m->where = where;
	m->s = s;
	m->len = len;
	m->size = len;
	m->fd = -1;
}

/* Reads n bytes at off of fd into p, again after EINTR; short: -1. */
static int
read_at(int fd, char *p, size_t n, unsigned long long off)
{
	ssize_t got;

	while (n > 0) {
		if ((got = pread(fd, p, n, (off_t)off)) == -1 &&
		    errno == EINTR)
			continue;
		if (got <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
		off += (unsigned long long)got;
	}
	return 0;
}

int
mailsrc_blob_id(const struct mailsrc_msg *m, char hex[41])
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA1);
	char head[40], *chunk = NULL;
	unsigned long long done = 0;
	int rc = -1;

	/* git's blob id: SHA-1 of "blob SIZE\0" and the bytes. */
	g_checksum_update(ck, (const guchar *)head, (gssize)(snprintf(head,
	    sizeof(head), "blob %llu", m->size) + 1));
	if (m->fd == -1 || m->len == m->size)
		g_checksum_update(ck, (const guchar *)m->s, (gssize)m->len);
	else {
		chunk = xmalloc(CHUNK);
		while (done < m->size) {
			size_t n = m->size - done < CHUNK ?
			    (size_t)(m->size - done) : CHUNK;

			if (read_at(m->fd, chunk, n, m->off + done) == -1)
				goto out;
			g_checksum_update(ck, (const guchar *)chunk,
			    (gssize)n);
			done += n;
		}
	}
	snprintf(hex, 41, "%s", g_checksum_get_string(ck));
	rc = 0;
out:
	free(chunk);
	g_checksum_free(ck);
	return rc;
}

/* Why a file is passed over, from file_open_regular's errno. */
static const char *
why_not(int err)
{
	return err == ELOOP ? "a symbolic link, not a message file" :
	    err == EINVAL ? "not a regular file (a FIFO, a device or a "
	    "folder)" : strerror(err);
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir that are not hidden, sorted; NULL when unreadable. */
static char **
list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xgrow(&v, &cap, *n + 2, sizeof(*v));
		v[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (v == NULL)
		v = xcalloc(1, sizeof(*v));
	qsort(v, *n, sizeof(*v), cmp_name);
	return v;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * One Maildir file: a regular file, never through a link; its first
 * MAILSRC_HEAD bytes into b.  Returns fn's result, or -1 (errno) when it
 * is passed over.
 */
static int
maildir_file(const char *file, struct buf *b, mailsrc_fn *fn, void *arg)
{
	struct mailsrc_msg m;
	struct stat st;
	size_t n;
	int fd, rc, saved;

	if ((fd = file_open_regular(file, 0)) == -1)
		return -1;
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	n = (unsigned long long)st.st_size < MAILSRC_HEAD ?
	    (size_t)st.st_size : MAILSRC_HEAD;
	buf_reset(b);
	buf_grow(b, n + 1);
	if (read_at(fd, b->s, n, 0) == -1) {
		close(fd);
		errno = EIO;
		return -1;
	}
	b->len = n;
	b->s[n] = '\0';
	mailsrc_msg_mem(&m, file, b->s, n);
	m.size = (unsigned long long)st.st_size;
	m.fd = fd;
	rc = fn(arg, &m) != 0;
	close(fd);
	return rc;
}

static int
read_maildir(const char *path, mailsrc_fn *fn, void *arg, struct diags *d)
{
	static const char *const subs[] = { "new", "cur" };
	struct buf b = { 0 };
	size_t i, j, n;
	int rc = 0, r;

	for (i = 0; i < 2 && rc == 0; i++) {
		char *dir = xasprintf("%s/%s", path, subs[i]);
		char **names = is_dir(dir) ? list_dir(dir, &n) : NULL;

		if (names == NULL && is_dir(dir))
			diag_msg(d, dir, 0, 0, DIAG_WARNING, "cannot read "
			    "this folder (%s): its messages were not read",
			    strerror(errno));
		for (j = 0; names != NULL && j < n; j++) {
			char *file = xasprintf("%s/%s", dir, names[j]);

			if (rc == 0 && (r = maildir_file(file, &b, fn,
			    arg)) == -1)
				diag_msg(d, file, 0, 0, DIAG_WARNING, "%s: "
				    "skipped", why_not(errno));
			else if (rc == 0)
				rc = r;
			free(file);
			free(names[j]);
		}
		free(names);
		free(dir);
	}
	/* A message's bytes are not kept. */
	buf_free(&b);
	return rc;
}

/*
 * An mbox read piece by piece: the state of the line being read, and of
 * the message it belongs to.  A line of any length costs nothing: only
 * its first five bytes are kept, to tell a "From " line.
 */
struct mbox {
	const char	*path;
	int		 fd;
	struct buf	 head;		/* the message's first bytes */
	unsigned long long start;	/* where its bytes start */
	int		 open;		/* a message has started */
	int		 from;		/* the line of its "From " */
	int		 line;		/* the line being read */
	unsigned long long lstart;	/* where that line starts */
	char		 lhead[5];	/* its first bytes */
	size_t		 llen;		/* its bytes so far, '\n' not counted */
	int		 after_empty;	/* the line before it is empty */
};

/*
 * Hands on the message that started at mb->start and ends at end (the
 * start of the next "From " line, or of nothing), without the empty line
 * before that "From " when cut is set.
 */
static int
mbox_emit(struct mbox *mb, unsigned long long end, int cut,
    mailsrc_fn *fn, void *arg)
{
	struct mailsrc_msg m;
	unsigned long long size = end - mb->start;
	char tail[2];
	size_t n;

	/* The empty line before "From " is the mbox's: "\n" or "\r\n". */
	if (cut && size > 0) {
		size--;
		if (size > 0 && read_at(mb->fd, tail, 1, mb->start + size -
		    1) == 0 && tail[0] == '\r')
			size--;
	}
	n = size < MAILSRC_HEAD ? (size_t)size : MAILSRC_HEAD;
	buf_reset(&mb->head);
	buf_grow(&mb->head, n + 1);
	if (n > 0 && read_at(mb->fd, mb->head.s, n, mb->start) == -1) {
		/* The file is shorter than it was: nothing is left of it. */
		n = 0;
		size = 0;
	}
	mb->head.len = n;
	mb->head.s[n] = '\0';
	mailsrc_msg_mem(&m, mb->path, mb->head.s, n);
	m.line = mb->from;
	m.size = size;
	m.fd = mb->fd;
	m.off = mb->start;
	return fn(arg, &m) != 0;
}

/*
 * The line that started at mb->lstart ends before next (after its '\n',
 * or at the end of the file): when it is a "From " line at the start of
 * the file or after an empty line (the rule of mboxrd readers, which a
 * "From " inside a body, escaped or not, rarely meets), the message
 * before it ends and a new one starts after it.
 */
static int
mbox_line(struct mbox *mb, unsigned long long next, mailsrc_fn *fn,
    void *arg)
{
	int rc = 0;

	if (mb->llen >= 5 && memcmp(mb->lhead, "From ", 5) == 0 &&
	    (mb->lstart == 0 || mb->after_empty)) {
		if (mb->open)
			rc = mbox_emit(mb, mb->lstart, 1, fn, arg);
		mb->open = 1;
		mb->start = next;
		mb->from = mb->line;
	}
	mb->after_empty = mb->llen == 0 || (mb->llen == 1 &&
	    mb->lhead[0] == '\r');
	mb->line++;
	mb->lstart = next;
	mb->llen = 0;
	return rc;
}

static int
not_mbox(const char *path, struct diags *d)
{
	diag_msg(d, path, 1, 1, DIAG_ERROR, "not an mbox file (it does not "
	    "start with a \"From \" line) nor a Maildir folder (with cur/ "
	    "and new/): name one of those");
	return -1;
}

static int
read_mbox(const char *path, mailsrc_fn *fn, void *arg, struct diags *d)
{
	struct mbox mb;
	char *chunk = NULL;
	unsigned long long off = 0;
	ssize_t got;
	int rc = 0, told = 0;

	memset(&mb, 0, sizeof(mb));
	mb.path = path;
	mb.line = 1;
	if ((mb.fd = file_open_regular(path, 1)) == -1) {
		if (errno == EINVAL) {
			diag_msg(d, path, 0, 0, DIAG_WARNING, "not a regular "
			    "file (a FIFO or a device): skipped; save the "
			    "mail to a file and name that");
			return 0;
		}
		diag_msg(d, path, 0, 0, DIAG_ERROR, "cannot read it (%s): "
		    "name a Maildir folder or an mbox file", strerror(errno));
		return -1;
	}
	chunk = xmalloc(CHUNK);
	while (rc == 0) {
		const char *p, *end, *nl;

		if ((got = read(mb.fd, chunk, CHUNK)) == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			diag_msg(d, path, 0, 0, DIAG_ERROR, "cannot read it "
			    "(%s): name a Maildir folder or an mbox file",
			    strerror(errno));
			rc = -1;
			break;
		}
		if (got == 0)
			break;
		for (p = chunk, end = chunk + got; p < end && rc == 0;
		    p = nl + 1) {
			size_t n;

			nl = memchr(p, '\n', (size_t)(end - p));
			n = (size_t)((nl != NULL ? nl : end) - p);
			if (mb.llen < 5)
				memcpy(mb.lhead + mb.llen, p, n < 5 - mb.llen ?
				    n : 5 - mb.llen);
			mb.llen += n;
			/* The first line must be a "From " line. */
			if (!told && (mb.llen >= 5 || nl != NULL)) {
				if (mb.llen < 5 || memcmp(mb.lhead, "From ",
				    5) != 0) {
					rc = not_mbox(path, d);
					break;
				}
				told = 1;
			}
			if (nl == NULL)
				break;
			rc = mbox_line(&mb, off + (unsigned long long)(nl +
			    1 - chunk), fn, arg);
		}
		off += (unsigned long long)got;
	}
	if (rc == 0 && !told && mb.llen > 0)
		rc = not_mbox(path, d);
	/* A last line without its '\n'. */
	if (rc == 0 && mb.llen > 0)
		rc = mbox_line(&mb, off, fn, arg);
	if (rc == 0 && mb.open)
		rc = mbox_emit(&mb, off, 0, fn, arg);
	free(chunk);
	buf_free(&mb.head);
	close(mb.fd);
	return rc;
}

int
mailsrc_read(const char *path, mailsrc_fn *fn, void *arg, struct diags *d)
{
	struct stat st;
	char *cur, *new;
	int md;

	if (stat(path, &st) == -1) {
		diag_msg(d, path, 0, 0, DIAG_ERROR, "cannot read it (%s): "
		    "name a Maildir folder or an mbox file", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return read_mbox(path, fn, arg, d);
	cur = xasprintf("%s/cur", path);
	new = xasprintf("%s/new", path);
	md = is_dir(cur) || is_dir(new);
	free(cur);
	free(new);
	if (!md) {
		diag_msg(d, path, 0, 0, DIAG_ERROR, "not a Maildir folder (it "
		    "has neither cur/ nor new/): name the folder that holds "
		    "them, or an mbox file");
		return -1;
	}
	return read_maildir(path, fn, arg, d);
}
