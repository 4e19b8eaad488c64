/*
 * cmd_check.c: rapport check [--strict] [--rev REV | FILE...]
 *
 * Validates rapport.ini and the client files (all of them, or those named)
 * and prints every problem, sorted by file and line, then one summary line;
 * on a terminal each is followed by its line and a caret under the column.
 * rapport.ini is always checked: every client depends on it.  What is under
 * clients/ but not read (hidden, not .md, too deep) is named as a warning.
 * With --rev the files are those of a commit, in any repository (bare
 * ones too): what a server checks before it takes a push.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "ftree.h"
#include "people.h"
#include "share.h"
#include "fileio.h"
#include "util.h"
#include "workspace.h"

static int
is_client_path(const char *rel)
{
	size_t n = strlen(rel);

	return strncmp(rel, "clients/", 8) == 0 && n > 11 &&
	    strcmp(rel + n - 3, ".md") == 0;
}

/*
 * Every file or folder of clients/ that is not read, or those the named
 * files are in, as a warning that says why: nothing there is checked.
 */
static void
skipped(const struct workspace *ws, const char *const *only, size_t nonly,
    struct diags *d)
{
	const struct ws_skip *k;
	size_t i;

	if (only == NULL) {
		for (i = 0; i < ws->nskipped; i++)
			diag_msg(d, ws->skipped[i].path, 0, 0, DIAG_WARNING,
			    "not read: %s", ws->skipped[i].why);
		return;
	}
	for (i = 0; i < nonly; i++) {
		if ((k = ws_skipped(ws, only[i])) == NULL)
			continue;
		if (strcmp(k->path, only[i]) == 0)
			diag_msg(d, only[i], 0, 0, DIAG_WARNING, "not read: %s",
			    k->why);
		else
			diag_msg(d, only[i], 0, 0, DIAG_WARNING, "not read: it "
			    "is in %s, %s", k->path, k->why);
	}
}

/*
 * Each linked folder (clients/ itself, or one under it), as a warning
 * that names where it points: rapport writes through no link, so a sync
 * or a new client there would be refused.
 */
static void
linked(const struct workspace *ws, struct diags *d)
{
	size_t i;

	for (i = 0; i < ws->nlinks; i++)
		diag_msg(d, ws->links[i].path, 0, 0, DIAG_WARNING, "a symbolic "
		    "link to the folder %s: rapport %s and writes nothing "
		    "through it (nor does git, which commits the link "
		    "itself): replace the link by a real folder",
		    ws->links[i].target, strcmp(ws->links[i].path,
		    "clients") == 0 ? "reads the clients in it," :
		    "does not read the clients in it,");
}

/*
 * The line a diagnostic points at, and a caret under its column, as gcc
 * shows them: only on a terminal, so that editors and scripts read one
 * line per problem.  Control characters show as '?', so that the caret
 * stays under what it points at; tabs are kept in the caret's line.
 */
struct excerpt {
	char		*file;		/* the file text is of */
	char		*text;		/* NULL: could not be read */
	size_t		 len;
};

