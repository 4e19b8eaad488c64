#!/bin/sh
# robust.sh: bad input, hostile names, a read-only folder, a full disk,
# signals and two writers at once.  Every case shows a clear message and
# that nothing was lost: every file the user wrote is byte for byte what
# it was, git agrees with the work tree, no lock, temporary file or staged
# folder is left behind.
#
#   sh tests/robust.sh ./rapport [CASE...]   (CASE without "t_")
#
# STRESS=N sets the commits each of the two concurrent writers makes
# (default 200).  Cases that need root (a tmpfs, another user) say SKIP
# when run without it.

NAME=robust
. "$(dirname "$0")/harness.sh"
# Another user must reach the cases; a full-disk case may leave a mount.
chmod 755 "$T"
trap 'umount "$T"/*/work/full 2>/dev/null; rm -rf "$T"' EXIT INT TERM

# A checksum of every file under a folder (names and bytes), hidden ones
# and .git excluded.
sums() {
	(cd "$1" && find . -path ./.git -prune -o -type f -print |
	    LC_ALL=C sort | while IFS= read -r f; do
		printf '%s %s\n' "$(cksum <"$f")" "$f"; done)
}

# Leftovers of an interrupted or failed write anywhere under a folder.
leftovers() {
	find "$1" \( -name '.*.??????' -o -name '*.rapport-*' -o \
	    -name rapport.lock -o -name index.lock \) -print 2>/dev/null
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
		[ "$took" -le 15 ] || die "'$cmd' took ${took}s"
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
	run 2 r log outside --note "Should not land"
	has err "no client matches 'outside'"
	run 2 r log ../../etc/passwd --note "Escape"
	has err "no client matches"
	run 2 r show ../outside
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
	[ "$took" -le 5 ] || die "build took ${took}s on nested lists"
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

t_read_only_output() {
	if [ "$(id -u)" -ne 0 ] || ! command -v runuser >/dev/null; then
		echo "  SKIP: needs root to run as another user"; return 0
	fi
	chmod 755 "$CASE_DIR" "$CASE_DIR/work"
	cp -R "$SRC/example-workspace" ws
	r -C ws build -o site >/dev/null 2>&1
	chmod -R a+rX ws site
	before=$(sums site)
	printf '\n## 2026-11-22 <- email: Changed\n' >>ws/clients/ledgerly.md
	runuser -u nobody -- "$BIN" --today 2026-11-23 -C ws build -o site \
	    >"$CASE_DIR/out" 2>"$CASE_DIR/err"
	[ $? -eq 2 ] || die "a build into a read-only folder did not fail"
	has err "Permission denied"
	same_sums "$before" "$(sums site)"
	no_leftovers site
	# A new folder where none may be made.
	runuser -u nobody -- "$BIN" --today 2026-11-23 -C ws build -o new \
	    >"$CASE_DIR/out" 2>"$CASE_DIR/err"
	[ $? -eq 2 ] || die "a build into an unwritable parent did not fail"
	has err "cannot make a folder beside"
	[ -e new ] && die "a folder appeared"
	true
}

t_full_disk() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "  SKIP: needs root to mount a tmpfs"; return 0
	fi
	mkdir full && mount -t tmpfs -o size=100k tmpfs full ||
	    { echo "  SKIP: cannot mount a tmpfs"; return 0; }
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

# ---- signals -------------------------------------------------------------

t_sigterm_build() {
	/usr/bin/python3 "$SRC/bench/gen.py" --clients 1500 --out ws \
	    --today 2026-11-23 >/dev/null || die "gen.py failed"
	r -C ws build -o "$PWD/old" >/dev/null 2>&1 || die "first build failed"
	printf '\n## 2026-11-22 <- email: Newer\n' >>"$(ls ws/clients/*/*.md | head -1)"
	before=$(sums old)
	[ -n "$before" ] || die "no old site"
	killed=0
	for delay in 0.05 0.1 0.2 0.3 0.5 0.8; do
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
				has err "interrupted (signal 15)"
				killed=$((killed + 1))
				[ "$out" = new ] && [ -e new ] &&
				    die "an interrupted new site appeared"
				[ "$out" = old ] && same_sums "$before" "$(sums old)"
			fi
			no_leftovers .
			rm -rf new
		done
	done
	[ "$killed" -gt 0 ] || die "no build was interrupted (too fast?)"
	echo "  $killed of 12 builds interrupted"
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
	n=$(grep -c '^## 2026-11-23 Note' clients/ledgerly.md)
	c=$(git log --oneline -- clients/ledgerly.md | grep -c 'Note')
	[ "$n" = "$c" ] || die "$n notes in the file, $c commits"
	git fsck --no-progress >/dev/null 2>&1 || die "git fsck failed"
	echo "  $n of 40 interrupted logs landed whole, the rest not at all"
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
		got=$(grep -c "^## 2026-11-23 $who " clients/ledgerly.md)
		[ "$got" = "$n" ] || die "$who: $got of $n notes in the file"
	done
	got=$(grep -c "^## 2026-11-23 third " clients/okafor-lindqvist-law.md)
	[ "$got" = "$n" ] || die "third: $got of $n notes in the file"
	commits=$(($(git rev-list --count HEAD) - start))
	[ "$commits" = $((3 * n)) ] || die "$commits commits, want $((3 * n))"
	[ -z "$(git status --porcelain)" ] || die "work tree differs from HEAD"
	git fsck --no-progress >/dev/null 2>&1 || die "git fsck failed"
	no_leftovers .
	echo "  $((3 * n)) commits from three writers, none lost"
}

harness_run "$@"
