/*
 * body.c: entries and commitments from the Markdown body, through cmark.
 *
 * cmark gives the structure (which lines are level-2 headings of the
 * document, which blocks are list items outside code); the text that
 * carries meaning (the heading grammar, the task box) is read from the
 * source at the line and column cmark reports, because cmark's inline
 * parsing would reinterpret it ("[x]" can become a link) and its inline
 * columns are not reliable.
 *
 * Before cmark sees a body, body_guard.c checks it against cmark's worst
 * cases.
 */
#include <cmark.h>
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "client_int.h"
#include "commitment.h"
#include "mdmem.h"
#include "text.h"

struct bodypass {
	struct client		*c;
	const struct source	*src;
	struct diags		*d;
	date_t			 today;
	int			 lineoff;	/* body line 1 is file line 1+off */
	size_t			 capentries, capcommit;
	cmark_mem		*mem;		/* cmark's, for this document */
	cmark_node		**items;	/* each commitment's list item */
	size_t			 nitems, capitems;
};

/*
 * The text of a top-level heading at file line n: ATX "## text ##" or the
 * first line of a setext heading.  Sets *start to its offset in the line.
 */
static const char *
heading_text(const struct source *src, int n, size_t *start, size_t *len)
{
	size_t l;
	const char *s = source_line(src, (size_t)n, &l);

	if (s == NULL)
		return NULL;
	entry_atx_text(s, l, start, len);
	return s + *start;
}

static void
add_entry(struct bodypass *p, cmark_node *h)
{
	struct client *c = p->c;
	struct entry e;
	int line = cmark_node_get_start_line(h) + p->lineoff;
	size_t start, len, col;
	const char *why, *s = heading_text(p->src, line, &start, &len);
	char d1[11], d2[11];

	if (s == NULL || !entry_heading_is_dated(s, len))
		return;
	if (entry_parse_heading(s, len, &e, &c->pool, &col, &why) == -1) {
		diag_msg(p->d, p->src->path, line, (int)(start + col) + 1,
		    DIAG_ERROR, "entry heading: %s", why);
		return;
	}
	e.line = line;
	e.end_line = (int)p->src->nlines;
	if (e.date > p->today) {
		date_format(e.date, d1);
		date_format(p->today, d2);
		diag_msg(p->d, p->src->path, line, (int)start + 1,
		    DIAG_WARNING, "entry is dated %s, after today (%s): fix "
		    "the date", d1, d2);
	}
	xgrow(&c->entries, &p->capentries, c->nentries + 1,
	    sizeof(*c->entries));
	c->entries[c->nentries++] = e;
}

/* Appends the plain text of an inline subtree. */
static void
inline_text(cmark_node *n, struct buf *b)
{
	cmark_node *k;
	const char *lit;

	for (; n != NULL; n = cmark_node_next(n)) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, ' ');
			break;
		default:
			if ((k = cmark_node_first_child(n)) != NULL)
				inline_text(k, b);
		}
	}
}

/*
 * Finds the nth (from 0) "due:" or "done:" (key, with its colon) in the
 * paragraph's source lines, for a precise column.
 */
static void
key_position(const struct source *src, const char *key, int nth, int first,
    int last, int *line, int *col)
{
	size_t len, k = strlen(key);
	int n;

	for (n = first; n <= last; n++) {
		const char *s = source_line(src, (size_t)n, &len), *f;

		if (s == NULL)
			break;
		for (f = s; f + k <= s + len; f++)
			if (memcmp(f, key, k) == 0 &&
			    (f == s || !isalnum((unsigned char)f[-1])) &&
			    nth-- == 0) {
				*line = n;
				*col = (int)(f - s) + 1;
				return;
			}
	}
}

/* The dated words of a commitment, one row each. */
enum dated { DATED_DUE, DATED_DONE, NDATED };

static const struct dated_word {
	const char	*key;		/* with its colon */
	const char	*what;		/* in messages */
	size_t		 field;		/* offset of its date_t */
	int		 past;		/* a day that has been: not after today */
} dated_words[] = {
	[DATED_DUE] = { "due:", "due date", offsetof(struct commitment, due),
	    0 },
	[DATED_DONE] = { "done:", "done date",
	    offsetof(struct commitment, done_on), 1 },
};
_Static_assert(sizeof(dated_words) / sizeof(*dated_words) == NDATED,
    "one row per dated word");

/*
 * The dated word that w (n bytes) is, also in parentheses or brackets
 * ("(due:2026-11-25)"), with *skip set to the bytes before its key; or -1.
 */
static int
dated_key(const char *w, size_t n, size_t *skip)
{
	int k;

	for (k = 0; k < NDATED; k++) {
		size_t kl = strlen(dated_words[k].key);

		*skip = n > kl + 1 && (*w == '(' || *w == '[');
		if (n >= *skip + kl &&
		    strncmp(w + *skip, dated_words[k].key, kl) == 0)
			return k;
	}
	return -1;
}

