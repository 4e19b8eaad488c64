/*
 * client_front.c: a client file's front-matter, key by key: each INI
 * event (inifile.c) checked against its section's keys and stored in the
 * client, as client.c's pass over the file hands them over.  The checks
 * that need the whole file are client.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "client.h"
#include "client_int.h"
#include "inifile.h"
#include "text.h"

static const char *const top_keys[] = { "name", "status", "owner", "health",
    "cadence", "reply_within", "next", "since", "tags", "emails", "domains",
    NULL };
static const char *const section_kinds[] = { "contact", "escalation",
    "contract", "metrics", "report", "goal", "share", "person", NULL };
static const char *const contact_keys[] = { "name", "role", "email",
    "phone", NULL };
static const char *const contract_keys[] = { "hours", "renews", "rate",
    NULL };
static const char *const metrics_keys[] = { "track", NULL };
static const char *const share_keys[] = { "key", NULL };
static const char *const goal_keys[] = { "target", "by", "confidence",
    "outcome", NULL };
static const char *const person_keys[] = { "name", "role", "email", "phone",
    "notes", NULL };
static const char *const statuses[] = { "lead", "active", "paused",
    "former", NULL };
static const char *const healths[] = { "green", "amber", "red", NULL };

const char *
client_status_name(enum client_status s)
{
	return statuses[s];
}

const char *
client_health_name(enum client_health h)
{
	return healths[h];
}

#define ERR(p, e, col, ...) diag_msg((p)->d, (p)->src->path, \
	(e)->line, (col), DIAG_ERROR, __VA_ARGS__)
#define WARN(p, e, col, ...) diag_msg((p)->d, (p)->src->path, \
	(e)->line, (col), DIAG_WARNING, __VA_ARGS__)

/* Returns the index of value in the NULL-terminated list, or -1. */
static int
lookup(const char *value, const char *const *list)
{
	int i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(value, list[i]) == 0)
			return i;
	return -1;
}

static void
bad_choice(struct fmpass *p, const struct ini_event *e,
    const char *const *list)
{
	const char *near = text_suggest(e->value, list);
	struct buf b = { 0 };
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? list[i + 1] ? ", " : " or " : "",
		    list[i]);
	if (near)
		ERR(p, e, e->vcol, "%s '%s' is not one of %s: did you mean "
		    "'%s'?", e->key, e->value, b.s, near);
	else
		ERR(p, e, e->vcol, "%s '%s' is not one of %s", e->key,
		    e->value, b.s);
	buf_free(&b);
}

static void
set_date(struct fmpass *p, const struct ini_event *e, date_t *out)
{
	enum date_err err = date_parse(e->value, strlen(e->value), out);
	char *why;

	if (err == DATE_OK)
		return;
	*out = DATE_NONE;
	why = date_problem(e->value, strlen(e->value), err);
	ERR(p, e, e->vcol, "%s: %s", e->key, why);
	free(why);
}

static void
set_hours(struct fmpass *p, const struct ini_event *e, int64_t *out)
{
	switch (text_hours(e->value, out)) {
	case 0:
		break;
	case -2:
		ERR(p, e, e->vcol, "%s: '%s' has more than two decimals: "
		    "rapport counts hours in hundredths, like 12.25", e->key,
		    e->value);
		break;
	default:
		ERR(p, e, e->vcol, "%s: '%s' is not a number of hours: write "
		    "digits with an optional decimal point, like 40 or 12.5",
		    e->key, e->value);
	}
}

/*
 * A rate is money per hour, counted as hours are: in hundredths, so that
 * rate times hours is exact (rapport hours).
 */
static void
set_money(struct fmpass *p, const struct ini_event *e, int64_t *out)
{
	switch (text_hours(e->value, out)) {
	case 0:
		break;
	case -2:
		ERR(p, e, e->vcol, "%s: '%s' has more than two decimals: "
		    "rapport counts money in hundredths, like 95.50", e->key,
		    e->value);
		break;
	default:
		ERR(p, e, e->vcol, "%s: '%s' is not an amount per hour: "
		    "write digits with an optional decimal point and no "
		    "currency, like 120 or 95.50", e->key, e->value);
	}
}

