/* Unit tests for the validators: one table row per way a value can be
 * valid, normalised or invalid.  DESK4S_TODAY pins "today" so the future
 * and age rules give the same answer every day. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/validate.h"
#include "testutil.h"

#define TODAY "2024-06-15"

struct vrow {
	val_fn fn;
	const char *in;
	enum val_severity sev;
	const char *code; /* "" when ok */
	const char *out;  /* expected normalised value, NULL = not checked */
	const char *msg;  /* a substring the message must hold, NULL = none */
};

#define OK VAL_OK
#define WARN VAL_WARNING
#define ERR VAL_ERROR

static const struct vrow rows[] = {
	/* ---- mobile ---- */
	/* a landline where a mobile belongs is said as one */
	{ val_mobile, "0571-88886666", ERR, "mobile.landline", NULL, "“0571-88886666”是固定电话号码" },
	{ val_mobile, "(0571)88886666", ERR, "mobile.landline", NULL, NULL },
	{ val_mobile, "88886666", ERR, "mobile.length", NULL, NULL },
	{ val_mobile, "13800138000", OK, "", "13800138000", NULL },
	{ val_mobile, "１３８００１３８０００", OK, "", "13800138000", NULL },
	{ val_mobile, "+86 138-0013-8000", OK, "", "13800138000", NULL },
	{ val_mobile, "008613800138000", OK, "", "13800138000", NULL },
	{ val_mobile, "8613800138000", OK, "", "13800138000", NULL },
	{ val_mobile, "  138 0013 8000　", OK, "", "13800138000", NULL },
	{ val_mobile, "＋８６ １３８００１３８０００", OK, "", "13800138000", NULL },
	{ val_mobile, "19912345678", OK, "", "19912345678", NULL },
	{ val_mobile, "17400012345", OK, "", "17400012345", NULL },
	{ val_mobile, "1380013800", ERR, "mobile.length", "1380013800", "现为10位" },
	{ val_mobile, "138001380001", ERR, "mobile.length", NULL, "现为12位" },
	{ val_mobile, "12800138000", ERR, "mobile.format", NULL, "第二位3–9" },
	{ val_mobile, "23800138000", ERR, "mobile.format", NULL, NULL },
	{ val_mobile, "138a0138000", ERR, "mobile.chars", NULL, "“a”" },
	{ val_mobile, "138００１3800０", OK, "", "13800138000", NULL },
	{ val_mobile, "14212345678", WARN, "mobile.prefix", "14212345678", "142" },
	{ val_mobile, "15412345678", WARN, "mobile.prefix", "15412345678", NULL },
	{ val_mobile, "19412345678", WARN, "mobile.prefix", NULL, NULL },
	{ val_mobile, "17412345678", WARN, "mobile.prefix", NULL, NULL },

	/* ---- resident ID ---- */
	{ val_idno, "11010519491231002X", OK, "", "11010519491231002X", NULL },
	{ val_idno, "11010519491231002x", OK, "", "11010519491231002X", NULL },
	{ val_idno, "１１０１０５１９４９１２３１００２ｘ", OK, "", "11010519491231002X", NULL },
	{ val_idno, "110105 19491231 002X", OK, "", "11010519491231002X", NULL },
	{ val_idno, "360426199101010071", OK, "", NULL, NULL },
	{ val_idno, "330106198503151182", OK, "", NULL, NULL },   /* check 2 (r = 10) */
	{ val_idno, "330106198503151000", OK, "", NULL, NULL },   /* check 0 (r = 1) */
	{ val_idno, "330106198503151181", ERR, "idno.checksum", NULL, "请对照证件逐位核对" },
	{ val_idno, "34052419800101001X", OK, "", NULL, NULL },
	{ val_idno, "3701011901020399733", ERR, "idno.length", NULL, "现为19位" },
	{ val_idno, "370101190102039973", WARN, "idno.age", NULL, "1901-02-03" },
	{ val_idno, "810000199001011230", OK, "", NULL, NULL },   /* 港澳台居住证 */
	/* 外国人永久居留身份证 (2023): 9, issuing province, nationality, birth
	 * date, sequence, check; 932682198501010017 is the NIA's example as
	 * public implementations quote it (check 7 computed, so it agrees) */
	{ val_idno, "932682198501010017", OK, "", "932682198501010017", NULL },
	{ val_idno, "９３２６８２１９８５０１０１００２５", OK, "", "932682198501010025", NULL },
	{ val_idno, "932682198501010010", ERR, "idno.checksum", NULL, "请对照证件逐位核对" },
	/* the tester's number: province 99 does not exist */
	{ val_idno, "999999198001010011", ERR, "idno.region", NULL, "第2–3位99" },
	{ val_idno, "910000199001011234", ERR, "idno.region", NULL, "第2–3位10" },
	/* Taiwan, Hong Kong: no NIA office issues the card there */
	{ val_idno, "971682198501010013", ERR, "idno.region", NULL, "71" },
	{ val_idno, "981682198501010015", ERR, "idno.region", NULL, "81" },
	{ val_idno, "932682198502300016", ERR, "idno.date", NULL, "19850230" },
	{ val_idno, "932682179901010012", ERR, "idno.date", NULL, "1800" },
	{ val_idno, "932682202406160016", ERR, "idno.future", NULL, "晚于今天" },
	{ val_idno, "911840188001010014", WARN, "idno.age", "911840188001010014", "120" },
	{ val_idno, "440524188001010014", WARN, "idno.age", "440524188001010014", "120" },
	{ val_idno, "110105194912310021", ERR, "idno.checksum", NULL,
	  "校验位不符：号码中有输错的数字（不一定是末位），请对照证件逐位核对" },
	{ val_idno, "340524198001010013", ERR, "idno.checksum", NULL, "逐位核对" },
	{ val_idno, "110105491231002", WARN, "idno.legacy15", "11010519491231002X",
	  "旧15位号码已按GB 11643换算为18位 11010519491231002X" },
	{ val_idno, "710105491231002", ERR, "idno.region", NULL, "71" }, /* checked as 18 digits */
	/* 15-digit numbers are residents' only: neither a permit (2018) nor
	 * the foreigner's card (2023) ever had 15 digits */
	{ val_idno, "910105491231002", ERR, "idno.region", NULL, "91" },
	{ val_idno, "810105491231002", ERR, "idno.region", NULL, "81" },
	{ val_idno, "110105491331002", ERR, "idno.legacy15", NULL, "无效" },
	{ val_idno, "1101051949123100", ERR, "idno.length", NULL, "现为16位" },
	{ val_idno, "11010519491231002", ERR, "idno.length", NULL, "现为17位" },
	{ val_idno, "1101051949123100X2", ERR, "idno.chars", NULL, "第17位" },
	{ val_idno, "11010519491231002Y", ERR, "idno.chars", NULL, "第18位" },
	{ val_idno, "710105194912310021", ERR, "idno.region", NULL, "71" },
	{ val_idno, "160105194912310021", ERR, "idno.region", NULL, NULL },
	{ val_idno, "110105194902300021", ERR, "idno.date", NULL, "19490230" },
	{ val_idno, "110105194913010021", ERR, "idno.date", NULL, NULL },
	{ val_idno, "110105202302290021", ERR, "idno.date", NULL, NULL },
	{ val_idno, "110105179901010021", ERR, "idno.date", NULL, "1800" },
	{ val_idno, "110105202401010014", OK, "", NULL, NULL },     /* leap-ok, past */
	{ val_idno, "110105202406160015", ERR, "idno.future", NULL, "晚于今天" },

	/* ---- USCC ---- */
	{ val_uscc, "91110000600037341L", OK, "", "91110000600037341L", NULL },
	{ val_uscc, "91110000600037341l", OK, "", "91110000600037341L", NULL },
	{ val_uscc, "9111 0000 6000 3734 1L", OK, "", "91110000600037341L", NULL },
	{ val_uscc, "91230184MA1BUFLT44", OK, "", NULL, NULL },
	{ val_uscc, "92371000MA3MXH0E3W", OK, "", NULL, NULL },
	{ val_uscc, "91330106MA27XL0140", OK, "", NULL, NULL },   /* sum % 31 == 0 */
	{ val_uscc, "91330106MA27XL0141", WARN, "uscc.checksum", NULL, "应为0，实为1" },
	{ val_uscc, "９２３７１０００ＭＡ３ＭＸＨ０Ｅ３Ｗ", OK, "", "92371000MA3MXH0E3W", NULL },
	{ val_uscc, "91350100M0001TGQXM", WARN, "uscc.checksum", "91350100M0001TGQXM",
	  "应为1，实为M" },
	{ val_uscc, "91110000600037341", ERR, "uscc.length", NULL, "现为17位" },
	{ val_uscc, "91110000600037341LL", ERR, "uscc.length", NULL, NULL },
	{ val_uscc, "9111000060003734IL", ERR, "uscc.chars", NULL, "第17位“I”" },
	{ val_uscc, "91110000600037341Z", ERR, "uscc.chars", NULL, NULL },
	{ val_uscc, "911A0000600037341L", ERR, "uscc.region", NULL, "第3–8位" },
	{ val_uscc, "91110000600037341统", ERR, "uscc.chars", NULL, "第18位“统”" },

	/* ---- VIN ---- */
	{ val_vin, "1M8GDM9AXKP042788", OK, "", "1M8GDM9AXKP042788", NULL },
	{ val_vin, "1m8gdm9axkp042788", OK, "", "1M8GDM9AXKP042788", NULL },
	{ val_vin, "1M8 GDM9AX KP042788", OK, "", "1M8GDM9AXKP042788", NULL },
	{ val_vin, "LFV2A21K3R3000001", OK, "", NULL, NULL },
	{ val_vin, "LGBH52E06NY123456", OK, "", NULL, NULL },
	{ val_vin, "LSVAU218XN2183294", OK, "", NULL, NULL },
	{ val_vin, "ＬＳＶＡＵ２１８ＸＮ２１８３２９４", OK, "", "LSVAU218XN2183294", NULL },
	{ val_vin, "WBA3A5C50DF123456", OK, "", NULL, NULL },
	{ val_vin, "LFV2A21K0R3000001", ERR, "vin.checksum", NULL, "应为3，实为0" },
	{ val_vin, "LSVAU2180N2183294", ERR, "vin.checksum", NULL, "应为X" },
	{ val_vin, "WBA3A5C51DF123456", WARN, "vin.checksum", "WBA3A5C51DF123456", "应为0，实为1" },
	{ val_vin, "1M8GDM9A1KP042788", WARN, "vin.checksum", NULL, NULL },
	{ val_vin, "LFV2A21K2U3000001", WARN, "vin.year", NULL, "U" },
	{ val_vin, "LFV2A21K3Z3000001", WARN, "vin.year", NULL, NULL },
	{ val_vin, "LFV2A21K800000001", WARN, "vin.year", NULL, NULL },
	{ val_vin, "LFV2A21K3R300000", ERR, "vin.length", NULL, "现为16位" },
	{ val_vin, "LFV2A21K3R30000011", ERR, "vin.length", NULL, "现为18位" },
	{ val_vin, "LFV2A21K3R30000I1", ERR, "vin.chars", NULL, "第16位为字母I" },
	{ val_vin, "LFV2A21K3R3O00001", ERR, "vin.chars", NULL, "O" },
	{ val_vin, "QFV2A21K3R3000001", ERR, "vin.chars", NULL, NULL },
	{ val_vin, "LFV2A21K3R300000*", ERR, "vin.chars", NULL, "第17位" },
	{ val_vin, "LFV2A21K3R300000车", ERR, "vin.chars", NULL, "第17位“车”" },

	/* ---- plate ---- */
	{ val_plate, "浙A12345", OK, "", "浙A12345", NULL },
	{ val_plate, "浙a·12345", OK, "", "浙A12345", NULL },
	{ val_plate, "浙 A-123 45", OK, "", "浙A12345", NULL },
	{ val_plate, "京Ｂ１２３４５", OK, "", "京B12345", NULL },
	{ val_plate, "粤ZAB12港", OK, "", "粤ZAB12港", NULL },
	{ val_plate, "沪A1234学", OK, "", NULL, NULL },
	{ val_plate, "苏E1234挂", OK, "", NULL, NULL },
	{ val_plate, "沪AD12345", OK, "", "沪AD12345", NULL },    /* small NEV */
	{ val_plate, "沪AFA1234", OK, "", NULL, NULL },
	{ val_plate, "沪A12345D", OK, "", NULL, NULL },           /* large NEV */
	{ val_plate, "沪AK12345", OK, "", NULL, NULL },           /* widened set */
	{ val_plate, "浙A1234", ERR, "plate.length", NULL, "现为6位" },
	{ val_plate, "浙A1234567", ERR, "plate.length", NULL, "现为9位" },
	{ val_plate, "浙112345", ERR, "plate.letter", NULL, "第2位" },
	{ val_plate, "浙A1234I", ERR, "plate.serial", NULL, "第7位为字母I" },
	{ val_plate, "浙AO2345", ERR, "plate.serial", NULL, NULL },
	{ val_plate, "浙A1234车", ERR, "plate.serial", NULL, NULL },
	{ val_plate, "沪AL12345", ERR, "plate.nev", NULL, NULL },
	{ val_plate, "沪AD1234A", ERR, "plate.nev", NULL, NULL },
	{ val_plate, "沪A1234AD", ERR, "plate.nev", NULL, NULL },
	{ val_plate, "A12345", ERR, "plate.province", NULL, "省份简称" },
	{ val_plate, "12345678", ERR, "plate.province", NULL, NULL },
	{ val_plate, "使014578", WARN, "plate.unusual", "使014578", NULL },
	{ val_plate, "WJ京12345", WARN, "plate.unusual", NULL, NULL },
	{ val_plate, "临A12345", WARN, "plate.unusual", NULL, NULL },
	{ val_plate, "浙I12345", WARN, "plate.letter_io", "浙I12345", NULL },
	{ val_plate, "浙O12345", WARN, "plate.letter_io", NULL, NULL },

	/* ---- serial codes (engine, certificate, invoice numbers) ---- */
	{ val_code, "DJA1234567", OK, "", "DJA1234567", NULL },
	{ val_code, "ｄｊａ １２３", OK, "", "DJA123", NULL },
	{ val_code, "SQRE4T15B*A1234567", OK, "", NULL, NULL },
	{ val_code, "04400123456789012345", OK, "", NULL, NULL },
	{ val_code, "E4T15B-12/3.4", OK, "", NULL, NULL },
	{ val_code, "发动机号12345", ERR, "code.chars", "发动机号12345", "第1个字符是“发”" },
	{ val_code, "AB_12", ERR, "code.chars", NULL, "第3个字符是“_”" },
	{ val_code, "123456789012345678901234567890123", ERR, "code.length", NULL, "33位" },

	/* ---- postcode ---- */
	{ val_postcode, "310000", OK, "", "310000", NULL },
	{ val_postcode, "３１００１２", OK, "", "310012", NULL },
	{ val_postcode, "100 080", OK, "", "100080", NULL },
	{ val_postcode, "999077", OK, "", NULL, NULL },
	{ val_postcode, "31000", ERR, "postcode.format", NULL, "6位数字" },
	{ val_postcode, "3100000", ERR, "postcode.format", NULL, NULL },
	{ val_postcode, "31000A", ERR, "postcode.format", NULL, NULL },
	{ val_postcode, "990000", WARN, "postcode.zone", "990000", "99" },
	{ val_postcode, "140000", WARN, "postcode.zone", NULL, NULL },
	{ val_postcode, "000100", WARN, "postcode.zone", NULL, NULL },

	/* ---- e-mail ---- */
	{ val_email, "Zhang.San@Example.COM", OK, "", "Zhang.San@example.com", NULL },
	{ val_email, "12345@qq。com", OK, "", "12345@qq.com", NULL },
	{ val_email, "ｗａｎｇ＠１６３．ｃｏｍ", OK, "", "wang@163.com", NULL },
	{ val_email, "a+b_c-d@mail.sub-domain.cn", OK, "", NULL, NULL },
	{ val_email, "wang163.com", ERR, "email.at", NULL, "@" },
	{ val_email, "a@b@c.com", ERR, "email.at", NULL, NULL },
	{ val_email, "@qq.com", ERR, "email.local", NULL, NULL },
	{ val_email, ".a@qq.com", ERR, "email.local", NULL, NULL },
	{ val_email, "a..b@qq.com", ERR, "email.local", NULL, NULL },
	{ val_email, "张三@qq.com", ERR, "email.local", NULL, NULL },
	{ val_email, "wang@qq", ERR, "email.domain", NULL, "带点" },
	{ val_email, "wang@qq..com", ERR, "email.domain", NULL, NULL },
	{ val_email, "wang@-qq.com", ERR, "email.domain", NULL, NULL },
	{ val_email, "wang@qq.c", ERR, "email.domain", NULL, NULL },
	{ val_email, "wang@qq.123", ERR, "email.domain", NULL, NULL },
	{ val_email, "wang@qq_x.com", ERR, "email.domain", NULL, NULL },
	{ val_email, "wang @qq.com", ERR, "email.space", NULL, NULL },

	/* ---- QQ ---- */
	{ val_qq, "10000", OK, "", "10000", NULL },
	{ val_qq, "１２３４５６７８９", OK, "", "123456789", NULL },
	{ val_qq, "12345678901", OK, "", NULL, NULL },
	{ val_qq, "1234", ERR, "qq.length", NULL, "现为4位" },
	{ val_qq, "123456789012", ERR, "qq.length", NULL, NULL },
	{ val_qq, "012345", ERR, "qq.lead", NULL, NULL },
	{ val_qq, "12345a", ERR, "qq.chars", NULL, NULL },

	/* ---- landline ---- */
	{ val_landline, "0571-88886666", OK, "", "0571-88886666", NULL },
	{ val_landline, "057188886666", OK, "", "0571-88886666", NULL },
	{ val_landline, "(0571) 8888 6666", OK, "", "0571-88886666", NULL },
	{ val_landline, "０５７１－８８８８６６６６", OK, "", "0571-88886666", NULL },
	{ val_landline, "010-62345678", OK, "", "010-62345678", NULL },
	{ val_landline, "010-6234-5678", OK, "", "010-62345678", NULL },
	{ val_landline, "0755-2345678", OK, "", "0755-2345678", NULL },
	{ val_landline, "0571-88886666-123", OK, "", "0571-88886666-123", NULL },
	{ val_landline, "0571-88886666转123", OK, "", "0571-88886666-123", NULL },
	{ val_landline, "010 62345678 转 8", OK, "", "010-62345678-8", NULL },
	{ val_landline, "+86 571 8888 6666", OK, "", "0571-88886666", NULL },
	{ val_landline, "+86-10-62345678", OK, "", "010-62345678", NULL },
	{ val_landline, "400-123-4567", OK, "", "400-123-4567", NULL },
	{ val_landline, "88886666", ERR, "landline.area", NULL, "区号" },
	{ val_landline, "026-88886666", ERR, "landline.area", NULL, "026" },
	{ val_landline, "011-88886666", ERR, "landline.area", NULL, NULL },
	{ val_landline, "0571-08886666", ERR, "landline.format", NULL, NULL },
	{ val_landline, "010-8888666", ERR, "landline.format", NULL, NULL },
	{ val_landline, "0571-888866", ERR, "landline.format", NULL, NULL },
	{ val_landline, "0571-88886666转12a", ERR, "landline.ext", NULL, NULL },
	{ val_landline, "0571-88886666转1234567", ERR, "landline.ext", NULL, NULL },
	{ val_landline, "0571-8888x6666", ERR, "landline.chars", NULL, "“x”" },
	{ val_landline, "13800138000", ERR, "landline.mobile", NULL, "手机" },

	/* ---- dates ---- */
	{ val_date, "2024-03-05", OK, "", "2024-03-05", NULL },
	{ val_date, "2024-3-5", OK, "", "2024-03-05", NULL },
	{ val_date, "20240305", OK, "", "2024-03-05", NULL },
	{ val_date, "2024/03/05", OK, "", "2024-03-05", NULL },
	{ val_date, "2024.3.05", OK, "", "2024-03-05", NULL },
	{ val_date, "2024年3月5日", OK, "", "2024-03-05", NULL },
	{ val_date, "2024年03月05号", OK, "", "2024-03-05", NULL },
	{ val_date, "2024年3月5", OK, "", "2024-03-05", NULL },
	{ val_date, "２０２４－０３－０５", OK, "", "2024-03-05", NULL },
	{ val_date, " 2024 - 03 - 05 ", OK, "", "2024-03-05", NULL },
	{ val_date, "2024-02-29", OK, "", "2024-02-29", NULL },
	{ val_date, "2000-02-29", OK, "", NULL, NULL },
	{ val_date, "2030-12-31", OK, "", "2030-12-31", NULL },   /* future ok */
	{ val_date, "2023-02-29", ERR, "date.invalid", NULL, "只有28天" },
	{ val_date, "1900-02-29", ERR, "date.invalid", NULL, NULL },
	{ val_date, "2024-02-30", ERR, "date.invalid", NULL, "没有30日" },
	{ val_date, "2024-04-31", ERR, "date.invalid", NULL, NULL },
	{ val_date, "2024-13-01", ERR, "date.invalid", NULL, "1–12" },
	{ val_date, "2024-00-10", ERR, "date.invalid", NULL, NULL },
	{ val_date, "2024-01-00", ERR, "date.invalid", NULL, NULL },
	{ val_date, "0224-01-05", ERR, "date.range", NULL, "224" },
	{ val_date, "2024-03/05", ERR, "date.format", NULL, NULL },
	{ val_date, "24-03-05", ERR, "date.format", NULL, NULL },
	{ val_date, "2024035", ERR, "date.format", NULL, NULL },
	{ val_date, "2024-003-05", ERR, "date.format", NULL, NULL },
	{ val_date, "2024-03-05x", ERR, "date.format", NULL, NULL },
	{ val_date, "明天", ERR, "date.format", NULL, NULL },
	/* a spreadsheet's date cell with its midnight, and only that */
	{ val_date, "2024/05/01 00:00:00", OK, "", "2024-05-01", NULL },
	{ val_date, "2024/5/1 0:00", OK, "", "2024-05-01", NULL },      /* as Chinese Excel writes it */
	{ val_date, "2024/5/1 0:00:00", OK, "", "2024-05-01", NULL },
	{ val_date, "2024/5/1 10:00", ERR, "date.format", NULL, NULL },
	{ val_date, "2024-05-01 00:00", OK, "", "2024-05-01", NULL },
	{ val_date, "2024-05-01T00:00:00", OK, "", "2024-05-01", NULL },
	{ val_date, "2024-05-01 10:30", ERR, "date.format", NULL, "只填日期，不带时间" },
	{ val_date, "2024-05-01 00:00:01", ERR, "date.format", NULL, NULL },
	{ val_past_date, "2024/06/16 00:00", ERR, "date.future", NULL, NULL },
	{ val_past_date, "2024-06-15", OK, "", "2024-06-15", NULL },
	{ val_past_date, "1990-01-01", OK, "", NULL, NULL },
	{ val_past_date, "2024-06-16", ERR, "date.future", "2024-06-16", TODAY },
	{ val_past_date, "2025年1月1日", ERR, "date.future", NULL, NULL },
	{ val_past_date, "2023-02-29", ERR, "date.invalid", NULL, NULL },
	{ val_datetime, "2024-03-05 14:30", OK, "", "2024-03-05 14:30", NULL },
	{ val_datetime, "2024-03-05T14:30:59", OK, "", "2024-03-05 14:30", NULL },
	{ val_datetime, "2024-3-5 9:05", OK, "", "2024-03-05 09:05", NULL },
	{ val_datetime, "20240305 23:59", OK, "", "2024-03-05 23:59", NULL },
	{ val_datetime, "２０２４年３月５日　１４：３０", OK, "", "2024-03-05 14:30", NULL },
	{ val_datetime, "2024-03-05", ERR, "datetime.format", NULL, "缺少时间：请补上时:分，如2024-03-05 14:30" },
	{ val_datetime, "2026/10/3", ERR, "datetime.format", NULL, "如2026-10-03 14:30" },
	{ val_datetime, "2024-03-05 14", ERR, "datetime.format", NULL, NULL },
	{ val_datetime, "2024-03-05 14:3", ERR, "datetime.format", NULL, NULL },
	{ val_datetime, "2024-03-05 14:30:5", ERR, "datetime.format", NULL, NULL },
	{ val_datetime, "2024-03-05 14:30 下午", ERR, "datetime.format", NULL, "“下午”与14点不符" },
	/* the time as Chinese spreadsheets and people write it */
	{ val_datetime, "2024-03-05 下午2:30", OK, "", "2024-03-05 14:30", NULL },
	{ val_datetime, "2024/3/5 上午 9:30:00", OK, "", "2024-03-05 09:30", NULL },
	{ val_datetime, "2024-03-05 上午12:15", OK, "", "2024-03-05 00:15", NULL },
	{ val_datetime, "2024-03-05 2:30 PM", OK, "", "2024-03-05 14:30", NULL },
	{ val_datetime, "2024-03-05 12:05pm", OK, "", "2024-03-05 12:05", NULL },
	{ val_datetime, "2024-03-05 14时30分", OK, "", "2024-03-05 14:30", NULL },
	{ val_datetime, "2024-03-05 14时30分15秒", OK, "", "2024-03-05 14:30", NULL },
	{ val_datetime, "2024年3月5日9点半", OK, "", "2024-03-05 09:30", NULL },
	{ val_datetime, "2024-03-05 晚上8点", OK, "", "2024-03-05 20:00", NULL },
	{ val_datetime, "2024-03-05 中午1点", OK, "", "2024-03-05 13:00", NULL },
	{ val_datetime, "2024-03-05 上午0:30", ERR, "datetime.format", NULL, "“上午”与0点不符" },
	{ val_datetime, "2024-03-05 下午", ERR, "datetime.format", NULL, NULL },
	{ val_datetime, "2024-03-05 下午2:30 PM", ERR, "datetime.format", NULL, NULL },
	{ val_datetime, "2024-03-05 14点3", ERR, "datetime.format", NULL, NULL },
	{ val_datetime, "2024-03-05 9:PM", ERR, "datetime.format", NULL, NULL },
	{ val_datetime, "2024-03-05 24:00", ERR, "datetime.time", NULL, NULL },
	{ val_datetime, "2024-03-05 12:60", ERR, "datetime.time", NULL, NULL },
	{ val_datetime, "2024-02-30 12:00", ERR, "date.invalid", NULL, NULL },

	/* ---- numbers ---- */
	{ val_int, "12345", OK, "", "12345", NULL },
	{ val_int, "12,345", OK, "", "12345", NULL },
	{ val_int, "１２，３４５", OK, "", "12345", NULL },
	{ val_int, "007", OK, "", "7", NULL },
	{ val_int, "0", OK, "", "0", NULL },
	{ val_int, "+5", OK, "", "5", NULL },
	{ val_int, "-5", ERR, "int.negative", NULL, NULL },
	{ val_int, "12.5", ERR, "int.format", NULL, NULL },
	{ val_int, "abc", ERR, "int.format", NULL, NULL },
	{ val_int, ",123", ERR, "int.format", NULL, NULL },
	{ val_int, "1234567890123456", ERR, "int.range", NULL, NULL },
	{ val_money, "123456.50", OK, "", "123456.50", NULL },
	{ val_money, "123456.5", OK, "", "123456.50", NULL },
	{ val_money, "123,456.05", OK, "", "123456.05", NULL },
	{ val_money, "¥128,000", OK, "", "128000", NULL },
	{ val_money, "￥128000.00", OK, "", "128000", NULL },
	{ val_money, "128000元", OK, "", "128000", NULL },
	{ val_money, "0.5", OK, "", "0.50", NULL },
	{ val_money, "00100", OK, "", "100", NULL },
	{ val_money, "-100", ERR, "money.negative", NULL, NULL },
	{ val_money, "¥-100", ERR, "money.negative", NULL, NULL },
	{ val_money, "12.345", ERR, "money.decimals", NULL, "3位" },
	{ val_money, "12.", ERR, "money.format", NULL, NULL },
	{ val_money, ".5", ERR, "money.format", NULL, NULL },
	{ val_money, "十万", ERR, "money.format", NULL, NULL },
	{ val_money, "19.8万", OK, "", "198000", NULL },
	{ val_money, "19.85万元", OK, "", "198500", NULL },
	{ val_money, "¥20万", OK, "", "200000", NULL },
	{ val_money, "0.5万", OK, "", "5000", NULL },
	{ val_money, "1.234567万", OK, "", "12345.67", NULL },
	{ val_money, "1.23456万", OK, "", "12345.60", NULL },
	{ val_money, "1.2345678万", ERR, "money.decimals", NULL, "六位" },
	{ val_money, "万", ERR, "money.format", NULL, NULL },
	{ val_money, "19.8万万", ERR, "money.format", NULL, NULL },
	{ val_money, "1.2.3", ERR, "money.format", NULL, NULL },
	{ val_money, "1234567890123", ERR, "money.range", NULL, NULL },
};

