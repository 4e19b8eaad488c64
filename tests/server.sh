#!/bin/sh
# server.sh: the team's server (SPEC section 8, docs/SERVER.md), for real:
# an sshd and a web server of the suite's own on 127.0.0.1 (free ports,
# files under $T, stopped at the end), git pushing over ssh to a bare
# repository made by rapport init --shared, its hooks refusing what does
# not pass check and building what does, the site served with basic auth
# but for the clients' report pages, read with curl and Chromium.
#
#   sh tests/server.sh ./rapport [CASE...]
#
# It runs as root (sshd lets root in by key and wants /run/sshd, made
# here when missing, as Debian's service makes it at boot; lighttpd drops
# to www-data) and as any other user (both servers run as that user, who
# logs in to the sshd by key).  LOOP_SECONDS (default 20) bounds the
# pushing loop.
#
# Debian packages: openssh-server openssh-client lighttpd curl openssl
# chromium python3 (.ci/install-deps test).  docs/SERVER.md says which of
# its lines this suite runs.

NAME=server
. "$(dirname "$0")/harness.sh"

# The servers read the site as another user (www-data, as root): what the
# tests write is readable by all, as on a server, and so is the way to it.
umask 022
if [ "$(id -u)" -eq 0 ]; then
	chmod 711 "$T" || exit 2
fi

# Every server a case starts is noted in CASE_DIR/pids and stopped when
# the case ends (its own EXIT trap) or, if the suite is stopped first,
# when the suite ends.
stop_servers() {
	for f in "$@"; do
		[ -f "$f" ] || continue
		pid=$(cat "$f")
		kill "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$pid" 2>/dev/null
		rm -f "$f"
	done
}
trap 'stop_servers "$T"/t_*/pids/*.pid; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# Every network command is bounded.
NET=$(limit 120)

# rt ARGS...: r, bounded (for what goes over the network).
rt() {
	timeout "$NET" ${RAPPORT_WRAP:-} "$BIN" --today 2026-11-23 "$@"
}

# need CMD...: skips the case when a tool is missing.
need() {
	for c; do
		command -v "$c" >/dev/null 2>&1 || [ -x "$c" ] ||
		    skip "needs $c (sh .ci/install-deps test)"
	done
}

# free_port: a TCP port of 127.0.0.1 that was free a moment ago.
free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# note_pid NAME PID: a server to stop at the end of the case.
note_pid() {
	mkdir -p "$CASE_DIR/pids"
	echo "$2" >"$CASE_DIR/pids/$1.pid"
	trap 'stop_servers "$CASE_DIR"/pids/*.pid' EXIT
}

# ---- sshd ----

