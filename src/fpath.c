/* fpath — a path as the usage log names it. */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "desk4s/fpath.h"
#include "desk4s/oserr.h"

const char *fpath_abs(const char *given, char *buf, size_t bufsz)
{
	char path[PATH_MAX], dir[PATH_MAX], real[PATH_MAX];
	snprintf(path, sizeof path, "%s", given);
	for (size_t n = strlen(path); n > 1 && path[n - 1] == '/'; n--)
		path[n - 1] = 0; /* backup --rotate bk/ */
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	int whole = strcmp(name, ".") == 0 || strcmp(name, "..") == 0; /* a directory itself */
	if (whole)
		snprintf(dir, sizeof dir, "%s", path);
	else if (slash)
		snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
	else
		snprintf(dir, sizeof dir, ".");
	/* resolved as the kernel finds it: ".." after a linked directory is
	 * not the directory before it, so it is not taken off by hand */
	if (realpath(dir, real)) {
		if (whole)
			snprintf(buf, bufsz, "%s", real);
		else
			snprintf(buf, bufsz, "%s%s%s", real, strcmp(real, "/") == 0 ? "" : "/", name);
	} else if (path[0] != '/' && getcwd(real, sizeof real)) {
		snprintf(buf, bufsz, "%s/%s", real, path);
	} else {
		snprintf(buf, bufsz, "%s", path);
	}
	return buf;
}

const char *fpath_create_why(const char *path, int e, const char *elsewhere, char *buf, size_t bufsz)
{
	char copy[PATH_MAX];
	snprintf(copy, sizeof copy, "%s", path);
	const char *dir = dirname(copy);
	struct stat ds;
	int there = stat(dir, &ds) == 0;
	if (!there && errno == ENOENT)
		snprintf(buf, bufsz, "目录 %s 不存在，请先建立这个目录，%s", dir, elsewhere);
	else if (e == ENOTDIR || (there && !S_ISDIR(ds.st_mode)))
		snprintf(buf, bufsz, "%s 不是目录", dir);
	else
		snprintf(buf, bufsz, "%s", oserr_text(e));
	return buf;
}
