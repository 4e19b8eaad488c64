/*
 * test_serve.c: what git tells a receive hook (serve.h): every "OLD NEW
 * REF" line, blank lines skipped; anything else refused whole with the
 * line it is on; git's id of nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "serve.h"
#include "unit.h"
#include "util.h"

#define Z40 "0000000000000000000000000000000000000000"
#define A40 "1111111111111111111111111111111111111111"
#define B40 "abcdef0123456789abcdef0123456789abcdef01"

void
test_serve(void)
{
	static const char good[] = Z40 " " A40 " refs/heads/main\n\n"
	    A40 " " B40 " refs/heads/a branch\n" B40 " " Z40 " refs/tags/v1";
	static const char *const bad[] = {
		Z40 " " A40 "\n",			/* no ref */
		Z40 " " A40 " \n",			/* an empty one */
		"000000000000000000000000000000000000000 " A40 " refs/x\n",
		Z40 " " "ABCDEF0123456789ABCDEF0123456789ABCDEF01 refs/x\n",
		Z40 "\t" A40 " refs/x\n",
	};
	struct serve_update *u = NULL;
	struct diags d = { 0 };
	size_t n = 0, i;

	CHECK_INT(serve_updates_parse(good, strlen(good), &u, &n, &d), 0);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(u[0].old, Z40);
		CHECK_STR(u[0].new, A40);
		CHECK_STR(u[0].ref, "refs/heads/main");
		CHECK_STR(u[1].ref, "refs/heads/a branch");
		CHECK_STR(u[2].new, Z40);
		CHECK_STR(u[2].ref, "refs/tags/v1");
		CHECK(serve_id_none(u[2].new) && !serve_id_none(u[1].new));
	}
	serve_updates_free(u, n);
	CHECK_INT(d.n, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct diags e = { 0 };
		char *two = xasprintf(Z40 " " A40 " refs/ok\n%s", bad[i]);

		CHECK_INT(serve_updates_parse(two, strlen(two), &u, &n, &e),
		    -1);
		CHECK(u == NULL && n == 0);
		CHECK(e.n == 1 && strstr(e.v[0].msg, "line 2 of") != NULL);
		diags_free(&e);
		free(two);
	}
	CHECK_INT(serve_updates_parse("", 0, &u, &n, &d), 0);
	CHECK_INT(n, 0);
	serve_updates_free(u, n);
	serve_updates_free(NULL, 0);
}