# start_sshd: an sshd of the case's own on 127.0.0.1, letting in the user
# running the tests (root too) with a key made here; known_hosts made from
# its host key.  Sets SSH_USER, SSH_PORT, SSH (the client command, also
# exported as GIT_SSH_COMMAND) and SSH_BASE (ssh://USER@127.0.0.1:PORT).
start_sshd() {
	need /usr/sbin/sshd ssh ssh-keygen python3
	S=$CASE_DIR/sshd
	mkdir -p "$S"
	ssh-keygen -q -t ed25519 -N '' -C "rapport test host" \
	    -f "$S/host_key" || die "ssh-keygen (host key) failed"
	ssh-keygen -q -t ed25519 -N '' -C "rapport test user" \
	    -f "$S/user_key" || die "ssh-keygen (user key) failed"
	cp "$S/user_key.pub" "$S/authorized_keys"
	SSH_USER=$(id -un)
	root=
	if [ "$(id -u)" -eq 0 ]; then
		# sshd as root wants its privilege separation folder, which
		# Debian's service makes at boot (RuntimeDirectory=sshd); -p, as
		# the sanitizer run may make it at the same time.
		[ -d /run/sshd ] || mkdir -p -m 755 /run/sshd ||
		    die "cannot make /run/sshd"
		root="PermitRootLogin prohibit-password"
	fi
	tries=0
	while :; do
		tries=$((tries + 1))
		SSH_PORT=$(free_port) || die "no free port"
		cat >"$S/sshd_config" <<-EOF
		Port $SSH_PORT
		ListenAddress 127.0.0.1
		HostKey $S/host_key
		PidFile $S/sshd.pid
		AuthorizedKeysFile $S/authorized_keys
		AllowUsers $SSH_USER
		StrictModes no
		UsePAM no
		PubkeyAuthentication yes
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		$root
		AllowTcpForwarding no
		X11Forwarding no
		PrintMotd no
		LogLevel VERBOSE
		EOF
		/usr/sbin/sshd -t -f "$S/sshd_config" >"$S/test.log" 2>&1 ||
		    die "sshd -t: $(cat "$S/test.log")"
		/usr/sbin/sshd -D -e -f "$S/sshd_config" </dev/null \
		    >"$S/log" 2>&1 &
		pid=$!
		note_pid sshd "$pid"
		end=$(($(date +%s) + $(limit 10)))
		while ! grep -q "Server listening on 127.0.0.1 port $SSH_PORT" \
		    "$S/log" && kill -0 "$pid" 2>/dev/null &&
		    [ "$(date +%s)" -le "$end" ]; do
			sleep 0.1
		done
		grep -q "Server listening on 127.0.0.1 port $SSH_PORT" \
		    "$S/log" && break
		stop_servers "$CASE_DIR/pids/sshd.pid"
		# Another took the port meanwhile: once more, on another.
		grep -q "Address already in use" "$S/log" && [ $tries -lt 3 ] &&
		    continue
		die "sshd did not start: $(cat "$S/log")"
	done
	echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$S/host_key.pub")" \
	    >"$S/known_hosts"
	SSH="ssh -F /dev/null -i $S/user_key -o IdentitiesOnly=yes"
	SSH="$SSH -o IdentityAgent=none -o UserKnownHostsFile=$S/known_hosts"
	SSH="$SSH -o GlobalKnownHostsFile=/dev/null"
	SSH="$SSH -o StrictHostKeyChecking=yes -o BatchMode=yes"
	SSH="$SSH -o ConnectTimeout=$(limit 10)"
	export GIT_SSH_COMMAND="$SSH"
	SSH_BASE="ssh://$SSH_USER@127.0.0.1:$SSH_PORT"
	# The key lets us in, and the other side has git.
	timeout "$NET" $SSH -p "$SSH_PORT" "$SSH_USER@127.0.0.1" \
	    git --version >"$S/first" 2>&1 ||
	    die "cannot log in over ssh: $(cat "$S/first")
sshd said: $(cat "$S/log")"
}

# ---- the web server ----

WEB_USER=dana
WEB_PASS=correct-horse-battery

# start_web WEBDIR SHAREDIR: lighttpd of the case's own on 127.0.0.1,
# serving WEBDIR with basic auth, and SHAREDIR/share/ as /share/ to
# anyone.  Sets WEB (http://127.0.0.1:PORT) and AUTH_WEB (with the user
# and password in it).
start_web() {
	need /usr/sbin/lighttpd curl openssl python3
	L=$CASE_DIR/lighttpd
	mkdir -p "$L/log"
	# The password file, in htpasswd's format.
	printf '%s:%s\n' "$WEB_USER" "$(openssl passwd -apr1 "$WEB_PASS")" \
	    >"$L/htpasswd" || die "openssl passwd failed"
	user=
	if [ "$(id -u)" -eq 0 ]; then
		# Root's lighttpd runs as www-data, which opens the logs after
		# dropping root: the log folder is its.
		user='server.username = "www-data"
server.groupname = "www-data"'
		chown www-data:www-data "$L/log" || die "no user www-data"
	fi
	tries=0
	while :; do
		tries=$((tries + 1))
		WEB_PORT=$(free_port) || die "no free port"
		cat >"$L/lighttpd.conf" <<-EOF
		server.modules = ("mod_access", "mod_alias", "mod_auth",
		    "mod_authn_file", "mod_accesslog")
		server.document-root = "$1"
		server.bind = "127.0.0.1"
		server.port = $WEB_PORT
		server.errorlog = "$L/log/error.log"
		accesslog.filename = "$L/log/access.log"
		$user
		# Each request looks the file up anew: the site is swapped
		# whole by renaming a link, and lighttpd's stat cache would
		# serve the build before for up to a second.
		server.stat-cache-engine = "disable"
		index-file.names = ("index.html")
		mimetype.assign = (
		    ".html" => "text/html; charset=utf-8",
		    ".css" => "text/css; charset=utf-8",
		    ".js" => "text/javascript; charset=utf-8",
		    ".json" => "application/json",
		    ".ics" => "text/calendar; charset=utf-8",
		    ".vcf" => "text/vcard; charset=utf-8",
		    ".svg" => "image/svg+xml",
		)
		auth.backend = "htpasswd"
		auth.backend.htpasswd.userfile = "$L/htpasswd"
		\$HTTP["url"] !~ "^/share/" {
		    auth.require = ("" => ("method" => "basic",
		        "realm" => "rapport", "require" => "valid-user"))
		}
		alias.url = ("/share/" => "$2/share/")
		EOF
		/usr/sbin/lighttpd -tt -f "$L/lighttpd.conf" >"$L/test.log" 2>&1 ||
		    die "lighttpd -tt: $(cat "$L/test.log")"
		/usr/sbin/lighttpd -D -f "$L/lighttpd.conf" </dev/null \
		    >"$L/out" 2>&1 &
		pid=$!
		note_pid lighttpd "$pid"
		WEB=http://127.0.0.1:$WEB_PORT
		end=$(($(date +%s) + $(limit 10)))
		while [ "$(curl -s -o /dev/null -w '%{http_code}' \
		    --max-time 2 "$WEB/")" = 000 ] &&
		    kill -0 "$pid" 2>/dev/null &&
		    [ "$(date +%s)" -le "$end" ]; do
			sleep 0.1
		done
		kill -0 "$pid" 2>/dev/null &&
		    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
		    "$WEB/")" != 000 ] && break
		stop_servers "$CASE_DIR/pids/lighttpd.pid"
		grep -q "Address already in use" "$L/out" "$L/log/error.log" \
		    2>/dev/null && [ $tries -lt 3 ] && continue
		die "lighttpd did not start: $(cat "$L/out" "$L/log/error.log" 2>&1)"
	done
	AUTH_WEB=http://$WEB_USER:$WEB_PASS@127.0.0.1:$WEB_PORT
}

