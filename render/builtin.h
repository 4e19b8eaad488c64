/*
 * builtin.h: the default templates and assets, compiled into the program
 * from templates/ by render/embed.sh, so an installed rapport needs no
 * data files.
 */
#ifndef RAPPORT_BUILTIN_H
#define RAPPORT_BUILTIN_H

#include <stddef.h>

struct builtin {
	const char	*name;		/* file name in templates/ */
	const char	*data;		/* NUL-terminated */
	size_t		 len;
};

/* Ends with a NULL name. */
extern const struct builtin builtin_files[];

#endif
