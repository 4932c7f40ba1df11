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
/* 1 while the caller holds an st_begin transaction. */
int st_in_txn(struct st_db *db);
#endif
