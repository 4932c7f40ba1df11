#!/bin/sh
# faults.sh BUILD — crashes and a full disk (make faults).
#
#  1. kill -9 at a random moment of `desk4s import customers` (IMPORT_TRIALS,
#     default 30): integrity_check ok, the customers in are whole batches
#     (5,000 rows) matching the import's progress row, and the re-run of the
#     same command completes with every row exactly once.
#  2. kill -9 during saves of customers and during opening/completing of
#     repair orders (SAVE_TRIALS, WO_TRIALS, default 15 each): integrity ok,
#     nothing half-written (a customer without its car or its usage-log
#     entry, a completed order whose customer's 最近交易日期 was not moved,
#     an entry missing from the usage log), the hash chain verifies, and a
#     re-run completes.
#  3. A full disk (a 6 MB tmpfs; needs root): the import fails with a message
#     naming the disk, exit status 3, and the database is intact; a file
#     loaded in one go (60,000 rows into an empty database) leaves nothing
#     in and every index and trigger as it was.
#  4. A dropped connection with unsaved changes (SIGHUP, then the terminal
#     gone without a signal): the typed customer is kept in drafts for the
#     staff member, the database intact, the usage log verifying.
# Exit status 0 when every check passed.
set -u
B=${1:-build}
bin=$B/desk4s
gen=$B/bench/gen
bench=$B/bench/bench
dir=$B/faults
IMPORT_TRIALS=${IMPORT_TRIALS:-30}
SAVE_TRIALS=${SAVE_TRIALS:-15}
WO_TRIALS=${WO_TRIALS:-15}
ROWS=${FAULT_ROWS:-20000}
export LC_ALL=C.UTF-8
rm -rf "$dir"
mkdir -p "$dir"
fail=0
bad() { echo "faults: FAIL: $*"; fail=1; }
q() { sqlite3 "$1" "$2"; }
# a random delay in seconds with millisecond steps, below $1 seconds
rnd_delay() { awk -v max="$1" -v s="$(od -An -N4 -tu4 /dev/urandom)" 'BEGIN { srand(s); printf "%.3f", rand() * max }'; }
# a load in one go killed alone in the file leaves its journal: never beside another file of that name
rm_db() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }

"$gen" csv customers "$ROWS" "$dir/customers.csv" || exit 3
# how long a whole import takes, to aim the kills inside it
db=$dir/probe.db
t0=$(date +%s%N)
"$bin" --db "$db" import customers "$dir/customers.csv" > /dev/null || bad "the import of the test file failed"
full_s=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
echo "faults: a whole import of $ROWS customers takes $full_s s"
rm_db "$db"

