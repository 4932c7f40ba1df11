/* The due list as text and CSV: columns lined up by display width with
 * Chinese and ASCII mixed, long cells cut without splitting a character,
 * control characters kept out of rows, the CSV's BOM and quoting, the
 * GB18030 bytes, and rows written on a second thread. */
#define _GNU_SOURCE /* fopencookie: a file that fills up */
#include <errno.h>
#include "testutil.h"
#include "desk4s/report.h"
#include "desk4s/text.h"

static struct due_task task(const char *due, int late, const char *kind, const char *no, const char *name,
                            const char *mobile, const char *plate, const char *staff, const char *reason)
{
	struct due_task t;
	memset(&t, 0, sizeof t);
	snprintf(t.due_date, sizeof t.due_date, "%s", due);
	t.overdue_days = late;
	snprintf(t.kind, sizeof t.kind, "%s", kind);
	snprintf(t.cust_no, sizeof t.cust_no, "%s", no);
	snprintf(t.name, sizeof t.name, "%s", name);
	snprintf(t.mobile, sizeof t.mobile, "%s", mobile);
	snprintf(t.plate, sizeof t.plate, "%s", plate);
	snprintf(t.staff, sizeof t.staff, "%s", staff);
	snprintf(t.reason, sizeof t.reason, "%s", reason);
	return t;
}

static const struct rpt_meta meta = { .from = "2026-11-23", .to = "2026-11-30", .shop = "西湖店", .generated = "2026-11-23 09:00:00" };

/* rpt_text / rpt_csv into a string (caller frees). */
static char *render(int csv, const struct due_task *t, size_t n, int gb)
{
	char *buf = NULL, err[256];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	int rc = csv ? rpt_csv(f, t, n, gb, err, sizeof err) : rpt_text(f, &meta, t, n, gb, err, sizeof err);
	ck_assert_msg(rc == 0, "%s", err);
	fclose(f);
	return buf;
}

/* rpt_text for a terminal of `width` cells into a string (caller frees),
 * for a role that may export unless no_export. */
static int no_export;
static char *render_for(int width, const struct due_task *t, size_t n)
{
	struct rpt_meta m = meta;
	m.width = width;
	m.no_export = no_export;
	char *buf = NULL, err[256];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_msg(rpt_text(f, &m, t, n, 0, err, sizeof err) == 0, "%s", err);
	fclose(f);
	return buf;
}

/* The widest line of s in cells, but for the note on left-out columns
 * (prose, which a terminal may wrap). */
static int widest_line(const char *s)
{
	int most = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		char line[2048];
		snprintf(line, sizeof line, "%.*s", (int)n, s);
		if (txt_width(line) > most && strncmp(line, "终端宽", strlen("终端宽")) != 0)
			most = txt_width(line);
		s += n + (s[n] != 0);
	}
	return most;
}

/* The display column at which needle starts in line. */
static int col_of(const char *line, const char *needle)
{
	const char *p = strstr(line, needle);
	ck_assert_msg(p != NULL, "“%s” not in “%s”", needle, line);
	char pre[1024];
	snprintf(pre, sizeof pre, "%.*s", (int)(p - line), line);
	return txt_width(pre);
}

/* Line k (0-based) of s into out. */
static void line_of(const char *s, int k, char *out, size_t outsz)
{
	for (; k > 0 && s; k--) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	ck_assert_ptr_nonnull(s);
	size_t n = strcspn(s, "\n");
	snprintf(out, outsz, "%.*s", (int)n, s);
}

