#!/bin/sh
# Caches never change an answer: every build, status and check made with
# the client cache (GITDIR/rapport/clients) and the history cache
# (GITDIR/rapport/history) must equal the one made without them
# (RAPPORT_NO_CACHE=1, a fresh output folder), after the caches are
# deleted, damaged in every way we could think of, or made stale by a
# template, --today, rapport.ini, a client file, a commit or a rewritten
# history.
#
#   sh tests/cache.sh ./rapport
set -u

RAPPORT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; }

export GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=t@example.com
export GIT_AUTHOR_DATE="2026-11-20T10:00:00+00:00"
export GIT_COMMITTER_DATE="2026-11-20T10:00:00+00:00"

W=$T/ws
cp -r "$ROOT/example-workspace" "$W"
# A file with problems, so that replayed messages are compared too.
printf -- '---\nname = Broken\nstatus = sleeping\nsince = 2026-02-30\n---\n\n## 2026-13-01 -> call: x\n' \
    > "$W/clients/broken-co.md"
(cd "$W" && git init -q && git add -A && git commit -q -m start)

TODAY=2026-11-23
run() { (cd "$W" && "$RAPPORT" --today "$TODAY" "$@"); }
fresh() { (cd "$W" && RAPPORT_NO_CACHE=1 "$RAPPORT" --today "$TODAY" "$@"); }

# The reference for the current state: no cache, a fresh folder.
reference() {
	rm -rf "$T/ref"
	fresh build -o "$T/ref" >/dev/null 2>&1
	fresh status >"$T/ref.status" 2>&1
	fresh check >"$T/ref.check" 2>&1
	fresh status --json >"$T/ref.json" 2>&1
}

# Builds into the long-lived output with the caches, then compares the
# site, status, status --json and check with the reference.
same() {
	what=$1
	run build -o "$T/out" >/dev/null 2>&1
	if diff -r "$T/ref" "$T/out" >"$T/diff" 2>&1; then ok; else
		bad "$what: the site differs from a clean build"
		head -20 "$T/diff"
	fi
	for c in status check "status --json"; do
		# shellcheck disable=SC2086
		run $c >"$T/got" 2>&1
		f=$(echo "$c" | sed 's/status --json/json/')
		if cmp -s "$T/ref.$f" "$T/got"; then ok; else
			bad "$what: '$c' differs from a run without the cache"
			diff "$T/ref.$f" "$T/got" | head -10
		fi
	done
}

reference
same "first build"
[ -s "$W/.git/rapport/clients" ] && [ -s "$W/.git/rapport/history" ] && ok ||
    bad "the caches were not written"
same "second build, all from the cache"

# A rebuild with nothing changed writes nothing.
out=$(run build -o "$T/out" 2>&1)
case $out in
*" 0 written,"*) ok ;;
*) bad "a rebuild with nothing changed wrote files: $out" ;;
esac

rm -rf "$W/.git/rapport"
same "caches deleted"

# Damage, every way: empty, truncated, a flipped byte early, in the
# middle and in the checksum, garbage, a folder in the file's place.
damage() {
	f=$W/.git/rapport/$1
	case $2 in
	empty) : >"$f" ;;
	truncate) n=$(wc -c <"$f"); head -c $((n / 2)) "$f" >"$f.t" &&
	    mv "$f.t" "$f" ;;
	flip-early|flip-middle|flip-end)
		n=$(wc -c <"$f")
		case $2 in
		flip-early) at=40 ;;
		flip-middle) at=$((n / 2)) ;;
		flip-end) at=$((n - 3)) ;;
		esac
		/usr/bin/python3 - "$f" "$at" <<'EOF'
import sys
p, at = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read())
b[at] ^= 0x5a
open(p, "wb").write(b)
EOF
		;;
	garbage) head -c 5000 /dev/urandom >"$f" ;;
	folder) rm -f "$f" && mkdir "$f" ;;
	esac
}
for which in clients history; do
	for how in empty truncate flip-early flip-middle flip-end garbage \
	    folder; do
		run build -o "$T/out" >/dev/null 2>&1
		damage "$which" "$how"
		same "$which cache $how"
		rm -rf "$W/.git/rapport/$which"
	done
done

# A letter of a client's name changed in the client cache: every length
# and the file's own hash still agree, so only the checksum of the whole
# cache can refuse it.
run build -o "$T/out" >/dev/null 2>&1
if /usr/bin/python3 - "$W/.git/rapport/clients" <<'EOF'
import struct, sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
at = b.find(struct.pack("=I", 8) + b"Ledgerly")
if at < 0:
    sys.exit("the name is not in the cache")
b[at + 4] = ord("X")
open(p, "wb").write(b)
EOF
then ok; else bad "no name to change in the client cache"; fi
same "client cache: a letter of a name changed"
rm -rf "$W/.git/rapport/clients"

