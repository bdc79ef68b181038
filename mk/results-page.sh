#!/usr/bin/env bash
# The public verification archive of the demo carried to a decided final: published with
# `juri publish`, checked with `juri audit`, and its results page (index.html) loaded in headless
# Chromium by ui/scripts/check-results-page.mjs — no console error, every table present, English
# toggle, no sideways scrolling at a phone's width. With a second argument, the phone and desktop
# screenshots are written into that folder (results-page-phone.png, results-page-desktop.png).
# Usage: mk/results-page.sh [path/to/juri] [screenshot dir]
set -euo pipefail
juri=$(realpath "${1:-target/debug/juri}")
shots=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export JURI_NOW=2025-12-15T10:00:00+08:00 JURI_KEYCHAIN=off JURI_WORK_FACTOR=15
echo "kata sandi ketua demo" > "$work/passphrase"
export JURI_SECRET_FILE="$work/passphrase"
"$juri" demo --db "$work/d.db" > /dev/null
bash "$root/mk/demo-final.sh" "$juri" "$work/d.db"
"$juri" publish --db "$work/d.db" --out "$work/transparansi" > /dev/null
"$juri" audit "$work/transparansi" | tail -1
args=(--html "$work/transparansi/index.html")
if [ -n "$shots" ]; then
  mkdir -p "$shots"
  args+=(--shots "$(realpath "$shots")")
fi
(cd "$root/ui" && node scripts/check-results-page.mjs "${args[@]}")
