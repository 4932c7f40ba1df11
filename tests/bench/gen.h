/* gen — deterministic, realistic shop data for benchmarks, the load test
 * and the fault tests (test tooling, not program code).  Record i of a
 * kind is a pure function of (seed, i): the CSV writer, the database
 * writer and the benchmark that looks records up all regenerate the same
 * values without sharing any state but the seed and the sizes. */
#ifndef DESK4S_BENCH_GEN_H
#define DESK4S_BENCH_GEN_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/fdef.h"
#include "desk4s/record.h"

/* The data ends on this day: everything lies before it, so the rules'
 * "not in the future" holds whenever the benchmark runs. */
#define GEN_REF_DATE "2026-11-20"
/* The month whose due list the benchmark prints. */
#define GEN_DUE_FROM "2026-11-01"
#define GEN_DUE_TO "2026-11-30"

struct gen {
	uint64_t seed;
	long ncust, nwo, nvisit, nacard;
	int ref_day;          /* days since 1970-01-01 of GEN_REF_DATE */
	int cust_first_day;   /* first registration day */
	int wo_first_day, visit_first_day;
	int visit_per_card;   /* every visit_per_card-th visit opens an A-card */
	const struct fdef_form *customer, *workorder, *visit, *acard, *followup;
};

/* Facts of customer i that other records depend on. */
struct gen_core {
	int company;       /* 单位 rather than 个人 */
	int legacy;        /* an old record lacking required values (incomplete) */
	int archive;       /* the car was sold here (新车销售建档 = 是) */
	int since_day;     /* registered / car delivered (days since 1970) */
	int km_per_day;    /* how fast the odometer grows */
};

/* Forms are loaded by the caller (fdef_load) and kept for the run. */
void gen_init(struct gen *g, uint64_t seed, long ncust, long nwo, long nvisit, long nacard);

void gen_core(const struct gen *g, long i, struct gen_core *c);
/* The customer sheet of customer i (cust_no and last_deal_date left empty).
 * *incomplete tells whether required values are missing on purpose. */
void gen_customer(const struct gen *g, long i, struct rec *r, int *incomplete);
/* Key values only, cheap: for lookups. */
void gen_cust_mobile(const struct gen *g, long i, char out[12]);
void gen_cust_vin(const struct gen *g, long i, char out[18]);
void gen_cust_plate(const struct gen *g, long i, char *out, size_t outsz);
void gen_cust_name(const struct gen *g, long i, char *out, size_t outsz);

/* Repair order j: its day and vehicle (= customer index), and the sheet.
 * completed_day is -1 while in the shop or cancelled. */
struct gen_wo { long cust; int day; int completed_day; };
void gen_wo_core(const struct gen *g, long j, struct gen_wo *w);
void gen_workorder(const struct gen *g, long j, struct rec *r);

/* Visit j and, when it opened one, its A-card (card index k = j / per). */
void gen_visit(const struct gen *g, long j, struct rec *r, long *linked_cust);
int gen_visit_has_card(const struct gen *g, long j);
void gen_card_no(const struct gen *g, long k, char out[24]);
/* The card sheet (status and review filled) and its closing time. */
void gen_acard(const struct gen *g, long k, struct rec *r, char closed_at[20]);
/* Follow-up records of card k: how many, and record m. */
int gen_followups(const struct gen *g, long k);
void gen_followup(const struct gen *g, long k, int m, struct rec *r);

/* A new customer for write tests: index i beyond the generated shop gives
 * unique keys (mobile, ID number, VIN) too. */

/* Dates. */
int gen_days(int y, int m, int d);
void gen_date(int day, char out[11]);

/* Values for the rules: 0 when r passes rules_check(RP_SAVE) with no
 * blocking problem except, when allowed_required, required ones.  msg
 * gets the first problem. */
int gen_check(struct rec *r, int allowed_required, char *msg, size_t msgsz);
#endif
