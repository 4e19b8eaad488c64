/*
 * config.c: rapport.ini.
 */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "inifile.h"
#include "text.h"
#include "util.h"
#include "zone.h"

static const char *const sections[] = { "workspace", "defaults", "owner",
    "site", "mail", "digest", NULL };
static const char *const workspace_keys[] = { "name", "timezone", NULL };
static const char *const default_keys[] = { "cadence", "reply_within",
    "due_soon", "budget_warn", "renewal_notice", "report_day", NULL };
static const char *const owner_keys[] = { "name", "email", NULL };
static const char *const site_keys[] = { "title", "url", NULL };
static const char *const mail_keys[] = { "own", "public_domains", NULL };
static const char *const digest_keys[] = { "sendmail", "from", NULL };

struct cfgpass {
	struct config		*c;
	const struct source	*src;
	struct diags		*d;
	struct owner		*owner;	/* current [owner] section */
	size_t			 cap;
	const struct ini_event	*e;	/* the [mail] key being read */
	size_t			 capown, cappublic;
};

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->cadence = (struct duration){ 14, DUR_DAYS };
	c->reply_within = (struct duration){ 1, DUR_BUSINESS };
	c->due_soon = (struct duration){ 3, DUR_DAYS };
	c->renewal_notice = (struct duration){ 30, DUR_DAYS };
	c->budget_warn = 80;
	c->report_day = 5;
}

char *
config_default_text(const char *name, const char *zone)
{
	struct config c;
	char cad[8], reply[8], soon[8], renew[8], *tz, *text;

	config_defaults(&c);
	duration_format(c.cadence, cad);
	duration_format(c.reply_within, reply);
	duration_format(c.due_soon, soon);
	duration_format(c.renewal_notice, renew);
	/* The creator's zone when known; else an example, commented. */
	tz = zone != NULL ? xasprintf("timezone = %-11s", zone) :
	    xstrdup("; timezone = Europe/London");
	text = xasprintf(
	    "; rapport workspace settings.  Every value below is the default\n"
	    "; or an example (commented with ';'): change what you need,\n"
	    "; delete what you do not.  Durations are Nd (days), Nw (weeks)\n"
	    "; or Nbd (business days, Monday to Friday).\n"
	    "\n"
	    "[workspace]\n"
	    "name = %s\n"
	    "%s ; the zone of every entry's time, whoever logs it where\n"
	    "\n"
	    "[defaults]\n"
	    "cadence = %-12s ; check in with a client this often, unless it "
	    "sets its own\n"
	    "reply_within = %-7s ; how fast a client's message must be "
	    "answered\n"
	    "due_soon = %-11s ; how far ahead \"due\" reaches\n"
	    "budget_warn = %-8d ; warn at this percent of the contract's "
	    "monthly hours\n"
	    "renewal_notice = %-5s ; how early an upcoming renewal shows\n"
	    "report_day = %-9d ; a month's report is due on this day of the "
	    "next month\n"
	    "\n"
	    "; Who looks after clients.  Once an [owner ...] section exists, "
	    "every\n"
	    "; client's owner must name one of them.\n"
	    "; [owner dana]\n"
	    "; name = Dana Kim\n"
	    "; email = dana@example.com\n"
	    "\n"
	    "[site]\n"
	    "; title = %s clients  ; the site's heading; the workspace name "
	    "when unset\n"
	    "; url = https://clients.example.com/  ; the site's address, for "
	    "the feed's links\n"
	    "\n"
	    "; Mail import (rapport import-mail): our own addresses beyond the "
	    "owners',\n"
	    "; and mail domains shared by many people, never taken as a "
	    "client's.\n"
	    "[mail]\n"
	    "; own = *@example.com, dana.kim@gmail.com\n"
	    "; public_domains = mailbox.example\n",
	    name, tz, cad, reply, soon, c.budget_warn, renew, c.report_day,
	    name);
	free(tz);
	return text;
}


/*
 * [site] url: the site's absolute address, for the links of the calendar
 * feed.  http or https, no spaces or quotes; a '/' is added at the end.
 */
