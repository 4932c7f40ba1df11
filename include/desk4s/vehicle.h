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
/* 1 when a car with this VIN is registered. */
int veh_exists(struct st_db *db, const char *vin);
#endif
