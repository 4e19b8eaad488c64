/*
 * mailbook.c: the address index of mail import (see mailbook.h).
 *
 * Each kind of key (our addresses, our domains, clients' addresses,
 * clients' domains) is one sorted array of (key, client) rows, looked up
 * by binary search: an import of ten thousand messages into ten thousand
 * clients asks it a few tens of thousands of questions, each a handful of
 * string comparisons.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailbook.h"
#include "util.h"

struct row {
	const char	*key;
	size_t		 client;
};

/* One kind of key: rows sorted by key, then client, without repeats. */
struct keys {
	struct row	*rows;
	size_t		 n, cap;
};

enum { OUR_ADDR, OUR_DOMAIN, CLIENT_ADDR, CLIENT_DOMAIN, NKINDS };

struct mailbook {
	struct pool	 pool;
	struct keys	 k[NKINDS];
	const struct config *cfg;
};

static int
cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->client < y->client ? -1 : x->client > y->client;
}

static void
add(struct mailbook *b, int kind, const char *key, size_t n, size_t client)
{
	struct keys *k = &b->k[kind];
	char *l = pool_strndup(&b->pool, key, n), *q;

	for (q = l; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	xgrow(&k->rows, &k->cap, k->n + 1, sizeof(*k->rows));
	k->rows[k->n].key = l;
	k->rows[k->n].client = client;
	k->n++;
}

/* An address of client i, and its domain unless that is public. */
static void
add_client_addr(struct mailbook *b, const char *addr, size_t i)
{
	const char *at;
	char dom[256];

	if (addr == NULL || (at = strrchr(addr, '@')) == NULL)
		return;
	add(b, CLIENT_ADDR, addr, strlen(addr), i);
	snprintf(dom, sizeof(dom), "%s", at + 1);
	for (char *q = dom; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	if (!config_public_domain(b->cfg, dom))
		add(b, CLIENT_DOMAIN, dom, strlen(dom), i);
}

/* Where client_each_address files the addresses of one client. */
struct book_at {
	struct mailbook	*b;
	size_t		 i;
};

static int
add_address(const char *email, int line, void *arg)
{
	struct book_at *at = arg;

	(void)line;
	add_client_addr(at->b, email, at->i);
	return 0;
}

static void
sort_keys(struct keys *k)
{
	size_t i, n = 0;

	if (k->n == 0)
		return;
	qsort(k->rows, k->n, sizeof(*k->rows), cmp_row);
	for (i = 0; i < k->n; i++)
		if (n == 0 || cmp_row(&k->rows[n - 1], &k->rows[i]) != 0)
			k->rows[n++] = k->rows[i];
	k->n = n;
}

struct mailbook *
mailbook_new(const struct config *cfg, const struct client *clients,
    size_t n)
{
	struct mailbook *b = xcalloc(1, sizeof(*b));
	size_t i, j;

	b->cfg = cfg;
	for (i = 0; i < cfg->nowners; i++)
		if (cfg->owners[i].email != NULL)
			add(b, OUR_ADDR, cfg->owners[i].email,
			    strlen(cfg->owners[i].email), 0);
	for (i = 0; i < cfg->nmail_own; i++) {
		const char *o = cfg->mail_own[i];

		if (strncmp(o, "*@", 2) == 0)
			add(b, OUR_DOMAIN, o + 2, strlen(o + 2), 0);
		else
			add(b, OUR_ADDR, o, strlen(o), 0);
	}
	for (i = 0; i < n; i++) {
		const struct client *c = &clients[i];

		struct book_at at = { b, i };

		(void)client_each_address(c, add_address, &at);
		for (j = 0; j < c->ndomains; j++)
			if (!config_public_domain(cfg, c->domains[j]))
				add(b, CLIENT_DOMAIN, c->domains[j],
				    strlen(c->domains[j]), i);
	}
	for (i = 0; i < NKINDS; i++)
		sort_keys(&b->k[i]);
	return b;
}

/* The first row of key in k, and how many rows it has. */
static size_t
find(const struct keys *k, const char *key, const struct row **first)
{
	size_t lo = 0, hi = k->n, n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(k->rows[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (n = 0; lo + n < k->n && strcmp(k->rows[lo + n].key, key) == 0;
	    n++)
		continue;
	*first = n > 0 ? &k->rows[lo] : NULL;
	return n;
}

static const char *
domain_of(const char *addr)
{
	const char *at = addr != NULL ? strrchr(addr, '@') : NULL;

	return at != NULL ? at + 1 : NULL;
}

int
mailbook_ours(const struct mailbook *b, const char *addr)
{
	const struct row *r;
	const char *dom = domain_of(addr);

	return addr != NULL && (find(&b->k[OUR_ADDR], addr, &r) > 0 ||
	    (dom != NULL && find(&b->k[OUR_DOMAIN], dom, &r) > 0));
}

/*
 * The clients the addresses name at one strength (kind): sets m to the
 * one client, or to a tie, and returns 1; 0 when none is named.
 */
static int
pick(const struct mailbook *b, int kind, const char *one,
    char *const *addr, size_t naddr, struct mail_match *m)
{
	const struct row *r;
	size_t i, j, n, found = 0;

	for (i = 0; i < naddr; i++) {
		const char *a = addr != NULL ? addr[i] : one;
		const char *key = kind == CLIENT_ADDR ? a : domain_of(a);

		if (key == NULL || mailbook_ours(b, a))
			continue;
		n = find(&b->k[kind], key, &r);
		for (j = 0; j < n; j++) {
			if (found == 0) {
				m->client = r[j].client;
				m->key = r[j].key;
				found = 1;
			} else if (r[j].client != m->client) {
				m->whose = MAIL_TIE;
				m->other = r[j].client;
				return 1;
			}
		}
	}
	return found > 0;
}

void
mailbook_match(const struct mailbook *b, const char *from,
    char *const *rcpt, size_t nrcpt, struct mail_match *m)
{
	int out = from != NULL && mailbook_ours(b, from);
	char *const *addr = out ? rcpt : NULL;
	size_t naddr = out ? nrcpt : (from != NULL);

	memset(m, 0, sizeof(*m));
	m->whose = out ? MAIL_OUTBOUND : MAIL_INBOUND;
	if (pick(b, CLIENT_ADDR, from, addr, naddr, m))
		return;
	m->by_domain = 1;
	if (pick(b, CLIENT_DOMAIN, from, addr, naddr, m))
		return;
	m->whose = MAIL_NOBODY;
	m->by_domain = 0;
}

void
mailbook_free(struct mailbook *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < NKINDS; i++)
		free(b->k[i].rows);
	pool_free(&b->pool);
	free(b);
}
