/*
 * sync.c: fetch, merge, push (see sync.h).
 *
 * Every change to the work tree, the index and the branch goes through
 * the write path: a fast-forward is a change whose commit already exists,
 * a merge a change with a second parent, a conflict a change that commits
 * nothing.  So a sync cut short by a crash is finished or taken back like
 * any other change, and hand edits are never swept into it: a file the
 * merge would change that holds uncommitted work stops it.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "change.h"
#include "conflict.h"
#include "gitproc.h"
#include "merge.h"
#include "repo.h"
#include "sync_int.h"
#include "sync.h"
#include "treemerge.h"
#include "util.h"

/* ---- putting a merge in place ---------------------------------------- */

/* The merged version of one file, for the write path. */
struct put {
	const struct treemerge_file *f;
	const char *path;		/* relative to the workspace */
};

static int
same(const struct change_text *a, const struct change_text *b)
{
	return a->exists == b->exists && (!a->exists || (a->len == b->len &&
	    a->link == b->link && memcmp(a->s, b->s, a->len) == 0));
}

static enum change_verdict
put_merged(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct put *p = arg;

	if (side == CHANGE_INDEX) {
		diag_msg(d, p->path, 0, 0, DIAG_ERROR, "has staged changes "
		    "and the merge changes this file: commit them, or unstage "
		    "them (git restore --staged), and sync again");
		return CHANGE_ABORT;
	}
	if (side == CHANGE_WORK && !same(&old[CHANGE_HEAD], &old[CHANGE_WORK])) {
		diag_msg(d, p->path, 0, 0, DIAG_ERROR, "%s, and the merge "
		    "changes this file: commit that (or put it aside) and sync "
		    "again", old[CHANGE_HEAD].exists ? "has changes that are "
		    "not committed" : "is here but not in git");
		return CHANGE_ABORT;
	}
	if (!p->f->exists)
		return CHANGE_REMOVE;
	buf_putn(out, p->f->text, p->f->len);
	return CHANGE_WRITE;
}

/* The files that take theirs whole: a fast-forward from ours to tip. */
static int
ff_files(struct repo *r, const git_oid *ours, const git_oid *tip,
    struct treemerge *t, struct diags *d)
{
	git_commit *oc = NULL, *tc = NULL;
	git_tree *ot = NULL, *tt = NULL;
	git_diff *diff = NULL;
	size_t i, n, cap = 0;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	if ((ours != NULL && (git_commit_lookup(&oc, repo_git(r), ours) < 0 ||
	    git_commit_tree(&ot, oc) < 0)) ||
	    git_commit_lookup(&tc, repo_git(r), tip) < 0 ||
	    git_commit_tree(&tt, tc) < 0 ||
	    git_diff_tree_to_tree(&diff, repo_git(r), ot, tt, NULL) < 0) {
		repo_fail_git(d, "cannot compare the commits");
		goto out;
	}
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *g = git_diff_get_delta(diff, i);
		struct treemerge_file *f;

		xgrow(&t->v, &cap, t->n + 1, sizeof(*t->v));
		f = &t->v[t->n++];
		memset(f, 0, sizeof(*f));
		f->exists = g->status != GIT_DELTA_DELETED;
		f->path = xstrdup(f->exists ? g->new_file.path :
		    g->old_file.path);
		f->client = treemerge_client(repo_prefix(r), f->path);
		t->nclients += f->client;
		if (!f->exists)
			continue;
		f->mode = g->new_file.mode;
		if (!treemerge_mergeable(f->path, f->mode, d))
			goto out;
		if (repo_blob_text(repo_git(r), &g->new_file.id, &f->text,
		    &f->len) == -1) {
			repo_fail_git(d, "cannot read a file of the merge");
			goto out;
		}
	}
	rc = 0;
out:
	git_diff_free(diff);
	git_tree_free(ot);
	git_tree_free(tt);
	git_commit_free(oc);
	git_commit_free(tc);
	return rc;
}

/* Every merged client file and rapport.ini that the merge changes. */
static int
validate(struct repo *r, const struct sync_opts *o, const struct treemerge *t,
    const char *branch, struct diags *d)
{
	size_t i, np = strlen(repo_prefix(r)), nerr = 0;

	for (i = 0; o->valid != NULL && i < t->n; i++) {
		const struct treemerge_file *f = &t->v[i];

		if (f->client && f->exists && f->conflicts == 0)
			nerr += (size_t)o->valid(f->path + np, f->text, f->len,
			    o->arg, d);
	}
	if (nerr > 0)
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the merge with %s "
		    "gives %zu error%s: nothing was merged or pushed; "
		    "fix %s on the side that made %s, then sync again", branch,
		    nerr, nerr == 1 ? "" : "s", nerr == 1 ? "it" : "them",
		    nerr == 1 ? "it" : "them");
	return nerr > 0 ? -1 : 0;
}