# get PATH [auth]: GETs PATH from the web server (with the password when
# asked): prints the HTTP status, keeps the body in CASE_DIR/body.
get() {
	curl -s --path-as-is --max-time "$(limit 20)" -o "$CASE_DIR/body" \
	    -w '%{http_code}' ${2:+-u "$WEB_USER:$WEB_PASS"} "$WEB$1"
}

# status_is WANT PATH [auth]: GET PATH answers WANT.
status_is() {
	got=$(get "$2" ${3:-})
	[ "$got" = "$1" ] ||
	    die "GET $2${3:+ (with the password)}: $got, expected $1; body:
$(head -c 2000 "$CASE_DIR/body")"
}

# no_listing KEY: /share/ lists no keys (KEY among them).
no_listing() {
	got=$(get /share/)
	[ "$got" = 200 ] && die "/share/ answers 200: a listing of the keys?"
	grep -qF -- "$1" "$CASE_DIR/body" && die "/share/ shows the key $1"
	:
}

# served PATH: the body of PATH, fetched with the password.
served() {
	status_is 200 "$1" auth
	cat "$CASE_DIR/body"
}

# browse URL: the DOM of URL as headless Chromium has it, in
# CASE_DIR/dom.  Credentials in the URL are used for a page itself
# (Chromium drops them from the page's subresources).
browse() {
	need chromium timeout
	timeout "$(limit 90)" chromium --headless=new --no-sandbox \
	    --disable-gpu --no-first-run --disable-extensions \
	    --user-data-dir="$CASE_DIR/chromium" --dump-dom "$1" \
	    >"$CASE_DIR/dom" 2>"$CASE_DIR/chromium.err" ||
	    die "chromium failed on $1: $(tail -5 "$CASE_DIR/chromium.err")"
}

# site_sum DIR: every file of the site at DIR (a link followed), with its
# checksum, and where the link points.
site_sum() {
	readlink "$1"
	(cd "$1/" && find . -type f -exec cksum {} + | sort -k3)
}

# ---- the shared repository ----

# shared [--strict]: servers for the case; server.git made by rapport
# init --shared with the site in www and the report pages in public;
# the example agency pushed to it over ssh from the clone seed (its post-
# receive builds both).  Sets URL, the repository's ssh address.
shared() {
	start_sshd
	run 0 r init --shared "$PWD/server.git" --site "$PWD/www" \
	    --share "$PWD/public" "$@"
	URL=$SSH_BASE$PWD/server.git
	example_repo seed
	(cd seed && r init >/dev/null && git remote add origin "$URL" &&
	    timeout "$NET" git push -q -u origin main >"$CASE_DIR/push" 2>&1) ||
	    die "the first push failed: $(cat "$CASE_DIR/push")"
	same "server's main" "$(git -C server.git rev-parse main)" \
	    "$(git -C seed rev-parse HEAD)"
	[ -L www ] || die "www is not a symbolic link: $(ls -la www 2>&1)"
	[ -f www/index.html ] || die "no site was built into www"
	start_web "$PWD/www" "$PWD/public"
}

