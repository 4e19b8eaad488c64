/*
 * cmd_share.c: rapport share CLIENT [--rotate | --revoke]
 *
 * Gives a client a report page of its own (SPEC section 5): a [share]
 * key of 128 random bits in the front-matter, committed alone through the
 * write path (change.h) as done's tick is: the commit is HEAD's text with
 * the key, and hand edits in the file stay in the work tree, uncommitted.
 * --rotate replaces the key (the old address stops working at the next
 * build), --revoke removes it (and the [share] section it leaves empty).
 * The key is the page's only lock: it is printed, never put in a commit
 * message.
 *
 * The front-matter is edited as lines: the [share] section's key line is
 * replaced or removed, or the section (or the key line in an existing,
 * empty one) is added before the closing "---".  Every result must read
 * back as the same file with the new key, and without new errors.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "cli.h"
#include "share.h"
#include "util.h"

enum share_op {
	SHARE_NEW,
	SHARE_ROTATE,
	SHARE_REVOKE
};

struct share {
	const struct workspace	*ws;
	const char		*rel;
	const char		*slug;
	enum share_op		 op;
	char			 key[SHARE_KEY_LEN + 1];
	char			*old;		/* HEAD's key, or NULL */
};

/* A line of t: [*s, *e) without its newline; returns where the next is. */
static size_t
line_at(const char *t, size_t len, size_t at, size_t *e)
{
	const char *nl = memchr(t + at, '\n', len - at);

	*e = nl ? (size_t)(nl - t) : len;
	return nl ? *e + 1 : len;
}

/* Whether [s, e) is word, blanks around it aside. */
static int
line_is(const char *t, size_t s, size_t e, const char *word)
{
	size_t n = strlen(word);

	while (s < e && (t[s] == ' ' || t[s] == '\t'))
		s++;
	while (e > s && (t[e - 1] == ' ' || t[e - 1] == '\t' ||
	    t[e - 1] == '\r'))
		e--;
	return e - s == n && memcmp(t + s, word, n) == 0;
}

/* Whether [s, e) starts with "key" then blanks and "=". */
static int
is_key_line(const char *t, size_t s, size_t e)
{
	while (s < e && (t[s] == ' ' || t[s] == '\t'))
		s++;
	if (e - s < 3 || memcmp(t + s, "key", 3) != 0)
		return 0;
	for (s += 3; s < e && (t[s] == ' ' || t[s] == '\t'); s++)
		continue;
	return s < e && t[s] == '=';
}

/*
 * Where the front-matter's parts are in t: its closing line, the [share]
 * section's line and the end of that section, its key line.  0 on
 * success, -1 when t has no front-matter.  Absent parts are (size_t)-1.
 */
struct where {
	size_t	close;
	size_t	sect, sect_end;
	size_t	key, key_end;		/* the line, and after its newline */
};

static int
find(const char *t, size_t len, struct where *w)
{
	size_t at, next, e, b;
	int in_share = 0;

	w->close = w->sect = w->sect_end = w->key = w->key_end = (size_t)-1;
	next = line_at(t, len, 0, &e);
	if (!line_is(t, 0, e, "---"))
		return -1;
	for (at = next; at < len; at = next) {
		next = line_at(t, len, at, &e);
		if (line_is(t, at, e, "---")) {
			w->close = at;
			if (in_share)
				w->sect_end = at;
			return 0;
		}
		/* A section's line starts with '[' after blanks, as inih reads. */
		for (b = at; b < e && (t[b] == ' ' || t[b] == '\t'); b++)
			continue;
		if (b < e && t[b] == '[') {
			if (in_share)
				w->sect_end = at;
			in_share = line_is(t, at, e, "[share]") &&
			    w->sect == (size_t)-1;
			if (in_share)
				w->sect = at;
			continue;
		}
		if (in_share && w->key == (size_t)-1 && is_key_line(t, at, e)) {
			w->key = at;
			w->key_end = next;
		}
	}
	return -1;
}

/* Why a text cannot take the operation. */
enum why {
	WHY_BACK,		/* the result would not read back */
	WHY_NO_FRONT,
	WHY_HAS_KEY,
	WHY_NO_KEY
};

