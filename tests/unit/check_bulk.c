/* A large customer file loaded in one go (indexes set aside and built
 * after, the trigram index and due feed filled set-based) ends exactly as
 * the same file loaded batch by batch: the same rows, refusals, report,
 * feed, trigram hits and schema.  Killed half way, it leaves the database
 * as it was, and the same command then loads the whole file once.  A dry
 * run taken the same way reports what the row-by-row dry run reports and
 * leaves nothing behind.  Repair orders, loaded in one go too, the same. */
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "testutil.h"
#include "desk4s/customer.h"
#include "desk4s/import.h"
#include "desk4s/validate.h"

static char *dir;
/* A terminal with the database open meanwhile (the load then stays in WAL). */
static int others_open;
static char csv[512], seed_csv[512];

static void setup(void)
{
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	setenv("DESK4S_NOW", "2026-11-23 09:00:00", 1);
	dir = tu_tmpdir();
	others_open = 0;
	snprintf(csv, sizeof csv, "%s/in.csv", dir);
	snprintf(seed_csv, sizeof seed_csv, "%s/seed.csv", dir);
}
static void teardown(void)
{
	unsetenv("DESK4S_NOW");
	tu_rmtree(dir);
}

/* the check character found by the library's own check */
enum { ID_SZ = 64 };

static void with_check(const char *base17, char out[ID_SZ])
{
	static const char cands[] = "0123456789X";
	for (int c = 0; cands[c]; c++) {
		snprintf(out, ID_SZ, "%.17s%c", base17, cands[c]);
		char norm[32];
		if (val_idno(out, norm, sizeof norm, NULL) == VAL_OK)
			return;
	}
	ck_abort_msg("no check character for ID number %s", base17);
}

static void id_number(int i, char out[ID_SZ])
{
	char base[ID_SZ];
	unsigned u = (unsigned)i, k = u / 1000; /* one birthday per thousand rows: no two alike */
	snprintf(base, sizeof base, "330106%04u%02u%02u%03u", 1960 + k % 40, 1 + k / 40 % 12, 1 + k % 28, u % 1000);
	with_check(base, out);
}

static void vin_of(int i, char out[ID_SZ])
{
	static const char cands[] = "0123456789X";
	for (int c = 0; cands[c]; c++) {
		snprintf(out, ID_SZ, "LSVAB2BM%cFN%06u", cands[c], (unsigned)i % 1000000);
		char norm[32];
		if (val_vin(out, norm, sizeof norm, NULL) == VAL_OK)
			return;
	}
	ck_abort_msg("no check digit for VIN %d", i);
}

static const char HEADER[] = "nature,category,source,name,mobile,id_no,province,city,district,address,"
                             "marketing_ok,vin,plate,model,consultant,delivery_date,insurance_due,inspection_due\n";

/* Rows with every kind of outcome: new customers with cars, a duplicate ID
 * number, a duplicate VIN, a mobile shared by three (the report names the
 * first holder), the same person twice without ID number or VIN, a
 * malformed mobile, and rows clashing with the seed. */
static void write_rows(const char *path, int first, int rows)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(HEADER, f);
	for (int i = first; i < first + rows; i++) {
		char id[ID_SZ], vin[ID_SZ], mobile[ID_SZ];
		id_number(i % 50 == 7 ? i - 1 : i, id);
		vin_of(i % 50 == 9 ? i - 3 : i, vin);
		snprintf(mobile, sizeof mobile, "139%08d", i % 50 == 11 ? i - 3 : i % 50 == 21 ? i - 13 : i);
		if (i == 6)
			snprintf(mobile, sizeof mobile, "13700000000"); /* the seed customer's */
		if (i % 50 == 17)
			snprintf(mobile, sizeof mobile, "1390000");
		int plate = i % 50 == 23 ? i - 22 : i % 50 == 24 ? i - 2 : i; /* earlier rows' cars */
		int keyless = i % 50 == 12 || i % 50 == 13;
		if (i % 50 == 13)
			snprintf(mobile, sizeof mobile, "139%08d", i - 1);
		if (i == 5)
			with_check("33010619800101001", id); /* the seed customer's */
		fprintf(f, "个人,个人,自来,%s%d,%s,%s,330000,330100,330106,文三路%d号,%s,%s,浙A%05d,途观,吴昊,"
		        "2026-%02d-%02d,2027-%02d-%02d,2027-%02d-%02d\n",
		        keyless ? "同一人" : "客户", keyless ? i / 50 : i, mobile, keyless ? "" : id, i,
		        i % 3 ? "是" : "否", keyless ? "" : vin, plate % 100000, 1 + i % 10, 1 + i % 28,
		        1 + (i + 3) % 12, 1 + i % 27, 1 + (i + 5) % 12, 1 + i % 26);
	}
	ck_assert_int_eq(fclose(f), 0);
}

