/* Roles and permissions (every cell of the table, and the issue's own
 * sentences about it), refusal messages, masking, and passwords. */
#include "testutil.h"
#include "desk4s/auth.h"

/* The whole table, one row per permission, columns 前台 销售顾问 服务顾问
 * 经理 管理员.  Changing the table means changing this on purpose. */
static const struct { enum auth_perm p; const char *name; const char *who; } expected[] = {
	{ AUTH_VIEW, "查看", "YYYYN" },
	{ AUTH_CREATE, "新建", "YYYYN" },
	{ AUTH_CHANGE, "修改", "YYYYN" },
	{ AUTH_EXPORT, "导出", "NNNYN" },
	{ AUTH_PRINT, "打印", "NNNYN" },
	{ AUTH_DELETE, "删除", "NNNYN" },
	{ AUTH_ADMINISTER, "管理", "NNNNY" },
	{ AUTH_ALL_ACARDS, "查看全部A卡", "YNNYN" },
	{ AUTH_REVIEW_ACARD, "审核A卡", "NNNYN" },
	{ AUTH_APPROVE_RENAME, "批准改名", "NNNYN" },
	{ AUTH_READ_LOG, "查看使用日志", "NNNYY" },
	{ AUTH_WHOLE_MOBILE, "完整手机号", "YYYYN" },
	{ AUTH_WHOLE_IDNO, "完整证件号", "NNNYN" },
};

START_TEST(every_cell_of_the_table)
{
	ck_assert_int_eq(sizeof expected / sizeof expected[0], AUTH_NPERMS);
	const int p = _i / AUTH_NROLES, r = _i % AUTH_NROLES;
	ck_assert_int_eq(expected[p].p, p);
	ck_assert_str_eq(auth_perm_name(expected[p].p), expected[p].name);
	ck_assert_msg(auth_can((enum auth_role)r, expected[p].p) == (expected[p].who[r] == 'Y'),
	              "%s / %s", auth_role_name((enum auth_role)r), expected[p].name);
	ck_assert_str_ne(auth_perm_help(expected[p].p), "");
}
END_TEST

static int holders(enum auth_perm p, char *out)
{
	int n = 0;
	out[0] = 0;
	for (int r = 0; r < AUTH_NROLES; r++)
		if (auth_can((enum auth_role)r, p)) {
			strcat(out, auth_role_name((enum auth_role)r));
			strcat(out, " ");
			n++;
		}
	return n;
}

/* The issue's sentences, checked one by one against the table. */
START_TEST(the_issue_says)
{
	char who[256];
	/* "only a manager prints and exports lists, reviews A-cards and approves name changes" */
	static const enum auth_perm manager_only[] = { AUTH_EXPORT, AUTH_PRINT, AUTH_REVIEW_ACARD,
	                                               AUTH_APPROVE_RENAME };
	for (size_t i = 0; i < sizeof manager_only / sizeof manager_only[0]; i++) {
		ck_assert_int_eq(holders(manager_only[i], who), 1);
		ck_assert_str_eq(who, "经理 ");
	}
	/* "reception cannot export" */
	ck_assert(!auth_can(AUTH_RECEPTION, AUTH_EXPORT));
	/* "consultants see their own A-cards" (not everybody's) */
	ck_assert(!auth_can(AUTH_SALES, AUTH_ALL_ACARDS));
	ck_assert(auth_can(AUTH_SALES, AUTH_VIEW));
	/* "only managers and administrators can read it [the log]" */
	ck_assert_int_eq(holders(AUTH_READ_LOG, who), 2);
	ck_assert_str_eq(who, "经理 管理员 ");
	/* "after that only an administrator manages accounts" */
	ck_assert_int_eq(holders(AUTH_ADMINISTER, who), 1);
	ck_assert_str_eq(who, "管理员 ");
	/* the manager archives or destroys customers past retention */
	ck_assert_int_eq(holders(AUTH_DELETE, who), 1);
	ck_assert_str_eq(who, "经理 ");
}
END_TEST

START_TEST(roles_by_name)
{
	static const char *const names[] = { "前台", "销售顾问", "服务顾问", "经理", "管理员" };
	for (int r = 0; r < AUTH_NROLES; r++) {
		ck_assert_str_eq(auth_role_name((enum auth_role)r), names[r]);
		ck_assert_int_eq(auth_role_parse(names[r]), r);
	}
	ck_assert_int_eq(auth_role_parse("老板"), -1);
	ck_assert_int_eq(auth_role_parse(""), -1);
	ck_assert_int_eq(auth_role_parse(NULL), -1);
	ck_assert_ptr_null(auth_role_name(AUTH_NROLES));
	ck_assert(!auth_can(AUTH_NROLES, AUTH_VIEW));
	ck_assert(!auth_can(AUTH_MANAGER, AUTH_NPERMS));
}
END_TEST

/* A due task whose 负责人 is somebody else: the front desk and the
 * manager act on it, a consultant or an advisor only looks. */