/* Why, into b: what ("the last commit of F") cannot take the key. */
static void
say_why(struct buf *b, const char *what, const char *slug, enum why why)
{
	switch (why) {
	case WHY_BACK:
		buf_printf(b, "%s would not read back with the new key", what);
		break;
	case WHY_NO_FRONT:
		buf_printf(b, "%s has no front-matter between two '---' lines",
		    what);
		break;
	case WHY_HAS_KEY:
		buf_printf(b, "%s has a [share] key already: 'rapport share "
		    "--rotate %s' makes a new one", what, slug);
		break;
	case WHY_NO_KEY:
		buf_printf(b, "%s has no [share] key: 'rapport share %s' makes "
		    "one", what, slug);
		break;
	}
}

/*
 * Applies the operation to t into out: 1 done, 0 when t does not allow it
 * (no front-matter, a key already there for a new one, none to rotate or
 * revoke), with *why set.
 */
static int
apply(const struct share *a, const char *t, size_t len, struct buf *out,
    enum why *why)
{
	struct where w;

	if (find(t, len, &w) == -1) {
		*why = WHY_NO_FRONT;
		return 0;
	}
	if (a->op == SHARE_NEW && w.key != (size_t)-1) {
		*why = WHY_HAS_KEY;
		return 0;
	}
	if (a->op != SHARE_NEW && w.key == (size_t)-1) {
		*why = WHY_NO_KEY;
		return 0;
	}
	switch (a->op) {
	case SHARE_NEW:
		if (w.sect != (size_t)-1) {
			size_t e, next = line_at(t, len, w.sect, &e);

			buf_putn(out, t, next);
			if (next == e)
				buf_putc(out, '\n');
			buf_printf(out, "key = %s\n", a->key);
			buf_putn(out, t + next, len - next);
		} else {
			buf_putn(out, t, w.close);
			buf_printf(out, "[share]\nkey = %s\n", a->key);
			buf_putn(out, t + w.close, len - w.close);
		}
		break;
	case SHARE_ROTATE:
		buf_putn(out, t, w.key);
		buf_printf(out, "key = %s\n", a->key);
		buf_putn(out, t + w.key_end, len - w.key_end);
		break;
	case SHARE_REVOKE: {
		/* The section goes too when the key was all it held. */
		size_t e, after = line_at(t, len, w.sect, &e), at, next;
		int alone = 1;

		for (at = after; at < w.sect_end; at = next) {
			next = line_at(t, len, at, &e);
			if (at != w.key && !line_is(t, at, e, ""))
				alone = 0;
		}
		if (alone) {
			buf_putn(out, t, w.sect);
			buf_putn(out, t + w.sect_end, len - w.sect_end);
		} else {
			buf_putn(out, t, w.key);
			buf_putn(out, t + w.key_end, len - w.key_end);
		}
		break;
	}
	}
	return 1;
}

/* Whether out reads back with the key wanted and no more errors than t. */
static int
reads_back(const struct share *a, const struct change_text *t,
    const struct buf *out)
{
	struct client c0, c1;
	struct diags q0 = { 0 }, q1 = { 0 };
	int e0, e1, ok;

	e0 = cli_parse(a->ws, a->rel, t->s, t->len, &c0, &q0);
	e1 = cli_parse(a->ws, a->rel, out->s, out->len, &c1, &q1);
	ok = e1 <= e0 && (a->op == SHARE_REVOKE ? c1.share_key == NULL :
	    c1.share_key != NULL && strcmp(c1.share_key, a->key) == 0);
	client_free(&c0);
	client_free(&c1);
	diags_free(&q0);
	diags_free(&q1);
	return ok;
}

/* The key of text t, or NULL. */
static char *
key_of(const struct share *a, const struct change_text *t)
{
	struct diags quiet = { 0 };
	struct client c;
	char *key;

	cli_parse(a->ws, a->rel, t->s, t->len, &c, &quiet);
	key = c.share_key != NULL ? xstrdup(c.share_key) : NULL;
	client_free(&c);
	diags_free(&quiet);
	return key;
}

