/*
 * fileio.h: writing files so that nothing is ever half-written.
 *
 * Every file rapport writes goes through file_write_atomic: the new content
 * goes to a temporary file in the same folder, is flushed to disk, and is
 * renamed over the old name; then the folder itself is flushed so that the
 * rename survives a crash.  A reader, or a machine that loses power, sees
 * the old file or the new one, never a mix.
 */
#ifndef RAPPORT_FILEIO_H
#define RAPPORT_FILEIO_H

#include <stddef.h>

/*
 * Replaces (or creates) path with len bytes of data.  An existing file keeps
 * its permission bits; a new one gets 0666 less the umask, as open(2) would
 * give it.  When path is a symbolic link the link itself is replaced, never
 * the file it points to.  Returns 0, or -1 with errno set; on failure the old
 * file is untouched and no temporary file is left behind.
 */
int	file_write_atomic(const char *path, const char *data, size_t len);
/*
 * The same, with the new file's execute bits as git checks a file out:
 * set wherever it may be read when exec is 1, cleared when 0, the old
 * file's (or none, for a new one) when -1.  The temporary file has the
 * mode before it is renamed, so that no crash leaves the new text with
 * the old mode.
 */
int	file_write_atomic_exec(const char *path, const char *data, size_t len,
	    int exec);
/*
 * file_write_atomic_exec in steps, for a caller that replaces many files
 * in an order of its own (the write path, change.h) with one flush for
 * all: file_write_temp writes the new content to a temporary file beside
 * path, flushed only when sync is set, and gives its name (*tmp,
 * allocated: the caller renames it over path or removes it);
 * file_flush_fs makes everything written so far on the file system that
 * holds path durable at once (syncfs); the caller then renames and
 * flushes each folder once (file_sync_parent).  Both return 0, or -1
 * with errno set (and no temporary file left behind).
 */
int	file_write_temp(const char *path, const char *data, size_t len,
	    int exec, int sync, char **tmp);
int	file_flush_fs(const char *path);
/*
 * Calls fn (fsync, or a flush of the whole file system) on the folder of
 * each of n paths, once however many share it: path(i, arg) gives the
 * i-th, or NULL to pass it over.  Every folder is tried; 0, or -1 with
 * the errno of the last failure.
 */
int	file_each_folder(size_t n, const char *(*path)(size_t i, void *arg),
	    void *arg, int (*fn)(int));
/*
 * Many files replaced as file_write_atomic replaces one, with one flush
 * for all of them: file_batch_add writes each new content to its
 * temporary file (safe from several threads at once); file_batch_commit
 * flushes the file system once (syncfs), renames every file into place
 * and flushes each folder once.  Until the commit every old file is
 * untouched; file_batch_free removes temporary files not committed.
 * Both return 0, or -1 with errno set.
 */
struct file_batch;
struct file_batch *file_batch_new(void);
/*
 * For a folder that no one reads until the commit (publish.h): a file of
 * the batch that exists is rewritten in place from its first changed byte
 * rather than replaced by a new one, which spares the file system an
 * inode made and one freed per file; the commit makes it durable with
 * the others.  One whose writing fails is removed, never left half old.
 */
void	file_batch_in_place(struct file_batch *);
int	file_batch_add(struct file_batch *, const char *path, const char *data,
	    size_t len);
int	file_batch_commit(struct file_batch *);
void	file_batch_free(struct file_batch *);
/*
 * A folder that does not exist yet, made whole beside its final name and
 * then renamed into place, so that a reader sees no folder or all of it:
 * file_stage_new makes "DEST.rapport-PID-N" (NULL, errno set, when it
 * cannot); file_stage_put writes each file straight into it (the
 * subfolders are the caller's to make under file_stage_dir; safe from
 * several threads); file_stage_commit flushes the file system once and
 * renames the folder to dest, which must not have appeared meanwhile;
 * file_stage_free removes the folder and its files unless committed.
 * Writing ten thousand new pages this way costs a third of the system
 * calls of replacing them one by one.  Return 0, or -1 with errno set.
 */
struct file_stage;
struct file_stage *file_stage_new(const char *dest);
const char *file_stage_dir(const struct file_stage *);
int	file_stage_put(struct file_stage *, const char *rel, const char *data,
	    size_t len);
int	file_stage_commit(struct file_stage *);
void	file_stage_free(struct file_stage *);
/*
 * One file of a batch or a stage written piece by piece, so that a page of
 * a hundred megabytes never has to be held whole:
 *
 *	fo = file_batch_stream(b, path);	(or file_stage_stream(st, rel))
 *	file_out_write(fo, piece, n);		(as often as need be)
 *	rc = file_out_close(fo, ok);
 *
 * Into a batch, the pieces are compared with the file already at path
 * while they match it, and a temporary file is made only at the first
 * difference (its first part copied from the old file): a file whose
 * bytes are unchanged is never written.  file_out_close returns 1 when
 * the file joins the batch or the stage, 0 when it is unchanged (nothing
 * joins), and -1 with errno set when writing failed at any point or ok is
 * 0 (ECANCELED): nothing joins and nothing is left behind.  A
 * file_out is used by one thread at a time; several may be open at once.
 */
struct file_out;
struct file_out *file_batch_stream(struct file_batch *, const char *path);
struct file_out *file_stage_stream(struct file_stage *, const char *rel);
int	file_out_write(struct file_out *, const char *data, size_t len);
int	file_out_close(struct file_out *, int ok);
/*
 * Reads exactly len bytes at offset off of fd, again after EINTR.  0, or
 * -1 with errno set (0 when the file ends first).
 */
int	file_read_at(int fd, void *buf, size_t len, unsigned long long off);
/* Writes all len bytes to fd, again after EINTR.  0, or -1 (errno). */
int	file_write_all(int fd, const char *data, size_t len);
/* Flushes the folder holding path (after a rename or an unlink). */
int	file_sync_parent(const char *path);
/*
 * Nonzero when the regular file at path (not a link) holds exactly len
 * bytes of data; compares piece by piece, never holding the whole file.
 */
int	file_same(const char *path, const char *data, size_t len);
/*
 * Opens the regular file at path for reading, following a symbolic link
 * when follow is 1 (never when 0: ELOOP).  Anything else, a FIFO, a
 * device, a folder, is refused with EINVAL and never opened in a way
 * that could block or read without end: every read of a file rapport
 * did not write itself goes through here.  Returns the descriptor
 * (blocking, close-on-exec), or -1 with errno set.
 */
int	file_open_regular(const char *path, int follow);
/*
 * Reads the whole regular file at path (links followed) into an
 * allocated, NUL-terminated buffer (*len bytes, NUL not counted); opens
 * it with file_open_regular.  Returns -1 with errno set (EINVAL: not a
 * regular file).
 */
int	file_read_all(const char *path, char **data, size_t *len);

#endif
