/*
 * commit_util.c: what the committing commands (init, new, log, edit,
 * commit) share: opening the workspace and its repository ready for a
 * commit, finding the client a user means, validating a client file's new
 * text, and the change (core/write/change.h) with signals held, reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "change.h"
#include "cli.h"
#include "client.h"
#include "util.h"

void
cli_diags(struct diags *d)
{
	diag_sort(d);
	diag_print(d, stderr, cli_colour(stderr));
}

int
cli_begin(struct workspace *ws, struct repo **r, const struct globals *g,
    struct diags *d)
{
	*r = NULL;
	if (ws_open(ws, ".", g->today, d) == -1 ||
	    repo_open(r, ws->root, d) == -1 || repo_ready(*r, d) == -1) {
		cli_diags(d);
		return -1;
	}
	return 0;
}

char *
cli_words(int argc, char **argv)
{
	struct buf b = { 0 };
	int i;

	for (i = 0; i < argc; i++) {
		if (i > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, argv[i]);
	}
	if (b.s == NULL || strpbrk(b.s, "\r\n") != NULL) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

const char *
cli_client(struct workspace *ws, const char *q)
{
	const char *m[8];
	struct diags quiet = { 0 };
	size_t i, n = ws_find(ws, q, m, 8, &quiet);

	/* Problems in other files are check's business, not this command's. */
	diags_free(&quiet);
	if (n == 1)
		return m[0];
	if (n == 0)
		cli_error("no client matches '%s': give a slug, or the start "
		    "of a slug or a name ('rapport status --all' lists them)",
		    q);
	else {
		cli_error("'%s' matches %zu clients; say which:", q, n);
		for (i = 0; i < n && i < 8; i++)
			fprintf(stderr, "  %s\n", m[i]);
	}
	return NULL;
}

int
cli_writable(const struct workspace *ws, struct repo *r, const char *rel)
{
	struct stat st;
	char *full = xasprintf("%s/%s", ws->root, rel);
	int rc = lstat(full, &st);

	free(full);
	if (rc == 0 && S_ISLNK(st.st_mode)) {
		cli_error("%s is a symbolic link: rapport changes and commits "
		    "only the file itself; change the file it points to, or "
		    "replace the link by the file", rel);
		return -1;
	}
	if (repo_ignored(r, rel) == 1) {
		cli_error("%s is ignored by git (a .gitignore names it): "
		    "rapport never commits an ignored file; change .gitignore "
		    "first if it should be kept in git", rel);
		return -1;
	}
	return 0;
}

int
cli_parse(const struct workspace *ws, const char *path, const char *text,
    size_t len, struct client *c, struct diags *d)
{
	struct source src;
	size_t before = d->nerr;
	char *slug = ws_slug(path);

	memset(c, 0, sizeof(*c));
	if (source_from_mem(&src, path, text, len, d) == 0)
		client_parse(c, &src, slug, &ws->cfg, ws->today, 0, d);
	source_free(&src);
	free(slug);
	return (int)(d->nerr - before);
}

struct change *
cli_change(struct repo *r, unsigned hooks)
{
	struct diags d = { 0 };
	struct change *ch;

	cli_hold();
	if ((ch = change_begin(r, &d)) == NULL)
		cli_release();
	else
		change_hooks(ch, hooks);
	/* Why not, or what a crashed rapport left and this one put right. */
	cli_diags(&d);
	diags_free(&d);
	return ch;
}

void
cli_change_end(struct change *ch)
{
	if (ch == NULL)
		return;
	change_free(ch);
	cli_release();
}

int
cli_commit(struct change *ch, const char *msg, struct diags *d)
{
	char id[41];
	int rc = change_commit(ch, msg, id, d);

	if (rc == 0) {
		const char *nl;

		/* What was committed: change_message's, when it made one. */
		if (change_made_message(ch) != NULL)
			msg = change_made_message(ch);
		nl = strchr(msg, '\n');

		printf("[%.7s] %.*s\n", id, nl ? (int)(nl - msg) :
		    (int)strlen(msg), msg);
	}
	return rc;
}
