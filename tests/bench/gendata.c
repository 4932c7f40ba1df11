/* gendata — the records of the generated shop (see gen.h).  Every value is
 * drawn from a splitmix64 stream seeded by (seed, kind, index), so record i
 * never depends on record i-1 and any record can be regenerated alone.
 * Keys that the schema holds unique (ID number, VIN, numbers) come from
 * bijections of the index, not from luck. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/region.h"
#include "desk4s/rules.h"
#include "gen.h"

/* ---- randomness ------------------------------------------------------ */

struct rng { uint64_t s; };

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

enum { K_CUST = 1, K_WO, K_VISIT, K_CARD, K_FU, K_WOCORE };

static struct rng stream(const struct gen *g, int kind, long i)
{
	struct rng r = { g->seed ^ ((uint64_t)kind << 56) ^ ((uint64_t)i * 0xD1B54A32D192ED03ull) };
	next(&r);
	return r;
}

static long below(struct rng *r, long n) { return n > 0 ? (long)(next(r) % (uint64_t)n) : 0; }
static int pct(struct rng *r, int p) { return below(r, 100) < p; }
#define PICK(r, a) ((a)[below((r), (long)(sizeof(a) / sizeof((a)[0])))])

/* A bijection of [0, m) (a*i + b mod m with gcd(a, m) = 1): unique keys
 * that still look scattered. */
static uint64_t gcd(uint64_t a, uint64_t b) { while (b) { uint64_t t = a % b; a = b; b = t; } return a; }
static uint64_t perm(uint64_t i, uint64_t m, uint64_t a, uint64_t b)
{
	while (gcd(a % m, m) != 1)
		a++;
	return ((a % m) * (i % m) % m + b) % m;
}

/* ---- dates ----------------------------------------------------------- */

int gen_days(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

void gen_date(int day, char out[11])
{
	int y, m, d;
	civil(day, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100, (unsigned)d % 100);
}

static void datetime(int day, int minute, char out[20])
{
	char d[11];
	gen_date(day + minute / 1440, d);
	minute %= 1440;
	snprintf(out, 20, "%s %02d:%02d", d, minute / 60, minute % 60);
}

/* ---- setting fields by key, with the index cached by key pointer ---- */

static int fx(const struct fdef_form *f, const char *key)
{
	enum { N = 512 };
	static struct { unsigned long serial; const char *key; int idx; } cache[N];
	size_t h = ((uintptr_t)key >> 3) * 2654435761u % N;
	for (size_t k = 0; k < N; k++, h = (h + 1) % N) {
		if (!cache[h].key) {
			cache[h].serial = f->serial;
			cache[h].key = key;
			cache[h].idx = fdef_index(f, key);
			if (cache[h].idx < 0) {
				fprintf(stderr, "gen: form %s has no field %s\n", f->name, key);
				exit(3);
			}
			return cache[h].idx;
		}
		if (cache[h].key == key && cache[h].serial == f->serial)
			return cache[h].idx;
	}
	return fdef_index(f, key);
}

__attribute__((format(printf, 3, 4)))
static void S(struct rec *r, const char *key, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	rec_set_at(r, fx(r->form, key), buf);
}

/* ---- word lists ------------------------------------------------------- */

/* The commonest surnames, the first ones repeated to weigh them. */
static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
	"徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐",
	"许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
	"余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟",
	"谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟",
	"熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯", "龙", "史", "陶", "黎", "贺",
	"顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "汤",
	"欧阳", "诸葛", "司马", "上官",
};
static const char *const given_m[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
	"飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "阳",
	"建", "国", "志", "文", "海", "峰", "晨", "博", "昊", "宏", "振", "嘉", "子", "轩", "睿",
	"泽", "一", "晓", "东", "春", "永", "德", "成", "金", "庆", "垚", "堃", "昇", "彧", "翀",
};
static const char *const given_f[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "莹", "倩",
	"洁", "琳", "颖", "佳", "欣", "怡", "梦", "雨", "思", "晓", "美", "秀", "红", "兰", "梅",
	"丹", "萍", "琴", "蓉", "薇", "璐", "瑶", "悦", "诗", "涵", "可", "馨", "月", "小", "玥",
	"珺", "璟", "琇", "嘉", "子", "一", "心", "依", "若", "晴", "妍", "蕾", "菲", "露", "童",
};
static const char *const co_words[] = {
	"恒达", "鑫源", "华通", "宏远", "金桥", "天成", "新峰", "瑞丰", "永盛", "嘉禾", "万通", "东方",
	"正泰", "远洋", "信达", "利华", "中联", "博雅", "汇丰", "锦程", "德信", "安泰", "富源", "星辰",
};
static const char *const co_kinds[] = {
	"贸易有限公司", "科技有限公司", "建设工程有限公司", "物流有限公司", "电子商务有限公司",
	"汽车租赁有限公司", "餐饮管理有限公司", "实业有限公司", "机械制造有限公司", "房地产开发有限公司",
};
static const char *const streets[] = {
	"文三路", "文二路", "教工路", "莫干山路", "延安路", "解放路", "庆春路", "凤起路", "体育场路",
	"中山北路", "天目山路", "古墩路", "丰潭路", "学院路", "江南大道", "滨盛路", "钱江路", "之江路",
	"余杭塘路", "五常大道", "人民路", "建设路", "新华路", "和平路", "胜利路", "东风路", "环城西路",
};
/* Allocated mobile prefixes (IDENTIFIERS.md §1.1). */
static const char *const mobile_prefix[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151",
	"152", "153", "155", "156", "157", "158", "159", "166", "172", "173", "175", "176", "177",
	"178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "198", "199",
};
struct model { const char *name; const char *configs[3]; long price; const char *wmi; const char *vds; };
/* An SAIC Volkswagen dealership sells these; cars serviced but bought
 * elsewhere come from other Chinese makers (WMI starting with L). */
