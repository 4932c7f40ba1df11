/* The usage log: the hash chain, what the schema refuses, tampering through
 * sqlite3 as an attacker would (edit, delete, rewrite with a new hash),
 * appends from several processes, the reader's permission and filters. */
#include <sqlite3.h>
#include <sys/wait.h>
#include "testutil.h"
#include "desk4s/audit.h"
#include "desk4s/sha256.h"
#include "desk4s/staff.h"

static char *dir;
static char path[512];
static struct st_db *db;
static struct staff_me admin, mgr, desk;
static char err[512];

static void raw_exec(const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_close(h);
}
static int raw_fails(const char *sql, const char *says)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	int ok = rc != SQLITE_OK && msg && strstr(msg, says);
	sqlite3_free(msg);
	sqlite3_close(h);
	return ok;
}
static int raw_int(const char *sql)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_finalize(s);
	sqlite3_close(h);
	return v;
}

static void login(const char *l, enum auth_role r, struct staff_me *me)
{
	ck_assert_int_eq(staff_add(db, &admin, l, NULL, r, "good-pass-1", err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_login(db, l, "good-pass-1", me, err, sizeof err), STAFF_OK);
}

static void setup(void)
{
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	setenv("DESK4S_NOW", "2026-11-20 10:00:00", 1);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(staff_first_admin(db, "admin", "", "admin-pass-1", &admin, err, sizeof err), ST_OK);
	login("mgr", AUTH_MANAGER, &mgr);   /* entries 2-3 */
	login("desk", AUTH_RECEPTION, &desk); /* 4-5 */
	setenv("DESK4S_NOW", "2026-11-21 11:00:00", 1);
	ck_assert_int_eq(audit_append(db, "desk", "查看客户", "C00000001", "", err, sizeof err), ST_OK); /* 6 */
	ck_assert_int_eq(audit_append(db, "desk", "修改客户", "C00000001",
	                              "手机号: 13800138000 → 13900001111", err, sizeof err), ST_OK); /* 7 */
	setenv("DESK4S_NOW", "2026-11-22 12:00:00", 1);
	ck_assert_int_eq(audit_append(db, "mgr", "导出", NULL, "客户清单 12 行", err, sizeof err), ST_OK); /* 8 */
	ck_assert_int_eq(audit_append(db, "mgr", "查看客户", "C00000002", NULL, err, sizeof err), ST_OK); /* 9 */
}
static void teardown(void)
{
	st_close(db);
	unsetenv("DESK4S_NOW");
	tu_rmtree(dir);
}

/* Which field of a customer the log says changed after a time: an item
 * of a 修改客户 entry is the field's label and ": " (a save, a merge) or
 * "：" (a consent command), at the start or after "；" — not a label that
 * only ends the same, nor another customer's entry, nor an earlier one. */
START_TEST(a_fields_change_after_a_time_is_found)
{
	char at[20], who[33];
	setenv("DESK4S_NOW", "2026-11-02 10:00:00", 1);
	ck_assert_int_eq(audit_append(db, "wang", "修改客户", "C00000001",
	                              "手机号: 138****0000 → 139****1111；详细地址: **** → ****", err, sizeof err), ST_OK);
	setenv("DESK4S_NOW", "2026-11-03 11:00:00", 1);
	ck_assert_int_eq(audit_append(db, "li", "修改客户", "C00000001", "同意营销联系：是（2026-11-03 11:00:00）", err,
	                              sizeof err), ST_OK);
	ck_assert_int_eq(audit_append(db, "li", "修改客户", "C00000002", "邮递区号: （空） → 310012", err, sizeof err), ST_OK);
	ck_assert_int_eq(audit_append(db, "li", "查看客户", "C00000001", "邮递区号: 看", err, sizeof err), ST_OK);
	unsetenv("DESK4S_NOW");
	ck_assert_int_eq(audit_field_changed_after(db, "C00000001", "详细地址", "2026-11-01 00:00:00", at, who, sizeof who,
	                                           err, sizeof err), 1);
	ck_assert_str_eq(at, "2026-11-02 10:00:00");
	ck_assert_str_eq(who, "wang");
	ck_assert_int_eq(audit_field_changed_after(db, "C00000001", "手机号", "2026-11-01 00:00:00", at, who, sizeof who,
	                                           err, sizeof err), 1);
	ck_assert_int_eq(audit_field_changed_after(db, "C00000001", "同意营销联系", "2026-11-02 10:00:00", at, who,
	                                           sizeof who, err, sizeof err), 1);
	ck_assert_str_eq(at, "2026-11-03 11:00:00");
	/* the same second is the row's own state, not after it */
	ck_assert_int_eq(audit_field_changed_after(db, "C00000001", "详细地址", "2026-11-02 10:00:00", at, who, sizeof who,
	                                           err, sizeof err), 0);
	ck_assert_int_eq(audit_field_changed_after(db, "C00000001", "地址", "2026-11-01 00:00:00", at, who, sizeof who,
	                                           err, sizeof err), 0);
	ck_assert_int_eq(audit_field_changed_after(db, "C00000001", "邮递区号", "2026-11-01 00:00:00", at, who, sizeof who,
	                                           err, sizeof err), 0);
}
END_TEST

START_TEST(entries_chain_from_zero)
{
	struct audit_check c;
	ck_assert_int_eq(audit_verify(db, &c, err, sizeof err), 0);
	ck_assert_int_eq(c.entries, 9);
	ck_assert_int_eq(c.last_id, 9);
	ck_assert_int_eq(strlen(c.last_hash), 64);
	ck_assert(c.guarded);
	ck_assert_int_eq(raw_int("SELECT prev_hash = printf('%.64d', 0) FROM audit_log WHERE id = 1"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log a JOIN audit_log b ON b.id = a.id + 1"
	                         " WHERE b.prev_hash <> a.hash"), 0);
	/* mobiles are kept masked: the log is no second copy of them */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE detail = '手机号: 138****8000 → 139****1111'"), 1);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE detail LIKE '%13800138000%'"), 0);
}
END_TEST

