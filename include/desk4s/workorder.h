/* workorder — repair orders (维修工单) in the store: opening for a known
 * vehicle, completing (stamps, 最近交易日期, the 3-day callback task),
 * cancelling, and the lists the service lane works from.  A struct rec of
 * the "workorder" form goes in and out. */
#ifndef DESK4S_WORKORDER_H
#define DESK4S_WORKORDER_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/record.h"
#include "desk4s/store.h"

/* A car as the service lane finds it. */
struct wo_vehicle {
	int64_t vehicle_id;
	int64_t customer_id;
	char cust_no[24];
	char name[128];
	char mobile[16];
	char plate[24];
	char vin[20];
	char model[64];
	int incomplete;     /* the owner lacks required fields */
};
/* Find cars by plate (prefix), VIN (whole or last characters), the owner's
 * mobile (any part) or name (prefix).  Returns the count (<= max) or -1
 * with err. */
int wo_find_vehicles(struct st_db *db, const char *query, struct wo_vehicle *out, int max,
                     char *err, size_t errsz);
/* Register a further car for an existing customer (VIN required, plate
 * optional).  A VIN already registered is refused (ST_CONSTRAINT) naming
 * the car's customer (number and name) and plate. */
enum st_status wo_add_vehicle(struct st_db *db, int64_t customer_id, const char *vin,
                              const char *plate, const char *model, int64_t *vehicle_id,
                              char *err, size_t errsz);

/* The highest mileage recorded for the car by earlier orders (0 when none):
 * a lower reading needs the advisor's confirmation.  -1 with err when the
 * orders cannot be read (a damaged file is not a car's first visit). */
long wo_car_mileage(struct st_db *db, int64_t vehicle_id, char *err, size_t errsz);
/* The same for callers with nowhere to say why (the benchmarks): -1 when
 * the orders cannot be read. */
long wo_last_mileage(struct st_db *db, int64_t vehicle_id);
/* How many orders the car has had, cancelled ones too (as its history
 * lists them), and in *cancelled how many of those were cancelled: the
 * sheet says "first order" only when there was none.  -1 with err when
 * the orders cannot be read. */
long wo_car_orders(struct st_db *db, int64_t vehicle_id, long *cancelled, char *err, size_t errsz);
/* The highest mileage of the car's orders (not cancelled) opened before
 * `before` (all of them when it is ""), by VIN: 0 when none, -1 with err
 * when the orders cannot be read.  Where either opening is a day only,
 * only an earlier day is before. */
long wo_mileage_before(struct st_db *db, const char *vin, const char *before, char *err, size_t errsz);

/* An order records its car as registered.  1 when the car with this VIN
 * is registered and plate (not empty) is not its plate — re-registered, or
 * mistyped: the screen asks which, the import warns — with the car's own
 * plate ("" when it has none) in car_plate; 0 when they agree, plate is
 * empty or no car has the VIN; -1 on a database error. */
int wo_plate_differs(struct st_db *db, const char *vin, const char *plate, char *car_plate, size_t sz);

/* Open an order for vehicle_id from r (the workorder form, already checked
 * by the rules).  Assigns the number (WOyyyymmdd-NNNN), the opening time and
 * status 在修 into r, and r->id.  An empty plate takes the car's; another
 * plate than the car's is refused (wo_plate_differs; veh_set_plate when the
 * car was re-registered).  Logged. */
enum st_status wo_open(struct st_db *db, struct rec *r, int64_t vehicle_id, const char *staff,
                       char *err, size_t errsz);
/* Load order id into r; *vehicle_id and *customer_id when non-NULL. */
enum st_status wo_load(struct st_db *db, int64_t id, struct rec *r, int64_t *vehicle_id,
                       int64_t *customer_id, char *err, size_t errsz);
/* Save the editable fields of an open order (items, promised time, note...);
 * its plate as by wo_open.  base, when not NULL, is the order as the sheet
 * loaded it: another advisor's change saved since is kept in the fields
 * the sheet left alone, and one to a field changed here too is refused
 * with ST_CHANGED naming it (base moved on, so a second save means it) —
 * as cust_update_car. */
enum st_status wo_update(struct st_db *db, struct rec *r, struct rec *base, const char *staff, char *err,
                         size_t errsz);
/* Complete: status 已完工, completion time now (DESK4S_NOW in tests) and
 * the customer's 最近交易日期; the 维修回访 task due 3 days later follows from
 * the completion time (due.h).  A completed
 * order is read-only except for its note (wo_set_note). */
