/* Forms as data: every shipped form loads, every field has its schema
 * column, every check name exists, and broken forms are refused with the
 * line and the rule. */
#include <strings.h>
#include "testutil.h"
#include "desk4s/alias.h"
#include "desk4s/auth.h"
#include "desk4s/embed.h"
#include "desk4s/fdef.h"
#include "desk4s/rules.h"
#include "desk4s/text.h"
#include "desk4s/store.h"
#include "desk4s/validate.h"

START_TEST(every_form_loads_and_maps_to_schema)
{
	char *dir = tu_tmpdir(), path[512], err[512];
	snprintf(path, sizeof path, "%s/t.db", dir);
	struct st_db *db;
	ck_assert_int_eq(st_open(path, &db, err, sizeof err), ST_OK);
	int forms = 0, fields = 0;
	for (const char *const *n = fdef_names(); *n; n++) {
		struct fdef_form *f = fdef_load(*n, NULL, err, sizeof err);
		ck_assert_msg(f != NULL, "%s: %s", *n, err);
		forms++;
		for (int i = 0; i < f->nfields; i++) {
			const struct fdef_field *fd = &f->fields[i];
			ck_assert_msg(st_has_column(db, fd->table, fd->column), "%s.%s: no column %s.%s", *n,
			              fd->key, fd->table, fd->column);
			if (*fd->check && strcmp(fd->check, "region") != 0)
				ck_assert_msg(val_lookup(fd->check) != NULL, "%s.%s: unknown check %s", *n, fd->key,
				              fd->check);
			/* a field that reaches or names the person masks, in lists,
			 * exports --mask and the usage log, by its key */
			static const char *const personal[] = { "mobile", "landline", "idno", "email", "qq" };
			for (size_t k = 0; k < sizeof personal / sizeof personal[0]; k++)
				if (strcmp(fd->check, personal[k]) == 0)
					ck_assert_msg(auth_mask_kind_of(fd->key) != AUTH_MASK_NONE, "%s.%s (%s) does not mask", *n,
					              fd->key, fd->check);
			fields++;
		}
		fdef_free(f);
	}
	ck_assert_int_eq(forms, 9);
	ck_assert_int_gt(fields, 100);
	st_close(db);
	tu_rmtree(dir);
}
END_TEST

/* forms/headers.csv: each other name stands for a field its form has, is
 * not already that form's key or label (it would never be read), is
 * listed once per form, and names a form the program has. */
START_TEST(other_column_names_name_real_fields)
{
	char err[512];
	size_t total = 0;
	for (const char *const *n = fdef_names(); *n; n++) {
		struct fdef_form *f = fdef_load(*n, NULL, err, sizeof err);
		ck_assert_msg(f != NULL, "%s: %s", *n, err);
		struct alias_map *m = alias_load(*n, err, sizeof err);
		ck_assert_msg(m != NULL, "%s", err);
		const char *name, *key;
		for (size_t i = 0; alias_at(m, i, &name, &key); i++, total++) {
			/* "mobile|phone1": read by content, each a field; "arrive_at+time":
			 * the time of day of a date-and-time field */
			char keys[128];
			snprintf(keys, sizeof keys, "%s", key);
			if (*key == '@') {
				/* a column that finds the customer of a row without its number,
				 * on a sheet whose number is its key */
				ck_assert_msg(strcmp(key, "@name") == 0 || strcmp(key, "@mobile") == 0 || strcmp(key, "@plate") == 0,
				              "%s: %s: %s finds nothing", *n, name, key);
				int k = fdef_index(f, "cust_no");
				ck_assert_msg(k >= 0 && (f->fields[k].flags & FF_KEY), "%s: %s: the sheet has no customer number to find",
				              *n, name);
				ck_assert_msg(strcmp(key, "@plate") != 0 || fdef_index(f, "plate") < 0, "%s: %s: the plate is the sheet's own",
				              *n, name);
				*keys = 0;
			}
			char *plus = strchr(keys, '+');
			if (plus) {
				ck_assert_msg(strcmp(plus, "+time") == 0, "%s: %s: %s is no known part", *n, name, plus);
				*plus = 0;
				int k = fdef_index(f, keys);
				ck_assert_msg(k >= 0 && f->fields[k].type == FT_DATETIME, "%s: %s names no date-and-time field", *n,
				              name);
			}
			for (char *save = NULL, *one = strtok_r(keys, "|", &save); one; one = strtok_r(NULL, "|", &save)) {
				int k = fdef_index(f, one);
				ck_assert_msg(k >= 0 && strcmp(f->fields[k].key, one) == 0, "%s: %s names no field %s", *n, name, one);
			}
			char norm[256];
			txt_normalize(name, norm, sizeof norm);
			ck_assert_msg(strcmp(norm, name) == 0, "%s: %s is not written as a header is read", *n, name);
			ck_assert_msg(fdef_index(f, name) < 0, "%s: %s is the form's own name", *n, name);
			ck_assert_str_eq(alias_key(m, name), key); /* the first of its name: no other before it */
			const char *n2, *k2;
			for (size_t j = 0; alias_at(m, j, &n2, &k2); j++)
				ck_assert_msg(j == i || strcasecmp(n2, name) != 0, "%s: %s listed twice", *n, name);
		}
		alias_free(m);
		fdef_free(f);
	}
	/* every row of the file belongs to one of the forms */
	const struct emb_file *e = emb_find("forms/headers.csv");
	ck_assert_ptr_nonnull(e);
	size_t rows = 0;
	for (size_t i = 0; i < e->size; i++)
		if (e->data[i] == '\n' && i + 1 < e->size && e->data[i + 1] != '#')
			rows++;
	ck_assert_int_eq(rows - 1, total); /* less the header line */
	ck_assert_int_gt(total, 40);
}
END_TEST

