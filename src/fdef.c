/* fdef — loads forms/NAME.csv into a struct fdef_form and checks it, so a
 * broken form is refused at start-up with the file, line and rule instead
 * of misbehaving on screen. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/csvio.h"
#include "desk4s/embed.h"
#include "desk4s/fdef.h"
#include "desk4s/oserr.h"
#include "desk4s/text.h"
#include "desk4s/validate.h"

static const char *const form_names[] = {
	"customer", "visit", "acard", "followup", "workorder", "complaint", "vehicle", "archive", "greeting", NULL
};
const char *const *fdef_names(void) { return form_names; }

static const char *const cols[] = {
	"key", "label", "section", "column", "type", "width", "level",
	"condition", "check", "choices", "missing_if", "flags", "applies_if"
};
/* applies_if came last and may be left out: a shop's own forms written
 * before it still load, every field applying always. */
enum { C_KEY, C_LABEL, C_SECTION, C_COLUMN, C_TYPE, C_WIDTH, C_LEVEL, C_COND,
       C_CHECK, C_CHOICES, C_MISSING, C_FLAGS, C_APPLIES, NCOLS };

static const char *const type_names[] = { "text", "choice", "date", "datetime", "int", "money", "region" };
static const char *const level_names[] = { "general", "important", "required" };

const char *fdef_type_name(enum fdef_type t) { return type_names[t]; }

int fdef_is_flag(const struct fdef_field *fd)
{
	return fd->type == FT_CHOICE && fd->nchoices == 1;
}

const char *fdef_auto_choice(const struct fdef_field *fd)
{
	return fd->auto_choice > 0 && fd->auto_choice <= fd->nchoices ? fd->choices[fd->auto_choice - 1] : NULL;
}
const char *fdef_level_name(enum fdef_level l) { return level_names[l]; }

const char *fdef_level_label(enum fdef_level l)
{
	static const char *const labels[] = { "一般", "重要", "必填" };
	return labels[l];
}

char *fdef_cond_words(const struct fdef_form *fm, const struct fdef_field *fd, char *out, size_t outsz)
{
	size_t at = 0;
	if (outsz) out[0] = 0;
	for (int k = 0; k < fd->ncond && at < outsz; k++) {
		const struct fdef_cond *c = &fd->cond[k];
		const struct fdef_field *t = &fm->fields[c->field];
		/* a choice's own word says it (仅个人); 是 / 否 would say nothing
		 * without the question */
		int plain = t->type == FT_CHOICE && strcmp(c->value, "是") != 0 && strcmp(c->value, "否") != 0;
		int n;
		if (plain)
			n = snprintf(out + at, outsz - at, "%s%s%s", k ? "、" : "仅", c->negate ? "非" : "", c->value);
		else
			n = snprintf(out + at, outsz - at, "%s%s%s%s", k ? "、" : "仅", t->label,
			             c->negate ? "不为" : "为", c->value);
		if (n < 0) break;
		at += (size_t)n;
	}
	return outsz ? txt_drop_partial(out) : out;
}

int fdef_is_coded(const struct fdef_field *fd)
{
	return *fd->check || fd->type != FT_TEXT;
}

struct loader {
	struct fdef_form *form;
	const char *file;
	char *err;
	size_t errsz;
	int header_seen;
	int ncols;      /* NCOLS, or NCOLS - 1 without applies_if */
	int failed;
	int cap;
	/* conditions name fields that may come later: resolve after the parse */
	char **cond_text;
	char **app_text;
};

__attribute__((format(printf, 3, 4)))
static int fail(struct loader *ld, long line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(ld->err, ld->errsz, "表单文件 %s 第%ld行：%s", ld->file, line, msg);
	ld->failed = 1;
	return 1;
}

