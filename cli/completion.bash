# bash completion for rapport(1): commands, their options, client slugs
# and owners' handles.  make install puts it in
# PREFIX/share/bash-completion/completions/rapport, where bash-completion
# finds it; or source it from ~/.bashrc.
#
# Slugs and owners are read from the workspace the command would use
# (after -C DIR), as rapport finds it: the first folder upwards holding
# rapport.ini or clients/.  Nothing here runs rapport or git.

# The workspace's root for the folder $1, or nothing.
_rapport_root()
{
	local d=$1
	while [[ -n $d ]]; do
		if [[ -f $d/rapport.ini || -d $d/clients ]]; then
			printf '%s\n' "$d"
			return
		fi
		[[ $d == / ]] && return
		d=$(dirname -- "$d")
	done
}

# The slugs of the client files (not in hidden folders), one a line.
_rapport_slugs()
{
	[[ -d $1/clients ]] || return
	find "$1/clients" -name '.*' -prune -o -type f -name '*.md' -print \
	    2>/dev/null | sed 's|.*/||; s|\.md$||' | LC_ALL=C sort -u
}

# The handles of the [owner HANDLE] sections of rapport.ini.
_rapport_owners()
{
	[[ -f $1/rapport.ini ]] || return
	sed -n 's/^[[:space:]]*\[owner[[:space:]]\{1,\}\([^]]*\)\].*/\1/p' \
	    "$1/rapport.ini" | sed 's/[[:space:]]*$//'
}

_rapport()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion -n = || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi

	local commands="init new check status stats hours log done share edit
	    commit history show build sync import-mail import-contacts digest
	    hook export merge-file help"
	local globals="-C --today --help --version"
	local dir=$PWD cmd= i n=0 w

	# The command, the folder of -C, and how many operands came before.
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		-C)	((i++)); [[ -n ${words[i]} ]] &&
			    dir=$(cd -- "$dir" 2>/dev/null && cd -- "${words[i]}" \
			    2>/dev/null && pwd) ;;
		--today|--owner|--slug|--channel|--hours|--date|--time|-m|-o|\
		--tries|--rev|--only|--shared|--site|--share|--version|--since|\
		--to|--month|--by)
			((i++)) ;;
		# history's -n takes a number; the others' is --no-verify.
		-n)	[[ $cmd == history ]] && ((i++)) ;;
		-*)	;;
		*)	if [[ -z $cmd ]]; then cmd=$w; else ((n++)); fi ;;
		esac
	done
	local root
	root=$(_rapport_root "${dir:-$PWD}")

	case $prev in
	-C|-o|--shared|--site|--share)
		COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--only)	COMPREPLY=($(compgen -W "share" -- "$cur")); return ;;
	--version)
		[[ $cmd == export ]] &&
		    COMPREPLY=($(compgen -W "3.0 4.0" -- "$cur"))
		return ;;
	--rev)	COMPREPLY=($(compgen -W "$(git -C "${dir:-.}" for-each-ref \
		    --format='%(refname:short)' refs/heads refs/tags \
		    2>/dev/null)" -- "$cur"))
		return ;;
	--today|--date|--since)
		COMPREPLY=($(compgen -W "$(date +%F)" -- "$cur")); return ;;
	--owner)
		COMPREPLY=($(compgen -W "$(_rapport_owners "$root")" -- "$cur"))
		return ;;
	--channel)
		COMPREPLY=($(compgen -W "email call meeting chat letter" \
		    -- "$cur"))
		return ;;
	--time)	COMPREPLY=($(compgen -W "$(date +%H:%M)" -- "$cur")); return ;;
	--month) COMPREPLY=($(compgen -W "$(date +%Y-%m)" -- "$cur")); return ;;
	--by)	COMPREPLY=($(compgen -W "client owner" -- "$cur")); return ;;
	--slug|--hours|-m|--tries|--to)
		return ;;
	-n)	[[ $cmd == history ]] && return ;;
	esac

	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands $globals" -- "$cur"))
		return
	fi
	local opts=
	case $cmd in
	init)	opts="--no-verify --shared --site --share --strict" ;;
	new)	opts="--owner --slug --email --force -n --no-verify" ;;
	check)	opts="--strict --rev" ;;
	status)	opts="--owner --all --json" ;;
	stats)	opts="--owner --since --json" ;;
	hours)	opts="--month --by --csv --json" ;;
	log)	opts="--in --out --note --channel --hours --date --time
		    --no-verify" ;;
	done)	opts="-n --no-verify" ;;
	share)	opts="--rotate --revoke -n --no-verify" ;;
	edit)	opts="-m -n --no-verify" ;;
	commit)	opts="-m -n --no-verify" ;;
	history) opts="-n" ;;
	build)	opts="-o --only --rev" ;;
	sync)	opts="--tries --no-verify" ;;
	import-mail) opts="--dry-run -v --verbose --no-verify" ;;
	import-contacts) opts="--dry-run --owner -n --no-verify" ;;
	digest)	opts="--owner --to --send --always" ;;
	export)	opts="--version" ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts --help --today -C" -- "$cur"))
		return
	fi
	case $cmd in
	log|done|share|edit|history|show)
		# The client first; log, done: then the message's words.
		((n == 0)) &&
		    COMPREPLY=($(compgen -W "$(_rapport_slugs "$root")" \
		    -- "$cur")) ;;
	check|commit|import-mail|import-contacts)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	init)	((n == 0)) && COMPREPLY=($(compgen -d -- "$cur")) ;;
	sync)	((n == 0)) && COMPREPLY=($(compgen -W \
		    "$(git -C "${root:-.}" remote 2>/dev/null)" -- "$cur")) ;;
	help)	((n == 0)) && COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
	hook)	((n == 0)) && COMPREPLY=($(compgen -W "pre-receive post-receive" \
		    -- "$cur")) ;;
	export)	if ((n == 0)); then
			COMPREPLY=($(compgen -W "vcard" -- "$cur"))
		else
			COMPREPLY=($(compgen -d -- "$cur"))
		fi ;;
	merge-file)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -F _rapport rapport
