/*
 * vdir.c: one vCard per file, named by its UID, the gone ones removed
 * (vdir.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
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

int
vdir_write(const struct workspace *ws, const struct vcard_ctx *x,
    const char *dir, struct vdir_stats *st, struct diags *d)
{
	struct vcard_person *p = NULL;
	struct hmap made = { 0 };
	struct buf card = { 0 };
	struct file_batch *batch = NULL;
	struct file_stage *stage = NULL;
	struct dirent *de;
	size_t i, j, n, cap = 0, cur;
	char uid[VCARD_UID_LEN + 1];
	DIR *dp;
	int rc = 0;

	memset(st, 0, sizeof(*st));
	switch (folder(dir, d)) {
	case -1:
		return -1;
	case 1:
		/* A new folder: every card straight in, the folder renamed. */
		if ((stage = file_stage_new(dir)) == NULL) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot make "
			    "%s: %s", dir, strerror(errno));
			return -1;
		}
		break;
	default:
		batch = file_batch_new();
	}
	for (i = 0; i < ws->nclients && rc == 0; i++) {
		const struct client *c = &ws->clients[i];

		if (!vcard_wanted(c))
			continue;
		xgrow(&p, &cap, c->npeople + 2, sizeof(*p));
		n = vcard_people(c, p);
		for (j = 0; j < n && rc == 0; j++) {
			char *path;

			buf_reset(&card);
			vcard_write(&card, x, c, &p[j]);
			vcard_uid(x, c->slug, p[j].key, uid);
			/* The UUID, past "urn:uuid:". */
			path = xasprintf("%s/%s.vcf", dir, uid + 9);
			hmap_put(&made, hash64(uid + 9, 36, 0), 1);
			st->cards++;
			/* Replaced whole, all flushed at once below. */
			if (stage != NULL || !file_same(path, card.s,
			    card.len)) {
				if ((stage != NULL ? file_stage_put(stage,
				    path + strlen(dir) + 1, card.s, card.len) :
				    file_batch_add(batch, path, card.s,
				    card.len)) == -1) {
					diag_msg(d, "rapport", 0, 0, DIAG_ERROR,
					    "cannot write %s: %s", path,
					    strerror(errno));
					rc = -1;
				} else
					st->written++;
			}
			free(path);
		}
	}
	if (rc == 0 && (stage != NULL ? file_stage_commit(stage) :
	    file_batch_commit(batch)) == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot write the "
		    "cards into %s: %s", dir, strerror(errno));
		st->written = 0;
		rc = -1;
	}
	/* The cards of people no longer there. */
	if (rc == 0 && (dp = opendir(dir)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			char *path;

			cur = 0;
			if (!ours(de->d_name) || hmap_next(&made,
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
	file_batch_free(batch);
	file_stage_free(stage);
	hmap_free(&made);
	buf_free(&card);
	free(p);
	return rc;
}
