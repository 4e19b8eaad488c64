/*
 * vcf.c: vCards 2.1, 3.0 and 4.0 into people (vcf.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "vcf.h"

/* A property longer than this (not a PHOTO's) is skipped as hostile. */
#define VCF_VALUE_MAX	(64u << 10)

/* One logical line: physical lines unfolded, with its first's number. */
struct lline {
	struct buf	 text;
	int		 line;
};

/* Whether the n bytes at s hold word, in any letter case. */
static int
has_ci(const char *s, size_t n, const char *word)
{
	size_t i, w = strlen(word);

	for (i = 0; i + w <= n; i++)
		if (strncasecmp(s + i, word, w) == 0)
			return 1;
	return 0;
}

/* Whether the name and parameters (before ':') say QUOTED-PRINTABLE. */
static int
is_qp(const char *s, size_t n)
{
	return has_ci(s, n, "QUOTED-PRINTABLE");
}

/* Whether the property's name (nlen bytes at name) is want. */
static int
is_name(const char *name, size_t nlen, const char *want)
{
	return nlen == strlen(want) && strncasecmp(name, want, nlen) == 0;
}

/* The end of physical line at p (before its line end) and the next. */
static const char *
line_end(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	const char *e = nl != NULL ? nl : end;

	*next = nl != NULL ? nl + 1 : end;
	if (e > p && e[-1] == '\r')
		e--;
	return e;
}

/*
 * The next logical line from *p into l: folded lines (a space or tab
 * first) unfolded, and a quoted-printable value's soft breaks ('=' at
 * the end) joined.  Returns 0, or -1 at the end of the text.
 */
static int
next_line(const char **p, const char *end, int *lineno, struct lline *l)
{
	const char *next, *e, *colon;

	buf_reset(&l->text);
	if (*p >= end)
		return -1;
	e = line_end(*p, end, &next);
	l->line = ++*lineno;
	buf_putn(&l->text, *p, (size_t)(e - *p));
	*p = next;
	for (;;) {
		colon = memchr(l->text.s, ':', l->text.len);
		if (*p < end && (**p == ' ' || **p == '\t')) {
			e = line_end(*p, end, &next);
			buf_putn(&l->text, *p + 1, (size_t)(e - *p - 1));
		} else if (*p < end && colon != NULL && is_qp(l->text.s,
		    (size_t)(colon - l->text.s)) && l->text.len > 0 &&
		    l->text.s[l->text.len - 1] == '=') {
			l->text.len--;		/* the soft break */
			e = line_end(*p, end, &next);
			buf_putn(&l->text, *p, (size_t)(e - *p));
		} else
			break;
		++*lineno;
		*p = next;
	}
	buf_grow(&l->text, 1);
	l->text.s[l->text.len] = '\0';
	return 0;
}

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes quoted-printable in place: "=C3=A9" to its bytes. */
static size_t
qp_decode(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		int h, l;

		if (s[i] == '=' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 &&
		    (l = hexval(s[i + 2])) >= 0) {
			s[o++] = (char)(h * 16 + l);
			i += 2;
		} else
			s[o++] = s[i];
	}
	return o;
}

/*
 * The value v (n bytes) unescaped as RFC 6350 says (\n, \, \; \: \\),
 * cut at the first unescaped ';' when first_part is set (ORG, N's parts)
 * and with every control character a space: a value for one line.
 */
static void
unescape(struct buf *out, const char *v, size_t n, int first_part)
{
	size_t i;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		char c = v[i];

		if (c == '\\' && i + 1 < n) {
			c = v[++i];
			if (c == 'n' || c == 'N')
				c = ' ';
		} else if (c == ';' && first_part)
			break;
		if ((unsigned char)c < 0x20 || c == 0x7f)
			c = ' ';
		buf_putc(out, c);
	}
	buf_grow(out, 1);
	out->s[out->len] = '\0';
}

/* The n-th ';'-separated part of v (unescaped), into out. */
static void
part(struct buf *out, const char *v, size_t n, int k)
{
	size_t i = 0;

	while (k > 0 && i < n) {
		if (v[i] == '\\' && i + 1 < n)
			i++;
		else if (v[i] == ';')
			k--;
		i++;
	}
	unescape(out, v + i, n - i, 1);
}

/*
 * Adds value v (n bytes, unescaped here) to the list, without its URI
 * scheme (4.0's "tel:", "mailto:") when it has one.
 */
static void
push_value(struct cardins *out, char ***list, size_t *nlist, const char *v,
    size_t n, const char *scheme)
{
	struct buf t = { 0 };
	size_t k = strlen(scheme);

	unescape(&t, v, n, 0);
	if (t.len > k && strncasecmp(t.s, scheme, k) == 0)
		cardins_push(out, list, nlist, t.s + k, t.len - k);
	else
		cardins_push(out, list, nlist, t.s, t.len);
	buf_free(&t);
}

/* What a card has read so far. */
struct card {
	struct cardin	*c;
	int		 line;		/* of BEGIN */
	struct buf	 n;		/* the name N makes, for want of FN */
};

/* Drops the card being read (the last of out). */
static void
card_drop(struct cardins *out, struct card *k)
{
	free(k->c->emails);
	free(k->c->phones);
	out->n--;
	k->c = NULL;
	buf_reset(&k->n);
}

/* Ends the card: kept with a name, else reported and dropped. */
static void
card_end(struct cardins *out, struct card *k, const char *file,
    struct diags *d)
{
	if (k->c->name == NULL && k->n.len > 0)
		k->c->name = cardins_str(out, k->n.s, k->n.len);
	if (k->c->name == NULL) {
		diag_msg(d, file, k->line, 1, DIAG_WARNING, "a card without "
		    "a name (FN or N): skipped");
		card_drop(out, k);
		return;
	}
	k->c = NULL;
	buf_reset(&k->n);
}

