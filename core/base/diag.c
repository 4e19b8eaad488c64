/*
 * diag.c: collect, sort and print diagnostics.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "util.h"

void
diag_errno(struct diags *d, const char *what, const char *path)
{
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot %s %s: %s", what,
	    path, strerror(errno));
}

void
diag_msg(struct diags *d, const char *file, int line, int col,
    enum diag_level level, const char *fmt, ...)
{
	struct diag *m;
	va_list ap;

	xgrow(&d->v, &d->cap, d->n + 1, sizeof(*d->v));
	m = &d->v[d->n];
	m->file = xstrdup(file ? file : "rapport");
	m->line = line;
	m->col = col;
	m->level = level;
	m->seq = d->n++;
	va_start(ap, fmt);
	m->msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (level == DIAG_ERROR)
		d->nerr++;
	else if (level == DIAG_WARNING)
		d->nwarn++;
}

int
diag_order(const struct diag *x, const struct diag *y)
{
	int c;

	if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
diag_cmp(const void *a, const void *b)
{
	return diag_order(a, b);
}

void
diag_sort(struct diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

enum diag_level
diag_worst(const struct diags *d)
{
	if (d->nerr)
		return DIAG_ERROR;
	return d->nwarn ? DIAG_WARNING : DIAG_NONE;
}

size_t
diag_count(const struct diags *d, const char *file, enum diag_level level)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->v[i].level == level && strcmp(d->v[i].file, file) == 0)
			n++;
	return n;
}

void
diag_print_one(const struct diag *m, FILE *f, int colour)
{
	static const struct {
		const char	*word;
		const char	*colour;
	} levels[] = {
		[DIAG_NONE] = { "note", "\033[1;36m" },
		[DIAG_NOTE] = { "note", "\033[1;36m" },
		[DIAG_WARNING] = { "warning", "\033[1;33m" },
		[DIAG_ERROR] = { "error", "\033[1;31m" },
	};
	const char *word, *on = "", *off = "";
	char *file, *msg;
	size_t lv = (size_t)m->level;

	if (lv >= sizeof(levels) / sizeof(*levels))
		lv = DIAG_ERROR;
	word = levels[lv].word;
	if (colour) {
		on = levels[lv].colour;
		off = "\033[0m";
	}
	/* File names and messages may quote anything: shown visibly. */
	file = text_visible(m->file);
	msg = text_visible(m->msg);
	if (m->line > 0)
		fprintf(f, "%s:%d:%d: %s%s%s: %s\n", file ? file : m->file,
		    m->line, m->col > 0 ? m->col : 1, on, word, off,
		    msg ? msg : m->msg);
	else
		fprintf(f, "%s: %s%s%s: %s\n", file ? file : m->file, on, word,
		    off, msg ? msg : m->msg);
	free(file);
	free(msg);
}

void
diag_print(const struct diags *d, FILE *f, int colour)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		diag_print_one(&d->v[i], f, colour);
}

void
diags_take(struct diags *dst, struct diags *src)
{
	size_t i;

	xgrow(&dst->v, &dst->cap, dst->n + src->n, sizeof(*dst->v));
	for (i = 0; i < src->n; i++) {
		dst->v[dst->n] = src->v[i];
		dst->v[dst->n].seq = dst->n;
		dst->n++;
	}
	dst->nerr += src->nerr;
	dst->nwarn += src->nwarn;
	free(src->v);
	memset(src, 0, sizeof(*src));
}

void
diags_free(struct diags *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}
