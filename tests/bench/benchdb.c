/* benchdb — the bulk writer behind `gen db` (see benchdb.h).  Test tooling:
 * direct SQLite is allowed here and nowhere in src/ outside the store. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "desk4s/auth.h"
#include "desk4s/clock.h"
#include "desk4s/due.h"
#include "desk4s/sha256.h"
#include "desk4s/store.h"
#include "benchdb.h"

static sqlite3 *h;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, h ? sqlite3_errmsg(h) : "");
	exit(3);
}

static void exec(const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "gen: %s: %s\n", sql, msg ? msg : "");
		exit(3);
	}
}

/* An INSERT of the extra columns named in `extra` (each bound by the
 * caller, 1..nextra) followed by every form field stored in `table`. */
struct ins {
	sqlite3_stmt *s;
	const struct fdef_form *form;
	int nextra;
	int fields[128];
	int n;
};

static void ins_prepare(struct ins *in, const struct fdef_form *form, const char *table,
                        const char *extra, int nextra)
{
	char sql[8192], marks[1024] = "";
	int len = snprintf(sql, sizeof sql, "INSERT INTO %s(%s", table, extra);
	in->form = form;
	in->nextra = nextra;
	in->n = 0;
	for (int k = 0; k < nextra; k++)
		strcat(marks, k ? ",?" : "?");
	for (int i = 0; i < form->nfields; i++) {
		if (strcmp(form->fields[i].table, table) != 0)
			continue;
		in->fields[in->n++] = i;
		len += snprintf(sql + len, sizeof sql - (size_t)len, ",%s", form->fields[i].column);
		strcat(marks, ",?");
	}
	snprintf(sql + len, sizeof sql - (size_t)len, ") VALUES(%s)", marks);
	if (sqlite3_prepare_v2(h, sql, -1, &in->s, NULL) != SQLITE_OK)
		die(sql);
}

/* Typed as the store binds them (store_map.c): numbers as numbers. */
static void ins_bind_rec(struct ins *in, const struct rec *r)
{
	for (int k = 0; k < in->n; k++) {
		int f = in->fields[k], p = in->nextra + 1 + k;
		const char *v = r->val[f];
		char *end;
		if (fdef_is_flag(&in->form->fields[f])) {
			sqlite3_bind_int(in->s, p, *v != 0); /* a box: 1 ticked, 0 empty */
		} else if (!*v) {
			sqlite3_bind_null(in->s, p);
		} else if (in->form->fields[f].type == FT_INT || in->form->fields[f].type == FT_REGION) {
			long long x = strtoll(v, &end, 10);
			if (*end)
				sqlite3_bind_text(in->s, p, v, -1, SQLITE_STATIC);
			else
				sqlite3_bind_int64(in->s, p, x);
		} else if (in->form->fields[f].type == FT_MONEY) {
			double x = strtod(v, &end);
			if (*end)
				sqlite3_bind_text(in->s, p, v, -1, SQLITE_STATIC);
			else
				sqlite3_bind_double(in->s, p, x);
		} else {
			sqlite3_bind_text(in->s, p, v, -1, SQLITE_STATIC);
		}
	}
}

static void ins_step(struct ins *in, const char *what)
{
	if (sqlite3_step(in->s) != SQLITE_DONE)
		die(what);
	sqlite3_reset(in->s);
	sqlite3_clear_bindings(in->s);
}

