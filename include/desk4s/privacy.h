/* privacy — the customer's rights (a store module): consent to data
 * collection and to marketing contact, each recorded with its date, and a
 * copy of everything held about one customer.  Correction goes through the
 * ordinary change (cust_update, logged field by field); deletion is
 * ret_anonymise (retention.h). */
#ifndef DESK4S_PRIVACY_H
#define DESK4S_PRIVACY_H
#include <stdio.h>
#include "desk4s/fdef.h"
#include "desk4s/store.h"

struct staff_me;

struct priv_consent {
	char consent_at[20];  /* when they agreed to collection, "" if not recorded */
	char marketing_ok[8]; /* 是 / 否 / "" */
	char marketing_at[20];
};
enum st_status priv_get(struct st_db *db, const char *cust_no, struct priv_consent *out, char *err,
                        size_t errsz);
/* Record consent (yes: now; no: withdrawn, cleared) / marketing agreement
 * (是 or 否 with the date).  Needs 修改; logged as 修改客户.  Marketing
 * lists (birthdays, holidays) take only marketing_ok = 是 and customers not
 * anonymised. */
enum st_status priv_set_consent(struct st_db *db, struct staff_me *me, const char *cust_no, int yes,
                                char *err, size_t errsz);
enum st_status priv_set_marketing(struct st_db *db, struct staff_me *me, const char *cust_no, int yes,
                                  char *err, size_t errsz);

/* Write everything held about the customer to out as readable text: the
 * record, vehicles, walk-ins, A-cards and their visits, repair orders,
 * complaints, name changes, follow-ups, and the usage-log entries about
 * them.  forms (NULL-terminated, may be NULL) give the Chinese labels.
 * Needs 导出; mobiles and ID numbers are masked unless the role may see
 * them whole; logged as 导出 with file, the path out is written to (NULL:
 * standard output). */
enum st_status priv_export(struct st_db *db, struct staff_me *me, const char *cust_no,
                           const struct fdef_form *const *forms, FILE *out, const char *file, char *err,
                           size_t errsz);
#endif
