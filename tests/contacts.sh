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
