#!/bin/sh
# git.sh: the committing commands (init, new, log, edit, commit, history)
# against throw-away repositories, with every result checked by the git
# program: git log, git show --stat, git status --porcelain before and after,
# git diff of the work left alone, and git fsck.
#
#   sh tests/git.sh ./rapport [CASE...]
#
# Each case runs in its own folder under a temporary HOME whose
# .gitconfig names the user; RAPPORT_WRAP runs the binary under valgrind.

NAME=git
. "$(dirname "$0")/harness.sh"

# The whole state of the repository and work tree, to prove nothing changed.
state() {
	{
		git rev-parse -q --verify HEAD || echo unborn
		git symbolic-ref -q HEAD || echo detached
		git status --porcelain --untracked-files=all
		git diff
		git diff --cached
		find . -path ./.git -prune -o -type f -print | LC_ALL=C sort |
		    xargs sha1sum
		# rapport's own folder holds its lock and caches; anything
		# else there (a journal, a copy being edited) is a leftover.
		ls .git | grep -vx rapport
		ls .git/rapport 2>/dev/null | grep -vx 'lock\|clients\|history\|rows\.[01]'
	} 2>&1
}

# Everything git reports about the work tree outside the given paths.
others() {
	git status --porcelain --untracked-files=all -- . "$@"
	git diff -- . "$@"
	git diff --cached -- . "$@"
}

fsck() {
	git fsck --strict --no-dangling >"$CASE_DIR/fsck" 2>&1 ||
	    die "git fsck: $(cat "$CASE_DIR/fsck")"
}

count() {
	git rev-list --count HEAD 2>/dev/null || echo 0
}

# ---- init -----------------------------------------------------------

t_init_new_repository() {
	run 0 r init agency
	has out "made a workspace in"
	cd agency
	same "log" "$(git log --format=%s)" "start the rapport workspace agency"
	same "stat" "$(git show --stat --format= HEAD | sed '$d' |
	    awk '{print $1}')" ".gitattributes
.gitignore
clients/.gitkeep
rapport.ini"
	has out "set up the rapport merge for git merge and git pull"
	same "attributes" "$(grep -v '^#' .gitattributes)" "clients/**/*.md merge=rapport
rapport.ini merge=rapport"
	same "driver" "$(git config --local merge.rapport.driver)" \
	    "'$BIN' merge-file %O %A %B %P"
	same "status" "$(git status --porcelain)" ""
	grep -qx "/_site" .gitignore || die ".gitignore lacks /_site"
	grep -q "^cadence = 14d" rapport.ini || die "no default cadence"
	grep -q "^report_day = 5" rapport.ini || die "no default report_day"
	run 0 r check
	has out "no problems"
	fsck
}

# issue 35: init writes the creator's zone, or an example when TZ names
# none; what check and every command then read.
t_init_writes_the_zone() {
	TZ=America/Chicago run 0 r init chicago
	grep -qx "timezone = America/Chicago *; .*" chicago/rapport.ini ||
	    die "no zone: $(grep timezone chicago/rapport.ini)"
	# Every setting shown, the optional ones as commented examples.
	for l in '^; url = https://' '^\[mail\]$' '^; own = ' \
	    '^; public_domains = ' '^; \[owner dana\]$'; do
		grep -q "$l" chicago/rapport.ini || die "init's rapport.ini lacks $l"
	done
	TZ=UTC-13 run 0 r init posix
	grep -qx "; timezone = Europe/London *; .*" posix/rapport.ini ||
	    die "a POSIX TZ made a zone: $(grep timezone posix/rapport.ini)"
	sed -i 's|^; timezone = Europe/London|timezone = Europe/Londn|' \
	    posix/rapport.ini
	run 1 r -C posix check
	has out "rapport.ini:8:12: error: timezone: 'Europe/Londn' is not a zone of the tz database"
	sed -i '/^timezone/d' posix/rapport.ini
	run 0 r -C posix check
	has out "rapport.ini: note: no [workspace] timezone"
}

# issue 35: log writes the time on the workspace's clock, whatever TZ the
# person has, and git records the person's own zone.
t_log_in_the_workspace_zone() {
	example_repo ws && cd ws
	grep -q "^timezone = America/New_York" rapport.ini ||
	    die "the example has no zone"
	before=$(TZ=America/New_York date +%H:%M)
	TZ=Asia/Tokyo run 0 r log ledgerly --note "Zoned"
	after=$(TZ=America/New_York date +%H:%M)
	t=$(sed -n 's/^## 2026-11-23 \([0-9:]*\) Zoned$/\1/p' clients/ledgerly.md)
	[ "$t" = "$before" ] || [ "$t" = "$after" ] ||
	    die "the entry's time $t is not New York's ($before)"
	same "the person's zone in git" "$(git log -1 --format=%ai |
	    cut -d' ' -f3)" "+0900"
}

# issue 35: git merge through the driver names what conflicts, with both
# values, as sync does.
t_merge_file_names_the_conflict() {
	run 0 r init agency && cd agency
	run 0 r new Acme
	git checkout -qb other
	sed -i 's/^health = green/health = red/' clients/acme.md
	git commit -qam red
	git checkout -q -
	sed -i 's/^health = green/health = amber/' clients/acme.md
	git commit -qam amber
	run 1 git merge other
	line=$(grep -n '^<<<<<<< ' clients/acme.md | cut -d: -f1)
	[ -n "$line" ] || die "no conflict marked"
	has err "clients/acme.md:$line:1: conflict: 'health' is amber in ours and red in theirs"
	run 1 r check clients/acme.md
	has out "clients/acme.md:$line:1: error: git conflict marker: 'health' is amber in ours and red in theirs: resolve"
}

# issue 35: both sides reordered the entries, differently: ours is kept,
# theirs' new entry placed in it, and merge-file says so.
t_merge_file_both_reordered() {
	mkdir m && cd m
	fm='---\nname = A\n---\n\n'
	one='## 2026-11-01 -> call: One\n'
	two='## 2026-11-05 -> call: Two\n'
	three='## 2026-11-09 -> call: Three\n'
	printf -- "$fm$one\n$two\n$three" >base
	printf -- "$fm$three\n$two\n$one" >ours
	printf -- "$fm$two\n$one\n$three\n## 2026-11-12 <- email: Four\n" >theirs
	run 0 r merge-file base ours theirs clients/a.md
	has err "clients/a.md: warning: reordered on both sides, differently: ours is kept"
	same "ours' order" "$(grep '^## ' ours | cut -c4-13)" "2026-11-12
2026-11-09
2026-11-05
2026-11-01"
}

t_init_in_an_existing_workspace() {
	run 0 r init agency
	cd agency
	run 0 r new Alpha
	echo "; mine" >>rapport.ini
	# Set up already: init says so and changes nothing.
	before=$(state)
	run 0 r init
	has out "a workspace already"
	has out ".gitattributes: has the merge's lines already"
	has out "nothing else was changed"
	same "state" "$(state)" "$before"
	# A workspace from before the merge: init adds that, alone.
	git rm -q .gitattributes && git commit -qm "no attributes"
	git config --unset-all merge.rapport.driver
	commits=$(count)
	run 0 r init .
	has out "the merge's lines added and committed"
	same "commits" "$(count)" "$((commits + 1))"
	same "committed" "$(git show --name-only --format= HEAD)" ".gitattributes"
	grep -qx 'clients/\*\*/\*.md merge=rapport' .gitattributes ||
	    die "no merge line in .gitattributes"
	case $(git config merge.rapport.driver) in
	*"merge-file %O %A %B %P") ;;
	*) die "driver: $(git config merge.rapport.driver)" ;;
	esac
	same "hand edit" "$(git diff --name-only)" "rapport.ini"
	tail -1 rapport.ini | grep -qx '; mine' || die "the hand edit is gone"
	fsck
}

t_init_inside_a_repository() {
	git init -q big && cd big
	echo one >README && echo keep >staged.txt && git add . &&
	    git commit -qm first
	echo two >>README
	echo staged >>staged.txt && git add staged.txt
	echo "/build" >.gitignore
	before=$(others ':!agency')
	run 0 r init agency
	has out "made a workspace in"
	same "others" "$(others ':!agency')" "$before"
	same "files" "$(git show --name-only --format= HEAD)" "agency/.gitattributes
agency/.gitignore
agency/clients/.gitkeep
agency/rapport.ini"
	same "head~1" "$(git log --format=%s -1 HEAD~1)" "first"
	[ -d agency/.git ] && die "a nested repository was made"
	fsck
}

t_init_without_identity() {
	rm "$HOME/.gitconfig"
	run 2 r init agency
	has err "git does not know who you are"
	has err "git config --global user.email"
	[ -e agency/.git ] && die "a repository was made"
	[ -e agency/rapport.ini ] && die "rapport.ini was written"
	true
}

# ---- new ------------------------------------------------------------

t_new_client() {
	run 0 r init agency && cd agency
	run 0 r new "Café Société" Ltd
	has out "created clients/cafe-societe-ltd.md"
	same "log" "$(git log --format=%s -1)" \
	    "cafe-societe-ltd: new client, Café Société Ltd"
	same "stat" "$(git show --name-only --format= HEAD)" \
	    "clients/cafe-societe-ltd.md"
	grep -qx "name = Café Société Ltd" clients/cafe-societe-ltd.md ||
	    die "name not written"
	grep -qx "since = 2026-11-23" clients/cafe-societe-ltd.md ||
	    die "since not today"
	same "status" "$(git status --porcelain)" ""
	run 0 r check --strict
	run 0 r new Zeta --slug zed
	[ -f clients/zed.md ] || die "--slug ignored"
	fsck
}

# issue 35: a client that looks like the new one is named, and nothing is
# made without --force: the same words and more in the file name, the
# same name but for case and a company's form, an address at its domain.
t_new_refuses_a_lookalike() {
	run 0 r init agency && cd agency
	run 0 r new "Acme Widgets Ltd" --email jo@acme-widgets.example
	grep -qx "email = jo@acme-widgets.example" clients/acme-widgets-ltd.md ||
	    die "--email not written"
	run 0 r check --strict
	before=$(state)
	run 2 r new "Acme Widgets"
	has err "'Acme Widgets' looks like a client you have:"
	has err "acme-widgets-ltd  Acme Widgets Ltd: its file name is the same words and more"
	has err "add --force"
	run 2 r new "ACME widgets, Inc."
	has err "its name is the same but for case, punctuation or a company's form"
	run 2 r new "Widget World" --email sam@acme-widgets.example
	has err "its addresses are at the same mail domain"
	same "state" "$(state)" "$before"
	# A public mail domain is anyone's; a name that only begins alike
	# is another client.
	run 0 r new "Pat Solo" --email pat.solo@gmail.com
	run 0 r new "Widget World" --email sam@gmail.com
	run 0 r new "Acmeville"
	run 2 r new "Bad" --email "not an address"
	has err "--email 'not an address' is not an e-mail address"
	run 0 r new "Acme Widgets" --force
	[ -f clients/acme-widgets.md ] || die "--force made nothing"
}

