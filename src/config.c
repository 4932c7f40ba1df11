/* config — settings in the config table (schema/0002). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/config.h"
#include "desk4s/fsafe.h"
#include "desk4s/staff.h"
#include "desk4s/text.h"
#include "store_impl.h"

static const char *const keys[] = { "file_group", "backup_dir", "backup_keep", "shop_name", "printer", NULL };
static const char *const helps[] = {
	"共享数据库的用户组（前台多人共用一台主机时）；不设则只有文件所有者能读",
	"每日备份的目录（desk4s backup --rotate 不带目录时使用）",
	"每日备份保留的份数（默认 30）",
	"门店名称，印在回访清单上（不设时取 $DESK4S_SHOP，否则“本店”）",
	"打印回访清单的 CUPS 打印机（--print 不带打印机名时使用；不设时取 $DESK4S_PRINTER，否则系统默认打印机）",
};

const char *const *cfg_keys(void) { return keys; }

static int key_index(const char *key)
{
	for (int i = 0; keys[i]; i++)
		if (key && strcmp(key, keys[i]) == 0)
			return i;
	return -1;
}

const char *cfg_help(const char *key)
{
	int i = key_index(key);
	return i < 0 ? "" : helps[i];
}

int cfg_get(struct st_db *db, const char *key, char *out, size_t outsz)
{
	char err[128];
	out[0] = 0;
	sqlite3_stmt *s = st_stmt(db, "SELECT value FROM config WHERE key = ?", err, sizeof err);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(out, outsz, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* A value is named in its refusal only when it prints as itself: control
 * bytes or another encoding would garble the terminal. */
static int printable(const char *v)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return strlen(v) <= 120 && txt_valid_utf8(v, strlen(v));
}

int cfg_check(const char *key, const char *v, char *err, size_t errsz)
{
	if (!v || !*v)
		return 0;
	const char *why = NULL;
	if (strcmp(key, "file_group") == 0 && !fsafe_group_exists(v))
		why = "该用户组不存在（可用 getent group 查看）";
	if (strcmp(key, "backup_dir") == 0 && v[0] != '/')
		why = "请写绝对路径（以 / 开头）";
	if (strcmp(key, "shop_name") == 0 || strcmp(key, "printer") == 0) {
		int printer = strcmp(key, "printer") == 0;
		for (const unsigned char *p = (const unsigned char *)v; *p && !why; p++)
			if (*p < 0x20 || *p == 0x7f || (printer && (*p == ' ' || *p == '/')))
				why = printer ? "打印机名不能含空格、斜杠或控制字符（可用 lpstat -p 查看）"
				              : "门店名称不能含换行等控制字符";
		if (!why && strlen(v) > 120) {
			snprintf(err, errsz, "设置 %s：太长（最多 120 字节，给出的有 %zu 字节）", key, strlen(v));
			return -1;
		}
		/* bytes of another encoding would print as garbage on every
		 * due list's heading and in the usage log */
		if (!why && !txt_valid_utf8(v, strlen(v)))
			why = "不是有效的 UTF-8 文本（请在 UTF-8 终端中输入）";
	}
	if (strcmp(key, "backup_keep") == 0) {
		char *end;
		long n = strtol(v, &end, 10);
		if (*end || end == v || n < 1 || n > 3650)
			why = "应为 1 到 3650 之间的整数";
	}
	if (!why)
		return 0;
	if (printable(v))
		snprintf(err, errsz, "设置 %s：%s，而不是“%s”", key, why, v);
	else
		snprintf(err, errsz, "设置 %s：%s", key, why);
	return -1;
}

enum st_status cfg_set(struct st_db *db, struct staff_me *me, const char *key, const char *value,
                       char *err, size_t errsz)
{
	enum st_status st = staff_check(db, me, AUTH_ADMINISTER, err, errsz);
	if (st != ST_OK)
		return st;
	if (key_index(key) < 0) {
		char list[160] = "";
		for (int i = 0; keys[i]; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? "、" : "", keys[i]);
		snprintf(err, errsz, "未知设置项“%s”（可用：%s）", key ? key : "", list);
		return ST_CONSTRAINT;
	}
	if (!value)
		value = "";
	if (cfg_check(key, value, err, errsz))
		return ST_CONSTRAINT;
	if ((st = st_begin(db, err, errsz)) != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, *value ? "INSERT OR REPLACE INTO config(key, value) VALUES(?1, ?2)"
	                                     : "DELETE FROM config WHERE key = ?1", err, errsz);
	if (!s) {
		st_rollback(db);
		return ST_ERROR;
	}
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	if (*value)
		sqlite3_bind_text(s, 2, value, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	st = rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "保存设置", err, errsz);
	if (st == ST_OK) {
		char detail[512];
		snprintf(detail, sizeof detail, "设置 %s = %s", key, *value ? value : "（清除）");
		st = audit_append(db, me->login, "修改设置", NULL, detail, err, errsz);
	}
	if (st != ST_OK) {
		st_rollback(db);
		return st;
	}
	return st_commit(db, err, errsz);
}
