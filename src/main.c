/* desk4s — command line: global options, then a batch command or, with
 * none, the full-screen program.  Batch commands never start curses. */
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "desk4s/cli.h"
#include "desk4s/cli_audit.h"
#include "desk4s/cli_keep.h"
#include "desk4s/cli_privacy.h"
#include "desk4s/cli_user.h"
#include "desk4s/cli_data.h"
#include "desk4s/fdef.h"
#include "desk4s/store.h"
#include "desk4s/ui.h"

static const char usage[] =
	"用法: desk4s [--db 文件] [--forms 目录] [--user 登录名 [--password-fd N]]\n"
	"             [命令 ...]\n"
	"\n"
	"不带命令时启动全屏界面（需要终端和 UTF-8 区域设置）。\n"
	"\n"
	"命令:\n"
	"  import 种类 文件.csv [--dry-run] [--report 报告.csv] [--refused 拒绝.csv]\n"
	"                        [--strict] [--update] [--encoding utf-8|gb18030]\n"
	"                        导入（种类：customers 客户, vehicles 车辆,\n"
	"                        workorders 工单, complaints 投诉, visits 来店登记,\n"
	"                        acards A卡, followups A卡访问记录）；\n"
	"                        表头可用字段键、中文标签或其他系统的常见列名\n"
	"                        （如 客户姓名、车架号）；省市区可写编号或名称；\n"
	"                        一格多个电话号码分记各栏；Excel 日期序号按日期读；\n"
	"                        日期、时间两列合为一个时间；一车一行的客户表\n"
	"                        把同一客户的其他车辆记在该客户名下；投诉、车辆\n"
	"                        表没有客户编号时按车牌号、手机号或固定电话找出\n"
	"                        客户；编码自动识别（UTF-8、GB18030、UTF-16）；\n"
	"                        与库中已有记录相同的行不重复存入，也不算拒绝；\n"
	"                        --update：内容不同的行合并进对应的记录，只改有变化的项\n"
	"  export 种类 [--out 文件] [--encoding utf-8|gb18030] [--mask] [--excel]\n"
	"                        导出为 CSV（默认 UTF-8 带 BOM，列名为中文标签）；\n"
	"                        --excel：长数字编号和像日期的文字（3/4、9-12）写成\n"
	"                        =\"…\"，表格软件按原文显示，导入时读回原文\n"
	"  export archive [--from 日期] [--to 日期]\n"
	"                        厂家客户档案（该期间交车的新车销售档案）\n"
	"  export greetings      祝福名单：同意营销联系的客户（节日、生日祝福用）\n"
	"  check                 检查数据库完整性\n"
	"  forms [表单名]        列出表单字段（键、标签、类型、级别、条件、校验）\n"
	"  due [--from 日期] [--to 日期] [--kind 类型] [--staff 负责人|全部]\n"
	"      [--format text|csv|pdf] [--encoding utf-8|gb18030] [--out 文件]\n"
	"      [--print [打印机]]\n"
	"                        回访到期清单；日期写作 2026-12-09、20261209、\n"
	"                        2026/12/09 或 2026年12月9日，默认今天；只给晚于\n"
	"                        今天的 --from 时列出那一天的（连同届时已逾期的）；\n"
	"                        --format 不给时按 --out 的扩展名（.pdf、.csv、\n"
	"                        .txt）定，给了则须与扩展名一致；\n"
	"                        销售顾问、服务顾问不给 --staff 时只列出本人负责的\n"
	"                        和未分配的任务（与屏幕相同），--staff 全部 列出\n"
	"                        所有人的；\n"
	"                        --print 经 CUPS 打印 PDF（打印机默认取设置 printer、\n"
	"                        $DESK4S_PRINTER，否则系统默认打印机）；\n"
	"                        门店名取设置 shop_name、$DESK4S_SHOP\n"
	"\n"
	"员工账号（需以管理员登录；新数据库的第一个管理员无需登录）:\n"
	"  user add 登录名 --role 角色 [--name 姓名]\n"
	"                        新建账号；角色：前台、销售顾问、服务顾问、经理、管理员\n"
	"  user disable|enable 登录名   停用（其会话在下一次操作时结束）或启用、解锁\n"
	"  user passwd [登录名]  修改密码（自己的密码任何人都可改）\n"
	"  user role 登录名 角色 修改角色\n"
	"  user name 登录名 新姓名\n"
	"                        修改姓名：跟进中的A卡、在修工单和未办的回访随本人改名，\n"
	"                        已结束的记录和使用日志保留当时的姓名\n"
	"  user list             列出账号\n"
	"  permissions           显示各角色的权限表\n"
	"\n"
	"使用日志:\n"
	"  audit verify          校验使用日志的哈希链，指出第一条被改动或删除的记录\n"
	"  audit [--from 日期] [--to 日期] [--user 登录名] [--customer 客户编号]\n"
	"                        查看使用日志（经理、管理员）\n"
	"\n"
	"备份与设置:\n"
	"  backup 文件           在线备份（其他终端可继续工作）；文件仅所有者可读\n"
	"  backup --rotate [目录] [--keep 份数]\n"
	"                        每日备份：写入 目录/desk4s-日期-时间.db，\n"
	"                        只保留最近的若干份（目录和份数默认取设置\n"
	"                        backup_dir、backup_keep，份数默认 30）\n"
	"  restore 文件 [--accept-broken-log] [--replace-damaged]\n"
	"                        检查并恢复备份（管理员）：使用日志哈希链或保护\n"
	"                        触发器不完整的备份不予恢复（该选项强制恢复，记入\n"
	"                        使用日志）；原数据库保存为\n"
	"                        数据库.before-restore-日期-时间（每次恢复各一份）；\n"
	"                        数据库已损坏、打不开时加 --replace-damaged：按备份\n"
	"                        中的账号登录，损坏的文件改名为\n"
	"                        数据库.damaged-日期-时间 保留\n"
	"  config [设置项 [值]]  查看或修改设置（修改需管理员）：file_group、\n"
	"                        backup_dir、backup_keep、shop_name、printer\n"
	"\n"
	"保存期限与客户的权利:\n"
	"  retention [--as-of 日期]\n"
	"                        列出超过保存期限的客户（最后维修、成交或建档\n"
	"                        满 5 年；经理）\n"
	"  retention --destroy 客户编号 --reason 原因\n"
	"                        销毁到期客户的个人信息；保留客户编号和使用日志\n"
	"  customer export 客户编号 [--out 文件]   导出该客户的全部个人信息（经理）\n"
	"  customer anonymise 客户编号 --reason 原因   应客户要求注销（匿名化）（经理）\n"
	"  customer consent|marketing 客户编号 是|否\n"
	"                        记录同意收集个人信息 / 同意营销联系\n"
	"\n"
	"选项:\n"
	"  --db 文件       数据库文件（默认 $DESK4S_DB，\n"
	"                  否则 $XDG_DATA_HOME/desk4s/desk4s.db）\n"
	"  --forms 目录    使用该目录下的表单定义代替内置表单\n"
	"  --user 登录名   以该员工身份执行命令；密码从终端输入（不回显）\n"
	"  --password-fd N 从文件描述符 N 读取密码，每行一个（先本人密码，再新密码）；\n"
	"                  密码不接受命令行参数或环境变量\n"
	"  --help          显示本帮助\n"
	"  --version       显示版本\n"
	"\n"
	"退出状态: 0 成功；1 被规则拒绝（导入时：部分记录被拒绝）；\n"
	"          2 用法错误（含所写的客户编号、登录名、种类或表单不存在）；\n"
	"          3 文件或数据库错误（含完整性或使用日志校验失败）；\n"
	"          4 登录失败或权限不足。\n";

