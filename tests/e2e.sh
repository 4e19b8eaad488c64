#!/bin/sh
# End-to-end golden tests: runs the rapport binary given as $1 on the
# fixture workspaces under tests/e2e/ and compares what it prints.
#
# Each case is a folder tests/e2e/CASE/ holding a workspace (usually ws/)
# and, for each run, NAME.cmd (the arguments, shell-quoted, run from the
# case folder), NAME.out (expected standard output), NAME.err (expected
# standard error; absent means empty) and NAME.status (exit status; absent
# means 0).  RAPPORT_WRAP, when set, prefixes the command (valgrind).
# Set UPDATE=1 to rewrite the expected files from the actual output.
#
# The commands run in a copy of tests/e2e/ and example-workspace/ (links
# between them kept), outside any git repository: nothing they write, a
# cache say, reaches the project's tree or its .git.  The colour checks
# need script(1); without it they are skipped, and under CI=true fail.
set -u

bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rapport-e2e.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skipped=0
mkdir -p "$tmp/src/tests"
cp -R "$here/e2e" "$tmp/src/tests/" &&
    cp -R "$here/../example-workspace" "$tmp/src/" || exit 2
export GIT_CEILING_DIRECTORIES=$tmp

for cmd in "$here"/e2e/*/*.cmd; do
	dir=$(dirname "$cmd")
	name=$(basename "$cmd" .cmd)
	case=$(basename "$dir")/$name
	want_status=0
	[ -f "$dir/$name.status" ] && want_status=$(cat "$dir/$name.status")
	(
		cd "$tmp/src/tests/e2e/$(basename "$dir")" || exit 99
		eval "set -- $(cat "$cmd")"
		unset NO_COLOR RAPPORT_TODAY
		exec ${RAPPORT_WRAP:-} "$bin" "$@"
	) >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "${UPDATE:-}" = 1 ]; then
		cp "$tmp/out" "$dir/$name.out"
		if [ -s "$tmp/err" ]; then cp "$tmp/err" "$dir/$name.err"
		else rm -f "$dir/$name.err"; fi
		if [ "$status" -ne 0 ]; then echo "$status" >"$dir/$name.status"
		else rm -f "$dir/$name.status"; fi
		want_status=$status
	fi
	want_err=$dir/$name.err
	if [ ! -f "$want_err" ]; then
		want_err=$tmp/empty
		: >"$want_err"
	fi
	ok=1
	if ! diff -u "$dir/$name.out" "$tmp/out" >"$tmp/diff" 2>&1; then
		ok=0
	elif ! diff -u "$want_err" "$tmp/err" >"$tmp/diff" 2>&1; then
		ok=0
	elif [ "$status" -ne "$want_status" ]; then
		echo "exit status $status, want $want_status" >"$tmp/diff"
		ok=0
	fi
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $case"
		sed 's/^/    /' "$tmp/diff"
	fi
done
# Colour: on a terminal (script(1) gives a pseudo-terminal), never with
# NO_COLOR, never into a pipe.
tty_run() {
	script -qec "$*" /dev/null </dev/null 2>/dev/null | tr -d '\r'
}
esc=$(printf '\033')
for case in "example status" "broken check"; do
	set -- $case
	if ! command -v script >/dev/null 2>&1; then
		if [ "${CI:-}" = true ]; then
			fail=$((fail + 1))
			echo "FAIL: colour: script(1) is missing under CI=true"
		else
			skipped=$((skipped + 1))
			echo "SKIP: colour: needs script(1)"
		fi
		continue
	fi
	run="cd '$tmp/src/tests/e2e/$1/ws' && \$NC '$bin' --today 2026-11-23 $2"
	if tty_run "NC=; $run" | grep -q "$esc\\[[0-9;]*m" &&
	    ! tty_run "NC='env NO_COLOR=1'; $run" | grep -q "$esc" &&
	    ! sh -c "NC=; $run" 2>&1 | grep -q "$esc"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: colour only on a terminal without NO_COLOR: $2"
	fi
done

# On a terminal check shows each problem's line and a caret under the
# column (tests/e2e/broken/check.tty); into a pipe, check.out has none.
if command -v script >/dev/null 2>&1; then
	tty_run "cd '$tmp/src/tests/e2e/broken/ws' && NO_COLOR=1 '$bin' \
	    --today 2026-11-23 check" >"$tmp/tty"
	[ "${UPDATE:-}" = 1 ] && cp "$tmp/tty" "$here/e2e/broken/check.tty"
	if diff -u "$here/e2e/broken/check.tty" "$tmp/tty" >"$tmp/diff" &&
	    ! grep -q '^ *[0-9]* | ' "$here/e2e/broken/check.out"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: check's excerpts on a terminal"
		sed 's/^/    /' "$tmp/diff"
	fi
elif [ "${CI:-}" = true ]; then
	fail=$((fail + 1))
	echo "FAIL: excerpts: script(1) is missing under CI=true"
else
	skipped=$((skipped + 1))
	echo "SKIP: excerpts: needs script(1)"
fi

echo "e2e: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
