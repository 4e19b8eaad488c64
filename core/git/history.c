/*
 * history.c: the history of every client file in one walk (history.h):
 * the commits are listed, each is compared with its parents on several
 * threads (history_diff.c says how), and the slugs each touched are filed
 * in walk order, extending the cache (history_file.c) when it holds the
 * walk's older part.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "history_int.h"
#include "repo_int.h"
#include "util.h"

/* ---- the slug table -------------------------------------------------- */

/* The slot of slug (len bytes, whose hash64 is hash), or NULL. */
static struct slot *
slot_find(const struct history *h, const char *slug, size_t len,
    uint64_t hash)
{
	size_t cur = 0, *i;

	while ((i = hmap_next(&h->index, hash, &cur)) != NULL) {
		struct slot *s = &h->slots[*i];

		if (strncmp(s->slug, slug, len) == 0 && s->slug[len] == '\0')
			return s;
	}
	return NULL;
}

struct slot *
history_slot_get(struct history *h, const char *slug, size_t len)
{
	uint64_t hash = hash64(slug, len, 0);
	struct slot *s = slot_find(h, slug, len, hash);

	if (s != NULL)
		return s;
	xgrow(&h->slots, &h->capslots, h->nslots + 1, sizeof(*h->slots));
	hmap_put(&h->index, hash, h->nslots);
	s = &h->slots[h->nslots++];
	memset(s, 0, sizeof(*s));
	s->slug = pool_strndup(&h->pool, slug, len);
	return s;
}

void
history_slot_add(struct history *h, struct slot *s, uint32_t commit)
{
	if (s->n >= h->max || (s->n > 0 && s->idx[s->n - 1] == commit))
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4;
		if (s->cap > h->max)
			s->cap = (uint32_t)h->max;
		s->idx = xrealloc(s->idx, s->cap * sizeof(*s->idx));
	}
	s->idx[s->n++] = commit;
}

/* The day and time of day of c's when, in the author's time zone. */
void
history_commit_local(struct repo_commit *c)
{
	int64_t local = c->when + (int64_t)c->offset * 60, sec;

	c->day = (date_t)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
	sec = local - (int64_t)c->day * 86400;
	c->minutes = (int)(sec / 60);
}

/*
 * The one conversion of a git commit into rapport's record of it; the
 * cache keeps the record (history_file_write, history_file_read).
 */
static uint32_t
commit_add(struct history *h, git_commit *c, const git_oid *oid)
{
	const git_signature *a = git_commit_author(c);
	struct repo_commit *rc;
	git_buf sb = { NULL, 0, 0 };
	const char *sum = git_commit_summary(c);

	xgrow(&h->commits, &h->capcommits, h->ncommits + 1,
	    sizeof(*h->commits));
	rc = &h->commits[h->ncommits];
	memset(rc, 0, sizeof(*rc));
	git_oid_tostr(rc->id, sizeof(rc->id), oid);
	if (git_object_short_id(&sb, (const git_object *)c) == 0)
		snprintf(rc->short_id, sizeof(rc->short_id), "%s", sb.ptr);
	else
		snprintf(rc->short_id, sizeof(rc->short_id), "%.7s", rc->id);
	git_buf_dispose(&sb);
	rc->author = pool_strdup(&h->pool, a->name ? a->name : "");
	rc->email = pool_strdup(&h->pool, a->email ? a->email : "");
	rc->when = (int64_t)a->when.time;
	rc->offset = a->when.offset;
	history_commit_local(rc);
	rc->summary = pool_strdup(&h->pool, sum ? sum : "");
	return (uint32_t)h->ncommits++;
}

/*
 * The commits to walk are listed first (cheap), then compared with their
 * parents on several threads, each with a repository handle of its own
 * (libgit2 objects are not shared between threads), in any order; the
 * results are filed in walk order, so the outcome is the same.
 */
