/* region — GB/T 2260 look-ups over the table generated from
 * schema/regions/regions.csv (see region_data.h).  The table is sorted by
 * code, so every look-up is a binary search; the by-parent index for
 * reg_children is built on first use and kept for the life of the program. */
#include "desk4s/region.h"

#include <pthread.h>
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

static void build_kids_once(void)
{
	const struct reg_entry **k = malloc(reg_table_len * sizeof *k);
	if (!k)
		return;
	for (size_t i = 0; i < reg_table_len; i++)
		k[i] = &reg_table[i];
	qsort(k, reg_table_len, sizeof *k, cmp_parent_code);
	kids = k;
}

/* Once per program: an import's reader thread checks regions while the
 * main thread may too. */
static int build_kids(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, build_kids_once);
	return kids != NULL;
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

/* ---- names ---- */

/* What an everyday name leaves off: 浙江 for 浙江省, 恩施 for
 * 恩施土家族苗族自治州.  The rest of the name must be one of these. */
static int is_suffix(const char *rest)
{
	static const char *const whole[] = { "省", "市", "区", "县", "旗", "盟", "地区", "林区", "特别行政区" };
	static const char *const ends[] = { "自治区", "自治州", "自治县", "自治旗" };
	for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++)
		if (strcmp(rest, whole[i]) == 0)
			return 1;
	size_t n = strlen(rest);
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		size_t k = strlen(ends[i]);
		if (n >= k && strcmp(rest + n - k, ends[i]) == 0)
			return 1;
	}
	return 0;
}

/* 2 when name is e's whole name, 1 when it is e's name short of a suffix
 * (two characters at least: 6 bytes of UTF-8), else 0. */
static int name_match(const struct reg_entry *e, const char *name)
{
	size_t n = strlen(name);
	if (strcmp(e->name, name) == 0)
		return 2;
	return n >= 6 && strncmp(e->name, name, n) == 0 && is_suffix(e->name + n);
}

/* The child of parent called name: a whole name first, else the one
 * sibling a short name fits; NULL when none or several (then, when
 * `several` is given, the first two names it could be go there:
 * "临夏市或临夏县"). */
static const struct reg_entry *child_named_or(int parent, const char *name, char *several, size_t sz)
{
	size_t n;
	const struct reg_entry *const *k = reg_children(parent, &n);
	const struct reg_entry *shortly[2] = { NULL, NULL };
	int shorts = 0;
	for (size_t i = 0; i < n; i++) {
		int m = name_match(k[i], name);
		if (m == 2)
			return k[i];
		if (m == 1) {
			if (shorts < 2)
				shortly[shorts] = k[i];
			shorts++;
		}
	}
	if (shorts > 1 && several)
		snprintf(several, sz, "%s或%s", shortly[0]->name, shortly[1]->name);
	return shorts == 1 ? shortly[0] : NULL;
}

static const struct reg_entry *child_named(int parent, const char *name)
{
	return child_named_or(parent, name, NULL, 0);
}

/* A district (or county-level city) called name under any city of the
 * province (only the 省直辖 blocks when placeholders_only): the one, or
 * NULL when none or several. */
static const struct reg_entry *grandchild_named(int province, const char *name, int placeholders_only)
{
	size_t n;
	const struct reg_entry *const *cities = reg_children(province, &n);
	const struct reg_entry *found = NULL;
	for (size_t i = 0; i < n; i++) {
		if (placeholders_only && !is_placeholder_city(cities[i]))
			continue;
		const struct reg_entry *d = child_named(cities[i]->code, name);
		if (d && found)
			return NULL;
		if (d)
			found = d;
	}
	return found;
}

static int is_code_text(const char *s)
{
	return !*s || (*s >= '0' && *s <= '9');
}

static void put_code(char *buf, size_t sz, int code)
{
	snprintf(buf, sz, "%06d", code);
}

/* A name not found under where (NULL: the part above is empty), or
 * (several set) one that fits two. */