static void
add_tag(void *arg, const char *s, size_t n)
{
	struct fmpass *p = arg;
	struct client *c = p->c;

	xgrow(&c->tags, &p->captags, c->ntags + 1, sizeof(*c->tags));
	c->tags[c->ntags++] = pool_strndup(&c->pool, s, n);
}

/* The item in lower case, in the client's pool. */
static char *
pool_lower(struct pool *pool, const char *s, size_t n)
{
	char *l = pool_strndup(pool, s, n), *q;

	for (q = l; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
	return l;
}

static void
add_email(void *arg, const char *s, size_t n)
{
	struct fmpass *p = arg;
	struct client *c = p->c;
	char *l = pool_lower(&c->pool, s, n);

	if (!text_email_ok(l)) {
		ERR(p, p->e, p->e->vcol, "emails: '%s' is not an e-mail "
		    "address: list addresses like jo@example.com, separated "
		    "by commas", l);
		return;
	}
	xgrow(&c->emails, &p->capemails, c->nemails + 1, sizeof(*c->emails));
	c->emails[c->nemails++] = l;
}

static void
add_domain(void *arg, const char *s, size_t n)
{
	struct fmpass *p = arg;
	struct client *c = p->c;
	char *l = pool_lower(&c->pool, s, n);

	if (*l == '@' || strncmp(l, "*@", 2) == 0)
		l += *l == '@' ? 1 : 2;
	if (!text_domain_ok(l)) {
		ERR(p, p->e, p->e->vcol, "domains: '%s' is not a domain: "
		    "list domains like example.com, separated by commas", l);
		return;
	}
	if (config_public_domain(p->cfg, l)) {
		WARN(p, p->e, p->e->vcol, "domains: '%s' is a public mail "
		    "domain, which mail import never matches by domain: list "
		    "the client's addresses in emails instead", l);
		return;
	}
	xgrow(&c->domains, &p->capdomains, c->ndomains + 1,
	    sizeof(*c->domains));
	c->domains[c->ndomains++] = l;
}

struct metric_ctx {
	struct fmpass		*p;
	const struct ini_event	*e;
};

static void
add_metric(void *arg, const char *s, size_t n)
{
	struct metric_ctx *m = arg;
	struct fmpass *p = m->p;
	struct client *c = p->c;
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		    s[i] == '-')) {
			ERR(p, m->e, m->e->vcol, "metric name '%.*s' may "
			    "hold only lowercase letters, digits, '_' and "
			    "'-'", (int)n, s);
			return;
		}
	for (i = 0; i < c->nmetrics; i++)
		if (strlen(c->metrics[i]) == n &&
		    memcmp(c->metrics[i], s, n) == 0) {
			ERR(p, m->e, m->e->vcol, "metric '%.*s' is tracked "
			    "twice: list it once", (int)n, s);
			return;
		}
	xgrow(&c->metrics, &p->capmetrics, c->nmetrics + 1,
	    sizeof(*c->metrics));
	c->metrics[c->nmetrics++] = pool_strndup(&c->pool, s, n);
}

