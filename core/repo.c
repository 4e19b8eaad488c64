/*
 * repo.c: commits, status and history through libgit2 (see repo.h).
 *
 * libgit2 1.5 differs from the git program in ways that matter here, and
 * this file makes up for them: it reads no GIT_AUTHOR_* or GIT_COMMITTER_*
 * variables (we resolve the identity as git does), it never fsyncs unless
 * asked (we ask), it makes an empty commit when asked (we compare trees
 * first), and two processes writing the index lose each other's updates
 * (we hold rapport.lock and build commits from HEAD's tree, not the index).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "date.h"
#include "repo.h"
#include "repo_int.h"
#include "util.h"


void
repo_git_fail(struct diags *d, const char *what)
{
	const git_error *e = git_error_last();

	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s: %s", what,
	    e != NULL && e->message != NULL ? e->message : "libgit2 failed");
}

static void
lib_init(void)
{
	git_libgit2_init();
	/* Commits and refs must survive a crash as the files do. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
}

/* The repository's path for a workspace path, allocated. */
static char *
git_path(const struct repo *r, const char *path)
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
	lib_init();
	if ((rc = git_repository_open_ext(&r->git, root, 0, NULL)) < 0) {
		if (rc == GIT_ENOTFOUND)
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is not in a "
			    "git repository, and rapport records every change "
			    "as a commit: run 'git init' there", root);
		else
			repo_git_fail(d, "cannot open the git repository");
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

/* ---- dates as git reads them ------------------------------------- */

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Reads exactly n digits. */
static int
digits(const char **s, int n, int *out)
{
	int v = 0;

	while (n-- > 0) {
		if (!isdigit((unsigned char)**s))
			return -1;
		v = v * 10 + (*(*s)++ - '0');
	}
	*out = v;
	return 0;
}

/* "+HHMM", "+HH:MM", "+HH" or "Z"; *s moves past it.  0, 1 (none) or -1. */
static int
zone(const char **s, int *offset)
{
	const char *p = skip_ws(*s);
	int sign, h, m = 0;

	if (*p == 'Z' || *p == 'z') {
		*offset = 0;
		*s = p + 1;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return 1;
	sign = *p++ == '-' ? -1 : 1;
	if (digits(&p, 2, &h) == -1)
		return -1;
	if (*p == ':')
		p++;
	if (isdigit((unsigned char)*p) && digits(&p, 2, &m) == -1)
		return -1;
	if (h > 14 || m > 59)
		return -1;
	*offset = sign * (h * 60 + m);
	*s = p;
	return 0;
}

/* Local wall-clock time to seconds, and the zone in force then. */
static int
local_time(int y, int mo, int dd, int h, int mi, int sec, int64_t *when,
    int *offset)
{
	struct tm tm = { 0 };
	time_t t;

	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = dd;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	*when = (int64_t)t;
	*offset = (int)(tm.tm_gmtoff / 60);
	return 0;
}

static int
finish(int y, int mo, int dd, int h, int mi, int sec, const char *rest,
    int64_t *when, int *offset)
{
	int off, z;

	if (!date_valid_ymd(y, mo, dd) || h > 23 || mi > 59 || sec > 60)
		return -1;
	if ((z = zone(&rest, &off)) == -1 || *skip_ws(rest) != '\0')
		return -1;
	if (z == 1)
		return local_time(y, mo, dd, h, mi, sec, when, offset);
	*when = (int64_t)date_from_ymd(y, mo, dd) * 86400 + h * 3600 +
	    mi * 60 + sec - (int64_t)off * 60;
	*offset = off;
	return 0;
}

/* HH:MM[:SS[.fraction]] */
static int
clock_time(const char **s, int *h, int *mi, int *sec)
{
	*sec = 0;
	if (digits(s, 2, h) == -1 || *(*s)++ != ':' || digits(s, 2, mi) == -1)
		return -1;
	if (**s == ':') {
		(*s)++;
		if (digits(s, 2, sec) == -1)
			return -1;
		if (**s == '.' || **s == ',')
			for ((*s)++; isdigit((unsigned char)**s); (*s)++)
				continue;
	}
	return 0;
}

static int
parse_iso(const char *s, int64_t *when, int *offset)
{
	int y, mo, dd, h, mi, sec;

	if (digits(&s, 4, &y) == -1 || *s++ != '-' ||
	    digits(&s, 2, &mo) == -1 || *s++ != '-' ||
	    digits(&s, 2, &dd) == -1 || (*s != 'T' && *s != ' '))
		return -1;
	s++;
	if (clock_time(&s, &h, &mi, &sec) == -1)
		return -1;
	return finish(y, mo, dd, h, mi, sec, s, when, offset);
}

static int
parse_rfc2822(const char *s, int64_t *when, int *offset)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	int y, mo = 0, dd, h, mi, sec, i;
	char name[4];

	/* An optional day name: "Mon," */
	if (isalpha((unsigned char)*s)) {
		while (isalpha((unsigned char)*s))
			s++;
		if (*s++ != ',')
			return -1;
		s = skip_ws(s);
	}
	if (!isdigit((unsigned char)*s))
		return -1;
	dd = *s++ - '0';
	if (isdigit((unsigned char)*s))
		dd = dd * 10 + (*s++ - '0');
	s = skip_ws(s);
	for (i = 0; i < 3; i++) {
		if (!isalpha((unsigned char)s[i]))
			return -1;
		name[i] = (char)tolower((unsigned char)s[i]);
	}
	name[3] = '\0';
	s += 3;
	for (i = 0; i < 12; i++)
		if (strncmp(months + 3 * i, name, 3) == 0)
			mo = i + 1;
	if (mo == 0)
		return -1;
	s = skip_ws(s);
	if (digits(&s, 4, &y) == -1)
		return -1;
	s = skip_ws(s);
	if (clock_time(&s, &h, &mi, &sec) == -1)
		return -1;
	return finish(y, mo, dd, h, mi, sec, s, when, offset);
}

