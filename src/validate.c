/* validate — pure checks of Chinese identifiers and formats.
 * Rules and their sources: IDENTIFIERS.md §0 and §1.  Hard rules return
 * VAL_ERROR; soft rules (things real documents sometimes break) return
 * VAL_WARNING with the value still normalised into out. */
#include "desk4s/validate.h"
#include "desk4s/clock.h"
#include "desk4s/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Large enough for any identifier; longer input is refused outright. */
#define VAL_BUF (VAL_MAX_BYTES + 1)

#if defined(__GNUC__)
#define VAL_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define VAL_PRINTF(a, b)
#endif

/* ---- helpers ------------------------------------------------------------ */

/* Cut s back so that it ends on a whole UTF-8 character (snprintf may have
 * cut one in half). */
static void val_fix_utf8(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && !txt_valid_utf8(s, n))
		n--;
	s[n] = '\0';
}

static enum val_severity val_set(struct val_result *r, enum val_severity sev,
                                 const char *code, const char *fmt, ...)
	VAL_PRINTF(4, 5);

static enum val_severity val_set(struct val_result *r, enum val_severity sev,
                                 const char *code, const char *fmt, ...)
{
	va_list ap;

	r->severity = sev;
	snprintf(r->code, sizeof r->code, "%s", code);
	va_start(ap, fmt);
	vsnprintf(r->msg, sizeof r->msg, fmt, ap);
	va_end(ap);
	val_fix_utf8(r->msg);
	return sev;
}

static enum val_severity val_ok(struct val_result *r)
{
	r->severity = VAL_OK;
	r->code[0] = '\0';
	r->msg[0] = '\0';
	return VAL_OK;
}

/* Copy s into out, cut at a character boundary when out is too small. */
static void val_put(char *out, size_t outsz, const char *s)
{
	if (!out || outsz == 0)
		return;
	snprintf(out, outsz, "%s", s);
	val_fix_utf8(out);
}

static int val_isdigit(int c) { return c >= '0' && c <= '9'; }

static int val_all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!val_isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Remove every ASCII character of set from s, in place. */
static void val_strip(char *s, const char *set)
{
	char *o = s;

	for (; *s; s++)
		if (!strchr(set, *s))
			*o++ = *s;
	*o = '\0';
}

/* Remove every occurrence of the code point cp (non-ASCII), in place. */
static void val_strip_cp(char *s, uint32_t cp)
{
	char enc[5];
	size_t k = txt_encode(cp, enc), n;
	char *p;

	enc[k] = '\0';
	while ((p = strstr(s, enc)) != NULL) {
		n = strlen(p + k);
		memmove(p, p + k, n + 1);
	}
}

static void val_upper(char *s)
{
	for (; *s; s++)
		if (*s >= 'a' && *s <= 'z')
			*s = (char)(*s - 'a' + 'A');
}

/* txt_normalize into buf; 0, or -1 when the input is too long to be any
 * of the values checked here. */
static int val_norm(const char *in, char *buf)
{
	return txt_normalize(in, buf, VAL_BUF);
}

static enum val_severity val_too_long(struct val_result *r, const char *code)
{
	return val_set(r, VAL_ERROR, code, "内容过长（超过%d字节），请核对", VAL_BUF - 1);
}

/* The first character of s that is not allowed, copied into ch (UTF-8),
 * and its 1-based position in characters. */
static int val_first_bad(const char *s, int (*ok)(uint32_t), char ch[5])
{
	size_t n = strlen(s), i = 0;
	int pos = 0;

	while (i < n) {
		uint32_t cp;
		size_t k = txt_decode(s + i, n - i, &cp);
		pos++;
		if (!ok(cp)) {
			size_t e = txt_encode(cp, ch);
			ch[e] = '\0';
			return pos;
		}
		i += k;
	}
	ch[0] = '\0';
	return 0;
}

static int val_ok_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* ---- dates -------------------------------------------------------------- */

static int val_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int val_mdays(int y, int m)
{
	static const int d[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && val_leap(y) ? 29 : d[m - 1];
}

static int val_real_date(int y, int m, int d)
{
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= val_mdays(y, m);
}

/* Parse a digit run of 1..max digits at s; returns its length (0 when the
 * run is empty or longer than max). */
static size_t val_num(const char *s, size_t max, int *v)
{
	size_t n = 0;

	*v = 0;
	while (val_isdigit((unsigned char)s[n])) {
		if (n == max)
			return 0;
		*v = *v * 10 + (s[n] - '0');
		n++;
	}
	return n;
}

enum { DATE_OK, DATE_FORMAT, DATE_INVALID };

static const char nian[] = "年", yue[] = "月";

/* After a four-digit year at s: its separator (- / . or 年, *cjk for 年;
 * *sep the other) and one or two digits of month.  Returns the bytes read
 * from s, 0 when it is not so. */
static size_t val_month_part(const char *s, int *m, int *cjk, char *sep)
{
	size_t p = 4, k;
	*cjk = 0;
	*sep = 0;
	if (strncmp(s + p, nian, strlen(nian)) == 0) {
		*cjk = 1;
		p += strlen(nian);
	} else if (s[p] == '-' || s[p] == '/' || s[p] == '.') {
		*sep = s[p++];
	} else {
		return 0;
	}
	if ((k = val_num(s + p, 2, m)) == 0)
		return 0;
	return p + k;
}

/* Parse the date at the start of s; *used receives the bytes read.  Accepts
 * YYYYMMDD, YYYY-M-D with - / or . (the same twice), and YYYY年M月D日. */
static int val_parse_date(const char *s, size_t *used, int *y, int *m, int *d)
{
	static const char ri[] = "日", hao[] = "号";
	size_t p = 0, k;

	k = val_num(s, 8, y);
	if (k == 8) {
		*d = *y % 100;
		*m = *y / 100 % 100;
		*y /= 10000;
		p = 8;
	} else if (k == 4) {
		int cjk;
		char sep;

		if ((p = val_month_part(s, m, &cjk, &sep)) == 0)
			return DATE_FORMAT;
		if (cjk) {
			if (strncmp(s + p, yue, strlen(yue)) != 0)
				return DATE_FORMAT;
			p += strlen(yue);
		} else {
			if (s[p] != sep)
				return DATE_FORMAT;
			p++;
		}
		if ((k = val_num(s + p, 2, d)) == 0)
			return DATE_FORMAT;
		p += k;
		if (cjk) {
			if (strncmp(s + p, ri, strlen(ri)) == 0)
				p += strlen(ri);
			else if (strncmp(s + p, hao, strlen(hao)) == 0)
				p += strlen(hao);
		}
	} else {
		return DATE_FORMAT;
	}
	*used = p;
	return val_real_date(*y, *m, *d) ? DATE_OK : DATE_INVALID;
}

void val_today_iso(char out[11])
{
	unsigned long t = (unsigned long)val_today();
	snprintf(out, 11, "%04lu-%02lu-%02lu", t / 10000 % 10000, t / 100 % 100, t % 100);
}

long val_today(void)
{
	const char *e = getenv("DESK4S_TODAY");
	int y, m, d;
	size_t used;

	if (e && strlen(e) == 10 && e[4] == '-' && e[7] == '-' &&
	    val_parse_date(e, &used, &y, &m, &d) == DATE_OK && used == 10)
		return (long)y * 10000 + m * 100 + d;
	{
		time_t t = time(NULL);
		struct tm tm;
		if (!localtime_r(&t, &tm))
			return 19700101L;
		return (long)(tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	}
}

/* Year range for any date typed at the desk: catches 0224 for 2024. */
#define VAL_YEAR_MIN 1800
#define VAL_YEAR_MAX 2199

/* Shared by val_date, val_past_date and val_datetime: checks the date at
 * the start of s, fills y/m/d and *used.  Returns the severity set. */
static enum val_severity val_date_part(const char *s, size_t *used, int *y,
                                       int *m, int *d, struct val_result *r)
{
	int rc = val_parse_date(s, used, y, m, d);

	if (rc == DATE_FORMAT)
		return val_set(r, VAL_ERROR, "date.format",
		               "日期格式应为年-月-日，如2024-03-05、20240305或2024年3月5日");
	if (rc == DATE_INVALID) {
		if (*m < 1 || *m > 12)
			return val_set(r, VAL_ERROR, "date.invalid",
			               "月份应为1–12，现为%d", *m);
		return val_set(r, VAL_ERROR, "date.invalid",
		               "%d年%d月没有%d日（该月只有%d天）", *y, *m, *d,
		               val_mdays(*y, *m));
	}
	if (*y < VAL_YEAR_MIN || *y > VAL_YEAR_MAX)
		return val_set(r, VAL_ERROR, "date.range", "年份应在%d–%d之间，现为%d",
		               VAL_YEAR_MIN, VAL_YEAR_MAX, *y);
	return val_ok(r);
}

/* YYYY-MM-DD exactly, as most dates arrive (exports, the screen's own):
 * 1 with its parts, so the check needs no normalising or formatting. */
static int val_plain_iso(const char *s, int *y, int *m, int *d)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !val_isdigit((unsigned char)s[i]))
			return 0;
	if (s[10] != '\0')
		return 0;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return 1;
}

