/* due — follow-up tasks that fall due (SHEETS.md §5), derived from dates on
 * read rather than fired by a scheduler, so a day the program was not run
 * loses nothing.  What is stored is only a task's state once somebody acted
 * on it (closed, rescheduled) and the "stop reminding" choices.
 *
 * Kinds, their due date and when an open task drops off as missed:
 *   A卡回访   the card's 下次回访 date; carried forward while the card is active
 *             (a prospect, not yet a customer: cust_no holds the card number)
 *   维修回访  repair order completed + 3 days; missed 15 days after due
 *   交车回访  car delivered + 7 days (with the 首保 reminder); missed 30 days after
 *   投诉回访  complaint handled + 7 days; missed 30 days after
 *   保险到期  30 days before the vehicle's 保险到期; missed on the expiry date
 *   年审到期  30 days before the vehicle's 年审到期; missed on the expiry date
 *   生日      the birthday (29 Feb → 28 Feb in other years), only with the
 *             customer's consent to marketing; missed 7 days after
 *   档案上传  a new-car sale archive (is_sale 是, not returned) into the
 *             manufacturer's DCS: due min(交车日期 + 3 days, that month's last
 *             day), after which DCS refuses it; listed from the delivery day
 *             (not only once due), missed 30 days after.  The desk's work
 *             (负责人 前台); the reason names what the archive lacks. */
#ifndef DESK4S_DUE_H
#define DESK4S_DUE_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/fdef.h"
#include "desk4s/store.h"

#define DUE_KINDS 8
/* The kinds in display order, and 1 when name is one of them. */
const char *const *due_kinds(void);
int due_is_kind(const char *name);

struct due_filter {
	char from[11];       /* YYYY-MM-DD: tasks due on or before `to` that are */
	char to[11];         /* still open and not missed as of `from` */
	const char *kind;    /* NULL: all kinds */
	/* NULL: everybody; else the tasks whose 负责人 is this name, compared
	 * as ownership is everywhere (txt_same_folded: full- or half-width,
	 * spaces around it), since names are typed or imported as written */
	const char *staff;
	/* non-zero with staff: also the tasks with no 负责人, which are
	 * anyone's to take (a consultant's own view) */
	int with_unassigned;
	/* non-NULL: of the A-card calls only this consultant's (compared as
	 * staff is) — a role that sees its own cards only sees no one else's
	 * prospects here either */
	const char *acards_of;
	/* non-zero: no 档案上传 tasks (a role whose work they are not) */
	int no_archives;
	/* the archive's form (forms/archive.csv), or NULL: an 档案上传 task's
	 * reason then names what its rules find missing or wrong, as
	 * `export archive` does */
	const struct fdef_form *archive;
	/* non-zero: the shop's archive form could not be read; the archives
	 * are listed all the same, their reason saying they went unchecked */
	int archive_unread;
};
/* The day an archive delivered on `delivery` (YYYY-MM-DD) must be in DCS
 * by, into out; 0, or -1 when delivery is not a date. */
int due_archive_deadline(const char *delivery, char out[11]);

struct due_task {
	char kind[16];
	int64_t source_id;   /* the card, order, vehicle, complaint or customer */
	char cycle[12];      /* birthdays: the year; A-cards: the planned date; else "" */
	char due_date[11];
	int overdue_days;    /* days between due_date and `from`, 0 when not overdue */
	char staff[64];
	char reason[160];
	char cust_no[24];
	char name[128];
	char mobile[16];
	char plate[24];
};

/* Called once per task in due-date order, then kind, then the order of
 * the source records (orders by completion time, cars and birthdays by
 * date, ties by record); a non-zero return stops the listing.  The tasks
 * are streamed, not collected: memory does not grow with the list. */
typedef int (*due_fn)(const struct due_task *t, void *ctx);
/* Returns the number of tasks listed, or -1 with err. */
long due_list(struct st_db *db, const struct due_filter *f, due_fn fn, void *ctx, char *err, size_t errsz);

/* due_feed (schema 0011) keeps every open task a record implies; triggers
 * keep it current.  Prune drops rows of tasks that expired more than a
 * year before `today` (an import of old history adds many); rebuild fills
 * it afresh from the records (after a bulk load that bypassed the
 * triggers).  `today` is YYYY-MM-DD. */
enum st_status due_feed_prune(struct st_db *db, const char *today, char *err, size_t errsz);
enum st_status due_feed_rebuild(struct st_db *db, const char *today, char *err, size_t errsz);
/* The feed rows of the cars from vehicle id `from_id` on, for a bulk load
 * that set the vehicles' insert trigger aside. */
enum st_status due_feed_add_vehicles(struct st_db *db, int64_t from_id, const char *today, char *err,
                                     size_t errsz);
/* The feed rows of the repair orders from id `from_id` on and of their
 * cars (insurance and inspection name the latest order's advisor), for a
 * load that set the orders' insert trigger aside. */
enum st_status due_feed_add_orders(struct st_db *db, int64_t from_id, const char *today, char *err,
                                   size_t errsz);

enum due_result { DUE_REACHED, DUE_NOT_REACHED, DUE_REFUSED };
/* Close one task with a result and what was said. */
enum st_status due_close(struct st_db *db, const char *kind, int64_t source_id, const char *cycle,
                         enum due_result result, const char *said, const char *staff,
                         char *err, size_t errsz);
/* 0 when new_date is a day a task may be moved to (today or later), else
 * -1 with why in err; due_reschedule checks it, and so does the A卡
 * path, which moves the card's own plan instead. */
int due_new_date_ok(const char *new_date, char *err, size_t errsz);
/* Move a task (typically one not reached) to another day; it is open again. */
enum st_status due_reschedule(struct st_db *db, const char *kind, int64_t source_id, const char *cycle,
                              const char *new_date, const char *staff, char *err, size_t errsz);
/* Stop reminding this customer of this kind, with a reason (distinct from
 * closing one task); due_resume undoes it. */
enum st_status due_stop(struct st_db *db, int64_t customer_id, const char *kind, const char *reason,
                        const char *staff, char *err, size_t errsz);
enum st_status due_resume(struct st_db *db, int64_t customer_id, const char *kind, const char *staff,
                          char *err, size_t errsz);
#endif
