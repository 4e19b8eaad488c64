/*
 * inifile.c: a line-by-line guard in front of inih.
 *
 * Pass one classifies every line and builds the text inih will see: lines
 * we have already reported are blanked (keys) or turned into the header of
 * an ignored section (bad headers, so that the keys below them are not
 * taken for keys of the section before).  Pass two runs inih on that text;
 * its handler records events, which are then sent in line order.
 */
#define INI_HANDLER_LINENO 1
#include <ini.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "inifile.h"
#include "text.h"
#include "util.h"

/* Keys under this section were reported already and are dropped. */
#define IGNORED_SECTION "\001"

struct seen {
	char	*section;	/* NULL for a section header */
	char	*key;
	int	 line;
};

/* An event as recorded; handed out as a struct ini_event. */
struct rec {
	enum ini_event_type type;
	char		*section;
	char		*key;
	char		*value;
	int		 line, col, vcol;
};

struct pass {
	const struct source *src;
	size_t		 first;
	struct diags	*d;
	struct rec	*ev;
	size_t		 nev, capev;
	struct seen	*seen;
	size_t		 nseen, capseen;
	struct pool	 pool;		/* the strings of ev and seen */
};

static void
seen_add(struct pass *p, const char *section, const char *key, int line)
{
	xgrow(&p->seen, &p->capseen, p->nseen + 1, sizeof(*p->seen));
	p->seen[p->nseen].section = section ? pool_strdup(&p->pool, section) :
	    NULL;
	p->seen[p->nseen].key = pool_strdup(&p->pool, key);
	p->seen[p->nseen].line = line;
	p->nseen++;
}

/* The line where this header or key first appeared, or 0. */
static int
seen_find(const struct pass *p, const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < p->nseen; i++) {
		const struct seen *s = &p->seen[i];

		if ((section == NULL) != (s->section == NULL))
			continue;
		if (section != NULL && strcmp(section, s->section) != 0)
			continue;
		if (strcmp(key, s->key) == 0)
			return s->line;
	}
	return 0;
}

/* Collapses runs of white space in a section name: [goal  x] is [goal x]. */
static char *
section_name(const char *p, size_t len)
{
	struct buf b = { 0 };
	size_t i;
	int space = 0;

	for (i = 0; i < len; i++) {
		if (text_is_space((unsigned char)p[i])) {
			space = b.len > 0;
			continue;
		}
		if (space)
			buf_putc(&b, ' ');
		space = 0;
		buf_putc(&b, p[i]);
	}
	return buf_detach(&b);
}

/* Position of inih's inline comment (" ;") in p, or len. */
static size_t
comment_at(const char *p, size_t len)
{
	size_t i;

	for (i = 1; i < len; i++)
		if (p[i] == ';' && text_is_space((unsigned char)p[i - 1]))
			return i;
	return len;
}

static void
add_event(struct pass *p, enum ini_event_type type, const char *section,
    const char *key, const char *value, int line, int col, int vcol)
{
	struct rec *e;

	xgrow(&p->ev, &p->capev, p->nev + 1, sizeof(*p->ev));
	e = &p->ev[p->nev++];
	e->type = type;
	e->section = pool_strdup(&p->pool, section);
	e->key = pool_strdup(&p->pool, key);
	e->value = pool_strdup(&p->pool, value);
	e->line = line;
	e->col = col;
	e->vcol = vcol;
}

/*
 * Classifies one line and appends what inih may see of it to out.
 * cur is the current section name, updated on headers.
 */