static void
set_url(struct cfgpass *p, const struct ini_event *e)
{
	const char *v = e->value;
	size_t n = strlen(v);

	if ((strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0) ||
	    strpbrk(v, " \t\"'<>\\") != NULL || strlen(strchr(v, ':') + 3) ==
	    0) {
		diag_msg(p->d, p->src->path, e->line, e->vcol, DIAG_ERROR,
		    "url: '%s' is not the address of a site: write it like "
		    "https://clients.example.com/", v);
		return;
	}
	free(p->c->site_url);
	p->c->site_url = xasprintf("%s%s", v, v[n - 1] == '/' ? "" : "/");
}
/*
 * [workspace] timezone: an IANA zone of the tz database, in which entry
 * times are written and read (zone.h).  One that is not there is an error
 * at its line, and the person's own zone stands in.
 */
static void
set_timezone(struct cfgpass *p, const struct ini_event *e)
{
	if (!zone_valid(e->value)) {
		diag_msg(p->d, p->src->path, e->line, e->vcol, DIAG_ERROR,
		    "timezone: '%s' is not a zone of the tz database: write "
		    "an IANA name such as Europe/London, America/New_York or "
		    "UTC ('ls /usr/share/zoneinfo' lists them)", e->value);
		return;
	}
	free(p->c->timezone);
	p->c->timezone = xstrdup(e->value);
}

static void
on_defaults(struct cfgpass *p, const struct ini_event *e)
{
	struct config *c = p->c;
	double v;

	if (strcmp(e->key, "cadence") == 0)
		inifile_duration(e, p->src->path, 1, &c->cadence, p->d);
	else if (strcmp(e->key, "reply_within") == 0)
		inifile_duration(e, p->src->path, 0, &c->reply_within, p->d);
	else if (strcmp(e->key, "due_soon") == 0)
		inifile_duration(e, p->src->path, 0, &c->due_soon, p->d);
	else if (strcmp(e->key, "renewal_notice") == 0)
		inifile_duration(e, p->src->path, 0, &c->renewal_notice,
		    p->d);
	else if (strcmp(e->key, "budget_warn") == 0) {
		if (text_percent(e->value, &c->budget_warn) == -1)
			diag_msg(p->d, p->src->path, e->line, e->vcol,
			    DIAG_ERROR, "budget_warn: '%s' is not a "
			    "percentage: write a whole number from 0 to 100",
			    e->value);
	} else if (strcmp(e->key, "report_day") == 0) {
		if (text_number(e->value, &v) == -1 || v < 1 || v > 31 ||
		    v != (int)v)
			diag_msg(p->d, p->src->path, e->line, e->vcol,
			    DIAG_ERROR, "report_day: '%s' is not a day of "
			    "the month: write a whole number from 1 to 31",
			    e->value);
		else
			c->report_day = (int)v;
	} else
		inifile_unknown_key(e, p->src->path, default_keys, p->d);
}

static void
on_owner_key(struct cfgpass *p, const struct ini_event *e)
{
	struct owner *o = p->owner;

	if (strcmp(e->key, "name") == 0)
		o->name = xstrdup(e->value);
	else if (strcmp(e->key, "email") == 0) {
		if (!text_email_ok(e->value))
			diag_msg(p->d, p->src->path, e->line, e->vcol,
			    DIAG_ERROR, "email: '%s' is not an e-mail "
			    "address: write it as name@example.com",
			    e->value);
		else
			o->email = xstrdup(e->value);
	} else
		inifile_unknown_key(e, p->src->path, owner_keys, p->d);
}