static const struct model sold[] = {
	{ "朗逸", { "1.5L 手动风尚版", "1.5L 自动舒适版", "280TSI 星空版" }, 119900, "LSV", "AG2BH" },
	{ "帕萨特", { "330TSI 精英版", "330TSI 豪华版", "380TSI 旗舰版" }, 219900, "LSV", "AA6A3" },
	{ "途观L", { "330TSI 两驱智享版", "330TSI 四驱智享版", "380TSI 四驱旗舰版" }, 229900, "LSV", "UC6ET" },
	{ "途岳", { "280TSI 两驱豪华版", "300TSI 两驱R-Line", "300TSI 四驱旗舰版" }, 169900, "LSV", "AC6A2" },
	{ "凌渡L", { "280TSI 炫辣版", "280TSI 超辣旗舰版", "200TSI 风尚版" }, 149900, "LSV", "NB6C1" },
	{ "途昂", { "330TSI 两驱豪华版", "380TSI 四驱旗舰版", "530 V6 四驱至尊版" }, 319900, "LSV", "HC6C8" },
	{ "ID.4 X", { "纯净智享版", "长续航智享版", "四驱高性能版" }, 199900, "LSV", "YE6BM" },
};
static const struct model other[] = {
	{ "速腾", { "" }, 0, "LFV", "A24F6" }, { "卡罗拉", { "" }, 0, "LVG", "B5A19" },
	{ "思域", { "" }, 0, "LHG", "FC164" }, { "轩逸", { "" }, 0, "LGB", "H52E3" },
	{ "蒙迪欧", { "" }, 0, "LVS", "HFAE2" }, { "宝马3系", { "" }, 0, "LBV", "8E310" },
	{ "英朗", { "" }, 0, "LSG", "BC5EK" },
};
static const char *const colors[] = { "极地白", "深空灰", "星空蓝", "曜石黑", "月光银", "宝石红", "琉璃灰" };
static const char *const consultants[] = {
	"王静", "李明", "张磊", "刘洋", "陈晨", "杨帆", "赵婷", "吴昊", "周倩", "徐鹏", "孙悦", "马骏",
	"朱琳", "胡斌", "郭颖", "何涛",
};
static const char *const advisors[] = {
	"林峰", "郑凯", "梁超", "谢军", "宋伟", "唐亮", "许晨", "韩冰", "冯宇", "邓杰", "曹阳", "彭程",
};
static const char *const occupations[] = { "企业职员", "公务员", "教师", "医生", "个体经营", "工程师", "销售", "自由职业", "退休" };
static const char *const hobbies[] = { "旅游", "摄影", "钓鱼", "跑步", "自驾游", "读书", "音乐", "篮球", "露营" };
static const char *const industries[] = { "制造业", "互联网", "金融", "教育", "医疗", "零售", "建筑", "物流", "政府机关" };
static const char *const positions[] = { "职员", "主管", "经理", "总监", "工程师", "教师", "店主", "医生" };
static const char *const complaints_text[] = {
	"常规保养", "发动机异响", "空调不制冷", "刹车有异响", "更换轮胎", "左前门刮擦", "仪表故障灯亮",
	"雨刮器更换", "底盘异响", "车门锁失灵", "追尾事故维修", "电瓶亏电", "方向盘跑偏", "车窗升降异常",
};
static const char *const items_text[] = {
	"更换机油机滤", "更换空调滤芯、加注冷媒", "更换前刹车片", "四轮定位", "钣金喷漆左前门",
	"检查发动机舱线束", "更换蓄电池", "更换雨刮片", "更换后保险杠", "清洗节气门",
};
static const char *const visit_summary[] = {
	"看车比价，关注油耗", "试驾后兴趣较大，询问置换政策", "来电询问库存和优惠", "与家人一起看车，考虑中",
	"询问金融方案，首付三成", "对比竞品，关注空间", "老客户介绍，意向明确", "只是随便看看",
};
static const char *const lost_reasons[] = { "价格因素", "购买竞品", "暂缓购车", "联系不上", "预算不足", "家人反对" };
static const char *const fu_content[] = {
	"电话回访，客户仍在比较", "邀约周末到店试驾", "发送最新优惠信息", "客户已到店看车，确认配置",
	"询问贷款审批进度", "客户表示近期不考虑", "确认交车时间",
};

/* ---- regions ---------------------------------------------------------- */

/* Districts (and district-less cities) as triples, once. */
struct triple { int prov, city, dist; };
static struct triple *all_triples, *hz_triples, *zj_triples;
static size_t n_all, n_hz, n_zj;
static int *counties;   /* level-3 codes: ID numbers' address codes */
static size_t n_counties;

