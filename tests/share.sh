#!/bin/sh
# share.sh: client report pages (SPEC section 5), checked from the outside.
#
#   sh tests/share.sh ./rapport
#
# A marker planted in every internal field reaches no file under share/
# (and does reach the internal page, so it was planted); months without a
# report are said, never left out; the hours table holds this month and
# the six before (none before since), "over" only past the contract, and
# the client's kept promises are not among ours; rotated and revoked
# keys' folders go, foreign files stay; rebuilds are byte-identical and
# rewrite nothing; the page is valid HTML with noindex and no-referrer,
# and links nowhere.

set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/rapport-share.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
PY=/usr/bin/python3
pass=0
failed=0
export GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=t@example.com
export GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=t@example.com
export GIT_AUTHOR_DATE="2026-11-20T10:00:00+00:00"
export GIT_COMMITTER_DATE="2026-11-20T10:00:00+00:00"

r() {
	${RAPPORT_WRAP:-} "$BIN" --today 2026-11-23 -C "$T/ws" "$@"
}
ok() { pass=$((pass + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
expect() { if eval "$2"; then ok; else bad "$1"; fi; }
key_of() { sed -n '/^\[share\]/,/^---/s/^key = //p' "$T/ws/clients/$1.md"; }
# shared SLUG: commits clients/SLUG.md as written, then gives it a key.
shared() {
	(cd "$T/ws" && git add "clients/$1.md" && git commit -q -m "$1") &&
	    r share "$1" >/dev/null 2>&1
}

cp -R "$SRC/example-workspace" "$T/ws"
F=$T/ws/clients/ledgerly.md
# Markers in every field the page must not show: notes, an entry's
# summary and text, an internal note, the escalation contact, tags, an
# owner's name, an @internal promise (ours and theirs), a commit message.
$PY - "$F" "$T/ws/rapport.ini" <<'EOF'
import re, sys
f, ini = sys.argv[1], sys.argv[2]
s = open(f).read()
head, body = s.split("\n---\n", 1)
head = re.sub(r"^tags = .*$", "tags = mark-tag-m01", head, flags=re.M)
head = re.sub(r"\[share\]\nkey = .*\n?", "", head)
head = re.sub(r"(\[escalation\]\n)", r"\1", head)
head = re.sub(r"^(\[escalation\]\n(?:.*\n)*?)name = .*$",
              r"\1name = Esc M02", head, flags=re.M)
head = re.sub(r"^(\[escalation\]\n(?:.*\n)*?)role = .*$",
              r"\1role = Role M03", head, flags=re.M)
head = re.sub(r"^(\[escalation\]\n(?:.*\n)*?)phone = .*$",
              r"\1phone = +1 555 0100", head, flags=re.M)
body = "Notes M04 about the account.\n" + body
body += ("\n## 2026-11-20 -> call: Summary M05 (1h)\nText M06 of the call.\n"
         "\n## 2026-11-21 Internal note M07\nMore M08.\n"
         "- [ ] Ours M09 @internal due:2026-12-01\n"
         "- [ ] Theirs M10 @client @internal due:2026-12-01\n"
         "- [ ] Visible promise due:2026-12-03\n")
open(f, "w").write(head + "\n---\n" + body)
i = open(ini).read()
i = re.sub(r"(\[owner dana\]\n(?:.*\n)*?)name = .*$", r"\1name = Dana M11",
           i, flags=re.M)
open(ini, "w").write(i)
EOF
(cd "$T/ws" && git init -q && git add -A && git commit -q -m "start M12")
expect "share" 'r share ledgerly >"$T/out" 2>&1'
K=$(key_of ledgerly)
expect "a key of 22" 'echo "$K" | grep -qx "[A-Za-z0-9_-]\{22\}"'
expect "share prints the address" 'grep -q "share/$K/" "$T/out"'
expect "build" 'r build -o "$T/a" >"$T/out" 2>&1'
P=$T/a/share/$K/index.html
expect "the page and its stylesheet" '[ -s "$P" ] && [ -s "$T/a/share/$K/share.css" ]'
for m in M01 M02 M03 M04 M05 M06 M07 M08 M09 M10 M11 M12; do
	case $m in
	M12) where=$T/a/clients/ledgerly.html ;;	# the history
	M11) where=$T/a/owners/dana.html ;;
	M09|M10) where=$F ;;	# @internal: the internal page has them too
	*) where=$T/a/clients/ledgerly.html ;;
	esac
	expect "marker $m was planted (in ${where#$T/})" 'grep -rqi "$m" "$where"'
	expect "marker $m is not under share/" '! grep -rqi "$m" "$T/a/share"'
