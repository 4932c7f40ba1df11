# Helpers for the tmux tests (sourced).  Each test gets its own session
# on the private server $E2E_SOCK and its own database under $E2E_TMP.

T() { tmux -u -L "$E2E_SOCK" "$@"; }

# accounts DB: on a new database, the accounts every test has (created with
# the batch command): the administrator and the manager 王经理 (login wang)
# whom start logs in as.
accounts() {
	[ -f "$1" ] && return 0
	printf 'Admin-pass-1\n' | "$BIN" --db "$1" --password-fd 0 user add admin --role 管理员 \
		--name 管理员 >/dev/null || return 1
	printf 'Admin-pass-1\nWang-pass-1\n' | "$BIN" --db "$1" --user admin --password-fd 0 \
		user add wang --role 经理 --name 王经理 >/dev/null
}

# login NAME LOGIN PASSWORD: type a login on the login screen.
login() {
	type_text "$1" "$2"; keys "$1" Tab; type_text "$1" "$3"; keys "$1" Enter
}

# start NAME [COLS ROWS]: run the program in a fresh session (launch) and
# log in as 王经理: every test but the login's own starts at the menu.
start() {
	launch "$@" || return 1
	wait_for "$1" "登录名" || return 1
	login "$1" wang Wang-pass-1
	wait_for "$1" "主菜单"
}

# launch NAME [COLS ROWS]: run the program in a fresh session, at the login
# screen.  When it ends the pane shows "desk4s-exit=STATUS" and the terminal
# modes (icanon/echo) as the shell sees them, to prove the terminal was
# restored.
launch() {
	name=$1 cols=${2:-100} rows=${3:-30}
	db=$E2E_TMP/$name.db
	accounts "$db" || { echo "cannot create the accounts in $db"; return 1; }
	cat >"$E2E_TMP/$name.sh" <<EOS
sh -c 'echo \$\$ > "$E2E_TMP/$name.pid"; exec "$BIN" --db "$db"'
echo "desk4s-exit=\$?"
stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '
echo
sleep 600
EOS
	T new-session -d -s "$name" -x "$cols" -y "$rows" \
		"env LC_ALL=C.UTF-8 TERM=${E2E_TERM:-tmux-256color} DESK4S_TODAY=2025-01-10 sh $E2E_TMP/$name.sh"
}

screen() { T capture-pane -p -t "$1"; }

# wait_for NAME TEXT [SECONDS]: poll the screen until TEXT shows.
wait_for() {
	n=0 limit=$(( ${3:-10} * 20 ))
	while [ $n -lt $limit ]; do
		if screen "$1" | grep -qF -- "$2"; then return 0; fi
		sleep 0.05
		n=$((n + 1))
	done
	echo "timed out waiting for: $2"
	screen "$1"
	return 1
}

# wait_gone NAME TEXT: poll until TEXT is no longer on screen.
wait_gone() {
	n=0
	while [ $n -lt 200 ]; do
		if ! screen "$1" | grep -qF -- "$2"; then return 0; fi
		sleep 0.05
		n=$((n + 1))
	done
	echo "still on screen: $2"
	screen "$1"
	return 1
}

type_text() { T send-keys -t "$1" -l "$2"; }
keys() { s=$1; shift; T send-keys -t "$s" "$@"; }
# tab NAME N: press Tab N times
tab() { i=0; while [ $i -lt "$2" ]; do keys "$1" Tab; i=$((i + 1)); done; }
pid_of() { cat "$E2E_TMP/$1.pid"; }

# Quit from the menu and check the exit status and the restored terminal.
quit_ok() {
	keys "$1" q
	wait_for "$1" "desk4s-exit=0" || return 1
	wait_for "$1" "icanon echo" || return 1
}

fail() { echo "$*"; screen "$name" 2>/dev/null; exit 1; }