static void
on_top(struct fmpass *p, const struct ini_event *e)
{
	struct client *c = p->c;
	int i;

	switch (lookup(e->key, top_keys)) {
	case 0:
		c->name = pool_strdup(&c->pool, e->value);
		break;
	case 1:
		if ((i = lookup(e->value, statuses)) < 0)
			bad_choice(p, e, statuses);
		else
			c->status = (enum client_status)i;
		break;
	case 2:
		c->owner = pool_strdup(&c->pool, e->value);
		p->owner_line = e->line;
		p->owner_col = e->vcol;
		break;
	case 3:
		if ((i = lookup(e->value, healths)) < 0)
			bad_choice(p, e, healths);
		else
			c->health = (enum client_health)i;
		break;
	case 4:
		inifile_duration(e, p->src->path, 1, &c->cadence, p->d);
		p->cadence_line = e->line;
		break;
	case 5:
		inifile_duration(e, p->src->path, 0, &c->reply_within,
		    p->d);
		p->reply_line = e->line;
		break;
	case 6:
		set_date(p, e, &c->next);
		break;
	case 7:
		set_date(p, e, &c->since);
		break;
	case 8:
		text_split_list(e->value, add_tag, p);
		break;
	case 9:
		p->e = e;
		text_split_list(e->value, add_email, p);
		break;
	case 10:
		p->e = e;
		text_split_list(e->value, add_domain, p);
		break;
	default:
		inifile_unknown_key(e, p->src->path, top_keys, p->d);
	}
}

static void
on_contact(struct fmpass *p, const struct ini_event *e, struct contact *ct)
{
	char *v = pool_strdup(&p->c->pool, e->value);

	switch (lookup(e->key, contact_keys)) {
	case 0:
		ct->name = v;
		break;
	case 1:
		ct->role = v;
		break;
	case 2:
		if (text_email_ok(v))
			ct->email = v;
		else
			ERR(p, e, e->vcol, "email: '%s' is not an e-mail "
			    "address: write it as name@example.com", v);
		break;
	case 3:
		ct->phone = v;
		if (!text_phone_ok(v))
			WARN(p, e, e->vcol, "phone: '%s' does not look like "
			    "a phone number: write digits, spaces and + - ( )",
			    v);
		break;
	default:
		inifile_unknown_key(e, p->src->path, contact_keys, p->d);
	}
}

/* One address of a person's email list, checked like a contact's. */
static void
add_person_email(void *arg, const char *s, size_t n)
{
	struct fmpass *p = arg;
	struct person *pe = &p->c->people[p->c->npeople - 1];
	char *v = pool_strndup(&p->c->pool, s, n);

	if (!text_email_ok(v)) {
		ERR(p, p->e, p->e->vcol, "email: '%s' is not an e-mail "
		    "address: list addresses like jo@example.com, separated "
		    "by commas", v);
		return;
	}
	xgrow(&pe->emails, &p->cappersonemails, pe->nemails + 1,
	    sizeof(*pe->emails));
	pe->emails[pe->nemails++] = v;
}

static void
on_person(struct fmpass *p, const struct ini_event *e)
{
	struct person *pe = &p->c->people[p->c->npeople - 1];
	char *v;

	switch (lookup(e->key, person_keys)) {
	case 0:
		pe->name = pool_strdup(&p->c->pool, e->value);
		break;
	case 1:
		pe->role = pool_strdup(&p->c->pool, e->value);
		break;
	case 2:
		p->e = e;
		text_split_list(e->value, add_person_email, p);
		break;
	case 3:
		pe->phone = v = pool_strdup(&p->c->pool, e->value);
		if (!text_phone_ok(v))
			WARN(p, e, e->vcol, "phone: '%s' does not look like "
			    "a phone number: write digits, spaces and + - ( )",
			    v);
		break;
	case 4:
		pe->notes = pool_strdup(&p->c->pool, e->value);
		break;
	default:
		inifile_unknown_key(e, p->src->path, person_keys, p->d);
	}
}

/*
 * Whether key can name a person: a letter or digit, then letters,
 * digits, '_' and '-', lower case, at most 42 ("[person KEY]" then fits
 * the 49 characters inih keeps of a section's name).
 */
static int
person_key_ok(const char *key)
{
	size_t i;

	for (i = 0; key[i] != '\0'; i++)
		if (!((key[i] >= 'a' && key[i] <= 'z') || (key[i] >= '0' &&
		    key[i] <= '9') || (i > 0 && (key[i] == '_' ||
		    key[i] == '-'))))
			return 0;
	return i > 0 && i <= INIFILE_MAX_SECTION - 7;
}