START_TEST(customer_form_has_the_sheet)
{
	char err[256];
	struct fdef_form *f = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->title, "客户档案登记表");
	int sex = fdef_index(f, "性别");
	ck_assert_int_ge(sex, 0);
	ck_assert_str_eq(f->fields[sex].key, "sex");
	ck_assert_int_eq(f->fields[sex].level, FL_REQUIRED);
	ck_assert_int_eq(f->fields[sex].ncond, 1);
	ck_assert_str_eq(f->fields[f->fields[sex].cond[0].field].key, "nature");
	ck_assert_str_eq(f->fields[sex].cond[0].value, "个人");
	int id = fdef_index(f, "id_no");
	ck_assert_int_eq(f->fields[id].ncond, 2);
	int app = fdef_index(f, "是否安装APP");
	ck_assert_str_eq(f->fields[app].missing_if, "否");
	ck_assert_int_eq(f->fields[app].level, FL_IMPORTANT);
	ck_assert_int_eq(f->fields[fdef_index(f, "nature")].nchoices, 2);
	ck_assert(f->fields[fdef_index(f, "cust_no")].flags & FF_READONLY);
	ck_assert(f->fields[fdef_index(f, "name")].flags & FF_KEY);
	fdef_free(f);
}
END_TEST

/* A count is typed with its unit as often as not (10年, 3 口: the rules
 * take the number, check_rules counts_may_carry_their_unit): its field
 * holds such a value whole, or the sheet refuses its last character. */
START_TEST(counts_have_room_for_their_unit)
{
	static const struct { const char *form, *key, *typed; } typed[] = {
		{"customer", "driving_years", "10年"}, {"customer", "family_members", "3 口"},
		{"customer", "family_members", "10人"}, {"customer", "work_years", "10年"},
		{"customer", "staff_count", "1200人"}, {"acard", "age", "35岁"},
		{"workorder", "mileage", "12400km"},
	};
	char err[256];
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		struct fdef_form *f = fdef_load(typed[i].form, NULL, err, sizeof err);
		ck_assert_ptr_nonnull(f);
		int k = fdef_index(f, typed[i].key);
		ck_assert_int_ge(k, 0);
		ck_assert_msg(f->fields[k].width >= txt_width(typed[i].typed), "%s.%s: %d cells for \"%s\"",
		              typed[i].form, typed[i].key, f->fields[k].width, typed[i].typed);
		fdef_free(f);
	}
}
END_TEST

