/* draft — unsaved sheets kept in the drafts table (schema/0001).  A line
 * format of our own rather than CSV: libcsv trims blanks around unquoted
 * fields, and a draft must give back exactly what was typed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "desk4s/audit.h"
#include "desk4s/oserr.h"
#include "desk4s/clock.h"
#include "desk4s/draft.h"
#include "desk4s/text.h"
#include "store_impl.h"

static const char MAGIC[] = "desk4s-draft 1";
/* @cause of a draft kept as its account's session ended on being
 * disabled; none: a hang-up (what every draft before it was) */
static const char CAUSE_DISABLED[] = "账号停用";

/* A path in a message: at most PATH_SHOWN bytes, cut between characters
 * ("…" says it was cut), where "%.300s" could end in half of a Chinese
 * directory's name and the message no longer be text. */
enum { PATH_SHOWN = 300 };
static const char *shown(const char *path, char *buf, size_t bufsz)
{
	size_t n = txt_cut_len(path, PATH_SHOWN);
	snprintf(buf, bufsz, "%.*s%s", (int)n, path, path[n] ? "…" : "");
	return buf;
}

/* ---- the data text ---- */

static void puts_(struct txt_buf *b, const char *s) { txt_buf_put(b, s, strlen(s)); }

/* key=value and a line feed, the value escaped. */
static void line(struct txt_buf *b, const char *key, const char *v)
{
	puts_(b, key);
	txt_buf_put(b, "=", 1);
	for (const char *p = v; *p; p++) {
		size_t run = strcspn(p, "\\\n\r");
		txt_buf_put(b, p, run);
		p += run;
		if (!*p) break;
		txt_buf_put(b, *p == '\\' ? "\\\\" : *p == '\n' ? "\\n" : "\\r", 2);
	}
	txt_buf_put(b, "\n", 1);
}

/* A key we can write back unambiguously (the forms' keys are identifiers). */
static int plain_key(const char *k)
{
	return *k && *k != '@' && !strpbrk(k, "=\\\n\r");
}

