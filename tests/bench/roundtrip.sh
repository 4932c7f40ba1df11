#!/bin/sh
# roundtrip.sh BUILD — export → import into an empty database → export, for
# every kind, on a generated shop (make roundtrip).  The generated data is
# what the program stores (gen selfcheck refuses a value the rules would
# rewrite), so the second export must equal the first byte for byte; the
# first car of each customer comes in with the customer sheet, so the
# vehicle file's rows for those cars are in already.  Kinds load in the
# order their references need: A-cards before the visits that name them.
# Then each first export goes back into the shop it came from: every row
# is a record already there, as it is, so nothing is stored or refused.
# Last, the same trip with export --excel (long digit codes and text a
# spreadsheet takes for a date as ="…"): imported, the plain export is
# again the first one, and the --excel export the --excel one.
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
	if ! "$bin" --db "$dir/copy.db" import "$k" "$dir/a-$k.csv" > "$dir/import-$k.out" 2>&1; then
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
for k in $kinds; do
	n=$(( $(wc -l < "$dir/a-$k.csv") - 1 ))
	[ "$n" -gt 0 ] || continue
	if "$bin" --db "$dir/shop.db" import "$k" "$dir/a-$k.csv" > "$dir/again-$k.out" 2>&1 &&
	   grep -q "已导入 0 行（其中不完整 0 行），拒绝 0 行" "$dir/again-$k.out" &&
	   grep -q "另有 $n 行与数据库中已有的记录相同，未重复存入" "$dir/again-$k.out"; then
		echo "roundtrip: $k: the export back into its shop: $n records in already"
	else
		echo "roundtrip: $k: the export back into its shop did not find its $n records in already:" >&2
		cat "$dir/again-$k.out" >&2
		bad=1
	fi
done
export_to_excel() { # db kind file
	"$bin" --db "$1" export "$2" --out "$3" --excel > /dev/null 2> "$dir/export.err" || { cat "$dir/export.err" >&2; exit 1; }
}
for k in $kinds; do
	export_to_excel "$dir/shop.db" "$k" "$dir/x-$k.csv"
	"$bin" --db "$dir/excel.db" import "$k" "$dir/x-$k.csv" > "$dir/excel-$k.out" 2>&1 ||
		{ echo "roundtrip: import $k (--excel export) failed:" >&2; cat "$dir/excel-$k.out" >&2; bad=1; }
done
for k in $kinds; do
	export_to "$dir/excel.db" "$k" "$dir/y-$k.csv"
	if cmp -s "$dir/a-$k.csv" "$dir/y-$k.csv"; then
		echo "roundtrip: $k: export --excel → import → export: identical ($(grep -c '"=""' "$dir/x-$k.csv" || true) lines with codes as text)"
	else
		echo "roundtrip: $k differs after export --excel → import → export:" >&2
		diff "$dir/a-$k.csv" "$dir/y-$k.csv" | head -6 >&2
		bad=1
	fi
	export_to_excel "$dir/excel.db" "$k" "$dir/z-$k.csv"
	if ! cmp -s "$dir/x-$k.csv" "$dir/z-$k.csv"; then
		echo "roundtrip: $k differs after export --excel → import → export --excel:" >&2
		diff "$dir/x-$k.csv" "$dir/z-$k.csv" | head -6 >&2
		bad=1
	fi
done
[ "$bad" = 0 ] && rm -rf "$dir"
exit $bad