/* The message git merge leaves for a merge waiting for a person. */
static char *
merge_message(const char *branch, const struct treemerge *t)
{
	struct buf msg = { 0 };
	size_t i;

	buf_printf(&msg, "Merge remote-tracking branch '%s'\n\n# Conflicts:\n",
	    branch);
	for (i = 0; i < t->n; i++)
		if (t->v[i].conflicts > 0)
			buf_printf(&msg, "#\t%s\n", t->v[i].path);
	return buf_detach(&msg);
}

/*
 * Puts t in place: committed on ours with tip as second parent (merge),
 * as tip itself (a fast-forward), or, with conflicts, uncommitted.
 */
static int
put_in_place(struct repo *r, const struct treemerge *t, const git_oid *tip,
    int ff, const char *branch, int no_verify, struct diags *d)
{
	struct change *ch = NULL;
	struct put *want = xcalloc(t->n + 1, sizeof(*want));
	char hex[GIT_OID_HEXSZ + 1], *msg = NULL;
	size_t i, k, np = strlen(repo_prefix(r));
	int rc = -1;

	git_oid_tostr(hex, sizeof(hex), tip);
	for (i = 0; i < t->n; i++)
		if (strncmp(t->v[i].path, repo_prefix(r), np) != 0) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the merge "
			    "changes %s, outside the workspace: merge with git "
			    "(git merge %s)", t->v[i].path, branch);
			goto out;
		}
	if ((ch = change_begin(r, d)) == NULL)
		goto out;
	/* git merge's hooks: pre-merge-commit, ..., post-merge. */
	change_hooks(ch, CHANGE_AS_MERGE | (no_verify ? CHANGE_NO_VERIFY : 0));
	for (i = 0; i < t->n; i++) {
		const struct treemerge_file *f = &t->v[i];

		want[i].f = f;
		want[i].path = f->path + np;
		change_file(ch, want[i].path, put_merged, &want[i]);
		if (f->exists)
			change_mode(ch, f->mode);
		if (f->conflicts > 0) {
			struct change_stages s;

			memset(&s, 0, sizeof(s));
			for (k = 0; k < 3; k++) {
				if (!git_oid_is_zero(&f->stage[k]))
					git_oid_tostr(s.id[k], 41,
					    &f->stage[k]);
				s.mode[k] = f->stage_mode[k];
			}
			change_conflict(ch, &s);
		}
	}
	if (t->nconflicts > 0) {
		msg = merge_message(branch, t);
		if (change_merge_head(ch, hex, msg, d) == -1 ||
		    change_apply(ch, d) == -1)
			goto out;
		rc = 0;
		goto out;
	}
	if (ff) {
		msg = xasprintf("merge %s: Fast-forward", branch);
		if (change_target(ch, hex, msg, d) == -1)
			goto out;
	} else {
		msg = xasprintf("Merge remote-tracking branch '%s'", branch);
		if (change_parent(ch, hex, d) == -1)
			goto out;
	}
	{
		char id[41];

		if (change_commit(ch, msg, id, d) == -1)
			goto out;
	}
	rc = 0;
out:
	change_free(ch);
	free(want);
	free(msg);
	return rc;
}

/* ---- the rounds ------------------------------------------------------ */

/* The commits reachable from a and not from b (NULL: none). */
static size_t
count_new(struct repo *r, const git_oid *a, const git_oid *b)
{
	git_oid *v = NULL;
	size_t n = 0;

	if (repo_walk(r, a, b, &v, &n) == -1)
		n = 0;
	free(v);
	return n;
}

