#!/usr/bin/env bash
# The choices of mk/toolchain.sh (dry run, with stand-in cargo, rustup and node commands): what a new
# machine gets installed, and that a machine that has everything gets nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."

stubs=$(mktemp -d)
trap 'rm -rf "$stubs"' EXIT
stub() { # name output [exit status]
	printf '#!/bin/sh\necho "%s"\nexit %s\n' "$2" "${3:-0}" > "$stubs/$1"
	chmod +x "$stubs/$1"
}
stub cargo-1.95 "cargo 1.95.0 (f2d3ce0bd 2026-03-21)"
stub cargo-1.63 "cargo 1.65.0"
stub rustup-with-pinned "rustc 1.95.0"
stub rustup-without-pinned "error: toolchain '1.95.0-x86_64-unknown-linux-gnu' is not installed" 1
for v in 18.19.0 20.18.0 20.19.0 21.7.3 22.11.0 22.12.0 24.1.0; do stub "node-$v" "v$v"; done

passed=0 failed=0
expect() { # description expected-output-line env...
	local description=$1 expected=$2 output
	shift 2
	output=$(env "$@" bash mk/toolchain.sh --dry-run)
	if grep -qxF "$expected" <<<"$output"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $description: expected '$expected', got:"
		echo "$output"
	fi
}
have_all=(JURI_CARGO="$stubs/cargo-1.95" JURI_RUSTUP="$stubs/rustup-with-pinned" JURI_NODE="$stubs/node-22.12.0")

expect "cargo missing" "rust: install rustup and Rust 1.95.0 (cargo is missing)" \
	"${have_all[@]}" JURI_CARGO="$stubs/absent" CARGO_HOME="$stubs/absent"
expect "cargo too old" "rust: install rustup and Rust 1.95.0 (cargo 1.65.0 is older than 1.90)" \
	"${have_all[@]}" JURI_CARGO="$stubs/cargo-1.63"
expect "pinned toolchain missing" "rust: add toolchain 1.95.0 with rustup (cargo 1.95.0 found)" \
	"${have_all[@]}" JURI_RUSTUP="$stubs/rustup-without-pinned"
expect "no rustup, cargo recent" "rust: nothing to do (cargo 1.95.0)" \
	"${have_all[@]}" JURI_RUSTUP="$stubs/absent"
expect "node missing" "node: install Node.js 22.20.0 (node is missing)" \
	"${have_all[@]}" JURI_NODE="$stubs/absent"
for old in 18.19.0 20.18.0 21.7.3 22.11.0; do
	expect "node $old" "node: install Node.js 22.20.0 (node $old is outside ^20.19.0 || >=22.12.0)" \
		"${have_all[@]}" JURI_NODE="$stubs/node-$old"
done
for good in 20.19.0 22.12.0 24.1.0; do
	expect "node $good" "node: nothing to do (node $good)" "${have_all[@]}" JURI_NODE="$stubs/node-$good"
done
# Everything present: nothing is installed, and the dry run says exactly that.
everything=$(env "${have_all[@]}" bash mk/toolchain.sh --dry-run)
if [ "$everything" = $'rust: nothing to do (cargo 1.95.0)\nnode: nothing to do (node 22.12.0)' ]; then
	passed=$((passed + 1))
else
	failed=$((failed + 1)); echo "FAIL everything present: got"; echo "$everything"
fi
# The range the script enforces is the one the UI declares.
engines=$(python3 -c 'import json; print(json.load(open("ui/package.json"))["engines"]["node"])')
if grep -qxF "NODE_ENGINES=\"$engines\"" mk/toolchain.sh; then
	passed=$((passed + 1))
else
	failed=$((failed + 1)); echo "FAIL ui/package.json engines.node ($engines) differs from mk/toolchain.sh's NODE_ENGINES"
fi

echo "toolchain: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
