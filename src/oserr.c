/* oserr — errno values as Chinese text. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include "desk4s/oserr.h"

const char *oserr_text(int e)
{
	switch (e) {
	case ENOENT: return "文件或目录不存在";
	case EACCES:
	case EPERM: return "没有权限";
	case EISDIR: return "这是一个目录，不是文件";
	case ENOTDIR: return "路径中有一段不是目录";
	case ENOSPC: return "磁盘已满";
	case EDQUOT: return "超出磁盘配额";
	case EROFS: return "文件系统只读";
	case ENAMETOOLONG: return "文件名太长";
	case EEXIST: return "文件已存在";
	case EBUSY: return "文件正被占用";
	case EIO: return "读写设备出错";
	case EMFILE:
	case ENFILE: return "打开的文件太多";
	case ENOMEM: return "内存不足";
	case ESPIPE: return "不能在管道或终端上定位（请给一个普通文件）";
	case ELOOP: return "符号链接层数太多";
	case ETXTBSY: return "文件正被运行";
	case EFBIG: return "文件太大";
	/* an export into a pipe whose reader (head, a closed viewer) left */
	case EPIPE: return "接收输出的程序已先关闭（管道断开），没有收全";
	default: return strerror(e);
	}
}

void oserr_account(uid_t uid, char *out, size_t outsz)
{
	struct passwd *pw = getpwuid(uid);
	if (pw && pw->pw_name)
		snprintf(out, outsz, "%s", pw->pw_name);
	else
		snprintf(out, outsz, "%ld", (long)uid);
}