/* A spreadsheet's date cell exported with its midnight ("2024/05/01
 * 00:00:00", "2024-05-01T00:00") is that date: the time is cut off.  Any
 * other time stays, and is refused as extra text. */
static void cut_midnight(char *s)
{
	/* Chinese Excel writes its midnight 0:00 (a date cell formatted as a
	 * date and time) */
	static const char *const times[] = { "00:00:00", "00:00", "0:00:00", "0:00" };
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
		size_t k = strlen(times[i]);
		if (n > k && strncmp(s + n - k, times[i], k) == 0 &&
		    (s[n - k - 1] == ' ' || s[n - k - 1] == '\t' || s[n - k - 1] == 'T')) {
			s[n - k - 1] = '\0';
			return;
		}
	}
}

static enum val_severity val_date_impl(const char *in, char *out, size_t outsz,
                                       struct val_result *r, int past)
{
	char buf[VAL_BUF], iso[64];
	int y, m, d;
	size_t used;

	/* a plain valid date takes the short way; anything else (and every
	 * message) the long one below */
	if (val_plain_iso(in, &y, &m, &d) && m >= 1 && m <= 12 && d >= 1 && d <= val_mdays(y, m) &&
	    y >= VAL_YEAR_MIN && y <= VAL_YEAR_MAX && (!past || (long)y * 10000 + m * 100 + d <= val_today())) {
		if (out && outsz > 10)
			memcpy(out, in, 11);
		else
			val_put(out, outsz, in);
		return val_ok(r);
	}

	if (val_norm(in, buf) != 0)
		return val_too_long(r, "date.format");
	cut_midnight(buf);
	val_strip(buf, " \t");
	val_put(out, outsz, buf);
	if (strchr(buf, ':'))
		return val_set(r, VAL_ERROR, "date.format", "这一项只填日期，不带时间：应为如2024-03-05");
	if (val_date_part(buf, &used, &y, &m, &d, r) != VAL_OK)
		return r->severity;
	if (buf[used] != '\0')
		return val_set(r, VAL_ERROR, "date.format",
		               "日期格式应为年-月-日，如2024-03-05；多出“%.24s”", buf + used);
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
	val_put(out, outsz, iso);
	if (past) {
		long today = val_today();
		if ((long)y * 10000 + m * 100 + d > today)
			return val_set(r, VAL_ERROR, "date.future",
			               "日期%s晚于今天（%04ld-%02ld-%02ld），不能是将来的日期",
			               iso, today / 10000, today / 100 % 100, today % 100);
	}
	return val_ok(r);
}

/* A number a spreadsheet wrote in scientific notation (1.10105E+17: a
 * column kept as numbers, or too narrow), whose digits are lost.  Excel
 * writes the exponent's sign always. */
