/*
 * text.c: see text.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"
#include "util.h"

int
text_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

int
text_number(const char *s, double *out)
{
	const char *p = s;
	int ndig = 0;

	if (*p == '-' || *p == '+')
		p++;
	while (isdigit((unsigned char)*p)) {
		p++;
		ndig++;
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return -1;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (ndig == 0 || *p != '\0' || ndig > 15)
		return -1;
	*out = strtod(s, NULL);
	return 0;
}

int
text_hours(const char *s, int64_t *out)
{
	int64_t v = 0;
	int ndig = 0, nfrac = 0;

	for (; isdigit((unsigned char)*s); s++, ndig++)
		if (ndig < 9)
			v = v * 10 + (*s - '0');
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++, nfrac++)
			if (nfrac < 2)
				v = v * 10 + (*s - '0');
		if (nfrac == 0)
			return -1;
	}
	if (ndig == 0 || ndig > 9 || *s != '\0')
		return -1;
	if (nfrac > 2)
		return -2;
	for (; nfrac < 2; nfrac++)
		v *= 10;
	*out = v;
	return 0;
}

void
text_hours_format(int64_t h, char buf[24])
{
	/* Over and under a contract: "-0.5", never "0.-50". */
	uint64_t a = h < 0 ? 0 - (uint64_t)h : (uint64_t)h;
	unsigned long long whole = a / 100, frac = a % 100;
	const char *sign = h < 0 ? "-" : "";

	if (frac == 0)
		snprintf(buf, 24, "%s%llu", sign, whole);
	else if (frac % 10 == 0)
		snprintf(buf, 24, "%s%llu.%llu", sign, whole, frac / 10);
	else
		snprintf(buf, 24, "%s%llu.%02llu", sign, whole, frac);
}

void
text_money_format(int64_t h, char buf[24])
{
	uint64_t a = h < 0 ? 0 - (uint64_t)h : (uint64_t)h;

	snprintf(buf, 24, "%s%llu.%02llu", h < 0 ? "-" : "",
	    (unsigned long long)(a / 100), (unsigned long long)(a % 100));
}

int
text_percent(const char *s, int *out)
{
	size_t len = strlen(s), i;
	int v = 0;

	if (len > 0 && s[len - 1] == '%')
		len--;
	if (len == 0 || len > 3)
		return -1;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v > 100)
		return -1;
	*out = v;
	return 0;
}

/* A character of an address's local part: atext (RFC 5322), or UTF-8. */
static int
local_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80 || (c != '\0' &&
	    strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL);
}

/* A character of a domain's label: a letter, a digit, '-', or UTF-8. */
static int
label_char(unsigned char c)
{
	return isalnum(c) || c == '-' || c >= 0x80;
}

/* Labels of letters, digits and '-', at least two, and nothing after. */
static int
domain_ok(const unsigned char *p)
{
	int labels = 0;

	for (;; p++) {
		const unsigned char *start = p;

		while (label_char(*p))
			p++;
		if (p == start || *start == '-' || p[-1] == '-')
			return 0;
		labels++;
		if (*p == '\0')
			break;
		if (*p != '.')
			return 0;
	}
	return labels >= 2;
}

int
text_email_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	/* local: dot-atom, no leading, trailing or doubled dot. */
	if (*p == '.' || !local_char(*p))
		return 0;
	for (; *p != '@'; p++)
		if (!local_char(*p) && !(*p == '.' && p[1] != '.' &&
		    p[1] != '@'))
			return 0;
	return domain_ok(p + 1);
}

int
text_domain_ok(const char *s)
{
	return domain_ok((const unsigned char *)s);
}

int
text_phone_ok(const char *s)
{
	int ndig = 0;

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s))
			ndig++;
		else if (strncmp(s, "ext", 3) == 0)
			s += 2;
		else if (strchr(" +-().x/", *s) == NULL)
			return 0;
	}
	return ndig >= 3;
}

int
text_slug_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !(islower((unsigned char)s[0]) ||
	    isdigit((unsigned char)s[0])))
		return 0;
	for (i = 1; i < n; i++)
		if (!islower((unsigned char)s[i]) &&
		    !isdigit((unsigned char)s[i]) && s[i] != '-')
			return 0;
	return 1;
}

/*
 * Two-byte UTF-8 Latin letters (U+00C0..U+017F) folded to ASCII.  Indexed
 * by code point - 0xC0; '\0' means "not a letter we fold".
 */
static const char fold_latin1[] =
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"	/* U+00C0..U+00DF */
    "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";	/* U+00E0..U+00FF */
_Static_assert(sizeof(fold_latin1) == 64 + 1, "one letter per code point");
static const char fold_exta[] =		/* U+0100..U+017F */
    "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh"
    "iiiiiiiiii" "ii" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "oo"
    "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";
_Static_assert(sizeof(fold_exta) == 128 + 1, "one letter per code point");

char *
text_slugify(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	struct buf b = { 0 };
	int dash = 0;

	while (*p != '\0') {
		char c = 0;
		size_t n = 1;
		unsigned cp = 0;

		if (isalnum(*p)) {
			c = (char)tolower(*p);
		} else if (*p >= 0x80) {
			n = text_utf8_len(p, strlen((const char *)p));
			if (n == 2)
				cp = ((p[0] & 0x1fu) << 6) | (p[1] & 0x3fu);
			if (n == 2 && cp >= 0xC0 && cp < 0x100)
				c = fold_latin1[cp - 0xC0];
			else if (n == 2 && cp >= 0x100 && cp < 0x180)
				c = fold_exta[cp - 0x100];
			if (n == 0)
				n = 1;
		}
		if (c != 0) {
			if (dash && b.len > 0)
				buf_putc(&b, '-');
			dash = 0;
			buf_putc(&b, c);
			/* Ligatures and sharp s read as two letters. */
			if (n == 2 && (cp == 0xC6 || cp == 0xE6 ||
			    cp == 0x152 || cp == 0x153))
				buf_putc(&b, 'e');
			else if (n == 2 && cp == 0xDF)
				buf_putc(&b, 's');
			else if (n == 2 && (cp == 0x132 || cp == 0x133))
				buf_putc(&b, 'j');
			else if (n == 2 && (cp == 0xDE || cp == 0xFE))
				buf_putc(&b, 'h');
		} else
			dash = 1;
		p += n;
	}
	if (b.len > 0 && text_name_reserved(b.s, b.len))
		buf_puts(&b, "-client");
	return b.len > 0 ? buf_detach(&b) : NULL;
}

