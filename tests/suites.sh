#!/bin/sh
# suites.sh [-j N] [-o DIR] LIST...: runs the test suites the LISTs
# name, N at a time (default 2), each with its output in DIR/NAME.log
# (default build/test-logs).  A suite's output is printed whole when it
# ends, with its time, so that suites run side by side never mix their
# lines; at the end a table of every suite's time and result.  Exits 1
# when any failed.
#
# A LIST is a file of lines "NAME COMMAND...", run with sh -c in the
# current folder; blank lines and lines starting with # are skipped.
# Suites start in the order listed, the lists one after the other: put
# the longest first.
set -u
jobs=2
out=build/test-logs
while [ $# -gt 0 ]; do
	case $1 in
	-j) jobs=$2; shift 2 ;;
	-o) out=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -gt 0 ] || set -- ""
for list; do
	[ -f "$list" ] || {
		echo "usage: suites.sh [-j N] [-o DIR] LIST..." >&2
		exit 2
	}
done
mkdir -p "$out" || exit 2
rm -f "$out"/*.log "$out"/*.rc "$out"/*.time

now() { date +%s; }

# finish NAME: prints a suite that ended, its time and its result.
finish() {
	rc=$(cat "$out/$1.rc")
	echo "== $1 ($(cat "$out/$1.time") s$( [ "$rc" = 0 ] || echo ", FAILED: exit $rc"))"
	cat "$out/$1.log"
}

running=""
nrun=0
start=$(now)
# reap: waits until a running suite ends, prints it, drops it from the set.
reap() {
	while :; do
		for n in $running; do
			if [ -f "$out/$n.rc" ]; then
				finish "$n"
				running=$(echo " $running " | sed "s/ $n / /")
				nrun=$((nrun - 1))
				return
			fi
		done
		sleep 0.2
	done
}

names=""
while read -r name cmd; do
	case $name in '' | '#'*) continue ;; esac
	names="$names $name"
	while [ "$nrun" -ge "$jobs" ]; do
		reap
	done
	(
		s=$(now)
		sh -c "$cmd" >"$out/$name.log" 2>&1 </dev/null
		rc=$?
		echo $(($(now) - s)) >"$out/$name.time"
		echo $rc >"$out/$name.rc.tmp"
		mv "$out/$name.rc.tmp" "$out/$name.rc"
	) &
	running="$running $name"
	nrun=$((nrun + 1))
done <<EOF
$(cat "$@")
EOF
while [ "$nrun" -gt 0 ]; do
	reap
done
wait

failed=""
echo
echo "suite                      time  result"
for n in $names; do
	rc=$(cat "$out/$n.rc")
	printf '%-26s %4s s  %s\n' "$n" "$(cat "$out/$n.time")" \
	    "$([ "$rc" = 0 ] && echo ok || echo "FAILED (exit $rc)")"
	[ "$rc" = 0 ] || failed="$failed $n"
done
echo "all: $(($(now) - start)) s with $jobs at a time"
if [ -n "$failed" ]; then
	echo "failed:$failed (their output is above, and in $out/)"
	exit 1
fi
exit 0
