/* ui_app — the frame every screen shares and the modal pieces (questions,
 * help).  Screens redraw everything on each pass through their loop, so a
 * resize needs no special care beyond asking for a redraw. */
#include "desk4s/ui_app.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/audit.h"
#include "desk4s/text.h"
#include "desk4s/ui_form.h"
#include "desk4s/ui_screen.h"
#include "desk4s/validate.h"

void uia_set_msg(struct uia *a, enum uia_msg kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	txt_drop_partial(a->msg); /* a long message cut by the buffer ends on a whole character */
	a->msg_kind = kind;
}

void uia_set_notice(struct uia *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->notice, sizeof a->notice, fmt, ap);
	va_end(ap);
}

static int starts_closing(const char *s)
{
	static const char *const p[] = { "，", "。", "、", "；", "：", "！", "？", "）", "」", "』", "”", "…" };
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
		if (strncmp(s, p[i], strlen(p[i])) == 0) return 1;
	return strchr(",.;:)!?", *s) != NULL && *s;
}

/* A character of a code written in ASCII: letters, digits and what joins
 * them (WO20261206-0001, 19:37, a@b.cn). */
static int in_code(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c && strchr("-_./:@", c));
}

/* The cells of the first n bytes of s. */
static int cells_of(const char *s, size_t n)
{
	char buf[256];
	if (n >= sizeof buf) n = sizeof buf - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
	return txt_width(buf);
}

/* 1 when s starts with a plate's province character and next, the code
 * after it, with the letter a plate goes on with (已为浙A12345开单): the
 * two are one word wherever the sentence puts them. */
static int plate_province(const char *s, char next)
{
	static const char provinces[] = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
	if (next < 'A' || next > 'Z')
		return 0;
	for (const char *p = provinces; *p; p += 3)
		if (memcmp(s, p, 3) == 0)
			return 1;
	return 0;
}

int uia_wrap(const char *s, int w, char lines[][256], int max)
{
	int n = 0;
	if (w < 2) w = 2;
	while (*s && n < max) {
		size_t nl = strcspn(s, "\n");
		size_t fit = txt_fit(s, w);
		if (fit > nl) fit = nl;
		/* lines hold 255 bytes: back off to a character boundary */
		while (fit > 255 || (fit > 0 && (s[fit] & 0xC0) == 0x80)) fit--;
		if (fit == 0 && nl > 0) {
			/* a character wider than the line: take it anyway */
			uint32_t cp;
			fit = txt_decode(s, strlen(s), &cp);
		}
		/* a line does not start with closing punctuation (，。、：)）: the
		 * character before it goes down with it */
		if (fit < nl && fit > 0 && starts_closing(s + fit)) {
			size_t b = fit - 1;
			while (b > 0 && (s[b] & 0xC0) == 0x80) b--;
			if (b > 0) fit = b;
		}
		/* a long list reads better broken after its separators than mid-word */
		if (fit < nl) {
			for (size_t b = fit; b > fit / 2; b--)
				if (b >= 3 && (memcmp(s + b - 3, "、", 3) == 0 || memcmp(s + b - 3, "；", 3) == 0 ||
				               memcmp(s + b - 3, "，", 3) == 0 || memcmp(s + b - 3, "。", 3) == 0 ||
				               memcmp(s + b - 3, "：", 3) == 0)) {
					fit = b;
					break;
				}
		}
		/* nor inside a code (a plate, a VIN, a customer number, a time):
		 * 浙AJ / YWQT read as two; it goes down whole, with a plate's
		 * province in front of it, where the line stays over half full */
		if (fit < nl && fit > 0 && in_code(s[fit - 1]) && in_code(s[fit])) {
			size_t b = fit;
			while (b > 0 && in_code(s[b - 1])) b--;
			size_t p = b;
			if (p > 0 && (s[p - 1] & 0x80)) {
				do p--; while (p > 0 && (s[p] & 0xC0) == 0x80);
				if (!(p == 0 || s[p - 1] == ' ' || plate_province(s + p, s[b]))) p = b;
			}
			if (cells_of(s, p) * 2 > w) fit = p;
			else if (cells_of(s, b) * 2 > w) fit = b;
		} else if (fit < nl && fit >= 3 && in_code(s[fit]) && plate_province(s + fit - 3, s[fit]) &&
		           cells_of(s, fit - 3) * 2 > w) {
			fit -= 3; /* the line ends on the province itself: 浙 / AJYWQT */
		}
		memcpy(lines[n], s, fit);
		lines[n][fit] = 0;
		n++;
		s += fit;
		if (*s == '\n') s++;
	}
	if (*s && n > 0) {
		/* more than the lines hold: say so on the last one, so a cut list
		 * of fields does not read as complete */
		char *last = lines[n - 1];
		size_t keep = txt_fit(last, w - 2);
		if (keep > 252) keep = 252;
		while (keep > 0 && (last[keep] & 0xC0) == 0x80) keep--;
		memcpy(last + keep, "…", sizeof "…");
	}
	return n;
}

