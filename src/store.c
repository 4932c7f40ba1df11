/* store — opening the SQLite file, migrations from schema/, transactions
 * and error messages.  Several terminals share one file: WAL lets readers
 * work beside one writer, and the busy handler makes a writer wait for the
 * lock instead of failing.
 *
 * Checkpoints (copying the WAL back into the database file) are kept out of
 * the saves: SQLite would run one inside whichever COMMIT crosses 1000 WAL
 * pages, adding tens of milliseconds to that one save.  Here a commit only
 * notes the WAL's size; st_idle, called when the program waits for the
 * user or between batches, checkpoints once it has grown.  A WAL that
 * nobody checkpoints (every terminal busy) is checkpointed in the commit
 * after all once it is large, so it never grows without bound. */
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>
#include "desk4s/embed.h"
#include "desk4s/oserr.h"
#include "desk4s/region.h"
#include "desk4s/text.h"
#include "store_impl.h"
#include "store_map.h"

enum {
	BUSY_TIMEOUT_MS = 10000, MAX_CACHED = 256,
	WAIT_SAID_MS = 700,      /* a wait longer than this is said (st_on_wait) */
	WAL_IDLE_PAGES = 1000,   /* st_idle checkpoints beyond this (SQLite's own default) */
	WAL_HARD_PAGES = 16000,  /* a commit checkpoints beyond this (64 MB of 4 KB pages) */
};

/* `from`: the caller's pointer the text came from, a hint only */
struct cached { char *sql; const char *from; sqlite3_stmt *stmt; };

/* form maps are shared by every open connection; freed with the last one */
static int open_count;

struct st_db {
	sqlite3 *h;
	char *path;
	struct cached cache[MAX_CACHED];
	int ncache;
	int next_evict; /* when full, the oldest entry makes room */
	int counted; /* fully opened: counts in open_count */
	int wal_pages; /* WAL size after this connection's last commit */
	struct timespec busy_since;
	int busy_ms; /* how long a write waits for another's lock (st_set_busy_wait) */
	unsigned seed;
	volatile sig_atomic_t *stop; /* st_interrupt_on's flag, or NULL */
	void (*wait)(void *ctx, const char *who); /* st_on_wait's, or NULL */
	void *wait_ctx;
	int wait_said;               /* ... called for the wait under way */
	void (*tick)(void *ctx);     /* st_on_tick's, or NULL */
	void *tick_ctx;
	struct timespec tick_last;
	int alone; /* st_bulk_alone: in the rollback journal until st_bulk_shared */
	int sync_full; /* ... with synchronous FULL, which no transaction may change */
};

/* After each commit: remember the WAL's size; checkpoint only when it has
 * grown far past what st_idle would have taken care of. */
static int on_wal(void *ctx, sqlite3 *h, const char *name, int pages)
{
	struct st_db *db = ctx;
	db->wal_pages = pages;
	if (pages >= WAL_HARD_PAGES) {
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		db->wal_pages = 0;
	}
	return SQLITE_OK;
}

void st_idle(struct st_db *db)
{
	if (!db || db->wal_pages < WAL_IDLE_PAGES || !sqlite3_get_autocommit(db->h))
		return;
	/* PASSIVE: copies what no reader still needs and never waits */
	sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	db->wal_pages = 0;
}

int64_t st_data_version(struct st_db *db, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "PRAGMA data_version", err, errsz);
	if (!s) return -1;
	int rc = sqlite3_step(s);
	int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
	sqlite3_reset(s);
	if (v < 0) st_fail(db, rc, "检查其他终端的修改", err, errsz);
	return v;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Waiting for another terminal's write: short sleeps with jitter.  SQLite's
 * own schedule sleeps up to 100 ms at a time and wakes all waiters on the
 * same beat, so they collide again; a waiter here tries again within 2 ms,
 * and gives up (SQLITE_BUSY, reported to the user) after BUSY_TIMEOUT_MS. */
static int busy_note_read(const struct st_db *db, char *out, size_t outsz, int *alone);

static int on_busy(void *ctx, int count)
{
	struct st_db *db = ctx;
	/* asked to stop (st_interrupt_on): a wait for another terminal's lock
	 * ends too, a reading command's for its log line lasting minutes */
	if (db->stop && *db->stop)
		return 0;
	if (count == 0) {
		clock_gettime(CLOCK_MONOTONIC, &db->busy_since);
		db->wait_said = 0;
	} else if (ms_since(&db->busy_since) >= (db->busy_ms > 0 ? db->busy_ms : BUSY_TIMEOUT_MS)) {
		return 0;
	} else if (db->wait && !db->wait_said && ms_since(&db->busy_since) >= WAIT_SAID_MS) {
		/* a wait a person notices: who holds the database, said while it lasts */
		char note[600] = "";
		int alone = 0;
		busy_note_read(db, note, sizeof note, &alone);
		db->wait_said = 1;
		db->wait(db->wait_ctx, note);
	}
	struct timespec nap = { 0, (200 + (long)(rand_r(&db->seed) % 1800)) * 1000 };
	nanosleep(&nap, NULL);
	return 1;
}

