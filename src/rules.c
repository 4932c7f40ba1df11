/* rules — the one rules engine: levels with their conditions, the format
 * checks named by the form, the region triple and the ID number's
 * agreement with sex and birth date.  Returns every problem at once. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "desk4s/clock.h"
#include "desk4s/region.h"
#include "desk4s/rules.h"
#include "desk4s/text.h"
#include "desk4s/validate.h"

/* Free text longer than this is almost certainly a paste gone wrong. */
enum { MAX_TEXT_CHARS = 200, MAX_MULTILINE_CHARS = 4000 };

void rules_list_free(struct rule_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

static struct rule_problem *add(struct rule_list *l, const struct rec *r, int field,
                                enum rule_kind kind, const char *code, const char *msg)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct rule_problem *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return NULL;
		l->v = v;
		l->cap = cap;
	}
	struct rule_problem *p = &l->v[l->n++];
	const struct fdef_field *fd = &r->form->fields[field];
	p->field = field;
	p->key = fd->key;
	p->label = fd->label;
	p->kind = kind;
	snprintf(p->code, sizeof p->code, "%s", code);
	snprintf(p->msg, sizeof p->msg, "%s：%s", fd->label, msg);
	return p;
}

int rules_applies(const struct rec *r, int field)
{
	const struct fdef_field *fd = &r->form->fields[field];
	for (int c = 0; c < fd->napp; c++) {
		int eq = strcmp(r->val[fd->app[c].field], fd->app[c].value) == 0;
		if (eq == fd->app[c].negate)
			return 0;
	}
	return 1;
}

enum fdef_level rules_level(const struct rec *r, int field)
{
	const struct fdef_field *fd = &r->form->fields[field];
	if (!rules_applies(r, field))
		return FL_GENERAL;
	for (int c = 0; c < fd->ncond; c++) {
		int eq = strcmp(r->val[fd->cond[c].field], fd->cond[c].value) == 0;
		if (eq == fd->cond[c].negate)
			return FL_GENERAL;
	}
	return fd->level;
}

static int is_choice(const struct fdef_field *fd, const char *v)
{
	for (int c = 0; c < fd->nchoices; c++)
		if (strcmp(fd->choices[c], v) == 0)
			return 1;
	return 0;
}

/* The check a field gets: the form's, else one implied by its type. */
static val_fn check_of(const struct fdef_field *fd)
{
	if (*fd->check)
		return val_lookup(fd->check);
	switch (fd->type) {
	case FT_DATE: return val_date;
	case FT_DATETIME: return val_datetime;
	case FT_INT: return val_int;
	case FT_MONEY: return val_money;
	default: return NULL;
	}
}

/* Other systems' words for a choice (男性 for 男, Y for 是, 公司 for 单位,
 * 贷款 for 分期付款, 钣金喷漆 for 钣喷, 已结算 for 已完工), and a choice in
 * another case (h for H): taken where the field offers that choice, and
 * only when the word names one of its choices, so nothing is guessed (M
 * stays refused for 男).  NULL when v is none of them. */
static const struct {
	const char *choice;
	const char *const words[6];
} other_words[] = {
	{ "男", { "男性", "男士", NULL } },
	{ "女", { "女性", "女士", NULL } },
	{ "是", { "Y", "YES", "TRUE", NULL } },
	{ "否", { "N", "NO", "FALSE", NULL } },
	{ "个人", { "个人客户", "私人", NULL } },
	{ "单位", { "单位客户", "公司", "企业", NULL } },
	{ "一次付清", { "全款", "一次性付款", "全额付款", NULL } },
	{ "分期付款", { "分期", "贷款", "按揭", "贷款购车", NULL } },
	{ "置换", { "以旧换新", NULL } },
	{ "保养", { "定期保养", "常规保养", NULL } },
	{ "首保", { "首次保养", NULL } },
	{ "一般维修", { "维修", "机修", "一般修理", NULL } },
	{ "钣喷", { "钣金喷漆", "钣金", "喷漆", "钣金油漆", NULL } },
	{ "保险事故", { "事故", "事故车", "事故维修", NULL } },
	{ "在修", { "维修中", "未完工", NULL } },
	{ "已完工", { "完工", "已结算", "已交车", "竣工", NULL } },
	{ "已取消", { "取消", "作废", "已作废", NULL } },
	{ "空", { "空箱", NULL } },
	{ "1/2", { "半箱", NULL } },
	{ "满", { "满箱", "加满", NULL } },
	{ "到店", { "来店", "展厅", NULL } },
	{ "来电", { "电话", NULL } },
	{ "跟进中", { "跟进", "跟踪中", NULL } },
	{ "已订车", { "订车", "已订", "已下订", NULL } },
	{ "成交", { "已成交", NULL } },
	{ "战败", { "失败", "流失", "已战败", NULL } },
	{ "其他", { "其它", NULL } },
	{ "亲友介绍", { "朋友介绍", "亲戚介绍", "朋友推荐", NULL } },
	{ "老客户介绍", { "老客户推荐", "老客户转介绍", NULL } },
	{ "网络", { "互联网", "网站", "网上", NULL } },
	{ "车展", { "展会", NULL } },
	/* 客户来源: a walk-in, as a receptionist's log calls it */
	{ "自来", { "展厅", "自然到店", "自然进店", "进店", NULL } },
};

static const char *choice_synonym(const struct fdef_field *fd, const char *v)
{
	const char *found = NULL;
	for (int c = 0; c < fd->nchoices; c++) {
		const char *choice = fd->choices[c];
		int hit = strcasecmp(v, choice) == 0;
		for (size_t e = 0; !hit && e < sizeof other_words / sizeof other_words[0]; e++)
			if (strcmp(other_words[e].choice, choice) == 0)
				for (int k = 0; !hit && other_words[e].words[k]; k++)
					hit = strcasecmp(v, other_words[e].words[k]) == 0;
		if (hit && found)
			return NULL; /* the word fits two of the field's choices */
		if (hit)
			found = choice;
	}
	return found;
}

int rules_flag_no(const struct fdef_field *fd, const char *v)
{
	static const char *const no[] = { "否", "N", "NO", "FALSE", "0", "×", NULL };
	if (!fdef_is_flag(fd))
		return 0;
	for (int k = 0; no[k]; k++)
		if (strcasecmp(v, no[k]) == 0)
			return 1;
	return 0;
}