static void regions_once(void)
{
	if (all_triples)
		return;
	size_t n;
	const struct reg_entry *e = reg_all(&n);
	all_triples = calloc(n, sizeof *all_triples);
	hz_triples = calloc(n, sizeof *hz_triples);
	zj_triples = calloc(n, sizeof *zj_triples);
	counties = calloc(n, sizeof *counties);
	if (!all_triples || !hz_triples || !zj_triples || !counties) {
		fputs("gen: out of memory\n", stderr);
		exit(3);
	}
	for (size_t i = 0; i < n; i++) {
		struct triple t = { 0, 0, 0 };
		if (e[i].level == 3) {
			const struct reg_entry *c = reg_find(e[i].parent);
			if (!c)
				continue;
			t = (struct triple){ c->parent, c->code, e[i].code };
			/* ID numbers use real county codes of mainland provinces */
			if (e[i].code / 10000 >= 11 && e[i].code / 10000 <= 65)
				counties[n_counties++] = e[i].code;
		} else if (e[i].level == 2 && reg_is_leaf_city(e[i].code)) {
			t = (struct triple){ e[i].parent, e[i].code, 0 };
		} else {
			continue;
		}
		all_triples[n_all++] = t;
		if (t.city == 330100)
			hz_triples[n_hz++] = t;
		else if (t.prov == 330000)
			zj_triples[n_zj++] = t;
	}
}

/* ---- identifiers -------------------------------------------------------- */

static const char plate_chars[] = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"; /* no I O */

static int vin_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	static const char *const groups = "ABCDEFGH" "JKLMN" "P" "R" "STUVWXYZ";
	static const int vals[] = { 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9 };
	const char *p = strchr(groups, c);
	return p ? vals[p - groups] : 0;
}

static void vin_build(const char *wmi, const char *vds, int model_year, long plant, uint64_t serial,
                      char out[18])
{
	static const char years[] = "ABCDEFGHJKLMNPRSTVWXY123456789"; /* 2010 = A */
	static const int w[17] = { 8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2 };
	memcpy(out, wmi, 3);
	memcpy(out + 3, vds, 5);
	out[8] = '0';
	out[9] = years[(model_year - 2010) % 30];
	out[10] = "ABCDEFGHJKLMNPRSTUVWXYZ"[plant % 23];
	snprintf(out + 11, 7, "%06llu", (unsigned long long)(serial % 1000000));
	int sum = 0;
	for (int k = 0; k < 17; k++)
		sum += vin_value(out[k]) * w[k];
	out[8] = sum % 11 == 10 ? 'X' : (char)('0' + sum % 11);
	out[17] = 0;
}

static void idno_build(int county, int birth_day, int seq, char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	char d[11];
	gen_date(birth_day, d);
	snprintf(out, 19, "%06d%.4s%.2s%.2s%03d", county, d, d + 5, d + 8, seq % 1000);
	int sum = 0;
	for (int k = 0; k < 17; k++)
		sum += (out[k] - '0') * w[k];
	out[17] = "10X98765432"[sum % 11];
	out[18] = 0;
}

