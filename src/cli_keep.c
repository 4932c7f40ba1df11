/* cli_keep — backups, restore and settings from the command line.  A
 * backup needs no login: whoever can read the database file can copy it
 * anyway, and cron has nobody to type a password; it is logged, as the
 * --user when one is given.  Restore and settings need an administrator. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "desk4s/backup.h"
#include "desk4s/cli_keep.h"
#include "desk4s/config.h"
#include "desk4s/fsafe.h"

enum { DEFAULT_KEEP = 30 };

static void group_of(struct st_db *db, char *out, size_t outsz)
{
	if (cfg_get(db, "file_group", out, outsz) < 0)
		out[0] = 0;
}

/* A backup to a file, or the day's into the rotation's directory. */
struct backup_step {
	struct st_db *db;
	const char *file, *dir, *staff;
	int keep, keep_given;
	char group[256], cfg[4096], err[2048];
};
enum { NO_DIR = -1 }; /* --rotate without a directory, none set either */

static int backup_step(void *ctx, volatile sig_atomic_t *stop)
{
	(void)stop;
	struct backup_step *b = ctx;
	enum st_status st;
	if (b->file) {
		st = bk_backup(b->db, b->file, b->group, b->staff, b->err, sizeof b->err);
		if (st == ST_OK)
			printf("已备份到 %s。\n", b->file);
		return (int)st;
	}
	if (!b->dir) {
		if (cfg_get(b->db, "backup_dir", b->cfg, sizeof b->cfg) != 1)
			return NO_DIR;
		b->dir = b->cfg;
	}
	char kv[32], made[4200];
	if (!b->keep_given && cfg_get(b->db, "backup_keep", kv, sizeof kv) == 1)
		b->keep = atoi(kv);
	int removed = 0;
	st = bk_rotate(b->db, b->dir, b->keep, b->group, b->staff, made, sizeof made, &removed, b->err, sizeof b->err);
	if (st == ST_OK)
		printf("已备份到 %s；保留最近 %d 份，删除旧备份 %d 份。\n", made, b->keep, removed);
	return (int)st;
}

int clikeep_backup(const struct cli *c)
{
	const char *file = NULL, *dir = NULL, *keep_arg = NULL;
	int rotate = 0;
	struct cli_seen seen = { 0 };
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (strcmp(a, "--rotate") == 0) {
			rotate = 1;
			const char *was = dir;
			if (i + 1 < c->argc && c->argv[i + 1][0] != '-')
				dir = c->argv[++i];
			if (cli_once(&seen, a, dir == was ? NULL : dir))
				return CLI_USAGE;
			if (dir && !*dir)
				return cli_usage_error("--rotate：目录为空（不写目录则用设置 backup_dir）");
		} else if (strcmp(a, "--keep") == 0) {
			if (++i == c->argc)
				return cli_usage_error("--keep 需要一个数字");
			if (cli_once(&seen, a, c->argv[i]))
				return CLI_USAGE;
			keep_arg = c->argv[i];
		} else if (a[0] == '-') {
			return cli_usage_error("backup：未知选项 %s", a);
		} else if (file) {
			return cli_usage_error("backup：多余的参数 %s", a);
		} else if (!*a) {
			return cli_usage_error("backup：备份文件名为空");
		} else {
			file = a;
		}
	}
	if (rotate == !!file || (keep_arg && !rotate))
		return cli_usage_error("用法：desk4s backup 文件，或 desk4s backup --rotate [目录] [--keep 份数]");
	int keep = DEFAULT_KEEP;
	if (keep_arg) {
		char *end;
		long k = strtol(keep_arg, &end, 10);
		if (*end || k < 1 || k > 3650)
			return cli_usage_error("--keep：应为 1 到 3650 之间的整数，而不是“%s”", keep_arg);
		keep = (int)k;
	}
	struct st_db *db;
	int rc = cli_open_db(c, &db);
	if (rc)
		return rc;
	cli_reading_as(db, "备份");
	struct staff_me me = { 0 };
	if (c->user && (rc = cli_login(c, db, &me)))
		return cli_end(db, rc);
	struct backup_step b = { .db = db, .file = file, .dir = dir, .keep = keep, .keep_given = keep_arg != NULL,
	                         .staff = me.login[0] ? me.login : NULL };
	group_of(db, b.group, sizeof b.group);
	/* Ctrl-C stops the copy, or the wait for the log's lock (minutes
	 * beside an import), the temporary copy removed */
	int sig;
	int st = cli_stoppable(db, backup_step, &b, &sig);
	if (st == NO_DIR)
		return cli_end(db, cli_usage_error("backup --rotate 需要目录：写在命令里，或由管理员设置 backup_dir"
		                                   "（desk4s --user 管理员 config backup_dir /路径）"));
	rc = CLI_OK;
	if (st != ST_OK && sig) {
		cli_error("备份已中断：没有写出备份%s%s。", file ? " " : "", file ? file : "");
		cli_close(db);
		return 128 + sig;
	}
	if (st != ST_OK) {
		cli_error("%s", b.err);
		rc = CLI_FILE;
	}
	return cli_end(db, rc);
}

