/* The rules engine: levels with conditions, every problem at once and in
 * sheet order, normalisation, the region triple and the ID agreement. */
#include "testutil.h"
#include "desk4s/rules.h"

static struct fdef_form *form;
static struct rec *r;
static struct rule_list l;

static void setup(void)
{
	char err[256];
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	form = fdef_load("customer", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(form);
	r = rec_new(form);
	memset(&l, 0, sizeof l);
}

static void teardown(void)
{
	rules_list_free(&l);
	rec_free(r);
	fdef_free(form);
}

static void fill_valid(void)
{
	rec_set(r, "nature", "个人");
	rec_set(r, "category", "个人");
	rec_set(r, "source", "自来");
	rec_set(r, "name", "张三");
	rec_set(r, "sex", "男");
	rec_set(r, "mobile", "13800138000");
	rec_set(r, "province", "330000");
	rec_set(r, "city", "330100");
	rec_set(r, "district", "330106");
	rec_set(r, "address", "文三路1号");
}

static const char *labels(enum rule_kind k)
{
	static char buf[1024];
	return rules_join_labels(&l, k, buf, sizeof buf);
}

static const struct rule_problem *find(const char *key)
{
	for (size_t i = 0; i < l.n; i++)
		if (strcmp(l.v[i].key, key) == 0)
			return &l.v[i];
	return NULL;
}

START_TEST(empty_record_lists_every_required_field_in_sheet_order)
{
	int blocking = rules_check(r, RP_SAVE, &l);
	ck_assert_int_eq(blocking, 9);
	ck_assert_str_eq(labels(RK_REQUIRED),
	                 "客户性质、客户分类、客户来源、姓名/单位名称、手机号、省区编号、城市编号、区域编号、详细地址");
	/* with no nature, the conditions for 个人 or 单位 do not apply */
	ck_assert_str_eq(labels(RK_IMPORTANT), "QQ号、邮箱、微博、是否安装APP");
	const struct rule_problem *p = find("mobile");
	ck_assert_str_eq(p->code, "required");
	ck_assert_str_eq(p->msg, "手机号：必填项，不能为空");
}
END_TEST

START_TEST(conditions_decide_the_level)
{
	fill_valid();
	rec_set(r, "sex", "");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(labels(RK_REQUIRED), "性别");
	ck_assert_str_eq(labels(RK_IMPORTANT), "出生日期、职业特性、兴趣爱好、QQ号、邮箱、微博、是否安装APP");
	l.n = 0;
	rec_set(r, "nature", "单位");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	ck_assert_str_eq(labels(RK_IMPORTANT), "单位性质、QQ号、邮箱、微博、是否安装APP");
	/* a new-car sale archive of a 个人 needs the ID number and the car */
	l.n = 0;
	rec_set(r, "nature", "个人");
	rec_set(r, "sex", "男");
	rec_set(r, "archive", "是");
	rules_check(r, RP_SAVE, &l);
	ck_assert_ptr_nonnull(find("id_no"));
	ck_assert_int_eq(find("id_no")->kind, RK_REQUIRED);
	ck_assert_int_eq(find("vin")->kind, RK_REQUIRED);
	ck_assert_int_eq(find("purpose")->kind, RK_REQUIRED);
	ck_assert_ptr_null(find("org_purpose"));
	ck_assert_int_eq(rules_level(r, fdef_index(form, "plate")), FL_GENERAL);
}
END_TEST

START_TEST(missing_if_counts_as_empty_for_the_prompt)
{
	fill_valid();
	rec_set(r, "app_installed", "否");
	rules_check(r, RP_SAVE, &l);
	ck_assert_ptr_nonnull(find("app_installed"));
	ck_assert_int_eq(find("app_installed")->kind, RK_IMPORTANT);
	l.n = 0;
	rec_set(r, "app_installed", "是");
	rules_check(r, RP_SAVE, &l);
	ck_assert_ptr_null(find("app_installed"));
}
END_TEST

START_TEST(every_problem_at_once)
{
	fill_valid();
	rec_set(r, "name", "");
	rec_set(r, "mobile", "1380013800");
	rec_set(r, "email", "not-an-email");
	rec_set(r, "postcode", "31000");
	int blocking = rules_check(r, RP_SAVE, &l);
	ck_assert_int_eq(blocking, 4);
	ck_assert_str_eq(labels(RK_REQUIRED), "姓名/单位名称");
	ck_assert_str_eq(labels(RK_INVALID), "手机号、邮箱、邮递区号");
	/* sheet order: name comes before mobile */
	ck_assert_str_eq(l.v[0].key, "name");
}
END_TEST

START_TEST(values_are_normalised_in_place)
{
	fill_valid();
	rec_set(r, "mobile", "＋86 138-0013-8000");
	rec_set(r, "province", "３３００００");
	rec_set(r, "name", "　张三 ");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	ck_assert_str_eq(rec_get(r, "mobile"), "13800138000");
	ck_assert_str_eq(rec_get(r, "province"), "330000");
	ck_assert_str_eq(rec_get(r, "name"), "张三");
}
END_TEST

START_TEST(region_triple)
{
	fill_valid();
	rec_set(r, "city", "110100");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(labels(RK_INVALID), "城市编号");
	l.n = 0;
	rec_set(r, "province", "440000");
	rec_set(r, "city", "441900");
	rec_set(r, "district", "");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	l.n = 0;
	rec_set(r, "province", "330000");
	rec_set(r, "city", "330100");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(labels(RK_REQUIRED), "区域编号");
}
END_TEST

/* The desk's reading of the region off the address is the import's: the
 * three codes filled only when all are empty, named for the message line;
 * a province alone, or an address with no region in front, fills nothing;
 * a saving rules check does not fill them by itself. */
START_TEST(region_read_off_the_address_only_into_empty_codes)
{
	char shown[160] = "";
	fill_valid();
	rec_set(r, "province", "");
	rec_set(r, "city", "");
	rec_set(r, "district", "");
	rec_set(r, "address", "浙江省杭州市西湖区文三路100号");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 3);
	ck_assert_str_eq(rec_get(r, "province"), "");
	ck_assert_int_eq(rules_region_of_address(r, shown, sizeof shown), 3);
	ck_assert_str_eq(shown, "浙江省 杭州市 西湖区");
	ck_assert_str_eq(rec_get(r, "province"), "330000");
	ck_assert_str_eq(rec_get(r, "city"), "330100");
	ck_assert_str_eq(rec_get(r, "district"), "330106");
	/* filled once: a second reading finds codes there */
	ck_assert_int_eq(rules_region_of_address(r, shown, sizeof shown), 0);
	/* one code there, of another place: left as it is */
	rec_set(r, "city", "");
	rec_set(r, "district", "");
	rec_set(r, "province", "440000");
	ck_assert_int_eq(rules_region_of_address(r, shown, sizeof shown), 0);
	ck_assert_str_eq(rec_get(r, "province"), "440000");
	ck_assert_str_eq(rec_get(r, "city"), "");
	/* as typed, blanks in front; a city short of its district read */
	rec_set(r, "province", "");
	rec_set(r, "address", "　 杭州市滨江区江南大道1号");
	ck_assert_int_eq(rules_region_of_address(r, shown, sizeof shown), 3);
	ck_assert_str_eq(rec_get(r, "district"), "330108");
	rec_set(r, "province", "");
	rec_set(r, "city", "");
	rec_set(r, "district", "");
	rec_set(r, "address", "浙江杭州市西湖文三路");
	ck_assert_int_eq(rules_region_of_address(r, shown, sizeof shown), 2);
	ck_assert_str_eq(shown, "浙江省 杭州市");
	ck_assert_str_eq(rec_get(r, "district"), "");
	/* a province alone, nothing in front */
	static const char *const none[] = {"浙江省文三路100号", "北京朝阳路5号", "文三路1号", ""};
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
		rec_set(r, "province", "");
		rec_set(r, "city", "");
		rec_set(r, "district", "");
		rec_set(r, "address", none[i]);
		ck_assert_int_eq(rules_region_of_address(r, shown, sizeof shown), 0);
		ck_assert_str_eq(rec_get(r, "province"), "");
		ck_assert_str_eq(rec_get(r, "city"), "");
	}
}
END_TEST

