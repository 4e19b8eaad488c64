/*
 * serve.c: the server's bare repository, its hooks and settings, and
 * what git tells a receive hook (serve.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "fileio.h"
#include "repo.h"
#include "repo_int.h"
#include "serve.h"
#include "util.h"

/* The hooks init installs, in the order they run. */
static const char *const hook_names[] = { "pre-receive", "post-receive" };
#define NHOOKS (sizeof(hook_names) / sizeof(hook_names[0]))

struct serve {
	git_repository		*git;
	struct serve_settings	 set;
	char			*branch;
};

/* The script of hook name, allocated. */
static char *
hook_text(const char *program, const char *name)
{
	return xasprintf("#!/bin/sh\nexec '%s' hook %s\n", program, name);
}

/*
 * Whether text is a hook of rapport's for name, whatever program it
 * names: such a one is brought up to date, any other is the user's.
 */
static int
hook_ours(const char *text, const char *name)
{
	const char *head = "#!/bin/sh\nexec '", *end;
	char *tail = xasprintf("' hook %s\n", name);
	size_t n = strlen(text), t = strlen(tail);
	int yes;

	end = strchr(text + (strncmp(text, head, strlen(head)) == 0 ?
	    strlen(head) : 0), '\'');
	yes = strncmp(text, head, strlen(head)) == 0 && n > t &&
	    strcmp(text + n - t, tail) == 0 && end == text + n - t;
	free(tail);
	return yes;
}

/* Whether dir holds nothing (it exists). */
static int
empty_folder(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (d == NULL)
		return 0;
	while (empty && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

/* An absolute path for a folder that may not exist yet, allocated. */
static char *
absolute(const char *path)
{
	char cwd[PATH_MAX];

	if (path[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return xstrdup(path);
	return xasprintf("%s%s%s", cwd, strcmp(cwd, "/") ? "/" : "", path);
}

/*
 * The hooks' scripts to write into hooks/ of gitdir: texts[i] NULL when
 * hook i is up to date.  Returns -1 (reported) when one is the user's.
 */
static int
hooks_plan(const char *gitdir, const char *program, char *texts[NHOOKS],
    struct diags *d)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < NHOOKS; i++) {
		char *path = xasprintf("%shooks/%s", gitdir, hook_names[i]);
		char *old = NULL;
		size_t len;

		texts[i] = hook_text(program, hook_names[i]);
		if (file_read_all(path, &old, &len) == 0) {
			if (strcmp(old, texts[i]) == 0) {
				free(texts[i]);
				texts[i] = NULL;
			} else if (!hook_ours(old, hook_names[i])) {
				diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s "
				    "is a hook of someone else's: nothing was "
				    "changed; add the line \"%s hook %s\" to it "
				    "(or move it away) and run init again",
				    path, program, hook_names[i]);
				rc = -1;
			}
		} else if (errno != ENOENT) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot read "
			    "%s: %s", path, strerror(errno));
			rc = -1;
		}
		free(old);
		free(path);
	}
	return rc;
}

/* Stores the settings given in the repository's own config. */
static int
settings_store(git_repository *git, const struct serve_settings *set)
{
	git_config *cfg = NULL, *local = NULL;
	char *site = NULL, *share = NULL;
	int rc = -1;

	if (git_repository_config(&cfg, git) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0)
		goto out;
	/* A hook runs in the git folder: a relative path would move. */
	if (set->site != NULL && git_config_set_string(local, "rapport.site",
	    site = absolute(set->site)) < 0)
		goto out;
	if (set->share != NULL && git_config_set_string(local,
	    "rapport.share", share = absolute(set->share)) < 0)
		goto out;
	if (set->strict >= 0 && git_config_set_bool(local, "rapport.strict",
	    set->strict) < 0)
		goto out;
	rc = 0;
out:
	free(site);
	free(share);
	git_config_free(local);
	git_config_free(cfg);
	return rc;
}

/* Opens the bare repository dir, or makes it; -1 reported. */
static int
bare_open(git_repository **git, const char *dir, int *made,
    struct diags *d)
{
	git_repository_init_options o;
	struct stat st;

	*made = 0;
	if (stat(dir, &st) == -1 || (S_ISDIR(st.st_mode) &&
	    empty_folder(dir))) {
		git_repository_init_options_init(&o,
		    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		o.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
		o.mode = GIT_REPOSITORY_INIT_SHARED_GROUP;
		o.initial_head = "main";
		if (git_repository_init_ext(git, dir, &o) < 0) {
			repo_fail_git(d, "cannot make the repository");
			return -1;
		}
		*made = 1;
		return 0;
	}
	if (git_repository_open_ext(git, dir, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL) < 0 || !git_repository_is_bare(*git)) {
		git_repository_free(*git);
		*git = NULL;
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is not a bare git "
		    "repository, and holds files: give a new or empty folder "
		    "for the server's repository, or an existing bare one",
		    dir);
		return -1;
	}
	return 0;
}

int
serve_init(const char *dir, const char *program,
    const struct serve_settings *set, struct serve_made *made,
    struct diags *d)
{
	git_repository *git = NULL;
	char *texts[NHOOKS] = { NULL }, *state = NULL;
	const char *gitdir;
	size_t i;
	int rc = -1;

