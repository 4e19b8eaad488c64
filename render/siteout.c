/*
 * siteout.c: the output folder of a build (see siteout.h).
 *
 * Pages go into an existing site through a file_batch (each beside its old
 * version, all renamed at the commit), or into a new site through a
 * file_stage (a folder made whole, then renamed).  Every path is built
 * from the folder checked at open and a page name checked at put (no
 * "..", no absolute part), and clients/ and owners/ are checked not to be
 * links, so nothing is written outside; the only files ever removed are
 * those the marker lists, each unlinked itself, never followed.
 *
 * It stays one file, a little past 600 lines, because it is one job:
 * opening, putting and committing keep the one set of rules of siteout.h
 * over one struct, and what the commit removes is safe only by what the
 * open checked.
 */
#define _GNU_SOURCE		/* O_DIRECTORY */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "siteout.h"
#include "util.h"

#define MARKER		".rapport-site"
#define MARKER_MAGIC	"rapport-site 1"

struct siteout {
	char		*dir;		/* the site's absolute path */
	char		*parent;	/* the folder above it, resolved */
	char		*root;		/* the workspace's */
	int		 lockfd;	/* parent, flocked */
	struct file_stage *stage;	/* when the site is new */
	struct file_batch *batch;	/* when it is not */
	char		**names;	/* this build's files */
	size_t		 n, cap;
	char		**old;		/* the last build's, sorted */
	size_t		 nold;
	pthread_mutex_t	 lock;		/* names */
};

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether path is base or inside it. */
static int
within(const char *path, const char *base)
{
	size_t n = strlen(base);

	return strncmp(path, base, n) == 0 && (path[n] == '\0' ||
	    path[n] == '/' || (n > 0 && base[n - 1] == '/'));
}

/* Resolves dir, which need not exist, to its absolute path. */
static int
resolve(struct siteout *o, const char *dir, struct diags *d)
{
	char *copy = xstrdup(dir), *slash, *base, *up;
	size_t n = strlen(copy);
	int rc = -1;

	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	slash = strrchr(copy, '/');
	base = slash != NULL ? slash + 1 : copy;
	if (*base == '\0' || strcmp(base, ".") == 0 ||
	    strcmp(base, "..") == 0) {
		/* Names of folders that exist: resolved whole. */
		if ((o->dir = realpath(copy, NULL)) == NULL)
			goto fail;
		if (strcmp(o->dir, "/") == 0) {
			o->parent = xstrdup("/");
		} else {
			o->parent = xstrndup(o->dir, (size_t)(strrchr(o->dir,
			    '/') - o->dir));
			if (*o->parent == '\0') {
				free(o->parent);
				o->parent = xstrdup("/");
			}
		}
		rc = 0;
		goto out;
	}
	up = slash == NULL ? xstrdup(".") : slash == copy ? xstrdup("/") :
	    xstrndup(copy, (size_t)(slash - copy));
	o->parent = realpath(up, NULL);
	free(up);
	if (o->parent == NULL)
		goto fail;
	o->dir = xasprintf("%s%s%s", o->parent, strcmp(o->parent, "/") ?
	    "/" : "", base);
	rc = 0;
	goto out;
fail:
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot use %s for the "
	    "site: %s", dir, strerror(errno));
out:
	free(copy);
	return rc;
}

/* The places a site must never be. */
static int
allowed(const struct siteout *o, const char *arg, struct diags *d)
{
	char *clients = xasprintf("%s/clients", o->root);
	const char *why = NULL;
	int rc;

	if (within(o->root, o->dir))
		why = "contains the workspace (its clients, rapport.ini and "
		    "git history would be mixed with pages)";
	else if (within(o->dir, clients))
		why = "lies inside clients/, where every .md file is a client";
	else if (strstr(o->dir, "/.git/") != NULL ||
	    (strlen(o->dir) >= 5 && strcmp(o->dir + strlen(o->dir) - 5,
	    "/.git") == 0))
		why = "lies inside a git folder";
	if ((rc = why == NULL ? 0 : -1) == -1)
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot build the site "
		    "into %s: it %s; give another folder with -o", arg, why);
	free(clients);
	return rc;
}

/* nftw: removes what is under a dead build's staging folder. */
static int
remove_one(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)f;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/*
 * Removes DIR.rapport-PID-N folders beside the site whose process is
 * gone: a build killed with SIGKILL leaves its staged site there.
 */