START_TEST(whose_follow_ups)
{
	ck_assert_int_eq(auth_any_followup(AUTH_RECEPTION), 1);
	ck_assert_int_eq(auth_any_followup(AUTH_MANAGER), 1);
	ck_assert_int_eq(auth_any_followup(AUTH_SALES), 0);
	ck_assert_int_eq(auth_any_followup(AUTH_SERVICE), 0);
}
END_TEST

START_TEST(refusal_names_role_and_permission)
{
	char m[128];
	ck_assert_str_eq(auth_refusal(AUTH_RECEPTION, AUTH_EXPORT, m, sizeof m), "权限不足：前台没有“导出”权限");
	ck_assert_str_eq(auth_refusal(AUTH_ADMIN, AUTH_VIEW, m, sizeof m), "权限不足：管理员没有“查看”权限");
	ck_assert_str_eq(auth_refusal(AUTH_SALES, AUTH_READ_LOG, m, sizeof m),
	                 "权限不足：销售顾问没有“查看使用日志”权限");
}
END_TEST

START_TEST(masking)
{
	char o[64];
	ck_assert_str_eq(auth_mask_mobile("13812345678", o, sizeof o), "138****5678");
	ck_assert_str_eq(auth_mask_idno("330106199001012017", o, sizeof o), "330106********2017");
	ck_assert_str_eq(auth_mask_idno("33010619900101201X", o, sizeof o), "330106********201X");
	ck_assert_str_eq(auth_mask_idno("330106900101201", o, sizeof o), "330106*****1201");
	/* odd values never come out whole */
	ck_assert_str_eq(auth_mask_mobile("1234", o, sizeof o), "1**4");
	ck_assert_str_eq(auth_mask_mobile("12", o, sizeof o), "**");
	ck_assert_str_eq(auth_mask_mobile("", o, sizeof o), "");
	ck_assert_str_eq(auth_mask_mobile("0571-87654321", o, sizeof o), "057******4321");
	/* by role */
	ck_assert_str_eq(auth_show_mobile(AUTH_RECEPTION, "13812345678", o, sizeof o), "13812345678");
	ck_assert_str_eq(auth_show_mobile(AUTH_ADMIN, "13812345678", o, sizeof o), "138****5678");
	ck_assert_str_eq(auth_show_idno(AUTH_RECEPTION, "330106199001012017", o, sizeof o), "330106********2017");
	ck_assert_str_eq(auth_show_idno(AUTH_SALES, "330106199001012017", o, sizeof o), "330106********2017");
	ck_assert_str_eq(auth_show_idno(AUTH_SERVICE, "330106199001012017", o, sizeof o), "330106********2017");
	ck_assert_str_eq(auth_show_idno(AUTH_MANAGER, "330106199001012017", o, sizeof o), "330106199001012017");
	ck_assert_str_eq(auth_show_idno(AUTH_ADMIN, "", o, sizeof o), "");
	/* a short buffer truncates, never overflows */
	char small[5];
	ck_assert_str_eq(auth_mask_mobile("13812345678", small, sizeof small), "138*");
}
END_TEST

START_TEST(masking_free_text)
{
	char o[256];
	ck_assert_str_eq(auth_mask_text("手机号: 13800138000 → 13900001111", o, sizeof o),
	                 "手机号: 138****8000 → 139****1111");
	ck_assert_str_eq(auth_mask_text("证件号码: （空） → 33010619900101201X", o, sizeof o),
	                 "证件号码: （空） → 330106********201X");
	ck_assert_str_eq(auth_mask_text("330106199001012017", o, sizeof o), "330106********2017");
	/* customer numbers, VINs, dates and amounts are left alone */
	const char *keep = "C00000012 LSVAU2180N2123456 2026-11-23 金额 12345678901.5x 23800138000";
	ck_assert_str_eq(auth_mask_text(keep, o, sizeof o), keep);
	ck_assert_str_eq(auth_mask_text("", o, sizeof o), "");
}
END_TEST

