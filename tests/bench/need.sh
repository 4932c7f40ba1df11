#!/bin/sh
# need.sh PKG... — install the Debian packages the benchmarks or the fuzzers
# lack (apt-get, as root), or print the one line to run and stop; the same
# policy as `make deps`.
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "desk4s: installing$missing"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
	exit $?
fi
echo "desk4s: missing Debian packages. Run:"
echo "  sudo apt-get install -y$missing"
exit 1