# A cache in an old format, or for another workspace: same as damage.
run build -o "$T/out" >/dev/null 2>&1
grep -qx 'rapport-history [0-9]*' "$W/.git/rapport/history" && ok ||
    bad "the history cache does not start with its magic line"
sed -i '1s/^rapport-history [0-9]*$/rapport-history 0/' \
    "$W/.git/rapport/history"
head -n 1 "$W/.git/rapport/history" | grep -qx 'rapport-history 0' && ok ||
    bad "the history cache's magic line was not changed"
same "history cache of another format"

# Stale caches: a template, --today, rapport.ini, a client, a commit.
mkdir -p "$W/templates"
{ cat "$ROOT/templates/client.html"; echo '<!-- override -->'; } \
    >"$W/templates/client.html"
reference
same "a template changed"
grep -q '<!-- override -->' "$T/out/clients/ledgerly.html" && ok ||
    bad "the changed template did not reach the pages"
# A partial that only the shared pages and every client page use: the
# index, the agenda and the owners' pages are made again.
{ cat "$ROOT/templates/_head.html"; echo '<!-- head override -->'; } \
    >"$W/templates/_head.html"
reference
same "a shared partial (_head.html) changed"
for p in index.html agenda.html owners/marco.html clients/ledgerly.html; do
	grep -q '<!-- head override -->' "$T/out/$p" && ok ||
	    bad "the changed _head.html did not reach $p"
done
rm -rf "$W/templates"
reference
same "the template removed again"

TODAY=2026-12-07
reference
same "--today moved two weeks"
TODAY=2026-11-23
reference
same "--today back"

sed -i 's/^cadence = 14d/cadence = 9d/' "$W/rapport.ini"
reference
same "rapport.ini changed"

printf '\n## 2026-11-22 <- email: New question about the invoice\n' \
    >>"$W/clients/ledgerly.md"
reference
same "a client file changed, not committed"

(cd "$W" && git add -A && git commit -q -m "ledgerly: new question")
reference
same "a new commit (history walked from the cached HEAD)"

(cd "$W" && git reset -q --hard HEAD~1 &&
    printf '\nRewritten.\n' >>clients/harbor-dental.md &&
    git commit -q -am "a different history")
reference
same "history rewritten (cached HEAD no longer an ancestor)"

rm "$T/out/clients/ledgerly.html"
same "a page deleted by hand"
printf 'edited' >"$T/out/clients/harbor-dental.html"
same "a page overwritten by hand"
k=$(sed -n 's/^key = //p' "$W/clients/okafor-lindqvist-law.md")
rm "$T/out/share/$k/index.html"
same "a client's report page deleted by hand"
printf 'edited' >"$T/out/share/$k/share.css"
same "a report page's stylesheet overwritten by hand"
# The pages made from every client are remembered apart (the cache's note).
rm "$T/out/index.html"
same "the index deleted by hand"
printf 'edited' >"$T/out/followups.ics"
same "the calendar feed overwritten by hand"
rm "$T/out/owners/marco.html"
same "an owner's page deleted by hand"
run status >/dev/null 2>&1
rm "$T/out/status.json"
same "status.json deleted after a status run"

mv "$W/clients/archive/bluewater-yoga.md" "$W/clients/bluewater-yoga.md"
(cd "$W" && git add -A && git commit -q -m "move bluewater-yoga")
reference
same "a client moved between folders"

rm "$W/clients/harbor-dental.md"
reference
same "a client removed"

# The rows of the shared pages kept from the last build (GITDIR/rapport/
# rows.0 and rows.1, rowstore.h) are copied only where they would come out
# the same.  A partial that the index and every owner's page include: the
# same section with two roots; and one on the index whose rows look up
# the page's count, a name from outside the row.
if [ -s "$W/.git/rapport/rows.0" ] || [ -s "$W/.git/rapport/rows.1" ]; then
	ok
else
	bad "no rows were kept"
fi
mkdir -p "$W/templates"
# (A workspace replaces the built-in templates; it adds none.)
{ printf '{{#clients}}<a href="{{href}}">{{name}}</a>{{/clients}}\n'
  cat "$ROOT/templates/_foot.html"; } >"$W/templates/_foot.html"
sed 's/{{>_foot.html}}/{{#clients}}{{name}} of {{nclients}}; {{\/clients}}&/' \
    "$ROOT/templates/index.html" >"$W/templates/index.html"
grep -q "of {{nclients}}" "$W/templates/index.html" || bad "no rows counting"
reference
grep -q '</a><a href="../clients/' "$T/ref/owners/marco.html" ||
    bad "the owner's page has no rows from _foot.html"
grep -q "Ledgerly of [0-9]" "$T/ref/index.html" ||
    bad "the index has no rows counting the clients"
same "rows: one partial on the index and the owners' pages"
printf '\n## 2026-11-22 -> call: Rows\n' >>"$W/clients/ledgerly.md"
reference
same "rows: one client changed"
# (Without ledgerly's [share] key: one key on two clients builds nothing.)
sed -e 's/^name = .*/name = Rowan Rows/' -e '/^\[share\]$/d' -e '/^key = /d' \
    "$W/clients/ledgerly.md" >"$W/clients/rowan-rows.md"
