/* The due list's PDF laid out the same however its cells are measured and
 * drawn: pdf.c keeps repeated cells laid out and measures customer numbers
 * and mobiles by a sum of character widths, and neither may move or change
 * a word.  Read back with pdftotext -bbox (poppler-utils), each PDF made in
 * a child that ends at once (Cairo's caches, see check_cli_due). */
#include <math.h>
#include <sys/wait.h>
#include "testutil.h"
#include "desk4s/pdf.h"

static char *dir;

static void setup(void) { dir = tu_tmpdir(); }
static void teardown(void) { tu_rmtree(dir); }

/* n tasks: numbers, names, mobiles and plates of their own; dates, kinds,
 * staff and half the reasons from small sets; a reason that reads like a
 * heading and one like a kind (the same text in another font or column
 * width is another layout), and a company name wider than its column's cap
 * early in the list. */
static void fill(struct due_task *t, int n)
{
	static const char *const kinds[] = { "维修回访", "保险到期", "A卡回访" };
	static const char *const staff[] = { "王芳", "李强", "张伟", "周倩", "陈晨" };
	memset(t, 0, sizeof *t * (size_t)n);
	for (int i = 0; i < n; i++) {
		snprintf(t[i].kind, sizeof t[i].kind, "%s", kinds[i % 3]);
		char date[32];
		snprintf(date, sizeof date, "2026-11-%02d", 1 + i % 28);
		memcpy(t[i].due_date, date, sizeof t[i].due_date);
		t[i].overdue_days = i % 4 ? 0 : 1 + i % 90;
		snprintf(t[i].cust_no, sizeof t[i].cust_no, i % 7 ? "C%08d" : "A20261101-%04d", i);
		snprintf(t[i].name, sizeof t[i].name, "客户%d", i);
		snprintf(t[i].mobile, sizeof t[i].mobile, "139%08d", i);
		if (i % 3)
			snprintf(t[i].plate, sizeof t[i].plate, "浙A%05d", i);
		snprintf(t[i].staff, sizeof t[i].staff, "%s", staff[i % 5]);
		if (i % 2)
			snprintf(t[i].reason, sizeof t[i].reason, "保险到期 2026-12-%02d", 1 + i % 30);
		else
			snprintf(t[i].reason, sizeof t[i].reason, "工单 WO%06d 完工", i);
	}
	snprintf(t[5].reason, sizeof t[5].reason, "事由");
	snprintf(t[6].reason, sizeof t[6].reason, "维修回访");
	snprintf(t[9].name, sizeof t[9].name, "杭州西湖区汽车服务有限公司第一分公司");
}

/* pdf_due of t into dir/name, in a child that ends at once. */
static void make_pdf(const struct due_task *t, size_t n, const char *name)
{
	pid_t pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		char path[600], err[256] = "";
		snprintf(path, sizeof path, "%s/%s", dir, name);
		FILE *f = fopen(path, "w");
		struct rpt_meta m = { .from = "2026-11-01", .to = "2026-11-30", .shop = "本店",
		                      .generated = "2026-11-01 09:00:00" };
		int rc = f ? pdf_due(f, &m, t, n, err, sizeof err) : -1;
		if (rc != 0)
			fprintf(stderr, "pdf_due: %s\n", err);
		_exit(rc == 0 && f && fclose(f) == 0 ? 0 : 1);
	}
	int st;
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "making %s failed (status %d)", name, st);
}

/* A word of a PDF where pdftotext -bbox finds it. */
struct word {
	int page;
	double x, y, xmax;
	char text[160];
};
/* The words of dir/name, n of them; caller frees. */
static struct word *words_of(const char *name, size_t *n)
{
	char cmd[1400], path[600];
	snprintf(cmd, sizeof cmd, "cd '%s' && pdftotext -bbox '%s' '%s.html'", dir, name, name);
	ck_assert_msg(system(cmd) == 0, "pdftotext failed on %s (poppler-utils installed?)", name);
	snprintf(path, sizeof path, "%s/%s.html", dir, name);
	char *html = tu_read(path);
	ck_assert_ptr_nonnull(html);
	size_t cap = 1024;
	struct word *w = malloc(cap * sizeof *w);
	*n = 0;
	int page = 0;
	for (char *line = strtok(html, "\n"); line; line = strtok(NULL, "\n")) {
		if (strstr(line, "<page "))
			page++;
		struct word x = { .page = page };
		double ymax;
		int at = 0;
		if (sscanf(line, " <word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%n", &x.x, &x.y, &x.xmax,
		           &ymax, &at) != 4 || !at)
			continue;
		char *end = strstr(line + at, "</word>");
		ck_assert_ptr_nonnull(end);
		snprintf(x.text, sizeof x.text, "%.*s", (int)(end - line - at), line + at);
		if (*n == cap)
			w = realloc(w, (cap *= 2) * sizeof *w);
		w[(*n)++] = x;
	}
	free(html);
	return w;
}

/* Each printed line as "x:text x:text …" in x order (y is left out: the
 * same row stands elsewhere when the list is in another order). */
static int by_place(const void *a, const void *b)
{
	const struct word *p = a, *q = b;
	if (p->page != q->page)
		return p->page - q->page;
	if (p->y != q->y)
		return p->y < q->y ? -1 : 1;
	return p->x < q->x ? -1 : p->x > q->x;
}
static int by_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
static char **lines_of(struct word *w, size_t n, size_t *nlines)
{
	qsort(w, n, sizeof *w, by_place);
	char **l = calloc(n + 1, sizeof *l);
	*nlines = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i, len = 0;
		char *s = malloc(8192);
		s[0] = 0;
		for (; j < n && w[j].page == w[i].page && w[j].y == w[i].y; j++) {
			ck_assert_uint_lt(len, 8192 - 200);
			len += (size_t)snprintf(s + len, 8192 - len, "%.3f:%s ", w[j].x, w[j].text);
		}
		l[(*nlines)++] = s;
		i = j;
	}
	qsort(l, *nlines, sizeof *l, by_text);
	return l;
}

