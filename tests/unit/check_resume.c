/* An import killed with kill -9 after some batches keeps those batches
 * whole, and running the same command again finishes the job without
 * doubling a row; a file imported completely is not imported twice. */
#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
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

/* tu_spawn_to: stdout and stderr in a file, not a terminal, so the resume
 * note comes with the summary and there is no progress line. */
static pid_t start_import_of(const char *csv, const char *outp)
{
	const char *const args[] = { "--db", dbp, "import", "customers", csv, NULL };
	return tu_spawn_to(outp, args);
}

/* Until the running import has committed its first batch (six seconds at
 * most: the kill that follows must fall in the middle of the file). */
static void wait_for_a_batch(void)
{
	long done = 0;
	for (int i = 0; i < 3000 && done <= 0; i++) {
		usleep(2000);
		done = query("SELECT coalesce(max(line_done),0) FROM import_runs");
	}
}

START_TEST(killed_import_resumes_without_doubling)
{
	ck_assert_ptr_nonnull(getenv("DESK4S_BIN"));
	pid_t pid = start_import();
	/* wait until at least one batch is committed, then kill it hard */
	wait_for_a_batch();
	kill(pid, SIGKILL);
	int st;
	waitpid(pid, &st, 0);
	long have = query("SELECT count(*) FROM customers");
	ck_assert_int_eq(query("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	ck_assert_msg(have < ROWS, "the import finished before it could be killed (%ld rows)", have);
	/* whole batches only, and the progress row agrees with the rows */
	ck_assert_int_eq(have % 5000, 0);
	ck_assert_int_eq(query("SELECT rows_done FROM import_runs"), have);
	/* the re-run says where it picks up: lines (the header is line 1) and
	 * rows are not the same count */
	char outp[600], want[200];
	snprintf(outp, sizeof outp, "%s/rerun.out", dir);
	ck_assert_int_eq(tu_exit_status(start_import_of(csvp, outp)), 0);
	char *said = tu_read(outp);
	snprintf(want, sizeof want, "文件前 %ld 行（含表头）已处理，其中 %ld 行已存入。", have + 1, have);
	ck_assert_msg(strstr(said, want), "wanted “%s” in: %s", want, said);
	free(said);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), ROWS);
	ck_assert_int_eq(query("SELECT count(DISTINCT mobile) FROM customers"), ROWS);
	ck_assert_int_eq(query("SELECT count(*) FROM import_runs WHERE finished_at IS NOT NULL"), 1);
	/* and once more: nothing is added */
	ck_assert_int_eq(run_import(), 0);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), ROWS);
}
END_TEST

START_TEST(ctrl_c_keeps_the_committed_batches_and_says_so)
{
	char errp[600], want[200];
	snprintf(errp, sizeof errp, "%s/import.err", dir);
	pid_t pid = start_import_of(csvp, errp);
	wait_for_a_batch();
	kill(pid, SIGINT);
	ck_assert_int_eq(tu_exit_status(pid), 130);
	long have = query("SELECT count(*) FROM customers");
	ck_assert_msg(have > 0 && have < ROWS, "%ld rows: the import was not stopped half way", have);
	ck_assert_int_eq(have % 5000, 0); /* the open batch went back */
	ck_assert_int_eq(query("SELECT rows_done FROM import_runs"), have);
	ck_assert_int_eq(query("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	char *said = tu_read(errp);
	snprintf(want, sizeof want, "这个文件已有 %ld 行存入数据库；重新运行同一命令即可从中断处继续。", have);
	ck_assert_msg(strstr(said, "已中断") && strstr(said, want), "wanted “%s” in: %s", want, said);
	free(said);
	/* the log says what was kept, not what was read */
	ck_assert_int_eq(query("SELECT count(*) FROM audit_log WHERE detail LIKE '%中途中断'"), 1);
	char like[120];
	snprintf(like, sizeof like, "SELECT count(*) FROM audit_log WHERE detail LIKE '%%导入 %ld 行%%'", have);
	ck_assert_int_eq(query(like), 1);
	ck_assert_int_eq(run_import(), 0);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), ROWS);
}
END_TEST

/* The rows of a file of refused rows (--refused): its header once, then
 * the refused rows in file order, each once, whole, with its reason (the
 * rows a run continuing a stop adds too); -1 if not so. */
