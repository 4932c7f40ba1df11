/* cli_due — `desk4s due`: the follow-up tasks falling due, as text, CSV
 * or PDF, to stdout or a file, or printed through CUPS.  Every option is
 * checked before the database is opened, so a typo costs nothing. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "desk4s/audit.h"
#include "desk4s/auth.h"
#include "desk4s/cli.h"
#include "desk4s/clock.h"
#include "desk4s/config.h"
#include "desk4s/due.h"
#include "desk4s/fpath.h"
#include "desk4s/fsafe.h"
#include "desk4s/oserr.h"
#include "desk4s/pdf.h"
#include "desk4s/print.h"
#include "desk4s/report.h"
#include "desk4s/staff.h"
#include "desk4s/text.h"
#include "desk4s/validate.h"

enum fmt { FMT_TEXT, FMT_CSV, FMT_PDF };

struct job {
	struct due_filter f;
	enum fmt fmt;
	int gb18030;
	const char *encoding;   /* as given, for the message when it does not apply */
	const char *out;        /* --out, or NULL */
	int print;
	const char *queue;      /* --print QUEUE, or NULL */
	struct rpt_meta meta;
	struct st_db *db;
	int mask;               /* the role may not see whole mobiles */
	int everyone;           /* --staff 全部 */
	int mark_unassigned;    /* a task of nobody's is marked 未分配, as on the screen */
	due_fn pdf_fn;          /* PDF: the pass over the tasks being made */
	void *pdf_ctx;
	struct rpt_stream *rs;  /* text and CSV: written as they come */
	struct rpt_async *async;  /* ... on a second thread, when one could start */
	size_t n;               /* tasks listed */
	volatile sig_atomic_t *stop; /* Ctrl-C or a kill came (cli_stoppable) */
	const char *staff;      /* who the usage log names */
	int logged;             /* its line is in */
	char *err;              /* make's and log_step's message */
	size_t errsz;
};

/* One task from due_list: masked as the role requires, then written out
 * (text, CSV) or handed to the PDF's pass. */
static int on_task(const struct due_task *t, void *ctx)
{
	struct job *j = ctx;
	struct due_task masked;
	if (j->mask || (j->mark_unassigned && !*t->staff)) {
		masked = *t;
		if (j->mask)
			auth_mask_mobile(t->mobile, masked.mobile, sizeof masked.mobile);
		/* the screen's form for a narrow column: a terminal may narrow
		 * it to its heading's 6 cells, which "（未分配）" does not fit */
		if (j->mark_unassigned && !*t->staff)
			snprintf(masked.staff, sizeof masked.staff, "未分配");
		t = &masked;
	}
	return j->fmt == FMT_PDF ? j->pdf_fn(t, j->pdf_ctx)
	     : j->async ? rpt_async_row(t, j->async) : rpt_row(t, j->rs);
}

/* List the tasks into f in the job's format; 0, or -1 with err. */
/* The PDF's source: the listing once more. */
static long list_for_pdf(void *src, due_fn fn, void *ctx, char *err, size_t errsz)
{
	struct job *j = src;
	j->pdf_fn = fn;
	j->pdf_ctx = ctx;
	long n = due_list(j->db, &j->f, on_task, j, err, errsz);
	if (n >= 0)
		j->n = (size_t)n;
	return n;
}