enum st_status wo_complete(struct st_db *db, int64_t id, const char *staff, char *err, size_t errsz);
/* Complete with the time the car was finished (the desk asks it: a car
 * finished last night is completed in the morning), "YYYY-MM-DD HH:MM";
 * NULL or "" is now, as wo_complete.  Refused (ST_CONSTRAINT, err naming
 * 完工时间) when later than now + 5 minutes or before 开单时间.  The log
 * entry gives a time other than now (…（补记）); the callback is due 3 days
 * after it. */
enum st_status wo_complete_at(struct st_db *db, int64_t id, const char *when, const char *staff, char *err,
                              size_t errsz);
enum st_status wo_cancel(struct st_db *db, int64_t id, const char *reason, const char *staff,
                         char *err, size_t errsz);
/* Reopen a completed order (work found wanting): back to 在修, completion
 * cleared, so its callback task goes with it until it is completed again. */
enum st_status wo_reopen(struct st_db *db, int64_t id, const char *reason, const char *staff,
                         char *err, size_t errsz);
/* Take a cancelled order back (cancelled by mistake): 在修 again, its
 * cancel reason cleared; the usage log keeps it and the reason given here. */
enum st_status wo_revive(struct st_db *db, int64_t id, const char *reason, const char *staff,
                         char *err, size_t errsz);
/* The note of an order in any status.  base (NULL: none) is the order as
 * the sheet loaded it: a note another terminal saved since, that this one
 * would overwrite, is refused with ST_CHANGED naming it, base's note moved
 * on so a second save means it (as wo_update). */
enum st_status wo_set_note(struct st_db *db, int64_t id, const char *note, struct rec *base, const char *staff,
                           char *err, size_t errsz);

/* Store an order read from a file (the import): the car is found by the
 * record's VIN and must be registered; number, opening time and status are
 * kept when given (history), otherwise assigned as by wo_open; a plate
 * other than the car's is kept as the file has it (the plate of its day:
 * the import reports it) and the car's record is not changed.  A completed
 * order updates 最近交易日期 as wo_complete does, and its callback task is
 * derived the same way whether it came from the screen or a file. */
enum st_status wo_import(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz);

/* --update of an imported order: write r (as wo_load read it, r->id set,
 * the file's changes folded in) back.  Its status goes forward only (在修
 * to 已完工 or 已取消, never back: ST_CONSTRAINT with err); completed so,
 * the customer's 最近交易日期 as wo_complete.  Logged. */
enum st_status wo_import_update(struct st_db *db, const struct rec *r, const char *staff, char *err, size_t errsz);

/* A load in one go of a file that at least doubles the orders (as
 * cust_bulk_* for customers): inside the caller's transaction, the indexes
 * no probe reads and the feed's insert trigger are set aside; wo_bulk_end
 * makes them again, sets 最近交易日期 and adds the feed rows, and frees b
 * (also on failure; wo_bulk_free when the load is abandoned). */
struct wo_bulk;
int64_t wo_count(struct st_db *db);
struct wo_bulk *wo_bulk_begin(struct st_db *db, char *err, size_t errsz);
enum st_status wo_bulk_import(struct st_db *db, struct wo_bulk *b, struct rec *r, char *err, size_t errsz);
enum st_status wo_bulk_end(struct st_db *db, struct wo_bulk *b, const char *today, char *err, size_t errsz);
void wo_bulk_free(struct wo_bulk *b);

/* The order with this number (its id), 0 when none, -1 with err when the
 * orders cannot be read. */
int64_t wo_exists(struct st_db *db, const char *wo_no, char *err, size_t errsz);
/* The order (its id) the car with this VIN opened at this minute (the
 * same order, when a file brings it without its number) — or, opened_at
 * a day only, the car's nth order (1, 2, …, by id) kept with that day
 * only — 0 when none, -1 with err. */
int64_t wo_exists_at(struct st_db *db, const char *vin, const char *opened_at, long nth, char *err, size_t errsz);

/* One line of an order list. */
struct wo_row {
	int64_t id;
	char wo_no[24];
	char opened_at[20];
	char promised_at[20];
	char completed_at[20];
	char status[16];
	char work_type[24];
	char plate[24];
	char vin[20];
	char name[128];
	char advisor[64];
	long mileage;
	int late;           /* open and past its promised time */
};
enum wo_list_kind {
	WO_IN_SHOP,         /* open orders, by promised time */
	WO_DONE_TODAY,      /* completed today */
	WO_HISTORY          /* one car's orders, newest first */
};
/* Fill up to max rows; returns the count, or -1 with err when the orders
 * cannot be read (a damaged file too: never an empty list).  vehicle_id
 * only for WO_HISTORY. */
int wo_list(struct st_db *db, enum wo_list_kind kind, int64_t vehicle_id, struct wo_row *out,
            int max, char *err, size_t errsz);
#endif
