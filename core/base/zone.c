/*
 * zone.c: the workspace's time zone (see zone.h).
 *
 * The person's zone is what TZ said when rapport started (unset: the
 * system's, /etc/localtime).  Going back to it for one call and forward
 * to the workspace's costs two tzset calls: done only for git's few
 * records of the person, never per entry.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "zone.h"

static char	*workspace_tz;		/* "TZ" value in use, or NULL */
static char	*person_tz;		/* TZ at the switch; NULL: unset */
static int	 switched;

static const char *
tzdir(void)
{
	const char *d = getenv("TZDIR");

	return d != NULL && *d == '/' ? d : "/usr/share/zoneinfo";
}

int
zone_valid(const char *name)
{
	const char *s;
	char magic[4], *path;
	int fd, ok = 0;

	if (name == NULL || *name == '\0' || *name == '/' ||
	    strlen(name) > 255)
		return 0;
	for (s = name; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '/' || *s == '_' ||
		    *s == '-' || *s == '+'))
			return 0;
	/* No "." at all: never a way out of the database. */
	path = xasprintf("%s/%s", tzdir(), name);
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) != -1) {
		ok = read(fd, magic, 4) == 4 && memcmp(magic, "TZif", 4) == 0;
		close(fd);
	}
	free(path);
	return ok;
}

/* name when it is a zone, allocated; else NULL. */
static char *
valid_dup(const char *name, size_t n)
{
	char *s = xstrndup(name, n);

	if (zone_valid(s))
		return s;
	free(s);
	return NULL;
}

char *
zone_local_name(void)
{
	const char *tz = switched ? person_tz : getenv("TZ"), *at;
	char buf[256], *name = NULL;
	ssize_t n;
	int fd;

	if (tz != NULL && *tz != '\0')
		return valid_dup(tz + (*tz == ':'), strlen(tz + (*tz == ':')));
	if ((fd = open("/etc/timezone", O_RDONLY | O_NONBLOCK |
	    O_CLOEXEC)) != -1) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = '\0';
			name = valid_dup(buf, strcspn(buf, " \t\r\n"));
		}
	}
	if (name == NULL && (n = readlink("/etc/localtime", buf,
	    sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		if ((at = strstr(buf, "zoneinfo/")) != NULL)
			name = valid_dup(at + 9, strlen(at + 9));
	}
	return name;
}

static void
set_tz(const char *v)
{
	if (v != NULL)
		setenv("TZ", v, 1);
	else
		unsetenv("TZ");
	tzset();
}

void
zone_use(const char *name)
{
	const char *was = getenv("TZ");

	if (name == NULL) {
		if (switched)
			set_tz(person_tz);
		free(workspace_tz);
		free(person_tz);
		workspace_tz = person_tz = NULL;
		switched = 0;
		return;
	}
	if (!switched) {
		person_tz = was != NULL ? xstrdup(was) : NULL;
		switched = 1;
	}
	free(workspace_tz);
	/* ":NAME" is a file of the database, as POSIX TZ reads it. */
	workspace_tz = xasprintf(":%s", name);
	set_tz(workspace_tz);
}

const char *
zone_current(void)
{
	return workspace_tz != NULL ? workspace_tz + 1 : NULL;
}

int
zone_person_offset(time_t when)
{
	struct tm tm;
	int off = 0;

	if (switched)
		set_tz(person_tz);
	if (localtime_r(&when, &tm) != NULL)
		off = (int)(tm.tm_gmtoff / 60);
	if (switched)
		set_tz(workspace_tz);
	return off;
}

time_t
zone_person_mktime(struct tm *tm)
{
	time_t t;

	if (switched)
		set_tz(person_tz);
	t = mktime(tm);
	if (switched)
		set_tz(workspace_tz);
	return t;
}
