/*
 * digestmail.c: the digest's text and HTML bodies (see digestmail.h).
 * One walk writes both: each piece is said once, as text or as HTML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digestmail.h"
#include "tpl.h"

static const char *const part_title[DIGEST__PARTS] = {
	[DIGEST_OVERDUE] = "Overdue",
	[DIGEST_TODAY] = "Due today",
	[DIGEST_REPLIES] = "Replies owed",
	[DIGEST_WEEK] = "Promises this week",
};

struct out {
	struct buf	*b;
	int		 html;
	int		 in_list;	/* an HTML <ul> of clients is open */
	int		 in_items;	/* a client's <ul> of signals is open */
};

/* Appends s, escaped in HTML. */
static void
put(struct out *o, const char *s)
{
	if (o->html)
		tpl_escape(o->b, s, strlen(s));
	else
		buf_puts(o->b, s);
}

static void
raw(struct out *o, const char *s)
{
	buf_puts(o->b, s);
}

static void
close_items(struct out *o)
{
	if (o->html && o->in_items)
		raw(o, "</ul></li>\n");
	o->in_items = 0;
}

static void
close_list(struct out *o)
{
	close_items(o);
	if (o->html && o->in_list)
		raw(o, "</ul>\n");
	o->in_list = 0;
}

/* A part's heading, with its count when count is not 0. */
static void
heading(struct out *o, const char *title, size_t count)
{
	char n[32];

	close_list(o);
	snprintf(n, sizeof(n), " (%zu)", count);
	raw(o, o->html ? "<h2>" : "\n");
	put(o, title);
	if (count > 0)
		raw(o, n);
	raw(o, o->html ? "</h2>\n<ul>\n" : "\n");
	o->in_list = 1;
}

/* A client's line: its name and slug, and its last entry when known. */
static void
client_line(struct out *o, const struct client *c, const char *last)
{
	close_items(o);
	raw(o, o->html ? "<li><strong>" : "  ");
	put(o, c->name != NULL ? c->name : c->slug);
	raw(o, o->html ? "</strong> (<code>" : " (");
	put(o, c->slug);
	raw(o, o->html ? "</code>)" : ")\n");
	if (last != NULL) {
		raw(o, o->html ? "<br><small>last entry: " :
		    "      last entry: ");
		put(o, last);
		raw(o, o->html ? "</small>" : "\n");
	}
	raw(o, o->html ? "\n<ul>\n" : "");
	o->in_items = 1;
}

static void
item_line(struct out *o, const struct signal *s, date_t today)
{
	char when[48];

	followup_when(when, sizeof(when), s, today);
	raw(o, o->html ? "<li>" : "    - ");
	put(o, s->text);
	raw(o, " \xe2\x80\x94 ");
	put(o, when);
	raw(o, o->html ? "</li>\n" : "\n");
}

static void
para(struct out *o, const char *s)
{
	close_list(o);
	raw(o, o->html ? "<p>" : "\n");
	put(o, s);
	raw(o, o->html ? "</p>\n" : "\n");
}

/* "and 12 more clients" at the end of part, when it has that many. */
static void
more(struct out *o, const struct digest *dg, int part)
{
	char *t;

	if (part < 0 || dg->hidden[part] == 0)
		return;
	close_items(o);
	t = xasprintf("and %zu more client%s: rapport status --owner %s "
	    "lists them", dg->hidden[part], dg->hidden[part] == 1 ? "" : "s",
	    dg->owner);
	raw(o, o->html ? "<li>" : "  ");
	put(o, t);
	raw(o, o->html ? "</li>\n" : "\n");
	free(t);
}

