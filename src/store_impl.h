/* Private to the store modules (store*.c, customer.c and the other sheet
 * stores): the SQLite handle and helpers.  Nothing else includes this. */
#ifndef DESK4S_STORE_IMPL_H
#define DESK4S_STORE_IMPL_H
#include <sqlite3.h>
#include "desk4s/store.h"

sqlite3 *st_handle(struct st_db *db);
/* A prepared statement kept for the life of the connection (reset before
 * it is handed out).  NULL on error, with err set. */
sqlite3_stmt *st_stmt(struct st_db *db, const char *sql, char *err, size_t errsz);
/* Translate the connection's last error into a Chinese message about
 * `what` ("保存客户"); returns the matching status. */
enum st_status st_fail(struct st_db *db, int rc, const char *what, char *err, size_t errsz);
/* Bind "" as NULL, otherwise text. */
int st_bind_text(sqlite3_stmt *s, int i, const char *v);
/* One more than the value sql reads (a "SELECT coalesce(max(id),0) …"):
 * the id the next new row takes; -1 with err. */
int64_t st_next_id(struct st_db *db, const char *sql, char *err, size_t errsz);
/* 1 while the caller holds an st_begin transaction. */
int st_in_txn(struct st_db *db);

/* Run a statement to its first row or its end and reset it; a failure is
 * translated as st_fail does, about `what`. */
enum st_status st_step(struct st_db *db, sqlite3_stmt *s, const char *what, char *err, size_t errsz);
/* Step s once: its first column as an id, 0 when no row, -1 with err (what
 * failed) on a read error, which is never "none"; resets s. */
int64_t st_found_id(struct st_db *db, sqlite3_stmt *s, const char *what, char *err, size_t errsz);
/* Step s once for the row the caller reads: ST_OK on a row (read it, then
 * reset s), ST_NOTFOUND with err when there is none, else the read error
 * (s reset in both). */
enum st_status st_row(struct st_db *db, sqlite3_stmt *s, const char *what, char *err, size_t errsz);
/* Column c as text into out ("" for NULL), cut at a character boundary. */
void st_col(sqlite3_stmt *s, int c, char *out, size_t outsz);
/* A write in its own transaction unless the caller holds one (the importer
 * commits in batches): st_begin_own, then st_end_own with the outcome. */
enum st_status st_begin_own(struct st_db *db, int *own, char *err, size_t errsz);
enum st_status st_end_own(struct st_db *db, int own, enum st_status st, char *err, size_t errsz);
#endif
