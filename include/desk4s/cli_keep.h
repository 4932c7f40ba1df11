/* cli_keep — `desk4s backup FILE`, `desk4s backup --rotate [DIR] [--keep N]`,
 * `desk4s restore FILE [--accept-broken-log]` and `desk4s config [KEY [VALUE]]`. */
#ifndef DESK4S_CLI_KEEP_H
#define DESK4S_CLI_KEEP_H
#include "desk4s/cli.h"

int clikeep_backup(const struct cli *c);
int clikeep_restore(const struct cli *c);
int clikeep_config(const struct cli *c);
#endif
