/*
 * mailimport.c: messages to pending entries (see mailimport.h).
 */
#include <stdlib.h>
#include <string.h>

#include "mail.h"
#include "mailimport.h"

static const char *const skip_names[] = {
	[MAIL_SKIP_UNREADABLE] = "not an e-mail message",
	[MAIL_SKIP_HUGE] = "with a header over 1 MiB",
	[MAIL_SKIP_UNDATED] = "without a usable Date",
	[MAIL_SKIP_AUTOMATIC] = "automatic (Auto-Submitted)",
	[MAIL_SKIP_LIST] = "list or bulk mail",
	[MAIL_SKIP_KNOWN] = "already imported",
	[MAIL_SKIP_TWICE] = "a second copy",
	[MAIL_SKIP_STRANGER] = "not from or to a client",
	[MAIL_SKIP_TIE] = "matching two clients",
	[MAIL_SKIP_FUTURE] = "dated after today",
	[MAIL_SKIP_CLIENT] = "for a client file that cannot take them",
};
_Static_assert(sizeof(skip_names) / sizeof(skip_names[0]) == MAIL_NSKIPS,
    "one name per reason to skip");

const char *
mail_skip_name(enum mail_skip s)
{
	return skip_names[s];
}

void
mail_import_init(struct mail_import *im, const struct config *cfg,
    const struct client *clients, size_t n, date_t today, struct diags *d)
{
	memset(im, 0, sizeof(*im));
	im->clients = clients;
	im->nclients = n;
	im->today = today;
	im->d = d;
	im->book = mailbook_new(cfg, clients, n);
	mail_setup();
}

/* Where a message is, for a diagnostic: its file, and its mbox line. */
#define AT(m)	(m)->where, (m)->line, (m)->line > 0 ? 1 : 0

int
mail_import_message(void *arg, const struct mailsrc_msg *src)
{
	struct mail_import *im = arg;
	struct mail m;
	struct mail_match mt;
	struct mail_entry e;
	struct mail_pending *p;
	const char *why;
	int rc;

	im->nread++;
	if ((rc = mail_read_msg(&m, src, &why)) < 0) {
		diag_msg(im->d, AT(src), DIAG_WARNING, "%s; skipped", why);
		mail_import_skip(im, src->where, src->line, NULL, rc == -2 ?
		    MAIL_SKIP_HUGE : MAIL_SKIP_UNREADABLE);
		goto out;
	}
	if (m.automatic != NULL) {
		mail_import_skip(im, src->where, src->line, m.mark,
		    strcmp(m.automatic, "list") == 0 ? MAIL_SKIP_LIST :
		    MAIL_SKIP_AUTOMATIC);
		goto out;
	}
	mailbook_match(im->book, m.from, m.rcpt, m.nrcpt, &mt);
	if (mt.whose == MAIL_NOBODY) {
		mail_import_skip(im, src->where, src->line, m.mark,
		    MAIL_SKIP_STRANGER);
		goto out;
	}
	if (mt.whose == MAIL_TIE) {
		diag_msg(im->d, AT(src), DIAG_WARNING, "this message matches "
		    "%s and %s equally (by %s %s): skipped; list the address "
		    "under emails = in the file of the client it belongs to",
		    im->clients[mt.client].slug, im->clients[mt.other].slug,
		    mt.by_domain ? "domain" : "address", mt.key);
		mail_import_skip(im, src->where, src->line, m.mark,
		    MAIL_SKIP_TIE);
		goto out;
	}
	if (mail_entry(&m, mt.whose == MAIL_INBOUND ? ENTRY_IN : ENTRY_OUT,
	    &e, &why) == -1) {
		diag_msg(im->d, AT(src), DIAG_WARNING, "%s; skipped", m.dated ?
		    why : "it has no Date header that can be read");
		mail_import_skip(im, src->where, src->line, m.mark,
		    MAIL_SKIP_UNDATED);
		goto out;
	}
	if (e.date > im->today) {
		/* Not marked: it comes in once its day has come. */
		mail_import_skip(im, src->where, src->line, m.mark,
		    MAIL_SKIP_FUTURE);
		goto out;
	}
	xgrow(&im->p, &im->capp, im->np + 1, sizeof(*im->p));
	p = &im->p[im->np];
	p->client = mt.client;
	p->seq = im->np++;
	p->date = e.date;
	p->minutes = e.minutes;
	p->dir = e.dir;
	p->heading = pool_strdup(&im->pool, e.heading);
	p->comment = pool_strdup(&im->pool, e.comment);
	p->mark = pool_strdup(&im->pool, m.mark);
	p->old_mark = m.old_mark != NULL ? pool_strdup(&im->pool, m.old_mark) :
	    NULL;
	p->summary = pool_strdup(&im->pool, e.summary);
	p->where = im->verbose ? pool_strdup(&im->pool, src->where) : NULL;
	p->line = src->line;
out:
	mail_free(&m);
	return 0;
}

