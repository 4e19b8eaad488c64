/*
 * vcard.h: the people of the clients as vCards (SPEC section 9): version
 * 3.0 (RFC 2426), which every phone and mail program reads, or 4.0 (RFC
 * 6350).  A card per person: the [contact], the [escalation] and each
 * [person KEY] that has a name.
 *
 * A card has FN and N (the name; N's family name is the last word), ORG
 * (the client's name), TITLE (the role), an EMAIL per address, TEL,
 * CATEGORIES (the client's tags), URL (the client's page, when the site's
 * address is known), REV (when the client's file last changed) and a UID
 * that stays the person's: made from the workspace's name, the client's
 * slug and the person's key (or "[contact]", "[escalation]"), the same on
 * every machine and in every build.  The slug is the file's first name
 * when the history holds its renames (history_origin), so a client
 * renamed keeps its people's UIDs; unless another client has that name
 * now, which would give two people one UID.  Never a NOTE: a person's notes are
 * the team's.  Lines end in CRLF, folded at 75 octets (cline.h).
 */
#ifndef RAPPORT_VCARD_H
#define RAPPORT_VCARD_H

#include <stddef.h>
#include <stdint.h>

#include "client.h"
#include "history.h"
#include "util.h"

enum vcard_version {
	VCARD_3,
	VCARD_4
};

/* What every card of a workspace shares. */
struct vcard_ctx {
	const char		*workspace;	/* its name, for UIDs */
	const char		*site_url;	/* ends in '/'; NULL: no URL */
	enum vcard_version	 version;
	/* The history: REV, and renames followed for UIDs; may be NULL. */
	const struct history	*hist;
	/* Every client's slug, sorted by strcmp (vcard_ctx_slugs). */
	const char		**slugs;
	size_t			 nslugs;
};

/* Sets x's slugs: n of them, copied and sorted (vcard_ctx_free). */
void	vcard_ctx_slugs(struct vcard_ctx *, const char *const *slugs,
	    size_t n);
void	vcard_ctx_free(struct vcard_ctx *);

/* One person of a client, whichever section holds them. */
struct vcard_person {
	const char		*key;	/* "[contact]", "[escalation]", a KEY */
	const char		*name;
	const char		*role;
	const char		*phone;
	const char *const	*emails;
	size_t			 nemails;
};

/*
 * The people of c who get a card, in the file's order of sections
 * ([contact], [escalation], then [person KEY]), into out (room for
 * c->npeople + 2; the strings stay c's).  Returns how many.
 */
size_t	vcard_people(const struct client *c, struct vcard_person *out);
/*
 * The UID of person key of the client slug: "urn:uuid:" and a version 8
 * UUID (RFC 9562) of 122 bits of hashes of the three names.
 */
#define VCARD_UID_LEN	45
void	vcard_uid(const struct vcard_ctx *, const char *slug, const char *key,
	    char out[VCARD_UID_LEN + 1]);
/* Appends the card of person p of client c. */
void	vcard_write(struct buf *, const struct vcard_ctx *,
	    const struct client *c, const struct vcard_person *p);
/* Whether c's people are carded: an active client or a lead. */
int	vcard_wanted(const struct client *c);

#endif
