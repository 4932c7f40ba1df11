/* fsafe — file permissions of the database and its backups: readable only
 * by the owner, or by the owner and one group named in the settings (a
 * shared front-desk host).  No SQLite, no curses. */
#ifndef DESK4S_FSAFE_H
#define DESK4S_FSAFE_H
#include <stddef.h>

/* Make path private: mode 0600, or 0660 with group `group` when group is
 * not NULL/"".  0, or -1 with err naming the file. */
int fsafe_apply(const char *path, const char *group, char *err, size_t errsz);
/* 1 (with msg saying what and how to fix) when path can be read by others,
 * or by a group other than `group`; 0 when fine or missing. */
int fsafe_warning(const char *path, const char *group, char *msg, size_t msgsz);
/* 1 when a group of that name exists. */
int fsafe_group_exists(const char *group);
#endif
