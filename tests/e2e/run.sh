#!/bin/sh
# End-to-end tests of the full-screen program through a real terminal:
# tmux drives a pty (UTF-8 decoding by wget_wch, escape delays, resizes and
# signals all real), send-keys -l types Chinese, capture-pane reads the
# screen.  Every t_*.sh here is one test; each prints "ok - name" or
# "FAIL - name".  Ends with exactly one line "e2e: N passed, M failed".
set -u
cd "$(dirname "$0")/../.." || exit 2
E2E_DIR=tests/e2e
export LC_ALL=C.UTF-8
BIN=${DESK4S_BIN:-build/desk4s}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
export BIN
E2E_SOCK=desk4s-e2e-$$
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/desk4s-e2e.XXXXXX")
export E2E_SOCK E2E_TMP
E2E_SOCK_PATH=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$E2E_SOCK
trap 'tmux -L "$E2E_SOCK" kill-server 2>/dev/null; rm -rf "$E2E_TMP"; rm -f "$E2E_SOCK_PATH"' EXIT
trap 'exit 1' INT TERM HUP PIPE

if ! command -v tmux >/dev/null 2>&1; then
	echo "FAIL - tmux is not installed"
	echo "e2e: 0 passed, 1 failed"
	exit 1
fi

pass=0 failed=0
for t in "$E2E_DIR"/t_*.sh; do
	name=$(basename "$t" .sh)
	out=$(sh -c '. "$1"/lib.sh; . "$2"' sh "$E2E_DIR" "$t" 2>&1)
	rc=$?
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok - $name"
	else
		failed=$((failed + 1))
		echo "FAIL - $name"
		printf '%s\n' "$out" | sed 's/^/    /'
	fi
done
echo "e2e: $pass passed, $failed failed"
[ $failed -eq 0 ]
