/* driver — runs a fuzz target once on each file named on the command line
 * (seed corpora, regression inputs), without libFuzzer: so the inputs that
 * once crashed run under any compiler, in CI, with the sanitizers when the
 * build has them.  Test tooling. */
#include <stdio.h>
#include <stdlib.h>
#include "fuzz.h"

int main(int argc, char **argv)
{
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 2;
		}
		size_t cap = 1 << 16, n = 0, got;
		unsigned char *buf = malloc(cap);
		while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
			n += got;
			if (n == cap) {
				unsigned char *b = realloc(buf, cap *= 2);
				if (!b)
					free(buf);
				buf = b;
			}
		}
		fclose(f);
		if (!buf) {
			fputs("driver: out of memory\n", stderr);
			return 2;
		}
		LLVMFuzzerTestOneInput(buf, n);
		free(buf);
	}
	printf("%d inputs ran\n", argc - 1);
	return 0;
}