static void write_file(const char *path, int rows)
{
	write_rows(path, 0, rows);
}

/* The same seed customer in every database, imported batch by batch. */
static void seed(struct st_db *db, struct fdef_form *form)
{
	char id[ID_SZ];
	with_check("33010619800101001", id);
	char text[512];
	snprintf(text, sizeof text, "%s个人,个人,自来,老客户,13700000000,%s,330000,330100,330106,文一路1号,是,,,,,,,\n",
	         HEADER, id);
	tu_write(seed_csv, text);
	struct imp_opts o = { .path = seed_csv, .staff = "t" };
	struct imp_stats s;
	char err[512];
	ck_assert_int_eq(imp_run(db, "customers", form, &o, &s, err, sizeof err), 0);
	ck_assert_int_eq(s.imported, 1);
}

/* The file csv imported into dbp as it stands. */
static int import_into(const char *dbp, const char *rep, long bulk_min, int dry_run, int seeded,
                       struct imp_stats *s)
{
	struct st_db *db;
	char err[512];
	ck_assert_int_eq(st_open(dbp, &db, err, sizeof err), ST_OK);
	struct fdef_form *form = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(form);
	if (seeded) {
		seed(db, form);
		/* a car the database itself refuses after its customer was stored:
		 * the batch load rolls the row back to its savepoint, the bulk load
		 * (no savepoint) must remove the customer itself */
		tu_sql_exec(dbp, "CREATE TRIGGER test_refuse_car BEFORE INSERT ON vehicles WHEN new.plate = '浙A00042'"
		                 " BEGIN SELECT RAISE(ABORT, '测试：拒绝这辆车'); END");
	}
	char *said = NULL;
	size_t said_len = 0;
	FILE *progress = open_memstream(&said, &said_len);
	ck_assert_ptr_nonnull(progress);
	struct imp_opts o = { .path = csv, .report = rep, .staff = "t", .bulk_min = bulk_min, .dry_run = dry_run,
	                      .progress = progress };
	struct st_db *other = NULL;
	if (others_open)
		ck_assert_int_eq(st_open(dbp, &other, err, sizeof err), ST_OK);
	int rc = imp_run(db, "customers", form, &o, s, err, sizeof err);
	ck_assert_msg(rc == 0 || rc == 1, "import failed: %s", err);
	st_close(other);
	ck_assert_int_eq(fclose(progress), 0);
	/* what the others can do meanwhile, as it is */
	if (s->bulk && !dry_run)
		ck_assert_ptr_nonnull(strstr(said, s->alone ? "一次导入：没有其他终端打开数据库，完成前其他终端也不能打开"
		                                            : "一次导入：完成前其他终端可以查询但不能保存"));
	else if (s->bulk)
		ck_assert_ptr_nonnull(strstr(said, "一次检查：完成前其他终端可以查询但不能保存"));
	free(said);
	fdef_free(form);
	st_close(db);
	ck_assert_str_eq(tu_sql_text(dbp, "PRAGMA journal_mode"), "wal");
	return rc;
}

/* The seed customer and the refusing trigger, then the file. */
static int load_as(const char *dbp, const char *rep, long bulk_min, int dry_run, struct imp_stats *s)
{
	return import_into(dbp, rep, bulk_min, dry_run, 1, s);
}


/* Rows in one database and not in the other, both ways, of a query run
 * against main and the attached "b". */
