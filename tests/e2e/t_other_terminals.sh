# Keys as other clients send them under a TERM that does not describe them
# (PuTTY's defaults over SSH: Home ESC[1~, End ESC[4~, F2 ESC[12~; a key
# nobody binds, ESC[25~): each is its key or nothing, never Esc — "discard
# the changes?" — with "[4~" typed into the field after it.
E2E_TERM=xterm-256color start oth
type_text oth 1
wait_for oth "客户档案登记表" || fail
type_text oth 1; keys oth Enter
type_text oth 1; wait_for oth "筛选" || fail; keys oth Enter
type_text oth 自; wait_for oth "自来" || fail; keys oth Enter
type_text oth 张三
wait_for oth "张三" || fail
keys oth -H 1b 5b 31 7e; type_text oth 李
keys oth -H 1b 5b 34 7e; type_text oth 丰
keys oth -H 1b 5b 32 35 7e; type_text oth 山
wait_for oth "李张三丰山" || fail
keys oth -H 1b 5b 31 32 7e
wait_for oth "必填项" || fail
screen oth | grep -qF "放弃" && fail "a key's sequence was taken for Esc"
screen oth | grep -qF "~" && fail "a key's sequence was typed into the field"
true
