/*
 * workspace_walk.c: the walk of clients/, from the folder on disk or from
 * a commit's files (ftree.h) by one set of rules: what is read, what is
 * not and why, and the links to folders.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "workspace.h"
#include "workspace_int.h"


/* Deeper folders than this under clients/ are not entered. */
#define MAX_DEPTH 8

int
ws_is_dir(const char *path)
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

/* Nonzero when the resolved path is the root or below it. */
int
ws_inside(const char *root, const char *resolved)
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
	le->inside = real != NULL && ws_inside(w->ws->root, real);
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

void
ws_walk_clients(struct workspace *ws, struct diags *d)
{
	struct walk w = { 0 };
	const struct ftree_entry *e;

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
		if (ws_is_dir(cl))
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