int
repo_parse_date(const char *s, int64_t *when, int *offset)
{
	const char *p;
	int64_t t = 0;
	int off = 0, n = 0;

	s = skip_ws(s);
	p = s + (*s == '@');
	/* Git's own format: seconds since the epoch and a zone. */
	if (isdigit((unsigned char)*p)) {
		const char *q = p;

		while (isdigit((unsigned char)*q) && n < 18)
			t = t * 10 + (*q++ - '0'), n++;
		if ((*q == '\0' || *q == ' ') && (*s == '@' || n > 8)) {
			if (zone(&q, &off) == -1 || *skip_ws(q) != '\0')
				return -1;
			*when = t;
			*offset = off;
			return 0;
		}
		if (parse_iso(s, when, offset) == 0)
			return 0;
	}
	return parse_rfc2822(s, when, offset);
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
	struct tm tm;

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
		if (repo_parse_date(date, &id->when, &id->offset) == -1) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s='%s' is not "
			    "a date git reads: use '@SECONDS +HHMM' or ISO "
			    "8601 (2026-11-23T10:15:00+01:00)", env, date);
			return -1;
		}
	} else {
		now = time(NULL);
		localtime_r(&now, &tm);
		id->when = (int64_t)now;
		id->offset = (int)(tm.tm_gmtoff / 60);
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
		return "a merge is in progress: finish it (git commit) or abort "
		    "it (git merge --abort) first";
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

	if ((why = state_problem(git_repository_state(r->git))) != NULL) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s", why);
		goto out;
	}
	if ((det = git_repository_head_detached(r->git)) != 0) {
		if (det < 0)
			repo_git_fail(d, "cannot read HEAD");
		else
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "HEAD is "
			    "detached (not on a branch), so a commit would be "
			    "lost: switch to a branch first (git switch NAME)");
		goto out;
	}
	if (git_repository_config_snapshot(&cfg, r->git) < 0) {
		repo_git_fail(d, "cannot read the git configuration");
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

/* ---- what changed -------------------------------------------------- */

/* HEAD's commit and tree; both NULL on an unborn branch. */
static int
head_tree(struct repo *r, git_commit **commit, git_tree **tree,
    struct diags *d)
{
	git_oid id;
	int unborn;

	*commit = NULL;
	*tree = NULL;
	if ((unborn = git_repository_head_unborn(r->git)) == 1)
		return 0;
	if (unborn < 0 || git_reference_name_to_id(&id, r->git, "HEAD") < 0 ||
	    git_commit_lookup(commit, r->git, &id) < 0 ||
	    git_commit_tree(tree, *commit) < 0) {
		repo_git_fail(d, "cannot read HEAD");
		git_commit_free(*commit);
		*commit = NULL;
		return -1;
	}
	return 0;
}

static int
in_tree(git_tree *tree, const char *path)
{
	git_tree_entry *e = NULL;

	if (tree == NULL || git_tree_entry_bypath(&e, tree, path) < 0)
		return 0;
	git_tree_entry_free(e);
	return 1;
}

/* A workspace path repo_changes reports: rapport.ini, clients/ ** / *.md. */
static int
is_workspace_file(const char *p)
{
	size_t n = strlen(p);
	const char *s;

	if (strcmp(p, "rapport.ini") == 0)
		return 1;
	if (strncmp(p, "clients/", 8) != 0 || n < 12 ||
	    strcmp(p + n - 3, ".md") != 0)
		return 0;
	/* Hidden files and folders are not part of the workspace. */
	for (s = p + 7; s != NULL; s = strchr(s + 1, '/'))
		if (s[1] == '.')
			return 0;
	return 1;
}

static int
file_cmp(const void *a, const void *b)
{
	return strcmp(((const struct repo_file *)a)->path,
	    ((const struct repo_file *)b)->path);
}

void
repo_files_free(struct repo_file *f, size_t n)
{
	size_t i;

	for (i = 0; f != NULL && i < n; i++)
		free(f[i].path);
	free(f);
}

int
repo_changes(struct repo *r, struct repo_file **out, size_t *np,
    struct diags *d)
{
	git_status_options opts;
	git_status_list *list = NULL;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	struct repo_file *f = NULL;
	char *spec[2], *full;
	size_t i, n = 0, cap = 0, plen = strlen(r->prefix), count;
	int rc = -1;
	struct stat st;

	*out = NULL;
	*np = 0;
	git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION);
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
	    GIT_STATUS_OPT_INCLUDE_IGNORED |
	    GIT_STATUS_OPT_RECURSE_IGNORED_DIRS |
	    GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	spec[0] = xasprintf("%sclients", r->prefix);
	spec[1] = xasprintf("%srapport.ini", r->prefix);
	/* Pathspecs are patterns: a prefix with pattern characters is not. */
	if (strpbrk(r->prefix, "*?[\\") == NULL) {
		opts.pathspec.strings = spec;
		opts.pathspec.count = 2;
	}
	if (head_tree(r, &head, &tree, d) == -1)
		goto out;
	if (git_status_list_new(&list, r->git, &opts) < 0) {
		repo_git_fail(d, "cannot compare the work tree with HEAD");
		goto out;
	}
	count = git_status_list_entrycount(list);
	for (i = 0; i < count; i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		const git_diff_delta *dd;
		const char *p;

		if (e->status == GIT_STATUS_CURRENT)
			continue;
		dd = e->index_to_workdir ? e->index_to_workdir :
		    e->head_to_index;
		if (dd == NULL)
			continue;
		p = dd->new_file.path ? dd->new_file.path : dd->old_file.path;
		if (strncmp(p, r->prefix, plen) != 0 ||
		    !is_workspace_file(p + plen))
			continue;
		xgrow(&f, &cap, n + 1, sizeof(*f));
		f[n].path = xstrdup(p + plen);
		full = xasprintf("%s%s", r->workdir, p);
		if (e->status & GIT_STATUS_IGNORED)
			f[n].kind = REPO_IGNORED;
		else if (lstat(full, &st) == -1 && errno == ENOENT)
			f[n].kind = REPO_REMOVED;
		else
			f[n].kind = in_tree(tree, p) ? REPO_MODIFIED :
			    REPO_ADDED;
		free(full);
		/* Staged, then deleted: HEAD never had it, nothing changed. */
		if (f[n].kind == REPO_REMOVED && !in_tree(tree, p)) {
			free(f[n].path);
			continue;
		}
		n++;
	}
	if (n > 1)
		qsort(f, n, sizeof(*f), file_cmp);
	*out = f;
	*np = n;
	f = NULL;
	rc = 0;
out:
	repo_files_free(f, n);
	free(spec[0]);
	free(spec[1]);
	git_status_list_free(list);
	git_tree_free(tree);
	git_commit_free(head);
	return rc;
}

