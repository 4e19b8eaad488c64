#!/bin/sh
# hostile.sh: a cloned workspace is input, not trusted.  Its links, its
# output folder, its templates and its values must not make a build write
# or delete outside the site, run without end, or put bytes on a terminal
# or in a feed that its readers did not ask for.
#
#   sh tests/hostile.sh ./rapport [CASE...]   (CASE without "t_")

NAME=hostile
. "$(dirname "$0")/harness.sh"

# A checksum of every file under a folder, hidden ones included.
sums() {
	(cd "$1" && find . -type f -print | LC_ALL=C sort |
	    while IFS= read -r f; do
		printf '%s %s\n' "$(cksum <"$f")" "$f"; done)
}

# A folder that must come through untouched: pages of another site.
victim() {
	mkdir -p "$1/clients" "$1/owners"
	echo "<p>mine</p>" >"$1/index.html"
	echo "<p>keep</p>" >"$1/clients/precious.html"
	echo "<p>keep</p>" >"$1/owners/boss.html"
	echo "notes" >"$1/notes.txt"
}

# ---- writes outside the site ------------------------------------------

# A committed _site link (the old .gitignore line /_site/ matched folders
# only) must not send a plain 'rapport build' into the link's target.
t_committed_site_link() {
	example_repo ws && victim "$PWD/victim"
	before=$(sums victim)
	(cd ws && ln -s ../victim _site && git add _site &&
	    git commit -qm "a link") || die "cannot commit the link"
	run 2 r -C ws build
	has err "is a symbolic link"
	has err "rapport writes a site only into a folder of its own"
	same "victim" "$(sums victim)" "$before"
	# A link inside the site leads out too.
	mkdir site && r -C ws build -o "$PWD/site" >/dev/null 2>&1 ||
	    die "a plain build failed"
	rm -r site/clients && ln -s ../victim/clients site/clients
	run 2 r -C ws build -o "$PWD/site"
	has err "site/clients is a symbolic link"
	same "victim" "$(sums victim)" "$before"
	# init ignores _site whatever it is.
	run 0 r init new
	grep -qx "/_site" new/.gitignore || die ".gitignore: $(cat new/.gitignore)"
}

# -o naming a folder that is not the site's own: refused, untouched.
t_foreign_output_folders() {
	example_repo ws && victim "$PWD/other"
	before=$(sums other)
	wsbefore=$(sums ws)
	run 2 r -C ws build -o "$PWD/other"
	has err "it holds files rapport did not write"
	same "other" "$(sums other)" "$before"
	for o in . .. clients clients/new "$PWD" .git; do
		run 2 r -C ws build -o "$o"
		case $o in
		clients*) has err "lies inside clients/" ;;
		.git) has err "lies inside a git folder" ;;
		*) has err "contains the workspace" ;;
		esac
	done
	same "workspace" "$(sums ws)" "$wsbefore"
	# A folder of hidden files only (a Pages checkout's .git) is fine.
	mkdir pages && echo x >pages/.nojekyll
	run 0 r -C ws build -o "$PWD/pages"
	[ -f pages/index.html ] && [ -f pages/.nojekyll ] || die "no pages"
	# The site of another workspace is not this one's to prune.
	example_repo ws2
	run 2 r -C ws2 build -o "$PWD/pages"
	has err "is the site of the workspace at"
}

# Only what the last build wrote is ever removed.
t_prunes_only_its_own_files() {
	example_repo ws
	run 0 r -C ws build -o "$PWD/site"
	echo mine >site/clients/notes.html
	echo mine >site/owners/extra.html
	rm ws/clients/harbor-dental.md
	run 0 r -C ws build -o "$PWD/site"
	has out ", 1 stale removed"
	[ -f site/index.html ] && [ -f site/clients/ledgerly.html ] &&
	    [ -f site/owners/dana.html ] || die "pages of this build were removed"
	[ -e site/clients/harbor-dental.html ] && die "stale page kept"
	[ -f site/clients/notes.html ] && [ -f site/owners/extra.html ] ||
	    die "a file the build did not write was removed"
	grep -qx "clients/harbor-dental.html" site/.rapport-site &&
	    die "the marker still lists the removed page"
	true
}

