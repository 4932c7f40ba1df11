# The menu by arrows and by digits, a later sheet's notice, F1 help, F10.
start keys
keys keys Down Enter
wait_for keys "“来店来电登记”在本版本中尚未提供" || fail
type_text keys 5
wait_for keys "“回访到期清单”在本版本中尚未提供" || fail
keys keys F1
wait_for keys "帮助：按键一览" || fail
wait_for keys "F2 / Ctrl-S" || fail
keys keys Escape; wait_for keys "请选择" || fail
keys keys F10
wait_for keys "desk4s-exit=0" || fail
wait_for keys "icanon echo" || fail