void
mail_import_skip(struct mail_import *im, const char *where, int line,
    const char *mark, enum mail_skip why)
{
	struct mail_skipped *k;

	im->skipped[why]++;
	if (!im->verbose)
		return;
	xgrow(&im->skips, &im->capskips, im->nskips + 1, sizeof(*im->skips));
	k = &im->skips[im->nskips++];
	k->where = where != NULL ? pool_strdup(&im->pool, where) : "";
	k->line = line;
	k->mark = mark != NULL ? pool_strdup(&im->pool, mark) : NULL;
	k->why = why;
}

static void
add_mark(void *arg, const char *s, size_t n)
{
	struct mail_import *im = arg;

	xgrow(&im->known, &im->capknown, im->nknown + 1,
	    sizeof(*im->known));
	im->known[im->nknown++] = pool_strndup(&im->pool, s, n);
}

void
mail_import_marks(struct mail_import *im, const char *text, size_t len)
{
	mail_marks(text, len, add_mark, im);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whether mark (NULL: none) is in a client file; im->known is sorted. */
static int
known(const struct mail_import *im, const char *mark)
{
	return mark != NULL && im->nknown > 0 && bsearch(&mark, im->known,
	    im->nknown, sizeof(*im->known), cmp_str) != NULL;
}

static int
cmp_mark(const void *a, const void *b)
{
	const struct mail_pending *x = a, *y = b;
	int c = strcmp(x->mark, y->mark);

	return c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/* By client, then in the order of entries, then as read. */
static int
cmp_place(const void *a, const void *b)
{
	const struct mail_pending *x = a, *y = b;

	if (x->client != y->client)
		return x->client < y->client ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->minutes != y->minutes)
		return x->minutes < y->minutes ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

void
mail_import_settle(struct mail_import *im)
{
	size_t i, n = 0;

	if (im->np == 0)
		return;
	if (im->nknown > 0)
		qsort(im->known, im->nknown, sizeof(*im->known), cmp_str);
	/* By mark, so that copies are neighbours and the first read leads. */
	qsort(im->p, im->np, sizeof(*im->p), cmp_mark);
	for (i = 0; i < im->np; i++) {
		const struct mail_pending *p = &im->p[i];

		if (known(im, p->mark) || known(im, p->old_mark))
			mail_import_skip(im, p->where, p->line, p->mark,
			    MAIL_SKIP_KNOWN);
		else if (i > 0 && strcmp(im->p[i - 1].mark, p->mark) == 0)
			mail_import_skip(im, p->where, p->line, p->mark,
			    MAIL_SKIP_TWICE);
		else
			im->p[n++] = *p;
	}
	im->np = n;
	qsort(im->p, im->np, sizeof(*im->p), cmp_place);
}

void
mail_import_free(struct mail_import *im)
{
	if (im == NULL)
		return;
	mailbook_free(im->book);
	free(im->p);
	free(im->known);
	free(im->skips);
	pool_free(&im->pool);
	memset(im, 0, sizeof(*im));
}
