/*
 * csvin.h: people read from a spreadsheet's CSV with a header row, as
 * Google Contacts (both of its shapes) and HubSpot export contacts, and
 * any other whose first row names its columns: the name (or first,
 * middle and last names), the company, the title, e-mails and phones.
 *
 * The fields are RFC 4180's: separated by commas (or by semicolons or
 * tabs, when the first row has more of those, as spreadsheets in some
 * countries write), quoted with '"' when they hold one of those, a quote
 * ("" inside) or a line end.  UTF-8 with or without a byte order mark;
 * anything else is read as Windows-1252.  A cell is text and nothing
 * else: "=HYPERLINK(...)" is kept as those characters, never evaluated.
 * Several values in one cell, as Google writes them ("a ::: b"), are
 * several.  A row without a name, a field over 64 KiB and a quote never
 * closed are said at their line and skipped.
 */
#ifndef RAPPORT_CSVIN_H
#define RAPPORT_CSVIN_H

#include <stddef.h>

#include "cardin.h"
#include "diag.h"

/*
 * Reads the rows of text (len bytes of the file named file, which must
 * outlive out) into out; problems go to d at FILE:LINE.  Returns how
 * many people were read, or -1 (an error in d) when the first row names
 * no column to read.
 */
long	csv_read(const char *file, const char *text, size_t len,
	    struct cardins *out, struct diags *);

#endif
