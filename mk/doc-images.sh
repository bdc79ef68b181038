#!/usr/bin/env bash
# The document images in the README, printed by `juri` from the demo competition (`juri demo`), so
# they show what the real pipeline produces: page 1 of each document at 80 dpi, and the last page of
# the minutes (the signatures). The demo is then carried to a decided final — the presentation sheets
# still owed are typed in from paper (scores derived from the entry, criterion and juror), the
# presentation and final stages finalised — for the final's recap and the documents after the jury.
# Usage: mk/doc-images.sh [path/to/juri] [out dir, default docs/img]
set -euo pipefail
juri=${1:-target/debug/juri}
out=${2:-docs/img}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export JURI_NOW=2025-12-15T10:00:00+08:00
"$juri" demo --db "$work/d.db" > /dev/null
print() { "$juri" print --db "$work/d.db" "$@" --date 2025-12-15 > /dev/null; }
print score-sheet --stage proposal --juror J1 --entry PROV-01 --out "$work/score-sheet.pdf"
print recap --stage proposal --category pd-provinsi --out "$work/recap.pdf"
print minutes --stage proposal --number 001/BA/TPI/XII/2025 --venue "Aula Biro Organisasi, Kupang" \
  --out "$work/minutes.pdf"
print blank-sheet --stage proposal --entry PROV-01 --out "$work/blank-sheet.pdf"
print recusals --out "$work/recusals.pdf"
print minutes --stage administrasi --out "$work/minutes-administrasi.pdf"

# The decided final.
bash "$(dirname "$0")/demo-final.sh" "$juri" "$work/d.db"
print recap --stage final --out "$work/recap-final.pdf"
print announcement --out "$work/announcement.pdf"
print decree-attachment --out "$work/decree-attachment.pdf"
print certificate --out "$work/certificate.pdf"
png() { # PDF PAGE NAME
  pdftoppm -png -r 80 -f "$2" -l "$2" -singlefile "$work/$1.pdf" "$out/$3"
}
mkdir -p "$out"
for doc in score-sheet recap minutes blank-sheet recusals minutes-administrasi recap-final announcement \
  decree-attachment certificate; do
  png "$doc" 1 "$doc"
done
# The public verification archive's results page, at a phone's and a desktop's width.
bash "$(dirname "$0")/results-page.sh" "$juri" "$out"
last=$(pdfinfo "$work/minutes.pdf" | awk '/^Pages:/ {print $2}')
png minutes "$last" minutes-signatures
echo "wrote score-sheet, recap, minutes, minutes-signatures, blank-sheet, recusals, minutes-administrasi, recap-final," \
  "announcement, decree-attachment and certificate PNGs into $out"
