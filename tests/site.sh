#!/bin/sh
# site.sh: rapport build, checked from the outside.
#
#   sh tests/site.sh ./rapport [--browser SHOTDIR]
#
# Valid HTML (tidy), links that resolve, an iCalendar feed that parses,
# status.json equal to 'status --json', hostile values that stay text,
# byte-identical rebuilds that rewrite nothing, stale pages removed,
# template overrides, and, with --browser, headless Chromium.

set -u
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
BROWSER=
[ "${1:-}" = --browser ] && BROWSER=$2
SRC=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/rapport-site.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
PY=/usr/bin/python3
pass=0
failed=0

r() {
	${RAPPORT_WRAP:-} "$BIN" --today 2026-11-23 "$@"
}

ok() {
	pass=$((pass + 1))
}

bad() {
	failed=$((failed + 1))
	echo "FAIL $*"
}

expect() {
	if eval "$2"; then ok; else bad "$1"; fi
}

cp -R "$SRC/example-workspace" "$T/ws"
cp -R "$SRC/tests/site/hostile" "$T/hostile"

# The example agency.
expect "build" 'r -C "$T/ws" build -o "$T/a" >"$T/out" 2>"$T/err"'
expect "build says what it wrote" 'grep -q "files, .* written" "$T/out"'
expect "status.json is status --json --all: every client" \
    'r -C "$T/ws" status --json --all >"$T/status.json" && cmp -s "$T/status.json" "$T/a/status.json"'
for f in "$T"/a/*.html "$T"/a/clients/*.html "$T"/a/owners/*.html \
    "$T"/a/hours/*.html "$T"/a/share/*/index.html; do
	# Exit status 2 is an error; 1 is a warning (tidy 5.6 does not know
	# aria-current).
	tidy -errors -q "$f" >/dev/null 2>"$T/tidy"
	st=$?
	# $st, not $?: the $(...) in the message has run since.
	expect "tidy ${f#$T/a/}: $(grep -m1 Error "$T/tidy")" '[ $st -lt 2 ] && ! grep -q Error "$T/tidy"'
done
expect "site checks: $($PY "$SRC/tests/site_check.py" "$T/a" | tail -3)" \
    '$PY "$SRC/tests/site_check.py" "$T/a" >/dev/null'
expect "a kept commitment shows the day it was kept" \
    'grep -q "<li><span class=\"who\">Done</span> Fix GA4 tag on the intake form confirmation page <span class=\"when\">kept on <time datetime=\"2026-11-06\">Fri 6 Nov</time>" "$T/a/clients/okafor-lindqvist-law.html"'
expect "the index counts the files with errors only when there are some" \
    '! grep -q "with errors</li>" "$T/a/index.html"'
expect "a page per client" \
    '[ "$(ls "$T/a/clients" | wc -l)" = "$(find "$T/ws/clients" -name "*.md" | wc -l)" ]'
expect "a page per owner" \
    '[ "$(ls "$T/a/owners" | wc -l)" = "$(grep -c "^\[owner " "$T/ws/rapport.ini")" ]'
# The hours pages: one per month with hours, and this one; linked from
# every page's header and to each other; the figures of 'rapport hours'.
expect "an hours page per month with hours, May to November" \
    '[ "$(ls "$T/a/hours" | tr "\n" " ")" = "2026-05.html 2026-06.html 2026-07.html 2026-08.html 2026-09.html 2026-10.html 2026-11.html " ]'
expect "the header links this month's hours page" \
    'grep -q "<a href=\"hours/2026-11.html\">Hours</a>" "$T/a/index.html" && grep -q "<a href=\"../hours/2026-11.html\">Hours</a>" "$T/a/clients/ledgerly.html"'
expect "an hours page links the months before and after it" \
    'grep -q "<a href=\"2026-09.html\" rel=\"prev\">← September 2026</a><a href=\"2026-11.html\" rel=\"next\">November 2026 →</a>" "$T/a/hours/2026-10.html"'