done
expect "no health word" '! grep -qi "health\|amber\|green\|escalat" "$P"'
expect "a visible promise is there" 'grep -q "Visible promise" "$P"'
expect "noindex" 'grep -q "<meta name=\"robots\" content=\"noindex" "$P"'
expect "no-referrer" 'grep -q "<meta name=\"referrer\" content=\"no-referrer\">" "$P"'
# Every link and resource stays in share/KEY/: no scheme, no "/", no "..".
expect "links only to its own stylesheet" \
    '[ "$(grep -o "\(href\|src\)=\"[^\"]*\"" "$P" | sort -u)" = "href=\"share.css\"" ]'
expect "no url() in the stylesheet" '! grep -q "url(\|@import" "$T/a/share/$K/share.css"'
tidy -errors -q "$P" >/dev/null 2>"$T/tidy"
st=$?
expect "tidy the page: $(grep -m1 Error "$T/tidy")" '[ $st -lt 2 ] && ! grep -q Error "$T/tidy"'
# The internal page says where the report page is.
expect "the internal page has the address" 'grep -q "share/$K/" "$T/a/clients/ledgerly.html"'
expect "and the day the key was made" \
    'grep -q "share/$K/</a> <span class=\"muted\">made <time datetime=\"2026-11-20\">" "$T/a/clients/ledgerly.html"'

# Months: reports for July, September and October; August is not
# reported, and so is September's b.
cat >"$T/ws/clients/months-co.md" <<'EOF'
---
name = Months Co
owner = dana
[metrics]
track = a, b
[report 2026-07]
a = 1
b = 2
[report 2026-09]
a = 3
[report 2026-10]
a = 5
b = 6
---
EOF
expect "share months-co" 'shared months-co'
M=$(key_of months-co)
expect "build with months" 'r build -o "$T/a" >"$T/out" 2>&1'
$PY - "$T/a/share/$M/index.html" >"$T/months" <<'EOF'
import re, sys
h = open(sys.argv[1]).read()
t = h[h.index('<th scope="col">Month</th>'):]
t = t[:t.index("</table>")]
for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", t):
    month = re.search(r'datetime="([0-9-]+)"', row).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row)
    cells = ["-" if "not reported" in c else c for c in cells]
    print(month, " ".join(cells))
EOF
expect "months: $(tr '\n' ';' <"$T/months")" \
    '[ "$(cat "$T/months")" = "2026-10 5 6
2026-09 3 -
2026-08 - -
2026-07 1 2" ]'
# The charts have gaps: a's July alone (a dot), then September to
# October (a line); b's July and October both alone.
fig() { grep -o "<figure><figcaption>$1</figcaption>.*</figure>" "$T/a/share/$M/index.html" | grep -o "$2" | wc -l; }
expect "a's chart: one line, of two months" \
    '[ "$(fig a "<polyline")" = 1 ] && fig a "<polyline points=\"[0-9.,]* [0-9.,]*\"" | grep -qx 1'
expect "b's chart: no line across the gap" '[ "$(fig b "<polyline")" = 0 ] && [ "$(fig b "<circle")" -ge 2 ]'

# Hours: this month and the six before it, the oldest named; "over" only
# past the contract (30 of 30 is not over, 30.01 is); a promise of the
# client's that was kept is not among what we kept.
cat >"$T/ws/clients/hours-co.md" <<'EOF'
---
name = Hours Co
owner = dana
[contract]
hours = 30
---

