/* ui_visit — 来店(电)登记: the day's list of walk-ins and calls (the ones
 * still open marked, 离店 in one key) and the sheet of one entry, filled in
 * within seconds: arrival now, consultant and source from lists, the owner
 * of a typed mobile shown at once; an entry becomes an A-card in one step. */
#ifndef DESK4S_UI_VISIT_H
#define DESK4S_UI_VISIT_H
#include "desk4s/draft.h"
#include "desk4s/ui_app.h"
#include "desk4s/ui_form.h"

/* The day's list (menu entry 2) until the user leaves. */
void uivs_run(struct uia *a);
/* The sheet of one entry opened from draft d (ui_draft): the stored entry
 * d->record_id, or a new one, with the draft's values unsaved. */
void uivs_run_draft(struct uia *a, const struct draft *d);

/* Where the staff list plugs in: the consultants a 销售顾问 field offers
 * (up to max names of 64 bytes); returns the count. */
int uivs_consultants(struct uia *a, char (*out)[64], int max);
/* The pick list of consultants for field of a sheet (typing a name stays
 * possible); sets the field when one is chosen.  The sheet's chooser
 * (uifm_chooser): 1 when it moves on. */
int uivs_pick_consultant(struct uifm *uf, int field);
#endif
