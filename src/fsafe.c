/* fsafe — permissions of the files that hold customer data. */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "desk4s/fsafe.h"

static int lookup_gid(const char *group, gid_t *gid)
{
	struct group *g = getgrnam(group);
	if (!g)
		return -1;
	*gid = g->gr_gid;
	return 0;
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
			snprintf(err, errsz, "无法把 %s 交给用户组 %s：%s", path, group, strerror(errno));
			return -1;
		}
		mode = 0660;
	}
	if (chmod(path, mode) != 0) {
		snprintf(err, errsz, "无法设置 %s 的权限：%s", path, strerror(errno));
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
	if (mode & 0007) {
		snprintf(msg, msgsz, "警告：文件 %s 其他用户也能访问（权限 %04o），客户资料可能泄露；"
		         "请运行 chmod 600 %s", path, mode, path);
		return 1;
	}
	if (mode & 0070) {
		gid_t gid;
		int ours = group && *group && lookup_gid(group, &gid) == 0 && gid == st.st_gid;
		if (!ours) {
			snprintf(msg, msgsz, "警告：文件 %s 同组用户也能访问（权限 %04o），而设置中没有指定共享用户组；"
			         "请运行 chmod 600 %s，或由管理员设置 file_group", path, mode, path);
			return 1;
		}
	}
	return 0;
}
