/*
 * test_treemerge.c: the merge of two commits, file by file (SPEC section
 * 6), on commits made here in a throw-away repository: a change on one
 * side, on both, a removal, a removal against a change, a move against a
 * change (both ways round), additions on both sides, other text, other
 * bytes, links; and the same tree whichever side is ours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "treemerge.h"
#include "unit.h"
#include "util.h"

#define HEAD_FM	"---\nname = Acme\nstatus = active\n---\n\n"
#define E1	"## 2026-11-18 09:40 <- email: Invoice question\n"
#define E2	"## 2026-11-20 10:00 -> call: Plan\n"
#define E3	"## 2026-11-21 11:00 <- email: Thanks\n"

static git_repository *repo;
static char dir[] = "/tmp/rapport-treemerge.XXXXXX";

/* A file of a commit: NULL text ends the list; mode 0 is a plain file. */
struct f {
	const char	*path;
	const char	*text;
	unsigned	 mode;
	size_t		 len;		/* 0: strlen(text) */
};

/* A commit (no parents needed: the merge is given its base) of files. */
static void
commit_of(const struct f *files, git_oid *id)
{
	git_tree_update up[16];
	git_oid tree_id, blob;
	git_tree *tree = NULL;
	git_signature *sig = NULL;
	size_t n = 0;

	for (; files->path != NULL; files++, n++) {
		(void)git_blob_create_from_buffer(&blob, repo, files->text,
		    files->len ? files->len : strlen(files->text));
		memset(&up[n], 0, sizeof(up[n]));
		up[n].action = GIT_TREE_UPDATE_UPSERT;
		up[n].path = files->path;
		up[n].filemode = files->mode ? (git_filemode_t)files->mode :
		    GIT_FILEMODE_BLOB;
		git_oid_cpy(&up[n].id, &blob);
	}
	if (git_tree_create_updated(&tree_id, repo, NULL, n, up) < 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) < 0 ||
	    git_signature_new(&sig, "T", "t@example", 0, 0) < 0 ||
	    git_commit_create(id, repo, NULL, sig, sig, NULL, "c\n", tree, 0,
	    NULL) < 0)
		unit_fail(__FILE__, __LINE__, "cannot make a commit: %s",
		    git_error_last()->message);
	git_signature_free(sig);
	git_tree_free(tree);
}

/* Merges and returns the conflicts' count (-1: refused). */
static int
run(const struct f *b, const struct f *o, const struct f *t,
    struct treemerge *m)
{
	git_oid bid, oid, tid;
	struct diags d = { 0 };
	int rc;

	commit_of(b, &bid);
	commit_of(o, &oid);
	commit_of(t, &tid);
	rc = treemerge_run(repo, "", &bid, &oid, &tid, m, &d);
	diags_free(&d);
	return rc == -1 ? -1 : (int)m->nconflicts;
}

/* The merge's file at path, or NULL. */
static const struct treemerge_file *
at(const struct treemerge *m, const char *path)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].path, path) == 0)
			return &m->v[i];
	return NULL;
}

/* The tree ours becomes with the merge's files: its id as text. */
static char *
result_tree(const struct f *o, const struct treemerge *m)
{
	git_tree_update up[32];
	git_oid cid, tid;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	size_t i;

	commit_of(o, &cid);
	(void)git_commit_lookup(&c, repo, &cid);
	(void)git_commit_tree(&tree, c);
	for (i = 0; i < m->n && i < 32; i++) {
		memset(&up[i], 0, sizeof(up[i]));
		up[i].path = m->v[i].path;
		if (m->v[i].exists) {
			up[i].action = GIT_TREE_UPDATE_UPSERT;
			up[i].filemode = (git_filemode_t)m->v[i].mode;
			(void)git_blob_create_from_buffer(&up[i].id, repo,
			    m->v[i].text, m->v[i].len);
		} else
			up[i].action = GIT_TREE_UPDATE_REMOVE;
	}
	(void)git_tree_create_updated(&tid, repo, tree, i, up);
	git_tree_free(tree);
	git_commit_free(c);
	git_oid_tostr(hex, sizeof(hex), &tid);
	return xstrdup(hex);
}

