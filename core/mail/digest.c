/*
 * digest.c: what goes into an owner's morning digest (see digest.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "digest.h"
#include "source.h"
#include "statefile.h"
#include "util.h"

#define STATE_MAGIC	"rapport-digest 1"

void
digest_init(struct digest *dg, const char *owner, const char *email,
    date_t today)
{
	memset(dg, 0, sizeof(*dg));
	dg->owner = owner;
	dg->owner_email = email;
	dg->today = today;
	dg->since = DATE_NONE;
}

enum digest_part
digest_part_of(const struct signal *s, date_t today)
{
	if (s->level == LEVEL_OVERDUE)
		return DIGEST_OVERDUE;
	if (s->due == today)
		return DIGEST_TODAY;
	if (s->kind == FU_REPLY_OWED)
		return DIGEST_REPLIES;
	if ((s->kind == FU_COMMITMENT || s->kind == FU_WAITING) &&
	    s->due != DATE_NONE && s->due > today &&
	    s->due <= today + DIGEST_WEEK_DAYS)
		return DIGEST_WEEK;
	return DIGEST__PARTS;
}

/* By part; within one, in the order given (seq). */
struct ranked {
	struct digest_item	 item;
	size_t			 seq;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->item.part != y->item.part)
		return x->item.part < y->item.part ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Marks the items of each part's first DIGEST_MAX_CLIENTS clients. */
static void
shown(struct digest *dg)
{
	size_t i, clients[DIGEST__PARTS] = { 0 };
	int p;

	memset(dg->hidden, 0, sizeof(dg->hidden));
	for (i = 0; i < dg->nitems; i++) {
		struct digest_item *it = &dg->items[i];

		p = (int)it->part;
		if (i == 0 || it->part != dg->items[i - 1].part ||
		    it->f != dg->items[i - 1].f) {
			if (clients[p]++ >= DIGEST_MAX_CLIENTS)
				dg->hidden[p]++;
		}
		it->shown = clients[p] <= DIGEST_MAX_CLIENTS;
	}
}

void
digest_collect(struct digest *dg, const struct followup *v, size_t n)
{
	struct ranked *r = NULL;
	size_t i, j, nr = 0, cap = 0;

	for (i = 0; i < n; i++)
		for (j = 0; j < v[i].nsignals; j++) {
			const struct signal *s = &v[i].signals[j];
			enum digest_part p = digest_part_of(s, dg->today);

			if (p == DIGEST__PARTS)
				continue;
			xgrow(&r, &cap, nr + 1, sizeof(*r));
			memset(&r[nr], 0, sizeof(*r));
			r[nr].item.f = &v[i];
			r[nr].item.s = s;
			r[nr].item.part = p;
			r[nr].seq = nr;
			nr++;
		}
	if (nr > 1)
		qsort(r, nr, sizeof(*r), ranked_cmp);
	dg->items = xrealloc(dg->items, (dg->nitems + nr + 1) *
	    sizeof(*dg->items));
	for (i = 0; i < nr; i++) {
		dg->items[dg->nitems++] = r[i].item;
		dg->count[r[i].item.part]++;
	}
	free(r);
	shown(dg);
}

void
digest_add_bad(struct digest *dg, const char *text)
{
	dg->bad = xrealloc(dg->bad, (dg->nbad + 1) * sizeof(*dg->bad));
	dg->bad[dg->nbad++] = xstrdup(text);
}

int
digest_wants_last(const struct digest *dg, size_t i)
{
	return i < dg->nitems && dg->items[i].shown &&
	    dg->items[i].part <= DIGEST_TODAY;
}

const struct entry *
digest_last_entry(const struct client *c)
{
	const struct entry *last = NULL;
	size_t i;

	for (i = 0; i < c->nentries; i++)
		if (last == NULL || entry_later(&c->entries[i], last))
			last = &c->entries[i];
	return last;
}

void
digest_set_last(struct digest *dg, const char *slug, const char *text)
{
	size_t i;

	for (i = 0; i < dg->nitems; i++) {
		struct digest_item *it = &dg->items[i];

		if (!digest_wants_last(dg, i) || it->last != NULL ||
		    strcmp(it->f->client->slug, slug) != 0)
			continue;
		it->last = xstrdup(text);
	}
}

int
digest_empty(const struct digest *dg)
{
	return dg->nitems == 0 && dg->nbad == 0;
}


/* ---- what changed since the last digest ----------------------------- */

/* A client file read for its entries: the parse and its source. */
struct parsed {
	struct source	 src;
	struct client	 c;
	char		**keys;		/* each entry's identity */
	int		 ok;
};

/* Line n of src, its CR cut. */
static const char *
line_of(const struct source *src, size_t n, size_t *len)
{
	const char *s = source_line(src, n, len);

	if (s != NULL && *len > 0 && s[*len - 1] == '\r')
		--*len;
	return s;
}