char *draft_encode(struct draft *d, const struct rec *r, const struct rec *base)
{
	struct txt_buf b = {0};
	char num[24];
	puts_(&b, MAGIC);
	txt_buf_put(&b, "\n", 1);
	if (*d->title) line(&b, "@title", d->title);
	if (d->link_id) {
		snprintf(num, sizeof num, "%lld", (long long)d->link_id);
		line(&b, "@link", num);
	}
	if (*d->customer_no) line(&b, "@customer", d->customer_no);
	if (*d->summary) line(&b, "@summary", d->summary);
	if (d->account_disabled) line(&b, "@cause", CAUSE_DISABLED);
	d->nfields = 0;
	for (int i = 0; i < r->form->nfields; i++) {
		const char *key = r->form->fields[i].key, *v = r->val[i];
		if (!plain_key(key)) continue;
		if (base ? strcmp(v, base->val[i]) == 0 : !*v) continue;
		line(&b, key, v);
		d->nfields++;
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Undo line()'s escapes in place; -1 on an escape line() never writes. */
static int unescape(char *s)
{
	char *o = s;
	for (; *s; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		s++;
		if (*s == '\\') *o++ = '\\';
		else if (*s == 'n') *o++ = '\n';
		else if (*s == 'r') *o++ = '\r';
		else return -1;
	}
	*o = 0;
	return 0;
}

static int field_of(const struct fdef_form *f, const char *key)
{
	for (int i = 0; i < f->nfields; i++)
		if (strcmp(f->fields[i].key, key) == 0) return i;
	return -1;
}

static void meta(struct draft *d, const char *key, const char *v)
{
	if (strcmp(key, "@title") == 0) snprintf(d->title, sizeof d->title, "%s", v);
	else if (strcmp(key, "@summary") == 0) snprintf(d->summary, sizeof d->summary, "%s", v);
	else if (strcmp(key, "@customer") == 0) snprintf(d->customer_no, sizeof d->customer_no, "%s", v);
	else if (strcmp(key, "@link") == 0) d->link_id = strtoll(v, NULL, 10);
	else if (strcmp(key, "@cause") == 0) d->account_disabled = strcmp(v, CAUSE_DISABLED) == 0;
	/* others: written by a later version, not needed to restore */
}

int draft_decode(const char *data, struct draft *d, struct rec *r)
{
	size_t ml = sizeof MAGIC - 1;
	if (strncmp(data, MAGIC, ml) != 0 || (data[ml] != '\n' && data[ml] != 0)) return -1;
	char *copy = strdup(data + ml);
	if (!copy) return -1;
	int set = 0, bad = 0;
	d->nfields = 0;
	for (char *p = copy, *next; *p && !bad; p = next) {
		char *nl = strchr(p, '\n');
		next = nl ? nl + 1 : p + strlen(p);
		if (nl) *nl = 0;
		if (!*p) continue;
		char *eq = strchr(p, '=');
		if (!eq || eq == p || unescape(eq + 1) != 0) {
			bad = 1;
			break;
		}
		*eq = 0;
		if (*p == '@') {
			meta(d, p, eq + 1);
			continue;
		}
		d->nfields++;
		if (!r) continue;
		int i = field_of(r->form, p);
		if (i < 0) continue; /* the form no longer has it */
		if (rec_set_at(r, i, eq + 1) != 0) {
			bad = 1;
			break;
		}
		set++;
	}
	free(copy);
	return bad ? -1 : r ? set : d->nfields;
}

/* ---- the table ---- */

/* "客户档案登记表（新记录），张三，3 项" for the usage log (which masks mobiles). */
static void detail_of(const struct draft *d, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s（%s），%s，%d 项", *d->title ? d->title : d->form,
	         d->record_id ? "已有记录" : "新记录", *d->summary ? d->summary : "（未填）", d->nfields);
}

/* The drafts row of d, its encoded data, as staff's.  d->id: the draft
 * the sheet was restored from, which the new one holds and replaces; 0 a
 * new row.  Only while it is still staff's: one thrown away meanwhile left
 * its id free for anybody's next draft. */
static enum st_status put_row(struct st_db *db, const char *staff, const struct draft *d, const char *data,
                              char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "INSERT OR REPLACE INTO drafts(id, staff, form, record_id, data, saved_at)"
	                              " VALUES((SELECT id FROM drafts WHERE id = ?6 AND staff = ?1), ?1, ?2, ?3, ?4, ?5)",
	                          err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, staff, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, d->form, -1, SQLITE_TRANSIENT);
	if (d->record_id) sqlite3_bind_int64(s, 3, d->record_id);
	else sqlite3_bind_null(s, 3);
	sqlite3_bind_text(s, 4, data, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, d->saved_at, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 6, d->id);
	return st_step(db, s, "保留草稿", err, errsz);
}

/* Why the sheets are being kept: a session of a disabled account ends
 * keeping them (ui_app), any other at a hang-up.  The account is read
 * here, as it stands when the draft is written, so the list offering it
 * says the true cause; one that cannot be read is taken for a hang-up
 * (the draft is kept all the same). */
static int owner_disabled(struct st_db *db, const char *staff)
{
	char err[256];
	sqlite3_stmt *s = st_stmt(db, "SELECT disabled FROM staff WHERE login = ?1", err, sizeof err);
	if (!s) return 0;
	sqlite3_bind_text(s, 1, staff, -1, SQLITE_TRANSIENT);
	int off = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
	sqlite3_reset(s);
	return off;
}

enum st_status draft_save(struct st_db *db, const char *staff, struct draft *d, const struct rec *r,
                          const struct rec *base, char *err, size_t errsz)
{
	d->record_id = r->id;
	clk_now(d->saved_at, sizeof d->saved_at);
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK)
		return st;
	d->account_disabled = owner_disabled(db, staff);
	char *data = draft_encode(d, r, base);
	if (!data) {
		snprintf(err, errsz, "保留草稿失败：内存不足");
		return st_end_own(db, own, ST_ERROR, err, errsz);
	}
	st = put_row(db, staff, d, data, err, errsz);
	free(data);
	if (st == ST_OK)
		d->id = sqlite3_last_insert_rowid(st_handle(db));
	if (st == ST_OK) {
		char detail[512];
		detail_of(d, detail, sizeof detail);
		st = audit_append(db, staff, "保留草稿", *d->customer_no ? d->customer_no : NULL, detail, err,
		                  errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

/* One row (form, record_id, data, saved_at, id) into d; r as draft_decode. */
static int row(sqlite3_stmt *s, struct draft *d, struct rec *r)
{
	memset(d, 0, sizeof *d);
	st_col(s, 0, d->form, sizeof d->form);
	d->record_id = sqlite3_column_int64(s, 1);
	st_col(s, 3, d->saved_at, sizeof d->saved_at);
	d->id = sqlite3_column_int64(s, 4);
	const char *data = (const char *)sqlite3_column_text(s, 2);
	return draft_decode(data ? data : "", d, r);
}

int draft_list(struct st_db *db, const char *staff, struct draft *out, int max, char *err,
               size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT form, record_id, data, saved_at, id FROM drafts WHERE staff = ?1"
	                              " ORDER BY saved_at DESC, id", err, errsz); /* one hang-up: the front sheet first */
	if (!s) return -1;
	sqlite3_bind_text(s, 1, staff, -1, SQLITE_TRANSIENT);
	int n = 0, rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n >= max) continue;
		/* a damaged one is still listed, so that it can be thrown away */
		if (row(s, &out[n], NULL) < 0) snprintf(out[n].summary, sizeof out[n].summary, "（草稿已损坏）");
		n++;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		st_fail(db, rc, "读取草稿", err, errsz);
		return -1;
	}
	return n;
}

