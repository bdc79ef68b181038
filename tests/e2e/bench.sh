#!/usr/bin/env bash
# The desktop benchmark on the national-scale competition (5,000 entries, 200 jurors, ≈214,000
# scores from ../shared/bench/gen_bundles.py): cold start, idle memory, filtering the entry list,
# and a juror's score saved to "Tersimpan". Release build of the app, under Xvfb at 1366×768.
# Usage: tests/e2e/bench.sh   (or make bench-desktop)
set -euo pipefail
cd "$(dirname "$0")/../.."
db=out/bench/national/juri-results.db
if [ ! -f "$db" ]; then
  # The results benchmark builds the national competition's chair database through juri-app.
  bash bench/results.sh national
fi
cargo build -q -p juri-cli
CARGO_TARGET_DIR="$PWD/src-tauri/target" cargo build -q --release --manifest-path src-tauri/Cargo.toml
CARGO_TARGET_DIR="$PWD/tests/e2e/target" cargo build -q --manifest-path tests/e2e/Cargo.toml --bin bench_desktop
echo "== desktop on $db ($(du -h "$db" | cut -f1))"
JURI_DESKTOP_BIN="$PWD/src-tauri/target/release/juri-desktop" JURI_CLI="$PWD/target/debug/juri" \
  xvfb-run -a -s "-screen 0 1366x768x24" tests/e2e/target/debug/bench_desktop "$db" 2> >(grep -v -e dconf -e Gtk- >&2)
