/*
 * cline.h: content lines as iCalendar (RFC 5545 section 3.1) and vCard
 * (RFC 6350 section 3.2) both write them: CRLF at the end, folded at 75
 * octets with CRLF and a space, never inside a UTF-8 character; TEXT
 * values with backslash, semicolon, comma and line ends escaped.
 */
#ifndef RAPPORT_CLINE_H
#define RAPPORT_CLINE_H

#include <stddef.h>

#include "util.h"

/* Appends the content line s (n bytes, escaped already), folded. */
void	cline_put(struct buf *, const char *s, size_t n);
/* The same for a C string. */
void	cline_puts(struct buf *, const char *s);
/* Appends s as an escaped TEXT value (a lone CR is dropped). */
void	cline_text(struct buf *, const char *s);

#endif
