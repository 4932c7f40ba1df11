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
#endif
