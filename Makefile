# feige: plain Makefile (redis/git style).
#
#   make            build ./feige
#   make test       build, unit tests, end-to-end tests
#   make test-pg    unit tests of the store and the end-to-end tests again
#                   with the store in PostgreSQL (a private cluster:
#                   tests/pg/run.sh)
#   make asan       the same suite on a build with AddressSanitizer + UBSan
#   make fuzz       libFuzzer targets (clang) for the parsers, a fixed run count
#   make tsan       unit and end-to-end tests on a ThreadSanitizer build
#   make run        build and serve on the embedded default (./var)
#   make install    install ./feige, the man page and the sample config
#                   (PREFIX=/usr/local, DESTDIR for staging)
#   make deb-test   build the Debian package (in a temp copy of the tree)
#                   and run the binary it installs (tests/pkg/test-deb.sh)
#   make format     reformat the lines of src/ changed since FORMAT_BASE
#                   (default HEAD) with clang-format (.clang-format, KNF)
#   make format-check  the same as a dry run: non-zero if a line differs
#   make layers     every include of src/ points down a layer
#   make banned-check  every name in src/util/banned.h fails to compile
#
# CFLAGS, CPPFLAGS and LDFLAGS from the environment are used as usual (the
# Debian package build passes its hardening flags through them).
#
# Object files of a build variant live under $(BUILD)/, so the normal and
# sanitizer builds never mix.  Every src/ object is compiled with
# src/util/banned.h force-included.  All objects but main.o also go into
# $(BUILD)/libfeige.a; unit tests and fuzz targets link against that
# archive, so the linker pulls in only the objects a test references.
#
# Unit tests: every tests/unit/**/test_*.c is one program, built as
# $(BUILD)/tests/<same relative path without .c> with -Itests/unit (so
# "harness.h" is found from any subfolder).  The layout rule is that
# tests/unit/ mirrors src/: the test of src/util/strbuf.c is
# tests/unit/util/test_strbuf.c.  Tests still at the top of tests/unit/
# predate the rule and move when nobody else is editing them.

CC	?= cc
BUILD	?= build
PKGS	 = libmicrohttpd jansson sqlite3 libpq libcurl md4c-html libsodium libqrencode duktape libcrypto zlib expat
WERROR	?= -Werror
OPT	?= -O2
WARN	 = -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla \
	   -Wno-format-nonliteral
CFLAGS	?= $(OPT) -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DFEIGE_VERSION='"$(VERSION)"' -Isrc $(WARN) $(CPPFLAGS) $(CFLAGS) $(SAN) \
	   $(shell pkg-config --cflags $(PKGS))
# wslay: Debian's libwslay-dev ships no .pc file
LIBS	 = $(shell pkg-config --libs $(PKGS)) -lwslay -lpthread -lm
BIN	?= feige
VERSION	:= $(shell cat VERSION)
PREFIX	?= /usr/local

SRCS	:= $(shell find src -name '*.c' | sort)
HDRS	:= $(shell find src -name '*.h' | sort)
# src/render/web/: the inbox's scripts, service worker and manifest,
# compiled in as one generated file (scripts/embed-web.sh)
WEB_FILES := $(shell find src/render/web -type f | sort)
WEB_OBJ	:= $(BUILD)/gen/render_web.o
OBJS	:= $(SRCS:%.c=$(BUILD)/%.o) $(WEB_OBJ)
LIBOBJS	:= $(filter-out $(BUILD)/src/main.o,$(OBJS))
LIB	:= $(BUILD)/libfeige.a
BANNED	 = -include src/util/banned.h
UNIT_SRCS := $(shell find tests/unit -name 'test_*.c' | sort)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)

.PHONY: all test test-pg unit e2e browser asan tsan fuzz fuzz-run run clean bench install deb-test \
	format format-check banned-check layers sql-tables

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(BANNED) -MMD -MP -c -o $@ $<

$(BUILD)/gen/render_web.c: scripts/embed-web.sh $(WEB_FILES)
	@mkdir -p $(dir $@)
	./scripts/embed-web.sh src/render/web $(WEB_FILES) > $@.tmp
	@mv $@.tmp $@

$(WEB_OBJ): $(BUILD)/gen/render_web.c
	$(CC) $(ALL_CFLAGS) $(BANNED) -MMD -MP -c -o $@ $<

