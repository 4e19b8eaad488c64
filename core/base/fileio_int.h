/*
 * fileio_int.h: what fileio.c (files replaced whole, batches, stages) and
 * fileio_stream.c (files written piece by piece) share; not for other
 * modules.
 */
#ifndef RAPPORT_FILEIO_INT_H
#define RAPPORT_FILEIO_INT_H

#include <pthread.h>
#include <stddef.h>
#include <sys/types.h>

/* A file written to tmp, to be renamed to path. */
struct pending {
	char	*tmp;
	char	*path;
};

struct file_batch {
	pthread_mutex_t	 lock;
	mode_t		 mode;
	int		 in_place;	/* file_batch_in_place */
	struct pending	*v;
	size_t		 n, cap;
};

struct file_stage {
	char	*dest;
	char	*dir;		/* NULL once committed */
};

/* The folder part of path ("." when there is none), allocated. */
char	*file_parent(const char *path);
/* The mode a new file gets from open(2): 0666 less the umask. */
mode_t	file_new_mode(void);
/*
 * Makes a new temporary file beside path with the mode an existing
 * regular file there has, else mode, its execute bits as exec_bits says;
 * returns its descriptor and its name in *tmpout, or -1 (errno set,
 * nothing left behind).
 */
int	file_open_temp(const char *path, mode_t mode, int exec, char **tmpout);
/*
 * tmp (taken) is to be renamed to path at the commit; NULL: path was
 * written in place, to be made durable alone.
 */
void	file_batch_join(struct file_batch *b, char *tmp, const char *path);

#endif
