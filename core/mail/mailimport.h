/*
 * mailimport.h: what an import of mail makes of the messages it reads
 * (SPEC section 7), before anything is written: each message is either
 * skipped, for a reason counted (and, where a person must act, reported),
 * or becomes a pending entry of the client it belongs to.
 *
 *	mail_import_init	indexes the addresses once (mailbook.h)
 *	mail_import_message	takes one message (a mailsrc_fn)
 *	mail_import_marks	takes the marks of messages imported before,
 *				from one client file's text
 *	mail_import_settle	drops those and second copies, and orders
 *				the rest by client, then in the order of
 *				entries (then as read)
 * The caller appends each client's run of pending entries to its file.
 */
#ifndef RAPPORT_MAILIMPORT_H
#define RAPPORT_MAILIMPORT_H

#include <stddef.h>

#include "client.h"
#include "config.h"
#include "diag.h"
#include "mailbook.h"
#include "mailsrc.h"
#include "util.h"

/* Why a message is not imported: one row per reason, in summary order. */
enum mail_skip {
	MAIL_SKIP_UNREADABLE,	/* not a message (reported) */
	MAIL_SKIP_HUGE,		/* header over MAIL_HEADER_MAX (reported) */
	MAIL_SKIP_UNDATED,	/* no Date that can be read (reported) */
	MAIL_SKIP_AUTOMATIC,	/* Auto-Submitted */
	MAIL_SKIP_LIST,		/* List-Id, Precedence */
	MAIL_SKIP_KNOWN,	/* its mark is in a client file */
	MAIL_SKIP_TWICE,	/* a second copy within the import */
	MAIL_SKIP_STRANGER,	/* from or to no client */
	MAIL_SKIP_TIE,		/* two clients equally (reported) */
	MAIL_SKIP_FUTURE,	/* dated after today: not yet */
	MAIL_SKIP_CLIENT,	/* its client's file cannot take it (the
				   caller's, reported by the caller) */
	MAIL_NSKIPS
};

/* How the summary names a reason: "3 already imported". */
const char	*mail_skip_name(enum mail_skip);

/* A message that becomes an entry; strings in the import's pool. */
struct mail_pending {
	size_t		 client;	/* index into the clients given */
	size_t		 seq;		/* reading order */
	date_t		 date;
	int		 minutes;
	enum entry_dir	 dir;
	char		*heading;	/* after "## " */
	char		*comment;	/* the mark, as an HTML comment */
	char		*mark;
	char		*old_mark;	/* mail.h's: also taken as known */
	char		*summary;
	const char	*where;		/* with verbose: its file, else NULL */
	int		 line;		/* its mbox line, 0 in a Maildir */
};

/* A message not imported, kept with verbose; strings in the pool. */
struct mail_skipped {
	const char	*where;		/* its file */
	int		 line;		/* its mbox line, 0 in a Maildir */
	const char	*mark;		/* its mark (mail.h), NULL unread */
	enum mail_skip	 why;
};

struct mail_import {
	const struct client	*clients;
	size_t			 nclients;
	date_t			 today;
	struct diags		*d;	/* where reports go */
	struct mailbook		*book;
	struct pool		 pool;
	struct mail_pending	*p;	/* the pending entries */
	size_t			 np, capp;
	size_t			 nread;	/* messages read */
	size_t			 skipped[MAIL_NSKIPS];
	char			**known;	/* marks of the client files */
	size_t			 nknown, capknown;
	int			 verbose;	/* keep each skipped one */
	struct mail_skipped	*skips;		/* with verbose, as skipped */
	size_t			 nskips, capskips;
};

/*
 * The clients (their addresses are copied: they may go first) and cfg's
 * addresses; entries dated after today are not made yet.
 */
void	mail_import_init(struct mail_import *, const struct config *,
	    const struct client *clients, size_t n, date_t today,
	    struct diags *);
/* A mailsrc_fn: arg is the import.  Never stops the reading. */
int	mail_import_message(void *arg, const struct mailsrc_msg *);
void	mail_import_marks(struct mail_import *, const char *text, size_t len);
void	mail_import_settle(struct mail_import *);
/*
 * Counts a message not imported for why, and with verbose keeps where it
 * is and its mark (NULL when it was not read that far).
 */
void	mail_import_skip(struct mail_import *, const char *where, int line,
	    const char *mark, enum mail_skip why);
void	mail_import_free(struct mail_import *);

#endif