static enum reg_part not_found(struct val_result *r, enum reg_part part, const char *name, const char *where,
                               const char *several)
{
	char msg[512], shown[64];
	size_t k = utf8_fit(name, sizeof shown - 1);
	memcpy(shown, name, k);
	shown[k] = 0;
	if (!where)
		snprintf(msg, sizeof msg, "填了%s“%s”却没有%s（区划须逐级填写）", part_label[part], shown,
		         part_label[part - 1]);
	else if (several && *several)
		snprintf(msg, sizeof msg, "%s的“%s”可指%s，请写全名", where, shown, several);
	else
		snprintf(msg, sizeof msg, "%s没有名为“%s”的%s区划（GB/T 2260；可写编号或名称，如 330000 或 浙江省）",
		         where, shown, level_name[part]);
	return set(r, part, "region.name", msg);
}

enum reg_part reg_codes_of_names(char *province, char *city, char *district, size_t sz,
                                 struct val_result *r)
{
	set(r, REG_NONE, "", "");
	if (is_code_text(province) && is_code_text(city) && is_code_text(district))
		return REG_NONE; /* codes, as the sheet writes them: nothing to look up */
	const struct reg_entry *p = NULL, *c = NULL;
	if (!is_code_text(province)) {
		if (!(p = child_named(0, province)))
			return not_found(r, REG_PROVINCE, province, "", NULL);
		put_code(province, sz, p->code);
	} else if (*province) {
		p = reg_find(atoi(province));
		if (!p || p->level != 1)
			return REG_NONE; /* a code that is wrong: reg_check says how */
	}
	char where[128] = "";
	if (p)
		snprintf(where, sizeof where, "%s", p->name);
	if (!is_code_text(city)) {
		if (!p)
			return not_found(r, REG_CITY, city, NULL, NULL);
		char several[128] = "";
		c = child_named_or(p->code, city, several, sizeof several);
		if (!c && is_municipality(p->code) && name_match(p, city)) {
			/* 北京市 北京市 朝阳区: the district, by name or code, says
			 * which of 市辖区 and 县 */
			const struct reg_entry *d = NULL;
			if (!is_code_text(district))
				d = grandchild_named(p->code, district, 0);
			else if (*district && (d = reg_find(atoi(district))) != NULL &&
			         (d->level != 3 || !reg_find(d->parent) || reg_find(d->parent)->parent != p->code))
				d = NULL;
			c = d ? reg_find(d->parent) : NULL;
		}
		if (!c) {
			/* 河南省 济源市: a county-level city under 省直辖县级行政区划 */
			const struct reg_entry *d = grandchild_named(p->code, city, 1);
			if (d && (!*district || strcmp(district, city) == 0 || (!is_code_text(district) && name_match(d, district)))) {
				put_code(city, sz, d->parent);
				put_code(district, sz, d->code);
				return REG_NONE;
			}
			return not_found(r, REG_CITY, city, where, several);
		}
		put_code(city, sz, c->code);
	} else if (*city) {
		c = reg_find(atoi(city));
		if (!c || c->level != 2)
			return REG_NONE;
	}
	if (!is_code_text(district)) {
		if (!c)
			return not_found(r, REG_DISTRICT, district, NULL, NULL);
		char several[128] = "";
		const struct reg_entry *d = child_named_or(c->code, district, several, sizeof several);
		if (!d) {
			char in[160];
			reg_display(c->parent, c->code, 0, in, sizeof in);
			return not_found(r, REG_DISTRICT, district, in, several);
		}
		put_code(district, sz, d->code);
	}
	return REG_NONE;
}

/* ---- an address's start ---- */

size_t reg_name_at(const struct reg_entry *e, const char *s, int short_ok)
{
	size_t n = strlen(e->name);
	if (strncmp(s, e->name, n) == 0)
		return n;
	/* every short form starts with the name's first two characters: most
	 * names are passed over here, an import asking at each of its rows */
	if (!short_ok || n < 6 || strncmp(s, e->name, 6) != 0)
		return 0;
	for (size_t k = n; k-- > 6;)
		if ((e->name[k] & 0xC0) != 0x80 && is_suffix(e->name + k) && strncmp(s, e->name, k) == 0)
			return k;
	return 0;
}

