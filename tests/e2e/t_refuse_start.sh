# Without a terminal on stdin, or in a locale that is not UTF-8, the program
# says so and exits 2 instead of drawing garbage.
out=$("$BIN" --db "$E2E_TMP/x.db" </dev/null 2>&1)
[ $? -eq 2 ] || fail "no terminal: want exit 2"
printf '%s' "$out" | grep -q "不是终端" || fail "no terminal: message: $out"
start loc
T kill-session -t loc
T new-session -d -s loc2 -x 100 -y 30 \
	"env LC_ALL=C LANG= TERM=tmux-256color $BIN --db $E2E_TMP/x.db; echo desk4s-exit=\$?; sleep 600"
wait_for loc2 "desk4s-exit=2" || fail
wait_for loc2 "UTF-8" || fail
