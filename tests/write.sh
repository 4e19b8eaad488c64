#!/bin/sh
# write.sh: the write path (core/write/change.c) next to the git program.  A
# committing command commits exactly its own change: not the hand edits in
# the same file, never a git-ignored file or one rapport does not read; it
# never undoes a concurrent "git add", never leaves git's index behind its
# branch, never overwrites a log made while an editor was open, reports a
# commit only once it is in the repository, and a kill -9 at any moment
# leaves the change whole or absent once the next command has run.
#
#   sh tests/write.sh ./rapport [CASE...]   (CASE without "t_")
#
# Kills and faults at chosen calls are the fault injector's (tests/fault.c,
# $FAULT_SO).  KILLS=N sets the random kills (default 100); KILL_STEP=N
# kills at every Nth call only (default 1: at every one), from call
# KILL_FIRST (default 1): two runs with KILL_STEP=2 and KILL_FIRST 1 and 2
# try every call between them, side by side (tests/suites-*.list).

NAME=write
. "$(dirname "$0")/harness.sh"
chmod 755 "$T"
trap 'umount "$T"/*/work/full 2>/dev/null; rm -rf "$T"' EXIT INT TERM

# rf RULES ARGS...: rapport ARGS (day fixed) under the fault injector.
rf() {
	_rules=$1
	shift
	fault_run "$_rules" ${RAPPORT_WRAP:-} "$BIN" --today 2026-11-23 "$@"
}

fsck() {
	git fsck --strict --no-dangling >"$CASE_DIR/fsck" 2>&1 ||
	    die "git fsck: $(cat "$CASE_DIR/fsck")"
}

# What a failed or killed write may leave, once the next command has run.
leftovers() {
	find . \( -name '.*.??????' -o -name '*.rapport-old' -o \
	    -name index.lock -o -path './.git/rapport/journal' -o \
	    -path './.git/rapport/index-lock' -o \
	    -path './.git/rapport/index.new' \) -print
}

no_leftovers() {
	l=$(leftovers)
	[ -z "$l" ] || die "left behind: $l"
}

# The lines a commit added or removed, without the diff's own lines.
changed_lines() {
	git show --format= "$1" -- "$2" | grep '^[-+][^-+]'
}

# ---- 1. hand edits stay where they are ------------------------------

t_log_leaves_hand_edits() {
	example_repo ws && cd ws
	f=clients/ledgerly.md
	sed -i 's/^tags = .*/tags = retainer, vip/' "$f"
	edit=$(git diff -- "$f")
	[ -n "$edit" ] || die "no hand edit made"
	# A second between the file and the index: git then trusts the
	# index's record of the file, so that record must not say unchanged.
	run 0 rf "open:*/rapport/index.new.lock:sleep=1100" \
	    log ledgerly --out --channel email --time 16:45 "Sent December plan"
	same "the commit" "$(changed_lines HEAD "$f")" \
	    "+## 2026-11-23 16:45 -> email: Sent December plan"
	git show HEAD:"$f" | grep -q "^tags = retainer, vip" &&
	    die "the hand edit was committed"
	same "still a hand edit" "$(git diff -- "$f" | grep '^[-+][^-+]')" \
	    "$(echo "$edit" | grep '^[-+][^-+]')"
	same "index" "$(git diff --cached --stat)" ""
	same "work tree" "$(tail -1 "$f")" \
	    "## 2026-11-23 16:45 -> email: Sent December plan"
	fsck
}

# ---- 2. a concurrent git add is never undone ------------------------

t_git_add_race() {
	example_repo ws && cd ws
	mkdir extra
	end=$(($(date +%s) + 4))
	(
		i=0
		while [ "$(date +%s)" -lt "$end" ]; do
			echo "$i" >extra/f$i.txt
			if git add extra/f$i.txt 2>/dev/null; then
				echo "$i" >>"$T/added"
			fi
			i=$((i + 1))
		done
	) &
	adder=$!
	logs=0
	while [ "$(date +%s)" -lt "$end" ]; do
		r log ledgerly --note "Race $logs" >/dev/null 2>>"$T/log.err" &&
		    logs=$((logs + 1))
	done
	wait "$adder"
	[ -s "$T/added" ] || die "git add never succeeded"
	added=$(wc -l <"$T/added")
	staged=$(git diff --cached --name-only -- extra | wc -l)
	same "staged adds (of $added)" "$staged" "$added"
	got=$(git show HEAD:clients/ledgerly.md | grep -c '^## 2026-11-23 [0-2][0-9]:[0-5][0-9] Race')
	[ "$got" = "$logs" ] || die "$logs logs reported, $got in HEAD"
	same "client files" "$(git status --porcelain -- clients)" ""
	echo "  $added git adds, $logs logs, none undone"
	fsck
}

# ---- 3. the index never falls behind the branch ---------------------

# Another process takes index.lock just as rapport would update the
# index (the fault injector creates it at the moment the branch's lock is
# made); once it lets go, a plain "git commit" must still have the note.
t_index_taken_at_the_update() {
	example_repo ws && cd ws
	rf "open:*/.git/refs/heads/main.lock:touch=$PWD/.git/index.lock" \
	    log ledgerly --note "Noted" >"$CASE_DIR/out" 2>"$CASE_DIR/err"
	st=$?
	rm -f .git/index.lock
	echo other >other.txt
	git add other.txt && git commit -qm "other work" ||
	    die "git commit failed"
	n=$(git show HEAD:clients/ledgerly.md | grep -c "^## 2026-11-23 [0-2][0-9]:[0-5][0-9] Noted")
	if [ "$st" -eq 0 ]; then
		[ "$n" = 1 ] || die "the note was reported, and a later git commit dropped it"
	else
		[ "$n" = 0 ] || die "the note landed although log failed"
	fi
	same "status" "$(git status --porcelain)" ""
	fsck
}

# An editor's git panel: git status in a loop, taking index.lock to
# refresh the index, while rapport logs.  Every reported note survives a
# later git commit.
t_git_status_loop() {
	example_repo ws && cd ws
	end=$(($(date +%s) + 4))
	# Two panels, as an editor and a terminal prompt each run one.
	(while [ "$(date +%s)" -lt "$end" ]; do
		git status >/dev/null 2>&1; done) &
	panel=$!
	(while [ "$(date +%s)" -lt "$end" ]; do
		git status >/dev/null 2>&1; done) &
	panel2=$!
	logs=0
	refused=0
	while [ "$(date +%s)" -lt "$end" ]; do
		if r log ledgerly --note "Panel $logs" >/dev/null \
		    2>"$CASE_DIR/err"; then
			logs=$((logs + 1))
		else
			grep -q "index.lock exists" "$CASE_DIR/err" ||
			    die "log failed: $(cat "$CASE_DIR/err")"
			refused=$((refused + 1))
		fi
	done
	wait "$panel" "$panel2"
	echo other >other.txt
	git add other.txt && git commit -qm "other work" || die "git commit failed"
	got=$(git show HEAD:clients/ledgerly.md | grep -c '^## 2026-11-23 [0-2][0-9]:[0-5][0-9] Panel')
	[ "$got" = "$logs" ] || die "$logs logs reported, $got after a git commit"
	same "status" "$(git status --porcelain)" ""
	echo "  $logs logs beside a git status loop, all kept ($refused waited out)"
	fsck
}