START_TEST(text_columns_line_up_by_display_width)
{
	struct due_task t[3] = {
		task("2026-11-20", 3, "保险到期", "C2026000001", "张三", "13800138000", "浙A12345", "小王",
		     "保险到期 2026-12-20"),
		task("2026-11-23", 0, "生日", "C2026000004", "Bob Li", "18600002222", "", "", "生日祝福"),
		task("2026-11-23", 0, "A卡回访", "A20261123001", "欧阳娜娜Anna", "13912345678", "沪C0001",
		     "Lily", "意向级别 A，Model Y"),
	};
	char *s = render(0, t, 3, 0);
	char l[1024];
	line_of(s, 0, l, sizeof l);
	ck_assert_str_eq(l, "回访到期清单 2026-11-23 至 2026-11-30");
	line_of(s, 1, l, sizeof l);
	ck_assert_str_eq(l, "门店：西湖店");
	char head[1024];
	line_of(s, 3, head, sizeof head);
	ck_assert_int_eq(col_of(head, "应回访日"), 0);
	static const char *const cols[][3] = {
		{ "13800138000", "18600002222", "13912345678" },
		{ "小王", NULL, "Lily" },
		{ "保险到期 2026", "生日祝福", "意向级别" },
	};
	static const char *const heads[] = { "手机", "负责人", "事由" };
	for (int c = 0; c < 3; c++) {
		int want = col_of(head, heads[c]);
		for (int r = 0; r < 3; r++) {
			if (!cols[c][r])
				continue;
			line_of(s, 5 + r, l, sizeof l);
			ck_assert_msg(col_of(l, cols[c][r]) == want, "%s in row %d: %s", heads[c], r, l);
		}
	}
	/* overdue marked; not-overdue blank; no trailing blanks */
	line_of(s, 5, l, sizeof l);
	ck_assert_ptr_nonnull(strstr(l, "2026-11-20  3      "));
	line_of(s, 6, l, sizeof l);
	ck_assert_int_ne(l[strlen(l) - 1], ' ');
	line_of(s, 8, l, sizeof l);
	ck_assert_str_eq(l, "共 3 条，其中逾期 1 条");
	free(s);
}
END_TEST

START_TEST(long_cells_cut_at_a_character)
{
	char reason[160] = "", name[128] = "A";
	for (int i = 0; i < 45; i++)
		strcat(reason, "回");
	for (int i = 0; i < 8; i++)
		strcat(name, "汽"); /* 17 cells: the cut falls after a narrow one */
	struct due_task t[2] = {
		task("2026-11-23", 0, "投诉回访", "C1", name, "13800138000", "", "", reason),
		task("2026-11-23", 0, "投诉回访", "C2", "汽汽汽汽汽汽汽汽汽", "13900000000", "", "", "短"),
	};
	char *s = render(0, t, 2, 0);
	ck_assert(txt_valid_utf8(s, strlen(s)));
	char l[1024], head[1024];
	line_of(s, 3, head, sizeof head);
	for (int r = 0; r < 2; r++) {
		line_of(s, 5 + r, l, sizeof l);
		ck_assert_int_eq(col_of(l, r ? "13900000000" : "13800138000"), col_of(head, "手机"));
	}
	line_of(s, 5, l, sizeof l);
	ck_assert_ptr_nonnull(strstr(l, "A汽汽汽汽汽汽汽…  "));
	/* the reason, the last column, cut to at most 40 cells with its mark */
	const char *r = strstr(l, "回回");
	ck_assert_int_le(txt_width(r), 40);
	ck_assert_ptr_nonnull(strstr(r, "…"));
	line_of(s, 6, l, sizeof l);
	/* 9 wide characters in 16 cells: 7 of them, the mark, one blank */
	ck_assert_ptr_nonnull(strstr(l, "汽汽汽汽汽汽汽…   13900000000"));
	free(s);
}
END_TEST

/* On a terminal a row wider than the screen wraps into two half rows: the
 * list is narrowed to the terminal's width, the reason keeping its date
 * and a cut name its "…", the columns a call does without left out and
 * said so; a file (width 0) keeps them all. */
static const struct due_task wide[] = {
	{ .due_date = "2026-11-20", .overdue_days = 3, .kind = "保险到期", .cust_no = "C2026000001",
	  .name = "杭州西湖区汽车服务有限公司第一分公司", .mobile = "15700001111", .plate = "浙AD12345",
	  .staff = "欧阳建国", .reason = "保险到期 2026-12-20" },
	{ .due_date = "2026-11-23", .kind = "A卡回访", .cust_no = "A20261123-0001", .name = "周先生",
	  .mobile = "13700001234", .staff = "小李", .reason = "意向级别 H，瑞虎8 PRO 豪华版，想看现车" },
	{ .due_date = "2026-11-23", .kind = "维修回访", .cust_no = "C2026000002", .name = "张三",
	  .mobile = "13800138000", .plate = "浙A12345", .staff = "张工",
	  .reason = "维修/保养后3天内回访（工单 WO20261120-0001，保养）" },
};