/*
 * Reads the date of word w (n bytes, starting with key) into its field;
 * seen counts earlier ones, since one is allowed.
 */
static void
dated_word(struct bodypass *p, struct commitment *cm,
    const struct dated_word *dw, const char *w, size_t n, int *seen,
    int first, int last)
{
	date_t *out = (date_t *)(void *)((char *)cm + dw->field);
	const char *v = w + strlen(dw->key);
	size_t vl = n - strlen(dw->key);
	int line = first, col = cm->col;
	enum date_err err;

	/* "due:2026-11-25," and "(due:2026-11-25)" read alike. */
	while (vl > 0 && strchr(".,;:)]", v[vl - 1]) != NULL)
		vl--;
	key_position(p->src, dw->key, *seen, first, last, &line, &col);
	if ((*seen)++) {
		diag_msg(p->d, p->src->path, line, col, DIAG_ERROR,
		    "commitment has two %ss: keep one", dw->what);
	} else if ((err = date_parse(v, vl, out)) != DATE_OK) {
		char *why = date_problem(v, vl, err);

		*out = DATE_NONE;
		diag_msg(p->d, p->src->path, line, col, DIAG_ERROR, "%s %s",
		    dw->what, why);
		free(why);
	} else if (dw->past && *out > p->today) {
		char d1[11], d2[11];

		date_format(*out, d1);
		date_format(p->today, d2);
		diag_msg(p->d, p->src->path, line, col, DIAG_WARNING,
		    "kept on %s, after today (%s): fix the done date", d1, d2);
	}
}

/*
 * Reads due:, done: and @client from the item's words and keeps the rest
 * as the text.  Sets seen[k] to the number of dated_words[k] seen.
 * A word like "due:x" is the key's, also when its date is wrong.
 */
static void
item_words(struct bodypass *p, struct commitment *cm, const char *text,
    int first, int last, int seen[])
{
	struct client *c = p->c;
	struct buf out = { 0 };
	const char *w = text, *e;
	size_t skip;
	int k;

	while (*w != '\0') {
		size_t n;

		while (text_is_space((unsigned char)*w))
			w++;
		for (e = w; *e != '\0' && !text_is_space((unsigned char)*e);
		    e++)
			continue;
		n = (size_t)(e - w);
		if (n == 0)
			break;
		if ((k = dated_key(w, n, &skip)) >= 0)
			dated_word(p, cm, &dated_words[k], w + skip, n - skip,
			    &seen[k], first, last);
		else if (n >= 7 && strncmp(w, "@client", 7) == 0 &&
		    (n == 7 || !isalnum((unsigned char)w[7]))) {
			cm->theirs = 1;
			if (n > 7)
				buf_putn(&out, w + 7, n - 7);
		} else {
			if (out.len > 0)
				buf_putc(&out, ' ');
			buf_putn(&out, w, n);
		}
		w = e;
	}
	cm->text = pool_strdup(&c->pool, out.s ? out.s : "");
	buf_free(&out);
}

/*
 * The commitment that item sits under: the nearest enclosing list item
 * that is one (added before it: items are met parent first), or -1.
 */
static int
under(struct bodypass *p, cmark_node *item)
{
	const struct client *c = p->c;
	cmark_node *up, *para;
	size_t i;
	int line;

	for (up = cmark_node_parent(item); up != NULL;
	    up = cmark_node_parent(up)) {
		if (cmark_node_get_type(up) != CMARK_NODE_ITEM ||
		    (para = cmark_node_first_child(up)) == NULL)
			continue;
		line = cmark_node_get_start_line(para) + p->lineoff;
		for (i = c->ncommitments; i > 0; i--)
			if (c->commitments[i - 1].line == line)
				return (int)i - 1;
	}
	return -1;
}