/* A box ticked or not (fdef_is_flag: 退车 是): an old system's column says
 * no as often as yes, and no is the box left empty. */
static int flag_word(struct rec *r, int i)
{
	const struct fdef_field *fd = &r->form->fields[i];
	if (!fdef_is_flag(fd))
		return 0;
	if (rules_flag_no(fd, r->val[i])) {
		rec_set_at(r, i, "");
		return 1;
	}
	if (strcmp(r->val[i], "1") == 0 || strcmp(r->val[i], "√") == 0) {
		rec_set_at(r, i, fd->choices[0]);
		return 1;
	}
	return 0;
}

static void check_choice(struct rec *r, int i, struct rule_list *out)
{
	const struct fdef_field *fd = &r->form->fields[i];
	if (is_choice(fd, r->val[i]) || flag_word(r, i))
		return;
	const char *same = choice_synonym(fd, r->val[i]);
	if (same) {
		rec_set_at(r, i, same);
		return;
	}
	char msg[256] = "应为以下之一：";
	/* 油量's 1/4 and 1/2 joined by "/" read 空/1/4/1/2/3/4/满 */
	const char *sep = "/";
	for (int c = 0; c < fd->nchoices; c++)
		if (strchr(fd->choices[c], '/'))
			sep = "、";
	for (int c = 0; c < fd->nchoices; c++) {
		if (c)
			strncat(msg, sep, sizeof msg - strlen(msg) - 1);
		strncat(msg, fd->choices[c], sizeof msg - strlen(msg) - 1);
	}
	add(out, r, i, RK_INVALID, "choice.invalid", msg);
}

/* An imported date cell a spreadsheet kept as a number (45413) is that
 * day, said as a warning with the date it was read as.  A date-and-time
 * joined from a day column and a time column (45413 9:30) has its day
 * read so, and its time left to the field's own check. */
static void excel_date(struct rec *r, int i, struct rule_list *out)
{
	const struct fdef_field *fd = &r->form->fields[i];
	char day[32], serial[16], both[160], msg[160];
	const char *v = r->val[i], *sp = strchr(v, ' ');
	if (fd->type != FT_DATE && fd->type != FT_DATETIME)
		return;
	if (val_excel_serial(v, fd->type == FT_DATETIME, day, sizeof day)) {
		snprintf(msg, sizeof msg, "Excel日期序号%s，按%s导入", v, day);
		rec_set_at(r, i, day);
		add(out, r, i, RK_WARNING, "date.serial", msg);
		return;
	}
	if (fd->type != FT_DATETIME || !sp || (size_t)(sp - v) >= sizeof serial)
		return;
	snprintf(serial, sizeof serial, "%.*s", (int)(sp - v), v);
	if (!val_excel_serial(serial, 0, day, sizeof day))
		return;
	snprintf(msg, sizeof msg, "Excel日期序号%s，按%s导入", serial, day);
	snprintf(both, sizeof both, "%s%.120s", day, sp);
	rec_set_at(r, i, both);
	add(out, r, i, RK_WARNING, "date.serial", msg);
}

/* A due month as spreadsheets keep 保险到期 and 年审到期 (2025-03, 2025/3,
 * 2025.3, 2025年3月) is the first day of that month, so the call comes
 * early rather than late, said as a warning.  Other dates without their
 * day stay refused: a birthday or a delivery is a day. */
static void due_month(struct rec *r, int i, struct rule_list *out)
{
	const struct fdef_field *fd = &r->form->fields[i];
	size_t kn = strlen(fd->key);
	char day[16], msg[160];
	if (fd->type != FT_DATE || kn < 4 || strcmp(fd->key + kn - 4, "_due") != 0 ||
	    !val_month_only(r->val[i], day, sizeof day))
		return;
	snprintf(msg, sizeof msg, "“%s”只有年月，按该月1日 %s 导入（提醒按这一天）", r->val[i], day);
	rec_set_at(r, i, day);
	add(out, r, i, RK_WARNING, "date.month_only", msg);
}

/* A count written with its unit, as spreadsheets keep them (12400km,
 * 5年, 35岁, 3人): the unit of that field is cut off before the number is
 * checked; another unit stays and is refused. */
static const struct {
	const char *key;
	const char *const units[3];
} units[] = {
	{ "mileage", { "km", "公里", NULL } }, { "driving_years", { "年", NULL } },
	{ "work_years", { "年", NULL } },      { "age", { "岁", NULL } },
	{ "family_members", { "人", "口", NULL } }, { "staff_count", { "人", "名", NULL } },
};

static void cut_unit(struct rec *r, int i)
{
	const char *key = r->form->fields[i].key, *v = r->val[i];
	size_t n = strlen(v);
	if (n == 0 || (v[n - 1] >= '0' && v[n - 1] <= '9'))
		return; /* a plain number, as most are */
	for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
		if (strcmp(units[u].key, key) != 0)
			continue;
		for (int k = 0; units[u].units[k]; k++) {
			size_t len = strlen(units[u].units[k]);
			if (n > len && strcasecmp(v + n - len, units[u].units[k]) == 0) {
				char *t = strndup(v, n - len);
				if (!t)
					return;
				rec_set_at(r, i, txt_trim(t));
				free(t);
				return;
			}
		}
	}
}

/* An imported code kept as text by a spreadsheet's marks: a leading
 * apostrophe ('110105…) or a formula ="110105…", as exports write numbers
 * so spreadsheets keep their digits (export --excel does too).  No code
 * starts with either; free text may start with an apostrophe, so there
 * (coded 0) only a formula of digits is a mark. */
static void text_marks(struct rec *r, int i, int coded)
{
	const char *v = r->val[i];
	size_t n = strlen(v);
	char *t = NULL;
	if (coded && v[0] == '\'' && n > 1)
		t = strdup(v + 1);
	else if (n > 3 && v[0] == '=' && v[1] == '"' && v[n - 1] == '"' &&
	         (coded || strspn(v + 2, "0123456789") == n - 3))
		t = strndup(v + 2, n - 3);
	if (!t)
		return;
	rec_set_at(r, i, t);
	free(t);
}

/* What other systems write for "nothing" in a field they could not leave
 * empty (无, 未上牌, N/A, -): in a code, number, date or choice field an
 * import reads it as empty, said as a warning; free text keeps it (无 is
 * an answer to 兴趣爱好).  1 when the value was one. */