/*
 * Every version gets the key where the operation fits it (change_edit:
 * HEAD's is what is committed; hand edits stay in the work tree).
 */
static enum change_edit_got
share_fn(enum change_side side, const struct change_text old[],
    struct buf *out, struct buf *why, void *arg, struct diags *d)
{
	struct share *a = arg;
	const struct change_text *t = &old[side];
	enum why w = WHY_BACK;
	char *what;

	(void)d;
	if (side == CHANGE_HEAD)
		a->old = key_of(a, t);
	if (apply(a, t->s, t->len, out, &w) && reads_back(a, t, out))
		return CHANGE_EDIT_DONE;
	what = side == CHANGE_HEAD ? xasprintf("the last commit of %s",
	    a->rel) : xasprintf("the uncommitted changes in %s (without the "
	    "new key): the file", a->rel);
	say_why(why, what, a->slug, w);
	free(what);
	return CHANGE_EDIT_NO;
}

/* Where the page is now, or that it goes; and who may read it. */
static void
say_done(const struct share *a, const char *site_url)
{
	if (a->op == SHARE_REVOKE) {
		printf("%s: no longer shared; the next build removes "
		    "share/%s/\n", a->slug, a->old ? a->old : "KEY");
		return;
	}
	printf("%s: shared at share/%s/", a->slug, a->key);
	if (site_url != NULL)
		printf(" (%sshare/%s/)", site_url, a->key);
	printf("\n");
	if (a->old != NULL)
		printf("%s: the old address, share/%s/, goes with the next "
		    "build\n", a->slug, a->old);
	printf("whoever has the address can read the page: send it to the "
	    "client alone\n");
}

int
cmd_share(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rotate", no_argument, NULL, 'r' },
		{ "revoke", no_argument, NULL, 'x' },
		{ "no-verify", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const done[] = { "new key", "key rotated",
	    "key revoked" };
	struct workspace ws;
	struct repo *r = NULL;
	struct change *ch = NULL;
	struct diags d = { 0 };
	struct share a;
	struct change_edit ed = { 0 };
	struct buf msg = { 0 };
	const char *rel;
	char *slug = NULL;
	int c, rc = EXIT_USAGE, nops = 0;
	unsigned hooks = 0;

	memset(&ws, 0, sizeof(ws));
	memset(&a, 0, sizeof(a));
	a.op = SHARE_NEW;
	while ((c = getopt_long(argc, argv, "n", opts, NULL)) != -1) {
		if (c == 'n') {
			hooks = CHANGE_NO_VERIFY;
			continue;
		}
		if (c != 'r' && c != 'x')
			return cli_usage(NULL);
		a.op = c == 'r' ? SHARE_ROTATE : SHARE_REVOKE;
		nops++;
	}
	if (nops > 1)
		return cli_usage("give --rotate or --revoke, not both");
	if (argc - optind != 1)
		return cli_usage(argc == optind ? "share needs the client" :
		    "share takes one client");
	if (cli_begin(&ws, &r, g, &d) == -1)
		goto out;
	if ((rel = cli_client(&ws, argv[optind])) == NULL ||
	    cli_writable(&ws, r, rel) == -1)
		goto out;
	slug = ws_slug(rel);
	a.ws = &ws;
	a.rel = rel;
	a.slug = slug;
	if (a.op != SHARE_REVOKE && share_key_new(a.key) == -1) {
		cli_error("cannot make a key: no randomness from the system "
		    "(%s)", strerror(errno));
		goto out;
	}
	if ((ch = cli_change(r, hooks)) == NULL)
		goto out;
	ed.path = rel;
	ed.fn = share_fn;
	ed.arg = &a;
	change_file_edit(ch, rel, &ed);
	buf_printf(&msg, "%s: share: %s", slug, done[a.op]);
	if (cli_commit(ch, msg.s, &d) != 0) {
		cli_diags(&d);
		goto out;
	}
	cli_diags(&d);		/* warnings, if any */
	say_done(&a, ws.cfg.site_url);
	rc = EXIT_OK;
out:
	cli_change_end(ch);
	change_edit_free(&ed);
	buf_free(&msg);
	free(a.old);
	free(slug);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
