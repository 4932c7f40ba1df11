/* cli_user — `desk4s user add|disable|enable|passwd|role|list` and
 * `desk4s permissions` (the role × permission table). */
#ifndef DESK4S_CLI_USER_H
#define DESK4S_CLI_USER_H
#include "desk4s/cli.h"

int cliuser_user(const struct cli *c);
int cliuser_permissions(const struct cli *c);
#endif
