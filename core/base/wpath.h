/*
 * wpath.h: the one check of a path rapport is about to write, remove or
 * rename, wherever the path came from: a remote's tree (sync), the
 * journal a crashed rapport left (recover.c), a user's command line or a
 * hand-made file.  Every writer of the work tree (change.c) and every
 * recovery step (recover.c) asks here first.
 *
 * A good path is relative to a root folder (the work tree, or the git
 * folder) and is made of components that are not empty, not "." or ".."
 * and not ".git" in any letter case.  Each folder on the way below the
 * root that exists must be a real folder, not a symbolic link: a link
 * would take the write anywhere (git refuses the same, "beyond a
 * symbolic link").  The last component may be a link: rapport replaces
 * or removes the link itself, never what it points at.  The root itself
 * is trusted: the user chose it.
 *
 * The folders are opened one by one from the root with O_NOFOLLOW, so
 * that a link anywhere on the way is refused as one.  A link that someone
 * able to write the work tree swaps in between the check and the write
 * is not seen: the writers check right before each write to keep that
 * window short.
 */
#ifndef RAPPORT_WPATH_H
#define RAPPORT_WPATH_H

/*
 * Why rel is not a good relative path by its name alone, as a static
 * phrase ("it is absolute", ...), or NULL when it is good.
 */
const char *wpath_name_why(const char *rel);
/*
 * Checks rel under root as above.  With make set, the folders on the
 * way that do not exist are made (mode 0777 less the umask), each
 * checked as it is entered; without, the check stops at the first that
 * does not exist (nothing beyond it can be a link).  Returns 0, or -1
 * with errno set (EINVAL for a bad name, ELOOP for a link, ENOTDIR for
 * a file on the way) and *why an allocated sentence that names the path,
 * the link and where it points, and how to fix it (the caller frees it).
 */
int	wpath_check(const char *root, const char *rel, int make, char **why);
/*
 * Why ref cannot be the branch a change moves: it must be a valid git
 * reference name under "refs/" (git check-ref-format), so that its lock
 * file, GITDIR/REF.lock, lies inside the git folder.  A static phrase, or
 * NULL when it is good.
 */
const char *wpath_ref_why(const char *ref);

#endif
