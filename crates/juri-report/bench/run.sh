#!/usr/bin/env bash
# Score sheets, Juri against the reportlab baseline, on the same data in the same run.
#
#   crates/juri-report/bench/run.sh [WORKDIR]
#
# 1. generates the shared benchmark data (gen_bundles.py, small preset, two stages:
#    10 jurors x 100 entries x 2 stages = 1,000 sheets),
# 2. renders them with juri-report (release build of the bench_sheets example),
# 3. renders them with pdf_reportlab.py (reportlab is installed into a private virtual
#    environment under WORKDIR when the system Python lacks it),
# 4. prints both figures side by side.
#
# The shared benchmark scripts live in ../shared beside the repository (override with
# JURI_SHARED=/path/to/shared).
set -euo pipefail

repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
shared="${JURI_SHARED:-$repo/../shared}"
bench="$shared/bench"
work="${1:-${TMPDIR:-/tmp}/juri-bench-sheets}"
data="$work/data"
mkdir -p "$work"

for f in gen_bundles.py pdf_reportlab.py; do
  [[ -f "$bench/$f" ]] || { echo "missing $bench/$f (set JURI_SHARED)" >&2; exit 1; }
done

echo "== data: gen_bundles.py --preset small --stages 2" >&2
rm -rf "$data"
python3 "$bench/gen_bundles.py" --preset small --stages 2 --out "$data" >&2

python=python3
if ! python3 -c 'import reportlab' 2>/dev/null; then
  venv="$work/venv"
  if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import reportlab' 2>/dev/null; then
    echo "== installing reportlab into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet reportlab >&2
  fi
  python="$venv/bin/python"
fi

echo "== building juri-report (release)" >&2
(cd "$repo" && cargo build --quiet --release -p juri-report --example bench_sheets)
target="$(cd "$repo" && cargo metadata --format-version 1 --no-deps \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"

echo "== rendering" >&2
juri="$("$target/release/examples/bench_sheets" "$data" "$work/juri.pdf")"
baseline="$("$python" "$bench/pdf_reportlab.py" "$data" "$work/reportlab.pdf")"

JURI="$juri" BASELINE="$baseline" python3 - <<'PY'
import json, os
j = json.loads(os.environ["JURI"])
b = json.loads(os.environ["BASELINE"])
b["bytes_per_page"] = b["bytes"] // max(b["pages"], 1)
rows = [("pages", "pages", "{}"), ("seconds (build + write)", "build_write_s", "{:.3f}"),
        ("pages/s", "pages_per_s", "{:.1f}"), ("bytes/page", "bytes_per_page", "{:,}")]
print(f"{'1,000 A4 score sheets':<26}{'juri-report':>14}{'reportlab':>14}")
for label, key, fmt in rows:
    print(f"{label:<26}{fmt.format(j[key]):>14}{fmt.format(b[key]):>14}")
print(f"{'speed-up':<26}{j['pages_per_s'] / b['pages_per_s']:>13.1f}x")
PY