void st_set_busy_wait(struct st_db *db, int ms) { db->busy_ms = ms; }

void st_on_wait(struct st_db *db, void (*wait)(void *ctx, const char *who), void *ctx)
{
	db->wait = wait;
	db->wait_ctx = ctx;
}

sqlite3 *st_handle(struct st_db *db) { return db->h; }
const char *st_path(const struct st_db *db) { return db->path; }
int st_in_txn(struct st_db *db) { return !sqlite3_get_autocommit(db->h); }

enum st_status st_step(struct st_db *db, sqlite3_stmt *s, const char *what, char *err, size_t errsz)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? ST_OK : st_fail(db, rc, what, err, errsz);
}

int64_t st_found_id(struct st_db *db, sqlite3_stmt *s, const char *what, char *err, size_t errsz)
{
	int rc = sqlite3_step(s);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return st_fail(db, rc, what, err, errsz), -1;
	return id;
}

enum st_status st_row(struct st_db *db, sqlite3_stmt *s, const char *what, char *err, size_t errsz)
{
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		return ST_OK;
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, what, err, errsz);
	snprintf(err, errsz, "%s失败：找不到这条记录", what);
	return ST_NOTFOUND;
}

void st_col(sqlite3_stmt *s, int c, char *out, size_t outsz)
{
	const char *t = (const char *)sqlite3_column_text(s, c);
	/* the length SQLite already knows, not strlen: long lists read
	 * millions of cells */
	size_t n = t ? (size_t)sqlite3_column_bytes(s, c) : 0;
	if (!t)
		t = "";
	if (n >= outsz) {
		/* never leave half a character at the cut */
		n = outsz - 1;
		while (n > 0 && ((unsigned char)t[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(out, t, n);
	out[n] = 0;
}

enum st_status st_begin_own(struct st_db *db, int *own, char *err, size_t errsz)
{
	*own = !st_in_txn(db);
	return *own ? st_begin(db, err, errsz) : ST_OK;
}

enum st_status st_end_own(struct st_db *db, int own, enum st_status st, char *err, size_t errsz)
{
	if (!own)
		return st;
	if (st == ST_OK)
		return st_commit(db, err, errsz);
	st_rollback(db);
	return st;
}

int st_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (!v || !*v)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* ---- the note of long work holding the write lock ---- */

static void busy_note_path(const struct st_db *db, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s-busy", db->path);
}

void st_busy_note(struct st_db *db, const char *what)
{
	char path[4200], tmp[4300];
	if (!db || !db->path || strcmp(db->path, ":memory:") == 0)
		return;
	busy_note_path(db, path, sizeof path);
	if (!what) {
		/* only our own note: another process may have written one since */
		FILE *f = fopen(path, "r");
		long pid = 0;
		if (f && fscanf(f, "%ld", &pid) == 1 && pid == (long)getpid())
			unlink(path);
		if (f)
			fclose(f);
		return;
	}
	/* written aside and renamed, so a reader never sees half of it */
	snprintf(tmp, sizeof tmp, "%s.%ld", path, (long)getpid());
	FILE *f = fopen(tmp, "w");
	if (!f)
		return; /* the note is a courtesy: the work goes on without it */
	/* a third line: the database cannot even be opened (st_bulk_alone) */
	int bad = fprintf(f, "%ld\n%s\n%s", (long)getpid(), what, db->alone ? "alone\n" : "") < 0;
	if (fclose(f) != 0 || bad || rename(tmp, path) != 0)
		unlink(tmp);
}

/* What the note of a live process other than this one says, into out,
 * and whether it holds the database alone; 0 when there is none. */
static int busy_note_read(const struct st_db *db, char *out, size_t outsz, int *alone)
{
	char path[4200], line[600], mode[16] = "";
	if (!db || !db->path)
		return 0;
	busy_note_path(db, path, sizeof path);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	long pid = 0;
	int ok = fscanf(f, "%ld", &pid) == 1 && fgetc(f) == '\n' && fgets(line, sizeof line, f) != NULL;
	*alone = ok && fgets(mode, sizeof mode, f) && strcmp(mode, "alone\n") == 0;
	fclose(f);
	if (!ok || pid <= 0 || pid == (long)getpid() || (kill((pid_t)pid, 0) != 0 && errno != EPERM))
		return 0;
	line[strcspn(line, "\n")] = '\0';
	snprintf(out, outsz, "%s", line);
	return *out != '\0';
}

/* SQLite's words for a broken constraint, in Chinese; the column
 * (table.column) stays in brackets for a caller that knows its label (an
 * import names the field: import.c).  A trigger's RAISE is ours, in
 * Chinese already. */
static void constraint_text(const char *detail, char *out, size_t outsz)
{
	static const struct {
		const char *en, *zh;
	} kinds[] = {
		{ "UNIQUE constraint failed: ", "与已有的记录重复" },
		{ "NOT NULL constraint failed: ", "缺少必需的值" },
		{ "CHECK constraint failed: ", "不符合数据库的检查规则" },
		{ "FOREIGN KEY constraint failed", "引用的记录不存在" },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i].en);
		if (strncmp(detail, kinds[i].en, n) != 0)
			continue;
		const char *rest = detail + n;
		snprintf(out, outsz, *rest ? "%s（%s）" : "%s%s", kinds[i].zh, rest);
		return;
	}
	snprintf(out, outsz, "%s", detail);
}

static enum st_status fail_text(struct st_db *db, int rc, const char *what, char *err, size_t errsz);

enum st_status st_fail(struct st_db *db, int rc, const char *what, char *err, size_t errsz)
{
	enum st_status st = fail_text(db, rc, what, err, errsz);
	/* a message naming the path can outgrow a caller's buffer (a login's
	 * 256 bytes): cut there, it ends between characters */
	if (errsz)
		txt_drop_partial(err);
	return st;
}

static enum st_status fail_text(struct st_db *db, int rc, const char *what, char *err, size_t errsz)
{
	int base = rc & 0xff;
	const char *detail = db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
	const char *path = db && db->path ? db->path : "";
	switch (base) {
	case SQLITE_FULL:
		/* only this step is undone: what was committed before stays whole */
		snprintf(err, errsz, "%s失败：磁盘已满（%s），这一步没有写入任何内容", what, path);
		return ST_ERROR;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: {
		/* what was being done is the caller's to say (the screen's
		 * "保存失败："); what holds it up is ours */
		char note[600];
		int alone = 0;
		/* the file by the path the user gave: a shop may keep several */
		if (busy_note_read(db, note, sizeof note, &alone))
			snprintf(err, errsz, "%s，完成前其他终端不能%s数据库 %s，请稍后重试", note,
			         alone ? "使用" : "保存到", path);
		else
			snprintf(err, errsz, "数据库 %s 正被其他终端长时间占用，请稍后重试", path);
		return ST_ERROR;
	}
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		snprintf(err, errsz, "%s失败：无法写入数据库文件 %s（%s）", what, path, detail);
		return ST_ERROR;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		snprintf(err, errsz, "%s失败：文件 %s 已损坏或不是 desk4s 数据库", what, path);
		return ST_ERROR;
	case SQLITE_IOERR:
		snprintf(err, errsz, "%s失败：读写数据库文件 %s 出错（%s）", what, path, detail);
		return ST_ERROR;
	case SQLITE_CONSTRAINT: {
		char said[512];
		constraint_text(detail, said, sizeof said);
		snprintf(err, errsz, "%s被数据库规则拒绝：%s", what, said);
		return ST_CONSTRAINT;
	}
	case SQLITE_INTERRUPT:
		snprintf(err, errsz, "%s已中断", what);
		return ST_ERROR;
	default:
		snprintf(err, errsz, "%s失败：%s", what, detail);
		return ST_ERROR;
	}
}

static sqlite3_stmt *prepared(struct st_db *db, const char *sql, char *err, size_t errsz)
{
	/* statements are found by their text: a pointer alone could name a
	 * buffer that since holds another statement (one built in a loop).
	 * The pointer is tried first, confirmed by the text: most calls pass
	 * a constant, and comparing it against every cached text (many share
	 * a long "SELECT … FROM customers WHERE" start) cost an import 4 %. */
	int hit = -1;
	for (int i = 0; i < db->ncache && hit < 0; i++)
		if (db->cache[i].from == sql && strcmp(db->cache[i].sql, sql) == 0)
			hit = i;
	for (int i = 0; i < db->ncache && hit < 0; i++)
		if (strcmp(db->cache[i].sql, sql) == 0)
			hit = i;
	if (hit >= 0) {
		db->cache[hit].from = sql;
		sqlite3_reset(db->cache[hit].stmt);
		sqlite3_clear_bindings(db->cache[hit].stmt);
		return db->cache[hit].stmt;
	}
	sqlite3_stmt *s = NULL;
	int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK) {
		st_fail(db, rc, "准备查询", err, errsz);
		return NULL;
	}
	char *copy = strdup(sql);
	if (!copy) {
		sqlite3_finalize(s);
		snprintf(err, errsz, "内存不足");
		return NULL;
	}
	struct cached *c;
	if (db->ncache < MAX_CACHED) {
		c = &db->cache[db->ncache++];
	} else {
		c = &db->cache[db->next_evict];
		db->next_evict = (db->next_evict + 1) % MAX_CACHED;
		sqlite3_finalize(c->stmt);
		free(c->sql);
	}
	c->sql = copy;
	c->from = sql;
	c->stmt = s;
	return s;
}

sqlite3_stmt *st_stmt(struct st_db *db, const char *sql, char *err, size_t errsz)
{
	/* asked to stop (st_interrupt_on): no new statement starts, however
	 * short, so a stop is never lost in work too small for the progress
	 * handler to be called */
	if (db->stop && *db->stop) {
		snprintf(err, errsz, "已中断");
		return NULL;
	}
	return prepared(db, sql, err, errsz);
}

int st_default_path(char *out, size_t outsz, char *err, size_t errsz)
{
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	char dir[4096];
	if (xdg && *xdg)
		snprintf(dir, sizeof dir, "%s/desk4s", xdg);
	else if (home && *home)
		snprintf(dir, sizeof dir, "%s/.local/share/desk4s", home);
	else {
		snprintf(err, errsz, "找不到数据目录：HOME 和 XDG_DATA_HOME 都未设置，请用 --db 指定数据库文件");
		return -1;
	}
	/* create each missing parent, private to the user */
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			snprintf(err, errsz, "无法创建目录 %s：%s", dir, oserr_text(errno));
			return -1;
		}
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errsz, "无法创建目录 %s：%s", dir, oserr_text(errno));
		return -1;
	}
	snprintf(out, outsz, "%s/desk4s.db", dir);
	return 0;
}