for m in 2026-10 2026-11; do
	r -C "$T/ws" hours --month $m --json >"$T/hours.json"
	expect "hours/$m.html shows what 'hours --month $m --json' says: $($PY "$SRC/tests/hours.py" page "$T/a/hours/$m.html" "$T/hours.json" 2>&1 | tail -1)" \
	    '$PY "$SRC/tests/hours.py" page "$T/a/hours/$m.html" "$T/hours.json" >/dev/null 2>&1'
done

# The agenda: the overdue, then only the days that have something; the
# other days are counted, and all 28 add up.
days=$(grep -c "<section class=\"day[ \"]" "$T/a/agenda.html")
empty=$(sed -n 's/.*the other \([0-9]*\) days have nothing.*/\1/p' "$T/a/agenda.html")
expect "the agenda shows $((days - 1)) days, counts ${empty:-0} empty, 28 in all" \
    '[ $((days - 1 + ${empty:-0})) = 28 ] && [ "${empty:-0}" -gt 0 ] &&
    ! grep -q "Nothing due." "$T/a/agenda.html"'

# The checker itself catches what it looks for.
cp -R "$T/a" "$T/broken"
printf '<a href="clients/nope.html">x</a><a href="javascript:alert(1)">y</a><p onclick="z">w</p><script>alert(1)</script>\n' \
    >>"$T/broken/index.html"
$PY "$SRC/tests/site_check.py" "$T/broken" >"$T/check" 2>&1
expect "site_check.py catches a broken link" 'grep -q "broken link" "$T/check"'
expect "site_check.py catches javascript:" 'grep -q "dangerous URL" "$T/check"'
expect "site_check.py catches onclick" 'grep -q "event handler" "$T/check"'
expect "site_check.py catches a script" 'grep -q "inline script" "$T/check"'

# Same input, same bytes; nothing rewritten.
expect "second build" 'r -C "$T/ws" build -o "$T/b" >/dev/null 2>&1'
expect "two builds are byte-identical" 'diff -r "$T/a" "$T/b" >/dev/null'
find "$T/a" -type f -exec stat -c '%n %i %Y.%y' {} + | sort >"$T/before"
sleep 1
expect "rebuild" 'r -C "$T/ws" build -o "$T/a" >"$T/out" 2>&1'
find "$T/a" -type f -exec stat -c '%n %i %Y.%y' {} + | sort >"$T/after"
expect "a rebuild without changes rewrites no file" 'cmp -s "$T/before" "$T/after"'
expect "and says so" 'grep -q " 0 written" "$T/out"'

