/*
 * treemerge.c: the merge of two commits, file by file (see treemerge.h).
 *
 * Only their side's changes need deciding: a file only we changed is
 * already ours.  So the walk is over their changes, each looked up among
 * ours by its path in the base (renames make the two sides' paths of one
 * file differ; the base path is what they share).
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "merge.h"
#include "repo.h"
#include "treemerge.h"
#include "util.h"

/* One file a side changed: old is its base path, new its path there. */
struct delta {
	char		*old;		/* NULL: added */
	char		*new;		/* NULL: removed */
	git_oid		 old_id, id;
	unsigned	 old_mode, mode;
};

struct side {
	struct delta	*v;
	size_t		 n;
};

/* A version of a file being merged; id zero: the side has none. */
struct version {
	git_oid		 id;
	unsigned	 mode;
};

struct run {
	git_repository		*git;
	const char		*prefix;
	git_tree		*ours;
	struct treemerge	*out;
	size_t			 cap;
	struct diags		*d;
};

static int
by_old(const void *a, const void *b)
{
	const struct delta *x = a, *y = b;

	if (x->old == NULL || y->old == NULL)
		return (x->old == NULL) - (y->old == NULL);
	return strcmp(x->old, y->old);
}

/* A side's changes from base, renames found as git finds them. */
static int
side_read(git_repository *git, git_tree *base, git_tree *tree,
    struct side *s, struct diags *d)
{
	git_diff_options o;
	git_diff_find_options f;
	git_diff *diff = NULL;
	size_t i, n;
	int rc = -1;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&f, GIT_DIFF_FIND_OPTIONS_VERSION);
	f.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_tree_to_tree(&diff, git, base, tree, &o) < 0 ||
	    git_diff_find_similar(diff, &f) < 0) {
		repo_fail_git(d, "cannot compare the commits");
		goto out;
	}
	n = git_diff_num_deltas(diff);
	s->v = xcalloc(n + 1, sizeof(*s->v));
	for (i = 0; i < n; i++) {
		const git_diff_delta *g = git_diff_get_delta(diff, i);
		struct delta *x = &s->v[s->n];

		if (g->status == GIT_DELTA_UNMODIFIED)
			continue;
		s->n++;
		if (g->status != GIT_DELTA_ADDED) {
			x->old = xstrdup(g->old_file.path);
			git_oid_cpy(&x->old_id, &g->old_file.id);
			x->old_mode = g->old_file.mode;
		}
		if (g->status != GIT_DELTA_DELETED) {
			x->new = xstrdup(g->new_file.path);
			git_oid_cpy(&x->id, &g->new_file.id);
			x->mode = g->new_file.mode;
		}
	}
	qsort(s->v, s->n, sizeof(*s->v), by_old);
	rc = 0;
out:
	git_diff_free(diff);
	return rc;
}

static void
side_free(struct side *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].old);
		free(s->v[i].new);
	}
	free(s->v);
}

static const struct delta *
side_find(const struct side *s, const char *old)
{
	struct delta key;

	memset(&key, 0, sizeof(key));
	key.old = (char *)(uintptr_t)old;
	return bsearch(&key, s->v, s->n, sizeof(*s->v), by_old);
}

/* ---- texts ----------------------------------------------------------- */

/* The bytes of blob id (zero: none, an empty text), allocated. */
static int
blob_text(struct run *m, const git_oid *id, char **s, size_t *len)
{
	*s = NULL;
	*len = 0;
	if (git_oid_is_zero(id)) {
		*s = xstrdup("");
		return 0;
	}
	if (repo_blob_text(m->git, id, s, len) == -1) {
		repo_fail_git(m->d, "cannot read a file of the merge");
		return -1;
	}
	return 0;
}

/* A file the workspace reads, in the workspace at prefix. */
static int
treemerge_kind(const char *prefix, const char *path, enum merge_kind *k)
{
	size_t np = strlen(prefix);

	if (strncmp(path, prefix, np) != 0 || !repo_workspace_file(path + np))
		return 0;
	*k = strcmp(path + np, "rapport.ini") == 0 ? MERGE_INI : MERGE_CLIENT;
	return 1;
}

int
treemerge_client(const char *prefix, const char *path)
{
	enum merge_kind k;

	return treemerge_kind(prefix, path, &k);
}

/* ---- results --------------------------------------------------------- */

