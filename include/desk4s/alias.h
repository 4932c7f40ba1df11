/* alias — the other names a spreadsheet exported from another dealer
 * system gives the forms' fields in its header ("客户姓名" for 姓名/单位名称,
 * "车架号" for the VIN), from forms/headers.csv.  Only names that cannot
 * mean another field are listed there, but for one kind: a key "a|b"
 * (电话: mobile|phone1) says the column holds either, and the import reads
 * each value by its content; a key "f+time" (时间: arrive_at+time) says the
 * column holds the time of day of date-and-time field f, whose date another
 * column gives (日期), and the import joins them. */
#ifndef DESK4S_ALIAS_H
#define DESK4S_ALIAS_H
#include <stddef.h>

struct alias_map;

/* The other names of form `form`'s fields (an empty map for a form with
 * none); NULL with err on a broken file or no memory. */
struct alias_map *alias_load(const char *form, char *err, size_t errsz);
/* The key of the field `name` (normalised: txt_normalize; ASCII letters
 * in any case) stands for, or NULL. */
const char *alias_key(const struct alias_map *m, const char *name);
/* Each entry in turn, i from 0: its name and key; 0 past the end. */
int alias_at(const struct alias_map *m, size_t i, const char **name, const char **key);
void alias_free(struct alias_map *m);
#endif