START_TEST(the_schema_refuses_edits)
{
	ck_assert(raw_fails("UPDATE audit_log SET detail = 'x' WHERE id = 7", "使用日志不可修改"));
	ck_assert(raw_fails("DELETE FROM audit_log WHERE id = 7", "使用日志不可删除"));
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 0);
}
END_TEST

START_TEST(an_edited_entry_is_named)
{
	raw_exec("DROP TRIGGER audit_log_no_update;"
	         "UPDATE audit_log SET detail = '手机号: 138****8000 → 139****2222' WHERE id = 7");
	struct audit_check c;
	ck_assert_int_eq(audit_verify(db, &c, err, sizeof err), 7);
	ck_assert_int_eq(c.broken, 7);
	ck_assert_ptr_nonnull(strstr(c.why, "第 7 条"));
	ck_assert_ptr_nonnull(strstr(c.why, "改动"));
	ck_assert(!c.guarded);
	ck_assert_int_eq(c.last_id, 6);
}
END_TEST

START_TEST(edited_time_or_staff_is_caught_too)
{
	raw_exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET staff = 'admin' WHERE id = 8");
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 8);
	raw_exec("UPDATE audit_log SET staff = 'mgr' WHERE id = 8; UPDATE audit_log SET at = '2026-01-01 00:00:00' WHERE id = 2");
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 2);
}
END_TEST

START_TEST(a_deleted_entry_is_named)
{
	raw_exec("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 5");
	struct audit_check c;
	ck_assert_int_eq(audit_verify(db, &c, err, sizeof err), 5);
	ck_assert_ptr_nonnull(strstr(c.why, "第 5 条缺失"));
	raw_exec("DELETE FROM audit_log WHERE id = 1");
	ck_assert_int_eq(audit_verify(db, &c, err, sizeof err), 1);
	ck_assert_ptr_nonnull(strstr(c.why, "第 1 条"));
}
END_TEST