static void
add_commitment(struct bodypass *p, cmark_node *item)
{
	struct client *c = p->c;
	cmark_node *para = cmark_node_first_child(item), *first;
	struct commitment cm;
	struct buf text = { 0 };
	const char *s;
	size_t len, col, i;
	int line, last, done, seen[NDATED] = { 0 };

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return;
	line = cmark_node_get_start_line(para) + p->lineoff;
	last = cmark_node_get_end_line(para) + p->lineoff;
	col = (size_t)cmark_node_get_start_column(para);
	s = source_line(p->src, (size_t)line, &len);
	if (s == NULL || col < 1 || col + 2 > len || s[col - 1] != '[' ||
	    s[col + 1] != ']')
		return;
	if (s[col] == ' ')
		done = 0;
	else if (s[col] == 'x' || s[col] == 'X')
		done = 1;
	else
		return;
	if (col + 2 < len && s[col + 2] != ' ' && s[col + 2] != '\t')
		return;
	/*
	 * The box is ours, not cmark's: when "[x]" became a link through a
	 * reference definition, skip the link; otherwise strip the three
	 * characters of the box from the text.
	 */
	first = cmark_node_first_child(para);
	if (first != NULL && cmark_node_get_type(first) == CMARK_NODE_LINK)
		inline_text(cmark_node_next(first), &text);
	else {
		inline_text(first, &text);
		if (text.len >= 3)
			memmove(text.s, text.s + 3, text.len - 2);
	}
	memset(&cm, 0, sizeof(cm));
	cm.done = done;
	cm.due = cm.done_on = DATE_NONE;
	cm.line = line;
	cm.col = (int)col;
	cm.end_line = last;
	cm.entry = -1;
	for (i = c->nentries; i > 0; i--)
		if (c->entries[i - 1].line < line &&
		    c->entries[i - 1].end_line >= line) {
			cm.entry = (int)i - 1;
			break;
		}
	cm.under = under(p, item);
	item_words(p, &cm, text.s ? text.s : "", line, last, seen);
	buf_free(&text);
	/* A due: that was written but is wrong was reported already. */
	if (seen[DATED_DUE] == 0 && !cm.done)
		diag_msg(p->d, p->src->path, line, (int)col,
		    DIAG_WARNING, "open commitment has no due date: add "
		    "due:YYYY-MM-DD so it can be followed up");
	if (seen[DATED_DONE] > 0 && !cm.done)
		diag_msg(p->d, p->src->path, line, (int)col, DIAG_ERROR,
		    "commitment has a done date but an open box: tick it "
		    "([x]) if it was kept, or remove the done: date");
	xgrow(&c->commitments, &p->capcommit, c->ncommitments + 1,
	    sizeof(*c->commitments));
	c->commitments[c->ncommitments++] = cm;
	xgrow(&p->items, &p->capitems, p->nitems + 1, sizeof(*p->items));
	p->items[p->nitems++] = item;
	commitment_check_mark(c, c->ncommitments - 1, p->src, p->d);
}

/*
 * Shows commitments as boxes: a list item that starts "[ ] " or "[x] "
 * gets a ballot box in place of the brackets (same length, in place).
 */
static void
html_tasks(char *html)
{
	char *s = html;

	while ((s = strstr(s, "<li>[")) != NULL) {
		s += 4;
		if ((s[1] == ' ' || s[1] == 'x' || s[1] == 'X') &&
		    s[2] == ']' && s[3] == ' ')
			/* U+2610 or U+2611 is three bytes, like "[ ]". */
			memcpy(s, s[1] == ' ' ? "\xe2\x98\x90" :
			    "\xe2\x98\x91", 3);
	}
}

/* Moves the HTML gathered in b to *to (in the client's pool), if any. */
static void
html_flush(struct client *c, struct buf *b, char **to)
{
	if (to != NULL && b->len > 0) {
		buf_putc(b, '\0');
		html_tasks(b->s);
		*to = pool_strndup(&c->pool, b->s, b->len - 1);
	}
	buf_reset(b);
}

/*
 * The time that orders each entry: its own, else that of the nearest
 * timed entry of the same date above it in the file, else 00:00.
 */
static void
entry_times(struct client *c)
{
	size_t i, j;

	for (i = 0; i < c->nentries; i++) {
		struct entry *e = &c->entries[i];

		e->at = e->minutes >= 0 ? e->minutes : 0;
		if (e->minutes >= 0)
			continue;
		for (j = i; j > 0; j--)
			if (c->entries[j - 1].date == e->date &&
			    c->entries[j - 1].minutes >= 0) {
				e->at = c->entries[j - 1].minutes;
				break;
			}
	}
}

/*
 * The notes are the top-level blocks before the first entry; an entry's
 * text is the blocks after its heading up to the next level-1 or level-2
 * heading (what falls under a heading of those that is not an entry, after
 * the first entry, belongs to no entry and is not shown).  Each block is
 * rendered from the document already parsed, so link reference
 * definitions anywhere in the file resolve.
 */
static void
body_html(struct bodypass *p, cmark_node *doc)
{
	struct client *c = p->c;
	struct buf b = { 0 };
	char **to = &c->notes_html;
	cmark_node *n;
	size_t k = 0;

	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) <= 2) {
			int line = cmark_node_get_start_line(n) + p->lineoff;

			if (k < c->nentries && c->entries[k].line == line) {
				html_flush(c, &b, to);
				to = &c->entries[k++].html;
				continue;
			}
			if (k > 0) {
				html_flush(c, &b, to);
				to = NULL;
				continue;
			}
		}
		/*
		 * An HTML comment, such as the message id import-mail puts
		 * under its entries, shows nothing: it is left out, so that
		 * an entry of nothing else has no text at all.
		 */
		if (to != NULL && cmark_node_get_type(n) ==
		    CMARK_NODE_HTML_BLOCK && cmark_node_get_literal(n) != NULL &&
		    strncmp(cmark_node_get_literal(n), "<!--", 4) == 0)
			continue;
		if (to != NULL) {
			char *h = cmark_render_html(n, CMARK_OPT_DEFAULT);

			buf_puts(&b, h);
			p->mem->free(h);
		}
	}
	html_flush(c, &b, to);
	buf_free(&b);
}