static long refused_rows(const char *path)
{
	static const char head[] = "\xEF\xBB\xBFnature,category,source,name,sex,mobile,province,city,district,address,拒绝原因\n";
	char *t = tu_read(path);
	if (!t || strncmp(t, head, strlen(head)) != 0) {
		free(t);
		return -1;
	}
	long n = 0, last = -1;
	for (char *p = t + strlen(head) - 1; p && p[1]; p = strchr(p + 1, '\n')) {
		long i;
		char row[300];
		if (sscanf(p + 1, "某某,个人,自来,客户%ld,", &i) != 1 || i <= last || i % 10 != 9) {
			free(t);
			return -1;
		}
		int len = snprintf(row, sizeof row, "某某,个人,自来,客户%ld,男,139%08ld,330000,330100,330106,文三路%ld号,"
		                   "客户性质：应为以下之一：个人/单位\n", i, i, i);
		if (strncmp(p + 1, row, (size_t)len) != 0) {
			free(t);
			return -1;
		}
		last = i;
		n++;
	}
	free(t);
	return n;
}

/* Whether the report holds, under one heading, one line for each refused
 * row of bad.csv (every tenth) and nothing else: no line of a batch that
 * was undone twice, none half written, no note of the stop that the run
 * continuing it made untrue.  NULL if so, else what is wrong. */
static const char *report_each_once(const char *path)
{
	static char why[120];
	char *t = tu_read(path);
	if (!t || strncmp(t, "line,field,label,code,severity,message\n", 39) != 0) {
		free(t);
		return "no heading";
	}
	long n = 0, last = 0;
	*why = 0;
	for (char *p = strchr(t, '\n'); p && p[1] && !*why; p = strchr(p + 1, '\n')) {
		long line;
		if (sscanf(p + 1, "%ld,nature,", &line) != 1 || line <= last || (line - 2) % 10 != 9)
			snprintf(why, sizeof why, "after line %ld: %.60s", last, p + 1);
		last = line;
		n++;
	}
	if (!*why && n != ROWS / 10)
		snprintf(why, sizeof why, "%ld lines, not %d", n, ROWS / 10);
	free(t);
	return *why ? why : NULL;
}

/* Rows refused in the batches a stopped run committed are not checked
 * again: the stop says how many, and the re-run adds to the same report
 * and the same file of refused rows instead of starting them afresh, so
 * none of them goes unreported or missing, and none is there twice (the
 * rows of the batch the stop undid are not kept). */
START_TEST(refusals_before_a_stop_stay_reported)
{
	char csv2[600], rep[600], errp[600], outp[600], refp[600];
	snprintf(refp, sizeof refp, "%s/refused.csv", dir);
	snprintf(csv2, sizeof csv2, "%s/bad.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep.csv", dir);
	snprintf(errp, sizeof errp, "%s/import.err", dir);
	snprintf(outp, sizeof outp, "%s/rerun.out", dir);
	FILE *f = fopen(csv2, "w");
	fputs("nature,category,source,name,sex,mobile,province,city,district,address\n", f);
	for (int i = 0; i < ROWS; i++) /* every tenth row refused */
		fprintf(f, "%s,个人,自来,客户%d,男,139%08d,330000,330100,330106,文三路%d号\n", i % 10 == 9 ? "某某" : "个人", i,
		        i, i);
	fclose(f);
	const char *const args[] = { "--db", dbp, "import", "customers", csv2, "--report", rep, "--refused", refp, NULL };
	pid_t pid = tu_spawn_to(errp, args);
	wait_for_a_batch();
	kill(pid, SIGINT);
	ck_assert_int_eq(tu_exit_status(pid), 130);
	long lines = query("SELECT line_done FROM import_runs") - 1, want_refused = lines / 10;
	ck_assert_msg(lines > 0 && lines < ROWS, "%ld lines: the import was not stopped half way", lines);
	char *said = tu_read(errp), want[900];
	snprintf(want, sizeof want, "已提交的部分中有 %ld 行被拒绝，重新运行不会再检查它们；原因见报告 %s", want_refused, rep);
	ck_assert_msg(strstr(said, want), "wanted “%s” in: %s", want, said);
	snprintf(want, sizeof want, "其中 %ld 行已存入 %s（末列“拒绝原因”写明原因）。", want_refused, refp);
	ck_assert_msg(strstr(said, want), "wanted “%s” in: %s", want, said);
	free(said);
	ck_assert_int_eq(refused_rows(refp), want_refused);
	ck_assert_int_eq(query("SELECT rows_refused FROM import_runs"), want_refused);
	ck_assert_int_eq(tu_exit_status(tu_spawn_to(outp, args)), 1);
	ck_assert_int_eq(refused_rows(refp), ROWS / 10);
	/* the run's count of refusals spans both runs */
	ck_assert_int_eq(query("SELECT rows_refused FROM import_runs"), ROWS / 10);
	said = tu_read(outp);
	ck_assert_msg(strstr(said, "接在上次中断的那次运行的内容之后"), "%s", said);
	free(said);
	/* one heading; the first refusal (line 11) and the last (line ROWS+1) */
	char *r = tu_read(rep);
	int headings = 0;
	for (const char *p = r; (p = strstr(p, "line,field,label")); p++)
		headings++;
	ck_assert_int_eq(headings, 1);
	char last[40];
	snprintf(last, sizeof last, "\n%d,nature,", ROWS + 1);
	ck_assert_msg(strstr(r, "\n11,nature,") && strstr(r, last), "%s", r);
	free(r);
	/* each refusal once: the undone batch's lines are not there twice */
	const char *why = report_each_once(rep);
	ck_assert_msg(!why, "%s", why);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), ROWS - ROWS / 10);
}
END_TEST

