/* clock — the current local time, which tests fix with DESK4S_NOW
 * ("YYYY-MM-DD HH:MM[:SS]").  Pure. */
#ifndef DESK4S_CLOCK_H
#define DESK4S_CLOCK_H
#include <stddef.h>
/* "YYYY-MM-DD HH:MM:SS" into out (at least 20 bytes). */
void clk_now(char *out, size_t outsz);
/* Now to the minute, "YYYY-MM-DD HH:MM": the precision of the forms'
 * date-and-time fields. */
void clk_now_minute(char out[17]);
/* Add days to a "YYYY-MM-DD" date (the rest of s is ignored) into out (11 bytes). */
void clk_add_days(const char *date, int days, char *out, size_t outsz);
#endif