/* The attacker who knows the format rewrites an entry and its hash: the
 * next entry's link gives it away. */
static void hash_of(sqlite3 *h, int id, char out[65])
{
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT id, at, staff, action, customer_no, detail, prev_hash"
	                                       " FROM audit_log WHERE id = ?", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_int(s, 1, id);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	struct sha256 c;
	sha256_init(&c);
	const char *tag = "desk4s-audit-1";
	char n[24];
	snprintf(n, sizeof n, "%zu:", strlen(tag));
	sha256_update(&c, n, strlen(n));
	sha256_update(&c, tag, strlen(tag));
	sha256_update(&c, ";", 1);
	for (int i = 0; i < 7; i++) {
		const char *v = (const char *)sqlite3_column_text(s, i);
		size_t len = v ? strlen(v) : 0;
		snprintf(n, sizeof n, "%zu:", len);
		sha256_update(&c, n, strlen(n));
		if (len)
			sha256_update(&c, v, len);
		sha256_update(&c, ";", 1);
	}
	unsigned char d[32];
	sha256_final(&c, d);
	sha256_tohex(d, out);
	sqlite3_finalize(s);
}

START_TEST(a_rewritten_hash_breaks_the_next_link)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	/* the format is what this test computes: the untouched entry 7 agrees */
	char hx[65];
	hash_of(h, 7, hx);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE id = 7"), 1);
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT hash FROM audit_log WHERE id = 7", -1, &s, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), hx);
	sqlite3_finalize(s);
	ck_assert_int_eq(sqlite3_exec(h, "DROP TRIGGER audit_log_no_update;"
	                                 "UPDATE audit_log SET detail = '无' WHERE id = 7", NULL, NULL, NULL), SQLITE_OK);
	hash_of(h, 7, hx);
	char sql[256];
	snprintf(sql, sizeof sql, "UPDATE audit_log SET hash = '%s' WHERE id = 7", hx);
	ck_assert_int_eq(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	struct audit_check c;
	ck_assert_int_eq(audit_verify(db, &c, err, sizeof err), 7);
	ck_assert_ptr_nonnull(strstr(c.why, "第 8 条与前一条的链接不符"));
}
END_TEST

START_TEST(a_rolled_back_change_leaves_no_entry)
{
	ck_assert_int_eq(st_begin(db, err, sizeof err), ST_OK);
	ck_assert_int_eq(audit_append(db, "desk", "修改客户", "C00000003", "x", err, sizeof err), ST_OK);
	st_rollback(db);
	ck_assert_int_eq(audit_append(db, "desk", "查看客户", "C00000003", "", err, sizeof err), ST_OK);
	ck_assert_int_eq(audit_verify(db, NULL, err, sizeof err), 0);
	ck_assert_int_eq(raw_int("SELECT max(id) FROM audit_log"), 10);
}
END_TEST

/* Two other processes append at once: one chain, no gaps. */
START_TEST(appends_from_several_processes)
{
	pid_t kids[3];
	for (int k = 0; k < 3; k++) {
		kids[k] = fork();
		ck_assert_int_ge(kids[k], 0);
		if (kids[k] == 0) {
			struct st_db *d;
			char e[256];
			if (st_open(path, &d, e, sizeof e) != ST_OK)
				_exit(1);
			for (int i = 0; i < 40; i++)
				if (audit_append(d, "desk", "查看客户", "C00000009", "", e, sizeof e) != ST_OK)
					_exit(2);
			st_close(d);
			_exit(0);
		}
	}
	for (int k = 0; k < 3; k++) {
		int stt;
		ck_assert_int_eq(waitpid(kids[k], &stt, 0), kids[k]);
		ck_assert(WIFEXITED(stt) && WEXITSTATUS(stt) == 0);
	}
	struct audit_check c;
	ck_assert_int_eq(audit_verify(db, &c, err, sizeof err), 0);
	ck_assert_int_eq(c.entries, 9 + 120);
}
END_TEST