/* The identity of entry e: its heading line, and its mark if any. */
static char *
entry_key(const struct source *src, const struct entry *e, int *mail)
{
	const char *h, *m, *mark;
	size_t hl, ml, markl;

	*mail = 0;
	if ((h = line_of(src, (size_t)e->line, &hl)) == NULL)
		return xstrdup("");
	if ((m = line_of(src, (size_t)e->line + 1, &ml)) != NULL &&
	    entry_mark(m, ml, &mark, &markl)) {
		*mail = 1;
		return xasprintf("%.*s\n%.*s", (int)hl, h, (int)markl, mark);
	}
	return xstrndup(h, hl);
}

static void
parse_file(struct parsed *p, const char *path, const char *text,
    size_t len, const struct config *cfg, date_t today)
{
	struct diags quiet = { 0 };
	char *slug = NULL, *dot;
	const char *base;
	size_t i;
	int mail;

	memset(p, 0, sizeof(*p));
	if (text == NULL || source_from_mem(&p->src, path, text, len,
	    &quiet) == -1)
		goto out;
	base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
	slug = xstrdup(base);
	if ((dot = strrchr(slug, '.')) != NULL)
		*dot = '\0';
	client_parse(&p->c, &p->src, slug, cfg, today, 0, &quiet);
	p->keys = xcalloc(p->c.nentries + 1, sizeof(*p->keys));
	for (i = 0; i < p->c.nentries; i++)
		p->keys[i] = entry_key(&p->src, &p->c.entries[i], &mail);
	p->ok = 1;
out:
	free(slug);
	diags_free(&quiet);
}