/* Clean both ways round, and the same tree. */
static void
symmetric(const struct f *b, const struct f *o, const struct f *t)
{
	struct treemerge x, y;
	char *tx, *ty;

	CHECK_INT(run(b, o, t, &x), 0);
	CHECK_INT(run(b, t, o, &y), 0);
	tx = result_tree(o, &x);
	ty = result_tree(t, &y);
	CHECK_STR(tx, ty);
	free(tx);
	free(ty);
	treemerge_free(&x);
	treemerge_free(&y);
}

static void
test_one_side(void)
{
	const struct f b[] = { { "clients/acme.md", HEAD_FM E1, 0, 0 },
	    { NULL, NULL, 0, 0 } };
	const struct f t[] = { { "clients/acme.md", HEAD_FM E1 E2, 0, 0 },
	    { NULL, NULL, 0, 0 } };
	struct treemerge m;
	const struct treemerge_file *x;

	/* Theirs changed: theirs, byte for byte. */
	CHECK_INT(run(b, b, t, &m), 0);
	CHECK_INT((long long)m.n, 1);
	CHECK((x = at(&m, "clients/acme.md")) != NULL && x->exists &&
	    strcmp(x->text, HEAD_FM E1 E2) == 0 && x->client);
	CHECK_INT((long long)m.nclients, 1);
	treemerge_free(&m);
	/* Ours changed: nothing to take. */
	CHECK_INT(run(b, t, b, &m), 0);
	CHECK_INT((long long)m.n, 0);
	treemerge_free(&m);
	/* Both the same: nothing either. */
	CHECK_INT(run(b, t, t, &m), 0);
	CHECK_INT((long long)m.n, 0);
	treemerge_free(&m);
}

static void
test_both_sides(void)
{
	const struct f b[] = { { "clients/acme.md", HEAD_FM E1, 0, 0 },
	    { NULL, NULL, 0, 0 } };
	const struct f o[] = { { "clients/acme.md", HEAD_FM E1 "\n" E2, 0, 0 },
	    { NULL, NULL, 0, 0 } };
	const struct f t[] = { { "clients/acme.md", HEAD_FM E1 "\n" E3, 0, 0 },
	    { NULL, NULL, 0, 0 } };
	struct treemerge m;
	const struct treemerge_file *x;

	/* Two entries appended at one place: the rapport merge, clean. */
	CHECK_INT(run(b, o, t, &m), 0);
	CHECK((x = at(&m, "clients/acme.md")) != NULL &&
	    strcmp(x->text, HEAD_FM E1 "\n" E2 "\n" E3) == 0);
	treemerge_free(&m);
	symmetric(b, o, t);
}

