#!/usr/bin/env bash
# Merging the jurors' score bundles: `juri merge` vs the pandas baseline, same data, same run.
# Usage: bench/merge.sh [national|stress]   (default national; RUNS=n repetitions, default 3)
#
# The generated per-juror JSON files are turned into real Juri bundles (signed with each juror's
# key, encrypted to the chair) once, then timed: the merge into a chair database without scores,
# the dry-run plan alone, merging the same bundles again, and one juror's bundle arriving into a
# database that holds every other juror's records (the chair merges bundles one by one as they
# arrive). Peak memory from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-national}
shared=${JURI_BENCH_SHARED:-$(cd .. && pwd)/shared/bench}
data=out/bench/$preset
work=$data/merge
target=${CARGO_TARGET_DIR:-target}
case $preset in
  national) limit_s=0.8; limit_mb=200; dry_s=0.5; again_s=0.2; one_s=0.05; one_mb=30 ;;
  stress) limit_s=15; limit_mb=1024; dry_s=15; again_s=2; one_s=0.5; one_mb=100 ;;
  *) echo "usage: bench/merge.sh [national|stress]" >&2; exit 2 ;;
esac
python3 -c "import pandas" 2>/dev/null || pip install --quiet pandas
if [ ! -f "$data/competition.json" ]; then
  mkdir -p "$data" && python3 "$shared/gen_bundles.py" --preset "$preset" --out "$data"
fi
cargo build --release -q -p juri-cli -p juri-bench
juri=$target/release/juri
if [ ! -f "$work/base.db" ] || [ "$work/base.db" -ot "$data/competition.json" ]; then
  rm -rf "$work" && mkdir -p "$work"
  echo "== $preset: converting the generated files into signed, encrypted Juri bundles"
  "$target/release/juri-bench" merge-prepare "$data" "$work"
fi
files=("$work"/bundles/*.juri)
cells=$(cat "$data"/bundles/*.json | grep -c '"stage":')  # one score record per line

runs=${RUNS:-3}
fresh() { cp "$work/base.db" "$work/run.db" && rm -f "$work/run.db-wal" "$work/run.db-shm"; }

# measure LABEL LIMIT_S LIMIT_MB SETUP COMMAND...: median wall time of $runs runs (timings on a
# shared machine vary) and the median peak memory; SETUP runs before each (untimed).
measure() {
  local label=$1 lim_s=$2 lim_mb=$3 setup=$4; shift 4
  local times=() kbs=() t s kb verdict=ok
  for _ in $(seq "$runs"); do
    $setup
    if ! /usr/bin/time -f "%e %M" "$@" > "$work/last.out" 2> "$work/last.err"; then
      cat "$work/last.out" "$work/last.err" >&2
      return 1
    fi
    t=$(tail -1 "$work/last.err"); times+=("${t% *}"); kbs+=("${t#* }")
  done
  s=$(printf '%s\n' "${times[@]}" | sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  kb=$(printf '%s\n' "${kbs[@]}" | sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  awk "BEGIN{exit !($s < $lim_s && $kb < $lim_mb * 1024)}" || verdict="OVER the target (< $lim_s s, < $lim_mb MB)"
  printf '%-38s %6.3f s  %5d MB   %s\n' "$label" "$s" "$((kb / 1024))" "$verdict"
}

echo "== $preset: ${#files[@]} bundles, $cells score records"
echo "-- pandas baseline (read JSON, highest revision per key, totals, ranks)"
/usr/bin/time -f "%e %M" python3 "$shared/merge_pandas.py" "$data" "$data/pandas.csv" 2> "$work/pandas.err" \
  || { cat "$work/pandas.err" >&2; exit 1; }
pt=$(tail -1 "$work/pandas.err")
printf '%-34s %6.2f s  %5d MB\n' "pandas merge_pandas.py" "${pt% *}" "$((${pt#* } / 1024))"
echo "-- juri, median of $runs (verify + decrypt every bundle, check against the competition, plan, one transaction)"
measure "juri merge --dry-run" "$dry_s" "$limit_mb" fresh "$juri" merge --db "$work/run.db" --dry-run "${files[@]}"
measure "juri merge (empty database)" "$limit_s" "$limit_mb" fresh "$juri" merge --db "$work/run.db" "${files[@]}"
grep -E '^merged' "$work/last.out" || true
measure "juri merge again (nothing new)" "$again_s" "$limit_mb" true "$juri" merge --db "$work/run.db" "${files[@]}"
"$target/release/juri-bench" merge-check "$work/run.db" "$data" "$data/pandas.csv"

# One juror's bundle into the database holding every other juror's records (made once, untimed).
one=${files[-1]}
if [ ! -f "$work/all-but-one.db" ] || [ "$work/all-but-one.db" -ot "$work/base.db" ]; then
  cp "$work/base.db" "$work/all-but-one.db" && rm -f "$work/all-but-one.db-wal" "$work/all-but-one.db-shm"
  "$juri" merge --db "$work/all-but-one.db" "${files[@]:0:${#files[@]}-1}" > /dev/null
fi
fresh_one() { cp "$work/all-but-one.db" "$work/one.db" && rm -f "$work/one.db-wal" "$work/one.db-shm"; }
measure "juri merge one bundle (into the rest)" "$one_s" "$one_mb" fresh_one "$juri" merge --db "$work/one.db" "$one"
grep -E '^merged' "$work/last.out" || true
