#!/bin/sh
# man.sh: the man pages: mandoc's lint (warnings fail) on rapport(1) and
# rapport(5), and the examples of rapport(5), a client file and a
# rapport.ini, checked by rapport itself: what the page shows is valid.
#
#   sh tests/man.sh ./rapport
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rapport-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if ! command -v mandoc >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		echo "man: 0 passed, 1 failed, 0 skipped (mandoc missing)"
		exit 1
	fi
	echo "man: 0 passed, 0 failed, 1 skipped (mandoc missing)"
	exit 0
fi
pass=0
fail=0
for page in rapport.1 rapport.5; do
	if mandoc -T lint -W warning "$src/docs/$page"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: mandoc -T lint $page"
	fi
done
# The literal blocks of EXAMPLES in rapport(5): the client file first,
# then rapport.ini.
mkdir -p "$tmp/ws/clients"
awk -v dir="$tmp/ws" '
	/^\.Sh EXAMPLES/ { on = 1; next }
	/^\.Sh / { on = 0 }
	on && /^\.Bd -literal/ { n++; lit = 1; next }
	on && /^\.Ed/ { lit = 0; next }
	lit { print > (n == 1 ? dir "/clients/acme-widgets.md" : dir "/rapport.ini") }
' "$src/docs/rapport.5"
if [ -s "$tmp/ws/clients/acme-widgets.md" ] && [ -s "$tmp/ws/rapport.ini" ] &&
    (cd "$tmp/ws" && "$bin" --today 2026-11-23 check --strict \
    >"$tmp/out" 2>&1); then
	pass=$((pass + 1))
else
	fail=$((fail + 1))
	echo "FAIL: the examples of rapport(5) do not check clean:"
	sed 's/^/    /' "$tmp/out" 2>/dev/null
fi
echo "man: $pass passed, $fail failed, 0 skipped"
[ "$fail" -eq 0 ]
