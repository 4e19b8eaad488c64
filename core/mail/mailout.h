/*
 * mailout.h: a message made and sent, for rapport digest (SPEC section
 * 10).
 *
 * mailout_make writes a message with GMime 3: From, To, Subject (UTF-8,
 * encoded as RFC 2047 says when it is not ASCII), Date (now, in the
 * process's zone, which is the workspace's), a Message-ID unique to it
 * whose right side is the From address's domain, MIME-Version,
 * Auto-Submitted: auto-generated (RFC 3834: no mail program answers it,
 * and rapport import-mail skips it), and a multipart/alternative body of
 * text/plain and text/html, both UTF-8, each in quoted-printable or
 * base64 as GMime finds best for it.  Line ends are LF, as a local
 * sendmail takes them.
 *
 * mailout_send hands a message to "CMD -t -i" run by /bin/sh -c: the
 * interface of sendmail that every mail transfer agent provides
 * (postfix, exim, msmtp...): the recipients come from the header, and a
 * line of a lone dot does not end the message.  Nothing here prints.
 */
#ifndef RAPPORT_MAILOUT_H
#define RAPPORT_MAILOUT_H

#include <stddef.h>

struct mailout {
	const char	*from_name;	/* may be NULL */
	const char	*from;		/* an address */
	const char	*to_name;	/* may be NULL */
	const char	*to;		/* an address */
	const char	*subject;	/* UTF-8 */
	const char	*text;		/* the text/plain part, UTF-8 */
	const char	*html;		/* the text/html part, UTF-8 */
};

/* The message m describes, allocated (*len bytes and a NUL). */
char	*mailout_make(const struct mailout *m, size_t *len);
/*
 * The sendmail command to run: cmd when not NULL, else "sendmail" when
 * it is on PATH, else "/usr/sbin/sendmail".  Static or cmd itself.
 */
const char *mailout_command(const char *cmd);
/*
 * Runs "CMD -t -i" through /bin/sh -c with the len bytes of msg as its
 * standard input and waits for it.  Returns 0 when it exited 0; else -1
 * with *why (allocated) saying what happened: its exit status, what
 * that status means (sysexits.h: 75 is a temporary failure) and what it
 * wrote, or why it could not run.
 */
int	mailout_send(const char *cmd, const char *msg, size_t len,
	    char **why);
/*
 * Appends msg to out as one message of an mbox (mboxrd): a "From
 * rapport DATE" line, each line that starts with any number of '>' and
 * "From " quoted with one more '>', and an empty line at the end.
 */
struct buf;
void	mailout_mbox(struct buf *out, const char *msg, size_t len);

#endif
