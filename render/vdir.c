/*
 * vdir.c: one vCard per file, named by its UID, the gone ones removed
 * (vdir.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "hmap.h"
#include "vdir.h"

/* "8-4-4-4-12.vcf": the name of a card rapport wrote. */
#define NAME_LEN	(36 + 4)

/* Whether name is one vdir_write gives a card (a version 8 UUID). */
static int
ours(const char *name)
{
	/* x: a hex digit; y: the variant's (8, 9, a or b). */
	static const char shape[] = "xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx.vcf";
	size_t i;

	if (strlen(name) != NAME_LEN)
		return 0;
	for (i = 0; i < NAME_LEN; i++) {
		char c = name[i];

		if (shape[i] == 'x' ? !((c >= '0' && c <= '9') || (c >= 'a' &&
		    c <= 'f')) : shape[i] == 'y' ? strchr("89ab", c) == NULL ||
		    c == '\0' : c != shape[i])
			return 0;
	}
	return 1;
}

/*
 * Whether dir is a folder (0), or none yet (1: it is made whole beside
 * its name, then renamed into place); -1 reported.
 */
static int
folder(const char *dir, struct diags *d)
{
	struct stat st;

	if (lstat(dir, &st) == -1 && errno == ENOENT)
		return 1;
	if (lstat(dir, &st) == -1)
		goto fail;
	if (!S_ISDIR(st.st_mode)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "%s is not a folder%s: "
		    "give the folder of the cards", dir, S_ISLNK(st.st_mode) ?
		    " but a symbolic link (rapport writes through none)" : "");
		return -1;
	}
	return 0;
fail:
	diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot use %s for the "
	    "cards: %s", dir, strerror(errno));
	return -1;
}

/* Flushes the folder itself, after its removals. */
static void
path_sync(const char *dir)
{
	char *inside = xasprintf("%s/.", dir);

	(void)file_sync_parent(inside);
	free(inside);
}

/* What the threads writing cards share (a run_each item is a client). */
struct job {
	const struct workspace	*ws;
	const struct vcard_ctx	*x;
	const char		*dir;
	struct file_batch	*batch;		/* into an existing folder */
	struct file_stage	*stage;		/* or into a new one */
	atomic_size_t		 cards, written;
	atomic_int		 failed;
	int			 err;		/* the first failure's errno */
	struct hmap		 made;		/* each card's UUID, hashed */
	pthread_mutex_t		 lock;		/* err and made */
};

/* Writes the cards of client i (a run_each item: on up to two threads). */
static void
write_client(size_t i, int t, void *arg)
{
	struct job *jb = arg;
	const struct client *c = &jb->ws->clients[i];
	struct vcard_person *p;
	struct buf card = { 0 };
	char uid[VCARD_UID_LEN + 1], *path;
	size_t j, n;

	(void)t;
	if (!vcard_wanted(c) || atomic_load(&jb->failed))
		return;
	p = xcalloc(c->npeople + 2, sizeof(*p));
	n = vcard_people(c, p);
	for (j = 0; j < n; j++) {
		buf_reset(&card);
		vcard_write(&card, jb->x, c, &p[j]);
		vcard_uid(jb->x, c->slug, p[j].key, uid);
		/* The UUID, past "urn:uuid:". */
		path = xasprintf("%s/%s.vcf", jb->dir, uid + 9);
		atomic_fetch_add(&jb->cards, 1);
		pthread_mutex_lock(&jb->lock);
		hmap_put(&jb->made, hash64(uid + 9, 36, 0), 1);
		pthread_mutex_unlock(&jb->lock);
		/* Replaced whole, all flushed at once afterwards. */
		if (jb->stage != NULL || !file_same(path, card.s, card.len)) {
			if ((jb->stage != NULL ? file_stage_put(jb->stage,
			    path + strlen(jb->dir) + 1, card.s, card.len) :
			    file_batch_add(jb->batch, path, card.s,
			    card.len)) == -1) {
				pthread_mutex_lock(&jb->lock);
				if (!atomic_load(&jb->failed))
					jb->err = errno;
				atomic_store(&jb->failed, 1);
				pthread_mutex_unlock(&jb->lock);
			} else
				atomic_fetch_add(&jb->written, 1);
		}
		free(path);
	}
	buf_free(&card);
	free(p);
}

int
vdir_write(const struct workspace *ws, const struct vcard_ctx *x,
    const char *dir, struct vdir_stats *st, struct diags *d)
{
	struct job jb;
	struct dirent *de;
	size_t cur;
	DIR *dp;
	int rc = 0;

	memset(st, 0, sizeof(*st));
	memset(&jb, 0, sizeof(jb));
	jb.ws = ws;
	jb.x = x;
	jb.dir = dir;
	pthread_mutex_init(&jb.lock, NULL);
	switch (folder(dir, d)) {
	case -1:
		pthread_mutex_destroy(&jb.lock);
		return -1;
	case 1:
		/* A new folder: every card straight in, the folder renamed. */
		if ((jb.stage = file_stage_new(dir)) == NULL) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot make "
			    "%s: %s", dir, strerror(errno));
			pthread_mutex_destroy(&jb.lock);
			return -1;
		}
		break;
	default:
		jb.batch = file_batch_new();
	}
	/* The kernel's work of making files goes faster on two threads. */
	run_each(ws->nclients, ws->jobs, write_client, &jb);
	st->cards = atomic_load(&jb.cards);
	st->written = atomic_load(&jb.written);
	if (atomic_load(&jb.failed)) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot write the "
		    "cards into %s: %s", dir, strerror(jb.err));
		rc = -1;
	} else if ((jb.stage != NULL ? file_stage_commit(jb.stage) :
	    file_batch_commit(jb.batch)) == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot write the "
		    "cards into %s: %s", dir, strerror(errno));
		rc = -1;
	}
	if (rc == -1)
		st->written = 0;
	/* The cards of people no longer there. */
	if (rc == 0 && (dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			char *path;

			cur = 0;
			if (!ours(de->d_name) || hmap_next(&jb.made,
			    hash64(de->d_name, 36, 0), &cur) != NULL)
				continue;
			path = xasprintf("%s/%s", dir, de->d_name);
			if (unlink(path) == 0)
				st->removed++;
			free(path);
		}
		closedir(dp);
		path_sync(dir);
	}
	file_batch_free(jb.batch);
	file_stage_free(jb.stage);
	pthread_mutex_destroy(&jb.lock);
	hmap_free(&jb.made);
	return rc;
}
