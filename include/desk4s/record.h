/* record — one sheet's values, a UTF-8 string per field of its form
 * ("" when empty, never NULL).  The screen, the importer and the command
 * line all build one of these and hand it to the rules engine and the store. */
#ifndef DESK4S_RECORD_H
#define DESK4S_RECORD_H
#include <stdint.h>
#include "desk4s/fdef.h"

struct rec {
	const struct fdef_form *form;
	char **val;    /* form->nfields strings */
	int64_t id;    /* row id once stored, 0 before */
};

struct rec *rec_new(const struct fdef_form *form);
void rec_free(struct rec *r);
void rec_clear(struct rec *r);
/* Set by field index or key; the value is copied.  Return 0, -1 for an unknown key. */
int rec_set_at(struct rec *r, int field, const char *value);
int rec_set(struct rec *r, const char *key, const char *value);
/* "" for an unknown key. */
const char *rec_get(const struct rec *r, const char *key);
/* 1 when every value equals the other's. */
int rec_equal(const struct rec *a, const struct rec *b);
void rec_copy(struct rec *dst, const struct rec *src);
/* A sheet saved over a record others may have saved since it was loaded:
 * base is the record as the sheet loaded it, now as it is stored.  Each
 * field of r left as loaded takes now's value (another terminal's change
 * is kept, not undone); a field changed on the sheet and, to another
 * value, in now is a clash, left as typed.  Returns the number of clashes;
 * the first clash's field index into *first (-1 when none). */
int rec_merge_since(struct rec *r, const struct rec *base, const struct rec *now, int *first);
#endif
