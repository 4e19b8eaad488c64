#!/usr/bin/env python3
"""Mutation check: every validation rule has a test that fails without it.

Each mutation below disables one check rule in the source; the unit and
end-to-end tests must then fail.  The source is restored after each one.
Run with `make check-mutations` (it rebuilds once per mutation)."""
import subprocess
import sys

# (file, exact text that enforces a rule, replacement that disables it)
muts = [
 ("core/inifile.c", "if (len > INIFILE_MAX_LINE) {", "if (0) {"),
 ("core/inifile.c", "if (strlen(name) > INIFILE_MAX_SECTION) {", "if (0) {"),
 ("core/inifile.c", "if ((first = seen_find(p, sec, key)) != 0) {", "if (0) {"),
 ("core/inifile.c", "if ((first = seen_find(p, NULL, name)) != 0) {", "if (0) {"),
 ("core/source.c", "if (is_marker(p, len, '<')) {", "if (0) {"),
 ("core/client.c", "if (c->name == NULL)\n", "if (0)\n"),
 ("core/client.c", "if (cfg->nowners > 0 && c->owner != NULL &&", "if (0 && c->owner != NULL &&"),
 ("core/client.c", "if (!tracked(c, c->reports[i].keys[j]))", "if (0)"),
 ("core/client.c", "		if (nmiss > 0)\n", "		if (0)\n"),
 ("core/client.c", "if (g->by_line == 0)", "if (0)"),
 ("core/client.c", "if (g->confidence_line == 0)", "if (0)"),
 ("core/client.c", "if (text_email_ok(v))", "if (1)"),
 ("core/client.c", "if ((i = lookup(e->value, statuses)) < 0)", "if (0)"),
 ("core/client.c", "if ((i = lookup(e->value, healths)) < 0)", "if (0)"),
 ("core/client.c", "if (err == DATE_OK)\n\t\treturn;", "if (1)\n\t\treturn;"),
 ("core/body.c", "if (e.date > p->today) {", "if (0) {"),
 ("core/body.c", "if (ndue == 0 && !cm.done)", "if (0)"),
 ("core/entry.c", "FAIL(i, \"malformed arrow", "if (0) FAIL(i, \"malformed arrow"),
 ("core/workspace.c", "!text_slug_ok(v[i].slug, strlen(v[i].slug))) {", "0) {"),
 ("core/workspace.c", "bad[v[j].index]++;\n\t\t\t\tif (strcmp", "continue;\n\t\t\t\tif (strcmp"),
 ("core/client.c", "if (text_percent(e->value, &g->confidence) == -1) {", "if (0) {"),
 ("core/client.c", "if (text_number(e->value, &v) == -1 || v < 0)", "if (0)"),
 ("core/inifile.c", "if (duration_parse(e->value, strlen(e->value), &dur) == -1 ||\n\t    dur.n < min) {", "if (0) {"),
 ("core/client.c", "near = text_suggest(kind, section_kinds);", "near = NULL;"),
 ("core/inifile.c", "const char *near = text_suggest(e->key, keys);", "const char *near = NULL;"),
]
failed_to_catch = []
for f, old, new in muts:
    src = open(f).read()
    if old not in src:
        print("STALE (text not found):", f, old[:50])
        failed_to_catch.append(old)
        continue
    open(f, 'w').write(src.replace(old, new, 1))
    try:
        b = subprocess.run("make -s rapport build/unit-tests >/dev/null 2>&1 && ./build/unit-tests >/dev/null 2>&1 && sh tests/e2e.sh ./rapport >/dev/null 2>&1", shell=True)
        caught = b.returncode != 0
    finally:
        open(f, 'w').write(src)
    print("caught" if caught else "MISSED", f, old.split("\n")[0][:60])
    if not caught: failed_to_catch.append(old)
subprocess.run("make -s rapport build/unit-tests >/dev/null 2>&1", shell=True)
print(f"mutations: {len(muts) - len(failed_to_catch)} passed, "
      f"{len(failed_to_catch)} failed")
sys.exit(1 if failed_to_catch else 0)
