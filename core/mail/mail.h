/*
 * mail.h: an e-mail message as mail import needs it (SPEC section 7), and
 * the entry it becomes.
 *
 * mail_read reads a message's header with GMime 3: RFC 5322 addresses and
 * dates, RFC 2047 encoded words, and charsets (a header in raw 8-bit text
 * is read as UTF-8, else as Windows-1252).  Only the header is parsed:
 * bodies are never copied into a client file, and a large attachment
 * costs nothing but its read.  All strings of a mail live in its pool.
 *
 * mail_entry makes the entry heading of a message, "DATE HH:MM <- email:
 * SUBJECT", and proves that it reads back as exactly that entry by parsing
 * it as a client file's heading is parsed (entry.c).
 */
#ifndef RAPPORT_MAIL_H
#define RAPPORT_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "date.h"
#include "mailsrc.h"
#include "util.h"

/*
 * The largest header block read (up to and with the empty line after
 * it): 1 MiB, a hundred times a long real one.  GMime takes some thirty
 * times a header's size to parse it (a 20 MB Subject cost 600 MB), so a
 * larger one is skipped before it is parsed.
 */
#define MAIL_HEADER_MAX	((size_t)1 << 20)

struct mail {
	struct pool	 pool;
	/*
	 * What marks the message as imported (mail_marks reads it back):
	 * "message-id: <ID>" with its Message-ID, every "--" in it written
	 * "-\-", or, when it has none, "message-hash: H" with H the SHA-1 of
	 * the headers that identify it.  old_mark, when not NULL, is the
	 * mark an older rapport (until December 2026) gave it ("message-hash: " and the git blob
	 * id of its bytes): a message marked with either is imported.
	 */
	char		*mark;
	char		*old_mark;
	char		*from;		/* the sender's address, lower case;
					   NULL when none */
	char		**rcpt;		/* To, Cc and Bcc, lower case */
	size_t		 nrcpt;
	int		 dated;		/* Date could be read: when is set */
	int		 year_out;	/* dated, in a year outside 1000 to
					   9999 (as its Date writes it) */
	int64_t		 when;		/* seconds since 1970 UTC */
	char		*subject;	/* decoded, UTF-8; NULL when none */
	const char	*automatic;	/* why it is automatic or list mail
					   (static), NULL when it is neither */
};

/*
 * Calls once before any mail_read (GMime's set-up; idempotent, not
 * thread safe).  mail_shutdown undoes it at exit.
 */
void	mail_setup(void);
void	mail_shutdown(void);
/*
 * Reads the message src into m (which the caller frees with mail_free,
 * whatever is returned).  Returns 0; -1 with *why (static) when the bytes
 * are not an e-mail message: no header that GMime can read, or neither
 * From nor Date; -2 with *why when its header block is over
 * MAIL_HEADER_MAX (then GMime never sees it).
 *
 * The year is the one the Date header writes (mail_date_year), not
 * GMime's reading of it, which takes "0026" for 2026 and "55" for 2055.
 */
int	mail_read_msg(struct mail *, const struct mailsrc_msg *src,
	    const char **why);
/* The same, of the len bytes at s held whole. */
int	mail_read(struct mail *, const char *s, size_t len, const char **why);
/*
 * The year a Date header's text writes, as RFC 5322 reads it: the number
 * after the month's name ("20 Nov 2026"; in asctime's order, "Nov 20
 * 10:00:00 2026", the one after the day); four digits or more as they
 * are ("0026" is the year 26), three plus 1900, two (and one) plus 2000
 * when under 50, else plus 1900.  Returns 1 with *year, and where the
 * number is in date (*at, *n bytes), or 0 when no month's name is
 * followed by one.  Exposed for tests.
 */
int	mail_date_year(const char *date, int *year, size_t *at, size_t *n);
void	mail_free(struct mail *);

/*
 * Finds the marks of imported messages in a client file's text: calls fn
 * with each mark ("message-id: <ID>" or "message-hash: H", as mail.mark
 * holds it) of every line that is "<!-- message-id: <ID> -->" or
 * "<!-- message-hash: H -->" (as mail_entry writes them).
 */
void	mail_marks(const char *text, size_t len,
	    void (*fn)(void *, const char *mark, size_t n), void *arg);

/* The entry of a message. */
struct mail_entry {
	date_t		 date;		/* local date of Date */
	int		 minutes;	/* local time of day */
	enum entry_dir	 dir;
	char		*summary;	/* the subject made safe */
	char		*heading;	/* after "## " */
	char		*comment;	/* "<!-- message-id: <ID> -->" */
};

/*
 * The longest summary, in characters: a subject longer than that is cut
 * at a word and ends with an ellipsis.
 */
#define MAIL_SUMMARY_MAX	200

/*
 * Makes the entry of m (dated; dir ENTRY_IN or ENTRY_OUT) into e, in the
 * local time zone (TZ), strings in m's pool.  Returns 0, or -1 with *why
 * (static) when its date is outside the years 1000 to 9999 (year_out,
 * or the local date).
 */
int	mail_entry(struct mail *, enum entry_dir, struct mail_entry *,
	    const char **why);
/*
 * The subject made safe for a heading, into out: invalid UTF-8 replaced
 * by U+FFFD; control characters (C0, DEL, C1) and Unicode line and
 * paragraph separators turned into spaces, bidirectional controls
 * (which can make text read other than it is) removed;
 * runs of white space made one space and trimmed; cut at
 * MAIL_SUMMARY_MAX; "(no subject)" when nothing is left; and the parts a
 * heading would read as other syntax neutralised: a trailing "(2h)" (or
 * any parenthesis that reads as time spent) becomes "[2h]", and a
 * trailing run of '#' (a closing sequence to Markdown) follows a no-break
 * space.  Exposed for tests.
 */
void	mail_subject_safe(const char *subject, struct buf *out);
/*
 * Whether the character of the n bytes at p (valid UTF-8) may stand as
 * it is in a line of a client file: no control character, line or
 * paragraph separator, or bidirectional control.  The one rule for what
 * mail_subject_safe keeps and for what a Message-ID may hold.
 */
int	mail_char_shown(const unsigned char *p, size_t n);

#endif
