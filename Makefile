# rapport: a client relationship tracker that lives in plain text.
#
#   make                 build ./rapport
#   make test            unit, Mustache spec, man page, end-to-end, git,
#                        site, cache, mail and robustness tests (the site also in
#                        headless Chromium; screenshots in
#                        build/screenshots/), then again under
#                        AddressSanitizer and UndefinedBehaviorSanitizer;
#                        the checkout must be left as it was
#   make demo            check the example workspace, show its status and
#                        build its site into build/demo-site/
#   make install         PREFIX=/usr/local, DESTDIR supported
#   make check-valgrind  the end-to-end tests under valgrind
#   make fuzz            build the libFuzzer targets, run each FUZZ_TIME s
#   make fuzz-coverage   what the fuzzers' corpora reach of our code
#   make check-mutations break the code one spot at a time (in a copy):
#                        the tests named for each break must fail
#
# Missing Debian packages are installed by .ci/install-deps (make deps);
# before compiling, .ci/need-deps installs them as root with apt-get, or
# stops with one line naming them.

CC	?= cc
PKG_CONFIG ?= pkg-config
PREFIX	?= /usr/local
DESTDIR	?=
PKGS	 = libcmark libgit2 inih gmime-3.0

WARN	 = -Wall -Wextra -Werror -Wpedantic -Wshadow -Wpointer-arith \
	   -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings \
	   -Wformat=2 -Wundef -Wcast-qual
CFLAGS	?= -O2 -g
ALLCFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE $(WARN) \
	   -Icore/base -Icore/model -Icore/git -Icore/write -Icore/merge \
	   -Icore/mail -Icore/sync -Icore/cards -Icli -Irender \
	   $(patsubst -I%,-isystem %,$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)) \
	   $(CFLAGS)
LIBS	 = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null) -pthread -lm

B	 = build
SAN	 = $(B)/san
SANFLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=all

# core/, one folder per subsystem, lowest first (docs/HACKING.md says
# which folder may include which; make lint-layers checks it).
CORE_BASE  = util diag date text fileio fileio_stream fileio_read source \
	     mdmem wpath hmap statefile zone conflict ftree textstore
CORE_MODEL = inifile config client client_front entry body body_guard \
	     commitment followup invalid share cache workspace workspace_load \
	     workspace_walk people measure stats hours \
	     lookalike
CORE_GIT   = repo repo_status repo_walk repo_odb repo_merge gitdate gitproc \
	     history history_diff history_file hook repo_tree serve since
CORE_WRITE = change change_steps change_edit change_hooks commit commit_plan \
	     sides recover journal gitindex
CORE_MERGE = merge merge_units merge_ini merge_text merge_entries treemerge
CORE_MAIL  = mail mailbook mailentry mailimport mailsrc digest mailout
CORE_SYNC  = sync sync_remote
CORE_CARDS = cardin vcf csvin importplan
CORE	 = $(CORE_BASE:%=core/base/%.o) $(CORE_MODEL:%=core/model/%.o) \
	   $(CORE_GIT:%=core/git/%.o) $(CORE_WRITE:%=core/write/%.o) \
	   $(CORE_MERGE:%=core/merge/%.o) $(CORE_MAIL:%=core/mail/%.o) \
	   $(CORE_SYNC:%=core/sync/%.o) $(CORE_CARDS:%=core/cards/%.o)
RENDER	 = render/json.o render/csv.o render/cline.o render/vcard.o render/vdir.o render/tpl.o render/tpl_set.o render/tpl_value.o \
	   render/tpl_compile.o render/ics.o \
	   render/fmt.o render/digestmail.o \
	   render/values.o render/replies.o render/pages.o render/page_client.o \
	   render/page_share.o render/page_hours.o \
	   render/siteout.o render/site.o render/site_note.o render/rowstore.o render/publish.o \
	   gen/builtin.o
TEMPLATES = templates/_head.html templates/_foot.html templates/_state.html \
	   templates/_signals.html templates/_card.html templates/_replies.html templates/index.html \
	   templates/client.html templates/owner.html templates/agenda.html \
	   templates/style.css templates/filter.js templates/share.html \
	   templates/share.css templates/hours.html