START_TEST(text_fits_a_terminal)
{
	char *s = render(0, wide, 3, 0);
	ck_assert_int_gt(widest_line(s), 130);
	ck_assert_ptr_null(strstr(s, "终端宽"));
	free(s);

	s = render_for(80, wide, 3);
	ck_assert_int_eq(widest_line(s), 80);
	char l[1024];
	line_of(s, 3, l, sizeof l);
	ck_assert_str_eq(l, "应回访日   逾期(天) 类型     客户       手机        负责人 事由");
	line_of(s, 4, l, sizeof l);
	ck_assert_int_eq(txt_width(l), 80);
	ck_assert_int_eq(l[strspn(l, "-")], 0);
	line_of(s, 5, l, sizeof l);
	ck_assert_str_eq(l, "2026-11-20 3        保险到期 杭州西湖…  15700001111 欧阳…  保险到期 2026-12-20");
	line_of(s, 7, l, sizeof l);
	ck_assert_str_eq(l, "2026-11-23          维修回访 张三       13800138000 张工   维修/保养后3天内回访…");
	line_of(s, 8, l, sizeof l);
	ck_assert_str_eq(l, "共 3 条，其中逾期 1 条");
	line_of(s, 9, l, sizeof l);
	ck_assert_str_eq(l, "终端宽 80 列，未列出编号、车牌；完整的清单请放宽终端窗口，或用 --out 写入文件。");
	free(s);
	/* a role that may not export is not sent to --out */
	no_export = 1;
	s = render_for(80, wide, 3);
	no_export = 0;
	line_of(s, 9, l, sizeof l);
	ck_assert_str_eq(l, "终端宽 80 列，未列出编号、车牌；放宽终端窗口可看到完整的清单。");
	free(s);

	/* wide enough for every column, cut cells only: nothing to say */
	s = render_for(120, wide, 3);
	ck_assert_int_le(widest_line(s), 120);
	line_of(s, 3, l, sizeof l);
	ck_assert_ptr_nonnull(strstr(l, "编号"));
	ck_assert_ptr_nonnull(strstr(l, "车牌"));
	ck_assert_ptr_null(strstr(s, "终端宽"));
	free(s);

	/* a list too long to measure (at the columns' caps) fits as well */
	struct due_task *many = malloc(1001 * sizeof *many);
	ck_assert_ptr_nonnull(many);
	for (int i = 0; i < 1001; i++)
		many[i] = wide[i % 3];
	for (int w = 50; w <= 160; w += 10) {
		s = render_for(w, many, 1001);
		ck_assert_msg(widest_line(s) <= w, "%d columns: a line of %d", w, widest_line(s));
		free(s);
	}
	free(many);
}
END_TEST

START_TEST(control_characters_do_not_break_rows)
{
	struct due_task t = task("2026-11-23", 0, "A卡回访", "A1", "张\n三", "", "", "", "意向\r\n级别\tA");
	char cell[64];
	rpt_cell(&t, RPT_NAME, cell, sizeof cell);
	ck_assert_str_eq(cell, "张 三");
	char *s = render(0, &t, 1, 0);
	char l[512];
	line_of(s, 6, l, sizeof l);
	ck_assert_str_eq(l, "共 1 条，其中逾期 0 条");
	free(s);
}
END_TEST

START_TEST(csv_has_bom_headings_and_quoting)
{
	struct due_task t[2] = {
		task("2026-11-20", 3, "维修回访", "C2026000001", "张三", "13800138000", "浙A12345", "小王",
		     "维修/保养后3天内回访（工单 W1，保养）"),
		task("2026-11-23", 0, "A卡回访", "A1", "李\"四\"", "13900000000", "", "Lily", "意向级别 A,Model Y"),
	};
	char *s = render(1, t, 2, 0);
	ck_assert_str_eq(s, "\xEF\xBB\xBF"
	                    "应回访日,逾期(天),类型,编号,客户,手机,车牌,负责人,事由\n"
	                    "2026-11-20,3,维修回访,C2026000001,张三,13800138000,浙A12345,小王,"
	                    "维修/保养后3天内回访（工单 W1，保养）\n"
	                    "2026-11-23,0,A卡回访,A1,\"李\"\"四\"\"\",13900000000,,Lily,\"意向级别 A,Model Y\"\n");
	free(s);
}
END_TEST

/* A name or a reason a spreadsheet would run as a formula goes after an
 * apostrophe, as the export writes it: the due list in Excel had run a
 * company's name typed =HYPERLINK(…) as a link.  The overdue days stay
 * a number. */
START_TEST(csv_formula_like_text_is_written_as_text)
{
	struct due_task t[2] = {
		task("2026-11-20", 3, "维修回访", "C1", "=HYPERLINK(\"http://x\",\"点我\")", "13800138000", "", "小王",
		     "+1-2"),
		task("2026-11-23", -2, "生日", "C2", "@SUM(A1)", "13900000000", "", "-", "-3天"),
	};
	char *s = render(1, t, 2, 0);
	ck_assert_str_eq(s, "\xEF\xBB\xBF"
	                    "应回访日,逾期(天),类型,编号,客户,手机,车牌,负责人,事由\n"
	                    "2026-11-20,3,维修回访,C1,\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",13800138000,,小王,'+1-2\n"
	                    "2026-11-23,-2,生日,C2,'@SUM(A1),13900000000,,-,'-3天\n");
	free(s);
}
END_TEST

