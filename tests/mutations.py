#!/usr/bin/env python3
"""Mutation check: every rule and every promise has a test that fails
without it.

Each mutant below changes the source in one spot (a validation rule, a
flush, the atomic writer, a cache key, an escape, the calendar feed) and
names the test commands that must notice.  The mutants are built and
tested in a copy of the tree, never in the sources themselves.  A mutant
that does not compile (the Makefile builds with -Werror) is an error of
this list, not a catch: no test ran.  A mutant whose text is no longer in
the source is an error too.

    python3 tests/mutations.py [WORD...]     (make check-mutations)

With WORDs, only the mutants whose file or text contains one of them run.
A test command is stopped after MUTANT_TIMEOUT seconds (default 900) and
then counts as failed.  Ends with "mutations: N caught, N missed, N errors".

    python3 tests/mutations.py --texts       (part of make test)

only checks, in a second, that each mutant's text is still in its file
exactly once, so that a change of the code that leaves a mutant aiming
at nothing fails the tests the day it is made, not the next mutation run.
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The test commands a mutant may name, run in the copy.
TESTS = {
    "unit": "./build/unit-tests",
    "e2e": "sh tests/e2e.sh ./rapport",
    "site": "sh tests/site.sh ./rapport",
    "cache": "sh tests/cache.sh ./rapport",
}
DEFAULT = ["unit", "e2e"]


def robust(*cases):
    return "sh tests/robust.sh ./rapport " + " ".join(cases)


def git(*cases):
    return "sh tests/git.sh ./rapport " + " ".join(cases)


def hostile(*cases):
    return "sh tests/hostile.sh ./rapport " + " ".join(cases)


def write(*cases):
    return "sh tests/write.sh ./rapport " + " ".join(cases)


SHARE = "sh tests/share.sh ./rapport"


def hours(*cases):
    return "sh tests/hours.sh ./rapport " + " ".join(cases)


def contacts(*cases):
    return "sh tests/contacts.sh ./rapport " + " ".join(cases)
MAIL = "sh tests/mail.sh ./rapport"


def replies(*cases):
    return "sh tests/replies.sh ./rapport " + " ".join(cases)


def digest(*cases):
    return "sh tests/digest.sh ./rapport " + " ".join(cases)


def team(*cases):
    return "LOOP_SECONDS=3 sh tests/team.sh ./rapport " + " ".join(cases)


# (file, [(exact text, replacement), ...], tests or None for DEFAULT)
M = [
    # ---- validation rules ----
    ("core/model/inifile.c", [("if (len > INIFILE_MAX_LINE) {", "if (0) {")], None),
    ("core/model/inifile.c", [("if (strlen(name) > INIFILE_MAX_SECTION) {",
                         "if (0) {")], None),
    ("core/model/inifile.c", [("if ((first = seen_find(p, sec, key)) != 0) {",
                         "if (0) {")], None),
    ("core/model/inifile.c", [("if ((first = seen_find(p, NULL, name)) != 0) {",
                         "if (0) {")], None),
    ("core/base/source.c", [("if (conflict_marker(p, len, '<')) {", "if (0) {")], None),
    ("core/model/client.c", [("if (c->name == NULL)\n", "if (0)\n")], None),
    ("core/model/client.c", [("if (cfg->nowners > 0 && c->owner != NULL &&",
                        "if (0 && c->owner != NULL &&")], None),
    ("core/model/client.c", [("if (!tracked(c, c->reports[i].keys[j]))",
                        "if (!tracked(c, c->reports[i].keys[j]) && 0)")],
     None),
    ("core/model/client.c", [("\t\tif (nmiss > 0)\n", "\t\tif (0)\n")], None),
    ("core/model/client.c", [("if (g->by_line == 0)", "if (0)")], None),
    ("core/model/client.c", [("if (g->confidence_line == 0)", "if (0)")], None),
    ("core/model/client_front.c", [("if (text_email_ok(v))", "if (1)")], None),
    ("core/model/client_front.c", [("\t\t\tbad_choice(p, e, statuses);\n",
                        "\t\t\t(void)0;\n")], None),
    ("core/model/client_front.c", [("\t\t\tbad_choice(p, e, healths);\n",
                        "\t\t\t(void)0;\n")], None),
    ("core/model/client_front.c", [("if (err == DATE_OK)\n\t\treturn;",
                        "if (1)\n\t\treturn;")], None),
    ("core/model/body.c", [("if (e.date > p->today) {", "if (0) {")], None),
    ("core/model/body.c", [("if (seen[DATED_DUE] == 0 && !cm.done)",
                      "if (seen[DATED_DUE] == 0 && !cm.done && 0)")], None),
    ("core/model/body.c", [("if (seen[DATED_DONE] > 0 && !cm.done)",
                      "if (seen[DATED_DONE] > 0 && !cm.done && 0)")], None),
    ("core/model/body.c", [("} else if (dw->past && *out > p->today) {",
                      "} else if (0) {")], None),
    ("core/model/body.c", [("\tif ((*seen)++) {", "\tif (((*seen)++, 0)) {")],
     None),
    ("core/model/inifile.c", [("\tif (value[0] == '\\0') {", "\tif (0) {")],
     None),
    ("core/model/client_front.c", [("set_hours(struct fmpass *p, const struct ini_event *e, int64_t *out)\n{\n\tswitch (text_hours(e->value, out)) {",
                        "set_hours(struct fmpass *p, const struct ini_event *e, int64_t *out)\n{\n\tswitch (text_hours(e->value, out) * 0) {")], None),
    ("core/model/client_front.c", [("set_money(struct fmpass *p, const struct ini_event *e, int64_t *out)\n{\n\tswitch (text_hours(e->value, out)) {",
                        "set_money(struct fmpass *p, const struct ini_event *e, int64_t *out)\n{\n\tswitch (text_hours(e->value, out) * 0) {")], None),
    ("core/base/text.c", [("\tif (nfrac > 2)\n\t\treturn -2;", "")], None),
    ("core/model/entry.c", [("FAIL(i, \"malformed arrow",
                       "if (0) FAIL(i, \"malformed arrow")], None),
    ("core/model/workspace_load.c", [("!text_slug_ok(v[i].slug, strlen(v[i].slug))) {",
                           "0) {")], None),
    ("core/model/workspace_load.c", [("bad[v[j].index]++;\n\t\t\t\tif (strcmp",
                           "continue;\n\t\t\t\tif (strcmp")], None),
    ("core/model/client_front.c", [("if (text_percent(e->value, &g->confidence) == -1) {",
                        "if (0) {")], None),
    ("core/model/inifile.c", [("\tstruct duration dur;\n",
                         "\tstruct duration dur = { 0, 0 };\n"),
                        ("if (duration_parse(e->value, strlen(e->value), "
                         "&dur) == -1 ||\n\t    dur.n < min) {",
                         "if ((duration_parse(e->value, strlen(e->value), "
                         "&dur) == -1 ||\n\t    dur.n < min) && 0) {")],
     None),
    ("core/model/client_front.c", [("near = text_suggest(kind, section_kinds);",
                        "near = ((void)section_kinds, (const char *)NULL);")],
     None),
    ("core/model/inifile.c", [("const char *near = text_suggest(e->key, keys);",
                         "const char *near = ((void)keys, "
                         "(const char *)NULL);")], None),

    # ---- the write path: flushed, replaced whole, not cut short ----
    ("core/base/fileio.c", [("(sync && fsync(fd) == -1)", "(sync && 0)")],
     ["unit", robust("flushed_to_disk")]),
    ("core/base/fileio.c", [("\trc = file_sync_parent(path);\nout:",
                        "\trc = 0;\nout:")],
     ["unit", robust("flushed_to_disk")]),
    ("core/base/fileio.c", [("\tif (each_folder(b, flush_fs) == -1)\n"
                        "\t\treturn -1;\n", "")],
     ["unit", robust("flushed_to_disk")]),
    ("core/base/fileio.c", [("\trc = flush_fs(fd);\n\tclose(fd);",
                        "\trc = 0;\n\tclose(fd);")],
     ["unit", robust("flushed_to_disk")]),
    ("core/git/repo.c", [("git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);",
                      "git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 0);")],
     [robust("flushed_to_disk")]),
    # Written in place over the target, after removing a link (so that
    # the unit test of links does not see it): only the tests of atomic
    # replacement can.
    ("core/base/fileio.c", [("\tif (write_temp(path, data, len, file_new_mode(), "
                        "exec, 1, &tmp) == -1)\n\t\treturn -1;\n",
                        "\t{\n\t\tstruct stat lst;\n\t\tint fd;\n\n"
                        "\t\tif (lstat(path, &lst) == 0 && "
                        "S_ISLNK(lst.st_mode))\n\t\t\tunlink(path);\n"
                        "\t\tif ((fd = open(path, O_WRONLY | O_CREAT | "
                        "O_TRUNC, 0666)) == -1)\n\t\t\treturn -1;\n"
                        "\t\trc = file_write_all(fd, data, len);\n"
                        "\t\tclose(fd);\n\t\treturn rc;\n\t}\n"
                        "\tif (write_temp(path, data, len, file_new_mode(), "
                        "exec, 1, &tmp) == -1)\n\t\treturn -1;\n")],
     [robust("client_files_replaced_whole")]),
    # The site's pages written in place instead of beside the old ones.
    ("core/base/fileio_stream.c", [("\tif ((fo->fd = file_open_temp(fo->path, "
                        "fo->batch->mode, -1,\n\t    &fo->tmp)) == -1)\n\t\treturn -1;\n",
                        "\tif ((fo->fd = open(fo->path, O_WRONLY | O_TRUNC))"
                        " == -1)\n\t\treturn -1;\n"
                        "\tfo->tmp = xstrdup(fo->path);\n")],
     [robust("read_only_output")]),
    ("core/base/fileio.c", [("\tif (rename(tmp, path) == -1) {",
                        "\tif (0) {")],
     ["unit", robust("client_files_replaced_whole")]),
    # Rendering not stopped by a signal that came while it ran.
    ("render/site.c", [("\treturn s->failed || run_stopped() ? -1 : 0;",
                        "\treturn s->failed ? -1 : 0;")],
     [hostile("sigterm_while_rendering")]),
    ("cli/commit_util.c", [("\tcli_hold();\n\tif ((ch = change_begin(",
                            "\tif ((ch = change_begin(")],
     [robust("sigterm_inside_log"), robust("sigterm_log")]),

    # ---- the write path: only its own change, whole or not at all ----
    # log's entry on the work tree's text: the hand edits go in with it.
    ("cli/cmd_log.c", [("\tconst struct change_text *t = &old[side];",
                        "\tconst struct change_text *t = &old[CHANGE_WORK];")],
     [write("log_leaves_hand_edits")]),
    # Staged text dropped for the committed version.
    ("core/write/sides.c", [("\tif (it->staged) {\n\t\tbuf_reset(&out);",
                       "\tif (0) {\n\t\tbuf_reset(&out);")],
     [git("log_keeps_other_work")]),
    # The index told that a work file holding other text is unchanged.
    ("core/write/change_steps.c", [("\tmatch = match && it->new_index_mode != "
                        "GIT_FILEMODE_LINK &&",
                        "\tmatch = it->new_index_mode != "
                        "GIT_FILEMODE_LINK &&")],
     [write("log_leaves_hand_edits")]),
    # A commit reported without reading it back.
    ("core/write/change.c", [("\tif (!commit_stored(ch, &commit_id, &tree_id)) {",
                        "\tif (0) {")],
     [write("object_writes_fail")]),
    # Files not put back when a later step fails.
    ("core/write/change.c", [("\tif (rc == -1 && !moved)\n\t\tchange_undo_work(ch);",
                        "\t(void)change_undo_work;")],
     [git("log_undone_when_the_commit_fails")]),
    # The branch moved whatever it points at: no compare and swap.
    ("core/write/commit.c", [("\t\terr = git_reference_create_matching(&ref, git, "
                        "name, new, 1,\n\t\t    old, log);",
                        "\t\terr = git_reference_create(&ref, git, name, "
                        "new, 1, log);")],
     [write("branch_moved_meanwhile")]),
    # No recovery after a crash.
    ("core/write/change.c", [("if (change_recover(ch, d) == -1) {", "if (0) {")],
     [write("kill_at_every_call")]),
    # An ignored file let through.
    # HEAD's text taken from the work tree when it is not its blob: the
    # hand edit would be committed.
    ("core/write/sides.c", [("GIT_OBJECT_BLOB) == 0 && git_oid_equal(&wid, id)) {",
                       "GIT_OBJECT_BLOB) == 0) {")],
     [MAIL]),
    ("core/write/sides.c", [("\t\tswitch (repo_ignores(git, it->gpath, it->staged)) {",
                       "\t\tswitch (0) {")],
     [write("ignored_client")]),
    # git's index read without its lock, as libgit2 does it.
    ("core/write/gitindex.c", [("\twhile ((rc = take_lock(g, mfd)) == 1",
                          "\t(void)copy_file(g->index, g->copy);\n"
                          "\twhile ((rc = take_lock(g, mfd)) == 1"),
                         ("\tif (copy_file(g->index, g->copy) == -1 && "
                          "errno != ENOENT) {",
                          "\tif (0) {")],
     [write("git_add_race")]),

    # ---- issue 32: the write path and recovery ----
    # A failure after the branch moved (the index's rename) leaves the
    # branch on the new commit: nothing takes it back.
    ("core/write/change.c", [("\tif (rc == -1 && moved && (unborn ? "
                        "git_reference_remove(git,\n\t    branch) == 0 : "
                        "commit_move(git, branch, &commit_id, &old, log,\n"
                        "\t    d) == 0))\n\t\tmoved = 0;\n", "")],
     [write("index_rename_fails")]),
    # MERGE_HEAD recorded before MERGE_MSG: a kill between the two leaves
    # a merge that "rapport commit" concludes as "Merge".
    ("core/write/commit.c", [("\tp = merge_file(git, \"MERGE_MSG\");\n"
                        "\trc |= file_write_atomic(p, msg, strlen(msg));",
                        "\tp = merge_file(git, \"MERGE_HEAD\");\n"
                        "\trc |= file_write_atomic(p, hex, strlen(hex));\n"
                        "\tfree(p);\n"
                        "\tp = merge_file(git, \"MERGE_MSG\");\n"
                        "\trc |= file_write_atomic(p, msg, strlen(msg));"),
                       ("\t/* Last: MERGE_HEAD is what makes it a merge in "
                        "progress. */\n\tp = merge_file(git, \"MERGE_HEAD\");"
                        "\n\trc |= file_write_atomic(p, hex, strlen(hex));\n"
                        "\tfree(p);\n", "")],
     [write("kill_sync_at_every_call")]),
    # Recovery leaves the MERGE_MSG of a merge it did not finish.
    ("core/write/recover.c", [("\t\tif (!forward)\n\t\t\tcommit_unrecord(git, "
                         "&j.merge);\n", "")],
     [write("kill_sync_at_every_call")]),
    # Recovery takes a change back although the branch moved since.
    ("core/write/recover.c", [("(at == 0 && !j.unborn && git_oid_equal(&now, "
                         "&j.old));", "(at == 0 && !j.unborn);")],
     [write("branch_moved_after_a_crash")]),
    # After a crash and a commit by hand, the kept text is not named.
    ("core/write/recover.c", [("} else if (has_backup && !back && holds(full, "
                         "&f->id,", "} else if (0 && holds(full, &f->id,")],
     [write("branch_moved_after_a_crash")]),
    # The text from before deleted although someone replaced the file.
    ("core/write/recover.c", [("} else if (back && has_backup && lstat(full, &a) "
                         "== 0 &&\n\t\t    a.st_dev == b.st_dev && "
                         "a.st_ino == b.st_ino) {",
                         "} else if (back && has_backup && lstat(full, &a) "
                         "== 0) {")],
     [write("file_replaced_after_a_crash")]),
    # A file the change made, then edited by hand, left without a word.
    ("core/write/recover.c", [("} else if (back && f->backup == NULL && "
                         "lstat(full, &a) == 0) {",
                         "} else if (0 && back && f->backup == NULL && "
                         "lstat(full, &a) == 0) {")],
     [write("file_replaced_after_a_crash")]),
    # The journal's modes written in decimal, or read as decimal.
    ("core/write/journal.c", [("\t\tbuf_printf(&b, \" %o\\n\", e->mode);",
                         "\t\tbuf_printf(&b, \" %u\\n\", e->mode);")],
     [write("journal_modes_round_trip")]),
    ("core/write/journal.c", [("e->mode = w != NULL ? (unsigned)strtoul(w, NULL, "
                         "8) : 0;", "e->mode = w != NULL ? "
                         "(unsigned)strtoul(w, NULL, 10) : 0;")],
     [write("journal_modes_round_trip")]),
    # A commit of the work tree's file without its executable bit.
    ("core/write/sides.c", [("\tif (same_text(&it->old[CHANGE_WORK], out))\n"
                       "\t\treturn work_mode(it);",
                       "\tif (0 && same_text(&it->old[CHANGE_WORK], out))\n"
                       "\t\treturn work_mode(it);")],
     [write("file_modes")]),
    # A staged executable bit reset to the commit's mode (the bug).
    ("core/write/sides.c", [("\t\t\tit->new_index_mode = new_mode(it, "
                       "CHANGE_INDEX,\n\t\t\t    it->index_mode, "
                       "it->commit_mode, &out);\n", "")],
     [write("file_modes")]),
    # Recovery says the wrong thing, or says it as an error: the state is
    # right, the exit status 0; only its stderr shows it.
    ("core/write/recover.c", [("\telse if (back)\n\t\tdiag_msg(d, \"rapport\", "
                         "0, 0, DIAG_WARNING, \"took back",
                         "\telse if (0)\n\t\tdiag_msg(d, \"rapport\", "
                         "0, 0, DIAG_WARNING, \"took back")],
     [write("kill_at_every_call")]),
    ("core/write/recover.c", [("DIAG_WARNING, \"finished a change \"",
                         "DIAG_ERROR, \"finished a change \"")],
     [write("kill_at_every_call")]),

    # ---- the output folder is the site's alone ----
    ("render/siteout.c", [("\tif (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode)) {",
                           "\tif (!S_ISDIR(st.st_mode) && "
                           "!S_ISLNK(st.st_mode)) {")],
     [hostile("committed_site_link")]),
    ("render/siteout.c", [("\tif (within(o->root, o->dir))",
                           "\tif (0)")],
     [hostile("foreign_output_folders")]),
    ("render/siteout.c", [("\t\tif (!empty_but_hidden(o->dir)) {",
                           "\t\tif (0 && !empty_but_hidden(o->dir)) {")],
     [hostile("foreign_output_folders")]),
    ("render/siteout.c", [("\tremove_dead_stages(o);\n",
                           "\t(void)remove_dead_stages;\n")],
     [hostile("staging_and_turns")]),
    ("render/siteout.c", [("\t\tif (bsearch(&o->old[i], o->names, o->n, "
                           "sizeof(*o->names),\n\t\t    name_cmp) != NULL",
                           "\t\tif (0")],
     [hostile("prunes_only_its_own_files")]),
    # ---- templates are bounded ----
    ("render/tpl.c", [("\t\tif (!within_limits(r, c))\n\t\t\treturn -1;\n",
                       "\t\t(void)within_limits;\n")],
     [hostile("templates_never_end")]),
    # ---- what reaches a reader ----
    ("core/base/source.c", [("\t\t} else if (c < 0x20 || c == 0x7f || (n == 2 && "
                        "c == 0xc2 &&",
                        "\t\t} else if (0 && (c < 0x20 || c == 0x7f) && "
                        "(n == 2 && c == 0xc2 &&")],
     [hostile("control_characters")]),
    ("core/base/diag.c", [("\tfile = text_visible(m->file);", "\tfile = NULL;")],
     [hostile("control_characters")]),
    ("core/base/text.c", [("\t\tif (*p != '.')\n\t\t\treturn 0;",
                      "\t\tif (*p != '.')\n\t\t\tbreak;")],
     ["unit"]),
    ("render/values.c", [("strchr(\"@.-_~+\", *s) != NULL)",
                          "strchr(\"@.-_~+?&'=#\", *s) != NULL)")],
     ["site"]),
    ("render/ics.c", [("\t\tif ((dup = uid_seen(&u, l.s + 4)) > 0)",
                       "\t\tif ((dup = uid_seen(&u, l.s + 4)) > 999)")],
     [hostile("the_feed")]),
    ("render/ics.c", [("\t\tdate_t start = overdue ? today : s->due;",
                       "\t\tdate_t start = overdue ? s->due : s->due;")],
     [hostile("the_feed")]),
    ("render/pages.c", [("\tjson_status(out, pg->ws->today, pg->f, pg->nf, "
                         "pg->bad, pg->nbad);",
                         "\tjson_status(out, pg->ws->today, pg->f, "
                         "pg->nf / 2, pg->bad, pg->nbad);")],
     ["site"]),
    ("core/model/client.c", [("\tcheck_dates(&p);\n", "\t(void)check_dates;\n")],
     [hostile("dates_past_9999")]),
    ("core/git/repo_walk.c", [("\tif (git_repository_is_shallow(r->git) == 1)"
                              "\n\t\treturn walk_shallow(r, head, out, n);",
                              "\t(void)walk_shallow;")],
     [hostile("shallow_clone")]),
    ("templates/filter.js", [("\t\treturn s.normalize(\"NFKD\").replace("
                              "/[\\u0300-\\u036f]/g, \"\")\n"
                              "\t\t    .toLowerCase();",
                              "\t\treturn s;")],
     ["sh tests/site.sh ./rapport --browser build/mutant-shots"]),

    # ---- the follow-up rules ----
    ("core/model/entry.c", [("\tif (a->at != b->at)\n\t\treturn a->at > b->at;\n",
                       "")], None),
    ("core/model/body.c", [("\t\t\t\te->at = c->entries[j - 1].minutes;",
                      "\t\t\t\te->at = 0;")], None),
    ("core/model/followup.c", [("if (first == NULL || entry_later(first, e))",
                          "if (first == NULL || entry_later(e, first))")],
     None),
    ("core/model/followup.c", [("(out != NULL && !entry_later(e, out)))",
                          "(out != NULL && e->date <= out->date))")], None),
    ("core/model/followup.c", [("\tif (n > 1)\n\t\tsnprintf(more,",
                          "\tif (n > 99)\n\t\tsnprintf(more,")], None),
    ("core/model/followup.c", [("used > cap ? LEVEL_OVERDUE : LEVEL_DUE",
                          "used >= cap ? LEVEL_OVERDUE : LEVEL_DUE")], None),
    ("core/model/followup.c", [("\tif (used <= contract)\n",
                          "\tif (1)\n")], None),
    ("core/model/followup.c", [("\t\tif (m->done || m->due == DATE_NONE)",
                          "\t\tif (m->due == DATE_NONE)")], None),
    ("core/model/commitment.c", [("\tif (n > 0)\n\t\treturn n;",
                            "\tif (0)\n\t\treturn n;")], None),
    ("core/model/commitment.c", [("\tbuf_puts(out, \"[x]\");",
                            "\tbuf_puts(out, \"[ ]\");")],
     ["unit", git("done_keeps_a_promise")]),
    ("cli/cmd_done.c", [("\tif (rc == 1)\n\t\treturn errors ? CHANGE_EDIT_ERRORS : "
                         "CHANGE_EDIT_DONE;",
                         "\tif (rc == 1)\n\t\treturn CHANGE_EDIT_NO;")],
     [git("done_keeps_a_promise")]),
    ("cli/cmd_done.c", [("\tif ((n = commitment_find(&c, a->q, 0, m, "
                         "DONE_LIST)) != 1)",
                         "\tif ((n = commitment_find(&c, a->q, 0, m, "
                         "DONE_LIST)) == 0)")],
     [git("done_refuses_what_it_cannot_choose")]),
    ("cli/cmd_log.c", [("\tif (e->minutes < 0)\n\t\te->minutes = "
                        "date_clock_minutes();",
                        "\tif (e->minutes < 0)\n\t\te->minutes = 0;")],
     [git("log_appends_and_commits")]),
    ("core/model/invalid.c", [("\t\tif (c->errors <= 0)\n\t\t\tcontinue;",
                         "\t\tif (c->errors <= 99)\n\t\t\tcontinue;")],
     ["unit", "e2e", "site"]),
    ("core/base/diag.c", [("\tif (x->line != y->line)\n\t\treturn x->line < "
                         "y->line ? -1 : 1;\n\tif (x->col",
                         "\tif (x->col")], ["unit"]),
    ("cli/cmd_status.c", [("\t\t\tbad[nbad++] = &inv.v[i];",
                           "\t\t\t(void)0;")],
     ["e2e"]),
    ("render/pages.c", [("\t\ttv_push(badv, b);", "\t\t(void)b;")],
     ["site"]),
    ("render/page_client.c", [("\t\ttv_put(v, \"kept\", val_date(&p, "
                               "k->done_on, today));",
                               "\t\t(void)0;")], ["site"]),
    ("core/git/history_diff.c", [("\t\tif (j - i > 1 || m.has[0] != m.has[1]",
                         "\t\tif (m.has[0] != m.has[1]")],
     [git("history")]),
    ("core/git/history.c", [("\t\treturn c->summary + n + 2;",
                         "\t\treturn c->summary;")], [git("history")]),

    # ---- the rapport merge ----
    ("core/merge/merge_units.c", [("\tif (SAME(bl, b, ol, o))\n\t\treturn t != NULL ? "
                       "TAKE_THEIRS : TAKE_NONE;",
                       "\tif (SAME(bl, b, ol, o))\n\t\treturn TAKE_THEIRS;")],
     ["unit"]),
    ("core/merge/merge_entries.c", [("\tif (x->u->at != y->u->at)",
                       "\tif (0)")], ["unit"]),
    ("core/merge/merge_entries.c", [("\t\t\tif ((s == 0 && (ou != NULL || tu != NULL)) ||",
                       "\t\t\tif ((s == 0 && (ou != NULL && tu != NULL)) ||")],
     ["unit"]),
    ("core/merge/merge_units.c", [("u->sorted[i]->key, ++run);",
                       "u->sorted[i]->key, run);")],
     ["unit", "sh -c 'make -s build/san/fuzz-replay-merge && "
      "./build/san/fuzz-replay-merge tests/fuzz/merge/*'"]),
    ("core/merge/merge.c", [("return a != 1 && b != 1 && (a == 2 || b == 2) ? "
                       "\"\\r\\n\" : \"\\n\";",
                       "return a != 1 && (a == 2 || b == 2) ? "
                       "\"\\r\\n\" : \"\\n\";")], ["unit"]),
    ("cli/cmd_merge_file.c", [("\trc = n > 0 ? EXIT_PROBLEMS : EXIT_OK;",
                               "\trc = EXIT_OK;")],
     [git("git_merge_uses_the_rapport_merge")]),

    # ---- sync: the tree merge, the write path's merges ----
    ("core/sync/sync.c", [("ff = unborn || git_graph_descendant_of(repo_git(r), tip, "
                      "head) == 1;", "ff = unborn;")],
     [team("fast_forward")]),
    ("core/merge/treemerge.c", [("at = strcmp(oc->new, oc->old) != 0 ? oc->new : "
                           "tc->new;", "at = oc->new;")],
     ["unit", team("three_clones_agree")]),
    ("core/merge/treemerge.c", [("\t\treturn removed_changed(m, tc->new, &b, &t, "
                           "0);", "\t\treturn 0;")],
     ["unit"]),
    ("core/write/change_steps.c", [("&conflicted) >= 0 && conflicted && !ch->resolve) {",
                        "&conflicted) >= 0 && conflicted && 0) {")],
     [team("conflict_and_conclusion")]),
    ("core/write/recover.c", [("forward = j.nocommit ? j.merging && "
                         "commit_recorded(git, &j.merge) :",
                         "forward = j.nocommit ? 0 :")],
     [write("kill_sync_at_every_call")]),
    ("cli/cmd_commit.c", [("\tif (p->nheads > 0)\n\t\tchange_resolve(change);",
                           "\tif (0)\n\t\tchange_resolve(change);")],
     [git("git_merge_in_progress")]),
    ("core/sync/sync.c", [("\t\t\tnerr += (size_t)o->valid(",
                      "\t\t\t(void)o->valid(")],
     [team("sync_validates_the_merge")]),
    ("core/sync/sync.c", [("if (change_settle(r, d) == -1 || uncommitted(r, d) "
                      "== -1)", "if (change_settle(r, d) == -1 || "
                      "(0 && uncommitted(r, d) == -1))")],
     [team("sync_refuses_uncommitted_work")]),
    ("core/sync/sync.c", [("if (change_settle(r, d) == -1 || uncommitted(r, d) "
                      "== -1)", "if (uncommitted(r, d) == -1)")],
     [team("sync_after_a_killed_sync")]),
    ("core/sync/sync.c", [("if (side == CHANGE_WORK && !same(&old[CHANGE_HEAD], "
                      "&old[CHANGE_WORK])) {",
                      "if (side == CHANGE_WORK && 0 && !same(&old[CHANGE_HEAD], "
                      "&old[CHANGE_WORK])) {")],
     [team("sync_keeps_hand_edits_elsewhere")]),
    ("core/sync/sync.c", [("\tif (stayed(failed_had_tip, &failed_tip, has_tip, "
                      "&tip)) {", "\tif (0 && stayed(failed_had_tip, &failed_tip, "
                      "has_tip, &tip)) {"),
                     ("if (failed_push && stayed(failed_had_tip, &failed_tip, "
                      "has_tip,", "if (failed_push && 0 && stayed(failed_had_tip, "
                      "&failed_tip, has_tip,")],
     [team("push_refused_by_the_remote")]),

    # ---- issue 32: the merge and sync ----
    # Additions after the same anchor: ours' run first, whatever the keys.
    ("core/merge/merge_units.c", [("\t\t\t\tfirst = c < 0;", "\t\t\t\tfirst = 0;")],
     ["unit"]),
    # "[ contract ]" is [contract]: blanks inside the brackets kept, or
    # only the leading ones.
    ("core/merge/merge_ini.c", [("\t\tif (text_is_space((unsigned char)s[i])) {\n"
                           "\t\t\tsp = b.len > 1;",
                           "\t\tif (0) {\n\t\t\tsp = b.len > 1;")],
     ["unit"]),
    ("core/merge/merge_ini.c", [("\t\t\tsp = b.len > 1;", "\t\t\tsp = 1;")],
     ["unit"]),

    # A mode changed on one side: dropped from the tree merge's result,
    # its change taken for none, or the result taken for ours; not put
    # in place; the work tree left with the old mode (same text kept,
    # or the x bit never taken away).
    ("core/merge/treemerge.c", [("\tf->mode = o->mode == b->mode || "
                           "git_oid_is_zero(&o->id) ? t->mode :\n\t    "
                           "o->mode;", "\tf->mode = o->mode;")],
     [team("mode_survives_sync")]),
    ("core/merge/treemerge.c", [("if (git_oid_equal(&t.id, &b.id) && t.mode == "
                           "b.mode &&", "if (git_oid_equal(&t.id, &b.id) "
                           "&&")],
     [team("mode_survives_sync")]),
    ("core/merge/treemerge.c", [("git_oid_equal(&id, &o.id) &&\n\t\t\t\t    "
                           "f->mode == o.mode;", "git_oid_equal(&id, &o.id);")],
     [team("mode_survives_sync")]),
    ("core/sync/sync.c", [("\t\tif (f->exists)\n\t\t\tchange_mode(ch, "
                      "f->mode);", "")],
     [team("mode_survives_sync")]),
    ("core/write/sides.c", [("(it->want_mode == 0 || it->old[CHANGE_WORK].link ||",
                       "(1 || it->old[CHANGE_WORK].link ||")],
     [team("mode_survives_sync")]),
    # The x bit never taken away by a merge (the old file's mode kept).
    ("core/write/change_steps.c", [("\t\t    it->want_mode == GIT_FILEMODE_BLOB ? 0 : -1;",
                        "\t\t    -1;")],
     [team("mode_survives_sync")]),
    # The execute bits of a rewritten file: set for everyone, not where
    # it may be read; or not cleared at all.
    ("core/base/fileio.c", [("		return mode | (mode & 0444) >> 2;",
                        "		return mode | 0111;")], ["unit"]),
    ("core/base/fileio.c", [("	return exec == 0 ? mode & ~(mode_t)0111 : mode;",
                        "	return mode;")], ["unit"]),

    # sync --tries: one round fewer than asked (none for --tries 1); one
    # round whatever is asked, so that every race is lost.
    ("core/sync/sync.c", [("for (round = 1; round <= (o->tries > 0 ? o->tries : 1); "
                      "round++) {", "for (round = 1; round < (o->tries > 0 ? "
                      "o->tries : 1); round++) {")],
     [team("sync_tries_one")]),
    ("cli/cmd_sync.c", [("\to.tries = SYNC_TRIES;", "\to.tries = 1;")],
     [team("three_processes_log_and_sync")]),

    # The workspace lock (git.sh rapport_lock_held, no longer flaky): a
    # held lock not seen, or not waited for.
    ("core/write/change.c", [("\t\tif (flock(fd, LOCK_EX | LOCK_NB) == 0) {",
                        "\t\tif (1) {")],
     [git("rapport_lock_held")]),
    ("core/write/change.c", [("} else if (waited >= LOCK_WAIT_MS) {",
                        "} else if (waited >= 0) {")],
     [git("rapport_lock_held")]),

    # ---- the command line (issue 17) ----
    ("cli/main.c", [("\t\tif ((n = global_option(*argc, argv, i, g)) == -1)\n"
                     "\t\t\treturn -1;\n\t\tif (n == 0) {",
                     "\t\tif ((n = global_option(*argc, argv, i, g)) == -1)\n"
                     "\t\t\treturn -1;\n\t\tif (1) {")],
     ["e2e"]),
    ("core/base/text.c", [("\treturn b.len > 0 ? buf_detach(&b) : NULL;",
                      "\tif (b.len == 0)\n\t\tbuf_puts(&b, \"client\");\n"
                      "\treturn buf_detach(&b);")],
     ["unit"]),
    ("core/model/followup.c", [("\tif (x->level != y->level)\n\t\treturn x->level > "
                          "y->level ? -1 : 1;\n\treturn date_order(",
                          "\tif (0)\n\t\treturn x->level > "
                          "y->level ? -1 : 1;\n\treturn date_order(")],
     ["e2e"]),
    ("cli/cmd_check.c", [("\tif (isatty(STDOUT_FILENO)) {",
                          "\tif (1) {")],
     ["e2e"]),

    # ---- issue 32: the audit's own twenty ----
    # Twenty spots of the write path, the merge, mail and the report page,
    # each broken as an outsider might; the note of issue 32 counts what
    # caught them before its tests and after.
    # The write path.
    # A message ending in a line end gets a second one.
    ("core/write/commit.c", [("mlen > 0 && msg[mlen - 1] == '\\n' ?\n\t    \"\" : "
                        "\"\\n\");",
                        "mlen > 0 && msg[mlen] == '\\n' ?\n\t    \"\" : "
                        "\"\\n\");")],
     [git("commit_message_ends_once")]),
    # The index's record of a written file without its size.
    ("core/write/gitindex.c", [("\t\te.file_size = (uint32_t)st->st_size;\n", "")],
     [write("index_records_the_files")]),
    # A journal without its end line acted on.
    ("core/write/journal.c", [("if (!ok || !ended || j->ref == NULL ||",
                         "if (!ok || j->ref == NULL ||")],
     [write("journal_cut_short")]),
    # No folder made for a file in a new one.
    ("core/write/change_steps.c", [("\tif (change_item_safe(ch, it, it->work == CHANGE_WRITE, d) == -1)",
                        "\tif (change_item_safe(ch, it, 0, d) == -1)")],
     [team("sync_brings_a_new_folder")]),
    # A crashed write's temporary files never matched, never removed.
    ("core/write/recover.c", [("strlen(e->d_name) != n + 8",
                         "strlen(e->d_name) != n + 7")],
     [write("kill_at_every_call")]),
    # The merge.
    # Comment lines after a key dropped when a section merges key by key.
    ("core/merge/merge_ini.c", [("if (k == LINE_OTHER && cur->n > 0)\n",
                           "if (k == LINE_OTHER && cur->n > 0 && 0)\n")],
     ["unit"]),
    # An untimed entry first of its day takes an earlier day's time.
    ("core/merge/merge.c", [("if (i == 0 || v[i]->date != v[i - 1]->date)\n"
                       "\t\t\tlast = 0;", "if (i == 0)\n\t\t\tlast = 0;")],
     ["unit"]),
    # A heading inside a fenced code block cut as an entry.
    ("core/merge/merge.c", [("\t\t\tcode = !code;", "\t\t\tcode = 0;")], ["unit"]),
    # rapport.ini merged as a client file by sync: one conflict of it all.
    ("core/merge/treemerge.c", [("*k = strcmp(path + np, \"rapport.ini\") == 0 ? "
                           "MERGE_INI : MERGE_CLIENT;", "*k = MERGE_CLIENT;")],
     ["unit"]),
    # Ours ahead of theirs still merged: an empty merge commit.
    ("core/sync/sync.c", [("if (!unborn && (git_oid_equal(head, tip) ||\n\t    "
                      "git_graph_descendant_of(repo_git(r), head, tip) == 1))",
                      "if (!unborn && git_oid_equal(head, tip))")],
     [team("three_clones_agree")]),
    # Mail.
    # An mbox "From " line after text, not after an empty line, splits.
    ("core/mail/mailsrc.c", [("(mb->lstart == 0 || mb->after_empty)", "(1)")], [MAIL]),
    # A file's last line without its end: the entries glued to it.
    ("core/model/entry.c", [("\tif (out->len > 0 && out->s[out->len - 1] != '\\n')\n"
                       "\t\tbuf_puts(out, eol);\n", "")], ["unit", MAIL]),
    # U+2066 (left-to-right isolate) let into a heading.
    ("core/mail/mailentry.c", [("(cp >= 0x2066 && cp <= 0x2069)",
                           "(cp > 0x2066 && cp <= 0x2069)")], ["unit"]),
    # Our domain ([mail] own = *@DOMAIN) not ours: a colleague's mail lost.
    ("core/mail/mailbook.c", [("(dom != NULL && find(&b->k[OUR_DOMAIN], dom, &r) "
                          "> 0)", "(0 && dom != NULL && "
                          "find(&b->k[OUR_DOMAIN], dom, &r) > 0)")],
     ["unit"]),
    # Entries of different days appended newest first.
    ("core/mail/mailimport.c", [("if (x->date != y->date)\n\t\treturn x->date < "
                            "y->date ? -1 : 1;", "if (x->date != y->date)\n"
                            "\t\treturn x->date < y->date ? 1 : -1;")],
     ["unit"]),
    # The client's report page.
    # The next check-in from the file's next = alone, not the follow-up.
    ("render/page_share.c", [("val_date(&p, f->next_contact, today)",
                              "val_date(&p, c->next, today)")], [SHARE]),
    # Kept exactly 90 days ago left out.
    ("render/page_share.c", [("k->done_on < today - KEPT_DAYS",
                              "k->done_on <= today - KEPT_DAYS")], [SHARE]),
    # Due today marked late.
    ("render/page_share.c", [("k->due < today));", "k->due <= today));")],
     [SHARE]),
    # The client's promises and ours in each other's lists.
    ("render/page_share.c", [("k->theirs ? theirs : open, v);",
                              "k->theirs ? open : theirs, v);")], [SHARE]),
    # A report of this month alone: an empty table of no months.
    ("render/page_share.c", [("if (!any || c->nmetrics == 0 || first > last)",
                              "if (!any || c->nmetrics == 0)")], [SHARE]),
    # The report page's bugs the audit found on the way (not of the twenty).
    # The internal site's title as the agency's name.
    ("render/page_share.c", [("\tconst char *agency = cfg->name;",
                              "\tconst char *agency = cfg->site_title ? "
                              "cfg->site_title : cfg->name;")], [SHARE]),
    # "@Internal" in capitals shown to the client (the rule is in core
    # since issue 33, for check too).
    ("core/model/commitment.c", [("return contains(text, mark);",
                            "return strstr(text, mark) != NULL;")],
     ["unit", SHARE]),
    # A promise under an @internal one shown to the client.
    ("core/model/commitment.c", [("k = c->commitments[k].under)", "k = -1)")],
     ["unit", SHARE]),
    # "@client" cut out of the middle of a word (ops@clientco.example).
    ("render/page_share.c", [("\t\ttv_put(v, \"text\", tv_str(&p, k->text));",
                              "\t\t{\n\t\t\tchar *t = xstrdup(k->text), *at;"
                              "\n\n\t\t\twhile ((at = strstr(t, \"@client\")) "
                              "!= NULL)\n\t\t\t\tmemmove(at, at + 7, "
                              "strlen(at + 7) + 1);\n\t\t\ttv_put(v, \"text\", "
                              "tv_copy(&p, t));\n\t\t\tfree(t);\n\t\t}")],
     [SHARE]),

    # ---- what the caches are keyed on ----
    ("render/site_note.c", [("uint64_t k = hash64(dir, strlen(dir), s->tpl_hash);",
                        "uint64_t k = hash64(dir, strlen(dir), 0);")],
     ["cache"]),
    # A state file made piece by piece: the hash of pieces cut anywhere,
    # and every piece in the checksum.
    ("core/base/util.c", [("\t\ths->npart += k;\n", "")], ["unit"]),
    ("core/base/statefile.c", [("\thash_stream_add(&o->hs, data, len);\n\tout_raw(",
                                "\tout_raw(")],
     ["unit", "cache"]),
    ("core/base/statefile.c", [("\t    got != checksum(data, len - ENDLINE))",
                                "\t    0)")],
     ["unit", "cache"]),
    ("core/base/statefile.c", [("hex_line(data + mlen + 1, &got) == 0 && got == key;",
                                "hex_line(data + mlen + 1, &got) == 0 && (got == key || 1);")],
     ["unit", "cache"]),
    ("core/base/statefile.c", [("	return memcmp(data, magic, mlen) == 0 && data[mlen] == '\\n' &&",
                                "	return data[mlen] == '\\n' &&")],
     ["unit"]),
    # Reply times of one owner's clients: the owner checked once a client.
    ("core/model/stats.c", [("\treturn flt->owner == NULL || (owner != NULL &&",
                             "\treturn 1 || flt->owner == NULL || (owner != NULL &&")],
     ["replies"]),
    # The feed's events kept per client: keyed by the file's bytes.
    ("render/pages.c", [("\t\t    c->hash ^ UINT64_C(0x6963732d6576656e));",
                         "\t\t    UINT64_C(0x6963732d6576656e));")],
     ["cache"]),
    # The row store never writes into a FIFO put where its file was (both
    # guards: O_NONBLOCK alone already keeps a write from blocking).
    ("render/rowstore.c", [("\t    O_NONBLOCK, 0666)) == -1 || fstat(fd, &st) == -1 ||\n"
                            "\t    !S_ISREG(st.st_mode) || flock(fd, LOCK_EX | LOCK_NB) == -1 ||",
                            "\t    0, 0666)) == -1 || fstat(fd, &st) == -1 ||\n"
                            "\t    flock(fd, LOCK_EX | LOCK_NB) == -1 ||")],
     [hostile("fifo_client_file")]),
    # Stamps: an unchanged file is not read; a changed one is, however
    # its size and modification time were kept.
    ("core/model/workspace.c", [("\tv[6] = (uint64_t)st.st_ctim.tv_sec;", "\tv[6] = 0;"),
                                ("\tv[7] = (uint64_t)st.st_ctim.tv_nsec;", "\tv[7] = 0;")],
     ["cache"]),
    ("core/model/workspace.c", [(" ||\n\t    st.st_mtim.tv_sec > now.tv_sec - WS_STAMP_RACY ||\n"
                                 "\t    st.st_ctim.tv_sec > now.tv_sec - WS_STAMP_RACY)", ")")],
     ["cache"]),
    ("core/model/cache.c", [("\tif (k == NULL || stamp == 0)\n\t\treturn 0;\n\tkey = hash64(path, strlen(path), 0);",
                             "\tif (k != NULL || stamp == 0)\n\t\treturn 0;\n\tkey = hash64(path, strlen(path), 0);")],
     ["cache"]),
    ("core/model/cache.c", [("\t\tif (k->recs[*v].stamp == stamp) {", "\t\tif (1) {")],
     ["cache"]),
    ("core/model/cache.c", [("if (v == NULL || get_u64(&r) != hash) {",
                       "if (v == NULL || (get_u64(&r) != hash && 0)) {")],
     ["cache"]),
    # issue 34: the one hash table.
    ("core/base/hmap.c", [("		if (m->slot[s].hash == hash)\n\t\t\treturn",
                           "\t\tif (m->slot[s].hash != 0)\n\t\t\treturn")],
     ["unit", "cache"]),
    ("core/base/hmap.c", [("\twhile (want / 2 <= n)", "\twhile (want * 3 / 4 <= n)")],
     ["unit"]),
    ("core/base/hmap.c", [("\t\tif (m->slot[s].hash == 0)\n\t\t\tbreak;",
                           "\t\tif (m->slot[s].hash == 0 || i == 0)\n\t\t\tbreak;")],
     ["unit", "site"]),
    # A shared page taken as still there whatever its size.
    ("render/siteout.c", [("\treturn siteout_size(o, rel, &got) == 0 && "
                           "got == size;",
                           "\t(void)size;\n"
                           "\treturn siteout_size(o, rel, &got) == 0;")],
     ["cache"]),

    # ---- escaping ----
    ("render/tpl.c", [("{ \"&quot;\", 6 }, { \"&#39;\", 5 }",
                       "{ \"&quot;\", 6 }, { \"'\", 1 }")],
     ["unit", "site"]),
    ("render/tpl.c", [("{ \"&lt;\", 4 }", "{ \"<\", 1 }")],
     ["site"]),
    ("render/tpl.c", [("{ \"&quot;\", 6 }", "{ \"\\\"\", 1 }")],
     ["site"]),
    ("render/json.c", [("buf_puts(b, \"\\\\u003c\");",
                        "buf_puts(b, \"<\");")],
     ["site"]),

    # ---- pages made piece by piece (streamed buffers, file_out) ----
    ("core/base/util.c", [("\tif (b->flush != NULL && b->len > 0) {",
                      "\tif (0) {")], ["unit"]),
    ("core/base/fileio_stream.c", [("\tif (fo->old != -1 && !old_matches(fo, data, len) "
                        "&& diverge(fo) == -1)",
                        "\tif (fo->old != -1 && (old_matches(fo, data, len) "
                        "|| 1) && diverge(fo) == -1)")],
     ["unit"]),
    ("core/base/fileio_stream.c", [("\t\tif (pread(fo->old, &c, 1, (off_t)fo->done) == 0)"
                        "\n\t\t\trc = 0;",
                        "\t\tif (pread(fo->old, &c, 1, (off_t)fo->done) >= 0)"
                        "\n\t\t\trc = 0;")],
     ["unit"]),
    ("core/base/fileio_stream.c", [("\t\tif (fo->tmp != NULL)\n\t\t\tunlink(fo->tmp);",
                        "\t\tif (fo->tmp != NULL)\n\t\t\t;")],
     ["unit"]),
    ("render/siteout.c", [("\tif (ok && b->len > 0)\n\t\tstream_flush(b);",
                           "\tif (0)\n\t\tstream_flush(b);")],
     ["site"]),
    # ---- share keys ----
    ("cli/cmd_build.c", [("\tif (share_check_unique(&ws, &d) > 0) {",
                          "\tif (0) {")], [git("share_keys_checked")]),
    ("cli/cmd_check.c", [("\t(void)share_check_unique(&ws, &d);", "")],
     [git("share_keys_checked")]),
    ("core/model/client_front.c", [("\t\telse if (!client_share_key_ok(e->value))",
                        "\t\telse if (0)")], [git("share_keys_checked")]),
    ("core/model/client.c", [("\treturn n >= CLIENT_SHARE_MIN && n <= "
                        "CLIENT_SHARE_MAX;", "\treturn 1;")],
     [git("share_keys_checked")]),
    ("cli/cmd_share.c", [("\t\tif (alone) {", "\t\tif (alone || 1) {")],
     [git("share_keys_checked")]),
    ("cli/cmd_share.c", [("\tif (a->op == SHARE_NEW && w.key != (size_t)-1) {",
                          "\tif (0) {")], [git("share_gives_a_key")]),
    ("core/model/share.c", [("\t\t\t\tv |= (r[b / 8] >> (7 - b % 8)) & 1;",
                       "\t\t\t\tv |= 0;")], [git("share_gives_a_key")]),
    # ---- client report pages ----
    ("core/model/commitment.c", [("return contains(text, mark);",
                            "return 0 && contains(text, mark);")],
     ["unit", SHARE]),
    ("render/page_share.c", [("\t\ttv_push(rows, row);",
                              "\t\tif (report_at(c, mo, c->metrics[0], "
                              "&(double){ 0 }))\n\t\t\ttv_push(rows, row);")],
     [SHARE]),
    ("render/fmt.c", [("\t\tif (i == 0 || !has[i - 1])\n\t\t\tbuf_puts(&b, "
                       "\"<polyline", "\t\tif (i == 0)\n\t\t\tbuf_puts(&b, "
                       "\"<polyline")], [SHARE]),
    ("render/siteout.c", [("\t\t\t\t(void)rmdir(full);", "")], [SHARE]),
    ("render/siteout.c", [("\t\t} else if (lstat(p, &st) == -1 || "
                           "!S_ISDIR(st.st_mode)) {",
                           "\t\t} else if (lstat(p, &st) == -1) {")],
     [SHARE]),
    ("render/site.c", [("\tneed = need || aux[0] != page_key(s, c->slug) || "
                        "aux[1] != sizes;",
                        "\tneed = need || aux[0] != page_key(s, c->slug);")],
     ["cache"]),
    # ---- rows kept from the last build (rowstore) ----
    ("render/tpl.c", [("\t\tif (rowstore_digest(v, &ok) != dp->digest || !ok)",
                       "\t\tif ((void)v, !ok)")], ["unit"]),
    ("render/tpl.c", [("\tif (r->rowbase > 0 && frame <= r->rowbase)",
                       "\tif (0)")], ["unit"]),
    ("render/tpl.c", [("\tint keyed = list->rowkey != NULL && ",
                       "\tint keyed = 0 && list->rowkey != NULL && ")],
     ["unit"]),
    ("render/tpl.c", [("\t*frame = v != NULL ? i + 1 : 0;",
                       "\t*frame = v != NULL ? i + 2 : 0;")], ["unit"]),
    ("render/rowstore.c", [("\tif (hash64(p, (size_t)e->len, key) != e->hash "
                            "|| end - p < 4)", "\tif (end - p < 4)")],
     ["unit"]),
    ("render/rowstore.c", [("\t    index_sum(map + idx, n, rs->key, gen) != "
                            "get_u64(map + len - 8) ||", "")], ["unit"]),
    ("render/rowstore.c", [("flock(fd, LOCK_SH | LOCK_NB) == -1 || ", "")],
     ["unit"]),
    ("render/values.c", [("\tuint64_t h = hash64(r->root, strlen(r->root), "
                          "r->min);", "\tuint64_t h = r->min;")],
     ["cache"]),
    ("core/base/mdmem.c", [("\tmemset(p, 0, n * size);", "")], ["unit"]),
    ("core/base/mdmem.c", [("\tmemcpy(p, old, h->size < n ? h->size : n);", "")],
     ["unit"]),

    # ---- issue 32: mail, the client's page, the feed, the command line, rows ----
    # Mail: the client in Cc only; Precedence junk and list; a day's
    # messages in time order; the cut at 200 characters, not bytes.
    ("core/mail/mail.c", [("\tadd_addresses(m, g_mime_message_get_addresses(msg,\n"
                      "\t    GMIME_ADDRESS_TYPE_CC), &cap, 0);\n", "")],
     ["unit", MAIL]),
    ("core/mail/mail.c", [(" ||\n\t\t    g_ascii_strncasecmp(v, \"junk\", 4) == 0)",
                      ")")], ["unit", MAIL]),
    ("core/mail/mail.c", [("g_ascii_strncasecmp(v, \"list\", 4) == 0 ||\n\t\t    ",
                      "")], ["unit", MAIL]),
    ("core/mail/mailimport.c", [("\tif (x->minutes != y->minutes)\n\t\treturn "
                            "x->minutes < y->minutes ? -1 : 1;\n", "")],
     ["unit", MAIL]),
    ("core/mail/mailentry.c", [("\t\tnchars++;", "\t\tnchars += n > 0 ? n : 1;")],
     ["unit", MAIL]),
    ("core/mail/mailentry.c", [("nchars < MAIL_SUMMARY_MAX) {",
                           "nchars <= MAIL_SUMMARY_MAX) {")], ["unit", MAIL]),
    # The client's page: seven months of hours, none before since, named;
    # over only past the contract; the client's kept promise not ours.
    ("render/values.c", [("for (mo = now; mo >= oldest; mo--) {",
                              "for (mo = now; mo > oldest; mo--) {")], [SHARE]),
    ("render/values.c", [("oldest = now - VAL_HOUR_MONTHS, mo;",
                              "oldest = now - VAL_HOUR_MONTHS - 1, mo;")], [SHARE]),
    ("render/values.c", [("if (c->since != DATE_NONE && month_of(c->since) "
                              "> oldest)", "if (0)")], [SHARE, "site"]),
    ("render/values.c", [("month_names[m % 12], m / 12)",
                              "month_names[(m + 11) % 12], m / 12)")], [SHARE]),
    ("render/values.c", [("\t    used > c->contract_hours));", "\t    used >= "
                              "c->contract_hours));")], [SHARE]),
    ("render/page_share.c", [("(k->done && (k->theirs ||\n\t\t    ",
                              "(k->done && (\n\t\t    ")], [SHARE]),
    # The feed: an all-day event ends the next day.
    ("render/ics.c", [("basic_date(start + 1, next);",
                       "basic_date(start, next);")], [hostile("the_feed")]),
    ("render/ics.c", [("\t\tif (start < max) {",
                       "\t\tif (start < max && 0) {")], [hostile("the_feed")]),
    # The command line: after "--", options are the message's words.
    ("cli/main.c", [("while (i < *argc && strcmp(argv[i], \"--\") != 0) {",
                     "while (i < *argc) {")], [git("log_after_double_dash")]),
    # Rows: an outer boolean is part of what a kept row depends on.
    ("render/rowstore.c", [("return 3 + (v->b != 0);", "return 3;")],
     ["unit"]),

    # ---- the calendar feed ----
    # (Content lines are cline.c's, shared with the cards.)
    ("render/cline.c", [("size_t c = text_utf8_len((const unsigned char *)s "
                         "+ i, n - i);", "size_t c = 1;")],
     ["site", contacts("round_trip")]),
    ("render/cline.c", [("\t\tif (col + c > 75) {", "\t\tif (col + c > 76) {")],
     ["site", contacts("round_trip")]),
    ("render/cline.c", [("\t\t\tbuf_putc(b, '\\\\');\n\t\t\tbuf_putc(b, s[-1]);",
                         "\t\t\tbuf_putc(b, s[-1]);")],
     ["site"]),
    ("render/ics.c", [("\t\t\tbuf_putc(&l, '-');\n"
                       "\t\t\tbuf_puts(&l, hex);\n",
                       "\t\t\t(void)hex;\n")],
     [hostile("the_feed")]),
    # Mail import (SPEC section 7).
    ("core/mail/mailentry.c", [("if (!summary_reads_back(b.s, &e) && b.s[b.len - 1] == ')' &&",
                           "if (!summary_reads_back(b.s, &e) && 0 && b.s[b.len - 1] == ')' &&")],
     ["unit", MAIL]),
    ("core/mail/mailentry.c", [("else if (!bidi(cp)) {", "else if (!bidi(cp) || 1) {")],
     ["unit"]),
    ("core/mail/mailentry.c", [("if (breaking(cp) || cp == ' ')", "if (cp == ' ' || (breaking(cp) && cp == '\\t'))")],
     ["unit"]),
    ("core/mail/mailentry.c", [("localtime_r(&t, &tm) == NULL", "gmtime_r(&t, &tm) == NULL")],
     ["unit", MAIL]),
    ("core/mail/mail.c", [('if (g_mime_object_get_header(o, "List-Id") != NULL)', "if (0)")],
     ["unit", MAIL]),
    ("core/mail/mail.c", [("\tif (n == 0 || n > ID_MAX)\n\t\treturn -1;\n\tfor (i = 0; i < n; i += k) {",
                      "\tif (n == 0)\n\t\treturn -1;\n\tfor (i = 0; i < n; i += k) {")], ["unit"]),
    ("core/mail/mailbook.c", [("if (pick(b, CLIENT_ADDR, from, addr, naddr, m))\n\t\treturn;", "")],
     ["unit", MAIL]),
    ("core/mail/mailbook.c", [("if (!config_public_domain(b->cfg, dom))", "if (1)")],
     ["unit", MAIL]),
    ("core/mail/mailbook.c", [("} else if (r[j].client != m->client) {", "} else if (0) {")],
     ["unit", MAIL]),
    ("core/mail/mailsrc.c", [("file_open_regular(file, 0)", "file_open_regular(file, 1)")], [MAIL]),
    ("core/mail/mailsrc.c", [("if (de->d_name[0] == '.')", "if (0)")], [MAIL]),
    ("core/mail/mailimport.c", [("\treturn mark != NULL && im->nknown > 0 && bsearch(",
                                 "\treturn 0 && mark != NULL && im->nknown > 0 && bsearch(")], [MAIL]),
    ("core/mail/mailimport.c", [("else if (i > 0 && strcmp(im->p[i - 1].mark, p->mark) == 0)",
                            "else if (0)")], [MAIL]),
    ("cli/cmd_import_mail.c", [("if (!dry)\n\t\teach.cache", "if (1)\n\t\teach.cache"),
                               ("if (keep)\n\t\t(void)cache_write", "if (keep || 1)\n\t\t(void)cache_write")],
     [MAIL]),
    ("cli/cmd_import_mail.c", [("shown++ < SUMMARY_CLIENTS)", "shown++ < 100)")], [MAIL]),
    ("cli/cmd_import_mail.c", [("if (why_not(&cm->t[i]) == NULL)\n\t\t\tbuf_printf(msg, \"\\n%s: %zu\",",
                                "if (i < 12 && why_not(&cm->t[i]) == NULL)\n\t\t\tbuf_printf(msg, \"\\n%s: %zu\",")], [MAIL]),
    ("cli/cmd_import_mail.c", [("\t    side == CHANGE_HEAD))\n\t\treturn CHANGE_EDIT_DONE;",
                                "\t    side == CHANGE_HEAD && 0))\n\t\treturn CHANGE_EDIT_DONE;")], [MAIL]),
    ("core/model/entry.c", [("nl != NULL && nl > out->s && nl[-1] == '\\r' ?",
                       "nl != NULL && 0 ?")], ["unit", MAIL]),
    # issue 34: edit's kept text goes through the write path, staged text kept.
    ("cli/cmd_edit.c", [("return old[CHANGE_INDEX].exists ? CHANGE_WRITE : "
                         "CHANGE_REMOVE;", "return CHANGE_KEEP;")],
     [git("edit_keeps_errors_beside_a_staged_text")]),
    ("cli/cmd_edit.c", [("\tif (!same(&old[CHANGE_WORK], e->orig, e->olen)) {",
                         "\tif (0) {")],
     [write("edit_keeps_nothing_over_a_log")]),
    # issue 34: the template compiler, a scanner and a handler per kind.
    ("render/tpl_compile.c", [("\tif (!kinds[*k].may_stand_alone)\n\t\treturn 0;",
                               "\tif (1)\n\t\treturn 0;")], ["unit", "site"]),
    ("render/tpl_compile.c", [("\tif (o->len != n || memcmp(o->s, sc->s + t->name, n) != 0) {",
                               "\tif (0) {")], ["unit"]),
    ("render/tpl_compile.c", [("\t{ '{', 0, tag_var },", "\t{ '{', 0, tag_comment },")],
     ["unit"]),
    # issue 34: the history cache file, apart from the walk.
    ("core/git/history_file.c", [("\tstatefile_begin(&b, HIST_MAGIC, cache_key(r, h));",
                                  "\tstatefile_begin(&b, HIST_MAGIC, 0);")],
     ["unit", "cache"]),
    ("core/git/history_file.c", [("\treturn hash64(&h->max, sizeof(h->max), hash64(r->prefix,",
                                  "\treturn hash64(&h->ncommits, sizeof(h->max), hash64(r->prefix,")],
     ["unit"]),
    # issue 34: unit tests of their own for gitindex.c.
    ("core/write/gitindex.c", [("\tif (is_ours(marker, &m, lock)) {",
                                "\tif (is_ours(marker, &m, lock) || 1) {")], ["unit"]),
    ("core/write/gitindex.c", [("if (forward ? rename(lock, index) : unlink(lock)) {",
                                "if (unlink(lock)) {")], ["unit"]),
    # issue 34: what rapport commit takes, planned in core.
    ("core/write/commit_plan.c", [("\t\t    p->v[i].kind == REPO_REMOVED && other_half(p, i, given))",
                                   "\t\t    p->v[i].kind == REPO_REMOVED && 0 && other_half(p, i, given))")],
     ["unit", git("commit_only_given_files")]),
    ("core/write/commit_plan.c", [("\t\tp->v[i].moved = taken[i] && other_half(p, i, taken);",
                                   "\t\tp->v[i].moved = 0 && other_half(p, i, taken);")],
     [git("commit_changed_files")]),
    ("core/write/commit_plan.c", [("\t\telse if (f[i].kind != REPO_REMOVED &&\n\t\t    !read_by_rapport(ws, f[i].path)) {",
                                   "\t\telse if (f[i].kind != REPO_REMOVED &&\n\t\t    !read_by_rapport(ws, f[i].path) && 0) {")],
     ["unit"]),
    # issue 34: one rule for what git ignores.
    ("core/git/repo.c", [("\t    git_index_get_bypath(idx, p, 0) != NULL);",
                          "\t    git_index_get_bypath(idx, p, 0) == (void *)1);")], ["unit"]),
    ("core/git/repo.c", [("\tif (tracked)\n\t\treturn 0;", "\tif (tracked && 0)\n\t\treturn 0;")],
     ["unit"]),
    # issue 34: one policy for a one-file edit's three versions.
    ("core/write/change_edit.c", [("\t\terrors = ed->invalid != NULL && w->exists && !w->link &&",
                             "\t\terrors = 0 && ed->invalid != NULL && w->exists && !w->link &&")],
     ["unit", robust("bad_input_nothing_lost")]),
    ("core/write/change_edit.c", [("\telse if (!w->exists)",
                             "\telse if (0)")], ["unit"]),
    ("core/write/change_edit.c", [("\tif (got == CHANGE_EDIT_STOP || ed->skip) {",
                             "\tif (ed->skip) {")], ["unit"]),
    ("core/write/change_edit.c", [("\tif (same_text(t, &old[CHANGE_HEAD])) {",
                             "\tif (0 && same_text(t, &old[CHANGE_HEAD])) {")],
     ["unit"]),
    # issue 34: import-mail's edit on the adapter, skipping a file whole.
    ("core/write/change_edit.c", [("\t\t\tif (ed->skip && work_first(ed, old, why, d) == -1)",
                             "\t\t\tif (0 && ed->skip && work_first(ed, old, why, d) == -1)")],
     ["unit", MAIL]),
    ("core/write/change_edit.c", [("\t\tif (t->exists && !same_text(w, t))",
                             "\t\tif (0 && t->exists && !same_text(w, t))")],
     ["unit", MAIL]),
    ("core/write/change_edit.c", [("\tif (ed->refused.len > 0 || !t->exists || t->link)",
                             "\tif (!t->exists || t->link)")],
     ["unit"]),
    ("core/write/change_edit.c", [("if (got == CHANGE_EDIT_ERRORS && side == "
                             "CHANGE_WORK)", "if (0)")],
     ["unit", git("log_refuses_bad_input")]),
    ("core/write/change_edit.c", [("\t\tcase CHANGE_EDIT_ERRORS:\n\t\t\terrors = 1;",
                             "\t\tcase CHANGE_EDIT_ERRORS:\n\t\t\treturn CHANGE_WRITE;")],
     ["unit", git("log_refuses_bad_input")]),
    # issue 34: one way to write a heading, one test that it reads back.
    ("core/model/entry.c", [("buf_puts(out, e->dir == ENTRY_IN ? \" <-\" : \" ->\");",
                       "buf_puts(out, e->dir == ENTRY_IN ? \" ->\" : \" <-\");")],
     ["unit", git()]),
    ("core/model/entry.c", [("\tif (e->hours > 0) {\n\t\ttext_hours_format",
                       "\tif (e->hours > 50) {\n\t\ttext_hours_format")],
     ["unit"]),
    ("core/model/entry.c", [("e->dir == want->dir && (want->channel == NULL ?",
                       "(want->channel == NULL ?")], ["unit"]),
    ("core/model/entry.c", [("e->has_hours && e->hours == want->hours : !e->has_hours",
                       "e->has_hours : !e->has_hours")], ["unit"]),
    ("cli/cmd_import_mail.c", [("if ((strict && errs > 0) ||", "if ((strict && errs > 0 && 0) ||")], [MAIL]),
    ("core/mail/mailimport.c", [("if (e.date > im->today) {", "if (0) {")], [MAIL]),
    ("core/model/body.c", [("strncmp(cmark_node_get_literal(n), \"<!--\", 4) == 0)", "0)")],
     [MAIL]),
    ("core/model/client_front.c", [("text_split_list(e->value, add_domain, p);", "(void)add_domain;")],
     ["unit", MAIL]),
    # ---- issue 33 small: the @internal mark, Windows device names, make ----
    ("core/model/commitment.c", [("if (commitment_internal(c, i))\n\t\treturn;\n", "")],
     ["unit", "e2e"]),
    ("core/model/commitment.c", [("return s > start && (isalnum(s[-1]) ||",
                            "return s > start && 0 && (isalnum(s[-1]) ||")],
     ["unit", "e2e"]),
    ("core/model/commitment.c", [("if (s[0] == 0xef && ((s[1] == 0xbc && s[2] == 0xa0) ||",
                            "if (0 && ((s[1] == 0xbc && s[2] == 0xa0) ||")],
     ["unit", "e2e"]),
    ("core/model/commitment.c", [("n < 2 && (*w == ' ' || *w == '-' ||",
                            "n < 2 && (*w == '\\0' || *w == '-' ||")],
     ["unit", "e2e"]),
    ("core/model/commitment.c", [('strcmp(w, "intern") == 0 ||', "0 ||")],
     ["unit", "e2e"]),
    ("core/model/commitment.c", [("text_distance(w, mark + 1, 1) == 1;",
                            "text_distance(w, mark + 1, 1) == 9;")],
     ["unit", "e2e"]),
    ("core/model/commitment.c", [("if (n == 0 || letter(w, &c) > 0 || isdigit(*w) ||",
                            "if (n == 0 || letter(w, &c) > 0 ||")],
     ["unit"]),
    ("core/model/commitment.c", [("*off = (size_t)(f - s);", "*off = 0;")],
     ["unit", "e2e"]),
    ("core/model/commitment.c", [("n++ < NEAR_MAX &&", "n++ < 100 &&")], ["unit"]),
    ("core/model/commitment.c", [("off = at + len;", "off = at;")], ["unit"]),
    ("core/model/commitment.c", [("!address_at((const unsigned char *)s,",
                            "!address_at((const unsigned char *)f,")],
     ["unit"]),
    ("core/model/body.c", [("commitment_check_mark(c, c->ncommitments - 1, p->src, p->d);",
                      "")],
     ["unit", "e2e"]),
    ("render/page_share.c", [("if (commitment_internal(c, i) || (k->done && (k->theirs ||",
                              "if ((k->done && (k->theirs ||")],
     [SHARE]),
    ("core/base/text.c", [("if (b.len > 0 && text_name_reserved(b.s, b.len))",
                      "if (0)")],
     ["unit", git("new_windows_device_names")]),
    ("core/base/text.c", [("return (n == 4 && isdigit((unsigned char)s[3])) || (n == 5 &&",
                      "return (n == 4 && isdigit((unsigned char)s[3])) || (0 &&")],
     ["unit"]),
    ("core/base/text.c", [("while (n > 0 && s[n - 1] == ' ')", "while (0)")],
     ["unit"]),
    ("core/base/text.c", [("if (dot != NULL)\n\t\tn = (size_t)(dot - s);",
                      "if (0)\n\t\tn = (size_t)(dot - s);")],
     ["unit", hostile("windows_device_names")]),
    ("core/base/text.c", [('"con", "prn", "aux", "nul",', '"con", "prn", "aux", "nix",')],
     ["unit"]),
    ("core/model/workspace_load.c", [("if (wanted(v[i].path, only, nonly))\n\t\t\tcheck_reserved(v[i].path, d);",
                           "if (0)\n\t\t\tcheck_reserved(v[i].path, d);")],
     [hostile("windows_device_names")]),
    ("core/model/workspace_load.c", [("if (e != NULL) {\n\t\t\tdiag_msg(d, path, 0, 0, DIAG_WARNING, \"folder name \"",
                           "if (e != NULL) {\n\t\t\tcontinue;\n\t\t\tdiag_msg(d, path, 0, 0, DIAG_WARNING, \"folder name \"")],
     [hostile("windows_device_names")]),
    ("cli/cmd_new.c", [("if (slug_arg != NULL && text_name_reserved(slug_arg,",
                        "if (slug_arg != NULL && 0 && text_name_reserved(slug_arg,")],
     [git("new_windows_device_names")]),
    ("Makefile", [("$(B)/%.o: %.c | need-deps", "$(B)/%.o: %.c")],
     [robust("make_without_deps")]),
    (".ci/need-deps", [('command -v "${cc%% *}" >/dev/null 2>&1 && $pc --exists "$@" 2>/dev/null &&\n    exit 0',
                        "exit 0")],
     [robust("make_without_deps")]),
    (".ci/need-deps", [('$pc --exists "$mod" 2>/dev/null ||', "false ||")],
     [robust("make_without_deps")]),
    (".ci/need-deps", [("if ! command -v apt-get >/dev/null 2>&1; then", "if false; then")],
     [robust("make_without_deps")]),
    (".ci/need-deps", [('if [ "$(id -u)" -eq 0 ]; then', "if true; then")],
     [robust("make_without_deps")]),

    # ---- issue 33 mail ----
    # No read waits on a FIFO: the checks before a file is read (both of
    # them: either alone stops a FIFO), the row store's read, the names.
    ("core/base/fileio_read.c", [("\tif (!S_ISREG(st.st_mode)) {\n\t\terrno = S_ISLNK",
                        "\tif (0) {\n\t\terrno = S_ISLNK"),
                       ("if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||\n\t    (fl = fcntl",
                        "if (fstat(fd, &st) == -1 ||\n\t    (fl = fcntl"),
                       ("O_RDONLY | O_CLOEXEC | O_NONBLOCK |\n\t    (follow",
                        "O_RDONLY | O_CLOEXEC |\n\t    (follow")],
     [hostile("fifo_client_file")]),
    ("core/base/fileio_read.c", [("(follow ? stat(path, &st) : lstat(path, &st))",
                        "stat(path, &st)"),
                       ("(follow ? 0 : O_NOFOLLOW)", "(follow ? 0 : 0)")], [MAIL]),
    ("render/rowstore.c", [("if ((fd = file_open_regular(path, 0)) == -1)",
                            "if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)")],
     [hostile("fifo_client_file")]),
    ("core/base/source.c", [("\t\tif (errno == EINVAL)\n\t\t\tdiag_msg(d, relpath, 0, 0, DIAG_ERROR,\n\t\t\t    \"not a regular",
                        "\t\tif (0)\n\t\t\tdiag_msg(d, relpath, 0, 0, DIAG_ERROR,\n\t\t\t    \"not a regular")],
     [hostile("fifo_client_file")]),
    ("cli/cmd_import_mail.c", [("} else if (errno != ENOENT)\n\t\t\tdiag_msg(d, ws->paths[i]",
                                "} else if (0)\n\t\t\tdiag_msg(d, ws->paths[i]")], [MAIL]),
    ("core/mail/mailsrc.c", [("\t\tif (errno == EINVAL) {\n\t\t\tdiag_msg(d, path, 0, 0, DIAG_WARNING",
                         "\t\tif (0) {\n\t\t\tdiag_msg(d, path, 0, 0, DIAG_WARNING")], [MAIL]),
    # The year as the Date writes it.
    ("core/mail/mail.c", [("} else if (dt != NULL && g_date_time_get_year(dt) != year)",
                      "} else if (0)")], ["unit", MAIL]),
    ("core/mail/mail.c", [("\telse if (year < 1000 || year > 9999) {",
                      "\telse if (0) {")], ["unit", MAIL]),
    ("core/mail/mail.c", [("v < 50 ? 2000 + (int)v :", "v < 70 ? 2000 + (int)v :")],
     ["unit", MAIL]),
    ("core/mail/mail.c", [("len == 3 ? 1900 + (int)v :", "len == 3 ? (int)v :")],
     ["unit", MAIL]),
    ("core/mail/mail.c", [("else if (before || after++ > 0) {",
                      "else if (before || after++ >= 0) {")], ["unit"]),
    ("core/mail/mail.c", [("int shift = year < 1970 ? (1970 - year + 399) / 400 * 400 : 0;",
                      "int shift = 0;")], ["unit", MAIL]),
    ("core/mail/mailentry.c", [("if (!m->dated || m->year_out ||", "if (!m->dated ||")],
     ["unit", MAIL]),
    # The header limit, before GMime; a message never held whole; its
    # hash from the file; the summary's count.
    ("core/mail/mail.c", [("if (hlen > MAIL_HEADER_MAX) {", "if (0) {")], ["unit", MAIL]),
    ("core/mail/mailimport.c", [("NULL, rc == -2 ?\n\t\t    MAIL_SKIP_HUGE : MAIL_SKIP_UNREADABLE", "NULL, 0 ?\n\t\t    MAIL_SKIP_HUGE : MAIL_SKIP_UNREADABLE")],
     [MAIL]),
    ("core/mail/mailsrc.c", [("n = (unsigned long long)st.st_size < MAILSRC_HEAD ?\n"
                         "\t    (size_t)st.st_size : MAILSRC_HEAD;",
                         "n = (size_t)st.st_size;")], [MAIL]),
    ("core/mail/mailsrc.c", [("n = size < MAILSRC_HEAD ? (size_t)size : MAILSRC_HEAD;",
                         "n = (size_t)size;")], [MAIL]),
    ("core/mail/mailsrc.c", [("if (m->fd == -1 || m->len == m->size)", "if (1)")],
     ["unit", MAIL]),
    # The mbox read in pieces (the rule of "From " after an empty line
    # is the mutant of issue 32 above): a CRLF empty line counts too.
    ("core/mail/mailsrc.c", [("mb->after_empty = mb->llen == 0 || (mb->llen == 1 &&\n\t    mb->lhead[0] == '\\r');",
                         "mb->after_empty = mb->llen == 0;")], [MAIL]),
    # The 4 MiB refusal says the size and the limit.
    ("cli/cmd_import_mail.c", [("if (n <= SOURCE_MAX_BYTES)\n\t\treturn NULL;",
                                "if (1)\n\t\treturn NULL;")], [MAIL]),

    # ---- issue 33 commit: git hooks, writes beside git maintenance ----
    # An object write that fails because repack removed its folder is not
    # made again (the retry, or the writer that holds it, gone).
    ("core/git/repo_odb.c", [("while (err < 0 && ++tries < WRITE_TRIES && vanished());",
                          "while (err < 0 && ++tries < 1 && vanished());")], [write("repack_beside_log")]),
    ("core/git/repo.c", [("if (repo_odb_retry(r->git) == -1) {",
                      "if (0 && repo_odb_retry(r->git) == -1) {")],
     [write("repack_beside_log")]),
    # A branch lock held by git gc fails the commit at once, or the wait
    # ignores core.filesRefLockTimeout.
    ("core/write/commit.c", [("(wait_ms < 0 || waited < wait_ms)) {",
                        "(wait_ms < -1 && waited < wait_ms)) {")],
     [write("branch_lock_waited")]),
    ("core/write/commit.c", [("git_config_get_int32(&ms, cfg, \"core.filesRefLockTimeout\") < 0)",
                        "1)")], [write("branch_lock_waited")]),
    # A refusing hook lets the commit through.
    ("core/write/change.c", [("&old, &msg, &tree_id, &commit_id, &j, jpath, d) == -1)",
                        "&old, &msg, &tree_id, &commit_id, &j, jpath, d) == -2)")],
     [git("hook_pre_commit_refuses")]),
    # The commit remade for an edited message, but the journal names the
    # old one: a kill after the branch moved is not finished.
    ("core/write/change_steps.c", [("\tgit_oid_cpy(&j->new, commit_id);\n", "")],
     [write("hook_message_then_killed")]),
    # post-commit not run.
    ("core/write/change.c", [("if (rc == 0 && !apply)\n\t\tchange_hooks_post(ch, d);", "")],
     [git("hook_post_commit_after")]),
    # --no-verify does not skip pre-commit, or commit-msg.
    ("core/write/change_hooks.c", [("if (verify)\n\t\tpre = hook_find", "if (1)\n\t\tpre = hook_find")],
     [git("hook_pre_commit_refuses")]),
    ("core/write/change_hooks.c", [("if (verify)\n\t\tcmsg = hook_find", "if (1)\n\t\tcmsg = hook_find")],
     [git("hook_commit_msg_refuses")]),
    # sync's merge runs git commit's hooks, or says "message".
    ("core/write/change_hooks.c", [("int merge = (ch->hooks & CHANGE_AS_MERGE) != 0 && ch->nparents > 0;",
                              "int merge = 0 && ch->nparents > 0;")],
     [team("sync_runs_merge_hooks")]),
    ("core/write/change_hooks.c", [("ch->nparents > 0 ? \"merge\" :\n\t    \"message\"",
                              "0 ? \"merge\" :\n\t    \"message\"")],
     [team("sync_runs_merge_hooks")]),
    ("core/write/change_hooks.c", [("merge_args[] = { \"0\", NULL }", "merge_args[] = { \"1\", NULL }")],
     [team("sync_runs_merge_hooks")]),
    # The hooks get the real index (HEAD's, the change not in it).
    ("core/write/change_hooks.c", [("const char *env[] = { env_index, \"GIT_EDITOR=:\", NULL };\n\tconst char *none[]",
                              "const char *env[] = { \"GIT_EDITOR=:\", NULL, NULL };\n\tconst char *none[]")],
     [git("hook_pre_commit_sees_the_change")]),
    # The message the hooks edited is not committed; an empty one is.
    ("core/write/change_hooks.c", [("if (blen == text.len && memcmp(back, text.s, blen) == 0)", "if (1)")],
     [git("hook_commit_msg_rewrites")]),
    ("core/write/change_hooks.c", [("if (clean.len == 0) {", "if (0) {")],
     [git("hook_commit_msg_refuses")]),
    ("core/write/change_hooks.c", [("while (n > 0 && strchr(\" \\t\\r\\f\\v\", s[n - 1]) != NULL)", "while (0)")],
     [git("hook_commit_msg_rewrites")]),
    ("core/write/change_hooks.c", [("blank = out->len > 0;", "blank = 1;")],
     [git("hook_commit_msg_rewrites")]),
    # A hook found without checking it is executable, or not warned about.
    ("core/git/hook.c", [("if (access(path, X_OK) == 0)", "if (access(path, F_OK) == 0)")],
     [git("hook_not_executable")]),
    ("core/git/hook.c", [("if (errno == EACCES && advice)", "if (0)")],
     [git("hook_not_executable")]),
    ("core/git/hook.c", [("if (git_config_get_bool(advice, cfg, \"advice.ignoredHook\") < 0)",
                      "if (1)")],
     [git("hook_not_executable")]),
    # core.hooksPath taken from rapport's folder, or ignored.
    ("core/git/hook.c", [("dir = xasprintf(\"%s%s\", workdir, set.ptr);",
                      "dir = xasprintf(\"%s%s\", workdir + strlen(workdir), set.ptr);")],
     [git("hook_core_hooks_path")]),
    ("core/git/hook.c", [("if (git_config_get_path(&set, cfg, \"core.hooksPath\") < 0 ||", "if (1 ||")],
     [git("hook_core_hooks_path")]),
    # The hook's output on rapport's standard output; not in the work
    # tree's root; a script without "#!" not run.
    ("core/git/hook.c", [(" || dup2(2, 1) == -1)", ")")], [git("hook_pre_commit_refuses")]),
    ("core/git/hook.c", [("if (chdir(workdir) == -1 || ",
                      "if (((void)workdir, chdir(\".\")) == -1 || ")],
     [git("hook_pre_commit_sees_the_change")]),
    ("core/git/hook.c", [("if (errno == ENOEXEC)", "if (0)")], [git("hook_not_executable")]),
    # --no-verify not passed on.
    ("cli/cmd_commit.c", [("no_verify ? CHANGE_NO_VERIFY :\n\t    0)", "0 ? CHANGE_NO_VERIFY :\n\t    0)")],
     [git("hook_each_command")]),
    ("cli/cmd_sync.c", [("o.no_verify = 1;", "o.no_verify = 0;")], [team("sync_runs_merge_hooks")]),
    # ---- issue 33 paths: no write outside, no journal trusted, worktrees ----
    ("core/base/wpath.c", [("if (*rel == '/')", "if (0)")], ["unit"]),
    ("core/base/wpath.c", [("if ((n == 1 && s[0] == '.') || (n == 2 && s[0] == '.' &&\n"
                       "\t\t    s[1] == '.'))", "if (0)")],
     ["unit", write("journal_outside_file")]),
    ("core/base/wpath.c", [('strncasecmp(s, ".git", 4) == 0', 'strncmp(s, ".git", 4) == 0')],
     ["unit"]),
    ("core/base/wpath.c", [("\t\tif (n == 0)\n", "\t\tif (0)\n")], ["unit"]),
    ("core/base/wpath.c", [("(O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)",
                       "(O_PATH | O_DIRECTORY | O_CLOEXEC)")],
     ["unit", team("sync_refuses_a_linked_folder")]),
    ("core/base/wpath.c", [("(mkdirat(fd, s, 0777) == 0 || errno == EEXIST))", "0)")],
     ["unit", team("sync_brings_a_new_folder")]),
    ("core/base/wpath.c", [("S_ISLNK(st.st_mode)) {\n\t\t\t\t*why = link_why(",
                       "0) {\n\t\t\t\t*why = link_why(")], ["unit"]),
    ("core/base/wpath.c", [('strncmp(ref, "refs/", 5) != 0', "0")],
     ["unit", write("journal_outside_ref")]),
    ("core/base/wpath.c", [("|| !valid)", "|| 0)")], ["unit"]),
    ("core/write/change.c", [("if (change_items_safe(ch, d) == -1)\n\t\tgoto out;\n",
                        "if (change_items_safe(ch, d) == -1 && 0)\n\t\tgoto out;\n")],
     [team("sync_refuses_a_linked_folder")]),
    ("core/write/change_steps.c", [("if (change_item_safe(ch, it, it->work == CHANGE_WRITE, d) == -1)\n"
                        "\t\treturn -1;\n", "(void)ch;\n")],
     [team("sync_brings_a_new_folder")]),
    ("core/write/recover.c", [("if (journal_trusted(ch, &j, jpath, d) == -1) {",
                         "if (journal_trusted(ch, &j, jpath, d) == -1 && 0) {")],
     [write("journal_absolute_backup", "journal_outside_file", "journal_outside_ref")]),
    ("core/write/recover.c", [("if (f->backup != NULL && strcmp(f->backup, want) != 0)", "if (0)")],
     [write("journal_absolute_backup")]),
    ("core/write/recover.c", [("if (wpath_check(repo_workdir(ch->r), f->path, 0, &why) == -1)\n"
                         "\t\t\tbreak;\n", "")],
     [write("journal_outside_file")]),
    ("core/write/recover.c", [("if ((bad = wpath_ref_why(j->ref)) != NULL)\n\t\twhy =",
                         "if (0)\n\t\twhy =")],
     [write("journal_outside_ref")]),
    ("core/write/recover.c", [("if (rc == -2) {", "if (0) {")],
     [write("journal_folder")]),
    ("core/write/journal.c", [("if (!S_ISREG(l.st_mode)) {", "if (0) {")],
     [write("journal_folder", "journal_fifo", "journal_link_to_dev_zero")]),
    ("core/write/journal.c", [("if (n == -1 || b.len > JOURNAL_MAX) {", "if (n == -1) {")],
     [write("journal_too_big")]),
    ("core/write/commit.c", [("git_repository_commondir(repo_git(ch->r)));",
                        "git_repository_path(repo_git(ch->r)));")],
     [git("linked_worktree_commits")]),
    ("core/write/recover.c", [("\t    git_repository_commondir(repo_git(ch->r)), ref);",
                         "\t    git_repository_path(repo_git(ch->r)), ref);")],
     [git("linked_worktree_recovers")]),
    ("core/model/workspace_walk.c", [("\t\t\tif (!md && le.dir && le.target != NULL)\n",
                                 "\t\t\tif (!md && le.dir && le.target != NULL && 0)\n")],
     [write("check_names_linked_folders")]),
    ("core/model/workspace_walk.c", [("\t\tif (is_link(cl) && (n = readlink(cl, target,",
                                 "\t\tif (0 && is_link(cl) && (n = readlink(cl, target,")],
     [write("no_write_through_a_linked_clients")]),
    ("cli/cmd_check.c", [("\tlinked(&ws, &d);\n", "\t(void)linked;\n")],
     [write("check_names_linked_folders")]),

    # issue 35: a Message-ID is the message, "--" and all; no id: headers.
    ("core/mail/mail.c", [("\t\tif (i > 0 && id[i] == '-' && id[i - 1] == '-')",
                           "\t\tif (0 && i > 0 && id[i] == '-' && id[i - 1] == '-')")],
     ["unit", MAIL]),
    ("core/mail/mail.c", [("\t\t\t\telse if (b.s[b.len - 1] != ' ' &&\n\t\t\t\t    b.s[b.len - 1] != ':')",
                           "\t\t\t\telse if (b.s[b.len - 1] != ':')")],
     ["unit"]),
    ("core/mail/mail.c", [("\t\"Date\", \"From\", \"Sender\", \"To\", \"Cc\", \"Subject\",",
                           "\t\"Date\", \"From\", \"Sender\", \"To\", \"Cc\", \"X-Subject\",")],
     ["unit"]),
    ("core/mail/mail.c", [("\tif (!id_was_written(id)) {", "\tif (0 && !id_was_written(id)) {")],
     ["unit", MAIL]),
    ("core/mail/mailimport.c", [("if (known(im, p->mark) || known(im, p->old_mark))",
                                 "if (known(im, p->mark))")],
     [MAIL]),
    # issue 35: "1 client", and the site's name once in the index's title.
    ("render/values.c", [("n == 1 ? one : many", "n == 1 && 0 ? one : many")], ["site"]),
    ("render/values.c", [("\ttv_put(m, \"page_title\", title ? tv_strf(p, \"%s \\xc2\\xb7 %s\", title,\n\t    site) : tv_str(p, site));",
                          "\ttv_put(m, \"page_title\", tv_strf(p, \"%s \\xc2\\xb7 %s\", title ? title :\n\t    site, site));")],
     ["site"]),
    # issue 35: a goal's review comes as a promise does.
    ("core/model/followup.c", [("\t\tadd(s, FU_GOAL_REVIEW, g->by, level_of(g->by, s->today,\n\t\t    s->due_soon), g->line,",
                                "\t\tadd(s, FU_GOAL_REVIEW, g->by, LEVEL_OVERDUE, g->line,")],
     ["unit", "e2e"]),
    # issue 35: the client's page shows the report page's months of hours.
    ("render/page_client.c", [("\t\tif (c->contract_hours >= 0)\n\t\t\tval_list(&p, ct, \"months\"",
                               "\t\tif (0)\n\t\t\tval_list(&p, ct, \"months\"")],
     ["site"]),
    # issue 35: one time zone for the workspace, the person's for git.
    ("core/model/workspace.c", [("\tif (ws->cfg.timezone != NULL)\n\t\tzone_use(ws->cfg.timezone);",
                                 "\tif (ws->cfg.timezone != NULL && 0)\n\t\tzone_use(ws->cfg.timezone);")],
     [team("two_zones_import_one_message"), MAIL, git("log_in_the_workspace_zone")]),
    ("core/git/repo.c", [("\t\tid->offset = zone_person_offset(now);",
                          "\t\tid->offset = 0 && zone_person_offset(now);")],
     [git("log_in_the_workspace_zone")]),
    ("core/model/config.c", [("\tif (!zone_valid(e->value)) {", "\tif (0 && !zone_valid(e->value)) {")],
     ["unit", git("init_writes_the_zone")]),
    ("core/base/zone.c", [("\t\t    *s == '-' || *s == '+'))\n\t\t\treturn 0;",
                           "\t\t    *s == '-' || *s == '+' || *s == '.'))\n\t\t\treturn 0;")],
     ["unit"]),
    ("core/base/zone.c", [("\tif (switched)\n\t\tset_tz(person_tz);\n\tif (localtime_r(&when, &tm) != NULL)",
                           "\tif (0)\n\t\tset_tz(person_tz);\n\tif (localtime_r(&when, &tm) != NULL)")],
     ["unit", git("log_in_the_workspace_zone")]),
    ("cli/cmd_check.c", [("\tif (ws->cfg.timezone != NULL || !ws->has_ini)\n\t\treturn;",
                          "\tif (1 || ws->cfg.timezone != NULL || !ws->has_ini)\n\t\treturn;")],
     ["e2e", git("init_writes_the_zone")]),
    ("cli/cmd_init.c", [("\tzone = zone_local_name();", "\tzone = NULL;")],
     [git("init_writes_the_zone")]),
    # issue 35: new names a client that looks like the new one.
    ("core/model/lookalike.c", [("\treturn strncmp(a, b, na) == 0 && (nb == na || b[na] == '-');",
                                 "\treturn strncmp(a, b, na) == 0 && nb == na;")],
     [git("new_refuses_a_lookalike")]),
    ("core/model/lookalike.c", [("\t\tif (forms[i] != NULL)\n\t\t\tcontinue;",
                                 "\t\tif (forms[i] != NULL && 0)\n\t\t\tcontinue;")],
     [git("new_refuses_a_lookalike")]),
    ("core/model/lookalike.c", [("\tif (config_public_domain(&ws->cfg, d)) {",
                                 "\tif (config_public_domain(&ws->cfg, d) && 0) {")],
     [git("new_refuses_a_lookalike")]),
    ("cli/cmd_new.c", [("\tif (n == 0 || a->force)\n\t\treturn 0;",
                        "\tif (n == 0)\n\t\treturn 0;")],
     [git("new_refuses_a_lookalike")]),
    # issue 35: a conflict says what it is about, both values.
    ("core/base/conflict.c", [("\t\tif ((eq[i] == ' ' || eq[i] == '\\t') && eq[i + 1] == ';') {",
                               "\t\tif (0 && (eq[i] == ' ' || eq[i] == '\\t') && eq[i + 1] == ';') {")],
     ["unit"]),
    ("core/base/conflict.c", [("\t\t\tif (in == 0)\n\t\t\t\to->end = p;",
                               "\t\t\tif (in == 0 || 1)\n\t\t\t\to->end = p;")],
     ["unit"]),
    ("core/base/conflict.c", [("\t\twhile (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)",
                               "\t\twhile (0 && k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)")],
     ["unit"]),
    ("core/sync/sync.c", [("\t\t\tc->what = describe(&t->v[i], c, res->branch);",
                           "\t\t\tc->what = xcalloc((size_t)c->nlines + 1, sizeof(char *));\n\t\t\t(void)describe;")],
     [team("conflict_and_conclusion")]),
    ("core/base/source.c", [("\t\t\t    s->buf), NULL, NULL, &what) == 0)",
                             "\t\t\t    s->buf), NULL, NULL, &what) == 0 && 0)")],
     ["e2e"]),
    ("cli/cmd_merge_file.c", [("\t\tsay_conflicts(path, &out);", "\t\t(void)say_conflicts;")],
     [git("merge_file_names_the_conflict")]),
    # issue 35: a message without a Date takes its newest Received date;
    # --verbose lists each message not imported.
    ("core/mail/mail.c", [("\tif (!m->dated)\n\t\treceived_date(m, GMIME_OBJECT(msg));",
                           "\tif (!m->dated && 0)\n\t\treceived_date(m, GMIME_OBJECT(msg));")],
     ["unit"]),
    ("core/mail/mail.c", [("\t\tif (!m->dated || g_date_time_to_unix(dt) > m->when) {",
                           "\t\tif (!m->dated || g_date_time_to_unix(dt) < m->when) {")],
     ["unit"]),
    ("core/mail/mailimport.c", [("\tim->skipped[why]++;\n\tif (!im->verbose)\n\t\treturn;",
                                 "\tim->skipped[why]++;\n\tif (!im->verbose || why == MAIL_SKIP_KNOWN)\n\t\treturn;")],
     [MAIL]),
    ("cli/cmd_import_mail.c", [("\t\tif (k->line > 0)\n\t\t\tprintf(\":%d\", k->line);",
                                "\t\tif (k->line > 0 && 0)\n\t\t\tprintf(\":%d\", k->line);")],
     [MAIL]),
    # issue 35: the merge keeps what each side did on purpose.
    ("core/merge/merge_units.c", [("\tint ro = !in_base_order(b, o), rt = !in_base_order(b, t);",
                                   "\tint ro = 0 && !in_base_order(b, o), rt = 0 && !in_base_order(b, t);")],
     ["unit", team("reorder_against_a_log")]),
    ("core/merge/merge_units.c", [("\t\telse if (said != NULL)\n\t\t\t*said |= MERGE_BOTH_REORDERED;",
                                   "\t\telse if (said != NULL && 0)\n\t\t\t*said |= MERGE_BOTH_REORDERED;")],
     ["unit", git("merge_file_both_reordered")]),
    ("core/merge/merge_units.c", [("\tsame_run(xl, (x)->first, content(xl, x), yl, (y)->first, \\\n\tcontent(yl, y)))",
                                   "\tsame_run(xl, (x)->first, (x)->n, yl, (y)->first, \\\n\t(y)->n))")],
     ["unit"]),
    ("core/merge/merge_text.c", [("\t\tif (items && b == o + 1 && all_items(r, i + 1, o - i - 1) &&",
                                  "\t\tif (0 && items && b == o + 1 && all_items(r, i + 1, o - i - 1) &&")],
     ["unit", team("reorder_against_a_log")]),
    ("core/merge/merge_text.c", [("\t\t\t\tc = strcmp(x.s, y.s);", "\t\t\t\tc = -1 + 0 * strcmp(x.s, y.s);")],
     ["unit"]),
    ("core/merge/merge.c", [("\twhile (sd->notes_end > sd->notes_first &&\n\t    blank(&sd->l.v[sd->notes_end - 1]))",
                             "\twhile (0 && sd->notes_end > sd->notes_first &&\n\t    blank(&sd->l.v[sd->notes_end - 1]))")],
     ["unit"]),
    ("core/merge/merge_entries.c", [("\t\t\t\t    mlen == len && memcmp(other, m, len) == 0)\n\t\t\t\t\tdup = 1;",
                             "\t\t\t\t    mlen == len && memcmp(other, m, len) == 0)\n\t\t\t\t\tdup = 0;")],
     ["unit"]),
    ("core/merge/merge_entries.c", [("\tdesc = desc && !asc;", "\tdesc = 0 && desc && !asc;")],
     ["unit", team("reorder_against_a_log")]),
    ("core/model/client.c", [("\t\tif (!dup)\n\t\t\thmap_put(&seen, hash, n);",
                              "\t\tif (!dup && 0)\n\t\t\thmap_put(&seen, hash, n);")],
     ["unit"]),
    # issue 35: the timeline shows a promise, not its syntax.
    ("core/model/body.c", [("\t\tfor (i = 0; i < p.nitems; i++)\n\t\t\tshow_commitment(",
                            "\t\tfor (i = 0; i < p.nitems && 0; i++)\n\t\t\tshow_commitment(")],
     ["site"]),
    ("core/model/body.c", [("\t\tif (cm->due < p->today)\n\t\t\tbuf_puts(&b, \" <span class=\\\"lvl\\\">late</span>\");",
                            "\t\tif (cm->due < p->today && 0)\n\t\t\tbuf_puts(&b, \" <span class=\\\"lvl\\\">late</span>\");")],
     ["site"]),
    # The one reading of a mark, and of git's markers.
    ("core/model/entry.c", [("\tif (!(n - 9 > 13 && memcmp(line + 5, \"message-id: <\", 13) == 0) &&",
                             "\tif (!(n - 9 > 13 && memcmp(line + 5, \"message-id: <\", 13) == 0) && 0 &&")],
     ["unit", MAIL]),
    ("core/base/conflict.c", [("\treturn n == 7 || (c != '=' && p[7] == ' ');",
                               "\treturn n == 7 || p[7] == ' ';")],
     ["e2e", "unit"]),
    # issue 36: the report pages alone.
    ("render/site.c", [("\tif (row->of == FOR_CLIENT && !s->share_only)",
                        "\tif (row->of == FOR_CLIENT && (!s->share_only || 1))")],
     ["site"]),
    ("render/site.c", [("\tif (s->failed || s->share_only)\n\t\tgoto out;",
                        "\tif (s->failed || (s->share_only && 0))\n\t\tgoto out;")],
     ["site"]),
    ("cli/cmd_build.c", [("\tif (why == NULL && *share && *out == NULL)",
                          "\tif (why == NULL && *share && *out == NULL && 0)")],
     ["site"]),
    # issue 36: a commit read as a work tree, and the server's hooks.
    ("core/base/ftree.c", [("\tif (e->target[0] == '/') {",
                            "\tif (e->target[0] == '/' && 0) {")],
     [git("rev_hostile_tree")]),
    ("core/base/ftree.c", [("\t\t\tif (at.len == 0) {\n\t\t\t\t*outside = 1;",
                            "\t\t\tif (at.len == 0) {\n\t\t\t\t*outside = 0;")],
     [git("rev_hostile_tree")]),
    ("core/model/workspace_walk.c", [("\t\tif (strchr(name, '/') != NULL)\n\t\t\tcontinue;",
                                 "\t\tif (strchr(name, '/') != NULL && 0)\n\t\t\tcontinue;")],
     [git("rev_equals_checkout")]),
    ("core/git/repo_tree.c", [("\tif (size > max) {",
                               "\tif (size > max && 0) {")],
     [git("rev_hostile_tree")]),
    ("core/git/repo_tree.c", [("\tif (q == NULL || *q == '\\0')\n\t\treturn 0;",
                               "\tif (q == NULL || *q == '\\0' || 1)\n\t\treturn 0;")],
     [git("shared_hooks")]),
    ("core/git/history.c", [("\tif (r->has_tip)\n\t\tgit_oid_cpy(&head, &r->tip);",
                             "\tif (r->has_tip && 0)\n\t\tgit_oid_cpy(&head, &r->tip);")],
     [git("rev_equals_checkout")]),
    ("core/git/serve.c", [("\t\t\t} else if (!hook_ours(old, hook_names[i])) {",
                           "\t\t\t} else if (!hook_ours(old, hook_names[i]) && 0) {")],
     [git("shared_existing_bare")]),
    ("cli/cmd_hook.c", [("\t\tif (serve_id_none(u[i].new)) {",
                         "\t\tif (serve_id_none(u[i].new) && 0) {")],
     [git("shared_hooks")]),
    ("cli/cmd_hook.c", [("\t\tst = cli_check(g, u[i].new, serve_settings(sv)->strict, NULL,",
                         "\t\tst = cli_check(g, u[i].new, 0 && serve_settings(sv)->strict, NULL,")],
     [git("shared_hooks")]),
    ("render/publish.c", [("\tp->which = n >= 0 && strcmp(link, a) == 0 ? 'b' : 'a';",
                           "\tp->which = n >= 0 && strcmp(link, a) == 0 && 0 ? 'b' : 'a';")],
     [git("shared_hooks")]),
    ("cli/cmd_build.c", [("\tif (o->out != NULL && (o->publish || publish_managed(o->out)))",
                          "\tif (o->out != NULL && (o->publish || (publish_managed(o->out) && 0)))")],
     [git("shared_hooks")]),
    ("core/base/textstore.c", [("\t\t    hash64(r + HEAD_LEN, *len, 0) == get64(head + ID_LEN + 4)) {",
                                "\t\t    (hash64(r + HEAD_LEN, *len, 0) == get64(head + ID_LEN + 4) || 1)) {")],
     ["unit", git("rev_equals_checkout")]),
    ("core/base/textstore.c", [("\tif (do_compact && s->fd != -1 && s->nwant > 0 && s->nadd > 0)",
                                "\tif (do_compact && s->fd != -1 && s->nwant > 0 && s->nadd > 0 && 0)")],
     ["unit"]),
    ("core/git/repo_tree.c", [("\ttextstore_put(r->texts, e->id, *buf, size);",
                               "\t(void)textstore_put;")],
     [git("rev_equals_checkout")]),
    ("core/base/fileio_stream.c", [("\tif (err == 0 && fo->in_place && ftruncate(fo->fd, (off_t)fo->done) ==",
                                    "\tif (err == 0 && fo->in_place && 0 && ftruncate(fo->fd, (off_t)fo->done) ==")],
     ["unit"]),
    ("core/base/fileio_stream.c", [("\t\telse if (fo->batch == NULL || fo->in_place)",
                                    "\t\telse if (fo->batch == NULL)")],
     ["unit"]),
    ("cli/cmd_hook.c", [("\tsite.rev = share.rev = serve_branch(sv);",
                         "\tsite.rev = share.rev = id;")],
     [git("shared_hook_builds_the_latest")]),
    # issue 37: several people per client, and their cards.
    ("core/model/client_front.c", [("\tif (!text_email_ok(v)) {\n\t\tERR(p, p->e, p->e->vcol, \"email: '%s' is not an e-mail \"",
                                     "\tif (!text_email_ok(v) && 0) {\n\t\tERR(p, p->e, p->e->vcol, \"email: '%s' is not an e-mail \"")],
     ["unit"]),
    ("core/model/client.c", [("\tfor (i = 0; i < c->npeople; i++)\n\t\tfor (j = 0; j < c->people[i].nemails; j++)\n\t\t\tif ((rc = fn(",
                              "\tfor (i = 0; i < c->npeople && 0; i++)\n\t\tfor (j = 0; j < c->people[i].nemails; j++)\n\t\t\tif ((rc = fn(")],
     ["unit"]),
    ("core/model/people.c", [("\t\t\tif (v[j].c == v[j - 1].c)\n\t\t\t\tcontinue;",
                              "\t\t\tif (v[j].c == v[j - 1].c || 1)\n\t\t\t\tcontinue;")],
     ["unit"]),
    ("core/model/cache.c", [("\tput_people(&b, c);\n", "\t(void)put_people;\n")],
     ["unit", "sh tests/cache.sh ./rapport"]),
    ("render/vcard.c", [("\tif (p->role != NULL)\n\t\ttext_line(b, &l, \"TITLE:\", p->role);",
                         "\tif (p->role != NULL && 0)\n\t\ttext_line(b, &l, \"TITLE:\", p->role);")],
     [contacts("round_trip")]),
    ("render/vdir.c", [("\t\t\tif (!ours(de->d_name) || hmap_next(&jb.made,",
                        "\t\t\tif ((!ours(de->d_name) && 0) || hmap_next(&jb.made,")],
     [contacts("vdir_follows_the_files")]),
    ("render/vdir.c", [("\t\tif (jb->stage != NULL || !file_same(path, card.s, card.len)) {",
                        "\t\tif (1 || jb->stage != NULL || !file_same(path, card.s, card.len)) {")],
     [contacts("vdir_follows_the_files")]),
    ("core/git/history_diff.c", [("\tif (np <= 1)\n\t\tfind_renames(acc.v, n, t);",
                                  "\tif (np <= 1 && 0)\n\t\tfind_renames(acc.v, n, t);")],
     [contacts("rename_keeps_uids")]),
    ("core/git/history_file.c", [("\t\thistory_rename_add(h, s, sp + 1);",
                                  "\t\t(void)sp;")],
     [contacts("rename_keeps_uids")]),
    ("core/cards/importplan.c", [("\t\t\tknown |= has_name(c, p->name);",
                                   "\t\t\t(void)has_name;")],
     [contacts("import_contacts")]),
    ("core/cards/importplan.c", [("\tif (dom == NULL || config_public_domain(&ws->cfg, dom))",
                                   "\tif (dom == NULL || (config_public_domain(&ws->cfg, dom) && 0))")],
     [contacts("import_contacts")]),
    ("core/cards/importplan.c", [("\t\t\t    (date_t)(nnew > 0 ? (long)k * days / (long)nnew :",
                                   "\t\t\t    (date_t)(nnew > 0 ? (long)0 * days / (long)nnew :")],
     [contacts("import_many")]),
    ("core/cards/importplan.c", [("\treturn x->org[i] != NULL && strcmp(x->org[i], org) == 0;",
                                   "\treturn x->org[i] != NULL && strcmp(x->org[i], org) == 0 && 0;")],
     [contacts("import_contacts")]),
    ("core/cards/vcf.c", [("\t\t} else if (*p < end && colon != NULL && is_qp(l->text.s,",
                           "\t\t} else if (0 && *p < end && colon != NULL && is_qp(l->text.s,")],
     ["unit", contacts("import_contacts")]),
    ("core/cards/vcf.c", [("\t\tif (!utf8 || qp) {", "\t\tif (!utf8) {")],
     ["unit"]),
    ("core/cards/csvin.c", [("\tif (numbered(low, \"e-mail \", \" - value\") ||",
                             "\tif ((0 && numbered(low, \"e-mail \", \" - value\")) ||")],
     ["unit", contacts("import_contacts")]),
    ("core/cards/csvin.c", [("\t\t\t\tif (s + 1 < end && s[1] == '\"') {\n\t\t\t\t\ts++;",
                             "\t\t\t\tif (s + 1 < end && s[1] == '\"' && 0) {\n\t\t\t\t\ts++;")],
     ["unit"]),
    ("core/cards/cardin.c", [("\t\t\tif (u >= 0x80 && u < 0xa0)",
                              "\t\t\tif (u >= 0x80 && u < 0xa0 && 0)")],
     ["unit"]),
    ("core/cards/importplan.c", [("\t\telse if (k == 2 && u[0] == 0xc2 && u[1] < 0xa0)",
                                   "\t\telse if (k == 2 && u[0] == 0xc2 && u[1] < 0xa0 && 0)")],
     [contacts("import_hostile")]),
    ("core/cards/importplan.c", [("\t\tif (e == NULL || !text_email_ok(e) || line + strlen(e) + 2 >",
                                   "\t\tif (e == NULL || (!text_email_ok(e) && 0) || line + strlen(e) + 2 >")],
     [contacts("import_hostile")]),
    ("core/cards/importplan.c", [("\t\telse if (b.len + k > max)\n\t\t\tbreak;",
                                   "\t\telse if (b.len + k > max && 0)\n\t\t\tbreak;")],
     [contacts("import_hostile")]),
    # Found by the fuzzers: a control inside an id, a side libgit2 takes
    # for binary.
    ("core/mail/mail.c", [("\t\t    s[i] == '>')) || !mail_char_shown(s + i, k) || (k == 3 &&",
                           "\t\t    s[i] == '>')) || (!mail_char_shown(s + i, k) && 0) || (k == 3 &&")],
     ["unit"]),
    ("core/merge/merge_text.c", [("\tif (!res.automergeable && !has_marks(&r)) {",
                                  "\tif (!res.automergeable && !has_marks(&r) && 0) {")],
     ["unit"]),
    ("core/merge/merge_units.c", [("\tif (lu == NULL && o != NULL && t != NULL && v != TAKE_CONFLICT)",
                                   "\tif (lu == NULL && o != NULL && t != NULL && v != TAKE_CONFLICT && 0)")],
     ["unit"]),
    ("core/merge/merge_units.c", [("\t\tif (memcmp(ref, other, b->n * sizeof(*ref)) == 0)\n\t\t\t*by = 3;",
                                   "\t\tif (memcmp(ref, other, b->n * sizeof(*ref)) == 0)\n\t\t\t*by = 1;")],
     ["unit"]),
    # ---- reply times (SPEC section 10) ----
    ("core/model/measure.c", [("\t\t    c->entries[i].date <= today)\n\t\t\tix[n++] = i;",
                               "\t\t    (c->entries[i].date <= today || 1))\n\t\t\tix[n++] = i;")],
     ["unit", replies("reference")]),
    ("core/model/measure.c", [("\tsort_entries(c->entries, ix, n);",
                               "\t(void)sort_entries;")],
     ["unit", replies("reference")]),
    ("core/model/measure.c", [("\tif (*m1 < 0 || *m2 < 0 || !reply_answered(r))",
                               "\tif ((*m1 < 0 && *m2 < 0) || !reply_answered(r))")],
     ["unit", replies("reference")]),
    ("core/model/measure.c", [("\t\tk += (w + i) % 7 < 5;", "\t\tk += (w + i) % 7 < 6;")],
     ["unit", replies("reference")]),
    ("core/model/stats.c", [("\tsize_t k = (n * (size_t)p + 99) / 100;",
                             "\tsize_t k = (n * (size_t)p + 50) / 100;")],
     ["unit", replies("reference")]),
    ("core/model/stats.c", [("\t\tif (s->waiting++ == 0 || w > s->longest) {",
                             "\t\tif (s->waiting++ == 0 || w >= s->longest) {")],
     [replies("reference")]),
    ("core/model/stats.c", [("\t\tif (k <= j)\n\t\t\thi = j + 1;",
                             "\t\tif (k < j)\n\t\t\thi = j + 1;")],
     [replies("reference")]),
    ("core/model/cache.c", [("\t\t    (uint32_t)(uint16_t)m->replies[i].out_min << 16);",
                             "\t\t    (uint32_t)(uint16_t)m->replies[i].in_min << 16);")],
     ["unit", replies("cached_equal")]),
    ("render/replies.c", [("\tconst struct stats_filter flt = { owner, pg->ws->today - days + 1,",
                           "\tconst struct stats_filter flt = { owner, pg->ws->today - days,")],
     [replies("site_figures")]),

    # ---- the morning digest (issue 38) ----
    # A promise due seven days ahead is this week's; the eighth is not.
    ("core/mail/digest.c", [("\t    s->due <= today + DIGEST_WEEK_DAYS)",
                             "\t    s->due < today + DIGEST_WEEK_DAYS)")],
     ["unit"]),
    # An owner with nothing to do gets nothing (unless --always).
    ("cli/cmd_digest.c", [("if (digest_empty(&dg) && !rn->always) {",
                           "if (digest_empty(&dg) && 0) {")],
     [digest("nothing_to_do")]),
    # The owner's own entries are not news to the owner.
    ("core/mail/digest.c", [("\t\t    strcasecmp(ch->email, dg->owner_email) == 0) {",
                             "\t\t    0) {")],
     ["unit", digest("changes_since")]),
    # What came from mail says so.
    ("core/mail/digest.c", [("\t\t*mail = 1;\n", "\t\t*mail = 0;\n")],
     ["unit", digest("changes_since")]),
    # A sendmail that fails fails the send, and nothing is recorded.
    ("core/mail/mailout.c", [("if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && off == len)",
                              "if (1)")],
     [digest("sendmail_fails")]),
    # Printing records nothing: only a digest sent moves the state.
    ("cli/cmd_digest.c", [("\t\tmailout_mbox(&mbox, msg, len);\n"
                           "\t\tfwrite(mbox.s, 1, mbox.len, stdout);\n"
                           "\t\tgoto out;\n",
                           "\t\tmailout_mbox(&mbox, msg, len);\n"
                           "\t\tfwrite(mbox.s, 1, mbox.len, stdout);\n"
                           "\t\t(void)digest_state_put(rn->state, owner, rn->head, rn->ws->today);\n"
                           "\t\tgoto out;\n")],
     [digest("print_is_an_mbox")]),
    # An mbox quotes a line that would start a message.
    ("core/mail/mailout.c", [("\t\t\tbuf_puts(out, \">\");", "\t\t\t(void)0;")],
     ["unit"]),
    # Changes are what the file has now and had not then.
    ("core/mail/digest.c", [("\t\tif (nold > 0 && bsearch(&key, old, nold, sizeof(*old),",
                             "\t\tif (0 && bsearch(&key, old, nold, sizeof(*old),")],
     ["unit", digest("changes_since")]),

    # ---- hours (SPEC section 10) ----
    ("core/model/hours.c", [("\tif (r >= 50)\n\t\tq++;", "\tif (r > 50)\n\t\tq++;")],
     ["unit"]),
    ("core/model/hours.c", [("\tif (__builtin_mul_overflow(rate, hours, &p))\n\t\treturn -1;",
                             "\tp = (int64_t)((uint64_t)rate * (uint64_t)hours);")],
     ["unit"]),
    ("core/model/hours.c", [("(c->status == STATUS_ACTIVE ||\n\t    c->status == STATUS_LEAD)",
                             "(c->status == STATUS_ACTIVE ||\n\t    c->status == STATUS_PAUSED)")],
     ["unit", hours("reference")]),
    ("core/model/hours.c", [("month_of(c->since) <= mo);", "month_of(c->since) < mo);")],
     ["unit", hours("reference")]),
    ("core/model/hours.c", [("\tif (*overflow & bit)\n\t\t*sum = HOURS_NONE;",
                             "\tif (*overflow & bit)\n\t\treturn;")],
     ["unit"]),
    ("core/model/hours.c", [("\t\treturn (x->owner == NULL) - (y->owner == NULL);",
                             "\t\treturn (y->owner == NULL) - (x->owner == NULL);")],
     ["unit", hours("reference")]),
    ("render/csv.c", [("\treturn *s != '\\0' && strchr(\"=+-@\\t\\r\", *s) != NULL;",
                       "\treturn *s != '\\0' && strchr(\"=+@\\t\\r\", *s) != NULL;")],
     ["unit", hours("no_formula")]),
    ("render/csv.c", [("\t\tif (*p == '\"')\n\t\t\tbuf_putc(b, '\"');", "\t\t(void)0;")],
     ["unit", hours("no_formula")]),
    ("render/csv.c", [("\tbuf_puts(b, \"\\r\\n\");", "\tbuf_puts(b, \"\\n\");")],
     [hours("no_formula", "reference")]),
    ("render/site.c", [("\t\tif (m[i] >= now - SITE_HOUR_MONTHS && m[i] <= now)",
                        "\t\tif (m[i] >= now - SITE_HOUR_MONTHS - 1 && m[i] <= now)")],
     [hours("site_months")]),
    ("render/site.c", [("\t\ts->months[i].prev = i > 0 ? m[i - 1] : MONTH_NONE;",
                        "\t\ts->months[i].prev = MONTH_NONE;")],
     ["site"]),
    # A month's hours page is kept only when made from the same figures.
    ("render/site_note.c", [("\t\tif (r.key != key || r.nlen != rlen ||",
                        "\t\tif (r.nlen != rlen ||")],
     [hours("site_pages_kept")]),
    ("render/site_note.c", [("\t\t\tk = hash64(c->name ? c->name : \"\", c->name ?\n\t\t\t    strlen(c->name) + 1 : 0, k);",
                        "\t\t\tk = hash64(\"\", 0, k);")],
     [hours("site_pages_kept")]),
    # A change that fails midway removes the new texts not yet in place.
    ("core/write/change_steps.c", [("\t\tif (it->tmp != NULL) {\n\t\t\t(void)unlink(it->tmp);",
                                    "\t\tif (it->tmp != NULL) {\n\t\t\t(void)0;")],
     [write("batch_fails_midway")]),
]


# A test command that runs longer than this is stopped and counts as
# having failed: a mutant that makes a suite hang (a loop that no longer
# ends, seen with the mdmem.c mutants) is caught, as CI's time limit
# would catch it, rather than stopping the run.  The slowest command
# named here takes about three minutes on a busy 2-core machine.
TIMEOUT = int(os.environ.get("MUTANT_TIMEOUT", "900"))


def sh(cmd, cwd, env=None, quiet=True, timeout=None):
    """The command's exit status, or None when it ran out of time."""
    out = subprocess.DEVNULL if quiet else None
    p = subprocess.Popen(cmd, shell=True, cwd=cwd, env=env, stdout=out,
                         stderr=out, start_new_session=True)
    try:
        return p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, 9)
        p.wait()
        return None


