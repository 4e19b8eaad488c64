#!/bin/sh
# robust.sh: bad input, hostile names, a read-only folder, a full disk,
# files flushed and replaced whole, signals and three writers at once.
# Every case shows a clear message and that nothing was lost: every file
# the user wrote is byte for byte what it was, git agrees with the work
# tree, no lock, temporary file or staged folder is left behind.
#
#   sh tests/robust.sh ./rapport [CASE...]   (CASE without "t_")
#
# STRESS=N sets the commits each of the concurrent writers makes (default
# 200).  Cases that need root (a tmpfs, another user) are skipped without
# it, and fail under CI=true.  Failed writes, kills at a chosen call and
# flushes are the fault injector's (tests/fault.c, $FAULT_SO).

NAME=robust
. "$(dirname "$0")/harness.sh"
# Another user must reach the cases; a full-disk case may leave a mount.
chmod 755 "$T"
trap 'umount "$T"/*/work/full 2>/dev/null; rm -rf "$T"' EXIT INT TERM

# A checksum of every file under a folder (names and bytes), .git
# excluded; hidden files are included, so a temporary file left behind
# changes the sums.
sums() {
	(cd "$1" && find . -path ./.git -prune -o -type f -print |
	    LC_ALL=C sort | while IFS= read -r f; do
		printf '%s %s\n' "$(cksum <"$f")" "$f"; done)
}

# Leftovers of an interrupted or failed write anywhere under a folder.
leftovers() {
	find "$1" \( -name '.*.??????' -o -name '*.rapport-[0-9]*' -o \
	    -name '*.rapport-old' -o -name rapport.lock -o \
	    -name index.lock \) -print 2>/dev/null
}

no_leftovers() {
	l=$(leftovers "$1")
	[ -z "$l" ] || die "left behind: $l"
}

# ---- bad input: clear messages, nothing lost, never slow -------------

