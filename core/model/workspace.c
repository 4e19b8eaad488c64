/*
 * workspace.c: find the root, read settings, and list the client files
 * (the walk of clients/, with what it does not read and why).  Loading
 * and finding the clients is workspace_load.c's.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "source.h"
#include "util.h"
#include "workspace.h"
#include "zone.h"


#define CLIENTS_DIR "clients"
/* Deeper folders than this under clients/ are not entered. */
#define MAX_DEPTH 8

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
is_link(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static int
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The first folder from dir upwards that holds rapport.ini or clients/. */
static char *
find_root(const char *start)
{
	char *dir = realpath(start, NULL), *p, *probe;
	int found;

	if (dir == NULL)
		return NULL;
	for (;;) {
		probe = xasprintf("%s/rapport.ini", strcmp(dir, "/") ? dir : "");
		found = is_file(probe);
		free(probe);
		if (!found) {
			probe = xasprintf("%s/" CLIENTS_DIR,
			    strcmp(dir, "/") ? dir : "");
			found = is_dir(probe);
			free(probe);
		}
		if (found)
			return dir;
		if (strcmp(dir, "/") == 0)
			break;
		p = strrchr(dir, '/');
		if (p == dir)
			p[1] = '\0';
		else
			*p = '\0';
	}
	free(dir);
	return NULL;
}

/* Nonzero when the resolved path is the root or below it. */
static int
inside(const char *root, const char *resolved)
{
	size_t n = strlen(root);

	return strncmp(resolved, root, n) == 0 &&
	    (resolved[n] == '\0' || resolved[n] == '/');
}

struct walk {
	struct workspace	*ws;
	const struct ftree	*tree;		/* NULL: the folder ws->root */
	struct diags		*d;
	size_t			 cap;
	size_t			 capskip;
	size_t			 caplink;
};

/* Notes that crel (relative to the root) is a link to a folder. */
static void
note_link(struct walk *w, const char *crel, const char *target)
{
	struct ws_link *k;

	xgrow(&w->ws->links, &w->caplink, w->ws->nlinks + 1,
	    sizeof(*w->ws->links));
	k = &w->ws->links[w->ws->nlinks++];
	k->path = xstrdup(crel);
	k->target = xstrdup(target);
}

/* Notes a file or folder of clients/ that the walk does not read. */
static void
skip(struct walk *w, const char *rel, const char *name, const char *why)
{
	struct ws_skip *k;

	xgrow(&w->ws->skipped, &w->capskip, w->ws->nskipped + 1,
	    sizeof(*w->ws->skipped));
	k = &w->ws->skipped[w->ws->nskipped++];
	k->path = xasprintf("%s/%s", rel, name);
	k->why = why;
}

/* Why a hidden name is not read: what rapport itself leaves, or hidden. */
static const char *
hidden_why(const char *name)
{
	size_t n = strlen(name);
	const char *p;

	if (n > 12 && strcmp(name + n - 12, ".rapport-old") == 0)
		return "the earlier text of a client file, kept by a rapport "
		    "that was interrupted: compare it with the file, then "
		    "remove it";
	if (n > 11 && (p = strstr(name, ".md.")) != NULL && p[10] == '\0')
		return "a temporary file left by an interrupted write: remove "
		    "it";
	return "hidden (its name starts with '.'): rapport does not read it; "
	    "rename it if it is a client";
}

/*
 * One name in a folder, as the walk sees it: its kind, and for a link
 * what it names (the same answers from a folder and from a commit).
 */
enum dent_kind { DENT_FILE, DENT_DIR, DENT_LINK, DENT_OTHER };

struct dent {
	char		*name;
	enum dent_kind	 kind;
};

/* What a link names: where it goes, and what is there. */
struct link_end {
	int	 exists;	/* it names something */
	int	 inside;	/* that is in the workspace */
	int	 dir;		/* a folder */
	int	 file;		/* a regular file */
	char	*target;	/* the link's text, allocated (NULL: unread) */
};

/* The names in folder rel of the workspace's folder; -1 with errno. */
static int
list_disk(struct walk *w, const char *rel, struct dent **v, size_t *n)
{
	char *abs = xasprintf("%s/%s", w->ws->root, rel);
	DIR *dir = opendir(abs);
	struct dirent *de;
	size_t cap = 0;

	free(abs);
	if (dir == NULL)
		return -1;
	while ((de = readdir(dir)) != NULL) {
		struct dent *e;

		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		xgrow(v, &cap, *n + 1, sizeof(**v));
		e = &(*v)[(*n)++];
		e->name = xstrdup(de->d_name);
		/*
		 * The folder entry's type spares a stat per client (10,000
		 * of them are a third of a 'rapport log'); file systems
		 * that do not fill it in get the lstat.
		 */
		e->kind = de->d_type == DT_REG ? DENT_FILE : de->d_type ==
		    DT_DIR ? DENT_DIR : de->d_type == DT_LNK ? DENT_LINK :
		    DENT_OTHER;
		if (de->d_type == DT_UNKNOWN) {
			char *p = xasprintf("%s/%s/%s", w->ws->root, rel,
			    de->d_name);
			struct stat st;

			if (lstat(p, &st) == 0)
				e->kind = S_ISREG(st.st_mode) ? DENT_FILE :
				    S_ISDIR(st.st_mode) ? DENT_DIR :
				    S_ISLNK(st.st_mode) ? DENT_LINK : DENT_OTHER;
			free(p);
		}
	}
	closedir(dir);
	return 0;
}

/* The same from a commit: the entries one level inside rel. */
static int
list_tree(struct walk *w, const char *rel, struct dent **v, size_t *n)
{
	size_t i, m, len = strlen(rel), cap = 0;
	const struct ftree_entry *e = ftree_within(w->tree, rel, &m);

	for (i = 0; i < m; i++) {
		const char *name = e[i].path + len + 1;
		struct dent *d;

		if (strchr(name, '/') != NULL)
			continue;
		xgrow(v, &cap, *n + 1, sizeof(**v));
		d = &(*v)[(*n)++];
		d->name = xstrdup(name);
		/* A submodule checks out as an empty folder: one here too. */
		d->kind = e[i].kind == FTREE_FILE ? DENT_FILE : e[i].kind ==
		    FTREE_LINK ? DENT_LINK : DENT_DIR;
	}
	return 0;
}

static void
link_disk(struct walk *w, const char *crel, struct link_end *le)
{
	char *cabs = xasprintf("%s/%s", w->ws->root, crel), *real;
	char target[4096];
	ssize_t n = readlink(cabs, target, sizeof(target) - 1);
	struct stat st;

	if (n >= 0) {
		target[n] = '\0';
		le->target = xstrdup(target);
	}
	real = realpath(cabs, NULL);
	le->exists = real != NULL;
	le->inside = real != NULL && inside(w->ws->root, real);
	if (real != NULL && stat(cabs, &st) == 0) {
		le->dir = S_ISDIR(st.st_mode);
		le->file = S_ISREG(st.st_mode);
	}
	free(real);
	free(cabs);
}

static void
link_tree(struct walk *w, const char *crel, struct link_end *le)
{
	const struct ftree_entry *e = ftree_find(w->tree, crel);

	if (e == NULL)
		return;
	le->target = e->target != NULL ? xstrdup(e->target) : NULL;
	/* Above the root is outside the workspace, whatever is there. */
	le->exists = e->to != NULL || e->outside;
	le->inside = e->to != NULL;
	le->dir = e->to != NULL && (e->to->kind == FTREE_DIR ||
	    e->to->kind == FTREE_OTHER);
	le->file = e->to != NULL && e->to->kind == FTREE_FILE;
}

static void
walk_dir(struct walk *w, const char *rel, int depth)
{
	struct dent *v = NULL;
	size_t i, n = 0;

	if ((w->tree ? list_tree : list_disk)(w, rel, &v, &n) == -1) {
		diag_msg(w->d, rel, 0, 0, DIAG_ERROR, "cannot read folder: %s",
		    strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		const char *name = v[i].name;
		enum dent_kind kind = v[i].kind;
		size_t len = strlen(name);
		struct link_end le = { 0, 0, 0, 0, NULL };
		char *crel;
		int md;

		if (name[0] == '.') {
			if (strcmp(name, ".gitkeep") != 0)
				skip(w, rel, name, hidden_why(name));
			continue;
		}
		md = len > 3 && strcmp(name + len - 3, ".md") == 0;
		if (kind == DENT_FILE && !md) {
			skip(w, rel, name, "not a client file (client files "
			    "end in .md): rapport does not read it");
			continue;
		}
		crel = xasprintf("%s/%s", rel, name);
		if (kind == DENT_LINK) {
			(w->tree ? link_tree : link_disk)(w, crel, &le);
			if (!md && le.dir && le.target != NULL)
				note_link(w, crel, le.target);
			if (!le.inside) {
				if (md)
					diag_msg(w->d, crel, 0, 0, DIAG_ERROR,
					    "symbolic link to %s: rapport "
					    "follows links only inside the "
					    "workspace; copy the file in",
					    le.exists ? "a file outside the "
					    "workspace" : "a missing file");
				goto next;
			}
			if (le.dir)
				goto next;	/* no loops through links */
			kind = le.file ? DENT_FILE : DENT_OTHER;
		}
		if (kind == DENT_DIR) {
			if (depth < MAX_DEPTH)
				walk_dir(w, crel, depth + 1);
			else
				skip(w, rel, name, "a folder more than 8 "
				    "levels below clients/: rapport does not "
				    "read what is in it; move its files up");
			goto next;
		}
		if (!md && kind == DENT_FILE)
			skip(w, rel, name, "not a client file (client "
			    "files end in .md): rapport does not read it");
		if (md) {
			xgrow(&w->ws->paths, &w->cap, w->ws->npaths + 1,
			    sizeof(*w->ws->paths));
			w->ws->paths[w->ws->npaths++] = crel;
			crel = NULL;
		}
next:
		free(le.target);
		free(crel);
	}
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
link_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ws_link *)a)->path,
	    ((const struct ws_link *)b)->path);
}

