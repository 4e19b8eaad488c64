#!/bin/sh
# hours.sh: rapport hours (SPEC section 10): the CSV read back by Python's
# csv module equals the JSON, and both a reference computation in Python
# (tests/hours.py) on random clients; each client's hours this month are
# the budget's figure; money exact to the cent; no formula gets into a
# spreadsheet; a file with errors is named and counts for nothing; the
# cache gives what parsing gives.
#
#   sh tests/hours.sh ./rapport [CASE...]

NAME=hours
. "$(dirname "$0")/harness.sh"

PY=/usr/bin/python3

# Two seeds: 120 random clients each, seven months, by client and owner.
t_reference() {
	run 0 $PY "$SRC/tests/hours.py" reference "$BIN" "$PWD/a" 38
	has out ", 0 differences"
	run 0 $PY "$SRC/tests/hours.py" reference "$BIN" "$PWD/b" 1207
	has out ", 0 differences"
}

# The example agency, every month it has hours, as the csv module reads it.
t_example_csv() {
	example_repo ws
	for m in 2026-09 2026-10 2026-11; do
		for by in client owner; do
			run 0 r -C ws hours --month $m --by $by --json
			cp "$CASE_DIR/out" h.json
			run 0 r -C ws hours --month $m --by $by --csv
			cp "$CASE_DIR/out" h.csv
			run 0 $PY "$SRC/tests/hours.py" csv h.csv h.json
			has out ", 0 differences"
		done
	done
}

# 3 x 0.33h at 33.33 an hour: 0.99h, 32.9967, so 33.00; never 32.99 (a
# sum of rounded amounts) or 32.9967 written out.
t_exact_money() {
	mkdir -p w/clients
	printf '[workspace]\nname = W\n' >w/rapport.ini
	cat >w/clients/acme.md <<'MD'
---
name = Acme
[contract]
hours = 1
rate = 33.33
---

## 2026-11-02 Work (0.33h)
## 2026-11-03 Work (0.33h)
## 2026-11-04 Work (0.33h)
MD
	run 0 r -C w hours --csv
	has out "2026-11,acme,Acme,,active,0.99,1,-0.01,33.33,33.00"
	has out "Total,,,,,0.99,1,-0.01,,33.00"
	run 0 r -C w hours --json
	has out '"hours": 0.99, "contract": 1, "over_under": -0.01, "rate": 33.33, "amount": 33.00}'
	run 0 r -C w hours
	has out "Total"
	has out "33.00"
}

# Names a spreadsheet would run as formulas are text; commas and quotes
# are quoted, quotes doubled; CRLF ends every row.
t_no_formula() {
	mkdir -p w/clients
	printf '[workspace]\nname = W\n' >w/rapport.ini
	i=0
	for name in '=HYPERLINK("http://evil.example","x")' '+1+1' '-2+3' \
	    '@SUM(1)' 'Smith, "Jo" & Co'; do
		i=$((i + 1))
		printf -- '---\nname = %s\nowner = o%s\n---\n\n## 2026-11-02 Work (1h)\n' \
		    "$name" "$i" >w/clients/c$i.md
	done
	run 0 r -C w hours --csv
	has out "2026-11,c1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",o1,"
	has out "2026-11,c2,'+1+1,o2,"
	has out "2026-11,c3,'-2+3,o3,"
	has out "2026-11,c4,'@SUM(1),o4,"
	has out "2026-11,c5,\"Smith, \"\"Jo\"\" & Co\",o5,"
	[ "$(grep -c "$(printf '\r')\$" "$CASE_DIR/out")" = 7 ] ||
	    die "not every row ends in CRLF"
	# No field of the file starts a formula: read back as a spreadsheet
	# would read it.
	$PY - "$CASE_DIR/out" <<'PY' || die "a field starts a formula"
import csv, sys
for row in csv.reader(open(sys.argv[1], newline="")):
    for i, f in enumerate(row):
        if f[:1] in ("=", "+", "@", "\t", "\r") or (
                f[:1] == "-" and i < 5):
            sys.exit("field %r" % f)
PY
	cp "$CASE_DIR/out" h.csv
	run 0 r -C w hours --json
	cp "$CASE_DIR/out" h.json
	run 0 $PY "$SRC/tests/hours.py" csv h.csv h.json
	has out ", 0 differences"
}

