/*
 * cmd_log.c: rapport log CLIENT (--in|--out|--note) [--channel W]
 *            [--hours N] [--date D] [--time HH:MM] MESSAGE...
 *
 * Appends "## DATE HH:MM ARROW channel: MESSAGE (Nh)" to the end of the
 * client's file and commits that entry alone, through the write path (change.h):
 * the commit is HEAD's text with the entry appended, and hand edits in the
 * file stay in the work tree, uncommitted.  The new text is parsed before
 * anything is written: the committed file must be valid (a log never
 * commits a broken file) and its last entry must read back exactly as
 * asked, so no message can turn into a different date, channel or hours.
 * When anything fails, nothing changes.
 *
 * The moment is today (--today's day when given) at the local clock's
 * time, or --date and --time.  The time is always written, also with
 * --date alone (the clock's time then, as git commit --date keeps one):
 * with it, appending places the entry exactly in the order of entries
 * (SPEC section 2), and a backdated entry's true time is one option away.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "change.h"
#include "cli.h"
#include "text.h"
#include "util.h"

static int
channel_ok(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
			return 0;
	return 1;
}

/* Trims spaces at both ends in place. */
static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* What log asks of each version of the file. */
struct append {
	const struct workspace	*ws;
	const char		*rel;
	const char		*heading;	/* after "## " */
	struct entry_spec	 e;
};

/*
 * What made the message read back as another entry e, and how to write
 * it so that it reads as asked.
 */
static void
advise(const struct append *a, const struct entry *e, struct buf *why)
{
	const char *msg = a->e.summary;

	if (a->e.channel == NULL && e->channel != NULL)
		buf_printf(why, "'%.*s:' at its start reads as the channel: "
		    "to keep it in the message give the channel first "
		    "(--channel note \"%s\"), or write it without that colon "
		    "(\"%.*s -%s\")", (int)strcspn(msg, ":"), msg, msg,
		    (int)strcspn(msg, ":"), msg, msg +
		    strcspn(msg, ":") + 1);
	else if (a->e.hours == 0 && e->has_hours)
		buf_puts(why, "the parentheses at its end read as hours spent: "
		    "give hours with --hours N, or move that part away from "
		    "the end");
	else if (e->minutes != a->e.minutes || e->dir != a->e.dir)
		buf_puts(why, "its start reads as a time or an arrow: begin it "
		    "with a word, and give the time with --time HH:MM");
	else
		buf_printf(why, "it would read back as \"%s\": rephrase it",
		    e->summary);
}

/*
 * 0 when text parses and its last entry is the one asked for; 1 when it
 * parses with errors (to d); 2 when the entry would not read back.
 */
static int
check_text(const struct append *a, const struct buf *text, size_t before,
    struct buf *why, struct diags *d)
{
	struct client c;
	int rc;

	rc = cli_parse(a->ws, a->rel, text->s, text->len, &c, d) > 0;
	if (c.nentries != before + 1) {
		rc = 2;
		buf_puts(why, "it would not read as one entry: write it on one "
		    "line, without a '## ' in it");
	} else if (!entry_is(&c.entries[c.nentries - 1], &a->e)) {
		rc = 2;
		advise(a, &c.entries[c.nentries - 1], why);
	}
	client_free(&c);
	return rc;
}

/* The entries of a text, to see that exactly one is added. */
static size_t
entries_of(const struct append *a, const struct change_text *t)
{
	struct diags quiet = { 0 };
	struct client c;
	size_t n;

	cli_parse(a->ws, a->rel, t->s, t->len, &c, &quiet);
	n = c.nentries;
	client_free(&c);
	diags_free(&quiet);
	return n;
}

/* Whether t has errors of its own (change_edit's invalid). */
static int
invalid(const struct change_text *t, void *arg)
{
	struct append *a = arg;
	struct diags quiet = { 0 };
	struct client c;
	int errs = cli_parse(a->ws, a->rel, t->s, t->len, &c, &quiet);

	client_free(&c);
	diags_free(&quiet);
	return errs > 0;
}