/* A disabled account's drafts wait for it to be enabled again: the account
 * itself cannot reopen or throw them away meanwhile (its session ended
 * keeping them), whatever screen asks: ST_ERROR saying so. */
static enum st_status owner_enabled(struct st_db *db, const char *staff, char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT 1 FROM staff WHERE login = ?1 AND disabled <> 0", err, errsz);
	if (!s) return ST_ERROR;
	sqlite3_bind_text(s, 1, staff, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW) {
		snprintf(err, errsz, "账号 %s 已停用，其草稿在账号重新启用前不能恢复或放弃", staff);
		return ST_ERROR;
	}
	return rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "读取草稿", err, errsz);
}

/* staff's draft id; *damaged when its data does not decode. */
static enum st_status read_one(struct st_db *db, const char *staff, int64_t id, struct draft *d,
                               struct rec *r, int *damaged, char *err, size_t errsz)
{
	*damaged = 0;
	enum st_status own = owner_enabled(db, staff, err, errsz);
	if (own != ST_OK) return own;
	sqlite3_stmt *s = st_stmt(db, "SELECT form, record_id, data, saved_at, id FROM drafts"
	                              " WHERE staff = ?1 AND id = ?2", err, errsz);
	if (!s) return ST_ERROR;
	sqlite3_bind_text(s, 1, staff, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, id);
	int rc = sqlite3_step(s);
	enum st_status st = ST_OK;
	*damaged = 0;
	if (rc == SQLITE_ROW) {
		*damaged = row(s, d, r) < 0;
	} else if (rc == SQLITE_DONE) {
		snprintf(err, errsz, "没有这份草稿（可能已在另一终端恢复或放弃）");
		st = ST_NOTFOUND;
	} else {
		st = st_fail(db, rc, "读取草稿", err, errsz);
	}
	sqlite3_reset(s);
	return st;
}

enum st_status draft_load(struct st_db *db, const char *staff, int64_t id, struct draft *d, struct rec *r,
                          char *err, size_t errsz)
{
	int damaged;
	enum st_status st = read_one(db, staff, id, d, r, &damaged, err, errsz);
	if (st == ST_OK && damaged) {
		snprintf(err, errsz, "草稿已损坏，无法恢复：请放弃它");
		st = ST_ERROR;
	}
	return st;
}

enum st_status draft_restored(struct st_db *db, const char *staff, const struct draft *d,
                              char *err, size_t errsz)
{
	char detail[512];
	detail_of(d, detail, sizeof detail);
	return audit_append(db, staff, "恢复草稿", *d->customer_no ? d->customer_no : NULL, detail, err,
	                    errsz);
}