/* Migrations are the compiled-in schema/NNNN_name.sql files. */
static int migration_number(const char *name)
{
	if (strncmp(name, "schema/", 7) != 0)
		return 0;
	const char *p = name + 7;
	int n = 0, digits = 0;
	while (*p >= '0' && *p <= '9') {
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	if (digits != 4 || *p != '_' || !strstr(p, ".sql"))
		return 0;
	return n;
}

int st_latest_version(void)
{
	size_t n;
	const struct emb_file *f = emb_all(&n);
	int latest = 0;
	for (size_t i = 0; i < n; i++) {
		int v = migration_number(f[i].name);
		if (v > latest)
			latest = v;
	}
	return latest;
}

int st_version(struct st_db *db)
{
	char err[64];
	sqlite3_stmt *s = st_stmt(db, "PRAGMA user_version", err, sizeof err);
	if (!s)
		return -1;
	/* reset at once: a statement left on a row holds a read transaction, and
	 * this connection would stop seeing other terminals' writes */
	int v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
	sqlite3_reset(s);
	return v;
}

static enum st_status fill_regions(struct st_db *db, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "INSERT OR REPLACE INTO regions(code,name,parent,level) VALUES(?,?,?,?)",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	size_t n;
	const struct reg_entry *e = reg_all(&n);
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(s);
		sqlite3_bind_int(s, 1, e[i].code);
		sqlite3_bind_text(s, 2, e[i].name, -1, SQLITE_STATIC);
		if (e[i].parent)
			sqlite3_bind_int(s, 3, e[i].parent);
		else
			sqlite3_bind_null(s, 3);
		sqlite3_bind_int(s, 4, e[i].level);
		int rc = sqlite3_step(s);
		if (rc != SQLITE_DONE)
			return st_fail(db, rc, "写入行政区划", err, errsz);
	}
	return ST_OK;
}

