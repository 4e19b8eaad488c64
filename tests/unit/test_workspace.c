/*
 * test_workspace.c: finding the root, listing client files (subfolders,
 * hidden files, symbolic links), the checks across files, and rapport.ini.
 * Each test builds a throw-away workspace under $TMPDIR.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "invalid.h"
#include "unit.h"
#include "util.h"
#include "workspace.h"

static char *tmp;

static void
put(const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", tmp, rel), *slash;
	FILE *f;

	/* Make the folders on the way. */
	for (slash = strchr(path + strlen(tmp) + 1, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	if (text != NULL && (f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static void
cleanup(void)
{
	CHECK_INT(unit_rmtree(tmp), 0);
	free(tmp);
	tmp = NULL;
}

static void
fresh(void)
{
	char templ[] = "/tmp/rapport-unit-XXXXXX";

	if (tmp != NULL)
		cleanup();
	tmp = xstrdup(mkdtemp(templ));
}

static void
test_find_root(void)
{
	struct workspace ws;
	struct diags d = { 0 };
	char *sub, *real;

	fresh();
	put("clients/deep/er/x.md", "---\nname = X\n---\n");
	sub = xasprintf("%s/clients/deep/er", tmp);
	real = realpath(tmp, NULL);
	CHECK_INT(ws_open(&ws, sub, 0, &d), 0);
	CHECK_STR(ws.root, real);
	CHECK_INT(ws.has_ini, 0);
	CHECK_INT(ws.npaths, 1);
	CHECK_STR(ws.paths[0], "clients/deep/er/x.md");
	CHECK_INT(ws.cfg.cadence.n, 14);		/* defaults */
	ws_close(&ws);
	free(sub);

	/* rapport.ini alone marks a workspace too; the nearest one wins. */
	put("clients/deep/rapport.ini", "[workspace]\nname = Inner\n");
	sub = xasprintf("%s/clients/deep/er", tmp);
	CHECK_INT(ws_open(&ws, sub, 0, &d), 0);
	CHECK(strstr(ws.root, "/clients/deep") != NULL);
	CHECK_INT(ws.has_ini, 1);
	CHECK_STR(ws.cfg.name, "Inner");
	ws_close(&ws);
	free(sub);
	free(real);
	CHECK_INT(d.n, 0);

	fresh();
	CHECK_INT(ws_open(&ws, tmp, 0, &d), -1);
	CHECK_DIAG(&d, 0, 2, "no workspace here or in any folder above");
	ws_close(&ws);
	diags_free(&d);
}

static void
test_listing(void)
{
	struct workspace ws;
	struct diags d = { 0 };
	char *target, *link;
	size_t i;

	fresh();
	put("rapport.ini", "");
	put("clients/b.md", "---\nname = B\n---\n");
	put("clients/a.md", "---\nname = A\n---\n");
	put("clients/2024/c.md", "---\nname = C\n---\n");
	put("clients/.hidden.md", "---\nname = H\n---\n");
	put("clients/.git/x.md", "---\nname = G\n---\n");
	put("clients/notes.txt", "not a client");
	put("outside.md", "---\nname = Outside\n---\n");
	put("clients/d.md.orig", "backup");
	/* A link inside the workspace is read; one outside is refused. */
	target = xasprintf("%s/clients/a.md", tmp);
	link = xasprintf("%s/clients/alias.md", tmp);
	CHECK_INT(symlink(target, link), 0);
	free(target);
	free(link);
	link = xasprintf("%s/clients/escape.md", tmp);
	CHECK_INT(symlink("/etc/passwd", link), 0);
	free(link);
	link = xasprintf("%s/clients/loop", tmp);
	CHECK_INT(symlink(".", link), 0);
	free(link);

	CHECK_INT(ws_open(&ws, tmp, 0, &d), 0);
	CHECK_INT(ws.npaths, 4);
	if (ws.npaths == 4) {
		CHECK_STR(ws.paths[0], "clients/2024/c.md");
		CHECK_STR(ws.paths[1], "clients/a.md");
		CHECK_STR(ws.paths[2], "clients/alias.md");
		CHECK_STR(ws.paths[3], "clients/b.md");
	}
	CHECK_INT(d.n, 1);
	CHECK_DIAG(&d, 0, 2, "symbolic link to a file outside the workspace");
	CHECK_STR(d.v[0].file, "clients/escape.md");
	ws_load(&ws, NULL, 0, &d);
	CHECK_INT(ws.nclients, 4);
	for (i = 0; i < ws.nclients; i++)
		CHECK_INT(ws.clients[i].errors, 0);
	CHECK_STR(ws.clients[0].slug, "c");
	CHECK_STR(ws.clients[0].name, "C");
	ws_close(&ws);
	diags_free(&d);
}

static void
test_slugs(void)
{
	struct workspace ws;
	struct diags d = { 0 };
	const char *only[] = { "clients/x/dup.md" };

	fresh();
	put("clients/Bad Name.md", "---\nname = B\n---\n");
	put("clients/acme.md", "---\nname = A\n---\n");
	put("clients/sub/Acme.md", "---\nname = A2\n---\n");
	put("clients/dup.md", "---\nname = D\n---\n");
	put("clients/x/dup.md", "---\nname = D2\n---\n");
	CHECK_INT(ws_open(&ws, tmp, 0, &d), 0);
	ws_load(&ws, NULL, 0, &d);
	CHECK_DIAG(&d, 0, 2, "file name 'Bad Name.md' is not a slug (lowercase "
	    "letters, digits and '-'): rename it to 'bad-name.md'");
	CHECK_DIAG(&d, 0, 2, "'acme.md' and 'Acme.md' differ only in case");
	CHECK_DIAG(&d, 0, 2, "'Acme.md' and 'acme.md' differ only in case");
	CHECK_DIAG(&d, 0, 2, "slug 'dup' is also used by clients/x/dup.md");
	CHECK_DIAG(&d, 0, 2, "slug 'dup' is also used by clients/dup.md");
	CHECK_INT(d.nerr, 6);
	ws_close(&ws);
	diags_free(&d);

	/* With a file list, only the named files are read and reported. */
	CHECK_INT(ws_open(&ws, tmp, 0, &d), 0);
	ws_load(&ws, only, 1, &d);
	CHECK_INT(ws.nclients, 1);
	CHECK_STR(ws.clients[0].name, "D2");
	CHECK_INT(d.nerr, 1);
	CHECK_STR(d.v[0].file, "clients/x/dup.md");
	ws_close(&ws);
	diags_free(&d);
}

static void
test_relpath(void)
{
	struct workspace ws;
	struct diags d = { 0 };
	char *p, *cwd = getcwd(NULL, 0), *abs;

	fresh();
	put("clients/a.md", "---\nname = A\n---\n");
	CHECK_INT(ws_open(&ws, tmp, 0, &d), 0);
	abs = xasprintf("%s/clients/a.md", tmp);
	p = ws_relpath(&ws, abs);
	CHECK_STR(p, "clients/a.md");
	free(p);
	free(abs);
	CHECK_INT(chdir(tmp), 0);
	p = ws_relpath(&ws, "clients/a.md");
	CHECK_STR(p, "clients/a.md");
	free(p);
	p = ws_relpath(&ws, "rapport.ini");
	CHECK_STR(p, "rapport.ini");
	free(p);
	p = ws_relpath(&ws, "/etc/passwd");
	CHECK(p == NULL);
	CHECK_INT(chdir(cwd), 0);
	free(cwd);
	ws_close(&ws);
	diags_free(&d);
}

static void
test_config(void)
{
	struct workspace ws;
	struct diags d = { 0 };

	fresh();
	put("rapport.ini",
	    "[workspace]\nname = Brightline\n"
	    "[defaults]\ncadence = 3w\nreply_within = 2bd\ndue_soon = 5d\n"
	    "budget_warn = 75%\nrenewal_notice = 6w\nreport_day = 10\n"
	    "[owner dana]\nname = Dana Kim\nemail = dana@b.example\n"
	    "[owner marco]\n"
	    "[site]\ntitle = Clients\n");
	CHECK_INT(ws_open(&ws, tmp, 0, &d), 0);
	CHECK_INT(d.n, 0);
	unit_dump(&d);
	CHECK_STR(ws.cfg.name, "Brightline");
	CHECK_INT(ws.cfg.cadence.n, 3);
	CHECK_INT(ws.cfg.cadence.unit, DUR_WEEKS);
	CHECK_INT(ws.cfg.reply_within.n, 2);
	CHECK_INT(ws.cfg.due_soon.n, 5);
	CHECK_INT(ws.cfg.budget_warn, 75);
	CHECK_INT(ws.cfg.renewal_notice.n, 6);
	CHECK_INT(ws.cfg.report_day, 10);
	CHECK_INT(ws.cfg.nowners, 2);
	CHECK_STR(ws.cfg.owners[0].name, "Dana Kim");
	CHECK(config_owner(&ws.cfg, "marco") != NULL);
	CHECK(config_owner(&ws.cfg, "zoe") == NULL);
	CHECK_STR(ws.cfg.site_title, "Clients");
	ws_close(&ws);

	/* Every bad value is reported, and its default kept. */
	put("rapport.ini",
	    "stray = 1\n[defaults]\ncadence = 0d\nreply_within = soon\n"
	    "budget_warn = 120\nreport_day = 32\nrenewal_notic = 30d\n"
	    "[owner Dana]\n[owner x]\nemail = nope\nphone = 1\n"
	    "[sites]\n[workspace]\ntitle = T\n");
	CHECK_INT(ws_open(&ws, tmp, 0, &d), 0);
	CHECK_DIAG(&d, 1, 2, "key 'stray' outside a section");
	CHECK_DIAG(&d, 3, 2, "cadence: '0d' is not a duration");
	CHECK_DIAG(&d, 4, 2, "reply_within: 'soon' is not a duration");
	CHECK_DIAG(&d, 5, 2, "budget_warn: '120' is not a percentage");
	CHECK_DIAG(&d, 6, 2, "report_day: '32' is not a day of the month");
	CHECK_DIAG(&d, 7, 2, "unknown key 'renewal_notic' in [defaults]: did "
	    "you mean 'renewal_notice'?");
	CHECK_DIAG(&d, 8, 2, "owner handle 'Dana' must be lowercase");
	CHECK_DIAG(&d, 10, 2, "email: 'nope' is not an e-mail address");
	CHECK_DIAG(&d, 11, 2, "unknown key 'phone' in [owner x]");
	CHECK_DIAG(&d, 12, 2, "unknown section [sites]: did you mean [site]?");
	CHECK_DIAG(&d, 14, 2, "unknown key 'title' in [workspace]");
	CHECK_INT(d.nerr, 11);
	CHECK_INT(ws.cfg.cadence.n, 14);
	CHECK_INT(ws.cfg.budget_warn, 80);
	CHECK_INT(ws.cfg.report_day, 5);
	CHECK_INT(ws.cfg.nowners, 1);
	ws_close(&ws);
	diags_free(&d);
}

static void
test_limits(void)
{
	struct workspace ws;
	struct diags d = { 0 };
	char *path;

	/* A file over the limit is refused before it is read: sparse here. */
	fresh();
	put("clients/huge.md", "---\nname = Huge\n---\n");
	path = xasprintf("%s/clients/huge.md", tmp);
	CHECK_INT(truncate(path, SOURCE_MAX_BYTES + 1), 0);
	free(path);
	put("clients/fine.md", "---\nname = Fine\n---\n");
	CHECK_INT(ws_open(&ws, tmp, 0, &d), 0);
	ws_load(&ws, NULL, 0, &d);
	CHECK_DIAG(&d, 0, 2, "file is 4.0 MiB, over rapport's limit of 4 MiB "
	    "for one file");
	CHECK_INT(d.nerr, 1);
	CHECK_INT(ws.nclients, 2);
	CHECK_INT(ws.clients[0].errors, 0);
	CHECK_INT(ws.clients[1].errors, 1);
	CHECK(ws.clients[1].name == NULL);
	ws_close(&ws);
	diags_free(&d);
}

/* The first error of each broken file, by line then column, whatever
 * order the messages came in; warnings and other files do not count. */
static void
test_invalid(void)
{
	struct workspace ws;
	struct client c[3];
	struct diags d = { 0 };
	struct invalids inv;
	char pa[] = "clients/a.md", pb[] = "clients/b.md", pc[] = "clients/c.md";
	char sa[] = "a", sb[] = "b", sc[] = "c", dana[] = "dana";

	memset(&ws, 0, sizeof(ws));
	memset(c, 0, sizeof(c));
	c[0].path = pa;
	c[0].slug = sa;
	c[0].errors = 2;
	c[0].owner = dana;
	c[1].path = pb;
	c[1].slug = sb;
	c[2].path = pc;
	c[2].slug = sc;
	c[2].errors = 1;
	ws.clients = c;
	ws.nclients = 3;
	diag_msg(&d, "clients/a.md", 9, 1, DIAG_ERROR, "later");
	diag_msg(&d, "clients/a.md", 3, 12, DIAG_ERROR, "same line, later col");
	diag_msg(&d, "clients/a.md", 3, 10, DIAG_ERROR, "first");
	diag_msg(&d, "clients/a.md", 1, 1, DIAG_WARNING, "a warning");
	diag_msg(&d, "clients/b.md", 1, 1, DIAG_ERROR, "not a broken client");
	diag_msg(&d, "clients/c.md", 0, 0, DIAG_ERROR, "whole file");
	invalid_collect(&inv, &ws, &d);
	CHECK_INT(inv.n, 2);
	if (inv.n == 2) {
		CHECK_STR(inv.v[0].file, "clients/a.md");
		CHECK_STR(inv.v[0].first, "3:10: first");
		CHECK_INT(inv.v[0].line, 3);
		CHECK_INT(inv.v[0].col, 10);
		CHECK_STR(inv.v[0].text, "clients/a.md has 2 errors, so its "
		    "follow-ups are unknown: fix them (rapport check): first");
		CHECK_STR(inv.v[1].first, "whole file");
		CHECK_INT(inv.v[1].line, 0);
		CHECK_STR(inv.v[1].text, "clients/c.md has 1 error, so its "
		    "follow-ups are unknown: fix it (rapport check): whole file");
		CHECK(invalid_owned_by(&inv.v[0], "dana"));
		CHECK(!invalid_owned_by(&inv.v[0], "sam"));
		CHECK(invalid_owned_by(&inv.v[1], "sam"));
	}
	invalid_free(&inv);
	invalid_free(NULL);
	diags_free(&d);
}

void
test_workspace(void)
{
	test_invalid();
	test_find_root();
	test_listing();
	test_slugs();
	test_relpath();
	test_config();
	test_limits();
	cleanup();
}
