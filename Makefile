# desk4s — see README.md for the map.
#   make run          build and start the program on the default database
#   make check        build and run every test (unit, key-script, tmux)
#   make check-asan   the same tests under AddressSanitizer and UBSan
#   make check-tsan   the suites of threaded code under ThreadSanitizer
#   make bench        benchmarks on a generated shop (see tests/bench)
# WERROR=1 turns warnings into errors (CI sets it).

PKGS      := gcc make pkg-config libncurses-dev libsqlite3-dev libcsv-dev check sqlite3 tmux libcrypt-dev \
             libpango1.0-dev libcairo2-dev fonts-noto-cjk poppler-utils cups cups-client printer-driver-cups-pdf
PKGCONFIG := ncursesw formw sqlite3 pangocairo fontconfig
CC        ?= cc
B         ?= build
SAN       ?=
VERSION   := 0.1.0

WARN      := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla
ifeq ($(WERROR),1)
WARN      += -Werror
endif
OPT       ?= -O2 -g
CPPFLAGS  += -D_XOPEN_SOURCE=700 -D_XOPEN_SOURCE_EXTENDED -D_DEFAULT_SOURCE \
             -DDESK4S_VERSION='"$(VERSION)"' -Iinclude -I$(B)/gen
CFLAGS    += -std=c11 -pthread $(OPT) $(WARN) $(SAN)
LDFLAGS   += -pthread $(SAN)
# ncursesw.pc adds -D_XOPEN_SOURCE=600, which clashes with ours (700)
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=%,$(shell pkg-config --cflags $(PKGCONFIG) 2>/dev/null))
PKG_LIBS   = $(shell pkg-config --libs $(PKGCONFIG) 2>/dev/null)
LIBS       = $(PKG_LIBS) -lcsv -lcrypt -lm
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