static void setup(void)
{
	ck_assert_int_eq(setenv("DESK4S_TODAY", TODAY, 1), 0);
}

static void teardown(void)
{
	unsetenv("DESK4S_TODAY");
}

START_TEST(test_table)
{
	const struct vrow *t = &rows[_i];
	struct val_result r;
	char out[128];
	enum val_severity got;

	memset(&r, 0x5A, sizeof r);
	memset(out, 0x5A, sizeof out);
	got = t->fn(t->in, out, sizeof out, &r);
	ck_assert_msg(got == t->sev, "row %d \"%s\": severity %d, want %d (%s %s)",
	              _i, t->in, got, t->sev, r.code, r.msg);
	ck_assert_int_eq(r.severity, got);
	ck_assert_msg(strcmp(r.code, t->code) == 0, "row %d \"%s\": code %s, want %s",
	              _i, t->in, r.code, t->code);
	if (t->sev == VAL_OK)
		ck_assert_str_eq(r.msg, "");
	else
		ck_assert_msg(r.msg[0] != '\0', "row %d: empty message", _i);
	if (t->out)
		ck_assert_msg(strcmp(out, t->out) == 0, "row %d \"%s\": out \"%s\", want \"%s\"",
		              _i, t->in, out, t->out);
	if (t->msg)
		ck_assert_msg(strstr(r.msg, t->msg) != NULL, "row %d \"%s\": msg \"%s\" lacks \"%s\"",
		              _i, t->in, r.msg, t->msg);
}
END_TEST

