# kitei — one GNU Makefile.
#   make            install missing Debian packages, build ./kitei, build every
#                   company in content/ into out/<company>/
#   make test       run every test; the last line is "N passed, N failed"
#   make out/NAME   (or make COMPANY=NAME) build one company
#   make due        what is due or overdue across every company (exit 3: overdue)
#   make compare COMPANY=NAME BASE=REV   新旧対照表 of NAME against a git revision
#   make check-asan / check-valgrind / fuzz / bench / install / clean

PREFIX    ?= /usr/local
DESTDIR   ?=
VERSION   := 0.1.0
CC        ?= cc
PKGS      := harfbuzz harfbuzz-subset yaml-0.1 libcmark-gfm libunibreak xlsxwriter libbrotlienc
CFLAGS    ?= -O2 -g
# What kitei needs whatever CFLAGS the user gives (make CFLAGS=… keeps these).
KFLAGS    := -Isrc -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra \
             -DKITEI_VERSION='"$(VERSION)"' \
             -DKITEI_DATADIR='"$(PREFIX)/share/kitei"'
KLIBS     := -lhpdf -lz -lcmark-gfm-extensions -lm -pthread

-include Makefile.local

# pkg-config is asked only when building, so that "make deps" can run first.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

BUILD ?= build
SRCS := $(wildcard src/*.c src/*/*.c)
OBJS := $(SRCS:src/%.c=$(BUILD)/%.o)
# Profiles whose names kitei accepts (letters, digits, . _ -, starting with
# a letter or digit, no ..: docs/limits.md); make never hands another name
# to the shell.  Others are named in a warning and left out.
NAME_RE   := ^content/[A-Za-z0-9]([A-Za-z0-9_-]|\.[A-Za-z0-9_-])*\.yaml$$
PROFILES  := $(shell find content -maxdepth 1 -name '*.yaml' ! -type d 2>/dev/null | LC_ALL=C grep -E '$(NAME_RE)' | LC_ALL=C sort)
BAD_PROFILES := $(shell find content -maxdepth 1 -name '*.yaml' ! -type d 2>/dev/null | LC_ALL=C grep -vE '$(NAME_RE)' | tr '\n' '|' | sed 's/|$$//')
ifneq ($(BAD_PROFILES),)
$(warning skipped, the file name is not a valid profile name (letters, digits, . _ -, starting with a letter or digit): $(BAD_PROFILES))
endif
NAMES     := $(PROFILES:content/%.yaml=%)
COMPANIES := $(PROFILES:content/%.yaml=out/%)

.PHONY: all deps test clean install check-asan check-valgrind fuzz bench bench-due docs regen due compare
.DELETE_ON_ERROR:

all: kitei companies

# The package check runs before anything is compiled.
ifeq ($(filter clean clean-build,$(MAKECMDGOALS)),)
DEPS_OK := $(shell sh tools/deps.sh >&2 && echo yes)
ifneq ($(DEPS_OK),yes)
$(error missing Debian packages (see above))
endif
endif

deps:
	@sh tools/deps.sh

kitei $(BUILD)/kitei: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS) $(KLIBS) $(LDLIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(KFLAGS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<


-include $(OBJS:.o=.d)

# One company: out/NAME/index.html is written last-renamed with the rest; the
# dependency file names every template, schema, company file and font used.
.PHONY: companies $(COMPANIES)
companies: $(COMPANIES:%=%/index.html)
$(COMPANIES): %: %/index.html
out/%/index.html: content/%.yaml kitei
	$(if $(filter $*,$(NAMES)),,$(error out/$*: not a valid profile name in content/))
	./kitei build -q $< -o out/$* --deps out/$*.d

ifdef COMPANY
ifneq ($(words $(COMPANY))$(filter $(COMPANY),$(NAMES)),1$(COMPANY))
$(error COMPANY=$(COMPANY): no such profile content/NAME.yaml with a valid name (letters, digits, . _ -))
endif
all: out/$(COMPANY)/index.html
endif

-include $(PROFILES:content/%.yaml=out/%.d)

# What is due across all clients: the list on the terminal and out/due.ics;
# exits 3 (make fails) when anything is overdue.  TODAY=YYYY-MM-DD to pick the day.
due: kitei
	@mkdir -p out
	./kitei due $(if $(TODAY),--today $(TODAY)) --format ics -o out/due.ics $(PROFILES) || test $$? -eq 3
	./kitei due $(if $(TODAY),--today $(TODAY)) $(PROFILES)

# 新旧対照表: COMPANY's DOC (default regulations) against the repository at
# BASE (a tag, branch or commit): its profile, company Markdown and templates
# as they were are taken with git archive into a scratch folder (git stays
# here, out of the C code), then compared with the current ones.
DOC ?= regulations
compare: kitei
	@test -n "$(COMPANY)" -a -n "$(BASE)" || { echo "make compare COMPANY=name BASE=rev [DOC=regulations]" >&2; exit 2; }
	rm -rf $(BUILD)/compare-base && mkdir -p $(BUILD)/compare-base out/$(COMPANY)
	git archive --format=tar $(BASE) templates content/$(COMPANY).yaml | tar -x -C $(BUILD)/compare-base
	-git archive --format=tar $(BASE) content/$(COMPANY) 2>/dev/null | tar -x -C $(BUILD)/compare-base 2>/dev/null
	./kitei compare --doc $(DOC) --old-templates $(BUILD)/compare-base/templates \
	    $(BUILD)/compare-base/content/$(COMPANY).yaml content/$(COMPANY).yaml -o out/$(COMPANY)/$(DOC)-compare.pdf
	./kitei compare --doc $(DOC) --old-templates $(BUILD)/compare-base/templates \
	    $(BUILD)/compare-base/content/$(COMPANY).yaml content/$(COMPANY).yaml -o out/$(COMPANY)/$(DOC)-compare.html
	rm -rf $(BUILD)/compare-base

test: kitei
	@sh tools/deps.sh test
	@test -d tests/html/node_modules/axe-core && test -d tests/html/node_modules/playwright-core || npm ci --prefix tests/html --no-audit --no-fund --silent
	@python3 tests/run.py

# The sanitizer build has its own folder and binary; ./kitei is untouched.
check-asan:
	@sh tools/deps.sh test
	$(MAKE) BUILD=build/asan build/asan/kitei \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined"
	KITEI_BIN=build/asan/kitei ASAN_OPTIONS=detect_leaks=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 python3 tests/run.py

check-valgrind: kitei
	@sh tools/deps.sh test
	KITEI_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$(CURDIR)/tests/valgrind.supp" \
	    python3 tests/run.py cli spec

fuzz:
	@sh tests/fuzz/run.sh

bench: kitei
	@bash bench/run

# kitei due over 1,000 generated client profiles.
bench-due: kitei
	@bash bench/due

# Rewrites the expected output of spec cases that changed, for review in git diff.
regen: kitei
	for s in tests/spec/*.spec; do python3 tools/regen-spec.py $$s; done

docs: kitei
	./kitei schema-doc -o docs/profile.md
	python3 tools/diagnostics-doc.py docs/diagnostics.md

install: kitei
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/kitei
	install -m 755 kitei $(DESTDIR)$(PREFIX)/bin/kitei
	cp -R templates $(DESTDIR)$(PREFIX)/share/kitei/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 docs/kitei.1 $(DESTDIR)$(PREFIX)/share/man/man1/kitei.1

.PHONY: clean-build
clean-build:
	rm -rf build kitei

clean: clean-build
	rm -rf out