static int damage(int rc) { return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB; }

static enum st_status migrate(struct st_db *db, char *err, size_t errsz)
{
	int have = st_version(db);
	if (have < 0)
		return st_fail(db, sqlite3_errcode(db->h), "读取数据库版本", err, errsz);
	int latest = st_latest_version();
	if (have > latest) {
		snprintf(err, errsz,
		         "数据库 %s 由更新版本的 desk4s 创建（架构版本 %d，本程序只认识到 %d）。"
		         "请升级 desk4s；为保护数据，本程序不会打开它。",
		         db->path, have, latest);
		return ST_TOO_NEW;
	}
	if (have == latest)
		return ST_OK;
	/* an upgrade may rewrite a large shop's tables (0011 fills the due
	 * feed: about 30 s at a million customers): say what the wait is */
	if (have > 0)
		fprintf(stderr, "正在升级数据库 %s（架构版本 %d → %d），大的数据库可能需要一两分钟…\n", db->path,
		        have, latest);
	/* all steps of an upgrade in one transaction: a failure leaves the old
	 * version intact */
	int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return st_fail(db, rc, "升级数据库", err, errsz);
	size_t n;
	const struct emb_file *f = emb_all(&n);
	for (int v = have + 1; v <= latest; v++) {
		for (size_t i = 0; i < n; i++) {
			if (migration_number(f[i].name) != v)
				continue;
			char *msg = NULL;
			rc = sqlite3_exec(db->h, f[i].data, NULL, NULL, &msg);
			if (rc != SQLITE_OK) {
				snprintf(err, errsz, "升级数据库到版本 %d 失败（%s）：%s", v, f[i].name,
				         msg ? msg : sqlite3_errstr(rc));
				sqlite3_free(msg);
				sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
				/* said here: the ROLLBACK cleared SQLite's error code */
				return damage(rc) ? ST_DAMAGED : ST_ERROR;
			}
		}
	}
	enum st_status st = ST_OK;
	if (have == 0)
		st = fill_regions(db, err, errsz);
	char pragma[64];
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", latest);
	if (st == ST_OK && (rc = sqlite3_exec(db->h, pragma, NULL, NULL, NULL)) != SQLITE_OK)
		st = st_fail(db, rc, "升级数据库", err, errsz);
	if (st == ST_OK && (rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
		st = st_fail(db, rc, "升级数据库", err, errsz);
	if (st != ST_OK) {
		int bad = damage(sqlite3_errcode(db->h)); /* before the ROLLBACK clears it */
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		if (st == ST_ERROR && bad)
			st = ST_DAMAGED;
	}
	return st;
}

/* A file that opens as no database, or a damaged one, is told apart from
 * other trouble: what is to be done with it is a restore from a backup. */
static enum st_status open_failed(struct st_db *db, int rc, char *err, size_t errsz)
{
	enum st_status st = st_fail(db, rc, "打开数据库", err, errsz);
	return st == ST_ERROR && damage(rc) ? ST_DAMAGED : st;
}

/* Whether this account can write the database at path, asked before any
 * work: every command that opens it writes (a save, an import, the usage
 * log's line of an export or a print, a login), and SQLite opens a file
 * it may not write read-only without a word, so the command failed only
 * at its first write, after an export's file was written or an import's
 * rows read.  WAL keeps -wal and -shm beside the file, created and removed
 * by SQLite (and an import's -journal): the directory must be writable
 * too, not only the file.  0, or -1 with what is wrong and what to do. */
static int can_write(const char *path, int say_need, char *err, size_t errsz)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return 0; /* a new file: made below, its own message */
	/* for a command that only reads, what is wrong alone: st_open_read
	 * says what to do */
	const char *need = say_need ? "而这个命令要写入数据库（保存、导入、登录；导出、打印和查看客户都要记使用日志）。" : "";
	char me[64], owner[64];
	oserr_account(geteuid(), me, sizeof me);
	oserr_account(sb.st_uid, owner, sizeof owner);
	if (access(path, W_OK) != 0) {
		if (errno == EROFS)
			snprintf(err, errsz, "数据库文件 %s 在只读的文件系统上（光盘、只读挂载的盘或备份介质），不能写入；%s%s",
			         path, need, say_need ? "请把它（连同旁边的 -wal，如有）复制到可写的磁盘上，再用 --db 指向那份副本" : "");
		else
			snprintf(err, errsz, "本账号（%s）不能写入数据库文件 %s（文件属于 %s，权限 %03o）；%s%s", me, path,
			         owner, (unsigned)(sb.st_mode & 0777), need,
			         say_need ? "请用数据库所属的账号运行，或请管理员给本账号写权限" : "");
		return -1;
	}
	char copy[4096];
	snprintf(copy, sizeof copy, "%s", path);
	const char *dir = dirname(copy);
	if (access(dir, W_OK) != 0) {
		int e = errno;
		struct stat ds;
		char downer[64] = "?";
		if (stat(dir, &ds) == 0)
			oserr_account(ds.st_uid, downer, sizeof downer);
		snprintf(err, errsz, "数据库文件 %s 所在的目录 %s %s：SQLite 写入时要在其中建立和删除 %s-wal、%s-shm 等附属文件；%s%s%s%s",
		         path, dir, e == EROFS ? "在只读的文件系统上" : "本账号不能写入", path, path, need,
		         say_need ? "请用目录所属的账号（" : "", say_need ? downer : "",
		         say_need ? "）运行，或请管理员给本账号这个目录的写权限" : "");
		return -1;
	}
	return 0;
}

enum st_status st_open(const char *path, struct st_db **out, char *err, size_t errsz)
{
	*out = NULL;
	if (can_write(path, 1, err, errsz) != 0)
		return ST_ERROR;
	/* create the file ourselves so that it is private from the first byte */
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errsz, "无法打开数据库文件 %s：%s", path, oserr_text(errno));
		return ST_ERROR;
	}
	close(fd);
	struct st_db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errsz, "内存不足");
		return ST_ERROR;
	}
	db->path = strdup(path);
	/* SQLite counts every allocation under a global mutex unless told
	 * not to: a month's due list makes millions of them.  Only possible
	 * before SQLite starts; later calls are refused, harmlessly. */
	static int configured;
	if (!configured) {
		configured = 1;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	}
	int rc = sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		enum st_status st = open_failed(db, rc, err, errsz);
		st_close(db);
		return st;
	}
	sqlite3_extended_result_codes(db->h, 1);
	db->seed = (unsigned)getpid() ^ (unsigned)(uintptr_t)db;
	sqlite3_busy_handler(db->h, on_busy, db);
	const char *setup =
		"PRAGMA journal_mode=WAL;"
		"PRAGMA synchronous=NORMAL;"  /* WAL + NORMAL: durable across a program crash */
		"PRAGMA foreign_keys=ON;"
		/* statement and savepoint journals in memory: on disk they cost a
		 * write per changed page of every saved record */
		"PRAGMA temp_store=MEMORY;";
	rc = sqlite3_exec(db->h, setup, NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		enum st_status st = open_failed(db, rc, err, errsz);
		st_close(db);
		return st;
	}
	enum st_status st = migrate(db, err, errsz);
	if (st != ST_OK) { /* ST_DAMAGED too: migrate tells it before its ROLLBACK */
		st_close(db);
		return st;
	}
	sqlite3_wal_hook(db->h, on_wal, db); /* replaces SQLite's auto-checkpoint */
	open_count++;
	db->counted = 1;
	*out = db;
	return ST_OK;
}

