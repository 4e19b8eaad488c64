#!/usr/bin/env python3
"""demo.py: the example agency as a git repository with a history.

    demo.py EXAMPLE_WORKSPACE DEST

Makes DEST a git repository whose last commit holds exactly the files of
EXAMPLE_WORKSPACE, reached the way a team would reach it: one commit of
every client as it stood on the first of October, then, day by day, each
later entry of each client committed by the client's owner on the day
the entry is dated, with the message "rapport log" writes.  make demo
builds the site from it, so that each client's page shows a history like
a user's.  Only the standard library; nothing is fetched.
"""
import configparser
import os
import re
import shutil
import subprocess
import sys

START = "2026-10-01"
HEADING = re.compile(r"^## (\d{4}-\d{2}-\d{2})\b(.*)$")


def owners(ini):
    """handle -> (name, email) from rapport.ini's [owner HANDLE] sections."""
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",),
                                   interpolation=None)
    cp.read(ini)
    out = {}
    for sec in cp.sections():
        if sec.startswith("owner "):
            h = sec.split(" ", 1)[1]
            out[h] = (cp[sec].get("name", h), cp[sec].get("email",
                                                          h + "@example"))
    return out


def split(text):
    """The text before the entries dated from START on, and those entries
    (date, heading, block) in file order."""
    lines = text.splitlines(keepends=True)
    cut = len(lines)
    for i, line in enumerate(lines):
        m = HEADING.match(line)
        if m and m.group(1) >= START:
            cut = i
            break
    head = "".join(lines[:cut])
    entries = []
    for i in range(cut, len(lines)):
        m = HEADING.match(lines[i])
        if m:
            entries.append([m.group(1), lines[i][3:].strip(), lines[i]])
        elif entries:
            entries[-1][2] += lines[i]
    return head, entries


def git(dest, *args, env=None):
    subprocess.run(["git", "-C", dest] + list(args), check=True,
                   stdout=subprocess.DEVNULL, env=env)


def main():
    src, dest = sys.argv[1], sys.argv[2]
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("_site"))
    who = owners(os.path.join(dest, "rapport.ini"))
    base = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=dest)
    for k in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        base.pop(k, None)
    git(dest, "init", "-q", "-b", "main", env=base)
    later = []
    for root, _, files in os.walk(os.path.join(dest, "clients")):
        for f in sorted(files):
            if not f.endswith(".md"):
                continue
            path = os.path.join(root, f)
            text = open(path, encoding="utf-8").read()
            head, entries = split(text)
            m = re.search(r"^owner = (\w+)", text, re.M)
            owner = who.get(m.group(1) if m else "", ("Dana Kim",
                                                      "dana@brightline.example"))
            rel = os.path.relpath(path, dest)
            slug = f[:-3]
            open(path, "w", encoding="utf-8").write(head)
            # In file order, whatever the dates say: the file must end
            # as it is.
            day = START
            for n, (date, heading, block) in enumerate(entries):
                day = max(day, date)
                later.append((day, rel, n, slug, heading, block, owner))
    first = dict(base, GIT_AUTHOR_NAME="Dana Kim",
                 GIT_AUTHOR_EMAIL="dana@brightline.example",
                 GIT_AUTHOR_DATE=START + "T09:00:00+00:00")
    first.update(GIT_COMMITTER_NAME=first["GIT_AUTHOR_NAME"],
                 GIT_COMMITTER_EMAIL=first["GIT_AUTHOR_EMAIL"],
                 GIT_COMMITTER_DATE=first["GIT_AUTHOR_DATE"])
    git(dest, "add", "-A", env=first)
    git(dest, "commit", "-q", "-m", "the agency's clients as of " + START,
        env=first)
    # Each entry on its day, by the client's owner, as rapport log would.
    for k, (date, rel, n, slug, heading, block, owner) in enumerate(
            sorted(later, key=lambda e: (e[0], e[1], e[2]))):
        path = os.path.join(dest, rel)
        with open(path, "a", encoding="utf-8") as f:
            f.write(block)
        when = "%sT%02d:%02d:00+00:00" % (date, 9 + k % 8, (7 * k) % 60)
        env = dict(base, GIT_AUTHOR_NAME=owner[0], GIT_AUTHOR_EMAIL=owner[1],
                   GIT_AUTHOR_DATE=when, GIT_COMMITTER_NAME=owner[0],
                   GIT_COMMITTER_EMAIL=owner[1], GIT_COMMITTER_DATE=when)
        git(dest, "add", rel, env=env)
        git(dest, "commit", "-q", "-m", "%s: %s" % (slug, heading), env=env)
    # The history must end where the example workspace is.
    diff = subprocess.run(["diff", "-r", "-x", ".git", "-x", "_site", src,
                           dest], stdout=subprocess.PIPE, text=True)
    if diff.returncode != 0:
        sys.exit("demo.py: the history does not end at the example:\n" +
                 diff.stdout[:2000])
    print("%s: %d commits" % (dest, len(later) + 1))


main()