static int
skip_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ws_skip *)a)->path,
	    ((const struct ws_skip *)b)->path);
}

/* A commit's file rel, links followed, or NULL. */
static const struct ftree_entry *
tree_file(const struct workspace *ws, const char *rel)
{
	const struct ftree_entry *e = ftree_find(ws->tree, rel);

	if (e != NULL && e->kind == FTREE_LINK)
		e = e->to;
	return e != NULL && e->kind == FTREE_FILE ? e : NULL;
}

/* Whether rapport.ini is a file (a link to one counts). */
static int
ini_present(const struct workspace *ws)
{
	char *ini;
	int yes;

	if (ws->tree != NULL)
		return tree_file(ws, "rapport.ini") != NULL;
	ini = xasprintf("%s/rapport.ini", ws->root);
	yes = is_file(ini);
	free(ini);
	return yes;
}

/* Reads rapport.ini, sets the clock and lists the client files. */
static void
open_files(struct workspace *ws, struct diags *d)
{
	struct walk w = { 0 };
	struct source src;
	const struct ftree_entry *e;

	if (ini_present(ws)) {
		ws->has_ini = 1;
		if (ws_source_raw(ws, "rapport.ini", 0, &src, d) == 0 &&
		    source_ready(&src, d) == 0)
			config_parse(&ws->cfg, &src, d);
		ws->ini_hash = src.hash;
		source_free(&src);
	}
	/* The workspace's clock, before anything reads it (zone.h). */
	if (ws->cfg.timezone != NULL)
		zone_use(ws->cfg.timezone);
	if (ws->today == DATE_NONE)
		ws->today = date_today();
	w.ws = ws;
	w.tree = ws->tree;
	w.d = d;
	if (ws->tree == NULL) {
		char *cl = xasprintf("%s/" CLIENTS_DIR, ws->root);
		char target[4096];
		ssize_t n;

		if (is_link(cl) && (n = readlink(cl, target,
		    sizeof(target) - 1)) >= 0) {
			target[n] = '\0';
			note_link(&w, CLIENTS_DIR, target);
		}
		if (is_dir(cl))
			walk_dir(&w, CLIENTS_DIR, 1);
		free(cl);
	} else if ((e = ftree_find(ws->tree, CLIENTS_DIR)) != NULL) {
		/* A commit's clients/ link is named, and not followed. */
		if (e->kind == FTREE_LINK && e->target != NULL)
			note_link(&w, CLIENTS_DIR, e->target);
		else if (e->kind == FTREE_DIR)
			walk_dir(&w, CLIENTS_DIR, 1);
	}
	if (ws->npaths > 1)
		qsort(ws->paths, ws->npaths, sizeof(*ws->paths), path_cmp);
	if (ws->nskipped > 1)
		qsort(ws->skipped, ws->nskipped, sizeof(*ws->skipped),
		    skip_cmp);
	if (ws->nlinks > 1)
		qsort(ws->links, ws->nlinks, sizeof(*ws->links), link_cmp);
}

