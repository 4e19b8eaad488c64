/*
 * since.c: what became of the client files since an earlier commit (see
 * since.h).  One tree-to-tree diff of base and HEAD finds the files (it
 * skips identical subtrees by id, so 10,000 unchanged files cost one
 * comparison of two tree objects); then each commit of base..HEAD is
 * diffed with its parent the same way, for its author.  Merges are
 * passed over: what they bring was made by the commits merged, which
 * the walk meets too.
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "since.h"
#include "util.h"

int
since_head(struct repo *r, char id[41])
{
	git_oid oid;

	if (git_reference_name_to_id(&oid, repo_git(r), "HEAD") < 0)
		return -1;
	git_oid_tostr(id, 41, &oid);
	return 0;
}

/* A blob's text, or NULL (len 0) for the zero id or one unreadable. */
static char *
blob(git_repository *git, const git_diff_file *f, size_t *len)
{
	char *s = NULL;

	*len = 0;
	if ((f->flags & GIT_DIFF_FLAG_EXISTS) == 0 || git_oid_is_zero(&f->id))
		return NULL;
	if (repo_blob_text(git, &f->id, &s, len) == -1)
		return NULL;
	return s;
}

/* The diff of two trees (either may be NULL) under the clients folder. */
static int
diff_clients(git_repository *git, const char *prefix, git_tree *a,
    git_tree *b, git_diff **diff)
{
	git_diff_options o;
	git_diff_find_options fo;
	char *spec = xasprintf("%sclients/", prefix);
	char *specs[1] = { spec };
	int rc;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	o.pathspec.strings = specs;
	o.pathspec.count = 1;
	o.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
	rc = git_diff_tree_to_tree(diff, git, a, b, &o);
	free(spec);
	if (rc < 0)
		return -1;
	git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
	fo.flags = GIT_DIFF_FIND_RENAMES;
	return git_diff_find_similar(*diff, &fo) < 0 ? -1 : 0;
}

/* The workspace path of a repository path, or NULL when outside it. */
static const char *
ws_path(const char *prefix, const char *gpath)
{
	size_t n = strlen(prefix);

	return strncmp(gpath, prefix, n) == 0 ? gpath + n : NULL;
}

/* A commit's tree, or NULL; *c becomes the commit (the caller frees). */
static git_tree *
commit_tree(git_repository *git, const git_oid *id, git_commit **c)
{
	git_tree *t = NULL;

	*c = NULL;
	if (git_commit_lookup(c, git, id) < 0 || git_commit_tree(&t, *c) < 0)
		return NULL;
	return t;
}

/* Adds the steps of commit id to the files it changed. */
static int
add_steps(git_repository *git, const char *prefix, const git_oid *id,
    struct since_file *files, size_t n)
{
	git_commit *c = NULL, *pc = NULL;
	git_tree *t = NULL, *pt = NULL;
	git_diff *diff = NULL;
	const git_signature *who;
	size_t i, j, k;
	int rc = -1;

	if ((t = commit_tree(git, id, &c)) == NULL)
		goto out;
	if (git_commit_parentcount(c) > 1) {
		rc = 0;			/* a merge: its sides are walked */
		goto out;
	}
	if (git_commit_parentcount(c) == 1 &&
	    (pt = commit_tree(git, git_commit_parent_id(c, 0), &pc)) == NULL)
		goto out;
	if (diff_clients(git, prefix, pt, t, &diff) == -1)
		goto out;
	who = git_commit_author(c);
	for (i = 0, k = git_diff_num_deltas(diff); i < k; i++) {
		const git_diff_delta *dl = git_diff_get_delta(diff, i);
		const char *p = ws_path(prefix, dl->new_file.path);
		struct since_step *s;

		for (j = 0; p != NULL && j < n; j++)
			if (strcmp(files[j].path, p) == 0)
				break;
		if (p == NULL || j == n)
			continue;
		files[j].steps = xrealloc(files[j].steps,
		    (files[j].nsteps + 1) * sizeof(*files[j].steps));
		s = &files[j].steps[files[j].nsteps++];
		memset(s, 0, sizeof(*s));
		s->author = xstrdup(who && who->name ? who->name : "");
		s->email = xstrdup(who && who->email ? who->email : "");
		s->before = blob(git, &dl->old_file, &s->beforelen);
		s->after = blob(git, &dl->new_file, &s->afterlen);
	}
	rc = 0;
out:
	git_diff_free(diff);
	git_tree_free(t);
	git_tree_free(pt);
	git_commit_free(c);
	git_commit_free(pc);
	return rc;
}