# The branch moved by another program between rapport's read of HEAD and
# its move of the branch: the commit is refused, nothing is lost.
t_branch_moved_meanwhile() {
	example_repo ws && cd ws
	cp clients/ledgerly.md "$T/before.md"
	move='git update-ref refs/heads/main $(git commit-tree -p HEAD -m concurrent HEAD^{tree})'
	run 2 rf "open:*/.git/refs/heads/main.lock:run=$move" \
	    log ledgerly --note "Raced"
	has err "the branch moved while rapport was committing"
	same "HEAD" "$(git log -1 --format=%s)" "concurrent"
	cmp -s clients/ledgerly.md "$T/before.md" || die "the file changed"
	same "status" "$(git status --porcelain)" ""
	no_leftovers
	fsck
}

# ---- 4. a log made while the editor is open -------------------------

# edit_beside_a_log SED: rapport edit ledgerly, with no terminal, whose
# editor runs SED on the file; while it is open, a log of ledgerly
# commits.  The editor waits for "go" (at most $(limit 30) seconds, so
# that it never outlives a failed case); the log waits until the editor
# runs: a log before that would be in the text the editor gets.  Its
# files are the case's own (two cases use it in one run).  Sets st to
# edit's exit status; its output is in $CASE_DIR/eout and eerr.
edit_beside_a_log() {
	cat >"$CASE_DIR/slow.sh" <<-EOF
	touch "$CASE_DIR/editing"
	end=\$((\$(date +%s) + $(limit 30)))
	while [ ! -e "$CASE_DIR/go" ] && [ \$(date +%s) -lt \$end ]; do sleep 0.05; done
	sed -i '$1' "\$1"
	EOF
	EDITOR="sh $CASE_DIR/slow.sh" r edit ledgerly </dev/null >"$CASE_DIR/eout" \
	    2>"$CASE_DIR/eerr" &
	editor=$!
	end=$(($(date +%s) + $(limit 10)))
	while [ ! -e "$CASE_DIR/editing" ]; do
		[ "$(date +%s)" -lt "$end" ] ||
		    die "the editor did not start in $(limit 10) seconds"
		sleep 0.05
	done
	run 0 r log ledgerly --in --channel email "Logged meanwhile"
	touch "$CASE_DIR/go"
	wait "$editor"
	st=$?
	grep -q "kept in .*/rapport/edit/ledgerly.md" "$CASE_DIR/eerr" ||
	    die "edit did not name the kept text: $(cat "$CASE_DIR/eerr")"
}

t_edit_does_not_overwrite_a_log() {
	example_repo ws && cd ws
	edit_beside_a_log 's/^health = .*/health = amber/'
	[ "$st" -ne 0 ] || die "edit committed over the log"
	grep -q "was committed while you were editing" "$CASE_DIR/eerr" ||
	    die "edit did not say why: $(cat "$CASE_DIR/eerr")"
	for v in HEAD work; do
		if [ $v = HEAD ]; then t=$(git show HEAD:clients/ledgerly.md)
		else t=$(cat clients/ledgerly.md); fi
		echo "$t" | grep -q "^## 2026-11-23 [0-2][0-9]:[0-5][0-9] <- email: Logged meanwhile" ||
		    die "the logged entry is gone from $v"
	done
	grep -q "^health = amber" .git/rapport/edit/ledgerly.md ||
	    die "the edited text was not kept"
	same "status" "$(git status --porcelain)" ""
	fsck
}

# The same when the edited text has errors (no terminal: kept, not
# committed): it goes into the work tree only over the text the editor
# started from, so the log stands, and the text is kept aside.
t_edit_keeps_nothing_over_a_log() {
	example_repo ws && cd ws
	edit_beside_a_log 's/^status = .*/status = activ/'
	grep -q "changed on disk while you were editing" "$CASE_DIR/eerr" ||
	    die "edit did not say why: $(cat "$CASE_DIR/eerr")"
	grep -q "<- email: Logged meanwhile" clients/ledgerly.md ||
	    die "the log was overwritten in the work tree"
	grep -q "^status = activ$" clients/ledgerly.md &&
	    die "the edited text was put over the log"
	grep -q "^status = activ$" .git/rapport/edit/ledgerly.md ||
	    die "the edited text was not kept aside"
	same "status" "$(git status --porcelain)" ""
}

# ---- 5. a full disk ----------------------------------------------------

# A tmpfs filled to several levels: a commit is reported only when it is
# in the repository, and otherwise everything is as it was.
t_full_disk() {
	[ "$(id -u)" -eq 0 ] || skip "needs root to mount a tmpfs"
	mkdir full && mount -t tmpfs -o size=4m tmpfs full ||
	    skip "cannot mount a tmpfs"
	example_repo full/ws
	cd full/ws
	landed=0
	failed=0
	for kib in 0 4 8 12 16 20 24 28 32 40 48 64 96 128; do
		rm -f ../filler
		free=$(df -k . | awk 'NR == 2 { print $4 }')
		[ "$free" -gt "$kib" ] &&
		    head -c $(((free - kib) * 1024)) /dev/zero >../filler \
		    2>/dev/null
		head=$(git rev-parse HEAD)
		cp clients/ledgerly.md "$T/before.md"
		cp .git/index "$T/before.index"
		r log ledgerly --note "With $kib KiB free" >"$CASE_DIR/out" \
		    2>"$CASE_DIR/err"
		st=$?
		rm -f ../filler
		if [ "$st" -eq 0 ]; then
			id=$(sed -n 's/^\[\([0-9a-f]*\)\].*/\1/p' "$CASE_DIR/out")
			[ -n "$id" ] || die "$kib KiB: no commit reported"
			same "$kib KiB: HEAD" "$(git rev-parse --short=7 HEAD)" "$id"
			git cat-file -e "$id^{commit}" ||
			    die "$kib KiB: reported $id does not exist"
			same "$kib KiB: status" "$(git status --porcelain)" ""
			landed=$((landed + 1))
		else
			same "$kib KiB: HEAD" "$(git rev-parse HEAD)" "$head"
			cmp -s clients/ledgerly.md "$T/before.md" ||
			    die "$kib KiB: the file changed: $(cat "$CASE_DIR/err")"
			cmp -s .git/index "$T/before.index" ||
			    die "$kib KiB: the index changed"
			failed=$((failed + 1))
		fi
		no_leftovers
		fsck
	done
	cd ../..
	umount full
	[ "$landed" -gt 0 ] && [ "$failed" -gt 0 ] ||
	    die "$landed landed, $failed failed: the levels missed the edge"
	echo "  $landed logs landed, $failed refused with the disk full, none half"
}

