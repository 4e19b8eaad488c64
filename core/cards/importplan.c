/*
 * importplan.c: people to clients, and the text that says so
 * (importplan.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hmap.h"
#include "importplan.h"
#include "inifile.h"
#include "text.h"

/* The most bytes of a name, role or phone: its line stays under inih's. */
#define VALUE_MAX	150
/* A person's key, so that "[person KEY-NN]" fits a section's 49. */
#define KEY_BASE_MAX	34
/* A new client's file name, without ".md". */
#define SLUG_MAX	60

/* The domain of an address, or NULL. */
static const char *
domain_of(const char *email)
{
	const char *at = email != NULL ? strrchr(email, '@') : NULL;

	return at != NULL ? at + 1 : NULL;
}

/* A client_address_fn: whether email is arg's address, in any case. */
static int
same_email(const char *email, int line, void *arg)
{
	(void)line;
	return strcasecmp(email, arg) == 0;
}

/* Whether client c has address e (any of its people's, any case). */
static int
has_email(const struct client *c, const char *e)
{
	return client_each_address(c, same_email, (void *)(uintptr_t)e);
}

/* Whether client c has a person named name. */
static int
has_name(const struct client *c, const char *name)
{
	size_t i;

	if ((c->contact.name && strcasecmp(c->contact.name, name) == 0) ||
	    (c->escalation.name && strcasecmp(c->escalation.name, name) == 0))
		return 1;
	for (i = 0; i < c->npeople; i++)
		if (c->people[i].name && strcasecmp(c->people[i].name,
		    name) == 0)
			return 1;
	return 0;
}

/* A client_address_fn: whether email's domain is arg, in any case. */
static int
same_domain(const char *email, int line, void *arg)
{
	const char *d = domain_of(email);

	(void)line;
	return d != NULL && strcasecmp(d, arg) == 0;
}

/*
 * Whether dom (not a public one) is client c's: the domain of one of its
 * addresses, or in its domains key, as mail import takes them (SPEC
 * section 7).
 */
static int
has_domain(const struct workspace *ws, const struct client *c,
    const char *dom)
{
	size_t i;

	if (dom == NULL || config_public_domain(&ws->cfg, dom))
		return 0;
	if (client_each_address(c, same_domain, (void *)(uintptr_t)dom))
		return 1;
	for (i = 0; i < c->ndomains; i++)
		if (strcasecmp(c->domains[i], dom) == 0)
			return 1;
	return 0;
}

/*
 * What the plan looks clients up by, made once: hashes of lower-case
 * addresses, organizations (as slugs), domains and file names to client
 * (or plan file) indexes.  A table keeps no keys: each hit is compared.
 */
struct lookup {
	const struct workspace	*ws;
	char			**org;		/* per client: its name's slug */
	char			**slug;		/* per file: its slug */
	struct hmap		 emails;	/* -> client */
	struct hmap		 orgs;		/* -> client */
	struct hmap		 domains;	/* -> client */
	struct hmap		 slugs;		/* -> client, or SIZE_MAX - file */
	struct hmap		 files;		/* a plan file's path -> file */
};

/* A hash of s in lower case (ASCII: addresses, domains, slugs). */
static uint64_t
lower_hash(const char *s)
{
	char buf[256];
	size_t i;

	for (i = 0; s[i] != '\0' && i < sizeof(buf); i++)
		buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' :
		    s[i]);
	return hash64(buf, i, 0x696d70);
}

/* Where put_addr files the addresses of one client. */
struct lookup_at {
	struct lookup	*x;
	size_t		 i;
};

/* A client_address_fn: the address and its domain (not a public one). */
static int
put_addr(const char *e, int line, void *arg)
{
	struct lookup_at *at = arg;
	const char *d = domain_of(e);

	(void)line;
	hmap_put(&at->x->emails, lower_hash(e), at->i);
	if (d != NULL && !config_public_domain(&at->x->ws->cfg, d))
		hmap_put(&at->x->domains, lower_hash(d), at->i);
	return 0;
}

