/*
 * tpl.c: fuzzes the template engine.  The input is a template; after a
 * NUL byte comes the text of a partial "p" (which may include itself or
 * the template "t").  Both render against a fixed tree that has every
 * kind of value: strings with HTML in them, booleans, null, lists (a lazy
 * one too), nested maps.
 */
#include <string.h>

#include "common.h"
#include "tpl.h"

static struct tv *
row(struct tv_pool *p, size_t i, void *arg)
{
	struct tv *m = tv_map(p);

	(void)arg;
	tv_put(m, "i", tv_strf(p, "%zu", i));
	tv_put(m, "odd", tv_bool(p, (int)(i & 1)));
	return m;
}

static struct tv *
tree(struct tv_pool *p)
{
	struct tv *m = tv_map(p), *l = tv_list(p), *n = tv_map(p);

	tv_put(m, "s", tv_str(p, "<b>\"x\" & 'y'</b>"));
	tv_put(m, "e", tv_str(p, ""));
	tv_put(m, "t", tv_bool(p, 1));
	tv_put(m, "f", tv_bool(p, 0));
	tv_put(m, "n", tv_null(p));
	tv_push(l, tv_str(p, "a"));
	tv_push(l, tv_str(p, "<"));
	tv_push(l, n);
	tv_put(n, "s", tv_str(p, "inner"));
	tv_put(n, "m", tv_map(p));
	tv_put(m, "l", l);
	tv_put(m, "lazy", tv_lazy(p, 3, row, NULL));
	tv_put(m, "empty", tv_list(p));
	return m;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t tlen = nul ? (size_t)(nul - text) : size;
	struct tpl_set *set = tpl_set_new();
	struct tv_pool p = { NULL, { NULL } };
	struct buf out = { 0 };
	struct diags d = { 0 };

	tpl_set_add(set, "t", text, tlen, "templates/t");
	if (nul != NULL)
		tpl_set_add(set, "p", nul + 1, size - tlen - 1, "templates/p");
	if (tpl_set_check(set, &d) == 0)
		(void)tpl_render(set, "t", tree(&p), &out, &d);
	buf_free(&out);
	tv_pool_free(&p);
	tpl_set_free(set);
	fuzz_diags_done(&d);
	return 0;
}