static int cmd_check(const struct cli *c)
{
	if (c->argc > 1)
		return cli_usage_error("check：多余的参数 %s", c->argv[1]);
	/* a path that held no database gets a new one, which passes: said, or
	 * a mistyped --db looks like the shop's file found sound */
	char path[4096];
	const char *p = cli_db_path(c, path, sizeof path);
	if (!p)
		return CLI_FILE;
	int made = access(p, F_OK) != 0 && errno == ENOENT;
	struct st_db *db;
	int rc = cli_open_db_read(c, &db);
	if (rc)
		return rc;
	char msg[1024];
	enum st_status st = st_integrity(db, msg, sizeof msg);
	if (st == ST_OK && made) {
		printf("数据库 %s 原先不存在，已新建一个空的数据库（架构版本 %d）。"
		       "若要检查店里在用的数据库，请核对 --db 或 DESK4S_DB 所写的路径。\n", st_path(db), st_version(db));
	} else if (st == ST_OK) {
		printf("数据库 %s 完整性检查通过（架构版本 %d）。\n", st_path(db), st_version(db));
		printf("（使用日志是否被改动，请用 audit verify 校验。）\n");
	} else {
		/* SQLite's findings are for whoever repairs it; what to do now is
		 * for whoever ran the check */
		fprintf(stderr, "desk4s: 数据库 %s 已损坏，完整性检查未通过。\n"
		                "请停止录入并通知管理员：先把这个文件复制一份保留，再用最近的备份恢复"
		                "（desk4s --user 管理员 restore 备份文件）。\n"
		                "检查发现（供维修用）：%s\n", st_path(db), msg);
	}
	st_close(db);
	return st == ST_OK ? 0 : CLI_FILE;
}