# ---- 1. kill -9 during an import ----------------------------------------
killed=0 midway=0 early=0
i=0
while [ $i -lt "$IMPORT_TRIALS" ]; do
	i=$((i + 1))
	db=$dir/import-$i.db
	rm_db "$db"
	delay=$(rnd_delay "$full_s")
	"$bin" --db "$db" import customers "$dir/customers.csv" > "$dir/import-$i.out" 2>&1 &
	pid=$!
	sleep "$delay"
	if kill -9 $pid 2>/dev/null; then killed=$((killed + 1)); fi
	wait $pid 2>/dev/null
	[ -f "$db" ] || continue
	ic=$(q "$db" "PRAGMA integrity_check")
	[ "$ic" = ok ] || bad "import trial $i (kill after $delay s): integrity_check: $ic"
	# killed before the new database's schema committed: the file holds no
	# table at all (the schema is one transaction, never part of it)
	tables=$(q "$db" "SELECT count(*) FROM sqlite_master")
	has_customers=$(q "$db" "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'customers'")
	if [ "$has_customers" = 0 ]; then
		[ "$tables" = 0 ] || bad "import trial $i (kill after $delay s): a schema in part ($tables objects, no customers table)"
		early=$((early + 1))
	else
		n=$(q "$db" "SELECT count(*) FROM customers")
		done_rows=$(q "$db" "SELECT coalesce(max(rows_done),0) FROM import_runs")
		if [ "$n" -ne "$ROWS" ] && [ $((n % 5000)) -ne 0 ]; then
			bad "import trial $i: $n customers after the kill: not whole batches of 5000"
		fi
		[ "$n" = "$done_rows" ] || bad "import trial $i: $n customers but the progress row says $done_rows"
		[ "$n" -gt 0 ] && [ "$n" -lt "$ROWS" ] && midway=$((midway + 1))
		# nothing half-written: every customer has its car and its log entry
		orphans=$(q "$db" "SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.customer_id = c.id)")
		[ "$orphans" = 0 ] || bad "import trial $i: $orphans customers without their car"
	fi
	# the re-run continues after the last committed batch
	"$bin" --db "$db" import customers "$dir/customers.csv" > "$dir/rerun-$i.out" 2>&1 ||
		bad "import trial $i: the re-run failed: $(cat "$dir/rerun-$i.out")"
	n2=$(q "$db" "SELECT count(*) FROM customers")
	dup=$(q "$db" "SELECT count(*) FROM (SELECT mobile FROM customers GROUP BY mobile HAVING count(*) > 1)")
	[ "$n2" = "$ROWS" ] || bad "import trial $i: $n2 customers after the re-run, not $ROWS"
	[ "$dup" = 0 ] || bad "import trial $i: $dup customers twice after the re-run"
	"$bin" --db "$db" audit verify > /dev/null 2>&1 || bad "import trial $i: the usage log does not verify"
	[ $fail = 0 ] && rm_db "$db"
done
echo "faults: import: $IMPORT_TRIALS trials, $killed killed while running ($midway with part of the file in, $early before the schema), all checked"

