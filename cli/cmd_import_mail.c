/*
 * cmd_import_mail.c: rapport import-mail [--dry-run] SOURCE...
 *
 * Turns the messages of Maildir folders and mbox files into entries
 * (SPEC section 7), in five steps:
 *	1. the clients are loaded (from the cache when it has them) and
 *	   their addresses indexed once (mailimport.h, mailbook.h);
 *	2. every message is read (mailsrc.h, mail.h) and either skipped,
 *	   for a reason counted in the summary, or made a pending entry of
 *	   the client it belongs to (mailimport.h);
 *	3. with the workspace lock held (so that two imports cannot both
 *	   add a message), the marks of messages imported before are read
 *	   from every client file, and those messages are skipped, as are
 *	   second copies of one message (new/ and cur/, two folders);
 *	4. each client's new entries are appended to its file, in the
 *	   order of entries, as an edit of the write path (change_edit in
 *	   change.h, with skip: a file that does not take them is left as
 *	   it is and named): the commit is HEAD's text with the entries
 *	   appended, hand edits stay in the work tree, uncommitted, and
 *	   every entry must read back as itself;
 *	5. one commit for the whole import, and the summary.
 * --dry-run does 1 to 3 and prints what 4 would add; it writes nothing,
 * not even the cache.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fileio.h"
#include "mail.h"
#include "mailimport.h"
#include "source.h"
#include "util.h"

/*
 * Reads every client file of the work tree for marks; one that cannot
 * be read (a FIFO, a device: never waited on) is named.  It takes no
 * entries either: it did not load.
 */
static void
read_marks(const struct workspace *ws, struct mail_import *im,
    struct diags *d)
{
	size_t i;

	for (i = 0; i < ws->npaths; i++) {
		char *full = xasprintf("%s/%s", ws->root, ws->paths[i]), *s;
		size_t len;

		if (file_read_all(full, &s, &len) == 0) {
			mail_import_marks(im, s, len);
			free(s);
		} else if (errno != ENOENT)
			diag_msg(d, ws->paths[i], 0, 0, DIAG_WARNING, "cannot "
			    "read it (%s): its marks of imported mail were "
			    "not read, and it takes none", errno == EINVAL ?
			    "not a regular file" : strerror(errno));
		free(full);
	}
}

/* One client's new entries: p[0, n) of the import, and the outcome. */
struct target {
	const struct workspace	*ws;
	const char		*rel;
	struct mail_pending	*p;
	size_t			 n;
	const char		*refused;	/* why not, told before git is */
	char			 why[160];	/* too_large's */
	struct change_edit	 ed;		/* the edit, and why not */
};

/* Why the file takes none of its entries, or NULL. */
static const char *
why_not(const struct target *t)
{
	if (t->refused != NULL)
		return t->refused;
	return t->ed.refused.len > 0 ? t->ed.refused.s : NULL;
}

/* The text with the entries appended (entry_append). */
static void
append_entries(const struct target *t, const char *s, size_t len,
    struct buf *out)
{
	size_t i, more = 0;

	/* Room for all at once: a change holds thousands of these. */
	for (i = 0; i < t->n; i++)
		more += strlen(t->p[i].heading) + (t->p[i].comment != NULL ?
		    strlen(t->p[i].comment) : 0) + 8;
	buf_grow(out, len + more);
	buf_putn(out, s, len);
	for (i = 0; i < t->n; i++)
		entry_append(out, t->p[i].heading, t->p[i].comment);
}

/*
 * Appends the entries to the len bytes at s, into out, and checks the
 * result as log does: it parses (without errors, when strict) and ends
 * in exactly the entries asked for, each reading back as itself.
 */
static int
append_checked(const struct target *t, const char *s, size_t len,
    struct buf *out, int strict)
{
	struct diags quiet = { 0 };
	struct client before, after;
	size_t i;
	int errs, ok = 1;

	append_entries(t, s, len, out);
	cli_parse(t->ws, t->rel, s, len, &before, &quiet);
	errs = cli_parse(t->ws, t->rel, out->s, out->len, &after,
	    &quiet);
	if ((strict && errs > 0) || after.nentries != before.nentries + t->n)
		ok = 0;
	for (i = 0; ok && i < t->n; i++) {
		const struct mail_pending *p = &t->p[i];
		struct entry_spec want = { p->date, p->minutes, p->dir,
		    "email", p->summary, 0 };

		ok = entry_is(&after.entries[before.nentries + i], &want);
	}
	client_free(&before);
	client_free(&after);
	diags_free(&quiet);
	return ok;
}