# Staging folders of builds killed with SIGKILL go with the next build;
# two first builds into one new folder take turns.
t_staging_and_turns() {
	example_repo ws
	mkdir -p site.rapport-999999-0/clients
	echo old >site.rapport-999999-0/index.html
	run 0 r -C ws build -o "$PWD/site"
	[ -e site.rapport-999999-0 ] && die "a dead build's stage was left"
	rm -rf site
	r -C ws build -o "$PWD/site" >"$CASE_DIR/a" 2>&1 &
	a=$!
	r -C ws build -o "$PWD/site" >"$CASE_DIR/b" 2>&1 &
	b=$!
	wait $a || die "first build: $(cat "$CASE_DIR/a")"
	wait $b || die "second build: $(cat "$CASE_DIR/b")"
	[ -f site/index.html ] || die "no site"
	ls -d site.rapport-* 2>/dev/null && die "a stage was left"
	true
}

# ---- templates that never end ------------------------------------------

# The built-in templates a workspace may replace, in a chain.
CHAIN="_head.html _foot.html _state.html _signals.html _card.html owner.html agenda.html client.html"

# chain N LAST: each template of CHAIN includes the next one N times;
# the last holds LAST.
chain() {
	set -- $CHAIN "$1" "$2"
	n=$(eval echo "\${$(($# - 1))}")
	last=$(eval echo "\${$#}")
	k=1
	while [ $k -le 8 ]; do
		eval "cur=\${$k}"
		eval "nxt=\${$((k + 1))}"
		: >"ws/templates/$cur"
		if [ $k -lt 8 ]; then
			j=0
			while [ $j -lt "$n" ]; do
				printf '{{>%s}}' "$nxt" >>"ws/templates/$cur"
				j=$((j + 1))
			done
		else
			printf '%s' "$last" >"ws/templates/$cur"
		fi
		k=$((k + 1))
	done
}

# Eight templates, each including the next thirty times: 30^7 renders of
# nothing, that is, forever.  The build stops at its limit, names a
# template, and puts nothing in place.
t_templates_never_end() {
	example_repo ws && mkdir ws/templates
	chain 30 ""
	start=$(date +%s)
	run_status timeout -k 5 "$(limit 60)" "$BIN" --today 2026-11-23 -C ws \
	    build -o "$PWD/site"
	took=$(($(date +%s) - start))
	[ "$st" -eq 2 ] || die "exited $st: $(cat "$CASE_DIR/err")"
	[ "$took" -le "$(limit 15)" ] || die "took ${took}s"
	has err "templates/"
	has err "(does a template include itself over and over?)"
	[ -e site ] && die "a site was put in place"
	# Sixteen a level and some text: pages of hundreds of megabytes.
	chain 16 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	run_status timeout -k 5 "$(limit 60)" "$BIN" --today 2026-11-23 -C ws \
	    build -o "$PWD/site"
	[ "$st" -eq 2 ] || die "exited $st: $(cat "$CASE_DIR/err")"
	has err "makes more than 32 MiB"
	[ -e site ] && die "a site was put in place"
	true
}

