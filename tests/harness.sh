# harness.sh: what tests/git.sh and tests/robust.sh share, sourced by both
# after they set NAME (their name in the summary line):
#
#	NAME=git; . "$(dirname "$0")/harness.sh"   (with $1 the binary)
#
# It sets BIN, SRC and T (a temporary folder, removed on exit), a HOME of
# its own whose .gitconfig names the user, and an environment that no
# setting of the caller's leaks into; the helpers below; and harness_run,
# which runs the t_NAME cases (all, or those named without "t_") each in
# its own CASE_DIR/work, prints why a case failed or was skipped, and ends
# with the line "NAME: N passed, N failed, N skipped".
#
# A case that cannot run here (no root, no tool) calls skip WHY.  Under
# CI=true, where every tool is installed and the tests run as root, a skip
# is a failure.  TIME_SCALE (default 1; the sanitizer runs set 4) stretches
# every time limit: a case writes $(limit 15), never a bare 15.

set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
SRC=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/rapport-$NAME.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

export HOME="$T/home"
export TZ=UTC
export GIT_CONFIG_NOSYSTEM=1
export LC_ALL=C
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE \
    GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_COMMITTER_DATE EMAIL \
    VISUAL EDITOR RAPPORT_TODAY NO_COLOR GIT_DIR GIT_WORK_TREE
mkdir -p "$HOME"
git config --global user.name "Dana Kim"
git config --global user.email dana@brightline.example
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# The fault injector (tests/fault.c), preloaded by fault_run; make test
# builds it and says where.  The sanitizer runtime must then not insist on
# coming first among the libraries.
FAULT_SO=${FAULT_SO:-$SRC/build/fault.so}
case ${ASAN_OPTIONS:-} in
*verify_asan_link_order*) ;;
*) export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" ;;
esac

# rapport with the day fixed.
r() {
	${RAPPORT_WRAP:-} "$BIN" --today 2026-11-23 "$@"
}

die() {
	echo "  $*" >&2
	exit 1
}

# skip WHY: this case cannot run here; see the top of this file.
skip() {
	echo "$*" >"$CASE_DIR/skipped"
	exit 77
}

# limit SECONDS: a time limit, stretched by TIME_SCALE.
limit() {
	echo $(($1 * ${TIME_SCALE:-1}))
}

# fault_run RULES CMD...: CMD with the fault injector preloaded and
# RAPPORT_FAULT=RULES (tests/fault.c says what a rule is).
fault_run() {
	[ -f "$FAULT_SO" ] || die "no fault injector at $FAULT_SO (make $FAULT_SO)"
	_rules=$1
	shift
	LD_PRELOAD=$FAULT_SO RAPPORT_FAULT=$_rules "$@"
}

# nobody_bin: a copy of the binary that the user nobody may run, wherever
# the checkout is (a fresh mktemp -d is root's alone); prints its path.
nobody_bin() {
	if [ ! -x "$T/bin/rapport" ]; then
		mkdir -p "$T/bin" && cp "$BIN" "$T/bin/rapport" &&
		    chmod 755 "$T" "$T/bin" "$T/bin/rapport" ||
		    die "cannot copy the binary for nobody"
	fi
	echo "$T/bin/rapport"
}

# run STATUS CMD...: runs CMD, keeps its output in out/err, checks status.
run() {
	want=$1
	shift
	"$@" >"$CASE_DIR/out" 2>"$CASE_DIR/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "  stdout:" >&2; sed 's/^/    /' "$CASE_DIR/out" >&2
		echo "  stderr:" >&2; sed 's/^/    /' "$CASE_DIR/err" >&2
		die "'$*' exited $got, expected $want"
	fi
}

# run_status CMD...: runs CMD, keeps its output in out/err, its status in st.
run_status() {
	"$@" >"$CASE_DIR/out" 2>"$CASE_DIR/err"
	st=$?
}

# same WHAT ACTUAL EXPECTED
same() {
	[ "$2" = "$3" ] || die "$1: got
$2
expected
$3"
}

# has FILE TEXT: FILE (out or err of the last run) contains TEXT.
has() {
	grep -qF -- "$2" "$CASE_DIR/$1" || {
		sed 's/^/    /' "$CASE_DIR/$1" >&2
		die "$1 lacks: $2"
	}
}

# A repository holding the example agency, committed by the git program.
example_repo() {
	mkdir -p "$1"
	cp -R "$SRC/example-workspace/." "$1/"
	(cd "$1" && git init -q && git add -A &&
	    git commit -qm "the example agency") || die "cannot make $1"
}

# harness_run [CASE...]: runs the cases of the sourcing script.
harness_run() {
	pass=0
	failed=0
	skipped=0
	failures=
	cases=$(sed -n 's/^\(t_[a-z0-9_]*\)() {$/\1/p' "$0")
	[ $# -gt 0 ] && cases=$(for c in "$@"; do echo "t_$c"; done)
	# SKIP_CASES: cases another run of the suite takes (suites-*.list).
	for c in ${SKIP_CASES:-}; do
		cases=$(echo "$cases" | grep -vx "t_$c")
	done
	for c in $cases; do
		CASE_DIR="$T/$c"
		mkdir -p "$CASE_DIR/work"
		cp "$HOME/.gitconfig" "$T/gitconfig.saved"
		(cd "$CASE_DIR/work" && "$c") 2>"$CASE_DIR/why"
		st=$?
		if [ "$st" -eq 0 ]; then
			pass=$((pass + 1))
		elif [ "$st" -eq 77 ] && [ -f "$CASE_DIR/skipped" ] &&
		    [ "${CI:-}" != true ]; then
			skipped=$((skipped + 1))
			echo "SKIP ${c#t_}: $(cat "$CASE_DIR/skipped")"
		else
			failed=$((failed + 1))
			failures="$failures ${c#t_}"
			echo "FAIL ${c#t_}"
			[ -f "$CASE_DIR/skipped" ] && echo "  skipped under" \
			    "CI=true: $(cat "$CASE_DIR/skipped")"
			sed 's/^/  /' "$CASE_DIR/why"
		fi
		cp "$T/gitconfig.saved" "$HOME/.gitconfig"
	done
	echo "$NAME: $pass passed, $failed failed, $skipped skipped${failures:+ (}${failures# }${failures:+)}"
	[ "$failed" -eq 0 ]
}