/* The role the hints and the help offer keys to (as the status line
 * names it): nobody's before a login. */
static int role_of(const struct uia *a) { return a->me.login[0] ? (int)a->me.role : UIK_NOBODY; }

static void draw_status(struct uia *a)
{
	char date[32], line[1024], who[160];
	val_today_iso(date);
	/* name and role: staff check at a glance who is logged in at this desk */
	if (a->me.login[0])
		snprintf(who, sizeof who, "%s（%s）", a->me.name[0] ? a->me.name : a->me.login,
		         auth_role_name(a->me.role));
	else
		snprintf(who, sizeof who, "未登录");
	snprintf(line, sizeof line, "%s%s员工：%s  日期：%s  数据库：", a->notice,
	         a->notice[0] ? "  │ " : "", who, date);
	/* a long path keeps its end (the file name) rather than push the rest off */
	const char *path = a->db_path ? a->db_path : "";
	int room = COLS - 1 - txt_width(line);
	if (txt_width(path) > room && room > 4) {
		while (*path && txt_width(path) > room - 1) {
			uint32_t cp;
			path += txt_decode(path, strlen(path), &cp);
		}
		strncat(line, "…", sizeof line - strlen(line) - 1);
	}
	strncat(line, path, sizeof line - strlen(line) - 1);
	uis_putpad(LINES - 1, 0, COLS, line, uis_attr(UIS_STATUS));
}

/* The last frame drawn, so that a pick list can have the screen drawn
 * anew behind it after a resize (uis_redraw_behind). */
struct frame_args {
	struct uia *a;
	char title[512], right[256];
	uik_scopes scopes;
};
static struct frame_args g_frame;
static struct uifm *g_sheet; /* the sheet of the current frame (uia_frame_sheet) */
static int g_hint_row = -1;  /* the row of the last frame's key hints */
static uik_scopes g_front;   /* the keys of a box over the frame (uia_front_keys) */
/* The question in front (uia_ask), whose answers F1 and the bar say. */
struct ask_args { const char *answers, *keys; };
static struct ask_args g_ask;

static int frame_again(void *ctx, int *top, int *height)
{
	(void)ctx;
	return uia_frame(g_frame.a, g_frame.title, g_frame.right, g_frame.scopes, top, height);
}

static void remember_frame(struct uia *a, const char *title, const char *right, uik_scopes scopes,
                           int top, int height)
{
	if (title != g_frame.title) { /* not frame_again itself */
		g_frame.a = a;
		snprintf(g_frame.title, sizeof g_frame.title, "%s", title);
		snprintf(g_frame.right, sizeof g_frame.right, "%s", right ? right : "");
		g_frame.scopes = scopes;
	}
	uis_behind_frame(frame_again, NULL, top, height);
}

/* s in at most w cells: its start and its end, "…" between (the end
 * gets up to half).  0 when it does not fit in out. */
static int middle_cut(const char *s, int w, char *out, size_t outsz)
{
	size_t len = strlen(s);
	int tail_w = (w - 1) / 2;
	const char *tail = s + len;
	while (tail > s) {
		const char *p = tail - 1;
		while (p > s && (*p & 0xC0) == 0x80) p--;
		if (txt_width(p) > tail_w) break;
		tail = p;
	}
	size_t head = txt_fit(s, w - 1 - txt_width(tail));
	if (head + strlen("…") + strlen(tail) + 1 > outsz) return 0;
	snprintf(out, outsz, "%.*s…%s", (int)head, s, tail);
	return 1;
}

