# Desktop app: the Tauri shell (src-tauri/), the web UI (ui/) and the end-to-end journeys (tests/e2e/).
# Included by the root Makefile. Every target works on a fresh Debian machine as root: `desktop-deps`
# installs what is missing, and the others depend on what they need.
#
#   make desktop-deps     system packages, tauri-driver, UI packages (each only when missing or stale)
#   make ui-build         the web UI into ui/dist
#   make ui-test          Vitest unit and component tests, then svelte-check
#   make page-test        the verification archive's results page, checked in headless Chromium
#   make desktop-build    the UI, then the debug app src-tauri/target/debug/juri-desktop
#   make desktop-test     the shell's Rust tests, including the TypeScript bindings drift check
#   make desktop-lint     rustfmt and clippy for src-tauri and tests/e2e
#   make desktop-run      opens the app on the demo competition (JURI_DATA_DIR=<folder> picks the data folder)
#   make e2e              the journeys through the real webview under Xvfb
#   make screenshots      PNGs of the screens into docs/img/app-*.png
#   make bench-desktop    cold start, idle memory, filtering and saving figures at national scale
#   make bindings         regenerates ui/src/lib/bindings from the Rust types
#   make bindings-check   regenerates them into a temporary folder and fails on any difference
#   make desktop-icons    regenerates src-tauri/icons from src-tauri/icons/juri.svg

DESKTOP_APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential libssl-dev pkg-config file xdotool \
	xvfb xauth webkit2gtk-driver imagemagick dbus-daemon gnome-keyring chromium
DESKTOP_SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
DESKTOP_CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin

# Each of the two Rust workspaces keeps its own target folder, whatever CARGO_TARGET_DIR says.
DESKTOP_CARGO := CARGO_TARGET_DIR=$(CURDIR)/src-tauri/target cargo
E2E_CARGO := CARGO_TARGET_DIR=$(CURDIR)/tests/e2e/target cargo
DESKTOP_BIN := $(CURDIR)/src-tauri/target/debug/juri-desktop
DESKTOP_XVFB := xvfb-run -a -s "-screen 0 1366x768x24"
BINDINGS_DIR := ui/src/lib/bindings

UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html ui/package.json \
	ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json

.PHONY: desktop-deps desktop-apt desktop-driver ui-deps ui-build ui-test desktop-build desktop-test \
	desktop-lint desktop-run page-test e2e screenshots bindings bindings-check desktop-icons bench-desktop juri-cli

desktop-deps: desktop-apt desktop-driver ui-deps

desktop-apt:
	@missing=""; for package in $(DESKTOP_APT_PACKAGES); do \
		dpkg -s "$$package" >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(DESKTOP_SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(DESKTOP_SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

desktop-driver:
	@if command -v tauri-driver >/dev/null 2>&1 || [ -x "$(DESKTOP_CARGO_BIN)/tauri-driver" ]; then :; \
	else cargo install tauri-driver --locked --version ^2; fi

ui-deps: ui/node_modules/.package-lock.json

# npm ci only when the lock file is newer than the installed packages.
ui/node_modules/.package-lock.json: ui/package-lock.json ui/package.json
	cd ui && npm ci --no-audit --no-fund
	touch $@

ui-build: ui/dist/index.html

# Rebuilt only when a UI source changed, so the app is not recompiled for nothing.
ui/dist/index.html: ui/node_modules/.package-lock.json $(UI_SOURCES)
	cd ui && npm run build

ui-test: ui-deps
	cd ui && npm test && npm run check

desktop-build: desktop-apt ui-build
	$(DESKTOP_CARGO) build --manifest-path src-tauri/Cargo.toml

desktop-test: desktop-apt ui-build
	$(DESKTOP_CARGO) test --manifest-path src-tauri/Cargo.toml

desktop-lint: desktop-apt ui-build
	cargo fmt --manifest-path src-tauri/Cargo.toml --check
	cargo fmt --manifest-path tests/e2e/Cargo.toml --check
	$(DESKTOP_CARGO) clippy --manifest-path src-tauri/Cargo.toml --all-targets -- -D warnings
	$(E2E_CARGO) clippy --manifest-path tests/e2e/Cargo.toml --all-targets -- -D warnings

desktop-run: desktop-build
	$(DESKTOP_BIN) --demo $(if $(JURI_DATA_DIR),--data-dir "$(JURI_DATA_DIR)")

# The journeys make their packages and bundles with the real `juri` command (root workspace).
# Screenshots are taken with WebKit's compositing on: WebKitWebDriver cannot take one without it.
juri-cli:
	cargo build -p juri-cli $(TEST_FEATURES)

# The verification archive's results page in headless Chromium (Debian's package; puppeteer-core
# drives it and never downloads a browser): mk/results-page.sh.
page-test: desktop-apt ui-deps juri-cli
	bash mk/results-page.sh target/debug/juri

e2e: desktop-deps desktop-build juri-cli
	$(E2E_CARGO) test --manifest-path tests/e2e/Cargo.toml --no-run
	$(DESKTOP_XVFB) env JURI_CLI=$(CURDIR)/target/debug/juri $(E2E_CARGO) test --manifest-path tests/e2e/Cargo.toml

screenshots: desktop-deps desktop-build juri-cli
	$(E2E_CARGO) build --manifest-path tests/e2e/Cargo.toml --bin screenshots
	mkdir -p docs/img
	$(DESKTOP_XVFB) env JURI_CLI=$(CURDIR)/target/debug/juri WEBKIT_DISABLE_COMPOSITING_MODE=0 \
		tests/e2e/target/debug/screenshots docs/img

bench-desktop: desktop-deps ui-build
	bash tests/e2e/bench.sh

# Generated beside the folder and swapped in at the end, so the committed files are never missing
# while the shell builds.
bindings: ui-build
	rm -rf $(BINDINGS_DIR).new && mkdir -p $(BINDINGS_DIR).new
	JURI_BINDINGS_OUT=$(CURDIR)/$(BINDINGS_DIR).new $(DESKTOP_CARGO) test --manifest-path src-tauri/Cargo.toml --lib bindings
	rm -rf $(BINDINGS_DIR) && mv $(BINDINGS_DIR).new $(BINDINGS_DIR)

bindings-check: ui-build
	@fresh=$$(mktemp -d) && \
	JURI_BINDINGS_OUT=$$fresh $(DESKTOP_CARGO) test --manifest-path src-tauri/Cargo.toml --lib bindings && \
	diff -ru $(BINDINGS_DIR) $$fresh; status=$$?; rm -rf $$fresh; \
	if [ $$status -ne 0 ]; then echo "$(BINDINGS_DIR) is out of date: run make bindings"; fi; exit $$status

desktop-icons: ui-deps
	cd src-tauri && ../ui/node_modules/.bin/tauri icon icons/juri.svg -o icons && rm -rf icons/android icons/ios
