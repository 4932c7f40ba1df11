/* region — GB/T 2260 look-ups over the table generated from
 * schema/regions/regions.csv (see region_data.h).  The table is sorted by
 * code, so every look-up is a binary search; the by-parent index for
 * reg_children is built on first use and kept for the life of the program. */
#include "desk4s/region.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "region_data.h"

static int cmp_code(const void *key, const void *elem)
{
	int k = *(const int *)key;
	int c = ((const struct reg_entry *)elem)->code;
	return (k > c) - (k < c);
}

const struct reg_entry *reg_find(int code)
{
	return bsearch(&code, reg_table, reg_table_len, sizeof reg_table[0], cmp_code);
}

const struct reg_entry *reg_all(size_t *n)
{
	if (n)
		*n = reg_table_len;
	return reg_table;
}

/* Entries ordered by (parent, code): every parent's children form one run. */
static const struct reg_entry **kids;

static int cmp_parent_code(const void *a, const void *b)
{
	const struct reg_entry *x = *(const struct reg_entry *const *)a;
	const struct reg_entry *y = *(const struct reg_entry *const *)b;
	if (x->parent != y->parent)
		return (x->parent > y->parent) - (x->parent < y->parent);
	return (x->code > y->code) - (x->code < y->code);
}

static int build_kids(void)
{
	if (kids)
		return 1;
	const struct reg_entry **k = malloc(reg_table_len * sizeof *k);
	if (!k)
		return 0;
	for (size_t i = 0; i < reg_table_len; i++)
		k[i] = &reg_table[i];
	qsort(k, reg_table_len, sizeof *k, cmp_parent_code);
	kids = k;
	return 1;
}

const struct reg_entry *const *reg_children(int parent, size_t *n)
{
	size_t cnt = 0;
	const struct reg_entry *const *run = NULL;
	if (build_kids()) {
		/* Lower bound of parent, then walk the run. */
		size_t lo = 0, hi = reg_table_len;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (kids[mid]->parent < parent)
				lo = mid + 1;
			else
				hi = mid;
		}
		while (lo + cnt < reg_table_len && kids[lo + cnt]->parent == parent)
			cnt++;
		if (cnt)
			run = kids + lo;
	}
	if (n)
		*n = cnt;
	return run;
}

int reg_is_leaf_city(int city)
{
	const struct reg_entry *e = reg_find(city);
	size_t n;
	if (!e || e->level != 2)
		return 0;
	reg_children(city, &n);
	return n == 0;
}

/* 北京, 天津, 上海, 重庆: level 2 is only 市辖区/县. */
static int is_municipality(int province)
{
	int p = province / 10000;
	return p == 11 || p == 12 || p == 31 || p == 50;
}

/* Level-2 rows that are not places people name: the municipalities'
 * 市辖区/县 and the 省直辖县级行政区划 blocks (digits 3-4 = 90). */
static int is_placeholder_city(const struct reg_entry *e)
{
	return e->level == 2 && (is_municipality(e->code) || e->code / 100 % 100 == 90);
}

/* Length of the longest prefix of s, at most max bytes, that does not cut
 * a UTF-8 sequence. */
static size_t utf8_fit(const char *s, size_t max)
{
	size_t len = strlen(s);
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* Append s (after a space unless out is empty), whole characters only.
 * Returns 0 when s did not fit entirely, so callers stop there rather than
 * show "浙江 杭州市" for a clipped "浙江省". */
static int append(char *out, size_t outsz, const char *s)
{
	size_t used = strlen(out);
	size_t sep = used ? 1 : 0;
	if (used + sep + 1 >= outsz)
		return 0;
	size_t k = utf8_fit(s, outsz - 1 - used - sep);
	if (k == 0)
		return 0; /* no dangling space */
	if (sep)
		out[used++] = ' ';
	memcpy(out + used, s, k);
	out[used + k] = 0;
	return s[k] == 0;
}

/* Name of a code, or the number itself when unknown, so nothing given is
 * silently dropped from the display. */
static int append_code(char *out, size_t outsz, int code)
{
	const struct reg_entry *e = reg_find(code);
	char num[16];
	if (e)
		return append(out, outsz, e->name);
	snprintf(num, sizeof num, "%d", code);
	return append(out, outsz, num);
}

char *reg_display(int province, int city, int district, char *out, size_t outsz)
{
	if (!out || outsz == 0)
		return out;
	out[0] = 0;
	if (province && !append_code(out, outsz, province))
		return out;
	if (city) {
		const struct reg_entry *e = reg_find(city);
		/* Skip 市辖区/县/省直辖… only when its own province stands in for it. */
		if (!(e && e->parent == province && is_placeholder_city(e)) &&
		    !append_code(out, outsz, city))
			return out;
	}
	if (district)
		append_code(out, outsz, district);
	return out;
}

/* ---- reg_check ---- */

/* Normalise a typed code: trim spaces (ASCII and U+3000), map full-width
 * digits U+FF10-FF19 to ASCII.  Returns 1 with *code set, 0 for an empty
 * field, -1 when what remains is not exactly 6 digits. */
static int parse_code(const char *s, int *code)
{
	char d[7];
	size_t nd = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	int seen_digit = 0, trailing = 0;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
			p++;
			trailing = seen_digit;
			continue;
		}
		if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { /* U+3000 */
			p += 3;
			trailing = seen_digit;
			continue;
		}
		int digit;
		if (*p >= '0' && *p <= '9') {
			digit = *p - '0';
			p++;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			digit = p[2] - 0x90;
			p += 3;
		} else {
			return -1;
		}
		/* A space inside the code ("330 106") is not a code. */
		if (trailing || nd == 6)
			return -1;
		d[nd++] = (char)('0' + digit);
		seen_digit = 1;
	}
	*code = 0;
	if (nd == 0)
		return 0;
	if (nd != 6)
		return -1;
	d[6] = 0;
	*code = atoi(d);
	return 1;
}