static const char HDR[] = "key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n";

static const struct { const char *body; const char *expect; } bad_forms[] = {
	{ "a,甲,s,t.a,text,10,required,,,,,\na,乙,s,t.b,text,10,general,,,,,\n", "第4行：字段 a 重复" },
	{ "a,甲,s,t.a,txt,10,required,,,,,\n", "未知类型 \"txt\"" },
	{ "a,甲,s,t.a,text,0,required,,,,,\n", "宽度 \"0\"" },
	{ "a,甲,s,t.a,text,10,must,,,,,\n", "级别 \"must\"" },
	{ "a,甲,s,t.a,text,10,required,,nosuch,,,\n", "未知的校验名 \"nosuch\"" },
	{ "a,甲,s,t.a,choice,10,required,,,,,\n", "没有选项" },
	{ "a,甲,s,ta,text,10,required,,,,,\n", "表名.列名" },
	{ "a,甲,s,t.a;drop,text,10,required,,,,,\n", "表名.列名" },
	{ "A-b,甲,s,t.a,text,10,required,,,,,\n", "只能由小写字母" },
	{ "a,甲,s,t.a,text,10,required,zz=1,,,,\n", "不存在的字段 \"zz\"" },
	{ "a,甲,s,t.a,text,10,required,a,,,,\n", "键=值" },
	{ "a,甲,s,t.a,text,10,required,,,,,wide\n", "未知标志 \"wide\"" },
	{ "a,甲,s,t.a,choice,10,required,,,x|y,,auto=z\n", "\"z\" 不是字段 a 的选项" },
	{ "a,甲,s,t.a,text,10,required,,,,,auto=x\n", "标志 auto=x：只用于选择字段" },
	{ "a,甲,s,t.a,choice,10,required,,,x|y,,auto=x|auto=y\n", "字段只能有一个系统设定的选项" },
	{ "a,甲,s,t.a,text,10\n", "应有12列" },
};

START_TEST(broken_forms_are_refused_with_line_and_rule)
{
	char text[1024], err[512];
	snprintf(text, sizeof text, "#title,T\n%s%s", HDR, bad_forms[_i].body);
	struct fdef_form *f = fdef_parse("bad", text, strlen(text), err, sizeof err);
	ck_assert_msg(f == NULL, "form %d was accepted", _i);
	ck_assert_msg(strstr(err, bad_forms[_i].expect) != NULL, "form %d: got \"%s\"", _i, err);
	ck_assert_msg(strstr(err, "表单文件 bad") != NULL, "no file named: %s", err);
}
END_TEST

START_TEST(header_and_empty_forms_refused)
{
	char err[256];
	const char *t1 = "key,label\n";
	ck_assert_ptr_null(fdef_parse("x", t1, strlen(t1), err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "表头"));
	ck_assert_ptr_null(fdef_parse("x", HDR, strlen(HDR), err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "没有字段"));
	const char *t3 = "";
	ck_assert_ptr_null(fdef_parse("x", t3, 0, err, sizeof err));
	(void)t3;
}
END_TEST

START_TEST(a_shop_can_override_forms_from_a_directory)
{
	char *dir = tu_tmpdir(), path[512], err[512];
	snprintf(path, sizeof path, "%s/visit.csv", dir);
	char text[1024];
	snprintf(text, sizeof text, "#title,本店来访\n%s%s", HDR,
	         "visit_kind,来电或到店,s,visits.visit_kind,choice,6,required,,,到店|来电|网聊,,\n");
	tu_write(path, text);
	struct fdef_form *f = fdef_load("visit", dir, err, sizeof err);
	ck_assert_msg(f != NULL, "%s", err);
	ck_assert_str_eq(f->title, "本店来访");
	ck_assert_int_eq(f->fields[0].nchoices, 3);
	fdef_free(f);
	ck_assert_ptr_null(fdef_load("nosuch", dir, err, sizeof err));
	ck_assert_ptr_nonnull(strstr(err, "nosuch.csv"));
	tu_rmtree(dir);
}
END_TEST

/* applies_if: a person's fields and a 单位's are told apart in the form;
 * a form written before the column (a shop's own) still loads. */
