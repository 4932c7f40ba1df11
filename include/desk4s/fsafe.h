/* fsafe — file permissions of the database and its backups: readable only
 * by the owner, or by the owner and one group named in the settings (a
 * shared front-desk host); and output files written whole or not at all.
 * No SQLite, no curses. */
#ifndef DESK4S_FSAFE_H
#define DESK4S_FSAFE_H
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

/* Make path private: mode 0600, or 0660 with group `group` when group is
 * not NULL/"".  0, or -1 with err naming the file. */
int fsafe_apply(const char *path, const char *group, char *err, size_t errsz);
/* 1 (with msg saying what and how to fix) when path can be read by others,
 * or by a group other than `group`; 0 when fine or missing. */
int fsafe_warning(const char *path, const char *group, char *msg, size_t msgsz);
/* 1 when a group of that name exists. */
int fsafe_group_exists(const char *group);

/* 1 when a and b name the same file: one existing file under two names
 * (a link, another spelling), or the same name in the same directory. */
int fsafe_same_file(const char *a, const char *b);
/* 1 when a symbolic link with stat link, in the directory with stat dir,
 * may be written through by the account me: the kernel's rule for
 * following links (protected_symlinks) — anywhere but a sticky directory
 * every account may write (/tmp), or a link of me or of the directory's
 * owner. */
int fsafe_may_follow(const struct stat *dir, const struct stat *link, uid_t me);
/* A report or file of refused rows (they hold ID numbers, mobiles,
 * addresses), written as it goes rather than whole: 0600 as an export's,
 * an existing regular file made so too.  Appended to with append.  NULL
 * with errno on failure. */
FILE *fsafe_open_private(const char *path, int append);
/* 1 when path is an SQLite database or write-ahead log (by its first
 * bytes): an output never replaces one, whatever its name. */
int fsafe_is_database(const char *path);

/* An output file (--out) being written.  A regular file (or a new one) is
 * written beside its name (NAME.tmp-XXXXXX, mode 0600, locked while it is
 * written), synced and renamed into place on success, so a failure never
 * leaves half a file under the real name; twins of the same name that a
 * run killed outright left (unlocked, a minute old) are removed.  A device
 * or a pipe (/dev/null, /dev/stdout, a FIFO) is written directly: renaming
 * over it would replace the device with a plain file.  A database (see
 * fsafe_is_database) is refused.  A file replaced keeps its permission
 * bits and, where this account may give it, its group: whoever was let
 * read it (a colleague, through a link into a shared folder) still can;
 * a group not given takes the group's bits off rather than hand them to
 * ours.  Others' bits kept are said in warn after the close. */
struct fsafe_out {
	FILE *f;
	const char *path;
	int direct;
	char tmp[4200];
	/* the file a symbolic link at path names ("" for none): written in
	 * its place, the link kept */
	char real[4096];
	int keep;             /* 1: an existing file's mode and group kept */
	mode_t keep_mode;
	gid_t keep_gid;
	char warn[600];       /* after a close, what the user should know, or "" */
};
/* 0, or -1 with err naming the file.  A symbolic link another account
 * put in a shared directory (fsafe_may_follow) is refused. */
int fsafe_out_open(struct fsafe_out *o, const char *path, char *err, size_t errsz);
/* Finish: with ok, flush, sync and put the file in place (0, or -1 with
 * err); without ok, remove what was written and return -1 (err kept). */
int fsafe_out_close(struct fsafe_out *o, int ok, char *err, size_t errsz);
#endif
