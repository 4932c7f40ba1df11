/* print — posix_spawnp("lp"), its stdout and stderr read through one
 * pipe so that its own words reach the user. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <stdio.h>
#include <unistd.h>
#include "desk4s/oserr.h"
#include "desk4s/print.h"

extern char **environ;

/* Join lp's reply into one line (it ends with a newline, sometimes two). */
static void one_line(char *s)
{
	size_t n = strlen(s);
	/* and lp's full stop: the caller's sentence goes on after it */
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '.'))
		s[--n] = 0;
	for (char *c = s; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
}

enum prn_status prn_send(const char *path, const char *queue, const char *title,
                         char *msg, size_t msgsz)
{
	msg[0] = 0;
	int fd[2];
	/* close-on-exec: lp must see only its own copies, or the read below
	 * would wait for a descriptor nobody writes to */
	if (pipe(fd) != 0 || fcntl(fd[0], F_SETFD, FD_CLOEXEC) != 0 || fcntl(fd[1], F_SETFD, FD_CLOEXEC) != 0) {
		snprintf(msg, msgsz, "无法启动 lp：%s", oserr_text(errno));
		return PRN_FAILED;
	}
	char *argv[8];
	int a = 0;
	argv[a++] = "lp";
	if (queue && *queue) {
		argv[a++] = "-d";
		argv[a++] = (char *)queue;
	}
	argv[a++] = "-t";
	argv[a++] = (char *)title;
	argv[a++] = "--";
	argv[a++] = (char *)path;
	argv[a] = NULL;

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fd[1], STDERR_FILENO);
	/* lp in a process group of its own: Ctrl-C at the terminal stops the
	 * list, not a hand-over already begun, whose outcome is then said */
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&at, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, "lp", &fa, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (rc != 0) {
		close(fd[0]);
		if (rc == ENOENT) {
			snprintf(msg, msgsz, "找不到打印命令 lp：请安装 cups-client");
			return PRN_NO_LP;
		}
		snprintf(msg, msgsz, "无法启动 lp：%s", oserr_text(rc));
		return PRN_FAILED;
	}
	size_t got = 0;
	for (;;) {
		char buf[512];
		ssize_t r = read(fd[0], buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		/* keep what fits; read on so lp never blocks on a full pipe */
		size_t k = (size_t)r < msgsz - 1 - got ? (size_t)r : msgsz - 1 - got;
		memcpy(msg + got, buf, k);
		got += k;
	}
	msg[got] = 0;
	close(fd[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(msg, msgsz, "等待 lp 结束时出错：%s", oserr_text(errno));
			return PRN_FAILED;
		}
	one_line(msg);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return PRN_OK;
	if (!*msg) {
		if (WIFEXITED(status))
			snprintf(msg, msgsz, "lp 以状态 %d 退出", WEXITSTATUS(status));
		else
			snprintf(msg, msgsz, "lp 被信号 %d 终止", WTERMSIG(status));
	}
	return PRN_FAILED;
}
