/* ui_region — the cascading region picker: province, then city, then
 * district, each list filtering as one types Chinese or digits (two a
 * level); a whole code typed into any list (six digits, or a city's four)
 * goes straight there, or is named as unknown; fills the three GB/T 2260
 * codes at once. */
#ifndef DESK4S_UI_REGION_H
#define DESK4S_UI_REGION_H
#include "desk4s/ui_app.h"

/* codes[0..2]: province, city, district as 6-digit strings ("" when empty),
 * each 8 bytes.  filter: the first text typed.  from: the level to start
 * at (0 province, 1 city, 2 district: the field the cursor is on), where
 * the levels above it are chosen already; else where they end.  Esc on the
 * first list shown cancels (codes unchanged, returns 0); Esc further down
 * keeps the levels chosen above and empties the rest (returns 1). */
int uirg_pick(struct uia *a, char codes[3][8], const char *filter, int from);
/* The name shown beside a region code ("浙江省", "杭州市"), "" when unknown. */
const char *uirg_name(const char *code);
#endif
