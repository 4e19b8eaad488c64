/*
 * invalid.c: see invalid.h.
 */
#include <stdlib.h>
#include <string.h>

#include "invalid.h"
#include "util.h"

/* Errors in diag_sort's order: the first of a file leads its run. */
static int
error_cmp(const void *a, const void *b)
{
	return diag_order(*(const struct diag *const *)a,
	    *(const struct diag *const *)b);
}

/* The first error about file among the sorted errors, or NULL. */
static const struct diag *
first_error(const struct diag *const *e, size_t n, const char *file)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(e[mid]->file, file) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(e[lo]->file, file) == 0 ? e[lo] : NULL;
}

void
invalid_collect(struct invalids *out, const struct workspace *ws,
    const struct diags *d)
{
	const struct diag **e = xcalloc(d->nerr + 1, sizeof(*e));
	size_t i, ne = 0, cap = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < d->n; i++)
		if (d->v[i].level == DIAG_ERROR && ne < d->nerr)
			e[ne++] = &d->v[i];
	qsort(e, ne, sizeof(*e), error_cmp);
	for (i = 0; i < ws->nclients; i++) {
		const struct client *c = &ws->clients[i];
		const struct diag *f;
		struct invalid *v;

		if (c->errors <= 0)
			continue;
		xgrow(&out->v, &cap, out->n + 1, sizeof(*out->v));
		v = &out->v[out->n++];
		v->file = c->path;
		v->slug = c->slug;
		v->owner = c->owner;
		v->errors = c->errors;
		f = first_error(e, ne, c->path);
		v->line = f != NULL ? f->line : 0;
		v->col = f != NULL && f->line > 0 ? (f->col > 0 ? f->col : 1) : 0;
		if (f == NULL)
			v->first = xstrdup("see rapport check");
		else if (f->line > 0)
			v->first = xasprintf("%d:%d: %s", f->line,
			    f->col > 0 ? f->col : 1, f->msg);
		else
			v->first = xstrdup(f->msg);
		v->text = xasprintf("%s has %d error%s, so its follow-ups are "
		    "unknown: fix %s (rapport check): %s", c->path, c->errors,
		    c->errors == 1 ? "" : "s", c->errors == 1 ? "it" : "them",
		    f != NULL ? f->msg : "see rapport check");
	}
	free(e);
}

int
invalid_owned_by(const struct invalid *v, const char *owner)
{
	return owner == NULL || v->owner == NULL ||
	    strcmp(v->owner, owner) == 0;
}

void
invalid_free(struct invalids *iv)
{
	size_t i;

	if (iv == NULL)
		return;
	for (i = 0; i < iv->n; i++) {
		free(iv->v[i].first);
		free(iv->v[i].text);
	}
	free(iv->v);
	memset(iv, 0, sizeof(*iv));
}