int uia_frame(struct uia *a, const char *title, const char *right, uik_scopes scopes,
              int *top, int *height)
{
	if (uis_too_small()) {
		uis_draw_too_small();
		return -1;
	}
	erase();
	g_sheet = NULL; /* until the sheet of this frame draws itself */
	attr_t ta = uis_attr(UIS_TITLE);
	char t[512];
	snprintf(t, sizeof t, " desk4s │ %s", title);
	uis_putpad(0, 0, COLS, t, ta);
	if (right && *right) {
		int rw = txt_width(right);
		if (rw < COLS - txt_width(t) - 2) {
			uis_put(0, COLS - rw - 1, rw, right, ta);
		} else {
			/* too long (a company's name): cut in the middle, keeping what
			 * ends it (a customer number), in the half a sheet's scroll
			 * mark leaves free — dropped whole, it said nothing */
			char cut[512];
			int room = COLS / 2 - 11;
			if (room > COLS - txt_width(t) - 3) room = COLS - txt_width(t) - 3;
			if (room >= 8 && middle_cut(right, room, cut, sizeof cut))
				uis_put(0, COLS - txt_width(cut) - 1, room, cut, ta);
		}
	}

	char lines[4][256];
	int nmsg = a->msg[0] ? uia_wrap(a->msg, COLS - 1, lines, 4) : 0;
	int msgh = nmsg ? nmsg : 1;
	enum uis_style ms = a->msg_kind == UIA_ERROR ? UIS_ERROR
	                    : a->msg_kind == UIA_OK  ? UIS_OK
	                                             : UIS_PLAIN;
	for (int i = 0; i < nmsg; i++) uis_put(LINES - 1 - msgh + i, 0, COLS, lines[i], uis_attr(ms));

	char hints[512] = "";
	/* under a question only its answers work: the bar says them, not
	 * the keys of the screen behind the box */
	if (g_ask.answers) uik_ask_hints(g_ask.answers, role_of(a), hints, sizeof hints);
	else if (scopes) uik_hints(scopes, role_of(a), hints, sizeof hints); /* 0: a screen with its own hint */
	uis_put(LINES - 2 - msgh, 0, COLS, hints, uis_attr(UIS_HINT));
	g_hint_row = LINES - 2 - msgh;
	draw_status(a);
	*top = 1;
	*height = LINES - 3 - msgh;
	remember_frame(a, title, right, scopes, *top, *height);
	return 0;
}

/* A hang-up's drafts wait this long for the database, then go into files
 * the next login takes in (draft_save_file): a hung-up session does not
 * sit for the minutes an import can hold the file, keeping its terminal's
 * process, its lock waits and its account's session alive unseen. */
enum { DRAFT_WAIT_MS = 5000 };

/* The key that ends the session: the end of a key script or a hang-up.
 * Returns 1 for those (a->quit set). */
static int ends(struct uia *a, const struct uik_key *k)
{
	if (k->kind == UIK_HANGUP) {
		if (!a->hangup) {
			/* now, before the screens unwind and free their sheets; the
			 * terminal may be gone, so nothing is asked or shown */
			a->hangup = uik_hangup();
			/* another terminal's import or dry run may hold the database
			 * for minutes: a few seconds, then the drafts go to files */
			st_set_busy_wait(a->db, DRAFT_WAIT_MS);
			a->kept = a->staff[0] ? uifm_keep_drafts(a, &a->kept_files, a->kept_err, sizeof a->kept_err) : 0;
			st_set_busy_wait(a->db, 0);
		}
		a->quit = 1;
		return 1;
	}
	if (k->kind == UIK_EOF) {
		a->quit = 1;
		return 1;
	}
	return 0;
}

void uia_waiting(void *ctx, const char *who)
{
	struct uia *a = ctx;
	/* after a hang-up nobody reads it (the drafts wait out the lock) */
	if (!a || a->hangup || uis_too_small()) return;
	char text[800];
	snprintf(text, sizeof text, "正在等待数据库（最多 10 秒）%s%s……", *who ? "：" : "，其他终端正在写入", who);
	char lines[2][256];
	int n = uia_wrap(text, COLS - 1, lines, 2);
	/* the message rows of the frame (uia_frame): the last one or two above the status line */
	for (int i = 0; i < n; i++) uis_putpad(LINES - 1 - n + i, 0, COLS, lines[i], uis_attr(UIS_PLAIN));
	refresh();
}

