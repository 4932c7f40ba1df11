/* ui_pick — filtered pick list.  Drawn over whatever the calling screen
 * last drew, so the sheet stays visible around it; after a resize that
 * screen is drawn anew behind it (uis_redraw_behind). */
#include "desk4s/ui_pick.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/text.h"
#include "desk4s/ui_field.h"
#include "desk4s/ui_screen.h"

/* a pick list's own keys, then those every list with a filter shares */
#define PICK_KEYS (UIK_PICK | UIK_LIST)
/* ... over a sheet, whose F2 saves it once the list is closed */
static uik_scopes pick_keys(void) { return PICK_KEYS | (uia_over_sheet() ? UIK_PICKFORM : 0); }

static int matches(const struct uipk_item *it, const char *f)
{
	if (!*f) return 1;
	if (strstr(it->label, f)) return 1;
	size_t n = strlen(f);
	return (it->code && strncmp(it->code, f, n) == 0) || (it->alt && strncmp(it->alt, f, n) == 0);
}

struct pick {
	struct uia *a;
	const char *title;
	const struct uipk_item *items;
	int n, labw;
	int codew;           /* the widest code: codes right-aligned, so 9 and 10 line up */
	int *hit, nhit, cur, first;
	struct uif_edit filter;
	const struct uipk_more *more;
	int more_st;         /* what more->lookup said of the filter: 1, -1 or 0 */
	char more_line[200]; /* ... and its line */
	int moved;           /* the selection was moved: Tab takes it */
	const char *said;    /* why the last key did nothing, in the foot until the next */
	uik_scopes keys;     /* PICK_KEYS, over a sheet with UIK_PICKFORM */
};

static void draw(struct pick *p)
{
	int w = p->labw + 8;
	if (w < 34) w = 34;
	if (w > COLS - 4) w = COLS - 4;
	/* sized by the whole list, not the matches, so it does not jump while typing */
	int rows = LINES - 8;
	if (rows > 14) rows = 14;
	if (rows > p->n) rows = p->n < 3 ? 3 : p->n;
	int h = rows + 4;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;
	if (p->cur < p->first) p->first = p->cur;
	if (p->cur >= p->first + rows) p->first = p->cur - rows + 1;
	/* the bar says the list's keys, not the sheet's behind it */
	uia_front_keys(p->a, p->keys);
	uis_clear_rect(y, x, h, w);
	uis_box(y, x, h, w, p->title, uis_attr(UIS_HINT));
	int fx = x + 2 + uis_put(y + 1, x + 2, -1, "筛选", A_BOLD) + 1;
	int cx = uif_draw(&p->filter, y + 1, fx, w - (fx - x) - 4, 1, A_UNDERLINE);
	for (int r = 0; r < rows && p->first + r < p->nhit; r++) {
		const struct uipk_item *it = &p->items[p->hit[p->first + r]];
		char line[320];
		int on = p->first + r == p->cur;
		int pad = it->code ? p->codew - txt_width(it->code) : 0;
		snprintf(line, sizeof line, "%s%*s%s%s%s", on ? "> " : "  ", pad > 0 ? pad : 0, "",
		         it->code ? it->code : "", it->code ? " " : "", it->label);
		uis_putpad(y + 2 + r, x + 1, w - 2, line, on ? uis_attr(UIS_SELECT) : A_NORMAL);
	}
	if (p->nhit == 0 && p->more_st) {
		char line[220];
		snprintf(line, sizeof line, "%s%s", p->more_st > 0 ? "> " : "  ", p->more_line);
		uis_putpad(y + 2, x + 1, w - 2, line,
		           p->more_st > 0 ? uis_attr(UIS_SELECT) : uis_attr(UIS_ERROR));
	}
	/* nothing to choose: how to go on (rows is at least 3) */
	if (p->nhit == 0 && p->more_st <= 0)
		uis_putpad(y + 2 + (p->more_st < 0), x + 1, w - 2, "  Backspace 修改筛选  Esc 取消", uis_attr(UIS_HINT));
	char foot[96];
	if (p->said) snprintf(foot, sizeof foot, " %s ", p->said);
	else if (p->nhit == 0 && p->more_st > 0) snprintf(foot, sizeof foot, " 1/1  Enter 选定  Esc 取消 ");
	else if (p->nhit == 0) snprintf(foot, sizeof foot, " 没有匹配项 ");
	else snprintf(foot, sizeof foot, " %d/%d  Enter 选定  Esc 取消 ", p->cur + 1, p->nhit);
	uis_put(y + h - 1, x + 2, w - 4, foot, p->said ? uis_attr(UIS_ERROR) : A_NORMAL);
	move(y + 1, cx);
	curs_set(1);
}