/* Every batch command, once.  needs_db: it reads or copies what is there,
 * so a missing file is a mistyped path, not a shop to set up (import, the
 * first account and a restore may start one; check makes one and says so,
 * as scripts make a new database with it). */
static const struct { const char *name; int (*run)(const struct cli *); int needs_db; } commands[] = {
	{ "import", cli_import, 0 },
	{ "export", cli_export, 1 },
	{ "check", cmd_check, 0 },
	{ "forms", cli_forms, 0 },
	{ "due", cli_due, 1 },
	{ "user", cliuser_user, 0 },
	{ "permissions", cliuser_permissions, 0 },
	{ "audit", cliaudit_audit, 1 },
	{ "backup", clikeep_backup, 1 },
	{ "restore", clikeep_restore, 0 },
	{ "config", clikeep_config, 1 },
	{ "retention", clipriv_retention, 1 },
	{ "customer", clipriv_customer, 1 },
};

/* desk4s CMD --help (or -h anywhere after the command). */
static int asks_help(const struct cli *c)
{
	for (int i = 1; i < c->argc; i++)
		if (strcmp(c->argv[i], "--help") == 0 || strcmp(c->argv[i], "-h") == 0)
			return 1;
	return 0;
}

/* The lines of the usage that describe cmd: those starting "  cmd" and
 * their indented continuations, under the usage's first line, so a
 * command's help is the same words as the whole one's. */
static void command_help(const char *cmd)
{
	size_t n = strlen(cmd);
	const char *line = usage;
	int in = 0;
	fputs("用法: desk4s [--db 文件] [--user 登录名 [--password-fd N]] 命令 ...\n\n", stdout);
	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line + 1) : strlen(line);
		int entry = len > 2 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ';
		int more = len > 4 && strncmp(line, "    ", 4) == 0;
		if (entry)
			in = strncmp(line + 2, cmd, n) == 0 && (line[2 + n] == ' ' || line[2 + n] == '\n');
		else if (!more)
			in = 0;
		if (in)
			fwrite(line, 1, len, stdout);
		line += len;
	}
	fputs("\n全局选项见 desk4s --help。\n", stdout);
}

static int utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

