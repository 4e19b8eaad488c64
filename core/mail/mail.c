/*
 * mail.c: a message's header read with GMime 3 (see mail.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

#include "mail.h"
#include "text.h"

static int setup_done;

void
mail_setup(void)
{
	if (setup_done)
		return;
	g_mime_init();
	setup_done = 1;
}

void
mail_shutdown(void)
{
	if (!setup_done)
		return;
	g_mime_shutdown();
	setup_done = 0;
}

/*
 * The header block: up to and with the first empty line, or all of it.
 * What follows is the body, which nothing here reads.
 */
static size_t
header_len(const char *s, size_t len)
{
	const char *p = s, *end = s + len, *nl;

	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (nl + 1 < end && nl[1] == '\n')
			return (size_t)(nl + 2 - s);
		if (nl + 2 < end && nl[1] == '\r' && nl[2] == '\n')
			return (size_t)(nl + 3 - s);
		p = nl + 1;
	}
	return len;
}

static char *
lower_dup(struct pool *pool, const char *s)
{
	char *l = pool_strdup(pool, s), *q;

	for (q = l; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return l;
}

/* Appends the mailboxes of list (groups opened) to m's recipients. */
static void
add_addresses(struct mail *m, InternetAddressList *list, size_t *cap,
    int depth)
{
	int i, n = list != NULL ? internet_address_list_length(list) : 0;

	for (i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(list,
		    i);
		const char *a;

		if (INTERNET_ADDRESS_IS_GROUP(ia) && depth < 4)
			add_addresses(m, internet_address_group_get_members(
			    INTERNET_ADDRESS_GROUP(ia)), cap, depth + 1);
		else if (INTERNET_ADDRESS_IS_MAILBOX(ia) &&
		    (a = internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(ia))) != NULL && *a != '\0') {
			xgrow(&m->rcpt, cap, m->nrcpt + 1, sizeof(*m->rcpt));
			m->rcpt[m->nrcpt++] = lower_dup(&m->pool, a);
		}
	}
}

/* The first mailbox of list, or NULL. */
static const char *
first_mailbox(InternetAddressList *list)
{
	int i, n = list != NULL ? internet_address_list_length(list) : 0;

	for (i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(list,
		    i);
		const char *a;

		if (INTERNET_ADDRESS_IS_MAILBOX(ia) &&
		    (a = internet_address_mailbox_get_addr(
		    INTERNET_ADDRESS_MAILBOX(ia))) != NULL && *a != '\0')
			return a;
	}
	return NULL;
}

/* The longest Message-ID kept as it is; a longer one is hashed. */
#define ID_MAX	250

/*
 * The mark of a Message-ID (as GMime gives it, without its <>) into mark:
 * an id is a run of printable ASCII or UTF-8 (RFC 6532) without white
 * space, '<', '>', a byte order mark or what mail_char_shown refuses, of
 * at most ID_MAX bytes.  Every "--" is written "-\-" so that the id
 * cannot end the HTML comment it stands in: an RFC 5322 id has no '\', so
 * two ids never get one mark, and the marks of ids without "--" are what
 * rapport always wrote.  0, or -1 when id is none.
 */
static int
id_mark(struct buf *mark, const char *id)
{
	const unsigned char *s = (const unsigned char *)id;
	size_t n = strlen(id), i, k;

	if (n == 0 || n > ID_MAX)
		return -1;
	for (i = 0; i < n; i += k) {
		k = s[i] < 0x80 ? 1 : text_utf8_len(s + i, n - i);
		if (k == 0 || (k == 1 && (s[i] <= ' ' || s[i] == '<' ||
		    s[i] == '>')) || !mail_char_shown(s + i, k) || (k == 3 &&
		    memcmp(s + i, "\xef\xbb\xbf", 3) == 0))
			return -1;
	}
	buf_puts(mark, "message-id: <");
	for (i = 0; i < n; i++) {
		if (i > 0 && id[i] == '-' && id[i - 1] == '-')
			buf_putc(mark, '\\');
		buf_putc(mark, id[i]);
	}
	buf_putc(mark, '>');
	return 0;
}

/*
 * Whether an older rapport (until December 2026) wrote the id itself (printable ASCII without
 * white space, '<', '>' or "--", not long): for any other message it
 * wrote the git blob id of the file's bytes, still taken as its mark.
 */
static int
id_was_written(const char *id)
{
	size_t n;

	if (id == NULL)
		return 0;
	for (n = 0; id[n] != '\0'; n++)
		if (id[n] <= ' ' || id[n] > '~' || id[n] == '<' ||
		    id[n] == '>' || (id[n] == '-' && id[n + 1] == '-'))
			return 0;
	return n > 0 && n <= ID_MAX;
}

/* The headers that tell one message from another, for one without an id. */
static const char *const identifying[] = {
	"Date", "From", "Sender", "To", "Cc", "Subject", "In-Reply-To",
	"References"
};

/*
 * "message-hash: H" into mark, H the SHA-1 of the identifying headers'
 * values, white space runs made one space: the same for every delivery of
 * a message, which adds Received and Delivered-To lines, never these.
 */
