#!/bin/sh
# bench.sh full|small BUILD — the benchmark table (make bench, make bench-small).
#
# Builds the generated shop once into BUILD/bench/MODE/ (kept between runs:
# delete the directory to rebuild), then measures on a scratch copy of it so
# every run starts from the same data, and prints one Markdown table:
# desk4s beside its reference measured in the same run.  Sizes: full = the
# 1,000,000-customer shop (3,000,000 repair orders, 2,000,000 visits, 500,000
# A-cards); small = 1/100 of it.
set -eu
mode=${1:-small}
B=${2:-build}
case $mode in
full) C=1000000 W=3000000 V=2000000 A=500000 N=1000 NW=300 ;;
small) C=10000 W=30000 V=20000 A=5000 N=1000 NW=300 ;;
*) echo "usage: bench.sh full|small [BUILD]" >&2; exit 2 ;;
esac
bin=$B/desk4s
gen=$B/bench/gen
bench=$B/bench/bench
dir=$B/bench/$mode
mkdir -p "$dir"
export LC_ALL=C.UTF-8
start=$(date +%s)

# Seconds as milliseconds, and ratios, for the table.
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
sec() { awk -v s="$1" 'BEGIN { printf "%.2f s", s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "–" }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
# key from a "key value" file
val() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
ok() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if ((op == "<=" && v <= t) || (op == ">=" && v >= t)) print "yes"; else print "**no**" }'; }

shop=$dir/shop.db
# a shop built by an older schema is rebuilt: it must be what st_open creates
fresh=$dir/version.db
rm -f "$fresh" "$fresh-wal" "$fresh-shm" "$fresh-journal"
"$bin" --db "$fresh" check > /dev/null
want=$(sqlite3 "$fresh" "PRAGMA user_version")
rm -f "$fresh" "$fresh-wal" "$fresh-shm" "$fresh-journal"
if [ -f "$shop" ] && [ "$(sqlite3 "$shop" "PRAGMA user_version")" != "$want" ]; then
	echo "bench: the cached shop has another schema version than $want: rebuilding it" >&2
	rm -f "$shop" "$shop-wal" "$shop-shm" "$shop-journal"
fi
if [ ! -f "$shop" ]; then
	echo "bench: building the $mode shop ($C customers, $W repair orders, $V visits, $A A-cards)…" >&2
	rm -f "$shop.part" "$shop.part-wal" "$shop.part-shm" "$shop.part-journal"
	t0=$(date +%s)
	"$gen" db "$shop.part" --customers $C --orders $W --visits $V --acards $A
	mv "$shop.part" "$shop"
	echo "$(( $(date +%s) - t0 ))" > "$dir/build-seconds"
fi
csv=$dir/customers.csv
if [ ! -f "$csv" ]; then
	"$gen" csv customers $C "$csv.part"
	mv "$csv.part" "$csv"
fi
build_s=$(cat "$dir/build-seconds" 2>/dev/null || echo "?")

# A scratch copy: the write timings add rows, the cached shop stays as built.
work=$dir/work.db
rm -f "$work" "$work-wal" "$work-shm" "$work-journal"
cp "$shop" "$work"

echo "bench: first screen…" >&2
printf '<Dump>\n' > "$dir/first.keys"
first=$(DESK4S_KEYS="$dir/first.keys" DESK4S_DUMP=/dev/null LINES=24 COLUMNS=80 TERM=xterm-256color \
	"$bench" time 20 "$bin" --db "$work")
set -- $first
first_med=$1 first_rss=$3

echo "bench: lookups ($N of each kind)…" >&2
"$bench" lookups "$work" $C $N > "$dir/lookups.txt"
echo "bench: writes ($NW of each)…" >&2
"$bench" writes "$work" $C $NW > "$dir/writes.txt"