# A change of more files than are flushed one by one (import-mail of a
# message to every client) that fails midway: at a new text's write (the
# disk full), at its flush, or at its rename into place, after some are
# in place.  Every file, the index and the branch are as they were, and
# nothing is left behind; then the same import lands whole.
t_batch_fails_midway() {
	example_repo ws && cd ws
	files=$(find clients -name '*.md' | sort)
	nfiles=$(echo "$files" | wc -l)
	[ "$nfiles" -gt 8 ] || die "only $nfiles client files"
	every_mail 1 $files
	mkdir before
	for f in $files; do cp "$f" "before/$(echo "$f" | tr / _)"; done
	head=$(git rev-parse HEAD)
	cp .git/index "$T/before.index"
	for rule in "write:$PWD/clients/.*:fail=ENOSPC@5" \
	    "syncfs:*:fail=EIO" "rename:$PWD/clients/*.md:fail=EIO@6"; do
		run_status rf "$rule" import-mail "$CASE_DIR/md1"
		[ "$st" -eq 2 ] || die "$rule: import-mail exited $st"
		same "$rule: HEAD" "$(git rev-parse HEAD)" "$head"
		for f in $files; do
			cmp -s "$f" "before/$(echo "$f" | tr / _)" ||
			    die "$rule: $f changed"
		done
		cmp -s .git/index "$T/before.index" ||
		    die "$rule: the index changed"
		no_leftovers
		fsck
	done
	rm -rf before
	run 0 r import-mail "$CASE_DIR/md1"
	has out "imported $nfiles"
	same "status" "$(git status --porcelain)" ""
}

# The same, exactly: every object write from the Nth on fails with
# ENOSPC.  libgit2 1.5 then reports some commits as made that are not in
# the repository; rapport reads each back before it moves the branch.
t_object_writes_fail() {
	example_repo ws && cd ws
	landed=0
	for n in 1 2 3 4 5 6 7 8; do
		head=$(git rev-parse HEAD)
		cp clients/ledgerly.md "$T/before.md"
		run_status rf "write:*/objects/tmp_object_git2_*:fail=ENOSPC@$n+" \
		    log ledgerly --note "Object $n"
		if [ "$st" -eq 0 ]; then
			id=$(sed -n 's/^\[\([0-9a-f]*\)\].*/\1/p' "$CASE_DIR/out")
			same "@$n: HEAD" "$(git rev-parse --short=7 HEAD)" "$id"
			git cat-file -e "$id^{commit}" ||
			    die "@$n: reported $id does not exist"
			landed=$((landed + 1))
		else
			[ "$st" -eq 2 ] || die "@$n: exited $st"
			# libgit2's own error, or rapport's when libgit2 said
			# it had written the commit.
			grep -q "No space left on device\|git could not store" \
			    "$CASE_DIR/err" || die "@$n: $(cat "$CASE_DIR/err")"
			same "@$n: HEAD" "$(git rev-parse HEAD)" "$head"
			cmp -s clients/ledgerly.md "$T/before.md" ||
			    die "@$n: the file changed"
		fi
		same "@$n: status" "$(git status --porcelain)" ""
		no_leftovers
		fsck
	done
	[ "$landed" -lt 8 ] || die "no write failed"
	echo "  $((8 - landed)) of 8 logs refused when an object could not be written, none reported falsely"
}

# ---- 6. and 7. only what rapport reads and git keeps --------------------

t_ignored_client() {
	example_repo ws && cd ws
	echo 'clients/private-*.md' >>.gitignore
	git add .gitignore && git commit -qm "ignore private clients"
	printf -- '---\nname = Private\nowner = dana\n---\n' \
	    >clients/private-x.md
	before=$(git rev-parse HEAD)
	run 2 r log private-x --note "Secret"
	has err "clients/private-x.md is ignored by git"
	same "HEAD" "$(git rev-parse HEAD)" "$before"
	run 2 r edit private-x
	has err "clients/private-x.md is ignored by git"
	# Refused by the write path itself, for any command.
	run 2 r new "Private Y" --slug private-y
	has err "clients/private-y.md is ignored by git"
	[ -e clients/private-y.md ] && die "new left an ignored file"
	echo "x" >>clients/ledgerly.md
	run 0 r commit
	has out "skipped clients/private-x.md: git ignores it"
	git show --name-only --format= HEAD | grep -q private &&
	    die "an ignored file was committed"
	same "committed" "$(git show --name-only --format= HEAD)" \
	    "clients/ledgerly.md"
	fsck
}

t_unread_client_files() {
	example_repo ws && cd ws
	d=clients/a/b/c/d/e/f/g/h
	mkdir -p "$d"
	printf -- '---\nname = Deep\nhealth = purple\n---\n' >"$d/deep.md"
	printf -- '---\nname = Hidden\nhealth = purple\n---\n' \
	    >clients/.hidden.md
	echo "notes" >clients/notes.txt
	run 0 r check
	has out "$d: warning: not read: a folder more than 8 levels below clients/"
	has out "clients/.hidden.md: warning: not read: hidden"
	has out "clients/notes.txt: warning: not read: not a client file"
	run 0 r check "$d/deep.md"
	has out "$d/deep.md: warning: not read: it is in $d"
	run 1 r check --strict
	echo "x" >>clients/ledgerly.md
	run 0 r commit
	has out "skipped $d/deep.md: rapport does not read it"
	same "committed" "$(git show --name-only --format= HEAD)" \
	    "clients/ledgerly.md"
	fsck
}

# ---- 8. kills at every step and at random --------------------------------

# recovered WHAT: the last command's stderr says nothing but what recovery
# says when it puts right what a kill left (each line exactly; any error,
# or any other warning, is a failure: a recovery that complained, or said
# the wrong thing, would otherwise pass on its exit status).
recovered() {
	grep -v -x \
	    -e "rapport: warning: finished a change that an interrupted rapport had committed ([0-9a-f]\{7\})" \
	    -e "rapport: warning: took back a change that an interrupted rapport had not committed: the files are as they were" \
	    -e "rapport: warning: finished putting in place the merge an interrupted rapport had begun: its conflicts wait for you ('rapport check')" \
	    -e "rapport: warning: removed .*/\.git/refs/heads/main\.lock, left by an interrupted rapport" \
	    "$CASE_DIR/err" >"$CASE_DIR/unexpected"
	if [ -s "$CASE_DIR/unexpected" ]; then
		die "$1: the next command said: $(cat "$CASE_DIR/unexpected")"
	fi
}

# After a kill, the next command: then git's index is HEAD, nothing is
# left behind, fsck is clean, and the change is there whole or not at all.
after_kill() {
	what=$1
	run 0 r log okafor-lindqvist-law --note "Next after $what"
	recovered "$what"
	same "$what: index" "$(git diff --cached --name-only)" ""
	no_leftovers
	fsck
}

# every_mail K FILE...: a Maildir, $CASE_DIR/mdK, of one message from
# each client file's first address, each with an id of its own.
every_mail() {
	_k=$1
	shift
	mkdir -p "$CASE_DIR/md$_k/cur" "$CASE_DIR/md$_k/new" "$CASE_DIR/md$_k/tmp"
	_i=0
	for _f; do
		_i=$((_i + 1))
		_from=$(sed -n 's/^email = \([^,]*\).*/\1/p' "$_f" | head -1)
		[ -n "$_from" ] || die "$_f has no address"
		printf 'From: %s\nTo: dana@brightline.example\nSubject: Question %s\nDate: Mon, 23 Nov 2026 09:%02d:00 +0000\nMessage-ID: <every-%s-%s@example.net>\n\nA question.\n' \
		    "$_from" "$_i" "$_i" "$_k" "$_i" \
		    >"$CASE_DIR/md$_k/cur/$_i:2,S"
	done
}