/* The desk's reading: the first codes picked, agreeing with the address,
 * are completed from it; a code it disagrees with fills nothing and is
 * named; the import's reading leaves such codes alone. */
START_TEST(region_picked_in_part_is_completed_or_its_clash_named)
{
	char shown[160] = "", clash[256] = "";
	fill_valid();
	rec_set(r, "address", "浙江省杭州市西湖区文三路100号");
	rec_set(r, "province", "330000");
	rec_set(r, "city", "");
	rec_set(r, "district", "");
	ck_assert_int_eq(rules_region_of_address(r, shown, sizeof shown), 0);
	ck_assert_int_eq(rules_region_fill(r, shown, sizeof shown, clash, sizeof clash), 3);
	ck_assert_str_eq(shown, "浙江省 杭州市 西湖区");
	ck_assert_str_eq(rec_get(r, "city"), "330100");
	ck_assert_str_eq(rec_get(r, "district"), "330106");
	ck_assert_str_eq(clash, "");
	/* all three there: nothing to do */
	ck_assert_int_eq(rules_region_fill(r, shown, sizeof shown, clash, sizeof clash), 0);
	/* province and city, the address read to its city only */
	rec_set(r, "district", "");
	rec_set(r, "address", "浙江杭州市西湖文三路");
	ck_assert_int_eq(rules_region_fill(r, shown, sizeof shown, clash, sizeof clash), 0);
	ck_assert_str_eq(rec_get(r, "district"), "");
	/* another province picked */
	rec_set(r, "province", "440000");
	rec_set(r, "city", "");
	rec_set(r, "address", "浙江省杭州市西湖区文三路100号");
	ck_assert_int_eq(rules_region_fill(r, shown, sizeof shown, clash, sizeof clash), -1);
	ck_assert_str_eq(clash, "详细地址写的是 浙江省，与省区编号（440000 广东省）不符：省/市/区未按地址填入，请核对");
	ck_assert_str_eq(rec_get(r, "city"), "");
	/* another city of the province */
	rec_set(r, "province", "330000");
	rec_set(r, "city", "330200");
	ck_assert_int_eq(rules_region_fill(r, shown, sizeof shown, clash, sizeof clash), -1);
	ck_assert_ptr_nonnull(strstr(clash, "与城市编号（330200 宁波市）不符"));
	ck_assert_str_eq(rec_get(r, "district"), "");
	/* no region in front: nothing to agree or disagree with */
	rec_set(r, "address", "文三路100号");
	ck_assert_int_eq(rules_region_fill(r, shown, sizeof shown, clash, sizeof clash), 0);
	ck_assert_str_eq(clash, "");
}
END_TEST

START_TEST(id_number_fills_and_checks_sex_and_birth)
{
	fill_valid();
	rec_set(r, "sex", "");
	rec_set(r, "id_no", "11010519491231002x");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	ck_assert_str_eq(rec_get(r, "id_no"), "11010519491231002X");
	ck_assert_str_eq(rec_get(r, "sex"), "女");
	ck_assert_str_eq(rec_get(r, "birth_date"), "1949-12-31");
	l.n = 0;
	rec_set(r, "sex", "男");
	rec_set(r, "birth_date", "1950-01-01");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 2);
	ck_assert_str_eq(find("sex")->code, "idno.sex_mismatch");
	ck_assert_str_eq(find("birth_date")->code, "idno.birth_mismatch");
	ck_assert_ptr_nonnull(strstr(find("birth_date")->msg, "1949-12-31"));
}
END_TEST

/* The foreigner's permanent residence card (2023) carries the birth date
 * and sex where a resident ID does: filled and checked the same way.  A
 * 9 before a made-up province is no such card (the tester's case: it
 * saved with 女 1949-12-31 against an ID saying 男 1980-01-01). */
START_TEST(foreigners_card_fills_and_checks_sex_and_birth)
{
	fill_valid();
	rec_set(r, "sex", "");
	rec_set(r, "id_no", "932682198501010017");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	ck_assert_str_eq(rec_get(r, "sex"), "男");
	ck_assert_str_eq(rec_get(r, "birth_date"), "1985-01-01");
	l.n = 0;
	rec_set(r, "sex", "女");
	rec_set(r, "birth_date", "1949-12-31");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 2);
	ck_assert_str_eq(find("sex")->code, "idno.sex_mismatch");
	ck_assert_str_eq(find("sex")->msg, "性别：与身份证号码不符（身份证第17位表示男）");
	ck_assert_str_eq(find("birth_date")->code, "idno.birth_mismatch");
	ck_assert_str_eq(find("birth_date")->msg, "出生日期：与身份证号码不符（身份证上为1985-01-01）");
	l.n = 0;
	rec_set(r, "id_no", "999999198001010011");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(find("id_no")->code, "idno.region");
	ck_assert_ptr_nonnull(strstr(find("id_no")->msg, "身份证号码："));
	ck_assert_ptr_nonnull(strstr(find("id_no")->msg, "第2–3位99"));
	/* the number refused, the sheet's own sex and date stand */
	ck_assert_ptr_null(find("sex"));
	ck_assert_ptr_null(find("birth_date"));
}
END_TEST

START_TEST(choices_and_lengths)
{
	fill_valid();
	rec_set(r, "nature", "其他");
	ck_assert_int_ge(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(find("nature")->code, "choice.invalid");
	ck_assert_str_eq(find("nature")->msg, "客户性质：应为以下之一：个人/单位");
	l.n = 0;
	rec_set(r, "nature", "个人");
	char longtext[1000] = "";
	for (int i = 0; i < 201; i++)
		strcat(longtext, "路");
	rec_set(r, "address", longtext);
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(find("address")->code, "text.too_long");
}
END_TEST

/* Another system's word for one of a pair of choices is that choice;
 * anything else is still refused (M is not guessed to be 男). */
START_TEST(pair_choices_take_other_systems_words)
{
	fill_valid();
	rec_set(r, "sex", "女性");
	rec_set(r, "marketing_ok", "y");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "sex"), "女");
	ck_assert_str_eq(rec_get(r, "marketing_ok"), "是");
	rec_set(r, "marketing_ok", "ＮＯ"); /* full-width, as an input method left it */
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "marketing_ok"), "否");
	rec_set(r, "nature", "公司");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "nature"), "单位");
	rec_set(r, "pay_method", "贷款");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "pay_method"), "分期付款");
	rec_set(r, "pay_method", "全款");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "pay_method"), "一次付清");
	rec_set(r, "pay_method", "");
	rec_set(r, "nature", "个人");
	rec_set(r, "sex", "M");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 1);
	ck_assert_str_eq(find("sex")->code, "choice.invalid");
	ck_assert_str_eq(rec_get(r, "sex"), "M");
}
END_TEST

/* An imported phone cell with several numbers, as older systems keep
 * them: each to an empty field of its kind, said; one with no field left
 * refuses the cell as it stands.  At the desk the cell is refused. */
