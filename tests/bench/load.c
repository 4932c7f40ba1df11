/* load — many terminals writing one database at once (test tooling).
 *
 *   load [--workers 16] [--seconds 60] [--dir DIR] [--customers 10000]
 *
 * Builds a generated shop in DIR, then forks the workers: each opens its
 * own connection, as a terminal does, and loops as fast as it can: save a
 * new customer (rules, duplicate probe, insert), log a visit, look a
 * customer up, open a repair order and complete it.  Any call that fails
 * is an error a user would have seen (“database is locked” included).
 * Each worker writes what it saw committed to DIR/worker-N.log; afterwards
 * the parent checks that every one of those records is there, runs the
 * integrity check, and prints the counts and the save times.  Exit status
 * 0 only when no error reached a user and nothing committed is missing. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "desk4s/customer.h"
#include "desk4s/rules.h"
#include "desk4s/visit.h"
#include "desk4s/workorder.h"
#include "benchdb.h"
#include "gen.h"

enum { PER_WORKER = 100000 /* new-customer indexes reserved per worker */ };

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static struct fdef_form *form(const char *name)
{
	char err[512];
	struct fdef_form *f = fdef_load(name, NULL, err, sizeof err);
	if (!f) {
		fprintf(stderr, "load: %s\n", err);
		exit(3);
	}
	return f;
}

struct counts { long saves, visits, lookups, opened, completed, errors; };

static void error_line(FILE *log, struct counts *c, const char *what, const char *err)
{
	c->errors++;
	fprintf(log, "E %s: %s\n", what, err);
	fflush(log);
}