/* An SQL identifier we are willing to put into a statement. */
static int is_ident(const char *s)
{
	if (!*s || !((*s >= 'a' && *s <= 'z') || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int split_choices(struct fdef_field *fd, const char *s)
{
	if (!*s)
		return 0;
	char *copy = strdup(s), *save = NULL;
	for (char *t = strtok_r(copy, "|", &save); t; t = strtok_r(NULL, "|", &save)) {
		if (fd->nchoices == FDEF_MAX_CHOICES) {
			free(copy);
			return -1;
		}
		fd->choices[fd->nchoices++] = strdup(t);
	}
	free(copy);
	return 0;
}

static int parse_level(const char *s)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

static int on_row(const struct cio_row *row, void *vctx)
{
	struct loader *ld = vctx;
	struct fdef_form *fm = ld->form;
	if (row->f[0][0] == '#') {
		if (strcmp(row->f[0], "#title") == 0 && row->n >= 2) {
			free(fm->title);
			fm->title = strdup(row->f[1]);
		}
		return 0;
	}
	if (!ld->header_seen) {
		if (row->n != NCOLS && row->n != NCOLS - 1)
			return fail(ld, row->line, "表头应有%d列（或不含 applies_if 的%d列）", NCOLS, NCOLS - 1);
		for (int i = 0; i < (int)row->n; i++)
			if (strcmp(row->f[i], cols[i]) != 0)
				return fail(ld, row->line, "表头列名应为 %s", cols[i]);
		ld->ncols = (int)row->n;
		ld->header_seen = 1;
		return 0;
	}
	if ((int)row->n != ld->ncols)
		return fail(ld, row->line, "应有%d列", ld->ncols);
	if (fm->nfields == ld->cap) {
		int cap = ld->cap ? ld->cap * 2 : 32;
		struct fdef_field *nf = realloc(fm->fields, (size_t)cap * sizeof *nf);
		char **nc = realloc(ld->cond_text, (size_t)cap * sizeof *nc);
		if (nc) ld->cond_text = nc;
		char **na = realloc(ld->app_text, (size_t)cap * sizeof *na);
		if (nf) fm->fields = nf;
		if (na) ld->app_text = na;
		if (!nf || !nc || !na)
			return fail(ld, row->line, "%s", "内存不足");
		ld->cap = cap;
	}
	struct fdef_field *fd = &fm->fields[fm->nfields];
	memset(fd, 0, sizeof *fd);
	ld->cond_text[fm->nfields] = NULL;
	ld->app_text[fm->nfields] = NULL;
	fm->nfields++;
	char *const *f = row->f;
	fd->key = strdup(f[C_KEY]);
	fd->label = strdup(f[C_LABEL]);
	fd->section = strdup(f[C_SECTION]);
	fd->check = strdup(f[C_CHECK]);
	fd->missing_if = strdup(f[C_MISSING]);
	ld->cond_text[fm->nfields - 1] = strdup(f[C_COND]);
	ld->app_text[fm->nfields - 1] = strdup(ld->ncols > C_APPLIES ? f[C_APPLIES] : "");
	const char *dot = strchr(f[C_COLUMN], '.');
	if (dot) {
		fd->table = strndup(f[C_COLUMN], (size_t)(dot - f[C_COLUMN]));
		fd->column = strdup(dot + 1);
	}
	if (!is_ident(fd->key))
		return fail(ld, row->line, "字段键 \"%s\" 只能由小写字母、数字和下划线组成", f[C_KEY]);
	if (!*fd->label)
		return fail(ld, row->line, "字段 %s 没有中文标签", fd->key);
	for (int i = 0; i < fm->nfields - 1; i++)
		if (strcmp(fm->fields[i].key, fd->key) == 0 || strcmp(fm->fields[i].label, fd->label) == 0)
			return fail(ld, row->line, "字段 %s 重复", fd->key);
	if (!fd->table || !is_ident(fd->table) || !is_ident(fd->column))
		return fail(ld, row->line, "列 \"%s\" 应写作 表名.列名", f[C_COLUMN]);
	int t = -1;
	for (int i = 0; i < 7; i++)
		if (strcmp(f[C_TYPE], type_names[i]) == 0)
			t = i;
	if (t < 0)
		return fail(ld, row->line, "未知类型 \"%s\"（text/choice/date/datetime/int/money/region）", f[C_TYPE]);
	fd->type = (enum fdef_type)t;
	char *end;
	long w = strtol(f[C_WIDTH], &end, 10);
	if (*end || w < 1 || w > 80)
		return fail(ld, row->line, "宽度 \"%s\" 应为1到80的整数", f[C_WIDTH]);
	fd->width = (int)w;
	int lv = parse_level(f[C_LEVEL]);
	if (lv < 0)
		return fail(ld, row->line, "级别 \"%s\" 应为 required/important/general", f[C_LEVEL]);
	fd->level = (enum fdef_level)lv;
	if (*fd->check && strcmp(fd->check, "region") != 0 && !val_lookup(fd->check))
		return fail(ld, row->line, "未知的校验名 \"%s\"", fd->check);
	if (fd->type == FT_REGION && strcmp(fd->check, "region") != 0)
		return fail(ld, row->line, "region 类型的字段 %s 校验名应为 region", fd->key);
	if (split_choices(fd, f[C_CHOICES]) != 0)
		return fail(ld, row->line, "选项过多（最多%d个）", FDEF_MAX_CHOICES);
	if (fd->type == FT_CHOICE && fd->nchoices == 0)
		return fail(ld, row->line, "选择字段 %s 没有选项", fd->key);
	if (*f[C_FLAGS]) {
		char *copy = strdup(f[C_FLAGS]), *save = NULL;
		for (char *tk = strtok_r(copy, "|", &save); tk; tk = strtok_r(NULL, "|", &save)) {
			if (strcmp(tk, "readonly") == 0) fd->flags |= FF_READONLY;
			else if (strcmp(tk, "hidden") == 0) fd->flags |= FF_HIDDEN;
			else if (strcmp(tk, "multiline") == 0) fd->flags |= FF_MULTILINE;
			else if (strcmp(tk, "key") == 0) fd->flags |= FF_KEY;
			else if (strcmp(tk, "name") == 0) fd->flags |= FF_NAME;
			else if (strncmp(tk, "auto=", 5) == 0) {
				if (fd->type != FT_CHOICE || fd->auto_choice) {
					fail(ld, row->line, "标志 %s：%s", tk, fd->auto_choice ? "字段只能有一个系统设定的选项"
					                                                         : "只用于选择字段");
					free(copy);
					return 1;
				}
				for (int c = 0; c < fd->nchoices; c++)
					if (strcmp(fd->choices[c], tk + 5) == 0) fd->auto_choice = c + 1;
				if (!fd->auto_choice) {
					fail(ld, row->line, "标志 %s：\"%s\" 不是字段 %s 的选项", tk, tk + 5, fd->key);
					free(copy);
					return 1;
				}
			} else {
				fail(ld, row->line, "未知标志 \"%s\"", tk);
				free(copy);
				return 1;
			}
		}
		free(copy);
	}
	return 0;
}

/* "nature=个人;archive=是" -> clauses; the keys must name fields of the form. */
static int parse_clauses(struct loader *ld, int i, char *text, struct fdef_cond *cond, int *n)
{
	struct fdef_form *fm = ld->form;
	char *save = NULL;
	if (!text || !*text)
		return 0;
	for (char *cl = strtok_r(text, ";", &save); cl; cl = strtok_r(NULL, ";", &save)) {
		if (*n == FDEF_MAX_CONDS)
			return fail(ld, i + 3, "条件子句过多（字段 %s）", fm->fields[i].key);
		char *eq = strchr(cl, '=');
		if (!eq || eq == cl)
			return fail(ld, i + 3, "条件 \"%s\" 应写作 键=值 或 键!=值", cl);
		int neg = eq[-1] == '!';
		*(neg ? eq - 1 : eq) = 0;
		int target = -1;
		for (int j = 0; j < fm->nfields; j++)
			if (strcmp(fm->fields[j].key, cl) == 0)
				target = j;
		if (target < 0)
			return fail(ld, i + 3, "条件引用了不存在的字段 \"%s\"", cl);
		cond[*n].field = target;
		cond[*n].negate = neg;
		cond[*n].value = strdup(eq + 1);
		(*n)++;
	}
	return 0;
}

static int resolve_conditions(struct loader *ld)
{
	struct fdef_form *fm = ld->form;
	for (int i = 0; i < fm->nfields; i++) {
		struct fdef_field *fd = &fm->fields[i];
		if (parse_clauses(ld, i, ld->cond_text[i], fd->cond, &fd->ncond) ||
		    parse_clauses(ld, i, ld->app_text[i], fd->app, &fd->napp))
			return 1;
		/* a field that decides whether it applies could hide itself for good */
		for (int c = 0; c < fd->napp; c++)
			if (fd->app[c].field == i)
				return fail(ld, i + 3, "字段 %s 的 applies_if 不能引用它自己", fd->key);
	}
	return 0;
}

/* Fields are looked up by key or label many times a row (an import
 * checks a million rows): a table instead of two strcmp per field, which
 * were 5 % of an import.  Each name keeps the first field that has it, as
 * the scan did; without the table (out of memory) the scan still works. */
struct fdef_slot {
	const char *name;
	int field;
};

static size_t name_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h;
}

static void index_name(struct fdef_form *fm, const char *name, int field)
{
	size_t mask = fm->index_cap - 1, i = name_hash(name) & mask;
	for (; fm->index[i].name; i = (i + 1) & mask)
		if (strcmp(fm->index[i].name, name) == 0)
			return;
	fm->index[i].name = name;
	fm->index[i].field = field;
}

static void build_index(struct fdef_form *fm)
{
	size_t cap = 16;
	while (cap < (size_t)fm->nfields * 4)
		cap *= 2;
	if (!(fm->index = calloc(cap, sizeof *fm->index)))
		return;
	fm->index_cap = cap;
	for (int i = 0; i < fm->nfields; i++) {
		index_name(fm, fm->fields[i].key, i);
		index_name(fm, fm->fields[i].label, i);
	}
}

struct fdef_form *fdef_parse(const char *name, const char *text, size_t len, char *err,
                             size_t errsz)
{
	struct fdef_form *fm = calloc(1, sizeof *fm);
	if (!fm) {
		snprintf(err, errsz, "内存不足");
		return NULL;
	}
	static unsigned long loads;
	fm->serial = ++loads;
	fm->name = strdup(name);
	fm->title = strdup(name);
	struct loader ld = { .form = fm, .file = name, .err = err, .errsz = errsz };
	char perr[256];
	enum cio_status st = cio_parse_mem(text, len, on_row, &ld, perr, sizeof perr);
	if (st == CIO_ERROR && !ld.failed) {
		snprintf(err, errsz, "表单文件 %s：%s", name, perr);
		ld.failed = 1;
	}
	if (!ld.failed && !ld.header_seen)
		fail(&ld, 1, "%s", "没有表头");
	if (!ld.failed && fm->nfields == 0)
		fail(&ld, 2, "%s", "没有字段");
	if (!ld.failed)
		resolve_conditions(&ld);
	if (!ld.failed)
		build_index(fm);
	for (int i = 0; i < fm->nfields; i++) {
		free(ld.cond_text[i]);
		free(ld.app_text[i]);
	}
	free(ld.cond_text);
	free(ld.app_text);
	if (ld.failed) {
		fdef_free(fm);
		return NULL;
	}
	return fm;
}

struct fdef_form *fdef_load(const char *name, const char *dir, char *err, size_t errsz)
{
	char path[4096];
	if (dir) {
		snprintf(path, sizeof path, "%s/%s.csv", dir, name);
		FILE *f = fopen(path, "rb");
		if (!f) {
			snprintf(err, errsz, "无法打开表单文件 %s：%s", path, oserr_text(errno));
			return NULL;
		}
		size_t cap = 1 << 16, len = 0;
		char *buf = malloc(cap);
		size_t n;
		while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
			len += n;
			if (len == cap) {
				char *nb = realloc(buf, cap *= 2);
				if (!nb) { free(buf); buf = NULL; }
				else buf = nb;
			}
		}
		fclose(f);
		if (!buf) {
			snprintf(err, errsz, "表单文件 %s：内存不足", path);
			return NULL;
		}
		struct fdef_form *fm = fdef_parse(name, buf, len, err, errsz);
		free(buf);
		return fm;
	}
	snprintf(path, sizeof path, "forms/%s.csv", name);
	const struct emb_file *ef = emb_find(path);
	if (!ef) {
		snprintf(err, errsz, "没有名为 %s 的表单", name);
		return NULL;
	}
	return fdef_parse(name, ef->data, ef->size, err, errsz);
}

void fdef_free(struct fdef_form *fm)
{
	if (!fm)
		return;
	for (int i = 0; i < fm->nfields; i++) {
		struct fdef_field *fd = &fm->fields[i];
		free(fd->key); free(fd->label); free(fd->section); free(fd->table);
		free(fd->column); free(fd->check); free(fd->missing_if);
		for (int c = 0; c < fd->nchoices; c++)
			free(fd->choices[c]);
		for (int c = 0; c < fd->ncond; c++)
			free(fd->cond[c].value);
		for (int c = 0; c < fd->napp; c++)
			free(fd->app[c].value);
	}
	free(fm->fields);
	free(fm->index);
	free(fm->name);
	free(fm->title);
	free(fm);
}

int fdef_index(const struct fdef_form *fm, const char *key_or_label)
{
	if (fm->index) {
		size_t mask = fm->index_cap - 1;
		for (size_t i = name_hash(key_or_label) & mask; fm->index[i].name; i = (i + 1) & mask)
			if (strcmp(fm->index[i].name, key_or_label) == 0)
				return fm->index[i].field;
		return -1;
	}
	for (int i = 0; i < fm->nfields; i++)
		if (strcmp(fm->fields[i].key, key_or_label) == 0 ||
		    strcmp(fm->fields[i].label, key_or_label) == 0)
			return i;
	return -1;
}