static void
lookup_make(struct lookup *x, const struct workspace *ws)
{
	size_t i, j;

	memset(x, 0, sizeof(*x));
	x->ws = ws;
	x->org = xcalloc(ws->nclients + 1, sizeof(*x->org));
	x->slug = xcalloc(ws->npaths + 1, sizeof(*x->slug));
	for (i = 0; i < ws->npaths; i++) {
		x->slug[i] = ws_slug(ws->paths[i]);
		hmap_put(&x->slugs, lower_hash(x->slug[i]), i);
	}
	for (i = 0; i < ws->nclients; i++) {
		const struct client *c = &ws->clients[i];

		struct lookup_at at = { x, i };

		/* A client with errors is not matched: its file may lie. */
		if (c->errors > 0)
			continue;
		(void)client_each_address(c, put_addr, &at);
		for (j = 0; j < c->ndomains; j++)
			if (!config_public_domain(&ws->cfg, c->domains[j]))
				hmap_put(&x->domains, lower_hash(c->domains[j]),
				    i);
		if (c->name != NULL && (x->org[i] = text_slugify(c->name)) !=
		    NULL)
			hmap_put(&x->orgs, lower_hash(x->org[i]), i);
	}
}

static void
lookup_free(struct lookup *x)
{
	size_t i;

	for (i = 0; i < x->ws->nclients; i++)
		free(x->org[i]);
	for (i = 0; i < x->ws->npaths; i++)
		free(x->slug[i]);
	free(x->org);
	free(x->slug);
	hmap_free(&x->emails);
	hmap_free(&x->orgs);
	hmap_free(&x->domains);
	hmap_free(&x->slugs);
	hmap_free(&x->files);
}

/* The first client (in file order) under hash h that ok says is it. */
static const struct client *
first_hit(const struct lookup *x, const struct hmap *m, uint64_t h,
    int (*ok)(const struct lookup *, const struct client *, size_t,
    const char *), const char *what)
{
	size_t cur = 0, *v, best = SIZE_MAX;

	while ((v = hmap_next(m, h, &cur)) != NULL)
		if (*v < best && ok(x, &x->ws->clients[*v], *v, what))
			best = *v;
	return best != SIZE_MAX ? &x->ws->clients[best] : NULL;
}

static int
ok_email(const struct lookup *x, const struct client *c, size_t i,
    const char *e)
{
	(void)x;
	(void)i;
	return has_email(c, e);
}

static int
ok_org(const struct lookup *x, const struct client *c, size_t i,
    const char *org)
{
	(void)c;
	return x->org[i] != NULL && strcmp(x->org[i], org) == 0;
}

static int
ok_domain(const struct lookup *x, const struct client *c, size_t i,
    const char *dom)
{
	(void)i;
	return has_domain(x->ws, c, dom);
}

/* The existing client person p joins, or NULL. */
static const struct client *
existing_for(const struct lookup *x, const struct cardin *p)
{
	char *org = p->org != NULL ? text_slugify(p->org) : NULL;
	const struct client *hit = NULL;
	size_t j;

	for (j = 0; j < p->nemails && hit == NULL; j++)
		hit = first_hit(x, &x->emails, lower_hash(p->emails[j]),
		    ok_email, p->emails[j]);
	if (hit == NULL && org != NULL)
		hit = first_hit(x, &x->orgs, lower_hash(org), ok_org, org);
	for (j = 0; j < p->nemails && hit == NULL; j++) {
		const char *d = domain_of(p->emails[j]);

		if (d != NULL)
			hit = first_hit(x, &x->domains, lower_hash(d),
			    ok_domain, d);
	}
	free(org);
	return hit;
}

/* The plan's file for client c (existing) or new client slug. */
static struct import_file *
file_for(struct import_plan *pl, struct lookup *x, const struct client *c,
    const char *slug, const char *name)
{
	struct import_file *f;
	char *path = c != NULL ? xstrdup(c->path) :
	    xasprintf("clients/%s.md", slug);
	size_t cur = 0, *v;
	uint64_t h = hash64(path, strlen(path), 0);

	while ((v = hmap_next(&x->files, h, &cur)) != NULL)
		if (strcmp(pl->v[*v].path, path) == 0) {
			free(path);
			return &pl->v[*v];
		}
	xgrow(&pl->v, &pl->cap, pl->n + 1, sizeof(*pl->v));
	f = &pl->v[pl->n];
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->client = c;
	f->name = xstrdup(name);
	hmap_put(&x->files, h, pl->n++);
	if (c == NULL)
		hmap_put(&x->slugs, lower_hash(slug), SIZE_MAX - (pl->n - 1));
	return f;
}