static long differ(const char *a, const char *b, const char *cols, const char *what)
{
	char q[1024];
	snprintf(q, sizeof q,
	         "SELECT (SELECT count(*) FROM (SELECT %s FROM main.%s EXCEPT SELECT %s FROM b.%s))"
	         " + (SELECT count(*) FROM (SELECT %s FROM b.%s EXCEPT SELECT %s FROM main.%s))",
	         cols, what, cols, what, cols, what, cols, what);
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(a, &h), SQLITE_OK);
	char attach[600];
	snprintf(attach, sizeof attach, "ATTACH '%s' AS b", b);
	ck_assert_int_eq(sqlite3_exec(h, attach, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_stmt *s;
	ck_assert_msg(sqlite3_prepare_v2(h, q, -1, &s, NULL) == SQLITE_OK, "%s", sqlite3_errmsg(h));
	ck_assert_int_eq(sqlite3_step(s), SQLITE_ROW);
	long n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(h);
	return n;
}

/* Two seeded databases given the same test file, one in one go and one
 * batch by batch (or both only checked, dry_run).  Both must count and
 * report the same, byte for byte; the report is returned (to free). */
struct both {
	char bulk_db[600], batch_db[600], bulk_rep[600], batch_rep[600];
	struct imp_stats sb, sn;
};

static char *load_both(struct both *w, int rows, int dry_run)
{
	write_file(csv, rows);
	snprintf(w->bulk_db, sizeof w->bulk_db, "%s/bulk.db", dir);
	snprintf(w->batch_db, sizeof w->batch_db, "%s/batch.db", dir);
	snprintf(w->bulk_rep, sizeof w->bulk_rep, "%s/bulk.csv", dir);
	snprintf(w->batch_rep, sizeof w->batch_rep, "%s/batch.csv", dir);
	ck_assert_int_eq(load_as(w->bulk_db, w->bulk_rep, 1, dry_run, &w->sb), 1);
	ck_assert_int_eq(load_as(w->batch_db, w->batch_rep, 1000000000L, dry_run, &w->sn), 1);
	ck_assert_int_eq(w->sb.bulk, 1);
	ck_assert_int_eq(w->sb.alone, !dry_run && !others_open);
	ck_assert_int_eq(w->sn.bulk, 0);
	ck_assert_int_eq(w->sn.alone, 0);
	ck_assert_int_eq(w->sb.rows, rows);
	ck_assert_int_eq(w->sb.imported, w->sn.imported);
	ck_assert_int_eq(w->sb.refused, w->sn.refused);
	ck_assert_int_eq(w->sb.problems, w->sn.problems);
	/* four rows in 50 are refused (ID number, VIN, same person, mobile),
	 * the one that clashes with the seed and the one whose car is refused */
	ck_assert_int_eq(w->sb.refused, 4 * rows / 50 + 2);
	char *r1 = tu_read(w->bulk_rep), *r2 = tu_read(w->batch_rep);
	ck_assert_str_eq(r1, r2);
	ck_assert_ptr_nonnull(strstr(r1, "测试：拒绝这辆车"));
	ck_assert_ptr_nonnull(strstr(r1, "duplicate.mobile"));
	ck_assert_ptr_nonnull(strstr(r1, "duplicate.plate"));
	free(r2);
	return r1;
}

/* _i: with another terminal open, the load stays in WAL (st_bulk_alone) */
START_TEST(bulk_load_ends_as_batch_load)
{
	others_open = _i;
	struct both w;
	char *r1 = load_both(&w, 600, 0);
	const char *bulk_db = w.bulk_db, *batch_db = w.batch_db;
	struct imp_stats sb = w.sb;
	ck_assert_int_eq(tu_sql_int(bulk_db, "SELECT count(*) FROM customers WHERE name = '客户42'"), 0);
	ck_assert_ptr_nonnull(strstr(r1, "duplicate.id_no"));
	ck_assert_ptr_nonnull(strstr(r1, "duplicate.vin"));
	ck_assert_ptr_nonnull(strstr(r1, "duplicate.person"));
	free(r1);
	/* the times of day differ between the two runs; everything else must not */
	const char *const dbs[] = { bulk_db, batch_db };
	for (int k = 0; k < 2; k++) {
		tu_sql_exec(dbs[k], "UPDATE customers SET created_at = '', updated_at = '';"
		                    "UPDATE vehicles SET created_at = ''");
		ck_assert_str_eq(tu_sql_text(dbs[k], "PRAGMA integrity_check"), "ok");
		/* FTS5 compares its index with the customers table */
		tu_sql_exec(dbs[k], "INSERT INTO customer_mobile_fts(customer_mobile_fts) VALUES('integrity-check')");
	}
	ck_assert_int_eq(tu_sql_int(bulk_db, "SELECT count(*) FROM customers"), sb.imported + 1);
	ck_assert_int_eq(differ(bulk_db, batch_db, "*", "customers"), 0);
	ck_assert_int_eq(differ(bulk_db, batch_db, "*", "vehicles"), 0);
	ck_assert_int_gt(tu_sql_int(bulk_db, "SELECT count(*) FROM due_feed"), 100);
	ck_assert_int_eq(differ(bulk_db, batch_db, "*", "due_feed"), 0);
	/* every index and trigger is back, word for word (in new pages) */
	ck_assert_int_eq(differ(bulk_db, batch_db, "type, name, tbl_name, sql", "sqlite_master"), 0);
	const char *hits = "SELECT group_concat(rowid) FROM (SELECT rowid FROM customer_mobile_fts"
	                   " WHERE customer_mobile_fts MATCH '\"0000012\"' ORDER BY rowid)";
	char bulk_hits[256];
	snprintf(bulk_hits, sizeof bulk_hits, "%s", tu_sql_text(bulk_db, hits));
	ck_assert_str_ne(bulk_hits, "");
	ck_assert_str_eq(bulk_hits, tu_sql_text(batch_db, hits));
}
END_TEST

/* A dry run of a large file goes the same way (a row-by-row dry run keeps
 * every savepoint's journal in a file): it must find and report exactly
 * what the row-by-row dry run finds, and leave nothing behind. */
START_TEST(dry_run_in_one_go_reports_as_row_by_row)
{
	struct both w;
	free(load_both(&w, 600, 1));
	const char *bulk_db = w.bulk_db, *batch_db = w.batch_db;
	const char *const dbs[] = { bulk_db, batch_db };
	for (int k = 0; k < 2; k++) {
		ck_assert_int_eq(tu_sql_int(dbs[k], "SELECT count(*) FROM customers"), 1); /* the seed */
		ck_assert_int_eq(tu_sql_int(dbs[k], "SELECT count(*) FROM vehicles"), 0);
		ck_assert_int_eq(tu_sql_int(dbs[k], "SELECT count(*) FROM import_runs WHERE path LIKE '%in.csv'"), 0);
		ck_assert_str_eq(tu_sql_text(dbs[k], "PRAGMA integrity_check"), "ok");
		tu_sql_exec(dbs[k], "INSERT INTO customer_mobile_fts(customer_mobile_fts) VALUES('integrity-check')");
	}
	/* what was set aside for the run is back, word for word */
	ck_assert_int_eq(differ(bulk_db, batch_db, "type, name, tbl_name, sql", "sqlite_master"), 0);
	ck_assert_int_eq(differ(bulk_db, batch_db, "*", "due_feed"), 0);
}
END_TEST

/* A dry run rolls back before anything set aside is rebuilt, so it goes
 * in one go even into a table its file does not double (a real run there
 * goes batch by batch): 500 rows, 200 of them already stored, checked
 * against 551 customers.  It must report what the row-by-row dry run
 * reports and predict what the real run then does. */
START_TEST(dry_run_in_one_go_into_a_larger_table)
{
	char a_db[600], b_db[600], a_rep[600], b_rep[600];
	snprintf(a_db, sizeof a_db, "%s/a.db", dir);
	snprintf(b_db, sizeof b_db, "%s/b.db", dir);
	snprintf(a_rep, sizeof a_rep, "%s/a.csv", dir);
	snprintf(b_rep, sizeof b_rep, "%s/b.csv", dir);
	struct imp_stats sa, sb, real;
	write_file(csv, 600);
	load_as(a_db, NULL, 1000000000L, 0, &sa);
	load_as(b_db, NULL, 1000000000L, 0, &sb);
	ck_assert_int_eq(tu_sql_int(a_db, "SELECT count(*) FROM customers"), 551);
	write_rows(csv, 400, 500);
	ck_assert_int_eq(import_into(a_db, a_rep, 1, 1, 0, &sa), 1);
	ck_assert_int_eq(import_into(b_db, b_rep, 1000000000L, 1, 0, &sb), 1);
	ck_assert_int_eq(sa.bulk, 1);
	ck_assert_int_eq(sb.bulk, 0);
	ck_assert_int_eq(sa.imported, sb.imported);
	ck_assert_int_eq(sa.refused, sb.refused);
	ck_assert_int_eq(sa.already, sb.already);
	/* the stored ones as they are, and the file's own duplicates */
	ck_assert_int_gt(sa.already, 100);
	ck_assert_int_gt(sa.refused, 30);
	char *r1 = tu_read(a_rep), *r2 = tu_read(b_rep);
	ck_assert_str_eq(r1, r2);
	free(r1);
	free(r2);
	ck_assert_int_eq(tu_sql_int(a_db, "SELECT count(*) FROM customers"), 551);
	ck_assert_str_eq(tu_sql_text(a_db, "PRAGMA integrity_check"), "ok");
	ck_assert_int_eq(differ(a_db, b_db, "type, name, tbl_name, sql", "sqlite_master"), 0);
	/* the real run does not double the table: batch by batch, as predicted */
	ck_assert_int_eq(import_into(a_db, NULL, 1, 0, 0, &real), 1);
	ck_assert_int_eq(real.bulk, 0);
	ck_assert_int_eq(real.imported, sa.imported);
	ck_assert_int_eq(real.refused, sa.refused);
	ck_assert_int_eq(real.already, sa.already);
}
END_TEST

static long long wal_size(const char *dbp)
{
	char wal[600];
	snprintf(wal, sizeof wal, "%s-wal", dbp);
	struct stat sb;
	return stat(wal, &sb) == 0 ? (long long)sb.st_size : 0;
}

static long long file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

static int run_import(const char *dbp, const char *kind, const char *path, int kill_when_busy)
{
	const char *const args[] = { "--db", dbp, "import", kind, path, NULL };
	long long first = file_size(dbp);
	pid_t pid = tu_spawn_quiet(args);
	if (kill_when_busy) {
		/* rows are being written once the cache spills: into the WAL, or
		 * alone in the file (st_bulk_alone) past its first size */
		for (int i = 0; i < 30000 && wal_size(dbp) + file_size(dbp) - first < 4 << 20; i++)
			usleep(1000);
		kill(pid, SIGKILL);
	}
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int run_cli(const char *dbp, int kill_when_busy)
{
	return run_import(dbp, "customers", csv, kill_when_busy);
}

START_TEST(killed_bulk_load_leaves_nothing_and_runs_again)
{
	ck_assert_ptr_nonnull(getenv("DESK4S_BIN"));
	enum { ROWS = IMP_BULK_MIN_ROWS + 10000 };
	char dbp[600];
	snprintf(dbp, sizeof dbp, "%s/t.db", dir);
	{
		struct st_db *db;
		char err[512];
		ck_assert_int_eq(st_open(dbp, &db, err, sizeof err), ST_OK);
		struct fdef_form *form = fdef_load("customer", NULL, err, sizeof err);
		seed(db, form);
		fdef_free(form);
		st_close(db);
	}
	char schema[8192];
	const char *objects = "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master ORDER BY name)";
	snprintf(schema, sizeof schema, "%s", tu_sql_text(dbp, objects));
	write_file(csv, ROWS);
	ck_assert_int_eq(run_cli(dbp, 1), -1);
	/* killed alone in the file: its journal is there for the next opener,
	 * the program, which rolls it back and returns the file to WAL */
	char journal[700];
	snprintf(journal, sizeof journal, "%s-journal", dbp);
	ck_assert_int_eq(access(journal, F_OK), 0);
	{
		struct st_db *db;
		char err[512];
		ck_assert_int_eq(st_open(dbp, &db, err, sizeof err), ST_OK);
		st_close(db);
	}
	ck_assert_int_ne(access(journal, F_OK), 0);
	ck_assert_str_eq(tu_sql_text(dbp, "PRAGMA journal_mode"), "wal");
	ck_assert_str_eq(tu_sql_text(dbp, "PRAGMA integrity_check"), "ok");
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT count(*) FROM customers"), 1);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT count(*) FROM vehicles"), 0);
	ck_assert_str_eq(tu_sql_text(dbp, objects), schema);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT coalesce(max(rows_done), 0) FROM import_runs WHERE path LIKE '%in.csv'"), 0);
	/* the same command again: the whole file, once */
	ck_assert_int_eq(run_cli(dbp, 0), 1);
	long imported = (long)tu_sql_int(dbp, "SELECT count(*) FROM customers") - 1;
	ck_assert_int_eq(imported, ROWS - 4 * (ROWS / 50) - 1);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT rows_done FROM import_runs WHERE finished_at IS NOT NULL AND path LIKE '%in.csv'"), imported);
	ck_assert_str_eq(tu_sql_text(dbp, objects), schema);
	ck_assert_str_eq(tu_sql_text(dbp, "PRAGMA integrity_check"), "ok");
	tu_sql_exec(dbp, "INSERT INTO customer_mobile_fts(customer_mobile_fts) VALUES('integrity-check')");
	/* and once more: nothing is added */
	ck_assert_int_eq(run_cli(dbp, 0), 0);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT count(*) FROM customers"), imported + 1);
	/* its journal gone, WAL is back */
	ck_assert_int_ne(access(journal, F_OK), 0);
	ck_assert_str_eq(tu_sql_text(dbp, "PRAGMA journal_mode"), "wal");
}
END_TEST

