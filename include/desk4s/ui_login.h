/* ui_login — the login screen, and on a database without accounts the
 * first-start screen that creates the administrator. */
#ifndef DESK4S_UI_LOGIN_H
#define DESK4S_UI_LOGIN_H
#include "desk4s/ui_app.h"

/* Run until someone is logged in (a->me, a->staff filled; returns 1) or the
 * user quits (F10, end of a key script; returns 0).  login: the login name
 * to start with (may be NULL).  A message left in a->ended (a session that
 * ended) is shown first and cleared. */
int uilg_run(struct uia *a, const char *login);
#endif
