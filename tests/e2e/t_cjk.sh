# Chinese through a real pty (wget_wch decodes UTF-8): deletion and cursor
# movement go by whole characters; a long name scrolls inside its box and
# the terminal's cursor stays inside it (an input method draws there);
# full-width digits pasted into the mobile become ASCII.

# cursor_at NAME COL ROW: poll until the terminal's cursor is there.
cursor_at() {
	n=0
	while [ $n -lt 200 ]; do
		[ "$(T display-message -p -t "$1" '#{cursor_x},#{cursor_y}')" = "$2,$3" ] && return 0
		sleep 0.05
		n=$((n + 1))
	done
	echo "cursor at $(T display-message -p -t "$1" '#{cursor_x},#{cursor_y}'), not $2,$3"
	return 1
}

start cjk
type_text cjk 1; wait_for cjk "客户档案登记表" || fail
keys cjk Tab Tab Tab; type_text cjk "欧阳娜娜"
wait_for cjk "[欧阳娜娜 " || fail
keys cjk BSpace; wait_for cjk "[欧阳娜 " || fail
keys cjk Left Left; type_text cjk "x"; wait_for cjk "[欧x阳娜 " || fail
keys cjk Home Delete; wait_for cjk "[x阳娜 " || fail
# 姓名 has cells 21-44 and its ']' at 45: longer text scrolls to keep a
# free cell for the cursor; text that fills the box exactly keeps it on
# the last character
keys cjk End; type_text cjk "一二三四五六七八九十甲乙"
wait_for cjk "<二三四五六七八九十甲乙  ]" || fail
cursor_at cjk 43 5 || fail
keys cjk BSpace BSpace BSpace; type_text cjk "y"
wait_for cjk "[x阳娜一二三四五六七八九y]" || fail
cursor_at cjk 44 5 || fail
tab cjk 15; type_text cjk "１３９　０００１　１１１１"
wait_for cjk "[139 0001 1111" || fail
keys cjk Escape; wait_for cjk "有未保存的修改" || fail
type_text cjk Y; wait_for cjk "主菜单" || fail
quit_ok cjk || fail
