/* fuzz.h — the libFuzzer entry points every target defines (test tooling).
 * Built with clang -fsanitize=fuzzer for `make fuzz`, or with driver.c's
 * main() to run the seed corpora and the regression inputs without clang. */
#ifndef DESK4S_FUZZ_H
#define DESK4S_FUZZ_H
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
#endif
