/* ui_region — province → city → district, one pick list per level, or a
 * whole code typed into any of them.
 * Backspace on an empty filter climbs back a level, so a wrong province is
 * fixed without starting over. */
#include "desk4s/ui_region.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk4s/region.h"
#include "desk4s/ui_pick.h"
#include "desk4s/ui_screen.h"

const char *uirg_name(const char *code)
{
	char *end;
	long c = strtol(code, &end, 10);
	if (!*code || *end || c <= 0 || c > 999999) return "";
	const struct reg_entry *e = reg_find((int)c);
	return e ? e->name : "";
}

/* What a filter may name beyond a level's own items: a whole code (the
 * lists take two digits a level) or the name of a place below the list.
 * level and parent say which list is asked; code receives the choice. */
struct beyond {
	int level, parent, code;
	int near[2]; /* the sheet's province and city, where the name is looked for first */
};

/* A whole code typed into any level's list: six digits name any place,
 * four a city (its first four digits).  Says what it names, or that
 * nothing has that code. */
static int lookup_code(struct beyond *b, const char *filter, size_t n, char *line, size_t linesz)
{
	int code = atoi(filter) * (n == 4 ? 100 : 1);
	const struct reg_entry *e = reg_find(code);
	if (!e || (n == 4 && e->level != 2)) {
		if (n == 4) snprintf(line, linesz, "没有代码以 %s 开头的城市", filter);
		else snprintf(line, linesz, "没有代码为 %s 的地区", filter);
		return -1;
	}
	b->code = e->code;
	return 1;
}

/* The codes of e and the places above it, by level: province, city,
 * district (0 where e is above that level). */
static void codes_of(const struct reg_entry *e, int codes[3])
{
	codes[0] = codes[1] = codes[2] = 0;
	for (const struct reg_entry *up = e; up; up = up->parent ? reg_find(up->parent) : NULL)
		if (up->level >= 1 && up->level <= 3) codes[up->level - 1] = up->code;
}

static int under(const struct reg_entry *e, int parent)
{
	if (!parent) return 1;
	for (const struct reg_entry *up = e; up && up->parent; up = reg_find(up->parent))
		if (up->parent == parent) return 1;
	return 0;
}

/* How a place's name holds what was typed: 0 it is the name, 1 it starts
 * it, 2 it is inside it, 3 not at all. */
static int name_match(const char *name, const char *typed)
{
	const char *at = strstr(name, typed);
	return !at ? 3 : at != name ? 2 : name[strlen(typed)] ? 1 : 0;
}

/* The places below level and within `within` (0: anywhere) whose names
 * hold typed, as well as any holds it: a whole name before a name's start,
 * a start before a part (西湖 is 杭州's and 南昌's 西湖区, not also 武汉's
 * 东西湖区).  Returns how many, *code the first. */
static int places_named(int level, int within, const char *typed, int *code)
{
	size_t n;
	const struct reg_entry *all = reg_all(&n);
	int found = 0, best = 3;
	for (size_t i = 0; i < n; i++) {
		if (all[i].level <= level || !under(&all[i], within)) continue;
		int m = name_match(all[i].name, typed);
		if (m > best) continue;
		if (m < best) best = m, found = 0;
		if (!found++) *code = all[i].code;
	}
	return best == 3 ? 0 : found;
}

/* 1 when typed is e's address written whole, its levels one after another
 * (杭州市萧山区, 浙江杭州萧山, 浙江省 杭州市 萧山区): each level by its name
 * or its short form, the province and the city may be left out, spaces
 * between them. */
static int is_written_address(const struct reg_entry *e, const char *typed)
{
	int codes[3];
	codes_of(e, codes);
	const char *at = typed;
	for (int i = 0; i < e->level; i++) {
		while (*at == ' ') at++;
		const struct reg_entry *up = codes[i] ? reg_find(codes[i]) : NULL;
		if (!up) continue;
		size_t len = reg_name_at(up, at, 1);
		if (len) at += len;
		else if (up == e) return 0; /* the place itself is never left out */
	}
	while (*at == ' ') at++;
	return *at == 0;
}

/* A city's or a district's name typed into a list above it (杭州 into the
 * provinces, as a receptionist says an address; 萧山 on a sheet that holds
 * 杭州 already): the one place whose name holds it is offered, looked for
 * first in the sheet's city, then its province; several are said, with the
 * level to choose first, rather than "没有匹配项" as though the place did
 * not exist. */
static int lookup_name(struct beyond *b, const char *filter, char *line, size_t linesz)
{
	int code = 0, found = 0;
	for (int i = 1; i >= 0 && found == 0; i--) {
		int near = b->near[i];
		const struct reg_entry *e = near ? reg_find(near) : NULL;
		if (e && e->level >= b->level && (near == b->parent || under(e, b->parent)))
			found = places_named(b->level, near, filter, &code);
	}
	if (found == 0) found = places_named(b->level, b->parent, filter, &code);
	if (found == 0 && strlen(filter) > 3) {
		/* a whole address, as copied from a message */
		size_t n;
		const struct reg_entry *all = reg_all(&n);
		for (size_t i = 0; i < n; i++)
			if (all[i].level > b->level && under(&all[i], b->parent) && is_written_address(&all[i], filter))
				if (!found++) code = all[i].code;
	}
	if (found == 0) return 0;
	if (found > 1) {
		snprintf(line, linesz, "“%s”有 %d 处，请先选%s", filter, found, b->level == 1 ? "省份" : "城市");
		return -1;
	}
	b->code = code;
	return 1;
}