/* Start an import of ROWS rows, every tenth refused, with these arguments
 * (file at csv2), and kill it outright past its first committed batch. */
static void kill_half_way(const char *csv2, const char *const *args)
{
	char errp[600];
	snprintf(errp, sizeof errp, "%s/import.err", dir);
	FILE *f = fopen(csv2, "w");
	fputs("nature,category,source,name,sex,mobile,province,city,district,address\n", f);
	for (int i = 0; i < ROWS; i++)
		fprintf(f, "%s,个人,自来,客户%d,男,139%08d,330000,330100,330106,文三路%d号\n", i % 10 == 9 ? "某某" : "个人", i,
		        i, i);
	fclose(f);
	pid_t pid = tu_spawn_to(errp, args);
	/* past the first batch and into the next (its lines partly written) */
	long done = 0;
	for (int i = 0; i < 3000 && done <= 0; i++) {
		usleep(2000);
		done = query("SELECT coalesce(max(line_done),0) FROM import_runs");
	}
	usleep(30000);
	kill(pid, SIGKILL);
	int st;
	waitpid(pid, &st, 0);
	long lines = query("SELECT line_done FROM import_runs") - 1;
	ck_assert_msg(lines > 0 && lines < ROWS, "%ld lines: the import was not killed half way", lines);
}

/* Killed outright, an import cannot cut its report and its file of
 * refused rows back to the last committed batch: the run that continues it
 * does, from the lengths kept with that batch, so each refusal is in both
 * once, and a line the kill left half written is not kept. */
START_TEST(killed_import_reports_each_refusal_once)
{
	char csv2[600], rep[600], outp[600], refp[600];
	snprintf(refp, sizeof refp, "%s/refused.csv", dir);
	snprintf(csv2, sizeof csv2, "%s/bad.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep.csv", dir);
	snprintf(outp, sizeof outp, "%s/rerun.out", dir);
	const char *const args[] = { "--db", dbp, "import", "customers", csv2, "--report", rep, "--refused", refp, NULL };
	kill_half_way(csv2, args);
	ck_assert_int_eq(tu_exit_status(tu_spawn_to(outp, args)), 1);
	const char *why = report_each_once(rep);
	ck_assert_msg(!why, "%s", why);
	ck_assert_int_eq(refused_rows(refp), ROWS / 10);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), ROWS - ROWS / 10);
}
END_TEST

/* Continued with another report file that already holds something, the
 * run only adds to it: it is not cut to the length the first report had. */
START_TEST(killed_import_continued_with_another_report_cuts_nothing_of_it)
{
	char csv2[600], rep[600], rep2[600], outp[600];
	snprintf(csv2, sizeof csv2, "%s/bad.csv", dir);
	snprintf(rep, sizeof rep, "%s/rep.csv", dir);
	snprintf(rep2, sizeof rep2, "%s/other.csv", dir);
	snprintf(outp, sizeof outp, "%s/rerun.out", dir);
	const char *const args[] = { "--db", dbp, "import", "customers", csv2, "--report", rep, NULL };
	kill_half_way(csv2, args);
	ck_assert_int_gt(query("SELECT report_len FROM import_runs"), 0);
	char keep[1 << 16];
	memset(keep, 'x', sizeof keep - 2);
	keep[sizeof keep - 2] = '\n';
	keep[sizeof keep - 1] = 0;
	tu_write(rep2, keep);
	const char *const other[] = { "--db", dbp, "import", "customers", csv2, "--report", rep2, NULL };
	ck_assert_int_eq(tu_exit_status(tu_spawn_to(outp, other)), 1);
	char *r2 = tu_read(rep2);
	ck_assert_msg(strncmp(r2, keep, strlen(keep)) == 0 && strlen(r2) > strlen(keep), "%.200s", r2);
	free(r2);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), ROWS - ROWS / 10);
}
END_TEST

/* A load in one go stopped by a plain kill: nothing in, the schema whole
 * (the indexes it had set aside are back), and the same command loads it. */