START_TEST(several_numbers_in_one_imported_cell_are_placed_or_refused)
{
	fill_valid();
	rec_set(r, "mobile", "");
	rec_set(r, "phone1", "0571-85900933/13900139000");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "mobile"), "13900139000");
	ck_assert_str_eq(rec_get(r, "phone1"), "0571-85900933");
	ck_assert_str_eq(find("phone1")->code, "phone.split");
	ck_assert_ptr_nonnull(strstr(find("phone1")->msg, "13900139000记入手机号"));

	/* side by side, full-width, with 、: landlines fill 1 then 2 */
	l.n = 0;
	rec_set(r, "mobile", "13800138000");
	rec_set(r, "phone1", "０５７１－８５９００９３３ 010-62345678");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "phone1"), "0571-85900933");
	ck_assert_str_eq(rec_get(r, "phone2"), "010-62345678");
	ck_assert_str_eq(rec_get(r, "mobile"), "13800138000");

	/* one number with spaces inside stays one number */
	l.n = 0;
	rec_set(r, "phone2", "");
	rec_set(r, "phone1", "");
	rec_set(r, "mobile", "138 0013 8000");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "mobile"), "13800138000");
	ck_assert_ptr_null(find("mobile"));

	/* a second mobile has nowhere to go: refused, the number named, kept */
	l.n = 0;
	rec_set(r, "mobile", "13800138000、13900139000");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 1);
	ck_assert_str_eq(find("mobile")->code, "phone.several");
	ck_assert_ptr_nonnull(strstr(find("mobile")->msg, "其中13900139000没有空栏可记"));
	ck_assert_str_eq(rec_get(r, "mobile"), "13800138000、13900139000");
	ck_assert_int_eq((int)l.n, 1); /* not also refused as a malformed mobile */

	/* a landline when both landline fields are filled: refused, nothing moved */
	l.n = 0;
	rec_set(r, "mobile", "13800138000;0571-85900934");
	rec_set(r, "phone1", "0571-85900933");
	rec_set(r, "phone2", "0571-85900935");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 1);
	ck_assert_ptr_nonnull(strstr(find("mobile")->msg, "固定电话两栏都已有号码"));
	ck_assert_str_eq(rec_get(r, "phone1"), "0571-85900933");

	/* two cells that cannot be placed: each refused saying its own number */
	l.n = 0;
	rec_set(r, "mobile", "13800138000、13900139000");
	rec_set(r, "phone1", "0571-85900933/0571-85900936/0571-85900937");
	rec_set(r, "phone2", "");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 2);
	ck_assert_ptr_nonnull(strstr(find("mobile")->msg, "其中13900139000没有空栏可记"));
	ck_assert_str_eq(find("phone1")->code, "phone.several");
	ck_assert_ptr_nonnull(strstr(find("phone1")->msg, "其中0571-85900937没有空栏可记"));
	ck_assert_int_eq((int)l.n, 2);
	ck_assert_str_eq(rec_get(r, "phone2"), "");
	rec_set(r, "phone1", "0571-85900933");
	rec_set(r, "phone2", "0571-85900935");

	/* at the desk the receptionist corrects the cell */
	l.n = 0;
	rec_set(r, "phone2", "");
	rec_set(r, "mobile", "13800138000/0571-85900934");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(find("mobile")->code, "mobile.chars");
}
END_TEST

/* An imported date cell kept as a number by the spreadsheet is that day;
 * typed at the desk it stays a malformed date. */
START_TEST(excel_day_numbers_are_dates_on_import_only)
{
	fill_valid();
	rec_set(r, "birth_date", "29000");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "birth_date"), "1979-05-25");
	ck_assert_str_eq(find("birth_date")->code, "date.serial");
	ck_assert_int_eq(find("birth_date")->kind, RK_WARNING);
	/* the converted day is checked as any other: not in the future */
	l.n = 0;
	rec_set(r, "birth_date", "47000"); /* 2028-09-04 */
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 1);
	ck_assert_str_eq(rec_get(r, "birth_date"), "2028-09-04");
	ck_assert_int_eq(rules_count(&l, RK_INVALID), 1);
	l.n = 0;
	rec_set(r, "birth_date", "29000");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(find("birth_date")->code, "date.format");
	/* four digits could be a year: refused, not read as 1905 */
	l.n = 0;
	rec_set(r, "birth_date", "1985");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 1);
	ck_assert_str_eq(find("birth_date")->code, "date.format");
	/* a whole day number in a date-and-time field is the day, its time
	 * unknown — not a made-up 00:00 */
	char err[256];
	struct fdef_form *wf = fdef_load("workorder", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(wf);
	struct rec *w = rec_new(wf);
	rec_set(w, "completed_at", "45401");
	l.n = 0;
	rules_check(w, RP_IMPORT, &l);
	ck_assert_str_eq(rec_get(w, "completed_at"), "2024-04-19");
	rec_set(w, "completed_at", "45401.5");
	l.n = 0;
	rules_check(w, RP_IMPORT, &l);
	ck_assert_str_eq(rec_get(w, "completed_at"), "2024-04-19 12:00");
	rec_free(w);
	fdef_free(wf);
}
END_TEST

/* A due month (保险到期, 年审到期) without its day is its first day on
 * import, said; a birth date without its day stays refused, and so does a
 * due month typed at the desk. */
START_TEST(due_months_are_their_first_day_on_import)
{
	static const char *const months[] = { "2027-03", "2027/3", "2027.03", "2027年3月", "２０２７年３月" };
	for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
		fill_valid();
		l.n = 0;
		rec_set(r, "inspection_due", months[k]);
		ck_assert_msg(rules_check(r, RP_IMPORT, &l) == 0, "%s", months[k]);
		ck_assert_str_eq(rec_get(r, "inspection_due"), "2027-03-01");
		ck_assert_str_eq(find("inspection_due")->code, "date.month_only");
		ck_assert_int_eq(find("inspection_due")->kind, RK_WARNING);
	}
	fill_valid();
	l.n = 0;
	rec_set(r, "insurance_due", "2027-13");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 1);
	ck_assert_ptr_null(strstr(rec_get(r, "insurance_due"), "-01"));
	fill_valid();
	l.n = 0;
	rec_set(r, "birth_date", "1985-03");
	ck_assert_int_ge(rules_check(r, RP_IMPORT, &l), 1);
	ck_assert_str_eq(rec_get(r, "birth_date"), "1985-03");
	ck_assert_int_eq(find("birth_date")->kind, RK_INVALID);
	fill_valid();
	l.n = 0;
	rec_set(r, "insurance_due", "2027-03");
	ck_assert_int_ge(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(rec_get(r, "insurance_due"), "2027-03");
	ck_assert_int_eq(find("insurance_due")->kind, RK_INVALID);
}
END_TEST

/* Other systems' words for a choice of a longer list, and a choice in
 * another case; a word for a choice the field does not offer stays refused. */