# check_done TEXT: the commitment is kept in HEAD and the work tree, or
# open in both; the file is as HEAD has it.  Prints 1 when kept.
check_done() {
	kept="^- \[x\] $1 due:2026-12-01 done:2026-11-23\$"
	open="^- \[ \] $1 due:2026-12-01\$"
	h=$(git show HEAD:clients/harbor-dental.md | grep -c "$kept")
	w=$(grep -c "$kept" clients/harbor-dental.md)
	o=$(git show HEAD:clients/harbor-dental.md | grep -c "$open")
	[ "$h" = "$w" ] && [ $((h + o)) = 1 ] ||
	    die "$1: kept $h in HEAD, $w in the work tree, open $o in HEAD"
	same "$1: file" "$(git status --porcelain -- clients/harbor-dental.md)" ""
	echo "$h"
}

# check_log NOTE: the note is in HEAD and the work tree once, or in
# neither; the file is as HEAD has it.
check_log() {
	h=$(git show HEAD:clients/ledgerly.md | grep -c "^## 2026-11-23 [0-2][0-9]:[0-5][0-9] $1\$")
	w=$(grep -c "^## 2026-11-23 [0-2][0-9]:[0-5][0-9] $1\$" clients/ledgerly.md)
	[ "$h" = "$w" ] && [ "$h" -le 1 ] ||
	    die "$1: $h in HEAD, $w in the work tree"
	same "$1: file" "$(git status --porcelain -- clients/ledgerly.md)" ""
	echo "$h"
}

# Each command killed at its first call, then its second, and so on,
# until a run goes through: every moment of the write path is tried.
t_kill_at_every_call() {
	example_repo ws && cd ws
	landed=0
	k=${KILL_FIRST:-1}
	# log: the first call to the last, until a run is not killed.
	while :; do
		run_status rf "any:*:kill@$k" log ledgerly --note "Kill $k"
		[ "$st" -eq 137 ] || break
		after_kill "log killed at call $k"
		landed=$((landed + $(check_log "Kill $k")))
		k=$((k + ${KILL_STEP:-1}))
	done
	[ "$st" -eq 0 ] || die "log exited $st: $(cat "$CASE_DIR/err")"
	nlog=$(((k - ${KILL_FIRST:-1}) / ${KILL_STEP:-1}))
	# commit of a hand edit: committed whole, or still a hand edit.
	k=${KILL_FIRST:-1}
	while :; do
		echo "Hand line $k" >>clients/harbor-dental.md
		run_status rf "any:*:kill@$k" commit -m "hand $k"
		[ "$st" -eq 137 ] || break
		after_kill "commit killed at call $k"
		grep -q "^Hand line $k\$" clients/harbor-dental.md ||
		    die "commit killed at $k lost the hand edit"
		if git show HEAD:clients/harbor-dental.md |
		    grep -q "^Hand line $k\$"; then
			landed=$((landed + 1))
		else
			run 0 r commit -m "hand $k, again"
		fi
		k=$((k + ${KILL_STEP:-1}))
	done
	[ "$st" -eq 0 ] || die "commit exited $st: $(cat "$CASE_DIR/err")"
	ncommit=$(((k - ${KILL_FIRST:-1}) / ${KILL_STEP:-1}))
	# import-mail of a message from each client, more files than the
	# write path flushes one by one (WORK_SYNC_EACH): the new texts
	# flushed at once, then put in place.  Killed at each call on the
	# work tree's files: every message imported, or none.
	k=${KILL_FIRST:-1}
	files=$(find clients -name '*.md' | sort)
	nfiles=$(echo "$files" | wc -l)
	[ "$nfiles" -gt 8 ] || die "only $nfiles client files"
	while :; do
		every_mail "$k" $files
		run_status rf "any:$PWD/clients*:kill@$k" import-mail \
		    "$CASE_DIR/md$k"
		[ "$st" -eq 137 ] || break
		after_kill "import-mail of $nfiles files killed at call $k"
		n=0
		for f in $files; do
			git show "HEAD:$f" | grep -q "every-$k-" && n=$((n + 1))
			same "$f after a kill at $k" \
			    "$(git status --porcelain -- "$f")" ""
		done
		if [ "$n" = "$nfiles" ]; then
			landed=$((landed + 1))
		elif [ "$n" != 0 ]; then
			die "import-mail killed at $k imported into $n of $nfiles"
		fi
		k=$((k + ${KILL_STEP:-1}))
	done
	[ "$st" -eq 0 ] || die "import-mail exited $st: $(cat "$CASE_DIR/err")"
	has out "imported $nfiles"
	nevery=$(((k - ${KILL_FIRST:-1}) / ${KILL_STEP:-1}))
	# new: the client is committed whole, or not there at all.
	k=${KILL_FIRST:-1}
	while :; do
		run_status rf "any:*:kill@$k" new "Newco $k"
		[ "$st" -eq 137 ] || break
		after_kill "new killed at call $k"
		if [ -e "clients/newco-$k.md" ]; then
			git cat-file -e "HEAD:clients/newco-$k.md" ||
			    die "new killed at $k left an uncommitted file"
			landed=$((landed + 1))
		fi
		k=$((k + ${KILL_STEP:-1}))
	done
	[ "$st" -eq 0 ] || die "new exited $st: $(cat "$CASE_DIR/err")"
	nnew=$(((k - ${KILL_FIRST:-1}) / ${KILL_STEP:-1}))
	# done: the promise is kept in HEAD and the work tree, or in neither.
	k=${KILL_FIRST:-1}
	while :; do
		printf -- '- [ ] Promise %s due:2026-12-01\n' "$k" \
		    >>clients/harbor-dental.md
		run 0 r commit -m "promise $k"
		run_status rf "any:*:kill@$k" done harbor-dental "Promise $k"
		[ "$st" -eq 137 ] || break
		after_kill "done killed at call $k"
		landed=$((landed + $(check_done "Promise $k")))
		k=$((k + ${KILL_STEP:-1}))
	done
	[ "$st" -eq 0 ] || die "done exited $st: $(cat "$CASE_DIR/err")"
	[ "$(check_done "Promise $k")" = 1 ] || die "done did not keep it"
	ndone=$(((k - ${KILL_FIRST:-1}) / ${KILL_STEP:-1}))
	[ $((nlog * ${KILL_STEP:-1})) -gt 20 ] &&
	    [ $((ncommit * ${KILL_STEP:-1})) -gt 20 ] &&
	    [ $((nnew * ${KILL_STEP:-1})) -gt 20 ] &&
	    [ $((ndone * ${KILL_STEP:-1})) -gt 20 ] &&
	    [ $((nevery * ${KILL_STEP:-1})) -gt $((3 * nfiles)) ] ||
	    die "too few calls: $nlog, $ncommit, $nnew, $ndone, $nevery"
	same "status" "$(git status --porcelain)" ""
	echo "  killed at every ${KILL_STEP:-1}. call: log $nlog, commit $ncommit, import-mail into $nfiles files $nevery, new $nnew, done $ndone times; $landed landed whole, the rest not at all"
}

