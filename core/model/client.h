/*
 * client.h: one client file, parsed into the model every command uses.
 *
 * client_parse reads the front-matter through inifile (inih) and the body
 * through cmark, so entries and commitments come from the Markdown
 * structure: a "- [ ]" inside a code block is not a commitment, and a level
 * 2 heading inside a block quote is not an entry.  Every problem is reported
 * to the diagnostics sink at its line; parsing never stops at the first one,
 * and whatever was valid is kept in the model.
 *
 * All strings of a client live in its pool and are freed by client_free.
 */
#ifndef RAPPORT_CLIENT_H
#define RAPPORT_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "date.h"
#include "diag.h"
#include "source.h"
#include "util.h"

enum client_status {
	STATUS_LEAD,
	STATUS_ACTIVE,
	STATUS_PAUSED,
	STATUS_FORMER
};

enum client_health {
	HEALTH_GREEN,
	HEALTH_AMBER,
	HEALTH_RED
};

struct contact {
	char	*name;
	char	*role;
	char	*email;
	char	*phone;
	int	 line;		/* of the section header; 0: no section */
};

/*
 * A [person KEY] section: one more person at the client besides its
 * [contact] and [escalation] (SPEC section 2).  Each has a card (SPEC
 * section 9) whose UID comes from the workspace, the client and key.
 */
struct person {
	char	*key;		/* [a-z0-9][a-z0-9_-]*, at most 42, unique */
	char	*name;		/* NULL only when missing (an error) */
	char	*role;
	char	**emails;	/* valid addresses, as written */
	size_t	 nemails;
	char	*phone;
	char	*notes;		/* internal: never on a card; not in a summary */
	int	 line;		/* of the section header */
};

struct report {
	month_t	 month;
	char	**keys;		/* metric names, as written */
	double	*values;
	int	*lines;		/* line of each key */
	size_t	 n;
	int	 line;
};

struct goal {
	char	*name;
	char	*target;	/* may be NULL */
	char	*outcome;	/* may be NULL */
	date_t	 by;		/* DATE_NONE when missing or invalid */
	int	 confidence;	/* 0..100, -1 when missing or invalid */
	int	 by_line;	/* where each was given, 0 when missing */
	int	 confidence_line;
	int	 line;
};

enum entry_dir {
	ENTRY_NOTE,		/* no arrow: internal */
	ENTRY_IN,		/* "<-": the client contacted us */
	ENTRY_OUT		/* "->": we contacted the client */
};

struct entry {
	date_t		 date;
	int		 minutes;	/* HH:MM as minutes, -1 when absent */
	int		 at;		/* the minutes that order it: its own,
					   else the nearest timed entry's of
					   the same date above it, else 0 */
	enum entry_dir	 dir;
	char		*channel;	/* may be NULL */
	char		*summary;	/* never NULL, may be empty */
	int64_t		 hours;		/* in hundredths (text_hours),
					   0 when absent */
	int		 has_hours;
	int		 line;		/* of the heading */
	int		 end_line;	/* last line of the entry's text */
	char		*html;		/* with CLIENT_HTML, else NULL */
};

struct commitment {
	int	 done;
	int	 theirs;	/* "@client": the client owes it to us */
	date_t	 due;		/* DATE_NONE when absent */
	date_t	 done_on;	/* "done:DATE", the day it was kept, or NONE */
	char	*text;		/* without the box, due:, done: and @client */
	int	 line;		/* of the box "[ ]" */
	int	 col;		/* of its '[' */
	int	 end_line;	/* the last line of the item's first paragraph */
	int	 entry;		/* index of the enclosing entry, -1 if none */
	int	 under;		/* index of the commitment whose item holds
				   this one's list (it sits under it), or -1 */
};

struct client {
	struct pool	 pool;
	char		*path;		/* relative to the workspace root */
	char		*slug;		/* the file name without ".md" */
	int		 errors;	/* errors reported about the file */
	uint64_t	 hash;		/* of the file's bytes (source.hash) */

	char		*name;		/* NULL only when missing (an error) */
	enum client_status status;
	enum client_health health;
	char		*owner;		/* may be NULL */
	struct duration	 cadence;	/* from the file or the workspace */
	struct duration	 reply_within;
	date_t		 next;
	date_t		 since;
	char		**tags;
	size_t		 ntags;
	/*
	 * emails and domains (SPEC section 7): more of the client's
	 * addresses and whole domains for mail import, in lower case.
	 */
	char		**emails;
	size_t		 nemails;
	char		**domains;
	size_t		 ndomains;

	struct contact	 contact;
	struct contact	 escalation;
	struct person	*people;	/* [person KEY], in file order */
	size_t		 npeople;

	char		*share_key;	/* [share] key, valid, or NULL */
	int		 share_line;

	int64_t		 contract_hours;	/* hundredths, < 0 when absent */
	int64_t		 rate;			/* per hour, in hundredths
						   (text_hours), < 0 when
						   absent */
	date_t		 renews;

	char		**metrics;	/* tracked metric names */
	size_t		 nmetrics;
	int		 metrics_line;
	struct report	*reports;	/* in file order */
	size_t		 nreports;
	struct goal	*goals;
	size_t		 ngoals;

	size_t		 body_line;	/* first line of the Markdown body */
	char		*notes_html;	/* with CLIENT_HTML: the notes before
					   the first entry, else NULL */
	struct entry	*entries;	/* in file order */
	size_t		 nentries;
	struct commitment *commitments;
	size_t		 ncommitments;
};