START_TEST(kill_during_a_load_in_one_go_undoes_it_all)
{
	enum { BIG = 60000 };
	char big[600], errp[600], walp[600];
	snprintf(big, sizeof big, "%s/big.csv", dir);
	snprintf(errp, sizeof errp, "%s/import.err", dir);
	snprintf(walp, sizeof walp, "%s-wal", dbp);
	FILE *f = fopen(big, "w");
	ck_assert_ptr_nonnull(f);
	fputs("nature,category,source,name,sex,mobile,province,city,district,address\n", f);
	for (int i = 0; i < BIG; i++)
		fprintf(f, "个人,个人,自来,客户%d,男,138%08d,330000,330100,330106,文三路%d号\n", i, i, i);
	fclose(f);
	/* a fresh database: the schema to compare with */
	const char *const check[] = { "--db", dbp, "check", NULL };
	ck_assert_int_eq(tu_exit_status(tu_spawn_quiet(check)), 0);
	long objects = query("SELECT count(*) FROM sqlite_master");
	ck_assert_int_gt(objects, 50);
	struct stat sb;
	ck_assert_int_eq(stat(dbp, &sb), 0);
	off_t first = sb.st_size;
	pid_t pid = start_import_of(big, errp);
	/* the load has begun once its pages spill: to the WAL, or alone in the
	 * file (st_bulk_alone) past its first size */
	for (int i = 0; i < 5000 && !(stat(walp, &sb) == 0 && sb.st_size > (1 << 20)) &&
	                !(stat(dbp, &sb) == 0 && sb.st_size > first + (1 << 20));
	     i++)
		usleep(2000);
	kill(pid, SIGTERM);
	ck_assert_int_eq(tu_exit_status(pid), 143);
	char *said = tu_read(errp);
	ck_assert_msg(strstr(said, "已中断") && strstr(said, "一次导入已全部撤销"), "%s", said);
	free(said);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), 0);
	ck_assert_int_eq(query("SELECT count(*) FROM sqlite_master"), objects);
	ck_assert_int_eq(query("SELECT count(*) FROM import_runs WHERE finished_at IS NOT NULL"), 0);
	ck_assert_int_eq(query("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
	ck_assert_str_eq(tu_sql_text(dbp, "PRAGMA journal_mode"), "wal"); /* given back as it stopped */
	ck_assert_int_eq(tu_exit_status(start_import_of(big, errp)), 0);
	ck_assert_int_eq(query("SELECT count(*) FROM customers"), BIG);
}
END_TEST

/* An export stopped half way leaves neither the file nor its temporary
 * twin, and says so. */
START_TEST(ctrl_c_during_an_export_leaves_no_file)
{
	ck_assert_int_eq(run_import(), 0);
	char outp[600], errp[600];
	snprintf(outp, sizeof outp, "%s/out.csv", dir);
	snprintf(errp, sizeof errp, "%s/export.err", dir);
	const char *const args[] = { "--db", dbp, "export", "customers", "--out", outp, NULL };
	pid_t pid = tu_spawn_to(errp, args);
	/* the export has begun once its temporary file is there */
	int seen = 0;
	for (int i = 0; i < 20000 && !seen; i++) {
		DIR *d = opendir(dir);
		for (struct dirent *e; d && (e = readdir(d));)
			seen |= strncmp(e->d_name, "out.csv.tmp-", 12) == 0;
		if (d)
			closedir(d);
		if (!seen)
			usleep(200);
	}
	ck_assert_msg(seen, "no temporary file appeared");
	kill(pid, SIGINT);
	ck_assert_int_eq(tu_exit_status(pid), 130);
	char *said = tu_read(errp);
	ck_assert_msg(strstr(said, "导出已中断：没有写出文件"), "%s", said);
	free(said);
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	for (struct dirent *e; (e = readdir(d));)
		ck_assert_msg(strncmp(e->d_name, "out.csv", 7) != 0, "%s was left behind", e->d_name);
	closedir(d);
}
END_TEST

Suite *resume_suite(void)
{
	Suite *s = suite_create("resume");
	TCase *t = tcase_create("resume");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_set_timeout(t, 120);
	tcase_add_test(t, killed_import_resumes_without_doubling);
	tcase_add_test(t, ctrl_c_keeps_the_committed_batches_and_says_so);
	tcase_add_test(t, refusals_before_a_stop_stay_reported);
	tcase_add_test(t, killed_import_reports_each_refusal_once);
	tcase_add_test(t, killed_import_continued_with_another_report_cuts_nothing_of_it);
	tcase_add_test(t, kill_during_a_load_in_one_go_undoes_it_all);
	tcase_add_test(t, ctrl_c_during_an_export_leaves_no_file);
	suite_add_tcase(s, t);
	return s;
}
