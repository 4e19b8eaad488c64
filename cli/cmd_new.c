/*
 * cmd_new.c: rapport new NAME... [--owner H] [--slug S] [--email ADDR]
 *     [--force]
 *
 * Writes clients/<slug>.md from the built-in client template and commits
 * it.  A client that looks like the new one (lookalike.h: its file name
 * the same words and more, its name the same but for case and a
 * company's form, its addresses at --email's domain) is named, and the
 * new one is made only with --force.  The slug comes from the name (lowercase ASCII, accents folded) unless
 * --slug gives one; a slug already used anywhere under clients/, in any
 * case, is refused, as is a name Windows keeps for a device (con, aux,
 * com1...: text_name_reserved), which a name never gives ("Con" makes
 * con-client).  The owner is --owner, else the owner whose e-mail is
 * the committer's, else the only owner; with several owners and no match
 * the user is asked to choose.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "change.h"
#include "cli.h"
#include "lookalike.h"
#include "text.h"
#include "util.h"


/* A line of the front-matter holds at most this much (inih's limit). */
#define NAME_MAX_BYTES	180

static void
client_template(struct buf *b, const char *name, const char *owner,
    const char *email, date_t today)
{
	char day[11];

	date_format(today, day);
	buf_printf(b, "---\n"
	    "name = %s\n"
	    "status = active           ; lead | active | paused | former\n",
	    name);
	if (owner != NULL)
		buf_printf(b, "owner = %s\n", owner);
	buf_printf(b, "health = green            ; green | amber | red\n"
	    "since = %s\n"
	    "; cadence = 14d           ; how often to check in (default: "
	    "rapport.ini)\n"
	    "; next = YYYY-MM-DD       ; the next check-in, once agreed\n"
	    "; tags = retainer, seo\n"
	    "\n", day);
	if (email != NULL)
		buf_printf(b, "[contact]\n"
		    "; name = \n"
		    "; role = \n"
		    "email = %s\n", email);
	else
		buf_puts(b, "; [contact]\n"
		    "; name = \n"
		    "; role = \n"
		    "; email = \n");
	buf_printf(b, "; phone = \n"
	    "\n"
	    "; [escalation]            ; the decision maker to involve when "
	    "it goes wrong\n"
	    "; name = \n"
	    "; email = \n"
	    "\n"
	    "; [contract]\n"
	    "; hours = 40              ; contracted hours per month\n"
	    "; renews = YYYY-MM-DD\n"
	    "\n"
	    "; [metrics]\n"
	    "; track = sessions, leads ; what every monthly report gives\n"
	    "---\n"
	    "\n"
	    "Notes about %s: what they need, who decides, how they like to "
	    "work.\n", name);
}

/* Why name cannot be a client's name in the front-matter, or NULL. */
static const char *
name_problem(const char *name)
{
	const unsigned char *s;

	if (*name == '\0')
		return "the name is empty";
	if (strlen(name) > NAME_MAX_BYTES)
		return "the name is longer than 180 bytes";
	for (s = (const unsigned char *)name; *s != '\0'; s++)
		if (*s < 0x20 || *s == 0x7f)
			return "the name holds a control character";
	if (strstr(name, " ;") != NULL || strstr(name, "\t;") != NULL)
		return "' ;' would start a comment in the front-matter";
	return NULL;
}

/* The declared owner to use, or NULL with *err set when there is none. */
static const char *
pick_owner(const struct workspace *ws, const struct repo *r, const char *arg,
    int *err)
{
	const struct config *c = &ws->cfg;
	const struct repo_ident *me = repo_author(r);
	size_t i;

	*err = 0;
	if (arg != NULL) {
		if (c->nowners > 0 && config_owner(c, arg) == NULL) {
			cli_error("owner '%s' is not declared in rapport.ini; "
			    "the owners are:", arg);
			*err = 1;
		} else if (!text_slug_ok(arg, strlen(arg)) &&
		    c->nowners == 0) {
			cli_error("owner '%s' is not a handle (lowercase "
			    "letters, digits and '-'), like dana", arg);
			*err = 1;
			return NULL;
		} else
			return arg;
	} else if (c->nowners == 1)
		return c->owners[0].handle;
	else if (c->nowners == 0)
		return NULL;
	else {
		for (i = 0; me != NULL && i < c->nowners; i++)
			if (c->owners[i].email != NULL &&
			    strcasecmp(c->owners[i].email, me->email) == 0)
				return c->owners[i].handle;
		cli_error("say whose client it is with --owner (your e-mail, "
		    "%s, is no owner's in rapport.ini); the owners are:",
		    me != NULL ? me->email : "unknown");
		*err = 1;
	}
	for (i = 0; i < c->nowners; i++)
		fprintf(stderr, "  %s%s%s\n", c->owners[i].handle,
		    c->owners[i].name ? "  " : "",
		    c->owners[i].name ? c->owners[i].name : "");
	return NULL;
}