## 2026-04-30 -> call: Before the table (5h)
## 2026-05-31 -> call: The oldest month (2h)
## 2026-09-10 -> call: Part one (12h)
## 2026-09-20 -> call: Part two (18.5h)
## 2026-10-01 -> call: Just over (30.01h)
## 2026-11-02 -> call: Exactly the contract (30h)
- [x] Deliver the audit done:2026-11-10
- [x] @client Send the brand assets done:2026-11-12
- [ ] @client Approve the plan due:2026-12-01
EOF
expect "hours-co checks clean" 'r check --strict clients/hours-co.md >"$T/out" 2>&1'
expect "share hours-co" 'shared hours-co'
H=$(key_of hours-co)
expect "build with hours" 'r build -o "$T/a" >"$T/out" 2>&1'
# The hours table, a row a line: the month, its name, used, the
# contract, and "over" (the row's class and the word both) or "-".
hours_rows() {
	$PY - "$1" <<'EOF'
import re, sys
h = open(sys.argv[1]).read()
t = h[h.index('<th scope="col">Hours used</th>'):]
t = t[:t.index("</table>")]
for row in re.findall(r"<tr(.*?)</tr>", t, re.S):
    m = re.search(r'datetime="([0-9-]+)">([^<]*)</time>', row)
    used = re.search(r"<td>([0-9.]+) of ([0-9.]+)", row)
    cls, word = 'class="over"' in row, "<strong>over</strong>" in row
    over = "over" if cls and word else "-" if not cls and not word else "half"
    print(m.group(1), m.group(2).replace(" ", "_"), used.group(1),
          used.group(2), over)
EOF
}
hours_rows "$T/a/share/$H/index.html" >"$T/hours"
expect "hours: $(tr '\n' ';' <"$T/hours")" '[ "$(cat "$T/hours")" = "2026-11 November_2026 30 30 -
2026-10 October_2026 30.01 30 over
2026-09 September_2026 30.5 30 over
2026-08 August_2026 0 30 -
2026-07 July_2026 0 30 -
2026-06 June_2026 0 30 -
2026-05 May_2026 2 30 -" ]'
expect "the month before the oldest is not there" \
    '! grep -q "April 2026\|2026-04" "$T/a/share/$H/index.html"'
expect "this month so far" 'grep -q "This month: 30 of 30 hours" "$T/a/share/$H/index.html"'
# Across a year's end: February 2027 back to August 2026.
expect "build in February" '${RAPPORT_WRAP:-} "$BIN" --today 2027-02-10 -C "$T/ws" build -o "$T/feb" >"$T/out" 2>&1'
hours_rows "$T/feb/share/$H/index.html" | cut -d" " -f1,2 | tr '\n' ' ' >"$T/hours"
expect "hours in February: $(cat "$T/hours")" '[ "$(cat "$T/hours")" = "2027-02 February_2027 2027-01 January_2027 2026-12 December_2026 2026-11 November_2026 2026-10 October_2026 2026-09 September_2026 2026-08 August_2026 " ]'
# None before the client's since: September (its month) is the oldest.
cat >"$T/ws/clients/since-co.md" <<'EOF'
---
name = Since Co
owner = dana
since = 2026-09-15
[contract]
hours = 10
---

## 2026-09-16 -> call: Kick-off (3h)
EOF
expect "share since-co" 'shared since-co'
S=$(key_of since-co)
expect "build with since" 'r build -o "$T/a" >"$T/out" 2>&1'
hours_rows "$T/a/share/$S/index.html" | tr '\n' ';' >"$T/hours"
expect "hours since September: $(cat "$T/hours")" '[ "$(cat "$T/hours")" = "2026-11 November_2026 0 10 -;2026-10 October_2026 0 10 -;2026-09 September_2026 3 10 -;" ]'
$PY - "$T/a/share/$H/index.html" >"$T/kept" <<'EOF'
import sys
h = open(sys.argv[1]).read()
k = h[h.index('<ul class="promises kept">'):]
print(k[:k.index("</ul>")])
EOF
expect "our kept promise is among those kept" 'grep -q "Deliver the audit" "$T/kept"'
expect "the client's kept promise is not" '! grep -q "brand assets" "$T/kept"'
expect "nor anywhere on the page" '! grep -q "brand assets" "$T/a/share/$H/index.html"'
expect "what we wait on is there" 'grep -q "Approve the plan" "$T/a/share/$H/index.html"'

# Rebuilds: the same bytes, nothing rewritten; a fresh folder is equal.
expect "a rebuild writes nothing" 'r build -o "$T/a" | grep -q " 0 written"'
expect "a fresh build is byte-identical" \
    'RAPPORT_NO_CACHE=1 r build -o "$T/b" >/dev/null && diff -r "$T/a/share" "$T/b/share" >/dev/null'

