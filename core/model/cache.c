/*
 * cache.c: the client cache (see cache.h).
 *
 * A state file (statefile.h) of CACHE_MAGIC for the key, whose body is
 * the records, the caller's note (its bytes, then their length in 4
 * bytes) and the record count (8 bytes): the counts come last because
 * the records are written out as they are put, never held whole (at
 * 100,000 clients they are some 150 MB).  A record is its length, the path, the file's hash, aux, then the summary,
 * the followup (its measure too) and the messages, every string as a
 * length and its bytes.
 * Numbers are in this machine's order: the key covers the program, so a
 * cache is never read by another build.  Reading checks every length
 * against what is left, so a damaged file can only be refused.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "fileio.h"
#include "hmap.h"
#include "statefile.h"
#include "util.h"

#define CACHE_MAGIC	"rapport-cache 9"
#define NO_STRING	UINT32_MAX

/*
 * The file read is not held: its records are read when asked for, from
 * the file kept open (a later cache_write renames another file over its
 * name, never writes into it).
 */
#define REC_MAX		((size_t)1 << 24)	/* a record's length, at most */

struct rec {
	uint64_t	 off;
	uint32_t	 len;
	uint64_t	 hash;		/* of the file's bytes */
	uint64_t	 stamp;		/* of the file (ws_stamp), or 0 */
};

struct cache {
	char		*path;
	uint64_t	 key;
	int		 fd;		/* the file read, or -1 */
	struct rec	*recs;		/* its records, in its order */
	struct hmap	 index;		/* hash of a path: its record's number */
	struct statefile_out *out;	/* the new file, records put this run */
	size_t		 nout;
	char		*note;		/* the file's */
	size_t		 notelen;
	char		*newnote;	/* set this run, or NULL */
	size_t		 newlen;
	pthread_mutex_t	 lock;
};

/* ---- writing records ------------------------------------------------- */

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_putn(b, (const char *)&v, sizeof(v));
}

static void
put_u64(struct buf *b, uint64_t v)
{
	buf_putn(b, (const char *)&v, sizeof(v));
}

static void
put_str(struct buf *b, const char *s)
{
	if (s == NULL) {
		put_u32(b, NO_STRING);
		return;
	}
	put_u32(b, (uint32_t)strlen(s));
	buf_puts(b, s);
}

static void
put_contact(struct buf *b, const struct contact *ct)
{
	put_str(b, ct->name);
	put_str(b, ct->role);
	put_str(b, ct->email);
	put_str(b, ct->phone);
	put_u32(b, (uint32_t)ct->line);
}

/* The people of a summary: key, name, role, e-mails, phone, line. */
static void
put_people(struct buf *b, const struct client *c)
{
	size_t i, j;

	put_u32(b, (uint32_t)c->npeople);
	for (i = 0; i < c->npeople; i++) {
		const struct person *pe = &c->people[i];

		put_str(b, pe->key);
		put_str(b, pe->name);
		put_str(b, pe->role);
		put_u32(b, (uint32_t)pe->nemails);
		for (j = 0; j < pe->nemails; j++)
			put_str(b, pe->emails[j]);
		put_str(b, pe->phone);
		put_u32(b, (uint32_t)pe->line);
	}
}

static void
put_duration(struct buf *b, struct duration d)
{
	put_u32(b, (uint32_t)d.n);
	put_u32(b, (uint32_t)d.unit);
}

/* Replies as four numbers, 12 bytes; months as a month and hours. */
static void
put_measure(struct buf *b, const struct measure *m)
{
	size_t i;

	put_u32(b, (uint32_t)m->nreplies);
	for (i = 0; i < m->nreplies; i++) {
		put_u32(b, (uint32_t)m->replies[i].in);
		put_u32(b, (uint32_t)m->replies[i].out);
		put_u32(b, (uint32_t)(uint16_t)m->replies[i].in_min |
		    (uint32_t)(uint16_t)m->replies[i].out_min << 16);
	}
	put_u32(b, (uint32_t)m->nmonths);
	for (i = 0; i < m->nmonths; i++) {
		put_u32(b, (uint32_t)m->months[i].month);
		put_u64(b, (uint64_t)m->months[i].hours);
	}
}