SRC       := $(filter-out src/main.c,$(wildcard src/*.c))
OBJ       := $(SRC:src/%.c=$(B)/obj/%.o) $(B)/obj/embedded.o $(B)/obj/region_data.o
EMBEDDED  := $(sort $(wildcard forms/*.csv) $(wildcard schema/*.sql))
UNIT      := $(sort $(wildcard tests/unit/check_*.c))
UNIT_OBJ  := $(UNIT:tests/unit/%.c=$(B)/tests/%.o) $(B)/tests/run.o

.PHONY: all run check check-asan check-tsan unit e2e deps bench fuzz clean
all: deps $(B)/desk4s

# Install what the build and the tests need: apt-get when root, otherwise
# print the one line to run and stop.
deps:
	@missing=""; for p in $(PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "desk4s: installing$$missing"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; } || exit 1; \
	  else \
	    echo "desk4s: missing Debian packages. Run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

run: all
	./$(B)/desk4s $(ARGS)

$(B)/obj/%.o: src/%.c $(wildcard include/desk4s/*.h) | $(B)/gen/suites.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

# The names of the files a generated source is made of, rewritten only when
# the set changes: a file removed (or renamed to an older one) is newer than
# nothing, so without it the generated source kept it.
$(B)/gen/embedded.list: FORCE
	@mkdir -p $(@D)
	@echo '$(EMBEDDED)' | cmp -s - $@ 2>/dev/null || echo '$(EMBEDDED)' > $@
$(B)/gen/unit.list: FORCE
	@mkdir -p $(@D)
	@echo '$(UNIT)' | cmp -s - $@ 2>/dev/null || echo '$(UNIT)' > $@
.PHONY: FORCE
FORCE:

# forms/ and schema/ are compiled in, so the program needs no data files at
# run time; a shop may still override forms with --forms DIR.
$(B)/gen/embedded.c: $(EMBEDDED) $(B)/gen/embedded.list Makefile
	@mkdir -p $(@D)
	@{ echo '#include "desk4s/embed.h"'; i=0; \
	  for f in $(EMBEDDED); do \
	    echo "static const char e$$i[] = {"; od -An -v -tx1 $$f | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; echo "0};"; \
	    i=$$((i+1)); done; \
	  echo "static const struct emb_file files[] = {"; i=0; \
	  for f in $(EMBEDDED); do echo "{\"$$f\", e$$i, sizeof e$$i - 1},"; i=$$((i+1)); done; \
	  echo "};"; \
	  echo "const struct emb_file *emb_all(size_t *n) { *n = sizeof files / sizeof files[0]; return files; }"; \
	} > $@

$(B)/gen/region_data.c: schema/regions/regions.csv schema/regions/csv2c.awk
	@mkdir -p $(@D)
	LC_ALL=C awk -f schema/regions/csv2c.awk schema/regions/regions.csv > $@

$(B)/obj/embedded.o: $(B)/gen/embedded.c include/desk4s/embed.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<
$(B)/obj/region_data.o: $(B)/gen/region_data.c include/desk4s/region.h src/region_data.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Isrc $(CFLAGS) -c -o $@ $<

$(B)/libdesk4s.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/desk4s: $(B)/obj/main.o $(B)/libdesk4s.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

# Unit suites: every tests/unit/check_NAME.c defines Suite *NAME_suite(void).
$(B)/gen/suites.h: $(UNIT) $(B)/gen/unit.list Makefile
	@mkdir -p $(@D)
	@for f in $(UNIT); do n=$${f#tests/unit/check_}; echo "SUITE($${n%.c})"; done > $@

$(B)/tests/%.o: tests/unit/%.c $(wildcard include/desk4s/*.h) $(wildcard tests/unit/*.h) $(B)/gen/suites.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/unit $(PKG_CFLAGS) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(B)/tests/unit: $(UNIT_OBJ) $(B)/libdesk4s.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS) $(CHECK_LIBS)

unit: all $(B)/tests/unit
	cd tests/unit && CK_DEFAULT_TIMEOUT=60 DESK4S_BIN=$(abspath $(B)/desk4s) LC_ALL=C.UTF-8 $(abspath $(B)/tests/unit)

e2e: all
	DESK4S_BIN=$(abspath $(B)/desk4s) LC_ALL=C.UTF-8 sh tests/e2e/run.sh

# the unit runner goes last, so make check ends with check's summary line
check: e2e unit

# ASAN_B: where the sanitizer build goes (a private directory when several
# builds share the tree)
ASAN_B ?= build-asan
check-asan:
	$(MAKE) B=$(ASAN_B) OPT='-O1 -g -fno-omit-frame-pointer' \
	  SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' check

# ThreadSanitizer over the suites whose code runs a second thread (the
# import's reader, the due list's writer) and the commands they start.
# The PDF suites are left out: Pango starts a font-loading thread inside
# libraries built without TSan, which it cannot follow.
TSAN_B ?= build-tsan
TSAN_SUITES := ring import bulk resume report due cli
check-tsan:
	$(MAKE) B=$(TSAN_B) OPT='-O1 -g' SAN='-fsanitize=thread' all $(TSAN_B)/tests/unit
	cd tests/unit && for s in $(TSAN_SUITES); do \
	  CK_RUN_SUITE=$$s CK_DEFAULT_TIMEOUT=300 TSAN_OPTIONS=halt_on_error=1 \
	  DESK4S_BIN=$(abspath $(TSAN_B)/desk4s) LC_ALL=C.UTF-8 $(abspath $(TSAN_B)/tests/unit) || exit 1; \
	done

clean:
	rm -rf build build-asan build-tsan

# ---- benchmarks, load and fault tests, fuzzing (tests/bench, tests/fuzz) ----
#   make bench-small  the same table on a shop 1/100 the size (about 10 s)
#   make load         16 terminals saving at once for LOAD_SECONDS (60)
#   make faults       kill -9 during import/save/completion, a full disk
#   make fuzz         each fuzz target for FUZZ_SECONDS (300); fuzz-ci: 60 s
BENCH_OBJ := $(B)/bench/gendata.o $(B)/bench/benchdb.o
BENCH_BIN := $(B)/bench/gen $(B)/bench/bench $(B)/bench/load
BENCH_PKGS := sqlite3
LOAD_SECONDS ?= 60
FUZZ_SECONDS ?= 300

.PHONY: bench-small bench-tools load faults roundtrip fuzz-ci fuzz-build fuzz-regress
$(B)/bench/%.o: tests/bench/%.c tests/bench/gen.h tests/bench/benchdb.h $(wildcard include/desk4s/*.h)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Itests/bench $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<
$(BENCH_BIN): $(B)/bench/%: $(B)/bench/%.o $(BENCH_OBJ) $(B)/libdesk4s.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)
bench-tools: all
	@sh tests/bench/need.sh $(BENCH_PKGS)
	@$(MAKE) --no-print-directory $(BENCH_BIN)
bench: bench-tools
	sh tests/bench/bench.sh full $(B)
bench-small: bench-tools
	sh tests/bench/bench.sh small $(B)
load: bench-tools
	$(B)/bench/load --workers 16 --seconds $(LOAD_SECONDS) --dir $(B)/load
faults: bench-tools
	sh tests/bench/faults.sh $(B)
roundtrip: bench-tools
	sh tests/bench/roundtrip.sh $(B)

# Fuzz targets (tests/fuzz/fuzz_NAME.c): with libFuzzer and ASan+UBSan in
# build/fuzz (clang), or with driver.c's main() in $(B) to replay the seed
# corpora and the regression inputs under any compiler (fuzz-regress).
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SAN   := -fsanitize=address,undefined -fno-sanitize-recover=all
$(B)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(B)/libdesk4s.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -fsanitize=fuzzer -o $@ $< $(B)/libdesk4s.a $(LIBS)
$(B)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/driver.c tests/fuzz/fuzz.h $(B)/libdesk4s.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -o $@ $< tests/fuzz/driver.c $(B)/libdesk4s.a $(LIBS) $(LDFLAGS)
fuzz-build:
	@sh tests/bench/need.sh clang libclang-rt-14-dev
	@$(MAKE) --no-print-directory B=build/fuzz CC=clang OPT='-O1 -g -fno-omit-frame-pointer' \
	  SAN='$(FUZZ_SAN) -fsanitize=fuzzer-no-link' $(FUZZ_NAMES:%=build/fuzz/fuzz/fuzz_%)
fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FUZZ_SECONDS) build/fuzz/fuzz
fuzz-ci: fuzz-build
	sh tests/fuzz/run.sh 60 build/fuzz/fuzz
# every seed and regression input once, no clang needed (fast; CI-friendly)
fuzz-regress: all $(FUZZ_NAMES:%=$(B)/fuzz/replay_%)
	@for n in $(FUZZ_NAMES); do \
	  printf 'fuzz-regress %s: ' $$n; \
	  $(B)/fuzz/replay_$$n $$(find tests/fuzz/corpus/$$n tests/fuzz/regress/$$n -type f 2>/dev/null) || exit 1; \
	done