/* N's parts: family;given;additional;prefix;suffix, as "given family". */
static void
n_name(struct buf *name, const char *v, size_t n)
{
	struct buf p = { 0 };
	static const int order[] = { 3, 1, 2, 0, 4 };
	size_t k;

	buf_reset(name);
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		size_t a = 0, e;

		part(&p, v, n, order[k]);
		for (e = p.len; e > 0 && p.s[e - 1] == ' '; e--)
			continue;
		while (a < e && p.s[a] == ' ')
			a++;
		if (a == e)
			continue;
		if (name->len > 0)
			buf_putc(name, ' ');
		buf_putn(name, p.s + a, e - a);
	}
	buf_free(&p);
}

size_t
vcf_read(const char *file, const char *text, size_t len,
    struct cardins *out, struct diags *d)
{
	const char *p = text, *end = text + len;
	struct lline l = { { 0 }, 0 };
	struct card k = { NULL, 0, { 0 } };
	struct buf v = { 0 };
	size_t before = out->n;
	int lineno = 0;

	while (next_line(&p, end, &lineno, &l) == 0) {
		char *s = l.text.s, *colon, *name, *dot, *semi, *val;
		size_t nlen, vlen;
		int qp, utf8;

		if (l.text.len == 0)
			continue;
		if ((colon = strchr(s, ':')) == NULL) {
			diag_msg(d, file, l.line, 1, DIAG_WARNING, "not a "
			    "vCard line (no ':'): skipped");
			continue;
		}
		*colon = '\0';
		val = colon + 1;
		vlen = l.text.len - (size_t)(val - s);
		/* "item1.EMAIL;TYPE=work": the group goes, the name stays. */
		semi = strchr(s, ';');
		nlen = semi != NULL ? (size_t)(semi - s) : strlen(s);
		name = s;
		if ((dot = memchr(s, '.', nlen)) != NULL) {
			nlen -= (size_t)(dot + 1 - s);
			name = dot + 1;
		}
		if (is_name(name, nlen, "BEGIN") &&
		    strcasecmp(val, "VCARD") == 0) {
			if (k.c != NULL) {
				diag_msg(d, file, k.line, 1, DIAG_WARNING, "a "
				    "card that never ends (BEGIN:VCARD again "
				    "on line %d): skipped", l.line);
				card_drop(out, &k);
			}
			k.c = cardins_add(out, file, l.line);
			k.line = l.line;
			continue;
		}
		if (k.c == NULL)
			continue;
		if (is_name(name, nlen, "END")) {
			card_end(out, &k, file, d);
			continue;
		}
		if (vlen > VCF_VALUE_MAX) {
			/* Pictures and sounds are long: passed over. */
			if (!is_name(name, nlen, "PHOTO") &&
			    !is_name(name, nlen, "LOGO") &&
			    !is_name(name, nlen, "SOUND") &&
			    !is_name(name, nlen, "KEY"))
				diag_msg(d, file, l.line, 1, DIAG_WARNING, "a "
				    "%.*s of %zu KiB: skipped", (int)nlen, name,
				    vlen >> 10);
			continue;
		}
		qp = semi != NULL && is_qp(semi, strlen(semi));
		if (qp)
			vlen = qp_decode(val, vlen);
		/* A CHARSET other than UTF-8, or bytes that are not it. */
		utf8 = semi == NULL || !has_ci(semi, strlen(semi), "CHARSET=") ||
		    has_ci(semi, strlen(semi), "CHARSET=UTF-8");
		/* Decoded bytes may be anything: made UTF-8 as a file is. */
		if (!utf8 || qp) {
			size_t ul;
			int latin;
			char *u = cardins_utf8(val, vlen, &ul, &latin);

			buf_reset(&v);
			buf_putn(&v, u, ul);
			free(u);
			val = v.s;
			vlen = v.len;
		}
		if (is_name(name, nlen, "FN")) {
			struct buf t = { 0 };

			unescape(&t, val, vlen, 0);
			k.c->name = cardins_str(out, t.s, t.len);
			buf_free(&t);
		} else if (is_name(name, nlen, "N")) {
			n_name(&k.n, val, vlen);
		} else if (is_name(name, nlen, "ORG")) {
			struct buf t = { 0 };

			part(&t, val, vlen, 0);
			k.c->org = cardins_str(out, t.s, t.len);
			buf_free(&t);
		} else if (is_name(name, nlen, "TITLE") ||
		    (is_name(name, nlen, "ROLE") && k.c->title == NULL)) {
			struct buf t = { 0 };

			unescape(&t, val, vlen, 0);
			k.c->title = cardins_str(out, t.s, t.len);
			buf_free(&t);
		} else if (is_name(name, nlen, "EMAIL")) {
			push_value(out, &k.c->emails, &k.c->nemails, val, vlen,
			    "mailto:");
		} else if (is_name(name, nlen, "TEL")) {
			push_value(out, &k.c->phones, &k.c->nphones, val, vlen,
			    "tel:");
		}
	}
	if (k.c != NULL) {
		diag_msg(d, file, k.line, 1, DIAG_WARNING, "a card that never "
		    "ends (no END:VCARD): skipped");
		card_drop(out, &k);
	}
	buf_free(&l.text);
	buf_free(&k.n);
	buf_free(&v);
	return out->n - before;
}