# merge_record WHAT [KILLED]: git's record of a merge in progress is
# whole (MERGE_HEAD, MERGE_MSG with the message the merge gave it, and
# MERGE_MODE) or absent.  Just after a kill (KILLED), before anything put
# it right, MERGE_MSG and MERGE_MODE may be there alone, never MERGE_HEAD.
merge_record() {
	merge_msg="Merge remote-tracking branch 'origin/main'"
	if [ -f .git/MERGE_HEAD ]; then
		[ -f .git/MERGE_MSG ] && [ -f .git/MERGE_MODE ] ||
		    die "$1: MERGE_HEAD without MERGE_MSG or MERGE_MODE"
		same "$1: MERGE_HEAD" "$(cat .git/MERGE_HEAD)" \
		    "$(git rev-parse origin/main)"
		same "$1: MERGE_MSG" "$(grep -v '^#' .git/MERGE_MSG)" \
		    "$merge_msg"
		grep -qx '#	clients/acme.md' .git/MERGE_MSG ||
		    die "$1: MERGE_MSG does not name the conflict"
	elif [ -z "${2:-}" ]; then
		for f in MERGE_MSG MERGE_MODE; do
			[ -e .git/$f ] && die "$1: $f without MERGE_HEAD"
		done
	fi
	return 0
}

# sync killed at each of its calls, merging cleanly and stopping at a
# conflict: once the next change has run, the merge is whole (committed,
# or recorded for a person, with its message) or absent, and the work
# tree matches it.
t_kill_sync_at_every_call() {
	git init -q --bare remote.git
	r init ann >/dev/null && (cd ann && r new Acme >/dev/null &&
	    git remote add origin ../remote.git && r sync >/dev/null) ||
	    die "cannot set up the remote"
	git clone -q remote.git ben && (cd ben && r init >/dev/null) ||
	    die "cannot clone"
	# git itself runs without the injector: the kills are rapport's.
	mkdir nf && printf '#!/bin/sh\nunset LD_PRELOAD RAPPORT_FAULT\nexec %s "$@"\n' \
	    "$(command -v git)" >nf/git && chmod +x nf/git
	ok=$PATH
	recorded=0
	for kind in clean conflict; do
		k=${KILL_FIRST:-1}
		while :; do
			(cd ann && r log acme --in "Ann $kind $k" >/dev/null &&
			    if [ $kind = conflict ]; then
				sed -i "s/^name = .*/name = Acme Ann $k/" \
				    clients/acme.md &&
				r commit -m "ann $k" >/dev/null; fi &&
			    r sync >/dev/null) || die "ann at $k"
			cd ben
			run 0 r log acme --out "Ben $kind $k"
			if [ $kind = conflict ]; then
				sed -i "s/^name = .*/name = Acme Ben $k/" clients/acme.md
				run 0 r commit -m "ben $k"
			fi
			PATH="$CASE_DIR/work/nf:$ok" run_status rf "any:*:kill@$k" sync
			killed=$st
			# Even before anything puts it right, git never sees a
			# merge in progress without its message.
			merge_record "killed at $k" 1
			# The next change puts right what the kill left.
			run 0 r new "Next $kind $k"
			recovered "sync killed at $k"
			no_leftovers
			fsck
			merge_record "after a kill at $k"
			if [ -f .git/MERGE_HEAD ]; then
				[ $kind = conflict ] || die "a clean merge stopped"
				recorded=$((recorded + 1))
				same "unmerged at $k" "$(git diff --name-only \
				    --diff-filter=U)" "clients/acme.md"
				grep -q '^<<<<<<< ' clients/acme.md ||
				    die "recorded merge without markers at $k"
				sed -i '/^<<<<<<< /d; /^=======$/,/^>>>>>>> /d' \
				    clients/acme.md
				run 0 r commit
				same "the merge's commit at $k" \
				    "$(git log -1 --format=%s) $(git rev-parse HEAD^2)" \
				    "$merge_msg $(git rev-parse origin/main)"
			fi
			same "status after a kill at $k" \
			    "$(git status --porcelain)" ""
			PATH="$CASE_DIR/work/nf:$ok" run_status r sync
			if [ "$st" = 1 ]; then
				sed -i '/^<<<<<<< /d; /^=======$/,/^>>>>>>> /d' \
				    clients/acme.md
				run 0 r commit
				run 0 r sync
			fi
			cd ..
			(cd ann && r sync >/dev/null) || die "ann's sync at $k"
			seen="${seen:-} $kind$k"
			for i in $seen; do
				case $i in $kind*) i=${i#$kind} ;; *) continue ;; esac
				for who in Ann Ben; do
					same "'$who $kind $i' at $k" "$(grep -c \
					    "$who $kind $i\$" ann/clients/acme.md)" 1
				done
			done
			[ "$killed" -eq 137 ] || break
			k=$((k + ${KILL_STEP:-1}))
		done
		[ "$killed" -le 1 ] || die "sync exited $killed"
		eval "n_$kind=$(((k - ${KILL_FIRST:-1}) / ${KILL_STEP:-1}))"
	done
	[ $((n_clean * ${KILL_STEP:-1})) -gt 10 ] &&
	    [ $((n_conflict * ${KILL_STEP:-1})) -gt 10 ] ||
	    die "too few calls: $n_clean, $n_conflict"
	# The kills after the record of the merge left it whole.
	[ "$recorded" -gt 0 ] || die "no kill left a merge recorded"
	echo "  sync killed at every ${KILL_STEP:-1}. call: $n_clean times merging, $n_conflict times stopping at a conflict ($recorded left it recorded, with its message); every entry once after each"
}

t_kill_at_random() {
	example_repo ws && cd ws
	n=${KILLS:-100}
	i=0
	landed=0
	while [ $i -lt "$n" ]; do
		if [ $((i % 4)) = 3 ]; then
			printf -- '- [ ] Promise %s due:2026-12-01\n' "r$i" \
			    >>clients/harbor-dental.md
			run 0 r commit -m "promise r$i"
		fi
		case $((i % 4)) in
		0) "$BIN" --today 2026-11-23 log ledgerly --note "Random $i" \
		    >/dev/null 2>&1 & ;;
		3) "$BIN" --today 2026-11-23 done harbor-dental "Promise r$i" \
		    >/dev/null 2>&1 & ;;
		1) echo "Random line $i" >>clients/harbor-dental.md
		   "$BIN" --today 2026-11-23 commit -m "random $i" \
		    >/dev/null 2>&1 & ;;
		2) "$BIN" --today 2026-11-23 new "Random $i" >/dev/null 2>&1 & ;;
		esac
		pid=$!
		# Most of a command's 20-30 ms, and a little after (longer
		# under the sanitizers).
		ms=$((((i % 4) * 10 + i * 7 % 10) * ${TIME_SCALE:-1}))
		sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		after_kill "random kill $i"
		case $((i % 4)) in
		0) landed=$((landed + $(check_log "Random $i"))) ;;
		3) landed=$((landed + $(check_done "Promise r$i"))) ;;
		1) grep -q "^Random line $i\$" clients/harbor-dental.md ||
		       die "kill $i lost a hand edit"
		   if ! git show HEAD:clients/harbor-dental.md |
		       grep -q "^Random line $i\$"; then
			run 0 r commit -m "random $i, again"
		   else landed=$((landed + 1)); fi ;;
		2) if [ -e "clients/random-$i.md" ]; then
			git cat-file -e "HEAD:clients/random-$i.md" ||
			    die "kill $i left an uncommitted new client"
			landed=$((landed + 1))
		   fi ;;
		esac
		i=$((i + 1))
	done
	same "status" "$(git status --porcelain)" ""
	echo "  $n kills at random moments: $landed changes landed whole, the rest not at all"
}

# ---- 9. a failure after the branch moved; what recovery finds ----------

