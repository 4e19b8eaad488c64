/*
 * test_mergeprop.c: a property test of the rapport merge (SPEC section
 * 6, merge.h).  test_merge.c states the merge rule by rule on chosen
 * texts; here ITER client files made at random, each changed at random
 * on two sides, are merged both ways round, and what must hold of every
 * clean merge is checked: nothing a side added is lost, nothing is
 * doubled, nothing one side removed and the other left alone comes
 * back, the result is the same whichever side is ours, and it is still a
 * client file.  A merge with conflicts is only counted: which merges are
 * clean is for the rules (test_merge.c) to say, not for these properties.
 *
 * The files are made from a model (struct file) and written out, so that
 * the checks ask the model what each side did instead of parsing it
 * back.  Each case has its own generator, seeded from SEED and the case's
 * number, so a failing case runs again alone: set FIRST_CASE to it.
 *
 * Last come the targets of issue 35 (SPEC section 6, "what a side did
 * on purpose stays done"), one hand-written case each.
 *
 * It stays one file past 600 lines: the model, the edits, the writer and
 * the checks share the case's types and are read together, one job.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "unit.h"

/*
 * 10000 cases add 0.2 to 0.3 s (user time) to the plain unit run and 1
 * to 2 s under the sanitizers, measured on two cores: the suite stays
 * quick.
 */
#define ITER		10000
#define FIRST_CASE	0
#define SEED		0x7261707061727421ULL	/* "rapport!" */
#define MAX_FAILS	5	/* failing cases reported before it stops */

#define TXT		80	/* room for one generated line */
#define WHY		240	/* room for what failed */
#define MAX_ENT		16
#define MAX_TEXT	6
#define MAX_ITEM	8
#define MAX_NOTE	8
#define MAX_SECT	2
#define MAX_USED	64
#define MAX_EDITS	3

/* The edits a side makes to base; bit k of an edit mask is EDIT(k). */
enum edit {
	ED_ADD_ENTRY,
	ED_REMOVE_ENTRY,
	ED_ADD_ITEM,
	ED_EDIT_TEXT,
	ED_SET_KEY,
	ED_ADD_NOTE,
	ED_EDIT_NOTE,
	ED_FIRST_ENTRY,
	ED_REVERSE,
	ED_SWAP_SECTIONS,
	ED__COUNT
};

#define EDIT(k)		(1u << (k))
#define EDITS_ALL	(EDIT(ED__COUNT) - 1)
/*
 * What the merge handled before the change to list items, notes and
 * order: run with EDITS set to this, the properties hold on that code,
 * which is how the harness itself was checked.
 */
#define EDITS_SUPPORTED	(EDIT(ED_ADD_ENTRY) | EDIT(ED_REMOVE_ENTRY) | \
			 EDIT(ED_EDIT_TEXT) | EDIT(ED_SET_KEY) | \
			 EDIT(ED_ADD_NOTE))
#define EDITS		EDITS_ALL
/* Both sides reordering the same things is the one case where the
 * order cannot be the same whichever side is ours: ours' order is kept. */
#define EDITS_REORDER	(EDIT(ED_REVERSE) | EDIT(ED_SWAP_SECTIONS))

/* The top keys the sides change, each to a value of its own. */
enum top { TOP_STATUS, TOP_CADENCE, TOP__COUNT };

static const struct top_key {
	const char	*name;
	const char	*base;
	const char	*side[2];	/* what side a and side b set */
} top_keys[] = {
	[TOP_STATUS] = { "status", "active", { "paused", "lead" } },
	[TOP_CADENCE] = { "cadence", "14d", { "7d", "30d" } },
};
_Static_assert(sizeof(top_keys) / sizeof(*top_keys) == TOP__COUNT,
    "one row per top key");

static const struct section_kind {
	const char	*name;
	int		 nkeys;
	const char	*keys[3];
} sections[] = {
	{ "contact", 3, { "name = Jo Rivera", "email = jo@acme.example",
	    "phone = +1 555 0100" } },
	{ "contract", 3, { "hours = 40", "renews = 2027-03-01",
	    "rate = 120" } },
	{ "escalation", 3, { "name = Sam Ortiz", "role = President",
	    "email = sam@acme.example" } },
	{ "metrics", 1, { "track = sessions, leads" } },
};
#define NSECTIONS	(int)(sizeof(sections) / sizeof(*sections))

