/* draft — sheets with unsaved changes kept when a session hangs up (the
 * SSH connection drops: SIGHUP, or SIGTERM), offered at the staff member's
 * next login.  Each hang-up keeps a draft of every sheet with changes, a
 * row of its own (its id); a sheet restored from a draft replaces that
 * draft when it is kept again.  A store module: the rest of the program
 * calls these functions.
 *
 * The data column holds the draft as text, private to this module:
 *
 *     desk4s-draft 1
 *     @title=客户档案登记表        lines starting with '@' describe the draft
 *     @summary=张三
 *     @cause=账号停用              kept because the account was disabled (else a hang-up)
 *     name=张三                    then one line per field, key=value
 *     address=文三路100号\n2单元
 *
 * In values '\' is written "\\", a line feed "\n" and a carriage return
 * "\r", so any text (Chinese, commas, quotes, line breaks) comes back byte
 * for byte.  Fields are found again by key, so a form that gained or lost
 * a field still takes the rest. */
#ifndef DESK4S_DRAFT_H
#define DESK4S_DRAFT_H
#include <stddef.h>
#include <stdint.h>
#include "desk4s/record.h"
#include "desk4s/store.h"

struct draft {
	int64_t id;           /* its row; 0 for one not stored yet */
	char form[32];        /* the sheet's form (forms/NAME.csv): customer, visit, acard, workorder, complaint */
	char title[64];       /* the sheet's title as staff know it (客户档案登记表) */
	int64_t record_id;    /* the stored record the changes are for; 0: a new record */
	int64_t link_id;      /* what a new record hangs on: the car of a new repair order,
	                       * the walk-in entry of a new A-card; 0: nothing */
	char customer_no[32]; /* the customer it concerns, for the usage log; "" when none */
	char summary[200];    /* whom or what it is about (张三  浙A12345), to recognise it */
	char saved_at[24];    /* "YYYY-MM-DD HH:MM:SS", local time; set by draft_save */
	int nfields;          /* fields the draft holds */
	int account_disabled; /* 1: kept as the session ended because the account was disabled
	                       * (set by draft_save and draft_save_file, read from the account);
	                       * 0: kept at a hang-up */
};

/* The data text: d's description, then the fields of r that differ from
 * base (a stored record: only what was changed, so that restoring it later
 * does not undo what others changed meanwhile), or every non-empty field
 * when base is NULL (a new record).  Sets d->nfields.  malloc'd; NULL when
 * out of memory. */
char *draft_encode(struct draft *d, const struct rec *r, const struct rec *base);
/* Read data: the description into d (form, record_id and saved_at are
 * left alone), the fields into r when r is not NULL (keys r's form lacks
 * are skipped).  Returns the number of fields set in r (held, when r is
 * NULL), or -1 when data is not a draft or is damaged. */
int draft_decode(const char *data, struct draft *d, struct rec *r);

/* Keep r as a draft of staff's (d->id set: replacing that draft, the one
 * the sheet was restored from; 0: a new one, its id into d->id), with
 * d->record_id = r->id, and write 保留草稿 to the usage log, in one
 * transaction.  base as for draft_encode. */
enum st_status draft_save(struct st_db *db, const char *staff, struct draft *d, const struct rec *r,
                          const struct rec *base, char *err, size_t errsz);
/* staff's drafts, newest first, up to max into out.  Returns the count, or
 * -1 with err. */
int draft_list(struct st_db *db, const char *staff, struct draft *out, int max, char *err,
               size_t errsz);
/* staff's draft id into d and, when r is not NULL, its fields into r (as
 * draft_decode).  ST_NOTFOUND when there is none. */
enum st_status draft_load(struct st_db *db, const char *staff, int64_t id, struct draft *d, struct rec *r,
                          char *err, size_t errsz);
/* 恢复草稿 in the usage log: the draft was opened on a sheet again. */
enum st_status draft_restored(struct st_db *db, const char *staff, const struct draft *d,
                              char *err, size_t errsz);
/* Delete staff's draft id: discarded 1 when staff threw it away
 * (logged 放弃草稿), 0 when its changes were saved (the save is logged).
 * A draft already gone is not an error. */
/* Inside the caller's transaction, before a customer's personal data is
 * removed (retention.c): delete every staff member's drafts about them —
 * their customer sheet, and any sheet naming their customer number, mobile
 * or ID number.  The number deleted, or -1 with err. */
int draft_forget_customer(struct st_db *db, int64_t customer_id, char *err, size_t errsz);
enum st_status draft_delete(struct st_db *db, const char *staff, int64_t id, int discarded, char *err,
                            size_t errsz);

/* Where drafts wait that the database could not take: DB.drafts beside
 * the database file (st_path), made private (0700) when first needed. */
void draft_file_dir(struct st_db *db, char *out, size_t outsz);
/* A hang-up's draft when the database cannot be written (another terminal
 * holds it longer than a hung-up session waits): the draft, as draft_save
 * would keep it, written whole (temporary file, fsync, rename) into its own
 * file in draft_file_dir, mode 0600, its name into path.  No usage-log
 * line yet: draft_take_files writes it. */
enum st_status draft_save_file(struct st_db *db, const char *staff, struct draft *d, const struct rec *r,
                               const struct rec *base, char *path, size_t pathsz, char *err, size_t errsz);
/* The files draft_save_file left, every owner's, into the drafts table,
 * each with its 保留草稿 line (naming the file's wait), in a transaction of
 * its own; a file is deleted once in.  At the first the database does not
 * take (held, full) it stops, leaving that one and the rest for the next
 * call; a file that is no draft is renamed NAME.damaged and passed over:
 * both -1 with err.  One about a customer whose data was erased while it
 * waited is deleted with a 放弃草稿 line, not taken in.  A file a login
 * claimed and never finished with (killed while taking it) is offered
 * again ten minutes on.  Else the number taken. */
int draft_take_files(struct st_db *db, char *err, size_t errsz);
#endif