/* ---- repair orders ---- */

static const char WO_HEADER[] = "wo_no,opened_at,advisor,plate,vin,mileage,fuel,work_type,complaint,items,"
                                "promised_at,status,completed_at,note\n";

/* Three orders for each car of write_file's customers (one in 2019, two
 * this autumn, by three advisors), with every outcome: cars never stored
 * (refused customers), an order without its number (numbered on import),
 * the same number twice, the same car at the same minute without a number,
 * a lower odometer, another plate than the car's, a completed order
 * without its time, and one the database itself refuses (test trigger). */
static void write_orders(const char *path, int cars)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(WO_HEADER, f);
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < cars; i++) {
			char vin[ID_SZ], no[32], opened[32], promised[32], done[32] = "", plate[32];
			vin_of(i, vin);
			int y = k == 0 ? 2019 : 2026, m = k == 0 ? 3 : 9 + k, d = 1 + i % 28;
			/* October's order again: as it was (in already), or with another reading (refused) */
			int again = (i % 50 == 4 || i % 50 == 14) && k == 2;
			int kk = again ? 1 : k;
			if (again)
				m = 10;
			snprintf(opened, sizeof opened, "%d-%02d-%02d %02d:%02d", y, m, d, 8 + i % 5, i % 60);
			snprintf(promised, sizeof promised, "%d-%02d-%02d 18:00", y, m, d);
			snprintf(no, sizeof no, "WO%d%02d%02d-%04d", y, m, d, i + 1);
			if ((i % 50 == 3 && k == 1) || (i % 50 == 5 && k >= 1))
				no[0] = 0;
			if (i % 50 == 5 && k == 2) /* the same minute as its order of October */
				snprintf(opened, sizeof opened, "2026-10-%02d %02d:%02d", d, 8 + i % 5, i % 60), m = 10;
			const char *status = "已完工";
			if (k == 2 && i % 2)
				status = "在修";
			else if (!(i % 50 == 10 && k == 2))
				snprintf(done, sizeof done, "%d-%02d-%02d %02d:30", y, m, d, 14 + i % 4);
			snprintf(plate, sizeof plate, i % 50 == 8 ? "浙B%05d" : "浙A%05d", i % 100000);
			long km = i % 50 == 6 && k == 2 ? 5 : 10000L * (kk + 1) + i + (again && i % 50 == 4);
			fprintf(f, "%s,%s,顾问%c,%s,%s,%ld,1/2,%s,\"异响，\"\"咔哒\"\"\",更换机油,%s,%s,%s,\n", no, opened,
			        'A' + kk, plate, vin, km, kk == 1 ? "一般维修" : "保养", promised, status, done);
		}
	}
	ck_assert_int_eq(fclose(f), 0);
}