static int placeholder(struct rec *r, int i, struct rule_list *out)
{
	static const char *const nothing[] = {
		"无", "暂无", "没有", "未知", "不详", "空", "无牌", "未上牌", "暂未上牌", "新车未上牌", "未挂牌",
		"-", "--", "—", "/", "\\", "N/A", "NA", "NULL", "NONE",
	};
	const char *v = r->val[i];
	if (strlen(v) > 15 || (*v >= '0' && *v <= '9'))
		return 0; /* dates, numbers, mobiles: most values, at no cost */
	for (size_t k = 0; k < sizeof nothing / sizeof nothing[0]; k++) {
		if (strcasecmp(v, nothing[k]) != 0 || is_choice(&r->form->fields[i], v))
			continue;
		char msg[160];
		snprintf(msg, sizeof msg, "“%s”按空白导入", v);
		add(out, r, i, RK_WARNING, "value.placeholder", msg);
		rec_set_at(r, i, "");
		return 1;
	}
	return 0;
}

/* An imported date-and-time that has only its date (an old system's
 * 进厂日期, 结算日期): kept as the date, its time unknown, said as a warning
 * — refusing it would keep a dealer's whole history out, and a time made up
 * would be false.  At the desk the time is asked for.  1 when so. */
static int date_only(struct rec *r, int i, struct rule_list *out)
{
	char day[16], msg[200];
	struct val_result vr;
	if (strchr(r->val[i], ':') || val_date(r->val[i], day, sizeof day, &vr) == VAL_ERROR)
		return 0;
	snprintf(msg, sizeof msg, "“%s”只有日期，没有时刻，按日期 %s 导入（时刻不详）", r->val[i], day);
	rec_set_at(r, i, day);
	add(out, r, i, RK_WARNING, "datetime.date_only", msg);
	return 1;
}

/* At the desk a time is typed as staff say it: 离店 17:00 (today), 预计完工
 * 明天 17:00, 昨天下午5点; and a date as a day word alone (回访改期 明天).
 * The day is made a date from the program's clock before the value is
 * checked, so what is saved, and shown after, is the whole date (and
 * time).  Not on import: an old file's time without its day has no day to
 * take. */
static const struct { const char *word; int days; } day_words[] = {
	{ "今天", 0 }, { "今日", 0 }, { "明天", 1 }, { "明日", 1 }, { "后天", 2 },
	{ "昨天", -1 }, { "昨日", -1 }, { "前天", -2 },
};

static void desk_day(struct rec *r, int i)
{
	const char *v = r->val[i];
	int days = 0;
	for (size_t k = 0; k < sizeof day_words / sizeof day_words[0]; k++) {
		size_t n = strlen(day_words[k].word);
		if (strncmp(v, day_words[k].word, n) == 0) {
			v += n;
			days = day_words[k].days;
			break;
		}
	}
	while (*v == ' ')
		v++;
	char now[24], day[16], whole[96], out[32];
	if (r->form->fields[i].type == FT_DATE) {
		/* the word alone is the date; with anything after it, refused as typed */
		if (v != r->val[i] && !*v) {
			clk_now(now, sizeof now);
			clk_add_days(now, days, day, sizeof day);
			rec_set_at(r, i, day);
		}
		return;
	}
	int dated = strpbrk(v, "-/.") || strstr(v, "年") || strstr(v, "月") || strstr(v, "日");
	if (v == r->val[i] && (!*v || dated || val_datetime(v, out, sizeof out, NULL) != VAL_ERROR))
		return; /* a date of its own (or nothing): checked as it is */
	if (!*v || strlen(v) > 40)
		return;
	clk_now(now, sizeof now);
	clk_add_days(now, days, day, sizeof day);
	snprintf(whole, sizeof whole, "%s %s", day, v);
	/* only a time completes: anything else is left to be refused as typed */
	if (val_datetime(whole, out, sizeof out, NULL) != VAL_ERROR)
		rec_set_at(r, i, out);
}

/* The field of the sheet that takes a landline: the visit's 固定电话, the
 * customer's 固定电话1 (when customer_too), the A-card's 其他联系方式; -1
 * when the sheet has none. */
static int landline_home(const struct fdef_form *fm, int customer_too)
{
	static const char *const homes[] = { "phone", "phone1", "other_contact" };
	for (size_t k = 0; k < sizeof homes / sizeof homes[0]; k++) {
		int f = fdef_index(fm, homes[k]);
		if (f >= 0 && (customer_too || strcmp(homes[k], "phone1") != 0))
			return f;
	}
	return -1;
}

/* A landline typed where the sheet keeps a mobile: the refusal names the
 * field that takes it. */
static void say_where_landlines_go(const struct fdef_form *fm, struct val_result *vr)
{
	int f = landline_home(fm, 1);
	if (f >= 0) {
		size_t n = strlen(vr->msg);
		snprintf(vr->msg + n, sizeof vr->msg - n, "；固定电话请填在“%s”栏", fm->fields[f].label);
	}
}

size_t rules_max_bytes(const struct fdef_field *fd)
{
	if (fdef_is_coded(fd))
		return VAL_MAX_BYTES;
	/* a character is at most four bytes of UTF-8 */
	return 4 * (size_t)((fd->flags & FF_MULTILINE) ? MAX_MULTILINE_CHARS : MAX_TEXT_CHARS);
}