reference
same "rows: a client added (every row counts the clients)"
for how in empty truncate flip-early flip-middle flip-end garbage folder; do
	printf '\n## 2026-11-21 -> email: %s\n' "$how" >>"$W/clients/rowan-rows.md"
	run build -o "$T/out" >/dev/null 2>&1
	printf '\nRows %s.\n' "$how" >>"$W/clients/ledgerly.md"
	for f in rows.0 rows.1; do
		[ -e "$W/.git/rapport/$f" ] && damage "$f" "$how"
	done
	reference
	same "rows store $how"
	rm -rf "$W/.git/rapport/rows.0" "$W/.git/rapport/rows.1"
done
# The older file named as the newer, and the newer gone.
for i in 1 2 3; do
	printf '\nRows again, %s.\n' "$i" >>"$W/clients/ledgerly.md"
	run build -o "$T/out" >/dev/null 2>&1
done
[ -s "$W/.git/rapport/rows.0" ] && [ -s "$W/.git/rapport/rows.1" ] ||
    bad "the rows are not kept in two files by turns"
mv "$W/.git/rapport/rows.0" "$W/.git/rapport/rows.swap"
mv "$W/.git/rapport/rows.1" "$W/.git/rapport/rows.0"
mv "$W/.git/rapport/rows.swap" "$W/.git/rapport/rows.1"
printf '\nRows swapped.\n' >>"$W/clients/rowan-rows.md"
reference
same "rows store: the two files swapped"
rm -f "$W/.git/rapport/rows.1"
printf '\nRows halved.\n' >>"$W/clients/rowan-rows.md"
reference
same "rows store: one file gone"

# Stamps: a file whose stamp (device, inode, size, mode, times to the
# nanosecond, the change time too) is as the cache saw it is not read
# again, as git trusts its index; one changed within WS_STAMP_RACY (2)
# seconds is read every time.  Reading is seen through the fault
# injector: every open of a client file fails.
FAULT_SO=${FAULT_SO:-$ROOT/build/fault.so}
blind() {
	(cd "$W" && LD_PRELOAD=$FAULT_SO \
	    RAPPORT_FAULT="read:$W/clients/*:fail=EACCES" \
	    "$RAPPORT" --today "$TODAY" "$@")
}
f=$W/clients/ledgerly.md
# Changed within two seconds: read by every run, its stamp not trusted,
# while the others, old, are not read.
sleep 3
run status >/dev/null 2>&1
printf '\nRacy.\n' >>"$f"
run status >/dev/null 2>&1
blind status >"$T/got" 2>&1
grep -q "clients/ledgerly.md.*cannot open" "$T/got" && ok ||
    { bad "stamps: a file changed within two seconds was not read again"; head "$T/got"; }
[ "$(grep -c 'cannot open' "$T/got")" = 1 ] && ok ||
    { bad "stamps: files other than the changed one were read"; grep "cannot open" "$T/got"; }
# All old: no file read at all.
reference
sleep 3
run status >/dev/null 2>&1
blind status >"$T/got" 2>&1
if cmp -s "$T/ref.status" "$T/got"; then ok; else
	bad "stamps: status read client files whose stamps were unchanged"
	diff "$T/ref.status" "$T/got" | head -10
fi
blind check >"$T/got" 2>&1
cmp -s "$T/ref.check" "$T/got" && ok ||
    bad "stamps: check read client files whose stamps were unchanged"
# The same size and modification time, another text, and no run until
# it is old: the change time tells.
cp -p "$f" "$T/ledgerly.ref"
sed 's/^name = Ledgerly$/name = Ledgerlz/' "$T/ledgerly.ref" >"$f"
[ "$(wc -c <"$f")" = "$(wc -c <"$T/ledgerly.ref")" ] &&
    grep -q '^name = Ledgerlz' "$f" && ok ||
    bad "stamps: the edit is not one of the same size"
touch -r "$T/ledgerly.ref" "$f"
sleep 3
reference
run status --json >"$T/got" 2>&1
if cmp -s "$T/ref.json" "$T/got"; then ok; else
	bad "stamps: a file of the same size and time, another text, unseen"
	diff "$T/ref.json" "$T/got" | head -10
fi
grep -q "Ledgerlz" "$T/got" && ok || bad "stamps: the edit is not seen"
same "stamps: a file of the same size and time, another text"
blind status --json >"$T/got" 2>&1
if cmp -s "$T/ref.json" "$T/got"; then ok; else
	bad "stamps: the changed file, old now, was not known by its stamp"
	diff "$T/ref.json" "$T/got" | head -10
fi

echo "cache: $pass passed, $fail failed, 0 skipped"
[ "$fail" -eq 0 ]