/*
 * Why the entries cannot go into HEAD's text h or the work tree's w when
 * they would take either past the limit of one file (SOURCE_MAX_BYTES):
 * the size, the limit and what to do, made in t->why, since nothing else
 * would tell (the file itself is within the limit: check finds nothing
 * wrong).  NULL when both stay within it.
 */
static const char *
too_large(struct target *t, const struct change_text *h,
    const struct change_text *w)
{
	struct buf b = { 0 };
	size_t n;

	append_entries(t, h->s, h->len, &b);
	n = b.len;
	buf_reset(&b);
	append_entries(t, w->s, w->len, &b);
	if (b.len > n)
		n = b.len;
	buf_free(&b);
	if (n <= SOURCE_MAX_BYTES)
		return NULL;
	snprintf(t->why, sizeof(t->why), "with them it would be %.2f MiB, "
	    "over rapport's limit of %u MiB for one file: move old entries "
	    "to another file, then import again",
	    (double)n / (1024 * 1024), SOURCE_MAX_BYTES >> 20);
	return t->why;
}

/*
 * The edit of one version: the entries appended, reading back as
 * themselves; HEAD's (the commit's) must also be valid, and no version
 * may grow past the limit of one file.
 */
static enum change_edit_got
import_edit(enum change_side side, const struct change_text old[],
    struct buf *out, struct buf *why, void *arg, struct diags *d)
{
	struct target *t = arg;
	const char *big;

	(void)d;
	if (side == CHANGE_HEAD &&
	    (big = too_large(t, &old[CHANGE_HEAD], &old[CHANGE_WORK])) != NULL) {
		buf_puts(why, big);
		return CHANGE_EDIT_NO;
	}
	if (append_checked(t, old[side].s, old[side].len, out,
	    side == CHANGE_HEAD))
		return CHANGE_EDIT_DONE;
	buf_puts(why, side == CHANGE_HEAD ? "git's version of it has errors, "
	    "or the new entries would not read back as themselves: run "
	    "'rapport check'" : side == CHANGE_WORK ? "its uncommitted "
	    "changes keep the new entries from reading back: commit or undo "
	    "them first" : "");
	return CHANGE_EDIT_NO;
}

/* What can be told of the file before git is read, into t->refused. */
static void
check_file(struct target *t, struct repo *r, const struct client *c)
{
	struct stat st;
	char *full = xasprintf("%s/%s", t->ws->root, t->rel);

	if (c->errors > 0)
		t->refused = "it has errors: run 'rapport check'";
	else if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode))
		t->refused = "it is a symbolic link: rapport changes and "
		    "commits only files";
	else if (repo_ignored(r, t->rel) == 1)
		t->refused = "git ignores it (a .gitignore names it)";
	free(full);
}

/*
 * A dry run's decision: HEAD's and the work tree's text read as the
 * change would read them.  Returns -1 when git cannot be read (reported).
 */
static int
prepare(struct target *t, struct repo *r, struct diags *d)
{
	char *full = xasprintf("%s/%s", t->ws->root, t->rel), *hs, *ws;
	struct change_text old[CHANGE__SIDES] = { { 0 } };
	struct change_text *h = &old[CHANGE_HEAD], *w = &old[CHANGE_WORK];
	int rc;

	if ((rc = change_head_text(r, t->rel, &hs, &h->len, d)) == -1) {
		free(full);
		return -1;
	}
	h->s = hs;
	h->exists = rc == 1;
	w->exists = file_read_all(full, &ws, &w->len) == 0;
	w->s = w->exists ? ws : NULL;
	if (!w->exists && errno != ENOENT)
		t->refused = "it cannot be read";
	else
		(void)change_edit_decide(&t->ed, old, d);
	free(hs);
	if (w->exists)
		free(ws);
	free(full);
	return 0;
}

/* The messages the files took, and into how many files (nfiles). */
static size_t
taken(const struct target *t, size_t nt, size_t *nfiles)
{
	size_t i, n = 0;

	*nfiles = 0;
	for (i = 0; i < nt; i++)
		if (why_not(&t[i]) == NULL) {
			n += t[i].n;
			++*nfiles;
		}
	return n;
}

/* The targets, for the commit's message. */
struct counted {
	const struct target	*t;
	size_t			 n;
	const struct workspace	*ws;
};