static int render(FILE *f, struct job *j, char *err, size_t errsz)
{
	if (j->fmt == FMT_PDF) {
		/* stopped as it started (Ctrl-C pending): Pango's font thread is not
		 * even started, whose caches a stopped PDF leaves for the exit */
		if (*j->stop)
			return -1;
		/* it reads the list twice: both times as it stood when it began */
		if (st_read_begin(j->db, err, errsz) != ST_OK)
			return -1;
		int rc = pdf_due_from(f, &j->meta, list_for_pdf, j, err, errsz);
		st_read_end(j->db);
		return rc;
	}
	j->rs = rpt_open(f, j->fmt == FMT_CSV, &j->meta, j->gb18030, err, errsz);
	if (!j->rs)
		return -1;
	j->async = rpt_async_start(j->rs);
	long n = due_list(j->db, &j->f, on_task, j, err, errsz);
	/* a row that could not be written is the stream's error: rpt_close
	 * reports it */
	if (j->async)
		rpt_async_finish(j->async);
	j->async = NULL;
	if (n < 0) {
		rpt_abandon(j->rs);
		return -1;
	}
	j->n = rpt_rows(j->rs);
	return rpt_close(j->rs, err, errsz);
}

/* Render into tmp (a mkstemp pattern), flushed and synced; the caller
 * renames or prints it.  0, or -1 with err and tmp removed. */
static int render_file(char *tmp, struct job *j, const char *name, char *err, size_t errsz)
{
	int fd = mkstemp(tmp);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		snprintf(err, errsz, "无法写入 %s：%s", name, oserr_text(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return -1;
	}
	int bad = render(f, j, err, errsz) != 0;
	/* see fsafe_out_close: an earlier failed write is in the error flag */
	if (!bad && ferror(f)) {
		snprintf(err, errsz, "写入 %s 失败：%s", name, oserr_text(errno ? errno : EIO));
		bad = 1;
	}
	if (!bad && (fflush(f) != 0 || fsync(fileno(f)) != 0)) {
		snprintf(err, errsz, "写入 %s 失败：%s", name, oserr_text(errno));
		bad = 1;
	}
	if (fclose(f) != 0 && !bad) {
		snprintf(err, errsz, "写入 %s 失败：%s", name, oserr_text(errno));
		bad = 1;
	}
	if (bad)
		unlink(tmp);
	return bad ? -1 : 0;
}

/* The usage log's line of a list that leaves the program (a file, paper,
 * standard output into a file or a pipe): 0, or -1 with err. */
/* paper: the print once sent; else the file or standard output.  With
 * --print and --out both are logged, each as what it is: the file had
 * been logged as a print, so a print that then failed stood in the log as
 * paper and the file holding the list was named nowhere */
static int log_job(struct job *j, int paper, char *err, size_t errsz)
{
	char detail[PATH_MAX + 200], aerr[256], where[PATH_MAX + 16];
	snprintf(detail, sizeof detail, "回访到期清单 %s 至 %s：%zu 条，%s%s", j->f.from, j->f.to, j->n,
	         paper ? "打印机 " : j->out ? "文件 " : "标准输出",
	         paper ? (j->queue ? j->queue : "默认") : j->out ? fpath_abs(j->out, where, sizeof where) : "");
	if (audit_append(j->db, j->staff, paper ? "打印" : "导出", NULL, detail, aerr, sizeof aerr) != ST_OK) {
		snprintf(err, errsz, "%s", aerr);
		return -1;
	}
	j->logged = 1;
	return 0;
}

/* Written whole or not at all (fsafe_out): a failure never leaves a
 * half-written file under the real name.  Logged before the file takes
 * its name: a list whose log line cannot be written (every export is
 * logged, SHEETS.md §6) leaves no file behind. */
static int write_out(struct job *j, char *err, size_t errsz)
{
	struct fsafe_out o;
	if (fsafe_out_open(&o, j->out, err, errsz) != 0)
		return -1;
	int ok = render(o.f, j, err, errsz) == 0;
	char lerr[512];
	if (ok && log_job(j, 0, lerr, sizeof lerr) != 0) {
		snprintf(err, errsz, "没有写出 %s：这次导出无法记入使用日志（%s）", j->out, lerr);
		ok = 0;
	}
	if (fsafe_out_close(&o, ok, err, errsz) != 0)
		return -1;
	if (*o.warn)
		fprintf(stderr, "%s\n", o.warn);
	return 0;
}

/* The PDF handed to lp is named after the process that wrote it.  One
 * killed before it could remove its file (kill -9, a power cut) leaves it
 * behind: the next print removes those of ours whose process is gone. */
#define PRINT_TMP_PREFIX "desk4s-due-"

static void sweep_left_pdfs(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return; /* mkstemp then says what is wrong with the directory */
	struct dirent *e;
	size_t plen = strlen(PRINT_TMP_PREFIX);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, PRINT_TMP_PREFIX, plen) != 0)
			continue;
		char *end;
		long pid = strtol(e->d_name + plen, &end, 10);
		if (pid <= 0 || *end != '-' || (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
			continue;
		char path[4200];
		struct stat sb;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (lstat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == getuid())
			unlink(path);
	}
	closedir(d);
}

