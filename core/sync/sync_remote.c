/*
 * sync_remote.c: the remote of a sync (see sync_int.h): which remote and
 * branch, and fetching and pushing through the git program.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "gitproc.h"
#include "repo.h"
#include "sync_int.h"
#include "util.h"

#define DEFAULT_REMOTE	"origin"

static char *
config_string(git_config *cfg, const char *key)
{
	git_buf b = { NULL, 0, 0 };
	char *s = NULL;

	if (git_config_get_string_buf(&b, cfg, key) == 0)
		s = xstrdup(b.ptr);
	git_buf_dispose(&b);
	return s;
}

/* A fetch refspec of the remote's: where it keeps the remote branch. */
static int
map_refspec(const git_config_entry *e, void *arg)
{
	struct sync_names *n = arg;
	git_refspec *rs = NULL;
	git_buf b = { NULL, 0, 0 };

	if (n->tracking == NULL && git_refspec_parse(&rs, e->value, 1) == 0 &&
	    git_refspec_src_matches(rs, n->merge) &&
	    git_refspec_transform(&b, rs, n->merge) == 0)
		n->tracking = xstrdup(b.ptr);
	git_buf_dispose(&b);
	git_refspec_free(rs);
	return 0;
}

/* The branch, the remote and the remote's branch, as sync.h says. */
int
sync_names_find(struct repo *r, const char *want, struct sync_names *n,
    struct diags *d)
{
	git_reference *head = NULL;
	git_config *cfg = NULL;
	const char *target, *shortname;
	char *key, *up_remote, *up_merge, *url;
	int rc = -1;

	memset(n, 0, sizeof(*n));
	if (git_reference_lookup(&head, repo_git(r), "HEAD") < 0 ||
	    (target = git_reference_symbolic_target(head)) == NULL ||
	    strncmp(target, "refs/heads/", 11) != 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "HEAD is not on a "
		    "branch: switch to a branch first (git switch NAME)");
		goto out;
	}
	n->local = xstrdup(target);
	shortname = target + 11;
	if (git_repository_config_snapshot(&cfg, repo_git(r)) < 0) {
		repo_fail_git(d, "cannot read the git configuration");
		goto out;
	}
	key = xasprintf("branch.%s.remote", shortname);
	up_remote = config_string(cfg, key);
	free(key);
	key = xasprintf("branch.%s.merge", shortname);
	up_merge = config_string(cfg, key);
	free(key);
	if (up_remote != NULL && strcmp(up_remote, ".") == 0) {
		free(up_remote);
		up_remote = NULL;
	}
	n->remote = xstrdup(want != NULL ? want : up_remote != NULL ?
	    up_remote : DEFAULT_REMOTE);
	n->merge = up_merge != NULL && up_remote != NULL &&
	    strcmp(up_remote, n->remote) == 0 ? xstrdup(up_merge) :
	    xstrdup(target);
	free(up_remote);
	free(up_merge);
	/*
	 * The remote from the config itself: libgit2 1.5's git_remote_lookup
	 * leaks the regular expressions' match data at each call.
	 */
	key = xasprintf("remote.%s.url", n->remote);
	url = config_string(cfg, key);
	free(key);
	if (url == NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "there is no remote "
		    "named '%s': add the shared repository with 'git remote "
		    "add %s URL' (any git host will do)", n->remote,
		    n->remote);
		goto out;
	}
	free(url);
	key = xasprintf("remote.%s.fetch", n->remote);
	(void)git_config_get_multivar_foreach(cfg, key, NULL, map_refspec, n);
	free(key);
	if (n->tracking == NULL) {
		n->tracking = xasprintf("refs/remotes/%s/%s", n->remote,
		    strncmp(n->merge, "refs/heads/", 11) == 0 ? n->merge + 11 :
		    n->merge);
		n->explicit_fetch = 1;
	}
	rc = 0;
out:
	git_config_free(cfg);
	git_reference_free(head);
	return rc;
}

void
sync_names_free(struct sync_names *n)
{
	free(n->local);
	free(n->remote);
	free(n->merge);
	free(n->tracking);
}

/* Where ref points: 1, 0 when it does not exist, -1 (reported). */
int
sync_ref(struct repo *r, const char *ref, git_oid *id, struct diags *d)
{
	int rc = git_reference_name_to_id(id, repo_git(r), ref);

	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0) {
		repo_fail_git(d, "cannot read a branch");
		return -1;
	}
	return 1;
}

/* ---- the network ----------------------------------------------------- */

int
sync_fetch(struct repo *r, const struct sync_names *n, struct diags *d)
{
	struct gitproc p;
	char *spec = xasprintf("+%s:%s", n->merge, n->tracking);
	const char *plain[] = { "fetch", "--quiet", n->remote, NULL };
	const char *exact[] = { "fetch", "--quiet", n->remote, spec, NULL };
	int rc = -1;

	if (gitproc_run(repo_workdir(r), n->explicit_fetch ? exact : plain, &p,
	    d) == -1)
		goto out;
	if (p.status != 0) {
		gitproc_report(&p, DIAG_ERROR, d);
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "git could not fetch "
		    "from %s (it said why above): nothing was merged or pushed",
		    n->remote);
		goto out;
	}
	rc = 0;
out:
	gitproc_free(&p);
	free(spec);
	return rc;
}

/*
 * Pushes the branch: 0 when the remote took it, -1 when not, with git's
 * words left in p for the caller: the next fetch tells whether the remote
 * had moved (then merge and push again) or git's words stand.  git's own
 * wording of a refusal is not relied on: it is translated, and a remote
 * that moves while taking a push says so in words of its own.
 */
int
sync_push(struct repo *r, const struct sync_names *n, struct gitproc *p,
    struct diags *d)
{
	char *spec = xasprintf("%s:%s", n->local, n->merge);
	const char *args[] = { "push", "--quiet", n->remote, spec, NULL };
	int rc;

	rc = gitproc_run(repo_workdir(r), args, p, d) == -1 ? -2 :
	    p->status == 0 ? 0 : -1;
	free(spec);
	return rc;
}
