/* cli_data — the batch commands that move records in and out: import,
 * export, and the listing of the forms. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "desk4s/fpath.h"
#include "desk4s/fsafe.h"
#include "desk4s/acard.h"
#include "desk4s/audit.h"
#include "desk4s/auth.h"
#include "desk4s/staff.h"
#include "desk4s/cli_data.h"
#include "desk4s/export.h"
#include "desk4s/import.h"
#include "desk4s/record.h"
#include "desk4s/rules.h"
#include "desk4s/validate.h"

static char *join_names(const char *const *names, char *out, size_t outsz)
{
	out[0] = 0;
	for (const char *const *n = names; *n; n++) {
		if (n != names)
			strncat(out, ", ", outsz - strlen(out) - 1);
		strncat(out, *n, outsz - strlen(out) - 1);
	}
	return out;
}

/* Without a report the problems would be a bare count: the first
 * refusals, then warnings, IMP_SHOWN lines in all. */
static void print_shown(FILE *f, const struct imp_stats *s, const char *hint)
{
	long lines = 0, said = 0;
	for (int e = 1; e >= 0; e--)
		for (int i = 0; i < s->nshown[e] && lines < IMP_SHOWN; i++, lines++) {
			fprintf(f, "  %s\n", s->shown[e][i]);
			said += s->shown_for[e][i];
		}
	if (s->problems > said)
		fprintf(f, "  ……另有 %ld 条%s。\n", s->problems - said, hint);
}

/* A run that stopped early kept its committed batches, refusals included:
 * running it again does not check those rows, so say they exist now. */
static void say_refused_kept(const struct imp_opts *o, const struct imp_stats *s)
{
	if (o->dry_run || s->bulk || s->committed_refused == 0)
		return;
	/* the same file continued skips them; a corrected file (the only way
	 * on past a broken one) checks every row again */
	cli_error("已提交的部分中有 %ld 行被拒绝%s%s%s", s->committed_refused,
	          s->file_broken ? "" : "，重新运行不会再检查它们", o->report ? "；原因见报告 " : "。最先发现的问题：",
	          o->report ? o->report : "");
	if (!o->report)
		print_shown(stderr, s, "（下次导入时请加 --report 文件，留下全部问题的清单）");
	if (o->refused && s->refused_kept > 0)
		cli_error("其中 %ld 行已存入 %s（末列“拒绝原因”写明原因）。", s->refused_kept, o->refused);
}