/* A print that failed after --out's file was written: the file stays
 * (logged as it took its name), said, as nothing else tells of it. */
static int unprinted(const struct job *j)
{
	if (j->out)
		fprintf(stderr, "回访清单已写入 %s，但没有打印；打印机恢复后可以打印这个文件。\n", j->out);
	return CLI_FILE;
}

static int print_pdf(struct job *j)
{
	char tmp[4200], err[1024], msg[1024], title[128];
	const char *path = j->out;
	if (!path) {
		const char *dir = getenv("TMPDIR");
		dir = dir && *dir ? dir : "/tmp";
		sweep_left_pdfs(dir);
		snprintf(tmp, sizeof tmp, "%s/" PRINT_TMP_PREFIX "%ld-XXXXXX", dir, (long)getpid());
		if (render_file(tmp, j, "临时文件", err, sizeof err) != 0) {
			if (!*j->stop) /* stopped: the caller says so */
				cli_error("%s", err);
			return CLI_FILE;
		}
		path = tmp;
	}
	enum prn_status st = PRN_FAILED;
	if (!*j->stop) {
		rpt_title(&j->meta, title, sizeof title);
		st = prn_send(path, j->queue, title, msg, sizeof msg);
	}
	if (!j->out)
		unlink(tmp); /* lp has handed the file to the scheduler by now */
	if (st != PRN_OK && *j->stop)
		return CLI_FILE;
	const char *q = j->queue ? j->queue : "";
	if (st == PRN_NO_LP) {
		cli_error("%s", msg);
		return unprinted(j);
	}
	char where[160];
	if (*q)
		snprintf(where, sizeof where, "打印机“%s”", q);
	else
		snprintf(where, sizeof where, "默认打印机");
	if (st == PRN_NO_SCHEDULER) {
		cli_error("打印失败（%s）：%s。请先启动 CUPS（如 systemctl start cups），再打印", where, msg);
		return unprinted(j);
	}
	if (st == PRN_REJECTING) {
		cli_error("打印失败（%s）：%s。请管理员在 CUPS 中恢复接收（cupsaccept 打印机名），再打印", where, msg);
		return unprinted(j);
	}
	if (st == PRN_FAILED) {
		cli_error("打印失败（%s）：%s。%s", where, msg,
		          *q ? "可用 lpstat -p 查看已有的打印机"
		             : "请用 --print 打印机名 或设置 printer（desk4s config printer 打印机名）指定");
		return unprinted(j);
	}
	fprintf(stderr, "已将 %zu 条回访任务发送到打印机%s%s%s（%s）。\n", j->n, *q ? "“" : "",
	        *q ? q : "（默认）", *q ? "”" : "", msg);
	if (*j->stop)
		fprintf(stderr, "中断时清单已交给打印机；如不需要，请用 cancel 取消这个打印任务。\n");
	return CLI_OK;
}

/* The list made: to --out, to the printer (--out's file, else one of its
 * own) or to standard output.  CLI_OK, or the exit status with j->err
 * said or set. */