/* A warning must still leave the normalised value in out. */
START_TEST(test_warning_keeps_out)
{
	struct val_result r;
	char out[64];

	ck_assert_int_eq(val_uscc(" 91350100m0001tgqxm ", out, sizeof out, &r), VAL_WARNING);
	ck_assert_str_eq(out, "91350100M0001TGQXM");
	ck_assert_int_eq(val_mobile("+86 142 1234 5678", out, sizeof out, &r), VAL_WARNING);
	ck_assert_str_eq(out, "14212345678");
}
END_TEST

/* A small out buffer is cut, never overrun, and r may be NULL. */
START_TEST(test_small_out)
{
	char out[8];
	struct val_result r;

	memset(out, 'Z', sizeof out);
	ck_assert_int_eq(val_vin("1M8GDM9AXKP042788", out, 5, &r), VAL_OK);
	ck_assert_str_eq(out, "1M8G");
	ck_assert_int_eq(out[5], 'Z');
	ck_assert_int_eq(val_plate("浙A12345", out, 3, &r), VAL_OK);
	ck_assert_str_eq(out, ""); /* 浙 needs 3 bytes + NUL: nothing fits */
	ck_assert_int_eq(val_mobile("13800138000", out, sizeof out, NULL), VAL_OK);
}
END_TEST

