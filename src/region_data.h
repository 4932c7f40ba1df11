/* Private to the region module: the table generated from
 * schema/regions/regions.csv by csv2c.awk (build/gen/region_data.c).
 * Sorted by code, strictly increasing; region.c relies on that. */
#ifndef DESK4S_REGION_DATA_H
#define DESK4S_REGION_DATA_H
#include <stddef.h>
#include "desk4s/region.h"

extern const struct reg_entry reg_table[];
extern const size_t reg_table_len;
#endif
