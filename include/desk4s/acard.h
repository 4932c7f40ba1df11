/* acard — A卡 (预购客户管理卡) in the store: numbering, intent levels read
 * from the intent_levels table (never from code), follow-up records, the
 * manager's review, closing as 成交 or 战败, and the lists consultants and
 * the manager work from.  Records of the "acard" and "followup" forms go in
 * and out; the caller has run rules_check on them first. */
#ifndef DESK4S_ACARD_H
#define DESK4S_ACARD_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/fdef.h"
#include "desk4s/record.h"
#include "desk4s/store.h"

/* ---- intent levels (data: brands define them differently) ---- */

struct acard_level {
	char code[8];         /* "H" */
	char meaning[96];     /* "7日内购车" */
	int buy_within;       /* days, 0 when the level has none (O) */
	int interval_days;    /* follow up every so many days */
	int ordered;          /* 1: the customer has ordered (card becomes 已订车) */
};
/* The shop's levels in their display order; returns the count (<= max) or -1. */
int acard_levels(struct st_db *db, struct acard_level *out, int max, char *err, size_t errsz);
/* Make the pick list of the form's level field (acard: level, followup:
 * level_after) the table's codes, so the rules engine and the screen offer
 * what the shop defined.  Call after loading either form. */
enum st_status acard_levels_apply(struct st_db *db, struct fdef_form *form, char *err, size_t errsz);
/* The next follow-up date a level suggests: from ("YYYY-MM-DD") + the
 * level's interval, into out (11 bytes).  ST_NOTFOUND for an unknown level. */
enum st_status acard_suggest_next(struct st_db *db, const char *level, const char *from,
                                  char *out, size_t outsz, char *err, size_t errsz);

/* ---- the card ---- */

/* Defaults of a new card: 建卡日期 and 首次接待日期 today (when empty). */
void acard_defaults(struct rec *r);
/* Create the card from r: number A+yyyymmdd+-NNNN by 建卡日期 (kept when r
 * brings one, as an import does), status 跟进中 (已订车 at an ordered
 * level), and the level's suggested 下次回访计划 when empty.  Fills r's
 * card_no, status, next_date and r->id.  Logged. */
enum st_status acard_create(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz);
/* Save an edited card (r->id).  Number, dates of creation, status, review
 * and closing are the system's and are kept; a closed card is refused.
 * base, when not NULL, is the card as the sheet loaded it: what another
 * terminal saved since is kept in the fields the sheet left alone, and a
 * field both changed refuses the save with ST_CHANGED naming it (base moved
 * on, so a second save means it) — as cust_update_car. */
enum st_status acard_update(struct st_db *db, struct rec *r, struct rec *base, const char *staff, char *err,
                            size_t errsz);
enum st_status acard_load(struct st_db *db, int64_t id, struct rec *r, char *err, size_t errsz);
enum st_status acard_load_no(struct st_db *db, const char *card_no, struct rec *r, char *err, size_t errsz);
/* The card with this number (its id), 0 when none, -1 with err when the
 * cards cannot be read (never "none"). */
int64_t acard_exists(struct st_db *db, const char *card_no, char *err, size_t errsz);
/* The card (its id) for this name and mobile opened on this date (the same
 * card, when a file brings it without its number; mobile "" for a card
 * stored without one), 0 when none, -1 with err. */
int64_t acard_exists_for(struct st_db *db, const char *name, const char *mobile, const char *created_date,
                         char *err, size_t errsz);

/* An active card (跟进中, 已订车) with this mobile, the oldest: its id, its
 * number and consultant; 0 when none, -1 with err.  Two consultants' cards
 * for one prospect are a dispute over the sale (撞单), so an import reports
 * one and the sheet asks. */
/* The card that followed this mobile on day (YYYY-MM-DD): begun on or
 * before it (its 首次接待日期 or 建卡日期) and not ended before it (active
 * still, closed that day or later, or — ended by a file without a day —
 * its last call on record that day or later), the latest made: its id,
 * number and consultant; 0 when none, -1 with err.  What the desk would
 * have linked a walk-in of that day to. */
int64_t acard_following_on(struct st_db *db, const char *mobile, const char *day, char *card_no, size_t nosz,
                           char *consultant, size_t csz, char *err, size_t errsz);
