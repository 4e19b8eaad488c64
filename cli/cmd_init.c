/*
 * cmd_init.c: rapport init [DIR]
 *
 * Makes DIR (default: the current folder, created when missing) a
 * workspace: rapport.ini with every default written out and explained,
 * clients/ (kept in git by an empty clients/.gitkeep), a .gitignore that
 * keeps the generated _site/ out of git, a git repository unless DIR is
 * already inside one, and a first commit of those files alone.  An existing
 * workspace is never touched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "fileio.h"
#include "util.h"

#define SITE_IGNORE "/_site/"

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

/*
 * Takes back the first made of the steps that made the folder, .gitkeep,
 * rapport.ini and .gitignore (which had old, ilen bytes, or did not exist
 * when old is NULL).  Only what init itself made is removed.
 */
static void
undo(char *const full[4], int made, const char *old, size_t ilen)
{
	if (made >= 4) {
		if (old != NULL)
			file_write_atomic(full[3], old, ilen);
		else
			unlink(full[3]);
	}
	if (made >= 3)
		unlink(full[2]);
	if (made >= 2)
		unlink(full[1]);
	if (made >= 1)
		rmdir(full[0]);
}

int
cmd_init(const struct globals *g, int argc, char **argv)
{
	struct repo *r = NULL;
	struct diags d = { 0 };
	struct repo_change c[3];
	const char *arg = argc > 1 ? argv[1] : ".";
	char *root = NULL, *name = NULL, *ini = NULL, *path = NULL;
	char *ignore = NULL, *msg = NULL;
	static const char *const files[4] = {
		"clients", "clients/.gitkeep", "rapport.ini", ".gitignore"
	};
	char *full[4] = { NULL, NULL, NULL, NULL };
	size_t ilen = 0, i;
	int rc = EXIT_USAGE, created, made = 0;
	struct buf gi = { NULL, 0, 0 };

	(void)g;
	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fputs("usage: rapport init [DIR]\n", stderr);
		return EXIT_USAGE;
	}
	if (make_dirs(arg) == -1) {
		cli_error("cannot make %s: %s", arg, strerror(errno));
		return EXIT_USAGE;
	}
	if ((root = realpath(arg, NULL)) == NULL) {
		cli_error("cannot use %s: %s", arg, strerror(errno));
		return EXIT_USAGE;
	}
	if (exists(root, "rapport.ini") || exists(root, "clients")) {
		cli_error("%s is already a rapport workspace (it has %s): "
		    "nothing was changed", arg, exists(root, "rapport.ini") ?
		    "rapport.ini" : "clients/");
		goto out;
	}
	if (repo_init(root, &created, &d) == -1 ||
	    repo_open(&r, root, &d) == -1 || repo_ready(r, &d) == -1 ||
	    cli_lock(r, &d) == -1) {
		cli_diags(&d);
		goto out;
	}

	name = folder_name(root);
	ini = config_default_text(name);
	path = xasprintf("%s/.gitignore", root);
	if (file_read_all(path, &ignore, &ilen) == 0) {
		buf_putn(&gi, ignore, ilen);
		if (ilen > 0 && ignore[ilen - 1] != '\n')
			buf_putc(&gi, '\n');
	} else if (errno != ENOENT) {
		cli_error("cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	if (ignore == NULL || !ignores_site(ignore))
		buf_puts(&gi, "# the site rapport build writes\n" SITE_IGNORE
		    "\n");
	free(path);
	path = NULL;
	for (i = 0; i < 4; i++)
		full[i] = xasprintf("%s/%s", root, files[i]);
	if (mkdir(full[0], 0777) == -1)
		goto fail;
	made = 1;
	if (file_write_atomic(full[1], "", 0) == -1)
		goto fail;
	made = 2;
	if (file_write_atomic(full[2], ini, strlen(ini)) == -1)
		goto fail;
	made = 3;
	if (gi.len > ilen && file_write_atomic(full[3], gi.s, gi.len) == -1)
		goto fail;
	made = 4;
	for (i = 0; i < 3; i++) {
		c[i].path = files[i + 1];
		c[i].remove = 0;
	}
	msg = xasprintf("start the rapport workspace %s", name);
	if (cli_commit(r, c, 3, msg, &d) == -1) {
		cli_diags(&d);
		undo(full, made, ignore, ilen);
		goto out;
	}
	cli_diags(&d);
	printf("made a workspace in %s%s\n"
	    "next: edit rapport.ini (owners, defaults), then add a client:\n"
	    "  rapport new \"Client name\"\n", root,
	    created ? " (a new git repository)" : "");
	rc = EXIT_OK;
	goto out;
fail:
	cli_error("cannot write %s: %s; nothing was changed", full[made],
	    strerror(errno));
	undo(full, made, ignore, ilen);
out:
	for (i = 0; i < 4; i++)
		free(full[i]);
	buf_free(&gi);
	free(root);
	free(name);
	free(ini);
	free(path);
	free(ignore);
	free(msg);
	cli_close(r);
	diags_free(&d);
	return rc;
}
