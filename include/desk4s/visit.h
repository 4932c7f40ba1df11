/* visit — the walk-in and phone-call log (来店(电)客户信息登记表) in the
 * store: every visit or call, also without contact details; the day's list
 * with the ones still in the showroom marked; the mobile that links an
 * entry to a customer or an A-card; and an entry turned into an A-card.
 * A struct rec of the "visit" form goes in and out, checked by the rules
 * engine first. */
#ifndef DESK4S_VISIT_H
#define DESK4S_VISIT_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/record.h"
#include "desk4s/store.h"

/* A new entry: 到店时间 now and 来电或到店 到店, when empty. */
void visit_defaults(struct rec *r);
/* Insert (r->id == 0) or update the entry.  到店时间 defaults to now.  A
 * mobile links the entry to its customer and to an active A-card (a repeat
 * visitor goes to the consultant already handling them).  Assigns r->id
 * and r's acard_no.  Logged.  base, for an update, when not NULL: the
 * entry as the sheet loaded it — what another terminal saved since (离店
 * from the list) is kept in the fields the sheet left alone, a field both
 * changed refuses the save with ST_CHANGED (as cust_update_car). */
enum st_status visit_save(struct st_db *db, struct rec *r, struct rec *base, const char *staff, char *err,
                          size_t errsz);
enum st_status visit_load(struct st_db *db, int64_t id, struct rec *r, char *err, size_t errsz);
/* 离店: stamp 离店时间 now; refused when the entry already has one, and for
 * an entry of an earlier day (its leave time is typed).  Logged. */
enum st_status visit_leave(struct st_db *db, int64_t id, const char *staff, char *err, size_t errsz);

/* One line of the day's list. */
struct visit_row {
	int64_t id;
	char arrive_at[20];
	char leave_at[20];
	char visit_kind[8];
	char cust_name[128];
	char mobile[16];
	char phone[24];       /* 固定电话 */
	char intent_model[64];
	char info_source[32];
	char consultant[64];
	char test_drive[8];
	char acard_no[24];
	int open;             /* no 离店时间 yet */
};
/* Entries that arrived on date ("YYYY-MM-DD"; NULL or "" for today), by
 * arrival; returns the count (<= max) or -1. */
int visit_list(struct st_db *db, const char *date, struct visit_row *out, int max,
               char *err, size_t errsz);

/* Whom a mobile belongs to, as the receptionist types it. */
struct visit_owner {
	int64_t customer_id;  /* 0 when no customer has it */
	char cust_no[24];
	char cust_name[128];
	char card_no[24];     /* "" when no A-card has it; an active card before a closed one */
	char card_name[128];
	char card_consultant[64];
	char card_status[16];
};
enum { VISIT_CUSTOMER = 1, VISIT_ACARD = 2 };
/* VISIT_CUSTOMER | VISIT_ACARD for what was found (0 none), -1 on error. */
int visit_lookup_mobile(struct st_db *db, const char *mobile, struct visit_owner *out,
                        char *err, size_t errsz);
/* The customer a landline (固定电话, as typed or stored) belongs to, into
 * out's customer fields: the one customer with it (the number itself
 * before its extensions, cust_identify; of several, the one named name).
 * VISIT_CUSTOMER or 0 (none, several, not a landline), -1 on error.  An
 * A-card keeps a mobile only: no card is found so. */
int visit_lookup_phone(struct st_db *db, const char *phone, const char *name, struct visit_owner *out,
                       char *err, size_t errsz);

/* Fill a new "acard" record from entry visit_id: 姓名, 联系电话, 信息来源,
 * 销售顾问, 欲购车型 (意向车型), 首次接待日期 (the arrival date), 首次接待概况
 * (沟通概况), 建卡日期 today; the entry's landline as 其他联系方式.  The
 * level is the consultant's to choose.  An entry of a customer on file
 * adds what their record says (性别, 年龄, 地址, 行业, 购车用途, the car
 * driven now) where the entry left it empty; whose into who ("客户编号
 * 姓名", "" for none; who may be NULL).  Refused when the entry already
 * has a card. */
enum st_status visit_fill_acard(struct st_db *db, int64_t visit_id, struct rec *card, char *who, size_t whosz,
                                char *err, size_t errsz);
/* Create the card (acard_create) and link the entry to it, in one
 * transaction.  Logged. */
enum st_status visit_to_acard(struct st_db *db, int64_t visit_id, struct rec *card, const char *staff,
                              char *err, size_t errsz);

/* An entry without a card whose mobile an active card now follows (a lost
 * card reopened for this walk-in) is linked to it: its number into
 * card_no ("" when nothing was linked).  Logged. */
enum st_status visit_link_card(struct st_db *db, int64_t visit_id, const char *staff, char *card_no, size_t nosz,
                               char *err, size_t errsz);

/* Store an entry read from a file (history): as visit_save's insert,
 * keeping a given A卡编号 (which must exist), without a log entry per row
 * (the import logs the batch). */
enum st_status visit_import(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz);
/* --update: the stored entry r->id takes r, as a save at the desk does
 * (the A-card link stays the system's).  Logged as 修改来店登记. */
enum st_status visit_import_update(struct st_db *db, const struct rec *r, const char *staff, char *err,
                                   size_t errsz);
/* The entry (its id) with the same arrival, kind, consultant, name and
 * mobile, 0 when none: the duplicate key of a re-run.  -1 with err. */
int64_t visit_exists(struct st_db *db, const struct rec *r, char *err, size_t errsz);

/* The 销售顾问 the screen offers (up to max, 64 bytes each): the names of
 * the enabled 销售顾问 accounts first, then other names on cards and on
 * the last 180 days' entries (consultants without an account), leaving out
 * the names of disabled accounts.  Returns the count or -1. */
int visit_consultants(struct st_db *db, char (*out)[64], int max, char *err, size_t errsz);
#endif