# clone WHO: a clone of the server over ssh, set up by rapport init, its
# person named WHO.
clone() {
	timeout "$NET" git clone -q "$URL" "$1" >"$CASE_DIR/clone" 2>&1 ||
	    die "cannot clone $URL: $(cat "$CASE_DIR/clone")"
	(cd "$1" && git config user.name "$1" &&
	    r init >/dev/null) || die "cannot set up $1"
}

# push: git push from the current clone, bounded; out, err and st kept.
push() {
	run_status timeout "$NET" git push origin main
}

# ---- the parts that are not rapport's, alone ----

# sshd, lighttpd and Chromium as the cases below use them, with a plain
# bare repository and a shell hook in place of rapport's: pushes over
# ssh, a refusal's lines shown by git as "remote: ...", the branch kept;
# a site swapped whole by renaming a link and served at once; 401 without
# the password but on /share/, 200 with it; a browser loading pages.
t_ssh_and_web_without_rapport_hooks() {
	start_sshd
	git init -q --bare plain.git
	cat >plain.git/hooks/pre-receive <<-'EOF'
	#!/bin/sh
	while read -r old new ref; do
		if git log -1 --format=%s "$new" | grep -q "refuse me"; then
			echo "clients/ledgerly.md:5:10: error: refused by the test" >&2
			exit 1
		fi
	done
	EOF
	chmod +x plain.git/hooks/pre-receive
	example_repo ws
	cd ws
	git remote add origin "$SSH_BASE$CASE_DIR/work/plain.git"
	push
	[ "$st" = 0 ] || die "push over ssh failed: $(cat "$CASE_DIR/err")"
	same "pushed" "$(git -C ../plain.git rev-parse main)" \
	    "$(git rev-parse HEAD)"
	tip=$(git rev-parse HEAD)
	echo "x" >>clients/ledgerly.md
	git commit -qam "refuse me"
	push
	[ "$st" = 0 ] && die "the hook did not refuse the push"
	has err "remote: clients/ledgerly.md:5:10: error: refused by the test"
	has err "pre-receive hook declined"
	same "server's main" "$(git -C ../plain.git rev-parse main)" "$tip"
	git reset -q --hard "$tip"
	cd ..
	# The site as post-receive will make it: built beside, then the link
	# renamed over the old one.
	r -C ws build -o "$PWD/build-1" >/dev/null || die "build failed"
	r -C ws build --only share -o "$PWD/public" >/dev/null || die "build --only share failed"
	ln -s build-1 www
	start_web "$CASE_DIR/work/www" "$CASE_DIR/work/public"
	for p in / /index.html /status.json /clients/ledgerly.html \
	    /share/../index.html /share/%2e%2e/index.html; do
		status_is 401 "$p"
	done
	key=$(sed -n 's/^key = //p' "$SRC/example-workspace/clients/the-alder-hotel.md")
	[ -n "$key" ] || die "no share key in the-alder-hotel.md"
	status_is 200 "/share/$key/"
	has body "The Alder Hotel"
	status_is 404 "/share/NoSuchKey0123456789abcd/"
	no_listing "$key"
	got=$(curl -s -o /dev/null -w '%{http_code}' -u "$WEB_USER:wrong" "$WEB/")
	same "a wrong password" "$got" 401
	served / >"$CASE_DIR/index.1"
	grep -q "Ledgerly" "$CASE_DIR/index.1" || die "the index lacks Ledgerly"
	served /status.json | python3 -c 'import json, sys; json.load(sys.stdin)' ||
	    die "status.json is not JSON"
	# A new build swapped in is what the next request gets.
	(cd ws && r new --owner dana "Kestrel Analytics" >/dev/null) ||
	    die "r new failed"
	r -C ws build -o "$PWD/build-2" >/dev/null || die "build failed"
	ln -s build-2 www.new && mv -T www.new www || die "cannot swap the link"
	served / | grep -q "Kestrel Analytics" ||
	    die "the index served after the swap is the old one"
	ln -s build-1 www.new && mv -T www.new www || die "cannot swap back"
	served / | grep -q "Kestrel Analytics" &&
	    die "the index served after the swap back is the new one"
	# A browser: the page itself with the password in its address.
	browse "$AUTH_WEB/"
	grep -q "Ledgerly" "$CASE_DIR/dom" ||
	    die "Chromium's page lacks Ledgerly: $(head -c 1000 "$CASE_DIR/dom")"
	browse "$WEB/"
	grep -q "Ledgerly" "$CASE_DIR/dom" &&
	    die "Chromium got the index without the password"
	browse "$WEB/share/$key/"
	grep -q "The Alder Hotel" "$CASE_DIR/dom" ||
	    die "Chromium's report page lacks the client"
}

