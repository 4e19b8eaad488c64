/*
 * client.c: a client file read whole: its front-matter's fences, and the
 * checks that need the whole file (required keys, owners, reports against
 * tracked metrics, goals, dates past 9999).  The front-matter's keys are
 * read by client_front.c, the body by body.c, entry headings by entry.c.
 */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "hmap.h"
#include "client_int.h"
#include "inifile.h"
#include "text.h"

int
client_share_key_ok(const char *k)
{
	size_t n;

	for (n = 0; k[n] != '\0'; n++)
		if (!((k[n] >= 'A' && k[n] <= 'Z') || (k[n] >= 'a' &&
		    k[n] <= 'z') || (k[n] >= '0' && k[n] <= '9') ||
		    k[n] == '_' || k[n] == '-'))
			return 0;
	return n >= CLIENT_SHARE_MIN && n <= CLIENT_SHARE_MAX;
}

int
client_report_value(const struct report *r, const char *metric, double *v)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->keys[i], metric) == 0) {
			*v = r->values[i];
			return 1;
		}
	return 0;
}

static int
tracked(const struct client *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nmetrics; i++)
		if (strcmp(c->metrics[i], name) == 0)
			return 1;
	return 0;
}

/* Every report has every tracked metric, and only those. */
static void
check_reports(struct fmpass *p)
{
	struct client *c = p->c;
	const char *path = p->src->path;
	size_t i, j, k;
	char mo[8];

	for (i = 0; i < c->nreports; i++)
		for (j = 0; j < c->reports[i].n; j++)
			if (!tracked(c, c->reports[i].keys[j]))
				diag_msg(p->d, path,
				    c->reports[i].lines[j], 1, DIAG_WARNING,
				    "metric '%s' is not tracked: add it to "
				    "[metrics] track, or remove it from the "
				    "report", c->reports[i].keys[j]);
	for (i = 0; i < c->nreports; i++) {
		struct buf miss = { 0 };
		size_t nmiss = 0;

		for (j = 0; j < c->nmetrics; j++) {
			for (k = 0; k < c->reports[i].n; k++)
				if (strcmp(c->reports[i].keys[k],
				    c->metrics[j]) == 0)
					break;
			if (k == c->reports[i].n) {
				buf_printf(&miss, "%s'%s'", nmiss ? ", " : "",
				    c->metrics[j]);
				nmiss++;
			}
		}
		month_format(c->reports[i].month, mo);
		if (nmiss > 0)
			diag_msg(p->d, path, c->reports[i].line, 1,
			    DIAG_WARNING, "report %s misses tracked metric%s "
			    "%s: every report gives every tracked number, "
			    "so add %s", mo, nmiss > 1 ? "s" : "", miss.s,
			    nmiss > 1 ? "them" : "it");
		buf_free(&miss);
	}
}

static void
check_whole(struct fmpass *p, int open_line)
{
	struct client *c = p->c;
	const struct config *cfg = p->cfg;
	const char *path = p->src->path;
	size_t i;

	if (c->name == NULL)
		diag_msg(p->d, path, open_line, 1, DIAG_ERROR,
		    "missing 'name': add name = <the client's name> to the "
		    "front-matter");
	for (i = 0; i < c->npeople; i++)
		if (c->people[i].name == NULL)
			diag_msg(p->d, path, c->people[i].line, 1, DIAG_ERROR,
			    "[person %s] has no name: add name = <their "
			    "name> under it", c->people[i].key);
	if (cfg->nowners > 0 && c->owner == NULL)
		diag_msg(p->d, path, open_line, 1, DIAG_ERROR,
		    "missing 'owner': rapport.ini declares owners, so name "
		    "one, like owner = %s", cfg->owners[0].handle);
	if (cfg->nowners > 0 && c->owner != NULL &&
	    config_owner(cfg, c->owner) == NULL) {
		const char **names = xcalloc(cfg->nowners + 1,
		    sizeof(*names));
		struct buf all = { 0 };
		const char *near;

		for (i = 0; i < cfg->nowners; i++) {
			names[i] = cfg->owners[i].handle;
			buf_printf(&all, "%s%s", i ? ", " : "", names[i]);
		}
		near = text_suggest(c->owner, names);
		diag_msg(p->d, path, p->owner_line, p->owner_col,
		    DIAG_ERROR, "owner '%s' is not declared in rapport.ini"
		    "%s%s%s (owners: %s); or add an [owner %s] section",
		    c->owner, near ? ": did you mean '" : "",
		    near ? near : "", near ? "'?" : "", all.s, c->owner);
		buf_free(&all);
		free(names);
	}
	check_reports(p);
	for (i = 0; i < c->ngoals; i++) {
		struct goal *g = &c->goals[i];

		if (g->by_line == 0)
			diag_msg(p->d, path, g->line, 1, DIAG_WARNING,
			    "goal '%s' has no 'by' date: add by = YYYY-MM-DD "
			    "so its review is tracked", g->name);
		if (g->confidence_line == 0)
			diag_msg(p->d, path, g->line, 1, DIAG_WARNING,
			    "goal '%s' has no 'confidence': add confidence = "
			    "<0-100>, your honest odds of reaching it",
			    g->name);
	}
}

