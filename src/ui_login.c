/* ui_login — who sits at the desk.  The login screen asks for 登录名 and
 * 密码; on a database without accounts the same screen, with two more
 * fields, creates the administrator first (staff_first_admin).  Passwords
 * are drawn as one '*' per character and wiped once used: the only copies
 * are the editors here and the buffer handed to the store. */
#include "desk4s/ui_login.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "desk4s/auth.h"
#include "desk4s/staff.h"
#include "desk4s/text.h"
#include "desk4s/ui_field.h"
#include "desk4s/ui_screen.h"

enum { F_LOGIN, F_NAME, F_PW, F_PW2, F_N };

struct lg {
	int first;           /* creating the first administrator */
	int fields[F_N], n;  /* the fields of this mode, in order */
	int focus;           /* index into fields */
	struct uif_edit ed[F_N];
};

static const char *const labels[F_N] = {"登录名：", "姓名：", "密码：", "再输一次密码："};

static int is_pw(int f) { return f == F_PW || f == F_PW2; }

static void wipe_pw(struct lg *l)
{
	for (int f = F_PW; f <= F_PW2; f++) {
		auth_wipe(l->ed[f].buf, sizeof l->ed[f].buf);
		l->ed[f].len = l->ed[f].cur = l->ed[f].scroll = 0;
	}
}

static void focus_on(struct lg *l, int field)
{
	for (int i = 0; i < l->n; i++)
		if (l->fields[i] == field) l->focus = i;
}

/* Count accounts and choose the mode: the first start while there are none. */
static void set_mode(struct uia *a, struct lg *l)
{
	int64_t n = staff_count(a->db);
	if (n < 0) uia_set_msg(a, UIA_ERROR, "读取员工账号失败，请检查数据库");
	l->first = n == 0;
	l->n = 0;
	l->fields[l->n++] = F_LOGIN;
	if (l->first) l->fields[l->n++] = F_NAME;
	l->fields[l->n++] = F_PW;
	if (l->first) l->fields[l->n++] = F_PW2;
	if (l->focus >= l->n) l->focus = 0;
}

/* The password as stars: a separate editor holding only '*', so the real
 * text is never passed to curses. */
static int draw_masked(const struct uif_edit *e, int y, int x, int w, int focused)
{
	struct uif_edit m;
	uif_init(&m, UIF_MAX, UIF_FOLD_ALL);
	size_t chars = 0, before = 0;
	for (size_t i = 0; i < e->len; i++)
		if ((e->buf[i] & 0xC0) != 0x80) {
			if (i < e->cur) before++;
			chars++;
		}
	memset(m.buf, '*', chars);
	m.buf[chars] = 0;
	m.len = chars;
	m.cur = before;
	return uif_draw(&m, y, x, w, focused, A_UNDERLINE);
}

static void draw(struct uia *a, struct lg *l)
{
	int top, h;
	if (uia_frame(a, l->first ? "首次启动：创建管理员账号" : "登录", "", UIK_LOGIN | (l->first ? UIK_FIRST : 0), &top, &h) != 0)
		return;
	int w = COLS - 4 < 64 ? COLS - 4 : 64;
	char intro[4][256];
	int ni = 0;
	if (l->first) {
		char pwrule[256];
		ni = uia_wrap("这是新的数据库，还没有员工账号。请先创建管理员账号："
		              "管理员负责员工账号和设置，不查看客户资料。", w - 4, intro, 3);
		snprintf(pwrule, sizeof pwrule, "密码至少 %d 个字符，不能全是同一个字符，不能与登录名相同。",
		         AUTH_PW_MIN);
		ni += uia_wrap(pwrule, w - 4, intro + ni, 4 - ni);
	} else {
		ni = uia_wrap("请输入登录名和密码。", w - 4, intro, 1);
	}
	int bh = ni + l->n * 2 + 3; /* borders, intro, a blank row above each field and below the last */
	int y = top + (h - bh) / 2, x = (COLS - w) / 2;
	if (y < top) y = top;
	uis_box(y, x, bh, w, l->first ? "创建管理员" : "登录", uis_attr(UIS_IMPORTANT));
	for (int i = 0; i < ni; i++) uis_put(y + 1 + i, x + 2, w - 4, intro[i], A_NORMAL);
	int lw = l->first ? 14 : 8; /* labels right-aligned to the widest */
	int ew = w - 4 - lw - 2 > 30 ? 30 : w - 4 - lw - 2;
	int cy = 0, cx = 0;
	for (int i = 0; i < l->n; i++) {
		int f = l->fields[i], fy = y + 2 + ni + i * 2;
		uis_put(fy, x + 2 + lw - txt_width(labels[f]), lw, labels[f], A_BOLD);
		int c = is_pw(f) ? draw_masked(&l->ed[f], fy, x + 2 + lw, ew, i == l->focus)
		                 : uif_draw(&l->ed[f], fy, x + 2 + lw, ew, i == l->focus, A_UNDERLINE);
		if (i == l->focus) cy = fy, cx = c;
	}
	move(cy, cx);
	curs_set(1);
}

/* Trim blanks at both ends of an editor's text; returns the text. */
static const char *trimmed(struct uif_edit *e)
{
	size_t b = 0, n = e->len;
	while (b < n && e->buf[b] == ' ') b++;
	while (n > b && e->buf[n - 1] == ' ') n--;
	memmove(e->buf, e->buf + b, n - b);
	e->buf[n - b] = 0;
	e->len = e->cur = n - b;
	e->scroll = 0;
	return e->buf;
}