void
cache_put(struct cache *k, const char *path, uint64_t hash, uint64_t stamp,
    const struct client *c, const struct followup *f, const struct diags *d,
    const uint64_t aux[2])
{
	struct buf b = { 0 };
	size_t i, at;
	uint32_t len;

	put_u32(&b, 0);			/* the length, set below */
	put_str(&b, path);
	put_u64(&b, hash);
	put_u64(&b, stamp);
	put_u64(&b, aux[0]);
	put_u64(&b, aux[1]);
	at = b.len;
	put_u32(&b, 0);			/* the summary's size, set below */
	put_u32(&b, (uint32_t)d->nerr);
	put_str(&b, c->name);
	put_u32(&b, (uint32_t)c->status);
	put_u32(&b, (uint32_t)c->health);
	put_str(&b, c->owner);
	put_str(&b, c->share_key);
	put_u32(&b, (uint32_t)c->share_line);
	put_duration(&b, c->cadence);
	put_duration(&b, c->reply_within);
	put_u32(&b, (uint32_t)c->next);
	put_u32(&b, (uint32_t)c->since);
	put_u32(&b, (uint32_t)c->ntags);
	for (i = 0; i < c->ntags; i++)
		put_str(&b, c->tags[i]);
	put_u32(&b, (uint32_t)c->nemails);
	for (i = 0; i < c->nemails; i++)
		put_str(&b, c->emails[i]);
	put_u32(&b, (uint32_t)c->ndomains);
	for (i = 0; i < c->ndomains; i++)
		put_str(&b, c->domains[i]);
	put_contact(&b, &c->contact);
	put_contact(&b, &c->escalation);
	put_people(&b, c);
	put_u64(&b, (uint64_t)c->contract_hours);
	put_u64(&b, (uint64_t)c->rate);
	put_u32(&b, (uint32_t)c->renews);
	put_u32(&b, (uint32_t)f->state);
	put_u32(&b, (uint32_t)f->last_contact);
	put_u32(&b, (uint32_t)f->next_contact);
	put_u64(&b, (uint64_t)f->hours_month);
	/*
	 * The summary's strings all come before this (and its numbers,
	 * a few dozen bytes): what cache_get reserves for them at once.
	 */
	len = (uint32_t)(b.len - at);
	memcpy(b.s + at, &len, sizeof(len));
	put_measure(&b, &f->measure);
	put_u32(&b, (uint32_t)f->nsignals);
	for (i = 0; i < f->nsignals; i++) {
		const struct signal *sg = &f->signals[i];

		put_u32(&b, (uint32_t)sg->kind);
		put_u32(&b, (uint32_t)sg->due);
		put_u32(&b, (uint32_t)sg->level);
		put_u32(&b, (uint32_t)sg->line);
		put_str(&b, sg->text);
	}
	put_u32(&b, (uint32_t)d->n);
	for (i = 0; i < d->n; i++) {
		put_u32(&b, (uint32_t)d->v[i].line);
		put_u32(&b, (uint32_t)d->v[i].col);
		put_u32(&b, (uint32_t)d->v[i].level);
		put_str(&b, d->v[i].msg);
	}
	len = (uint32_t)b.len;
	memcpy(b.s, &len, sizeof(len));
	pthread_mutex_lock(&k->lock);
	if (k->out != NULL) {
		statefile_put(k->out, b.s, b.len);
		k->nout++;
	}
	pthread_mutex_unlock(&k->lock);
	buf_free(&b);
}

/* ---- reading records ------------------------------------------------- */

/* A cursor over one record; any read past its end sets bad. */
struct rd {
	const char	*p, *end;
	int		 bad;
};