t_new_refuses_a_taken_slug() {
	run 0 r init agency && cd agency
	mkdir -p clients/archive
	printf -- '---\nname = Acme\nstatus = former\n---\n' \
	    >clients/archive/acme.md
	git add clients && git commit -qm acme
	before=$(state)
	run 2 r new ACME
	has err "slug 'acme' is taken by clients/archive/acme.md"
	same "state" "$(state)" "$before"
	run 2 r new "Bad ; name"
	has err "would start a comment"
	run 2 r new --slug "Not A Slug" Fine
	has err "is not a slug"
	same "state" "$(state)" "$before"
}

t_new_owner() {
	example_repo agency && cd agency
	before=$(state)
	GIT_AUTHOR_EMAIL=jo@elsewhere.example run 2 r new "Newco"
	has err "your e-mail, jo@elsewhere.example, is no owner's"
	has err "marco"
	run 2 r new --owner nobody "Newco"
	has err "owner 'nobody' is not declared"
	same "state" "$(state)" "$before"
	owner_email=$(grep -m1 '^email' rapport.ini | sed 's/.*= *//')
	owner=$(grep -m1 '^\[owner' rapport.ini | sed 's/\[owner \(.*\)\]/\1/')
	GIT_AUTHOR_EMAIL=$owner_email run 0 r new "Newco"
	grep -qx "owner = $owner" clients/newco.md || die "owner not found by e-mail"
	run 0 r new --owner "$owner" "Otherco"
	run 0 r check clients/newco.md clients/otherco.md
	fsck
}

# ---- log ------------------------------------------------------------

t_log_appends_and_commits() {
	example_repo agency && cd agency
	f=$(ls clients/*.md | head -1)
	slug=$(basename "$f" .md)
	cp "$f" "$T/before.md"
	# The example's clock is New York's ([workspace] timezone).
	from=$(TZ=America/New_York date +%H:%M)
	run 0 r log "$slug" --out --channel Call --hours 1.5 Walked Jo "through" the plan
	to=$(TZ=America/New_York date +%H:%M)
	# Without --time the entry carries the clock's time: between the
	# times before and after (unless the run crossed midnight).
	hm=$(tail -1 "$f" | sed -n 's/^## 2026-11-23 \([0-2][0-9]:[0-5][0-9]\) .*/\1/p')
	[ -n "$hm" ] || die "no time in the entry: $(tail -1 "$f")"
	[ "$to" \< "$from" ] || { ! [ "$hm" \< "$from" ] && ! [ "$to" \< "$hm" ]; } ||
	    die "the entry's time $hm is not the clock's ($from to $to)"
	has out "[$(git rev-parse --short=7 HEAD)] $slug: 2026-11-23 $hm -> call: Walked Jo through the plan (1.5h)"
	same "tail" "$(tail -2 "$f")" "
## 2026-11-23 $hm -> call: Walked Jo through the plan (1.5h)"
	same "head of file" "$(head -n "$(wc -l <"$T/before.md")" "$f")" \
	    "$(cat "$T/before.md")"
	same "stat" "$(git show --numstat --format= HEAD)" "2	0	$f"
	same "status" "$(git status --porcelain)" ""
	run 0 r log "$slug" --in --time 23:59 "Asked about the invoice"
	same "tail" "$(tail -1 "$f")" "## 2026-11-23 23:59 <- Asked about the invoice"
	run 0 r log "$slug" --note --channel memo --date 2026-11-20 --time 7:05 \
	    "Internal: prepare Q1"
	same "tail" "$(tail -1 "$f")" "## 2026-11-20 07:05 memo: Internal: prepare Q1"
	same "count" "$(count)" 4
	run 0 r check "$f"
	fsck
}

t_log_keeps_other_work() {
	example_repo agency && cd agency
	set -- $(ls clients/*.md | head -3)
	echo "staged line" >>"$2" && git add "$2"
	echo "unstaged line" >>"$3"
	echo "new" >untracked.txt
	echo "staged" >other.txt && git add other.txt
	echo "half" >>"$1" && git add "$1" && echo "more" >>"$1"
	before=$(others ":!$1")
	slug=$(basename "$1" .md)
	staged=$(git diff --cached -- "$1" | grep '^[-+][^-+]')
	unstaged=$(git diff -- "$1" | grep '^[-+][^-+]')
	run 0 r log "$slug" --out --channel email --time 10:00 "Sent the plan"
	same "other work" "$(others ":!$1")" "$before"
	same "committed" "$(git show --name-only --format= HEAD)" "$1"
	# Only the entry was committed; what was staged is still staged,
	# what was not is still not, and the entry is in all three.
	same "the commit" "$(git show --format= HEAD | grep '^[-+][^-+]')" \
	    "+## 2026-11-23 10:00 -> email: Sent the plan"
	same "file status" "$(git status --porcelain -- "$1")" "MM $1"
	same "staged" "$(git diff --cached -- "$1" | grep '^[-+][^-+]')" \
	    "$staged"
	same "unstaged" "$(git diff -- "$1" | grep '^[-+][^-+]')" "$unstaged"
	same "work tree" "$(tail -3 "$1")" "more

## 2026-11-23 10:00 -> email: Sent the plan"
	fsck
}

# After "--" every word is the message's: the global options (taken from
# anywhere before it) and --help are text there, as for git.
t_log_after_double_dash() {
	example_repo agency && cd agency
	f=clients/ledgerly.md
	n=$(count)
	# (A note cannot start with '-': it would read as an arrow.)
	run 0 r log ledgerly --in --time 09:00 -- --today 2026-01-01
	same "committed" "$(git show "HEAD:$f" | tail -1)" \
	    "## 2026-11-23 09:00 <- --today 2026-01-01"
	run 0 r log ledgerly --out --time 09:05 -- -C /tmp
	same "committed" "$(git show "HEAD:$f" | tail -1)" \
	    "## 2026-11-23 09:05 -> -C /tmp"
	run 0 r log ledgerly --out --time 09:10 -- -C/tmp --today=2026-01-01 --help
	same "committed" "$(git show "HEAD:$f" | tail -1)" \
	    "## 2026-11-23 09:10 -> -C/tmp --today=2026-01-01 --help"
	# Before "--" they are options still.
	run 0 r log --today 2026-11-20 ledgerly --in --time 09:15 -- -h
	same "committed" "$(git show "HEAD:$f" | tail -1)" \
	    "## 2026-11-20 09:15 <- -h"
	same "commits" "$(count)" "$((n + 4))"
	same "status" "$(git status --porcelain)" ""
	run 0 r check "$f"
}

t_log_finds_clients() {
	example_repo agency && cd agency
	slug=$(ls clients/*.md | head -1 | xargs basename | sed 's/\.md$//')
	prefix=$(echo "$slug" | cut -c1-4)
	name=$(grep -m1 '^name' "clients/$slug.md" | sed 's/name = //')
	run 0 r log "$prefix" --out "By prefix"
	tail -1 "clients/$slug.md" | grep -q "By prefix" || die "prefix"
	run 0 r log "$(echo "$name" | tr 'a-z' 'A-Z')" --out "By name"
	tail -1 "clients/$slug.md" | grep -q "By name" || die "name"
	before=$(state)
	run 2 r log zzz-nobody --out "Nobody"
	has err "no client matches 'zzz-nobody'"
	run 2 r log "" --out "Everyone"
	has err "matches"
	same "state" "$(state)" "$before"
}

# ---- done -----------------------------------------------------------

t_done_keeps_a_promise() {
	example_repo agency && cd agency
	f=clients/ledgerly.md
	sed -i 's/^tags = .*/tags = hand, edit/' "$f"
	edit=$(git diff -- "$f" | grep '^[-+][^-+]')
	run 0 r done ledgerly "october REPORT"
	has out "[$(git rev-parse --short=7 HEAD)] ledgerly: done: Send the October report"
	# The tick alone is committed; the hand edit stays in the work tree,
	# which has the tick too.
	same "the commit" "$(git show --format= HEAD | grep '^[-+]' |
	    grep -v '^\(---\|+++\) ')" \
	    "-- [ ] Send the October report due:2026-11-16
+- [x] Send the October report due:2026-11-16 done:2026-11-23"
	same "hand edit" "$(git diff -- "$f" | grep '^[-+][^-+]')" "$edit"
	grep -q '^- \[x\] Send the October report due:2026-11-16 done:2026-11-23$' \
	    "$f" || die "the work tree has no tick"
	run 0 r show ledgerly
	has out "[x] 2026-11-23  Send the October report"
	run 0 r check "$f"
	fsck
}

t_done_refuses_what_it_cannot_choose() {
	example_repo agency && cd agency
	f=clients/ledgerly.md
	before=$(state)
	run 2 r done ledgerly send
	has err "$f: error: 'send' is in 2 open commitments"
	has err "$f:94:3: note: Send the final October MRR and CAC export, due 2026-11-13 (theirs)"
	has err "$f:99:3: note: Send the October report, due 2026-11-16"
	run 2 r done ledgerly "no such words"
	has err "no open commitment contains 'no such words'"
	has err "$f:103:3: note: Draft the trial-to-paid"
	run 2 r done ledgerly linkedin
	has err "'linkedin' was kept already"
	has err "$f:88:3: note: Share the LinkedIn test summary with Clara"
	run 2 r done ledgerly
	has err "usage: rapport done [-n|--no-verify] CLIENT TEXT"
	run 2 r done ledgerly "  "
	has err "TEXT is empty"
	same "state" "$(state)" "$before"
	# One that is only in uncommitted changes is committed first.
	printf -- '- [ ] Fresh promise due:2026-12-01\n' >>"$f"
	before=$(state)
	run 2 r done ledgerly fresh
	has err "'Fresh promise' is not open in the last commit"
	same "state" "$(state)" "$before"
	# Once kept, a second done says so, at the kept one's line.
	git checkout -q -- "$f"
	run 0 r done ledgerly "  nurture   " sequence
	has out "ledgerly: done: Draft the trial-to-paid e-mail nurture sequence"
	run 2 r done ledgerly "nurture sequence"
	has err "$f:103:3: note: Draft the trial-to-paid e-mail nurture sequence, kept on 2026-11-23"
	fsck
}

# ---- share ------------------------------------------------------------

# The [share] key of HEAD's version of file $1.
head_key() {
	git show "HEAD:$1" | sed -n '/^\[share\]/,/^\[/s/^key = //p'
}

t_share_gives_a_key() {
	example_repo agency && cd agency
	f=clients/ledgerly.md
	sed -i 's/^tags = .*/tags = hand, edit/' "$f"
	edit=$(git diff -- "$f" | grep '^[-+][^-+]')
	n=$(count)
	run 0 r share ledgerly
	k=$(head_key "$f")
	has out "ledgerly: shared at share/$k/"
	has out "whoever has the address can read the page"
	same "commits" "$(count)" "$((n + 1))"
	same "message" "$(git log -1 --format=%s)" "ledgerly: share: new key"
	# 128 random bits: 22 characters of base64url, in no message.
	echo "$k" | grep -qx '[A-Za-z0-9_-]\{22\}' || die "key '$k'"
	git log -1 --format=%B | grep -q -- "$k" && die "the key is in the message"
	same "the commit" "$(git show --format= HEAD | grep '^[-+]' |
	    grep -v '^\(---\|+++\) ')" "+[share]
+key = $k"
	same "hand edit" "$(git diff -- "$f" | grep '^[-+][^-+]')" "$edit"
	run 0 r check "$f"
	# A second key is refused; rotate makes a new one, hand edit kept.
	before=$(state)
	run 2 r share ledgerly
	has err "has a [share] key already: 'rapport share --rotate ledgerly'"
	same "state" "$(state)" "$before"
	run 0 r share --rotate ledgerly
	k2=$(head_key "$f")
	[ -n "$k2" ] && [ "$k2" != "$k" ] || die "rotate kept '$k'"
	has out "the old address, share/$k/, goes with the next build"
	same "hand edit" "$(git diff -- "$f" | grep '^[-+][^-+]')" "$edit"
	# Revoke: the key and the section it leaves empty go.
	run 0 r share ledgerly --revoke
	has out "ledgerly: no longer shared; the next build removes share/$k2/"
	git show HEAD:"$f" | grep -q 'share' && die "[share] left in HEAD"
	same "back to before" "$(git diff HEAD~3 HEAD -- "$f")" ""
	run 2 r share --revoke ledgerly
	has err "has no [share] key: 'rapport share ledgerly' makes one"
	run 2 r share --revoke --rotate ledgerly
	has err "not both"
	run 2 r share
	has err "share needs the client"
	fsck
}

