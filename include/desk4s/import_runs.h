/* import_runs — how far an import of one file got (a store module), so
 * running the same command again continues after the last committed batch
 * instead of adding its rows twice. */
#ifndef DESK4S_IMPORT_RUNS_H
#define DESK4S_IMPORT_RUNS_H
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include "desk4s/store.h"

struct ir_run {
	int64_t id;
	long line_done;        /* every record starting at or before this line is in */
	long rows_done;
	long rows_refused;     /* -1 when not known (a run recorded before schema 13) */
	int64_t report_len;    /* the --report file's length at the last committed batch, -1 unknown */
	int64_t refused_len;   /* ... and the refused rows' file's (schema 17) */
	char report_path[PATH_MAX];  /* which files those were (resolved), "" unknown */
	char refused_path[PATH_MAX];
	char started_at[20];
	char finished_at[20];  /* "" while unfinished */
};

/* Find or start the run of this file (kind + fingerprint).  Commits. */
enum st_status ir_begin(struct st_db *db, const char *kind, const char *fingerprint,
                        const char *path, struct ir_run *run, char *err, size_t errsz);
/* Only look: the run of this file if there is one (run->id 0 if not). */
enum st_status ir_find(struct st_db *db, const char *kind, const char *fingerprint, struct ir_run *run,
                       char *err, size_t errsz);
/* Record progress inside the caller's batch transaction: rows_refused
 * counts the run's refusals from its start, earlier runs of the file
 * included (kept unknown where it was); report_len and refused_len are the
 * lengths of the run's report and refused rows' file that go with the
 * batch (-1: no such file), report_path and refused_path those files
 * (resolved; NULL or "" unknown). */
enum st_status ir_progress(struct st_db *db, int64_t id, long line_done, long rows_done, long rows_refused,
                           int64_t report_len, const char *report_path, int64_t refused_len,
                           const char *refused_path, char *err, size_t errsz);
/* Mark the run finished.  Commits. */
enum st_status ir_finish(struct st_db *db, int64_t id, char *err, size_t errsz);
#endif
