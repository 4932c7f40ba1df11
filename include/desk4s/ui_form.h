/* ui_form — a sheet drawn from a form definition (forms/NAME.csv): title,
 * boxed sections in form order, labels marked * (required) and ! (important)
 * by their effective level, choices as the paper's boxes (□个人 ■单位) or a
 * pick list when long, region codes through the cascading picker.  Owns the
 * save checks every sheet shares: the one refusal message and the one
 * important-fields prompt.  The caller owns the record and the store. */
#ifndef DESK4S_UI_FORM_H
#define DESK4S_UI_FORM_H
#include <stdint.h>
#include "desk4s/draft.h"
#include "desk4s/record.h"
#include "desk4s/rules.h"
#include "desk4s/ui_app.h"
#include "desk4s/ui_field.h"

struct uifm_item {
	int field;
	int vy, vx;    /* row in the sheet, column on screen */
	int lw;        /* label cells */
	int ew;        /* entry cells inside the brackets (or boxes' width) */
	int boxes;     /* a choice drawn as boxes */
	int rows;      /* rows it takes: more than 1 for a long text being written */
	int wide;      /* then its entry's cells, to the sheet's edge; 0 otherwise */
};

struct uifm {
	struct uia *a;
	const struct fdef_form *f;
	struct rec *r;       /* the caller's record, edited in place */
	struct rec *orig;    /* as loaded or last saved: what "unsaved" compares to */
	struct uif_edit *ed; /* one editor per field */
	unsigned char *bad;  /* fields named by the last refusal */
	unsigned char *locked;
	const char *lock_msg;
	int focus;
	int left_field;      /* set by UIFM_MOVED: the field just left */
	/* Space on chooser_field (a text field) calls chooser, a pick list
	 * that may set it; 1 returned moves the sheet on (uifm_chooser) */
	int (*chooser)(struct uifm *uf, int field);
	int chooser_field;
	struct uifm_item *it;
	int nit;
	int vh;              /* rows of the whole sheet */
	int laid_cols;       /* COLS the layout was made for */
	unsigned char *laid_applies; /* ... and the fields that applied then (applies_if) */
	const char **label;  /* per field: the screen's own label (uifm_label), or NULL */
	int top;             /* first sheet row on screen */
	char warn[640];      /* soft warnings of the last passed check */
	unsigned char *only; /* non-NULL: Tab and arrows move among these fields only */
	int keep;            /* kept as a draft on a hang-up (uifm_keep_on_hangup) */
	int64_t link;        /* ... with this link (draft.h) */
	int64_t restored;    /* the draft it was opened from (its id), not yet saved or discarded; 0 none */
	struct uifm *live;   /* the next older live sheet (uifm_keep_drafts walks them) */
	/* The message this sheet put on the message line about its own fields
	 * (a refusal, the important fields to fill, a locked field): it follows
	 * the fields as they are fixed and goes when none is left (uifm_key). */
	char said[1024];
	unsigned char *named; /* per field: the rule kinds (1 << RK_...) it names */
	enum rule_point said_pt;
	const char *refused;  /* what a refusal begins with where saving is not the act: NULL, by said_pt */
	int said_lock;        /* the locked field it is about, or -1 */
	int prose;            /* a tick-box field typed on with a character no choice starts, the
	                       * cursor still on it: the rest of that typing is not choices; -1 */
	int said_field;       /* the field a screen's own message is about (uifm_said_about), or -1 */
	char *said_was;       /* ... and its value then */
	int said_bad;         /* it is the word about the malformed fields (bad_at) */
	/* The fields said malformed as the cursor left them and not mended
	 * since: per field the order it was said in (0: none), the newest
	 * the highest, so a second one does not make the first forgotten. */
	unsigned *bad_at;
	unsigned bad_n;       /* the last order given */
	int bad_left;         /* the field just left, to be checked after the key; -1 none */
	struct rec *scratch;  /* what the rules run on meanwhile (they normalise in place) */
};

enum uifm_act { UIFM_NONE, UIFM_SAVE, UIFM_BACK, UIFM_MOVED, UIFM_OTHER };

struct uifm *uifm_new(struct uia *a, struct rec *r);
void uifm_free(struct uifm *uf);
/* Reload every editor from the record (after loading or normalising). */
void uifm_reload(struct uifm *uf);
/* A save refused with ST_CHANGED (another terminal saved a field this
 * sheet changed too; err names it): the sheet shows what the store merged
 * in, what was typed still there, and says that a second F2 keeps it. */
void uifm_changed_elsewhere(struct uifm *uf, const char *err);
int uifm_dirty(const struct uifm *uf);
/* The values are now what is stored (loaded, or just saved).  On a sheet
 * restored from a draft this means its changes reached the store, so the
 * draft is deleted. */
void uifm_mark_clean(struct uifm *uf);
void uifm_focus(struct uifm *uf, int field);
/* Space on text field opens chooser (a list of names that may be typed as
 * well, 销售顾问); when it returns 1 the sheet goes to the next field as
 * after any choice from a list (uifm_key returns UIFM_MOVED). */
void uifm_chooser(struct uifm *uf, int field, int (*chooser)(struct uifm *uf, int field));
/* The message the screen just set (uia_set_msg) is about field's value as
 * it is now (a duplicate found by the store): it goes once that value
 * changes, as a refusal of the sheet's own does. */
