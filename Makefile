# Juri — the two commands that matter:
#   make run    installs what is missing, builds, and opens the app on the demo competition
#   make test   installs what is missing and runs every test (Rust, UI, end to end under Xvfb)
# Both work on a fresh Debian/Ubuntu machine as root or with sudo.

SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
# Where mk/toolchain.sh puts Node.js when the machine has none recent enough.
export JURI_NODE_HOME ?= $(HOME)/.local/share/juri/node
export PATH := $(CARGO_BIN):$(JURI_NODE_HOME)/bin:$(PATH)

# Packages the libraries' tests need (PDF checks); the desktop's own list is in mk/desktop.mk.
APT_PACKAGES := build-essential pkg-config poppler-utils qpdf fonts-dejavu-core python3 python3-cryptography

DEMO_DIR := $(CURDIR)/out/demo
# The workspace as `make test` builds it, once for every step: without the system keychain (its tests
# use an in-memory one, or JURI_KEYCHAIN=off), so the Secret Service's crates are not compiled twice
# for nothing. `make cli` and the release builds keep the `juri` command's default features.
TEST_FEATURES := --no-default-features

.PHONY: run test deps rust-test lint bench bench-results bench-merge bench-pdf bench-documents cli demo-cli doc-images

-include mk/*.mk

deps:
	@missing=""; for package in $(APT_PACKAGES); do \
		dpkg -s "$$package" >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi
	@bash mk/toolchain.sh

cli: deps
	cargo build -p juri-cli

# The demo competition in the terminal (no display needed).
demo-cli: cli
	@mkdir -p out && rm -f out/demo-cli.db*
	./target/debug/juri demo --db out/demo-cli.db
	./target/debug/juri results --db out/demo-cli.db --stage proposal

run: deps desktop-deps
	$(MAKE) desktop-build
	@mkdir -p $(DEMO_DIR)
	$(DESKTOP_BIN) --data-dir $(DEMO_DIR) --demo

lint: deps
	cargo fmt --all --check
	cargo clippy --workspace --all-targets $(TEST_FEATURES) -- -D warnings

rust-test: deps
	cargo test --workspace $(TEST_FEATURES)

test: deps desktop-deps
	$(MAKE) lint
	$(MAKE) rust-test
	$(MAKE) ui-test page-test
	$(MAKE) desktop-lint desktop-test bindings-check
	$(MAKE) e2e
	$(MAKE) release-check dist-test

# Benchmarks against the peer baselines in ../shared/bench, measured in the same run.
bench: bench-results bench-merge bench-pdf bench-documents

bench-results: deps
	bash bench/results.sh

bench-merge: deps
	bash bench/merge.sh

bench-pdf: deps
	bash crates/juri-report/bench/run.sh

bench-documents: deps
	bash bench/documents.sh

# The README's document images, printed from `juri demo` (page 1 of each, and the minutes' last page).
doc-images: cli
	bash mk/doc-images.sh target/debug/juri docs/img
