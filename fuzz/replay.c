/*
 * replay.c: runs a fuzz target's entry point over files, without
 * libFuzzer, so that "make test" replays every finding (tests/fuzz/) in
 * the sanitizer build, and so that coverage of a corpus can be measured.
 *
 *	fuzz-replay-TARGET FILE...
 */
#include <stdio.h>
#include <stdlib.h>

#include "common.h"
#include "fileio.h"

int
main(int argc, char **argv)
{
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		char *data;
		size_t len;

		if (file_read_all(argv[i], &data, &len) == -1) {
			perror(argv[i]);
			bad = 1;
			continue;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
	}
	/* A file that crashes never gets here: the sanitizer ends the run. */
	printf("%d passed, %d failed, 0 skipped\n", argc - 1 - bad, bad);
	return bad;
}
