/* fpath — a path as the usage log names it. */
#ifndef DESK4S_FPATH_H
#define DESK4S_FPATH_H
#include <stddef.h>

/* A file a command wrote, as the usage log names it: absolute, its
 * directory resolved (realpath: no "." or "..", a linked directory where
 * it points), its own name as given (a link named as an --out stays named,
 * as it stays a link).  "../x.csv" told whoever read the log later nothing
 * of where the data went.  A directory that is not there is joined to the
 * working directory as given.  Returns buf. */
const char *fpath_abs(const char *path, char *buf, size_t bufsz);
/* Why a file at path could not be created (errno e), for a message after
 * its "无法写入… path：": its directory named when that is missing or not a
 * directory ("目录 X 不存在，请先建立这个目录，" then `elsewhere`, the
 * caller's other way out), else the system's reason.  "文件或目录不存在"
 * left staff guessing which.  Returns buf. */
const char *fpath_create_why(const char *path, int e, const char *elsewhere, char *buf, size_t bufsz);
#endif
