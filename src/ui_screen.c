/* ui_screen — start/stop curses, clipped wide-character drawing, dumps.
 * Widths come from txt_wcwidth (the program's one width function), so the
 * layout never disagrees with the reports or the tests. */
#include "desk4s/ui_screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "desk4s/text.h"
#include "desk4s/ui_keys.h"

static SCREEN *g_screen;
static FILE *g_out, *g_in;
static volatile int g_active;
static int g_colors;

int uis_active(void) { return g_active; }

/* What other terminals send for the keys the screens use, where the
 * terminal description in TERM says otherwise: PuTTY's defaults (Home
 * ESC[1~, F1–F4 ESC[11~–ESC[14~), the Linux console's F1–F5 (ESC[[A–E),
 * rxvt's Home/End, and the xterm forms in both cursor modes — staff log
 * in over SSH from whatever client the shop has, under a TERM that does
 * not match it.  A string TERM already binds keeps its meaning. */
static void other_terminals_keys(void)
{
	static const struct { const char *seq; int key; } k[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END }, { "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END }, { "\033OH", KEY_HOME }, { "\033OF", KEY_END },
		{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC }, { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
		{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN }, { "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
		{ "\033[Z", KEY_BTAB },
		{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) }, { "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
		{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
		{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) }, { "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
		{ "\033[[E", KEY_F(5) }, { "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) }, { "\033[18~", KEY_F(7) },
		{ "\033[19~", KEY_F(8) }, { "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) },
		{ "\033[23~", KEY_F(11) }, { "\033[24~", KEY_F(12) },
	};
	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
		if (key_defined(k[i].seq) == 0)
			define_key(k[i].seq, k[i].key);
	define_key("\033[200~", UIK_PASTE_BEGIN);
	define_key("\033[201~", UIK_PASTE_END);
}

/* Bracketed paste: the terminal marks what is pasted (a terminal without
 * it ignores the request), so a line break inside a paste is no Enter.
 * write(2): uis_restore runs in signal handlers too. */
static void bracketed_paste(int on)
{
	static const char enable[] = "\033[?2004h", disable[] = "\033[?2004l";
	if (g_out) return; /* headless: no terminal */
	ssize_t n = write(STDOUT_FILENO, on ? enable : disable, sizeof enable - 1);
	(void)n; /* a terminal gone: nothing to tell */
}

int uis_start(int headless, char *err, size_t errsz)
{
	if (headless) {
		/* Key scripts need no terminal: the screen lives in memory and the
		 * output goes nowhere; LINES/COLUMNS give the size. */
		g_out = fopen("/dev/null", "w");
		g_in = fopen("/dev/null", "r");
		if (!g_out || !g_in) {
			snprintf(err, errsz, "无法打开 /dev/null");
			return -1;
		}
		g_screen = newterm(NULL, g_out, g_in);
	} else {
		g_screen = newterm(NULL, stdout, stdin);
	}
	if (!g_screen) {
		const char *t = getenv("TERM");
		snprintf(err, errsz, "无法初始化终端（TERM=%s 未知或不可用）", t ? t : "");
		return -1;
	}
	set_term(g_screen);
	g_active = 1;
	raw(); /* Ctrl-S must reach us as a key, not stop the output */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	other_terminals_keys();
	bracketed_paste(1);
	set_escdelay(25);
	if (has_colors() && start_color() == OK) {
		use_default_colors();
		g_colors = 1;
		init_pair(UIS_TITLE, COLOR_WHITE, COLOR_BLUE);
		init_pair(UIS_REQUIRED, COLOR_RED, -1);
		init_pair(UIS_IMPORTANT, COLOR_YELLOW, -1);
		init_pair(UIS_ERROR, COLOR_RED, -1);
		init_pair(UIS_STATUS, COLOR_BLACK, COLOR_CYAN);
		init_pair(UIS_SELECT, COLOR_BLACK, COLOR_YELLOW);
		init_pair(UIS_HINT, COLOR_CYAN, -1);
		init_pair(UIS_OK, COLOR_GREEN, -1);
	}
	return 0;
}

void uis_restore(void)
{
	if (g_active) {
		g_active = 0;
		endwin();
		bracketed_paste(0);
	}
}

void uis_stop(void)
{
	uis_restore();
	if (g_screen) {
		delscreen(g_screen);
		g_screen = NULL;
	}
	if (g_out) fclose(g_out);
	if (g_in) fclose(g_in);
	g_out = g_in = NULL;
}

attr_t uis_attr(enum uis_style s)
{
	switch (s) {
	case UIS_PLAIN: return A_NORMAL;
	case UIS_TITLE: return g_colors ? COLOR_PAIR(UIS_TITLE) | A_BOLD : A_REVERSE;
	case UIS_REQUIRED: return g_colors ? COLOR_PAIR(UIS_REQUIRED) | A_BOLD : A_BOLD;
	case UIS_IMPORTANT: return g_colors ? COLOR_PAIR(UIS_IMPORTANT) | A_BOLD : A_BOLD;
	case UIS_ERROR: return g_colors ? COLOR_PAIR(UIS_ERROR) | A_BOLD : A_BOLD;
	case UIS_STATUS: return g_colors ? COLOR_PAIR(UIS_STATUS) : A_REVERSE;
	case UIS_SELECT: return g_colors ? COLOR_PAIR(UIS_SELECT) : A_REVERSE;
	case UIS_HINT: return g_colors ? COLOR_PAIR(UIS_HINT) : A_NORMAL;
	case UIS_OK: return g_colors ? COLOR_PAIR(UIS_OK) | A_BOLD : A_BOLD;
	}
	return A_NORMAL;
}

int uis_too_small(void) { return LINES < UIS_MIN_LINES || COLS < UIS_MIN_COLS; }

void uis_draw_too_small(void)
{
	char line[160];
	erase();
	snprintf(line, sizeof line, "终端太小：至少需要 %d×%d，现在 %d×%d。", UIS_MIN_COLS,
	         UIS_MIN_LINES, COLS, LINES);
	int y = LINES / 2 - 1;
	if (y < 0) y = 0;
	if (txt_width(line) <= COLS) {
		uis_put(y, 0, -1, line, A_BOLD);
		uis_put(y + 1, 0, -1, "请放大窗口。", A_NORMAL);
		move(0, 0);
		return;
	}
	/* narrower than the sentence: a line for each part, a part still too
	 * wide at its space, a word still too wide by cells — no size cut off */
	char parts[3][64];
	snprintf(parts[0], sizeof parts[0], "终端太小： 现在 %d×%d", COLS, LINES);
	snprintf(parts[1], sizeof parts[1], "至少需要 %d×%d", UIS_MIN_COLS, UIS_MIN_LINES);
	snprintf(parts[2], sizeof parts[2], "请放大窗口");
	y = 0;
	for (int i = 0; i < 3 && y < LINES; i++) {
		char *sp = strchr(parts[i], ' ');
		if (i == 0 && txt_width(parts[i]) - 1 <= COLS) {
			memmove(sp, sp + 1, strlen(sp)); /* "终端太小：现在 …" */
			sp = NULL;
		} else if (txt_width(parts[i]) <= COLS) {
			sp = NULL;
		}
		if (sp) *sp = 0;
		for (const char *p = parts[i]; *p && y < LINES;) {
			size_t n = txt_fit(p, COLS);
			if (n == 0) break; /* not one character fits */
			char row[64];
			memcpy(row, p, n);
			row[n] = 0;
			uis_put(y++, 0, -1, row, i == 2 ? A_NORMAL : A_BOLD);
			p += n;
			if (!*p && sp) {
				p = sp + 1;
				sp = NULL;
			}
		}
	}
	move(0, 0);
}

/* The column where the character covering (y, x) starts: x, or x - 1 when
 * x is the second half of a double-width one. */
static int cell_start(int y, int x)
{
	for (int c = 0; c < x;) {
		cchar_t cc;
		wchar_t wc[CCHARW_MAX + 1] = {0};
		attr_t at;
		short pair;
		if (mvin_wch(y, c, &cc) == ERR || getcchar(&cc, wc, &at, &pair, NULL) == ERR) return x;
		int w = txt_wcwidth((uint32_t)wc[0]);
		if (w < 1) w = 1;
		if (c + w > x) return c;
		c += w;
	}
	return x;
}

/* Text written over half of a double-width character (a dialog's border
 * on the sheet behind it): curses keeps the other half as that character,
 * so its copy of the row is a cell too wide or too narrow and the terminal
 * draws the rest of the row shifted.  That half becomes a space. */
static void split_wide(int y, int x, int w)
{
	int end = x + w, lead = cell_start(y, x);
	int tail = end < COLS && cell_start(y, end) < end;
	if (lead < x) mvaddch(y, lead, ' ');
	if (tail) mvaddch(y, end, ' ');
}

int uis_put(int y, int x, int maxw, const char *s, attr_t a)
{
	wchar_t buf[512];
	int n = 0, w = 0;
	size_t len = strlen(s), i = 0;

	if (y < 0 || y >= LINES || x < 0 || x >= COLS) return 0;
	if (maxw < 0 || maxw > COLS - x) maxw = COLS - x;
	while (i < len && n < (int)(sizeof buf / sizeof buf[0]) - 1) {
		uint32_t cp;
		i += txt_decode(s + i, len - i, &cp);
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) cp = 0xFFFD;
		int cw = txt_wcwidth(cp);
		if (w + cw > maxw) break;
		buf[n++] = (wchar_t)cp;
		w += cw;
	}
	buf[n] = 0;
	if (n > 0) {
		attr_t old;
		short pair;
		attr_get(&old, &pair, NULL);
		split_wide(y, x, w);
		attrset(a);
		mvaddnwstr(y, x, buf, n);
		attr_set(old, pair, NULL);
	}
	return w;
}

void uis_putpad(int y, int x, int w, const char *s, attr_t a)
{
	if (y < 0 || y >= LINES || x >= COLS) return;
	if (x + w > COLS) w = COLS - x;
	int got = uis_put(y, x, w, s, a);
	if (got < w) split_wide(y, x + got, w - got);
	for (int i = got; i < w; i++) mvaddch(y, x + i, ' ' | a);
}

void uis_hline(int y, int x, int w, attr_t a)
{
	for (int i = 0; i < w; i++) uis_put(y, x + i, 1, "─", a);
}

void uis_clear_rect(int y, int x, int h, int w)
{
	for (int r = 0; r < h; r++) uis_putpad(y + r, x, w, "", A_NORMAL);
}

void uis_box(int y, int x, int h, int w, const char *title, attr_t a)
{
	if (h < 2 || w < 2) return;
	uis_put(y, x, 1, "┌", a);
	uis_hline(y, x + 1, w - 2, a);
	uis_put(y, x + w - 1, 1, "┐", a);
	for (int r = 1; r < h - 1; r++) {
		uis_put(y + r, x, 1, "│", a);
		uis_put(y + r, x + w - 1, 1, "│", a);
	}
	uis_put(y + h - 1, x, 1, "└", a);
	uis_hline(y + h - 1, x + 1, w - 2, a);
	uis_put(y + h - 1, x + w - 1, 1, "┘", a);
	if (title && *title) {
		char t[256];
		snprintf(t, sizeof t, " %s ", title);
		uis_put(y, x + 2, w - 4, t, a | A_BOLD);
	}
}

static struct uis_behind g_behind;
static int g_redrawing;

void uis_behind_frame(int (*draw)(void *ctx, int *top, int *height), void *ctx, int top,
                      int height)
{
	if (g_redrawing) return;
	memset(&g_behind, 0, sizeof g_behind);
	g_behind.frame = draw;
	g_behind.frame_ctx = ctx;
	g_behind.top = top;
	g_behind.height = height;
}

void uis_behind_body(void (*draw)(void *ctx, int top, int height), void *ctx, int top,
                     int height)
{
	if (g_redrawing || !g_behind.frame) return;
	g_behind.body = draw;
	g_behind.body_ctx = ctx;
	/* kept relative to the frame's rows, which a new size changes */
	g_behind.body_dtop = top - g_behind.top;
	g_behind.body_dh = g_behind.height - height;
}

void uis_behind_forget(void *ctx)
{
	if (g_behind.body_ctx == ctx) g_behind.body = NULL, g_behind.body_ctx = NULL;
	if (g_behind.frame_ctx == ctx) memset(&g_behind, 0, sizeof g_behind);
}

void uis_redraw_behind(void)
{
	int top, height;
	g_redrawing = 1;
	if (!g_behind.frame) erase();
	else if (g_behind.frame(g_behind.frame_ctx, &top, &height) == 0 && g_behind.body &&
	         height - g_behind.body_dh > 0)
		g_behind.body(g_behind.body_ctx, top + g_behind.body_dtop, height - g_behind.body_dh);
	g_redrawing = 0;
}

void uis_behind_save(struct uis_behind *b) { *b = g_behind; }

void uis_behind_restore(const struct uis_behind *b) { g_behind = *b; }

int uis_dump(const char *path)
{
	if (!path || !*path) return -1;
	FILE *f = fopen(path, "a");
	if (!f) return -1;
	/* winnstr counts bytes: 4 per cell is enough for any UTF-8 character. */
	size_t sz = (size_t)COLS * 4 + 1;
	char *buf = malloc(sz);
	if (!buf) {
		fclose(f);
		return -1;
	}
	int cy, cx;
	getyx(stdscr, cy, cx); /* reading moves the cursor: put it back after */
	for (int y = 0; y < LINES; y++) {
		int n = mvwinnstr(stdscr, y, 0, buf, (int)sz - 1);
		if (n < 0) n = 0;
		buf[n] = 0;
		while (n > 0 && buf[n - 1] == ' ') buf[--n] = 0;
		fprintf(f, "%s\n", buf);
	}
	fputs("----\n", f);
	free(buf);
	wmove(stdscr, cy, cx);
	return fclose(f) == 0 ? 0 : -1;
}

int uis_dump_cursor(const char *path)
{
	if (!path || !*path) return -1;
	FILE *f = fopen(path, "a");
	if (!f) return -1;
	int y, x;
	getyx(stdscr, y, x);
	fprintf(f, "cursor %d,%d\n----\n", y, x);
	return fclose(f) == 0 ? 0 : -1;
}
