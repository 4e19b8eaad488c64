#!/usr/bin/env python3
"""Time rapport against the reference tools on the same generated content.

    run.py [--sizes 1000,10000,100000] [--runs 3] [--commits 2000]
           [--rapport ./rapport] [--work build/bench] [--hugo-max N]
           [--mail-max M] [--only build,sync,mail]

For each size, bench/gen.py writes (once, then reused) a workspace whose git
repository has --commits commits, a copy of the same files without git, and
the same clients as a Hugo site.  Every command runs --runs times in this
process tree and the median run is reported: wall time, CPU time (user +
system, children included) and peak resident memory (the largest process).
The ratios compare rapport with the reference measured in the same run, so
machine noise mostly cancels.  Figures only: nothing here fails.

--only runs some groups of rows: build (the references, build, status,
digest, check, log), sync, mail (import-mail of a Maildir that bench/genmail.py
writes, as many messages as clients, at most --mail-max), server (the
hooks and build --rev of a bare repository, and the next day's rebuild;
after build's rows).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEDIR = "/tmp"
TODAY = "2026-11-23"


def measure(cmd, cwd=None, setup=None, runs=3, env=None):
    """Median (wall, cpu, peak MiB) of runs of cmd (a shell string).

    GNU time runs the command: a child forked from this Python process
    would report Python's own memory as its peak."""
    res = []
    out = os.path.join(TIMEDIR, "time.out")
    for i in range(runs):
        if setup:
            setup(i)
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", out,
                            "/bin/sh", "-c", cmd], cwd=cwd, env=env,
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        if p.returncode not in (0, 1):
            sys.exit("bench: '%s' failed (%d):\n%s" % (
                cmd, p.returncode, p.stderr.decode(errors="replace")[-2000:]))
        user, system, rss = open(out).read().split()[-3:]
        res.append((wall, float(user) + float(system), int(rss) / 1024))
    res.sort()
    return res[len(res) // 2]


TRASH = []


def aside(path):
    """Moves path out of the way, to delete after the run: deleting ten
    thousand files just before a build makes ext4 slow to create the next
    ones (it skips recently freed inodes), which would time the file
    system, not the tool."""
    if os.path.lexists(path):
        dest = "%s.old%d" % (path, len(TRASH))
        os.rename(path, dest)
        TRASH.append(dest)


def write_floor(writefloor, src, runs):
    """The median seconds bench/writefloor.c takes to write the files of
    src again (made, written, not flushed): the machine's floor."""
    wf = []
    for i in range(runs):
        dest = "%s.wf%d" % (src, i)
        aside(dest)
        wf.append(float(subprocess.run([writefloor, src, dest], check=True,
                                       capture_output=True,
                                       text=True).stdout))
        aside(dest)
    wf.sort()
    return wf[len(wf) // 2]


def sh(cmd, cwd=None):
    subprocess.run(cmd, shell=True, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL)


def generate(work, n, commits):
    base = os.path.join(work, "%d" % n)
    git, plain, hugo = base + "-git", base + "-plain", base + "-hugo"
    stamp = os.path.join(work, "%d.done" % n)
    gen = os.path.join(HERE, "gen.py")
    want = "%s %d %d\n" % (os.path.getmtime(gen), n, commits)
    if os.path.exists(stamp) and open(stamp).read() == want:
        return git, plain, hugo
    for d in (git, plain, hugo):
        shutil.rmtree(d, ignore_errors=True)
    print("generating %d clients, %d commits..." % (n, commits),
          file=sys.stderr, flush=True)
    subprocess.run([sys.executable, gen, "--clients", str(n), "--out", git,
                    "--hugo", hugo, "--commits", str(commits),
                    "--today", TODAY], check=True)
    subprocess.run([sys.executable, gen, "--clients", str(n), "--out",
                    plain, "--today", TODAY], check=True)
    open(stamp, "w").write(want)
    return git, plain, hugo


def sync_rows(R, git, work, n, runs, row):
    """rapport sync taking 50 new remote commits (one of them on the
    client this clone logged too), against git pull and push of the same
    commits with the rapport merge driver."""
    team = os.path.join(work, "%d-team" % n)
    shutil.rmtree(team, ignore_errors=True)
    os.makedirs(team)
    sh("git clone -q --bare %s remote.git && git clone -q remote.git a && "
       "git clone -q remote.git b" % git, cwd=team)
    a, b = os.path.join(team, "a"), os.path.join(team, "b")
    for d in (a, b):
        sh("git config user.name Bench && git config user.email b@x && "
           "%s init" % R, cwd=d)
    slugs = subprocess.run("find clients -name '*.md' | sort | head -50",
                           shell=True, cwd=a, capture_output=True,
                           text=True).stdout.split()
    for i, f in enumerate(slugs):
        sh("%s log %s --in 'Remote %d'" % (R, os.path.basename(f)[:-3], i),
           cwd=a)
    sh("git push -q origin HEAD", cwd=a)
    sh("%s log %s --out 'Local one'" % (R, os.path.basename(slugs[0])[:-3]),
       cwd=b)
    tip = lambda d: subprocess.run("git rev-parse HEAD", shell=True, cwd=d,
                                   capture_output=True,
                                   text=True).stdout.strip()
    atip, btip = tip(a), tip(b)
    base = subprocess.run("git rev-parse HEAD~1", shell=True, cwd=b,
                          capture_output=True, text=True).stdout.strip()
    branch = subprocess.run("git symbolic-ref --short HEAD", shell=True,
                            cwd=b, capture_output=True,
                            text=True).stdout.strip()

    def reset(_):
        sh("git -C ../remote.git update-ref refs/heads/%s %s && "
           "git reset -q --hard %s && "
           "git update-ref refs/remotes/origin/%s %s" % (
               branch, atip, btip, branch, base), cwd=b)
    gpull = measure("git pull -q --no-rebase --no-edit origin %s && "
                    "git push -q origin HEAD" % branch, cwd=b, setup=reset,
                    runs=runs)
    row("git pull + push (50 remote commits)", gpull)
    sync = measure(R + " sync", cwd=b, setup=reset, runs=runs)
    row("rapport sync (50 remote commits)", sync, gpull, 1.3,
        "x git pull+push")
    shutil.rmtree(team, ignore_errors=True)


def server_rows(R, git, work, n, runs, row, victim, first):
    """The team's server (issue 36): the pre-receive hook on a push of
    one changed client against check in a work tree with one client
    changed; build --rev of each push of one changed client against the
    incremental build in a work tree; the daily rebuild of a published
    site (the day alone changed) against the first build.  Each run
    differs from the one before by one client (or one day), as pushes
    and days do."""
    srv = os.path.join(work, "%d-server.git" % n)
    shutil.rmtree(srv, ignore_errors=True)
    sh("git clone -q --bare %s %s" % (git, srv))
    tip = lambda d, rev: subprocess.run(
        "git rev-parse %s" % rev, shell=True, cwd=d, capture_output=True,
        text=True).stdout.strip()
    old = tip(git, "HEAD")
    # A push of one changed client per run, in order.
    ids = [old]
    for i in range(runs):
        with open(os.path.join(git, victim), "a") as f:
            f.write("\nEdited for the server's benchmark, push %d.\n" % i)
        sh("git -c user.name=Bench -c user.email=b@x commit -qam "
           "'one client, push %d'" % i, cwd=git)
        ids.append(tip(git, "HEAD"))
    branch = subprocess.run("git symbolic-ref HEAD", shell=True, cwd=srv,
                            capture_output=True, text=True).stdout.strip()
    sh("git fetch -q %s HEAD:%s" % (git, branch), cwd=srv)

    def median(cmds, cwd):
        res = [measure(c, cwd=cwd, runs=1) for c in cmds]
        res.sort()
        return res[len(res) // 2]

    # check in a work tree, one client changed each time.
    sh("git checkout -q %s -- %s" % (old, victim), cwd=git)
    measure(R + " check", cwd=git, runs=1)
    res = []
    for i in range(runs):
        sh("git checkout -q %s -- %s" % (ids[i + 1], victim), cwd=git)
        res.append(measure(R + " check", cwd=git, runs=1))
    res.sort()
    ref = res[len(res) // 2]
    row("rapport check (one client changed)", ref)
    hook = "printf '%s %s " + branch + "\\n' | " + R + " hook pre-receive"
    measure(hook % (ids[0], ids[0]), cwd=srv, runs=1)
    pre = median([hook % (ids[i], ids[i + 1]) for i in range(runs)], srv)
    row("rapport hook pre-receive (one changed)", pre, ref, 1.5,
        "x check")
    # The incremental build in a work tree, one client changed each time.
    wout = os.path.join(work, "%d-server-wt" % n)
    sh("git checkout -q %s -- %s" % (old, victim), cwd=git)
    measure(R + " build -o " + wout, cwd=git, runs=1)
    res = []
    for i in range(runs):
        sh("git checkout -q %s -- %s" % (ids[i + 1], victim), cwd=git)
        res.append(measure(R + " build -o " + wout, cwd=git, runs=1))
    res.sort()
    wt = res[len(res) // 2]
    row("rapport build (one changed, work tree)", wt)
    out = os.path.join(work, "%d-server-site" % n)
    aside(out)
    measure(R + " build --rev %s -o %s" % (old, out), cwd=srv, runs=1)
    rev = median([R + " build --rev %s -o %s" % (ids[i + 1], out)
                  for i in range(runs)], srv)
    row("rapport build --rev (one changed)", rev, wt, 1.5,
        "x build in a work tree")
    # The daily rebuild of the published site: both of its builds made
    # on the first day, then one day later each run.
    pub = os.path.join(work, "%d-server-pub" % n)
    aside(pub)
    for slot in "ab":
        aside(os.path.join(work, ".%d-server-pub.rapport-%s" % (n, slot)))
    os.symlink(".%d-server-pub.rapport-a" % n, pub)
    last = ids[-1]
    for _ in range(2):
        measure(R + " build --rev %s -o %s" % (last, pub), cwd=srv, runs=1)
    days = ["2026-11-%02d" % (24 + i) for i in range(runs)]
    nextday = median([R.replace(TODAY, day) + " build --rev %s -o %s" % (
        last, pub) for day in days], srv)
    row("rapport build --rev (the next day)", nextday, first, 0.5,
        "x the first build")
    sh("git reset -q --hard %s" % old, cwd=git)
    shutil.rmtree(srv, ignore_errors=True)


def contacts_rows(R, git, work, n, runs, row):
    """import-contacts of n cards in n / 3 organizations (issue 37)
    against the floor of what it writes: the same files checked out from
    the import's own commit, git add and one commit (flushed, as
    rapport's are)."""
    cards = os.path.join(work, "%d-cards.vcf" % n)
    with open(cards, "w") as f:
        for i in range(n):
            f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\n"
                    "ORG:Imported Org %d\r\nTITLE:Buyer\r\n"
                    "EMAIL:p%d@imported%d.example\r\nTEL:+1 555 %04d\r\n"
                    "END:VCARD\r\n" % (i, i % (n // 3), i, i % (n // 3),
                                         i % 10000))
    base = subprocess.run("git rev-parse HEAD", shell=True, cwd=git,
                          capture_output=True, text=True).stdout.strip()

    def reset(_=None):
        sh("git reset -q --hard %s && git clean -qfd clients" % base, cwd=git)
    owner = "--owner %s" % subprocess.run(
        "sed -n 's/^\\[owner \\(.*\\)\\]$/\\1/p' rapport.ini | head -1",
        shell=True, cwd=git, capture_output=True, text=True).stdout.strip()
    if owner == "--owner ":
        owner = ""
    imp = measure("%s import-contacts %s %s" % (R, owner, cards), cwd=git,
                  setup=reset, runs=runs)
    row("rapport import-contacts (%d cards)" % n, imp)
    done = subprocess.run("git rev-parse HEAD", shell=True, cwd=git,
                          capture_output=True, text=True).stdout.strip()
    fsync = "-c core.fsync=committed -c core.fsyncMethod=fsync"
    floor = measure("git checkout -q %s -- clients && git %s add -A clients "
                    "&& git %s commit -qm floor" % (done, fsync, fsync),
                    cwd=git, setup=reset, runs=runs)
    row("  write the same files + git add + commit", floor)
    row("  import-contacts / that floor", imp, floor, 3.0, "x the floor")
    reset()


def generate_mail(work, n, m):
    """The Maildir of m messages to and from the n clients (genmail.py),
    written once, then reused; and what importing it should give."""
    maildir = os.path.join(work, "%d-mail" % n)
    stamp = maildir + ".done"
    genmail = os.path.join(HERE, "genmail.py")
    want = "%s %s %d %d\n" % (os.path.getmtime(genmail),
                              os.path.getmtime(os.path.join(HERE, "gen.py")),
                              n, m)
    if not (os.path.exists(stamp) and open(stamp).read() == want):
        shutil.rmtree(maildir, ignore_errors=True)
        print("generating %d messages for %d clients..." % (m, n),
              file=sys.stderr, flush=True)
        subprocess.run([sys.executable, genmail, "--clients", str(n),
                        "--messages", str(m), "--out", maildir,
                        "--today", TODAY], check=True)
        open(stamp, "w").write(want)
    return maildir, json.load(open(maildir + ".expect"))


def summary_count(out, word):
    """The number after word at the start of a line of import-mail's
    summary ("read 10000 messages", "imported 8321: ..."), or None."""
    for line in out.splitlines():
        if line.startswith(word + " "):
            return int(line.split()[1].rstrip(":"))
    return None


def mail_rows(R, git, work, n, runs, row, mail_max):
    """rapport import-mail of a Maildir of min(n, mail_max) messages into
    a fresh clone of the workspace (everything committed), and the same
    Maildir imported again (which adds nothing).

    The reference is what git alone needs for the same work: read every
    byte import-mail must read (the message files, and the client files
    that it searches for the marks of messages imported before) through
    `git hash-object --stdin-paths`, which also hashes them; then put the
    very files the import changed in place (copies saved from the import
    itself), flush them (`sync -f`, as rapport flushes its writes), and
    `git add -A && git commit`, objects and refs flushed as rapport's
    are.  It parses no mail and checks no entry: a floor, not a rival.
    The second import is compared with the read alone.

    Before each timed import the clone is reset to its first commit and
    `rapport status` is run (untimed): the cache that a workspace in use
    has.  The messages are capped because generating and reading mail
    for 100,000 clients one message each is ~1 GB; at the cap the row
    shows what the workspace's size costs an import of the same mail.

    The clone shares the pack that gen.py's git fast-import wrote, where
    HEAD's blobs end delta chains of up to 50 (against unrelated blobs);
    after `git repack -adf` (or gc) they are whole, and reading HEAD's
    version of each changed file is cheaper than it is here."""
    m = min(n, mail_max)
    maildir, expect = generate_mail(work, n, m)
    ws = os.path.join(work, "%d-mailws" % n)
    after = os.path.join(work, "%d-mail-after" % n)
    for d in (ws, after):
        aside(d)
    sh("git clone -q %s %s && git -C %s config user.name Bench && "
       "git -C %s config user.email bench@agency.example" % (git, ws, ws,
                                                             ws))
    out = lambda cmd: subprocess.run(cmd, shell=True, cwd=ws,
                                     capture_output=True, text=True)
    base = out("git rev-parse HEAD").stdout.strip()

    def fresh(_=None):
        sh("git reset -q --hard %s" % base, cwd=ws)
        out(R + " status")

    imp = R + " import-mail " + maildir
    # Once untimed: what it imports, and the files it changes.
    fresh()
    first = out(imp)
    if first.returncode != 0:
        sys.exit("bench: '%s' failed:\n%s" % (imp, first.stderr[-2000:]))
    got = summary_count(first.stdout, "imported")
    read = summary_count(first.stdout, "read")
    skipped = [ln for ln in first.stdout.splitlines()
               if ln.startswith("skipped ")]
    print("%7d  import-mail: read %s, imported %s (genmail.py expects %d); "
          "%s" % (n, read, got, expect["imported"],
                  skipped[0] if skipped else "skipped 0"),
          file=sys.stderr, flush=True)
    note = "" if got == expect["imported"] and read == m else \
        "  [imported %s, expected %d]" % (got, expect["imported"])
    changed = out("git diff --name-only %s HEAD" % base).stdout.split()
    for f in changed:
        os.makedirs(os.path.dirname(os.path.join(after, f)), exist_ok=True)
        shutil.copyfile(os.path.join(ws, f), os.path.join(after, f))
    print("%7d  import-mail: %d client files changed, %d MB of mail" % (
          n, len(changed), expect["bytes"] // 1000000), file=sys.stderr,
          flush=True)

    imported = measure(imp, cwd=ws, setup=fresh, runs=runs)
    head = out("git rev-parse HEAD").stdout.strip()
    again_out = out(imp)
    again_note = ""
    if summary_count(again_out.stdout, "imported") != 0 or \
            out("git rev-parse HEAD").stdout.strip() != head:
        again_note = "  [the second import added entries]"
    again = measure(imp, cwd=ws, runs=runs)

    # The references (see above).
    reads = ("{ find %s/new %s/cur -type f; find clients -name '*.md'; } | "
             "git hash-object --stdin-paths >/dev/null" % (maildir, maildir))
    fsync = "-c core.fsync=committed -c core.fsyncMethod=fsync"
    floor = measure("%s && cp -R %s/. . && sync -f . && git %s add -A && "
                    "git %s commit -q -m bench" % (reads, after, fsync,
                                                   fsync),
                    cwd=ws, setup=lambda _: sh("git reset -q --hard %s" %
                                               base, cwd=ws), runs=runs)
    readm = measure(reads, cwd=ws, runs=runs)
    row("read+hash mail, git add+commit", floor)
    row("rapport import-mail (%d msgs)" % m, imported, floor, 3.0,
        "x git floor" + note)
    row("read+hash mail and clients", readm)
    row("rapport import-mail (again)", again, readm, None,
        "x read" + again_note)
    shutil.rmtree(ws, ignore_errors=True)
    shutil.rmtree(after, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--commits", type=int, default=2000)
    ap.add_argument("--rapport", default="./rapport")
    ap.add_argument("--work", default="build/bench")
    ap.add_argument("--hugo-max", type=int, default=10000,
                    help="skip Hugo above this many clients (its memory "
                    "grows ~180 KB a page)")
    ap.add_argument("--mail-max", type=int, default=10000,
                    help="import-mail reads as many messages as there are "
                    "clients, at most this many")
    ap.add_argument("--only", default="build,sync,mail,server,contacts",
                    help="the groups of rows to run: build, sync, mail, "
                    "server and contacts (which need build's)")
    a = ap.parse_args()
    groups = set(a.only.split(","))
    if groups - {"build", "sync", "mail", "server", "contacts"}:
        ap.error("--only takes build, sync, mail, server and contacts")
    rapport = os.path.abspath(a.rapport)
    work = os.path.abspath(a.work)
    os.makedirs(work, exist_ok=True)
    global TIMEDIR
    TIMEDIR = work
    have_hugo = shutil.which("hugo") is not None
    writefloor = os.path.join(work, "writefloor")
    subprocess.run(["cc", "-O2", "-pthread", "-o", writefloor,
                    os.path.join(HERE, "writefloor.c")], check=True)
    table = []

    for n in [int(s) for s in a.sizes.split(",")]:
        git, plain, hugo = generate(work, n, a.commits)
        runs = a.runs if n <= 10000 else 1
        out = os.path.join(work, "%d-site" % n)
        hout = os.path.join(work, "%d-hugo-out" % n)
        files = "find clients -name '*.md' -print0 | sort -z"
        R = "%s --today %s" % (rapport, TODAY)
        cache = os.path.join(git, ".git", "rapport")

        def clean(_=None):
            aside(out)
            shutil.rmtree(cache, ignore_errors=True)

        def row(name, m, ref=None, target=None, note=""):
            table.append((n, name, m, ref, target, note))
            wall, cpu, mem = m
            print("%7d  %-34s %7.3f s %7.3f s %8.1f MiB" % (n, name, wall,
                  cpu, mem), file=sys.stderr, flush=True)

        def rest():
            """The rows after the build group's, and the clean-up."""
            if "sync" in groups and n <= 10000:
                sync_rows(R, git, work, n, runs, row)
            if "mail" in groups:
                mail_rows(R, git, work, n, runs, row, a.mail_max)
            for t in TRASH:
                shutil.rmtree(t, ignore_errors=True)
            del TRASH[:]

        if "build" not in groups:
            rest()
            continue

        # References.
        if have_hugo and n <= a.hugo_max:
            hugo_m = measure("hugo --quiet -d %s" % hout, cwd=hugo,
                             setup=lambda _: aside(hout), runs=runs)
            row("hugo (same content)", hugo_m)
        else:
            hugo_m = None
        floor = measure(files + " | xargs -0 -n 200 -P 2 cmark >/dev/null",
                        cwd=plain, runs=runs)
        row("cmark, 200 files/process, 2 jobs", floor)
        cat = measure(files + " | xargs -0 cat >/dev/null", cwd=plain,
                      runs=runs)
        row("cat (read the files)", cat)
        glog = measure("git log --name-only -- clients >/dev/null", cwd=git,
                       runs=runs)
        row("git log --name-only -- clients", glog)
        hfloor = (floor[0] + glog[0], floor[1] + glog[1], 0)

        # rapport.
        full = measure(R + " build -o " + out, cwd=plain, setup=clean,
                       runs=runs)
        row("rapport build (full, no git)", full, floor, 2.0, "x cmark")
        # The machine's floor for writing the same files (bench/writefloor.c).
        table.append((n, "  write floor (same files, 2 threads)", None,
                      write_floor(writefloor, out, runs), None, " s"))
        if hugo_m:
            table.append((n, "  hugo / rapport full build", None,
                          hugo_m[0] / full[0], 5.0, "x faster (>=)"))
        first = measure(R + " build -o " + out, cwd=git, setup=clean,
                        runs=runs)
        row("rapport build (first, history)", first, hfloor, 1.5,
            "x (cmark + git log)")
        again = measure(R + " build -o " + out, cwd=git, runs=runs)
        row("rapport build (nothing changed)", again, cat, 1.5, "x cat")
        victim = subprocess.run("find clients -name '*.md' | sort | head -1",
                                shell=True, cwd=git, capture_output=True,
                                text=True).stdout.strip()
        k = [0]

        def touch_one(_):
            k[0] += 1
            with open(os.path.join(git, victim), "a") as f:
                f.write("\nEdited for the benchmark, round %d.\n" % k[0])
        one = measure(R + " build -o " + out, cwd=git, setup=touch_one,
                      runs=runs)
        row("rapport build (one client changed)", one, cat, 1.3, "x cat")
        sh("git checkout -q -- .", cwd=git)
        status = measure(R + " status", cwd=git, runs=runs)
        row("rapport status", status, None, 0.3, "s")
        # Reply times from the same cached summaries (issue 38).
        stats = measure(R + " stats", cwd=git, runs=runs)
        row("rapport stats", stats, status, 1.2, "x status")
        hours = measure(R + " hours", cwd=git, runs=runs)
        row("rapport hours", hours, status, 1.2, "x status")
        # The morning digest of every owner, printed (issue 38): the
        # same cached summaries as status, and only the clients with
        # something overdue or due today read whole.
        digest = measure(R + " digest >/dev/null 2>&1", cwd=git, runs=runs)
        row("rapport digest (every owner)", digest, status, 1.5,
            "x status")
        check = measure(R + " check", cwd=git, runs=runs)
        row("rapport check", check, floor, 1.0, "x cmark")
        # The cards of every person into a fresh vdir (issue 37), against
        # writing the same files (bench/writefloor.c).
        vd = os.path.join(work, "%d-vdir" % n)
        exp = measure(R + " export vcard " + vd, cwd=git,
                      setup=lambda _: aside(vd), runs=runs)
        row("rapport export vcard (fresh vdir)", exp,
            (write_floor(writefloor, vd, runs), 0, 0), 2.0,
            "x writing the same files")
        slug = os.path.basename(victim)[:-3]
        # git with its objects and refs flushed, as rapport's are.
        fsync = "-c core.fsync=committed -c core.fsyncMethod=fsync"
        gitc = measure("printf '\\nline %%s\\n' $$ >> %s && git %s add %s "
                       "&& git %s commit -q -m bench" % (victim, fsync, victim,
                                                         fsync), cwd=git,
                       runs=runs)
        row("append + git add + git commit", gitc)
        log = measure(R + " log %s --note 'Benchmark note'" % slug, cwd=git,
                      runs=runs)
        row("rapport log", log, gitc, 1.5, "x git add+commit")
        after = measure(R + " build -o " + out, cwd=git, runs=runs)
        row("rapport build (after new commits)", after, cat, None, "x cat")
        sh("git reset -q --hard HEAD~%d" % (2 * runs), cwd=git)
        if "server" in groups and n <= 10000:
            server_rows(R, git, work, n, runs, row, victim, first)
        if "contacts" in groups and n <= 10000:
            contacts_rows(R, git, work, n, runs, row)
        rest()

    print()
    print("%7s  %-36s %9s %9s %9s  %s" % ("clients", "task", "wall",
          "CPU", "peak", "ratio (target)"))
    for n, name, m, ref, target, note in table:
        if m is None:
            # A figure alone (ref): at most its target, or at least it
            # when the note says ">=".
            missed = target is not None and (
                ref < target if ">=" in note else ref > target)
            print("%7d  %-36s %9s %9s %9s  %.2f%s%s%s" % (
                n, name, "", "", "", ref, note and " " + note.strip(),
                "" if target is None else " (%s)" % target,
                "  MISSED" if missed else ""))
            continue
        wall, cpu, mem = m
        ratio = ""
        if ref is not None:
            r = wall / ref[0]
            ratio = "%.2f %s" % (r, note)
            if target is not None:
                ratio += " (%s %g)%s" % ("<=", target,
                                         "" if r <= target else "  MISSED")
        elif target is not None:
            ratio = "(%s %g %s)%s" % ("<=", target, note,
                                      "" if wall <= target else "  MISSED")
        # Peak memory: 64 MiB a command at 10,000 clients, 128 MiB at
        # 100,000 (issue 39).
        cap = 64 if n <= 10000 else 128
        if name.startswith("rapport") and mem > cap:
            ratio += "  [peak > %d MiB: MISSED]" % cap
        print("%7d  %-36s %7.3f s %7.3f s %5.1f MiB  %s" % (
            n, name, wall, cpu, mem, ratio))


if __name__ == "__main__":
    main()
