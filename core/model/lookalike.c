/*
 * lookalike.c: the clients a new one may be a second file of (see
 * lookalike.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "lookalike.h"
#include "text.h"
#include "util.h"

static const char *const why_texts[] = {
	[LOOK_SLUG]	= "its file name is the same words and more",
	[LOOK_NAME]	= ("its name is the same but for case, punctuation or "
			  "a company's form"),
	[LOOK_DOMAIN]	= "its addresses are at the same mail domain",
};
_Static_assert(sizeof(why_texts) / sizeof(why_texts[0]) == LOOK__KINDS,
    "a text for every reason");

/* A company's legal form, which says nothing of which company it is. */
static const char *const forms[] = {
	"ag", "bv", "co", "company", "corp", "corporation", "gmbh", "inc",
	"incorporated", "limited", "llc", "llp", "lp", "ltd", "plc", "pty",
	"sa", "sarl", "sas", "srl", "the", NULL
};

const char *
lookalike_why_text(enum lookalike_why w)
{
	return why_texts[w];
}

/* Whether a is b, or b followed by '-' and more (or the other way). */
static int
slug_extends(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	if (na > nb)
		return slug_extends(b, a);
	return strncmp(a, b, na) == 0 && (nb == na || b[na] == '-');
}

/*
 * The name's words in lower case ASCII (text_slugify folds accents),
 * the forms left out, one '-' between: "ACME Widgets, Inc." is
 * "acme-widgets".  Allocated; "" when nothing is left.
 */
static char *
name_key(const char *name)
{
	char *slug = text_slugify(name), *w, *save = NULL;
	struct buf b = { 0 };
	size_t i;

	if (slug == NULL)
		return xstrdup("");
	for (w = strtok_r(slug, "-", &save); w != NULL;
	    w = strtok_r(NULL, "-", &save)) {
		for (i = 0; forms[i] != NULL && strcmp(forms[i], w) != 0; i++)
			continue;
		if (forms[i] != NULL)
			continue;
		if (b.len > 0)
			buf_putc(&b, '-');
		buf_puts(&b, w);
	}
	free(slug);
	return b.s != NULL ? buf_detach(&b) : xstrdup("");
}

/* The domain of addr, lower case, when it is no public mail domain. */
static char *
private_domain(const struct workspace *ws, const char *addr)
{
	const char *at = addr != NULL ? strrchr(addr, '@') : NULL;
	char *d, *s;

	if (at == NULL || at[1] == '\0')
		return NULL;
	d = xstrdup(at + 1);
	for (s = d; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
	if (config_public_domain(&ws->cfg, d)) {
		free(d);
		return NULL;
	}
	return d;
}

static int
same_domain(const struct workspace *ws, const char *addr, const char *dom)
{
	char *d = private_domain(ws, addr);
	int same = d != NULL && strcmp(d, dom) == 0;

	free(d);
	return same;
}

/* Whether client c has an address, or names a domain, at dom. */
static int
at_domain(const struct workspace *ws, const struct client *c,
    const char *dom)
{
	size_t i;

	if (same_domain(ws, c->contact.email, dom) ||
	    same_domain(ws, c->escalation.email, dom))
		return 1;
	for (i = 0; i < c->nemails; i++)
		if (same_domain(ws, c->emails[i], dom))
			return 1;
	for (i = 0; i < c->ndomains; i++)
		if (strcmp(c->domains[i], dom) == 0)
			return 1;
	return 0;
}

size_t
lookalike_find(const struct workspace *ws, const char *slug,
    const char *name, const char *email, struct lookalike *out, size_t max)
{
	char *key = name_key(name), *dom = private_domain(ws, email);
	size_t i, n = 0;

	for (i = 0; i < ws->nclients; i++) {
		const struct client *c = &ws->clients[i];
		enum lookalike_why why = LOOK__KINDS;
		char *other;

		if (c->slug != NULL && slug_extends(c->slug, slug))
			why = LOOK_SLUG;
		else if (c->name != NULL && *key != '\0') {
			other = name_key(c->name);
			if (strcmp(other, key) == 0)
				why = LOOK_NAME;
			free(other);
		}
		if (why == LOOK__KINDS && dom != NULL && at_domain(ws, c, dom))
			why = LOOK_DOMAIN;
		if (why == LOOK__KINDS)
			continue;
		if (n < max) {
			out[n].client = i;
			out[n].why = why;
		}
		n++;
	}
	free(key);
	free(dom);
	return n;
}
