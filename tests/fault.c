/*
 * fault.c: fault injection for the tests, by interposing the file-system
 * calls that rapport and libgit2 make through libc.
 *
 * Built as build/fault.so for LD_PRELOAD under the shell suites, and
 * linked into the unit tests, where its definitions take the place of
 * libc's for the whole process.  Without RAPPORT_FAULT and
 * RAPPORT_FAULT_LOG in the environment every call goes straight to libc.
 * Both are read at each call, so a unit test may set and unset them.
 *
 * RAPPORT_FAULT holds rules separated by ';', each OP:GLOB:ACTION[@N]:
 *
 *	OP	open (open, openat and their 64 forms, with O_CREAT), mkstemp,
 *		write, fsync (also fdatasync), syncfs, rename (also renameat,
 *		renameat2, and link and linkat, with which libgit2 puts
 *		objects and refs in place), unlink, mkdir; any matches
 *		every one of them, so that @N counts every call; read, an
 *		open without O_CREAT (a file opened to be read), which any
 *		does not match
 *	GLOB	an fnmatch(3) pattern ('*' crosses '/') matched against the
 *		absolute path the call names: the file of a descriptor, the
 *		destination of a rename, the template of mkstemp
 *	ACTION	fail=ERRNO   the call fails with ERRNO, doing nothing
 *		half         write only: half the bytes are written, then the
 *		             call fails with ENOSPC (a disk that filled up)
 *		kill         SIGKILL before the call: a crash, a power cut
 *		kill-half    write only: half the bytes, then SIGKILL
 *		signal=SIG   sends SIG (TERM, INT, HUP) to the process, then
 *		             makes the call
 *		touch=PATH   creates the file PATH (absolute), as another
 *		             process taking a lock would, then makes the call
 *		sleep=MS     waits MS milliseconds, then makes the call (so
 *		             that two files get different times)
 *		run=CMD      runs the shell command CMD (without the injector)
 *		             and waits for it, as another program at work at
 *		             that moment, then makes the call
 *	@N	act on the Nth matching call only (counted from 1), @N+ on
 *		the Nth and every later one; without it fail and half act on
 *		every match, the others on the first.
 *
 * RAPPORT_FAULT_LOG names a file that receives one line per flush, rename,
 * creation and removal, in order: "fsync PATH", "syncfs PATH",
 * "rename FROM TO", "link FROM TO", "create PATH", "unlink PATH",
 * "mkdir PATH".  Tests
 * read it to see that a write was flushed before it was renamed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>


enum op { OP_OPEN, OP_MKSTEMP, OP_WRITE, OP_FSYNC, OP_SYNCFS, OP_RENAME,
	OP_UNLINK, OP_MKDIR, OP_ANY, OP_READ, OP__COUNT };

static const char *const op_names[] = {
	[OP_OPEN] = "open", [OP_MKSTEMP] = "mkstemp", [OP_WRITE] = "write",
	[OP_FSYNC] = "fsync", [OP_SYNCFS] = "syncfs", [OP_RENAME] = "rename",
	[OP_UNLINK] = "unlink", [OP_MKDIR] = "mkdir", [OP_ANY] = "any",
	[OP_READ] = "read",
};
_Static_assert(sizeof(op_names) / sizeof(op_names[0]) == OP__COUNT,
    "one name per operation");

enum act { ACT_NONE, ACT_FAIL, ACT_HALF, ACT_KILL, ACT_KILL_HALF,
	ACT_SIGNAL, ACT_TOUCH, ACT_RUN, ACT_SLEEP };

static const struct { const char *name; int value; } errnos[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EACCES", EACCES },
	{ "EDQUOT", EDQUOT }, { "EROFS", EROFS }, { "EPERM", EPERM },
	{ "ENOENT", ENOENT }, { "EXDEV", EXDEV }, { "EINTR", EINTR },
};

static const struct { const char *name; int value; } sigs[] = {
	{ "TERM", SIGTERM }, { "INT", SIGINT }, { "HUP", SIGHUP },
	{ "QUIT", SIGQUIT },
};

/* What a call should do, decided under the lock. */
struct verdict {
	enum act	act;
	int		arg;		/* errno or signal */
	char		path[512];	/* touch, run */
};

#define MAX_RULES	16

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char seen[1024];			/* the rules the counts belong to */
static unsigned long counts[MAX_RULES];