static void
get(struct rd *r, void *v, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		memset(v, 0, n);
		return;
	}
	memcpy(v, r->p, n);
	r->p += n;
}

static uint32_t
get_u32(struct rd *r)
{
	uint32_t v;

	get(r, &v, sizeof(v));
	return v;
}

static uint64_t
get_u64(struct rd *r)
{
	uint64_t v;

	get(r, &v, sizeof(v));
	return v;
}

/* The next string, pointing into the data (not NUL-terminated). */
static const char *
get_strn(struct rd *r, uint32_t *len)
{
	const char *s;

	*len = get_u32(r);
	if (*len == NO_STRING || r->bad)
		return NULL;
	if ((size_t)(r->end - r->p) < *len) {
		r->bad = 1;
		return NULL;
	}
	s = r->p;
	r->p += *len;
	return s;
}

static char *
get_str(struct rd *r, struct pool *p)
{
	uint32_t len;
	const char *s = get_strn(r, &len);

	return s != NULL ? pool_strndup(p, s, len) : NULL;
}

static char *
get_xstr(struct rd *r)
{
	uint32_t len;
	const char *s = get_strn(r, &len);

	return s != NULL ? xstrndup(s, len) : NULL;
}

static void
get_contact(struct rd *r, struct pool *p, struct contact *ct)
{
	ct->name = get_str(r, p);
	ct->role = get_str(r, p);
	ct->email = get_str(r, p);
	ct->phone = get_str(r, p);
	ct->line = (int)get_u32(r);
}

static struct duration
get_duration(struct rd *r)
{
	struct duration d;

	d.n = (int)get_u32(r);
	d.unit = (enum dur_unit)get_u32(r);
	return d;
}

/* A count and that many strings; NULL when the count cannot be right. */
static char **
get_list(struct rd *r, struct pool *p, size_t *n)
{
	size_t i;
	char **v;

	*n = get_u32(r);
	if (r->bad || *n > (size_t)(r->end - r->p) / 4)
		return NULL;
	v = xcalloc(*n + 1, sizeof(*v));
	for (i = 0; i < *n; i++)
		v[i] = get_str(r, p);
	return v;
}

/* The people put_people wrote; -1 when a count cannot be right. */
static int
get_people(struct rd *r, struct pool *p, struct client *c)
{
	size_t i, n = get_u32(r);

	if (r->bad || n > (size_t)(r->end - r->p) / 16)
		return -1;
	c->people = xcalloc(n + 1, sizeof(*c->people));
	c->npeople = n;
	for (i = 0; i < n; i++) {
		struct person *pe = &c->people[i];

		pe->key = get_str(r, p);
		pe->name = get_str(r, p);
		pe->role = get_str(r, p);
		if ((pe->emails = get_list(r, p, &pe->nemails)) == NULL)
			return -1;
		pe->phone = get_str(r, p);
		pe->line = (int)get_u32(r);
		if (r->bad || pe->key == NULL)
			return -1;
	}
	return 0;
}

/*
 * Record i read into *data (allocated; the caller frees it), r over its
 * fields after the path.  0, or -1 (*data NULL).
 */
static int
record_read(const struct cache *k, size_t i, char **data, struct rd *r,
    const char **path, uint32_t *plen)
{
	size_t len = k->recs[i].len;
	uint32_t got;

	*data = xmalloc(len);
	if (file_read_at(k->fd, *data, len, k->recs[i].off) == -1) {
		free(*data);
		*data = NULL;
		return -1;
	}
	r->p = *data;
	r->end = *data + len;
	r->bad = 0;
	got = get_u32(r);
	*path = get_strn(r, plen);
	if (r->bad || got != len || *path == NULL) {
		free(*data);
		*data = NULL;
		return -1;
	}
	return 0;
}