t_share_keys_checked() {
	example_repo agency && cd agency
	# A [share] section just before the front-matter's closing line.
	awk 'NR > 1 && /^---$/ && !d { print "[share]"; print "key = sh0rt"; d = 1 }
	    { print }' clients/ledgerly.md >t && mv t clients/ledgerly.md
	run 1 r check clients/ledgerly.md
	has out "key: 'sh0rt' is not a share key (at least 22 of A-Z a-z 0-9 _ -)"
	git checkout -q -- clients/ledgerly.md
	run 0 r share ledgerly
	k=$(head_key clients/ledgerly.md)
	awk -v k="$k" 'NR > 1 && /^---$/ && !d { print "[share]"; print "key = " k; d = 1 }
	    { print }' clients/harbor-dental.md >t && mv t clients/harbor-dental.md
	run 1 r check
	has out "clients/harbor-dental.md:"
	has out "[share] key is also clients/ledgerly.md's"
	has out "clients/ledgerly.md:"
	# A build refuses one page for two clients, and writes nothing.
	run 2 r build -o site
	has err "nothing was built: give each client a key of its own"
	[ -e site ] && die "a site was built"
	# A [share] section of the user's own: the key goes in it, and
	# only the key goes out of it.
	git checkout -q -- .
	f=clients/northfield-widget.md
	awk 'NR > 1 && /^---$/ && !d { print "[share]"; print "; sent to Jo"; d = 1 }
	    { print }' "$f" >t && mv t "$f"
	git commit -q -m "a share section" -- "$f"
	run 0 r share northfield-widget
	same "inserted" "$(git show --format= HEAD | grep '^[-+]' |
	    grep -v '^\(---\|+++\) ' | sed 's/= .*/= K/')" "+key = K"
	run 0 r share --revoke northfield-widget
	same "kept" "$(git diff HEAD~2 HEAD -- "$f")" ""
	fsck
}

t_log_refuses_bad_input() {
	example_repo agency && cd agency
	f=$(ls clients/*.md | head -1)
	slug=$(basename "$f" .md)
	before=$(state)
	run 2 r log "$slug" --in --out "Both"
	has err "give one of --in, --out and --note"
	run 2 r log "$slug" "No direction"
	has err "usage: rapport log CLIENT (--in|--out|--note)"
	run 2 r log "$slug" --out --channel "two words" "x"
	has err "is not one word"
	run 2 r log "$slug" --out --hours 1,5 "x"
	has err "decimal point"
	run 2 r log "$slug" --out "$(printf 'two\nlines')"
	has err "one line"
	run 2 r log "$slug" --note "email: looks like a channel"
	has err "would not read back"
	has err "give the channel first (--channel note \"email: looks like a channel\"), or write it without that colon (\"email - looks like a channel\")"
	run 2 r log "$slug" --in "Call about it (2h)"
	has err "the parentheses at its end read as hours spent: give hours with --hours N"
	run 2 r log "$slug" --note "Ticket #"
	has err "would not read back"
	run 2 r log "$slug" --out "   "
	has err "empty"
	run 2 r log "$slug" --out --date 2026-02-30 "x"
	has err "--date '2026-02-30' does not exist: February 2026 has 28 days"
	run 2 r log "$slug" --out --date 23.11.2026 "x"
	has err "is not a date: write YYYY-MM-DD"
	run 2 r log "$slug" --out --date 2026-11-24 "x"
	has err "is after today (2026-11-23)"
	run 2 r log "$slug" --out --time 25:00 "x"
	has err "--time '25:00' is not a time of day"
	run 2 r log "$slug" --out --time 12:60 "x"
	has err "is not a time of day"
	run 2 r log "$slug" --out --time 9 "x"
	has err "is not a time of day"
	same "state" "$(state)" "$before"
	# A committed file with errors is not logged to.
	sed -i 's/^status = .*/status = dormant/' "$f"
	git commit -qam "dormant"
	before=$(state)
	run 2 r log "$slug" --out "Hello"
	has err "has errors: fix them first"
	has err "status 'dormant'"
	same "state" "$(state)" "$before"
	# Errors only in uncommitted hand edits: the entry is committed on
	# HEAD's text, the hand edit stays in the work tree, and log says so.
	git reset -q --hard HEAD~1
	sed -i 's/^status = .*/status = dormant/' "$f"
	run 0 r log "$slug" --out --time 08:00 "Hello"
	has err "the uncommitted changes in $f have errors"
	git show HEAD:"$f" | grep -q "^status = dormant" &&
	    die "the hand edit was committed"
	same "work tree" "$(git diff -- "$f" | grep '^[-+][^-+]' |
	    awk '{ print $1, $2, $3 }')" \
	    "-status = active
+status = dormant"
	same "entry" "$(tail -1 "$f")" "## 2026-11-23 08:00 -> Hello"
}