echo "bench: due list…" >&2
due_from=2026-11-01 due_to=2026-11-30
if "$bin" --db "$work" due --from $due_from --to $due_to --format csv > "$dir/due.csv" 2>/dev/null; then
	set -- $("$bench" time 3 "$bin" --db "$work" due --from $due_from --to $due_to --format csv --out "$dir/due.csv" 2>/dev/null)
	due_med=$1 due_rss=$3 due_how="desk4s due --format csv"
	due_tasks=$(( $(wc -l < "$dir/due.csv") - 1 ))
else
	"$bench" due "$work" $due_from $due_to 3 > "$dir/due.txt"
	due_med=$(awk '$1 == "due_med" { print $2 / 1000 }' "$dir/due.txt")
	due_tasks=$(val "$dir/due.txt" due_tasks) due_rss=0 due_how="due_list() in-process"
fi

echo "bench: import of $C customers…" >&2
imp=$dir/import.db
rm -f "$imp" "$imp-wal" "$imp-shm" "$imp-journal"
set -- $("$bench" time 1 "$bin" --db "$imp" import customers "$csv")
imp_s=$1 imp_rss=$3 imp_rc=$4
imp_rows=$(sqlite3 "$imp" "SELECT count(*) FROM customers")
set -- $("$bench" time 1 sqlite3 :memory: ".import --csv $csv t")
ref_imp_s=$1 ref_imp_rss=$3
# the floor under the import: SQLite alone storing what it stored
flo=$dir/floor.db
rm -f "$flo" "$flo-wal" "$flo-shm" "$flo-journal"
floor_s=$("$bench" floor "$imp" "$flo")

# the shop's repair orders into those customers' cars (the same generated
# data): years of history brought in after the customers
echo "bench: import of $W repair orders…" >&2
orders=$dir/workorders.csv
if [ ! -f "$orders" ]; then
	"$bin" --db "$shop" export workorders --out "$orders.part" 2>/dev/null
	mv "$orders.part" "$orders"
fi
set -- $("$bench" time 1 "$bin" --db "$imp" import workorders "$orders")
wo_s=$1 wo_rss=$3 wo_rc=$4
wo_rows=$(sqlite3 "$imp" "SELECT count(*) FROM workorders")
set -- $("$bench" time 1 sqlite3 :memory: ".import --csv $orders t")
ref_wo_s=$1

echo "bench: export…" >&2
set -- $("$bench" time 1 "$bin" --db "$work" export customers --out "$dir/export.csv" 2>/dev/null)
exp_s=$1 exp_rss=$3
sql=$("$bench" exportsql)
set -- $("$bench" time 1 sh -c 'exec sqlite3 -csv "$1" "$2" > "$3"' sh "$work" "$sql" "$dir/export-ref.csv")
ref_exp_s=$1
exp_rows=$(( $(wc -l < "$dir/export-ref.csv") ))

sqlite3 "$shop" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
shop_bytes=$(stat -c %s "$shop")
imp_bytes=$(stat -c %s "$imp")
peak=$(printf '%s\n' "$imp_rss" "$wo_rss" "$first_rss" "$exp_rss" "$due_rss" | sort -n | tail -1)