# Writes the nastiest files we know into clients/ of $1.
nasty_files() {
	c=$1/clients
	cp "$SRC"/tests/e2e/encoding/ws/clients/*.md "$c/" 2>/dev/null
	rm -f "$c/outside-link.md"
	cp "$SRC"/tests/e2e/broken/ws/clients/*.md "$c/"
	rm -f "$c/acme.md"
	printf -- '---\nname = Nested\n---\n\n' >"$c/nested.md"
	# 120 KB of nested list items: Debian's cmark 0.30.2 takes 25 s on it.
	/usr/bin/python3 - "$c/nested.md" <<'EOF'
import sys
with open(sys.argv[1], "a") as f:
    for i in range(2000):
        f.write("  " * (i % 60) + "- item %d\n" % i)
    f.write("\n" + "> " * 3000 + "deep quote\n")
    f.write("\n" + "[" * 5000 + "x" + "]" * 5000 + "\n")
    f.write("\n" + "*" * 20000 + "a" + "*" * 20000 + "\n")
EOF
	# One enormous line in the notes, 1 MiB.
	{ printf -- '---\nname = Long Line\n---\n\n'
	  head -c 1048576 /dev/zero | tr '\0' 'x'; echo; } >"$c/enormous.md"
	# Twenty thousand entries.
	{ printf -- '---\nname = Many Entries\n---\n\n'
	  i=0; while [ $i -lt 20000 ]; do
		echo "## 2026-0$((i % 9 + 1))-1$((i % 9)) -> email: note $i"
		i=$((i + 1)); done; } >"$c/many-entries.md"
	# Over the 4 MiB limit.
	{ printf -- '---\nname = Huge\n---\n\n'
	  head -c 5000000 /dev/zero | tr '\0' 'y'; echo; } >"$c/huge.md"
	# A long front-matter value: inih splits it; never an extra key.
	{ printf -- '---\nname = '; head -c 400 /dev/zero | tr '\0' 'n'
	  printf 'health = red\n---\n'; } >"$c/long-value.md"
	# Impossible dates, duplicate keys, conflict markers.
	printf -- '---\nname = Dates\nsince = 2026-02-30\nnext = 2026-02-29\nname = Again\n---\n\n## 2026-04-31 -> call: no such day\n' \
	    >"$c/dates.md"
	printf -- '---\nname = Half\n' >"$c/unclosed-eof.md"
	: >"$c/empty.md"
	head -c 3000 /dev/urandom >"$c/random.md"
	# Names: spaces, Unicode, dots.
	printf -- '---\nname = Space\n---\n' >"$c/with space.md"
	printf -- '---\nname = Unicode\n---\n' >"$c/ünïcödé.md"
	printf -- '---\nname = Dots\n---\n' >"$c/a..b.md"
	printf -- '---\nname = Dots\n---\n' >"$c/...md"
	mkfifo "$c/fifo.md"
	# A link to a file outside the workspace.
	printf -- '---\nname = Outside\n---\n' >"$T/outside.md"
	ln -s "$T/outside.md" "$c/outside.md"
	ln -s /etc/passwd "$c/passwd.md"
}

t_bad_input_nothing_lost() {
	example_repo ws && nasty_files ws && cd ws
	before=$(sums .)
	outside=$(cksum <"$T/outside.md")
	for cmd in check status "status --all" "status --json" "build -o site"; do
		start=$(date +%s)
		# shellcheck disable=SC2086
		timeout 60 "$BIN" --today 2026-11-23 $cmd >"$CASE_DIR/out" \
		    2>"$CASE_DIR/err"
		st=$?
		took=$(($(date +%s) - start))
		[ "$st" -le 2 ] || die "'$cmd' exited $st (killed or crashed)"
		[ "$took" -le "$(limit 15)" ] || die "'$cmd' took ${took}s"
	done
	r check >"$CASE_DIR/out" 2>"$CASE_DIR/err"
	has out "clients/huge.md: error: file is 4.8 MiB, over rapport's limit of 4 MiB"
	has out "clients/random.md: error: binary file"
	has out "clients/dates.md:3:9: error: since: '2026-02-30' does not exist"
	has out "clients/dates.md:4:8: error: next: '2026-02-29' does not exist"
	has out "clients/dates.md:5:1: error: duplicate key 'name'"
	has out "clients/dates.md:8:4: error: entry heading: '2026-04-31' does not exist"
	has out "clients/long-value.md:2:199: error: line is 419 bytes long"
	has out "clients/unclosed-eof.md:1:1: error: front-matter is not closed"
	has out "clients/empty.md:1:1: error: no front-matter"
	has out "clients/with space.md: error: file name 'with space.md' is not a slug"
	has out "clients/ünïcödé.md: error: file name"
	has out "clients/a..b.md: error: file name 'a..b.md' is not a slug"
	has out "clients/fifo.md: error: not a regular file"
	has out "clients/outside.md: error: symbolic link to a file outside the workspace"
	has out "clients/passwd.md: error: symbolic link to a file outside the workspace"
	has out "clients/conflict.md:4:1: error: git conflict marker"
	# The long value never became a key of its own.
	grep -q "long-value.md.*health" "$CASE_DIR/out" &&
	    die "a split line was read as a key"
	# Good and odd files alike were shown, never changed.
	same_sums "$before" "$(sums . | grep -v ' ./site/')"
	[ "$(cksum <"$T/outside.md")" = "$outside" ] || die "outside changed"
	grep -q 'clients/huge.md' site/index.html ||
	    die "the index does not list the broken files"
	# Commands that write refuse a broken file or a link, and change
	# nothing.
	run 2 r log dates --note "Should not land"
	has err "clients/dates.md has errors: fix them first"
	run 2 r log nested --note "Should not land"
	has err "clients/nested.md has errors: fix them first"
	run 2 r log outside --note "Should not land"
	has err "no client matches 'outside'"
	run 2 r log ../../etc/passwd --note "Escape"
	has err "no client matches"
	run 2 r show ../outside
	has err "no client matches '../outside'"
	same_sums "$before" "$(sums . | grep -v ' ./site/')"
	no_leftovers .
	# A good client still takes a note, on top of all this.
	run 0 r log ledgerly --note "Still works"
	[ -z "$(git status --porcelain clients/ledgerly.md)" ] ||
	    die "ledgerly not committed"
}

same_sums() {
	[ "$1" = "$2" ] || {
		echo "$1" >"$T/a"; echo "$2" >"$T/b"
		diff "$T/a" "$T/b" | head -10 >&2
		die "files changed"
	}
}

t_nested_lists_fast() {
	mkdir -p ws/clients && cd ws
	printf -- '---\nname = Nested\n---\n\n' >clients/nested.md
	# Every nesting shape known to make cmark 0.30.2 slow, 120 KB each.
	/usr/bin/python3 - clients/nested.md <<'EOF'
import sys
with open(sys.argv[1], "a") as f:
    s = ""
    while len(s) < 120000:
        for d in range(100):
            s += "  " * d + "- a\n"
    f.write(s + "\n")
    f.write("".join("%s1. b\n" % ("   " * (d % 100)) for d in range(3000)))
EOF
	start=$(date +%s)
	timeout 60 "$BIN" --today 2026-11-23 build -o site >/dev/null 2>&1
	st=$?
	took=$(($(date +%s) - start))
	[ "$st" -le 1 ] || die "build exited $st"
	[ "$took" -le "$(limit 5)" ] || die "build took ${took}s on nested lists"
}

# ---- hostile names reach no page as markup ---------------------------

t_hostile_file_names() {
	cp -R "$SRC/tests/site/hostile" ws && cd ws
	printf -- '---\nname = x\n---\n' >'clients/"><img src=x onerror=alert(1)>.md'
	printf -- '---\nname = y\n---\n' >"clients/<script>alert(1)<\\script>.md"
	printf -- '---\nname = Metric\n[metrics]\ntrack = <b>x</b>\n---\n' \
	    >clients/metric.md
	run 1 r build -o site
	/usr/bin/python3 "$SRC/tests/site_check.py" site >"$CASE_DIR/out" 2>&1 ||
	    { cat "$CASE_DIR/out" >&2; die "site_check found problems"; }
	grep -q '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.md' site/index.html ||
	    die "the hostile file name is not listed, escaped"
	grep -rq --include='*.html' '<img src=x' site && die "raw <img> in a page"
	grep -q '<' site/status.json && die "raw < in status.json"
	grep -qi 'javascript:' site/followups.ics && die "javascript: in the feed"
	true
}

# ---- a folder we may not write, a full disk ---------------------------

# A build as nobody into a site folder that only root may write in.  The
# pages themselves may be written by anyone: a writer that replaces files
# whole needs a new file beside each page and is refused, while one that
# wrote into the pages in place would change them.  Either way the old
# site must stay byte for byte as it was.
t_read_only_output() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to run as another user"
	command -v runuser >/dev/null || skip "needs runuser"
	nbin=$(nobody_bin)
	chmod 755 "$CASE_DIR" "$CASE_DIR/work"
	cp -R "$SRC/example-workspace" ws
	run 0 r -C ws build -o site
	[ -f ws/site/index.html ] || die "the first build made no ws/site"
	chmod -R a+rX ws
	find ws/site -type f -exec chmod 666 {} +
	before=$(sums ws/site)
	printf '\n## 2026-11-22 <- email: Changed\n' >>ws/clients/ledgerly.md
	runuser -u nobody -- "$nbin" --today 2026-11-23 -C ws build -o site \
	    >"$CASE_DIR/out" 2>"$CASE_DIR/err"
	[ $? -eq 2 ] || die "a build into a read-only folder did not fail"
	has err "Permission denied"
	same_sums "$before" "$(sums ws/site)"
	no_leftovers ws
	# A new folder where none may be made: ws is root's.
	runuser -u nobody -- "$nbin" --today 2026-11-23 -C ws build -o new \
	    >"$CASE_DIR/out" 2>"$CASE_DIR/err"
	[ $? -eq 2 ] || die "a build into an unwritable parent did not fail"
	has err "cannot make a folder beside"
	[ -e ws/new ] && die "a folder appeared"
	no_leftovers ws
}

t_full_disk() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to mount a tmpfs"
	mkdir full && mount -t tmpfs -o size=100k tmpfs full ||
	    skip "cannot mount a tmpfs"
	cp -R "$SRC/example-workspace" ws
	# A new site that does not fit: nothing is left of it.
	run 2 r -C ws build -o "$PWD/full/site"
	has err "No space left on device"
	[ -e full/site ] && die "a partial site was left"
	no_leftovers full
	# An old site stays whole when the new one does not fit.
	umount full && mount -t tmpfs -o size=1m tmpfs full
	r -C ws build -o "$PWD/full/site" >/dev/null 2>&1 ||
	    die "the first build did not fit in 1 MiB"
	before=$(sums full/site)
	# All but 16 KiB taken.
	free=$(df -k full | awk 'NR == 2 { print $4 }')
	head -c $(((free - 16) * 1024)) /dev/zero >full/filler
	for f in ws/clients/*.md; do
		printf '\n## 2026-11-22 <- email: Fill the disk %s\n' \
		    "$(head -c 3000 /dev/zero | tr '\0' z)" >>"$f"
	done
	run 2 r -C ws build -o "$PWD/full/site"
	has err "No space left on device"
	same_sums "$before" "$(sums full/site)"
	no_leftovers full
	umount full
	# Standard output that cannot be written is an error too.
	"$BIN" --today 2026-11-23 -C ws status --all >/dev/full 2>"$CASE_DIR/err"
	[ $? -ne 0 ] || die "status to /dev/full succeeded"
	true
}

# ---- flushed to disk, replaced whole -----------------------------------

# in_order LOG RE...: lines of the fault log LOG match each extended
# regular expression RE, in this order (other lines may come between).
in_order() {
	_log=$1
	shift
	awk 'BEGIN { n = ARGC - 2; for (i = 1; i <= n; i++) re[i] = ARGV[i + 1]
		ARGC = 2; k = 1 }
	    k <= n && $0 ~ re[k] { k++ }
	    END { exit k <= n ? 1 : 0 }' "$_log" "$@" || {
		sed 's/^/    /' "$_log" | grep -v ' .*/\.git/objects/' >&2
		die "not flushed in this order: $*"
	}
}

