/* print — posix_spawnp("lp"), its stdout and stderr read through one
 * pipe so that its own words reach the user; when lp fails, lpstat -r
 * tells a stopped CUPS from a missing printer. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
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

/* Run a cups-client tool without a shell, its stdout and stderr read into
 * out as one line.  0 with *status set, or posix_spawnp's error number
 * (-1 when the pipe could not be made or the tool not waited for). */
static int run_tool(char *const argv[], char *const envp[], char *out, size_t outsz, int *status)
{
	out[0] = 0;
	int fd[2];
	/* close-on-exec: the tool must see only its own copies, or the read
	 * below would wait for a descriptor nobody writes to */
	if (pipe(fd) != 0 || fcntl(fd[0], F_SETFD, FD_CLOEXEC) != 0 || fcntl(fd[1], F_SETFD, FD_CLOEXEC) != 0)
		return -1;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fd[1], STDERR_FILENO);
	/* in a process group of its own: Ctrl-C at the terminal stops the
	 * list, not a hand-over already begun, whose outcome is then said */
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&at, 0);
	pid_t pid;
	int rc = posix_spawnp(&pid, argv[0], &fa, &at, argv, envp);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	close(fd[1]);
	if (rc != 0) {
		close(fd[0]);
		return rc;
	}
	size_t got = 0;
	for (;;) {
		char buf[512];
		ssize_t r = read(fd[0], buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		/* keep what fits; read on so the tool never blocks on a full pipe */
		size_t k = (size_t)r < outsz - 1 - got ? (size_t)r : outsz - 1 - got;
		memcpy(out + got, buf, k);
		got += k;
	}
	out[got] = 0;
	close(fd[0]);
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -1;
	one_line(out);
	return 0;
}

/* lpstat with args, its words in English whatever the user's locale (they
 * are matched here), into out; 0, or -1 when it could not be run. */
static int lpstat_says(char *const argv[], char *out, size_t outsz)
{
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = malloc((n + 2) * sizeof *env);
	if (!env)
		return -1;
	size_t k = 0;
	env[k++] = "LC_ALL=C";
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "LC_ALL=", 7) != 0)
			env[k++] = environ[i];
	env[k] = NULL;
	int status = 0;
	int rc = run_tool(argv, env, out, outsz, &status);
	free(env);
	return rc == 0 ? 0 : -1;
}

/* 1 when lpstat -r says the CUPS scheduler is not running.  lp itself
 * then says "The printer or class does not exist" of a queue that does:
 * staff looked for a printer fault, not for the stopped service. */
static int scheduler_down(void)
{
	char *argv[] = { "lpstat", "-r", NULL };
	char out[256];
	return lpstat_says(argv, out, sizeof out) == 0 && strstr(out, "not running") != NULL;
}

/* lp's "request id is front-12 (1 file(s))" said in the user's words, and
 * a queue that holds jobs without printing them (cupsdisable: paper out,
 * paused) named: the job waits there though lp succeeded. */
static void say_queued(char *msg, size_t msgsz)
{
	static const char lead[] = "request id is ";
	if (strncmp(msg, lead, sizeof lead - 1) != 0)
		return; /* another lp's words: kept as they are */
	char id[128];
	size_t n = strcspn(msg + sizeof lead - 1, " ");
	snprintf(id, sizeof id, "%.*s", (int)(n < sizeof id ? n : sizeof id - 1), msg + sizeof lead - 1);
	char queue[128];
	snprintf(queue, sizeof queue, "%s", id);
	char *dash = strrchr(queue, '-'); /* a job's id is its queue, "-", its number */
	if (dash)
		*dash = 0;
	char out[512] = "";
	char *argv[] = { "lpstat", "-p", queue, NULL };
	int paused = dash && lpstat_says(argv, out, sizeof out) == 0 && strstr(out, " disabled") != NULL;
	snprintf(msg, msgsz, "打印任务号 %s%s%s%s", id, paused ? "；注意：打印机“" : "", paused ? queue : "",
	         paused ? "”已暂停，任务在队列中等待，打印机恢复（cupsenable）后才会打印" : "");
}

enum prn_status prn_send(const char *path, const char *queue, const char *title,
                         char *msg, size_t msgsz)
{
	msg[0] = 0;
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
	int status = 0;
	int rc = run_tool(argv, environ, msg, msgsz, &status);
	if (rc == ENOENT) {
		snprintf(msg, msgsz, "找不到打印命令 lp：请安装 cups-client");
		return PRN_NO_LP;
	}
	if (rc != 0) {
		snprintf(msg, msgsz, "无法运行 lp：%s", oserr_text(rc > 0 ? rc : errno));
		return PRN_FAILED;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		say_queued(msg, msgsz);
		return PRN_OK;
	}
	if (scheduler_down()) {
		snprintf(msg, msgsz, "打印服务 CUPS 没有运行（lpstat -r：scheduler is not running）");
		return PRN_NO_SCHEDULER;
	}
	/* lp's commonest failures in the user's words, its own after them */
	static const struct { const char *says; enum prn_status st; const char *means; } known[] = {
		{ "does not exist", PRN_FAILED, "没有这台打印机" },
		{ "No default destination", PRN_FAILED, "没有设置默认打印机" },
		{ "not accepting jobs", PRN_REJECTING, "这台打印机现在拒收打印任务" },
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		if (!strstr(msg, known[i].says))
			continue;
		char lp[512];
		snprintf(lp, sizeof lp, "%s", msg);
		snprintf(msg, msgsz, "%s（%s）", known[i].means, lp);
		return known[i].st;
	}
	if (!*msg) {
		if (WIFEXITED(status))
			snprintf(msg, msgsz, "lp 以状态 %d 退出", WEXITSTATUS(status));
		else
			snprintf(msg, msgsz, "lp 被信号 %d 终止", WTERMSIG(status));
	}
	return PRN_FAILED;
}