/* kept: the value is as the stored record holds it (rules_check_edit) */
static void check_value(struct rec *r, int i, enum rule_point pt, int kept, struct rule_list *out)
{
	const struct fdef_field *fd = &r->form->fields[i];
	if (pt == RP_IMPORT && fdef_is_coded(fd) && placeholder(r, i, out))
		return;
	if (pt == RP_IMPORT && fd->type != FT_CHOICE)
		text_marks(r, i, fdef_is_coded(fd));
	if (pt == RP_IMPORT) {
		excel_date(r, i, out);
		due_month(r, i, out);
		if (fd->type == FT_DATETIME && date_only(r, i, out))
			return;
	}
	if (fd->type == FT_INT)
		cut_unit(r, i);
	if (fd->type == FT_CHOICE) {
		check_choice(r, i, out);
		return;
	}
	if (fd->type == FT_REGION)
		return; /* the triple is checked as a whole below */
	if ((fd->type == FT_DATETIME || fd->type == FT_DATE) && pt != RP_IMPORT)
		desk_day(r, i);
	val_fn fn = check_of(fd);
	/* a time the program stamped and staff cannot edit (开单, 完工) is not
	 * checked against this terminal's clock: one running behind would make
	 * the record unsavable */
	if (fn == val_past_datetime && (fd->flags & FF_READONLY) && pt != RP_IMPORT)
		fn = val_datetime;
	/* a time with its day only came from an import (date_only, 时刻不详)
	 * where nobody at the desk can give it its time (开单, 完工) or nobody
	 * did (a 预计完工 or 离店 left as stored): the day stands — else an
	 * imported record could be neither saved nor completed.  A day typed
	 * at the desk is still asked for its time. */
	if ((fn == val_datetime || fn == val_past_datetime) && ((fd->flags & FF_READONLY) || kept) &&
	    pt != RP_IMPORT && !strchr(r->val[i], ':'))
		fn = val_date;
	if (val_looks_scientific(r->val[i])) {
		/* said as what happened, not as a character that is no digit */
		char msg[320];
		snprintf(msg, sizeof msg, "“%s”是表格软件把长数字当数字存后的写法，位数已丢失%s；请在原表中把这一列设为文本后重新导出",
		         r->val[i], fn ? "" : "，请核对");
		add(out, r, i, fn ? RK_INVALID : RK_WARNING, "number.scientific", msg);
		if (fn)
			return;
	}
	if (!fn) {
		size_t max = (fd->flags & FF_MULTILINE) ? MAX_MULTILINE_CHARS : MAX_TEXT_CHARS;
		if (txt_chars(r->val[i]) > max) {
			char msg[96];
			snprintf(msg, sizeof msg, "过长（最多%zu个字）", max);
			add(out, r, i, RK_INVALID, "text.too_long", msg);
		}
		return;
	}
	char norm[512];
	struct val_result vr;
	memset(&vr, 0, sizeof vr);
	enum val_severity sev = fn(r->val[i], norm, sizeof norm, &vr);
	if (sev != VAL_ERROR && strcmp(norm, r->val[i]) != 0)
		rec_set_at(r, i, norm);
	if (sev == VAL_ERROR && strcmp(vr.code, "mobile.landline") == 0)
		say_where_landlines_go(r->form, &vr);
	if (sev != VAL_OK)
		add(out, r, i, sev == VAL_ERROR ? RK_INVALID : RK_WARNING, vr.code, vr.msg);
}

/* What a value gets before it is checked.
 * - A code, number, date or choice (fdef_is_coded: a field with a format
 *   check or a type other than text) is folded: full-width forms from an
 *   input method become ASCII, U+3000 a space, and both ends are trimmed;
 *   its validator then does the rest (+86, dashes, case).  A choice typed
 *   exactly as the form spells it is kept, full-width or not.
 * - Free text (names, addresses, models, remarks...) is Chinese writing,
 *   where （，：“”！？） are correct and must come back byte for byte: it
 *   is only trimmed of white space at both ends (ASCII and U+3000).
 * Searches fold the query too, so text an earlier version stored folded
 * is still found (cust_search). */
static void normalise_value(struct rec *r, int i)
{
	const struct fdef_field *fd = &r->form->fields[i];
	int coded = fdef_is_coded(fd);
	if (coded && txt_is_normal(r->val[i]))
		return; /* most values: nothing to change */
	if (!coded || fd->type == FT_CHOICE) {
		const char *v = r->val[i];
		size_t start, len = txt_trim_span(v, &start);
		if (start != 0 || v[len] != '\0') {
			char *t = strndup(v + start, len);
			if (!t)
				return;
			rec_set_at(r, i, t);
			free(t);
		}
		if (!coded && (fd->flags & FF_NAME) && strpbrk(r->val[i], " \t\xe3")) {
			char *t = strdup(r->val[i]);
			if (!t)
				return;
			rec_set_at(r, i, txt_join_name(t));
			free(t);
		}
		if (!coded || is_choice(fd, r->val[i]))
			return;
	}
	char norm[8192];
	txt_normalize(r->val[i], norm, sizeof norm);
	rec_set_at(r, i, norm);
}

/* ---- several numbers in one phone cell (an import) ---- */

enum { MAX_CELL_NUMBERS = 6 };

struct cell_numbers {
	int n;
	char v[MAX_CELL_NUMBERS][64];
};

static int valid_phone(const char *v)
{
	char norm[64];
	return val_mobile(v, norm, sizeof norm, NULL) != VAL_ERROR ||
	       val_landline(v, norm, sizeof norm, NULL) != VAL_ERROR;
}

static int put_number(struct cell_numbers *c, const char *v, size_t len)
{
	if (c->n == MAX_CELL_NUMBERS || len >= sizeof c->v[0])
		return -1;
	memcpy(c->v[c->n], v, len);
	c->v[c->n][len] = '\0';
	txt_trim(c->v[c->n]);
	c->n += *c->v[c->n] != '\0';
	return 0;
}

/* A token that is no number as a whole but numbers side by side
 * ("0571-85900933 13800138000"): split at its spaces when each part is a
 * valid mobile or landline. */