CLI	 = cli/main.o cli/load.o cli/commit_util.o cli/cmd_check.o \
	   cli/cmd_status.o cli/cmd_stats.o cli/cmd_hours.o cli/cmd_show.o cli/cmd_init.o cli/cmd_new.o \
	   cli/cmd_log.o cli/cmd_edit.o cli/cmd_commit.o cli/cmd_history.o \
	   cli/cmd_build.o cli/cmd_done.o cli/cmd_share.o cli/cmd_merge_file.o cli/signals.o \
	   cli/cmd_sync.o cli/cmd_import_mail.o cli/cmd_hook.o cli/cmd_export.o \
	   cli/cmd_import_contacts.o cli/cmd_digest.o
# The unit suites: each tests/unit/test_NAME.c defines test_NAME(void).
# The list is made from the files (build/gen/unit-suites.h), so a new
# suite is one new file.
UNIT_SUITES = $(sort $(basename $(notdir $(wildcard tests/unit/test_*.c))))
UNIT	 = tests/unit/main.o $(UNIT_SUITES:%=tests/unit/%.o) tests/fault.o

OBJS	 = $(CORE) $(RENDER) $(CLI)
ALLOBJS	 = $(OBJS) $(UNIT) tests/mustache.o

# The official Mustache specification files (JSON), kept outside the tree.
MUSTACHE_SPEC ?= $(firstword $(wildcard ../shared/testdata/mustache-spec \
	   /work/shared/testdata/mustache-spec))

.PHONY: FORCE all test check lint-layers deps need-deps demo install uninstall clean check-valgrind \
	check-mutations check-mustache check-man bench fuzz fuzz-coverage

all: rapport

rapport: $(addprefix $(B)/,$(OBJS))
	$(CC) $(ALLCFLAGS) -o $@ $(addprefix $(B)/,$(OBJS)) $(LIBS)

$(B)/unit-tests: $(addprefix $(B)/,$(CORE) $(RENDER) $(UNIT))
	$(CC) $(ALLCFLAGS) -o $@ $^ $(LIBS)

$(B)/mustache-tests: $(addprefix $(B)/,$(CORE) $(RENDER) tests/mustache.o)
	$(CC) $(ALLCFLAGS) -o $@ $^ $(LIBS)

# The tests' fault injector (tests/fault.c), for LD_PRELOAD; the unit
# tests link its object directly.
$(B)/fault.so: tests/fault.c | need-deps
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -shared -fPIC -o $@ tests/fault.c -ldl

# The default templates, compiled in (render/builtin.h).
$(B)/gen/builtin.c: render/embed.sh $(TEMPLATES) | need-deps
	@mkdir -p $(@D)
	sh render/embed.sh $(TEMPLATES) >$@.tmp && mv $@.tmp $@

# Rewritten only when the list changes (as git's GIT-CFLAGS), so that
# the unit objects are not rebuilt for nothing.
$(B)/gen/unit-suites.h: FORCE
	@mkdir -p $(@D)
	@printf 'UNIT_SUITE(%s)\n' $(UNIT_SUITES) >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi

$(addprefix $(B)/,$(UNIT)) $(addprefix $(SAN)/,$(UNIT)): \
	    $(B)/gen/unit-suites.h
$(addprefix $(B)/,$(UNIT)) $(addprefix $(SAN)/,$(UNIT)): \
	    ALLCFLAGS += -I$(B)/gen

FORCE:

$(B)/gen/builtin.o: $(B)/gen/builtin.c | need-deps
	$(CC) $(ALLCFLAGS) -c -o $@ $<

$(SAN)/gen/builtin.o: $(B)/gen/builtin.c | need-deps
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) $(SANFLAGS) -c -o $@ $<

$(B)/%.o: %.c | need-deps
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) -MMD -MP -c -o $@ $<