static void
test_removed(void)
{
	const struct f b[] = { { "clients/acme.md", HEAD_FM E1, 0, 0 },
	    { "clients/beta.md", HEAD_FM, 0, 0 }, { NULL, NULL, 0, 0 } };
	const struct f gone[] = { { "clients/beta.md", HEAD_FM, 0, 0 },
	    { NULL, NULL, 0, 0 } };
	const struct f changed[] = { { "clients/acme.md", HEAD_FM E1 E2, 0, 0 },
	    { "clients/beta.md", HEAD_FM, 0, 0 }, { NULL, NULL, 0, 0 } };
	struct treemerge m;
	const struct treemerge_file *x;

	/* Removed there, untouched here: removed. */
	CHECK_INT(run(b, b, gone, &m), 0);
	CHECK((x = at(&m, "clients/acme.md")) != NULL && !x->exists);
	treemerge_free(&m);
	/* Removed there, changed here: a conflict, our text kept whole. */
	CHECK_INT(run(b, changed, gone, &m), 1);
	CHECK((x = at(&m, "clients/acme.md")) != NULL && x->exists &&
	    x->conflicts == 1 && strcmp(x->text, "<<<<<<< ours\n" HEAD_FM E1
	    E2 "=======\n>>>>>>> theirs (removed)\n") == 0 &&
	    !git_oid_is_zero(&x->stage[STAGE_BASE]) &&
	    !git_oid_is_zero(&x->stage[STAGE_OURS]) &&
	    git_oid_is_zero(&x->stage[STAGE_THEIRS]));
	treemerge_free(&m);
	/* And the other way round: their text, between the markers. */
	CHECK_INT(run(b, gone, changed, &m), 1);
	CHECK((x = at(&m, "clients/acme.md")) != NULL && strcmp(x->text,
	    "<<<<<<< ours (removed)\n=======\n" HEAD_FM E1 E2
	    ">>>>>>> theirs\n") == 0 &&
	    git_oid_is_zero(&x->stage[STAGE_OURS]));
	treemerge_free(&m);
}

static void
test_moved(void)
{
	/* Long enough that a move with one more entry is still similar. */
	const char *fm = HEAD_FM "Notes, several lines of them.\nOne.\nTwo.\n"
	    "Three.\nFour.\n\n";
	char *base = xasprintf("%s%s", fm, E1);
	char *more = xasprintf("%s%s\n%s", fm, E1, E2);
	const struct f b[] = { { "clients/acme.md", base, 0, 0 },
	    { NULL, NULL, 0, 0 } };
	const struct f moved[] = { { "clients/archive/acme.md", base, 0, 0 },
	    { NULL, NULL, 0, 0 } };
	const struct f logged[] = { { "clients/acme.md", more, 0, 0 },
	    { NULL, NULL, 0, 0 } };
	struct treemerge m;
	const struct treemerge_file *x;

	/* Moved there, logged here: moved and logged. */
	CHECK_INT(run(b, logged, moved, &m), 0);
	CHECK((x = at(&m, "clients/acme.md")) != NULL && !x->exists);
	CHECK((x = at(&m, "clients/archive/acme.md")) != NULL && x->exists &&
	    strcmp(x->text, more) == 0);
	treemerge_free(&m);
	/* Moved here, logged there: their entry at our place. */
	CHECK_INT(run(b, moved, logged, &m), 0);
	CHECK_INT((long long)m.n, 1);
	CHECK((x = at(&m, "clients/archive/acme.md")) != NULL &&
	    strcmp(x->text, more) == 0);
	treemerge_free(&m);
	symmetric(b, moved, logged);
	free(base);
	free(more);
}

static void
test_added_both(void)
{
	const struct f b[] = { { "README", "x\n", 0, 0 }, { NULL, NULL, 0, 0 } };
	const struct f o[] = { { "README", "x\n", 0, 0 },
	    { "clients/new.md", HEAD_FM E1, 0, 0 }, { NULL, NULL, 0, 0 } };
	const struct f t[] = { { "README", "x\n", 0, 0 },
	    { "clients/new.md", HEAD_FM E2, 0, 0 }, { NULL, NULL, 0, 0 } };
	struct treemerge m;
	const struct treemerge_file *x;

	/* The same client made on both sides: merged as from nothing. */
	CHECK_INT(run(b, o, t, &m), 0);
	CHECK((x = at(&m, "clients/new.md")) != NULL &&
	    strstr(x->text, E1) != NULL && strstr(x->text, E2) != NULL);
	treemerge_free(&m);
	symmetric(b, o, t);
	/* The same file added on both: nothing to do. */
	CHECK_INT(run(b, o, o, &m), 0);
	CHECK_INT((long long)m.n, 0);
	treemerge_free(&m);
}

