/*
 * cmd_import_contacts.c: rapport import-contacts [--dry-run] [--owner H]
 *	[-n|--no-verify] FILE...
 *
 * Reads people from vCard files and CSV exports (core/cards), plans which
 * client each joins (importplan.h) and commits every file that changes at
 * once, through the write path; with --dry-run prints the plan and
 * changes nothing.  What was skipped is said at its FILE:LINE; nothing is
 * committed when nobody valid remains.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "change.h"
#include "cli.h"
#include "csvin.h"
#include "fileio.h"
#include "importplan.h"
#include "util.h"
#include "vcf.h"

/* An export bigger than this is not an address book. */
#define IMPORT_FILE_MAX	(256u << 20)

/* Whether text is vCards: "BEGIN:VCARD" among its first lines. */
static int
is_vcard(const char *text, size_t len)
{
	size_t i, n = len < 4096 ? len : 4096;

	for (i = 0; i + 11 <= n; i++)
		if (strncasecmp(text + i, "BEGIN:VCARD", 11) == 0)
			return 1;
	return 0;
}

/* Reads every file into in; -1 (said) when one cannot be read at all. */
static int
read_files(char **files, int n, struct cardins *in, struct diags *d)
{
	int i;

	for (i = 0; i < n; i++) {
		char *text = NULL;
		size_t len = 0;

		if (file_read_all(files[i], &text, &len) == -1) {
			cli_error("cannot read %s: %s", files[i],
			    strerror(errno));
			return -1;
		}
		if (len > IMPORT_FILE_MAX)
			diag_msg(d, files[i], 0, 0, DIAG_ERROR, "%zu MiB: an "
			    "address book is smaller; skipped", len >> 20);
		else if (is_vcard(text, len))
			(void)vcf_read(files[i], text, len, in, d);
		else
			(void)csv_read(files[i], text, len, in, d);
		free(text);
	}
	return 0;
}

/* A new client's file: made whole, never over one that appeared. */
static enum change_verdict
create(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct import_file *f = arg;

	if (old[side].exists && side != CHANGE_INDEX) {
		diag_msg(d, f->path, 0, 0, DIAG_ERROR, "exists already%s: "
		    "nothing was changed", side == CHANGE_HEAD ? " in git" :
		    "");
		return CHANGE_ABORT;
	}
	buf_putn(out, f->text.s, f->text.len);
	return CHANGE_WRITE;
}

/* An existing client's file: the new people before the front-matter ends. */
static enum change_verdict
add_people(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct import_file *f = arg;

	if (!old[side].exists || old[side].link)
		return CHANGE_KEEP;
	if (import_apply(f, old[side].s, old[side].len, out) == -1) {
		diag_msg(d, f->path, 0, 0, DIAG_ERROR, "has no front-matter "
		    "to add people to: nothing was changed");
		return CHANGE_ABORT;
	}
	return CHANGE_WRITE;
}

/* What the plan does, a line a file. */
static void
print_plan(const struct import_plan *pl, int dry)
{
	size_t i, j, nnew = 0, npeople = 0;

	for (i = 0; i < pl->n; i++) {
		const struct import_file *f = &pl->v[i];

		printf("%s %s:", f->client == NULL ? "new" : "add", f->path);
		for (j = 0; j < f->npeople; j++)
			printf("%s %s", j ? "," : "", f->names[j]);
		putchar('\n');
		nnew += f->client == NULL;
		npeople += f->npeople;
	}
	printf("%s%zu %s into %zu client%s (%zu new); %zu known already\n",
	    dry ? "would import " : "imported ", npeople, npeople == 1 ?
	    "person" : "people", pl->n, pl->n == 1 ? "" : "s", nnew,
	    pl->known);
}

