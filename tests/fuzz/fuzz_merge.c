/* fuzz_merge — the --update path of every kind: rows matched to stored
 * records (a customer and its cars, an order, a complaint, a card, a
 * follow-up record, a visit), folded and written, as a dry run (rolled
 * back) on a shop seeded once in /dev/shm.  The input's first byte picks
 * the kind; the rest is the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "desk4s/acard.h"
#include "desk4s/import.h"
#include "desk4s/store.h"
#include "fuzz.h"

static struct st_db *db;
static char csv[64];

/* Every kind once, so that each kind's rows have records to merge into. */
static const struct {
	const char *kind, *text;
} SHOP[] = {
	{ "customers", "客户编号,姓名,性别,手机号,身份证号码,车辆底盘号(VIN),车牌号,详细地址,固定电话1\n"
	               "C00000001,张三,女,13800138000,11010519491231002X,LSVAB2BM1HN123456,浙A12345,文三路1号,0571-88886666转12\n"
	               "C00000002,李四,女,13900139000,,LFV2A21K7G3000001,浙A88888,,0571-88886666\n" },
	{ "vehicles", "客户编号,车辆底盘号(VIN),车牌号,车辆型号,保险到期\n"
	              "C00000002,LVSHCFDB8HE000001,浙B11111,瑞虎8,2027-05-01\n" },
	{ "workorders", "工单号,开单时间,服务顾问,VIN,行驶里程(km),作业类型,客户描述,状态,完工时间\n"
	                "W1,2026-11-10 09:00,小王,LSVAB2BM1HN123456,12000,保养,保养,在修,\n"
	                "W2,2026-11-11 09:00,小王,LFV2A21K7G3000001,500,维修,异响,已完工,2026-11-11 16:00\n" },
	{ "complaints", "客户编号,受理时间,受理人,投诉内容,处理人,处理时间,处理结果\n"
	                "C00000001,2026-11-01 10:00,前台,等待太久,,,\n" },
	{ "acards", "A卡编号,建卡日期,首次接待日期,销售顾问,姓名,联系电话,欲购车型,信息来源,首次接待概况,意向级别,状态,战败原因\n"
	            "A20261101-0001,2026-11-01,2026-11-01,小王,王五,13700137000,秦,网络,看车,H,,\n"
	            "A20261101-0002,2026-11-01,2026-11-01,小王,赵六,13600136000,汉,路过,价格,C,战败,买了别家\n" },
	{ "followups", "A卡编号,回访日期,回访方式,访问记录,主要异议诉求,意向级别,下次回访,回访人\n"
	               "A20261101-0001,2026-11-03,电话,约了试驾,,H,2026-11-05,小王\n" },
	{ "visits", "来电或到店,到店时间,离店时间,客户名称,手机号,信息来源,销售顾问,沟通概况\n"
	            "到店,2026-11-01 10:00,,王五,13700137000,网络,小王,\n" },
};
enum { NKINDS = sizeof SHOP / sizeof SHOP[0] };

static struct fdef_form *forms[NKINDS];

static int run(int k, const uint8_t *data, size_t size, int dry_run)
{
	FILE *f = fopen(csv, "wb");
	if (!f)
		return -1;
	fwrite(data, 1, size, f);
	fclose(f);
	struct imp_opts o = { .path = csv, .dry_run = dry_run, .update = dry_run, .staff = "fuzz", .report = "/dev/null" };
	struct imp_stats st;
	char err[1024];
	return imp_run(db, SHOP[k].kind, forms[k], &o, &st, err, sizeof err);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	setenv("DESK4S_NOW", "2026-11-23 09:30:00", 1);
	char path[64], err[512];
	snprintf(path, sizeof path, "/dev/shm/desk4s-fuzz-merge-%d.db", (int)getpid());
	snprintf(csv, sizeof csv, "/dev/shm/desk4s-fuzz-merge-%d.csv", (int)getpid());
	unlink(path);
	if (st_open(path, &db, err, sizeof err) != ST_OK) {
		fprintf(stderr, "fuzz_merge: %s\n", err);
		abort();
	}
	for (int k = 0; k < NKINDS; k++) {
		forms[k] = fdef_load(imp_form_of(SHOP[k].kind), NULL, err, sizeof err);
		if (!forms[k] || acard_levels_apply(db, forms[k], err, sizeof err) != ST_OK) {
			fprintf(stderr, "fuzz_merge: %s\n", err);
			abort();
		}
		if (run(k, (const uint8_t *)SHOP[k].text, strlen(SHOP[k].text), 0) != 0) {
			fprintf(stderr, "fuzz_merge: the shop's %s did not go in whole\n", SHOP[k].kind);
			abort();
		}
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	run(data[0] % NKINDS, data + 1, size - 1, 1);
	return 0;
}
