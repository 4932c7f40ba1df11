/* fuzz_forms — the form-definition loader on arbitrary text; a form that
 * loads must then survive the rules engine, empty and with every field set
 * to its first choice (so conditions and choices are exercised). */
#include <stdlib.h>
#include <string.h>
#include "desk4s/fdef.h"
#include "desk4s/rules.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	char err[512];
	struct fdef_form *f = fdef_parse("fuzz", (const char *)data, size, err, sizeof err);
	if (!f)
		return 0;
	struct rec *r = rec_new(f);
	struct rule_list l = { 0 };
	rules_check(r, RP_SAVE, &l);
	for (int i = 0; i < f->nfields; i++) {
		const struct fdef_field *fd = &f->fields[i];
		rec_set_at(r, i, fd->nchoices ? fd->choices[0] : fd->label);
		fdef_index(f, fd->key);
		fdef_index(f, fd->label);
	}
	rules_check(r, RP_SAVE, &l);
	rules_check(r, RP_WO_OPEN, &l);
	for (int i = 0; i < f->nfields; i++)
		rules_level(r, i);
	rules_list_free(&l);
	rec_free(r);
	fdef_free(f);
	return 0;
}
