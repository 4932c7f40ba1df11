/* Drafts (draft.h): the data text gives back exactly what was typed —
 * Chinese, commas, quotes, line breaks, backslashes, '=' and blanks at
 * either end — a stored record keeps only its changes (a cleared field
 * included), damaged data is refused, and the table keeps one draft per
 * staff member and sheet, lists a staff member's own, deletes, and logs
 * 保留草稿 / 恢复草稿 / 放弃草稿 with the customer number. */
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include "testutil.h"
#include "desk4s/audit.h"
#include "desk4s/draft.h"
#include "desk4s/text.h"

static char *dir;
static char path[512];
static struct st_db *db;
static struct fdef_form *cform, *vform;

static void setup(void)
{
	setenv("DESK4S_NOW", "2026-11-23 09:30:00", 1);
	dir = tu_tmpdir();
	snprintf(path, sizeof path, "%s/t.db", dir);
	char err[512];
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	cform = fdef_load("customer", NULL, err, sizeof err);
	vform = fdef_load("visit", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(cform);
	ck_assert_ptr_nonnull(vform);
}

static void teardown(void)
{
	fdef_free(cform);
	fdef_free(vform);
	st_close(db);
	unsetenv("DESK4S_NOW");
	tu_rmtree(dir);
}

/* The first column of the first row of q, through a connection of its own. */
static const char *raw(const char *q) { return tu_sql_text(path, q); }

/* Values no line format may lose. */
static const char *const hard[][2] = {
	{"name", "张三,\"小张\""},
	{"address", "文三路100号\n2单元\r\n东\\西 = 北"},
	{"hobby", "  前后有空格  "},
	{"occupation", "@不是说明行"},
	{"lifestyle", "\\n不是换行\\"},
	{"mobile", "13800138000"},
	{"contact_time", "周一=上午;周二=\"下午\""},
};
#define NHARD (sizeof hard / sizeof hard[0])

static struct rec *hard_rec(void)
{
	struct rec *r = rec_new(cform);
	ck_assert_ptr_nonnull(r);
	for (size_t i = 0; i < NHARD; i++) ck_assert_int_eq(rec_set(r, hard[i][0], hard[i][1]), 0);
	return r;
}

START_TEST(round_trip_exact)
{
	struct draft d = {0}, back = {0};
	snprintf(d.title, sizeof d.title, "客户档案登记表");
	snprintf(d.summary, sizeof d.summary, "张三\n第二行\\");
	snprintf(d.customer_no, sizeof d.customer_no, "C00000007");
	d.link_id = 4242;
	struct rec *r = hard_rec();
	char *data = draft_encode(&d, r, NULL);
	ck_assert_ptr_nonnull(data);
	ck_assert_int_eq(d.nfields, (int)NHARD);
	/* one line per field, no raw line break inside a value */
	int lines = 0;
	for (const char *p = data; *p; p++) lines += *p == '\n';
	ck_assert_int_eq(lines, 1 + 4 + (int)NHARD);
	ck_assert_ptr_null(strchr(data, '\r'));

	struct rec *got = rec_new(cform);
	ck_assert_int_eq(draft_decode(data, &back, got), (int)NHARD);
	ck_assert_int_eq(rec_equal(r, got), 1);
	for (size_t i = 0; i < NHARD; i++) ck_assert_str_eq(rec_get(got, hard[i][0]), hard[i][1]);
	ck_assert_str_eq(back.title, "客户档案登记表");
	ck_assert_str_eq(back.summary, "张三\n第二行\\");
	ck_assert_str_eq(back.customer_no, "C00000007");
	ck_assert_int_eq(back.link_id, 4242);
	ck_assert_int_eq(back.nfields, (int)NHARD);
	/* without a record: only the description and the count */
	struct draft info = {0};
	ck_assert_int_eq(draft_decode(data, &info, NULL), (int)NHARD);
	ck_assert_str_eq(info.summary, back.summary);
	free(data);
	rec_free(got);
	rec_free(r);
}
END_TEST

/* A stored record keeps what changed, a field emptied included, so a
 * restore onto the record as it is later undoes nobody else's changes. */
START_TEST(changes_only_for_a_stored_record)
{
	struct rec *base = hard_rec(), *r = rec_new(cform);
	rec_copy(r, base);
	r->id = 7;
	rec_set(r, "address", "新地址，3楼");
	rec_set(r, "hobby", "");
	struct draft d = {0};
	char *data = draft_encode(&d, r, base);
	ck_assert_ptr_nonnull(data);
	ck_assert_int_eq(d.nfields, 2);
	ck_assert_ptr_null(strstr(data, "name="));
	ck_assert_ptr_nonnull(strstr(data, "\nhobby=\n"));
	/* meanwhile another terminal changed the mobile: the restore keeps it */
	struct rec *later = rec_new(cform);
	rec_copy(later, base);
	rec_set(later, "mobile", "13900139000");
	struct draft back = {0};
	ck_assert_int_eq(draft_decode(data, &back, later), 2);
	ck_assert_str_eq(rec_get(later, "address"), "新地址，3楼");
	ck_assert_str_eq(rec_get(later, "hobby"), "");
	ck_assert_str_eq(rec_get(later, "mobile"), "13900139000");
	ck_assert_str_eq(rec_get(later, "name"), "张三,\"小张\"");
	free(data);
	rec_free(later);
	rec_free(r);
	rec_free(base);
}
END_TEST

START_TEST(damaged_refused_unknown_skipped)
{
	struct draft d = {0};
	struct rec *r = rec_new(cform);
	ck_assert_int_eq(draft_decode("", &d, r), -1);
	ck_assert_int_eq(draft_decode("name=张三\n", &d, r), -1);
	ck_assert_int_eq(draft_decode("desk4s-draft 2\nname=张三\n", &d, r), -1);
	ck_assert_int_eq(draft_decode("desk4s-draft 1\nname\n", &d, r), -1);
	ck_assert_int_eq(draft_decode("desk4s-draft 1\n=张三\n", &d, r), -1);
	ck_assert_int_eq(draft_decode("desk4s-draft 1\nname=张\\t三\n", &d, r), -1);
	ck_assert_int_eq(draft_decode("desk4s-draft 1\nname=张三\\\n", &d, r), -1);
	/* a field the form lost is skipped, a later version's description too */
	ck_assert_int_eq(draft_decode("desk4s-draft 1\n@colour=red\nname=张三\ngone=x\n", &d, r), 1);
	ck_assert_int_eq(d.nfields, 2);
	ck_assert_str_eq(rec_get(r, "name"), "张三");
	/* a field's label is not its key */
	ck_assert_int_eq(draft_decode("desk4s-draft 1\n手机号=13800138000\n", &d, r), 0);
	ck_assert_str_eq(rec_get(r, "mobile"), "");
	rec_free(r);
}
END_TEST

/* Keeps a draft; returns its id. */
static int64_t keep(const char *staff, const struct fdef_form *f, const char *name, int64_t id)
{
	char err[512];
	struct rec *r = rec_new(f);
	r->id = id;
	rec_set(r, f == cform ? "name" : "cust_name", name);
	struct draft d = {0};
	snprintf(d.form, sizeof d.form, "%s", f->name);
	snprintf(d.title, sizeof d.title, "%s", f->title);
	snprintf(d.summary, sizeof d.summary, "%s", name);
	if (id) snprintf(d.customer_no, sizeof d.customer_no, "C%08lld", (long long)id);
	enum st_status st = draft_save(db, staff, &d, r, NULL, err, sizeof err);
	ck_assert_msg(st == ST_OK, "%s", err);
	ck_assert_str_eq(d.saved_at, "2026-11-23 09:30:00");
	ck_assert_int_eq(d.record_id, id);
	ck_assert_int_gt(d.id, 0);
	rec_free(r);
	return d.id;
}

/* Every hang-up keeps its sheets: a second draft of the same sheet is a
 * row of its own (it replaced the first, and what was typed there was
 * lost); only the draft a sheet was restored from is replaced by it. */
START_TEST(each_draft_is_kept)
{
	char err[512];
	struct draft l[8];
	int64_t first = keep("wang", cform, "张三", 0);
	keep("wang", vform, "王五", 0);
	int64_t lis = keep("li", cform, "李四", 0);
	setenv("DESK4S_NOW", "2026-11-23 09:31:00", 1);
	/* the same sheet again, for a stored record: beside the first */
	struct rec *r = rec_new(cform);
	r->id = 12;
	rec_set(r, "name", "张三丰");
	struct draft d = {0};
	snprintf(d.form, sizeof d.form, "customer");
	snprintf(d.summary, sizeof d.summary, "C00000012  张三丰");
	ck_assert_int_eq(draft_save(db, "wang", &d, r, NULL, err, sizeof err), ST_OK);
	ck_assert_int_ne(d.id, first);
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts"), "4");
	ck_assert_str_eq(raw("SELECT group_concat(coalesce(record_id, 'NULL'), ' ') FROM"
	                     " (SELECT * FROM drafts WHERE staff='wang' AND form='customer' ORDER BY id)"), "NULL 12");
	ck_assert_str_eq(raw("SELECT coalesce(record_id, 'NULL') FROM drafts WHERE form='visit'"), "NULL");
	/* restored from that draft and kept again: the draft is replaced */
	setenv("DESK4S_NOW", "2026-11-23 09:32:00", 1);
	int64_t again = d.id;
	rec_set(r, "name", "张三丰二");
	ck_assert_int_eq(draft_save(db, "wang", &d, r, NULL, err, sizeof err), ST_OK);
	ck_assert_int_eq(d.id, again);
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts"), "4");
	rec_free(r);

	/* a staff member sees only their own, newest first */
	ck_assert_int_eq(draft_list(db, "wang", l, 8, err, sizeof err), 3);
	ck_assert_str_eq(l[0].form, "customer");
	ck_assert_int_eq(l[0].id, again);
	ck_assert_str_eq(l[0].summary, "C00000012  张三丰");
	ck_assert_str_eq(l[0].saved_at, "2026-11-23 09:32:00");
	ck_assert_int_eq(l[0].record_id, 12);
	ck_assert_int_eq(l[0].nfields, 1);
	/* kept the same second: in the order they were kept */
	ck_assert_str_eq(l[1].form, "customer");
	ck_assert_int_eq(l[1].id, first);
	ck_assert_str_eq(l[2].form, "visit");
	ck_assert_str_eq(l[2].title, "来店(电)客户信息登记表");
	ck_assert_int_eq(l[2].record_id, 0);
	ck_assert_int_eq(draft_list(db, "li", l, 8, err, sizeof err), 1);
	ck_assert_str_eq(l[0].summary, "李四");
	ck_assert_int_eq(draft_list(db, "zhao", l, 8, err, sizeof err), 0);
	ck_assert_int_eq(draft_list(db, "wang", l, 1, err, sizeof err), 1);

	struct rec *got = rec_new(cform);
	ck_assert_int_eq(draft_load(db, "li", lis, &d, got, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(got, "name"), "李四");
	ck_assert_int_eq(draft_load(db, "wang", first, &d, got, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(got, "name"), "张三");
	/* another's draft is not one's own */
	ck_assert_int_eq(draft_load(db, "li", first, &d, got, err, sizeof err), ST_NOTFOUND);
	rec_free(got);
}
END_TEST

/* A sheet restored from a draft that was thrown away meanwhile (the same
 * login's other terminal, the customer's data erased) is kept as a draft
 * of its own on a hang-up: the row id it held may be another staff
 * member's draft by then (ids are reused), and replacing it lost what they
 * had typed. */
START_TEST(a_restored_draft_never_replaces_anothers)
{
	char err[512];
	int64_t mine = keep("wang", cform, "张三", 0);
	ck_assert_int_eq(draft_delete(db, "wang", mine, 1, err, sizeof err), ST_OK);
	int64_t theirs = keep("li", cform, "李四", 0);
	ck_assert_int_eq(theirs, mine); /* the id came free and was taken again */
	struct rec *r = rec_new(cform);
	rec_set(r, "name", "张三丰");
	struct draft d = {0};
	d.id = mine; /* the sheet restored from it */
	snprintf(d.form, sizeof d.form, "customer");
	snprintf(d.summary, sizeof d.summary, "张三丰");
	ck_assert_int_eq(draft_save(db, "wang", &d, r, NULL, err, sizeof err), ST_OK);
	rec_free(r);
	ck_assert_int_ne(d.id, theirs);
	struct draft l[4];
	ck_assert_int_eq(draft_list(db, "li", l, 4, err, sizeof err), 1);
	ck_assert_str_eq(l[0].summary, "李四");
	ck_assert_int_eq(draft_list(db, "wang", l, 4, err, sizeof err), 1);
	ck_assert_str_eq(l[0].summary, "张三丰");
}
END_TEST

/* st_set_busy_wait: a write waits as long as it is told, here past the
 * usual ten seconds (a hung-up session sets its own, shorter, wait and then
 * keeps its drafts in files: a_draft_the_database_cannot_take_waits_in_a_file). */
START_TEST(a_draft_waits_out_a_long_import)
{
	char err[512];
	int ready[2];
	ck_assert_int_eq(pipe(ready), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		sqlite3 *h;
		if (sqlite3_open(path, &h) != SQLITE_OK || sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(ready[1], "x", 1) != 1) _exit(1);
		sleep(11); /* past the ten seconds a save waits */
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(h);
		_exit(0);
	}
	char c;
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	st_set_busy_wait(db, 60 * 1000);
	struct rec *r = rec_new(cform);
	rec_set(r, "name", "张三");
	struct draft d = {0};
	snprintf(d.form, sizeof d.form, "customer");
	enum st_status st = draft_save(db, "wang", &d, r, NULL, err, sizeof err);
	ck_assert_msg(st == ST_OK, "%s", err);
	rec_free(r);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts"), "1");
	close(ready[0]);
	close(ready[1]);
}
END_TEST

/* A hang-up whose database stays held past its short wait: the draft
 * goes whole into a private file beside the database (every hard value
 * kept), which the next login takes into the table under its owner with
 * its 保留草稿 line, once, and deletes. */
START_TEST(a_draft_the_database_cannot_take_waits_in_a_file)
{
	char err[512], file[4400], want[600];
	int ready[2], done[2];
	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(done), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		sqlite3 *h;
		char c;
		if (sqlite3_open(path, &h) != SQLITE_OK || sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(ready[1], "x", 1) != 1 || read(done[0], &c, 1) != 1) _exit(1);
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(h);
		_exit(0);
	}
	char c;
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	st_set_busy_wait(db, 300);
	struct rec *r = hard_rec();
	struct draft d = {0};
	snprintf(d.form, sizeof d.form, "customer");
	snprintf(d.title, sizeof d.title, "客户档案登记表");
	snprintf(d.summary, sizeof d.summary, "张三");
	ck_assert_int_ne(draft_save(db, "wang", &d, r, NULL, err, sizeof err), ST_OK);
	ck_assert_int_eq(draft_save_file(db, "wang", &d, r, NULL, file, sizeof file, err, sizeof err), ST_OK);
	snprintf(want, sizeof want, "%s.drafts/", path);
	ck_assert_msg(strncmp(file, want, strlen(want)) == 0, "%s", file);
	struct stat sb;
	ck_assert_int_eq(stat(file, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	want[strlen(want) - 1] = 0;
	ck_assert_int_eq(stat(want, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0700);
	/* still held: the file stays for the next login */
	ck_assert_int_eq(draft_take_files(db, err, sizeof err), -1);
	ck_assert_int_eq(access(file, F_OK), 0);
	ck_assert_int_eq(write(done[1], "x", 1), 1);
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	st_set_busy_wait(db, 0);
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts"), "0");

	ck_assert_int_eq(draft_take_files(db, err, sizeof err), 1);
	ck_assert_int_eq(access(file, F_OK), -1);
	ck_assert_int_eq(draft_take_files(db, err, sizeof err), 0);
	ck_assert_str_eq(raw("SELECT staff || '|' || form || '|' || coalesce(record_id, '-') || '|' || saved_at FROM drafts"),
	                 "wang|customer|-|2026-11-23 09:30:00");
	ck_assert_str_eq(raw("SELECT detail FROM audit_log WHERE action = '保留草稿' AND staff = 'wang'"),
	                 "客户档案登记表（新记录），张三，7 项（断线时数据库忙，先存于文件，2026-11-23 09:30:00）");
	struct draft got;
	struct rec *back = rec_new(cform);
	struct draft listed[2];
	ck_assert_int_eq(draft_list(db, "wang", listed, 2, err, sizeof err), 1);
	ck_assert_int_eq(draft_load(db, "wang", listed[0].id, &got, back, err, sizeof err), ST_OK);
	for (size_t i = 0; i < NHARD; i++) ck_assert_str_eq(rec_get(back, hard[i][0]), hard[i][1]);
	ck_assert_str_eq(got.summary, "张三");
	/* a sheet restored from that draft and cut off again: its file replaces it */
	ck_assert_int_eq(rec_set(back, "name", "张三丰"), 0);
	struct draft again = {0};
	again.id = listed[0].id;
	snprintf(again.form, sizeof again.form, "customer");
	ck_assert_int_eq(draft_save_file(db, "wang", &again, back, NULL, file, sizeof file, err, sizeof err), ST_OK);
	ck_assert_int_eq(draft_take_files(db, err, sizeof err), 1);
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts"), "1");
	ck_assert_int_eq(draft_load(db, "wang", listed[0].id, &got, back, err, sizeof err), ST_OK);
	ck_assert_str_eq(rec_get(back, "name"), "张三丰");
	/* a file that is no draft is set aside, not offered, and the rest taken */
	char bad[700], aside[700];
	snprintf(bad, sizeof bad, "%s.drafts/20261123-093000-1-0.draft", path);
	snprintf(aside, sizeof aside, "%s.drafts/20261123-093000-1-0.damaged", path);
	tu_write(bad, "not a draft\n");
	ck_assert_int_eq(draft_save_file(db, "wang", &d, r, NULL, file, sizeof file, err, sizeof err), ST_OK);
	ck_assert_int_eq(draft_take_files(db, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "已损坏，未转入") != NULL, "%s", err);
	ck_assert_int_eq(access(aside, F_OK), 0);
	ck_assert_int_eq(access(file, F_OK), -1);
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts"), "2");
	ck_assert_int_eq(draft_take_files(db, err, sizeof err), 0);
	rec_free(back);
	rec_free(r);
	close(ready[0]);
	close(ready[1]);
	close(done[0]);
	close(done[1]);
}
END_TEST

/* A login killed while it took a file in (between claiming it by a rename
 * and taking it) left NAME.draft.taking, never offered again: the draft
 * was lost.  One claimed long ago is offered again; one claimed a moment
 * ago (another login at work on it) is left alone. */
START_TEST(a_file_a_killed_login_claimed_is_taken_later)
{
	char err[512], file[4400], claimed[4500];
	struct rec *r = hard_rec();
	struct draft d = {0};
	snprintf(d.form, sizeof d.form, "customer");
	snprintf(d.summary, sizeof d.summary, "张三");
	ck_assert_int_eq(draft_save_file(db, "wang", &d, r, NULL, file, sizeof file, err, sizeof err), ST_OK);
	rec_free(r);
	snprintf(claimed, sizeof claimed, "%s.taking", file);
	ck_assert_int_eq(rename(file, claimed), 0);
	/* in another login's hands: not taken */
	ck_assert_int_eq(draft_take_files(db, err, sizeof err), 0);
	ck_assert_int_eq(access(claimed, F_OK), 0);
	/* an hour on: its login is surely gone */
	struct timespec old[2] = { { .tv_sec = time(NULL) - 3600 }, { .tv_sec = time(NULL) - 3600 } };
	ck_assert_int_eq(utimensat(AT_FDCWD, claimed, old, 0), 0);
	ck_assert_int_eq(draft_take_files(db, err, sizeof err), 1);
	ck_assert_int_eq(access(claimed, F_OK), -1);
	ck_assert_int_eq(access(file, F_OK), -1);
	ck_assert_str_eq(raw("SELECT staff || '|' || form FROM drafts"), "wang|customer");
	/* a terminal that opens the database by another name (a link) keeps
	 * and finds its files in the same directory */
	char link[600], mine[4200], theirs[4200];
	snprintf(link, sizeof link, "%s/shop-link.db", dir);
	ck_assert_int_eq(symlink("t.db", link), 0);
	struct st_db *other;
	ck_assert_int_eq(st_open(link, &other, err, sizeof err), ST_OK);
	draft_file_dir(db, mine, sizeof mine);
	draft_file_dir(other, theirs, sizeof theirs);
	ck_assert_str_eq(theirs, mine);
	st_close(other);
	/* a file that waited long is claimed with the time of its claim (a
	 * rename keeps the old one): seen by another login meanwhile it would
	 * read as a claim long abandoned, be offered again and taken twice.
	 * Here the database refuses, so the claim is given back for a look */
	struct rec *r2 = hard_rec();
	ck_assert_int_eq(draft_save_file(db, "wang", &d, r2, NULL, file, sizeof file, err, sizeof err), ST_OK);
	rec_free(r2);
	ck_assert_int_eq(utimensat(AT_FDCWD, file, old, 0), 0);
	sqlite3 *w;
	ck_assert_int_eq(sqlite3_open(path, &w), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(w, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	st_set_busy_wait(db, 200);
	ck_assert_int_eq(draft_take_files(db, err, sizeof err), -1);
	sqlite3_exec(w, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(w);
	struct stat fs;
	ck_assert_int_eq(stat(file, &fs), 0);
	ck_assert_int_ge(fs.st_mtime, time(NULL) - 60);
}
END_TEST

/* A draft waiting in a file about a customer whose personal data was
 * erased meanwhile (注销 or 销毁 from a batch command, which takes no
 * files in): the erasure forgot every draft of theirs in the table, so
 * this one is not brought back with what was typed about them, only
 * deleted and logged without it. */
START_TEST(a_file_draft_of_a_customer_erased_meanwhile_is_dropped)
{
	char err[512], file[4400];
	tu_sql_exec(path, "INSERT INTO customers(id, cust_no, name) VALUES(7, 'C00000007', '张三')");
	struct rec *r = hard_rec();
	r->id = 7;
	struct draft d = {0};
	snprintf(d.form, sizeof d.form, "customer");
	snprintf(d.customer_no, sizeof d.customer_no, "C00000007");
	snprintf(d.summary, sizeof d.summary, "张三");
	ck_assert_int_eq(draft_save_file(db, "wang", &d, r, NULL, file, sizeof file, err, sizeof err), ST_OK);
	/* a new customer's sheet naming the same customer number */
	struct draft n = {0};
	snprintf(n.form, sizeof n.form, "workorder");
	snprintf(n.customer_no, sizeof n.customer_no, "C00000007");
	r->id = 0;
	ck_assert_int_eq(draft_save_file(db, "wang", &n, r, NULL, file, sizeof file, err, sizeof err), ST_OK);
	rec_free(r);
	tu_sql_exec(path, "UPDATE customers SET name = '（已注销）', anonymized_at = '2026-11-24 10:00:00' WHERE id = 7");
	ck_assert_int_eq(draft_take_files(db, err, sizeof err), 0);
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts"), "0");
	ck_assert_int_eq(access(file, F_OK), -1);
	ck_assert_str_eq(raw("SELECT count(*) FROM audit_log WHERE action = '放弃草稿' AND customer_no = 'C00000007'"
	                     " AND detail LIKE '%个人信息已清除%' AND detail NOT LIKE '%张三%'"), "2");
	ck_assert_str_eq(raw("SELECT count(*) FROM audit_log WHERE action = '保留草稿'"), "0");
}
END_TEST

START_TEST(delete_and_the_usage_log)
{
	char err[512];
	struct draft d;
	int64_t cust = keep("wang", cform, "张三", 5);
	int64_t visit = keep("wang", vform, "王五", 0);
	ck_assert_str_eq(raw("SELECT count(*) FROM audit_log WHERE action='保留草稿'"), "2");
	ck_assert_str_eq(raw("SELECT customer_no FROM audit_log WHERE action='保留草稿' ORDER BY id LIMIT 1"),
	                 "C00000005");
	ck_assert_str_eq(raw("SELECT detail FROM audit_log WHERE action='保留草稿' ORDER BY id LIMIT 1"),
	                 "客户档案登记表（已有记录），张三，1 项");

	ck_assert_int_eq(draft_load(db, "wang", cust, &d, NULL, err, sizeof err), ST_OK);
	ck_assert_int_eq(draft_restored(db, "wang", &d, err, sizeof err), ST_OK);
	ck_assert_str_eq(raw("SELECT customer_no FROM audit_log WHERE action='恢复草稿'"), "C00000005");

	/* saved: gone without an entry of its own (the save has one) */
	ck_assert_int_eq(draft_delete(db, "wang", cust, 0, err, sizeof err), ST_OK);
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts WHERE form='customer'"), "0");
	ck_assert_str_eq(raw("SELECT count(*) FROM audit_log WHERE action='放弃草稿'"), "0");
	/* thrown away: logged with what it was */
	ck_assert_int_eq(draft_delete(db, "wang", visit, 1, err, sizeof err), ST_OK);
	ck_assert_str_eq(raw("SELECT detail FROM audit_log WHERE action='放弃草稿'"),
	                 "来店(电)客户信息登记表（新记录），王五，1 项");
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts"), "0");
	/* already gone (another terminal): not an error, nothing logged */
	ck_assert_int_eq(draft_delete(db, "wang", visit, 1, err, sizeof err), ST_OK);
	ck_assert_str_eq(raw("SELECT count(*) FROM audit_log WHERE action='放弃草稿'"), "1");
	struct audit_check ck;
	ck_assert_int_eq(audit_verify(db, &ck, err, sizeof err), 0);
}
END_TEST

/* Damaged data is listed (so it can be thrown away), refused on restore,
 * and deleted all the same. */
START_TEST(damaged_row)
{
	char err[512];
	struct draft l[4], d;
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO drafts(staff, form, data) VALUES('wang', 'customer', 'junk')",
	                              NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	ck_assert_int_eq(draft_list(db, "wang", l, 4, err, sizeof err), 1);
	ck_assert_str_eq(l[0].summary, "（草稿已损坏）");
	struct rec *r = rec_new(cform);
	ck_assert_int_eq(draft_load(db, "wang", l[0].id, &d, r, err, sizeof err), ST_ERROR);
	ck_assert_ptr_nonnull(strstr(err, "已损坏"));
	rec_free(r);
	ck_assert_int_eq(draft_delete(db, "wang", l[0].id, 1, err, sizeof err), ST_OK);
	ck_assert_str_eq(raw("SELECT count(*) FROM drafts"), "0");
	ck_assert_str_eq(raw("SELECT detail FROM audit_log WHERE action='放弃草稿'"), "customer（新记录），（草稿已损坏），0 项");
}
END_TEST

/* The cause is recorded with the draft: kept as a disabled account's
 * session ended, or (the account enabled, or none) at a hang-up; the
 * intro of the list offering them says which (check_ui_login). */
START_TEST(a_disabled_account_s_draft_says_so)
{
	char err[512];
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "INSERT INTO staff(login, name, role, disabled) VALUES('qian', '钱', '前台', 1),"
	                                 " ('wang', '王', '前台', 0)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	struct rec *r = hard_rec();
	struct draft d = {0}, l[4];
	snprintf(d.form, sizeof d.form, "customer");
	ck_assert_int_eq(draft_save(db, "qian", &d, r, NULL, err, sizeof err), ST_OK);
	memset(&d, 0, sizeof d);
	snprintf(d.form, sizeof d.form, "customer");
	ck_assert_int_eq(draft_save(db, "wang", &d, r, NULL, err, sizeof err), ST_OK);
	ck_assert_int_eq(draft_list(db, "qian", l, 4, err, sizeof err), 1);
	ck_assert_int_eq(l[0].account_disabled, 1);
	ck_assert_int_eq(draft_list(db, "wang", l, 4, err, sizeof err), 1);
	ck_assert_int_eq(l[0].account_disabled, 0);
	ck_assert_str_eq(raw("SELECT group_concat(staff || ':' || (instr(data, char(10) || '@cause=账号停用' || char(10)) > 0), ',')"
	                     " FROM (SELECT staff, data FROM drafts ORDER BY id)"), "qian:1,wang:0");
	rec_free(r);
}
END_TEST

/* A database in a folder with a long Chinese name: the message saying
 * where a draft could not be written cuts the path between characters
 * (with "…"), where "%.300s" ended it inside one and the line shown on
 * the way out was no longer text. */
START_TEST(a_long_chinese_path_is_cut_between_characters)
{
	char err[512], file[4400], deep[1200], dbp[1300];
	/* ASCII padding puts byte 300 of the path inside a character whatever
	 * the temporary folder's length */
	size_t lead = strlen(dir) + 1, pad = 0;
	while ((300 - (lead + pad + 1)) % 3 != 1) pad++;
	snprintf(deep, sizeof deep, "%s/%.*s", dir, (int)pad + 1, "pppp");
	ck_assert_int_eq(mkdir(deep, 0700), 0);
	for (int level = 0; level < 2; level++) {
		size_t at = strlen(deep);
		deep[at++] = '/';
		for (int i = 0; i < 70; i++, at += 3) memcpy(deep + at, "门", 3);
		deep[at] = 0;
		ck_assert_int_eq(mkdir(deep, 0700), 0);
	}
	snprintf(dbp, sizeof dbp, "%s/店.db", deep);
	struct st_db *far;
	ck_assert_int_eq(st_open(dbp, &far, err, sizeof err), ST_OK);
	/* a file where the drafts' folder would go: nothing can be written */
	char dd[1400];
	snprintf(dd, sizeof dd, "%s.drafts", dbp);
	int fd = open(dd, O_WRONLY | O_CREAT, 0600);
	ck_assert_int_ge(fd, 0);
	close(fd);
	struct rec *r = hard_rec();
	struct draft d = {0};
	snprintf(d.form, sizeof d.form, "customer");
	ck_assert_int_eq(draft_save_file(far, "wang", &d, r, NULL, file, sizeof file, err, sizeof err), ST_ERROR);
	ck_assert_msg(txt_valid_utf8(err, strlen(err)), "not text: %s", err);
	ck_assert_msg(strncmp(err, "草稿未能写入 ", strlen("草稿未能写入 ")) == 0, "%s", err);
	const char *path_at = err + strlen("草稿未能写入 ");
	ck_assert_msg(strstr(err, "…：") != NULL, "%s", err);
	/* the path is there up to its last whole character within 300 bytes */
	size_t shown = (size_t)(strstr(err, "…：") - path_at);
	ck_assert_uint_le(shown, 300);
	ck_assert_uint_ge(shown, 298);
	ck_assert_int_eq(strncmp(path_at, dd, shown), 0);
	rec_free(r);
	st_close(far);
}
END_TEST

Suite *draft_suite(void)
{
	Suite *s = suite_create("draft");
	TCase *t = tcase_create("format");
	tcase_add_test(t, round_trip_exact);
	tcase_add_test(t, changes_only_for_a_stored_record);
	tcase_add_test(t, damaged_refused_unknown_skipped);
	tcase_add_checked_fixture(t, setup, teardown);
	suite_add_tcase(s, t);
	t = tcase_create("store");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, each_draft_is_kept);
	tcase_add_test(t, a_restored_draft_never_replaces_anothers);
	tcase_add_test(t, delete_and_the_usage_log);
	tcase_add_test(t, damaged_row);
	tcase_add_test(t, a_draft_waits_out_a_long_import);
	tcase_add_test(t, a_draft_the_database_cannot_take_waits_in_a_file);
	tcase_add_test(t, a_file_draft_of_a_customer_erased_meanwhile_is_dropped);
	tcase_add_test(t, a_file_a_killed_login_claimed_is_taken_later);
	tcase_add_test(t, a_long_chinese_path_is_cut_between_characters);
	tcase_add_test(t, a_disabled_account_s_draft_says_so);
	tcase_set_timeout(t, 60);
	suite_add_tcase(s, t);
	return s;
}
