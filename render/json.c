/*
 * json.c: JSON output.  Strings are escaped per RFC 8259; U+2028 and
 * U+2029 are escaped too, so the output is also safe inside a script.
 * Bytes are otherwise passed through: the model holds valid UTF-8 only.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"

void
json_string(struct buf *b, const char *s)
{
	const unsigned char *p;
	char esc[8];

	buf_putc(b, '"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		case '<':	/* no "</script>" inside a page */
			buf_puts(b, "\\u003c");
			break;
		default:
			if (*p < 0x20) {
				snprintf(esc, sizeof(esc), "\\u%04x", *p);
				buf_puts(b, esc);
			} else if (p[0] == 0xe2 && p[1] == 0x80 &&
			    (p[2] == 0xa8 || p[2] == 0xa9)) {
				buf_puts(b, p[2] == 0xa8 ? "\\u2028" :
				    "\\u2029");
				p += 2;
			} else
				buf_putc(b, (char)*p);
		}
	}
	buf_putc(b, '"');
}

void
json_date(struct buf *b, date_t t)
{
	char d[11];

	if (t == DATE_NONE) {
		buf_puts(b, "null");
		return;
	}
	date_format(t, d);
	buf_printf(b, "\"%s\"", d);
}

static void
json_client(struct buf *b, const struct followup *f)
{
	const struct client *c = f->client;
	size_t i;

	buf_puts(b, "   {\"slug\": ");
	json_string(b, c->slug);
	buf_puts(b, ", \"name\": ");
	json_string(b, c->name ? c->name : c->slug);
	buf_puts(b, ", \"owner\": ");
	if (c->owner != NULL)
		json_string(b, c->owner);
	else
		buf_puts(b, "null");
	buf_printf(b, ",\n    \"status\": \"%s\", \"health\": \"%s\", "
	    "\"state\": \"%s\",\n    \"last_contact\": ",
	    client_status_name(c->status), client_health_name(c->health),
	    level_name(f->state));
	json_date(b, f->last_contact);
	buf_puts(b, ", \"next_contact\": ");
	json_date(b, f->next_contact);
	buf_puts(b, ",\n    \"signals\": [");
	for (i = 0; i < f->nsignals; i++) {
		const struct signal *s = &f->signals[i];

		buf_printf(b, "%s\n      {\"kind\": \"%s\", \"due\": ",
		    i ? "," : "", signal_kind_name(s->kind));
		json_date(b, s->due);
		buf_printf(b, ", \"level\": \"%s\",\n       \"text\": ",
		    level_name(s->level));
		json_string(b, s->text);
		buf_putc(b, '}');
	}
	buf_puts(b, f->nsignals ? "\n    ]}" : "]}");
}

void
json_status(struct buf *b, date_t today, const struct followup *v,
    size_t n, const struct invalid *const *bad, size_t nbad)
{
	size_t i;

	buf_puts(b, "{\"today\": ");
	json_date(b, today);
	buf_puts(b, ",\n \"clients\": [");
	for (i = 0; i < n; i++) {
		buf_puts(b, i ? ",\n" : "\n");
		json_client(b, &v[i]);
	}
	buf_puts(b, n ? "\n ],\n \"invalid\": [" : "],\n \"invalid\": [");
	for (i = 0; i < nbad; i++) {
		buf_puts(b, i ? ",\n   {\"file\": " : "\n   {\"file\": ");
		json_string(b, bad[i]->file);
		buf_printf(b, ", \"errors\": %d,\n    \"first\": ",
		    bad[i]->errors);
		json_string(b, bad[i]->first);
		buf_putc(b, '}');
	}
	buf_puts(b, nbad ? "\n ]}\n" : "]}\n");
}

static void
json_minutes(struct buf *b, const char *key, int64_t v)
{
	if (v < 0)
		buf_printf(b, "\"%s\": null", key);
	else
		buf_printf(b, "\"%s\": %lld", key, (long long)v);
}

void
json_figures(struct buf *b, const struct stats_figures *s)
{
	buf_printf(b, "\"answered\": %zu, ", s->answered);
	json_minutes(b, "median_minutes", s->median);
	buf_puts(b, ", ");
	json_minutes(b, "p90_minutes", s->p90);
	buf_puts(b, ",\n    ");
	json_minutes(b, "median_business_minutes", s->median_business);
	buf_puts(b, ", ");
	json_minutes(b, "p90_business_minutes", s->p90_business);
	buf_printf(b, ",\n    \"waiting\": %zu, \"longest_waiting\": ",
	    s->waiting);
	if (s->longest_client == NULL) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "{\"client\": ");
	json_string(b, s->longest_client->slug);
	buf_puts(b, ", \"since\": ");
	json_date(b, s->longest_date);
	buf_printf(b, ", \"minutes\": %lld, \"business_minutes\": %lld}",
	    (long long)s->longest, (long long)s->longest_business);
}
