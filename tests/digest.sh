#!/bin/sh
# digest.sh: rapport digest (SPEC section 10) through a real mail path:
# Debian's msmtp as the sendmail, delivering to a real SMTP server
# (Debian's python3-aiosmtpd, on 127.0.0.1 and a free port, into a
# Maildir) started here; what arrives is read back by Python's email
# package (tests/digest.py).  Also: an owner with nothing to do gets
# nothing (but with --always); a sendmail that fails (exit 75) makes
# digest --send fail with its message and records nothing; printing is
# one mbox and records nothing; a digest sent lists what changed since
# the one before (entries others logged, mail imported), and the next
# one nothing.
#
#   sh tests/digest.sh ./rapport [CASE...]

NAME=digest
. "$(dirname "$0")/harness.sh"

PY=/usr/bin/python3
CHECK="$PY $SRC/tests/digest.py"
DASH=$(printf '\342\200\224')
SMTP_PID=

stop_smtp() {
	[ -n "$SMTP_PID" ] && kill "$SMTP_PID" 2>/dev/null
	SMTP_PID=
}

need() {
	command -v msmtp >/dev/null 2>&1 ||
	    skip "needs msmtp (sh .ci/install-deps test)"
	$PY -c 'import aiosmtpd' 2>/dev/null ||
	    skip "needs python3-aiosmtpd (sh .ci/install-deps test)"
}

# smtp: starts the SMTP server into $PWD/box (a Maildir) and writes
# $PWD/msmtprc for it; a case's trap stops it.
smtp() {
	need
	mkdir -p box/tmp box/new box/cur
	port=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	$PY -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox \
	    "$PWD/box" >smtp.log 2>&1 &
	SMTP_PID=$!
	trap stop_smtp EXIT
	i=0
	until $PY -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt $(limit 50) ] || die "the SMTP server did not start: $(cat smtp.log)"
		sleep 0.1
	done
	cat >msmtprc <<EOT
defaults
auth off
tls off
logfile $PWD/msmtp.log
account default
host 127.0.0.1
port $port
from digest@brightline.example
EOT
	chmod 600 msmtprc
}

# ws_with_mail: the example agency, sending through msmtp.
ws_with_mail() {
	example_repo ws
	printf '\n[digest]\nsendmail = msmtp --file=%s/msmtprc\n' "$PWD" \
	    >>ws/rapport.ini
	(cd ws && git commit -qam "digest through msmtp") || die "commit"
}

count() {
	$CHECK count box ${1:-}
}

