/* audit — the usage log (使用日志): append-only, every entry chained to the
 * one before by a SHA-256 hash, so an edited or deleted entry is detected.
 * A store module: the rest of the program calls these functions. */
#ifndef DESK4S_AUDIT_H
#define DESK4S_AUDIT_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/store.h"

/* Append one entry inside the caller's transaction when there is one (so a
 * change and its log entry commit together), else in its own.
 * action: e.g. "查看客户", "新建客户", "修改客户", "导入", "导出", "打印",
 * "登录", "登录失败", "账号变更", "销毁客户".  customer_no may be NULL.
 * detail: free text, e.g. "手机号: 13800138000 → 13900001111". */
enum st_status audit_append(struct st_db *db, const char *staff, const char *action,
                            const char *customer_no, const char *detail,
                            char *err, size_t errsz);
#endif
