/*
 * repo.c: the repository: opening it, who commits and whether one can
 * now, making a new one (see repo.h).
 *
 * libgit2 1.5 differs from the git program in ways that matter here, and
 * this file makes up for two of them: it reads no GIT_AUTHOR_* or
 * GIT_COMMITTER_* variables (we resolve the identity as git does) and it
 * never fsyncs unless asked (we ask).  The others (empty commits, the
 * index read outside its lock, a commit reported that a full disk kept
 * out) are the write path's, change.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "date.h"
#include "gitdate.h"
#include "repo.h"
#include "repo_int.h"
#include "util.h"
#include "zone.h"


void
repo_fail_git(struct diags *d, const char *what)
{
	const git_error *e = git_error_last();

	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s: %s", what,
	    e != NULL && e->message != NULL && *e->message != '\0' ?
	    e->message : "libgit2 gave no reason");
}

/*
 * How much of a pack libgit2 keeps mapped: windows of PACK_WINDOW, at most
 * PACK_MAPPED in all.  Its defaults (1 GiB windows, 8 GiB) map a whole
 * pack, and a walk of the history touches most of it: at 10,000 clients
 * and 2,000 commits the first build's resident memory was 154 MiB, of
 * which 64 MiB the pack's pages; at 100,000 it grows with the pack.
 */
#define PACK_WINDOW	((size_t)4 << 20)
#define PACK_MAPPED	((size_t)16 << 20)

void
repo_lib_init(void)
{
	git_libgit2_init();
	/* Commits and refs must survive a crash as the files do. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, PACK_WINDOW);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, PACK_MAPPED);
}

char *
repo_git_path(const struct repo *r, const char *path)
{
	return xasprintf("%s%s", r->prefix, path);
}

int
repo_open(struct repo **out, const char *root, struct diags *d)
{
	struct repo *r = xcalloc(1, sizeof(*r));
	const char *wd;
	char *real_wd = NULL, *real_root = NULL;
	size_t n;
	int rc;

	*out = NULL;
	repo_lib_init();
	if ((rc = git_repository_open_ext(&r->git, root, 0, NULL)) < 0) {
		if (rc == GIT_ENOTFOUND)
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is not in a "
			    "git repository, and rapport records every change "
			    "as a commit: run 'git init' there", root);
		else
			repo_fail_git(d, "cannot open the git repository");
		goto fail;
	}
	if (repo_odb_retry(r->git) == -1) {
		repo_fail_git(d, "cannot open the git repository's objects");
		goto fail;
	}
	if ((wd = git_repository_workdir(r->git)) == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the repository of %s "
		    "is bare (it has no work tree): clone it and work in the "
		    "clone", root);
		goto fail;
	}
	if ((real_wd = realpath(wd, NULL)) == NULL ||
	    (real_root = realpath(root, NULL)) == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot resolve %s: %s",
		    real_wd == NULL ? wd : root, strerror(errno));
		goto fail;
	}
	n = strlen(real_wd);
	if (strcmp(real_root, real_wd) == 0)
		r->prefix = xstrdup("");
	else if (strncmp(real_root, real_wd, n) == 0 &&
	    (real_root[n] == '/' || n == 1))
		r->prefix = xasprintf("%s/", real_root + n + (n > 1));
	else {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is not inside the "
		    "work tree of its repository (%s)", root, real_wd);
		goto fail;
	}
	r->workdir = xasprintf("%s%s", real_wd, n > 1 ? "/" : "");
	free(real_wd);
	free(real_root);
	*out = r;
	return 0;
fail:
	free(real_wd);
	free(real_root);
	repo_close(r);
	return -1;
}

static void
ident_free(struct repo_ident *id)
{
	free(id->name);
	free(id->email);
	id->name = id->email = NULL;
}

void
repo_close(struct repo *r)
{
	if (r == NULL)
		return;
	ident_free(&r->author);
	ident_free(&r->committer);
	repo_rev_close(r);
	git_repository_free(r->git);
	free(r->workdir);
	free(r->prefix);
	free(r);
	git_libgit2_shutdown();
}

const struct repo_ident *
repo_author(const struct repo *r)
{
	return r->ready ? &r->author : NULL;
}

/* ---- identity ------------------------------------------------------ */

/* The first non-empty of an environment variable and two config keys. */
static char *
ident_value(git_config *cfg, const char *env, const char *key1,
    const char *key2, const char *env2)
{
	const char *v = getenv(env);

	if (v != NULL && *v != '\0')
		return xstrdup(v);
	if (git_config_get_string(&v, cfg, key1) == 0 && *v != '\0')
		return xstrdup(v);
	if (git_config_get_string(&v, cfg, key2) == 0 && *v != '\0')
		return xstrdup(v);
	if (env2 != NULL && (v = getenv(env2)) != NULL && *v != '\0')
		return xstrdup(v);
	return NULL;
}

/*
 * role is "AUTHOR" or "COMMITTER", as in git's variable names; key is
 * "author" or "committer", as in its configuration.
 */
static int
ident_resolve(git_config *cfg, const char *role, const char *key,
    struct repo_ident *id, struct diags *d)
{
	char env[32], env2[32], k[32];
	const char *date;
	git_signature *sig = NULL;
	time_t now;

	snprintf(env, sizeof(env), "GIT_%s_NAME", role);
	snprintf(k, sizeof(k), "%s.name", key);
	id->name = ident_value(cfg, env, k, "user.name", NULL);
	snprintf(env2, sizeof(env2), "GIT_%s_EMAIL", role);
	snprintf(k, sizeof(k), "%s.email", key);
	id->email = ident_value(cfg, env2, k, "user.email", "EMAIL");
	if (id->name == NULL || id->email == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "git does not know "
		    "who you are (no %s): set it with  git config --global "
		    "user.name \"Your Name\"  and  git config --global "
		    "user.email you@example.com  (or set %s and %s)",
		    id->name == NULL && id->email == NULL ?
		    "user.name, no user.email" :
		    id->name == NULL ? "user.name" : "user.email", env, env2);
		return -1;
	}
	snprintf(env, sizeof(env), "GIT_%s_DATE", role);
	if ((date = getenv(env)) != NULL && *date != '\0') {
		if (gitdate_parse(date, &id->when, &id->offset) == -1) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s='%s' is not "
			    "a date git reads: use '@SECONDS +HHMM' or ISO "
			    "8601 (2026-11-23T10:15:00+01:00)", env, date);
			return -1;
		}
	} else {
		/* The person's own zone, not the workspace's (zone.h). */
		now = time(NULL);
		id->when = (int64_t)now;
		id->offset = zone_person_offset(now);
	}
	/* libgit2 refuses what git would: say so now, before any change. */
	if (git_signature_new(&sig, id->name, id->email, (git_time_t)id->when,
	    id->offset) < 0) {
		const git_error *e = git_error_last();

		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot use '%s <%s>' "
		    "as the %s of a commit: %s", id->name, id->email, key,
		    e != NULL ? e->message : "invalid");
		return -1;
	}
	git_signature_free(sig);
	return 0;
}