#define REAL(name) real_##name
#define DECLARE_REAL(ret, name, ...)					\
	static ret (*real_##name)(__VA_ARGS__)
#define LOAD(name) do {							\
	if (real_##name == NULL)					\
		*(void **)&real_##name = dlsym(RTLD_NEXT, #name);	\
} while (0)

DECLARE_REAL(int, open, const char *, int, ...);
DECLARE_REAL(int, openat, int, const char *, int, ...);
DECLARE_REAL(int, openat64, int, const char *, int, ...);
DECLARE_REAL(int, mkstemp, char *);
DECLARE_REAL(int, mkostemp, char *, int);
DECLARE_REAL(ssize_t, write, int, const void *, size_t);
DECLARE_REAL(int, fsync, int);
DECLARE_REAL(int, fdatasync, int);
DECLARE_REAL(int, syncfs, int);
DECLARE_REAL(int, rename, const char *, const char *);
DECLARE_REAL(int, renameat, int, const char *, int, const char *);
DECLARE_REAL(int, renameat2, int, const char *, int, const char *,
    unsigned);
DECLARE_REAL(int, link, const char *, const char *);
DECLARE_REAL(int, linkat, int, const char *, int, const char *, int);
DECLARE_REAL(int, unlink, const char *);
DECLARE_REAL(int, unlinkat, int, const char *, int);
DECLARE_REAL(int, mkdir, const char *, mode_t);

/* ---- paths ----------------------------------------------------------- */

/* Copies the formatted text into out; a path too long is cut. */
#define PATH_PRINT(out, ...) do {					\
	if (snprintf(out, PATH_MAX, __VA_ARGS__) >= PATH_MAX)		\
		out[PATH_MAX - 1] = '\0';				\
} while (0)

/* The absolute form of path, relative to folder dirfd, into out. */
static void
abs_path(int dirfd, const char *path, char out[PATH_MAX])
{
	char link[64], base[PATH_MAX];
	ssize_t n;

	if (path[0] == '/' || dirfd == -1) {
		PATH_PRINT(out, "%s", path);
		return;
	}
	if (dirfd == AT_FDCWD) {
		if (getcwd(base, sizeof(base)) == NULL)
			base[0] = '\0';
	} else {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
		if ((n = readlink(link, base, sizeof(base) - 1)) < 0)
			n = 0;
		base[n] = '\0';
	}
	PATH_PRINT(out, "%s/%s", base, path);
}

/* The path of descriptor fd, into out. */
static void
fd_path(int fd, char out[PATH_MAX])
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	if ((n = readlink(link, out, PATH_MAX - 1)) < 0)
		n = 0;
	out[n] = '\0';
}

/* ---- the log --------------------------------------------------------- */

static void
log_event(const char *what, const char *a, const char *b)
{
	const char *file = getenv("RAPPORT_FAULT_LOG");
	char line[2 * PATH_MAX + 32];
	int fd, n, saved = errno;

	if (file == NULL || *file == '\0')
		return;
	LOAD(open);
	LOAD(write);
	n = snprintf(line, sizeof(line), "%s %s%s%s\n", what, a,
	    b ? " " : "", b ? b : "");
	if (n < 0 || (size_t)n >= sizeof(line))
		n = (int)strlen(line);
	if ((fd = REAL(open)(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
	    0644)) != -1) {
		/* One write per line: lines of two threads never mix. */
		(void)REAL(write)(fd, line, (size_t)n);
		close(fd);
	}
	errno = saved;
}

/* ---- the rules ------------------------------------------------------- */

static int
lookup_errno(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (strlen(errnos[i].name) == n &&
		    memcmp(errnos[i].name, s, n) == 0)
			return errnos[i].value;
	return EIO;
}

static int
lookup_signal(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (strlen(sigs[i].name) == n &&
		    memcmp(sigs[i].name, s, n) == 0)
			return sigs[i].value;
	return SIGTERM;
}

/*
 * Parses one rule "OP:GLOB:ACTION[@N]" of len bytes at s.  Returns 0 and
 * fills the parts, or -1 when it is not a rule (it is then ignored).
 */
static int
parse_rule(const char *s, size_t len, enum op *op, char glob[PATH_MAX],
    struct verdict *v, unsigned long *nth, int *onward)
{
	const char *end = s + len, *c1, *c2, *act, *at;
	size_t i, n;