static struct treemerge_file *
result_add(struct run *m, const char *path)
{
	struct treemerge_file *f;
	enum merge_kind k;

	xgrow(&m->out->v, &m->cap, m->out->n + 1, sizeof(*m->out->v));
	f = &m->out->v[m->out->n++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->client = treemerge_kind(m->prefix, path, &k);
	return f;
}

static void
result_remove(struct run *m, const char *path)
{
	(void)result_add(m, path);
}

int
treemerge_mergeable(const char *path, unsigned mode, struct diags *d)
{
	if (mode == GIT_FILEMODE_LINK || mode == GIT_FILEMODE_COMMIT) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is a %s on the "
		    "other side: rapport merges only files; merge this one "
		    "with git (git merge)", path, mode == GIT_FILEMODE_LINK ?
		    "symbolic link" : "submodule");
		return 0;
	}
	return 1;
}

/*
 * Merges three versions of path (any may be absent: zero id) into a
 * result at path.  Where one side is the base, the other is taken whole.
 */
static int
merge_at(struct run *m, const char *path, const struct version *b,
    const struct version *o, const struct version *t)
{
	struct treemerge_file *f;
	struct merge_text mt[3];
	struct buf out = { 0 };
	char *s[3] = { NULL, NULL, NULL };
	size_t len[3] = { 0, 0, 0 };
	enum merge_kind kind;
	int i, rc = -1, client = treemerge_kind(m->prefix, path, &kind);

	if (!treemerge_mergeable(path, t->mode, m->d) ||
	    !treemerge_mergeable(path, o->mode, m->d))
		return -1;
	if (blob_text(m, &b->id, &s[0], &len[0]) == -1 ||
	    blob_text(m, &o->id, &s[1], &len[1]) == -1 ||
	    blob_text(m, &t->id, &s[2], &len[2]) == -1)
		goto out;
	f = result_add(m, path);
	f->exists = 1;
	f->mode = o->mode == b->mode || git_oid_is_zero(&o->id) ? t->mode :
	    o->mode;
	if (git_oid_equal(&o->id, &t->id) || git_oid_equal(&o->id, &b->id)) {
		f->text = s[2];
		f->len = len[2];
		s[2] = NULL;
	} else if (git_oid_equal(&t->id, &b->id)) {
		f->text = s[1];
		f->len = len[1];
		s[1] = NULL;
	} else if (client) {
		for (i = 0; i < 3; i++) {
			mt[i].s = s[i];
			mt[i].len = len[i];
		}
		f->conflicts = merge_said(kind, &mt[0], &mt[1], &mt[2], &out,
		    &f->said);
		f->why = "changed on both sides";
		f->len = out.len;
		f->text = buf_detach(&out);
		if (f->text == NULL)
			f->text = xstrdup("");
	} else if (memchr(s[1], '\0', len[1]) != NULL ||
	    memchr(s[2], '\0', len[2]) != NULL) {
		/* Bytes git cannot merge by lines: ours stays. */
		f->conflicts = 1;
		f->why = "not text, changed on both sides (ours is kept; "
		    "theirs is in git's index, stage 3)";
		f->text = s[1];
		f->len = len[1];
		s[1] = NULL;
	} else {
		git_merge_file_input in[3];
		git_merge_file_options opts;
		git_merge_file_result res;

		for (i = 0; i < 3; i++) {
			git_merge_file_input_init(&in[i],
			    GIT_MERGE_FILE_INPUT_VERSION);
			in[i].ptr = s[i];
			in[i].size = len[i];
		}
		git_merge_file_options_init(&opts,
		    GIT_MERGE_FILE_OPTIONS_VERSION);
		opts.our_label = "ours";
		opts.their_label = "theirs";
		memset(&res, 0, sizeof(res));
		if (git_merge_file(&res, &in[0], &in[1], &in[2], &opts) < 0) {
			repo_fail_git(m->d, "cannot merge the text of a file");
			goto out;
		}
		f->text = xmalloc(res.len + 1);
		memcpy(f->text, res.ptr, res.len);
		f->text[res.len] = '\0';
		f->len = res.len;
		if (!res.automergeable) {
			f->conflicts = merge_marks(f->text, f->len, NULL);
			if (f->conflicts == 0)
				f->conflicts = 1;
		}
		f->why = "changed on both sides";
		git_merge_file_result_free(&res);
	}
	if (f->conflicts > 0) {
		git_oid_cpy(&f->stage[STAGE_BASE], &b->id);
		git_oid_cpy(&f->stage[STAGE_OURS], &o->id);
		git_oid_cpy(&f->stage[STAGE_THEIRS], &t->id);
		f->stage_mode[STAGE_BASE] = b->mode;
		f->stage_mode[STAGE_OURS] = o->mode;
		f->stage_mode[STAGE_THEIRS] = t->mode;
	}
	rc = 0;
out:
	for (i = 0; i < 3; i++)
		free(s[i]);
	buf_free(&out);
	return rc;
}