int
cmd_import_contacts(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'd' },
		{ "owner", required_argument, NULL, 'o' },
		{ "no-verify", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct repo *r = NULL;
	struct change *change = NULL;
	struct cardins in = { 0 };
	struct import_plan pl = { 0 };
	struct diags d = { 0 }, rd = { 0 };
	struct ws_each each = { 0 };
	const char *owner = NULL;
	unsigned hooks = 0;
	size_t i;
	int ch, dry = 0, rc = EXIT_USAGE;

	while ((ch = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
		if (ch == 'd')
			dry = 1;
		else if (ch == 'o')
			owner = optarg;
		else if (ch == 'n')
			hooks = CHANGE_NO_VERIFY;
		else
			return cli_usage(NULL);
	}
	if (optind >= argc)
		return cli_usage("give the files to import: vCards (.vcf) or "
		    "CSV exports");
	memset(&ws, 0, sizeof(ws));
	if (read_files(argv + optind, argc - optind, &in, &rd) == -1)
		goto out;
	cli_diags(&rd);
	if (in.n == 0) {
		cli_error("nobody to import in the files: nothing was changed");
		rc = EXIT_PROBLEMS;
		goto out;
	}
	if (dry ? cli_open(&ws, g, &d) == -1 : cli_begin(&ws, &r, g,
	    &d) == -1)
		goto out;
	if (owner != NULL && ws.cfg.nowners > 0 && config_owner(&ws.cfg,
	    owner) == NULL) {
		cli_error("owner '%s' is not declared in rapport.ini", owner);
		goto out;
	}
	if (owner == NULL && ws.cfg.nowners == 1)
		owner = ws.cfg.owners[0].handle;
	if (owner == NULL && ws.cfg.nowners > 1) {
		cli_error("say whose the new clients are with --owner H: "
		    "rapport.ini declares owners");
		goto out;
	}
	each.cache = cli_cache(&ws, r, NULL);
	if (cli_load_each(&ws, &d, 1, &each) != 0 && d.nerr > 0)
		fprintf(stderr, "rapport: clients with errors are not matched: "
		    "fix them (rapport check) and import again to add to them\n");
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	if (import_plan_make(&ws, &in, owner, &pl, &d) == -1) {
		cli_diags(&d);
		rc = EXIT_PROBLEMS;
		goto out;
	}
	/* Said once: d takes the commit's messages next. */
	cli_diags(&d);
	diags_free(&d);
	memset(&d, 0, sizeof(d));
	if (pl.n == 0) {
		printf("nothing to import: %zu known already\n", pl.known);
		rc = EXIT_OK;
		goto out;
	}
	if (dry) {
		print_plan(&pl, 1);
		rc = EXIT_OK;
		goto out;
	}
	/* Each new file must read back valid before anything is written. */
	for (i = 0; i < pl.n; i++) {
		struct client c;

		if (pl.v[i].client != NULL)
			continue;
		if (cli_parse(&ws, pl.v[i].path, pl.v[i].text.s,
		    pl.v[i].text.len, &c, &d) > 0) {
			client_free(&c);
			cli_diags(&d);
			cli_error("%s would not be a valid client file: nothing "
			    "was changed", pl.v[i].path);
			goto out;
		}
		client_free(&c);
	}
	if ((change = cli_change(r, hooks)) == NULL)
		goto out;
	for (i = 0; i < pl.n; i++)
		change_file(change, pl.v[i].path, pl.v[i].client == NULL ?
		    create : add_people, &pl.v[i]);
	{
		char *msg = xasprintf("import-contacts: %zu client%s",
		    pl.n, pl.n == 1 ? "" : "s");

		rc = cli_commit(change, msg, &d);
		free(msg);
	}
	if (rc != 0) {
		cli_diags(&d);
		rc = EXIT_USAGE;
		goto out;
	}
	cli_diags(&d);
	print_plan(&pl, 0);
	rc = EXIT_OK;
out:
	cli_change_end(change);
	cache_free(each.cache);
	import_plan_free(&pl);
	cardins_free(&in);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	diags_free(&rd);
	return rc;
}
