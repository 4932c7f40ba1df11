/* config — the shop's settings kept in the database (a store module):
 *   file_group   the group that shares the database on a front-desk host
 *   backup_dir   where `desk4s backup --rotate` writes the daily backups
 *   backup_keep  how many of them to keep (default 30)
 *   shop_name    the shop's name on printed due lists
 *   printer      the CUPS queue for `desk4s due --print` without a queue
 * Only an administrator changes them; each change is logged. */
#ifndef DESK4S_CONFIG_H
#define DESK4S_CONFIG_H
#include <stddef.h>
#include "desk4s/store.h"

struct staff_me;

/* NULL-terminated list of the keys, and what each means. */
const char *const *cfg_keys(void);
const char *cfg_help(const char *key);
/* The value into out: 1 when set, 0 when not (out = ""), -1 on error. */
int cfg_get(struct st_db *db, const char *key, char *out, size_t outsz);
/* Whether value suits key (the group exists, the directory is absolute,
 * keep is 1..3650, names print): 0, or -1 with "设置 KEY：rule，而不是“value”"
 * in err, so a command line refuses it as a usage error before logging in. */
int cfg_check(const char *key, const char *value, char *err, size_t errsz);
/* Set (value "" removes it).  Needs 管理; the value is checked for its key
 * (the group exists, the directory is absolute, keep is 1..3650). */
enum st_status cfg_set(struct st_db *db, struct staff_me *me, const char *key, const char *value,
                       char *err, size_t errsz);
#endif