L=$dir/lookups.txt Wr=$dir/writes.txt
row_lookup() { # kind label
	sm=$(val $L search_$1_med) sp=$(val $L search_$1_p99)
	fm=$(val $L findcar_$1_med) fp=$(val $L findcar_$1_p99)
	rm_=$(val $L ref_$1_med) rp=$(val $L ref_$1_p99)
	echo "| lookup by $2: cust_search / wo_find_vehicles (median, p99) | $sm / $sp ms; $fm / $fp ms | $rm_ / $rp ms | $(ratio $sp $rp)× / $(ratio $fp $rp)× (p99) | p99 ≤ 5 ms: $(ok $sp 5 '<=') / $(ok $fp 5 '<=') |"
}
row_write() { # key label target
	m=$(val $Wr $1_med) p=$(val $Wr $1_p99)
	echo "| $2 (median, p99) | $m / $p ms | – | – | ≤ $3 ms: $(ok $p $3 '<=') |"
}
{
echo "desk4s benchmark ($mode: $C customers, $W repair orders, $V visits, $A A-cards)"
echo "$(date +%Y-%m-%d), $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, SQLite $(sqlite3 --version | cut -d' ' -f1)"
echo
echo "| measure | desk4s | reference (same run) | ratio | target |"
echo "|---|---|---|---|---|"
echo "| first screen, headless 80×24 (whole run of a \`<Dump>\` script, median of 20) | $(ms $first_med) | – | – | ≤ 100 ms: $(ok $first_med 0.1 '<=') |"
row_lookup mobile "mobile (11 digits)"
row_lookup plate "plate (whole)"
row_lookup vintail "VIN tail (6)"
row_lookup name "name prefix (2 characters)"
row_lookup landline "landline without its area code (as a local caller ID shows it)"
row_write save "save a new customer (rules, duplicate probe, insert, commit)" 10
row_write woopen "open a repair order (rules, insert, commit)" 10
row_write wocomplete "complete a repair order" 10
echo "| due list of the month ($due_tasks tasks; $due_how) | $(ms $due_med) | – | – | ≤ 300 ms: $(ok $due_med 0.3 '<=') |"
echo "| import $imp_rows of $C customers (\`desk4s import customers\`, empty database) | $(sec $imp_s) | \`sqlite3 :memory: .import --csv\`: $(sec $ref_imp_s) | $(ratio $ref_imp_s $imp_s) | ≥ 0.5: $(ok $(ratio $ref_imp_s $imp_s) 0.5 '>=') |"
echo "| the floor under it (\`bench floor\`): SQLite alone storing those customers and cars in the schema as a load in one go does — CHECKs, foreign keys, UNIQUE — without CSV, rules, probes, index builds, trigram index or due feed | $(sec $floor_s) | \`sqlite3 :memory: .import --csv\` above: $(sec $ref_imp_s) | $(ratio $ref_imp_s $floor_s) | – |"
echo "| import $wo_rows of $W repair orders into those customers' cars (\`desk4s import workorders\`; in one go from 50,000 rows) | $(sec $wo_s) | \`sqlite3 :memory: .import --csv\`: $(sec $ref_wo_s) | $(ratio $ref_wo_s $wo_s) | – |"
echo "| export $exp_rows customers (\`desk4s export customers --out\`) | $(sec $exp_s) | \`sqlite3 -csv\` same SELECT: $(sec $ref_exp_s) | $(ratio $ref_exp_s $exp_s) | ≥ 0.5: $(ok $(ratio $ref_exp_s $exp_s) 0.5 '>=') |"
echo "| database size per customer: whole shop / imported customers only | $(awk -v b=$shop_bytes -v c=$C 'BEGIN { printf "%.0f B", b / c }') / $(awk -v b=$imp_bytes -v c=$C 'BEGIN { printf "%.0f B", b / c }') | – | – | – |"
echo "| peak memory (max RSS): import of customers / of orders / export / first screen / due list | $(mb $imp_rss) / $(mb $wo_rss) / $(mb $exp_rss) / $(mb $first_rss) / $(mb $due_rss) | \`sqlite3 .import\`: $(mb $ref_imp_rss) | – | ≤ 64 MB: $(ok $peak 65536 '<=') |"
echo
echo "Lookups: $N random customers per kind, 200 hits at most (as the lookup screen asks), warm page cache; the reference is the bare indexed query through SQLite in the same process, without desk4s's layers. Writes: $NW each on a copy of the shop. The shop took ${build_s} s to generate (cached); this run took $(( $(date +%s) - start )) s. Import exit status $imp_rc (customers), $wo_rc (orders)."
} | tee "$dir/table.md"
rm -f "$work" "$work-wal" "$work-shm" "$work-journal" "$imp" "$imp-wal" "$imp-shm" "$imp-journal" "$flo" "$flo-wal" "$flo-shm" "$flo-journal" "$dir/export.csv" "$dir/export-ref.csv" "$dir/due.csv"