/* path as an SQLite URI with the query q: every byte but letters,
 * digits and / . _ - ~ written %XX, so a name with ? # % reads back. */
static void file_uri(const char *path, const char *q, char *out, size_t outsz)
{
	size_t n = (size_t)snprintf(out, outsz, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c && n + 4 < outsz; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
		    strchr("/._-~", *c))
			out[n++] = (char)*c;
		else
			n += (size_t)snprintf(out + n, outsz - n, "%%%02X", *c);
	}
	snprintf(out + n, outsz - n, "?%s", q);
}

enum st_status st_open_read(const char *path, struct st_db **out, char *err, size_t errsz)
{
	*out = NULL;
	char why[1024];
	if (can_write(path, 0, why, sizeof why) == 0)
		return st_open(path, out, err, errsz);
	/* Read-only, SQLite still needs the WAL index (-shm) of a WAL file.
	 * Both side files there (the file in use, or left so): read as they
	 * are, nothing created.  On a read-only file system nobody can change
	 * the file while it is read, so with no WAL left beside it (whose
	 * changes immutable would not see) immutable=1 reads it without
	 * -shm; anywhere else immutable would read pages a terminal may be
	 * rewriting (a check calling a sound file damaged), and a read-only
	 * open would make a -shm owned by this account, which the file's
	 * owner cannot write: their own terminals could no longer save. */
	char wal[4200], shm[4200], uri[13000];
	snprintf(wal, sizeof wal, "%s-wal", path);
	snprintf(shm, sizeof shm, "%s-shm", path);
	struct stat ws;
	struct statvfs vs;
	int has_wal = stat(wal, &ws) == 0, has_shm = access(shm, F_OK) == 0;
	int ro_fs = statvfs(path, &vs) == 0 && (vs.f_flag & ST_RDONLY);
	char copy[4096];
	snprintf(copy, sizeof copy, "%s", path);
	int dir_ok = access(dirname(copy), W_OK) == 0;
	if (has_wal && has_shm)
		file_uri(path, "mode=ro", uri, sizeof uri);
	else if (ro_fs && (!has_wal || ws.st_size == 0))
		file_uri(path, "immutable=1", uri, sizeof uri);
	else {
		snprintf(err, errsz, "%s只读地打开它也不行：%s。"
		         "请用数据库所属的账号运行，或把它（连同旁边的 -wal，如有）复制到可写的目录，"
		         "再对副本运行这个命令", why,
		         has_wal ? "旁边的 -wal 里有还没写回的内容，却没有 -shm 可读" :
		         dir_ok ? "SQLite 要在旁边建立本账号的 -shm 文件，数据库所属的账号就不能再写入它了" :
		                  "SQLite 要在旁边建立 -shm 文件，而这个目录不能写");
		return ST_ERROR;
	}
	struct st_db *db = calloc(1, sizeof *db);
	if (!db) {
		snprintf(err, errsz, "内存不足");
		return ST_ERROR;
	}
	db->path = strdup(path);
	int rc = sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db->h, "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		enum st_status st = open_failed(db, rc, err, errsz);
		st_close(db);
		return st;
	}
	sqlite3_extended_result_codes(db->h, 1);
	int have = st_version(db), latest = st_latest_version();
	if (have < 0) {
		enum st_status st = open_failed(db, sqlite3_errcode(db->h), err, errsz);
		st_close(db);
		return st;
	}
	if (have != latest) {
		if (have > latest)
			snprintf(err, errsz, "数据库 %s 由更新版本的 desk4s 创建（架构版本 %d，本程序只认识到 %d）。"
			         "请升级 desk4s；为保护数据，本程序不会打开它。", path, have, latest);
		else
			snprintf(err, errsz, "数据库 %s 要先升级（架构版本 %d → %d）才能使用，升级要写入它：%s", path,
			         have, latest, why);
		st_close(db);
		return have > latest ? ST_TOO_NEW : ST_ERROR;
	}
	open_count++;
	db->counted = 1;
	*out = db;
	return ST_OK;
}