static void
scan_line(struct pass *p, size_t n, struct buf *out, char **cur)
{
	const char *path = p->src->path, *s;
	size_t len, i = 0, c, close;
	char *name;
	int first;

	s = source_line(p->src, n, &len);
	if (len > INIFILE_MAX_LINE) {
		diag_msg(p->d, path, (int)n, INIFILE_MAX_LINE + 1, DIAG_ERROR,
		    "line is %zu bytes long; front-matter and rapport.ini "
		    "lines may be at most %d: shorten the value", len,
		    INIFILE_MAX_LINE);
		buf_putc(out, '\n');
		return;
	}
	while (i < len && text_is_space((unsigned char)s[i]))
		i++;
	if (i == len || s[i] == ';' || s[i] == '#' ||
	    (len >= 7 && (strncmp(s, "<<<<<<<", 7) == 0 ||
	    strncmp(s, ">>>>>>>", 7) == 0 || strncmp(s, "=======", 7) == 0 ||
	    strncmp(s, "|||||||", 7) == 0))) {
		/* Blank, comment, or a conflict marker reported by source.c. */
		buf_putc(out, '\n');
		return;
	}
	if (s[i] == '[') {
		c = comment_at(s + i, len - i) + i;
		for (close = i + 1; close < c && s[close] != ']'; close++)
			continue;
		if (close == c) {
			diag_msg(p->d, path, (int)n, (int)i + 1, DIAG_ERROR,
			    "section header is not closed: write [name]");
			goto bad_header;
		}
		for (c = close + 1; c < len; c++)
			if (!text_is_space((unsigned char)s[c]))
				break;
		if (c < len && s[c] != ';' && s[c] != '#') {
			diag_msg(p->d, path, (int)n, (int)c + 1, DIAG_ERROR,
			    "text after the section header: put it on a line "
			    "of its own, or start a comment with ';'");
			goto bad_header;
		}
		name = section_name(s + i + 1, close - i - 1);
		if (strlen(name) > INIFILE_MAX_SECTION) {
			diag_msg(p->d, path, (int)n, (int)i + 2, DIAG_ERROR,
			    "section name is %zu bytes long; it may be at "
			    "most %d: shorten it", strlen(name),
			    INIFILE_MAX_SECTION);
			free(name);
			goto bad_header;
		}
		if (name[0] == '\0') {
			diag_msg(p->d, path, (int)n, (int)i + 1, DIAG_ERROR,
			    "empty section name: write [name]");
			free(name);
			goto bad_header;
		}
		if ((first = seen_find(p, NULL, name)) != 0) {
			diag_msg(p->d, path, (int)n, (int)i + 1, DIAG_ERROR,
			    "section [%s] appears twice (first at line %d): "
			    "merge them into one", name, first);
			free(name);
			goto bad_header;
		}
		seen_add(p, NULL, name, (int)n);
		add_event(p, INI_SECTION, name, NULL, NULL, (int)n,
		    (int)i + 2, 0);
		buf_printf(out, "[%s]\n", name);
		free(*cur);
		*cur = name;
		return;
	}
	c = comment_at(s, len);
	for (close = i; close < c && s[close] != '=' && s[close] != ':';
	    close++)
		continue;
	if (close == c) {
		diag_msg(p->d, path, (int)n, (int)i + 1, DIAG_ERROR,
		    "expected 'key = value', '[section]' or a comment "
		    "starting with ';'");
		buf_putc(out, '\n');
		return;
	}
	if (close == i) {
		diag_msg(p->d, path, (int)n, (int)i + 1, DIAG_ERROR,
		    "'%c' without a key before it: write 'key = value'",
		    s[i]);
		buf_putc(out, '\n');
		return;
	}
	buf_putn(out, s, len);
	buf_putc(out, '\n');
	return;
bad_header:
	buf_puts(out, "[" IGNORED_SECTION "]\n");
	free(*cur);
	*cur = xstrdup(IGNORED_SECTION);
}