START_TEST(other_words_for_choices_of_a_longer_list)
{
	char err[256];
	struct fdef_form *wo = fdef_load("workorder", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(wo);
	struct rec *w = rec_new(wo);
	static const char *const said[][3] = {
		{ "work_type", "钣金喷漆", "钣喷" }, { "work_type", "维修", "一般维修" }, { "work_type", "事故车", "保险事故" },
		{ "status", "已结算", "已完工" },     { "status", "作废", "已取消" },       { "fuel", "半箱", "1/2" },
	};
	for (size_t k = 0; k < sizeof said / sizeof said[0]; k++) {
		rec_set(w, said[k][0], said[k][1]);
		l.n = 0;
		rules_check(w, RP_IMPORT, &l);
		ck_assert_msg(strcmp(rec_get(w, said[k][0]), said[k][2]) == 0, "%s: %s", said[k][1], rec_get(w, said[k][0]));
	}
	/* 3/4 as a spreadsheet saved it again: the choices are listed so
	 * that 1/4 and 1/2 read as choices, not as 1, 4, 1, 2 */
	rec_set(w, "fuel", "2026/3/4");
	l.n = 0;
	rules_check(w, RP_IMPORT, &l);
	ck_assert_str_eq(find("fuel")->msg, "油量：应为以下之一：空、1/4、1/2、3/4、满");
	rec_set(w, "fuel", "");
	rec_set(w, "work_type", "全款"); /* a word for a choice this field does not offer */
	l.n = 0;
	rules_check(w, RP_IMPORT, &l);
	ck_assert_str_eq(rec_get(w, "work_type"), "全款");
	ck_assert_ptr_nonnull(find("work_type"));
	rec_free(w);
	fdef_free(wo);

	struct fdef_form *ac = fdef_load("acard", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(ac);
	struct rec *a = rec_new(ac);
	rec_set(a, "level", "h");
	rec_set(a, "status", "流失");
	rec_set(a, "info_source", "其它");
	l.n = 0;
	rules_check(a, RP_IMPORT, &l);
	ck_assert_str_eq(rec_get(a, "level"), "H");
	ck_assert_str_eq(rec_get(a, "status"), "战败");
	ck_assert_str_eq(rec_get(a, "info_source"), "其他");
	rec_free(a);
	fdef_free(ac);

	/* 展厅 is a visit's 到店 and a customer's source 自来: each field takes
	 * the choice it offers */
	fill_valid();
	rec_set(r, "source", "展厅");
	l.n = 0;
	rules_check(r, RP_IMPORT, &l);
	ck_assert_str_eq(rec_get(r, "source"), "自来");
	struct fdef_form *vf = fdef_load("visit", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(vf);
	struct rec *v = rec_new(vf);
	rec_set(v, "visit_kind", "展厅");
	l.n = 0;
	rules_check(v, RP_IMPORT, &l);
	ck_assert_str_eq(rec_get(v, "visit_kind"), "到店");
	rec_free(v);
	fdef_free(vf);
}
END_TEST

/* What has happened is not later than now (an arrival, a departure, an
 * order opened): a visit typed for next week vanished from every day's
 * list.  A card is made at its first visit or after, and plans ahead of
 * itself; a follow-up's next call comes after it. */
START_TEST(times_that_have_happened_and_card_dates_in_order)
{
	char err[256];
	setenv("DESK4S_NOW", "2026-11-23 09:39", 1);
	struct fdef_form *vf = fdef_load("visit", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(vf);
	struct rec *v = rec_new(vf);
	rec_set(v, "arrive_at", "2026-11-26 10:00");
	rec_set(v, "leave_at", "2026-11-23 下午5点");
	l.n = 0;
	rules_check(v, RP_SAVE, &l);
	const struct rule_problem *p = find("arrive_at");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->code, "datetime.future");
	ck_assert_msg(strstr(p->msg, "不能晚于现在（2026-11-23 09:39）") != NULL, "%s", p->msg);
	ck_assert_ptr_nonnull(find("leave_at"));
	/* five minutes for clocks and typing */
	rec_set(v, "arrive_at", "2026-11-23 09:44");
	rec_set(v, "leave_at", "");
	l.n = 0;
	rules_check(v, RP_SAVE, &l);
	ck_assert_ptr_null(find("arrive_at"));
	rec_free(v);
	fdef_free(vf);

	struct fdef_form *ac = fdef_load("acard", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(ac);
	struct rec *a = rec_new(ac);
	rec_set(a, "first_date", "2026-11-20");
	rec_set(a, "created_date", "2026-11-01");
	rec_set(a, "next_date", "2026-10-01");
	l.n = 0;
	rules_check(a, RP_SAVE, &l);
	p = find("created_date");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->msg, "建卡日期：不能早于首次接待日期（2026-11-20）");
	p = find("next_date");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->msg, "下次回访计划：不能早于建卡日期（2026-11-01）");
	rec_free(a);
	fdef_free(ac);
	struct fdef_form *ff = fdef_load("followup", NULL, err, sizeof err);
	struct rec *f = rec_new(ff);
	rec_set(f, "fu_date", "2026-11-23");
	rec_set(f, "next_date", "2026-11-20");
	l.n = 0;
	rules_check(f, RP_SAVE, &l);
	ck_assert_ptr_nonnull(find("next_date"));
	/* a record of nothing but punctuation is the empty record */
	static const char *const empty[] = { "。", "……", " - ", "？？" }, *const said[] = { "好", "OK", "3月再联系" };
	for (size_t k = 0; k < sizeof empty / sizeof empty[0]; k++) {
		rec_set(f, "content", empty[k]);
		l.n = 0;
		rules_check(f, RP_SAVE, &l);
		p = find("content");
		ck_assert_msg(p && strcmp(p->code, "required.no_words") == 0, "%s", empty[k]);
		ck_assert_int_eq(p->kind, RK_REQUIRED);
	}
	for (size_t k = 0; k < sizeof said / sizeof said[0]; k++) {
		rec_set(f, "content", said[k]);
		l.n = 0;
		rules_check(f, RP_SAVE, &l);
		ck_assert_msg(find("content") == NULL, "%s", said[k]);
	}
	/* a short field's dash may mean "none": only narrative fields ask */
	fill_valid();
	rec_set(r, "address", "—");
	l.n = 0;
	rules_check(r, RP_SAVE, &l);
	ck_assert_ptr_null(find("address"));
	/* a time the program stamped is not checked against this terminal's
	 * clock at the desk; an imported one is */
	struct fdef_form *wf = fdef_load("workorder", NULL, err, sizeof err);
	struct rec *w = rec_new(wf);
	rec_set(w, "opened_at", "2026-11-23 10:30");
	l.n = 0;
	rules_check(w, RP_SAVE, &l);
	ck_assert_ptr_null(find("opened_at"));
	l.n = 0;
	rules_check(w, RP_IMPORT, &l);
	ck_assert_ptr_nonnull(find("opened_at"));
	rec_free(w);
	fdef_free(wf);
	/* a complaint is not handled before it came in (the complaint screen's
	 * F5 relies on this) */
	struct fdef_form *cf = fdef_load("complaint", NULL, err, sizeof err);
	struct rec *c = rec_new(cf);
	rec_set(c, "received_at", "2026-11-23 09:00");
	rec_set(c, "handled_at", "2026-11-22 17:00");
	l.n = 0;
	rules_check(c, RP_SAVE, &l);
	p = find("handled_at");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->code, "time.order");
	rec_free(c);
	fdef_free(cf);
	rec_free(f);
	fdef_free(ff);
	unsetenv("DESK4S_NOW");
}
END_TEST

/* At the desk a time alone, or with 今天/明天/昨天, is that day's: 离店
 * 17:00 was refused as "no date" and staff typed the date by hand. */
START_TEST(desk_times_take_their_day_from_the_clock)
{
	char err[256];
	setenv("DESK4S_NOW", "2026-12-05 18:10", 1);
	struct fdef_form *vf = fdef_load("visit", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(vf);
	struct rec *v = rec_new(vf);
	static const struct { const char *typed, *saved; } cases[] = {
		{ "17:00", "2026-12-05 17:00" },
		{ "下午5点", "2026-12-05 17:00" },
		{ "今天 9:30", "2026-12-05 09:30" },
		{ "昨天下午5点", "2026-12-04 17:00" },
		{ "１７：３０", "2026-12-05 17:30" },
		{ "2026-12-01 10:00", "2026-12-01 10:00" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		rec_set(v, "leave_at", cases[k].typed);
		l.n = 0;
		rules_check(v, RP_SAVE, &l);
		ck_assert_msg(find("leave_at") == NULL, "%s: %s", cases[k].typed,
		              find("leave_at") ? find("leave_at")->msg : "");
		ck_assert_str_eq(rec_get(v, "leave_at"), cases[k].saved);
	}
	/* still a time that has happened: tonight is refused */
	rec_set(v, "leave_at", "21:00");
	l.n = 0;
	rules_check(v, RP_SAVE, &l);
	ck_assert_ptr_nonnull(find("leave_at"));
	ck_assert_str_eq(find("leave_at")->code, "datetime.future");
	/* what is no time is refused as typed */
	rec_set(v, "leave_at", "明天");
	l.n = 0;
	rules_check(v, RP_SAVE, &l);
	ck_assert_ptr_nonnull(find("leave_at"));
	ck_assert_str_eq(rec_get(v, "leave_at"), "明天");
	/* an old file's time has no day to take */
	rec_set(v, "leave_at", "17:00");
	l.n = 0;
	rules_check(v, RP_IMPORT, &l);
	ck_assert_ptr_nonnull(find("leave_at"));
	ck_assert_str_eq(rec_get(v, "leave_at"), "17:00");
	rec_free(v);
	fdef_free(vf);
	/* a promise is ahead: 明天 17:00 on a repair order */
	struct fdef_form *wf = fdef_load("workorder", NULL, err, sizeof err);
	struct rec *w = rec_new(wf);
	rec_set(w, "promised_at", "明天 17:00");
	l.n = 0;
	rules_check(w, RP_WO_OPEN, &l);
	ck_assert_ptr_null(find("promised_at"));
	ck_assert_str_eq(rec_get(w, "promised_at"), "2026-12-06 17:00");
	rec_free(w);
	fdef_free(wf);
	/* a date is the word alone: an A-card's next call 后天, not on import */
	struct fdef_form *af = fdef_load("acard", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(af);
	struct rec *a = rec_new(af);
	rec_set(a, "next_date", " 后天 ");
	l.n = 0;
	rules_check(a, RP_SAVE, &l);
	ck_assert_ptr_null(find("next_date"));
	ck_assert_str_eq(rec_get(a, "next_date"), "2026-12-07");
	rec_set(a, "next_date", "明天上午");
	l.n = 0;
	rules_check(a, RP_SAVE, &l);
	ck_assert_ptr_nonnull(find("next_date"));
	ck_assert_str_eq(rec_get(a, "next_date"), "明天上午");
	rec_set(a, "next_date", "明天");
	l.n = 0;
	rules_check(a, RP_IMPORT, &l);
	ck_assert_ptr_nonnull(find("next_date"));
	ck_assert_str_eq(rec_get(a, "next_date"), "明天");
	rec_free(a);
	fdef_free(af);
	unsetenv("DESK4S_NOW");
}
END_TEST

/* A count with its own unit (12400km, 5年, 3口) is the number; a unit
 * that is not the field's stays and is refused. */
START_TEST(counts_may_carry_their_unit)
{
	fill_valid();
	rec_set(r, "driving_years", "5年");
	rec_set(r, "family_members", "3 口");
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "driving_years"), "5");
	ck_assert_str_eq(rec_get(r, "family_members"), "3");
	ck_assert_ptr_null(find("driving_years"));
	/* 员工人数 is a 单位's */
	rec_set(r, "nature", "单位");
	rec_set(r, "staff_count", "1,200人");
	l.n = 0;
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "staff_count"), "1200");
	rec_set(r, "nature", "个人");
	l.n = 0;
	rec_set(r, "driving_years", "5岁");
	rules_check(r, RP_SAVE, &l);
	ck_assert_ptr_nonnull(find("driving_years"));
	ck_assert_str_eq(find("driving_years")->code, "int.format");
}
END_TEST

