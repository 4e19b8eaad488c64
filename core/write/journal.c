/*
 * journal.c: the journal of a change (see journal.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "journal.h"
#include "util.h"

#define JOURNAL_MAGIC	"rapport-journal 1"

static void
put_hex(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	for (; *s != '\0'; s++) {
		buf_putc(b, hex[(unsigned char)*s >> 4]);
		buf_putc(b, hex[(unsigned char)*s & 15]);
	}
}

static void
put_id(struct buf *b, const git_oid *id, int none)
{
	char s[GIT_OID_HEXSZ + 1];

	if (none) {
		buf_putc(b, '-');
		return;
	}
	git_oid_tostr(s, sizeof(s), id);
	buf_puts(b, s);
}

int
journal_write(const char *path, const struct journal *j)
{
	struct buf b = { 0 };
	size_t i;
	int rc, saved;

	buf_puts(&b, JOURNAL_MAGIC "\nref ");
	put_hex(&b, j->ref);
	buf_puts(&b, "\nold ");
	if (j->unborn)
		buf_puts(&b, "none");
	else
		put_id(&b, &j->old, 0);
	buf_puts(&b, "\nnew ");
	if (j->nocommit)
		buf_putc(&b, '-');
	else
		put_id(&b, &j->new, 0);
	buf_putc(&b, '\n');
	if (j->merging) {
		buf_puts(&b, "merge ");
		put_id(&b, &j->merge, 0);
		buf_putc(&b, '\n');
	}
	for (i = 0; i < j->nfiles; i++) {
		const struct journal_file *f = &j->files[i];

		buf_puts(&b, "file ");
		put_hex(&b, f->path);
		buf_putc(&b, ' ');
		if (f->backup != NULL)
			put_hex(&b, f->backup);
		else
			buf_putc(&b, '-');
		buf_putc(&b, ' ');
		put_id(&b, &f->id, f->removed);
		buf_putc(&b, '\n');
	}
	for (i = 0; i < j->nindex; i++) {
		const struct journal_index *e = &j->index[i];

		buf_puts(&b, "index ");
		put_hex(&b, e->path);
		buf_putc(&b, ' ');
		put_id(&b, &e->id, e->removed);
		buf_printf(&b, " %o\n", e->mode);
		if (e->conflict) {
			int k;

			buf_puts(&b, "stages");
			for (k = 0; k < 3; k++) {
				buf_putc(&b, ' ');
				put_id(&b, &e->stage[k], e->nostage[k]);
				buf_printf(&b, " %o", e->stage_mode[k]);
			}
			buf_putc(&b, '\n');
		}
	}
	buf_puts(&b, "end\n");
	if (b.len > JOURNAL_MAX) {
		buf_free(&b);
		errno = EFBIG;
		return -1;
	}
	rc = file_write_atomic(path, b.s, b.len);
	saved = errno;
	buf_free(&b);
	errno = saved;
	return rc;
}

/* ---- reading --------------------------------------------------------- */

static int
unhex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The next space-separated word of *p (NUL-terminated in place). */
static char *
word(char **p)
{
	char *w = *p, *e;

	if (w == NULL || *w == '\0')
		return NULL;
	e = strchr(w, ' ');
	if (e != NULL) {
		*e = '\0';
		*p = e + 1;
	} else
		*p = w + strlen(w);
	return w;
}

/* A hex-encoded string, allocated; NULL for "-" (*ok stays) or bad hex. */
static char *
get_hex(const char *w, int *ok)
{
	size_t n = strlen(w), i;
	char *s;

	if (strcmp(w, "-") == 0)
		return NULL;
	if (n == 0 || n % 2 != 0) {
		*ok = 0;
		return NULL;
	}
	s = xmalloc(n / 2 + 1);
	for (i = 0; i < n / 2; i++) {
		int hi = unhex(w[2 * i]), lo = unhex(w[2 * i + 1]);

		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			*ok = 0;
			free(s);
			return NULL;
		}
		s[i] = (char)(hi << 4 | lo);
	}
	s[n / 2] = '\0';
	return s;
}

/* An id, or "-" (sets *none); clears *ok when it is neither. */
static void
get_id(const char *w, git_oid *id, int *none, int *ok)
{
	*none = w != NULL && strcmp(w, "-") == 0;
	if (*none)
		return;
	if (w == NULL || strlen(w) != GIT_OID_HEXSZ ||
	    git_oid_fromstr(id, w) < 0)
		*ok = 0;
}

/* What the non-regular file st at path is, allocated. */
static char *
file_kind(const char *path, const struct stat *st)
{
	char target[4096];
	ssize_t n = 0;

	if (S_ISLNK(st->st_mode)) {
		if ((n = readlink(path, target, sizeof(target) - 1)) < 0)
			n = 0;
		target[n] = '\0';
		return xasprintf("a symbolic link%s%s", n > 0 ? " to " : "",
		    target);
	}
	return xstrdup(S_ISDIR(st->st_mode) ? "a folder" :
	    S_ISFIFO(st->st_mode) ? "a FIFO" : S_ISSOCK(st->st_mode) ?
	    "a socket" : S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode) ?
	    "a device" : "not a regular file");
}

/*
 * Reads the regular file at path, at most JOURNAL_MAX bytes, never
 * opening anything else: lstat first (a device is not even opened), then
 * open without following a link or waiting for a writer, and the same
 * file checked by fstat.  0, 1 (none), or -2 with *what set.
 */