# The same objects built with sanitizers, in their own tree.
$(SAN)/rapport: $(addprefix $(SAN)/,$(OBJS))
	$(CC) $(ALLCFLAGS) $(SANFLAGS) -o $@ $^ $(LIBS)

$(SAN)/unit-tests: $(addprefix $(SAN)/,$(CORE) $(RENDER) $(UNIT))
	$(CC) $(ALLCFLAGS) $(SANFLAGS) -o $@ $^ $(LIBS)

$(SAN)/mustache-tests: $(addprefix $(SAN)/,$(CORE) $(RENDER) tests/mustache.o)
	$(CC) $(ALLCFLAGS) $(SANFLAGS) -o $@ $^ $(LIBS)

$(SAN)/%.o: %.c | need-deps
	@mkdir -p $(@D)
	$(CC) $(ALLCFLAGS) $(SANFLAGS) -Ifuzz -MMD -MP -c -o $@ $<

-include $(addprefix $(B)/,$(ALLOBJS:.o=.d)) $(addprefix $(SAN)/,$(ALLOBJS:.o=.d))
-include $(wildcard $(FUZZ)/obj/*/*.d $(SAN)/fuzz/*.d)

deps:
	@sh .ci/install-deps build

# Before anything is built (an order-only prerequisite of every object
# and of the generated source): one pkg-config call when all is there.
need-deps:
	@sh .ci/need-deps "$(PKG_CONFIG)" "$(CC)" $(PKGS)

# The shell suites run once on ./rapport and once on the sanitizer build.
# FAULT_SO is the fault injector they preload for failed writes, kills and
# flushes; TIME_SCALE stretches their time limits for the slower binary.
SANENV	 = ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 \
	   UBSAN_OPTIONS=print_stacktrace=1 TIME_SCALE=4
export FAULT_SO = $(CURDIR)/$(B)/fault.so

# make test: the full gate, every suite on ./rapport and on the sanitizer
# build; make check: the quick loop, ./rapport alone, with the loops of
# team.sh and robust.sh shortened as under the sanitizers and write.sh's
# kills at every other call.  The shell suites
# run side by side (tests/suites.sh, TEST_JOBS at a time), each one's
# output printed whole when it ends, and a table of their times last.
TEST_JOBS ?= 3
export SAN SANENV

test: deps
	@sh .ci/install-deps test
	$(MAKE) rapport $(B)/unit-tests $(B)/mustache-tests $(B)/fault.so \
	    $(SAN)/rapport $(SAN)/unit-tests $(SAN)/mustache-tests \
	    $(addprefix $(SAN)/fuzz-replay-,$(FUZZ_TARGETS))
	@sh tests/hermetic.sh save $(B)/checkout-state
	./$(B)/unit-tests
	$(SANENV) ./$(SAN)/unit-tests
	@python3 tests/mutations.py --texts
	@sh tests/layers.sh
	@$(MAKE) -s check-mustache M=$(B)/mustache-tests
	@$(SANENV) $(MAKE) -s check-mustache M=$(SAN)/mustache-tests
	@$(MAKE) -s check-man
	@for t in $(FUZZ_TARGETS); do \
	    printf 'fuzz regressions, %s: ' $$t; \
	    ASAN_OPTIONS=detect_leaks=1 ./$(SAN)/fuzz-replay-$$t \
	    tests/fuzz/$$t/* || exit 1; \
	done
	sh tests/suites.sh -j $(TEST_JOBS) -o $(B)/test-logs \
	    tests/suites-san.list tests/suites-plain.list
	@sh tests/hermetic.sh check $(B)/checkout-state

check: deps
	@sh .ci/install-deps test
	$(MAKE) rapport $(B)/unit-tests $(B)/mustache-tests $(B)/fault.so
	./$(B)/unit-tests
	@python3 tests/mutations.py --texts
	@sh tests/layers.sh
	@$(MAKE) -s check-mustache M=$(B)/mustache-tests
	@$(MAKE) -s check-man
	LOOP_SECONDS=5 STRESS=50 KILL_EVERY=2 sh tests/suites.sh \
	    -j $(TEST_JOBS) -o $(B)/test-logs tests/suites-plain.list

# The include rule of the source folders (tests/layers.sh).
lint-layers:
	@sh tests/layers.sh

# The man pages: mandoc's warnings and errors fail the tests, and the
# examples of rapport(5) must check clean (tests/man.sh).
check-man: rapport
	@sh tests/man.sh ./rapport

# The Mustache specification: every test of its six modules must pass.
# Without the spec files that is a skip, and under CI=true a failure.
M ?= $(B)/mustache-tests
check-mustache: $(M)
	@if [ -z "$(MUSTACHE_SPEC)" ]; then \
	    echo "mustache: 0 passed, $$([ "$${CI:-}" = true ] && echo 1 || \
	    echo 0) failed, 1 skipped (spec files not found; set" \
	    "MUSTACHE_SPEC=DIR)"; [ "$${CI:-}" != true ]; \
	else \
	    ./$(M) $(MUSTACHE_SPEC)/comments.json \
	    $(MUSTACHE_SPEC)/delimiters.json \
	    $(MUSTACHE_SPEC)/interpolation.json \
	    $(MUSTACHE_SPEC)/inverted.json $(MUSTACHE_SPEC)/partials.json \
	    $(MUSTACHE_SPEC)/sections.json; \
	fi

# Breaks the code one spot at a time in a copy of the tree; the tests
# named for each break must catch it (tests/mutations.py).
check-mutations:
	python3 tests/mutations.py

check-valgrind: rapport
	RAPPORT_WRAP="valgrind -q --error-exitcode=99 --leak-check=full" \
	    sh tests/e2e.sh ./rapport
	RAPPORT_WRAP="valgrind -q --error-exitcode=99 --leak-check=full" \
	    sh tests/git.sh ./rapport
	RAPPORT_WRAP="valgrind -q --error-exitcode=99 --leak-check=full" \
	    sh tests/site.sh ./rapport

# The example agency as a repository with a history (docs/demo.py: its
# owners' entries committed day by day), so that each client's page shows
# a history as a user's would.  Nothing touches this checkout's own git.
DEMO	 = $(B)/demo-ws
demo: deps
	$(MAKE) rapport
	@command -v git >/dev/null || sh .ci/install-deps test
	@python3 docs/demo.py example-workspace $(CURDIR)/$(DEMO)
	@echo
	@echo "== rapport check (the example agency, as of 2026-11-23) =="
	@./rapport -C $(DEMO) --today 2026-11-23 check
	@echo
	@echo "== rapport status =="
	@./rapport -C $(DEMO) --today 2026-11-23 status
	@echo
	@echo "== rapport history ledgerly =="
	@./rapport -C $(DEMO) --today 2026-11-23 history ledgerly
	@echo
	@echo "== rapport import-mail --dry-run (example-mail/Maildir) =="
	@./rapport -C $(DEMO) --today 2026-11-23 import-mail --dry-run \
	    $(CURDIR)/example-mail/Maildir
	@echo
	@echo "== rapport build =="
	@./rapport -C $(DEMO) --today 2026-11-23 build -o $(CURDIR)/$(B)/demo-site
	@echo "open file://$(CURDIR)/$(B)/demo-site/index.html in a browser"
	@echo "client report pages (rapport share), for the clients themselves:"
	@for k in $$(sed -n 's/^key = //p' $(DEMO)/clients/*.md); do \
	    echo "  file://$(CURDIR)/$(B)/demo-site/share/$$k/index.html"; done
	@echo
	@echo "The example agency is in $(DEMO)/ (a copy of example-workspace/"
	@echo "with a history). Try"
	@echo "  ./rapport -C $(DEMO) --today 2026-11-23 show okafor"
	@echo "  ./rapport -C $(DEMO) --today 2026-11-23 status --json"
	@echo "or point -C at your own workspace (see README.md)."

# Fuzzing (fuzz/README): libFuzzer targets built with clang, each run
# FUZZ_TIME seconds; findings go to build/fuzz/findings/.
FUZZ_CC	?= clang
FUZZ_TIME ?= 60
FUZZ	 = $(B)/fuzz
FUZZ_TARGETS = client ini tpl page merge mail
FUZZFLAGS = -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all \
	   -fsanitize=address,undefined
COVFLAGS = -O0 -g -fprofile-instr-generate -fcoverage-mapping
FUZZLIB	 = $(CORE) $(RENDER)

$(FUZZ)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALLCFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer-no-link \
	    -Ifuzz -MMD -MP -c -o $@ $<

$(FUZZ)/obj/gen/builtin.o: $(B)/gen/builtin.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALLCFLAGS) $(FUZZFLAGS) -c -o $@ $<

$(FUZZ)/fuzz-%: $(FUZZ)/obj/fuzz/%.o $(addprefix $(FUZZ)/obj/,$(FUZZLIB))
	$(FUZZ_CC) $(ALLCFLAGS) $(FUZZFLAGS) -fsanitize=fuzzer -o $@ $^ $(LIBS)

fuzz: deps
	@sh .ci/install-deps fuzz
	$(MAKE) $(addprefix $(FUZZ)/fuzz-,$(FUZZ_TARGETS))
	sh fuzz/run.sh $(FUZZ) $(FUZZ_TIME) $(FUZZ_TARGETS)

# The fuzz targets without libFuzzer, to replay files: tests/fuzz/ in
# "make test" (sanitizer build), the corpus for coverage.
$(SAN)/fuzz-replay-%: $(SAN)/fuzz/%.o $(SAN)/fuzz/replay.o \
	    $(addprefix $(SAN)/,$(FUZZLIB))
	$(CC) $(ALLCFLAGS) $(SANFLAGS) -o $@ $^ $(LIBS)

$(FUZZ)/cov/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALLCFLAGS) $(COVFLAGS) -Ifuzz -c -o $@ $<

$(FUZZ)/cov/gen/builtin.o: $(B)/gen/builtin.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALLCFLAGS) $(COVFLAGS) -c -o $@ $<

$(FUZZ)/cov/replay-%: $(FUZZ)/cov/fuzz/%.o $(FUZZ)/cov/fuzz/replay.o \
	    $(addprefix $(FUZZ)/cov/,$(FUZZLIB))
	$(FUZZ_CC) $(ALLCFLAGS) $(COVFLAGS) -o $@ $^ $(LIBS)

# Line coverage of our code reached by each target's corpus (after fuzz).
fuzz-coverage:
	@sh .ci/install-deps fuzz
	$(MAKE) $(addprefix $(FUZZ)/cov/replay-,$(FUZZ_TARGETS))
	sh fuzz/coverage.sh $(FUZZ) $(FUZZ_TARGETS)

# Figures, not assertions: never part of "make test".
# BENCH_ONLY=mail times only some groups of rows (build, sync, mail).
BENCH_SIZES ?= 1000,10000,100000
BENCH_RUNS ?= 3
BENCH_ONLY ?= build,sync,mail
bench: rapport
	sh .ci/install-deps bench
	python3 bench/run.py --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) \
	    --only $(BENCH_ONLY) --rapport ./rapport --work $(B)/bench

install: rapport
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/man/man5 \
	    $(DESTDIR)$(PREFIX)/share/rapport/templates \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 755 rapport $(DESTDIR)$(PREFIX)/bin/rapport
	install -m 644 docs/rapport.1 $(DESTDIR)$(PREFIX)/share/man/man1/rapport.1
	install -m 644 docs/rapport.5 $(DESTDIR)$(PREFIX)/share/man/man5/rapport.5
	install -m 644 cli/completion.bash \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/rapport
	for f in templates/*; do \
	    [ -f "$$f" ] || continue; \
	    install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/rapport/templates/; \
	done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rapport \
	    $(DESTDIR)$(PREFIX)/share/man/man1/rapport.1
	rm -rf $(DESTDIR)$(PREFIX)/share/rapport

clean:
	rm -rf $(B) rapport