/*
 * The entry goes at the end of each version (change_edit: HEAD's is what
 * is committed, and must be valid; hand edits stay in the work tree).
 * It must read back as asked in HEAD's version and in the work tree's:
 * a hand edit that changes how it reads stops the log.
 */
static enum change_edit_got
append_entry(enum change_side side, const struct change_text old[],
    struct buf *out, struct buf *why, void *arg, struct diags *d)
{
	struct append *a = arg;
	const struct change_text *t = &old[side];
	struct diags quiet = { 0 };
	int rc;

	buf_putn(out, t->s, t->len);
	entry_append(out, a->heading, NULL);
	rc = check_text(a, out, entries_of(a, t), why, side == CHANGE_HEAD ?
	    d : &quiet);
	diags_free(&quiet);
	if (rc == 1)
		return CHANGE_EDIT_ERRORS;
	if (rc == 0)
		return CHANGE_EDIT_DONE;
	if (side == CHANGE_HEAD) {
		struct buf said = { 0 };

		/* Only HEAD's version is the user's to rephrase. */
		buf_printf(&said, "'%s' would not read back as the entry you "
		    "asked for: %s", a->e.summary, why->s);
		buf_free(why);
		*why = said;
		return CHANGE_EDIT_NO;
	}
	buf_reset(why);
	if (side == CHANGE_WORK)
		buf_printf(why, "the uncommitted changes in %s keep the new "
		    "entry from reading back as one: commit them or undo them "
		    "first", a->rel);
	return CHANGE_EDIT_STOP;
}

/* What the command line asks for, before it is checked. */
struct log_args {
	enum entry_dir	 dir;
	int		 ndir;		/* --in, --out and --note given */
	const char	*channel, *hours, *date, *time;
	unsigned	 hooks;
};

/* Reads the options into la; returns optind, or -1 (usage: said). */
static int
log_options(int argc, char **argv, struct log_args *la)
{
	static const struct option opts[] = {
		{ "in", no_argument, NULL, 'i' },
		{ "out", no_argument, NULL, 'o' },
		{ "note", no_argument, NULL, 'n' },
		{ "channel", required_argument, NULL, 'c' },
		{ "hours", required_argument, NULL, 'H' },
		{ "date", required_argument, NULL, 'd' },
		{ "time", required_argument, NULL, 't' },
		{ "no-verify", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(la, 0, sizeof(*la));
	la->dir = ENTRY_NOTE;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
		case 'o':
		case 'n':
			la->dir = c == 'i' ? ENTRY_IN : c == 'o' ? ENTRY_OUT :
			    ENTRY_NOTE;
			la->ndir++;
			break;
		case 'V':
			la->hooks = CHANGE_NO_VERIFY;
			break;
		case 'c':
			la->channel = optarg;
			break;
		case 'H':
			la->hours = optarg;
			break;
		case 'd':
			la->date = optarg;
			break;
		case 't':
			la->time = optarg;
			break;
		default:
			cli_usage(NULL);
			return -1;
		}
	}
	if (argc - optind < 1)
		cli_usage("log needs the client, which way the message went "
		    "(--in, --out or --note) and the message");
	else if (la->ndir == 0)
		cli_usage("which way did it go? add --in (from the client), "
		    "--out (to the client) or --note (neither)");
	else if (la->ndir > 1)
		cli_usage("give one of --in, --out and --note: a message goes "
		    "one way");
	else if (argc - optind < 2)
		cli_usage("what happened? give the message after the client: "
		    "rapport log %s --in \"Asked about the invoice\"",
		    argv[optind]);
	else
		return optind;
	return -1;
}

/*
 * The entry's parts other than its summary from la into e: the channel
 * (lower case, allocated into *chan), hours, day and time.  -1 (said)
 * when one is not what log takes.
 */