static void text(sqlite3_stmt *s, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

/* The usage log as cust_insert writes it (audit.c): the same fields, in
 * the same order, length-prefixed, chained by the previous hash. */
static void put(struct sha256 *c, const char *s)
{
	char n[24];
	size_t len = s ? strlen(s) : 0;
	int k = snprintf(n, sizeof n, "%zu:", len);
	sha256_update(c, n, (size_t)k);
	if (len)
		sha256_update(c, s, len);
	sha256_update(c, ";", 1);
}

static void audit_hash(long long id, const char *at, const char *staff, const char *action,
                       const char *cust, const char *detail, const char *prev, char out[65])
{
	struct sha256 c;
	unsigned char d[32];
	char idtxt[24];
	snprintf(idtxt, sizeof idtxt, "%lld", id);
	sha256_init(&c);
	put(&c, "desk4s-audit-1");
	put(&c, idtxt);
	put(&c, at);
	put(&c, staff);
	put(&c, action);
	put(&c, cust);
	put(&c, detail);
	put(&c, prev);
	sha256_final(&c, d);
	sha256_tohex(d, out);
}

static void progress(const char *what, long done, long total, double t0)
{
	if (done % 100000 == 0 || done == total)
		fprintf(stderr, "\rgen: %-12s %9ld / %ld  %6.1f s", what, done, total, now_s() - t0);
	if (done == total)
		fputc('\n', stderr);
}

/* The schema as (type, name, table, sql) lines, for the identity check. */
static char *schema_text(sqlite3 *db)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, coalesce(sql,'') FROM sqlite_master"
	                           " WHERE name <> 'sqlite_stat1' ORDER BY type, name", -1, &s, NULL) != SQLITE_OK)
		return NULL;
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);
	while (out && sqlite3_step(s) == SQLITE_ROW) {
		for (int c = 0; c < 4; c++) {
			const char *t = (const char *)sqlite3_column_text(s, c);
			size_t n = strlen(t);
			if (len + n + 2 >= cap) {
				char *o = realloc(out, cap = (len + n + 2) * 2);
				if (!o) {
					free(out);
					out = NULL;
					break;
				}
				out = o;
			}
			memcpy(out + len, t, n);
			len += n;
			out[len++] = c == 3 ? '\n' : '|';
		}
	}
	if (out)
		out[len] = 0;
	sqlite3_finalize(s);
	return out;
}

static int same_schema_as_fresh(const char *path)
{
	char fresh[4200], err[512];
	snprintf(fresh, sizeof fresh, "%s.fresh-%d", path, (int)getpid());
	struct st_db *db;
	if (st_open(fresh, &db, err, sizeof err) != ST_OK) {
		fprintf(stderr, "gen: %s\n", err);
		return 0;
	}
	st_close(db);
	sqlite3 *f;
	int ok = 0;
	if (sqlite3_open(fresh, &f) == SQLITE_OK) {
		char *a = schema_text(f), *b = schema_text(h);
		ok = a && b && strcmp(a, b) == 0;
		if (!ok)
			fprintf(stderr, "gen: the built schema differs from a fresh database's\n");
		free(a);
		free(b);
	}
	sqlite3_close(f);
	char side[4300];
	unlink(fresh);
	snprintf(side, sizeof side, "%s-wal", fresh);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", fresh);
	unlink(side);
	return ok;
}

/* Schema objects dropped for the bulk load, kept to be made again. */
struct dropped {
	char **sql;
	int n;
};

/* Drop every object of `type` matching `where` (SQL over sqlite_master),
 * keeping its CREATE statement in d. */
static void drop_all(const char *type, const char *where, struct dropped *d)
{
	char q[256];
	snprintf(q, sizeof q, "SELECT name, sql FROM sqlite_master WHERE type='%s' AND %s", type, where);
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(h, q, -1, &s, NULL) != SQLITE_OK)
		die(q);
	char **names = NULL;
	while (sqlite3_step(s) == SQLITE_ROW) {
		names = realloc(names, (size_t)(d->n + 1) * sizeof *names);
		d->sql = realloc(d->sql, (size_t)(d->n + 1) * sizeof *d->sql);
		if (!names || !d->sql)
			die("out of memory");
		names[d->n] = strdup((const char *)sqlite3_column_text(s, 0));
		d->sql[d->n] = strdup((const char *)sqlite3_column_text(s, 1));
		d->n++;
	}
	sqlite3_finalize(s);
	for (int i = 0; i < d->n; i++) {
		snprintf(q, sizeof q, "DROP %s \"%s\"", type, names[i]);
		exec(q);
		free(names[i]);
	}
	free(names);
}

static void dropped_free(struct dropped *d)
{
	for (int i = 0; i < d->n; i++)
		free(d->sql[i]);
	free(d->sql);
	d->sql = NULL;
	d->n = 0;
}