START_TEST(test_too_long)
{
	char big[600], out[64];
	struct val_result r;

	memset(big, '1', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ck_assert_int_eq(val_mobile(big, out, sizeof out, &r), VAL_ERROR);
	ck_assert_str_eq(r.code, "mobile.length");
	ck_assert_int_eq(val_email(big, out, sizeof out, &r), VAL_ERROR);
}
END_TEST

static const struct {
	const char *id;
	int rc, year, month, day, male;
	const char *region;
	const char *nationality; /* NULL: a resident's number, "" expected */
} info_rows[] = {
	{ "11010519491231002X", 0, 1949, 12, 31, 0, "110105", NULL },
	{ "440524188001010014", 0, 1880, 1, 1, 1, "440524", NULL },
	{ "360426199101010071", 0, 1991, 1, 1, 1, "360426", NULL },
	{ "370101190102039973", 0, 1901, 2, 3, 1, "370101", NULL },
	{ "810000199001011230", 0, 1990, 1, 1, 1, "810000", NULL },
	/* the foreigner's card (2023): birth date and sex where a resident's
	 * are; region is the issuing province */
	{ "932682198501010017", 0, 1985, 1, 1, 1, "320000", "682" },
	{ "932682198501010025", 0, 1985, 1, 1, 0, "320000", "682" },
	{ "910000199001011234", -1, 0, 0, 0, 0, "", NULL },
	{ "999999198001010011", -1, 0, 0, 0, 0, "", NULL },
	{ "932682198502300016", -1, 0, 0, 0, 0, "", NULL },
	{ "11010519491231002", -1, 0, 0, 0, 0, "", NULL },
	{ "110105194902300021", -1, 0, 0, 0, 0, "", NULL },
	{ "1101051949123100Y2", -1, 0, 0, 0, 0, "", NULL },
};

START_TEST(test_idno_info)
{
	struct val_idinfo info;

	memset(&info, 0, sizeof info);
	ck_assert_int_eq(val_idno_info(info_rows[_i].id, &info), info_rows[_i].rc);
	if (info_rows[_i].rc != 0)
		return;
	ck_assert_int_eq(info.year, info_rows[_i].year);
	ck_assert_int_eq(info.month, info_rows[_i].month);
	ck_assert_int_eq(info.day, info_rows[_i].day);
	ck_assert_int_eq(info.male, info_rows[_i].male);
	ck_assert_str_eq(info.region, info_rows[_i].region);
	ck_assert_int_eq(info.foreign, info_rows[_i].nationality != NULL);
	ck_assert_str_eq(info.nationality, info_rows[_i].nationality ? info_rows[_i].nationality : "");
}
END_TEST

/* A check character that does not match says the number is mistyped
 * somewhere, never which character it "should" be: staff would change the
 * last one while the mistake is elsewhere. */
START_TEST(test_checksum_names_no_character)
{
	static const char *const bad[] = {
		"110105194912310021", "340524198001010013", "932682198501010010",
		"110105194912310000", /* a spreadsheet's cut: its own advice */
	};
	struct val_result r;
	char out[64];

	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		ck_assert_int_eq(val_idno(bad[k], out, sizeof out, &r), VAL_ERROR);
		ck_assert_str_eq(r.code, "idno.checksum");
		ck_assert_msg(strstr(r.msg, "应为") == NULL && strstr(r.msg, "实为") == NULL, "%s", r.msg);
		ck_assert_msg(strstr(r.msg, "逐位核对") != NULL, "%s", r.msg);
	}
	ck_assert_ptr_nonnull(strstr(r.msg, "末三位是000"));
}
END_TEST

