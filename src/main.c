/* desk4s — command line: global options, then a batch command or, with
 * none, the full-screen program.  Batch commands never start curses. */
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "desk4s/cli.h"
#include "desk4s/fdef.h"
#include "desk4s/store.h"
#include "desk4s/ui.h"

static const char usage[] =
	"用法: desk4s [--db 文件] [--forms 目录] [命令 ...]\n"
	"\n"
	"不带命令时启动全屏界面（需要终端和 UTF-8 区域设置）。\n"
	"\n"
	"命令:\n"
	"  import 种类 文件.csv [--dry-run] [--report 报告.csv] [--strict]\n"
	"                        导入（种类：customers 客户, workorders 工单）；\n"
	"                        表头可用字段键或中文标签\n"
	"  export 种类 [--out 文件] [--encoding utf-8|gb18030] [--mask]\n"
	"                        导出为 CSV（默认 UTF-8 带 BOM，列名为中文标签）\n"
	"  check                 检查数据库完整性\n"
	"  forms [表单名]        列出表单字段（键、标签、类型、级别、条件、校验）\n"
	"\n"
	"选项:\n"
	"  --db 文件       数据库文件（默认 $DESK4S_DB，否则 $XDG_DATA_HOME/desk4s/desk4s.db）\n"
	"  --forms 目录    使用该目录下的表单定义代替内置表单\n"
	"  --help          显示本帮助\n"
	"  --version       显示版本\n"
	"\n"
	"退出状态: 0 成功；1 部分记录被拒绝；2 用法错误；3 文件或数据库错误。\n";

static int cmd_check(const struct cli *c)
{
	if (c->argc > 1)
		return cli_usage_error("check：多余的参数 %s", c->argv[1]);
	struct st_db *db;
	int rc = cli_open_db(c, &db);
	if (rc)
		return rc;
	char msg[1024];
	enum st_status st = st_integrity(db, msg, sizeof msg);
	if (st == ST_OK)
		printf("数据库 %s 完整性检查通过（架构版本 %d）。\n", st_path(db), st_version(db));
	else
		fprintf(stderr, "desk4s: 数据库 %s 完整性检查失败：%s\n", st_path(db), msg);
	st_close(db);
	return st == ST_OK ? 0 : CLI_FILE;
}

/* Every batch command, once. */
static const struct { const char *name; int (*run)(const struct cli *); } commands[] = {
	{ "import", cli_import },
	{ "export", cli_export },
	{ "check", cmd_check },
	{ "forms", cli_forms },
};

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
	struct ui_opts o = { .db_path = st_path(db), .staff = cli_staff(), .forms_dir = c->forms };
	rc = ui_main(db, &o);
	st_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	struct cli c = { 0 };
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
			if (a[2] == 'd')
				c.db = argv[++i];
			else
				c.forms = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			c.db = a + 5;
		} else if (strncmp(a, "--forms=", 8) == 0) {
			c.forms = a + 8;
		} else if (a[0] == '-' && a[1]) {
			return cli_usage_error("未知选项 %s", a);
		} else {
			break;
		}
	}
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
		if (strcmp(cmd, commands[k].name) == 0)
			return commands[k].run(&c);
	return cli_usage_error("未知命令“%s”", cmd);
}