# The last step fails: the new index cannot be renamed into place, after
# the branch has moved.  The branch is taken back, and the work tree, the
# index and the branch are as they were; on an unborn branch too.
t_index_rename_fails() {
	example_repo ws && cd ws
	head=$(git rev-parse HEAD)
	cp clients/ledgerly.md "$T/before.md"
	cp .git/index "$T/before.index"
	run 2 rf "rename:*/.git/index:fail=EIO" log ledgerly --note "Unplaced"
	has err "cannot put in place $(pwd -P)/.git/index.lock: Input/output error"
	same "HEAD" "$(git rev-parse HEAD)" "$head"
	cmp -s clients/ledgerly.md "$T/before.md" || die "the file changed"
	cmp -s .git/index "$T/before.index" || die "the index changed"
	same "status" "$(git status --porcelain)" ""
	no_leftovers
	fsck
	# Nothing left for the next command to put right.
	run 0 r log ledgerly --note "Placed"
	same "the next command's stderr" "$(cat "$CASE_DIR/err")" ""
	same "commits" "$(git rev-list --count "$head"..HEAD)" 1
	cd .. && mkdir unborn && cd unborn && git init -q
	run 2 rf "rename:*/.git/index:fail=EIO" init
	has err "cannot put in place $(pwd -P)/.git/index.lock"
	git rev-parse -q --verify HEAD >/dev/null && die "the branch was made"
	[ -e .git/index ] && die "an index was made"
	same "status" "$(git status --porcelain)" ""
	no_leftovers
}

# Killed before its branch moved; then, before any rapport ran, the person
# removed the index.lock the kill left (as git says to) and committed the
# work tree with git.  HEAD now holds the new text: recovery must not take
# it back out of the work tree, and says why it leaves the files.
t_branch_moved_after_a_crash() {
	example_repo ws && cd ws
	run_status rf "open:*/.git/refs/heads/main.lock:kill" \
	    log ledgerly --note "Crashed"
	same "log's status" "$st" 137
	[ -f .git/rapport/journal ] || die "the kill left no journal"
	rm -f .git/index.lock
	git commit -qam "by hand" || die "git commit -a failed"
	run 0 r log okafor-lindqvist-law --note "Next"
	backup=$(pwd -P)/clients/.ledgerly.md.rapport-old
	has err "clients/ledgerly.md is left as an interrupted rapport wrote it; its text from before is kept in $backup"
	has err "found a change an interrupted rapport left"
	has err "but the branch has moved since: the files are left as they are"
	git show HEAD~2:clients/ledgerly.md | cmp -s - "$backup" ||
	    die "the kept text is not the one from before the change"
	grep -q "took back" "$CASE_DIR/err" && die "recovery took it back"
	for v in HEAD~ work; do
		if [ $v = work ]; then t=$(cat clients/ledgerly.md)
		else t=$(git show HEAD~:clients/ledgerly.md); fi
		same "the note in $v" "$(echo "$t" | grep -c \
		    "^## 2026-11-23 [0-2][0-9]:[0-5][0-9] Crashed\$")" 1
	done
	same "commits" "$(git log -2 --format=%s | tail -1)" "by hand"
	same "status" "$(git status --porcelain --untracked-files=no)" ""
	[ -f .git/rapport/journal ] && die "the journal is still there"
	fsck
}

# Killed before its branch moved; then the person replaced the file (an
# editor that saves a new file).  Recovery leaves the person's text, and
# keeps the text from before the change where it says, never deleting it
# silently; a file the change made, then edited, is left too.
t_file_replaced_after_a_crash() {
	example_repo ws && cd ws
	cp clients/ledgerly.md "$T/before.md"
	run_status rf "open:*/.git/refs/heads/main.lock:kill" \
	    log ledgerly --note "Crashed"
	same "log's status" "$st" 137
	sed 's/^health = .*/health = red/' clients/ledgerly.md >"$T/mine.md"
	cp "$T/mine.md" clients/.mine.tmp && mv clients/.mine.tmp clients/ledgerly.md
	run 0 r log okafor-lindqvist-law --note "Next"
	backup=$(pwd -P)/clients/.ledgerly.md.rapport-old
	same "what recovery said" "$(cat "$CASE_DIR/err")" "\
rapport: warning: clients/ledgerly.md was changed after a rapport was interrupted, and is left as it is; its text from before is kept in $backup
rapport: warning: took back a change that an interrupted rapport had not committed: the files are as they were, but for those named above"
	cmp -s "$backup" "$T/before.md" || die "the kept text is not the old one"
	cmp -s clients/ledgerly.md "$T/mine.md" || die "the person's text changed"
	same "HEAD" "$(git show HEAD:clients/ledgerly.md | cmp - "$T/before.md" &&
	    echo unchanged)" unchanged
	fsck
	run_status rf "open:*/.git/refs/heads/main.lock:kill" new "Newco"
	same "new's status" "$st" 137
	echo "Hand line" >>clients/newco.md
	cp clients/newco.md "$T/newco.md"
	run 0 r log okafor-lindqvist-law --note "Next again"
	same "what recovery said" "$(cat "$CASE_DIR/err")" "\
rapport: warning: clients/newco.md was changed after a rapport was interrupted, and is left as it is
rapport: warning: took back a change that an interrupted rapport had not committed: the files are as they were, but for those named above"
	cmp -s clients/newco.md "$T/newco.md" || die "the person's newco.md changed"
	git cat-file -e HEAD:clients/newco.md 2>/dev/null && die "newco.md was committed"
	fsck
}

# Killed as the new index is renamed into place (the branch has moved),
# and the lock then removed by hand: the next command sets the index's
# entries from the journal, each with its mode, executable or not.
t_journal_modes_round_trip() {
	example_repo ws && cd ws
	chmod +x clients/harbor-dental.md
	git add clients/harbor-dental.md && git commit -qm "executable" ||
	    die "cannot commit the mode"
	echo "Hand line" >>clients/harbor-dental.md
	echo "Hand line" >>clients/ledgerly.md
	run_status rf "rename:*/.git/index:kill" commit -m "both"
	same "commit's status" "$st" 137
	same "HEAD" "$(git log -1 --format=%s)" "both"
	rm .git/index.lock
	run 0 r log okafor-lindqvist-law --note "Next"
	recovered "a kill at the index's rename"
	has err "finished a change that an interrupted rapport had committed"
	same "the index" "$(git ls-files -s clients/harbor-dental.md \
	    clients/ledgerly.md)" "$(git ls-tree HEAD clients/harbor-dental.md \
	    clients/ledgerly.md | sed 's/ blob \([0-9a-f]*\)	/ \1 0	/')"
	same "modes" "$(git ls-files -s clients/harbor-dental.md \
	    clients/ledgerly.md | cut -c1-6 | tr '\n' ' ')" "100755 100644 "
	same "status" "$(git status --porcelain)" ""
	no_leftovers
	fsck
}

