/*
 * cmd_digest.c: rapport digest [--owner H] [--to ADDR] [--send] [--always]
 *
 * One e-mail per owner (SPEC section 10): core/mail/digest.h chooses
 * what goes in, render/digestmail.h writes it, core/mail/mailout.h makes
 * the message and sends it.  Without --send the messages are printed as
 * one mbox (a mail program opens it; nothing is recorded); with it each
 * goes to "sendmail -t -i" ([digest] sendmail), and a digest sent is
 * recorded (GITDIR/rapport/digest: HEAD's commit and the day), so the
 * next one lists what changed since.  Lines about what was done go to
 * standard output with --send, to standard error without (where
 * standard output is the mbox).
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "digest.h"
#include "digestmail.h"
#include "followup.h"
#include "invalid.h"
#include "mail.h"
#include "mailout.h"
#include "repo.h"
#include "since.h"
#include "text.h"
#include "util.h"

/* Commits of base..HEAD looked at for who logged what. */
#define DIGEST_MAX_COMMITS	500

struct run {
	struct workspace	*ws;
	struct repo		*r;		/* NULL outside a repository */
	char			*state;		/* GITDIR/rapport/digest */
	char			 head[41];	/* "" when unborn or no repo */
	struct invalids		 inv;
	int			*line;		/* each client's last entry */
	const char		*to;		/* --to */
	int			 send, always;
	FILE			*info;		/* stdout with --send */
};

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The owner's client files, sorted (for since_files' want). */
struct paths {
	const char	**v;
	size_t		 n;
};

static int
want_path(const char *path, void *arg)
{
	const struct paths *p = arg;

	return p->n > 0 && bsearch(&path, p->v, p->n, sizeof(*p->v),
	    path_cmp) != NULL;
}

/* What changed in the owner's clients since the digest sent last. */
static void
changes(struct run *rn, struct digest *dg, const char *owner)
{
	struct diags d = { 0 };
	struct since_file *f = NULL;
	struct paths p = { NULL, 0 };
	char commit[41];
	size_t i, j, nf = 0;
	int rc;

	if (rn->r == NULL || !digest_state_get(rn->state, owner, commit,
	    &dg->since) || *commit == '\0') {
		dg->first = 1;
		return;
	}
	p.v = xcalloc(rn->ws->nclients + 1, sizeof(*p.v));
	for (i = 0; i < rn->ws->nclients; i++) {
		const struct client *c = &rn->ws->clients[i];

		if (c->owner != NULL && strcmp(c->owner, owner) == 0)
			p.v[p.n++] = c->path;
	}
	qsort(p.v, p.n, sizeof(*p.v), path_cmp);
	rc = since_files(rn->r, commit, want_path, &p, DIGEST_MAX_COMMITS,
	    &f, &nf, &d);
	if (rc == 1)
		dg->first = 1;		/* that commit is gone: start over */
	else if (rc == -1)
		cli_diags(&d);
	for (i = 0; i < nf; i++) {
		digest_add_changes(dg, f[i].path, f[i].then, f[i].thenlen,
		    f[i].now, f[i].nowlen, &rn->ws->cfg);
		for (j = 0; j < f[i].nsteps; j++)
			digest_credit(dg, f[i].path, f[i].steps[j].before,
			    f[i].steps[j].beforelen, f[i].steps[j].after,
			    f[i].steps[j].afterlen, f[i].steps[j].author,
			    f[i].steps[j].email);
	}
	digest_changes_end(dg);
	since_free(f, nf);
	free(p.v);
	diags_free(&d);
}

/*
 * Where each client's last entry is, by the client's index: the line of
 * its heading (0: none).  Found while the client is whole (visit_last)
 * and kept in the digest's own client cache (aux, marked as ours), so
 * that a day's second digest parses no file, and the context costs one
 * line of the few files that have something overdue or due today.
 */
#define LAST_MARK	0x6c6173746c696e65ULL	/* "lastline" */

static void
visit_last(const struct workspace *ws, size_t i, const struct client *c,
    const struct followup *f, uint64_t aux[2], struct diags *d, void *arg)
{
	const struct entry *e = digest_last_entry(c);
	int *line = arg;

	(void)ws;
	(void)f;
	(void)d;
	aux[0] = e != NULL ? (uint64_t)e->line : 0;
	aux[1] = LAST_MARK;
	line[i] = (int)aux[0];
}

