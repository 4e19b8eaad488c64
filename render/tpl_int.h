/*
 * tpl_int.h: what tpl.c (rendering), tpl_set.c (the set), tpl_value.c
 * (values) and tpl_compile.c (the compiler) share; not for other modules.
 *
 * A compiled template is a flat array of nodes: text runs that point into
 * its source, and tags.  A section's node records where its closing tag
 * is, so rendering is a loop over a range of nodes.
 */
#ifndef RAPPORT_TPL_INT_H
#define RAPPORT_TPL_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

/* Contexts, and so sections, nest at most this deep. */
#define TPL_MAX_STACK	512

enum node_kind {
	N_TEXT,
	N_VAR,		/* {{x}}: escaped */
	N_RAW,		/* {{{x}}}, {{&x}} */
	N_SECTION,	/* {{#x}} */
	N_INVERTED,	/* {{^x}} */
	N_CLOSE,	/* {{/x}} */
	N_PARTIAL	/* {{>x}} */
};

struct compiled;
struct rowstore;
struct tv_pool;
struct node {
	enum node_kind	 kind;
	const char	*s;	/* text, or the tag's name */
	size_t		 len;
	uint32_t	 hash;	/* tags: tpl_hash of the name's first part */
	/* N_PARTIAL: the compiled partial once found, shared by threads. */
	_Atomic(struct compiled *) part;
	size_t		 end;	/* sections: index of the closing node */
	char		*indent; /* standalone partials: the line's indent */
	size_t		 off;	/* in the source, for messages */
};

struct compiled {
	char		*key;	/* name, NUL, indent */
	const char	*path;	/* the source's, for messages */
	char		*src;	/* owned: the source, indented if need be */
	size_t		 srclen;
	struct node	*v;
	size_t		 n;
	size_t		 cap;
	int		 ok;
	struct compiled	*next;
};

struct source_tpl {
	char			*name;
	char			*path;
	char			*text;
	size_t			 len;
	struct source_tpl	*next;
};

struct tpl_set {
	struct source_tpl	*sources;
	struct compiled		*cache;
	pthread_mutex_t		 lock;	/* the cache, for rendering threads */
	size_t			 max_bytes;	/* 0: no limit */
	size_t			 max_steps;
	struct rowstore		*rows;
};

/*
 * The compiled form of template name with indent; NULL when missing or
 * wrong.  Compiled forms are made once and never change, so threads that
 * render share them; only finding or adding one takes the lock.
 */
struct compiled	*tpl_compiled_get(struct tpl_set *set, const char *name,
		    const char *indent, struct diags *d);
/* Empties p for the next row, keeping its newest blocks. */
void	tv_pool_clear(struct tv_pool *p);

/*
 * Compiles c->src (c->srclen bytes) of template st into c's nodes.
 * Returns 0, or -1 with the problem reported to d at its line and column
 * of st->path.
 */
int	tpl_compile(struct compiled *c, const struct source_tpl *st,
	    struct diags *d);
/*
 * The source of template st with indent added at the start of every line,
 * as a standalone partial's indentation requires.  Allocated; its length
 * into *outlen.
 */
char	*tpl_indented(const struct source_tpl *st, const char *indent,
	    size_t *outlen);

#endif