/* On a sheet a field that does not apply (a person's ID number on a 单位)
 * is hidden, so it neither refuses the save nor counts as missing; an
 * import checks the row as it came. */
START_TEST(fields_that_do_not_apply_are_left_out_on_a_sheet)
{
	fill_valid();
	rec_set(r, "nature", "单位");
	rec_set(r, "sex", "");
	rec_set(r, "archive", "是");
	rec_set(r, "id_no", "12345");
	int id = fdef_index(r->form, "id_no"), org = fdef_index(r->form, "org_nature");
	ck_assert_int_eq(rules_applies(r, id), 0);
	ck_assert_int_eq(rules_applies(r, org), 1);
	ck_assert_int_eq(rules_level(r, org), FL_IMPORTANT);
	rules_check(r, RP_SAVE, &l);
	ck_assert_ptr_null(find("id_no"));
	ck_assert_ptr_null(find("purpose")); /* the person's survey */
	ck_assert_ptr_nonnull(find("org_contact")); /* the 单位's is required */
	l.n = 0;
	rules_check(r, RP_IMPORT, &l);
	ck_assert_ptr_nonnull(find("id_no"));
	l.n = 0;
	rec_set(r, "nature", "个人");
	ck_assert_int_eq(rules_applies(r, id), 1);
	ck_assert_int_eq(rules_applies(r, org), 0);
	ck_assert_int_eq(rules_level(r, org), FL_GENERAL);
	rules_check(r, RP_SAVE, &l);
	ck_assert_ptr_nonnull(find("id_no"));
	/* nothing chosen yet: everything applies */
	rec_set(r, "nature", "");
	ck_assert_int_eq(rules_applies(r, id), 1);
	ck_assert_int_eq(rules_applies(r, org), 1);
}
END_TEST

/* What spreadsheets do to long numbers: scientific notation (digits lost)
 * refuses a checked field saying so and only warns on free text; the
 * marks that keep a number as text (\'…, ="…") are dropped on import. */
START_TEST(spreadsheet_marks_on_long_numbers)
{
	fill_valid();
	rec_set(r, "id_no", "1.10105E+17");
	rec_set(r, "cert_no", "1.23457E+11"); /* a code, checked since it is one */
	rec_set(r, "config", "1.23457E+11");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 2);
	ck_assert_str_eq(find("id_no")->code, "number.scientific");
	ck_assert_int_eq(find("id_no")->kind, RK_INVALID);
	ck_assert_ptr_nonnull(strstr(find("id_no")->msg, "位数已丢失"));
	ck_assert_str_eq(find("cert_no")->code, "number.scientific");
	ck_assert_int_eq(find("cert_no")->kind, RK_INVALID);
	ck_assert_str_eq(find("config")->code, "number.scientific");
	ck_assert_int_eq(find("config")->kind, RK_WARNING);

	l.n = 0;
	rec_set(r, "cert_no", "");
	rec_set(r, "config", "");
	rec_set(r, "id_no", "'110105194912310011");
	rec_set(r, "mobile", "=\"13800138000\"");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "id_no"), "110105194912310011");
	ck_assert_str_eq(rec_get(r, "mobile"), "13800138000");
	/* free text keeps what it was given, but for a formula of digits (a
	 * long number exported with --excel) */
	rec_set(r, "address", "'文三路1号");
	rec_set(r, "config", "=\"012345\"");
	rec_set(r, "hobby", "=\"自驾\"");
	l.n = 0;
	rules_check(r, RP_IMPORT, &l);
	ck_assert_str_eq(rec_get(r, "address"), "'文三路1号");
	ck_assert_str_eq(rec_get(r, "config"), "012345");
	ck_assert_str_eq(rec_get(r, "hobby"), "=\"自驾\"");
	/* at the desk the mark is a typing slip, refused as such */
	l.n = 0;
	rec_set(r, "id_no", "'110105194912310011");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(find("id_no")->code, "idno.chars");
}
END_TEST

/* "Nothing" as other systems write it: empty in a code, date or number
 * field on import (said); free text and a choice that is the word keep it. */
