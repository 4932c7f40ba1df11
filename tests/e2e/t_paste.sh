# Bracketed paste through a real terminal (tmux marks what paste-buffer -p
# pastes): a pasted note's line breaks and Tab stay in its field, as
# spaces between Latin words and as nothing beside Chinese text.  A paste whose end mark never came (split over a slow link, its
# pieces taken apart as an unknown sequence) is over once the terminal has
# been quiet a second: Tab and Enter move on again, where they had stayed
# spaces for the rest of the session.

start paste
type_text paste 2; wait_for paste "desk4s │ 来店(电)登记" || fail
keys paste F4; wait_for paste "来店(电)客户信息登记表" || fail
printf '想要白色\r\n周末再来\n\n预算\t15万' >"$E2E_TMP/note.txt"
T load-buffer -b note "$E2E_TMP/note.txt"
T paste-buffer -p -b note -t paste
# 客户名称 has the cursor; the end of the pasted note shows
wait_for paste "<末再来预算 15万 ]" || fail
screen paste | grep -qF "手机号     [             ]" || fail "the paste spilled into 手机号"
keys paste C-u; wait_for paste "客户名称   [                ]" || fail
# the start mark alone: nothing ends this paste
type_text paste "$(printf '\033[200~')李四"
wait_for paste "[李四" || fail
sleep 1.5
keys paste Tab; type_text paste 13800138000
wait_for paste "[13800138000" || fail
screen paste | grep -qF "李四 13800138000" && fail "Tab was a space after the paste"
keys paste Escape; wait_for paste "放弃" || fail
type_text paste y; wait_for paste "desk4s │ 来店(电)登记" || fail
keys paste Escape; wait_for paste "请选择" || fail
quit_ok paste || fail
