/*
 * publish.c: a site switched whole by renaming a symbolic link over the
 * folder's name (publish.h).
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "publish.h"
#include "util.h"

struct publish {
	char	*dir;		/* absolute: the link */
	char	*parent;	/* its folder, resolved */
	char	*name;		/* its own name */
	char	*slot;		/* absolute path of the build to write */
	char	*target;	/* the link's text for it */
	char	 which;		/* 'a' or 'b' */
	char	 cache[8];
	int	 lockfd;
};

/* Splits dir into its resolved folder and its name; -1 reported. */
static int
place(struct publish *p, const char *dir, struct diags *d)
{
	char *copy = xstrdup(dir), *slash;
	size_t n = strlen(copy);

	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	slash = strrchr(copy, '/');
	p->name = xstrdup(slash != NULL ? slash + 1 : copy);
	if (slash == copy)
		p->parent = realpath("/", NULL);
	else {
		if (slash != NULL)
			*slash = '\0';
		p->parent = realpath(slash != NULL ? copy : ".", NULL);
	}
	free(copy);
	if (p->parent == NULL || *p->name == '\0' ||
	    strcmp(p->name, ".") == 0 || strcmp(p->name, "..") == 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot publish to %s: "
		    "%s", dir, p->parent == NULL ? strerror(errno) :
		    "name the site's folder itself");
		return -1;
	}
	p->dir = xasprintf("%s%s%s", p->parent, strcmp(p->parent, "/") ?
	    "/" : "", p->name);
	return 0;
}

int
publish_managed(const char *dir)
{
	struct publish p;
	struct diags quiet = { 0 };
	char link[PATH_MAX], *a, *b;
	ssize_t n;
	int yes = 0;

	memset(&p, 0, sizeof(p));
	if (place(&p, dir, &quiet) == 0 &&
	    (n = readlink(p.dir, link, sizeof(link) - 1)) > 0) {
		link[n] = '\0';
		a = xasprintf(".%s.rapport-a", p.name);
		b = xasprintf(".%s.rapport-b", p.name);
		yes = strcmp(link, a) == 0 || strcmp(link, b) == 0;
		free(a);
		free(b);
	}
	free(p.dir);
	free(p.parent);
	free(p.name);
	diags_free(&quiet);
	return yes;
}

/* Takes the lock of the folder p names; -1 reported. */
static int
take_lock(const struct publish *p, struct diags *d)
{
	char *lock = xasprintf("%s/.%s.rapport-lock", p->parent, p->name);
	int fd;

	if ((fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0666)) == -1 || flock(fd, LOCK_EX) == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot lock %s: %s",
		    lock, strerror(errno));
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	free(lock);
	return fd;
}

int
publish_lock(const char *dir, struct diags *d)
{
	struct publish p;
	int fd = -1;

	memset(&p, 0, sizeof(p));
	if (place(&p, dir, d) == 0)
		fd = take_lock(&p, d);
	free(p.dir);
	free(p.parent);
	free(p.name);
	return fd;
}

struct publish *
publish_begin(const char *dir, struct diags *d)
{
	struct publish *p = xcalloc(1, sizeof(*p));
	char link[PATH_MAX], *a = NULL;
	struct stat st;
	ssize_t n;

	p->lockfd = -1;
	if (place(p, dir, d) == -1 || (p->lockfd = take_lock(p, d)) == -1)
		goto fail;
	a = xasprintf(".%s.rapport-a", p->name);
	if (lstat(p->dir, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* A folder of its own: taken over only when empty. */
		if (rmdir(p->dir) == -1) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is a folder "
			    "that holds files: the server publishes the site "
			    "through a link of its own there; move the folder "
			    "away, then push again", p->dir);
			goto fail;
		}
	} else if (lstat(p->dir, &st) == 0 && !S_ISLNK(st.st_mode)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is in the way of "
		    "the site: remove it, then push again", p->dir);
		goto fail;
	}
	/* The one not served; a first publish takes a. */
	n = readlink(p->dir, link, sizeof(link) - 1);
	if (n >= 0)
		link[n] = '\0';
	p->which = n >= 0 && strcmp(link, a) == 0 ? 'b' : 'a';
	p->target = xasprintf(".%s.rapport-%c", p->name, p->which);
	p->slot = xasprintf("%s/%s", p->parent, p->target);
	snprintf(p->cache, sizeof(p->cache), "site-%c", p->which);
	free(a);
	return p;
fail:
	free(a);
	publish_free(p);
	return NULL;
}

const char *
publish_slot(const struct publish *p)
{
	return p->slot;
}

const char *
publish_cache(const struct publish *p)
{
	return p->cache;
}

int
publish_commit(struct publish *p, struct diags *d)
{
	char *tmp = xasprintf("%s/.%s.rapport-link", p->parent, p->name);
	int rc = -1;

	(void)unlink(tmp);
	if (symlink(p->target, tmp) == -1 || rename(tmp, p->dir) == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot point %s at "
		    "the new site: %s", p->dir, strerror(errno));
		(void)unlink(tmp);
		goto out;
	}
	(void)file_sync_parent(p->dir);
	rc = 0;
out:
	free(tmp);
	return rc;
}

void
publish_free(struct publish *p)
{
	if (p == NULL)
		return;
	if (p->lockfd != -1)
		close(p->lockfd);
	free(p->dir);
	free(p->parent);
	free(p->name);
	free(p->slot);
	free(p->target);
	free(p);
}
