/* ui_lookup — find customers as one types (mobile, name, plate, VIN tail,
 * ID number, customer number) and open one. */
#ifndef DESK4S_UI_LOOKUP_H
#define DESK4S_UI_LOOKUP_H
#include "desk4s/ui_app.h"

#include "desk4s/customer.h"

void uilk_run(struct uia *a);
/* The same search to choose a customer for a record (a complaint): Enter
 * takes the one selected, F4 registers a new one and takes it.  title
 * heads the screen.  Returns the customer's id with *out filled, 0 when
 * the user went back without one. */
int64_t uilk_pick(struct uia *a, const char *title, struct cust_hit *out);
#endif
