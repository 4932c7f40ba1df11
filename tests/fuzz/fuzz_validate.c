/* fuzz_validate — every validator, the text functions and the region check
 * on arbitrary bytes.  Validators take NUL-terminated, non-empty strings and
 * must never write past out (outsz) whatever they are given. */
#include <stdlib.h>
#include <string.h>
#include "desk4s/region.h"
#include "desk4s/text.h"
#include "desk4s/validate.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* "not in the future" rules read today from here: fixed, reproducible */
	setenv("DESK4S_TODAY", "2026-11-23", 1);
	setenv("DESK4S_NOW", "2026-11-23 12:00", 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	/* the validators, with a roomy and a tight output buffer */
	for (const char *const *n = val_names(); *n; n++) {
		val_fn fn = val_lookup(*n);
		if (!fn || !*s)
			continue;
		struct val_result r;
		char out[64], *big = malloc(size * 4 + 64);
		if (big) {
			if (fn(s, big, size * 4 + 64, &r) == VAL_OK && strcmp(*n, "idno") == 0) {
				struct val_idinfo info;
				val_idno_info(big, &info);
			}
			free(big);
		}
		fn(s, out, sizeof out, &r);
	}
	/* the text layer */
	char norm[256];
	txt_normalize(s, norm, sizeof norm);
	char *wide = malloc(size * 4 + 8);
	if (wide) {
		txt_normalize(s, wide, size * 4 + 8);
		free(wide);
	}
	txt_valid_utf8((const char *)data, size);
	txt_width(s);
	txt_chars(s);
	txt_fit(s, (int)(size % 40));
	char pad[128];
	txt_pad(pad, sizeof pad, s, (int)(size % 50), 1);
	txt_pad(pad, 8, s, 20, 1);
	char *t = strdup(s);
	if (t) {
		txt_trim(t);
		free(t);
	}
	/* a region triple from three comma-separated parts */
	char *a = strdup(s);
	if (a) {
		char *p2 = strchr(a, ','), *p3 = NULL;
		if (p2) {
			*p2++ = 0;
			p3 = strchr(p2, ',');
			if (p3)
				*p3++ = 0;
		}
		struct val_result r;
		reg_check(a, p2 ? p2 : "", p3 ? p3 : "", &r);
		char disp[256];
		long code = strtol(a, NULL, 10);
		reg_display((int)code, (int)(code / 100 * 100), (int)(code / 10000 * 10000), disp, sizeof disp);
		free(a);
	}
	free(s);
	return 0;
}
