/* fdef — forms as data.  Each sheet is described once in forms/NAME.csv
 * (columns: key,label,section,column,type,width,level,condition,check,
 * choices,missing_if,flags[,applies_if]); the screen draws from it, the rules engine checks
 * against it, the importer maps CSV columns by its keys or labels.
 * Pure: no curses, no SQLite. */
#ifndef DESK4S_FDEF_H
#define DESK4S_FDEF_H
#include <stddef.h>

enum fdef_type {
	FT_TEXT,     /* free text */
	FT_CHOICE,   /* one of `choices` */
	FT_DATE,     /* YYYY-MM-DD */
	FT_DATETIME, /* YYYY-MM-DD HH:MM */
	FT_INT,      /* whole number */
	FT_MONEY,    /* yuan */
	FT_REGION    /* a GB/T 2260 code; the screen opens the region picker */
};
enum fdef_level { FL_GENERAL = 0, FL_IMPORTANT = 1, FL_REQUIRED = 2 };

#define FDEF_MAX_CHOICES 24
#define FDEF_MAX_CONDS 4

/* One clause of a condition: "key=value" or "key!=value"; all clauses of
 * a field must hold for its level to apply (otherwise it is general). */
struct fdef_cond { int field; int negate; char *value; };

enum fdef_flag {
	FF_READONLY = 1, /* kept by the system (customer number, 最近交易日期) */
	FF_HIDDEN = 2,   /* stored and imported, not drawn */
	FF_MULTILINE = 4, /* free text that may be long (沟通概况) */
	FF_KEY = 8,       /* without it the record cannot be stored even as incomplete */
	FF_NAME = 16      /* a person's or a company's name: spaces between Chinese characters go */
};

struct fdef_field {
	char *key;      /* e.g. "mobile" */
	char *label;    /* e.g. "手机号" */
	char *section;  /* e.g. "联系方式" */
	char *table;    /* e.g. "customers" */
	char *column;   /* e.g. "mobile" */
	enum fdef_type type;
	int width;      /* display columns of the entry on screen */
	enum fdef_level level;
	struct fdef_cond cond[FDEF_MAX_CONDS];
	int ncond;
	/* applies_if, clauses as in condition: when one fails the field does
	 * not apply (a person's ID number on a 单位): not drawn, not checked
	 * on a sheet, and emptied when the sheet is saved */
	struct fdef_cond app[FDEF_MAX_CONDS];
	int napp;
	char *check;    /* validator / check name, "" for none */
	char *choices[FDEF_MAX_CHOICES];
	int nchoices;
	char *missing_if; /* a value that counts as empty for the important prompt ("否"), or "" */
	unsigned flags;
	/* flag auto=VALUE: 1 + the index in choices of the one the system sets
	 * and staff may not pick (客户分类 整车销售); 0 when none.  Read it
	 * with fdef_auto_choice. */
	int auto_choice;
};

struct fdef_form {
	unsigned long serial; /* unique per load: caches key on it, not on the address */
	char *name;     /* "customer" */
	char *title;    /* "客户档案登记表" (from the first line "#title,...") */
	struct fdef_field *fields;
	int nfields;
	struct fdef_slot *index; /* keys and labels → field, for fdef_index */
	size_t index_cap;
};

/* Load forms/NAME.csv: from dir when non-NULL (a shop's own forms), else the
 * compiled-in copy.  On error returns NULL and writes a Chinese message
 * naming the file, line and rule into err. */
struct fdef_form *fdef_load(const char *name, const char *dir, char *err, size_t errsz);
/* Parse a form from memory (the loader and the fuzzer use this). */
struct fdef_form *fdef_parse(const char *name, const char *text, size_t len,
                             char *err, size_t errsz);
void fdef_free(struct fdef_form *f);
/* Index of the field with this key or label, or -1. */
int fdef_index(const struct fdef_form *f, const char *key_or_label);
/* Names of every form of the program. NULL-terminated. */
const char *const *fdef_names(void);
/* 1 when the field holds a code, number, date or choice rather than free
 * text: it has a format check, or a type other than text.  The screen takes
 * such a value in ASCII and the rules fold it to ASCII; free text keeps
 * what was typed (rules.c says exactly what each gets). */
int fdef_is_coded(const struct fdef_field *fd);
/* 1 for a box ticked or not: a choice of one option (退车 是).  Its
 * column keeps 1 for the option and 0 for empty, so the table's NOT NULL
 * DEFAULT 0 flag reads the same whether a sheet, an import or SQL wrote it. */
int fdef_is_flag(const struct fdef_field *fd);
/* The choice only the system sets (flag auto=…), or NULL. */
const char *fdef_auto_choice(const struct fdef_field *fd);
const char *fdef_type_name(enum fdef_type t);
const char *fdef_level_name(enum fdef_level l);
/* The level as the desk says it: 一般, 重要, 必填. */
const char *fdef_level_label(enum fdef_level l);
/* When the field's level applies, in words by labels ("仅个人",
 * "仅新车销售建档为是、个人"); "" without a condition.  Returns out. */
char *fdef_cond_words(const struct fdef_form *fm, const struct fdef_field *fd, char *out, size_t outsz);
#endif
