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
 *	   order of entries, through the write path (change.h): the commit
 *	   is HEAD's text with the entries appended, hand edits stay in the
 *	   work tree, uncommitted, and every entry must read back as itself;
 *	5. one commit for the whole import, and the summary.
 * --dry-run does 1 to 3 and prints what 4 would add; it writes nothing,
 * not even the cache.
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fileio.h"
#include "mail.h"
#include "mailimport.h"
#include "util.h"

/* Reads every client file of the work tree for marks. */
static void
read_marks(const struct workspace *ws, struct mail_import *im)
{
	size_t i;

	for (i = 0; i < ws->npaths; i++) {
		char *full = xasprintf("%s/%s", ws->root, ws->paths[i]), *s;
		size_t len;

		if (file_read_all(full, &s, &len) == 0) {
			mail_import_marks(im, s, len);
			free(s);
		}
		free(full);
	}
}

/* One client's new entries: p[0, n) of the import, and the outcome. */
struct target {
	const struct workspace	*ws;
	const char		*rel;
	struct mail_pending	*p;
	size_t			 n;
	const char		*refused;	/* why it takes none, or NULL */
	struct buf		 head_out;	/* the committed text */
	uint64_t		 head_hash;	/* of HEAD's text it was made of */
	size_t			 head_len;
};

/* The text with the entries appended, in the text's own line ends. */
static void
append_entries(const struct target *t, const char *s, size_t len,
    struct buf *out)
{
	const char *nl = memchr(s, '\n', len), *eol;
	size_t i, n;

	eol = nl != NULL && nl > s && nl[-1] == '\r' ? "\r\n" : "\n";
	n = strlen(eol);
	buf_putn(out, s, len);
	if (len > 0 && s[len - 1] != '\n')
		buf_puts(out, eol);
	for (i = 0; i < t->n; i++) {
		/* A blank line before each heading, unless there is one. */
		if (out->len > 0 && !(out->len >= 2 * n &&
		    memcmp(out->s + out->len - 2 * n, eol, n) == 0))
			buf_puts(out, eol);
		buf_printf(out, "## %s%s%s%s", t->p[i].heading, eol,
		    t->p[i].comment, eol);
	}
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
		const struct entry *e = &after.entries[before.nentries + i];
		const struct mail_pending *p = &t->p[i];

		ok = e->date == p->date && e->minutes == p->minutes &&
		    e->dir == p->dir && e->channel != NULL &&
		    strcmp(e->channel, "email") == 0 && !e->has_hours &&
		    strcmp(e->summary, p->summary) == 0;
	}
	client_free(&before);
	client_free(&after);
	diags_free(&quiet);
	return ok;
}

/*
 * Decides, before the change, whether the client's file takes its
 * entries, so that the commit message and the summary count only what
 * is committed: the committed text (HEAD's with the entries) must be
 * valid, and the work tree's, when it has hand edits, must still read
 * the entries back; otherwise the file is left as it is and its messages
 * are skipped, named.  Returns -1 when git cannot be read (reported).
 */
static int
prepare(struct target *t, struct repo *r, const struct client *c,
    struct diags *d)
{
	const struct workspace *ws = t->ws;
	struct stat st;
	struct buf work = { 0 };
	char *full = xasprintf("%s/%s", ws->root, t->rel), *h = NULL, *w = NULL;
	size_t hlen = 0, wlen = 0;
	int rc;

	if (c->errors > 0)
		t->refused = "it has errors: run 'rapport check'";
	else if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode))
		t->refused = "it is a symbolic link";
	else if (repo_ignored(r, t->rel) == 1)
		t->refused = "git ignores it (a .gitignore names it)";
	else if ((rc = change_head_text(r, t->rel, &h, &hlen, d)) == -1) {
		free(full);
		return -1;
	} else if (rc == 0)
		t->refused = "it is not in git yet: commit it first";
	else if (file_read_all(full, &w, &wlen) == -1)
		t->refused = "it cannot be read";
	else if (!append_checked(t, h, hlen, &t->head_out, 1))
		t->refused = "git's version of it has errors, or the new "
		    "entries would not read back as themselves: run 'rapport "
		    "check'";
	else if (!(wlen == hlen && memcmp(w, h, hlen) == 0) &&
	    !append_checked(t, w, wlen, &work, 0))
		t->refused = "its uncommitted changes keep the new entries "
		    "from reading back: commit or undo them first";
	if (h != NULL) {
		t->head_hash = hash64(h, hlen, 0);
		t->head_len = hlen;
	}
	buf_free(&work);
	free(full);
	free(h);
	free(w);
	return 0;
}

/*
 * The edit of each version: prepare made HEAD's; a version that is
 * HEAD's text gets the same, any other gets the entries appended.  A
 * file that changed since prepare read it, and no longer takes them,
 * stops the whole import (nothing is committed), to be run again.
 */
static enum change_verdict
import_entries(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	struct target *t = arg;
	const struct change_text *o = &old[side], *h = &old[CHANGE_HEAD];

	if (o->link || !o->exists) {
		if (side == CHANGE_INDEX)
			return CHANGE_KEEP;
		goto changed;
	}
	if (side == CHANGE_HEAD && o->len == t->head_len &&
	    hash64(o->s, o->len, 0) == t->head_hash) {
		buf_putn(out, t->head_out.s, t->head_out.len);
		return CHANGE_WRITE;
	}
	if (side != CHANGE_HEAD && o->len == h->len &&
	    memcmp(o->s, h->s, h->len) == 0) {
		buf_putn(out, t->head_out.s, t->head_out.len);
		return CHANGE_WRITE;
	}
	if (append_checked(t, o->s, o->len, out, side == CHANGE_HEAD)) {
		if (side == CHANGE_HEAD) {
			buf_reset(&t->head_out);
			buf_putn(&t->head_out, out->s, out->len);
		}
		return CHANGE_WRITE;
	}
	/* A staged text that cannot take them gets the commit's. */
	if (side == CHANGE_INDEX)
		return CHANGE_KEEP;
changed:
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s changed while the "
	    "import ran and no longer takes the new entries; nothing was "
	    "imported: run it again", t->rel);
	return CHANGE_ABORT;
}