int64_t acard_active_for(struct st_db *db, const char *mobile, char *card_no, size_t nosz, char *consultant,
                         size_t csz, char *err, size_t errsz);
/* ---- follow-up records (访问记录) ---- */

/* Add f (the followup form) to its card: the card takes the record's level
 * and its 下次回访 (given, else the level's suggestion from the record's
 * date), and the status that level implies (已订车 / 跟进中).  A record
 * dated before the card's newest one is kept as history and changes
 * nothing on the card.  Refused for a missing or closed card.  Logged. */
enum st_status acard_add_followup(struct st_db *db, struct rec *f, const char *staff, char *err,
                                  size_t errsz);

struct acard_fu_row {
	int64_t id;
	char fu_date[11];
	char method[16];
	char content[512];    /* cut at a character boundary; load the record for all of it */
	char objection[256];
	char level_after[8];
	char next_date[11];
	char staff[64];
};
/* A card's records, newest first; returns the count (<= max) or -1. */
int acard_followups(struct st_db *db, const char *card_no, struct acard_fu_row *out, int max,
                    char *err, size_t errsz);
enum st_status acard_followup_load(struct st_db *db, int64_t id, struct rec *f, char *err, size_t errsz);

/* ---- review and closing ---- */

/* Sign the card: reviewer (the name signed), now, and a comment (required:
 * an empty review is the weak spot the regulation names).  Logged under
 * staff, the account that signed. */
enum st_status acard_review(struct st_db *db, const char *card_no, const char *reviewer,
                            const char *comment, const char *staff, char *err, size_t errsz);
/* The same from a sheet: base is the card as it showed it and last_fu the
 * newest 访问记录 id it listed (0: none).  A record added since, or the card
 * saved or reviewed since, is refused with ST_CHANGED saying so, so
 * the manager reads it before signing: the review would otherwise cover it
 * and take the card off 待审核.  base NULL checks the records alone;
 * last_fu < 0 checks nothing (acard_review). */
enum st_status acard_review_seen(struct st_db *db, const char *card_no, const struct rec *base, int64_t last_fu,
                                 const char *reviewer, const char *comment, const char *staff, char *err,
                                 size_t errsz);
/* 成交: status 成交, closed now.  The card then prefills the customer sheet. */
enum st_status acard_close_won(struct st_db *db, const char *card_no, const char *staff,
                               char *err, size_t errsz);
/* 成交 by a customer already on file (an owner buying again): the card
 * linked to customer_id and closed in one transaction. */
enum st_status acard_close_won_by(struct st_db *db, const char *card_no, int64_t customer_id, const char *staff,
                                  char *err, size_t errsz);
/* 战败 with its reason (required). */
enum st_status acard_close_lost(struct st_db *db, const char *card_no, const char *reason,
                                const char *staff, char *err, size_t errsz);
/* A 战败 card whose prospect has come back follows on (跟进中) with its
 * next call (today or later) and why, both required; the reason it was
 * lost stays in the usage log.  Refused while another card follows the
 * same mobile (the prospect is that card's). */
enum st_status acard_reopen(struct st_db *db, const char *card_no, const char *next_date, const char *why,
                            const char *staff, char *err, size_t errsz);

/* Fill the empty fields of a customer-form record from card card_no (for
 * 潜客编号): prospect_no, nature 个人, name, sex, mobile, address, industry,
 * purpose, age band, source, and the car wanted (model, colour, config,
 * payment, consultant) with 新车销售建档 是 when the card is 成交.  Values
 * the customer sheet has no choice for are left for the staff member. */
enum st_status acard_prefill_customer(struct st_db *db, const char *card_no, struct rec *cust,
                                      char *err, size_t errsz);
/* The customer registered from card card_no (acard_link_customer): its
 * id, 0 when none yet, -1 on error. */
int64_t acard_customer_of(struct st_db *db, const char *card_no, char *err, size_t errsz);
/* Whether card card_no was registered as a customer other than customer_id
 * (0: any): 1 with who = "客户编号 姓名", 0 if not, -1 with err. */
int acard_held_by(struct st_db *db, const char *card_no, int64_t customer_id, char *who, size_t whosz, char *err,
                  size_t errsz);