int
since_files(struct repo *r, const char *base, since_want_fn *want,
    void *arg, size_t max_commits, struct since_file **out, size_t *n,
    struct diags *d)
{
	git_repository *git = repo_git(r);
	const char *prefix = repo_prefix(r);
	git_oid bid, hid, *ids = NULL;
	git_commit *bc = NULL, *hc = NULL;
	git_tree *bt = NULL, *ht = NULL;
	git_diff *diff = NULL;
	struct since_file *v = NULL;
	size_t i, k, nv = 0, cap = 0, nids = 0;
	int rc = -1;

	*out = NULL;
	*n = 0;
	if (git_reference_name_to_id(&hid, git, "HEAD") < 0) {
		repo_fail_git(d, "cannot read HEAD");
		return -1;
	}
	if (git_oid_fromstr(&bid, base) < 0 ||
	    (bt = commit_tree(git, &bid, &bc)) == NULL ||
	    git_graph_descendant_of(git, &hid, &bid) < 0 ||
	    (!git_oid_equal(&hid, &bid) &&
	    git_graph_descendant_of(git, &hid, &bid) == 0)) {
		rc = 1;			/* gone, or not behind HEAD */
		goto out;
	}
	if (git_oid_equal(&hid, &bid)) {
		rc = 0;
		goto out;
	}
	if ((ht = commit_tree(git, &hid, &hc)) == NULL ||
	    diff_clients(git, prefix, bt, ht, &diff) == -1) {
		repo_fail_git(d, "cannot compare with the last digest's commit");
		goto out;
	}
	for (i = 0, k = git_diff_num_deltas(diff); i < k; i++) {
		const git_diff_delta *dl = git_diff_get_delta(diff, i);
		const char *p = ws_path(prefix, dl->status == GIT_DELTA_DELETED ?
		    dl->old_file.path : dl->new_file.path);
		struct since_file *f;

		if (p == NULL || !want(p, arg))
			continue;
		xgrow(&v, &cap, nv + 1, sizeof(*v));
		f = &v[nv++];
		memset(f, 0, sizeof(*f));
		f->path = xstrdup(p);
		f->then = blob(git, &dl->old_file, &f->thenlen);
		f->now = blob(git, &dl->new_file, &f->nowlen);
	}
	if (nv > 0) {
		if (repo_walk(r, &hid, &bid, &ids, &nids) == -1) {
			repo_fail_git(d, "cannot walk the commits since the "
			    "last digest");
			goto out;
		}
		for (i = 0; i < nids && i < max_commits; i++)
			if (add_steps(git, prefix, &ids[i], v, nv) == -1) {
				repo_fail_git(d, "cannot read a commit since "
				    "the last digest");
				goto out;
			}
	}
	rc = 0;
out:
	if (rc == 0) {
		*out = v;
		*n = nv;
	} else
		since_free(v, nv);
	free(ids);
	git_diff_free(diff);
	git_tree_free(bt);
	git_tree_free(ht);
	git_commit_free(bc);
	git_commit_free(hc);
	return rc;
}

void
since_free(struct since_file *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].nsteps; j++) {
			free(v[i].steps[j].author);
			free(v[i].steps[j].email);
			free(v[i].steps[j].before);
			free(v[i].steps[j].after);
		}
		free(v[i].steps);
		free(v[i].path);
		free(v[i].then);
		free(v[i].now);
	}
	free(v);
}