/* What follows an entry heading's date and time. */
static const char *const channels[] = {
	"<- email: ", "-> call: ", "-> meeting: ", "note: ", ""
};
#define NCHANNELS	(int)(sizeof(channels) / sizeof(*channels))

struct entry {
	char	head[TXT];		/* "## DATE [TIME] ...", unique */
	char	msgid[TXT];		/* its message-id line, or "" */
	char	text[MAX_TEXT][TXT];
	char	item[MAX_ITEM][TXT];
	int	ntext, nitem;
	int	when;			/* day * 1441 + minutes + 1, where
					   minutes is -1 for no time */
};

/* A client file as the generator knows it. */
struct file {
	const char	*top[TOP__COUNT];
	int		 sect[MAX_SECT], nkey[MAX_SECT], nsect;
	char		 note[MAX_NOTE][TXT];
	int		 nnote;
	struct entry	 ent[MAX_ENT];
	int		 nent;
	int		 newest_first;	/* the entries run backwards */
};

/* One case's generator. */
struct gen {
	uint64_t	 x;		/* xorshift64's state, never 0 */
	int		 serial;	/* numbers texts: unique in the case */
	int		 used[MAX_USED], nused;	/* the entries' whens */
	int		 last_day;	/* of the newest entry made */
};

/* What a side did, in order. */
struct done {
	int		 kind[MAX_EDITS], n;
	unsigned	 mask;
};

struct pcase {
	int		 num;
	uint64_t	 seed;
	struct file	 base, side[2];
	struct done	 did[2];
	char		*text[3];	/* base, side a, side b, written */
};

/* ---- the generator --------------------------------------------------- */

static uint64_t
rng(struct gen *g)
{
	g->x ^= g->x << 13;
	g->x ^= g->x >> 7;
	g->x ^= g->x << 17;
	return g->x;
}

/* 0 to n - 1 (the bias of the modulo is of no matter here). */
static int
below(struct gen *g, int n)
{
	return n > 0 ? (int)(rng(g) % (uint64_t)n) : 0;
}

/*
 * splitmix64's finalizer: xorshift64 seeded with neighbouring numbers
 * starts out with neighbouring values, and the cases should not.
 */
static uint64_t
case_seed(int i)
{
	uint64_t z = SEED + (uint64_t)i * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return z != 0 ? z : 1;
}

static void
day_iso(int day, char *out, size_t size)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int m = 0;

	while (m < 11 && day >= mdays[m])
		day -= mdays[m++];
	snprintf(out, size, "2026-%02d-%02d", m + 1, day + 1);
}

/*
 * A day in [lo, hi] and a time (or none) that no entry of the case has,
 * so that no two entries tie in the order of entries.  Days are shared,
 * and an untimed entry takes the time of the timed one above it on its
 * day (SPEC section 2), which a side that reverses the entries changes:
 * on purpose, as that is where the order of entries is hardest.
 */
static int
pick_when(struct gen *g, int lo, int hi)
{
	int w, i, taken;

	do {
		int day = lo + below(g, hi - lo + 1);
		int min = below(g, 3) == 0 ? -1 : 7 * 60 + below(g, 12 * 60);

		w = day * 1441 + min + 1;
		for (taken = 0, i = 0; i < g->nused; i++)
			taken |= g->used[i] == w;
	} while (taken);
	if (g->nused < MAX_USED)
		g->used[g->nused++] = w;
	if (w / 1441 > g->last_day)
		g->last_day = w / 1441;
	return w;
}

static void
new_item(struct gen *g, struct entry *e)
{
	int n = ++g->serial;

	if (e->nitem == MAX_ITEM)
		return;
	if (below(g, 3) > 0)
		snprintf(e->item[e->nitem++], TXT,
		    "- [ ] Task %d due:2026-12-%02d", n, 1 + n % 28);
	else
		snprintf(e->item[e->nitem++], TXT, "- Point %d", n);
}

