/* embed — the files of forms/ and schema/ compiled into the program
 * (the Makefile generates the table), so it runs from any directory. */
#ifndef DESK4S_EMBED_H
#define DESK4S_EMBED_H
#include <stddef.h>
struct emb_file { const char *name; const char *data; size_t size; };
/* Every embedded file, sorted by name ("forms/customer.csv", "schema/0001_init.sql"). */
const struct emb_file *emb_all(size_t *n);
/* NULL when there is no such file. */
const struct emb_file *emb_find(const char *name);
#endif
