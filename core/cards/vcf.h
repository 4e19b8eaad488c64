/*
 * vcf.h: people read from vCard files, as Apple Contacts, Google
 * Contacts and Outlook export them: versions 2.1, 3.0 and 4.0, several
 * cards in a file, folded lines, QUOTED-PRINTABLE values with soft line
 * breaks (2.1), CHARSET parameters, "itemN." groups (with X-ABLabel),
 * escaped values, tel: URIs (4.0).
 *
 * Of a card it keeps FN (else the name N makes), ORG's first part, TITLE
 * (else ROLE), every EMAIL and every TEL: what import-contacts needs.
 * Everything else (PHOTO and the like, however long) is passed over.  A
 * card without a name, a card that never ends and a line that is not a
 * property are reported at their line and skipped; what is whole is kept.
 */
#ifndef RAPPORT_VCF_H
#define RAPPORT_VCF_H

#include <stddef.h>

#include "cardin.h"
#include "diag.h"

/*
 * Reads the vCards of text (len bytes of the file named file, which must
 * outlive out) into out; problems go to d as warnings at FILE:LINE.
 * Returns how many people were read.
 */
size_t	vcf_read(const char *file, const char *text, size_t len,
	    struct cardins *out, struct diags *);

#endif