int cli_import(const struct cli *c)
{
	if (c->argc < 2)
		return cli_usage_error("import 需要种类，例如：desk4s import customers 文件.csv");
	const char *kind = c->argv[1];
	const char *form_name = imp_form_of(kind);
	if (!form_name) {
		char list[256];
		return cli_usage_error("import：未知种类“%s”\n可用的种类：%s", kind, join_names(imp_kinds(), list, sizeof list));
	}
	struct imp_opts o = { .staff = cli_staff() };
	struct cli_seen seen = { 0 };
	for (int i = 2; i < c->argc; i++) {
		const char *a = c->argv[i];
		int *flag = strcmp(a, "--dry-run") == 0  ? &o.dry_run
		            : strcmp(a, "--strict") == 0 ? &o.strict
		            : strcmp(a, "--update") == 0 ? &o.update
		                                         : NULL;
		if (flag) {
			if (cli_once(&seen, a, NULL))
				return CLI_USAGE;
			*flag = 1;
		} else if (strcmp(a, "--report") == 0 || strcmp(a, "--refused") == 0) {
			if (++i == c->argc)
				return cli_usage_error("%s 需要一个文件名", a);
			if (cli_once(&seen, a, c->argv[i]))
				return CLI_USAGE;
			if (!*c->argv[i])
				return cli_usage_error("%s：文件名为空", a);
			if (strcmp(a, "--report") == 0)
				o.report = c->argv[i];
			else
				o.refused = c->argv[i];
		} else if (strcmp(a, "--encoding") == 0) {
			if (++i == c->argc)
				return cli_usage_error("--encoding 需要 utf-8 或 gb18030");
			int gb;
			if (cli_once(&seen, a, c->argv[i]) || cli_encoding(c->argv[i], &gb))
				return CLI_USAGE;
			o.encoding = gb ? "gb18030" : "utf-8"; /* as the importer names them */
		} else if (a[0] == '-' && a[1])
			return cli_usage_error("import：未知选项 %s", a);
		else if (o.path)
			return cli_usage_error("import：多余的参数 %s", a);
		else if (!*a)
			return cli_usage_error("import %s：CSV 文件名为空", kind);
		else
			o.path = a;
	}
	if (!o.path)
		return cli_usage_error("import %s 需要一个 CSV 文件", kind);
	if (o.report && o.refused && (strcmp(o.report, o.refused) == 0 || fsafe_same_file(o.report, o.refused)))
		return cli_usage_error("--report 和 --refused 不能是同一个文件 %s", o.report);
	if (isatty(STDERR_FILENO))
		o.progress = stderr;
	struct fdef_form *form = cli_load_form(c, form_name);
	if (!form)
		return CLI_FILE;
	struct st_db *db = NULL;
	int rc = cli_open_db(c, &db);
	if (!rc && o.report)
		rc = cli_out_allowed(db, o.report, o.path);
	if (!rc && o.refused)
		rc = cli_out_allowed(db, o.refused, o.path);
	if (rc) {
		if (db)
			st_close(db);
		fdef_free(form);
		return rc;
	}
	struct staff_me me;
	int logged_in;
	rc = cli_session(c, db, o.update ? AUTH_CHANGE : AUTH_CREATE, &me, &logged_in);
	if (rc != CLI_OK) {
		st_close(db);
		fdef_free(form);
		return rc;
	}
	if (logged_in) {
		o.staff = me.login;
		o.staff_name = staff_sheet_name(&me);
	}
	char err[1024] = "";
	struct imp_stats s;
	/* intent levels are the shop's data: the form's choices follow the table */
	if ((strcmp(form_name, "acard") == 0 || strcmp(form_name, "followup") == 0) &&
	    acard_levels_apply(db, form, err, sizeof err) != ST_OK) {
		cli_error("%s", err);
		st_close(db);
		fdef_free(form);
		return CLI_FILE;
	}
	struct cli_stop stop;
	o.stop = cli_stop_catch(&stop);
	rc = imp_run(db, kind, form, &o, &s, err, sizeof err);
	cli_stop_release(&stop);
	if (rc == 2) {
		cli_usage_error("%s", err);
	} else if (rc == 3 && s.interrupted) {
		cli_error("%s", err);
		if (o.dry_run)
			cli_error("试运行没有写入任何内容。");
		else if (s.bulk)
			cli_error("一次导入已全部撤销，数据库与导入前相同；重新运行同一命令即可。");
		else
			cli_error("这个文件已有 %ld 行存入数据库；重新运行同一命令即可从中断处继续。", s.committed);
		say_refused_kept(&o, &s);
		rc = 128 + *o.stop;
	} else if (rc == 3) {
		cli_error("%s", err);
		if (s.bulk && !o.dry_run)
			cli_error("一次导入已全部撤销，数据库与导入前相同；修正后重新运行同一命令即可。");
		else if (s.rows > 0 && !o.dry_run) {
			/* an edited file is another file: it starts again from the top,
			 * and the duplicate checks keep its committed rows single */
			cli_error("出错前已提交的 %ld 行保留在数据库中。", s.committed);
			if (s.file_broken) {
				/* run again as it is, it stops at the same place */
				cli_error("请改正文件中上面所说的那一处，另存后再导入：从头检查，已导入的行不会存两份。");
			} else {
				cli_error("文件未改动时，重新运行同一命令即从中断处继续；");
				cli_error("改正文件后再导入则从头检查，已导入的行不会存两份。");
			}
			say_refused_kept(&o, &s);
		}
	} else if (*s.finished_at && !o.dry_run) {
		char refused[48] = "";
		if (s.refused_before >= 0)
			snprintf(refused, sizeof refused, "，拒绝 %ld 行", s.refused_before);
		printf("文件 %s 已于 %s 导入完毕（导入 %ld 行%s），这次没有重复导入。\n", o.path, s.finished_at, s.skipped,
		       refused);
		/* the rows that run refused are not retried: say how to bring them */
		if (s.refused_before != 0) {
			printf("%s改正后另存为新文件再导入，已在库中的行不会重复存入；\n",
			       s.refused_before > 0 ? "被拒绝的行" : "当时若有被拒绝的行，");
			/* a finished file is not read again: only a dry run writes them */
			printf("加 --dry-run --refused 文件 可把被拒绝的行原样单独存出（试运行，不写入数据库）。\n");
			if (!o.update)
				printf("被拒绝的行若是库中已有记录的修改，加 --update 可以合并进去。\n");
		}
	} else {
		if (s.resumed_after && !o.progress) {
			/* on a terminal it was said before the progress lines */
			char note[200];
			imp_resume_note(&s, note, sizeof note);
			printf("%s\n", note);
		}
		/* short lines: a million rows' counts on one line passed 80 columns */
		if (o.dry_run)
			printf("试运行（未写入数据库）：\n");
		printf("共 %ld 行：%s %ld 行（其中不完整 %ld 行），拒绝 %ld 行。\n", s.rows,
		       o.dry_run ? "可导入" : "已导入", s.imported, s.incomplete, s.refused);
		if (s.already)
			printf("另有 %ld 行与数据库中已有的记录相同，%s重复存入。\n", s.already, o.dry_run ? "不会" : "未");
		if (s.repeated)
			printf("另有 %ld 行与本文件前面的行是同一条记录，内容相同，%s重复存入（报告中写明是第几行）。\n", s.repeated,
			       o.dry_run ? "不会" : "未");
		if (s.differs)
			printf("拒绝的行中有 %ld 行是数据库中已有的记录，内容与文件不同；\n%s。\n", s.differs,
			       o.update ? "这类记录请在对应的界面修改" : "要把文件中的修改合并进去，加 --update 再导入");
		if (s.differs_in_file)
			printf("拒绝的行中有 %ld 行与本文件前面的行是同一条记录，内容却不同；\n请核对这两行，改正后另存为新文件再导入。\n",
			       s.differs_in_file);
		if (o.update)
			printf("合并到已有记录 %ld 行（其中 %ld 行没有变化）。\n", s.merged, s.unchanged);
		if (s.newer_rows)
			printf("其中 %ld 行有 %ld 项数据库中的值较新（在文件这一行的更新时间之后修改过），已保留。\n", s.newer_rows,
			       s.newer_fields);
		if (*s.undated_note)
			printf("注意：%s。\n", s.undated_note);
		printf("问题 %ld 条%s%s。\n", s.problems, o.report ? "，详见 " : "", o.report ? o.report : "");
		if (!o.report)
			print_shown(stdout, &s, "；加 --report 文件 可得全部问题的清单");
		else if (s.report_appended)
			printf("（报告 %s 接在上次中断的那次运行的内容之后。）\n", o.report);
		if (o.refused && s.refused_kept > 0)
			printf("%s %ld 行已存入 %s%s，末列“拒绝原因”写明原因，改正后导入那个文件即可。\n", o.dry_run ? "会被拒绝的" : "被拒绝的",
			       s.refused_kept, o.refused, s.refused_appended ? "（接在上次中断的那次运行之后）" : "");
		else if (!o.refused && s.refused > 0)
			printf("加 --refused 文件 可把%s拒绝的 %ld 行连同拒绝原因存出，改正后导入那个文件。\n", o.dry_run ? "会被" : "被",
			       s.refused);
		if (o.dry_run && *s.finished_at)
			printf("注意：这个文件已于 %s 这样导入完毕，真正运行时不会再导入。\n", s.finished_at);
	}
	st_close(db);
	fdef_free(form);
	return rc;
}