/* bk_restore_damaged's login: against the backup's staff. */
static int login_restored(struct st_db *db, void *ctx, struct staff_me *me)
{
	const struct cli *c = ctx;
	return cli_login(c, db, me);
}

/* The database cannot be opened: the backup replaces it, the damaged file
 * kept under another name. */
static int restore_damaged(const struct cli *c, const char *file, unsigned flags)
{
	char path[4096], kept[4200], err[2048];
	const char *p = cli_db_path(c, path, sizeof path);
	if (!p)
		return CLI_FILE;
	struct bk_info info;
	enum st_status st = bk_restore_damaged(p, file, flags, login_restored, (void *)c, &info, kept, sizeof kept,
	                                       err, sizeof err);
	if (st == ST_CONSTRAINT && !*err)
		return CLI_DENIED; /* the login said why */
	if (st != ST_OK) {
		cli_error("%s", err);
		return st == ST_CONSTRAINT ? CLI_DENIED : CLI_FILE;
	}
	printf("已从 %s 恢复。损坏的数据库改名保存为 %s（它的 -wal、-shm 文件如有，也一并改名），供维修或查证；不再需要时可删除。\n"
	       "其他终端上的 desk4s 请重新启动。\n", file, kept);
	if (info.log_problem[0])
		cli_error("注意：这份备份的使用日志校验失败：%s。已按 --accept-broken-log 恢复并记入使用日志。",
		          info.log_problem);
	return CLI_OK;
}

int clikeep_restore(const struct cli *c)
{
	static const char usage[] =
		"用法：desk4s --user 管理员 restore 备份文件 [--accept-broken-log] [--replace-damaged]";
	const char *file = NULL;
	unsigned flags = 0;
	int replace_damaged = 0;
	struct cli_seen seen = { 0 };
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];
		int flag = strcmp(a, "--accept-broken-log") == 0 || strcmp(a, "--replace-damaged") == 0;
		if (flag && cli_once(&seen, a, NULL))
			return CLI_USAGE;
		if (strcmp(a, "--accept-broken-log") == 0)
			flags |= BK_ACCEPT_BROKEN_LOG;
		else if (strcmp(a, "--replace-damaged") == 0)
			replace_damaged = 1;
		else if (a[0] == '-')
			return cli_usage_error("restore：未知选项 %s（%s）", a, usage);
		else if (file)
			return cli_usage_error("restore：多余的参数 %s（%s）", a, usage);
		else if (!*a)
			return cli_usage_error("restore：备份文件名为空（%s）", usage);
		else
			file = a;
	}
	if (!file)
		return cli_usage_error("%s", usage);
	struct st_db *db;
	int rc;
	if (replace_damaged) {
		/* only a file that does not open as a database is replaced so;
		 * one that opens is restored as always (its copy kept aside) */
		char path[4096], err[1024];
		const char *p = cli_db_path(c, path, sizeof path);
		if (!p)
			return CLI_FILE;
		enum st_status st = st_open(p, &db, err, sizeof err);
		if (st == ST_DAMAGED)
			return restore_damaged(c, file, flags);
		if (st != ST_OK) {
			cli_error("%s", err);
			return CLI_FILE;
		}
		st_close(db);
	}
	if ((rc = cli_open_db(c, &db)) != 0)
		return rc;
	struct staff_me me = { 0 };
	rc = cli_login(c, db, &me);
	if (!rc)
		rc = cli_require(db, &me, AUTH_ADMINISTER);
	if (rc) {
		st_close(db);
		return rc;
	}
	char group[256], saved[4200], err[2048];
	struct bk_info info;
	group_of(db, group, sizeof group);
	enum st_status st = bk_restore(db, &me, file, group, flags, &info, saved, sizeof saved, err, sizeof err);
	st_close(db);
	if (st != ST_OK) {
		cli_error("%s", err);
		return st == ST_CONSTRAINT ? CLI_DENIED : CLI_FILE;
	}
	/* opening again brings an older backup's schema up to date */
	if ((rc = cli_open_db(c, &db)) != CLI_OK)
		return rc;
	st_close(db);
	printf("已从 %s 恢复。恢复前的数据库保存为 %s（每次恢复各留一份，不再需要时可删除）。\n"
	       "其他终端上已打开的 desk4s 请重新启动。\n", file, saved);
	if (info.log_problem[0])
		cli_error("注意：这份备份的使用日志校验失败：%s。已按 --accept-broken-log 恢复并记入使用日志%s；"
		          "audit verify 今后仍会指出这一处。", info.log_problem,
		          info.unguarded[0] ? "，保护触发器已重建" : "");
	return CLI_OK;
}