# A file changed after an import (another fingerprint) is a new import:
# rows whose ID number or VIN is already stored are refused as duplicates,
# rows with neither are refused when a customer has the same name and mobile.
db=$dir/changed.db
rm_db "$db"
"$bin" --db "$db" import customers "$dir/customers.csv" > /dev/null 2>&1
{ cat "$dir/customers.csv"; } > "$dir/changed.csv"
"$gen" csv customers 1 "$dir/one.csv" --first "$ROWS"
tail -n 1 "$dir/one.csv" >> "$dir/changed.csv"
"$bin" --db "$db" import customers "$dir/changed.csv" > "$dir/changed.out" 2>&1
again=$(( $(q "$db" "SELECT count(*) FROM customers") - ROWS - 1 ))
noid=$(awk -F, 'NR == 1 { for (k = 1; k <= NF; k++) { if ($k == "身份证号码") a = k; if ($k == "车辆底盘号(VIN)") b = k }; next }
	$a == "" && $b == ""' "$dir/customers.csv" | wc -l)
echo "faults: the same rows in a changed file: $again stored again (rows without ID number and VIN in the file: $noid)"
[ "$again" = 0 ] || bad "a changed file stored $again of its rows a second time"
# rows with neither, as an old spreadsheet has them: known by name and
# mobile, refused as the same customer again
rm_db "$db"
printf '姓名/单位名称,手机号\n张三,13800138000\n李四,13900139000\n' > "$dir/legacy.csv"
"$bin" --db "$db" import customers "$dir/legacy.csv" > /dev/null 2>&1
printf '王五,13700137000\n' >> "$dir/legacy.csv"
"$bin" --db "$db" import customers "$dir/legacy.csv" > /dev/null 2>&1
n=$(q "$db" "SELECT count(*) FROM customers")
echo "faults: a 2-row file without ID numbers or VINs, imported, then changed (a row appended) and imported again: $n customers"
[ "$n" = 3 ] || bad "the old rows of a changed file without ID numbers or VINs were stored again ($n customers, 3 expected)"

# ---- 2. kill -9 during saves and completions ------------------------------
shop=$dir/shop.db
"$gen" db "$shop" --customers 2000 --orders 6000 --visits 4000 --acards 1000 2>/dev/null || exit 3
# how long 200 of each take, to aim the kills
for mode in save wo; do
	t0=$(date +%s%N)
	"$bench" writes "$shop" 2000 200 $mode > /dev/null || bad "writes ($mode) failed before any kill"
	span=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
	trials=$SAVE_TRIALS
	[ $mode = wo ] && trials=$WO_TRIALS
	i=0 killed=0
	while [ $i -lt "$trials" ]; do
		i=$((i + 1))
		"$bench" writes "$shop" 2000 200 $mode > /dev/null 2>&1 &
		pid=$!
		sleep "$(rnd_delay "$span")"
		if kill -9 $pid 2>/dev/null; then killed=$((killed + 1)); fi
		wait $pid 2>/dev/null
		ic=$(q "$shop" "PRAGMA integrity_check")
		[ "$ic" = ok ] || bad "$mode trial $i: integrity_check: $ic"
		half=$(q "$shop" "SELECT
			(SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM vehicles v WHERE v.customer_id = c.id))
			+ (SELECT count(*) FROM customers c WHERE c.created_by = 'bench' AND NOT EXISTS
			     (SELECT 1 FROM audit_log a WHERE a.action = '新建客户' AND a.customer_no = c.cust_no))
			+ (SELECT count(*) FROM workorders w JOIN customers c ON c.id = w.customer_id
			     WHERE w.status = '已完工' AND (c.last_deal_date IS NULL OR c.last_deal_date < substr(w.completed_at, 1, 10)))
			+ (SELECT count(*) FROM workorders w WHERE w.wo_no LIKE 'WO' || strftime('%Y%m%d', 'now', 'localtime') || '%'
			     AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = '开工单' AND a.detail LIKE '工单 ' || w.wo_no || '%'))
			+ (SELECT count(*) FROM workorders w WHERE w.status = '已完工' AND w.wo_no LIKE 'WO' || strftime('%Y%m%d', 'now', 'localtime') || '%'
			     AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = '工单完工' AND a.detail = '工单 ' || w.wo_no || ' 完工'))")
		[ "$half" = 0 ] || bad "$mode trial $i: $half records half written"
		"$bin" --db "$shop" audit verify > /dev/null 2>&1 || bad "$mode trial $i: the usage log does not verify"
		# the re-run: the same work again, to its end
		"$bench" writes "$shop" 2000 20 $mode > /dev/null || bad "$mode trial $i: the re-run failed"
	done
	echo "faults: $mode: $trials trials, $killed killed while running, all checked"
done

