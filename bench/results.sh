#!/usr/bin/env bash
# Results from the database vs the pandas baseline, on the same generated data, in the same run.
# Usage: bench/results.sh [national|stress]  (default national)
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-national}
shared=$(cd .. && pwd)/shared/bench
data=out/bench/$preset
python3 -c "import pandas" 2>/dev/null || pip install --quiet pandas
if [ ! -f "$data/competition.json" ]; then
  mkdir -p "$data" && python3 "$shared/gen_bundles.py" --preset "$preset" --out "$data"
fi
cargo build --release -q -p juri-bench
echo "== $preset: pandas baseline (merge + rank from the JSON files)"
/usr/bin/time -f "pandas: %e s wall, %M KB peak" python3 "$shared/merge_pandas.py" "$data" "$data/pandas.csv" 2> >(tee "$data/pandas.err" >&2)
echo "== $preset: juri (rank from the chair's database)"
./target/release/juri-bench results "$data" "$data/pandas.csv"
