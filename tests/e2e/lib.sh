# Helpers for the tmux tests (sourced).  Each test gets its own session
# on the private server $E2E_SOCK and its own database under $E2E_TMP.

T() { tmux -u -L "$E2E_SOCK" "$@"; }

# start NAME [COLS ROWS] [extra env...]: run the program in a fresh session.
# When it ends the pane shows "desk4s-exit=STATUS" and the terminal modes
# (icanon/echo) as the shell sees them, to prove the terminal was restored.
start() {
	name=$1 cols=${2:-100} rows=${3:-30}
	db=$E2E_TMP/$name.db
	cat >"$E2E_TMP/$name.sh" <<EOS
sh -c 'echo \$\$ > "$E2E_TMP/$name.pid"; exec "$BIN" --db "$db"'
echo "desk4s-exit=\$?"
stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '
echo
sleep 600
EOS
	T new-session -d -s "$name" -x "$cols" -y "$rows" \
		"env LC_ALL=C.UTF-8 TERM=tmux-256color DESK4S_TODAY=2025-01-10 sh $E2E_TMP/$name.sh"
	wait_for "$name" "主菜单"
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
