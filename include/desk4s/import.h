/* import — batch import of a sheet from CSV: every row through the same
 * rules engine as the screen, one transaction per batch, a report line per
 * problem.  No curses: it serves scripts, cron and tests. */
#ifndef DESK4S_IMPORT_H
#define DESK4S_IMPORT_H
#include <signal.h>
#include <stdio.h>
#include "desk4s/fdef.h"
#include "desk4s/store.h"

struct imp_opts {
	const char *path;       /* the CSV file */
	int dry_run;            /* check everything, store nothing */
	int strict;             /* refuse rows that only lack required values */
	int update;             /* merge rows that match a stored record into it */
	const char *report;     /* report CSV path, or NULL */
	const char *refused;    /* the refused rows as read (the file's header first, UTF-8 with a
	                         * BOM) go into this CSV, to be corrected and imported; NULL: not
	                         * kept.  Only rows of committed batches stay in it; a run that
	                         * refuses none leaves no such file */
	const char *staff;      /* who imports (for created_by) */
	const char *staff_name; /* their name, as others know them (the busy note), or NULL */
	FILE *progress;         /* progress lines go here when non-NULL (a terminal) */
	const char *encoding;   /* "utf-8", "gb18030", or NULL to detect */
	volatile sig_atomic_t *stop; /* when set non-zero (by a signal handler) the import
	                         * stops at once, its open batch or load rolled back */
	long bulk_min;          /* a customer or order file of about this many rows or more that at
	                         * least doubles the table loads in one transaction with
	                         * indexes built after (0: IMP_BULK_MIN_ROWS) */
};

enum { IMP_BULK_MIN_ROWS = 50000 };
/* Problems kept for the terminal, for a run without --report. */
enum { IMP_SHOWN = 10 };

struct imp_stats {
	long rows;        /* records read (header excluded) */
	long imported;    /* stored (or, in a dry run, would be) */
	long incomplete;  /* of those, flagged incomplete */
	long refused;     /* not stored */
	long already;     /* not stored: duplicates of a stored record that say nothing it does
	                   * not (a file imported before, run again edited) */
	long differs;     /* of the refused, duplicates of one stored record that say otherwise */
	long repeated;    /* as already, but of a record an earlier line of this file stored in
	                   * this run: reported as a warning naming that line */
	long differs_in_file; /* as differs, of a record an earlier line of this file stored */
	long merged;      /* --update: folded into a stored record */
	long unchanged;   /* of those, the record already said all the row says */
	long newer_rows;  /* of those, rows with fields the record had changed after the row's
	                   * 更新时间 (the usage log says), the record's value kept */
	long newer_fields; /* ... and those fields */
	long undated;     /* merged rows that changed a record with nothing to tell which side
	                   * is newer (no 更新时间: another system's file, or a kind that keeps none) */
	char undated_note[240]; /* with undated: the sentence that says so, for the summary */
	long problems;    /* report lines */
	long skipped;     /* records an earlier, interrupted run of this file already did */
	long resumed_after; /* the file line (header included) an interrupted run had
	                     * reached, 0 when starting afresh */
	long resumed_rows;  /* the rows that run had imported */
	char finished_at[20]; /* set when this very file was imported completely before, the
	                       * same way (a dry run still checks it, and says so) */
	long refused_before;  /* with finished_at (not a dry run): the rows that import refused,
	                       * -1 if not known (recorded before schema 13) */
	int bulk;         /* loaded in one transaction, indexes built after (cust_bulk_*) */
	int alone;        /* ... with no other connection open, in the rollback journal (st_bulk_alone) */
	int interrupted;  /* ended early by o->stop (the status is then 3) */
	int file_broken;  /* ended early by the file itself (an unterminated quote, bytes of no encoding):
	                   * the same file run again stops there again */
	long committed;   /* rows of this file in the database for good (new or merged), earlier
	                   * runs included */
	long committed_refused; /* rows refused in this run's committed batches: not checked again */
	int report_appended;    /* a resumed run added to the report of the run it continues */
	long refused_kept;      /* rows in the refused file for good (o->refused) */
	int refused_appended;   /* ... added after those of the run this one continues */
	/* the first refusals and the first warnings, as lines for a person
	 * ("第6行（拒绝）手机号：…"): a terminal shows refusals first */
	int nshown[2];    /* [0] warnings, [1] refusals */
	char shown[2][IMP_SHOWN][520];
	int shown_for[2][IMP_SHOWN]; /* report lines each stands for: 1, or all the
	                   * columns read by another system's name in one line */
};

/* The kinds of record a file can bring ("customers", "workorders", ...),
 * NULL-terminated, and the form each is checked against. */
const char *const *imp_kinds(void);
const char *imp_form_of(const char *kind);
/* Import a file of one kind.  A file is known by a fingerprint of its size,
 * head and tail: running the same import again after an interruption
 * continues after the last committed batch, and a file imported completely
 * is not imported twice.  Exit status as the command returns it: 0 every
 * row imported, 1 some refused, 2 unknown kind, 3 file or database error
 * (err says which file and why). */
int imp_run(struct st_db *db, const char *kind, const struct fdef_form *form,
            const struct imp_opts *o, struct imp_stats *stats, char *err, size_t errsz);
/* The sentence that tells where a resumed import picked up; imp_run writes
 * it to o->progress before the first row, the command prints it otherwise. */
void imp_resume_note(const struct imp_stats *s, char *buf, size_t n);
#endif
