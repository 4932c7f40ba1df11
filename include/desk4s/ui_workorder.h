/* ui_workorder — repair orders (维修工单) on screen: the workshop list (open
 * orders by promised time, late ones marked; today's completions), finding
 * the car and opening an order (an unknown car registered on the spot, a
 * legacy owner completed first), the order sheet (完工, 取消, 备注, 返修) and
 * a car's order history. */
#ifndef DESK4S_UI_WORKORDER_H
#define DESK4S_UI_WORKORDER_H
#include <stdint.h>
#include "desk4s/draft.h"
#include "desk4s/ui_app.h"

/* The menu entry: the workshop list until the user leaves. */
void uiwo_run(struct uia *a);
/* An order opened from draft d (ui_draft): the stored order d->record_id,
 * or a new order for the car d->link_id, started as from the list (the
 * owner's required fields first), with the draft's values unsaved. */
void uiwo_run_draft(struct uia *a, const struct draft *d);
#endif