START_TEST(masking_by_field)
{
	char o[128];
	ck_assert_int_eq(auth_mask_kind_of("birth_date"), AUTH_MASK_BIRTH);
	ck_assert_int_eq(auth_mask_kind_of("fax"), AUTH_MASK_LANDLINE);
	ck_assert_int_eq(auth_mask_kind_of("phone"), AUTH_MASK_LANDLINE);
	ck_assert_int_eq(auth_mask_kind_of("name"), AUTH_MASK_NONE);
	ck_assert_int_eq(auth_mask_kind_of("sex"), AUTH_MASK_NONE); /* parity only: the mask shows it */
	ck_assert_int_eq(auth_mask_perm(AUTH_MASK_BIRTH), AUTH_WHOLE_IDNO);
	ck_assert_int_eq(auth_mask_perm(AUTH_MASK_EMAIL), AUTH_WHOLE_MOBILE);
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_BIRTH, "1983-10-20", o, sizeof o), "****-**-**");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_BIRTH, "", o, sizeof o), "");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_LANDLINE, "0476-88886666", o, sizeof o), "0476-****6666");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_LANDLINE, "010-62345678-123", o, sizeof o), "010-****5678-***");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_LANDLINE, "0571-8765432", o, sizeof o), "0571-***5432");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_LANDLINE, "400-123-4567", o, sizeof o), "***-***-4567");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_EMAIL, "zhang.san@163.com", o, sizeof o), "z***@163.com");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_EMAIL, "张@例子.cn", o, sizeof o), "张***@例子.cn");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_HANDLE, "123456789", o, sizeof o), "1***");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_ADDRESS, "文三路1号", o, sizeof o), "****");
	ck_assert_str_eq(auth_mask_as(AUTH_MASK_MOBILE, "13812345678", o, sizeof o), "138****5678");
	/* a front-desk role phones people: contacts whole, ID number and birth
	 * date masked together */
	const char *v = "1983-10-20";
	ck_assert_ptr_eq(auth_show_field(AUTH_MANAGER, "birth_date", v, o, sizeof o), v);
	ck_assert_str_eq(auth_show_field(AUTH_RECEPTION, "birth_date", v, o, sizeof o), "****-**-**");
	v = "0476-88886666";
	ck_assert_ptr_eq(auth_show_field(AUTH_RECEPTION, "phone1", v, o, sizeof o), v);
	ck_assert_str_eq(auth_show_field(AUTH_ADMIN, "phone1", v, o, sizeof o), "0476-****6666");
	const char *name = "王五";
	ck_assert_ptr_eq(auth_mask_field("name", name, o, sizeof o), name);
	ck_assert_str_eq(auth_mask_field("email", "li@qq.com", o, sizeof o), "l***@qq.com");
	/* every mask is recognisable as one */
	for (int k = AUTH_MASK_MOBILE; k <= AUTH_MASK_ADDRESS; k++)
		ck_assert_msg(auth_looks_masked(auth_mask_as((enum auth_mask_kind)k, "13812345678", o, sizeof o)),
		              "kind %d: %s", k, o);
	ck_assert(!auth_looks_masked("文三路1号"));
	ck_assert(!auth_looks_masked(""));
	ck_assert(!auth_looks_masked("3*4 号楼*"));
	ck_assert(auth_looks_masked("文三路***"));
	ck_assert(auth_looks_masked("*3**"));
}
END_TEST

START_TEST(password_rules)
{
	ck_assert_ptr_nonnull(auth_password_problem("li", "short"));
	ck_assert_ptr_nonnull(strstr(auth_password_problem("li", "1234567"), "至少 8 个字符"));
	ck_assert_ptr_nonnull(auth_password_problem("li", "aaaaaaaaaa"));
	ck_assert_ptr_nonnull(auth_password_problem("zhangsan", "zhangsan"));
	ck_assert_ptr_null(auth_password_problem("li", "correct horse"));
	/* eight Chinese characters are eight characters */
	ck_assert_ptr_null(auth_password_problem("li", "前台前台前台前台"));
	ck_assert_ptr_nonnull(auth_password_problem("li", "前台前台前台"));
}
END_TEST

START_TEST(password_hash_is_salted_yescrypt)
{
	char a[AUTH_HASH_MAX], b[AUTH_HASH_MAX], err[128];
	ck_assert_int_eq(auth_hash_password("correct horse", a, sizeof a, err, sizeof err), 0);
	ck_assert_int_eq(auth_hash_password("correct horse", b, sizeof b, err, sizeof err), 0);
	ck_assert_int_eq(strncmp(a, "$y$", 3), 0);
	ck_assert_str_ne(a, b); /* salted */
	ck_assert_ptr_null(strstr(a, "correct"));
	ck_assert(auth_check_password("correct horse", a));
	ck_assert(auth_check_password("correct horse", b));
	ck_assert(!auth_check_password("correct horsE", a));
	ck_assert(!auth_check_password("", a));
	ck_assert(!auth_check_password("correct horse", ""));
	ck_assert(!auth_check_password("correct horse", "*"));
	ck_assert(!auth_check_password(NULL, a));
}
END_TEST

Suite *auth_suite(void)
{
	Suite *s = suite_create("auth");
	TCase *t = tcase_create("auth");
	tcase_add_loop_test(t, every_cell_of_the_table, 0, AUTH_NPERMS * AUTH_NROLES);
	tcase_add_test(t, the_issue_says);
	tcase_add_test(t, roles_by_name);
	tcase_add_test(t, refusal_names_role_and_permission);
	tcase_add_test(t, whose_follow_ups);
	tcase_add_test(t, masking);
	tcase_add_test(t, masking_free_text);
	tcase_add_test(t, masking_by_field);
	tcase_add_test(t, password_rules);
	tcase_add_test(t, password_hash_is_salted_yescrypt);
	suite_add_tcase(s, t);
	return s;
}