# ---- rapport's hooks ----

# A client file with an error, pushed over ssh: refused with check's
# lines, the branch and the served site as they were.  The server is
# strict: a warning alone is refused too.  A good push after them goes
# through.
t_refused_push() {
	shared --strict
	before=$(site_sum www)
	index=$(served /)
	clone ann
	cd ann
	tip=$(git rev-parse HEAD)
	f=clients/ledgerly.md
	sed -i 's/^health = .*/health = purple/' "$f"
	line=$(grep -n '^health = purple' "$f" | cut -d: -f1)
	git commit -qnam "ledgerly: purple"
	push
	[ "$st" = 0 ] && die "a push with an error went through"
	grep -q "^remote: $f:$line:[0-9]*: error: health 'purple'" \
	    "$CASE_DIR/err" || die "no diagnostic from the hook: $(cat "$CASE_DIR/err")"
	same "server's main" "$(git -C ../server.git rev-parse main)" "$tip"
	same "the site" "$(site_sum ../www)" "$before"
	same "the served index" "$(served /)" "$index"
	# A warning alone: refused by the strict server.
	git reset -q --hard "$tip"
	printf -- '- [ ] Send the plan\n' >>"$f"
	line=$(wc -l <"$f")
	git commit -qnam "ledgerly: a promise without a date"
	push
	[ "$st" = 0 ] && die "a push with a warning went through a strict server"
	grep -q "^remote: $f:$line:[0-9]*: warning: open commitment has no due date" \
	    "$CASE_DIR/err" || die "no warning from the hook: $(cat "$CASE_DIR/err")"
	same "server's main" "$(git -C ../server.git rev-parse main)" "$tip"
	same "the site" "$(site_sum ../www)" "$before"
	# A good one.
	git reset -q --hard "$tip"
	run 0 r log ledgerly --in "After two refusals"
	push
	[ "$st" = 0 ] || die "a good push failed: $(cat "$CASE_DIR/err")"
	same "server's main" "$(git -C ../server.git rev-parse main)" \
	    "$(git rev-parse HEAD)"
	served /clients/ledgerly.html | grep -q "After two refusals" ||
	    die "the served client page lacks the new entry"
}

# A good push changes the served site: the internal site behind the
# password, the report pages open to anyone with the address, in curl
# and in Chromium; a revoked key's page goes.
t_push_updates_the_served_site() {
	shared
	for p in / /index.html /status.json /clients/ledgerly.html \
	    /share/../index.html /share/%2e%2e/index.html \
	    /owners/dana.html; do
		status_is 401 "$p"
	done
	key=$(sed -n 's/^key = //p' "$SRC/example-workspace/clients/the-alder-hotel.md")
	status_is 200 "/share/$key/"
	has body "The Alder Hotel"
	# The report page's stylesheet, wherever the page says it is.
	css=$(sed -n 's/.*<link[^>]*rel="stylesheet"[^>]*href="\([^"]*\)".*/\1/p' \
	    "$CASE_DIR/body" | head -1)
	[ -n "$css" ] || die "the report page names no stylesheet"
	status_is 200 "/share/$key/$css"
	no_listing "$key"
	# The report pages' folder holds them alone.
	same "files outside share/ in public" "$(cd public &&
	    find . -type f ! -path './share/*' ! -name .rapport-site)" ""
	served / | grep -q "The Alder Hotel" || die "the index lacks The Alder Hotel"
	# A new client with an entry and a report page.
	clone ann
	cd ann
	run 0 r new --owner dana "Kestrel Analytics"
	run 0 r log kestrel-analytics --in "First call with Kestrel"
	run 0 r share kestrel-analytics
	newkey=$(sed -n 's/^key = //p' clients/kestrel-analytics.md)
	[ -n "$newkey" ] || die "rapport share wrote no key"
	status_is 404 "/share/$newkey/"
	push
	[ "$st" = 0 ] || die "push failed: $(cat "$CASE_DIR/err")"
	served / | grep -q "Kestrel Analytics" || die "the index lacks the new client"
	served /status.json | grep -q '"slug": "kestrel-analytics"' ||
	    die "status.json lacks the new client"
	served /clients/kestrel-analytics.html |
	    grep -q "First call with Kestrel" || die "the client page lacks the entry"
	status_is 401 /clients/kestrel-analytics.html
	status_is 200 "/share/$newkey/"
	has body "Kestrel Analytics"
	grep -q "First call with Kestrel" "$CASE_DIR/body" &&
	    die "the report page shows an entry's text"
	browse "$AUTH_WEB/"
	grep -q "Kestrel Analytics" "$CASE_DIR/dom" ||
	    die "Chromium's index lacks the new client: $(head -c 1000 "$CASE_DIR/dom")"
	browse "$WEB/share/$newkey/"
	grep -q "Kestrel Analytics" "$CASE_DIR/dom" ||
	    die "Chromium's report page lacks the client"
	# Revoked: the page is gone with the next push.
	run 0 r share --revoke kestrel-analytics
	push
	[ "$st" = 0 ] || die "push failed: $(cat "$CASE_DIR/err")"
	status_is 404 "/share/$newkey/"
	status_is 200 "/share/$key/"
}