START_TEST(applies_if_names_whom_a_field_is_for)
{
	char err[512];
	struct fdef_form *f = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_msg(f != NULL, "%s", err);
	static const char *const person[] = { "sex", "birth_date", "id_no", "marital", "age_band" };
	static const char *const org[] = { "org_nature", "credit_code", "biz_contact", "org_contact" };
	for (size_t i = 0; i < sizeof person / sizeof *person; i++) {
		const struct fdef_field *fd = &f->fields[fdef_index(f, person[i])];
		ck_assert_msg(fd->napp == 1 && fd->app[0].negate && strcmp(fd->app[0].value, "单位") == 0,
		              "%s is not for a person only", person[i]);
		ck_assert_str_eq(f->fields[fd->app[0].field].key, "nature");
	}
	for (size_t i = 0; i < sizeof org / sizeof *org; i++) {
		const struct fdef_field *fd = &f->fields[fdef_index(f, org[i])];
		ck_assert_msg(fd->napp == 1 && fd->app[0].negate && strcmp(fd->app[0].value, "个人") == 0,
		              "%s is not for a 单位 only", org[i]);
	}
	ck_assert_int_eq(f->fields[fdef_index(f, "mobile")].napp, 0);
	fdef_free(f);
	const char *old = "key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	                  "a,甲,s,t.a,text,10,general,,,,,\n";
	f = fdef_parse("old", old, strlen(old), err, sizeof err);
	ck_assert_msg(f != NULL, "%s", err);
	ck_assert_int_eq(f->fields[0].napp, 0);
	fdef_free(f);
	const char *self = "key,label,section,column,type,width,level,condition,check,choices,missing_if,flags,applies_if\n"
	                   "a,甲,s,t.a,text,10,general,,,,,,a=1\n";
	ck_assert_ptr_null(fdef_parse("self", self, strlen(self), err, sizeof err));
	ck_assert_msg(strstr(err, "不能引用它自己") != NULL, "%s", err);
	const char *ragged = "key,label,section,column,type,width,level,condition,check,choices,missing_if,flags,applies_if\n"
	                     "a,甲,s,t.a,text,10,general,,,,,\n";
	ck_assert_ptr_null(fdef_parse("ragged", ragged, strlen(ragged), err, sizeof err));
	ck_assert_msg(strstr(err, "应有13列") != NULL, "%s", err);
}
END_TEST

/* the lookup table answers as a scan of the fields would: the first field
 * whose key or label is the name; a shop's form where a label repeats
 * another field's key keeps the first */
static int scan(const struct fdef_form *f, const char *name)
{
	for (int i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].key, name) == 0 || strcmp(f->fields[i].label, name) == 0)
			return i;
	return -1;
}

START_TEST(field_lookup_agrees_with_a_scan)
{
	char err[512];
	for (const char *const *n = fdef_names(); *n; n++) {
		struct fdef_form *f = fdef_load(*n, NULL, err, sizeof err);
		ck_assert_msg(f != NULL, "%s", err);
		ck_assert_ptr_nonnull(f->index);
		for (int i = 0; i < f->nfields; i++) {
			ck_assert_int_eq(fdef_index(f, f->fields[i].key), scan(f, f->fields[i].key));
			ck_assert_int_eq(fdef_index(f, f->fields[i].label), scan(f, f->fields[i].label));
			ck_assert_int_eq(fdef_index(f, f->fields[i].key), i);
		}
		ck_assert_int_eq(fdef_index(f, "no_such_field"), -1);
		ck_assert_int_eq(fdef_index(f, ""), scan(f, ""));
		fdef_free(f);
	}
	const char *text = "key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
	                   "a,乙,s,visits.remark,text,10,general,,,,,\n"
	                   "b,a,s,visits.staff,text,10,general,,,,,\n";
	struct fdef_form *f = fdef_parse("dup", text, strlen(text), err, sizeof err);
	ck_assert_msg(f != NULL, "%s", err);
	ck_assert_int_eq(fdef_index(f, "a"), 0);
	ck_assert_int_eq(fdef_index(f, "乙"), 0);
	ck_assert_int_eq(fdef_index(f, "b"), 1);
	fdef_free(f);
}
END_TEST

