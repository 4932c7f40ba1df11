/* auth — who may do what, masking, and passwords. */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/auth.h"

static const char *const role_names[AUTH_NROLES] = { "前台", "销售顾问", "服务顾问", "经理", "管理员" };

static const struct {
	const char *name;
	const char *help;
} perms[AUTH_NPERMS] = {
	[AUTH_VIEW] = { "查看", "打开客户档案和清单（每次查看都记入使用日志）" },
	[AUTH_CREATE] = { "新建", "登记新客户、来店记录、A卡、工单" },
	[AUTH_CHANGE] = { "修改", "修改已有记录（旧值和新值记入使用日志）" },
	[AUTH_EXPORT] = { "导出", "把清单或客户资料导出到文件" },
	[AUTH_PRINT] = { "打印", "打印清单和报表" },
	[AUTH_DELETE] = { "删除", "注销（匿名化）客户、销毁超过保存期限的客户" },
	[AUTH_ADMINISTER] = { "管理", "管理员工账号和系统设置" },
	[AUTH_ALL_ACARDS] = { "查看全部A卡", "查看所有顾问的A卡；没有此权限只能看自己的" },
	[AUTH_REVIEW_ACARD] = { "审核A卡", "审核A卡（战败、休眠等）" },
	[AUTH_APPROVE_RENAME] = { "批准改名", "批准客户姓名修改申请" },
	[AUTH_READ_LOG] = { "查看使用日志", "查看使用日志（日志本身也是个人信息）" },
	[AUTH_WHOLE_MOBILE] = { "完整手机号", "清单和报表中显示完整手机号，否则显示 138****5678" },
	[AUTH_WHOLE_IDNO] = { "完整证件号", "清单和报表中显示完整证件号，否则显示 330106********2017" },
};

/* The table the issue fixes: only a manager exports, prints, deletes,
 * reviews A-cards and approves name changes; only the administrator manages
 * accounts; only managers and administrators read the log; consultants see
 * their own A-cards.  The administrator looks after accounts, not
 * customers, so holds no customer permission (least privilege).  Front-line
 * roles see mobiles whole because they phone customers; only the manager
 * needs whole ID numbers in a list. */
#define Y 1
#define N 0
static const unsigned char table[AUTH_NPERMS][AUTH_NROLES] = {
	/*                       前台 销售 服务 经理 管理员 */
	[AUTH_VIEW]           = { Y,   Y,   Y,   Y,   N },
	[AUTH_CREATE]         = { Y,   Y,   Y,   Y,   N },
	[AUTH_CHANGE]         = { Y,   Y,   Y,   Y,   N },
	[AUTH_EXPORT]         = { N,   N,   N,   Y,   N },
	[AUTH_PRINT]          = { N,   N,   N,   Y,   N },
	[AUTH_DELETE]         = { N,   N,   N,   Y,   N },
	[AUTH_ADMINISTER]     = { N,   N,   N,   N,   Y },
	[AUTH_ALL_ACARDS]     = { Y,   N,   N,   Y,   N },
	[AUTH_REVIEW_ACARD]   = { N,   N,   N,   Y,   N },
	[AUTH_APPROVE_RENAME] = { N,   N,   N,   Y,   N },
	[AUTH_READ_LOG]       = { N,   N,   N,   Y,   Y },
	[AUTH_WHOLE_MOBILE]   = { Y,   Y,   Y,   Y,   N },
	[AUTH_WHOLE_IDNO]     = { N,   N,   N,   Y,   N },
};
#undef Y
#undef N

const char *auth_role_name(enum auth_role r)
{
	return (unsigned)r < AUTH_NROLES ? role_names[r] : NULL;
}

int auth_role_parse(const char *name)
{
	for (int i = 0; name && i < AUTH_NROLES; i++)
		if (strcmp(name, role_names[i]) == 0)
			return i;
	return -1;
}

const char *auth_perm_name(enum auth_perm p)
{
	return (unsigned)p < AUTH_NPERMS ? perms[p].name : "?";
}

const char *auth_perm_help(enum auth_perm p)
{
	return (unsigned)p < AUTH_NPERMS ? perms[p].help : "";
}

int auth_can(enum auth_role r, enum auth_perm p)
{
	return (unsigned)r < AUTH_NROLES && (unsigned)p < AUTH_NPERMS && table[p][r];
}