/* [person KEY]: a new person, unless the key is bad. */
static void
person_start(struct fmpass *p, const struct ini_event *e, const char *key)
{
	struct client *c = p->c;
	struct person *pe;

	if (key == NULL || !person_key_ok(key)) {
		ERR(p, e, e->col, "[%s]: a person needs a key of lower-case "
		    "letters, digits, '-' and '_': write [person KEY], like "
		    "[person jo]", e->section);
		return;
	}
	/* A key twice is a section twice, which inifile.c reports. */
	xgrow(&c->people, &p->cappeople, c->npeople + 1, sizeof(*c->people));
	pe = &c->people[c->npeople++];
	memset(pe, 0, sizeof(*pe));
	pe->key = pool_strdup(&c->pool, key);
	pe->line = e->line;
	p->cappersonemails = 0;
	p->sect = SECT_PERSON;
}

static void
on_report(struct fmpass *p, const struct ini_event *e)
{
	struct report *r = &p->c->reports[p->c->nreports - 1];
	double v;

	if (text_number(e->value, &v) == -1) {
		ERR(p, e, e->vcol, "%s: '%s' is not a number: write digits "
		    "with an optional decimal point, without units or "
		    "thousands separators", e->key, e->value);
		return;
	}
	r->keys = xrealloc(r->keys, (r->n + 1) * sizeof(*r->keys));
	r->values = xrealloc(r->values, (r->n + 1) * sizeof(*r->values));
	r->lines = xrealloc(r->lines, (r->n + 1) * sizeof(*r->lines));
	r->keys[r->n] = pool_strdup(&p->c->pool, e->key);
	r->values[r->n] = v;
	r->lines[r->n] = e->line;
	r->n++;
}

static void
on_goal(struct fmpass *p, const struct ini_event *e)
{
	struct goal *g = &p->c->goals[p->c->ngoals - 1];

	switch (lookup(e->key, goal_keys)) {
	case 0:
		g->target = pool_strdup(&p->c->pool, e->value);
		break;
	case 1:
		g->by_line = e->line;
		set_date(p, e, &g->by);
		break;
	case 2:
		g->confidence_line = e->line;
		if (text_percent(e->value, &g->confidence) == -1) {
			ERR(p, e, e->vcol, "confidence: '%s' is not a "
			    "percentage: write a whole number from 0 to 100",
			    e->value);
			g->confidence = -1;
		}
		break;
	case 3:
		g->outcome = pool_strdup(&p->c->pool, e->value);
		break;
	default:
		inifile_unknown_key(e, p->src->path, goal_keys, p->d);
	}
}

