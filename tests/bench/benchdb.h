/* benchdb — writes the generated shop straight into a database file, fast.
 * Test tooling only: it speaks SQLite directly, which program code (src/)
 * never does outside the store modules.  The schema is the program's own:
 * st_open creates it first, and the secondary indexes this module drops for
 * the bulk load are recreated from their stored SQL, then the result is
 * compared with a freshly opened database. */
#ifndef DESK4S_BENCH_BENCHDB_H
#define DESK4S_BENCH_BENCHDB_H
#include "gen.h"

struct bdb_sizes { long customers, workorders, visits, acards; };
/* Build path (which must not exist) from g; progress lines on stderr.
 * Returns 0, or prints why and returns non-zero. */
int bdb_build(const struct gen *g, const char *path);
#endif
