/*
 * vdir.h: the people of a workspace as a vdir, the folder of one vCard
 * per file that khard reads and vdirsyncer syncs with a CardDAV server
 * (SPEC section 9; vcard.h makes each card).
 *
 * A card's file is named by its UID (the UUID and ".vcf"), so a person
 * keeps their file and a server keeps its copy: a card whose bytes are
 * unchanged is not written again (vdirsyncer then sees no change), a
 * changed one is replaced whole (all of them flushed at once, as a
 * file_batch does), and the cards of people who are gone (removed, or
 * their client no longer active or a lead) are removed.  Only files
 * named as rapport names them are ever removed: a card put in the folder
 * by anything else stays.
 */
#ifndef RAPPORT_VDIR_H
#define RAPPORT_VDIR_H

#include <stddef.h>

#include "diag.h"
#include "history.h"
#include "vcard.h"
#include "workspace.h"

struct vdir_stats {
	size_t	 cards;		/* in the folder now, rapport's */
	size_t	 written;	/* of which new or changed */
	size_t	 removed;	/* gone people's cards deleted */
};

/*
 * Writes the cards of every person of the loaded clients of ws into dir
 * (made when missing; never through a symbolic link), as x says.
 * Returns 0, or -1 (reported in d) when the folder cannot be used or a
 * card cannot be written; what was written stays.
 */
int	vdir_write(const struct workspace *, const struct vcard_ctx *,
	    const char *dir, struct vdir_stats *, struct diags *);

#endif
