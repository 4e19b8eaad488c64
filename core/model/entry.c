/*
 * entry.c: the grammar of an entry heading,
 *
 *	DATE [HH:MM] [ARROW] [channel:] summary [(Nh)]
 *
 * read from the heading's source text.  A mistake in any part is an error
 * at its column; the parts before it are not guessed at.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "text.h"

#define FAIL(at, msg) do { *col = (at); *why = (msg); return -1; } while (0)

void
entry_format(const struct entry_spec *e, struct buf *out)
{
	char day[11], hh[24];

	date_format(e->date, day);
	buf_printf(out, "%s %02d:%02d", day, e->minutes / 60, e->minutes % 60);
	if (e->dir != ENTRY_NOTE)
		buf_puts(out, e->dir == ENTRY_IN ? " <-" : " ->");
	if (e->channel != NULL)
		buf_printf(out, " %s:", e->channel);
	buf_printf(out, " %s", e->summary);
	if (e->hours > 0) {
		text_hours_format(e->hours, hh);
		buf_printf(out, " (%sh)", hh);
	}
}

int
entry_is(const struct entry *e, const struct entry_spec *want)
{
	return e->date == want->date && e->minutes == want->minutes &&
	    e->dir == want->dir && (want->channel == NULL ?
	    e->channel == NULL : e->channel != NULL &&
	    strcmp(want->channel, e->channel) == 0) &&
	    strcmp(e->summary, want->summary) == 0 && (want->hours > 0 ?
	    e->has_hours && e->hours == want->hours : !e->has_hours);
}

void
entry_append(struct buf *out, const char *heading, const char *comment)
{
	const char *nl = out->len > 0 ? memchr(out->s, '\n', out->len) : NULL;
	const char *eol = nl != NULL && nl > out->s && nl[-1] == '\r' ?
	    "\r\n" : "\n";
	size_t n = strlen(eol);

	if (out->len > 0 && out->s[out->len - 1] != '\n')
		buf_puts(out, eol);
	if (out->len > 0 && !(out->len >= 2 * n &&
	    memcmp(out->s + out->len - 2 * n, eol, n) == 0))
		buf_puts(out, eol);
	buf_printf(out, "## %s%s", heading, eol);
	if (comment != NULL)
		buf_printf(out, "%s%s", comment, eol);
}

int
entry_later(const struct entry *a, const struct entry *b)
{
	if (a->date != b->date)
		return a->date > b->date;
	if (a->at != b->at)
		return a->at > b->at;
	return a->line > b->line;
}

int
entry_heading_is_dated(const char *s, size_t len)
{
	return len >= 6 && isdigit((unsigned char)s[0]) &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	    isdigit((unsigned char)s[3]) && s[4] == '-' &&
	    isdigit((unsigned char)s[5]);
}

void
entry_atx_text(const char *s, size_t l, size_t *start, size_t *len)
{
	size_t i = 0, e;

	while (i < l && i < 3 && s[i] == ' ')
		i++;
	e = l;
	if (i < l && s[i] == '#') {
		while (i < l && s[i] == '#')
			i++;
		while (i < l && (s[i] == ' ' || s[i] == '\t'))
			i++;
		/* An optional closing run of '#', after white space. */
		while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			e--;
		if (e > i && s[e - 1] == '#') {
			size_t h = e;

			while (h > i && s[h - 1] == '#')
				h--;
			if (h == i || s[h - 1] == ' ' || s[h - 1] == '\t')
				e = h;
		}
	}
	while (e > i && text_is_space((unsigned char)s[e - 1]))
		e--;
	*start = i;
	*len = e - i;
}

