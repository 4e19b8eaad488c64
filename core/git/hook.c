/*
 * hook.c: git's hooks, found and run (see hook.h).
 *
 * fork and execve rather than posix_spawn: the hook runs in the work
 * tree's root, and POSIX has no spawn action for that (glibc's is _np).
 * Between fork and exec the child calls only async-signal-safe functions,
 * and says why an exec failed through a pipe closed on exec.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <git2.h>

#include "hook.h"
#include "util.h"

extern char **environ;

/* The hooks folder, allocated, without a trailing '/'. */
static char *
hooks_dir(git_repository *git, const char *workdir, int *advice)
{
	git_config *cfg = NULL;
	git_buf set = { NULL, 0, 0 };
	char *dir;
	size_t n;

	*advice = 1;
	if (git_repository_config_snapshot(&cfg, git) == 0) {
		if (git_config_get_bool(advice, cfg, "advice.ignoredHook") < 0)
			*advice = 1;
		if (git_config_get_path(&set, cfg, "core.hooksPath") < 0 ||
		    set.ptr == NULL || *set.ptr == '\0') {
			git_buf_dispose(&set);
			set.ptr = NULL;
		}
	}
	git_config_free(cfg);
	if (set.ptr == NULL)
		dir = xasprintf("%shooks", git_repository_commondir(git));
	else if (set.ptr[0] == '/')
		dir = xstrdup(set.ptr);
	else
		dir = xasprintf("%s%s", workdir, set.ptr);
	git_buf_dispose(&set);
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	return dir;
}

char *
hook_find(git_repository *git, const char *workdir, const char *name,
    struct diags *d)
{
	int advice;
	char *dir = hooks_dir(git, workdir, &advice);
	char *path = xasprintf("%s/%s", dir, name);

	free(dir);
	/* git's test: access(X_OK); EACCES is a hook not set executable. */
	if (access(path, X_OK) == 0)
		return path;
	if (errno == EACCES && advice)
		diag_msg(d, "rapport", 0, 0, DIAG_WARNING, "the %s hook (%s) "
		    "was ignored because it is not set as executable: make it "
		    "executable (chmod +x) for it to run, or remove it", name,
		    path);
	free(path);
	return NULL;
}

/* environ, less the variables env sets, then env: allocated. */
static char **
hook_environ(const char *const env[])
{
	size_t n = 0, k = 0, i, j, len;
	char **v;

	while (environ[n] != NULL)
		n++;
	for (j = 0; env[j] != NULL; j++)
		;
	v = xcalloc(n + j + 1, sizeof(*v));
	for (i = 0; i < n; i++) {
		for (j = 0; env[j] != NULL; j++) {
			len = strcspn(env[j], "=") + 1;
			if (strncmp(environ[i], env[j], len) == 0)
				break;
		}
		if (env[j] == NULL)
			v[k++] = environ[i];
	}
	for (j = 0; env[j] != NULL; j++)
		v[k++] = (char *)(uintptr_t)env[j];
	return v;
}

/* The child: never returns.  Writes errno to fd when it cannot run. */
static void
child(int fd, const char *workdir, char **argv, char **sh, char **envp)
{
	sigset_t none;
	int in, e;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (chdir(workdir) == -1 || (in = open("/dev/null", O_RDONLY)) == -1 ||
	    dup2(in, 0) == -1 || dup2(2, 1) == -1)
		goto fail;
	if (in > 2)
		close(in);
	execve(argv[0], argv, envp);
	/* A script without "#!": git hands it to the shell. */
	if (errno == ENOEXEC)
		execve(sh[0], sh, envp);
fail:
	e = errno;
	(void)!write(fd, &e, sizeof(e));
	_exit(127);
}

int
hook_run(const char *path, const char *workdir, const char *const args[],
    const char *const env[])
{
	char **argv, **sh, **envp = hook_environ(env);
	int fds[2] = { -1, -1 }, st, e = 0, rc = -1;
	size_t n = 0, i;
	ssize_t got;
	pid_t pid;

	while (args[n] != NULL)
		n++;
	argv = xcalloc(n + 2, sizeof(*argv));
	sh = xcalloc(n + 3, sizeof(*sh));
	argv[0] = sh[1] = (char *)(uintptr_t)path;
	sh[0] = (char *)(uintptr_t)"/bin/sh";
	for (i = 0; i < n; i++)
		argv[i + 1] = sh[i + 2] = (char *)(uintptr_t)args[i];
	if (pipe(fds) == -1 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(fds[1], F_SETFD, FD_CLOEXEC) == -1 ||
	    (pid = fork()) == -1) {
		e = errno;
		goto out;
	}
	if (pid == 0)
		child(fds[1], workdir, argv, sh, envp);
	close(fds[1]);
	fds[1] = -1;
	while ((got = read(fds[0], &e, sizeof(e))) == -1 && errno == EINTR)
		;
	if (got != (ssize_t)sizeof(e))
		e = 0;
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			e = errno;
			goto out;
		}
	if (e == 0)
		rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
out:
	for (i = 0; i < 2; i++)
		if (fds[i] != -1)
			close(fds[i]);
	free(argv);
	free(sh);
	free(envp);
	if (rc == -1)
		errno = e;
	return rc;
}
