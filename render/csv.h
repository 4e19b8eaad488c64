/*
 * csv.h: CSV as spreadsheets and invoicing tools read it (RFC 4180):
 * fields separated by commas, rows ended by CRLF, a field holding a
 * comma, a double quote, CR or LF quoted with its quotes doubled.
 *
 * A text field is also kept from being run as a formula (OWASP's "CSV
 * injection"): one starting with '=', '+', '-', '@', TAB or CR gets a
 * "'" before it, which spreadsheets show as text.  Numbers a program
 * writes (csv_number) are written as they are, "-27.5" included.
 */
#ifndef RAPPORT_CSV_H
#define RAPPORT_CSV_H

#include "util.h"

/* Appends a text field (NULL: an empty one), after a comma unless first. */
void	csv_text(struct buf *, const char *s, int first);
/* Appends a field of the program's own: digits, '.', '-', as they are. */
void	csv_number(struct buf *, const char *s, int first);
/* Ends a row. */
void	csv_eol(struct buf *);

#endif
