/* fuzz_keys — the key-script reader of the headless UI (ui_keys.c): tokens,
 * comments, UTF-8 text, <Dump> and <Resize WxH>, through its public entry
 * points (uik_open_script reads a file, uik_get hands out keys), on a
 * headless curses screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "desk4s/ui_keys.h"
#include "desk4s/ui_screen.h"
#include "fuzz.h"

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TERM", "xterm-256color", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	setenv("DESK4S_DUMP", "/dev/null", 1);
	char err[256];
	if (uis_start(1, err, sizeof err) != 0) {
		fprintf(stderr, "fuzz_keys: %s\n", err);
		abort();
	}
	snprintf(path, sizeof path, "/dev/shm/desk4s-fuzz-%d.keys", (int)getpid());
	return 0;
}

/* A <Dump> reads every cell of the screen back (about 1 µs a cell under
 * the sanitizers): a script of hundreds of them at the largest screen
 * takes seconds without being wrong.  Scripts with more than a few are not
 * run, so a timeout means the reader itself is slow. */
static int too_many_dumps(const uint8_t *data, size_t size)
{
	int n = 0;
	for (size_t i = 0; i + 5 <= size; i++)
		n += memcmp(data + i, "<Dump", 5) == 0;
	return n > 8;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384 || too_many_dumps(data, size))
		return 0;
	FILE *f = fopen(path, "wb");
	if (!f)
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	char err[256];
	if (uik_open_script(path, err, sizeof err) != 0)
		return 0;
	struct uik_key k;
	/* every byte yields at most one key: the loop ends */
	for (size_t n = 0; n <= size + 1; n++) {
		uik_get(&k);
		if (k.kind == UIK_EOF)
			break;
		uik_request(UIK_ALL | UIK_MENU | UIK_FORM | UIK_LIST | UIK_CUST, &k);
	}
	uik_close_script();
	/* a script may have resized the screen: back to the standard size */
	resizeterm(24, 80);
	return 0;
}