static int
need_last(const struct workspace *ws, size_t i, const struct client *slim,
    const uint64_t aux[2], void *arg)
{
	int *line = arg;

	(void)ws;
	(void)slim;
	if (aux[1] != LAST_MARK || aux[0] > INT32_MAX)
		return 1;
	line[i] = (int)aux[0];
	return 0;
}

/* Line n (1-based) of text as an entry heading's text, allocated; or NULL. */
static char *
heading_at(const char *text, size_t len, int n)
{
	const char *s = text, *end = text + len, *e;
	size_t start, hl, l;
	int k;

	for (k = 1; k < n && s < end; k++) {
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			return NULL;
		s = e + 1;
	}
	if (s >= end || *s != '#')
		return NULL;		/* not the file the cache knew */
	e = memchr(s, '\n', (size_t)(end - s));
	l = (size_t)((e != NULL ? e : end) - s);
	if (l > 0 && s[l - 1] == '\r')
		l--;
	entry_atx_text(s, l, &start, &hl);
	return entry_heading_is_dated(s + start, hl) ?
	    xstrndup(s + start, hl) : NULL;
}

/* The last entry of each client with an overdue or today item. */
static void
context(struct run *rn, struct digest *dg)
{
	size_t i;

	for (i = 0; i < dg->nitems; i++) {
		const struct client *c = dg->items[i].f->client;
		size_t k = (size_t)(c - rn->ws->clients);
		struct diags quiet = { 0 };
		struct source src;
		char *h = NULL;

		if (!digest_wants_last(dg, i) || dg->items[i].last != NULL ||
		    rn->line[k] <= 0)
			continue;
		/* As the load read it: one open, links as the walk allows. */
		memset(&src, 0, sizeof(src));
		if (ws_source_raw(rn->ws, c->path, 0, &src, &quiet) == 0 &&
		    src.buf != NULL && (h = heading_at(src.buf, src.len,
		    rn->line[k])) != NULL)
			digest_set_last(dg, c->slug, h);
		source_free(&src);
		free(h);
		diags_free(&quiet);
	}
}

/* Builds, then prints or sends, owner's digest: 0, or -1 when it failed. */
static int
one(struct run *rn, const char *owner)
{
	const struct owner *o = config_owner(&rn->ws->cfg, owner);
	const struct config *cfg = &rn->ws->cfg;
	struct followup *v = NULL;
	struct digest dg;
	struct digestmail dm;
	struct mailout m;
	struct buf text = { 0 }, html = { 0 }, mbox = { 0 };
	const char *to = rn->to != NULL ? rn->to : o ? o->email : NULL;
	char *subject = NULL, *msg = NULL, *why = NULL;
	size_t i, n = 0, len;
	int rc = 0;

	v = xcalloc(rn->ws->nclients + 1, sizeof(*v));
	for (i = 0; i < rn->ws->nclients; i++) {
		const struct client *c = &rn->ws->clients[i];

		if (c->errors == 0 && c->owner != NULL &&
		    strcmp(c->owner, owner) == 0)
			v[n++] = rn->ws->follow[i];	/* owned by ws */
	}
	followup_sort(v, n);
	digest_init(&dg, owner, o ? o->email : NULL, rn->ws->today);
	digest_collect(&dg, v, n);
	for (i = 0; i < rn->inv.n; i++)
		if (invalid_owned_by(&rn->inv.v[i], owner))
			digest_add_bad(&dg, rn->inv.v[i].text);
	if (digest_empty(&dg) && !rn->always) {
		fprintf(rn->info, "%s: nothing to do, no digest\n", owner);
		goto out;
	}
	if (to == NULL) {
		if (rn->send) {
			cli_error("owner '%s' has no email in rapport.ini: add "
			    "one, or give --to ADDR", owner);
			rc = -1;
		} else
			fprintf(rn->info, "%s: no email in rapport.ini and no "
			    "--to, no digest\n", owner);
		goto out;
	}
	changes(rn, &dg, owner);
	context(rn, &dg);
	memset(&dm, 0, sizeof(dm));
	dm.owner_name = o ? o->name : NULL;
	dm.agency = cfg->name;
	digestmail_text(&dg, &dm, &text);
	digestmail_html(&dg, &dm, &html);
	subject = digest_subject(&dg, cfg->name);
	memset(&m, 0, sizeof(m));
	m.from = cfg->digest_from != NULL ? cfg->digest_from :
	    o && o->email ? o->email : to;
	m.from_name = "rapport";
	m.to = to;
	m.to_name = rn->to == NULL && o ? o->name : NULL;
	m.subject = subject;
	m.text = text.s;
	m.html = html.s;
	msg = mailout_make(&m, &len);
	if (!rn->send) {
		mailout_mbox(&mbox, msg, len);
		fwrite(mbox.s, 1, mbox.len, stdout);
		goto out;
	}
	if (mailout_send(mailout_command(cfg->digest_sendmail), msg, len,
	    &why) == -1) {
		cli_error("the digest for %s was not sent: %s", owner, why);
		rc = -1;
		goto out;
	}
	fprintf(rn->info, "%s: sent to %s: %s\n", owner, to, subject);
	if (rn->r != NULL && digest_state_put(rn->state, owner, rn->head,
	    rn->ws->today) == -1)
		fprintf(stderr, "rapport: warning: cannot record the digest "
		    "sent to %s (%s): the next one lists the same changes\n",
		    owner, rn->state);
out:
	free(why);
	free(msg);
	free(subject);
	buf_free(&text);
	buf_free(&html);
	buf_free(&mbox);
	digest_free(&dg);
	free(v);
	return rc;
}

