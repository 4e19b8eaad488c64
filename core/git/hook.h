/*
 * hook.h: git's hooks (githooks(5)), found and run as git runs them.
 * libgit2 1.5 runs none; the write path (change.h) says which run when.
 *
 * A hook is the file NAME in the hooks folder: core.hooksPath when it is
 * set (a relative one is taken from the work tree's root, "~/" from
 * $HOME), else GIT_COMMON_DIR/hooks (shared by linked worktrees).  It
 * runs only if it exists and is executable; one that exists but is not
 * gets a warning, as git gives one (unless advice.ignoredHook is false).
 *
 * It runs without a shell (a script without "#!" is handed to /bin/sh,
 * as git does), in the work tree's root, with rapport's environment and
 * the variables given, standard input from /dev/null and its output on
 * rapport's standard error (standard output is rapport's data), none of
 * rapport's signals held back.  Nothing here kills it: rapport waits.
 */
#ifndef RAPPORT_HOOK_H
#define RAPPORT_HOOK_H

#include <git2.h>

#include "diag.h"

/*
 * The path of hook name of repository git, whose work tree is workdir
 * (ends in '/'), allocated: NULL when it does not exist or is not
 * executable (warned about in d).
 */
char	*hook_find(git_repository *, const char *workdir, const char *name,
	    struct diags *);
/*
 * Runs the hook at path with the arguments args (NULL-terminated, without
 * the program's name) and the extra environment env ("NAME=value", NULL-
 * terminated; each replaces a variable of that name), and waits for it.
 * Returns its exit status, 128 + N when signal N ended it, or -1 with
 * errno set when it could not be run.
 */
int	 hook_run(const char *path, const char *workdir,
	    const char *const args[], const char *const env[]);

#endif
