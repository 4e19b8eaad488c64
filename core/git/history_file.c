/*
 * history_file.c: the cache of the history walk (history_int.h), the file
 * GITDIR/rapport/history: a magic line, the settings it was made with, the
 * commits, each slug's commits, and a checksum line that covers the rest.
 * Text, one record a line, fields escaped so that no value breaks one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileio.h"
#include "history_int.h"
#include "util.h"

static char *
cache_path(struct repo *r)
{
	return repo_state_path(repo_gitdir(r), "history");
}

/* Writes s with tab, newline and backslash escaped. */
static void
put_field(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (*s == '\t' || *s == '\n' || *s == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, *s == '\t' ? 't' : *s == '\n' ? 'n' : '\\');
		} else
			buf_putc(b, *s);
}

void
history_file_write(struct repo *r, const struct history *h)
{
	struct buf b = { 0 };
	char *path = cache_path(r), *dir;
	size_t i, j;

	buf_puts(&b, HIST_MAGIC);
	buf_printf(&b, "prefix ");
	put_field(&b, r->prefix);
	buf_printf(&b, "\nmax %zu\nhead %s\ncommits %zu\n", h->max, h->head,
	    h->ncommits);
	for (i = 0; i < h->ncommits; i++) {
		const struct repo_commit *c = &h->commits[i];

		buf_printf(&b, "%s %s %lld %d %ld\t", c->id, c->short_id,
		    (long long)c->when, c->offset, (long)c->day);
		put_field(&b, c->author);
		buf_putc(&b, '\t');
		put_field(&b, c->email);
		buf_putc(&b, '\t');
		put_field(&b, c->summary);
		buf_putc(&b, '\n');
	}
	buf_printf(&b, "slugs %zu\n", h->used);
	for (i = 0; i < h->nslots; i++) {
		const struct slot *s = &h->slots[i];

		if (s->slug == NULL)
			continue;
		buf_printf(&b, "%s %u", s->slug, s->n);
		for (j = 0; j < s->n; j++)
			buf_printf(&b, " %u", s->idx[j]);
		buf_putc(&b, '\n');
	}
	buf_printf(&b, "end %016llx\n", (unsigned long long)hash64(b.s, b.len,
	    0));
	dir = repo_state_path(repo_gitdir(r), "");
	/* A cache that cannot be written is simply not kept. */
	if ((mkdir(dir, 0777) == 0 || errno == EEXIST))
		(void)file_write_atomic(path, b.s, b.len);
	free(dir);
	free(path);
	buf_free(&b);
}

/*
 * Undoes put_field in place, up to and including the character stop;
 * sets *next after it.  Returns the field, or NULL when stop is missing.
 */
static char *
get_field(char *s, char stop, char **next)
{
	char *w = s, *r = s;

	for (; *r != '\0' && *r != stop && *r != '\n'; r++) {
		if (*r == '\\' && r[1] != '\0') {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
		} else
			*w++ = *r;
	}
	if (*r != stop)
		return NULL;
	*next = r + 1;
	*w = '\0';
	return s;
}

/*
 * Reads the cache into h (empty).  Returns 0, or -1 when there is none or
 * anything about it is not exactly as history_file_write makes it.
 */
int
history_file_read(struct repo *r, struct history *h)
{
	char *path = cache_path(r), *text = NULL, *s, *e, *end, *f;
	size_t len, i, j, n, nslugs, body;
	unsigned long long sum;
	int rc = -1;

	if (file_read_all(path, &text, &len) == -1 || len < 40)
		goto out;
	/* The checksum line closes the file and covers all before it. */
	e = text + len - 21;
	body = len - 21;
	if (text[len - 1] != '\n' || e[-1] != '\n' ||
	    strncmp(e, "end ", 4) != 0 || sscanf(e + 4, "%16llx", &sum) != 1 ||
	    sum != hash64(text, body, 0))
		goto out;
	text[body] = '\0';
	s = text;
	if (strncmp(s, HIST_MAGIC, strlen(HIST_MAGIC)) != 0)
		goto out;
	s += strlen(HIST_MAGIC);
	if (strncmp(s, "prefix ", 7) != 0)
		goto out;
	if ((f = get_field(s + 7, '\n', &s)) == NULL ||
	    strcmp(f, r->prefix) != 0)
		goto out;
	if (sscanf(s, "max %zu\nhead %40s\ncommits %zu\n", &n, h->head,
	    &h->ncommits) != 3 || n != h->max || strlen(h->head) != 40)
		goto out;
	for (i = 0; i < 3; i++)
		if ((s = strchr(s, '\n')) == NULL)
			goto out;
		else
			s++;
	if (h->ncommits > len)
		goto out;
	h->capcommits = h->ncommits + 1;
	h->commits = xcalloc(h->capcommits, sizeof(*h->commits));
	for (i = 0; i < h->ncommits; i++) {
		struct repo_commit *c = &h->commits[i];
		long long when;
		long day;
		int used = 0;

		if (sscanf(s, "%40s %15s %lld %d %ld\t%n", c->id, c->short_id,
		    &when, &c->offset, &day, &used) != 5 || used == 0 ||
		    strlen(c->id) != 40)
			goto out;
		c->when = when;
		history_commit_local(c);
		if (c->day != (date_t)day)
			goto out;
		s += used;
		if ((f = get_field(s, '\t', &s)) == NULL)
			goto out;
		c->author = pool_strdup(&h->pool, f);
		if ((f = get_field(s, '\t', &s)) == NULL)
			goto out;
		c->email = pool_strdup(&h->pool, f);
		if ((f = get_field(s, '\n', &s)) == NULL)
			goto out;
		c->summary = pool_strdup(&h->pool, f);
	}
	if (sscanf(s, "slugs %zu", &nslugs) != 1 || nslugs > len ||
	    (s = strchr(s, '\n')) == NULL)
		goto out;
	s++;
	for (i = 0; i < nslugs; i++) {
		struct slot *sl;
		unsigned long cnt, v;

		if ((end = strchr(s, ' ')) == NULL)
			goto out;
		sl = history_slot_get(h, s, (size_t)(end - s));
		s = end;
		cnt = strtoul(s, &s, 10);
		if (cnt > h->max || sl->n != 0)
			goto out;
		for (j = 0; j < cnt; j++) {
			if (*s != ' ')
				goto out;
			v = strtoul(s, &s, 10);
			if (v >= h->ncommits)
				goto out;
			history_slot_add(h, sl, (uint32_t)v);
		}
		if (*s++ != '\n')
			goto out;
	}
	if (*s != '\0')
		goto out;
	rc = 0;
out:
	free(text);
	free(path);
	return rc;
}