# Rotate and revoke: the old folder goes; foreign files stay.
echo mine >"$T/a/share/foreign.txt"
mkdir -p "$T/a/share/handmade"
echo mine >"$T/a/share/handmade/page.html"
echo mine >"$T/a/share/$M/notes.txt"
expect "rotate" 'r share --rotate ledgerly >/dev/null 2>&1'
K2=$(key_of ledgerly)
expect "build after rotate" 'r build -o "$T/a" >"$T/out" 2>&1'
expect "the old key's folder is gone" '[ ! -e "$T/a/share/$K" ]'
expect "the new key's page is there" '[ -s "$T/a/share/$K2/index.html" ]'
expect "revoke" 'r share --revoke months-co >/dev/null 2>&1'
expect "build after revoke" 'r build -o "$T/a" >"$T/out" 2>&1'
expect "the revoked page is gone" \
    '[ ! -e "$T/a/share/$M/index.html" ] && [ ! -e "$T/a/share/$M/share.css" ]'
expect "a file put in its folder by hand stays" '[ -f "$T/a/share/$M/notes.txt" ]'
expect "foreign files in share/ stay" \
    '[ -f "$T/a/share/foreign.txt" ] && [ -f "$T/a/share/handmade/page.html" ]'
expect "check is clean" 'r check >/dev/null 2>&1'

# A section written indented (inih reads it as a section) ends [share]:
# a new key goes into [share], not into the section after it, and
# revoking it removes [share] alone.
cat >"$T/ws/clients/indented.md" <<'EOF'
---
name = Indented Co
owner = dana

[share]
  [contact]
  name = Kept Contact
  email = kept@indented.example
---
EOF
(cd "$T/ws" && git add clients/indented.md && git commit -q -m indented)
expect "share beside an indented section" 'r share indented >/dev/null 2>&1'
expect "the key is in [share]" '[ -n "$(key_of indented)" ] && r check clients/indented.md >/dev/null 2>&1'
expect "revoke beside an indented section" 'r share --revoke indented >/dev/null 2>&1'
expect "the indented section stays" 'git -C "$T/ws" show HEAD:clients/indented.md | grep -q "kept@indented.example"'
expect "[share] goes with its key" '! grep -q "share\]\|^key" "$T/ws/clients/indented.md"'
expect "the file checks clean" 'r check clients/indented.md >/dev/null 2>&1'

# A link where share/ would be is refused, and nothing is followed.
rm -rf "$T/c"
r build -o "$T/c" >/dev/null 2>&1
rm -rf "$T/c/share" && mkdir "$T/elsewhere" && ln -s "$T/elsewhere" "$T/c/share"
expect "a link as share/ is refused" '! r build -o "$T/c" >/dev/null 2>"$T/err"'
expect "and says so" 'grep -q "share is a symbolic link" "$T/err"'
expect "nothing was written through it" '[ -z "$(ls -A "$T/elsewhere")" ]'

# ---- issue 32: the audit ----
# One client, every promise at an edge: kept exactly 90 days ago (shown)
# and 91 (not); due today (not late) and yesterday (late); the client's
# own (under "What we need from you", not among ours); an address that
# holds "@client"; "@Internal" in capitals, and a promise under an
# @internal one.  Its only report is this month's: no month of numbers
# is over yet.  Its last contact is 2026-11-20, its cadence 14 days.
cat >"$T/ws/clients/audit-co.md" <<'EOF'
---
name = Audit Co
owner = dana
cadence = 14d
[metrics]
track = visits
[report 2026-11]
visits = 10
---

## 2026-08-20 10:00 -> call: Kick-off
- [x] Sent the August plan due:2026-08-25 done:2026-08-25
- [x] Sent the July plan due:2026-08-24 done:2026-08-24

## 2026-11-20 10:00 -> call: Review
- [ ] Approve the budget @client due:2026-12-01
- [ ] Call them back due:2026-11-23
- [ ] Chase the invoice due:2026-11-22
- [ ] Send the report due:2026-12-03
- [ ] Mail the plan to ops@clientco.example due:2026-12-04
- [ ] Renegotiate the rate @Internal due:2026-12-05
- [ ] Review margins @internal due:2026-12-06
  - [ ] Raise the day rate due:2026-12-07
