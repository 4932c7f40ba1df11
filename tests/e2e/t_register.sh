# Register a customer through the keyboard: choices typed and picked, Chinese
# name, full-width digits in the mobile, the region picker, the important
# prompt; killed with -9 the instant it says saved, a new run still finds
# the customer (saved means committed).
start reg
type_text reg 1
wait_for reg "客户档案登记表" || fail
# 客户性质 by its number, 客户分类 and 客户来源 through their pick lists
type_text reg 1; keys reg Enter
type_text reg 1; wait_for reg "筛选" || fail; keys reg Enter
type_text reg 自; wait_for reg "自来" || fail; keys reg Enter
type_text reg 张三
keys reg Tab; type_text reg 男
wait_for reg "■男" || fail
tab reg 12; type_text reg "１３８ ００１３ ８０００"
tab reg 11; type_text reg 浙; wait_for reg "浙江省" || fail; keys reg Enter
wait_for reg "选择城市" || fail; type_text reg 杭州; keys reg Enter
wait_for reg "选择区县" || fail; type_text reg 西湖; keys reg Enter
wait_for reg "西湖区" || fail
type_text reg "文三路100号"
keys reg F2
wait_for reg "以下重要项目尚未填写" || fail
wait_for reg "出生日期、职业特性、兴趣爱好、QQ号、邮箱、微博、是否安装APP" || fail
type_text reg S
wait_for reg "已保存：客户编号" || fail
# saved means committed: kill -9 at once, then a new run finds it
kill -9 "$(pid_of reg)"
wait_for reg "desk4s-exit=137" || fail
T kill-session -t reg
start reg
type_text reg 0; wait_for reg "查找客户" || fail
type_text reg 0013; wait_for reg "张三" || fail
keys reg Enter; wait_for reg "文三路100号" || fail
wait_for reg "13800138000" || fail
# phone and address are edited freely on a stored customer
tab reg 16; keys reg BSpace
wait_for reg "[1380013800 " || fail
type_text reg "１"
tab reg 14; keys reg End; type_text reg "2单元"
keys reg F2
wait_for reg "以下重要项目尚未填写" || fail
type_text reg S
wait_for reg "已保存：客户编号 C" || fail
wait_for reg "[13800138001" || fail
wait_for reg "[文三路100号2单元" || fail
keys reg Escape; wait_for reg "查找客户" || fail
keys reg Escape; wait_for reg "主菜单" || fail
quit_ok reg || fail