static int
handler(void *arg, const char *section, const char *key, const char *value,
    int lineno)
{
	struct pass *p = arg;
	size_t n = p->first + (size_t)lineno - 1, len, i = 0, v;
	const char *s = source_line(p->src, n, &len);
	char *sec = section_name(section, strlen(section));
	int first;

	if (strcmp(sec, IGNORED_SECTION) == 0 || s == NULL)
		goto out;
	while (i < len && text_is_space((unsigned char)s[i]))
		i++;
	for (v = i; v < len && s[v] != '=' && s[v] != ':'; v++)
		continue;
	for (v++; v < len && text_is_space((unsigned char)s[v]); v++)
		continue;
	if ((first = seen_find(p, sec, key)) != 0) {
		diag_msg(p->d, p->src->path, (int)n, (int)i + 1, DIAG_ERROR,
		    "duplicate key '%s'%s%s%s (first at line %d): keep one",
		    key, *sec ? " in [" : "", sec, *sec ? "]" : "", first);
		goto out;
	}
	seen_add(p, sec, key, (int)n);
	/*
	 * No key means "nothing" when empty: 'outcome =' would otherwise
	 * pass for an outcome and silence the goal's review, 'owner =' for
	 * an owner.  Leaving a key out is how a value is left unset.
	 */
	if (value[0] == '\0') {
		diag_msg(p->d, p->src->path, (int)n, (int)i + 1, DIAG_ERROR,
		    "'%s' has no value: write one after the '=', or leave "
		    "the key out", key);
		goto out;
	}
	add_event(p, INI_KEY, sec, key, value, (int)n, (int)i + 1,
	    (int)v + 1);
out:
	free(sec);
	return 1;
}

static int
event_cmp(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

static pthread_once_t multiline_once = PTHREAD_ONCE_INIT;

/* inih's switch is a global: set once, before any thread parses. */
static void
multiline_off(void)
{
	ini_allow_multiline = 0;
}

void
inifile_parse(const struct source *src, size_t first, size_t last,
    ini_event_fn fn, void *arg, struct diags *d)
{
	struct pass p = { 0 };
	struct buf text = { 0 };
	char *cur = xstrdup("");
	size_t n, i;

	p.src = src;
	p.first = first;
	p.d = d;
	/* Indented lines are keys, not continuations; see the header. */
	pthread_once(&multiline_once, multiline_off);
	for (n = first; n <= last && n <= src->nlines; n++)
		scan_line(&p, n, &text, &cur);
	buf_putc(&text, '\0');
	ini_parse_string(text.s, handler, &p);
	/* Headers came from pass one, keys from inih: merge by line. */
	if (p.nev > 1)
		qsort(p.ev, p.nev, sizeof(*p.ev), event_cmp);
	for (i = 0; i < p.nev; i++) {
		struct rec *r = &p.ev[i];
		struct ini_event e = { r->type, r->section, r->key, r->value,
		    r->line, r->col, r->vcol };

		fn(arg, &e);
	}
	pool_free(&p.pool);
	free(p.ev);
	free(p.seen);
	free(cur);
	buf_free(&text);
}

void
inifile_unknown_key(const struct ini_event *e, const char *path,
    const char *const *keys, struct diags *d)
{
	const char *near = text_suggest(e->key, keys);

	diag_msg(d, path, e->line, e->col, DIAG_ERROR, "unknown key '%s'%s%s%s"
	    "%s%s%s", e->key, *e->section ? " in [" : "", e->section,
	    *e->section ? "]" : "", near ? ": did you mean '" : "",
	    near ? near : "", near ? "'?" : "");
}

int
inifile_duration(const struct ini_event *e, const char *path, int min,
    struct duration *out, struct diags *d)
{
	struct duration dur;

	if (duration_parse(e->value, strlen(e->value), &dur) == -1 ||
	    dur.n < min) {
		diag_msg(d, path, e->line, e->vcol, DIAG_ERROR, "%s: '%s' is not "
		    "a duration: write %s days (14d), weeks (2w) or business "
		    "days (1bd)", e->key, e->value, min > 0 ?
		    "a positive number of" : "a number of");
		return -1;
	}
	*out = dur;
	return 0;
}
