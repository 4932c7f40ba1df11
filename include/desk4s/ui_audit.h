/* ui_audit — the usage log (使用日志) on screen, read-only, and the
 * permissions table (权限表) as the program enforces it. */
#ifndef DESK4S_UI_AUDIT_H
#define DESK4S_UI_AUDIT_H
#include "desk4s/ui_app.h"

/* The usage log: filters (from, to, staff login, customer number), a paged
 * list, Enter shows a whole entry.  Needs 查看使用日志; each page read is
 * itself logged by audit_query.  Nothing here can change an entry. */
void uiau_run_log(struct uia *a);
/* Role × permission, read from auth_can, every cell ✓ or —. */
void uiau_run_perms(struct uia *a);
#endif