/* The item lowered, allocated. */
static char *
lowered(const char *s, size_t n)
{
	char *l = xstrndup(s, n), *q;

	for (q = l; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return l;
}

static void
add_own(void *arg, const char *s, size_t n)
{
	struct cfgpass *p = arg;
	struct config *c = p->c;
	char *l = lowered(s, n);

	if (strncmp(l, "*@", 2) == 0 ? !text_domain_ok(l + 2) :
	    !text_email_ok(l)) {
		diag_msg(p->d, p->src->path, p->e->line, p->e->vcol,
		    DIAG_ERROR, "own: '%s' is neither an e-mail address nor "
		    "a whole domain: write dana@example.com or *@example.com",
		    l);
		free(l);
		return;
	}
	xgrow(&c->mail_own, &p->capown, c->nmail_own + 1,
	    sizeof(*c->mail_own));
	c->mail_own[c->nmail_own++] = l;
}

static void
add_public(void *arg, const char *s, size_t n)
{
	struct cfgpass *p = arg;
	struct config *c = p->c;
	char *l = lowered(s, n);

	if (!text_domain_ok(l)) {
		diag_msg(p->d, p->src->path, p->e->line, p->e->vcol,
		    DIAG_ERROR, "public_domains: '%s' is not a domain: write "
		    "it like mail.example", l);
		free(l);
		return;
	}
	xgrow(&c->public_domains, &p->cappublic, c->npublic_domains + 1,
	    sizeof(*c->public_domains));
	c->public_domains[c->npublic_domains++] = l;
}

static void
on_mail(struct cfgpass *p, const struct ini_event *e)
{
	p->e = e;
	if (strcmp(e->key, "own") == 0)
		text_split_list(e->value, add_own, p);
	else if (strcmp(e->key, "public_domains") == 0)
		text_split_list(e->value, add_public, p);
	else
		inifile_unknown_key(e, p->src->path, mail_keys, p->d);
	p->e = NULL;
}

/* [digest]: how the morning digest is sent (rapport digest --send). */
static void
on_digest(struct cfgpass *p, const struct ini_event *e)
{
	struct config *c = p->c;

	if (strcmp(e->key, "sendmail") == 0) {
		free(c->digest_sendmail);
		c->digest_sendmail = xstrdup(e->value);
	} else if (strcmp(e->key, "from") == 0) {
		if (!text_email_ok(e->value)) {
			diag_msg(p->d, p->src->path, e->line, e->vcol,
			    DIAG_ERROR, "from: '%s' is not an e-mail "
			    "address: write it as digest@example.com",
			    e->value);
			return;
		}
		free(c->digest_from);
		c->digest_from = xstrdup(e->value);
	} else
		inifile_unknown_key(e, p->src->path, digest_keys, p->d);
}

static void
on_section(struct cfgpass *p, const struct ini_event *e)
{
	const char *s = e->section, *near;
	struct owner *o;

	p->owner = NULL;
	if (strncmp(s, "owner ", 6) == 0 || strcmp(s, "owner") == 0) {
		const char *h = s[5] ? s + 6 : "";

		if (!text_slug_ok(h, strlen(h))) {
			diag_msg(p->d, p->src->path, e->line, e->col,
			    DIAG_ERROR, "owner handle '%s' must be lowercase "
			    "letters, digits and '-': write [owner dana]", h);
			return;
		}
		xgrow(&p->c->owners, &p->cap, p->c->nowners + 1,
		    sizeof(*p->c->owners));
		o = &p->c->owners[p->c->nowners++];
		memset(o, 0, sizeof(*o));
		o->handle = xstrdup(h);
		o->line = e->line;
		p->owner = o;
		return;
	}
	if (strcmp(s, "workspace") == 0 || strcmp(s, "defaults") == 0 ||
	    strcmp(s, "site") == 0 || strcmp(s, "mail") == 0 ||
	    strcmp(s, "digest") == 0)
		return;
	if ((near = text_suggest(s, sections)) != NULL)
		diag_msg(p->d, p->src->path, e->line, e->col, DIAG_ERROR,
		    "unknown section [%s]: did you mean [%s]?", s, near);
	else
		diag_msg(p->d, p->src->path, e->line, e->col, DIAG_ERROR,
		    "unknown section [%s]: rapport.ini has [workspace], "
		    "[defaults], [owner HANDLE], [site], [mail] and [digest]",
		    s);
}

static void
on_event(void *arg, const struct ini_event *e)
{
	struct cfgpass *p = arg;
	const char *s = e->section;

	if (e->type == INI_SECTION) {
		on_section(p, e);
		return;
	}
	if (*s == '\0')
		diag_msg(p->d, p->src->path, e->line, e->col, DIAG_ERROR,
		    "key '%s' outside a section: put it under [workspace], "
		    "[defaults], [owner HANDLE], [site], [mail] or [digest]",
		    e->key);
	else if (strcmp(s, "workspace") == 0) {
		if (strcmp(e->key, "name") == 0) {
			free(p->c->name);
			p->c->name = xstrdup(e->value);
		} else if (strcmp(e->key, "timezone") == 0)
			set_timezone(p, e);
		else
			inifile_unknown_key(e, p->src->path, workspace_keys,
			    p->d);
	} else if (strcmp(s, "defaults") == 0)
		on_defaults(p, e);
	else if (strcmp(s, "site") == 0) {
		if (strcmp(e->key, "title") == 0) {
			free(p->c->site_title);
			p->c->site_title = xstrdup(e->value);
		} else if (strcmp(e->key, "url") == 0)
			set_url(p, e);
		else
			inifile_unknown_key(e, p->src->path, site_keys, p->d);
	} else if (strcmp(s, "mail") == 0)
		on_mail(p, e);
	else if (strcmp(s, "digest") == 0)
		on_digest(p, e);
	else if (p->owner != NULL)
		on_owner_key(p, e);
	/* Keys of an unknown section were covered by its message. */
}

void
config_parse(struct config *c, const struct source *src, struct diags *d)
{
	struct cfgpass p = { 0 };

	p.c = c;
	p.src = src;
	p.d = d;
	p.cap = c->nowners;
	p.capown = c->nmail_own;
	p.cappublic = c->npublic_domains;
	inifile_parse(src, 1, src->nlines, on_event, &p, d);
}

const struct owner *
config_owner(const struct config *c, const char *handle)
{
	size_t i;

	for (i = 0; i < c->nowners; i++)
		if (strcmp(c->owners[i].handle, handle) == 0)
			return &c->owners[i];
	return NULL;
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nowners; i++) {
		free(c->owners[i].handle);
		free(c->owners[i].name);
		free(c->owners[i].email);
	}
	free(c->owners);
	free(c->timezone);
	for (i = 0; i < c->nmail_own; i++)
		free(c->mail_own[i]);
	free(c->mail_own);
	for (i = 0; i < c->npublic_domains; i++)
		free(c->public_domains[i]);
	free(c->public_domains);
	free(c->digest_sendmail);
	free(c->digest_from);
	free(c->name);
	free(c->site_title);
	free(c->site_url);
	memset(c, 0, sizeof(*c));
}