/* Engine, certificate and invoice numbers are codes: an input method's
 * full-width letters and lower case become what the upload and a search
 * compare, at the desk and on import; a word in the field is refused. */
START_TEST(serial_codes_are_folded)
{
	fill_valid();
	rec_set(r, "engine_no", "ｅ４ｔ１５ｂ １２３");
	rec_set(r, "cert_no", " wac0123456789 ");
	rec_set(r, "invoice_no", "０４４００１２３");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	ck_assert_str_eq(rec_get(r, "engine_no"), "E4T15B123");
	ck_assert_str_eq(rec_get(r, "cert_no"), "WAC0123456789");
	ck_assert_str_eq(rec_get(r, "invoice_no"), "04400123");
	l.n = 0;
	rec_set(r, "engine_no", "见合格证");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 1);
	ck_assert_str_eq(find("engine_no")->code, "code.chars");
	ck_assert_ptr_nonnull(strstr(find("engine_no")->msg, "发动机号：编号只能有字母、数字和 - * / . 四种符号，第1个字符是“见”"));
	/* nothing, as other systems write it, is nothing in a code */
	l.n = 0;
	rec_set(r, "engine_no", "暂无");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "engine_no"), "");
	ck_assert_str_eq(find("engine_no")->code, "value.placeholder");
}
END_TEST

START_TEST(placeholders_for_nothing_are_empty_on_import)
{
	fill_valid();
	rec_set(r, "plate", "未上牌");
	rec_set(r, "qq", "无");
	rec_set(r, "birth_date", "N/A");
	rec_set(r, "hobby", "无");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
	ck_assert_str_eq(rec_get(r, "plate"), "");
	ck_assert_str_eq(rec_get(r, "qq"), "");
	ck_assert_str_eq(rec_get(r, "birth_date"), "");
	ck_assert_str_eq(rec_get(r, "hobby"), "无");
	ck_assert_str_eq(find("plate")->code, "value.placeholder");
	ck_assert_ptr_nonnull(strstr(find("plate")->msg, "“未上牌”按空白导入"));
	ck_assert_int_eq((int)rules_count(&l, RK_WARNING), 3);
	/* at the desk the receptionist clears the field */
	l.n = 0;
	rec_set(r, "plate", "无牌");
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 1);
	ck_assert_str_eq(rec_get(r, "plate"), "无牌");

	char err[256];
	struct fdef_form *wo = fdef_load("workorder", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(wo);
	struct rec *w = rec_new(wo);
	rec_set(w, "fuel", "空"); /* an empty tank is a choice, not nothing */
	l.n = 0;
	rules_check(w, RP_IMPORT, &l);
	ck_assert_str_eq(rec_get(w, "fuel"), "空");
	rec_free(w);
	fdef_free(wo);
}
END_TEST

START_TEST(warnings_do_not_block)
{
	fill_valid();
	rec_set(r, "mobile", "14200001111"); /* 142 is not an allocated prefix */
	ck_assert_int_eq(rules_check(r, RP_SAVE, &l), 0);
	ck_assert_int_eq(rules_count(&l, RK_WARNING), 1);
	ck_assert_str_eq(rec_get(r, "mobile"), "14200001111");
}
END_TEST

/* A landline typed into 手机号: the refusal says which field of the sheet
 * takes it. */
START_TEST(a_landline_in_the_mobile_field_is_sent_to_its_field)
{
	fill_valid();
	rec_set(r, "mobile", "0571-88886666");
	ck_assert_int_gt(rules_check(r, RP_SAVE, &l), 0);
	const struct rule_problem *p = find("mobile");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->code, "mobile.landline");
	ck_assert_msg(strstr(p->msg, "是固定电话号码，这一栏只记手机号码（11位，1开头）；固定电话请填在“固定电话1”栏"),
	              "%s", p->msg);
	char err[256];
	struct fdef_form *v = fdef_load("visit", NULL, err, sizeof err), *a = fdef_load("acard", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(v);
	ck_assert_ptr_nonnull(a);
	struct fdef_form *forms[] = { v, a };
	static const char *const want[] = { "“固定电话”栏", "“其他联系方式”栏" };
	for (int k = 0; k < 2; k++) {
		struct rec *e = rec_new(forms[k]);
		struct rule_list el = { 0 };
		rec_set(e, "mobile", "(0571) 8888 6666");
		rules_check(e, RP_SAVE, &el);
		int said = 0;
		for (size_t i = 0; i < el.n; i++)
			said |= strcmp(el.v[i].code, "mobile.landline") == 0 && strstr(el.v[i].msg, want[k]) != NULL;
		ck_assert_msg(said, "%s: %s", forms[k]->name, want[k]);
		rules_list_free(&el);
		rec_free(e);
	}
	fdef_free(v);
	fdef_free(a);
}
END_TEST

/* 整车销售 is set by the system when a new-car sale is delivered
 * (SHEETS.md §1): on a sheet's save over 个人 or nothing, never over a
 * class that says more, never by an import, and F1 says it is not picked. */
START_TEST(a_delivered_sale_is_classed_by_the_system)
{
	int cat = fdef_index(form, "category");
	ck_assert_str_eq(fdef_auto_choice(&form->fields[cat]), "整车销售");
	fill_valid();
	rec_set(r, "archive", "是");
	rec_set(r, "delivery_date", "2026-11-20");
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "category"), "整车销售");
	rules_list_free(&l);
	memset(&l, 0, sizeof l);
	/* still empty: set, so not asked for */
	rec_set(r, "category", "");
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "category"), "整车销售");
	ck_assert_ptr_null(find("category"));
	rules_list_free(&l);
	memset(&l, 0, sizeof l);
	/* a class that says more stays */
	rec_set(r, "category", "员工");
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "category"), "员工");
	rules_list_free(&l);
	memset(&l, 0, sizeof l);
	/* not delivered, not a sale, or imported: left as it is */
	static const struct { const char *archive, *delivery; enum rule_point pt; } left[] = {
		{ "是", "", RP_SAVE }, { "否", "2026-11-20", RP_SAVE }, { "是", "2026-11-20", RP_IMPORT },
		{ "是", "2026-11-20", RP_WO_OPEN }, { "是", "2026-13-40", RP_SAVE },
	};
	rec_set(r, "category", "个人");
	rec_set(r, "archive", "是");
	rec_set(r, "delivery_date", "2026-11-20");
	rec_set(r, "returned", "是"); /* taken back: no sale to class by */
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "category"), "个人");
	rules_list_free(&l);
	memset(&l, 0, sizeof l);
	rec_set(r, "returned", "");
	for (size_t i = 0; i < sizeof left / sizeof *left; i++) {
		rec_set(r, "category", "个人");
		rec_set(r, "archive", left[i].archive);
		rec_set(r, "delivery_date", left[i].delivery);
		rules_check(r, left[i].pt, &l);
		ck_assert_msg(strcmp(rec_get(r, "category"), "个人") == 0, "case %zu: %s", i, rec_get(r, "category"));
		rules_list_free(&l);
		memset(&l, 0, sizeof l);
	}
	char accepts[512], typing[128];
	rules_field_words(form, cat, accepts, sizeof accepts, typing, sizeof typing);
	ck_assert_msg(strstr(accepts, "、整车销售（系统设定，不可手选）") != NULL, "%s", accepts);
	ck_assert_msg(strstr(accepts, "个人、员工、") != NULL, "%s", accepts);
}
END_TEST

/* A sale delivered before the 首次交易日期 a new sheet defaults to is the
 * first deal; a later one leaves it, and a car this shop did not sell or
 * took back is no deal. */
