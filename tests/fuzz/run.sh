#!/bin/sh
# Builds the libFuzzer harnesses with clang (ASan + UBSan) and runs each for
# FUZZ_SECONDS (default 60).  Seed corpora come from the tests; inputs that
# found a crash, hang or leak are kept in tests/fuzz/regress/<harness>/
# and replayed by `make test` (spec group "fuzz-regress").
set -eu
cd "$(dirname "$0")/../.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
HARNESSES=${FUZZ_HARNESSES:-"profile template render"}
B=${FUZZ_BUILD:-build/fuzz}
mkdir -p "$B"
CFLAGS="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
 -Isrc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
 $(pkg-config --cflags harfbuzz harfbuzz-subset yaml-0.1 libcmark-gfm libunibreak xlsxwriter libbrotlienc)"
LIBS="$(pkg-config --libs harfbuzz harfbuzz-subset yaml-0.1 libcmark-gfm libunibreak xlsxwriter libbrotlienc) -lhpdf -lz -lcmark-gfm-extensions -lm"
objs=""
for f in src/*.c src/*/*.c; do
	case $f in src/main.c) continue ;; esac
	o="$B/$(basename "$f" .c).o"  # file names are unique across folders
	clang $CFLAGS -fsanitize=fuzzer-no-link -c "$f" -o "$o"
	objs="$objs $o"
done
for h in $HARNESSES; do
	clang $CFLAGS -o "$B/fuzz_$h" "tests/fuzz/fuzz_$h.c" $objs $LIBS
	corpus="$B/corpus_$h"
	mkdir -p "$corpus" "tests/fuzz/regress/$h"
	case $h in
	profile) cp content/*.yaml "$corpus/" ;;
	template) cp templates/*.md templates/regulations/*.md "$corpus/" ;;
	render) cp tests/fuzz/seeds/*.md "$corpus/" 2>/dev/null || true
		cp templates/fragments/*.md "$corpus/" ;;
	esac
	echo "fuzz_$h: ${SECONDS_EACH}s" >&2
	"$B/fuzz_$h" -max_total_time="$SECONDS_EACH" -timeout=1 -rss_limit_mb=2048 \
		-max_len=65536 -artifact_prefix="tests/fuzz/regress/$h/" \
		-print_final_stats=1 "$corpus" 2>&1 | tail -n 20
done
