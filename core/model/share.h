/*
 * share.h: the keys of client report pages (SPEC section 5).
 *
 * A client with a [share] key has a page at share/KEY/ that whoever has
 * the address may read: the key is the page's only lock, so it is made
 * from 128 random bits (getrandom) and must be unique in the workspace,
 * or one client's page would be another's.
 */
#ifndef RAPPORT_SHARE_H
#define RAPPORT_SHARE_H

#include "diag.h"
#include "workspace.h"

/* 128 random bits in URL-safe base64, without padding: 22 characters. */
#define SHARE_KEY_LEN	22

/*
 * Makes a new key into out (SHARE_KEY_LEN + 1 bytes).  Returns 0, or -1
 * with errno set when the system has no randomness to give.
 */
int	share_key_new(char out[SHARE_KEY_LEN + 1]);
/*
 * Reports every client of ws (loaded) whose key another client has too,
 * at its [share] line, as an error; returns how many such clients.
 */
size_t	share_check_unique(const struct workspace *, struct diags *);

#endif