# rf RULES ARGS...: rapport ARGS (day fixed) under the fault injector.
rf() {
	_rules=$1
	shift
	fault_run "$_rules" ${RAPPORT_WRAP:-} "$BIN" --today 2026-11-23 "$@"
}

# Every committing command and the build flush what they write before
# they rename it into place, and the folder after: a crash or a power cut
# leaves the old file or the new one.  git's objects and the branch are
# flushed before the branch moves.  The fault injector logs each flush
# and rename in order.
t_flushed_to_disk() {
	export RAPPORT_FAULT_LOG="$CASE_DIR/flush.log"
	L=$RAPPORT_FAULT_LOG
	git_flushed='^fsync .*/\.git/objects/..$'
	ref_flushed='^fsync .*/\.git/refs/heads/main\.lock$'
	# libgit2 puts a ref in place with link(2), or rename(2) when it may
	# not link.
	ref_moved='^(link|rename) .*/\.git/refs/heads/main\.lock .*/\.git/refs/heads/main$'

	run 0 rf "" init agency
	in_order "$L" '^fsync .*/agency/\.rapport\.ini\.[^/]*$' \
	    '^rename .*/agency/\.rapport\.ini\.[^ ]* .*/agency/rapport\.ini$' \
	    '^fsync .*/agency$'
	in_order "$L" "$git_flushed" "$ref_flushed" "$ref_moved"
	rm "$L"
	cd agency

	run 0 rf "" new Newco
	in_order "$L" '^fsync .*/clients/\.newco\.md\.[^/]*$' \
	    '^rename .*/clients/\.newco\.md\.[^ ]* .*/clients/newco\.md$' \
	    '^fsync .*/agency/clients$'
	in_order "$L" "$git_flushed" "$ref_flushed" "$ref_moved"
	rm "$L"

	run 0 rf "" log newco --in --channel email "Flushed"
	in_order "$L" '^fsync .*/clients/\.newco\.md\.[^/]*$' \
	    '^rename .*/clients/\.newco\.md\.[^ ]* .*/clients/newco\.md$' \
	    '^fsync .*/agency/clients$'
	in_order "$L" "$git_flushed" "$ref_flushed" "$ref_moved"
	rm "$L"

	sed -i 's/^health = green/health = amber/' clients/newco.md
	run 0 rf "" commit -m "newco: amber"
	in_order "$L" "$git_flushed" "$ref_flushed" "$ref_moved"
	rm "$L"

	# A new site: staged, the file system flushed, renamed, the parent
	# flushed.
	run 0 rf "" build -o "$CASE_DIR/work/site"
	in_order "$L" '^syncfs .*/work/site\.rapport-[0-9]+-[0-9]+$' \
	    '^rename .*/work/site\.rapport-[0-9]+-[0-9]+ .*/work/site$' \
	    '^fsync .*/work$'
	rm "$L"
	# An old site: new pages beside the old, flushed, renamed, the
	# folders flushed.
	run 0 r log newco --out --channel call "Changed"
	run 0 rf "" build -o "$CASE_DIR/work/site"
	in_order "$L" '^syncfs .*/work/site' \
	    '^rename .*/site/clients/\.newco\.html\.[^ ]* .*/site/clients/newco\.html$' \
	    '^fsync .*/work/site/clients$'
	in_order "$L" '^syncfs .*/work/site' \
	    '^rename .*/site/\.index\.html\.[^ ]* .*/site/index\.html$' \
	    '^fsync .*/work/site$'
	fsck_clean
}