static void
make_entry(struct gen *g, struct entry *e, int when)
{
	char date[24], tm[16] = "";
	int min = when % 1441 - 1, channel, hours, i, n;

	memset(e, 0, sizeof(*e));
	e->when = when;
	day_iso(when / 1441, date, sizeof(date));
	if (min >= 0)
		snprintf(tm, sizeof(tm), " %02d:%02d", min / 60, min % 60);
	channel = below(g, NCHANNELS);
	hours = below(g, 4) == 0;
	n = ++g->serial;
	snprintf(e->head, TXT, "## %s%s %sTopic %d%s", date, tm,
	    channels[channel], n, hours ? " (1.5h)" : "");
	if (below(g, 3) == 0) {
		n = ++g->serial;
		snprintf(e->msgid, TXT, "<!-- message-id: <m%d@x> -->", n);
	}
	for (n = below(g, 3), i = 0; i < n; i++)
		snprintf(e->text[e->ntext++], TXT, "Said thing %d.",
		    ++g->serial);
	for (n = below(g, 4), i = 0; i < n; i++)
		new_item(g, e);
}

static int
by_when(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return (x->when > y->when) - (x->when < y->when);
}

static void
make_base(struct gen *g, struct file *f)
{
	int i, n;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < TOP__COUNT; i++)
		f->top[i] = top_keys[i].base;
	f->nsect = below(g, MAX_SECT + 1);
	f->sect[0] = below(g, NSECTIONS);
	f->sect[1] = (f->sect[0] + 1 + below(g, NSECTIONS - 1)) % NSECTIONS;
	for (i = 0; i < f->nsect; i++)
		f->nkey[i] = 1 + below(g, sections[f->sect[i]].nkeys);
	for (n = below(g, 4); f->nnote < n; f->nnote++)
		snprintf(f->note[f->nnote], TXT, "Notes line %d.",
		    ++g->serial);
	/* A month of days, so that some entries share one. */
	for (n = below(g, 7); f->nent < n; f->nent++)
		make_entry(g, &f->ent[f->nent], pick_when(g, 10, 40));
	qsort(f->ent, (size_t)f->nent, sizeof(*f->ent), by_when);
}

/* ---- the edits ------------------------------------------------------- */

/*
 * A new entry, newer than all or on any day so far, placed by its date
 * the way the side's entries run (a side that reversed them adds the
 * newest at the top).
 */
static void
insert_entry(struct gen *g, struct file *f, int newest)
{
	struct entry e;
	int at = 0, w;

	if (f->nent == MAX_ENT)
		return;
	w = newest ? pick_when(g, g->last_day + 1, g->last_day + 3) :
	    pick_when(g, 10, g->last_day);
	make_entry(g, &e, w);
	while (at < f->nent && (f->newest_first ? f->ent[at].when > w :
	    f->ent[at].when < w))
		at++;
	memmove(&f->ent[at + 1], &f->ent[at], (size_t)(f->nent - at) *
	    sizeof(*f->ent));
	f->ent[at] = e;
	f->nent++;
}

static void
ed_add_entry(struct gen *g, struct file *f, int side)
{
	(void)side;
	insert_entry(g, f, below(g, 2));
}

static void
ed_remove_entry(struct gen *g, struct file *f, int side)
{
	int i;

	(void)side;
	if (f->nent == 0)
		return;
	i = below(g, f->nent);
	memmove(&f->ent[i], &f->ent[i + 1], (size_t)(f->nent - i - 1) *
	    sizeof(*f->ent));
	f->nent--;
}

static void
ed_add_item(struct gen *g, struct file *f, int side)
{
	(void)side;
	if (f->nent > 0)
		new_item(g, &f->ent[below(g, f->nent)]);
}

static void
ed_edit_text(struct gen *g, struct file *f, int side)
{
	struct entry *e;
	int i;

	if (f->nent == 0)
		return;
	e = &f->ent[below(g, f->nent)];
	if (e->ntext == 0)
		i = e->ntext++;
	else
		i = below(g, e->ntext);
	snprintf(e->text[i], TXT, "Edited by %c, %d.", "ab"[side],
	    ++g->serial);
}

static void
ed_set_key(struct gen *g, struct file *f, int side)
{
	int k = below(g, TOP__COUNT);

	f->top[k] = top_keys[k].side[side];
}

static void
ed_add_note(struct gen *g, struct file *f, int side)
{
	if (f->nnote < MAX_NOTE)
		snprintf(f->note[f->nnote++], TXT,
		    "Notes line %d, added by %c.", ++g->serial, "ab"[side]);
}