/* Whether the plan's file f has a person named name or with address e. */
static int
planned(const struct import_file *f, const struct cardin *p)
{
	size_t i;

	for (i = 0; i < f->npeople; i++)
		if (strcasecmp(f->names[i], p->name) == 0)
			return 1;
	return 0;
}

/* A key for the person named name in f: unused by the client or plan. */
static char *
person_key(const struct import_file *f, const char *name)
{
	char *base = text_slugify(name), *key;
	int n;

	if (base == NULL)
		base = xstrdup("person");
	if (strlen(base) > KEY_BASE_MAX)
		base[KEY_BASE_MAX] = '\0';
	while (strlen(base) > 1 && base[strlen(base) - 1] == '-')
		base[strlen(base) - 1] = '\0';
	key = xstrdup(base);
	for (n = 2; ; n++) {
		char *hdr = xasprintf("[person %s]", key);
		int used = strstr(f->add.s != NULL ? f->add.s : "", hdr) != NULL;
		size_t i;

		for (i = 0; f->client != NULL && i < f->client->npeople; i++)
			used |= strcmp(f->client->people[i].key, key) == 0;
		free(hdr);
		if (!used)
			break;
		free(key);
		key = xasprintf("%s-%d", base, n);
	}
	free(base);
	return key;
}

/*
 * s made fit for one line of a client's front-matter: control characters
 * (C0, DEL and C1, which a client file may not hold) gone, ';' a ',' (it
 * would start a comment), at most max bytes of whole characters, spaces
 * trimmed.  Allocated, or NULL when nothing remains.
 */
static char *
clean(const char *s, size_t max)
{
	struct buf b = { 0 };
	size_t i = 0, n = strlen(s), k;

	while (i < n) {
		const unsigned char *u = (const unsigned char *)s + i;

		k = *u < 0x80 ? 1 : text_utf8_len(u, n - i);
		if (k == 0)
			k = 1;			/* not UTF-8: dropped */
		else if (*u < 0x20 || *u == 0x7f)
			buf_putc(&b, ' ');
		else if (k == 2 && u[0] == 0xc2 && u[1] < 0xa0)
			;			/* C1 */
		else if (b.len + k > max)
			break;
		else if (*u == ';')
			buf_putc(&b, ',');
		else
			buf_putn(&b, s + i, k);
		i += k;
	}
	while (b.len > 0 && b.s[b.len - 1] == ' ')
		b.s[--b.len] = '\0';
	k = 0;
	while (k < b.len && b.s[k] == ' ')
		k++;
	if (k == b.len) {
		buf_free(&b);
		return NULL;
	}
	memmove(b.s, b.s + k, b.len - k + 1);
	return buf_detach(&b);
}

/*
 * p made fit for a client file into q (its strings allocated; free with
 * clean_free): its name (NULL when nothing remains), organization, title
 * and phone cleaned, and the e-mails that are addresses and fit one line
 * kept, the others said at p's line.
 */
