/* ui_due — the due list on screen (回访到期清单, SHEETS.md §5): a filter line
 * (date range, kind, staff), the tasks with overdue ones marked, and per
 * task: close with a result, reschedule, stop reminding the customer of
 * that kind. */
#ifndef DESK4S_UI_DUE_H
#define DESK4S_UI_DUE_H
#include <stddef.h>
#include "desk4s/ui_app.h"

/* The menu entry: the list until the user leaves. */
void uidu_run(struct uia *a);

/* The mobile as this screen shows it to the session's staff member: whole,
 * or "138****5678" for a role that may not see it whole (auth.h). */
void uidu_mobile_shown(const struct uia *a, const char *mobile, char *out, size_t outsz);

#endif
