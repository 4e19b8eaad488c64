/*
 * test_gitindex.c: git's index written the way git writes it (gitindex.h),
 * read back with the git program: a change put in place, one let go, a
 * lock a git command holds, a conflict's stages, and a crash's lock
 * finished or taken back by gitindex_recover.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileio.h"
#include "gitindex.h"
#include "repo.h"
#include "unit.h"
#include "util.h"

static char dir[] = "/tmp/rapport-gitindex.XXXXXX";

/* The output of the shell command cmd run in dir, until the next call. */
static const char *
out(const char *cmd)
{
	static char *last;

	free(last);
	last = unit_sh_out(dir, "%s", cmd);
	return last != NULL ? last : "";
}

/* The blob id of text, as git hashes it. */
static void
blob(git_oid *id, const char *text)
{
	git_odb_hash(id, text, strlen(text), GIT_OBJECT_BLOB);
}

/* "MODE ID STAGE\tPATH" lines of git ls-files -s for path. */
static const char *
staged(const char *path)
{
	static char cmd[256];

	snprintf(cmd, sizeof(cmd), "git ls-files -s -- '%s'", path);
	return out(cmd);
}

/* Takes the lock, sets a.md to text, prepares; commits when asked. */
static int
set_a(git_repository *git, const char *text, int commit, struct diags *d)
{
	struct gitindex *gi = gitindex_lock(git, 100, d);
	git_oid id;
	int rc = -1;

	blob(&id, text);
	if (gi != NULL && gitindex_set(gi, "a.md", &id, 0100644, NULL, d) == 0 &&
	    gitindex_prepare(gi, d) == 0 &&
	    (!commit || gitindex_commit(gi, d) == 0))
		rc = 0;
	gitindex_free(gi);
	return rc;
}

void
test_gitindex(void)
{
	struct diags d = { 0 };
	struct repo *r = NULL;
	git_repository *git;
	git_oid id, ids[3];
	const git_oid *side[3];
	unsigned modes[3] = { 0100644, 0100644, 0100644 };
	char hex[41], want[256], *before;
	pid_t pid;
	int st;

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp failed");
		return;
	}
	out("git init -q && echo one >a.md && git add a.md && "
	    "git -c user.name=T -c user.email=t@example.com commit -qm one");
	CHECK_INT(repo_open(&r, dir, &d), 0);
	if (r == NULL) {
		unit_dump(&d);
		return;
	}
	git = repo_git(r);
	{
		/* Where rapport's marker of its lock goes (change_begin's). */
		char *state = repo_state_path(repo_gitdir(r), "");

		CHECK_INT(mkdir(state, 0777), 0);
		free(state);
	}

	/* Put in place: git sees the new blob staged. */
	CHECK_INT(set_a(git, "two\n", 1, &d), 0);
	blob(&id, "two\n");
	git_oid_tostr(hex, sizeof(hex), &id);
	snprintf(want, sizeof(want), "100644 %s 0\ta.md\n", hex);
	CHECK_STR(staged("a.md"), want);
	CHECK_STR(out("ls .git/index.lock 2>/dev/null || echo none"), "none\n");

	/* Let go without a commit: the index is as it was. */
	before = xstrdup(staged("a.md"));
	CHECK_INT(set_a(git, "three\n", 0, &d), 0);
	CHECK_STR(staged("a.md"), before);
	CHECK_STR(out("ls .git/index.lock 2>/dev/null || echo none"), "none\n");

	/* A lock a git command holds: refused, named, nothing changed. */
	out("touch .git/index.lock");
	CHECK_INT(set_a(git, "four\n", 1, &d), -1);
	CHECK_DIAG(&d, 0, 2, "index.lock");
	diags_free(&d);
	CHECK_STR(staged("a.md"), before);
	out("rm .git/index.lock");

	/* A conflict: stages 1 to 3, no stage 0; ours has no file here. */
	blob(&ids[0], "base\n");
	blob(&ids[2], "theirs\n");
	side[0] = &ids[0];
	side[1] = NULL;
	side[2] = &ids[2];
	{
		struct gitindex *gi = gitindex_lock(git, 100, &d);

		CHECK(gi != NULL && gitindex_conflict(gi, "a.md", side, modes,
		    &d) == 0 && gitindex_prepare(gi, &d) == 0 &&
		    gitindex_commit(gi, &d) == 0);
		gitindex_free(gi);
	}
	CHECK_STR(out("git ls-files -s a.md | cut -f1 | cut -d' ' -f3 | "
	    "tr '\\n' ' '"), "1 3 ");
	CHECK_INT(set_a(git, "two\n", 1, &d), 0);	/* resolved again */
	CHECK_STR(staged("a.md"), before);

	/*
	 * A crash between prepare and commit leaves rapport's lock (the
	 * child dies holding it): recovery knows it for its own and puts it
	 * in place (forward) or removes it.
	 */
	for (int forward = 1; forward >= 0; forward--) {
		if ((pid = fork()) == 0) {
			struct gitindex *gi = gitindex_lock(git, 100, &d);

			blob(&id, "five\n");
			if (gi != NULL && gitindex_set(gi, "a.md", &id, 0100644,
			    NULL, &d) == 0 && gitindex_prepare(gi, &d) == 0)
				_exit(0);	/* a crash: nothing let go */
			_exit(1);
		}
		CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 0);
		CHECK_STR(out("ls .git/index.lock"), ".git/index.lock\n");
		CHECK_INT(gitindex_recover(git, forward, &d), 1);
		CHECK_STR(out("ls .git/index.lock 2>/dev/null || echo none"),
		    "none\n");
		blob(&id, forward ? "five\n" : "two\n");
		git_oid_tostr(hex, sizeof(hex), &id);
		snprintf(want, sizeof(want), "100644 %s 0\ta.md\n", hex);
		CHECK_STR(staged("a.md"), want);
		if (forward)
			CHECK_INT(set_a(git, "two\n", 1, &d), 0);
	}
	/*
	 * A lock that is not rapport's is never touched by recovery, also
	 * beside a marker of rapport's left from before (not the same file).
	 */
	out("touch .git/index.lock .git/rapport/index-lock");
	CHECK_INT(gitindex_recover(git, 1, &d), 0);
	CHECK_STR(out("ls .git/index.lock"), ".git/index.lock\n");
	CHECK_STR(staged("a.md"), before);
	repo_close(r);
	diags_free(&d);
	free(before);
	CHECK_INT(unit_rmtree(dir), 0);
}
