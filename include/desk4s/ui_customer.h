/* ui_customer — the customer registration sheet (客户档案登记表): new or an
 * existing customer, saving through the rules, the duplicate offer and the
 * name-change request. */
#ifndef DESK4S_UI_CUSTOMER_H
#define DESK4S_UI_CUSTOMER_H
#include <stdint.h>
#include "desk4s/ui_app.h"

/* Run the sheet for customer id (0: a new customer) until the user leaves. */
void uicu_run(struct uia *a, int64_t id);
#endif