# One client changed: its page changes, other clients' pages do not.
f=$(ls "$T/ws/clients"/*.md | head -1)
slug=$(basename "$f" .md)
other=$(ls "$T/ws/clients"/*.md | sed -n 2p | xargs basename | sed 's/\.md$//')
was=$(stat -c %i.%Y "$T/a/clients/$other.html")
printf '\n## 2026-11-23 -> call: A new call\n' >>"$f"
expect "build after a change" 'r -C "$T/ws" build -o "$T/a" >/dev/null 2>&1'
expect "the changed client's page is rewritten" \
    '! cmp -s "$T/a/clients/$slug.html" "$T/b/clients/$slug.html"'
expect "another client's page is not" \
    '[ "$(stat -c %i.%Y "$T/a/clients/$other.html")" = "$was" ]'

# A removed client's page goes; nothing else in the folder is touched.
echo keep >"$T/a/clients/notes.txt"
rm "$f"
expect "build after a removal" 'r -C "$T/ws" build -o "$T/a" >"$T/out" 2>&1'
expect "the stale page is removed" '[ ! -e "$T/a/clients/$slug.html" ]'
expect "other files are left alone" '[ -f "$T/a/clients/notes.txt" ]'
expect "and it says so" 'grep -q "1 stale removed" "$T/out"'

# A file with errors never hides its obligations: it leads "Needs
# attention" and status.json's "invalid", and has no page of its own.
cp -R "$SRC/example-workspace" "$T/inv"
sed -i 's/^health = .*/health = grn/' "$T/inv/clients/ledgerly.md"
r -C "$T/inv" build -o "$T/i" >/dev/null 2>"$T/err"
st=$?
expect "a build with a broken file exits 1" '[ $st = 1 ]'
expect "the broken file is the first card of Needs attention" \
    'sed -n "/id=\"attention\"/,/<\/section>/p" "$T/i/index.html" |
    grep -m1 -A4 "<article" | grep -q "clients/ledgerly.md has 1 error, so its follow-ups are unknown: fix it (rapport check): health &#39;grn&#39; is not one of green, amber or red <span class=\"when\">line 5, column 10</span>"'
expect "and counts them" \
    'grep -q "<li class=\"count overdue\"><strong>1</strong> with errors</li>" "$T/i/index.html"'
expect "as overdue" \
    'sed -n "/id=\"attention\"/,/<\/section>/p" "$T/i/index.html" |
    grep -m1 "<article" | grep -q "card overdue invalid"'
expect "it has no page" '[ ! -e "$T/i/clients/ledgerly.html" ]'
expect "status.json lists it in invalid" \
    '[ "$(jq -c ".invalid" "$T/i/status.json")" = "[{\"file\":\"clients/ledgerly.md\",\"errors\":1,\"first\":\"5:10: health '"'"'grn'"'"' is not one of green, amber or red\"}]" ]'
expect "status.json is still status --json --all" \
    'r -C "$T/inv" status --json --all 2>/dev/null | cmp -s - "$T/i/status.json"'
tidy -errors -q "$T/i/index.html" >/dev/null 2>"$T/tidy"
st=$?
expect "tidy index.html with a broken file" '[ $st -lt 2 ] && ! grep -q Error "$T/tidy"'

# The default output folder, and a workspace's own templates.
mkdir -p "$T/ws/templates"
printf 'body { color: rebeccapurple; }\n' >"$T/ws/templates/style.css"
expect "build into _site" '(cd "$T/ws/clients" && r build >/dev/null 2>&1)'
expect "the default output is _site/ of the workspace" '[ -f "$T/ws/_site/index.html" ]'
expect "a workspace template replaces the built-in one" \
    'grep -q rebeccapurple "$T/ws/_site/style.css"'
printf '{{>_head.html}}\n{{#clients}}\n<p>{{name}}</p>\n{{>_foot.html}}\n' \
    >"$T/ws/templates/index.html"
r -C "$T/ws" build >"$T/out" 2>"$T/err"
st=$?
expect "a broken template fails the build" '[ $st = 2 ]'
expect "and is reported at its line" \
    'grep -q "^templates/index.html:2:1: error: section .clients. is never closed" "$T/err"'

# Hostile values stay text.
expect "hostile workspace checks clean" 'r -C "$T/hostile" check >/dev/null'
expect "hostile build" 'r -C "$T/hostile" build -o "$T/h" >/dev/null 2>&1'
expect "hostile: no script, handler or dangerous URL: $($PY "$SRC/tests/site_check.py" "$T/h" | head -3)" \
    '$PY "$SRC/tests/site_check.py" "$T/h" >/dev/null'
expect "hostile values are shown, escaped" \
    'grep -q "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" "$T/h/index.html"'
expect "no raw script text in any page or the JSON" \
    '! grep -rq --include="*.html" --include="*.json" "<script>alert" "$T/h"'
expect "status.json escapes <" 'grep -q "\\\\u003cscript" "$T/h/status.json"'
# mailto: links hold the address alone: a '?' or '#' in it is encoded.
expect "hostile: mailto: links percent-encode the address" \
    'grep -q "href=\"mailto:jo%27onmouseover%3D%27x%3Fsubject%3DUrgent%26body%3D1@evil.example\"" "$T/h/clients/acme.html" &&
    ! grep -q "href=\"mailto:[^\"]*[?#&]" "$T/h/clients/acme.html"'
# No built-in template puts a value in a single-quoted attribute, but a
# workspace's may: ' is escaped too (tests/unit/test_tpl.c has the rest).
expect "hostile: a value's ' is escaped" \
    'grep -q "Sam &#39; onfocus=&#39;alert(2)" "$T/h/clients/acme.html" &&
    ! grep -q "Sam '"'"' onfocus" "$T/h/clients/acme.html"'

# issue 35: the timeline shows a promise as the Commitments box does (whose
# it is, its words, its date), never the syntax that says them.
tl=$(sed -n '/id="h-timeline"/,/<\/ol>/p' "$T/a/clients/ledgerly.html")
expect "issue 35: the timeline has no due:, no @client" '[ -n "$tl" ] && ! printf "%s" "$tl" | grep -q "due:20\|@client\|\[ \]"'
expect "issue 35: the timeline says whose, the words and the date" 'printf "%s" "$tl" | grep -q "<span class=\"who\">They owe us</span> Send the final October MRR and CAC export <span class=\"when\">due <time datetime=\"2026-11-13\">Fri 13 Nov</time></span> <span class=\"lvl\">late</span>"'

# issue 35: a client's own page shows the months of hours its report page
# shows, not this month's alone.
months() {	# FILE: the months of its hours table, with their hours
	$PY - "$1" <<'EOF'
import re, sys
s = open(sys.argv[1]).read()
t = re.search(r'<table class="months">.*?</table>|<h2 id="h-hours">.*?</table>', s, re.S)
for m, used in re.findall(r'<time datetime="(\d{4}-\d\d)">.*?<td>([0-9.]+)', t.group(0) if t else "", re.S):
    print(m, used)
EOF
}
for sh in "$T"/a/share/*/index.html; do
	name=$(sed -n 's|.*<p class="from">Brightline Agency for \(.*\)</p>.*|\1|p' "$sh")
	page=$(grep -l "<h1>$name</h1>" "$T"/a/clients/*.html | head -1)
	expect "issue 35: ${page##*/} shows its report's months of hours" \
	    '[ -n "$page" ] && [ "$(months "$sh" | wc -l)" -gt 1 ] && [ "$(months "$sh")" = "$(months "$page")" ]'