# One person's loop: a new client and an entry on it, then rapport sync
# (over ssh), until the time is up.  Notes every entry made
# ($T/WHO.made), those a sync that went through had pushed ($T/WHO.pushed)
# and the counts ($T/WHO.counts: syncs, rounds retried, gave up).
pusher() {
	who=$1 end=$2 i=0 syncs=0 retries=0 busy=0
	cd "$who" || exit 1
	: >"$T/$who.pending"
	while [ "$(date +%s)" -lt "$end" ]; do
		i=$((i + 1))
		n=$(printf %03d $i)
		r new --owner dana "$who $n" >/dev/null 2>"$T/$who.err" ||
		    { echo "new failed: $(cat "$T/$who.err")"; exit 1; }
		r log "$who-$n" --in "$who entry $n" >/dev/null 2>"$T/$who.err" ||
		    { echo "log failed: $(cat "$T/$who.err")"; exit 1; }
		echo "$who-$n $who entry $n" >>"$T/$who.pending"
		echo "$who-$n $who entry $n" >>"$T/$who.made"
		rt sync >"$T/$who.out" 2>&1
		st=$?
		syncs=$((syncs + 1))
		grep -q "rounds: the remote moved" "$T/$who.out" &&
		    retries=$((retries + 1))
		if [ "$st" = 0 ]; then
			# Pushed: its hook has built a tip holding these entries,
			# and no build after it may lack them.
			while read -r slug text; do
				curl -s --max-time "$(limit 20)" \
				    -u "$WEB_USER:$WEB_PASS" \
				    "$WEB/clients/$slug.html" >"$T/$who.page"
				grep -qF -- "$text" "$T/$who.page" || {
					echo "pushed, not served: '$text' in clients/$slug.html"
					exit 1
				}
			done <"$T/$who.pending"
			cat "$T/$who.pending" >>"$T/$who.pushed"
			: >"$T/$who.pending"
		elif [ "$st" = 2 ] && grep -q "kept moving" "$T/$who.out"; then
			busy=$((busy + 1))
		else
			echo "sync failed ($st): $(cat "$T/$who.out")"
			exit 1
		fi
	done
	echo "$syncs $retries $busy" >"$T/$who.counts"
}

# The reader: index.html, status.json and index.html again, with the
# password, until the time is up.  Each is whole; when the two indexes
# are the same bytes, status.json is of their build: the same clients
# (slugs linked from the index, names shown in it).  Clients are only
# added, so no index may lack a client that an earlier one listed: the
# site never goes back to an older tip.  Counts in $T/reader.counts:
# rounds, rounds whose indexes agreed.
reader() {
	python3 - "$WEB" "$WEB_USER:$WEB_PASS" "$1" "$T/reader.counts" <<-'EOF'
	import base64, html, json, re, sys, time, urllib.request
	web, cred, end, counts = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
	auth = "Basic " + base64.b64encode(cred.encode()).decode()
	def get(path):
	    req = urllib.request.Request(web + path, headers={"Authorization": auth})
	    with urllib.request.urlopen(req, timeout=30) as r:
	        if r.status != 200:
	            sys.exit(f"GET {path}: {r.status}")
	        return r.read().decode()
	def clients(page):
	    return set(re.findall(r'href="clients/([^"/]+)\.html"', page))
	rounds = agreed = 0
	seen = set()
	while time.time() < end:
	    a = get("/index.html")
	    s = get("/status.json")
	    b = get("/index.html")
	    rounds += 1
	    for page in (a, b):
	        if not page.rstrip().endswith("</html>"):
	            sys.exit("an index.html was served cut short:\n" + page[-300:])
	        now = clients(page)
	        if not seen <= now:
	            sys.exit("the site went back to an older build: the index "
	                     f"lost {sorted(seen - now)}")
	        seen = now
	    try:
	        status = json.loads(s)
	    except ValueError as e:
	        sys.exit(f"status.json is not JSON ({e}):\n{s[-300:]}")
	    if a != b:
	        continue
	    agreed += 1
	    in_json = {c["slug"] for c in status["clients"]}
	    in_index = clients(a)
	    if in_json != in_index:
	        sys.exit("status.json and index.html of different builds:\n"
	                 f"  only in status.json: {sorted(in_json - in_index)}\n"
	                 f"  only in index.html: {sorted(in_index - in_json)}")
	    for c in status["clients"]:
	        if html.escape(c["name"], quote=False) not in a and \
	           html.escape(c["name"]) not in a:
	            sys.exit(f"status.json's client {c['name']!r} is not in the index")
	open(counts, "w").write(f"{rounds} {agreed}\n")
	EOF
}

