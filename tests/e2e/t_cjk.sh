# Chinese through a real pty (wget_wch decodes UTF-8): deletion and cursor
# movement go by whole characters; a long name scrolls inside its box;
# full-width digits pasted into the mobile become ASCII.
start cjk
type_text cjk 1; wait_for cjk "客户档案登记表" || fail
keys cjk Tab Tab Tab; type_text cjk "欧阳娜娜"
wait_for cjk "[欧阳娜娜 " || fail
keys cjk BSpace; wait_for cjk "[欧阳娜 " || fail
keys cjk Left Left; type_text cjk "x"; wait_for cjk "[欧x阳娜 " || fail
keys cjk Home Delete; wait_for cjk "[x阳娜 " || fail
keys cjk End; type_text cjk "一二三四五六七八九十甲乙"
wait_for cjk "<一二三四五六七八九十甲乙]" || fail
tab cjk 15; type_text cjk "１３９　０００１　１１１１"
wait_for cjk "[139 0001 1111" || fail
keys cjk Escape; wait_for cjk "有未保存的修改" || fail
type_text cjk Y; wait_for cjk "主菜单" || fail
quit_ok cjk || fail
