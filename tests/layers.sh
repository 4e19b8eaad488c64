#!/bin/sh
# layers.sh: the include rule of the source folders (docs/HACKING.md), by
# grep.  A file may include headers of its own folder and of the folders
# below it; a private header (NAME_int.h) only from its own folder.
#
#   core/base    nothing but base
#   core/model   base
#   core/git     base
#   core/write   base, model, git
#   core/merge   base, model, git
#   core/mail    base, model
#   core/sync    base, model, git, write, merge
#   core/cards   base, model
#   render       core (not sync), render
#   cli          everything
#
# Prints each include that breaks the rule as FILE:LINE: and why; exits 1
# when there is one, else prints a count.  Run from the checkout's top.
set -u
allowed() {
	case $1 in
	core/base) echo "core/base" ;;
	core/model) echo "core/base core/model" ;;
	core/git) echo "core/base core/git" ;;
	core/write) echo "core/base core/model core/git core/write" ;;
	core/merge) echo "core/base core/model core/git core/merge" ;;
	core/mail) echo "core/base core/model core/mail" ;;
	core/sync) echo "core/base core/model core/git core/write core/merge core/sync" ;;
	core/cards) echo "core/base core/model core/cards" ;;
	render) echo "core/base core/model core/git core/write core/merge core/mail render" ;;
	cli) echo "core/base core/model core/git core/write core/merge core/mail core/sync core/cards render cli" ;;
	*) echo "" ;;
	esac
}

# The folder that holds header h, or "" when none of ours does.
home() {
	for d in core/*/ render/ cli/; do
		d=${d%/}
		[ -f "$d/$1" ] && { echo "$d"; return; }
	done
	echo ""
}

bad=0
files=0
incs=0
for f in core/*/*.[ch] render/*.[ch] cli/*.[ch]; do
	[ -f "$f" ] || continue
	files=$((files + 1))
	dir=${f%/*}
	ok=$(allowed "$dir")
	[ -n "$ok" ] || { echo "$f: a folder without a layer: add it to tests/layers.sh"; bad=$((bad + 1)); continue; }
	grep -n '^#include "' "$f" | while IFS=: read -r line rest; do
		h=$(echo "$rest" | sed 's/^#include "\(.*\)".*/\1/')
		at=$(home "$h")
		[ -n "$at" ] || continue	# generated (builtin.h in build/gen) or a test's
		case " $ok " in
		*" $at "*) ;;
		*) echo "$f:$line: includes $at/$h: $dir may include only $ok" ;;
		esac
		case $h in
		*_int.h) [ "$at" = "$dir" ] || echo "$f:$line: includes $at/$h, private to $at" ;;
		esac
	done >"${TMPDIR:-/tmp}/layers.$$"
	n=$(wc -l <"${TMPDIR:-/tmp}/layers.$$")
	cat "${TMPDIR:-/tmp}/layers.$$"
	bad=$((bad + n))
	incs=$((incs + $(grep -c '^#include "' "$f")))
done
rm -f "${TMPDIR:-/tmp}/layers.$$"
if [ "$bad" -gt 0 ]; then
	echo "layers: $bad includes break the rule"
	exit 1
fi
echo "layers: $incs includes of $files files keep the rule"
