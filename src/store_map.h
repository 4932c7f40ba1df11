/* Private to the store modules: the columns a form keeps in one table, and
 * the statements that move a struct rec in and out of it.  Column names
 * come from forms/ (checked as identifiers by fdef, and against the schema
 * here), values are always bound. */
#ifndef DESK4S_STORE_MAP_H
#define DESK4S_STORE_MAP_H
#include "desk4s/record.h"
#include "store_impl.h"

struct sm_map {
	const struct fdef_form *form;
	unsigned long serial;   /* the form's load serial: a freed form's address may come back */
	char table[32];
	int *fields;     /* indices of the form's fields kept in this table */
	unsigned char *flag; /* per field: a box kept as 1 and 0 (fdef_is_flag, an INTEGER column) */
	int n;
	char *cols;      /* "c1,c2,..." */
	char *marks;     /* "?,?,..." */
	char *sets;      /* "c1=?,c2=?,..." */
};

/* The map of form onto table, built once and cached; NULL with err when a
 * field's column is missing from the schema. */
struct sm_map *sm_get(struct st_db *db, const struct fdef_form *form, const char *table,
                      char *err, size_t errsz);
/* Bind the map's values of r as parameters first.. first+n-1 ("" as NULL,
 * int and region fields as integers, money as a real), without a copy:
 * step the statement before r changes. */
void sm_bind(const struct sm_map *m, sqlite3_stmt *s, int first, const struct rec *r);
/* Read columns first.. of the current row into r. */
void sm_read(const struct sm_map *m, sqlite3_stmt *s, int first, struct rec *r);
/* 1 when any of the map's fields is filled in r. */
int sm_any(const struct sm_map *m, const struct rec *r);
/* ST_CONSTRAINT with err naming the field when a field that masks (a
 * contact, the ID number, the birth date: auth_mask_kind_of) holds a masked
 * value, else ST_OK.  A masked export is for handing on: its stars are not
 * data, and the rules pass some of them (an e-mail, a free-text address). */
enum st_status sm_refuse_masked(const struct rec *r, char *err, size_t errsz);
/* A sheet saved over a record another terminal may have saved since it
 * was loaded (base) — now is the record as stored, read in the save's
 * transaction: rec_merge_since, and ST_CHANGED with err naming the first
 * field both changed and its stored value (masked as the log masks it),
 * base then moved on to now so that a second save means "mine". */
enum st_status sm_since(struct rec *r, struct rec *base, const struct rec *now, char *err, size_t errsz);
/* Statement text built from a printf pattern; cached by (pattern, map) so
 * the same pointer comes back (st_stmt caches by pointer). */
const char *sm_sql(const struct sm_map *m, const char *pattern);
/* Write r's mapped values back to the row r->id of table with sql (an
 * UPDATE pattern whose {s} takes them, the id its last parameter); what
 * names the record in an error (车辆, 投诉). */
enum st_status sm_update(struct st_db *db, const struct rec *r, const char *table, const char *sql, const char *what,
                         char *err, size_t errsz);
/* The row of this id into r through sql ("SELECT {c} FROM table WHERE
 * id=?"); ST_NOTFOUND and err naming `what` ("来店登记") when there is none. */
enum st_status sm_load(struct st_db *db, struct rec *r, const char *table, const char *sql, int64_t id,
                       const char *what, char *err, size_t errsz);
void sm_free_all(void);
#endif