/* The message on screen when the last key was read: a question asked
 * after it leaves it out (it was about the screen), not one said since
 * (what that key did: a car's record given the order's plate). */
static char g_seen_msg[sizeof ((struct uia *)0)->msg];

/* What Ctrl-C and the like say: how to leave the screen in front. */
static void say_how_to_leave(struct uia *a)
{
	const char *lead = "本程序不用 Ctrl-C 等组合键退出：";
	uik_scopes sc = g_frame.scopes;
	if (g_ask.answers) {
		char esc[300];
		uik_ask_esc(g_ask.answers, esc, sizeof esc);
		uia_set_msg(a, UIA_INFO, "%s请按问题框底行所列的键作答；Esc %s", lead, esc);
	} else if (g_front & UIK_PICK) {
		uia_set_msg(a, UIA_INFO, "%s按 Esc 关闭列表，回到原画面", lead);
	} else if (sc & (UIK_DLG1 | UIK_DLG)) {
		uia_set_msg(a, UIA_INFO, "%s按 Esc 取消本框（什么也不改，不询问），在主菜单按 q 退出", lead);
	} else if (sc & UIK_MENU) {
		uia_set_msg(a, UIA_INFO, "%s在主菜单按 q 或 F10 退出", lead);
	} else if (sc & UIK_LOGIN) {
		uia_set_msg(a, UIA_INFO, "%s按 F10 退出", lead);
	} else if (g_sheet && !(sc & UIK_RONLY)) {
		uia_set_msg(a, UIA_INFO, "%s按 Esc 返回（有未保存的修改时先询问），在主菜单按 q 退出", lead);
	} else {
		uia_set_msg(a, UIA_INFO, "%s按 Esc 返回，在主菜单按 q 退出", lead);
	}
}

void uia_getkey(struct uia *a, struct uik_key *k)
{
	if (uis_too_small()) {
		/* Nothing but the notice until the terminal is big enough again. */
		for (;;) {
			uis_draw_too_small();
			refresh();
			uik_get(k);
			if (ends(a, k)) return;
			if (!uis_too_small()) break;
		}
		k->kind = KEY_CODE_YES;
		k->ch = KEY_RESIZE;
		return;
	}
	refresh();
	uik_get(k);
	memcpy(g_seen_msg, a->msg, sizeof g_seen_msg);
	if (!(k->kind == KEY_CODE_YES && k->ch == UIK_CHANGED)) a->notice[0] = 0; /* no key pressed */
	if (ends(a, k)) return;
	if (k->kind == OK && (k->ch == 3 || k->ch == 26 || k->ch == 28)) {
		/* Ctrl-C, Ctrl-Z, Ctrl-\ reach the program as keys (the terminal
		 * is raw): pressed to get out, they said nothing on most screens.
		 * Said here for every screen, which then redraws with it. */
		beep();
		say_how_to_leave(a);
		k->kind = KEY_CODE_YES;
		k->ch = KEY_RESIZE;
		return;
	}
	enum uik_req r = uik_request(UIK_ALL, k);
	if (r == UIR_HELP || r == UIR_REDRAW) {
		if (r == UIR_HELP) uia_help(a);
		else clearok(curscr, TRUE);
		k->kind = KEY_CODE_YES;
		k->ch = KEY_RESIZE;
	}
}

static int ask(struct uia *a, const char *title, const char *text, const char *answers, const char *keys)
{
	for (;;) {
		if (uis_too_small()) {
			struct uik_key k;
			uia_getkey(a, &k);
			if (a->quit) return 27;
			continue;
		}
		int w = COLS - 8 > 72 ? 72 : COLS - 8;
		char lines[12][256];
		int n = uia_wrap(text, w - 4, lines, 12);
		int h = n + 4;
		int y = (LINES - h) / 2, x = (COLS - w) / 2;
		uis_clear_rect(y, x, h, w);
		uis_box(y, x, h, w, title, uis_attr(UIS_IMPORTANT));
		for (int i = 0; i < n; i++) uis_put(y + 1 + i, x + 2, w - 4, lines[i], A_NORMAL);
		uis_put(y + h - 2, x + 2, w - 4, answers, A_BOLD);
		curs_set(0);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) return 27;
		if (k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE) {
			/* the screen the question is about, at the new size (blank
			 * when none has drawn itself yet) */
			uis_redraw_behind();
			continue;
		}
		if (uik_request(UIK_ASK, &k) == UIR_BACK) return 27;
		if (k.kind != OK) continue;
		int c = (k.ch < 128 && k.ch >= 'a' && k.ch <= 'z') ? (int)k.ch - 'a' + 'A' : (int)k.ch;
		if (c > 0 && c < 128 && strchr(keys, c)) return c;
	}
}

