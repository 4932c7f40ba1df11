/* Helpers shared by the unit suites. */
#ifndef DESK4S_TESTUTIL_H
#define DESK4S_TESTUTIL_H
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A fresh temporary directory for one test; removed by tu_rmtree. */
static inline char *tu_tmpdir(void)
{
	char *d = strdup("/tmp/desk4s-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}
static inline void tu_rmtree(char *d)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
	if (system(cmd) != 0) { /* best effort */ }
	free(d);
}
/* Write text to path; fails the test on error. */
static inline void tu_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
}
/* Read a whole file (NUL-terminated); caller frees. */
static inline char *tu_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	size_t got = fread(s, 1, (size_t)n, f);
	s[got] = 0;
	fclose(f);
	return s;
}
#endif
