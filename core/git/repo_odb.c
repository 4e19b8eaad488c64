/*
 * repo_odb.c: every object rapport writes goes through one writer that
 * tries again when git's maintenance took the object's folder away under
 * it (see repo_int.h).
 *
 * libgit2 1.5 writes a loose object as a temporary file in objects/, then
 * makes objects/xx/ and renames the file into it.  "git repack -d" (run
 * hourly by git maintenance, and by git gc) removes the loose objects it
 * packed and then each folder it left empty: when that rmdir lands between
 * libgit2's mkdir and its rename, the write fails with "failed to rename
 * lockfile to '.../objects/xx/...': No such file or directory".  Seen in
 * 46 of 422 logs beside a loop of "git repack -ad; git gc" on a 2-core
 * machine.  The write made again makes the folder again.
 *
 * Blobs, trees and commits are written by libgit2 itself (from
 * git_blob_create_from_buffer, git_tree_create_updated, git_commit_create),
 * so the retry is an object database backend of its own, tried first for
 * writes: it hands each write to a loose backend of the same folder, and
 * again when the folder vanished.  It reads nothing: reads go on to the
 * repository's own backends.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <git2/sys/odb_backend.h>

#include "repo_int.h"
#include "util.h"

/* Writes, in all, when the folder keeps vanishing: then the error stands. */
#define WRITE_TRIES	4
/* Above the default backends (loose 1, packed 2): tried first. */
#define RETRY_PRIORITY	10

struct retry_backend {
	git_odb_backend	 parent;	/* first: libgit2 sees only this */
	git_odb_backend	*loose;
};

/*
 * Whether the last write failed because a file or folder it used was not
 * there: libgit2 reports the rename's errno as text, in its class of
 * operating system errors.
 */
static int
vanished(void)
{
	const git_error *e = git_error_last();

	return e != NULL && e->klass == GIT_ERROR_OS && e->message != NULL &&
	    strstr(e->message, strerror(ENOENT)) != NULL;
}

static int
retry_write(git_odb_backend *b, const git_oid *id, const void *data,
    size_t len, git_object_t type)
{
	git_odb_backend *loose = ((struct retry_backend *)b)->loose;
	int tries = 0, err;

	do
		err = loose->write(loose, id, data, len, type);
	while (err < 0 && ++tries < WRITE_TRIES && vanished());
	return err;
}

/* libgit2 1.5 calls foreach on every backend without checking for it. */
static int
retry_foreach(git_odb_backend *b, git_odb_foreach_cb cb, void *payload)
{
	(void)b;
	(void)cb;
	(void)payload;
	return 0;
}

static void
retry_free(git_odb_backend *b)
{
	struct retry_backend *rb = (struct retry_backend *)b;

	if (rb->loose != NULL)
		rb->loose->free(rb->loose);
	free(rb);
}

int
repo_odb_retry(git_repository *git)
{
	struct retry_backend *rb = xcalloc(1, sizeof(*rb));
	git_buf dir = { NULL, 0, 0 };
	git_odb *odb = NULL;
	int rc = -1;

	if (git_odb_init_backend(&rb->parent, GIT_ODB_BACKEND_VERSION) < 0 ||
	    git_repository_item_path(&dir, git,
	    GIT_REPOSITORY_ITEM_OBJECTS) < 0 ||
	    git_odb_backend_loose(&rb->loose, dir.ptr, -1, 0, 0, 0) < 0 ||
	    git_repository_odb(&odb, git) < 0)
		goto out;
	rb->parent.write = retry_write;
	rb->parent.foreach = retry_foreach;
	rb->parent.free = retry_free;
	if (git_odb_add_backend(odb, &rb->parent, RETRY_PRIORITY) < 0)
		goto out;
	rb = NULL;		/* the database's now */
	rc = 0;
out:
	if (rb != NULL)
		retry_free(&rb->parent);
	git_odb_free(odb);
	git_buf_dispose(&dir);
	return rc;
}
