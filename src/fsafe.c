/* fsafe — permissions of the files that hold customer data, and output
 * files written whole. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "desk4s/fpath.h"
#include "desk4s/fsafe.h"
#include "desk4s/oserr.h"

static int lookup_gid(const char *group, gid_t *gid)
{
	struct group *g = getgrnam(group);
	if (!g)
		return -1;
	*gid = g->gr_gid;
	return 0;
}

/* path as a shell reads it back: as it is when nothing in it splits or
 * expands (a name with a space had made the chmod offered act on two
 * files), else in single quotes. */
static void shell_word(const char *path, char *out, size_t outsz)
{
	int plain = *path != 0;
	for (const unsigned char *c = (const unsigned char *)path; *c && plain; c++)
		plain = *c >= 0x80 || (*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'Z') ||
		        (*c >= 'a' && *c <= 'z') || strchr("_./-+,:@%", *c);
	if (plain) {
		snprintf(out, outsz, "%s", path);
		return;
	}
	size_t o = 0;
	if (outsz < 3)
		return;
	out[o++] = '\'';
	for (const char *c = path; *c && o + 5 < outsz; c++) {
		if (*c == '\'') {
			memcpy(out + o, "'\\''", 4); /* ' closes, \' is one, ' opens again */
			o += 4;
		} else {
			out[o++] = *c;
		}
	}
	out[o++] = '\'';
	out[o] = 0;
}

int fsafe_group_exists(const char *group)
{
	gid_t gid;
	return group && *group && lookup_gid(group, &gid) == 0;
}

int fsafe_apply(const char *path, const char *group, char *err, size_t errsz)
{
	mode_t mode = 0600;
	if (group && *group) {
		gid_t gid;
		if (lookup_gid(group, &gid) != 0) {
			snprintf(err, errsz, "设置中的用户组 %s 不存在", group);
			return -1;
		}
		if (chown(path, (uid_t)-1, gid) != 0) {
			snprintf(err, errsz, "无法把 %s 交给用户组 %s：%s", path, group, oserr_text(errno));
			return -1;
		}
		mode = 0660;
	}
	if (chmod(path, mode) != 0) {
		snprintf(err, errsz, "无法设置 %s 的权限：%s", path, oserr_text(errno));
		return -1;
	}
	return 0;
}

int fsafe_warning(const char *path, const char *group, char *msg, size_t msgsz)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return 0;
	unsigned mode = (unsigned)st.st_mode & 0777;
	char word[1024];
	shell_word(path, word, sizeof word);
	if (mode & 0007) {
		snprintf(msg, msgsz, "警告：文件 %s 其他用户也能访问（权限 %04o），客户资料可能泄露；"
		         "请运行 chmod 600 %s", path, mode, word);
		return 1;
	}
	if (mode & 0070) {
		gid_t gid;
		int ours = group && *group && lookup_gid(group, &gid) == 0 && gid == st.st_gid;
		if (!ours) {
			snprintf(msg, msgsz, "警告：文件 %s 同组用户也能访问（权限 %04o），而设置中没有指定共享用户组；"
			         "请运行 chmod 600 %s，或由管理员设置 file_group", path, mode, word);
			return 1;
		}
	}
	return 0;
}

/* A temporary twin not locked by the run that made it, and older than
 * this, was left by a run killed outright (kill -9, a power cut); the age
 * spares a twin made a moment ago and not yet locked. */
enum { STALE_SECONDS = 60 };

/* 1 when name is base + ".tmp-" + mkstemp's six letters or digits */
static int is_twin(const char *name, const char *base)
{
	size_t n = strlen(base);
	if (strncmp(name, base, n) != 0 || strncmp(name + n, ".tmp-", 5) != 0 || strlen(name + n + 5) != 6)
		return 0;
	for (const char *x = name + n + 5; *x; x++)
		if (!isalnum((unsigned char)*x))
			return 0;
	return 1;
}

/* 1 when no other process holds a lock on fd's file (0 also when the file
 * system cannot tell: then nothing is removed) */
static int unlocked(int fd)
{
	struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	return fcntl(fd, F_GETLK, &l) == 0 && l.l_type == F_UNLCK;
}

static int same_inode(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The directory part of path ("." when none) into out. */
static void dir_of(const char *path, char *out, size_t outsz)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(out, outsz, ".");
	else
		snprintf(out, outsz, "%.*s", slash == path ? 1 : (int)(slash - path), path);
}

/* The file a link at path names when that file is not there, through
 * links to links, a relative one read from the link's directory; 0, or
 * -1 (unreadable, too long, or a loop). */
