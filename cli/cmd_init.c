/*
 * cmd_init.c: rapport init [DIR] | init --shared DIR [--site WEBDIR]
 *	[--share WEBDIR] [--strict]
 *
 * Makes DIR (default: the current folder, created when missing) a
 * workspace: rapport.ini with every default written out and explained,
 * clients/ (kept in git by an empty clients/.gitkeep), a .gitignore that
 * keeps the generated _site/ out of git, a .gitattributes and the
 * repository's own config that make a plain git merge or git pull merge
 * client files with rapport merge-file, a git repository unless DIR is
 * already inside one, and a first commit of those files alone.  In an
 * existing workspace it sets up that merge alone (SPEC section 6).
 *
 * With --shared it makes the team's bare repository on a server instead,
 * with the hooks that check each push and publish the site (serve.h), or
 * adds the hooks to an existing bare repository.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "change.h"
#include "cli.h"
#include "config.h"
#include "serve.h"
#include "util.h"
#include "zone.h"

/* No trailing slash: _site is ignored whatever it is, a link too. */
#define SITE_IGNORE "/_site"

/* mkdir -p */
static int
make_dirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int rc = 0;

	for (s = p + 1; rc == 0 && (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (rc == 0 && mkdir(p, 0777) == -1 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

static int
exists(const char *dir, const char *name)
{
	struct stat st;
	char *p = xasprintf("%s/%s", dir, name);
	int rc = lstat(p, &st) == 0;

	free(p);
	return rc;
}

/* Whether a .gitignore already ignores _site/ at the workspace root. */
static int
ignores_site(const char *text)
{
	const char *line = text, *end;

	for (; *line != '\0'; line = *end ? end + 1 : end) {
		size_t n;

		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		n = (size_t)(end - line);
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
			n--;
		if ((n == 6 && strncmp(line, "_site/", 6) == 0) ||
		    (n == 7 && strncmp(line, "/_site/", 7) == 0) ||
		    (n == 5 && strncmp(line, "_site", 5) == 0) ||
		    (n == 6 && strncmp(line, "/_site", 6) == 0))
			return 1;
	}
	return 0;
}

/* The workspace's name: the folder's name. */
static char *
folder_name(const char *root)
{
	const char *b = strrchr(root, '/');
	char *name = xstrdup(b != NULL && b[1] != '\0' ? b + 1 : "workspace");
	char *s;

	/* Keep it one harmless INI value. */
	for (s = name; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == ';' || *s == '#')
			*s = '-';
	return name;
}

/* A new file of init's: not in HEAD, not in the work tree. */
static enum change_verdict
create_file(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const char *text = arg;

	if (old[side].exists && side != CHANGE_INDEX) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "a file init makes "
		    "exists already: nothing was changed");
		return CHANGE_ABORT;
	}
	buf_puts(out, text);
	return CHANGE_WRITE;
}

/* .gitignore: whatever each version holds, and the site's line. */
static enum change_verdict
ignore_site(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct change_text *t = &old[side];

	(void)arg;
	(void)d;
	if (t->link)
		return CHANGE_KEEP;
	if (t->exists && ignores_site(t->s))
		return CHANGE_KEEP;
	if (t->exists) {
		buf_putn(out, t->s, t->len);
		if (t->len > 0 && t->s[t->len - 1] != '\n')
			buf_putc(out, '\n');
	}
	buf_puts(out, "# the site rapport build writes\n" SITE_IGNORE "\n");
	return CHANGE_WRITE;
}

/* The lines that give client files and rapport.ini the rapport merge. */
static const char *const merge_attributes[] = {
	"clients/**/*.md merge=rapport",
	"rapport.ini merge=rapport",
	NULL
};

/* Whether text has line l, exactly. */
static int
has_line(const char *text, size_t len, const char *l)
{
	size_t n = strlen(l);
	const char *p = text, *end = text + len;

	while (p + n <= end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (memcmp(p, l, n) == 0 && (p + n == end || p[n] == '\n' ||
		    (p[n] == '\r' && p + n + 1 < end && p[n + 1] == '\n')))
			return 1;
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return 0;
}

/* .gitattributes: whatever each version holds, and the merge's lines. */
static enum change_verdict
merge_attrs(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct change_text *t = &old[side];
	size_t i;
	int added = 0;

	(void)arg;
	(void)d;
	if (t->link)
		return CHANGE_KEEP;
	if (t->exists) {
		buf_putn(out, t->s, t->len);
		if (t->len > 0 && t->s[t->len - 1] != '\n')
			buf_putc(out, '\n');
	}
	for (i = 0; merge_attributes[i] != NULL; i++)
		if (!t->exists || !has_line(t->s, t->len, merge_attributes[i])) {
			if (!added++)
				buf_puts(out, "# merge client files with "
				    "rapport (git merge, git pull)\n");
			buf_printf(out, "%s\n", merge_attributes[i]);
		}
	return added ? CHANGE_WRITE : CHANGE_KEEP;
}

/*
 * The merge driver in the repository's config, naming this program by its
 * absolute path, so that git finds it without PATH: the one that made the
 * workspace.
 */
static int
merge_driver(struct repo *r, struct diags *d)
{
	char exe[4096], *cmd;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int rc;

	if (n > 0)
		exe[n] = '\0';
	/* A name git's shell would misread: then rapport from PATH. */
	if (n <= 0 || strchr(exe, '\'') != NULL)
		snprintf(exe, sizeof(exe), "rapport");
	cmd = xasprintf("'%s' merge-file %%O %%A %%B %%P", exe);
	rc = repo_config_set(r, "merge.rapport.name", "the rapport merge of "
	    "client files", d) == -1 || repo_config_set(r,
	    "merge.rapport.driver", cmd, d) == -1 ? -1 : 0;
	free(cmd);
	return rc;
}

/*
 * In an existing workspace init sets up the rapport merge and nothing
 * else: the lines of .gitattributes (committed alone) and the driver in
 * the repository's config, saying which it did.
 */
static int
init_merge(const char *root, const char *arg, unsigned hooks)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct change *change = NULL;
	struct diags d = { 0 }, quiet = { 0 };
	int rc = EXIT_USAGE, c;

	memset(&ws, 0, sizeof(ws));
	if (access(root, F_OK) != 0 || chdir(root) == -1) {
		cli_error("cannot use %s: %s", arg, strerror(errno));
		return EXIT_USAGE;
	}
	/* Its files' problems are check's to tell, not init's. */
	if (ws_open(&ws, ".", 0, &quiet) == -1) {
		cli_diags(&quiet);
		goto out;
	}
	if (repo_open(&r, ws.root, &d) == -1 || repo_ready(r, &d) == -1) {
		cli_diags(&d);
		fprintf(stderr, "rapport: %s is a workspace already; init only "
		    "sets up the rapport merge in its git repository\n", arg);
		goto out;
	}
	if ((change = cli_change(r, hooks)) == NULL)
		goto out;
	change_file(change, ".gitattributes", merge_attrs, NULL);
	if ((c = cli_commit(change, "set up the rapport merge of client "
	    "files", &d)) == -1) {
		cli_diags(&d);
		goto out;
	}
	cli_change_end(change);
	change = NULL;
	if (merge_driver(r, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	cli_diags(&d);
	printf("%s is a workspace already: set up the rapport merge for git "
	    "merge, git pull and rapport sync\n"
	    "  .gitattributes: %s\n"
	    "  merge.rapport.driver in the repository's own config: set\n"
	    "nothing else was changed\n", arg, c == 0 ? "the merge's lines "
	    "added and committed" : "has the merge's lines already");
	rc = EXIT_OK;
out:
	cli_change_end(change);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	diags_free(&quiet);
	return rc;
}

/* This program's absolute path, for scripts that run it; NULL if none. */
static char *
program_path(void)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	/* A name a shell would misread in quotes. */
	return strchr(exe, '\'') != NULL ? NULL : xstrdup(exe);
}

/* init --shared DIR [--site WEBDIR] [--share WEBDIR] [--strict] */
static int
init_shared(int argc, char **argv)
{
	struct serve_settings set = { NULL, NULL, -1 };
	struct serve_made made;
	struct diags d = { 0 };
	char *dir = NULL, *program = NULL;
	int i, rc = EXIT_USAGE;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		char **v = strcmp(a, "--shared") == 0 ? &dir :
		    strcmp(a, "--site") == 0 ? &set.site :
		    strcmp(a, "--share") == 0 ? &set.share : NULL;

		if (strcmp(a, "--strict") == 0)
			set.strict = 1;
		else if (v == NULL)
			return cli_usage("'%s' is not an option of init --shared",
			    a);
		else if (i + 1 >= argc || argv[i + 1][0] == '\0')
			return cli_usage("%s needs a folder", a);
		else
			*v = argv[++i];
	}
	if ((program = program_path()) == NULL) {
		cli_error("cannot tell where this rapport is (or its path holds "
		    "a \"'\"): the hooks must name it");
		return EXIT_USAGE;
	}
	if (serve_init(dir, program, &set, &made, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	printf("%s %s: the hooks %s\n", made.repository ? "made the "
	    "team's bare repository" : "took the bare repository", dir,
	    made.hooks ? "pre-receive and post-receive installed" :
	    "were in place already");
	if (set.site != NULL)
		printf("  each push of main is published to %s "
		    "(rapport.site)\n", set.site);
	if (set.share != NULL)
		printf("  its report pages alone to %s (rapport.share)\n",
		    set.share);
	if (set.strict == 1)
		printf("  a push with warnings is refused (rapport.strict)\n");
	if (!made.repository && set.site == NULL && set.share == NULL &&
	    set.strict == -1)
		printf("nothing else was changed\n");
	rc = EXIT_OK;
out:
	free(program);
	diags_free(&d);
	return rc;
}

/*
 * The folder init makes the workspace in ("." when none is given), and
 * --no-verify into *hooks; NULL (usage: said) for anything else.
 */
static const char *
init_args(int argc, char **argv, unsigned *hooks)
{
	const char *arg = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--no-verify") == 0)
			*hooks = CHANGE_NO_VERIFY;
		else if (argv[i][0] == '-') {
			cli_usage("'%s' is not an option of init", argv[i]);
			return NULL;
		} else if (arg != NULL) {
			cli_usage("init takes one folder at most");
			return NULL;
		} else
			arg = argv[i];
	}
	return arg != NULL ? arg : ".";
}

int
cmd_init(const struct globals *g, int argc, char **argv)
{
	struct repo *r = NULL;
	struct change *change = NULL;
	struct diags d = { 0 };
	const char *arg;
	char *root = NULL, *name = NULL, *ini = NULL, *msg = NULL, *zone = NULL;
	char *clients = NULL, empty[1] = "";
	int rc = EXIT_USAGE, created, made = 0;
	unsigned hooks = 0;

	(void)g;
	for (created = 1; created < argc; created++)
		if (strcmp(argv[created], "--shared") == 0)
			return init_shared(argc, argv);
	if ((arg = init_args(argc, argv, &hooks)) == NULL)
		return EXIT_USAGE;
	if (make_dirs(arg) == -1) {
		cli_error("cannot make %s: %s", arg, strerror(errno));
		return EXIT_USAGE;
	}
	if ((root = realpath(arg, NULL)) == NULL) {
		cli_error("cannot use %s: %s", arg, strerror(errno));
		return EXIT_USAGE;
	}
	if (exists(root, "rapport.ini") || exists(root, "clients")) {
		rc = init_merge(root, arg, hooks);
		goto out;
	}
	if (repo_init(root, &created, &d) == -1 ||
	    repo_open(&r, root, &d) == -1 || repo_ready(r, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	if ((change = cli_change(r, hooks)) == NULL)
		goto out;
	name = folder_name(root);
	/* The creator's zone becomes the workspace's (zone.h). */
	zone = zone_local_name();
	ini = config_default_text(name, zone);
	clients = xasprintf("%s/clients", root);
	if (mkdir(clients, 0777) == -1) {
		cli_error("cannot make %s: %s; nothing was changed", clients,
		    strerror(errno));
		goto out;
	}
	made = 1;
	change_file(change, "clients/.gitkeep", create_file, empty);
	change_file(change, "rapport.ini", create_file, ini);
	change_file(change, ".gitignore", ignore_site, NULL);
	change_file(change, ".gitattributes", merge_attrs, NULL);
	msg = xasprintf("start the rapport workspace %s", name);
	if (cli_commit(change, msg, &d) != 0) {
		cli_diags(&d);
		goto out;
	}
	made = 0;
	if (merge_driver(r, &d) == -1)
		diag_msg(&d, "rapport", 0, 0, DIAG_WARNING, "git merge and git "
		    "pull will merge client files line by line: set "
		    "merge.rapport.driver as rapport(1) says");
	cli_diags(&d);
	printf("made a workspace in %s%s\n"
	    "set up the rapport merge for git merge and git pull "
	    "(.gitattributes, merge.rapport in the repository's config)\n"
	    "next: edit rapport.ini (owners, defaults), then add a client:\n"
	    "  rapport new \"Client name\"\n", root,
	    created ? " (a new git repository)" : "");
	rc = EXIT_OK;
out:
	/* Only what init itself made is taken back. */
	if (made)
		(void)rmdir(clients);
	cli_change_end(change);
	free(clients);
	free(root);
	free(name);
	free(ini);
	free(zone);
	free(msg);
	repo_close(r);
	diags_free(&d);
	return rc;
}