/* The orders file into dbp (customers already there), one way or the other. */
static int orders_into(const char *dbp, const char *path, const char *rep, long bulk_min, int dry_run,
                       struct imp_stats *s)
{
	struct st_db *db;
	char err[512];
	ck_assert_int_eq(st_open(dbp, &db, err, sizeof err), ST_OK);
	struct fdef_form *form = fdef_load("workorder", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(form);
	struct imp_opts o = { .path = path, .report = rep, .staff = "t", .bulk_min = bulk_min, .dry_run = dry_run };
	int rc = imp_run(db, "workorders", form, &o, s, err, sizeof err);
	ck_assert_msg(rc == 0 || rc == 1, "import failed: %s", err);
	fdef_free(form);
	st_close(db);
	return rc;
}

/* Orders loaded in one go (indexes and the feed's trigger set aside, the
 * feed and 最近交易日期 filled set-based at the end) end exactly as the
 * same file loaded batch by batch; a dry run in one go leaves nothing. */
START_TEST(order_load_ends_as_batch_load)
{
	enum { CARS = 300 };
	write_file(csv, CARS);
	char orders[600], a_db[600], b_db[600], a_rep[600], b_rep[600], d_rep[600];
	snprintf(orders, sizeof orders, "%s/orders.csv", dir);
	snprintf(a_db, sizeof a_db, "%s/a.db", dir);
	snprintf(b_db, sizeof b_db, "%s/b.db", dir);
	snprintf(a_rep, sizeof a_rep, "%s/a.csv", dir);
	snprintf(b_rep, sizeof b_rep, "%s/b.csv", dir);
	snprintf(d_rep, sizeof d_rep, "%s/d.csv", dir);
	struct imp_stats sa, sb, sd;
	const char *const dbs[] = { a_db, b_db };
	for (int k = 0; k < 2; k++) {
		load_as(dbs[k], NULL, 1000000000L, 0, &sa);
		tu_sql_exec(dbs[k], "CREATE TRIGGER test_refuse_order BEFORE INSERT ON workorders"
		                    " WHEN new.wo_no = 'WO20261015-0015' BEGIN SELECT RAISE(ABORT, '测试：拒绝这张工单'); END");
	}
	const char *objects = "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_master ORDER BY name)";
	char schema[65536];
	snprintf(schema, sizeof schema, "%s", tu_sql_text(a_db, objects));
	write_orders(orders, CARS);

	/* checked in one go: the same report as the real run's, nothing kept */
	ck_assert_int_eq(orders_into(a_db, orders, d_rep, 1, 1, &sd), 1);
	ck_assert_int_eq(sd.bulk, 1);
	ck_assert_int_eq(tu_sql_int(a_db, "SELECT count(*) FROM workorders"), 0);
	ck_assert_str_eq(tu_sql_text(a_db, objects), schema);

	ck_assert_int_eq(orders_into(a_db, orders, a_rep, 1, 0, &sa), 1);
	ck_assert_int_eq(orders_into(b_db, orders, b_rep, 1000000000L, 0, &sb), 1);
	ck_assert_int_eq(sa.bulk, 1);
	ck_assert_int_eq(sb.bulk, 0);
	ck_assert_int_eq(sa.rows, 3 * CARS);
	ck_assert_int_eq(sa.imported, sb.imported);
	ck_assert_int_eq(sa.refused, sb.refused);
	ck_assert_int_eq(sa.problems, sb.problems);
	ck_assert_int_eq(sd.imported, sa.imported);
	ck_assert_int_eq(sd.refused, sa.refused);
	/* one of the six is WO20261015-0015, refused by the test's trigger the first time */
	/* repeats of earlier lines of the file, in a load in one go too */
	ck_assert_int_eq(sa.repeated, CARS / 50 - 1);
	ck_assert_int_eq(sa.already, 0);
	ck_assert_int_eq(sb.repeated, sa.repeated);
	ck_assert_int_eq(sd.repeated, sa.repeated);
	char *r1 = tu_read(a_rep), *r2 = tu_read(b_rep), *r3 = tu_read(d_rep);
	ck_assert_str_eq(r1, r2);
	ck_assert_str_eq(r3, r1);
	static const char *const outcomes[] = {
		"尚未建档", "duplicate.wo_no", "duplicate.workorder", "mileage.lower", "plate.differs",
		"测试：拒绝这张工单", "完工时间",
	};
	for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
		ck_assert_msg(strstr(r1, outcomes[i]), "no %s in the report", outcomes[i]);
	free(r1);
	free(r2);
	free(r3);
	ck_assert_int_gt(sa.imported, 2 * CARS);
	for (int k = 0; k < 2; k++)
		ck_assert_str_eq(tu_sql_text(dbs[k], "PRAGMA integrity_check"), "ok");
	ck_assert_int_eq(differ(a_db, b_db, "*", "workorders"), 0);
	/* 最近交易日期 is the latest completion, whichever way */
	ck_assert_int_eq(differ(a_db, b_db, "id, last_deal_date", "customers"), 0);
	ck_assert_int_gt(tu_sql_int(a_db, "SELECT count(*) FROM customers WHERE last_deal_date >= '2026-11-01'"), 50);
	/* the feed: callbacks of the recent orders, and insurance and
	 * inspection calls naming the advisor of each car's latest order */
	ck_assert_int_eq(differ(a_db, b_db, "*", "due_feed"), 0);
	ck_assert_int_gt(tu_sql_int(a_db, "SELECT count(*) FROM due_feed WHERE kind = '维修回访'"), 100);
	ck_assert_int_gt(tu_sql_int(a_db, "SELECT count(*) FROM due_feed WHERE kind = '保险到期' AND staff = '顾问C'"), 100);
	/* every index and trigger is back, word for word */
	ck_assert_str_eq(tu_sql_text(a_db, objects), schema);
}
END_TEST

/* per_car orders for each of the first cars of write_file's customers,
 * one a month from 2015 on, the odometer rising */
static void write_many_orders(const char *path, int cars, int per_car)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(WO_HEADER, f);
	for (int k = 0; k < per_car; k++) {
		for (int i = 0; i < cars; i++) {
			char vin[ID_SZ];
			vin_of(i, vin);
			int y = 2015 + k / 12, m = 1 + k % 12, d = 1 + i % 28;
			fprintf(f, "W%03d-%05d,%d-%02d-%02d %02d:%02d,顾问A,浙A%05d,%s,%ld,1/2,保养,异响,更换机油,"
			        "%d-%02d-%02d 18:00,已完工,%d-%02d-%02d 16:30,\n",
			        k, i, y, m, d, 8 + i % 5, i % 60, i % 100000, vin, 1000L * (k + 1) + i, y, m, d, y, m, d);
		}
	}
	ck_assert_int_eq(fclose(f), 0);
}