static void logged_in(struct uia *a, const struct staff_me *me)
{
	a->me = *me;
	snprintf(a->staff, sizeof a->staff, "%s", me->login);
	a->msg[0] = 0;
}

/* Returns 1 when logged in. */
static int try_login(struct uia *a, struct lg *l)
{
	char err[512];
	const char *login = trimmed(&l->ed[F_LOGIN]);
	if (!*login) {
		uia_set_msg(a, UIA_ERROR, "请输入登录名");
		focus_on(l, F_LOGIN);
		return 0;
	}
	if (l->ed[F_PW].len == 0) {
		/* not sent: an empty password would only count towards the lock */
		uia_set_msg(a, UIA_ERROR, "请输入密码");
		focus_on(l, F_PW);
		return 0;
	}
	struct staff_me me;
	enum staff_rc rc = staff_login(a->db, login, l->ed[F_PW].buf, &me, err, sizeof err);
	wipe_pw(l);
	switch (rc) {
	case STAFF_OK: logged_in(a, &me); return 1;
	case STAFF_ERROR: uia_set_msg(a, UIA_ERROR, "登录失败：%s", err); break;
	default: uia_set_msg(a, UIA_ERROR, "%s", err); break;
	}
	/* the cursor stays where a password goes: staff type on without looking,
	 * and a password must never land in the visible login field */
	focus_on(l, F_PW);
	return 0;
}

/* Returns 1 when the administrator was created and is logged in. */
static int try_first(struct uia *a, struct lg *l)
{
	char err[512];
	const char *login = trimmed(&l->ed[F_LOGIN]), *name = trimmed(&l->ed[F_NAME]);
	const char *why = staff_login_problem(login);
	if (why) {
		uia_set_msg(a, UIA_ERROR, "登录名：%s", why);
		focus_on(l, F_LOGIN);
		return 0;
	}
	if (!*name) {
		uia_set_msg(a, UIA_ERROR, "请输入姓名（显示在状态行和使用日志中）");
		focus_on(l, F_NAME);
		return 0;
	}
	const char *pw = l->ed[F_PW].buf;
	if (strcmp(pw, l->ed[F_PW2].buf) != 0) {
		uia_set_msg(a, UIA_ERROR, "两次输入的密码不一致，请重新输入");
	} else if ((why = auth_password_problem(login, pw)) != NULL) {
		uia_set_msg(a, UIA_ERROR, "密码：%s", why);
	} else {
		struct staff_me me;
		enum st_status st = staff_first_admin(a->db, login, name, pw, &me, err, sizeof err);
		wipe_pw(l);
		if (st == ST_OK) {
			logged_in(a, &me);
			uia_set_msg(a, UIA_OK, "已创建管理员 %s 并登录。员工账号用 desk4s user add 创建。",
			            me.login);
			return 1;
		}
		uia_set_msg(a, UIA_ERROR, "未能创建账号：%s", err);
		if (st == ST_CONSTRAINT) {
			/* another desk created the first account meanwhile: log in instead */
			set_mode(a, l);
			focus_on(l, F_LOGIN);
		}
		return 0;
	}
	wipe_pw(l);
	focus_on(l, F_PW);
	return 0;
}

static void edit(struct lg *l, const struct uik_key *k)
{
	struct uif_edit *e = &l->ed[l->fields[l->focus]];
	enum uik_req r = uik_request(UIK_LIST, k); /* the editing keys every entry has */
	switch (r) {
	case UIR_LEFT: case UIR_RIGHT: case UIR_HOME: case UIR_END: case UIR_BS: case UIR_DEL: case UIR_KILL:
		uif_key(e, r, 0);
		break;
	case UIR_NONE:
		if (k->kind == OK && uif_key(e, UIR_NONE, (uint32_t)k->ch) < 0) beep();
		break;
	default: break;
	}
}

int uilg_run(struct uia *a, const char *login)
{
	struct lg l;
	memset(&l, 0, sizeof l);
	uif_init(&l.ed[F_LOGIN], STAFF_LOGIN_MAX, UIF_FOLD_ALL);
	uif_init(&l.ed[F_NAME], 96, UIF_FOLD_ALNUM);
	/* full-width forms folded: an input method left in full-width mode
	 * would otherwise make a right password fail unseen */
	uif_init(&l.ed[F_PW], AUTH_PW_MAX - 1, UIF_FOLD_ALL);
	uif_init(&l.ed[F_PW2], AUTH_PW_MAX - 1, UIF_FOLD_ALL);
	memset(&a->me, 0, sizeof a->me);
	a->staff[0] = 0;
	a->msg[0] = 0;
	if (a->ended[0]) {
		uia_set_msg(a, UIA_ERROR, "%s", a->ended);
		a->ended[0] = 0;
	}
	set_mode(a, &l);
	if (login && *login && !l.first) {
		uif_set(&l.ed[F_LOGIN], login);
		focus_on(&l, F_PW);
	}
	int done = 0;
	while (!done && !a->quit) {
		draw(a, &l);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		switch (uik_request(UIK_LOGIN | (l.first ? UIK_FIRST : 0), &k)) {
		case UIR_QUIT: a->quit = 1; break;
		case UIR_NEXT: case UIR_DOWN: l.focus = (l.focus + 1) % l.n; break;
		case UIR_PREV: case UIR_UP: l.focus = (l.focus + l.n - 1) % l.n; break;
		case UIR_OPEN:
			if (l.focus < l.n - 1) l.focus++;
			else done = l.first ? try_first(a, &l) : try_login(a, &l);
			break;
		default: edit(&l, &k); break;
		}
	}
	auth_wipe(&l, sizeof l);
	return done;
}