fsck_clean() {
	git fsck --no-progress >/dev/null 2>&1 || die "git fsck failed"
}

# A big client file, so that writing it takes a while: about 1 MiB of
# notes after its entries.
big_client() {
	/usr/bin/python3 - "$1" <<'EOF'
import sys
with open(sys.argv[1], "a") as f:
    f.write("\n")
    for i in range(12000):
        f.write("Line %05d of the meeting notes, kept for the record.\n" % i)
EOF
}

# Client files are replaced whole: a reader never sees a part of one while
# log rewrites it, and a kill in the middle of writing, or between the
# write and the rename, leaves the old file byte for byte.
t_client_files_replaced_whole() {
	example_repo ws && cd ws
	big_client clients/ledgerly.md
	git commit -qam "ledgerly: the notes" || die "cannot commit"
	cp clients/ledgerly.md "$T/ledgerly.orig"
	# A reader, as fast as it can, while log appends for a few seconds
	# (and at most $(limit 60), should the case fail before it says stop).
	/usr/bin/python3 - clients/ledgerly.md "$T/ledgerly.orig" \
	    "$CASE_DIR/stop" "$(limit 60)" >"$CASE_DIR/reader" 2>&1 <<'EOF' &
import os, sys, time
path, orig, stop = sys.argv[1], open(sys.argv[2], "rb").read(), sys.argv[3]
end = time.time() + int(sys.argv[4])
reads = bad = 0
while not os.path.exists(stop) and time.time() < end:
    with open(path, "rb") as f:
        data = f.read()
    reads += 1
    if not data.startswith(orig) or not data.endswith(b"\n"):
        bad += 1
        if bad == 1:
            print("partial: %d bytes" % len(data))
print("reads %d bad %d" % (reads, bad))
EOF
	reader=$!
	# At least 5 logs are asked for: 7 were seen in 4 seconds under the
	# sanitizers with a core busy, so the time stretches with them.
	end=$(($(date +%s) + $(limit 4)))
	i=0
	while [ "$(date +%s)" -lt "$end" ]; do
		r log ledgerly --note "Note $i" >/dev/null 2>&1 ||
		    die "log $i failed"
		i=$((i + 1))
	done
	touch "$CASE_DIR/stop"
	wait "$reader"
	grep -q "^reads [0-9]* bad 0$" "$CASE_DIR/reader" ||
	    die "the reader saw a partial file: $(cat "$CASE_DIR/reader")"
	[ "$i" -ge 5 ] || die "only $i logs"
	echo "  $i logs, $(sed -n 's/^reads \([0-9]*\).*/\1/p' \
	    "$CASE_DIR/reader") reads, none partial"
	# Killed halfway through writing the file, and just before the
	# rename: the file is as it was, nothing was committed; the next
	# command clears what the kill left.
	for rule in 'write:*/clients/*ledgerly.md*:kill-half' \
	    'rename:*/clients/ledgerly.md:kill'; do
		cp clients/ledgerly.md "$T/ledgerly.now"
		head=$(git rev-parse HEAD)
		run 137 rf "$rule" log ledgerly --note "Killed"
		cmp -s clients/ledgerly.md "$T/ledgerly.now" ||
		    die "$rule: the file changed"
		same "$rule: HEAD" "$(git rev-parse HEAD)" "$head"
		run 0 r log okafor-lindqvist-law --note "After a kill"
		same "$rule: status" "$(git status --porcelain)" ""
		no_leftovers .
	done
	run 137 rf 'write:*/clients/*newco.md*:kill-half' new Newco
	[ -e clients/newco.md ] && die "a half-written new client appeared"
	run 0 r log okafor-lindqvist-law --note "After a kill"
	same "status" "$(git status --porcelain)" ""
	no_leftovers .
	fsck_clean
}

