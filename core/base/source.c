/*
 * source.c: read a file whole, normalise line ends and report what a text
 * file must not contain: NUL bytes, invalid UTF-8, lone CRs and git
 * conflict markers.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conflict.h"
#include "fileio.h"
#include "source.h"
#include "text.h"
#include "util.h"

/* Beyond this many encoding messages a file gets one summary line. */
#define MAX_ENCODING_MSGS 5

static void
index_lines(struct source *s)
{
	size_t i, cap = 0;

	s->nlines = 0;
	xgrow(&s->line, &cap, 1, sizeof(*s->line));
	s->line[s->nlines++] = 0;
	for (i = 0; i < s->len; i++) {
		const char *nl = memchr(s->buf + i, '\n', s->len - i);

		if (nl == NULL)
			break;
		i = (size_t)(nl - s->buf);
		if (i + 1 < s->len) {
			xgrow(&s->line, &cap, s->nlines + 1, sizeof(*s->line));
			s->line[s->nlines++] = i + 1;
		}
	}
}

size_t
source_line_at(const struct source *s, size_t off)
{
	size_t lo = 0, hi = s->nlines;

	/* The last line start <= off. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->line[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

const char *
source_line(const struct source *s, size_t n, size_t *len)
{
	const char *p, *e;

	if (n < 1 || n > s->nlines)
		return NULL;
	p = s->buf + s->line[n - 1];
	e = memchr(p, '\n', s->len - s->line[n - 1]);
	*len = e ? (size_t)(e - p) : s->len - s->line[n - 1];
	return p;
}

/* Git leaves <<<<<<<, |||||||, ======= and >>>>>>> lines behind. */
static void
check_conflicts(struct source *s, struct diags *d)
{
	size_t n, len;
	int inside = 0;

	for (n = 1; n <= s->nlines; n++) {
		const char *p = source_line(s, n, &len);

		if (conflict_marker(p, len, '<')) {
			struct buf what = { 0 };

			inside = 1;
			/* Say what it is about, when the markers are whole. */
			if (conflict_describe(s->buf, s->len, (size_t)(p -
			    s->buf), NULL, NULL, &what) == 0)
				buf_puts(&what, ": ");
			diag_msg(d, s->path, (int)n, 1, DIAG_ERROR,
			    "git conflict marker: %sresolve the merge by "
			    "keeping the lines you want and deleting the "
			    "<<<<<<<, ======= and >>>>>>> lines",
			    what.s != NULL ? what.s : "");
			buf_free(&what);
		} else if (inside && (conflict_marker(p, len, '=') ||
		    conflict_marker(p, len, '|'))) {
			diag_msg(d, s->path, (int)n, 1, DIAG_ERROR,
			    "git conflict marker: delete it once the "
			    "conflict above is resolved");
		} else if (conflict_marker(p, len, '>')) {
			inside = 0;
			diag_msg(d, s->path, (int)n, 1, DIAG_ERROR,
			    "git conflict marker: delete it once the "
			    "conflict above is resolved");
		}
	}
}

/* Where output offset o is, counting lines lazily (errors are rare). */
struct where {
	size_t	scanned;	/* output bytes looked at so far */
	size_t	line;		/* the line at scanned */
	size_t	start;		/* offset where that line starts */
};

static void
where_at(struct where *w, const unsigned char *b, size_t o, int *line,
    int *col)
{
	for (; w->scanned < o; w->scanned++)
		if (b[w->scanned] == '\n') {
			w->line++;
			w->start = w->scanned + 1;
		}
	*line = (int)w->line;
	*col = (int)(o - w->start) + 1;
}

/*
 * One pass over the raw bytes: drop the BOM, turn CRLF into LF, report and
 * blank NULs, lone CRs and invalid UTF-8.  Runs of plain ASCII, nearly the
 * whole of a real file, move in one step.  Lines and columns (in bytes)
 * are those of the normalised buffer, so they match the index.
 */
static void
normalise(struct source *s, struct diags *d)
{
	unsigned char *b = (unsigned char *)s->buf;
	struct where w = { 0, 1, 0 };
	size_t i = 0, o = 0, nmsg = 0, extra = 0, j, n;
	int line, col;

	if (s->len >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
		s->bom = 1;
		i = 3;
	}
	while (i < s->len) {
		unsigned char c;
		const char *what = NULL;
		char ctl[160];

		/* Printable ASCII, tabs and line feeds: the common case. */
		for (j = i; j < s->len && ((b[j] >= 0x20 && b[j] < 0x7f) ||
		    b[j] == '\n' || b[j] == '\t'); j++)
			continue;
		if (j > i) {
			if (o != i)
				memmove(b + o, b + i, j - i);
			o += j - i;
			i = j;
			continue;
		}
		c = b[i];
		n = 1;
		if (c == '\r' && i + 1 < s->len && b[i + 1] == '\n') {
			s->crlf = 1;
			i++;
			continue;
		}
		if (c == '\0')
			what = "NUL byte: this is not a text file, or it is "
			    "damaged; remove the byte";
		else if (c == '\r')
			what = "carriage return without a line feed: save the "
			    "file with LF (or CRLF) line ends";
		else if ((n = text_utf8_len(b + i, s->len - i)) == 0) {
			what = "invalid UTF-8: save the file as UTF-8";
			n = 1;
		} else if (c < 0x20 || c == 0x7f || (n == 2 && c == 0xc2 &&
		    b[i + 1] < 0xa0)) {
			/* C0, DEL and C1: they could drive a terminal. */
			snprintf(ctl, sizeof(ctl), "control character U+%04X "
			    "is not text: remove it (shown anywhere, it could "
			    "drive a terminal or break the calendar feed)",
			    n == 2 ? b[i + 1] : c);
			what = ctl;
			n = 1;
			if (c == 0xc2)
				i++;	/* both bytes become one space */
		}
		if (what != NULL) {
			if (nmsg++ < MAX_ENCODING_MSGS) {
				where_at(&w, b, o, &line, &col);
				diag_msg(d, s->path, line, col, DIAG_ERROR,
				    "%s", what);
			} else
				extra++;
			b[o++] = ' ';
			i++;
			continue;
		}
		memmove(b + o, b + i, n);
		o += n;
		i += n;
	}
	if (extra > 0) {
		where_at(&w, b, o, &line, &col);
		diag_msg(d, s->path, line, 1, DIAG_ERROR,
		    "%zu more encoding errors in this file", extra);
	}
	s->len = o;
	b[o] = '\0';
}

/* A NUL among the first bytes is what git and grep call binary. */
static int
looks_binary(const char *p, size_t len)
{
	return memchr(p, '\0', len < 8000 ? len : 8000) != NULL;
}

void
source_raw_take(struct source *s, const char *relpath, char *buf, size_t len)
{
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(relpath);
	s->buf = buf;
	s->buf[len] = '\0';
	s->len = len;
	s->hash = hash64(buf, len, 0);
}

int
source_ready(struct source *s, struct diags *d)
{
	if (looks_binary(s->buf, s->len)) {
		s->binary = 1;
		diag_msg(d, s->path, 0, 0, DIAG_ERROR,
		    "binary file: rapport reads UTF-8 text; move it out of "
		    "clients/");
		index_lines(s);
		return -1;
	}
	normalise(s, d);
	index_lines(s);
	check_conflicts(s, d);
	return 0;
}

void
source_too_large(struct source *s, const char *relpath, size_t len,
    struct diags *d)
{
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(relpath);
	diag_msg(d, relpath, 0, 0, DIAG_ERROR,
	    "file is %.1f MiB, over rapport's limit of %u MiB for one "
	    "file: move old entries to another file",
	    (double)len / (1024 * 1024), SOURCE_MAX_BYTES >> 20);
}

int
source_from_mem(struct source *s, const char *relpath, const char *p,
    size_t len, struct diags *d)
{
	char *buf;

	if (len > SOURCE_MAX_BYTES) {
		source_too_large(s, relpath, len, d);
		return -1;
	}
	buf = xmalloc(len + 1);
	memcpy(buf, p, len);
	source_raw_take(s, relpath, buf, len);
	return source_ready(s, d);
}

int
source_read(struct source *s, const char *fspath, const char *relpath,
    struct diags *d)
{
	if (source_raw(s, fspath, relpath, d) == -1)
		return -1;
	return source_ready(s, d);
}

int
source_raw(struct source *s, const char *fspath, const char *relpath,
    struct diags *d)
{
	struct stat st;
	char *p = NULL;
	size_t got = 0;
	ssize_t n;
	int fd, rc = -1;

	memset(s, 0, sizeof(*s));
	if ((fd = file_open_regular(fspath, 1)) == -1) {
		if (errno == EINVAL)
			diag_msg(d, relpath, 0, 0, DIAG_ERROR,
			    "not a regular file: remove it or move it out of "
			    "the workspace");
		else
			diag_msg(d, relpath, 0, 0, DIAG_ERROR,
			    "cannot open: %s", strerror(errno));
		s->path = xstrdup(relpath);
		return -1;
	}
	if (fstat(fd, &st) == -1) {
		diag_msg(d, relpath, 0, 0, DIAG_ERROR, "cannot read: %s",
		    strerror(errno));
		s->path = xstrdup(relpath);
		goto out;
	}
	if ((size_t)st.st_size > SOURCE_MAX_BYTES) {
		source_too_large(s, relpath, (size_t)st.st_size, d);
		goto out;
	}
	p = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (n = read(fd, p + got, (size_t)st.st_size - got)) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			diag_msg(d, relpath, 0, 0, DIAG_ERROR,
			    "cannot read: %s", strerror(errno));
			s->path = xstrdup(relpath);
			goto out;
		}
		got += (size_t)n;
	}
	source_raw_take(s, relpath, p, got);
	p = NULL;
	rc = 0;
out:
	free(p);
	close(fd);
	return rc;
}

void
source_free(struct source *s)
{
	if (s == NULL)
		return;
	free(s->path);
	free(s->buf);
	free(s->line);
	memset(s, 0, sizeof(*s));
}
