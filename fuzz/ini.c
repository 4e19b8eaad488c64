/*
 * ini.c: fuzzes the rapport.ini reader: inih's line splitting and our
 * handling of sections, owners, durations, numbers and unknown keys.
 */
#include "common.h"
#include "config.h"
#include "source.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct source src;
	struct diags d = { 0 };

	config_defaults(&cfg);
	if (source_from_mem(&src, "rapport.ini", (const char *)data, size,
	    &d) == 0)
		config_parse(&cfg, &src, &d);
	source_free(&src);
	config_free(&cfg);
	fuzz_diags_done(&d);
	return 0;
}
