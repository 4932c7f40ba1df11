/* store_map — moves form records in and out of tables by the form's
 * column names, so a new sheet needs a form file and a migration, not new
 * INSERT code. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/auth.h"
#include "store_map.h"

enum { MAX_MAPS = 32, MAX_SQL = 128 };
static struct sm_map *maps[MAX_MAPS];
static int nmaps;
static struct { const struct sm_map *m; const char *pattern; char *sql; } sqls[MAX_SQL];
static int nsqls;

enum join_kind { J_COLS, J_MARKS, J_SETS };

static char *join(const struct sm_map *m, enum join_kind kind)
{
	size_t cap = 64;
	for (int i = 0; i < m->n; i++)
		cap += strlen(m->form->fields[m->fields[i]].column) + 4;
	char *out = malloc(cap);
	if (!out)
		return NULL;
	size_t o = 0;
	out[0] = 0;
	for (int i = 0; i < m->n; i++) {
		const char *col = m->form->fields[m->fields[i]].column;
		o += (size_t)snprintf(out + o, cap - o, "%s%s%s", i ? "," : "",
		                      kind == J_MARKS ? "?" : col, kind == J_SETS ? "=?" : "");
	}
	return out;
}

struct sm_map *sm_get(struct st_db *db, const struct fdef_form *form, const char *table,
                      char *err, size_t errsz)
{
	for (int i = 0; i < nmaps; i++)
		if (maps[i]->form == form && maps[i]->serial == form->serial &&
		    strcmp(maps[i]->table, table) == 0)
			return maps[i];
	if (nmaps == MAX_MAPS)
		sm_free_all(); /* forms loaded and freed over and over: start afresh */
	struct sm_map *m = calloc(1, sizeof *m);
	m->fields = m ? calloc((size_t)form->nfields, sizeof *m->fields) : NULL;
	m->flag = m ? calloc((size_t)form->nfields + 1, 1) : NULL;
	if (!m || !m->fields || !m->flag) {
		if (m) {
			free(m->fields);
			free(m->flag);
		}
		free(m);
		snprintf(err, errsz, "内存不足");
		return NULL;
	}
	m->form = form;
	m->serial = form->serial;
	snprintf(m->table, sizeof m->table, "%s", table);
	for (int i = 0; i < form->nfields; i++) {
		const struct fdef_field *fd = &form->fields[i];
		if (strcmp(fd->table, table) != 0)
			continue;
		if (!st_has_column(db, table, fd->column)) {
			snprintf(err, errsz, "表单 %s 的字段 %s（%s）对应的列 %s.%s 在数据库中不存在",
			         form->name, fd->key, fd->label, table, fd->column);
			free(m->fields);
			free(m->flag);
			free(m);
			return NULL;
		}
		m->flag[m->n] = (unsigned char)(fdef_is_flag(fd) && st_column_is_integer(db, table, fd->column));
		m->fields[m->n++] = i;
	}
	m->cols = join(m, J_COLS);
	m->marks = join(m, J_MARKS);
	m->sets = join(m, J_SETS);
	maps[nmaps++] = m;
	return m;
}

/* SQLITE_STATIC: every caller steps the statement right after binding,
 * while the record's values stand, and st_stmt clears the bindings before
 * the statement is used again; copying each value cost an import a malloc
 * and a free per field. */
void sm_bind(const struct sm_map *m, sqlite3_stmt *s, int first, const struct rec *r)
{
	for (int i = 0; i < m->n; i++) {
		int f = m->fields[i];
		const char *v = r->val[f];
		int p = first + i;
		const struct fdef_field *fd = &m->form->fields[f];
		if (m->flag[i] && (!*v || strcmp(v, fd->choices[0]) == 0)) {
			sqlite3_bind_int(s, p, *v != 0);
			continue;
		}
		if (!*v) {
			sqlite3_bind_null(s, p);
			continue;
		}
		switch (m->form->fields[f].type) {
		case FT_INT:
		case FT_REGION: {
			char *end;
			long long x = strtoll(v, &end, 10);
			if (*end) /* not a number: let the schema's CHECK refuse it */
				sqlite3_bind_text(s, p, v, -1, SQLITE_STATIC);
			else
				sqlite3_bind_int64(s, p, x);
			break;
		}
		case FT_MONEY: {
			char *end;
			double x = strtod(v, &end);
			if (*end)
				sqlite3_bind_text(s, p, v, -1, SQLITE_STATIC);
			else
				sqlite3_bind_double(s, p, x);
			break;
		}
		default:
			sqlite3_bind_text(s, p, v, -1, SQLITE_STATIC);
		}
	}
}

void sm_read(const struct sm_map *m, sqlite3_stmt *s, int first, struct rec *r)
{
	for (int i = 0; i < m->n; i++) {
		int f = m->fields[i], c = first + i;
		const struct fdef_field *fd = &m->form->fields[f];
		if (sqlite3_column_type(s, c) == SQLITE_NULL) {
			rec_set_at(r, f, "");
		} else if (m->flag[i] && sqlite3_column_type(s, c) == SQLITE_INTEGER) {
			rec_set_at(r, f, sqlite3_column_int(s, c) ? fd->choices[0] : "");
		} else if (m->form->fields[f].type == FT_MONEY) {
			char buf[64];
			double x = sqlite3_column_double(s, c);
			/* whole yuan without decimals, otherwise fen */
			if (x == (double)(long long)x)
				snprintf(buf, sizeof buf, "%lld", (long long)x);
			else
				snprintf(buf, sizeof buf, "%.2f", x);
			rec_set_at(r, f, buf);
		} else {
			rec_set_at(r, f, (const char *)sqlite3_column_text(s, c));
		}
	}
}