# edit works on a copy: "discard" leaves the file untouched, and a kill
# while an edit is put in place leaves the old file whole, the edited text
# in the copy.
t_edit_replaced_whole() {
	example_repo ws && cd ws
	big_client clients/ledgerly.md
	git commit -qam "ledgerly: the notes" || die "cannot commit"
	cp clients/ledgerly.md "$T/orig"
	head=$(git rev-parse HEAD)
	cat >"$T/ed.sh" <<-'EOF'
	printf '\n## 2026-11-22 -> call: Edited in\n' >>"$1"
	EOF
	EDITOR="sh $T/ed.sh" run 137 rf \
	    'write:*/clients/*ledgerly.md*:kill-half' edit ledgerly
	cmp -s clients/ledgerly.md "$T/orig" ||
	    die "a killed edit left a part: $(wc -c <clients/ledgerly.md) bytes"
	same "HEAD" "$(git rev-parse HEAD)" "$head"
	grep -q "Edited in" .git/rapport/edit/ledgerly.md ||
	    die "the edited text is not kept"
	# The next edit names what the killed one left, and goes ahead.
	EDITOR="sh $T/ed.sh" run 0 r edit ledgerly
	has err "an earlier edit of clients/ledgerly.md was not finished"
	same "status" "$(git status --porcelain)" ""
	same "committed" "$(git show HEAD:clients/ledgerly.md | tail -1)" \
	    "## 2026-11-22 -> call: Edited in"
	rm .git/rapport/edit/ledgerly.md~
	no_leftovers .
	fsck_clean
}

