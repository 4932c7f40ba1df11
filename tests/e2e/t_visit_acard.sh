# A walk-in logged through a real terminal, turned into an A-card, a
# follow-up added (an empty one refused), reviewed as manager, closed as 成交
# into a customer registration through 潜客编号; the card ends linked to the
# customer.  The clock is pinned too (DESK4S_NOW), so arrival and card dates agree.
name=va
db=$E2E_TMP/$name.db
# the accounts: an administrator, and the manager 王五 who works the screens
printf 'admin-pass-1\n' | "$BIN" --db "$db" --password-fd 0 user add admin --role 管理员 >/dev/null 2>&1 ||
	fail "cannot create the administrator"
printf 'admin-pass-1\nwangwu-pass-1\n' |
	"$BIN" --db "$db" --user admin --password-fd 0 user add wangwu --role 经理 --name 王五 >/dev/null 2>&1 ||
	fail "cannot create the manager"
cat >"$E2E_TMP/$name.sh" <<EOS
"$BIN" --db "$db"
echo "desk4s-exit=\$?"
stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\n' ' '
echo
sleep 600
EOS
T new-session -d -s "$name" -x 100 -y 30 \
	"env LC_ALL=C.UTF-8 TERM=tmux-256color DESK4S_TODAY=2025-01-10 DESK4S_NOW='2025-01-10 09:30' sh $E2E_TMP/$name.sh"
wait_for va "登录名" || fail
type_text va wangwu; keys va Enter; type_text va wangwu-pass-1; keys va Enter
wait_for va "员工：王五（经理）" || fail
wait_for va "主菜单" || fail

# the walk-in: arrival stamped, source from its list, the mobile looked up
type_text va 2; wait_for va "来店(电)登记  2025-01-10" || fail
keys va F4; wait_for va "到店时间已填为现在" || fail
type_text va 张三; keys va Tab; type_text va "１３８００１３８０００"
wait_for va "手机号 13800138000：还没有客户档案或 A卡" || fail
tab va 3; type_text va 瑞虎8
keys va Tab; type_text va 网; wait_for va "筛选" || fail; keys va Enter
type_text va 王五; keys va Tab; type_text va 1; keys va Tab; type_text va 看了瑞虎8，关心油耗
keys va F2; wait_for va "已保存：到店 2025-01-10 09:30" || fail
keys va Escape; wait_for va "共 1 条  未离店 1 条" || fail

# one step to an A-card, the entry's data carried over
keys va F6; wait_for va "新建A卡（来自来店登记）" || fail
wait_for va "[看了瑞虎8，关心油耗" || fail
type_text va 男; tab va 20; type_text va B
wait_for va "下次回访计划 [2025-01-17]" || fail
keys va F2; wait_for va "以下重要项目尚未填写" || fail; type_text va S
wait_for va "已建 A卡 A20250110-0001（跟进中），下次回访 2025-01-17" || fail

# a follow-up: an empty one is refused, then the level moves the plan
keys va F5; wait_for va "A卡访问记录" || fail
type_text va 1; keys va Tab; keys va F2; wait_for va "未保存。必填项未填：访问记录。" || fail
type_text va 电话沟通，约周六试驾; keys va Tab; type_text va 价格偏高; keys va Tab; type_text va H
keys va F2; wait_for va "已添加 2025-01-10 的访问记录；意向级别 H，下次回访 2025-01-12" || fail
wait_for va "访问记录（1 条）" || fail

# the manager signs it
keys va F8; wait_for va "A卡主管审核" || fail
type_text va 同意跟进; keys va F2; wait_for va "已审核：" || fail

# 成交: the customer sheet filled through 潜客编号
keys va F6; wait_for va "记为成交" || fail; type_text va Y
wait_for va "已从 A卡 A20250110-0001 带出资料" || fail
wait_for va "[A20250110-0001]" || fail
tab va 2; type_text va 自; wait_for va "自来" || fail; keys va Enter
tab va 3; type_text va 110105198001010016
tab va 21; type_text va 浙; wait_for va "浙江省" || fail; keys va Enter
wait_for va "选择城市" || fail; type_text va 杭州; keys va Enter
wait_for va "选择区县" || fail; type_text va 西湖; keys va Enter
type_text va 文三路100号
tab va 2; type_text va 2
keys va F2; wait_for va "以下重要项目尚未填写" || fail; type_text va S
wait_for va "已保存：客户编号 C00000001" || fail
keys va Escape; wait_for va "A卡 A20250110-0001  成交" || fail
keys va Escape; wait_for va "已转为 A卡 A20250110-0001" || fail
keys va Escape; wait_for va "主菜单" || fail

# the manager's overview: the closed card left the active counts
type_text va 6; wait_for va "A卡总览（经理）" || fail
wait_for va "共 0 张" || fail
keys va Escape; wait_for va "主菜单" || fail
keys va F10; wait_for va "desk4s-exit=0" || fail; wait_for va "icanon echo" || fail
[ "$(sqlite3 "$db" "SELECT status || '/' || customer_id FROM acards")" = "成交/1" ] || fail "card not linked"
[ "$(sqlite3 "$db" "SELECT prospect_no FROM customers")" = "A20250110-0001" ] || fail "no 潜客编号"
