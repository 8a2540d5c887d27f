#!/usr/bin/env bash
# The README's main job on the bundled sample.
set -euo pipefail
bin=${1:-build/detente}
here=$(cd "$(dirname "$0")/.." && pwd)
sample="$here/samples/scrape_sample.txt"
echo "== detente read: what the reader keeps from a raw page ($sample)"
"$bin" read --no-tokens "$sample" | python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    if o["type"] == "document":
        print(f"title:   {o[\"title\"]}\nsection: {o[\"section\"]}\ndate:    {o[\"story_date\"]} ({o[\"story_date_source\"]})")
    elif o["type"] == "segment":
        head = o.get("headline") or ""
        print(f"segment {o[\"segment\"]:<12} {len(o[\"paragraphs\"]):>2} paragraph(s)  {head[:60]}")
'