/* An order file loaded in one go and killed half way leaves the shop as
 * it was (no order; 最近交易日期 and the feed untouched; every index and
 * trigger back); the same command then loads every order once. */
START_TEST(killed_order_load_leaves_nothing_and_runs_again)
{
	ck_assert_ptr_nonnull(getenv("DESK4S_BIN"));
	/* a month apart from 2015-01 (80 months: none in the future) */
	enum { CARS = 1000, PER_CAR = 80 };
	ck_assert_int_ge(CARS * PER_CAR, IMP_BULK_MIN_ROWS + 20000);
	char dbp[600], before[600], orders[600];
	snprintf(dbp, sizeof dbp, "%s/t.db", dir);
	snprintf(before, sizeof before, "%s/before.db", dir);
	snprintf(orders, sizeof orders, "%s/orders.csv", dir);
	write_file(csv, CARS);
	struct imp_stats s;
	ck_assert_int_eq(import_into(dbp, NULL, 1000000000L, 0, 0, &s), 1);
	long cars = tu_sql_int(dbp, "SELECT count(*) FROM vehicles WHERE vin IS NOT NULL");
	ck_assert_int_gt(cars, CARS / 2);
	char copy[700];
	snprintf(copy, sizeof copy, "VACUUM INTO '%s'", before);
	tu_sql_exec(dbp, copy);
	const char *objects = "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_master ORDER BY name)";
	char schema[65536];
	snprintf(schema, sizeof schema, "%s", tu_sql_text(dbp, objects));
	write_many_orders(orders, CARS, PER_CAR);

	ck_assert_int_eq(run_import(dbp, "workorders", orders, 1), -1);
	char journal[700];
	snprintf(journal, sizeof journal, "%s-journal", dbp);
	ck_assert_int_eq(access(journal, F_OK), 0); /* killed alone in the file */
	ck_assert_str_eq(tu_sql_text(dbp, "PRAGMA integrity_check"), "ok");
	ck_assert_int_ne(access(journal, F_OK), 0);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT count(*) FROM workorders"), 0);
	ck_assert_str_eq(tu_sql_text(dbp, objects), schema);
	ck_assert_int_eq(differ(dbp, before, "id, last_deal_date", "customers"), 0);
	ck_assert_int_eq(differ(dbp, before, "*", "due_feed"), 0);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT coalesce(max(rows_done), 0) FROM import_runs WHERE path LIKE '%orders.csv'"), 0);

	/* the same command again: every order of a stored car, once, and each
	 * car's customer last dealt in its car's last month, or on its car's
	 * delivery where that came later (this file's cars are delivered in 2026) */
	ck_assert_int_eq(run_import(dbp, "workorders", orders, 0), 1);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT count(*) FROM workorders"), cars * PER_CAR);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT count(DISTINCT wo_no) FROM workorders"), cars * PER_CAR);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT count(*) FROM customers c WHERE last_deal_date = max("
	                                 " coalesce((SELECT max(delivery_date) FROM vehicles v WHERE v.customer_id = c.id AND v.is_sale = '是'"
	                                 "  AND v.returned = 0), ''),"
	                                 " (SELECT max(substr(completed_at, 1, 10)) FROM workorders w"
	                                 "  WHERE w.customer_id = c.id AND completed_at LIKE '2021-08-%'))"),
	                 cars);
	ck_assert_int_gt(differ(dbp, before, "*", "due_feed"), 0);
	ck_assert_str_eq(tu_sql_text(dbp, objects), schema);
	ck_assert_str_eq(tu_sql_text(dbp, "PRAGMA integrity_check"), "ok");
	/* and once more: nothing is added */
	ck_assert_int_eq(run_import(dbp, "workorders", orders, 0), 0);
	ck_assert_int_eq(tu_sql_int(dbp, "SELECT count(*) FROM workorders"), cars * PER_CAR);
}
END_TEST

Suite *bulk_suite(void)
{
	Suite *s = suite_create("bulk");
	TCase *t = tcase_create("bulk");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 300);
	tcase_add_loop_test(t, bulk_load_ends_as_batch_load, 0, 2);
	tcase_add_test(t, dry_run_in_one_go_reports_as_row_by_row);
	tcase_add_test(t, dry_run_in_one_go_into_a_larger_table);
	tcase_add_test(t, killed_bulk_load_leaves_nothing_and_runs_again);
	tcase_add_test(t, order_load_ends_as_batch_load);
	tcase_add_test(t, killed_order_load_leaves_nothing_and_runs_again);
	suite_add_tcase(s, t);
	return s;
}