START_TEST(test_today)
{
	long clock_today;

	ck_assert_int_eq(val_today(), 20240615L);
	setenv("DESK4S_TODAY", "2000-02-29", 1);
	ck_assert_int_eq(val_today(), 20000229L);
	/* Invalid values fall back to the clock. */
	unsetenv("DESK4S_TODAY");
	clock_today = val_today();
	ck_assert(clock_today > 20240101L && clock_today < 22000101L);
	setenv("DESK4S_TODAY", "2023-02-29", 1);
	ck_assert_int_eq(val_today(), clock_today);
	setenv("DESK4S_TODAY", "20240615", 1);
	ck_assert_int_eq(val_today(), clock_today);
	setenv("DESK4S_TODAY", "2024-06-15x", 1);
	ck_assert_int_eq(val_today(), clock_today);
}
END_TEST

/* The future rule follows DESK4S_TODAY. */
START_TEST(test_future_moves_with_today)
{
	struct val_result r;
	char out[64];

	setenv("DESK4S_TODAY", "2024-06-16", 1);
	ck_assert_int_eq(val_past_date("2024-06-16", out, sizeof out, &r), VAL_OK);
	ck_assert_int_eq(val_idno("110105202406160015", out, sizeof out, &r), VAL_ERROR);
	ck_assert_str_eq(r.code, "idno.checksum"); /* date now fine, check digit next */
	setenv("DESK4S_TODAY", "2024-06-14", 1);
	ck_assert_int_eq(val_past_date("2024-06-15", out, sizeof out, &r), VAL_ERROR);
	ck_assert_str_eq(r.code, "date.future");
	/* Age in whole years: 120 is fine, the 121st birthday warns. */
	setenv("DESK4S_TODAY", "2000-12-31", 1);
	ck_assert_int_eq(val_idno("440524188001010014", out, sizeof out, &r), VAL_OK);
	setenv("DESK4S_TODAY", "2001-01-01", 1);
	ck_assert_int_eq(val_idno("440524188001010014", out, sizeof out, &r), VAL_WARNING);
	ck_assert_str_eq(r.code, "idno.age");
	ck_assert_int_eq(val_idno("11010519491231002X", out, sizeof out, &r), VAL_OK);
}
END_TEST

