/*
 * commit.c: the commit object of a change and the branch it moves (see
 * change_int.h).  The commit is written without moving anything; the
 * branch is moved last, by compare and swap, and read back.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "change_int.h"
#include "fileio.h"
#include "util.h"


/* libgit2's signature of who, as repo_ready found them. */
static int
signature(git_signature **sig, const struct repo_ident *who)
{
	return git_signature_new(sig, who->name, who->email,
	    (git_time_t)who->when, who->offset);
}

/*
 * Whether a fresh object database holds the commit, its tree and every
 * new blob: a reopened database has nothing cached, so what it reads
 * back is on disk.  The objects are in the common git folder: in a
 * linked worktree (git worktree add) git_repository_path is the
 * worktree's own folder, which has none.
 */
int
commit_stored(struct change *ch, const git_oid *commit, const git_oid *tree)
{
	char *dir = xasprintf("%sobjects",
	    git_repository_commondir(repo_git(ch->r)));
	git_odb *odb = NULL;
	git_odb_object *o = NULL;
	size_t i;
	int ok = 0;

	if (git_odb_open(&odb, dir) < 0)
		goto out;
	if (git_odb_read(&o, odb, commit) < 0 ||
	    git_odb_object_type(o) != GIT_OBJECT_COMMIT)
		goto out;
	git_odb_object_free(o);
	o = NULL;
	if (git_odb_read(&o, odb, tree) < 0 ||
	    git_odb_object_type(o) != GIT_OBJECT_TREE)
		goto out;
	for (i = 0; i < ch->n; i++) {
		const struct item *it = &ch->v[i];

		if ((it->commit_changed && it->commit_exists &&
		    !git_odb_exists(odb, &it->commit_id)) ||
		    (it->index_exists && !git_odb_exists(odb,
		    &it->new_index_id)))
			goto out;
	}
	ok = 1;
out:
	git_odb_object_free(o);
	git_odb_free(odb);
	free(dir);
	return ok;
}

/* The branch HEAD names (allocated) and where it points (NULL: unborn). */
int
commit_branch(git_repository *git, char **name, git_oid *id, int *unborn,
    struct diags *d)
{
	git_reference *head = NULL;
	const char *target;
	int rc;

	*name = NULL;
	if (git_reference_lookup(&head, git, "HEAD") < 0 ||
	    (target = git_reference_symbolic_target(head)) == NULL) {
		git_reference_free(head);
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "HEAD is not on a "
		    "branch: switch to a branch first (git switch NAME)");
		return -1;
	}
	*name = xstrdup(target);
	git_reference_free(head);
	rc = git_reference_name_to_id(id, git, *name);
	*unborn = rc == GIT_ENOTFOUND;
	if (rc < 0 && !*unborn) {
		repo_fail_git(d, "cannot read the branch");
		free(*name);
		*name = NULL;
		return -1;
	}
	return 0;
}

/* core.filesRefLockTimeout in ms, as git reads it: 100, -1 for ever. */
static int
ref_lock_wait(git_repository *git)
{
	git_config *cfg = NULL;
	int32_t ms = 100;

	if (git_repository_config_snapshot(&cfg, git) == 0 &&
	    git_config_get_int32(&ms, cfg, "core.filesRefLockTimeout") < 0)
		ms = 100;
	git_config_free(cfg);
	return ms < -1 ? 0 : (int)ms;
}

/* Branch name from old (NULL: unborn) to new, if it is at old. */
static int
ref_set(git_repository *git, const char *name, const git_oid *old,
    const git_oid *new, const char *log)
{
	git_reference *ref = NULL;
	int err;

	if (old == NULL)
		err = git_reference_create(&ref, git, name, new, 0, log);
	else
		err = git_reference_create_matching(&ref, git, name, new, 1,
		    old, log);
	git_reference_free(ref);
	return err;
}

/*
 * Moves branch name from old (NULL: it does not exist) to new, only if it
 * is still there, and reads it back.  0, or -1 (reported).
 */
int
commit_move(git_repository *git, const char *name, const git_oid *old,
    const git_oid *new, const char *log, struct diags *d)
{
	struct timespec step = { 0, STEP_MS * 1000000L };
	git_oid now;
	int err, waited = 0, wait_ms = ref_lock_wait(git);

	/*
	 * git gc packs refs, holding each branch's lock for a moment: git
	 * tries again for core.filesRefLockTimeout, and so do we.
	 */
	while ((err = ref_set(git, name, old, new, log)) == GIT_ELOCKED &&
	    (wait_ms < 0 || waited < wait_ms)) {
		nanosleep(&step, NULL);
		waited += STEP_MS;
	}
	if (err == GIT_ELOCKED) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "git is updating the "
		    "branch (%s%s.lock exists): wait for that git command to "
		    "finish; if none is running, one crashed: remove the file; "
		    "nothing was changed", git_repository_commondir(git), name);
		return -1;
	}
	if (err == GIT_EMODIFIED || err == GIT_EEXISTS) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the branch moved "
		    "while rapport was committing (another git command?): "
		    "nothing was changed; try again");
		return -1;
	}
	if (err < 0) {
		repo_fail_git(d, "cannot move the branch");
		return -1;
	}
	if (git_reference_name_to_id(&now, git, name) < 0 ||
	    !git_oid_equal(&now, new)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the branch %s does "
		    "not point at the new commit after moving it", name);
		return -1;
	}
	return 0;
}

