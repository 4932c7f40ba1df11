/* complaint — the small complaint record (who, what, received, handled,
 * by whom) whose handling starts the 7-day callback (a store module). */
#ifndef DESK4S_COMPLAINT_H
#define DESK4S_COMPLAINT_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/record.h"
#include "desk4s/store.h"

/* Store a "complaint" form record for the customer its cust_no names. */
enum st_status cmp_save(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz);
/* The complaint with this id, as its form has it. */
enum st_status cmp_load(struct st_db *db, int64_t id, struct rec *r, char *err, size_t errsz);
/* Write r (a complaint as cmp_load read it, r->id set, its customer
 * unchanged) back: an import's --update. */
enum st_status cmp_update(struct st_db *db, const struct rec *r, const char *staff, char *err, size_t errsz);
/* A change made at the desk to an open complaint (r as cmp_load read it,
 * r->id set): 受理时间, 受理人 and 投诉内容.  A handled one is refused.
 * base, when not NULL, is the complaint as the sheet loaded it: another
 * terminal's change since is kept where the sheet left the field alone,
 * one both changed is refused with ST_CHANGED (as cust_update_car). */
enum st_status cmp_change(struct st_db *db, struct rec *r, struct rec *base, const char *staff, char *err,
                          size_t errsz);
/* Mark complaint id handled now (DESK4S_NOW in tests) by handler with result. */
enum st_status cmp_handle(struct st_db *db, int64_t id, const char *handler, const char *result,
                          const char *staff, char *err, size_t errsz);
/* The same at the time given ("YYYY-MM-DD HH:MM", the sheet's 处理时间):
 * a complaint handled already is refused (its callback is under way). */
enum st_status cmp_handle_at(struct st_db *db, int64_t id, const char *handler, const char *at,
                             const char *result, const char *staff, char *err, size_t errsz);
/* One line of the complaint list (content cut to its first 60 characters). */
struct cmp_row {
	int64_t id;
	char cust_no[24];
	char name[128];
	char received_at[24];
	char received_by[64];
	char content[256];
	char handler[64];
	char handled_at[24];
};
/* The complaints the desk works on: the open ones, oldest first, then
 * those handled on or after since ("YYYY-MM-DD"), latest first.  Up to max
 * into rows; how many, or -1 with err. */
int cmp_list(struct st_db *db, const char *since, struct cmp_row *rows, int max, char *err, size_t errsz);
/* The customer's complaint received at this time (its id), 0 when none (an
 * import run twice does not add it again), -1 with err. */
int64_t cmp_exists(struct st_db *db, const char *cust_no, const char *received_at, char *err, size_t errsz);
#endif