static size_t
skip_space(const char *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* Characters people type when they mean an arrow. */
static int
is_arrowish(int c)
{
	return c == '<' || c == '>' || c == '-' || c == '=' || c == '~';
}

/* U+2190..U+21FF (arrows) and U+27F5..U+27F6 (long arrows), as UTF-8. */
static size_t
unicode_arrow(const char *s, size_t i, size_t len)
{
	const unsigned char *u = (const unsigned char *)s + i;

	if (len - i >= 3 && u[0] == 0xe2 && (u[1] == 0x86 || u[1] == 0x87))
		return 3;
	if (len - i >= 3 && u[0] == 0xe2 && u[1] == 0x9f &&
	    (u[2] == 0xb5 || u[2] == 0xb6))
		return 3;
	return 0;
}

/* Units people write for time spent; only "h" is rapport's. */
static const char *const time_units[] = { "h", "m", "min", "mins",
    "minutes", "hr", "hrs", "hour", "hours", NULL };

/*
 * A trailing "(1.5h)" in s[start..len): sets *at to the offset of its '('
 * and *hours, or *at to len when there is none.  A parenthesis that plainly
 * records time but not as rapport reads it ("(1,5h)", "(90 min)") is an
 * error, so that no hours are silently lost.
 */
static int
trailing_hours(const char *s, size_t start, size_t len, size_t *at,
    int64_t *hours, size_t *col, const char **why)
{
	size_t open, a, n, u, z, k;
	char num[24];
	int rc;

	*at = len;
	if (len == 0 || s[len - 1] != ')')
		return 0;
	for (open = len - 1; open > start && s[open - 1] != '('; open--)
		continue;
	if (open == start)
		return 0;
	/* s[a..a+n) is the number, s[u..z) the unit. */
	z = len - 1;
	while (z > open && (s[z - 1] == ' ' || s[z - 1] == '\t'))
		z--;
	a = skip_space(s, open, z);
	for (n = 0; a + n < z && (isdigit((unsigned char)s[a + n]) ||
	    s[a + n] == '.' || s[a + n] == ','); n++)
		continue;
	u = skip_space(s, a + n, z);
	if (n == 0 || n >= sizeof(num) || !isdigit((unsigned char)s[a]))
		return 0;
	for (k = 0; time_units[k] != NULL; k++)
		if (strlen(time_units[k]) == z - u &&
		    strncmp(s + u, time_units[k], z - u) == 0)
			break;
	if (time_units[k] == NULL)
		return 0;
	memcpy(num, s + a, n);
	num[n] = '\0';
	if (k != 0 || (rc = text_hours(num, hours)) == -1)
		FAIL(open - 1, "record time spent in hours with a decimal "
		    "point, like (1.5h)");
	if (rc == -2)
		FAIL(open - 1, "hours have at most two decimals, like (1.25h): "
		    "rapport counts them in hundredths of an hour");
	*at = open - 1;
	return 0;
}

int
entry_parse_heading(const char *s, size_t len, struct entry *e,
    struct pool *pool, size_t *col, const char **why)
{
	size_t i = 0, j, hat, end;
	enum date_err err;
	int64_t hours = 0;

	memset(e, 0, sizeof(*e));
	e->minutes = -1;
	e->dir = ENTRY_NOTE;
	/* The date: exactly ten characters, then a space or the end. */
	for (j = 0; j < len && j < 12 && !text_is_space((unsigned char)s[j]);
	    j++)
		continue;
	if ((err = date_parse(s, j, &e->date)) != DATE_OK) {
		char *msg = date_problem(s, j, err);

		*col = 0;
		*why = pool_strdup(pool, msg);
		free(msg);
		return -1;
	}
	i = skip_space(s, 10, len);
	/* An optional time, H:MM or HH:MM. */
	for (j = i; j < len && isdigit((unsigned char)s[j]); j++)
		continue;
	if (j > i && j - i <= 2 && j + 3 <= len && s[j] == ':' &&
	    isdigit((unsigned char)s[j + 1]) &&
	    isdigit((unsigned char)s[j + 2]) &&
	    (j + 3 == len || s[j + 3] == ' ' || s[j + 3] == '\t')) {
		int h = j - i == 2 ? (s[i] - '0') * 10 + (s[i + 1] - '0') :
		    s[i] - '0';
		int m = (s[j + 1] - '0') * 10 + (s[j + 2] - '0');

		if (h > 23 || m > 59)
			FAIL(i, "time must be HH:MM between 00:00 and 23:59");
		e->minutes = h * 60 + m;
		i = skip_space(s, j + 3, len);
	}
	/* An optional arrow. */
	if (i < len && (is_arrowish((unsigned char)s[i]) ||
	    unicode_arrow(s, i, len))) {
		size_t u = unicode_arrow(s, i, len);

		j = i + u;
		while (u == 0 && j < len && is_arrowish((unsigned char)s[j]))
			j++;
		if (u == 0 && j - i == 2 && s[i] == '<' && s[i + 1] == '-')
			e->dir = ENTRY_IN;
		else if (u == 0 && j - i == 2 && s[i] == '-' && s[i + 1] == '>')
			e->dir = ENTRY_OUT;
		else if (u == 0 && memchr(s + i, '<', j - i) == NULL &&
		    memchr(s + i, '>', j - i) == NULL &&
		    (j == len || s[j] == ' ')) {
			/* "2026-11-20 - note": a dash as a separator. */
			j = i;
		} else
			FAIL(i, "malformed arrow: write '<-' when the client "
			    "contacted you, '->' when you contacted them, or "
			    "no arrow for an internal note");
		if (e->dir != ENTRY_NOTE && j < len && s[j] != ' ' &&
		    s[j] != '\t')
			FAIL(j, "put a space after the arrow");
		i = skip_space(s, j, len);
	}
	/* An optional channel: one word and a colon. */
	if (i < len && isalpha((unsigned char)s[i])) {
		for (j = i; j < len && (isalnum((unsigned char)s[j]) ||
		    s[j] == '-' || s[j] == '_'); j++)
			continue;
		if (j < len && s[j] == ':' && (j + 1 == len ||
		    s[j + 1] == ' ' || s[j + 1] == '\t')) {
			char *ch = pool_strndup(pool, s + i, j - i);

			for (hat = 0; ch[hat] != '\0'; hat++)
				ch[hat] = (char)tolower((unsigned char)ch[hat]);
			e->channel = ch;
			i = skip_space(s, j + 1, len);
		}
	}
	/* The summary, and hours at its end. */
	end = len;
	while (end > i && text_is_space((unsigned char)s[end - 1]))
		end--;
	if (trailing_hours(s, i, end, &hat, &hours, col, why) == -1)
		return -1;
	if (hat < end) {
		e->hours = hours;
		e->has_hours = 1;
		end = hat;
		while (end > i && text_is_space((unsigned char)s[end - 1]))
			end--;
	}
	e->summary = pool_strndup(pool, s + i, end - i);
	return 0;
}

int
entry_mark(const char *line, size_t n, const char **mark, size_t *mlen)
{
	if (n > 0 && line[n - 1] == '\r')
		n--;
	if (n < 9 || memcmp(line, "<!-- ", 5) != 0 ||
	    memcmp(line + n - 4, " -->", 4) != 0)
		return 0;
	if (!(n - 9 > 13 && memcmp(line + 5, "message-id: <", 13) == 0) &&
	    !(n - 9 > 14 && memcmp(line + 5, "message-hash: ", 14) == 0))
		return 0;
	*mark = line + 5;
	*mlen = n - 9;
	return 1;
}