int val_looks_scientific(const char *s)
{
	const char *p = s;
	if (!val_isdigit((unsigned char)*p++))
		return 0;
	if (*p == '.') {
		if (!val_isdigit((unsigned char)*++p))
			return 0;
		while (val_isdigit((unsigned char)*p))
			p++;
	}
	/* always with its sign: a code such as 4E12345 is no such number */
	if ((*p != 'E' && *p != 'e') || p[1] != '+')
		return 0;
	p += 2;
	if (!val_isdigit((unsigned char)*p))
		return 0;
	while (val_isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}

/* A due month without its day (2027-03, 2027/3, 2027年3月) as its first
 * day, YYYY-MM-01 into out; 0 when in is not one. */
int val_month_only(const char *in, char *out, size_t outsz)
{
	char buf[VAL_BUF];
	int y, m, cjk;
	char sep;
	size_t p;

	if (val_norm(in, buf) != 0)
		return 0;
	val_strip(buf, " \t");
	if (val_num(buf, 4, &y) != 4 || (p = val_month_part(buf, &m, &cjk, &sep)) == 0)
		return 0;
	if (cjk && strncmp(buf + p, yue, strlen(yue)) == 0)
		p += strlen(yue);
	if (buf[p] || m < 1 || m > 12 || y < VAL_YEAR_MIN || y > VAL_YEAR_MAX)
		return 0;
	snprintf(out, outsz, "%04d-%02d-01", y, m);
	return 1;
}

/* Excel keeps a date as its day count from 1899-12-30 (serial 1 is
 * 1900-01-01; Excel's day 60, a 29 February 1900 that never was, is why
 * the count starts two days early), a time as the fraction of a day.  A
 * cell exported as a number gives that count: five digits are 1927-05-18
 * to 2173-10-13 and are no other way of writing a date; four digits could
 * be a year, so they are left alone. */
int val_excel_serial(const char *in, int with_time, char *out, size_t outsz)
{
	const char *p = in;
	long days = 0;
	while (*p == ' ')
		p++;
	int n = 0;
	/* count past five digits without adding them: a long cell of digits
	 * would overflow */
	for (; *p >= '0' && *p <= '9'; p++, n++)
		if (n < 5)
			days = days * 10 + (*p - '0');
	if (n != 5 || days < 10000)
		return 0;
	long minutes = 0;
	int timed = 0; /* a whole day number says no time: the day alone, not a made-up 00:00 */
	if (*p == '.') {
		timed = 1;
		double frac = 0, unit = 0.1;
		int k = 0;
		for (p++; *p >= '0' && *p <= '9'; p++, k++, unit /= 10)
			frac += (*p - '0') * unit;
		if (k == 0 || (!with_time && frac != 0))
			return 0;
		minutes = (long)(frac * 1440 + 0.5);
	}
	while (*p == ' ')
		p++;
	if (*p)
		return 0;
	days += minutes / 1440;
	minutes %= 1440;
	/* 25569 is 1970-01-01 */
	time_t t = (time_t)(days - 25569) * 86400;
	struct tm tm;
	if (!gmtime_r(&t, &tm))
		return 0;
	if (with_time && timed)
		snprintf(out, outsz, "%04d-%02d-%02d %02ld:%02ld", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		         minutes / 60, minutes % 60);
	else
		snprintf(out, outsz, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 1;
}

enum val_severity val_date(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	return val_date_impl(in, out, outsz, r ? r : &tmp, 0);
}

enum val_severity val_past_date(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	return val_date_impl(in, out, outsz, r ? r : &tmp, 1);
}

/* A time of day as Chinese spreadsheets and people write it — 下午2:30,
 * 上午 9:30:00, 2:30 PM, 14时30分, 9点半 — rewritten in place as H:MM[:SS]
 * on the 24-hour clock.  Text that is none of these is left for the
 * caller's own messages; a half of the day that contradicts the hour
 * (下午14:30, 上午0:30) is an error. */
static const struct { const char *word; int half; } val_halves[] = {
	{ "上午", 1 }, { "早上", 1 }, { "凌晨", 1 }, { "AM", 1 }, { "am", 1 },
	{ "下午", 2 }, { "晚上", 2 }, { "傍晚", 2 }, { "PM", 2 }, { "pm", 2 }, { "中午", 3 },
};

static const char *val_half_of_day(const char *s, int *half)
{
	while (*s == ' ')
		s++;
	for (size_t i = 0; i < sizeof val_halves / sizeof val_halves[0]; i++) {
		size_t n = strlen(val_halves[i].word);
		if (strncmp(s, val_halves[i].word, n) == 0) {
			*half = val_halves[i].half;
			for (s += n; *s == ' '; s++)
				;
			return s;
		}
	}
	return s;
}

static enum val_severity val_time_words(char *t, struct val_result *r)
{
	char o[64];
	size_t n = 0, room = sizeof o - 4; /* a 半 adds two, then "00" and the end */
	int half = 0, words = 0;
	const char *s = val_half_of_day(t, &half);
	while (*s && n < room) {
		if (val_isdigit(*s) || *s == ':') {
			o[n++] = *s++;
		} else if (strncmp(s, "时", 3) == 0 || strncmp(s, "点", 3) == 0) {
			o[n++] = ':';
			s += 3, words = 1;
		} else if (strncmp(s, "分", 3) == 0) {
			s += 3, words = 1;
			if (val_isdigit(*s))
				o[n++] = ':';
		} else if (strncmp(s, "秒", 3) == 0) {
			s += 3, words = 1;
		} else if (strncmp(s, "半", 3) == 0) {
			o[n++] = '3', o[n++] = '0';
			s += 3, words = 1;
		} else {
			break;
		}
	}
	int later = 0;
	s = val_half_of_day(s, &later);
	if (*s || n == 0 || (half && later) || (!half && !later && !words))
		return val_ok(r); /* not one of these forms: the caller says what is wrong */
	half = half ? half : later;
	if (o[n - 1] == ':')
		o[n++] = '0', o[n++] = '0';
	o[n] = '\0';
	if (half) {
		int hh = atoi(o);
		const char *colon = strchr(o, ':');
		if (!colon)
			return val_ok(r);
		if (hh == 0 || hh > 12)
			return val_set(r, VAL_ERROR, "datetime.format",
			               "“%s”与%d点不符：写作下午2:30或14:30", half == 1 ? "上午" : half == 2 ? "下午" : "中午", hh);
		hh = half == 1 ? hh % 12 : half == 2 ? (hh % 12) + 12 : hh <= 3 ? hh + 12 : hh;
		/* the hour's digits before the colon become hh's */
		char h[sizeof o + 8];
		int k = snprintf(h, sizeof h, "%d%s", hh, colon);
		if (k < 0 || (size_t)k >= sizeof o)
			return val_ok(r);
		memcpy(o, h, (size_t)k + 1);
	}
	if (strlen(o) > strlen(t))
		return val_ok(r); /* 9:PM, the one form that grows: left to the caller */
	strcpy(t, o);
	return val_ok(r);
}

enum val_severity val_datetime(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF], res[64];
	int y, m, d, hh, mm, ss = 0;
	size_t used, p, k;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "datetime.format");
	val_put(out, outsz, buf);
	if (val_date_part(buf, &used, &y, &m, &d, r) != VAL_OK)
		return r->severity;
	p = used;
	if (buf[p] == 'T' || buf[p] == 't')
		p++;
	else
		while (buf[p] == ' ' || buf[p] == '\t')
			p++;
	if (buf[p] == '\0')
		/* an entry imported with its day only comes back here at the desk:
		 * the example is that day, to be completed */
		return val_set(r, VAL_ERROR, "datetime.format",
		               "只有日期，缺少时间：请补上时:分，如%04d-%02d-%02d 14:30", y, m, d);
	if (val_time_words(buf + p, r) != VAL_OK)
		return r->severity;
	if ((k = val_num(buf + p, 2, &hh)) == 0 || buf[p + k] != ':')
		return val_set(r, VAL_ERROR, "datetime.format",
		               "时间格式应为时:分或时:分:秒，如14:30");
	p += k + 1;
	if (val_num(buf + p, 2, &mm) != 2)
		return val_set(r, VAL_ERROR, "datetime.format",
		               "分钟应为两位数字，如14:05");
	p += 2;
	if (buf[p] == ':') {
		p++;
		if (val_num(buf + p, 2, &ss) != 2)
			return val_set(r, VAL_ERROR, "datetime.format",
			               "秒应为两位数字，如14:05:09");
		p += 2;
	}
	if (buf[p] != '\0')
		return val_set(r, VAL_ERROR, "datetime.format",
		               "时间后多出“%.24s”，应为如2024-03-05 14:30", buf + p);
	if (hh > 23 || mm > 59 || ss > 59)
		return val_set(r, VAL_ERROR, "datetime.time",
		               "时间%02d:%02d:%02d无效（时0–23，分、秒0–59）", hh, mm, ss);
	snprintf(res, sizeof res, "%04d-%02d-%02d %02d:%02d", y, m, d, hh, mm);
	val_put(out, outsz, res);
	return val_ok(r);
}

/* Minutes since 1970-01-01 00:00 of a civil date and time (the proleptic
 * Gregorian calendar: days from the year's March 1st, then the eras). */
static long long val_minutes(int y, int m, int d, int hh, int mm)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long long days = era * 146097 + doe - 719468;
	return days * 1440 + hh * 60 + mm;
}

/* Something that has happened (an arrival, a departure, an order opened
 * or completed, a complaint received): not later than now, with five
 * minutes for clocks and typing. */
enum val_severity val_past_datetime(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char v[32] = "";
	if (!r)
		r = &tmp;
	enum val_severity sev = val_datetime(in, v, sizeof v, r);
	if (sev == VAL_ERROR) /* out as val_datetime leaves it (v may hold nothing, or a cut) */
		return val_datetime(in, out, outsz, r);
	val_put(out, outsz, v);
	int y, mo, d, hh, mi, ny, nmo, nd, nhh, nmi;
	char now[24];
	clk_now(now, sizeof now); /* the program's one "now" (DESK4S_NOW in tests) */
	if (sscanf(now, "%4d-%2d-%2d %2d:%2d", &ny, &nmo, &nd, &nhh, &nmi) != 5 ||
	    sscanf(v, "%4d-%2d-%2d %2d:%2d", &y, &mo, &d, &hh, &mi) != 5)
		return sev;
	if (val_minutes(y, mo, d, hh, mi) > val_minutes(ny, nmo, nd, nhh, nmi) + 5)
		return val_set(r, VAL_ERROR, "datetime.future", "%s 还没到：不能晚于现在（%04d-%02d-%02d %02d:%02d）", v, ny,
		               nmo, nd, nhh, nmi);
	return sev;
}

/* ---- mobile ------------------------------------------------------------- */

/* Allocated prefixes (IDENTIFIERS.md §1.1).  Only used to warn: new
 * prefixes appear (19x in 2019), so the hard rule is ^1[3-9]\d{9}$.
 * 3-digit entries match the first 3 digits, 4-digit ones the first 4. */
static const struct { int lo, hi; } val_mobile_prefix[] = {
	{ 130, 139 }, { 145, 153 }, { 155, 159 }, { 162, 162 }, { 165, 167 },
	{ 170, 173 }, { 175, 178 }, { 180, 193 }, { 195, 199 },
	{ 1740, 1740 },
};

