/* gen — the generated shop, as CSV in the import format or straight as a
 * database (test tooling; see gen.h).
 *
 *   gen [--seed N] csv customers N FILE [--first I]
 *        customers I .. I+N-1 with the Chinese-label header the importer reads
 *   gen [--seed N] db FILE [--customers N] [--orders N] [--visits N] [--acards N]
 *   gen [--seed N] selfcheck N    every record kind, N of each, through the rules
 *
 * The default sizes are the benchmark shop: 1,000,000 customers, 3,000,000
 * repair orders, 2,000,000 visits, 500,000 A-cards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/csvio.h"
#include "desk4s/validate.h"
#include "benchdb.h"
#include "gen.h"

static const struct fdef_form *load(const char *name)
{
	char err[512];
	struct fdef_form *f = fdef_load(name, NULL, err, sizeof err);
	if (!f) {
		fprintf(stderr, "gen: %s\n", err);
		exit(3);
	}
	return f;
}

static void load_forms(struct gen *g)
{
	g->customer = load("customer");
	g->workorder = load("workorder");
	g->visit = load("visit");
	g->acard = load("acard");
	g->followup = load("followup");
}

static int usage(void)
{
	fputs("usage: gen [--seed N] csv customers N FILE [--first I]\n"
	      "       gen [--seed N] db FILE [--customers N] [--orders N] [--visits N] [--acards N]\n"
	      "       gen [--seed N] selfcheck N\n", stderr);
	return 2;
}

/* The customer columns a file brings: all but the ones the system keeps. */
static int csv_field(const struct fdef_field *f)
{
	return !(f->flags & FF_READONLY);
}

static int write_csv(const struct gen *g, long first, long n, const char *path)
{
	FILE *out = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	if (!out) {
		perror(path);
		return 3;
	}
	static char buf[1 << 20];
	setvbuf(out, buf, _IOFBF, sizeof buf);
	const struct fdef_form *f = g->customer;
	int last = -1;
	for (int i = 0; i < f->nfields; i++)
		if (csv_field(&f->fields[i]))
			last = i;
	for (int i = 0; i < f->nfields; i++)
		if (csv_field(&f->fields[i]))
			cio_write_field(out, f->fields[i].label, i == last);
	struct rec *r = rec_new(f);
	for (long i = first; i < first + n; i++) {
		int incomplete;
		gen_customer(g, i, r, &incomplete);
		for (int k = 0; k < f->nfields; k++)
			if (csv_field(&f->fields[k]))
				cio_write_field(out, r->val[k], k == last);
	}
	rec_free(r);
	if (fflush(out) != 0 || (out != stdout && fclose(out) != 0)) {
		perror(path);
		return 3;
	}
	return 0;
}

/* Every kind through the rules engine, as the importer would check it;
 * also the identifiers through their validators. */