START_TEST(csv_in_gb18030)
{
	struct due_task t = task("2026-11-23", 0, "生日", "C1", "张三𠮷", "13800138000", "", "", "生日祝福");
	char *s = render(1, &t, 1, 1);
	ck_assert_int_ne((unsigned char)s[0], 0xEF); /* no BOM */
	/* 张三 are two bytes each; 𠮷 (beyond GBK) four */
	ck_assert_ptr_nonnull(strstr(s, ",\xD5\xC5\xC8\xFD\x95\x34\xB2\x35,13800138000,"));
	ck_assert_ptr_null(strstr(s, "张"));
	free(s);
	/* text too, for a GB18030 terminal */
	s = render(0, &t, 1, 1);
	ck_assert_ptr_nonnull(strstr(s, "\xD5\xC5\xC8\xFD"));
	free(s);
}
END_TEST

START_TEST(count_line)
{
	char c[64];
	rpt_count_line(1000, 3, c, sizeof c);
	ck_assert_str_eq(c, "共 1000 条，其中逾期 3 条");
}
END_TEST

/* A file that takes `room` bytes, then fails as a full disk does. */
static ssize_t limited_write(void *cookie, const char *buf, size_t n)
{
	(void)buf;
	size_t *room = cookie;
	if (n > *room) {
		errno = ENOSPC;
		return -1;
	}
	*room -= n;
	return (ssize_t)n;
}

/* Written on the second thread: every row, in order, the same bytes as
 * row by row; a device that refuses the bytes stops the reader and is
 * reported when the stream closes. */
static char *stream_rows(int async, FILE *f, int n, int *rc, char *err, size_t errsz)
{
	struct rpt_stream *st = rpt_open(f, 1, &meta, 0, err, errsz);
	ck_assert_ptr_nonnull(st);
	struct rpt_async *a = async ? rpt_async_start(st) : NULL;
	ck_assert(!async || a);
	int stopped = 0, i = 0;
	for (; i < n && !stopped; i++) {
		char name[32];
		snprintf(name, sizeof name, "客户%05d", i);
		struct due_task t = task("2026-11-23", i % 3, "生日", "C1", name, "13800138000", "", "", "生日祝福");
		stopped = async ? rpt_async_row(&t, a) : rpt_row(&t, st);
	}
	if (a)
		rpt_async_finish(a);
	*rc = rpt_close(st, err, errsz);
	return stopped ? (char *)"stopped" : NULL;
}

START_TEST(rows_written_on_a_second_thread)
{
	char *one = NULL, *two = NULL, err[256];
	size_t l1 = 0, l2 = 0;
	int rc;
	FILE *f = open_memstream(&one, &l1);
	stream_rows(0, f, 20000, &rc, err, sizeof err);
	ck_assert_int_eq(rc, 0);
	fclose(f);
	f = open_memstream(&two, &l2);
	stream_rows(1, f, 20000, &rc, err, sizeof err);
	ck_assert_int_eq(rc, 0);
	fclose(f);
	ck_assert_uint_eq(l1, l2);
	ck_assert(memcmp(one, two, l1) == 0);
	ck_assert_ptr_nonnull(strstr(two, "客户19999"));
	free(one);
	free(two);
	/* the disk fills after 1 MB: the reader is told to stop, the close
	 * says why */
	size_t room = 1 << 20;
	cookie_io_functions_t io = { .write = limited_write };
	f = fopencookie(&room, "w", io);
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(stream_rows(1, f, 200000, &rc, err, sizeof err));
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_nonnull(strstr(err, "写出失败"));
	fclose(f);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("report");
	tcase_add_test(tc, text_columns_line_up_by_display_width);
	tcase_add_test(tc, long_cells_cut_at_a_character);
	tcase_add_test(tc, text_fits_a_terminal);
	tcase_add_test(tc, control_characters_do_not_break_rows);
	tcase_add_test(tc, csv_has_bom_headings_and_quoting);
	tcase_add_test(tc, csv_formula_like_text_is_written_as_text);
	tcase_add_test(tc, csv_in_gb18030);
	tcase_add_test(tc, count_line);
	tcase_add_test(tc, rows_written_on_a_second_thread);
	suite_add_tcase(s, tc);
	return s;
}