/* The reflog's line, as git writes it. */
char *
commit_reflog(const char *msg, int initial, int merge)
{
	size_t n = strcspn(msg, "\n");

	return xasprintf("commit%s: %.*s", initial ? " (initial)" : merge ?
	    " (merge)" : "", (int)n, msg);
}

int
commit_make(struct change *ch, git_tree *base, const git_oid *old,
    const char *msg, git_oid *tree_id, git_oid *commit_id, struct diags *d)
{
	git_repository *git = repo_git(ch->r);
	git_tree_update *up = xcalloc(ch->n + 1, sizeof(*up));
	const git_commit *parents[9];
	git_commit *pc[9];
	git_signature *author = NULL, *committer = NULL;
	git_tree *tree = NULL;
	char *message = NULL;
	size_t i, nup = 0, np = 0, mlen;
	int rc = -1;

	memset(pc, 0, sizeof(pc));
	for (i = 0; i < ch->n; i++) {
		struct item *it = &ch->v[i];

		if (!it->commit_changed)
			continue;
		up[nup].path = it->gpath;
		if (it->commit_exists) {
			up[nup].action = GIT_TREE_UPDATE_UPSERT;
			git_oid_cpy(&up[nup].id, &it->commit_id);
			up[nup].filemode = (git_filemode_t)it->commit_mode;
		} else
			up[nup].action = GIT_TREE_UPDATE_REMOVE;
		nup++;
	}
	if (git_tree_create_updated(tree_id, git, base, nup, up) < 0) {
		repo_fail_git(d, "cannot make the commit's tree");
		goto out;
	}
	if (ch->targeted) {
		/* A fast-forward: the commit exists, and its tree must. */
		git_commit *t = NULL;
		int same = git_commit_lookup(&t, git, &ch->target) == 0 &&
		    git_oid_equal(git_commit_tree_id(t), tree_id);

		git_commit_free(t);
		if (!same) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "internal error: "
			    "the files of the fast-forward do not make its "
			    "commit's tree; nothing was changed");
			goto out;
		}
		git_oid_cpy(commit_id, &ch->target);
		rc = 0;
		goto out;
	}
	if (ch->nparents == 0 && ((base != NULL &&
	    git_oid_equal(tree_id, git_tree_id(base))) ||
	    (base == NULL && nup == 0))) {
		rc = 1;
		goto out;
	}
	if (old != NULL && git_commit_lookup(&pc[np++], git, old) < 0) {
		repo_fail_git(d, "cannot read HEAD");
		goto out;
	}
	for (i = 0; i < ch->nparents; i++)
		if (git_commit_lookup(&pc[np++], git, &ch->parents[i]) < 0) {
			repo_fail_git(d, "cannot read a parent of the merge");
			goto out;
		}
	for (i = 0; i < np; i++)
		parents[i] = pc[i];
	mlen = strlen(msg);
	message = xasprintf("%s%s", msg, mlen > 0 && msg[mlen - 1] == '\n' ?
	    "" : "\n");
	if (git_tree_lookup(&tree, git, tree_id) < 0 ||
	    signature(&author, repo_author(ch->r)) < 0 ||
	    signature(&committer, repo_committer(ch->r)) < 0 ||
	    git_commit_create(commit_id, git, NULL, author, committer, NULL,
	    message, tree, np, parents) < 0) {
		repo_fail_git(d, "cannot make the commit");
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < np; i++)
		git_commit_free(pc[i]);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	free(message);
	free(up);
	return rc;
}


const char *const commit_merge_files[3] = { "MERGE_HEAD", "MERGE_MSG",
    "MERGE_MODE" };

static char *
merge_file(git_repository *git, const char *name)
{
	return xasprintf("%s%s", git_repository_path(git), name);
}

int
commit_record(git_repository *git, const git_oid *id, const char *msg)
{
	char hex[GIT_OID_HEXSZ + 2], *p;
	int rc = 0;

	git_oid_tostr(hex, GIT_OID_HEXSZ + 1, id);
	strcat(hex, "\n");
	p = merge_file(git, "MERGE_MSG");
	rc |= file_write_atomic(p, msg, strlen(msg));
	free(p);
	p = merge_file(git, "MERGE_MODE");
	rc |= file_write_atomic(p, "", 0);
	free(p);
	/* Last: MERGE_HEAD is what makes it a merge in progress. */
	p = merge_file(git, "MERGE_HEAD");
	rc |= file_write_atomic(p, hex, strlen(hex));
	free(p);
	return rc != 0 ? -1 : 0;
}

int
commit_recorded(git_repository *git, const git_oid *id)
{
	char *p = merge_file(git, "MERGE_HEAD"), *data = NULL;
	size_t len = 0;
	git_oid got;
	int rc = 0;

	if (file_read_all(p, &data, &len) == 0 && len >= GIT_OID_HEXSZ &&
	    git_oid_fromstrn(&got, data, GIT_OID_HEXSZ) == 0)
		rc = git_oid_equal(&got, id);
	free(data);
	free(p);
	return rc;
}

void
commit_unrecord(git_repository *git, const git_oid *id)
{
	char *p = merge_file(git, "MERGE_HEAD");
	size_t i;

	if (access(p, F_OK) == 0 && !commit_recorded(git, id)) {
		free(p);
		return;		/* someone else's merge */
	}
	free(p);
	for (i = 0; i < 3; i++) {
		p = merge_file(git, commit_merge_files[i]);
		(void)unlink(p);
		(void)file_sync_parent(p);
		free(p);
	}
}
