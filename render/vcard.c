/*
 * vcard.c: a client's people as vCards 3.0 or 4.0 (vcard.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cline.h"
#include "vcard.h"

int
vcard_wanted(const struct client *c)
{
	return c->errors == 0 && (c->status == STATUS_ACTIVE ||
	    c->status == STATUS_LEAD);
}

/* Adds the person of a [contact] or [escalation] that has a name. */
static size_t
add_contact(struct vcard_person *out, size_t n, const char *key,
    const struct contact *ct)
{
	if (ct->name == NULL)
		return n;
	memset(&out[n], 0, sizeof(out[n]));
	out[n].key = key;
	out[n].name = ct->name;
	out[n].role = ct->role;
	out[n].phone = ct->phone;
	out[n].emails = ct->email != NULL ? (const char *const *)&ct->email :
	    NULL;
	out[n].nemails = ct->email != NULL;
	return n + 1;
}

size_t
vcard_people(const struct client *c, struct vcard_person *out)
{
	size_t i, n = 0;

	n = add_contact(out, n, "[contact]", &c->contact);
	n = add_contact(out, n, "[escalation]", &c->escalation);
	for (i = 0; i < c->npeople; i++) {
		const struct person *pe = &c->people[i];

		if (pe->name == NULL)
			continue;
		memset(&out[n], 0, sizeof(out[n]));
		out[n].key = pe->key;
		out[n].name = pe->name;
		out[n].role = pe->role;
		out[n].phone = pe->phone;
		out[n].emails = (const char *const *)pe->emails;
		out[n].nemails = pe->nemails;
		n++;
	}
	return n;
}

static int
slug_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void
vcard_ctx_slugs(struct vcard_ctx *x, const char *const *slugs, size_t n)
{
	x->slugs = xcalloc(n + 1, sizeof(*x->slugs));
	if (n > 0)
		memcpy(x->slugs, slugs, n * sizeof(*slugs));
	x->nslugs = n;
	qsort(x->slugs, n, sizeof(*x->slugs), slug_cmp);
}

void
vcard_ctx_free(struct vcard_ctx *x)
{
	free(x->slugs);
	x->slugs = NULL;
	x->nslugs = 0;
}

/* The name of the client slug that its people's UIDs are made from. */
static const char *
id_slug(const struct vcard_ctx *x, const char *slug)
{
	const char *first = x->hist != NULL ? history_origin(x->hist, slug) :
	    slug;

	if (first != slug && strcmp(first, slug) != 0 && x->slugs != NULL &&
	    bsearch(&first, x->slugs, x->nslugs, sizeof(*x->slugs),
	    slug_cmp) != NULL)
		return slug;	/* another client has that name now */
	return first;
}

void
vcard_uid(const struct vcard_ctx *x, const char *slug, const char *key,
    char out[VCARD_UID_LEN + 1])
{
	struct buf b = { 0 };
	uint64_t h[2];
	unsigned char u[16];
	int i;

	slug = id_slug(x, slug);
	/* NULs keep "a" "bc" apart from "ab" "c". */
	buf_puts(&b, x->workspace != NULL ? x->workspace : "");
	buf_putc(&b, '\0');
	buf_puts(&b, slug);
	buf_putc(&b, '\0');
	buf_puts(&b, key);
	h[0] = hash64(b.s, b.len, 0x76636172);	/* "vcar" */
	h[1] = hash64(b.s, b.len, 0x64756964);	/* "duid" */
	buf_free(&b);
	for (i = 0; i < 8; i++) {
		u[i] = (unsigned char)(h[0] >> (56 - 8 * i));
		u[8 + i] = (unsigned char)(h[1] >> (56 - 8 * i));
	}
	u[6] = (unsigned char)((u[6] & 0x0f) | 0x80);	/* version 8 */
	u[8] = (unsigned char)((u[8] & 0x3f) | 0x80);	/* the variant */
	snprintf(out, VCARD_UID_LEN + 1, "urn:uuid:%02x%02x%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2],
	    u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12],
	    u[13], u[14], u[15]);
}

