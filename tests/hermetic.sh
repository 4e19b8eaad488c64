#!/bin/sh
# hermetic.sh: the tests leave the checkout as they found it.
#
#   sh tests/hermetic.sh save FILE    record the state of the checkout
#   sh tests/hermetic.sh check FILE   compare with it; fail on a difference
#
# The state is every file, link and folder of the checkout, .git included,
# by name and content (links by target), except what the build makes:
# build/ and ./rapport.  make test saves it before the first suite and
# checks it after the last, so a test that writes into the project's own
# tree or repository (a cache in .git/rapport, a page beside a fixture)
# fails the run.
set -u
cd "$(dirname "$0")/.." || exit 2

state() {
	find . \( -path ./build -o -path ./rapport \) -prune -o \
	    \( -type d -printf 'd %p\n' \) -o \
	    \( -type l -printf 'l %p -> %l\n' \) -o \
	    \( -type f -printf 'f %p %m\n' \) | LC_ALL=C sort
	find . \( -path ./build -o -path ./rapport \) -prune -o -type f \
	    -print0 | LC_ALL=C sort -z | xargs -0 sha1sum
}

case ${1:-} in
save)
	state >"$2" ;;
check)
	state >"$2.now"
	if cmp -s "$2" "$2.now"; then
		echo "hermetic: the checkout is as it was"
		rm -f "$2.now"
	else
		echo "hermetic: FAIL: the tests changed the checkout:"
		diff "$2" "$2.now" | sed -n 's/^[<>] /  /p' | head -20
		exit 1
	fi ;;
*)
	echo "usage: sh tests/hermetic.sh save|check FILE" >&2
	exit 2 ;;
esac