/* The manufacturer's archive upload is the desk's: 前台 enters archives
 * into DCS and 经理 answers for them (and exports the file); a consultant's
 * or an advisor's due list is their own calls. */
int auth_archive_duty(enum auth_role r)
{
	return r == AUTH_RECEPTION || r == AUTH_MANAGER;
}

/* A follow-up task is its 负责人's.  A consultant or an advisor works their
 * own calls (and those nobody is named for); the front desk calls for the
 * shop (birthdays, archives, the satisfaction calls) and the manager answers
 * for every call, so both act on anyone's.  The administrator holds no
 * customer permission and never gets as far. */
int auth_any_followup(enum auth_role r)
{
	return r != AUTH_SALES && r != AUTH_SERVICE;
}

char *auth_refusal(enum auth_role r, enum auth_perm p, char *out, size_t outsz)
{
	const char *rn = auth_role_name(r);
	snprintf(out, outsz, "权限不足：%s没有“%s”权限", rn ? rn : "该账号", auth_perm_name(p));
	return out;
}

/* ---- masking ---------------------------------------------------------- */

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return 0;
	return 1;
}

/* Keep head and tail characters (UTF-8 aware), one asterisk for each
 * character between; a value too short to keep anything is all stars. */
static char *keep_ends(const char *in, size_t head, size_t tail, char *out, size_t outsz)
{
	size_t nch = 0;
	for (const char *p = in; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			nch++;
	if (head + tail >= nch) {
		/* too short to keep anything: hide it all */
		head = tail = 0;
	}
	size_t o = 0, ch = 0;
	for (const char *p = in; *p; p++) {
		int lead = ((unsigned char)*p & 0xC0) != 0x80;
		if (lead)
			ch++;
		int keep = ch <= head || ch > nch - tail;
		if (keep) {
			if (o + 1 < outsz)
				out[o++] = *p;
		} else if (lead) {
			if (o + 1 < outsz)
				out[o++] = '*';
		}
	}
	if (outsz)
		out[o < outsz ? o : outsz - 1] = 0;
	return out;
}

char *auth_mask_mobile(const char *in, char *out, size_t outsz)
{
	size_t n = strlen(in);
	if (n == 11 && all_digits(in, n))
		return keep_ends(in, 3, 4, out, outsz);
	return keep_ends(in, n / 3 > 3 ? 3 : n / 3, n / 3 > 4 ? 4 : n / 3, out, outsz);
}

char *auth_mask_idno(const char *in, char *out, size_t outsz)
{
	size_t n = strlen(in);
	if (n >= 15 && n <= 18)
		return keep_ends(in, 6, 4, out, outsz);
	return keep_ends(in, n / 3 > 6 ? 6 : n / 3, n / 3 > 4 ? 4 : n / 3, out, outsz);
}

char *auth_show_mobile(enum auth_role r, const char *in, char *out, size_t outsz)
{
	if (auth_can(r, AUTH_WHOLE_MOBILE) || !*in) {
		snprintf(out, outsz, "%s", in);
		return out;
	}
	return auth_mask_mobile(in, out, outsz);
}

char *auth_show_idno(enum auth_role r, const char *in, char *out, size_t outsz)
{
	if (auth_can(r, AUTH_WHOLE_IDNO) || !*in) {
		snprintf(out, outsz, "%s", in);
		return out;
	}
	return auth_mask_idno(in, out, outsz);
}

/* ---- masking by field ------------------------------------------------ */

/* Which fields mask, by form key (which is also the column name).  The
 * birth date goes with the ID number: the eight digits the ID mask hides
 * are exactly the birth date.  The sex is left: it tells only the parity
 * of the 17th digit, which the mask shows anyway. */
static const struct {
	const char *key;
	enum auth_mask_kind kind;
} mask_keys[] = {
	{ "mobile", AUTH_MASK_MOBILE },     { "id_no", AUTH_MASK_IDNO },
	{ "birth_date", AUTH_MASK_BIRTH },  { "phone1", AUTH_MASK_LANDLINE },
	{ "phone2", AUTH_MASK_LANDLINE },   { "fax", AUTH_MASK_LANDLINE },
	{ "phone", AUTH_MASK_LANDLINE },    /* a visit's 固定电话 */
	{ "email", AUTH_MASK_EMAIL },       { "qq", AUTH_MASK_HANDLE },
	{ "weibo", AUTH_MASK_HANDLE },      { "wangwang", AUTH_MASK_HANDLE },
	{ "other_contact", AUTH_MASK_HANDLE }, { "address", AUTH_MASK_ADDRESS },
};

enum auth_mask_kind auth_mask_kind_of(const char *key)
{
	for (size_t i = 0; key && i < sizeof mask_keys / sizeof mask_keys[0]; i++)
		if (strcmp(mask_keys[i].key, key) == 0)
			return mask_keys[i].kind;
	return AUTH_MASK_NONE;
}

enum auth_perm auth_mask_perm(enum auth_mask_kind k)
{
	return k == AUTH_MASK_IDNO || k == AUTH_MASK_BIRTH ? AUTH_WHOLE_IDNO : AUTH_WHOLE_MOBILE;
}

static char *put(const char *s, char *out, size_t outsz)
{
	if (outsz)
		snprintf(out, outsz, "%s", s);
	return out;
}

/* Bytes of the UTF-8 character s starts with. */
static size_t char_len(const char *s)
{
	size_t n = 1;
	while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* The first character and a fixed "***", so the length is hidden too. */
static char *mask_handle(const char *in, char *out, size_t outsz)
{
	if (outsz)
		snprintf(out, outsz, "%.*s***", (int)char_len(in), in);
	return out;
}

/* 0571-88886666-123 → 0571-****6666-***: the area code and the last four
 * digits of the number, as the mobile keeps its prefix and last four; an
 * extension is hidden.  Without an area code, every digit but the last
 * four. */
static char *mask_landline(const char *in, char *out, size_t outsz)
{
	size_t n = strlen(in), area = 0, run_end = n;
	if (in[0] == '0') {
		while (area < n && is_digit(in[area]))
			area++;
		area = (area == 3 || area == 4) && in[area] == '-' ? area + 1 : 0;
	}
	if (area) {
		run_end = area;
		while (run_end < n && is_digit(in[run_end]))
			run_end++;
	}
	/* the last four digits before run_end stay */
	size_t keep_from = run_end;
	for (int k = 0; k < 4 && keep_from > area;) {
		keep_from--;
		if (is_digit(in[keep_from]))
			k++;
	}
	size_t o = 0;
	for (size_t i = 0; i < n && o + 1 < outsz; i++)
		out[o++] = is_digit(in[i]) && i >= area && (i < keep_from || i >= run_end) ? '*' : in[i];
	if (outsz)
		out[o] = 0;
	return out;
}

/* zhang.san@163.com → z***@163.com: the domain says little, the local part
 * names the person. */
static char *mask_email(const char *in, char *out, size_t outsz)
{
	const char *at = strrchr(in, '@');
	if (!at || at == in)
		return mask_handle(in, out, outsz);
	if (outsz)
		snprintf(out, outsz, "%.*s***%s", (int)char_len(in), in, at);
	return out;
}

char *auth_mask_as(enum auth_mask_kind k, const char *in, char *out, size_t outsz)
{
	if (!*in)
		return put("", out, outsz);
	switch (k) {
	case AUTH_MASK_MOBILE: return auth_mask_mobile(in, out, outsz);
	case AUTH_MASK_IDNO: return auth_mask_idno(in, out, outsz);
	case AUTH_MASK_BIRTH: return put("****-**-**", out, outsz);
	case AUTH_MASK_LANDLINE: return mask_landline(in, out, outsz);
	case AUTH_MASK_EMAIL: return mask_email(in, out, outsz);
	case AUTH_MASK_HANDLE: return mask_handle(in, out, outsz);
	/* the province, city and district are fields of their own */
	case AUTH_MASK_ADDRESS: return put("****", out, outsz);
	case AUTH_MASK_NONE: break;
	}
	return put(in, out, outsz);
}

const char *auth_mask_field(const char *key, const char *in, char *buf, size_t bufsz)
{
	enum auth_mask_kind k = auth_mask_kind_of(key);
	return k == AUTH_MASK_NONE ? in : auth_mask_as(k, in, buf, bufsz);
}

const char *auth_show_field(enum auth_role r, const char *key, const char *in, char *buf, size_t bufsz)
{
	enum auth_mask_kind k = auth_mask_kind_of(key);
	return k == AUTH_MASK_NONE || auth_can(r, auth_mask_perm(k)) ? in : auth_mask_as(k, in, buf, bufsz);
}

int auth_looks_masked(const char *v)
{
	/* run on every field of every imported row, most of them empty or
	 * short: strchr starts faster than strstr (2 % of a load's time) */
	for (const char *p = v; (p = strchr(p, '*')) != NULL; p++)
		if (p[1] == '*')
			return 1;
	return 0;
}

static int alnum(char c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

char *auth_mask_text(const char *in, char *out, size_t outsz)
{
	if (!outsz)
		return out;
	snprintf(out, outsz, "%s", in);
	size_t n = strlen(out);
	for (size_t i = 0; i < n;) {
		/* a number glued to letters or a decimal point is a code or an
		 * amount, not a phone number */
		if (!is_digit(out[i]) || (i > 0 && (alnum(out[i - 1]) || out[i - 1] == '.'))) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && is_digit(out[j]))
			j++;
		size_t len = j - i;
		/* an ID number may end in X */
		if (len == 17 && j < n && (out[j] == 'X' || out[j] == 'x')) {
			j++;
			len++;
		}
		if (j < n && (alnum(out[j]) || (out[j] == '.' && j + 1 < n && is_digit(out[j + 1])))) {
			i = j;
			continue;
		}
		if (len == 11 && out[i] == '1')
			memset(out + i + 3, '*', 4);
		else if (len == 18 || len == 15)
			memset(out + i + 6, '*', len - 10);
		i = j;
	}
	return out;
}

/* ---- passwords -------------------------------------------------------- */

const char *auth_password_problem(const char *login, const char *pw)
{
	size_t nch = 0;
	for (const char *p = pw; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			nch++;
	if (nch < AUTH_PW_MIN)
		return "密码太短：至少 8 个字符";
	if (strlen(pw) >= AUTH_PW_MAX)
		return "密码太长：最多 255 个字节";
	int same = 1;
	for (const char *p = pw + 1; *p; p++)
		if (*p != pw[0])
			same = 0;
	if (same)
		return "密码不能全是同一个字符";
	if (login && strcmp(login, pw) == 0)
		return "密码不能与登录名相同";
	return NULL;
}

void auth_wipe(void *p, size_t n)
{
	explicit_bzero(p, n);
}

int auth_hash_password(const char *pw, char *out, size_t outsz, char *err, size_t errsz)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	/* "$y$" is yescrypt; count 0 and no random bytes: libxcrypt's default
	 * cost and its own entropy source */
	if (!crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt)) {
		snprintf(err, errsz, "无法生成密码盐（系统随机数不可用）");
		return -1;
	}
	struct crypt_data *cd = calloc(1, sizeof *cd);
	if (!cd) {
		snprintf(err, errsz, "内存不足");
		return -1;
	}
	const char *h = crypt_rn(pw, salt, cd, sizeof *cd);
	int ok = h && h[0] != '*' && strlen(h) < outsz;
	if (ok)
		snprintf(out, outsz, "%s", h);
	else
		snprintf(err, errsz, "无法计算密码哈希（libxcrypt 不支持 yescrypt？）");
	auth_wipe(cd, sizeof *cd);
	free(cd);
	return ok ? 0 : -1;
}

int auth_check_password(const char *pw, const char *hash)
{
	if (!pw || !hash || !*hash)
		return 0;
	struct crypt_data *cd = calloc(1, sizeof *cd);
	if (!cd)
		return 0;
	const char *h = crypt_rn(pw, hash, cd, sizeof *cd);
	int ok = 0;
	if (h && h[0] != '*') {
		size_t a = strlen(h), b = strlen(hash);
		/* constant time over the stored hash's length */
		unsigned char diff = (unsigned char)(a != b);
		for (size_t i = 0; i < b; i++)
			diff |= (unsigned char)(h[i < a ? i : 0] ^ hash[i]);
		ok = diff == 0;
	}
	auth_wipe(cd, sizeof *cd);
	free(cd);
	return ok;
}
