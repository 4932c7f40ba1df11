/* ui_field — a single-line, wide-character-aware editor.  Our own instead
 * of formw: formw lets a double-width character overflow the last column
 * (NCURSES-CJK.md item 7) and needs REQ_VALIDATION dances to read back. */
#include "desk4s/ui_field.h"

#include <curses.h>
#include <string.h>

#include "desk4s/text.h"
#include "desk4s/ui_screen.h"

void uif_init(struct uif_edit *e, size_t max, enum uif_fold fold)
{
	/* not the whole buffer: a sheet's entries are mostly short, and
	 * their untouched pages never become memory */
	e->buf[0] = 0;
	e->len = e->cur = e->scroll = 0;
	e->max = max && max < UIF_MAX ? max : UIF_MAX;
	e->fold = fold;
}

void uif_set(struct uif_edit *e, const char *s)
{
	size_t n = strlen(s);
	if (n > e->max) {
		n = e->max;
		while (n > 0 && (s[n] & 0xC0) == 0x80) n--;
	}
	memcpy(e->buf, s, n);
	e->buf[n] = 0;
	e->len = e->cur = n;
	e->scroll = 0;
}

static size_t next_at(const struct uif_edit *e, size_t i)
{
	if (i >= e->len) return e->len;
	uint32_t cp;
	return i + txt_decode(e->buf + i, e->len - i, &cp);
}

static size_t prev_at(const struct uif_edit *e, size_t i)
{
	if (i == 0) return 0;
	i--;
	while (i > 0 && (e->buf[i] & 0xC0) == 0x80) i--;
	return i;
}

/* display cells of buf[a..b) */
static int cells(const struct uif_edit *e, size_t a, size_t b)
{
	int w = 0;
	while (a < b) {
		uint32_t cp;
		a += txt_decode(e->buf + a, b - a, &cp);
		w += txt_wcwidth(cp);
	}
	return w;
}

static uint32_t fold(const struct uif_edit *e, uint32_t ch)
{
	uint32_t h = txt_halfwidth(ch);
	if (h == ch || e->fold == UIF_FOLD_ALL) return h;
	/* free text: only digits and Latin letters pasted from an input method */
	if ((h >= '0' && h <= '9') || (h >= 'A' && h <= 'Z') || (h >= 'a' && h <= 'z')) return h;
	return ch;
}

int uif_key(struct uif_edit *e, enum uik_req req, uint32_t ch)
{
	switch (req) {
	case UIR_LEFT: e->cur = prev_at(e, e->cur); return 0;
	case UIR_RIGHT: e->cur = next_at(e, e->cur); return 0;
	case UIR_HOME: e->cur = 0; return 0;
	case UIR_END: e->cur = e->len; return 0;
	case UIR_BS:
		if (e->cur == 0) return 0;
		{
			size_t p = prev_at(e, e->cur);
			memmove(e->buf + p, e->buf + e->cur, e->len - e->cur + 1);
			e->len -= e->cur - p;
			e->cur = p;
		}
		return 1;
	case UIR_DEL:
		if (e->cur >= e->len) return 0;
		{
			size_t n = next_at(e, e->cur);
			memmove(e->buf + e->cur, e->buf + n, e->len - n + 1);
			e->len -= n - e->cur;
		}
		return 1;
	case UIR_KILL:
		/* a value filled in for the user (完工时间 now) replaced at once */
		if (e->cur == 0) return 0;
		memmove(e->buf, e->buf + e->cur, e->len - e->cur + 1);
		e->len -= e->cur;
		e->cur = 0;
		return 1;
	case UIR_NONE: break;
	default: return 0;
	}
	if (ch < 0x20 || (ch >= 0x7f && ch < 0xa0) || ch > 0x10FFFF) return -1;
	/* invisible characters a paste brings along (zero-width space and
	 * joiners, the BOM, the word joiner): kept, they would make a mobile
	 * "not digits" with nothing to see in the field */
	if ((ch >= 0x200B && ch <= 0x200F) || ch == 0xFEFF || ch == 0x2060) return 0;
	ch = fold(e, ch);
	char enc[4];
	size_t n = txt_encode(ch, enc);
	if (e->len + n > e->max) return -1;
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, enc, n);
	e->len += n;
	e->cur += n;
	return 1;
}

/* Keep the cursor's cell inside the w cells shown: text that fits is shown
 * whole; longer text scrolls so that the cursor's character, or at the end
 * the free cell where the next one goes, is wholly inside. */
