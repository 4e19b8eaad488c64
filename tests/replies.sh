#!/bin/sh
# replies.sh: reply times (SPEC section 10): rapport stats against a
# reference computation in Python (tests/replies.py) on random clients
# for several days; automatic mail starts no clock; the site's figures
# are the command's; the cache gives what parsing gives.
#
#   sh tests/replies.sh ./rapport [CASE...]

NAME=replies
. "$(dirname "$0")/harness.sh"

PY=/usr/bin/python3

# Two seeds: 300 random clients each, five days, four filters.
t_reference() {
	run 0 $PY "$SRC/tests/replies.py" "$BIN" "$PWD/a" 38
	has out ", 0 differences"
	run 0 $PY "$SRC/tests/replies.py" "$BIN" "$PWD/b" 1207
	has out ", 0 differences"
}

# A message from the client, its out-of-office reply to ours (automatic:
# import-mail skips it), our reply: one answered, none waiting.
t_automatic_mail() {
	example_repo ws
	mkdir -p md/cur md/new md/tmp
	cat >md/cur/1:2,S <<'MAIL'
From: Grace Okoye <grace@riverbendfoodbank.example>
To: Dana Kim <dana@brightline.example>
Subject: Volunteer page
Date: Mon, 23 Nov 2026 09:00:00 +0000
Message-ID: <q1@riverbendfoodbank.example>

Can you look at the volunteer page?
MAIL
	cat >md/cur/2:2,S <<'MAIL'
From: Grace Okoye <grace@riverbendfoodbank.example>
To: Dana Kim <dana@brightline.example>
Subject: Out of office: Re: Volunteer page
Date: Mon, 23 Nov 2026 09:30:00 +0000
Message-ID: <auto1@riverbendfoodbank.example>
Auto-Submitted: auto-replied

I am away until Friday.
MAIL
	grep -q 'riverbendfoodbank.example' ws/clients/*.md ||
	    die "the example has no riverbendfoodbank.example address"
	run 0 r -C ws stats --json
	cp "$CASE_DIR/out" before.json
	run 0 r -C ws import-mail "$PWD/md"
	has out "imported 1"
	run 0 r -C ws stats --json
	after=$($PY -c 'import json,sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
print(b["all"]["waiting"] - a["all"]["waiting"],
      b["all"]["answered"] - a["all"]["answered"])' before.json \
	    "$CASE_DIR/out") || die "cannot read the JSON"
	same "waiting, answered added by the import" "$after" "1 0"
}

# The index's and an owner's last 30 days are stats --since's figures:
# a message on the window's first day counts, one the day before not.
t_site_figures() {
	example_repo ws
	run 0 r -C ws log ledgerly --in --date 2026-10-24 --time 09:00 \
	    "Thirty-one days ago"
	run 0 r -C ws log ledgerly --in --date 2026-10-25 --time 09:00 \
	    "Thirty days ago"
	run 0 r -C ws build -o "$PWD/site"
	for who in all dana; do
		if [ $who = all ]; then
			run 0 r -C ws stats --since 2026-10-25 --json
			page=site/index.html
		else
			run 0 r -C ws stats --owner dana --since 2026-10-25 \
			    --json
			page=site/owners/dana.html
		fi
		$PY - "$CASE_DIR/out" "$page" <<'PY' || die "$page differs"
import json, re, sys
s = json.load(open(sys.argv[1]))["all"]
page = open(sys.argv[2]).read()
row = re.search(r'<tr><th scope="row">Last 30 days</th>(.*?)</tr>', page)
cells = re.findall(r'<td data-label="[^"]*">([^<]*)', row.group(1))
def h(m):
    return "\u2014" if m is None else "%d.%d" % divmod((m * 10 + 30) // 60, 10)
want = [str(s["answered"]), h(s["median_minutes"]), h(s["p90_minutes"]),
        h(s["median_business_minutes"]), h(s["p90_business_minutes"]),
        str(s["waiting"])]
got = [c.strip() for c in cells]
if got != want or s["answered"] == 0:
    sys.exit("page %s, stats %s" % (got, want))
PY
	done
}

# rapport(1)'s worked example, figure by figure.
t_worked_example() {
	mkdir -p w/clients
	printf '[workspace]\nname = W\n' >w/rapport.ini
	cat >w/clients/acme.md <<'MD'
---
name = Acme
---

## 2026-11-20 16:00 <- email: Friday
## 2026-11-23 10:00 -> email: Monday
## 2026-11-24 09:00 <- email: Tuesday
## 2026-11-24 09:10 <- email: Tuesday again
## 2026-11-24 09:30 -> call: answered both
## 2026-11-25 <- email: Wednesday
## 2026-11-26 -> call: Thursday
MD
	run 0 "$BIN" -C w --today 2026-11-30 stats --json
	got=$($PY -c 'import json,sys; a = json.load(open(sys.argv[1]))["all"]
print(a["answered"], a["median_minutes"], a["p90_minutes"],
      a["median_business_minutes"], a["p90_business_minutes"])' \
	    "$CASE_DIR/out") || die "cannot read the JSON"
	same "answered, median, p90, business median, p90" "$got" \
	    "4 30 3960 30 1440"
	run 0 "$BIN" -C w --today 2026-11-30 stats
	has out "0.5h    66.0h      0.5h    24.0h"
}

# What the cache keeps gives the same figures as parsing every file.
t_cached_equal() {
	run 0 $PY "$SRC/tests/replies.py" "$BIN" "$PWD/w" 5
	(cd w && git init -q && git add -A && git commit -qm w) ||
	    die "cannot commit"
	run 0 "$BIN" -C w --today 2026-12-07 stats --json
	cp "$CASE_DIR/out" first.json
	run 0 "$BIN" -C w --today 2026-12-07 stats --json
	cmp -s first.json "$CASE_DIR/out" || die "a cached run differs"
	run 0 env RAPPORT_NO_CACHE=1 "$BIN" -C w --today 2026-12-07 stats \
	    --json
	cmp -s first.json "$CASE_DIR/out" || die "parsing every file differs"
	[ -s w/.git/rapport/clients ] || die "no client cache was written"
}

harness_run "$@"
