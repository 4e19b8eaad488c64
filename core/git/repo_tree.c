/*
 * repo_tree.c: the workspace as a commit holds it, for check --rev,
 * build --rev and the server's hooks (repo.h), in any repository, bare
 * ones too.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "ftree.h"
#include "repo.h"
#include "repo_int.h"
#include "util.h"

/* A link's text longer than this names nothing (as PATH_MAX on disk). */
#define LINK_MAX 4096

/* Whether tree holds path as a blob (file or link) or, dir set, a tree. */
static int
tree_has(git_tree *tree, const char *path, int dir)
{
	git_tree_entry *e = NULL;
	int yes;

	if (git_tree_entry_bypath(&e, tree, path) < 0)
		return 0;
	yes = git_tree_entry_type(e) == (dir ? GIT_OBJECT_TREE :
	    GIT_OBJECT_BLOB);
	git_tree_entry_free(e);
	return yes;
}

/*
 * The workspace's folder in tree, as ws_open looks for it on disk: from
 * rel (the start folder in the work tree, "" or "a/b/") upwards, the
 * first that holds rapport.ini or clients/.  Allocated ("" or "a/b/"),
 * or NULL.
 */
static char *
find_prefix(git_tree *tree, const char *rel)
{
	char *at = xstrdup(rel), *probe, *slash;
	int found;

	for (;;) {
		probe = xasprintf("%srapport.ini", at);
		found = tree_has(tree, probe, 0);
		free(probe);
		probe = xasprintf("%sclients", at);
		found = found || tree_has(tree, probe, 1);
		free(probe);
		if (found)
			return at;
		if (*at == '\0')
			break;
		/* "a/b/" becomes "a/", "a/" becomes "". */
		at[strlen(at) - 1] = '\0';
		slash = strrchr(at, '/');
		if (slash != NULL)
			slash[1] = '\0';
		else
			at[0] = '\0';
	}
	free(at);
	return NULL;
}

/* Where start is in the work tree wd ("" or "a/b/"), allocated. */
static char *
start_in(const char *wd, const char *start)
{
	char *real = realpath(start, NULL), *rel;
	size_t n = strlen(wd);

	/* wd ends in '/'; start may be wd itself without it. */
	if (real == NULL || strncmp(real, wd, n - 1) != 0 ||
	    (real[n - 1] != '\0' && real[n - 1] != '/'))
		rel = xstrdup("");
	else if (real[n - 1] == '\0' || real[n] == '\0')
		rel = xstrdup("");
	else
		rel = xasprintf("%s/", real + n);
	free(real);
	return rel;
}

/*
 * A pre-receive hook runs before git moves the pushed objects in: they
 * wait in a quarantine folder, which git names in GIT_QUARANTINE_PATH
 * and which libgit2 reads only when told (it ignores git's variables).
 * Returns 0, or -1 (libgit2's error set).
 */
static int
quarantine(git_repository *git)
{
	const char *q = getenv("GIT_QUARANTINE_PATH");
	git_odb *odb = NULL;
	int rc = 0;

	if (q == NULL || *q == '\0')
		return 0;
	if (git_repository_odb(&odb, git) < 0 ||
	    git_odb_add_disk_alternate(odb, q) < 0)
		rc = -1;
	git_odb_free(odb);
	return rc;
}

int
repo_open_rev(struct repo **out, const char *start, const char *rev,
    struct diags *d)
{
	struct repo *r = xcalloc(1, sizeof(*r));
	git_object *obj = NULL;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	const char *wd;
	char *rel = NULL, *real = NULL;

	*out = NULL;
	repo_lib_init();
	if (git_repository_open_ext(&r->git, start, 0, NULL) < 0 ||
	    quarantine(r->git) < 0) {
		repo_fail_git(d, "cannot open a git repository here");
		goto fail;
	}
	if (git_revparse_single(&obj, r->git, rev) < 0 ||
	    git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT) < 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "'%s' names no commit "
		    "of this repository: give a branch, a tag or a commit's "
		    "id", rev);
		goto fail;
	}
	git_oid_cpy(&r->tip, git_commit_id(c));
	r->has_tip = 1;
	r->tip_hex = xmalloc(GIT_OID_HEXSZ + 1);
	git_oid_tostr(r->tip_hex, GIT_OID_HEXSZ + 1, &r->tip);
	if (git_commit_tree(&tree, c) < 0) {
		repo_fail_git(d, "cannot read the commit's tree");
		goto fail;
	}
	if ((wd = git_repository_workdir(r->git)) != NULL &&
	    (real = realpath(wd, NULL)) != NULL) {
		r->workdir = xasprintf("%s%s", real, strcmp(real, "/") ? "/" :
		    "");
		rel = start_in(r->workdir, start);
	} else
		rel = xstrdup("");
	if ((r->prefix = find_prefix(tree, rel)) == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "commit %.7s (%s) holds "
		    "no workspace%s%s (looked for rapport.ini or clients/)",
		    r->tip_hex, rev, *rel ? " in or above " : "", rel);
		goto fail;
	}
	*out = r;
	r = NULL;
fail:
	free(rel);
	free(real);
	git_tree_free(tree);
	git_commit_free(c);
	git_object_free(obj);
	repo_close(r);
	return *out != NULL ? 0 : -1;
}

const char *
repo_rev(const struct repo *r)
{
	return r->has_tip ? r->tip_hex : NULL;
}

char *
repo_rev_root(const struct repo *r)
{
	const char *gd = repo_gitdir(r);
	size_t n;

	if (r->workdir != NULL)
		return xasprintf("%s%.*s", r->workdir, *r->prefix ?
		    (int)strlen(r->prefix) - 1 : 0, r->prefix);
	n = strlen(gd);
	return xstrndup(gd, n > 1 && gd[n - 1] == '/' ? n - 1 : n);
}