int uia_ask(struct uia *a, const char *title, const char *text, const char *answers,
            const char *keys)
{
	struct ask_args was = g_ask;
	g_ask.answers = answers;
	g_ask.keys = keys;
	/* the screen behind drawn again with the question's keys in its bar
	 * and without the message left from before the key that asked (a
	 * word about the sheet, not the question); it is back when the
	 * question closes */
	char saved[sizeof a->msg];
	enum uia_msg saved_kind = a->msg_kind;
	memcpy(saved, a->msg, sizeof saved);
	char seen[sizeof g_seen_msg];
	memcpy(seen, g_seen_msg, sizeof seen);
	if (strcmp(a->msg, g_seen_msg) == 0) a->msg[0] = 0;
	if (g_hint_row >= 0 && !uis_too_small()) uis_redraw_behind();
	int c = ask(a, title, text, answers, keys);
	g_ask = was;
	memcpy(a->msg, saved, sizeof saved);
	a->msg_kind = saved_kind;
	/* as old as it was: a question that follows leaves it out too */
	memcpy(g_seen_msg, seen, sizeof seen);
	return c;
}

static int watch_poll(void *ctx)
{
	struct uia_watch *w = ctx;
	char err[512];
	int64_t v = st_data_version(w->a->db, err, sizeof err);
	return v >= 0 && w->seen >= 0 && v != w->seen && !w->quiet;
}

void uia_watch_read(struct uia_watch *w, struct uia *a)
{
	char err[512];
	w->a = a;
	w->seen = st_data_version(a->db, err, sizeof err);
	w->quiet = 0;
}

int uia_watch_key(struct uia_watch *w, enum auth_perm perm, struct uik_key *k)
{
	/* only around the list's own wait: not under a sheet or a dialog
	 * opened from it, where what is being typed stays as it is */
	uik_set_poll(watch_poll, w);
	uia_getkey(w->a, k);
	uik_set_poll(NULL, NULL);
	if (w->a->quit) return 0;
	if (k->kind == KEY_CODE_YES && k->ch == UIK_CHANGED) {
		if (uia_require(w->a, perm)) return 1;
		w->quiet = 1; /* the refusal stays said, not asked again every pause */
		k->ch = KEY_RESIZE;
		return 0;
	}
	if (!(k->kind == KEY_CODE_YES && k->ch == KEY_RESIZE))
		w->quiet = 0; /* a key: what was said may go, the list read again */
	return 0;
}

int uia_require(struct uia *a, enum auth_perm p)
{
	char err[512];
	if (a->quit) return 0; /* unwinding already: do nothing more */
	switch (staff_require(a->db, &a->me, p, err, sizeof err)) {
	case STAFF_OK: return 1;
	case STAFF_ENDED: {
		/* what was typed on the open sheets is the shop's, typed while the
		 * account was allowed to: kept as at a hang-up, as the account's
		 * drafts — a draft is only ever its owner's, so nobody else sees
		 * it, and the account reopens it only once enabled again */
		char kerr[256];
		int in_files;
		int kept = a->staff[0] ? uifm_keep_drafts(a, &in_files, kerr, sizeof kerr) : 0;
		if (kept > 0)
			snprintf(a->ended, sizeof a->ended, "%.300s。未保存的 %d 份登记表已保留为该账号的草稿，"
			         "账号重新启用后登录时可恢复", err, kept);
		else if (kept < 0)
			snprintf(a->ended, sizeof a->ended, "%.250s。未保存的登记表未能保留为草稿：%.200s", err, kerr);
		else
			snprintf(a->ended, sizeof a->ended, "%s", err);
		a->quit = 1;
		return 0;
	}
	case STAFF_DENIED: uia_set_msg(a, UIA_ERROR, "%s", err); return 0;
	default: uia_set_msg(a, UIA_ERROR, "无法检查权限：%s", err); return 0;
	}
}

