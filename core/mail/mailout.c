/*
 * mailout.c: a message made with GMime and sent through sendmail (see
 * mailout.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gmime/gmime.h>

#include "mail.h"
#include "mailout.h"
#include "util.h"

extern char **environ;

/* A text part of subtype, UTF-8, encoded as is best for its lines. */
static GMimeObject *
text_part(const char *subtype, const char *text)
{
	GMimePart *p = GMIME_PART(g_mime_text_part_new_with_subtype(subtype));
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(text,
	    strlen(text));
	GMimeDataWrapper *dw = g_mime_data_wrapper_new_with_stream(st,
	    GMIME_CONTENT_ENCODING_DEFAULT);

	g_mime_part_set_content(p, dw);
	g_object_unref(dw);
	g_object_unref(st);
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(p), "charset",
	    "utf-8");
	g_mime_part_set_content_encoding(p,
	    g_mime_part_get_best_content_encoding(p,
	    GMIME_ENCODING_CONSTRAINT_7BIT));
	return GMIME_OBJECT(p);
}

char *
mailout_make(const struct mailout *m, size_t *len)
{
	GMimeMessage *msg;
	GMimeMultipart *alt;
	GMimeObject *part;
	GMimeFormatOptions *fo;
	GDateTime *now;
	const char *at = strrchr(m->from, '@');
	char *id, *s, *out;

	mail_setup();
	msg = g_mime_message_new(TRUE);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM,
	    m->from_name, m->from);
	g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, m->to_name,
	    m->to);
	g_mime_message_set_subject(msg, m->subject, "utf-8");
	now = g_date_time_new_now_local();
	g_mime_message_set_date(msg, now);
	g_date_time_unref(now);
	id = g_mime_utils_generate_message_id(at != NULL && at[1] != '\0' ?
	    at + 1 : "rapport.invalid");
	g_mime_message_set_message_id(msg, id);
	g_free(id);
	g_mime_object_set_header(GMIME_OBJECT(msg), "Auto-Submitted",
	    "auto-generated", NULL);
	alt = g_mime_multipart_new_with_subtype("alternative");
	part = text_part("plain", m->text);
	g_mime_multipart_add(alt, part);
	g_object_unref(part);
	part = text_part("html", m->html);
	g_mime_multipart_add(alt, part);
	g_object_unref(part);
	g_mime_message_set_mime_part(msg, GMIME_OBJECT(alt));
	g_object_unref(alt);
	fo = g_mime_format_options_new();
	g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_UNIX);
	s = g_mime_object_to_string(GMIME_OBJECT(msg), fo);
	g_mime_format_options_free(fo);
	g_object_unref(msg);
	out = xstrdup(s != NULL ? s : "");
	g_free(s);
	*len = strlen(out);
	return out;
}

