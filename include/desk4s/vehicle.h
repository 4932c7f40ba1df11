/* vehicle — a customer's further cars, as a file brings them (a store
 * module; the first car of a customer travels with the customer sheet). */
#ifndef DESK4S_VEHICLE_H
#define DESK4S_VEHICLE_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/record.h"
#include "desk4s/store.h"

/* Store a "vehicle" form record for the customer its cust_no names. */
enum st_status veh_import(struct st_db *db, struct rec *r, const char *staff, char *err, size_t errsz);
/* The car with this VIN into r (a "vehicle" form record; r->id its row,
 * cust_no its owner): 1, 0 when there is none, -1 with err. */
int veh_load_by_vin(struct st_db *db, const char *vin, struct rec *r, char *err, size_t errsz);
/* Write r over the car r->id (as veh_load_by_vin filled it); the owner
 * stays.  Logged as 修改车辆. */
enum st_status veh_update(struct st_db *db, const struct rec *r, const char *staff, char *err, size_t errsz);
/* The car vehicle_id re-registered under plate (重新上牌, or plated for the
 * first time): the plate is checked (GA 36) and stored normalised, and it
 * must not be another car's.  Logged as 修改车辆 with the old and new plate;
 * the same plate again changes nothing. */
enum st_status veh_set_plate(struct st_db *db, int64_t vehicle_id, const char *plate, const char *staff,
                             char *err, size_t errsz);
/* The car with this VIN (its id), 0 when none is registered, -1 with err
 * when the cars cannot be read. */
int64_t veh_exists(struct st_db *db, const char *vin, char *err, size_t errsz);
#endif