void uia_show_landline(const struct uia *a, const char *landline, char *out, size_t outsz)
{
	char buf[64];
	const char *p = auth_show_field(a->me.role, "phone1", landline, buf, sizeof buf);
	const char *dash = strchr(p, '-');
	if (p[0] == '0' && dash) {
		snprintf(out, outsz, "%s", dash + 1);
		return;
	}
	size_t n = 0;
	for (; *p && n + 1 < outsz; p++)
		if (*p != '-')
			out[n++] = *p;
	if (outsz)
		out[n] = 0;
}

int uia_view_customer(struct uia *a, const char *cust_no)
{
	char err[512];
	if (!uia_require(a, AUTH_VIEW)) return 0;
	if (audit_append(a->db, a->me.login, "查看客户", cust_no, "", err, sizeof err) != ST_OK) {
		uia_set_msg(a, UIA_ERROR, "无法记入使用日志，未打开客户档案：%s", err);
		return 0;
	}
	return 1;
}

void uia_front_keys(struct uia *a, uik_scopes scopes)
{
	g_front = scopes;
	if (!scopes || g_hint_row < 0 || g_hint_row >= LINES || uis_too_small()) return;
	char hints[512];
	uik_hints(scopes, role_of(a), hints, sizeof hints);
	uis_putpad(g_hint_row, 0, COLS, hints, uis_attr(UIS_HINT));
}

void uia_frame_sheet(struct uifm *uf) { g_sheet = uf; }

int uia_over_sheet(void) { return g_sheet != NULL; }

void uia_forget_sheet(const struct uifm *uf)
{
	if (g_sheet == uf) g_sheet = NULL;
}

enum { HELP_MAX = 400 };
struct help_rows {
	char (*row)[512];
	int n, cap;
};

static void help_row(struct help_rows *h, const char *prefix, const char *text)
{
	if (h->n == h->cap) {
		int cap = h->cap ? h->cap * 2 : 128;
		char (*r)[512] = realloc(h->row, (size_t)cap * sizeof *r);
		if (!r) return;
		h->row = r;
		h->cap = cap;
	}
	snprintf(h->row[h->n++], sizeof h->row[0], "%.127s%.255s", prefix, text); /* never cut: both shorter */
}

/* The help's lines broken to the screen's width: a line with a hang keeps
 * its head (the key names, 级别：) alone on the left and its wrapped text
 * indented under its first line.  Wrapping goes by cells (uia_wrap), never
 * through a wide character. */
static void help_wrap(struct help_rows *h, char **src, const int *hang, int n, int w)
{
	char parts[16][256], pad[64];
	h->n = 0;
	for (int i = 0; i < n; i++) {
		const char *s = src[i] ? src[i] : "";
		int hg = hang[i];
		if (!*s) {
			help_row(h, "", "");
			continue;
		}
		if (hg <= 0 || hg > w / 2 || hg >= (int)sizeof pad || txt_width(s) <= w) {
			int k = uia_wrap(s, w, parts, 16);
			for (int j = 0; j < k; j++) help_row(h, "", parts[j]);
			continue;
		}
		size_t head = txt_fit(s, hg);
		char prefix[128];
		snprintf(prefix, sizeof prefix, "%.*s", (int)head, s);
		snprintf(pad, sizeof pad, "%*s", hg, "");
		int k = uia_wrap(s + head, w - txt_width(prefix), parts, 16);
		for (int j = 0; j < k; j++) help_row(h, j ? pad : prefix, parts[j]);
	}
}