static int val_mobile_allocated(const char *s)
{
	int p3 = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	int p4 = p3 * 10 + (s[3] - '0');
	size_t i;

	for (i = 0; i < sizeof val_mobile_prefix / sizeof val_mobile_prefix[0]; i++) {
		int lo = val_mobile_prefix[i].lo, hi = val_mobile_prefix[i].hi;
		int p = lo >= 1000 ? p4 : p3;
		if (p >= lo && p <= hi)
			return 1;
	}
	return 0;
}

/* Strip +86 / 0086 / 86 in front of an 11-digit number. */
static void val_strip_cc(char *s)
{
	size_t n = strlen(s);

	if (strncmp(s, "+86", 3) == 0)
		memmove(s, s + 3, n - 2);
	else if (strncmp(s, "0086", 4) == 0 && n > 4)
		memmove(s, s + 4, n - 3);
	else if (strncmp(s, "86", 2) == 0 && n == 13)
		memmove(s, s + 2, n - 1);
}

enum val_severity val_mobile(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF], bad[5];
	size_t n;
	int pos;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "mobile.length");
	val_strip(buf, " \t-()");
	val_strip_cc(buf);
	val_put(out, outsz, buf);
	if ((pos = val_first_bad(buf, val_ok_digit, bad)) > 0)
		return val_set(r, VAL_ERROR, "mobile.chars",
		               "手机号码只能含数字（可带+86、空格或短横线），第%d个字符“%s”不是数字",
		               pos, bad);
	n = strlen(buf);
	/* a landline where a mobile belongs (an A-card's 联系电话 from the
	 * office phone): said as what it is, not as a mobile of wrong length */
	if (buf[0] != '1' && val_landline(in, NULL, 0, NULL) != VAL_ERROR)
		return val_set(r, VAL_ERROR, "mobile.landline",
		               "“%.40s”是固定电话号码，这一栏只记手机号码（11位，1开头）", in);
	if (n != 11)
		return val_set(r, VAL_ERROR, "mobile.length",
		               "应为11位手机号码（1开头，第二位3–9），现为%zu位", n);
	if (buf[0] != '1' || buf[1] < '3')
		return val_set(r, VAL_ERROR, "mobile.format",
		               "应为11位手机号码（1开头，第二位3–9），现以%.2s开头", buf);
	if (!val_mobile_allocated(buf))
		return val_set(r, VAL_WARNING, "mobile.prefix",
		               "号段%.3s不在已分配的手机号段表中，请核对", buf);
	return val_ok(r);
}

/* A number meant as a mobile: a valid one, or one whose digits start
 * with 1 after any +86 (a digit short, it is refused as a mobile, which
 * says what is wrong); landlines start with 0 or 2–9. */
int val_looks_mobile(const char *v)
{
	char norm[64];
	if (val_mobile(v, norm, sizeof norm, NULL) != VAL_ERROR)
		return 1;
	char d[64];
	txt_normalize(v, d, sizeof d);
	const char *p = d;
	while (*p && !(*p >= '0' && *p <= '9'))
		p++;
	if (strncmp(p, "86", 2) == 0 && (d[0] == '+' || p[2] == ' ' || p[2] == '-'))
		p += 2;
	while (*p == ' ' || *p == '-')
		p++;
	return *p == '1';
}

/* ---- resident ID number (GB 11643) -------------------------------------- */

static char val_id_check(const char *body17)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (body17[i] - '0') * w[i];
	return "10X98765432"[sum % 11];
}

/* The 31 mainland province codes in two digits (§1.2); with permits also
 * 81–83, the Hong Kong / Macau / Taiwan residence permits (2018, 18 digits
 * only).  The foreigner's card takes the mainland ones alone: it is issued
 * by the exit-entry offices of a mainland province. */
static int val_id_province(const char *s, int permits)
{
	static const struct { int lo, hi; } p[] = {
		{ 11, 15 }, { 21, 23 }, { 31, 37 }, { 41, 46 }, { 50, 54 },
		{ 61, 65 }, { 81, 83 },
	};
	size_t i, n = sizeof p / sizeof p[0] - (permits ? 0 : 1);
	int v = (s[0] - '0') * 10 + (s[1] - '0');

	for (i = 0; i < n; i++)
		if (v >= p[i].lo && v <= p[i].hi)
			return 1;
	return 0;
}

/* 外国人永久居留身份证 (2023 edition, issued from 2023-12-01): 18
 * characters, 9 | issuing province (2 digits, GB/T 2260) | nationality
 * (3 digits, GB/T 2659 numeric) | birth date YYYYMMDD | sequence (3 digits,
 * odd for men, even for women) | GB 11643 MOD 11-2 check character.
 * Source: the NIA's 新版外国人永久居留身份证机读信息规则 (2023版), quoted
 * at http://www.eastcoms.com/service/pro/840.html (the leading 9, the
 * check), and its table as public implementations cite it from
 * https://www.nia.gov.cn/20231013/2.pdf, with the example
 * 932682198501010017 (江苏, 沙特阿拉伯, 1985-01-01, 001) whose check
 * character val_id_check computes.  So the birth date and the sex sit
 * where a resident's do (digits 7–14 and 17). */
static int val_id_foreign(const char *s) { return s[0] == '9'; }

static int val_ok_idchar(uint32_t c) { return (c >= '0' && c <= '9') || c == 'X'; }

static int val_dig(const char *s, int n)
{
	int v = 0, i;
	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

enum val_severity val_idno(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF], bad[5], chk;
	size_t n;
	int pos, y, m, d;
	long birth, today;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "idno.length");
	val_strip(buf, " \t-");
	val_upper(buf);
	val_put(out, outsz, buf);
	if ((pos = val_first_bad(buf, val_ok_idchar, bad)) > 0)
		return val_set(r, VAL_ERROR, "idno.chars",
		               "身份证号码只能由数字和末位X组成，第%d位“%s”不符", pos, bad);
	n = strlen(buf);
	if (n == 15 && val_all_digits(buf)) {
		char up[19];
		/* only residents ever had 15 digits: upgraded, a leading 8 or 9
		 * would pass for a permit or a foreigner's card */
		if (!val_id_province(buf, 0))
			return val_set(r, VAL_ERROR, "idno.region",
			               "旧15位身份证号码前两位%.2s不是省级行政区代码（11–65）", buf);
		/* GB 11643-1989 numbers: century 19 implied, no check digit. */
		memcpy(up, buf, 6);
		memcpy(up + 6, "19", 2);
		memcpy(up + 8, buf + 6, 9);
		up[17] = val_id_check(up);
		up[18] = '\0';
		if (!val_real_date(1900 + val_dig(buf + 6, 2), val_dig(buf + 8, 2),
		                   val_dig(buf + 10, 2)))
			return val_set(r, VAL_ERROR, "idno.legacy15",
			               "旧15位身份证号码已停用，且其出生日期19%.6s无效，请核对证件", buf + 6);
		/* the 18-digit number is the old one upgraded (IDENTIFIERS.md):
		 * stored as that, checked as that, and said */
		enum val_severity sev = val_idno(up, out, outsz, r);
		if (sev == VAL_ERROR)
			return sev;
		return val_set(r, VAL_WARNING, "idno.legacy15",
		               "旧15位号码已按GB 11643换算为18位 %s，请与证件核对", up);
	}
	if (n != 18)
		return val_set(r, VAL_ERROR, "idno.length",
		               "应为18位（17位数字加校验位0–9或X），现为%zu位", n);
	if (strchr(buf, 'X') && strchr(buf, 'X') - buf < 17)
		return val_set(r, VAL_ERROR, "idno.chars",
		               "X只能出现在第18位（校验位），现出现在第%d位",
		               (int)(strchr(buf, 'X') - buf) + 1);
	if (val_id_foreign(buf)) {
		if (!val_id_province(buf + 1, 0))
			return val_set(r, VAL_ERROR, "idno.region",
			               "外国人永久居留身份证号码（以9开头）第2–3位%.2s不是受理地省级行政区代码（11–65）",
			               buf + 1);
	} else if (!val_id_province(buf, 1)) {
		return val_set(r, VAL_ERROR, "idno.region",
		               "前两位%.2s不是省级行政区代码（GB 11643：11–65、港澳台81–83，外国人永久居留证以9开头）",
		               buf);
	}
	/* the foreigner's card has its birth date where a resident's is */
	y = val_dig(buf + 6, 4), m = val_dig(buf + 10, 2), d = val_dig(buf + 12, 2);
	if (!val_real_date(y, m, d))
		return val_set(r, VAL_ERROR, "idno.date",
		               "第7–14位出生日期%.8s不是有效日期", buf + 6);
	if (y < 1800)
		return val_set(r, VAL_ERROR, "idno.date",
		               "第7–14位出生年份%d早于1800年", y);
	birth = (long)y * 10000 + m * 100 + d;
	today = val_today();
	if (birth > today)
		return val_set(r, VAL_ERROR, "idno.future",
		               "第7–14位出生日期%04d-%02d-%02d晚于今天", y, m, d);
	chk = val_id_check(buf);
	/* a spreadsheet keeps 15 significant digits of a number: an ID number
	 * stored as one ends in 000 */
	if (chk != buf[17] && strcmp(buf + 15, "000") == 0)
		return val_set(r, VAL_ERROR, "idno.checksum",
		               "校验位不符：末三位是000，多半是表格软件把号码当数字存时丢了后三位，"
		               "请在原表中把这一列设为文本后重新导出，再对照证件逐位核对");
	/* Never the character the sum asks for: staff would change the last
	 * one, while MOD 11-2 fails for a wrong digit anywhere. */
	if (chk != buf[17])
		return val_set(r, VAL_ERROR, "idno.checksum",
		               "校验位不符：号码中有输错的数字（不一定是末位），请对照证件逐位核对");
	if ((today - birth) / 10000 > 120)
		return val_set(r, VAL_WARNING, "idno.age",
		               "按出生日期%.4s-%.2s-%.2s计算已超过120岁，请核对",
		               buf + 6, buf + 10, buf + 12);
	return val_ok(r);
}