# ---- signals -------------------------------------------------------------

# A build killed with SIGTERM at any moment: interrupted, the old site as
# it was and nothing new; or, when the signal came too late to stop it,
# exit 0 with a site equal to a clean build's.  A TERM that lands before
# the handler is set (delay 0, or a busy machine) ends the process by
# default, silently: also valid, when nothing was written.
t_sigterm_build() {
	/usr/bin/python3 "$SRC/bench/gen.py" --clients 1500 --out ws \
	    --today 2026-11-23 >/dev/null || die "gen.py failed"
	r -C ws build -o "$PWD/old" >/dev/null 2>&1 || die "first build failed"
	printf '\n## 2026-11-22 <- email: Newer\n' >>"$(ls ws/clients/*/*.md | head -1)"
	RAPPORT_NO_CACHE=1 r -C ws build -o "$PWD/ref" >/dev/null 2>&1 ||
	    die "the reference build failed"
	before=$(sums old)
	[ -n "$before" ] || die "no old site"
	killed=0 early=0
	for delay in 0 0.05 0.1 0.2 0.3 0.5 0.8; do
		for out in old new; do
			RAPPORT_JOBS=1 "$BIN" --today 2026-11-23 -C ws build \
			    -o "$PWD/$out" >"$CASE_DIR/out" 2>"$CASE_DIR/err" &
			pid=$!
			sleep "$delay"
			kill -TERM "$pid" 2>/dev/null
			wait "$pid"
			st=$?
			if [ "$st" -ne 0 ]; then
				[ "$st" -eq 143 ] || die "build exited $st"
				if [ -s "$CASE_DIR/err" ]; then
					has err "interrupted (signal 15)"
					killed=$((killed + 1))
				else
					early=$((early + 1))
				fi
				[ "$out" = new ] && [ -e new ] &&
				    die "an interrupted new site appeared"
				[ "$out" = old ] && same_sums "$before" "$(sums old)"
			else
				diff -r ref "$out" >"$CASE_DIR/diff" 2>&1 ||
				    die "a build that finished differs from a clean one: $(head -5 "$CASE_DIR/diff")"
				[ "$out" = old ] && before=$(sums old)
			fi
			no_leftovers .
			rm -rf new
		done
	done
	[ "$killed" -gt 0 ] || die "no build was interrupted (too fast?)"
	echo "  $killed of 14 builds interrupted, $early killed before start-up"
}

