# Resize below 80x24 shows a notice instead of a broken screen; growing back
# redraws the sheet with what was typed.
start rsz 100 30
type_text rsz 1; wait_for rsz "客户档案登记表" || fail
keys rsz Tab Tab Tab; type_text rsz "欧阳娜娜"
wait_for rsz "[欧阳娜娜" || fail
T resize-window -t rsz -x 60 -y 20
wait_for rsz "终端太小" || fail
T resize-window -t rsz -x 80 -y 24
wait_for rsz "[欧阳娜娜" || fail
wait_gone rsz "终端太小" || fail
T resize-window -t rsz -x 132 -y 43
wait_for rsz "车辆与购车" || fail
wait_for rsz "[欧阳娜娜" || fail
keys rsz Escape; wait_for rsz "有未保存的修改" || fail
type_text rsz Y; wait_for rsz "主菜单" || fail
quit_ok rsz || fail
# A pick list open through a resize: the sheet is drawn anew behind it at
# the new size (it used to stay blank until Esc), then the list's choice
# goes into the sheet.
start pk 80 24
type_text pk 1; wait_for pk "客户档案登记表" || fail
keys pk Tab; type_text pk "员"; wait_for pk "> 2 员工" || fail
T resize-window -t pk -x 160 -y 50
wait_for pk "车辆与购车" || fail
wait_for pk "> 2 员工" || fail
wait_for pk "员工：王经理（经理）" || fail
keys pk Enter; wait_for pk "[员工            ]" || fail
keys pk Escape; wait_for pk "有未保存的修改" || fail
type_text pk Y; wait_for pk "主菜单" || fail
quit_ok pk || fail