void st_close(struct st_db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i].stmt);
		free(db->cache[i].sql);
	}
	if (db->h)
		sqlite3_close(db->h);
	if (db->counted && --open_count == 0)
		sm_free_all();
	free(db->path);
	free(db);
}

enum st_status st_begin(struct st_db *db, char *err, size_t errsz)
{
	int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	return rc == SQLITE_OK ? ST_OK : st_fail(db, rc, "开始事务", err, errsz);
}

void st_read_end(struct st_db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int64_t st_next_id(struct st_db *db, const char *sql, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) + 1 : -1;
	sqlite3_reset(s);
	if (id < 0)
		st_fail(db, rc, "读取内部编号", err, errsz);
	return id;
}

enum st_status st_read_begin(struct st_db *db, char *err, size_t errsz)
{
	/* a deferred transaction takes its snapshot at its first read */
	int rc = sqlite3_exec(db->h, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return ST_OK;
	enum st_status st = st_fail(db, rc, "开始读取", err, errsz); /* before ROLLBACK replaces the error */
	st_read_end(db);
	return st;
}

enum st_status st_commit(struct st_db *db, char *err, size_t errsz)
{
	int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return ST_OK;
	enum st_status st = st_fail(db, rc, "提交", err, errsz);
	st_rollback(db);
	return st;
}

void st_rollback(struct st_db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

/* Prepared once: sqlite3_exec would parse them again for every record.
 * Undoing (undo) runs even when asked to stop: the stop is what it cleans
 * up after. */
static enum st_status run_cached(struct st_db *db, const char *sql, int undo, char *err, size_t errsz)
{
	sqlite3_stmt *s = undo ? prepared(db, sql, err, errsz) : st_stmt(db, sql, err, errsz);
	if (!s)
		return ST_ERROR;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "保存", err, errsz);
}

enum st_status st_savepoint(struct st_db *db, char *err, size_t errsz)
{
	return run_cached(db, "SAVEPOINT rec", 0, err, errsz);
}

enum st_status st_release(struct st_db *db, char *err, size_t errsz)
{
	return run_cached(db, "RELEASE rec", 0, err, errsz);
}

void st_rollback_to(struct st_db *db)
{
	char err[64];
	run_cached(db, "ROLLBACK TO rec", 1, err, sizeof err);
	run_cached(db, "RELEASE rec", 1, err, sizeof err);
}

#define BULK_CACHE "PRAGMA cache_size = -24000"

void st_bulk(struct st_db *db)
{
	sqlite3_exec(db->h, BULK_CACHE, NULL, NULL, NULL);
}

struct st_defer {
	size_t n;
	char **sql; /* CREATE statements, in the order they were dropped */
};

void st_defer_free(struct st_defer *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++)
		free(d->sql[i]);
	free(d->sql);
	free(d);
}

