#!/bin/sh
# Run the program on a key script given as text and print the dumped
# screens: a helper for writing the expected screens of tests/unit/check_ui.c.
# usage: sh tests/ui/show.sh KEYS [COLSxLINES]   (DESK4S_BIN: the program)
set -u
[ $# -ge 1 ] || { echo "usage: $0 KEYS [COLSxLINES]" >&2; exit 2; }
bin=${DESK4S_BIN:-build/desk4s}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
size=${2:-80x24}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/desk4s-show.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf '%s' "$1" >"$tmp/keys"
(cd "$tmp" && env DESK4S_KEYS=keys DESK4S_DUMP=dump COLUMNS="${size%x*}" LINES="${size#*x}" \
	TERM=xterm-256color LC_ALL=C.UTF-8 DESK4S_TODAY=2025-01-10 "$bin" --db ui.db </dev/null)
echo "exit status $?"
[ -f "$tmp/dump" ] && cat "$tmp/dump"
