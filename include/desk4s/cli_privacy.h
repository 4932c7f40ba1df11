/* cli_privacy — `desk4s retention [--as-of D] [--destroy NO --reason R]`
 * and `desk4s customer export|anonymise|consent|marketing NO ...`. */
#ifndef DESK4S_CLI_PRIVACY_H
#define DESK4S_CLI_PRIVACY_H
#include "desk4s/cli.h"

int clipriv_retention(const struct cli *c);
int clipriv_customer(const struct cli *c);
#endif
