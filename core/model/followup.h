/*
 * followup.h: who needs what from us, and by when (SPEC section 3).
 *
 * For a given today, each client yields signals: a kind, a due date, a
 * level and one line of text for people.  A client's state is its worst
 * level.  Everything is computed from the model alone, so every command
 * and the site agree to the day.
 */
#ifndef RAPPORT_FOLLOWUP_H
#define RAPPORT_FOLLOWUP_H

#include <stddef.h>

#include "client.h"
#include "config.h"
#include "date.h"
#include "measure.h"

/*
 * The kinds of signal (FU_: the module's prefix; SIG_ is <signal.h>'s).
 * Each has one row in followup.c's table (name, label, whether the feed
 * has it once per client) and one function that finds it: adding a kind
 * is one value, one row and one function.
 */
enum signal_kind {
	FU_REPLY_OWED,
	FU_COMMITMENT,
	FU_WAITING,
	FU_FOLLOW_UP,
	FU_REPORT_DUE,
	FU_BUDGET,
	FU_RENEWAL,
	FU_ESCALATE,
	FU_GOAL_REVIEW,
	FU__KINDS
};

/* Ordered: a larger level is more urgent.  One row each in a table too. */
enum level {
	LEVEL_OK,		/* a state only: no signal */
	LEVEL_UPCOMING,
	LEVEL_DUE,
	LEVEL_OVERDUE,
	LEVEL__COUNT
};

struct signal {
	enum signal_kind kind;
	date_t		 due;
	enum level	 level;
	char		*text;		/* owned by the followup */
	int		 line;		/* where it comes from in the file */
};

struct followup {
	const struct client *client;	/* borrowed */
	struct signal	*signals;	/* by due date, then kind */
	size_t		 nsignals;
	enum level	 state;
	date_t		 last_contact;	/* DATE_NONE when there is none */
	date_t		 next_contact;	/* the follow-up's due date, or NONE */
	int64_t		 hours_month;	/* hundredths of an hour logged this
					   calendar month */
	struct measure	 measure;	/* reply times, hours per month */
};

/* Computes the signals of c for today.  Free with followup_free. */
void		 followup_compute(struct followup *, const struct client *,
		    const struct config *, date_t today);
void		 followup_free(struct followup *);
/* Sorts by state (most urgent first), earliest due, then name. */
void		 followup_sort(struct followup *, size_t n);

const char	*signal_kind_name(enum signal_kind);	/* "reply-owed" */
/* Whether a client has at most one signal of the kind (the feed's UID). */
int		 signal_kind_once(enum signal_kind);
const char	*level_name(enum level);		/* "overdue", "ok" */
const char	*level_label(enum level);		/* "Overdue", "OK" */
/* The level's colour on a terminal (an SGR sequence). */
const char	*level_colour(enum level);
/*
 * The order in which people read signals: the most urgent level first,
 * within one the earliest due (none last).  A qsort-style comparison; 0
 * for two the caller orders as it likes.
 */
int		 signal_order(const struct signal *, const struct signal *);
/* The level of a due date: overdue, due within window, else upcoming. */
enum level	 level_of(date_t due, date_t today, struct duration window);
/*
 * When a signal is due, for people: "now", "due today", "due tomorrow
 * (Tue 24 Nov)", "due Tue 15 Dec", "3 days late (Fri 20 Nov)".
 */
void		 followup_when(char *, size_t, const struct signal *,
		    date_t today);
/* The latest entry with an arrow, or NULL. */
const struct entry *followup_last_contact(const struct client *);
/*
 * used as a whole percentage of contract (both in hundredths, contract
 * > 0), rounded so that it agrees with the budget's level: down while
 * used <= contract, up beyond, so 100 means exactly the contract and an
 * overrun by a hundredth reads 101.
 */
int64_t		 followup_budget_percent(int64_t used, int64_t contract);
/*
 * Whether used reaches warn percent of contract (both in hundredths;
 * never when contract is 0 or less): the budget signal's rule.
 */
int		 followup_budget_warns(int64_t used, int64_t contract,
		    int warn);

#endif