static int link_target(const char *path, char *out, size_t outsz)
{
	char cur[4096], got[4096];
	struct stat lst;
	snprintf(cur, sizeof cur, "%s", path);
	for (int hops = 0; hops < 40; hops++) {
		if (lstat(cur, &lst) != 0 || !S_ISLNK(lst.st_mode)) {
			if ((size_t)snprintf(out, outsz, "%s", cur) >= outsz) return -1;
			return 0;
		}
		ssize_t n = readlink(cur, got, sizeof got - 1);
		if (n <= 0 || (size_t)n >= sizeof got - 1) return -1;
		got[n] = 0;
		char next[4096];
		const char *slash = strrchr(cur, '/');
		if (got[0] == '/' || !slash) snprintf(next, sizeof next, "%s", got);
		else if ((size_t)snprintf(next, sizeof next, "%.*s/%s", (int)(slash - cur), cur, got) >= sizeof next)
			return -1;
		memcpy(cur, next, sizeof cur);
	}
	return -1;
}

int fsafe_same_file(const char *a, const char *b)
{
	if (same_inode(a, b))
		return 1;
	/* a link whose file is not there is written where it points
	 * (fsafe_out_open): a link to the database's -wal not there yet is
	 * that -wal */
	char ta[4096], tb[4096];
	struct stat ls;
	if (lstat(a, &ls) == 0 && S_ISLNK(ls.st_mode) && link_target(a, ta, sizeof ta) == 0)
		a = ta;
	if (lstat(b, &ls) == 0 && S_ISLNK(ls.st_mode) && link_target(b, tb, sizeof tb) == 0)
		b = tb;
	/* not both there yet (a database's -wal comes and goes): the same
	 * name in the same directory */
	char da[4200], db[4200];
	const char *ba = strrchr(a, '/') ? strrchr(a, '/') + 1 : a;
	const char *bb = strrchr(b, '/') ? strrchr(b, '/') + 1 : b;
	if (strcmp(ba, bb) != 0)
		return 0;
	dir_of(a, da, sizeof da);
	dir_of(b, db, sizeof db);
	return same_inode(da, db);
}

FILE *fsafe_open_private(const char *path, int append)
{
	int fd = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0600);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0077) && fchmod(fd, 0600) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	FILE *f = fdopen(fd, append ? "a" : "w");
	if (!f) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return f;
}

int fsafe_is_database(const char *path)
{
	unsigned char head[16];
	struct stat st;
	/* only a regular file: reading a terminal or a FIFO would wait */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, head, sizeof head) : 0;
	close(fd);
	/* a database file's header, a WAL file's magic (either byte order) */
	if (n == 16 && memcmp(head, "SQLite format 3", 16) == 0)
		return 1;
	return n >= 4 && head[0] == 0x37 && head[1] == 0x7f && head[2] == 0x06 && (head[3] & 0xfe) == 0x82;
}

/* Remove the temporary twins of path that earlier runs left behind: our
 * own regular files, old, and no longer locked by a writer. */
static void sweep_stale(const char *path, const char *own)
{
	char dir[4200];
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	dir_of(path, dir, sizeof dir);
	const char *own_name = strrchr(own, '/') ? strrchr(own, '/') + 1 : own;
	DIR *d = opendir(dir);
	if (!d)
		return;
	time_t now = time(NULL);
	for (struct dirent *e; (e = readdir(d));) {
		if (!is_twin(e->d_name, base) || strcmp(e->d_name, own_name) == 0)
			continue;
		int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			continue;
		struct stat st;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
		    now - st.st_mtime > STALE_SECONDS && unlocked(fd))
			unlinkat(dirfd(d), e->d_name, 0);
		close(fd);
	}
	closedir(d);
}

int fsafe_may_follow(const struct stat *dir, const struct stat *link, uid_t me)
{
	int shared = (dir->st_mode & S_ISVTX) && (dir->st_mode & S_IWOTH);
	return !shared || link->st_uid == me || link->st_uid == dir->st_uid;
}

/* Whether the link at path may be written through (fsafe_may_follow);
 * -1 with err naming it and whose it is when not. */
static int follow_allowed(const char *path, const struct stat *link, char *err, size_t errsz)
{
	char dir[4200];
	struct stat ds;
	dir_of(path, dir, sizeof dir);
	if (stat(dir, &ds) != 0 || fsafe_may_follow(&ds, link, geteuid()))
		return 0;
	char who[64];
	oserr_account(link->st_uid, who, sizeof who);
	snprintf(err, errsz, "无法写入 %s：这是别的账号（%s）在公用目录 %s 中放的符号链接，"
	         "为安全起见不写入它指向的文件；请换一个文件名，或写到自己的目录里", path, who, dir);
	return -1;
}

