/*
 * cardin.c: the list of people coming in, and their text made UTF-8
 * (cardin.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cardin.h"
#include "text.h"

struct cardin *
cardins_add(struct cardins *l, const char *file, int line)
{
	struct cardin *c;

	xgrow(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	c = &l->v[l->n++];
	memset(c, 0, sizeof(*c));
	c->file = file;
	c->line = line;
	return c;
}

char *
cardins_str(struct cardins *l, const char *s, size_t len)
{
	while (len > 0 && text_is_space((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && text_is_space((unsigned char)s[len - 1]))
		len--;
	return len > 0 ? pool_strndup(&l->pool, s, len) : NULL;
}

void
cardins_push(struct cardins *l, char ***v, size_t *n, const char *s,
    size_t len)
{
	char *t = cardins_str(l, s, len);

	if (t == NULL)
		return;
	/* The lists are short: a person's addresses. */
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = t;
}

/* Windows-1252's 0x80-0x9f, as Unicode; 0: undefined there. */
static const unsigned short cp1252[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

/* Whether s holds nothing but whole UTF-8 characters. */
static int
utf8_valid(const char *s, size_t len)
{
	size_t i = 0, c;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((c = text_utf8_len((const unsigned char *)s + i,
		    len - i)) == 0)
			return 0;
		i += c;
	}
	return 1;
}

char *
cardins_utf8(const char *text, size_t len, size_t *outlen, int *latin)
{
	struct buf b = { 0 };
	size_t i;

	*latin = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (utf8_valid(text, len)) {
		buf_putn(&b, text, len);
	} else {
		*latin = 1;
		for (i = 0; i < len; i++) {
			unsigned u = (unsigned char)text[i];

			if (u >= 0x80 && u < 0xa0)
				u = cp1252[u - 0x80] ? cp1252[u - 0x80] : 0xfffd;
			if (u < 0x80)
				buf_putc(&b, (char)u);
			else if (u < 0x800) {
				buf_putc(&b, (char)(0xc0 | u >> 6));
				buf_putc(&b, (char)(0x80 | (u & 0x3f)));
			} else {
				buf_putc(&b, (char)(0xe0 | u >> 12));
				buf_putc(&b, (char)(0x80 | (u >> 6 & 0x3f)));
				buf_putc(&b, (char)(0x80 | (u & 0x3f)));
			}
		}
	}
	buf_grow(&b, 1);
	*outlen = b.len;
	return buf_detach(&b);
}

void
cardins_free(struct cardins *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->v[i].emails);
		free(l->v[i].phones);
	}
	free(l->v);
	pool_free(&l->pool);
	memset(l, 0, sizeof(*l));
}
