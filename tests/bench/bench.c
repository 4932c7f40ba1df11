/* bench — timings inside one process, through the store API the screens
 * use, beside the bare indexed query through SQLite without our layers
 * (test tooling: it opens the file with SQLite directly for those).  Each
 * subcommand prints "key value" lines that bench.sh puts in the table.
 *
 *   bench lookups DB NCUST N     N random lookups of each kind
 *   bench writes DB NCUST N [all|save|wo]
 *                                save a customer, open and complete an order
 *   bench due DB FROM TO RUNS    the due list in-process (due_list)
 *   bench exportsql              the SELECT an export of customers amounts to
 *   bench floor SRC DST          SQLite alone storing SRC's customers and cars
 *                                in the fresh database DST, as a load in one
 *                                go does: seconds
 *   bench time RUNS CMD ARG...   run a command RUNS times: median and max
 *                                wall time, peak RSS of the children */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "desk4s/customer.h"
#include "desk4s/due.h"
#include "desk4s/rules.h"
#include "desk4s/workorder.h"
#include "gen.h"
#include "../../src/store_impl.h" /* st_handle: the floor copies beside the store */

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Median and 99th percentile (nearest rank) of n samples, sorted in place. */
static void stats(double *v, int n, double *med, double *p99)
{
	qsort(v, (size_t)n, sizeof *v, cmp_d);
	*med = n ? v[n / 2] : 0;
	int k = (int)((n * 99 + 99) / 100) - 1;
	*p99 = n ? v[k < 0 ? 0 : k >= n ? n - 1 : k] : 0;
}

static void report(const char *key, double *v, int n)
{
	double med, p99;
	stats(v, n, &med, &p99);
	printf("%s_med %.3f\n%s_p99 %.3f\n", key, med * 1e3, key, p99 * 1e3);
}

static struct fdef_form *form(const char *name)
{
	char err[512];
	struct fdef_form *f = fdef_load(name, NULL, err, sizeof err);
	if (!f) {
		fprintf(stderr, "bench: %s\n", err);
		exit(3);
	}
	return f;
}

static struct st_db *open_db(const char *path)
{
	char err[512];
	struct st_db *db;
	if (st_open(path, &db, err, sizeof err) != ST_OK) {
		fprintf(stderr, "bench: %s\n", err);
		exit(3);
	}
	return db;
}