static int lookup_beyond(void *ctx, const char *filter, char *line, size_t linesz)
{
	struct beyond *b = ctx;
	size_t n = strlen(filter);
	int st;
	if (strspn(filter, "0123456789") == n) {
		if (n != 4 && n != 6) return 0;
		st = lookup_code(b, filter, n, line, linesz);
	} else {
		st = lookup_name(b, filter, line, linesz);
	}
	if (st <= 0) return st;
	const struct reg_entry *e = reg_find(b->code);
	int codes[3];
	codes_of(e, codes);
	char name[160];
	reg_display(codes[0], codes[1], codes[2], name, sizeof name);
	snprintf(line, linesz, "%06d %s", e->code, name);
	return 1;
}

/* One level's pick list; returns the chosen code (of this level, or of
 * any level when a whole code was typed), 0 cancel, -1 back. */
static int pick_level(struct uia *a, int parent, const char *title, const char *filter,
                      int current, const int near[2])
{
	size_t n;
	const struct reg_entry *const *kids = reg_children(parent, &n);
	if (!kids || n == 0) return 0;
	struct uipk_item *items = calloc(n, sizeof *items);
	char (*codes)[8] = calloc(n, sizeof *codes);
	int sel = -1, res = 0;
	if (!items || !codes) goto out;
	for (size_t i = 0; i < n; i++) {
		snprintf(codes[i], sizeof codes[i], "%06d", kids[i]->code);
		items[i].code = codes[i];
		items[i].label = kids[i]->name;
		/* a city's or district's own digits: "01" finds 杭州市 330100 */
		items[i].alt = kids[i]->level > 1 ? codes[i] + 2 * (kids[i]->level - 1) : NULL;
		if (kids[i]->code == current) sel = (int)i;
	}
	struct beyond typed = {parent ? reg_find(parent)->level + 1 : 1, parent, 0, {near[0], near[1]}};
	struct uipk_more more = {lookup_beyond, &typed};
	int k = uipk_run_more(a, title, items, (int)n, filter, sel, &more);
	res = k >= 0 ? kids[k]->code : k == UIPK_MORE ? typed.code : k == UIPK_BACK ? -1 : 0;
out:
	free(items);
	free(codes);
	return res;
}

int uirg_pick(struct uia *a, char codes[3][8], const char *filter, int from)
{
	int cur[3];
	int got[3] = {0, 0, 0};
	for (int i = 0; i < 3; i++) cur[i] = atoi(codes[i]);
	/* typing on 城市编号 of a sheet that holds its province opens that
	 * province's cities, not the provinces again */
	int level = 0, shown = 0;
	while (level < from && level < 2 && cur[level] && reg_find(cur[level]) &&
	       reg_find(cur[level])->level == level + 1 && (level == 0 || reg_find(cur[level])->parent == got[level - 1])) {
		got[level] = cur[level];
		level++;
	}
	int first = level;
	char title[160];
	while (level < 3 && !a->quit) {
		int parent = level == 0 ? 0 : got[level - 1];
		if (level == 0) snprintf(title, sizeof title, "选择省份");
		else if (level == 1) snprintf(title, sizeof title, "选择城市：%s", reg_find(got[0])->name);
		else
			snprintf(title, sizeof title, "选择区县：%s %s", reg_find(got[0])->name,
			         reg_find(got[1])->name);
		if (level == 2 && reg_is_leaf_city(got[1])) {
			got[2] = 0; /* 东莞、中山…: no district level */
			level = 3;
			break;
		}
		size_t n;
		reg_children(parent, &n);
		if (level > 0 && n == 0) {
			got[level] = 0;
			level++;
			continue;
		}
		/* the next list over the sheet, not over what is left of the last */
		if (shown++) uis_redraw_behind();
		int c = pick_level(a, parent, title, filter, cur[level], cur);
		filter = ""; /* what was typed opened the first list only */
		if (c == 0 && level == first) return 0;
		if (c == 0) {
			/* Esc below the province keeps what was chosen above: the
			 * rest is asked for on saving, like any empty field */
			for (int i = level; i < 3; i++) got[i] = 0;
			break;
		}
		if (c < 0) {
			if (level == 0) return 0;
			if (level == first) first--; /* back above where it started */
			level--;
			cur[level] = got[level]; /* back on the entry just chosen */
			continue;
		}
		/* the code and the levels above it (a whole code jumps there) */
		const struct reg_entry *e = reg_find(c);
		codes_of(e, got);
		level = e->level;
	}
	if (a->quit) return 0;
	for (int i = 0; i < 3; i++) {
		if (got[i]) snprintf(codes[i], 8, "%06d", got[i]);
		else codes[i][0] = 0;
	}
	return 1;
}