t_send_through_msmtp() {
	smtp
	ws_with_mail
	run 0 r -C ws check
	run 0 r -C ws digest --send
	has out "dana: sent to dana@brightline.example"
	same "messages" "$(count)" 3
	run 0 $CHECK check box dana@brightline.example \
	    "rapport: 5 overdue, 2 promises this week $DASH Brightline Agency" \
	    "Overdue (5)" "Promises this week (2)" \
	    "promised: Send the October report" \
	    "last entry: 2026-11-17 -> call: Weekly sync" \
	    "promised: Launch the Black Friday Shopping campaigns" \
	    "This is your first digest"
	run 0 $CHECK check box marco@brightline.example \
	    "rapport: 6 overdue, 1 due today $DASH Brightline Agency" \
	    "Due today (1)" "Replies owed (1)" "Okafor & Lindqvist LLP" \
	    "reply to the 2026-11-23 email: Gregory asks for a proposal"
	run 0 $CHECK lacks box dana@brightline.example "Okafor"
	# --owner and --to: one message, to that address alone.
	rm -f box/new/*
	run 0 r -C ws digest --send --owner priya --to boss@example.com
	same "messages" "$(count)" 1
	run 0 $CHECK check box boss@example.com \
	    "rapport: 2 overdue, 2 replies owed $DASH Brightline Agency" \
	    "Copper Kettle Brewing Co." "Changed since the last digest"
}

t_nothing_to_do() {
	smtp
	ws_with_mail
	printf '\n[owner zoe]\nname = Zoë Ørsted\nemail = zoe@brightline.example\n' \
	    >>ws/rapport.ini
	run 0 r -C ws digest --send
	has out "zoe: nothing to do, no digest"
	same "to zoe" "$(count zoe@brightline.example)" 0
	same "to the others" "$(count)" 3
	run 0 r -C ws digest --send --owner zoe --always
	same "to zoe with --always" "$(count zoe@brightline.example)" 1
	run 0 $CHECK check box zoe@brightline.example \
	    "rapport: nothing due $DASH Brightline Agency" \
	    "Good morning, Zoë Ørsted" "Nothing is overdue or due today"
	# Later, a day with nothing due for dana gets her nothing.
	run 0 r -C ws --today 2020-01-01 digest --owner dana --send
	has out "dana: nothing to do, no digest"
	same "to dana" "$(count dana@brightline.example)" 1
}

t_sendmail_fails() {
	need
	example_repo ws
	cat >fail.sh <<'EOT'
#!/bin/sh
cat >/dev/null
echo "msmtp: cannot connect to mail.example: try again later" >&2
exit 75
EOT
	chmod 755 fail.sh
	printf '\n[digest]\nsendmail = %s/fail.sh\n' "$PWD" >>ws/rapport.ini
	run 2 r -C ws digest --send --owner dana
	has err "the digest for dana was not sent"
	has err "exited 75 (EX_TEMPFAIL: a temporary failure, try again later)"
	has err "cannot connect to mail.example: try again later"
	[ ! -f ws/.git/rapport/digest ] || die "a failed send was recorded"
	# Each owner is tried; any failure fails the command.
	run 2 r -C ws digest --send
	[ "$(grep -c 'was not sent' "$CASE_DIR/err")" = 3 ] ||
	    die "not every owner was tried"
	# A sendmail that is not there.
	sed -i "s|^sendmail = .*|sendmail = $PWD/nowhere|" ws/rapport.ini
	run 2 r -C ws digest --send --owner dana
	has err "exited 127 (the command was not found)"
}

t_print_is_an_mbox() {
	smtp
	ws_with_mail
	r -C ws digest >mbox 2>err || die "digest failed: $(cat err)"
	run 0 $CHECK mbox mbox 3
	[ ! -f ws/.git/rapport/digest ] || die "printing was recorded"
	same "nothing sent" "$(count)" 0
	run 0 r -C ws digest --send --owner dana
	run 0 $CHECK check box dana@brightline.example \
	    "rapport: 5 overdue, 2 promises this week $DASH Brightline Agency" \
	    "This is your first digest"
}

t_no_email() {
	need
	example_repo ws
	sed -i '/^email = dana@/d' ws/rapport.ini
	run 2 r -C ws digest --send --owner dana
	has err "owner 'dana' has no email in rapport.ini"
	run 0 r -C ws digest --owner dana
	has err "dana: no email in rapport.ini and no --to, no digest"
	run 2 r -C ws digest --owner nobody
	has err "owner 'nobody' is not declared"
}

t_changes_since() {
	smtp
	ws_with_mail
	run 0 r -C ws digest --send --owner dana
	run 0 $CHECK check box dana@brightline.example \
	    "rapport: 5 overdue, 2 promises this week $DASH Brightline Agency" \
	    "This is your first digest"
	rm -f box/new/*
	# Marco logs on dana's client, dana logs on her own, mail arrives.
	git -C ws config user.name "Marco Bellini"
	git -C ws config user.email marco@brightline.example
	run 0 r -C ws log ledgerly --in --channel call --time 09:30 \
	    "Arjun called about the export"
	git -C ws config user.name "Dana Kim"
	git -C ws config user.email dana@brightline.example
	run 0 r -C ws log ledgerly --out --channel email --time 10:00 \
	    "Sent Arjun the checklist"
	mkdir -p mail/cur mail/new mail/tmp
	cat >mail/new/1.eml <<'EOT'
From: Clara <clara@ledgerly.example>
To: Dana Kim <dana@brightline.example>
Subject: =?UTF-8?Q?Re=3A_MRR_export_=E2=80=94_attached?=
Date: Mon, 23 Nov 2026 11:15:00 -0500
Message-ID: <mrr-export@ledgerly.example>

The export.
EOT
	run 0 r -C ws import-mail "$PWD/mail"
	# Printing shows the changes and records nothing.
	run 0 r -C ws digest --owner dana
	has out "Changed since the last digest"
	run 0 r -C ws digest --send --owner dana
	run 0 $CHECK check box dana@brightline.example \
	    "rapport: 5 overdue, 1 reply owed $DASH Brightline Agency" \
	    "Changed since the last digest (Mon 23 Nov 2026) (2)" \
	    "2026-11-23 09:30 <- call: Arjun called about the export $DASH logged by Marco Bellini" \
	    "<- email: Re: MRR export $DASH attached $DASH imported from mail"
	run 0 $CHECK lacks box dana@brightline.example "Sent Arjun the checklist"
	# Marco's own digest lists nothing of dana's clients.
	run 0 r -C ws digest --send --owner marco
	run 0 $CHECK lacks box marco@brightline.example "Arjun called"
	# The next one: nothing changed since.
	rm -f box/new/*
	run 0 r -C ws digest --send --owner dana
	run 0 $CHECK check box dana@brightline.example \
	    "rapport: 5 overdue, 1 reply owed $DASH Brightline Agency" \
	    "Changed since the last digest (Mon 23 Nov 2026): nothing."
	# A history rewritten under it: the digest starts over.
	sed -i 's/^dana [0-9a-f]* /dana 0123456789012345678901234567890123456789 /' \
	    ws/.git/rapport/digest
	rm -f box/new/*
	run 0 r -C ws digest --send --owner dana
	run 0 $CHECK check box dana@brightline.example \
	    "rapport: 5 overdue, 1 reply owed $DASH Brightline Agency" \
	    "This is your first digest"
}

harness_run "$@"
