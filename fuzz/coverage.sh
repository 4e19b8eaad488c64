#!/bin/sh
# Line and branch coverage of rapport's own code (core/, render/) reached
# by replaying each fuzz target's corpus (BUILD/corpus/TARGET, from
# "make fuzz") through a build instrumented for coverage.
#
#   sh fuzz/coverage.sh BUILD TARGET...
set -u

B=$1
shift
for t in "$@"; do
	if [ ! -d "$B/corpus/$t" ]; then
		echo "fuzz-coverage: $t: no corpus; run 'make fuzz' first"
		continue
	fi
	rm -f "$B/cov/$t.profraw"
	find "$B/corpus/$t" -type f -print0 |
	    LLVM_PROFILE_FILE="$B/cov/$t.profraw" xargs -0 "$B/cov/replay-$t" \
	    >/dev/null
	llvm-profdata merge -sparse "$B/cov/$t.profraw" -o "$B/cov/$t.profdata"
	echo "== $t =="
	llvm-cov report "$B/cov/replay-$t" -instr-profile="$B/cov/$t.profdata" \
	    core render 2>/dev/null | sed -n '1,2p;/^core\|^render/p;/^TOTAL/p' |
	    awk '{ printf "%-22s lines %-7s regions %s\n", $1, $10, $4 }'
done