static void
test_other_files(void)
{
	const struct f b[] = { { "notes.txt", "a\nb\nc\nd\ne\n", 0, 0 },
	    { "logo.png", "\x89PNG\0one", 0, 8 }, { NULL, NULL, 0, 0 } };
	const struct f o[] = { { "notes.txt", "A\nb\nc\nd\ne\n", 0, 0 },
	    { "logo.png", "\x89PNG\0two", 0, 8 }, { NULL, NULL, 0, 0 } };
	const struct f t[] = { { "notes.txt", "a\nb\nc\nd\nE\n", 0, 0 },
	    { "logo.png", "\x89PNG\0six", 0, 8 }, { NULL, NULL, 0, 0 } };
	const struct f t2[] = { { "notes.txt", "a2\nb\nc\nd\ne\n", 0, 0 },
	    { "logo.png", "\x89PNG\0one", 0, 8 }, { NULL, NULL, 0, 0 } };
	const struct f link[] = { { "notes.txt", "a\nb\nc\nd\ne\n", 0, 0 },
	    { "logo.png", "elsewhere", GIT_FILEMODE_LINK, 0 },
	    { NULL, NULL, 0, 0 } };
	struct treemerge m;
	const struct treemerge_file *x;

	/* Other text: git's line merge; other bytes: ours, a conflict. */
	CHECK_INT(run(b, o, t, &m), 1);
	CHECK((x = at(&m, "notes.txt")) != NULL && x->conflicts == 0 &&
	    strcmp(x->text, "A\nb\nc\nd\nE\n") == 0 && !x->client);
	CHECK((x = at(&m, "logo.png")) != NULL && x->conflicts == 1);
	treemerge_free(&m);
	/* One line changed two ways: git's markers. */
	CHECK_INT(run(b, o, t2, &m), 1);
	CHECK((x = at(&m, "notes.txt")) != NULL && x->conflicts == 1 &&
	    strstr(x->text, "<<<<<<< ours\nA\n=======\na2\n>>>>>>> theirs\n")
	    != NULL);
	treemerge_free(&m);
	/* A link arriving: refused, not written as a file. */
	CHECK_INT(run(b, b, link, &m), -1);
}

/* ---- issue 32: the audit ---- */

/*
 * rapport.ini changed on both sides, one key each: merged key by key, as
 * an INI file (it has no front-matter fences, so merged as a client file
 * it would be one conflict of the whole text).
 */
static void
test_audit_rapport_ini(void)
{
#define INI(c, d) "[workspace]\nname = Agency\n\n[defaults]\ncadence = " c \
	"\ndue_soon = " d "\n"
	const struct f b[] = { { "rapport.ini", INI("14d", "3d"), 0, 0 },
	    { NULL, NULL, 0, 0 } };
	const struct f o[] = { { "rapport.ini", INI("21d", "3d"), 0, 0 },
	    { NULL, NULL, 0, 0 } };
	const struct f t[] = { { "rapport.ini", INI("14d", "5d"), 0, 0 },
	    { NULL, NULL, 0, 0 } };
	struct treemerge m;
	const struct treemerge_file *x;

	CHECK_INT(run(b, o, t, &m), 0);
	CHECK((x = at(&m, "rapport.ini")) != NULL && x->conflicts == 0 &&
	    strcmp(x->text, INI("21d", "5d")) == 0);
	treemerge_free(&m);
	symmetric(b, o, t);
#undef INI
}

void
test_treemerge(void)
{
	git_libgit2_init();
	if (mkdtemp(dir) == NULL || git_repository_init(&repo, dir, 1) < 0) {
		unit_fail(__FILE__, __LINE__, "cannot make a repository");
		return;
	}
	test_one_side();
	test_both_sides();
	test_removed();
	test_moved();
	test_added_both();
	test_other_files();
	test_audit_rapport_ini();
	git_repository_free(repo);
	git_libgit2_shutdown();
	CHECK_INT(unit_rmtree(dir), 0);
}