/* ---- history ------------------------------------------------------- */

/*
 * Looks under tree for a blob named base, at most depth folders down;
 * returns its path below prefix (allocated) or NULL.
 */
static char *
find_blob(git_repository *git, const git_tree *tree, const char *prefix,
    const char *base, int depth)
{
	size_t i, n = git_tree_entrycount(tree);
	char *found = NULL;

	for (i = 0; i < n && found == NULL; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		git_tree *sub;

		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
		    strcmp(name, base) == 0)
			found = xasprintf("%s/%s", prefix, name);
		else if (git_tree_entry_type(e) == GIT_OBJECT_TREE &&
		    depth > 0 && name[0] != '.' &&
		    git_tree_lookup(&sub, git, git_tree_entry_id(e)) == 0) {
			char *p = xasprintf("%s/%s", prefix, name);

			found = find_blob(git, sub, p, base, depth - 1);
			free(p);
			git_tree_free(sub);
		}
	}
	return found;
}

/* The blob id at path in commit c's tree; 0, or -1 when absent. */
static int
blob_at(const git_commit *c, const char *path, git_oid *id)
{
	git_tree *t = NULL;
	git_tree_entry *e = NULL;
	int rc = -1;

	if (git_commit_tree(&t, c) == 0 &&
	    git_tree_entry_bypath(&e, t, path) == 0) {
		git_oid_cpy(id, git_tree_entry_id(e));
		rc = 0;
	}
	git_tree_entry_free(e);
	git_tree_free(t);
	return rc;
}