static int
get_measure(struct rd *r, struct measure *m)
{
	size_t i, n;
	uint32_t mins;

	if ((n = get_u32(r)) > (size_t)(r->end - r->p) / 12)
		return -1;
	m->nreplies = n;
	m->replies = xcalloc(n + 1, sizeof(*m->replies));
	for (i = 0; i < n; i++) {
		m->replies[i].in = (date_t)get_u32(r);
		m->replies[i].out = (date_t)get_u32(r);
		mins = get_u32(r);
		m->replies[i].in_min = (int16_t)(uint16_t)(mins & 0xffff);
		m->replies[i].out_min = (int16_t)(uint16_t)(mins >> 16);
	}
	if ((n = get_u32(r)) > (size_t)(r->end - r->p) / 12)
		return -1;
	m->nmonths = n;
	m->months = xcalloc(n + 1, sizeof(*m->months));
	for (i = 0; i < n; i++) {
		m->months[i].month = (month_t)get_u32(r);
		m->months[i].hours = (int64_t)get_u64(r);
	}
	return r->bad ? -1 : 0;
}

/*
 * From the index alone, without reading the record (cache_get reads it
 * next): taking another path's record would need its path's hash and its
 * file's stamp both to equal this one's, two 64-bit hashes at once, where
 * every record already trusts one (of the file's bytes).
 */
int
cache_hash(const struct cache *k, const char *path, uint64_t stamp,
    uint64_t *hash)
{
	size_t cur = 0, *v;
	uint64_t key;

	if (k == NULL || stamp == 0)
		return 0;
	key = hash64(path, strlen(path), 0);
	while ((v = hmap_next(&k->index, key, &cur)) != NULL)
		if (k->recs[*v].stamp == stamp) {
			*hash = k->recs[*v].hash;
			return 1;
		}
	return 0;
}

int
cache_get(const struct cache *k, const char *path, uint64_t hash,
    struct client *c, struct followup *f, struct diags *d, uint64_t aux[2])
{
	struct rd r;
	const char *rp;
	char *data = NULL;
	size_t i, n, plen = strlen(path), cur = 0, *v;
	uint64_t key;
	uint32_t len, nerr, ndiag;
	struct diags mine = { 0 };

