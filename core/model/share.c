/*
 * share.c: the keys of client report pages (see share.h).
 */
#include <sys/random.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "share.h"
#include "util.h"

int
share_key_new(char out[SHARE_KEY_LEN + 1])
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char r[16];
	size_t got = 0, i, bit;
	ssize_t n;

	/* Blocks only until the kernel's pool is first ready, at boot. */
	while (got < sizeof(r)) {
		if ((n = getrandom(r + got, sizeof(r) - got, 0)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)n;
	}
	/* 22 digits of 6 bits: 132 bits, the last 4 always zero. */
	for (i = 0, bit = 0; i < SHARE_KEY_LEN; i++, bit += 6) {
		unsigned v = 0, k;

		for (k = 0; k < 6; k++) {
			size_t b = bit + k;

			v <<= 1;
			if (b < 128)
				v |= (r[b / 8] >> (7 - b % 8)) & 1;
		}
		out[i] = b64[v];
	}
	out[SHARE_KEY_LEN] = '\0';
	return 0;
}

static int
by_key(const void *a, const void *b)
{
	const struct client *x = *(const struct client *const *)a;
	const struct client *y = *(const struct client *const *)b;
	int c = strcmp(x->share_key, y->share_key);

	return c ? c : strcmp(x->path, y->path);
}

size_t
share_check_unique(const struct workspace *ws, struct diags *d)
{
	const struct client **v = xcalloc(ws->nclients + 1, sizeof(*v));
	size_t i, j, n = 0, run, dups = 0;

	for (i = 0; i < ws->nclients; i++)
		if (ws->clients[i].share_key != NULL)
			v[n++] = &ws->clients[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), by_key);
	for (i = 0; i < n; i = run) {
		for (run = i + 1; run < n && strcmp(v[i]->share_key,
		    v[run]->share_key) == 0; run++)
			continue;
		for (j = i; run - i > 1 && j < run; j++, dups++)
			diag_msg(d, v[j]->path, v[j]->share_line, 1, DIAG_ERROR,
			    "[share] key is also %s's: the key is the page's "
			    "only lock, so each client has its own; make a new "
			    "one with 'rapport share %s --rotate'",
			    v[j == i ? i + 1 : i]->path, v[j]->slug);
	}
	free(v);
	return dups;
}