/* A front-matter fence: "---" and nothing but trailing white space. */
static int
is_fence(const char *s, size_t len)
{
	if (len < 3 || strncmp(s, "---", 3) != 0)
		return 0;
	for (s += 3, len -= 3; len > 0; s++, len--)
		if (!text_is_space((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * No date the rules work out may fall past 9999-12-31 (date.h): the
 * setting that would put it there is an error, never wrapped.  The next
 * check-in is last contact + cadence; a reply is due an inbound entry's
 * date + reply_within.
 */
static void
check_dates(struct fmpass *p)
{
	struct client *c = p->c;
	date_t last = c->since, max = date_from_ymd(9999, 12, 31);
	size_t i;

	for (i = 0; i < c->nentries; i++) {
		const struct entry *e = &c->entries[i];

		if (e->dir != ENTRY_NOTE && (last == DATE_NONE || e->date > last))
			last = e->date;
		if (e->dir == ENTRY_IN && duration_add(e->date,
		    c->reply_within) > max)
			diag_msg(p->d, p->src->path, p->reply_line ?
			    p->reply_line : e->line, 1, DIAG_ERROR, "the reply "
			    "to the entry of line %d would be due after "
			    "9999-12-31: shorten reply_within%s", e->line,
			    p->reply_line ? "" : " in rapport.ini");
	}
	if (last != DATE_NONE && duration_add(last, c->cadence) > max)
		diag_msg(p->d, p->src->path, p->cadence_line ?
		    p->cadence_line : 1, 1, DIAG_ERROR, "the next check-in "
		    "would be due after 9999-12-31: shorten the cadence%s",
		    p->cadence_line ? "" : " (it is rapport.ini's)");
}

/*
 * One message, one entry: a mark import-mail writes ("<!-- message-id:
 * <...> -->" or "<!-- message-hash: ... -->", a line of its own) that is
 * in the file twice is the same message twice (two people imported it
 * before their workspace had one time zone): a warning at the second.
 */
static void
check_messages(const struct client *c, const struct source *src,
    struct diags *d)
{
	struct hmap seen = { 0 };
	size_t n, len, cur, *at, olen;
	uint64_t hash;
	const char *s, *o;

	for (n = (size_t)c->body_line; n <= src->nlines; n++) {
		int dup = 0;

		s = source_line(src, n, &len);
		if (!entry_mark(s, len, &s, &len))
			continue;
		cur = 0;
		hash = hash64(s, len, 0);
		while (!dup && (at = hmap_next(&seen, hash, &cur)) != NULL) {
			o = source_line(src, *at, &olen);
			if (entry_mark(o, olen, &o, &olen) && olen == len &&
			    memcmp(o, s, len) == 0) {
				diag_msg(d, src->path, (int)n, 1, DIAG_WARNING,
				    "the message of line %zu is here again "
				    "(%.*s): delete one of the two entries",
				    *at, (int)len, s);
				dup = 1;
			}
		}
		if (!dup)
			hmap_put(&seen, hash, n);
	}
	hmap_free(&seen);
}

int
client_parse(struct client *c, const struct source *src, const char *slug,
    const struct config *cfg, date_t today, unsigned flags, struct diags *d)
{
	struct fmpass p = { 0 };
	const char *line;
	size_t len, close = 0, n, before = d->nerr;

	memset(c, 0, sizeof(*c));
	c->path = pool_strdup(&c->pool, src->path);
	c->slug = pool_strdup(&c->pool, slug);
	c->status = STATUS_ACTIVE;
	c->health = HEALTH_GREEN;
	c->cadence = cfg->cadence;
	c->reply_within = cfg->reply_within;
	c->next = c->since = c->renews = DATE_NONE;
	c->contract_hours = -1;
	c->rate = -1;
	c->body_line = 1;
	if (src->buf == NULL || src->binary) {
		c->errors = 1;		/* reported by source_read */
		return c->errors;
	}

	p.c = c;
	p.src = src;
	p.cfg = cfg;
	p.d = d;
	line = source_line(src, 1, &len);
	if (line == NULL || !is_fence(line, len)) {
		diag_msg(d, src->path, 1, 1, DIAG_ERROR,
		    "no front-matter: start the file with a line '---', the "
		    "client's settings (name = ...), and another '---'");
		goto body;
	}
	for (n = 2; n <= src->nlines; n++) {
		line = source_line(src, n, &len);
		if (is_fence(line, len)) {
			close = n;
			break;
		}
	}
	if (close == 0) {
		diag_msg(d, src->path, 1, 1, DIAG_ERROR,
		    "front-matter is not closed: add a line '---' after the "
		    "client's settings");
		c->body_line = src->nlines + 1;
		goto out;
	}
	inifile_parse(src, 2, close - 1, client_on_event, &p, d);
	c->body_line = close + 1;
	check_whole(&p, 1);
body:
	body_parse(c, src, today, flags, d);
	check_dates(&p);
	check_messages(c, src, d);
out:
	/* Every error about this file, whichever layer reported it. */
	c->errors = (int)(d->nerr - before);
	return c->errors;
}

/* The bytes of the people's strings a summary keeps (not their notes). */
static size_t
people_size(const struct client *c)
{
	const struct person *pe;
	size_t i, j, n = 0;

	for (i = 0; i < c->npeople; i++) {
		pe = &c->people[i];
		n += strlen(pe->key) + 1;
		n += pe->name != NULL ? strlen(pe->name) + 1 : 0;
		n += pe->role != NULL ? strlen(pe->role) + 1 : 0;
		n += pe->phone != NULL ? strlen(pe->phone) + 1 : 0;
		for (j = 0; j < pe->nemails; j++)
			n += strlen(pe->emails[j]) + 1;
	}
	return n;
}

/* Moves the people's strings into keep; their notes are dropped. */
static void
people_keep(struct client *c, struct pool *keep)
{
	struct person *pe;
	size_t i, j;

	for (i = 0; i < c->npeople; i++) {
		pe = &c->people[i];
		pe->key = pool_strdup(keep, pe->key);
		pe->name = pool_strdup(keep, pe->name);
		pe->role = pool_strdup(keep, pe->role);
		pe->phone = pool_strdup(keep, pe->phone);
		pe->notes = NULL;
		for (j = 0; j < pe->nemails; j++)
			pe->emails[j] = pool_strdup(keep, pe->emails[j]);
	}
}

void
client_slim(struct client *c)
{
	struct pool keep = { NULL };
	struct client full = *c;
	char **const kept[] = { &c->path, &c->slug, &c->name, &c->owner,
	    &c->share_key,
	    &c->contact.name, &c->contact.role, &c->contact.email,
	    &c->contact.phone, &c->escalation.name, &c->escalation.role,
	    &c->escalation.email, &c->escalation.phone };
	const size_t nkept = sizeof(kept) / sizeof(kept[0]);
	size_t i, need = 0;

	/* One block of just the right size: a summary costs what it holds. */
	for (i = 0; i < nkept; i++)
		need += *kept[i] != NULL ? strlen(*kept[i]) + 1 : 0;
	for (i = 0; i < c->ntags; i++)
		need += strlen(c->tags[i]) + 1;
	for (i = 0; i < c->nemails; i++)
		need += strlen(c->emails[i]) + 1;
	for (i = 0; i < c->ndomains; i++)
		need += strlen(c->domains[i]) + 1;
	need += people_size(c);
	pool_reserve(&keep, need);
	for (i = 0; i < nkept; i++)
		*kept[i] = pool_strdup(&keep, *kept[i]);
	for (i = 0; i < c->ntags; i++)
		c->tags[i] = pool_strdup(&keep, c->tags[i]);
	for (i = 0; i < c->nemails; i++)
		c->emails[i] = pool_strdup(&keep, c->emails[i]);
	for (i = 0; i < c->ndomains; i++)
		c->domains[i] = pool_strdup(&keep, c->domains[i]);
	people_keep(c, &keep);
	c->pool = keep;
	/* The old pool and what only the whole model has go with full. */
	full.tags = NULL;
	full.ntags = 0;
	full.emails = NULL;
	full.nemails = 0;
	full.domains = NULL;
	full.ndomains = 0;
	full.people = NULL;
	full.npeople = 0;
	client_free(&full);
	c->metrics = NULL;
	c->nmetrics = 0;
	c->reports = NULL;
	c->nreports = 0;
	c->goals = NULL;
	c->ngoals = 0;
	c->entries = NULL;
	c->nentries = 0;
	c->commitments = NULL;
	c->ncommitments = 0;
	c->notes_html = NULL;
}

int
client_each_address(const struct client *c, client_address_fn *fn,
    void *arg)
{
	size_t i, j;
	int rc;

	if (c->contact.email != NULL && (rc = fn(c->contact.email,
	    c->contact.line, arg)) != 0)
		return rc;
	if (c->escalation.email != NULL && (rc = fn(c->escalation.email,
	    c->escalation.line, arg)) != 0)
		return rc;
	for (i = 0; i < c->npeople; i++)
		for (j = 0; j < c->people[i].nemails; j++)
			if ((rc = fn(c->people[i].emails[j], c->people[i].line,
			    arg)) != 0)
				return rc;
	for (i = 0; i < c->nemails; i++)
		if ((rc = fn(c->emails[i], 0, arg)) != 0)
			return rc;
	return 0;
}

void
client_free(struct client *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nreports; i++) {
		free(c->reports[i].keys);
		free(c->reports[i].values);
		free(c->reports[i].lines);
	}
	free(c->reports);
	for (i = 0; i < c->npeople; i++)
		free(c->people[i].emails);
	free(c->people);
	free(c->goals);
	free(c->tags);
	free(c->emails);
	free(c->domains);
	free(c->metrics);
	free(c->entries);
	free(c->commitments);
	pool_free(&c->pool);
	memset(c, 0, sizeof(*c));
}