static const char *
state_problem(int state)
{
	switch (state) {
	case GIT_REPOSITORY_STATE_NONE:
		return NULL;
	case GIT_REPOSITORY_STATE_MERGE:
		/* rapport commit concludes it; log and edit work meanwhile. */
		return NULL;
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		return "a revert is in progress: finish it (git revert "
		    "--continue) or abort it (git revert --abort) first";
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		return "a cherry-pick is in progress: finish it (git "
		    "cherry-pick --continue) or abort it (git cherry-pick "
		    "--abort) first";
	case GIT_REPOSITORY_STATE_BISECT:
		return "a bisect is in progress: end it (git bisect reset) first";
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE:
		return "git am is in progress: finish it (git am --continue) "
		    "or abort it (git am --abort) first";
	default:
		return "a rebase is in progress: finish it (git rebase "
		    "--continue) or abort it (git rebase --abort) first";
	}
}

int
repo_ready(struct repo *r, struct diags *d)
{
	const char *why;
	git_config *cfg = NULL;
	int rc = -1, det;

	if (r->has_tip) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "a commit is read, not "
		    "the work tree: nothing can be changed");
		goto out;
	}
	if ((why = state_problem(git_repository_state(r->git))) != NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s", why);
		goto out;
	}
	if ((det = git_repository_head_detached(r->git)) != 0) {
		if (det < 0)
			repo_fail_git(d, "cannot read HEAD");
		else
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "HEAD is "
			    "detached (not on a branch), so a commit would be "
			    "lost: switch to a branch first (git switch NAME)");
		goto out;
	}
	if (git_repository_config_snapshot(&cfg, r->git) < 0) {
		repo_fail_git(d, "cannot read the git configuration");
		goto out;
	}
	ident_free(&r->author);
	ident_free(&r->committer);
	if (ident_resolve(cfg, "AUTHOR", "author", &r->author, d) == -1 ||
	    ident_resolve(cfg, "COMMITTER", "committer", &r->committer,
	    d) == -1)
		goto out;
	/* The reflog names the committer, as git's does. */
	(void)git_repository_set_ident(r->git, r->committer.name,
	    r->committer.email);
	r->ready = 1;
	rc = 0;
out:
	git_config_free(cfg);
	return rc;
}