/* The manufacturer penalises an invalid archive: an archive export says
 * which of its archives lack required fields or hold a refused value,
 * checked by the rules of the archive's form as a save would be. */
struct archive_check {
	struct rec *r;
	long bad;
	char first[3][2600];
};

static void check_archive(const char *const *vals, void *ctx)
{
	struct archive_check *ac = ctx;
	const struct fdef_form *f = ac->r->form;
	rec_clear(ac->r);
	for (int i = 0; i < f->nfields; i++)
		rec_set_at(ac->r, i, vals[i]);
	char req[1200] = "", inv[1200] = ""; /* the archive has 37 required fields */
	if (!rules_lacks(ac->r, RP_SAVE, req, sizeof req, inv, sizeof inv))
		return;
	if (ac->bad < 3)
		snprintf(ac->first[ac->bad], sizeof ac->first[ac->bad], "%.32s（VIN %.20s）%s%s%s%s", rec_get(ac->r, "cust_no"),
		         rec_get(ac->r, "vin"), *req ? "缺：" : "", req, *req && *inv ? "；有误：" : *inv ? "有误：" : "", inv);
	ac->bad++;
}

/* Written to a temporary file beside the target and renamed into place, so
 * a failed export never leaves a half file under the real name. */
int cli_export(const struct cli *c)
{
	if (c->argc < 2)
		return cli_usage_error("export 需要种类，例如：desk4s export customers --out 客户.csv");
	const char *kind = c->argv[1];
	const char *form_name = exp_form_of(kind);
	if (!form_name) {
		char list[256];
		return cli_usage_error("export：未知种类“%s”\n可用的种类：%s", kind, join_names(exp_kinds(), list, sizeof list));
	}
	struct exp_opts o = { 0 };
	const char *path = NULL;
	struct cli_seen seen = { 0 };
	for (int i = 2; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (strcmp(a, "--out") == 0 || strcmp(a, "--encoding") == 0) {
			if (++i == c->argc)
				return cli_usage_error("%s 需要一个参数", a);
			if (cli_once(&seen, a, c->argv[i]))
				return CLI_USAGE;
			if (a[2] == 'o') {
				/* an empty name is a script's unset variable, as with
				 * due --out: said before anything is opened */
				if (!*c->argv[i])
					return cli_usage_error("--out：文件名为空");
				/* "-" is standard output, as tools have it */
				path = strcmp(c->argv[i], "-") == 0 ? NULL : c->argv[i];
			} else if (cli_encoding(c->argv[i], &o.gb18030)) {
				return CLI_USAGE;
			}
		} else if (strcmp(a, "--mask") == 0) {
			if (cli_once(&seen, a, NULL))
				return CLI_USAGE;
			o.mask_mobile = o.mask_idno = 1;
		} else if (strcmp(a, "--excel") == 0) {
			if (cli_once(&seen, a, NULL))
				return CLI_USAGE;
			o.excel = 1;
		} else if (strcmp(a, "--from") == 0 || strcmp(a, "--to") == 0) {
			if (++i == c->argc)
				return cli_usage_error("%s 需要一个日期（YYYY-MM-DD）", a);
			if (cli_once(&seen, a, c->argv[i]))
				return CLI_USAGE;
			/* a script's unset variable, said as --out's is */
			if (!*c->argv[i])
				return cli_usage_error("%s：日期为空（要不限%s，不给 %s 即可）", a, a[2] == 'f' ? "开始" : "结束", a);
			char norm[16];
			struct val_result vr;
			if (val_date(c->argv[i], norm, sizeof norm, &vr) == VAL_ERROR)
				return cli_usage_error("%s %s：%s", a, c->argv[i], vr.msg);
			/* val_date's output is always YYYY-MM-DD */
			memcpy(a[2] == 'f' ? o.from : o.to, norm, sizeof o.from - 1);
		} else {
			return cli_usage_error("export：未知参数 %s", a);
		}
	}
	/* refused rather than ignored: a dated export of customers would look
	 * like one and hold them all */
	if ((*o.from || *o.to) && !exp_dated(kind))
		return cli_usage_error("export %s：--from/--to 只用于 export archive（按交车日期）；%s 不按日期选取，导出的是%s",
		                       kind, kind, strcmp(kind, "greetings") == 0 ? "现在同意营销联系的全部客户" : "全部记录");
	if (o.excel && exp_for_upload(kind))
		return cli_usage_error("export %s：厂家档案是上传用的文件，编号要原样写出，不能加 --excel；"
		                       "要在表格软件里查看，请导出 vehicles 或 customers 并加 --excel", kind);
	if (*o.from && *o.to && strcmp(o.from, o.to) > 0)
		return cli_usage_error("--from %s 晚于 --to %s：开始日期不能晚于结束日期", o.from, o.to);
	struct fdef_form *form = cli_load_form(c, form_name);
	if (!form)
		return CLI_FILE;
	struct st_db *db = NULL;
	int rc = cli_open_db(c, &db);
	if (!rc)
		cli_reading_as(db, "导出");
	if (!rc && path)
		rc = cli_out_allowed(db, path, NULL);
	if (rc) {
		if (db)
			rc = cli_end(db, rc);
		fdef_free(form);
		return rc;
	}
	/* exports obey the masking of the role: no path around it */
	struct staff_me me;
	int logged_in;
	rc = cli_session(c, db, AUTH_EXPORT, &me, &logged_in);
	if (rc != CLI_OK) {
		rc = cli_end(db, rc);
		fdef_free(form);
		return rc;
	}
	if (logged_in) {
		o.mask_mobile |= !auth_can(me.role, AUTH_WHOLE_MOBILE);
		o.mask_idno |= !auth_can(me.role, AUTH_WHOLE_IDNO);
	}
	/* caught before the temporary file exists: from then on a stop
	 * removes it */
	struct cli_stop stop;
	volatile sig_atomic_t *stop_signal = cli_stop_catch(&stop);
	struct fsafe_out fo;
	FILE *out = stdout;
	char err[1024];
	int had_file = cli_had_file(path);
	if (path) {
		if (fsafe_out_open(&fo, path, err, sizeof err) != 0) {
			cli_stop_release(&stop);
			cli_error("%s", err);
			rc = cli_end(db, CLI_FILE);
			fdef_free(form);
			return rc;
		}
		out = fo.f;
	}
	long rows, long_codes = 0, date_like = 0;
	char date_like_eg[160] = "";
	o.long_codes = &long_codes;
	o.date_like = &date_like;
	o.date_like_eg = date_like_eg;
	o.date_like_egsz = sizeof date_like_eg;
	struct archive_check ac = { .r = NULL };
	if (exp_for_upload(kind) && (ac.r = rec_new(form)) != NULL) {
		o.each = check_archive;
		o.each_ctx = &ac;
	}
	/* on the terminal, unless the rows themselves go there */
	if (isatty(STDERR_FILENO) && (path || !isatty(STDOUT_FILENO)))
		o.progress = stderr;
	st_interrupt_on(db, stop_signal);
	enum st_status st = exp_run(db, kind, form, out, &o, &rows, err, sizeof err);
	if (ac.r)
		rec_free(ac.r);
	/* logged before the file takes its name: an export whose log line
	 * cannot be written (SHEETS.md §6: every export is logged) leaves no
	 * file behind; one whose file then fails is logged all the same,
	 * the safer way round */
	int unlogged = 0;
	if (st == ST_OK) {
		char detail[PATH_MAX + 400], aerr[256], where[PATH_MAX + 16];
		/* the file wherever the command was run from (fpath_abs) */
		snprintf(detail, sizeof detail, "%s：%ld 条，%s%s", kind, rows,
		         path ? fpath_abs(path, where, sizeof where) : "标准输出",
		         o.mask_mobile || o.mask_idno ? "（已遮盖）" : "");
		st = audit_append(db, logged_in ? me.login : cli_staff(), "导出", NULL, detail, aerr, sizeof aerr);
		if (st != ST_OK) {
			unlogged = 1;
			if (path)
				snprintf(err, sizeof err, "没有写出 %s：这次导出无法记入使用日志（%s）", path, aerr);
			else
				snprintf(err, sizeof err, "导出的内容已写到标准输出，却无法记入使用日志（%s）", aerr);
		}
	}
	/* a stop while the log waited for the lock (minutes beside an import)
	 * ends that wait: not logged, so no file */
	st_interrupt_on(db, NULL);
	int stopped = st != ST_OK && *stop_signal;
	if (path && fsafe_out_close(&fo, st == ST_OK, err, sizeof err) != 0)
		st = ST_ERROR;
	int unwritten = st != ST_OK && path && !unlogged; /* the export's or the file's failure */
	cli_stop_release(&stop);
	if (stopped) {
		cli_said_stopped("导出", path, had_file);
		cli_close(db);
		fdef_free(form);
		return 128 + *stop_signal;
	}
	/* the writer's own message (写出失败：磁盘已满) does not know the file */
	if (unwritten && !strstr(err, path))
		cli_error("没有写出 %s：%s", path, err);
	else if (st != ST_OK)
		cli_error("%s", err);
	else if (path && exp_dated(kind)) {
		/* the range said back: a mistyped year (2025 for 2026) gave an
		 * empty upload file and exit 0 without a word */
		char range[64];
		if (*o.from && *o.to && strcmp(o.from, o.to) == 0)
			snprintf(range, sizeof range, "交车日期 %s", o.from);
		else if (*o.from && *o.to)
			snprintf(range, sizeof range, "交车日期 %s 至 %s", o.from, o.to);
		else if (*o.from || *o.to)
			snprintf(range, sizeof range, "交车日期 %s %s", *o.from ? o.from : o.to, *o.from ? "起" : "止");
		else
			snprintf(range, sizeof range, "全部交车日期");
		if (rows == 0)
			fprintf(stderr, "注意：没有新车销售档案（%s），%s 只有表头%s。\n", range, path,
			        *o.from || *o.to ? "；请核对 --from/--to 的日期" : "");
		else
			fprintf(stderr, "已导出 %ld 份档案（%s）到 %s。\n", rows, range, path);
	} else if (path)
		fprintf(stderr, "已导出 %ld 条记录到 %s。\n", rows, path);
	if (st == ST_OK && path && *fo.warn)
		fprintf(stderr, "%s\n", fo.warn);
	/* said where the file is meant for a person: a spreadsheet would show
	 * 1.10105E+17 and, saved again, keep 15 digits */
	if (st == ST_OK && long_codes > 0 && !o.excel && path)
		fprintf(stderr, "提示：%ld 个长数字编号（如身份证号码）在 Excel、WPS 中会显示成科学计数法，\n"
		                "再保存就会丢掉末几位；%s\n", long_codes,
		        exp_for_upload(kind) ? "上传前请不要用表格软件打开后再保存。" : "要用表格软件打开，请加 --excel 导出。");
	/* without --excel (which writes them as ="…"): how to open the file
	 * so that they stay as written */
	if (st == ST_OK && date_like > 0 && path)
		fprintf(stderr, "提示：%ld 个值（如%s）在 Excel、WPS 中直接打开会变成日期或数字，再保存就改了样；\n%s\n",
		        date_like, date_like_eg,
		        exp_for_upload(kind) ? "上传前请不要用表格软件打开后再保存。"
		                             : "要用表格软件打开，请加 --excel 导出，或用“数据 → 自文本/CSV”导入并把这些列设为“文本”。");
	if (st == ST_OK && ac.bad > 0) {
		fprintf(stderr, "注意：其中 %ld 份档案不完整，厂家系统会退回并处罚，请在客户档案中补全后重新导出：\n", ac.bad);
		for (long i = 0; i < ac.bad && i < 3; i++)
			fprintf(stderr, "  %s\n", ac.first[i]);
		if (ac.bad > 3)
			fprintf(stderr, "  另有 %ld 份\n", ac.bad - 3);
	}

	rc = cli_end(db, st != ST_OK ? CLI_FILE : CLI_OK);
	fdef_free(form);
	return rc;
}

