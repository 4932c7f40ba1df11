/* customer — the customer master and its vehicle (the store module for the
 * customer sheet).  A struct rec of the "customer" form goes in and out;
 * the fields whose column is vehicles.* belong to the customer's vehicle. */
#ifndef DESK4S_CUSTOMER_H
#define DESK4S_CUSTOMER_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/record.h"
#include "desk4s/store.h"

/* Insert a new customer (and its vehicle when any vehicle field is filled).
 * Assigns r->id and the customer number (r's cust_no field).  incomplete is
 * 1 when required fields are still empty (legacy / import).  The caller has
 * run the rules and holds no transaction: this commits (saved = durable),
 * unless the caller opened one with st_begin (the importer batches). */
enum st_status cust_insert(struct st_db *db, struct rec *r, int incomplete,
                           const char *staff, char *err, size_t errsz);
/* The same for a batch import: no usage-log entry per customer, since the
 * import writes one entry for the whole file.  changed_at, when not NULL or
 * "", is the record's last change as the file gives it (更新时间), kept as
 * its own so that an export brought back is exported the same. */
enum st_status cust_import(struct st_db *db, struct rec *r, int incomplete,
                           const char *staff, const char *changed_at, char *err, size_t errsz);
/* Update an existing customer (r->id) and its vehicle.  The name is never
 * changed here (see cust_rename). */
enum st_status cust_update(struct st_db *db, struct rec *r, int incomplete,
                           const char *staff, char *err, size_t errsz);
/* Load customer id into r (its first vehicle's fields too). */
enum st_status cust_load(struct st_db *db, int64_t id, struct rec *r, char *err, size_t errsz);

/* Which of a customer's cars a record of the sheet speaks of.  The sheet at
 * the desk shows the first; a file's row names its car by VIN (an old
 * system's export has one row per car, the owner repeated on each). */
enum { CUST_FIRST_CAR = 0, CUST_NEW_CAR = -2, CUST_OTHERS_CAR = -3 };
/* The car of customer cust that a row with this VIN means: the id of the
 * customer's car with it; CUST_FIRST_CAR when the VIN is on no car and the
 * customer has no car or a first car without one (the row completes it);
 * CUST_NEW_CAR when it is on no car and the customer's first car has its
 * own (a further car); CUST_OTHERS_CAR when another customer's car has it;
 * -1 with err. */
int64_t cust_car_for_vin(struct st_db *db, int64_t cust, const char *vin, char *err, size_t errsz);
/* cust_load with the car: a car id of the customer's, CUST_FIRST_CAR, or
 * CUST_NEW_CAR (the car's fields left empty).  ST_NOTFOUND with err for a
 * car id that is not the customer's. */
enum st_status cust_load_car(struct st_db *db, int64_t id, int64_t car, struct rec *r, char *err, size_t errsz);
/* cust_update with the car its car fields go to: as cust_load_car, a
 * CUST_NEW_CAR inserted for the customer.  base, when not NULL, is the
 * record as a sheet loaded it (another terminal may have saved since):
 * fields the sheet left alone take the stored values (rec_merge_since, r
 * is updated), and a field both changed refuses the save with ST_CHANGED
 * naming it and its stored value; base then becomes the record as stored,
 * so that saving r again overwrites the clash on purpose.  NULL: r is
 * stored as it is (an import's merge, made from the stored record). */
enum st_status cust_update_car(struct st_db *db, struct rec *r, struct rec *base, int64_t car, int incomplete,
                               const char *staff, char *err, size_t errsz);

/* Another customer that holds this record's mobile (unless !with_mobile:
 * a number the user said is shared), ID number, VIN or (on a car) plate.
 * Returns its id (0 when none) and the key of the matching field. */
int64_t cust_find_duplicate(struct st_db *db, const struct rec *r, int with_mobile,
                            const char **which_key, char *err, size_t errsz);

/* The customer (other than `except`) whose cust_no / mobile / id_no / vin / plate (key) is
 * value: its id, and its number in cust_no; 0 when none, -1 on error. */
int64_t cust_owner(struct st_db *db, const char *key, const char *value, int64_t except,
                   char *cust_no, size_t cust_no_sz, char *err, size_t errsz);

/* A customer with exactly this mobile and this name (the same person, for
 * a record that carries no ID number or VIN; names compared as
 * txt_same_folded does): the lowest id and its number, 0 when none, -1 on
 * error. */
int64_t cust_same_person(struct st_db *db, const char *name, const char *mobile,
                         char *cust_no, size_t cust_no_sz, char *err, size_t errsz);

/* The id of the customer with this number; 0 when there is none, -1 with
 * err when the customers cannot be read (never "no such customer"). */
int64_t cust_id_of(struct st_db *db, const char *cust_no, char *err, size_t errsz);
/* A customer number as stored (C00000002) from how a spreadsheet may hold
 * it (c00000002, full width, spaces): "" when it cannot be one. */
void cust_no_normal(const char *in, char *out, size_t outsz);

/* The one customer with this mobile: its id, 0 when none or several
 * (a shared phone identifies nobody), -1 on error. */
int64_t cust_unique_mobile(struct st_db *db, const char *mobile, char *err, size_t errsz);

/* The customer a record without a customer number means (a complaint
 * book's or a car list's row: name, phone, plate).  A plate names the
 * customer whose car has it; without one found, a mobile names the one
 * customer with it, the name telling apart customers who share a phone.
 * A name alone names nobody. */
