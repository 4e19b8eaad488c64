/*
 * cmd_log.c: rapport log CLIENT (--in|--out|--note) [--channel W]
 *            [--hours N] MESSAGE...
 *
 * Appends "## DATE ARROW channel: MESSAGE (Nh)" to the end of the client's
 * file and commits that file alone.  The new text is parsed before it is
 * written: the file must be valid (a file with errors is refused, so a log
 * never commits a broken file) and its last entry must read back exactly as
 * asked, so no message can turn into a different date, channel or hours.
 * When the commit fails the file is put back as it was.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fileio.h"
#include "text.h"
#include "util.h"

#define LOG_USAGE "usage: rapport log CLIENT (--in|--out|--note) " \
	"[--channel W] [--hours N] MESSAGE\n"

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

/* The words of the message joined by spaces; NULL when it has a line end. */
static char *
join_message(int argc, char **argv)
{
	struct buf b = { NULL, 0, 0 };
	char *s;
	int i;

	for (i = 0; i < argc; i++) {
		if (i > 0)
			buf_putc(&b, ' ');
		buf_puts(&b, argv[i]);
	}
	s = buf_detach(&b);
	if (strpbrk(s, "\r\n") != NULL) {
		free(s);
		return NULL;
	}
	return s;
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

/* Whether the entry e reads back as what was asked. */
static int
reads_back(const struct entry *e, date_t date, enum entry_dir dir,
    const char *channel, const char *msg, double hours)
{
	return e->date == date && e->minutes == -1 && e->dir == dir &&
	    ((channel == NULL && e->channel == NULL) || (channel != NULL &&
	    e->channel != NULL && strcmp(channel, e->channel) == 0)) &&
	    strcmp(e->summary, msg) == 0 &&
	    (hours > 0 ? e->has_hours && e->hours == hours : !e->has_hours);
}

int
cmd_log(const struct globals *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "in", no_argument, NULL, 'i' },
		{ "out", no_argument, NULL, 'o' },
		{ "note", no_argument, NULL, 'n' },
		{ "channel", required_argument, NULL, 'c' },
		{ "hours", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 }
	};
	struct workspace ws;
	struct repo *r = NULL;
	struct diags d = { 0 }, dnew = { 0 };
	struct client before, after;
	struct repo_change ch;
	struct buf text = { NULL, 0, 0 }, msgbuf = { NULL, 0, 0 };
	const char *rel, *channel = NULL, *hours_arg = NULL, *eol;
	char *full = NULL, *old = NULL, *msg = NULL, *m, *slug = NULL;
	char *chan = NULL, *p;
	const char *nl;
	char day[11];
	size_t oldlen = 0;
	double hours = 0;
	enum entry_dir dir = ENTRY_NOTE;
	int ch_, ndir = 0, rc = EXIT_USAGE, written = 0;

	memset(&ws, 0, sizeof(ws));
	memset(&before, 0, sizeof(before));
	memset(&after, 0, sizeof(after));
	while ((ch_ = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch_) {
		case 'i':
			dir = ENTRY_IN;
			ndir++;
			break;
		case 'o':
			dir = ENTRY_OUT;
			ndir++;
			break;
		case 'n':
			dir = ENTRY_NOTE;
			ndir++;
			break;
		case 'c':
			channel = optarg;
			break;
		case 'H':
			hours_arg = optarg;
			break;
		default:
			fputs(LOG_USAGE, stderr);
			return EXIT_USAGE;
		}
	}
	if (ndir != 1 || argc - optind < 2) {
		if (ndir > 1)
			cli_error("give one of --in, --out and --note");
		fputs(LOG_USAGE, stderr);
		return EXIT_USAGE;
	}
	if (channel != NULL && !channel_ok(channel)) {
		cli_error("channel '%s' is not one word: use letters, digits, "
		    "'-' or '_', like --channel email", channel);
		return EXIT_USAGE;
	}
	if (channel != NULL) {
		/* The parser reads channels in lower case. */
		chan = xstrdup(channel);
		for (p = chan; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	if (hours_arg != NULL && (text_number(hours_arg, &hours) == -1 ||
	    hours <= 0 || hours > 24 * 31)) {
		free(chan);
		cli_error("--hours '%s' is not a number of hours: write it with "
		    "a decimal point, like --hours 1.5", hours_arg);
		return EXIT_USAGE;
	}
	if ((msg = join_message(argc - optind - 1, argv + optind + 1)) == NULL) {
		free(chan);
		cli_error("the message is one line: it becomes the entry's "
		    "heading; add details to the file with 'rapport edit'");
		return EXIT_USAGE;
	}
	m = trim(msg);
	if (*m == '\0') {
		cli_error("the message is empty: say what happened");
		goto out;
	}
	if (cli_begin(&ws, &r, g, &d) == -1)
		goto fail;
	if ((rel = cli_client(&ws, argv[optind])) == NULL ||
	    cli_writable(&ws, rel) == -1)
		goto fail;
	slug = ws_slug(rel);
	full = xasprintf("%s/%s", ws.root, rel);
	if (cli_lock(r, &d) == -1) {
		cli_diags(&d);
		goto fail;
	}
	/* Read under the lock: no other rapport changes the file now. */
	if (file_read_all(full, &old, &oldlen) == -1) {
		cli_error("cannot read %s: %s", rel, strerror(errno));
		goto fail;
	}
	if (cli_parse(&ws, rel, old, oldlen, &before, &d) > 0) {
		cli_diags(&d);
		cli_error("%s has errors: fix them first ('rapport check %s'); "
		    "nothing was logged", rel, rel);
		goto fail;
	}

	/* The heading, in the file's own line ends. */
	date_format(g->today, day);
	buf_puts(&msgbuf, day);
	if (dir != ENTRY_NOTE)
		buf_puts(&msgbuf, dir == ENTRY_IN ? " <-" : " ->");
	if (chan != NULL)
		buf_printf(&msgbuf, " %s:", chan);
	buf_printf(&msgbuf, " %s", m);
	if (hours > 0)
		buf_printf(&msgbuf, " (%sh)", hours_arg);
	nl = memchr(old, '\n', oldlen);
	eol = nl != NULL && nl > old && nl[-1] == '\r' ? "\r\n" : "\n";
	buf_putn(&text, old, oldlen);
	if (oldlen > 0 && old[oldlen - 1] != '\n')
		buf_puts(&text, eol);
	/* A blank line before the heading, unless there is one already. */
	if (oldlen > 0 && !(text.len >= 2 * strlen(eol) &&
	    memcmp(text.s + text.len - 2 * strlen(eol), eol, strlen(eol)) == 0))
		buf_puts(&text, eol);
	buf_printf(&text, "## %s%s", msgbuf.s, eol);

	if (cli_parse(&ws, rel, text.s, text.len, &after, &dnew) > 0 ||
	    after.nentries != before.nentries + 1 ||
	    !reads_back(&after.entries[after.nentries - 1], g->today, dir,
	    chan, m, hours)) {
		cli_error("'%s' would not read back as the entry you asked for "
		    "(it looks like a time, an arrow, a channel or hours): "
		    "rephrase it, or give --channel and --hours", m);
		rc = EXIT_USAGE;
		goto out;
	}
	if (file_write_atomic(full, text.s, text.len) == -1) {
		cli_error("cannot write %s: %s; nothing was logged", rel,
		    strerror(errno));
		goto fail;
	}
	written = 1;
	ch.path = rel;
	ch.remove = 0;
	buf_reset(&text);
	buf_printf(&text, "%s: %s", slug, msgbuf.s);
	if (cli_commit(r, &ch, 1, text.s, &d) != 0) {
		cli_diags(&d);
		goto fail;
	}
	cli_diags(&d);		/* warnings, if any */
	rc = EXIT_OK;
	goto out;
fail:
	/* Nothing may change when the commit did not happen. */
	if (written && file_write_atomic(full, old, oldlen) == -1)
		cli_error("cannot restore %s (%s): it holds the new entry, "
		    "uncommitted", rel, strerror(errno));
	rc = EXIT_USAGE;
out:
	client_free(&before);
	client_free(&after);
	buf_free(&text);
	buf_free(&msgbuf);
	free(old);
	free(full);
	free(slug);
	free(msg);
	free(chan);
	cli_close(r);
	ws_close(&ws);
	diags_free(&d);
	diags_free(&dnew);
	return rc;
}