done

# issue 36: the report pages alone, the same bytes as in the whole site,
# for a public host; a key removed leaves the folder with the next build.
cp -R "$SRC/example-workspace" "$T/pubws"
expect "issue 36: build --only share" 'r -C "$T/pubws" build --only share -o "$T/pub" >"$T/out" 2>&1'
expect "issue 36: the report pages and their stylesheets alone" '[ "$(cd "$T/pub" && find . -type f ! -name ".*" | sort)" = "$(cd "$T/a" && find ./share -type f | sort)" ]'
expect "issue 36: the same bytes as in the whole site" '(cd "$T/pub" && for f in share/*/*; do cmp -s "$f" "$T/a/$f" || exit 1; done)'
expect "issue 36: --only share wants its own -o" '! r -C "$T/pubws" build --only share >"$T/out" 2>&1 && grep -q "give their folder with -o DIR" "$T/out"'
expect "issue 36: --only takes share alone" '! r -C "$T/pubws" build --only site -o "$T/x" >"$T/out" 2>&1 && grep -q "only takes .share." "$T/out"'
sed -i '/^\[share\]$/,/^key = /d' "$T/pubws/clients/the-alder-hotel.md"
expect "issue 36: rebuilt without the hotel's key" 'r -C "$T/pubws" build --only share -o "$T/pub" >"$T/out" 2>&1'
expect "issue 36: its page left the folder, the other stayed" '[ ! -e "$T/pub/share/MkUrun6SxlMIVxQd6UzJuQ" ] && [ -f "$T/pub/share/OlyQWmlDiA-U6n-vB6AznA/index.html" ]'

