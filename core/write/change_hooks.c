/*
 * change_hooks.c: git's hooks around a change's commit (see change_hooks
 * in change.h), run as git commit and git merge run them.
 *
 * The hooks before the commit run at the last moment before the branch
 * moves (change.c): the work tree holds the change and the new index
 * waits in index.lock, so a hook that refuses leaves nothing changed,
 * exactly as a branch that moved meanwhile does.  They get an index of
 * their own, GIT_INDEX_FILE, holding exactly the commit's tree, as git
 * gives one to the hooks of "git commit FILE" (a partial commit, which is
 * what every rapport commit is): "git diff --cached" in a hook shows the
 * commit and nothing else that is staged.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "change_int.h"
#include "fileio.h"
#include "hook.h"
#include "util.h"

/* One hook's run; 0, or -1 (reported: it refused, or could not run). */
static int
run_one(struct change *ch, const char *path, const char *name,
    const char *const args[], const char *const env[], const char *what,
    int skippable, struct diags *d)
{
	int st = hook_run(path, repo_workdir(ch->r), args, env);
	char why[48];

	if (st == 0)
		return 0;
	if (st == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot run the %s hook "
		    "%s: %s; nothing was changed", name, path,
		    strerror(errno));
		return -1;
	}
	if (st > 128)
		snprintf(why, sizeof(why), "killed by signal %d", st - 128);
	else
		snprintf(why, sizeof(why), "exit %d", st);
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the %s hook refused %s (%s); "
	    "nothing was changed; fix what it says%s", name, what, why,
	    skippable ? ", or add --no-verify to skip it" :
	    " (--no-verify does not skip this hook)");
	return -1;
}

/*
 * git's clean-up of a message given with -m ("whitespace"): no trailing
 * blanks on a line, no blank lines at the start or the end, one at most
 * between paragraphs; each line ends in a newline.
 */
static void
stripspace(const char *s, size_t len, struct buf *out)
{
	const char *end = s + len, *nl;
	size_t n;
	int blank = 0;

	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		n = (size_t)((nl != NULL ? nl : end) - s);
		while (n > 0 && strchr(" \t\r\f\v", s[n - 1]) != NULL)
			n--;
		if (n == 0)
			blank = out->len > 0;
		else {
			if (blank)
				buf_putc(out, '\n');
			buf_putn(out, s, n);
			buf_putc(out, '\n');
			blank = 0;
		}
		s = nl != NULL ? nl + 1 : end;
	}
}

/* An index of exactly tree at path: 0, or -1 (reported). */
static int
write_index(git_repository *git, const git_oid *tree_id, const char *path,
    struct diags *d)
{
	git_index *idx = NULL;
	git_tree *tree = NULL;
	int rc = 0;

	(void)unlink(path);
	if (git_tree_lookup(&tree, git, tree_id) < 0 ||
	    git_index_open(&idx, path) < 0 ||
	    git_index_read_tree(idx, tree) < 0 || git_index_write(idx) < 0) {
		repo_fail_git(d, "cannot write the index for the hooks");
		rc = -1;
	}
	git_index_free(idx);
	git_tree_free(tree);
	return rc;
}

int
change_hooks_pre(struct change *ch, const git_oid *tree_id, const char *msg,
    struct diags *d)
{
	git_repository *git = repo_git(ch->r);
	int merge = (ch->hooks & CHANGE_AS_MERGE) != 0 && ch->nparents > 0;
	int verify = (ch->hooks & CHANGE_NO_VERIFY) == 0;
	const char *pre_name = merge ? "pre-merge-commit" : "pre-commit";
	char *pre = NULL, *prep = NULL, *cmsg = NULL;
	char *index = change_path(ch->r, "hook-index");
	char *msgfile = xasprintf("%sCOMMIT_EDITMSG", git_repository_path(git));
	char *env_index = xasprintf("GIT_INDEX_FILE=%s", index);
	const char *env[] = { env_index, "GIT_EDITOR=:", NULL };
	const char *none[] = { NULL };
	const char *prep_args[] = { msgfile, ch->nparents > 0 ? "merge" :
	    "message", NULL };
	const char *cmsg_args[] = { msgfile, NULL };
	struct buf text = { 0 }, clean = { 0 };
	char *back = NULL;
	size_t blen = 0;
	int rc = -1;

	if (verify)
		pre = hook_find(git, repo_workdir(ch->r), pre_name, d);
	prep = hook_find(git, repo_workdir(ch->r), "prepare-commit-msg", d);
	if (verify)
		cmsg = hook_find(git, repo_workdir(ch->r), "commit-msg", d);
	if (pre == NULL && prep == NULL && cmsg == NULL) {
		rc = 0;
		goto out;
	}
	if (write_index(git, tree_id, index, d) == -1)
		goto out;
	if (pre != NULL && run_one(ch, pre, pre_name, none, env, merge ?
	    "the merge commit" : "the commit", 1, d) == -1)
		goto out;
	if (prep == NULL && cmsg == NULL) {
		rc = 0;
		goto out;
	}
	/* The message as git writes it for the hooks to read and edit. */
	buf_puts(&text, msg);
	if (text.len == 0 || text.s[text.len - 1] != '\n')
		buf_putc(&text, '\n');
	if (file_write_atomic(msgfile, text.s, text.len) == -1) {
		diag_errno(d, "write", msgfile);
		goto out;
	}
	if ((prep != NULL && run_one(ch, prep, "prepare-commit-msg", prep_args,
	    env, "the commit", 0, d) == -1) || (cmsg != NULL &&
	    run_one(ch, cmsg, "commit-msg", cmsg_args, env,
	    "the commit message", 1, d) == -1))
		goto out;
	if (file_read_all(msgfile, &back, &blen) == -1) {
		diag_errno(d, "read", msgfile);
		goto out;
	}
	rc = 0;
	if (blen == text.len && memcmp(back, text.s, blen) == 0)
		goto out;
	/* Edited: what the hooks left is the message. */
	stripspace(back, blen, &clean);
	if (clean.len == 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the hooks left the "
		    "commit message empty (%s); nothing was changed", msgfile);
		rc = -1;
		goto out;
	}
	buf_reset(&ch->msgbuf);
	buf_putn(&ch->msgbuf, clean.s, clean.len);
	ch->msg_edited = 1;
	rc = 1;
out:
	(void)unlink(index);
	buf_free(&text);
	buf_free(&clean);
	free(back);
	free(pre);
	free(prep);
	free(cmsg);
	free(index);
	free(msgfile);
	free(env_index);
	return rc;
}

void
change_hooks_post(struct change *ch, struct diags *d)
{
	git_repository *git = repo_git(ch->r);
	int merge = (ch->hooks & CHANGE_AS_MERGE) != 0;
	const char *name = merge ? "post-merge" : "post-commit";
	char *path = hook_find(git, repo_workdir(ch->r), name, d);
	char *env_index = xasprintf("GIT_INDEX_FILE=%sindex",
	    git_repository_path(git));
	const char *env[] = { env_index, "GIT_EDITOR=:", NULL };
	const char *merge_args[] = { "0", NULL }, *none[] = { NULL };

	/* The commit is made: the hook's status changes nothing. */
	if (path != NULL && hook_run(path, repo_workdir(ch->r), merge ? merge_args :
	    none, env) == -1)
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "cannot run the %s "
		    "hook %s: %s", name, path, strerror(errno));
	free(path);
	free(env_index);
}
