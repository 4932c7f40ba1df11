/* ui_app — what every screen shares: the session (database, staff, forms),
 * the frame around a screen (title, key hints, message and status lines),
 * reading a key with resize and "too small" handled, modal questions and
 * the F1 help screen. */
#ifndef DESK4S_UI_APP_H
#define DESK4S_UI_APP_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/fdef.h"
#include "desk4s/staff.h"
#include "desk4s/store.h"
#include "desk4s/ui_keys.h"

enum uia_msg { UIA_INFO, UIA_ERROR, UIA_OK };

struct uia {
	struct st_db *db;
	const char *db_path;
	char staff[64];             /* the login of who is logged in: what the store records */
	struct staff_me me;         /* the session (ui_login); refreshed by uia_require */
	char ended[512];            /* non-empty: the account was disabled, the session ended
	                             * with this message (a->quit unwinds every screen, then
	                             * the login screen shows it) */
	const char *forms_dir;
	struct fdef_form *customer; /* the customer form, loaded once */
	int quit;                   /* set when the program must end (q, F10, end of a key script,
	                             * a hang-up) */
	int hangup;                 /* the signal that hung the session up (SIGHUP, SIGTERM), 0 if none */
	int kept;                   /* sheets kept as drafts at the hang-up; -1: failed (kept_err) */
	int kept_files;             /* ... of them in files, the database being held (draft_save_file) */
	char kept_err[256];
	char notice[256];           /* shown in the status line until the next key */
	char msg[1024];             /* the message line of the current screen */
	enum uia_msg msg_kind;
};

void uia_set_msg(struct uia *a, enum uia_msg kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void uia_set_notice(struct uia *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Draw the frame: erase, title row (title left/centre, right text at the
 * right), hints for scopes, message lines, status line.  Returns the body
 * rows in *top and *height.  Returns 0, or -1 when the terminal is too small
 * (then nothing else should be drawn). */
int uia_frame(struct uia *a, const char *title, const char *right, uik_scopes scopes,
              int *top, int *height);
/* Read a key; while the terminal is too small, shows the notice and waits.
 * Clears the notice.  F1 shows help and then returns a KEY_RESIZE so the
 * caller redraws.  On end of script sets a->quit.  On a hang-up first keeps
 * every open sheet with unsaved changes as a draft (uifm_keep_drafts), then
 * sets a->hangup and a->quit, so that every screen unwinds without asking. */
void uia_getkey(struct uia *a, struct uik_key *k);
/* A list that keeps up with other terminals while it stands idle: the
 * database's data version noted at each read and compared after a pause
 * (uik_set_poll) — a counter, not a read of the list. */
struct uia_watch {
	struct uia *a;
	int64_t seen;  /* st_data_version at the last read; -1 unknown */
	int quiet;     /* a failed read or a refusal is on the message line:
	                * not read again (nor the account asked) until a key */
};
/* Before the list is read: first, so that a change committed while it is
 * read counts as unseen.  A read that then fails sets w->quiet. */
void uia_watch_read(struct uia_watch *w, struct uia *a);
/* uia_getkey with the watch on.  1 when another terminal wrote while the
 * list stood idle and the account still holds perm: read the list again
 * (the message line stays, nobody pressed a key).  Else 0 with the key in
 * k — a refusal of perm said, k a KEY_RESIZE so that the caller redraws. */
int uia_watch_key(struct uia_watch *w, enum auth_perm perm, struct uik_key *k);
/* st_on_wait's callback (ctx: the struct uia): a save or read held up by
 * another terminal's lock says so on the message line at once, with who
 * holds it, until the screen is drawn again. */
void uia_waiting(void *ctx, const char *who);
/* A modal question in a box: text (may hold several lines separated by
 * '\n'), then the answers line.  keys lists the accepted answer characters
 * (upper case; lower case is accepted too); Esc returns 27, which callers
 * whose answers line does not name Esc take as their N (F1 says so:
 * uik_ask_help_lines).  Returns the key (upper case). */
int uia_ask(struct uia *a, const char *title, const char *text, const char *answers,
            const char *keys);
/* Before every action that reads or changes customer data (opening a
 * sheet, a record or a list, saving): re-reads the account (staff_require)
 * so a disabled account's session ends at its next action and a changed
 * role counts at once.  Returns 1 to go on.  Otherwise 0 and: a refusal
 * naming the missing permission (auth_refusal) in the message line; or,
 * when the account was disabled, a->ended set and a->quit, so the screens
 * unwind to the login screen (callers just return). */
int uia_require(struct uia *a, enum auth_perm p);
/* Opening customer cust_no's record: needs 查看 and writes 查看客户 to the
 * usage log (call once per open, not per redraw).  Returns 1 to open; 0
 * with the message set when refused or when the log cannot be written (a
 * view that cannot be traced is not shown). */
int uia_view_customer(struct uia *a, const char *cust_no);
/* A landline in a list's phone column, which has the 11 cells of a
 * mobile: the number after its area code with its extension
 * (0571-88886666-12 → 88886666-12), a 400/800 number's digits; masked as
 * the field is for a role that may not see contacts whole. */
void uia_show_landline(const struct uia *a, const char *landline, char *out, size_t outsz);
/* The F1 help screen: on a sheet it starts with the field under the
 * cursor (uifm_help_lines), then the keys of the screen in front (the
 * scopes of its frame), then every key. */
void uia_help(struct uia *a);
/* A box over the frame that takes the keys while it is open (a pick
 * list): the frame's hint row says its keys and F1 names them, not those
 * of the screen behind.  Call after each drawing of that screen (which
 * puts its own row back) and before drawing the box; 0 when it closes. */
void uia_front_keys(struct uia *a, uik_scopes scopes);
/* The sheet drawn in the current frame (uifm_draw says so; uia_frame
 * forgets it), whose field F1 describes; uia_forget_sheet when it is freed. */
struct uifm;
void uia_frame_sheet(struct uifm *uf);
void uia_forget_sheet(const struct uifm *uf);
/* 1 when the current frame holds a sheet (a pick list over it is over a
 * sheet to save next; over the due list there is none). */
int uia_over_sheet(void);
/* Wrap s into lines of at most w cells; returns the count (<= max). */
int uia_wrap(const char *s, int w, char lines[][256], int max);
#endif