# A signal that arrives while the pages that need every client are made
# and put in place (sent by the fault injector at a chosen file) never
# leaves a site with some of them missing or old: either the build stops
# and the site is as it was, or it finishes whole.
t_sigterm_while_finishing() {
	example_repo ws
	r -C ws build -o "$PWD/site" >/dev/null 2>&1 || die "first build failed"
	printf '\n## 2026-11-22 <- email: A question\n' >>ws/clients/ledgerly.md
	RAPPORT_NO_CACHE=1 r -C ws build -o "$PWD/ref" >/dev/null 2>&1 ||
	    die "the reference build failed"
	export RAPPORT_NO_CACHE=1
	for jobs in 1 2; do
		export RAPPORT_JOBS=$jobs
		for at in 'mkstemp:*/old/.index.html.*' \
		    'mkstemp:*/old/.agenda.html.*' \
		    'open:*/new.rapport-*/index.html' \
		    'open:*/new.rapport-*/agenda.html'; do
			cp -R site old
			before=$(sums old)
			case $at in *new.rapport-*) out=new ;; *) out=old ;; esac
			run_status rf "$at:signal=TERM" -C ws build -o "$PWD/$out"
			case $st in
			143)	has err "interrupted (signal 15)"
				[ "$out" = old ] && same_sums "$before" "$(sums old)"
				[ -e new ] && die "$at: an interrupted new site appeared" ;;
			0)	diff -r ref "$out" >"$CASE_DIR/diff" 2>&1 ||
				    die "$at, $jobs jobs: the site differs from a clean build: $(head -5 "$CASE_DIR/diff")" ;;
			*)	die "$at: build exited $st" ;;
			esac
			no_leftovers .
			rm -rf old new
		done
	done
}

t_sigterm_log() {
	example_repo ws && cd ws
	i=0
	while [ $i -lt 40 ]; do
		"$BIN" --today 2026-11-23 log ledgerly --note "Note $i" \
		    >/dev/null 2>&1 &
		pid=$!
		sleep "0.0$((i % 10))"
		kill -TERM "$pid" 2>/dev/null
		wait "$pid"
		# Either the note is committed, or it is nowhere.
		[ -z "$(git status --porcelain)" ] ||
		    die "after kill $i: $(git status --porcelain)"
		[ -e .git/rapport.lock ] && die "lock left after kill $i"
		i=$((i + 1))
	done
	no_leftovers .
	n=$(grep -c '^## 2026-11-23 [0-2][0-9]:[0-5][0-9] Note' clients/ledgerly.md)
	c=$(git log --oneline -- clients/ledgerly.md | grep -c 'Note')
	[ "$n" = "$c" ] || die "$n notes in the file, $c commits"
	git fsck --no-progress >/dev/null 2>&1 || die "git fsck failed"
	echo "  $n of 40 interrupted logs landed whole, the rest not at all"
}

# The same signal sent from inside log's change, by the fault injector, as
# the journal is put in place and as the client file is: held until
# the lock is let go, so that the note is committed whole, and then acted
# on (143).  Unlike the loop above, this does not depend on the timing.
t_sigterm_inside_log() {
	example_repo ws && cd ws
	for at in 'rename:*/rapport/journal' 'rename:*/clients/ledgerly.md'; do
		run 143 fault_run "$at:signal=TERM" "$BIN" --today 2026-11-23 \
		    log ledgerly --note "Held at $at"
		[ -z "$(git status --porcelain)" ] ||
		    die "$at: $(git status --porcelain)"
		[ -e .git/rapport.lock ] && die "$at: the lock was left"
		git show HEAD:clients/ledgerly.md | grep -qF "Held at $at" ||
		    die "$at: the note was not committed"
	done
	no_leftovers .
}

# ---- two writers ---------------------------------------------------------

