/*
 * test_digest.c: what goes into an owner's digest (digest.h): each
 * signal in the first part it fits, at the edges of each rule (the day
 * before, the day, the day after; seven days ahead and eight); the
 * subject; the last entry as context; the entries added since a commit,
 * marked as mail or credited to who added them, the owner's own left
 * out; the state of the last digest per owner; an mbox's From quoting
 * (mailout.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "digest.h"
#include "mailout.h"
#include "unit.h"
#include "util.h"

#define D(s)	unit_date(s)

static struct signal
sig(enum signal_kind k, const char *due, enum level l)
{
	struct signal s;

	memset(&s, 0, sizeof(s));
	s.kind = k;
	s.due = due != NULL ? D(due) : DATE_NONE;
	s.level = l;
	s.text = (char *)(uintptr_t)"x";
	return s;
}

static void
parts(void)
{
	date_t t = D("2026-11-23");
	struct signal s;

	s = sig(FU_FOLLOW_UP, "2026-11-22", LEVEL_OVERDUE);
	CHECK_INT(digest_part_of(&s, t), DIGEST_OVERDUE);
	s = sig(FU_FOLLOW_UP, "2026-11-23", LEVEL_DUE);
	CHECK_INT(digest_part_of(&s, t), DIGEST_TODAY);
	/* A check-in due tomorrow is status's, not the digest's. */
	s = sig(FU_FOLLOW_UP, "2026-11-24", LEVEL_DUE);
	CHECK_INT(digest_part_of(&s, t), DIGEST__PARTS);
	s = sig(FU_REPLY_OWED, "2026-11-24", LEVEL_DUE);
	CHECK_INT(digest_part_of(&s, t), DIGEST_REPLIES);
	s = sig(FU_REPLY_OWED, "2026-11-23", LEVEL_DUE);
	CHECK_INT(digest_part_of(&s, t), DIGEST_TODAY);
	/* Promises: ours and the client's, through seven days ahead. */
	s = sig(FU_COMMITMENT, "2026-11-24", LEVEL_DUE);
	CHECK_INT(digest_part_of(&s, t), DIGEST_WEEK);
	s = sig(FU_WAITING, "2026-11-30", LEVEL_UPCOMING);
	CHECK_INT(digest_part_of(&s, t), DIGEST_WEEK);
	s = sig(FU_COMMITMENT, "2026-12-01", LEVEL_UPCOMING);
	CHECK_INT(digest_part_of(&s, t), DIGEST__PARTS);
	s = sig(FU_RENEWAL, "2026-11-25", LEVEL_DUE);
	CHECK_INT(digest_part_of(&s, t), DIGEST__PARTS);
	s = sig(FU_ESCALATE, "2026-11-23", LEVEL_OVERDUE);
	CHECK_INT(digest_part_of(&s, t), DIGEST_OVERDUE);
}

static void
collect_and_subject(void)
{
	struct client c1, c2;
	struct followup f[2];
	struct signal s1[3], s2[1];
	struct digest dg;
	char *subj;

	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	memset(f, 0, sizeof(f));
	c1.slug = (char *)(uintptr_t)"acme";
	c2.slug = (char *)(uintptr_t)"bolt";
	s1[0] = sig(FU_COMMITMENT, "2026-11-25", LEVEL_DUE);
	s1[1] = sig(FU_FOLLOW_UP, "2026-11-20", LEVEL_OVERDUE);
	s1[2] = sig(FU_RENEWAL, "2027-01-01", LEVEL_UPCOMING);
	s2[0] = sig(FU_WAITING, "2026-11-23", LEVEL_DUE);
	f[0].client = &c1;
	f[0].signals = s1;
	f[0].nsignals = 3;
	f[1].client = &c2;
	f[1].signals = s2;
	f[1].nsignals = 1;
	digest_init(&dg, "dana", "dana@example.com", D("2026-11-23"));
	CHECK(digest_empty(&dg));
	subj = digest_subject(&dg, NULL);
	CHECK_STR(subj, "rapport: nothing due");
	free(subj);
	digest_collect(&dg, f, 2);
	CHECK(!digest_empty(&dg));
	CHECK_INT(dg.nitems, 3);
	CHECK_INT(dg.items[0].part, DIGEST_OVERDUE);
	CHECK_INT(dg.items[1].part, DIGEST_TODAY);
	CHECK(dg.items[1].f == &f[1]);
	CHECK_INT(dg.items[2].part, DIGEST_WEEK);
	CHECK(digest_wants_last(&dg, 1));
	CHECK(!digest_wants_last(&dg, 2));
	subj = digest_subject(&dg, "Brightline");
	CHECK_STR(subj, "rapport: 1 overdue, 1 due today \xe2\x80\x94 "
	    "Brightline");
	free(subj);
	digest_add_bad(&dg, "clients/x.md has 1 error");
	CHECK_INT(dg.nbad, 1);
	digest_free(&dg);
}