static int put_token(struct cell_numbers *c, char *tok)
{
	txt_trim(tok);
	if (!*tok)
		return 0;
	if (valid_phone(tok) || !strchr(tok, ' '))
		return put_number(c, tok, strlen(tok));
	struct cell_numbers parts = { 0 };
	for (char *save = NULL, *w = strtok_r(tok, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if (!valid_phone(w) || put_number(&parts, w, strlen(w)) != 0)
			return put_number(c, tok, strlen(tok)); /* the spaces were inside one number */
	for (int k = 0; k < parts.n; k++)
		if (put_number(c, parts.v[k], strlen(parts.v[k])) != 0)
			return -1;
	return 0;
}

/* The numbers of a cell as older systems keep several ("13800138000/
 * 0571-85900933", "…，…", "…、…", or side by side): their count, 0 when
 * the cell is one number (or more than fit, which the field's check then
 * refuses as it stands). */
static int cell_numbers(const char *v, struct cell_numbers *c)
{
	char buf[512];
	c->n = 0;
	if (!strpbrk(v, " /,;|\xef\xe3") || txt_normalize(v, buf, sizeof buf) != 0)
		return 0; /* ASCII without a separator (most cells), or too long to be numbers */
	char *tok = buf;
	for (char *p = buf;; p++) {
		int sep = *p == '/' || *p == ',' || *p == ';' || *p == '|';
		int dun = strncmp(p, "\u3001", 3) == 0; /* 、 */
		if (!sep && !dun && *p)
			continue;
		char end = *p;
		*p = '\0';
		if (put_token(c, tok) != 0)
			return 0;
		if (!end)
			break;
		p += dun ? 2 : 0;
		tok = p + 1;
	}
	return c->n >= 2 ? c->n : 0;
}

int rules_cell_numbers(const char *v, char (*out)[64], int max)
{
	struct cell_numbers c;
	int n = cell_numbers(v, &c);
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++)
		memcpy(out[i], c.v[i], sizeof out[i]);
	return n;
}

/* An imported cell of 手机号, 固定电话1 or 固定电话2 holding several
 * numbers: each goes to an empty field of its kind in the order of the
 * cell (a mobile to 手机号; a landline to 固定电话1, then 2), said as a
 * warning.  When one finds no empty field the cell is refused as it stands,
 * naming the number, and so is every other such cell; nothing is moved or
 * dropped.  skip[i] marks a refused cell, whose own check would only
 * repeat the refusal. */
static void split_phones(struct rec *r, struct rule_list *out, int *skip)
{
	const struct fdef_form *fm = r->form;
	int mob = fdef_index(fm, "mobile"), land[2] = { fdef_index(fm, "phone1"), fdef_index(fm, "phone2") };
	int src[3] = { mob, land[0], land[1] };
	struct cell_numbers cells[3];
	int any = 0;
	for (int s = 0; s < 3; s++) {
		cells[s].n = 0;
		any |= src[s] >= 0 && *r->val[src[s]] && cell_numbers(r->val[src[s]], &cells[s]) > 0;
	}
	if (!any)
		return;
	/* a field is free when empty or itself a cell being split */
	int taken[3], to[3][MAX_CELL_NUMBERS], refused = 0;
	for (int s = 0; s < 3; s++)
		taken[s] = src[s] < 0 || (*r->val[src[s]] && cells[s].n == 0);
	for (int s = 0; s < 3; s++) {
		for (int k = 0; k < cells[s].n; k++) {
			int is_mob = val_looks_mobile(cells[s].v[k]);
			int slot = is_mob ? (taken[0] ? -1 : 0) : !taken[1] ? 1 : !taken[2] ? 2 : -1;
			if (slot < 0) {
				char msg[320];
				snprintf(msg, sizeof msg, "一格有%d个号码“%s”，其中%s没有空栏可记：%s",
				         cells[s].n, r->val[src[s]], cells[s].v[k],
				         is_mob ? "手机号只有一栏，请只留一个" : land[0] < 0 ? "本表没有固定电话栏"
				                                                       : "固定电话两栏都已有号码");
				add(out, r, src[s], RK_INVALID, "phone.several", msg);
				skip[src[s]] = 1;
				refused = 1;
				break; /* the next cell may have its own to say */
			}
			taken[slot] = 1;
			to[s][k] = src[slot];
		}
	}
	if (refused)
		return;
	for (int s = 0; s < 3; s++) {
		if (cells[s].n == 0)
			continue;
		char msg[320];
		int len = snprintf(msg, sizeof msg, "一格有%d个号码：", cells[s].n);
		for (int k = 0; k < cells[s].n && len > 0 && (size_t)len < sizeof msg; k++)
			len += snprintf(msg + len, sizeof msg - (size_t)len, "%s%s记入%s", k ? "，" : "", cells[s].v[k],
			                fm->fields[to[s][k]].label);
		add(out, r, src[s], RK_WARNING, "phone.split", msg);
		rec_set_at(r, src[s], "");
	}
	for (int s = 0; s < 3; s++)
		for (int k = 0; k < cells[s].n; k++)
			rec_set_at(r, to[s][k], cells[s].v[k]);
}

/* A sheet whose mobile field keeps mobiles only, beside a field for a
 * landline (the visit's 固定电话) or a free 其他联系方式 (the A-card): a file
 * that wrote a landline there (an old system's call log or card list) has
 * it kept in that field, said, rather than the row refused; a card goes in
 * without its mobile, incomplete, and the desk asks for one.  The customer
 * sheet is left out: its mobile is what finds a customer again. */
static void landline_aside(struct rec *r, struct rule_list *out, const int *skip)
{
	const struct fdef_form *fm = r->form;
	int mob = fdef_index(fm, "mobile"), other = landline_home(fm, 0);
	if (mob < 0 || other < 0 || skip[mob] || !*r->val[mob] || *r->val[other])
		return;
	char mobile[64], land[64];
	if (val_mobile(r->val[mob], mobile, sizeof mobile, NULL) != VAL_ERROR ||
	    val_landline(r->val[mob], land, sizeof land, NULL) == VAL_ERROR)
		return;
	char msg[200];
	snprintf(msg, sizeof msg, "“%s”是固定电话，已记入%s（本栏只记手机号）", land, fm->fields[other].label);
	add(out, r, mob, RK_WARNING, "phone.moved", msg);
	rec_set_at(r, other, land);
	rec_set_at(r, mob, "");
}

/* The province, city and district fields (the first three with check
 * "region", in form order): 1 with their indexes, 0 when the form has
 * none. */
static int region_fields(const struct rec *r, int idx[3])
{
	int n = 0;
	for (int i = 0; i < r->form->nfields && n < 3; i++)
		if (strcmp(r->form->fields[i].check, "region") == 0)
			idx[n++] = i;
	return n == 3;
}

/* The codes read off the address into a record whose three are empty;
 * the one reading for an import and the desk (rules_region_of_address). */
static int codes_of_address(struct rec *r, const int idx[3], char *shown, size_t shownsz)
{
	int addr = fdef_index(r->form, "address"), code[3];
	if (addr < 0 || *r->val[idx[0]] || *r->val[idx[1]] || *r->val[idx[2]])
		return 0;
	/* as typed at the desk, blanks in front not yet trimmed */
	size_t start;
	txt_trim_span(r->val[addr], &start);
	int n = reg_codes_of_address(r->val[addr] + start, code);
	if (n == 0)
		return 0;
	char buf[16];
	for (int k = 0; k < 3 && code[k]; k++) {
		snprintf(buf, sizeof buf, "%06d", code[k]);
		rec_set_at(r, idx[k], buf);
	}
	reg_display(code[0], code[1], code[2], shown, shownsz);
	return n;
}

int rules_region_of_address(struct rec *r, char *shown, size_t shownsz)
{
	int idx[3];
	if (!region_fields(r, idx))
		return 0;
	return codes_of_address(r, idx, shown, shownsz);
}

int rules_region_fill(struct rec *r, char *shown, size_t shownsz, char *clash, size_t clashsz)
{
	int idx[3], addr, code[3], have = 0;
	*clash = 0;
	if (!region_fields(r, idx) || (addr = fdef_index(r->form, "address")) < 0)
		return 0;
	for (int k = 0; k < 3; k++)
		have += *r->val[idx[k]] != 0;
	if (have == 0)
		return codes_of_address(r, idx, shown, shownsz);
	if (have == 3)
		return 0;
	size_t start;
	txt_trim_span(r->val[addr], &start);
	if (reg_codes_of_address(r->val[addr] + start, code) == 0)
		return 0; /* no region in front: nothing to agree or disagree with */
	/* the codes picked are the person's: the address only completes them */
	for (int k = 0; k < 3; k++) {
		const char *v = r->val[idx[k]];
		if (!*v || atoi(v) == code[k])
			continue;
		char picked[96], read[96];
		const struct reg_entry *e = reg_find(atoi(v));
		snprintf(picked, sizeof picked, "%s%s%s", v, e ? " " : "", e ? e->name : "");
		reg_display(code[0], k > 0 ? code[1] : 0, k > 1 ? code[2] : 0, read, sizeof read);
		if (code[k])
			snprintf(clash, clashsz, "详细地址写的是 %s，与%s（%s）不符：省/市/区未按地址填入，请核对", read,
			         r->form->fields[idx[k]].label, picked);
		else
			snprintf(clash, clashsz, "详细地址读不出%s，与已选的%s（%s）对不上：省/市/区未按地址填入，请核对",
			         r->form->fields[idx[k]].label, r->form->fields[idx[k]].label, picked);
		return -1;
	}
	int n = 0;
	char buf[16];
	for (int k = 0; k < 3 && code[k]; k++) {
		if (!*r->val[idx[k]]) {
			snprintf(buf, sizeof buf, "%06d", code[k]);
			rec_set_at(r, idx[k], buf);
		}
		n = k + 1;
	}
	if (n == have)
		return 0; /* the address reads no further than what was picked */
	reg_display(code[0], code[1], n > 2 ? code[2] : 0, shown, shownsz);
	return n;
}

/* An imported row with no region but an address that starts with one
 * (older systems keep 浙江省杭州市西湖区 only there): the codes taken from
 * it, said on the row so the report shows what was read where. */
static void region_of_address(struct rec *r, const int idx[3], struct rule_list *out)
{
	char shown[160], msg[256];
	if (codes_of_address(r, idx, shown, sizeof shown) == 0)
		return;
	snprintf(msg, sizeof msg, "按详细地址填入：%s", shown);
	add(out, r, idx[0], RK_WARNING, "region.from_address", msg);
}

/* Names, as other systems export them (浙江省, 杭州市, 西湖区), become the
 * codes the sheet stores — before the required fields are counted, since
 * a county-level city named as the city fills the district too. */
static int region_names(struct rec *r, const int idx[3], struct rule_list *out, int *bad)
{
	char code[3][64];
	for (int k = 0; k < 3; k++)
		txt_normalize(r->val[idx[k]], code[k], sizeof code[k]);
	struct val_result vr;
	memset(&vr, 0, sizeof vr);
	enum reg_part part = reg_codes_of_names(code[0], code[1], code[2], sizeof code[0], &vr);
	for (int k = 0; k < 3; k++)
		if (strcmp(code[k], r->val[idx[k]]) != 0)
			rec_set_at(r, idx[k], code[k]);
	if (part == REG_NONE)
		return 0;
	add(out, r, idx[part - 1], RK_INVALID, vr.code, vr.msg);
	bad[idx[part - 1]] = 1;
	return -1;
}

static void check_region(struct rec *r, const int idx[3], struct rule_list *out, const int *bad)
{
	if (!*r->val[idx[0]] && !*r->val[idx[1]] && !*r->val[idx[2]])
		return;
	struct val_result vr;
	memset(&vr, 0, sizeof vr);
	enum reg_part part = reg_check(r->val[idx[0]], r->val[idx[1]], r->val[idx[2]], &vr);
	if (part == REG_NONE)
		return;
	int field = idx[part - 1];
	/* an empty district is already reported as a required field */
	if (bad[field])
		return;
	add(out, r, field, vr.severity == VAL_WARNING ? RK_WARNING : RK_INVALID, vr.code, vr.msg);
}

/* The ID number carries the birth date and sex: fill them when empty, and
 * say so when they disagree.  The 2023 foreigner's permanent residence
 * card (leading 9) carries them in the same digits, so val_idno_info reads
 * it too and it is held to the same agreement. */
static void check_idno_agreement(struct rec *r, struct rule_list *out, const int *bad)
{
	int id = -1, sex = fdef_index(r->form, "sex"), birth = fdef_index(r->form, "birth_date");
	for (int i = 0; i < r->form->nfields; i++)
		if (strcmp(r->form->fields[i].check, "idno") == 0)
			id = i;
	if (id < 0 || !*r->val[id] || bad[id])
		return;
	struct val_idinfo info;
	if (val_idno_info(r->val[id], &info) != 0)
		return;
	char date[16];
	snprintf(date, sizeof date, "%04d-%02d-%02d", info.year % 10000, info.month % 100, info.day % 100);
	const char *sx = info.male ? "男" : "女";
	if (birth >= 0 && !bad[birth]) {
		if (!*r->val[birth]) {
			rec_set_at(r, birth, date);
		} else if (strcmp(r->val[birth], date) != 0) {
			char msg[160];
			snprintf(msg, sizeof msg, "与身份证号码不符（身份证上为%s）", date);
			add(out, r, birth, RK_INVALID, "idno.birth_mismatch", msg);
		}
	}
	if (sex >= 0 && !bad[sex] && r->form->fields[sex].type == FT_CHOICE) {
		if (!*r->val[sex]) {
			rec_set_at(r, sex, sx);
		} else if (strcmp(r->val[sex], sx) != 0) {
			char msg[160];
			snprintf(msg, sizeof msg, "与身份证号码不符（身份证第17位表示%s）", sx);
			add(out, r, sex, RK_INVALID, "idno.sex_mismatch", msg);
		}
	}
}

/* Times that cannot come before another on the same sheet: an order is
 * not finished (or promised) before it was opened, nobody leaves before
 * arriving.  Values are normalised ISO dates and times, so they compare as
 * text — by the day alone where one has no time (date_only); a value
 * already refused is left to its own message. */
static void check_time_order(struct rec *r, struct rule_list *out, const int *bad)
{
	static const struct { const char *first, *then; } pairs[] = {
		{ "opened_at", "promised_at" }, { "opened_at", "completed_at" }, { "arrive_at", "leave_at" },
		{ "received_at", "handled_at" }, { "first_deal_date", "last_deal_date" }, { "prod_date", "out_date" },
		/* a card is made at the first visit or after it, and plans ahead of
		 * itself: an earlier 建卡日期 would make a card look older than a
		 * rival's in a 撞单 */
		{ "first_date", "created_date" }, { "created_date", "next_date" }, { "fu_date", "next_date" },
	};
	for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
		int a = fdef_index(r->form, pairs[k].first), b = fdef_index(r->form, pairs[k].then);
		if (a < 0 || b < 0 || !*r->val[a] || !*r->val[b] || bad[a] || bad[b])
			continue;
		size_t n = strlen(r->val[a]) == 10 || strlen(r->val[b]) == 10 ? 10 : SIZE_MAX;
		if (strncmp(r->val[b], r->val[a], n) < 0) {
			char msg[160];
			snprintf(msg, sizeof msg, "不能早于%s（%s）", r->form->fields[a].label, r->val[a]);
			add(out, r, b, RK_INVALID, "time.order", msg);
		}
	}
}

