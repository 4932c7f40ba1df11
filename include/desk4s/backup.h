/* backup — keeping copies (a store module): an online, consistent backup
 * through SQLite's backup API while other terminals keep working, its
 * check, the restore, and the daily rotation.  Backup files are private
 * to their owner (or the configured group, see fsafe.h). */
#ifndef DESK4S_BACKUP_H
#define DESK4S_BACKUP_H
#include <stddef.h>
#include "desk4s/store.h"

struct staff_me;

/* Copy the open database to path: written to a temporary file beside it,
 * synced, then renamed into place, so a crash never leaves half a backup
 * under the real name.  group: NULL/"" for mode 0600, else 0660 with that
 * group.  Logged as 备份 by staff (NULL: "（系统）", e.g. cron). */
enum st_status bk_backup(struct st_db *db, const char *path, const char *group, const char *staff,
                         char *err, size_t errsz);

/* What bk_check_file found in a backup. */
struct bk_info {
	int version;           /* its schema version */
	long long customers;   /* customers in it */
	long long log_last;    /* id of its last usage-log entry */
	long long log_broken;  /* its first broken log entry, 0 when the chain holds */
	char unguarded[80];    /* the log's protective triggers it lacks, "" when none */
	char log_problem[400]; /* both said in Chinese, "" when its log is sound */
};
/* A usable desk4s backup: SQLite's integrity check passes, the tables are
 * there, it is not from a newer desk4s (ST_TOO_NEW), and its usage log
 * passes the check `audit verify` makes (hash chain and the triggers that
 * guard it; ST_ERROR naming the entry or trigger otherwise). */
enum st_status bk_check_file(const char *path, struct bk_info *info, char *err, size_t errsz);

enum {
	/* restore a backup whose usage log fails its check (the command's
	 * --accept-broken-log, for when no sound backup is left): said in
	 * the restore's log entry, and missing triggers are put back */
	BK_ACCEPT_BROKEN_LOG = 1u
};
/* Replace the open database's content with the backup at from, after
 * checking it as bk_check_file does and saving the current content as
 * <database>.before-restore-YYYYMMDD-HHMM (-2, -3 … when taken; its path
 * into saved), so every restore keeps its own safety copy.  A refusal
 * leaves the database and the directory as they were.  The check and the
 * copy read the backup in one transaction.  Needs 管理.  The copy runs
 * under the write lock: other terminals wait, then see the restored data
 * (if the backup's schema is older, they should restart the program:
 * st_open upgrades it).  The restore is logged in the restored database.
 * info (may be NULL) gets what was found in the backup. */
enum st_status bk_restore(struct st_db *db, struct staff_me *me, const char *from, const char *group,
                          unsigned flags, struct bk_info *info, char *saved, size_t savedsz,
                          char *err, size_t errsz);

/* Logs in for bk_restore_damaged on the restored database (the backup's
 * staff): 0 with *me filled, else nonzero having said why. */
typedef int (*bk_authorize)(struct st_db *db, void *ctx, struct staff_me *me);
/* Restore over a database file st_open refuses as damaged (ST_DAMAGED),
 * which bk_restore cannot open to log in against or copy aside.  The
 * backup, checked as bk_check_file does, is copied to a new file beside
 * dbpath; authorize logs an administrator in against that copy (the
 * backup's staff, as of the backup), the restore is logged in it, then the
 * damaged file and its -wal/-shm are renamed to
 * <database>.damaged-YYYYMMDD-HHMM (kept gets the name; nothing is
 * deleted) and the copy takes its place, with the file group the restored
 * database's settings name.  Any refusal before that leaves
 * the directory as it was (ST_CONSTRAINT when authorize or the role said
 * no). */
enum st_status bk_restore_damaged(const char *dbpath, const char *from, unsigned flags, bk_authorize authorize,
                                  void *ctx, struct bk_info *info, char *kept, size_t keptsz, char *err,
                                  size_t errsz);

/* Daily backups: write dir/desk4s-YYYYMMDD-HHMMSS.db (creating dir, 0700)
 * and delete the oldest such files beyond keep.  made gets the new file's
 * path, *removed how many were deleted. */
enum st_status bk_rotate(struct st_db *db, const char *dir, int keep, const char *group,
                         const char *staff, char *made, size_t madesz, int *removed,
                         char *err, size_t errsz);
#endif