void
repo_rev_close(struct repo *r)
{
	int t;

	for (t = 0; t < UTIL_MAX_JOBS; t++)
		git_repository_free(r->readers[t]);
	textstore_close(r->texts, 1);
	free(r->tip_hex);
}

/* An ftree read function: the blob of e, through thread t's handle. */
static int
tree_read(void *arg, const struct ftree_entry *e, int t, size_t max,
    char **buf, size_t *len)
{
	struct repo *r = arg;
	git_odb *odb = NULL;
	git_odb_object *o = NULL;
	git_object_t type;
	git_oid id;
	size_t size;
	int rc = -1, err = EIO;

	*buf = NULL;
	*len = 0;
	if (t < 0 || t >= UTIL_MAX_JOBS) {
		errno = EINVAL;
		return -1;
	}
	/* Read before: no inflating of a chain of deltas again. */
	if (textstore_get(r->texts, e->id, buf, len) == 0) {
		if (*len <= max)
			return 0;
		free(*buf);
		*buf = NULL;
		errno = EFBIG;
		return -1;
	}
	/* libgit2's objects are not shared between threads. */
	if (!r->tried[t]) {
		r->tried[t] = 1;
		if (git_repository_open_bare(&r->readers[t],
		    git_repository_path(r->git)) < 0 ||
		    quarantine(r->readers[t]) < 0) {
			git_repository_free(r->readers[t]);
			r->readers[t] = NULL;
		}
	}
	memcpy(id.id, e->id, sizeof(id.id));
	if (r->readers[t] == NULL ||
	    git_repository_odb(&odb, r->readers[t]) < 0 ||
	    git_odb_read_header(&size, &type, odb, &id) < 0)
		goto out;
	/* A huge blob is refused unread, as a huge file is on disk. */
	if (size > max) {
		*len = size;
		err = EFBIG;
		goto out;
	}
	if (git_odb_read(&o, odb, &id) < 0)
		goto out;
	size = git_odb_object_size(o);
	*buf = xmalloc(size + 1);
	memcpy(*buf, git_odb_object_data(o), size);
	(*buf)[size] = '\0';
	*len = size;
	textstore_put(r->texts, e->id, *buf, size);
	rc = 0;
out:
	git_odb_object_free(o);
	git_odb_free(odb);
	if (rc == -1)
		errno = err;
	return rc;
}

struct listing {
	struct repo	*r;
	struct ftree	*t;
	int		 failed;
};

/* A git_treewalk_cb: each entry of the workspace's tree, into the list. */
static int
list_entry(const char *root, const git_tree_entry *e, void *arg)
{
	struct listing *l = arg;
	struct ftree_entry *fe;
	char *path = xasprintf("%s%s", root, git_tree_entry_name(e));
	git_blob *blob = NULL;
	char *target = NULL;
	enum ftree_kind kind;

	switch (git_tree_entry_type(e)) {
	case GIT_OBJECT_TREE:
		kind = FTREE_DIR;
		break;
	case GIT_OBJECT_BLOB:
		kind = git_tree_entry_filemode(e) == GIT_FILEMODE_LINK ?
		    FTREE_LINK : FTREE_FILE;
		break;
	default:
		kind = FTREE_OTHER;	/* a submodule's commit */
		break;
	}
	if (kind == FTREE_LINK) {
		if (git_blob_lookup(&blob, l->r->git, git_tree_entry_id(e)) < 0) {
			l->failed = 1;
			free(path);
			return -1;
		}
		if (git_blob_rawsize(blob) < LINK_MAX &&
		    memchr(git_blob_rawcontent(blob), '\0',
		    (size_t)git_blob_rawsize(blob)) == NULL)
			target = xstrndup(git_blob_rawcontent(blob),
			    (size_t)git_blob_rawsize(blob));
		git_blob_free(blob);
	}
	fe = ftree_add(l->t, path, kind, target);
	memcpy(fe->id, git_tree_entry_id(e)->id, sizeof(fe->id));
	/* What the commit holds stays in the store when it is compacted. */
	if (kind == FTREE_FILE)
		textstore_want(l->r->texts, fe->id);
	free(target);
	free(path);
	return 0;
}

int
repo_rev_tree(struct repo *r, struct ftree *t, int cache, struct diags *d)
{
	struct listing l = { r, t, 0 };
	git_commit *c = NULL;
	git_tree *root = NULL, *ws = NULL;
	git_tree_entry *e = NULL;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	if (cache && r->texts == NULL) {
		char *path = repo_state_path(git_repository_path(r->git),
		    "texts");

		r->texts = textstore_open(path);
		free(path);
	}
	if (git_commit_lookup(&c, r->git, &r->tip) < 0 ||
	    git_commit_tree(&root, c) < 0)
		goto fail;
	if (*r->prefix != '\0') {
		char *dir = xstrndup(r->prefix, strlen(r->prefix) - 1);
		int got = git_tree_entry_bypath(&e, root, dir);

		free(dir);
		if (got < 0 || git_tree_lookup(&ws, r->git,
		    git_tree_entry_id(e)) < 0)
			goto fail;
	}
	if (git_tree_walk(ws != NULL ? ws : root, GIT_TREEWALK_PRE,
	    list_entry, &l) < 0 || l.failed)
		goto fail;
	ftree_resolve(t);
	t->read = tree_read;
	t->arg = r;
	rc = 0;
	goto out;
fail:
	repo_fail_git(d, "cannot read the commit's files");
	ftree_free(t);
out:
	git_tree_entry_free(e);
	git_tree_free(ws);
	git_tree_free(root);
	git_commit_free(c);
	return rc;
}