static void
ed_edit_note(struct gen *g, struct file *f, int side)
{
	if (f->nnote == 0) {
		ed_add_note(g, f, side);
		return;
	}
	snprintf(f->note[below(g, f->nnote)], TXT,
	    "Notes line %d, edited by %c.", ++g->serial, "ab"[side]);
}

static void
ed_first_entry(struct gen *g, struct file *f, int side)
{
	(void)side;
	if (f->nent == 0)
		insert_entry(g, f, below(g, 2));
}

/* A hand reordering: newest first. */
static void
ed_reverse(struct gen *g, struct file *f, int side)
{
	struct entry e;
	int i;

	(void)g;
	(void)side;
	for (i = 0; i < f->nent / 2; i++) {
		e = f->ent[i];
		f->ent[i] = f->ent[f->nent - 1 - i];
		f->ent[f->nent - 1 - i] = e;
	}
	f->newest_first = !f->newest_first;
}

static void
ed_swap_sections(struct gen *g, struct file *f, int side)
{
	int s, k;

	(void)g;
	(void)side;
	if (f->nsect < 2)
		return;
	s = f->sect[0], k = f->nkey[0];
	f->sect[0] = f->sect[1], f->nkey[0] = f->nkey[1];
	f->sect[1] = s, f->nkey[1] = k;
}

static const struct edit_kind {
	const char	*name;
	void		(*apply)(struct gen *, struct file *, int side);
} edit_kinds[] = {
	[ED_ADD_ENTRY] = { "add entry", ed_add_entry },
	[ED_REMOVE_ENTRY] = { "remove entry", ed_remove_entry },
	[ED_ADD_ITEM] = { "add list item", ed_add_item },
	[ED_EDIT_TEXT] = { "edit entry text", ed_edit_text },
	[ED_SET_KEY] = { "change top key", ed_set_key },
	[ED_ADD_NOTE] = { "add notes line", ed_add_note },
	[ED_EDIT_NOTE] = { "edit notes line", ed_edit_note },
	[ED_FIRST_ENTRY] = { "add first entry", ed_first_entry },
	[ED_REVERSE] = { "reverse entries", ed_reverse },
	[ED_SWAP_SECTIONS] = { "swap sections", ed_swap_sections },
};
_Static_assert(sizeof(edit_kinds) / sizeof(*edit_kinds) == ED__COUNT,
    "one row per edit");

/* Side `side` of c: base and 0 to MAX_EDITS edits of the kinds in EDITS. */
static void
make_side(struct gen *g, struct pcase *c, int side)
{
	int kinds[ED__COUNT], nkinds = 0, k, i, n;

	for (k = 0; k < ED__COUNT; k++)
		if (EDITS & EDIT(k))
			kinds[nkinds++] = k;
	c->side[side] = c->base;
	memset(&c->did[side], 0, sizeof(c->did[side]));
	for (n = below(g, MAX_EDITS + 1), i = 0; i < n; i++) {
		k = kinds[below(g, nkinds)];
		edit_kinds[k].apply(g, &c->side[side], side);
		c->did[side].kind[c->did[side].n++] = k;
		c->did[side].mask |= EDIT(k);
	}
}

/* ---- writing a file, merging ----------------------------------------- */

static char *
render(const struct file *f)
{
	struct buf b = { 0 };
	int i, k;

	buf_puts(&b, "---\nname = Acme\n");
	for (i = 0; i < TOP__COUNT; i++)
		buf_printf(&b, "%s = %s\n", top_keys[i].name, f->top[i]);
	for (i = 0; i < f->nsect; i++) {
		buf_printf(&b, "\n[%s]\n", sections[f->sect[i]].name);
		for (k = 0; k < f->nkey[i]; k++)
			buf_printf(&b, "%s\n", sections[f->sect[i]].keys[k]);
	}
	buf_puts(&b, "---\n");
	if (f->nnote > 0)
		buf_puts(&b, "\n");
	for (i = 0; i < f->nnote; i++)
		buf_printf(&b, "%s\n", f->note[i]);
	for (i = 0; i < f->nent; i++) {
		const struct entry *e = &f->ent[i];

		buf_printf(&b, "\n%s\n", e->head);
		if (e->msgid[0] != '\0')
			buf_printf(&b, "%s\n", e->msgid);
		for (k = 0; k < e->ntext; k++)
			buf_printf(&b, "%s\n", e->text[k]);
		for (k = 0; k < e->nitem; k++)
			buf_printf(&b, "%s\n", e->item[k]);
	}
	return buf_detach(&b);
}

