/* The store: migrations (fresh, upgrade in one transaction, too new),
 * file safety, and the customer store. */
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "testutil.h"
#include "desk4s/text.h"
#include "desk4s/complaint.h"
#include "desk4s/customer.h"
#include "desk4s/rules.h"
#include "../../src/store_impl.h" /* st_stmt, st_step: the store's own calls */
#include "desk4s/store.h"
#include "desk4s/vehicle.h"
#include "desk4s/visit.h"

static char *dir;
static char path[512];

static void setup(void)
{
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	setenv("DESK4S_TODAY", "2026-11-23", 1);
}
static void teardown(void) { tu_rmtree(dir); }

/* Tests poke at the file behind the store's back, as an attacker or an
 * old version would. */
static void raw_exec(const char *sql)
{
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
	sqlite3_close(h);
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

START_TEST(fresh_database)
{
	char err[512];
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(st_version(db), st_latest_version());
	ck_assert_int_ge(st_latest_version(), 1);
	ck_assert(st_has_column(db, "customers", "mobile"));
	ck_assert(!st_has_column(db, "customers", "nosuch"));
	char msg[256];
	ck_assert_int_eq(st_integrity(db, msg, sizeof msg), ST_OK);
	st_close(db);
	struct stat sb;
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM regions"), 3221);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM regions WHERE level=1"), 34);
	sqlite3 *h;
	sqlite3_open(path, &h);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &s, NULL);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	ck_assert_str_eq((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	sqlite3_close(h);
	/* opening again changes nothing */
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	ck_assert_int_eq(st_version(db), st_latest_version());
	st_close(db);
}
END_TEST

/* st_data_version, what an idle screen compares: the same after this
 * connection's own commits and reads, another after another connection's
 * (another terminal's) commit. */
START_TEST(another_terminal_s_commit_moves_the_data_version)
{
	struct st_db *db;
	char err[512];
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	int64_t v0 = st_data_version(db, err, sizeof err);
	ck_assert_int_ge(v0, 0);
	ck_assert_int_eq(sqlite3_exec(st_handle(db), "CREATE TABLE t_dv(x); INSERT INTO t_dv VALUES(1)", NULL, NULL, NULL),
	                 SQLITE_OK);
	ck_assert_int_eq(st_data_version(db, err, sizeof err), v0);
	raw_exec("INSERT INTO t_dv VALUES(2)");
	int64_t v1 = st_data_version(db, err, sizeof err);
	ck_assert_int_ne(v1, v0);
	ck_assert_int_eq(st_data_version(db, err, sizeof err), v1);
	st_close(db);
}
END_TEST

START_TEST(too_new_is_refused)
{
	raw_exec("PRAGMA user_version = 999");
	char err[512];
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_TOO_NEW);
	ck_assert_ptr_null(db);
	ck_assert_ptr_nonnull(strstr(err, "更新版本"));
	ck_assert_ptr_nonnull(strstr(err, "999"));
	ck_assert_int_eq(raw_int("PRAGMA user_version"), 999);
}
END_TEST

START_TEST(failed_upgrade_leaves_the_old_file)
{
	/* an old file with something in the way of migration 1 */
	raw_exec("CREATE TABLE visits(x); INSERT INTO visits VALUES(42);");
	char err[512];
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "升级数据库到版本 1"));
	ck_assert_int_eq(raw_int("PRAGMA user_version"), 0);
	/* nothing of the half-done upgrade remains: one transaction */
	ck_assert_int_eq(raw_int("SELECT count(*) FROM sqlite_master WHERE name='customers'"), 0);
	ck_assert_int_eq(raw_int("SELECT x FROM visits"), 42);
}
END_TEST

START_TEST(older_file_is_upgraded)
{
	raw_exec("CREATE TABLE keepme(x); INSERT INTO keepme VALUES(7);");
	char err[512];
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	st_close(db);
	ck_assert_int_eq(raw_int("PRAGMA user_version"), st_latest_version());
	ck_assert_int_eq(raw_int("SELECT x FROM keepme"), 7);
}
END_TEST

/* Migration 12: sheets that hold an account's login where the shop writes
 * a person's name (the screens used to fill in the login) hold its name;
 * names typed by people, and logins of accounts without a name of their
 * own, stay; a closed order is still read-only after its guard was set
 * aside for the rewrite. */
static const char *raw_text(const char *sql, char *out, size_t outsz)
{
	sqlite3 *h;
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, sql, -1, &s, NULL), SQLITE_OK);
	snprintf(out, outsz, "%s", sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)
	                                ? (const char *)sqlite3_column_text(s, 0) : "(none)");
	sqlite3_finalize(s);
	sqlite3_close(h);
	return out;
}

START_TEST(logins_on_sheets_become_names)
{
	char err[512], v[256];
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	st_close(db);
	raw_exec("INSERT INTO staff(login, name, role) VALUES ('xs', '张伟', '销售顾问'),"
	         " ('fw', '李娜', '服务顾问'), ('mgr', '王经理', '经理'), ('bare', 'bare', '销售顾问');"
	         "INSERT INTO customers(id, cust_no, name) VALUES (1, 'C2026000001', '客户甲');"
	         "INSERT INTO vehicles(id, customer_id, consultant) VALUES (1, 1, 'xs');"
	         "INSERT INTO acards(card_no, created_date, consultant, name, next_date, review_by)"
	         " VALUES ('A1', '2026-11-01', 'xs', '甲', '2026-12-01', 'mgr'),"
	         " ('A2', '2026-11-01', '张顾问', '乙', '2026-12-01', NULL),"
	         " ('A3', '2026-11-01', 'bare', '丙', '2026-12-01', NULL);"
	         "INSERT INTO acard_followups(card_no, fu_date, method, content, staff)"
	         " VALUES ('A1', '2026-11-02', '电话', '约试驾', 'xs');"
	         "INSERT INTO visits(visit_kind, arrive_at, info_source, consultant)"
	         " VALUES ('到店', '2026-11-01 10:00', '网络', 'xs');"
	         "INSERT INTO workorders(wo_no, customer_id, vehicle_id, opened_at, advisor, vin, mileage,"
	         " work_type, complaint, status, completed_at)"
	         " VALUES ('W1', 1, 1, '2026-11-01 09:00', 'fw', 'LVSHCAMB1CE000001', 100, '保养', '保养',"
	         " '已完工', '2026-11-01 12:00');"
	         /* as schema 11 had it */
	         "ALTER TABLE import_runs DROP COLUMN rows_refused;"
	         "ALTER TABLE import_runs DROP COLUMN report_len; ALTER TABLE import_runs DROP COLUMN refused_len;"
	         "ALTER TABLE import_runs DROP COLUMN report_path; ALTER TABLE import_runs DROP COLUMN refused_path;"
	         "DROP INDEX customers_phone1; DROP INDEX customers_phone2;"
	         "DROP INDEX customers_phone1_local; DROP INDEX customers_phone2_local;"
	         "ALTER TABLE visits DROP COLUMN phone;"
	         "DROP INDEX vehicles_archive_due;"
	         "DROP TRIGGER vehicles_deal_insert; DROP TRIGGER vehicles_deal_update;"
	         "DROP INDEX acards_closed; DROP INDEX acards_closed_consultant; DROP INDEX customers_own_no;"
	         "PRAGMA user_version = 11;");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	st_close(db);
	ck_assert_str_eq(raw_text("SELECT group_concat(consultant || '/' || coalesce(review_by, '-'), ' ')"
	                          " FROM (SELECT * FROM acards ORDER BY card_no)", v, sizeof v),
	                 "张伟/王经理 张顾问/- bare/-");
	ck_assert_str_eq(raw_text("SELECT staff FROM acard_followups", v, sizeof v), "张伟");
	ck_assert_str_eq(raw_text("SELECT consultant FROM visits", v, sizeof v), "张伟");
	ck_assert_str_eq(raw_text("SELECT consultant FROM vehicles", v, sizeof v), "张伟");
	ck_assert_str_eq(raw_text("SELECT advisor FROM workorders", v, sizeof v), "李娜");
	/* the due feed follows (its triggers saw the rewrite) */
	ck_assert_str_eq(raw_text("SELECT group_concat(staff, ' ') FROM (SELECT staff FROM due_feed"
	                          " WHERE kind = 'A卡回访' ORDER BY staff)", v, sizeof v),
	                 "bare 张伟 张顾问");
	/* the guard is back */
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "UPDATE workorders SET advisor = 'x'", NULL, NULL, NULL), SQLITE_CONSTRAINT);
	sqlite3_close(h);
}
END_TEST

/* Migration 19: a car's 交车日期 is a deal (最近交易日期 is the latest sale
 * or repair order): the cars on file give it to their customers where it
 * is later, and every car written since does. */
