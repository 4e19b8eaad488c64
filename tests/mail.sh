#!/bin/sh
# mail.sh: rapport import-mail (SPEC section 7), checked from the outside.
#
#   sh tests/mail.sh ./rapport
#
# A corpus made by Python's email package (tests/mailcorpus.py) goes into
# a workspace whose clients and owners it names: every message becomes
# exactly the entry expect.txt says, or is skipped for the reason it says;
# a second import adds nothing; --dry-run leaves the repository and the
# work tree byte for byte as they were; a hand edit stays uncommitted; the
# follow-up signals follow the mail; the date and time are local (TZ),
# across the date line; and the sample Maildir of the README imports.

set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/rapport-mail.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
PY=/usr/bin/python3
pass=0
failed=0
export GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=t@example.com
export GIT_AUTHOR_DATE="2026-11-20T10:00:00+00:00"
export GIT_COMMITTER_DATE="2026-11-20T10:00:00+00:00"
export TZ=UTC

r() {
	${RAPPORT_WRAP:-} "$BIN" --today 2026-11-23 -C "$W" "$@"
}
ok() { pass=$((pass + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
expect() { if eval "$2"; then ok; else bad "$1"; fi; }
# Every file of a folder, .git included, with its bytes' checksum.
tree_sum() { (cd "$1" && find . -type f -exec sha256sum {} + | sort); }
heads() { grep -h '^## ' "$W"/clients/*.md | sort; }

client() {	# SLUG NAME CONTACT [EXTRA-LINE]
	printf -- '---\nname = %s\nowner = dana\n%s\n\n[contact]\nname = C\nemail = %s\n---\n\nNotes.\n' \
	    "$2" "${4:-}" "$3" >"$W/clients/$1.md"
}

# The workspace the corpus names.
mkws() {
	W=$1
	mkdir -p "$W/clients"
	cat >"$W/rapport.ini" <<'EOF'
[workspace]
name = Brightline

[owner dana]
name = Dana Kim
email = dana@brightline.example

[owner lee]
email = Lee@Brightline.example

[mail]
own = *@brightline.example, dana.kim@gmail.com
public_domains = mailbox.example
EOF
	client acme "Acme Widgets" jo@acme.example "emails = billing@acme-widgets.example"
	$PY - "$W/clients/acme.md" <<'EOF'
import sys
p = sys.argv[1]
s = open(p).read().replace("\n---\n\nNotes.", "\n\n[escalation]\nname = Sam\nemail = sam@acme.example\n---\n\nNotes.")
open(p, "w").write(s)
EOF
	client northwind "Northwind" kim@northwind.example "domains = nw-traders.example"
	client solo "Pat Solo" pat.solo@gmail.com
	client boxco "Box Co" x@mailbox.example
	client twin-a "Twin A" ann@shared.example "domains = shared.example"
	client twin-b "Twin B" bob@twin-b.example "domains = shared.example"
	(cd "$W" && git init -q && git add -A && git commit -q -m start)
}

$PY "$SRC/tests/mailcorpus.py" "$T/corpus" || { echo "FAIL corpus"; exit 1; }
M=$T/corpus/Maildir
B=$T/corpus/sent.mbox
mkws "$T/ws"
expect "check is clean" 'r check >"$T/out" 2>&1'

# --dry-run: prints the entries, changes nothing at all, not even the
# caches (check made them: without them a write would show).
rm -rf "$W/.git/rapport"
tree_sum "$W" >"$T/before"
expect "dry run" 'r import-mail --dry-run "$M" "$B" >"$T/dry" 2>"$T/dryerr"'
tree_sum "$W" >"$T/after"
expect "dry run leaves every byte" 'cmp -s "$T/before" "$T/after"'
expect "dry run says so" 'grep -q "^nothing was changed (--dry-run)" "$T/dry"'
expect "dry run lists an entry" 'grep -q "^clients/acme.md: + ## 2026-11-18 09:12 <- email: October invoice question$" "$T/dry"'

# The import.
n0=$(git -C "$W" rev-list --count HEAD)
expect "import" 'r import-mail "$M" "$B" >"$T/out" 2>"$T/err"'
expect "one commit" '[ "$(git -C "$W" rev-list --count HEAD)" -eq $((n0 + 1)) ]'
expect "the commit message counts" 'git -C "$W" log -1 --format=%s | grep -qx "import-mail: [0-9]* messages for 5 clients"'
expect "the commit's body counts each client" 'git -C "$W" log -1 --format=%b | grep -qx "twin-a: 1"'
expect "nothing left uncommitted" '[ -z "$(git -C "$W" status --porcelain)" ]'
expect "the imported files check clean" 'r check --strict >"$T/chk" 2>&1'
# Every expected entry, exactly once, in the file of its client.
while IFS=' ' read -r kind a rest; do
	case $kind in
	entry)
		expect "entry in $a: $rest" '[ "$(grep -cxF "## $rest" "$W/clients/$a.md")" -eq 1 ]' ;;
	skip)
		# A second copy's first is an entry; the others are in no file.
		[ "$a" = twice ] ||
		expect "not imported: $rest" '! grep -rqF "email: $rest" "$W/clients"' ;;
	esac
done <"$T/corpus/expect.txt"
nentry=$(grep -c '^entry ' "$T/corpus/expect.txt")
expect "no entry beyond those ($nentry)" '[ "$(grep -c "^## .* email: " "$W"/clients/*.md | awk -F: "{s+=\$2} END {print s}")" -eq "$nentry" ]'
expect "the dry run listed the same" '[ "$(grep -c "^clients/.*: + ## " "$T/dry")" -eq "$nentry" ]'
# The message id (or hash) follows each heading, and no body was copied.
expect "message-id comment" 'grep -A1 -F "## 2026-11-18 09:12 <- email: October invoice question" "$W/clients/acme.md" | grep -q "^<!-- message-id: <corpus\.[0-9]*\.x*@mail\.example> -->$"'
H=$(git hash-object "$M/new/1700000100.same1.corpus")
expect "a message without id is known by git's hash of it" 'grep -A1 -F "email: No id here" "$W/clients/acme.md" | grep -qx "<!-- message-hash: $H -->"'
expect "no body" '! grep -rq "Hello\.\|Plain part\|From the top" "$W/clients"'
# The summary.
nread=$(wc -l <"$T/corpus/expect.txt")
expect "summary: read $nread" 'grep -qx "read $nread messages" "$T/out"'
expect "summary: per client" 'grep -q "^imported $nentry: acme [0-9]*, boxco 1, northwind [0-9]*, solo 2, twin-a 1$" "$T/out"'
for w in "2 automatic\|1 automatic" "4 list or bulk mail" "1 not an e-mail message" "2 a second copy" "4 not from or to a client" "2 matching two clients" "1 dated after today"; do
	expect "summary: $w" 'grep "^skipped" "$T/out" | grep -q "[ :]$w"'
done
# The entries of each file are in the order of entries (the files had
# none before), whatever order the messages were found in: a day's later
# message whose file name sorts first comes after the earlier one.
for f in "$W"/clients/*.md; do
	expect "the entries of ${f##*/} in order" 'grep "^## " "$f" | cut -c4-19 | LC_ALL=C sort -c'
done
expect "a day's two messages in time order" '[ "$(grep -o "email: \(Early\|Later\) that day$" "$W/clients/northwind.md")" = "email: Early that day
email: Later that day" ]'
expect "the tie is named" 'grep -q "sent.mbox:[0-9]*:1: warning: this message matches twin-a and twin-b equally (by domain shared.example)" "$T/err"'
expect "the tie of two addresses is named" 'grep -q "matches acme and northwind equally (by address" "$T/err"'
expect "the file that is not mail is named" 'grep -q "Maildir/cur/notes.txt: warning: not an e-mail message" "$T/err"'
expect "the hidden file is not read" '! grep -q "hidden" "$T/err" "$T/out"'

# The site: the entries, and no message id (a comment shows nothing).
expect "build" 'r build -o "$T/site" >"$T/out" 2>&1'
expect "the site has the imported entry" 'grep -q "<strong>Logo files for the relaunch</strong>" "$T/site/clients/acme.html"'
expect "the site shows no message id" '! grep -rq "message-id\|message-hash\|raw HTML omitted" "$T/site"'
expect "an entry of a message has no empty text" '! grep -A1 "<strong>Logo files for the relaunch</strong>" "$T/site/clients/acme.html" | grep -q "entry-text"'

# The follow-up signals follow the mail.
r status --json >"$T/st.json"
expect "an answered message owes nothing, an unanswered one does" '$PY - "$T/st.json" <<EOF
import json, sys
d = json.load(open(sys.argv[1]))
solo = [c for c in d.get("clients", []) if c["slug"] == "solo"]
assert not any(s["kind"] == "reply-owed" for c in solo for s in c["signals"]), solo
acme = [c for c in d["clients"] if c["slug"] == "acme"][0]
owed = [s for s in acme["signals"] if s["kind"] == "reply-owed"][0]
# The earliest unanswered inbound entry: 2026-11-20 (the 17th and 18th
# were answered on the 18th at 15:00).
assert owed["text"].startswith("reply to the 2026-11-20 email: Logo files"), owed
EOF'

# A second import adds nothing.
h1=$(git -C "$W" rev-parse HEAD)
tree_sum "$W" >"$T/before"
expect "second import" 'r import-mail "$M" "$B" >"$T/out2" 2>"$T/err2"'
expect "second import commits nothing" '[ "$(git -C "$W" rev-parse HEAD)" = "$h1" ]'
expect "second import says none" 'grep -qx "imported 0" "$T/out2"'
ntwice=$(grep -c '^skip twice ' "$T/corpus/expect.txt")
expect "second import: every copy known" 'grep "^skipped" "$T/out2" | grep -q " $((nentry + ntwice)) already imported"'
expect "second import changes no file" '[ -z "$(git -C "$W" status --porcelain)" ]'

# Two people who imported the same mail in their own clones: the rapport
# merge keeps each entry once, and what only one side has.
git -C "$T/ws" show HEAD~1:clients/acme.md >"$T/base.md"
git -C "$T/ws" show HEAD:clients/acme.md >"$T/ours.md"
cp "$T/ours.md" "$T/theirs.md"
printf '\n## 2026-11-22 18:00 -> email: Only theirs\n<!-- message-id: <theirs@x> -->\n' >>"$T/theirs.md"
expect "merging two imports of the same mail" '"$BIN" merge-file "$T/base.md" "$T/ours.md" "$T/theirs.md" clients/acme.md'
expect "each entry once" '[ -z "$(grep "^## \|^<!--" "$T/ours.md" | sort | uniq -d)" ] && [ "$(grep -c "^## " "$T/ours.md")" -eq "$(($(grep -c "^## " "$T/theirs.md")))" ]'

# A hand edit stays in the work tree, uncommitted; the import commits
# its entries alone.
cp -R "$T/ws" "$T/ws2"
W=$T/ws2
git -C "$W" reset -q --hard HEAD~1
printf 'A hand edit, not for the commit.\n' >>"$W/clients/acme.md"
expect "import beside a hand edit" 'r import-mail "$M" "$B" >"$T/out" 2>"$T/err"'
expect "the hand edit is still there" 'grep -qx "A hand edit, not for the commit." "$W/clients/acme.md"'
expect "the hand edit is not committed" '! git -C "$W" show HEAD:clients/acme.md | grep -q "hand edit"'
expect "the entries are committed" 'git -C "$W" show HEAD:clients/acme.md | grep -qF "## 2026-11-20 10:00 <- email: Logo files for the relaunch"'
expect "the work tree has the entries too" 'grep -qF "## 2026-11-20 10:00 <- email: Logo files for the relaunch" "$W/clients/acme.md"'
expect "only the hand edit differs" '[ "$(git -C "$W" diff HEAD | grep "^[-+][^-+]")" = "+A hand edit, not for the commit." ]'

# A client file with errors takes nothing, and says so; the rest imports.
cp -R "$T/ws2" "$T/ws3"
W=$T/ws3
git -C "$W" reset -q --hard HEAD~1
sed -i 's/^owner = dana$/owner = nobody/' "$W/clients/northwind.md"
expect "import beside a broken file" 'r import-mail "$M" "$B" >"$T/out" 2>"$T/err"'
expect "the broken file is named" 'grep -q "^clients/northwind.md: warning: [0-9]* messages not imported: it has errors" "$T/err"'
expect "the broken file is untouched" '! grep -q "email:" "$W/clients/northwind.md"'
expect "the others are imported" 'git -C "$W" show HEAD:clients/acme.md | grep -q "email: HTML only"'

# A file whose committed text has errors takes nothing, though its work
# tree is mended: the commit would hold the errors.
git -C "$W" checkout -q -- clients/northwind.md
git -C "$W" reset -q --hard HEAD~1
sed -i 's/^owner = dana$/owner = nobody/' "$W/clients/northwind.md"
git -C "$W" commit -q -am "broken northwind"
sed -i 's/^owner = nobody$/owner = dana/' "$W/clients/northwind.md"
expect "import beside a broken commit" 'r import-mail "$M" "$B" >"$T/out" 2>"$T/err"'
expect "git's version is named" 'grep -q "^clients/northwind.md: warning: [0-9]* messages not imported: git.s version of it has errors" "$T/err"'
expect "the mended file stays as it was" '! grep -q "email:" "$W/clients/northwind.md" && git -C "$W" diff --quiet HEAD -- clients/acme.md'

# Local time: the same mail read in other time zones.
# POSIX TZ strings need no zone files: UTC-13 is 13 hours east of UTC.
for tz in "UTC-13 2026-11-23 01:30 2026-11-23 21:00" \
    "UTC+10 2026-11-22 02:30 2026-11-22 22:00"; do
	set -- $tz
	zone=$1 auck="$2 $3" hono="$4 $5"
	rm -rf "$T/tz"
	mkws "$T/tz"
	expect "import in TZ=$zone" 'TZ=$zone r import-mail "$M" "$B" >"$T/out" 2>&1'
	expect "Auckland's mail in TZ=$zone is $auck" 'grep -qxF "## $auck <- email: Sent from Auckland" "$W/clients/northwind.md"'
	expect "Honolulu's mail in TZ=$zone is $hono" 'grep -qxF "## $hono <- email: Sent from Honolulu" "$W/clients/northwind.md"'
done

# Two imports of the same mail at once: the lock makes one of them add
# everything and the other nothing; no entry is there twice.
rm -rf "$T/race"
mkws "$T/race"
r import-mail "$M" "$B" >"$T/race1" 2>&1 &
p1=$!
r import-mail "$M" "$B" >"$T/race2" 2>&1 &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
expect "two imports at once both succeed" '[ $s1 -eq 0 ] && [ $s2 -eq 0 ]'
expect "one of them imports nothing" 'cat "$T/race1" "$T/race2" | grep -qx "imported 0"'
expect "no entry twice" '[ -z "$(grep -h "^## " "$W"/clients/*.md | sort | uniq -d)" ]'
expect "one import commit" '[ "$(git -C "$W" log --format=%s | grep -c "^import-mail:")" -eq 1 ]'

# A file written with CRLF line ends gets its entries in CRLF too.
rm -rf "$T/crlf"
mkws "$T/crlf"
sed -i 's/$/\r/' "$W/clients/acme.md"
git -C "$W" commit -qam crlf
expect "import into a CRLF file" 'r import-mail "$M" "$B" >"$T/out" 2>&1'
expect "every line of it ends in CRLF" '[ "$(grep -c "$(printf "\r")\$" "$W/clients/acme.md")" -eq "$(wc -l <"$W/clients/acme.md")" ]'
expect "and it checks clean" 'r check --strict clients/acme.md >/dev/null 2>&1'

# Many clients: the summary names twelve and counts the rest; the
# commit's message names every one.
rm -rf "$T/many"
mkdir -p "$T/many/clients" "$T/manymail/cur" "$T/manymail/new" "$T/manymail/tmp"
W=$T/many
printf '[owner dana]\nemail = dana@brightline.example\n' >"$W/rapport.ini"
i=1
while [ $i -le 14 ]; do
	client "c$i" "Client $i" "p@c$i.example"
	printf 'From: p@c%s.example\nTo: dana@brightline.example\nSubject: hello %s\nDate: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <m%s@c>\n\nbody\n' \
	    $i $i $i >"$T/manymail/cur/$i"
	i=$((i + 1))
done
(cd "$W" && git init -q && git add -A && git commit -q -m start)
expect "import for fourteen clients" 'r import-mail "$T/manymail" >"$T/out" 2>"$T/err"'
expect "the commit is shown" 'grep -qx "\[[0-9a-f]\{7\}\] import-mail: 14 messages for 14 clients" "$T/out"'
expect "the summary names twelve, counts two" 'grep -q "^imported 14: .* and 2 more clients\$" "$T/out" && [ "$(grep "^imported" "$T/out" | tr , "\n" | wc -l)" -eq 12 ]'
expect "the commit's body names all fourteen" '[ "$(git -C "$W" log -1 --format=%b | grep -c "^c[0-9]*: 1\$")" -eq 14 ]'

# Bad sources: named, and nothing changes.
W=$T/ws
tree_sum "$W" >"$T/before"
mkdir -p "$T/notmail"
printf 'hello\n' >"$T/plain.txt"
expect "a folder that is not a Maildir" 'r import-mail "$M" "$T/notmail" >"$T/out" 2>"$T/err"; [ $? -eq 2 ]'
expect "it is named" 'grep -q "notmail: error: not a Maildir folder" "$T/err"'
expect "a file that is not an mbox" 'r import-mail "$T/plain.txt" >"$T/out" 2>"$T/err"; [ $? -eq 2 ]'
expect "it is named too" 'grep -q "plain.txt:1:1: error: not an mbox file" "$T/err"'
expect "a missing source" 'r import-mail "$T/nowhere" >"$T/out" 2>"$T/err"; [ $? -eq 2 ]'
expect "no source" 'r import-mail >"$T/out" 2>"$T/err"; [ $? -eq 2 ]'
tree_sum "$W" >"$T/after"
expect "bad sources change nothing" 'cmp -s "$T/before" "$T/after"'
# A symbolic link inside a Maildir is not followed.
mkdir -p "$T/md2/cur" "$T/md2/new"
printf 'From: jo@acme.example\nTo: dana@brightline.example\nSubject: secret\nDate: Fri, 20 Nov 2026 10:00:00 +0000\nMessage-ID: <link@x>\n\nbody\n' >"$T/outside"
ln -s "$T/outside" "$T/md2/cur/link"
expect "a link in a Maildir" 'r import-mail --dry-run "$T/md2" >"$T/out" 2>"$T/err"'
expect "is passed over, named" 'grep -q "md2/cur/link: warning: a symbolic link" "$T/err" && grep -qx "read 0 messages" "$T/out"'

# The sample Maildir of the README, into the example workspace.
cp -R "$SRC/example-workspace" "$T/ex"
(cd "$T/ex" && git init -q && git add -A && git commit -q -m start)
W=$T/ex
expect "the README's sample imports" 'r import-mail "$SRC/example-mail/Maildir" >"$T/out" 2>"$T/err"'
expect "the sample adds entries" 'grep -q "^imported [1-9]" "$T/out"'
expect "and nothing fails" '[ ! -s "$T/err" ]'
expect "the sample's second import adds nothing" 'r import-mail "$SRC/example-mail/Maildir" >"$T/out" 2>&1 && grep -qx "imported 0" "$T/out"'

# ---- issue 32: the audit ----
# An mbox whose body has a "From " line that no writer escaped, after a
# line of text: only a "From " line after an empty one (or the file's
# first) starts a message, so it stays in its body.  And a client file
# whose last line has no line end: the entries come after an empty line,
# that last line untouched.
rm -rf "$T/audit"
mkws "$T/audit"
printf '%s\n' '## 2026-11-02 10:00 -> call: Old entry' 'Its last line has no end.' |
    head -c -1 >>"$W/clients/acme.md"
git -C "$W" commit -qam "no line end at the end"
cat >"$T/audit.mbox" <<'EOF'
From jo@acme.example Fri Nov 20 10:00:00 2026
From: jo@acme.example
To: dana@brightline.example
Subject: The plan
Date: Fri, 20 Nov 2026 10:00:00 +0000
Message-ID: <audit.1@acme.example>

Hello Dana,
From what I hear the plan is fine.
From: nobody, this is body text too

From jo@acme.example Sat Nov 21 09:00:00 2026
From: jo@acme.example
To: dana@brightline.example
Subject: One more thing
Date: Sat, 21 Nov 2026 09:00:00 +0000
Message-ID: <audit.2@acme.example>

Bye.
EOF
expect "audit: import an mbox with From in a body" 'r import-mail "$T/audit.mbox" >"$T/out" 2>"$T/err"'
expect "audit: two messages, not three" 'grep -qx "read 2 messages" "$T/out" && grep -qx "imported 2: acme 2" "$T/out"'
expect "audit: no part of a body read as a message" '[ ! -s "$T/err" ]'
expect "audit: after a last line without its end, an empty line, then the entries" \
    '[ "$(tail -n 7 "$W/clients/acme.md")" = "Its last line has no end.

## 2026-11-20 10:00 <- email: The plan
<!-- message-id: <audit.1@acme.example> -->

## 2026-11-21 09:00 <- email: One more thing
<!-- message-id: <audit.2@acme.example> -->" ]'
expect "audit: and the file checks clean" 'r check --strict clients/acme.md >/dev/null 2>&1'

echo "mail: $pass passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
