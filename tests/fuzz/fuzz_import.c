/* fuzz_import — the whole import path of a customers file, rules, duplicate
 * probes and store included, as a dry run (one transaction, rolled back) on
 * a database in /dev/shm, so every input starts from the same empty shop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "desk4s/import.h"
#include "desk4s/store.h"
#include "fuzz.h"

static struct st_db *db;
static struct fdef_form *form;
static char csv[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	char path[64], err[512];
	snprintf(path, sizeof path, "/dev/shm/desk4s-fuzz-%d.db", (int)getpid());
	snprintf(csv, sizeof csv, "/dev/shm/desk4s-fuzz-%d.csv", (int)getpid());
	unlink(path);
	if (st_open(path, &db, err, sizeof err) != ST_OK ||
	    !(form = fdef_load("customer", NULL, err, sizeof err))) {
		fprintf(stderr, "fuzz_import: %s\n", err);
		abort();
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	FILE *f = fopen(csv, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	struct imp_opts o = { .path = csv, .dry_run = 1, .staff = "fuzz", .report = "/dev/null" };
	struct imp_stats st;
	char err[1024];
	imp_run(db, "customers", form, &o, &st, err, sizeof err);
	return 0;
}
