/*
 * config.h: the workspace settings read from rapport.ini.
 *
 * Every setting has the default of the SPEC, so a workspace without
 * rapport.ini, or with a broken one, still has a complete configuration:
 * invalid values are reported and the default is kept.
 */
#ifndef RAPPORT_CONFIG_H
#define RAPPORT_CONFIG_H

#include <stddef.h>

#include "date.h"
#include "diag.h"
#include "source.h"

struct owner {
	char	*handle;
	char	*name;		/* may be NULL */
	char	*email;		/* may be NULL */
	int	 line;
};

struct config {
	char		*name;		/* [workspace] name, may be NULL */
	char		*timezone;	/* [workspace] timezone, valid, or NULL */
	char		*site_title;	/* [site] title, may be NULL */
	char		*site_url;	/* [site] url, ends in '/'; may be NULL */
	struct duration	 cadence;
	struct duration	 reply_within;
	struct duration	 due_soon;
	struct duration	 renewal_notice;
	int		 budget_warn;	/* percent */
	int		 report_day;	/* 1..31, clamped to the month */
	struct owner	*owners;
	size_t		 nowners;
	/*
	 * [mail] (SPEC section 7), in lower case: own is our addresses
	 * beyond the owners' ("dana@example.com", or "*@example.com" for a
	 * whole domain); public_domains extends the built-in list of
	 * public mail domains (mailbook.h).
	 */
	char		**mail_own;
	size_t		 nmail_own;
	char		**public_domains;
	size_t		 npublic_domains;
	/*
	 * [digest] (SPEC section 10): the command that sends mail, run by
	 * /bin/sh -c with " -t -i" appended (NULL: sendmail, found on
	 * PATH, else /usr/sbin/sendmail), and the digest's From address
	 * (NULL: each owner's own).
	 */
	char		*digest_sendmail;
	char		*digest_from;
};

/* Fills c with the SPEC defaults. */
void	config_defaults(struct config *);
/*
 * The rapport.ini that "rapport init" writes: every setting at its default,
 * each with a comment that says what it does, and an example owner.  The
 * workspace is called name.  Allocated.
 */
char	*config_default_text(const char *name, const char *zone);
/* Reads rapport.ini from src over the defaults; problems go to d. */
void	config_parse(struct config *, const struct source *, struct diags *);
/* The owner with this handle, or NULL. */
const struct owner *config_owner(const struct config *, const char *handle);
void	config_free(struct config *);
/*
 * Whether domain (lower case) is a public mail domain, whose addresses
 * belong to anyone (gmail.com): the built-in list, and [mail]
 * public_domains.
 */
int	config_public_domain(const struct config *, const char *domain);

#endif