# issue 37: every [person KEY] in the People box, each address a link;
# their notes on the internal page, never on a report page.
expect "issue 37: the people of a client" 'grep -q "<strong>Noor Haddad</strong>, Finance Lead" "$T/a/clients/ledgerly.html" && grep -q "<strong>Tomás Rivera</strong>, Product Designer" "$T/a/clients/ledgerly.html"'
expect "issue 37: each address a mailto link" 'grep -q "href=\"mailto:noor@ledgerly.example\"" "$T/a/clients/ledgerly.html" && grep -q "href=\"mailto:ap@ledgerly.example\"" "$T/a/clients/ledgerly.html" && grep -q "href=\"tel:+15550147\"" "$T/a/clients/ledgerly.html"'
expect "issue 37: a person without notes shows none, not the client's" '[ "$(grep -c "Bookkeeping app for freelancers" "$T/a/clients/ledgerly.html")" = 1 ]'
expect "hostile names stay text on the hours page" \
    'grep -q "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" "$T/h/hours/2026-11.html"'
expect "issue 37: a person's notes inside, not on report pages" 'grep -q "Approves invoices over" "$T/a/clients/ledgerly.html" && ! grep -rq "Approves invoices\|Noor" "$T/a/share"'

# issue 35: counts read as words ("1 client"), and the index's title says
# the site's name once.
cp -R "$SRC/example-workspace" "$T/one"
find "$T/one/clients" -name '*.md' ! -name the-alder-hotel.md -delete
expect "issue 35: a build of one client" 'r -C "$T/one" build -o "$T/o1" >/dev/null 2>&1'
expect "issue 35: the index's title is the site's name once" 'grep -qx "<title>Brightline clients</title>" "$T/o1/index.html"'
expect "issue 35: an owner of one client has 1 client" 'grep -q ">1 client</span>" "$T/o1/index.html" && grep -q " 1 client · " "$T/o1/owners/priya.html"'
expect "issue 35: never 1 clients" '! grep -q "[^0-9]1 clients" "$T/o1/index.html" "$T/o1/owners/priya.html"'
expect "issue 35: the other pages keep their own title first" 'grep -qx "<title>Agenda · Brightline clients</title>" "$T/o1/agenda.html"'

if [ -n "$BROWSER" ]; then
	# For axe, the client pages the example lacks: one without entries,
	# in a git repository, so that its page has the file's history.
	mkdir -p "$T/bare/clients"
	cp "$SRC/tests/site/hostile/clients/emile.md" "$T/bare/clients/"
	printf '[owner eve]\nname = Eve Adams\n' >"$T/bare/rapport.ini"
	expect "a workspace without entries, committed" '(cd "$T/bare" && git init -q && git add . && GIT_AUTHOR_DATE=2026-11-20T10:00:00Z GIT_COMMITTER_DATE=2026-11-20T10:00:00Z git -c user.name=Tester -c user.email=t@example.com commit -qm "A client without entries") >/dev/null 2>&1 && r -C "$T/bare" build -o "$T/bare-site" >/dev/null 2>&1'
	$PY "$SRC/tests/browser.py" "$T/b" "$BROWSER" "$T/h" "$T/bare-site" \
	    >"$T/browser" 2>&1
	st=$?
	expect "browser: $(tail -5 "$T/browser")" '[ $st = 0 ]'
	# Each failure whole (an axe one is three lines or more), the first 20.
	[ $st = 0 ] || awk '/^FAIL/ { n++ } n && n <= 20' "$T/browser"
	cat "$T/browser" | tail -1
fi

echo "site: $pass passed, $failed failed, 0 skipped"
[ "$failed" -eq 0 ]