/* Appends a node that writes html as it is (a custom inline). */
static void
put_html(struct bodypass *p, cmark_node *para, const char *html)
{
	cmark_node *n = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE,
	    p->mem);

	cmark_node_set_on_enter(n, html);
	cmark_node_append_child(para, n);
}

/* A date for the page: <time datetime="ISO">Fri 13 Nov</time>. */
static void
put_time(struct buf *b, date_t d, date_t today)
{
	char iso[11], human[16];

	date_format(d, iso);
	date_human(d, today, human);
	buf_printf(b, "<time datetime=\"%s\">%s</time>", iso, human);
}

/*
 * A commitment on the page as the Commitments box shows it: its box,
 * whose it is, its words without due:, done: and @client, and its date;
 * never the syntax that says them.  Its nested items stay as they are.
 */
static void
show_commitment(struct bodypass *p, cmark_node *item,
    const struct commitment *cm)
{
	cmark_node *para = cmark_node_first_child(item), *ch;
	struct buf b = { 0 };

	while ((ch = cmark_node_first_child(para)) != NULL)
		cmark_node_free(ch);
	buf_printf(&b, "%s <span class=\"who\">%s</span> ", cm->done ?
	    "\xe2\x98\x91" : "\xe2\x98\x90", cm->done ? "Done" : cm->theirs ?
	    "They owe us" : "We owe them");
	put_html(p, para, b.s);
	ch = cmark_node_new_with_mem(CMARK_NODE_TEXT, p->mem);
	cmark_node_set_literal(ch, cm->text);
	cmark_node_append_child(para, ch);
	buf_reset(&b);
	if (cm->done && cm->done_on != DATE_NONE) {
		buf_puts(&b, " <span class=\"when\">kept on ");
		put_time(&b, cm->done_on, p->today);
		buf_puts(&b, "</span>");
	} else if (!cm->done && cm->due != DATE_NONE) {
		buf_puts(&b, " <span class=\"when\">due ");
		put_time(&b, cm->due, p->today);
		buf_puts(&b, "</span>");
		if (cm->due < p->today)
			buf_puts(&b, " <span class=\"lvl\">late</span>");
	}
	if (b.len > 0)
		put_html(p, para, b.s);
	buf_free(&b);
}

void
body_parse(struct client *c, const struct source *src, date_t today,
    unsigned flags, struct diags *d)
{
	struct bodypass p = { 0 };
	cmark_parser *parser;
	cmark_node *doc, *n;
	cmark_iter *it;
	cmark_event_type ev;
	size_t off, i;
	int level, line;

	if (c->body_line > src->nlines || body_guard(c, src, d) == -1)
		return;
	p.c = c;
	p.src = src;
	p.d = d;
	p.today = today;
	p.lineoff = (int)c->body_line - 1;
	off = src->line[c->body_line - 1];
	/* Everything cmark makes lives in this thread's arena, until the
	 * end of this function. */
	p.mem = mdmem_begin();
	parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, p.mem);
	cmark_parser_feed(parser, src->buf + off, src->len - off);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);

	/*
	 * Entries are the document's own level-2 headings; an entry runs
	 * to the next level-1 or level-2 heading.
	 */
	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		level = cmark_node_get_heading_level(n);
		if (level > 2)
			continue;
		line = cmark_node_get_start_line(n) + p.lineoff;
		if (c->nentries > 0 &&
		    c->entries[c->nentries - 1].end_line == (int)src->nlines)
			c->entries[c->nentries - 1].end_line = line - 1;
		if (level == 2)
			add_entry(&p, n);
	}
	for (i = 0; i < c->nentries; i++)
		if (c->entries[i].end_line < c->entries[i].line)
			c->entries[i].end_line = c->entries[i].line;
	entry_times(c);

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(cmark_iter_get_node(it)) ==
		    CMARK_NODE_ITEM)
			add_commitment(&p, cmark_iter_get_node(it));
	cmark_iter_free(it);
	if (flags & CLIENT_HTML) {
		for (i = 0; i < p.nitems; i++)
			show_commitment(&p, p.items[i], &c->commitments[i]);
		body_html(&p, doc);
	}
	free(p.items);
	cmark_node_free(doc);
	mdmem_end();
}