# SIGTERM while the pages that need every client are made (sent by the
# fault injector as the first of them is put): the build stops, the old
# site as it was, the new one never appears.  Only the final renames
# hold signals.
t_sigterm_while_rendering() {
	example_repo ws
	run 0 r -C ws build -o "$PWD/site"
	printf '\n## 2026-11-22 <- email: Newer\n' >>ws/clients/ledgerly.md
	before=$(sums site)
	export RAPPORT_NO_CACHE=1
	for jobs in 1 2; do
		export RAPPORT_JOBS=$jobs
		for at in 'mkstemp:*/site/.index.html.*' \
		    'mkstemp:*/site/.agenda.html.*' \
		    'open:*/new.rapport-*/index.html'; do
			case $at in *new.rapport-*) out=new ;; *) out=site ;; esac
			run 143 fault_run "$at:signal=TERM" "$BIN" \
			    --today 2026-11-23 -C ws build -o "$PWD/$out"
			has err "interrupted (signal 15)"
			same "$at: site" "$(sums site)" "$before"
			[ -e new ] && die "$at: an interrupted new site appeared"
			ls -d new.rapport-* site.rapport-* 2>/dev/null &&
			    die "a stage was left"
		done
	done
	true
}

# ---- what reaches a reader ----------------------------------------------

t_control_characters() {
	example_repo ws && cd ws
	esc=$(printf '\033')
	bel=$(printf '\007')
	printf -- '---\nname = Evil%s]0;pwned%s\n---\n\n## 2026-11-20 -> call: ring\302\233 2J\n' \
	    "$esc" "$bel" >clients/evil.md
	printf -- '---\nname = Named\n---\n' >"clients/x${esc}[2J.md"
	run 1 r check
	has out "clients/evil.md:2:12: error: control character U+001B is not text"
	has out "clients/evil.md:2:21: error: control character U+0007"
	has out "clients/evil.md:5:28: error: control character U+009B"
	has out 'clients/x\x1b[2J.md: error: file name'
	for c in check status "status --all" "show evil" "build -o site"; do
		# shellcheck disable=SC2086
		"$BIN" --today 2026-11-23 $c >"$CASE_DIR/o" 2>&1
		grep -q "$esc\|$bel" "$CASE_DIR/o" &&
		    die "'$c' printed a raw control character"
	done
	# A commit message and an author name with an escape: shown visibly.
	git add -A clients/ledgerly.md
	echo >>clients/ledgerly.md
	git -c user.name="Mallory${esc}[31m" commit -qam "msg ${esc}]0;title${bel}"
	run 0 r history ledgerly
	grep -q "$esc\|$bel" "$CASE_DIR/out" && die "history printed raw bytes"
	has out 'Mallory\x1b[31m'
	true
}

t_email_nothing_after() {
	example_repo ws && cd ws
	sed -i 's/^email = jo@.*/email = jo@acme.example?subject=Urgent\&body=Pay/' \
	    clients/ledgerly.md
	grep -q "subject=Urgent" clients/ledgerly.md || sed -i \
	    '/^\[contact\]/a email = jo@acme.example?subject=Urgent&body=Pay' \
	    clients/ledgerly.md
	run 1 r check clients/ledgerly.md
	has out "is not an e-mail address"
}