static int
read_capped(const char *path, char **data, size_t *len, char **what)
{
	struct stat l, st;
	struct buf b = { 0 };
	char chunk[65536];
	ssize_t n = 0;
	int fd;

	if (lstat(path, &l) == -1) {
		if (errno == ENOENT)
			return 1;
		*what = xasprintf("unreadable (%s)", strerror(errno));
		return -2;
	}
	if (!S_ISREG(l.st_mode)) {
		*what = file_kind(path, &l);
		return -2;
	}
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 1;
		*what = xasprintf("unreadable (%s)", strerror(errno));
		return -2;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		*what = xstrdup("not a regular file");
		close(fd);
		return -2;
	}
	while (b.len <= JOURNAL_MAX) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1 &&
		    errno == EINTR)
			continue;
		if (n <= 0)
			break;
		buf_putn(&b, chunk, (size_t)n);
	}
	close(fd);
	if (n == -1 || b.len > JOURNAL_MAX) {
		*what = n == -1 ? xasprintf("unreadable (%s)",
		    strerror(errno)) : xasprintf("a file of more than %zu "
		    "MiB, more than a journal can be", JOURNAL_MAX >> 20);
		buf_free(&b);
		return -2;
	}
	*len = b.len;
	*data = buf_detach(&b);
	return 0;
}

int
journal_read(const char *path, struct journal *j, char **what)
{
	char *data = NULL, *line, *next;
	size_t len = 0, capf = 0, capi = 0;
	int ok = 1, ended = 0, none, rc;

	memset(j, 0, sizeof(*j));
	*what = NULL;
	if ((rc = read_capped(path, &data, &len, what)) != 0)
		return rc;
	if (strlen(data) != len || strncmp(data, JOURNAL_MAGIC "\n",
	    strlen(JOURNAL_MAGIC) + 1) != 0) {
		free(data);
		return -1;
	}
	for (line = data + strlen(JOURNAL_MAGIC) + 1; ok && *line != '\0';
	    line = next) {
		char *p = line, *kind, *w;

		if ((next = strchr(line, '\n')) == NULL) {
			ok = 0;
			break;
		}
		*next++ = '\0';
		kind = word(&p);
		if (kind == NULL || ended) {
			ok = 0;
		} else if (strcmp(kind, "ref") == 0 && (w = word(&p)) != NULL) {
			free(j->ref);
			j->ref = get_hex(w, &ok);
			ok = ok && j->ref != NULL;
		} else if (strcmp(kind, "old") == 0 && (w = word(&p)) != NULL) {
			j->unborn = strcmp(w, "none") == 0;
			if (!j->unborn)
				get_id(w, &j->old, &none, &ok);
		} else if (strcmp(kind, "new") == 0) {
			get_id(word(&p), &j->new, &j->nocommit, &ok);
		} else if (strcmp(kind, "merge") == 0) {
			get_id(word(&p), &j->merge, &none, &ok);
			j->merging = ok && !none;
			ok = ok && !none;
		} else if (strcmp(kind, "file") == 0) {
			struct journal_file *f;

			xgrow(&j->files, &capf, j->nfiles + 1, sizeof(*f));
			f = &j->files[j->nfiles++];
			memset(f, 0, sizeof(*f));
			w = word(&p);
			f->path = w != NULL ? get_hex(w, &ok) : NULL;
			w = word(&p);
			f->backup = w != NULL ? get_hex(w, &ok) : NULL;
			get_id(word(&p), &f->id, &f->removed, &ok);
			ok = ok && f->path != NULL && w != NULL;
		} else if (strcmp(kind, "index") == 0) {
			struct journal_index *e;

			xgrow(&j->index, &capi, j->nindex + 1, sizeof(*e));
			e = &j->index[j->nindex++];
			memset(e, 0, sizeof(*e));
			w = word(&p);
			e->path = w != NULL ? get_hex(w, &ok) : NULL;
			get_id(word(&p), &e->id, &e->removed, &ok);
			w = word(&p);
			e->mode = w != NULL ? (unsigned)strtoul(w, NULL, 8) : 0;
			ok = ok && e->path != NULL && w != NULL;
		} else if (strcmp(kind, "stages") == 0 && j->nindex > 0) {
			struct journal_index *e = &j->index[j->nindex - 1];
			int k;

			e->conflict = 1;
			for (k = 0; k < 3 && ok; k++) {
				get_id(word(&p), &e->stage[k], &e->nostage[k],
				    &ok);
				w = word(&p);
				ok = ok && w != NULL;
				e->stage_mode[k] = w != NULL ?
				    (unsigned)strtoul(w, NULL, 8) : 0;
			}
		} else if (strcmp(kind, "end") == 0) {
			ended = 1;
		} else {
			ok = 0;
		}
	}
	free(data);
	if (!ok || !ended || j->ref == NULL ||
	    (!j->nocommit && git_oid_is_zero(&j->new))) {
		journal_free(j);
		return -1;
	}
	return 0;
}

void
journal_free(struct journal *j)
{
	size_t i;

	if (j == NULL)
		return;
	for (i = 0; i < j->nfiles; i++) {
		free(j->files[i].path);
		free(j->files[i].backup);
	}
	for (i = 0; i < j->nindex; i++)
		free(j->index[i].path);
	free(j->files);
	free(j->index);
	free(j->ref);
	memset(j, 0, sizeof(*j));
}
