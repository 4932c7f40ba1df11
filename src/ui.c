/* ui — the full-screen program's entry: checks, terminal lifecycle and
 * signals.  The terminal is restored on every way out: normal return,
 * exit() (atexit), SIGINT and crashes (signal handlers that only call
 * endwin and re-raise with the default action).  SIGHUP (the SSH
 * connection dropped) and SIGTERM end the session in order instead: the
 * handler only notes the signal, the key reader reports the hang-up, the
 * sheets with unsaved changes are kept as drafts (ui_app, ui_form) and
 * every screen unwinds; the status is then 128 + the signal, as if it had
 * killed us. */
#include "desk4s/ui.h"

#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "desk4s/ui_app.h"
#include "desk4s/auth.h"
#include "desk4s/draft.h"
#include "desk4s/ui_draft.h"
#include "desk4s/ui_keys.h"
#include "desk4s/ui_login.h"
#include "desk4s/ui_menu.h"
#include "desk4s/ui_screen.h"

static void on_signal(int sig)
{
	uis_restore();
	/* SA_RESETHAND already put the default back; let it act */
	raise(sig);
}

static void restore_at_exit(void) { uis_restore(); }

static void idle(void *db) { st_idle(db); }

static void install_handlers(void)
{
	static const int sigs[] = {SIGINT, SIGQUIT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
	/* no SA_RESTART: the blocked key read must return to see the flag */
	sa.sa_handler = uik_hangup_signal;
	sa.sa_flags = 0;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	atexit(restore_at_exit);
}

static int utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int ui_main(struct st_db *db, const struct ui_opts *o)
{
	struct uia a;
	char err[1024];
	const char *keys = getenv("DESK4S_KEYS");
	int headless = keys && *keys;

	memset(&a, 0, sizeof a);
	if (!headless && !isatty(STDIN_FILENO)) {
		fputs("desk4s: 标准输入不是终端，无法启动全屏界面。\n", stderr);
		return 2;
	}
	if (!utf8_locale()) {
		fputs("desk4s: 区域设置不是 UTF-8，中文会显示成乱码，已拒绝启动。"
		      "请设置 LC_ALL=C.UTF-8 或 zh_CN.UTF-8。\n"
		      "desk4s: the locale is not UTF-8; set LC_ALL=C.UTF-8.\n", stderr);
		return 2;
	}
	a.db = db;
	st_on_wait(db, uia_waiting, &a);
	a.db_path = o->db_path;
	/* a.staff and a.me are filled by the login screen */
	a.forms_dir = o->forms_dir;
	a.customer = fdef_load("customer", o->forms_dir, err, sizeof err);
	if (!a.customer) {
		fprintf(stderr, "desk4s: %s\n", err);
		return 3;
	}
	if (headless && uik_open_script(keys, err, sizeof err) != 0) {
		fprintf(stderr, "desk4s: %s\n", err);
		fdef_free(a.customer);
		return 2;
	}
	install_handlers();
	if (uis_start(headless, err, sizeof err) != 0) {
		fprintf(stderr, "desk4s: %s\n", err);
		uik_close_script();
		fdef_free(a.customer);
		return 2;
	}
	/* the menu runs for one session at a time; a session ended by a
	 * disabled account unwinds to here and the login screen says why */
	uik_set_idle(idle, db);
	while (uilg_run(&a, o->login)) {
		uidr_offer(&a); /* what a dropped connection left unsaved, first */
		if (!a.quit) uimn_run(&a);
		if (!a.ended[0]) break;
		a.quit = 0;
	}
	auth_wipe(&a.me, sizeof a.me);
	uis_stop();
	uik_close_script();
	fdef_free(a.customer);
	if (a.hangup) {
		/* on a live terminal (kill -HUP, kill) this is the last word;
		 * after a real hang-up nobody reads it */
		char where[4096];
		draft_file_dir(db, where, sizeof where);
		if (a.kept > 0 && a.kept_files > 0)
			fprintf(stderr, "desk4s: 会话已中断（信号 %d），%d 份未保存的登记表已保留为草稿；"
			                "数据库被其他终端占用，其中 %d 份暂存于 %s，下次登录时转入草稿，可恢复。\n",
			        a.hangup, a.kept, a.kept_files, where);
		else if (a.kept > 0)
			fprintf(stderr, "desk4s: 会话已中断（信号 %d），%d 份未保存的登记表已保留为草稿，"
			                "下次登录时可恢复。\n", a.hangup, a.kept);
		else if (a.kept < 0)
			fprintf(stderr, "desk4s: 会话已中断（信号 %d），未保存的登记表未能保留为草稿：%s\n",
			        a.hangup, a.kept_err);
		return 128 + a.hangup;
	}
	return 0;
}