t_the_feed() {
	example_repo ws && cd ws
	cat >>clients/ledgerly.md <<-'EOF'

	- [ ] Send the report due:2026-11-10
	- [ ] Send the report due:2026-12-10
	- [ ] Close the month due:2026-11-30
	- [ ] Close the year due:2026-12-31
	- [ ] Count the leap day due:2028-02-28
	EOF
	run 0 r build -o site
	/usr/bin/python3 - site/followups.ics 2026-11-23 <<-'EOF' >"$CASE_DIR/feed" 2>&1 ||
	import sys
	from icalendar import Calendar
	cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
	today = sys.argv[2].replace("-", "")
	uids, reports = set(), 0
	for ev in cal.walk("VEVENT"):
	    uid = str(ev["UID"])
	    assert uid not in uids, "UID twice: " + uid
	    uids.add(uid)
	    assert "URL" not in ev, "a URL without [site] url"
	    assert "Contact:" in str(ev["DESCRIPTION"]) or "Ledgerly" not in str(ev["SUMMARY"]), "no contact"
	    start = ev["DTSTART"].to_ical().decode()
	    s = str(ev["SUMMARY"])
	    if "late since" in s:
	        assert start == today, "a late event not on today: " + s
	    if "Send the report" in s:
	        reports += 1
	assert reports == 2, "%d report events" % reports
	# Every all-day event lasts one day: DTEND is the next day, across
	# a month's end, a year's end and a leap day too.
	import datetime
	starts = set()
	for ev in cal.walk("VEVENT"):
	    start = ev["DTSTART"].dt
	    if isinstance(start, datetime.datetime):
	        continue
	    assert "DTEND" in ev, "no DTEND: " + str(ev["SUMMARY"])
	    end = ev["DTEND"].dt
	    assert not isinstance(end, datetime.datetime), "DTEND not a date"
	    assert end == start + datetime.timedelta(days=1), \
	        "%s to %s: %s" % (start, end, ev["SUMMARY"])
	    starts.add(start.isoformat())
	for d in "2026-11-30", "2026-12-31", "2028-02-28":
	    assert d in starts, "no event on " + d
	print("ok")
	EOF
	    die "feed: $(cat "$CASE_DIR/feed")"
	# UIDs are stable: a new promise leaves every other event its UID.
	cp site/followups.ics "$CASE_DIR/before.ics"
	sed -i 's/^- \[ \] Send the report due:2026-11-10/- [ ] A new promise due:2026-11-01\n&/' \
	    clients/ledgerly.md
	grep -q "A new promise" clients/ledgerly.md || die "no new promise"
	run 0 r build -o site
	/usr/bin/python3 - "$CASE_DIR/before.ics" site/followups.ics <<-'EOF' \
	    >"$CASE_DIR/uids" 2>&1 || die "UIDs moved: $(cat "$CASE_DIR/uids")"
	import sys
	from icalendar import Calendar
	def events(p):
	    cal = Calendar.from_ical(open(p, "rb").read())
	    return {str(e["UID"]): str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
	old, new = events(sys.argv[1]), events(sys.argv[2])
	moved = [u for u in old if new.get(u) != old[u]]
	assert not moved, moved
	EOF
	sed -i 's|^\[site\]$|[site]\nurl = https://clients.example.com/agency|' \
	    rapport.ini
	run 0 r build -o site
	grep -q "^URL:https://clients.example.com/agency/clients/ledgerly.html" \
	    site/followups.ics || die "no absolute URL"
	sed -i 's|^url = .*|url = javascript:alert(1)|' rapport.ini
	run 1 r check
	has out "is not the address of a site"
}

t_dates_past_9999() {
	example_repo ws && cd ws
	printf -- '---\nname = Far\nowner = dana\nsince = 9999-12-01\ncadence = 9999w\n---\n' \
	    >clients/far.md
	run 1 r check clients/far.md
	has out "clients/far.md:5:1: error: the next check-in would be due after 9999-12-31"
	# Nothing wraps in the feed of what is left.
	run 1 r build -o site
	grep -q "DT[A-Z]*;VALUE=DATE:0" site/followups.ics && die "a wrapped date"
	true
}

t_shallow_clone() {
	example_repo ws
	(cd ws && echo >>clients/ledgerly.md && git commit -qam two &&
	    echo >>clients/ledgerly.md && git commit -qam three) ||
	    die "no commits"
	git clone -q --depth 1 "file://$PWD/ws" shallow || die "no clone"
	cd shallow
	run 0 r history ledgerly
	has out "three"
	has out "the history is cut: this is a shallow clone"
	run 0 r history harbor-dental
	has out "the history is cut"
	run 0 r build -o site
	grep -q "shallow clone" site/clients/ledgerly.html ||
	    die "the page does not say the history is cut"
}

# The first build of a new workspace (the sanitizer build aborted here).
t_fresh_workspace_builds() {
	run 0 r init agency
	run 0 r -C agency build
	[ -f agency/_site/index.html ] || die "no site"
	run 0 r -C agency new Alpha
	run 0 r -C agency build
}

# A colleague's clients/con.md (or a folder aux/) cannot be checked out
# by Git for Windows (issue 33): check warns, naming the file and the
# git mv that fixes it, in any case and under a folder; a name that only
# looks like one is fine.
t_windows_device_names() {
	example_repo ws && cd ws
	mkdir clients/aux clients/group
	# (Each with addresses of its own: a shared one is a warning too.)
	sed "s/@ledgerly/@con/g" clients/ledgerly.md >clients/con.md
	sed 's/^name = .*/name = Aux/; s/@ledgerly/@aux/g' clients/ledgerly.md >clients/aux/tools.md
	sed 's/^name = .*/name = Lpt/; s/@ledgerly/@lpt/g' clients/ledgerly.md >clients/group/lpt1.md
	sed 's/^name = .*/name = Coms/; s/@ledgerly/@coms/g' clients/ledgerly.md >clients/group/com10.md
	git mv clients/ledgerly.md clients/group/console.md
	git add clients
	run 1 r check --strict
	has out "clients/con.md: warning: file name 'con.md' is a device name on Windows: Git for Windows cannot check it out; rename it: git mv clients/con.md clients/con-client.md"
	has out "clients/group/lpt1.md: warning: file name 'lpt1.md' is a device name on Windows"
	has out "git mv clients/group/lpt1.md clients/group/lpt1-client.md"
	has out "clients/aux/tools.md: warning: folder name 'aux' is a device name on Windows"
	grep -q "com10\|console" "$CASE_DIR/out" && die "an ordinary name was warned about"
	same "warnings" "$(grep -c 'device name on Windows' "$CASE_DIR/out")" 3
	# Named files alone, and the same without --strict: only a warning.
	run 0 r check clients/con.md
	has out "clients/con.md: warning: file name 'con.md' is a device name"
	git mv clients/con.md clients/con-client.md
	git mv clients/aux clients/tools
	git mv clients/group/lpt1.md clients/group/lpt1-client.md
	run 0 r check --strict
}

# ---- issue 33: mail (files that are not files) ----

# A FIFO where a client file or one of rapport's caches should be: no
# command waits for a writer that never comes; the client FIFO is named
# and the rest is read.  Each run is bounded, so that a hang fails.
t_fifo_client_file() {
	example_repo ws
	run 0 r -C ws build
	ls ws/.git/rapport/clients ws/.git/rapport/history \
	    ws/.git/rapport/rows.0 >/dev/null ||
	    die "no caches to replace: $(ls ws/.git/rapport)"
	mkfifo ws/clients/x.md || skip "no mkfifo"
	for f in ws/.git/rapport/clients ws/.git/rapport/history \
	    ws/.git/rapport/rows.0; do
		rm -f "$f" && mkfifo "$f" || die "cannot make $f"
	done
	for c in status check build; do
		run_status timeout -k 5 "$(limit 60)" "$BIN" --today \
		    2026-11-23 -C ws $c
		[ "$st" -ne 124 ] && [ "$st" -ne 137 ] ||
		    die "$c waits on a FIFO (exit $st)"
		grep -q "clients/x.md" "$CASE_DIR/out" "$CASE_DIR/err" ||
		    die "$c does not name clients/x.md: $(cat "$CASE_DIR/err")"
		grep -q "ledgerly\|Ledgerly" "$CASE_DIR/out" "$CASE_DIR/err" \
		    "$PWD/ws/_site/index.html" 2>/dev/null ||
		    die "$c read nothing else"
		[ $c != check ] || grep -q "clients/x.md: error: not a regular" \
		    "$CASE_DIR/out" "$CASE_DIR/err" || die "check: $(cat \
		    "$CASE_DIR/out" "$CASE_DIR/err")"
	done
}

harness_run "$@"
