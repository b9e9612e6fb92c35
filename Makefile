# crisim — build, test, demo.  `make help` lists the targets.
#
# Dependencies come from Debian packages through pkg-config; `make deps`
# installs any that are missing (as root) or prints the apt-get command.

VERSION  := 0.1.0
CC       ?= cc
PKGS     := gsl libcjson sqlite3 libxml-2.0
TEST_PKGS := criterion
# groff-base: the man page test renders crisim.1.  python3-jsonschema:
# tests/jsonschema.sh validates scenarios against keys --json-schema.
# python3-pandas: tests/pandas.sh runs the README's pandas one-liner.  tmux:
# tests/exercise_tmux.sh plays crisim exercise in a terminal.  libomp-dev is
# clang's OpenMP runtime: needed only when CC is clang (gcc brings libgomp).
DEB_PKGS := libgsl-dev libcjson-dev libcriterion-dev gnuplot-nox pkg-config groff-base \
            libsqlite3-dev sqlite3 python3-jsonschema libxml2-dev libxml2-utils \
            python3-pandas tmux
# chromium: tests/debrief_browser.sh renders debrief.html headless.
DEB_PKGS += chromium
ifneq ($(findstring clang,$(notdir $(CC))),)
DEB_PKGS += libomp-dev
endif

# GNU installation directories: make install prefix=/usr DESTDIR=/tmp/pkg.
# PREFIX (documented before these) is an alias of prefix.
PREFIX      ?= /usr/local
prefix      ?= $(PREFIX)
exec_prefix ?= $(prefix)
bindir      ?= $(exec_prefix)/bin
datarootdir ?= $(prefix)/share
datadir     ?= $(datarootdir)
mandir      ?= $(datarootdir)/man
man1dir     ?= $(mandir)/man1
docdir      ?= $(datadir)/doc/crisim
bashcompdir ?= $(datadir)/bash-completion/completions
pkgdatadir  := $(datadir)/crisim
# make MPI=1 (and test-mpi) also need these:
MPI_DEB_PKGS := libopenmpi-dev openmpi-bin

WARN     := -Wall -Wextra -Wshadow -Wconversion -Wstrict-prototypes \
            -Wmissing-prototypes -Werror
OPT      ?= -O2 -g
CPPFLAGS += -Isim -Imodels -DCRISIM_VERSION='"$(VERSION)"' -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)
LDLIBS   += $(PKG_LIBS) -lm

# OpenMP across runs (gcc: libgomp; clang: libomp, Debian libomp-dev).
# OPENMP= (empty) builds without it: runs are then serial.
OPENMP   ?= -fopenmp

# What crisim needs to build, apart from CFLAGS and LDFLAGS: those are the
# user's (a packager's `make CFLAGS=...` replaces them), these are not, so
# -fopenmp and the warnings survive.  CFLAGS comes last: its -O wins.
CRISIM_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(OPENMP)
CRISIM_LDFLAGS = $(OPENMP)

# Sanitizer builds live in their own tree so they never mix with normal objects.
ifdef MPI
# make MPI=1: crisim through mpicc, batches spread over the ranks.
CC       := mpicc
CPPFLAGS += -DCRISIM_MPI
BUILD    := build/mpi
else ifdef SANITIZE
BUILD    := build/san
CRISIM_CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
CPPFLAGS += -DCRISIM_CHECKS
CRISIM_LDFLAGS += -fsanitize=address,undefined
else
BUILD    := build/$(notdir $(CC))
endif

