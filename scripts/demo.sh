#!/usr/bin/env bash
# The README's main job on the bundled sample: ingest our 242 briefs about real
# 2022-2025 events into an embedded store, then show what an analyst asks for.
set -euo pipefail
bin=${1:-build/detente}
here=$(cd "$(dirname "$0")/.." && pwd)
sample="$here/samples/briefs.jsonl"
db="${DETENTE_DEMO_DB:-$here/build/demo.db}"
rm -f "$db" "$db-wal" "$db-shm"

echo "== 1. ingest the bundled sample ($sample) into $db"
"$bin" ingest "$sample" --db "$db"
echo
echo "== 2. what the store holds"
"$bin" stats --db "$db" | sed -n '1,12p'
echo
echo "== 3. US-China events of 2023, both directions, as coded (asserted only)"
"$bin" events --db "$db" --dyad USA:CHN --undirected --since 2023-01 --until 2023-12 \
  --modality asserted --limit 30
echo
echo "== 4. the evidence behind the balloon crisis (February 2023)"
"$bin" events --db "$db" --dyad USA:CHN --undirected --since 2023-02-01 --until 2023-02-28 \
  --modality asserted --evidence --limit 4
echo
echo "== 5. the USA-CHN barometer for 2023, by week: series, change points with the events behind them, reciprocity"
"$bin" trend USA CHN --db "$db" --by week --since 2023-01 --until 2023-12
echo
echo "== 6. the whole sample (2022-2025) as one page for people who would rather look than read"
"$bin" report USA CHN --db "$db" -o "$here/detente-report.html"
echo "open $here/detente-report.html in a browser"
echo
echo "== 7. explore every relationship in a browser: $bin serve --db $db  (then open http://127.0.0.1:8765/)"