EOF
expect "audit: share audit-co" 'shared audit-co'
A=$(key_of audit-co)
expect "audit: build" 'r build -o "$T/audit" >"$T/out" 2>&1'
AP=$T/audit/share/$A/index.html
# section ID: the page's section headed ID.
section() { sed -n "/<h2 id=\"$1\">/,/<\/section>/p" "$AP"; }
expect "audit: kept 90 days ago is shown" 'section h-ours | grep -q "<li>Sent the August plan <span class=\"when\">kept <time datetime=\"2026-08-25\">"'
expect "audit: kept 91 days ago is not" '! grep -q "Sent the July plan" "$AP" && grep -q "Sent the July plan" "$T/ws/clients/audit-co.md"'
expect "audit: due today is not late" 'section h-ours | grep -q "^<li>Call them back <span class=\"when\">due <time datetime=\"2026-11-23\">2026-11-23</time></span></li>$"'
expect "audit: due yesterday is late" 'section h-ours | grep -q "^<li class=\"late\">Chase the invoice .*<strong class=\"late\">late</strong></li>$"'
expect "audit: the client's promise is what we need from them" 'section h-theirs | grep -q "^<li>Approve the budget <span class=\"when\">by <time datetime=\"2026-12-01\">"'
expect "audit: and not among ours" '! section h-ours | grep -q "Approve the budget"'
expect "audit: ours are not asked of the client" 'section h-ours | grep -q "<li>Send the report " && ! section h-theirs | grep -q "Send the report\|Call them back"'
expect "audit: an address holding @client stays whole" 'grep -q "<li>Mail the plan to ops@clientco.example <span" "$AP"'
expect "audit: @Internal in capitals stays out" '! grep -qi "Renegotiate" "$AP" && grep -q "Renegotiate" "$T/audit/clients/audit-co.html"'
expect "audit: a promise under an @internal one stays out" '! grep -qi "Review margins\|Raise the day rate" "$AP" && grep -q "Raise the day rate" "$T/audit/clients/audit-co.html"'
expect "audit: the next check-in is the last contact and the cadence" 'grep -q "<dt>Next check-in</dt><dd><time datetime=\"2026-12-04\">" "$AP"'
expect "audit: this month alone is no month of numbers yet" 'section h-numbers | grep -q "<p>No monthly numbers are reported yet.</p>" && ! section h-numbers | grep -q "<table"'
expect "audit: the agency is [workspace] name" 'grep -q "<p class=\"from\">Brightline Agency for Audit Co</p>" "$AP"'
expect "audit: never the internal site's title" '! grep -rq "Brightline clients" "$T/audit/share" && grep -q "Brightline clients" "$T/audit/index.html"'

# ---- issue 33: the mark ----
# "@INTERNAL" in capitals and what sits under it stay out; a near-miss of
# the mark does not keep an item out, and check says so at its line and
# column; an address holding "@internal" holds the mark (one rule, in
# core/model/commitment.c), one holding "@intern" is only an address.  (share
# puts two lines of [share] in the front-matter: the items move down.)
cat >"$T/ws/clients/mark-co.md" <<'EOF'
---
name = Mark Co
owner = dana
---

## 2026-11-20 10:00 -> call: Review
- [ ] Review margins @INTERNAL due:2026-12-06
  - [ ] Raise the day rate due:2026-12-07
- [ ] Ask @intern to price it due:2026-12-08
- [ ] Floor price ＠internal due:2026-12-09
- [ ] Mail bob@internal.example.com due:2026-12-10
- [ ] Mail jo@intern.example due:2026-12-11
EOF
expect "mark: share mark-co" 'shared mark-co'
M=$(key_of mark-co)
expect "mark: build" 'r build -o "$T/mark" >"$T/out" 2>&1'
MP=$T/mark/share/$M/index.html
MI=$T/mark/clients/mark-co.html
expect "mark: @INTERNAL in capitals stays out" '! grep -qi "Review margins" "$MP" && grep -q "Review margins" "$MI"'
expect "mark: under @INTERNAL stays out" '! grep -qi "Raise the day rate" "$MP" && grep -q "Raise the day rate" "$MI"'
expect "mark: an address with @internal holds the mark" '! grep -q "bob@internal" "$MP" && grep -q "bob@internal" "$MI"'
expect "mark: near-misses are shown, as check warns" 'grep -q "Ask @intern to price it" "$MP" && grep -q "Floor price ＠internal" "$MP"'
expect "mark: an address with @intern is shown" 'grep -q "Mail jo@intern.example" "$MP"'
r check clients/mark-co.md >"$T/out" 2>&1
expect "mark: check warns at @intern" 'grep -q "^clients/mark-co.md:11:11: warning: .@intern. is not the @internal mark, so the client.s report page shows this item: write @internal" "$T/out"'
expect "mark: check warns at the fullwidth at sign" 'grep -q "^clients/mark-co.md:12:19: warning: .＠internal. is not the @internal mark" "$T/out"'
expect "mark: and nowhere else" '[ "$(grep -c "@internal mark" "$T/out")" = 2 ]'

echo "share: $pass passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
