/* region — GB/T 2260 province/city/district codes, compiled into the
 * program from schema/regions/regions.csv (vendored; see
 * schema/regions/README.md for its source and licence).
 * Pure: no SQLite, no curses. */
#ifndef DESK4S_REGION_H
#define DESK4S_REGION_H
#include <stddef.h>
#include "desk4s/validate.h"

struct reg_entry {
	int code;          /* 6 digits, e.g. 330106 */
	int parent;        /* 0 for a province */
	int level;         /* 1 province, 2 city (prefecture), 3 district (county) */
	const char *name;  /* UTF-8, e.g. "西湖区" */
};

/* NULL when the code is unknown. */
const struct reg_entry *reg_find(int code);
/* Children of parent (0 for provinces), in code order; *n receives the count.
 * The pointer stays valid for the life of the program. */
const struct reg_entry *const *reg_children(int parent, size_t *n);
/* 1 when a city has no district level (东莞 441900, 中山 442000, 儋州 460400,
 * 嘉峪关 620200): its district code stays empty. */
int reg_is_leaf_city(int city);
/* All entries, in code order. */
const struct reg_entry *reg_all(size_t *n);

/* Full display name: "浙江省 杭州市 西湖区"; municipalities show the province
 * in place of 市辖区/县 ("北京市 朝阳区").  Returns out. */
char *reg_display(int province, int city, int district, char *out, size_t outsz);

/* Which part of a triple was wrong. */
enum reg_part { REG_NONE = 0, REG_PROVINCE, REG_CITY, REG_DISTRICT };
/* Check a triple given as strings (any may be empty; full-width digits are
 * normalised).  Each code known, at its level, city inside province,
 * district inside city, district empty only where the city has none.
 * Returns the first part that is wrong (REG_NONE when all is well) and
 * fills r (codes "region.province", "region.city", "region.district",
 * "region.mismatch", "region.district_missing"). Empty parts are not
 * errors here (required-ness is the rules engine's business) except that a
 * city without a province, or a district without a city, is "region.mismatch". */
enum reg_part reg_check(const char *province, const char *city, const char *district,
                        struct val_result *r);

/* A triple written by name, as other systems export it, turned into codes
 * in place (each buffer sz bytes): "浙江省" or "浙江", "杭州市" or "杭州",
 * "西湖区" or "西湖" — each looked up among the children of the part above,
 * a short name only where it leaves off a suffix (省, 市, 区, 县, …自治州)
 * and no sibling shares it.  A municipality's city may be its own name
 * ("北京市 北京市 朝阳区"), and a county-level city the province governs
 * directly may stand as the city ("河南省 济源市"); empty parts and parts
 * already in digits are left alone.  REG_NONE when every name was found,
 * else the first part not found (left as written) with r filled
 * ("region.name"). */
enum reg_part reg_codes_of_names(char *province, char *city, char *district, size_t sz,
                                 struct val_result *r);

/* Bytes at the start of s that e's name takes: its whole name, else (with
 * short_ok) its name short of a suffix as people write it (浙江 for 浙江省,
 * 广西 for 广西壮族自治区, 恩施 for 恩施土家族苗族自治州), two characters at
 * least; 0 when neither. */
size_t reg_name_at(const struct reg_entry *e, const char *s, int short_ok);

/* The province, city and district an address starts with, as old systems
 * keep them only there: "浙江省杭州市西湖区…", "浙江杭州西湖区…",
 * "北京市东城区…", "杭州市西湖区…".  Province and city may be short of
 * their suffix (a city so only with its district after it: 浙江杭州湾新区 is
 * 宁波's), a district only by its whole name (西湖 could be a road's); a
 * province alone is not taken.  The parts found (2 or 3, codes in out;
 * out[2] 0 for 2), or 0. */
int reg_codes_of_address(const char *addr, int out[3]);
#endif