/*
 * Removed on one side, changed on the other: the changed text between
 * markers whose other half is empty.  Deleting the file, or the three
 * marker lines, is the answer.
 */
static int
removed_changed(struct run *m, const char *path, const struct version *b,
    const struct version *kept, int ours_kept)
{
	struct treemerge_file *f;
	struct buf out = { 0 };
	char *s = NULL;
	size_t len = 0;
	const char *eol = "\n";

	if (!treemerge_mergeable(path, kept->mode, m->d) ||
	    blob_text(m, &kept->id, &s, &len) == -1) {
		free(s);
		return -1;
	}
	buf_printf(&out, "%s%s%s", MARK_OURS, ours_kept ? "" : " (removed)",
	    eol);
	if (ours_kept)
		buf_putn(&out, s, len);
	if (ours_kept && len > 0 && s[len - 1] != '\n')
		buf_puts(&out, eol);
	buf_printf(&out, "%s%s", MARK_SPLIT, eol);
	if (!ours_kept)
		buf_putn(&out, s, len);
	if (!ours_kept && len > 0 && s[len - 1] != '\n')
		buf_puts(&out, eol);
	buf_printf(&out, "%s%s%s", MARK_THEIRS, ours_kept ? " (removed)" : "",
	    eol);
	f = result_add(m, path);
	f->exists = 1;
	f->mode = kept->mode;
	f->len = out.len;
	f->text = buf_detach(&out);
	f->conflicts = 1;
	f->why = ours_kept ? "changed here, removed on the other side" :
	    "removed here, changed on the other side";
	git_oid_cpy(&f->stage[STAGE_BASE], &b->id);
	f->stage_mode[STAGE_BASE] = b->mode;
	git_oid_cpy(&f->stage[ours_kept ? STAGE_OURS : STAGE_THEIRS],
	    &kept->id);
	f->stage_mode[ours_kept ? STAGE_OURS : STAGE_THEIRS] = kept->mode;
	free(s);
	return 0;
}

/* What ours has at path (zero id: nothing). */
static int
ours_at(struct run *m, const char *path, struct version *v)
{
	git_tree_entry *e = NULL;
	int rc;

	memset(v, 0, sizeof(*v));
	if ((rc = git_tree_entry_bypath(&e, m->ours, path)) == GIT_ENOTFOUND)
		return 0;
	if (rc < 0) {
		repo_fail_git(m->d, "cannot read our side of the merge");
		return -1;
	}
	if (git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
		git_oid_cpy(&v->id, git_tree_entry_id(e));
		v->mode = (unsigned)git_tree_entry_filemode(e);
	}
	git_tree_entry_free(e);
	return 0;
}

/*
 * Their version t of a file arriving at path, where ours did not have it
 * from the base: what ours holds there already (an addition of its own)
 * makes both additions one file, merged from nothing.
 */
static int
arrive(struct run *m, const char *path, const struct version *t)
{
	struct version o, none;

	memset(&none, 0, sizeof(none));
	if (ours_at(m, path, &o) == -1)
		return -1;
	if (git_oid_equal(&o.id, &t->id) && o.mode == t->mode)
		return 0;
	return merge_at(m, path, &none, &o, t);
}

/* One change of theirs, decided against ours. */
static int
decide(struct run *m, const struct side *ours, const struct delta *tc)
{
	const struct delta *oc;
	struct version b, o, t;
	const char *at;

	memset(&b, 0, sizeof(b));
	memset(&o, 0, sizeof(o));
	memset(&t, 0, sizeof(t));
	if (tc->new != NULL) {
		git_oid_cpy(&t.id, &tc->id);
		t.mode = tc->mode;
	}
	if (tc->old == NULL)
		return arrive(m, tc->new, &t);
	git_oid_cpy(&b.id, &tc->old_id);
	b.mode = tc->old_mode;
	if ((oc = side_find(ours, tc->old)) == NULL) {
		/* Ours is the base's: theirs is the answer. */
		if (tc->new == NULL || strcmp(tc->new, tc->old) != 0)
			result_remove(m, tc->old);
		if (tc->new == NULL)
			return 0;
		if (strcmp(tc->new, tc->old) != 0)
			return arrive(m, tc->new, &t);
		return merge_at(m, tc->new, &b, &b, &t);
	}
	if (oc->new == NULL && tc->new == NULL)
		return 0;
	if (oc->new == NULL)
		return removed_changed(m, tc->new, &b, &t, 0);
	git_oid_cpy(&o.id, &oc->id);
	o.mode = oc->mode;
	if (tc->new == NULL)
		return removed_changed(m, oc->new, &b, &o, 1);
	/* Both kept it: at the path the side that moved it gave. */
	at = strcmp(oc->new, oc->old) != 0 ? oc->new : tc->new;
	if (strcmp(oc->new, oc->old) != 0 && strcmp(tc->new, tc->old) != 0 &&
	    strcmp(oc->new, tc->new) != 0)
		diag_msg(m->d, "rapport", 0, 0, DIAG_WARNING, "%s was moved to "
		    "%s here and to %s on the other side: it stays at %s",
		    tc->old, oc->new, tc->new, oc->new);
	if (strcmp(at, oc->new) != 0) {
		struct version there;

		result_remove(m, oc->new);
		if (ours_at(m, at, &there) == -1)
			return -1;
		if (!git_oid_is_zero(&there.id)) {
			diag_msg(m->d, "rapport", 0, 0, DIAG_ERROR, "%s was moved "
			    "to %s on the other side, where this side has "
			    "another file: merge with git (git merge)",
			    tc->old, at);
			return -1;
		}
	} else if (git_oid_equal(&o.id, &t.id) && o.mode == t.mode)
		return 0;
	if (git_oid_equal(&t.id, &b.id) && t.mode == b.mode &&
	    strcmp(at, oc->new) == 0)
		return 0;
	return merge_at(m, at, &b, &o, &t);
}