int bdb_build(const struct gen *g, const char *path)
{
	char err[512];
	struct st_db *sdb;
	if (access(path, F_OK) == 0) {
		fprintf(stderr, "gen: %s exists already\n", path);
		return 3;
	}
	/* the program creates its own schema, regions included */
	if (st_open(path, &sdb, err, sizeof err) != ST_OK) {
		fprintf(stderr, "gen: %s\n", err);
		return 3;
	}
	st_close(sdb);
	if (sqlite3_open(path, &h) != SQLITE_OK)
		die(path);
	/* a bulk load of a file nobody else uses: no journal, no fsync, and
	 * the secondary indexes built once at the end instead of row by row */
	exec("PRAGMA journal_mode=DELETE; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
	     "PRAGMA locking_mode=EXCLUSIVE; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;"
	     "PRAGMA foreign_keys=OFF");
	struct dropped idx = { 0 }, trg = { 0 };
	drop_all("index", "sql IS NOT NULL", &idx);
	/* the triggers that keep due_feed would look rows up through indexes
	 * just dropped: they go too, and the feed is filled once at the end */
	drop_all("trigger", "name LIKE 'due_feed_%'", &trg);
	exec("BEGIN");

	/* repair orders first, in memory only: each customer's last completed
	 * order is their 最近交易日期 */
	int *last_deal = calloc((size_t)(g->ncust > 0 ? g->ncust : 1), sizeof *last_deal);
	if (!last_deal)
		die("out of memory");
	for (long j = 0; j < g->nwo; j++) {
		struct gen_wo w;
		gen_wo_core(g, j, &w);
		if (w.completed_day > last_deal[w.cust])
			last_deal[w.cust] = w.completed_day;
	}

	double t0 = now_s();
	struct rec *r = rec_new(g->customer);
	struct ins ci, vi, ai;
	ins_prepare(&ci, g->customer, "customers",
	            "id,incomplete,created_at,updated_at,created_by,consent_at,marketing_at", 7);
	ins_prepare(&vi, g->customer, "vehicles", "id,customer_id,created_at", 3);
	if (sqlite3_prepare_v2(h, "INSERT INTO audit_log(id, at, staff, action, customer_no, detail, prev_hash, hash)"
	                          " VALUES(?,?,?,?,?,?,?,?)", -1, &ai.s, NULL) != SQLITE_OK)
		die("audit");
	char prev[65];
	memset(prev, '0', 64);
	prev[64] = 0;
	long long audit_id = 0;
	for (long i = 0; i < g->ncust; i++) {
		int incomplete;
		gen_customer(g, i, r, &incomplete);
		struct gen_core c;
		gen_core(g, i, &c);
		char no[24], at[32], d[11];
		snprintf(no, sizeof no, "C%08ld", i + 1);
		rec_set(r, "cust_no", no);
		if (last_deal[i] > 0) {
			gen_date(last_deal[i], d);
			rec_set(r, "last_deal_date", d);
		}
		gen_date(c.since_day, d);
		snprintf(at, sizeof at, "%s %02ld:%02ld:%02ld", d, 9 + i % 9, i % 60, (i / 60) % 60);
		sqlite3_bind_int64(ci.s, 1, i + 1);
		sqlite3_bind_int(ci.s, 2, incomplete);
		text(ci.s, 3, at);
		text(ci.s, 4, at);
		text(ci.s, 5, "前台");
		text(ci.s, 6, incomplete ? "" : at);
		text(ci.s, 7, *rec_get(r, "marketing_ok") ? at : "");
		ins_bind_rec(&ci, r);
		ins_step(&ci, "insert customer");
		sqlite3_bind_int64(vi.s, 1, i + 1);
		sqlite3_bind_int64(vi.s, 2, i + 1);
		text(vi.s, 3, at);
		ins_bind_rec(&vi, r);
		ins_step(&vi, "insert vehicle");
		/* the usage-log entry cust_insert writes for a new customer */
		const char *detail = incomplete ? "资料不完整（缺必填项）" : "";
		char masked[128], hash[65];
		auth_mask_text(detail, masked, sizeof masked);
		audit_id++;
		audit_hash(audit_id, at, "前台", "新建客户", no, masked, prev, hash);
		sqlite3_bind_int64(ai.s, 1, audit_id);
		text(ai.s, 2, at);
		text(ai.s, 3, "前台");
		text(ai.s, 4, "新建客户");
		text(ai.s, 5, no);
		text(ai.s, 6, masked);
		text(ai.s, 7, prev);
		text(ai.s, 8, hash);
		if (sqlite3_step(ai.s) != SQLITE_DONE)
			die("insert audit");
		sqlite3_reset(ai.s);
		memcpy(prev, hash, 65);
		progress("customers", i + 1, g->ncust, t0);
	}
	rec_free(r);
	free(last_deal);
	sqlite3_finalize(ci.s);
	sqlite3_finalize(vi.s);
	sqlite3_finalize(ai.s);

	t0 = now_s();
	r = rec_new(g->workorder);
	struct ins wi;
	ins_prepare(&wi, g->workorder, "workorders", "id,customer_id,vehicle_id", 3);
	for (long j = 0; j < g->nwo; j++) {
		struct gen_wo w;
		gen_wo_core(g, j, &w);
		gen_workorder(g, j, r);
		sqlite3_bind_int64(wi.s, 1, j + 1);
		sqlite3_bind_int64(wi.s, 2, w.cust + 1);
		sqlite3_bind_int64(wi.s, 3, w.cust + 1);
		ins_bind_rec(&wi, r);
		ins_step(&wi, "insert work order");
		progress("workorders", j + 1, g->nwo, t0);
	}
	rec_free(r);
	sqlite3_finalize(wi.s);

	t0 = now_s();
	r = rec_new(g->acard);
	struct ins ki;
	ins_prepare(&ki, g->acard, "acards", "id,customer_id,closed_at,created_at", 4);
	for (long k = 0; k < g->nacard; k++) {
		char closed[20], at[20];
		gen_acard(g, k, r, closed);
		snprintf(at, sizeof at, "%s 18:00:00", rec_get(r, "created_date"));
		sqlite3_bind_int64(ki.s, 1, k + 1);
		sqlite3_bind_null(ki.s, 2);
		text(ki.s, 3, closed);
		text(ki.s, 4, at);
		ins_bind_rec(&ki, r);
		ins_step(&ki, "insert A-card");
		progress("acards", k + 1, g->nacard, t0);
	}
	rec_free(r);
	sqlite3_finalize(ki.s);

	t0 = now_s();
	r = rec_new(g->followup);
	struct ins fi;
	ins_prepare(&fi, g->followup, "acard_followups", "created_at", 1);
	for (long k = 0; k < g->nacard; k++) {
		int n = gen_followups(g, k);
		for (int m = 0; m < n; m++) {
			char at[20];
			gen_followup(g, k, m, r);
			snprintf(at, sizeof at, "%s 19:00:00", rec_get(r, "fu_date"));
			text(fi.s, 1, at);
			ins_bind_rec(&fi, r);
			ins_step(&fi, "insert follow-up");
		}
		progress("followups", k + 1, g->nacard, t0);
	}
	rec_free(r);
	sqlite3_finalize(fi.s);

	t0 = now_s();
	r = rec_new(g->visit);
	struct ins si;
	ins_prepare(&si, g->visit, "visits", "id,customer_id,created_by,created_at", 4);
	for (long j = 0; j < g->nvisit; j++) {
		long cust;
		gen_visit(g, j, r, &cust);
		sqlite3_bind_int64(si.s, 1, j + 1);
		if (cust >= 0)
			sqlite3_bind_int64(si.s, 2, cust + 1);
		else
			sqlite3_bind_null(si.s, 2);
		text(si.s, 3, rec_get(r, "consultant"));
		text(si.s, 4, rec_get(r, "arrive_at"));
		ins_bind_rec(&si, r);
		ins_step(&si, "insert visit");
		progress("visits", j + 1, g->nvisit, t0);
	}
	rec_free(r);
	sqlite3_finalize(si.s);
	exec("COMMIT");

	t0 = now_s();
	exec("BEGIN");
	for (int i = 0; i < idx.n; i++) {
		exec(idx.sql[i]);
		fprintf(stderr, "\rgen: %-12s %9d / %d  %6.1f s", "indexes", i + 1, idx.n, now_s() - t0);
	}
	for (int i = 0; i < trg.n; i++)
		exec(trg.sql[i]);
	fputc('\n', stderr);
	exec("COMMIT");
	dropped_free(&idx);
	dropped_free(&trg);
	/* back to what st_open sets: WAL (kept in the file), then the check
	 * that the schema is exactly a fresh database's */
	exec("PRAGMA locking_mode=NORMAL; PRAGMA journal_mode=DELETE; PRAGMA journal_mode=WAL");
	int ok = same_schema_as_fresh(path);
	sqlite3_close(h);
	h = NULL;
	/* the due list's feed, from what was loaded, as the program fills it */
	t0 = now_s();
	char today[24];
	clk_now(today, sizeof today);
	today[10] = 0;
	if (ok && st_open(path, &sdb, err, sizeof err) != ST_OK) {
		fprintf(stderr, "gen: %s\n", err);
		ok = 0;
	} else if (ok) {
		if (due_feed_rebuild(sdb, today, err, sizeof err) != ST_OK) {
			fprintf(stderr, "gen: %s\n", err);
			ok = 0;
		}
		st_close(sdb);
		fprintf(stderr, "gen: %-12s %6.1f s\n", "due feed", now_s() - t0);
	}
	return ok ? 0 : 3;
}
