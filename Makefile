# feige: plain Makefile (redis/git style).
#
#   make            build ./feige
#   make test       build, unit tests, end-to-end tests
#   make asan       the same suite on a build with AddressSanitizer + UBSan
#   make fuzz       libFuzzer targets (clang) for the parsers, a fixed run count
#   make tsan       unit and end-to-end tests on a ThreadSanitizer build
#   make run        build and serve on the embedded default (./var)
#
# Object files of a build variant live under $(BUILD)/, so the normal and
# sanitizer builds never mix.

CC	?= cc
BUILD	?= build
PKGS	 = libmicrohttpd jansson sqlite3 libcurl md4c-html libsodium libqrencode duktape
WERROR	?= -Werror
OPT	?= -O2
WARN	 = -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wpointer-arith -Wformat=2 -Wvla \
	   -Wno-format-nonliteral
CFLAGS	?= $(OPT) -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Isrc $(WARN) $(CFLAGS) $(SAN) \
	   $(shell pkg-config --cflags $(PKGS))
LIBS	 = $(shell pkg-config --libs $(PKGS)) -lpthread -lm
BIN	?= feige

SRCS	:= $(shell find src -name '*.c' | sort)
OBJS	:= $(SRCS:%.c=$(BUILD)/%.o)
LIBOBJS	:= $(filter-out $(BUILD)/src/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)

.PHONY: all test unit e2e browser asan tsan fuzz fuzz-run run clean bench format

all: $(BIN)

$(BIN): $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.h $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< $(LIBOBJS) $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(LIBOBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(LIBOBJS) $(LIBS)

unit: $(UNIT_BINS)
	@./tests/run-unit.sh $(UNIT_BINS)

e2e: $(BIN)
	FEIGE_BIN=$(abspath $(BIN)) ./tests/run-e2e.sh

browser: $(BIN)
	FEIGE_BIN=$(abspath $(BIN)) ./tests/run-browser.sh

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

bench: all
	./bench/send.sh

format:
	clang-format -i $(SRCS)

clean:
	rm -rf build build-asan build-fuzz build-tsan $(BIN)

-include $(OBJS:.o=.d)
