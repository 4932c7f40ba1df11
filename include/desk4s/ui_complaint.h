/* ui_complaint — 客户投诉记录 at the desk: the list of open complaints
 * (oldest first) and of those handled lately, a new complaint for a
 * customer found by the lookup, and 处理完毕 in one key, which puts the
 * 7-day callback on the due list (SHEETS.md §5). */
#ifndef DESK4S_UI_COMPLAINT_H
#define DESK4S_UI_COMPLAINT_H
#include "desk4s/ui_app.h"

/* The complaint list (menu entry 7) until the user leaves. */
void uicp_run(struct uia *a);
#endif
