/* due — one query per kind of follow-up, each reading its source table
 * through an index over a window of dates, joined with the stored state of
 * tasks somebody already acted on.  The kinds are merged and sorted here. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/audit.h"
#include "desk4s/clock.h"
#include "desk4s/due.h"
#include "desk4s/rules.h"
#include "desk4s/text.h"
#include "store_impl.h"

static const char *const kinds[] = {
	"A卡回访", "维修回访", "交车回访", "档案上传", "投诉回访", "保险到期", "年审到期", "生日", NULL
};
const char *const *due_kinds(void) { return kinds; }

int due_is_kind(const char *name)
{
	for (const char *const *k = kinds; *k; k++)
		if (strcmp(*k, name) == 0)
			return 1;
	return 0;
}

/* Every kind is read as two streams, each already in due-date order, and
 * the streams are merged as they are read, so a month of a large shop's
 * tasks is never held in memory or sorted here:
 *   fresh   tasks nobody has acted on yet: for birthdays, customers read
 *           through the birthday index; for every other kind, due_feed
 *           rows (kept by triggers, schema 0011) in the order of their due
 *           and source dates;
 *   stored  tasks that were rescheduled and are open again (few), from
 *           followup_tasks in order of their new due date.
 * Closed tasks are in neither.  Every query yields the same columns:
 *   source_id, cycle, customer_id, due date (NULL: computed here from the
 *   source date), source date, staff, reason, plate, name, mobile, ref
 *   (customer or card number)
 * and takes ?1 from, ?2 to (YYYY-MM-DD).  SQL narrows the dates to the
 * window through an index and drops stopped customers; the due date, the
 * expiry and the exact window are computed here (date arithmetic in C
 * costs a fraction of SQLite's date() on every row of a month's list). */

#define FRESH(kind, src, cyc) \
	" LEFT JOIN followup_tasks t ON t.kind = '" kind "' AND t.source_id = " src " AND t.cycle = " cyc
#define UNTOUCHED " AND t.id IS NULL"
#define STORED " FROM followup_tasks t"
#define STORED_OPEN(kind) \
	" WHERE t.kind = '" kind "' AND t.status = '待回访' AND t.due_date <= ?2"
#define NOT_STOPPED(kind, cust) \
	" AND NOT EXISTS (SELECT 1 FROM followup_stops s WHERE s.customer_id = " cust " AND s.kind = '" kind "')"
#define BY_STORED_DUE " ORDER BY t.due_date, t.source_id"
/* The 负责人 x a closed record names (a completed order's advisor, a
 * handled complaint's handler, a car's consultant), written at t: under
 * the name its account has now when it was renamed since — the first
 * rename away from x after t (staff_renames, schema 0025), as the due
 * feed's views read it; a later holder of the name keeps their own. */
#define NOW_NAME(x, t) \
	" coalesce((SELECT sn.name FROM staff_renames sr JOIN staff sn ON sn.id = sr.staff_id" \
	" WHERE sr.old_name = " x " AND sr.at > " t " ORDER BY sr.at, sr.id LIMIT 1), " x ", '')"

/* Every kind but birthdays reads its fresh tasks from due_feed, where
 * triggers keep one row per open task a source record implies, with what
 * the list shows (schema 0011): one index range per kind, in the order of
 * the source date, instead of a random read of each task's customer and
 * car.  The due date stored with the row is read like a rescheduled one
 * (no date arithmetic per row).  ?4 is the earliest due date still worth
 * reading.  The kind is spelled into the SQL: every stream needs a
 * prepared statement of its own, and statements are cached by their text. */
#define Q_FEED(kind) \
	"SELECT source_id, cycle, NULL, due_date, src_date, staff, reason, plate, name, mobile, ref" \
	" FROM due_feed WHERE kind = '" kind "' AND due_date >= ?4 AND due_date <= ?2" \
	" ORDER BY kind, due_date, src_date, source_id, cycle"

/* 下次回访: carried forward while the card is active; the planned date is
 * the cycle, so closing one call does not hide the next plan. */
#define ACARD_COLS(due) \
	"SELECT a.id, a.next_date, a.customer_id, " due ", a.next_date," \
	" a.consultant, '意向级别 ' || coalesce(a.level,'') || '，' || coalesce(a.want_model,'')," \
	" '', a.name, coalesce(a.mobile,''), a.card_no"
#define ACARD_ACTIVE " AND a.status IN ('跟进中','已订车')"
static const char Q_ACARD_STORED[] =
	ACARD_COLS("t.due_date") STORED " JOIN acards a ON a.id = t.source_id AND a.next_date = t.cycle"
	STORED_OPEN("A卡回访") ACARD_ACTIVE BY_STORED_DUE;

/* 3 days after a completed order, missed 15 days after due */
#define RO_COLS(due) \
	"SELECT w.id, '', w.customer_id, " due ", w.completed_at," \
	NOW_NAME("w.advisor", "w.opened_at") ", '维修/保养后3天内回访（工单 ' || w.wo_no || '，' || w.work_type || '）'," \
	" coalesce(w.plate,''), c.name, coalesce(c.mobile,''), c.cust_no"
#define RO_WHERE " AND w.status = '已完工' AND c.anonymized_at IS NULL" NOT_STOPPED("维修回访", "c.id")
static const char Q_REPAIR_STORED[] =
	RO_COLS("t.due_date") STORED
	" JOIN workorders w ON w.id = t.source_id JOIN customers c ON c.id = w.customer_id"
	STORED_OPEN("维修回访") RO_WHERE BY_STORED_DUE;

/* 7 days after a new car is delivered (with the 首保 reminder), missed 30
 * days after due */
