#!/bin/sh
# completion.sh: the bash completion (cli/completion.bash), exercised in
# bash as the shell would call it, on a copy of the example workspace: the
# commands and each command's options against what 'rapport help' says,
# client slugs, owners, -C.
#
#   sh tests/completion.sh ./rapport
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rapport-completion.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -R "$src/example-workspace" "$tmp/ws" || exit 2
if ! command -v bash >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		echo "completion: 0 passed, 1 failed, 0 skipped (bash missing)"
		exit 1
	fi
	echo "completion: 0 passed, 0 failed, 1 skipped (bash missing)"
	exit 0
fi

# What completing the words gives (the last word is the one completed),
# one a line, sorted, from the folder $DIR.
cat >"$tmp/complete.bash" <<'EOF'
. "$SRC/cli/completion.bash"
COMP_WORDS=("$@")
COMP_CWORD=$(($# - 1))
COMP_LINE="$*"
_rapport
printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort
EOF
complete() {
	(cd "$DIR" && SRC=$src bash --norc --noprofile "$tmp/complete.bash" "$@")
}

pass=0
fail=0
check() {
	if [ "$2" = "$3" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		printf 'FAIL %s: got\n%s\nexpected\n%s\n' "$1" "$2" "$3"
	fi
}

DIR=$tmp/ws
# The commands are rapport's own, and help.
want=$( (cd "$DIR" && "$bin" help) | sed -n 's/^  \([a-z-]*\).*/\1/p'; echo help)
check "commands" "$(complete rapport '' | grep -v '^-')" \
    "$(printf '%s\n' $want | LC_ALL=C sort)"
check "a command's start" "$(complete rapport st)" "stats
status"
check "after global options" "$(complete rapport --today 2026-11-23 sho)" "show"
# Each command's options are those its help lists.
for c in $want; do
	[ "$c" = help ] && continue
	opts=$( (cd "$DIR" && "$bin" help "$c") | sed -n '/^options:/,/^$/p' |
	    sed -n -e 's/^  \(-[a-z]\), \(--[-a-z]*\).*/\1\n\2/p' -e t \
	    -e 's/^  \(-[-a-z]*\).*/\1/p' | LC_ALL=C sort)
	got=$(complete rapport "$c" - | grep -vx -- '--help\|--today\|-C')
	check "options of $c" "$got" "$opts"
done
# Client slugs, from the workspace's files.
slugs=$(find "$DIR/clients" -name '*.md' | sed 's|.*/||; s|\.md$||' |
    LC_ALL=C sort)
check "clients of log" "$(complete rapport log '')" "$slugs"
check "a client's start" "$(complete rapport show le)" "ledgerly"
check "the client of done, once" "$(complete rapport done ledgerly '')" ""
check "history after -n" "$(complete rapport history -n 3 harb)" "harbor-dental"
# Elsewhere -n is --no-verify: it takes no value.
check "the client of done after -n" "$(complete rapport done -n led)" "ledgerly"
check "done's text after -n CLIENT" "$(complete rapport done -n ledgerly '')" ""
check "clients from -C" "$(DIR=$tmp; complete rapport -C ws edit harb)" \
    "harbor-dental"
# Owners, from rapport.ini.
check "owners" "$(complete rapport status --owner '')" "dana
marco
priya"
check "help's commands" "$(complete rapport help me)" "merge-file"
# issue 36: the hooks, --only's word, --rev's branches, init --shared's
# folders.
check "hook's hooks" "$(complete rapport hook '')" "post-receive
pre-receive"
check "--only's word" "$(complete rapport build --only '')" "share"
(cd "$DIR" && git init -q -b main && git -c user.name=a -c user.email=a@b \
    commit -q --allow-empty -m x && git tag v1) || exit 2
check "--rev's branches and tags" "$(complete rapport build --rev '')" "main
v1"
check "after --rev REV" "$(complete rapport check --rev main --st)" "--strict"
mkdir -p "$tmp/srv.d"
check "--shared's folder" "$(DIR=$tmp; complete rapport init --shared sr)" "srv.d"
# Outside a workspace: no clients, no error.
check "no workspace" "$(DIR=$tmp; complete rapport log '')" ""

echo "completion: $pass passed, $fail failed, 0 skipped"
[ "$fail" -eq 0 ]
