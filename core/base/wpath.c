/*
 * wpath.c: where rapport may write (see wpath.h).
 *
 * Found by a hostile test (issue 33): an untracked link clients/shared ->
 * /elsewhere made a sync create /elsewhere/evil.md from a remote's commit,
 * and a planted journal made recovery unlink and rename files anywhere
 * ("../outside/b", an absolute backup, a ref of "../../outside/data").
 */
#ifdef __linux__
#define _GNU_SOURCE		/* O_PATH */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "util.h"
#include "wpath.h"

/*
 * A folder is opened only to go on from it: O_PATH needs no permission
 * to read it, as a plain path lookup needs none.
 */
#ifdef O_PATH
#define DIR_FLAGS	(O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#else
#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#endif

const char *
wpath_name_why(const char *rel)
{
	const char *s, *e;
	size_t n;

	if (rel == NULL || *rel == '\0')
		return "it is empty";
	if (*rel == '/')
		return "it is absolute, not inside the folder";
	for (s = rel;; s = e + 1) {
		e = strchr(s, '/');
		n = e != NULL ? (size_t)(e - s) : strlen(s);
		if (n == 0)
			return "it has an empty part (two '/' in a row, or one "
			    "at the end)";
		if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' &&
		    s[1] == '.'))
			return "it has a part '.' or '..'";
		if (n == 4 && strncasecmp(s, ".git", 4) == 0)
			return "it has a part '.git' (git's own folder)";
		if (e == NULL)
			return NULL;
	}
}

/* *why for the folder part p (n bytes of rel) that is a link. */
static char *
link_why(int dirfd, const char *name, const char *rel, size_t n)
{
	char target[4096];
	ssize_t len = readlinkat(dirfd, name, target, sizeof(target) - 1);

	if (len < 0)
		len = 0;
	target[len] = '\0';
	return xasprintf("%.*s is a symbolic link%s%s, and rapport writes "
	    "through no link (nor does git): replace the link by a real "
	    "folder (move what it points at there)", (int)n, rel,
	    len > 0 ? " to " : "", target);
}

int
wpath_check(const char *root, const char *rel, int make, char **why)
{
	const char *bad = wpath_name_why(rel);
	char *p = NULL, *s, *e;
	struct stat st;
	int fd, next, rc = -1, saved;

	*why = NULL;
	if (bad != NULL) {
		*why = xasprintf("'%s' cannot be a path here: %s", rel ? rel :
		    "", bad);
		errno = EINVAL;
		return -1;
	}
	if ((fd = open(root, DIR_FLAGS & ~O_NOFOLLOW)) == -1) {
		*why = xasprintf("cannot open the folder %s: %s", root,
		    strerror(errno));
		return -1;
	}
	p = xstrdup(rel);
	for (s = p; (e = strchr(s, '/')) != NULL; s = e + 1) {
		*e = '\0';
		next = openat(fd, s, DIR_FLAGS);
		if (next == -1 && errno == ENOENT && make &&
		    (mkdirat(fd, s, 0777) == 0 || errno == EEXIST))
			next = openat(fd, s, DIR_FLAGS);
		if (next == -1 && errno == ENOENT && !make)
			break;		/* nothing below can be a link */
		if (next == -1) {
			saved = errno;
			if (fstatat(fd, s, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISLNK(st.st_mode)) {
				*why = link_why(fd, s, rel, (size_t)(e - p));
				saved = ELOOP;
			} else if (saved == ENOTDIR)
				*why = xasprintf("%.*s is a file, not a folder",
				    (int)(e - p), rel);
			else
				*why = xasprintf("cannot open the folder %.*s: "
				    "%s", (int)(e - p), rel, strerror(saved));
			errno = saved;
			goto out;
		}
		close(fd);
		fd = next;
		*e = '/';
	}
	rc = 0;
out:
	saved = errno;
	close(fd);
	free(p);
	errno = saved;
	return rc;
}

const char *
wpath_ref_why(const char *ref)
{
	int valid = 0;

	if (ref == NULL || strncmp(ref, "refs/", 5) != 0)
		return "it is not under refs/";
	if (git_reference_name_is_valid(&valid, ref) < 0 || !valid)
		return "it is not a valid git reference name";
	return wpath_name_why(ref);
}