static int
log_entry(date_t today, const struct log_args *la, struct entry_spec *e,
    char **chan)
{
	char day[11], now[11], *why, *p;
	enum date_err derr;

	e->dir = la->dir;
	e->date = today;
	e->minutes = -1;
	if (la->channel != NULL && !channel_ok(la->channel)) {
		cli_error("channel '%s' is not one word: use letters, digits, "
		    "'-' or '_', like --channel email", la->channel);
		return -1;
	}
	if (la->channel != NULL) {
		/* The parser reads channels in lower case. */
		*chan = xstrdup(la->channel);
		for (p = *chan; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		e->channel = *chan;
	}
	if (la->hours != NULL && (text_hours(la->hours, &e->hours) != 0 ||
	    e->hours <= 0 || e->hours > 24 * 31 * 100)) {
		cli_error("--hours '%s' is not a number of hours: write it with "
		    "a decimal point and at most two decimals, like --hours 1.5",
		    la->hours);
		return -1;
	}
	if (la->date != NULL && (derr = date_parse(la->date,
	    strlen(la->date), &e->date)) != DATE_OK) {
		why = date_problem(la->date, strlen(la->date), derr);
		cli_error("--date %s", why);
		free(why);
		return -1;
	}
	if (e->date > today) {
		date_format(e->date, day);
		date_format(today, now);
		cli_error("--date %s is after today (%s): log records what has "
		    "happened; put what is planned in 'next' or a commitment",
		    day, now);
		return -1;
	}
	if (la->time != NULL && date_time_parse(la->time, strlen(la->time),
	    &e->minutes) == -1) {
		cli_error("--time '%s' is not a time of day: write HH:MM from "
		    "00:00 to 23:59, like --time 14:30", la->time);
		return -1;
	}
	if (e->minutes < 0)
		e->minutes = date_clock_minutes();
	return 0;
}

int
cmd_log(const struct globals *g, int argc, char **argv)
{
	struct workspace ws;
	struct repo *r = NULL;
	struct change *ch = NULL;
	struct diags d = { 0 };
	struct log_args la;
	struct append a;
	struct change_edit ed = { 0 };
	struct buf text = { 0 }, msgbuf = { 0 };
	const char *rel;
	char *msg = NULL, *slug = NULL, *chan = NULL;
	int at, rc = EXIT_USAGE;

	memset(&ws, 0, sizeof(ws));
	memset(&a, 0, sizeof(a));
	if ((at = log_options(argc, argv, &la)) == -1)
		goto out;
	if ((msg = cli_words(argc - at - 1, argv + at + 1)) == NULL) {
		cli_error("the message is one line: it becomes the entry's "
		    "heading; add details to the file with 'rapport edit'");
		goto out;
	}
	if (*(a.e.summary = trim(msg)) == '\0') {
		cli_error("the message is empty: say what happened");
		goto out;
	}
	/* The day and the time on the workspace's clock (zone.h). */
	if (cli_begin(&ws, &r, g, &d) == -1 ||
	    log_entry(ws.today, &la, &a.e, &chan) == -1 ||
	    (rel = cli_client(&ws, argv[at])) == NULL ||
	    cli_writable(&ws, r, rel) == -1)
		goto out;
	slug = ws_slug(rel);
	a.ws = &ws;
	a.rel = rel;
	entry_format(&a.e, &msgbuf);
	a.heading = msgbuf.s;
	if ((ch = cli_change(r, la.hooks)) == NULL)
		goto out;
	ed.path = rel;
	ed.fn = append_entry;
	ed.invalid = invalid;
	ed.arg = &a;
	change_file_edit(ch, rel, &ed);
	buf_printf(&text, "%s: %s", slug, msgbuf.s);
	if (cli_commit(ch, text.s, &d) == 0)
		rc = EXIT_OK;
	cli_diags(&d);		/* why not, or warnings */
out:
	cli_change_end(ch);
	change_edit_free(&ed);
	buf_free(&text);
	buf_free(&msgbuf);
	free(slug);
	free(msg);
	free(chan);
	repo_close(r);
	ws_close(&ws);
	diags_free(&d);
	return rc;
}