	if ((c1 = memchr(s, ':', len)) == NULL)
		return -1;
	/* The glob runs to the last ':' before the action. */
	for (c2 = end; c2 > c1 + 1 && c2[-1] != ':'; c2--)
		continue;
	if (c2 == c1 + 1)
		return -1;
	c2--;
	for (i = 0; i < OP__COUNT; i++)
		if (strlen(op_names[i]) == (size_t)(c1 - s) &&
		    memcmp(op_names[i], s, (size_t)(c1 - s)) == 0)
			break;
	if (i == OP__COUNT)
		return -1;
	*op = (enum op)i;
	n = (size_t)(c2 - c1 - 1);
	if (n >= PATH_MAX)
		return -1;
	memcpy(glob, c1 + 1, n);
	glob[n] = '\0';
	act = c2 + 1;
	at = memchr(act, '@', (size_t)(end - act));
	*nth = 0;
	*onward = 0;
	if (at != NULL) {
		char *e;

		*nth = strtoul(at + 1, &e, 10);
		*onward = *e == '+';
	}
	n = (size_t)((at != NULL ? at : end) - act);
	v->arg = 0;
	if (n > 5 && memcmp(act, "fail=", 5) == 0) {
		v->act = ACT_FAIL;
		v->arg = lookup_errno(act + 5, n - 5);
	} else if (n > 7 && memcmp(act, "signal=", 7) == 0) {
		v->act = ACT_SIGNAL;
		v->arg = lookup_signal(act + 7, n - 7);
	} else if (n == 4 && memcmp(act, "half", 4) == 0) {
		v->act = ACT_HALF;
	} else if (n == 4 && memcmp(act, "kill", 4) == 0) {
		v->act = ACT_KILL;
	} else if (n == 9 && memcmp(act, "kill-half", 9) == 0) {
		v->act = ACT_KILL_HALF;
	} else if (n > 6 && n - 6 < sizeof(v->path) &&
	    memcmp(act, "touch=", 6) == 0) {
		v->act = ACT_TOUCH;
		memcpy(v->path, act + 6, n - 6);
		v->path[n - 6] = '\0';
	} else if (n > 6 && memcmp(act, "sleep=", 6) == 0) {
		v->act = ACT_SLEEP;
		v->arg = (int)strtol(act + 6, NULL, 10);
	} else if (n > 4 && n - 4 < sizeof(v->path) &&
	    memcmp(act, "run=", 4) == 0) {
		v->act = ACT_RUN;
		memcpy(v->path, act + 4, n - 4);
		v->path[n - 4] = '\0';
	} else {
		return -1;
	}
	return 0;
}

/* What the rules say of op on path; the first rule that acts wins. */
static struct verdict
decide(enum op op, const char *path)
{
	const char *rules = getenv("RAPPORT_FAULT");
	struct verdict v, rv;
	char glob[PATH_MAX];
	const char *p, *semi;
	unsigned long nth;
	enum op rop;
	size_t k = 0;
	int onward;

	memset(&v, 0, sizeof(v));
	if (rules == NULL || *rules == '\0')
		return v;
	pthread_mutex_lock(&lock);
	if (strncmp(seen, rules, sizeof(seen)) != 0) {
		snprintf(seen, sizeof(seen), "%s", rules);
		memset(counts, 0, sizeof(counts));
	}
	for (p = rules; *p != '\0' && k < MAX_RULES; p = semi, k++) {
		size_t n;

		semi = strchr(p, ';');
		n = semi != NULL ? (size_t)(semi - p) : strlen(p);
		semi = semi != NULL ? semi + 1 : p + n;
		if (parse_rule(p, n, &rop, glob, &rv, &nth, &onward) == -1 ||
		    (rop != op && (rop != OP_ANY || op == OP_READ)) ||
		    fnmatch(glob, path, 0) != 0)
			continue;
		counts[k]++;
		if (nth == 0 && rv.act != ACT_FAIL && rv.act != ACT_HALF)
			nth = 1;
		if (v.act == ACT_NONE && (nth == 0 || counts[k] == nth ||
		    (onward && counts[k] > nth)))
			v = rv;
	}
	pthread_mutex_unlock(&lock);
	return v;
}

