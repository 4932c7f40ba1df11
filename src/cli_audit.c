/* cli_audit — the usage log from the command line.  Checking the chain
 * shows no personal data, so it needs no login (cron may run it nightly);
 * reading the entries needs 查看使用日志. */
#include <stdio.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/cli_audit.h"
#include "desk4s/customer.h"
#include "desk4s/staff.h"
#include "desk4s/validate.h"

static int verify(const struct cli *c)
{
	if (c->argc > 2)
		return cli_usage_error("audit verify：多余的参数 %s", c->argv[2]);
	struct st_db *db;
	int rc = cli_open_db_read(c, &db);
	if (rc)
		return rc;
	struct audit_check chk;
	char err[512];
	int64_t broken = audit_verify(db, &chk, err, sizeof err);
	if (broken < 0) {
		cli_error("%s", err);
		rc = CLI_FILE;
	} else if (broken > 0) {
		cli_error("使用日志校验失败：%s。第 %lld 条及其后的记录不可信；请保留数据库文件，"
		          "并与备份中的使用日志对照。", chk.why, (long long)broken);
		rc = CLI_FILE;
	} else if (chk.guarded) {
		/* "complete" is said only when nothing below contradicts it */
		printf("使用日志完整：共 %lld 条，最后一条 #%lld，哈希 %s\n", (long long)chk.entries,
		       (long long)chk.last_id, chk.entries ? chk.last_hash : "（无）");
		printf("（请记下最后一条的编号和哈希：若日后最后几条被删除，可据此发现。）\n");
	}
	if (broken >= 0 && !chk.guarded) {
		cli_error("使用日志的保护触发器已被删除：有人绕过本程序改动过数据库");
		rc = CLI_FILE;
	}
	st_close(db);
	return rc;
}

/* The entries read, into held (cli_held_open): shown once the reading
 * is logged. */
struct query {
	struct st_db *db;
	struct staff_me *me;
	const struct audit_filter *f;
	FILE *held;
	long n;
	char *err;
	size_t errsz;
};

/* The heading goes with the first entry: none over "没有符合条件的记录". */
static int show(void *ctx, const struct audit_entry *e)
{
	struct query *q = ctx;
	if (q->n++ == 0)
		fprintf(q->held, "编号\t时间\t员工\t操作\t客户编号\t内容\n");
	fprintf(q->held, "#%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)e->id, e->at, e->staff, e->action,
	        *e->customer_no ? e->customer_no : "-", e->detail);
	return 0;
}

static int query(void *ctx, volatile sig_atomic_t *stop)
{
	(void)stop;
	struct query *q = ctx;
	return (int)audit_query(q->db, q->me, q->f, show, q, q->err, q->errsz);
}

int cliaudit_audit(const struct cli *c)
{
	if (c->argc >= 2 && strcmp(c->argv[1], "verify") == 0)
		return verify(c);
	struct audit_filter f = { 0 };
	char from[16], to[16];
	struct cli_seen seen = { 0 };
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];
		const char **slot = strcmp(a, "--from") == 0       ? &f.from
		                    : strcmp(a, "--to") == 0       ? &f.to
		                    : strcmp(a, "--user") == 0     ? &f.staff
		                    : strcmp(a, "--customer") == 0 ? &f.customer_no
		                                                   : NULL;
		if (!slot)
			return cli_usage_error("audit：未知参数 %s（可用：verify、--from 日期、--to 日期、--user 登录名、--customer 客户编号）", a);
		if (++i == c->argc)
			return cli_usage_error("%s 需要一个参数", a);
		if (cli_once(&seen, a, c->argv[i]))
			return CLI_USAGE;
		/* an empty login or number is a script's unset variable: taken
		 * as no filter it listed the whole log as that one's */
		if (!*c->argv[i] && (slot == &f.staff || slot == &f.customer_no))
			return cli_usage_error("%s 的%s为空", a, slot == &f.staff ? "登录名" : "客户编号");
		*slot = c->argv[i];
		if (slot == &f.from || slot == &f.to) {
			/* checked and written as the log writes its days (20261205
			 * is 2026-12-05; 2026-02-30 is no day) */
			struct val_result vr;
			char *d = slot == &f.from ? from : to;
			if (val_date(c->argv[i], d, 11, &vr) == VAL_ERROR)
				return cli_usage_error("%s %s：%s", a, c->argv[i], vr.msg);
			*slot = d;
		}
	}
	if (f.from && f.to && strcmp(f.from, f.to) > 0)
		return cli_usage_error("--from %s 晚于 --to %s：开始日期不能晚于结束日期", f.from, f.to);
	struct st_db *db;
	int rc = cli_open_db(c, &db);
	if (rc)
		return rc;
	cli_reading_as(db, "查看使用日志");
	struct staff_me me = { 0 };
	rc = cli_login(c, db, &me);
	if (!rc)
		rc = cli_require(db, &me, AUTH_READ_LOG);
	struct staff_info who;
	char err[512];
	/* a name no account has is still looked for: the log also holds
	 * （系统） and the names of batch runs before the first account */
	enum st_status ws = !rc && f.staff ? staff_get(db, f.staff, &who, err, sizeof err) : ST_OK;
	if (ws == ST_NOTFOUND) {
		fprintf(stderr, "注意：没有登录名为 %s 的账号（user list 列出账号）；只列出使用日志里记为 %s 的记录。\n", f.staff,
		        f.staff);
	} else if (ws != ST_OK) {
		cli_error("%s", err);
		rc = CLI_FILE;
	}
	/* the number as stored (c00000005 is C00000005), and one that names
	 * no customer said as customer export says it: the log keeps no
	 * entry of a customer never on file (a destroyed one keeps its
	 * number), so "没有符合条件的记录" had read as a customer nobody
	 * had touched */
	char cust[64];
	if (!rc && f.customer_no) {
		cust_no_normal(f.customer_no, cust, sizeof cust);
		int64_t id = *cust ? cust_id_of(db, cust, err, sizeof err) : 0;
		if (id < 0) {
			cli_error("%s", err);
			rc = CLI_FILE;
		} else if (id == 0) {
			rc = cli_usage_error("--customer：找不到客户编号 %s（客户编号形如 C00000001）", f.customer_no);
		} else {
			f.customer_no = cust;
		}
	}
	struct query q = { db, &me, &f, NULL, 0, err, sizeof err };
	if (!rc && !(q.held = cli_held_open()))
		rc = CLI_FILE;
	if (!rc) {
		/* its 查看使用日志 entry waits for the lock beside an import (up
		 * to 30 minutes): Ctrl-C ends that wait, as it ends an export's,
		 * before anything is shown */
		int sig;
		enum st_status st = (enum st_status)cli_stoppable(db, query, &q, &sig);
		if (st != ST_OK && sig) {
			fclose(q.held);
			cli_error("查看使用日志已中断：这次登录和查看没有记入使用日志，数据库没有改动。");
			rc = 128 + sig;
		} else if ((rc = cli_status(st, err)) != CLI_OK) {
			fclose(q.held);
		} else {
			rc = cli_held_print(q.held);
			if (!rc && q.n == 0)
				fprintf(stderr, "没有符合条件的记录。\n");
		}
	}
	return cli_end(db, rc);
}
