/*
 * mustache.c: runs the official Mustache specification files (JSON) through
 * render/tpl.c.
 *
 *   mustache-tests FILE.json...
 *
 * Each test's data becomes a value tree, its template and partials a
 * template set; the output must equal "expected" byte for byte.  Ends with
 * the line "mustache: N passed, N failed, 0 skipped".  The small JSON reader here is
 * for the test files only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fileio.h"
#include "tpl.h"
#include "util.h"

struct json {
	const char	*s;
	size_t		 i;
	size_t		 len;
	struct tv_pool	*pool;
	int		 bad;
};

static void
ws(struct json *j)
{
	while (j->i < j->len && strchr(" \t\r\n", j->s[j->i]) != NULL)
		j->i++;
}

static void
put_utf8(struct buf *b, unsigned cp)
{
	if (cp < 0x80)
		buf_putc(b, (char)cp);
	else if (cp < 0x800) {
		buf_putc(b, (char)(0xc0 | (cp >> 6)));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(b, (char)(0xe0 | (cp >> 12)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(b, (char)(0xf0 | (cp >> 18)));
		buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* A JSON string at j->i (after the quote); returns pool memory. */
static char *
string(struct json *j, size_t *outlen)
{
	struct buf b = { 0 };
	char *s;

	while (j->i < j->len && j->s[j->i] != '"') {
		char c = j->s[j->i++];

		if (c != '\\') {
			buf_putc(&b, c);
			continue;
		}
		c = j->s[j->i++];
		switch (c) {
		case 'n': buf_putc(&b, '\n'); break;
		case 't': buf_putc(&b, '\t'); break;
		case 'r': buf_putc(&b, '\r'); break;
		case 'b': buf_putc(&b, '\b'); break;
		case 'f': buf_putc(&b, '\f'); break;
		case 'u': {
			unsigned cp = (unsigned)strtoul(
			    (char[5]){ j->s[j->i], j->s[j->i + 1],
			    j->s[j->i + 2], j->s[j->i + 3], 0 }, NULL, 16);

			j->i += 4;
			put_utf8(&b, cp);
			break;
		}
		default: buf_putc(&b, c); break;
		}
	}
	j->i++;
	*outlen = b.len;
	s = pool_strndup(&j->pool->strings, b.s ? b.s : "", b.len);
	buf_free(&b);
	return s;
}

static struct tv *
value(struct json *j)
{
	struct tv *v;
	size_t len;
	char *s;

	ws(j);
	if (j->i >= j->len) {
		j->bad = 1;
		return tv_null(j->pool);
	}
	switch (j->s[j->i]) {
	case '{':
		j->i++;
		v = tv_map(j->pool);
		for (ws(j); j->i < j->len && j->s[j->i] != '}'; ws(j)) {
			char *key;

			if (j->s[j->i] == ',') {
				j->i++;
				continue;
			}
			j->i++;		/* the key's quote */
			key = string(j, &len);
			ws(j);
			j->i++;		/* ':' */
			tv_put(v, key, value(j));
		}
		j->i++;
		return v;
	case '[':
		j->i++;
		v = tv_list(j->pool);
		for (ws(j); j->i < j->len && j->s[j->i] != ']'; ws(j)) {
			if (j->s[j->i] == ',') {
				j->i++;
				continue;
			}
			tv_push(v, value(j));
		}
		j->i++;
		return v;
	case '"':
		j->i++;
		s = string(j, &len);
		return tv_strn(j->pool, s, len);
	case 't':
		j->i += 4;
		return tv_bool(j->pool, 1);
	case 'f':
		j->i += 5;
		return tv_bool(j->pool, 0);
	case 'n':
		j->i += 4;
		return tv_null(j->pool);
	default: {
		/* A number, printed as the shortest text that reads back. */
		char *end, text[64];
		double d = strtod(j->s + j->i, &end);
		int prec;

		if (end == j->s + j->i) {
			j->bad = 1;
			j->i = j->len;
			return tv_null(j->pool);
		}
		j->i = (size_t)(end - j->s);
		for (prec = 1; prec <= 17; prec++) {
			snprintf(text, sizeof(text), "%.*g", prec, d);
			if (strtod(text, NULL) == d)
				break;
		}
		return tv_strf(j->pool, "%s", text);
	}
	}
}

static const struct tv *
get(const struct tv *map, const char *key)
{
	const struct tv *m;

	for (m = map ? map->head : NULL; m != NULL; m = m->next)
		if (m->key != NULL && strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

static int passed, failed;

static void
run_file(const char *path)
{
	struct tv_pool pool = { NULL, { NULL } };
	struct json j;
	const struct tv *root, *tests, *t;
	char *text;
	size_t len;

	if (file_read_all(path, &text, &len) == -1) {
		fprintf(stderr, "%s: cannot read\n", path);
		failed++;
		return;
	}
	j.s = text;
	j.i = 0;
	j.len = len;
	j.pool = &pool;
	j.bad = 0;
	root = value(&j);
	if (j.bad || (tests = get(root, "tests")) == NULL) {
		fprintf(stderr, "%s: not a spec file\n", path);
		failed++;
		goto out;
	}
	for (t = tests->head; t != NULL; t = t->next) {
		const struct tv *tmpl = get(t, "template"), *exp =
		    get(t, "expected"), *parts = get(t, "partials"), *p;
		const struct tv *name = get(t, "name");
		struct tpl_set *set = tpl_set_new();
		struct buf out = { 0 };
		struct diags d = { 0 };

		tpl_set_add(set, "test", tmpl->s, tmpl->len, "test");
		for (p = parts ? parts->head : NULL; p != NULL; p = p->next)
			tpl_set_add(set, p->key, p->s, p->len, p->key);
		if (tpl_render(set, "test", get(t, "data"), &out, &d) == 0 &&
		    out.len == exp->len &&
		    memcmp(out.s ? out.s : "", exp->s, exp->len) == 0)
			passed++;
		else {
			failed++;
			fprintf(stderr, "FAIL %s: %.*s\n  got:      [%.*s]\n"
			    "  expected: [%.*s]\n", path, (int)name->len,
			    name->s, (int)out.len, out.s ? out.s : "",
			    (int)exp->len, exp->s);
			diag_print(&d, stderr, 0);
		}
		buf_free(&out);
		diags_free(&d);
		tpl_set_free(set);
	}
out:
	tv_pool_free(&pool);
	free(text);
}

int
main(int argc, char *argv[])
{
	int i;

	for (i = 1; i < argc; i++)
		run_file(argv[i]);
	printf("mustache: %d passed, %d failed, 0 skipped\n", passed, failed);
	return failed > 0;
}