/* Merges and returns the text (allocated); *n gets the conflicts. */
static char *
merge3(const char *b, const char *o, const char *t, int *n)
{
	struct merge_text mb = { b, strlen(b) };
	struct merge_text mo = { o, strlen(o) };
	struct merge_text mt = { t, strlen(t) };
	struct buf out = { 0 };

	*n = merge_file(MERGE_CLIENT, &mb, &mo, &mt, &out);
	buf_putc(&out, '\0');
	return buf_detach(&out);
}

static void
make_case(struct pcase *c, int num)
{
	struct gen g = { 0 };
	int i;

	c->num = num;
	c->seed = g.x = case_seed(num);
	g.last_day = 10;
	make_base(&g, &c->base);
	make_side(&g, c, 0);
	make_side(&g, c, 1);
	c->text[0] = render(&c->base);
	for (i = 0; i < 2; i++)
		c->text[1 + i] = render(&c->side[i]);
}

/* ---- the properties -------------------------------------------------- */

/* A result's lines, without their line ends. */
struct rline {
	const char	*s;
	size_t		 n;
};

struct result {
	struct rline	*l;
	size_t		 n;
	size_t		 body;		/* the first line after the fence */
};

static void
result_split(struct result *r, const char *s)
{
	const char *p, *nl;
	size_t cap = 1;

	for (p = s; (p = strchr(p, '\n')) != NULL; p++)
		cap++;
	r->l = xcalloc(cap, sizeof(*r->l));
	r->n = r->body = 0;
	for (p = s; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p) - 1;
		r->l[r->n].s = p;
		r->l[r->n++].n = (size_t)(nl - p) + (*nl != '\n');
	}
}

static int
line_is(const struct rline *l, const char *want)
{
	return l->n == strlen(want) && memcmp(l->s, want, l->n) == 0;
}

