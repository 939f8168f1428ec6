# The two quick-start commands (README): `make demo` and `make test`.
# Both install what is missing (Debian 12, as root), build, then run.
BUILD ?= build
JOBS ?= $(shell nproc)
OUT ?= out

.PHONY: deps build demo test test-sanitize fuzz ci bench bench-rss bench-ocr bench-deps bench-build clean

deps:
	bash scripts/install-deps

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/shenbao run samples/inbox --out $(OUT)
	@echo "Outputs are in $(OUT)/: open $(OUT)/index.html; per bundle $(OUT)/<bundle>/report.html and submission.json"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Every test built with AddressSanitizer and UndefinedBehaviorSanitizer (issue 9). Any
# report fails its test: UBSan halts, ASan's leak check is on (scripts/lsan.supp names the
# libraries' process-lifetime caches it ignores); tests that bound wall time allow 3x under
# the sanitizers (SHENBAO_SANITIZED). A quicker pass over only the code that reads untrusted
# bytes: `make test-sanitize SANITIZE_TARGETS="test_intake test_load test_ooxml test_vision
# test_extractors test_tables" SANITIZE_CTEST_ARGS="-R '^(intake|load|ooxml|vision|extractors|tables)/'"`.
SANITIZE_BUILD ?= build-sanitize
SANITIZE_TARGETS ?= all
SANITIZE_CTEST_ARGS ?=

test-sanitize: deps
	cmake -S . -B $(SANITIZE_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHENBAO_SANITIZE=ON
	cmake --build $(SANITIZE_BUILD) -j $(JOBS) --target $(SANITIZE_TARGETS)
	cd $(SANITIZE_BUILD) && \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) $(SANITIZE_CTEST_ARGS)

# Every libFuzzer target (fuzz/) built with clang, ASan and UBSan, run for FUZZ_SECONDS each
# on the committed seeds (fuzz/corpus/).
FUZZ_SECONDS ?= 15

fuzz: deps
	bash fuzz/run-briefly $(FUZZ_SECONDS)

# What CI runs (.ci/run).
ci: test test-sanitize fuzz

# Benchmark (issue 10, bench/): shenbao side by side with bare tesseract, OCRmyPDF and
# pdftotext/pdftoppm on a generated corpus; writes bench/results.md. Quick mode:
# `make bench BENCH_BUNDLES=3 BENCH_REPS=1`. Not part of `make test`.
BENCH_BUNDLES ?= 20
BENCH_SEED ?= 2025
BENCH_REPS ?= 3
BENCH_RSS_PAGES ?= 300
BENCH_ARGS ?=

bench-deps: deps
	BEST_INT_TESSDATA=$(BENCH_OCR_TESSDATA) bash scripts/install-bench-deps

bench-build: bench-deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS) --target shenbao samplegen

bench: bench-build
	python3 bench/run corpus --build $(BUILD) --bundles $(BENCH_BUNDLES) --seed $(BENCH_SEED) \
	  --reps $(BENCH_REPS) $(BENCH_ARGS)

# One bundle of ~300 scanned pages at --jobs 2: peak RSS and time (issue 9's figure).
bench-rss: bench-build
	python3 bench/run rss --build $(BUILD) --bundles $(BENCH_BUNDLES) --seed $(BENCH_SEED) \
	  --pages $(BENCH_RSS_PAGES) $(BENCH_ARGS)

# OCR accuracy and cost (issue 6, bench/ocr_quality.cc): pages with known text in four
# variants (clean, stamped, degraded, 200 dpi scan) read with Debian's chi_sim and the best_int
# model, red suppression and deskew on/off, 200 vs 300 dpi; then the committed corpus through
# shenbao with each model (bench/ocr-corpus). Writes bench/ocr-results.md. Not part of
# `make test`. Run it on an otherwise idle machine for times (JOBS=1 builds gently).
BENCH_OCR_TESSDATA ?= /usr/local/share/shenbao/tessdata-best-int
BENCH_OCR_PAGES ?= 8
BENCH_OCR_REPS ?= 3

bench-ocr: bench-deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS) --target shenbao shenbao-eval shenbao-bench-ocr
	bash bench/ocr-corpus $(BUILD) $(BUILD)/bench-ocr $(BENCH_OCR_TESSDATA) $(BENCH_OCR_REPS)
	OMP_THREAD_LIMIT=1 $(BUILD)/bench/shenbao-bench-ocr --text bench/ocr-text.txt \
	  --best-int-tessdata $(BENCH_OCR_TESSDATA) --pages $(BENCH_OCR_PAGES) \
	  --corpus $(BUILD)/bench-ocr --json $(BUILD)/bench-ocr/pages.json --out bench/ocr-results.md

clean:
	rm -rf $(BUILD) $(OUT)
