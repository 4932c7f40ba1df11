/* cli_audit — `desk4s audit verify` and `desk4s audit [--from D] [--to D]
 * [--user L] [--customer NO]`. */
#ifndef DESK4S_CLI_AUDIT_H
#define DESK4S_CLI_AUDIT_H
#include "desk4s/cli.h"

int cliaudit_audit(const struct cli *c);
#endif
