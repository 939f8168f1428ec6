# The two quick-start commands (README): `make demo` and `make test`.
# Both install what is missing (Debian 12, as root), build, then run.
BUILD ?= build
JOBS ?= $(shell nproc)
OUT ?= out

.PHONY: deps build demo test bench bench-rss bench-deps bench-build clean

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

# Benchmark (issue 10, bench/): shenbao side by side with bare tesseract, OCRmyPDF and
# pdftotext/pdftoppm on a generated corpus; writes bench/results.md. Quick mode:
# `make bench BENCH_BUNDLES=3 BENCH_REPS=1`. Not part of `make test`.
BENCH_BUNDLES ?= 20
BENCH_SEED ?= 2025
BENCH_REPS ?= 3
BENCH_RSS_PAGES ?= 300
BENCH_ARGS ?=

bench-deps: deps
	bash scripts/install-bench-deps

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

clean:
	rm -rf $(BUILD) $(OUT)
