/* cli_privacy — the retention list and the customer's rights from the
 * command line.  Every subcommand logs in (--user) and needs the
 * permission the store checks again: 删除 for the list and destruction,
 * 导出 for a customer's copy, 修改 for consent. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "desk4s/fpath.h"
#include "desk4s/fsafe.h"
#include "desk4s/cli_privacy.h"
#include "desk4s/privacy.h"
#include "desk4s/retention.h"
#include "desk4s/validate.h"

/* The retention list, into a file held until its reading is logged. */
struct due_list {
	FILE *held;
	long n;
};

static int show_due(void *ctx, const struct ret_due *d)
{
	struct due_list *l = ctx;
	l->n++;
	fprintf(l->held, "%s\t%s\t%s %s\t%s\n", d->cust_no, d->name, d->basis, d->last, d->due);
	return 0;
}

/* Open, log in, check p.  CLI_OK with *db open, else closed.  reads: what
 * the command that only reads is (cli_reading_as), or NULL; close it with
 * cli_close. */
static int session(const struct cli *c, struct st_db **db, struct staff_me *me, enum auth_perm p,
                   const char *reads)
{
	int rc = cli_open_db(c, db);
	if (rc)
		return rc;
	if (reads)
		cli_reading_as(*db, reads);
	rc = cli_login(c, *db, me);
	if (!rc)
		rc = cli_require(*db, me, p);
	return rc ? cli_end(*db, rc) : rc;
}

int clipriv_retention(const struct cli *c)
{
	const char *as_of = NULL, *destroy = NULL, *reason = NULL;
	char as_of_day[16];
	struct cli_seen seen = { 0 };
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];
		const char **slot = strcmp(a, "--as-of") == 0     ? &as_of
		                    : strcmp(a, "--destroy") == 0 ? &destroy
		                    : strcmp(a, "--reason") == 0  ? &reason
		                                                  : NULL;
		if (!slot)
			return cli_usage_error("retention：未知参数 %s（可用：--as-of 日期、--destroy 客户编号 --reason 原因）", a);
		if (++i == c->argc)
			return cli_usage_error("%s 需要一个参数", a);
		if (cli_once(&seen, a, c->argv[i]))
			return CLI_USAGE;
		*slot = c->argv[i];
		if (slot == &destroy && !*destroy)
			return cli_usage_error("--destroy 的客户编号为空");
		if (slot == &as_of) {
			/* checked and written as audit and due take a day (20261205
			 * is 2026-12-05; 2026-13-01 is no day), before the heading:
			 * the store's check only looked at the digits' places */
			struct val_result vr;
			if (!*as_of)
				return cli_usage_error("--as-of 需要一个日期（YYYY-MM-DD），不能为空");
			if (val_date(as_of, as_of_day, sizeof as_of_day, &vr) == VAL_ERROR)
				return cli_usage_error("--as-of %s：%s", as_of, vr.msg);
			as_of = as_of_day;
		}
	}
	if (destroy && (!reason || !*reason))
		return cli_usage_error("销毁客户须用 --reason 写明原因");
	if (!destroy && reason)
		return cli_usage_error("--reason 只用于 --destroy");
	if (destroy && as_of)
		return cli_usage_error("--destroy 按今天的日期判断是否到期，不能与 --as-of 同用");
	struct st_db *db;
	struct staff_me me = { 0 };
	int rc = session(c, &db, &me, AUTH_DELETE, destroy ? NULL : "保存期限清单");
	if (rc)
		return rc;
	char err[1024];
	enum st_status st;
	if (destroy) {
		st = ret_anonymise(db, &me, destroy, reason, 1, err, sizeof err);
		if (st == ST_OK)
			printf("客户 %s 的个人信息已销毁；客户编号和使用日志保留，本次销毁已记入使用日志。\n", destroy);
	} else {
		/* shown only once the login reading it is logged: a stop in the
		 * wait for the log has shown nothing */
		struct due_list l = { cli_held_open(), 0 };
		if (!l.held)
			return cli_end(db, CLI_FILE);
		fprintf(l.held, "客户编号\t姓名\t起算依据\t到期日（保存 %d 年）\n", RET_YEARS);
		rc = cli_status(ret_list(db, &me, as_of, show_due, &l, err, sizeof err), err);
		if (!rc && !(rc = cli_log_now(db)))
			rc = cli_held_print(l.held);
		else
			fclose(l.held);
		if (!rc)
			fprintf(stderr, "共 %ld 位客户超过保存期限；逐个确认后用 --destroy 客户编号 --reason 原因 销毁。\n", l.n);
		return cli_end(db, rc);
	}
	rc = cli_status(st, err);
	return cli_end(db, rc);
}

/* One customer's data to path (or standard output), as export_one asks. */
struct export_step {
	struct st_db *db;
	struct staff_me *me;
	const char *no, *path;
	const struct fdef_form *const *forms;
	int unopened; /* the file could not be begun: said */
	int stopped;  /* the export was stopped before it was done */
	char err[1024];
};

static int export_step(void *ctx, volatile sig_atomic_t *stop)
{
	struct export_step *x = ctx;
	struct fsafe_out fo;
	FILE *out = stdout;
	if (x->path) {
		if (fsafe_out_open(&fo, x->path, x->err, sizeof x->err) != 0) {
			cli_error("%s", x->err);
			x->unopened = 1;
			return (int)ST_ERROR;
		}
		out = fo.f;
		/* one customer's whole record, for them alone: private
		 * whatever the file it replaces let others read */
		fo.keep = 0;
	}
	/* the log names the file wherever the command was run from */
	char where[PATH_MAX + 16];
	if (x->path)
		fpath_abs(x->path, where, sizeof where);
	enum st_status st = priv_export(x->db, x->me, x->no, x->forms, out, x->path ? where : NULL, x->err,
	                                sizeof x->err);
	/* a signal after the export was done and logged stops nothing */
	x->stopped = st != ST_OK && *stop;
	if (x->path && fsafe_out_close(&fo, st == ST_OK, x->err, sizeof x->err) != 0 && st == ST_OK)
		st = ST_ERROR;
	return (int)st;
}