static void
remove_dead_stages(const struct siteout *o)
{
	const char *base = strrchr(o->dir, '/') + 1;
	size_t n = strlen(base);
	struct dirent *e;
	DIR *dp;

	if ((dp = opendir(o->parent)) == NULL)
		return;
	while ((e = readdir(dp)) != NULL) {
		char *end, *p;
		long pid;

		if (strncmp(e->d_name, base, n) != 0 ||
		    strncmp(e->d_name + n, ".rapport-", 9) != 0)
			continue;
		pid = strtol(e->d_name + n + 9, &end, 10);
		if (pid <= 0 || *end != '-' || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		p = xasprintf("%s/%s", o->parent, e->d_name);
		(void)nftw(p, remove_one, 16, FTW_DEPTH | FTW_PHYS);
		free(p);
	}
	closedir(dp);
}

/* Whether the folder holds nothing but hidden files. */
static int
empty_but_hidden(const char *dir)
{
	struct dirent *e;
	DIR *dp = opendir(dir);
	int empty = 1;

	if (dp == NULL)
		return 0;
	while (empty && (e = readdir(dp)) != NULL)
		empty = e->d_name[0] == '.';
	closedir(dp);
	return empty;
}

/*
 * Reads the marker of an existing site: 1 (old list read), 0 when there
 * is none, -1 (reported) when it is not this workspace's.
 */
static int
read_marker(struct siteout *o, const char *arg, struct diags *d)
{
	char *path = xasprintf("%s/" MARKER, o->dir), *data = NULL, *line;
	char *next, *ws;
	size_t len = 0, cap = 0;
	struct stat st;
	int rc = -1;

	if (lstat(path, &st) == -1 && errno == ENOENT) {
		rc = 0;
		goto out;
	}
	if (!S_ISREG(st.st_mode) || file_read_all(path, &data, &len) == -1 ||
	    strncmp(data, MARKER_MAGIC "\nworkspace ",
	    strlen(MARKER_MAGIC) + 11) != 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s/" MARKER " is not "
		    "a site's marker: %s is not a site rapport made; build "
		    "into a new or empty folder", arg, arg);
		goto out;
	}
	ws = data + strlen(MARKER_MAGIC) + 11;
	if ((next = strchr(ws, '\n')) == NULL)
		next = ws + strlen(ws);
	else
		*next++ = '\0';
	if (strcmp(ws, o->root) != 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is the site of the "
		    "workspace at %s: build this one into another folder", arg,
		    ws);
		goto out;
	}
	for (line = next; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) == NULL)
			next = line + strlen(line);
		else
			*next++ = '\0';
		if (*line == '\0')
			continue;
		xgrow(&o->old, &cap, o->nold + 1, sizeof(*o->old));
		o->old[o->nold++] = xstrdup(line);
	}
	qsort(o->old, o->nold, sizeof(*o->old), name_cmp);
	rc = 1;
out:
	free(data);
	free(path);
	return rc;
}

/* Makes or checks the subfolders; a link there would lead out. */
static int
make_subdirs(const struct siteout *o, const char *base,
    const char *const *subdirs, struct diags *d)
{
	struct stat st;
	size_t i;

	for (i = 0; subdirs != NULL && subdirs[i] != NULL; i++) {
		char *p = xasprintf("%s/%s", base, subdirs[i]);
		int rc = 0;

		if (lstat(p, &st) == -1) {
			if (errno != ENOENT || mkdir(p, 0777) == -1) {
				diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot "
				    "make %s: %s", p, strerror(errno));
				rc = -1;
			}
		} else if (!S_ISDIR(st.st_mode)) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s/%s is %s: "
			    "a site's folders are its own; remove it", o->dir,
			    subdirs[i], S_ISLNK(st.st_mode) ? "a symbolic link" :
			    "not a folder");
			rc = -1;
		}
		free(p);
		if (rc == -1)
			return -1;
	}
	return 0;
}

/*
 * Makes the folders rel lies in below base that are not there (share/KEY/
 * of a new key), refusing a link or a file on the way: several threads
 * may make the same one at once.
 */
static int
make_parents(const struct siteout *o, const char *base, const char *rel,
    struct diags *d)
{
	const char *slash;
	struct stat st;
	int rc = 0;

