/* ui — the full-screen program (ncursesw/formw).  Only ui*.c include
 * curses.h.  main.c opens the database and hands it over. */
#ifndef DESK4S_UI_H
#define DESK4S_UI_H
#include "desk4s/store.h"

struct ui_opts {
	const char *db_path;   /* shown in the status line */
	const char *forms_dir; /* NULL: the compiled-in forms */
	const char *login;     /* --user: the login name the login screen starts with (may be NULL) */
};

/* Run the program until the user quits: the login screen first (on a new
 * database, creating the administrator), then the drafts a dropped
 * connection left (ui_draft), then the menu; a session ended by a disabled
 * account goes back to the login screen.  Returns the exit status: 0, or
 * 128 + the signal after a hang-up (SIGHUP, SIGTERM, the terminal gone),
 * once the sheets with unsaved changes are kept as drafts.
 * Key scripts: when DESK4S_KEYS names a file, keys are read from it instead
 * of the terminal and the screen is drawn headless (see tests/ui/). */
int ui_main(struct st_db *db, const struct ui_opts *o);
#endif
