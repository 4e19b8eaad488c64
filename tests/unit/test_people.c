/*
 * test_people.c: [person KEY] sections (SPEC section 2) read into the
 * model, each rule alone at its line; what a summary keeps of them and
 * the client cache gives back; an address two clients share, warned
 * about at the second place, naming the first (people.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "client.h"
#include "people.h"
#include "unit.h"
#include "util.h"
#include "workspace.h"

static struct config cfg;

/* Parses "---\n" fm "---\n" as clients/<slug>.md; errors returned. */
static int
parse_fm(const char *slug, const char *fm, struct client *c,
    struct diags *d)
{
	struct source src;
	char *text = xasprintf("---\n%s---\n", fm), *path;
	date_t today;
	int rc;

	date_parse("2026-11-23", 10, &today);
	path = xasprintf("clients/%s.md", slug);
	source_from_mem(&src, path, text, strlen(text), d);
	rc = client_parse(c, &src, slug, &cfg, today, 0, d);
	source_free(&src);
	free(path);
	free(text);
	return rc;
}

static const char two_people[] =
    "name = Ledgerly\n"
    "[contact]\n"
    "name = Arjun\n"
    "email = arjun@ledgerly.example\n"
    "[person finance]\n"
    "name = Noor Haddad\n"
    "role = Finance Lead\n"
    "email = noor@ledgerly.example, AP@Ledgerly.example\n"
    "phone = +1 555 0147\n"
    "notes = Approves invoices\n"
    "[person design-2]\n"
    "name = Tomás\n";

static void
test_read(void)
{
	struct client c;
	struct diags d = { 0 };

	CHECK_INT(parse_fm("ledgerly", two_people, &c, &d), 0);
	CHECK_INT(d.n, 0);
	CHECK_INT(c.npeople, 2);
	if (c.npeople == 2) {
		CHECK_STR(c.people[0].key, "finance");
		CHECK_STR(c.people[0].name, "Noor Haddad");
		CHECK_STR(c.people[0].role, "Finance Lead");
		CHECK_INT(c.people[0].nemails, 2);
		CHECK_STR(c.people[0].emails[1], "AP@Ledgerly.example");
		CHECK_STR(c.people[0].phone, "+1 555 0147");
		CHECK_STR(c.people[0].notes, "Approves invoices");
		CHECK_INT(c.people[0].line, 6);
		CHECK_STR(c.people[1].key, "design-2");
		CHECK(c.people[1].role == NULL && c.people[1].nemails == 0);
		/* A summary keeps them, but not their notes. */
		client_slim(&c);
		CHECK_STR(c.people[0].name, "Noor Haddad");
		CHECK_STR(c.people[0].emails[0], "noor@ledgerly.example");
		CHECK(c.people[0].notes == NULL);
		CHECK_STR(c.people[1].name, "Tomás");
	}
	client_free(&c);
	diags_free(&d);
}

/* fm gives one message sub at line, and nerr errors. */
static void
expect(const char *fm, int line, int level, const char *sub, int nerr)
{
	struct client c;
	struct diags d = { 0 };

	CHECK_INT(parse_fm("t", fm, &c, &d), nerr);
	CHECK_DIAG(&d, line, level, sub);
	client_free(&c);
	diags_free(&d);
}