int
repo_ignores(git_repository *git, const char *gpath, int tracked)
{
	int ignored = 0;

	if (tracked)
		return 0;
	if (git_ignore_path_is_ignored(&ignored, git, gpath) < 0)
		return -1;
	return ignored != 0;
}

int
repo_ignored(struct repo *r, const char *path)
{
	char *p = xasprintf("%s%s", r->prefix, path);
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_tree_entry *e = NULL;
	git_index *idx = NULL;
	git_oid id;
	int rc, tracked;

	/*
	 * The ignore rules first, then whether git has the file: HEAD's
	 * tree, then the index (git status would say the same, but walks
	 * the whole work tree to say it).
	 */
	if ((rc = repo_ignores(r->git, p, 0)) != 1)
		goto out;
	tracked = (git_repository_head_unborn(r->git) != 1 &&
	    git_reference_name_to_id(&id, r->git, "HEAD") == 0 &&
	    git_commit_lookup(&head, r->git, &id) == 0 &&
	    git_commit_tree(&tree, head) == 0 &&
	    git_tree_entry_bypath(&e, tree, p) == 0) ||
	    (git_repository_index(&idx, r->git) == 0 &&
	    git_index_get_bypath(idx, p, 0) != NULL);
	/* Named by a .gitignore (rc 1): ignored unless git has it. */
	if (tracked)
		rc = 0;
out:
	git_index_free(idx);
	git_tree_entry_free(e);
	git_tree_free(tree);
	git_commit_free(head);
	free(p);
	return rc;
}

const char *
repo_gitdir(const struct repo *r)
{
	return git_repository_path(r->git);
}

git_repository *
repo_git(const struct repo *r)
{
	return r->git;
}

const char *
repo_workdir(const struct repo *r)
{
	return r->workdir;
}

const char *
repo_prefix(const struct repo *r)
{
	return r->prefix;
}

int
repo_is_ready(const struct repo *r)
{
	return r->ready;
}

const struct repo_ident *
repo_committer(const struct repo *r)
{
	return r->ready ? &r->committer : NULL;
}

char *
repo_state_path(const char *gitdir, const char *name)
{
	return xasprintf("%srapport/%s", gitdir, name);
}

/* ---- a new repository --------------------------------------------- */

int
repo_init(const char *dir, int *created, struct diags *d)
{
	git_repository *git = NULL;
	git_config *live = NULL, *cfg = NULL;
	struct repo_ident a = { NULL, NULL, 0, 0 }, c = { NULL, NULL, 0, 0 };
	int rc;

	*created = 0;
	repo_lib_init();
	if ((rc = git_repository_open_ext(&git, dir, 0, NULL)) == 0)
		goto out;
	if (rc != GIT_ENOTFOUND) {
		repo_fail_git(d, "cannot open the git repository");
		goto out;
	}
	/* No repository is made for commits that could not be signed. */
	if ((rc = git_config_open_default(&live)) < 0 ||
	    (rc = git_config_snapshot(&cfg, live)) < 0) {
		repo_fail_git(d, "cannot read the git configuration");
		goto out;
	}
	if (ident_resolve(cfg, "AUTHOR", "author", &a, d) == -1 ||
	    ident_resolve(cfg, "COMMITTER", "committer", &c, d) == -1) {
		rc = -1;
		goto out;
	}
	if ((rc = git_repository_init(&git, dir, 0)) < 0) {
		repo_fail_git(d, "cannot make a git repository");
		goto out;
	}
	*created = 1;
out:
	ident_free(&a);
	ident_free(&c);
	git_config_free(cfg);
	git_config_free(live);
	git_repository_free(git);
	git_libgit2_shutdown();
	return rc < 0 ? -1 : 0;
}

int
repo_config_set(struct repo *r, const char *key, const char *value,
    struct diags *d)
{
	git_config *cfg = NULL, *local = NULL;
	int rc = -1;

	/* The repository's own file, .git/config: never the user's. */
	if (git_repository_config(&cfg, r->git) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_string(local, key, value) < 0)
		repo_fail_git(d, "cannot set the repository's git config");
	else
		rc = 0;
	git_config_free(local);
	git_config_free(cfg);
	return rc;
}

int
repo_blob_text(git_repository *git, const git_oid *id, char **s, size_t *len)
{
	git_blob *blob = NULL;
	size_t n;

	if (git_blob_lookup(&blob, git, id) < 0)
		return -1;
	n = (size_t)git_blob_rawsize(blob);
	*s = xmalloc(n + 1);
	memcpy(*s, git_blob_rawcontent(blob), n);
	(*s)[n] = '\0';
	*len = n;
	git_blob_free(blob);
	return 0;
}