int val_idno_info(const char *id18, struct val_idinfo *info)
{
	int i, y, m, d, foreign;

	if (!id18 || strlen(id18) != 18)
		return -1;
	for (i = 0; i < 17; i++)
		if (!val_isdigit((unsigned char)id18[i]))
			return -1;
	if (!val_isdigit((unsigned char)id18[17]) && id18[17] != 'X')
		return -1;
	/* a 9 before no issuing province is no foreigner's card: nothing
	 * known is read from it */
	foreign = val_id_foreign(id18);
	if (foreign && !val_id_province(id18 + 1, 0))
		return -1;
	y = val_dig(id18 + 6, 4), m = val_dig(id18 + 10, 2), d = val_dig(id18 + 12, 2);
	if (!val_real_date(y, m, d))
		return -1;
	info->year = y;
	info->month = m;
	info->day = d;
	info->male = (id18[16] - '0') % 2;
	info->foreign = foreign;
	if (foreign) {
		snprintf(info->region, sizeof info->region, "%.2s0000", id18 + 1);
		memcpy(info->nationality, id18 + 3, 3);
		info->nationality[3] = '\0';
	} else {
		memcpy(info->region, id18, 6);
		info->region[6] = '\0';
		info->nationality[0] = '\0';
	}
	return 0;
}

/* ---- unified social credit code (GB 32100) ------------------------------ */

static const char val_uscc_set[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int val_ok_uscc(uint32_t c)
{
	return c > 0 && c < 0x80 && strchr(val_uscc_set, (int)c) != NULL;
}

enum val_severity val_uscc(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF], bad[5];
	size_t n, i;
	int sum = 0, w = 1, pos;
	char chk;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "uscc.length");
	val_strip(buf, " \t-");
	val_upper(buf);
	val_put(out, outsz, buf);
	n = txt_chars(buf);
	if (n != 18)
		return val_set(r, VAL_ERROR, "uscc.length",
		               "统一社会信用代码应为18位（GB 32100），现为%zu位", n);
	if ((pos = val_first_bad(buf, val_ok_uscc, bad)) > 0)
		return val_set(r, VAL_ERROR, "uscc.chars",
		               "第%d位“%s”不在统一社会信用代码字符集内（数字和大写字母，不用I、O、S、V、Z）",
		               pos, bad);
	for (i = 2; i < 8; i++)
		if (!val_isdigit((unsigned char)buf[i]))
			return val_set(r, VAL_ERROR, "uscc.region",
			               "第3–8位应为登记管理机关行政区划码（6位数字），现为%.6s", buf + 2);
	for (i = 0; i < 17; i++) {
		/* weights are 3^(i) mod 31 */
		sum += (int)(strchr(val_uscc_set, buf[i]) - val_uscc_set) * w;
		w = w * 3 % 31;
	}
	chk = val_uscc_set[(31 - sum % 31) % 31];
	if (chk != buf[17])
		return val_set(r, VAL_WARNING, "uscc.checksum",
		               "校验位不符：按GB 32100计算应为%c，实为%c（少数早期代码确实不符，请核对营业执照）",
		               chk, buf[17]);
	return val_ok(r);
}

/* ---- VIN (GB 16735 / ISO 3779) ------------------------------------------ */

static int val_vin_value(char c)
{
	/* transliteration A1 B2 ... H8 J1 ... N5 P7 R9 S2 ... Z9 */
	static const char t[] = "12345678?12345?7?923456789";

	if (val_isdigit((unsigned char)c))
		return c - '0';
	return t[c - 'A'] - '0';
}

static int val_ok_vin(uint32_t c)
{
	return (c >= '0' && c <= '9') ||
	       (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' && c != 'Q');
}

enum val_severity val_vin(const char *in, char *out, size_t outsz, struct val_result *r)
{
	static const int w[17] = { 8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2 };
	struct val_result tmp;
	char buf[VAL_BUF], chk, bad[5];
	size_t n, i;
	int sum = 0, pos;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "vin.length");
	val_strip(buf, " \t-");
	val_upper(buf);
	val_put(out, outsz, buf);
	n = txt_chars(buf);
	if (n != 17)
		return val_set(r, VAL_ERROR, "vin.length",
		               "车架号（VIN）应为17位（GB 16735），现为%zu位", n);
	if ((pos = val_first_bad(buf, val_ok_vin, bad)) > 0) {
		if (strchr("IOQ", bad[0]))
			return val_set(r, VAL_ERROR, "vin.chars",
			               "第%d位为字母%s：车架号不使用字母I、O、Q（易与1、0混淆）", pos, bad);
		return val_set(r, VAL_ERROR, "vin.chars",
		               "第%d位“%s”不是数字或字母：车架号只含数字和字母（不用I、O、Q）", pos, bad);
	}
	for (i = 0; i < 17; i++)
		sum += val_vin_value(buf[i]) * w[i];
	chk = sum % 11 == 10 ? 'X' : (char)('0' + sum % 11);
	if (chk != buf[8]) {
		if (buf[0] == 'L')
			return val_set(r, VAL_ERROR, "vin.checksum",
			               "第9位校验位不符：按GB 16735计算应为%c，实为%c（L开头为国产车，必须相符）",
			               chk, buf[8]);
		return val_set(r, VAL_WARNING, "vin.checksum",
		               "第9位校验位不符：按GB 16735计算应为%c，实为%c（进口车可能不用校验位，请核对）",
		               chk, buf[8]);
	}
	if (!strchr("ABCDEFGHJKLMNPRSTVWXY123456789", buf[9]))
		return val_set(r, VAL_WARNING, "vin.year",
		               "第10位年份代码%c无效（不用I、O、Q、U、Z和0），请核对", buf[9]);
	return val_ok(r);
}

/* ---- licence plate (GA 36) ---------------------------------------------- */

