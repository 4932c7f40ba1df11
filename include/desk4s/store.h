/* store — the SQLite file: opening, migrations, transactions, and the
 * generic mapping of a form's fields onto table columns.  Only the store
 * modules (store*.c) include sqlite3.h; the rest of the program sees these
 * functions.  Errors come back as Chinese messages in err (errsz bytes). */
#ifndef DESK4S_STORE_H
#define DESK4S_STORE_H
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "desk4s/record.h"

struct st_db;

enum st_status {
	ST_OK = 0,
	ST_ERROR = 1,      /* file, disk or SQLite trouble: err says which and why */
	ST_TOO_NEW = 2,    /* the file was written by a newer desk4s */
	ST_CONSTRAINT = 3, /* the schema refused the values (err names the rule) */
	ST_NOTFOUND = 4,
	ST_DAMAGED = 5,    /* st_open: the file is damaged or no SQLite database (restore it: bk_restore_damaged) */
	ST_CHANGED = 6     /* another terminal saved the same field since the sheet was loaded (err names it) */
};

/* Where the database lives when neither --db nor DESK4S_DB says:
 * $XDG_DATA_HOME/desk4s/desk4s.db (or ~/.local/share/...).  Creates the
 * directory (0700).  Returns 0 or -1 with err set. */
int st_default_path(char *out, size_t outsz, char *err, size_t errsz);

/* Open (creating with mode 0600 when missing), set WAL, foreign keys and a
 * busy timeout, and bring the schema up to date in one transaction. */
enum st_status st_open(const char *path, struct st_db **out, char *err, size_t errsz);
/* For a command that writes nothing (check, audit verify): st_open when
 * this account can write the database, else the file opened read-only
 * where that is safe, or ST_ERROR saying why not and what to do. */
enum st_status st_open_read(const char *path, struct st_db **out, char *err, size_t errsz);
void st_close(struct st_db *db);
/* Housekeeping while nobody waits on this connection (the screen waiting
 * for a key, between import batches): checkpoints the WAL once it has
 * grown, so that no save pays for it.  Cheap when there is nothing to do. */
void st_idle(struct st_db *db);
/* A number that changes whenever another connection (another terminal, a
 * batch command) has committed to the file since it was last asked, and
 * stays the same for this connection's own commits (PRAGMA data_version):
 * a screen waiting idle compares it to learn whether to read again.
 * -1 with err when it cannot be read. */
int64_t st_data_version(struct st_db *db, char *err, size_t errsz);
const char *st_path(const struct st_db *db);
/* The schema version the file has, and the one this program writes. */
int st_version(struct st_db *db);
int st_latest_version(void);

/* Write transactions (BEGIN IMMEDIATE, so a writer waits for the lock up
 * front instead of failing half way). */
enum st_status st_begin(struct st_db *db, char *err, size_t errsz);
enum st_status st_commit(struct st_db *db, char *err, size_t errsz);
void st_rollback(struct st_db *db);
/* A read transaction: everything read until st_read_end is one snapshot
 * of the database however long it lasts, and no writer waits for it (WAL). */
enum st_status st_read_begin(struct st_db *db, char *err, size_t errsz);
void st_read_end(struct st_db *db);

/* Savepoints inside a transaction: one record of an import is written
 * whole or not at all while its batch goes on. */
enum st_status st_savepoint(struct st_db *db, char *err, size_t errsz);
enum st_status st_release(struct st_db *db, char *err, size_t errsz);
void st_rollback_to(struct st_db *db);

/* Bulk work (imports): a page cache large enough that a batch's pages stay
 * in memory until its commit instead of spilling to the WAL half way;
 * bounded so an import keeps its memory flat; sorts spill to temporary
 * files. */
void st_bulk(struct st_db *db);

/* Indexes and triggers set aside for a bulk load: dropped inside the
 * caller's transaction, made again before it commits (SQLite then sorts
 * once per index instead of inserting a million random keys one by one).
 * The drop is never committed on its own: an interrupted load rolls back
 * with it, and other connections never see the schema without them. */