t_log_crlf_file_keeps_crlf() {
	example_repo agency && cd agency
	f=$(ls clients/*.md | head -1)
	sed -i 's/$/\r/' "$f" && git commit -qam crlf
	run 0 r log "$(basename "$f" .md)" --out "Called"
	tail -c 30 "$f" | od -c | grep -q '\\r  \\n' || die "CRLF lost"
	[ "$(grep -c "$(printf '\r')\$" "$f")" = "$(wc -l <"$f")" ] ||
	    die "mixed line ends"
	run 0 r check "$f"
}

t_log_keeps_file_mode() {
	example_repo agency && cd agency
	f=$(ls clients/*.md | head -1)
	chmod 600 "$f"
	run 0 r log "$(basename "$f" .md)" --out "Called"
	same "mode" "$(stat -c %a "$f")" 600
	same "temporary files" "$(find . -name '.*.md.*' | head -1)" ""
}

t_log_refuses_a_link() {
	example_repo agency && cd agency
	f=$(ls clients/*.md | head -1)
	ln -s "$(basename "$f")" clients/alias.md
	git add clients/alias.md && git commit -qm alias
	before=$(state)
	run 2 r log alias --out "Through the link"
	has err "clients/alias.md is a symbolic link"
	EDITOR="sed -i s/a/b/" run 2 r edit alias
	has err "clients/alias.md is a symbolic link"
	same "state" "$(state)" "$before"
}

t_log_undone_when_the_commit_fails() {
	example_repo agency && cd agency
	f=$(ls clients/*.md | head -1)
	# Another git command holds the branch: the commit cannot move it.
	: >.git/refs/heads/main.lock
	before=$(state)
	run 2 r log "$(basename "$f" .md)" --out "Cannot land"
	has err "git is updating the branch ($PWD/.git/refs/heads/main.lock exists)"
	has err "nothing was changed"
	same "state" "$(state)" "$before"
	run 2 r new "Newco" --owner dana
	has err "main.lock exists"
	same "state" "$(state)" "$before"
	rm .git/refs/heads/main.lock
	run 0 r new "Newco" --owner dana
}

# ---- commit ---------------------------------------------------------

t_commit_changed_files() {
	run 0 r init agency && cd agency
	run 0 r new Alpha && run 0 r new Beta && run 0 r new Gamma &&
	    run 0 r new Delta
	echo "More about alpha." >>clients/alpha.md
	rm clients/beta.md
	mkdir clients/archive && git mv clients/gamma.md clients/archive/
	printf -- '---\nname = Epsilon\n---\n' >clients/epsilon.md
	sed -i 's/^cadence = 14d /cadence = 10d /' rapport.ini
	echo "outside" >notes.txt
	echo "staged outside" >plan.txt && git add plan.txt
	mkdir -p clients/.drafts && echo x >clients/.drafts/wip.md
	before=$(others ':!clients' ':!rapport.ini')
	run 0 r commit
	has out "add epsilon; update alpha; move gamma; remove beta; update rapport.ini"
	same "message" "$(git log -1 --format=%s)" \
	    "add epsilon; update alpha; move gamma; remove beta; update rapport.ini"
	same "files" "$(git show --name-status --format= -M HEAD | sort)" \
	    "$(printf 'A\tclients/epsilon.md\nD\tclients/beta.md\nM\tclients/alpha.md\nM\trapport.ini\nR100\tclients/gamma.md\tclients/archive/gamma.md' | sort)"
	same "others" "$(others ':!clients' ':!rapport.ini')" "$before"
	same "workspace clean" \
	    "$(git status --porcelain -uall -- clients rapport.ini)" \
	    "?? clients/.drafts/wip.md"
	run 0 r commit
	has out "nothing to commit"
	same "count" "$(count)" 6
	fsck
}

t_commit_validates() {
	run 0 r init agency && cd agency
	run 0 r new Alpha
	sed -i 's/^health = green/health = purple/' clients/alpha.md
	before=$(state)
	run 1 r commit
	has err "clients/alpha.md:4:10: error: health 'purple'"
	has err "commit stopped: 1 error in the changed files"
	same "state" "$(state)" "$before"
	run 0 r commit --no-verify -m "alpha: health to be decided"
	same "message" "$(git log -1 --format=%s)" "alpha: health to be decided"
	run 2 r commit -m "  "
	has err "message is empty"
	# Errors in files that did not change do not stop a commit.
	echo "note" >>rapport.ini
	run 1 r commit
	has err "rapport.ini"
	git checkout -q rapport.ini
	sed -i 's/^cadence = 14d /cadence = 9d  /' rapport.ini
	run 0 r commit
	same "files" "$(git show --name-only --format= HEAD)" "rapport.ini"
	fsck
}

t_commit_long_message() {
	run 0 r init agency && cd agency
	for n in alpha-industries beta-logistics gamma-consulting \
	    delta-partners epsilon-media; do
		printf -- '---\nname = %s\n---\n' "$n" >"clients/$n.md"
	done
	run 0 r commit
	same "summary" "$(git log -1 --format=%s)" "update 5 clients"
	git log -1 --format=%b | grep -q "^add: alpha-industries, beta-logistics" ||
	    die "no body listing the clients"
}

# ---- edit -----------------------------------------------------------

t_edit_commits_a_valid_file() {
	run 0 r init agency && cd agency
	run 0 r new Alpha
	EDITOR="sed -i 's/^health = green/health = amber/'" run 0 r edit alpha
	has out "alpha: edit"
	same "message" "$(git log -1 --format=%s)" "alpha: edit"
	same "stat" "$(git show --numstat --format= HEAD)" "1	1	clients/alpha.md"
	same "status" "$(git status --porcelain)" ""
	EDITOR=true run 0 r edit alpha
	has out "no changes"
	same "count" "$(count)" 3
	# VISUAL wins over EDITOR, as in git.
	VISUAL="sed -i 's/amber/red/'" EDITOR=false run 0 r edit alpha
	grep -q "^health = red" clients/alpha.md || die "VISUAL not used"
	fsck
}

t_edit_keeps_errors_without_terminal() {
	run 0 r init agency && cd agency
	run 0 r new Alpha
	before=$(git rev-parse HEAD)
	EDITOR="sed -i 's/^status = active/status = activ/'" run 1 r edit alpha \
	    </dev/null
	has err "status 'activ' is not one of"
	has err "keeps your changes, not committed"
	same "HEAD" "$(git rev-parse HEAD)" "$before"
	grep -q "^status = activ " clients/alpha.md || die "the user's text was lost"
	EDITOR=false run 2 r edit alpha
	has err "the editor (false) failed"
	grep -q "^status = activ " clients/alpha.md || die "text lost on failure"
	same "HEAD" "$(git rev-parse HEAD)" "$before"
}

# Kept through the write path (issue 34): what is staged stays staged,
# and a journal-less keep leaves nothing of rapport's behind.
t_edit_keeps_errors_beside_a_staged_text() {
	run 0 r init agency && cd agency
	run 0 r new Alpha
	sed -i 's/^health = green/health = amber/' clients/alpha.md
	git add clients/alpha.md
	staged=$(git diff --cached)
	before=$(git rev-parse HEAD)
	EDITOR="sed -i 's/^status = active/status = activ/'" run 1 r edit alpha \
	    </dev/null
	has err "keeps your changes, not committed"
	same "what is staged" "$(git diff --cached)" "$staged"
	same "HEAD" "$(git rev-parse HEAD)" "$before"
	grep -q "^status = activ " clients/alpha.md || die "the text was lost"
	grep -q "^health = amber" clients/alpha.md || die "the staged text was lost"
	[ -e .git/rapport/journal ] && die "a journal was left"
	same "leftovers" "$(ls -A clients)" "$(printf '.gitkeep\nalpha.md')"
}

t_edit_asks_on_a_terminal() {
	command -v script >/dev/null || skip "needs script(1) for a terminal"
	run 0 r init agency && cd agency
	run 0 r new Alpha
	# First edit breaks the file, the second fixes it.
	cat >"$T/ed.sh" <<-'EOF'
	if [ -f "$0.once" ]; then sed -i -e 's/^status = activ /status = active /' \
	    -e 's/^health = green/health = amber/' "$1"
	else touch "$0.once"; sed -i 's/^status = active /status = activ /' "$1"; fi
	EOF
	printf 'e\n' | EDITOR="sh $T/ed.sh" script -qec \
	    "$BIN --today 2026-11-23 edit alpha" /dev/null >"$CASE_DIR/tty" 2>&1
	grep -q "What now?" "$CASE_DIR/tty" || die "no question: $(cat "$CASE_DIR/tty")"
	same "message" "$(git log -1 --format=%s)" "alpha: edit"
	same "status" "$(git status --porcelain)" ""
	# Discard puts the file back.
	rm -f "$T/ed.sh.once"
	cp clients/alpha.md "$T/alpha.md"
	printf 'd\n' | EDITOR="sh $T/ed.sh" script -qec \
	    "$BIN --today 2026-11-23 edit alpha" /dev/null >"$CASE_DIR/tty" 2>&1
	cmp -s clients/alpha.md "$T/alpha.md" || die "discard did not restore"
	grep -q "is as it was" "$CASE_DIR/tty" || die "no word on discard"
	# The question names every answer it takes; others are asked again.
	grep -q "(e)dit clients/alpha.md again; (k)eep your text in it, not committed (or q); (d)iscard your changes (or x) \[e\]" \
	    "$CASE_DIR/tty" || die "the prompt: $(cat "$CASE_DIR/tty")"
	rm -f "$T/ed.sh.once"
	printf 'z\nx\n' | EDITOR="sh $T/ed.sh" script -qec \
	    "$BIN --today 2026-11-23 edit alpha" /dev/null >"$CASE_DIR/tty" 2>&1
	grep -q "Answer e, k, q, d or x." "$CASE_DIR/tty" || die "z was taken"
	cmp -s clients/alpha.md "$T/alpha.md" || die "x did not discard"
	rm -f "$T/ed.sh.once"
	printf 'q\n' | EDITOR="sh $T/ed.sh" script -qec \
	    "$BIN --today 2026-11-23 edit alpha" /dev/null >"$CASE_DIR/tty" 2>&1
	grep -q "^status = activ " clients/alpha.md || die "q did not keep"
	same "q commits nothing" "$(git log -1 --format=%s)" "alpha: edit"
}

t_edit_with_a_message() {
	run 0 r init agency && cd agency
	run 0 r new Alpha
	EDITOR="sed -i 's/^health = green/health = amber/'" \
	    run 0 r edit -m "Alpha is amber after the call" alpha
	same "message" "$(git log -1 --format=%s)" "Alpha is amber after the call"
	run 2 r edit -m "" alpha
	has err "the commit message is empty"
	run 2 r edit
	has err "edit needs the client to open"
}

# ---- history --------------------------------------------------------

t_history() {
	run 0 r init agency && cd agency
	GIT_AUTHOR_DATE="2026-11-20T09:00:00+01:00" run 0 r new Alpha
	run 0 r new Beta
	GIT_AUTHOR_NAME="Marco Rossi" run 0 r log alpha --out "Kickoff"
	mkdir clients/archive && git mv clients/alpha.md clients/archive/ &&
	    git commit -qm "archive alpha"
	run 0 r history alpha
	# The commits of git log --follow, the move included, with date and
	# time in the author's zone, and messages without "alpha: ".
	same "history" "$(cat "$CASE_DIR/out")" "$(git log --format='%ad  %<(11)%an  %s  %h' --date=format:'%Y-%m-%d %H:%M' --follow -- clients/archive/alpha.md | sed 's/  alpha: /  /')"
	same "lines" "$(wc -l <"$CASE_DIR/out")" 3
	has out "2026-11-20 09:00  Dana Kim     new client, Alpha"
	# The client's page lists the same commits.
	run 0 r build -o "$T/site"
	same "page" "$(sed -n 's|.*<td><code>\([0-9a-f]*\)</code></td></tr>|\1|p' \
	    "$T/site/clients/alpha.html")" \
	    "$(git log --format=%h --follow -- clients/archive/alpha.md)"
	run 0 r history -n 2 alpha
	same "-n 2" "$(cat "$CASE_DIR/out")" "$(git log -2 --format='%ad  %<(11)%an  %s  %h' --date=format:'%Y-%m-%d %H:%M' --follow -- clients/archive/alpha.md | sed 's/  alpha: /  /')"
	run 2 r history -n 0 alpha
	has err "-n '0' is not a number of commits"
	run 0 r history beta
	same "beta" "$(wc -l <"$CASE_DIR/out")" 1
	printf -- '---\nname = New\n---\n' >clients/new.md
	run 0 r history new
	has out "no commits yet"
	# -n before or after the client, as git log takes it.
	run 0 r history alpha -n 2
	same "-n after" "$(wc -l <"$CASE_DIR/out")" 2
	run 0 r history -n 1 alpha
	same "-n before" "$(wc -l <"$CASE_DIR/out")" 1
}

# ---- the rapport merge, through git's merge driver ------------------

t_git_merge_uses_the_rapport_merge() {
	run 0 r init agency && cd agency
	run 0 r new Alpha
	# init set up the driver: nothing to configure by hand.
	git checkout -qb other
	run 0 r log alpha --in --time 09:15 "Their mail"
	sed -i 's/^status = .*/status = lead/' clients/alpha.md
	run 0 r commit -m "alpha is a lead"
	git checkout -q main
	run 0 r log alpha --out --time 14:00 "Our call"
	# Both appended at the end: git alone would conflict; this does not.
	git merge -q --no-edit other >"$CASE_DIR/merge" 2>&1 ||
	    die "git merge failed: $(cat "$CASE_DIR/merge")"
	f=clients/alpha.md
	same "entries" "$(grep '^## ' "$f")" "## 2026-11-23 09:15 <- Their mail
## 2026-11-23 14:00 -> Our call"
	grep -q '^status = lead' "$f" || die "their key change is gone"
	run 0 r check "$f"
	same "status" "$(git status --porcelain)" ""
	# One key changed two ways: a conflict around that key alone.
	git checkout -qb third HEAD~1
	sed -i 's/^status = .*/status = paused/' "$f"
	run 0 r commit -m "paused"
	git checkout -q main
	sed -i 's/^status = .*/status = former/' "$f"
	run 0 r commit -m "former"
	git merge -q --no-edit third >"$CASE_DIR/merge" 2>&1 &&
	    die "a real conflict merged cleanly"
	same "markers" "$(grep -c '^<<<<<<< \|^=======\|^>>>>>>> ' "$f")" 3
	same "conflict" "$(sed -n '/^<<<<<<< /,/^>>>>>>> /p' "$f" |
	    grep -v '^<<<<<<< \|^=======\|^>>>>>>> ')" "status = former
status = paused"
	same "entries kept" "$(grep -c '^## 2026-11-23' "$f")" 2
	run 1 r check "$f"
	line=$(grep -n '^<<<<<<< ' "$f" | cut -d: -f1)
	has out "$f:$line:1: error: git conflict marker"
}

