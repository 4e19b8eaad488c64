/*
 * digest.h: what goes into an owner's morning digest (SPEC section 10),
 * the policy alone: render/digestmail.h writes it, mailout.h sends it.
 *
 * An owner's digest holds the signals of the owner's clients that ask
 * for something soon, each in the first part it fits:
 *	DIGEST_OVERDUE	every signal whose level is overdue
 *	DIGEST_TODAY	due today
 *	DIGEST_REPLIES	a reply owed, not yet due
 *	DIGEST_WEEK	a promise (ours, or the client's) due within
 *			DIGEST_WEEK_DAYS
 * and the owner's client files with errors (their follow-ups are
 * unknown).  Anything else (a check-in due in two days, a renewal next
 * month) waits for status.  Those are "things to do"; an owner without
 * any gets no mail (digest_empty).  The overdue and today items carry
 * the last entry of their client as context (digest_set_last): the
 * caller finds it (digest_last_entry) while the client is whole, and
 * keeps where it is, so that only those few files are read again.
 *
 * What changed since the last digest sent is a list of entries: those a
 * client file has now and had not at the last digest's commit, which
 * came from mail or were logged by someone other than the owner (a
 * change's author is the commit's, when the walk found it).
 *
 * The last digest sent to each owner (its commit and day) is kept in a
 * state file (statefile.h) that only a sent digest advances.
 *
 * Every string of a digest is its own (digest_free), but the items'
 * followups, borrowed from the caller, who keeps them longer.
 */
#ifndef RAPPORT_DIGEST_H
#define RAPPORT_DIGEST_H

#include <stddef.h>

#include "client.h"
#include "config.h"
#include "date.h"
#include "followup.h"

#define DIGEST_WEEK_DAYS	7
/* Changes listed at most; the rest are counted. */
#define DIGEST_MAX_CHANGES	100
/*
 * Clients shown at most in one part; the rest are counted (status lists
 * them).  A mail of a thousand overdue clients helps nobody, and the
 * last entries read stay few at any size of workspace.
 */
#define DIGEST_MAX_CLIENTS	50

enum digest_part {
	DIGEST_OVERDUE,
	DIGEST_TODAY,
	DIGEST_REPLIES,
	DIGEST_WEEK,
	DIGEST__PARTS
};

struct digest_item {
	const struct followup	*f;	/* borrowed */
	const struct signal	*s;	/* one of f's */
	enum digest_part	 part;
	int			 shown;	/* among the part's first
					   DIGEST_MAX_CLIENTS clients */
	char			*last;	/* the client's last entry ("DATE
					   HH:MM -> call: ..."), or NULL */
};

struct digest_change {
	char		*slug;
	char		*name;		/* the client's name, or the slug */
	char		*heading;	/* the entry's heading line, as
					   written (its identity) */
	date_t		 date;
	int		 at;		/* minutes that order it */
	enum entry_dir	 dir;
	char		*channel;	/* may be NULL */
	char		*summary;
	int		 mail;		/* carries an imported message's mark */
	char		*author;	/* who committed it, or NULL */
	char		*email;		/* the author's address, or NULL */
};

struct digest {
	const char	*owner;		/* the handle; borrowed */
	const char	*owner_email;	/* may be NULL; borrowed */
	date_t		 today;
	struct digest_item *items;	/* by part, then as given */
	size_t		 nitems;
	size_t		 count[DIGEST__PARTS];
	size_t		 hidden[DIGEST__PARTS];	/* clients not shown */
	char		**bad;		/* files with errors: their texts */
	size_t		 nbad;
	int		 first;		/* no digest was sent before */
	date_t		 since;		/* the last one's day, else NONE */
	struct digest_change *changes;	/* by date and time, then slug */
	size_t		 nchanges;
	size_t		 capchanges;
};

/* Starts an empty digest of owner (and the owner's e-mail) for today. */
void	digest_init(struct digest *, const char *owner, const char *email,
	    date_t today);
/*
 * The items of the n followups (the owner's clients, in the order to
 * show them: followup_sort's), each signal in the first part it fits.
 */
void	digest_collect(struct digest *, const struct followup *v, size_t n);
/* Which part s belongs in for today, or DIGEST__PARTS for none. */
enum digest_part digest_part_of(const struct signal *, date_t today);
/* A file with errors, by the text that says so (invalid.h). */
void	digest_add_bad(struct digest *, const char *text);
/* Whether item i shows its client's last entry (shown; overdue, today). */
int	digest_wants_last(const struct digest *, size_t i);
/* The latest entry of c in the order of entries (entry_later), or NULL. */
const struct entry *digest_last_entry(const struct client *c);
/*
 * Sets text (an entry's heading as written: "2026-11-20 14:00 -> call:
 * ...") as the last entry of the client slug on each of its items that
 * wants one.
 */
void	digest_set_last(struct digest *, const char *slug, const char *text);
/* Whether there is nothing to do: no item and no file with errors. */
int	digest_empty(const struct digest *);

/*
 * Adds the entries that the client file at path has now and had not
 * then (then NULL: the file is new), both read as client files with
 * cfg: by their heading lines, with a message mark when they have one.
 * A file now NULL (removed) adds nothing.
 */
void	digest_add_changes(struct digest *, const char *path,
	    const char *then, size_t thenlen, const char *now, size_t nowlen,
	    const struct config *);
/*
 * One commit that changed path from before to after (either NULL),
 * made by author <email>: credits it with each change of path whose
 * heading it added.  Called newest commit first, the oldest that added
 * a heading is the one named.
 */
void	digest_credit(struct digest *, const char *path, const char *before,
	    size_t beforelen, const char *after, size_t afterlen,
	    const char *author, const char *email);
/*
 * Ends the changes: drops those the owner logged (by the owner's
 * address) unless they came from mail, and sorts the rest.
 */
void	digest_changes_end(struct digest *);
/*
 * The subject: "rapport: 3 overdue, 2 due today — AGENCY" (agency may be
 * NULL), naming the first two parts that have items.  Allocated.
 */
char	*digest_subject(const struct digest *, const char *agency);
void	digest_free(struct digest *);

/*
 * The last digest sent to owner, from the state file at path: 1 with
 * commit (40 hex digits, or "" for an unborn HEAD) and *day set, 0 when
 * none was (or the file is missing or damaged).
 */
int	digest_state_get(const char *path, const char *owner,
	    char commit[41], date_t *day);
/*
 * Records that a digest was sent to owner at commit on day, keeping the
 * other owners' records.  Returns 0, or -1 with errno set.
 */
int	digest_state_put(const char *path, const char *owner,
	    const char *commit, date_t day);

#endif
