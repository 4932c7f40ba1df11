/* retention — keeping and destroying customers (a store module).
 *
 * The rule (SHEETS.md §6): records are kept 5 years past the last repair,
 * or 5 years from creation when the car has not been serviced in 3 years.
 * Read so that neither rule destroys early, a customer is due when 5 years
 * have passed since the latest of: creation, the last repair order (its
 * completion, else its opening), the last sale (delivery or deal date);
 * with no service for 5 years the 3-year condition holds as well.  A
 * customer with an open repair order is never due.  Due on the anniversary
 * itself (2021-03-01 is due on 2026-03-01).
 *
 * Destroying = anonymising: the personal data goes, the customer number
 * stays (so the usage log's entries still point somewhere), and the
 * destruction itself is logged.  The same happens when a customer asks to
 * be deleted (ret_anonymise with their reason). */
#ifndef DESK4S_RETENTION_H
#define DESK4S_RETENTION_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/store.h"

struct staff_me;

enum { RET_YEARS = 5 };
#define RET_ANON_NAME "已注销客户"

struct ret_due {
	int64_t id;
	const char *cust_no, *name;
	const char *last;   /* the date the period runs from */
	const char *basis;  /* what that date is: 建档, 最后维修, 最后成交 */
	const char *due;    /* last + 5 years */
};
/* Customers due for destruction as of as_of ("YYYY-MM-DD"; NULL: today),
 * oldest due first.  Needs 删除 (the manager decides). */
enum st_status ret_list(struct st_db *db, struct staff_me *me, const char *as_of,
                        int (*cb)(void *ctx, const struct ret_due *d), void *ctx,
                        char *err, size_t errsz);
/* The date customer cust_no falls due into due (11 bytes): ST_OK, or
 * ST_NOTFOUND; "" when never (an open repair order, already anonymised). */
enum st_status ret_due_date(struct st_db *db, const char *cust_no, char *due, size_t duesz,
                            char *err, size_t errsz);

/* Remove a customer's personal data (needs 删除; reason required):
 *   - the customer row: name becomes 已注销客户, every other column that
 *     is not the number, nature, category, source, business dates or
 *     bookkeeping becomes empty (columns added later are emptied too);
 *   - their walk-in records and A-cards (linked, or with the same mobile):
 *     names, mobiles, addresses, notes; A-card visit notes; complaint
 *     texts; name-change requests; follow-up results and stop reasons;
 *     unsaved drafts of the record;
 *   - kept: the customer number, the vehicles and repair orders (the car's
 *     history serves warranty and recalls, and closed orders are
 *     read-only), and the usage log, whose details hold no whole mobile or
 *     ID number (audit.h).
 * destroy: 1 for retention (logged 销毁客户, refused unless due as of
 * today), 0 for the customer's own request (logged 注销客户). */
enum st_status ret_anonymise(struct st_db *db, struct staff_me *me, const char *cust_no,
                             const char *reason, int destroy, char *err, size_t errsz);
#endif