static void
clean_person(const struct cardin *p, struct cardin *q, struct diags *d)
{
	size_t i, line = 8;		/* "email = " */

	memset(q, 0, sizeof(*q));
	q->file = p->file;
	q->line = p->line;
	q->name = clean(p->name, VALUE_MAX);
	q->org = p->org != NULL ? clean(p->org, VALUE_MAX) : NULL;
	q->title = p->title != NULL ? clean(p->title, VALUE_MAX) : NULL;
	q->phones = xcalloc(2, sizeof(*q->phones));
	if (p->nphones > 0 && (q->phones[0] = clean(p->phones[0],
	    VALUE_MAX)) != NULL)
		q->nphones = 1;
	q->emails = xcalloc(p->nemails + 1, sizeof(*q->emails));
	for (i = 0; i < p->nemails; i++) {
		char *e = clean(p->emails[i], INIFILE_MAX_LINE);

		if (e == NULL || !text_email_ok(e) || line + strlen(e) + 2 >
		    INIFILE_MAX_LINE) {
			diag_msg(d, p->file, p->line, 1, DIAG_WARNING, "'%s' "
			    "%s: left out", p->emails[i], e == NULL ||
			    !text_email_ok(e) ? "is not an e-mail address" :
			    "does not fit the line of e-mails");
			free(e);
			continue;
		}
		line += strlen(e) + 2;
		q->emails[q->nemails++] = e;
	}
}

static void
clean_free(struct cardin *q)
{
	size_t i;

	free(q->name);
	free(q->org);
	free(q->title);
	for (i = 0; i < q->nemails; i++)
		free(q->emails[i]);
	for (i = 0; i < q->nphones; i++)
		free(q->phones[i]);
	free(q->emails);
	free(q->phones);
}

/* The lines of person p as section head (a [contact] or [person KEY]). */
static void
put_person(struct buf *b, const char *head, const struct cardin *p)
{
	size_t i;

	buf_printf(b, "\n%s\nname = ", head);
	buf_puts(b, p->name);
	if (p->title != NULL) {
		buf_puts(b, "\nrole = ");
		buf_puts(b, p->title);
	}
	for (i = 0; i < p->nemails; i++) {
		buf_puts(b, i == 0 ? "\nemail = " : ", ");
		buf_puts(b, p->emails[i]);
	}
	if (p->nphones > 0) {
		buf_puts(b, "\nphone = ");
		buf_puts(b, p->phones[0]);
	}
	buf_putc(b, '\n');
}

/* Adds person p to plan file f (as its contact when it has none). */
static void
add_person(struct import_file *f, const struct cardin *p)
{
	/* The first person of a client without a contact becomes it. */
	int contact = f->npeople == 0 && (f->client == NULL ||
	    f->client->contact.line == 0);

	if (contact)
		put_person(&f->add, "[contact]", p);
	else {
		char *key = person_key(f, p->name), *head;

		head = xasprintf("[person %s]", key);
		put_person(&f->add, head, p);
		free(head);
		free(key);
	}
	f->names = xrealloc(f->names, (f->npeople + 1) * sizeof(*f->names));
	f->names[f->npeople++] = xstrdup(p->name);
}

/*
 * Whether slug is taken: a client's file's (in any case), or a new
 * client's of the plan but for the organization org's own.
 */
static int
slug_used(const struct lookup *x, const struct import_plan *pl,
    const char *slug, const char *org)
{
	size_t cur = 0, *v;

	while ((v = hmap_next(&x->slugs, lower_hash(slug), &cur)) != NULL) {
		if (*v < x->ws->npaths) {
			if (strcasecmp(x->slug[*v], slug) == 0)
				return 1;
		} else {
			const struct import_file *f = &pl->v[SIZE_MAX - *v];
			char *want = xasprintf("clients/%s.md", slug);
			int same = strcmp(f->path, want) == 0 &&
			    strcmp(f->name, org) != 0;

			free(want);
			if (same)
				return 1;
		}
	}
	return 0;
}

/* The new client's whole file, its first check-in next. */
static void
new_text(struct import_file *f, const char *owner, date_t today,
    date_t next)
{
	char since[11], day[11];

	date_format(today, since);
	date_format(next, day);
	buf_puts(&f->text, "---\nname = ");
	buf_puts(&f->text, f->name);
	buf_puts(&f->text, "\nstatus = active\n");
	if (owner != NULL)
		buf_printf(&f->text, "owner = %s\n", owner);
	buf_printf(&f->text, "since = %s\nnext = %s             ; the first "
	    "check-in, spread by import-contacts\n", since, day);
	buf_putn(&f->text, f->add.s, f->add.len);
	buf_puts(&f->text, "---\n\nImported by rapport import-contacts.\n");
}