const char *rules_sale_delivered(const struct rec *r)
{
	int arch = fdef_index(r->form, "archive"), deliv = fdef_index(r->form, "delivery_date"),
	    ret = fdef_index(r->form, "returned");
	if (arch < 0 || deliv < 0 || !*r->val[deliv] || strcmp(r->val[arch], "是") != 0 || (ret >= 0 && *r->val[ret]))
		return NULL;
	return r->val[deliv];
}

/* 客户分类 整车销售 is the system's: "销售部销售新车，转到售后时自动为整车销售，
 * 不可选" (SHEETS.md §1, seed 003).  A sheet saved with its car a delivered
 * new-car sale (新车销售建档 是, 交车日期 given) takes it where the class
 * says nothing more (个人, or still empty); a class that does (员工,
 * 销售大客户…) stays.  An import keeps the class the old system gave. */
static void sale_class(struct rec *r, const int *bad)
{
	int cat = fdef_index(r->form, "category"), deliv = fdef_index(r->form, "delivery_date");
	const char *set = cat >= 0 ? fdef_auto_choice(&r->form->fields[cat]) : NULL;
	if (!set || !rules_sale_delivered(r) || bad[deliv])
		return;
	if (!*r->val[cat] || strcmp(r->val[cat], "个人") == 0)
		rec_set_at(r, cat, set);
}