static const char *const val_provinces[] = {
	"京", "津", "冀", "晋", "蒙", "辽", "吉", "黑", "沪", "苏", "浙",
	"皖", "闽", "赣", "鲁", "豫", "鄂", "湘", "粤", "桂", "琼", "渝",
	"川", "贵", "云", "藏", "陕", "甘", "青", "宁", "新",
};

static int val_plate_province(uint32_t cp)
{
	size_t i;

	for (i = 0; i < sizeof val_provinces / sizeof val_provinces[0]; i++) {
		uint32_t p;
		txt_decode(val_provinces[i], strlen(val_provinces[i]), &p);
		if (p == cp)
			return 1;
	}
	return 0;
}

/* Serial characters: digits and capital letters except I and O. */
static int val_plate_serial(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O');
}

/* New-energy type letters: D/F originally, widened to A–H, J, K. */
static int val_plate_nev(uint32_t c)
{
	return (c >= 'A' && c <= 'H') || c == 'J' || c == 'K';
}

static int val_cp_in(uint32_t c, const char *set)
{
	size_t n = strlen(set), i = 0;

	while (i < n) {
		uint32_t p;
		i += txt_decode(set + i, n - i, &p);
		if (p == c)
			return 1;
	}
	return 0;
}

enum val_severity val_plate(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF];
	uint32_t c[12];
	size_t n = 0, i = 0, len;
	int j;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "plate.length");
	val_strip(buf, " \t-.");
	val_strip_cp(buf, 0x00B7); /* · middle dot */
	val_strip_cp(buf, 0x2022); /* • bullet */
	val_strip_cp(buf, 0x30FB); /* ・ katakana middle dot (IME) */
	val_strip_cp(buf, 0xFF65); /* ･ half-width middle dot */
	val_upper(buf);
	val_put(out, outsz, buf);
	len = strlen(buf);
	while (i < len && n < sizeof c / sizeof c[0]) {
		i += txt_decode(buf + i, len - i, &c[n]);
		n++;
	}
	if (i < len)
		n = txt_chars(buf);
	if (n == 0)
		return val_set(r, VAL_ERROR, "plate.length", "号牌号码为空");
	if (!val_plate_province(c[0])) {
		/* Embassy (使), armed police (WJ), military, 临/试/超/应急 and the
		 * like exist but are not ordinary plates: keep them, warn. */
		int unusual = (c[0] >= 0x4E00 && c[0] <= 0x9FFF) ||
		              (n >= 2 && c[0] == 'W' && c[1] == 'J') ||
		              strstr(buf, "使") != NULL;
		if (unusual && n >= 5 && n <= 10)
			return val_set(r, VAL_WARNING, "plate.unusual",
			               "不是普通号牌格式（使馆、武警、军队、临时等），请核对");
		return val_set(r, VAL_ERROR, "plate.province",
		               "第1位应为省份简称（京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新）");
	}
	if (n != 7 && n != 8)
		return val_set(r, VAL_ERROR, "plate.length",
		               "应为7位（省份简称+字母+5位序号），新能源号牌8位，现为%zu位", n);
	if (!(c[1] >= 'A' && c[1] <= 'Z'))
		return val_set(r, VAL_ERROR, "plate.letter",
		               "第2位应为发牌机关代号字母A–Z（GA 36）");
	if (n == 7) {
		for (j = 2; j < 7; j++) {
			if (c[j] == 'I' || c[j] == 'O')
				return val_set(r, VAL_ERROR, "plate.serial",
				               "第%d位为字母%c：号牌序号不使用I、O（易与1、0混淆）",
				               j + 1, (char)c[j]);
			if (val_plate_serial(c[j]))
				continue;
			if (j == 6 && val_cp_in(c[j], "挂学警港澳领"))
				continue;
			return val_set(r, VAL_ERROR, "plate.serial",
			               "第%d位不符：普通号牌后5位为数字或字母（末位可为挂、学、警、港、澳、领）",
			               j + 1);
		}
	} else {
		int small = val_plate_nev(c[2]) && val_plate_serial(c[3]);
		int large = val_plate_nev(c[7]);

		for (j = 4; j < 8; j++)
			small = small && c[j] >= '0' && c[j] <= '9';
		for (j = 2; j < 7; j++)
			large = large && c[j] >= '0' && c[j] <= '9';
		if (!small && !large)
			return val_set(r, VAL_ERROR, "plate.nev",
			               "新能源号牌（8位）序号应为D/F等字母+1位字母或数字+4位数字，或5位数字+D/F等字母");
	}
	if (c[1] == 'I' || c[1] == 'O')
		return val_set(r, VAL_WARNING, "plate.letter_io",
		               "第2位发牌机关代号为%c，现行号牌很少使用I、O，请核对", (char)c[1]);
	return val_ok(r);
}

/* ---- postcode, QQ ------------------------------------------------------- */

static int val_postal_zone(const char *s)
{
	int z = (s[0] - '0') * 10 + (s[1] - '0');

	/* (0[1-7]|1[0-356]|2[0-7]|3[0-6]|4[0-7]|5[1-7]|6[1-7]|7[0-5]|8[013-6]) */
	switch (z / 10) {
	case 0: return z >= 1 && z <= 7;
	case 1: return z != 14 && z <= 16;
	case 2: return z <= 27;
	case 3: return z <= 36;
	case 4: return z <= 47;
	case 5: return z >= 51 && z <= 57;
	case 6: return z >= 61 && z <= 67;
	case 7: return z <= 75;
	case 8: return z == 80 || z == 81 || (z >= 83 && z <= 86);
	default: return 0;
	}
}

enum val_severity val_postcode(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF];

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "postcode.format");
	val_strip(buf, " \t");
	val_put(out, outsz, buf);
	if (!val_all_digits(buf) || strlen(buf) != 6)
		return val_set(r, VAL_ERROR, "postcode.format",
		               "邮政编码应为6位数字，现为“%.24s”", buf);
	/* 999077 is the usual placeholder for Hong Kong and Macau. */
	if (strcmp(buf, "999077") != 0 && !val_postal_zone(buf))
		return val_set(r, VAL_WARNING, "postcode.zone",
		               "前两位%.2s不是已知的邮区代码，请核对", buf);
	return val_ok(r);
}

/* A serial code that no standard spells (engine number, certificate
 * number, invoice number): what the manufacturer's upload and a search
 * compare, so an input method's full-width ＡＢ１２ and lower case are
 * made what the plate on the engine says, and blanks typed inside go. */
static int val_ok_code(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c && strchr("-*/.", (int)c));
}

enum val_severity val_code(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF], bad[5];
	int pos;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "code.format");
	val_strip(buf, " \t");
	val_upper(buf);
	val_put(out, outsz, buf);
	if ((pos = val_first_bad(buf, val_ok_code, bad)) > 0)
		return val_set(r, VAL_ERROR, "code.chars", "编号只能有字母、数字和 - * / . 四种符号，第%d个字符是“%s”",
		               pos, bad);
	if (strlen(buf) > 32)
		return val_set(r, VAL_ERROR, "code.length", "编号过长（%zu位，最多32位），请核对", strlen(buf));
	return val_ok(r);
}

enum val_severity val_qq(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF];
	size_t n;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "qq.length");
	val_strip(buf, " \t");
	val_put(out, outsz, buf);
	if (!val_all_digits(buf))
		return val_set(r, VAL_ERROR, "qq.chars", "QQ号只能是数字");
	n = strlen(buf);
	if (buf[0] == '0')
		return val_set(r, VAL_ERROR, "qq.lead", "QQ号不以0开头");
	if (n < 5 || n > 11)
		return val_set(r, VAL_ERROR, "qq.length", "QQ号应为5–11位数字，现为%zu位", n);
	return val_ok(r);
}

/* ---- e-mail ------------------------------------------------------------- */