static void fit_scroll(struct uif_edit *e, int w)
{
	if (cells(e, 0, e->len) <= w) {
		e->scroll = 0;
		return;
	}
	if (e->scroll > e->len) e->scroll = 0;
	if (e->cur < e->scroll) e->scroll = e->cur;
	int cw = 1;
	if (e->cur < e->len) {
		uint32_t cp;
		txt_decode(e->buf + e->cur, e->len - e->cur, &cp);
		cw = txt_wcwidth(cp);
	}
	while (e->scroll < e->cur && cells(e, e->scroll, e->cur) + cw > w)
		e->scroll = next_at(e, e->scroll);
	/* text deleted at the end: show as much as fits again */
	int end = e->cur == e->len;
	while (e->scroll > 0) {
		size_t p = prev_at(e, e->scroll);
		if (cells(e, p, e->len) + end > w) break;
		e->scroll = p;
	}
}

int uif_draw(struct uif_edit *e, int y, int x, int w, int focused, unsigned attr)
{
	if (w < 2) w = 2;
	if (!focused) e->scroll = 0; /* a field not being edited shows its start */
	else fit_scroll(e, w);
	size_t shown = txt_fit(e->buf + e->scroll, w);
	int more = e->scroll + shown < e->len;
	uis_put(y, x, 1, e->scroll > 0 ? "<" : "[", A_NORMAL);
	uis_putpad(y, x + 1, w, e->buf + e->scroll, attr);
	uis_put(y, x + 1 + w, 1, more ? ">" : "]", A_NORMAL);
	int c = cells(e, e->scroll, e->cur);
	/* text that fills the box exactly leaves no cell after it: the cursor
	 * rests on the last character (its first cell when it is wide) rather
	 * than on the bracket, where an input method would draw its text over
	 * the next field */
	if (c >= w && e->cur > e->scroll) c = cells(e, e->scroll, prev_at(e, e->cur));
	return x + 1 + c;
}

/* Where the row that starts at byte a ends: as many whole characters as
 * fit in w cells, up to a line break (excluded). */
static size_t row_end(const struct uif_edit *e, size_t a, int w)
{
	int used = 0;
	while (a < e->len && e->buf[a] != '\n') {
		uint32_t cp;
		size_t n = txt_decode(e->buf + a, e->len - a, &cp);
		int cw = txt_wcwidth(cp);
		if (used + cw > w) break;
		used += cw;
		a += n;
	}
	return a;
}

/* The start of the row after the one from a (ending at end). */
static size_t row_next(const struct uif_edit *e, size_t end)
{
	return end < e->len && e->buf[end] == '\n' ? end + 1 : end;
}

int uif_rows(const struct uif_edit *e, int w)
{
	if (w < 2) w = 2;
	int n = 1;
	for (size_t a = 0, end; (end = row_end(e, a, w)) < e->len; a = row_next(e, end))
		n++;
	return n;
}

void uif_draw_rows(struct uif_edit *e, int y, int x, int w, int rows, unsigned attr, int *cy, int *cx)
{
	if (w < 2) w = 2;
	if (rows < 1) rows = 1;
	/* the cursor's row: the row holding it, or the last one it ends */
	int total = 0, at = 0;
	size_t cur_start = 0;
	for (size_t a = 0;;) {
		size_t end = row_end(e, a, w);
		if (e->cur >= a && (e->cur < end || (e->cur == end && (end >= e->len || e->buf[end] == '\n'))))
			at = total, cur_start = a;
		total++;
		if (end >= e->len) break;
		a = row_next(e, end);
	}
	int first = at - rows + 1 > 0 ? at - rows + 1 : 0;
	if (first + rows > total) first = total - rows > 0 ? total - rows : 0;
	size_t a = 0;
	for (int r = 0; r < first; r++)
		a = row_next(e, row_end(e, a, w));
	for (int r = 0; r < rows; r++) {
		size_t end = a <= e->len ? row_end(e, a, w) : a;
		char line[UIF_MAX + 1];
		size_t n = first + r < total ? end - a : 0;
		memcpy(line, e->buf + a, n);
		line[n] = 0;
		uis_put(y + r, x, 1, r == 0 && first > 0 ? "<" : "[", A_NORMAL);
		uis_putpad(y + r, x + 1, w, line, attr);
		uis_put(y + r, x + 1 + w, 1, r == rows - 1 && first + rows < total ? ">" : "]", A_NORMAL);
		if (first + r < total)
			a = row_next(e, end);
	}
	*cy = y + at - first;
	*cx = x + 1 + cells(e, cur_start, e->cur);
	/* a row filled exactly: the cursor rests on its last character */
	if (*cx >= x + 1 + w && e->cur > cur_start) *cx = x + 1 + cells(e, cur_start, prev_at(e, e->cur));
}
