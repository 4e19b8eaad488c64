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
	struct diags		*d;
	size_t			 cap;
	size_t			 capskip;
	size_t			 caplink;
};

/* Notes that crel (relative to the root) is a link to a folder. */
static void
note_link(struct walk *w, const char *crel, const char *cabs)
{
	char target[4096];
	ssize_t n = readlink(cabs, target, sizeof(target) - 1);
	struct ws_link *k;

	if (n < 0)
		return;
	target[n] = '\0';
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

static void
walk_dir(struct walk *w, const char *rel, int depth)
{
	char *abs = xasprintf("%s/%s", w->ws->root, rel);
	DIR *dir = opendir(abs);
	struct dirent *de;
	struct stat st;

	if (dir == NULL) {
		diag_msg(w->d, rel, 0, 0, DIAG_ERROR, "cannot read folder: %s",
		    strerror(errno));
		free(abs);
		return;
	}
	while ((de = readdir(dir)) != NULL) {
		char *crel, *cabs, *real;
		size_t len = strlen(de->d_name);
		int md;

		if (de->d_name[0] == '.') {
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0 &&
			    strcmp(de->d_name, ".gitkeep") != 0)
				skip(w, rel, de->d_name, hidden_why(de->d_name));
			continue;
		}
		md = len > 3 && strcmp(de->d_name + len - 3, ".md") == 0;
		/*
		 * The folder entry's type spares a stat per client (10,000
		 * of them are a third of a 'rapport log'); file systems
		 * that do not fill it in get the lstat.
		 */
		if (de->d_type == DT_REG && !md) {
			skip(w, rel, de->d_name, "not a client file (client "
			    "files end in .md): rapport does not read it");
			continue;
		}
		crel = xasprintf("%s/%s", rel, de->d_name);
		cabs = xasprintf("%s/%s", w->ws->root, crel);
		if (de->d_type == DT_REG || de->d_type == DT_DIR)
			st.st_mode = de->d_type == DT_REG ? S_IFREG : S_IFDIR;
		else if (lstat(cabs, &st) == -1)
			goto next;
		if (S_ISLNK(st.st_mode)) {
			real = realpath(cabs, NULL);
			if (!md && stat(cabs, &st) == 0 && S_ISDIR(st.st_mode))
				note_link(w, crel, cabs);
			if (real == NULL || !inside(w->ws->root, real)) {
				if (md)
					diag_msg(w->d, crel, 0, 0, DIAG_ERROR,
					    "symbolic link to %s: rapport "
					    "follows links only inside the "
					    "workspace; copy the file in",
					    real ? "a file outside the "
					    "workspace" : "a missing file");
				free(real);
				goto next;
			}
			free(real);
			if (stat(cabs, &st) == -1 || S_ISDIR(st.st_mode))
				goto next;	/* no loops through links */
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth < MAX_DEPTH)
				walk_dir(w, crel, depth + 1);
			else
				skip(w, rel, de->d_name, "a folder more than 8 "
				    "levels below clients/: rapport does not "
				    "read what is in it; move its files up");
			goto next;
		}
		if (!md && S_ISREG(st.st_mode))
			skip(w, rel, de->d_name, "not a client file (client "
			    "files end in .md): rapport does not read it");
		if (md) {
			xgrow(&w->ws->paths, &w->cap, w->ws->npaths + 1,
			    sizeof(*w->ws->paths));
			w->ws->paths[w->ws->npaths++] = crel;
			crel = NULL;
		}
next:
		free(crel);
		free(cabs);
	}
	closedir(dir);
	free(abs);
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

int
ws_open(struct workspace *ws, const char *start, date_t today,
    struct diags *d)
{
	struct walk w = { 0 };
	struct source src;
	char *ini, *cl;

	memset(ws, 0, sizeof(*ws));
	config_defaults(&ws->cfg);
	ws->today = today;
	if ((ws->root = find_root(start)) == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "no workspace here "
		    "or in any folder above (looked for rapport.ini or "
		    "clients/): run 'rapport init', or pass -C DIR");
		return -1;
	}
	ini = xasprintf("%s/rapport.ini", ws->root);
	if (is_file(ini)) {
		ws->has_ini = 1;
		if (source_read(&src, ini, "rapport.ini", d) == 0)
			config_parse(&ws->cfg, &src, d);
		ws->ini_hash = src.hash;
		source_free(&src);
	}
	free(ini);
	/* The workspace's clock, before anything reads it (zone.h). */
	if (ws->cfg.timezone != NULL)
		zone_use(ws->cfg.timezone);
	if (ws->today == DATE_NONE)
		ws->today = date_today();
	cl = xasprintf("%s/" CLIENTS_DIR, ws->root);
	w.ws = ws;
	w.d = d;
	if (is_link(cl))
		note_link(&w, CLIENTS_DIR, cl);
	if (is_dir(cl))
		walk_dir(&w, CLIENTS_DIR, 1);
	free(cl);
	if (ws->npaths > 1)
		qsort(ws->paths, ws->npaths, sizeof(*ws->paths), path_cmp);
	if (ws->nskipped > 1)
		qsort(ws->skipped, ws->nskipped, sizeof(*ws->skipped),
		    skip_cmp);
	if (ws->nlinks > 1)
		qsort(ws->links, ws->nlinks, sizeof(*ws->links), link_cmp);
	return 0;
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
