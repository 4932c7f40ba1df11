/* alias — forms/headers.csv read for one form.  A few dozen names: a
 * linear search per header column costs nothing beside the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "desk4s/alias.h"
#include "desk4s/csvio.h"
#include "desk4s/embed.h"

#define ALIAS_FILE "forms/headers.csv"

struct alias_entry {
	char *name, *key;
};

struct alias_map {
	struct alias_entry *v;
	size_t n, cap;
};

struct loader {
	struct alias_map *m;
	const char *form;
	int header_seen;
	char *err;
	size_t errsz;
};

static int on_row(const struct cio_row *row, void *vctx)
{
	struct loader *ld = vctx;
	if (row->f[0][0] == '#')
		return 0;
	if (row->n != 3) {
		snprintf(ld->err, ld->errsz, "%s 第%ld行：应有3列（form,name,key）", ALIAS_FILE, row->line);
		return 1;
	}
	if (!ld->header_seen) {
		ld->header_seen = 1;
		return 0;
	}
	if (strcmp(row->f[0], ld->form) != 0)
		return 0;
	struct alias_map *m = ld->m;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 16;
		struct alias_entry *v = realloc(m->v, cap * sizeof *v);
		if (!v) {
			snprintf(ld->err, ld->errsz, "内存不足");
			return 1;
		}
		m->v = v;
		m->cap = cap;
	}
	struct alias_entry *e = &m->v[m->n];
	e->name = strdup(row->f[1]);
	e->key = strdup(row->f[2]);
	if (!e->name || !e->key) {
		free(e->name);
		free(e->key);
		snprintf(ld->err, ld->errsz, "内存不足");
		return 1;
	}
	m->n++;
	return 0;
}

struct alias_map *alias_load(const char *form, char *err, size_t errsz)
{
	struct alias_map *m = calloc(1, sizeof *m);
	if (!m) {
		snprintf(err, errsz, "内存不足");
		return NULL;
	}
	const struct emb_file *f = emb_find(ALIAS_FILE);
	if (!f)
		return m;
	struct loader ld = { m, form, 0, err, errsz };
	char perr[256];
	enum cio_status st = cio_parse_mem(f->data, f->size, on_row, &ld, perr, sizeof perr);
	if (st == CIO_ERROR)
		snprintf(err, errsz, "%s：%s", ALIAS_FILE, perr);
	if (st != CIO_OK) {
		alias_free(m);
		return NULL;
	}
	return m;
}

const char *alias_key(const struct alias_map *m, const char *name)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (strcasecmp(m->v[i].name, name) == 0)
			return m->v[i].key;
	return NULL;
}

int alias_at(const struct alias_map *m, size_t i, const char **name, const char **key)
{
	if (!m || i >= m->n)
		return 0;
	*name = m->v[i].name;
	*key = m->v[i].key;
	return 1;
}

void alias_free(struct alias_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].name);
		free(m->v[i].key);
	}
	free(m->v);
	free(m);
}