	for (slash = strchr(rel, '/'); slash != NULL && rc == 0;
	    slash = strchr(slash + 1, '/')) {
		char *p = xasprintf("%s/%.*s", base, (int)(slash - rel), rel);

		if (lstat(p, &st) == -1 && errno == ENOENT &&
		    mkdir(p, 0777) == -1 && errno != EEXIST) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot make "
			    "%s: %s", p, strerror(errno));
			rc = -1;
		} else if (lstat(p, &st) == -1 || !S_ISDIR(st.st_mode)) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s/%.*s is %s: "
			    "a site's folders are its own; remove it", o->dir,
			    (int)(slash - rel), rel, S_ISLNK(st.st_mode) ?
			    "a symbolic link" : "not a folder");
			rc = -1;
		}
		free(p);
	}
	return rc;
}

struct siteout *
siteout_open(const char *dir, const char *root, const char *const *subdirs,
    struct diags *d)
{
	struct siteout *o = xcalloc(1, sizeof(*o));
	struct stat st;

	o->lockfd = -1;
	o->root = xstrdup(root);
	pthread_mutex_init(&o->lock, NULL);
	if (resolve(o, dir, d) == -1 || allowed(o, dir, d) == -1)
		goto fail;
	/* Builds into one folder take turns; a signal ends the wait. */
	if ((o->lockfd = open(o->parent, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1 || flock(o->lockfd, LOCK_EX) == -1) {
		if (errno != EINTR)
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot use "
			    "%s: %s", o->parent, strerror(errno));
		goto fail;
	}
	remove_dead_stages(o);
	if (lstat(o->dir, &st) == -1) {
		if (errno != ENOENT) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot use "
			    "%s: %s", dir, strerror(errno));
			goto fail;
		}
		/* A new site is made beside its name, then renamed. */
		if ((o->stage = file_stage_new(o->dir)) == NULL) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot make "
			    "a folder beside %s: %s", dir, strerror(errno));
			goto fail;
		}
		if (make_subdirs(o, file_stage_dir(o->stage), subdirs,
		    d) == -1)
			goto fail;
		return o;
	}
	if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot build the site "
		    "into %s: it is %s, and rapport writes a site only into a "
		    "folder of its own; remove it or give another with -o", dir,
		    S_ISLNK(st.st_mode) ? "a symbolic link" : "not a folder");
		goto fail;
	}
	switch (read_marker(o, dir, d)) {
	case -1:
		goto fail;
	case 0:
		if (!empty_but_hidden(o->dir)) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot build "
			    "the site into %s: it holds files rapport did not "
			    "write (it has no " MARKER "); build into a new or "
			    "empty folder, or remove what is there", dir);
			goto fail;
		}
		break;
	default:
		break;
	}
	if (make_subdirs(o, o->dir, subdirs, d) == -1)
		goto fail;
	o->batch = file_batch_new();
	return o;
fail:
	siteout_free(o);
	return NULL;
}

void
siteout_in_place(struct siteout *o)
{
	if (o->batch != NULL)
		file_batch_in_place(o->batch);
}

const char *
siteout_dir(const struct siteout *o)
{
	return o->dir;
}

/* A page's name: relative, no "..", no empty part, no control byte. */
static int
name_ok(const char *rel)
{
	const char *p;

	if (*rel == '\0' || *rel == '/')
		return 0;
	for (p = rel; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	for (p = rel; p != NULL; p = strchr(p, '/'), p += p != NULL) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 2 && strncmp(p, "..", 2) == 0) ||
		    (n == 1 && *p == '.'))
			return 0;
	}
	return 1;
}

void
siteout_keep(struct siteout *o, const char *rel)
{
	pthread_mutex_lock(&o->lock);
	xgrow(&o->names, &o->cap, o->n + 1, sizeof(*o->names));
	o->names[o->n++] = xstrdup(rel);
	pthread_mutex_unlock(&o->lock);
}

struct siteout_file {
	struct file_out	*fo;
	char		*shown;		/* the file's name in messages */
};

/* b's flush: the text goes to the file (a failure is kept in fo). */
static void
stream_flush(struct buf *b)
{
	struct siteout_file *sf = b->arg;

	(void)file_out_write(sf->fo, b->s, b->len);
}

struct siteout_file *
siteout_start(struct siteout *o, const char *rel, struct buf *b,
    struct diags *d)
{
	struct siteout_file *sf;
	char *full;

