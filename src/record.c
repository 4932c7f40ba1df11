/* record — a sheet's values as owned strings, one per form field. */
#include <stdlib.h>
#include <string.h>
#include "desk4s/record.h"

static char empty[] = "";

struct rec *rec_new(const struct fdef_form *form)
{
	struct rec *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->form = form;
	r->val = calloc((size_t)form->nfields, sizeof *r->val);
	if (!r->val) {
		free(r);
		return NULL;
	}
	for (int i = 0; i < form->nfields; i++)
		r->val[i] = empty;
	return r;
}

static void drop(struct rec *r, int i)
{
	if (r->val[i] != empty)
		free(r->val[i]);
	r->val[i] = empty;
}

void rec_clear(struct rec *r)
{
	for (int i = 0; i < r->form->nfields; i++)
		drop(r, i);
	r->id = 0;
}

void rec_free(struct rec *r)
{
	if (!r)
		return;
	rec_clear(r);
	free(r->val);
	free(r);
}

int rec_set_at(struct rec *r, int i, const char *value)
{
	if (i < 0 || i >= r->form->nfields)
		return -1;
	if (value == r->val[i])
		return 0;
	char *copy = (value && *value) ? strdup(value) : empty;
	if (!copy)
		return -1;
	drop(r, i);
	r->val[i] = copy;
	return 0;
}

int rec_set(struct rec *r, const char *key, const char *value)
{
	return rec_set_at(r, fdef_index(r->form, key), value);
}

const char *rec_get(const struct rec *r, const char *key)
{
	int i = fdef_index(r->form, key);
	return i < 0 ? "" : r->val[i];
}

int rec_equal(const struct rec *a, const struct rec *b)
{
	if (a->form != b->form)
		return 0;
	for (int i = 0; i < a->form->nfields; i++)
		if (strcmp(a->val[i], b->val[i]) != 0)
			return 0;
	return 1;
}

int rec_merge_since(struct rec *r, const struct rec *base, const struct rec *now, int *first)
{
	int n = 0;
	*first = -1;
	for (int i = 0; i < r->form->nfields; i++) {
		const char *b = base->val[i], *w = now->val[i];
		if (strcmp(b, w) == 0 || strcmp(r->val[i], w) == 0)
			continue; /* nobody else changed it, or to the same */
		if (strcmp(r->val[i], b) == 0) {
			rec_set_at(r, i, w);
			continue;
		}
		if (*first < 0)
			*first = i;
		n++;
	}
	return n;
}

void rec_copy(struct rec *dst, const struct rec *src)
{
	for (int i = 0; i < src->form->nfields && i < dst->form->nfields; i++)
		rec_set_at(dst, i, src->val[i]);
	dst->id = src->id;
}