enum st_status draft_delete(struct st_db *db, const char *staff, int64_t id, int discarded, char *err,
                            size_t errsz)
{
	int own, damaged = 0;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK) return st;
	struct draft d;
	memset(&d, 0, sizeof d);
	/* read first: the log entry names what was thrown away */
	if (discarded) st = read_one(db, staff, id, &d, NULL, &damaged, err, errsz);
	if (st == ST_NOTFOUND) return st_end_own(db, own, ST_OK, err, errsz);
	if (damaged)
		snprintf(d.summary, sizeof d.summary, "（草稿已损坏）");
	sqlite3_stmt *s = NULL;
	if (st == ST_OK && !(s = st_stmt(db, "DELETE FROM drafts WHERE staff = ?1 AND id = ?2", err, errsz)))
		st = ST_ERROR;
	if (st == ST_OK) {
		sqlite3_bind_text(s, 1, staff, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 2, id);
		st = st_step(db, s, "删除草稿", err, errsz);
	}
	if (st == ST_OK && discarded) {
		char detail[512];
		detail_of(&d, detail, sizeof detail);
		st = audit_append(db, staff, "放弃草稿", *d.customer_no ? d.customer_no : NULL, detail, err,
		                  errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

int draft_forget_customer(struct st_db *db, int64_t customer_id, char *err, size_t errsz)
{
	/* a line of the data is key=value and a line feed (line()); the first
	 * line is the magic, so every field line follows a line feed */
	sqlite3_stmt *s = st_stmt(db,
		"DELETE FROM drafts WHERE rowid IN (SELECT d.rowid FROM drafts d, customers c WHERE c.id = ?1 AND ("
		" (d.form = 'customer' AND d.record_id = c.id)"
		" OR instr(d.data, char(10) || '@customer=' || c.cust_no || char(10)) > 0"
		" OR (c.mobile IS NOT NULL AND instr(d.data, char(10) || 'mobile=' || c.mobile || char(10)) > 0)"
		" OR (c.id_no IS NOT NULL AND instr(d.data, char(10) || 'id_no=' || c.id_no || char(10)) > 0)))",
		err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_int64(s, 1, customer_id);
	if (st_step(db, s, "删除客户的草稿", err, errsz) != ST_OK)
		return -1;
	return sqlite3_changes(st_handle(db));
}

/* ---- drafts the database could not take (a hang-up, the file locked) ----
 *
 * The same text in a file of its own beside the database (DB.drafts/,
 * private to its owner), with the row's columns as '@' lines the decoder
 * passes over; the next login takes them into the table. */

void draft_file_dir(struct st_db *db, char *out, size_t outsz)
{
	/* beside the file itself: a terminal that reaches it through a link
	 * finds the directory the others use (any other name of the file, a
	 * relative path, a linked parent directory, names the same one) */
	char real[PATH_MAX];
	struct stat ls;
	if (lstat(st_path(db), &ls) != 0 || !S_ISLNK(ls.st_mode) || !realpath(st_path(db), real) ||
	    snprintf(out, outsz, "%s.drafts", real) >= (int)outsz)
		snprintf(out, outsz, "%s.drafts", st_path(db));
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

enum st_status draft_save_file(struct st_db *db, const char *staff, struct draft *d, const struct rec *r,
                               const struct rec *base, char *path, size_t pathsz, char *err, size_t errsz)
{
	static unsigned seq;
	char dirp[4096], tmp[4200], num[24];
	d->record_id = r->id;
	clk_now(d->saved_at, sizeof d->saved_at);
	/* a read: it goes on beside the write that holds the database */
	d->account_disabled = owner_disabled(db, staff);
	char *data = draft_encode(d, r, base);
	if (!data) {
		snprintf(err, errsz, "保留草稿失败：内存不足");
		return ST_ERROR;
	}
	/* the row's columns after the magic line, then the draft's own lines */
	struct txt_buf b = {0};
	size_t ml = sizeof MAGIC - 1;
	txt_buf_put(&b, data, ml + 1);
	line(&b, "@staff", staff);
	line(&b, "@form", d->form);
	snprintf(num, sizeof num, "%lld", (long long)d->record_id);
	line(&b, "@record", num);
	line(&b, "@saved_at", d->saved_at);
	if (d->id) { /* restored from this draft: replaces it when taken in */
		snprintf(num, sizeof num, "%lld", (long long)d->id);
		line(&b, "@replaces", num);
	}
	puts_(&b, data + ml + 1);
	free(data);
	if (b.oom) {
		free(b.s);
		snprintf(err, errsz, "保留草稿失败：内存不足");
		return ST_ERROR;
	}
	draft_file_dir(db, dirp, sizeof dirp);
	char stamp[24];
	snprintf(stamp, sizeof stamp, "%.4s%.2s%.2s-%.2s%.2s%.2s", d->saved_at, d->saved_at + 5, d->saved_at + 8,
	         d->saved_at + 11, d->saved_at + 14, d->saved_at + 17);
	snprintf(path, pathsz, "%s/%s-%ld-%u.draft", dirp, stamp, (long)getpid(), seq);
	snprintf(tmp, sizeof tmp, "%s/.%s-%ld-%u.tmp", dirp, stamp, (long)getpid(), seq++);
	int fd = -1, ok = (mkdir(dirp, 0700) == 0 || errno == EEXIST) &&
	                  (fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) >= 0 &&
	                  write_all(fd, b.s, strlen(b.s)) == 0 && fsync(fd) == 0;
	int e = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = 0;
		e = errno;
	}
	if (ok && rename(tmp, path) != 0) {
		ok = 0;
		e = errno;
	}
	free(b.s);
	if (!ok) {
		unlink(tmp);
		char at[PATH_SHOWN + 4];
		snprintf(err, errsz, "草稿未能写入 %s：%s", shown(dirp, at, sizeof at), oserr_text(e));
		return ST_ERROR;
	}
	return ST_OK;
}

/* The value of "@key=" in a file's text (escaped as written; the columns
 * written there never hold a line break). */
static void file_meta(const char *text, const char *key, char *out, size_t outsz)
{
	size_t kl = strlen(key);
	out[0] = 0;
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			size_t n = strcspn(p + kl + 1, "\n");
			snprintf(out, outsz, "%.*s", (int)n, p + kl + 1);
			return;
		}
	}
}

/* Whether draft d (its text data) is about a customer whose personal
 * data has been erased (注销, 销毁), matched as draft_forget_customer
 * matches one whose mobile and ID are gone: the customer sheet's record,
 * or the customer number another sheet names.  1 with the number in
 * cust_no, 0, or -1 with err. */
static int erased_customer(struct st_db *db, const struct draft *d, const char *data, char *cust_no, size_t sz,
                           char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT cust_no FROM customers WHERE anonymized_at IS NOT NULL AND ("
	                              " (?1 = 'customer' AND id = ?2)"
	                              " OR instr(?3, char(10) || '@customer=' || cust_no || char(10)) > 0) LIMIT 1",
	                          err, errsz);
	if (!s)
		return -1;
	sqlite3_bind_text(s, 1, d->form, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, d->record_id);
	sqlite3_bind_text(s, 3, data, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(cust_no, sz, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	st_fail(db, rc, "读取草稿", err, errsz);
	return -1;
}

/* One claimed file into the table, with its 保留草稿 line; ST_OK when in,
 * ST_NOTFOUND when dropped (its customer erased, erased_customer),
 * ST_DAMAGED when the file is no draft. */
static enum st_status take_one(struct st_db *db, const char *path, char *err, size_t errsz)
{
	char at[PATH_SHOWN + 4];
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errsz, "无法读取 %s：%s", shown(path, at, sizeof at), oserr_text(errno));
		return ST_ERROR;
	}
	struct txt_buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) txt_buf_put(&b, chunk, n);
	int bad = ferror(f);
	fclose(f);
	struct draft d;
	memset(&d, 0, sizeof d);
	char staff[128] = "", record[24], replaces[24];
	if (!bad && !b.oom && b.s) {
		file_meta(b.s, "@staff", staff, sizeof staff);
		file_meta(b.s, "@form", d.form, sizeof d.form);
		file_meta(b.s, "@record", record, sizeof record);
		file_meta(b.s, "@saved_at", d.saved_at, sizeof d.saved_at);
		file_meta(b.s, "@replaces", replaces, sizeof replaces);
		d.record_id = strtoll(record, NULL, 10);
		d.id = strtoll(replaces, NULL, 10);
	}
	if (bad || b.oom || !b.s || !*staff || !*d.form || !*d.saved_at || draft_decode(b.s, &d, NULL) < 0) {
		free(b.s);
		snprintf(err, errsz, "草稿文件 %s 已损坏，未转入", shown(path, at, sizeof at));
		return ST_DAMAGED;
	}
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	if (st != ST_OK) {
		free(b.s);
		return st;
	}
	/* a customer whose data was erased while the file waited (a batch
	 * command takes no files in) had every draft about them forgotten
	 * (draft_forget_customer): this one is not brought back either */
	char gone[64];
	int erased = erased_customer(db, &d, b.s, gone, sizeof gone, err, errsz);
	if (erased != 0) {
		free(b.s);
		if (erased > 0) {
			char detail[300];
			snprintf(detail, sizeof detail, "断线时先存于文件的草稿（%s，%s）：客户 %s 的个人信息已清除，草稿随之删除，未转入",
			         *d.title ? d.title : d.form, d.saved_at, gone);
			st = audit_append(db, staff, "放弃草稿", gone, detail, err, errsz);
		}
		st = st_end_own(db, own, erased < 0 ? ST_ERROR : st, err, errsz);
		return st == ST_OK ? ST_NOTFOUND : st;
	}
	/* as draft_save: the draft the sheet was restored from, while still
	 * its owner's, is replaced */
	st = put_row(db, staff, &d, b.s, err, errsz);
	free(b.s);
	if (st == ST_OK) {
		/* logged as kept, by its owner at its time, and where it waited */
		char detail[600];
		detail_of(&d, detail, sizeof detail);
		strncat(detail, "（断线时数据库忙，先存于文件，", sizeof detail - strlen(detail) - 1);
		strncat(detail, d.saved_at, sizeof detail - strlen(detail) - 1);
		strncat(detail, "）", sizeof detail - strlen(detail) - 1);
		st = audit_append(db, staff, "保留草稿", *d.customer_no ? d.customer_no : NULL, detail, err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

enum { TAKE_MAX = 64 }; /* files taken at one login; the rest at the next */
/* A file claimed (NAME.draft.taking) this long ago by a login that never
 * finished with it is offered again. */
enum { DRAFT_TAKING_STALE_S = 600 };

int draft_take_files(struct st_db *db, char *err, size_t errsz)
{
	char dirp[4096], names[TAKE_MAX][256];
	draft_file_dir(db, dirp, sizeof dirp);
	char at[PATH_SHOWN + 4];
	DIR *dh = opendir(dirp);
	if (!dh) {
		if (errno == ENOENT) return 0;
		snprintf(err, errsz, "无法读取 %s：%s", shown(dirp, at, sizeof at), oserr_text(errno));
		return -1;
	}
	/* the names first: a file renamed while the directory is read could
	 * be read again */
	int n = 0;
	struct dirent *e;
	time_t now = time(NULL);
	while (n < TAKE_MAX && (e = readdir(dh))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len >= sizeof names[0])
			continue;
		/* one claimed by a login that died before it was through (a kill,
		 * a power cut) is offered again once surely not in hand: taking
		 * one takes a moment, and a draft twice beats a draft lost */
		struct stat fs;
		size_t tk = strlen(".draft.taking");
		if (len > tk && strcmp(e->d_name + len - tk, ".draft.taking") == 0 &&
		    fstatat(dirfd(dh), e->d_name, &fs, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(fs.st_mode) &&
		    now - fs.st_mtime > DRAFT_TAKING_STALE_S) {
			char back[256];
			snprintf(back, sizeof back, "%.*s", (int)(len - strlen(".taking")), e->d_name);
			if (renameat(dirfd(dh), e->d_name, dirfd(dh), back) == 0)
				memcpy(names[n++], back, strlen(back) + 1);
			continue;
		}
		if (len < 7 || strcmp(e->d_name + len - 6, ".draft") != 0)
			continue;
		memcpy(names[n++], e->d_name, len + 1);
	}
	closedir(dh);
	int taken = 0, damaged = 0;
	for (int i = 0; i < n; i++) {
		char path[4400], claimed[4420], e2[512];
		snprintf(path, sizeof path, "%s/%.255s", dirp, names[i]);
		/* claimed by renaming: two logins at once take it once.  Its time
		 * made now first, as a rename keeps it: a file that waited a night
		 * would read as a claim long abandoned (above) while in hand */
		snprintf(claimed, sizeof claimed, "%s.taking", path);
		utimensat(AT_FDCWD, path, NULL, 0);
		if (rename(path, claimed) != 0) continue;
		enum st_status st = take_one(db, claimed, e2, sizeof e2);
		if (st == ST_DAMAGED) {
			/* kept aside for whoever can read it; not offered again */
			snprintf(path + strlen(path) - strlen(".draft"), sizeof path - strlen(path) + strlen(".draft"),
			         ".damaged");
			rename(claimed, path);
			if (!damaged) snprintf(err, errsz, "%s", e2);
			damaged = 1;
			continue;
		}
		if (st == ST_NOTFOUND) {
			unlink(claimed); /* dropped and logged: not offered */
			continue;
		}
		if (st != ST_OK) {
			/* left for the next login; the rest too: the database that
			 * refused this one (held, full) would make each wait again */
			rename(claimed, path);
			snprintf(err, errsz, "%s", e2);
			return -1;
		}
		unlink(claimed);
		taken++;
	}
	return damaged ? -1 : taken;
}
