/* fuzz_csv — the CSV layer as the importer uses it: parse arbitrary bytes
 * (UTF-8 from memory, and GB18030 from a stream), map the header by key or
 * label onto the customer form, build a record per row and run the rules
 * engine on it, then write the fields back out.  No database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "desk4s/csvio.h"
#include "desk4s/fdef.h"
#include "desk4s/rules.h"
#include "desk4s/text.h"
#include "fuzz.h"

static struct fdef_form *form;
static FILE *sink;

struct ctx { struct rec *r; int map[256]; int ncols; int header; int again; };

struct same { const struct cio_row *want; int rows; };

/* The second row of the line read back must be the row it was made of. */
static int compare_row(const struct cio_row *row, void *vs)
{
	struct same *sm = vs;
	if (sm->rows++ == 0)
		return 0; /* the line before it, so a BOM-like start is not a BOM */
	const struct cio_row *w = sm->want;
	if (row->n != w->n)
		abort();
	for (int i = 0; i < row->n; i++)
		if (row->len[i] != w->len[i] || memcmp(row->f[i], w->f[i], row->len[i]) != 0)
			abort();
	return 0;
}

/* A row written as a line (the import's file of refused rows) reads back
 * as the same fields. */
static void read_back(const struct cio_row *row)
{
	char *line = NULL;
	size_t len, cap = 0;
	if (cio_format_row(row, &line, &len, &cap) != 0)
		abort();
	char *text = malloc(len + 2);
	if (!text)
		abort();
	memcpy(text, "x\n", 2);
	memcpy(text + 2, line, len);
	struct same sm = { row, 0 };
	char err[256];
	if (cio_parse_mem(text, len + 2, compare_row, &sm, err, sizeof err) != CIO_OK || sm.rows != 2)
		abort();
	free(text);
	free(line);
}

static int on_row(const struct cio_row *row, void *vc)
{
	struct ctx *c = vc;
	if (!c->header) {
		c->header = 1;
		c->ncols = row->n < 256 ? row->n : 256;
		for (int i = 0; i < c->ncols; i++) {
			char name[256];
			txt_normalize(row->f[i], name, sizeof name);
			c->map[i] = fdef_index(form, name);
		}
		return 0;
	}
	if (c->again)
		read_back(row);
	rec_clear(c->r);
	for (int i = 0; i < row->n && i < c->ncols; i++)
		if (c->map[i] >= 0 && txt_valid_utf8(row->f[i], row->len[i]))
			rec_set_at(c->r, c->map[i], row->f[i]);
	struct rule_list l = { 0 };
	rules_check(c->r, RP_SAVE, &l);
	rules_check(c->r, RP_WO_COMPLETE, &l);
	char labels[512];
	rules_join_labels(&l, RK_REQUIRED, labels, sizeof labels);
	rules_list_free(&l);
	for (int i = 0; i < row->n; i++)
		cio_write_field(sink, row->f[i], i == row->n - 1);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	char err[512];
	form = fdef_load("customer", NULL, err, sizeof err);
	sink = fopen("/dev/null", "w");
	if (!form || !sink) {
		fprintf(stderr, "fuzz_csv: %s\n", err);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	struct ctx c = { .r = rec_new(form), .again = 1 };
	char err[256];
	cio_parse_mem((const char *)data, size, on_row, &c, err, sizeof err);
	/* the same bytes read as a GB18030 stream, as an old Excel file is */
	FILE *in = fmemopen((void *)data, size ? size : 1, "rb");
	if (in && size) {
		c.header = 0;
		c.again = 0;
		cio_parse_stream_gb18030(in, on_row, &c, err, sizeof err);
	}
	if (in)
		fclose(in);
	rec_free(c.r);
	return 0;
}