# ---- 3. a full disk ----------------------------------------------------------
mnt=$dir/full
mkdir -p "$mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=6m desk4s-faults "$mnt" 2>/dev/null; then
	db=$mnt/full.db
	"$bin" --db "$db" import customers "$dir/customers.csv" > "$dir/full.out" 2> "$dir/full.err"
	rc=$?
	msg=$(head -n 1 "$dir/full.err")
	echo "faults: full disk: exit status $rc, message: $msg"
	[ $rc = 3 ] || bad "full disk: exit status $rc, not 3"
	case $msg in *磁盘已满*"$db"*|*磁盘已满*"$mnt"*) ;; *) bad "full disk: the message does not say the disk is full and where" ;; esac
	ic=$("$bin" --db "$db" check 2>&1)
	echo "faults: full disk: afterwards: $ic"
	[ "$(q "$db" "PRAGMA integrity_check" 2>&1)" = ok ] || bad "full disk: integrity_check fails"
	n=$(q "$db" "SELECT count(*) FROM customers")
	[ $((n % 5000)) = 0 ] || bad "full disk: $n customers, not whole batches"
	# saves on the full disk: the first ones may still fit in the WAL's
	# pages; saving on until one fails, it must fail whole, saying why
	before=$(q "$db" "SELECT count(*) FROM customers")
	"$bench" writes "$db" "$ROWS" 5000 save > /dev/null 2> "$dir/fullsave.err"
	rc=$?
	msg=$(head -n 1 "$dir/fullsave.err")
	after=$(q "$db" "SELECT count(*) FROM customers")
	echo "faults: full disk: saving customers: $((after - before)) saved, then exit status $rc: $msg"
	[ $rc = 3 ] || bad "full disk: saving went on with the disk full (exit status $rc)"
	case $msg in *磁盘已满*) ;; *) bad "full disk: the failed save does not say the disk is full" ;; esac
	[ "$(q "$db" "PRAGMA integrity_check" 2>&1)" = ok ] || bad "full disk: integrity_check fails after the saves"
	[ "$(q "$db" "SELECT count(*) FROM customers WHERE id NOT IN (SELECT customer_id FROM vehicles)")" = 0 ] ||
		bad "full disk: a customer was saved without the car of the same save"
	# a file large enough to be loaded in one go (import.h: IMP_BULK_MIN_ROWS)
	# into an empty database on the full disk: nothing in, every index back
	rm_db "$db"
	"$bin" --db "$db" check > /dev/null 2>&1
	objects="SELECT count(*) || ' ' || group_concat(name, ' ') FROM (SELECT name FROM sqlite_master ORDER BY name)"
	schema=$(q "$db" "$objects")
	"$gen" csv customers 60000 "$dir/bulk.csv" || exit 3
	"$bin" --db "$db" import customers "$dir/bulk.csv" > "$dir/fullbulk.out" 2> "$dir/fullbulk.err"
	rc=$?
	# it was alone in the file (st_bulk_alone) and rolled back itself: no
	# journal left for the next opener to find (before any opener runs)
	[ ! -e "$db-journal" ] || bad "full disk, bulk: the rollback journal is left"
	msg=$(head -n 1 "$dir/fullbulk.err")
	echo "faults: full disk, a load in one go: exit status $rc, message: $msg"
	[ $rc = 3 ] || bad "full disk, bulk: exit status $rc, not 3"
	case $msg in *磁盘已满*) ;; *) bad "full disk, bulk: the message does not say the disk is full" ;; esac
	grep -q "已全部撤销" "$dir/fullbulk.err" || bad "full disk, bulk: the message does not say nothing was kept"
	echo "faults: full disk, a load in one go: $(sed -n 2p "$dir/fullbulk.err")"
	[ "$(q "$db" "PRAGMA integrity_check" 2>&1)" = ok ] || bad "full disk, bulk: integrity_check fails"
	[ "$(q "$db" "SELECT count(*) FROM customers")" = 0 ] || bad "full disk, bulk: customers are in"
	[ "$(q "$db" "$objects")" = "$schema" ] || bad "full disk, bulk: the schema is not as it was"
	[ "$(q "$db" "PRAGMA journal_mode")" = wal ] || bad "full disk, bulk: the database is not in WAL again"
	umount "$mnt"
else
	echo "faults: full disk: skipped (needs root to mount a small tmpfs)"
fi