/* Where the client file at path was in parent, when it moved there. */
static char *
moved_from(struct repo *r, const git_commit *parent, const char *path)
{
	const char *base = strrchr(path, '/');
	git_tree *t = NULL, *cl = NULL;
	git_tree_entry *e = NULL;
	char *dir = xasprintf("%sclients", r->prefix), *found = NULL;

	base = base ? base + 1 : path;
	if (git_commit_tree(&t, parent) == 0 &&
	    git_tree_entry_bypath(&e, t, dir) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&cl, r->git, git_tree_entry_id(e)) == 0)
		found = find_blob(r->git, cl, dir, base, 8);
	git_tree_free(cl);
	git_tree_entry_free(e);
	git_tree_free(t);
	free(dir);
	return found;
}

long
repo_history(struct repo *r, const char *path,
    int (*cb)(const struct repo_commit *, void *), void *arg,
    struct diags *d)
{
	git_revwalk *walk = NULL;
	git_oid oid, mine, theirs;
	char *cur = git_path(r, path);
	long count = 0;
	int unborn;

	if ((unborn = git_repository_head_unborn(r->git)) == 1)
		goto out;
	if (unborn < 0 || git_revwalk_new(&walk, r->git) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL |
	    GIT_SORT_TIME) < 0 ||
	    git_revwalk_push_head(walk) < 0) {
		repo_git_fail(d, "cannot read the history");
		count = -1;
		goto out;
	}
	while (git_revwalk_next(&oid, walk) == 0) {
		git_commit *c = NULL;
		unsigned int i, np;
		int touched, stop = 0;
		char *moved = NULL;

		if (git_commit_lookup(&c, r->git, &oid) < 0) {
			repo_git_fail(d, "cannot read a commit");
			count = -1;
			goto out;
		}
		if (blob_at(c, cur, &mine) == -1) {
			git_commit_free(c);
			continue;
		}
		/*
		 * A commit touched the file when it differs from every
		 * parent (a merge that took one side's version did not).
		 */
		np = git_commit_parentcount(c);
		touched = 1;
		for (i = 0; i < np && touched; i++) {
			git_commit *p = NULL;

			if (git_commit_parent(&p, c, i) < 0)
				continue;
			if (blob_at(p, cur, &theirs) == 0) {
				if (git_oid_equal(&mine, &theirs))
					touched = 0;
			} else if (i == 0)
				moved = moved_from(r, p, cur);
			git_commit_free(p);
		}
		if (touched) {
			const git_signature *a = git_commit_author(c);
			struct repo_commit info;
			git_buf sb = { NULL, 0, 0 };
			int64_t local;

			memset(&info, 0, sizeof(info));
			git_oid_tostr(info.id, sizeof(info.id), &oid);
			if (git_object_short_id(&sb, (const git_object *)c) == 0)
				snprintf(info.short_id, sizeof(info.short_id), "%s",
				    sb.ptr);
			else
				snprintf(info.short_id, sizeof(info.short_id),
				    "%.7s", info.id);
			git_buf_dispose(&sb);
			info.author = a->name;
			info.email = a->email;
			info.when = (int64_t)a->when.time;
			info.offset = a->when.offset;
			local = info.when + (int64_t)info.offset * 60;
			info.day = (date_t)(local >= 0 ? local / 86400 :
			    (local - 86399) / 86400);
			info.summary = git_commit_summary(c);
			if (info.summary == NULL)
				info.summary = "";
			info.path = cur + strlen(r->prefix);
			count++;
			stop = cb(&info, arg);
		}
		git_commit_free(c);
		if (moved != NULL) {
			free(cur);
			cur = moved;
		}
		if (stop)
			break;
	}
out:
	git_revwalk_free(walk);
	free(cur);
	return count;
}

const char *
repo_gitdir(const struct repo *r)
{
	return git_repository_path(r->git);
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
	lib_init();
	if ((rc = git_repository_open_ext(&git, dir, 0, NULL)) == 0)
		goto out;
	if (rc != GIT_ENOTFOUND) {
		repo_git_fail(d, "cannot open the git repository");
		goto out;
	}
	/* No repository is made for commits that could not be signed. */
	if ((rc = git_config_open_default(&live)) < 0 ||
	    (rc = git_config_snapshot(&cfg, live)) < 0) {
		repo_git_fail(d, "cannot read the git configuration");
		goto out;
	}
	if (ident_resolve(cfg, "AUTHOR", "author", &a, d) == -1 ||
	    ident_resolve(cfg, "COMMITTER", "committer", &c, d) == -1) {
		rc = -1;
		goto out;
	}
	if ((rc = git_repository_init(&git, dir, 0)) < 0) {
		repo_git_fail(d, "cannot make a git repository");
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
