/*
 * csvin.c: the rows of a CSV export into people (csvin.h).
 */
#include <stdlib.h>
#include <string.h>

#include "csvin.h"
#include "text.h"

/* A field longer than this is skipped as hostile. */
#define CSV_FIELD_MAX	(64u << 10)

enum col {
	COL_NONE,
	COL_NAME,
	COL_FIRST,
	COL_MIDDLE,
	COL_LAST,
	COL_ORG,
	COL_TITLE,
	COL_EMAIL,
	COL_PHONE
};

/*
 * What a header names, lower case, one row per header as the tools write
 * them.  "e-mail N - value" and "phone N - value" (Google) are matched
 * apart, by their shape.
 */
static const struct header {
	const char	*text;
	enum col	 col;
} headers[] = {
	{ "name", COL_NAME },
	{ "full name", COL_NAME },
	{ "display name", COL_NAME },
	{ "contact name", COL_NAME },
	{ "first name", COL_FIRST },
	{ "given name", COL_FIRST },
	{ "middle name", COL_MIDDLE },
	{ "additional name", COL_MIDDLE },
	{ "last name", COL_LAST },
	{ "family name", COL_LAST },
	{ "surname", COL_LAST },
	{ "company", COL_ORG },
	{ "company name", COL_ORG },
	{ "organization", COL_ORG },
	{ "organisation", COL_ORG },
	{ "organization name", COL_ORG },
	{ "organization 1 - name", COL_ORG },
	{ "associated company", COL_ORG },
	{ "account name", COL_ORG },
	{ "title", COL_TITLE },
	{ "job title", COL_TITLE },
	{ "role", COL_TITLE },
	{ "position", COL_TITLE },
	{ "organization title", COL_TITLE },
	{ "organization 1 - title", COL_TITLE },
	{ "email", COL_EMAIL },
	{ "e-mail", COL_EMAIL },
	{ "email address", COL_EMAIL },
	{ "e-mail address", COL_EMAIL },
	{ "work email", COL_EMAIL },
	{ "phone", COL_PHONE },
	{ "phone number", COL_PHONE },
	{ "mobile", COL_PHONE },
	{ "mobile phone", COL_PHONE },
	{ "mobile phone number", COL_PHONE },
	{ "telephone", COL_PHONE },
	{ "work phone", COL_PHONE },
};

