/* ui_workorder — repair orders (维修工单) on screen: the workshop list (open
 * orders by promised time, late ones marked; today's completions), finding
 * the car and opening an order (an unknown car registered on the spot, a
 * legacy owner completed first), the order sheet (完工, 取消, 备注, 返修) and
 * a car's order history. */
#ifndef DESK4S_UI_WORKORDER_H
#define DESK4S_UI_WORKORDER_H
#include <stdint.h>
#include "desk4s/ui_app.h"

/* The menu entry: the workshop list until the user leaves. */
void uiwo_run(struct uia *a);
#endif