/* One terminal's loop. */
static int worker(const struct gen *g, const char *path, int w, double seconds, const char *dir)
{
	char logpath[4200], err[512];
	snprintf(logpath, sizeof logpath, "%s/worker-%d.log", dir, w);
	FILE *log = fopen(logpath, "w");
	if (!log)
		return 3;
	struct counts c = { 0 };
	struct st_db *db;
	if (st_open(path, &db, err, sizeof err) != ST_OK) {
		error_line(log, &c, "open", err);
		fclose(log);
		return 1;
	}
	struct rec *cr = rec_new(g->customer), *vr = rec_new(g->visit), *wr = rec_new(g->workorder);
	struct rule_list l = { 0 };
	struct cust_hit hits[20];
	uint64_t rs = 0x5eed + (uint64_t)w;
	double end = now_s() + seconds;
	for (long k = 0; k < PER_WORKER && now_s() < end; k++) {
		/* a new customer at the desk */
		long i = g->ncust + (long)w * PER_WORKER + k;
		int incomplete;
		gen_customer(g, i, cr, &incomplete);
		double t0 = now_s();
		l.n = 0;
		rules_check(cr, RP_SAVE, &l);
		const char *which;
		int64_t other = cust_find_duplicate(db, cr, 1, &which, err, sizeof err);
		enum st_status st = other < 0 ? ST_ERROR : cust_insert(db, cr, incomplete, "load", err, sizeof err);
		double dt = now_s() - t0;
		if (st != ST_OK) {
			error_line(log, &c, "save customer", err);
		} else {
			c.saves++;
			fprintf(log, "C %lld %s %s %.6f\n", (long long)cr->id, rec_get(cr, "cust_no"),
			        rec_get(cr, "mobile"), dt);
		}

		/* a walk-in, by the same customer's mobile */
		long vi;
		gen_visit(g, g->nvisit + (long)w * PER_WORKER + k, vr, &vi);
		rec_set(vr, "arrive_at", "");
		rec_set(vr, "leave_at", "");
		rec_set(vr, "mobile", rec_get(cr, "mobile"));
		vr->id = 0;
		if (visit_save(db, vr, NULL, "load", err, sizeof err) != ST_OK) {
			error_line(log, &c, "log visit", err);
		} else {
			c.visits++;
			fprintf(log, "V %lld\n", (long long)vr->id);
		}

		/* somebody looks a customer up */
		char mob[12];
		rs = rs * 6364136223846793005ull + 1442695040888963407ull;
		gen_cust_mobile(g, (long)((rs >> 33) % (uint64_t)g->ncust), mob);
		if (cust_search(db, mob, hits, 20, err, sizeof err) < 0)
			error_line(log, &c, "lookup", err);
		else
			c.lookups++;

		/* a car of the shop in for service, done the same day */
		rs = rs * 6364136223846793005ull + 1442695040888963407ull;
		long v = (long)((rs >> 33) % (uint64_t)g->ncust);
		char vin[18], plate[32], mil[32];
		gen_cust_vin(g, v, vin);
		gen_cust_plate(g, v, plate, sizeof plate);
		rec_clear(wr);
		rec_set(wr, "vin", vin);
		rec_set(wr, "plate", plate);
		rec_set(wr, "advisor", "林峰");
		snprintf(mil, sizeof mil, "%ld", wo_last_mileage(db, v + 1) + 300);
		rec_set(wr, "mileage", mil);
		rec_set(wr, "work_type", "保养");
		rec_set(wr, "complaint", "常规保养");
		rec_set(wr, "promised_at", "2026-12-31 17:00");
		l.n = 0;
		if (rules_check(wr, RP_WO_OPEN, &l) > 0) {
			error_line(log, &c, "open order (rules)", l.v[0].msg);
		} else if (wo_open(db, wr, v + 1, "load", err, sizeof err) != ST_OK) {
			error_line(log, &c, "open order", err);
		} else {
			c.opened++;
			fprintf(log, "O %lld %s\n", (long long)wr->id, rec_get(wr, "wo_no"));
			if (wo_complete(db, wr->id, "load", err, sizeof err) != ST_OK) {
				error_line(log, &c, "complete order", err);
			} else {
				c.completed++;
				fprintf(log, "D %lld\n", (long long)wr->id);
			}
		}
		/* the screen's housekeeping while it waits for the next key */
		st_idle(db);
	}
	rules_list_free(&l);
	rec_free(cr);
	rec_free(vr);
	rec_free(wr);
	st_close(db);
	fprintf(log, "N %ld %ld %ld %ld %ld %ld\n", c.saves, c.visits, c.lookups, c.opened, c.completed, c.errors);
	fclose(log);
	return 0;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Read a worker's log back and check every committed record. */
static void verify(struct st_db *db, const struct gen *g, const char *logpath, struct counts *tot,
                   long *missing, double **times, long *ntimes, long *cap, FILE *errs)
{
	FILE *f = fopen(logpath, "r");
	if (!f) {
		fprintf(errs, "load: %s missing: a worker died\n", logpath);
		++*missing;
		return;
	}
	char line[1024], err[512];
	struct rec *cr = rec_new(g->customer), *vr = rec_new(g->visit), *wr = rec_new(g->workorder);
	int finished = 0;
	while (fgets(line, sizeof line, f)) {
		long long id;
		char a[64], b[64];
		double dt;
		if (line[0] == 'C' && sscanf(line, "C %lld %63s %63s %lf", &id, a, b, &dt) == 4) {
			if (*ntimes == *cap) {
				*cap = *cap ? *cap * 2 : 4096;
				*times = realloc(*times, (size_t)*cap * sizeof **times);
			}
			(*times)[(*ntimes)++] = dt;
			if (cust_load(db, id, cr, err, sizeof err) != ST_OK || strcmp(rec_get(cr, "cust_no"), a) != 0 ||
			    strcmp(rec_get(cr, "mobile"), b) != 0) {
				if (++*missing <= 5)
					fprintf(errs, "load: committed customer %s (%lld) not found as saved\n", a, id);
			}
		} else if (line[0] == 'V' && sscanf(line, "V %lld", &id) == 1) {
			if (visit_load(db, id, vr, err, sizeof err) != ST_OK && ++*missing <= 5)
				fprintf(errs, "load: committed visit %lld missing\n", id);
		} else if ((line[0] == 'O' || line[0] == 'D') && sscanf(line + 2, "%lld", &id) == 1) {
			if (wo_load(db, id, wr, NULL, NULL, err, sizeof err) != ST_OK ||
			    (line[0] == 'D' && strcmp(rec_get(wr, "status"), "已完工") != 0)) {
				if (++*missing <= 5)
					fprintf(errs, "load: committed order %lld missing or not completed\n", id);
			}
		} else if (line[0] == 'E') {
			fputs(line, errs);
		} else if (line[0] == 'N') {
			struct counts c;
			if (sscanf(line, "N %ld %ld %ld %ld %ld %ld", &c.saves, &c.visits, &c.lookups, &c.opened,
			           &c.completed, &c.errors) == 6) {
				tot->saves += c.saves;
				tot->visits += c.visits;
				tot->lookups += c.lookups;
				tot->opened += c.opened;
				tot->completed += c.completed;
				tot->errors += c.errors;
				finished = 1;
			}
		}
	}
	if (!finished) {
		fprintf(errs, "load: %s has no summary: the worker did not finish\n", logpath);
		++*missing;
	}
	rec_free(cr);
	rec_free(vr);
	rec_free(wr);
	fclose(f);
}

int main(int argc, char **argv)
{
	int workers = 16;
	double seconds = 60;
	const char *dir = "build/load";
	long ncust = 10000;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--workers") == 0)
			workers = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--seconds") == 0)
			seconds = atof(argv[i + 1]);
		else if (strcmp(argv[i], "--dir") == 0)
			dir = argv[i + 1];
		else if (strcmp(argv[i], "--customers") == 0)
			ncust = atol(argv[i + 1]);
		else {
			fprintf(stderr, "usage: load [--workers N] [--seconds S] [--dir DIR] [--customers N]\n");
			return 2;
		}
	}
	if (workers < 1 || workers > 64 || seconds <= 0 || ncust < 100) {
		fprintf(stderr, "load: bad arguments\n");
		return 2;
	}
	mkdir(dir, 0700);
	char path[4200];
	snprintf(path, sizeof path, "%s/load.db", dir);
	unlink(path);
	char side[4300];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);

	struct gen g;
	gen_init(&g, 20261123, ncust, ncust * 3, ncust * 2, ncust / 2);
	g.customer = form("customer");
	g.workorder = form("workorder");
	g.visit = form("visit");
	g.acard = form("acard");
	g.followup = form("followup");
	if (bdb_build(&g, path) != 0)
		return 3;

	fprintf(stderr, "load: %d workers for %.0f s on %s\n", workers, seconds, path);
	double t0 = now_s();
	pid_t *pids = calloc((size_t)workers, sizeof *pids);
	for (int w = 0; w < workers; w++) {
		pids[w] = fork();
		if (pids[w] == 0)
			_exit(worker(&g, path, w, seconds, dir));
		if (pids[w] < 0) {
			perror("load: fork");
			return 3;
		}
	}
	int crashed = 0;
	for (int w = 0; w < workers; w++) {
		int status;
		if (waitpid(pids[w], &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "load: worker %d ended badly (status %d)\n", w, status);
			crashed++;
		}
	}
	double elapsed = now_s() - t0;

	char err[512];
	struct st_db *db;
	if (st_open(path, &db, err, sizeof err) != ST_OK) {
		fprintf(stderr, "load: %s\n", err);
		return 3;
	}
	struct counts tot = { 0 };
	long missing = 0, ntimes = 0, cap = 0;
	double *times = NULL;
	for (int w = 0; w < workers; w++) {
		char logpath[4200];
		snprintf(logpath, sizeof logpath, "%s/worker-%d.log", dir, w);
		verify(db, &g, logpath, &tot, &missing, &times, &ntimes, &cap, stderr);
	}
	char msg[256];
	enum st_status ic = st_integrity(db, msg, sizeof msg);
	st_close(db);
	qsort(times, (size_t)ntimes, sizeof *times, cmp_d);
	double med = ntimes ? times[ntimes / 2] : 0;
	long k99 = (ntimes * 99 + 99) / 100 - 1;
	double p99 = ntimes ? times[k99 < 0 ? 0 : k99] : 0, worst = ntimes ? times[ntimes - 1] : 0;
	printf("load: %d workers, %.1f s: %ld customers saved, %ld visits logged, %ld lookups, "
	       "%ld orders opened, %ld completed (%.0f writes/s)\n",
	       workers, elapsed, tot.saves, tot.visits, tot.lookups, tot.opened, tot.completed,
	       (double)(tot.saves + tot.visits + tot.opened + tot.completed) / elapsed);
	printf("load: save a customer: median %.1f ms, p99 %.1f ms, worst %.1f ms\n", med * 1e3, p99 * 1e3,
	       worst * 1e3);
	printf("load: errors that reached a user: %ld; committed records missing: %ld; integrity_check: %s\n",
	       tot.errors, missing, ic == ST_OK ? "ok" : msg);
	free(times);
	free(pids);
	return tot.errors || missing || crashed || ic != ST_OK ? 1 : 0;
}