int
ws_open(struct workspace *ws, const char *start, date_t today,
    struct diags *d)
{
	memset(ws, 0, sizeof(*ws));
	config_defaults(&ws->cfg);
	ws->today = today;
	if ((ws->root = find_root(start)) == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "no workspace here "
		    "or in any folder above (looked for rapport.ini or "
		    "clients/): run 'rapport init', or pass -C DIR");
		return -1;
	}
	open_files(ws, d);
	return 0;
}

int
ws_open_tree(struct workspace *ws, const char *root, const struct ftree *t,
    date_t today, struct diags *d)
{
	memset(ws, 0, sizeof(*ws));
	config_defaults(&ws->cfg);
	ws->today = today;
	ws->root = xstrdup(root);
	ws->tree = t;
	open_files(ws, d);
	return 0;
}

int
ws_hash_known(const struct workspace *ws, const char *rel, uint64_t *hash)
{
	const struct ftree_entry *e;

	if (ws->tree == NULL || (e = tree_file(ws, rel)) == NULL)
		return 0;
	/* git's id names the bytes; "blob" keeps it apart from theirs. */
	*hash = hash64(e->id, sizeof(e->id), 0x626c6f62);
	return 1;
}

int
ws_source_raw(const struct workspace *ws, const char *rel, int t,
    struct source *src, struct diags *d)
{
	char *abs, *buf = NULL;
	size_t len = 0;
	int rc;