/*
 * "import-mail: 12 messages for 4 clients", then a line per client:
 * only what the edits took (a refused file is not counted).
 */
static void
commit_message(struct buf *msg, void *arg)
{
	const struct counted *cm = arg;
	size_t i, nc, n = taken(cm->t, cm->n, &nc);

	buf_printf(msg, "import-mail: %zu message%s for %zu client%s", n,
	    n == 1 ? "" : "s", nc, nc == 1 ? "" : "s");
	buf_puts(msg, "\n");
	for (i = 0; i < cm->n; i++)
		if (why_not(&cm->t[i]) == NULL)
			buf_printf(msg, "\n%s: %zu",
			    cm->ws->clients[cm->t[i].p[0].client].slug,
			    cm->t[i].n);
}

/* The clients the summary names; the others are counted. */
#define SUMMARY_CLIENTS	12

static void
print_summary(const struct mail_import *im, const struct target *t,
    size_t nt, int dry)
{
	size_t i, nc, n = taken(t, nt, &nc), nskip = 0, shown = 0;
	const char *sep = "";

	for (i = 0; i < MAIL_NSKIPS; i++)
		nskip += im->skipped[i];
	printf("read %zu message%s\n", im->nread, im->nread == 1 ? "" : "s");
	printf("%s %zu", dry ? "would import" : "imported", n);
	for (i = 0; i < nt; i++)
		if (why_not(&t[i]) == NULL && shown++ < SUMMARY_CLIENTS) {
			printf("%s %s %zu", sep[0] ? sep : ":",
			    im->clients[t[i].p[0].client].slug, t[i].n);
			sep = ",";
		}
	if (nc > SUMMARY_CLIENTS)
		printf(" and %zu more clients", nc - SUMMARY_CLIENTS);
	printf("\n");
	if (nskip > 0) {
		printf("skipped %zu:", nskip);
		sep = "";
		for (i = 0; i < MAIL_NSKIPS; i++)
			if (im->skipped[i] > 0) {
				printf("%s %zu %s", sep, im->skipped[i],
				    mail_skip_name((enum mail_skip)i));
				sep = ",";
			}
		printf("\n");
	}
}

/*
 * Loads the clients (through each's cache, written again when keep is
 * set) and their addresses into im, then reads the n mail sources of
 * argv into it.  -1 (to d) when a source is neither a Maildir nor an mbox:
 * nothing is imported then.
 */
static int
read_mail(struct workspace *ws, struct ws_each *each, int keep, int verbose,
    struct mail_import *im, int n, char **argv, struct diags *d)
{
	struct diags load = { 0 };
	int i, failed = 0;

	(void)cli_load_each(ws, &load, 0, each);
	if (keep)
		(void)cache_write(each->cache);
	diags_free(&load);
	mail_import_init(im, &ws->cfg, ws->clients, ws->nclients, ws->today,
	    d);
	im->verbose = verbose;
	for (i = 0; i < n; i++)
		if (mailsrc_read(argv[i], mail_import_message, im, d) == -1)
			failed = 1;
	if (failed)
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "nothing was "
		    "imported: name only Maildir folders and mbox files");
	return failed ? -1 : 0;
}

/*
 * The files the pending entries go to, one target each, into t (*nt of
 * them): each checked (check_file), then decided at once for a dry run
 * (no change: ch NULL) or added to the change ch.  -1 (to d) when git
 * cannot be read.
 */
static int
targets(struct target *t, size_t *nt, const struct workspace *ws,
    struct repo *r, struct mail_import *im, struct change *ch,
    struct diags *d)
{
	size_t i, j;

	*nt = 0;
	for (i = 0; i < im->np; i = j) {
		const struct client *cl = &ws->clients[im->p[i].client];
		struct target *tt = &t[(*nt)++];

		for (j = i; j < im->np && im->p[j].client == im->p[i].client;
		    j++)
			continue;
		tt->ws = ws;
		tt->rel = cl->path;
		tt->p = &im->p[i];
		tt->n = j - i;
		tt->ed.path = tt->rel;
		tt->ed.fn = import_edit;
		tt->ed.arg = tt;
		tt->ed.skip = 1;
		check_file(tt, r, cl);
		if (ch == NULL && tt->refused == NULL &&
		    prepare(tt, r, d) == -1)
			return -1;
		if (ch != NULL && tt->refused == NULL)
			change_file_edit(ch, tt->rel, &tt->ed);
	}
	return 0;
}

