/* ui_customer — the customer registration sheet (客户档案登记表): new or an
 * existing customer, saving through the rules, the duplicate offer and the
 * name-change request. */
#ifndef DESK4S_UI_CUSTOMER_H
#define DESK4S_UI_CUSTOMER_H
#include <stdint.h>
#include "desk4s/draft.h"
#include "desk4s/ui_app.h"

/* Run the sheet for customer id (0: a new customer) until the user leaves. */
void uicu_run(struct uia *a, int64_t id);
/* The sheet of customer id on car (a car id of the customer's, or
 * CUST_FIRST_CAR): the car the lookup found by its plate or VIN. */
void uicu_run_car(struct uia *a, int64_t id, int64_t car);
/* The sheet opened from draft d (ui_draft): the stored customer
 * d->record_id, or a new one, with the draft's values unsaved. */
void uicu_run_draft(struct uia *a, const struct draft *d);
/* uicu_run with said on the message line as the sheet opens (why it
 * opened: an A-card just won by this customer). */
void uicu_run_said(struct uia *a, int64_t id, const char *said);
/* A new customer filled from A-card card_no through 潜客编号 (成交); its
 * save links the card to the customer. */
void uicu_run_prospect(struct uia *a, const char *card_no);
/* A new sheet with what a lookup that found nobody was given (a mobile,
 * a plate, a VIN, a landline or a name) in its field. */
void uicu_run_new_from(struct uia *a, const char *typed);
/* The same for a lookup that picks a customer (uilk_pick): the sheet
 * closes once saved, the empty important fields asked for as on any
 * save; msg: the message shown first.  Returns the new customer's id, 0
 * when the user left without saving. */
int64_t uicu_run_new_pick(struct uia *a, const char *typed, const char *msg);
/* The sheet as a repair order needs it (SHEETS.md rule 2).  id 0: a new
 * customer, with typed (may be NULL), what was typed to find the car, in
 * its field as uicu_run_new_from places it (a mobile, a plate, a VIN…).  car: the order's car, whose fields the sheet shows and
 * saves (a customer's second car is not the first's), or CUST_FIRST_CAR.  fields (n of them, customer-form indexes): the empty ones
 * to fill, marked, the cursor on the first and Tab moving among them only.
 * msg: the message shown first.  Returns the customer's id once saved (the
 * sheet closes at once), 0 when the user left without saving. */
int64_t uicu_run_for_order(struct uia *a, int64_t id, int64_t car, const int *fields, int n, const char *typed,
                           const char *msg);
#endif