# A commit takes the work tree's file whole, its mode too; and a mode
# staged by hand (chmod +x; git add) is the person's work, as staged text
# is: a log commits its entry on HEAD's mode, and leaves the staged mode
# in the index, after a crash too.
t_file_modes() {
	example_repo ws && cd ws
	chmod +x clients/harbor-dental.md
	echo "Hand line" >>clients/harbor-dental.md
	run 0 r commit -m "executable"
	same "committed" "$(git ls-tree HEAD clients/harbor-dental.md |
	    cut -c1-6)" 100755
	same "status" "$(git status --porcelain)" ""
	chmod +x clients/ledgerly.md && git add clients/ledgerly.md
	run 0 r log ledgerly --note "Staged mode"
	same "committed" "$(git ls-tree HEAD clients/ledgerly.md | cut -c1-6)" \
	    100644
	git show HEAD:clients/ledgerly.md | grep -q "Staged mode\$" ||
	    die "the note was not committed"
	same "index" "$(git ls-files -s clients/ledgerly.md)" \
	    "100755 $(git rev-parse HEAD:clients/ledgerly.md) 0	clients/ledgerly.md"
	same "status" "$(git status --porcelain)" "M  clients/ledgerly.md"
	# The same from the journal, its lock lost.
	run_status rf "rename:*/.git/index:kill" log ledgerly --note "Killed"
	same "log's status" "$st" 137
	rm .git/index.lock
	run 0 r log okafor-lindqvist-law --note "Next"
	recovered "a kill at the index's rename"
	same "index" "$(git ls-files -s clients/ledgerly.md)" \
	    "100755 $(git rev-parse HEAD~:clients/ledgerly.md) 0	clients/ledgerly.md"
	same "status" "$(git status --porcelain)" "M  clients/ledgerly.md"
	fsck
}

# ---- issue 32: the audit ----

# After a change, git's index records each file it wrote as it is on
# disk (size and times), so that git knows it unchanged without reading
# it: git diff-files, which compares only that record, lists nothing.
t_index_records_the_files() {
	example_repo ws && cd ws
	run 0 r log ledgerly --note "Recorded"
	same "after log: git diff-files" "$(git diff-files --name-only)" ""
	echo "A hand line" >>clients/harbor-dental.md
	run 0 r commit -m "hand line"
	same "after commit: git diff-files" "$(git diff-files --name-only)" ""
	same "status" "$(git status --porcelain)" ""
	fsck
}

# A journal cut short (no "end" line, as a torn write on a file system
# that reorders a rename after a power cut can leave it) is not acted
# on: what it names may be half of the change.  The next command says it
# cannot be read and removes it, and goes on.
t_journal_cut_short() {
	example_repo ws && cd ws
	cp clients/ledgerly.md "$T/before.md"
	head=$(git rev-parse HEAD)
	run_status rf "rename:*/clients/ledgerly.md:kill" \
	    log ledgerly --note "Killed"
	[ "$st" -eq 137 ] || die "log was not killed: $st"
	j=.git/rapport/journal
	grep -q '^end$' "$j" || die "no whole journal to cut: $(cat "$j")"
	sed -i '/^file /q' "$j"
	grep -q '^file ' "$j" && ! grep -q '^end$' "$j" ||
	    die "the journal was not cut as meant: $(cat "$j")"
	run 0 r log okafor-lindqvist-law --note "Next"
	has err "journal cannot be read; it is removed"
	grep -q "took back\|finished" "$CASE_DIR/err" &&
	    die "a cut journal was acted on: $(cat "$CASE_DIR/err")"
	[ -e "$j" ] && die "the journal is still there"
	cmp -s clients/ledgerly.md "$T/before.md" ||
	    die "the killed log's file changed"
	same "HEAD's parent" "$(git rev-parse HEAD^)" "$head"
	same "index" "$(git diff --cached --name-only)" ""
	fsck
}

# git maintenance repacks in the background: "git repack -d" removes each
# objects/xx/ folder it emptied, which libgit2 may have just made for the
# object it is about to rename there, and "git gc" packs refs, holding
# each branch's lock for a moment.  Beside a loop of both every log must
# succeed (the object written again, the lock waited for, as git does)
# and be in HEAD.  (Not --prune=now: git-gc(1) says that deletes the
# objects of any writer not done yet, git's own commits too.)
t_repack_beside_log() {
	example_repo ws && cd ws
	end=$(($(date +%s) + $(limit 10)))
	(
		n=0
		while [ "$(date +%s)" -lt "$end" ]; do
			git repack -adq >/dev/null 2>&1
			git gc -q >/dev/null 2>&1
			n=$((n + 1))
		done
		echo "$n" >"$T/repacks"
	) &
	packer=$!
	logs=0
	failed=0
	while [ "$(date +%s)" -lt "$end" ]; do
		if r log ledgerly --note "Packed $logs" >/dev/null \
		    2>>"$CASE_DIR/log.err"; then
			logs=$((logs + 1))
		else
			failed=$((failed + 1))
		fi
	done
	wait "$packer"
	[ "$failed" -eq 0 ] || die "$failed of $((logs + failed)) logs failed:
$(sort "$CASE_DIR/log.err" | uniq -c | head -5)"
	[ "$logs" -gt 0 ] || die "no log ran"
	got=$(git show HEAD:clients/ledgerly.md | grep -c '^## .* Packed [0-9]*$')
	same "entries in HEAD" "$got" "$logs"
	same "client files" "$(git status --porcelain -- clients)" ""
	echo "  $logs logs beside $(cat "$T/repacks") repack+gc rounds, none failed"
	fsck
}

# A branch lock held by git: rapport waits for it as git does, for
# core.filesRefLockTimeout (here for ever), and commits once it is gone.
t_branch_lock_waited() {
	example_repo ws && cd ws
	git config core.filesRefLockTimeout -1
	: >.git/refs/heads/main.lock
	r log ledgerly --note "Waited" >"$CASE_DIR/out" 2>"$CASE_DIR/err" &
	pid=$!
	# Its journal is the sign that it reached the branch.
	i=0
	while [ ! -e .git/rapport/journal ] && kill -0 "$pid" 2>/dev/null &&
	    [ "$i" -lt "$(limit 200)" ]; do
		sleep 0.05
		i=$((i + 1))
	done
	# Longer than git's default wait, so that only the setting can keep
	# it waiting (no assertion on time: the setting is "for ever").
	sleep 1
	rm -f .git/refs/heads/main.lock
	wait "$pid" || die "log failed: $(cat "$CASE_DIR/err")"
	git log -1 --format=%s | grep -q "^ledgerly: .* Waited$" ||
	    die "not committed: $(git log -1 --format=%s)"
	same "client files" "$(git status --porcelain -- clients)" ""
	fsck
}

# A commit-msg hook that rewrites the message makes the commit anew; the
# journal names that commit, so a kill once the branch moved to it (at
# the index's rename) is finished by the next command, not left.
t_hook_message_then_killed() {
	example_repo ws && cd ws
	printf '#!/bin/sh\nsed -i "1s/^/[T-9] /" "$1"\n' >.git/hooks/commit-msg
	chmod +x .git/hooks/commit-msg
	run_status rf "rename:*/.git/index:kill" log ledgerly --note "Hooked"
	same "log's status" "$st" 137
	git log -1 --format=%s | grep -q "^\[T-9\] ledgerly: .* Hooked$" ||
	    die "the branch is not on the hook's message: $(git log -1 --format=%s)"
	run 0 r log okafor-lindqvist-law --note "Next"
	has err "finished a change that an interrupted rapport had committed"
	same "status" "$(git status --porcelain --untracked-files=no)" ""
	no_leftovers
	fsck
}

# ---- issue 33: a journal rapport did not write ----

