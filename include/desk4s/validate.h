/* validate — pure checks of Chinese identifiers and formats.
 * Each validator normalises what staff really type (full-width digits from
 * an input method, spaces and dashes, +86/0086, a lower-case x) into out,
 * then checks it.  The message names the rule in Chinese; the rules engine
 * puts the field's label in front of it.  Codes are stable (used in import
 * reports and tests): "<check>.<what>", e.g. "idno.checksum". */
#ifndef DESK4S_VALIDATE_H
#define DESK4S_VALIDATE_H
#include <stddef.h>

enum val_severity { VAL_OK = 0, VAL_WARNING = 1, VAL_ERROR = 2 };
/* The longest value a check takes (a code, a number, a date): longer is
 * refused as too long. */
enum { VAL_MAX_BYTES = 255 };

struct val_result {
	enum val_severity severity; /* VAL_OK when the value passes */
	char code[32];              /* "" when ok */
	char msg[256];              /* Chinese, says the rule; "" when ok */
};

/* Every validator has this shape.  `in` is non-empty (empty fields are the
 * rules engine's business).  out receives the normalised value (what is
 * stored) even when a warning is returned; outsz >= 64 is always enough
 * except for free text.  Returns r->severity. */
typedef enum val_severity (*val_fn)(const char *in, char *out, size_t outsz,
                                    struct val_result *r);

enum val_severity val_mobile(const char *in, char *out, size_t outsz, struct val_result *r);
/* 1 when v is meant as a mobile (valid, or its digits start with 1 after
 * any +86), 0 for a landline: where a number of a mixed phone column goes. */
int val_looks_mobile(const char *v);
enum val_severity val_idno(const char *in, char *out, size_t outsz, struct val_result *r);
enum val_severity val_uscc(const char *in, char *out, size_t outsz, struct val_result *r);
enum val_severity val_vin(const char *in, char *out, size_t outsz, struct val_result *r);
enum val_severity val_plate(const char *in, char *out, size_t outsz, struct val_result *r);
enum val_severity val_postcode(const char *in, char *out, size_t outsz, struct val_result *r);
enum val_severity val_email(const char *in, char *out, size_t outsz, struct val_result *r);
enum val_severity val_qq(const char *in, char *out, size_t outsz, struct val_result *r);
/* A serial code without a standard of its own (engine, certificate and
 * invoice numbers): half-width, upper case, no blanks; letters, digits and
 * - * / . only, at most 32. */
enum val_severity val_code(const char *in, char *out, size_t outsz, struct val_result *r);
enum val_severity val_landline(const char *in, char *out, size_t outsz, struct val_result *r);
/* A landline without its area code, as a local call's caller ID shows it
 * (8888 6666): 7 or 8 digits starting with 2–9, perhaps grouped by spaces
 * or dashes.  1 with its digits in out, else 0.  Not a value to store (it
 * names no area); something to look up. */
int val_local_number(const char *in, char *out, size_t outsz);
/* YYYY-MM-DD (also accepts YYYYMMDD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日);
 * out is YYYY-MM-DD.  A date after today is VAL_ERROR "date.future" only in
 * val_past_date. */
enum val_severity val_date(const char *in, char *out, size_t outsz, struct val_result *r);
enum val_severity val_past_date(const char *in, char *out, size_t outsz, struct val_result *r);
/* 1 when s is a number in scientific notation ("1.10105E+17"), as a
 * spreadsheet writes a long number it keeps as a number: digits lost. */
int val_looks_scientific(const char *s);
/* A year and month without a day (2025-03, 2025/3, 2025.3, 2025年3月):
 * 1 with out "YYYY-MM-01", 0 for anything else, a whole date included. */
int val_month_only(const char *in, char *out, size_t outsz);
/* An Excel day number as a spreadsheet exports a date cell kept as a
 * number ("45413" for 2024-05-01; with_time also "45413.5" for 12:00):
 * 1 with out "YYYY-MM-DD" (or "YYYY-MM-DD HH:MM" for a number with its
 * fraction: a whole one gives no time), 0 for anything else. */
int val_excel_serial(const char *in, int with_time, char *out, size_t outsz);
/* YYYY-MM-DD HH:MM (seconds optional); out is "YYYY-MM-DD HH:MM". */
enum val_severity val_datetime(const char *in, char *out, size_t outsz, struct val_result *r);
/* The same, not later than now (DESK4S_NOW in tests) by more than five
 * minutes: VAL_ERROR "datetime.future". */
enum val_severity val_past_datetime(const char *in, char *out, size_t outsz, struct val_result *r);
/* Whole number >= 0 (mileage, counts); out has no separators. */
enum val_severity val_int(const char *in, char *out, size_t outsz, struct val_result *r);
/* Amount of yuan, >= 0, at most 2 decimals, "," separators and a leading
 * ¥ allowed; out like "123456.50" or "123456". */
enum val_severity val_money(const char *in, char *out, size_t outsz, struct val_result *r);

/* Look a validator up by its check name as written in forms/ ("mobile",
 * "idno", "uscc", "vin", "plate", "postcode", "email", "qq", "landline",
 * "date", "past_date", "datetime", "int", "money").  NULL when unknown. */
val_fn val_lookup(const char *check);
/* What the check accepts, in words for the desk ("11位手机号码（1开头…）"):
 * F1 on a field and `desk4s forms` say it.  "" when unknown. */
const char *val_words(const char *check);
/* NULL-terminated list of every check name val_lookup knows. */
const char *const *val_names(void);

/* Facts from a valid 18-character ID number (as normalised by val_idno):
 * a resident's, a 港澳台 residence permit's, or a 2023 foreigner's
 * permanent residence card's (foreign 1), whose birth date (digits 7–14)
 * and sex (digit 17, odd for men) sit in the same places.  region is the
 * address code; for the foreigner's card the issuing province as its
 * GB/T 2260 code ("320000"), not a residence.  nationality is that card's
 * GB/T 2659 numeric code ("682"), "" for the others.  -1 when no facts can
 * be read (a malformed number, no real date, a 9 before no province). */
struct val_idinfo {
	int year, month, day;
	int male;
	char region[7];
	int foreign;
	char nationality[4];
};
int val_idno_info(const char *id18, struct val_idinfo *info);

/* Today's date as YYYYMMDD, from DESK4S_TODAY (YYYY-MM-DD, for tests) or
 * the clock.  Every "not in the future" rule uses it. */
long val_today(void);
/* The same day as YYYY-MM-DD, into out. */
void val_today_iso(char out[11]);
#endif
