/*
 * tpl_value.c: the values a template is rendered with (see tpl.h).
 *
 * Values live in a pool of blocks of TV_BLOCK values and its strings, all
 * freed at once; a lazy list makes its members only when rendering reaches
 * them (tpl.c), in a pool of its own that tv_pool_clear empties after each.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl.h"
#include "tpl_int.h"
#include "util.h"

#define TV_BLOCK	256

struct tv_block {
	struct tv_block	*next;
	size_t		 used;
	struct tv	 v[TV_BLOCK];
};

static struct tv *
tv_alloc(struct tv_pool *p, enum tv_kind kind)
{
	struct tv *v;

	if (p->blocks == NULL || p->blocks->used == TV_BLOCK) {
		struct tv_block *b = xmalloc(sizeof(*b));

		b->next = p->blocks;
		b->used = 0;
		p->blocks = b;
	}
	v = &p->blocks->v[p->blocks->used++];
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	return v;
}

struct tv *
tv_null(struct tv_pool *p)
{
	return tv_alloc(p, TV_NULL);
}

struct tv *
tv_bool(struct tv_pool *p, int b)
{
	struct tv *v = tv_alloc(p, TV_BOOL);

	v->b = b != 0;
	return v;
}

struct tv *
tv_strn(struct tv_pool *p, const char *s, size_t len)
{
	struct tv *v = tv_alloc(p, TV_STR);

	v->s = s;
	v->len = len;
	return v;
}

struct tv *
tv_str(struct tv_pool *p, const char *s)
{
	return tv_strn(p, s, strlen(s));
}

struct tv *
tv_strf(struct tv_pool *p, const char *fmt, ...)
{
	va_list ap;
	char small[64], *tmp, *s;
	int n;

	/* Most values are short: format on the stack, copy once. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(small))
		return tv_copy(p, small);
	va_start(ap, fmt);
	tmp = xvasprintf(fmt, ap);
	va_end(ap);
	s = pool_strdup(&p->strings, tmp);
	free(tmp);
	return tv_str(p, s);
}

struct tv *
tv_copy(struct tv_pool *p, const char *s)
{
	size_t len = strlen(s);

	return tv_strn(p, pool_strndup(&p->strings, s, len), len);
}

struct tv *
tv_list(struct tv_pool *p)
{
	return tv_alloc(p, TV_LIST);
}

struct tv *
tv_lazy(struct tv_pool *p, size_t n, tv_gen_fn *gen, void *arg)
{
	struct tv *v = tv_alloc(p, TV_LIST);

	v->n = n;
	v->gen = gen;
	v->genarg = arg;
	return v;
}

struct tv *
tv_lazy_keyed(struct tv_pool *p, size_t n, tv_gen_fn *gen, tv_key_fn *key,
    void *arg)
{
	struct tv *v = tv_lazy(p, n, gen, arg);

	v->rowkey = key;
	return v;
}

struct tv *
tv_map(struct tv_pool *p)
{
	return tv_alloc(p, TV_MAP);
}

struct tv *
tv_push(struct tv *list, struct tv *v)
{
	if (list->tail != NULL)
		list->tail->next = v;
	else
		list->head = v;
	list->tail = v;
	list->n++;
	return v;
}

struct tv *
tv_put(struct tv *map, const char *key, struct tv *v)
{
	v->key = key;
	v->keylen = strlen(key);
	v->keyhash = tpl_hash(key, v->keylen);
	return tv_push(map, v);
}

void
tv_put_str(struct tv_pool *p, struct tv *map, const char *key, const char *s)
{
	if (s != NULL)
		tv_put(map, key, tv_str(p, s));
}

void
tv_pool_clear(struct tv_pool *p)
{
	struct tv_block *b = p->blocks, *next;

	if (b != NULL) {
		for (next = b->next; next != NULL; next = b->next) {
			b->next = next->next;
			free(next);
		}
		b->used = 0;
	}
	pool_clear(&p->strings);
}

void
tv_pool_free(struct tv_pool *p)
{
	struct tv_block *b, *next;

	for (b = p->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	p->blocks = NULL;
	pool_free(&p->strings);
}