# hex TEXT: TEXT as the journal writes a path.
hex() {
	printf %s "$1" | od -An -tx1 | tr -d ' \n'
}

# planted_journal: the example agency in ws/ (the current folder then),
# with outside/ beside it holding files b and data.lock; then plant
# RECORDS... writes a journal of those lines (or plant_kind CMD makes the
# journal's path something else) and notes the state of both.
planted_journal() {
	mkdir outside
	echo "outside b" >outside/b
	echo "a lock" >outside/data.lock
	out=$(cd outside && pwd)
	example_repo ws
	cd ws
	r log ledgerly --note "Second" >/dev/null || die "log"
	mkdir -p .git/rapport
	j=$(pwd -P)/.git/rapport/journal
}

snapshot() {
	outside=$(cd ../outside && ls -la --time-style=+ . && cat b data.lock)
	before=$(git rev-parse HEAD; git status --porcelain; cat clients/*.md)
}

plant() {
	printf '%s\n' "rapport-journal 1" "$@" "end" >.git/rapport/journal
	snapshot
}

# The planted journal was refused: nothing outside or in the workspace
# changed, the committing command failed saying msg, and once the
# journal is gone by hand the next one works.  What the refusal said is
# left in the file "refused" (for has).
refused_journal() {
	msg=$1
	shift
	run_status timeout -k 5 "$(limit 20)" "$BIN" --today 2026-11-23 "$@"
	[ "$st" = 124 ] || [ "$st" = 137 ] && die "'$*' hung on the journal"
	[ "$st" = 2 ] || die "'$*' exited $st: $(cat "$CASE_DIR/err")"
	has err "$msg"
	has err "othing was changed"
	grep -q "it is removed\|took back\|finished" "$CASE_DIR/err" &&
	    die "the journal was acted on: $(cat "$CASE_DIR/err")"
	same "outside" "$(cd ../outside && ls -la --time-style=+ . &&
	    cat b data.lock)" "$outside"
	same "the workspace" "$(git rev-parse HEAD; git status --porcelain;
	    cat clients/*.md)" "$before"
	[ -e "$j" ] || [ -L "$j" ] || die "the journal went"
	cp "$CASE_DIR/err" "$CASE_DIR/refused"
	rm -r "$j"
	run 0 r log okafor-lindqvist-law --note "Next"
	fsck
}

# A backup path outside the work tree, in a journal whose branch moved
# (a finished change: the backup would be removed).
t_journal_absolute_backup() {
	planted_journal
	plant "ref $(hex refs/heads/main)" "old $(git rev-parse HEAD^)" \
	    "new $(git rev-parse HEAD)" \
	    "file $(hex clients/ledgerly.md) $(hex "$out/b") $(git rev-parse HEAD:clients/ledgerly.md)"
	refused_journal "a backup '$out/b' that is not clients/ledgerly.md's own" \
	    log ledgerly --note "Third"
	has refused "$j is not a journal rapport wrote for this work tree"
	has refused "remove it by hand (rm $j)"
}

# A file ../outside/b holding the text the journal says the change wrote,
# in a journal whose branch did not move (it would be taken back).
t_journal_outside_file() {
	planted_journal
	plant "ref $(hex refs/heads/main)" "old $(git rev-parse HEAD)" \
	    "new $(git rev-parse HEAD^)" \
	    "file $(hex ../outside/b) - $(git hash-object ../outside/b)"
	refused_journal "it names '../outside/b' cannot be a path here" \
	    log ledgerly --note "Third"
}

# A ref ../../outside/data: its lock would be outside/data.lock.
t_journal_outside_ref() {
	planted_journal
	plant "ref $(hex ../../outside/data)" "old $(git rev-parse HEAD)" \
	    "new $(git rev-parse HEAD^)"
	refused_journal "its branch '../../outside/data': it is not under refs/" \
	    log ledgerly --note "Third"
}

# A link to /dev/zero is never read (it was, without limit).
t_journal_link_to_dev_zero() {
	planted_journal
	ln -s /dev/zero "$j"
	snapshot
	refused_journal "journal is a symbolic link to /dev/zero, not a journal rapport wrote" \
	    log ledgerly --note "Third"
	has refused "rm -r $j"
}

# A folder is never said to be removed, and what is in it stays.
t_journal_folder() {
	planted_journal
	mkdir "$j"
	echo "mine" >"$j/notes"
	snapshot
	run_status r done ledgerly "october report"
	[ "$st" = 2 ] || die "done exited $st"
	has err "journal is a folder, not a journal rapport wrote"
	same "the folder's file" "$(cat "$j/notes")" "mine"
	refused_journal "journal is a folder" log ledgerly --note "Third"
	has refused "move it aside or remove it by hand (rm -r $j)"
}

# A FIFO is never opened (opening it waited for a writer for ever).
t_journal_fifo() {
	planted_journal
	mkfifo "$j"
	snapshot
	refused_journal "journal is a FIFO, not a journal rapport wrote" \
	    log ledgerly --note "Third"
}

# Bigger than any journal rapport writes: refused before it is read.
t_journal_too_big() {
	planted_journal
	head -c $((65 * 1024 * 1024)) /dev/zero >"$j"
	snapshot
	refused_journal "journal is a file of more than 64 MiB, more than a journal can be" \
	    log ledgerly --note "Third"
}

# ---- issue 33: no writing through a link ----

# clients/ made a link to a folder elsewhere (after the workspace was
# committed): new, log and edit write nothing there, each saying which
# link and how to fix it, and check names the link and where it points.
t_no_write_through_a_linked_clients() {
	example_repo ws && cd ws
	mv clients ../real && ln -s ../real clients
	sum=$(cd ../real && find . -type f | sort | xargs cksum)
	head=$(git rev-parse HEAD)
	run 2 r new "Through Link"
	has err "clients is a symbolic link to ../real"
	has err "replace the link by a real folder"
	run 2 r log ledgerly --note "Through"
	has err "will not write clients/ledgerly.md: clients is a symbolic link"
	EDITOR="sed -i s/green/amber/" run 2 r edit ledgerly
	has err "clients is a symbolic link"
	# Text with errors is kept uncommitted: not through the link either.
	EDITOR="sed -i s/^health.*/health=purple/" run_status r edit ledgerly
	[ "$st" = 0 ] && die "edit kept its text through the link"
	has err "will not write clients/ledgerly.md: clients is a symbolic link"
	same "the folder behind the link" "$(cd ../real &&
	    find . -type f | sort | xargs cksum)" "$sum"
	same "HEAD" "$(git rev-parse HEAD)" "$head"
	[ -e .git/rapport/journal ] && die "a journal is left"
	run 0 r check
	has out "clients: warning: a symbolic link to the folder ../real: rapport reads the clients in it, and writes nothing through it"
}

# A linked folder under clients/: check names it, and what it points at.
t_check_names_linked_folders() {
	example_repo ws && cd ws
	mkdir ../elsewhere clients/real
	ln -s "$(cd ../elsewhere && pwd)" clients/shared
	ln -s real clients/alias
	run 0 r check
	has out "clients/shared: warning: a symbolic link to the folder $(cd ../elsewhere && pwd): rapport does not read the clients in it, and writes nothing through it (nor does git, which commits the link itself): replace the link by a real folder"
	has out "clients/alias: warning: a symbolic link to the folder real:"
	run 1 r check --strict
}

harness_run "$@"
