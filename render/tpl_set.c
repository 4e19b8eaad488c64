/*
 * tpl_set.c: the set of templates (see tpl.h): their sources, the
 * workspace's own or the built-in ones, and their compiled forms.
 *
 * A template is compiled (tpl_compile.c) the first time it is asked for,
 * once per indentation of a standalone partial, and kept in the set's
 * cache until a source changes; threads that render share the compiled
 * forms, and only finding or adding one takes the set's lock.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "builtin.h"
#include "fileio.h"
#include "tpl.h"
#include "tpl_int.h"
#include "util.h"

struct tpl_set *
tpl_set_new(void)
{
	struct tpl_set *set = xcalloc(1, sizeof(struct tpl_set));

	pthread_mutex_init(&set->lock, NULL);
	return set;
}

static void
compiled_free(struct compiled *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].indent);
	free(c->v);
	free(c->src);
	free(c->key);
	free(c);
}

static void
cache_clear(struct tpl_set *set)
{
	struct compiled *c, *next;

	for (c = set->cache; c != NULL; c = next) {
		next = c->next;
		compiled_free(c);
	}
	set->cache = NULL;
}

static struct source_tpl *
source_find(const struct tpl_set *set, const char *name)
{
	struct source_tpl *s;

	for (s = set->sources; s != NULL; s = s->next)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

void
tpl_set_add(struct tpl_set *set, const char *name, const char *text,
    size_t len, const char *path)
{
	struct source_tpl *s = source_find(set, name);

	if (s == NULL) {
		s = xcalloc(1, sizeof(*s));
		s->name = xstrdup(name);
		s->next = set->sources;
		set->sources = s;
	} else {
		free(s->text);
		free(s->path);
	}
	s->text = xstrndup(text, len);
	s->len = len;
	s->path = xstrdup(path ? path : name);
	/* A partial may have been compiled from the old text. */
	cache_clear(set);
}

void
tpl_set_limits(struct tpl_set *set, size_t max_bytes, size_t max_steps)
{
	set->max_bytes = max_bytes;
	set->max_steps = max_steps;
}

void
tpl_set_rows(struct tpl_set *set, struct rowstore *rows)
{
	set->rows = rows;
}

struct rowstore *
tpl_set_rowstore(const struct tpl_set *set)
{
	return set->rows;
}

struct tpl_set *
tpl_set_load(tpl_read_fn *read, const void *arg, uint64_t *hash)
{
	struct tpl_set *set = tpl_set_new();
	const struct builtin *b;

	*hash = 0;
	for (b = builtin_files; b->name != NULL; b++) {
		char *rel = xasprintf("templates/%s", b->name), *text;
		size_t len;

		/* The workspace's own file wins. */
		if (read(arg, rel, &text, &len) == 0) {
			tpl_set_add(set, b->name, text, len, rel);
			*hash = hash64(text, len, *hash);
			free(text);
		} else {
			tpl_set_add(set, b->name, b->data, b->len, b->name);
			*hash = hash64(b->data, b->len, *hash);
		}
		free(rel);
	}
	return set;
}

int
tpl_set_has(const struct tpl_set *set, const char *name)
{
	return source_find(set, name) != NULL;
}

void
tpl_set_free(struct tpl_set *set)
{
	struct source_tpl *s, *next;

	if (set == NULL)
		return;
	for (s = set->sources; s != NULL; s = next) {
		next = s->next;
		free(s->name);
		free(s->path);
		free(s->text);
		free(s);
	}
	cache_clear(set);
	pthread_mutex_destroy(&set->lock);
	free(set);
}

static struct compiled *compiled_make(struct tpl_set *, const char *,
		    const char *, struct diags *);

struct compiled *
tpl_compiled_get(struct tpl_set *set, const char *name, const char *indent,
    struct diags *d)
{
	struct compiled *c;

	pthread_mutex_lock(&set->lock);
	c = compiled_make(set, name, indent, d);
	pthread_mutex_unlock(&set->lock);
	return c;
}

int
tpl_set_check(struct tpl_set *set, struct diags *d)
{
	struct source_tpl *st;
	int rc = 0;

	for (st = set->sources; st != NULL; st = st->next)
		if (tpl_compiled_get(set, st->name, "", d) == NULL)
			rc = -1;
	return rc;
}

static struct compiled *
compiled_make(struct tpl_set *set, const char *name, const char *indent,
    struct diags *d)
{
	struct source_tpl *st = source_find(set, name);
	struct compiled *c;
	size_t nlen = strlen(name), ilen = strlen(indent);

	if (st == NULL)
		return NULL;
	for (c = set->cache; c != NULL; c = c->next)
		if (strcmp(c->key, name) == 0 &&
		    strcmp(c->key + nlen + 1, indent) == 0)
			return c->ok ? c : NULL;
	c = xcalloc(1, sizeof(*c));
	c->key = xmalloc(nlen + ilen + 2);
	memcpy(c->key, name, nlen + 1);
	memcpy(c->key + nlen + 1, indent, ilen + 1);
	if (ilen > 0)
		c->src = tpl_indented(st, indent, &c->srclen);
	else {
		c->src = xstrndup(st->text, st->len);
		c->srclen = st->len;
	}
	c->path = st->path;
	c->ok = tpl_compile(c, st, d) == 0;
	c->next = set->cache;
	set->cache = c;
	return c->ok ? c : NULL;
}
