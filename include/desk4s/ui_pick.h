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

enum { UIPK_CANCEL = -1, UIPK_BACK = -2, UIPK_MORE = -3, UIPK_NEXT = -4 };

/* Returns the index chosen (Enter, or Tab once something was typed or
 * the selection moved), UIPK_CANCEL (Esc), UIPK_BACK (Backspace with an
 * empty filter, for cascades) or UIPK_NEXT (Tab with nothing typed or
 * moved: nothing chosen, a sheet goes on to its next field, as after a
 * choice).  filter: initial text typed.  sel: index to start on (-1 for
 * the first). */
int uipk_run(struct uia *a, const char *title, const struct uipk_item *items, int n,
             const char *filter, int sel);

/* What a filter can name beyond the list's own items (a whole region code
 * typed into the province list).  lookup is asked whenever the filter
 * matches no item; it returns 1 with line set to what the filter names,
 * shown as the one choice, -1 with line set to a message that names what
 * was typed and says it does not exist, 0 when the filter is nothing of
 * the kind (the list just has no match). */
struct uipk_more {
	int (*lookup)(void *ctx, const char *filter, char *line, size_t linesz);
	void *ctx;
};
/* uipk_run with more: Enter on what lookup named returns UIPK_MORE (the
 * caller's ctx says what it was). */
int uipk_run_more(struct uia *a, const char *title, const struct uipk_item *items, int n,
                  const char *filter, int sel, const struct uipk_more *more);
#endif