/* Record that customer_id was registered from the card; refused when the
 * card is another customer's already.  Logged. */
enum st_status acard_link_customer(struct st_db *db, const char *card_no, int64_t customer_id,
                                   const char *staff, char *err, size_t errsz);

/* ---- lists ---- */

struct acard_row {
	int64_t id;
	char card_no[24];
	char name[128];
	char mobile[16];
	char consultant[64];
	char level[8];
	char next_date[11];
	char status[16];
	char created_date[11];
	char review_at[20];
	int overdue;          /* active and 下次回访计划 before today */
};
/* Active cards (跟进中, 已订车) by 下次回访计划, overdue first; either
 * filter may be NULL or "" for all. */
struct acard_filter {
	const char *consultant;
	const char *level;
};
/* Rows offset.. of the list (up to max); returns the count or -1.  Paged
 * on an index, so a list of tens of thousands scrolls. */
int acard_list(struct st_db *db, const struct acard_filter *f, long offset, struct acard_row *out,
               int max, char *err, size_t errsz);
/* How many rows acard_list has for f (-1 on error). */
long acard_count(struct st_db *db, const struct acard_filter *f, char *err, size_t errsz);

/* Cards awaiting the manager's review: never reviewed, or a follow-up
 * record added, or the card closed, after the last review.  Oldest card
 * first. */
int acard_awaiting_review(struct st_db *db, long offset, struct acard_row *out, int max,
                          char *err, size_t errsz);
/* How many cards acard_awaiting_review lists (-1 on error). */
long acard_awaiting_count(struct st_db *db, char *err, size_t errsz);
/* Whether card id is one acard_awaiting_review lists: 1, 0 (its review
 * covers it), -1 on error. */
int acard_awaits_review(struct st_db *db, int64_t id, char *err, size_t errsz);

/* Ended cards (成交, 战败), the latest closed first, consultant's only when
 * given — with the cards closed under the account's earlier names, and
 * without those of an earlier holder of a name given up; next_date holds
 * the day it ended.  Paged on an index. */
int acard_closed_list(struct st_db *db, const char *consultant, long offset, struct acard_row *out, int max,
                      char *err, size_t errsz);
long acard_closed_count(struct st_db *db, const char *consultant, char *err, size_t errsz);
/* The consultant card id is now: an ended card's under the name its
 * account has now when the name it was closed under was given up since
 * (`user name`), else the name the card holds; "" when there is no such
 * card.  0, or -1 with err. */
int acard_consultant_now(struct st_db *db, int64_t id, char *name, size_t namesz, char *err, size_t errsz);

/* The manager's grid: active cards per consultant and level. */
struct acard_tally {
	char consultant[64];
	char level[8];
	long cards;
	long overdue;
};
/* By consultant, then level in the table's order; returns the count or -1. */
int acard_tallies(struct st_db *db, struct acard_tally *out, int max, char *err, size_t errsz);

/* ---- import ---- */

/* Store a card read from a file: as acard_create, keeping a given number,
 * status, review and closing (history), and without a log entry per card
 * (the import logs the batch). */
enum st_status acard_import(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz);
/* Store a follow-up record read from a file: its card must exist; the card
 * is left as the file of cards has it (history). */
enum st_status acard_import_followup(struct st_db *db, struct rec *f, const char *staff, char *err,
                                     size_t errsz);
/* --update: the stored card r->id takes r, a row of a card list exported
 * again (levels moved on, cards ended).  Number and 建卡日期 are kept; a
 * card already ended is refused; an active one takes the status its level
 * implies, or ends as the file says (成交, or 战败 with its reason). Logged. */
enum st_status acard_import_update(struct st_db *db, const struct rec *r, const char *staff, char *err,
                                   size_t errsz);
/* --update: the stored follow-up record f->id takes f; the card is left as
 * the file of cards has it, as for a record imported new.  Logged. */
enum st_status acard_import_followup_update(struct st_db *db, const struct rec *f, const char *staff,
                                            char *err, size_t errsz);
/* The same record (card, date, method, content) already stored (its id),
 * 0 when none: the duplicate key of a re-run.  -1 with err. */
int64_t acard_followup_exists(struct st_db *db, const struct rec *f, char *err, size_t errsz);
#endif