# Two clones pushing at once over ssh while a reader fetches the site:
# each page served is whole, status.json and the index served together
# are of one build, and after the last push the site holds every entry
# that was pushed.
t_two_clones_push_at_once() {
	shared
	clone ann
	clone ben
	end=$(($(date +%s) + $(limit ${LOOP_SECONDS:-20})))
	# (wait for these alone: the servers are children of the case too.)
	pids=
	for who in ann ben; do
		(pusher "$who" "$end" >"$T/$who.why" 2>&1) &
		pids="$pids $!"
	done
	(reader "$end" >"$T/reader.why" 2>&1) &
	wait $pids $!
	for who in ann ben reader; do
		[ -f "$T/$who.counts" ] || die "$who: $(cat "$T/$who.why")"
	done
	# Everyone syncs until the server has all.
	for who in ann ben ann ben; do
		(cd "$who" && rt sync >"$CASE_DIR/out" 2>&1) ||
		    die "$who: $(cat "$CASE_DIR/out")"
	done
	same "ann's HEAD" "$(git -C ann rev-parse HEAD)" \
	    "$(git -C server.git rev-parse main)"
	same "ben's HEAD" "$(git -C ben rev-parse HEAD)" \
	    "$(git -C server.git rev-parse main)"
	# Every entry is on the served site, those pushed in the loop and
	# those pushed just now: the last build to finish is of the last tip.
	pushed=0 entries=0
	for who in ann ben; do
		[ -s "$T/$who.pushed" ] || die "$who pushed nothing in the loop"
		pushed=$((pushed + $(wc -l <"$T/$who.pushed")))
		while read -r slug text; do
			served "/clients/$slug.html" >"$CASE_DIR/page"
			grep -qF -- "$text" "$CASE_DIR/page" ||
			    die "the served clients/$slug.html lacks '$text'"
			entries=$((entries + 1))
		done <"$T/$who.made"
	done
	served /status.json >"$CASE_DIR/status.json"
	same "clients served" "$(python3 -c 'import json, sys
print("\n".join(sorted(c["slug"] for c in json.load(open(sys.argv[1]))["clients"])))' \
	    "$CASE_DIR/status.json")" \
	    "$(r -C ann status --all --json | python3 -c 'import json, sys
print("\n".join(sorted(c["slug"] for c in json.load(sys.stdin)["clients"])))')"
	set -- $(cat "$T/ann.counts") $(cat "$T/ben.counts") $(cat "$T/reader.counts")
	echo "  loop: $(($1 + $4)) syncs, $(($2 + $5)) with retries," \
	    "$(($3 + $6)) gave up; $pushed entries pushed in the loop," \
	    "$entries served; reader: $7 rounds, $8 with both indexes alike" \
	    >"$T/figures"
	cat "$T/figures"
	[ "$8" -gt 0 ] || die "the reader never saw one build in both indexes"
}