/* --out FILE: written whole or not at all, private like the database */
static int export_one(const struct cli *c, struct st_db *db, struct staff_me *me, const char *no,
                      const char *path)
{
	struct fdef_form *forms[8] = { 0 };
	int nf = 0;
	for (const char *const *n = fdef_names(); *n && nf < 7; n++) {
		char ferr[256];
		/* labels only: a form that fails to load leaves column names */
		struct fdef_form *f = fdef_load(*n, c->forms, ferr, sizeof ferr);
		if (f)
			forms[nf++] = f;
	}
	int rc;
	if (path && cli_out_allowed(db, path, NULL) != CLI_OK) {
		for (int i = 0; i < nf; i++)
			fdef_free(forms[i]);
		return CLI_USAGE;
	}
	int had_file = cli_had_file(path);
	struct export_step x = { .db = db, .me = me, .no = no, .path = path,
	                         .forms = (const struct fdef_form *const *)forms };
	int sig;
	/* caught before the temporary file exists: from then on a stop
	 * removes it */
	int st = cli_stoppable(db, export_step, &x, &sig);
	if (x.unopened) {
		rc = CLI_FILE;
	} else if (x.stopped) {
		cli_said_stopped("导出", path, had_file);
		rc = 128 + sig;
	} else {
		rc = cli_status((enum st_status)st, x.err);
	}
	/* a device or a pipe keeps its own permissions: "仅所有者可读" of
	 * /dev/stdout or a printer's device was not so */
	struct stat ost;
	if (!rc && path)
		fprintf(stderr, "已把客户 %s 的全部个人信息导出到 %s%s。\n", no, path,
		        stat(path, &ost) == 0 && S_ISREG(ost.st_mode) ? "（仅所有者可读）" : "");
	for (int i = 0; i < nf; i++)
		fdef_free(forms[i]);
	return rc;
}

static int yes_no(const char *v)
{
	return strcmp(v, "是") == 0 ? 1 : strcmp(v, "否") == 0 ? 0 : -1;
}

int clipriv_customer(const struct cli *c)
{
	static const char usage[] =
		"用法：desk4s --user 登录名 customer export 客户编号 [--out 文件] | anonymise 客户编号 --reason 原因"
		" | consent 客户编号 是|否 | marketing 客户编号 是|否";
	if (c->argc < 3)
		return cli_usage_error("%s", usage);
	const char *sub = c->argv[1], *no = c->argv[2];
	if (!*no)
		return cli_usage_error("customer %s：客户编号为空", sub);
	const char *path = NULL, *reason = NULL;
	int answer = -1;
	enum auth_perm need;
	if (strcmp(sub, "export") == 0) {
		need = AUTH_EXPORT;
		if (c->argc == 5 && strcmp(c->argv[3], "--out") == 0 && !*c->argv[4])
			return cli_usage_error("--out：文件名为空");
		if (c->argc == 5 && strcmp(c->argv[3], "--out") == 0)
			path = c->argv[4];
		else if (c->argc != 3)
			return cli_usage_error("%s", usage);
	} else if (strcmp(sub, "anonymise") == 0 || strcmp(sub, "anonymize") == 0) {
		need = AUTH_DELETE;
		if (c->argc != 5 || strcmp(c->argv[3], "--reason") != 0 || !*c->argv[4])
			return cli_usage_error("注销客户须用 --reason 写明原因（例如：客户本人书面要求删除）");
		reason = c->argv[4];
	} else if (strcmp(sub, "consent") == 0 || strcmp(sub, "marketing") == 0) {
		need = AUTH_CHANGE;
		if (c->argc != 4)
			return cli_usage_error("customer %s 需要客户编号和 是 或 否", sub);
		/* the word given and the two taken: "maybe" had not been named */
		if ((answer = yes_no(c->argv[3])) < 0)
			return cli_usage_error("customer %s：%s应为“是”或“否”，而不是“%s”", sub,
			                       sub[0] == 'c' ? "是否同意收集个人信息" : "是否同意营销联系", c->argv[3]);
	} else {
		return cli_usage_error("customer：未知子命令“%s”。%s", sub, usage);
	}
	struct st_db *db;
	struct staff_me me = { 0 };
	int rc = session(c, &db, &me, need, need == AUTH_EXPORT ? "导出" : NULL);
	if (rc)
		return rc;
	char err[1024];
	if (need == AUTH_EXPORT) {
		rc = export_one(c, db, &me, no, path);
	} else if (need == AUTH_DELETE) {
		rc = cli_status(ret_anonymise(db, &me, no, reason, 0, err, sizeof err), err);
		if (!rc)
			printf("客户 %s 的个人信息已清除（注销）；客户编号和使用日志保留，原因已记入使用日志。\n", no);
	} else {
		enum st_status st = sub[0] == 'c' ? priv_set_consent(db, &me, no, answer, err, sizeof err)
		                                  : priv_set_marketing(db, &me, no, answer, err, sizeof err);
		rc = cli_status(st, err);
		if (!rc)
			printf("已记录客户 %s %s：%s。\n", no, sub[0] == 'c' ? "同意收集个人信息" : "同意营销联系",
			       answer ? "是" : (sub[0] == 'c' ? "撤回" : "否"));
	}
	return cli_end(db, rc);
}
