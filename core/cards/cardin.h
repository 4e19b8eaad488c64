/*
 * cardin.h: people coming in from other tools (SPEC section 9): each read
 * from a vCard (vcf.h) or a row of a spreadsheet (csvin.h) into one form,
 * with the file and line it came from, for import-contacts to group into
 * clients.  Texts are UTF-8 whatever the file's encoding was.
 */
#ifndef RAPPORT_CARDIN_H
#define RAPPORT_CARDIN_H

#include <stddef.h>

#include "util.h"

struct cardin {
	const char	*file;		/* as given; the caller's */
	int		 line;		/* where the card or row starts */
	char		*name;		/* never NULL: a nameless one is skipped */
	char		*org;		/* NULL: none */
	char		*title;
	char		**emails;
	size_t		 nemails;
	char		**phones;
	size_t		 nphones;
};

struct cardins {
	struct cardin	*v;
	size_t		 n, cap;
	struct pool	 pool;		/* every string above */
};

/* A new person at the end of the list, zeroed but for file and line. */
struct cardin	*cardins_add(struct cardins *, const char *file, int line);
/* Adds a copy of s (trimmed; nothing when empty) to the list *v. */
void		 cardins_push(struct cardins *, char ***v, size_t *n,
		    const char *s, size_t len);
/* A trimmed copy of s in the list's pool, or NULL when it is empty. */
char		*cardins_str(struct cardins *, const char *s, size_t len);
/*
 * text (len bytes) as UTF-8: itself without a byte order mark when it is
 * valid UTF-8, else read as Windows-1252 (what spreadsheets and old
 * programs write) and converted; *latin is set then.  Allocated.
 */
char		*cardins_utf8(const char *text, size_t len, size_t *outlen,
		    int *latin);
void		 cardins_free(struct cardins *);

#endif