static int make(void *ctx, volatile sig_atomic_t *stop)
{
	struct job *j = ctx;
	j->stop = j->meta.stop = stop;
	if (j->out && write_out(j, j->err, j->errsz) != 0)
		return CLI_FILE;
	if (j->print) /* the file written, if one is asked for, is what is printed */
		return print_pdf(j);
	if (!j->out && (render(stdout, j, j->err, j->errsz) != 0 || fflush(stdout) != 0))
		return CLI_FILE;
	return CLI_OK;
}

static int log_step(void *ctx, volatile sig_atomic_t *stop)
{
	(void)stop;
	struct job *j = ctx;
	return log_job(j, j->print, j->err, j->errsz);
}

/* The width of the terminal on standard output: COLUMNS when it is set
 * (it overrides the terminal's own, as for curses and POSIX utilities),
 * else what the terminal says, else 80. */
static int term_width(void)
{
	const char *e = getenv("COLUMNS");
	char *end;
	long v = e && *e ? strtol(e, &end, 10) : 0;
	if (v > 0 && v <= 10000 && *end == 0)
		return (int)v;
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static int date_opt(const char *opt, const char *v, char *out)
{
	char norm[16];
	struct val_result vr;
	/* a script's unset variable, said as export's is: not a date in the
	 * wrong format */
	if (!*v)
		return cli_usage_error("%s：日期为空（要%s，不给 %s 即可）", opt, opt[2] == 'f' ? "从今天起" : "到今天为止",
		                       opt);
	if (val_date(v, norm, sizeof norm, &vr) == VAL_ERROR)
		return cli_usage_error("%s %s：%s（日期写作 2026-12-09、20261209、2026/12/09 或 2026年12月9日）", opt, v, vr.msg);
	memcpy(out, norm, 10); /* val_date's output is always YYYY-MM-DD */
	out[10] = 0;
	return 0;
}

static int parse(const struct cli *c, struct job *j)
{
	const char *format = NULL;
	struct cli_seen seen = { 0 };
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i];
		const char *v = NULL;
		if (strcmp(a, "--print") == 0 || strncmp(a, "--print=", 8) == 0) {
			j->print = 1;
			/* the queue is optional: the next word, unless it is an option */
			if (a[7] == '=')
				v = a + 8;
			else if (i + 1 < c->argc && c->argv[i + 1][0] != '-')
				v = c->argv[++i];
			if (cli_once(&seen, "--print", v))
				return CLI_USAGE;
			j->queue = v;
			if (j->queue && !*j->queue)
				return cli_usage_error("--print=：打印机名为空");
			continue;
		}
		static const char *const valued[] = { "--from", "--to", "--kind", "--staff", "--format",
		                                      "--encoding", "--out", NULL };
		int k = 0;
		for (; valued[k]; k++)
			if (strcmp(a, valued[k]) == 0)
				break;
		if (!valued[k]) {
			if (a[0] == '-' && a[1])
				return cli_usage_error("due：未知选项 %s", a);
			return cli_usage_error("due：多余的参数 %s", a);
		}
		if (++i == c->argc)
			return cli_usage_error("%s 需要一个参数", a);
		v = c->argv[i];
		if (cli_once(&seen, valued[k], v))
			return CLI_USAGE;
		int rc = 0;
		switch (k) {
		case 0: rc = date_opt(a, v, j->f.from); break;
		case 1: rc = date_opt(a, v, j->f.to); break;
		case 2:
			if (!due_is_kind(v)) {
				char list[256] = "";
				for (const char *const *n = due_kinds(); *n; n++)
					snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
					         n == due_kinds() ? "" : "、", *n);
				return cli_usage_error("--kind：未知类型“%s”\n可用的类型：%s", v, list);
			}
			j->f.kind = v;
			break;
		case 3:
			if (!*v)
				return cli_usage_error("--staff：负责人为空（要列出所有人的，写 --staff 全部）");
			/* the screen's word for no 负责人 filter */
			if (txt_same_folded(v, "全部"))
				j->everyone = 1;
			else
				j->f.staff = v;
			break;
		case 4: format = v; break;
		case 5:
			j->encoding = v;
			rc = cli_encoding(v, &j->gb18030);
			break;
		case 6:
			if (!*v)
				return cli_usage_error("--out：文件名为空");
			j->out = strcmp(v, "-") == 0 ? NULL : v; /* "-": standard output */
			break;
		}
		if (rc)
			return rc;
	}
	/* --out x.pdf / x.csv / x.txt without --format: the name says what is
	 * wanted (text under a .pdf name was written once, to nobody's use);
	 * with --format it must agree, or CSV went silently into y.pdf */
	static const char *const ext_fmt[][3] = { { ".pdf", "pdf", "PDF" }, { ".csv", "csv", "CSV" },
	                                          { ".txt", "text", "纯文本" } };
	const char *dot = j->out ? strrchr(j->out, '.') : NULL;
	const char *named = NULL, *named_word = NULL;
	for (size_t e = 0; dot && e < sizeof ext_fmt / sizeof ext_fmt[0]; e++)
		if (strcasecmp(dot, ext_fmt[e][0]) == 0) {
			named = ext_fmt[e][1];
			named_word = ext_fmt[e][2];
		}
	const char *wanted = format ? format : j->print ? "pdf" : named;
	if (!wanted || strcmp(wanted, "text") == 0)
		j->fmt = FMT_TEXT;
	else if (strcmp(wanted, "csv") == 0)
		j->fmt = FMT_CSV;
	else if (strcmp(wanted, "pdf") == 0)
		j->fmt = FMT_PDF;
	else
		return cli_usage_error("--format：应为 text、csv 或 pdf，而不是“%s”", format);
	if (j->print && j->fmt != FMT_PDF)
		return cli_usage_error("--print 总是打印 PDF（纯文本经 CUPS 打印时中文会变成方框），"
		                       "不能与 --format %s 同用", format);
	if (named && strcmp(named, wanted) != 0) {
		if (!format)
			return cli_usage_error("--out %s 的文件名是 %s 文件，--print 却总是写出 PDF：请把文件名改为 .pdf",
			                       j->out, named_word);
		return cli_usage_error("--out %s 的文件名是 %s 文件，--format 却是 %s：请让两者一致"
		                       "（不给 --format 时按文件名定格式）", j->out, named_word, format);
	}
	if (j->encoding && j->fmt == FMT_PDF)
		return cli_usage_error("--encoding 只用于 text 和 csv 格式，PDF 自带字体，不需要指定编码");
	/* a PDF on a terminal is only noise; into a pipe or a file it is fine */
	if (j->fmt == FMT_PDF && !j->print && !j->out && isatty(STDOUT_FILENO))
		return cli_usage_error("--format pdf 需要 --out 文件（或重定向到文件、管道，或用 --print 打印）");

	char t[11];
	val_today_iso(t);
	if (!j->f.from[0])
		snprintf(j->f.from, sizeof j->f.from, "%.10s", t);
	/* a lone --from after today asks for that day's list (tomorrow's, a
	 * Monday's): --to today had refused it as the wrong way round; one
	 * before today still runs to today, the overdue carried forward */
	if (!j->f.to[0])
		snprintf(j->f.to, sizeof j->f.to, "%.10s", strcmp(j->f.from, t) > 0 ? j->f.from : t);
	if (strcmp(j->f.from, j->f.to) > 0)
		return cli_usage_error("--from %s 晚于 --to %s：开始日期不能晚于结束日期（不给 --from 时默认今天）",
		                       j->f.from, j->f.to);
	return 0;
}

