/*
 * test_plan.c: what "rapport commit" takes (commit_plan.h), in a
 * repository made with the git program: every changed client file, or
 * those given with a moved file's old place, and why the others are left
 * (git ignores them, or the workspace walk does not read them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commit_plan.h"
#include "fileio.h"
#include "unit.h"
#include "util.h"

static char dir[] = "/tmp/rapport-plan.XXXXXX";

static void
put(const char *rel, const char *text)
{
	char *p = xasprintf("%s/%s", dir, rel);

	CHECK_INT(file_write_atomic(p, text, strlen(text)), 0);
	free(p);
}

static int
sh(const char *cmd)
{
	return unit_sh(dir, "%s", cmd);
}

/* The plan of files (NULL-terminated), as "path:left" lines. */
static char *
plan_of(char *const *files)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct diags d = { 0 };
	struct commit_plan p;
	struct buf b = { 0 };
	size_t n = 0, i;
	static const char *const left[] = { "taken", "ignored", "unread",
	    "not-given" };

	while (files != NULL && files[n] != NULL)
		n++;
	memset(&ws, 0, sizeof(ws));
	memset(&p, 0, sizeof(p));
	if (ws_open(&ws, dir, unit_date("2026-11-23"), &d) == 0 &&
	    repo_open(&r, ws.root, &d) == 0 &&
	    commit_plan_make(&p, r, &ws, files, n, &d) == 0)
		for (i = 0; i < p.n; i++)
			buf_printf(&b, "%s:%s%s\n", p.v[i].path,
			    left[p.v[i].left], p.v[i].why ? "+why" : "");
	else
		unit_dump(&d);
	commit_plan_free(&p);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return b.s != NULL ? buf_detach(&b) : xstrdup("");
}

void
test_plan(void)
{
	char c[] = "clients/c.md", a[] = "clients/archive/a.md";
	char *one[] = { c, NULL }, *moved[] = { a, NULL };
	char *got;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp failed");
		return;
	}
	CHECK_INT(sh("mkdir clients"), 0);
	put("rapport.ini", "[workspace]\nname = T\n");
	put("clients/a.md", "---\nname = A\n---\n");
	put("clients/b.md", "---\nname = B\n---\n");
	put(".gitignore", "clients/x.md\n");
	CHECK_INT(sh("git init -q && git add -A && git -c user.name=T "
	    "-c user.email=t@example.com commit -qm start"), 0);

	/* Changed, added, removed: all taken. */
	put("clients/a.md", "---\nname = A2\n---\n");
	put("clients/c.md", "---\nname = C\n---\n");
	CHECK_INT(sh("rm clients/b.md"), 0);
	got = plan_of(NULL);
	CHECK_STR(got, "clients/a.md:taken\nclients/b.md:taken\n"
	    "clients/c.md:taken\n");
	free(got);
	/* One given: the others are left. */
	got = plan_of(one);
	CHECK_STR(got, "clients/a.md:not-given\nclients/b.md:not-given\n"
	    "clients/c.md:taken\n");
	free(got);
	/* A move given at its new place takes its old place too. */
	CHECK_INT(sh("git checkout -q -- . && rm clients/c.md && "
	    "mkdir clients/archive && git mv clients/a.md clients/archive/"), 0);
	got = plan_of(moved);
	CHECK_STR(got, "clients/a.md:taken\nclients/archive/a.md:taken\n");
	free(got);
	/* What git ignores, and what rapport does not read, are left. */
	put("clients/x.md", "---\nname = X\n---\n");
	CHECK_INT(sh("mkdir -p clients/1/2/3/4/5/6/7/8/9"), 0);
	put("clients/1/2/3/4/5/6/7/8/9/deep.md", "---\nname = H\n---\n");
	got = plan_of(NULL);
	CHECK(strstr(got, "clients/x.md:ignored\n") != NULL);
	CHECK(strstr(got, "clients/1/2/3/4/5/6/7/8/9/deep.md:unread+why\n") !=
	    NULL);
	CHECK(strstr(got, "clients/archive/a.md:taken\n") != NULL);
	free(got);
	CHECK_INT(unit_rmtree(dir), 0);
}