SIM_SRC   := $(filter-out sim/main.c,$(wildcard sim/*.c)) $(wildcard models/*.c)
SIM_OBJ   := $(SIM_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ  := $(BUILD)/sim/main.o
TEST_SRC  := $(filter-out tests/test_spec_link.c,$(wildcard tests/test_*.c))
TEST_OBJ  := $(TEST_SRC:%.c=$(BUILD)/%.o)
BIN       := crisim
ifdef SANITIZE
BIN       := $(BUILD)/crisim
endif

# Generated from the option tables (sim/cli_table.c) by scripts/gendoc.
DOCS      := crisim.1 crisim.bash-completion
# Built in build/FLAVOR/gendoc/, not .../scripts/: crisim plot takes a
# scripts/ directory beside build/FLAVOR/crisim for the gnuplot scripts.
GENDOC    := $(BUILD)/gendoc/gendoc

.PHONY: soak all deps deps-clang deps-mpi demo test check test-mpi bench validate calibrate fuzz \
        install uninstall clean help FORCE
all: $(BIN) $(DOCS)

# build/flavor-BIN names the tree that binary was last linked from, so
# switching between `make` and `make MPI=1` relinks ./crisim (and a build
# into another BIN leaves ./crisim alone).
FLAVOR := build/flavor-$(subst /,_,$(BIN))
$(FLAVOR): FORCE
	@mkdir -p build; echo '$(BUILD)' | cmp -s - $@ || echo '$(BUILD)' > $@

$(BIN): $(SIM_OBJ) $(MAIN_OBJ) $(FLAVOR)
	$(CC) $(CRISIM_LDFLAGS) $(LDFLAGS) -o $@ $(SIM_OBJ) $(MAIN_OBJ) $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CRISIM_CFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) $(CRISIM_CFLAGS) $(CFLAGS) -Wno-missing-prototypes -c -o $@ $<

$(BUILD)/tests/run: $(TEST_OBJ) $(SIM_OBJ)
	$(CC) $(CRISIM_LDFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS) $(LDLIBS)

# The engine and models link without the JSON loader: this binary holds
# only the objects below it (no sim/scenario*.o, no -lcjson) and runs a
# scenario built by hand; it fails to link if they call the loader again.
SPEC_LINK_OBJ := $(filter $(BUILD)/models/% $(addprefix $(BUILD)/sim/,engine.o \
  population.o recorder.o graph%.o netgen%.o netio%.o outcome.o series.o rng.o spec.o textfile.o),$(SIM_OBJ))
$(BUILD)/tests/spec_link: $(BUILD)/tests/test_spec_link.o $(SPEC_LINK_OBJ)
	$(CC) $(CRISIM_LDFLAGS) $(LDFLAGS) -o $@ $^ $(shell pkg-config --libs gsl libxml-2.0 2>/dev/null) -lm

$(BUILD)/tests/bench: $(BUILD)/tests/bench.o $(SIM_OBJ)
	$(CC) $(CRISIM_LDFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The man page and the completion need the option tables only.
$(GENDOC): $(BUILD)/gendoc/gendoc.o $(BUILD)/sim/cli_doc.o $(BUILD)/sim/cli_table.o
	$(CC) $(CRISIM_LDFLAGS) $(LDFLAGS) -o $@ $^

$(BUILD)/gendoc/gendoc.o: scripts/gendoc.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CRISIM_CFLAGS) $(CFLAGS) -c -o $@ $<

crisim.1: $(GENDOC)
	$(GENDOC) man > $@.tmp && mv $@.tmp $@

crisim.bash-completion: $(GENDOC)
	$(GENDOC) bash > $@.tmp && mv $@.tmp $@

# deps: install missing Debian packages when root, otherwise say how.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "crisim: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
	  echo "crisim: missing Debian packages:$$missing"; \
	  echo "run: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	fi

# libomp-dev, clang's OpenMP runtime, for `make CC=clang`.
# clang, its OpenMP runtime and its sanitizer/libFuzzer runtimes (make fuzz).
deps-clang:
	@$(MAKE) --no-print-directory deps DEB_PKGS="clang libomp-dev libclang-rt-14-dev"

deps-mpi:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(MPI_DEB_PKGS)"

demo: deps
	$(MAKE) --no-print-directory $(BIN)
	./$(BIN) run scenarios/default.json -o out/demo
	./$(BIN) plot out/demo

# The CLI tests call the binary, so it is built first; CRISIM points them at it.
# tests/install.sh checks that uninstall takes back exactly what install put.
test: deps
	$(MAKE) --no-print-directory $(BIN) $(DOCS) $(BUILD)/tests/run $(BUILD)/tests/spec_link
	$(BUILD)/tests/spec_link
	CRISIM=./$(BIN) LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  $(BUILD)/tests/run --jobs 2
	MAKE="$(MAKE)" tests/install.sh
	CRISIM=./$(BIN) tests/jsonschema.sh
	CRISIM=./$(BIN) tests/gexf.sh
	CRISIM=./$(BIN) tests/pandas.sh
	CRISIM=./$(BIN) tests/exercise_tmux.sh
	CRISIM=./$(BIN) tests/debrief_browser.sh
ifndef SANITIZE
	CC="$(CC)" tests/fault/run.sh ./$(BIN)
endif

check: deps
	$(MAKE) --no-print-directory SANITIZE=1 OPT="-O1 -g" test

# Both benchmarks always run; the target fails if either missed a target.
bench: deps
	$(MAKE) --no-print-directory OPT="-O3 -march=native -g" BUILD=build/bench \
	  BIN=build/bench/crisim build/bench/tests/bench build/bench/crisim
	@st=0; build/bench/tests/bench || st=1; \
	echo "ensemble (scripts/bench-ensemble.sh):"; \
	CRISIM=build/bench/crisim scripts/bench-ensemble.sh || st=1; exit $$st

# Literature checks (README.md, "Validation"): every scenario in
# scenarios/validation/ as an ensemble; table in out/validation/validation.tsv.
validate: deps
	$(MAKE) --no-print-directory $(BIN)
	CRISIM=./$(BIN) scripts/validate.sh

# The crisis rule's response times fitted to SEISMIC and Twitter15
# (models/README.md, calibration); minutes, so not part of test or validate.
calibrate: deps
	$(MAKE) --no-print-directory $(BIN)
	CRISIM=./$(BIN) scripts/calibrate.sh

# Kill-and-resume soak: SOAK_CYCLES random SIGINT/SIGKILL over a sweep.
SOAK_CYCLES ?= 30
soak: deps
	$(MAKE) --no-print-directory $(BIN)
	CRISIM=./$(BIN) tests/soak.sh $(SOAK_CYCLES)

# Rank-count invariance: the MPI build on 1 and 2 ranks gives the same files.
test-mpi: deps deps-mpi
	$(MAKE) --no-print-directory MPI=1 BIN=build/mpi/crisim build/mpi/crisim
	CRISIM=build/mpi/crisim tests/mpi/run.sh

# What install puts where; uninstall removes exactly these.
SCRIPT_FILES   := $(filter-out scripts/readme-keys.sh,$(wildcard scripts/*.gp scripts/*.sh))
SCENARIO_FILES := $(wildcard scenarios/*.json scenarios/validation/*.json scenarios/data/*)
DOC_FILES      := README.md README.models.md LICENSE
INSTALLED := $(bindir)/crisim $(man1dir)/crisim.1 $(bashcompdir)/crisim \
             $(addprefix $(pkgdatadir)/,$(SCRIPT_FILES) $(SCENARIO_FILES)) \
             $(addprefix $(docdir)/,$(DOC_FILES))
INSTALL_DIRS := $(sort $(dir $(INSTALLED)))

install: $(BIN) $(DOCS)
	install -d $(addprefix $(DESTDIR),$(INSTALL_DIRS))
	install -m 755 $(BIN) $(DESTDIR)$(bindir)/crisim
	install -m 644 crisim.1 $(DESTDIR)$(man1dir)/crisim.1
	install -m 644 crisim.bash-completion $(DESTDIR)$(bashcompdir)/crisim
	install -m 644 $(filter %.gp,$(SCRIPT_FILES)) $(DESTDIR)$(pkgdatadir)/scripts/
	install -m 755 $(filter %.sh,$(SCRIPT_FILES)) $(DESTDIR)$(pkgdatadir)/scripts/
	install -m 644 scenarios/*.json $(DESTDIR)$(pkgdatadir)/scenarios/
	install -m 644 scenarios/validation/*.json $(DESTDIR)$(pkgdatadir)/scenarios/validation/
	install -m 644 scenarios/data/* $(DESTDIR)$(pkgdatadir)/scenarios/data/
	install -m 644 README.md LICENSE $(DESTDIR)$(docdir)/
	install -m 644 models/README.md $(DESTDIR)$(docdir)/README.models.md

# The files install put, then each of their directories while it is empty,
# up to DESTDIR (or, without DESTDIR, up to prefix): a directory shared with
# other packages stays while it holds anything.
uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	@top='$(or $(DESTDIR),$(prefix))'; top=$${top%/}; \
	for d in $(patsubst %/,%,$(addprefix $(DESTDIR),$(INSTALL_DIRS))); do \
	  while [ "$${d#$$top/}" != "$$d" ] && rmdir "$$d" 2>/dev/null; do d=$${d%/*}; done; \
	done

clean:
	rm -rf build crisim out $(DOCS)

# fuzz: libFuzzer (clang) on every reader of user input, FUZZ_SECONDS each,
# from the committed seeds in tests/fuzz/corpus/ (scenario: the shipped
# scenarios).  Built with -fno-sanitize-recover=all, so any sanitizer report
# is fatal; any crash, report, leak or out-of-memory fails the target.
FUZZ_SECONDS ?= 60
FUZZERS  := scenario paths grid edgelist checkpoint decisions fit_target exercise_meta
FUZZ_SRC := $(SIM_SRC)
fuzz: deps deps-clang
	@st=0; for h in $(FUZZERS); do \
	  mkdir -p build/fuzz/corpus-$$h && \
	  if [ $$h = scenario ]; then cp scenarios/*.json tests/scenarios/*.json build/fuzz/corpus-$$h/; \
	  else cp tests/fuzz/corpus/$$h/* build/fuzz/corpus-$$h/; fi && \
	  clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -Isim -Imodels -Itests/fuzz \
	    -DCRISIM_VERSION='"$(VERSION)"' $(PKG_CFLAGS) tests/fuzz/$$h.c $(FUZZ_SRC) \
	    -o build/fuzz/$$h $(PKG_LIBS) -lm || exit 1; \
	  echo "== fuzz $$h ($(FUZZ_SECONDS) s)"; \
	  build/fuzz/$$h -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -rss_limit_mb=4096 -malloc_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=build/fuzz/$$h- build/fuzz/corpus-$$h 2> build/fuzz/$$h.log || \
	    { st=1; echo "fuzz $$h FAILED:"; tail -40 build/fuzz/$$h.log; }; \
	  grep -E '^(stat::number_of_executed_units|#[0-9]+ +DONE)' build/fuzz/$$h.log || true; \
	done; exit $$st

help:
	@echo "make demo      install deps, build, run scenarios/default.json, plot to out/demo"
	@echo "make test      install deps, build, run all tests"
	@echo "make check     tests under AddressSanitizer + UBSan"
	@echo "make bench     speed and memory figures (and the ensemble benchmark)"
	@echo "make validate  crisim against published results (out/validation/)"
	@echo "make calibrate the crisis rule's response times fitted to real cascades (out/calibrate/)"
	@echo "make MPI=1     build crisim with mpicc (OpenMPI); make test-mpi tests it on 2 ranks"
	@echo "make fuzz      libFuzzer on the scenario loader for FUZZ_SECONDS (60)"
	@echo "make CC=clang  build with clang"
	@echo "make install   prefix=/usr/local (GNU bindir, datadir, mandir, docdir; DESTDIR)"
	@echo "make uninstall the same variables: removes what install put"

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
