/*
 * page.c: fuzzes the whole page of one client: the file is read and
 * parsed as a build does (with HTML), its followup computed and its page
 * rendered with the built-in templates (site_page), so every value of a
 * hostile file goes through the escaping it will meet in a real site.
 */
#include <string.h>

#include "client.h"
#include "common.h"
#include "followup.h"
#include "site.h"
#include "source.h"
#include "workspace.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct workspace ws;
	struct source src;
	struct client c;
	struct followup f;
	struct buf out = { 0 };
	struct diags d = { 0 };
	char root[] = "/nonexistent-rapport-fuzz";

	memset(&ws, 0, sizeof(ws));
	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	config_defaults(&ws.cfg);
	ws.root = root;
	ws.today = FUZZ_TODAY;
	if (source_from_mem(&src, "clients/fuzz.md", (const char *)data, size,
	    &d) == 0 && client_parse(&c, &src, "fuzz", &ws.cfg, ws.today,
	    CLIENT_HTML, &d) == 0) {
		followup_compute(&f, &c, &ws.cfg, ws.today);
		(void)site_page(&ws, &f, &out, &d);
		followup_free(&f);
	}
	buf_free(&out);
	client_free(&c);
	source_free(&src);
	config_free(&ws.cfg);
	fuzz_diags_done(&d);
	return 0;
}
