# Who sits at the desk, through a real terminal: the first start creates the
# administrator (a Chinese name typed, the password shown as stars, never
# as text), the status line names the staff member and role; a manager's
# open session ends at the next action once the account is disabled from
# the command line, and the login screen says why.
"$BIN" --db "$E2E_TMP/first.db" check >/dev/null || fail "cannot create first.db"
launch first
wait_for first "首次启动：创建管理员账号" || fail
type_text first admin; keys first Tab; type_text first "欧阳管理"; keys first Tab
type_text first "Secret-123"
wait_for first "密码：[**********" || fail
screen first | grep -q "Secret" && fail "the password is on the screen"
keys first Tab; type_text first "Secret-124"; keys first Enter
wait_for first "两次输入的密码不一致" || fail
type_text first "Secret-123"; keys first Tab; type_text first "Secret-123"; keys first Enter
wait_for first "员工：欧阳管理（管理员）" || fail
type_text first 9; wait_for first "您的角色：管理员" || fail
wait_for first "查看使用日志      —        —        —        ✓        ✓" || fail
keys first Escape; wait_for first "主菜单" || fail
quit_ok first || fail

start ses
wait_for ses "员工：王经理（经理）" || fail
printf 'Admin-pass-1\n' | "$BIN" --db "$E2E_TMP/ses.db" --user admin --password-fd 0 user disable wang \
	>/dev/null || fail "user disable failed"
# the screen still shows the session; the next action reads the account again
type_text ses 0
wait_for ses "账号 wang 已停用，会话已结束；如需继续使用，请联系管理员启用" || fail
wait_for ses "员工：未登录" || fail
login ses wang Wang-pass-1
wait_for ses "账号 wang 已停用，不能登录" || fail
keys ses F10
wait_for ses "desk4s-exit=0" || fail
wait_for ses "icanon echo" || fail