/* Whether s starts with pre and ends with suf, digits between. */
static int
numbered(const char *s, const char *pre, const char *suf)
{
	size_t p = strlen(pre), q = strlen(suf), n = strlen(s), i;

	if (n <= p + q || strncmp(s, pre, p) != 0 || strcmp(s + n - q, suf) != 0)
		return 0;
	for (i = p; i < n - q; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The column a header names. */
static enum col
column(const char *h, size_t n)
{
	char low[128];
	size_t i, k = 0;

	/* Lower case, spaces trimmed and runs of them one. */
	for (i = 0; i < n && k + 1 < sizeof(low); i++) {
		char c = h[i];

		if (text_is_space((unsigned char)c)) {
			if (k > 0 && low[k - 1] != ' ')
				low[k++] = ' ';
			continue;
		}
		low[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	while (k > 0 && low[k - 1] == ' ')
		k--;
	low[k] = '\0';
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		if (strcmp(low, headers[i].text) == 0)
			return headers[i].col;
	if (numbered(low, "e-mail ", " - value") ||
	    numbered(low, "email ", " - value"))
		return COL_EMAIL;
	if (numbered(low, "phone ", " - value"))
		return COL_PHONE;
	return COL_NONE;
}

/* One record: its fields (into the buffer) and where it starts. */
struct record {
	struct buf	 text;		/* the fields, each ended by a NUL */
	size_t		*at;		/* field i starts at text.s + at[i] */
	size_t		 n, cap;
	int		 line;
	int		 long_field;	/* a field over the limit was cut */
};

/* The separator: of ',', ';' and tab, the most in the first line. */
static char
separator(const char *p, const char *end)
{
	size_t n[3] = { 0, 0, 0 };
	int quoted = 0;

	for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == ',')
			n[0]++;
		else if (!quoted && *p == ';')
			n[1]++;
		else if (!quoted && *p == '\t')
			n[2]++;
	}
	return n[1] > n[0] && n[1] >= n[2] ? ';' : n[2] > n[0] ? '\t' : ',';
}

/*
 * The next record from *p: 1 when one was read, 0 at the end, -1 when a
 * quote is never closed (the rest of the text is then used up).
 */
static int
next_record(const char **p, const char *end, char sep, int *line,
    struct record *r)
{
	const char *s = *p;
	size_t start;
	int quoted = 0, closed = 1;

	r->text.len = 0;
	r->n = 0;
	r->long_field = 0;
	if (s >= end)
		return 0;
	r->line = *line;
	for (;;) {
		xgrow(&r->at, &r->cap, r->n + 1, sizeof(*r->at));
		start = r->text.len;
		r->at[r->n++] = start;
		quoted = s < end && *s == '"';
		if (quoted) {
			s++;
			closed = 0;
		}
		for (; s < end; s++) {
			if (quoted && *s == '"') {
				if (s + 1 < end && s[1] == '"') {
					s++;
				} else {
					quoted = 0;
					closed = 1;
					continue;
				}
			} else if (!quoted && (*s == sep || *s == '\n' ||
			    *s == '\r'))
				break;
			if (*s == '\n')
				++*line;
			if (r->text.len - start < CSV_FIELD_MAX)
				buf_putc(&r->text, *s);
			else
				r->long_field = 1;
		}
		buf_putc(&r->text, '\0');
		if (s >= end || *s != sep)
			break;
		s++;
	}
	/* The line end: CRLF, LF or a lone CR. */
	if (s < end && *s == '\r')
		s++;
	if (s < end && *s == '\n')
		s++;
	++*line;
	*p = s;
	return closed ? 1 : -1;
}

/* Adds the values of a cell (several as Google joins them: " ::: "). */
static void
values(struct cardins *out, char ***v, size_t *n, const char *cell)
{
	const char *sep;

	while ((sep = strstr(cell, ":::")) != NULL) {
		cardins_push(out, v, n, cell, (size_t)(sep - cell));
		cell = sep + 3;
	}
	cardins_push(out, v, n, cell, strlen(cell));
}

long
csv_read(const char *file, const char *text, size_t len,
    struct cardins *out, struct diags *d)
{
	struct record r;
	enum col *cols = NULL;
	struct buf name = { 0 };
	const char *p, *end;
	char *utf8, sep;
	size_t ncols = 0, i, before = out->n, ulen;
	int line = 1, latin, rc, useful = 0;
	long result = -1;

	memset(&r, 0, sizeof(r));
	utf8 = cardins_utf8(text, len, &ulen, &latin);
	p = utf8;
	end = utf8 + ulen;
	sep = separator(p, end);
	if (next_record(&p, end, sep, &line, &r) != 1) {
		diag_msg(d, file, 1, 1, DIAG_ERROR, "no header row: the first "
		    "row of a CSV file names its columns (name, e-mail, "
		    "company, ...)");
		goto out;
	}
	ncols = r.n;
	cols = xcalloc(ncols + 1, sizeof(*cols));
	for (i = 0; i < ncols; i++) {
		cols[i] = column(r.text.s + r.at[i], strlen(r.text.s + r.at[i]));
		useful |= cols[i] == COL_NAME || cols[i] == COL_FIRST ||
		    cols[i] == COL_LAST;
	}
	if (!useful) {
		diag_msg(d, file, 1, 1, DIAG_ERROR, "the first row names no "
		    "column of a person's name (Name, or First Name and Last "
		    "Name): nothing was read");
		goto out;
	}
	if (latin)
		diag_msg(d, file, 0, 0, DIAG_NOTE, "not UTF-8: read as "
		    "Windows-1252, as spreadsheets write it");
	while ((rc = next_record(&p, end, sep, &line, &r)) != 0) {
		struct cardin *c;

		if (rc == -1) {
			diag_msg(d, file, r.line, 1, DIAG_WARNING, "a quote "
			    "that never closes: the rest of the file is "
			    "skipped");
			break;
		}
		if (r.n == 1 && r.text.s[0] == '\0')
			continue;		/* an empty line */
		if (r.long_field)
			diag_msg(d, file, r.line, 1, DIAG_WARNING, "a field "
			    "over 64 KiB: cut");
		c = cardins_add(out, file, r.line);
		buf_reset(&name);
		for (i = 0; i < r.n && i < ncols; i++) {
			const char *cell = r.text.s + r.at[i];

			switch (cols[i]) {
			case COL_NAME:
				if (c->name == NULL)
					c->name = cardins_str(out, cell,
					    strlen(cell));
				break;
			case COL_FIRST:
			case COL_MIDDLE:
			case COL_LAST:
				if (cardins_str(out, cell, strlen(cell)) ==
				    NULL)
					break;
				if (name.len > 0)
					buf_putc(&name, ' ');
				buf_puts(&name, cell);
				break;
			case COL_ORG:
				if (c->org == NULL)
					c->org = cardins_str(out, cell,
					    strlen(cell));
				break;
			case COL_TITLE:
				if (c->title == NULL)
					c->title = cardins_str(out, cell,
					    strlen(cell));
				break;
			case COL_EMAIL:
				values(out, &c->emails, &c->nemails, cell);
				break;
			case COL_PHONE:
				values(out, &c->phones, &c->nphones, cell);
				break;
			case COL_NONE:
				break;
			}
		}
		if (c->name == NULL && name.len > 0)
			c->name = cardins_str(out, name.s, name.len);
		if (c->name == NULL) {
			diag_msg(d, file, r.line, 1, DIAG_WARNING, "a row "
			    "without a name: skipped");
			free(c->emails);
			free(c->phones);
			out->n--;
		}
	}
	result = (long)(out->n - before);
out:
	free(cols);
	free(r.at);
	buf_free(&r.text);
	buf_free(&name);
	free(utf8);
	return result;
}
