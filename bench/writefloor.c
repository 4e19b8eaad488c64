/*
 * writefloor.c: the machine's floor for writing a site, for make bench.
 *
 *	writefloor SITE DEST
 *
 * Reads every regular file under SITE into memory, then times only
 * creating DEST with the same tree: each file made (O_CREAT|O_EXCL) and
 * written whole, on two threads as the build does, no flush.  Prints the
 * seconds that took; bench/run.py reports it beside the cmark floor.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct file {
	char	*rel;
	char	*data;
	size_t	 len;
	int	 dir;
};

static struct file *files;
static size_t nfiles, cap, skip;
static const char *dest;
static atomic_size_t next;

static int
take(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	struct file *e;
	FILE *fp;

	(void)f;
	if (flag != FTW_F && flag != FTW_D)
		return 0;
	if (nfiles == cap) {
		cap = cap ? cap * 2 : 1024;
		if ((files = realloc(files, cap * sizeof(*files))) == NULL)
			exit(2);
	}
	e = &files[nfiles];
	e->rel = strdup(path + skip);
	e->dir = flag == FTW_D;
	e->len = e->dir ? 0 : (size_t)sb->st_size;
	e->data = malloc(e->len + 1);
	if (e->rel == NULL || e->data == NULL)
		exit(2);
	if (!e->dir) {
		if ((fp = fopen(path, "rb")) == NULL ||
		    fread(e->data, 1, e->len, fp) != e->len)
			exit(2);
		fclose(fp);
	}
	nfiles++;
	return 0;
}

static void *
writer(void *arg)
{
	char path[4096];
	size_t i;

	(void)arg;
	while ((i = atomic_fetch_add(&next, 1)) < nfiles) {
		int fd;

		if (files[i].dir)
			continue;
		snprintf(path, sizeof(path), "%s%s", dest, files[i].rel);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1 ||
		    write(fd, files[i].data, files[i].len) !=
		    (ssize_t)files[i].len || close(fd) == -1) {
			perror(path);
			exit(2);
		}
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	char path[4096];
	struct timespec a, b;
	pthread_t th;
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "usage: writefloor SITE DEST\n");
		return 2;
	}
	skip = strlen(argv[1]);
	dest = argv[2];
	if (nftw(argv[1], take, 16, FTW_PHYS) == -1)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &a);
	/* Folders first (nftw lists a folder before what is in it). */
	for (i = 0; i < nfiles; i++)
		if (files[i].dir) {
			snprintf(path, sizeof(path), "%s%s", dest, files[i].rel);
			if (mkdir(path, 0755) == -1) {
				perror(path);
				return 2;
			}
		}
	if (pthread_create(&th, NULL, writer, NULL) != 0)
		return 2;
	writer(NULL);
	pthread_join(th, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.3f\n", (double)(b.tv_sec - a.tv_sec) +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e9);
	return 0;
}