/*
 * Domains whose addresses belong to anyone: two clients' people can both
 * write from gmail.com, so a domain like these never says whose a message
 * is.  Sorted (bsearch).  [mail] public_domains adds to it.
 */
static const char *const public_domains[] = {
	"163.com", "aim.com", "aol.com", "att.net", "bellsouth.net",
	"btinternet.com", "comcast.net", "cox.net", "email.com",
	"fastmail.com", "fastmail.fm", "free.fr", "gmail.com", "gmx.at",
	"gmx.ch", "gmx.com", "gmx.de", "gmx.net", "googlemail.com",
	"hey.com", "hotmail.co.uk", "hotmail.com", "hotmail.de",
	"hotmail.fr", "icloud.com", "inbox.com", "libero.it", "live.co.uk",
	"live.com", "mac.com", "mail.com", "mail.ru", "me.com", "msn.com",
	"naver.com", "orange.fr", "outlook.com", "outlook.de", "pm.me",
	"proton.me", "protonmail.ch", "protonmail.com", "qq.com",
	"rocketmail.com", "sbcglobal.net", "t-online.de", "tuta.io",
	"tutanota.com", "verizon.net", "wanadoo.fr", "web.de", "yahoo.co.jp",
	"yahoo.co.uk", "yahoo.com", "yahoo.de", "yahoo.fr", "yandex.com",
	"yandex.ru", "ymail.com", "zoho.com", "zohomail.com",
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
config_public_domain(const struct config *cfg, const char *domain)
{
	size_t i;

	if (bsearch(&domain, public_domains, sizeof(public_domains) /
	    sizeof(public_domains[0]), sizeof(public_domains[0]),
	    cmp_str) != NULL)
		return 1;
	for (i = 0; cfg != NULL && i < cfg->npublic_domains; i++)
		if (strcmp(cfg->public_domains[i], domain) == 0)
			return 1;
	return 0;
}