static void
change_line(struct out *o, const struct digest_change *ch)
{
	struct entry_spec sp;
	struct buf h = { 0 };

	memset(&sp, 0, sizeof(sp));
	sp.date = ch->date;
	sp.minutes = ch->at;
	sp.dir = ch->dir;
	sp.channel = ch->channel;
	sp.summary = ch->summary;
	entry_format(&sp, &h);
	raw(o, o->html ? "<li><strong>" : "  ");
	put(o, ch->name);
	raw(o, o->html ? "</strong> (<code>" : " (");
	put(o, ch->slug);
	raw(o, o->html ? "</code>): " : "): ");
	put(o, h.s != NULL ? h.s : "");
	if (ch->mail)
		raw(o, " \xe2\x80\x94 imported from mail");
	else if (ch->author != NULL && *ch->author != '\0') {
		raw(o, " \xe2\x80\x94 logged by ");
		put(o, ch->author);
	}
	raw(o, o->html ? "</li>\n" : "\n");
	buf_free(&h);
}

static void
walk(const struct digest *dg, const struct digestmail *m, struct out *o)
{
	char day[16], since[16];
	char *s;
	size_t i;
	int part = -1;

	date_human(dg->today, dg->today - 366, day);
	s = xasprintf("Good morning%s%s: what your clients need from you, "
	    "%s%s%s.", m->owner_name ? ", " : "", m->owner_name ?
	    m->owner_name : "", day, m->agency ? " \xe2\x80\x94 " : "",
	    m->agency ? m->agency : "");
	if (o->html)
		raw(o, "<p>");
	put(o, s);
	raw(o, o->html ? "</p>\n" : "\n");
	free(s);
	if (digest_empty(dg))
		para(o, "Nothing is overdue or due today, no reply is owed and "
		    "no promise falls due this week.");
	for (i = 0; i < dg->nitems; i++) {
		const struct digest_item *it = &dg->items[i];

		if ((int)it->part != part) {
			more(o, dg, part);
			heading(o, part_title[it->part], dg->count[it->part]);
			part = (int)it->part;
			client_line(o, it->f->client, it->last);
		} else if (!it->shown)
			continue;
		else if (it->f != dg->items[i - 1].f)
			client_line(o, it->f->client, it->last);
		item_line(o, it->s, dg->today);
	}
	more(o, dg, part);
	if (dg->nbad > 0) {
		heading(o, "Files with errors", dg->nbad);
		for (i = 0; i < dg->nbad; i++) {
			raw(o, o->html ? "<li>" : "  ");
			put(o, dg->bad[i]);
			raw(o, o->html ? "</li>\n" : "\n");
		}
	}
	if (dg->first) {
		para(o, "This is your first digest: from the next one on, it "
		    "also lists the entries others logged and the mail "
		    "imported since the one before.");
	} else {
		date_human(dg->since, dg->today - 366, since);
		s = xasprintf("Changed since the last digest (%s)", since);
		if (dg->nchanges == 0) {
			char *t = xasprintf("%s: nothing.", s);

			para(o, t);
			free(t);
		} else {
			heading(o, s, dg->nchanges);
			for (i = 0; i < dg->nchanges && i <
			    DIGEST_MAX_CHANGES; i++)
				change_line(o, &dg->changes[i]);
			if (dg->nchanges > DIGEST_MAX_CHANGES) {
				char *t = xasprintf("and %zu more",
				    dg->nchanges - DIGEST_MAX_CHANGES);

				raw(o, o->html ? "<li>" : "  ");
				put(o, t);
				raw(o, o->html ? "</li>\n" : "\n");
				free(t);
			}
		}
		free(s);
	}
	close_list(o);
	s = xasprintf("rapport status --owner %s lists everything.",
	    dg->owner);
	raw(o, o->html ? "<p><small>" : "\n-- \n");
	put(o, s);
	raw(o, o->html ? "</small></p>\n" : "\n");
	free(s);
}

void
digestmail_text(const struct digest *dg, const struct digestmail *m,
    struct buf *out)
{
	struct out o = { out, 0, 0, 0 };

	walk(dg, m, &o);
}

void
digestmail_html(const struct digest *dg, const struct digestmail *m,
    struct buf *out)
{
	struct out o = { out, 1, 0, 0 };
	char *title = digest_subject(dg, m->agency);

	raw(&o, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>");
	put(&o, title);
	raw(&o, "</title>\n</head>\n<body>\n");
	free(title);
	walk(dg, m, &o);
	raw(&o, "</body>\n</html>\n");
}
