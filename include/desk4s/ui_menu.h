/* ui_menu — the main menu: one table of entries, reached by digit or by
 * arrows + Enter.  A later sheet is one more line in the table. */
#ifndef DESK4S_UI_MENU_H
#define DESK4S_UI_MENU_H
#include "desk4s/ui_app.h"

/* Run until the user quits (q / F10) or a key script ends. */
void uimn_run(struct uia *a);
#endif