static const char then_text[] =
    "---\nname = Acme\nowner = dana\n---\n\n"
    "## 2026-11-20 10:00 -> call: Plan\n";
static const char now_text[] =
    "---\nname = Acme\nowner = dana\n---\n\n"
    "## 2026-11-20 10:00 -> call: Plan\n\n"
    "## 2026-11-22 09:00 <- email: Question\n"
    "<!-- message-id: <q@acme.example> -->\n\n"
    "## 2026-11-22 11:00 -> call: Answered\n\n"
    "## 2026-11-21 08:00 Own note\n";

static void
changes(void)
{
	struct config cfg;
	struct digest dg;
	const char *mid = "---\nname = Acme\nowner = dana\n---\n\n"
	    "## 2026-11-20 10:00 -> call: Plan\n\n"
	    "## 2026-11-21 08:00 Own note\n";

	config_defaults(&cfg);
	digest_init(&dg, "dana", "Dana@Example.com", D("2026-11-23"));
	digest_add_changes(&dg, "clients/acme.md", then_text,
	    strlen(then_text), now_text, strlen(now_text), &cfg);
	CHECK_INT(dg.nchanges, 3);
	/* Newest commit first: the oldest that added a heading names it. */
	digest_credit(&dg, "clients/acme.md", mid, strlen(mid), now_text,
	    strlen(now_text), "Marco", "marco@example.com");
	digest_credit(&dg, "clients/acme.md", then_text, strlen(then_text),
	    mid, strlen(mid), "Dana", "dana@example.com");
	/* Another client's file credits nothing here. */
	digest_credit(&dg, "clients/bolt.md", then_text, strlen(then_text),
	    now_text, strlen(now_text), "Eve", "eve@example.com");
	digest_changes_end(&dg);
	/* Dana's own note is left out; sorted by date and time. */
	CHECK_INT(dg.nchanges, 2);
	if (dg.nchanges == 2) {
		CHECK_STR(dg.changes[0].summary, "Question");
		CHECK(dg.changes[0].mail);
		CHECK_INT(dg.changes[0].dir, ENTRY_IN);
		CHECK_STR(dg.changes[1].summary, "Answered");
		CHECK(!dg.changes[1].mail);
		CHECK_STR(dg.changes[1].author, "Marco");
		CHECK_STR(dg.changes[1].slug, "acme");
		CHECK_STR(dg.changes[1].name, "Acme");
	}
	digest_free(&dg);
	/* A new file: every entry is new. */
	digest_init(&dg, "dana", NULL, D("2026-11-23"));
	digest_add_changes(&dg, "clients/acme.md", NULL, 0, now_text,
	    strlen(now_text), &cfg);
	CHECK_INT(dg.nchanges, 4);
	digest_free(&dg);
	/* A removed file adds nothing. */
	digest_init(&dg, "dana", NULL, D("2026-11-23"));
	digest_add_changes(&dg, "clients/acme.md", now_text, strlen(now_text),
	    NULL, 0, &cfg);
	CHECK_INT(dg.nchanges, 0);
	digest_free(&dg);
	config_free(&cfg);
}

static void
last_entry(void)
{
	struct client c, other;
	struct entry e[3];
	struct followup f[2];
	struct signal s = sig(FU_FOLLOW_UP, "2026-11-20", LEVEL_OVERDUE);
	struct signal w = sig(FU_COMMITMENT, "2026-11-25", LEVEL_DUE);
	struct digest dg;

	memset(&c, 0, sizeof(c));
	memset(&other, 0, sizeof(other));
	memset(e, 0, sizeof(e));
	memset(f, 0, sizeof(f));
	c.slug = (char *)(uintptr_t)"acme";
	other.slug = (char *)(uintptr_t)"bolt";
	CHECK(digest_last_entry(&c) == NULL);
	/* By date, then time, then place in the file. */
	e[0].date = D("2026-11-20");
	e[0].minutes = e[0].at = 600;
	e[0].line = 5;
	e[1].date = D("2026-11-18");
	e[1].minutes = -1;
	e[1].line = 7;
	e[2].date = D("2026-11-20");
	e[2].minutes = -1;
	e[2].at = 600;
	e[2].line = 9;
	c.entries = e;
	c.nentries = 2;
	CHECK(digest_last_entry(&c) == &e[0]);
	c.nentries = 3;
	CHECK(digest_last_entry(&c) == &e[2]);
	e[1].date = D("2026-11-21");
	CHECK(digest_last_entry(&c) == &e[1]);
	/* Set on the overdue and today items of that client alone. */
	f[0].client = &c;
	f[0].signals = &s;
	f[0].nsignals = 1;
	f[1].client = &other;
	f[1].signals = &s;
	f[1].nsignals = 1;
	digest_init(&dg, "dana", NULL, D("2026-11-23"));
	digest_collect(&dg, f, 2);
	f[0].signals = &w;
	digest_collect(&dg, f, 1);
	CHECK_INT(dg.nitems, 3);
	digest_set_last(&dg, "acme", "2026-11-21 <- Earlier");
	CHECK_STR(dg.items[0].last, "2026-11-21 <- Earlier");
	CHECK(dg.items[1].last == NULL);
	CHECK(dg.items[2].last == NULL);
	digest_free(&dg);
}