/* The child of parent (every level-2 row for parent -1) whose name starts
 * s the longest way, its length in *len; NULL when none, or when two
 * share the longest (nothing to choose by). */
static const struct reg_entry *longest_child(int parent, const char *s, int short_ok, size_t *len)
{
	size_t n;
	const struct reg_entry *const *k = NULL;
	const struct reg_entry *all = NULL;
	if (parent >= 0)
		k = reg_children(parent, &n);
	else
		all = reg_all(&n);
	const struct reg_entry *best = NULL;
	int tie = 0;
	*len = 0;
	for (size_t i = 0; i < n; i++) {
		const struct reg_entry *e = k ? k[i] : &all[i];
		if ((!k && e->level != 2) || is_placeholder_city(e))
			continue;
		size_t m = reg_name_at(e, s, short_ok);
		if (m > *len)
			best = e, *len = m, tie = 0;
		else if (m && m == *len)
			tie = 1;
	}
	return tie ? NULL : best;
}

/* A district whole-named at the start of s under the province's
 * placeholder cities (北京市东城区, 河南省济源市): one, or NULL. */
static const struct reg_entry *placeholder_district(int province, const char *s, size_t *len)
{
	size_t n;
	const struct reg_entry *const *cities = reg_children(province, &n);
	const struct reg_entry *found = NULL;
	*len = 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_placeholder_city(cities[i]))
			continue;
		size_t m;
		const struct reg_entry *d = longest_child(cities[i]->code, s, 0, &m);
		if (d && m == *len)
			found = NULL;
		else if (d && m > *len)
			found = d, *len = m;
	}
	return found;
}

/* Spaces between the levels (浙江省 杭州市 西湖区) as a copy keeps them. */
static const char *past_spaces(const char *s)
{
	while (*s == ' ')
		s++;
	return s;
}

/* From a city found at s: its district by whole name.  Parts found. */
static int district_after(const struct reg_entry *c, const char *s, int out[3])
{
	size_t len;
	s = past_spaces(s);
	out[1] = c->code;
	const struct reg_entry *d = longest_child(c->code, s, 0, &len);
	out[2] = d ? d->code : 0;
	return d ? 3 : 2;
}

int reg_codes_of_address(const char *addr, int out[3])
{
	out[0] = out[1] = out[2] = 0;
	addr = past_spaces(addr);
	size_t len;
	int byp[3] = { 0, 0, 0 }, byc[3] = { 0, 0, 0 }, np = 0, nc = 0;
	const struct reg_entry *p = longest_child(0, addr, 1, &len);
	if (p) {
		const char *s = past_spaces(addr + len);
		byp[0] = p->code;
		np = 1;
		const struct reg_entry *c = longest_child(p->code, s, 1, &len), *d;
		if (c) {
			np = district_after(c, s + len, byp);
			/* a city short of its suffix stands only with a district
			 * after it: 浙江杭州湾新区 is 宁波's, not 杭州 */
			if (np == 2 && len < strlen(c->name))
				np = 1, byp[1] = 0;
		} else if ((d = placeholder_district(p->code, s, &len)) != NULL)
			byp[1] = d->parent, byp[2] = d->code, np = 3;
	}
	/* 吉林市船营区, 海南藏族自治州…: a city's whole name that starts with a
	 * province's short one; the reading that finds more wins */
	const struct reg_entry *c = longest_child(-1, addr, 0, &len);
	if (c) {
		byc[0] = c->parent;
		nc = district_after(c, addr + len, byc);
	}
	const int *best = nc > np ? byc : byp;
	int n = nc > np ? nc : np;
	if (n < 2)
		return 0;
	memcpy(out, best, sizeof byp);
	return n;
}
