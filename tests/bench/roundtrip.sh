#!/bin/sh
# roundtrip.sh BUILD — export → import into an empty database → export, for
# every kind, on a generated shop (make roundtrip).  The generated data is
# what the program stores (gen selfcheck refuses a value the rules would
# rewrite), so the second export must equal the first byte for byte; the
# first car of each customer comes in with the customer sheet, so the
# vehicle file goes in with --update.  Kinds load in the order their
# references need: A-cards before the visits that name them.
set -eu
B=${1:-build}
bin=$B/desk4s
dir=$B/roundtrip
rm -rf "$dir"
mkdir -p "$dir"
export LC_ALL=C.UTF-8
"$B/bench/gen" db "$dir/shop.db" --customers 3000 --orders 9000 --visits 6000 --acards 1500 > /dev/null
kinds="customers vehicles workorders complaints acards followups visits"
# an export says what it wrote on stderr: kept in a file, shown on failure
export_to() { # db kind file
	"$bin" --db "$1" export "$2" --out "$3" > /dev/null 2> "$dir/export.err" || { cat "$dir/export.err" >&2; exit 1; }
}
for k in $kinds; do
	export_to "$dir/shop.db" "$k" "$dir/a-$k.csv"
done
bad=0
for k in $kinds; do
	upd=
	[ "$k" = vehicles ] && upd=--update
	if ! "$bin" --db "$dir/copy.db" import "$k" "$dir/a-$k.csv" $upd > "$dir/import-$k.out" 2>&1; then
		echo "roundtrip: import $k failed:" >&2
		cat "$dir/import-$k.out" >&2
		bad=1
	fi
done
for k in $kinds; do
	export_to "$dir/copy.db" "$k" "$dir/b-$k.csv"
	if cmp -s "$dir/a-$k.csv" "$dir/b-$k.csv"; then
		echo "roundtrip: $k: $(( $(wc -l < "$dir/a-$k.csv") - 1 )) records, identical"
	else
		echo "roundtrip: $k differs after export → import → export:" >&2
		diff "$dir/a-$k.csv" "$dir/b-$k.csv" | head -6 >&2
		bad=1
	fi
done
[ "$bad" = 0 ] && rm -rf "$dir"
exit $bad
