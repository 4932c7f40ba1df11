# The due list through a real terminal: an overdue callback marked, its
# columns laid out again when the window is resized, a task closed with a
# result typed in Chinese, another customer's reminders stopped with a
# reason; the list read again after each.

start_at() {
	name=$1 cols=${4:-100} rows=${5:-30}
	db=$E2E_TMP/due.db
	cat >"$E2E_TMP/$name.sh" <<EOS
sh -c 'echo \$\$ > "$E2E_TMP/$name.pid"; exec "$BIN" --db "$db"'
echo "desk4s-exit=\$?"
stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '
echo
sleep 600
EOS
	T new-session -d -s "$name" -x "$cols" -y "$rows" \
		"env LC_ALL=C.UTF-8 TERM=tmux-256color DESK4S_TODAY=$2 DESK4S_NOW='$3' sh $E2E_TMP/$name.sh"
	wait_for "$name" "登录名" || return 1
	login "$name" wang Wang-pass-1
	wait_for "$name" "主菜单"
}

# imp KIND FILE: the batch import, logged in as 王经理 (the accounts of lib.sh),
# on the day the list is read (an import drops tasks that expired over a
# year before its day)
imp() {
	accounts "$E2E_TMP/due.db" || return 1
	printf 'Wang-pass-1\n' | DESK4S_TODAY=2025-01-12 DESK4S_NOW='2025-01-12 09:00' \
		"$BIN" --db "$E2E_TMP/due.db" --user wang --password-fd 0 import "$1" "$2" >/dev/null
}

cat >"$E2E_TMP/c.csv" <<'EOC'
name,mobile,vin,plate,nature,category,source,sex,province,city,district,address
王五,13800001111,LFV2A21K4C3000001,浙A00001,个人,个人,自来,男,330000,330100,330106,文一路1号
赵六,13800002222,LFV2A21K6C3000002,浙A00002,个人,个人,自来,女,330000,330100,330106,文一路2号
EOC
cat >"$E2E_TMP/w.csv" <<'EOC'
vin,advisor,mileage,work_type,complaint,items,promised_at,status,opened_at,completed_at
LFV2A21K4C3000001,张工,30000,保养,常规保养,换机油,2025-01-05 17:00,已完工,2025-01-05 09:00,2025-01-05 16:00
LFV2A21K6C3000002,陈工,8000,一般维修,刹车异响,换刹车片,2025-01-09 17:00,已完工,2025-01-09 09:00,2025-01-09 15:00
EOC
imp customers "$E2E_TMP/c.csv" || fail "import customers"
imp workorders "$E2E_TMP/w.csv" || fail "import workorders"

start_at due 2025-01-12 "2025-01-12 10:00" 80 24
type_text due 5; wait_for due "共 2 条  逾期 1 条" || fail
# at 80 columns the kind is said short and the reason cut with "…"; a
# wider window gives the kind its name and the reason its room
wait_for due "> 2025-01-08 4天  维修 王五     13800001111 浙A00001 张工   维修/保养后3天内回…" || fail
T resize-window -t due -x 160 -y 50
wait_for due "> 2025-01-08 4天  维修回访 王五     13800001111 浙A00001 张工   维修/保养后3天内回访（工单 WO20250105-0001，保养）" || fail
T resize-window -t due -x 80 -y 24
wait_for due "> 2025-01-08 4天  维修 王五" || fail
# close 王五's with a result and what was said
keys due Enter; wait_for due "记录回访结果" || fail
type_text due 1; keys due Tab; type_text due "客户满意，提醒下次保养"
wait_for due "[客户满意，提醒下次保养" || fail
keys due F2; wait_for due "已记录：王五的维修回访 — 已联系。" || fail
wait_for due "共 1 条  逾期 0 条" || fail
# stop reminding 赵六 of repair callbacks (not the same as closing one)
keys due F6; wait_for due "以后不再提醒该客户的维修回访" || fail
type_text due "客户要求不再回访"; keys due F2
wait_for due "已停止提醒：赵六（C00000002）的维修回访。原因：客户要求不再回访" || fail
wait_for due "没有到期的回访。" || fail
keys due Escape; wait_for due "主菜单" || fail
quit_ok due || fail
