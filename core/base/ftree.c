/*
 * ftree.c: a workspace's files as a sorted list, and its links resolved
 * by name as the operating system resolves them in a folder.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ftree.h"
#include "util.h"

/* Links followed in a row before a target counts as a loop (as ELOOP). */
#define FTREE_MAX_LINKS 40

struct ftree_entry *
ftree_add(struct ftree *t, const char *path, enum ftree_kind kind,
    const char *target)
{
	struct ftree_entry *e;

	xgrow(&t->v, &t->cap, t->n + 1, sizeof(*t->v));
	e = &t->v[t->n++];
	memset(e, 0, sizeof(*e));
	e->path = xstrdup(path);
	e->kind = kind;
	e->target = target != NULL ? xstrdup(target) : NULL;
	return e;
}

static int
entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ftree_entry *)a)->path,
	    ((const struct ftree_entry *)b)->path);
}

/* bsearch's comparison of a path with an entry. */
static int
path_cmp(const void *key, const void *e)
{
	return strcmp(key, ((const struct ftree_entry *)e)->path);
}

const struct ftree_entry *
ftree_find(const struct ftree *t, const char *path)
{
	return t->n == 0 ? NULL : bsearch(path, t->v, t->n, sizeof(*t->v),
	    path_cmp);
}

const struct ftree_entry *
ftree_within(const struct ftree *t, const char *dir, size_t *n)
{
	size_t len = strlen(dir), lo = 0, hi = t->n, i;

	/* The first path after "dir/" in strcmp order... */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(t->v[mid].path, dir, len);

		if (c < 0 || (c == 0 && t->v[mid].path[len] < '/'))
			lo = mid + 1;
		else
			hi = mid;
	}
	/* ...and the run of those that start with it. */
	for (i = lo; i < t->n && strncmp(t->v[i].path, dir, len) == 0 &&
	    t->v[i].path[len] == '/'; i++)
		;
	*n = i - lo;
	return *n > 0 ? &t->v[lo] : NULL;
}

/*
 * What the link e names, following links on the way, or NULL; *outside
 * is set when the way leaves the root.  depth counts links followed.
 */
static const struct ftree_entry *
follow(const struct ftree *t, const struct ftree_entry *e, int depth,
    int *outside)
{
	struct buf at = { 0 };
	const struct ftree_entry *cur = NULL;
	const char *p, *slash;
	size_t len = 0;

	if (depth >= FTREE_MAX_LINKS || e->target == NULL)
		return NULL;
	if (e->target[0] == '/') {
		*outside = 1;
		return NULL;
	}
	/* Start in the link's own folder. */
	buf_grow(&at, 64);
	at.s[0] = '\0';
	if ((slash = strrchr(e->path, '/')) != NULL)
		buf_putn(&at, e->path, (size_t)(slash - e->path));
	cur = ftree_find(t, at.s);
	for (p = e->target; cur != NULL; p += len + (p[len] == '/')) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, "/");
		if (cur->kind != FTREE_DIR) {
			cur = NULL;		/* ENOTDIR */
			break;
		}
		if (len == 1 && p[0] == '.')
			continue;
		if (len == 2 && p[0] == '.' && p[1] == '.') {
			char *up;

			if (at.len == 0) {
				*outside = 1;
				cur = NULL;
				break;
			}
			up = strrchr(at.s, '/');
			at.len = up != NULL ? (size_t)(up - at.s) : 0;
			at.s[at.len] = '\0';
		} else {
			if (at.len > 0)
				buf_putc(&at, '/');
			buf_putn(&at, p, len);
		}
		if ((cur = ftree_find(t, at.s)) != NULL &&
		    cur->kind == FTREE_LINK) {
			cur = follow(t, cur, depth + 1, outside);
			buf_reset(&at);
			if (cur != NULL)
				buf_puts(&at, cur->path);
		}
	}
	buf_free(&at);
	return cur;
}

void
ftree_resolve(struct ftree *t)
{
	size_t i;

	/* The root itself, for links that name it. */
	if (ftree_find(t, "") == NULL)
		ftree_add(t, "", FTREE_DIR, NULL);
	qsort(t->v, t->n, sizeof(*t->v), entry_cmp);
	for (i = 0; i < t->n; i++)
		if (t->v[i].kind == FTREE_LINK)
			t->v[i].to = follow(t, &t->v[i], 0, &t->v[i].outside);
}

int
ftree_read(const struct ftree *t, const char *path, int follow_links,
    int thread, size_t max, char **buf, size_t *len)
{
	const struct ftree_entry *e = ftree_find(t, path);

	if (e != NULL && e->kind == FTREE_LINK && follow_links)
		e = e->to;
	if (e == NULL) {
		errno = ENOENT;
		return -1;
	}
	if (e->kind != FTREE_FILE) {
		errno = EINVAL;
		return -1;
	}
	return t->read(t->arg, e, thread, max, buf, len);
}

void
ftree_free(struct ftree *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->v[i].path);
		free(t->v[i].target);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}