const char *
mailout_command(const char *cmd)
{
	const char *path = getenv("PATH"), *s, *e;
	struct stat st;

	if (cmd != NULL)
		return cmd;
	for (s = path; s != NULL && *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		char *f;
		int ok;

		e = s + strcspn(s, ":");
		f = xasprintf("%.*s/sendmail", (int)(e - s), s);
		ok = e > s && stat(f, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(f, X_OK) == 0;
		free(f);
		if (ok)
			return "sendmail";
	}
	return "/usr/sbin/sendmail";
}

/* What a sendmail exit status means (sysexits.h), or NULL. */
static const char *
exit_meaning(int st)
{
	static const char *const m[] = {
		"EX_USAGE: the command was used wrongly",
		"EX_DATAERR: the message was refused as malformed",
		"EX_NOINPUT: an input file was missing",
		"EX_NOUSER: no such recipient",
		"EX_NOHOST: no such host",
		"EX_UNAVAILABLE: the service is unavailable",
		"EX_SOFTWARE: an internal software error",
		"EX_OSERR: an operating system error",
		"EX_OSFILE: a system file is missing or wrong",
		"EX_CANTCREAT: an output file cannot be made",
		"EX_IOERR: an input or output error",
		"EX_TEMPFAIL: a temporary failure, try again later",
		"EX_PROTOCOL: the remote server broke the protocol",
		"EX_NOPERM: permission denied",
		"EX_CONFIG: its configuration is wrong",
	};

	if (st >= 64 && st <= 78)
		return m[st - 64];
	if (st == 127)
		return "the command was not found";
	if (st == 126)
		return "the command could not be run";
	return NULL;
}

/* stderr's text as one line: line ends become "; ", the end trimmed. */
static char *
one_line(const struct buf *b)
{
	struct buf o = { 0 };
	const char *s = b->s != NULL ? b->s : "", *e;

	for (; *s != '\0'; s = *e != '\0' ? e + 1 : e) {
		e = s + strcspn(s, "\r\n");
		if (e == s)
			continue;
		buf_printf(&o, "%s%.*s", o.len ? "; " : "", (int)(e - s), s);
	}
	return o.s != NULL ? buf_detach(&o) : xstrdup("");
}

int
mailout_send(const char *cmd, const char *msg, size_t len, char **why)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t sa;
	sigset_t none, pipeset, old;
	struct buf err = { 0 };
	struct timespec zero = { 0, 0 };
	char *line = xasprintf("%s -t -i", cmd), *said;
	char *argv[] = { (char *)(uintptr_t)"sh", (char *)(uintptr_t)"-c",
	    line, NULL };
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, st = 0, e, rc = -1;
	size_t off = 0;
	pid_t pid;

	*why = NULL;
	/* sendmail may exit before it reads it all: EPIPE, not SIGPIPE. */
	sigemptyset(&pipeset);
	sigaddset(&pipeset, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipeset, &old);
	if (pipe(in) == -1 || pipe(out) == -1 ||
	    fcntl(in[1], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(out[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(in[1], F_SETFL, O_NONBLOCK) == -1) {
		*why = xasprintf("cannot run '%s': %s", line, strerror(errno));
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, out[1], 2);
	posix_spawn_file_actions_addclose(&fa, in[0]);
	posix_spawn_file_actions_addclose(&fa, out[1]);
	posix_spawnattr_init(&sa);
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&sa, &none);
	posix_spawnattr_setflags(&sa, POSIX_SPAWN_SETSIGMASK);
	e = posix_spawn(&pid, "/bin/sh", &fa, &sa, argv, environ);
	posix_spawnattr_destroy(&sa);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(out[1]);
	in[0] = out[1] = -1;
	if (e != 0) {
		*why = xasprintf("cannot run '%s': %s", line, strerror(e));
		goto out;
	}
	{
		struct pollfd fds[2] = { { in[1], POLLOUT, 0 },
		    { out[0], POLLIN, 0 } };
		char chunk[4096];
		ssize_t n;

		if (len == 0) {
			close(in[1]);
			in[1] = fds[0].fd = -1;
		}
		while (fds[0].fd >= 0 || fds[1].fd >= 0) {
			if (poll(fds, 2, -1) == -1) {
				if (errno == EINTR)
					continue;
				break;
			}
			if (fds[0].fd >= 0 && fds[0].revents != 0) {
				n = write(in[1], msg + off, len - off);
				if (n > 0)
					off += (size_t)n;
				if ((n == -1 && errno != EAGAIN &&
				    errno != EINTR) || off == len) {
					close(in[1]);
					in[1] = fds[0].fd = -1;
				}
			}
			if (fds[1].fd >= 0 && fds[1].revents != 0) {
				n = read(out[0], chunk, sizeof(chunk));
				if (n > 0)
					buf_putn(&err, chunk, (size_t)n);
				else if (n == 0 || (errno != EINTR &&
				    errno != EAGAIN))
					fds[1].fd = -1;
			}
		}
	}
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			*why = xasprintf("cannot wait for '%s': %s", line,
			    strerror(errno));
			goto out;
		}
	said = one_line(&err);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && off == len)
		rc = 0;
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		*why = xasprintf("'%s' stopped reading the message after %zu "
		    "of %zu bytes%s%s", line, off, len, *said ? ": " : "",
		    said);
	else if (WIFEXITED(st)) {
		const char *m = exit_meaning(WEXITSTATUS(st));

		*why = xasprintf("'%s' exited %d%s%s%s%s%s", line,
		    WEXITSTATUS(st), m ? " (" : "", m ? m : "", m ? ")" : "",
		    *said ? ": " : "", said);
	} else
		*why = xasprintf("'%s' was killed by signal %d%s%s", line,
		    WTERMSIG(st), *said ? ": " : "", said);
	free(said);
out:
	if (in[0] != -1)
		close(in[0]);
	if (in[1] != -1)
		close(in[1]);
	if (out[0] != -1)
		close(out[0]);
	if (out[1] != -1)
		close(out[1]);
	/* A SIGPIPE the write earned is taken, not delivered. */
	while (sigtimedwait(&pipeset, NULL, &zero) == SIGPIPE)
		continue;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	buf_free(&err);
	free(line);
	return rc;
}

void
mailout_mbox(struct buf *out, const char *msg, size_t len)
{
	const char *s = msg, *end = msg + len, *e;
	time_t now = time(NULL);
	struct tm tm;
	char when[64];

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", &tm);
	buf_printf(out, "From rapport %s\n", when);
	for (; s < end; s = e) {
		const char *q = s;

		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		else
			e++;
		while (q < e && *q == '>')
			q++;
		if ((size_t)(e - q) >= 5 && memcmp(q, "From ", 5) == 0)
			buf_puts(out, ">");
		buf_putn(out, s, (size_t)(e - s));
	}
	if (len > 0 && msg[len - 1] != '\n')
		buf_puts(out, "\n");
	buf_puts(out, "\n");
}