/* Runs cmd with /bin/sh, without this injector, and waits for it. */
static void
run_command(const char *cmd)
{
	extern char **environ;
	char *env[256];
	size_t i, n = 0;
	pid_t pid;
	int status;

	for (i = 0; environ[i] != NULL && n < 255; i++)
		if (strncmp(environ[i], "LD_PRELOAD=", 11) != 0 &&
		    strncmp(environ[i], "RAPPORT_FAULT", 13) != 0)
			env[n++] = environ[i];
	env[n] = NULL;
	if ((pid = fork()) == 0) {
		char *argv[4];

		argv[0] = (char *)(uintptr_t)"sh";
		argv[1] = (char *)(uintptr_t)"-c";
		argv[2] = (char *)(uintptr_t)cmd;
		argv[3] = NULL;
		execve("/bin/sh", argv, env);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			continue;
}

/*
 * Carries out the part of verdict v that comes before the call.  Returns
 * -1 (errno set) when the call must fail without being made.
 */
static int
before(struct verdict v)
{
	int fd;

	switch (v.act) {
	case ACT_FAIL:
		errno = v.arg;
		return -1;
	case ACT_KILL:
		kill(getpid(), SIGKILL);
		pause();
		break;
	case ACT_SIGNAL:
		kill(getpid(), v.arg);
		break;
	case ACT_RUN:
		run_command(v.path);
		break;
	case ACT_SLEEP: {
		struct timespec ts = { v.arg / 1000,
		    (long)(v.arg % 1000) * 1000000L };

		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			continue;
		break;
	}
	case ACT_TOUCH:
		LOAD(openat);
		fd = REAL(openat)(AT_FDCWD, v.path, O_WRONLY | O_CREAT |
		    O_CLOEXEC, 0644);
		if (fd != -1)
			close(fd);
		break;
	default:
		break;
	}
	return 0;
}

/* Path calls: a verdict on the absolute path, then the call. */
static int
check_path(enum op op, int dirfd, const char *path, char abs[PATH_MAX])
{
	abs_path(dirfd, path, abs);
	return before(decide(op, abs));
}

/* ---- the interposed calls -------------------------------------------- */

static int
do_open(int (*real)(int, const char *, int, ...), int dirfd,
    const char *path, int flags, mode_t mode)
{
	char abs[PATH_MAX];
	int fd;

	if ((flags & O_CREAT) == 0)
		return check_path(OP_READ, dirfd, path, abs) == -1 ? -1 :
		    real(dirfd, path, flags, mode);
	if (check_path(OP_OPEN, dirfd, path, abs) == -1)
		return -1;
	if ((fd = real(dirfd, path, flags, mode)) != -1)
		log_event("create", abs, NULL);
	return fd;
}

/* open and open64 through openat, which takes the same flags. */
#define OPEN_MODE(flags, mode) do {					\
	va_list ap_;							\
	mode = 0;							\
	if ((flags) & (O_CREAT | __O_TMPFILE)) {			\
		va_start(ap_, flags);					\
		mode = (mode_t)va_arg(ap_, int);			\
		va_end(ap_);						\
	}								\
} while (0)

int
open(const char *path, int flags, ...)
{
	mode_t mode;

	OPEN_MODE(flags, mode);
	LOAD(openat);
	return do_open(REAL(openat), AT_FDCWD, path, flags, mode);
}

int
open64(const char *path, int flags, ...)
{
	mode_t mode;

	OPEN_MODE(flags, mode);
	LOAD(openat64);
	return do_open(REAL(openat64), AT_FDCWD, path, flags, mode);
}

int
openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode;

	OPEN_MODE(flags, mode);
	LOAD(openat);
	return do_open(REAL(openat), dirfd, path, flags, mode);
}

int
openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode;

	OPEN_MODE(flags, mode);
	LOAD(openat64);
	return do_open(REAL(openat64), dirfd, path, flags, mode);
}

static int
do_mkstemp(char *tmpl, int flags, int with_flags)
{
	char abs[PATH_MAX];
	int fd;

	if (check_path(OP_MKSTEMP, AT_FDCWD, tmpl, abs) == -1)
		return -1;
	if (with_flags) {
		LOAD(mkostemp);
		fd = REAL(mkostemp)(tmpl, flags);
	} else {
		LOAD(mkstemp);
		fd = REAL(mkstemp)(tmpl);
	}
	if (fd != -1) {
		abs_path(AT_FDCWD, tmpl, abs);
		log_event("create", abs, NULL);
	}
	return fd;
}

int
mkstemp(char *tmpl)
{
	return do_mkstemp(tmpl, 0, 0);
}

int
mkostemp(char *tmpl, int flags)
{
	return do_mkstemp(tmpl, flags, 1);
}