	if (k == NULL)
		return 0;
	key = hash64(path, plen, 0);
	/* Only a record of these bytes is read: the index knows its hash. */
	while ((v = hmap_next(&k->index, key, &cur)) != NULL) {
		if (k->recs[*v].hash != hash)
			continue;
		if (record_read(k, *v, &data, &r, &rp, &len) == 0 &&
		    len == plen && memcmp(rp, path, plen) == 0)
			break;
		free(data);
		data = NULL;
	}
	if (v == NULL || get_u64(&r) != hash) {
		free(data);
		return 0;
	}
	(void)get_u64(&r);		/* the stamp: cache_hash's */
	memset(c, 0, sizeof(*c));
	memset(f, 0, sizeof(*f));
	aux[0] = get_u64(&r);
	aux[1] = get_u64(&r);
	/* Strings of the summary fit one block, as client_slim makes. */
	len = get_u32(&r);
	if (len > (size_t)(r.end - r.p))
		goto bad;
	pool_reserve(&c->pool, (size_t)len + plen + 1);
	nerr = get_u32(&r);
	c->path = pool_strndup(&c->pool, path, plen);
	c->name = get_str(&r, &c->pool);
	c->status = (enum client_status)get_u32(&r);
	c->health = (enum client_health)get_u32(&r);
	c->owner = get_str(&r, &c->pool);
	c->share_key = get_str(&r, &c->pool);
	c->share_line = (int)get_u32(&r);
	c->cadence = get_duration(&r);
	c->reply_within = get_duration(&r);
	c->next = (date_t)get_u32(&r);
	c->since = (date_t)get_u32(&r);
	n = get_u32(&r);
	if (n > (size_t)(r.end - r.p) / 4)
		goto bad;
	c->ntags = n;
	c->tags = xcalloc(n + 1, sizeof(*c->tags));
	for (i = 0; i < n; i++)
		c->tags[i] = get_str(&r, &c->pool);
	if ((c->emails = get_list(&r, &c->pool, &c->nemails)) == NULL ||
	    (c->domains = get_list(&r, &c->pool, &c->ndomains)) == NULL)
		goto bad;
	get_contact(&r, &c->pool, &c->contact);
	get_contact(&r, &c->pool, &c->escalation);
	if (get_people(&r, &c->pool, c) == -1)
		goto bad;
	c->contract_hours = (int64_t)get_u64(&r);
	c->rate = (int64_t)get_u64(&r);
	c->renews = (date_t)get_u32(&r);
	f->client = c;
	f->state = (enum level)get_u32(&r);
	f->last_contact = (date_t)get_u32(&r);
	f->next_contact = (date_t)get_u32(&r);
	f->hours_month = (int64_t)get_u64(&r);
	if (get_measure(&r, &f->measure) == -1)
		goto bad;
	n = get_u32(&r);
	if (n > (size_t)(r.end - r.p) / 20)
		goto bad;
	f->nsignals = n;
	f->signals = xcalloc(n + 1, sizeof(*f->signals));
	for (i = 0; i < n; i++) {
		struct signal *sg = &f->signals[i];

		sg->kind = (enum signal_kind)get_u32(&r);
		sg->due = (date_t)get_u32(&r);
		sg->level = (enum level)get_u32(&r);
		sg->line = (int)get_u32(&r);
		sg->text = get_xstr(&r);
		if (sg->text == NULL)
			goto bad;
	}
	ndiag = get_u32(&r);
	if (ndiag > (size_t)(r.end - r.p) / 16)
		goto bad;
	for (i = 0; i < ndiag && !r.bad; i++) {
		int line = (int)get_u32(&r), col = (int)get_u32(&r);
		enum diag_level lv = (enum diag_level)get_u32(&r);
		char *msg = get_xstr(&r);

		if (msg == NULL || (lv != DIAG_WARNING && lv != DIAG_ERROR)) {
			free(msg);
			goto bad;
		}
		diag_msg(&mine, path, line, col, lv, "%s", msg);
		free(msg);
	}
	if (r.bad || r.p != r.end || mine.nerr != nerr)
		goto bad;
	c->errors = (int)nerr;
	diags_take(d, &mine);
	free(data);
	return 1;
bad:
	free(data);
	diags_free(&mine);
	followup_free(f);
	client_free(c);
	return 0;
}

/* ---- the file -------------------------------------------------------- */

/*
 * The records' lengths and paths, read a window at a time: one read of
 * WINDOW bytes serves the many records in it.
 */
#define WINDOW	((size_t)256 << 10)

struct win {
	int	 fd;
	char	*buf;
	size_t	 start, len;	/* the file's bytes in buf */
};

/* The n <= WINDOW bytes at off, in the window; NULL when unreadable. */
static const char *
win_at(struct win *w, size_t off, size_t n, size_t end)
{
	if (off < w->start || off + n > w->start + w->len) {
		w->start = off;
		w->len = end - off < WINDOW ? end - off : WINDOW;
		if (n > w->len || file_read_at(w->fd, w->buf, w->len,
		    off) == -1) {
			w->len = 0;
			return NULL;
		}
	}
	return w->buf + (off - w->start);
}