struct st_defer *st_defer_drop(struct st_db *db, const char *const names[], char *err, size_t errsz)
{
	if (sqlite3_get_autocommit(db->h)) {
		snprintf(err, errsz, "内部错误：暂缓索引须在事务内");
		return NULL;
	}
	size_t n = 0;
	while (names[n])
		n++;
	struct st_defer *d = calloc(1, sizeof *d);
	if (!d || !(d->sql = calloc(n ? n : 1, sizeof *d->sql))) {
		free(d);
		snprintf(err, errsz, "内存不足");
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *s = st_stmt(db, "SELECT type, sql FROM sqlite_master WHERE name = ?1"
		                              " AND type IN ('index', 'trigger') AND sql IS NOT NULL", err, errsz);
		if (!s)
			goto fail;
		sqlite3_bind_text(s, 1, names[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_reset(s);
			continue; /* not in this schema: nothing to set aside */
		}
		int trigger = strcmp((const char *)sqlite3_column_text(s, 0), "trigger") == 0;
		d->sql[d->n] = strdup((const char *)sqlite3_column_text(s, 1));
		sqlite3_reset(s);
		if (!d->sql[d->n]) {
			snprintf(err, errsz, "内存不足");
			goto fail;
		}
		d->n++;
		/* the name comes from the caller's fixed list and was just found in
		 * the schema; a DROP cannot take it as a parameter */
		char *drop = sqlite3_mprintf("DROP %s \"%w\"", trigger ? "TRIGGER" : "INDEX", names[i]);
		int rc = drop ? sqlite3_exec(db->h, drop, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(drop);
		if (rc != SQLITE_OK) {
			st_fail(db, rc, "暂缓索引", err, errsz);
			goto fail;
		}
	}
	return d;
fail:
	st_defer_free(d);
	return NULL;
}

enum st_status st_defer_restore(struct st_db *db, struct st_defer *d, char *err, size_t errsz)
{
	enum st_status st = ST_OK;
	for (size_t i = 0; d && i < d->n && st == ST_OK; i++) {
		int rc = sqlite3_exec(db->h, d->sql[i], NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			st = st_fail(db, rc, "重建索引", err, errsz);
	}
	st_defer_free(d);
	return st;
}

void st_bulk_one_go(struct st_db *db, int cache_kib)
{
	char sql[80];
	/* temp_store: SQLite refuses to change it inside a transaction */
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d; PRAGMA temp_store = FILE", cache_kib);
	sqlite3_exec(db->h, cache_kib > 0 ? sql : BULK_CACHE "; PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
	/* the index builds at the load's end sort in helper threads while the
	 * reader thread has nothing left to read (46.4 / 49.3 s against
	 * 50.5 / 49.9 s at a million rows, alternately); peak memory unchanged */
	sqlite3_exec(db->h, "PRAGMA threads = 2", NULL, NULL, NULL);
}

/* journal_mode answers the mode it is in; a change refused is an error */
static int journal_mode_is(struct st_db *db, const char *pragma, const char *mode)
{
	sqlite3_stmt *s = NULL;
	int is = sqlite3_prepare_v2(db->h, pragma, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW &&
	         sqlite3_column_text(s, 0) && strcmp((const char *)sqlite3_column_text(s, 0), mode) == 0;
	sqlite3_finalize(s);
	return is;
}

int st_bulk_alone(struct st_db *db)
{
	/* another connection open: refused at once, not after the busy wait */
	sqlite3_busy_handler(db->h, NULL, NULL);
	db->alone = journal_mode_is(db, "PRAGMA journal_mode=DELETE", "delete");
	sqlite3_busy_handler(db->h, on_busy, db);
	/* NORMAL is safe in WAL only: in the rollback journal a power cut at
	 * the wrong moment could corrupt the file (SQLite's documentation) */
	if (db->alone && sqlite3_exec(db->h, "PRAGMA synchronous=FULL", NULL, NULL, NULL) == SQLITE_OK)
		db->sync_full = 1;
	return db->alone;
}

int st_bulk_still_alone(struct st_db *db)
{
	/* a terminal that opened between st_bulk_alone and the BEGIN took the
	 * file back to WAL; once the transaction holds its lock none can */
	if (db->alone && !journal_mode_is(db, "PRAGMA journal_mode", "delete"))
		db->alone = 0;
	return db->alone;
}

void st_bulk_shared(struct st_db *db)
{
	/* refused (a terminal that opened between the commit and now holds
	 * it): that terminal's own open, or the next one, returns to WAL */
	if (db->alone && journal_mode_is(db, "PRAGMA journal_mode=WAL", "wal"))
		db->alone = 0;
	if (db->sync_full && sqlite3_exec(db->h, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL) == SQLITE_OK)
		db->sync_full = 0;
}

static int on_progress(void *vdb)
{
	struct st_db *db = vdb;
	if (db->tick && ms_since(&db->tick_last) >= 1000) {
		clock_gettime(CLOCK_MONOTONIC, &db->tick_last);
		db->tick(db->tick_ctx);
	}
	return db->stop && *db->stop;
}

static void progress_install(struct st_db *db)
{
	int on = db->stop || db->tick;
	/* every 10,000 virtual-machine steps: a fraction of a millisecond */
	sqlite3_progress_handler(db->h, on ? 10000 : 0, on ? on_progress : NULL, db);
}

void st_interrupt_on(struct st_db *db, volatile sig_atomic_t *flag)
{
	db->stop = flag;
	progress_install(db);
}

void st_on_tick(struct st_db *db, void (*tick)(void *ctx), void *ctx)
{
	db->tick = tick;
	db->tick_ctx = ctx;
	clock_gettime(CLOCK_MONOTONIC, &db->tick_last);
	progress_install(db);
}

/* 1 when table has column and the row of pragma_table_xinfo (?1 the
 * table, ?2 the column) passes sql's further terms. */
static int column_has(struct st_db *db, const char *sql, const char *table, const char *column)
{
	char err[64];
	sqlite3_stmt *s = st_stmt(db, sql, err, sizeof err);
	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, column, -1, SQLITE_TRANSIENT);
	int found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

int st_column_is_integer(struct st_db *db, const char *table, const char *column)
{
	return column_has(db, "SELECT 1 FROM pragma_table_xinfo(?1) WHERE name = ?2 AND upper(type) = 'INTEGER'", table,
	                  column);
}

int st_column_needed(struct st_db *db, const char *table, const char *column)
{
	return column_has(db, "SELECT 1 FROM pragma_table_xinfo(?1) WHERE name = ?2 AND \"notnull\" AND dflt_value IS NULL",
	                  table, column);
}

int st_has_column(struct st_db *db, const char *table, const char *column)
{
	return column_has(db, "SELECT 1 FROM pragma_table_xinfo(?1) WHERE name = ?2", table, column);
}

enum st_status st_integrity(struct st_db *db, char *msg, size_t msgsz)
{
	sqlite3_stmt *s = st_stmt(db, "PRAGMA integrity_check", msg, msgsz);
	if (!s)
		return ST_ERROR;
	int rc = sqlite3_step(s);
	if (rc != SQLITE_ROW)
		return st_fail(db, rc, "完整性检查", msg, msgsz);
	snprintf(msg, msgsz, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return strcmp(msg, "ok") == 0 ? ST_OK : ST_ERROR;
}
