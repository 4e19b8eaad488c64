/*
 * mailsrc.c: Maildir folders and mbox files (see mailsrc.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mailsrc.h"
#include "util.h"

/*
 * Reads the regular file at path into b, refusing a symbolic link unless
 * follow is set.  Returns 0; -1 with errno (ELOOP for a link, EINVAL for
 * not a regular file).
 */
static int
read_file(const char *path, int follow, struct buf *b)
{
	struct stat st;
	ssize_t got;
	int fd, saved;

	buf_reset(b);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
	    (follow ? 0 : O_NOFOLLOW))) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		saved = S_ISREG(st.st_mode) ? errno : EINVAL;
		close(fd);
		errno = saved;
		return -1;
	}
	buf_grow(b, (size_t)st.st_size + 1);
	for (;;) {
		buf_grow(b, 65536);
		got = read(fd, b->s + b->len, 65536);
		if (got == -1 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		b->len += (size_t)got;
	}
	saved = errno;
	close(fd);
	if (got == -1) {
		errno = saved;
		return -1;
	}
	b->s[b->len] = '\0';
	return 0;
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

static int
read_maildir(const char *path, mailsrc_fn *fn, void *arg, struct diags *d)
{
	static const char *const subs[] = { "new", "cur" };
	struct buf b = { 0 };
	size_t i, j, n;
	int rc = 0;

	for (i = 0; i < 2 && rc == 0; i++) {
		char *dir = xasprintf("%s/%s", path, subs[i]);
		char **names = is_dir(dir) ? list_dir(dir, &n) : NULL;

		if (names == NULL && is_dir(dir))
			diag_msg(d, dir, 0, 0, DIAG_WARNING, "cannot read "
			    "this folder (%s): its messages were not read",
			    strerror(errno));
		for (j = 0; names != NULL && j < n; j++) {
			char *file = xasprintf("%s/%s", dir, names[j]);
			struct mailsrc_msg m;

			if (rc == 0 && read_file(file, 0, &b) == -1)
				diag_msg(d, file, 0, 0, DIAG_WARNING, "%s: "
				    "skipped", errno == ELOOP ? "a symbolic "
				    "link, not a message file" : errno ==
				    EINVAL ? "not a regular file" :
				    strerror(errno));
			else if (rc == 0) {
				m.where = file;
				m.line = 0;
				m.s = b.s != NULL ? b.s : "";
				m.len = b.len;
				if (fn(arg, &m) != 0)
					rc = 1;
			}
			free(file);
			free(names[j]);
		}
		free(names);
		free(dir);
	}
	buf_free(&b);
	return rc;
}

/*
 * Whether the line at p starts a message: "From " at the start of the
 * file or after an empty line (the rule of mboxrd readers, which a
 * "From " inside a body, escaped or not, rarely meets).
 */
static int
from_line(const char *s, const char *p)
{
	if (strncmp(p, "From ", 5) != 0)
		return 0;
	return p == s || (p - s >= 2 && p[-1] == '\n' && (p[-2] == '\n' ||
	    (p - s >= 3 && p[-2] == '\r' && p[-3] == '\n')));
}

static int
read_mbox(const char *path, mailsrc_fn *fn, void *arg, struct diags *d)
{
	struct buf b = { 0 };
	const char *p, *end, *start;
	int line = 1, from = 0, rc = 0;
	struct mailsrc_msg m;

	if (read_file(path, 1, &b) == -1) {
		diag_msg(d, path, 0, 0, DIAG_ERROR, "cannot read it (%s): "
		    "name a Maildir folder or an mbox file", errno == ELOOP ?
		    "a symbolic link" : strerror(errno));
		return -1;
	}
	p = b.s != NULL ? b.s : "";
	end = p + b.len;
	if (b.len > 0 && !from_line(p, p)) {
		diag_msg(d, path, 1, 1, DIAG_ERROR, "not an mbox file (it does "
		    "not start with a \"From \" line) nor a Maildir folder "
		    "(with cur/ and new/): name one of those");
		buf_free(&b);
		return -1;
	}
	start = NULL;
	while (p < end && rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *next = nl != NULL ? nl + 1 : end;

		if (from_line(b.s, p)) {
			if (start != NULL) {
				m.where = path;
				m.line = from;
				m.s = start;
				m.len = (size_t)(p - start);
				/* The empty line before "From " is the mbox's. */
				if (m.len > 0 && m.s[m.len - 1] == '\n')
					m.len--;
				if (m.len > 0 && m.s[m.len - 1] == '\r')
					m.len--;
				if (fn(arg, &m) != 0)
					rc = 1;
			}
			start = next;
			from = line;
		}
		p = next;
		line++;
	}
	if (rc == 0 && start != NULL) {
		m.where = path;
		m.line = from;
		m.s = start;
		m.len = (size_t)(end - start);
		if (fn(arg, &m) != 0)
			rc = 1;
	}
	buf_free(&b);
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