/* A file that exists nowhere yet: not in HEAD, the index or the tree. */
static enum change_verdict
create_file(enum change_side side, const struct change_text old[],
    struct buf *out, void *arg, struct diags *d)
{
	const struct buf *text = arg;

	if (old[side].exists && side != CHANGE_INDEX) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "the new file exists%s: "
		    "nothing was changed", side == CHANGE_HEAD ? " in git" : "");
		return CHANGE_ABORT;
	}
	buf_putn(out, text->s, text->len);
	return CHANGE_WRITE;
}

/* The words of the name (n of argv) into b, blanks trimmed: b's text. */
static char *
new_name(int n, char **argv, struct buf *b)
{
	char *nm;
	size_t i;

	for (i = 0; i < (size_t)n; i++)
		buf_printf(b, "%s%s", i > 0 ? " " : "", argv[i]);
	nm = b->s;
	while (*nm == ' ' || *nm == '\t')
		nm++;
	for (i = strlen(nm); i > 0 && (nm[i - 1] == ' ' || nm[i - 1] == '\t');
	    i--)
		nm[i - 1] = '\0';
	return nm;
}

/*
 * The slug of the new client: --slug's when given (a slug, and no name
 * Windows keeps for a device), else one made from the name (text_slugify:
 * "Con" gets "con-client").  Allocated, or NULL (said).
 */
static char *
new_slug(const char *nm, const char *slug_arg)
{
	char *slug;

	if (slug_arg != NULL && !text_slug_ok(slug_arg, strlen(slug_arg))) {
		cli_error("--slug '%s' is not a slug: use lowercase letters, "
		    "digits and '-', starting with a letter or digit",
		    slug_arg);
		return NULL;
	}
	if (slug_arg != NULL && text_name_reserved(slug_arg,
	    strlen(slug_arg))) {
		cli_error("--slug '%s' is a name Windows keeps for a device: "
		    "Git for Windows could not check out clients/%s.md; use "
		    "another, like --slug %s-client", slug_arg, slug_arg,
		    slug_arg);
		return NULL;
	}
	slug = slug_arg != NULL ? xstrdup(slug_arg) : text_slugify(nm);
	if (slug == NULL)
		cli_error("'%s' has no letter or digit a file name can take "
		    "(file names are lowercase ASCII): give one with --slug, "
		    "like --slug kabushiki-kaisha", nm);
	return slug;
}

/* Whether a client of the workspace has slug, in any case (said). */
static int
slug_taken(const struct workspace *ws, const char *slug)
{
	size_t i;

	for (i = 0; i < ws->npaths; i++) {
		char *other = ws_slug(ws->paths[i]);
		int same = strcasecmp(other, slug) == 0;

		free(other);
		if (same) {
			cli_error("slug '%s' is taken by %s: give another with "
			    "--slug", slug, ws->paths[i]);
			return 1;
		}
	}
	return 0;
}

/*
 * Whether the new file's text (the template) is a valid client file
 * whose name reads back as nm.  0, or -1 (said).
 */
static int
reads_back(const struct workspace *ws, const char *rel,
    const struct buf *text, const char *nm, struct diags *d)
{
	struct client c;
	int rc = -1;

	if (cli_parse(ws, rel, text->s, text->len, &c, d) > 0) {
		cli_diags(d);
		cli_error("internal error: the new client file is invalid");
	} else if (c.name == NULL || strcmp(c.name, nm) != 0)
		cli_error("'%s' would read back as '%s' in the front-matter: "
		    "choose another name", nm, c.name ? c.name : "");
	else
		rc = 0;
	client_free(&c);
	return rc;
}

struct new_args {
	const char	*owner;
	const char	*slug;
	const char	*email;
	int		 force;
	unsigned	 hooks;
};