/* A part shows its first DIGEST_MAX_CLIENTS clients, counts the rest. */
static void
capped(void)
{
	enum { N = DIGEST_MAX_CLIENTS + 2 };
	struct client c[N];
	struct followup f[N];
	struct signal s[N][2];
	struct digest dg;
	size_t i;

	memset(c, 0, sizeof(c));
	memset(f, 0, sizeof(f));
	for (i = 0; i < N; i++) {
		c[i].slug = (char *)(uintptr_t)"c";
		s[i][0] = sig(FU_COMMITMENT, "2026-11-20", LEVEL_OVERDUE);
		s[i][1] = sig(FU_WAITING, "2026-11-21", LEVEL_OVERDUE);
		f[i].client = &c[i];
		f[i].signals = s[i];
		f[i].nsignals = 2;
	}
	digest_init(&dg, "dana", NULL, D("2026-11-23"));
	digest_collect(&dg, f, N);
	CHECK_INT(dg.count[DIGEST_OVERDUE], 2 * N);
	CHECK_INT(dg.hidden[DIGEST_OVERDUE], 2);
	CHECK(dg.items[2 * DIGEST_MAX_CLIENTS - 1].shown);
	CHECK(digest_wants_last(&dg, 2 * DIGEST_MAX_CLIENTS - 1));
	CHECK(!dg.items[2 * DIGEST_MAX_CLIENTS].shown);
	CHECK(!digest_wants_last(&dg, 2 * DIGEST_MAX_CLIENTS));
	digest_free(&dg);
}

static void
state(void)
{
	char dir[] = "/tmp/rapport-digest.XXXXXX", *path, c[41];
	date_t day = DATE_NONE;
	const char *a = "0123456789abcdef0123456789abcdef01234567";

	if (mkdtemp(dir) == NULL) {
		unit_fail(__FILE__, __LINE__, "mkdtemp failed");
		return;
	}
	path = xasprintf("%s/rapport/digest", dir);
	CHECK_INT(digest_state_get(path, "dana", c, &day), 0);
	CHECK_INT(digest_state_put(path, "dana", a, D("2026-11-20")), 0);
	CHECK_INT(digest_state_put(path, "dan", "", D("2026-11-21")), 0);
	CHECK_INT(digest_state_get(path, "dana", c, &day), 1);
	CHECK_STR(c, a);
	CHECK_INT(day, D("2026-11-20"));
	CHECK_INT(digest_state_get(path, "dan", c, &day), 1);
	CHECK_STR(c, "");
	CHECK_INT(day, D("2026-11-21"));
	CHECK_INT(digest_state_get(path, "da", c, &day), 0);
	/* A later send replaces the owner's record alone. */
	CHECK_INT(digest_state_put(path, "dana", a, D("2026-11-23")), 0);
	CHECK_INT(digest_state_get(path, "dana", c, &day), 1);
	CHECK_INT(day, D("2026-11-23"));
	CHECK_INT(digest_state_get(path, "dan", c, &day), 1);
	unlink(path);
	free(path);
	path = xasprintf("%s/rapport", dir);
	rmdir(path);
	free(path);
	rmdir(dir);
}

static void
mbox(void)
{
	const char msg[] = "Subject: x\n\nFrom here\n>From there\nFromage\n"
	    ">>From far\nFrom: x";
	struct buf b = { 0 };

	mailout_mbox(&b, msg, strlen(msg));
	CHECK(strncmp(b.s, "From rapport ", 13) == 0);
	CHECK(strstr(b.s, "\n>From here\n>>From there\nFromage\n>>>From "
	    "far\nFrom: x\n\n") != NULL);
	buf_free(&b);
	CHECK_STR(mailout_command("msmtp -a work"), "msmtp -a work");
}

void
test_digest(void)
{
	parts();
	collect_and_subject();
	changes();
	last_entry();
	capped();
	state();
	mbox();
}