START_TEST(deliveries_are_deals)
{
	char err[512], v[256];
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	st_close(db);
	raw_exec("DROP TRIGGER vehicles_deal_insert; DROP TRIGGER vehicles_deal_update;"
	         "INSERT INTO customers(id, cust_no, name, first_deal_date, last_deal_date) VALUES"
	         " (1, 'C1', '甲', '2026-12-01', NULL), (2, 'C2', '乙', NULL, '2026-10-01'),"
	         " (3, 'C3', '丙', '2025-01-01', '2026-01-01'), (4, 'C4', '丁', '2026-01-01', NULL);"
	         "INSERT INTO vehicles(customer_id, delivery_date, is_sale) VALUES (1, '2025-03-01', '是'),"
	         " (1, '2026-02-01', '是'), (2, '2026-05-01', '是'), (3, NULL, '是'), (4, '2025-06-01', '否');"
	         "DROP INDEX acards_closed; DROP INDEX acards_closed_consultant; DROP INDEX customers_own_no;"
	         "PRAGMA user_version = 18;");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	st_close(db);
	ck_assert_int_eq(raw_int("PRAGMA user_version"), st_latest_version());
	const char *deals = "SELECT group_concat(id || ':' || coalesce(first_deal_date, '-') || '/' ||"
	                    " coalesce(last_deal_date, '-'), ' ') FROM (SELECT * FROM customers ORDER BY id)";
	/* another dealer's delivery (丁's car, not a sale of this shop) is no deal */
	ck_assert_str_eq(raw_text(deals, v, sizeof v),
	                 "1:2025-03-01/2026-02-01 2:2026-05-01/2026-10-01 3:2025-01-01/2026-01-01 4:2026-01-01/-");
	raw_exec("INSERT INTO vehicles(customer_id, delivery_date, is_sale) VALUES (3, '2026-03-01', '是');"
	         "UPDATE vehicles SET delivery_date = '2026-11-01' WHERE customer_id = 2;"
	         "UPDATE vehicles SET delivery_date = '2020-01-01' WHERE id = 1;");
	ck_assert_str_eq(raw_text(deals, v, sizeof v),
	                 "1:2020-01-01/2026-02-01 2:2026-05-01/2026-11-01 3:2025-01-01/2026-03-01 4:2026-01-01/-");
	/* a date that gave the latest deal corrected, or its sale taken back: the latest of what is left */
	raw_exec("UPDATE vehicles SET delivery_date = '2025-11-01' WHERE customer_id = 2;"
	         "UPDATE vehicles SET returned = 1 WHERE id = 2;");
	ck_assert_str_eq(raw_text(deals, v, sizeof v),
	                 "1:2020-01-01/2020-01-01 2:2025-11-01/2025-11-01 3:2025-01-01/2026-03-01 4:2026-01-01/-");
}
END_TEST

/* Migration 18 rebuilds followup_tasks for its longer list of kinds: the
 * tasks staff acted on stay as they were, with the table's indexes and the
 * due feed's triggers on it, and the new kind is taken. */
START_TEST(archive_migration_keeps_the_tasks_acted_on)
{
	char err[512], v[256];
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	st_close(db);
	raw_exec("INSERT INTO customers(id, cust_no, name) VALUES (1, 'C2026000001', '客户甲');"
	         "INSERT INTO followup_tasks(kind, source_id, customer_id, due_date, staff, reason, status, result,"
	         " closed_at, closed_by) VALUES ('维修回访', 5, 1, '2026-11-20', '李娜', '保养后回访', '已联系', '满意',"
	         " '2026-11-20 10:00', 'fw');"
	         "DROP INDEX vehicles_archive_due; DROP TRIGGER vehicles_deal_insert; DROP TRIGGER vehicles_deal_update;"
	         " DROP INDEX acards_closed; DROP INDEX acards_closed_consultant; DROP INDEX customers_own_no;"
	         " PRAGMA user_version = 17;");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	st_close(db);
	ck_assert_int_eq(raw_int("PRAGMA user_version"), st_latest_version());
	ck_assert_str_eq(raw_text("SELECT kind || '/' || source_id || '/' || customer_id || '/' || due_date || '/' ||"
	                          " staff || '/' || reason || '/' || status || '/' || result || '/' || closed_at ||"
	                          " '/' || closed_by FROM followup_tasks", v, sizeof v),
	                 "维修回访/5/1/2026-11-20/李娜/保养后回访/已联系/满意/2026-11-20 10:00/fw");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM sqlite_master WHERE tbl_name = 'followup_tasks' AND name IN"
	                         " ('followup_tasks_due', 'followup_tasks_open', 'due_feed_task_insert',"
	                         " 'due_feed_task_delete')"), 4);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM sqlite_master WHERE name = 'vehicles_archive_due'"), 1);
	raw_exec("INSERT INTO followup_tasks(kind, source_id, due_date) VALUES ('档案上传', 1, '2026-11-30')");
	ck_assert_int_eq(raw_int("SELECT count(*) FROM followup_tasks"), 2);
}
END_TEST

START_TEST(not_a_database)
{
	tu_write(path, "this is not sqlite, just a text file that someone named .db\n");
	char err[512];
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_DAMAGED); /* what a restore --replace-damaged is for */
	ck_assert_msg(strstr(err, "不是 desk4s 数据库") != NULL, "%s", err);
	ck_assert_ptr_nonnull(strstr(err, path));
}
END_TEST

/* Damage found only while an upgrade runs (a table the migration reads)
 * is damage all the same: the upgrade's ROLLBACK cleared SQLite's error
 * code, so it was said as plain trouble and cli never offered
 * restore --replace-damaged, nor would restore take it. */
START_TEST(damage_met_by_an_upgrade_is_damage)
{
	char err[512];
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	st_close(db);
	raw_exec("INSERT INTO drafts(staff, form, record_id, data) VALUES ('fd', 'customer', NULL, '{}');"
	         "PRAGMA user_version = 23;");
	tu_damage_table(path, "drafts");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_DAMAGED);
	ck_assert_msg(strstr(err, "0024") != NULL, "%s", err);
	ck_assert_int_eq(raw_int("PRAGMA user_version"), 23); /* the upgrade undone */
}
END_TEST