static int
by_path(const void *a, const void *b)
{
	const struct treemerge_file *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	/* A removal and a write of one path: the write last, and kept. */
	return c != 0 ? c : x->exists - y->exists;
}

static void
file_free(struct treemerge_file *f)
{
	free(f->path);
	free(f->text);
}

/* Sorted, one result a path, none that leaves ours as it is. */
static int
tidy(struct run *m)
{
	struct treemerge *t = m->out;
	size_t i, k = 0;
	struct version o;
	int rc = 0;

	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), by_path);
	for (i = 0; i < t->n; i++) {
		struct treemerge_file *f = &t->v[i];
		int same = 0;

		if (rc == 0 && ours_at(m, f->path, &o) == -1)
			rc = -1;
		if (i + 1 < t->n && strcmp(f->path, t->v[i + 1].path) == 0)
			same = 1;
		else if (rc == 0 && f->conflicts == 0) {
			git_oid id;

			if (!f->exists)
				same = git_oid_is_zero(&o.id);
			else
				same = git_odb_hash(&id, f->text, f->len,
				    GIT_OBJECT_BLOB) == 0 &&
				    git_oid_equal(&id, &o.id) &&
				    f->mode == o.mode;
		}
		if (same) {
			file_free(f);
			continue;
		}
		t->nconflicts += f->conflicts > 0;
		t->nclients += f->client;
		t->v[k++] = *f;
	}
	t->n = k;
	return rc;
}

static int
tree_of(git_repository *git, const git_oid *id, git_tree **tree,
    struct diags *d)
{
	git_commit *c = NULL;
	int rc = 0;

	*tree = NULL;
	if (id == NULL)
		return 0;
	if (git_commit_lookup(&c, git, id) < 0 || git_commit_tree(tree, c) < 0) {
		repo_fail_git(d, "cannot read a commit of the merge");
		rc = -1;
	}
	git_commit_free(c);
	return rc;
}

int
treemerge_run(git_repository *git, const char *prefix, const git_oid *base,
    const git_oid *ours, const git_oid *theirs, struct treemerge *out,
    struct diags *d)
{
	struct run m;
	struct side os, ts;
	git_tree *bt = NULL, *ot = NULL, *tt = NULL;
	size_t i;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&os, 0, sizeof(os));
	memset(&ts, 0, sizeof(ts));
	memset(&m, 0, sizeof(m));
	m.git = git;
	m.prefix = prefix;
	m.out = out;
	m.d = d;
	if (tree_of(git, base, &bt, d) == -1 ||
	    tree_of(git, ours, &ot, d) == -1 ||
	    tree_of(git, theirs, &tt, d) == -1)
		goto out;
	m.ours = ot;
	if (side_read(git, bt, ot, &os, d) == -1 ||
	    side_read(git, bt, tt, &ts, d) == -1)
		goto out;
	for (i = 0; i < ts.n; i++)
		if (decide(&m, &os, &ts.v[i]) == -1)
			goto out;
	rc = tidy(&m);
out:
	if (rc == -1)
		treemerge_free(out);
	side_free(&os);
	side_free(&ts);
	git_tree_free(bt);
	git_tree_free(ot);
	git_tree_free(tt);
	return rc;
}

void
treemerge_free(struct treemerge *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		file_free(&t->v[i]);
	free(t->v);
	memset(t, 0, sizeof(*t));
}
