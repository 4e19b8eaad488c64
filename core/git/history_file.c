/*
 * history_file.c: the cache of the history walk (history_int.h), the file
 * GITDIR/rapport/history: a state file (statefile.h) keyed by the settings
 * it was made with (the workspace's folder in the repository and how many
 * commits a slug keeps), whose body is the head, the commits and each
 * slug's commits.  Text, one record a line, fields escaped so that no
 * value breaks one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history_int.h"
#include "statefile.h"
#include "util.h"

static char *
cache_path(struct repo *r)
{
	return repo_state_path(repo_gitdir(r), "history");
}

/* What the cache depends on besides the commits it names. */
static uint64_t
cache_key(const struct repo *r, const struct history *h)
{
	return hash64(&h->max, sizeof(h->max), hash64(r->prefix,
	    strlen(r->prefix) + 1, 0));
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
	char *path = cache_path(r);
	size_t i, j;

	statefile_begin(&b, HIST_MAGIC, cache_key(r, h));
	buf_printf(&b, "head %s\ncommits %zu\n", h->head, h->ncommits);
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
	buf_printf(&b, "slugs %zu\n", h->nslots);
	for (i = 0; i < h->nslots; i++) {
		const struct slot *s = &h->slots[i];

		buf_printf(&b, "%s %u", s->slug, s->n);
		for (j = 0; j < s->n; j++)
			buf_printf(&b, " %u", s->idx[j]);
		buf_putc(&b, '\n');
	}
	/* Slugs hold no spaces or line ends: a file name's last part. */
	buf_printf(&b, "renames %zu\n", h->nrenames);
	for (i = 0; i < h->nrenames; i++)
		buf_printf(&b, "%s %s\n", h->renames[i].to,
		    h->renames[i].from);
	/* A cache that cannot be written is simply not kept. */
	(void)statefile_write(path, &b);
	free(path);
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
	char *path = cache_path(r), *text = NULL, *s, *end, *f;
	size_t len, i, j, off, nslugs, nrenames;
	int rc = -1;

	if (statefile_read(path, HIST_MAGIC, cache_key(r, h), &text, &off,
	    &len) == -1)
		goto out;
	s = text + off;
	if (sscanf(s, "head %40s\ncommits %zu\n", h->head, &h->ncommits) != 2 ||
	    strlen(h->head) != 40)
		goto out;
	for (i = 0; i < 2; i++)
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
	if (sscanf(s, "renames %zu", &nrenames) != 1 || nrenames > len ||
	    (s = strchr(s, '\n')) == NULL)
		goto out;
	s++;
	for (i = 0; i < nrenames; i++) {
		char *sp = strchr(s, ' '), *nl;

		if (sp == NULL || (nl = strchr(sp, '\n')) == NULL ||
		    memchr(s, '\n', (size_t)(sp - s)) != NULL)
			goto out;
		*sp = '\0';
		*nl = '\0';
		history_rename_add(h, s, sp + 1);
		s = nl + 1;
	}
	if (*s != '\0')
		goto out;
	rc = 0;
out:
	free(text);
	free(path);
	return rc;
}