int
import_plan_make(const struct workspace *ws, const struct cardins *in,
    const char *owner, struct import_plan *pl, struct diags *d)
{
	struct lookup x;
	size_t i, k, nnew = 0;
	int days;

	memset(pl, 0, sizeof(*pl));
	lookup_make(&x, ws);
	for (i = 0; i < in->n; i++) {
		struct cardin q;
		const struct cardin *p = &q;
		const struct client *c;
		struct import_file *f;
		size_t j;
		int known = 0;

		clean_person(&in->v[i], &q, d);
		if (q.name == NULL) {
			diag_msg(d, q.file, q.line, 1, DIAG_WARNING, "a name "
			    "with nothing a client file can hold: skipped");
			clean_free(&q);
			continue;
		}
		c = existing_for(&x, p);
		if (c != NULL) {
			for (j = 0; j < p->nemails; j++)
				known |= has_email(c, p->emails[j]);
			known |= has_name(c, p->name);
			if (known) {
				pl->known++;
				clean_free(&q);
				continue;
			}
			f = file_for(pl, &x, c, NULL, c->name);
		} else {
			const char *org = p->org != NULL ? p->org : p->name;
			char *slug = text_slugify(org), *try;
			int n = 2;

			if (slug == NULL) {
				diag_msg(d, p->file, p->line, 1, DIAG_WARNING,
				    "'%s' has no letter or digit a file name "
				    "can take: skipped", org);
				clean_free(&q);
				continue;
			}
			/* A file name a file system takes, and the rest. */
			if (strlen(slug) > SLUG_MAX)
				slug[SLUG_MAX] = '\0';
			while (strlen(slug) > 1 &&
			    slug[strlen(slug) - 1] == '-')
				slug[strlen(slug) - 1] = '\0';
			try = xstrdup(slug);
			while (slug_used(&x, pl, try, org)) {
				free(try);
				try = xasprintf("%s-%d", slug, n++);
			}
			f = file_for(pl, &x, NULL, try, org);
			free(try);
			free(slug);
		}
		if (planned(f, p)) {
			pl->known++;
			clean_free(&q);
			continue;
		}
		add_person(f, p);
		clean_free(&q);
	}
	/* The new clients' first check-ins, one cadence / N apart. */
	for (i = 0; i < pl->n; i++)
		nnew += pl->v[i].client == NULL;
	days = ws->cfg.cadence.n * (ws->cfg.cadence.unit == DUR_WEEKS ? 7 : 1);
	for (i = 0, k = 0; i < pl->n; i++)
		if (pl->v[i].client == NULL) {
			new_text(&pl->v[i], owner, ws->today, ws->today +
			    (date_t)(nnew > 0 ? (long)k * days / (long)nnew :
			    0));
			k++;
		}
	lookup_free(&x);
	if (pl->n == 0 && pl->known == 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "nobody to import: "
		    "nothing was changed");
		return -1;
	}
	return 0;
}

int
import_apply(const struct import_file *f, const char *text, size_t len,
    struct buf *out)
{
	const char *p = text, *end = text + len, *nl;
	int fences = 0;

	/* The front-matter's closing '---': the sections go before it. */
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) >= 3 && strncmp(p, "---", 3) == 0 &&
		    (nl - p == 3 || (nl - p == 4 && p[3] == '\r')) &&
		    ++fences == 2) {
			buf_putn(out, text, (size_t)(p - text));
			buf_putn(out, f->add.s, f->add.len);
			buf_putn(out, p, (size_t)(end - p));
			return 0;
		}
		if (nl == end)
			break;
	}
	return -1;
}

void
import_plan_free(struct import_plan *pl)
{
	size_t i, j;

	for (i = 0; i < pl->n; i++) {
		free(pl->v[i].path);
		free(pl->v[i].name);
		buf_free(&pl->v[i].add);
		buf_free(&pl->v[i].text);
		for (j = 0; j < pl->v[i].npeople; j++)
			free(pl->v[i].names[j]);
		free(pl->v[i].names);
	}
	free(pl->v);
	memset(pl, 0, sizeof(*pl));
}