struct st_defer;
struct st_defer *st_defer_drop(struct st_db *db, const char *const names[], char *err, size_t errsz);
/* Re-creates what was dropped and frees d (also on failure). */
enum st_status st_defer_restore(struct st_db *db, struct st_defer *d, char *err, size_t errsz);
void st_defer_free(struct st_defer *d);
/* For a load in one transaction; call outside any transaction, before it
 * begins (cache_kib > 0) and after it ends (0).  While on: a page cache of
 * cache_kib instead of st_bulk's (such a load spills to the WAL whatever
 * the cache: a million-row customer load measured no faster with 40 MB
 * than with 8; the memory goes to the load's own probes and to the index
 * builds' sorts), and sorts
 * spill to temporary files instead of growing in memory with the file.
 * Only then: in memory, SQLite's savepoint journals stay in memory too,
 * while with temporary files one savepoint past 64 KiB moves them to a
 * file for the rest of the transaction (a batch import of 45,000 rows
 * made 3 million pwrite calls that way instead of 94,000). */
void st_bulk_one_go(struct st_db *db, int cache_kib);
/* A load in one go when no other connection has the database open (call
 * before its transaction begins): the rollback journal instead of the WAL,
 * so each new page is written once, into the database file, instead of
 * into the WAL and again at the checkpoint (a million customers 41-43 s
 * instead of 55 s, alternately).  Leaving WAL needs the only connection,
 * so with another terminal open it is refused at once (no wait) and the
 * load goes on in WAL: 0.  While it holds (1), other terminals cannot open
 * the database (the busy note says so), and commits sync as FULL (NORMAL
 * is safe in WAL only).  st_bulk_shared, after the
 * transaction ends, returns to WAL (or the next connection opened does). */
int st_bulk_alone(struct st_db *db);
/* Inside the load's transaction, before saying so: whether it still holds
 * the file alone (a terminal opening between st_bulk_alone and the BEGIN
 * returns the file to WAL; the load then goes on there). */
int st_bulk_still_alone(struct st_db *db);
void st_bulk_shared(struct st_db *db);

/* While *flag is non-zero (a signal handler sets it), the statement
 * running stops with SQLITE_INTERRUPT (reported as 已中断) instead of going
 * on for the seconds an index build or a feed fill can take, and no new
 * statement starts (the store call fails with 已中断); NULL removes the
 * check.  Only the caller's own statements: what they undo is theirs. */
void st_interrupt_on(struct st_db *db, volatile sig_atomic_t *flag);

/* How long a write waits for another connection's lock before it fails
 * (SQLITE_BUSY, said by st_fail); 0 is the usual ten seconds, which a user
 * at the terminal waits for.  A session hung up waits less (a few
 * seconds: nobody is there), then keeps its drafts in files instead. */
void st_set_busy_wait(struct st_db *db, int ms);
/* wait(ctx, who) once per wait for another connection's lock that lasts
 * past a moment (a save held up by an import at another terminal), with
 * what the holder's note says ("" when there is none): the screen says it
 * is waiting instead of freezing unsaid.  NULL: nothing is called. */
void st_on_wait(struct st_db *db, void (*wait)(void *ctx, const char *who), void *ctx);

/* Work that keeps the write lock for long (a load in one go, a dry run)
 * says what it is ("王经理 正在一次导入约 1000000 行客户…") in a note beside
 * the database (PATH-busy), so a save it holds up at another terminal says
 * why instead of only "busy" (st_fail), and after st_bulk_alone that the
 * database cannot be opened meanwhile; NULL removes the note.  A note
 * whose process is gone (kill -9) is not read. */
void st_busy_note(struct st_db *db, const char *what);

/* While statements run, tick(ctx) is called about once a second (from
 * SQLite's progress handler, on the caller's thread), so long work can
 * show it is moving; NULL stops it. */
void st_on_tick(struct st_db *db, void (*tick)(void *ctx), void *ctx);

/* Columns of a table as the schema has them; 1 when table.column exists. */
int st_has_column(struct st_db *db, const char *table, const char *column);
/* 1 when the column is declared INTEGER (a flag's 1 and 0, fdef_is_flag). */
int st_column_is_integer(struct st_db *db, const char *table, const char *column);
/* 1 when table.column is NOT NULL without a default: a record cannot be
 * stored with it empty, not even as incomplete. */
int st_column_needed(struct st_db *db, const char *table, const char *column);
/* "ok" when PRAGMA integrity_check passes; otherwise its first line. */
enum st_status st_integrity(struct st_db *db, char *msg, size_t msgsz);
#endif