# check --rev and build --rev in a bare repository give what check and
# build give in a checkout of that commit, byte for byte (but the site's
# marker, which names the workspace).
t_rev_equals_checkout() {
	example_repo ws
	(cd ws && r init >/dev/null &&
	    r log ledgerly --in --time 09:00 "A call" >/dev/null &&
	    printf -- '- [ ] Send the plan\n' >>clients/ledgerly.md &&
	    git commit -qnam "a promise without a date" &&
	    sed -i 's/^health = .*/health = purple/' clients/harbor-dental.md &&
	    git commit -qnam "purple") || die "cannot make the history"
	git clone -q --bare ws repo.git
	n=0
	for rev in main main~1 main~2 main~3; do
		n=$((n + 1))
		git clone -q repo.git "co$n" && git -C "co$n" checkout -q "$rev" ||
		    die "cannot check out $rev"
		for strict in "" --strict; do
			run_status r -C repo.git check $strict --rev "$rev"
			got="$st
$(cat "$CASE_DIR/out")
--
$(cat "$CASE_DIR/err")"
			run_status r -C "co$n" check $strict
			same "check $strict --rev $rev" "$got" "$st
$(cat "$CASE_DIR/out")
--
$(cat "$CASE_DIR/err")"
		done
		run_status r -C repo.git build --rev "$rev" -o "$PWD/rev$n"
		got=$st
		run_status r -C "co$n" build -o "$PWD/site$n"
		same "build's status, $rev" "$got" "$st"
		diff -r -x .rapport-site "rev$n" "site$n" >"$CASE_DIR/diff" ||
		    die "build --rev $rev differs: $(head -50 "$CASE_DIR/diff")"
		[ -f "rev$n/index.html" ] || die "build --rev $rev made no index"
	done
	# The errors are the checkout's, named as there.
	run 1 r -C repo.git check --rev main
	has out "clients/harbor-dental.md:"
	has out "error: health 'purple'"
	run 2 r -C repo.git check --rev no-such-branch
}

# init --shared on a bare repository that exists: the two hooks, and
# nothing else changed; run again, nothing changes at all.  The hooks
# work: a bad push (here from a folder, no ssh) is refused.
t_init_shared_on_an_existing_repo() {
	example_repo ws
	git clone -q --bare ws existing.git
	git -C existing.git config receive.denyNonFastForwards true
	echo "a hook of the team's own" >existing.git/hooks/update
	# all: every file but the two hooks, with its mode and checksum;
	# refs, HEAD and config as git reads them.
	all() {
		(cd existing.git && find . -type f ! -path ./hooks/pre-receive \
		    ! -path ./hooks/post-receive -printf '%m %p ' \
		    -exec cksum {} \; | sort -k2 &&
		    git for-each-ref && git symbolic-ref HEAD &&
		    git config --local --list)
	}
	before=$(all)
	run 0 r init --shared "$PWD/existing.git"
	same "the repository but the hooks" "$(all)" "$before"
	for h in pre-receive post-receive; do
		[ -x "existing.git/hooks/$h" ] || die "no executable hooks/$h"
		grep -qF "$BIN" "existing.git/hooks/$h" ||
		    grep -qF "$(readlink -f "$BIN")" "existing.git/hooks/$h" ||
		    die "hooks/$h does not name $BIN: $(cat "existing.git/hooks/$h")"
	done
	hooks=$(cat existing.git/hooks/pre-receive existing.git/hooks/post-receive)
	run 0 r init --shared "$PWD/existing.git"
	same "the repository, again" "$(all)" "$before"
	same "the hooks, again" "$(cat existing.git/hooks/pre-receive \
	    existing.git/hooks/post-receive)" "$hooks"
	# The hooks at work.
	git clone -q existing.git ann
	cd ann
	tip=$(git rev-parse HEAD)
	sed -i 's/^since = .*/since = 2026-02-30/' clients/ledgerly.md
	git commit -qnam "a bad date"
	run_status git push origin main
	[ "$st" = 0 ] && die "a bad push went through"
	has err "remote: clients/ledgerly.md:"
	same "main" "$(git -C ../existing.git rev-parse main)" "$tip"
}

# init --shared DIR makes a bare repository on branch main, with the hooks
# and the settings in its git config.
t_init_shared_makes_a_bare_repo() {
	run 0 r init --shared "$PWD/new.git" --site "$PWD/www" \
	    --share "$PWD/public" --strict
	same "bare" "$(git -C new.git rev-parse --is-bare-repository)" true
	same "HEAD" "$(git -C new.git symbolic-ref HEAD)" refs/heads/main
	same "rapport.site" "$(git -C new.git config rapport.site)" "$PWD/www"
	same "rapport.share" "$(git -C new.git config rapport.share)" "$PWD/public"
	same "rapport.strict" "$(git -C new.git config --type=bool rapport.strict)" true
	for h in pre-receive post-receive; do
		[ -x "new.git/hooks/$h" ] || die "no executable hooks/$h"
	done
}

harness_run "$@"
