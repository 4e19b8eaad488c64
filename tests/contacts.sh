#!/bin/sh
# contacts.sh: the people of the clients as cards (SPEC section 9): the
# site's contacts.vcf and rapport export vcard, read back by a real
# parser (tests/contacts.py, Debian's python3-vobject) and compared with
# the client files; a vdir that follows the files; and a real CardDAV
# server (Debian's radicale on 127.0.0.1 and a free port, its storage in
# a temporary folder) synced with Debian's vdirsyncer.
#
#   sh tests/contacts.sh ./rapport [CASE...]

NAME=contacts
. "$(dirname "$0")/harness.sh"

PY=/usr/bin/python3
CHECK="$PY $SRC/tests/contacts.py"

# need CMD...: skips the case when a tool is missing.
need() {
	for c; do
		command -v "$c" >/dev/null 2>&1 ||
		    skip "needs $c (sh .ci/install-deps test)"
	done
	$PY -c 'import vobject' 2>/dev/null ||
	    skip "needs python3-vobject (sh .ci/install-deps test)"
}

# A person whose long name and role fold lines inside UTF-8 characters.
long_person() {
	sed -i '/^\[contract\]/i\
[person long]\
name = Zoë Ångström-Øvergård Łukasiewicz-Ñúñez de la Peña y Älvsjö Ørsted\
role = Directrice générale adjointe, stratégie numérique, Île-de-France; Europe\
email = zoe@ledgerly.example\
' "$1"
}