int sm_any(const struct sm_map *m, const struct rec *r)
{
	for (int i = 0; i < m->n; i++)
		if (*r->val[m->fields[i]])
			return 1;
	return 0;
}

enum st_status sm_refuse_masked(const struct rec *r, char *err, size_t errsz)
{
	for (int i = 0; i < r->form->nfields; i++) {
		const struct fdef_field *fd = &r->form->fields[i];
		/* the cheap test first: an import calls this for every row */
		if (auth_looks_masked(r->val[i]) && auth_mask_kind_of(fd->key) != AUTH_MASK_NONE) {
			snprintf(err, errsz, "%s是遮盖过的值（来自 --mask 或按角色遮盖的导出文件），不能作为资料保存或导入",
			         fd->label);
			return ST_CONSTRAINT;
		}
	}
	return ST_OK;
}

const char *sm_sql(const struct sm_map *m, const char *pattern)
{
	for (int i = 0; i < nsqls; i++)
		if (sqls[i].m == m && sqls[i].pattern == pattern)
			return sqls[i].sql;
	if (nsqls == MAX_SQL)
		return NULL;
	/* patterns name the parts as {c} columns, {m} marks, {s} sets, {t} table */
	size_t cap = strlen(pattern) + strlen(m->cols) + strlen(m->marks) + strlen(m->sets) + 64;
	char *sql = malloc(cap);
	if (!sql)
		return NULL;
	const char *p = pattern;
	size_t o = 0;
	while (*p && o + 1 < cap) {
		if (p[0] == '{' && p[2] == '}' && p[1]) {
			const char *rep = p[1] == 'c' ? m->cols : p[1] == 'm' ? m->marks
			                : p[1] == 's' ? m->sets : p[1] == 't' ? m->table : "";
			size_t l = strlen(rep);
			if (o + l + 1 >= cap)
				break;
			memcpy(sql + o, rep, l);
			o += l;
			p += 3;
		} else {
			sql[o++] = *p++;
		}
	}
	sql[o] = 0;
	sqls[nsqls].m = m;
	sqls[nsqls].pattern = pattern;
	sqls[nsqls].sql = sql;
	nsqls++;
	return sql;
}

void sm_free_all(void)
{
	for (int i = 0; i < nsqls; i++)
		free(sqls[i].sql);
	nsqls = 0;
	for (int i = 0; i < nmaps; i++) {
		free(maps[i]->fields);
		free(maps[i]->flag);
		free(maps[i]->cols);
		free(maps[i]->marks);
		free(maps[i]->sets);
		free(maps[i]);
	}
	nmaps = 0;
}

enum st_status sm_update(struct st_db *db, const struct rec *r, const char *table, const char *sql, const char *what,
                         char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, table, err, errsz);
	sqlite3_stmt *s = m ? st_stmt(db, sm_sql(m, sql), err, errsz) : NULL;
	if (!s)
		return ST_ERROR;
	sm_bind(m, s, 1, r);
	sqlite3_bind_int64(s, m->n + 1, r->id);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return ST_OK;
	char doing[64];
	snprintf(doing, sizeof doing, "修改%s", what);
	return st_fail(db, rc, doing, err, errsz);
}

enum st_status sm_load(struct st_db *db, struct rec *r, const char *table, const char *sql, int64_t id,
                       const char *what, char *err, size_t errsz)
{
	struct sm_map *m = sm_get(db, r->form, table, err, errsz);
	sqlite3_stmt *s = m ? st_stmt(db, sm_sql(m, sql), err, errsz) : NULL;
	if (!s)
		return ST_ERROR;
	sqlite3_bind_int64(s, 1, id);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		rec_clear(r);
		sm_read(m, s, 0, r);
		r->id = id;
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return ST_OK;
	char doing[64];
	snprintf(doing, sizeof doing, "读取%s", what);
	if (rc != SQLITE_DONE)
		return st_fail(db, rc, doing, err, errsz);
	snprintf(err, errsz, "找不到%s（内部编号 %lld）", what, (long long)id);
	return ST_NOTFOUND;
}

enum st_status sm_since(struct rec *r, struct rec *base, const struct rec *now, char *err, size_t errsz)
{
	int first, n = rec_merge_since(r, base, now, &first);
	if (n == 0)
		return ST_OK;
	char buf[512], more[48] = "";
	const char *v = auth_mask_field(now->form->fields[first].key, now->val[first], buf, sizeof buf);
	if (n > 1)
		snprintf(more, sizeof more, "（另有 %d 项也是如此）", n - 1);
	snprintf(err, errsz, "%s 在本页打开后已由其他终端改为“%s”%s", now->form->fields[first].label,
	         *v ? v : "（空）", more);
	int64_t id = base->id;
	rec_copy(base, now);
	base->id = id;
	return ST_CHANGED;
}
