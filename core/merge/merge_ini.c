/*
 * merge_ini.c: the INI part of the rapport merge (merge_int.h): a
 * client's front-matter or rapport.ini, section by section and key by
 * key.
 */
#include <stdlib.h>
#include <string.h>

#include "merge_int.h"
#include "text.h"

/* ---- INI: sections and keys ------------------------------------------ */

/* The name of a section header line, spaces collapsed as inifile does. */
static char *
section_key(const struct line *ln)
{
	struct buf b = { 0 };
	size_t i, n = bare(ln);
	const char *s = ln->s;
	int sp = 0;

	buf_putc(&b, '[');
	for (i = 0; i < n && s[i] != '['; i++)
		continue;
	for (i++; i < n && s[i] != ']'; i++) {
		if (text_is_space((unsigned char)s[i])) {
			sp = b.len > 1;
			continue;
		}
		if (sp)
			buf_putc(&b, ' ');
		sp = 0;
		buf_putc(&b, s[i]);
	}
	buf_putc(&b, ']');
	return buf_detach(&b);
}

enum ini_line { LINE_OTHER, LINE_SECTION, LINE_KEY };

static enum ini_line
ini_kind(const struct line *ln, size_t *klen, size_t *kat)
{
	size_t i = 0, n = bare(ln), e;
	const char *s = ln->s;

	while (i < n && text_is_space((unsigned char)s[i]))
		i++;
	if (i == n || s[i] == ';' || s[i] == '#')
		return LINE_OTHER;
	if (s[i] == '[')
		return LINE_SECTION;
	for (e = i; e < n && s[e] != '=' && s[e] != ':'; e++)
		continue;
	while (e > i && text_is_space((unsigned char)s[e - 1]))
		e--;
	*kat = i;
	*klen = e - i;
	return LINE_KEY;
}

/*
 * Cuts INI lines [f, e) into sections (units keyed "[name]", the top one
 * "[]", each with its header, keys and comments) and, per section, keys
 * (units keyed by name, each with the comment and blank lines after it;
 * those before a section's first key go with its header).
 */
struct ini {
	struct units	 sections;
	struct units	*keys;		/* per section */
};

static void
ini_cut(struct ini *in, const struct lines *l, size_t f, size_t e)
{
	size_t i, cap = 0, klen = 0, kat = 0;
	struct units *cur;

	memset(in, 0, sizeof(*in));
	unit_add(&in->sections, "[]", 2, f, 0);
	xgrow(&in->keys, &cap, 1, sizeof(*in->keys));
	memset(&in->keys[0], 0, sizeof(in->keys[0]));
	cur = &in->keys[0];
	for (i = f; i < e; i++) {
		enum ini_line k = ini_kind(&l->v[i], &klen, &kat);

		if (k == LINE_SECTION) {
			char *name = section_key(&l->v[i]);

			unit_add(&in->sections, name, strlen(name), i, 0);
			free(name);
			xgrow(&in->keys, &cap, in->sections.n,
			    sizeof(*in->keys));
			cur = &in->keys[in->sections.n - 1];
			memset(cur, 0, sizeof(*cur));
		} else if (k == LINE_KEY)
			unit_add(cur, l->v[i].s + kat, klen, i, 0);
		in->sections.v[in->sections.n - 1].n++;
		if (k == LINE_OTHER && cur->n > 0)
			cur->v[cur->n - 1].n++;
		else if (k == LINE_KEY)
			cur->v[cur->n - 1].n = 1;
	}
	for (i = 0; i < in->sections.n; i++)
		units_index(&in->keys[i]);
	units_index(&in->sections);
}

static void
ini_free(struct ini *in)
{
	size_t i;

	for (i = 0; i < in->sections.n; i++)
		units_free(&in->keys[i]);
	free(in->keys);
	units_free(&in->sections);
}

/* The header block of section u: its lines before its first key. */
static size_t
head_len(const struct ini *in, const struct unit *u)
{
	const struct units *k = &in->keys[u - in->sections.v];

	return k->n > 0 ? k->v[0].first - u->first : u->n;
}

/*
 * The layout unit of a key (put_verdict): the unit of the side whose
 * order the result has (by: 0 base, 1 ours, 2 theirs), into *ll; NULL
 * when that side has none, or when both sides reordered alike (by 3).
 */