START_TEST(a_sale_before_the_first_deal_is_the_first_deal)
{
	fill_valid();
	rec_set(r, "first_deal_date", "2026-11-23");
	rec_set(r, "delivery_date", "2024-05-01");
	/* a car this shop did not sell (its delivery another dealer's) is no deal */
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "first_deal_date"), "2026-11-23");
	rules_list_free(&l);
	memset(&l, 0, sizeof l);
	/* nor a sale returned */
	rec_set(r, "archive", "是");
	rec_set(r, "returned", "是");
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "first_deal_date"), "2026-11-23");
	rules_list_free(&l);
	memset(&l, 0, sizeof l);
	rec_set(r, "returned", "");
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "first_deal_date"), "2024-05-01");
	rules_list_free(&l);
	memset(&l, 0, sizeof l);
	rec_set(r, "delivery_date", "2025-05-01");
	rules_check(r, RP_SAVE, &l);
	ck_assert_str_eq(rec_get(r, "first_deal_date"), "2024-05-01");
	rules_list_free(&l);
	memset(&l, 0, sizeof l);
	/* an import keeps the file's dates */
	rec_set(r, "first_deal_date", "2026-11-23");
	rules_check(r, RP_IMPORT, &l);
	ck_assert_str_eq(rec_get(r, "first_deal_date"), "2026-11-23");
}
END_TEST

/* 退车 is a box: an old system's no (否, N, 0, ×) leaves it empty, its yes
 * (1, Y, √) ticks it, anything else is refused. */
START_TEST(a_flag_takes_yes_and_no)
{
	static const struct { const char *in, *out; } words[] = {
		{ "是", "是" }, { "1", "是" }, { "Y", "是" }, { "√", "是" },
		{ "否", "" }, { "N", "" }, { "no", "" }, { "0", "" }, { "×", "" },
	};
	fill_valid();
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		rec_set(r, "returned", words[i].in);
		ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 0);
		ck_assert_msg(strcmp(rec_get(r, "returned"), words[i].out) == 0, "%s -> %s", words[i].in,
		              rec_get(r, "returned"));
		rules_list_free(&l);
		memset(&l, 0, sizeof l);
	}
	rec_set(r, "returned", "退了");
	ck_assert_int_eq(rules_check(r, RP_IMPORT, &l), 1);
	ck_assert_str_eq(find("returned")->code, "choice.invalid");
}
END_TEST

START_TEST(every_save_point_runs_the_same_checks)
{
	static const enum rule_point pts[] = { RP_SAVE, RP_WO_OPEN, RP_WO_COMPLETE };
	for (int i = 0; i < 3; i++) {
		rec_clear(r);
		rec_set(r, "nature", "个人");
		l.n = 0;
		rules_check(r, pts[i], &l);
		ck_assert_int_eq(rules_count(&l, RK_REQUIRED), 9);
		ck_assert_int_eq(rules_count(&l, RK_IMPORTANT), 7);
	}
}
END_TEST

static const struct rule_problem *problem_of(const struct rule_list *list, const char *key, const char *code)
{
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->v[i].key, key) == 0 && strcmp(list->v[i].code, code) == 0)
			return &list->v[i];
	return NULL;
}

/* An old system's order list has dates without times (进厂日期, 结算日期):
 * imported as the day, said; a completion on the opening day is not before
 * the opening; at the desk the time is still asked for. */
START_TEST(an_imported_date_without_its_time_is_the_day)
{
	char err[256];
	struct fdef_form *wf = fdef_load("workorder", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(wf);
	struct rec *w = rec_new(wf);
	rec_set(w, "opened_at", "2024-05-10 09:15");
	rec_set(w, "completed_at", "2024/5/10");
	struct rule_list wl = { 0 };
	rules_check(w, RP_IMPORT, &wl);
	ck_assert_str_eq(rec_get(w, "completed_at"), "2024-05-10");
	const struct rule_problem *p = problem_of(&wl, "completed_at", "datetime.date_only");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->kind, RK_WARNING);
	ck_assert_str_eq(p->msg, "完工时间：“2024/5/10”只有日期，没有时刻，按日期 2024-05-10 导入（时刻不详）");
	ck_assert_ptr_null(problem_of(&wl, "completed_at", "time.order"));
	/* the day before the opening is still before it */
	wl.n = 0;
	rec_set(w, "completed_at", "2024-05-09");
	rules_check(w, RP_IMPORT, &wl);
	ck_assert_ptr_nonnull(problem_of(&wl, "completed_at", "time.order"));
	/* at the desk the time is asked for where staff type it (预计完工时间) */
	wl.n = 0;
	rec_set(w, "completed_at", "2024-05-10");
	rec_set(w, "promised_at", "2024-05-10");
	rules_check(w, RP_SAVE, &wl);
	p = problem_of(&wl, "promised_at", "datetime.format");
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->kind, RK_INVALID);
	/* but a day kept by the import where nobody can type (开单时间, 完工时间
	 * on the order sheet) stands: the order stays savable and completable */
	ck_assert_ptr_null(problem_of(&wl, "completed_at", "datetime.format"));
	wl.n = 0;
	rec_set(w, "opened_at", "2024-05-10");
	rec_set(w, "completed_at", "");
	rec_set(w, "promised_at", "2024-05-10 17:00");
	for (int pt = RP_SAVE; pt <= RP_WO_COMPLETE; pt++) {
		rules_check(w, (enum rule_point)pt, &wl);
		for (size_t i = 0; i < wl.n; i++)
			ck_assert_msg(strcmp(wl.v[i].key, "opened_at") != 0, "%d: %s", pt, wl.v[i].msg);
		ck_assert_ptr_null(problem_of(&wl, "promised_at", "time.order"));
		ck_assert_str_eq(rec_get(w, "opened_at"), "2024-05-10");
		wl.n = 0;
	}
	rules_list_free(&wl);
	rec_free(w);
	fdef_free(wf);
}
END_TEST

/* A day-only time an import kept (datetime.date_only) on a field staff can
 * type in — an order's 预计完工时间, a visit's 离店时间 — stands at the desk
 * while it is left as stored; typed so, or on a new record, its time is
 * asked for. */
START_TEST(a_day_only_time_left_as_stored_stands)
{
	static const struct { const char *form, *key, *other, *other_val; } cases[] = {
		{ "workorder", "promised_at", "opened_at", "2024-05-10 08:00" },
		{ "visit", "leave_at", "arrive_at", "2024-05-10 09:00" },
	};
	setenv("DESK4S_NOW", "2024-05-12 10:00", 1);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char err[256];
		struct fdef_form *f = fdef_load(cases[c].form, NULL, err, sizeof err);
		ck_assert_ptr_nonnull(f);
		struct rec *stored = rec_new(f), *w = rec_new(f);
		rec_set(stored, cases[c].other, cases[c].other_val);
		rec_set(stored, cases[c].key, "2024-05-10");
		stored->id = 7;
		rec_copy(w, stored);
		struct rule_list wl = { 0 };
		for (int pt = RP_SAVE; pt <= RP_WO_COMPLETE; pt++) {
			rules_check_edit(w, stored, (enum rule_point)pt, &wl);
			for (size_t i = 0; i < wl.n; i++)
				ck_assert_msg(strcmp(wl.v[i].key, cases[c].key) != 0, "%s %d: %s", cases[c].form, pt, wl.v[i].msg);
			ck_assert_str_eq(rec_get(w, cases[c].key), "2024-05-10");
			rules_list_free(&wl);
		}
		/* another day typed at the desk: its time is asked for */
		rec_set(w, cases[c].key, "2024-05-11");
		rules_check_edit(w, stored, RP_SAVE, &wl);
		const struct rule_problem *p = problem_of(&wl, cases[c].key, "datetime.format");
		ck_assert_ptr_nonnull(p);
		ck_assert_int_eq(p->kind, RK_INVALID);
		ck_assert_msg(strstr(p->msg, "只有日期，缺少时间") != NULL, "%s", p->msg);
		rules_list_free(&wl);
		/* the same day on a record not yet stored is typed too */
		rec_set(w, cases[c].key, "2024-05-10");
		rules_check(w, RP_SAVE, &wl);
		ck_assert_ptr_nonnull(problem_of(&wl, cases[c].key, "datetime.format"));
		rules_list_free(&wl);
		/* left as stored it is still a day: not before the other time's day */
		rec_set(stored, cases[c].key, "2024-05-09");
		rec_set(w, cases[c].key, "2024-05-09");
		rules_check_edit(w, stored, RP_SAVE, &wl);
		ck_assert_ptr_null(problem_of(&wl, cases[c].key, "datetime.format"));
		ck_assert_ptr_nonnull(problem_of(&wl, cases[c].key, "time.order"));
		rules_list_free(&wl);
		rec_free(w);
		rec_free(stored);
		fdef_free(f);
	}
	unsetenv("DESK4S_NOW");
}
END_TEST