# ---- where and when a commit can be made ----------------------------

t_unborn_head() {
	git init -q agency && cd agency
	mkdir clients
	printf -- '---\nname = Alpha\n---\n' >clients/alpha.md
	echo "staged" >readme.txt && git add readme.txt
	run 0 r commit
	same "first" "$(git log --format=%s)" "add alpha"
	same "files" "$(git show --name-only --format= HEAD)" "clients/alpha.md"
	same "status" "$(git status --porcelain)" "A  readme.txt"
	fsck
}

t_unborn_head_log() {
	git init -q agency && cd agency
	mkdir clients
	printf -- '---\nname = Alpha\n---\n' >clients/alpha.md
	# The file itself is a hand edit: log commits only its entry.
	run 2 r log alpha --in "Hello"
	has err "clients/alpha.md is not in git yet: commit it first"
	run 0 r commit
	same "files" "$(git show --name-only --format= HEAD)" "clients/alpha.md"
	same "branch" "$(git symbolic-ref --short HEAD)" main
	run 0 r log alpha --in --time 12:00 "Hello"
	same "log" "$(git log --format=%s)" "alpha: 2026-11-23 12:00 <- Hello
add alpha"
}

t_workspace_in_a_subfolder() {
	git init -q big && cd big
	echo x >top.txt && git add top.txt && git commit -qm top
	mkdir sub && cp -R "$SRC/example-workspace/." sub/
	git add sub && git commit -qm "agency in sub/"
	cd sub/clients
	f=$(ls *.md | head -1)
	run 0 r log "$(basename "$f" .md)" --out "From a subfolder"
	same "files" "$(git show --name-only --format= HEAD)" "sub/clients/$f"
	run 0 r history "$(basename "$f" .md)"
	has out "From a subfolder"
	cd ../..
	same "status" "$(git status --porcelain)" ""
	fsck
}