/* "NAME:" and a TEXT value, as one line. */
static void
text_line(struct buf *b, struct buf *l, const char *name, const char *v)
{
	buf_reset(l);
	buf_puts(l, name);
	cline_text(l, v);
	cline_put(b, l->s, l->len);
}

/* N: the family name is the last word, the given names the others. */
static void
n_line(struct buf *b, struct buf *l, const char *name)
{
	const char *end = name + strlen(name), *last;
	struct buf given = { 0 };

	while (end > name && end[-1] == ' ')
		end--;
	for (last = end; last > name && last[-1] != ' '; last--)
		continue;
	buf_reset(l);
	buf_puts(l, "N:");
	buf_putn(&given, last, (size_t)(end - last));
	cline_text(l, given.s != NULL ? given.s : "");
	buf_reset(&given);
	buf_putc(l, ';');
	while (last > name && last[-1] == ' ')
		last--;
	buf_putn(&given, name, (size_t)(last - name));
	cline_text(l, given.s != NULL ? given.s : "");
	buf_puts(l, ";;;");
	buf_free(&given);
	cline_put(b, l->s, l->len);
}

/* TEL: as text in 3.0, a tel: URI of the digits in 4.0. */
static void
tel_line(struct buf *b, struct buf *l, const char *phone,
    enum vcard_version v)
{
	const char *s;
	size_t digits = 0;

	buf_reset(l);
	if (v == VCARD_3) {
		buf_puts(l, "TEL;TYPE=VOICE:");
		cline_text(l, phone);
	} else {
		buf_puts(l, "TEL;VALUE=uri;TYPE=voice:tel:");
		for (s = phone; *s != '\0'; s++)
			if ((*s >= '0' && *s <= '9') || (*s == '+' &&
			    digits == 0)) {
				buf_putc(l, *s);
				digits += *s != '+';
			}
		if (digits == 0)
			return;
	}
	cline_put(b, l->s, l->len);
}

void
vcard_write(struct buf *b, const struct vcard_ctx *x, const struct client *c,
    const struct vcard_person *p)
{
	const struct repo_commit *last = x->hist != NULL ?
	    history_get(x->hist, c->slug, 0) : NULL;
	struct buf l = { 0 };
	char uid[VCARD_UID_LEN + 1];
	size_t i;

	cline_puts(b, "BEGIN:VCARD");
	cline_puts(b, x->version == VCARD_3 ? "VERSION:3.0" : "VERSION:4.0");
	cline_puts(b, "PRODID:-//rapport//rapport//EN");
	vcard_uid(x, c->slug, p->key, uid);
	buf_puts(&l, "UID:");
	buf_puts(&l, uid);
	cline_put(b, l.s, l.len);
	text_line(b, &l, "FN:", p->name);
	n_line(b, &l, p->name);
	if (c->name != NULL)
		text_line(b, &l, "ORG:", c->name);
	if (p->role != NULL)
		text_line(b, &l, "TITLE:", p->role);
	for (i = 0; i < p->nemails; i++)
		text_line(b, &l, x->version == VCARD_3 ? "EMAIL;TYPE=INTERNET:" :
		    "EMAIL:", p->emails[i]);
	if (p->phone != NULL)
		tel_line(b, &l, p->phone, x->version);
	if (c->ntags > 0) {
		buf_reset(&l);
		buf_puts(&l, "CATEGORIES:");
		for (i = 0; i < c->ntags; i++) {
			if (i > 0)
				buf_putc(&l, ',');
			cline_text(&l, c->tags[i]);
		}
		cline_put(b, l.s, l.len);
	}
	if (x->site_url != NULL) {
		buf_reset(&l);
		buf_printf(&l, "URL:%sclients/%s.html", x->site_url, c->slug);
		cline_put(b, l.s, l.len);
	}
	if (last != NULL) {
		time_t t = (time_t)last->when;
		struct tm tm;
		char stamp[32];

		gmtime_r(&t, &tm);
		strftime(stamp, sizeof(stamp), "REV:%Y%m%dT%H%M%SZ", &tm);
		cline_puts(b, stamp);
	}
	cline_puts(b, "END:VCARD");
	buf_free(&l);
}
