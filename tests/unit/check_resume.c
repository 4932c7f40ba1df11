/* An import killed with kill -9 after some batches keeps those batches
 * whole, and running the same command again finishes the job without
 * doubling a row; a file imported completely is not imported twice. */
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include "testutil.h"

enum { ROWS = 40000 };

static char *dir;
static char dbp[512], csvp[512];

static void setup(void)
{
	dir = tu_tmpdir();
	snprintf(dbp, sizeof dbp, "%s/t.db", dir);
	snprintf(csvp, sizeof csvp, "%s/in.csv", dir);
	FILE *f = fopen(csvp, "w");
	fputs("nature,category,source,name,sex,mobile,province,city,district,address\n", f);
	/* no ID numbers or VINs: nothing but the run's progress can stop a
	 * re-run from adding these rows again */
	for (int i = 0; i < ROWS; i++)
		fprintf(f, "个人,个人,自来,客户%d,男,139%08d,330000,330100,330106,文三路%d号\n", i, i, i);
	fclose(f);
}
static void teardown(void) { tu_rmtree(dir); }

static long query(const char *sql)
{
	sqlite3 *h;
	if (sqlite3_open_v2(dbp, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	sqlite3_busy_timeout(h, 5000);
	sqlite3_stmt *s;
	long v = -1;
	if (sqlite3_prepare_v2(h, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	sqlite3_close(h);
	return v;
}

static pid_t start_import(void)
{
	const char *const args[] = { "--db", dbp, "import", "customers", csvp, NULL };
	return tu_spawn_quiet(args);
}

static int run_import(void)
{
	pid_t pid = start_import();
	int st;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

START_TEST(killed_import_resumes_without_doubling)
{
	ck_assert_ptr_nonnull(getenv("DESK4S_BIN"));
	pid_t pid = start_import();
	/* wait until at least one batch is committed, then kill it hard */
	long done = 0;
	for (int i = 0; i < 3000 && done <= 0; i++) {
		usleep(2000);
		done = query("SELECT coalesce(max(line_done),0) FROM import_runs");
	}
	kill(pid, SIGKILL);
	int st;
	waitpid(pid, &st, 0);
	long have = query("SELECT count(*) FROM customers");
	ck_assert_int_eq(query("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	ck_assert_msg(have < ROWS, "the import finished before it could be killed (%ld rows)", have);
	/* whole batches only, and the progress row agrees with the rows */
	ck_assert_int_eq(have % 5000, 0);
	ck_assert_int_eq(query("SELECT rows_done FROM import_runs"), have);
	ck_assert_int_eq(run_import(), 0);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), ROWS);
	ck_assert_int_eq(query("SELECT count(DISTINCT mobile) FROM customers"), ROWS);
	ck_assert_int_eq(query("SELECT count(*) FROM import_runs WHERE finished_at IS NOT NULL"), 1);
	/* and once more: nothing is added */
	ck_assert_int_eq(run_import(), 0);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), ROWS);
}
END_TEST

Suite *resume_suite(void)
{
	Suite *s = suite_create("resume");
	TCase *t = tcase_create("resume");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 120);
	tcase_add_test(t, killed_import_resumes_without_doubling);
	suite_add_tcase(s, t);
	return s;
}