struct walkjob {
	const char	*gitdir;
	const char	*prefix;
	const git_oid	*oids;
	struct touched	*out;
	git_repository	*git[UTIL_MAX_JOBS];	/* per thread, opened lazily */
	int		 tried[UTIL_MAX_JOBS];
};

/* Compares commit i with its parents (a run_each item on thread t). */
static void
walk_one(size_t i, int t, void *arg)
{
	struct walkjob *j = arg;
	git_commit *c = NULL;
	git_repository *git;

	if (!j->tried[t]) {
		j->tried[t] = 1;
		if (git_repository_open_bare(&j->git[t], j->gitdir) < 0)
			j->git[t] = NULL;
	}
	git = j->git[t];
	if (git == NULL || git_commit_lookup(&c, git, &j->oids[i]) < 0) {
		j->out[i].failed = 1;
		return;
	}
	history_touched(git, j->prefix, c, &j->out[i]);
	git_commit_free(c);
}

/* Files the commits in oids (walk order) under the slugs they touched. */
static int
walk_commits(struct repo *r, struct history *h, const git_oid *oids,
    size_t n, int jobs)
{
	struct walkjob j;
	size_t i, k;
	int t, rc = 0;

	memset(&j, 0, sizeof(j));
	j.gitdir = git_repository_path(r->git);
	j.prefix = r->prefix;
	j.oids = oids;
	j.out = xcalloc(n + 1, sizeof(*j.out));
	run_each(n, jobs, walk_one, &j);
	/* An interrupted walk is incomplete: never cached, never used. */
	if (run_stopped())
		rc = -1;
	for (t = 0; t < UTIL_MAX_JOBS; t++)
		git_repository_free(j.git[t]);
	for (i = 0; i < n; i++) {
		uint32_t idx = UINT32_MAX;

		if (j.out[i].failed)
			rc = -1;
		for (k = 0; k < j.out[i].n && rc == 0; k++) {
			struct slot *s = history_slot_get(h, j.out[i].slug[k],
			    strlen(j.out[i].slug[k]));
			git_commit *c;

			if (s->n >= h->max)
				continue;
			if (idx == UINT32_MAX) {
				if (git_commit_lookup(&c, r->git, &oids[i]) < 0) {
					rc = -1;
					break;
				}
				idx = commit_add(h, c, &oids[i]);
				git_commit_free(c);
			}
			history_slot_add(h, s, idx);
		}
		for (k = 0; k < j.out[i].nrenames && rc == 0; k++)
			history_rename_add(h, j.out[i].to[k], j.out[i].from[k]);
		history_touched_free(&j.out[i]);
	}
	free(j.out);
	return rc;
}

/* ---- loading --------------------------------------------------------- */

static struct history *
history_new(size_t max)
{
	struct history *h = xcalloc(1, sizeof(*h));

	h->max = max ? max : 1;
	return h;
}

/* Appends old's commits and lists after h's (newer) ones, up to max. */
void
history_rename_add(struct history *h, const char *to, const char *from)
{
	xgrow(&h->renames, &h->caprenames, h->nrenames + 1,
	    sizeof(*h->renames));
	h->renames[h->nrenames].to = pool_strdup(&h->pool, to);
	h->renames[h->nrenames].from = pool_strdup(&h->pool, from);
	h->nrenames++;
}

static void
history_append(struct history *h, const struct history *old)
{
	size_t base = h->ncommits, i, j;

	for (i = 0; i < old->nrenames; i++)
		history_rename_add(h, old->renames[i].to, old->renames[i].from);

	for (i = 0; i < old->ncommits; i++) {
		struct repo_commit c = old->commits[i];

		c.author = pool_strdup(&h->pool, c.author);
		c.email = pool_strdup(&h->pool, c.email);
		c.summary = pool_strdup(&h->pool, c.summary);
		xgrow(&h->commits, &h->capcommits, h->ncommits + 1,
		    sizeof(*h->commits));
		h->commits[h->ncommits++] = c;
	}
	for (i = 0; i < old->nslots; i++) {
		const struct slot *o = &old->slots[i];
		struct slot *s;

		s = history_slot_get(h, o->slug, strlen(o->slug));
		for (j = 0; j < o->n; j++)
			history_slot_add(h, s, (uint32_t)(base + o->idx[j]));
	}
}