ssize_t
write(int fd, const void *data, size_t len)
{
	char path[PATH_MAX];
	struct verdict v;
	ssize_t n;

	LOAD(write);
	if (getenv("RAPPORT_FAULT") == NULL || fd <= 2)
		return REAL(write)(fd, data, len);
	fd_path(fd, path);
	v = decide(OP_WRITE, path);
	if (v.act == ACT_HALF || v.act == ACT_KILL_HALF) {
		n = REAL(write)(fd, data, len / 2);
		(void)n;
		if (v.act == ACT_KILL_HALF) {
			kill(getpid(), SIGKILL);
			pause();
		}
		errno = ENOSPC;
		return -1;
	}
	if (before(v) == -1)
		return -1;
	return REAL(write)(fd, data, len);
}

static int
do_sync(enum op op, int (*real)(int), const char *what, int fd)
{
	char path[PATH_MAX];
	int rc;

	fd_path(fd, path);
	if (before(decide(op, path)) == -1)
		return -1;
	if ((rc = real(fd)) == 0)
		log_event(what, path, NULL);
	return rc;
}

int
fsync(int fd)
{
	LOAD(fsync);
	return do_sync(OP_FSYNC, REAL(fsync), "fsync", fd);
}

int
fdatasync(int fd)
{
	LOAD(fdatasync);
	return do_sync(OP_FSYNC, REAL(fdatasync), "fsync", fd);
}

int
syncfs(int fd)
{
	LOAD(syncfs);
	return do_sync(OP_SYNCFS, REAL(syncfs), "syncfs", fd);
}

static int
do_rename(int olddir, const char *from, int newdir, const char *to,
    unsigned flags, int kind)
{
	char afrom[PATH_MAX], ato[PATH_MAX];
	int rc;

	abs_path(olddir, from, afrom);
	if (check_path(OP_RENAME, newdir, to, ato) == -1)
		return -1;
	switch (kind) {
	case 0:
		LOAD(rename);
		rc = REAL(rename)(from, to);
		break;
	case 1:
		LOAD(renameat);
		rc = REAL(renameat)(olddir, from, newdir, to);
		break;
	default:
		LOAD(renameat2);
		rc = REAL(renameat2)(olddir, from, newdir, to, flags);
		break;
	}
	if (rc == 0)
		log_event("rename", afrom, ato);
	return rc;
}

int
rename(const char *from, const char *to)
{
	return do_rename(AT_FDCWD, from, AT_FDCWD, to, 0, 0);
}

int
renameat(int olddir, const char *from, int newdir, const char *to)
{
	return do_rename(olddir, from, newdir, to, 0, 1);
}

int
renameat2(int olddir, const char *from, int newdir, const char *to,
    unsigned flags)
{
	return do_rename(olddir, from, newdir, to, flags, 2);
}

static int
do_link(int olddir, const char *from, int newdir, const char *to, int flags,
    int at)
{
	char afrom[PATH_MAX], ato[PATH_MAX];
	int rc;

	abs_path(olddir, from, afrom);
	if (check_path(OP_RENAME, newdir, to, ato) == -1)
		return -1;
	if (at) {
		LOAD(linkat);
		rc = REAL(linkat)(olddir, from, newdir, to, flags);
	} else {
		LOAD(link);
		rc = REAL(link)(from, to);
	}
	if (rc == 0)
		log_event("link", afrom, ato);
	return rc;
}

int
link(const char *from, const char *to)
{
	return do_link(AT_FDCWD, from, AT_FDCWD, to, 0, 0);
}

int
linkat(int olddir, const char *from, int newdir, const char *to, int flags)
{
	return do_link(olddir, from, newdir, to, flags, 1);
}

int
unlink(const char *path)
{
	char abs[PATH_MAX];
	int rc;

	if (check_path(OP_UNLINK, AT_FDCWD, path, abs) == -1)
		return -1;
	LOAD(unlink);
	if ((rc = REAL(unlink)(path)) == 0)
		log_event("unlink", abs, NULL);
	return rc;
}

int
unlinkat(int dirfd, const char *path, int flags)
{
	char abs[PATH_MAX];
	int rc;

	if (check_path(OP_UNLINK, dirfd, path, abs) == -1)
		return -1;
	LOAD(unlinkat);
	if ((rc = REAL(unlinkat)(dirfd, path, flags)) == 0)
		log_event("unlink", abs, NULL);
	return rc;
}

int
mkdir(const char *path, mode_t mode)
{
	char abs[PATH_MAX];
	int rc;

	if (check_path(OP_MKDIR, AT_FDCWD, path, abs) == -1)
		return -1;
	LOAD(mkdir);
	if ((rc = REAL(mkdir)(path, mode)) == 0)
		log_event("mkdir", abs, NULL);
	return rc;
}
