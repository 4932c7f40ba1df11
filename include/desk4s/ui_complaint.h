/* ui_complaint — 客户投诉记录 at the desk: the list of open complaints
 * (oldest first) and of those handled lately, a new complaint for a
 * customer found by the lookup, and 处理完毕 in one key, which puts the
 * 7-day callback on the due list (SHEETS.md §5). */
#ifndef DESK4S_UI_COMPLAINT_H
#define DESK4S_UI_COMPLAINT_H
#include "desk4s/draft.h"
#include "desk4s/ui_app.h"

/* The complaint list (menu entry 7) until the user leaves. */
void uicp_run(struct uia *a);
/* The complaint sheet opened from draft d (ui_draft): the open complaint
 * d->record_id, or a new one for the customer d->customer_no, with the
 * draft's values unsaved. */
void uicp_run_draft(struct uia *a, const struct draft *d);
#endif