t_any_branch() {
	example_repo agency && cd agency
	git switch -qc feature
	main=$(git rev-parse main)
	f=$(ls clients/*.md | head -1)
	run 0 r log "$(basename "$f" .md)" --out "On a branch"
	same "main" "$(git rev-parse main)" "$main"
	same "feature" "$(git rev-parse feature~1)" "$main"
}

t_detached_head() {
	example_repo agency && cd agency
	git checkout -q --detach
	before=$(state)
	f=$(ls clients/*.md | head -1)
	run 2 r log "$(basename "$f" .md)" --out "Detached"
	has err "HEAD is detached"
	has err "git switch"
	same "state" "$(state)" "$before"
	echo x >>"$f"
	before=$(state)
	run 2 r commit
	has err "HEAD is detached"
	same "state" "$(state)" "$before"
}

# Two branches that change one file differently.
conflict() {
	example_repo agency && cd agency
	echo base >shared.txt && git add shared.txt && git commit -qm base
	git switch -qc other && echo theirs >shared.txt && git commit -qam theirs
	git switch -q main && echo ours >shared.txt && git commit -qam ours
}

t_new_names_without_ascii_letters() {
	run 0 r init agency && cd agency
	before=$(state)
	run 2 r new "株式会社"
	has err "give one with --slug"
	same "state" "$(state)" "$before"
	run 0 r new "株式会社" --slug kabushiki
	grep -qx 'name = 株式会社' clients/kabushiki.md || die "the name is lost"
	# One rule for Latin letters: a mark goes, a letter for two is two.
	run 0 r new "Café Größe & Söhne"
	has out "clients/cafe-grosse-sohne.md"
	fsck
}

t_commit_only_given_files() {
	run 0 r init agency && cd agency
	run 0 r new Good
	run 0 r new Bad
	run 0 r new Moving
	echo "A good edit." >>clients/good.md
	sed -i 's/^health = .*/health = grn/' clients/bad.md
	mkdir -p clients/archive && git mv clients/moving.md clients/archive/
	# A broken file elsewhere stops a plain commit, not one of good.md.
	run 1 r commit
	has err "commit stopped: 1 error in the changed files"
	run 0 r commit clients/good.md
	has err "clients/bad.md:"
	has err "in files not given: those stay as they are"
	same "committed" "$(git show --name-only --format= HEAD)" "clients/good.md"
	same "left" "$(git status --porcelain)" "R  clients/moving.md -> clients/archive/moving.md
 M clients/bad.md"
	# A move is one change: its new place brings the old one's removal.
	run 0 r commit -m "archive moving" clients/archive/moving.md
	same "moved" "$(git show --no-renames --name-status --format= HEAD | sort)" "A	clients/archive/moving.md
D	clients/moving.md"
	# The broken file given: stopped; nothing else given: nothing to do.
	run 1 r commit clients/bad.md
	has err "1 error in the given files"
	run 0 r commit clients/good.md
	has out "nothing to commit: the files given match HEAD"
	run 2 r commit README
	has err "is not a client file"
	same "still" "$(git status --porcelain)" " M clients/bad.md"
	fsck
}

t_git_merge_in_progress() {
	conflict
	git merge -q other >/dev/null 2>&1 && die "the merge did not stop"
	before=$(state)
	# A client the merge does not hold: logged and committed as ever.
	f=$(ls clients/*.md | head -1)
	slug=$(basename "$f" .md)
	run 0 r log "$slug" --out "Mid-merge"
	same "parents" "$(git log -1 --format=%p | wc -w)" 1
	[ -f .git/MERGE_HEAD ] || die "the log ended the merge"
	same "still unmerged" "$(git diff --name-only --diff-filter=U)" \
	    "shared.txt"
	# Concluding it takes the resolution, not the markers.
	run 2 r commit
	has err "shared.txt: error: still holds conflict markers"
	[ -f .git/MERGE_HEAD ] || die "a refused commit ended the merge"
	echo resolved >shared.txt
	run 0 r commit
	has out "the merge is concluded"
	same "parents" "$(git log -1 --format=%p | wc -w)" 2
	same "second parent" "$(git rev-parse HEAD^2)" "$(git rev-parse other)"
	same "message" "$(git log -1 --format=%s)" "Merge branch 'other'"
	same "shared.txt" "$(git show HEAD:shared.txt)" resolved
	[ -f .git/MERGE_HEAD ] && die "MERGE_HEAD is still there"
	same "status" "$(git status --porcelain)" ""
	grep -q 'Mid-merge' "$f" || die "the log is gone"
	fsck
}

t_rebase_in_progress() {
	conflict
	git switch -q other
	git rebase main >/dev/null 2>&1 && die "the rebase did not stop"
	before=$(state)
	f=$(ls clients/*.md | head -1)
	run 2 r log "$(basename "$f" .md)" --out "Mid-rebase"
	has err "rebase is in progress"
	same "state" "$(state)" "$before"
}

t_cherry_pick_in_progress() {
	conflict
	git cherry-pick other >/dev/null 2>&1 && die "the pick did not stop"
	before=$(state)
	run 2 r commit
	has err "cherry-pick is in progress"
	same "state" "$(state)" "$before"
}

t_index_lock() {
	example_repo agency && cd agency
	: >.git/index.lock
	before=$(state)
	f=$(ls clients/*.md | head -1)
	run 2 r log "$(basename "$f" .md)" --out "Locked"
	has err "index.lock exists"
	same "state" "$(state)" "$before"
	[ -e .git/index.lock ] || die "git's lock was removed"
	[ -e .git/rapport.lock ] && die "rapport's lock was left"
	rm .git/index.lock
}

# The workspace lock is flock(2) on .git/rapport/lock: another rapport that
# holds it makes a writer wait, then give up saying so; one that died has
# let go of it, so a lock is never stale.
t_rapport_lock_held() {
	command -v flock >/dev/null || skip "needs flock(1)"
	example_repo agency && cd agency
	mkdir -p .git/rapport
	# The holder: flock takes the lock, then runs a shell that writes its
	# pid to "held" and becomes a sleep; -o: only flock itself holds the
	# lock, not the command it runs.  So "held" appears once the lock is
	# held, and the wait is for that: the lock is free until flock has
	# started, so waiting for "flock -n" to succeed returned at once.
	flock -o .git/rapport/lock sh -c 'echo $$ >"$1.new" && mv "$1.new" "$1" &&
	    exec sleep "$2"' sh "$CASE_DIR/held" "$(limit 30)" &
	holder=$!
	end=$(($(date +%s) + $(limit 10)))
	while [ ! -s "$CASE_DIR/held" ]; do
		[ "$(date +%s)" -lt "$end" ] ||
		    die "flock did not take the lock in $(limit 10) seconds"
		sleep 0.1
	done
	flock -n .git/rapport/lock true 2>/dev/null && die "no holder"
	before=$(state)
	f=$(ls clients/*.md | head -1)
	start=$(date +%s)
	run 2 r log "$(basename "$f" .md)" --out "Waiting"
	has err "another rapport is changing this workspace"
	[ $(($(date +%s) - start)) -ge 9 ] || die "it did not wait"
	same "state" "$(state)" "$before"
	# The sleep goes; flock, its parent, then ends and lets go.
	kill "$(cat "$CASE_DIR/held")"
	wait "$holder"
	# The holder is gone, and so is its lock.
	run 0 r log "$(basename "$f" .md)" --out "Free"
	# A lock file left by an older rapport is not a lock at all.
	echo "12345 $(hostname)" >.git/rapport.lock
	run 0 r log "$(basename "$f" .md)" --out "Still free"
	fsck
}

t_not_a_repository() {
	cp -R "$SRC/example-workspace" agency && cd agency
	f=$(ls clients/*.md | head -1)
	cp "$f" "$T/before.md"
	run 2 r log "$(basename "$f" .md)" --out "Nowhere"
	has err "is not in a git repository"
	cmp -s "$f" "$T/before.md" || die "file changed"
	run 2 r commit
	has err "is not in a git repository"
	run 2 r history "$(basename "$f" .md)"
	has err "is not in a git repository"
	[ -e .git ] && die "a repository appeared"
	true
}

t_bare_repository() {
	git init -q --bare agency.git
	mkdir -p agency.git/clients && printf -- '---\nname = A\n---\n' \
	    >agency.git/clients/a.md
	cd agency.git
	run 2 r commit
	has err "bare"
}

# ---- identity -------------------------------------------------------

t_identity_from_environment() {
	run 0 r init agency && cd agency
	GIT_AUTHOR_NAME="Priya Shah" GIT_AUTHOR_EMAIL=priya@brightline.example \
	    GIT_AUTHOR_DATE="2026-11-20T09:30:00+05:30" \
	    GIT_COMMITTER_NAME="Bot" GIT_COMMITTER_EMAIL=bot@brightline.example \
	    GIT_COMMITTER_DATE="@1795000000 -0800" run 0 r new Alpha
	same "author" "$(git log -1 --format='%an <%ae> %ad' --date=raw)" \
	    "Priya Shah <priya@brightline.example> $(date -d 2026-11-20T09:30:00+05:30 +%s) +0530"
	same "committer" "$(git log -1 --format='%cn <%ce> %cd' --date=raw)" \
	    "Bot <bot@brightline.example> 1795000000 -0800"
	GIT_AUTHOR_DATE="Fri, 20 Nov 2026 09:30:00 +0000" run 0 r new Beta
	same "rfc2822" "$(git log -1 --format=%ad --date=raw)" \
	    "$(date -d "2026-11-20 09:30:00Z" +%s) +0000"
	# Repository configuration beats the global one, as in git.
	git config user.name "Local Name"
	run 0 r new Gamma
	same "local" "$(git log -1 --format=%an)" "Local Name"
	before=$(state)
	GIT_AUTHOR_DATE="next tuesday" run 2 r new Delta
	has err "GIT_AUTHOR_DATE='next tuesday' is not a date"
	same "state" "$(state)" "$before"
	fsck
}

t_no_identity() {
	run 0 r init agency && cd agency
	rm "$HOME/.gitconfig"
	git config --global init.defaultBranch main
	before=$(state)
	run 2 r new Alpha
	has err "git does not know who you are"
	has err "git config --global user.name"
	printf -- '---\nname = Alpha\n---\n' >clients/alpha.md
	before=$(state)
	run 2 r commit
	has err "git does not know who you are"
	same "state" "$(state)" "$before"
	GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@x.example run 2 r commit
	has err "(no user.name, no user.email)"
	GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@x.example \
	    GIT_COMMITTER_NAME=C GIT_COMMITTER_EMAIL=c@x.example run 0 r commit
	EMAIL=e@x.example GIT_AUTHOR_NAME=A GIT_COMMITTER_NAME=C \
	    run 0 r new Beta
	same "EMAIL" "$(git log -1 --format=%ae)" "e@x.example"
}

# ---- issue 32: the audit ----

# A message that ends in a line end keeps exactly one, as git writes
# it; one without gets one.
t_commit_message_ends_once() {
	example_repo ws && cd ws
	echo "A hand line" >>clients/ledgerly.md
	run 0 r commit -m "Ends in a line end
"
	git cat-file commit HEAD | sed '1,/^$/d' >"$CASE_DIR/msg"
	printf 'Ends in a line end\n' >"$CASE_DIR/want"
	cmp -s "$CASE_DIR/msg" "$CASE_DIR/want" ||
	    die "the commit's message: $(od -c "$CASE_DIR/msg")"
	echo "Another hand line" >>clients/ledgerly.md
	run 0 r commit -m "Ends without one"
	git cat-file commit HEAD | sed '1,/^$/d' >"$CASE_DIR/msg"
	printf 'Ends without one\n' >"$CASE_DIR/want"
	cmp -s "$CASE_DIR/msg" "$CASE_DIR/want" ||
	    die "the commit's message: $(od -c "$CASE_DIR/msg")"
}

# Names Windows keeps for devices (issue 33): "Con" would make
# clients/con.md, which Git for Windows cannot check out, so new makes
# con-client.md; a --slug of one is refused and changes nothing.
t_new_windows_device_names() {
	run 0 r init agency && cd agency
	run 0 r new "Con"
	has out "created clients/con-client.md"
	run 0 r new "AUX"
	has out "created clients/aux-client.md"
	run 0 r new "Com1"
	has out "created clients/com1-client.md"
	run 0 r new "Lpt9 Ltd"
	has out "created clients/lpt9-ltd.md"
	same "files" "$(git ls-files 'clients/*.md' | LC_ALL=C sort)" \
	    "$(printf 'clients/aux-client.md\nclients/com1-client.md\nclients/con-client.md\nclients/lpt9-ltd.md')"
	grep -qx "name = AUX" clients/aux-client.md || die "the name is lost"
	before=$(state)
	run 2 r new Printer --slug prn
	has err "--slug 'prn' is a name Windows keeps for a device"
	has err "like --slug prn-client"
	run 2 r new Printer --slug nul
	same "state" "$(state)" "$before"
	run 0 r check --strict
}

# ---- issue 33: git's hooks ----

# hook NAME BODY: .git/hooks/NAME, a shell script running BODY, executable.
hook() {
	mkdir -p .git/hooks
	printf '#!/bin/sh\n%s\n' "$2" >.git/hooks/"$1"
	chmod +x .git/hooks/"$1"
}

# A pre-commit hook that fails refuses the commit: the work tree, the
# index (byte for byte) and the branch stay as they were; its output
# (standard output too) is on rapport's standard error.
t_hook_pre_commit_refuses() {
	example_repo ws && cd ws
	echo "A hand line" >>clients/ledgerly.md
	hook pre-commit 'echo "lint says no"; echo "to stderr" >&2; exit 3'
	before=$(state)
	cp .git/index "$CASE_DIR/index"
	run 2 r log ledgerly --note "Refused"
	cmp -s .git/index "$CASE_DIR/index" || die "the index changed"
	has err "rapport: error: the pre-commit hook refused the commit (exit 3); nothing was changed; fix what it says, or add --no-verify to skip it"
	has err "lint says no"
	has err "to stderr"
	same "stdout" "$(cat "$CASE_DIR/out")" ""
	same "state" "$(state)" "$before"
	run 0 r log ledgerly --no-verify --note "Skipped"
	git log -1 --format=%s | grep -q "^ledgerly: .* Skipped$" ||
	    die "not committed: $(git log -1 --format=%s)"
	fsck
}

# Every command that commits runs it, and takes --no-verify (-n where no
# option of its own is -n or means it).
t_hook_each_command() {
	example_repo ws && cd ws
	hook pre-commit "echo ran >>'$CASE_DIR/ran'; exit 1"
	mkdir -p "$CASE_DIR/mail/cur" "$CASE_DIR/mail/new" "$CASE_DIR/mail/tmp"
	printf 'From: Clara <clara@ledgerly.example>\nTo: dana@brightline.example\nSubject: Hooked mail\nDate: Mon, 23 Nov 2026 10:00:00 +0000\nMessage-ID: <hooked@ledgerly.example>\n\nHello.\n' \
	    >"$CASE_DIR/mail/cur/1:2,S"
	head=$(git rev-parse HEAD)
	for cmd in "new Hooked" "log ledgerly --note Hooked" \
	    "done ledgerly nurture" "share ledgerly" \
	    "import-mail $CASE_DIR/mail" "commit -m hooked" \
	    "edit -m hooked ledgerly"; do
		[ "$cmd" = "commit -m hooked" ] &&
		    echo "A hand line" >>clients/harbor-dental.md
		rm -f "$CASE_DIR/ran"
		# shellcheck disable=SC2086
		EDITOR="sed -i s/^health\ =\ .*/health\ =\ amber/" run 2 r $cmd
		has err "the pre-commit hook refused the commit"
		[ -f "$CASE_DIR/ran" ] || die "$cmd: the hook did not run"
		same "$cmd: HEAD" "$(git rev-parse HEAD)" "$head"
		rm -f "$CASE_DIR/ran"
		set -- $cmd
		c=$1
		shift
		case $c in
		log|import-mail) nv=--no-verify ;;
		*) nv=-n ;;
		esac
		EDITOR="sed -i s/^health\ =\ .*/health\ =\ amber/" \
		    run 0 r "$c" "$nv" "$@"
		[ -f "$CASE_DIR/ran" ] && die "$c $nv: the hook ran"
		[ "$(git rev-parse HEAD)" != "$head" ] ||
		    die "$c $nv: nothing committed"
		head=$(git rev-parse HEAD)
	done
	rm -rf "$CASE_DIR/ran"
	run 2 r init --no-verify --bogus
	fsck
}

# The hook sees the commit: "git diff --cached" shows the change and
# nothing else that is staged, the work tree holds the new text, it runs
# in the work tree's root with GIT_EDITOR=: even when rapport runs in a
# folder below.
t_hook_pre_commit_sees_the_change() {
	example_repo ws && cd ws
	echo "staged" >other.txt && git add other.txt
	hook pre-commit "
{ pwd; echo \"editor=\$GIT_EDITOR\"; git diff --cached --name-only;
  git diff --cached | grep '^+##'; tail -1 clients/ledgerly.md; } >'$CASE_DIR/seen'
exit 0"
	cd clients
	run 0 r log ledgerly --note "Seen by the hook"
	cd ..
	line=$(tail -1 clients/ledgerly.md)
	same "what the hook saw" "$(cat "$CASE_DIR/seen")" "$PWD
editor=:
clients/ledgerly.md
+$line
$line"
	case $line in *"Seen by the hook") ;; *) die "entry: $line" ;; esac
	same "still staged" "$(git diff --cached --name-only)" "other.txt"
	same "committed" "$(git show --name-only --format= HEAD)" \
	    "clients/ledgerly.md"
	ls .git/rapport | grep -q hook-index && die "the hooks' index is left"
	fsck
}