# ---- 4. SIGHUP with unsaved changes ---------------------------------------------
# The full-screen program on the shop in a real terminal (tmux), logged in:
# a new customer typed, then the connection drops — SIGHUP to the program,
# and then the terminal itself going away (the tmux session killed, no
# signal of our own).  Each time the typed values must be in drafts for the
# staff member, with the database intact and the usage log verifying.
if command -v tmux > /dev/null 2>&1; then
	sock=desk4s-faults-$$
	T() { tmux -u -L "$sock" "$@"; }
	abs_bin=$(cd "$(dirname "$bin")" && pwd)/desk4s
	abs_shop=$(cd "$(dirname "$shop")" && pwd)/$(basename "$shop")
	pidf=$(cd "$dir" && pwd)/hup.pid
	# waits for TEXT on the screen of session hup; 1 after 10 s
	on_screen() {
		n=0
		while [ $n -lt 200 ]; do
			T capture-pane -p -t hup 2>/dev/null | grep -qF -- "$1" && return 0
			sleep 0.05
			n=$((n + 1))
		done
		return 1
	}
	printf 'Admin-pass-1\n' | "$bin" --db "$shop" --password-fd 0 user add admin --role 管理员 \
		--name 管理员 > /dev/null 2>&1
	printf 'Admin-pass-1\nWang-pass-1\n' | "$bin" --db "$shop" --user admin --password-fd 0 \
		user add wang --role 经理 --name 王经理 > /dev/null 2>&1
	customers=$(q "$shop" "SELECT count(*) FROM customers")
	for how in sighup terminal; do
		name="赵六,\"$how\"" mobile=1391234567$([ $how = sighup ] && echo 1 || echo 2)
		rm -f "$pidf"
		T new-session -d -s hup -x 100 -y 30 "env LC_ALL=C.UTF-8 TERM=tmux-256color sh -c \
			'echo \$\$ > \"$pidf\"; exec \"$abs_bin\" --db \"$abs_shop\"'; echo desk4s-exit=\$?; sleep 60"
		on_screen "登录名" || { bad "drafts ($how): no login screen"; T kill-server; continue; }
		T send-keys -t hup -l wang; T send-keys -t hup Tab; T send-keys -t hup -l Wang-pass-1; T send-keys -t hup Enter
		on_screen "员工：王经理" || { bad "drafts ($how): not logged in"; T kill-server; continue; }
		# the draft kept by the previous round is offered first: later
		T capture-pane -p -t hup | grep -qF "未保存的草稿" && T send-keys -t hup Escape
		on_screen "主菜单" || { bad "drafts ($how): no menu"; T kill-server; continue; }
		T send-keys -t hup -l 1
		on_screen "客户档案登记表" || { bad "drafts ($how): no customer sheet"; T kill-server; continue; }
		T send-keys -t hup Tab Tab Tab; T send-keys -t hup -l "$name"
		i=0; while [ $i -lt 15 ]; do T send-keys -t hup Tab; i=$((i + 1)); done
		T send-keys -t hup -l "$mobile"
		on_screen "[$mobile" || bad "drafts ($how): the mobile did not show"
		pid=$(cat "$pidf")
		if [ $how = sighup ]; then
			kill -HUP "$pid"
			on_screen "desk4s-exit=129" || bad "drafts ($how): no exit status 129 after SIGHUP"
		fi
		T kill-server
		n=0; while kill -0 "$pid" 2>/dev/null && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
		kill -0 "$pid" 2>/dev/null && bad "drafts ($how): the program still runs"
		data=$(q "$shop" "SELECT data FROM drafts WHERE staff = 'wang' AND form = 'customer' AND record_id IS NULL"\
" ORDER BY id DESC LIMIT 1")
		printf '%s\n' "$data" | grep -qxF "name=$name" || bad "drafts ($how): the typed name is not in drafts: $data"
		printf '%s\n' "$data" | grep -qxF "mobile=$mobile" || bad "drafts ($how): the typed mobile is not in drafts: $data"
		# the previous round's draft, left for later, is kept beside this one
		[ "$(q "$shop" "SELECT count(*) FROM drafts")" = $([ $how = sighup ] && echo 1 || echo 2) ] ||
			bad "drafts ($how): not one draft per sheet hung up"
		[ "$(q "$shop" "SELECT count(*) FROM customers")" = "$customers" ] || bad "drafts ($how): a customer was stored"
		[ "$(q "$shop" "PRAGMA integrity_check")" = ok ] || bad "drafts ($how): integrity_check fails"
		"$bin" --db "$shop" audit verify > /dev/null 2>&1 || bad "drafts ($how): the usage log does not verify"
		[ -n "$data" ] && echo "faults: drafts: $how with a new customer typed: kept, $(printf '%s\n' "$data" | grep -c '^[a-z_]*=') fields ($(printf '%s\n' "$data" | grep '^name='))"
	done
	kept=$(q "$shop" "SELECT count(*) FROM audit_log WHERE action = '保留草稿' AND staff = 'wang'")
	[ "$kept" = 2 ] || bad "drafts: $kept 保留草稿 entries in the usage log, not 2"
else
	bad "drafts: tmux is not installed"
fi

[ $fail = 0 ] && echo "faults: every check passed"
exit $fail