static void
parsed_free(struct parsed *p)
{
	size_t i;

	if (p->keys != NULL)
		for (i = 0; i < p->c.nentries; i++)
			free(p->keys[i]);
	free(p->keys);
	if (p->ok)
		client_free(&p->c);
	source_free(&p->src);
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
digest_add_changes(struct digest *dg, const char *path, const char *then,
    size_t thenlen, const char *now, size_t nowlen, const struct config *cfg)
{
	struct parsed a, b;
	char **old = NULL;
	size_t i, nold = 0;

	parse_file(&b, path, now, nowlen, cfg, dg->today);
	if (!b.ok)
		goto out0;
	parse_file(&a, path, then, thenlen, cfg, dg->today);
	if (a.ok && a.c.nentries > 0) {
		nold = a.c.nentries;
		old = xcalloc(nold, sizeof(*old));
		memcpy(old, a.keys, nold * sizeof(*old));
		qsort(old, nold, sizeof(*old), str_cmp);
	}
	for (i = 0; i < b.c.nentries; i++) {
		const struct entry *e = &b.c.entries[i];
		struct digest_change *ch;
		char *key;
		int mail;

		key = entry_key(&b.src, e, &mail);
		if (nold > 0 && bsearch(&key, old, nold, sizeof(*old),
		    str_cmp) != NULL) {
			free(key);
			continue;
		}
		xgrow(&dg->changes, &dg->capchanges, dg->nchanges + 1,
		    sizeof(*dg->changes));
		ch = &dg->changes[dg->nchanges++];
		memset(ch, 0, sizeof(*ch));
		ch->slug = xstrdup(b.c.slug);
		ch->name = xstrdup(b.c.name != NULL ? b.c.name : b.c.slug);
		ch->heading = key;
		/* The heading line alone, for digest_credit. */
		if (strchr(ch->heading, '\n') != NULL)
			*strchr(ch->heading, '\n') = '\0';
		ch->date = e->date;
		ch->at = e->at;
		ch->dir = e->dir;
		ch->channel = e->channel != NULL ? xstrdup(e->channel) : NULL;
		ch->summary = xstrdup(e->summary);
		ch->mail = mail;
	}
	free(old);
	parsed_free(&a);
out0:
	parsed_free(&b);
}

/* Whether text holds the line h (hl bytes) as a whole line. */
static int
has_line(const char *text, size_t len, const char *h, size_t hl)
{
	const char *s = text, *end = text + len, *e;

	if (text == NULL)
		return 0;
	for (; s < end; s = e + 1) {
		size_t l;

		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		l = (size_t)(e - s);
		if (l > 0 && s[l - 1] == '\r')
			l--;
		if (l == hl && memcmp(s, h, hl) == 0)
			return 1;
	}
	return 0;
}

void
digest_credit(struct digest *dg, const char *path, const char *before,
    size_t beforelen, const char *after, size_t afterlen,
    const char *author, const char *email)
{
	const char *base = strrchr(path, '/') != NULL ?
	    strrchr(path, '/') + 1 : path;
	size_t i, n = strlen(base);

	if (n < 3 || strcmp(base + n - 3, ".md") != 0)
		return;
	n -= 3;
	for (i = 0; i < dg->nchanges; i++) {
		struct digest_change *ch = &dg->changes[i];
		size_t hl = strlen(ch->heading);

		if (strlen(ch->slug) != n || strncmp(ch->slug, base, n) != 0 ||
		    !has_line(after, afterlen, ch->heading, hl) ||
		    has_line(before, beforelen, ch->heading, hl))
			continue;
		free(ch->author);
		free(ch->email);
		ch->author = xstrdup(author);
		ch->email = xstrdup(email);
	}
}

static int
change_cmp(const void *a, const void *b)
{
	const struct digest_change *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return strcmp(x->slug, y->slug);
}

static void
change_free(struct digest_change *ch)
{
	free(ch->slug);
	free(ch->name);
	free(ch->heading);
	free(ch->channel);
	free(ch->summary);
	free(ch->author);
	free(ch->email);
}

void
digest_changes_end(struct digest *dg)
{
	size_t i, n = 0;

	for (i = 0; i < dg->nchanges; i++) {
		struct digest_change *ch = &dg->changes[i];

		if (!ch->mail && ch->email != NULL &&
		    dg->owner_email != NULL &&
		    strcasecmp(ch->email, dg->owner_email) == 0) {
			change_free(ch);
			continue;
		}
		dg->changes[n++] = *ch;
	}
	dg->nchanges = n;
	if (n > 1)
		qsort(dg->changes, n, sizeof(*dg->changes), change_cmp);
}

char *
digest_subject(const struct digest *dg, const char *agency)
{
	static const char *const words[DIGEST__PARTS][2] = {
		[DIGEST_OVERDUE] = { "overdue", "overdue" },
		[DIGEST_TODAY] = { "due today", "due today" },
		[DIGEST_REPLIES] = { "reply owed", "replies owed" },
		[DIGEST_WEEK] = { "promise this week", "promises this week" },
	};
	struct buf b = { 0 };
	int i, shown = 0;

	buf_puts(&b, "rapport: ");
	for (i = 0; i < DIGEST__PARTS && shown < 2; i++) {
		if (dg->count[i] == 0)
			continue;
		buf_printf(&b, "%s%zu %s", shown ? ", " : "", dg->count[i],
		    words[i][dg->count[i] != 1]);
		shown++;
	}
	if (dg->nbad > 0 && shown < 2) {
		buf_printf(&b, "%s%zu file%s with errors", shown ? ", " : "",
		    dg->nbad, dg->nbad == 1 ? "" : "s");
		shown++;
	}
	if (shown == 0)
		buf_puts(&b, "nothing due");
	if (agency != NULL && *agency != '\0')
		buf_printf(&b, " \xe2\x80\x94 %s", agency);
	return buf_detach(&b);
}

void
digest_free(struct digest *dg)
{
	size_t i;

	if (dg == NULL)
		return;
	for (i = 0; i < dg->nitems; i++)
		free(dg->items[i].last);
	free(dg->items);
	for (i = 0; i < dg->nbad; i++)
		free(dg->bad[i]);
	free(dg->bad);
	for (i = 0; i < dg->nchanges; i++)
		change_free(&dg->changes[i]);
	free(dg->changes);
	memset(dg, 0, sizeof(*dg));
}


/* ---- the last digest sent, per owner -------------------------------- */

/*
 * The body: a line per owner, "HANDLE COMMIT DATE", COMMIT "-" for an
 * unborn HEAD.  Handles are slugs, so a space ends each field.
 */
int
digest_state_get(const char *path, const char *owner, char commit[41],
    date_t *day)
{
	char *data = NULL, *s, *e;
	size_t off, len, on = strlen(owner);
	int found = 0;

	if (statefile_read(path, STATE_MAGIC, 0, &data, &off, &len) == -1)
		return 0;
	for (s = data + off; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		char c[41], d[11];

		e = s + strcspn(s, "\n");
		if ((size_t)(e - s) < on + 1 || strncmp(s, owner, on) != 0 ||
		    s[on] != ' ' ||
		    sscanf(s + on + 1, "%40s %10s", c, d) != 2 ||
		    date_parse(d, strlen(d), day) != DATE_OK)
			continue;
		snprintf(commit, 41, "%s", strcmp(c, "-") == 0 ? "" : c);
		found = 1;
	}
	free(data);
	return found;
}

int
digest_state_put(const char *path, const char *owner, const char *commit,
    date_t day)
{
	struct buf b = { 0 };
	char *data = NULL, *s, *e, d[11];
	size_t off, len, on = strlen(owner);

	statefile_begin(&b, STATE_MAGIC, 0);
	if (statefile_read(path, STATE_MAGIC, 0, &data, &off, &len) == 0)
		for (s = data + off; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
			e = s + strcspn(s, "\n");
			if (e == s || (strncmp(s, owner, on) == 0 &&
			    s[on] == ' '))
				continue;
			buf_putn(&b, s, (size_t)(e - s));
			buf_puts(&b, "\n");
		}
	free(data);
	date_format(day, d);
	buf_printf(&b, "%s %s %s\n", owner, *commit != '\0' ? commit : "-",
	    d);
	return statefile_write(path, &b);
}