static void
excerpt_show(struct excerpt *x, const struct workspace *ws,
    const struct diag *m, FILE *f, int colour)
{
	const char *s, *e;
	size_t i;
	int line;

	if (m->line <= 0 || strcmp(m->file, "rapport") == 0)
		return;
	if (x->file == NULL || strcmp(x->file, m->file) != 0) {
		free(x->file);
		free(x->text);
		x->file = xstrdup(m->file);
		if (ws_read(ws, m->file, 1, SOURCE_MAX_BYTES, &x->text,
		    &x->len) == -1)
			x->text = NULL;
	}
	if (x->text == NULL)
		return;
	for (s = x->text, line = 1; line < m->line && s < x->text + x->len;
	    line++) {
		if ((e = memchr(s, '\n', (size_t)(x->text + x->len - s))) == NULL)
			return;
		s = e + 1;
	}
	if (line != m->line)
		return;
	/* A byte order mark is not part of the first line's columns. */
	if (m->line == 1 && x->len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (e = s; e < x->text + x->len && *e != '\n' && *e != '\r'; e++)
		;
	fprintf(f, "%5d | ", m->line);
	for (i = 0; s + i < e; i++)
		fputc((unsigned char)s[i] < 0x20 && s[i] != '\t' ?
		    '?' : s[i] == 0x7f ? '?' : s[i], f);
	fputs("\n      | ", f);
	/* The caret's column counts characters, not UTF-8 bytes. */
	for (i = 0; s + i < e && (int)i < (m->col > 0 ? m->col : 1) - 1; i++)
		if (s[i] == '\t')
			fputc('\t', f);
		else if (((unsigned char)s[i] & 0xc0) != 0x80)
			fputc(' ', f);
	fprintf(f, "%s^%s\n", colour ? "\033[1;32m" : "", colour ? "\033[0m" :
	    "");
}

/*
 * The problems, sorted, each with the lines it points at on a terminal,
 * then how many files were checked and what was found.
 */
static void
print_problems(const struct workspace *ws, struct diags *d)
{
	size_t k, files = ws->nfiles_checked + (size_t)ws->has_ini;

	diag_sort(d);
	if (isatty(STDOUT_FILENO)) {
		struct excerpt x = { NULL, NULL, 0 };

		for (k = 0; k < d->n; k++) {
			diag_print_one(&d->v[k], stdout, cli_colour(stdout));
			excerpt_show(&x, ws, &d->v[k], stdout,
			    cli_colour(stdout));
		}
		free(x.file);
		free(x.text);
	} else
		diag_print(d, stdout, 0);
	if (d->nerr == 0 && d->nwarn == 0)
		printf("%zu file%s checked: no problems\n", files,
		    files == 1 ? "" : "s");
	else
		printf("%zu file%s checked: %zu error%s, %zu warning%s\n",
		    files, files == 1 ? "" : "s", d->nerr,
		    d->nerr == 1 ? "" : "s", d->nwarn, d->nwarn == 1 ? "" : "s");
}

/*
 * A workspace without a time zone works as before, each person's entry
 * times in their own zone; a note (never a warning: nothing is wrong
 * with one person's workspace) says how a team's times come to agree.
 */
static void
zone_note(const struct workspace *ws, struct diags *d)
{
	if (ws->cfg.timezone != NULL || !ws->has_ini)
		return;
	diag_msg(d, "rapport.ini", 0, 0, DIAG_NOTE, "no [workspace] timezone: "
	    "entry times are written in the zone of whoever logs or imports "
	    "them; add one under [workspace], such as 'timezone = "
	    "Europe/London', so that a team's times agree");
}

int
cli_check(const struct globals *g, const char *rev, int strict, char **files,
    int nfiles)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct ftree tree = { 0 };
	struct diags d = { 0 };
	struct ws_each each = { 0 };
	char **only = NULL;
	size_t nonly = 0;
	int i, rc = EXIT_USAGE;
	enum diag_level worst;

	memset(&ws, 0, sizeof(ws));
	if (rev != NULL ? cli_open_rev(&ws, &r, &tree, rev, g, &d) == -1 :
	    cli_open(&ws, g, &d) == -1)
		goto out;
	if (nfiles > 0)
		only = xcalloc((size_t)nfiles, sizeof(*only));
	for (i = 0; i < nfiles; i++) {
		struct stat st;
		char *rel;

		if (stat(files[i], &st) == -1 || !S_ISREG(st.st_mode)) {
			cli_error("%s: no such file", files[i]);
			goto out;
		}
		rel = ws_relpath(&ws, files[i]);
		if (rel == NULL || (!is_client_path(rel) &&
		    strcmp(rel, "rapport.ini") != 0)) {
			cli_error("%s: not a client file (clients/*.md) or the "
			    "rapport.ini of this workspace", files[i]);
			free(rel);
			goto out;
		}
		only[nonly++] = rel;
	}
	/*
	 * One client at a time: memory stays flat however many there are.
	 * Files unchanged since a run with the same program, rapport.ini
	 * and today replay their messages from the cache.
	 */
	each.cache = cli_cache(&ws, r, NULL);
	ws_load_each(&ws, (const char *const *)only, nonly, &each, &d);
	if (only == NULL)
		(void)cache_write(each.cache);
	(void)share_check_unique(&ws, &d);
	if (only == NULL)
		(void)people_check_unique(&ws, &d);
	skipped(&ws, (const char *const *)only, nonly, &d);
	linked(&ws, &d);
	zone_note(&ws, &d);
	print_problems(&ws, &d);
	worst = diag_worst(&d);
	rc = worst == DIAG_ERROR || (strict && worst == DIAG_WARNING) ?
	    EXIT_PROBLEMS : EXIT_OK;
out:
	cache_free(each.cache);
	for (i = 0; (size_t)i < nonly; i++)
		free(only[i]);
	free(only);
	ws_close(&ws);
	repo_close(r);
	ftree_free(&tree);
	diags_free(&d);
	return rc;
}

int
cmd_check(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "strict", no_argument, NULL, 's' },
		{ "rev", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	const char *rev = NULL;
	int ch, strict = 0;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 's')
			strict = 1;
		else if (ch == 'r')
			rev = optarg;
		else
			return cli_usage(NULL);
	}
	if (rev != NULL && optind < argc)
		return cli_usage("--rev checks the whole commit: name no files");
	return cli_check(g, rev, strict, argv + optind, argc - optind);
}