void uifm_said_about(struct uifm *uf, int field);
/* Call a field by another label on this sheet and in its messages (a
 * phone call's 来电时间 for 到店时间); NULL goes back to the form's.  label
 * must outlive the sheet (a string constant). */
void uifm_label(struct uifm *uf, int field, const char *label);
/* Refuse edits of a field with this message (e.g. the name of a stored customer). */
void uifm_lock(struct uifm *uf, int field, int locked, const char *msg);
/* Draw the sheet into rows [top, top+height) and place the cursor. */
void uifm_draw(struct uifm *uf, int top, int height);
/* Handle a key; extra_scopes adds bindings of the calling sheet.  For
 * UIFM_OTHER the request is in *req.  A message the sheet set about its
 * fields (uifm_refuse, uifm_presave, a locked field) is then brought up to
 * date: a field whose problem is gone drops out of it, and it goes when
 * none is left (the locked field's when that field is left). */
enum uifm_act uifm_key(struct uifm *uf, const struct uik_key *k, uik_scopes extra_scopes,
                       enum uik_req *req);
/* F1 on the sheet: lines about the field under the cursor — its label,
 * level (with its condition), what it takes (rules_field_words, as
 * `desk4s forms` says it), typing shortcuts and its keys.  Each line is
 * owned by the caller; hang[i] is the indent in cells of its wrapped
 * continuation.  Returns the count (0 without a focused field). */
int uifm_help_lines(const struct uifm *uf, char **lines, int *hang, int max);
/* Run the rules for a save: on a refusal sets the message naming every
 * field and moves the cursor to the first, returns 0; when important fields
 * are empty asks once (fill now / save anyway).  Returns 1 to go on saving. */
int uifm_presave(struct uifm *uf);

/* Keep the cursor to the given fields (a legacy record completed before a
 * repair order opens: only what is missing); n == 0 lifts the limit.  A
 * later refusal adds the fields it names. */
void uifm_only(struct uifm *uf, const int *fields, int n);
/* The refusal half of uifm_presave at any save point: on invalid or
 * required problems sets the message, marks the fields, moves the cursor to
 * the first and returns 0.  Fields that do not apply (applies_if: a
 * person's fields on a 单位) but still hold a value are then named in one
 * question: emptied to go on, or Esc returns 0 with them kept.  Otherwise
 * returns 1 with every problem in *l (free with rules_list_free) for the
 * caller's one important prompt. */
int uifm_refuse(struct uifm *uf, enum rule_point pt, struct rule_list *l);
/* The one important-fields prompt: labels lists every empty important
 * field; go is the answer that goes on ("仍然保存", "仍然开单").  Returns 1
 * to go on, 0 to fill them now, -1 for Esc (neither). */
int uifm_ask_important(struct uia *a, const char *labels, const char *go);
/* A small sheet of its own (a reason, a result, a date): r's form drawn
 * full screen under title, run until F2 passes the rules (uifm_presave) or
 * Esc.  msg: the first message (what F2 will do).  Returns 1 when passed,
 * with the values in r; the caller's message line is restored. */
int uifm_dialog(struct uia *a, struct rec *r, const char *title, const char *right,
                const char *msg);
/* The same for a sheet of one field to fill (完工时间, a reason for 取消工单,
 * 返修…): the cursor on the field key, Enter passes it as F2 does, and a
 * key bar of its own saying what Enter and F2 do there, act, rather than
 * a sheet's "Enter 下一项 … 保存".  refused: what a refusal begins with
 * when passing the sheet is no saving ("未完工"; NULL: "未保存"). */
int uifm_dialog_act(struct uia *a, struct rec *r, const char *title, const char *right, const char *msg,
                    const char *key, const char *refused, const char *act);

/* ---- drafts (draft.h): what a dropped connection leaves unsaved ---- */

/* Keep this sheet as a draft of its form when the session hangs up with
 * unsaved changes.  link: what a new record hangs on (the car of a new
 * repair order, the walk-in entry of a new A-card), 0 for nothing.  Small
 * dialogs (a reason, a name change) are not kept. */
void uifm_keep_on_hangup(struct uifm *uf, int64_t link);
/* On a hang-up (ui_app): every live sheet so marked and with unsaved
 * changes becomes a draft of the logged-in staff member (the newest sheet
 * wins when two of one form are open).  One the database does not take
 * (its lock held past the wait) goes into a file of its own instead
 * (draft_save_file), counted in *in_files.  Returns how many were kept, or
 * -1 with err when one could not be kept at all. */
int uifm_keep_drafts(struct uia *a, int *in_files, char *err, size_t errsz);
/* Open a sheet from draft d: after the caller loaded the stored record
 * (d->record_id) or set a new one's defaults, the draft's values are put
 * on the sheet, unsaved, so F2 saves them through every usual check.  The
 * draft is deleted once the sheet is saved (uifm_mark_clean) or discarded
 * (uifm_ask_leave).  Returns 1, or 0 with the message set. */
int uifm_restore_draft(struct uifm *uf, const struct draft *d);
/* Esc on a sheet: returns 1 to leave — at once when nothing is unsaved,
 * otherwise when staff confirm throwing the changes away (a restored
 * draft is then deleted).  0 to stay. */
int uifm_ask_leave(struct uifm *uf);
#endif