static int selfcheck(const struct gen *g, long n)
{
	char msg[512];
	long bad = 0;
	struct rec *c = rec_new(g->customer), *w = rec_new(g->workorder), *v = rec_new(g->visit),
	           *a = rec_new(g->acard), *f = rec_new(g->followup);
	for (long i = 0; i < n; i++) {
		long ci = i * (g->ncust / (n > 0 ? n : 1) > 0 ? g->ncust / n : 1) % (g->ncust > 0 ? g->ncust : 1);
		int incomplete;
		gen_customer(g, ci, c, &incomplete);
		if (gen_check(c, incomplete, msg, sizeof msg)) {
			if (bad++ < 10)
				fprintf(stderr, "gen: customer %ld: %s\n", ci, msg);
		}
		/* the identifiers through their validators, warnings included */
		static const struct { const char *key; val_fn fn; } ids[] = {
			{ "mobile", val_mobile }, { "id_no", val_idno }, { "vin", val_vin }, { "plate", val_plate },
			{ "credit_code", val_uscc },
		};
		for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
			const char *val = rec_get(c, ids[k].key);
			char out[128];
			struct val_result vr;
			if (*val && ids[k].fn(val, out, sizeof out, &vr) != VAL_OK && bad++ < 10)
				fprintf(stderr, "gen: customer %ld: %s %s: %s (%s)\n", ci, ids[k].key, val, vr.msg, vr.code);
		}
		if (g->nwo) {
			long j = i * 7 % g->nwo;
			gen_workorder(g, j, w);
			if (gen_check(w, 0, msg, sizeof msg) && bad++ < 10)
				fprintf(stderr, "gen: work order %ld: %s\n", j, msg);
		}
		if (g->nvisit) {
			long j = i * 5 % g->nvisit, cust;
			gen_visit(g, j, v, &cust);
			if (gen_check(v, 0, msg, sizeof msg) && bad++ < 10)
				fprintf(stderr, "gen: visit %ld: %s\n", j, msg);
		}
		if (g->nacard) {
			long k = i * 3 % g->nacard;
			char closed[20];
			gen_acard(g, k, a, closed);
			if (gen_check(a, 0, msg, sizeof msg) && bad++ < 10)
				fprintf(stderr, "gen: A-card %ld: %s\n", k, msg);
			if (gen_followups(g, k) > 0) {
				gen_followup(g, k, 0, f);
				if (gen_check(f, 0, msg, sizeof msg) && bad++ < 10)
					fprintf(stderr, "gen: follow-up of card %ld: %s\n", k, msg);
			}
		}
	}
	rec_free(c);
	rec_free(w);
	rec_free(v);
	rec_free(a);
	rec_free(f);
	if (bad)
		fprintf(stderr, "gen: self-check: %ld problems in %ld records of each kind\n", bad, n);
	return bad ? 1 : 0;
}

static long num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < 0) {
		fprintf(stderr, "gen: not a count: %s\n", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	uint64_t seed = 20261123;
	int i = 1;
	if (i + 1 < argc && strcmp(argv[i], "--seed") == 0) {
		seed = (uint64_t)num(argv[i + 1]);
		i += 2;
	}
	if (i >= argc)
		return usage();
	struct gen g;
	const char *cmd = argv[i++];
	if (strcmp(cmd, "csv") == 0) {
		if (argc - i < 3 || strcmp(argv[i], "customers") != 0)
			return usage();
		long n = num(argv[i + 1]), first = 0;
		const char *path = argv[i + 2];
		if (argc - i == 5 && strcmp(argv[i + 3], "--first") == 0)
			first = num(argv[i + 4]);
		else if (argc - i != 3)
			return usage();
		/* the shop's size fixes the registration dates: a file of n
		 * customers is the first n customers of an n-customer shop */
		gen_init(&g, seed, first + n, 0, 0, 0);
		load_forms(&g);
		return write_csv(&g, first, n, path);
	}
	long nc = 1000000, nw = 3000000, nv = 2000000, na = 500000;
	const char *path = NULL;
	if (strcmp(cmd, "selfcheck") == 0) {
		if (argc - i != 1)
			return usage();
		long n = num(argv[i]);
		gen_init(&g, seed, nc, nw, nv, na);
		load_forms(&g);
		return selfcheck(&g, n);
	}
	if (strcmp(cmd, "db") != 0 || i >= argc)
		return usage();
	path = argv[i++];
	for (; i + 1 < argc; i += 2) {
		long v = num(argv[i + 1]);
		if (strcmp(argv[i], "--customers") == 0)
			nc = v;
		else if (strcmp(argv[i], "--orders") == 0)
			nw = v;
		else if (strcmp(argv[i], "--visits") == 0)
			nv = v;
		else if (strcmp(argv[i], "--acards") == 0)
			na = v;
		else
			return usage();
	}
	if (i != argc)
		return usage();
	if (na > nv) {
		/* a card is opened on a visit: more cards than visits would date
		 * the extra ones after the shop's today */
		fprintf(stderr, "gen: --acards %ld is more than --visits %ld: each A-card comes from a visit\n", na, nv);
		return 2;
	}
	gen_init(&g, seed, nc, nw, nv, na);
	load_forms(&g);
	/* a sample of what goes in, through the program's own rules first */
	if (selfcheck(&g, nc < 2000 ? nc : 2000) != 0)
		return 3;
	return bdb_build(&g, path);
}
