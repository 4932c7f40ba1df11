/* ui_pick — a pick list in a box over the current screen that filters as
 * one types (Chinese: any part of the name; digits: the start of the code
 * or the item's number).  Used for long choice lists and the region picker. */
#ifndef DESK4S_UI_PICK_H
#define DESK4S_UI_PICK_H
#include "desk4s/ui_app.h"

struct uipk_item {
	const char *label; /* shown and matched anywhere */
	const char *code;  /* shown before the label, matched from its start; may be NULL */
	const char *alt;   /* also matched from its start (a region's own digits); may be NULL */
};

enum { UIPK_CANCEL = -1, UIPK_BACK = -2 };

/* Returns the index chosen, UIPK_CANCEL (Esc), or UIPK_BACK (Backspace
 * with an empty filter, for cascades).  filter: initial text typed.
 * sel: index to start on (-1 for the first). */
int uipk_run(struct uia *a, const char *title, const struct uipk_item *items, int n,
             const char *filter, int sel);
#endif