def copy_tree(dst):
    """The checkout's files (as in the work tree, new ones included)."""
    names = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others",
         "--exclude-standard"], cwd=ROOT, check=True,
        stdout=subprocess.PIPE).stdout.split(b"\0")
    for n in names:
        if not n:
            continue
        n = n.decode()
        src = os.path.join(ROOT, n)
        if not os.path.lexists(src):
            continue
        d = os.path.join(dst, n)
        os.makedirs(os.path.dirname(d), exist_ok=True)
        if os.path.islink(src):
            os.symlink(os.readlink(src), d)
        else:
            shutil.copy2(src, d)


def stale_texts():
    """The mutants whose text is not in their file exactly once."""
    stale = []
    for f, edits, _ in M:
        src = open(os.path.join(ROOT, f)).read()
        stale += ["%s: %s" % (f, old.strip().split("\n")[0][:60])
                  for old, _ in edits if src.count(old) != 1]
    return stale


def main():
    words = sys.argv[1:]
    if words == ["--texts"]:
        stale = stale_texts()
        for s in stale:
            print("ERROR (text not found once)", s)
        print("mutations: %d mutants, %d aim at text no longer there"
              % (len(M), len(stale)))
        return 1 if stale else 0
    tmp = tempfile.mkdtemp(prefix="rapport-mutants.")
    tree = os.path.join(tmp, "tree")
    env = dict(os.environ, FAULT_SO=os.path.join(tree, "build/fault.so"))
    make = "make -s -j2 rapport build/unit-tests build/fault.so"
    caught = missed = errors = 0
    try:
        copy_tree(tree)
        if sh(make, tree, env) != 0:
            print("mutations: the unchanged tree does not build")
            return 2
        for f, edits, tests in M:
            what = "%s: %s" % (f, edits[0][0].strip().split("\n")[0][:60])
            if words and not any(w in f or any(w in e[0] for e in edits)
                                 for w in words):
                continue
            path = os.path.join(tree, f)
            src = open(path).read()
            mutant = src
            stale = [old for old, _ in edits if mutant.count(old) != 1]
            if stale:
                print("ERROR (text not found once)", what)
                errors += 1
                continue
            for old, new in edits:
                mutant = mutant.replace(old, new, 1)
            open(path, "w").write(mutant)
            try:
                if sh(make, tree, env) != 0:
                    print("ERROR (does not compile)", what)
                    errors += 1
                    continue
                by = None
                for t in tests or DEFAULT:
                    st = sh(TESTS.get(t, t), tree, env, timeout=TIMEOUT)
                    if st is None:
                        by = "%s (out of time, %d s)" % (t, TIMEOUT)
                        break
                    if st != 0:
                        by = t
                        break
            finally:
                open(path, "w").write(src)
            if by is None:
                print("MISSED", what)
                missed += 1
            else:
                print("caught by %s: %s" % (by.replace("./rapport ", ""),
                                            what))
                caught += 1
        sh(make, tree, env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("mutations: %d caught, %d missed, %d errors"
          % (caught, missed, errors))
    return 1 if missed or errors else 0


sys.exit(main())