START_TEST(unwritable_directory)
{
	char err[512];
	struct st_db *db;
	ck_assert_int_eq(st_open("/nonexistent-dir/x.db", &db, err, sizeof err), ST_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent-dir/x.db"));
}
END_TEST

START_TEST(default_path_follows_xdg)
{
	char out[1024], err[256];
	setenv("XDG_DATA_HOME", dir, 1);
	ck_assert_int_eq(st_default_path(out, sizeof out, err, sizeof err), 0);
	char want[1024];
	snprintf(want, sizeof want, "%s/desk4s/desk4s.db", dir);
	ck_assert_str_eq(out, want);
	struct stat sb;
	snprintf(want, sizeof want, "%s/desk4s", dir);
	ck_assert_int_eq(stat(want, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0700);
}
END_TEST

/* ---- customers ---- */

static struct st_db *db;
static struct fdef_form *form;

static void cust_setup(void)
{
	setup();
	char err[512];
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	form = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(form);
}
static void cust_teardown(void)
{
	fdef_free(form);
	st_close(db);
	teardown();
}

static struct rec *make(const char *name, const char *mobile, const char *vin, const char *plate)
{
	struct rec *r = rec_new(form);
	rec_set(r, "nature", "个人");
	rec_set(r, "category", "个人");
	rec_set(r, "source", "自来");
	rec_set(r, "name", name);
	rec_set(r, "sex", "男");
	rec_set(r, "mobile", mobile);
	rec_set(r, "province", "330000");
	rec_set(r, "city", "330100");
	rec_set(r, "district", "330106");
	rec_set(r, "address", "文三路1号");
	rec_set(r, "vin", vin);
	rec_set(r, "plate", plate);
	struct rule_list l = { 0 };
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	rules_list_free(&l);
	return r;
}

START_TEST(insert_load_update)
{
	char err[512];
	struct rec *r = make("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345");
	ck_assert_int_eq(cust_insert(db, r, 0, "tester", err, sizeof err), ST_OK);
	ck_assert_int_eq(r->id, 1);
	ck_assert_str_eq(rec_get(r, "cust_no"), "C00000001");
	struct rec *back = rec_new(form);
	ck_assert_int_eq(cust_load(db, r->id, back, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(back, "name"), "张三");
	ck_assert_str_eq(rec_get(back, "plate"), "浙A12345");
	ck_assert_str_eq(rec_get(back, "district"), "330106");
	ck_assert_int_eq(rec_equal(r, back), 1);
	/* phone and address change freely; the name does not change here */
	rec_set(back, "mobile", "13900001111");
	rec_set(back, "name", "李四");
	ck_assert_int_eq(cust_update(db, back, 0, "tester", err, sizeof err), ST_OK);
	struct rec *again = rec_new(form);
	ck_assert_int_eq(cust_load(db, r->id, again, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(again, "mobile"), "13900001111");
	ck_assert_str_eq(rec_get(again, "name"), "张三");
	ck_assert_int_eq(cust_load(db, 99, again, err, sizeof err), ST_NOTFOUND);
	rec_free(again);
	rec_free(back);
	rec_free(r);
}
END_TEST

/* Two terminals on one customer: the sheet saved last keeps what the other
 * saved meanwhile in fields it left alone, and a field both changed is not
 * overwritten without a word — the save is refused naming it and the value
 * now stored.  Before, the later save wrote the whole sheet as it had been
 * loaded, and undid the other terminal's change silently. */
START_TEST(a_late_save_keeps_what_another_terminal_saved)
{
	char err[512];
	struct rec *r = make("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345");
	ck_assert_int_eq(cust_insert(db, r, 0, "tester", err, sizeof err), ST_OK);
	struct rec *base = rec_new(form), *mine = rec_new(form), *theirs = rec_new(form);
	ck_assert_int_eq(cust_load(db, r->id, base, err, sizeof err), ST_OK);
	rec_copy(mine, base);
	mine->id = theirs->id = r->id;
	rec_copy(theirs, base);
	rec_set(theirs, "occupation", "医生");
	ck_assert_int_eq(cust_update_car(db, theirs, base, CUST_FIRST_CAR, 0, "li", err, sizeof err), ST_OK);
	/* another field: both kept */
	rec_set(mine, "hobby", "钓鱼");
	ck_assert_int_eq(cust_update_car(db, mine, base, CUST_FIRST_CAR, 0, "sun", err, sizeof err), ST_OK);
	struct rec *now = rec_new(form);
	ck_assert_int_eq(cust_load(db, r->id, now, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(now, "occupation"), "医生");
	ck_assert_str_eq(rec_get(now, "hobby"), "钓鱼");
	ck_assert_str_eq(rec_get(mine, "occupation"), "医生"); /* the sheet shows what was saved */
	/* the same field, to another value: refused, naming it and what is stored */
	rec_copy(base, now);
	rec_copy(theirs, now);
	rec_copy(mine, now);
	rec_set(theirs, "hobby", "游泳");
	ck_assert_int_eq(cust_update_car(db, theirs, base, CUST_FIRST_CAR, 0, "li", err, sizeof err), ST_OK);
	rec_set(mine, "hobby", "摄影");
	err[0] = 0;
	ck_assert_int_eq(cust_update_car(db, mine, base, CUST_FIRST_CAR, 0, "sun", err, sizeof err), ST_CHANGED);
	ck_assert_msg(strstr(err, "兴趣爱好") && strstr(err, "游泳") && strstr(err, "其他终端"), "%s", err);
	ck_assert_int_eq(cust_load(db, r->id, now, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(now, "hobby"), "游泳");
	/* told, the user saves over it on purpose: the sheet's base is now */
	ck_assert_int_eq(cust_update_car(db, mine, now, CUST_FIRST_CAR, 0, "sun", err, sizeof err), ST_OK);
	ck_assert_int_eq(cust_load(db, r->id, now, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(now, "hobby"), "摄影");
	rec_free(now);
	rec_free(theirs);
	rec_free(mine);
	rec_free(base);
	rec_free(r);
}
END_TEST

/* 最近交易日期 only moves on: the sheet opened before an order was completed
 * at another terminal saves without taking its date back, and the car's
 * 交车日期 saved on it is a deal at once, on the record the sheet shows. */
START_TEST(the_last_deal_only_moves_on)
{
	char err[512], v[64];
	struct rec *r = make("张三", "13800138000", "LSVAB2BM1HN123456", "");
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "last_deal_date"), "");
	raw_exec("UPDATE customers SET last_deal_date = '2026-11-20' WHERE id = 1"); /* an order elsewhere */
	rec_set(r, "address", "文三路9号");
	ck_assert_int_eq(cust_update(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT last_deal_date FROM customers WHERE id = 1", v, sizeof v), "2026-11-20");
	ck_assert_str_eq(rec_get(r, "last_deal_date"), "2026-11-20");
	rec_set(r, "delivery_date", "2026-11-22");
	ck_assert_int_eq(cust_update(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "last_deal_date"), "2026-11-20"); /* not this shop's sale */
	rec_set(r, "archive", "是");
	ck_assert_int_eq(cust_update(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "last_deal_date"), "2026-11-22");
	ck_assert_str_eq(raw_text("SELECT last_deal_date FROM customers WHERE id = 1", v, sizeof v), "2026-11-22");
	struct rec *q = make("李四", "13800138001", "LSVAB2BM3HN654321", "");
	rec_set(q, "archive", "是");
	rec_set(q, "delivery_date", "2026-10-01");
	rec_set(q, "first_deal_date", "2026-11-23"); /* the sheet's default, the day it was typed */
	ck_assert_int_eq(cust_insert(db, q, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(q, "last_deal_date"), "2026-10-01");
	ck_assert_str_eq(raw_text("SELECT first_deal_date || ' ' || last_deal_date FROM customers WHERE id = 2", v, sizeof v),
	                 "2026-10-01 2026-10-01");
	rec_free(r);
	rec_free(q);
}
END_TEST

/* 退车 is a box (a choice of one option): its column keeps 1 and 0, so a
 * customer without a car gets none for an empty box, and the due list's
 * returned = 0 reads what the sheet wrote. */
START_TEST(a_returned_car_is_a_flag)
{
	char err[512], v[64];
	struct rec *r = make("张三", "13800138000", "LSVAB2BM1HN123456", "");
	rec_set(r, "returned", "是");
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT returned FROM vehicles", v, sizeof v), "1");
	struct rec *back = rec_new(form);
	ck_assert_int_eq(cust_load(db, r->id, back, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(back, "returned"), "是");
	rec_set(back, "returned", ""); /* resold */
	ck_assert_int_eq(cust_update(db, back, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT returned FROM vehicles", v, sizeof v), "0");
	ck_assert_int_eq(cust_load(db, r->id, back, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(back, "returned"), "");
	struct rec *q = make("李四", "13800138001", "", "");
	ck_assert_int_eq(cust_insert(db, q, 0, "t", err, sizeof err), ST_OK);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM vehicles"), 1);
	rec_free(q);
	rec_free(back);
	rec_free(r);
}
END_TEST

/* 同意营销联系 is kept with when it was given or changed, at the desk as
 * by the privacy command; a save that leaves it keeps its date. */
START_TEST(marketing_consent_keeps_its_date)
{
	char err[512], v[64];
	setenv("DESK4S_NOW", "2026-11-01 09:00", 1);
	struct rec *r = make("张三", "13800138000", "", "");
	struct rec *q = make("李四", "13800138001", "", "");
	rec_set(r, "marketing_ok", "是");
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_int_eq(cust_insert(db, q, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT group_concat(coalesce(marketing_at, '-'), ' ') FROM customers", v, sizeof v),
	                 "2026-11-01 09:00:00 -");
	setenv("DESK4S_NOW", "2026-11-02 09:00", 1);
	rec_set(r, "address", "文三路9号");
	ck_assert_int_eq(cust_update(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT marketing_at FROM customers WHERE id = 1", v, sizeof v), "2026-11-01 09:00:00");
	setenv("DESK4S_NOW", "2026-11-03 09:00", 1);
	rec_set(r, "marketing_ok", "否");
	rec_set(q, "marketing_ok", "是");
	ck_assert_int_eq(cust_update(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_int_eq(cust_update(db, q, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT group_concat(marketing_ok || ' ' || marketing_at, '|') FROM customers", v, sizeof v),
	                 "否 2026-11-03 09:00:00|是 2026-11-03 09:00:00");
	unsetenv("DESK4S_NOW");
	rec_free(r);
	rec_free(q);
}
END_TEST

/* A customer's last change (updated_at, which the customers export
 * writes as 更新时间) is on the clock the usage log keeps, so the two can be
 * compared; an import may give a new customer the time its file has. */
START_TEST(a_customers_last_change_is_on_the_programs_clock)
{
	char err[512], v[64];
	setenv("DESK4S_NOW", "2026-11-01 09:00", 1);
	struct rec *r = make("张三", "13800138000", "", "");
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT updated_at FROM customers", v, sizeof v), "2026-11-01 09:00:00");
	setenv("DESK4S_NOW", "2026-11-02 10:30", 1);
	rec_set(r, "address", "文三路9号");
	ck_assert_int_eq(cust_update(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT updated_at FROM customers", v, sizeof v), "2026-11-02 10:30:00");
	struct rec *q = make("李四", "13800138001", "", "");
	ck_assert_int_eq(cust_import(db, q, 0, "t", "2025-05-06 07:08:09", err, sizeof err), ST_OK);
	ck_assert_str_eq(raw_text("SELECT updated_at FROM customers WHERE id = 2", v, sizeof v), "2025-05-06 07:08:09");
	unsetenv("DESK4S_NOW");
	rec_free(r);
	rec_free(q);
}
END_TEST

/* The usage log outlives a destroyed customer: a change entry keeps no
 * contact whole, and no birth date, which is the digits its masked ID
 * number hides. */
START_TEST(change_log_keeps_no_birth_date_or_contact)
{
	char err[512];
	struct rec *r = make("王五", "13904761234", "LSVAB2BM1HN123456", "蒙D12345");
	ck_assert_int_eq(cust_insert(db, r, 0, "tester", err, sizeof err), ST_OK);
	rec_set(r, "sex", "男");
	rec_set(r, "id_no", "150429198310200010");
	rec_set(r, "birth_date", "1983-10-20");
	rec_set(r, "phone1", "0476-88886666");
	rec_set(r, "email", "zhang.san@163.com");
	rec_set(r, "address", "天义镇昭乌达路12号");
	ck_assert_int_eq(cust_update(db, r, 0, "tester", err, sizeof err), ST_OK);
	sqlite3_stmt *q;
	ck_assert_int_eq(sqlite3_prepare_v2(st_handle(db), "SELECT group_concat(detail, '|') FROM audit_log"
	                                    " WHERE action = '修改客户'", -1, &q, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
	const char *d = (const char *)sqlite3_column_text(q, 0);
	ck_assert_ptr_nonnull(d);
	ck_assert_msg(strstr(d, "1983-10-20") == NULL && strstr(d, "0476-8888") == NULL &&
	              strstr(d, "zhang.san") == NULL && strstr(d, "昭乌达路") == NULL, "%s", d);
	ck_assert_msg(strstr(d, "出生日期: （空） → ****-**-**") != NULL, "%s", d);
	ck_assert_ptr_nonnull(strstr(d, "身份证号码: （空） → 150429********0010"));
	ck_assert_ptr_nonnull(strstr(d, "固定电话1: （空） → 0476-****6666"));
	ck_assert_ptr_nonnull(strstr(d, "邮箱: （空） → z***@163.com"));
	ck_assert_ptr_nonnull(strstr(d, "详细地址: **** → ****"));
	sqlite3_finalize(q);
	/* the record itself keeps them whole */
	struct rec *back = rec_new(form);
	ck_assert_int_eq(cust_load(db, r->id, back, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(back, "birth_date"), "1983-10-20");
	ck_assert_str_eq(rec_get(back, "email"), "zhang.san@163.com");
	rec_free(back);
	rec_free(r);
}
END_TEST

/* Refuses the program's own reads (not a trigger's) of one column: the
 * statement reading it cannot be prepared, as a damaged schema page or a
 * changed column would leave it. */
static const char *deny_table, *deny_column;
static int deny_read(void *u, int action, const char *a1, const char *a2, const char *a3, const char *a4)
{
	(void)u;
	(void)a3;
	return action == SQLITE_READ && !a4 && a1 && a2 && strcmp(a1, deny_table) == 0 &&
	               strcmp(a2, deny_column) == 0
	           ? SQLITE_DENY
	           : SQLITE_OK;
}

/* The number a new customer is told and the log keeps, and the old name a
 * rename logs, are read back after the write: unread, the write is undone
 * rather than kept under an empty number or a log line of whatever the
 * buffer held. */
START_TEST(writes_whose_read_back_fails_are_undone)
{
	char err[512] = "";
	struct rec *r = make("张三", "13800138000", "", "");
	deny_table = "customers";
	deny_column = "cust_no";
	sqlite3_set_authorizer(st_handle(db), deny_read, NULL);
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_ERROR);
	ck_assert_msg(*err, "no message");
	sqlite3_set_authorizer(st_handle(db), NULL, NULL);
	ck_assert_int_eq(cust_count(db), 0);
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(r, "cust_no"), "C00000001");
	deny_table = "name_changes";
	deny_column = "old_name";
	sqlite3_set_authorizer(st_handle(db), deny_read, NULL);
	err[0] = 0;
	ck_assert_int_eq(cust_rename(db, r->id, "张叁", "工作失误", "录入错字", "王经理", "t", err, sizeof err),
	                 ST_ERROR);
	ck_assert_msg(*err, "no message");
	sqlite3_set_authorizer(st_handle(db), NULL, NULL);
	struct rec *back = rec_new(form);
	ck_assert_int_eq(cust_load(db, r->id, back, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(back, "name"), "张三");
	rec_free(back);
	rec_free(r);
	st_close(db);
	db = NULL;
	ck_assert_int_eq(raw_int("SELECT count(*) FROM name_changes"), 0);
	ck_assert_int_eq(raw_int("SELECT count(*) FROM audit_log WHERE action IN ('新建客户', '修改姓名')"), 1);
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
}
END_TEST

START_TEST(rename_keeps_the_old_name)
{
	char err[512];
	struct rec *r = make("张三", "13800138000", "", "");
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_int_eq(cust_rename(db, r->id, "张叁", "改名", "x", "王经理", "t", err, sizeof err),
	                 ST_CONSTRAINT);
	ck_assert_int_eq(cust_rename(db, r->id, "张叁", "工作失误", "", "王经理", "t", err, sizeof err),
	                 ST_CONSTRAINT);
	ck_assert_int_eq(cust_rename(db, r->id, "张叁", "工作失误", "录入错字", "王经理", "t", err, sizeof err),
	                 ST_OK);
	struct rec *back = rec_new(form);
	cust_load(db, r->id, back, err, sizeof err);
	ck_assert_str_eq(rec_get(back, "name"), "张叁");
	rec_free(back);
	st_close(db);
	db = NULL;
	ck_assert_int_eq(raw_int("SELECT count(*) FROM name_changes WHERE old_name='张三' AND new_name='张叁'"
	                         " AND kind='工作失误' AND approver='王经理'"), 1);
	char e2[256];
	ck_assert_int_eq(st_open(path, &db, e2, sizeof e2), ST_OK);
	rec_free(r);
}
END_TEST

START_TEST(duplicates_and_constraints)
{
	char err[512];
	struct rec *a = make("张三", "13800138000", "LSVAB2BM1HN123456", "");
	ck_assert_int_eq(cust_insert(db, a, 0, "t", err, sizeof err), ST_OK);
	struct rec *b = make("李四", "13800138000", "", "");
	const char *which;
	ck_assert_int_eq(cust_find_duplicate(db, b, 1, &which, err, sizeof err), a->id);
	ck_assert_str_eq(which, "mobile");
	/* a number said to be shared: only the other keys count */
	ck_assert_int_eq(cust_find_duplicate(db, b, 0, &which, err, sizeof err), 0);
	struct rec *c = make("王五", "13900000000", "LSVAB2BM1HN123456", "");
	ck_assert_int_eq(cust_find_duplicate(db, c, 0, &which, err, sizeof err), a->id);
	ck_assert_str_eq(which, "vin");
	/* the schema refuses a second car with the same VIN even if C forgets */
	ck_assert_int_eq(cust_insert(db, c, 0, "t", err, sizeof err), ST_CONSTRAINT);
	ck_assert_int_eq(cust_count(db), 1);
	/* and a malformed mobile that slipped past the rules */
	struct rec *d = make("赵六", "13900000001", "", "");
	rec_set(d, "mobile", "12345");
	ck_assert_int_eq(cust_insert(db, d, 0, "t", err, sizeof err), ST_CONSTRAINT);
	ck_assert_int_eq(cust_count(db), 1);
	rec_free(a); rec_free(b); rec_free(c); rec_free(d);
}
END_TEST

START_TEST(search_by_what_staff_say)
{
	char err[512];
	struct rec *a = make("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345");
	struct rec *b = make("张三丰", "13912345678", "", "浙B99999");
	struct rec *c = make("李四", "13700001234", "", "");
	rec_set(b, "phone2", "010-62345678");
	rec_set(c, "phone1", "0571-88886666-12"); /* as rules.c keeps 0571-88886666转12 */
	rec_set(c, "phone2", "400-820-8820");
	ck_assert_int_eq(cust_insert(db, a, 0, "t", err, sizeof err), ST_OK);
	ck_assert_int_eq(cust_insert(db, b, 0, "t", err, sizeof err), ST_OK);
	ck_assert_int_eq(cust_insert(db, c, 0, "t", err, sizeof err), ST_OK);
	struct cust_hit h[10];
	/* a landline, however written, in 固定电话1 or 2, with its extension or not */
	ck_assert_int_eq(cust_search(db, "0571-88886666", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "李四");
	ck_assert_int_eq(cust_search(db, "(0571) 8888 6666", h, 10, err, sizeof err), 1);
	ck_assert_int_eq(cust_search(db, "057188886666", h, 10, err, sizeof err), 1);
	ck_assert_int_eq(cust_search(db, "0571-88886666转12", h, 10, err, sizeof err), 1);
	ck_assert_int_eq(cust_search(db, "0571-88886666转13", h, 10, err, sizeof err), 0);
	ck_assert_int_eq(cust_search(db, "0571-8888666", h, 10, err, sizeof err), 0);
	/* a local call's caller ID: the number without its area code */
	ck_assert_int_eq(cust_search(db, "88886666", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "李四");
	ck_assert_int_eq(cust_search(db, "6234 5678", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "张三丰");
	ck_assert_int_eq(cust_search(db, "8888666", h, 10, err, sizeof err), 0);
	ck_assert_int_eq(cust_search(db, "88886667", h, 10, err, sizeof err), 0);
	/* a company's 400 number, as said or as written */
	ck_assert_int_eq(cust_search(db, "4008208820", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "李四");
	ck_assert_int_eq(cust_search(db, "400-820 8820", h, 10, err, sizeof err), 1);
	ck_assert_int_eq(cust_search(db, "4008208821", h, 10, err, sizeof err), 0);
	ck_assert_int_eq(cust_search(db, "01062345678", h, 10, err, sizeof err), 1); /* 11 digits, not a mobile */
	ck_assert_str_eq(h[0].name, "张三丰");
	ck_assert_int_eq(cust_search(db, "张三", h, 10, err, sizeof err), 2);
	ck_assert_int_eq(cust_search(db, "张三丰", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "张三丰");
	ck_assert_int_eq(cust_search(db, "1234", h, 10, err, sizeof err), 2); /* any part */
	ck_assert_int_eq(cust_search(db, "8000", h, 10, err, sizeof err), 1); /* 尾号 */
	ck_assert_str_eq(h[0].mobile, "13800138000");
	ck_assert_int_eq(cust_search(db, "13912345678", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].plate, "浙B99999");
	ck_assert_int_eq(cust_search(db, "１３８", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].mobile, "13800138000");
	/* six digits: a VIN tail, and also any part of a mobile */
	ck_assert_int_eq(cust_search(db, "123456", h, 10, err, sizeof err), 2);
	ck_assert_str_eq(h[0].vin, "LSVAB2BM1HN123456");
	ck_assert_str_eq(h[1].mobile, "13912345678");
	ck_assert_int_eq(cust_search(db, "hn123456", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].vin, "LSVAB2BM1HN123456");
	ck_assert_int_eq(cust_search(db, "xn123456", h, 10, err, sizeof err), 0);
	ck_assert_int_eq(cust_search(db, "浙B", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].plate, "浙B99999");
	/* a plate read out without its province character */
	ck_assert_int_eq(cust_search(db, "b99999", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].plate, "浙B99999");
	ck_assert_int_eq(cust_search(db, "c00000003", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "李四");
	/* a mobile and a plate as people write them down */
	ck_assert_int_eq(cust_search(db, "138 0013 8000", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "张三");
	ck_assert_int_eq(cust_search(db, "139-1234-5678", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].name, "张三丰");
	ck_assert_int_eq(cust_search(db, "139-1234", h, 10, err, sizeof err), 1);
	ck_assert_int_eq(cust_search(db, "浙A 12345", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].plate, "浙A12345");
	ck_assert_int_eq(cust_search(db, "浙a·12345", h, 10, err, sizeof err), 1);
	ck_assert_str_eq(h[0].plate, "浙A12345");
	/* a name has no spaces between its characters (txt_join_name): as 张三 */
	ck_assert_int_eq(cust_search(db, "张 三", h, 10, err, sizeof err), cust_search(db, "张三", h, 10, err, sizeof err));
	ck_assert_int_eq(cust_search(db, "张 三", h, 10, err, sizeof err), 2);
	ck_assert_int_eq(cust_search(db, "王", h, 10, err, sizeof err), 0);
	ck_assert_int_eq(cust_search(db, "", h, 10, err, sizeof err), 0);
	rec_free(a); rec_free(b); rec_free(c);
}
END_TEST

/* A row of a complaint book or car list without its customer number names
 * the customer by phone: a switchboard number without an extension is the
 * office's own, not the extensions'. */
START_TEST(identify_prefers_the_number_itself)
{
	char err[512];
	struct { const char *name, *mobile, *field, *phone; } shop[] = {
		{ "杭州某车队", "13900000001", "phone1", "0571-88886666" },
		{ "张三", "13900000002", "phone1", "0571-88886666-12" },
		{ "李四", "13900000003", "phone2", "0571-88886666-13" },
		{ "王五", "13900000004", "phone1", "0571-77776666" },
		{ "王五", "13900000005", "phone1", "0571-77776666-8" },
		{ "宁波某公司", "13900000006", "phone1", "0574-66665555-1" },
		{ "宁波某公司", "13900000007", "phone1", "0574-66665555-2" },
	};
	for (size_t i = 0; i < sizeof shop / sizeof shop[0]; i++) {
		struct rec *r = make(shop[i].name, shop[i].mobile, "", "");
		rec_set(r, shop[i].field, shop[i].phone);
		ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
		rec_free(r);
	}
	struct cust_who w;
	ck_assert_int_eq(cust_identify(db, "", "0571-88886666", "", &w, err, sizeof err), CUST_WHO_ONE);
	ck_assert_str_eq(w.name[0], "杭州某车队");
	ck_assert_int_eq(w.by_landline, 1);
	/* the row's name still comes first */
	ck_assert_int_eq(cust_identify(db, "张三", "0571-88886666", "", &w, err, sizeof err), CUST_WHO_ONE);
	ck_assert_str_eq(w.name[0], "张三");
	ck_assert_int_eq(cust_identify(db, "赵六", "0571-88886666", "", &w, err, sizeof err), CUST_WHO_OTHER_NAME);
	ck_assert_str_eq(w.name[0], "杭州某车队");
	ck_assert_int_eq(cust_identify(db, "", "0571-88886666-13", "", &w, err, sizeof err), CUST_WHO_ONE);
	ck_assert_str_eq(w.name[0], "李四");
	/* two of the row's name: the one with the number itself */
	ck_assert_int_eq(cust_identify(db, "王五", "0571-77776666", "", &w, err, sizeof err), CUST_WHO_ONE);
	ck_assert_str_eq(w.cust_no[0], "C00000004");
	/* only extensions: still several */
	ck_assert_int_eq(cust_identify(db, "", "0574-66665555", "", &w, err, sizeof err), CUST_WHO_SEVERAL);
	ck_assert_int_eq(cust_identify(db, "宁波某公司", "0574-66665555", "", &w, err, sizeof err), CUST_WHO_SEVERAL);
	/* the number itself twice: several */
	struct rec *r = make("杭州某车队二部", "13900000008", "", "");
	rec_set(r, "phone2", "0571-88886666");
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	rec_free(r);
	ck_assert_int_eq(cust_identify(db, "", "0571-88886666", "", &w, err, sizeof err), CUST_WHO_SEVERAL);
	ck_assert_int_eq(w.n, 2);
	ck_assert_str_eq(w.name[1], "杭州某车队二部");
	/* a local caller ID's number, without the area code */
	ck_assert_int_eq(cust_identify(db, "", "77776666", "", &w, err, sizeof err), CUST_WHO_ONE);
	ck_assert_str_eq(w.cust_no[0], "C00000004");
	ck_assert_int_eq(cust_identify(db, "", "88886666", "", &w, err, sizeof err), CUST_WHO_SEVERAL);
	ck_assert_int_eq(w.n, 2);
	ck_assert_int_eq(cust_identify(db, "王五", "77776666", "", &w, err, sizeof err), CUST_WHO_ONE);
	ck_assert_str_eq(w.cust_no[0], "C00000004");
	ck_assert_int_eq(cust_identify(db, "", "66665555", "", &w, err, sizeof err), CUST_WHO_SEVERAL);
	ck_assert_int_eq(cust_identify(db, "", "88886667", "", &w, err, sizeof err), CUST_WHO_NONE);
	/* a mobile is always the number itself */
	ck_assert_int_eq(cust_identify(db, "", "13900000004", "", &w, err, sizeof err), CUST_WHO_ONE);
	ck_assert_str_eq(w.name[0], "王五");
	ck_assert_int_eq(w.by_landline, 0);
}
END_TEST

/* Several terminals share one file: a write by another connection must be
 * visible to this one at its next query, whatever this one did before. */
START_TEST(sees_other_terminals_writes)
{
	char err[512];
	ck_assert_int_ge(st_version(db), 1);
	ck_assert_int_eq(cust_count(db), 0);
	struct cust_hit h[2];
	ck_assert_int_eq(cust_search(db, "张", h, 2, err, sizeof err), 0);
	raw_exec("INSERT INTO customers(cust_no, name, mobile) VALUES('C00000009', '张九', '13800000009')");
	ck_assert_int_eq(cust_count(db), 1);
	ck_assert_int_eq(cust_search(db, "张", h, 2, err, sizeof err), 1);
	ck_assert_int_eq(st_version(db), st_latest_version());
}
END_TEST

/* A read transaction (the PDF due list reads its list twice) sees one
 * snapshot: another terminal's save in between shows only after it ends,
 * and that save does not wait for it. */
START_TEST(a_read_sees_one_snapshot)
{
	char err[512];
	ck_assert_int_eq(st_read_begin(db, err, sizeof err), ST_OK);
	ck_assert_int_eq(cust_count(db), 0);
	raw_exec("INSERT INTO customers(cust_no, name, mobile) VALUES('C00000009', '张九', '13800000009')");
	ck_assert_int_eq(cust_count(db), 0);
	st_read_end(db);
	ck_assert_int_eq(cust_count(db), 1);
	/* and the connection writes again as before */
	struct rec *r = make("李四", "13900000000", "", "");
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	ck_assert_int_eq(cust_count(db), 2);
	rec_free(r);
}
END_TEST

/* Saves never pay for a checkpoint: the WAL grows past SQLite's usual
 * 1000 pages without one, and st_idle (the screen waiting for a key) takes
 * it back so that the next save starts the WAL afresh. */
static int wal_frames(void)
{
	sqlite3 *other;
	ck_assert_int_eq(sqlite3_open(path, &other), SQLITE_OK);
	int frames = -1, done = -1;
	ck_assert_int_eq(sqlite3_wal_checkpoint_v2(other, "main", SQLITE_CHECKPOINT_PASSIVE, &frames, &done),
	                 SQLITE_OK);
	sqlite3_close(other);
	return frames;
}

static void save_customer(int i)
{
	char err[512], mobile[16], name[32];
	snprintf(mobile, sizeof mobile, "1380013%04d", i);
	snprintf(name, sizeof name, "客户%d", i);
	struct rec *r = make(name, mobile, "", "");
	ck_assert_int_eq(cust_insert(db, r, 0, "tester", err, sizeof err), ST_OK);
	rec_free(r);
}

/* A save held up by long work at another terminal says who and what,
 * from the note that work leaves beside the database; a note of a process
 * that is gone, or of this process, is not read. */
/* Another terminal's work: a child process that opens the database, leaves
 * its note and runs sql (NULL: none), then holds on until *release is
 * closed, and ends cleanly.  Returns once it holds; its pid. */
static pid_t hold(const char *note, const char *sql, int *release)
{
	int up[2], down[2];
	ck_assert_int_eq(pipe(up), 0);
	ck_assert_int_eq(pipe(down), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct st_db *other;
		char e[512], c;
		close(up[0]);
		close(down[1]); /* so the parent's close is our end of file */
		if (st_open(path, &other, e, sizeof e) != ST_OK)
			_exit(1);
		st_busy_note(other, note);
		if (sql && sqlite3_exec(st_handle(other), sql, NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(up[1], "x", 1) != 1 || read(down[0], &c, 1) < 0)
			_exit(1);
		if (sql)
			sqlite3_exec(st_handle(other), "ROLLBACK", NULL, NULL, NULL);
		st_busy_note(other, NULL);
		st_close(other);
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	char c;
	ck_assert_int_eq((int)read(up[0], &c, 1), 1);
	close(up[0]);
	*release = down[1];
	return pid;
}

START_TEST(a_busy_save_names_the_work_that_holds_it)
{
	char err[512];
	struct st_db *mine;
	ck_assert_int_eq(st_open(path, &mine, err, sizeof err), ST_OK);
	int release;
	pid_t pid = hold("王经理 正在一次导入客户文件 a.csv（09:00开始）", NULL, &release);
	st_fail(mine, SQLITE_BUSY, "保存", err, sizeof err);
	char want[900]; /* the file is named as the user gave it */
	snprintf(want, sizeof want, "王经理 正在一次导入客户文件 a.csv（09:00开始），完成前其他终端不能保存到数据库 %s，请稍后重试", path);
	ck_assert_str_eq(err, want);
	close(release); /* the work ends: its note goes */
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(status, 0);
	char note[600];
	snprintf(note, sizeof note, "%s-busy", path);
	ck_assert_int_ne(access(note, F_OK), 0);
	st_fail(mine, SQLITE_BUSY, "保存", err, sizeof err);
	snprintf(want, sizeof want, "数据库 %s 正被其他终端长时间占用，请稍后重试", path);
	ck_assert_str_eq(err, want);

	/* killed outright, the note stays but its process is gone */
	char text[700];
	snprintf(text, sizeof text, "%ld\n王经理 正在一次导入客户文件 a.csv（09:00开始）\n", (long)pid);
	tu_write(note, text);
	st_fail(mine, SQLITE_BUSY, "保存", err, sizeof err);
	ck_assert_str_eq(err, want);
	/* this process's own note: its own work is not another terminal's */
	st_busy_note(mine, "王经理 正在试运行检查客户文件 a.csv（09:00开始）");
	st_fail(mine, SQLITE_BUSY, "保存", err, sizeof err);
	ck_assert_str_eq(err, want);
	st_busy_note(mine, NULL);
	ck_assert_int_ne(access(note, F_OK), 0);
	st_close(mine);
}
END_TEST

/* The busy message now names the database's path, which can make it
 * longer than a caller's buffer (a login's 256 bytes): cut there, it ends
 * between characters, never inside one. */
START_TEST(a_busy_message_cut_by_a_small_buffer_ends_between_characters)
{
	char err[512];
	struct st_db *mine;
	ck_assert_int_eq(st_open(path, &mine, err, sizeof err), ST_OK);
	/* room for "数据库 PATH " and two of the three bytes of 正 */
	size_t small = strlen("数据库 ") + strlen(path) + 1 + 2 + 1;
	ck_assert_uint_lt(small, sizeof err);
	st_fail(mine, SQLITE_BUSY, "保存", err, small);
	ck_assert_msg(txt_valid_utf8(err, strlen(err)), "%s", err);
	char want[600];
	snprintf(want, sizeof want, "数据库 %s ", path);
	ck_assert_str_eq(err, want);
	st_close(mine);
}
END_TEST

static int waits;
static char waited_for[600];
static void count_wait(void *ctx, const char *who)
{
	(void)ctx;
	waits++;
	snprintf(waited_for, sizeof waited_for, "%s", who);
}

/* A wait for another terminal's lock that lasts is said once, while it
 * lasts, naming the work that holds it (the screen froze unsaid for up to
 * ten seconds); a lock that frees at once is not. */
START_TEST(a_long_wait_is_said_while_it_lasts)
{
	char err[512];
	struct st_db *mine;
	ck_assert_int_eq(st_open(path, &mine, err, sizeof err), ST_OK);
	st_on_wait(mine, count_wait, NULL);
	st_set_busy_wait(mine, 1500);
	int release;
	pid_t pid = hold("王经理 正在试运行检查客户文件 a.csv（09:00开始）", "BEGIN IMMEDIATE", &release);
	waits = 0;
	ck_assert_int_ne(sqlite3_exec(st_handle(mine), "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(waits, 1);
	ck_assert_str_eq(waited_for, "王经理 正在试运行检查客户文件 a.csv（09:00开始）");
	close(release);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(status, 0);
	/* free now: no wait, nothing said */
	waits = 0;
	ck_assert_int_eq(sqlite3_exec(st_handle(mine), "BEGIN IMMEDIATE; ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(waits, 0);
	st_close(mine);
}
END_TEST

static int int_of(struct st_db *h, const char *q)
{
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_prepare_v2(st_handle(h), q, -1, &s, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	int v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* A load in one go takes the rollback journal only when no other
 * connection has the file open, and says so at once otherwise (no busy
 * wait); meanwhile a terminal opening the database is told who holds it
 * and that it cannot be used; after it the file is in WAL again. */
START_TEST(a_load_alone_keeps_the_others_out_until_it_ends)
{
	char err[512];
	struct st_db *mine;
	ck_assert_int_eq(st_open(path, &mine, err, sizeof err), ST_OK);
	ck_assert_int_eq(st_bulk_alone(mine), 0); /* the fixture's connection is open */
	st_close(db);
	db = NULL;
	ck_assert_str_eq(tu_sql_text(path, "PRAGMA journal_mode"), "wal");
	ck_assert_int_eq(st_bulk_alone(mine), 1);
	ck_assert_str_eq(tu_sql_text(path, "PRAGMA journal_mode"), "delete");
	/* in the rollback journal NORMAL could lose the file to a power cut */
	ck_assert_int_eq(int_of(mine, "PRAGMA synchronous"), 2);
	/* a terminal opening before the load's BEGIN takes the file back to WAL */
	struct st_db *late;
	ck_assert_int_eq(st_open(path, &late, err, sizeof err), ST_OK);
	ck_assert_int_eq(st_begin(mine, err, sizeof err), ST_OK);
	ck_assert_int_eq(st_bulk_still_alone(mine), 0);
	st_rollback(mine);
	st_bulk_shared(mine);
	ck_assert_int_eq(int_of(mine, "PRAGMA synchronous"), 1);
	st_close(late);
	ck_assert_str_eq(tu_sql_text(path, "PRAGMA journal_mode"), "wal");
	/* alone again, and so inside its transaction; WAL and NORMAL after */
	ck_assert_int_eq(st_bulk_alone(mine), 1);
	ck_assert_int_eq(st_begin(mine, err, sizeof err), ST_OK);
	ck_assert_int_eq(st_bulk_still_alone(mine), 1);
	st_rollback(mine);
	st_bulk_shared(mine);
	ck_assert_int_eq(int_of(mine, "PRAGMA synchronous"), 1);
	ck_assert_str_eq(tu_sql_text(path, "PRAGMA journal_mode"), "wal");
	ck_assert_int_eq(st_bulk_alone(mine), 1);
	st_close(mine);

	/* the load is another process, holding the file from its first page spilled */
	int up[2], down[2];
	ck_assert_int_eq(pipe(up), 0);
	ck_assert_int_eq(pipe(down), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct st_db *load;
		char e[512], c;
		close(up[0]);
		close(down[1]);
		if (st_open(path, &load, e, sizeof e) != ST_OK || !st_bulk_alone(load) ||
		    sqlite3_exec(st_handle(load), "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		st_busy_note(load, "王经理 正在一次导入客户文件 a.csv（09:00开始）");
		if (write(up[1], "x", 1) != 1 || read(down[0], &c, 1) < 0)
			_exit(1);
		st_rollback(load);
		st_bulk_shared(load);
		st_busy_note(load, NULL);
		st_close(load);
		_exit(0);
	}
	close(up[1]);
	close(down[0]);
	char c;
	ck_assert_int_eq((int)read(up[0], &c, 1), 1);
	/* the terminal waits as for any writer (10 s), then says why */
	ck_assert_int_ne(st_open(path, &mine, err, sizeof err), ST_OK);
	char want[900];
	snprintf(want, sizeof want, "王经理 正在一次导入客户文件 a.csv（09:00开始），完成前其他终端不能使用数据库 %s，请稍后重试", path);
	ck_assert_str_eq(err, want);
	close(down[1]);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(status, 0);
	close(up[0]);
	ck_assert_str_eq(tu_sql_text(path, "PRAGMA journal_mode"), "wal");
	ck_assert_int_eq(st_open(path, &mine, err, sizeof err), ST_OK);
	st_close(mine);
}
END_TEST

/* Long work shows it is moving: the tick comes about once a second while
 * statements run, and not once it is removed. */
static void count_tick(void *n) { (*(int *)n)++; }

static void run_for(struct st_db *mine, double seconds)
{
	char err[256];
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		sqlite3_stmt *q = st_stmt(mine, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
		                                " WHERE x < 100000) SELECT count(*) FROM c", err, sizeof err);
		ck_assert_ptr_nonnull(q);
		ck_assert_int_eq(sqlite3_step(q), SQLITE_ROW);
		sqlite3_reset(q);
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9 < seconds);
}

START_TEST(long_work_ticks_about_once_a_second)
{
	char err[256];
	struct st_db *mine;
	ck_assert_int_eq(st_open(path, &mine, err, sizeof err), ST_OK);
	int n = 0;
	st_on_tick(mine, count_tick, &n);
	run_for(mine, 1.5);
	ck_assert_msg(n >= 1 && n <= 2, "%d ticks in 1.5 s", n);
	st_on_tick(mine, NULL, NULL);
	int before = n;
	run_for(mine, 1.2);
	ck_assert_int_eq(n, before);
	st_close(mine);
}
END_TEST

START_TEST(checkpoints_wait_for_idle)
{
	char wal[600];
	snprintf(wal, sizeof wal, "%s-wal", path);
	struct stat sb;
	int i = 0;
	/* each save is a commit of several pages (the row, its indexes, the log) */
	do {
		save_customer(i++);
		ck_assert_int_eq(stat(wal, &sb), 0);
	} while (sb.st_size < 1300L * 4096 && i < 5000);
	/* SQLite's own policy would have restarted the WAL near 1000 pages */
	ck_assert_int_ge(sb.st_size, 1300L * 4096);
	st_idle(db);
	save_customer(i);
	ck_assert_int_lt(wal_frames(), 50); /* only the last save's pages */
}
END_TEST

/* Asked on the raw handle, past the store: a stop refuses the store's own
 * statements. */
static int has_table(struct st_db *h, const char *name)
{
	sqlite3_stmt *s;
	ck_assert_int_eq(sqlite3_prepare_v2(st_handle(h), "SELECT count(*) FROM sqlite_master WHERE name = ?1", -1,
	                                    &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	int n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n > 0;
}

/* A signal's flag stops the statement running (an index build can take
 * many seconds), says so, and leaves nothing of it; cleared, work goes on. */
START_TEST(a_set_flag_stops_the_running_statement)
{
	struct st_db *h;
	char err[256] = "";
	ck_assert_int_eq(st_open(path, &h, err, sizeof err), ST_OK);
	volatile sig_atomic_t flag = 0;
	st_interrupt_on(h, &flag);
	const char *count = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000)"
	                    " SELECT count(*) FROM c";
	sqlite3_stmt *s = st_stmt(h, count, err, sizeof err);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(st_step(h, s, "数数", err, sizeof err), ST_OK); /* flag clear: runs */
	ck_assert_int_eq(st_begin(h, err, sizeof err), ST_OK);
	s = st_stmt(h, "CREATE TABLE t AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
	                " WHERE x < 100000) SELECT x FROM c", err, sizeof err);
	ck_assert_ptr_nonnull(s);
	flag = SIGINT;
	ck_assert_int_eq(st_step(h, s, "建表", err, sizeof err), ST_ERROR);
	ck_assert_str_eq(err, "建表已中断");
	st_rollback(h);
	st_interrupt_on(h, NULL); /* removed: the flag no longer matters */
	s = st_stmt(h, count, err, sizeof err);
	ck_assert_int_eq(st_step(h, s, "数数", err, sizeof err), ST_OK);
	ck_assert(!has_table(h, "t"));
	st_close(h);
}
END_TEST

/* Once stopped, no new statement starts, however short; undoing a
 * record's savepoint still runs (ROLLBACK TO and its RELEASE). */
START_TEST(a_set_flag_refuses_new_statements_but_not_undoing)
{
	struct st_db *h;
	char err[256] = "";
	ck_assert_int_eq(st_open(path, &h, err, sizeof err), ST_OK);
	volatile sig_atomic_t flag = 0;
	st_interrupt_on(h, &flag);
	ck_assert_int_eq(st_begin(h, err, sizeof err), ST_OK);
	ck_assert_int_eq(st_savepoint(h, err, sizeof err), ST_OK);
	ck_assert_int_eq(sqlite3_exec(st_handle(h), "CREATE TABLE u(x)", NULL, NULL, NULL), SQLITE_OK);
	flag = SIGTERM;
	ck_assert_ptr_null(st_stmt(h, "SELECT 1", err, sizeof err));
	ck_assert_str_eq(err, "已中断");
	st_rollback_to(h);
	/* both ran: the table is gone and no savepoint is left to release */
	ck_assert(!has_table(h, "u"));
	ck_assert_int_eq(sqlite3_exec(st_handle(h), "RELEASE rec", NULL, NULL, NULL), SQLITE_ERROR);
	st_rollback(h);
	st_interrupt_on(h, NULL);
	ck_assert_ptr_nonnull(st_stmt(h, "SELECT 1", err, sizeof err));
	st_close(h);
}
END_TEST

/* A damaged file is not "nobody has it": who owns a VIN, plate, mobile
 * or number, the one customer of a mobile, and a customer's car used to
 * read a read error as none (a second customer could take the key, the
 * sheet showed the customer without a car).  Each now says the damage. */
START_TEST(owner_checks_on_a_damaged_file_are_errors_not_none)
{
	char err[512];
	struct rec *r = make("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345");
	ck_assert_int_eq(cust_insert(db, r, 0, "t", err, sizeof err), ST_OK);
	int64_t id = r->id;
	ck_assert_int_eq(cust_owner(db, "vin", "LSVAB2BM1HN123456", 0, NULL, 0, err, sizeof err), id);
	ck_assert_int_eq(cust_unique_mobile(db, "13800138000", err, sizeof err), id);
	ck_assert_int_eq(cust_id_of(db, "C00000001", err, sizeof err), id);
	const char *damaged = "已损坏或不是 desk4s 数据库";
	st_close(db);
	tu_damage_table(path, "vehicles");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	err[0] = 0;
	ck_assert_int_eq(cust_owner(db, "vin", "LSVAB2BM1HN123456", 0, NULL, 0, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "查找客户失败：文件 ") == err && strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(cust_owner(db, "plate", "浙A12345", 0, NULL, 0, err, sizeof err), -1);
	ck_assert_msg(strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(cust_load(db, id, r, err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "读取车辆失败：文件 ") == err && strstr(err, damaged), "%s", err);
	st_close(db);
	tu_damage_table(path, "customers");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	err[0] = 0;
	ck_assert_int_eq(cust_owner(db, "mobile", "13800138000", 0, NULL, 0, err, sizeof err), -1);
	ck_assert_msg(strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(cust_owner(db, "cust_no", "C00000001", 0, NULL, 0, err, sizeof err), -1);
	ck_assert_msg(strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(cust_unique_mobile(db, "13800138000", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "查找客户失败：文件 ") == err && strstr(err, damaged), "%s", err);
	/* the number's customer: not "客户不存在" (a car or complaint refused as orphaned) */
	err[0] = 0;
	ck_assert_int_eq(cust_id_of(db, "C00000001", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "查找客户失败：文件 ") == err && strstr(err, damaged), "%s", err);
	rec_free(r);
}
END_TEST

/* An import's "is this row on file already" for a car, a complaint and a
 * visit used to read a damaged file as "no": the row was stored again.
 * Each now returns -1 with the store's message. */
START_TEST(exists_checks_on_a_damaged_file_are_errors_not_none)
{
	char err[512];
	struct fdef_form *vf = fdef_load("visit", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(vf);
	struct rec *v = rec_new(vf);
	rec_set(v, "arrive_at", "2026-11-23 09:00");
	rec_set(v, "visit_kind", "首次");
	rec_set(v, "consultant", "小王");
	ck_assert_int_eq(veh_exists(db, "LSVAB2BM1HN123456", err, sizeof err), 0);
	ck_assert_int_eq(cmp_exists(db, "C00000001", "2026-11-23 09:00", err, sizeof err), 0);
	ck_assert_int_eq(visit_exists(db, v, err, sizeof err), 0);
	st_close(db);
	tu_damage_table(path, "vehicles");
	tu_damage_table(path, "complaints");
	tu_damage_table(path, "visits");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	const char *damaged = "已损坏或不是 desk4s 数据库";
	err[0] = 0;
	ck_assert_int_eq(veh_exists(db, "LSVAB2BM1HN123456", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "查找车辆失败：文件 ") == err && strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(cmp_exists(db, "C00000001", "2026-11-23 09:00", err, sizeof err), -1);
	ck_assert_msg(strstr(err, "查找投诉失败：文件 ") == err && strstr(err, damaged), "%s", err);
	err[0] = 0;
	ck_assert_int_eq(visit_exists(db, v, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "查找来店登记失败：文件 ") == err && strstr(err, damaged), "%s", err);
	rec_free(v);
	fdef_free(vf);
}
END_TEST

/* The damage of one index (name), as tu_damage_table does for a table:
 * reads through it fail, the rest of the file reads. */
static void damage_index(const char *name)
{
	tu_sql_exec(path, "PRAGMA wal_checkpoint(TRUNCATE)");
	char q[200];
	snprintf(q, sizeof q, "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name = '%s'", name);
	long long page = tu_sql_int(path, q);
	long long size = tu_sql_int(path, "PRAGMA page_size");
	ck_assert_int_gt(page, 1);
	FILE *f = fopen(path, "r+b");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fseek(f, (long)((page - 1) * size), SEEK_SET), 0);
	ck_assert_int_eq(fputc(0x55, f), 0x55);
	ck_assert_int_eq(fclose(f), 0);
}

/* A new plate is checked against the other cars; that check failing to
 * read used to pass as "no other car has it" (the write then failed, or
 * two cars carried one plate).  It is said as the plate check's failure. */
START_TEST(plate_check_on_a_damaged_file_is_an_error)
{
	char err[512];
	struct rec *a = make("张三", "13800138000", "LSVAB2BM1HN123456", "浙A12345");
	struct rec *b = make("李四", "13900001111", "LSVAB2BM3HN654321", "浙B54321");
	ck_assert_int_eq(cust_insert(db, a, 0, "t", err, sizeof err), ST_OK);
	ck_assert_int_eq(cust_insert(db, b, 0, "t", err, sizeof err), ST_OK);
	long long car = tu_sql_int(path, "SELECT id FROM vehicles WHERE vin = 'LSVAB2BM3HN654321'");
	st_close(db);
	damage_index("vehicles_plate");
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	err[0] = 0;
	ck_assert_int_eq(veh_set_plate(db, car, "浙A12345", "t", err, sizeof err), ST_ERROR);
	ck_assert_msg(strstr(err, "查找车牌失败：文件 ") == err && strstr(err, "已损坏或不是 desk4s 数据库"), "%s", err);
	rec_free(a);
	rec_free(b);
}
END_TEST

Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *t = tcase_create("migrations");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, fresh_database);
	tcase_add_test(t, too_new_is_refused);
	tcase_add_test(t, another_terminal_s_commit_moves_the_data_version);
	tcase_add_test(t, failed_upgrade_leaves_the_old_file);
	tcase_add_test(t, older_file_is_upgraded);
	tcase_add_test(t, logins_on_sheets_become_names);
	tcase_add_test(t, archive_migration_keeps_the_tasks_acted_on);
	tcase_add_test(t, deliveries_are_deals);
	tcase_add_test(t, not_a_database);
	tcase_add_test(t, damage_met_by_an_upgrade_is_damage);
	tcase_add_test(t, unwritable_directory);
	tcase_add_test(t, default_path_follows_xdg);
	tcase_add_test(t, a_set_flag_stops_the_running_statement);
	tcase_add_test(t, a_set_flag_refuses_new_statements_but_not_undoing);
	suite_add_tcase(s, t);
	TCase *c = tcase_create("customers");
	tcase_add_checked_fixture(c, cust_setup, cust_teardown);
	tcase_add_test(c, insert_load_update);
	tcase_add_test(c, a_late_save_keeps_what_another_terminal_saved);
	tcase_add_test(c, owner_checks_on_a_damaged_file_are_errors_not_none);
	tcase_add_test(c, exists_checks_on_a_damaged_file_are_errors_not_none);
	tcase_add_test(c, plate_check_on_a_damaged_file_is_an_error);
	tcase_add_test(c, rename_keeps_the_old_name);
	tcase_add_test(c, writes_whose_read_back_fails_are_undone);
	tcase_add_test(c, change_log_keeps_no_birth_date_or_contact);
	tcase_add_test(c, duplicates_and_constraints);
	tcase_add_test(c, search_by_what_staff_say);
	tcase_add_test(c, identify_prefers_the_number_itself);
	tcase_add_test(c, marketing_consent_keeps_its_date);
	tcase_add_test(c, a_customers_last_change_is_on_the_programs_clock);
	tcase_add_test(c, the_last_deal_only_moves_on);
	tcase_add_test(c, a_returned_car_is_a_flag);
	tcase_add_test(c, sees_other_terminals_writes);
	tcase_add_test(c, a_read_sees_one_snapshot);
	tcase_add_test(c, checkpoints_wait_for_idle);
	tcase_add_test(c, a_busy_save_names_the_work_that_holds_it);
	tcase_add_test(c, a_busy_message_cut_by_a_small_buffer_ends_between_characters);
	tcase_add_test(c, a_long_wait_is_said_while_it_lasts);
	tcase_add_test(c, a_load_alone_keeps_the_others_out_until_it_ends);
	tcase_add_test(c, long_work_ticks_about_once_a_second);
	suite_add_tcase(s, c);
	return s;
}