	if (ws->tree == NULL) {
		abs = xasprintf("%s/%s", ws->root, rel);
		rc = source_raw(src, abs, rel, d);
		free(abs);
		return rc;
	}
	memset(src, 0, sizeof(*src));
	if (ftree_read(ws->tree, rel, 1, t, SOURCE_MAX_BYTES, &buf,
	    &len) == 0) {
		source_raw_take(src, rel, buf, len);
		(void)ws_hash_known(ws, rel, &src->hash);
		return 0;
	}
	rc = errno;
	if (rc == EFBIG)
		source_too_large(src, rel, len, d);
	else if (rc == EINVAL)
		diag_msg(d, rel, 0, 0, DIAG_ERROR, "not a regular file: "
		    "remove it or move it out of the workspace");
	else
		diag_msg(d, rel, 0, 0, DIAG_ERROR, "cannot open: %s",
		    strerror(rc));
	if (src->path == NULL)
		src->path = xstrdup(rel);
	errno = rc;
	return -1;
}

int
ws_read(const struct workspace *ws, const char *rel, int follow,
    size_t max, char **text, size_t *len)
{
	struct stat st;
	char *abs;
	int fd, rc = -1, err;

	*text = NULL;
	*len = 0;
	if (ws->tree != NULL)
		return ftree_read(ws->tree, rel, follow, 0, max, text, len);
	abs = xasprintf("%s/%s", ws->root, rel);
	if ((fd = file_open_regular(abs, follow)) == -1) {
		/* A link where none is followed is not a regular file. */
		if (errno == ELOOP)
			errno = EINVAL;
		free(abs);
		return -1;
	}
	if (fstat(fd, &st) == 0 && (uint64_t)st.st_size > max) {
		*len = (size_t)st.st_size;
		errno = EFBIG;
	} else
		rc = file_read_all(abs, text, len);
	err = errno;
	close(fd);
	free(abs);
	errno = err;
	return rc;
}

const struct ws_skip *
ws_skipped(const struct workspace *ws, const char *rel)
{
	size_t i, n;

	for (i = 0; i < ws->nskipped; i++) {
		n = strlen(ws->skipped[i].path);
		if (strncmp(rel, ws->skipped[i].path, n) == 0 &&
		    (rel[n] == '\0' || rel[n] == '/'))
			return &ws->skipped[i];
	}
	return NULL;
}

char *
ws_relpath(const struct workspace *ws, const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir, *real, *rel = NULL;
	size_t n = strlen(ws->root);

	/* Resolve the folder only: a link keeps the name it was given. */
	dir = slash ? xstrndup(file, slash == file ? 1 : (size_t)(slash -
	    file)) : xstrdup(".");
	real = realpath(dir, NULL);
	if (real != NULL && inside(ws->root, real))
		rel = real[n] == '\0' ? xstrdup(slash ? slash + 1 : file) :
		    xasprintf("%s/%s", real + n + 1, slash ? slash + 1 : file);
	free(real);
	free(dir);
	return rel;
}

void
ws_close(struct workspace *ws)
{
	size_t i;

	if (ws == NULL)
		return;
	for (i = 0; i < ws->nclients; i++) {
		client_free(&ws->clients[i]);
		if (ws->follow != NULL)
			followup_free(&ws->follow[i]);
	}
	free(ws->follow);
	for (i = 0; i < ws->npaths; i++)
		free(ws->paths[i]);
	for (i = 0; i < ws->nskipped; i++)
		free(ws->skipped[i].path);
	free(ws->skipped);
	for (i = 0; i < ws->nlinks; i++) {
		free(ws->links[i].path);
		free(ws->links[i].target);
	}
	free(ws->links);
	free(ws->clients);
	free(ws->paths);
	config_free(&ws->cfg);
	free(ws->root);
	memset(ws, 0, sizeof(*ws));
}
