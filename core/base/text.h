/*
 * text.h: small parsers and predicates over byte strings: numbers,
 * percentages, e-mail addresses, slugs, lists and spelling suggestions.
 * None of them allocate unless the name says so.
 */
#ifndef RAPPORT_TEXT_H
#define RAPPORT_TEXT_H

#include <stddef.h>
#include <stdint.h>

/*
 * A number as rapport reads it: optional '-', digits, optional '.' and
 * digits ("40", "41.20", "-3.5").  No exponent, no thousands separator.
 */
int	 text_number(const char *, double *);
/*
 * Hours as rapport counts them: in hundredths of an hour, so that sums
 * are exact (0.2 + 2.2 + 0.6 is 3, not 3.0000000000000004).  Reads
 * digits with at most two decimals ("1.5", "40", "0.25"), at most nine
 * digits before the point, so that any sum of them fits an int64_t.
 * Returns 0, -1 when it is not such a number, -2 when it has more than
 * two decimals.
 */
int	 text_hours(const char *, int64_t *hundredths);
/* Writes hundredths as "1.5", "40", "0.25", "-0.5" (at most 24 bytes). */
void	 text_hours_format(int64_t hundredths, char buf[24]);
/* Writes hundredths of money as "95.50", "-12.05", "0.00" (at most 24). */
void	 text_money_format(int64_t hundredths, char buf[24]);
/* An integer 0..100, with or without a trailing '%'. */
int	 text_percent(const char *, int *);
/* local@domain.tld with no spaces; deliberately forgiving beyond that. */
int	 text_email_ok(const char *);
/* A domain as text_email_ok takes it after the '@': example.com */
int	 text_domain_ok(const char *);
/* Digits, spaces and + - ( ) . / and an "x" or "ext" extension. */
int	 text_phone_ok(const char *);
/* [a-z0-9][a-z0-9-]* */
int	 text_slug_ok(const char *, size_t);
/*
 * The slug for a name: lowercase ASCII letters and digits, any other run
 * of characters turned into one '-', no '-' at either end.  One rule for
 * Latin letters, as Unicode's decomposition and ICU's Latin-ASCII give it:
 * a letter with a mark loses the mark (é e, ö o, ü u, ł l, ø o), and a
 * letter that stands for two is written as the two (ß ss, æ ae, œ oe,
 * ĳ ij, þ th).  Returns an allocated string, or NULL when the name has
 * no such letter or digit (a name in another script).
 */
char	*text_slugify(const char *);
/*
 * Whether Windows reserves the file or folder name s (n bytes) for a
 * device, so that Git for Windows cannot check out a file so named or
 * anything in such a folder: CON, PRN, AUX, NUL, CONIN$, CONOUT$, COM0-9,
 * LPT0-9 and COM or LPT with a superscript 1, 2 or 3, in any letter case,
 * alone or before a dot ("con.md", "Nul.tar.gz"), spaces before the dot
 * ignored.  That is Microsoft's list as Python's ntpath.isreserved reads
 * it; COM0 and LPT0 are listed though no Windows opens them, as caution
 * costs a name nobody needs.  text_slugify never makes one: such a slug
 * gets "-client" ("con-client").
 */
int	 text_name_reserved(const char *s, size_t n);
/*
 * Case-insensitive edit distance where swapping two neighbours is one edit;
 * capped: returns cap+1 when larger.
 */
int	 text_distance(const char *, const char *, int cap);
/*
 * The closest of the NULL-terminated candidates, or NULL when none is close
 * enough to be a plausible typo.
 */
const char *text_suggest(const char *word, const char *const *candidates);

/* Calls fn for each comma-separated, trimmed, non-empty item. */
void	 text_split_list(const char *, void (*fn)(void *, const char *,
	    size_t), void *);
/* Trims ASCII white space from both ends in place; returns s. */
char	*text_trim(char *);
/* Length of a valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
size_t	 text_utf8_len(const unsigned char *, size_t n);
int	 text_is_space(int);

/*
 * s made safe for a terminal: control characters (C0, DEL, C1) and bytes
 * that are not UTF-8 written as \xNN, so that no file name, value or
 * commit message can set a terminal's title or clear its screen.  NULL
 * when s holds none (print s itself), else allocated.
 */
char	*text_visible(const char *s);

#endif