int
text_name_reserved(const char *s, size_t n)
{
	static const char *const devices[] = { "con", "prn", "aux", "nul",
	    "conin$", "conout$" };
	const char *dot = memchr(s, '.', n);
	size_t i;

	if (dot != NULL)
		n = (size_t)(dot - s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (i = 0; i < sizeof(devices) / sizeof(*devices); i++)
		if (n == strlen(devices[i]) &&
		    strncasecmp(s, devices[i], n) == 0)
			return 1;
	if (n < 4 || (strncasecmp(s, "com", 3) != 0 &&
	    strncasecmp(s, "lpt", 3) != 0))
		return 0;
	/* A digit, or superscript one (U+00B9), two or three (U+00B2/3). */
	return (n == 4 && isdigit((unsigned char)s[3])) || (n == 5 &&
	    (unsigned char)s[3] == 0xc2 && ((unsigned char)s[4] == 0xb9 ||
	    (unsigned char)s[4] == 0xb2 || (unsigned char)s[4] == 0xb3));
}

/*
 * Optimal string alignment distance: insertions, deletions, substitutions
 * and swaps of two neighbours each count one, which is how people mistype.
 * Three rows of the table are enough.
 */
int
text_distance(const char *a, const char *b, int cap)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int *rows, *pp, *p, *cur, best, d;

	if (la > 64 || lb > 64)
		return cap + 1;
	if ((la > lb ? la - lb : lb - la) > (size_t)cap)
		return cap + 1;
	rows = xcalloc(3 * (lb + 1), sizeof(*rows));
	pp = rows;
	p = rows + lb + 1;
	cur = rows + 2 * (lb + 1);
	for (j = 0; j <= lb; j++)
		p[j] = (int)j;
	for (i = 1; i <= la; i++) {
		int ca = tolower((unsigned char)a[i - 1]), *t;

		cur[0] = (int)i;
		best = cur[0];
		for (j = 1; j <= lb; j++) {
			int cb = tolower((unsigned char)b[j - 1]);

			d = p[j - 1] + (ca != cb);
			if (p[j] + 1 < d)
				d = p[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 &&
			    ca == tolower((unsigned char)b[j - 2]) &&
			    cb == tolower((unsigned char)a[i - 2]) &&
			    pp[j - 2] + 1 < d)
				d = pp[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > cap) {
			free(rows);
			return cap + 1;
		}
		t = pp;
		pp = p;
		p = cur;
		cur = t;
	}
	d = p[lb];
	free(rows);
	return d > cap ? cap + 1 : d;
}

const char *
text_suggest(const char *word, const char *const *cand)
{
	const char *best = NULL;
	size_t len = strlen(word);
	/* One typo per three letters, at least one and at most three. */
	int cap = len < 6 ? 1 : len >= 9 ? 3 : 2;
	int bestd = cap + 1, d;

	for (; *cand != NULL; cand++) {
		d = text_distance(word, *cand, cap);
		if (d < bestd) {
			bestd = d;
			best = *cand;
		}
	}
	return best;
}

void
text_split_list(const char *s, void (*fn)(void *, const char *, size_t),
    void *arg)
{
	while (*s != '\0') {
		const char *end = strchr(s, ','), *a = s, *z;

		if (end == NULL)
			end = s + strlen(s);
		z = end;
		while (a < z && text_is_space((unsigned char)*a))
			a++;
		while (z > a && text_is_space((unsigned char)z[-1]))
			z--;
		if (z > a)
			fn(arg, a, (size_t)(z - a));
		s = *end == ',' ? end + 1 : end;
	}
}

char *
text_trim(char *s)
{
	size_t n = strlen(s), i = 0;

	while (n > 0 && text_is_space((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (text_is_space((unsigned char)s[i]))
		i++;
	if (i > 0)
		memmove(s, s + i, n - i + 1);
	return s;
}

size_t
text_utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len, i;
	unsigned cp;

	if (n == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Whether byte run s starts with something text_visible escapes. */
static size_t
invisible(const unsigned char *s, size_t n, size_t *len)
{
	*len = text_utf8_len(s, n);
	if (*len == 0) {
		*len = 1;
		return 1;		/* not UTF-8 */
	}
	if (s[0] < 0x20 || s[0] == 0x7f)
		return 1;		/* C0, DEL */
	return *len == 2 && s[0] == 0xc2 && s[1] < 0xa0;	/* C1 */
}

char *
text_visible(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i, len;
	struct buf b = { 0 };
	int any = 0;

	for (i = 0; i < n; i += len)
		if (invisible(s + i, n - i, &len))
			any = 1;
	if (!any)
		return NULL;
	for (i = 0; i < n; i += len) {
		if (invisible(s + i, n - i, &len)) {
			size_t k;

			for (k = 0; k < len; k++)
				buf_printf(&b, "\\x%02x", s[i + k]);
		} else
			buf_putn(&b, str + i, len);
	}
	return buf_detach(&b);
}
