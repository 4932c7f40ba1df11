/* cli_data — the batch commands that move records in and out. */
#ifndef DESK4S_CLI_DATA_H
#define DESK4S_CLI_DATA_H
#include "desk4s/cli.h"
int cli_import(const struct cli *c);
int cli_export(const struct cli *c);
int cli_forms(const struct cli *c);
#endif