struct got { char text[2048]; int n; };
static int gather(void *ctx, const struct audit_entry *e)
{
	struct got *g = ctx;
	char line[256];
	snprintf(line, sizeof line, "%lld %s %s %s|", (long long)e->id, e->staff, e->action, e->customer_no);
	strcat(g->text, line);
	g->n++;
	return 0;
}

START_TEST(only_managers_and_administrators_read_it)
{
	struct got g = { "", 0 };
	ck_assert_int_eq(audit_query(db, &desk, NULL, gather, &g, err, sizeof err), ST_CONSTRAINT);
	ck_assert_str_eq(err, "权限不足：前台没有“查看使用日志”权限");
	ck_assert_int_eq(g.n, 0);
	ck_assert_int_eq(audit_query(db, NULL, NULL, gather, &g, err, sizeof err), ST_CONSTRAINT);
	ck_assert_int_eq(audit_query(db, &mgr, NULL, gather, &g, err, sizeof err), ST_OK);
	ck_assert_int_eq(g.n, 9);
	g.n = 0;
	ck_assert_int_eq(audit_query(db, &admin, NULL, gather, &g, err, sizeof err), ST_OK);
	ck_assert_int_eq(g.n, 10); /* the manager's reading is itself logged */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action = '查看使用日志'"), 2);
	/* nobody edits it through the program: no function exists, and the
	 * schema refuses it (the_schema_refuses_edits) */
}
END_TEST

START_TEST(filters)
{
	struct got g = { "", 0 };
	/* readings are logged: on a later day, out of the way */
	setenv("DESK4S_NOW", "2026-11-30 08:00:00", 1);
	struct audit_filter f = { .customer_no = "C00000001" };
	ck_assert_int_eq(audit_query(db, &mgr, &f, gather, &g, err, sizeof err), ST_OK);
	ck_assert_str_eq(g.text, "6 desk 查看客户 C00000001|7 desk 修改客户 C00000001|");
	memset(&g, 0, sizeof g);
	f = (struct audit_filter){ .staff = "mgr", .from = "2026-11-22", .to = "2026-11-22" };
	ck_assert_int_eq(audit_query(db, &mgr, &f, gather, &g, err, sizeof err), ST_OK);
	ck_assert_str_eq(g.text, "8 mgr 导出 |9 mgr 查看客户 C00000002|");
	memset(&g, 0, sizeof g);
	f = (struct audit_filter){ .to = "2026-11-20" };
	ck_assert_int_eq(audit_query(db, &mgr, &f, gather, &g, err, sizeof err), ST_OK);
	ck_assert_int_eq(g.n, 5);
	memset(&g, 0, sizeof g);
	f = (struct audit_filter){ .from = "2026-11-21", .to = "2026-11-21", .after_id = 6, .limit = 5 };
	ck_assert_int_eq(audit_query(db, &mgr, &f, gather, &g, err, sizeof err), ST_OK);
	ck_assert_str_eq(g.text, "7 desk 修改客户 C00000001|");
	f = (struct audit_filter){ .from = "21/11/2026" };
	ck_assert_int_eq(audit_query(db, &mgr, &f, gather, &g, err, sizeof err), ST_CONSTRAINT);
	ck_assert_ptr_nonnull(strstr(err, "YYYY-MM-DD"));
}
END_TEST

Suite *audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *t = tcase_create("audit");
	tcase_set_timeout(t, 120);
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, entries_chain_from_zero);
	tcase_add_test(t, a_fields_change_after_a_time_is_found);
	tcase_add_test(t, the_schema_refuses_edits);
	tcase_add_test(t, an_edited_entry_is_named);
	tcase_add_test(t, edited_time_or_staff_is_caught_too);
	tcase_add_test(t, a_deleted_entry_is_named);
	tcase_add_test(t, a_rewritten_hash_breaks_the_next_link);
	tcase_add_test(t, a_rolled_back_change_leaves_no_entry);
	tcase_add_test(t, appends_from_several_processes);
	tcase_add_test(t, only_managers_and_administrators_read_it);
	tcase_add_test(t, filters);
	suite_add_tcase(s, t);
	return s;
}
