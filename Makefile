# nianbao: every command installs what it needs first (scripts/setup.sh skips what is present).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
WASM := --target wasm32-unknown-unknown

.PHONY: serve test dist bench setup setup-test lint unit browser e2e clean

## serve: install build tools, build and serve the app on http://127.0.0.1:8080
serve: setup
	trunk serve

## test: install everything, then run every check and all three test layers
test: setup-test lint unit browser dist e2e

## dist: build the release site into dist/ (CSP added) and the one-file dist/nianbao.html
dist: setup
	trunk build --release
	node scripts/postbuild.mjs dist
	@scripts/size-report.sh dist

## bench: speed and size against baselines measured in the same run (a report, not a test)
bench: setup-test dist
	node scripts/bench.mjs

setup:
	@scripts/setup.sh

setup-test:
	@scripts/setup.sh --test

lint: setup
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --workspace --all-targets $(WASM) -- -D warnings

## unit: native tests of the pure core crate and the app crate (and doc tests)
unit:
	cargo test --workspace

## browser: wasm-bindgen-test in headless Chromium (real localStorage, mounted components)
browser: setup-test
	cargo test $(WASM) --test browser

## e2e: Playwright against the release dist/ on a local static server
e2e: setup-test
	node --test --test-concurrency=1 tests/e2e/

clean:
	cargo clean
	rm -rf dist
