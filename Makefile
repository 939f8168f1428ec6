# The two quick-start commands (README): `make demo` and `make test`.
# Both install what is missing (Debian 12, as root), build, then run.
BUILD ?= build
JOBS ?= $(shell nproc)
OUT ?= out

.PHONY: deps build demo test bench clean

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

clean:
	rm -rf $(BUILD) $(OUT)