static void
test_rules(void)
{
	expect("name = A\n[person]\nname = B\n", 3, 2,
	    "a person needs a key", 1);
	expect("name = A\n[person Jo]\nname = B\n", 3, 2,
	    "[person Jo]: a person needs a key of lower-case", 1);
	expect("name = A\n[person -x]\nname = B\n", 3, 2,
	    "a person needs a key", 1);
	/* 42 at most: "[person KEY]" must fit inih's 49 of a section. */
	expect("name = A\n[person abcdefghijabcdefghijabcdefghijabcdefghij12]\n"
	    "name = B\n[person abcdefghijabcdefghijabcdefghijabcdefghij123]\n"
	    "name = C\n", 5, 2, "section name is 50 bytes long", 1);
	expect("name = A\n[person jo]\nname = B\n[person jo]\nname = C\n", 5,
	    2, "section [person jo] appears twice (first at line 3)", 1);
	expect("name = A\n[person jo]\nrole = CFO\n", 3, 2,
	    "[person jo] has no name: add name = <their name>", 1);
	expect("name = A\n[person jo]\nname = B\nemail = b@x.example, nope\n",
	    5, 2, "email: 'nope' is not an e-mail address", 1);
	expect("name = A\n[person jo]\nname = B\nphone = call me\n", 5, 1,
	    "phone: 'call me' does not look like a phone number", 0);
	expect("name = A\n[person jo]\nname = B\nmail = b@x.example\n", 5, 2,
	    "mail", 1);
	expect("name = A\n[persno jo]\nname = B\n", 3, 2,
	    "did you mean [person jo]", 1);
}

/* The cache gives back what a summary holds of the people. */
static void
test_cached(void)
{
	char dir[] = "/tmp/rapport-unit.XXXXXX";
	struct client c, back;
	struct followup f, fb;
	struct diags d = { 0 }, db = { 0 };
	struct cache *k;
	uint64_t aux[2] = { 1, 2 }, got[2];
	char *path;

	if (mkdtemp(dir) == NULL)
		return;
	path = xasprintf("%s/rapport/clients", dir);
	CHECK_INT(parse_fm("ledgerly", two_people, &c, &d), 0);
	memset(&f, 0, sizeof(f));
	f.client = &c;
	k = cache_open(path, 7);
	cache_put(k, "clients/ledgerly.md", 42, 0, &c, &f, &d, aux);
	CHECK(cache_write(k) == 0);
	cache_free(k);
	k = cache_open(path, 7);
	CHECK(cache_get(k, "clients/ledgerly.md", 42, &back, &fb, &db, got));
	CHECK_INT(back.npeople, 2);
	if (back.npeople == 2) {
		CHECK_STR(back.people[0].key, "finance");
		CHECK_STR(back.people[0].role, "Finance Lead");
		CHECK_INT(back.people[0].nemails, 2);
		CHECK_STR(back.people[0].emails[1], "AP@Ledgerly.example");
		CHECK_STR(back.people[0].phone, "+1 555 0147");
		CHECK_INT(back.people[0].line, 6);
		CHECK(back.people[0].notes == NULL);
		CHECK_STR(back.people[1].name, "Tomás");
	}
	cache_free(k);
	followup_free(&fb);
	client_free(&back);
	client_free(&c);
	diags_free(&d);
	diags_free(&db);
	unlink(path);
	path[strlen(path) - 8] = '\0';
	rmdir(path);
	rmdir(dir);
	free(path);
}

/* An address at two clients, in any case: one warning, at the second. */
static void
test_shared_address(void)
{
	struct workspace ws;
	struct diags d = { 0 };
	struct client c[3];

	memset(&ws, 0, sizeof(ws));
	CHECK_INT(parse_fm("ledgerly", two_people, &c[0], &d), 0);
	CHECK_INT(parse_fm("other", "name = Other\n[person ap]\nname = AP\n"
	    "email = ap@ledgerly.example, ap@other.example\n", &c[1], &d), 0);
	/* Within one client the same address twice is no one's business. */
	CHECK_INT(parse_fm("third", "name = Third\nemails = x@third.example\n"
	    "[contact]\nname = X\nemail = x@third.example\n", &c[2], &d), 0);
	ws.clients = c;
	ws.nclients = 3;
	CHECK_INT(people_check_unique(&ws, &d), 1);
	CHECK_DIAG(&d, 3, 1, "e-mail 'ap@ledgerly.example' is also "
	    "clients/ledgerly.md's");
	CHECK_STR(d.v[0].file, "clients/other.md");
	client_free(&c[0]);
	client_free(&c[1]);
	client_free(&c[2]);
	diags_free(&d);
}

void
test_people(void)
{
	config_defaults(&cfg);
	test_read();
	test_rules();
	test_cached();
	test_shared_address();
	config_free(&cfg);
}