static void
hash_mark(struct buf *mark, GMimeObject *o)
{
	struct buf b = { 0 };
	const char *v;
	gchar *hex;
	size_t i;

	for (i = 0; i < sizeof(identifying) / sizeof(identifying[0]); i++) {
		buf_printf(&b, "%s:", identifying[i]);
		if ((v = g_mime_object_get_header(o, identifying[i])) != NULL)
			for (; *v != '\0'; v++) {
				if (*v != ' ' && *v != '\t' && *v != '\r' &&
				    *v != '\n')
					buf_putc(&b, *v);
				else if (b.s[b.len - 1] != ' ' &&
				    b.s[b.len - 1] != ':')
					buf_putc(&b, ' ');
			}
		if (b.s[b.len - 1] == ' ')
			b.len--;
		buf_putc(&b, '\n');
	}
	hex = g_compute_checksum_for_data(G_CHECKSUM_SHA1,
	    (const guchar *)b.s, b.len);
	buf_printf(mark, "message-hash: %s", hex);
	g_free(hex);
	buf_free(&b);
}

/* Why the header says the message was sent by a machine, or NULL. */
static const char *
automatic(GMimeObject *o)
{
	const char *v;

	if ((v = g_mime_object_get_header(o, "Auto-Submitted")) != NULL) {
		while (*v == ' ' || *v == '\t')
			v++;
		if (g_ascii_strncasecmp(v, "no", 2) != 0 || (v[2] != '\0' &&
		    v[2] != ' ' && v[2] != ';' && v[2] != '\t' &&
		    v[2] != '(' && v[2] != '\r' && v[2] != '\n'))
			return "automatic";
	}
	if ((v = g_mime_object_get_header(o, "Precedence")) != NULL) {
		while (*v == ' ' || *v == '\t')
			v++;
		if (g_ascii_strncasecmp(v, "bulk", 4) == 0 ||
		    g_ascii_strncasecmp(v, "list", 4) == 0 ||
		    g_ascii_strncasecmp(v, "junk", 4) == 0)
			return "list";
	}
	if (g_mime_object_get_header(o, "List-Id") != NULL)
		return "list";
	return NULL;
}

/* A separator of a Date's words; a comment "(UTC)" counts as one. */
static int
date_sep(char c)
{
	return c == ' ' || c == '\t' || c == ',' || c == '\r' ||
	    c == '\n' || c == '(' || c == ')';
}

int
mail_date_year(const char *date, int *year, size_t *at, size_t *n)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	const char *p = date, *w;
	int month = 0, before = 0, after = 0;

	for (; *p != '\0'; p = w) {
		size_t len, i, digits = 0;

		while (date_sep(*p))
			p++;
		for (w = p; *w != '\0' && !date_sep(*w); w++)
			continue;
		len = (size_t)(w - p);
		for (i = 0; i < len && p[i] >= '0' && p[i] <= '9'; i++)
			digits++;
		if (len == 0)
			break;
		if (!month && len >= 3 && g_ascii_isalpha(p[0]))
			for (i = 0; i + 3 <= sizeof(months) - 1; i += 3)
				if (g_ascii_strncasecmp(p, months + i, 3) == 0)
					month = 1;
		if (digits != len)
			continue;
		if (!month)
			before = 1;
		/* After the day, in asctime's "Nov 20 10:00:00 2026". */
		else if (before || after++ > 0) {
			long v = 0;

			for (i = 0; i < len && v < 100000; i++)
				v = v * 10 + (p[i] - '0');
			*year = len >= 4 ? (v > 99999 ? 99999 : (int)v) :
			    len == 3 ? 1900 + (int)v : v < 50 ? 2000 + (int)v :
			    1900 + (int)v;
			*at = (size_t)(p - date);
			*n = len;
			return 1;
		}
	}
	return 0;
}

/*
 * The date of the Date header text raw, given GMime's reading dt of it
 * (NULL when it had none), into m: the year is the one raw writes.
 */
static void
read_date(struct mail *m, const char *raw, GDateTime *dt)
{
	GDateTime *fixed = NULL;
	size_t at, n;
	int year;

	if (raw == NULL || !mail_date_year(raw, &year, &at, &n))
		year = 0;
	else if (year < 1000 || year > 9999) {
		m->dated = 1;
		m->year_out = 1;
		return;
	} else if (dt != NULL && g_date_time_get_year(dt) != year)
		dt = fixed = g_date_time_add_years(dt, year -
		    g_date_time_get_year(dt));
	else if (dt == NULL) {
		/*
		 * GMime reads no three-digit year, nor one before 1969: give
		 * it four digits, 400 years on when need be (the calendar,
		 * weekdays included, repeats every 400 years), and take the
		 * years back off.
		 */
		struct buf b = { 0 };
		int shift = year < 1970 ? (1970 - year + 399) / 400 * 400 : 0;
		GDateTime *later;

		buf_printf(&b, "%.*s%04d%s", (int)at, raw, year + shift,
		    raw + at + n);
		if ((later = g_mime_utils_header_decode_date(b.s)) != NULL) {
			dt = fixed = g_date_time_add_years(later, -shift);
			g_date_time_unref(later);
		}
		buf_free(&b);
	}
	if (dt != NULL) {
		m->dated = 1;
		m->when = g_date_time_to_unix(dt);
	}
	if (fixed != NULL)
		g_date_time_unref(fixed);
}

