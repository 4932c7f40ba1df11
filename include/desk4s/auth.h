/* auth — roles, the permission table, masking of ID numbers and mobiles,
 * and password hashing.  Pure: no SQLite, no curses.  The table here is the
 * one place that says who may do what; the store (staff_require), the
 * command line and the screens all ask auth_can, and the administrator
 * reads the same table on screen (auth_role_name × auth_perm_name). */
#ifndef DESK4S_AUTH_H
#define DESK4S_AUTH_H
#include <stddef.h>

enum auth_role {
	AUTH_RECEPTION, /* 前台 */
	AUTH_SALES,     /* 销售顾问 */
	AUTH_SERVICE,   /* 服务顾问 */
	AUTH_MANAGER,   /* 经理 */
	AUTH_ADMIN,     /* 管理员 */
	AUTH_NROLES
};

enum auth_perm {
	AUTH_VIEW,          /* 查看: open a customer record or a list */
	AUTH_CREATE,        /* 新建 */
	AUTH_CHANGE,        /* 修改 */
	AUTH_EXPORT,        /* 导出: lists and customer data to a file */
	AUTH_PRINT,         /* 打印: lists and reports on paper */
	AUTH_DELETE,        /* 删除: anonymise, destroy past retention */
	AUTH_ADMINISTER,    /* 管理: staff accounts and settings */
	AUTH_ALL_ACARDS,    /* 查看全部A卡: without it, only one's own cards */
	AUTH_REVIEW_ACARD,  /* 审核A卡 */
	AUTH_APPROVE_RENAME,/* 批准改名 */
	AUTH_READ_LOG,      /* 查看使用日志 */
	AUTH_WHOLE_MOBILE,  /* 完整手机号: without it, lists show 138****5678 */
	AUTH_WHOLE_IDNO,    /* 完整证件号: without it, lists show 330106********2017 */
	AUTH_NPERMS
};

/* "前台" ... "管理员"; NULL outside the range. */
const char *auth_role_name(enum auth_role r);
/* The role named (Chinese name), or -1. */
int auth_role_parse(const char *name);
/* "查看" ... "完整证件号". */
const char *auth_perm_name(enum auth_perm p);
/* One line saying what the permission allows, for the permissions screen. */
const char *auth_perm_help(enum auth_perm p);

int auth_can(enum auth_role r, enum auth_perm p);
/* 1 when the role's due list carries the 档案上传 tasks (the new-car
 * archives due in the manufacturer's DCS). */
int auth_archive_duty(enum auth_role r);
/* 1 when the role may close, reschedule or stop a follow-up task whose
 * 负责人 is somebody else (前台, 经理); 0 for a consultant or an advisor,
 * whose due list opens on their own tasks. */
int auth_any_followup(enum auth_role r);
/* "权限不足：前台没有“导出”权限" into out; returns out. */
char *auth_refusal(enum auth_role r, enum auth_perm p, char *out, size_t outsz);

/* Masking for lists, reports, exports, prints and the usage log.  The
 * mask keeps what staff use to tell people apart (the first three and last
 * four digits of a mobile, the region and last four of an ID number).  A
 * value that is not a mobile / ID number is masked by keeping a third at
 * each end.  out needs strlen(in)+1 bytes. */
char *auth_mask_mobile(const char *in, char *out, size_t outsz);
char *auth_mask_idno(const char *in, char *out, size_t outsz);
/* The value as role r may see it in a list: whole, or masked. */
char *auth_show_mobile(enum auth_role r, const char *in, char *out, size_t outsz);
char *auth_show_idno(enum auth_role r, const char *in, char *out, size_t outsz);
/* Masking by field, for every place that masks the mobile or the ID
 * number: what a field holds is told by its form key (the column name).
 * The birth date masks with the ID number (it is the digits the ID mask
 * hides); landlines, e-mail, QQ, Weibo, Wangwang, other contacts and the
 * street address mask with the mobile (they reach the person as it does).
 * Every mask of a value that is not empty holds "**", which the store
 * refuses (sm_refuse_masked), so a masked file cannot be imported as data. */
enum auth_mask_kind {
	AUTH_MASK_NONE,
	AUTH_MASK_MOBILE,   /* 138****5678 */
	AUTH_MASK_IDNO,     /* 330106********2017 */
	AUTH_MASK_BIRTH,    /* ****-**-** */
	AUTH_MASK_LANDLINE, /* 0571-****6666: area code and last four */
	AUTH_MASK_EMAIL,    /* z***@163.com: first character and domain */
	AUTH_MASK_HANDLE,   /* z***: first character (QQ, Weibo, ...) */
	AUTH_MASK_ADDRESS,  /* ****: the street detail, all of it */
};
enum auth_mask_kind auth_mask_kind_of(const char *key);
/* The permission whose holder sees the kind whole: AUTH_WHOLE_IDNO for the
 * ID number and birth date, AUTH_WHOLE_MOBILE for the rest. */
enum auth_perm auth_mask_perm(enum auth_mask_kind k);
/* in masked as kind k into out (an empty value stays empty); returns out. */
char *auth_mask_as(enum auth_mask_kind k, const char *in, char *out, size_t outsz);
/* Field key's value masked into buf, or in itself for a field that does
 * not mask (e.g. for the usage log, which never keeps contacts whole). */
const char *auth_mask_field(const char *key, const char *in, char *buf, size_t bufsz);
/* The same, masked only when role r may not see that kind whole. */
const char *auth_show_field(enum auth_role r, const char *key, const char *in, char *buf, size_t bufsz);
/* 1 when v holds the stars every mask above writes ("**"): a value from a
 * masked file, not one to store. */
int auth_looks_masked(const char *v);
/* Mask every mobile (11 digits starting 1) and ID number (17 digits and a
 * digit or X) standing alone in free text, e.g. a log entry's detail.  out
 * needs strlen(in)+1 bytes; returns out. */
char *auth_mask_text(const char *in, char *out, size_t outsz);

/* Passwords: at least AUTH_PW_MIN characters, not all the same character,
 * not equal to the login.  NULL when acceptable, else why (Chinese). */
enum { AUTH_PW_MIN = 8, AUTH_PW_MAX = 256, AUTH_HASH_MAX = 128 };
const char *auth_password_problem(const char *login, const char *pw);
/* Salted slow hash (yescrypt through libxcrypt's crypt) into out
 * (AUTH_HASH_MAX bytes).  0, or -1 with err. */
int auth_hash_password(const char *pw, char *out, size_t outsz, char *err, size_t errsz);
/* 1 when pw matches the stored hash (compared in constant time). */
int auth_check_password(const char *pw, const char *hash);
/* Overwrite a password buffer so it does not linger in memory. */
void auth_wipe(void *p, size_t n);
#endif
