# Each refusal through a real terminal: required fields named together with
# the cursor in the first; a malformed mobile and ID number named too; the
# cursor is ready for typing after the message.
start ref
type_text ref 1; wait_for ref "客户档案登记表" || fail
keys ref F2
wait_for ref "必填项未填：客户性质、客户分类、客户来源、姓名/单位名称、手机号" || fail
wait_for ref "详细地址" || fail
# typing goes straight to 客户性质 (a person: a 单位 has no 身份证号码)
type_text ref 1; wait_for ref "■个人 □单位" || fail
keys ref Tab Tab Tab; type_text ref "李四"
tab ref 3; type_text ref "110105194912310021"
tab ref 10; type_text ref "12345"
keys ref C-s
wait_for ref "有误：" || fail
wait_for ref "身份证号码：" || fail
wait_for ref "校验位不符" || fail
wait_for ref "手机号：" || fail
# Ctrl-S with Chinese still in the name: nothing lost
wait_for ref "[李四" || fail
keys ref Escape; wait_for ref "有未保存的修改" || fail
type_text ref Y; wait_for ref "主菜单" || fail
quit_ok ref || fail
