/* ui_region — the cascading region picker: province, then city, then
 * district, each list filtering as one types Chinese or digits (two a
 * level); a whole code typed into any list (six digits, or a city's four)
 * goes straight there, or is named as unknown; fills the three GB/T 2260
 * codes at once. */
#ifndef DESK4S_UI_REGION_H
#define DESK4S_UI_REGION_H
#include "desk4s/ui_app.h"

/* codes[0..2]: province, city, district as 6-digit strings ("" when empty),
 * each 8 bytes.  filter: the first text typed.  Esc on the province list
 * cancels (codes unchanged, returns 0); Esc further down keeps the levels
 * chosen above and empties the rest (returns 1). */
int uirg_pick(struct uia *a, char codes[3][8], const char *filter);
/* The name shown beside a region code ("浙江省", "杭州市"), "" when unknown. */
const char *uirg_name(const char *code);
#endif