static int
load(struct cache *k)
{
	size_t off, body, n, end;
	uint64_t count;
	uint32_t nlen;
	char tail[12];
	struct win w = { 0 };
	int rc = -1;

	if ((k->fd = file_open_regular(k->path, 1)) == -1 ||
	    statefile_check_fd(k->fd, CACHE_MAGIC, k->key, &off,
	    &body) == -1 || body < 12 ||
	    file_read_at(k->fd, tail, 12, off + body - 12) == -1)
		return -1;
	/* From the end: the count, the note's length, the note. */
	memcpy(&nlen, tail, 4);
	memcpy(&count, tail + 4, 8);
	if (nlen > body - 12 || count > body / 8)
		return -1;
	end = off + body - 12 - (size_t)nlen;
	k->note = xmalloc((size_t)nlen + 1);
	k->notelen = nlen;
	if (file_read_at(k->fd, k->note, nlen, end) == -1)
		return -1;
	w.fd = k->fd;
	w.buf = xmalloc(WINDOW);
	hmap_reserve(&k->index, (size_t)count);
	k->recs = xcalloc((size_t)count + 1, sizeof(*k->recs));
	for (n = 0; n < count; n++) {
		const char *p;
		uint32_t len, plen;

		/* Its length, its path (length, bytes), hash and stamp. */
		if ((p = win_at(&w, off, 8, end)) == NULL)
			goto out;
		memcpy(&len, p, 4);
		memcpy(&plen, p + 4, 4);
		if (len < 24 || len > REC_MAX || len > end - off ||
		    plen > len - 24 || plen > WINDOW - 24 ||
		    (p = win_at(&w, off, 24 + (size_t)plen, end)) == NULL)
			goto out;
		hmap_put(&k->index, hash64(p + 8, plen, 0), n);
		k->recs[n].off = off;
		k->recs[n].len = len;
		memcpy(&k->recs[n].hash, p + 8 + plen, 8);
		memcpy(&k->recs[n].stamp, p + 16 + plen, 8);
		off += len;
	}
	rc = off == end ? 0 : -1;
out:
	free(w.buf);
	return rc;
}

struct cache *
cache_open(const char *path, uint64_t key)
{
	struct cache *k = xcalloc(1, sizeof(*k));

	k->path = xstrdup(path);
	k->key = key;
	k->fd = -1;
	pthread_mutex_init(&k->lock, NULL);
	if (load(k) == -1) {
		if (k->fd != -1)
			(void)close(k->fd);
		k->fd = -1;
		hmap_free(&k->index);
		free(k->recs);
		k->recs = NULL;
		free(k->note);
		k->note = NULL;
		k->notelen = 0;
	}
	/* Here, on the caller's thread: it reads the umask. */
	k->out = statefile_create(path, CACHE_MAGIC, key);
	return k;
}

uint64_t
cache_key(const struct cache *k)
{
	return k->key;
}

const char *
cache_note(const struct cache *k, size_t *len)
{
	*len = k->notelen;
	return k->note;
}

void
cache_set_note(struct cache *k, const char *note, size_t len)
{
	if (len > UINT32_MAX)
		return;		/* not kept; the old note checks its own key */
	free(k->newnote);
	k->newnote = xmalloc(len + 1);
	memcpy(k->newnote, note, len);
	k->newlen = len;
}

int
cache_write(struct cache *k)
{
	const char *note = k != NULL && k->newnote != NULL ? k->newnote :
	    k != NULL ? k->note : NULL;
	uint32_t nlen;
	uint64_t count;
	int rc;

	if (k == NULL)
		return 0;
	if (k->out == NULL) {
		errno = EALREADY;	/* written already */
		return -1;
	}
	nlen = (uint32_t)(k->newnote != NULL ? k->newlen : k->notelen);
	count = (uint64_t)k->nout;
	statefile_put(k->out, note != NULL ? note : "", nlen);
	statefile_put(k->out, &nlen, 4);
	statefile_put(k->out, &count, 8);
	rc = statefile_finish(k->out);
	k->out = NULL;
	return rc;
}

void
cache_free(struct cache *k)
{
	if (k == NULL)
		return;
	free(k->path);
	if (k->fd != -1)
		(void)close(k->fd);
	free(k->note);
	free(k->recs);
	hmap_free(&k->index);
	statefile_abandon(k->out);
	free(k->newnote);
	pthread_mutex_destroy(&k->lock);
	free(k);
}