#define DL_COLS(due) \
	"SELECT v.id, '', v.customer_id, " due ", v.delivery_date," \
	NOW_NAME("v.consultant", "coalesce(v.delivery_date, '')") ", '新车交车后7天内回访，提醒首保（交车 ' || v.delivery_date || '）'," \
	" coalesce(v.plate,''), c.name, coalesce(c.mobile,''), c.cust_no"
#define DL_WHERE " AND v.returned = 0 AND c.anonymized_at IS NULL" NOT_STOPPED("交车回访", "c.id")
static const char Q_DELIVERY_STORED[] =
	DL_COLS("t.due_date") STORED
	" JOIN vehicles v ON v.id = t.source_id JOIN customers c ON c.id = v.customer_id"
	STORED_OPEN("交车回访") DL_WHERE BY_STORED_DUE;

/* 7 days after a complaint is handled, missed 30 days after due */
#define CP_COLS(due) \
	"SELECT p.id, '', p.customer_id, " due ", p.handled_at," \
	NOW_NAME("p.handler", "p.handled_at") ", '投诉处理后7天内回访：' || substr(p.content, 1, 30)," \
	" '', c.name, coalesce(c.mobile,''), c.cust_no"
#define CP_WHERE " AND c.anonymized_at IS NULL" NOT_STOPPED("投诉回访", "c.id")
static const char Q_COMPLAINT_STORED[] =
	CP_COLS("t.due_date") STORED
	" JOIN complaints p ON p.id = t.source_id JOIN customers c ON c.id = p.customer_id"
	STORED_OPEN("投诉回访") CP_WHERE BY_STORED_DUE;

/* Insurance and inspection: called from 30 days before the date until the
 * date itself; the year is the cycle, so next year's renewal is a new task.
 * The person to call is the advisor of the car's latest order, else its
 * sales consultant. */
#define VEH_COLS(col, what, due) \
	"SELECT v.id, substr(v." col ", 1, 4), v.customer_id, " due ", v." col "," \
	" coalesce((SELECT" NOW_NAME("w.advisor", "w.opened_at") " FROM workorders w WHERE w.vehicle_id = v.id" \
	"           ORDER BY w.opened_at DESC LIMIT 1)," \
	NOW_NAME("v.consultant", "coalesce(v.delivery_date, '')") ")," \
	" '" what "到期 ' || v." col "," \
	" coalesce(v.plate,''), c.name, coalesce(c.mobile,''), c.cust_no"
#define VEH_WHERE(kind) " AND v.returned = 0 AND c.anonymized_at IS NULL" NOT_STOPPED(kind, "c.id")
#define VEH_DATE_STORED(kind, col, what) \
	VEH_COLS(col, what, "t.due_date") STORED \
	" JOIN vehicles v ON v.id = t.source_id AND t.cycle = substr(v." col ", 1, 4)" \
	" JOIN customers c ON c.id = v.customer_id" \
	STORED_OPEN(kind) " AND v." col " >= ?1" VEH_WHERE(kind) BY_STORED_DUE
static const char Q_INSURANCE_STORED[] = VEH_DATE_STORED("保险到期", "insurance_due", "保险");
static const char Q_INSPECTION_STORED[] = VEH_DATE_STORED("年审到期", "inspection_due", "年审");

/* Birthdays only for customers who agreed to marketing contact, missed 7
 * days after.  ?3 is the year ("2026"), ?4..?5 the month-day range within it; 29
 * Feb is kept on 28 Feb in other years (it still sorts after the 28th's own
 * birthdays: the same due date). */
#define BD_COLS(cyc, due) \
	"SELECT c.id, " cyc ", c.id, " due ", c.birth_date, '', '生日祝福（' || c.birth_date || '）'," \
	" '', c.name, coalesce(c.mobile,''), c.cust_no"
#define BD_WHERE " AND c.birth_date IS NOT NULL AND c.marketing_ok = '是' AND c.anonymized_at IS NULL"
static const char Q_BIRTHDAY[] =
	BD_COLS("?3", "NULL") " FROM customers c" FRESH("生日", "c.id", "?3")
	" WHERE substr(c.birth_date, 6) >= ?4 AND substr(c.birth_date, 6) <= ?5" BD_WHERE
	NOT_STOPPED("生日", "c.id") UNTOUCHED " ORDER BY substr(c.birth_date, 6), c.birth_date, c.cust_no";
static const char Q_BIRTHDAY_STORED[] =
	BD_COLS("t.cycle", "t.due_date") STORED " JOIN customers c ON c.id = t.source_id"
	STORED_OPEN("生日") BD_WHERE NOT_STOPPED("生日", "c.id") BY_STORED_DUE;

/* 档案上传: the new-car sale archives `export archive` writes (but for
 * returned cars, which it writes flagged and nobody uploads), derived on
 * read through vehicles_archive_due (schema 0018): a month of deliveries
 * is one range of it, where feed rows would cost every car saved or
 * imported a trigger.  The deadline and what the archive lacks are worked
 * out here (the reason is ''); the archive form's columns follow the
 * common ones when the filter has the form (archive_sql).  The tables go
 * by their names, as the form's columns name them.  ?3 is the earliest
 * delivery date still worth reading. */
#define AR_COLS(due) \
	"SELECT vehicles.id, '', vehicles.customer_id, " due ", vehicles.delivery_date, '" AR_STAFF "', ''," \
	" coalesce(vehicles.plate,''), customers.name, coalesce(customers.mobile,''), customers.cust_no"
/* whose work it is: the desk enters archives into DCS (the staff column
 * names the role, no one person) */
#define AR_STAFF "前台"
#define AR_WHERE \
	" AND vehicles.is_sale = '是' AND vehicles.returned = 0 AND customers.anonymized_at IS NULL" \
	NOT_STOPPED("档案上传", "customers.id")