int cli_due(const struct cli *c)
{
	struct job j = { .fmt = FMT_TEXT };
	int rc = parse(c, &j);
	if (rc)
		return rc;
	memcpy(j.meta.from, j.f.from, sizeof j.meta.from);
	memcpy(j.meta.to, j.f.to, sizeof j.meta.to);
	clk_now(j.meta.generated, sizeof j.meta.generated);

	struct st_db *db;
	if ((rc = cli_open_db(c, &db)))
		return rc;
	cli_reading_as(db, "回访清单");
	if (j.out && (rc = cli_out_allowed(db, j.out, NULL)))
		return cli_end(db, rc);
	/* paper and files carry customer data out of the program: only roles
	 * with 打印 / 导出 make them, and masking follows the role */
	struct staff_me me;
	int logged_in;
	/* standard output into a file or a pipe carries the list out as --out
	 * does; on the terminal it is only looked at */
	int leaves = j.out || !isatty(STDOUT_FILENO);
	rc = cli_session(c, db, j.print ? AUTH_PRINT : leaves ? AUTH_EXPORT : AUTH_VIEW, &me, &logged_in);
	/* --print with --out also writes a file: that is an export too */
	if (!rc && logged_in && j.print && j.out)
		rc = cli_require(db, &me, AUTH_EXPORT);
	if (rc)
		return cli_end(db, rc);
	char err[1024] = "";
	if (logged_in && !auth_can(me.role, AUTH_ALL_ACARDS))
		j.f.acards_of = staff_sheet_name(&me);
	j.f.no_archives = logged_in && !auth_archive_duty(me.role);
	if (j.f.no_archives && j.f.kind && strcmp(j.f.kind, "档案上传") == 0) {
		/* an empty list would read as nothing due */
		return cli_end(db, cli_usage_error("--kind 档案上传：档案上传由前台、经理处理，%s的回访清单中没有这一类",
		                                   auth_role_name(me.role)));
	}
	/* an archive's reason names what it lacks by the shop's archive form */
	struct fdef_form *archive = NULL;
	if (!j.f.no_archives) {
		char ferr[512];
		archive = fdef_load("archive", c->forms, ferr, sizeof ferr);
		/* the rest of the list does not depend on it: listed unchecked, said */
		if (!archive && (!j.f.kind || strcmp(j.f.kind, "档案上传") == 0))
			cli_error("档案上传未检查缺项：%s", ferr);
		j.f.archive_unread = !archive;
	}
	j.f.archive = archive;
	j.meta.no_export = logged_in && !auth_can(me.role, AUTH_EXPORT);
	/* --staff takes a login or the name the tasks carry (the sheets hold
	 * names): a login is turned into its account's name */
	struct staff_info who;
	char who_err[128];
	int account = j.f.staff && staff_get(db, j.f.staff, &who, who_err, sizeof who_err) == ST_OK;
	if (account && *who.name)
		j.f.staff = who.name;
	/* a consultant's or an advisor's list is, as their screen opens on
	 * (回访到期清单), their own tasks and those nobody is named for, which
	 * are theirs to take too; it had been everyone's but other
	 * consultants' A-card calls.  --staff 全部 lists everyone's */
	int own = logged_in && !auth_any_followup(me.role) && !j.f.staff && !j.everyone;
	if (own) {
		j.f.staff = staff_sheet_name(&me);
		j.f.with_unassigned = 1;
	}
	j.mark_unassigned = logged_in && !auth_any_followup(me.role);
	snprintf(j.meta.filter, sizeof j.meta.filter, "%s%s%s%s%s%s", j.f.kind ? "类型：" : "", j.f.kind ? j.f.kind : "",
	         j.f.kind && j.f.staff ? "　　" : "", j.f.staff ? "负责人：" : "", j.f.staff ? j.f.staff : "",
	         own ? "及未分配" : "");
	/* the queue: --print QUEUE, the shop's setting, the environment, else
	 * CUPS's default; the shop's name likewise */
	char printer[128], shop[128];
	const char *env = getenv("DESK4S_PRINTER");
	if (!j.queue && j.print)
		j.queue = cfg_get(db, "printer", printer, sizeof printer) == 1 ? printer : env && *env ? env : NULL;
	env = getenv("DESK4S_SHOP");
	j.meta.shop = cfg_get(db, "shop_name", shop, sizeof shop) == 1 ? shop : env && *env ? env : "本店";
	j.db = db;
	j.mask = logged_in && !auth_can(me.role, AUTH_WHOLE_MOBILE);
	/* a month's PDF at a large shop takes a minute: say how far it got */
	j.meta.progress = isatty(STDERR_FILENO) ? stderr : NULL;
	/* text read on the terminal fits it (a wrapped row is two half rows);
	 * a file or a pipe keeps every column whole, as paper does */
	if (j.fmt == FMT_TEXT && !j.out && isatty(STDOUT_FILENO))
		j.meta.width = term_width();
	j.staff = logged_in ? me.login : cli_staff();
	int had_file = cli_had_file(j.out);
	j.err = err;
	j.errsz = sizeof err;
	int sig;
	rc = cli_stoppable(db, make, &j, &sig);
	if (rc != CLI_OK && sig) {
		/* the file went with its temporary name, the print job was not sent */
		cli_close(db);
		fdef_free(archive);
		if (j.print)
			cli_error("回访清单已中断：没有送去打印。");
		else
			cli_said_stopped("回访清单", j.out, had_file);
		return 128 + sig;
	}
	int unwritten = rc == CLI_FILE && j.out; /* not the log's failure after it */
	/* a file was logged before it took its name; paper once sent; standard
	 * output into a file or a pipe, which carries the list out as --out
	 * does (and asked the same permission), once written */
	char lerr[512];
	int logrc = 0;
	if (rc == CLI_OK && (j.print || (leaves && !j.logged))) {
		/* its entry waits for the log's lock beside an import (up to 30
		 * minutes): Ctrl-C ends that wait, said, as it ends an export's,
		 * where it had killed the command without a word */
		j.err = lerr;
		j.errsz = sizeof lerr;
		logrc = cli_stoppable(db, log_step, &j, &sig);
		if (logrc != 0 && sig) {
			cli_close(db);
			fdef_free(archive);
			cli_error("回访清单已中断：%s，但没有记入使用日志。", j.print ? "已送去打印" : "清单已写到标准输出");
			return 128 + sig;
		}
	}
	if (logrc != 0) {
		rc = CLI_FILE;
		if (j.print)
			snprintf(err, sizeof err, "%s", lerr);
		else
			snprintf(err, sizeof err, "回访清单已写到标准输出，却无法记入使用日志（%s）", lerr);
	}
	/* the writers' own messages (写出失败：磁盘已满) do not know the file;
	 * said before the wait to log the login, which a stop ends */
	if (unwritten && *err && !strstr(err, j.out))
		cli_error("没有写出 %s：%s", j.out, err);
	else if (rc == CLI_FILE && *err)
		cli_error("%s", err);
	rc = cli_end(db, rc);
	fdef_free(archive);
	if (rc == CLI_OK && j.out)
		fprintf(stderr, "已将 %zu 条回访任务写入 %s。\n", j.n, j.out);
	/* names on tasks are free text (an old system's 张工), so a name that
	 * is no account is taken; with nothing found it is most likely a slip */
	if (rc == CLI_OK && j.n == 0 && j.f.staff && !account && !own)
		fprintf(stderr, "注意：没有负责人为“%s”的回访任务，也没有这个登录名或姓名的员工；"
		                "请核对 --staff（desk4s user list 列出员工）。\n", j.f.staff);
	if (rc == CLI_OK && own)
		fprintf(stderr, "注意：没有给 --staff，%s的回访清单只列出本人（%s）负责的和未分配的任务，与回访到期清单屏幕相同；"
		                "要列出所有人的，请加 --staff 全部。\n", auth_role_name(me.role), j.f.staff);
	return rc;
}
