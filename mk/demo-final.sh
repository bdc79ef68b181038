#!/usr/bin/env bash
# Carries the demo competition in DB to a decided final: the presentation sheets still owed are
# typed in from paper (scores derived from the entry, criterion and juror), then the presentation
# and final stages are finalised. Used by the README's images (mk/doc-images.sh) and the results
# page's check (mk/results-page.sh).
# Usage: mk/demo-final.sh path/to/juri path/to/d.db
set -euo pipefail
juri=$1
db=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$juri" status --db "$db" --stage presentasi --format json > "$work/status.json"
python3 - "$work/status.json" "$work/paper.csv" <<'PY'
import json, sys
status = json.load(open(sys.argv[1]))
criteria = ["kebaharuan", "kemanfaatan", "kolaborasi", "replikasi", "penyajian"]
with open(sys.argv[2], "w") as out:
    out.write("stage,entry,juror,criterion,score\n")
    for entry, row in zip(status["entries"], status["matrix"]):
        for n, (juror, cell) in enumerate(zip(status["jurors"], row)):
            if cell != "submitted":
                for i, criterion in enumerate(criteria):
                    out.write(f"presentasi,{entry},{juror},{criterion},{(len(entry) + i + n) % 4 + 3}\n")
PY
"$juri" scores import --db "$db" "$work/paper.csv" > /dev/null
"$juri" finalize --db "$db" --stage presentasi > /dev/null
"$juri" finalize --db "$db" --stage final > /dev/null
