/*
 * common.h: what the fuzz targets share.
 *
 * Each target is a libFuzzer entry point (LLVMFuzzerTestOneInput) built
 * with clang's -fsanitize=fuzzer,address,undefined against the project's
 * own objects; "make fuzz" builds and runs them (see fuzz/README).  A
 * target must free everything it makes, so that leak detection stays
 * meaningful, and must not write files.
 */
#ifndef RAPPORT_FUZZ_COMMON_H
#define RAPPORT_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>

#include "date.h"
#include "diag.h"

/* A fixed today, so that a finding replays the same way any day. */
#define FUZZ_TODAY	date_from_ymd(2026, 11, 23)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * Prints the messages (the printer formats every one of them, with file
 * positions taken from the input) somewhere harmless, then frees them.
 */
static inline void
fuzz_diags_done(struct diags *d)
{
	static FILE *sink;

	if (sink == NULL)
		sink = fopen("/dev/null", "w");
	diag_sort(d);
	if (sink != NULL)
		diag_print(d, sink, 1);
	diags_free(d);
}

#endif
