/* import_runs — the progress rows behind resumable imports. */
#include <stdio.h>
#include <string.h>
#include "desk4s/clock.h"
#include "desk4s/import_runs.h"
#include "store_impl.h"

/* The run row of this file, if any: run->id stays 0 when there is none. */
static enum st_status read_run(struct st_db *db, const char *kind, const char *fingerprint, struct ir_run *run,
                               char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT id, line_done, rows_done, started_at, coalesce(finished_at,''),"
	                              " coalesce(rows_refused, -1), coalesce(report_len, -1), coalesce(refused_len, -1),"
	                              " coalesce(report_path, ''), coalesce(refused_path, '')"
	                              " FROM import_runs WHERE kind=? AND fingerprint=?",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, fingerprint, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		run->id = sqlite3_column_int64(s, 0);
		run->line_done = (long)sqlite3_column_int64(s, 1);
		run->rows_done = (long)sqlite3_column_int64(s, 2);
		st_col(s, 3, run->started_at, sizeof run->started_at);
		st_col(s, 4, run->finished_at, sizeof run->finished_at);
		run->rows_refused = (long)sqlite3_column_int64(s, 5);
		run->report_len = sqlite3_column_int64(s, 6);
		run->refused_len = sqlite3_column_int64(s, 7);
		st_col(s, 8, run->report_path, sizeof run->report_path);
		st_col(s, 9, run->refused_path, sizeof run->refused_path);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "读取导入进度", err, errsz);
}

enum st_status ir_find(struct st_db *db, const char *kind, const char *fingerprint, struct ir_run *run,
                       char *err, size_t errsz)
{
	memset(run, 0, sizeof *run);
	run->report_len = run->refused_len = -1;
	return read_run(db, kind, fingerprint, run, err, errsz);
}

enum st_status ir_begin(struct st_db *db, const char *kind, const char *fingerprint,
                        const char *path, struct ir_run *run, char *err, size_t errsz)
{
	memset(run, 0, sizeof *run);
	run->report_len = run->refused_len = -1;
	char now[24];
	clk_now(now, sizeof now);
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "INSERT INTO import_runs(kind, fingerprint, path, started_at, rows_refused)"
	                              " VALUES(?,?,?,?,0) ON CONFLICT(kind, fingerprint) DO NOTHING", err, errsz);
	if (s) {
		sqlite3_bind_text(s, 1, kind, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, fingerprint, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 3, path, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
		int rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			st = st_fail(db, rc, "记录导入进度", err, errsz);
	} else {
		st = ST_ERROR;
	}
	if (st == ST_OK)
		st = read_run(db, kind, fingerprint, run, err, errsz);
	if (st != ST_OK) {
		st_rollback(db);
		return st;
	}
	return st_commit(db, err, errsz);
}

enum st_status ir_progress(struct st_db *db, int64_t id, long line_done, long rows_done, long rows_refused,
                           int64_t report_len, const char *report_path, int64_t refused_len,
                           const char *refused_path, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "UPDATE import_runs SET line_done=?1, rows_done=?2,"
	                              " rows_refused = CASE WHEN rows_refused IS NULL THEN NULL ELSE ?4 END,"
	                              " report_len = ?5, refused_len = ?6, report_path = ?7, refused_path = ?8 WHERE id=?3",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, line_done);
	sqlite3_bind_int64(s, 2, rows_done);
	sqlite3_bind_int64(s, 3, id);
	sqlite3_bind_int64(s, 4, rows_refused);
	if (report_len >= 0)
		sqlite3_bind_int64(s, 5, report_len);
	else
		sqlite3_bind_null(s, 5);
	if (refused_len >= 0)
		sqlite3_bind_int64(s, 6, refused_len);
	else
		sqlite3_bind_null(s, 6);
	/* NULL, not "", for no file: bound each time, as the statement is reused */
	if (report_path && *report_path)
		sqlite3_bind_text(s, 7, report_path, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, 7);
	if (refused_path && *refused_path)
		sqlite3_bind_text(s, 8, refused_path, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, 8);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "记录导入进度", err, errsz);
}

enum st_status ir_finish(struct st_db *db, int64_t id, char *err, size_t errsz)
{
	char now[24];
	clk_now(now, sizeof now);
	sqlite3_stmt *s = st_stmt(db, "UPDATE import_runs SET finished_at=? WHERE id=?", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "记录导入进度", err, errsz);
}
