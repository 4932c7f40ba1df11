# The menu by arrows and by digits (each entry opens its screen, Esc comes
# back), F1 help, F10.
start keys
keys keys Down Enter
wait_for keys "desk4s │ 来店(电)登记" || fail
keys keys Escape; wait_for keys "请选择" || fail
type_text keys 5
wait_for keys "desk4s │ 回访到期清单" || fail
keys keys Escape; wait_for keys "请选择" || fail
keys keys F1
wait_for keys "帮助：按键一览" || fail
# the menu's own part first, saying what a dimmed entry means; a sheet's
# keys on the next page
wait_for keys "灰色的菜单项" || fail
keys keys NPage
wait_for keys "F2 / Ctrl-S" || fail
keys keys Escape; wait_for keys "请选择" || fail
keys keys F10
wait_for keys "desk4s-exit=0" || fail
wait_for keys "icanon echo" || fail