/* With --verbose, each message not imported: where, its mark, why. */
static void
print_skipped(const struct mail_import *im)
{
	size_t i;

	for (i = 0; i < im->nskips; i++) {
		const struct mail_skipped *k = &im->skips[i];

		printf("skipped %s", k->where);
		if (k->line > 0)
			printf(":%d", k->line);
		if (k->mark != NULL)
			printf(" (%s)", k->mark);
		printf(": %s\n", mail_skip_name(k->why));
	}
}

/*
 * What came of it: a dry run's entries, a warning per file that took
 * none (counted as skipped), the problems, and the summary.
 */
static void
report(struct mail_import *im, const struct target *t, size_t nt, int dry,
    struct diags *d)
{
	size_t i, j;

	for (i = 0; dry && i < nt; i++)
		for (j = 0; why_not(&t[i]) == NULL && j < t[i].n; j++)
			printf("%s: + ## %s\n", t[i].rel, t[i].p[j].heading);
	for (i = 0; i < nt; i++)
		if (why_not(&t[i]) != NULL) {
			diag_msg(d, t[i].rel, 0, 0, DIAG_WARNING, "%zu "
			    "message%s not imported: %s", t[i].n, t[i].n == 1 ?
			    "" : "s", why_not(&t[i]));
			for (j = 0; j < t[i].n; j++)
				mail_import_skip(im, t[i].p[j].where,
				    t[i].p[j].line, t[i].p[j].mark,
				    MAIL_SKIP_CLIENT);
		}
	cli_diags(d);
	print_summary(im, t, nt, dry);
	print_skipped(im);
	if (dry)
		printf("nothing was changed (--dry-run)\n");
}

/* --dry-run, --verbose and --no-verify; -1 (said) for anything else. */
static int
import_options(int argc, char **argv, int *dry, int *verbose,
    unsigned *hooks)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "no-verify", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	while ((c = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
		if (c == 'V')
			*hooks = CHANGE_NO_VERIFY;
		else if (c == 'n')
			*dry = 1;
		else if (c == 'v')
			*verbose = 1;
		else {
			(void)cli_usage(NULL);
			return -1;
		}
	}
	return 0;
}

int
cmd_import_mail(const struct globals *g, int argc, char **argv)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct change *ch = NULL;
	struct diags d = { 0 };
	struct ws_each each = { 0 };
	struct mail_import im;
	struct target *t = NULL;
	size_t i, nt = 0;
	int dry = 0, verbose = 0, rc = EXIT_USAGE;
	unsigned hooks = 0;

	memset(&ws, 0, sizeof(ws));
	memset(&im, 0, sizeof(im));
	if (import_options(argc, argv, &dry, &verbose, &hooks) == -1)
		return EXIT_USAGE;
	if (optind >= argc)
		return cli_usage("name the mail to read: Maildir folders "
		    "(with cur/ and new/) or mbox files");
	if (dry ? ws_open(&ws, ".", g->today, &d) == -1 ||
	    repo_open(&r, ws.root, &d) == -1 : cli_begin(&ws, &r, g, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	/* 1. The clients and their addresses; 2. the messages. */
	if (!dry)
		each.cache = cli_cache(&ws, r, NULL);
	if (read_mail(&ws, &each, !dry, verbose, &im, argc - optind,
	    argv + optind, &d) == -1) {
		cli_diags(&d);
		goto out;
	}

	/* 3. What is new, with the lock held. */
	if (!dry && (ch = cli_change(r, hooks)) == NULL)
		goto out;
	read_marks(&ws, &im, &d);
	mail_import_settle(&im);

	/* 4. Each client's entries. */
	t = xcalloc(im.np + 1, sizeof(*t));
	if (targets(t, &nt, &ws, r, &im, ch, &d) == -1) {
		cli_diags(&d);
		goto out;
	}

	/* 5. One commit, whose message counts what the edits took. */
	if (!dry) {
		struct counted cm = { t, nt, &ws };

		change_message(ch, commit_message, &cm);
		if (cli_commit(ch, "import-mail", &d) == -1) {
			cli_diags(&d);
			goto out;
		}
	}
	report(&im, t, nt, dry, &d);
	rc = EXIT_OK;
out:
	cli_change_end(ch);
	for (i = 0; i < nt; i++)
		change_edit_free(&t[i].ed);
	free(t);
	mail_import_free(&im);
	cache_free(each.cache);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	mail_shutdown();
	return rc;
}