void uia_help(struct uia *a)
{
	char *lines[HELP_MAX];
	int hang[HELP_MAX], n = 0, first = 0;
	struct uifm *sheet = g_sheet;
	/* a question over the screen takes only its answers: the screen's
	 * field and keys are not the ones that work */
	int asking = g_ask.answers != NULL;
	/* the field under the cursor, the keys of the screen in front, then
	 * every key as the table groups them */
	/* room kept for the blank and heading lines added between the parts */
	if (sheet && !asking) n = uifm_help_lines(sheet, lines, hang, HELP_MAX / 4);
	int at = n;
	if (n) lines[n++] = strdup("");
	/* a read-only sheet's keys are its bar's: none of a sheet's for typing
	 * or F2; a pick list's over the sheet are its own, as are a one-field
	 * dialog's */
	uik_scopes sheet_keys = sheet && !(g_frame.scopes & (UIK_RONLY | UIK_DLG1)) ? UIK_FORM : 0;
	if (asking)
		n += uik_ask_help_lines(g_ask.answers, g_ask.keys, role_of(a), lines + n, HELP_MAX / 2 - n);
	else
		n += uik_screen_help_lines(g_front ? g_front : g_frame.scopes | sheet_keys, role_of(a), lines + n,
		                           HELP_MAX / 2 - n);
	if (n > at + 1 || (n > at && (!sheet || asking))) {
		lines[n++] = strdup("");
		lines[n++] = strdup("—— 以下为各画面的全部按键 ——");
		lines[n++] = strdup("");
	} else if (n > at) {
		free(lines[--n]); /* no screen's keys: the blank before them goes */
	}
	n += uik_help_lines(role_of(a), lines + n, HELP_MAX - n);
	for (int i = at; i < n; i++) hang[i] = lines[i] && strncmp(lines[i], "  ", 2) == 0 ? 24 : 0;
	struct help_rows rows = {0};
	int wrapped_cols = -1;
	char saved[sizeof a->msg];
	memcpy(saved, a->msg, sizeof saved);
	/* help opened from a pick list: the screen behind it is still the sheet's */
	struct uis_behind behind;
	uis_behind_save(&behind);
	struct frame_args frame = g_frame;
	/* every key the loop below takes */
	uia_set_msg(a, UIA_INFO, "Esc / Enter / F1 / q / Space 返回    ↑ ↓ PgUp PgDn Home End 翻看");
	char title[256];
	if (asking)
		snprintf(title, sizeof title, "帮助：本问题的按键");
	else if (sheet && sheet->focus >= 0)
		snprintf(title, sizeof title, "帮助：本项与按键");
	else
		snprintf(title, sizeof title, "帮助：按键一览");
	for (;;) {
		int top, h;
		if (uia_frame(a, title, "", 0, &top, &h) == 0) {
			if (wrapped_cols != COLS) {
				help_wrap(&rows, lines, hang, n, COLS - 2);
				wrapped_cols = COLS;
			}
			if (first > rows.n - h) first = rows.n - h;
			if (first < 0) first = 0;
			for (int i = 0; i < h && first + i < rows.n; i++)
				uis_put(top + i, 1, COLS - 2, rows.row[first + i], A_NORMAL);
			if (rows.n > h) {
				char more[64];
				snprintf(more, sizeof more, " %d–%d / %d ", first + 1,
				         first + h < rows.n ? first + h : rows.n, rows.n);
				uis_put(0, COLS - txt_width(more) - 1, -1, more, uis_attr(UIS_TITLE));
			}
			curs_set(0);
		}
		struct uik_key k;
		/* not uia_getkey: F1 here closes help instead of opening it again */
		if (uis_too_small()) {
			uia_getkey(a, &k);
			if (a->quit) break;
			continue;
		}
		refresh();
		uik_get(&k);
		if (ends(a, &k)) break;
		enum uik_req r = uik_request(UIK_LIST, &k);
		if (r == UIR_UP) first--;
		else if (r == UIR_DOWN) first++;
		else if (r == UIR_PGUP) first -= h;
		else if (r == UIR_PGDN) first += h;
		else if (r == UIR_HOME) first = 0;
		else if (r == UIR_END) first = rows.n;
		else if (k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE) continue;
		else if (r == UIR_BACK || r == UIR_OPEN || r == UIR_HELP ||
		         (k.kind == OK && (k.ch == 'q' || k.ch == ' ')))
			break;
	}
	free(rows.row);
	uik_free_lines(lines, n);
	memcpy(a->msg, saved, sizeof saved);
	g_frame = frame;
	g_sheet = sheet;
	uis_behind_restore(&behind);
}