/* The options into a; the index of the name's first word, or -1 (said). */
static int
new_options(int argc, char **argv, struct new_args *a)
{
	static const struct option opts[] = {
		{ "owner", required_argument, NULL, 'o' },
		{ "slug", required_argument, NULL, 's' },
		{ "email", required_argument, NULL, 'e' },
		{ "force", no_argument, NULL, 'f' },
		{ "no-verify", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(a, 0, sizeof(*a));
	while ((ch = getopt_long(argc, argv, "fn", opts, NULL)) != -1) {
		if (ch == 'o')
			a->owner = optarg;
		else if (ch == 's')
			a->slug = optarg;
		else if (ch == 'e')
			a->email = optarg;
		else if (ch == 'f')
			a->force = 1;
		else if (ch == 'n')
			a->hooks = CHANGE_NO_VERIFY;
		else {
			(void)cli_usage(NULL);
			return -1;
		}
	}
	if (optind >= argc) {
		(void)cli_usage("new needs the client's name: rapport new "
		    "\"Acme Widgets Ltd\"");
		return -1;
	}
	if (a->email != NULL && !text_email_ok(a->email)) {
		cli_error("--email '%s' is not an e-mail address: write it "
		    "like jo@acme.example", a->email);
		return -1;
	}
	return optind;
}

/* The clients shown as looking like the new one. */
#define LOOKALIKES_SHOWN	8

/*
 * Whether a client of ws looks like the new one (lookalike.h): then they
 * are named, with why, and the new one is refused without --force.
 */
static int
looks_taken(struct workspace *ws, struct repo *r, const char *slug,
    const char *nm, const struct new_args *a)
{
	struct lookalike v[LOOKALIKES_SHOWN];
	struct ws_each each = { 0 };
	struct diags quiet = { 0 };
	size_t n, i;

	each.cache = cli_cache(ws, r, NULL);
	(void)cli_load_each(ws, &quiet, 0, &each);
	diags_free(&quiet);
	cache_free(each.cache);
	n = lookalike_find(ws, slug, nm, a->email, v, LOOKALIKES_SHOWN);
	if (n == 0 || a->force)
		return 0;
	cli_error("'%s' looks like %s you have:", nm, n == 1 ? "a client" :
	    "clients");
	for (i = 0; i < n && i < LOOKALIKES_SHOWN; i++) {
		const struct client *c = &ws->clients[v[i].client];

		fprintf(stderr, "  %s  %s: %s\n", c->slug, c->name ? c->name :
		    "", lookalike_why_text(v[i].why));
	}
	if (n > LOOKALIKES_SHOWN)
		fprintf(stderr, "  and %zu more\n", n - LOOKALIKES_SHOWN);
	fprintf(stderr, "nothing was changed: add --force to make '%s' all "
	    "the same, or log to the client you have\n", nm);
	return 1;
}

int
cmd_new(const struct globals *g, int argc, char **argv)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct change *change = NULL;
	struct diags d = { 0 };
	struct buf name = { 0 }, text = { 0 };
	struct buf msg = { 0 };
	struct new_args a;
	const char *owner, *why;
	char *slug = NULL, *rel = NULL, *full = NULL, *nm;
	int at, rc = EXIT_USAGE, err;

	memset(&ws, 0, sizeof(ws));
	if ((at = new_options(argc, argv, &a)) == -1)
		return EXIT_USAGE;
	nm = new_name(argc - at, argv + at, &name);
	if ((why = name_problem(nm)) != NULL) {
		cli_error("cannot use '%s' as a client's name: %s", nm, why);
		goto out;
	}
	if ((slug = new_slug(nm, a.slug)) == NULL ||
	    cli_begin(&ws, &r, g, &d) == -1 || slug_taken(&ws, slug) ||
	    looks_taken(&ws, r, slug, nm, &a))
		goto out;
	owner = pick_owner(&ws, r, a.owner, &err);
	if (err)
		goto out;
	rel = xasprintf("clients/%s.md", slug);
	full = xasprintf("%s/%s", ws.root, rel);
	client_template(&text, nm, owner, a.email, ws.today);
	if (reads_back(&ws, rel, &text, nm, &d) == -1)
		goto out;
	if ((change = cli_change(r, a.hooks)) == NULL)
		goto out;
	/* Under the lock, and never over a file that appeared meanwhile. */
	if (access(full, F_OK) == 0) {
		cli_error("%s exists: nothing was changed", rel);
		goto out;
	}
	change_file(change, rel, create_file, &text);
	buf_printf(&msg, "%s: new client, %s", slug, nm);
	if (cli_commit(change, msg.s, &d) != 0) {
		cli_diags(&d);
		goto out;
	}
	cli_diags(&d);
	printf("created %s\n", rel);
	rc = EXIT_OK;
out:
	cli_change_end(change);
	buf_free(&name);
	buf_free(&text);
	buf_free(&msg);
	free(slug);
	free(rel);
	free(full);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