enum cust_who_found {
	CUST_WHO_NONE,       /* nobody with that plate or phone */
	CUST_WHO_ONE,        /* who: the customer */
	CUST_WHO_SEVERAL,    /* who: the first two of them, n how many (by_plate: cars with that plate) */
	CUST_WHO_OTHER_NAME, /* who: the one the plate or phone names, under another name */
};
struct cust_who {
	int n;               /* candidates: 1 for ONE and OTHER_NAME */
	int by_plate;        /* found by the plate (else by the phone) */
	int by_landline;     /* the phone was a landline, looked up in 固定电话1/2 */
	char cust_no[2][24]; /* [0] the customer; SEVERAL: the first two */
	char name[2][128];
};
/* name, phone and plate as stored (phone a mobile or a landline, each
 * normalised as its field keeps it, or the digits of a landline without
 * its area code, val_local_number; "" when the row has none); -1 with err
 * on a database error.  Of several customers with a landline, the one
 * with the number itself is meant rather than its extensions'. */
int cust_identify(struct st_db *db, const char *name, const char *phone, const char *plate, struct cust_who *who,
                  char *err, size_t errsz);

/* A car of a customer, as a line names it. */
struct cust_car {
	int64_t id;
	char plate[24];
	char model[64];
	char vin[20];
};
/* The customer's cars, the first (the one the sheet opens on) first, up
 * to max into cars: how many there are in all, 0 when none, -1 with err. */
int cust_cars(struct st_db *db, int64_t id, struct cust_car *cars, int max, char *err, size_t errsz);
/* The customer's car after car (CUST_FIRST_CAR: the first) in cust_cars's
 * order, CUST_FIRST_CAR after the last; -1 with err.  F7 goes through a
 * fleet of any size with it. */
int64_t cust_next_car(struct st_db *db, int64_t id, int64_t car, char *err, size_t errsz);
/* The place of car among customer id's cars in cust_cars's order (0: the
 * first), beyond max too; -1 when it is not the customer's. */
int cust_car_index(struct st_db *db, int64_t id, int64_t car);

/* One line of the lookup list. */
struct cust_hit {
	int64_t id;
	char cust_no[24];
	char name[128];
	char mobile[16];
	char plate[24];
	char vin[20];
	char id_no[20];
	int incomplete;
	int64_t car; /* the car the plate or VIN typed found, else CUST_FIRST_CAR */
	char landline[24]; /* the 固定电话1 or 2 a landline typed found, else "" */
};
/* Find customers as one types: mobile (any part, 3+ digits), name (prefix),
 * plate (any part), VIN (last characters), ID number, customer number.
 * Fills up to max hits; returns the count, or -1 with err. */
int cust_search(struct st_db *db, const char *query, struct cust_hit *hits, int max,
                char *err, size_t errsz);

/* Name change request (客户姓名修改申请): kind 过户 / 工作失误, a reason and
 * the approver; keeps the old name. */
enum st_status cust_rename(struct st_db *db, int64_t id, const char *new_name,
                           const char *kind, const char *reason, const char *approver,
                           const char *staff, char *err, size_t errsz);
/* Number of customers. */
int64_t cust_count(struct st_db *db);

/* A bulk load of new customers (an import into a database it at least
 * doubles), inside one transaction the caller holds: the indexes no import
 * check reads, the trigram index's and the due feed's insert triggers are
 * set aside; cust_bulk_end makes them again and adds the new customers and
 * cars to the trigram index and the feed (`today` bounds the feed) in one
 * pass each.  In between, customers are stored only through
 * cust_bulk_import (no --update, no other writer: the caller's
 * transaction holds the write lock). */
struct cust_bulk;
/* `expect`: about how many customers the load brings (sizes the mobiles
 * kept in memory; more is fine). */
struct cust_bulk *cust_bulk_begin(struct st_db *db, long expect, char *err, size_t errsz);
/* cust_import for a bulk load: all or nothing for the row without a
 * savepoint, and the new customer's mobile and plate kept for the probes. */
enum st_status cust_bulk_import(struct st_db *db, struct cust_bulk *b, struct rec *r, int incomplete,
                                const char *staff, const char *changed_at, char *err, size_t errsz);
/* The index on mobiles is set aside too: probes by mobile go through
 * cust_bulk_mobile_owner, which answers as cust_owner(db, "mobile", …)
 * does, or as cust_same_person when `name` is given: the lowest id with
 * that mobile (and name), 0 for none, -1 on a database error. */
int64_t cust_bulk_mobile_owner(struct st_db *db, const struct cust_bulk *b, const char *mobile,
                               const char *name, char *cust_no, size_t cust_no_sz, char *err,
                               size_t errsz);
/* The index on plates likewise: the customer whose car (the lowest car id)
 * has this plate, as cust_owner(db, "plate", …) answers. */
int64_t cust_bulk_plate_owner(struct st_db *db, const struct cust_bulk *b, const char *plate, char *cust_no,
                              size_t cust_no_sz, char *err, size_t errsz);
enum st_status cust_bulk_end(struct st_db *db, struct cust_bulk *b, const char *today, char *err,
                             size_t errsz);
void cust_bulk_free(struct cust_bulk *b);
/* An import's row that is customer cust (stored, nothing in it new) with a
 * car on no record: the car fields of r stored as a further car of the
 * customer.  b: the load in one go, or NULL.  No usage-log entry (the
 * import writes one for the file). */
enum st_status cust_add_car(struct st_db *db, struct cust_bulk *b, int64_t cust, const struct rec *r, char *err,
                            size_t errsz);
#endif