/* Recompute the matches; want: an item index to put the selection on. */
static void refilter(struct pick *p, int want)
{
	p->nhit = 0;
	for (int i = 0; i < p->n; i++)
		if (matches(&p->items[i], p->filter.buf)) {
			if (i == want) p->cur = p->nhit;
			p->hit[p->nhit++] = i;
		}
	if (p->cur >= p->nhit) p->cur = p->nhit - 1;
	if (p->cur < 0) p->cur = 0;
	p->more_st = 0;
	if (p->nhit == 0 && p->more && p->filter.len > 0)
		p->more_st = p->more->lookup(p->more->ctx, p->filter.buf, p->more_line, sizeof p->more_line);
}

int uipk_run(struct uia *a, const char *title, const struct uipk_item *items, int n,
             const char *filter, int sel)
{
	return uipk_run_more(a, title, items, n, filter, sel, NULL);
}

int uipk_run_more(struct uia *a, const char *title, const struct uipk_item *items, int n,
                  const char *filter, int sel, const struct uipk_more *more)
{
	struct pick p = {.a = a, .title = title, .items = items, .n = n, .labw = 8, .more = more,
	                 .keys = pick_keys()};
	int result = UIPK_CANCEL;
	p.hit = malloc(sizeof *p.hit * (size_t)(n > 0 ? n : 1));
	if (!p.hit) return UIPK_CANCEL;
	for (int i = 0; i < n; i++) {
		if (items[i].code && txt_width(items[i].code) > p.codew) p.codew = txt_width(items[i].code);
	}
	for (int i = 0; i < n; i++) {
		int w = txt_width(items[i].label) + (items[i].code ? p.codew + 1 : 0);
		if (w > p.labw) p.labw = w;
	}
	uif_init(&p.filter, 64, UIF_FOLD_ALNUM);
	uif_set(&p.filter, filter ? filter : "");
	refilter(&p, sel);
	for (;;) {
		if (!uis_too_small()) draw(&p);
		struct uik_key k;
		uia_getkey(a, &k);
		if (a->quit) break;
		if (k.kind == KEY_CODE_YES && k.ch == KEY_RESIZE) {
			/* what was behind is laid out for the old size */
			uis_redraw_behind();
			continue;
		}
		enum uik_req r = uik_request(p.keys, &k);
		int tab = r == UIR_NEXT;
		p.said = NULL;
		if (r == UIR_BACK) break;
		if (tab && !p.moved && p.filter.len == 0) {
			result = UIPK_NEXT; /* passed over, as Tab passes a field */
			break;
		}
		if (r == UIR_OPEN || tab) {
			if (p.nhit > 0) {
				result = p.hit[p.cur];
				break;
			}
			if (p.more_st > 0) {
				result = UIPK_MORE;
				break;
			}
			beep();
			p.said = "没有匹配项，无可选定";
			continue;
		}
		if (r == UIR_SAVE) {
			beep();
			p.said = p.keys & UIK_PICKFORM ? "Enter 选定或 Esc 取消后再保存" : "请先 Enter 选定或 Esc 取消";
			continue;
		}
		if (r == UIR_BS && p.filter.len == 0) {
			result = UIPK_BACK;
			break;
		}
		if (r == UIR_UP || r == UIR_DOWN || r == UIR_PGUP || r == UIR_PGDN) p.moved = 1;
		if (r == UIR_UP) p.cur--;
		else if (r == UIR_DOWN) p.cur++;
		else if (r == UIR_PGUP) p.cur -= 10;
		else if (r == UIR_PGDN) p.cur += 10;
		else if ((r != UIR_NONE || k.kind == OK) && uif_key(&p.filter, r, (uint32_t)k.ch) > 0) {
			p.cur = p.first = 0;
			refilter(&p, -1);
		}
		if (p.cur >= p.nhit) p.cur = p.nhit - 1;
		if (p.cur < 0) p.cur = 0;
	}
	uia_front_keys(a, 0);
	free(p.hit);
	return result;
}
