/*
 * gitproc.c: running the git program (see gitproc.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gitproc.h"
#include "util.h"

extern char **environ;

/* Reads whatever the pipe has into b; 0 at its end, 1 for more, -1. */
static int
drain(int fd, struct buf *b)
{
	char chunk[8192];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n > 0) {
		buf_putn(b, chunk, (size_t)n);
		return 1;
	}
	if (n == -1 && (errno == EINTR || errno == EAGAIN))
		return 1;
	return n == 0 ? 0 : -1;
}

int
gitproc_run(const char *dir, const char *const args[], struct gitproc *p,
    struct diags *d)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t sa;
	sigset_t none;
	char **argv;
	int out[2] = { -1, -1 }, err[2] = { -1, -1 };
	size_t i, n = 0;
	pid_t pid;
	int rc = -1, st, e;

	memset(p, 0, sizeof(*p));
	while (args[n] != NULL)
		n++;
	argv = xcalloc(n + 4, sizeof(*argv));
	argv[0] = (char *)(uintptr_t)"git";
	argv[1] = (char *)(uintptr_t)"-C";
	argv[2] = (char *)(uintptr_t)dir;
	for (i = 0; i < n; i++)
		argv[i + 3] = (char *)(uintptr_t)args[i];
	if (pipe(out) == -1 || pipe(err) == -1 ||
	    fcntl(out[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(out[1], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(err[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(err[1], F_SETFD, FD_CLOEXEC) == -1) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot run git: %s",
		    strerror(errno));
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	/*
	 * rapport may hold signals back around its changes; git must not
	 * inherit that: an interrupt stops the fetch or push, and reaches
	 * rapport once its change is whole.
	 */
	posix_spawnattr_init(&sa);
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&sa, &none);
	posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETSIGMASK);
	e = posix_spawnp(&pid, "git", &fa, &sa, argv, environ);
	posix_spawnattr_destroy(&sa);
	posix_spawn_file_actions_destroy(&fa);
	close(out[1]);
	close(err[1]);
	out[1] = err[1] = -1;
	if (e != 0) {
		diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot run git (%s): "
		    "rapport reaches remotes through the git program; install "
		    "it (apt-get install git)", strerror(e));
		goto out;
	}
	{
		struct pollfd fds[2] = { { out[0], POLLIN, 0 },
		    { err[0], POLLIN, 0 } };
		int open_fds = 2;

		while (open_fds > 0) {
			if (poll(fds, 2, -1) == -1) {
				if (errno == EINTR)
					continue;
				break;
			}
			for (i = 0; i < 2; i++) {
				if (fds[i].fd < 0 || fds[i].revents == 0)
					continue;
				if (drain(fds[i].fd, i == 0 ? &p->out :
				    &p->err) <= 0) {
					fds[i].fd = -1;
					open_fds--;
				}
			}
		}
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			diag_msg(d, "rapport", 0, 0, DIAG_ERROR, "cannot wait for "
			    "git: %s", strerror(errno));
			goto out;
		}
	p->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	rc = 0;
out:
	for (i = 0; i < 2; i++) {
		if (out[i] != -1)
			close(out[i]);
		if (err[i] != -1)
			close(err[i]);
	}
	free(argv);
	return rc;
}

void
gitproc_report(const struct gitproc *p, enum diag_level level,
    struct diags *d)
{
	const char *s = p->err.s, *e;

	if (s == NULL)
		return;
	for (; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		e = s + strcspn(s, "\r\n");
		if (e > s)
			diag_msg(d, "git", 0, 0, level, "%.*s", (int)(e - s), s);
	}
}

void
gitproc_free(struct gitproc *p)
{
	if (p == NULL)
		return;
	buf_free(&p->out);
	buf_free(&p->err);
}