t_concurrent_writers() {
	example_repo ws && cd ws
	n=${STRESS:-200}
	writer() {
		i=0
		while [ $i -lt "$n" ]; do
			"$BIN" --today 2026-11-23 log "$1" --note "$2 $i" \
			    >/dev/null 2>>"$T/$2.err" || echo "$2 $i" >>"$T/$2.lost"
			i=$((i + 1))
		done
	}
	start=$(git rev-list --count HEAD)
	writer ledgerly first &
	p1=$!
	writer ledgerly second &
	p2=$!
	writer okafor-lindqvist-law third &
	p3=$!
	wait $p1 $p2 $p3
	[ -e "$T/first.lost" ] || [ -e "$T/second.lost" ] ||
	    [ -e "$T/third.lost" ] && {
		cat "$T"/*.err | sort | uniq -c | head >&2
		die "refused: $(cat "$T"/*.lost | wc -l)"
	}
	for who in first second; do
		got=$(grep -c "^## 2026-11-23 [0-2][0-9]:[0-5][0-9] $who " clients/ledgerly.md)
		[ "$got" = "$n" ] || die "$who: $got of $n notes in the file"
	done
	got=$(grep -c "^## 2026-11-23 [0-2][0-9]:[0-5][0-9] third " clients/okafor-lindqvist-law.md)
	[ "$got" = "$n" ] || die "third: $got of $n notes in the file"
	commits=$(($(git rev-list --count HEAD) - start))
	[ "$commits" = $((3 * n)) ] || die "$commits commits, want $((3 * n))"
	[ -z "$(git status --porcelain)" ] || die "work tree differs from HEAD"
	git fsck --no-progress >/dev/null 2>&1 || die "git fsck failed"
	no_leftovers .
	echo "  $((3 * n)) commits from three writers, none lost"
}

# ---- a fresh machine -------------------------------------------------

# A plain `make` where libraries are missing stops before the compiler
# with one line naming the Debian packages and the command; with them all
# present it goes straight on to compile.  The tools are stand-ins:
# pkg-config hides inih and GMime, the compiler and apt-get only note
# that they ran, and id says "not root" (as root with apt-get, make
# would install; never here).  The build goes to the case's folder.
t_make_without_deps() {
	mk=$(command -v make) || skip "no make"
	mkdir bin
	for tool in sh mkdir dirname; do
		ln -s "$(command -v $tool)" bin/$tool || die "no $tool"
	done
	printf '#!/bin/sh\necho 1000\n' >bin/id
	printf '#!/bin/sh\n: >"%s/cc-ran"; exit 1\n' "$PWD" >bin/cc
	printf '#!/bin/sh\n: >"%s/apt-ran"; exit 1\n' "$PWD" >bin/apt-get
	cat >bin/pkg-config <<'EOF2'
#!/bin/sh
# Says only whether modules exist; inih and gmime-3.0 do not.
[ "$1" = --exists ] || exit 1
for m; do case $m in inih|gmime-3.0) exit 1 ;; esac; done
EOF2
	chmod +x bin/id bin/cc bin/apt-get bin/pkg-config
	# A make of its own, not a sub-make of make test's (whose jobserver
	# and level would show in what it says).
	unset MAKEFLAGS MFLAGS MAKELEVEL
	for apt in yes no; do
		[ $apt = no ] && rm bin/apt-get
		PATH=$PWD/bin run_status "$mk" -s -j2 -C "$SRC" B="$PWD/b" \
		    CC=cc PKG_CONFIG="$PWD/bin/pkg-config"
		[ "$st" -ne 0 ] || die "make succeeded without inih and GMime"
		[ -e cc-ran ] && die "make ran the compiler without inih and GMime"
		[ -e apt-ran ] && die "make ran apt-get, not as root"
		grep -v '^make: \*\*\*' "$CASE_DIR/err" >lines
		if [ $apt = yes ]; then
			same "what make said" "$(cat lines)" "rapport: cannot build: missing packages: libinih-dev libgmime-3.0-dev; install them with 'sudo apt-get install libinih-dev libgmime-3.0-dev' (or 'make deps')"
		else
			same "what make said without apt-get" "$(cat lines)" "rapport: cannot build: missing packages: libinih-dev libgmime-3.0-dev (Debian's names); install them with your package manager"
		fi
		[ -e b ] && die "the build was begun: $(ls -R b)"
	done
	# Everything there: one pkg-config call, then the compiler.
	printf '#!/bin/sh\n[ "$1" = --exists ]\n' >bin/pkg-config
	PATH=$PWD/bin run_status "$mk" -s -C "$SRC" B="$PWD/b" CC=cc \
	    PKG_CONFIG="$PWD/bin/pkg-config"
	[ -e cc-ran ] || die "make did not reach the compiler: $(cat "$CASE_DIR/err")"
	grep -q 'missing packages' "$CASE_DIR/err" && die "a missing package was named"
	return 0
}

harness_run "$@"
