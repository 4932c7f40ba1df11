# A repair order through a real terminal, Chinese typed with send-keys -l:
# a customer imported without 客户性质/分类/来源/address is blocked until the
# sheet (opened on exactly those fields) is saved; the one important prompt
# comes on opening and again on completing, then 完工时间 (now, accepted with
# Enter); three days later the callback task is on the due list.  Date and
# time are pinned (DESK4S_TODAY/NOW).

# start_at NAME TODAY NOW [COLS ROWS]: like start, with the clock pinned.
start_at() {
	name=$1 cols=${4:-100} rows=${5:-30}
	db=$E2E_TMP/wo.db
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

# imp KIND FILE: the batch import, logged in as 王经理 (the accounts of lib.sh)
imp() {
	accounts "$E2E_TMP/wo.db" || return 1
	printf 'Wang-pass-1\n' | "$BIN" --db "$E2E_TMP/wo.db" --user wang --password-fd 0 import "$1" "$2" >/dev/null
}

printf 'name,mobile,vin,plate\n李四,13912345678,LSVAB218XN2123456,浙A12345\n' >"$E2E_TMP/legacy.csv"
imp customers "$E2E_TMP/legacy.csv" || fail "import failed"

start_at wo 2025-01-10 "2025-01-10 09:00"
type_text wo 4; wait_for wo "维修工单 · 在修" || fail
keys wo F4; wait_for wo "找车：" || fail
type_text wo 浙A1; wait_for wo "档案不全" || fail
keys wo Enter
wait_for wo "开工单前须补全客户档案（旧档案或导入的客户）：客户性质、客户分类、客户来源" || fail
# leaving without filling them: no order
keys wo Escape; wait_for wo "未开工单：客户李四（C00000001）的必填项尚未补全" || fail
keys wo Enter; wait_for wo "开工单前须补全客户档案" || fail
# Tab moves among the missing fields only: 性质, 分类, 来源, then the region
type_text wo 1; keys wo Tab
type_text wo 1; wait_for wo "筛选" || fail; keys wo Enter
type_text wo 自; wait_for wo "自来" || fail; keys wo Enter
type_text wo 浙; wait_for wo "浙江省" || fail; keys wo Enter
wait_for wo "选择城市" || fail; type_text wo 杭州; keys wo Enter
wait_for wo "选择区县" || fail; type_text wo 西湖; keys wo Enter
wait_for wo "西湖区" || fail
type_text wo "文三路100号"
keys wo F2; wait_for wo "必填项未填：性别" || fail
type_text wo 男; keys wo F2
wait_for wo "该车第一次开工单" || fail
wait_for wo "[LSVAB218XN2123456]" || fail
# the order: mileage, work type from its list, complaint, promised time
type_text wo 12000; tab wo 2
type_text wo 1; wait_for wo "1 保养" || fail; keys wo Enter
type_text wo "保养到期，左前轮异响"
tab wo 2; type_text wo "2025-01-10 17:00"
keys wo F2
wait_for wo "以下重要项目尚未填写" || fail
wait_for wo "客户档案：出生日期、职业特性、兴趣爱好" || fail
wait_for wo "工单：维修项目" || fail
type_text wo S
wait_for wo "已开单：工单号 WO20250110-0001。" || fail
keys wo F5
wait_for wo "S 仍然完工" || fail
wait_for wo "工单：维修项目" || fail
type_text wo S
# then 完工时间, now filled in: Enter takes it
wait_for wo "*完工时间 [2025-01-10 09:00]" || fail
wait_for wo "完工时间已填为现在" || fail
keys wo Enter
wait_for wo "维修回访任务 2025-01-13 到期" || fail
keys wo Escape; wait_for wo "在修 0 张" || fail
keys wo Tab; wait_for wo "WO20250110-0001 浙A12345  李四" || fail
keys wo Escape; wait_for wo "主菜单" || fail
quit_ok wo || fail
T kill-session -t wo

# three days later: the callback task
start_at wo2 2025-01-13 "2025-01-13 10:00"
type_text wo2 5; wait_for wo2 "回访到期清单" || fail
wait_for wo2 "2025-01-13      维修回访 李四" || fail
keys wo2 Escape; wait_for wo2 "主菜单" || fail
quit_ok wo2 || fail