/*
 * A message without a Date that can be read is dated when it arrived,
 * as notmuch dates it: the newest date of its Received headers (the text
 * after each one's last ';').
 */
static void
received_date(struct mail *m, GMimeObject *o)
{
	GMimeHeaderList *list = g_mime_object_get_header_list(o);
	int i, n = list != NULL ? g_mime_header_list_get_count(list) : 0;

	for (i = 0; i < n; i++) {
		GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
		const char *v, *semi;
		GDateTime *dt;

		if (g_ascii_strcasecmp(g_mime_header_get_name(h),
		    "Received") != 0 || (v = g_mime_header_get_value(h)) ==
		    NULL || (semi = strrchr(v, ';')) == NULL ||
		    (dt = g_mime_utils_header_decode_date(semi + 1)) == NULL)
			continue;
		if (!m->dated || g_date_time_to_unix(dt) > m->when) {
			m->dated = 1;
			m->when = g_date_time_to_unix(dt);
		}
		g_date_time_unref(dt);
	}
}

int
mail_read(struct mail *m, const char *s, size_t len, const char **why)
{
	struct mailsrc_msg src;

	mailsrc_msg_mem(&src, "", s, len);
	return mail_read_msg(m, &src, why);
}

int
mail_read_msg(struct mail *m, const struct mailsrc_msg *src,
    const char **why)
{
	static const char *fallback[] = { "UTF-8", "windows-1252", NULL };
	GMimeStream *stream = NULL;
	GMimeParser *parser = NULL;
	GMimeParserOptions *opts = NULL;
	GMimeMessage *msg = NULL;
	const char *id, *from, *subj;
	char hex[41];
	struct buf mark = { 0 };
	size_t cap = 0, hlen = header_len(src->s, src->len);
	int rc = -1;

	memset(m, 0, sizeof(*m));
	/*
	 * Before GMime: a header that does not end within the bytes held
	 * (MAILSRC_HEAD, more than the limit) is over it too.
	 */
	if (hlen > MAIL_HEADER_MAX) {
		*why = "its header is over 1 MiB, rapport's limit for one "
		    "message's header";
		return -2;
	}
	mail_setup();
	stream = g_mime_stream_mem_new_with_buffer(src->s, hlen);
	parser = g_mime_parser_new_with_stream(stream);
	opts = g_mime_parser_options_new();
	g_mime_parser_options_set_fallback_charsets(opts, fallback);
	g_mime_parser_set_format(parser, GMIME_FORMAT_MESSAGE);
	msg = g_mime_parser_construct_message(parser, opts);
	if (msg == NULL) {
		*why = "not an e-mail message: it has no header GMime can read";
		goto out;
	}
	from = first_mailbox(g_mime_message_get_from(msg));
	read_date(m, g_mime_object_get_header(GMIME_OBJECT(msg), "Date"),
	    g_mime_message_get_date(msg));
	if (!m->dated)
		received_date(m, GMIME_OBJECT(msg));
	if (from == NULL && !m->dated) {
		*why = "not an e-mail message: it has neither From nor Date";
		goto out;
	}
	m->from = from != NULL ? lower_dup(&m->pool, from) : NULL;
	add_addresses(m, g_mime_message_get_addresses(msg,
	    GMIME_ADDRESS_TYPE_TO), &cap, 0);
	add_addresses(m, g_mime_message_get_addresses(msg,
	    GMIME_ADDRESS_TYPE_CC), &cap, 0);
	add_addresses(m, g_mime_message_get_addresses(msg,
	    GMIME_ADDRESS_TYPE_BCC), &cap, 0);
	if ((subj = g_mime_message_get_subject(msg)) != NULL)
		m->subject = pool_strdup(&m->pool, subj);
	m->automatic = automatic(GMIME_OBJECT(msg));
	id = g_mime_message_get_message_id(msg);
	if (id == NULL || id_mark(&mark, id) == -1)
		hash_mark(&mark, GMIME_OBJECT(msg));
	m->mark = pool_strdup(&m->pool, mark.s);
	if (!id_was_written(id)) {
		/* git hash-object of the file gives the same. */
		if (mailsrc_blob_id(src, hex) == -1) {
			*why = "cannot read the whole message again to hash it "
			    "(did it change meanwhile?)";
			goto out;
		}
		buf_reset(&mark);
		buf_printf(&mark, "message-hash: %s", hex);
		m->old_mark = pool_strdup(&m->pool, mark.s);
	}
	rc = 0;
out:
	if (msg != NULL)
		g_object_unref(msg);
	g_mime_parser_options_free(opts);
	g_object_unref(parser);
	g_object_unref(stream);
	buf_free(&mark);
	return rc;
}

void
mail_free(struct mail *m)
{
	if (m == NULL)
		return;
	free(m->rcpt);
	pool_free(&m->pool);
	memset(m, 0, sizeof(*m));
}