# commit-msg may rewrite the message (git's whitespace clean-up): the
# commit carries it, and rapport's summary line says it; prepare-commit-
# msg gets the file and "message" first.
t_hook_commit_msg_rewrites() {
	example_repo ws && cd ws
	hook prepare-commit-msg "echo \"\$2\" >'$CASE_DIR/source'
echo \"\$1\" >'$CASE_DIR/file'"
	hook commit-msg 'sed -i "1s/^/[T-7] /" "$1"
printf "\n\n\nRefs: T-7   \n\n" >>"$1"
{ printf "\n \n"; cat "$1"; } >"$1.new" && mv "$1.new" "$1"'
	run 0 r log ledgerly --note "Rewritten"
	msg=$(git log -1 --format=%B)
	first=$(git log -1 --format=%s)
	case $first in "[T-7] ledgerly: "*" Rewritten") ;;
	*) die "summary: $first" ;; esac
	same "message" "$msg" "$first

Refs: T-7"
	has out "] [T-7] ledgerly:"
	same "source" "$(cat "$CASE_DIR/source")" "message"
	same "message file" "$(cat "$CASE_DIR/file")" "$PWD/.git/COMMIT_EDITMSG"
	same "reflog" "$(git reflog -1 --format=%gs)" "commit: $first"
	same "client files" "$(git status --porcelain -- clients)" ""
	# The commit the journal named before the hooks ran is not HEAD's.
	git cat-file -p HEAD | grep -q "^\[T-7\]" || die "HEAD's object"
	fsck
}

# commit-msg refusing, or leaving the message empty, refuses the commit;
# --no-verify skips it.
t_hook_commit_msg_refuses() {
	example_repo ws && cd ws
	hook commit-msg 'grep -q "T-[0-9]" "$1" || { echo "no ticket" >&2; exit 1; }'
	before=$(state)
	cp .git/index "$CASE_DIR/index"
	run 2 r log ledgerly --note "No ticket"
	cmp -s .git/index "$CASE_DIR/index" || die "the index changed"
	has err "the commit-msg hook refused the commit message (exit 1); nothing was changed"
	has err "no ticket"
	same "state" "$(state | grep -vx COMMIT_EDITMSG)" \
	    "$(echo "$before" | grep -vx COMMIT_EDITMSG)"
	hook commit-msg ': >"$1"'
	run 2 r log ledgerly --note "Emptied"
	has err "the hooks left the commit message empty"
	same "state" "$(state | grep -vx COMMIT_EDITMSG)" \
	    "$(echo "$before" | grep -vx COMMIT_EDITMSG)"
	run 0 r log ledgerly --no-verify --note "No ticket"
	git log -1 --format=%s | grep -q "No ticket$" || die "not committed"
	fsck
}

# A hook that is not executable is ignored, with git's warning; a script
# without "#!" runs through the shell, as git runs it.
t_hook_not_executable() {
	example_repo ws && cd ws
	hook pre-commit 'exit 1'
	chmod -x .git/hooks/pre-commit
	run 0 r log ledgerly --note "Not executable"
	has err "warning: the pre-commit hook ($PWD/.git/hooks/pre-commit) was ignored because it is not set as executable"
	git config advice.ignoredHook false
	run 0 r log ledgerly --note "Not warned"
	grep -q "ignored" "$CASE_DIR/err" && die "warned: $(cat "$CASE_DIR/err")"
	printf 'echo "no shebang" >&2\nexit 4\n' >.git/hooks/pre-commit
	chmod +x .git/hooks/pre-commit
	run 2 r log ledgerly --note "No shebang"
	has err "no shebang"
	has err "refused the commit (exit 4)"
	fsck
}

# core.hooksPath, relative to the work tree's root, wins over .git/hooks.
t_hook_core_hooks_path() {
	example_repo ws && cd ws
	hook pre-commit 'exit 0'
	mkdir team-hooks
	printf '#!/bin/sh\necho "team policy" >&2\nexit 5\n' >team-hooks/pre-commit
	chmod +x team-hooks/pre-commit
	git add team-hooks && git commit -qm "team hooks"
	git config core.hooksPath team-hooks
	cd clients
	run 2 r log ledgerly --note "Team"
	has err "team policy"
	has err "(exit 5)"
	cd ..
	git config core.hooksPath "$PWD/.git/hooks"
	run 0 r log ledgerly --note "Absolute"
	fsck
}

# post-commit runs once the commit is whole (the branch and the index
# moved); its failure changes nothing.
t_hook_post_commit_after() {
	example_repo ws && cd ws
	hook post-commit "{ git log -1 --format=%s; git diff --cached --name-only; } >'$CASE_DIR/post'
exit 1"
	run 0 r log ledgerly --note "Posted"
	same "post-commit saw" "$(cat "$CASE_DIR/post")" "$(git log -1 --format=%s)"
	run 0 r log ledgerly --no-verify --note "Posted again"
	same "post-commit with --no-verify" "$(head -1 "$CASE_DIR/post")" \
	    "$(git log -1 --format=%s)"
}

# ---- issue 33: paths ----

# A linked worktree (git worktree add) keeps its HEAD, index and merge
# state in .git/worktrees/NAME/, and shares the objects and branches of
# the main one: every committing command works there, sync included, and
# the main worktree (on another branch) is left exactly as it was.
t_linked_worktree_commits() {
	git init -q --bare remote.git
	run 0 r init main
	cd main
	git remote add origin ../remote.git
	run 0 r new Acme
	run 0 r sync
	git switch -q -c other
	echo "; staged in main" >>rapport.ini && git add rapport.ini
	echo "; hand edit in main" >>clients/acme.md
	git worktree add -q ../linked main || die "git worktree add"
	before=$(state)
	cd ../linked
	[ -f .git ] || die "not a linked worktree"
	run 0 r log acme --out --time 09:00 "Sent the plan"
	EDITOR="sed -i -e 's/^health = green/health = amber/' -e '\$a- [ ] Call back due:2026-11-30'" \
	    run 0 r edit acme
	run 0 r done acme "call back"
	run 0 r new Beta
	echo "; by hand" >>clients/beta.md
	run 0 r commit -m "beta by hand"
	run 0 r history acme
	has out "Sent the plan"
	same "status" "$(git status --porcelain)" ""
	same "commits" "$(git log --format=%s main~5..main)" "beta by hand
beta: new client, Beta
acme: done: Call back
acme: edit
acme: 2026-11-23 09:00 -> Sent the plan"
	run 0 r sync
	same "pushed" "$(git -C ../remote.git rev-parse main)" \
	    "$(git rev-parse HEAD)"
	[ -e "$(git rev-parse --git-dir)/rapport/journal" ] &&
	    die "a journal is left"
	fsck
	cd ../main
	same "the main worktree" "$(state)" "$before"
	fsck
}

# Killed in a linked worktree while its branch moved: the branch's lock is
# in the common git folder, and the next command finds and removes it
# there, then takes the change back.
t_linked_worktree_recovers() {
	run 0 r init main
	cd main
	run 0 r new Acme
	git switch -q -c other
	git worktree add -q ../linked main || die "git worktree add"
	cd ../linked
	head=$(git rev-parse HEAD)
	run_status fault_run "rename:*/refs/heads/main:kill" "$BIN" \
	    --today 2026-11-23 log acme --note "Killed"
	same "log's status" "$st" 137
	[ -f "$(git rev-parse --git-common-dir)/refs/heads/main.lock" ] ||
	    die "the kill left no lock"
	run 0 r log acme --note "Next"
	has err "main.lock, left by an interrupted rapport"
	has err "took back a change"
	same "HEAD's parent" "$(git rev-parse HEAD^)" "$head"
	same "status" "$(git status --porcelain)" ""
	fsck
}

# issue 36: check --rev and build --rev read a commit, in a bare
# repository too, and give what the same commands give in a checkout of
# it, byte for byte (but the site's marker, which names the workspace).
t_rev_equals_checkout() {
	example_repo ws
	(cd ws && r log ledgerly --in "Asked for the renewal" >/dev/null &&
	    sed -i 's/^health = .*/health = purple/' clients/harbor-dental.md &&
	    git commit -qam "harbor: a bad health") || die "cannot commit"
	git clone -q --bare ws server.git || die "cannot clone"
	for rev in main~2 main~1 main; do
		rm -rf co && git clone -q ws co && git -C co checkout -q "$rev" ||
		    die "cannot check out $rev"
		run_status r -C co check
		want_st=$st
		cp "$CASE_DIR/out" "$CASE_DIR/want"
		run_status r -C server.git check --rev "$rev"
		same "check --rev $rev's status" "$st" "$want_st"
		cmp -s "$CASE_DIR/want" "$CASE_DIR/out" ||
		    die "check --rev $rev differs: $(diff "$CASE_DIR/want" "$CASE_DIR/out")"
		rm -rf site-co site-rev
		run_status r -C co build -o "$PWD/site-co"
		want_st=$st
		run_status r -C server.git build --rev "$rev" -o "$PWD/site-rev"
		same "build --rev $rev's status" "$st" "$want_st"
		[ -f site-rev/index.html ] || die "build --rev $rev made no index"
		diff -r -x .rapport-site site-co site-rev >"$CASE_DIR/diff" ||
		    die "build --rev $rev differs: $(head -20 "$CASE_DIR/diff")"
	done
	# The history of the commit read: the log's commit is on the page.
	grep -q "Asked for the renewal" site-rev/clients/ledgerly.html ||
	    die "main's log entry is not on the page"
	same "the bad health at main" "$(r -C server.git check --rev main | grep -c "harbor-dental.md:.*health")" 1
	# The next build of the same commit writes nothing: its caches are
	# in the bare repository.
	run 0 r -C server.git build --rev main~1 -o "$PWD/again"
	run 0 r -C server.git build --rev main~1 -o "$PWD/again"
	has out ", 0 written,"
	[ -f server.git/rapport/history ] || die "no history cache in the bare repository"
	# The texts read are kept; damaged, they change nothing but the time.
	[ "$(wc -c <server.git/rapport/texts)" -gt 10000 ] || die "no texts kept"
	size=$(wc -c <server.git/rapport/texts)
	printf 'garbage!' | dd of=server.git/rapport/texts bs=1 seek=$((size / 2)) \
	    conv=notrunc 2>/dev/null
	printf 'xx' | dd of=server.git/rapport/texts bs=1 seek=$((size - 30)) \
	    conv=notrunc 2>/dev/null
	rm -rf site-co site-rev
	"$BIN" --today 2026-11-24 -C co build -o "$PWD/site-co" >/dev/null 2>&1
	"$BIN" --today 2026-11-24 -C server.git build --rev main -o "$PWD/site-rev" >/dev/null 2>&1
	[ -f site-rev/index.html ] || die "no site from damaged texts"
	diff -r -x .rapport-site site-co site-rev >"$CASE_DIR/diff" ||
	    die "damaged texts changed the site: $(head -20 "$CASE_DIR/diff")"
	# A workspace in a subfolder of a larger repository.
	mkdir big && mv co big/crm && (cd big && rm -rf crm/.git && git init -q &&
	    git add -A && git commit -qm "the agency's repo") || die "cannot make big"
	run 1 r -C big/crm/clients check --rev HEAD
	has out "clients/harbor-dental.md:"
	run 2 r -C server.git check --rev nosuch
	has err "'nosuch' names no commit of this repository"
	run 2 r -C server.git build --rev main
	has err "--rev builds a commit's site: give its folder with -o DIR"
	run 2 r -C server.git check --rev main clients/ledgerly.md
	has err "--rev checks the whole commit"
}