/* A year and month alone, as dates write them, is its first day; a whole
 * date, a month out of range or a year the desk refuses is not one. */
START_TEST(test_month_only)
{
	char out[32];
	static const char *const months[] = { "2025-03", "2025/3", "2025.03", "2025年3月", "２０２５年３月", " 2025-3 " };
	for (size_t k = 0; k < sizeof months / sizeof months[0]; k++) {
		ck_assert_msg(val_month_only(months[k], out, sizeof out) == 1, "%s", months[k]);
		ck_assert_str_eq(out, "2025-03-01");
	}
	static const char *const not_months[] = { "2025-03-05", "2025-13", "2025-0", "202503", "1700-03", "2025-3月" };
	for (size_t k = 0; k < sizeof not_months / sizeof not_months[0]; k++)
		ck_assert_msg(val_month_only(not_months[k], out, sizeof out) == 0, "%s", not_months[k]);
}
END_TEST

/* Excel's day numbers (from 1899-12-30; figures checked against Python's
 * date arithmetic), five digits only; a time as the fraction of a day. */
START_TEST(test_excel_serial)
{
	char out[32];
	ck_assert_int_eq(val_excel_serial("45413", 0, out, sizeof out), 1);
	ck_assert_str_eq(out, "2024-05-01");
	ck_assert_int_eq(val_excel_serial("10000", 0, out, sizeof out), 1);
	ck_assert_str_eq(out, "1927-05-18");
	ck_assert_int_eq(val_excel_serial("99999", 0, out, sizeof out), 1);
	ck_assert_str_eq(out, "2173-10-13");
	ck_assert_int_eq(val_excel_serial("45413.0", 0, out, sizeof out), 1);
	ck_assert_str_eq(out, "2024-05-01");
	ck_assert_int_eq(val_excel_serial("45413.5", 0, out, sizeof out), 0); /* a time in a date */
	ck_assert_int_eq(val_excel_serial("45413.5833333333", 1, out, sizeof out), 1);
	ck_assert_str_eq(out, "2024-05-01 14:00");
	ck_assert_int_eq(val_excel_serial("45413.9999999", 1, out, sizeof out), 1);
	ck_assert_str_eq(out, "2024-05-02 00:00"); /* rounded to the minute */
	ck_assert_int_eq(val_excel_serial("45413", 1, out, sizeof out), 1);
	ck_assert_str_eq(out, "2024-05-01"); /* the day alone: no made-up 00:00 */
	static const char *const not_serials[] = { "1985", "09999", "123456", "45413.", "4541３", "45413x", "-45413", "",
							   "999999999999999999999" /* once overflowed the count */ };
	for (size_t i = 0; i < sizeof not_serials / sizeof not_serials[0]; i++)
		ck_assert_msg(val_excel_serial(not_serials[i], 1, out, sizeof out) == 0, "%s", not_serials[i]);
}
END_TEST