static void uscc_build(int county, uint64_t body, char out[19])
{
	static const char cs[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	static const int w8[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	char org[10];
	snprintf(org, 9, "%08llu", (unsigned long long)(body % 100000000));
	int s = 0;
	for (int k = 0; k < 8; k++)
		s += (org[k] - '0') * w8[k];
	int c = 11 - s % 11;
	org[8] = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
	org[9] = 0;
	snprintf(out, 19, "91%06d%s", county, org);
	int sum = 0;
	for (int k = 0; k < 17; k++)
		sum += (int)(strchr(cs, out[k]) - cs) * w[k];
	out[17] = cs[(31 - sum % 31) % 31];
	out[18] = 0;
}

/* ---- setup ------------------------------------------------------------- */

void gen_init(struct gen *g, uint64_t seed, long ncust, long nwo, long nvisit, long nacard)
{
	memset(g, 0, sizeof *g);
	regions_once();
	g->seed = seed;
	g->ncust = ncust;
	g->nwo = nwo;
	g->nvisit = nvisit;
	g->nacard = nacard;
	g->ref_day = gen_days(2026, 11, 20);
	g->cust_first_day = gen_days(2015, 1, 1);
	g->wo_first_day = gen_days(2019, 1, 1);
	g->visit_first_day = gen_days(2019, 1, 1);
	g->visit_per_card = nacard > 0 && nvisit > 0 ? (int)(nvisit / nacard) : 0;
	if (nacard > 0 && g->visit_per_card < 1)
		g->visit_per_card = 1;
}

/* Customers are numbered in the order they came: customer i registered on
 * this day, so customer numbers grow with time as they do in a shop. */
static int cust_day(const struct gen *g, long i)
{
	long span = g->ref_day - 2 - g->cust_first_day;
	return g->cust_first_day + (int)((long long)i * span / (g->ncust > 0 ? g->ncust : 1));
}

void gen_core(const struct gen *g, long i, struct gen_core *c)
{
	struct rng r = stream(g, K_CUST, i);
	c->company = pct(&r, 8);
	c->legacy = pct(&r, 2);
	c->archive = !c->legacy && pct(&r, 80);
	c->since_day = i < g->ncust ? cust_day(g, i) : g->ref_day - 1;
	c->km_per_day = 15 + (int)below(&r, 70);
}

/* ---- customers ------------------------------------------------------- */

static void person_name(struct rng *r, int male, char *out, size_t outsz)
{
	const char *sn = PICK(r, surnames);
	const char *a = male ? PICK(r, given_m) : PICK(r, given_f);
	if (pct(r, 70)) {
		const char *b = male ? PICK(r, given_m) : PICK(r, given_f);
		snprintf(out, outsz, "%s%s%s", sn, a, b);
	} else {
		snprintf(out, outsz, "%s%s", sn, a);
	}
}

/* The stream of customer i after gen_core's draws. */
struct cust_keys {
	struct gen_core c;
	struct rng r;
	int male;
	char name[64];
	char mobile[12];
	char vin[18];
	char plate[24];
	const struct model *model;
	int config;
};

static void cust_keys(const struct gen *g, long i, struct cust_keys *k)
{
	gen_core(g, i, &k->c);
	k->r = stream(g, K_CUST, i);
	for (int n = 0; n < 4; n++) /* the draws gen_core made */
		next(&k->r);
	struct rng *r = &k->r;
	k->male = pct(r, 62);
	if (k->c.company)
		snprintf(k->name, sizeof k->name, "杭州%s%s", PICK(r, co_words), PICK(r, co_kinds));
	else
		person_name(r, k->male, k->name, sizeof k->name);
	/* the last 8 digits are a bijection of i: no two customers share a mobile */
	snprintf(k->mobile, sizeof k->mobile, "%s%08llu", PICK(r, mobile_prefix),
	         (unsigned long long)perm((uint64_t)i, 100000000ull, 48271ull * 1181, 7654321));
	int mi = (int)below(r, 100);
	k->model = k->c.archive ? &sold[mi % (int)(sizeof sold / sizeof sold[0])]
	                        : &other[mi % (int)(sizeof other / sizeof other[0])];
	k->config = (int)below(r, 3);
	int y, m, d;
	civil(k->c.since_day, &y, &m, &d);
	int model_year = y + (m >= 9) > 2026 ? 2026 : y + (m >= 9);
	/* plant letter and serial together are a bijection of i */
	uint64_t u = perm((uint64_t)i, 23ull * 1000000, 7368787, 4242);
	vin_build(k->model->wmi, k->model->vds, model_year, (long)(u / 1000000), u % 1000000, k->vin);
	int nev = strcmp(k->model->name, "ID.4 X") == 0;
	uint64_t p = perm((uint64_t)i, 34ull * 34 * 34 * 34 * 34, 1000003, 99991);
	char ser[8];
	for (int n = 4; n >= 0; n--) {
		ser[n] = plate_chars[p % 34];
		p /= 34;
	}
	ser[5] = 0;
	const char *city = pct(r, 85) ? "A" : PICK(r, ((const char *const[]){ "B", "C", "D", "E", "F", "G", "H", "J", "K", "L" }));
	if (nev) /* small new-energy plate: D, a letter or digit, four digits */
		snprintf(k->plate, sizeof k->plate, "浙%sD%c%04llu", city, ser[0],
		         (unsigned long long)(perm((uint64_t)i, 10000, 7919, 17)));
	else
		snprintf(k->plate, sizeof k->plate, "浙%s%s", city, ser);
}

void gen_cust_mobile(const struct gen *g, long i, char out[12])
{
	struct cust_keys k;
	cust_keys(g, i, &k);
	memcpy(out, k.mobile, 12);
}

void gen_cust_vin(const struct gen *g, long i, char out[18])
{
	struct cust_keys k;
	cust_keys(g, i, &k);
	memcpy(out, k.vin, 18);
}

void gen_cust_plate(const struct gen *g, long i, char *out, size_t outsz)
{
	struct cust_keys k;
	cust_keys(g, i, &k);
	snprintf(out, outsz, "%s", k.plate);
}

void gen_cust_name(const struct gen *g, long i, char *out, size_t outsz)
{
	struct cust_keys k;
	cust_keys(g, i, &k);
	snprintf(out, outsz, "%s", k.name);
}

static const char *age_band(int age)
{
	return age <= 25 ? "25岁以下" : age <= 35 ? "26-35岁" : age <= 45 ? "36-45岁" : age <= 55 ? "46-55岁" : "56岁以上";
}

void gen_customer(const struct gen *g, long i, struct rec *r, int *incomplete)
{
	struct cust_keys k;
	cust_keys(g, i, &k);
	struct rng *rg = &k.r;
	const struct gen_core *c = &k.c;
	rec_clear(r);
	*incomplete = c->legacy;

	/* where they live: mostly Hangzhou, some elsewhere in Zhejiang, a few anywhere */
	int w = (int)below(rg, 100);
	struct triple t = w < 72 ? hz_triples[below(rg, (long)n_hz)]
	                : w < 88 ? zj_triples[below(rg, (long)n_zj)] : all_triples[below(rg, (long)n_all)];

	S(r, "nature", "%s", c->company ? "单位" : "个人");
	S(r, "name", "%s", k.name);
	if (c->company) {
		S(r, "category", "%s", PICK(rg, ((const char *const[]){ "招标单位", "公务车", "维修协议大客户", "销售大客户" })));
		S(r, "org_nature", "%s", PICK(rg, ((const char *const[]){ "国有企业", "民营/私营", "外资/合资", "事业单位" })));
		char cc[19];
		uscc_build(counties[below(rg, (long)n_counties)], (uint64_t)i * 7919 + 13, cc);
		S(r, "credit_code", "%s", cc);
		S(r, "biz_contact", "%s", PICK(rg, consultants));
	} else {
		/* a delivered new-car sale is 整车销售, as the rules set it */
		S(r, "category", "%s", pct(rg, 3) ? "员工" : c->archive ? "整车销售" : "个人");
	}
	if (!c->legacy)
		S(r, "source", "%s", PICK(rg, ((const char *const[]){ "自来", "自来", "老客户介绍", "电销", "店外营销", "网点", "协议单位" })));
	S(r, "mobile", "%s", k.mobile);

	int birth = 0;
	if (!c->company) {
		/* ID number: a real county, a real birth date between 1950 and 2004,
		 * and (birth date, sequence) a bijection of i, so no two collide */
		int b0 = gen_days(1950, 1, 1), span = gen_days(2004, 12, 31) - b0 + 1;
		uint64_t u = perm((uint64_t)i, (uint64_t)span * 500, 2654435761ull, 12345);
		birth = b0 + (int)(u % (uint64_t)span);
		int seq = (int)(u / (uint64_t)span) * 2 + (k.male ? 1 : 0);
		int county = t.dist && pct(rg, 55) ? t.dist : counties[below(rg, (long)n_counties)];
		char id[19];
		idno_build(county, birth, seq, id);
		int by, bm, bd;
		civil(birth, &by, &bm, &bd);
		int has_id = !c->legacy || pct(rg, 50);
		if (has_id) {
			S(r, "id_no", "%s", id);
			S(r, "birth_date", "%04d-%02d-%02d", by, bm, bd);
		}
		/* the rules derive the sex from an ID number, so a stored record
		 * with one has it */
		if (!c->legacy || has_id)
			S(r, "sex", "%s", k.male ? "男" : "女");
		if (pct(rg, 70))
			S(r, "occupation", "%s", PICK(rg, occupations));
		if (pct(rg, 60))
			S(r, "hobby", "%s", PICK(rg, hobbies));
		if (pct(rg, 50))
			S(r, "education", "%s", PICK(rg, ((const char *const[]){ "高中/中专", "大专", "本科", "本科", "硕士及以上" })));
		if (pct(rg, 50))
			S(r, "marital", "%s", pct(rg, 75) ? "已婚" : "未婚");
		if (pct(rg, 30))
			S(r, "income", "%s", PICK(rg, ((const char *const[]){ "10万以下", "10-30万", "30万以上" })));
		if (c->archive) {
			int age = 2026 - by;
			S(r, "purpose", "%s", PICK(rg, ((const char *const[]){ "家用", "家用", "家商兼用", "商用" })));
			S(r, "industry", "%s", PICK(rg, industries));
			S(r, "position", "%s", PICK(rg, positions));
			S(r, "family_income", "%s", PICK(rg, ((const char *const[]){ "10万以下", "10-20万", "20-50万", "50万以上" })));
			S(r, "age_band", "%s", age_band(age));
			S(r, "family_members", "%d", 1 + (int)below(rg, 5));
			S(r, "driving_years", "%d", (int)below(rg, age - 18 > 1 ? age - 18 : 1));
			S(r, "buy_history", "%s", PICK(rg, ((const char *const[]){ "第一次购车", "增购", "替换" })));
		}
	} else if (c->archive) {
		S(r, "org_contact", "%s", PICK(rg, consultants));
		S(r, "staff_count", "%d", 10 + (int)below(rg, 2000));
		S(r, "org_purpose", "%s", PICK(rg, ((const char *const[]){ "业务用车", "接待用车", "领导配车", "其他" })));
		S(r, "cost_limit", "%s", "无");
		S(r, "fixed_model", "%s", pct(rg, 50) ? "是" : "否");
		S(r, "service_place", "%s", "本店");
	}
	if (pct(rg, 40))
		S(r, "qq", "%llu", 10000ull + (unsigned long long)below(rg, 3000000000l));
	if (pct(rg, 25))
		S(r, "email", "u%ld@example.com", i);
	if (pct(rg, 15))
		S(r, "phone1", "0571-%d%07d", 8, (int)below(rg, 10000000));
	S(r, "app_installed", "%s", pct(rg, 45) ? "是" : "否");
	S(r, "marketing_ok", "%s", pct(rg, 55) ? "是" : "否");
	if (pct(rg, 20))
		S(r, "contact_time", "%s", PICK(rg, ((const char *const[]){ "工作日晚上", "周末", "上午", "随时" })));

	if (!c->legacy) {
		S(r, "province", "%d", t.prov);
		S(r, "city", "%d", t.city);
		if (t.dist)
			S(r, "district", "%d", t.dist);
		S(r, "address", "%s%ld号%ld幢%ld单元%ld室", PICK(rg, streets), 1 + below(rg, 800), 1 + below(rg, 30),
		  1 + below(rg, 4), 101 + below(rg, 30) * 100 + below(rg, 4));
		if (t.city == 330100)
			S(r, "postcode", "3100%02ld", 10 + below(rg, 60));
	}

	char d[11];
	gen_date(c->since_day, d);
	S(r, "first_deal_date", "%s", d);
	S(r, "vin", "%s", k.vin);
	S(r, "plate", "%s", k.plate);
	S(r, "model", "%s", k.model->name);
	S(r, "archive", "%s", c->archive ? "是" : "否");
	if (c->archive) {
		int del = c->since_day;
		S(r, "engine_no", "DJ%c%07ld", 'A' + (int)below(rg, 20), below(rg, 10000000));
		S(r, "cert_no", "WAE%011ld", (long)i * 37 + 1000000000l);
		S(r, "color", "%s", PICK(rg, colors));
		S(r, "config", "%s", k.model->configs[k.config]);
		gen_date(del - 20 - (int)below(rg, 70), d);
		S(r, "prod_date", "%s", d);
		gen_date(del - 2 - (int)below(rg, 10), d);
		S(r, "out_date", "%s", d);
		S(r, "price", "%ld", k.model->price + below(rg, 40) * 1000 - 20000);
		S(r, "pay_method", "%s", pct(rg, 35) ? "分期付款" : "一次付清");
		S(r, "consultant", "%s", PICK(rg, consultants));
		gen_date(del, d);
		S(r, "delivery_date", "%s", d);
		S(r, "invoice_date", "%s", d);
		S(r, "invoice_no", "%08ld", below(rg, 100000000));
		gen_date(del + (int)below(rg, 5) > g->ref_day ? g->ref_day : del + (int)below(rg, 5), d);
		S(r, "plate_date", "%s", d);
	}
	/* insurance renewed yearly on the delivery anniversary (a fifth have
	 * lapsed); inspection every two years from the sixth */
	int dy, dm, dd;
	civil(c->since_day, &dy, &dm, &dd);
	if (dm == 2 && dd == 29)
		dd = 28;
	int ry, rm, rd;
	civil(g->ref_day, &ry, &rm, &rd);
	int iy = ry;
	while (gen_days(iy, dm, dd) < g->ref_day - 20)
		iy++;
	if (pct(rg, 20))
		iy -= 1 + (int)below(rg, 3);
	if (iy > dy) {
		S(r, "insurance_due", "%04d-%02d-%02d", iy, dm, dd);
		int sy = dy + 6;
		while (gen_days(sy, dm, dd) < g->ref_day - 20)
			sy += 2;
		S(r, "inspection_due", "%04d-%02d-%02d", sy, dm, dd);
	}
	(void)birth;
}

/* ---- repair orders ----------------------------------------------------- */

static int day_of(long j, long n, int first, int last)
{
	return first + (int)((long long)j * (last - first + 1) / (n > 0 ? n : 1));
}

void gen_wo_core(const struct gen *g, long j, struct gen_wo *w)
{
	struct rng r = stream(g, K_WOCORE, j);
	w->day = day_of(j, g->nwo, g->wo_first_day, g->ref_day);
	/* a car already registered that day: customers before this one */
	long span = g->ref_day - 2 - g->cust_first_day;
	long eligible = (long)((long long)(w->day - g->cust_first_day) * g->ncust / (span > 0 ? span : 1));
	if (eligible > g->ncust)
		eligible = g->ncust;
	if (eligible < 1)
		eligible = 1;
	w->cust = below(&r, eligible);
	int recent = w->day >= g->ref_day - 1;
	if (pct(&r, 1) && !pct(&r, 50))
		w->completed_day = -1;                  /* cancelled */
	else if (recent && pct(&r, 60))
		w->completed_day = -1;                  /* still in the shop */
	else
		w->completed_day = w->day + (pct(&r, 70) ? 0 : 1);
	if (w->completed_day > g->ref_day)
		w->completed_day = -1;
}

static const char *wo_status(const struct gen *g, const struct gen_wo *w, struct rng *r)
{
	(void)g;
	if (w->completed_day >= 0)
		return "已完工";
	return w->day >= g->ref_day - 1 && !pct(r, 5) ? "在修" : "已取消";
}

void gen_workorder(const struct gen *g, long j, struct rec *r)
{
	struct gen_wo w;
	gen_wo_core(g, j, &w);
	struct rng rg = stream(g, K_WO, j);
	struct cust_keys k;
	cust_keys(g, w.cust, &k);
	rec_clear(r);
	/* numbered by day as wo_open numbers them */
	long first = (long)(((long long)(w.day - g->wo_first_day) * g->nwo + (g->ref_day - g->wo_first_day)) /
	                    (g->ref_day - g->wo_first_day + 1));
	while (first > 0 && day_of(first - 1, g->nwo, g->wo_first_day, g->ref_day) == w.day)
		first--;
	while (day_of(first, g->nwo, g->wo_first_day, g->ref_day) < w.day)
		first++;
	char d[11];
	gen_date(w.day, d);
	S(r, "wo_no", "WO%.4s%.2s%.2s-%04ld", d, d + 5, d + 8, j - first + 1);
	int open_min = 8 * 60 + (int)below(&rg, 9 * 60);
	char dt[20];
	datetime(w.day, open_min, dt);
	S(r, "opened_at", "%s", dt);
	S(r, "advisor", "%s", PICK(&rg, advisors));
	S(r, "plate", "%s", k.plate);
	S(r, "vin", "%s", k.vin);
	int age = w.day - k.c.since_day;
	S(r, "mileage", "%ld", (long)(age > 0 ? age : 0) * k.c.km_per_day + 8);
	S(r, "fuel", "%s", PICK(&rg, ((const char *const[]){ "空", "1/4", "1/2", "3/4", "满" })));
	int wt = (int)below(&rg, 100);
	S(r, "work_type", "%s", wt < 55 ? "保养" : wt < 75 ? "一般维修" : wt < 85 ? "钣喷" : wt < 93 ? "保险事故" : wt < 98 ? "索赔" : "首保");
	S(r, "complaint", "%s", PICK(&rg, complaints_text));
	S(r, "items", "%s", PICK(&rg, items_text));
	datetime(w.day, open_min + 120 + (int)below(&rg, 30) * 60, dt);
	S(r, "promised_at", "%s", dt);
	const char *st = wo_status(g, &w, &rg);
	S(r, "status", "%s", st);
	if (w.completed_day >= 0) {
		int m = w.completed_day == w.day ? open_min + 60 + (int)below(&rg, 1439 - open_min - 60 > 1 ? 1439 - open_min - 60 : 1)
		                                  : 1440 + 8 * 60 + (int)below(&rg, 600);
		datetime(w.day, m, dt);
		S(r, "completed_at", "%s", dt);
	} else if (strcmp(st, "已取消") == 0) {
		S(r, "cancel_reason", "%s", PICK(&rg, ((const char *const[]){ "客户改期", "配件缺货，客户不再等待", "误开工单" })));
	}
	if (pct(&rg, 10))
		S(r, "note", "%s", "客户要求洗车");
}

/* ---- visits and A-cards ------------------------------------------------ */

int gen_visit_has_card(const struct gen *g, long j)
{
	return g->visit_per_card > 0 && j % g->visit_per_card == 0 && j / g->visit_per_card < g->nacard;
}

static int visit_day(const struct gen *g, long j)
{
	return day_of(j, g->nvisit, g->visit_first_day, g->ref_day);
}

void gen_card_no(const struct gen *g, long k, char out[24])
{
	long j = k * g->visit_per_card;
	int day = visit_day(g, j);
	/* the day's first card: the first visit of the day with a card */
	long lo = 0, hi = k; /* smallest card index on the same day */
	while (lo < hi) {
		long mid = (lo + hi) / 2;
		if (visit_day(g, mid * g->visit_per_card) < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	char d[11];
	gen_date(day, d);
	snprintf(out, 24, "A%.4s%.2s%.2s-%04u", d, d + 5, d + 8, (unsigned)((k - lo + 1) % 100000));
}

/* The visitor of visit j (also the card holder when it opened one). */
struct visitor { int male; char name[64]; char mobile[12]; long cust; };

static void visitor(const struct gen *g, long j, struct rng *r, struct visitor *v)
{
	v->cust = -1;
	v->male = pct(r, 60);
	if (g->ncust > 0 && pct(r, 15)) {
		/* a customer of the shop comes again: their mobile links the entry */
		v->cust = below(r, g->ncust);
		gen_cust_mobile(g, v->cust, v->mobile);
		gen_cust_name(g, v->cust, v->name, sizeof v->name);
		return;
	}
	person_name(r, v->male, v->name, sizeof v->name);
	snprintf(v->mobile, sizeof v->mobile, "%s%08llu", PICK(r, mobile_prefix),
	         (unsigned long long)perm((uint64_t)j, 100000000ull, 69069, 1234567));
}

void gen_visit(const struct gen *g, long j, struct rec *r, long *linked_cust)
{
	struct rng rg = stream(g, K_VISIT, j);
	struct visitor v;
	visitor(g, j, &rg, &v);
	int card = gen_visit_has_card(g, j);
	rec_clear(r);
	int day = visit_day(g, j);
	int call = !card && pct(&rg, 30);
	S(r, "visit_kind", "%s", call ? "来电" : "到店");
	int m = 9 * 60 + (int)below(&rg, 9 * 60);
	char dt[20];
	datetime(day, m, dt);
	S(r, "arrive_at", "%s", dt);
	if (!call && (day < g->ref_day || pct(&rg, 50))) {
		datetime(day, m + 15 + (int)below(&rg, 120), dt);
		S(r, "leave_at", "%s", dt);
	}
	int named = card || pct(&rg, 65);
	if (named)
		S(r, "cust_name", "%s", v.name);
	if (card || pct(&rg, 70)) {
		S(r, "mobile", "%s", v.mobile);
		*linked_cust = v.cust;
	} else {
		*linked_cust = -1;
	}
	if (pct(&rg, 25))
		S(r, "companions", "%s", PICK(&rg, ((const char *const[]){ "配偶", "家人2人", "朋友", "同事" })));
	if (pct(&rg, 85))
		S(r, "intent_model", "%s", sold[below(&rg, (long)(sizeof sold / sizeof sold[0]))].name);
	S(r, "info_source", "%s", PICK(&rg, ((const char *const[]){ "网络", "网络", "亲友介绍", "老客户介绍", "路过", "车展", "电视", "户外广告", "其他" })));
	S(r, "consultant", "%s", consultants[j % (long)(sizeof consultants / sizeof consultants[0])]);
	if (!call)
		S(r, "test_drive", "%s", pct(&rg, 35) ? "是" : "否");
	if (pct(&rg, 80))
		S(r, "summary", "%s", PICK(&rg, visit_summary));
	if (card) {
		char no[24];
		gen_card_no(g, j / g->visit_per_card, no);
		S(r, "acard_no", "%s", no);
	}
}

/* A card's fate follows from its age: old cards are closed, recent ones
 * still followed. */
struct card_core { int day; int active; int won; int level; int next_day; };

static void card_core(const struct gen *g, long k, struct rng *r, struct card_core *c)
{
	c->day = visit_day(g, k * g->visit_per_card);
	int age = g->ref_day - c->day;
	c->level = (int)below(r, 5);
	c->active = age < 60 ? pct(r, 80) : age < 120 ? pct(r, 10) : 0;
	c->won = !c->active && pct(r, 35);
	int interval[] = { 2, 2, 3, 7, 14 };
	c->next_day = c->day + interval[c->level] + (int)below(r, 10);
	if (c->next_day > g->ref_day + 10)
		c->next_day = g->ref_day + (int)below(r, 10);
}

void gen_acard(const struct gen *g, long k, struct rec *r, char closed_at[20])
{
	long j = k * g->visit_per_card;
	struct rng vr = stream(g, K_VISIT, j);
	struct visitor v;
	visitor(g, j, &vr, &v);
	struct rng rg = stream(g, K_CARD, k);
	struct card_core c;
	card_core(g, k, &rg, &c);
	rec_clear(r);
	char no[24], d[11];
	gen_card_no(g, k, no);
	S(r, "card_no", "%s", no);
	gen_date(c.day, d);
	S(r, "created_date", "%s", d);
	S(r, "first_date", "%s", d);
	S(r, "consultant", "%s", consultants[j % (long)(sizeof consultants / sizeof consultants[0])]);
	S(r, "name", "%s", v.name);
	S(r, "sex", "%s", v.male ? "男" : "女");
	if (pct(&rg, 60))
		S(r, "age", "%d", 22 + (int)below(&rg, 45));
	if (pct(&rg, 40))
		S(r, "industry", "%s", PICK(&rg, industries));
	S(r, "mobile", "%s", v.mobile);
	if (pct(&rg, 60))
		S(r, "current_car", "%s", pct(&rg, 50) ? "无车" : "现有车辆使用5年以上");
	S(r, "want_model", "%s", sold[below(&rg, (long)(sizeof sold / sizeof sold[0]))].name);
	if (pct(&rg, 60))
		S(r, "color", "%s", PICK(&rg, colors));
	if (pct(&rg, 60))
		S(r, "budget", "%ld", 100000 + below(&rg, 30) * 10000);
	if (pct(&rg, 60))
		S(r, "buy_method", "%s", PICK(&rg, ((const char *const[]){ "一次付清", "分期付款", "置换" })));
	S(r, "info_source", "%s", PICK(&rg, ((const char *const[]){ "网络", "亲友介绍", "老客户介绍", "路过", "车展" })));
	S(r, "first_summary", "%s", PICK(&rg, visit_summary));
	S(r, "level", "%s", (const char *[]){ "O", "H", "A", "B", "C" }[c.level]);
	closed_at[0] = 0;
	if (c.active) {
		S(r, "status", "%s", c.level == 0 ? "已订车" : "跟进中");
		gen_date(c.next_day, d);
		S(r, "next_date", "%s", d);
	} else {
		int close = c.day + 3 + (int)below(&rg, 60);
		if (close >= g->ref_day)
			close = g->ref_day - 1;
		datetime(close, 10 * 60 + (int)below(&rg, 480), closed_at);
		S(r, "status", "%s", c.won ? "成交" : "战败");
		if (!c.won)
			S(r, "lost_reason", "%s", PICK(&rg, lost_reasons));
		gen_date(c.next_day < close ? c.next_day : close, d);
		S(r, "next_date", "%s", d);
	}
	if (!c.active || pct(&rg, 50)) {
		S(r, "review_by", "%s", "周经理");
		char rv[20];
		datetime(c.day + 1 > g->ref_day ? g->ref_day : c.day + 1, 17 * 60 + (int)below(&rg, 60), rv);
		S(r, "review_at", "%s", rv);
		S(r, "review_comment", "%s", "已审核，按计划跟进");
	}
}

int gen_followups(const struct gen *g, long k)
{
	struct rng rg = stream(g, K_CARD, k);
	struct card_core c;
	card_core(g, k, &rg, &c);
	int n = 1 + (int)(k % 3);
	if (c.day + n > g->ref_day)
		n = g->ref_day - c.day;
	return n > 0 ? n : 0;
}

void gen_followup(const struct gen *g, long k, int m, struct rec *r)
{
	struct rng rg = stream(g, K_FU, k * 8 + m);
	struct rng cr = stream(g, K_CARD, k);
	struct card_core c;
	card_core(g, k, &cr, &c);
	rec_clear(r);
	char no[24], d[11];
	gen_card_no(g, k, no);
	S(r, "card_no", "%s", no);
	int day = c.day + 1 + m * 3;
	if (day > g->ref_day)
		day = g->ref_day;
	gen_date(day, d);
	S(r, "fu_date", "%s", d);
	S(r, "method", "%s", PICK(&rg, ((const char *const[]){ "电话", "电话", "微信", "到店", "短信" })));
	S(r, "content", "%s", PICK(&rg, fu_content));
	if (pct(&rg, 30))
		S(r, "objection", "%s", PICK(&rg, ((const char *const[]){ "价格偏高", "提车周期长", "置换补贴少" })));
	S(r, "level_after", "%s", (const char *[]){ "O", "H", "A", "B", "C" }[c.level]);
	gen_date(day + 3, d);
	S(r, "next_date", "%s", d);
	S(r, "staff", "%s", consultants[(k * g->visit_per_card) % (long)(sizeof consultants / sizeof consultants[0])]);
}

/* ---- self-check ------------------------------------------------------- */

int gen_check(struct rec *r, int allowed_required, char *msg, size_t msgsz)
{
	/* the data must be what the program stores: a value the rules would
	 * rewrite (a landline without its dash) makes a round trip differ */
	int n = r->form->nfields;
	char **before = calloc((size_t)n, sizeof *before);
	for (int i = 0; before && i < n; i++)
		before[i] = strdup(r->val[i]);
	struct rule_list l = { 0 };
	rules_check(r, RP_SAVE, &l);
	int bad = 0;
	msg[0] = 0;
	for (int i = 0; before && i < n; i++) {
		if (!bad && before[i] && strcmp(before[i], r->val[i]) != 0) {
			snprintf(msg, msgsz, "%s：生成的“%s”经规则改为“%s”", r->form->fields[i].key, before[i], r->val[i]);
			bad = 1;
		}
		free(before[i]);
	}
	free(before);
	for (size_t i = 0; i < l.n; i++) {
		const struct rule_problem *p = &l.v[i];
		if (p->kind == RK_IMPORTANT || (p->kind == RK_REQUIRED && allowed_required))
			continue;
		if (!bad)
			snprintf(msg, msgsz, "%s（%s）", p->msg, p->code);
		bad = 1;
	}
	rules_list_free(&l);
	return bad;
}
