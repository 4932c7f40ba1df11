/* ui_draft — after a login, the drafts a dropped connection left
 * (draft.h): each with its sheet, whom it is about and when it was kept.
 * Enter opens the sheet with the draft's values (unsaved, so F2 saves them
 * through every usual check), Del throws one away, Esc leaves them for the
 * next login. */
#ifndef DESK4S_UI_DRAFT_H
#define DESK4S_UI_DRAFT_H
#include "desk4s/ui_app.h"

/* Run when the logged-in staff member has drafts, until none is left or
 * they press Esc; returns at once when there are none. */
void uidr_offer(struct uia *a);
#endif