START_TEST(test_looks_scientific)
{
	static const char *const yes[] = { "1.10105E+17", "1.38E+10", "4E+15", "1.1e+17" };
	static const char *const no[] = { "110105194912310011", "1.5", "E+17", "1.E+17", "1.1E+", "1.1E+17x", "", "-1E+5",
		                          "4E12345" /* an engine number */, "2.5E10" };
	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		ck_assert_msg(val_looks_scientific(yes[i]), "%s", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		ck_assert_msg(!val_looks_scientific(no[i]), "%s", no[i]);
	/* an ID number a spreadsheet kept as a number ends in 000: said */
	struct val_result r;
	char out[64];
	ck_assert_int_eq(val_idno("110105194912310000", out, sizeof out, &r), VAL_ERROR);
	ck_assert_ptr_nonnull(strstr(r.msg, "末三位是000"));
	ck_assert_int_eq(val_idno("110105194912310012", out, sizeof out, &r), VAL_ERROR);
	ck_assert_ptr_null(strstr(r.msg, "000"));
}
END_TEST

START_TEST(test_looks_mobile)
{
	ck_assert_int_eq(val_looks_mobile("13800138000"), 1);
	ck_assert_int_eq(val_looks_mobile("+86 1380013800"), 1); /* a digit short, still meant as a mobile */
	ck_assert_int_eq(val_looks_mobile("１３８００１３８０００"), 1);
	ck_assert_int_eq(val_looks_mobile("0571-85900933"), 0);
	ck_assert_int_eq(val_looks_mobile("85900933"), 0);
}
END_TEST

/* What a local call's caller ID shows: the number without its area code. */
START_TEST(test_local_number)
{
	char d[16];
	ck_assert_int_eq(val_local_number("8888 6666", d, sizeof d), 1);
	ck_assert_str_eq(d, "88886666");
	ck_assert_int_eq(val_local_number(" ８８８-６６６６ ", d, sizeof d), 1);
	ck_assert_str_eq(d, "8886666");
	ck_assert_int_eq(val_local_number("1380013", d, sizeof d), 0);     /* a mobile's start */
	ck_assert_int_eq(val_local_number("0571888", d, sizeof d), 0);     /* an area code's */
	ck_assert_int_eq(val_local_number("888866661", d, sizeof d), 0);   /* nine digits */
	ck_assert_int_eq(val_local_number("888666", d, sizeof d), 0);      /* six */
	ck_assert_int_eq(val_local_number("0571-88886666", d, sizeof d), 0);
	ck_assert_int_eq(val_local_number("8888转6666", d, sizeof d), 0);
	ck_assert_int_eq(val_local_number("88886666", d, 4), 0);           /* no room */
}
END_TEST

/* A refused time leaves out as val_datetime leaves it: a value refused
 * before anything was written (one too long) once had an unwritten buffer
 * copied into out (fuzz_validate). */
START_TEST(test_past_datetime_refusals_leave_out_whole)
{
	char in[128], out[64];
	struct val_result r;
	size_t n = 0;
	in[n++] = '9', in[n++] = '1', in[n++] = '1';
	while (n < 90)
		in[n++] = (char)0xEE;
	memcpy(in + n, "100006000373", 13);
	char want[64] = "";
	ck_assert_int_eq(val_datetime(in, want, sizeof want, NULL), VAL_ERROR);
	out[0] = 0;
	ck_assert_int_eq(val_past_datetime(in, out, sizeof out, &r), VAL_ERROR);
	ck_assert_str_eq(out, want);
}
END_TEST

START_TEST(test_lookup)
{
	const char *const *names = val_names();
	size_t n = 0;

	for (; names[n]; n++)
		ck_assert_msg(val_lookup(names[n]) != NULL, "%s not found", names[n]);
	ck_assert_uint_eq(n, 16);
	ck_assert_ptr_eq((void *)val_lookup("mobile"), (void *)val_mobile);
	ck_assert_ptr_eq((void *)val_lookup("past_datetime"), (void *)val_past_datetime);
	ck_assert_ptr_eq((void *)val_lookup("past_date"), (void *)val_past_date);
	ck_assert_ptr_eq((void *)val_lookup("money"), (void *)val_money);
	ck_assert_ptr_eq((void *)val_lookup("code"), (void *)val_code);
	ck_assert_ptr_null((void *)val_lookup("phone"));
	ck_assert_ptr_null((void *)val_lookup(""));
}
END_TEST

Suite *validate_suite(void); /* called by run.c */
Suite *validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("validate");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_table, 0, (int)(sizeof rows / sizeof rows[0]));
	tcase_add_test(tc, test_warning_keeps_out);
	tcase_add_test(tc, test_small_out);
	tcase_add_test(tc, test_too_long);
	tcase_add_test(tc, test_excel_serial);
	tcase_add_test(tc, test_month_only);
	tcase_add_test(tc, test_looks_mobile);
	tcase_add_test(tc, test_local_number);
	tcase_add_test(tc, test_looks_scientific);
	tcase_add_loop_test(tc, test_idno_info, 0,
	                    (int)(sizeof info_rows / sizeof info_rows[0]));
	tcase_add_test(tc, test_checksum_names_no_character);
	tcase_add_test(tc, test_today);
	tcase_add_test(tc, test_future_moves_with_today);
	tcase_add_test(tc, test_past_datetime_refusals_leave_out_whole);
	tcase_add_test(tc, test_lookup);
	suite_add_tcase(s, tc);
	return s;
}
