/* clock — one source of "now" so tests can fix it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "desk4s/clock.h"

void clk_now(char *out, size_t outsz)
{
	const char *fixed = getenv("DESK4S_NOW");
	int y, mo, d, h, mi, s = 0;
	if (fixed && sscanf(fixed, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) >= 5) {
		snprintf(out, outsz, "%04d-%02d-%02d %02d:%02d:%02d", y % 10000, mo % 100, d % 100,
		         h % 100, mi % 100, s % 100);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(out, outsz, "%Y-%m-%d %H:%M:%S", &tm);
}

void clk_now_minute(char out[17])
{
	char now[24];
	clk_now(now, sizeof now);
	snprintf(out, 17, "%.16s", now);
}

void clk_add_days(const char *date, int days, char *out, size_t outsz)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	int y = 1970, m = 1, d = 1;
	sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + days;
	tm.tm_hour = 12; /* noon: no daylight-saving edge can move the date */
	timegm(&tm);
	strftime(out, outsz, "%Y-%m-%d", &tm);
}
