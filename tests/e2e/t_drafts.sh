# A dropped connection keeps unsaved sheets as drafts.  Chinese with commas
# and quotes typed into a new customer sheet survives SIGHUP, is offered at
# the next login, comes back on the sheet unsaved and is stored by the
# normal save.  Then the terminal itself goes away (the tmux session is
# killed) with an existing customer's address changed: only that change is
# kept, and throwing the draft away leaves the customer as stored.
q() { sqlite3 "$E2E_TMP/drf.db" "$1"; }
gone() { # wait until process $1 has ended
	n=0
	while kill -0 "$1" 2>/dev/null; do
		n=$((n + 1)); [ $n -lt 100 ] || return 1
		sleep 0.05
	done
}
NAME='张三,"小张"'
ADDR='文三路100号,2单元"东"'

start drf
type_text drf 1; wait_for drf "客户档案登记表" || fail
type_text drf 1; keys drf Enter
type_text drf 1; wait_for drf "筛选" || fail; keys drf Enter
type_text drf 自; wait_for drf "自来" || fail; keys drf Enter
type_text drf "$NAME"
keys drf Tab; type_text drf 男
wait_for drf "■男" || fail
tab drf 12; type_text drf "13800138000"
tab drf 11; type_text drf 浙; wait_for drf "浙江省" || fail; keys drf Enter
wait_for drf "选择城市" || fail; type_text drf 杭州; keys drf Enter
wait_for drf "选择区县" || fail; type_text drf 西湖; keys drf Enter
wait_for drf "西湖区" || fail
type_text drf "$ADDR"
wait_for drf '[文三路100号,2单元"东"' || fail
# the connection drops: SIGHUP, the status of a death by SIGHUP
kill -HUP "$(pid_of drf)"
wait_for drf "desk4s-exit=129" || fail "no exit after SIGHUP"
wait_for drf "icanon echo" || fail "terminal not restored after SIGHUP"
screen drf | grep -qF "1 份未保存的登记表已保留为草稿" || fail "no word about the draft"
[ "$(q "SELECT count(*) FROM customers")" = 0 ] || fail "the customer was saved, not kept as a draft"
[ "$(q "SELECT staff || '|' || form || '|' || coalesce(record_id, 'new') FROM drafts")" = "wang|customer|new" ] ||
	fail "drafts: $(q "SELECT staff, form, record_id FROM drafts")"
q "SELECT data FROM drafts" | grep -qxF "name=$NAME" || fail "draft data: $(q "SELECT data FROM drafts")"
q "SELECT data FROM drafts" | grep -qxF "address=$ADDR" || fail "draft data: $(q "SELECT data FROM drafts")"
[ "$(q "SELECT count(*) FROM audit_log WHERE action = '保留草稿' AND staff = 'wang'")" = 1 ] || fail "not logged"
T kill-session -t drf

# the next login offers it, at 80x24
launch drf 80 24
wait_for drf "登录名" || fail
login drf wang Wang-pass-1
wait_for drf "未保存的草稿" || fail "no draft offered"
wait_for drf "客户档案登记表   新建" || fail
wait_for drf "$NAME" || fail
wait_for drf "Enter 恢复  Del 放弃  Esc 稍后" || fail
keys drf Enter
wait_for drf "已恢复" || fail "not restored"
wait_for drf "新建客户" || fail
wait_for drf "[$NAME" || fail "the name is not back on the sheet"
wait_for drf "■男" || fail
wait_for drf "[13800138000" || fail
# unsaved: Esc asks first; N goes back to the sheet
keys drf Escape; wait_for drf "恢复的草稿" || fail "leaving did not ask"
type_text drf N; wait_gone drf "放弃这些修改" || fail
# further down the sheet: the region and the address
tab drf 30
wait_for drf '[文三路100号,2单元"东"' || fail "the address is not back"
wait_for drf "西湖区" || fail
# the normal save, with its important prompt
keys drf F2
wait_for drf "以下重要项目尚未填写" || fail
type_text drf S
wait_for drf "已保存：客户编号 C" || fail
[ "$(q "SELECT name || '|' || address || '|' || mobile FROM customers")" = "$NAME|$ADDR|13800138000" ] ||
	fail "stored: $(q "SELECT name, address, mobile FROM customers")"
[ "$(q "SELECT count(*) FROM drafts")" = 0 ] || fail "the draft is still there after the save"
[ "$(q "SELECT count(*) FROM audit_log WHERE action = '恢复草稿'")" = 1 ] || fail "restore not logged"
keys drf Escape; wait_for drf "草稿已全部处理" || fail
wait_for drf "主菜单" || fail

# an existing customer: the address changed, then the terminal is gone
type_text drf 0; wait_for drf "查找客户" || fail
type_text drf 8000; wait_for drf "张三" || fail
keys drf Enter; wait_for drf "修改  客户编号 C" || fail
tab drf 30; keys drf End; type_text drf "3楼"
wait_for drf '2单元"东"3楼' || fail
pid=$(pid_of drf)
T kill-session -t drf
gone "$pid" || fail "still running after its terminal went away"
[ "$(q "SELECT form || '|' || record_id FROM drafts")" = "customer|$(q "SELECT id FROM customers")" ] ||
	fail "drafts: $(q "SELECT form, record_id FROM drafts")"
# only the change is kept: restoring it later undoes nobody else's work
[ "$(q "SELECT data FROM drafts" | grep -c '^[a-z_]*=')" = 1 ] || fail "more than the change kept: $(q "SELECT data FROM drafts")"
q "SELECT data FROM drafts" | grep -qxF "address=${ADDR}3楼" || fail "draft data: $(q "SELECT data FROM drafts")"
[ "$(q "SELECT address FROM customers")" = "$ADDR" ] || fail "the change reached the customer"

# thrown away: Del, confirmed
launch drf 80 24
wait_for drf "登录名" || fail
login drf wang Wang-pass-1
wait_for drf "客户档案登记表   修改" || fail
wait_for drf "C00000001" || fail
keys drf DC; wait_for drf "放弃这份草稿吗" || fail
type_text drf Y
wait_for drf "已放弃草稿：客户档案登记表" || fail
wait_for drf "主菜单" || fail
[ "$(q "SELECT count(*) FROM drafts")" = 0 ] || fail "the draft is still there"
[ "$(q "SELECT count(*) FROM audit_log WHERE action = '放弃草稿' AND customer_no = 'C00000001'")" = 1 ] ||
	fail "discard not logged"
[ "$(q "SELECT address FROM customers")" = "$ADDR" ] || fail "the customer changed"
quit_ok drf || fail