struct history *
history_load(struct repo *r, size_t max, int cache, int jobs,
    struct diags *d)
{
	struct history *h = history_new(max), *old = NULL;
	git_oid head, base, *oids = NULL;
	size_t noids = 0;
	int unborn;

	/* From the commit read (repo_open_rev), else from HEAD. */
	if (r->has_tip)
		git_oid_cpy(&head, &r->tip);
	else if ((unborn = git_repository_head_unborn(r->git)) == 1)
		return h;
	else if (unborn < 0 || git_reference_name_to_id(&head, r->git,
	    "HEAD") < 0)
		goto fail;
	git_oid_tostr(h->head, sizeof(h->head), &head);
	/* A shallow clone's history grows without HEAD moving: no cache. */
	if (repo_shallow(r))
		cache = 0;
	if (cache) {
		old = history_new(max);
		if (history_file_read(r, old) == -1 || git_oid_fromstr(&base,
		    old->head) < 0 || (!git_oid_equal(&base, &head) &&
		    git_graph_descendant_of(r->git, &head, &base) != 1)) {
			history_free(old);
			old = NULL;
		} else if (git_oid_equal(&base, &head)) {
			history_free(h);
			return old;
		}
	}
	/*
	 * Reading, as "git log" does, without hashing every object again:
	 * verifying each tree's id doubled the walk.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (repo_walk(r, &head, old != NULL ? &base : NULL, &oids,
	    &noids) == -1)
		goto fail;
	if (walk_commits(r, h, oids, noids, jobs) == -1)
		goto fail;
	if (old != NULL)
		history_append(h, old);
	h->cut = repo_shallow(r);
	free(oids);
	history_free(old);
	if (cache)
		history_file_write(r, h);
	return h;
fail:
	repo_fail_git(d, "cannot read the history");
	free(oids);
	history_free(old);
	history_free(h);
	return NULL;
}

int
history_cut(const struct history *h)
{
	return h->cut;
}

/* The slot of slug, or NULL when no commit touched it. */
static const struct slot *
slot_of(const struct history *h, const char *slug)
{
	size_t len = strlen(slug);

	return slot_find(h, slug, len, hash64(slug, len, 0));
}

const char *
history_message(const struct repo_commit *c, const char *slug)
{
	size_t n = strlen(slug);

	if (strncmp(c->summary, slug, n) == 0 && c->summary[n] == ':' &&
	    c->summary[n + 1] == ' ' && c->summary[n + 2] != '\0')
		return c->summary + n + 2;
	return c->summary;
}

const struct repo_commit *
history_get(const struct history *h, const char *slug, size_t i)
{
	const struct slot *s = slot_of(h, slug);

	return s != NULL && i < s->n ? &h->commits[s->idx[i]] : NULL;
}

uint64_t
history_hash(const struct history *h, const char *slug)
{
	const struct slot *s = slot_of(h, slug);
	uint64_t v = 0;
	size_t i;

	for (i = 0; s != NULL && i < s->n; i++)
		v = hash64(h->commits[s->idx[i]].id, 40, v);
	return v ^ (uint64_t)h->cut;
}

void
history_free(struct history *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->nslots; i++)
		free(h->slots[i].idx);
	free(h->slots);
	hmap_free(&h->index);
	free(h->commits);
	free(h->renames);
	pool_free(&h->pool);
	free(h);
}

const char *
history_origin(const struct history *h, const char *slug)
{
	size_t i = 0;

	/*
	 * Renames are kept newest first: each step goes to an older one,
	 * so a file renamed back and forth ends at its first name.
	 */
	for (; i < h->nrenames; i++)
		if (strcmp(h->renames[i].to, slug) == 0)
			slug = h->renames[i].from;
	return slug;
}