static void
print_summary(const struct mail_import *im, const struct target *t,
    size_t nt, int dry)
{
	size_t i, n = 0, nskip = 0;
	const char *sep = "";

	for (i = 0; i < nt; i++)
		if (t[i].refused == NULL)
			n += t[i].n;
	for (i = 0; i < MAIL_NSKIPS; i++)
		nskip += im->skipped[i];
	printf("read %zu message%s\n", im->nread, im->nread == 1 ? "" : "s");
	printf("%s %zu", dry ? "would import" : "imported", n);
	for (i = 0; i < nt; i++)
		if (t[i].refused == NULL) {
			printf("%s %s %zu", sep[0] ? sep : ":",
			    im->clients[t[i].p[0].client].slug, t[i].n);
			sep = ",";
		}
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

int
cmd_import_mail(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct repo *r = NULL;
	struct change *ch = NULL;
	struct diags d = { 0 }, load = { 0 };
	struct ws_each each = { 0 };
	struct mail_import im;
	struct target *t = NULL;
	struct buf msg = { 0 };
	size_t i, j, nt = 0, nimported = 0, nclients = 0;
	int c, dry = 0, rc = EXIT_USAGE, failed = 0;

	memset(&ws, 0, sizeof(ws));
	memset(&im, 0, sizeof(im));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'n')
			return cli_usage(NULL);
		dry = 1;
	}
	if (optind >= argc)
		return cli_usage("name the mail to read: Maildir folders "
		    "(with cur/ and new/) or mbox files");
	if (dry ? ws_open(&ws, ".", g->today, &d) == -1 ||
	    repo_open(&r, ws.root, &d) == -1 : cli_begin(&ws, &r, g, &d) == -1) {
		cli_diags(&d);
		goto out;
	}
	/* 1. The clients and their addresses. */
	if (!dry)
		each.cache = cli_cache(&ws, r);
	(void)cli_load_each(&ws, &load, 0, &each);
	if (!dry)
		(void)cache_write(each.cache);
	diags_free(&load);
	mail_import_init(&im, &ws.cfg, ws.clients, ws.nclients, ws.today, &d);

	/* 2. The messages. */
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if (mailsrc_read(argv[i], mail_import_message, &im, &d) == -1)
			failed = 1;
	if (failed) {
		diag_msg(&d, "rapport", 0, 0, DIAG_ERROR, "nothing was "
		    "imported: name only Maildir folders and mbox files");
		cli_diags(&d);
		goto out;
	}

	/* 3. What is new, with the lock held. */
	if (!dry && (ch = cli_change(r)) == NULL)
		goto out;
	read_marks(&ws, &im);
	mail_import_settle(&im);

	/* 4. Each client's entries. */
	t = xcalloc(im.np + 1, sizeof(*t));
	for (i = 0; i < im.np; i = j) {
		const struct client *cl = &ws.clients[im.p[i].client];

		for (j = i; j < im.np && im.p[j].client == im.p[i].client; j++)
			continue;
		t[nt].ws = &ws;
		t[nt].rel = cl->path;
		t[nt].p = &im.p[i];
		t[nt].n = j - i;
		if (prepare(&t[nt++], r, cl, &d) == -1) {
			cli_diags(&d);
			goto out;
		}
	}
	for (i = 0; i < nt; i++) {
		if (dry && t[i].refused == NULL)
			for (j = 0; j < t[i].n; j++)
				printf("%s: + ## %s\n", t[i].rel,
				    t[i].p[j].heading);
		if (!dry && t[i].refused == NULL)
			change_file(ch, t[i].rel, import_entries, &t[i]);
	}

	/* 5. One commit. */
	for (i = 0; i < nt; i++)
		if (t[i].refused == NULL) {
			nimported += t[i].n;
			nclients++;
		}
	if (!dry && nimported > 0) {
		buf_printf(&msg, "import-mail: %zu message%s for %zu client%s",
		    nimported, nimported == 1 ? "" : "s", nclients,
		    nclients == 1 ? "" : "s");
		/* The body: a line per client. */
		buf_puts(&msg, "\n");
		for (i = 0; i < nt; i++)
			if (t[i].refused == NULL)
				buf_printf(&msg, "\n%s: %zu",
				    ws.clients[t[i].p[0].client].slug, t[i].n);
		if (cli_commit(ch, msg.s, &d) == -1) {
			cli_diags(&d);
			goto out;
		}
	}
	for (i = 0; i < nt; i++)
		if (t[i].refused != NULL) {
			diag_msg(&d, t[i].rel, 0, 0, DIAG_WARNING, "%zu "
			    "message%s not imported: %s", t[i].n, t[i].n == 1 ?
			    "" : "s", t[i].refused);
			im.skipped[MAIL_SKIP_CLIENT] += t[i].n;
		}
	cli_diags(&d);
	print_summary(&im, t, nt, dry);
	if (dry)
		printf("nothing was changed (--dry-run)\n");
	rc = EXIT_OK;
out:
	cli_change_end(ch);
	for (i = 0; i < nt; i++)
		buf_free(&t[i].head_out);
	free(t);
	mail_import_free(&im);
	buf_free(&msg);
	cache_free(each.cache);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	mail_shutdown();
	return rc;
}
