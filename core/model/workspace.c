/*
 * workspace.c: find the root, read settings and files, from a folder or
 * a commit.  The walk of clients/ is workspace_walk.c's; loading and
 * finding the clients is workspace_load.c's.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "source.h"
#include "util.h"
#include "workspace.h"
#include "workspace_int.h"
#include "zone.h"


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
			found = ws_is_dir(probe);
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
	struct source src;

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
	ws_walk_clients(ws, d);
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

uint64_t
ws_stamp(const struct workspace *ws, const char *rel)
{
	struct stat st;
	struct timespec now;
	uint64_t v[9], h;
	char *abs;
	int rc;

	if (ws->tree != NULL)
		return 0;
	abs = xasprintf("%s/%s", ws->root, rel);
	rc = stat(abs, &st);
	free(abs);
	if (rc == -1 || !S_ISREG(st.st_mode) ||
	    clock_gettime(CLOCK_REALTIME, &now) == -1 ||
	    st.st_mtim.tv_sec > now.tv_sec - WS_STAMP_RACY ||
	    st.st_ctim.tv_sec > now.tv_sec - WS_STAMP_RACY)
		return 0;
	v[0] = (uint64_t)st.st_dev;
	v[1] = (uint64_t)st.st_ino;
	v[2] = (uint64_t)st.st_size;
	v[3] = (uint64_t)st.st_mode;
	v[4] = (uint64_t)st.st_mtim.tv_sec;
	v[5] = (uint64_t)st.st_mtim.tv_nsec;
	v[6] = (uint64_t)st.st_ctim.tv_sec;
	v[7] = (uint64_t)st.st_ctim.tv_nsec;
	v[8] = (uint64_t)st.st_uid;
	h = hash64(v, sizeof(v), 0x7374616d70);
	return h != 0 ? h : 1;
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
	if (real != NULL && ws_inside(ws->root, real))
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
