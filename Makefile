# 聊城市双拥展览馆 · digital exhibition. `make build` works on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DECAP  := build/tools/decap/package/dist/decap-cms.js
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve check report new test test-fast schema clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt -c constraints.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(STAMP) requirements-test.txt
	$(BIN)/pip install -q -r requirements-test.txt -c constraints.txt
	touch $@

## build: validate records, make image derivatives and write site/ (replaced only on success)
build: $(STAMP)
	$(BIN)/exhibition build $(if $(STRICT),--strict) $(if $(DRAFTS),--drafts)

## serve: preview at http://127.0.0.1:8000, reloading when a record or image changes
serve: $(STAMP)
	$(BIN)/exhibition serve $(if $(STRICT),--strict) $(if $(DRAFTS),--drafts)

## check: validate only (fast); STRICT=1 also requires every English translation, the glossary's terms and
##        (in verified records) every figure and date in its source's quote
##        With a mistake make exits 2 (make's code for any failure) and ends with "Error 1", the tool's own
##        code (README, exit codes); scripts run .venv/bin/exhibition check to get 1 itself.
check: $(STAMP)
	$(BIN)/exhibition check $(if $(STRICT),--strict) $(if $(DRAFTS),--drafts)

## new: start a record with every field explained: make new KIND=person ID=zhang-san
new: $(STAMP)
	$(BIN)/exhibition new "$(KIND)" "$(ID)"

## edit: the browser editor for curators, http://127.0.0.1:8081/ (English: ?lang=en): forms for every kind of
##       record, the roll lists' headers and the settings; saving writes the YAML files (git sees them), publishes
##       nothing. Run `make serve` beside it for the preview. The first run fetches Decap CMS from npm into build/.
.PHONY: edit
edit: $(STAMP) $(DECAP)
	$(BIN)/python -m exhibition.editor.server $(if $(PORT),--port $(PORT))

## report: what is unfinished in the content (translations, sources, drafts, credits, consent)
report: $(STAMP)
	$(BIN)/exhibition report

## labels: the hall's label sheet, HTML and PDF -> build/labels/ (set SITE_URL first: the QR codes carry it)
.PHONY: labels
labels: $(STAMP)
	$(BIN)/exhibition labels

## kiosk: the touch-screen edition for the hall into site-kiosk/ (works from file://, offline; kiosk/README.md)
##        KIOSK_IDLE_SECONDS=… KIOSK_COUNTDOWN_SECONDS=… override the idle times in settings/kiosk.yml
.PHONY: kiosk
kiosk: $(STAMP)
	$(BIN)/exhibition build --kiosk $(if $(DRAFTS),--drafts)

## schema: write the JSON Schemas editors use (schema/*.schema.json) and the browser editor's forms (editor/config.*.yml) from the record models
schema: $(STAMP)
	$(BIN)/python -m exhibition.schema schema
	$(BIN)/python -m exhibition.editor.config editor

# The Nu HTML Checker (tests/test_quality_gates.py), run with Java. npm must fetch no browser.
VNU := build/tools/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU):
	CHROMEDRIVER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_DOWNLOAD=true npm install --silent --prefix build/tools \
	  --no-save --no-audit --no-fund --ignore-scripts vnu-jar@26.9.27

# Decap CMS for `make edit` (tests/test_editor.py): only its built files (npm pack, no dependencies, no source maps).
$(DECAP):
	mkdir -p build/tools/decap
	cd build/tools/decap && npm pack --silent decap-cms@3.16.3 >/dev/null && tar xzf decap-cms-3.16.3.tgz --exclude='*.map' \
	  && rm decap-cms-3.16.3.tgz

# Lighthouse for `make audit`, in its own folder (npm would prune the HTML checker beside it as extraneous).
# 12.2.3: the newest that runs on Debian's Node 20.
LIGHTHOUSE := build/tools/lighthouse/node_modules/lighthouse/cli/index.js
$(LIGHTHOUSE):
	CHROMEDRIVER_SKIP_DOWNLOAD=true PUPPETEER_SKIP_DOWNLOAD=true npm install --silent --prefix build/tools/lighthouse \
	  --no-save --no-audit --no-fund --ignore-scripts lighthouse@12.2.3