static const struct unit *
layout(int by, const struct lines *bl, const struct unit *b,
    const struct lines *ol, const struct unit *o, const struct lines *tl,
    const struct unit *t, const struct lines **ll)
{
	*ll = by == 0 ? bl : by == 1 ? ol : tl;
	/* Both reordered alike: no one side's layout (put_verdict). */
	if (by == 3)
		return NULL;
	return by == 0 ? b : by == 1 ? o : t;
}

/*
 * Merges the keys of one section present on both sides (b may be NULL);
 * sby is whose order the sections have, and then whose layout the keys.
 */
static int
merge_section(struct buf *out, const struct lines *bl, const struct ini *bi,
    const struct unit *bs, const struct lines *ol, const struct ini *oi,
    const struct unit *os, const struct lines *tl, const struct ini *ti,
    const struct unit *ts, const char *eol, unsigned *said, int sby)
{
	static const struct units none;
	const struct lines *ll;
	const struct unit *lu;
	int by;
	const struct units *bk = bs ? &bi->keys[bs - bi->sections.v] : &none;
	const struct units *ok = &oi->keys[os - oi->sections.v];
	const struct units *tk = &ti->keys[ts - ti->sections.v];
	const char **keys;
	size_t n, i, hn = head_len(oi, os);
	int conflicts = 0;

	/* The header and its comments, three ways as any unit. */
	{
		struct unit bh = { NULL, 0, 0, 0, -1, -1 }, oh = *os, th = *ts;

		if (bs != NULL) {
			bh = *bs;
			bh.n = head_len(bi, bs);
		}
		oh.n = hn;
		th.n = head_len(ti, ts);
		lu = layout(sby, bl, bs != NULL ? &bh : NULL, ol, &oh, tl, &th,
		    &ll);
		conflicts += put_verdict(out, decide(bl, bs != NULL ? &bh :
		    NULL, ol, &oh, tl, &th), ol, &oh, tl, &th, eol, ll, lu);
	}
	n = order_units(bk, ok, tk, &keys, said, &by);
	for (i = 0; i < n; i++) {
		const struct unit *b = units_find(bk, keys[i]);
		const struct unit *o = units_find(ok, keys[i]);
		const struct unit *t = units_find(tk, keys[i]);

		lu = layout(sby != 0 ? sby : by, bl, b, ol, o, tl, t, &ll);
		conflicts += put_verdict(out, decide(bl, b, ol, o, tl, t), ol,
		    o, tl, t, eol, ll, lu);
	}
	free(keys);
	return conflicts;
}

/* Merges INI lines: base [bf, be), ours [of, oe), theirs [tf, te). */
int
merge_ini(struct buf *out, const struct lines *bl, size_t bf, size_t be,
    const struct lines *ol, size_t of, size_t oe, const struct lines *tl,
    size_t tf, size_t te, const char *eol, unsigned *said)
{
	struct ini bi, oi, ti;
	const char **keys;
	const struct lines *ll;
	size_t n, i;
	int conflicts = 0, by;

	if (same_run(ol, of, oe - of, tl, tf, te - tf) ||
	    same_run(bl, bf, be - bf, tl, tf, te - tf)) {
		put_run(out, ol, of, oe - of, eol);
		return 0;
	}
	if (same_run(bl, bf, be - bf, ol, of, oe - of)) {
		put_run(out, tl, tf, te - tf, eol);
		return 0;
	}
	ini_cut(&bi, bl, bf, be);
	ini_cut(&oi, ol, of, oe);
	ini_cut(&ti, tl, tf, te);
	/* The top section, "[]", is on every side and comes first. */
	n = order_units(&bi.sections, &oi.sections, &ti.sections, &keys,
	    said, &by);
	for (i = 0; i < n; i++) {
		const struct unit *b = units_find(&bi.sections, keys[i]);
		const struct unit *o = units_find(&oi.sections, keys[i]);
		const struct unit *t = units_find(&ti.sections, keys[i]);

		enum verdict v = decide(bl, b, ol, o, tl, t);

		/* Changed two ways: merged key by key.  Removed on one side
		 * and changed on the other: a conflict of the section. */
		if (v == TAKE_CONFLICT && o != NULL && t != NULL)
			conflicts += merge_section(out, bl, &bi, b, ol, &oi, o,
			    tl, &ti, t, eol, said, by);
		else {
			const struct unit *lu = layout(by, bl, b, ol, o, tl, t,
			    &ll);

			conflicts += put_verdict(out, v, ol, o, tl, t, eol, ll,
			    lu);
		}
	}
	free(keys);
	ini_free(&bi);
	ini_free(&oi);
	ini_free(&ti);
	return conflicts;
}