/*
 * With CLIENT_HTML, client_parse also renders the Markdown of the notes and
 * of each entry to HTML from the one parse it makes anyway: cmark's safe
 * mode (no raw HTML; javascript:, vbscript:, file: and data: links
 * dropped), and a list item's "[ ]"/"[x]" box shown as U+2610/U+2611.
 */
#define CLIENT_HTML	0x1

/*
 * Parses src into c.  slug is the file name without ".md".  cfg supplies
 * defaults and the declared owners; today dates the "in the future" check.
 * Returns the number of errors reported for the file while parsing it
 * (warnings not counted); problems source_read reported come on top.
 */
int	client_parse(struct client *, const struct source *, const char *slug,
	    const struct config *, date_t today, unsigned flags,
	    struct diags *);
/*
 * Keeps only what lists of clients need (path, slug, errors, name, status,
 * health, owner, share key, cadence, reply_within, next, since, tags,
 * emails, domains, contact, escalation, the people but their notes,
 * contract figures) and frees the rest: entries, commitments,
 * metrics, reports, goals and HTML are then empty.  c stays where it is,
 * so pointers to it (a followup's) remain valid.
 */
void	client_slim(struct client *);
/*
 * Calls fn with each e-mail address of client c (whole or slim), and the
 * line of the section that holds it (0 for the emails key): its
 * [contact]'s, its [escalation]'s, each [person KEY]'s, then its emails
 * key's.  The one list of a client's addresses (SPEC section 7): mail
 * import, check and import-contacts all read it here.  Returns nonzero as
 * soon as fn does, with that value; else 0.
 */
typedef int	client_address_fn(const char *email, int line, void *arg);
int	client_each_address(const struct client *c, client_address_fn *fn,
	    void *arg);
/*
 * Whether k can be a [share] key (SPEC section 5): CLIENT_SHARE_MIN to
 * CLIENT_SHARE_MAX characters of A-Z a-z 0-9 _ -, safe in a URL and a
 * folder name.  128 random bits take 22 (rapport share).
 */
#define CLIENT_SHARE_MIN	22
#define CLIENT_SHARE_MAX	128
int	client_share_key_ok(const char *k);
/* The value of metric in report r: 1 and *v, or 0 when r has none. */
int	client_report_value(const struct report *r, const char *metric,
	    double *v);
void	client_free(struct client *);

const char *client_status_name(enum client_status);
const char *client_health_name(enum client_health);

/*
 * Parses the text of an entry heading ("2026-11-20 -> call: Plan (1.5h)")
 * into e, strings in pool.  Returns 0, or -1 with *col set to the 0-based
 * offset of the problem and *why to a message that lives as long as the
 * pool.  Exposed for tests.
 */
int	entry_parse_heading(const char *, size_t, struct entry *,
	    struct pool *, size_t *col, const char **why);
/*
 * The order of entries (SPEC section 2): nonzero when entry a of a client
 * comes after entry b: a later date; on one date a later time, where an
 * entry without a time takes that of the nearest timed entry of the same
 * date above it in the file (00:00 when there is none: the at field);
 * then the one later in the file.  Never true both ways, so it orders
 * entries totally; every rule that asks "after" uses it.
 */
int	entry_later(const struct entry *a, const struct entry *b);
/*
 * The text of the heading on the line s (l bytes, no line end): an ATX
 * heading's without its opening and closing runs of '#', or a setext
 * heading's first line; white space trimmed.  Sets *start to its offset
 * in the line.  What an entry's heading is read from (body.c), and what
 * mail import proves its headings with.
 */
void	entry_atx_text(const char *s, size_t l, size_t *start, size_t *len);
/* Nonzero when heading text looks like an attempt at an entry. */
int	entry_heading_is_dated(const char *, size_t);

/*
 * A new entry, as log and import-mail write one: the parts of its heading.
 * The strings are the caller's.
 */
struct entry_spec {
	date_t		 date;
	int		 minutes;	/* always written: 0 to 1439 */
	enum entry_dir	 dir;
	const char	*channel;	/* NULL for none */
	const char	*summary;
	int64_t		 hours;		/* hundredths, 0 for none */
};

/*
 * Appends to out the heading's text, without "## ": "DATE HH:MM [ARROW]
 * [channel:] summary [(Nh)]", the one way rapport writes a heading.
 */
void	entry_format(const struct entry_spec *, struct buf *out);
/* Nonzero when the parsed entry e is exactly the one spec asks for. */
int	entry_is(const struct entry *e, const struct entry_spec *);
/*
 * Appends to out, which holds a client file's text, the heading "## TEXT"
 * and, when comment is not NULL, that line after it: in the line ends of
 * out's first line, after a line end when out lacks a final one and a
 * blank line unless one is there (none when out is empty).  How every new
 * entry goes at the end of a file.
 */
void	entry_append(struct buf *out, const char *heading,
	    const char *comment);
/*
 * Whether the line (n bytes, its line end left off but for a CR) is the
 * mark of an imported message, "<!-- message-id: <...> -->" or "<!--
 * message-hash: ... -->", a line of its own: then *mark points at
 * "message-..." and *mlen is its length.  The one reading of a mark, for
 * import-mail's known messages, check and the merge.
 */
int	entry_mark(const char *line, size_t n, const char **mark,
	    size_t *mlen);

#endif