/* After file_group changes: the database and its side files follow. */
static void apply_group(struct st_db *db, const char *group)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		char p[4200], err[512];
		snprintf(p, sizeof p, "%s%s", st_path(db), sfx[i]);
		if (access(p, F_OK) == 0 && fsafe_apply(p, group, err, sizeof err) != 0)
			cli_error("%s", err);
	}
}

int clikeep_config(const struct cli *c)
{
	if (c->argc > 3)
		return cli_usage_error("用法：desk4s config [设置项 [值]]");
	/* a key that is no setting is a mistyped argument, shown or set
	 * alike (setting one had exited 1, as a value a rule refuses) */
	if (c->argc >= 2) {
		const char *const *k = cfg_keys();
		while (*k && strcmp(c->argv[1], *k) != 0)
			k++;
		if (!*k) {
			char list[160] = "";
			for (k = cfg_keys(); *k; k++)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k == cfg_keys() ? "" : "、", *k);
			return cli_usage_error("未知设置项“%s”（可用：%s）", c->argv[1], list);
		}
	}
	/* a value its key refuses is a mistyped argument too, named as
	 * backup --keep names its own (it had exited 1 without it) */
	if (c->argc == 3) {
		char why[1024];
		if (cfg_check(c->argv[1], c->argv[2], why, sizeof why))
			return cli_usage_error("%s", why);
	}
	struct st_db *db;
	int rc = cli_open_db(c, &db);
	if (rc)
		return rc;
	if (c->argc < 3) {
		for (const char *const *k = cfg_keys(); *k; k++) {
			if (c->argc == 2 && strcmp(c->argv[1], *k) != 0)
				continue;
			char v[4096];
			int has = cfg_get(db, *k, v, sizeof v);
			printf("%-12s %s\t# %s\n", *k, has == 1 ? v : "（未设置）", cfg_help(*k));
		}
		st_close(db);
		return CLI_OK;
	}
	struct staff_me me = { 0 };
	rc = cli_login(c, db, &me);
	if (!rc)
		rc = cli_require(db, &me, AUTH_ADMINISTER);
	if (!rc) {
		char err[1024];
		enum st_status st = cfg_set(db, &me, c->argv[1], c->argv[2], err, sizeof err);
		rc = cli_status(st, err);
		if (st == ST_OK) {
			if (strcmp(c->argv[1], "file_group") == 0)
				apply_group(db, c->argv[2]);
			printf("已设置 %s = %s。\n", c->argv[1], *c->argv[2] ? c->argv[2] : "（清除）");
		}
	}
	st_close(db);
	return rc;
}