/* The completion sheet (完工时间 under a read-only 开单时间): an opening
 * kept as its day only means some time that day, so a completion that
 * day, at any hour, is not before it; the day before is. */
START_TEST(a_completion_on_the_day_of_an_opening_without_time)
{
	static const char done_csv[] =
		"key,label,section,column,type,width,level,condition,check,choices,missing_if,flags\n"
		"opened_at,开单时间,完工,workorders.opened_at,datetime,16,general,,past_datetime,,,readonly\n"
		"completed_at,完工时间,完工,workorders.completed_at,datetime,16,required,,past_datetime,,,\n";
	char err[256];
	struct fdef_form *df = fdef_parse("complete", done_csv, strlen(done_csv), err, sizeof err);
	ck_assert_ptr_nonnull(df);
	struct rec *d = rec_new(df);
	struct rule_list dl = { 0 };
	setenv("DESK4S_NOW", "2026-12-05 18:10", 1);
	rec_set(d, "opened_at", "2026-12-01");
	rec_set(d, "completed_at", "2026-12-01 00:05");
	ck_assert_int_eq(rules_check(d, RP_SAVE, &dl), 0);
	rec_set(d, "completed_at", "2026-12-03 18:30");
	ck_assert_int_eq(rules_check(d, RP_SAVE, &dl), 0);
	ck_assert_int_eq((int)dl.n, 0);
	rec_set(d, "completed_at", "2026-11-30 23:59");
	ck_assert_int_eq(rules_check(d, RP_SAVE, &dl), 1);
	const struct rule_problem *p = problem_of(&dl, "completed_at", "time.order");
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->msg, "完工时间：不能早于开单时间（2026-12-01）");
	/* the time typed is still asked for whole */
	dl.n = 0;
	rec_set(d, "completed_at", "2026-12-01");
	ck_assert_int_eq(rules_check(d, RP_SAVE, &dl), 1);
	ck_assert_ptr_nonnull(problem_of(&dl, "completed_at", "datetime.format"));
	unsetenv("DESK4S_NOW");
	rules_list_free(&dl);
	rec_free(d);
	fdef_free(df);
}
END_TEST

/* A time that cannot come before another on the same sheet: an order
 * finished or promised before it was opened, a visitor leaving before
 * arriving.  The same minute is fine. */
START_TEST(times_keep_their_order)
{
	char err[256];
	struct fdef_form *wf = fdef_load("workorder", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(wf);
	struct rec *w = rec_new(wf);
	rec_set(w, "opened_at", "2025-03-01 09:00");
	rec_set(w, "promised_at", "2025-03-01 09:00");
	rec_set(w, "completed_at", "2025-02-28 17:30");
	struct rule_list wl = { 0 };
	rules_check(w, RP_IMPORT, &wl);
	const struct rule_problem *bad = NULL;
	int promised = 0;
	for (size_t i = 0; i < wl.n; i++) {
		if (strcmp(wl.v[i].code, "time.order") != 0)
			continue;
		if (strcmp(wl.v[i].key, "completed_at") == 0)
			bad = &wl.v[i];
		else
			promised++;
	}
	ck_assert_ptr_nonnull(bad);
	ck_assert_int_eq(bad->kind, RK_INVALID);
	ck_assert_str_eq(bad->msg, "完工时间：不能早于开单时间（2025-03-01 09:00）");
	ck_assert_int_eq(promised, 0);
	rules_list_free(&wl);
	rec_free(w);
	fdef_free(wf);

	struct fdef_form *vf = fdef_load("visit", NULL, err, sizeof err);
	ck_assert_ptr_nonnull(vf);
	struct rec *v = rec_new(vf);
	rec_set(v, "arrive_at", "2026-11-20 10:00");
	rec_set(v, "leave_at", "2026-11-20 09:15");
	struct rule_list vl = { 0 };
	rules_check(v, RP_SAVE, &vl);
	int found = 0;
	for (size_t i = 0; i < vl.n; i++)
		found += strcmp(vl.v[i].code, "time.order") == 0 && strcmp(vl.v[i].key, "leave_at") == 0;
	ck_assert_int_eq(found, 1);
	rules_list_free(&vl);
	rec_free(v);
	fdef_free(vf);
}
END_TEST

Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *t = tcase_create("rules");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, empty_record_lists_every_required_field_in_sheet_order);
	tcase_add_test(t, conditions_decide_the_level);
	tcase_add_test(t, missing_if_counts_as_empty_for_the_prompt);
	tcase_add_test(t, every_problem_at_once);
	tcase_add_test(t, values_are_normalised_in_place);
	tcase_add_test(t, region_triple);
	tcase_add_test(t, region_read_off_the_address_only_into_empty_codes);
	tcase_add_test(t, region_picked_in_part_is_completed_or_its_clash_named);
	tcase_add_test(t, id_number_fills_and_checks_sex_and_birth);
	tcase_add_test(t, foreigners_card_fills_and_checks_sex_and_birth);
	tcase_add_test(t, choices_and_lengths);
	tcase_add_test(t, pair_choices_take_other_systems_words);
	tcase_add_test(t, several_numbers_in_one_imported_cell_are_placed_or_refused);
	tcase_add_test(t, excel_day_numbers_are_dates_on_import_only);
	tcase_add_test(t, due_months_are_their_first_day_on_import);
	tcase_add_test(t, other_words_for_choices_of_a_longer_list);
	tcase_add_test(t, times_that_have_happened_and_card_dates_in_order);
	tcase_add_test(t, desk_times_take_their_day_from_the_clock);
	tcase_add_test(t, counts_may_carry_their_unit);
	tcase_add_test(t, spreadsheet_marks_on_long_numbers);
	tcase_add_test(t, placeholders_for_nothing_are_empty_on_import);
	tcase_add_test(t, serial_codes_are_folded);
	tcase_add_test(t, an_imported_date_without_its_time_is_the_day);
	tcase_add_test(t, a_completion_on_the_day_of_an_opening_without_time);
	tcase_add_test(t, a_day_only_time_left_as_stored_stands);
	tcase_add_test(t, warnings_do_not_block);
	tcase_add_test(t, a_landline_in_the_mobile_field_is_sent_to_its_field);
	tcase_add_test(t, every_save_point_runs_the_same_checks);
	tcase_add_test(t, a_delivered_sale_is_classed_by_the_system);
	tcase_add_test(t, a_sale_before_the_first_deal_is_the_first_deal);
	tcase_add_test(t, a_flag_takes_yes_and_no);
	tcase_add_test(t, times_keep_their_order);
	tcase_add_test(t, fields_that_do_not_apply_are_left_out_on_a_sheet);
	suite_add_tcase(s, t);
	return s;
}