static const char Q_ARCHIVE_HEAD[] = AR_COLS("NULL");
static const char Q_ARCHIVE_TAIL[] =
	" FROM vehicles JOIN customers ON customers.id = vehicles.customer_id"
	FRESH("档案上传", "vehicles.id", "''")
	" WHERE vehicles.delivery_date >= ?3 AND vehicles.delivery_date <= ?2" AR_WHERE UNTOUCHED
	" ORDER BY vehicles.delivery_date, vehicles.id";
static const char Q_ARCHIVE_STORED_HEAD[] = AR_COLS("t.due_date");
static const char Q_ARCHIVE_STORED_TAIL[] =
	STORED " JOIN vehicles ON vehicles.id = t.source_id JOIN customers ON customers.id = vehicles.customer_id"
	STORED_OPEN("档案上传") AR_WHERE BY_STORED_DUE;
enum { AR_NCOLS = 11 }; /* the form's columns start here */

/* How a kind's due date and expiry follow from its source date. */
enum { EXPIRY_NONE = -1, EXPIRY_SOURCE = -2 };
struct rule {
	int shift;   /* due = source date + shift days */
	int keep;    /* expiry = due + keep days, or EXPIRY_NONE / EXPIRY_SOURCE */
	/* non-zero: due no later than the source month's last day, and listed
	 * from the source date on, before it is due (an archive's deadline) */
	int month_end;
};

/* Days since 1970-01-01 of "YYYY-MM-DD…" (proleptic Gregorian); 0 when
 * it is not a date (never, for what the schema's CHECKs let in). */