static void free_lines(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

/* 1500 rows (40 pages): more different cells than the cache holds, so
 * its slots are replaced all along.  Printed in reverse order, the cache
 * holds other cells at every row, and the long name comes last instead of
 * first (the names are measured until one reaches the cap): the same
 * lines, word for word at the same x. */
START_TEST(rows_print_the_same_in_any_order)
{
	enum { N = 1500 };
	static struct due_task t[N], r[N];
	fill(t, N);
	for (int i = 0; i < N; i++)
		r[i] = t[N - 1 - i];
	make_pdf(t, N, "a.pdf");
	make_pdf(r, N, "b.pdf");
	size_t na, nb, la, lb;
	struct word *wa = words_of("a.pdf", &na), *wb = words_of("b.pdf", &nb);
	ck_assert_uint_eq(na, nb);
	char **a = lines_of(wa, na, &la), **b = lines_of(wb, nb, &lb);
	ck_assert_uint_eq(la, lb);
	for (size_t i = 0; i < la; i++)
		ck_assert_str_eq(a[i], b[i]);
	/* and every row holds its own task's cells */
	for (int i = 0; i < N; i += 37) {
		const char *row = NULL;
		char mobile[16];
		snprintf(mobile, sizeof mobile, "139%08d", i);
		for (size_t k = 0; k < la && !row; k++)
			if (strstr(a[k], mobile))
				row = a[k];
		ck_assert_msg(row != NULL, "no row for %s", mobile);
		ck_assert_msg(strstr(row, t[i].cust_no) && strstr(row, t[i].staff) && strstr(row, t[i].kind), "%s", row);
		ck_assert_msg(strstr(row, i % 2 ? "保险到期" : "完工"), "%s", row);
	}
	const char *five = NULL, *six = NULL;
	for (size_t k = 0; k < la; k++) {
		if (strstr(a[k], "13900000005"))
			five = a[k];
		if (strstr(a[k], "13900000006"))
			six = a[k];
	}
	ck_assert_msg(five && strstr(five, ":事由 "), "%s", five ? five : "no row 5");
	/* 维修回访 twice: the kind (task 6 is 维修回访) and the reason */
	const char *kind = six ? strstr(six, ":维修回访 ") : NULL;
	ck_assert_msg(kind && strstr(kind + 1, ":维修回访 "), "%s", six ? six : "no row 6");
	free_lines(a, la);
	free_lines(b, lb);
	free(wa);
	free(wb);
}
END_TEST

/* Where the first word text on page 1 of dir/name starts (or, with end,
 * ends); -1 when it is not there. */
static double x_of(const char *name, const char *text, int end)
{
	size_t n;
	struct word *w = words_of(name, &n);
	double x = -1;
	for (size_t i = 0; i < n && x < 0; i++)
		if (w[i].page == 1 && strcmp(w[i].text, text) == 0)
			x = end ? w[i].xmax : w[i].x;
	free(w);
	return x;
}

/* The widest customer number sets its column, measured by a sum of its
 * characters' widths; the same number followed by a zero-width space
 * (U+200B, which Pango gives no width) is shaped by Pango instead: the
 * next column starts at the same place.  And one more digit moves it by
 * the digit's width on paper. */
START_TEST(a_number_measured_by_sum_is_as_wide_as_shaped)
{
	enum { N = 40 };
	static struct due_task t[N];
	fill(t, N);
	for (int i = 0; i < N; i++)
		snprintf(t[i].cust_no, sizeof t[i].cust_no, "C%05d", i);
	snprintf(t[20].cust_no, sizeof t[20].cust_no, "C0000000001");
	make_pdf(t, N, "sum.pdf");
	snprintf(t[20].cust_no, sizeof t[20].cust_no, "C0000000001\u200B");
	make_pdf(t, N, "shaped.pdf");
	snprintf(t[20].cust_no, sizeof t[20].cust_no, "C00000000001");
	make_pdf(t, N, "longer.pdf");
	/* where the name column's heading starts */
	double sum = x_of("sum.pdf", "客户", 0), shaped = x_of("shaped.pdf", "客户", 0);
	double longer = x_of("longer.pdf", "客户", 0);
	ck_assert(sum > 0 && shaped > 0 && longer > 0);
	ck_assert_msg(fabs(sum - shaped) < 0.02, "by sum %.3f, shaped %.3f", sum, shaped);
	/* the digit's width on paper: how much further the number ends */
	double digit = x_of("longer.pdf", "C00000000001", 1) - x_of("sum.pdf", "C0000000001", 1);
	ck_assert_msg(digit > 1 && fabs(longer - sum - digit) < 0.02, "moved %.3f for a digit %.3f wide",
	              longer - sum, digit);
}
END_TEST

Suite *pdf_layout_suite(void)
{
	Suite *s = suite_create("pdf_layout");
	TCase *tc = tcase_create("pdf_layout");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, rows_print_the_same_in_any_order);
	tcase_add_test(tc, a_number_measured_by_sum_is_as_wide_as_shaped);
	suite_add_tcase(s, tc);
	return s;
}