# rebuilt whole (rcs replaces members; a deleted source leaves none behind)
$(LIB): $(LIBOBJS)
	@rm -f $@
	$(AR) rcs $@ $(LIBOBJS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -MMD -MP -MF $@.d -o $@ $< $(LIB) \
	    $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d -o $@ $< \
	    $(LIB) $(LIBS)

unit: $(UNIT_BINS) banned-check layers sql-tables
	@./tests/run-unit.sh $(UNIT_BINS)

# The migration tables are arrays of adjacent string pieces: clang (the
# fuzz build) refuses an element of several pieces without parentheses,
# gcc says nothing, so check them with clang here, where a mistake shows
# at once instead of in the fuzz step.
sql-tables:
	@clang $(filter-out $(SAN),$(ALL_CFLAGS)) -fsyntax-only \
	    -include src/util/banned.h src/store/sqlite_schema.c src/store/pg_schema.c

# every name in banned.h must fail to compile; see the script
banned-check:
	@CC="$(CC)" ./tests/run-banned.sh src/util/banned.h

e2e: $(BIN)
	FEIGE_BIN=$(abspath $(BIN)) ./tests/run-e2e.sh

browser: $(BIN)
	FEIGE_BIN=$(abspath $(BIN)) ./tests/run-browser.sh

# every unit test that opens its store through tests/unit/harness_store.h
# (so through the store interface), and every end-to-end file, on
# PostgreSQL
PG_UNIT	:= $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(shell grep -rl \
	   --include='test_*.c' harness_store.h tests/unit | sort))
test-pg: $(BIN) $(PG_UNIT)
	FEIGE_BIN=$(abspath $(BIN)) FEIGE_PG_UNIT="$(PG_UNIT)" ./tests/pg/run.sh

# sequential, so the unit and end-to-end output never interleave
test: all
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory browser

asan:
	$(MAKE) BUILD=build-asan BIN=build-asan/feige OPT=-O1 \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    test

# not part of `make test`/scripts/test.sh: 5-10x slower, run it by hand
# after touching threads (any report fails the run)
tsan:
	$(MAKE) BUILD=build-tsan BIN=build-tsan/feige OPT=-O1 \
	    SAN="-fsanitize=thread -fno-omit-frame-pointer" all $(UNIT_BINS:$(BUILD)/%=build-tsan/%)
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" ./tests/run-unit.sh \
	    $(UNIT_BINS:$(BUILD)/%=build-tsan/%)
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
	    FEIGE_BIN=$(abspath build-tsan/feige) ./tests/run-e2e.sh

# clang's libFuzzer; the library objects get coverage instrumentation
fuzz:
	$(MAKE) CC=clang BUILD=build-fuzz OPT=-O1 \
	    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    fuzz-run

fuzz-run: $(FUZZ_BINS)
	@./tests/run-fuzz.sh $(FUZZ_BINS)

run: all
	./$(BIN) serve

# the version string is compiled into cmd_admin.o
$(BUILD)/src/cli/cmd_admin.o: VERSION

# PREFIX (/usr/local) and DESTDIR as usual; installs what `make` built
# (BIN), so an install never rebuilds as root.
install:
	@test -x $(BIN) || { echo "run make first"; exit 1; }
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/doc/feige
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/feige
	install -m 0644 docs/feige.1 $(DESTDIR)$(PREFIX)/share/man/man1/feige.1
	install -m 0644 etc/feige.conf LICENSE README.md README.zh-CN.md \
	    $(DESTDIR)$(PREFIX)/share/doc/feige/

deb-test:
	./tests/pkg/test-deb.sh

bench: all
	./bench/send.sh

# Only the lines changed since FORMAT_BASE: clang-format cannot express
# all of KNF (tabs after the first non-blank that align members and
# names, adjacent string pieces under one another), so the committed
# tree is the reference and clang-format keeps new and changed lines in
# its shape.  On a clean tree `make format` changes nothing.
# FORMAT_BASE=main formats everything a branch changed.
FORMAT_BASE ?= HEAD
format:
	git clang-format --quiet --extensions c,h $(FORMAT_BASE) -- src

format-check:
	@out=$$(git clang-format --diff --extensions c,h $(FORMAT_BASE) -- src); \
	case "$$out" in ""|*"no modified files"*|*"did not modify"*) ;; \
	*) echo "$$out"; exit 1 ;; esac

# docs/architecture.md's include rule, checked on every file of src/
layers:
	@./scripts/check-layers.sh

clean:
	rm -rf build build-asan build-fuzz build-tsan $(BIN)

-include $(OBJS:.o=.d) $(UNIT_BINS:=.d) $(FUZZ_BINS:=.d)
