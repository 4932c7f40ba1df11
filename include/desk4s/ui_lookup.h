/* ui_lookup — find customers as one types (mobile, name, plate, VIN tail,
 * ID number, customer number) and open one. */
#ifndef DESK4S_UI_LOOKUP_H
#define DESK4S_UI_LOOKUP_H
#include "desk4s/ui_app.h"

void uilk_run(struct uia *a);
#endif