static int val_email_local_ok(int c)
{
	return c > 0x20 && c < 0x7F && !strchr("()<>[]:;,\\\"@", c);
}

enum val_severity val_email(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF], *at, *dom, *p, *label;
	size_t ll;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "email.length");
	/* A Chinese input method types 。 for the dot. */
	{
		char *q;
		while ((q = strstr(buf, "。")) != NULL) {
			*q = '.';
			memmove(q + 1, q + 3, strlen(q + 3) + 1);
		}
	}
	val_put(out, outsz, buf);
	if (strpbrk(buf, " \t"))
		return val_set(r, VAL_ERROR, "email.space", "电子邮箱中不能有空格");
	at = strchr(buf, '@');
	if (!at || strchr(at + 1, '@'))
		return val_set(r, VAL_ERROR, "email.at",
		               "电子邮箱应含且只含一个@，如name@example.com");
	ll = (size_t)(at - buf);
	if (ll == 0 || ll > 64)
		return val_set(r, VAL_ERROR, "email.local",
		               "@前的用户名应为1–64个字符，现为%zu个", ll);
	for (p = buf; p < at; p++)
		if (!val_email_local_ok((unsigned char)*p) || (*p == '.' && (p == buf || p[1] == '.' || p + 1 == at)))
			return val_set(r, VAL_ERROR, "email.local",
			               "@前的用户名只能含英文字母、数字和.-_+等符号，点不能在首尾或连用");
	dom = at + 1;
	for (p = dom; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	if (!strchr(dom, '.'))
		return val_set(r, VAL_ERROR, "email.domain",
		               "@后应为带点的域名，如qq.com、163.com");
	label = dom;
	for (p = dom;; p++) {
		if (*p == '.' || *p == '\0') {
			size_t n = (size_t)(p - label);
			if (n == 0 || n > 63 || label[0] == '-' || p[-1] == '-')
				return val_set(r, VAL_ERROR, "email.domain",
				               "域名“%.40s”格式不对：各段不能为空或以-开头、结尾", dom);
			if (*p == '\0') {
				size_t k;
				int alpha = 0;
				for (k = 0; k < n; k++)
					alpha |= label[k] >= 'a' && label[k] <= 'z';
				if (n < 2 || !alpha)
					return val_set(r, VAL_ERROR, "email.domain",
					               "域名“%.40s”的末段应为com、cn等后缀", dom);
				break;
			}
			label = p + 1;
		} else if (!((*p >= 'a' && *p <= 'z') || val_isdigit((unsigned char)*p) || *p == '-')) {
			return val_set(r, VAL_ERROR, "email.domain",
			               "域名只能含英文字母、数字、-和点，现为“%.40s”", dom);
		}
	}
	val_put(out, outsz, buf);
	return val_ok(r);
}

/* ---- landline (§1.7) ---------------------------------------------------- */

/* Length of the area code of a digit string that matches the landline
 * pattern (3 or 4), or 0. */
static int val_landline_area(const char *d)
{
	size_t n = strlen(d);

	if (n == 11 && d[0] == '0' &&
	    ((d[1] == '1' && d[2] == '0') ||
	     (d[1] == '2' && d[2] != '6')) && d[3] >= '2')
		return 3;
	if ((n == 11 || n == 12) && d[0] == '0' && d[1] >= '3' && d[4] >= '2')
		return 4;
	return 0;
}

enum val_severity val_landline(const char *in, char *out, size_t outsz, struct val_result *r)
{
	static const char zhuan[] = "转";
	struct val_result tmp;
	char buf[VAL_BUF], ext[VAL_BUF] = "", all[VAL_BUF], lastless[VAL_BUF];
	char res[VAL_BUF * 3], bad[5], *z, *last; /* room for "-" + ext */
	int area;
	size_t n;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "landline.length");
	val_put(out, outsz, buf);
	if ((z = strstr(buf, zhuan)) != NULL) {
		snprintf(ext, sizeof ext, "%s", z + strlen(zhuan));
		*z = '\0';
		val_strip(ext, " \t-");
		if (!val_all_digits(ext) || strlen(ext) > 6)
			return val_set(r, VAL_ERROR, "landline.ext",
			               "分机号应为“转”后1–6位数字");
	}
	val_strip(buf, " \t()");
	if (strncmp(buf, "+86", 3) == 0 || strncmp(buf, "0086", 4) == 0) {
		/* Written for callers abroad: the trunk 0 of the area code is
		 * dropped after +86, so put it back. */
		char tail[VAL_BUF];
		const char *t = buf + (buf[0] == '+' ? 3 : 4);
		if (*t == '-')
			t++;
		snprintf(tail, sizeof tail, "%s%s", *t == '0' ? "" : "0", t);
		memcpy(buf, tail, sizeof buf);
	}
	for (n = 0; buf[n]; n++) {
		if (!val_isdigit((unsigned char)buf[n]) && buf[n] != '-') {
			uint32_t cp;
			size_t e;
			txt_decode(buf + n, strlen(buf + n), &cp);
			e = txt_encode(cp, bad);
			bad[e] = '\0';
			return val_set(r, VAL_ERROR, "landline.chars",
			               "固定电话只能含数字、短横线和分机号（-123或转123），“%s”不符", bad);
		}
	}
	/* Split on dashes: all digits joined, and the same without the last
	 * group (which may be an extension written as -123). */
	snprintf(all, sizeof all, "%s", buf);
	val_strip(all, "-");
	lastless[0] = '\0';
	last = strrchr(buf, '-');
	if (last && !ext[0] && strlen(last + 1) >= 1 && strlen(last + 1) <= 6) {
		snprintf(lastless, sizeof lastless, "%.*s", (int)(last - buf), buf);
		val_strip(lastless, "-");
	}
	if (lastless[0] && val_landline_area(lastless)) {
		snprintf(ext, sizeof ext, "%s", last + 1);
		snprintf(all, sizeof all, "%s", lastless);
	}
	if (all[0] == '\0')
		return val_set(r, VAL_ERROR, "landline.format", "固定电话号码为空");
	area = val_landline_area(all);
	if (!area) {
		n = strlen(all);
		if ((n == 10) && (strncmp(all, "400", 3) == 0 || strncmp(all, "800", 3) == 0)) {
			snprintf(res, sizeof res, "%.3s-%.3s-%s", all, all + 3, all + 6);
			if (ext[0])
				snprintf(res + strlen(res), sizeof res - strlen(res), "-%s", ext);
			val_put(out, outsz, res);
			return val_ok(r);
		}
		if (n == 11 && all[0] == '1')
			return val_set(r, VAL_ERROR, "landline.mobile",
			               "这是11位手机号码，不是固定电话（固定电话为区号+7–8位号码）");
		if (all[0] != '0')
			return val_set(r, VAL_ERROR, "landline.area",
			               "缺少区号：固定电话应以0开头的区号开始，如0571-88886666");
		if (all[1] == '0' || (all[1] == '1' && all[2] != '0') ||
		    (all[1] == '2' && all[2] == '6'))
			return val_set(r, VAL_ERROR, "landline.area",
			               "区号%.3s不存在（3位区号为010、020–025、027–029，其余为4位）", all);
		return val_set(r, VAL_ERROR, "landline.format",
		               "区号后应为2–9开头的号码：3位区号后8位，4位区号后7–8位（现共%zu位数字）", n);
	}
	snprintf(res, sizeof res, "%.*s-%s", area, all, all + area);
	if (ext[0])
		snprintf(res + strlen(res), sizeof res - strlen(res), "-%s", ext);
	val_put(out, outsz, res);
	return val_ok(r);
}

int val_local_number(const char *in, char *out, size_t outsz)
{
	char buf[VAL_BUF];
	size_t n = 0;
	if (val_norm(in, buf) != 0) /* full-width digits, surrounding blanks */
		return 0;
	for (const char *p = buf; *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		if (!val_isdigit((unsigned char)*p) || n + 1 >= outsz)
			return 0;
		out[n++] = *p;
	}
	if (outsz)
		out[n] = 0;
	return (n == 7 || n == 8) && out[0] >= '2';
}