/* Every field says in words what it takes (F1 on it, `desk4s forms`):
 * a check by its own words, a choice by its options, a time by the day
 * words the rules complete, a count by its unit, a level's condition by
 * labels. */
START_TEST(every_field_says_what_it_takes)
{
	char err[512], accepts[512], typing[512], cond[256];
	for (const char *const *n = fdef_names(); *n; n++) {
		struct fdef_form *f = fdef_load(*n, NULL, err, sizeof err);
		ck_assert_msg(f != NULL, "%s: %s", *n, err);
		for (int i = 0; i < f->nfields; i++) {
			rules_field_words(f, i, accepts, sizeof accepts, typing, sizeof typing);
			ck_assert_msg(*accepts, "%s.%s says nothing", *n, f->fields[i].key);
			ck_assert(txt_valid_utf8(accepts, strlen(accepts)));
		}
		fdef_free(f);
	}
	for (const char *const *c = val_names(); *c; c++)
		ck_assert_msg(*val_words(*c), "check %s has no words", *c);
	struct fdef_form *f = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	int mobile = fdef_index(f, "mobile"), sex = fdef_index(f, "sex"), id = fdef_index(f, "id_no");
	rules_field_words(f, mobile, accepts, sizeof accepts, typing, sizeof typing);
	ck_assert_str_eq(accepts, val_words("mobile"));
	ck_assert_ptr_nonnull(strstr(accepts, "11位手机号码"));
	ck_assert_str_eq(typing, "");
	rules_field_words(f, sex, accepts, sizeof accepts, typing, sizeof typing);
	ck_assert_str_eq(accepts, "选项：男、女");
	ck_assert_str_eq(fdef_cond_words(f, &f->fields[sex], cond, sizeof cond), "仅个人");
	ck_assert_str_eq(fdef_cond_words(f, &f->fields[id], cond, sizeof cond), "仅新车销售建档为是、个人");
	ck_assert_str_eq(fdef_cond_words(f, &f->fields[mobile], cond, sizeof cond), "");
	ck_assert_str_eq(fdef_level_label(f->fields[mobile].level), "必填");
	rules_field_words(f, fdef_index(f, "family_members"), accepts, sizeof accepts, typing, sizeof typing);
	ck_assert_str_eq(typing, "可带单位人或口，如10人");
	rules_field_words(f, fdef_index(f, "hobby"), accepts, sizeof accepts, typing, sizeof typing);
	ck_assert_str_eq(accepts, "文字，最多200字");
	rules_field_words(f, fdef_index(f, "province"), accepts, sizeof accepts, typing, sizeof typing);
	ck_assert_ptr_nonnull(strstr(accepts, "按代码（如330106）或名称"));
	fdef_free(f);
	f = fdef_load("workorder", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(f);
	rules_field_words(f, fdef_index(f, "promised_at"), accepts, sizeof accepts, typing, sizeof typing);
	ck_assert_ptr_nonnull(strstr(accepts, "2026-12-06 14:30"));
	ck_assert_ptr_nonnull(strstr(typing, "今天 17:00"));
	fdef_free(f);
}
END_TEST

Suite *forms_suite(void)
{
	Suite *s = suite_create("forms");
	TCase *t = tcase_create("forms");
	tcase_add_test(t, every_form_loads_and_maps_to_schema);
	tcase_add_test(t, customer_form_has_the_sheet);
	tcase_add_test(t, counts_have_room_for_their_unit);
	tcase_add_loop_test(t, broken_forms_are_refused_with_line_and_rule, 0,
	                    (int)(sizeof bad_forms / sizeof bad_forms[0]));
	tcase_add_test(t, header_and_empty_forms_refused);
	tcase_add_test(t, a_shop_can_override_forms_from_a_directory);
	tcase_add_test(t, field_lookup_agrees_with_a_scan);
	tcase_add_test(t, applies_if_names_whom_a_field_is_for);
	tcase_add_test(t, other_column_names_name_real_fields);
	tcase_add_test(t, every_field_says_what_it_takes);
	suite_add_tcase(s, t);
	return s;
}