static int print_form(const struct cli *c, const char *name)
{
	struct fdef_form *f = cli_load_form(c, name);
	if (!f)
		return CLI_FILE;
	printf("%s（%s）\n", f->title, f->name);
	for (int i = 0; i < f->nfields; i++) {
		const struct fdef_field *fd = &f->fields[i];
		printf("  %-16s %s  [%s %s %s.%s]", fd->key, fd->label, fdef_type_name(fd->type),
		       fdef_level_label(fd->level), fd->table, fd->column);
		for (int k = 0; k < fd->ncond; k++)
			printf(" 当%s%s%s", f->fields[fd->cond[k].field].key, fd->cond[k].negate ? "≠" : "=",
			       fd->cond[k].value);
		for (int k = 0; k < fd->napp; k++)
			printf(" 适用于%s%s%s", f->fields[fd->app[k].field].key, fd->app[k].negate ? "≠" : "=",
			       fd->app[k].value);
		if (*fd->check)
			printf(" 校验:%s", fd->check);
		/* in the words F1 on the field says (rules_field_words) */
		char accepts[512], typing[256];
		rules_field_words(f, i, accepts, sizeof accepts, typing, sizeof typing);
		printf("\n  %-16s %s%s%s\n", "", accepts, *typing ? "；" : "", typing);
	}
	fdef_free(f);
	return 0;
}

int cli_forms(const struct cli *c)
{
	if (c->argc > 2)
		return cli_usage_error("forms：多余的参数 %s", c->argv[2]);
	if (c->argc == 2) {
		/* a name that is no form is a mistyped argument (exit 2), not a
		 * file that failed (3); the shop's --forms directory holds the
		 * same names, so it is never asked for another path */
		const char *const *n = fdef_names();
		while (*n && strcmp(*n, c->argv[1]) != 0)
			n++;
		if (!*n) {
			char names[256] = "";
			for (n = fdef_names(); *n; n++)
				snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
				         n == fdef_names() ? "" : "、", *n);
			return cli_usage_error("forms：没有名为“%s”的表单（可用：%s）", c->argv[1], names);
		}
		return print_form(c, c->argv[1]);
	}
	for (const char *const *n = fdef_names(); *n; n++) {
		int rc = print_form(c, *n);
		if (rc)
			return rc;
	}
	return 0;
}