static int run_ui(const struct cli *c)
{
	if (!getenv("DESK4S_KEYS")) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fputs("desk4s: 标准输入或输出不是终端，无法启动全屏界面。"
			      "批处理请使用子命令（desk4s --help）。\n", stderr);
			return CLI_USAGE;
		}
	}
	if (!utf8_locale()) {
		fputs("desk4s: 当前区域设置不是 UTF-8，中文会显示成乱码。请设置 UTF-8 区域，例如：\n"
		      "  export LANG=C.UTF-8（或 zh_CN.UTF-8）\n"
		      "desk4s: the locale is not UTF-8; set LANG=C.UTF-8 or zh_CN.UTF-8.\n", stderr);
		return CLI_USAGE;
	}
	struct st_db *db;
	int rc = cli_open_db(c, &db);
	if (rc)
		return rc;
	/* who is at the desk is asked by the login screen, not taken from the OS */
	struct ui_opts o = { .db_path = st_path(db), .forms_dir = c->forms, .login = c->user };
	rc = ui_main(db, &o);
	st_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct cli c = { .password_fd = -1 };
	struct cli_seen seen = { 0 };
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(usage, stdout);
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			puts("desk4s " DESK4S_VERSION);
			return 0;
		} else if (strcmp(a, "--db") == 0 || strcmp(a, "--forms") == 0) {
			if (i + 1 == argc)
				return cli_usage_error("%s 需要一个参数", a);
			if (cli_once(&seen, a, argv[i + 1]))
				return CLI_USAGE;
			if (a[2] == 'd')
				c.db = argv[++i];
			else
				c.forms = argv[++i];
		} else if (strcmp(a, "--user") == 0) {
			if (i + 1 == argc)
				return cli_usage_error("--user 需要一个登录名");
			if (cli_once(&seen, a, argv[i + 1]))
				return CLI_USAGE;
			c.user = argv[++i];
		} else if (strcmp(a, "--password-fd") == 0) {
			char *end;
			if (i + 1 == argc)
				return cli_usage_error("--password-fd 需要一个文件描述符编号");
			if (cli_once(&seen, a, argv[i + 1]))
				return CLI_USAGE;
			long fd = strtol(argv[++i], &end, 10);
			if (*end || end == argv[i] || fd < 0 || fd > 1023)
				return cli_usage_error("--password-fd：“%s”不是文件描述符编号", argv[i]);
			c.password_fd = (int)fd;
		} else if (strncmp(a, "--db=", 5) == 0) {
			if (cli_once(&seen, "--db", a + 5))
				return CLI_USAGE;
			c.db = a + 5;
		} else if (strncmp(a, "--forms=", 8) == 0) {
			if (cli_once(&seen, "--forms", a + 8))
				return CLI_USAGE;
			c.forms = a + 8;
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error("未知选项 %s", a);
		} else {
			break;
		}
	}
	/* an empty path is a script's unset variable: the default database
	 * (or forms) in its place would be the wrong shop, silently */
	if (c.db && !*c.db)
		return cli_usage_error("--db 的路径为空：请写明数据库文件（不写 --db 则用默认的数据库）");
	if (c.forms && !*c.forms)
		return cli_usage_error("--forms 的路径为空：请写明表单目录（不写 --forms 则用内置的表单）");
	if (c.user && !*c.user)
		return cli_usage_error("--user 的登录名为空");
	c.argc = argc - i;
	c.argv = argv + i;
	if (c.argc == 0)
		return run_ui(&c);
	const char *cmd = c.argv[0];
	if (strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (strcmp(cmd, commands[k].name) == 0 && asks_help(&c)) {
			command_help(cmd);
			return 0;
		} else if (strcmp(cmd, commands[k].name) == 0) {
			c.needs_db = commands[k].needs_db;
			return commands[k].run(&c);
		}
	return cli_usage_error("未知命令“%s”", cmd);
}
