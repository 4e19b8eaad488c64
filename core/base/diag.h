/*
 * diag.h: the one diagnostics sink.
 *
 * Every message about the user's files goes through diag_msg and ends up
 * printed as "FILE:LINE:COL: LEVEL: message", like a compiler's, so editors
 * can jump to it.  Modules in core/ only collect; the command decides where
 * and whether to print, and turns the worst level into the exit status.
 *
 * FILE is a path relative to the workspace root.  LINE and COL are 1-based;
 * LINE 0 means the message is about the file as a whole (printed "FILE:").
 */
#ifndef RAPPORT_DIAG_H
#define RAPPORT_DIAG_H

#include <stdio.h>

/*
 * Warnings and errors are problems, in rising order (the worst is the exit
 * status).  A note is none: it adds to the message before it (such as the
 * candidates a command could not choose between, at their lines), and is
 * neither counted nor ever the worst.
 */
enum diag_level {
	DIAG_NONE = 0,
	DIAG_WARNING,
	DIAG_ERROR,
	DIAG_NOTE
};

struct diag {
	char		*file;
	int		 line;
	int		 col;
	enum diag_level	 level;
	char		*msg;
	size_t		 seq;	/* arrival order, keeps the sort stable */
};

struct diags {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 nerr;
	size_t		 nwarn;
};

void	diag_msg(struct diags *, const char *file, int line, int col,
	    enum diag_level, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/*
 * An error about "rapport": "cannot WHAT PATH: " and errno's text, as
 * every failed system call of a write is reported.
 */
void	diag_errno(struct diags *, const char *what, const char *path);
/* Sorts by file, then line, then column, then arrival: diag_order. */
void	diag_sort(struct diags *);
int	diag_order(const struct diag *, const struct diag *);
enum diag_level diag_worst(const struct diags *);
/* Counts of the messages about one file. */
size_t	diag_count(const struct diags *, const char *file, enum diag_level);
/* Prints every message; colour only when asked (the caller checks isatty). */
void	diag_print(const struct diags *, FILE *, int colour);
void	diag_print_one(const struct diag *, FILE *, int colour);
/* Moves every message of src to the end of dst, emptying src. */
void	diags_take(struct diags *dst, struct diags *src);
void	diags_free(struct diags *);

#endif