static long day_number(const char *s, int *ok)
{
	*ok = 0;
	for (int i = 0; i < 10; i++)
		if (!s[i] || (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9'))
			return 0;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	*ok = 1;
	y -= m <= 2;
	long era = y / 400; /* years are 1000-9999 here */
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void from_day_number(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	long v[3] = { y, m, d };
	int w[3] = { 4, 2, 2 }, at = 10;
	out[10] = 0;
	for (int i = 2; i >= 0; i--) {
		for (int k = 0; k < w[i]; k++, v[i] /= 10)
			out[--at] = (char)('0' + v[i] % 10);
		if (i)
			out[--at] = '-';
	}
}

static int leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

/* Source day number `base` of the date src + shift, kept within src's
 * month: 3 days after the 29th is the month's last day. */
static long capped(long base, const char *src, int shift)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = atoi(src), m = atoi(src + 5), d = atoi(src + 8);
	int last = m >= 1 && m <= 12 ? mdays[m - 1] + (m == 2 && leap(y)) : d;
	long end = base + (last - d);
	return base + shift < end ? base + shift : end;
}

int due_archive_deadline(const char *delivery, char out[11])
{
	int ok;
	long base = day_number(delivery, &ok);
	if (!ok)
		return -1;
	from_day_number(capped(base, delivery, 3), out);
	return 0;
}

/* One stream of tasks in due-date order, with the task it is at. */
struct stream {
	const char *kind;
	int rank;               /* the kind's place in kinds[]: ties on a date */
	struct rule rule;
	sqlite3_stmt *s;
	int year, last_year;    /* fresh birthdays: the year being read, and the last */
	struct rec *archive;    /* 档案上传 with the archive's form: its fields, checked */
	struct due_task cur;
	long due;               /* cur's due date as a day number, for the merge */
	int has;                /* cur holds a task */
};

struct merge {
	const struct due_filter *f;
	long from, to;          /* the window as day numbers */
	long today;             /* the clock's day: what expired long before is not listed */
	long as_of;             /* the day lateness is counted to: today, kept within the window */
	struct stream v[2 * DUE_KINDS];
	int n;
	struct st_db *db;
	char *err;
	size_t errsz;
	int archive_unchecked;  /* the archive form is unreadable or does not fit the schema */
};

/* The due date and expiry of the row the stream's statement is on; 0 when
 * the task is outside the window (not yet due, or already missed). */
static int dates(struct merge *m, struct stream *st, struct due_task *t)
{
	char src[11];
	int ok;
	st_col(st->s, 4, src, sizeof src);
	long base = day_number(src, &ok), due, shown;
	if (sqlite3_column_type(st->s, 3) != SQLITE_NULL) {
		st_col(st->s, 3, t->due_date, sizeof t->due_date);
		due = day_number(t->due_date, &ok);
	} else if (st->year) {
		/* a birthday: this year's, 29 Feb kept on the 28th in a common year */
		int feb29 = strcmp(src + 4, "-02-29") == 0 && !leap(st->year);
		for (int k = 3, y = st->year; k >= 0; k--, y /= 10)
			t->due_date[k] = (char)('0' + y % 10);
		memcpy(t->due_date + 4, feb29 ? "-02-28" : src + 4, 7);
		due = day_number(t->due_date, &ok);
	} else {
		due = st->rule.month_end ? capped(base, src, st->rule.shift) : base + st->rule.shift;
		from_day_number(due, t->due_date);
	}
	/* an archive is listed from its delivery, a rescheduled one from its
	 * new date; every other task once due */
	shown = st->rule.month_end && sqlite3_column_type(st->s, 3) == SQLITE_NULL ? base : due;
	if (!ok || shown > m->to)
		return 0;
	long exp = st->rule.keep == EXPIRY_SOURCE ? base : due + st->rule.keep;
	if (st->rule.keep != EXPIRY_NONE && exp < m->from)
		return 0;
	t->overdue_days = due < m->as_of ? (int)(m->as_of - due) : 0;
	st->due = due;
	return 1;
}

/* Cut s (UTF-8) to at most max bytes, at a character's start, with "…"
 * when anything went. */
static void cut_utf8(char *s, size_t max)
{
	if (strlen(s) <= max)
		return;
	memcpy(s + txt_cut_len(s, max - 3), "…", 4);
}

/* An archive's reason: its deadline (from the delivery, whatever date the
 * task was moved to), said missed once past, and what the archive's form
 * finds missing or wrong, worded as `export archive` words it. */
static void archive_reason(struct merge *m, struct stream *st, struct due_task *t)
{
	char src[11], deadline[11] = "";
	int ok;
	st_col(st->s, 4, src, sizeof src);
	long d = due_archive_deadline(src, deadline) == 0 ? day_number(deadline, &ok) : 0;
	char req[1200] = "", inv[1200] = "";
	if (st->archive) {
		struct rec *r = st->archive;
		rec_clear(r);
		for (int i = 0; i < r->form->nfields; i++) {
			const char *v = (const char *)sqlite3_column_text(st->s, AR_NCOLS + i);
			rec_set_at(r, i, v ? v : "");
		}
		rules_lacks(r, RP_SAVE, req, sizeof req, inv, sizeof inv);
	}
	char text[2600];
	snprintf(text, sizeof text, "上传期限 %s%s%s%s%s%s%s", deadline, *deadline && d < m->as_of ? "（已错过）" : "",
	         *req ? "；缺：" : "", req, *inv ? "；有误：" : "", inv,
	         m->archive_unchecked ? "；档案表单有误，未检查缺项" : "");
	cut_utf8(text, sizeof t->reason - 1);
	memcpy(t->reason, text, strlen(text) + 1);
}

/* ?3 of the birthday query: the year being read, as the cycle's text
 * (formatted here once, not by SQL for every row). */
static void bind_year(struct stream *st)
{
	char y[8];
	snprintf(y, sizeof y, "%04d", st->year % 10000);
	sqlite3_bind_text(st->s, 3, y, -1, SQLITE_TRANSIENT);
}

/* Read the stream's next task into cur; 0, or -1 with err. */
static int advance(struct merge *m, struct stream *st)
{
	for (;;) {
		int rc = sqlite3_step(st->s);
		if (rc == SQLITE_DONE) {
			sqlite3_reset(st->s);
			if (st->last_year && st->year < st->last_year) {
				/* birthdays: on to the next year's part of the window */
				st->year++;
				char hi[6] = "12-31";
				if (st->year == st->last_year)
					snprintf(hi, sizeof hi, "%.5s", m->f->to + 5);
				if (strcmp(hi, "02-28") == 0)
					snprintf(hi, sizeof hi, "02-29"); /* kept on the 28th in a common year */
				bind_year(st);
				sqlite3_bind_text(st->s, 4, "01-01", -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(st->s, 5, hi, -1, SQLITE_TRANSIENT);
				continue;
			}
			st->has = 0;
			return 0;
		}
		if (rc != SQLITE_ROW) {
			sqlite3_reset(st->s);
			st->has = 0;
			st_fail(m->db, rc, "生成回访清单", m->err, m->errsz);
			return -1;
		}
		struct due_task *t = &st->cur;
		st_col(st->s, 5, t->staff, sizeof t->staff);
		if (m->f->staff && !(m->f->with_unassigned && !*t->staff) && !txt_same_folded(m->f->staff, t->staff))
			continue;
		if (!dates(m, st, t))
			continue;
		strcpy(t->kind, st->kind); /* one of kinds[], all shorter than t->kind */
		t->source_id = sqlite3_column_int64(st->s, 0);
		st_col(st->s, 1, t->cycle, sizeof t->cycle);
		st_col(st->s, 6, t->reason, sizeof t->reason);
		if (st->rule.month_end)
			archive_reason(m, st, t);
		st_col(st->s, 7, t->plate, sizeof t->plate);
		st_col(st->s, 8, t->name, sizeof t->name);
		st_col(st->s, 9, t->mobile, sizeof t->mobile);
		st_col(st->s, 10, t->cust_no, sizeof t->cust_no);
		st->has = 1;
		return 0;
	}
}

static struct stream *open_stream(struct merge *m, const char *kind, int rank, struct rule r, const char *sql)
{
	struct stream *st = &m->v[m->n];
	memset(st, 0, sizeof *st);
	st->kind = kind;
	st->rank = rank;
	st->rule = r;
	st->s = st_stmt(m->db, sql, m->err, m->errsz);
	if (!st->s)
		return NULL;
	m->n++;
	sqlite3_bind_text(st->s, 1, m->f->from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st->s, 2, m->f->to, -1, SQLITE_TRANSIENT);
	return st;
}

/* A task that expired more than this many days before today is history,
 * not a call to make: lists leave it out, and its due_feed row goes when
 * the feed is pruned, so the feed does not grow with the shop's history
 * (schema 0011 filled it with a bound of 430 days for every kind). */
enum { FEED_KEEP_DAYS = 400 };

/* The earliest due date of a task of this kind not yet expired on `day`
 * (day numbers), or LONG_MIN for a kind that never expires. */
static long earliest_due(const struct rule *r, long day)
{
	if (r->keep == EXPIRY_NONE)
		return LONG_MIN;
	/* expiry = due + keep, or the source date (due - shift) */
	return day - (r->keep == EXPIRY_SOURCE ? -r->shift : r->keep);
}

/* earliest_due as YYYY-MM-DD, "" for LONG_MIN (every date is later). */
static void due_text(long d, char out[11])
{
	if (d == LONG_MIN)
		out[0] = 0;
	else
		from_day_number(d, out);
}

/* The earliest due date the feed keeps for a kind on `today` (YYYY-MM-DD). */
static void feed_bound(const struct rule *r, const char *today, char out[11])
{
	int ok;
	long t = day_number(today, &ok);
	due_text(ok ? earliest_due(r, t - FEED_KEEP_DAYS) : LONG_MIN, out);
}

/* A kind's fresh tasks from due_feed: those due by `to` and not yet
 * expired at `from` (expiry is exact in dates(); the bound only spares
 * reading rows that have long expired), leaving out what expired more
 * than FEED_KEEP_DAYS ago whether or not its row was pruned yet, so the
 * list does not depend on when the feed was pruned. */
static int open_feed(struct merge *m, const char *kind, int rank, struct rule r, const char *sql)
{
	struct stream *st = open_stream(m, kind, rank, r, sql);
	if (!st)
		return -1;
	long a = earliest_due(&r, m->from), b = earliest_due(&r, m->today - FEED_KEEP_DAYS);
	char lo[11];
	due_text(a > b ? a : b, lo);
	sqlite3_bind_text(st->s, 4, lo, -1, SQLITE_TRANSIENT);
	return 0;
}

/* The birthday window runs from 7 days before `from` (a missed birthday
 * stays a week) to `to`, one year of it per pass over the index. */
static int open_birthdays(struct merge *m, int rank, struct rule r)
{
	char start[11];
	clk_add_days(m->f->from, -7, start, sizeof start);
	int y0 = atoi(start), y1 = atoi(m->f->to);
	char lo[6];
	snprintf(lo, sizeof lo, "%.5s", start + 5);
	if (y1 - y0 > 1) {
		y0 = y1 - 1; /* a wider window would list everybody anyway */
		snprintf(lo, sizeof lo, "01-01");
	}
	struct stream *st = open_stream(m, "生日", rank, r, Q_BIRTHDAY);
	if (!st)
		return -1;
	st->year = y0;
	st->last_year = y1;
	char hi[6] = "12-31";
	if (y0 == y1)
		snprintf(hi, sizeof hi, "%.5s", m->f->to + 5);
	if (strcmp(hi, "02-28") == 0)
		snprintf(hi, sizeof hi, "02-29"); /* kept on the 28th in a common year */
	bind_year(st);
	sqlite3_bind_text(st->s, 4, lo, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st->s, 5, hi, -1, SQLITE_TRANSIENT);
	return 0;
}

/* Whether every column of the archive form is one of the two tables the
 * query reads, as the export checks them. */
static int archive_fits(struct st_db *db, const struct fdef_form *f)
{
	for (int i = 0; i < f->nfields; i++) {
		const struct fdef_field *fd = &f->fields[i];
		if ((strcmp(fd->table, "vehicles") != 0 && strcmp(fd->table, "customers") != 0) ||
		    !st_has_column(db, fd->table, fd->column))
			return 0;
	}
	return 1;
}

/* head, the archive form's columns (f NULL: none), tail; NULL with err. */
static char *archive_sql(struct merge *m, const struct fdef_form *f, const char *head, const char *tail)
{
	size_t cap = strlen(head) + strlen(tail) + 1;
	for (int i = 0; f && i < f->nfields; i++)
		cap += strlen(f->fields[i].table) + strlen(f->fields[i].column) + 2;
	char *sql = malloc(cap);
	if (!sql) {
		snprintf(m->err, m->errsz, "内存不足");
		return NULL;
	}
	size_t len = (size_t)snprintf(sql, cap, "%s", head);
	for (int i = 0; f && i < f->nfields; i++)
		len += (size_t)snprintf(sql + len, cap - len, ",%s.%s", f->fields[i].table, f->fields[i].column);
	snprintf(sql + len, cap - len, "%s", tail);
	return sql;
}

/* The archives' two streams; both check the archive's fields when the
 * filter has its form.  A shop's form that cannot be read or names a
 * column the tables lack does not take the rest of the list with it: the
 * archives are listed unchecked, and their reason says so.  Fresh ones
 * are read from the earliest delivery whose deadline (at most 3 days on)
 * had not expired by `from`. */
static int open_archive(struct merge *m, int rank, struct rule r)
{
	const char *parts[2][2] = { { Q_ARCHIVE_HEAD, Q_ARCHIVE_TAIL }, { Q_ARCHIVE_STORED_HEAD, Q_ARCHIVE_STORED_TAIL } };
	const struct fdef_form *form = m->f->archive;
	m->archive_unchecked = m->f->archive_unread;
	if (form && !archive_fits(m->db, form)) {
		form = NULL;
		m->archive_unchecked = 1;
	}
	for (int k = 0; k < 2; k++) {
		char *sql = archive_sql(m, form, parts[k][0], parts[k][1]);
		if (!sql)
			return -1;
		struct stream *st = open_stream(m, "档案上传", rank, r, sql);
		free(sql); /* the statement is kept by its text */
		if (!st)
			return -1;
		if (form && !(st->archive = rec_new(form))) {
			snprintf(m->err, m->errsz, "内存不足");
			return -1;
		}
		if (k == 0) {
			char lo[11];
			from_day_number(m->from - r.keep - r.shift, lo);
			sqlite3_bind_text(st->s, 3, lo, -1, SQLITE_TRANSIENT);
		}
	}
	return 0;
}

/* Merge order: due date, then kind; a stream keeps its own order within. */
static int before(const struct stream *a, const struct stream *b)
{
	return a->due != b->due ? a->due < b->due : a->rank < b->rank;
}

/* Every kind: its rule, its fresh and stored queries, and the view that
 * defines its due_feed rows (NULL for birthdays, derived on read). */
static const struct {
	const char *kind;
	struct rule rule;
	const char *fresh, *stored, *view;
} q[] = {
	{ "A卡回访", { 0, EXPIRY_NONE, 0 }, Q_FEED("A卡回访"), Q_ACARD_STORED, "due_src_acard" },
	{ "维修回访", { 3, 15, 0 }, Q_FEED("维修回访"), Q_REPAIR_STORED, "due_src_repair" },
	{ "交车回访", { 7, 30, 0 }, Q_FEED("交车回访"), Q_DELIVERY_STORED, "due_src_delivery" },
	/* fresh and stored read the archive's form too: built by open_archive */
	{ "档案上传", { 3, 30, 1 }, NULL, NULL, NULL },
	{ "投诉回访", { 7, 30, 0 }, Q_FEED("投诉回访"), Q_COMPLAINT_STORED, "due_src_complaint" },
	{ "保险到期", { -30, EXPIRY_SOURCE, 0 }, Q_FEED("保险到期"), Q_INSURANCE_STORED, "due_src_insurance" },
	{ "年审到期", { -30, EXPIRY_SOURCE, 0 }, Q_FEED("年审到期"), Q_INSPECTION_STORED, "due_src_inspection" },
	{ "生日", { 0, 7, 0 }, Q_BIRTHDAY, Q_BIRTHDAY_STORED, NULL },
};

long due_list(struct st_db *db, const struct due_filter *f, due_fn fn, void *ctx, char *err, size_t errsz)
{
	struct merge m = { .f = f, .db = db, .err = err, .errsz = errsz };
	int okf, okt;
	m.from = day_number(f->from, &okf);
	m.to = day_number(f->to, &okt);
	if (!okf || !okt) {
		snprintf(err, errsz, "日期范围：应为 YYYY-MM-DD（%s 至 %s）", f->from, f->to);
		return -1;
	}
	if (m.from > m.to) {
		snprintf(err, errsz, "日期范围：开始日期 %s 晚于结束日期 %s", f->from, f->to);
		return -1;
	}
	char now[24];
	int okn;
	clk_now(now, sizeof now);
	m.today = day_number(now, &okn);
	if (!okn)
		m.today = m.from; /* never: the clock gives a date */
	/* a list over days around today counts lateness to today (a task due
	 * on the 15th, listed for the month on the 6th of the next, is late);
	 * tomorrow's list, printed tonight, to its first day; last month's to
	 * its last */
	m.as_of = m.today < m.from ? m.from : m.today > m.to ? m.to : m.today;
	int rc = 0;
	for (int i = 0; i < DUE_KINDS && rc == 0; i++) {
		if (f->kind && strcmp(f->kind, q[i].kind) != 0)
			continue;
		if (q[i].rule.month_end) {
			if (!f->no_archives)
				rc = open_archive(&m, i, q[i].rule);
			continue;
		}
		if (q[i].view)
			rc = open_feed(&m, q[i].kind, i, q[i].rule, q[i].fresh);
		else
			rc = open_birthdays(&m, i, q[i].rule);
		if (rc == 0)
			rc = open_stream(&m, q[i].kind, i, q[i].rule, q[i].stored) ? 0 : -1;
	}
	for (int i = 0; i < m.n && rc == 0; i++)
		rc = advance(&m, &m.v[i]);
	long n = 0;
	while (rc == 0) {
		/* at most 16 streams: a linear pick beats a heap's bookkeeping */
		struct stream *best = NULL;
		for (int i = 0; i < m.n; i++)
			if (m.v[i].has && (!best || before(&m.v[i], best)))
				best = &m.v[i];
		if (!best)
			break;
		if (f->acards_of && strcmp(best->cur.kind, "A卡回访") == 0 && !txt_same_folded(best->cur.staff, f->acards_of)) {
			rc = advance(&m, best);
			continue;
		}
		n++;
		if (fn(&best->cur, ctx))
			break;
		rc = advance(&m, best);
	}
	for (int i = 0; i < m.n; i++) {
		sqlite3_reset(m.v[i].s);
		if (m.v[i].archive)
			rec_free(m.v[i].archive);
	}
	return rc == 0 ? n : -1;
}

/* ---- keeping due_feed small ---- */

enum st_status due_feed_prune(struct st_db *db, const char *today, char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	for (size_t i = 0; i < sizeof q / sizeof q[0] && st == ST_OK; i++) {
		char lo[11];
		feed_bound(&q[i].rule, today, lo);
		if (!q[i].view || !*lo)
			continue;
		sqlite3_stmt *s = st_stmt(db, "DELETE FROM due_feed WHERE kind = ?1 AND due_date < ?2", err, errsz);
		if (!s) {
			st = ST_ERROR;
			break;
		}
		sqlite3_bind_text(s, 1, q[i].kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, lo, -1, SQLITE_TRANSIENT);
		st = st_step(db, s, "整理回访清单", err, errsz);
	}
	return st_end_own(db, own, st, err, errsz);
}

/* Feed rows of kind q[i] from its view: the sources from id `from_id` on,
 * left out where the task expired more than FEED_KEEP_DAYS before today;
 * inserted in the feed's key order, so pages are appended, not scattered. */
static enum st_status feed_fill_of(struct st_db *db, size_t i, const char *sources, int64_t from_id,
                                   const char *today, char *err, size_t errsz)
{
	char lo[11], sql[300];
	feed_bound(&q[i].rule, today, lo);
	/* the view's name and the sources' condition are ours, from q[] and
	 * this file */
	snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO due_feed SELECT * FROM %s"
	         " WHERE %s AND due_date >= ?2 ORDER BY 1, 2, 3, 4, 5", q[i].view, sources);
	sqlite3_stmt *s = st_stmt(db, sql, err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, from_id);
	sqlite3_bind_text(s, 2, lo, -1, SQLITE_TRANSIENT);
	return st_step(db, s, "建立回访清单", err, errsz);
}

static enum st_status feed_fill(struct st_db *db, size_t i, int64_t from_id, const char *today, char *err,
                                size_t errsz)
{
	return feed_fill_of(db, i, "source_id >= ?1", from_id, today, err, errsz);
}

enum st_status due_feed_rebuild(struct st_db *db, const char *today, char *err, size_t errsz)
{
	int own;
	enum st_status st = st_begin_own(db, &own, err, errsz);
	sqlite3_stmt *s = st == ST_OK ? st_stmt(db, "DELETE FROM due_feed", err, errsz) : NULL;
	if (st == ST_OK)
		st = s ? st_step(db, s, "重建回访清单", err, errsz) : ST_ERROR;
	for (size_t i = 0; i < sizeof q / sizeof q[0] && st == ST_OK; i++)
		if (q[i].view)
			st = feed_fill(db, i, 0, today, err, errsz);
	return st_end_own(db, own, st, err, errsz);
}

enum st_status due_feed_add_vehicles(struct st_db *db, int64_t from_id, const char *today, char *err,
                                     size_t errsz)
{
	/* the views the trigger due_feed_vehicle_insert reads */
	static const char *const cars[] = { "due_src_delivery", "due_src_insurance", "due_src_inspection" };
	enum st_status st = ST_OK;
	for (size_t i = 0; i < sizeof q / sizeof q[0] && st == ST_OK; i++)
		for (size_t k = 0; k < sizeof cars / sizeof cars[0] && st == ST_OK; k++)
			if (q[i].view && strcmp(q[i].view, cars[k]) == 0)
				st = feed_fill(db, i, from_id, today, err, errsz);
	return st;
}

/* The cars of the orders from id `from_id` on: their insurance and
 * inspection calls go to the advisor of their latest order. */
#define ORDERS_CARS "source_id IN (SELECT vehicle_id FROM workorders WHERE id >= ?1)"

enum st_status due_feed_add_orders(struct st_db *db, int64_t from_id, const char *today, char *err,
                                   size_t errsz)
{
	/* what the trigger due_feed_workorder_insert does row by row; a car's
	 * rows keep their keys (its dates are the car's), so REPLACE is enough
	 * to put the advisor in */
	enum st_status st = ST_OK;
	for (size_t i = 0; i < sizeof q / sizeof q[0] && st == ST_OK; i++) {
		if (!q[i].view)
			continue;
		if (strcmp(q[i].view, "due_src_repair") == 0)
			st = feed_fill(db, i, from_id, today, err, errsz);
		else if (strcmp(q[i].view, "due_src_insurance") == 0 || strcmp(q[i].view, "due_src_inspection") == 0)
			st = feed_fill_of(db, i, ORDERS_CARS, from_id, today, err, errsz);
	}
	return st;
}

/* ---- acting on a task ---- */

static const char *const result_names[] = { "已联系", "未接通", "拒绝" };

static enum st_status audit_task(struct st_db *db, const char *kind, int64_t source_id, const char *what,
                                 const char *staff, char *err, size_t errsz)
{
	char detail[512];
	snprintf(detail, sizeof detail, "%s #%lld：%s", kind, (long long)source_id, what);
	return audit_append(db, staff, "回访", NULL, detail, err, errsz);
}

static enum st_status upsert(struct st_db *db, const char *kind, int64_t source_id, const char *cycle,
                             const char *status, const char *due, const char *result, const char *staff,
                             char *err, size_t errsz)
{
	char now[24];
	clk_now(now, sizeof now);
	sqlite3_stmt *s = st_stmt(db,
		"INSERT INTO followup_tasks(kind, source_id, cycle, due_date, status, result, closed_at, closed_by)"
		" VALUES(?1, ?2, ?3, coalesce(?4, ?9), ?5, ?6, ?7, ?8)"
		" ON CONFLICT(kind, source_id, cycle) DO UPDATE SET status = excluded.status,"
		" due_date = coalesce(?4, due_date), result = coalesce(excluded.result, result),"
		" closed_at = excluded.closed_at, closed_by = excluded.closed_by", err, errsz);
	if (!s)
		return ST_ERROR;
	int closed = strcmp(status, "待回访") != 0;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, source_id);
	sqlite3_bind_text(s, 3, cycle ? cycle : "", -1, SQLITE_TRANSIENT);
	st_bind_text(s, 4, due);
	sqlite3_bind_text(s, 5, status, -1, SQLITE_TRANSIENT);
	st_bind_text(s, 6, result);
	st_bind_text(s, 7, closed ? now : NULL);
	st_bind_text(s, 8, closed ? staff : NULL);
	/* a closed task keeps the day it was closed as its due date */
	char today[11];
	snprintf(today, sizeof today, "%.10s", now);
	sqlite3_bind_text(s, 9, today, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "保存回访结果", err, errsz);
}

/* A task closed with an answer (已联系, 拒绝) since this terminal listed
 * it, at another: that result stands — a second close had written over
 * it, a 改期 reopened it.  One not reached (未接通) is there to be called
 * again, moved or closed.  ST_CHANGED with err saying who closed it, when
 * and how. */
static enum st_status closed_since(struct st_db *db, const char *kind, int64_t source_id, const char *cycle,
                                   char *err, size_t errsz)
{
	sqlite3_stmt *s = st_stmt(db, "SELECT status, coalesce(closed_at, ''), coalesce(closed_by, '')"
	                              " FROM followup_tasks WHERE kind = ?1 AND source_id = ?2 AND cycle = ?3"
	                              " AND status IN ('已联系', '拒绝')", err, errsz);
	if (!s)
		return ST_ERROR;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, source_id);
	sqlite3_bind_text(s, 3, cycle ? cycle : "", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	enum st_status st = ST_OK;
	if (rc == SQLITE_ROW) {
		const char *by = (const char *)sqlite3_column_text(s, 2);
		const char *status = (const char *)sqlite3_column_text(s, 0);
		/* an archive done is 已上传 to the desk, as its log says */
		if (strcmp(kind, "档案上传") == 0 && strcmp(status, "已联系") == 0)
			status = "已上传";
		snprintf(err, errsz, "这条%s已在 %.16s 由%s记为“%s”（另一台终端），以那次为准",
		         kind, (const char *)sqlite3_column_text(s, 1), *by ? by : "他人", status);
		st = ST_CHANGED;
	} else if (rc != SQLITE_DONE) {
		st = st_fail(db, rc, "读取回访任务", err, errsz);
	}
	sqlite3_reset(s);
	return st;
}

static enum st_status in_txn(struct st_db *db, enum st_status st, char *err, size_t errsz)
{
	if (st == ST_OK)
		return st_commit(db, err, errsz);
	st_rollback(db);
	return st;
}

enum st_status due_close(struct st_db *db, const char *kind, int64_t source_id, const char *cycle,
                         enum due_result result, const char *said, const char *staff,
                         char *err, size_t errsz)
{
	if (!due_is_kind(kind)) {
		snprintf(err, errsz, "回访类型“%s”未知", kind);
		return ST_CONSTRAINT;
	}
	if (result != DUE_NOT_REACHED && (!said || !*said)) {
		snprintf(err, errsz, "回访内容：联系上或被拒绝时须记录说了什么");
		return ST_CONSTRAINT;
	}
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	st = closed_since(db, kind, source_id, cycle, err, errsz);
	if (st == ST_OK)
		st = upsert(db, kind, source_id, cycle, result_names[result], NULL, said, staff, err, errsz);
	if (st == ST_OK) {
		/* the log line keeps the start of what was said, cut between
		 * characters (a note may be 4000 of them); the task keeps it whole.
		 * An archive is not a call: its done is 已上传 */
		char what[400];
		int uploaded = strcmp(kind, "档案上传") == 0 && result == DUE_REACHED;
		const char *s = said ? said : "";
		if (uploaded && strcmp(s, "已上传") == 0)
			s = ""; /* nothing said beyond the word itself */
		size_t keep = txt_cut_len(s, 300);
		snprintf(what, sizeof what, "%s%s%.*s%s", uploaded ? "已上传" : result_names[result], *s ? "：" : "",
		         (int)keep, s, s[keep] ? "…" : "");
		st = audit_task(db, kind, source_id, what, staff, err, errsz);
	}
	return in_txn(db, st, err, errsz);
}

int due_new_date_ok(const char *new_date, char *err, size_t errsz)
{
	if (!new_date || strlen(new_date) != 10) {
		snprintf(err, errsz, "改期日期：应为 YYYY-MM-DD");
		return -1;
	}
	/* a call moved into the past is only an overdue task with a new date */
	char today[24];
	clk_now(today, sizeof today);
	today[10] = 0;
	if (strcmp(new_date, today) < 0) {
		snprintf(err, errsz, "改期日期：%s 早于今天（%s），应是今天或以后", new_date, today);
		return -1;
	}
	return 0;
}

enum st_status due_reschedule(struct st_db *db, const char *kind, int64_t source_id, const char *cycle,
                              const char *new_date, const char *staff, char *err, size_t errsz)
{
	if (!due_is_kind(kind)) {
		snprintf(err, errsz, "回访类型“%s”未知", kind);
		return ST_CONSTRAINT;
	}
	if (due_new_date_ok(new_date, err, errsz) != 0)
		return ST_CONSTRAINT;
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	st = closed_since(db, kind, source_id, cycle, err, errsz);
	if (st == ST_OK)
		st = upsert(db, kind, source_id, cycle, "待回访", new_date, NULL, staff, err, errsz);
	if (st == ST_OK) {
		char what[64];
		snprintf(what, sizeof what, "改期到 %s", new_date);
		st = audit_task(db, kind, source_id, what, staff, err, errsz);
	}
	return in_txn(db, st, err, errsz);
}

enum st_status due_stop(struct st_db *db, int64_t customer_id, const char *kind, const char *reason,
                        const char *staff, char *err, size_t errsz)
{
	if (!due_is_kind(kind)) {
		snprintf(err, errsz, "回访类型“%s”未知", kind);
		return ST_CONSTRAINT;
	}
	if (!reason || !*reason) {
		snprintf(err, errsz, "停止提醒：必须写明原因");
		return ST_CONSTRAINT;
	}
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "INSERT OR REPLACE INTO followup_stops(customer_id, kind, reason, by_staff)"
	                              " VALUES(?,?,?,?)", err, errsz);
	if (!s) {
		st_rollback(db);
		return ST_ERROR;
	}
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, reason, -1, SQLITE_TRANSIENT);
	st_bind_text(s, 4, staff);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	st = rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "停止提醒", err, errsz);
	if (st == ST_OK) {
		char what[400];
		snprintf(what, sizeof what, "停止提醒：%s", reason);
		st = audit_task(db, kind, customer_id, what, staff, err, errsz);
	}
	return in_txn(db, st, err, errsz);
}

enum st_status due_resume(struct st_db *db, int64_t customer_id, const char *kind, const char *staff,
                          char *err, size_t errsz)
{
	enum st_status st = st_begin(db, err, errsz);
	if (st != ST_OK)
		return st;
	sqlite3_stmt *s = st_stmt(db, "DELETE FROM followup_stops WHERE customer_id=? AND kind=?", err, errsz);
	if (!s) {
		st_rollback(db);
		return ST_ERROR;
	}
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	st = rc == SQLITE_DONE ? ST_OK : st_fail(db, rc, "恢复提醒", err, errsz);
	if (st == ST_OK)
		st = audit_task(db, kind, customer_id, "恢复提醒", staff, err, errsz);
	return in_txn(db, st, err, errsz);
}