	memset(made, 0, sizeof(*made));
	repo_lib_init();
	if (bare_open(&git, dir, &made->repository, d) == -1)
		goto out;
	gitdir = git_repository_path(git);
	if (hooks_plan(gitdir, program, texts, d) == -1)
		goto out;
	/* The team's pushes all write rapport's caches: the group's too. */
	state = repo_state_path(gitdir, "");
	if (made->repository && mkdir(state, 0775) == 0)
		(void)chmod(state, 02775);
	for (i = 0; i < NHOOKS; i++) {
		char *path = xasprintf("%shooks/%s", gitdir, hook_names[i]);
		char *hooks = xasprintf("%shooks", gitdir);
		int bad;

		(void)mkdir(hooks, 0777);
		bad = texts[i] != NULL && file_write_atomic_exec(path, texts[i],
		    strlen(texts[i]), 1) == -1;
		if (bad)
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot write "
			    "%s: %s", path, strerror(errno));
		made->hooks += texts[i] != NULL;
		free(hooks);
		free(path);
		if (bad)
			goto out;
	}
	if (settings_store(git, set) == -1) {
		repo_fail_git(d, "cannot store the settings in git's config");
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < NHOOKS; i++)
		free(texts[i]);
	free(state);
	git_repository_free(git);
	git_libgit2_shutdown();
	return rc;
}

/* The string setting key, allocated, or NULL. */
static char *
setting(git_config *cfg, const char *key)
{
	git_buf b = { NULL, 0, 0 };
	char *v = NULL;

	if (git_config_get_string_buf(&b, cfg, key) == 0 && b.ptr != NULL &&
	    b.ptr[0] != '\0')
		v = xstrdup(b.ptr);
	git_buf_dispose(&b);
	return v;
}

struct serve *
serve_open(const char *start, struct diags *d)
{
	struct serve *s = xcalloc(1, sizeof(*s));
	git_config *cfg = NULL;
	git_reference *head = NULL;
	int strict = 0;

	repo_lib_init();
	if (git_repository_open_ext(&s->git, start, 0, NULL) < 0) {
		repo_fail_git(d, "cannot open the server's repository");
		goto fail;
	}
	if (git_repository_config_snapshot(&cfg, s->git) < 0) {
		repo_fail_git(d, "cannot read the repository's config");
		goto fail;
	}
	s->set.site = setting(cfg, "rapport.site");
	s->set.share = setting(cfg, "rapport.share");
	if (git_config_get_bool(&strict, cfg, "rapport.strict") < 0)
		strict = 0;
	s->set.strict = strict;
	if (git_reference_lookup(&head, s->git, "HEAD") < 0 ||
	    git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the repository's HEAD "
		    "names no branch: point it at the workspace's, with git "
		    "symbolic-ref HEAD refs/heads/main");
		goto fail;
	}
	s->branch = xstrdup(git_reference_symbolic_target(head));
	git_reference_free(head);
	git_config_free(cfg);
	return s;
fail:
	git_reference_free(head);
	git_config_free(cfg);
	serve_close(s);
	return NULL;
}

const struct serve_settings *
serve_settings(const struct serve *s)
{
	return &s->set;
}

const char *
serve_branch(const struct serve *s)
{
	return s->branch;
}

int
serve_tip(struct serve *s, char id[41], struct diags *d)
{
	git_oid oid;
	int rc = git_reference_name_to_id(&oid, s->git, s->branch);

	if (rc == GIT_ENOTFOUND)
		return 1;
	if (rc < 0) {
		repo_fail_git(d, "cannot read the workspace branch");
		return -1;
	}
	git_oid_tostr(id, 41, &oid);
	return 0;
}

void
serve_close(struct serve *s)
{
	if (s == NULL)
		return;
	git_repository_free(s->git);
	git_libgit2_shutdown();		/* serve_open's repo_lib_init */
	free(s->set.site);
	free(s->set.share);
	free(s->branch);
	free(s);
}

/* Whether p starts with 40 hex digits and then c. */
static int
hex40(const char *p, char c)
{
	size_t i;

	for (i = 0; i < 40; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' &&
		    p[i] <= 'f')))
			return 0;
	return p[40] == c;
}

int
serve_updates_parse(const char *text, size_t len, struct serve_update **out,
    size_t *n, struct diags *d)
{
	const char *p = text, *end = text + len, *nl;
	size_t cap = 0, line = 0;

	*out = NULL;
	*n = 0;
	for (; p < end; p = nl + 1) {
		struct serve_update *u;
		size_t l;

		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		l = (size_t)(nl - p);
		if (l == 0)
			continue;
		if (l < 83 || !hex40(p, ' ') || !hex40(p + 41, ' ') ||
		    memchr(p, '\0', l) != NULL) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "line %zu of "
			    "the hook's input is not \"OLD NEW REF\": run the "
			    "hook from git, which gives it", line);
			serve_updates_free(*out, *n);
			*out = NULL;
			*n = 0;
			return -1;
		}
		xgrow(out, &cap, *n + 1, sizeof(**out));
		u = &(*out)[(*n)++];
		memcpy(u->old, p, 40);
		u->old[40] = '\0';
		memcpy(u->new, p + 41, 40);
		u->new[40] = '\0';
		u->ref = xstrndup(p + 82, l - 82);
	}
	return 0;
}

int
serve_id_none(const char *id)
{
	return strspn(id, "0") == 40;
}

void
serve_updates_free(struct serve_update *u, size_t n)
{
	size_t i;

	for (i = 0; i < n && u != NULL; i++)
		free(u[i].ref);
	free(u);
}
