#!/bin/sh
# Runs each fuzz target for a while and reports what it did.
#
#   sh fuzz/run.sh BUILD SECONDS [TARGET...]
#
# BUILD holds the fuzzers (BUILD/fuzz-TARGET), made by "make fuzz".  Each
# target starts from the corpus it kept in BUILD/corpus/TARGET, seeded
# from example-workspace/ and the test fixtures (mail: example-mail/ and
# the messages tests/mailcorpus.py writes), and runs SECONDS seconds
# on one core.  An input that crashes, leaks, trips a sanitizer, takes
# over 10 seconds or over 2 GiB is written to BUILD/findings/TARGET/ and
# fails the run: it then becomes a regression case in tests/fuzz/.  The
# regression cases of tests/fuzz/TARGET/ are replayed first.
set -u

B=$1
T=$2
shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
targets=${*:-client ini tpl page merge mail}
status=0

seed() {
	dir=$B/corpus/$1
	mkdir -p "$dir"
	case $1 in
	client|page)
		find "$ROOT/example-workspace/clients" "$ROOT/tests/e2e" \
		    "$ROOT/tests/site" -name '*.md' -type f ;;
	ini)
		find "$ROOT/example-workspace" "$ROOT/tests/e2e" \
		    "$ROOT/tests/site" -name 'rapport.ini' -type f ;;
	tpl)
		find "$ROOT/templates" -name '*.html' -type f ;;
	merge)
		find "$ROOT/tests/fuzz/merge" -type f ;;
	mail)
		find "$ROOT/example-mail/Maildir/cur" \
		    "$ROOT/example-mail/Maildir/new" -type f
		# Mail as Python's email package writes it, when there is one.
		gen=$B/seed/mail
		rm -rf "$gen"
		if [ -x /usr/bin/python3 ] && /usr/bin/python3 \
		    "$ROOT/tests/mailcorpus.py" "$gen" >/dev/null 2>&1; then
			find "$gen/Maildir/cur" "$gen/Maildir/new" -type f
		fi ;;
	esac | while IFS= read -r f; do
		# Named by content, so seeding twice adds nothing.
		cp "$f" "$dir/seed-$(cksum <"$f" | cut -d' ' -f1)"
	done
}

for t in $targets; do
	seed "$t"
	mkdir -p "$B/findings/$t"
	max=65536
	dict=$t
	[ "$t" = page ] && dict=client
	[ "$t" = merge ] && dict=client
	[ "$t" = ini ] && max=16384
	[ "$t" = tpl ] && max=16384
	[ "$t" = merge ] && max=16384
	if [ -d "$ROOT/tests/fuzz/$t" ] &&
	    ! "$B/fuzz-$t" -runs=0 "$ROOT/tests/fuzz/$t" \
	    >"$B/findings/$t.replay" 2>&1; then
		echo "fuzz: $t: a regression case fails again:"
		tail -30 "$B/findings/$t.replay"
		status=1
		continue
	fi
	"$B/fuzz-$t" -max_total_time="$T" -timeout=10 -rss_limit_mb=2048 \
	    -max_len=$max -dict="$ROOT/fuzz/$dict.dict" -print_final_stats=1 \
	    -artifact_prefix="$B/findings/$t/" "$B/corpus/$t" \
	    >"$B/findings/$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "$B/findings/$t.log")
	cov=$(grep -E '^#[0-9]+' "$B/findings/$t.log" | tail -1 |
	    sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\) corp: \([0-9]*\).*/\1 edges, \2 features, \3 inputs in the corpus/p')
	echo "fuzz: $t: ${runs:-?} executions in ${T}s, ${cov:-?}"
	if [ "$rc" -ne 0 ]; then
		echo "fuzz: $t: FINDING (exit $rc):"
		grep -E 'ERROR|SUMMARY|Test unit written' "$B/findings/$t.log" |
		    head -10
		status=1
	fi
done
exit $status