static const char *const part_label[] = { "", "省区", "城市", "区县" };
static const char *const part_code[] = { "", "region.province", "region.city", "region.district" };
static const char *const level_name[] = { "", "省级", "地级", "县级" };

static enum reg_part set(struct val_result *r, enum reg_part part, const char *code,
                         const char *msg)
{
	if (r) {
		r->severity = part == REG_NONE ? VAL_OK : VAL_ERROR;
		snprintf(r->code, sizeof r->code, "%s", code);
		size_t k = utf8_fit(msg, sizeof r->msg - 1);
		memcpy(r->msg, msg, k);
		r->msg[k] = 0;
	}
	return part;
}

/* "浙江省 杭州市" for a mismatch message: the raw names, so 市辖区 is kept
 * and the code in the message can be traced. */
static void path_name(const struct reg_entry *e, char *out, size_t outsz)
{
	const struct reg_entry *up = e->parent ? reg_find(e->parent) : NULL;
	out[0] = 0;
	if (up)
		append(out, outsz, up->name);
	append(out, outsz, e->name);
}

/* Check one part: well formed, known, at the right level.  *e receives the
 * entry; returns 0 and fills r on failure. */
static int check_part(const char *raw, int state, int code, int level,
                      const struct reg_entry **e, struct val_result *r)
{
	char msg[512], shown[64];
	*e = NULL;
	if (state < 0) {
		size_t k = utf8_fit(raw, sizeof shown - 1);
		memcpy(shown, raw, k);
		shown[k] = 0;
		snprintf(msg, sizeof msg, "%s编号“%s”应为 6 位数字（GB/T 2260）",
		         part_label[level], shown);
		set(r, (enum reg_part)level, part_code[level], msg);
		return 0;
	}
	*e = reg_find(code);
	if (!*e) {
		snprintf(msg, sizeof msg, "%s编号 %06d 未知（GB/T 2260）", part_label[level], code);
		set(r, (enum reg_part)level, part_code[level], msg);
		return 0;
	}
	if ((*e)->level != level) {
		snprintf(msg, sizeof msg, "%s编号 %06d（%s）是%s区划，不是%s区划（GB/T 2260）",
		         part_label[level], code, (*e)->name, level_name[(*e)->level],
		         level_name[level]);
		set(r, (enum reg_part)level, part_code[level], msg);
		return 0;
	}
	return 1;
}

enum reg_part reg_check(const char *province, const char *city, const char *district,
                        struct val_result *r)
{
	const char *raw[4] = { "", province ? province : "", city ? city : "",
	                       district ? district : "" };
	int code[4] = { 0 }, state[4] = { 0 };
	const struct reg_entry *e[4] = { NULL };
	/* Larger than r->msg: set() cuts at a character boundary. */
	char msg[512], where[96];

	for (int lv = 1; lv <= 3; lv++)
		state[lv] = parse_code(raw[lv], &code[lv]);
	for (int lv = 1; lv <= 3; lv++)
		if (state[lv] && !check_part(raw[lv], state[lv], code[lv], lv, &e[lv], r))
			return (enum reg_part)lv;
	/* From here every given part is known at its level; code 0 = empty. */

	/* A lower level without the one above cannot be placed: the missing
	 * upper part is what the user has to fill in. */
	if (code[2] && !code[1]) {
		snprintf(msg, sizeof msg, "填了城市编号 %06d 却没有省区编号（区划须逐级填写）", code[2]);
		return set(r, REG_PROVINCE, "region.mismatch", msg);
	}
	if (code[3] && !code[2]) {
		snprintf(msg, sizeof msg, "填了区县编号 %06d 却没有城市编号（区划须逐级填写）", code[3]);
		return set(r, REG_CITY, "region.mismatch", msg);
	}
	if (code[2] && e[2]->parent != code[1]) {
		snprintf(msg, sizeof msg, "城市编号 %06d（%s）不属于省区 %06d（%s）（GB/T 2260）",
		         code[2], e[2]->name, code[1], e[1]->name);
		return set(r, REG_CITY, "region.mismatch", msg);
	}
	if (code[3] && e[3]->parent != code[2]) {
		path_name(e[2], where, sizeof where);
		snprintf(msg, sizeof msg, "区县编号 %06d（%s）不属于城市 %06d（%s）（GB/T 2260）",
		         code[3], e[3]->name, code[2], where);
		return set(r, REG_DISTRICT, "region.mismatch", msg);
	}
	if (code[2] && !code[3] && !reg_is_leaf_city(code[2])) {
		path_name(e[2], where, sizeof where);
		snprintf(msg, sizeof msg,
		         "城市 %06d（%s）下设区县，须填区县编号（GB/T 2260；只有东莞、中山、儋州、嘉峪关不设区县）",
		         code[2], where);
		return set(r, REG_DISTRICT, "region.district_missing", msg);
	}
	return set(r, REG_NONE, "", "");
}