/* A sale delivered before the 首次交易日期 a new sheet defaults to (a sale
 * of years ago entered today): the first deal was that sale.  Else the
 * 最近交易日期 the delivery gives (customer.c) would be earlier than the
 * first, and the sheet refused for a date nobody can type. */
static void sale_first_deal(struct rec *r, const int *bad)
{
	int first = fdef_index(r->form, "first_deal_date"), deliv = fdef_index(r->form, "delivery_date");
	const char *d = rules_sale_delivered(r);
	if (first < 0 || !d || bad[first] || bad[deliv])
		return;
	if (!*r->val[first] || strcmp(d, r->val[first]) < 0)
		rec_set_at(r, first, d);
}

/* 1 when free text holds a letter, a digit or a Chinese character, not
 * only punctuation and spaces: "。" or "…" in 访问记录 is the empty record
 * SHEETS.md §3 asks the program to make impossible.  Asked of the
 * narrative fields only (multiline: 访问记录, 投诉内容, 客户描述, 首次接待
 * 概况), where a dash is no answer; a short field's "/" may mean "none". */
static int has_words(const char *v)
{
	size_t n = strlen(v);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += txt_decode(v + i, n - i, &c);
		if (c < 0x80 ? isalnum((int)c) != 0
		             : !((c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
		                 (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
		                 (c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7))
			return 1;
	}
	return 0;
}

static int missing(const struct fdef_field *fd, const char *v)
{
	return !*v || (*fd->missing_if && strcmp(v, fd->missing_if) == 0);
}

int rules_lacks(struct rec *r, enum rule_point pt, char *req, size_t reqsz, char *inv, size_t invsz)
{
	struct rule_list l = { 0 };
	rules_check(r, pt, &l);
	rules_join_labels(&l, RK_REQUIRED, req, reqsz);
	rules_join_labels(&l, RK_INVALID, inv, invsz);
	rules_list_free(&l);
	return *req || *inv;
}

int rules_check(struct rec *r, enum rule_point pt, struct rule_list *out)
{
	return rules_check_edit(r, NULL, pt, out);
}

int rules_check_edit(struct rec *r, const struct rec *stored, enum rule_point pt, struct rule_list *out)
{
	const struct fdef_form *fm = r->form;
	size_t first = out->n;
	/* Every save point runs the same checks; what blocks where is the
	 * caller's decision (an import stores a record that only lacks required
	 * values, a repair order may not open for it).  Only an import leaves
	 * out the important fields' entries, which it would never show. */
	int *bad = calloc((size_t)fm->nfields, sizeof *bad);
	if (!bad)
		return -1;
	if (pt == RP_IMPORT) {
		split_phones(r, out, bad);
		landline_aside(r, out, bad);
	}
	/* values first: normalising may fill or change what conditions read */
	for (int i = 0; i < fm->nfields; i++) {
		/* on a sheet, a field that does not apply is hidden and emptied on
		 * saving: it may not refuse the save (nor agree with the ID number).
		 * An import keeps the row as it came, so it checks every value. */
		if (pt != RP_IMPORT && !rules_applies(r, i))
			bad[i] = 1;
		if (*r->val[i] && !bad[i])
			normalise_value(r, i);
		if (*r->val[i] && !bad[i]) {
			size_t before = out->n;
			int kept = stored && stored->form == fm && pt != RP_IMPORT && strcmp(stored->val[i], r->val[i]) == 0;
			check_value(r, i, pt, kept, out);
			for (size_t k = before; k < out->n; k++)
				if (out->v[k].kind == RK_INVALID)
					bad[i] = 1;
		}
	}
	int region[3], has_region = region_fields(r, region);
	if (has_region && pt == RP_IMPORT)
		region_of_address(r, region, out);
	int names_unknown = has_region && region_names(r, region, out, bad) != 0;
	if (pt == RP_SAVE) {
		sale_class(r, bad);
		sale_first_deal(r, bad);
	}
	check_idno_agreement(r, out, bad);
	check_time_order(r, out, bad);
	/* levels after the values, since conditions read normalised values */
	struct rule_list empties = { 0 };
	for (int i = 0; i < fm->nfields; i++) {
		const struct fdef_field *fd = &fm->fields[i];
		if (fd->flags & FF_READONLY)
			continue;
		enum fdef_level lv = rules_level(r, i);
		if (lv == FL_REQUIRED && !*r->val[i]) {
			/* a district stays empty where the city has none */
			if (fd->type == FT_REGION && strcmp(fd->key, "district") == 0) {
				int city = fdef_index(fm, "city");
				if (city >= 0 && *r->val[city] && reg_is_leaf_city(atoi(r->val[city])))
					continue;
			}
			add(&empties, r, i, RK_REQUIRED, "required", "必填项，不能为空");
			bad[i] = 1;
		} else if (lv == FL_REQUIRED && (fd->flags & FF_MULTILINE) && !bad[i] && !has_words(r->val[i])) {
			add(&empties, r, i, RK_REQUIRED, "required.no_words", "必填项，只有标点符号，请写明内容");
			bad[i] = 1;
		} else if (lv == FL_IMPORTANT && pt != RP_IMPORT && missing(fd, r->val[i])) {
			add(&empties, r, i, RK_IMPORTANT, "important", "重要项，尚未填写");
		}
	}
	if (has_region && !names_unknown) /* a name not found is said as that, once */
		check_region(r, region, out, bad);
	/* keep the list in form order: merge the empties in */
	for (size_t k = 0; k < empties.n; k++) {
		struct rule_problem *p = add(out, r, empties.v[k].field, empties.v[k].kind,
		                             empties.v[k].code, "");
		if (p)
			snprintf(p->msg, sizeof p->msg, "%s", empties.v[k].msg);
	}
	rules_list_free(&empties);
	free(bad);
	/* stable sort by field index so every message lists fields in sheet order */
	for (size_t a = first + 1; a < out->n; a++) {
		struct rule_problem t = out->v[a];
		size_t b = a;
		while (b > first && out->v[b - 1].field > t.field) {
			out->v[b] = out->v[b - 1];
			b--;
		}
		out->v[b] = t;
	}
	int blocking = 0;
	for (size_t k = first; k < out->n; k++)
		if (out->v[k].kind == RK_INVALID || out->v[k].kind == RK_REQUIRED)
			blocking++;
	return blocking;
}

size_t rules_count(const struct rule_list *l, enum rule_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->v[i].kind == k;
	return n;
}

char *rules_join_labels_of(const struct rule_list *l, enum rule_kind k, const unsigned char *kinds,
                           char *out, size_t outsz)
{
	out[0] = 0;
	int any = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (l->v[i].kind != k || (kinds && !(kinds[l->v[i].field] & (1u << k))))
			continue;
		/* one mention per field even when it has two problems */
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			if (l->v[j].kind == k && l->v[j].field == l->v[i].field)
				seen = 1;
		if (seen)
			continue;
		if (any)
			strncat(out, "、", outsz - strlen(out) - 1);
		strncat(out, l->v[i].label, outsz - strlen(out) - 1);
		any = 1;
	}
	return out;
}

char *rules_join_labels(const struct rule_list *l, enum rule_kind k, char *out, size_t outsz)
{
	return rules_join_labels_of(l, k, NULL, out, outsz);
}

/* Said from the same tables and limits check_value applies, so the words
 * cannot promise what a save then refuses. */
void rules_field_words(const struct fdef_form *fm, int field, char *accepts, size_t asz, char *typing,
                       size_t tsz)
{
	const struct fdef_field *fd = &fm->fields[field];
	size_t at = 0;
	accepts[0] = typing[0] = 0;
	if (fd->type == FT_CHOICE) {
		at = (size_t)snprintf(accepts, asz, "选项：");
		for (int c = 0; c < fd->nchoices && at < asz; c++)
			at += (size_t)snprintf(accepts + at, asz - at, "%s%s%s", c ? "、" : "", fd->choices[c],
			                       c + 1 == fd->auto_choice ? "（系统设定，不可手选）" : "");
		txt_drop_partial(accepts); /* a shop's long list cut between characters */
	} else if (fd->type == FT_REGION) {
		snprintf(accepts, asz, "行政区划（GB/T 2260）：省、市、区县，按代码（如330106）或名称选定");
	} else if (check_of(fd)) {
		static const char *const by_type[] = { [FT_DATE] = "date", [FT_DATETIME] = "datetime",
		                                       [FT_INT] = "int", [FT_MONEY] = "money" };
		snprintf(accepts, asz, "%s", val_words(*fd->check ? fd->check : by_type[fd->type]));
	} else {
		snprintf(accepts, asz, "文字，最多%d字", (fd->flags & FF_MULTILINE) ? MAX_MULTILINE_CHARS : MAX_TEXT_CHARS);
	}
	at = 0;
	if (fd->type == FT_DATETIME || fd->type == FT_DATE) { /* as desk_day completes it, on any sheet */
		int dt = fd->type == FT_DATETIME;
		at = (size_t)snprintf(typing, tsz, "%s", dt ? "只写时刻即为今天（如17:00）；也可在时刻前写" : "也可只写");
		for (size_t k = 0; k < sizeof day_words / sizeof day_words[0] && at < tsz; k++)
			at += (size_t)snprintf(typing + at, tsz - at, "%s%s", k ? "/" : "", day_words[k].word);
		if (at < tsz)
			snprintf(typing + at, tsz - at, "%s", dt ? "，如今天 17:00、明天 9:30、昨天下午5点" : "，按今天的日期换算");
		txt_drop_partial(typing);
	} else if (fd->type == FT_INT) {
		for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
			if (strcmp(units[u].key, fd->key) != 0)
				continue;
			at = (size_t)snprintf(typing, tsz, "可带单位");
			for (int k = 0; units[u].units[k] && at < tsz; k++)
				at += (size_t)snprintf(typing + at, tsz - at, "%s%s", k ? "或" : "", units[u].units[k]);
			if (at < tsz)
				snprintf(typing + at, tsz - at, "，如10%s", units[u].units[0]);
		}
	}
}