/* The owners: rapport.ini's, else those the clients name, sorted. */
static size_t
owners(const struct workspace *ws, const char ***out)
{
	const char **v = xcalloc(ws->nclients + ws->cfg.nowners + 1,
	    sizeof(*v));
	size_t i, j, n = 0;

	for (i = 0; i < ws->cfg.nowners; i++)
		v[n++] = ws->cfg.owners[i].handle;
	if (n == 0)
		for (i = 0; i < ws->nclients; i++) {
			const char *h = ws->clients[i].owner;

			for (j = 0; h != NULL && j < n && strcmp(v[j], h); j++)
				continue;
			if (h != NULL && j == n)
				v[n++] = h;
		}
	qsort(v, n, sizeof(*v), path_cmp);
	*out = v;
	return n;
}

int
cmd_digest(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "owner", required_argument, NULL, 'o' },
		{ "to", required_argument, NULL, 't' },
		{ "send", no_argument, NULL, 's' },
		{ "always", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct diags d = { 0 }, quiet = { 0 };
	struct ws_each each = { 0 };
	struct run rn;
	const char *owner = NULL, **who = NULL;
	size_t i, nwho = 0;
	int ch, failed = 0, rc = EXIT_USAGE;

	memset(&ws, 0, sizeof(ws));
	memset(&rn, 0, sizeof(rn));
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			owner = optarg;
			break;
		case 't':
			rn.to = optarg;
			break;
		case 's':
			rn.send = 1;
			break;
		case 'a':
			rn.always = 1;
			break;
		default:
			return cli_usage(NULL);
		}
	}
	if (optind < argc)
		return cli_usage("digest takes no client: --owner H names "
		    "whose digest");
	if (rn.to != NULL && !text_email_ok(rn.to))
		return cli_usage("--to '%s' is not an e-mail address", rn.to);
	if (cli_open(&ws, g, &d) == -1)
		goto out;
	rn.ws = &ws;
	rn.info = rn.send ? stdout : stderr;
	if (repo_open(&rn.r, ws.root, &quiet) == 0) {
		rn.state = repo_state_path(repo_gitdir(rn.r), "digest");
		if (since_head(rn.r, rn.head) == -1)
			rn.head[0] = '\0';
	}
	/* A cache of its own: its aux is the last entry's line. */
	each.cache = cli_cache(&ws, rn.r, "digest-clients");
	rn.line = xcalloc(ws.npaths + 1, sizeof(*rn.line));
	each.visit = visit_last;
	each.need = need_last;
	each.arg = rn.line;
	(void)cli_load_each(&ws, &d, 0, &each);
	(void)cache_write(each.cache);
	if (cli_owner_ok(&ws, owner) == -1)
		goto out;
	invalid_collect(&rn.inv, &ws, &d);
	if (owner != NULL) {
		who = xcalloc(1, sizeof(*who));
		who[nwho++] = owner;
	} else
		nwho = owners(&ws, &who);
	for (i = 0; i < nwho; i++)
		if (one(&rn, who[i]) == -1)
			failed = 1;
	fflush(stdout);
	rc = failed ? EXIT_USAGE : EXIT_OK;
out:
	mail_shutdown();
	free(who);
	free(rn.line);
	free(rn.state);
	invalid_free(&rn.inv);
	repo_close(rn.r);
	cache_free(each.cache);
	ws_close(&ws);
	diags_free(&d);
	diags_free(&quiet);
	return rc;
}
