/*
 * merge_text.c: runs of lines merged as text, as "git merge-file" merges
 * them (libgit2's xdiff), for the parts of a client file that are text:
 * the notes, an entry both sides changed, a file that is no client file.
 *
 * libgit2 writes its conflicts in diff3 style, so that what base had
 * between the sides is known; they are written again here in git's
 * two-way style with rapport's labels.  With items, a conflict where
 * base had nothing and both sides only added list items ("- ", "* ",
 * "+ ", "1. ", and the indented lines under them) is no conflict: list
 * items under an entry are a set, as entries are.  Both sides' items
 * are kept, the block whose bytes sort first first, once when they are
 * the same, so that the result is the same whichever side is ours.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "conflict.h"
#include "merge_int.h"

static int	held;		/* libgit2 set up here, for good */

/* The bytes of lines [f, f + n) of l, which lie end to end. */
static void
run_bytes(const struct lines *l, size_t f, size_t n, git_merge_file_input *in)
{
	git_merge_file_input_init(in, GIT_MERGE_FILE_INPUT_VERSION);
	in->ptr = n > 0 ? l->v[f].s : "";
	in->size = n > 0 ? (size_t)(l->v[f + n - 1].s + l->v[f + n - 1].len -
	    l->v[f].s) : 0;
}

/* Whether the line is a list item, or indented under one. */
static int
item_line(const struct line *ln)
{
	size_t n = bare(ln), i = 0;
	const char *s = ln->s;

	if (n > 0 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') &&
	    (s[1] == ' ' || s[1] == '\t'))
		return 1;
	while (i < n && i < 9 && isdigit((unsigned char)s[i]))
		i++;
	return i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') &&
	    (s[i + 1] == ' ' || s[i + 1] == '\t');
}

/* Whether lines [f, f + n) are all list items, the first one not indented. */
static int
all_items(const struct lines *l, size_t f, size_t n)
{
	size_t i;

	if (n == 0 || l->v[f].s[0] == ' ' || l->v[f].s[0] == '\t')
		return 0;
	for (i = f; i < f + n; i++)
		if (!item_line(&l->v[i]))
			return 0;
	return 1;
}

/* Whether the line is git's marker of c (conflict_marker). */
static int
is_mark(const struct line *ln, char c)
{
	return conflict_marker(ln->s, bare(ln), c);
}

/*
 * Writes libgit2's output lines r, its diff3 conflicts as rapport writes
 * them; returns the conflicts left.
 */
static int
rewrite(struct buf *out, const struct lines *r, int items, const char *eol)
{
	size_t i = 0, o, b, t, e;
	int conflicts = 0;

	while (i < r->n) {
		if (!is_mark(&r->v[i], '<')) {
			put_run(out, r, i, 1, eol);
			i++;
			continue;
		}
		for (o = i + 1; o < r->n && !is_mark(&r->v[o], '|'); o++)
			continue;
		for (b = o; b < r->n && !is_mark(&r->v[b], '='); b++)
			continue;
		for (t = b; t < r->n && !is_mark(&r->v[t], '>'); t++)
			continue;
		if (t >= r->n) {	/* never: libgit2 closes what it opens */
			put_run(out, r, i, r->n - i, eol);
			return conflicts + 1;
		}
		e = t + 1;
		if (items && b == o + 1 && all_items(r, i + 1, o - i - 1) &&
		    all_items(r, b + 1, t - b - 1)) {
			size_t on = o - i - 1, tn = t - b - 1;
			int c = 0;

			if (same_run(r, i + 1, on, r, b + 1, tn))
				put_run(out, r, i + 1, on, eol);
			else {
				struct buf x = { 0 }, y = { 0 };

				put_run(&x, r, i + 1, on, eol);
				put_run(&y, r, b + 1, tn, eol);
				c = strcmp(x.s, y.s);
				buf_putn(out, c < 0 ? x.s : y.s, c < 0 ? x.len :
				    y.len);
				buf_putn(out, c < 0 ? y.s : x.s, c < 0 ? y.len :
				    x.len);
				buf_free(&x);
				buf_free(&y);
			}
		} else {
			put_conflict(out, r, i + 1, o - i - 1, r, b + 1,
			    t - b - 1, eol);
			conflicts++;
		}
		i = e;
	}
	return conflicts;
}

/* Whether libgit2's output r marks a conflict (rewrite may merge it). */
static int
has_marks(const struct lines *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (is_mark(&r->v[i], '<'))
			return 1;
	return 0;
}

int
merge_text(struct buf *out, const struct lines *bl, size_t bf, size_t bn,
    const struct lines *ol, size_t of, size_t on, const struct lines *tl,
    size_t tf, size_t tn, int items, const char *eol)
{
	git_merge_file_input in[3];
	git_merge_file_options opts;
	git_merge_file_result res;
	struct lines r;
	struct buf m = { 0 };
	int conflicts;

	run_bytes(bl, bf, bn, &in[0]);
	run_bytes(ol, of, on, &in[1]);
	run_bytes(tl, tf, tn, &in[2]);
	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	opts.ancestor_label = "base";
	opts.our_label = "ours";
	opts.their_label = "theirs";
	opts.flags = GIT_MERGE_FILE_STYLE_DIFF3;
	memset(&res, 0, sizeof(res));
	/*
	 * libgit2 must be set up, and no repository may be open (merge-file,
	 * the unit tests).  Once, for the process: setting it up loads the
	 * system's certificates, which cost milliseconds a merge.
	 */
	if (!held) {
		git_libgit2_init();
		held = 1;
	}
	if (git_merge_file(&res, &in[0], &in[1], &in[2], &opts) < 0) {
		/* Out of memory, as libgit2 fails here: the runs, marked. */
		put_conflict(out, ol, of, on, tl, tf, tn, eol);
		return 1;
	}
	lines_split(&r, res.ptr, res.len);
	conflicts = rewrite(&m, &r, items, eol);
	if (!res.automergeable && !has_marks(&r)) {
		/*
		 * Not merged and no markers: bytes libgit2 takes for binary
		 * (a NUL).  The two runs are one conflict, as git would say.
		 */
		buf_reset(&m);
		put_conflict(&m, ol, of, on, tl, tf, tn, eol);
		conflicts = 1;
	}
	buf_putn(out, m.s != NULL ? m.s : "", m.len);
	buf_free(&m);
	free(r.v);
	git_merge_file_result_free(&res);
	return conflicts;
}
