/*
 * client.c: fuzzes the client-file reader: the source layer (encodings,
 * line ends, NUL bytes), the INI front-matter, entries, commitments,
 * dates and the Markdown body rendered to HTML, then the followup.
 */
#include <string.h>

#include "client.h"
#include "common.h"
#include "config.h"
#include "followup.h"
#include "source.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct source src;
	struct client c;
	struct followup f;
	struct diags d = { 0 };

	config_defaults(&cfg);
	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	if (source_from_mem(&src, "clients/fuzz.md", (const char *)data, size,
	    &d) == 0) {
		if (client_parse(&c, &src, "fuzz", &cfg, FUZZ_TODAY,
		    CLIENT_HTML, &d) == 0) {
			followup_compute(&f, &c, &cfg, FUZZ_TODAY);
			followup_free(&f);
		}
		client_slim(&c);
	}
	client_free(&c);
	source_free(&src);
	config_free(&cfg);
	fuzz_diags_done(&d);
	return 0;
}
