#!/usr/bin/env bash
# `make fuzz`: every fuzz target of fuzz/ for FUZZ_SECONDS seconds (300 by default), each starting
# from its seeds (fuzz/seeds/TARGET) and the corpus it grew before (fuzz/corpus/TARGET). Prints
# the executions per target; exits non-zero when a target found a crash or a hang (the input is in
# fuzz/artifacts/TARGET: make it a regression test, see fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-300}"

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null; then
    cargo install cargo-fuzz --locked
fi

targets="${FUZZ_TARGETS:-$(cargo +nightly fuzz list)}"
cargo +nightly fuzz build -O
summary=()
total=0
failed=0
for target in $targets; do
    mkdir -p "corpus/$target" "artifacts/$target"
    log="artifacts/$target/last-run.log"
    echo "== $target: ${seconds} s"
    status=0
    # -timeout: an input that takes more than 10 s is a hang; -rss_limit_mb: 4 GB is a leak.
    cargo +nightly fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
        >"$log" 2>&1 || status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    runs="${runs:-0}"
    corpus=$(find "corpus/$target" -type f | wc -l)
    found=$(find "artifacts/$target" -type f ! -name '*.log' | wc -l)
    total=$((total + runs))
    if [ "$status" -ne 0 ] || [ "$found" -gt 0 ]; then
        failed=1
        tail -30 "$log"
    fi
    summary+=("$(printf '%-16s %12s executions  %6s in corpus  %s' "$target" "$runs" "$corpus" \
        "$([ "$found" -gt 0 ] && echo "$found FOUND in fuzz/artifacts/$target" || echo "nothing found")")")
done
echo
printf '%s\n' "${summary[@]}"
printf '%-16s %12s executions in all\n' "total" "$total"
exit "$failed"