# issue 36: a commit's links, submodules and huge files get the refusals
# a checkout of it gets, with the same messages.
t_rev_hostile_tree() {
	example_repo ws && cd ws
	mkdir notes && cp clients/ledgerly.md notes/in.txt &&
	    sed -i 's/^name = .*/name = Linked In/' notes/in.txt
	ln -s /etc/passwd clients/out.md
	ln -s ../notes/in.txt clients/in.md
	ln -s loop.md clients/loop.md
	# Outside is outside, whether or not something is there (a commit
	# cannot say): something is, so that the checkout says the same.
	ln -s ../../../outside.md clients/up.md && touch "$CASE_DIR/outside.md"
	ln -s ../notes clients/linked
	ln -s gone.md clients/gone.md
	head -c 5000000 /dev/zero | tr '\0' 'x' >clients/huge.md
	git add -A || die "cannot add"
	# A submodule's commit, which a checkout shows as an empty folder.
	git update-index --add --cacheinfo \
	    160000,1234567890123456789012345678901234567890,clients/sub.md ||
	    die "cannot add a submodule"
	git commit -qm "hostile" || die "cannot commit"
	mkdir clients/sub.md
	cd ..
	git clone -q --bare ws server.git || die "cannot clone"
	run_status r -C ws check
	want_st=$st
	cp "$CASE_DIR/out" "$CASE_DIR/want"
	run_status r -C server.git check --rev main
	same "check --rev's status" "$st" "$want_st"
	cmp -s "$CASE_DIR/want" "$CASE_DIR/out" ||
	    die "check --rev differs: $(diff "$CASE_DIR/want" "$CASE_DIR/out")"
	has out "clients/out.md: error: symbolic link to a file outside the workspace"
	has out "clients/up.md: error: symbolic link to a file outside the workspace"
	has out "clients/gone.md: error: symbolic link to a missing file"
	has out "clients/loop.md: error: symbolic link to a missing file"
	has out "clients/huge.md: error: file is 4.8 MiB, over rapport's limit"
	has out "clients/linked: warning: a symbolic link to the folder ../notes"
	# The link inside the workspace is read, as on disk.
	run_status r -C server.git build --rev main -o "$PWD/site"
	grep -q "Linked In" site/index.html || die "the link inside was not read"
}

# issue 36: init --shared makes the server's bare repository; its hooks
# refuse a push that fails check and publish the site of one that passes,
# switched whole; a build that fails leaves the old site up.
t_shared_hooks() {
	run 0 r init --shared srv.git --site www/site --share www/pub
	has out "made the team's bare repository srv.git"
	same "HEAD" "$(git -C srv.git symbolic-ref HEAD)" refs/heads/main
	same "rapport.site" "$(git -C srv.git config rapport.site)" "$PWD/www/site"
	same "shared" "$(git -C srv.git config core.sharedRepository)" 1
	[ -x srv.git/hooks/pre-receive ] && [ -x srv.git/hooks/post-receive ] ||
	    die "no hooks"
	same "the hook" "$(cat srv.git/hooks/pre-receive)" "#!/bin/sh
exec '$BIN' hook pre-receive"
	mkdir www
	example_repo ws && cd ws
	git remote add origin ../srv.git
	git push -q origin main 2>"$CASE_DIR/err" || die "push: $(cat "$CASE_DIR/err")"
	has err "remote: 13 files checked: no problems"
	same "the site's link" "$(readlink ../www/site)" .site.rapport-a
	grep -q "Ledgerly" ../www/site/index.html || die "no site"
	ls ../www/pub/share/*/index.html >/dev/null 2>&1 || die "no report pages"
	same "the report pages alone" "$(cd ../www/pub && find . -mindepth 1 -maxdepth 1 ! -name ".*" | sort)" "./share"
	cp ../www/site/index.html "$CASE_DIR/index.before"
	# A bad file: refused, said, nothing moved.
	sed -i 's/^health = .*/health = purple/' clients/ledgerly.md
	git commit -qam "purple" || die "commit"
	if git push origin main 2>"$CASE_DIR/err"; then die "a bad push went in"; fi
	has err "remote: clients/ledgerly.md:5:10: error: health 'purple'"
	has err "remote: rapport: the push to main was refused"
	same "the server's main" "$(git -C ../srv.git rev-parse main)" "$(git rev-parse HEAD~1)"
	cmp -s ../www/site/index.html "$CASE_DIR/index.before" || die "the site changed"
	git reset -q --hard HEAD~1
	# A good one: the other folder, then the link.
	r log ledgerly --in "Asked about the renewal" >/dev/null || die "log"
	git push -q origin main 2>"$CASE_DIR/err" || die "push: $(cat "$CASE_DIR/err")"
	same "the site's link" "$(readlink ../www/site)" .site.rapport-b
	grep -q "Asked about the renewal" ../www/site/clients/ledgerly.html ||
	    die "the entry is not on the site"
	# The branch is not deleted; other branches go in unchecked.
	if git push origin :main 2>"$CASE_DIR/err"; then die "main was deleted"; fi
	has err "remote: rapport: main is the workspace's branch"
	git checkout -q -b draft && sed -i 's/^health = .*/health = purple/' clients/ledgerly.md &&
	    git commit -qam "a draft" && git push -q origin draft 2>/dev/null ||
	    die "a draft branch was refused"
	git checkout -q main
	# A template that fails: the push stays, the old site serves on.
	mkdir -p templates && printf '{{#broken}}\n' >templates/index.html
	git add templates && git commit -qm "a broken template" || die "commit"
	git push origin main 2>"$CASE_DIR/err" || die "the push was refused"
	has err "remote: rapport: $(cd .. && pwd -P)/www/site still shows the site as it was before"
	same "the site's link" "$(readlink ../www/site)" .site.rapport-b
	grep -q "Asked about the renewal" ../www/site/clients/ledgerly.html ||
	    die "the old site is gone"
	# --strict from git config: a warning refuses too.
	git -C ../srv.git config rapport.strict true
	git rm -q templates/index.html && printf 'stray\n' >clients/notes.txt &&
	    git add clients/notes.txt && git commit -qm "a stray file" || die "commit"
	if git push origin main 2>"$CASE_DIR/err"; then die "a warning went in under strict"; fi
	has err "remote: clients/notes.txt: warning: not read"
	# The daily rebuild into the published folder switches it whole too.
	was=$(readlink ../www/site)
	run 0 "$BIN" --today 2026-11-24 -C ../srv.git build --rev main~1 -o ../www/site
	[ "$(readlink ../www/site)" != "$was" ] || die "the link did not turn"
	grep -q 'datetime="2026-11-24"' ../www/site/index.html || die "not the next day's"
}

# issue 36: on an existing bare repository init --shared adds the hooks
# and changes nothing else; a hook of someone else's is never replaced.
t_shared_existing_bare() {
	example_repo ws
	git clone -q --bare ws srv.git || die "clone"
	cp srv.git/config "$CASE_DIR/config.before"
	git -C srv.git for-each-ref >"$CASE_DIR/refs.before"
	run 0 r init --shared srv.git
	has out "took the bare repository srv.git: the hooks pre-receive and post-receive installed"
	has out "nothing else was changed"
	cmp -s srv.git/config "$CASE_DIR/config.before" || die "the config changed"
	git -C srv.git for-each-ref | cmp -s - "$CASE_DIR/refs.before" || die "refs changed"
	run 0 r init --shared srv.git
	has out "the hooks were in place already"
	printf '#!/bin/sh\necho mine\n' >srv.git/hooks/post-receive
	run 2 r init --shared srv.git --site "$PWD/www"
	has err "srv.git/hooks/post-receive is a hook of someone else's: nothing was changed"
	[ -z "$(git -C srv.git config rapport.site)" ] || die "a setting was stored"
	run 2 r init --shared ws
	has err "is not a bare git repository, and holds files"
	run 2 r hook post-update
	has err "'post-update' is not a hook of rapport's"
	printf 'not git\n' | (cd srv.git && run 2 r hook pre-receive)
}

# issue 36: a post-receive that waited for another build publishes the
# branch as it is when its turn comes, never the older tip it was told.
t_shared_hook_builds_the_latest() {
	run 0 r init --shared srv.git --site www/site
	mkdir www
	example_repo ws
	(cd ws && git remote add origin ../srv.git &&
	    git push -q origin main 2>/dev/null) || die "push"
	one=$(git -C ws rev-parse HEAD)
	(cd ws && r log ledgerly --in "The later push" >/dev/null) || die "log"
	two=$(git -C ws rev-parse HEAD)
	git -C srv.git fetch -q ../ws main:refs/heads/later || die "fetch"
	# A build of the site holds the lock; a hook told of one waits.
	flock www/.site.rapport-lock sleep $(limit 3) &
	holder=$!
	sleep 0.5
	(cd srv.git && echo "0000000000000000000000000000000000000000 $one refs/heads/main" |
	    "$BIN" --today 2026-11-23 hook post-receive >"$CASE_DIR/hook" 2>&1) &
	hook=$!
	sleep 0.5
	# Meanwhile the branch moved on.
	git -C srv.git update-ref refs/heads/main "$two" || die "update-ref"
	wait $holder
	wait $hook || die "the hook failed: $(cat "$CASE_DIR/hook")"
	grep -q "The later push" www/site/clients/ledgerly.html ||
	    die "the hook published the older tip"
}

# ---- the runner -----------------------------------------------------

harness_run "$@"