static int
uncommitted(struct repo *r, struct diags *d)
{
	struct repo_file *f = NULL;
	size_t n = 0, i, bad = 0;

	if (repo_changes(r, &f, &n, d) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (f[i].kind != REPO_IGNORED) {
			diag_msg(d, f[i].path, 0, 0, DIAG_ERROR, "%s: commit it "
			    "first (rapport commit), then sync",
			    f[i].kind == REPO_ADDED ? "new, not committed" :
			    f[i].kind == REPO_REMOVED ? "removed, not committed" :
			    "changed, not committed");
			bad++;
		}
	repo_files_free(f, n);
	return bad > 0 ? -1 : 0;
}

/*
 * What each conflict c marks in file f is about, naming the sides "here"
 * and "on BRANCH" (NULL where it cannot be told).
 */
static char **
describe(const struct treemerge_file *f, const struct sync_conflict *c,
    const char *branch)
{
	char **what = xcalloc((size_t)c->nlines + 1, sizeof(*what));
	char *there = xasprintf("on %s", branch != NULL ? branch :
	    "the remote");
	const char *p = f->text;
	int line = 1, k;

	for (k = 0; k < c->nlines; k++) {
		struct buf b = { 0 };

		/* Lines counted on from the last conflict's. */
		for (; line < c->lines[k] && p != NULL; line++)
			if ((p = memchr(p, '\n', (size_t)(f->text + f->len -
			    p))) != NULL)
				p++;
		if (p != NULL && conflict_describe(f->text, f->len,
		    (size_t)(p - f->text), "here", there, &b) == 0)
			what[k] = buf_detach(&b);
		buf_free(&b);
	}
	free(there);
	return what;
}

static void
keep_conflicts(struct repo *r, const struct treemerge *t,
    struct sync_result *res)
{
	size_t i, np = strlen(repo_prefix(r));

	res->conflicts = xcalloc(t->n + 1, sizeof(*res->conflicts));
	for (i = 0; i < t->n; i++)
		if (t->v[i].conflicts > 0) {
			struct sync_conflict *c =
			    &res->conflicts[res->nconflicts++];

			c->path = xstrdup(t->v[i].path + np);
			c->n = t->v[i].conflicts;
			c->why = t->v[i].why;
			c->lines = xcalloc(t->v[i].len / 8 + 1, sizeof(*c->lines));
			c->nlines = merge_marks(t->v[i].text, t->v[i].len,
			    c->lines);
			c->what = describe(&t->v[i], c, res->branch);
		}
}

/* A file both sides reordered, differently: this side's order stays. */
static void
said_reordered(struct repo *r, const struct treemerge *t, const char *branch,
    struct diags *d)
{
	size_t i, np = strlen(repo_prefix(r));

	for (i = 0; i < t->n; i++)
		if (t->v[i].said & MERGE_BOTH_REORDERED)
			diag_msg(d, t->v[i].path + np, 0, 0, DIAG_WARNING,
			    "reordered here and on %s, differently: the order "
			    "here is kept, with %s's new entries and keys "
			    "placed in it", branch, branch);
}

/* One round's merge: 0 done (or nothing to do), 1 conflicts, -1. */
static int
merge_round(struct repo *r, const struct sync_opts *o, const char *branch,
    const git_oid *head, int unborn, const git_oid *tip,
    struct sync_result *res, struct diags *d)
{
	struct treemerge t;
	git_oid base;
	int rc = -1, ff, err;

	memset(&t, 0, sizeof(t));
	if (!unborn && (git_oid_equal(head, tip) ||
	    git_graph_descendant_of(repo_git(r), head, tip) == 1))
		return 0;
	ff = unborn || git_graph_descendant_of(repo_git(r), tip, head) == 1;
	if (ff) {
		if (ff_files(r, unborn ? NULL : head, tip, &t, d) == -1)
			goto out;
	} else {
		if ((err = git_merge_base(&base, repo_git(r), head, tip)) ==
		    GIT_ENOTFOUND) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s has no "
			    "history in common with this workspace (two "
			    "separate 'rapport init's?): nothing was merged; "
			    "clone the shared one instead", branch);
			goto out;
		}
		if (err < 0) {
			repo_fail_git(d, "cannot find where the histories meet");
			goto out;
		}
		if (treemerge_run(repo_git(r), repo_prefix(r), &base, head, tip, &t,
		    d) == -1)
			goto out;
	}
	said_reordered(r, &t, branch, d);
	if (validate(r, o, &t, branch, d) == -1 ||
	    put_in_place(r, &t, tip, ff, branch, o->no_verify, d) == -1)
		goto out;
	res->merged += t.nclients;
	res->fast_forward = ff;
	res->merge_commit |= !ff && t.nconflicts == 0;
	if (t.nconflicts > 0) {
		keep_conflicts(r, &t, res);
		rc = 1;
		goto out;
	}
	rc = 0;
out:
	treemerge_free(&t);
	return rc;
}

/* Whether the remote branch is where it was (had: it existed) at a push. */
static int
stayed(int had, const git_oid *was, int has, const git_oid *now)
{
	return had == has && (!has || git_oid_equal(was, now));
}

