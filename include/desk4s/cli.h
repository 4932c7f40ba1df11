/* cli — what every batch command shares: the parsed global options, opening
 * the database and forms, and messages on stderr.  Each command lives in
 * its own cli_*.c file and is listed once in main.c's table. */
#ifndef DESK4S_CLI_H
#define DESK4S_CLI_H
#include "desk4s/fdef.h"
#include "desk4s/store.h"

enum { CLI_OK = 0, CLI_REFUSED = 1, CLI_USAGE = 2, CLI_FILE = 3 };

struct cli {
	const char *db;    /* --db, or NULL */
	const char *forms; /* --forms, or NULL */
	int argc;
	char **argv;       /* the command word and its arguments */
};

/* "desk4s: <message>" and a pointer to --help on stderr; returns CLI_USAGE. */
__attribute__((format(printf, 1, 2)))
int cli_usage_error(const char *fmt, ...);
/* "desk4s: <message>" on stderr. */
__attribute__((format(printf, 1, 2)))
void cli_error(const char *fmt, ...);
/* Open the database named by --db, DESK4S_DB or the default path; on
 * failure prints why and returns CLI_FILE. */
int cli_open_db(const struct cli *c, struct st_db **db);
/* Load a form (the shop's own with --forms); NULL after printing why. */
struct fdef_form *cli_load_form(const struct cli *c, const char *name);
/* The staff member a batch command acts as. */
const char *cli_staff(void);

/* The data commands (cli_data.c). */
int cli_import(const struct cli *c);
int cli_export(const struct cli *c);
int cli_forms(const struct cli *c);
#endif