static int
line_eq(const struct rline *a, const struct rline *b)
{
	return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

static int
line_starts(const struct rline *l, const char *pre)
{
	return l->n >= strlen(pre) && memcmp(l->s, pre, strlen(pre)) == 0;
}

static int
count_lines(const struct result *r, const char *want)
{
	size_t i;
	int n = 0;

	for (i = 0; i < r->n; i++)
		n += line_is(&r->l[i], want);
	return n;
}

static const struct entry *
find_entry(const struct file *f, const char *head)
{
	int i;

	for (i = 0; i < f->nent; i++)
		if (strcmp(f->ent[i].head, head) == 0)
			return &f->ent[i];
	return NULL;
}

static int
has_item(const struct file *f, const char *item)
{
	int i, k;

	for (i = 0; i < f->nent; i++)
		for (k = 0; k < f->ent[i].nitem; k++)
			if (strcmp(f->ent[i].item[k], item) == 0)
				return 1;
	return 0;
}

/* Whether two entries are the same chunk, line for line. */
static int
same_entry(const struct entry *a, const struct entry *b)
{
	int k;

	if (strcmp(a->head, b->head) != 0 || strcmp(a->msgid, b->msgid) != 0 ||
	    a->ntext != b->ntext || a->nitem != b->nitem)
		return 0;
	for (k = 0; k < a->ntext; k++)
		if (strcmp(a->text[k], b->text[k]) != 0)
			return 0;
	for (k = 0; k < a->nitem; k++)
		if (strcmp(a->item[k], b->item[k]) != 0)
			return 0;
	return 1;
}

/* Still a client file: "---" first, and a line "---" that closes it. */
static int
check_shape(struct result *r, const char *s, char *why)
{
	size_t i;

	if (strncmp(s, "---\n", 4) != 0) {
		snprintf(why, WHY, "no longer a client file: no \"---\" first");
		return 1;
	}
	for (i = 1; i < r->n; i++)
		if (line_is(&r->l[i], "---")) {
			r->body = i + 1;
			return 0;
		}
	snprintf(why, WHY, "no longer a client file: no closing \"---\"");
	return 1;
}

/* What x added or changed, and y did not touch, is in the result. */
static int
check_lost(const struct file *b, const struct file *x, const struct file *y,
    const struct result *r, char *why)
{
	char line[TXT];
	int i, k;

	for (i = 0; i < x->nent; i++) {
		const struct entry *e = &x->ent[i];

		if (find_entry(b, e->head) == NULL &&
		    count_lines(r, e->head) == 0) {
			snprintf(why, WHY, "added entry lost: %s", e->head);
			return 1;
		}
		for (k = 0; k < e->nitem; k++)
			if (!has_item(b, e->item[k]) &&
			    count_lines(r, e->item[k]) == 0) {
				snprintf(why, WHY, "added list item lost: %s",
				    e->item[k]);
				return 1;
			}
	}
	for (k = 0; k < TOP__COUNT; k++) {
		if (x->top[k] == b->top[k] || y->top[k] != b->top[k])
			continue;
		snprintf(line, sizeof(line), "%s = %s", top_keys[k].name,
		    x->top[k]);
		if (count_lines(r, line) == 0) {
			snprintf(why, WHY, "changed key lost: %s", line);
			return 1;
		}
	}
	return 0;
}

/*
 * No entry heading twice, no message-id twice, no list item twice under
 * one entry: each line compared with the lines of its kind before it.
 */
static int
check_doubled(const struct result *r, char *why)
{
	size_t i, j, entry = r->body;

	for (i = r->body; i < r->n; i++) {
		const struct rline *l = &r->l[i];
		int head = line_starts(l, "## 2"), item = line_starts(l, "- ");
		int mid = line_starts(l, "<!-- message-id:");

		if (head)
			entry = i;
		if (!head && !item && !mid)
			continue;
		for (j = item ? entry : r->body; j < i; j++) {
			if (!line_eq(&r->l[j], l))
				continue;
			snprintf(why, WHY, "doubled (lines %zu and %zu): %.*s",
			    j + 1, i + 1, (int)l->n, l->s);
			return 1;
		}
	}
	return 0;
}

/* What x removed and y left as base had it stays removed. */
static int
check_resurrected(const struct file *b, const struct file *x,
    const struct file *y, const struct result *r, char *why)
{
	int i;

	for (i = 0; i < b->nent; i++) {
		const struct entry *e = &b->ent[i], *ye;

		if (find_entry(x, e->head) != NULL ||
		    (ye = find_entry(y, e->head)) == NULL || !same_entry(e, ye))
			continue;
		if (count_lines(r, e->head) > 0) {
			snprintf(why, WHY, "removed entry resurrected: %s",
			    e->head);
			return 1;
		}
	}
	return 0;
}

/* The properties of one clean result; 1 and why when one fails. */
static int
check_result(const struct pcase *c, int ours, const char *s, char *why)
{
	const struct file *b = &c->base, *x = &c->side[ours];
	const struct file *y = &c->side[!ours];
	struct result r;
	int bad;

	result_split(&r, s);
	bad = check_shape(&r, s, why) || check_lost(b, x, y, &r, why) ||
	    check_lost(b, y, x, &r, why) || check_doubled(&r, why) ||
	    check_resurrected(b, x, y, &r, why) ||
	    check_resurrected(b, y, x, &r, why);
	free(r.l);
	return bad;
}

static void
put_done(struct buf *m, const char *label, const struct done *d)
{
	int i;

	buf_printf(m, "%s did:", label);
	for (i = 0; i < d->n; i++)
		buf_printf(m, "%s %s", i > 0 ? "," : "",
		    edit_kinds[d->kind[i]].name);
	buf_puts(m, d->n == 0 ? " nothing\n" : "\n");
}

/*
 * A failing case: what failed, the case's number and seed, the edits,
 * and the four texts (side `ours` as ours; both results when the two
 * ways round disagree, ours < 0).
 */
static void
report(const struct pcase *c, int ours, const char *why, char *const r[2],
    const int n[2])
{
	struct buf m = { 0 };
	int k = ours < 0 ? 0 : ours;

	buf_printf(&m, "mergeprop case %d (seed %#llx, set FIRST_CASE to run "
	    "it first): %s\n", c->num, (unsigned long long)c->seed, why);
	put_done(&m, "side a", &c->did[0]);
	put_done(&m, "side b", &c->did[1]);
	buf_printf(&m, "--- base\n%s--- ours (side %c)\n%s--- theirs (side "
	    "%c)\n%s--- result (%d conflicts)\n%s", c->text[0], "ab"[k],
	    c->text[1 + k], "ab"[!k], c->text[2 - k], n[k], r[k]);
	if (ours < 0)
		buf_printf(&m, "--- result with side b as ours (%d conflicts)\n"
		    "%s", n[1], r[1]);
	unit_fail(__FILE__, __LINE__, "%s", m.s);
	buf_free(&m);
}

/* Checks one case's two merges; 1 when it failed (and was reported). */
static int
check_case(const struct pcase *c, char *const r[2], const int n[2])
{
	char why[WHY];
	unsigned reordered = c->did[0].mask & c->did[1].mask & EDITS_REORDER;
	int k;

	for (k = 0; k < 2; k++)
		if (n[k] == 0 && check_result(c, k, r[k], why)) {
			report(c, k, why, r, n);
			return 1;
		}
	if (reordered == 0 && (n[0] == 0 || n[1] == 0) && (n[0] != n[1] ||
	    strcmp(r[0], r[1]) != 0)) {
		snprintf(why, WHY, "not the same whichever side is ours");
		report(c, -1, why, r, n);
		return 1;
	}
	return 0;
}

static void
test_random(void)
{
	struct pcase *c = xcalloc(1, sizeof(*c));
	int i, k, n[2], fails = 0, ran = 0, clean = 0;
	char *r[2];

	for (i = FIRST_CASE; i < ITER && fails < MAX_FAILS; i++, ran++) {
		make_case(c, i);
		r[0] = merge3(c->text[0], c->text[1], c->text[2], &n[0]);
		r[1] = merge3(c->text[0], c->text[2], c->text[1], &n[1]);
		clean += n[0] == 0 && n[1] == 0;
		fails += check_case(c, r, n);
		for (k = 0; k < 2; k++)
			free(r[k]);
		for (k = 0; k < 3; k++)
			free(c->text[k]);
	}
	fprintf(stderr, "mergeprop: %d cases, %d clean, %d with conflicts",
	    ran, clean, ran - clean);
	if (EDITS != EDITS_ALL)
		fprintf(stderr, " (edits %#x of %#x)", EDITS, EDITS_ALL);
	if (fails >= MAX_FAILS)
		fprintf(stderr, " (stopped after %d failing cases)", fails);
	fputc('\n', stderr);
	if (fails == 0)
		unit_passed++;
	free(c);
}

/* ---- the targets of the change under way ----------------------------- */

#define FM	"---\nname = Acme\nstatus = active\ncadence = 14d\n---\n\n"
#define EA	"## 2026-11-18 09:40 <- email: Invoice question\nJo asked.\n"
#define EB	"## 2026-11-20 -> call: Plan (1.5h)\nWe talked.\n"

/*
 * Both ways round; returns the merge with o as ours, *n its conflicts,
 * *same whether the other way gave the same bytes and conflicts.
 */
static char *
both(const char *b, const char *o, const char *t, int *n, int *same)
{
	int n2;
	char *x = merge3(b, o, t, n), *y = merge3(b, t, o, &n2);

	*same = n2 == *n && strcmp(x, y) == 0;
	free(y);
	return x;
}

/* List items under one entry are a set: one item added on each side. */
static void
target_items(void)
{
	const char *b = FM EB "- [ ] Send the timeline due:2026-11-25\n";
	char *o = xasprintf("%s- [ ] Send the invoice due:2026-11-27\n", b);
	char *t = xasprintf("%s- [ ] @client Send assets due:2026-11-28\n", b);
	char *s;
	int n, same;

	s = both(b, o, t, &n, &same);
	CHECK_INT(n, 0);
	CHECK(strstr(s, "- [ ] Send the invoice due:2026-11-27\n") != NULL &&
	    strstr(s, "- [ ] @client Send assets due:2026-11-28\n") != NULL);
	CHECK(same);
	free(s);
	free(o);
	free(t);
}

/* Notes merge line by line: one side edits a line of them, the other
 * adds the file's first entry (which moves where the notes end). */
static void
target_notes_first_entry(void)
{
	const char *b = FM "Notes line one.\nNotes line two.\n";
	const char *o = FM "Notes line one.\nNotes line two, edited.\n";
	const char *t = FM "Notes line one.\nNotes line two.\n\n" EB;
	char *s;
	int n, same;

	s = both(b, o, t, &n, &same);
	CHECK_INT(n, 0);
	CHECK_STR(s, FM "Notes line one.\nNotes line two, edited.\n\n" EB);
	CHECK(same);
	free(s);
}

/*
 * A side that put the entries newest first keeps that order; the other
 * side's new entry is placed by its date, at the top when it is newest,
 * between the two when it falls between them.
 */
static void
target_reversed(void)
{
	const char *b = FM EA "\n" EB;
	const char *o = FM EB "\n" EA;
	const char *newest = "## 2026-11-23 10:00 -> email: Sent\n";
	const char *between = "## 2026-11-19 -> call: Between\n";
	char *t, *s;
	int n, same;

	t = xasprintf("%s\n%s", b, newest);
	s = both(b, o, t, &n, &same);
	CHECK_INT(n, 0);
	CHECK_STR(s, FM "## 2026-11-23 10:00 -> email: Sent\n\n" EB "\n" EA);
	CHECK(same);
	free(s);
	free(t);
	t = xasprintf(FM EA "\n%s\n" EB, between);
	s = both(b, o, t, &n, &same);
	CHECK_INT(n, 0);
	CHECK_STR(s, FM EB "\n## 2026-11-19 -> call: Between\n\n" EA);
	CHECK(same);
	free(s);
	free(t);
}

/* A side that moved [contract] above [contact] keeps it there while
 * the other side's change to [contact] is taken. */
static void
target_sections(void)
{
	const char *b = "---\nname = Acme\nstatus = active\n\n[contact]\n"
	    "name = Jo\nemail = jo@acme.example\n\n[contract]\nhours = 40\n"
	    "---\n\nNotes.\n";
	const char *o = "---\nname = Acme\nstatus = active\n\n[contract]\n"
	    "hours = 40\n\n[contact]\nname = Jo\nemail = jo@acme.example\n"
	    "---\n\nNotes.\n";
	const char *t = "---\nname = Acme\nstatus = active\n\n[contact]\n"
	    "name = Jo\nemail = jo@acme.test\n\n[contract]\nhours = 40\n"
	    "---\n\nNotes.\n";
	const char *contract, *contact;
	char *s;
	int n, same;

	s = both(b, o, t, &n, &same);
	contract = strstr(s, "[contract]\n");
	contact = strstr(s, "[contact]\n");
	CHECK_INT(n, 0);
	CHECK(contract != NULL && contact != NULL && contract < contact &&
	    strstr(s, "email = jo@acme.test\n") != NULL);
	CHECK(same);
	free(s);
}

/*
 * One message imported on each side under two headings (two people in
 * two time zones, say): one entry of it, the earlier heading's.
 */
static void
target_message_id(void)
{
	const char *b = FM EA;
	const char *o = FM EA "\n## 2026-11-21 09:05 <- email: Re: plan\n"
	    "<!-- message-id: <m7@acme.example> -->\nJo replied.\n";
	const char *t = FM EA "\n## 2026-11-20 23:05 <- email: Re: plan\n"
	    "<!-- message-id: <m7@acme.example> -->\nJo replied.\n";
	const char *mark = "<!-- message-id: <m7@acme.example> -->", *first;
	char *s;
	int n, same;

	s = both(b, o, t, &n, &same);
	first = strstr(s, mark);
	CHECK_INT(n, 0);
	CHECK(first != NULL && strstr(first + strlen(mark), mark) ==
	    NULL && strstr(s, "## 2026-11-20 23:05 <- email: Re: plan\n") !=
	    NULL && strstr(s, "## 2026-11-21 09:05") == NULL);
	CHECK(same);
	free(s);
}

void
test_mergeprop(void)
{
	test_random();
	target_items();
	target_notes_first_entry();
	target_reversed();
	target_sections();
	target_message_id();
}