# An amount past an int64_t is no amount, said on stderr, exit 1; the
# hours still count.
t_overflow() {
	mkdir -p w/clients
	printf '[workspace]\nname = W\n' >w/rapport.ini
	{
		printf -- '---\nname = Huge\n[contract]\nrate = 999999999\n---\n\n'
		i=0
		while [ $i -lt 70 ]; do
			printf '## 2026-11-%02d Work (999999999h)\n' $((i % 20 + 1))
			i=$((i + 1))
		done
	} >w/clients/huge.md
	run 1 r -C w hours --csv
	has err "too large to count"
	has out "2026-11,huge,Huge,,active,69999999930,,,999999999.00,$(printf "\r")"
}

# A file with errors is named on stderr and counts for nothing; the
# others are listed; the exit status is 1, as with stats.
t_errors() {
	example_repo ws
	printf -- '---\nname = Broken\nhealth = grn\n---\n\n## 2026-11-02 Work (5h)\n' \
	    >ws/clients/broken.md
	run 1 r -C ws hours --csv
	has err "clients/broken.md"
	has out "2026-11,ledgerly,"
	grep -q broken "$CASE_DIR/out" && die "a broken file is listed"
	has out "Total,,,,,59.5,205,-146.5,,8005.00"
}

# Usage: a month that is not one, --by something else, both formats.
t_usage() {
	example_repo ws
	run 2 r -C ws hours --month 2026-13
	has err "--month '2026-13' is not a month like 2026-11 (YYYY-MM)"
	run 2 r -C ws hours --by team
	has err "--by 'team': say client or owner"
	run 2 r -C ws hours --csv --json
	has err "--csv or --json, not both"
	run 2 r -C ws hours ledgerly
	has err "hours takes no client"
}

# The second run reads the client cache: the same bytes as the first.
t_cache() {
	example_repo ws
	run 0 r -C ws hours --json --month 2026-10
	cp "$CASE_DIR/out" first.json
	[ -s ws/.git/rapport/clients ] || die "no client cache was written"
	run 0 r -C ws hours --json --month 2026-10
	cmp -s first.json "$CASE_DIR/out" || die "the cache's figures differ"
}

# The site has a page for this month and for each of the twelve before it
# with hours; older months are for rapport hours --month.
t_site_months() {
	example_repo ws
	run 0 r -C ws log ledgerly --note --hours 2 --date 2025-11-03 \
	    "Twelve months ago"
	run 0 r -C ws log ledgerly --note --hours 3 --date 2025-10-31 \
	    "Thirteen months ago"
	run 0 r -C ws build -o "$PWD/site"
	[ -f site/hours/2025-11.html ] || die "no page twelve months back"
	[ -f site/hours/2025-10.html ] && die "a page thirteen months back"
	grep -q 'href="2025-11.html" rel="prev"' site/hours/2026-05.html ||
	    die "May does not link the November before"
	run 0 r -C ws hours --month 2025-10 --csv
	has out "2025-10,ledgerly,Ledgerly,dana,active,3,30,-27,160.00,480.00"
}

# A month's page is kept from the last build only while everything it
# shows is the same: after a rename, a new rate and hours logged in one
# month, every page equals a build from nothing.
t_site_pages_kept() {
	example_repo ws
	run 0 r -C ws build -o "$PWD/site"
	cp site/hours/2026-10.html october.before
	run 0 r -C ws log harbor --note --hours 1.25 --date 2026-11-20 \
	    "More November work"
	run 0 r -C ws build -o "$PWD/site"
	cmp -s october.before site/hours/2026-10.html ||
	    die "October changed with a November entry"
	# Each change alone, each page against a build from nothing.
	for change in 's/^name = Ledgerly$/name = Ledgerly Inc/' \
	    's/^rate = 160$/rate = 161.50/' 's/^owner = dana$/owner = marco/'; do
		sed -i "$change" ws/clients/ledgerly.md
		(cd ws && git commit -qam "$change") || die "commit"
		run 0 r -C ws build -o "$PWD/site"
		rm -rf fresh
		run 0 r -C ws build -o "$PWD/fresh"
		for f in fresh/hours/*.html; do
			cmp -s "$f" "site/hours/${f##*/}" ||
			    die "after $change, site/hours/${f##*/} is not what a new build makes"
		done
	done
	grep -q 'Ledgerly Inc' site/hours/2026-10.html ||
	    die "the rename is not on October's page"
	grep -q '161.50' site/hours/2026-10.html ||
	    die "the new rate is not on October's page"
}

harness_run "$@"