/* [report YYYY-MM] and [goal NAME] sections start a new record. */
static void
on_section(struct fmpass *p, const struct ini_event *e)
{
	struct client *c = p->c;
	const char *s = e->section, *arg = strchr(s, ' '), *near;
	char kind[64];
	size_t klen = arg ? (size_t)(arg - s) : strlen(s);
	month_t mo;
	enum date_err err;
	int k;

	snprintf(kind, sizeof(kind), "%.*s", (int)klen, s);
	arg = arg ? arg + 1 : NULL;
	p->sect = SECT_IGNORED;
	k = lookup(kind, section_kinds);
	if (((k >= 0 && k <= 3) || k == 6) && arg != NULL) {
		ERR(p, e, e->col, "[%s] takes no name: write [%s]", s, kind);
		return;
	}
	switch (k) {
	case 0:
		p->sect = SECT_CONTACT;
		c->contact.line = e->line;
		return;
	case 1:
		p->sect = SECT_ESCALATION;
		c->escalation.line = e->line;
		return;
	case 2:
		p->sect = SECT_CONTRACT;
		return;
	case 3:
		p->sect = SECT_METRICS;
		c->metrics_line = e->line;
		return;
	case 4:
		if (arg == NULL ||
		    (err = month_parse(arg, strlen(arg), &mo)) != DATE_OK) {
			ERR(p, e, e->col, "[%s]: a report section names its "
			    "month: write [report YYYY-MM], like "
			    "[report 2026-10]", s);
			return;
		}
		xgrow(&c->reports, &p->capreports, c->nreports + 1,
		    sizeof(*c->reports));
		memset(&c->reports[c->nreports], 0, sizeof(*c->reports));
		c->reports[c->nreports].month = mo;
		c->reports[c->nreports].line = e->line;
		c->nreports++;
		p->sect = SECT_REPORT;
		return;
	case 5:
		if (arg == NULL) {
			ERR(p, e, e->col, "a goal needs a name: write "
			    "[goal NAME], like [goal traffic]");
			return;
		}
		xgrow(&c->goals, &p->capgoals, c->ngoals + 1,
		    sizeof(*c->goals));
		memset(&c->goals[c->ngoals], 0, sizeof(*c->goals));
		c->goals[c->ngoals].name = pool_strdup(&c->pool, arg);
		c->goals[c->ngoals].by = DATE_NONE;
		c->goals[c->ngoals].confidence = -1;
		c->goals[c->ngoals].line = e->line;
		c->ngoals++;
		p->sect = SECT_GOAL;
		return;
	case 6:
		p->sect = SECT_SHARE;
		return;
	case 7:
		person_start(p, e, arg);
		return;
	default:
		near = text_suggest(kind, section_kinds);
		if (near != NULL)
			ERR(p, e, e->col, "unknown section [%s]: did you mean "
			    "[%s%s%s]?", s, near, arg ? " " : "",
			    arg ? arg : "");
		else
			ERR(p, e, e->col, "unknown section [%s]; client files "
			    "have [contact], [escalation], [person KEY], "
			    "[contract], [metrics], [report YYYY-MM], "
			    "[goal NAME] and [share]", s);
	}
}

void
client_on_event(void *arg, const struct ini_event *e)
{
	struct fmpass *p = arg;

	if (e->type == INI_SECTION) {
		on_section(p, e);
		return;
	}
	if (e->section[0] == '\0') {
		on_top(p, e);
		return;
	}
	switch (p->sect) {
	case SECT_CONTACT:
		on_contact(p, e, &p->c->contact);
		break;
	case SECT_ESCALATION:
		on_contact(p, e, &p->c->escalation);
		break;
	case SECT_CONTRACT:
		switch (lookup(e->key, contract_keys)) {
		case 0:
			set_hours(p, e, &p->c->contract_hours);
			break;
		case 1:
			set_date(p, e, &p->c->renews);
			break;
		case 2:
			set_money(p, e, &p->c->rate);
			break;
		default:
			inifile_unknown_key(e, p->src->path, contract_keys,
			    p->d);
		}
		break;
	case SECT_METRICS:
		if (strcmp(e->key, "track") == 0) {
			struct metric_ctx m = { p, e };

			text_split_list(e->value, add_metric, &m);
		} else
			inifile_unknown_key(e, p->src->path, metrics_keys,
			    p->d);
		break;
	case SECT_REPORT:
		on_report(p, e);
		break;
	case SECT_GOAL:
		on_goal(p, e);
		break;
	case SECT_PERSON:
		on_person(p, e);
		break;
	case SECT_SHARE:
		if (strcmp(e->key, "key") != 0)
			inifile_unknown_key(e, p->src->path, share_keys, p->d);
		else if (!client_share_key_ok(e->value))
			ERR(p, e, e->vcol, "key: '%s' is not a share key (at "
			    "least %d of A-Z a-z 0-9 _ -): make one with "
			    "'rapport share %s'", e->value, CLIENT_SHARE_MIN,
			    p->c->slug ? p->c->slug : "CLIENT");
		else {
			p->c->share_key = pool_strdup(&p->c->pool, e->value);
			p->c->share_line = e->line;
		}
		break;
	case SECT_TOP:
	case SECT_IGNORED:
		break;
	}
}