static void
push_refused(const struct gitproc *p, const struct sync_names *n,
    const struct sync_result *res, struct diags *d)
{
	gitproc_report(p, DIAG_ERROR, d);
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "git could not push to %s "
	    "(it said why above)%s; run 'rapport sync' again once that is "
	    "fixed", n->remote, res->merge_commit ? ": the merge is committed "
	    "here" : "");
}

int
sync_run(struct repo *r, const struct sync_opts *o, struct sync_result *res,
    struct diags *d)
{
	struct sync_names n;
	struct gitproc failed;
	git_oid head, tip, failed_tip;
	int round, has_head, has_tip, rc = SYNC_FAILED, m;
	int failed_push = 0, failed_had_tip = 0;

	memset(res, 0, sizeof(*res));
	memset(&failed, 0, sizeof(failed));
	memset(&failed_tip, 0, sizeof(failed_tip));
	if (sync_names_find(r, o->remote, &n, d) == -1)
		goto out;
	res->remote = xstrdup(n.remote);
	res->branch = xstrdup(strncmp(n.tracking, "refs/remotes/", 13) == 0 ?
	    n.tracking + 13 : n.tracking);
	if (git_repository_state(repo_git(r)) == GIT_REPOSITORY_STATE_MERGE) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "a merge is waiting "
		    "to be concluded: resolve its conflicts ('rapport check' "
		    "shows them), then 'rapport commit', then sync again");
		goto out;
	}
	/*
	 * A sync (or any change) killed half way left a journal: finished or
	 * taken back first, else its files would look uncommitted.
	 */
	if (change_settle(r, d) == -1 || uncommitted(r, d) == -1)
		goto out;
	for (round = 1; round <= (o->tries > 0 ? o->tries : 1); round++) {
		res->rounds = round;
		if (sync_fetch(r, &n, d) == -1 ||
		    (has_tip = sync_ref(r, n.tracking, &tip, d)) == -1 ||
		    (has_head = sync_ref(r, n.local, &head, d)) == -1)
			goto out;
		if (failed_push && stayed(failed_had_tip, &failed_tip, has_tip,
		    &tip)) {
			push_refused(&failed, &n, res, d);
			goto out;
		}
		failed_push = 0;
		if (has_tip)
			res->fetched += count_new(r, &tip, has_head ? &head :
			    NULL);
		if (has_tip && (m = merge_round(r, o, res->branch, &head,
		    !has_head, &tip, res, d)) != 0) {
			rc = m == 1 ? SYNC_CONFLICTS : SYNC_FAILED;
			goto out;
		}
		if ((has_head = sync_ref(r, n.local, &head, d)) == -1)
			goto out;
		if (!has_head || (has_tip && git_oid_equal(&head, &tip))) {
			res->nothing = res->pushed == 0 && res->merged == 0 &&
			    res->fetched == 0;
			rc = SYNC_DONE;
			goto out;
		}
		res->no_remote_branch = !has_tip;
		res->pushed = count_new(r, &head, has_tip ? &tip : NULL);
		gitproc_free(&failed);
		if ((m = sync_push(r, &n, &failed, d)) == -2)
			goto out;
		if (m == 0) {
			rc = SYNC_DONE;
			goto out;
		}
		/*
		 * Refused: the next fetch tells whether the remote moved
		 * meanwhile (then merge again) or git's refusal stands.
		 */
		res->pushed = 0;
		failed_tip = tip;
		failed_had_tip = has_tip;
		failed_push = 1;
	}
	if (sync_fetch(r, &n, d) == -1 ||
	    (has_tip = sync_ref(r, n.tracking, &tip, d)) == -1)
		goto out;
	if (stayed(failed_had_tip, &failed_tip, has_tip, &tip)) {
		push_refused(&failed, &n, res, d);
		goto out;
	}
	rc = SYNC_BUSY;
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s kept moving: %d rounds of "
	    "fetch, merge and push were each overtaken by someone else's "
	    "push; what was merged is committed here: run 'rapport sync' "
	    "again", res->branch, res->rounds);
out:
	gitproc_free(&failed);
	sync_names_free(&n);
	return rc;
}

void
sync_result_free(struct sync_result *res)
{
	size_t i;

	if (res == NULL)
		return;
	for (i = 0; i < res->nconflicts; i++) {
		struct sync_conflict *c = &res->conflicts[i];
		int k;

		for (k = 0; c->what != NULL && k < c->nlines; k++)
			free(c->what[k]);
		free(c->what);
		free(c->path);
		free(c->lines);
	}
	free(res->conflicts);
	free(res->remote);
	free(res->branch);
	memset(res, 0, sizeof(*res));
}