	if (!name_ok(rel)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "internal error: '%s' "
		    "cannot be the name of a page", rel);
		return NULL;
	}
	if (make_parents(o, o->stage != NULL ? file_stage_dir(o->stage) :
	    o->dir, rel, d) == -1)
		return NULL;
	sf = xcalloc(1, sizeof(*sf));
	if (o->stage != NULL) {
		sf->shown = xasprintf("%s/%s", file_stage_dir(o->stage), rel);
		sf->fo = file_stage_stream(o->stage, rel);
	} else {
		full = xasprintf("%s/%s", o->dir, rel);
		sf->fo = file_batch_stream(o->batch, full);
		sf->shown = full;
	}
	if (sf->fo == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot write %s: %s",
		    sf->shown, strerror(errno));
		free(sf->shown);
		free(sf);
		return NULL;
	}
	siteout_keep(o, rel);
	buf_reset(b);
	buf_grow(b, SITEOUT_PIECE);
	b->flush = stream_flush;
	b->arg = sf;
	return sf;
}

int
siteout_finish(struct siteout *o, struct siteout_file *sf, struct buf *b,
    int ok, struct diags *d)
{
	int rc;

	(void)o;
	if (ok && b->len > 0)
		stream_flush(b);
	b->flushed += b->len;
	b->len = 0;
	b->flush = NULL;
	b->arg = NULL;
	if ((rc = file_out_close(sf->fo, ok)) == -1 && ok)
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot write %s: %s",
		    sf->shown, strerror(errno));
	free(sf->shown);
	free(sf);
	return rc;
}

int
siteout_size(const struct siteout *o, const char *rel,
    unsigned long long *size)
{
	char *full;
	struct stat st;
	int rc = -1;

	if (o->stage != NULL || !name_ok(rel))
		return -1;
	full = xasprintf("%s/%s", o->dir, rel);
	if (lstat(full, &st) == 0 && S_ISREG(st.st_mode)) {
		*size = (unsigned long long)st.st_size;
		rc = 0;
	}
	free(full);
	return rc;
}

int
siteout_has(const struct siteout *o, const char *rel,
    unsigned long long size)
{
	unsigned long long got;

	return siteout_size(o, rel, &got) == 0 && got == size;
}

int
siteout_commit(struct siteout *o, size_t *removed, struct diags *d)
{
	struct buf m = { 0 };
	size_t i;
	int rc = -1;

	*removed = 0;
	qsort(o->names, o->n, sizeof(*o->names), name_cmp);
	buf_printf(&m, MARKER_MAGIC "\nworkspace %s\n", o->root);
	for (i = 0; i < o->n; i++)
		if (i == 0 || strcmp(o->names[i], o->names[i - 1]) != 0)
			buf_printf(&m, "%s\n", o->names[i]);
	/* The marker goes last: it lists what is then in place. */
	if (o->stage != NULL) {
		if (file_stage_put(o->stage, MARKER, m.s, m.len) == -1 ||
		    file_stage_commit(o->stage) == -1)
			goto fail;
	} else {
		char *path = xasprintf("%s/" MARKER, o->dir);
		int err = !file_same(path, m.s, m.len) &&
		    file_batch_add(o->batch, path, m.s, m.len) == -1;

		free(path);
		if (err || file_batch_commit(o->batch) == -1)
			goto fail;
	}
	/* What the last build wrote and this one did not. */
	for (i = 0; i < o->nold; i++) {
		char *full;
		struct stat st;

		if (bsearch(&o->old[i], o->names, o->n, sizeof(*o->names),
		    name_cmp) != NULL || !name_ok(o->old[i]))
			continue;
		full = xasprintf("%s/%s", o->dir, o->old[i]);
		if (lstat(full, &st) == 0 && !S_ISDIR(st.st_mode) &&
		    unlink(full) == 0) {
			char *slash;

			(*removed)++;
			/*
			 * A folder of its own (share/KEY/, two deep) goes
			 * with its last file; one holding anything else, a
			 * file put there by hand, stays.
			 */
			if ((slash = strrchr(full, '/')) != NULL &&
			    strchr(o->old[i], '/') != strrchr(o->old[i], '/')) {
				*slash = '\0';
				(void)rmdir(full);
			}
		}
		free(full);
	}
	rc = 0;
	goto out;
fail:
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot write the pages into "
	    "%s: %s", o->dir, strerror(errno));
out:
	buf_free(&m);
	return rc;
}

void
siteout_free(struct siteout *o)
{
	size_t i;

	if (o == NULL)
		return;
	file_stage_free(o->stage);
	file_batch_free(o->batch);
	if (o->lockfd != -1)
		close(o->lockfd);
	for (i = 0; i < o->n; i++)
		free(o->names[i]);
	for (i = 0; i < o->nold; i++)
		free(o->old[i]);
	free(o->names);
	free(o->old);
	pthread_mutex_destroy(&o->lock);
	free(o->dir);
	free(o->parent);
	free(o->root);
	free(o);
}