static uint64_t rnd_state = 0x1234567;
static long rnd(long n)
{
	uint64_t z = (rnd_state += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return (long)((z ^ (z >> 31)) % (uint64_t)n);
}

/* ---- lookups ---------------------------------------------------------- */

enum { KINDS = 5, LANDLINE = 4, MAX_HITS = 200 /* as the lookup screen asks (ui_lookup.c) */ };
static const char *const kind_key[KINDS] = { "mobile", "plate", "vintail", "name", "landline" };

static void query_for(const struct gen *g, int kind, long i, char *q, size_t qsz)
{
	char buf[64];
	switch (kind) {
	case 0:
		gen_cust_mobile(g, i, buf);
		break;
	case 1:
		gen_cust_plate(g, i, buf, sizeof buf);
		break;
	case 2:
		gen_cust_vin(g, i, buf);
		memmove(buf, buf + 11, 7);
		break;
	default:
		/* the surname and the first character of the given name, as typed */
		gen_cust_name(g, i, buf, sizeof buf);
		{
			size_t n = 0;
			for (int c = 0; c < 2 && buf[n]; c++) {
				n++;
				while ((buf[n] & 0xC0) == 0x80)
					n++;
			}
			buf[n] = 0;
		}
	}
	snprintf(q, qsz, "%s", buf);
}

/* The bare indexed query of each kind: what SQLite alone needs. */
static const char *const ref_sql[KINDS] = {
	"SELECT id FROM customers WHERE mobile = ?1",
	"SELECT id FROM vehicles WHERE plate = ?1",
	"SELECT id FROM vehicles WHERE vin_tail = ?1",
	"SELECT id FROM customers WHERE name >= ?1 AND name < ?1 || x'F48FBFBF' LIMIT 200",
	"SELECT id FROM customers WHERE phone1 IS NOT NULL AND substr(phone1, instr(phone1, '-') + 1) = ?1",
};

/* A customer with a landline (the generator gives one to some, at random)
 * and the number a local caller ID shows for it: i from customer id, the
 * part after the area code into q; 0 when the shop has none. */
static int landline_for(sqlite3 *raw, long ncust, long *i, char *q, size_t qsz)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(raw, "SELECT id, substr(phone1, instr(phone1, '-') + 1) FROM customers"
	                            " WHERE id >= ?1 AND phone1 IS NOT NULL ORDER BY id LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_int64(s, 1, rnd(ncust) + 1);
	int ok = sqlite3_step(s) == SQLITE_ROW;
	if (ok) {
		*i = sqlite3_column_int64(s, 0) - 1;
		snprintf(q, qsz, "%s", (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	return ok;
}

static int lookups(const char *path, long ncust, int n)
{
	struct gen g;
	gen_init(&g, 20261123, ncust, 0, 0, 0);
	struct st_db *db = open_db(path);
	sqlite3 *raw;
	if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: %s\n", sqlite3_errmsg(raw));
		return 3;
	}
	static struct cust_hit hits[MAX_HITS];
	static struct wo_vehicle cars[MAX_HITS];
	double *t = malloc((size_t)n * sizeof *t);
	char err[512], q[64];
	for (int kind = 0; kind < KINDS; kind++) {
		long found = 0;
		for (int pass = 0; pass < 3; pass++) {
			long total = 0;
			rnd_state = 0x1234567 + (uint64_t)kind;
			sqlite3_stmt *s = NULL;
			if (pass == 2 && sqlite3_prepare_v2(raw, ref_sql[kind], -1, &s, NULL) != SQLITE_OK) {
				fprintf(stderr, "bench: %s\n", sqlite3_errmsg(raw));
				return 3;
			}
			for (int k = 0; k < n; k++) {
				long i = rnd(ncust);
				if (kind != LANDLINE)
					query_for(&g, kind, i, q, sizeof q);
				else if (!landline_for(raw, ncust, &i, q, sizeof q)) {
					fprintf(stderr, "bench: no customer of %s has a landline\n", path);
					return 3;
				}
				double t0 = now_s();
				int got;
				if (pass == 0) {
					got = cust_search(db, q, hits, MAX_HITS, err, sizeof err);
				} else if (pass == 1) {
					got = wo_find_vehicles(db, q, cars, MAX_HITS, err, sizeof err);
				} else {
					sqlite3_bind_text(s, 1, q, -1, SQLITE_TRANSIENT);
					got = 0;
					while (sqlite3_step(s) == SQLITE_ROW)
						got++;
					sqlite3_reset(s);
				}
				t[k] = now_s() - t0;
				if (got < 0) {
					fprintf(stderr, "bench: lookup %s: %s\n", q, err);
					return 3;
				}
				/* the customer looked for must be among the hits (a
				 * name prefix may list 200 others first) */
				if (pass == 0 && kind != 3)
					for (int h = 0; h < got; h++)
						found += hits[h].id == i + 1;
				total += got;
			}
			sqlite3_finalize(s);
			char key[64];
			snprintf(key, sizeof key, "%s_%s", pass == 0 ? "search" : pass == 1 ? "findcar" : "ref", kind_key[kind]);
			report(key, t, n);
			printf("%s_hits %.1f\n", key, (double)total / n);
		}
		if (kind != 3 && found < n) {
			fprintf(stderr, "bench: %s lookups found the customer %ld times of %d\n", kind_key[kind], found, n);
			return 3;
		}
	}
	free(t);
	sqlite3_close(raw);
	st_close(db);
	return 0;
}

/* ---- writes ------------------------------------------------------------- */

/* What the screen does on F2: the rules, the duplicate probe, the insert. */
static int save_one(struct st_db *db, const struct gen *g, long i, struct rec *r, struct rule_list *l,
                    double *t)
{
	char err[512];
	int incomplete;
	gen_customer(g, i, r, &incomplete);
	double t0 = now_s();
	l->n = 0;
	int blocking = rules_check(r, RP_SAVE, l);
	const char *which;
	int64_t other = cust_find_duplicate(db, r, 1, &which, err, sizeof err);
	enum st_status st = blocking && !incomplete ? ST_CONSTRAINT
	                  : cust_insert(db, r, incomplete, "bench", err, sizeof err);
	*t = now_s() - t0;
	if (st != ST_OK || other) {
		fprintf(stderr, "bench: save customer %ld: %s%s\n", i, st != ST_OK ? err : "duplicate ",
		        st != ST_OK ? "" : which);
		return -1;
	}
	return 0;
}

/* A car of the shop (vehicle v) comes in; then its order is completed. */
static int order_one(struct st_db *db, const struct gen *g, long v, struct rec *w, struct rule_list *l,
                     double *t_open, double *t_done)
{
	char err[512], m[32], vin[18], plate[32];
	rec_clear(w);
	snprintf(m, sizeof m, "%ld", wo_last_mileage(db, v) + 500);
	/* the screen fills the car from the one picked */
	gen_cust_vin(g, v - 1, vin);
	gen_cust_plate(g, v - 1, plate, sizeof plate);
	rec_set(w, "vin", vin);
	rec_set(w, "plate", plate);
	rec_set(w, "advisor", "林峰");
	rec_set(w, "mileage", m);
	rec_set(w, "work_type", "保养");
	rec_set(w, "complaint", "常规保养");
	rec_set(w, "items", "更换机油机滤");
	rec_set(w, "promised_at", "2026-12-31 17:00");
	double t0 = now_s();
	l->n = 0;
	int blocking = rules_check(w, RP_WO_OPEN, l);
	enum st_status st = blocking ? ST_CONSTRAINT : wo_open(db, w, v, "bench", err, sizeof err);
	*t_open = now_s() - t0;
	if (st != ST_OK) {
		fprintf(stderr, "bench: open order: %s%s\n", err, blocking && l->n ? l->v[0].msg : "");
		return -1;
	}
	t0 = now_s();
	st = wo_complete(db, w->id, "bench", err, sizeof err);
	*t_done = now_s() - t0;
	if (st != ST_OK) {
		fprintf(stderr, "bench: complete order: %s\n", err);
		return -1;
	}
	return 0;
}

static int writes(const char *path, long ncust, int n, const char *mode)
{
	int do_save = strcmp(mode, "wo") != 0, do_wo = strcmp(mode, "save") != 0;
	struct gen g;
	gen_init(&g, 20261123, ncust, 0, 0, 0);
	g.customer = form("customer");
	struct fdef_form *wf = form("workorder");
	struct st_db *db = open_db(path);
	/* new customers continue the generated numbering: unique keys */
	long base = (long)cust_count(db);
	struct rec *r = rec_new(g.customer), *w = rec_new(wf);
	struct rule_list l = { 0 };
	double *ts = malloc((size_t)n * sizeof *ts), *to = malloc((size_t)n * sizeof *to),
	       *tc = malloc((size_t)n * sizeof *tc);
	/* between two saves the screen waits for keys: st_idle's checkpoint
	 * runs there, as in the program, outside the timed save */
	for (int k = 0; k < n; k++) {
		if (do_save && save_one(db, &g, base + k, r, &l, &ts[k]) != 0)
			return 3;
		st_idle(db);
		if (do_wo && order_one(db, &g, rnd(ncust) + 1, w, &l, &to[k], &tc[k]) != 0)
			return 3;
		st_idle(db);
	}
	if (do_save)
		report("save", ts, n);
	if (do_wo) {
		report("woopen", to, n);
		report("wocomplete", tc, n);
	}
	rules_list_free(&l);
	rec_free(r);
	rec_free(w);
	fdef_free(wf);
	fdef_free((struct fdef_form *)g.customer);
	st_close(db);
	free(ts);
	free(to);
	free(tc);
	return 0;
}

/* ---- the due list ------------------------------------------------------ */

static int count_task(const struct due_task *t, void *ctx)
{
	(void)t;
	++*(long *)ctx;
	return 0;
}

static int due(const char *path, const char *from, const char *to, int runs)
{
	struct st_db *db = open_db(path);
	struct due_filter f;
	memset(&f, 0, sizeof f);
	snprintf(f.from, sizeof f.from, "%s", from);
	snprintf(f.to, sizeof f.to, "%s", to);
	double *t = malloc((size_t)runs * sizeof *t);
	long tasks = 0;
	char err[512];
	for (int k = 0; k < runs; k++) {
		tasks = 0;
		double t0 = now_s();
		if (due_list(db, &f, count_task, &tasks, err, sizeof err) < 0) {
			fprintf(stderr, "bench: due list: %s\n", err);
			return 3;
		}
		t[k] = now_s() - t0;
	}
	report("due", t, runs);
	printf("due_tasks %ld\n", tasks);
	free(t);
	st_close(db);
	return 0;
}

/* ---- helpers for the shell --------------------------------------------- */

/* What `desk4s export customers` selects, for sqlite3 -csv. */
static int exportsql(void)
{
	struct fdef_form *f = form("customer");
	fputs("SELECT ", stdout);
	for (int i = 0; i < f->nfields; i++)
		printf("%s%s.%s", i ? "," : "", f->fields[i].table, f->fields[i].column);
	puts(" FROM customers LEFT JOIN vehicles ON vehicles.id ="
	     " (SELECT min(id) FROM vehicles WHERE customer_id = customers.id) ORDER BY customers.id;");
	fdef_free(f);
	return 0;
}

/* The floor under an import: the customers and cars of an imported
 * database copied into a fresh one by SQLite alone, with what a load in one
 * go keeps (the schema's CHECKs, foreign keys and UNIQUE constraints, its
 * cache and temp store) and without what it adds (CSV, rules, probes, the
 * indexes it sets aside and builds after, the trigram index, the due feed).
 * Rows are named column by column, so SQLite cannot copy whole records
 * unchecked (its transfer optimisation). */
static char *copy_sql(sqlite3 *h, const char *table)
{
	sqlite3_stmt *s;
	char *cols = NULL, *sql = NULL;
	if (sqlite3_prepare_v2(h, "SELECT group_concat(name, ',') FROM pragma_table_xinfo(?1) WHERE hidden = 0",
	                       -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
			cols = strdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	if (cols)
		sql = sqlite3_mprintf("INSERT INTO main.%s(%s) SELECT %s FROM src.%s ORDER BY id", table, cols, cols,
		                      table);
	free(cols);
	return sql;
}

static int floor_copy(const char *src, const char *dst)
{
	char err[512] = "";
	struct st_db *db = open_db(dst);
	sqlite3 *h = st_handle(db);
	if (cust_count(db) != 0) {
		fprintf(stderr, "bench: %s is not empty\n", dst);
		return 3;
	}
	char *attach = sqlite3_mprintf("ATTACH %Q AS src", src);
	char *ins_c = copy_sql(h, "customers"), *ins_v = copy_sql(h, "vehicles");
	st_bulk_one_go(db, 4000); /* as the customer load in one go, */
	if (!st_bulk_alone(db))   /* alone in the file (st_bulk_alone) */
		fprintf(stderr, "bench: floor: %s is open elsewhere: measured in WAL\n", dst);
	double t0 = now_s();
	struct cust_bulk *b = NULL;
	int ok = attach && ins_c && ins_v && sqlite3_exec(h, attach, NULL, NULL, NULL) == SQLITE_OK &&
	         st_begin(db, err, sizeof err) == ST_OK && (b = cust_bulk_begin(db, 0, err, sizeof err)) &&
	         sqlite3_exec(h, ins_c, NULL, NULL, NULL) == SQLITE_OK &&
	         sqlite3_exec(h, ins_v, NULL, NULL, NULL) == SQLITE_OK && st_commit(db, err, sizeof err) == ST_OK;
	double t = now_s() - t0;
	st_bulk_shared(db);
	if (!ok)
		fprintf(stderr, "bench: floor: %s\n", *err ? err : sqlite3_errmsg(h));
	else
		printf("%.3f\n", t);
	cust_bulk_free(b);
	sqlite3_free(attach);
	sqlite3_free(ins_c);
	sqlite3_free(ins_v);
	st_close(db);
	return ok ? 0 : 3;
}

static int timecmd(int runs, char **argv)
{
	double *t = malloc((size_t)runs * sizeof *t);
	long maxrss = 0;
	int rc = 0;
	for (int k = 0; k < runs; k++) {
		double t0 = now_s();
		pid_t p = fork();
		if (p == 0) {
			/* the command's own report would mix with ours */
			if (!freopen("/dev/null", "w", stdout))
				_exit(127);
			execvp(argv[0], argv);
			perror(argv[0]);
			_exit(127);
		}
		int status;
		struct rusage ru;
		if (p < 0 || wait4(p, &status, 0, &ru) < 0) {
			perror("bench: fork");
			return 3;
		}
		t[k] = now_s() - t0;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	}
	double med, p99;
	stats(t, runs, &med, &p99);
	printf("%.3f %.3f %ld %d\n", med, t[runs - 1], maxrss, rc);
	free(t);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && strcmp(argv[1], "lookups") == 0)
		return lookups(argv[2], atol(argv[3]), atoi(argv[4]));
	if (argc >= 5 && strcmp(argv[1], "writes") == 0)
		return writes(argv[2], atol(argv[3]), atoi(argv[4]), argc > 5 ? argv[5] : "all");
	if (argc >= 6 && strcmp(argv[1], "due") == 0)
		return due(argv[2], argv[3], argv[4], atoi(argv[5]));
	if (argc == 2 && strcmp(argv[1], "exportsql") == 0)
		return exportsql();
	if (argc == 4 && strcmp(argv[1], "floor") == 0)
		return floor_copy(argv[2], argv[3]);
	if (argc >= 4 && strcmp(argv[1], "time") == 0 && atoi(argv[2]) > 0)
		return timecmd(atoi(argv[2]), argv + 3);
	fputs("usage: bench lookups|writes DB NCUST N | due DB FROM TO RUNS | exportsql | floor SRC DST | time RUNS CMD...\n", stderr);
	return 2;
}
