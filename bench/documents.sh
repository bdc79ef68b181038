#!/usr/bin/env bash
# Entries' documents at national scale: 5,000 entries, a juror with 25 assigned entries of 20 MB of
# documents each (500 MB), the other entries 200 KB each (1 GB). Timed, each as the median of RUNS
# runs (default 3) with its peak memory:
#   - the chair writing the juror's package and its documents file (`juri package`);
#   - the juror installing them (`juri juror open`: the package, then every document checked against
#     the SHA-256 the signed package names and stored);
#   - the package re-issued with nothing changed (its documents file then holds none);
# each against a baseline measured in the same run on the same disk: copying the same 500 MB of
# files (`cp`) and hashing them (`sha256sum`). Usage: bench/documents.sh  (SIZE_MB=20 per entry)
set -euo pipefail
cd "$(dirname "$0")/.."
work=out/bench/documents
target=${CARGO_TARGET_DIR:-target}
runs=${RUNS:-3}
size_mb=${SIZE_MB:-20}
entries=5000
assigned=25
export JURI_WORK_FACTOR=15 JURI_SECRET_FILE="$PWD/$work/passphrase"
cargo build --release -q -p juri-cli
juri=$PWD/$target/release/juri

if [ ! -f "$work/base.db" ]; then
  rm -rf "$work" && mkdir -p "$work/files"
  echo "== preparing $entries entries ($assigned of them with $size_mb MB of documents each)"
  printf 'kata sandi ketua bench\n' > "$work/passphrase"
  {
    echo "kode,judul,instansi,kategori,dokumen,tautan"
    for i in $(seq 1 $entries); do
      code=$(printf 'E%04d' "$i")
      if [ "$i" -le $assigned ]; then
        # Two documents: the proposal and an annex, together $size_mb MB, different bytes per entry.
        { printf '%%PDF-1.7\n'; head -c $((size_mb * 1024 * 1024 * 3 / 4)) /dev/urandom; } > "$work/files/$code-proposal.pdf"
        { printf '%%PDF-1.7\n'; head -c $((size_mb * 1024 * 1024 / 4)) /dev/urandom; } > "$work/files/$code-lampiran.pdf"
        echo "$code,Inovasi $code,Instansi $i,pd,files/$code-proposal.pdf; files/$code-lampiran.pdf,https://youtu.be/$code"
      else
        { printf '%%PDF-1.7\n'; head -c $((200 * 1024)) /dev/urandom; } > "$work/files/$code.pdf"
        echo "$code,Inovasi $code,Instansi $i,pd,files/$code.pdf,"
      fi
    done
  } > "$work/entries.csv"
  codes=$(seq 1 $assigned | xargs printf 'E%04d,' | sed 's/,$//')
  printf 'id,nama,unsur,peran,penugasan,konflik\nJ1,Juri Satu,Akademisi,ketua,"proposal=%s",\nJ2,Juri Dua,Media,anggota,proposal=*,\n' "$codes" > "$work/jurors.csv"
  "$juri" init --db "$work/base.db" --definition crates/juri-cli/tests/data/roundtrip/lomba.toml > /dev/null
  /usr/bin/time -f "  entries import: %e s, %M KB peak" "$juri" entries import --db "$work/base.db" "$work/entries.csv"
  "$juri" jurors import --db "$work/base.db" "$work/jurors.csv" > /dev/null
  # The chair's keys, made once (the first package), so every timed run below re-issues.
  "$juri" package --db "$work/base.db" --juror J2 --out "$work/J2.juri" > /dev/null
  "$juri" entries documents --db "$work/base.db" --entry E0001 > /dev/null
fi

fresh() {
  rm -rf "$work/run" && mkdir -p "$work/run"
  cp "$work/base.db" "$work/run/lomba.db"
}
issued() {
  fresh
  "$juri" package --db "$work/run/lomba.db" --juror J1 --out "$work/run/J1.juri" > "$work/run/package.out"
}

# measure LABEL SETUP COMMAND...: the median wall time and peak memory of $runs runs.
measure() {
  local label=$1 setup=$2; shift 2
  local times=() kbs=() t s kb
  for _ in $(seq "$runs"); do
    $setup
    sync
    /usr/bin/time -f "%e %M" "$@" > "$work/last.out" 2> "$work/last.err" || { cat "$work/last.out" "$work/last.err" >&2; return 1; }
    t=$(tail -1 "$work/last.err"); times+=("${t% *}"); kbs+=("${t#* }")
  done
  s=$(printf '%s\n' "${times[@]}" | sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  kb=$(printf '%s\n' "${kbs[@]}" | sort -g | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}')
  printf '%-44s %7.2f s  %5d MB\n' "$label" "$s" "$((kb / 1024))"
  echo "$s" > "$work/$(printf '%s' "$label" | tr -c 'a-z0-9' '_').s"
}

noop() { rm -rf "$work/copy" && mkdir -p "$work/copy"; }
mb=$(du -cm "$work"/files/E00[0-2][0-9]-*.pdf | tail -1 | cut -f1)
echo "== $entries entries; juror J1: $assigned entries, $mb MB of documents"
measure "baseline: cp of the same files" noop sh -c "cp $work/files/E00[0-2][0-9]-*.pdf $work/copy/"
copy_s=$(cat "$work/baseline__cp_of_the_same_files.s")
measure "baseline: sha256sum of the same files" noop sh -c "sha256sum $work/files/E00[0-2][0-9]-*.pdf > /dev/null"
hash_s=$(cat "$work/baseline__sha256sum_of_the_same_files.s")
measure "juri package (package + documents file)" fresh "$juri" package --db "$work/run/lomba.db" --juror J1 --out "$work/run/J1.juri"
package_s=$(cat "$work/juri_package__package___documents_file_.s")
ls -l "$work/run/J1.juri" "$work/run/J1-documents.zip" | awk '{printf "  %-40s %8.1f MB\n", $NF, $5 / 1048576}'
# The juror's laptop: the package and its documents file as the chair wrote them, installed anew.
issued
code=$(grep -o '[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}' "$work/run/package.out" | head -1)
no_laptop() { rm -f "$work/run/j1.db" "$work/run/j1.db-wal" "$work/run/j1.db-shm"; }
measure "juri juror open (package + documents)" no_laptop \
  "$juri" juror --db "$work/run/j1.db" open "$work/run/J1.juri" --code "$code"
grep -h "documents from" "$work/last.out" | sed 's/^/  /'
install_s=$(cat "$work/juri_juror_open__package___documents_.s")
ls -l "$work/run/j1.db" | awk '{printf "  juror database %8.1f MB\n", $5 / 1048576}'
measure "juri package again (nothing new to send)" issued \
  "$juri" package --db "$work/run/lomba.db" --juror J1 --out "$work/run/J1.juri"
grep -h "documents →" "$work/last.out" | sed 's/^/  /'
awk -v p="$package_s" -v i="$install_s" -v c="$copy_s" -v h="$hash_s" 'BEGIN {
  printf "ratios: package / cp %.1f, package / sha256sum %.1f; install / cp %.1f, install / sha256sum %.1f\n", p / c, p / h, i / c, i / h
}'