/* ---- numbers ------------------------------------------------------------ */

/* Remove "," groupings that sit between digits; other commas stay and
 * make the value malformed. */
static void val_strip_commas(char *s)
{
	char *o = s, *p;

	for (p = s; *p; p++) {
		if (*p == ',' && p > s && val_isdigit((unsigned char)p[-1]) &&
		    val_isdigit((unsigned char)p[1]))
			continue;
		*o++ = *p;
	}
	*o = '\0';
}

/* Drop leading zeros of a digit string, keeping one digit. */
static const char *val_nozeros(const char *s)
{
	while (s[0] == '0' && s[1] != '\0')
		s++;
	return s;
}

#define VAL_INT_DIGITS 15 /* far beyond any mileage or count */

enum val_severity val_int(const char *in, char *out, size_t outsz, struct val_result *r)
{
	struct val_result tmp;
	char buf[VAL_BUF];
	const char *d;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "int.format");
	val_strip(buf, " \t");
	val_strip_commas(buf);
	val_put(out, outsz, buf);
	if (buf[0] == '-' && val_all_digits(buf + 1))
		return val_set(r, VAL_ERROR, "int.negative", "应为不小于0的整数，现为负数");
	d = buf[0] == '+' ? buf + 1 : buf;
	if (!val_all_digits(d))
		return val_set(r, VAL_ERROR, "int.format",
		               "应为整数（只含数字，可用逗号分隔千位），现为“%.24s”", buf);
	d = val_nozeros(d);
	if (strlen(d) > VAL_INT_DIGITS)
		return val_set(r, VAL_ERROR, "int.range", "数值过大（超过%d位）", VAL_INT_DIGITS);
	val_put(out, outsz, d);
	return val_ok(r);
}

#define VAL_MONEY_DIGITS 12 /* up to 千亿 yuan */

enum val_severity val_money(const char *in, char *out, size_t outsz, struct val_result *r)
{
	static const char yen[] = "¥", fyen[] = "￥", yuan[] = "元", wan[] = "万";
	struct val_result tmp;
	char buf[VAL_BUF], whole[VAL_BUF + 8], res[VAL_BUF + 16], *s, *dot;
	const char *ip;
	size_t n, fl;
	int neg = 0, in_wan = 0;

	if (!r)
		r = &tmp;
	if (val_norm(in, buf) != 0)
		return val_too_long(r, "money.format");
	val_strip(buf, " \t");
	val_strip_commas(buf);
	val_put(out, outsz, buf);
	s = buf;
	if (*s == '-')
		neg = 1, s++;
	if (strncmp(s, yen, strlen(yen)) == 0)
		s += strlen(yen);
	else if (strncmp(s, fyen, strlen(fyen)) == 0)
		s += strlen(fyen);
	if (*s == '-')
		neg = 1, s++;
	n = strlen(s);
	if (n >= strlen(yuan) && strcmp(s + n - strlen(yuan), yuan) == 0)
		s[n -= strlen(yuan)] = '\0';
	/* 19.8万 (prices are often written in units of ten thousand yuan) */
	if (n > strlen(wan) && strcmp(s + n - strlen(wan), wan) == 0) {
		s[n - strlen(wan)] = '\0';
		in_wan = 1;
	}
	dot = strchr(s, '.');
	if (dot)
		*dot = '\0';
	if (!val_all_digits(s) || (dot && dot[1] != '\0' && !val_all_digits(dot + 1)) ||
	    (dot && dot[1] == '\0'))
		return val_set(r, VAL_ERROR, "money.format",
		               "金额应为数字（可带¥、千位逗号和两位小数，或以万为单位如19.8万），如128000.50");
	if (neg)
		return val_set(r, VAL_ERROR, "money.negative", "金额不能为负数");
	if (in_wan) {
		/* move the point four places right: 19.85万 is 198500 */
		size_t k = dot ? strlen(dot + 1) : 0;
		if (k > 6)
			return val_set(r, VAL_ERROR, "money.decimals", "金额最多到分：以万为单位时最多六位小数，现为%zu位", k);
		snprintf(whole, sizeof whole, "%s%.4s%.*s", s, dot ? dot + 1 : "", (int)(k < 4 ? 4 - k : 0), "0000");
		s = whole;
		dot = k > 4 ? dot + 4 : NULL; /* dot + 1 now starts at the fifth digit: jiao and fen */
	}
	fl = dot ? strlen(dot + 1) : 0;
	if (fl > 2)
		return val_set(r, VAL_ERROR, "money.decimals",
		               "金额最多两位小数（到分），现为%zu位", fl);
	ip = val_nozeros(s);
	if (strlen(ip) > VAL_MONEY_DIGITS)
		return val_set(r, VAL_ERROR, "money.range", "金额过大（超过%d位整数）",
		               VAL_MONEY_DIGITS);
	if (fl == 0 || strspn(dot + 1, "0") == fl)
		snprintf(res, sizeof res, "%s", ip);
	else
		snprintf(res, sizeof res, "%s.%c%c", ip, dot[1], fl == 2 ? dot[2] : '0');
	val_put(out, outsz, res);
	return val_ok(r);
}

/* ---- lookup ------------------------------------------------------------- */

/* Every check once, with what it accepts in words: the lookup, the list of
 * names and the words (F1 on a field, `desk4s forms`) are made from it, so
 * a check cannot go without its words.  The words follow the refusals above. */
#define VAL_CHECKS(X) \
	X(mobile, "11位手机号码（1开头，第二位3–9；可带+86、空格或短横线）") \
	X(idno, "18位身份证号码，末位校验（0–9或X）") \
	X(uscc, "18位统一社会信用代码（GB 32100），末位校验") \
	X(vin, "17位车架号（VIN），只含数字和字母，不用I、O、Q，第9位校验") \
	X(plate, "号牌号码：省份简称+字母+5位序号，如浙A12345；新能源号牌8位") \
	X(postcode, "6位数字的邮政编码") \
	X(email, "电子邮箱，如name@example.com") \
	X(qq, "QQ号：5–11位数字，不以0开头") \
	X(landline, "固定电话：区号+号码，如0571-88886666；分机写作-123或转123") \
	X(date, "日期，如2026-12-06、20261206或2026年12月6日") \
	X(past_date, "日期，如2026-12-06、20261206或2026年12月6日；不能晚于今天") \
	X(datetime, "日期和时间，如2026-12-06 14:30（也可写下午2:30）") \
	X(past_datetime, "日期和时间，如2026-12-06 14:30（也可写下午2:30）；不能晚于现在") \
	X(int, "整数（0或以上）") \
	X(money, "金额（元），最多两位小数，可带¥和千位逗号") \
	X(code, "编号：字母、数字和 - * / . ，最多32位")

#define VAL_ENTRY(name, words) { #name, val_##name, words },
static const struct { const char *name; val_fn fn; const char *words; } val_table[] = { VAL_CHECKS(VAL_ENTRY) };

#define VAL_NCHECKS (sizeof val_table / sizeof val_table[0])

val_fn val_lookup(const char *check)
{
	size_t i;

	if (!check)
		return NULL;
	for (i = 0; i < VAL_NCHECKS; i++)
		if (strcmp(val_table[i].name, check) == 0)
			return val_table[i].fn;
	return NULL;
}

const char *val_words(const char *check)
{
	for (size_t i = 0; check && i < VAL_NCHECKS; i++)
		if (strcmp(val_table[i].name, check) == 0)
			return val_table[i].words;
	return "";
}

const char *const *val_names(void)
{
#define VAL_NAME(name, words) #name,
	static const char *const names[] = { VAL_CHECKS(VAL_NAME) NULL };
#undef VAL_NAME
	return names;
}
