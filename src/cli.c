/* cli — helpers shared by the batch commands. */
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "desk4s/cli.h"

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("desk4s: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n请运行 desk4s --help 查看用法。\n", stderr);
	return CLI_USAGE;
}

void cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("desk4s: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *cli_staff(void)
{
	/* until staff accounts exist, the login user stands for the staff member */
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		return pw->pw_name;
	const char *u = getenv("USER");
	return u && *u ? u : "staff";
}

int cli_open_db(const struct cli *c, struct st_db **db)
{
	char path[4096], err[1024];
	const char *p = c->db;
	if (!p || !*p)
		p = getenv("DESK4S_DB");
	if (!p || !*p) {
		if (st_default_path(path, sizeof path, err, sizeof err) != 0) {
			cli_error("%s", err);
			return CLI_FILE;
		}
		p = path;
	}
	if (st_open(p, db, err, sizeof err) != ST_OK) {
		cli_error("%s", err);
		return CLI_FILE;
	}
	return CLI_OK;
}

struct fdef_form *cli_load_form(const struct cli *c, const char *name)
{
	char err[512];
	struct fdef_form *f = fdef_load(name, c->forms, err, sizeof err);
	if (!f)
		cli_error("%s", err);
	return f;
}
