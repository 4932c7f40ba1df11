/* rules — the one rules engine.  Takes a record and a save point and
 * returns every problem at once.  The screen, the importer and the batch
 * commands all call rules_check; nothing validates on the side. */
#ifndef DESK4S_RULES_H
#define DESK4S_RULES_H
#include <stddef.h>
#include "desk4s/record.h"

enum rule_point {
	RP_SAVE,        /* saving a sheet (customer: 录入 / 录合同 / 交车) */
	RP_WO_OPEN,     /* opening a repair order for the customer */
	RP_WO_COMPLETE, /* completing a repair order: important prompt again */
	RP_IMPORT       /* an imported row: the same checks, but no important-field
	                 * entries (nobody is there to be prompted) */
};

enum rule_kind {
	RK_INVALID,   /* a value that is filled in breaks its format: blocks */
	RK_REQUIRED,  /* a required field is empty: blocks (import: incomplete) */
	RK_IMPORTANT, /* an important field is empty: one prompt lists them all */
	RK_WARNING    /* a soft rule (unusual prefix, checksum of an import...) */
};

struct rule_problem {
	int field;            /* index in the form */
	const char *key;      /* the form's key */
	const char *label;    /* the form's Chinese label */
	char code[32];        /* "required", "important", "idno.checksum", ... */
	enum rule_kind kind;
	char msg[320];        /* Chinese, starts with the label */
};

struct rule_list { struct rule_problem *v; size_t n, cap; };

void rules_list_free(struct rule_list *l);
/* Normalise every filled value of r in place (codes, numbers and dates:
 * full-width digits, +86, ...; free text is only trimmed, its Chinese
 * punctuation kept) and append every problem to out, in form order.  At
 * RP_SAVE a choice the system sets (flag auto=) is set where its rule
 * holds: 客户分类 整车销售 for a delivered new-car sale; and a 首次交易日期
 * later than the car's 交车日期 is that day.  Returns the number of
 * blocking problems (RK_INVALID + RK_REQUIRED). */
int rules_check(struct rec *r, enum rule_point pt, struct rule_list *out);
/* The same for a stored record as edited at the desk: stored is the record
 * as loaded (NULL for a new one).  A value left as stored is not asked what
 * only a value typed is: a date-and-time an import kept by its day only
 * (datetime.date_only) stands; typed so, its time is asked for. */
int rules_check_edit(struct rec *r, const struct rec *stored, enum rule_point pt, struct rule_list *out);
/* The car of a customer record is a deal of this shop: a new-car sale it
 * made (新车销售建档 是), delivered (交车日期) and not returned (退车).  Its
 * 交车日期, or NULL.  客户分类 整车销售 and the deal dates follow it (the
 * triggers of schema 0019 say the same in SQL). */
const char *rules_sale_delivered(const struct rec *r);
/* 1 when v says no in a box (fdef_is_flag): 否, N, NO, FALSE, 0, ×.  The
 * rules leave such a box empty; an --update merge reads the word first,
 * as an empty cell changes nothing there and a no unticks. */
int rules_flag_no(const struct fdef_field *fd, const char *v);
/* The numbers of a phone cell as older systems keep several
 * ("13800138000/0571-85900933", "…，…", "…、…", or side by side): their
 * count, each into out (at most max), 0 when the cell is one number. */
int rules_cell_numbers(const char *v, char (*out)[64], int max);
/* What the record lacks and holds wrongly at pt, as labels joined
 * ("身份证号码、发动机号") into req and inv — an archive's check, said the
 * same by its export and the due list.  1 when either is not empty. */
int rules_lacks(struct rec *r, enum rule_point pt, char *req, size_t reqsz, char *inv, size_t invsz);
/* A record whose province, city and district codes are all empty, and
 * whose 详细地址 starts with a region, gets the codes read off it — the
 * import's reading (reg_codes_of_address: a province alone is not taken,
 * a district only by its whole name), also at the desk.  Codes already
 * there, one of the three even, are never touched.  The parts filled (2 or
 * 3: a city may have no district, or its district not be read) with their
 * names into shown ("浙江省 杭州市 西湖区"), or 0. */
int rules_region_of_address(struct rec *r, char *shown, size_t shownsz);
/* The desk's reading: as rules_region_of_address, and also when only the
 * first codes are there (a province picked, or a province and its city)
 * and agree with the address: the rest is filled from it (the codes there
 * kept), the parts set counted as there.  -1 when a code there disagrees
 * with the address, nothing filled, and clash says so naming the field;
 * 0 when nothing was filled. */
int rules_region_fill(struct rec *r, char *shown, size_t shownsz, char *clash, size_t clashsz);
/* Count the problems of one kind. */
size_t rules_count(const struct rule_list *l, enum rule_kind k);
/* 1 when the field applies to this record (its applies_if holds: a
 * person's ID number does not apply to a 单位). */
int rules_applies(const struct rec *r, int field);
/* The most bytes a value of the field can hold and still pass the rules:
 * what an entry at the desk must take whole (a stored value included). */
size_t rules_max_bytes(const struct fdef_field *fd);
/* The effective level of a field in this record (conditions applied; a
 * field that does not apply is general). */
enum fdef_level rules_level(const struct rec *r, int field);
/* What field takes, in words for the desk (F1 on a field, `desk4s
 * forms`): into accepts the format ("11位手机号码…", a choice's options, a
 * text's length limit), into typing the shortcuts the rules complete
 * ("今天 17:00" for a time, "10年" for a count), "" when none. */
void rules_field_words(const struct fdef_form *fm, int field, char *accepts, size_t asz, char *typing,
                       size_t tsz);
/* "姓名、手机号、省区编号" — labels of the problems of kind k joined, into out. */
char *rules_join_labels(const struct rule_list *l, enum rule_kind k, char *out, size_t outsz);
/* The same for the fields whose kinds[field] holds 1 << k (every field when
 * kinds is NULL): a message that names only some of them. */
char *rules_join_labels_of(const struct rule_list *l, enum rule_kind k, const unsigned char *kinds,
                           char *out, size_t outsz);
#endif