t_round_trip() {
	need
	example_repo ws
	long_person ws/clients/ledgerly.md
	(cd ws && git commit -qam "a long person") || die "commit"
	run 0 r -C ws check
	run 0 r -C ws build -o "$PWD/site"
	run 0 $CHECK ws site/contacts.vcf
	has out "17 cards"
	run 0 r -C ws export vcard "$PWD/v3"
	has out "17 cards, 17 written"
	run 0 $CHECK ws v3
	run 0 r -C ws export vcard --version 4.0 "$PWD/v4"
	run 0 $CHECK ws v4
	grep -q "^VERSION:4.0" v4/*.vcf || die "not 4.0"
	# The UID is the person's wherever it is made: the same in the
	# site's file, in 3.0 and 4.0, in a clone elsewhere.
	git clone -q ws elsewhere
	run 0 r -C elsewhere export vcard "$PWD/v3b"
	same "cards of a clone" "$(cd v3b && ls)" "$(cd v3 && ls)"
	same "UIDs of the site's file" "$(grep '^UID' site/contacts.vcf | sort)" \
	    "$(cat v3/*.vcf | grep '^UID' | sort)"
	same "UIDs of 4.0" "$(cat v4/*.vcf | grep '^UID' | sort)" \
	    "$(cat v3/*.vcf | grep '^UID' | sort)"
	# Never a person's notes; REV from the history.
	grep -q "Approves invoices" site/contacts.vcf v3/*.vcf &&
	    die "a person's notes on a card"
	grep -q "^REV:[0-9]\{8\}T[0-9]\{6\}Z" v3/*.vcf || die "no REV"
	run 2 r -C ws export vcard --version 2.1 "$PWD/v21"
	has err "--version is 3.0"
	run 2 r -C ws export csv "$PWD/x"
	has err "export writes 'vcard' alone"
}

t_vdir_follows_the_files() {
	need
	example_repo ws
	run 0 r -C ws export vcard "$PWD/cards"
	has out "16 cards, 16 written"
	echo "BEGIN:VCARD" >cards/mine.vcf
	noor=$(grep -l "^FN:Noor Haddad" cards/*.vcf)
	[ -n "$noor" ] || die "no card of Noor"
	# A phone changed: that card alone, under the same name.
	sed -i 's/^phone = +1 555 0147$/phone = +1 555 0148/' ws/clients/ledgerly.md
	run 0 r -C ws export vcard "$PWD/cards"
	has out "16 cards, 1 written, 15 unchanged"
	grep -q "^TEL;TYPE=VOICE:+1 555 0148" "$noor" || die "the card was not updated"
	# A person removed, a client no longer active: their cards go.
	sed -i '/^\[person design\]/,/^email = tomas/d' ws/clients/ledgerly.md
	sed -i 's/^status = .*/status = former/' ws/clients/harbor-dental.md
	run 0 r -C ws check
	run 0 r -C ws export vcard "$PWD/cards"
	has out "13 cards, 0 written, 13 unchanged, 3 removed"
	[ -f cards/mine.vcf ] || die "a card of someone else's was removed"
	grep -l "Tomás\|Harbor Dental" cards/*.vcf && die "a gone person's card stayed"
	rm cards/mine.vcf
	run 0 $CHECK ws cards
	# A link where the folder goes is refused, not written through.
	mkdir real && ln -s real linked
	run 2 r -C ws export vcard "$PWD/linked"
	has err "not a folder but a symbolic link"
	same "the folder behind the link" "$(ls real)" ""
}

# A client's file renamed with git mv keeps its people's UIDs (the
# history follows the rename), through the history's cache too; a new
# client under the old name gets UIDs of its own.
t_rename_keeps_uids() {
	need
	example_repo ws
	run 0 r -C ws export vcard "$PWD/cards"
	before=$(cd cards && ls)
	(cd ws && git mv clients/ledgerly.md clients/ledgerly-inc.md &&
	    git commit -qm "ledgerly is ledgerly-inc") || die "git mv"
	run 0 r -C ws export vcard "$PWD/cards"
	has out "16 cards"
	same "the cards after the rename" "$(cd cards && ls)" "$before"
	rm -rf ws/.git/rapport
	run 0 r -C ws export vcard "$PWD/again"
	same "the cards without caches" "$(cd again && ls)" "$before"
	run 0 r -C ws export vcard "$PWD/cards"
	has out "0 written"
	# A new client named as the old one was: other UIDs, no twins.
	(cd ws && sed 's/^name = Ledgerly$/name = Ledgerly Two/; s/@ledgerly/@two/g' \
	    clients/ledgerly-inc.md >clients/ledgerly.md && git add clients &&
	    git commit -qm "a new ledgerly") || die "commit"
	run 0 r -C ws export vcard "$PWD/cards"
	has out "20 cards"
	run 0 $CHECK ws cards
}

# ---- import-contacts ----

# Fixtures in the shapes of Apple's, Google's and Outlook's vCards and of
# Google's and HubSpot's CSV, into the example agency.
fixtures() {
	printf 'BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//macOS 14.0//EN\r\nN:Haddad;Noor;;;\r\nFN:Noor Haddad\r\nORG:Ledgerly;\r\nitem1.EMAIL;type=INTERNET;type=pref:noor@ledgerly.example\r\nitem1.X-ABLabel:_$!<Work>!$_\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:Quinn;Avery;;;\r\nFN:Avery Quinn\r\nORG:LEDGERLY\r\nTITLE:Head of Data\r\nitem1.EMAIL;type=INTERNET:avery.quinn@gmail.com\r\nitem1.X-ABLabel:work\r\nTEL;type=CELL:+1 555 0177\r\nEND:VCARD\r\n' >apple.vcf
	# Arjun is Ledgerly's contact already, by name, whatever his address.
	printf 'BEGIN:VCARD\nVERSION:3.0\nFN:Arjun Mehta\nORG:Ledgerly\nEMAIL:arjun.mehta@gmail.com\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Joe Free\nEMAIL:joe@gmail.com\nEND:VCARD\n' >known.vcf
	printf 'BEGIN:VCARD\nVERSION:3.0\nFN:Kim Lee\nN:Lee;Kim;;;\nEMAIL;TYPE=INTERNET;TYPE=WORK:kim@kestrel.example\nORG:Kestrel Analytics\nTITLE:COO\nCATEGORIES:myContacts\nEND:VCARD\n' >google.vcf
	printf 'BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Dupont;Ren=E9\r\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ren=E9 Dupont\r\nORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 =\r\nNoir\r\nEMAIL;PREF;INTERNET:rene@cafenoir.example\r\nEND:VCARD\r\n' >outlook.vcf
	printf 'First Name,Middle Name,Last Name,Organization Name,Organization Title,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\r\nSam,,Roe,Kestrel Analytics,CFO,Work,sam@kestrel.example ::: sam.roe@kestrel.example,Mobile,+1 555 0102\r\n' >google.csv
	printf '\357\273\277"First Name","Last Name","Email","Phone Number","Job Title","Company Name"\n"Pat","Vance","pat@harbordental.example","","Hygienist","Harbor Dental"\n' >hubspot.csv
}

t_import_contacts() {
	need
	example_repo ws
	fixtures
	cd ws
	# A client with an address at a public domain: never a domain match.
	sed -i 's/^owner = marco$/owner = marco\nemails = harbor.frontdesk@gmail.com/' \
	    clients/harbor-dental.md
	git commit -qam "harbor's gmail" || die "commit"
	head=$(git rev-parse HEAD)
	run 0 r import-contacts --owner dana ../apple.vcf ../google.vcf \
	    ../outlook.vcf ../google.csv ../hubspot.csv ../known.vcf
	has out "add clients/ledgerly.md: Avery Quinn"
	has out "new clients/joe-free.md: Joe Free"
	has out "new clients/kestrel-analytics.md: Kim Lee, Sam Roe"
	has out "new clients/cafe-noir.md: René Dupont"
	has out "add clients/harbor-dental.md: Pat Vance"
	has out "2 known already"
	same "commits" "$(git rev-list --count "$head"..HEAD)" 1
	same "the tree" "$(git status --porcelain)" ""
	grep -q "^\[person avery-quinn\]" clients/ledgerly.md || die "no [person] for Avery"
	grep -q "^email = sam@kestrel.example, sam.roe@kestrel.example" \
	    clients/kestrel-analytics.md || die "Sam's addresses"
	run 0 r check
	# Again: nothing changes, nothing is committed.
	head=$(git rev-parse HEAD)
	run 0 r import-contacts --owner dana ../apple.vcf ../google.vcf \
	    ../outlook.vcf ../google.csv ../hubspot.csv ../known.vcf
	has out "nothing to import: 8 known already"
	same "HEAD" "$(git rev-parse HEAD)" "$head"
	# The new people have cards, and mail finds them.
	run 0 r export vcard "$PWD/../cards"
	grep -l "^FN:Avery Quinn" ../cards/*.vcf >/dev/null || die "no card for Avery"
}

# The tree and the git folder, every byte, for --dry-run.
tree_sum() {
	find . -type f ! -path './.git/rapport/*' -print0 | sort -z |
	    xargs -0 sha1sum | sha1sum
}

t_import_dry_run() {
	need
	example_repo ws
	fixtures
	cd ws
	r status >/dev/null 2>&1
	before=$(tree_sum)
	run 0 r import-contacts --dry-run --owner dana ../apple.vcf ../google.csv
	has out "would import 2 people into 2 clients (1 new); 1 known already"
	same "the tree and .git after --dry-run" "$(tree_sum)" "$before"
}

t_import_hostile() {
	need
	example_repo ws
	cd ws
	head=$(git rev-parse HEAD)
	# Nobody valid: said at each line, nothing committed.
	printf 'BEGIN:VCARD\nVERSION:3.0\nEMAIL:x@y.example\nEND:VCARD\nBEGIN:VCARD\nFN:Never ends\n' >../bad.vcf
	run 1 r import-contacts --owner dana ../bad.vcf
	has err "../bad.vcf:1:1: warning: a card without a name (FN or N): skipped"
	has err "../bad.vcf:5:1: warning: a card that never ends"
	has err "nobody to import"
	same "HEAD" "$(git rev-parse HEAD)" "$head"
	# A formula is text; Windows-1252; a 10 MB line; no name.
	printf 'Name;Company;Email\n=HYPERLINK("http://evil.example","x");Caf\351 Noir;f@cafenoir.example\n;Nameless;n@x.example\n' >../latin.csv
	$PY -c 'import sys; sys.stdout.write("BEGIN:VCARD\r\nFN:Big Note\r\nORG:Bigco\r\nNOTE:" + "x" * 10000000 + "\r\nEND:VCARD\r\n")' >../big.vcf
	run 0 r import-contacts --owner dana ../latin.csv ../big.vcf
	has err "../latin.csv: note: not UTF-8: read as Windows-1252"
	has err "../latin.csv:3:1: warning: a row without a name: skipped"
	has err "../big.vcf:4:1: warning: a NOTE of 9765 KiB: skipped"
	grep -q '^name = =HYPERLINK("http://evil.example","x")$' clients/cafe-noir.md ||
	    die "the formula was not kept as text: $(cat clients/cafe-noir.md)"
	grep -q "^name = Café Noir" clients/cafe-noir.md || die "not made UTF-8"
	run 0 r check
	# Values a client file cannot hold as they are: a name of 300
	# characters, controls (DEL, C1), a ';', an address that is none,
	# a name that is nothing but controls.  Each is made fit or left
	# out, said; the others still come in, and every file is valid.
	$PY -c 'import sys
long = "Ümlaut " * 45
sys.stdout.write("BEGIN:VCARD\r\nFN:%s\r\nORG:Long Names Ltd\r\nEMAIL:not-an-address\r\nEMAIL:ok@longnames.example\r\nEND:VCARD\r\n" % long)
sys.stdout.write("BEGIN:VCARD\r\nFN:Del\x7fta\x85 Smith; Jr\r\nORG:Odd Bytes Co\r\nTITLE:CEO\x7f\r\nEND:VCARD\r\n")
sys.stdout.write("BEGIN:VCARD\r\nFN:\x85\x86\r\nORG:Nobody\r\nEND:VCARD\r\n")' >../odd.vcf
	run 0 r import-contacts --owner dana ../odd.vcf
	has err "../odd.vcf:1:1: warning: 'not-an-address' is not an e-mail address: left out"
	has err "../odd.vcf:12:1: warning: a name with nothing a client file can hold: skipped"
	has out "new clients/long-names-ltd.md"
	has out "new clients/odd-bytes-co.md: Del ta Smith, Jr"
	[ "$(awk 'length > 198' clients/long-names-ltd.md | wc -l)" = 0 ] ||
	    die "a line over inih's limit"
	run 0 r check
}

# Ten thousand cards, 300 organizations: 300 new clients whose first
# check-ins are spread over the cadence, not all due today.
t_import_many() {
	need
	example_repo ws
	cd ws
	$PY -c 'import sys
for i in range(10000):
    sys.stdout.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nORG:Org %d\r\nEMAIL:p%d@org%d.example\r\nEND:VCARD\r\n" % (i, i % 300, i, i % 300))' >../many.vcf
	run 0 r import-contacts --owner dana ../many.vcf
	has out "imported 10000 people into 300 clients (300 new)"
	run 0 r check
	r status --all --json >../status.json || die "status"
	# The most new clients due on one day: 300 over 14 days, 22 a day.
	most=$($PY -c 'import collections, json, sys
s = json.load(open(sys.argv[1]))
days = collections.Counter(c["next_contact"] for c in s["clients"] if c["slug"].startswith("org-"))
print(max(days.values()), min(days), len(days))' ../status.json)
	set -- $most
	[ "$1" -le 22 ] || die "$1 new clients due on one day (want at most 22)"
	[ "$3" -ge 14 ] || die "the first check-ins fall on $3 days only"
	[ "$2" \> 2026-11-23 ] || die "a new client due before its first day: $2"
}

# A free TCP port of 127.0.0.1.
free_port() {
	$PY -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# start_radicale: a CardDAV server of the case's own, an address book at
# $BOOK; stopped when the case ends.
start_radicale() {
	port=$(free_port)
	mkdir -p radicale/collection-root/rapport/contacts
	echo '{"tag": "VADDRESSBOOK"}' \
	    >radicale/collection-root/rapport/contacts/.Radicale.props
	cat >radicale.conf <<-CONF
	[server]
	hosts = 127.0.0.1:$port
	[auth]
	type = none
	[rights]
	type = owner_only
	[storage]
	filesystem_folder = $PWD/radicale
	[logging]
	level = warning
	CONF
	radicale --config "$PWD/radicale.conf" >radicale.log 2>&1 &
	RADICALE=$!
	trap 'kill $RADICALE 2>/dev/null; wait $RADICALE 2>/dev/null' EXIT
	BOOK=http://127.0.0.1:$port/rapport/contacts/
	end=$(($(date +%s) + $(limit 20)))
	until curl -sf -o /dev/null -u rapport:x -X PROPFIND -H "Depth: 0" "$BOOK"; do
		[ "$(date +%s)" -lt "$end" ] ||
		    die "radicale did not start: $(cat radicale.log)"
		sleep 0.2
	done
}

# sync_with NAME DIR: vdirsyncer between the vdir DIR and the address book.
sync_with() {
	mkdir -p "$2"
	cat >"$1.conf" <<-CONF
	[general]
	status_path = "$PWD/$1.status/"
	[pair book]
	a = "local"
	b = "server"
	collections = null
	conflict_resolution = "a wins"
	[storage local]
	type = "filesystem"
	path = "$2"
	fileext = ".vcf"
	[storage server]
	type = "carddav"
	url = "$BOOK"
	username = "rapport"
	password = "x"
	CONF
	timeout "$(limit 60)" vdirsyncer -c "$1.conf" discover >"$CASE_DIR/sync" 2>&1 </dev/null &&
	    timeout "$(limit 60)" vdirsyncer -c "$1.conf" sync >>"$CASE_DIR/sync" 2>&1 </dev/null ||
	    die "vdirsyncer: $(cat "$CASE_DIR/sync")"
}

# The cards the server holds (its storage is plain files).
on_server() {
	cat radicale/collection-root/rapport/contacts/*.vcf 2>/dev/null
}

t_carddav() {
	need radicale vdirsyncer curl
	start_radicale
	example_repo ws
	run 0 r -C ws export vcard "$PWD/cards"
	sync_with up "$PWD/cards"
	same "cards on the server" "$(on_server | grep -c '^BEGIN:VCARD')" 16
	noor=$(grep -l "^FN:Noor Haddad" cards/*.vcf)
	uid=$(sed -n 's/^UID:\(.*\)\r$/\1/p' "$noor")
	# An edit: the same UID on the server, the new phone, no second card.
	sed -i 's/^phone = +1 555 0147$/phone = +1 555 0148/' ws/clients/ledgerly.md
	run 0 r -C ws export vcard "$PWD/cards"
	sync_with up "$PWD/cards"
	same "cards on the server" "$(on_server | grep -c '^BEGIN:VCARD')" 16
	same "Noor's cards" "$(on_server | grep -c "^UID:$uid")" 1
	on_server | grep -q "^TEL;TYPE=VOICE:+1 555 0148" || die "the edit did not reach the server"
	# A person removed is removed on the server.
	sed -i '/^\[person design\]/,/^email = tomas/d' ws/clients/ledgerly.md
	run 0 r -C ws export vcard "$PWD/cards"
	has out "1 removed"
	sync_with up "$PWD/cards"
	same "cards on the server" "$(on_server | grep -c '^BEGIN:VCARD')" 15
	on_server | grep -q "Tomás" && die "a removed person stayed on the server"
	# Another machine pulls the book into an empty folder: the export.
	sync_with down "$PWD/pulled"
	run 0 $CHECK --same cards pulled
	has out "the same 15 cards"
}

harness_run "$@"