int fsafe_out_open(struct fsafe_out *o, const char *path, char *err, size_t errsz)
{
	memset(o, 0, sizeof *o);
	o->path = path;
	struct stat st;
	int exists = stat(path, &st) == 0;
	if (exists && S_ISREG(st.st_mode) && fsafe_is_database(path)) {
		snprintf(err, errsz, "不能写到 %s：这是一个数据库文件，不会被覆盖", path);
		return -1;
	}
	o->direct = exists && !S_ISREG(st.st_mode);
	/* a link to a shared file (最新客户.csv -> the office folder's copy)
	 * is the file it names: the rename below had put a private file in
	 * the link's place and left the shared one as it was */
	struct stat lst;
	/* not one another account planted in a shared directory such as
	 * /tmp: writing through it would replace whatever file of ours it
	 * names (the kernel's rule for links there, which a rename skips) */
	if (!o->direct && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) && follow_allowed(path, &lst, err, errsz) != 0)
		return -1;
	if (exists && !o->direct && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode) && realpath(path, o->real) != NULL)
		path = o->real;
	else if (!exists && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
		/* a link whose file is not there yet (the shared copy deleted)
		 * is still that file: the rename had put a private file in the
		 * link's place */
		if (link_target(path, o->real, sizeof o->real) != 0) {
			snprintf(err, errsz, "无法写入 %s：这是一个符号链接，无法读出它指向的文件", path);
			return -1;
		}
		path = o->real;
	}
	struct stat cur;
	if (!o->direct && stat(path, &cur) == 0 && S_ISREG(cur.st_mode)) {
		o->keep = 1;
		o->keep_mode = cur.st_mode & 0777;
		o->keep_gid = cur.st_gid;
	}
	if (o->direct) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errsz, "无法写入 %s：这是一个目录", path);
			return -1;
		}
		o->f = fopen(path, "w");
	} else if (snprintf(o->tmp, sizeof o->tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof o->tmp) {
		snprintf(err, errsz, "无法写入 %s：文件名太长", path);
		return -1;
	} else {
		int fd = mkstemp(o->tmp);
		o->f = fd < 0 ? NULL : fdopen(fd, "w");
		if (!o->f && fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		if (o->f) {
			/* held until the file is renamed or removed, or the process
			 * dies: how a later run tells a twin being written from one
			 * left behind */
			struct flock l = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
			fcntl(fd, F_SETLK, &l);
			sweep_stale(path, o->tmp);
		}
	}
	if (!o->f) {
		/* the temporary twin's ENOENT read as if the file itself were
		 * missing, which a new file always is: the directory is */
		int e = errno;
		char why[4400], name[8400];
		/* through a link: the name given, then where it points */
		if (*o->real)
			snprintf(name, sizeof name, "%s（指向 %s）", o->path, path);
		else
			snprintf(name, sizeof name, "%s", path);
		snprintf(err, errsz, "无法写入 %s：%s", name, fpath_create_why(path, e, "或写到已有的目录里", why, sizeof why));
		return -1;
	}
	return 0;
}

/* The twin takes the replaced file's mode and group before the rename.
 * Failing that it stays 0600: the safe side, and the file still whole. */
static void keep_mode_of_replaced(struct fsafe_out *o)
{
	int fd = fileno(o->f);
	mode_t mode = o->keep_mode;
	struct stat st;
	if (fstat(fd, &st) != 0)
		return;
	if (st.st_gid != o->keep_gid && fchown(fd, (uid_t)-1, o->keep_gid) != 0)
		mode &= ~(mode_t)0070;
	if (fchmod(fd, mode) != 0)
		return;
	/* others' execute bit alone lets nobody at the data */
	if (mode & 0006) {
		char word[sizeof o->warn / 2];
		shell_word(o->path, word, sizeof word);
		snprintf(o->warn, sizeof o->warn, "警告：%s 沿用了原文件的权限 %04o，其他用户也能%s其中的客户资料；"
		         "如不需要，请运行 chmod o-rwx %s", o->path, (unsigned)mode,
		         (mode & 0006) == 0006 ? "读取、改写" : mode & 0004 ? "读取" : "改写", word);
	}
}

int fsafe_out_close(struct fsafe_out *o, int ok, char *err, size_t errsz)
{
	if (!o->f)
		return -1;
	int bad = !ok;
	/* a write that failed earlier (a full disk) may have dropped its
	 * buffer, leaving fflush nothing to fail on: the stream's error flag
	 * is what remembers it */
	if (!bad && ferror(o->f)) {
		snprintf(err, errsz, "写入 %s 失败：%s", o->path, oserr_text(errno ? errno : EIO));
		bad = 1;
	}
	if (!bad && !o->direct && o->keep)
		keep_mode_of_replaced(o);
	if (!bad && (fflush(o->f) != 0 || (!o->direct && fsync(fileno(o->f)) != 0))) {
		snprintf(err, errsz, "写入 %s 失败：%s", o->path, oserr_text(errno));
		bad = 1;
	}
	if (fclose(o->f) != 0 && !bad) {
		snprintf(err, errsz, "写入 %s 失败：%s", o->path, oserr_text(errno));
		bad = 1;
	}
	o->f = NULL;
	if (o->direct)
		return bad ? -1 : 0;
	if (!bad && rename(o->tmp, *o->real ? o->real : o->path) != 0) {
		snprintf(err, errsz, "无法写入 %s：%s", o->path, oserr_text(errno));
		bad = 1;
	}
	if (bad)
		unlink(o->tmp);
	return bad ? -1 : 0;
}