## lint: ruff over the code and the tests (configured in pyproject.toml), then the complexity report (radon:
##       scripts/tools/complexity.py, fails only when worse than today); `make test` runs it first
.PHONY: lint
lint: $(VENV)/.installed-test
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/python scripts/tools/complexity.py  # radon: share of functions with complexity >= 11, largest module (#29)

## test: every test (browser tests use Debian's chromium, the HTML checker Java; see .ci/run), the test files
##       spread over two processes (pytest-xdist, one file per process, longest first; tests/conftest.py).
##       TEST_WORKERS=1 runs them in this one process.
TEST_WORKERS ?= 2
test: $(VENV)/.installed-test $(VNU) $(LIGHTHOUSE) $(DECAP) lint
	$(BIN)/python -m pytest -q -m "not (office or bench or walk)" $(if $(filter-out 1,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder) $(PYTEST_ARGS)

## test-office: LibreOffice (headless) converts a lesson's slides to PDF, one page a slide, rendered to PNG
##              in build/office/ to look at (slow: not part of `make test`)
.PHONY: test-office
test-office: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m office $(PYTEST_ARGS)

## test-bench: the `make bench N=50` smoke run (every step of the benchmark writes its key, the project is left
##             untouched; about a minute: not part of `make test`, run by CI after it)
.PHONY: test-bench
test-bench: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m bench $(PYTEST_ARGS)

## test-walk: every page of the site, both languages, in Chromium on a laptop, a phone and the phone in 长者模式:
##            loads cleanly, axe, no sideways scrolling, controls of 24 px (44 in 长者模式) (tests/test_walk.py;
##            about four minutes on two processes: not part of `make test`, run by CI after it)
.PHONY: test-walk
test-walk: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m walk $(if $(filter-out 1,$(TEST_WORKERS)),-n $(TEST_WORKERS)) $(PYTEST_ARGS)

## test-fast: unit tests, in-process validation and the one shared build (no browser, no other build,
##            no outside checker, no bench): about a minute; `make test` runs everything
.PHONY: test-fast
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -m "not (browser or build or bench or gates or office or walk)" $(PYTEST_ARGS)

## mutation: mutation testing (mutmut) of the guarded modules in tests/mutation/modules.toml, one at a time, each
##           against the fast tests that reach it -> build/mutation/report.md (scores, surviving mutants with line
##           and diff); fails below the target. MODULES="privacy dates" runs only those. CPU-heavy: see README
.PHONY: mutation
mutation: $(VENV)/.installed-test
	$(BIN)/python scripts/tools/mutation.py $(MODULES)

## screenshots: the visitor's pages at 1280 and 390 px (the kiosk at 1920×1080, after make kiosk) -> build/screenshots/
##              PAGES="exhibits/stories/my-story exhibits/people/fan-zhuxian" shoots those pages instead (both languages)
.PHONY: screenshots
screenshots: $(VENV)/.installed-test
	$(BIN)/exhibition build
	$(BIN)/python scripts/tools/screenshots.py $(if $(PAGES),--pages $(PAGES)) $(SCREENSHOT_ARGS)

## audit: Lighthouse (mobile) over each visitor page type in both languages, served by deploy/nginx.conf -> build/audit.json
.PHONY: audit
audit: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python scripts/tools/audit.py $(AUDIT_PAGES)

## bench: time builds of N synthetic records (default N=1000; N=50 for a quick run) -> build/bench.json;
##        then the search's recall on the query set (the real collection's site/, built if missing)
.PHONY: bench
bench: $(STAMP)
	@$(BIN)/python -c "import pyvips" 2>/dev/null || $(BIN)/pip install -q -r scripts/bench/requirements.txt \
		|| echo "bench: pyvips could not be installed; the libvips baseline will be null"
	$(BIN)/python scripts/bench/bench.py --records "$(or $(N),1000)" $(BENCH_ARGS)
	$(BIN)/python scripts/bench/search_recall.py  # recall@1 and @3 of tests/search_queries.yml on site/ -> build/search-recall.json

clean:
	rm -rf site site-kiosk build docs/exhibits docs/media .site-build-* .site-old-*
